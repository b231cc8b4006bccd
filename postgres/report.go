package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gongkai"
	"gongkai/store"
)

// prepared is a report ready to be written: its meta filled in, its
// content encoded.
type prepared struct {
	n       *store.NewReport
	m       store.ReportMeta
	content []byte
}

// prepare fills in the meta of n the way every store does
// (store.PrepareReport) and encodes the report. now is the creation time.
func prepare(n *store.NewReport, now time.Time) (*prepared, error) {
	m, content, err := store.PrepareReport(n, now)
	if err != nil {
		return nil, err
	}
	return &prepared{n: n, m: m, content: content}, nil
}

// reportValues are the values of a reports row, in reportColumns order.
func (p *prepared) reportValues() []any {
	m := &p.m
	return []any{m.ID, m.Department, m.Region, m.Year, string(m.Kind), string(m.Unit), m.Title, m.File, m.Format,
		m.SHA256, string(m.Status), string(m.Origin), m.Counts.Errors, m.Counts.Warnings, m.Counts.Infos,
		m.Tables, m.Claims, nullID(m.UploadedBy), nullID(m.BatchID),
		m.CreatedAt, m.UpdatedAt, nullTime(m.PublishedAt), m.Version, p.content}
}

var reportColumns = []string{"id", "department", "region", "year", "kind", "unit", "title", "file", "format",
	"sha256", "status", "origin", "errors", "warnings", "infos", "tables", "claims", "uploaded_by", "batch_id",
	"created_at", "updated_at", "published_at", "version", "content"}

var fileColumns = []string{"report_id", "seq", "name", "format", "size", "sha256", "content", "lines"}

// fileRows returns the source_files rows of the report.
func (p *prepared) fileRows() [][]any {
	var out [][]any
	for i, f := range p.n.StoredFiles() {
		out = append(out, []any{p.m.ID, i, f.Name, f.Format, f.Size, f.SHA256, f.Content, store.JoinLines(f.Lines)})
	}
	return out
}

var findingColumns = []string{"report_id", "seq", "rule", "family", "severity", "message",
	"file", "page", "line", "sheet", "cell", "quote", "expected", "found", "related"}

// findingRows returns the findings rows of the report.
func (p *prepared) findingRows() ([][]any, error) {
	var out [][]any
	for i, f := range p.n.Findings {
		related, err := store.RelatedValue(&f)
		if err != nil {
			return nil, err
		}
		out = append(out, []any{p.m.ID, i, f.Rule, store.Family(f.Rule), int16(f.Severity), f.Message,
			f.Loc.File, f.Loc.Page, f.Loc.Line, f.Loc.Sheet, f.Loc.Cell, f.Quote, f.Expected, f.Found, related})
	}
	return out, nil
}

var figureColumns = []string{"report_id", "quantity", "fen"}

func (p *prepared) figureRows() [][]any {
	var out [][]any
	for q, fen := range store.FiguresOf(p.n.Report) {
		out = append(out, []any{p.m.ID, string(q), fen})
	}
	return out
}

var classColumns = []string{"report_id", "seq", "code", "name", "total", "basic", "project", "source_table"}

func (p *prepared) classRows() [][]any {
	var out [][]any
	for i, c := range store.ClassesOf(p.n.Report) {
		out = append(out, []any{p.m.ID, i, c.Code, c.Name, c.Total, c.Basic, c.Project, string(c.Table)})
	}
	return out
}

