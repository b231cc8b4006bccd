package store

import (
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
