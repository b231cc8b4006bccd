package extract

import (
	"regexp"
	"strings"

	"gongkai"
	"gongkai/internal/memo"
)

type quantityPattern struct {
	re *regexp.Regexp
	q  gongkai.Quantity
}

func qp(expr string, q gongkai.Quantity) quantityPattern {
	return quantityPattern{regexp.MustCompile(expr), q}
}

// quantityPatterns name the quantities prose states. QuantityOf picks the
// match that ends nearest the end of the subject (the words right before
// the number), and among those the longest.
var quantityPatterns = []quantityPattern{
	qp(`"?三公"?经费`, gongkai.QThreeCosts),
	qp(`因公出国\(境\)(费用?|经费)?`, gongkai.QAbroad),
	qp(`(公务用车|公车)购置及运(行|维)(维护)?费?|公务用车购置和运行(维护)?费`, gongkai.QCar),
	qp(`(公务用车|公车)购置(费|支出)?`, gongkai.QCarPurchase),
	qp(`(公务用车|公车)?运行维护费|公务用车运行费`, gongkai.QCarOperation),
	qp(`公务接待费`, gongkai.QReception),
	qp(`会议费`, gongkai.QMeeting),
	qp(`培训费`, gongkai.QTraining),
	qp(`机关运行经费|(财政拨款)?运行经费`, gongkai.QOperatingCosts),
	qp(`政府采购(预算|支出)?(总额|合计)?|采购预算总额`, gongkai.QProcurement),
	qp(`政府采购货物(预算|支出)?|货物类采购(预算|支出)?|货物采购(预算|支出)?`, gongkai.QProcureGoods),
	qp(`政府采购工程(预算|支出)?|工程类采购(预算|支出)?|工程采购(预算|支出)?`, gongkai.QProcureWorks),
	qp(`政府采购服务(预算|支出)?|服务类采购(预算|支出)?|服务采购(预算|支出)?`, gongkai.QProcureServices),
	qp(`授予中小企业(合同)?(金额)?`, gongkai.QProcureSME),
	qp(`授予小微企业(合同)?(金额)?`, gongkai.QProcureMicro),
	qp(`人员经费`, gongkai.QPersonnel),
	qp(`(日常)?公用经费`, gongkai.QPublic),
	qp(`基本支出`, gongkai.QBasic),
	qp(`项目支出`, gongkai.QProject),
	qp(`财政拨款(收入)?$|财政拨款收入`, gongkai.QFiscalIncome),
	qp(`财政拨款(安排)?(的)?支出`, gongkai.QFiscalExpend),
	qp(`一般公共预算(财政)?(拨款)?(安排)?(的)?支出`, gongkai.QGeneralExpend),
	qp(`一般(公共)?预算(财政)?(拨款)?(收入|资金)?`, gongkai.QGeneral),
	qp(`政府性基金(预算)?(财政)?(拨款)?(收入|资金)?|^基金预算(收入|拨款)`, gongkai.QFund),
	qp(`政府性基金(预算)?(财政)?(拨款)?(安排)?(的)?支出`, gongkai.QFundExpend),
	qp(`国有资本经营(预算)?(财政)?(拨款)?(安排)?(的)?支出`, gongkai.QCapitalExpend),
	qp(`国有资本经营(预算|收益)?(财政)?(拨款)?(收益|收入|资金)?`, gongkai.QCapital),
	qp(`涉及.*(资金|拨款)$`, gongkai.QPerformance),
	qp(`上年结(余)?转(结余)?(收入|资金)?|年初结转和?结余`, gongkai.QCarryBegin),
	qp(`结转下年|年末结转和?结余`, gongkai.QCarryEnd),
	qp(`其他(来源)?收入(资金)?|其它来源收入|其他资金`, gongkai.QOther),
	qp(`事业收入(资金)?`, gongkai.QService),
	qp(`上级补助(收入)?(资金)?`, gongkai.QSuperior),
	qp(`附属单位上缴(收入)?(资金)?`, gongkai.QAffiliated),
	qp(`(事业单位)?经营收入(资金)?`, gongkai.QOperating),
	qp(`财政专户(管理|核拨)?(资金)?(收入)?`, gongkai.QSpecial),
	qp(`本年收入(合计)?`, gongkai.QIncomeYear),
	qp(`本年支出(合计)?`, gongkai.QExpendYear),
	qp(`总收入|收入总计|收入预算(总额|总计)?|收入合计|收入总额|收支总预算|收入、?支出总计|收支(预算)?总计|收支总额|预算收入|收支(预算)?安排|预算收支|收入、?支出总计`, gongkai.QIncomeTotal),
	qp(`总支出|支出总计|支出预算(总额|总计)?|支出合计|支出总额|预算总额|预算支出`, gongkai.QExpenditureTotal),
	qp(`资产总额`, gongkai.QAssets),
	qp(`政府购买服务(预算|支出)?(合计|总额)?`, gongkai.QPurchased),
}

// weak quantities are named by generic words that often follow a more
// specific name ("因公出国（境）费预算支出").
var weak = map[gongkai.Quantity]bool{gongkai.QIncomeTotal: true, gongkai.QExpenditureTotal: true}

