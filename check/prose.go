package check

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"gongkai"
	"gongkai/extract"
	"gongkai/internal/memo"
)

func init() {
	register(Rule{ID: "prose.parts", Severity: gongkai.Error, Name: "说明中的分项之和",
		Doc: "“其中”所列各项之和应等于总数（只列部分时不得超过总数），增减额的分项之和应等于总增减额。", run: proseParts})
	register(Rule{ID: "prose.share", Severity: gongkai.Error, Name: "占比",
		Doc: "“占X%”应等于该项 ÷ 总数，允许两数四舍五入带来的误差。", run: proseShares})
	register(Rule{ID: "prose.change", Severity: gongkai.Error, Name: "增减额与增减率",
		Doc: "“比上年增加A，增长B%”中 B 应等于 A ÷（本年数 − A）；减少时为 A ÷（本年数 + A）。", run: proseChanges})
	register(Rule{ID: "prose.completion", Severity: gongkai.Error, Name: "预算完成率",
		Doc: "“完成年初预算的C%”中 C 应等于决算数 ÷ 预算数。", run: proseCompletion})
	register(Rule{ID: "prose.table", Severity: gongkai.Error, Name: "说明与表格一致",
		Doc: "说明中的收入、支出、基本支出、项目支出、“三公”经费及其各项、机关运行经费、政府采购等数额应与表格一致，科目金额应与功能分类表一致。", run: proseVsTables})
	register(Rule{ID: "prose.identity", Severity: gongkai.Error, Name: "说明中的收支平衡",
		Doc: "说明中：收入总计与支出总计相等；预算中财政拨款收入与财政拨款支出相等。", run: proseIdentities})
	register(Rule{ID: "prose.consistency", Severity: gongkai.Error, Name: "说明前后一致",
		Doc: "没有表格可对照时，说明中同一数额前后出现多次应一致。", run: proseConsistency})
}

// wholeOf returns the value a claim's whole has: its own, else the value
// the report gives its quantity.
func (c *ctx) valueOf(v *gongkai.Money, q gongkai.Quantity) (gongkai.Money, bool) {
	if v != nil {
		return *v, true
	}
	if q == gongkai.QNone {
		return gongkai.Money{}, false
	}
	if s, ok := c.r.ValueOf(q); ok && !s.Clipped {
		return s.Value, true
	}
	return gongkai.Money{}, false
}

func claimName(cl *gongkai.Claim) string {
	s := cl.Subject
	if s == "" {
		s = cl.Quantity.Name()
	}
	if cl.Class != "" && !strings.Contains(s, cl.Class) {
		s = cl.Class + s
	}
	return quoted(s)
}

// quoted puts s in “ ”, its own quotes becoming ‘ ’ as Chinese nests them:
// “‘三公’经费预算”.
func quoted(s string) string {
	inner := strings.NewReplacer("“", "‘", "”", "’").Replace(chineseQuotes(strings.TrimSpace(s)))
	return "“" + inner + "”"
}

