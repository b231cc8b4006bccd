package series

import (
	"strconv"
	"strings"
	"testing"

	"gongkai"
)

func wan(fen int64) *gongkai.Money { return &gongkai.Money{Fen: fen, Unit: gongkai.WanYuan, Places: 2} }

// report builds a budget with a 收支总表 giving 收入总计/支出总计, a "三公"
// table with a 上年预算数 column, and the given claims.
func report(dept string, year int, total, reception, priorReception int64, claims ...*gongkai.Claim) *gongkai.Report {
	cell := func(role gongkai.Role, fen int64, line int) gongkai.Cell {
		return gongkai.Cell{Role: role, Text: gongkai.FormatFen(fen, gongkai.WanYuan, 2), Money: wan(fen), Loc: gongkai.Loc{Line: line}}
	}
	return &gongkai.Report{
		File: dept + ".txt", Department: dept, Year: year, Kind: gongkai.Budget, Unit: gongkai.WanYuan,
		Tables: []*gongkai.Table{
			{Kind: gongkai.TTotal, Title: "部门收支总表", Loc: gongkai.Loc{Line: 10},
				Columns: []gongkai.Column{{Role: gongkai.RBudget, Label: "收入/预算数", Side: gongkai.IncomeSide},
					{Role: gongkai.RBudget, Label: "支出/预算数", Side: gongkai.ExpendSide}},
				Rows: []*gongkai.Row{
					{Name: "收入总计", Item: gongkai.IIncomeGrand, Side: gongkai.IncomeSide, Loc: gongkai.Loc{Line: 11}, Cells: []gongkai.Cell{cell(gongkai.RBudget, total, 11)}},
					{Name: "支出总计", Item: gongkai.IExpendGrand, Side: gongkai.ExpendSide, Loc: gongkai.Loc{Line: 12}, Cells: []gongkai.Cell{cell(gongkai.RBudget, total, 12)}},
				}},
			{Kind: gongkai.TThreeCosts, Title: "一般公共预算“三公”经费支出表", Loc: gongkai.Loc{Line: 20},
				Columns: []gongkai.Column{{Role: gongkai.RPrior, Label: "上年预算数"}, {Role: gongkai.RBudget, Label: "本年预算数"}},
				Rows: []*gongkai.Row{
					{Name: "合计", Item: gongkai.IThreeTotal, Loc: gongkai.Loc{Line: 21},
						Cells: []gongkai.Cell{cell(gongkai.RPrior, priorReception, 21), cell(gongkai.RBudget, reception, 21)}},
					{Name: "公务接待费", Item: gongkai.IReception, Loc: gongkai.Loc{Line: 22},
						Cells: []gongkai.Cell{cell(gongkai.RPrior, priorReception, 22), cell(gongkai.RBudget, reception, 22)}},
				}},
		},
		Claims: claims,
	}
}

func change(q gongkai.Quantity, value, delta int64, pct *gongkai.Fixed, line int) *gongkai.Claim {
	c := &gongkai.Claim{Kind: gongkai.CChange, Quantity: q, Subject: q.Name(), Percent: pct, Loc: gongkai.Loc{Line: line}}
	if value != 0 {
		c.Value = wan(value)
	}
	switch {
	case delta > 0:
		c.Direction, c.Change = 1, wan(delta)
	case delta < 0:
		c.Direction, c.Change = -1, wan(-delta)
	}
	return c
}

func rules(fs []gongkai.Finding, sev gongkai.Severity) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == sev {
			out = append(out, f.Rule+"@"+strconv.Itoa(f.Line))
		}
	}
	return out
}

func TestCheck(t *testing.T) {
	prev := report("青山市数据资源局", 2024, 2_000_000_000, 5_000_000, 4_000_000)
	pct := func(v int64) *gongkai.Fixed { return &gongkai.Fixed{V: v, P: 2} }
	for _, tt := range []struct {
		name     string
		cur      *gongkai.Report
		errors   []string
		warnings []string
		infos    []string
	}{
		{"consistent", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
			change(gongkai.QIncomeTotal, 2_150_000_000, 150_000_000, pct(750), 3),
			change(gongkai.QReception, 0, 1_000_000, nil, 4)), nil, nil, nil},
		{"wrong amount", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
			change(gongkai.QIncomeTotal, 2_150_000_000, 160_000_000, pct(804), 3)), []string{"series.yoy@3"}, nil, nil},
		{"wrong direction", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
			change(gongkai.QIncomeTotal, 2_150_000_000, -150_000_000, nil, 3)), []string{"series.yoy@3"}, nil, nil},
		{"wrong rate only", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
			&gongkai.Claim{Kind: gongkai.CChange, Quantity: gongkai.QIncomeTotal, Direction: 1, Percent: pct(850), Loc: gongkai.Loc{Line: 5}}),
			[]string{"series.yoy@5"}, nil, nil},
		{"right rate only", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
			&gongkai.Claim{Kind: gongkai.CChange, Quantity: gongkai.QIncomeTotal, Direction: 1, Percent: pct(750), Loc: gongkai.Loc{Line: 5}}),
			nil, nil, nil},
		{"rounding", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
			change(gongkai.QIncomeTotal, 2_150_000_000, 150_010_000, nil, 3)), nil, nil, []string{"series.yoy@3"}},
		{"flat but changed", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
			&gongkai.Claim{Kind: gongkai.CChange, Quantity: gongkai.QIncomeTotal, Loc: gongkai.Loc{Line: 6}}),
			[]string{"series.yoy@6"}, nil, nil},
		{"prior column", report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_500_000),
			[]string{"series.prior-column@21", "series.prior-column@22"}, nil, nil},
	} {
		fs := Check(tt.cur, prev)
		if got := rules(fs, gongkai.Error); strings.Join(got, " ") != strings.Join(tt.errors, " ") {
			t.Errorf("%s: errors %v, want %v", tt.name, got, tt.errors)
		}
		if got := rules(fs, gongkai.Warning); strings.Join(got, " ") != strings.Join(tt.warnings, " ") {
			t.Errorf("%s: warnings %v, want %v", tt.name, got, tt.warnings)
		}
		if got := rules(fs, gongkai.Info); strings.Join(got, " ") != strings.Join(tt.infos, " ") {
			t.Errorf("%s: infos %v, want %v", tt.name, got, tt.infos)
		}
		for _, f := range fs {
			if f.Message == "" || len(f.Related) == 0 || f.Related[0].File != prev.File {
				t.Errorf("%s: finding without message or related place: %+v", tt.name, f)
			}
		}
	}
	if fs := Check(report("青山市数据资源局", 2026, 1, 1, 1), prev); fs != nil {
		t.Errorf("a report two years on was compared: %v", fs)
	}
	if fs := Check(report("白水县数据资源局", 2025, 1, 1, 1), prev); fs != nil {
		t.Errorf("another department was compared: %v", fs)
	}
}

