package check

import (
	"fmt"

	"gongkai"
)

func init() {
	register(Rule{ID: "cross.quantity", Severity: gongkai.Error, Name: "表间数据一致",
		Doc: "同一数额在几张表中出现时必须一致：收支总表、收入表、支出表的合计；收支总表与财政拨款收支总表的一般公共预算收入；财政拨款收支总表一般公共预算列与一般公共预算支出表合计；一般公共预算支出表基本支出与基本支出表合计。只在所有收入均为财政拨款时才比较支出表与一般公共预算支出表。", run: crossQuantities})
	register(Rule{ID: "cross.lines", Severity: gongkai.Error, Name: "表间科目一致",
		Doc: "同一科目在不同表中的数额一致：收支总表各类支出与支出表类级科目；财政拨款收支总表各类支出与一般公共预算支出表类级科目；全部收入为财政拨款时，支出表与一般公共预算支出表各科目。", run: crossLines})
}

// allFiscal reports whether all the department's spending is 一般公共预算
// money, so that tables of all funds and tables of 一般公共预算 must agree.
// The 财政拨款收支总表 says it directly (its 一般公共预算 column equals its
// total, and its total equals the department's); without that table, all
// income must be 一般公共预算 with nothing carried over.
func allFiscal(r *gongkai.Report) bool {
	if ft := r.Table(gongkai.TFiscalTotal); ft != nil {
		if row := ft.Item(gongkai.IExpendYear, gongkai.ExpendSide); row != nil {
			tot, general := row.Cell(gongkai.RTotal), row.Cell(gongkai.RGeneral)
			if tot != nil && tot.Money != nil && general != nil && general.Money != nil {
				if tot.Money.Fen != general.Money.Fen {
					return false
				}
				for _, q := range []gongkai.Quantity{gongkai.QExpendYear, gongkai.QExpenditureTotal} {
					if s, ok := r.ValueOf(q); ok && s.Table != ft {
						return s.Value.Fen == tot.Money.Fen
					}
				}
			}
		}
	}
	nonzero := func(m *gongkai.Money) bool { return m != nil && m.Fen != 0 }
	if t := r.Table(gongkai.TTotal); t != nil {
		seen := false
		for _, row := range t.Rows {
			if row.Side != gongkai.IncomeSide {
				continue
			}
			switch row.Item {
			case gongkai.IFund, gongkai.ICapital, gongkai.ISpecial, gongkai.IUnitFunds, gongkai.IService,
				gongkai.IOperating, gongkai.ISuperior, gongkai.IAffiliated, gongkai.IOther,
				gongkai.ICarryBegin, gongkai.INonFiscalUse:
				seen = true
				for _, c := range row.Cells {
					if nonzero(c.Money) {
						return false
					}
				}
			case gongkai.IGeneral:
				seen = true
			}
		}
		if seen {
			return true
		}
	}
	if t := r.Table(gongkai.TIncome); t != nil {
		if row := t.Item(gongkai.ITotal, gongkai.NoSide); row != nil {
			for _, c := range row.Cells {
				switch c.Role {
				case gongkai.RFund, gongkai.RCapital, gongkai.RSpecial, gongkai.RUnitFunds, gongkai.RSuperior,
					gongkai.RService, gongkai.ROperating, gongkai.RAffiliated, gongkai.ROther, gongkai.RCarryBegin:
					if nonzero(c.Money) {
						return false
					}
				}
			}
			return true
		}
	}
	for _, c := range r.Claims {
		if c.Kind != gongkai.CParts || c.Quantity != gongkai.QIncomeTotal || !c.Exhaustive {
			continue
		}
		for _, p := range c.Parts {
			switch p.Quantity {
			case gongkai.QFund, gongkai.QCapital, gongkai.QSpecial, gongkai.QService, gongkai.QOperating,
				gongkai.QSuperior, gongkai.QAffiliated, gongkai.QOther, gongkai.QCarryBegin:
				if nonzero(p.Value) {
					return false
				}
			}
		}
		return true
	}
	return false
}

// crossQuantities compares every table statement of a quantity with the
// primary one.
func crossQuantities(c *ctx) {
	fiscal := allFiscal(c.r)
	for _, q := range []gongkai.Quantity{gongkai.QIncomeTotal, gongkai.QExpenditureTotal, gongkai.QIncomeYear,
		gongkai.QExpendYear, gongkai.QBasic, gongkai.QProject, gongkai.QGeneral, gongkai.QGeneralExpend,
		gongkai.QPersonnel, gongkai.QPublic} {
		sts := c.r.TableStatements(q)
		if len(sts) < 2 {
			continue
		}
		base := sts[0]
		for _, s := range sts[1:] {
			if s.Table == base.Table && s.Row == base.Row {
				continue
			}
			if !s.Primary && !base.Primary && !fiscal {
				continue
			}
			if (q == gongkai.QBasic || q == gongkai.QProject || q == gongkai.QPersonnel || q == gongkai.QPublic) &&
				s.Table.Kind != base.Table.Kind && !fiscal && (base.Table.Kind == gongkai.TExpenditure || s.Table.Kind == gongkai.TExpenditure) {
				continue
			}
			c.compareStatements(q, base, s)
		}
	}
}

func (c *ctx) compareStatements(q gongkai.Quantity, a, b gongkai.Statement) {
	var s sum
	s.add(a.Value, a.Where())
	cell := cellAt(b)
	v := compare(b.Value, s)
	if cell != nil {
		v = compareCell(cell, s)
	}
	if v == differs {
		if ac := cellAt(a); ac != nil && ac.Clipped && truncates(b.Value.Fen, a.Value) {
			v = clipped
		}
	}
	msg := fmt.Sprintf("%s的%s与%s不一致", b.Where(), q.Name(), a.Where())
	if v == rounding {
		msg = fmt.Sprintf("%s的%s与%s略有差异", b.Where(), q.Name(), a.Where())
	}
	c.verdict(v, b.Loc, b.Value, s, msg, a.Loc)
}

