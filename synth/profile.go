package synth

import (
	"fmt"
	"math"
	"math/rand"
	"sort"

	"gongkai"
	"gongkai/budget"
)

// wan is 1万元 in 分.
const wan = 1_000_000

// dept is a synthetic department: who it is and what it spends on, the
// same every year. Its amounts move from year to year (state).
type dept struct {
	index     int
	name      string
	a         agency
	unit      gongkai.Unit // the unit its data and disclosure use
	step      int64        // 分 per unit of the last printed digit
	wealth    float64      // pay and price level of its region
	hasInst   bool         // has institution (事业编制) staff
	cars      int
	abroad    bool // sends delegations abroad
	priorCols bool // prints 上年数 columns
	service   bool // has 事业收入
	carry     bool // spends money carried over from last year
	public    []publicItem
	projects  []project
	procure   []procurement
	purchased bool
	reasons   map[gongkai.Quantity]string
}

type publicItem struct {
	econ     string
	perHead  float64 // 万元 a person, or a car for 30231
	perCar   bool
	variance float64
}

type project struct {
	name  string
	fn    codeName
	econ  []string
	base  float64 // 万元 in the base year
	trend float64 // yearly growth
	carry bool    // part of it is carried over from last year
	goal  bool    // has performance targets
}

type procurement struct {
	name     string
	category string
	project  int     // the project it buys for
	share    float64 // of the project's first line
}

// state is what changes from one year to the next.
type state struct {
	year          int
	adminStaff    int // 行政编制 filled
	instStaff     int
	adminQuota    int
	instQuota     int
	retired       int
	wage          float64 // pay level, 1.0 in the base year
	price         float64 // price level of public spending
	carBought     bool
	projectFactor []float64
}

var reasonPhrases = []string{
	"人员变动，在职人员增加", "厉行节约，压减一般性支出", "新增信息化建设项目", "上年一次性项目完成，本年不再安排",
	"工资标准调整", "严格落实过紧日子要求", "业务工作量增加", "部分项目资金压减",
}

// newDept draws department i from rng.
func newDept(i int, rng *rand.Rand) *dept {
	a := agencies[i%len(agencies)]
	d := &dept{index: i, a: a, name: regionName(i/len(agencies)) + a.suffix,
		unit: gongkai.WanYuan, step: 10_000, wealth: 0.6 + 1.4*rng.Float64()}
	if rng.Intn(10) == 0 {
		d.unit, d.step = gongkai.Yuan, 100
	}
	d.hasInst = rng.Intn(3) != 0
	d.cars = rng.Intn(4)
	d.abroad = rng.Intn(12) == 0
	d.priorCols = rng.Intn(2) == 0
	d.service = rng.Intn(7) == 0
	d.carry = rng.Intn(8) == 0
	d.purchased = rng.Intn(3) == 0
	for _, it := range []publicItem{
		{"30201", 0.5, false, 0.3}, {"30205", 0.05, false, 0.3}, {"30206", 0.3, false, 0.3}, {"30207", 0.1, false, 0.3},
		{"30209", 0.6, false, 0.3}, {"30211", 0.4, false, 0.4}, {"30215", 0.1, false, 0.5}, {"30216", 0.15, false, 0.5},
		{"30217", 0.12, false, 0.5}, {"30213", 0.2, false, 0.5}, {"30239", 1.2, false, 0.2}, {"30299", 0.1, false, 0.6},
	} {
		if it.econ == "30201" || it.econ == "30217" || rng.Intn(4) != 0 {
			d.public = append(d.public, it)
		}
	}
	if d.cars > 0 {
		d.public = append(d.public, publicItem{"30231", 3, true, 0.3})
	}
	n := 1 + rng.Intn(len(a.projects))
	used := map[string]bool{}
	for k := 0; k < n; k++ {
		name := a.projects[rng.Intn(len(a.projects))]
		if used[name] {
			continue
		}
		used[name] = true
		p := project{name: name, fn: a.business[rng.Intn(len(a.business))],
			base:  math.Exp(rng.NormFloat64()*0.8) * 40 * a.scale * d.wealth,
			trend: 0.95 + 0.15*rng.Float64(), goal: rng.Intn(2) == 0}
		p.econ = []string{projectEconomic[rng.Intn(len(projectEconomic))]}
		if rng.Intn(3) == 0 {
			e := projectEconomic[rng.Intn(len(projectEconomic))]
			if e != p.econ[0] {
				p.econ = append(p.econ, e)
			}
		}
		d.projects = append(d.projects, p)
	}
	if d.carry {
		d.projects[0].carry = true
	}
	for k, p := range d.projects {
		if rng.Intn(2) != 0 {
			continue
		}
		cat := "服务"
		switch p.econ[0] {
		case "31002", "31007", "30218", "30201":
			cat = "货物"
		case "30213":
			if rng.Intn(2) == 0 {
				cat = "工程"
			}
		}
		d.procure = append(d.procure, procurement{name: p.name + "采购", category: cat, project: k, share: 0.4 + 0.6*rng.Float64()})
	}
	d.reasons = map[gongkai.Quantity]string{}
	for _, q := range budget.PriorQuantities {
		if rng.Intn(2) == 0 {
			d.reasons[q] = reasonPhrases[rng.Intn(len(reasonPhrases))]
		}
	}
	return d
}