// insertSQL returns an INSERT of one row into table.
func insertSQL(table string, cols []string) string {
	ph := make([]string, len(cols))
	for i := range cols {
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(ph, ", ") + ")"
}

var (
	insertReport  = insertSQL("reports", reportColumns[1:])
	insertFile    = insertSQL("source_files", fileColumns)
	insertFinding = insertSQL("findings", findingColumns)
	insertFigure  = insertSQL("report_figures", figureColumns)
	insertClass   = insertSQL("report_classes", classColumns)
)

// CreateReport stores a checked report and everything that goes with it in
// one transaction.
func (db *DB) CreateReport(ctx context.Context, n *store.NewReport) (_ *store.ReportMeta, err error) {
	defer wrap(&err, "CreateReport(%q)", n.Meta.File)
	p, err := prepare(n, db.now())
	if err != nil {
		return nil, err
	}
	err = db.tx(ctx, func(tx pgx.Tx) error {
		if p.m.BatchID != 0 {
			// Counting it first also locks the batch row, so concurrent
			// reports of one batch queue here instead of deadlocking.
			tag, err := tx.Exec(ctx, `UPDATE batches SET done = done + 1 WHERE id = $1`, p.m.BatchID)
			if err != nil {
				return err
			}
			if tag.RowsAffected() != 1 {
				return fmt.Errorf("%w: batch %d does not exist", store.ErrInvalid, p.m.BatchID)
			}
		}
		if err := tx.QueryRow(ctx, insertReport+" RETURNING id", p.reportValues()[1:]...).Scan(&p.m.ID); err != nil {
			return err
		}
		b := &pgx.Batch{}
		for _, row := range p.fileRows() {
			b.Queue(insertFile, row...)
		}
		rows, err := p.findingRows()
		if err != nil {
			return err
		}
		for _, row := range rows {
			b.Queue(insertFinding, row...)
		}
		for _, row := range p.figureRows() {
			b.Queue(insertFigure, row...)
		}
		for _, row := range p.classRows() {
			b.Queue(insertClass, row...)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return nil, err
	}
	n.Meta = p.m
	return &p.m, nil
}

func scanMeta(s store.Scanner) (*store.ReportMeta, error) {
	var m store.ReportMeta
	var kind, unit, status, origin string
	var uploadedBy, batchID *int64
	var created, updated, published *time.Time
	err := s.Scan(&m.ID, &m.Department, &m.Region, &m.Year, &kind, &unit, &m.Title, &m.File, &m.Format, &m.SHA256,
		&status, &origin, &m.Counts.Errors, &m.Counts.Warnings, &m.Counts.Infos, &m.Tables, &m.Claims,
		&uploadedBy, &batchID, &created, &updated, &published, &m.Version)
	if err != nil {
		return nil, err
	}
	m.Kind, m.Unit, m.Status, m.Origin = gongkai.Kind(kind), gongkai.Unit(unit), store.Status(status), store.Origin(origin)
	if uploadedBy != nil {
		m.UploadedBy = *uploadedBy
	}
	if batchID != nil {
		m.BatchID = *batchID
	}
	m.CreatedAt, m.UpdatedAt, m.PublishedAt = utc(created), utc(updated), utc(published)
	return &m, nil
}

// ReportMeta returns the facts of a report.
func (db *DB) ReportMeta(ctx context.Context, id int64) (*store.ReportMeta, error) {
	m, err := scanMeta(db.pool.QueryRow(ctx, `SELECT `+store.MetaColumns+` FROM reports r WHERE r.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("ReportMeta(%d): %w", id, err)
	}
	return m, nil
}

// PreviousYear returns the department's latest report of the kind for
// year-1 that v may see, or nil.
func (db *DB) PreviousYear(ctx context.Context, department string, kind gongkai.Kind, year int, v store.Visibility) (*store.ReportMeta, error) {
	q := `SELECT ` + store.MetaColumns + ` FROM reports r WHERE r.department = $1 AND r.kind = $2 AND r.year = $3`
	if !v.All && (v.Department == "" || v.Department != department) {
		q += ` AND r.status = 'published'`
	}
	m, err := scanMeta(db.pool.QueryRow(ctx, q+` ORDER BY r.id DESC LIMIT 1`, department, string(kind), year-1))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("PreviousYear(%q, %d): %w", department, year, err)
	}
	return m, nil
}

// Report returns the stored report with the lines of its files.
func (db *DB) Report(ctx context.Context, id int64) (_ *gongkai.Report, err error) {
	defer wrap(&err, "Report(%d)", id)
	var content []byte
	err = db.pool.QueryRow(ctx, `SELECT content FROM reports WHERE id = $1`, id).Scan(&content)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	r, err := store.DecodeReport(content)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT `+store.SourceColumns+` FROM source_files WHERE report_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sources, err := store.ScanAll(rows, store.ScanSource)
	if err != nil {
		return nil, err
	}
	r.Sources = append(r.Sources, sources...)
	return r, nil
}

// Findings returns the findings of a report.
func (db *DB) Findings(ctx context.Context, id int64) (_ []gongkai.Finding, err error) {
	defer wrap(&err, "Findings(%d)", id)
	out, err := reportRows(ctx, db, id, `SELECT `+store.FindingColumns+` FROM findings WHERE report_id = $1 ORDER BY seq`, store.ScanFinding)
	if out == nil && err == nil {
		out = []gongkai.Finding{}
	}
	return out, err
}

func (db *DB) exists(ctx context.Context, id int64) error {
	var one int
	err := db.pool.QueryRow(ctx, `SELECT 1 FROM reports WHERE id = $1`, id).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

// reportRows reads with scan the rows of report id that q selects (with
// id as $1); only when there are none does it ask whether the report
// exists, and returns ErrNotFound when it does not.
func reportRows[T any](ctx context.Context, db *DB, id int64, q string, scan func(store.Scanner) (T, error)) ([]T, error) {
	rows, err := db.pool.Query(ctx, q, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out, err := store.ScanAll(rows, scan)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if err := db.exists(ctx, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SourceFiles returns the files a report was read from.
func (db *DB) SourceFiles(ctx context.Context, id int64) (_ []store.SourceFile, err error) {
	defer wrap(&err, "SourceFiles(%d)", id)
	return reportRows(ctx, db, id, `SELECT `+store.SourceFileColumns+` FROM source_files WHERE report_id = $1 ORDER BY seq`, store.ScanSourceFile)
}

// dialect is PostgreSQL's part of the WHERE clause of a report filter.
var dialect = store.Dialect{
	Placeholder: func(n int) string { return "$" + strconv.Itoa(n) },
	Contains:    func(col, p string) string { return col + ` ILIKE ` + p },
	OneOf: func(col string, ids []int64, arg func(any) string) string {
		return col + ` = ANY(` + arg(ids) + `)`
	},
	ByCodePoint: ` COLLATE "C"`,
}

// ListReports returns the reports a filter selects (store.Dialect.ListReports).
func (db *DB) ListReports(ctx context.Context, f store.ReportFilter) (_ []*store.ReportMeta, total int, err error) {
	defer wrap(&err, "ListReports")
	return dialect.ListReports(f, db.query(ctx), scanMeta)
}

// query runs read statements on the pool (a store.Query).
func (db *DB) query(ctx context.Context) store.Query {
	return func(q string, args []any, read func(store.Rows) error) error {
		rows, err := db.pool.Query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return read(rows)
	}
}

// FamilyCounts counts findings by report and rule family.
func (db *DB) FamilyCounts(ctx context.Context, f store.ReportFilter) (_ map[int64]map[string]store.Counts, err error) {
	defer wrap(&err, "FamilyCounts")
	return dialect.FamilyCounts(f, db.query(ctx))
}

// Figures returns the headline figures of reports.
func (db *DB) Figures(ctx context.Context, ids []int64) (_ map[int64]map[gongkai.Quantity]int64, err error) {
	defer wrap(&err, "Figures")
	return dialect.Figures(ids, db.query(ctx))
}

// Classes returns the expenditure of a report by function class.
func (db *DB) Classes(ctx context.Context, id int64) (_ []store.Class, err error) {
	defer wrap(&err, "Classes(%d)", id)
	return reportRows(ctx, db, id, `SELECT `+store.ClassColumns+` FROM report_classes WHERE report_id = $1 ORDER BY seq`, store.ScanClass)
}

// SetStatus publishes or withdraws a report.
func (db *DB) SetStatus(ctx context.Context, id int64, s store.Status, at time.Time) (err error) {
	defer wrap(&err, "SetStatus(%d, %s)", id, s)
	if !s.Valid() {
		return store.ErrInvalid
	}
	var published any
	if s == store.Published {
		published = at.UTC()
	}
	tag, err := db.pool.Exec(ctx, `UPDATE reports SET status = $1, updated_at = $2, version = version + 1,
		published_at = COALESCE($3::timestamptz, published_at) WHERE id = $4`, string(s), at.UTC(), published, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}

// DeleteReport removes a report; its files, findings, figures and
// inspection go with it (ON DELETE CASCADE).
func (db *DB) DeleteReport(ctx context.Context, id int64) (err error) {
	defer wrap(&err, "DeleteReport(%d)", id)
	tag, err := db.pool.Exec(ctx, `DELETE FROM reports WHERE id = $1`, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}

// Facets lists distinct departments, regions and years.
func (db *DB) Facets(ctx context.Context, v store.Visibility) (_ *store.Facets, err error) {
	defer wrap(&err, "Facets")
	return dialect.Facets(v, db.query(ctx))
}

func scanInspection(s store.Scanner) (*store.Inspection, error) {
	var in store.Inspection
	var approved, published, updated *time.Time
	var by *int64
	if err := s.Scan(&in.ReportID, &approved, &published, &in.OnPlatform, &in.Notes, &by, &updated); err != nil {
		return nil, err
	}
	in.ApprovedOn, in.PublishedOn = date(approved), date(published)
	if by != nil {
		in.UpdatedBy = *by
	}
	in.UpdatedAt = utc(updated)
	return &in, nil
}

// Inspection returns what an inspector entered for a report.
func (db *DB) Inspection(ctx context.Context, id int64) (_ *store.Inspection, err error) {
	defer wrap(&err, "Inspection(%d)", id)
	in, err := scanInspection(db.pool.QueryRow(ctx, `SELECT `+store.InspectionColumns+` FROM inspections WHERE report_id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		if err := db.exists(ctx, id); err != nil {
			return nil, err
		}
		return &store.Inspection{ReportID: id}, nil
	}
	return in, err
}

// Inspections returns the inspections of several reports.
func (db *DB) Inspections(ctx context.Context, ids []int64) (_ map[int64]*store.Inspection, err error) {
	defer wrap(&err, "Inspections")
	return dialect.Inspections(ids, db.query(ctx), scanInspection)
}

// SaveInspection stores an inspection.
func (db *DB) SaveInspection(ctx context.Context, in *store.Inspection) (err error) {
	defer wrap(&err, "SaveInspection(%d)", in.ReportID)
	if in.UpdatedAt.IsZero() {
		in.UpdatedAt = db.now()
	}
	tag, err := db.pool.Exec(ctx, `INSERT INTO inspections (`+store.InspectionColumns+`)
		SELECT $1::bigint, $2::date, $3::date, $4::boolean, $5::text, $6::bigint, $7::timestamptz WHERE EXISTS (SELECT 1 FROM reports WHERE id = $1)
		ON CONFLICT (report_id) DO UPDATE SET approved_on = excluded.approved_on, published_on = excluded.published_on,
		on_platform = excluded.on_platform, notes = excluded.notes, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		in.ReportID, nullDate(in.ApprovedOn), nullDate(in.PublishedOn), in.OnPlatform, in.Notes, nullID(in.UpdatedBy), in.UpdatedAt.UTC())
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}