func TestMessage(t *testing.T) {
	prev := report("青山市数据资源局", 2024, 2_000_000_000, 5_000_000, 4_000_000)
	cur := report("青山市数据资源局", 2025, 2_150_000_000, 6_000_000, 5_000_000,
		change(gongkai.QIncomeTotal, 2_150_000_000, 160_000_000, nil, 3))
	fs := Check(cur, prev)
	if len(fs) != 1 {
		t.Fatalf("findings: %v", fs)
	}
	want := "说明中“收入总计”比上年增加160.00万元，上年应为1990.00万元，但2024年公开的“收入总计”为2000.00万元，变动额应为150.00万元（增加）"
	if fs[0].Message != want || fs[0].Expected != "比上年增加150.00万元" || fs[0].Found != "比上年增加160.00万元" {
		t.Errorf("finding:\n got %s | %s | %s\nwant %s", fs[0].Message, fs[0].Expected, fs[0].Found, want)
	}
}

func TestKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"重庆市南岸区医疗保障局", "重庆市 南岸区医疗保障局（本级）"},
		{"青山市数据资源局", "青山市数据资源局本级"},
		{"ＡＢＣ市财政局", "ABC市财政局"},
	} {
		ka := Key(&gongkai.Report{Department: tt.a})
		kb := Key(&gongkai.Report{Department: tt.b})
		if ka != kb || !strings.HasPrefix(ka, "name:") {
			t.Errorf("Key(%q) = %q, Key(%q) = %q", tt.a, ka, tt.b, kb)
		}
	}
	withUnits := func(name string, codes ...string) *gongkai.Report {
		t := &gongkai.Table{Kind: gongkai.TIncome}
		for _, c := range codes {
			t.Rows = append(t.Rows, &gongkai.Row{Item: gongkai.IUnit, Code: c, Name: "单位"})
		}
		return &gongkai.Report{Department: name, Tables: []*gongkai.Table{t}}
	}
	a := Key(withUnits("赤壁市医疗保障局", "044001"))
	b := Key(withUnits("赤壁市医保局", "044001", "044002"))
	if a != "code:赤壁市:044" || a != b {
		t.Errorf("keys by code: %q, %q", a, b)
	}
	if k := Key(withUnits("赤壁市医疗保障局", "044001", "045001")); !strings.HasPrefix(k, "name:") {
		t.Errorf("disagreeing unit codes: %q", k)
	}
	if Key(&gongkai.Report{}) != "" {
		t.Errorf("a report without department has a key")
	}
}

func TestGroup(t *testing.T) {
	a24 := report("甲局", 2024, 1, 1, 1)
	a25 := report("甲局", 2025, 1, 1, 1)
	a23 := report("甲局", 2023, 1, 1, 1)
	b25 := report("乙局", 2025, 1, 1, 1)
	f25 := report("甲局", 2025, 1, 1, 1)
	f25.Kind = gongkai.Final
	ss := Group([]*gongkai.Report{a25, b25, a23, f25, a24})
	if len(ss) != 3 {
		t.Fatalf("%d series", len(ss))
	}
	var a *Series
	for _, s := range ss {
		if s.Key == Key(a24) && s.Kind == gongkai.Budget {
			a = s
		}
	}
	if a == nil || len(a.Reports) != 3 || a.Reports[0] != a23 || a.Previous(a25) != a24 || a.Previous(a23) != nil {
		t.Errorf("series of 甲局: %+v", a)
	}
	all := CheckAll([]*gongkai.Report{a25, b25, a23, f25, a24})
	if _, ok := all[a25]; !ok || len(all) != 2 {
		t.Errorf("CheckAll checked %d reports", len(all))
	}
}
