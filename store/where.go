package store

import (
	"fmt"
	"strings"
)

// Dialect is what building the WHERE clause of a ReportFilter needs to
// know of a database's SQL; the rest of the clause is the same in every
// store.
type Dialect struct {
	// Placeholder returns the placeholder of the nth query argument,
	// counted from 1 (?1 in SQLite, $1 in PostgreSQL).
	Placeholder func(n int) string
	// Contains returns the condition that col matches the LIKE pattern
	// in the placeholder p (escaped with a backslash, see LikeEscape),
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

// ListQueries returns the query of the page of reports (aliased r) f
// selects, reading their MetaColumns in f's order; the query counting
// every report f selects; and the arguments of both.
func (d Dialect) ListQueries(f ReportFilter) (list, count string, args []any) {
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
	list = `SELECT ` + MetaColumns + ` FROM reports r` + w + order
	if f.Limit > 0 {
		list += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	}
	return list, `SELECT COUNT(*) FROM reports r` + w, args
}

// Facets reads the distinct departments, regions and years of the reports
// v admits. query runs a statement with its arguments and hands its rows
// to read.
func (d Dialect) Facets(v Visibility, query func(q string, args []any, read func(Rows) error) error) (*Facets, error) {
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
		p := arg("%" + LikeEscape(q) + "%")
		conds = append(conds, `(`+d.Contains("r.department", p)+` OR `+d.Contains("r.title", p)+` OR `+d.Contains("r.file", p)+`)`)
	}
	if f.Department != "" {
		conds = append(conds, `r.department = `+arg(f.Department))
	}
	if q := strings.TrimSpace(f.Region); q != "" {
		conds = append(conds, d.Contains("r.region", arg("%"+LikeEscape(q)+"%")))
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

// LikeEscape escapes the LIKE wildcards of s with a backslash.
func LikeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