// chineseQuotes turns ASCII quote pairs back into “ ”.
func chineseQuotes(s string) string {
	var b strings.Builder
	open := true
	for _, r := range s {
		if r == '"' {
			if open {
				b.WriteRune('“')
			} else {
				b.WriteRune('”')
			}
			open = !open
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func proseParts(c *ctx) {
	for _, cl := range c.r.Claims {
		if cl.Kind != gongkai.CParts || len(cl.Parts) == 0 {
			continue
		}
		change := cl.Parts[0].Kind == gongkai.CChange
		var whole gongkai.Money
		if change {
			if cl.Value == nil || cl.Direction == 0 {
				continue
			}
			whole = *cl.Value
			whole.Fen *= int64(cl.Direction)
		} else {
			w, ok := c.valueOf(cl.Value, cl.Quantity)
			if !ok {
				continue
			}
			whole = w
		}
		var s sum
		n := 0
		var related []gongkai.Loc
		for _, p := range cl.Parts {
			switch {
			case change && p.Change != nil && p.Direction != 0:
				m := *p.Change
				m.Fen *= int64(p.Direction)
				s.add(m, strings.TrimSpace(p.Subject))
				n++
			case !change && p.Value != nil:
				s.add(*p.Value, strings.TrimSpace(p.Subject))
				n++
			default:
				continue
			}
			related = append(related, p.Loc)
		}
		if n == 0 {
			continue
		}
		what := "之和"
		if change {
			what = "增减额之和"
		}
		if cl.Exhaustive && n >= 2 && n == len(cl.Parts) {
			c.verdict(compare(whole, s), cl.Loc, whole, s,
				fmt.Sprintf("说明中%s%s，其中所列各项%s与之不符", claimName(cl), show(whole), what), related...)
			continue
		}
		if change {
			continue
		}
		// A partial list must not exceed its whole.
		if s.fen > whole.Fen && compare(whole, s) == differs {
			c.report(gongkai.Error, cl.Loc, fmt.Sprintf("说明中%s%s，但所列分项之和%s超过总数", claimName(cl), show(whole), showIn(s.fen, whole)),
				"不超过"+show(whole), s.expected(whole), related...)
		}
	}
}

// yearTotal returns the quantity a share's whole names. In a final
// account “总支出” and “总收入” are the year's (本年支出合计, 本年收入合计):
// its 支出总计 adds the 年末结转和结余 that was not spent, its 收入总计 the
// 年初结转和结余 that was not received in the year. Only a whole named a
// 总计 is the grand total there.
func yearTotal(r *gongkai.Report, cl *gongkai.Claim) gongkai.Quantity {
	if r.Kind != gongkai.Final || strings.Contains(cl.WholeSubject, "总计") {
		return cl.WholeQuantity
	}
	switch cl.WholeQuantity {
	case gongkai.QExpenditureTotal:
		return gongkai.QExpendYear
	case gongkai.QIncomeTotal:
		return gongkai.QIncomeYear
	}
	return cl.WholeQuantity
}

func proseShares(c *ctx) {
	for _, cl := range c.r.Claims {
		if cl.Kind != gongkai.CShare || cl.Percent == nil || cl.Value == nil {
			continue
		}
		if c.r.Kind == gongkai.Final && coverageSubject.MatchString(cl.Subject) {
			// "绩效自评…共涉及资金940.15万元，占一般公共预算项目支出总额的
			// 100%": the projects' budgets evaluated, a coverage rate, not a
			// share of the spending the tables print.
			continue
		}
		var whole gongkai.Money
		switch {
		case cl.Whole != nil:
			whole = *cl.Whole
		case cl.WholeQuantity != gongkai.QNone:
			if c.r.Kind == gongkai.Final && speaksOfBudget(cl.WholeSubject) {
				continue // a budget the final account does not print
			}
			w, ok := c.valueOf(nil, yearTotal(c.r, cl))
			if !ok {
				if w, ok = c.valueOf(nil, cl.WholeQuantity); !ok {
					continue
				}
			}
			whole = w
		default:
			continue
		}
		if whole.Fen <= 0 {
			continue
		}
		lo, hi, ok := ratioRange(*cl.Value, whole)
		if !ok || percentFits(*cl.Percent, lo, hi) {
			continue
		}
		want, _ := exactPercent(cl.Value.Fen, whole.Fen, max(cl.Percent.P, 2))
		wholeName := cl.WholeSubject
		if wholeName == "" {
			wholeName = "总数"
		}
		c.report(c.percentSeverity(*cl.Percent, cl.Value.Fen, whole.Fen), cl.Loc,
			fmt.Sprintf("说明中%s%s占%s%s的比例应为%s，文中为%s", claimName(cl), show(*cl.Value), chineseQuotes(wholeName), show(whole), pct(want), pct(*cl.Percent)),
			pct(want), pct(*cl.Percent))
	}
}

func proseChanges(c *ctx) {
	for _, cl := range c.r.Claims {
		if cl.Kind != gongkai.CChange || cl.Percent == nil || cl.Change == nil || cl.Direction == 0 {
			continue
		}
		cur, ok := c.valueOf(cl.Value, cl.Quantity)
		if !ok {
			continue
		}
		if cl.Value == nil && cl.Quantity != gongkai.QNone && c.r.Kind == gongkai.Final && speaksOfBudget(cl.Subject) {
			continue
		}
		a := *cl.Change
		prev := cur
		prev.Fen = cur.Fen - int64(cl.Direction)*a.Fen
		if u := a.Ulp(); u > prev.Ulp() {
			prev.Places = a.Places
		}
		if prev.Fen <= 0 {
			continue
		}
		// B = A / prev, with prev = cur ∓ A: widen prev by both roundings.
		lo, hi, ok := changeRange(cur, a, cl.Direction)
		if !ok || percentFits(*cl.Percent, lo, hi) {
			continue
		}
		want, _ := exactPercent(a.Fen, prev.Fen, max(cl.Percent.P, 2))
		verb := "增长"
		if cl.Direction < 0 {
			verb = "下降"
		}
		c.report(c.percentSeverity(*cl.Percent, a.Fen, prev.Fen), cl.Loc,
			fmt.Sprintf("说明中%s本年%s、比上年变动%s，上年应为%s，%s率应为%s，文中为%s", claimName(cl), show(cur), show(a), showIn(prev.Fen, cur), verb, pct(want), pct(*cl.Percent)),
			pct(want), pct(*cl.Percent))
	}
}

// percentSeverity is the rule's severity for a percentage that does not
// fit, or Info when it is within one unit of its last digit of the exact
// ratio (truncated instead of rounded, a rounding-level difference).
func (c *ctx) percentSeverity(printed gongkai.Fixed, num, den int64) gongkai.Severity {
	exact := new(big.Rat).SetFrac64(num, den)
	exact.Mul(exact, big.NewRat(100, 1))
	d := new(big.Rat).Sub(printed.Rat(), exact)
	ulp := new(big.Rat).Mul(printed.HalfUlp(), big.NewRat(2, 1))
	if d.Abs(d).Cmp(ulp) < 0 {
		return gongkai.Info
	}
	return c.rule.Severity
}

// changeRange is the range of A / (cur − dir·A) × 100 over the rounding of cur and A.
func changeRange(cur, a gongkai.Money, dir int) (*big.Rat, *big.Rat, bool) {
	c0, c1 := bounds(cur)
	a0, a1 := bounds(a)
	if a0.Sign() < 0 {
		a0 = new(big.Rat)
	}
	hundred := big.NewRat(100, 1)
	var vals []*big.Rat
	for _, cv := range []*big.Rat{c0, c1} {
		for _, av := range []*big.Rat{a0, a1} {
			prev := new(big.Rat).Sub(cv, new(big.Rat).Mul(big.NewRat(int64(dir), 1), av))
			if prev.Sign() <= 0 {
				return nil, nil, false
			}
			vals = append(vals, new(big.Rat).Mul(new(big.Rat).Quo(av, prev), hundred))
		}
	}
	lo, hi := vals[0], vals[0]
	for _, v := range vals[1:] {
		if v.Cmp(lo) < 0 {
			lo = v
		}
		if v.Cmp(hi) > 0 {
			hi = v
		}
	}
	return lo, hi, true
}

func proseCompletion(c *ctx) {
	for _, cl := range c.r.Claims {
		if cl.Kind != gongkai.CCompletion || cl.Percent == nil || cl.Value == nil || cl.Whole == nil || cl.Whole.Fen <= 0 {
			continue
		}
		lo, hi, ok := ratioRange(*cl.Value, *cl.Whole)
		if !ok || percentFits(*cl.Percent, lo, hi) {
			continue
		}
		want, _ := exactPercent(cl.Value.Fen, cl.Whole.Fen, max(cl.Percent.P, 2))
		c.report(c.percentSeverity(*cl.Percent, cl.Value.Fen, cl.Whole.Fen), cl.Loc,
			fmt.Sprintf("说明中%s决算%s、预算%s，完成率应为%s，文中为%s", claimName(cl), show(*cl.Value), show(*cl.Whole), pct(want), pct(*cl.Percent)),
			pct(want), pct(*cl.Percent))
	}
}

// Prose against tables.

var coverageSubject = regexp.MustCompile(`涉及(资金|金额)|覆盖`)

// fundNames are the funds whose names hold 预算 without speaking of a stage.
var fundNames = strings.NewReplacer("一般公共预算", "", "政府性基金预算", "", "国有资本经营预算", "", "社会保险基金预算", "")

// speaksOfBudget reports whether a subject speaks of the budget stage
// ("年初预算", "支出预算") rather than only of a fund ("一般公共预算财政拨款支出").
func speaksOfBudget(s string) bool {
	return strings.Contains(s, "预算") && strings.Contains(fundNames.Replace(s), "预算")
}

// claimStage says whether a claim states a budget or a final figure.
func (c *ctx) claimStage(cl *gongkai.Claim) gongkai.Role {
	final := func(s string) bool {
		return strings.Contains(s, "决算") || strings.Contains(s, "实际") || strings.Contains(s, "执行数")
	}
	budget := speaksOfBudget(cl.Subject)
	switch {
	case final(cl.Subject) || final(cl.Text) && !budget:
		return gongkai.RFinal
	case budget && c.r.Kind == gongkai.Final:
		return gongkai.RBudget
	}
	return c.r.StageRole()
}

func proseVsTables(c *ctx) {
	for _, cl := range c.r.Claims {
		if cl.Kind != gongkai.CAmount || cl.Value == nil {
			continue
		}
		if cl.Quantity == gongkai.QNone {
			c.classVsTable(cl)
			continue
		}
		sts := c.r.TableStatements(cl.Quantity)
		if len(sts) == 0 {
			continue
		}
		stage := c.claimStage(cl)
		var best *gongkai.Statement
		var bestV verdict = differs + 1
		for i := range sts {
			s := sts[i]
			if alt := stageCell(s, stage); alt != nil {
				s.Value, s.Loc = *alt.Money, alt.Loc
			} else if stage == gongkai.RBudget && c.r.Kind == gongkai.Final && hasStageCells(s) {
				continue
			}
			v := compareMoney(*cl.Value, s.Value)
			if cell := cellAt(s); v == differs && cell != nil && cell.Clipped && truncates(cl.Value.Fen, s.Value) {
				v = clipped
			}
			if v < bestV {
				bestV, best = v, &sts[i]
				best.Value, best.Loc = s.Value, s.Loc
			}
		}
		if best == nil || bestV == equal || bestV == clipped {
			continue
		}
		var want sum
		want.add(best.Value, best.Where())
		if bestV == rounding {
			c.verdict(rounding, cl.Loc, *cl.Value, want, fmt.Sprintf("说明中%s与%s略有差异", claimName(cl), best.Where()), best.Loc)
			continue
		}
		msg := fmt.Sprintf("说明中%s为%s，与%s的%s不一致", claimName(cl), show(*cl.Value), best.Where(), show(best.Value))
		if unitSlip(*cl.Value, best.Value) {
			msg += "（金额单位可能写错）"
		}
		c.report(gongkai.Error, cl.Loc, msg, show(best.Value), show(*cl.Value), best.Loc)
	}
}

func hasStageCells(s gongkai.Statement) bool {
	if s.Row == nil {
		return false
	}
	for _, c := range s.Row.Cells {
		if c.Role == gongkai.RBudget || c.Role == gongkai.RFinal {
			return true
		}
	}
	return false
}

func stageCell(s gongkai.Statement, stage gongkai.Role) *gongkai.Cell {
	if s.Row == nil {
		return nil
	}
	for i := range s.Row.Cells {
		if s.Row.Cells[i].Role == stage && s.Row.Cells[i].Money != nil {
			return &s.Row.Cells[i]
		}
	}
	return nil
}

// unitSlip reports whether two figures differ by exactly a factor of 10,000 (元 vs 万元).
func unitSlip(a, b gongkai.Money) bool {
	return a.Fen != 0 && b.Fen != 0 && (a.Fen == b.Fen*10000 || b.Fen == a.Fen*10000)
}

// classVsTable compares a figure the prose gives a classification line
// (by code or by name) with the function table.
func (c *ctx) classVsTable(cl *gongkai.Claim) {
	if cl.Code == "" && cl.Class == "" {
		return
	}
	stage := c.claimStage(cl)
	if c.r.Kind == gongkai.Final && stage != gongkai.RFinal {
		return // 年初预算 is not printed in the final-account tables
	}
	for _, k := range []gongkai.TableKind{gongkai.TGeneralFunction, gongkai.TExpenditure} {
		t := c.r.Table(k)
		if t == nil {
			continue
		}
		var row *gongkai.Row
		for _, r := range t.Rows {
			if cl.Code != "" && r.Code == cl.Code {
				row = r
				break
			}
			if cl.Code == "" && cl.Class != "" && normName(r.Name) == normName(cl.Class) && len(r.Code) == 7 {
				row = r
				break
			}
		}
		if row == nil {
			continue
		}
		cell := row.Cell(gongkai.RTotal)
		if cell == nil || cell.Money == nil {
			cell = amountOf(c, row)
		}
		if cell == nil {
			continue
		}
		v := compareMoney(*cl.Value, *cell.Money)
		if v == differs && cell.Clipped && truncates(cl.Value.Fen, *cell.Money) {
			return
		}
		var want sum
		want.add(*cell.Money, rowLabel(t, row))
		switch v {
		case equal:
		case rounding:
			c.verdict(rounding, cl.Loc, *cl.Value, want, fmt.Sprintf("说明中%s与%s略有差异", claimName(cl), rowLabel(t, row)), cell.Loc)
		default:
			c.report(gongkai.Error, cl.Loc, fmt.Sprintf("说明中%s为%s，与%s的%s不一致", claimName(cl), show(*cl.Value), rowLabel(t, row), show(*cell.Money)),
				show(*cell.Money), show(*cl.Value), cell.Loc)
		}
		return
	}
}

var levelSuffix = regexp.MustCompile(`[(（](类|款|项)[)）]`)

var normMemo memo.Memo[string]

// normName reduces a line name for matching: no list marker, no (类)/(款)/(项),
// no white space, folded.
func normName(s string) string {
	return normMemo.Get(s, func(s string) string {
		return extract.Compact(levelSuffix.ReplaceAllString(extract.StripListMarker(extract.Fold(s)), ""))
	})
}

// Identities among prose figures.

func proseIdentities(c *ctx) {
	pairs := [][2]gongkai.Quantity{{gongkai.QIncomeTotal, gongkai.QExpenditureTotal}}
	if c.r.Kind == gongkai.Budget {
		pairs = append(pairs, [2]gongkai.Quantity{gongkai.QFiscalIncome, gongkai.QFiscalExpend})
	}
	for _, p := range pairs {
		as, bs := c.r.ProseStatements(p[0]), c.r.ProseStatements(p[1])
		if len(as) == 0 || len(bs) == 0 {
			continue
		}
		a, b := as[0], bs[0]
		var s sum
		s.add(a.Value, p[0].Name())
		c.verdict(compare(b.Value, s), b.Loc, b.Value, s,
			fmt.Sprintf("说明中%s（%s）与%s（%s）应相等", p[1].Name(), show(b.Value), p[0].Name(), show(a.Value)), a.Loc)
	}
}

// consistentQuantities are the figures a disclosure states once for the
// whole department, so two different values in the prose contradict.
var consistentQuantities = map[gongkai.Quantity]bool{
	gongkai.QIncomeTotal: true, gongkai.QExpenditureTotal: true, gongkai.QBasic: true, gongkai.QProject: true,
	gongkai.QThreeCosts: true, gongkai.QAbroad: true, gongkai.QCar: true, gongkai.QCarPurchase: true,
	gongkai.QCarOperation: true, gongkai.QReception: true, gongkai.QOperatingCosts: true,
	gongkai.QProcurement: true, gongkai.QFiscalIncome: true, gongkai.QFiscalExpend: true, gongkai.QGeneralExpend: true,
}

// scopeWords say a figure covers only part of the money (一般公共预算, 财政拨款).
var scopeWords = regexp.MustCompile(`一般公共预算|财政拨款|本级|当年|年初|全年|调整`)

func proseConsistency(c *ctx) {
	byQ := map[gongkai.Quantity][]*gongkai.Claim{}
	var order []gongkai.Quantity
	for _, cl := range c.r.Claims {
		if cl.Kind != gongkai.CAmount || cl.Value == nil || cl.Quantity == gongkai.QNone {
			continue
		}
		if _, ok := byQ[cl.Quantity]; !ok {
			order = append(order, cl.Quantity)
		}
		byQ[cl.Quantity] = append(byQ[cl.Quantity], cl)
	}
	for _, q := range order {
		if !consistentQuantities[q] || len(c.r.TableStatements(q)) > 0 {
			continue // prose.table compares each with the tables
		}
		cls := byQ[q]
		first := cls[0]
		for _, other := range cls[1:] {
			if scopeWords.FindString(first.Subject) != scopeWords.FindString(other.Subject) ||
				c.claimStage(first) != c.claimStage(other) {
				continue
			}
			var s sum
			s.add(*first.Value, claimName(first))
			v := compare(*other.Value, s)
			if v == equal {
				continue
			}
			c.verdict(v, other.Loc, *other.Value, s,
				fmt.Sprintf("说明中%s前后不一致：第%d行为%s，此处为%s", q.Name(), first.Loc.Line, show(*first.Value), show(*other.Value)), first.Loc)
		}
	}
}
