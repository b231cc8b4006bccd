package gongkai

// Statement is one place a report states a quantity: a table cell or a
// prose claim.
type Statement struct {
	Value Money
	Loc   Loc
	Table *Table // nil for prose
	Row   *Row
	Claim *Claim // nil for tables
	// Clipped is set when the cell looks cut short by extraction.
	Clipped bool
	// Primary is set for the table cell that states the quantity for the
	// whole department (the 收支总表 or the 支出表), as opposed to a narrower
	// table that may state the same figure only when all money is 财政拨款.
	Primary bool
}

// Where describes the statement in Chinese for findings.
func (s Statement) Where() string {
	if s.Table != nil {
		name := s.Table.Label()
		if s.Row != nil && s.Row.Name != "" {
			name += "“" + s.Row.Name + "”"
		}
		return name
	}
	return "说明文字"
}

type cellRef struct {
	kind    TableKind
	item    Item
	side    Side
	role    Role // RNone: the first money cell of the row
	primary bool
	only    Kind // "" for both kinds
}

// quantityCells says where tables state each quantity.
var quantityCells = map[Quantity][]cellRef{
	QIncomeTotal: {
		{TTotal, IIncomeGrand, IncomeSide, RNone, true, ""},
		{TIncome, ITotal, NoSide, RTotal, false, Budget},
	},
	QExpenditureTotal: {
		{TTotal, IExpendGrand, ExpendSide, RNone, true, ""},
		{TExpenditure, ITotal, NoSide, RTotal, false, Budget},
	},
	QIncomeYear: {
		{TTotal, IIncomeYear, IncomeSide, RNone, true, ""},
		{TIncome, ITotal, NoSide, RTotal, false, Final},
	},
	QExpendYear: {
		{TTotal, IExpendYear, ExpendSide, RNone, true, ""},
		{TExpenditure, ITotal, NoSide, RTotal, false, Final},
	},
	QBasic: {
		{TExpenditure, ITotal, NoSide, RBasic, true, ""},
		{TGeneralFunction, ITotal, NoSide, RBasic, false, ""},
		{TGeneralBasic, ITotal, NoSide, RTotal, false, ""},
	},
	QProject: {
		{TExpenditure, ITotal, NoSide, RProject, true, ""},
		{TGeneralFunction, ITotal, NoSide, RProject, false, ""},
	},
	QGeneralExpend: {
		{TGeneralFunction, ITotal, NoSide, RTotal, true, ""},
	},
	QFiscalIncome: {
		{TFiscalTotal, IIncomeGrand, IncomeSide, RNone, true, Budget},
		{TFiscalTotal, IIncomeYear, IncomeSide, RNone, true, Final},
	},
	QFiscalExpend: {
		{TFiscalTotal, IExpendGrand, ExpendSide, RNone, true, Budget},
		{TFiscalTotal, IExpendYear, ExpendSide, RNone, true, Final},
	},
	QGeneral: {
		{TTotal, IGeneral, IncomeSide, RNone, true, ""},
		{TFiscalTotal, IGeneral, IncomeSide, RNone, false, ""},
	},
	QCarryBegin: {
		{TTotal, ICarryBegin, IncomeSide, RNone, true, ""},
	},
	QPersonnel: {
		{TGeneralBasic, IPersonnel, NoSide, RNone, true, ""},
		{TGeneralBasic, ITotal, NoSide, RPersonnel, true, ""},
		{TGeneralFunction, ITotal, NoSide, RPersonnel, false, ""},
	},
	QPublic: {
		{TGeneralBasic, IPublic, NoSide, RNone, true, ""},
		{TGeneralBasic, ITotal, NoSide, RPublic, true, ""},
		{TGeneralFunction, ITotal, NoSide, RPublic, false, ""},
	},
	QThreeCosts:     {{TThreeCosts, IThreeTotal, NoSide, RNone, true, ""}},
	QAbroad:         {{TThreeCosts, IAbroad, NoSide, RNone, true, ""}},
	QCar:            {{TThreeCosts, ICar, NoSide, RNone, true, ""}},
	QCarPurchase:    {{TThreeCosts, ICarPurchase, NoSide, RNone, true, ""}},
	QCarOperation:   {{TThreeCosts, ICarOperation, NoSide, RNone, true, ""}},
	QReception:      {{TThreeCosts, IReception, NoSide, RNone, true, ""}},
	QOperatingCosts: {{TOperatingCosts, ITotal, NoSide, RNone, true, ""}},
	QProcurement: {
		{TProcurement, IProcureTotal, NoSide, RNone, true, ""},
		{TProcurement, ITotal, NoSide, RNone, true, ""},
	},
	QProcureGoods:    {{TProcurement, IProcureGoods, NoSide, RNone, true, ""}},
	QProcureWorks:    {{TProcurement, IProcureWorks, NoSide, RNone, true, ""}},
	QProcureServices: {{TProcurement, IProcureServices, NoSide, RNone, true, ""}},
	QProcureSME:      {{TProcurement, IProcureSME, NoSide, RNone, true, ""}},
	QProcureMicro:    {{TProcurement, IProcureMicro, NoSide, RNone, true, ""}},
}

