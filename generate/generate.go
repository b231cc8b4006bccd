// Package generate turns a department's budget data (budget.Data) into a
// complete disclosure: every standard table of its kind and the prose that
// restates them, as the same *gongkai.Report an importer produces from a
// published file, so that it can be checked, rendered and compared like
// any other.
//
// # Rounding
//
// Amounts are kept in exact 分 until they are printed. When the report
// prints to the data's own precision (the default: the data's unit with
// two decimals, and data written to 分 in 元 or to 0.01万元 in 万元) nothing
// is ever rounded. When the report prints coarser than the data (data in
// 元 to the 分, report in 万元 with two decimals), each leaf figure is
// rounded once, half away from zero: an expenditure line, an income or a
// carry-over given in the data, a "三公" item, an item of 机关运行经费 or
// of procurement, a prior-year figure. Every total (a 款 or 类 row, a 合计
// row, 本年收入合计, 收入总计, a 基本支出 or 人员经费 column …) is then
// the sum of the printed leaves it adds up, so each printed total equals
// the sum of its printed parts everywhere, in every table and in the prose,
// and no rounding note can arise. The price is that a printed total may
// differ from the exact total rounded by up to half a unit of the last
// digit per leaf (the "尾数误差" disclosures warn of). A year-end
// carry-over (final accounts) is what balances the printed figures.
// Percentages (shares, changes, completion rates) are computed from the
// printed figures, as a reader would, and rounded half away from zero to
// two decimals with gongkai.RoundRat.
//
// The prose is written first and then read by the same claim reader that
// reads published disclosures (extract.ReadClaims), so the report's Claims
// are exactly what a reader of its text finds.
package generate

import (
	"fmt"
	"sort"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/extract"
)

// Report builds the disclosure of d. The data must be valid (budget.Validate
// finds no problem); otherwise Report returns the problems as an error.
func Report(d *budget.Data) (*gongkai.Report, error) {
	if ps := budget.Validate(d); len(ps) > 0 {
		var es budget.InputErrors
		for _, p := range ps {
			es = append(es, budget.InputError{Place: p.Path, Msg: p.Msg})
		}
		return nil, es
	}
	g := newGen(d)
	g.build()
	return g.r, nil
}

// gen holds the state of one generation.
type gen struct {
	d      *budget.Data
	u      gongkai.Unit
	places int
	step   int64 // 分 per unit of the last printed digit
	names  map[string]string
	// projects are the data's project names (budget.Data.ProjectNames),
	// read once.
	projects []string
	r        *gongkai.Report
	final    bool

	lines  []int64 // printed amount of each line
	init   []int64 // printed 年初预算数 of each line
	adj    []int64 // printed 全年预算数 of each line
	totals totals
}

func newGen(d *budget.Data) *gen {
	g := &gen{d: d, u: d.ReportUnitOrDefault(), places: d.PlacesOrDefault(), names: d.NameMap(), final: d.Kind == gongkai.Final,
		projects: d.ProjectNames()}
	g.step = g.u.Fen()
	for i := 0; i < g.places; i++ {
		g.step /= 10
	}
	if g.step < 1 {
		g.step = 1
	}
	g.lines = make([]int64, len(d.Lines))
	g.init = make([]int64, len(d.Lines))
	g.adj = make([]int64, len(d.Lines))
	for i := range d.Lines {
		g.lines[i] = g.round(d.Lines[i].Amount)
		g.init[i] = g.round(d.Lines[i].InitialBudget)
		g.adj[i] = g.round(d.Lines[i].AdjustedBudget)
	}
	g.r = &gongkai.Report{
		File:       d.Department.Name + fmt.Sprintf("%d年%s", d.Year, d.Kind.Chinese()),
		Department: d.Department.Name,
		Year:       d.Year,
		Kind:       d.Kind,
		Unit:       g.u,
	}
	return g
}

// round rounds an amount to the printed precision, half away from zero.
func (g *gen) round(a budget.Amount) int64 {
	v := int64(a)
	if g.step <= 1 {
		return v
	}
	neg := v < 0
	if neg {
		v = -v
	}
	q := (v + g.step/2) / g.step * g.step
	if neg {
		q = -q
	}
	return q
}

// money returns printed money in the report unit.
func (g *gen) money(fen int64) *gongkai.Money {
	return &gongkai.Money{Fen: fen, Unit: g.u, Places: g.places}
}

// text prints an amount as a table cell or in prose, without the unit.
func (g *gen) text(fen int64) string { return gongkai.FormatThousands(fen, g.u, g.places) }

