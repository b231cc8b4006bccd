package store

import (
	"fmt"
	"strings"

	"gongkai"
)

// Dialect is what the queries of reports built here (a ReportFilter's
// list, family counts and facets; figures and inspections) need to know of
// a database's SQL; the rest of them is the same in every store.
type Dialect struct {
	// Placeholder returns the placeholder of the nth query argument,
	// counted from 1 (?1 in SQLite, $1 in PostgreSQL).
	Placeholder func(n int) string
	// Contains returns the condition that col matches the LIKE pattern
	// in the placeholder p (escaped with a backslash, see likeEscape),
	// ignoring the case of ASCII letters.
	Contains func(col, p string) string
	// OneOf returns the condition that col is one of ids, adding the
	// arguments it needs with arg.
	OneOf func(col string, ids []int64, arg func(any) string) string
	// ByCodePoint is the COLLATE clause that sorts text by code point
	// (` COLLATE "C"` in PostgreSQL), or "" where that is the default.
	ByCodePoint string
}

// MetaColumns are the columns of a ReportMeta in a reports row aliased r,
// in the order every store scans them.
const MetaColumns = `r.id, r.department, r.region, r.year, r.kind, r.unit, r.title, r.file, r.format, r.sha256,
	r.status, r.origin, r.errors, r.warnings, r.infos, r.tables, r.claims, r.uploaded_by, r.batch_id,
	r.created_at, r.updated_at, r.published_at, r.version`

// Query runs a read statement with its arguments and hands its rows to
// read; each store makes one on its own driver.
type Query func(q string, args []any, read func(Rows) error) error

