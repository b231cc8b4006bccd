package generate

import (
	"fmt"
	"strings"

	"gongkai"
	"gongkai/budget"
)

// writer collects sections.
type writer struct {
	secs []*gongkai.Section
	cur  *gongkai.Section
	n    int // numbered sections in the current part
}

// part starts a part ("第二部分 …"): a heading without paragraphs.
func (w *writer) part(title string) {
	w.secs = append(w.secs, &gongkai.Section{Title: title})
	w.cur = nil
	w.n = 0
}

// section starts a numbered section ("一、…").
func (w *writer) section(title string) {
	w.cur = &gongkai.Section{Title: numeral(w.n) + "、" + title}
	w.n++
	w.secs = append(w.secs, w.cur)
}

// sub starts an unnumbered sub-heading ("（一）…") inside a section.
func (w *writer) sub(title string) {
	w.cur = &gongkai.Section{Title: title}
	w.secs = append(w.secs, w.cur)
}

// para adds a paragraph of sentences to the current section.
func (w *writer) para(sentences ...string) {
	var b strings.Builder
	for _, s := range sentences {
		if s == "" {
			continue
		}
		b.WriteString(s)
	}
	if b.Len() == 0 {
		return
	}
	w.cur.Paragraphs = append(w.cur.Paragraphs, &gongkai.Paragraph{Text: b.String()})
}

// clean makes user text safe inside a sentence: one clause, no sentence or
// list punctuation that would end the sentence it is put in.
func clean(s string) string {
	s = strings.Join(strings.Fields(s), "")
	s = strings.TrimRight(s, "。；;，,.！!")
	r := strings.NewReplacer("。", "，", "；", "，", ";", "，", "！", "，", "!", "，", "？", "，", "?", "，")
	return r.Replace(s)
}

// text makes user text safe as a paragraph of its own.
func cleanPara(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.HasSuffix(s, "。") {
		s += "。"
	}
	return s
}

// pct prints part/whole as a percentage.
func (g *gen) pct(part, whole int64) string { return percent(part, whole) + "%" }

// change describes this year's figure against last year's: "比上年增加A，
// 增长B%", with the reason when the data gives one; "" without a prior figure.
func (g *gen) change(q gongkai.Quantity, cur int64) string {
	p, ok := g.d.Prior[q]
	if !ok {
		return ""
	}
	prior := g.round(p)
	reason := clean(g.d.Reasons[q])
	var s string
	switch {
	case cur == prior:
		s = "与上年持平"
	case cur > prior:
		s = "比上年增加" + g.amt(cur-prior)
		if prior > 0 {
			s += "，增长" + g.pct(cur-prior, prior)
		}
	default:
		s = "比上年减少" + g.amt(prior-cur) + "，下降" + g.pct(prior-cur, prior)
	}
	if reason != "" {
		s += "，主要原因是" + reason
	}
	return s
}

// withChange joins a figure's sentence and its change, if any.
func withChange(head, ch string) string {
	if ch == "" {
		return head + "。"
	}
	return head + "，" + ch + "。"
}

// prior reports whether the data gives a prior figure of q.
func (g *gen) hasPrior(q gongkai.Quantity) bool {
	_, ok := g.d.Prior[q]
	return ok
}

func (g *gen) prose() []*gongkai.Section {
	w := &writer{}
	g.overview(w)
	if g.final {
		g.finalProse(w)
	} else {
		g.budgetProse(w)
	}
	g.glossary(w)
	w.part(fmt.Sprintf("第四部分 %s部门%s表", g.yearWord(), g.d.Kind.Chinese()))
	return w.secs
}

func (g *gen) yearWord() string {
	if g.final {
		return fmt.Sprintf("%d年度", g.d.Year)
	}
	return fmt.Sprintf("%d年", g.d.Year)
}

func (g *gen) overview(w *writer) {
	d := g.d
	w.part("第一部分 部门概况")
	if len(d.Department.Duties) > 0 {
		w.section("主要职责")
		for _, p := range d.Department.Duties {
			w.para(cleanPara(p))
		}
	}
	w.section("机构设置")
	w.para(cleanPara(d.Department.Organisation))
	if len(d.Department.Units) > 0 {
		var names []string
		for _, u := range d.Department.Units {
			names = append(names, clean(u.Name))
		}
		w.para(fmt.Sprintf("纳入%s部门%s编制范围的预算单位共%d个，包括：%s。", g.yearWord(), d.Kind.Chinese(), len(names), strings.Join(names, "、")))
	}
	s := d.Department.Staff
	if s.Administrative+s.Institutional+s.Actual+s.Retired > 0 {
		w.section("人员构成")
		t := fmt.Sprintf("本部门核定行政编制%d人，事业编制%d人；实有人数%d人", s.Administrative, s.Institutional, s.Actual)
		if s.Retired > 0 {
			t += fmt.Sprintf("，退休人员%d人", s.Retired)
		}
		w.para(t + "。")
	}
}

