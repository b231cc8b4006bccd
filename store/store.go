// Package store defines how gongkai keeps disclosures, their findings, users,
// sessions and batches: the Store interface and the plain types it reads and
// writes, and the driver-independent part of storing them (rows.go,
// where.go for the queries of a ReportFilter in either SQL dialect, and
// migrations.go for reading a store's numbered schema migrations).
// Package sqlite implements Store on an embedded SQLite file, package
// postgres on PostgreSQL. Package storetest is the conformance suite every
// implementation must pass.
//
// Amounts are int64 分 (gongkai.Money.Fen) everywhere, so sums in SQL are exact.
package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gongkai"
)

// Errors returned by every Store. Test them with errors.Is.
var (
	// ErrNotFound: the report, user, session, batch or setting does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict: a unique value (a user name) is taken.
	ErrConflict = errors.New("store: conflict")
	// ErrInvalid: the value given cannot be stored (empty name, unknown role…).
	ErrInvalid = errors.New("store: invalid value")
)

// Store keeps everything the web application needs. Every method is safe for
// concurrent use. Methods that write do so in one transaction: either all of
// their effect is stored or none of it.
type Store interface {
	ReportStore
	UserStore
	BatchStore

	// Setting returns a stored setting. Returns ErrNotFound when unset.
	Setting(ctx context.Context, key string) (string, error)
	// PutSetting stores a setting, replacing an older value.
	PutSetting(ctx context.Context, key, value string) error
	// SchemaVersion returns the number of migrations applied.
	SchemaVersion(ctx context.Context) (int, error)
	// Close releases the database.
	Close() error
}

// ReportStore keeps disclosures with their source files and findings.
type ReportStore interface {
	// CreateReport stores a checked report with its source files, findings,
	// headline figures and function classes in one transaction, and, when
	// n.Meta.BatchID is set, counts it as done in its batch in the same
	// transaction. It fills n.Meta.ID, CreatedAt, UpdatedAt and Version and
	// returns the stored meta. Returns ErrInvalid when the report or a
	// file is missing, or the batch does not exist.
	CreateReport(ctx context.Context, n *NewReport) (*ReportMeta, error)
	// ReportMeta returns the facts of a report, not its content.
	// Returns ErrNotFound when there is no such report.
	ReportMeta(ctx context.Context, id int64) (*ReportMeta, error)
	// Report returns the stored report with its Sources (the lines of its
	// files). Returns ErrNotFound when there is no such report.
	Report(ctx context.Context, id int64) (*gongkai.Report, error)
	// Findings returns the findings of a report in their stored order.
	// Returns ErrNotFound when there is no such report.
	Findings(ctx context.Context, id int64) ([]gongkai.Finding, error)
	// SourceFiles returns the files a report was read from, with their
	// bytes. Returns ErrNotFound when there is no such report.
	SourceFiles(ctx context.Context, id int64) ([]SourceFile, error)
	// ListReports returns the reports the filter selects, in the filter's
	// order, and how many it selects without Limit and Offset.
	ListReports(ctx context.Context, f ReportFilter) ([]*ReportMeta, int, error)
	// FamilyCounts returns, for each report the filter selects, its
	// findings counted by rule family (the rule id before the first dot).
	FamilyCounts(ctx context.Context, f ReportFilter) (map[int64]map[string]Counts, error)
	// Figures returns the headline figures of the given reports, in 分.
	Figures(ctx context.Context, ids []int64) (map[int64]map[gongkai.Quantity]int64, error)
	// Classes returns the expenditure of a report by function class (类).
	// Returns ErrNotFound when there is no such report.
	Classes(ctx context.Context, id int64) ([]Class, error)
	// SetStatus publishes or withdraws a report, bumping its Version.
	// Returns ErrNotFound when there is no such report, ErrInvalid for an
	// unknown status.
	SetStatus(ctx context.Context, id int64, s Status, at time.Time) error
	// DeleteReport removes a report and everything stored with it.
	// Returns ErrNotFound when there is no such report.
	DeleteReport(ctx context.Context, id int64) error
	// Facets lists the distinct departments, regions and years of the
	// reports the visibility admits, for search forms.
	Facets(ctx context.Context, v Visibility) (*Facets, error)
	// Inspection returns what an inspector entered for a report; a report
	// with nothing entered yields an Inspection with only ReportID set.
	// Returns ErrNotFound when there is no such report.
	Inspection(ctx context.Context, id int64) (*Inspection, error)
	// Inspections returns the inspections of several reports, by report id;
	// reports with nothing entered are absent.
	Inspections(ctx context.Context, ids []int64) (map[int64]*Inspection, error)
	// SaveInspection stores an inspection, replacing the previous one.
	// Returns ErrNotFound when there is no such report.
	SaveInspection(ctx context.Context, in *Inspection) error
}

