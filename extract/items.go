package extract

import (
	"regexp"
	"strings"

	"gongkai"
	"gongkai/internal/memo"
)

// itemPattern maps a row name to what the row is.
type itemPattern struct {
	re   *regexp.Regexp
	item gongkai.Item
}

func ip(expr string, it gongkai.Item) itemPattern {
	return itemPattern{regexp.MustCompile(expr), it}
}

// itemPatterns are tried in order against the compacted row name with its
// list marker and a leading "其中：" removed.
var itemPatterns = []itemPattern{
	ip(`^(本年|当年)收入(合计|小计)?$|^收入本年合计$`, gongkai.IIncomeYear),
	ip(`^(本年|当年)支出(合计|小计)?$|^支出本年合计$`, gongkai.IExpendYear),
	ip(`^(收入)?总计$|^收入合计$|^收入总计$`, gongkai.IIncomeGrand),
	ip(`^支出(总计|合计)$`, gongkai.IExpendGrand),
	ip(`^(上年结(余)?转(结余)?(收入)?|年初(财政拨款)?结转和?结余|上年结转结余|上年结余、?结转|上年结转、?结余)(资金)?$`, gongkai.ICarryBegin),
	ip(`^(结转下年|年末(财政拨款)?结转和?结余|结转下年(结余)?)(资金)?$`, gongkai.ICarryEnd),
	ip(`^使用非财政拨款结余`, gongkai.INonFiscalUse),
	ip(`^结余分配$`, gongkai.IDistribution),
	ip(`^一般公共预算(财政)?(拨款)?(收入|资金|拨款)?$`, gongkai.IGeneral),
	ip(`^政府性基金预算(财政)?(拨款)?(收入|资金|拨款)?$`, gongkai.IFund),
	ip(`^国有资本经营(预算)?(财政)?(拨款)?(收入|资金|收益|拨款)?$`, gongkai.ICapital),
	ip(`^财政专户(管理|核拨)资金(收入)?$`, gongkai.ISpecial),
	ip(`^单位资金(收入)?$`, gongkai.IUnitFunds),
	ip(`^事业收入(资金)?$`, gongkai.IService),
	ip(`^(事业单位)?经营收入(资金)?$`, gongkai.IOperating),
	ip(`^上级补助收入(资金)?$`, gongkai.ISuperior),
	ip(`^附属单位上缴收入(资金)?$`, gongkai.IAffiliated),
	ip(`^其他收入(资金)?$`, gongkai.IOther),
	ip(`^(合计|总计|小计)$`, gongkai.ITotal),
	ip(`^基本支出(合计)?$`, gongkai.IBasic),
	ip(`^项目支出(合计)?$`, gongkai.IProject),
	ip(`^人员经费(合计|支出)?$`, gongkai.IPersonnel),
	ip(`^(日常)?公用经费(合计|支出)?$`, gongkai.IPublic),
	ip(`^"?三公"?经费(合计|支出(合计)?)?$`, gongkai.IThreeTotal),
	ip(`^因公出国\(境\)(费用?|经费)?$`, gongkai.IAbroad),
	ip(`^(公务用车|公车)购置(及|和)运行(维护)?费?(用)?$|^公务用车费$`, gongkai.ICar),
	ip(`^(公务用车|公车)购置(费)?$`, gongkai.ICarPurchase),
	ip(`^(公务用车|公车)运行(维护)?费$|^公务用车运行维护费$`, gongkai.ICarOperation),
	ip(`^公务接待费(支出)?$`, gongkai.IReception),
	ip(`^政府采购(支出|预算)?合计$`, gongkai.IProcureTotal),
	ip(`^政府采购货物(支出|预算)?$`, gongkai.IProcureGoods),
	ip(`^政府采购工程(支出|预算)?$`, gongkai.IProcureWorks),
	ip(`^政府采购服务(支出|预算)?$`, gongkai.IProcureServices),
	ip(`^(政府采购)?授予中小企业合同金额$`, gongkai.IProcureSME),
	ip(`^(政府采购)?授予小微企业合同金额$`, gongkai.IProcureMicro),
	ip(`^(支出类别分类|部门预算支出经济分类|支出经济分类|政府预算支出经济分类|支出功能分类|按支出功能分类)$`, gongkai.IGroup),
}

var qizhong = regexp.MustCompile(`^(其中|含)\s*[:：]?\s*`)

// cleanName removes a list marker, "其中：" and white space, for matching.
func cleanName(name string) string {
	s := Fold(name)
	for i := 0; i < 3; i++ {
		t := StripListMarker(s)
		t = qizhong.ReplaceAllString(t, "")
		if t == s {
			break
		}
		s = t
	}
	return Compact(s)
}

var itemMemo memo.Memo[gongkai.Item]

// ItemOf says what an uncoded row with this name is.
func ItemOf(name string) gongkai.Item { return itemMemo.Get(name, itemOf) }

func itemOf(name string) gongkai.Item {
	c := cleanName(name)
	if c == "" {
		return gongkai.INone
	}
	for _, p := range itemPatterns {
		if p.re.MatchString(c) {
			return p.item
		}
	}
	return gongkai.INone
}

// isClassRowName reports whether an uncoded row of a totals table names a
// function class (it had a Chinese numeral and ends in 支出).
func isClassRowName(name string) bool {
	f := Fold(name)
	return HasListMarker(f) && strings.HasSuffix(Compact(f), "支出") &&
		ItemOf(name) == gongkai.INone
}

// unitNameEnds end the names of budget units
// (`(局|中心|本级|院|所|站|委员会|办公室|政府|队|馆|校|处|部)$`).
var unitNameEnds = []string{"局", "中心", "本级", "院", "所", "站", "委员会", "办公室", "政府", "队", "馆", "校", "处", "部"}

// isUnitRow reports whether a row names a budget unit rather than a
// classification (单位编码 044 / 044001 in some function tables).
func isUnitRow(code, name string) bool {
	if code != "" {
		if code[0] == '0' || code[0] == '1' || len(code) == 6 || len(code) > 7 {
			return true
		}
		return false
	}
	return !strings.Contains(name, "支出") && hasSuffixAny(Compact(name), unitNameEnds)
}
