package extract

import (
	"strings"
	"testing"

	"gongkai"
	"gongkai/doc"
)

func grid(lines ...string) *doc.Grid {
	g := &doc.Grid{}
	for i, l := range lines {
		row := doc.Row{Loc: gongkai.Loc{Line: i + 1}}
		for _, c := range strings.Split(l, "|") {
			row.Cells = append(row.Cells, doc.Cell{Text: strings.TrimSpace(c), Loc: gongkai.Loc{Line: i + 1}})
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

func build(t *testing.T, title string, g *doc.Grid) *gongkai.Table {
	t.Helper()
	b := newTableBuilder(g, titleInfo{Title: title}, 2024, gongkai.WanYuan)
	b.kind = KindOfTitle(title)
	tb := b.build()
	markClipped([]*gongkai.Table{tb})
	return tb
}

func TestTableTwoLevelHeader(t *testing.T) {
	tb := build(t, "一般公共预算支出表", grid(
		"科目编码 | 科目名称 | 本年支出 | | ",
		" | | 合计 | 基本支出 | 项目支出",
		" | 合计 | 10.00 | 6.00 | 4.00",
		"210 | 卫生健康支出 | 10.00 | 6.00 | 4.00",
		"21011 | 行政事业单位 医疗 | 10.00 | 6.00 | 4.00",
		"2101101 | 行政单位医疗 | 10.00 | 6.00 | 4.00",
	))
	if tb.Kind != gongkai.TGeneralFunction {
		t.Fatalf("kind = %s", tb.Kind)
	}
	var roles []string
	for _, c := range tb.Columns {
		roles = append(roles, string(c.Role))
	}
	if strings.Join(roles, ",") != "total,basic,project" {
		t.Fatalf("roles = %v", roles)
	}
	if len(tb.Rows) != 4 || tb.Rows[0].Item != gongkai.ITotal || tb.Rows[2].Name != "行政事业单位医疗" || tb.Rows[3].Code != "2101101" {
		t.Fatalf("rows = %+v %+v", tb.Rows[0], tb.Rows[2])
	}
	if v, _ := tb.Rows[1].Value(gongkai.RBasic); v.Fen != 6_000_000 {
		t.Errorf("basic = %v", v)
	}
}

func TestTableSplitCodes(t *testing.T) {
	tb := build(t, "一般公共预算支出表", grid(
		"类 | 款 | 项 | 科目名称 | 合计",
		"210 | | | 卫生健康支出 | 5.00",
		" | 11 | | 行政事业单位医疗 | 5.00",
		" | | 01 | 行政单位医疗 | 5.00",
	))
	var codes []string
	for _, r := range tb.Rows {
		codes = append(codes, r.Code)
	}
	if strings.Join(codes, ",") != "210,21011,2101101" {
		t.Fatalf("codes = %v", codes)
	}
}

func TestTableTwoSided(t *testing.T) {
	tb := build(t, "部门收支总表", grid(
		"收入 | | 支出 | ",
		"项目 | 预算数 | 项目 | 预算数",
		"一、一般公共预算拨款收入 | 100.00 | 210 卫生健康支出 | 100.00",
		"本年收入合计 | 100.00 | 本年支出合计 | 100.00",
		"收入总计 | 100.00 | 支出总计 | 100.00",
	))
	if tb.Kind != gongkai.TTotal {
		t.Fatalf("kind %s", tb.Kind)
	}
	got := map[gongkai.Item]gongkai.Side{}
	for _, r := range tb.Rows {
		got[r.Item] = r.Side
	}
	if got[gongkai.IGeneral] != gongkai.IncomeSide || got[gongkai.IExpendYear] != gongkai.ExpendSide || got[gongkai.IExpendGrand] != gongkai.ExpendSide {
		t.Fatalf("items by side = %v", got)
	}
	if r := tb.CodeRow("210", gongkai.ExpendSide); r == nil || r.Name != "卫生健康支出" {
		t.Fatalf("class row = %+v", r)
	}
}

func TestTableThreeCostsAcross(t *testing.T) {
	tb := build(t, "“三公”经费支出表", grid(
		"合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费",
		" | | 小计 | 公务用车购置费 | 公务用车运行费 | ",
		"3.24 | | 1.24 | | 1.24 | 2.00",
	))
	byItem := map[gongkai.Item]string{}
	for _, r := range tb.Rows {
		if len(r.Cells) > 0 && r.Cells[0].Money != nil {
			byItem[r.Item] = r.Cells[0].Money.String()
		} else {
			byItem[r.Item] = ""
		}
	}
	if byItem[gongkai.IThreeTotal] != "3.24" || byItem[gongkai.ICar] != "1.24" || byItem[gongkai.ICarOperation] != "1.24" ||
		byItem[gongkai.IReception] != "2.00" || byItem[gongkai.IAbroad] != "" {
		t.Fatalf("three costs = %v", byItem)
	}
}

func TestClippedCells(t *testing.T) {
	tb := build(t, "支出决算表", grid(
		"科目编码 | 科目名称 | 本年支出合计",
		"208 | 社会保障和就业支出 | 9. 1",
		"210 | 卫生健康支出 | 326.78",
		"221 | 住房保障支出 | 5.43",
	))
	if !tb.Rows[0].Cells[0].Clipped || tb.Rows[1].Cells[0].Clipped {
		t.Fatalf("clipped flags: %v %v", tb.Rows[0].Cells[0].Clipped, tb.Rows[1].Cells[0].Clipped)
	}
}

func TestReadNumber(t *testing.T) {
	tests := []struct {
		in     string
		digits string
		ok     bool
		spaced bool
	}{
		{"341. 39", "341.39", true, true},
		{"138 . 59", "138.59", true, true},
		{"6,430.34", "6430.34", true, false},
		{"１２，３４５．６７", "12345.67", true, false},
		{"—", "", true, false},
		{"合计", "", false, false},
		{"2101501", "2101501", true, false},
	}
	for _, tt := range tests {
		n, ok := ReadNumber(tt.in)
		if ok != tt.ok || n.Digits != tt.digits || n.Spaced != tt.spaced {
			t.Errorf("ReadNumber(%q) = %+v, %v", tt.in, n, ok)
		}
	}
}

func TestKindOfTitle(t *testing.T) {
	tests := map[string]gongkai.TableKind{
		"2024年部门收支总表":            gongkai.TTotal,
		"收入支出决算总表":               gongkai.TTotal,
		"财政拨款收入支出决算总表":           gongkai.TFiscalTotal,
		"一般公共预算财政拨款支出决算表":        gongkai.TGeneralFunction,
		"一般公共预算基本支出表（按经济科目到款级）":  gongkai.TGeneralBasic,
		"财政拨款\"三公\"经费支出决算表":      gongkai.TThreeCosts,
		"政府性基金预算财政拨款收入支出决算表":     gongkai.TGovFund,
		"2024年重庆市南岸区医疗保障局部门支出总表": gongkai.TExpenditure,
		"收入决算表":       gongkai.TIncome,
		"机关运行经费支出情况表": gongkai.TOperatingCosts,
		"项目支出绩效自评表":   gongkai.TSelfEvaluation,
		"2024年重庆市南岸区医疗保障局部门整体绩效目标表": gongkai.TDeptTargets,
	}
	for title, want := range tests {
		if got := KindOfTitle(title); got != want {
			t.Errorf("KindOfTitle(%q) = %s, want %s", title, got, want)
		}
	}
}

func FuzzReadNumber(f *testing.F) {
	for _, s := range []string{"341. 39", "1,234.5", "(12.00)", "12%", "—", "1,23", "abc", "1 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ReadNumber(s)
		if !ok || n.Dash {
			return
		}
		if _, err := gongkai.ParseFixed(n.Digits); err != nil {
			t.Fatalf("ReadNumber(%q) gave digits %q that do not parse: %v", s, n.Digits, err)
		}
	})
}

func columnRoles(tb *gongkai.Table) string {
	var roles []string
	for _, c := range tb.Columns {
		roles = append(roles, string(c.Side)+":"+string(c.Role))
	}
	return strings.Join(roles, ",")
}

// A heading naming the table's own fund over all its amounts
// (一般公共预算支出 over 合计|基本支出|项目支出) does not make 合计 a
// 一般公共预算 column (Shanghai's function and economic tables).
func TestTableOwnFundHeading(t *testing.T) {
	tb := build(t, "一般公共预算支出功能分类预算表", grid(
		"科目编码 | 科目名称 | 一般公共预算支出 | | ",
		" | | 合计 | 基本支出 | 项目支出",
		"210 | 卫生健康支出 | 10.00 | 6.00 | 4.00",
	))
	if got := columnRoles(tb); got != ":total,:basic,:project" {
		t.Fatalf("roles = %s", got)
	}
	tb = build(t, "财政拨款收支总表", grid(
		"财政拨款收入 | | 财政拨款支出 | | ",
		"项目 | 预算数 | 项目 | 合计 | 一般公共预算",
		"一、一般公共预算资金 | 10.00 | 一、卫生健康支出 | 10.00 | 10.00",
	))
	if got := columnRoles(tb); got != "income:budget,expenditure:total,expenditure:general" {
		t.Fatalf("roles = %s", got)
	}
}

// Two blocks side by side in one list (人员经费 | 公用经费), each with its
// code, name and amount: both parts are columns of the table.
func TestTableStackedParts(t *testing.T) {
	tb := build(t, "一般公共预算财政拨款基本支出决算表", grid(
		"人员经费 | | | 公用经费 | | ",
		"科目编码 | 科目名称 | 金额 | 科目编码 | 科目名称 | 金额",
		"301 | 工资福利支出 | 6.00 | 302 | 商品和服务支出 | 4.00",
		"30101 | 基本工资 | 6.00 | 30201 | 办公费 | 4.00",
	))
	if got := columnRoles(tb); got != ":personnel,:public" {
		t.Fatalf("roles = %s", got)
	}
	if v, ok := tb.Rows[len(tb.Rows)-1].Value(gongkai.RPublic); !ok || v.Fen != 4_000_000 {
		t.Fatalf("rows = %+v", tb.Rows)
	}
}

// A total printed across the name columns of two blocks, its amount in the
// last (当年支出小计 over 功能分类 and 支出用途, Jiangsu's 公开01表).
func TestTableTotalAcrossSides(t *testing.T) {
	tb := build(t, "收支预算总表", grid(
		"收入 | | 支出 | | | ",
		"项目名称 | 金额 | 功能科目名称 | 金额 | 项目名称 | 金额",
		"一、财政拨款 | 10.00 | 一、公共安全支出 | 4.00 | 一、基本支出 | 10.00",
		" | | 二、卫生健康支出 | 3.00 | | ",
		" | | 三、住房保障支出 | 3.00 | | ",
		"当年收入小计 | 10.00 | | 当年支出小计 | | 10.00",
		"收入合计 | 10.00 | | 支出合计 | | 10.00",
	))
	var got []string
	for _, r := range tb.Rows {
		got = append(got, string(r.Side)+"/"+string(r.Item)+"/"+r.Name)
	}
	want := "income//一、财政拨款,income/income_year/当年收入小计,income/income_grand/收入合计," +
		"expenditure/class/一、公共安全支出,expenditure/class/二、卫生健康支出,expenditure/class/三、住房保障支出,expenditure/expend_year/当年支出小计,expenditure/expend_grand/支出合计,economic/basic/一、基本支出"
	if strings.Join(got, ",") != want {
		t.Fatalf("rows:\n got %s\nwant %s", strings.Join(got, ","), want)
	}
}

// A totals table headed 收入项目 | 金额 | 支出项目 | 金额 reads both sides.
func TestTableIncomeExpenditureItems(t *testing.T) {
	tb := build(t, "部门收支总表", grid(
		"收入项目 | 金额 | 支出项目 | 金额",
		"一、一般公共预算拨款收入 | 100.00 | 一、卫生健康支出 | 100.00",
		"本年收入合计 | 100.00 | 本年支出合计 | 100.00",
	))
	if got := columnRoles(tb); got != "income:amount,expenditure:amount" {
		t.Fatalf("roles = %s", got)
	}
	var sides []string
	for _, r := range tb.Rows {
		sides = append(sides, string(r.Side)+"/"+r.Name)
	}
	if len(tb.Rows) != 4 || tb.Rows[3].Item != gongkai.IExpendYear {
		t.Fatalf("rows %v", sides)
	}
}

// 机关运行经费 printed beside the “三公” items is no car item, though its
// label has 运行 (Shanghai's 三公经费和机关运行经费预算表).
func TestThreeCostsOperatingCostsColumn(t *testing.T) {
	if it := threeCostItem("机关运行经费预算数"); it != gongkai.INone {
		t.Errorf("机关运行经费预算数: %s", it)
	}
	if it := threeCostItem("运行费"); it != gongkai.ICarOperation {
		t.Errorf("运行费: %s", it)
	}
}