// PreviousYearFinder is implemented by stores that find a department's
// report of the year before with one prepared query; the web application
// falls back to ListReports for stores that do not.
type PreviousYearFinder interface {
	// PreviousYear returns the newest report of the department and kind
	// for year-1, among those the visibility admits; nil (and no error)
	// when there is none.
	PreviousYear(ctx context.Context, department string, kind gongkai.Kind, year int, v Visibility) (*ReportMeta, error)
}

// UserStore keeps accounts and their sessions.
type UserStore interface {
	// CreateUser stores a new user and fills its ID and CreatedAt.
	// Returns ErrConflict when the name is taken, ErrInvalid when the name
	// is empty, the role unknown, or an editor has no department.
	CreateUser(ctx context.Context, u *User) error
	// User returns a user by id. Returns ErrNotFound when there is none.
	User(ctx context.Context, id int64) (*User, error)
	// UserByName returns a user by name. Returns ErrNotFound when there is none.
	UserByName(ctx context.Context, name string) (*User, error)
	// Users lists every user by name.
	Users(ctx context.Context) ([]*User, error)
	// SetPassword replaces a user's password hash and ends their sessions.
	// Returns ErrNotFound when there is no such user.
	SetPassword(ctx context.Context, id int64, hash []byte) error
	// CountUsers returns how many users exist.
	CountUsers(ctx context.Context) (int, error)

	// CreateSession stores a session.
	CreateSession(ctx context.Context, s *Session) error
	// Session returns a live session and its user by the hash of its
	// token. Returns ErrNotFound when there is none, it has expired, or its
	// user is disabled.
	Session(ctx context.Context, tokenHash string, now time.Time) (*Session, *User, error)
	// DeleteSession ends a session. Deleting a missing session is not an error.
	DeleteSession(ctx context.Context, tokenHash string) error
	// DeleteExpiredSessions removes the sessions that expired before now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) error
}

// BatchStore keeps batches of uploaded files checked together.
type BatchStore interface {
	// CreateBatch stores a running batch and fills its ID and CreatedAt.
	CreateBatch(ctx context.Context, b *Batch) error
	// Batch returns a batch with its failures. Returns ErrNotFound when there is none.
	Batch(ctx context.Context, id int64) (*Batch, error)
	// Batches lists the most recent batches, newest first.
	Batches(ctx context.Context, limit int) ([]*Batch, error)
	// AddBatchFailure records a file of a batch that could not be read and
	// counts it. Returns ErrNotFound when there is no such batch.
	AddBatchFailure(ctx context.Context, id int64, file, message string) error
	// FinishBatch marks a batch done (or another final status).
	// Returns ErrNotFound when there is no such batch.
	FinishBatch(ctx context.Context, id int64, s BatchStatus, at time.Time) error
	// InterruptRunningBatches marks every running batch interrupted; a
	// server calls it at start, since no batch survives a restart. It
	// returns how many it marked.
	InterruptRunningBatches(ctx context.Context, at time.Time) (int, error)
}

// Status says whether the public may read a report.
type Status string

// The statuses of a report.
const (
	Draft     Status = "draft"     // 未发布: seen by its department, reviewers and admins
	Published Status = "published" // 已发布: seen by everyone
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Draft || s == Published }