// firstState draws the department's staff in its base year.
func (d *dept) firstState(year int, rng *rand.Rand) *state {
	size := math.Exp(rng.NormFloat64()*0.7) * 25
	s := &state{year: year, wage: 1, price: 1}
	s.adminQuota = max(5, int(size))
	s.adminStaff = max(3, s.adminQuota-rng.Intn(4))
	if d.hasInst {
		s.instQuota = max(3, int(size*(0.5+rng.Float64())))
		s.instStaff = max(2, s.instQuota-rng.Intn(5))
	}
	s.retired = 1 + rng.Intn(max(2, s.adminStaff/3))
	s.projectFactor = make([]float64, len(d.projects))
	for i := range s.projectFactor {
		s.projectFactor[i] = 1
	}
	return s
}

// next moves the state on a year.
func (d *dept) next(s *state, rng *rand.Rand) *state {
	n := *s
	n.year++
	n.adminStaff = min(n.adminQuota, max(3, n.adminStaff+rng.Intn(5)-2))
	if d.hasInst {
		n.instStaff = min(n.instQuota, max(2, n.instStaff+rng.Intn(5)-2))
	}
	n.retired = max(1, n.retired+rng.Intn(3)-1) // never 0: the 离退休 line stays
	n.wage *= 1.01 + 0.04*rng.Float64()
	n.price *= 0.95 + 0.1*rng.Float64()
	n.carBought = d.cars > 0 && rng.Intn(8) == 0
	n.projectFactor = make([]float64, len(s.projectFactor))
	for i, f := range s.projectFactor {
		n.projectFactor[i] = f * d.projects[i].trend * (0.8 + 0.4*rng.Float64())
	}
	return &n
}

// round rounds an amount in 万元 to the department's printed precision,
// never to zero (a zero line would drop its row from the tables, and the
// code tree must stay the same every year).
func (d *dept) round(wanYuan float64) budget.Amount {
	v := int64(math.Round(wanYuan*wan/float64(d.step))) * d.step
	if v < d.step {
		v = d.step
	}
	return budget.Amount(v)
}