// genericTail is what prose puts between a quantity's name and its figure
// ("会议费预算支出", "基本支出决算数为").
var genericTail = regexp.MustCompile(`(预算支出|决算支出|支出预算|支出决算|预算数|决算数|预算|决算|支出|安排|为|是|数|金额|共计|合计|总额)+$`)

var quantityMemo memo.Memo[gongkai.Quantity]

// QuantityOf names the quantity a subject phrase speaks of, or QNone.
func QuantityOf(subject string) gongkai.Quantity { return quantityMemo.Get(subject, quantityOf) }

// weakFiller is what may stand before a weak quantity's words: the
// department, the year, "本部门".
var weakFiller = regexp.MustCompile(`^(本部门|部门|本单位|单位|本局|我局|我部门|全局|全年|年度|本级|本年|的|财务|预算|综合|收支|年初|\d{4}年度?|[(（][^()（）]*[)）])*$`)

func quantityOf(subject string) gongkai.Quantity {
	q := quantityOfUnchecked(subject)
	if weak[q] {
		// "本单位上级专项转移支付支出预算" is not the department's total.
		c := Compact(subject)
		if loc := weakNames.FindStringIndex(c); loc != nil && !weakFiller.MatchString(c[:loc[0]]) {
			return gongkai.QNone
		}
	}
	return q
}

// weakNames are the generic words that name a weak quantity.
var weakNames = regexp.MustCompile(`总收入|收入总计|收入预算|收入合计|收入总额|收支总预算|收入、?支出总计|收支(预算)?总计|收支总额|预算收入|收支(预算)?安排|预算收支|总支出|支出总计|支出预算|支出合计|支出总额|预算总额|预算支出`)

func quantityOfUnchecked(subject string) gongkai.Quantity {
	c := Compact(subject)
	if strings.Contains(c, "涉及") {
		return gongkai.QPerformance // "共涉及资金…": funds under performance management
	}
	if q, end := quantityMatch(c); q != gongkai.QNone && end == len(c) && !weak[q] {
		return q
	}
	if t := genericTail.ReplaceAllString(c, ""); t != c && t != "" {
		if q := quantityIn(t); q != gongkai.QNone {
			return q
		}
	}
	return quantityIn(c)
}

func quantityIn(c string) gongkai.Quantity {
	best, bestEnd := quantityMatch(c)
	return quantityTail(c, best, bestEnd)
}

// headNouns are quantities that name what is spent; the funding source
// words around them ("财政拨款", "一般公共预算") only qualify them:
// "“三公”经费财政拨款支出决算" is about “三公”经费.
var headNouns = map[gongkai.Quantity]bool{
	gongkai.QThreeCosts: true, gongkai.QAbroad: true, gongkai.QCar: true, gongkai.QCarPurchase: true,
	gongkai.QCarOperation: true, gongkai.QReception: true, gongkai.QMeeting: true, gongkai.QTraining: true,
	gongkai.QOperatingCosts: true, gongkai.QProcurement: true, gongkai.QProcureGoods: true,
	gongkai.QProcureWorks: true, gongkai.QProcureServices: true, gongkai.QProcureSME: true,
	gongkai.QProcureMicro: true, gongkai.QBasic: true, gongkai.QProject: true, gongkai.QPersonnel: true,
	gongkai.QPublic: true, gongkai.QPurchased: true, gongkai.QAssets: true,
	gongkai.QFundExpend: true, gongkai.QCapitalExpend: true,
}

// quantityMatch finds the quantity whose name ends last in c (the longest
// among those), and where it ends.
func quantityMatch(c string) (gongkai.Quantity, int) {
	best, bestEnd, bestLen := gongkai.QNone, -1, 0
	bestHead := false
	for _, p := range quantityPatterns {
		for _, m := range p.re.FindAllStringIndex(c, -1) {
			end, n := m[1], m[1]-m[0]
			if n == 0 {
				continue
			}
			head := headNouns[p.q]
			if head && !bestHead || head == bestHead && (end > bestEnd || (end == bestEnd && n > bestLen)) {
				best, bestEnd, bestLen, bestHead = p.q, end, n, head
			}
		}
	}
	return best, bestEnd
}

func quantityTail(c string, best gongkai.Quantity, bestEnd int) gongkai.Quantity {
	// The words after the match must not turn it into something else
	// ("基本支出增加" is handled by the caller; "项目支出绩效" is not spending).
	if best != gongkai.QNone && bestEnd < len(c) {
		rest := c[bestEnd:]
		if !trailingOK.MatchString(rest) {
			return gongkai.QNone
		}
	}
	return best
}

// trailingOK is what may follow a quantity name before its number.
var trailingOK = regexp.MustCompile(`^(各|财政拨款|一般公共预算|拨款|的|为|是|共|达|计|合计|共计|总计|总额|预算|预算数|预算为|决算|决算数|决算为|支出|支出为|安排|安排为|金额|数|额|资金|经费|收入|拨款|数为|总额为|支出决算|支出预算|预算支出|决算支出|年初预算数|全年预算数|\(类\)|\(款\)|\(项\)|共计安排|合计为|预算安排|支出决算为|支出预算为)*$`)