// parts lists figures as "name amount" joined by sep, leaving out zeros
// unless all are zero.
type part struct {
	name string
	fen  int64
}

func (g *gen) list(ps []part, sep string, keepZero bool) string {
	var out []string
	for _, p := range ps {
		if p.fen == 0 && !keepZero {
			continue
		}
		out = append(out, p.name+g.amt(p.fen))
	}
	return strings.Join(out, sep)
}

func (g *gen) incomeParts() []part {
	var ps []part
	for _, it := range g.incomeItems() {
		ps = append(ps, part{it.name, it.fen})
	}
	return ps
}

func (g *gen) budgetProse(w *writer) {
	t := &g.totals
	y := g.yearWord()
	w.part(fmt.Sprintf("第二部分 %d年部门预算情况说明", g.d.Year))

	w.section("收支预算总体情况")
	carry := t.carry[budget.General] + t.carry[budget.GovFund] + t.carry[budget.Capital] + t.carry[budget.Other]
	ps := append(g.incomeParts(), part{"上年结转", carry})
	w.para(fmt.Sprintf("%s收入预算%s，其中：%s。", y, g.amt(t.incomeGrand), g.list(ps, "，", false)),
		sentenceOf("收入预算", g.change(gongkai.QIncomeTotal, t.incomeGrand)))
	w.para(fmt.Sprintf("%s支出预算%s，其中：%s。", y, g.amt(t.expendGrand), g.shareList([]part{{"基本支出", t.basic}, {"项目支出", t.project}}, t.expendGrand)),
		sentenceOf("支出预算", g.change(gongkai.QExpenditureTotal, t.expendGrand)),
		sentenceOf("基本支出", g.change(gongkai.QBasic, t.basic)),
		sentenceOf("项目支出", g.change(gongkai.QProject, t.project)))

	w.section("财政拨款收支预算总体情况")
	fps := []part{{"一般公共预算拨款收入", t.incSrc[budget.General]}, {"政府性基金预算拨款收入", t.incSrc[budget.GovFund]},
		{"国有资本经营预算拨款收入", t.incSrc[budget.Capital]}, {"上年财政拨款结转", t.fiscalCarry}}
	fiscalGrand := t.fiscalIncome + t.fiscalCarry
	w.para(fmt.Sprintf("%s财政拨款收入%s，其中：%s。", y, g.amt(fiscalGrand), g.list(fps, "，", false)),
		sentenceOf("财政拨款收入", g.change(gongkai.QFiscalIncome, fiscalGrand)),
		fmt.Sprintf("财政拨款支出%s。", g.amt(t.fiscalExpend+t.fiscalCarryEnd)))

	g.generalProse(w)
	g.basicProse(w)
	g.threeCostsProse(w)
	g.operatingProse(w)
	g.procurementProse(w)
	g.fundsProse(w)
	g.assetsProse(w)
	g.targetsProse(w)
}

// sentenceOf writes "subject change。" or nothing.
func sentenceOf(subject, ch string) string {
	if ch == "" {
		return ""
	}
	return subject + ch + "。"
}

// shareList writes "name amount，占p%；…" for the parts of a whole.
func (g *gen) shareList(ps []part, whole int64) string {
	var out []string
	for _, p := range ps {
		s := p.name + g.amt(p.fen)
		if whole > 0 {
			s += "，占" + g.pct(p.fen, whole)
		}
		out = append(out, s)
	}
	return strings.Join(out, "；")
}