// ListReports returns the reports (aliased r) f selects, read with scan
// from their MetaColumns in f's order, and how many f selects without Limit
// and Offset; that is counted with a second query only when the page does
// not tell it.
func (d Dialect) ListReports(f ReportFilter, query Query, scan func(Scanner) (*ReportMeta, error)) ([]*ReportMeta, int, error) {
	w, args := d.Where(f)
	order := ` ORDER BY r.id DESC`
	switch f.Sort {
	case "department":
		order = ` ORDER BY r.department` + d.ByCodePoint + `, r.year DESC, r.id DESC`
	case "year":
		order = ` ORDER BY r.year DESC, r.department` + d.ByCodePoint + `, r.id DESC`
	case "errors":
		order = ` ORDER BY r.errors DESC, r.warnings DESC, r.id DESC`
	}
	list := `SELECT ` + MetaColumns + ` FROM reports r` + w + order
	if f.Limit > 0 {
		list += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	}
	var out []*ReportMeta
	err := query(list, args, func(rows Rows) (err error) {
		out, err = ScanAll(rows, scan)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	if out == nil {
		out = []*ReportMeta{}
	}
	total, ok := f.pageTotal(len(out))
	if !ok {
		err := query(`SELECT COUNT(*) FROM reports r`+w, args, func(rows Rows) error {
			if rows.Next() {
				return rows.Scan(&total)
			}
			return rows.Err()
		})
		if err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// pageTotal returns how many reports f selects without Limit and Offset
// when a page of n reports tells it, and false when it must be counted.
func (f ReportFilter) pageTotal(n int) (int, bool) {
	switch {
	case f.Limit <= 0:
		return n, true
	case n > 0 && n < f.Limit:
		return max(f.Offset, 0) + n, true
	case n == 0 && f.Offset <= 0:
		return 0, true
	}
	return 0, false
}

// FamilyCounts counts the findings of each report f selects by rule family
// and severity.
func (d Dialect) FamilyCounts(f ReportFilter, query Query) (map[int64]map[string]Counts, error) {
	w, args := d.Where(f)
	out := map[int64]map[string]Counts{}
	err := query(`SELECT f.report_id, f.family, f.severity, COUNT(*)
		FROM findings f JOIN reports r ON r.id = f.report_id`+w+` GROUP BY f.report_id, f.family, f.severity`, args, func(rows Rows) error {
		for rows.Next() {
			var id int64
			var family string
			var sev, n int
			if err := rows.Scan(&id, &family, &sev, &n); err != nil {
				return err
			}
			m := out[id]
			if m == nil {
				m = map[string]Counts{}
				out[id] = m
			}
			c := m[family]
			c.AddN(gongkai.Severity(sev), n)
			m[family] = c
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// oneOf returns the condition that col is one of ids, and its arguments.
func (d Dialect) oneOf(col string, ids []int64) (string, []any) {
	var args []any
	cond := d.OneOf(col, ids, func(v any) string {
		args = append(args, v)
		return d.Placeholder(len(args))
	})
	return cond, args
}

// Figures reads the headline figures of the reports ids, in 分.
func (d Dialect) Figures(ids []int64, query Query) (map[int64]map[gongkai.Quantity]int64, error) {
	out := map[int64]map[gongkai.Quantity]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	cond, args := d.oneOf("report_id", ids)
	err := query(`SELECT report_id, quantity, fen FROM report_figures WHERE `+cond, args, func(rows Rows) error {
		for rows.Next() {
			var id, fen int64
			var q string
			if err := rows.Scan(&id, &q, &fen); err != nil {
				return err
			}
			if out[id] == nil {
				out[id] = map[gongkai.Quantity]int64{}
			}
			out[id][gongkai.Quantity(q)] = fen
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// InspectionColumns are the columns of an inspections row, in the order
// every store scans them.
const InspectionColumns = `report_id, approved_on, published_on, on_platform, notes, updated_by, updated_at`

// Inspections reads, with scan, the inspections of the reports ids that
// have one, by report id.
func (d Dialect) Inspections(ids []int64, query Query, scan func(Scanner) (*Inspection, error)) (map[int64]*Inspection, error) {
	out := map[int64]*Inspection{}
	if len(ids) == 0 {
		return out, nil
	}
	cond, args := d.oneOf("report_id", ids)
	err := query(`SELECT `+InspectionColumns+` FROM inspections WHERE `+cond, args, func(rows Rows) error {
		ins, err := ScanAll(rows, scan)
		for _, in := range ins {
			out[in.ReportID] = in
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Facets reads the distinct departments, regions and years of the reports
// v admits. query runs a statement with its arguments and hands its rows
// to read.
func (d Dialect) Facets(v Visibility, query Query) (*Facets, error) {
	w, args := d.Where(ReportFilter{Visibility: v})
	out := &Facets{}
	strs := func(col string, dst *[]string) error {
		return query(`SELECT DISTINCT r.`+col+d.ByCodePoint+` FROM reports r`+w+` ORDER BY 1`, args, func(rows Rows) error {
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					return err
				}
				if s != "" {
					*dst = append(*dst, s)
				}
			}
			return rows.Err()
		})
	}
	if err := strs("department", &out.Departments); err != nil {
		return nil, err
	}
	if err := strs("region", &out.Regions); err != nil {
		return nil, err
	}
	err := query(`SELECT DISTINCT r.year FROM reports r`+w+` ORDER BY 1 DESC`, args, func(rows Rows) error {
		for rows.Next() {
			var y int
			if err := rows.Scan(&y); err != nil {
				return err
			}
			if y != 0 {
				out.Years = append(out.Years, y)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Where returns the WHERE clause (with a leading space, or "" when f selects
// every report) of f over reports aliased r, and its arguments.
func (d Dialect) Where(f ReportFilter) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return d.Placeholder(len(args))
	}
	if !f.Visibility.All {
		if f.Visibility.Department != "" {
			conds = append(conds, `(r.status = 'published' OR r.department = `+arg(f.Visibility.Department)+`)`)
		} else {
			conds = append(conds, `r.status = 'published'`)
		}
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := arg("%" + likeEscape(q) + "%")
		conds = append(conds, `(`+d.Contains("r.department", p)+` OR `+d.Contains("r.title", p)+` OR `+d.Contains("r.file", p)+`)`)
	}
	if f.Department != "" {
		conds = append(conds, `r.department = `+arg(f.Department))
	}
	if q := strings.TrimSpace(f.Region); q != "" {
		conds = append(conds, d.Contains("r.region", arg("%"+likeEscape(q)+"%")))
	}
	if f.Year != 0 {
		conds = append(conds, `r.year = `+arg(f.Year))
	}
	if f.Kind != "" {
		conds = append(conds, `r.kind = `+arg(string(f.Kind)))
	}
	if f.Status != "" {
		conds = append(conds, `r.status = `+arg(string(f.Status)))
	}
	if f.BatchID != 0 {
		conds = append(conds, `r.batch_id = `+arg(f.BatchID))
	}
	if f.IDs != nil {
		conds = append(conds, d.OneOf("r.id", f.IDs, arg))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// likeEscape escapes the LIKE wildcards of s with a backslash.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
