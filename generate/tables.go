package generate

import (
	"fmt"

	"gongkai"
	"gongkai/budget"
)

// totals are the printed figures the tables and the prose share.
type totals struct {
	incSrc       map[budget.Source]int64 // this year's income by source
	carry        map[budget.Source]int64 // carry-over from last year by group
	carryEnd     map[budget.Source]int64 // carry-over into next year by group
	spent        map[budget.Source]int64 // spending by source (both kinds of money)
	useNonFiscal int64
	distribution int64

	incomeYear, incomeGrand int64
	expendYear, expendGrand int64
	basic, project          int64

	general                             int64 // 一般公共预算 spending
	generalBasic, generalProject        int64
	personnel, public                   int64 // of 一般公共预算 basic spending
	fiscalIncome, fiscalCarry           int64
	fiscalExpend, fiscalCarryEnd        int64
	initGeneral, adjGeneral             int64 // final: budgets of 一般公共预算 spending
	abroad, carPurchase, carOp, recept  int64
	three, car                          int64
	bAbroad, bCarPurchase, bCarOp, bRec int64 // final: budget of the "三公" items
	bThree, bCar                        int64
	operating                           int64
	goods, works, services, procure     int64
	sme, micro                          int64
	purchased                           int64

	income  *tree // income by function and source column
	expend  *tree // all lines: total, basic, project
	genFunc *tree // 一般公共预算 lines: total, basic, personnel, public, project
	genEcon *tree // 一般公共预算 basic lines by economic code: total, personnel, public
	fund    *tree // 政府性基金 lines: total, basic, project
	capital *tree // 国有资本经营 lines
	fiscal  *tree // 财政拨款 lines: total, general, fund, capital
	opCosts *tree // 机关运行经费 by economic code
	initT   *tree // final: 一般公共预算 lines' budgets: initial, adjusted, final
}

// Income table columns (budget): 合计, 上年结转, then the sources.
func incomeColumn(s budget.Source, carry bool) int {
	if carry {
		return 1
	}
	for i, x := range budget.Sources {
		if x == s {
			return 2 + i
		}
	}
	return len(budget.Sources) + 1
}

