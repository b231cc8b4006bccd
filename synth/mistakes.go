package synth

import (
	"fmt"
	"math/rand"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/extract"
	"gongkai/series"
)

// The types of injected mistake.
const (
	// TypeCell: a 项 row's 基本支出 or 项目支出 cell of the 一般公共预算支出表
	// changed, as a typing slip would.
	TypeCell = "cell"
	// TypeSum: a total printed wrong: the 合计 of the 部门支出总表, or a 类
	// row of the 一般公共预算支出表.
	TypeSum = "sum"
	// TypePercent: a share in the prose ("占X%") printed wrong.
	TypePercent = "percent"
	// TypeProseAmount: an amount in the prose that differs from the tables.
	TypeProseAmount = "prose-amount"
	// TypeMissingTable: a standard table left out.
	TypeMissingTable = "missing-table"
	// TypeYoY: a change on the previous year whose amount and rate agree
	// with each other but not with the previous year's disclosure.
	TypeYoY = "yoy"
	// TypePriorColumn: a 上年数 cell (and the totals above it, so the
	// table still adds up) that disagrees with the previous year's
	// disclosure.
	TypePriorColumn = "prior-column"
)

// MistakeTypes lists the types of injected mistake with the rules
// expected to find each.
var MistakeTypes = []struct {
	Type  string
	Rules []string
}{
	{TypeCell, []string{"table.columns", "table.hierarchy", "table.total-row", "cross.lines", "cross.quantity"}},
	{TypeSum, []string{"table.total-row", "table.hierarchy", "table.columns", "table.balance", "cross.quantity", "cross.lines"}},
	{TypePercent, []string{"prose.share"}},
	{TypeProseAmount, []string{"prose.table", "prose.parts", "prose.share", "prose.identity", "prose.consistency", "prose.change"}},
	{TypeMissingTable, []string{"complete.tables"}},
	{TypeYoY, []string{series.RuleYoY}},
	{TypePriorColumn, []string{series.RulePriorColumn}},
}

func rulesOf(typ string) []string {
	for _, t := range MistakeTypes {
		if t.Type == typ {
			return t.Rules
		}
	}
	return nil
}

// mistakeOrder draws the order in which the types of mistake that can
// apply to a document are tried: the first that applies is injected.
func (d *dept) mistakeOrder(rng *rand.Rand, hasPrev bool) []string {
	types := []string{TypeCell, TypeSum, TypePercent, TypeProseAmount, TypeMissingTable}
	if hasPrev {
		types = append(types, TypeYoY)
		if d.priorCols {
			types = append(types, TypePriorColumn)
		}
	}
	rng.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
	return types
}

// delta draws a change of a figure well beyond rounding: 1 to 20 units of
// 1万元 (of 100元 for departments that print 元).
func delta(r *gongkai.Report, rng *rand.Rand) int64 {
	unit := int64(wan)
	if r.Unit == gongkai.Yuan {
		unit = 10_000
	}
	return int64(1+rng.Intn(20)) * unit
}

func setCell(c *gongkai.Cell, fen int64) {
	m := *c.Money
	m.Fen = fen
	c.Money = &m
	c.Text = gongkai.FormatThousands(fen, m.Unit, m.Places)
}

func money(fen int64, u gongkai.Unit) string {
	return gongkai.FormatThousands(fen, u, 2) + string(u)
}

// mutate injects a mistake of the type into r, or returns nil when the
// type does not apply to it.
func mutate(r *gongkai.Report, typ string, rng *rand.Rand) *Mistake {
	switch typ {
	case TypeCell:
		return mutateCell(r, rng)
	case TypeSum:
		return mutateSum(r, rng)
	case TypePercent:
		return mutatePercent(r, rng)
	case TypeProseAmount:
		return mutateProseAmount(r, rng)
	case TypeMissingTable:
		return mutateMissingTable(r, rng)
	case TypePriorColumn:
		return mutatePriorColumn(r, rng)
	}
	return nil
}