// data builds the department's budget data for the state's year.
func (d *dept) data(s *state, rng *rand.Rand) *budget.Data {
	a := d.a
	data := &budget.Data{Kind: gongkai.Budget, Year: s.year, Unit: d.unit, Names: names(a)}
	data.Department = budget.Department{Name: d.name, Region: regionName(d.index / len(agencies)),
		Duties:       []string{fmt.Sprintf("贯彻执行国家和省、市有关%s工作的方针政策和法律法规。", a.kuan[0].name), "承担本部门职责范围内的行政管理和公共服务工作。"},
		Organisation: fmt.Sprintf("本部门内设机构%d个。", 3+d.index%6),
		Staff:        budget.Staff{Administrative: s.adminQuota, Institutional: s.instQuota, Actual: s.adminStaff + s.instStaff, Retired: s.retired},
	}
	main := codeName{a.admin, "行政运行"}
	inst := codeName{a.service, "事业运行"}
	add := func(fn codeName, econ string, kind budget.Spending, project string, amount budget.Amount) {
		data.Lines = append(data.Lines, budget.Line{Function: fn.code, FunctionName: fn.name, Economic: econ,
			EconomicName: economicNames[econ], Kind: kind, Project: project, Amount: amount})
	}
	w := d.wealth * s.wage
	// Pay, by staff.
	var payAdmin, payInst float64
	if s.adminStaff > 0 {
		for _, x := range []struct {
			econ string
			per  float64
		}{{"30101", 4.2}, {"30102", 3.5}, {"30103", 0.6}} {
			amt := x.per * w * float64(s.adminStaff)
			payAdmin += amt
			add(main, x.econ, budget.Basic, "", d.round(amt))
		}
	}
	if d.hasInst && s.instStaff > 0 {
		for _, x := range []struct {
			econ string
			per  float64
		}{{"30101", 3.6}, {"30102", 1.0}, {"30107", 3.5}} {
			amt := x.per * w * float64(s.instStaff)
			payInst += amt
			add(inst, x.econ, budget.Basic, "", d.round(amt))
		}
	}
	pay := payAdmin + payInst
	add(pension, "30108", budget.Basic, "", d.round(pay*0.16))
	add(annuity, "30109", budget.Basic, "", d.round(pay*0.08))
	add(adminMed, "30110", budget.Basic, "", d.round(payAdmin*0.08+0.01))
	if payInst > 0 {
		add(serviceMed, "30110", budget.Basic, "", d.round(payInst*0.08))
	}
	add(fund, "30113", budget.Basic, "", d.round(pay*0.12))
	if s.retired > 0 {
		add(retirees, "30302", budget.Basic, "", d.round(float64(s.retired)*2.4*w))
	}
	// Public spending of the administration.
	heads := float64(s.adminStaff + s.instStaff)
	ops := map[string]budget.Amount{}
	for _, it := range d.public {
		per := it.perHead * float64(1)
		n := heads
		if it.perCar {
			n = float64(d.cars)
		}
		amt := d.round(per * n * d.wealth * s.price * (1 - it.variance/2 + it.variance*rng.Float64()))
		add(main, it.econ, budget.Basic, "", amt)
		ops[it.econ] = amt
	}
	union := d.round(pay * 0.02)
	add(main, "30228", budget.Basic, "", union)
	ops["30228"] = union
	// Projects.
	for i, p := range d.projects {
		total := p.base * s.projectFactor[i]
		for k, e := range p.econ {
			share := 1.0
			if len(p.econ) == 2 {
				share = []float64{0.7, 0.3}[k]
			}
			add(p.fn, e, budget.Project, p.name, d.round(total*share))
		}
		if p.carry {
			data.Lines = append(data.Lines, budget.Line{Function: p.fn.code, FunctionName: p.fn.name, Economic: p.econ[0],
				EconomicName: economicNames[p.econ[0]], Kind: budget.Project, Project: p.name, CarryOver: true,
				Amount: d.round(total * 0.2)})
		}
	}
	var carPurchase budget.Amount
	if s.carBought {
		carPurchase = d.round(18 * s.price)
		add(main, "31013", budget.Project, "公务用车购置", carPurchase)
	}
	if d.service {
		data.Lines = append(data.Lines, budget.Line{Function: inst.code, FunctionName: inst.name, Economic: "30201",
			EconomicName: economicNames["30201"], Kind: budget.Basic, Source: budget.Service,
			Amount: max(d.round(heads*0.3*d.wealth), budget.Amount(wan))})
		if !d.hasInst {
			// 事业运行 appears only through this line: keep it every year.
			data.Lines[len(data.Lines)-1].Function = main.code
			data.Lines[len(data.Lines)-1].FunctionName = main.name
		}
	}
	// "三公"经费: reception and car operation are the lines of those names.
	tc := &data.ThreeCosts
	tc.Reception = ops["30217"]
	tc.CarOperation = ops["30231"]
	tc.CarPurchase = carPurchase
	if d.abroad {
		tc.Abroad = d.round(3 + 5*rng.Float64())
		tc.AbroadGroups, tc.AbroadPeople = 1, 2+rng.Intn(4)
	}
	tc.CarsHeld = d.cars
	if carPurchase > 0 {
		tc.CarsBought = 1
	}
	tc.ReceptionBatches = 5 + rng.Intn(60)
	tc.ReceptionPeople = tc.ReceptionBatches * (3 + rng.Intn(6))
	// 机关运行经费: the public spending of the administration.
	codes := make([]string, 0, len(ops))
	for c := range ops {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		data.OperatingCosts = append(data.OperatingCosts, budget.CostItem{Code: c, Name: economicNames[c], Amount: ops[c]})
	}
	// Procurement of projects.
	projectLine := func(k int) budget.Amount {
		for _, l := range data.Lines {
			if l.Project == d.projects[k].name && !l.CarryOver {
				return l.Amount
			}
		}
		return 0
	}
	for _, pr := range d.procure {
		amt := d.round(float64(projectLine(pr.project)) / wan * pr.share)
		sme := d.round(float64(amt) / wan * 0.8)
		data.Procurement = append(data.Procurement, budget.ProcureItem{Name: pr.name, Category: pr.category,
			Amount: amt, SME: sme, Micro: d.round(float64(sme) / wan * 0.5)})
	}
	if d.purchased {
		data.PurchasedServices = []budget.ServiceItem{{Name: d.projects[0].name + "服务", Category: "技术性服务",
			Amount: d.round(float64(projectLine(0)) / wan * 0.5)}}
	}
	data.Assets = budget.Assets{Vehicles: d.cars, OfficialCars: d.cars}
	area := gongkai.Fixed{V: int64(heads*28) + 200}
	office := gongkai.Fixed{V: int64(heads * 12)}
	data.Assets.BuildingArea, data.Assets.OfficeArea = &area, &office
	for _, p := range d.projects {
		if p.goal {
			w30, w40 := gongkai.Fixed{V: 30}, gongkai.Fixed{V: 40}
			data.Targets = append(data.Targets,
				budget.Target{Project: p.name, Level1: "产出指标", Level2: "数量指标", Level3: "完成工作任务数", Op: "≥", Value: "100", Unit: "%", Weight: &w40},
				budget.Target{Project: p.name, Level1: "效益指标", Level2: "社会效益指标", Level3: "服务对象覆盖率", Op: "≥", Value: "95", Unit: "%", Weight: &w30},
				budget.Target{Project: p.name, Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "服务对象满意度", Op: "≥", Value: "90", Unit: "%", Weight: &w30})
		}
	}
	data.Reasons = map[gongkai.Quantity]string{}
	for q, r := range d.reasons {
		data.Reasons[q] = r
	}
	return data
}