func (g *gen) computeTotals() {
	d := g.d
	t := &g.totals
	t.incSrc, t.carry, t.carryEnd, t.spent = map[budget.Source]int64{}, map[budget.Source]int64{}, map[budget.Source]int64{}, map[budget.Source]int64{}
	t.income = newTree(2 + len(budget.Sources))
	t.expend = newTree(3)
	t.genFunc = newTree(5)
	t.genEcon = newTree(3)
	t.fund = newTree(3)
	t.capital = newTree(3)
	t.fiscal = newTree(4)
	t.opCosts = newTree(1)
	t.initT = newTree(3)
	carryLines := map[budget.Source]int64{}
	for i := range d.Lines {
		l := &d.Lines[i]
		a := g.lines[i]
		src := l.SourceOf()
		t.spent[src] += a
		if l.CarryOver {
			carryLines[budget.CarryGroup(src)] += a
		}
		if !g.final || len(d.IncomeLines) == 0 {
			if !(g.final && l.CarryOver) {
				t.income.add(l.Function, 0, a)
				t.income.add(l.Function, incomeColumn(src, l.CarryOver), a)
				if !l.CarryOver {
					t.incSrc[src] += a
				}
			}
		}
		kindCol := 1
		if l.Kind == budget.Project {
			kindCol = 2
		}
		t.expend.add(l.Function, 0, a)
		t.expend.add(l.Function, kindCol, a)
		t.expendYear += a
		if l.Kind == budget.Project {
			t.project += a
		} else {
			t.basic += a
		}
		switch src {
		case budget.General:
			t.general += a
			t.genFunc.add(l.Function, 0, a)
			if l.Kind == budget.Project {
				t.genFunc.add(l.Function, 4, a)
				t.generalProject += a
			} else {
				t.genFunc.add(l.Function, 1, a)
				t.generalBasic += a
				t.genEcon.add(l.Economic, 0, a)
				if budget.IsPersonnel(l.Economic) {
					t.genFunc.add(l.Function, 2, a)
					t.genEcon.add(l.Economic, 1, a)
					t.personnel += a
				} else {
					t.genFunc.add(l.Function, 3, a)
					t.genEcon.add(l.Economic, 2, a)
					t.public += a
				}
			}
			t.initT.add(l.Function, 0, g.init[i])
			t.initT.add(l.Function, 1, g.adj[i])
			t.initT.add(l.Function, 2, a)
			t.initGeneral += g.init[i]
			t.adjGeneral += g.adj[i]
			t.fiscal.add(l.Function, 1, a)
		case budget.GovFund:
			t.fund.add(l.Function, 0, a)
			t.fund.add(l.Function, kindCol, a)
			t.fiscal.add(l.Function, 2, a)
		case budget.Capital:
			t.capital.add(l.Function, 0, a)
			t.capital.add(l.Function, kindCol, a)
			t.fiscal.add(l.Function, 3, a)
		}
		if src.Fiscal() {
			t.fiscal.add(l.Function, 0, a)
			t.fiscalExpend += a
		}
	}
	if g.final && len(d.IncomeLines) > 0 {
		for _, l := range d.IncomeLines {
			a := g.round(l.Amount)
			t.income.add(l.Function, 0, a)
			t.income.add(l.Function, incomeColumn(l.Source, false), a)
			t.incSrc[l.Source] += a
		}
	}
	// Carry-over from last year.
	if g.final && d.HasIncome() {
		for _, grp := range budget.CarryGroups {
			t.carry[grp] = g.round(d.Income.CarryBegin[grp])
		}
	} else {
		for _, grp := range budget.CarryGroups {
			t.carry[grp] = carryLines[grp]
		}
	}
	if g.final {
		t.useNonFiscal = g.round(d.Income.UseNonFiscal)
		t.distribution = g.round(d.Income.Distribution)
	}
	for _, s := range budget.Sources {
		t.incomeYear += t.incSrc[s]
	}
	t.incomeGrand = t.incomeYear + t.useNonFiscal
	for _, grp := range budget.CarryGroups {
		t.incomeGrand += t.carry[grp]
	}
	// What is left goes into next year; it balances the printed figures.
	for _, s := range budget.Sources {
		t.carryEnd[budget.CarryGroup(s)] += t.incSrc[s] - t.spent[s]
	}
	for _, grp := range budget.CarryGroups {
		t.carryEnd[grp] += t.carry[grp]
	}
	t.carryEnd[budget.Other] += t.useNonFiscal - t.distribution
	t.expendGrand = t.expendYear + t.distribution
	for _, grp := range budget.CarryGroups {
		t.expendGrand += t.carryEnd[grp]
	}
	t.fiscalIncome = t.incSrc[budget.General] + t.incSrc[budget.GovFund] + t.incSrc[budget.Capital]
	t.fiscalCarry = t.carry[budget.General] + t.carry[budget.GovFund] + t.carry[budget.Capital]
	t.fiscalCarryEnd = t.carryEnd[budget.General] + t.carryEnd[budget.GovFund] + t.carryEnd[budget.Capital]

	tc := d.ThreeCosts
	t.abroad, t.carPurchase, t.carOp, t.recept = g.round(tc.Abroad), g.round(tc.CarPurchase), g.round(tc.CarOperation), g.round(tc.Reception)
	t.car = t.carPurchase + t.carOp
	t.three = t.abroad + t.car + t.recept
	if b := tc.Budget; b != nil {
		t.bAbroad, t.bCarPurchase, t.bCarOp, t.bRec = g.round(b.Abroad), g.round(b.CarPurchase), g.round(b.CarOperation), g.round(b.Reception)
		t.bCar = t.bCarPurchase + t.bCarOp
		t.bThree = t.bAbroad + t.bCar + t.bRec
	}
	for _, c := range d.OperatingCosts {
		a := g.round(c.Amount)
		t.opCosts.add(c.Code, 0, a)
		t.operating += a
	}
	for _, p := range d.Procurement {
		a := g.round(p.Amount)
		switch p.Category {
		case "货物":
			t.goods += a
		case "工程":
			t.works += a
		case "服务":
			t.services += a
		}
		t.procure += a
		t.sme += g.round(p.SME)
		t.micro += g.round(p.Micro)
	}
	for _, s := range d.PurchasedServices {
		t.purchased += g.round(s.Amount)
	}
}

