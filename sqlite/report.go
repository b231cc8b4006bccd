package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai"
	"gongkai/store"
)

// CreateReport stores a checked report and everything that goes with it in
// one transaction.
func (db *DB) CreateReport(ctx context.Context, n *store.NewReport) (_ *store.ReportMeta, err error) {
	defer wrap(&err, "CreateReport(%q)", n.Meta.File)
	m, content, err := store.PrepareReport(n, db.now())
	if err != nil {
		return nil, err
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if m.BatchID != 0 {
			// Counted first: the batch must exist before a report refers to it.
			res, err := tx.ExecContext(ctx, `UPDATE batches SET done = done + 1 WHERE id = ?`, m.BatchID)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k != 1 {
				return fmt.Errorf("%w: batch %d does not exist", store.ErrInvalid, m.BatchID)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO reports (department, region, year, kind, unit, title, file, format,
			sha256, status, origin, errors, warnings, infos, tables, claims, uploaded_by, batch_id,
			created_at, updated_at, published_at, version, content)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.Department, m.Region, m.Year, string(m.Kind), string(m.Unit), m.Title, m.File, m.Format,
			m.SHA256, string(m.Status), string(m.Origin), m.Counts.Errors, m.Counts.Warnings, m.Counts.Infos,
			m.Tables, m.Claims, nullID(m.UploadedBy), nullID(m.BatchID),
			fmtTime(m.CreatedAt), fmtTime(m.UpdatedAt), nullTime(m.PublishedAt), m.Version, content)
		if err != nil {
			return err
		}
		if m.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := insertFiles(ctx, tx, m.ID, n); err != nil {
			return fmt.Errorf("source files: %w", err)
		}
		if err := insertFindings(ctx, tx, m.ID, n.Findings); err != nil {
			return fmt.Errorf("findings: %w", err)
		}
		if err := insertFigures(ctx, tx, m.ID, n.Report); err != nil {
			return fmt.Errorf("figures: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	n.Meta = m
	return &m, nil
}

func insertFiles(ctx context.Context, tx *sql.Tx, id int64, n *store.NewReport) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO source_files (report_id, seq, name, format, size, sha256, content, lines)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for i, f := range n.StoredFiles() {
		if _, err := st.ExecContext(ctx, id, i, f.Name, f.Format, f.Size, f.SHA256, f.Content, store.JoinLines(f.Lines)); err != nil {
			return err
		}
	}
	return nil
}

func insertFindings(ctx context.Context, tx *sql.Tx, id int64, fs []gongkai.Finding) error {
	if len(fs) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO findings (report_id, seq, rule, family, severity, message,
		file, page, line, sheet, cell, quote, expected, found, related)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for i, f := range fs {
		related, err := store.RelatedValue(&f)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, id, i, f.Rule, store.Family(f.Rule), int(f.Severity), f.Message,
			f.Loc.File, f.Loc.Page, f.Loc.Line, f.Loc.Sheet, f.Loc.Cell, f.Quote, f.Expected, f.Found, related); err != nil {
			return err
		}
	}
	return nil
}

func insertFigures(ctx context.Context, tx *sql.Tx, id int64, r *gongkai.Report) error {
	for q, fen := range store.FiguresOf(r) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO report_figures (report_id, quantity, fen) VALUES (?, ?, ?)`,
			id, string(q), fen); err != nil {
			return err
		}
	}
	for i, c := range store.ClassesOf(r) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO report_classes (report_id, seq, code, name, total, basic, project, source_table)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, i, c.Code, c.Name, c.Total, c.Basic, c.Project, string(c.Table)); err != nil {
			return err
		}
	}
	return nil
}

const metaQuery = `SELECT ` + store.MetaColumns + ` FROM reports r WHERE r.id = ?`

const prevQuery = `SELECT ` + store.MetaColumns + ` FROM reports r
	WHERE r.department = ? AND r.kind = ? AND r.year = ? ORDER BY r.id DESC LIMIT 1`

const prevPublishedQuery = `SELECT ` + store.MetaColumns + ` FROM reports r
	WHERE r.department = ? AND r.kind = ? AND r.year = ? AND r.status = 'published' ORDER BY r.id DESC LIMIT 1`

// PreviousYear returns the department's report of the kind for year-1.
func (db *DB) PreviousYear(ctx context.Context, department string, kind gongkai.Kind, year int, v store.Visibility) (*store.ReportMeta, error) {
	st := db.prevPublishedStmt
	if v.All || (v.Department != "" && v.Department == department) {
		st = db.prevStmt
	}
	m, err := scanMeta(st.QueryRowContext(ctx, department, string(kind), year-1))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("PreviousYear(%q, %d): %w", department, year, err)
	}
	return m, nil
}

const findingsQuery = `SELECT ` + store.FindingColumns + ` FROM findings WHERE report_id = ? ORDER BY seq`

func scanMeta(s store.Scanner) (*store.ReportMeta, error) {
	var m store.ReportMeta
	var kind, unit, status, origin string
	var uploadedBy, batchID sql.NullInt64
	var created, updated, published sql.NullString
	err := s.Scan(&m.ID, &m.Department, &m.Region, &m.Year, &kind, &unit, &m.Title, &m.File, &m.Format, &m.SHA256,
		&status, &origin, &m.Counts.Errors, &m.Counts.Warnings, &m.Counts.Infos, &m.Tables, &m.Claims,
		&uploadedBy, &batchID, &created, &updated, &published, &m.Version)
	if err != nil {
		return nil, err
	}
	m.Kind, m.Unit, m.Status, m.Origin = gongkai.Kind(kind), gongkai.Unit(unit), store.Status(status), store.Origin(origin)
	m.UploadedBy, m.BatchID = uploadedBy.Int64, batchID.Int64
	m.CreatedAt, m.UpdatedAt, m.PublishedAt = parseTime(created), parseTime(updated), parseTime(published)
	return &m, nil
}

// ReportMeta returns the facts of a report.
func (db *DB) ReportMeta(ctx context.Context, id int64) (*store.ReportMeta, error) {
	m, err := scanMeta(db.metaStmt.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("ReportMeta(%d): %w", id, err)
	}
	return m, nil
}

// Report returns the stored report with the lines of its files.
func (db *DB) Report(ctx context.Context, id int64) (_ *gongkai.Report, err error) {
	defer wrap(&err, "Report(%d)", id)
	var content []byte
	err = db.r.QueryRowContext(ctx, `SELECT content FROM reports WHERE id = ?`, id).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	r, err := store.DecodeReport(content)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+store.SourceColumns+` FROM source_files WHERE report_id = ? ORDER BY seq`, id)
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
	out, err := reportRows(ctx, db, id, func() (*sql.Rows, error) { return db.findingsStmt.QueryContext(ctx, id) }, store.ScanFinding)
	if out == nil && err == nil {
		out = []gongkai.Finding{}
	}
	return out, err
}

func (db *DB) exists(ctx context.Context, id int64) error {
	var one int
	err := db.r.QueryRowContext(ctx, `SELECT 1 FROM reports WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

// reportRows reads with scan the rows of report id that query selects;
// only when there are none does it ask whether the report exists, and
// returns ErrNotFound when it does not.
func reportRows[T any](ctx context.Context, db *DB, id int64, query func() (*sql.Rows, error), scan func(store.Scanner) (T, error)) ([]T, error) {
	rows, err := query()
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
	return reportRows(ctx, db, id, func() (*sql.Rows, error) {
		return db.r.QueryContext(ctx, `SELECT `+store.SourceFileColumns+` FROM source_files WHERE report_id = ? ORDER BY seq`, id)
	}, store.ScanSourceFile)
}

// dialect is SQLite's part of the WHERE clause of a report filter.
var dialect = store.Dialect{
	Placeholder: func(n int) string { return "?" + strconv.Itoa(n) },
	Contains:    func(col, p string) string { return col + ` LIKE ` + p + ` ESCAPE '\'` },
	OneOf: func(col string, ids []int64, arg func(any) string) string {
		if len(ids) == 0 {
			return `0`
		}
		ph := make([]string, len(ids))
		for i, id := range ids {
			ph[i] = arg(id)
		}
		return col + ` IN (` + strings.Join(ph, ", ") + `)`
	},
}

// ListReports returns the reports a filter selects (store.Dialect.ListReports).
func (db *DB) ListReports(ctx context.Context, f store.ReportFilter) (_ []*store.ReportMeta, total int, err error) {
	defer wrap(&err, "ListReports")
	return dialect.ListReports(f, db.query(ctx), scanMeta)
}

// query runs read statements on the readers' pool (a store.Query).
func (db *DB) query(ctx context.Context) store.Query {
	return func(q string, args []any, read func(store.Rows) error) error {
		rows, err := db.r.QueryContext(ctx, q, args...)
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
	return reportRows(ctx, db, id, func() (*sql.Rows, error) {
		return db.r.QueryContext(ctx, `SELECT `+store.ClassColumns+` FROM report_classes WHERE report_id = ? ORDER BY seq`, id)
	}, store.ScanClass)
}

// SetStatus publishes or withdraws a report.
func (db *DB) SetStatus(ctx context.Context, id int64, s store.Status, at time.Time) (err error) {
	defer wrap(&err, "SetStatus(%d, %s)", id, s)
	if !s.Valid() {
		return store.ErrInvalid
	}
	var published any
	if s == store.Published {
		published = fmtTime(at)
	}
	res, err := db.w.ExecContext(ctx, `UPDATE reports SET status = ?, updated_at = ?, version = version + 1,
		published_at = COALESCE(?, published_at) WHERE id = ?`, string(s), fmtTime(at), published, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// DeleteReport removes a report; its files, findings, figures and
// inspection go with it (ON DELETE CASCADE).
func (db *DB) DeleteReport(ctx context.Context, id int64) (err error) {
	defer wrap(&err, "DeleteReport(%d)", id)
	res, err := db.w.ExecContext(ctx, `DELETE FROM reports WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
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
	var approved, published, updated sql.NullString
	var platform, by sql.NullInt64
	if err := s.Scan(&in.ReportID, &approved, &published, &platform, &in.Notes, &by, &updated); err != nil {
		return nil, err
	}
	in.ApprovedOn, in.PublishedOn = parseDate(approved), parseDate(published)
	if platform.Valid {
		b := platform.Int64 != 0
		in.OnPlatform = &b
	}
	in.UpdatedBy, in.UpdatedAt = by.Int64, parseTime(updated)
	return &in, nil
}

// Inspection returns what an inspector entered for a report.
func (db *DB) Inspection(ctx context.Context, id int64) (_ *store.Inspection, err error) {
	defer wrap(&err, "Inspection(%d)", id)
	in, err := scanInspection(db.r.QueryRowContext(ctx, `SELECT `+store.InspectionColumns+` FROM inspections WHERE report_id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	var platform any
	if in.OnPlatform != nil {
		platform = 0
		if *in.OnPlatform {
			platform = 1
		}
	}
	// One statement: it stores nothing when there is no such report.
	res, err := db.w.ExecContext(ctx, `INSERT INTO inspections (`+store.InspectionColumns+`)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM reports WHERE id = ?1)
		ON CONFLICT (report_id) DO UPDATE SET approved_on = excluded.approved_on, published_on = excluded.published_on,
		on_platform = excluded.on_platform, notes = excluded.notes, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		in.ReportID, nullDate(in.ApprovedOn), nullDate(in.PublishedOn), platform, in.Notes, nullID(in.UpdatedBy), fmtTime(in.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}
