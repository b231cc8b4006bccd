package extract

import (
	"regexp"
	"strings"

	"gongkai"
	"gongkai/internal/memo"
)

type rolePattern struct {
	re   *regexp.Regexp
	role gongkai.Role
}

func rp(expr string, r gongkai.Role) rolePattern { return rolePattern{regexp.MustCompile(expr), r} }

// segmentRoles are tried against one compacted header segment, in order.
var segmentRoles = []rolePattern{
	rp(`^(行次|栏次|序号)$`, gongkai.RLineNo),
	rp(`项目支出不可预见费`, gongkai.RContingency),
	rp(`上缴上级(支出)?`, gongkai.RRemit),
	rp(`对附属单位补助(支出)?|附属单位补助支出`, gongkai.RSubsidy),
	rp(`^(事业单位)?经营支出$`, gongkai.RBusiness),
	rp(`^(基本(保障)?支出)(合计|小计)?$|^基本支出`, gongkai.RBasic),
	rp(`^项目支出(合计|小计)?$|^项目支出|^专项(业务)?(经费)?支出$|^特定目标类项目支出`, gongkai.RProject),
	rp(`人员(经费|支出)`, gongkai.RPersonnel),
	rp(`公用(经费|支出)`, gongkai.RPublic),
	rp(`^经常性项目`, gongkai.RRecurring),
	rp(`^当年一次性项目`, gongkai.ROneOff),
	rp(`^跨年一次性项目`, gongkai.RMultiYear),
	rp(`使用非财政拨款结余`, gongkai.RNonFiscalUse),
	rp(`年初(财政拨款)?结转和?结余|上年结转|上年结余`, gongkai.RCarryBegin),
	rp(`年末(财政拨款)?结转和?结余|结转下年`, gongkai.RCarryEnd),
	rp(`^一般公共预算`, gongkai.RGeneral),
	rp(`^政府性基金`, gongkai.RFund),
	rp(`^国有资本经营`, gongkai.RCapital),
	rp(`^财政专户`, gongkai.RSpecial),
	rp(`^单位资金`, gongkai.RUnitFunds),
	rp(`^财政拨款(收入)?$`, gongkai.RFiscal),
	rp(`^上级补助收入`, gongkai.RSuperior),
	rp(`^事业收入`, gongkai.RService),
	rp(`^(事业单位)?经营收入`, gongkai.ROperating),
	rp(`^附属单位上缴收入`, gongkai.RAffiliated),
	rp(`^其他收入`, gongkai.ROther),
	rp(`^(\d{4}年)?年初预算(数)?$|^年初预算`, gongkai.RInitialBudget),
	rp(`^(\d{4}年)?(全年预算|调整(后)?预算|预算调整)(数)?$`, gongkai.RAdjustedBudget),
	rp(`^上年(预算|决算|执行)?数?$|^上年`, gongkai.RPrior),
	rp(`^(本年)?(决算|执行|全年执行)数?$|实际(完成|支出)`, gongkai.RFinal),
	rp(`^(本年)?预算(数|金额)?$|^当年预算|^预算安排`, gongkai.RBudget),
	rp(`^增减(额|变化)?$|^比上年增减`, gongkai.RChange),
	rp(`(增减|增长|执行|完成)率|^占比|比重|%$`, gongkai.RRate),
	rp(`面向中小企业|授予中小企业`, gongkai.RSME),
	rp(`面向小微企业|授予小微企业`, gongkai.RMicro),
	rp(`^(采购)?数量$`, gongkai.RQuantity),
	rp(`^单价`, gongkai.RPrice),
	rp(`^(本年)?(支出|收入)?(合计|小计|总计)$|^本年(支出|收入)合计|^合计`, gongkai.RTotal),
	rp(`^(金额|数额|资金|支出|收入)$|金额(\(|（|$)|^价值|决算数|^机关运行经费`, gongkai.RAmount),
}

var leadingYear = regexp.MustCompile(`^(\d{4})年度?`)

// roleOfSegment returns the role a single header segment names. A segment
// that starts with a year ("2023年预算数") is the prior year's figure when the
// year is before the report's year, and the current figure otherwise.
func roleOfSegment(seg string, year int) gongkai.Role {
	return roleMemo.Get(itoa(year)+"|"+seg, func(string) gongkai.Role { return roleOfSegmentUncached(seg, year) })
}