// tables makes the tables of a budget or final account: the standard set
// in its order (gongkai.StandardTables), then 机关运行经费, 政府采购 and
// 政府购买服务, then the performance targets (budget) or self-evaluations
// (final).
func (g *gen) tables() {
	n := 0
	next := func() string { n++; return g.number(n) }
	for _, k := range gongkai.StandardTables(g.d.Kind) {
		switch number := next(); k {
		case gongkai.TTotal:
			g.totalTable(number)
		case gongkai.TIncome:
			g.incomeTable(number)
		case gongkai.TExpenditure:
			g.expendTable(number)
		case gongkai.TFiscalTotal:
			g.fiscalTable(number)
		case gongkai.TGeneralFunction:
			g.generalFunctionTable(number)
		case gongkai.TGeneralBasic:
			g.generalBasicTable(number)
		case gongkai.TThreeCosts:
			g.threeCostsTable(number)
		case gongkai.TGovFund, gongkai.TStateCapital:
			g.fundTable(number, k)
		}
	}
	if g.final || len(g.d.OperatingCosts) > 0 {
		g.operatingTable(next())
	}
	g.procurementTable(next())
	if len(g.d.PurchasedServices) > 0 {
		g.purchasedTable(next())
	}
	if g.final {
		g.selfEvaluationTables()
	} else {
		g.targetTables(next)
	}
}

// stageLabel is the label of the one figure column of a budget or final table.
func (g *gen) stageColumn(side gongkai.Side, top string) gongkai.Column {
	if g.final {
		return gongkai.Column{Role: gongkai.RAmount, Label: top + "/金额", Side: side}
	}
	return gongkai.Column{Role: gongkai.RBudget, Label: top + "/预算数", Side: side}
}

func (g *gen) sideRow(name string, it gongkai.Item, side gongkai.Side, c gongkai.Column, fen int64) *gongkai.Row {
	r := &gongkai.Row{Name: name, Item: it, Side: side}
	if cl := g.cell(c.Role, c.Label, fen); cl != nil {
		r.Cells = append(r.Cells, *cl)
	} else if it == gongkai.IIncomeYear || it == gongkai.IIncomeGrand || it == gongkai.IExpendYear || it == gongkai.IExpendGrand {
		// Totals are printed even when nothing came in or went out.
		r.Cells = append(r.Cells, gongkai.Cell{Role: c.Role, Label: c.Label, Text: g.text(0), Money: g.money(0)})
	}
	return r
}

// incomeItems are the numbered income rows of the totals table.
type incomeItem struct {
	name string
	item gongkai.Item
	fen  int64
}