// cellAt finds the cell of a table statement.
func cellAt(s gongkai.Statement) *gongkai.Cell {
	if s.Row == nil {
		return nil
	}
	for i := range s.Row.Cells {
		if s.Row.Cells[i].Loc == s.Loc && s.Row.Cells[i].Money != nil && s.Row.Cells[i].Money.Fen == s.Value.Fen {
			return &s.Row.Cells[i]
		}
	}
	return nil
}

// Lines.

type linePair struct {
	a, b         gongkai.TableKind
	sideA, sideB gongkai.Side
	roleA, roleB gongkai.Role // RNone: the stage/first amount
	onlyClasses  bool
	needFiscal   bool
}

var linePairs = []linePair{
	{gongkai.TTotal, gongkai.TExpenditure, gongkai.ExpendSide, gongkai.NoSide, gongkai.RNone, gongkai.RTotal, true, false},
	{gongkai.TFiscalTotal, gongkai.TGeneralFunction, gongkai.ExpendSide, gongkai.NoSide, gongkai.RGeneral, gongkai.RTotal, true, false},
	{gongkai.TExpenditure, gongkai.TGeneralFunction, gongkai.NoSide, gongkai.NoSide, gongkai.RTotal, gongkai.RTotal, false, true},
	{gongkai.TExpenditure, gongkai.TGeneralFunction, gongkai.NoSide, gongkai.NoSide, gongkai.RBasic, gongkai.RBasic, false, true},
	{gongkai.TExpenditure, gongkai.TGeneralFunction, gongkai.NoSide, gongkai.NoSide, gongkai.RProject, gongkai.RProject, false, true},
}

func crossLines(c *ctx) {
	fiscal := allFiscal(c.r)
	for _, lp := range linePairs {
		if lp.needFiscal && !fiscal {
			continue
		}
		ta, tb := c.r.Table(lp.a), c.r.Table(lp.b)
		if ta == nil || tb == nil || ta == tb {
			continue
		}
		for _, ra := range ta.Rows {
			if ra.Side != lp.sideA || ra.Item == gongkai.IUnit {
				continue
			}
			if lp.onlyClasses && !(len(ra.Code) == 3 && classOf(ra.Code) == 'f' || ra.Item == gongkai.IClass) {
				continue
			}
			if ra.Code == "" && ra.Item != gongkai.IClass {
				continue
			}
			if detailed(ta, ra) || detailed(tb, ra) {
				continue // detail lines by several classifications: compared by sum below
			}
			rb := matchLine(tb, ra, lp.sideB)
			if rb == nil {
				continue
			}
			ca := lineCell(c, ra, lp.roleA, ta)
			cb := lineCell(c, rb, lp.roleB, tb)
			if ca == nil && cb == nil {
				continue
			}
			if ca == nil || cb == nil {
				var present *gongkai.Cell
				if ca != nil {
					present = ca
				} else {
					present = cb
				}
				if present.Money.Fen == 0 {
					continue
				}
				where := ra.Loc
				if ca == nil {
					where = rb.Loc
				}
				c.report(gongkai.Error, where, fmt.Sprintf("%s与%s不一致：一处为空，一处为%s", rowLabel(ta, ra), rowLabel(tb, rb), show(*present.Money)),
					show(*present.Money), "空")
				continue
			}
			var s sum
			s.addRow(*ca.Money, ta, ra)
			v := compareCell(cb, s)
			if v == differs && ca.Clipped && truncates(cb.Money.Fen, *ca.Money) {
				v = clipped
			}
			if v == equal || v == clipped {
				continue // nothing to report (verdict)
			}
			c.verdict(v, cb.Loc, *cb.Money, s, fmt.Sprintf("%s与%s不一致", rowLabel(tb, rb), rowLabel(ta, ra)), ca.Loc)
		}
	}
}

// detailed reports whether a table prints the code of r on several rows
// (detail lines crossing function and economic classes).
func detailed(t *gongkai.Table, r *gongkai.Row) bool {
	if r.Code == "" {
		return false
	}
	n := 0
	for _, x := range t.Rows {
		if x.Code == r.Code && x.Side == r.Side {
			n++
		}
	}
	return n > 1
}

func lineCell(c *ctx, r *gongkai.Row, role gongkai.Role, t *gongkai.Table) *gongkai.Cell {
	if role == gongkai.RNone {
		return amountOf(c, r)
	}
	if cell := r.Cell(role); cell != nil && cell.Money != nil {
		return cell
	}
	if role == gongkai.RGeneral && !t.HasRole(gongkai.RGeneral) {
		return amountOf(c, r)
	}
	return nil
}

// matchLine finds the row of t on side that is the same classification line
// as r: the same code, or for class rows printed without code, the same name.
func matchLine(t *gongkai.Table, r *gongkai.Row, side gongkai.Side) *gongkai.Row {
	for _, x := range t.Rows {
		if x.Side != side || x.Item == gongkai.IUnit {
			continue
		}
		if r.Code != "" && x.Code == r.Code {
			return x
		}
	}
	name := normName(r.Name)
	if name == "" {
		return nil
	}
	for _, x := range t.Rows {
		if x.Side != side || x.Item == gongkai.IUnit {
			continue
		}
		if (r.Code == "" || x.Code == "" || len(x.Code) == len(r.Code)) && normName(x.Name) == name &&
			(r.Code == "" || x.Code == "") && (x.Item == gongkai.IClass || len(x.Code) == 3 || r.Item == gongkai.IClass) {
			return x
		}
	}
	return nil
}