func mutateCell(r *gongkai.Report, rng *rand.Rand) *Mistake {
	t := r.Table(gongkai.TGeneralFunction)
	if t == nil {
		return nil
	}
	type pick struct {
		row  *gongkai.Row
		cell *gongkai.Cell
	}
	var ps []pick
	for _, row := range t.Rows {
		if len(row.Code) != 7 {
			continue
		}
		for _, role := range []gongkai.Role{gongkai.RBasic, gongkai.RProject} {
			if c := row.Cell(role); c != nil && c.Money != nil {
				ps = append(ps, pick{row, c})
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	p := ps[rng.Intn(len(ps))]
	old := p.cell.Money.Fen
	d := delta(r, rng)
	if rng.Intn(2) == 0 && old > d {
		d = -d
	}
	setCell(p.cell, old+d)
	return &Mistake{Type: TypeCell, Rules: rulesOf(TypeCell), Lines: []int{p.row.Loc.Line},
		Detail: fmt.Sprintf("%s“%s %s”行%s由%s改为%s", t.Label(), p.row.Code, p.row.Name, p.cell.Label,
			money(old, r.Unit), money(old+d, r.Unit))}
}

func mutateSum(r *gongkai.Report, rng *rand.Rand) *Mistake {
	var t *gongkai.Table
	var row *gongkai.Row
	if rng.Intn(2) == 0 {
		if t = r.Table(gongkai.TExpenditure); t != nil {
			row = t.Item(gongkai.ITotal, gongkai.NoSide)
		}
	} else if t = r.Table(gongkai.TGeneralFunction); t != nil {
		var classes []*gongkai.Row
		for _, x := range t.Rows {
			if len(x.Code) == 3 {
				classes = append(classes, x)
			}
		}
		if len(classes) > 0 {
			row = classes[rng.Intn(len(classes))]
		}
	}
	if row == nil {
		return nil
	}
	c := row.Cell(gongkai.RTotal)
	if c == nil || c.Money == nil {
		return nil
	}
	old := c.Money.Fen
	d := delta(r, rng)
	setCell(c, old+d)
	name := row.Name
	if row.Code != "" {
		name = row.Code + " " + name
	}
	return &Mistake{Type: TypeSum, Rules: rulesOf(TypeSum), Lines: []int{row.Loc.Line},
		Detail: fmt.Sprintf("%s“%s”行合计由%s改为%s", t.Label(), name, money(old, r.Unit), money(old+d, r.Unit))}
}

// paragraphOf finds the paragraph a claim was read from (a generated
// paragraph is one line). Claims carry their clause normalised (full-width
// punctuation folded), so the printed figures are looked for in the
// paragraph itself.
func paragraphOf(r *gongkai.Report, c *gongkai.Claim) *gongkai.Paragraph {
	for _, s := range r.Sections {
		for _, p := range s.Paragraphs {
			if p.Loc.Line == c.Loc.Line {
				return p
			}
		}
	}
	return nil
}

// printed is how the generator prints an amount in prose.
func printed(m gongkai.Money) string {
	return gongkai.FormatThousands(m.Fen, m.Unit, m.Places) + string(m.Unit)
}

// rereadClaims reads the claims of the changed prose again, as a reader
// of the text would.
func rereadClaims(r *gongkai.Report) {
	r.Claims = extract.ReadClaims(r.Sections, r.Unit, r.Year)
}

func mutatePercent(r *gongkai.Report, rng *rand.Rand) *Mistake {
	type pick struct {
		c   *gongkai.Claim
		p   *gongkai.Paragraph
		at  int // where the percentage starts in the paragraph
		old string
	}
	var ps []pick
	for _, c := range r.Claims {
		if c.Kind != gongkai.CShare || c.Percent == nil || c.Percent.P != 2 || c.Value == nil || c.Value.Fen == 0 {
			continue
		}
		// A share of a small printed amount is only known within the
		// amount's rounding: 0.46万元 of 0.46万元 may be anything from 97.8%
		// to 102.2%. Only shares known to better than half a point (the
		// smallest change made below is one point) can carry a mistake
		// that a reader with a calculator could prove.
		if c.Value.Ulp()*c.Percent.V >= 50*abs64(c.Value.Fen) {
			continue
		}
		p := paragraphOf(r, c)
		if p == nil {
			continue
		}
		v := strings.Index(p.Text, printed(*c.Value))
		old := "占" + c.Percent.String() + "%"
		if v < 0 {
			continue
		}
		if i := strings.Index(p.Text[v:], old); i >= 0 {
			ps = append(ps, pick{c, p, v + i + len("占"), old[len("占"):]})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	pk := ps[rng.Intn(len(ps))]
	v := pk.c.Percent.V
	d := int64(100 + rng.Intn(400)) // 1.00 to 4.99 points
	if v-d >= 0 && (rng.Intn(2) == 0 || v+d > 10000) {
		d = -d
	}
	nw := gongkai.Fixed{V: v + d, P: 2}.String() + "%"
	pk.p.Text = pk.p.Text[:pk.at] + nw + pk.p.Text[pk.at+len(pk.old):]
	rereadClaims(r)
	// The note names the case, for reading recall by case: the "三公"
	// breakdown ("其中：因公出国（境）费…，占X%", whose whole is in the
	// sentence before), the shares of the function classes ("主要用于：
	// …（类）X万元，占Y%") or the shares of basic and project spending.
	note := "totals"
	switch pk.c.Quantity {
	case gongkai.QAbroad, gongkai.QCar, gongkai.QCarPurchase, gongkai.QCarOperation, gongkai.QReception:
		note = "three-costs"
	case gongkai.QNone:
		note = "classes"
	}
	note += "/" + string(r.Kind)
	return &Mistake{Type: TypePercent, Rules: rulesOf(TypePercent), Lines: []int{pk.c.Loc.Line},
		Detail: fmt.Sprintf("说明中“%s”的占比由%s改为%s", pk.c.Subject, pk.old, nw), Note: note}
}

// proseQuantities are the quantities whose prose amount the tables also print.
var proseQuantities = map[gongkai.Quantity]bool{
	gongkai.QBasic: true, gongkai.QProject: true, gongkai.QThreeCosts: true, gongkai.QReception: true,
	gongkai.QCarOperation: true, gongkai.QOperatingCosts: true, gongkai.QProcurement: true,
	gongkai.QPersonnel: true, gongkai.QPublic: true, gongkai.QGeneralExpend: true,
}

func mutateProseAmount(r *gongkai.Report, rng *rand.Rand) *Mistake {
	type pick struct {
		c  *gongkai.Claim
		p  *gongkai.Paragraph
		at int
	}
	var ps []pick
	for _, c := range r.Claims {
		if c.Value == nil || !proseQuantities[c.Quantity] || c.Value.Fen == 0 || len(r.TableStatements(c.Quantity)) == 0 {
			continue
		}
		if c.Kind != gongkai.CAmount {
			continue
		}
		if p := paragraphOf(r, c); p != nil {
			if i := strings.Index(p.Text, printed(*c.Value)); i >= 0 {
				ps = append(ps, pick{c, p, i})
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	pk := ps[rng.Intn(len(ps))]
	c := pk.c
	old := printed(*c.Value)
	m := *c.Value
	m.Fen += delta(r, rng)
	nw := printed(m)
	pk.p.Text = pk.p.Text[:pk.at] + nw + pk.p.Text[pk.at+len(old):]
	rereadClaims(r)
	return &Mistake{Type: TypeProseAmount, Rules: rulesOf(TypeProseAmount), Lines: []int{c.Loc.Line},
		Detail: fmt.Sprintf("说明中“%s”由%s改为%s", c.Subject, old, nw)}
}

func mutateMissingTable(r *gongkai.Report, rng *rand.Rand) *Mistake {
	var ks []gongkai.TableKind
	for _, k := range []gongkai.TableKind{gongkai.TIncome, gongkai.TGeneralBasic, gongkai.TGovFund, gongkai.TStateCapital} {
		if r.Table(k) != nil {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return nil
	}
	k := ks[rng.Intn(len(ks))]
	var kept []*gongkai.Table
	var title string
	for _, t := range r.Tables {
		if t.Kind == k {
			title = t.Label()
			continue
		}
		kept = append(kept, t)
	}
	r.Tables = kept
	return &Mistake{Type: TypeMissingTable, Rules: rulesOf(TypeMissingTable), Detail: "缺少" + title}
}

// yoyQuantities are the quantities a wrong change on the previous year is
// injected into.
var yoyQuantities = []gongkai.Quantity{gongkai.QIncomeTotal, gongkai.QExpenditureTotal, gongkai.QBasic, gongkai.QProject,
	gongkai.QGeneralExpend, gongkai.QFiscalIncome, gongkai.QThreeCosts, gongkai.QOperatingCosts, gongkai.QProcurement}

// injectYoY makes the data's prior figure of one quantity wrong, so the
// generated prose states a change (amount and rate agreeing) from a figure
// the previous year did not publish. It returns the quantity, or "".
func injectYoY(d *budget.Data, p *facts, step int64, rng *rand.Rand) gongkai.Quantity {
	if p == nil {
		return ""
	}
	var qs []gongkai.Quantity
	for _, q := range yoyQuantities {
		if v, ok := p.figures[q]; ok && v > 20*wan {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return ""
	}
	q := qs[rng.Intn(len(qs))]
	v := p.figures[q]
	d0 := v / 100 * int64(2+rng.Intn(9)) // 2% to 10%
	d0 = max(d0/step*step, wan)
	if rng.Intn(2) == 0 {
		d0 = -d0
	}
	d.Prior[q] = budget.Amount(v + d0)
	return q
}

// yoyMistake records the injected change: a printed change of q that
// starts from the wrong prior figure. It returns nil when the prose
// prints none (the generator does not state every quantity's change: the
// "收入、支出总计" of final accounts is read as either total).
func yoyMistake(r *gongkai.Report, q gongkai.Quantity, wrong budget.Amount, p *facts) *Mistake {
	for _, c := range r.Claims {
		if c.Kind != gongkai.CChange || c.Quantity != q {
			continue
		}
		var v int64
		if c.Value != nil {
			v = c.Value.Fen
		} else if s, ok := r.ValueOf(q); ok {
			v = s.Value.Fen
		} else {
			continue
		}
		var a int64
		if c.Change != nil {
			a = c.Change.Fen
		}
		if v-int64(c.Direction)*a != int64(wrong) {
			continue
		}
		return &Mistake{Type: TypeYoY, Rules: rulesOf(TypeYoY), Lines: []int{c.Loc.Line},
			Detail: fmt.Sprintf("说明中“%s”的同比变动按上年数%s计算，上年公开的是%s", q.Name(),
				money(int64(wrong), r.Unit), money(p.figures[q], r.Unit))}
	}
	return nil
}

func mutatePriorColumn(r *gongkai.Report, rng *rand.Rand) *Mistake {
	tables := []gongkai.TableKind{gongkai.TThreeCosts, gongkai.TGeneralFunction}
	if rng.Intn(2) == 0 {
		tables[0], tables[1] = tables[1], tables[0]
	}
	for _, k := range tables {
		t := r.Table(k)
		if t == nil || !t.HasRole(gongkai.RPrior) {
			continue
		}
		var leaves []*gongkai.Row
		for _, row := range t.Rows {
			c := row.Cell(gongkai.RPrior)
			if c == nil || c.Money == nil {
				continue
			}
			switch {
			case k == gongkai.TGeneralFunction && len(row.Code) == 7,
				k == gongkai.TThreeCosts && (row.Item == gongkai.IAbroad || row.Item == gongkai.ICarPurchase ||
					row.Item == gongkai.ICarOperation || row.Item == gongkai.IReception):
				leaves = append(leaves, row)
			}
		}
		if len(leaves) == 0 {
			continue
		}
		leaf := leaves[rng.Intn(len(leaves))]
		d := delta(r, rng)
		old := leaf.Cell(gongkai.RPrior).Money.Fen
		// The leaf and every row that adds it up, so the table still
		// balances and only the previous year can tell.
		var cells []*gongkai.Cell
		for _, row := range t.Rows {
			up := row == leaf
			if k == gongkai.TGeneralFunction {
				up = up || (row.Code != "" && len(row.Code) < 7 && strings.HasPrefix(leaf.Code, row.Code)) || row.Item == gongkai.ITotal
			} else {
				up = up || row.Item == gongkai.IThreeTotal ||
					(row.Item == gongkai.ICar && (leaf.Item == gongkai.ICarPurchase || leaf.Item == gongkai.ICarOperation))
			}
			if !up {
				continue
			}
			c := row.Cell(gongkai.RPrior)
			if c == nil || c.Money == nil {
				cells = nil // cannot keep the table balanced
				break
			}
			cells = append(cells, c)
		}
		if cells == nil {
			continue
		}
		for _, c := range cells {
			setCell(c, c.Money.Fen+d)
		}
		name := leaf.Name
		if leaf.Code != "" {
			name = leaf.Code + " " + name
		}
		return &Mistake{Type: TypePriorColumn, Rules: rulesOf(TypePriorColumn), Lines: []int{leaf.Loc.Line},
			Detail: fmt.Sprintf("%s“%s”行上年数由%s改为%s（上级行同步改动）", t.Label(), name, money(old, r.Unit), money(old+d, r.Unit))}
	}
	return nil
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