func (g *gen) incomeItems() []incomeItem {
	t := &g.totals
	if g.final {
		return []incomeItem{
			{"一般公共预算财政拨款收入", gongkai.IGeneral, t.incSrc[budget.General]},
			{"政府性基金预算财政拨款收入", gongkai.IFund, t.incSrc[budget.GovFund]},
			{"国有资本经营预算财政拨款收入", gongkai.ICapital, t.incSrc[budget.Capital]},
			{"上级补助收入", gongkai.ISuperior, t.incSrc[budget.Superior]},
			{"事业收入", gongkai.IService, t.incSrc[budget.Service]},
			{"经营收入", gongkai.IOperating, t.incSrc[budget.Operating]},
			{"附属单位上缴收入", gongkai.IAffiliated, t.incSrc[budget.Affiliated]},
			{"其他收入", gongkai.IOther, t.incSrc[budget.Other] + t.incSrc[budget.Special]},
		}
	}
	return []incomeItem{
		{"一般公共预算拨款收入", gongkai.IGeneral, t.incSrc[budget.General]},
		{"政府性基金预算拨款收入", gongkai.IFund, t.incSrc[budget.GovFund]},
		{"国有资本经营预算拨款收入", gongkai.ICapital, t.incSrc[budget.Capital]},
		{"财政专户管理资金收入", gongkai.ISpecial, t.incSrc[budget.Special]},
		{"事业收入", gongkai.IService, t.incSrc[budget.Service]},
		{"上级补助收入", gongkai.ISuperior, t.incSrc[budget.Superior]},
		{"附属单位上缴收入", gongkai.IAffiliated, t.incSrc[budget.Affiliated]},
		{"事业单位经营收入", gongkai.IOperating, t.incSrc[budget.Operating]},
		{"其他收入", gongkai.IOther, t.incSrc[budget.Other]},
	}
}

// totalTable is 部门收支总表 / 收入支出决算总表.
func (g *gen) totalTable(number string) {
	t := &g.totals
	name := "部门收支总表"
	if g.final {
		name = "收入支出决算总表"
	}
	in, out := g.stageColumn(gongkai.IncomeSide, "收入"), g.stageColumn(gongkai.ExpendSide, "支出")
	tb := &gongkai.Table{Kind: gongkai.TTotal, Title: g.title(name), Number: number, Columns: []gongkai.Column{in, out}}
	for i, it := range g.incomeItems() {
		tb.Rows = append(tb.Rows, g.sideRow(numeral(i)+"、"+it.name, it.item, gongkai.IncomeSide, in, it.fen))
	}
	tb.Rows = append(tb.Rows, g.sideRow("本年收入合计", gongkai.IIncomeYear, gongkai.IncomeSide, in, t.incomeYear))
	carry := t.carry[budget.General] + t.carry[budget.GovFund] + t.carry[budget.Capital] + t.carry[budget.Other]
	if g.final {
		tb.Rows = append(tb.Rows, g.sideRow("使用非财政拨款结余（含专用结余）", gongkai.INonFiscalUse, gongkai.IncomeSide, in, t.useNonFiscal))
		tb.Rows = append(tb.Rows, g.sideRow("年初结转和结余", gongkai.ICarryBegin, gongkai.IncomeSide, in, carry))
		tb.Rows = append(tb.Rows, g.sideRow("总计", gongkai.IIncomeGrand, gongkai.IncomeSide, in, t.incomeGrand))
	} else {
		tb.Rows = append(tb.Rows, g.sideRow("上年结转", gongkai.ICarryBegin, gongkai.IncomeSide, in, carry))
		tb.Rows = append(tb.Rows, g.sideRow("收入总计", gongkai.IIncomeGrand, gongkai.IncomeSide, in, t.incomeGrand))
	}
	for _, c := range t.expend.classes() {
		r := g.sideRow(g.names[c], gongkai.INone, gongkai.ExpendSide, out, t.expend.rows[c][0])
		r.Code = c
		tb.Rows = append(tb.Rows, r)
	}
	tb.Rows = append(tb.Rows, g.sideRow("本年支出合计", gongkai.IExpendYear, gongkai.ExpendSide, out, t.expendYear))
	end := t.carryEnd[budget.General] + t.carryEnd[budget.GovFund] + t.carryEnd[budget.Capital] + t.carryEnd[budget.Other]
	if g.final {
		tb.Rows = append(tb.Rows, g.sideRow("结余分配", gongkai.IDistribution, gongkai.ExpendSide, out, t.distribution))
		tb.Rows = append(tb.Rows, g.sideRow("年末结转和结余", gongkai.ICarryEnd, gongkai.ExpendSide, out, end))
		tb.Rows = append(tb.Rows, g.sideRow("总计", gongkai.IExpendGrand, gongkai.ExpendSide, out, t.expendGrand))
	} else {
		tb.Rows = append(tb.Rows, g.sideRow("结转下年", gongkai.ICarryEnd, gongkai.ExpendSide, out, end))
		tb.Rows = append(tb.Rows, g.sideRow("支出总计", gongkai.IExpendGrand, gongkai.ExpendSide, out, t.expendGrand))
	}
	g.addTable(tb)
}

