package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gongkai"
)

// These helpers turn reports and findings into the values a store writes in
// its rows, and rows read back into values. They hold no driver code, so
// every implementation fills in, encodes and decodes the same way.

// PrepareReport checks n and returns the meta every store writes for it —
// the facts not given taken from the report and its first file, the
// counts, and now as its creation time — and the report's content encoded
// as JSON. It returns ErrInvalid when the report or a file is missing or
// the status is unknown.
func PrepareReport(n *NewReport, now time.Time) (ReportMeta, []byte, error) {
	if n.Report == nil || len(n.Files) == 0 {
		return ReportMeta{}, nil, fmt.Errorf("%w: a report needs its content and at least one file", ErrInvalid)
	}
	r := n.Report
	content, err := json.Marshal(r)
	if err != nil {
		return ReportMeta{}, nil, err
	}
	m := n.Meta
	if m.Department == "" {
		m.Department = r.Department
	}
	if m.Region == "" {
		m.Region = RegionOf(m.Department)
	}
	if m.Year == 0 {
		m.Year = r.Year
	}
	if m.Kind == "" {
		m.Kind = r.Kind
	}
	if m.Unit == "" {
		m.Unit = r.Unit
	}
	if m.Title == "" {
		m.Title = TitleOf(r)
	}
	if m.File == "" {
		m.File = r.File
	}
	if m.Format == "" {
		m.Format = n.Files[0].Format
	}
	if m.SHA256 == "" {
		m.SHA256 = n.Files[0].SHA256
	}
	if m.Status == "" {
		m.Status = Draft
	}
	if !m.Status.Valid() {
		return ReportMeta{}, nil, fmt.Errorf("%w: status %q", ErrInvalid, m.Status)
	}
	if m.Origin == "" {
		m.Origin = FromUpload
	}
	m.Counts = CountFindings(n.Findings)
	m.Tables = len(r.Tables)
	m.Claims = len(r.Claims)
	m.CreatedAt, m.UpdatedAt, m.Version = now, now, 1
	if m.Status == Published && m.PublishedAt.IsZero() {
		m.PublishedAt = now
	}
	if m.Status == Draft {
		m.PublishedAt = time.Time{}
	}
	return m, content, nil
}

// DecodeReport decodes the stored content of a report.
func DecodeReport(content []byte) (*gongkai.Report, error) {
	var r gongkai.Report
	if err := json.Unmarshal(content, &r); err != nil {
		return nil, fmt.Errorf("decode content: %w", err)
	}
	return &r, nil
}

// StoredFiles returns the files of n as a store writes them: with the
// lines of the report's source of the same place when a file has none, its
// content never nil, and the size of its content when no size is given.
func (n *NewReport) StoredFiles() []SourceFile {
	out := make([]SourceFile, len(n.Files))
	for i, f := range n.Files {
		if f.Lines == nil && i < len(n.Report.Sources) {
			f.Lines = n.Report.Sources[i].Lines
		}
		if f.Size == 0 {
			f.Size = int64(len(f.Content))
		}
		if f.Content == nil {
			f.Content = []byte{}
		}
		out[i] = f
	}
	return out
}

// JoinLines returns the lines of a source file as stored: one text.
func JoinLines(lines []string) string { return strings.Join(lines, "\n") }

// splitLines returns the stored text of a source file as its lines; nil
// for none.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// RelatedValue returns the related places of a finding as stored: their
// JSON, or nil (NULL) when there are none.
func RelatedValue(f *gongkai.Finding) (any, error) {
	if len(f.Related) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(f.Related)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// FindingColumns are the columns of a findings row ScanFinding reads, in
// its order.
const FindingColumns = `rule, severity, message, file, page, line, sheet, cell, quote, expected, found, related`

// ScanFinding reads a finding from a row of FindingColumns.
func ScanFinding(s Scanner) (gongkai.Finding, error) {
	var f gongkai.Finding
	var sev int
	var related *string
	if err := s.Scan(&f.Rule, &sev, &f.Message, &f.Loc.File, &f.Loc.Page, &f.Loc.Line, &f.Loc.Sheet, &f.Loc.Cell,
		&f.Quote, &f.Expected, &f.Found, &related); err != nil {
		return f, err
	}
	f.Severity = gongkai.Severity(sev)
	f.Line = f.Loc.Line
	if related != nil {
		if err := json.Unmarshal([]byte(*related), &f.Related); err != nil {
			return f, err
		}
	}
	return f, nil
}

// SourceFileColumns are the columns of a source_files row ScanSourceFile
// reads, in its order.
const SourceFileColumns = `name, format, size, sha256, content, lines`

// ScanSourceFile reads a source file from a row of SourceFileColumns.
func ScanSourceFile(s Scanner) (SourceFile, error) {
	var f SourceFile
	var lines string
	if err := s.Scan(&f.Name, &f.Format, &f.Size, &f.SHA256, &f.Content, &lines); err != nil {
		return f, err
	}
	f.Lines = splitLines(lines)
	return f, nil
}

// SourceColumns are the columns of a source_files row ScanSource reads, in
// its order.
const SourceColumns = `name, format, lines`

// ScanSource reads the source of a report (a file's name, format and
// lines) from a row of SourceColumns.
func ScanSource(s Scanner) (*gongkai.Source, error) {
	var src gongkai.Source
	var lines string
	if err := s.Scan(&src.File, &src.Format, &lines); err != nil {
		return nil, err
	}
	src.Lines = splitLines(lines)
	return &src, nil
}

// ClassColumns are the columns of a report_classes row ScanClass reads,
// in its order.
const ClassColumns = `code, name, total, basic, project, source_table`

// ScanClass reads a function class from a row of ClassColumns.
func ScanClass(s Scanner) (Class, error) {
	var c Class
	var table string
	if err := s.Scan(&c.Code, &c.Name, &c.Total, &c.Basic, &c.Project, &table); err != nil {
		return c, err
	}
	c.Table = gongkai.TableKind(table)
	return c, nil
}

// ScanBatchFailure reads a failure of a batch from a row of its file and
// message.
func ScanBatchFailure(s Scanner) (BatchFailure, error) {
	var f BatchFailure
	err := s.Scan(&f.File, &f.Message)
	return f, err
}

// Scanner is a row of a query result as either driver gives it
// (*sql.Row, *sql.Rows, pgx.Row, pgx.Rows).
type Scanner interface {
	Scan(dest ...any) error
}

// Rows are the rows of a query result as either driver gives them
// (*sql.Rows, pgx.Rows).
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// ScanAll reads every row of rows with scan, in order; nil when there are
// none. The caller closes rows.
func ScanAll[T any](rows Rows, scan func(Scanner) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