func (g *gen) generalProse(w *writer) {
	t := &g.totals
	y := g.yearWord()
	w.section("一般公共预算财政拨款支出情况")
	if g.final {
		w.sub("（一）一般公共预算财政拨款支出总体情况")
		head := fmt.Sprintf("%s一般公共预算财政拨款支出%s", y, g.amt(t.general))
		if t.expendYear > 0 {
			head += "，占本年支出合计的" + g.pct(t.general, t.expendYear)
		}
		w.para(withChange(head, g.change(gongkai.QGeneralExpend, t.general)))
		w.sub("（二）一般公共预算财政拨款支出结构情况")
	} else {
		w.para(withChange(fmt.Sprintf("%s一般公共预算财政拨款支出%s", y, g.amt(t.general)), g.change(gongkai.QGeneralExpend, t.general)))
	}
	if classes := t.genFunc.classes(); len(classes) > 0 {
		var ps []part
		for _, c := range classes {
			ps = append(ps, part{g.names[c] + "（类）", t.genFunc.rows[c][0]})
		}
		w.para(fmt.Sprintf("%s一般公共预算财政拨款支出主要用于以下方面：%s。", y, g.shareList(ps, t.general)))
	}
	if !g.final {
		return
	}
	w.sub("（三）一般公共预算财政拨款支出具体情况")
	head := fmt.Sprintf("%s一般公共预算财政拨款支出年初预算为%s，支出决算为%s", y, g.amt(t.initGeneral), g.amt(t.general))
	if t.initGeneral > 0 {
		head += "，完成年初预算的" + g.pct(t.general, t.initGeneral)
	}
	w.para(head + "。")
	// One paragraph per 项 whose name is unique in the table (the check
	// finds a line by its name).
	count := map[string]int{}
	for c := range t.initT.rows {
		if len(c) == 7 {
			count[plainName(g.names[c])]++
		}
	}
	k := 0
	for _, c := range t.initT.codes() {
		if len(c) != 7 || count[plainName(g.names[c])] != 1 || strings.ContainsAny(g.names[c], "()（）") ||
			strings.ContainsAny(g.names[c[:5]], "()（）") {
			continue
		}
		v := t.initT.rows[c]
		if v[2] == 0 {
			continue // not in the table: nothing to restate
		}
		k++
		s := fmt.Sprintf("（%d）%s（款）%s（项）。年初预算为%s，支出决算为%s", k, g.names[c[:5]], g.names[c], g.amt(v[0]), g.amt(v[2]))
		if v[0] > 0 {
			s += "，完成年初预算的" + g.pct(v[2], v[0])
		}
		s += "。"
		if r := clean(g.d.LineReasons[c]); r != "" && v[2] != v[0] {
			more := "大于"
			if v[2] < v[0] {
				more = "小于"
			}
			s += "决算数" + more + "预算数的主要原因是" + r + "。"
		}
		w.para(s)
	}
}

// econNames lists the names of the economic 款 of a kind of basic spending.
func (g *gen) econNames(personnel bool) string {
	var out []string
	for _, c := range g.totals.genEcon.codes() {
		if len(c) == 5 && budget.IsPersonnel(c) == personnel {
			out = append(out, clean(g.names[c]))
		}
	}
	return strings.Join(out, "、")
}

func (g *gen) basicProse(w *writer) {
	t := &g.totals
	w.section("一般公共预算财政拨款基本支出情况")
	if t.generalBasic == 0 {
		// A zero would be compared with the all-funds 基本支出 of the
		// expenditure table, the only table that then prints the figure.
		w.para(fmt.Sprintf("本部门%s无一般公共预算财政拨款基本支出。", g.yearWord()))
		return
	}
	s := fmt.Sprintf("%s一般公共预算财政拨款基本支出%s，其中：人员经费%s", g.yearWord(), g.amt(t.generalBasic), g.amt(t.personnel))
	if n := g.econNames(true); n != "" {
		s += "，主要包括：" + n
	}
	s += "；公用经费" + g.amt(t.public)
	if n := g.econNames(false); n != "" {
		s += "，主要包括：" + n
	}
	w.para(s + "。")
}

func (g *gen) threeCostsProse(w *writer) {
	t := &g.totals
	tc := g.d.ThreeCosts
	y := g.yearWord()
	if g.final {
		w.section("财政拨款“三公”经费支出决算情况")
		head := fmt.Sprintf("%s“三公”经费支出预算为%s，支出决算为%s", y, g.amt(t.bThree), g.amt(t.three))
		if t.bThree > 0 {
			head += "，完成预算的" + g.pct(t.three, t.bThree)
		}
		w.para(withChange(head, g.change(gongkai.QThreeCosts, t.three)))
	} else {
		w.section("“三公”经费预算情况")
		w.para(withChange(fmt.Sprintf("%s“三公”经费预算%s", y, g.amt(t.three)), g.change(gongkai.QThreeCosts, t.three)))
	}
	share := func(fen int64) string {
		if t.three > 0 {
			return "，占" + g.pct(fen, t.three)
		}
		return ""
	}
	w.para(fmt.Sprintf("其中：因公出国（境）费%s%s；公务用车购置及运行费%s（其中：公务用车购置费%s，公务用车运行维护费%s）%s；公务接待费%s%s。",
		g.amt(t.abroad), share(t.abroad), g.amt(t.car), g.amt(t.carPurchase), g.amt(t.carOp), share(t.car), g.amt(t.recept), share(t.recept)))
	var chs []string
	for _, x := range []struct {
		q    gongkai.Quantity
		name string
		fen  int64
	}{{gongkai.QAbroad, "因公出国（境）费", t.abroad}, {gongkai.QCarPurchase, "公务用车购置费", t.carPurchase},
		{gongkai.QCarOperation, "公务用车运行维护费", t.carOp}, {gongkai.QReception, "公务接待费", t.recept}} {
		chs = append(chs, sentenceOf(x.name, g.change(x.q, x.fen)))
	}
	w.para(chs...)
	w.para(fmt.Sprintf("全年安排因公出国（境）团组%d个，%d人次；购置公务用车%d辆，公务用车保有量%d辆；国内公务接待%d批次，%d人次。",
		tc.AbroadGroups, tc.AbroadPeople, tc.CarsBought, tc.CarsHeld, tc.ReceptionBatches, tc.ReceptionPeople))
}