// incomeTable is 部门收入总表 / 收入决算表, by function classification.
func (g *gen) incomeTable(number string) {
	t := &g.totals
	var cols []gongkai.Column
	tr := t.income
	if g.final {
		// Final accounts print 财政拨款收入 as one column and 财政专户 under 其他收入.
		cols = []gongkai.Column{col(gongkai.RTotal, "本年收入合计"), col(gongkai.RFiscal, "财政拨款收入"),
			col(gongkai.RSuperior, "上级补助收入"), col(gongkai.RService, "事业收入"), col(gongkai.ROperating, "经营收入"),
			col(gongkai.RAffiliated, "附属单位上缴收入"), col(gongkai.ROther, "其他收入")}
		tr = newTree(len(cols))
		m := func(v vec) vec {
			at := func(s budget.Source) int64 { return v[incomeColumn(s, false)] }
			return vec{v[0], at(budget.General) + at(budget.GovFund) + at(budget.Capital), at(budget.Superior),
				at(budget.Service), at(budget.Operating), at(budget.Affiliated), at(budget.Other) + at(budget.Special)}
		}
		for c, v := range t.income.rows {
			tr.rows[c] = m(v)
		}
		tr.total = m(t.income.total)
	} else {
		cols = []gongkai.Column{col(gongkai.RTotal, "合计"), col(gongkai.RCarryBegin, "上年结转")}
		roles := []gongkai.Role{gongkai.RGeneral, gongkai.RFund, gongkai.RCapital, gongkai.RSpecial, gongkai.RService,
			gongkai.RSuperior, gongkai.RAffiliated, gongkai.ROperating, gongkai.ROther}
		for i, s := range budget.Sources {
			cols = append(cols, col(roles[i], string(s)))
		}
	}
	name := "部门收入总表"
	if g.final {
		name = "收入决算表"
	}
	tb := &gongkai.Table{Kind: gongkai.TIncome, Title: g.title(name), Number: number, Columns: cols}
	tb.Rows = g.treeRows(tr, cols, "合计")
	g.addTable(tb)
}

// expendTable is 部门支出总表 / 支出决算表.
func (g *gen) expendTable(number string) {
	cols := []gongkai.Column{col(gongkai.RTotal, "合计"), col(gongkai.RBasic, "基本支出"), col(gongkai.RProject, "项目支出")}
	name := "部门支出总表"
	if g.final {
		cols[0].Label = "本年支出合计"
		cols = append(cols, col(gongkai.RRemit, "上缴上级支出"), col(gongkai.RBusiness, "经营支出"), col(gongkai.RSubsidy, "对附属单位补助支出"))
		name = "支出决算表"
	}
	tb := &gongkai.Table{Kind: gongkai.TExpenditure, Title: g.title(name), Number: number, Columns: cols}
	tb.Rows = g.treeRows(g.totals.expend, cols, "合计")
	g.addTable(tb)
}