// StageRole is the role of the figure a report states for its kind in
// tables with both a budget and a final column (预算数 / 决算数).
func (r *Report) StageRole() Role {
	if r.Kind == Final {
		return RFinal
	}
	return RBudget
}

// TableStatements returns the table cells that state q, primary ones first.
func (r *Report) TableStatements(q Quantity) []Statement {
	var out []Statement
	for _, ref := range quantityCells[q] {
		if ref.only != "" && ref.only != r.Kind {
			continue
		}
		for _, t := range r.TablesOf(ref.kind) {
			row := t.Item(ref.item, ref.side)
			if row == nil && ref.side != NoSide {
				row = t.Item(ref.item, NoSide)
			}
			if row == nil {
				continue
			}
			c := pickCell(row, ref.role, r.StageRole())
			if c == nil {
				continue
			}
			out = append(out, Statement{Value: *c.Money, Loc: c.Loc, Table: t, Row: row, Primary: ref.primary, Clipped: c.Clipped})
		}
	}
	return out
}

// pickCell returns the cell of row with the role, or for RNone the cell of
// the report's stage, else the first money cell.
func pickCell(row *Row, role Role, stage Role) *Cell {
	if role != RNone {
		for i := range row.Cells {
			if row.Cells[i].Role == role && row.Cells[i].Money != nil {
				return &row.Cells[i]
			}
		}
		return nil
	}
	for i := range row.Cells {
		if row.Cells[i].Role == stage && row.Cells[i].Money != nil {
			return &row.Cells[i]
		}
	}
	for i := range row.Cells {
		c := &row.Cells[i]
		if c.Money != nil && c.Role != RPrior && c.Role != RChange && c.Role != RLineNo {
			return c
		}
	}
	return nil
}

// ProseStatements returns the prose amount claims of q.
func (r *Report) ProseStatements(q Quantity) []Statement {
	var out []Statement
	for _, c := range r.Claims {
		if c.Kind == CAmount && c.Quantity == q && c.Value != nil {
			out = append(out, Statement{Value: *c.Value, Loc: c.Loc, Claim: c})
		}
	}
	return out
}

// ValueOf returns the value the report gives q: from the primary table cell
// if any, else the first table cell, else the first prose statement.
func (r *Report) ValueOf(q Quantity) (Statement, bool) {
	ts := r.TableStatements(q)
	for _, clipped := range []bool{false, true} {
		for _, s := range ts {
			if s.Primary && s.Clipped == clipped {
				return s, true
			}
		}
		for _, s := range ts {
			if s.Clipped == clipped {
				return s, true
			}
		}
	}
	if ps := r.ProseStatements(q); len(ps) > 0 {
		return ps[0], true
	}
	return Statement{}, false
}
