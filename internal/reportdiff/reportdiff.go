// Package reportdiff compares two reports the way a round trip must keep
// them (render → import, generate → render → import): tables (kind, rows'
// codes, items and values by role), claims (kind, quantity, values) and
// findings (rule, severity), locations aside. Tests use it.
package reportdiff

import (
	"fmt"
	"sort"
	"strings"

	"gongkai"
	"gongkai/check"
)

// The round-trip comparison: what a re-imported report must share with its
// source, locations aside.

// valueOf prints a cell's value: money as fen/unit/places, a plain number
// as its exact decimal; "" when the cell holds neither.
func valueOf(c *gongkai.Cell) string {
	switch {
	case c.Money != nil:
		return fmt.Sprintf("%d%s/%d", c.Money.Fen, c.Money.Unit, c.Money.Places)
	case c.Fixed != nil:
		return c.Fixed.String()
	}
	return ""
}

func moneyString(m *gongkai.Money) string {
	if m == nil {
		return "-"
	}
	return fmt.Sprintf("%d%s/%d", m.Fen, m.Unit, m.Places)
}

func fixedString(f *gongkai.Fixed) string {
	if f == nil {
		return "-"
	}
	return f.String()
}

// RowKey says what a row is: side, code, item, and its values by role.
func RowKey(r *gongkai.Row) string {
	var cells []string
	for i := range r.Cells {
		if v := valueOf(&r.Cells[i]); v != "" {
			cells = append(cells, string(r.Cells[i].Role)+"="+v)
		}
	}
	return fmt.Sprintf("%s|%s|%s|%s", r.Side, r.Code, r.Item, strings.Join(cells, ","))
}

func claimKey(c *gongkai.Claim) string {
	var parts []string
	for _, p := range c.Parts {
		parts = append(parts, claimKey(p))
	}
	return fmt.Sprintf("%s|%s|v=%s|pct=%s|chg=%s|dir=%d|whole=%s|[%s]", c.Kind, c.Quantity,
		moneyString(c.Value), fixedString(c.Percent), moneyString(c.Change), c.Direction,
		moneyString(c.Whole), strings.Join(parts, ";"))
}

func FindingKeys(r *gongkai.Report) []string {
	var out []string
	for _, f := range check.Run(r, check.Options{}) {
		if f.Rule == "embedded.mismatch" {
			continue
		}
		out = append(out, f.Rule+"/"+f.Severity.String())
	}
	sort.Strings(out)
	return out
}

// Diff lists how got differs from want: tables (kind, rows' codes,
// items and values by role), claims (kind, quantity, values) and findings
// (rule, severity).
func Diff(want, got *gongkai.Report) []string {
	var d []string
	if want.Department != got.Department || want.Year != got.Year || want.Kind != got.Kind {
		d = append(d, fmt.Sprintf("meta: want %s %d %s, got %s %d %s", want.Department, want.Year, want.Kind, got.Department, got.Year, got.Kind))
	}
	// Tables are matched in order by kind; a table only one side has is
	// reported as missing or extra.
	gi := 0
	for i, wt := range want.Tables {
		name := fmt.Sprintf("table %d %s [%s]", i+1, wt.Label(), wt.Kind)
		k := gi
		for k < len(got.Tables) && got.Tables[k].Kind != wt.Kind {
			k++
		}
		if k == len(got.Tables) {
			d = append(d, name+": missing")
			continue
		}
		for ; gi < k; gi++ {
			d = append(d, fmt.Sprintf("extra table %s [%s] with %d rows", got.Tables[gi].Label(), got.Tables[gi].Kind, len(got.Tables[gi].Rows)))
		}
		gt := got.Tables[k]
		gi = k + 1
		if wt.Unit != gt.Unit {
			d = append(d, fmt.Sprintf("%s: unit want %s got %s", name, wt.Unit, gt.Unit))
		}
		if len(wt.Rows) != len(gt.Rows) {
			d = append(d, fmt.Sprintf("%s: rows want %d got %d", name, len(wt.Rows), len(gt.Rows)))
		}
		for j := 0; j < len(wt.Rows) && j < len(gt.Rows); j++ {
			if a, b := RowKey(wt.Rows[j]), RowKey(gt.Rows[j]); a != b {
				d = append(d, fmt.Sprintf("%s row %d %q / %q:\n    want %s\n    got  %s", name, j+1, wt.Rows[j].Name, gt.Rows[j].Name, a, b))
			}
		}
	}
	for ; gi < len(got.Tables); gi++ {
		d = append(d, fmt.Sprintf("extra table %s [%s] with %d rows", got.Tables[gi].Label(), got.Tables[gi].Kind, len(got.Tables[gi].Rows)))
	}
	wc, gc := ClaimKeys(want), ClaimKeys(got)
	if strings.Join(wc, "\n") != strings.Join(gc, "\n") {
		d = append(d, "claims differ:\n"+Lines(wc, gc))
	}
	wf, gf := FindingKeys(want), FindingKeys(got)
	if strings.Join(wf, " ") != strings.Join(gf, " ") {
		d = append(d, "findings differ:\n"+Lines(wf, gf))
	}
	return d
}

func ClaimKeys(r *gongkai.Report) []string {
	var out []string
	for _, c := range r.Claims {
		out = append(out, claimKey(c))
	}
	return out
}

// Lines shows the lines only in want (-) and only in got (+).
func Lines(want, got []string) string {
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, g := range got {
		count[g]--
	}
	var b strings.Builder
	for _, w := range want {
		if count[w] > 0 {
			b.WriteString("  - " + w + "\n")
			count[w]--
		}
	}
	for k := range count {
		count[k] = 0
	}
	for _, w := range want {
		count[w]++
	}
	for _, g := range got {
		if count[g] > 0 {
			count[g]--
			continue
		}
		b.WriteString("  + " + g + "\n")
	}
	return b.String()
}