// fiscalTable is 财政拨款收支总表 / 财政拨款收入支出决算总表.
func (g *gen) fiscalTable(number string) {
	t := &g.totals
	in := g.stageColumn(gongkai.IncomeSide, "收入")
	suffix := ""
	if g.final {
		suffix = "财政拨款"
	}
	outCols := []gongkai.Column{
		{Role: gongkai.RTotal, Label: "支出/合计", Side: gongkai.ExpendSide},
		{Role: gongkai.RGeneral, Label: "支出/一般公共预算" + suffix, Side: gongkai.ExpendSide},
		{Role: gongkai.RFund, Label: "支出/政府性基金预算" + suffix, Side: gongkai.ExpendSide},
		{Role: gongkai.RCapital, Label: "支出/国有资本经营预算" + suffix, Side: gongkai.ExpendSide},
	}
	name := "财政拨款收支总表"
	items := []string{"一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入"}
	if g.final {
		name = "财政拨款收入支出决算总表"
		items = []string{"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"}
	}
	tb := &gongkai.Table{Kind: gongkai.TFiscalTotal, Title: g.title(name), Number: number, Columns: append([]gongkai.Column{in}, outCols...)}
	for i, s := range []budget.Source{budget.General, budget.GovFund, budget.Capital} {
		it := []gongkai.Item{gongkai.IGeneral, gongkai.IFund, gongkai.ICapital}[i]
		tb.Rows = append(tb.Rows, g.sideRow(numeral(i)+"、"+items[i], it, gongkai.IncomeSide, in, t.incSrc[s]))
	}
	tb.Rows = append(tb.Rows, g.sideRow("本年收入合计", gongkai.IIncomeYear, gongkai.IncomeSide, in, t.fiscalIncome))
	grand := t.fiscalIncome + t.fiscalCarry
	if g.final {
		tb.Rows = append(tb.Rows, g.sideRow("年初财政拨款结转和结余", gongkai.ICarryBegin, gongkai.IncomeSide, in, t.fiscalCarry))
		tb.Rows = append(tb.Rows, g.sideRow("总计", gongkai.IIncomeGrand, gongkai.IncomeSide, in, grand))
	} else {
		tb.Rows = append(tb.Rows, g.sideRow("上年结转", gongkai.ICarryBegin, gongkai.IncomeSide, in, t.fiscalCarry))
		tb.Rows = append(tb.Rows, g.sideRow("收入总计", gongkai.IIncomeGrand, gongkai.IncomeSide, in, grand))
	}
	for _, c := range t.fiscal.classes() {
		tb.Rows = append(tb.Rows, g.row(c, g.names[c], gongkai.INone, gongkai.ExpendSide, outCols, t.fiscal.rows[c]))
	}
	tb.Rows = append(tb.Rows, g.row("", "本年支出合计", gongkai.IExpendYear, gongkai.ExpendSide, outCols, t.fiscal.total))
	ends := vec{t.fiscalCarryEnd, t.carryEnd[budget.General], t.carryEnd[budget.GovFund], t.carryEnd[budget.Capital]}
	grands := make(vec, 4)
	for j := range grands {
		grands[j] = t.fiscal.total[j] + ends[j]
	}
	if g.final {
		tb.Rows = append(tb.Rows, g.row("", "年末财政拨款结转和结余", gongkai.ICarryEnd, gongkai.ExpendSide, outCols, ends))
		tb.Rows = append(tb.Rows, g.row("", "总计", gongkai.IExpendGrand, gongkai.ExpendSide, outCols, grands))
	} else {
		tb.Rows = append(tb.Rows, g.row("", "结转下年", gongkai.ICarryEnd, gongkai.ExpendSide, outCols, ends))
		tb.Rows = append(tb.Rows, g.row("", "支出总计", gongkai.IExpendGrand, gongkai.ExpendSide, outCols, grands))
	}
	g.addTable(tb)
}

// generalFunctionTable is 一般公共预算支出表, by function classification to 项.
func (g *gen) generalFunctionTable(number string) {
	cols := []gongkai.Column{col(gongkai.RTotal, "本年支出/合计"), col(gongkai.RBasic, "本年支出/基本支出/小计"),
		col(gongkai.RPersonnel, "本年支出/基本支出/人员经费"), col(gongkai.RPublic, "本年支出/基本支出/公用经费"),
		col(gongkai.RProject, "本年支出/项目支出")}
	name := "一般公共预算支出表"
	if g.final {
		name = "一般公共预算财政拨款支出决算表"
	}
	tb := &gongkai.Table{Kind: gongkai.TGeneralFunction, Title: g.title(name), Number: number, Columns: cols}
	tb.Rows = g.treeRows(g.totals.genFunc, cols, "合计")
	g.addTable(tb)
}