func (g *gen) operatingProse(w *writer) {
	t := &g.totals
	if g.final {
		w.section("机关运行经费支出情况")
		w.para(withChange(fmt.Sprintf("%s机关运行经费支出%s", g.yearWord(), g.amt(t.operating)), g.change(gongkai.QOperatingCosts, t.operating)))
		return
	}
	w.section("机关运行经费")
	w.para(withChange(fmt.Sprintf("%s机关运行经费预算%s", g.yearWord(), g.amt(t.operating)), g.change(gongkai.QOperatingCosts, t.operating)))
}

func (g *gen) procurementProse(w *writer) {
	t := &g.totals
	stage := "预算"
	if g.final {
		stage = "支出"
		w.section("政府采购支出情况")
	} else {
		w.section("政府采购情况")
	}
	w.para(fmt.Sprintf("%s政府采购%s总额%s，其中：政府采购货物%s%s、政府采购工程%s%s、政府采购服务%s%s。",
		g.yearWord(), stage, g.amt(t.procure), stage, g.amt(t.goods), stage, g.amt(t.works), stage, g.amt(t.services)),
		sentenceOf("政府采购"+stage+"总额", g.change(gongkai.QProcurement, t.procure)))
	if t.procure > 0 {
		s := fmt.Sprintf("授予中小企业合同金额%s，占政府采购%s总额的%s", g.amt(t.sme), stage, g.pct(t.sme, t.procure))
		if t.sme > 0 {
			s += fmt.Sprintf("，其中：授予小微企业合同金额%s，占政府采购授予中小企业合同金额的%s", g.amt(t.micro), g.pct(t.micro, t.sme))
		}
		w.para(s + "。")
	}
}

func (g *gen) fundsProse(w *writer) {
	y := g.yearWord()
	for _, x := range []struct {
		what string
		tr   *tree
	}{{"政府性基金预算", g.totals.fund}, {"国有资本经营预算", g.totals.capital}} {
		if g.final {
			w.section(x.what + "财政拨款收入支出决算情况")
			if x.tr.total[0] == 0 {
				w.para(fmt.Sprintf("%s，本部门没有发生%s财政拨款收入支出。", y, x.what))
			} else {
				w.para(fmt.Sprintf("%s%s拨款支出%s。", y, x.what, g.amt(x.tr.total[0])))
			}
			continue
		}
		w.section(x.what + "支出情况")
		if x.tr.total[0] == 0 {
			w.para(fmt.Sprintf("本部门%s无%s支出。", y, x.what))
		} else {
			w.para(fmt.Sprintf("%s%s拨款支出%s。", y, x.what, g.amt(x.tr.total[0])))
		}
	}
}

func (g *gen) assetsProse(w *writer) {
	a := g.d.Assets
	w.section("国有资产占用情况")
	date := fmt.Sprintf("截至%d年12月31日", g.d.Year-1)
	if g.final {
		date = fmt.Sprintf("截至%d年12月31日", g.d.Year)
	}
	s := fmt.Sprintf("%s，本部门共有车辆%d辆，其中：一般公务用车%d辆、执法执勤用车%d辆、特种专业技术用车%d辆", date, a.Vehicles, a.OfficialCars, a.EnforcementCars, a.SpecialCars)
	if a.BuildingArea != nil {
		s += "；房屋建筑面积" + a.BuildingArea.String() + "平方米"
		if a.OfficeArea != nil {
			s += "，其中办公用房" + a.OfficeArea.String() + "平方米"
		}
	}
	s += fmt.Sprintf("；单价100万元（含）以上设备%d台（套）。", a.BigEquipment)
	w.para(s)
}