// amt prints an amount with its unit, for prose.
func (g *gen) amt(fen int64) string { return g.text(fen) + string(g.u) }

// cell returns a money cell, or nil for zero (printed blank).
func (g *gen) cell(role gongkai.Role, label string, fen int64) *gongkai.Cell {
	if fen == 0 {
		return nil
	}
	return &gongkai.Cell{Role: role, Label: label, Text: g.text(fen), Money: g.money(fen)}
}

// vec holds a row's figures by column.
type vec []int64

// tree sums figures by classification code, rolling 项 up to 款 and 类.
type tree struct {
	width int
	rows  map[string]vec
	total vec
}

func newTree(width int) *tree {
	return &tree{width: width, rows: map[string]vec{}, total: make(vec, width)}
}

// add adds fen to column col of code and of its parents.
func (t *tree) add(code string, col int, fen int64) {
	if fen == 0 {
		return
	}
	for _, n := range []int{3, 5, 7} {
		if len(code) < n {
			break
		}
		c := code[:n]
		v := t.rows[c]
		if v == nil {
			v = make(vec, t.width)
			t.rows[c] = v
		}
		v[col] += fen
	}
	t.total[col] += fen
}

func (t *tree) codes() []string {
	out := make([]string, 0, len(t.rows))
	for c := range t.rows {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// classes returns the 类 codes.
func (t *tree) classes() []string {
	var out []string
	for _, c := range t.codes() {
		if len(c) == 3 {
			out = append(out, c)
		}
	}
	return out
}

// row builds a row from figures; columns with no role are left out.
func (g *gen) row(code, name string, it gongkai.Item, side gongkai.Side, cols []gongkai.Column, v vec) *gongkai.Row {
	r := &gongkai.Row{Code: code, Name: name, Item: it, Side: side}
	any := false
	for j := range cols {
		if j < len(v) && v[j] != 0 {
			any = true
		}
	}
	for j, c := range cols {
		if j >= len(v) || c.Role == gongkai.RNone {
			continue
		}
		if v[j] == 0 && c.Role == gongkai.RTotal && any {
			// A total whose parts cancel is printed as 0: left blank, a
			// reader would take a part for the row's figure.
			r.Cells = append(r.Cells, gongkai.Cell{Role: c.Role, Label: c.Label, Text: g.text(0), Money: g.money(0)})
			continue
		}
		if cl := g.cell(c.Role, c.Label, v[j]); cl != nil {
			r.Cells = append(r.Cells, *cl)
		}
	}
	return r
}

// treeRows returns the 合计 row and one row per code of t.
func (g *gen) treeRows(t *tree, cols []gongkai.Column, totalName string) []*gongkai.Row {
	rows := []*gongkai.Row{g.row("", totalName, gongkai.ITotal, gongkai.NoSide, cols, t.total)}
	for _, c := range t.codes() {
		rows = append(rows, g.row(c, g.names[c], gongkai.INone, gongkai.NoSide, cols, t.rows[c]))
	}
	return rows
}

func col(role gongkai.Role, label string) gongkai.Column {
	return gongkai.Column{Role: role, Label: label}
}

// numerals for numbered rows: 一、二、….
var numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
	"十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七",
	"二十八", "二十九", "三十", "三十一", "三十二", "三十三", "三十四", "三十五"}

func numeral(i int) string {
	if i < len(numerals) {
		return numerals[i]
	}
	return fmt.Sprint(i + 1)
}

// build makes the tables, then the prose, claims and summary.
func (g *gen) build() {
	g.computeTotals()
	g.tables()
	g.r.Sections = g.prose()
	g.layout()
	g.r.Claims = extract.ReadClaims(g.r.Sections, g.u, g.d.Year)
	extract.FillSummary(g.r)
	g.r.Units = extract.UnitsOf(g.r)
}

// title prefixes a table title with the year.
func (g *gen) title(name string) string {
	if g.final {
		return fmt.Sprintf("%d年度%s", g.d.Year, name)
	}
	return fmt.Sprintf("%d年%s", g.d.Year, name)
}

func (g *gen) addTable(t *gongkai.Table) {
	t.Unit = g.u
	g.r.Tables = append(g.r.Tables, t)
}

func (g *gen) number(n int) string {
	if g.final {
		return fmt.Sprintf("公开%02d表", n)
	}
	return fmt.Sprintf("预算%02d表", n)
}

// plainName strips blanks for comparisons of names.
func plainName(s string) string { return strings.Join(strings.Fields(s), "") }