// generalBasicTable is 一般公共预算基本支出表, by economic classification to 款.
func (g *gen) generalBasicTable(number string) {
	t := &g.totals
	cols := []gongkai.Column{col(gongkai.RTotal, "合计"), col(gongkai.RPersonnel, "人员经费"), col(gongkai.RPublic, "公用经费")}
	name := "一般公共预算基本支出表"
	if g.final {
		name = "一般公共预算财政拨款基本支出决算表"
	}
	tb := &gongkai.Table{Kind: gongkai.TGeneralBasic, Title: g.title(name), Number: number, Columns: cols}
	tb.Rows = g.treeRows(t.genEcon, cols, "合计")
	if g.final {
		tb.Rows = append(tb.Rows,
			g.row("", "人员经费合计", gongkai.IPersonnel, gongkai.NoSide, cols, vec{t.personnel, t.personnel, 0}),
			g.row("", "公用经费合计", gongkai.IPublic, gongkai.NoSide, cols, vec{t.public, 0, t.public}))
	}
	g.addTable(tb)
}

// threeCostsTable is the "三公" table, one row per item.
func (g *gen) threeCostsTable(number string) {
	t := &g.totals
	name := "一般公共预算“三公”经费支出表"
	cols := []gongkai.Column{col(gongkai.RBudget, "预算数")}
	if g.final {
		name = "财政拨款“三公”经费支出决算表"
		cols = []gongkai.Column{col(gongkai.RBudget, "预算数"), col(gongkai.RFinal, "决算数")}
	}
	tb := &gongkai.Table{Kind: gongkai.TThreeCosts, Title: g.title(name), Number: number, Columns: cols}
	items := []struct {
		name      string
		it        gongkai.Item
		fin, budg int64
	}{
		{"合计", gongkai.IThreeTotal, t.three, t.bThree},
		{"因公出国（境）费", gongkai.IAbroad, t.abroad, t.bAbroad},
		{"公务用车购置及运行费", gongkai.ICar, t.car, t.bCar},
		{"公务用车购置费", gongkai.ICarPurchase, t.carPurchase, t.bCarPurchase},
		{"公务用车运行维护费", gongkai.ICarOperation, t.carOp, t.bCarOp},
		{"公务接待费", gongkai.IReception, t.recept, t.bRec},
	}
	for _, x := range items {
		r := g.row("", x.name, x.it, gongkai.NoSide, cols, vec{x.fin})
		if g.final {
			// Both stages are printed, zeros too: a blank 决算数 would leave
			// the 预算数 to be read as the row's figure.
			r.Cells = nil
			if t.three != 0 || t.bThree != 0 {
				for j, v := range []int64{x.budg, x.fin} {
					r.Cells = append(r.Cells, gongkai.Cell{Role: cols[j].Role, Label: cols[j].Label, Text: g.text(v), Money: g.money(v)})
				}
			}
		}
		tb.Rows = append(tb.Rows, r)
	}
	if tb.IsEmpty() {
		tb.Note = fmt.Sprintf("注：本部门%d年无“三公”经费%s，本表为空表。", g.d.Year, g.d.Kind.Chinese())
	}
	g.addTable(tb)
}

// fundTable is 政府性基金 or 国有资本经营 预算支出表.
func (g *gen) fundTable(number string, kind gongkai.TableKind) {
	t := &g.totals
	tr, what := t.fund, "政府性基金预算"
	if kind == gongkai.TStateCapital {
		tr, what = t.capital, "国有资本经营预算"
	}
	cols := []gongkai.Column{col(gongkai.RTotal, "合计"), col(gongkai.RBasic, "基本支出"), col(gongkai.RProject, "项目支出")}
	name := what + "支出表"
	if g.final {
		name = what + "财政拨款收入支出决算表"
		cols = []gongkai.Column{col(gongkai.RTotal, "本年支出/小计"), col(gongkai.RBasic, "本年支出/基本支出"), col(gongkai.RProject, "本年支出/项目支出")}
	}
	tb := &gongkai.Table{Kind: kind, Title: g.title(name), Number: number, Columns: cols}
	tb.Rows = g.treeRows(tr, cols, "合计")
	if tb.IsEmpty() {
		if g.final {
			tb.Note = fmt.Sprintf("注：%d年度本部门没有发生%s财政拨款收入支出，故本表无数据。", g.d.Year, what)
		} else {
			tb.Note = fmt.Sprintf("注：本部门%d年无%s支出，本表为空表。", g.d.Year, what)
		}
	}
	g.addTable(tb)
}