// Chinese returns 未发布 or 已发布.
func (s Status) Chinese() string {
	if s == Published {
		return "已发布"
	}
	return "未发布"
}

// Origin says how a report came in.
type Origin string

// The origins of a report.
const (
	FromUpload    Origin = "upload"    // a published file uploaded for checking
	FromGenerated Origin = "generated" // generated from a filled budget workbook
	FromExample   Origin = "example"   // loaded at first start
	FromAPI       Origin = "api"       // uploaded through the JSON API
)

// Counts counts findings by severity.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Add counts one finding of severity s.
func (c *Counts) Add(s gongkai.Severity) { c.AddN(s, 1) }

// AddN counts n findings of severity s.
func (c *Counts) AddN(s gongkai.Severity, n int) {
	switch s {
	case gongkai.Error:
		c.Errors += n
	case gongkai.Warning:
		c.Warnings += n
	default:
		c.Infos += n
	}
}

// CountFindings counts findings by severity.
func CountFindings(fs []gongkai.Finding) Counts {
	var c Counts
	for _, f := range fs {
		c.Add(f.Severity)
	}
	return c
}

// ReportMeta is what is known of a stored report without reading its content.
type ReportMeta struct {
	ID         int64
	Department string
	Region     string // 省/市/区/县 the department belongs to, from its name or given
	Year       int
	Kind       gongkai.Kind
	Unit       gongkai.Unit
	Title      string // a display title: 部门 年度 预算/决算 公开
	File       string // the name of the uploaded file (names joined with " + ")
	Format     string // format of the first file: text, html, pdf, xlsx, docx
	SHA256     string // of the first file's bytes
	Status     Status
	Origin     Origin
	Counts     Counts
	Tables     int
	Claims     int
	UploadedBy int64 // user id, 0 when none
	BatchID    int64 // 0 when not part of a batch
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// PublishedAt is when the report was last published; zero when never.
	PublishedAt time.Time
	// Version grows with every change of the report; caches key on it.
	Version int64
}

// NewReport is a checked report to store.
type NewReport struct {
	Meta     ReportMeta
	Report   *gongkai.Report
	Findings []gongkai.Finding
	Files    []SourceFile
}

// SourceFile is one file a report was read from.
type SourceFile struct {
	Name    string
	Format  string
	Size    int64
	SHA256  string
	Content []byte   // the bytes as uploaded
	Lines   []string // the text the importer read (Report.Sources)
}

// Class is the expenditure of one function class (类) of a report.
type Class struct {
	Code    string
	Name    string
	Total   int64 // 分
	Basic   *int64
	Project *int64
	Table   gongkai.TableKind // the table it was read from
}

// Visibility says which reports a reader may see: all of them, or the
// published ones plus the drafts of one department.
type Visibility struct {
	All        bool
	Department string // drafts of this department are visible too
}

// ReportFilter selects reports.
type ReportFilter struct {
	Visibility Visibility
	Query      string // part of the department name or title
	Department string // exact department
	Region     string // part of the region
	Year       int
	Kind       gongkai.Kind
	Status     Status
	BatchID    int64
	IDs        []int64
	Sort       string // "newest" (default), "department", "year", "errors"
	Limit      int    // 0: no limit
	Offset     int
}

// Facets are the distinct values found in the visible reports.
type Facets struct {
	Departments []string
	Regions     []string
	Years       []int
}

// Inspection is what an inspector (预决算公开检查) entered for a report:
// the dates used to score timeliness and the form of publication.
type Inspection struct {
	ReportID int64
	// ApprovedOn is the date the budget or final account was approved
	// (批复); zero when not entered.
	ApprovedOn time.Time
	// PublishedOn is the date it was made public; zero when not entered.
	PublishedOn time.Time
	// OnPlatform says whether it was published on the government's unified
	// disclosure platform or the department's portal; nil when not entered.
	OnPlatform *bool
	Notes      string
	UpdatedBy  int64
	UpdatedAt  time.Time
}

