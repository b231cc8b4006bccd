package generate

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai"
	"gongkai/budget"
	"gongkai/check"
	"gongkai/importer"
	"gongkai/internal/reportdiff"
	"gongkai/render"
)

// econPool are economic 款 lines are drawn from.
var econPool = []budget.CodeName{
	{Code: "30101", Name: "基本工资"}, {Code: "30102", Name: "津贴补贴"}, {Code: "30103", Name: "奖金"},
	{Code: "30108", Name: "机关事业单位基本养老保险缴费"}, {Code: "30113", Name: "住房公积金"},
	{Code: "30201", Name: "办公费"}, {Code: "30205", Name: "水费"}, {Code: "30211", Name: "差旅费"},
	{Code: "30217", Name: "公务接待费"}, {Code: "30227", Name: "委托业务费"}, {Code: "30231", Name: "公务用车运行维护费"},
	{Code: "30305", Name: "生活补助"}, {Code: "30399", Name: "其他对个人和家庭的补助"}, {Code: "31002", Name: "办公设备购置"},
	{Code: "39999", Name: "其他支出"},
}

var classPool = []string{"201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "221", "223", "224", "229"}

var itemNames = []string{"行政运行", "一般行政管理事务", "机关服务", "事业运行", "信息化建设", "专项业务", "其他支出",
	"行政单位医疗", "住房公积金", "购房补贴", "培训支出", "宣传支出"}

var reasons = []string{"人员变动，部门在职人员增加", "厉行节约，压缩一般性支出", "新增信息化建设项目。", "上年一次性项目完成；本年不再安排"}

// randomData makes a random, valid budget or final account.
func randomData(rng *rand.Rand) *budget.Data {
	d := &budget.Data{Year: 2020 + rng.Intn(8)}
	d.Kind = gongkai.Budget
	if rng.Intn(2) == 0 {
		d.Kind = gongkai.Final
	}
	d.Unit = gongkai.WanYuan
	if rng.Intn(2) == 0 {
		d.Unit = gongkai.Yuan
	}
	// Granularity of amounts: exact at the printed precision, or finer
	// (report in 万元 from data in 元 to the 分).
	gran := int64(100)
	if d.Unit == gongkai.WanYuan {
		gran = 10000
	}
	switch rng.Intn(4) {
	case 0:
		d.Unit = gongkai.Yuan
		d.ReportUnit = gongkai.WanYuan
		gran = 1
	case 1:
		gran = 1
		if d.Unit == gongkai.WanYuan {
			gran = 10000
		}
	}
	if d.Unit == gongkai.Yuan && d.ReportUnit == "" && rng.Intn(3) == 0 {
		gran = 100
	}
	d.Department = budget.Department{Name: "测试市第" + fmt.Sprint(rng.Intn(100)) + "局", Organisation: "内设机构若干。",
		Staff: budget.Staff{Administrative: rng.Intn(50), Institutional: rng.Intn(50), Actual: rng.Intn(90)}}
	money := func(max int64) budget.Amount {
		if max <= 0 {
			return 0
		}
		switch rng.Intn(10) {
		case 0:
			return 0
		case 1:
			max /= 1000
		}
		v := rng.Int63n(max/gran+1) * gran
		return budget.Amount(v)
	}
	scale := []int64{1_000_00, 10_000_000_00, 100_000_000_00}[rng.Intn(3)]
	sources := []budget.Source{budget.General, budget.General, budget.General, budget.General, budget.GovFund,
		budget.Capital, budget.Service, budget.Other, budget.Special, budget.Superior}
	nClasses := 1 + rng.Intn(5)
	used := map[string]bool{}
	for c := 0; c < nClasses; c++ {
		cls := classPool[rng.Intn(len(classPool))]
		for k := 0; k < 1+rng.Intn(3); k++ {
			kuan := cls + fmt.Sprintf("%02d", 1+rng.Intn(30))
			if budget.BuiltinName(kuan) == "" && !used[kuan] {
				d.Names = append(d.Names, budget.CodeName{Code: kuan, Name: "款" + kuan})
			}
			used[kuan] = true
			for x := 0; x < 1+rng.Intn(4); x++ {
				xiang := kuan + fmt.Sprintf("%02d", 1+rng.Intn(99))
				if used[xiang] {
					continue
				}
				used[xiang] = true
				name := itemNames[rng.Intn(len(itemNames))]
				for l := 0; l < 1+rng.Intn(4); l++ {
					line := budget.Line{Function: xiang, FunctionName: name, Amount: money(scale)}
					if rng.Intn(3) == 0 {
						line.Kind = budget.Project
						line.Project = fmt.Sprintf("项目%d", rng.Intn(4))
						if rng.Intn(2) == 0 {
							e := econPool[rng.Intn(len(econPool))]
							line.Economic, line.EconomicName = e.Code, e.Name
						}
					} else {
						line.Kind = budget.Basic
						e := econPool[rng.Intn(len(econPool))]
						line.Economic, line.EconomicName = e.Code, e.Name
					}
					if rng.Intn(3) == 0 {
						line.Source = sources[rng.Intn(len(sources))]
					}
					line.CarryOver = rng.Intn(10) == 0
					if d.Kind == gongkai.Final {
						line.InitialBudget = money(scale)
						line.AdjustedBudget = line.Amount + money(scale/10)
					}
					d.Lines = append(d.Lines, line)
				}
			}
		}
	}
	dedupe(d)
	nonFiscalMoney(d, gran)
	if d.Kind == gongkai.Final && rng.Intn(2) == 0 {
		// Income of its own, with carry-overs: more came in than was spent.
		cur, car := d.Spent()
		d.Income.BySource = map[budget.Source]budget.Amount{}
		d.Income.CarryBegin = map[budget.Source]budget.Amount{}
		for _, g := range budget.CarryGroups {
			if car[g] != 0 || rng.Intn(3) == 0 {
				d.Income.CarryBegin[g] = car[g] + money(scale/10)
			}
		}
		for i := range d.Lines {
			l := &d.Lines[i]
			if l.CarryOver {
				continue
			}
			extra := budget.Amount(0)
			if rng.Intn(4) == 0 {
				extra = money(scale / 10)
			}
			d.IncomeLines = appendIncome(d.IncomeLines, budget.IncomeLine{Function: l.Function, Source: l.SourceOf(), Amount: l.Amount + extra})
		}
		for _, l := range d.IncomeLines {
			d.Income.BySource[l.Source] += l.Amount
		}
		_ = cur
		if rng.Intn(3) == 0 {
			d.Income.UseNonFiscal = money(scale / 10)
			d.Income.Distribution = d.Income.UseNonFiscal / 2 / budget.Amount(gran) * budget.Amount(gran)
		}
	} else if d.Kind == gongkai.Budget && rng.Intn(3) == 0 {
		cur, car := d.Spent()
		d.Income.BySource, d.Income.CarryBegin = cur, car
	}
	tc := &d.ThreeCosts
	if rng.Intn(4) != 0 {
		tc.Abroad, tc.CarPurchase, tc.CarOperation, tc.Reception = money(scale/100), money(scale/100), money(scale/100), money(scale/100)
		tc.CarsHeld, tc.ReceptionBatches = rng.Intn(5), rng.Intn(20)
	}
	if d.Kind == gongkai.Final && rng.Intn(2) == 0 {
		tc.Budget = &budget.ThreeCostsBudget{Abroad: tc.Abroad + money(scale/1000), CarOperation: tc.CarOperation, Reception: money(scale / 100)}
	}
	if rng.Intn(2) == 0 {
		for _, e := range econPool[5:11] {
			if rng.Intn(2) == 0 {
				d.OperatingCosts = append(d.OperatingCosts, budget.CostItem{Code: e.Code, Name: e.Name, Amount: money(scale / 10)})
			}
		}
	}
	for i := 0; i < rng.Intn(4); i++ {
		a := money(scale / 10)
		sme := budget.Amount(0)
		if a > 0 {
			sme = budget.Amount(rng.Int63n(int64(a)/gran+1) * gran)
		}
		d.Procurement = append(d.Procurement, budget.ProcureItem{Name: fmt.Sprint("采购", i), Category: []string{"货物", "工程", "服务"}[rng.Intn(3)],
			Amount: a, SME: sme, Micro: sme / 2 / budget.Amount(gran) * budget.Amount(gran)})
	}
	if rng.Intn(3) == 0 {
		d.PurchasedServices = append(d.PurchasedServices, budget.ServiceItem{Name: "物业管理服务", Category: "辅助性服务", Amount: money(scale / 10)})
	}
	// Prior-year figures for some quantities.
	d.Prior = map[gongkai.Quantity]budget.Amount{}
	d.Reasons = map[gongkai.Quantity]string{}
	for _, q := range budget.PriorQuantities {
		if rng.Intn(2) == 0 {
			d.Prior[q] = money(scale)
			if rng.Intn(2) == 0 {
				d.Reasons[q] = reasons[rng.Intn(len(reasons))]
			}
		}
	}
	// Targets for some projects.
	for _, p := range d.ProjectNames() {
		if rng.Intn(2) == 0 {
			continue
		}
		n := 1 + rng.Intn(4)
		weighted := rng.Intn(2) == 0
		left := 100
		for i := 0; i < n; i++ {
			t := budget.Target{Project: p, Level1: "产出指标", Level2: "数量指标", Level3: fmt.Sprint("指标", i), Op: "≥", Value: fmt.Sprint(rng.Intn(100)), Unit: "个"}
			if weighted {
				w := left
				if i < n-1 {
					w = rng.Intn(left + 1)
				}
				left -= w
				f := gongkai.Fixed{V: int64(w)}
				t.Weight = &f
			}
			if d.Kind == gongkai.Final {
				t.Actual = t.Value
				s := gongkai.Fixed{V: int64(rng.Intn(10))}
				t.Score = &s
			}
			d.Targets = append(d.Targets, t)
		}
	}
	return d
}

// nonFiscalMoney keeps spending that is not 一般公共预算 (政府性基金, 国有资本
// 经营, carried-over money of other sources) to departments that also have
// this year's income that is not 财政拨款. check's cross-table rules take a
// department whose income items are all 财政拨款 to have its 一般公共预算
// tables equal its all-funds tables, which is not so when part of its
// spending is 政府性基金, 国有资本经营 or non-fiscal carry-over (reported to
// the check's owners); such a department would get false findings.
func nonFiscalMoney(d *budget.Data, gran int64) {
	other, special := false, false
	for i := range d.Lines {
		l := &d.Lines[i]
		s := l.SourceOf()
		if !s.Fiscal() && !l.CarryOver && l.Amount >= 1_000_000 {
			other = true
		}
		if s != budget.General && l.Amount != 0 {
			special = true
		}
	}
	if special && !other {
		l := d.Lines[0]
		l.Source, l.CarryOver, l.Kind, l.Project, l.Economic, l.EconomicName = budget.Service, false, budget.Basic, "", "30201", "办公费"
		l.Amount = 1_000_000
		d.Lines = append(d.Lines, l)
		dedupe(d)
	}
}

func appendIncome(ls []budget.IncomeLine, l budget.IncomeLine) []budget.IncomeLine {
	for i := range ls {
		if ls[i].Function == l.Function && ls[i].Source == l.Source {
			ls[i].Amount += l.Amount
			return ls
		}
	}
	return append(ls, l)
}

// dedupe merges lines that would be duplicates.
func dedupe(d *budget.Data) {
	type key struct {
		f, e    string
		k       budget.Spending
		s       budget.Source
		c       bool
		project string
	}
	seen := map[key]int{}
	var out []budget.Line
	for _, l := range d.Lines {
		k := key{l.Function, l.Economic, l.Kind, l.SourceOf(), l.CarryOver, l.Project}
		if i, ok := seen[k]; ok {
			out[i].Amount += l.Amount
			out[i].InitialBudget += l.InitialBudget
			out[i].AdjustedBudget += l.AdjustedBudget
			continue
		}
		seen[k] = len(out)
		out = append(out, l)
	}
	d.Lines = out
}

// TestRandomBudgets generates random departments and checks that every
// generated report has no finding at all and is consistent with itself.
func TestRandomBudgets(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	seed := int64(20250601)
	if s, err := strconv.ParseInt(os.Getenv("GONGKAI_PROPERTY_SEED"), 10, 64); err == nil {
		seed = s // to explore other cases
	}
	rng := rand.New(rand.NewSource(seed))
	start := time.Now()
	failed := 0
	for i := 0; i < n; i++ {
		d := randomData(rng)
		if ps := budget.Validate(d); len(ps) > 0 {
			t.Fatalf("case %d: random data invalid: %v", i, ps)
		}
		r, err := Report(d)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		fs := check.Run(r, check.Options{})
		if len(fs) == 0 {
			// Round trip: HTML and XLSX read back to the same report, and
			// so does the PDF (the native writer) of every 10th: pdftotext
			// takes a while.
			formats := []string{"html", "xlsx"}
			if i%10 == 0 {
				formats = append(formats, "pdf")
			}
			for _, f := range formats {
				if diff := renderedBack(t, r, f); len(diff) > 0 {
					failed++
					if failed <= maxShown {
						t.Errorf("case %d (%s %s): its %s read back differs:\n%s", i, d.Kind, d.Unit, f, strings.Join(diff, "\n"))
					}
				}
			}
		}
		if len(fs) > 0 || !consistent(t, r) {
			failed++
			if failed <= maxShown {
				for _, f := range fs {
					t.Errorf("case %d (%s %s→%s): %s %s line %d: %s | want %s | got %s\n  %s", i, d.Kind, d.Unit, d.ReportUnitOrDefault(),
						f.Severity, f.Rule, f.Line, f.Message, f.Expected, f.Found, f.Quote)
				}
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d random reports had findings", failed, n)
	}
	t.Logf("%d reports generated and checked in %v", n, time.Since(start))
}

// consistent checks what the rules cannot: the report's figures agree
// with its own summary and every standard table is there.
func consistent(t *testing.T, r *gongkai.Report) bool {
	t.Helper()
	ok := true
	for _, k := range gongkai.StandardTables(r.Kind) {
		if r.Table(k) == nil {
			t.Errorf("missing table %s", k)
			ok = false
		}
	}
	in, ok1 := r.ValueOf(gongkai.QIncomeTotal)
	out, ok2 := r.ValueOf(gongkai.QExpenditureTotal)
	if !ok1 || !ok2 || in.Value.Fen != out.Value.Fen {
		t.Errorf("income total %v and expenditure total %v", in.Value, out.Value)
		ok = false
	}
	if r.Summary.IncomeTotal == nil || r.Summary.Basic == nil || r.Summary.ThreeCosts == nil {
		t.Errorf("summary incomplete: %+v", r.Summary)
		ok = false
	}
	for _, c := range r.Claims {
		if strings.Contains(c.Text, "XX") {
			ok = false
		}
	}
	return ok
}

// maxShown is how many failing cases TestRandomBudgets prints.
var maxShown = 3

// renderedBack renders r in format and imports it again: what differs from
// r, and any finding of the re-imported report.
func renderedBack(t *testing.T, r *gongkai.Report, format string) []string {
	t.Helper()
	var data []byte
	var err error
	switch format {
	case "html":
		data, err = render.HTML(r)
	case "xlsx":
		data, err = render.XLSX(r)
	case "pdf":
		data, err = render.PDF(context.Background(), nil, r)
	}
	if err != nil {
		t.Fatalf("render %s: %v", format, err)
	}
	got, err := importer.Import(context.Background(), "random."+format, data, importer.Options{})
	if err != nil {
		return []string{"import: " + err.Error()}
	}
	diff := reportdiff.Diff(r, got)
	for _, f := range check.Run(got, check.Options{}) {
		diff = append(diff, fmt.Sprintf("finding [%s] %s %s", f.Rule, f.Loc, f.Message))
	}
	return diff
}