func (g *gen) targetsProse(w *writer) {
	pm := g.projectMoney()
	withTargets := map[string]bool{}
	for _, t := range g.d.Targets {
		withTargets[strings.TrimSpace(t.Project)] = true
	}
	n, money := 0, int64(0)
	var names []string
	for _, name := range g.projects {
		if !withTargets[name] {
			continue
		}
		n++
		names = append(names, clean(name))
		if p := pm[name]; p != nil {
			money += p.amount
		}
	}
	if g.final {
		w.section("绩效评价情况")
		if n == 0 {
			w.para(fmt.Sprintf("%s本部门未开展项目支出绩效自评。", g.yearWord()))
			return
		}
		w.para(fmt.Sprintf("根据预算绩效管理要求，本部门对%s%d个项目开展了绩效自评，涉及项目资金%s。", g.yearWord(), n, g.amt(money)))
		for _, name := range g.projects {
			if !withTargets[name] {
				continue
			}
			p := pm[name]
			if p == nil {
				p = &projectMoney{}
			}
			info := g.projectInfo(name)
			s := fmt.Sprintf("%s项目全年预算数为%s，全年执行数为%s", clean(name), g.amt(p.adjusted), g.amt(p.amount))
			if p.adjusted > 0 {
				s += "，执行率为" + g.pct(p.amount, p.adjusted)
			}
			s += "。"
			if r := clean(info.Result); r != "" {
				s += "项目绩效目标完成情况：" + r + "。"
			}
			if r := clean(info.Problems); r != "" {
				s += "存在的问题及改进措施：" + r + "。"
			}
			w.para(s)
		}
		return
	}
	w.section("绩效目标设置情况")
	if n == 0 {
		w.para(fmt.Sprintf("%s本部门暂无实行绩效目标管理的项目。", g.yearWord()))
		return
	}
	w.para(fmt.Sprintf("%s共%d个项目实行绩效目标管理，涉及项目资金%s。", g.yearWord(), n, g.amt(money)))
}

func (g *gen) finalProse(w *writer) {
	t := &g.totals
	y := g.yearWord()
	w.part(fmt.Sprintf("第二部分 %d年度部门决算情况说明", g.d.Year))
	w.section("收入支出决算总体情况")
	w.para(withChange(fmt.Sprintf("%s收入、支出总计%s", y, g.amt(t.incomeGrand)), g.change(gongkai.QIncomeTotal, t.incomeGrand)))

	w.section("收入决算情况")
	var ps []part
	for _, it := range []part{{"财政拨款收入", t.fiscalIncome}, {"上级补助收入", t.incSrc[budget.Superior]},
		{"事业收入", t.incSrc[budget.Service]}, {"经营收入", t.incSrc[budget.Operating]},
		{"附属单位上缴收入", t.incSrc[budget.Affiliated]}, {"其他收入", t.incSrc[budget.Other] + t.incSrc[budget.Special]}} {
		if it.fen != 0 {
			ps = append(ps, it)
		}
	}
	if len(ps) == 0 {
		ps = []part{{"财政拨款收入", 0}}
	}
	w.para(fmt.Sprintf("本年收入合计%s，其中：%s。", g.amt(t.incomeYear), g.shareList(ps, t.incomeYear)))

	w.section("支出决算情况")
	w.para(fmt.Sprintf("本年支出合计%s，其中：%s。", g.amt(t.expendYear), g.shareList([]part{{"基本支出", t.basic}, {"项目支出", t.project}}, t.expendYear)),
		sentenceOf("基本支出", g.change(gongkai.QBasic, t.basic)),
		sentenceOf("项目支出", g.change(gongkai.QProject, t.project)))

	w.section("财政拨款收入支出决算总体情况")
	w.para(withChange(fmt.Sprintf("%s财政拨款收入%s", y, g.amt(t.fiscalIncome)), g.change(gongkai.QFiscalIncome, t.fiscalIncome)),
		fmt.Sprintf("财政拨款支出%s。", g.amt(t.fiscalExpend)))

	g.generalProse(w)
	g.basicProse(w)
	g.fundsProse(w)
	g.threeCostsProse(w)
	g.operatingProse(w)
	g.procurementProse(w)
	g.targetsProse(w)
	g.assetsProse(w)
}

func (g *gen) glossary(w *writer) {
	w.part("第三部分 名词解释")
	w.cur = w.secs[len(w.secs)-1]
	for _, s := range []string{
		"财政拨款收入：指本级财政当年拨付的资金，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
		"基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
		"项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
		"“三公”经费：是指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
		"机关运行经费：是指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
	} {
		w.para(s)
	}
}
