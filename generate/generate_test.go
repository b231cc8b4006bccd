package generate

import (
	"os"
	"strings"
	"testing"

	"gongkai"
	"gongkai/budget"
	"gongkai/check"
)

func amt(t testing.TB, s string, u gongkai.Unit) budget.Amount {
	t.Helper()
	m, err := gongkai.ParseMoney(s, u)
	if err != nil {
		t.Fatal(err)
	}
	return budget.Amount(m.Fen)
}

// sample is a small budget like the bundled example department.
func sample(t testing.TB, kind gongkai.Kind) *budget.Data {
	u := gongkai.WanYuan
	a := func(s string) budget.Amount { return amt(t, s, u) }
	d := &budget.Data{Kind: kind, Year: 2025, Unit: u,
		Department: budget.Department{Name: "青山市数据资源局", Duties: []string{"负责统筹全市政务数据资源管理。"},
			Organisation: "本部门内设办公室、数据资源处、平台建设处、安全管理处4个处室。",
			Units:        []budget.BudgetUnit{{Name: "青山市数据资源局本级"}, {Name: "青山市大数据中心"}},
			Staff:        budget.Staff{Administrative: 28, Institutional: 36, Actual: 60}},
		Lines: []budget.Line{
			{Function: "2010301", FunctionName: "行政运行", Economic: "30101", EconomicName: "基本工资", Kind: budget.Basic, Amount: a("380")},
			{Function: "2010301", FunctionName: "行政运行", Economic: "30102", EconomicName: "津贴补贴", Kind: budget.Basic, Amount: a("260")},
			{Function: "2010301", FunctionName: "行政运行", Economic: "30201", EconomicName: "办公费", Kind: budget.Basic, Amount: a("40.5")},
			{Function: "2010350", FunctionName: "事业运行", Economic: "30107", EconomicName: "绩效工资", Kind: budget.Basic, Amount: a("140")},
			{Function: "2010399", FunctionName: "其他政府办公厅（室）及相关机构事务支出", Economic: "30227", EconomicName: "委托业务费", Kind: budget.Project, Project: "政务数据平台二期", Amount: a("600")},
			{Function: "2010399", FunctionName: "其他政府办公厅（室）及相关机构事务支出", Economic: "30227", EconomicName: "委托业务费", Kind: budget.Project, Project: "政务数据平台二期", CarryOver: true, Amount: a("150")},
			{Function: "2080505", FunctionName: "机关事业单位基本养老保险缴费支出", Economic: "30108", EconomicName: "机关事业单位基本养老保险缴费", Kind: budget.Basic, Amount: a("120")},
			{Function: "2101101", FunctionName: "行政单位医疗", Economic: "30110", EconomicName: "职工基本医疗保险缴费", Kind: budget.Basic, Amount: a("40")},
			{Function: "2210201", FunctionName: "住房公积金", Economic: "30113", EconomicName: "住房公积金", Kind: budget.Basic, Amount: a("80")},
			{Function: "2210201", FunctionName: "住房公积金", Economic: "30113", EconomicName: "住房公积金", Kind: budget.Basic, Source: budget.Service, Amount: a("12.34")},
		},
		ThreeCosts:     budget.ThreeCosts{CarOperation: a("14"), Reception: a("6"), CarsHeld: 3},
		OperatingCosts: []budget.CostItem{{Code: "30201", Amount: a("40.5")}},
		Procurement:    []budget.ProcureItem{{Name: "服务器", Category: "货物", Amount: a("60"), SME: a("60"), Micro: a("20")}, {Name: "运维", Category: "服务", Amount: a("260")}},
		Prior:          map[gongkai.Quantity]budget.Amount{gongkai.QIncomeTotal: a("2000"), gongkai.QThreeCosts: a("22.5"), gongkai.QOperatingCosts: a("40")},
		Reasons:        map[gongkai.Quantity]string{gongkai.QIncomeTotal: "政务数据平台二期建设项目启动。"},
		Projects:       []budget.ProjectInfo{{Name: "政务数据平台二期", Goal: "完成平台二期建设"}},
		Targets:        []budget.Target{{Project: "政务数据平台二期", Level1: "产出指标", Level2: "数量指标", Level3: "接入系统数", Op: "≥", Value: "50", Unit: "个"}},
	}
	if kind == gongkai.Final {
		for i := range d.Lines {
			d.Lines[i].InitialBudget = d.Lines[i].Amount + a("1")
			d.Lines[i].AdjustedBudget = d.Lines[i].Amount
		}
		d.ThreeCosts.Budget = &budget.ThreeCostsBudget{CarOperation: a("15"), Reception: a("6")}
	}
	return d
}

func serious(fs []gongkai.Finding) []gongkai.Finding {
	var out []gongkai.Finding
	for _, f := range fs {
		if f.Severity > gongkai.Info {
			out = append(out, f)
		}
	}
	return out
}

func TestSample(t *testing.T) {
	for _, k := range []gongkai.Kind{gongkai.Budget, gongkai.Final} {
		r, err := Report(sample(t, k))
		if err != nil {
			t.Fatal(err)
		}
		if os.Getenv("GENDUMP") != "" {
			t.Log("\n" + strings.Join(r.Sources[0].Lines, "\n"))
		}
		for _, f := range check.Run(r, check.Options{}) {
			t.Errorf("%s %s %s: %s | %s | %s", k, f.Severity, f.Rule, f.Message, f.Expected, f.Found)
		}
	}
}

// The bundled example data generates a disclosure without any finding.
func TestExampleData(t *testing.T) {
	data, err := os.ReadFile("../examples/qingshan-data-2025-budget.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := budget.ReadYAML("qingshan-data-2025-budget.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Report(d)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("GENDUMP") != "" {
		t.Log("\n" + strings.Join(r.Sources[0].Lines, "\n"))
	}
	for _, f := range check.Run(r, check.Options{}) {
		t.Errorf("%s %s line %d: %s | %s | %s", f.Severity, f.Rule, f.Line, f.Message, f.Expected, f.Found)
	}
	if len(r.Tables) < 13 || len(r.Claims) < 40 {
		t.Errorf("%d tables, %d claims", len(r.Tables), len(r.Claims))
	}
}
