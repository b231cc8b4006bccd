package budget

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"gongkai"
)

// InputError is one problem of the input data, with its place: a sheet and
// cell ("支出明细!C12") or a file, line and field.
type InputError struct {
	Place string `json:"place"`
	Msg   string `json:"message"`
}

func (e InputError) Error() string {
	if e.Place == "" {
		return e.Msg
	}
	return e.Place + "：" + e.Msg
}

// InputErrors is every problem found in the input, in reading order.
type InputErrors []InputError

func (es InputErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Problem is a problem Validate finds, at a field path of the data such as
// "lines[3].function" or "income.by_source[事业收入]"; readers turn the path
// into the place the user typed the value.
type Problem struct {
	Path string
	Msg  string
}

// Validate checks data that has been read: codes, names, required fields,
// duplicates, references, weights and the balance of income and spending.
// It returns every problem found, in the order of the data.
func Validate(d *Data) []Problem {
	v := &validator{d: d}
	v.run()
	return v.out
}

type validator struct {
	d   *Data
	out []Problem
}

func (v *validator) add(path, format string, args ...any) {
	v.out = append(v.out, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsFunctionCode reports whether s is a function code of n digits (3, 5 or 7).
func IsFunctionCode(s string, n int) bool { return len(s) == n && isDigits(s) && s[0] == '2' }

// IsEconomicCode reports whether s is an economic code of n digits (3 or 5).
func IsEconomicCode(s string, n int) bool {
	return len(s) == n && isDigits(s) && (s[0] == '3' || s[0] == '5')
}

// ValidSource reports whether s is a known source.
func ValidSource(s Source) bool {
	for _, x := range Sources {
		if x == s {
			return true
		}
	}
	return false
}

// CarryGroup returns the group a source's carry-over is booked in: the
// three kinds of 财政拨款 each on their own, all other money as Other.
func CarryGroup(s Source) Source {
	if s.Fiscal() {
		return s
	}
	return Other
}

// CarryGroups lists the carry-over groups in display order.
var CarryGroups = []Source{General, GovFund, Capital, Other}

// Ops are the accepted 指标性质.
var Ops = []string{"≥", "≤", "=", ">", "<", "定性"}

// PriorQuantities are the quantities Data.Prior and Data.Reasons may name.
var PriorQuantities = []gongkai.Quantity{gongkai.QIncomeTotal, gongkai.QExpenditureTotal, gongkai.QBasic, gongkai.QProject,
	gongkai.QPersonnel, gongkai.QPublic, gongkai.QGeneralExpend, gongkai.QFiscalIncome, gongkai.QThreeCosts,
	gongkai.QAbroad, gongkai.QCarPurchase, gongkai.QCarOperation, gongkai.QReception, gongkai.QOperatingCosts,
	gongkai.QProcurement}

func priorQuantity(q gongkai.Quantity) bool {
	for _, x := range PriorQuantities {
		if x == q {
			return true
		}
	}
	return false
}

func (v *validator) run() {
	d := v.d
	switch d.Kind {
	case gongkai.Budget, gongkai.Final:
	case "":
		v.add("kind", "未填写公开类型（预算或决算）")
	default:
		v.add("kind", "公开类型 %q 不对（应为预算或决算）", string(d.Kind))
	}
	if d.Year < 1990 || d.Year > 2100 {
		v.add("year", "年度 %d 不对（应为四位年份）", d.Year)
	}
	if d.Unit != gongkai.Yuan && d.Unit != gongkai.WanYuan {
		v.add("unit", "金额单位 %q 不对（应为元或万元）", string(d.Unit))
	}
	if d.ReportUnit != "" && d.ReportUnit != gongkai.Yuan && d.ReportUnit != gongkai.WanYuan {
		v.add("report_unit", "公开金额单位 %q 不对（应为元或万元）", string(d.ReportUnit))
	}
	if p := d.Places; p != nil && (*p < 0 || *p > d.ReportUnitOrDefault().MaxPlaces()) {
		v.add("places", "小数位数 %d 不对（%s最多%d位）", *p, d.ReportUnitOrDefault(), d.ReportUnitOrDefault().MaxPlaces())
	}
	if strings.TrimSpace(d.Department.Name) == "" {
		v.add("department.name", "未填写部门名称")
	}
	v.names()
	v.lines()
	v.incomeLines()
	v.income()
	v.projects()
	v.targets("targets", d.Targets, true)
	v.targets("dept_targets", d.DeptTargets, false)
	v.threeCosts()
	v.costs()
	v.procurement()
	for i, s := range d.PurchasedServices {
		p := fmt.Sprintf("purchased_services[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			v.add(p+".name", "未填写服务项目名称")
		}
		if s.Amount < 0 {
			v.add(p+".amount", "金额不能为负数")
		}
	}
	for _, q := range sortedQuantities(d.Prior) {
		if !priorQuantity(q) {
			v.add("prior["+string(q)+"]", "未知的上年数项目 %q", string(q))
		} else if d.Prior[q] < 0 {
			v.add("prior["+string(q)+"]", "上年数不能为负数")
		}
	}
	for _, q := range sortedQuantities(d.Reasons) {
		if !priorQuantity(q) {
			v.add("reasons["+string(q)+"]", "未知的变动原因项目 %q", string(q))
		}
	}
	names := d.NameMap()
	var codes []string
	for c := range d.LineReasons {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if !IsFunctionCode(c, len(c)) || names[c] == "" {
			v.add("line_reasons["+c+"]", "差异原因所列科目 %s 不是支出明细中的功能分类科目", c)
		}
	}
}

func sortedQuantities[V any](m map[gongkai.Quantity]V) []gongkai.Quantity {
	var out []gongkai.Quantity
	for q := range m {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (v *validator) names() {
	seen := map[string]int{}
	for i, n := range v.d.Names {
		p := fmt.Sprintf("names[%d]", i)
		if !(IsFunctionCode(n.Code, 3) || IsFunctionCode(n.Code, 5) || IsFunctionCode(n.Code, 7) ||
			IsEconomicCode(n.Code, 3) || IsEconomicCode(n.Code, 5)) {
			v.add(p+".code", "科目编码 %s 格式不对（功能分类应为3、5或7位数字，经济分类应为3或5位数字）", n.Code)
		}
		if strings.TrimSpace(n.Name) == "" {
			v.add(p+".name", "未填写科目 %s 的名称", n.Code)
		}
		if j, ok := seen[n.Code]; ok {
			v.add(p+".code", "科目编码 %s 重复（第%d条已填写）", n.Code, j+1)
		}
		seen[n.Code] = i
	}
}

type lineKey struct {
	function, economic string
	kind               Spending
	source             Source
	carry              bool
	project            string
}

func (v *validator) lines() {
	d := v.d
	if len(d.Lines) == 0 {
		v.add("lines", "没有支出明细（至少应有一行）")
	}
	names := d.NameMap()
	seen := map[lineKey]int{}
	fname := map[string]string{}
	ename := map[string]string{}
	missing := map[string]bool{}
	for i := range d.Lines {
		l := &d.Lines[i]
		p := fmt.Sprintf("lines[%d]", i)
		fnOK := IsFunctionCode(l.Function, 7)
		if !fnOK {
			v.add(p+".function", "功能分类科目 %s 格式不对（应为7位数字，以2开头）", show(l.Function))
		}
		if strings.TrimSpace(l.FunctionName) == "" {
			v.add(p+".function_name", "未填写功能分类科目名称")
		} else if prev, ok := fname[l.Function]; ok && prev != l.FunctionName {
			v.add(p+".function_name", "功能分类科目 %s 的名称“%s”与前面的“%s”不一致", l.Function, l.FunctionName, prev)
		} else {
			fname[l.Function] = l.FunctionName
		}
		if fnOK {
			for _, c := range []string{l.Function[:3], l.Function[:5]} {
				if names[c] == "" && !missing[c] {
					missing[c] = true
					v.add(p+".function", "缺少%s级科目 %s 的名称（请在“科目名称”中填写）", map[int]string{3: "类", 5: "款"}[len(c)], c)
				}
			}
		}
		switch l.Kind {
		case Basic, Project:
		case "":
			v.add(p+".kind", "未填写支出类型（基本支出或项目支出）")
		default:
			v.add(p+".kind", "支出类型 %q 不对（应为基本支出或项目支出）", string(l.Kind))
		}
		if l.Economic == "" {
			if l.Kind == Basic {
				v.add(p+".economic", "基本支出须填写经济分类科目（5位数字）")
			}
		} else {
			ok := IsEconomicCode(l.Economic, 5)
			if !ok {
				v.add(p+".economic", "经济分类科目 %s 格式不对（应为5位数字，以3开头）", show(l.Economic))
			}
			if strings.TrimSpace(l.EconomicName) == "" && BuiltinName(l.Economic) == "" {
				v.add(p+".economic_name", "未填写经济分类科目名称")
			} else if prev, ok2 := ename[l.Economic]; ok2 && l.EconomicName != "" && prev != l.EconomicName {
				v.add(p+".economic_name", "经济分类科目 %s 的名称“%s”与前面的“%s”不一致", l.Economic, l.EconomicName, prev)
			} else if l.EconomicName != "" {
				ename[l.Economic] = l.EconomicName
			}
			if ok && names[l.Economic[:3]] == "" && !missing[l.Economic[:3]] {
				missing[l.Economic[:3]] = true
				v.add(p+".economic", "缺少类级科目 %s 的名称（请在“科目名称”中填写）", l.Economic[:3])
			}
		}
		if l.Source != "" && !ValidSource(l.Source) {
			v.add(p+".source", "资金来源 %q 不对（应为%s之一）", string(l.Source), sourceList())
		}
		if l.Amount < 0 {
			v.add(p+".amount", "金额不能为负数")
		}
		if l.InitialBudget < 0 {
			v.add(p+".initial_budget", "年初预算数不能为负数")
		}
		if l.AdjustedBudget < 0 {
			v.add(p+".adjusted_budget", "全年预算数不能为负数")
		}
		if d.Kind == gongkai.Budget && (l.InitialBudget != 0 || l.AdjustedBudget != 0) {
			v.add(p+".initial_budget", "年初预算数、全年预算数只在决算中填写")
		}
		k := lineKey{l.Function, l.Economic, l.Kind, l.SourceOf(), l.CarryOver, strings.TrimSpace(l.Project)}
		if j, ok := seen[k]; ok {
			v.add(p+".function", "与第%d行支出明细重复（科目、经济分类、支出类型、资金来源和项目都相同）", j+1)
		} else {
			seen[k] = i
		}
	}
}

func show(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

func sourceList() string {
	var s []string
	for _, x := range Sources {
		s = append(s, string(x))
	}
	return strings.Join(s, "、")
}

func (v *validator) incomeLines() {
	d := v.d
	if len(d.IncomeLines) > 0 && d.Kind == gongkai.Budget {
		v.add("income_lines", "收入明细只在决算中填写（预算的收入按支出明细的资金来源生成）")
	}
	seen := map[[2]string]int{}
	for i, l := range d.IncomeLines {
		p := fmt.Sprintf("income_lines[%d]", i)
		if !IsFunctionCode(l.Function, 7) {
			v.add(p+".function", "功能分类科目 %s 格式不对（应为7位数字，以2开头）", show(l.Function))
		}
		if l.FunctionName == "" && d.NameMap()[l.Function] == "" {
			v.add(p+".function_name", "未填写功能分类科目名称")
		}
		if !ValidSource(l.Source) {
			v.add(p+".source", "收入来源 %q 不对（应为%s之一）", string(l.Source), sourceList())
		}
		if l.Amount < 0 {
			v.add(p+".amount", "金额不能为负数")
		}
		k := [2]string{l.Function, string(l.Source)}
		if j, ok := seen[k]; ok {
			v.add(p+".function", "与第%d行收入明细重复", j+1)
		}
		seen[k] = i
	}
}

// Spent sums the lines' spending by source, this year's money and the
// carried-over money apart.
func (d *Data) Spent() (current map[Source]Amount, carried map[Source]Amount) {
	current, carried = map[Source]Amount{}, map[Source]Amount{}
	for i := range d.Lines {
		l := &d.Lines[i]
		if l.CarryOver {
			carried[CarryGroup(l.SourceOf())] += l.Amount
		} else {
			current[l.SourceOf()] += l.Amount
		}
	}
	return current, carried
}

// HasIncome reports whether the data gives income itself (else it is
// taken from the lines).
func (d *Data) HasIncome() bool {
	return len(d.Income.BySource) > 0 || len(d.Income.CarryBegin) > 0 || len(d.IncomeLines) > 0 ||
		d.Income.UseNonFiscal != 0 || d.Income.Distribution != 0
}

// IncomeBySource returns this year's income by source: as given, else
// from the income lines, else the lines' spending of this year's money.
func (d *Data) IncomeBySource() map[Source]Amount {
	if len(d.Income.BySource) > 0 {
		return d.Income.BySource
	}
	if len(d.IncomeLines) > 0 {
		m := map[Source]Amount{}
		for _, l := range d.IncomeLines {
			m[l.Source] += l.Amount
		}
		return m
	}
	cur, _ := d.Spent()
	return cur
}

// CarryBegin returns the carry-over from last year by group: as given, else
// the lines paid from it.
func (d *Data) CarryBegin() map[Source]Amount {
	if d.HasIncome() {
		return d.Income.CarryBegin
	}
	_, car := d.Spent()
	return car
}

// CarryEnd returns what is carried into next year by group: income and
// carry-over not spent. A negative amount means more was spent than there was.
func (d *Data) CarryEnd() map[Source]Amount {
	inc := d.IncomeBySource()
	begin := d.CarryBegin()
	cur, car := d.Spent()
	out := map[Source]Amount{}
	for _, s := range Sources {
		g := CarryGroup(s)
		out[g] += inc[s] - cur[s]
	}
	for _, g := range CarryGroups {
		out[g] += begin[g] - car[g]
	}
	out[Other] += d.Income.UseNonFiscal - d.Income.Distribution
	for g, a := range out {
		if a == 0 {
			delete(out, g)
		}
	}
	return out
}

func (v *validator) income() {
	d := v.d
	for _, s := range sortedSources(d.Income.BySource) {
		if !ValidSource(s) {
			v.add("income.by_source["+string(s)+"]", "收入来源 %q 不对（应为%s之一）", string(s), sourceList())
		} else if d.Income.BySource[s] < 0 {
			v.add("income.by_source["+string(s)+"]", "收入不能为负数")
		}
	}
	for _, s := range sortedSources(d.Income.CarryBegin) {
		if CarryGroup(s) != s || !ValidSource(s) {
			v.add("income.carry_begin["+string(s)+"]", "上年结转只分一般公共预算、政府性基金预算、国有资本经营预算和其他收入（非财政拨款）四类，不能是 %q", string(s))
		} else if d.Income.CarryBegin[s] < 0 {
			v.add("income.carry_begin["+string(s)+"]", "上年结转不能为负数")
		}
	}
	if d.Kind == gongkai.Budget && (d.Income.UseNonFiscal != 0 || d.Income.Distribution != 0) {
		v.add("income.use_nonfiscal", "使用非财政拨款结余、结余分配只在决算中填写")
	}
	if d.Income.UseNonFiscal < 0 || d.Income.Distribution < 0 {
		v.add("income.use_nonfiscal", "使用非财政拨款结余、结余分配不能为负数")
	}
	if !d.HasIncome() {
		return
	}
	u := d.Unit
	if !u.Valid() {
		return
	}
	money := func(a Amount) string { return gongkai.FormatFen(int64(a), u, u.MaxPlaces()) + string(u) }
	cur, car := d.Spent()
	if len(d.IncomeLines) > 0 && len(d.Income.BySource) > 0 {
		byLines := map[Source]Amount{}
		for _, l := range d.IncomeLines {
			byLines[l.Source] += l.Amount
		}
		for _, s := range Sources {
			if byLines[s] != d.Income.BySource[s] {
				v.add("income.by_source["+string(s)+"]", "%s收入 %s 与收入明细之和 %s 不相等", s, money(d.Income.BySource[s]), money(byLines[s]))
			}
		}
	}
	if d.Kind == gongkai.Budget {
		inc := d.IncomeBySource()
		for _, s := range Sources {
			if inc[s] != cur[s] {
				v.add("income.by_source["+string(s)+"]", "预算%s收入 %s 与支出明细中该来源（不含上年结转）的支出 %s 不相等", s, money(inc[s]), money(cur[s]))
			}
		}
		for _, g := range CarryGroups {
			if d.Income.CarryBegin[g] != car[g] {
				v.add("income.carry_begin["+string(g)+"]", "上年结转（%s）%s 与支出明细中标为上年结转的该来源支出 %s 不相等", g, money(d.Income.CarryBegin[g]), money(car[g]))
			}
		}
		return
	}
	end := d.CarryEnd()
	for _, g := range CarryGroups {
		if end[g] < 0 {
			v.add("income.by_source["+string(g)+"]", "%s支出比本年收入与年初结转之和多 %s（年末结转和结余不能为负数）", groupName(g), money(-end[g]))
		}
	}
	if len(d.IncomeLines) == 0 {
		inc := d.IncomeBySource()
		for _, s := range Sources {
			if inc[s] != cur[s] {
				v.add("income.by_source["+string(s)+"]", "%s本年收入 %s 与支出明细中该来源的支出 %s 不相等，请在“收入明细”中按功能分类科目填写本年收入", s, money(inc[s]), money(cur[s]))
			}
		}
	}
}

func groupName(g Source) string {
	if g == Other {
		return "非财政拨款资金"
	}
	return string(g)
}

func sortedSources[V any](m map[Source]V) []Source {
	var out []Source
	for s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (v *validator) projects() {
	seen := map[string]int{}
	for i, p := range v.d.Projects {
		path := fmt.Sprintf("projects[%d]", i)
		n := strings.TrimSpace(p.Name)
		if n == "" {
			v.add(path+".name", "未填写项目名称")
			continue
		}
		if j, ok := seen[n]; ok {
			v.add(path+".name", "项目“%s”重复（第%d个项目已填写）", n, j+1)
		}
		seen[n] = i
	}
}

// ProjectNames lists the projects named by ProjectInfo or by lines, in order.
func (d *Data) ProjectNames() []string {
	var out []string
	seen := make(map[string]bool, len(d.Projects))
	add := func(n string) {
		n = strings.TrimSpace(n)
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, p := range d.Projects {
		add(p.Name)
	}
	for i := range d.Lines {
		add(d.Lines[i].Project)
	}
	return out
}

func (v *validator) targets(list string, ts []Target, project bool) {
	known := map[string]bool{}
	for _, n := range v.d.ProjectNames() {
		known[n] = true
	}
	weights := map[string]*big.Rat{}
	given := map[string]int{}
	count := map[string]int{}
	first := map[string]int{}
	var order []string
	for i, t := range ts {
		p := fmt.Sprintf("%s[%d]", list, i)
		name := strings.TrimSpace(t.Project)
		if project {
			if name == "" {
				v.add(p+".project", "未填写指标所属项目")
			} else if !known[name] {
				v.add(p+".project", "指标所属项目“%s”不存在（项目须在“项目”或支出明细中列出）", name)
			}
		}
		if strings.TrimSpace(t.Level3) == "" {
			v.add(p+".level3", "未填写三级指标")
		}
		if t.Op != "" && !validOp(t.Op) {
			v.add(p+".op", "指标性质 %q 不对（应为≥、≤、=、>、<或定性）", t.Op)
		}
		if strings.TrimSpace(t.Value) == "" {
			v.add(p+".value", "未填写指标值")
		}
		if _, ok := first[name]; !ok {
			first[name] = i
			order = append(order, name)
			weights[name] = new(big.Rat)
		}
		count[name]++
		if t.Weight != nil {
			if t.Weight.V < 0 {
				v.add(p+".weight", "权重不能为负数")
			}
			given[name]++
			weights[name].Add(weights[name], t.Weight.Rat())
		}
	}
	for _, name := range order {
		if given[name] == 0 {
			continue
		}
		p := fmt.Sprintf("%s[%d].weight", list, first[name])
		who := "部门整体绩效指标"
		if project {
			who = "项目“" + name + "”的绩效指标"
		}
		if given[name] < count[name] {
			v.add(p, "%s有的填了权重，有的没有填", who)
		} else if weights[name].Cmp(big.NewRat(100, 1)) != 0 {
			v.add(p, "%s权重之和为 %s，应为100", who, weights[name].FloatString(2))
		}
	}
}

func validOp(op string) bool {
	for _, o := range Ops {
		if o == op {
			return true
		}
	}
	return false
}

func (v *validator) threeCosts() {
	t := v.d.ThreeCosts
	for _, f := range []struct {
		path string
		a    Amount
	}{{"abroad", t.Abroad}, {"car_purchase", t.CarPurchase}, {"car_operation", t.CarOperation}, {"reception", t.Reception}} {
		if f.a < 0 {
			v.add("three_costs."+f.path, "金额不能为负数")
		}
	}
	if t.Budget != nil && v.d.Kind == gongkai.Budget {
		v.add("three_costs.budget", "“三公”经费全年预算数只在决算中填写")
	}
	for _, n := range []struct {
		path string
		n    int
	}{{"abroad_groups", t.AbroadGroups}, {"abroad_people", t.AbroadPeople}, {"cars_bought", t.CarsBought},
		{"cars_held", t.CarsHeld}, {"reception_batches", t.ReceptionBatches}, {"reception_people", t.ReceptionPeople}} {
		if n.n < 0 {
			v.add("three_costs."+n.path, "数量不能为负数")
		}
	}
}

func (v *validator) costs() {
	names := v.d.NameMap()
	seen := map[string]int{}
	for i, c := range v.d.OperatingCosts {
		p := fmt.Sprintf("operating_costs[%d]", i)
		if !IsEconomicCode(c.Code, 5) && !IsEconomicCode(c.Code, 3) {
			v.add(p+".code", "经济分类科目 %s 格式不对（应为3或5位数字，以3开头）", show(c.Code))
		} else if names[c.Code] == "" || names[c.Code[:3]] == "" {
			v.add(p+".name", "缺少经济分类科目 %s 的名称", c.Code)
		}
		if c.Amount < 0 {
			v.add(p+".amount", "金额不能为负数")
		}
		if j, ok := seen[c.Code]; ok {
			v.add(p+".code", "与第%d行重复", j+1)
		}
		seen[c.Code] = i
		if len(c.Code) == 3 {
			for _, o := range v.d.OperatingCosts {
				if len(o.Code) == 5 && strings.HasPrefix(o.Code, c.Code) {
					v.add(p+".code", "类级科目 %s 与其下的款级科目不能同时填写（类级由款级汇总）", c.Code)
					break
				}
			}
		}
	}
}

func (v *validator) procurement() {
	for i, x := range v.d.Procurement {
		p := fmt.Sprintf("procurement[%d]", i)
		switch x.Category {
		case "货物", "工程", "服务":
		default:
			v.add(p+".category", "采购类别 %q 不对（应为货物、工程或服务）", x.Category)
		}
		if strings.TrimSpace(x.Name) == "" {
			v.add(p+".name", "未填写采购项目名称")
		}
		if x.Amount < 0 || x.SME < 0 || x.Micro < 0 {
			v.add(p+".amount", "金额不能为负数")
		}
		if x.SME > x.Amount {
			v.add(p+".sme", "面向中小企业的金额大于采购金额")
		}
		if x.Micro > x.SME {
			v.add(p+".micro", "面向小微企业的金额大于面向中小企业的金额")
		}
	}
}
