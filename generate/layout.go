package generate

import (
	"fmt"
	"strings"

	"gongkai"
)

// layout lays the report out as plain text, one line per heading,
// paragraph and table row (cells separated by tabs, as in the text form of
// published disclosures), keeps that text as the report's source and sets
// every location to its line, so findings point to a line of it.
func (g *gen) layout() {
	var lines []string
	add := func(s string) int {
		lines = append(lines, s)
		return len(lines)
	}
	head := fmt.Sprintf("%s%d年部门预算公开", g.d.Department.Name, g.d.Year)
	if g.final {
		head = fmt.Sprintf("%s%d年度部门决算公开", g.d.Department.Name, g.d.Year)
	}
	add(head)
	for _, s := range g.r.Sections {
		add("")
		s.Loc = gongkai.Loc{Line: add(s.Title)}
		for _, p := range s.Paragraphs {
			add("")
			p.Loc = gongkai.Loc{Line: add(p.Text)}
		}
	}
	for _, t := range g.r.Tables {
		add("")
		if t.Number != "" {
			add(t.Number)
		}
		t.Loc = gongkai.Loc{Line: add(t.Title)}
		add("单位：" + string(t.Unit))
		for _, h := range headerLines(t) {
			add(h)
		}
		g.layoutRows(t, add)
		if t.Note != "" {
			add("")
			t.NoteLoc = gongkai.Loc{Line: add(t.Note)}
		}
	}
	g.r.Sources = []*gongkai.Source{{File: g.r.File, Format: "text", Lines: lines}}
}

// coded reports whether a table prints a code column.
func coded(t *gongkai.Table) bool {
	switch t.Kind {
	case gongkai.TIncome, gongkai.TExpenditure, gongkai.TGeneralFunction, gongkai.TGeneralBasic,
		gongkai.TGovFund, gongkai.TStateCapital, gongkai.TOperatingCosts:
		return true
	}
	return false
}

func twoSided(t *gongkai.Table) bool {
	return t.Kind == gongkai.TTotal || t.Kind == gongkai.TFiscalTotal
}

func sideColumns(t *gongkai.Table, side gongkai.Side) []gongkai.Column {
	var out []gongkai.Column
	for _, c := range t.Columns {
		if c.Side == side {
			out = append(out, c)
		}
	}
	return out
}

// headerLines prints the column labels, their levels ("本年支出/基本支出/小计")
// on successive lines, a group label once above its first column.
func headerLines(t *gongkai.Table) []string {
	type hcol struct{ segs []string }
	var cols []hcol
	key := func(labels ...string) {
		for _, l := range labels {
			cols = append(cols, hcol{[]string{l}})
		}
	}
	switch {
	case twoSided(t):
		for _, side := range []gongkai.Side{gongkai.IncomeSide, gongkai.ExpendSide} {
			top := "收入"
			if side == gongkai.ExpendSide {
				top = "支出"
			}
			cols = append(cols, hcol{[]string{top, "项目"}})
			for _, c := range sideColumns(t, side) {
				segs := strings.Split(c.Label, "/")
				if segs[0] != top {
					segs = append([]string{top}, segs...)
				}
				cols = append(cols, hcol{segs})
			}
		}
	case coded(t):
		key("科目编码", "科目名称")
	default:
		key("项目")
	}
	if !twoSided(t) {
		for _, c := range t.Columns {
			cols = append(cols, hcol{strings.Split(c.Label, "/")})
		}
		if !coded(t) && len(t.Columns) > 0 && t.Columns[0].Role == gongkai.RText {
			cols = cols[1:] // the first text column names the row
		}
	}
	depth := 1
	for _, c := range cols {
		depth = max(depth, len(c.segs))
	}
	out := make([][]string, depth)
	for i := range out {
		out[i] = make([]string, len(cols))
	}
	for j, c := range cols {
		for k, s := range c.segs {
			// A group label is printed above the first column it covers.
			if k < len(c.segs)-1 && j > 0 && len(cols[j-1].segs) > k+1 && samePrefix(cols[j-1].segs, c.segs, k+1) {
				continue
			}
			out[k][j] = s
		}
	}
	lines := make([]string, depth)
	for i, r := range out {
		lines[i] = strings.Join(r, "\t")
	}
	return lines
}

func samePrefix(a, b []string, n int) bool {
	if len(a) < n || len(b) < n {
		return false
	}
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// rowText prints a row's cells in column order, blank where it has none.
func rowText(r *gongkai.Row, cols []gongkai.Column) []string {
	out := make([]string, len(cols))
	used := make([]bool, len(r.Cells))
	for j, c := range cols {
		for i := range r.Cells {
			if !used[i] && r.Cells[i].Role == c.Role && (r.Cells[i].Label == c.Label || r.Cells[i].Label == "") {
				out[j] = r.Cells[i].Text
				used[i] = true
				break
			}
		}
	}
	return out
}

func (g *gen) layoutRows(t *gongkai.Table, add func(string) int) {
	name := func(r *gongkai.Row) string {
		if r.Code != "" {
			return r.Code + " " + r.Name
		}
		return r.Name
	}
	switch {
	case twoSided(t):
		in, out := sideColumns(t, gongkai.IncomeSide), sideColumns(t, gongkai.ExpendSide)
		var ins, outs []*gongkai.Row
		for _, r := range t.Rows {
			if r.Side == gongkai.IncomeSide {
				ins = append(ins, r)
			} else {
				outs = append(outs, r)
			}
		}
		for i := 0; i < max(len(ins), len(outs)); i++ {
			cells := make([]string, 0, 2+len(in)+len(out))
			var rs []*gongkai.Row
			if i < len(ins) {
				cells = append(append(cells, ins[i].Name), rowText(ins[i], in)...)
				rs = append(rs, ins[i])
			} else {
				cells = append(cells, make([]string, 1+len(in))...)
			}
			if i < len(outs) {
				cells = append(append(cells, name(outs[i])), rowText(outs[i], out)...)
				rs = append(rs, outs[i])
			}
			line := add(strings.Join(cells, "\t"))
			for _, r := range rs {
				setLoc(r, line)
			}
		}
	case coded(t):
		for _, r := range t.Rows {
			setLoc(r, add(r.Code+"\t"+r.Name+"\t"+strings.Join(rowText(r, t.Columns), "\t")))
		}
	default:
		for _, r := range t.Rows {
			var texts []string
			if len(t.Columns) > 0 && t.Columns[0].Role == gongkai.RText {
				for _, c := range r.Cells {
					texts = append(texts, c.Text)
				}
			} else {
				texts = rowText(r, t.Columns)
			}
			setLoc(r, add(r.Name+"\t"+strings.Join(texts, "\t")))
		}
	}
}

func setLoc(r *gongkai.Row, line int) {
	r.Loc = gongkai.Loc{Line: line}
	for i := range r.Cells {
		r.Cells[i].Loc = gongkai.Loc{Line: line}
	}
}