// final turns a year's budget data into its final accounts: each line
// executed at 85–100% of its budget, the "三公" items likewise.
func (d *dept) final(b *budget.Data, rng *rand.Rand) *budget.Data {
	f := *b
	f.Kind = gongkai.Final
	f.Lines = make([]budget.Line, len(b.Lines))
	exec := func(a budget.Amount) budget.Amount {
		return d.round(float64(a) / wan * (0.85 + 0.15*rng.Float64()))
	}
	for i, l := range b.Lines {
		l.InitialBudget = l.Amount
		l.AdjustedBudget = l.Amount
		l.Amount = exec(l.Amount)
		f.Lines[i] = l
	}
	tc := b.ThreeCosts
	f.ThreeCosts = tc
	f.ThreeCosts.Budget = &budget.ThreeCostsBudget{Abroad: tc.Abroad, CarPurchase: tc.CarPurchase, CarOperation: tc.CarOperation, Reception: tc.Reception}
	for _, p := range []*budget.Amount{&f.ThreeCosts.Abroad, &f.ThreeCosts.CarOperation, &f.ThreeCosts.Reception} {
		if *p > 0 {
			*p = exec(*p)
		}
	}
	f.OperatingCosts = append([]budget.CostItem(nil), b.OperatingCosts...)
	for i := range f.OperatingCosts {
		f.OperatingCosts[i].Amount = exec(f.OperatingCosts[i].Amount)
	}
	f.Targets = nil
	for _, t := range b.Targets {
		t.Actual = t.Value
		sc := gongkai.Fixed{V: 9}
		t.Score = &sc
		f.Targets = append(f.Targets, t)
	}
	return &f
}