// operatingTable is 机关运行经费 by economic classification.
func (g *gen) operatingTable(number string) {
	name := "机关运行经费预算表"
	label := "机关运行经费预算数"
	if g.final {
		name, label = "机关运行经费支出情况表", "机关运行经费支出决算数"
	}
	cols := []gongkai.Column{col(gongkai.RAmount, label)}
	tb := &gongkai.Table{Kind: gongkai.TOperatingCosts, Title: g.title(name), Number: number, Columns: cols}
	tb.Rows = g.treeRows(g.totals.opCosts, cols, "合计")
	g.addTable(tb)
}

// procurementTable is 政府采购预算表 / 政府采购支出情况表.
func (g *gen) procurementTable(number string) {
	t := &g.totals
	name := "政府采购预算表"
	if g.final {
		name = "政府采购支出情况表"
	}
	cols := []gongkai.Column{col(gongkai.RAmount, "金额")}
	tb := &gongkai.Table{Kind: gongkai.TProcurement, Title: g.title(name), Number: number, Columns: cols}
	stage := "预算"
	if g.final {
		stage = "支出"
	}
	for _, x := range []struct {
		name string
		it   gongkai.Item
		fen  int64
	}{
		{"（一）政府采购" + stage + "合计", gongkai.IProcureTotal, t.procure},
		{"1.政府采购货物" + stage, gongkai.IProcureGoods, t.goods},
		{"2.政府采购工程" + stage, gongkai.IProcureWorks, t.works},
		{"3.政府采购服务" + stage, gongkai.IProcureServices, t.services},
		{"（二）政府采购授予中小企业合同金额", gongkai.IProcureSME, t.sme},
		{"其中：授予小微企业合同金额", gongkai.IProcureMicro, t.micro},
	} {
		tb.Rows = append(tb.Rows, g.row("", x.name, x.it, gongkai.NoSide, cols, vec{x.fen}))
	}
	if tb.IsEmpty() {
		tb.Note = fmt.Sprintf("注：本部门%d年无政府采购%s，本表为空表。", g.d.Year, stage)
	}
	g.addTable(tb)
}

// purchasedTable is 政府购买服务预算表.
func (g *gen) purchasedTable(number string) {
	name := "政府购买服务预算表"
	if g.final {
		name = "政府购买服务支出表"
	}
	cols := []gongkai.Column{col(gongkai.RText, "指导性目录类别"), col(gongkai.RAmount, "金额")}
	tb := &gongkai.Table{Kind: gongkai.TPurchasedServices, Title: g.title(name), Number: number, Columns: cols}
	tb.Rows = append(tb.Rows, g.row("", "合计", gongkai.ITotal, gongkai.NoSide, cols, vec{0, g.totals.purchased}))
	for _, s := range g.d.PurchasedServices {
		r := &gongkai.Row{Name: s.Name}
		if s.Category != "" {
			r.Cells = append(r.Cells, gongkai.Cell{Role: gongkai.RText, Label: cols[0].Label, Text: s.Category})
		}
		if c := g.cell(gongkai.RAmount, cols[1].Label, g.round(s.Amount)); c != nil {
			r.Cells = append(r.Cells, *c)
		}
		tb.Rows = append(tb.Rows, r)
	}
	if tb.IsEmpty() {
		tb.Note = fmt.Sprintf("注：本部门%d年无政府购买服务预算，本表为空表。", g.d.Year)
	}
	g.addTable(tb)
}
