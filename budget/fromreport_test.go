package budget

import (
	"errors"
	"testing"

	"gongkai"
)

// row builds a table row with money cells in 万元 by role ("" skips a cell).
func row(code, name string, it gongkai.Item, cells ...any) *gongkai.Row {
	r := &gongkai.Row{Code: code, Name: name, Item: it}
	for i := 0; i+1 < len(cells); i += 2 {
		s := cells[i+1].(string)
		if s == "" {
			continue
		}
		m, err := gongkai.ParseMoney(s, gongkai.WanYuan)
		if err != nil {
			panic(err)
		}
		r.Cells = append(r.Cells, gongkai.Cell{Role: cells[i].(gongkai.Role), Text: s, Money: &m})
	}
	return r
}

func table(k gongkai.TableKind, roles []gongkai.Role, rows ...*gongkai.Row) *gongkai.Table {
	t := &gongkai.Table{Kind: k, Unit: gongkai.WanYuan}
	for _, ro := range roles {
		t.Columns = append(t.Columns, gongkai.Column{Role: ro})
	}
	t.Rows = rows
	return t
}

func wan(t *testing.T, s string) Amount {
	t.Helper()
	m, err := gongkai.ParseMoney(s, gongkai.WanYuan)
	if err != nil {
		t.Fatal(err)
	}
	return Amount(m.Fen)
}

// lineSums adds the data's lines up by function code and kind, and by
// economic code.
func lineSums(d *Data) (fn map[string]Amount, econ map[string]Amount) {
	fn, econ = map[string]Amount{}, map[string]Amount{}
	for _, l := range d.Lines {
		fn[l.Function+string(l.Kind)] += l.Amount
		if l.Kind == Basic {
			econ[l.Economic] += l.Amount
		}
	}
	return fn, econ
}

func TestFromReportRefuses(t *testing.T) {
	r := &gongkai.Report{Kind: gongkai.Budget, Year: 2024, Unit: gongkai.WanYuan, Department: "某局",
		Tables: []*gongkai.Table{table(gongkai.TProcurement, []gongkai.Role{gongkai.RAmount},
			row("", "政府采购货物", gongkai.IProcureGoods, gongkai.RAmount, "10.00"))}}
	if _, err := FromReport(r); !errors.Is(err, ErrNoExpenditure) {
		t.Fatalf("want ErrNoExpenditure, got %v", err)
	}
}

// Budget units listed with codes of their own (044, 044001) above the
// function lines are neither lines nor names; personnel and public
// spending of each 项 come from the 款 of their kind.
func TestFromReportUnitRows(t *testing.T) {
	cols := []gongkai.Role{gongkai.RTotal, gongkai.RBasic, gongkai.RPersonnel, gongkai.RPublic, gongkai.RProject}
	fn := table(gongkai.TGeneralFunction, cols,
		row("", "合计", gongkai.ITotal, gongkai.RTotal, "130.00"),
		row("044", "某局", gongkai.IUnit, gongkai.RTotal, "130.00"),
		row("044001", "某局本级", gongkai.IUnit, gongkai.RTotal, "130.00"),
		row("2101501", "行政运行", "", gongkai.RTotal, "100.00", gongkai.RBasic, "100.00", gongkai.RPersonnel, "70.00", gongkai.RPublic, "30.00"),
		row("2101502", "一般行政管理事务", "", gongkai.RTotal, "30.00", gongkai.RBasic, "10.00", gongkai.RPublic, "10.00", gongkai.RProject, "20.00"))
	econ := table(gongkai.TGeneralBasic, []gongkai.Role{gongkai.RTotal},
		row("044", "某局", gongkai.IUnit, gongkai.RTotal, "110.00"),
		row("30201", "办公费", "", gongkai.RTotal, "40.00"),
		row("30101", "基本工资", "", gongkai.RTotal, "70.00"))
	r := &gongkai.Report{Kind: gongkai.Budget, Year: 2024, Unit: gongkai.WanYuan, Department: "某局",
		Tables: []*gongkai.Table{fn, econ}}
	d, err := FromReport(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Names {
		if n.Code == "044" || n.Code == "044001" {
			t.Errorf("unit code taken as a name: %v", n)
		}
	}
	got := map[string]Amount{}
	for _, l := range d.Lines {
		got[l.Function+" "+l.Economic+" "+string(l.Kind)] += l.Amount
	}
	want := map[string]Amount{
		"2101501 30101 基本支出": wan(t, "70"), "2101501 30201 基本支出": wan(t, "30"),
		"2101502 30201 基本支出": wan(t, "10"), "2101502  项目支出": wan(t, "20"),
	}
	if len(got) != len(want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %d, want %d", k, got[k], v)
		}
	}
}