var roleMemo memo.Memo[gongkai.Role]

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [12]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func roleOfSegmentUncached(seg string, year int) gongkai.Role {
	c := Compact(seg)
	if c == "" {
		return gongkai.RNone
	}
	if m := leadingYear.FindStringSubmatch(c); m != nil && len(c) > len(m[0]) {
		if y := atoi(m[1]); year > 0 && y < year {
			return gongkai.RPrior
		}
		c = c[len(m[0]):]
	}
	for _, p := range segmentRoles {
		if p.re.MatchString(c) {
			return p.role
		}
	}
	return gongkai.RNone
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return n
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// generic roles say only that a column is a sum or an amount; a more
// specific segment above them decides what it is the sum of.
func isGenericRole(r gongkai.Role) bool {
	return r == gongkai.RTotal || r == gongkai.RAmount || r == gongkai.RNone ||
		r == gongkai.RBudget || r == gongkai.RFinal
}

// RoleOf returns the role of a column from its header segments, top first.
// The lowest segment decides, unless it is generic ("小计", "合计", "金额")
// under a specific one ("基本支出/小计" is basic, "本年支出/合计" is total).
func RoleOf(segments []string, year int) gongkai.Role {
	return roleIn(segments, year, gongkai.TUnknown)
}

// roleIn is RoleOf for a column of a table of kind k. A heading that names
// the fund the whole table is about (一般公共预算支出 over 合计|基本支出|项目支出
// in a 一般公共预算支出表, 财政拨款收入 over 预算数 in a 财政拨款收支总表)
// says where all its money comes from, not which column this is: it does not
// decide the role of a column that has a label of its own below it.
func roleIn(segments []string, year int, k gongkai.TableKind) gongkai.Role {
	roles := make([]gongkai.Role, len(segments))
	own := ownRole(k)
	for i, s := range segments {
		roles[i] = roleOfSegment(s, year)
		if i < len(segments)-1 && own != gongkai.RNone && roles[i] == own {
			roles[i] = gongkai.RNone
		}
	}
	for i := len(roles) - 1; i >= 0; i-- {
		r := roles[i]
		if r == gongkai.RNone {
			continue
		}
		if !isGenericRole(r) {
			return r
		}
		for j := i - 1; j >= 0; j-- {
			if p := roles[j]; p != gongkai.RNone && !isGenericRole(p) {
				return p
			}
		}
		return r
	}
	return gongkai.RNone
}

// ownRole returns the fund a table of kind k holds throughout, RNone when
// its columns may hold several.
func ownRole(k gongkai.TableKind) gongkai.Role {
	switch k {
	case gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TGeneralEconomic, gongkai.TBasicFunction:
		return gongkai.RGeneral
	case gongkai.TGovFund:
		return gongkai.RFund
	case gongkai.TStateCapital:
		return gongkai.RCapital
	case gongkai.TFiscalTotal:
		return gongkai.RFiscal
	}
	return gongkai.RNone
}

var (
	codeLabel     = regexp.MustCompile(`(编码|代码|编号)$|^科目编码|^单位编码|^功能分类科目代码|^项目编码`)
	codePartLabel = regexp.MustCompile(`^(编码|代码|科目)?(类|款|项)$`)
	lineNoLabel   = regexp.MustCompile(`^(行次|栏次|序号)$`)
	nameLabel     = regexp.MustCompile(`名称|^项目(\(|（|$)|^(收入|支出)项目$|^科目$|^(支出)?(功能|经济)(分类)?科目$|^收入$|^支出$|^政府采购支出信息$`)
)

// columnClass says what a column holds.
type columnClass int

const (
	colValue columnClass = iota
	colCode
	colCodePart
	colName
	colLineNo
	colText
)

// classOf decides the class of a column from its header segments.
func classOf(segments []string) columnClass {
	if len(segments) == 0 {
		return colValue
	}
	return classMemo.Get(segments[len(segments)-1], classOfLast)
}

var classMemo memo.Memo[columnClass]

func classOfLast(seg string) columnClass {
	last := Compact(seg)
	switch {
	case codePartLabel.MatchString(last):
		return colCodePart
	case codeLabel.MatchString(last):
		return colCode
	case strings.Contains(last, "项目支出") || strings.Contains(last, "收入合计") || strings.Contains(last, "支出合计"):
		return colValue
	case nameLabel.MatchString(last):
		return colName
	case lineNoLabel.MatchString(last):
		return colLineNo
	}
	return colValue
}
