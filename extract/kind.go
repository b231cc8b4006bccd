package extract

import (
	"regexp"
	"strings"

	"gongkai"
	"gongkai/internal/memo"
)

type kindPattern struct {
	re   *regexp.Regexp
	kind gongkai.TableKind
}

func kp(expr string, k gongkai.TableKind) kindPattern {
	return kindPattern{regexp.MustCompile(expr), k}
}

// titleKinds are tried in order against the compacted title; the more
// specific come first ("一般公共预算基本支出表" before "支出表").
var titleKinds = []kindPattern{
	kp(`统计数|统计表$`, gongkai.TUnknown),
	kp(`三公`, gongkai.TThreeCosts),
	kp(`机关运行经费`, gongkai.TOperatingCosts),
	kp(`政府购买服务`, gongkai.TPurchasedServices),
	kp(`政府采购`, gongkai.TProcurement),
	kp(`绩效自评|自评表`, gongkai.TSelfEvaluation),
	kp(`整体(支出)?绩效|职责.{0,4}(工作)?活动.{0,4}绩效|部门绩效目标`, gongkai.TDeptTargets),
	kp(`绩效目标|绩效指标`, gongkai.TProjectTargets),
	kp(`转移支付`, gongkai.TTransfer),
	kp(`资产`, gongkai.TAssets),
	kp(`政府性基金`, gongkai.TGovFund),
	kp(`国有资本经营`, gongkai.TStateCapital),
	kp(`财政拨款收(入)?支(出)?(预算|决算)?总`, gongkai.TFiscalTotal),
	kp(`收(入)?支(出)?(预算|决算)?总|收支总体情况|财务收支`, gongkai.TTotal),
	kp(`收入(预算|决算)?(总)?表|收入预算|收入决算`, gongkai.TIncome),
	kp(`基本支出.*功能分类|功能分类.*基本支出`, gongkai.TBasicFunction),
	kp(`(一般公共预算|财政拨款).*基本支出`, gongkai.TGeneralBasic),
	kp(`(一般公共预算|财政拨款).*支出.*经济分类|(一般公共预算|财政拨款).*经济分类.*支出`, gongkai.TGeneralEconomic),
	kp(`基本支出`, gongkai.TBasicEconomic),
	kp(`项目支出(预算|决算)?(明细)?表|项目支出`, gongkai.TProjectList),
	kp(`一般公共预算.*支出|一般公共预算财政拨款支出`, gongkai.TGeneralFunction),
	kp(`支出(预算|决算)?(总)?表|支出预算|支出决算`, gongkai.TExpenditure),
}

var kindMemo memo.Memo[gongkai.TableKind]

// KindOfTitle says what a table is from its title, or TUnknown.
func KindOfTitle(title string) gongkai.TableKind { return kindMemo.Get(title, kindOfTitle) }

func kindOfTitle(title string) gongkai.TableKind {
	c := Compact(stripMarkup(title))
	for _, p := range titleKinds {
		if p.re.MatchString(c) {
			return p.kind
		}
	}
	return gongkai.TUnknown
}

// kindOfHeader guesses a table's kind from its header when the title says
// nothing: the columns and the first names tell most tables apart.
func kindOfHeader(labels []string, names []string) gongkai.TableKind {
	all := Compact(strings.Join(labels, "|"))
	first := Compact(strings.Join(names, "|"))
	switch {
	case strings.Contains(all, "因公出国") && strings.Contains(all, "公务接待"):
		return gongkai.TThreeCosts
	case strings.Contains(first, "因公出国") && strings.Contains(first, "公务接待"):
		return gongkai.TThreeCosts
	case strings.Contains(all, "收入") && strings.Contains(all, "支出") && strings.Contains(all, "项目"):
		if strings.Contains(all, "财政拨款") {
			return gongkai.TFiscalTotal
		}
		return gongkai.TTotal
	case strings.Contains(all, "上级补助收入") || strings.Contains(all, "事业收入"):
		return gongkai.TIncome
	case strings.Contains(all, "人员经费") && strings.Contains(all, "公用经费") && !strings.Contains(all, "项目支出"):
		return gongkai.TGeneralBasic
	case strings.Contains(all, "基本支出") && strings.Contains(all, "项目支出"):
		return gongkai.TExpenditure
	}
	return gongkai.TUnknown
}

// isFinancial reports whether a kind of table is a table of money by
// classification, read with headers, roles and codes; the others (targets,
// self-evaluation, assets …) are read as plain rows of text.
func isFinancial(k gongkai.TableKind) bool {
	switch k {
	case gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
		gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TBasicEconomic, gongkai.TGeneralEconomic, gongkai.TBasicFunction,
		gongkai.TProjectList, gongkai.TThreeCosts, gongkai.TGovFund, gongkai.TStateCapital,
		gongkai.TOperatingCosts, gongkai.TProcurement, gongkai.TPurchasedServices, gongkai.TTransfer:
		return true
	}
	return false
}