// A function table printing one figure per 项, without the basic/project
// split: basic spending is what the economic table holds, booked first on
// the 项 equal to a 款, then on 行政运行; the rest is project spending.
func TestFromReportWithoutSplit(t *testing.T) {
	fn := table(gongkai.TGeneralFunction, []gongkai.Role{gongkai.RAmount},
		row("", "合计", gongkai.ITotal, gongkai.RAmount, "180.00"),
		row("2040402", "一般行政管理事务", "", gongkai.RAmount, "50.00"),
		row("2040401", "行政运行", "", gongkai.RAmount, "100.00"),
		row("2210201", "住房公积金", "", gongkai.RAmount, "30.00"))
	econ := table(gongkai.TGeneralBasic, []gongkai.Role{gongkai.RAmount},
		row("30101", "基本工资", "", gongkai.RAmount, "90.00"),
		row("30113", "住房公积金", "", gongkai.RAmount, "30.00"))
	r := &gongkai.Report{Kind: gongkai.Budget, Year: 2019, Unit: gongkai.WanYuan, Department: "某院",
		Tables: []*gongkai.Table{fn, econ}}
	d, err := FromReport(r)
	if err != nil {
		t.Fatal(err)
	}
	fns, econs := lineSums(d)
	for k, v := range map[string]string{"2210201基本支出": "30", "2040401基本支出": "90", "2040401项目支出": "10", "2040402项目支出": "50"} {
		if fns[k] != wan(t, v) {
			t.Errorf("%s: %d, want %s万元 (lines %v)", k, fns[k], v, fns)
		}
	}
	if econs["30113"] != wan(t, "30") || econs["30101"] != wan(t, "90") {
		t.Errorf("economic: %v", econs)
	}
}

// A table listing a 项 once per budget unit is summed; basic spending by
// the government economic classification (5xx) gets its built-in class
// names; figures printed with six decimals keep them.
func TestFromReportRepeatedCodes(t *testing.T) {
	cols := []gongkai.Role{gongkai.RTotal, gongkai.RBasic, gongkai.RProject}
	fn := table(gongkai.TGeneralFunction, cols,
		row("2101501", "行政运行", "", gongkai.RTotal, "10.000001", gongkai.RBasic, "10.000001"),
		row("2101505", "医疗保障政策管理", "", gongkai.RTotal, "5.00", gongkai.RProject, "5.00"),
		row("2101501", "行政运行", "", gongkai.RTotal, "20.00", gongkai.RBasic, "20.00"))
	econ := table(gongkai.TGeneralBasic, []gongkai.Role{gongkai.RTotal},
		row("50101", "工资奖金津补贴", "", gongkai.RTotal, "25.000001"),
		row("50201", "办公经费", "", gongkai.RTotal, "3.00"),
		row("50101", "工资奖金津补贴", "", gongkai.RTotal, "2.00"))
	r := &gongkai.Report{Kind: gongkai.Budget, Year: 2026, Unit: gongkai.WanYuan, Department: "某局",
		Tables: []*gongkai.Table{fn, econ}}
	d, err := FromReport(r)
	if err != nil {
		t.Fatal(err)
	}
	fns, econs := lineSums(d)
	if fns["2101501基本支出"] != wan(t, "30.000001") || fns["2101505项目支出"] != wan(t, "5") {
		t.Errorf("function lines: %v", fns)
	}
	if econs["50101"] != wan(t, "27.000001") || econs["50201"] != wan(t, "3") {
		t.Errorf("economic lines: %v", econs)
	}
	if d.Places == nil || *d.Places != 6 {
		t.Errorf("places %v, want 6", d.Places)
	}
}

// The "三公" items that do not add up to the printed total while the car
// subtotal does are read by the subtotal; without items, the prose says.
func TestFromReportThreeCosts(t *testing.T) {
	fn := table(gongkai.TGeneralFunction, []gongkai.Role{gongkai.RTotal, gongkai.RBasic, gongkai.RProject},
		row("2010301", "行政运行", "", gongkai.RTotal, "900.00", gongkai.RBasic, "900.00"))
	three := table(gongkai.TThreeCosts, []gongkai.Role{gongkai.RBudget},
		row("", "合计", gongkai.IThreeTotal, gongkai.RBudget, "867.50"),
		row("", "因公出国(境)费", gongkai.IAbroad, gongkai.RBudget, "839.00"),
		row("", "公务接待费", gongkai.IReception, gongkai.RBudget, "28.50"),
		row("", "小计", gongkai.ICar),
		row("", "运行费", gongkai.ICarOperation, gongkai.RBudget, "213.28"))
	r := &gongkai.Report{Kind: gongkai.Budget, Year: 2025, Unit: gongkai.WanYuan, Department: "某办",
		Tables: []*gongkai.Table{fn, three}}
	d, err := FromReport(r)
	if err != nil {
		t.Fatal(err)
	}
	if tc := d.ThreeCosts; tc.Abroad != wan(t, "839") || tc.Reception != wan(t, "28.5") || tc.CarOperation != 0 {
		t.Errorf("三公 %+v", tc)
	}
	claim := func(q gongkai.Quantity, s string) *gongkai.Claim {
		m, _ := gongkai.ParseMoney(s, gongkai.WanYuan)
		return &gongkai.Claim{Kind: gongkai.CAmount, Quantity: q, Value: &m}
	}
	r.Tables = r.Tables[:1]
	r.Claims = []*gongkai.Claim{claim(gongkai.QAbroad, "34.40"), claim(gongkai.QReception, "1.44"), claim(gongkai.QCar, "30.20")}
	d, err = FromReport(r)
	if err != nil {
		t.Fatal(err)
	}
	if tc := d.ThreeCosts; tc.Abroad != wan(t, "34.4") || tc.Reception != wan(t, "1.44") || tc.CarOperation != wan(t, "30.2") {
		t.Errorf("三公 from the prose %+v", tc)
	}
}