// Role is what a user may do.
type Role string

// The roles.
const (
	Editor   Role = "editor"   // 编制人员: uploads and publishes its department's disclosures
	Reviewer Role = "reviewer" // 检查人员: sees and batch-checks every disclosure
	Admin    Role = "admin"    // 管理员: everything, and creates users
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == Editor || r == Reviewer || r == Admin }

// Chinese returns the role's Chinese name.
func (r Role) Chinese() string {
	switch r {
	case Editor:
		return "编制人员"
	case Reviewer:
		return "检查人员"
	case Admin:
		return "管理员"
	}
	return "访客"
}

// User is an account.
type User struct {
	ID           int64
	Name         string
	Role         Role
	Department   string // required for editors
	PasswordHash []byte
	CreatedAt    time.Time
	Disabled     bool
}

// Prepare trims the spaces around u's name and department, as every store
// keeps them, reports whether u can be stored (Validate), and when it can,
// makes now its creation time unless it has one.
func (u *User) Prepare(now time.Time) error {
	u.Name = strings.TrimSpace(u.Name)
	u.Department = strings.TrimSpace(u.Department)
	if err := u.Validate(); err != nil {
		return err
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = now
	}
	return nil
}

// Validate reports whether u can be stored.
func (u *User) Validate() error {
	if strings.TrimSpace(u.Name) == "" || len(u.Name) > 64 {
		return errors.Join(ErrInvalid, errors.New("user name must be 1 to 64 bytes"))
	}
	if !u.Role.Valid() {
		return errors.Join(ErrInvalid, errors.New("unknown role "+string(u.Role)))
	}
	if u.Role == Editor && strings.TrimSpace(u.Department) == "" {
		return errors.Join(ErrInvalid, errors.New("an editor needs a department"))
	}
	if len(u.PasswordHash) == 0 {
		return errors.Join(ErrInvalid, errors.New("no password"))
	}
	return nil
}

// Session is a logged-in browser. Only the hash of its token is stored.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Prepare returns ErrInvalid when s has no token or user, and otherwise
// makes now its creation time unless it has one.
func (s *Session) Prepare(now time.Time) error {
	if s.TokenHash == "" || s.UserID == 0 {
		return ErrInvalid
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = now
	}
	return nil
}

// BatchStatus says where a batch is.
type BatchStatus string

// The statuses of a batch.
const (
	BatchRunning     BatchStatus = "running"
	BatchDone        BatchStatus = "done"
	BatchInterrupted BatchStatus = "interrupted" // the server stopped before it finished
)

// Chinese returns the status in Chinese.
func (s BatchStatus) Chinese() string {
	switch s {
	case BatchRunning:
		return "检查中"
	case BatchDone:
		return "已完成"
	case BatchInterrupted:
		return "已中断"
	}
	return string(s)
}

// Batch is a set of files uploaded and checked together.
type Batch struct {
	ID         int64
	Name       string
	CreatedBy  int64
	CreatedAt  time.Time
	FinishedAt time.Time
	Status     BatchStatus
	Total      int // files in the batch
	Done       int // files stored as reports
	Failed     int // files that could not be read
	Failures   []BatchFailure
}

// Prepare makes now the creation time of b and running its status, unless
// it has them.
func (b *Batch) Prepare(now time.Time) {
	if b.CreatedAt.IsZero() {
		b.CreatedAt = now
	}
	if b.Status == "" {
		b.Status = BatchRunning
	}
}

// BatchFailure is a file of a batch that could not be read.
type BatchFailure struct {
	File    string
	Message string
}

// Now returns the time clock gives (time.Now when clock is nil) as every
// store keeps times: in UTC, to the millisecond.
func Now(clock func() time.Time) time.Time {
	t := time.Now()
	if clock != nil {
		t = clock()
	}
	return t.UTC().Truncate(time.Millisecond)
}

// Family returns the family of a rule id: the part before the first dot
// (table, cross, prose, code, complete).
func Family(rule string) string {
	f, _, _ := strings.Cut(rule, ".")
	return f
}
