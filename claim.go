package gongkai

// Quantity names a figure a disclosure states, in prose or in a table, so the
// same figure can be compared wherever it appears.
type Quantity string

// The named quantities.
const (
	QNone             Quantity = ""
	QIncomeTotal      Quantity = "income_total"       // 收入总计 / 收入预算 / 总收入
	QExpenditureTotal Quantity = "expenditure_total"  // 支出总计 / 支出预算 / 总支出
	QIncomeYear       Quantity = "income_year"        // 本年收入（合计）
	QExpendYear       Quantity = "expend_year"        // 本年支出（合计）
	QFiscalIncome     Quantity = "fiscal_income"      // 财政拨款收入
	QFiscalExpend     Quantity = "fiscal_expend"      // 财政拨款支出
	QGeneral          Quantity = "general"            // 一般公共预算（财政拨款）收入
	QGeneralExpend    Quantity = "general_expend"     // 一般公共预算财政拨款支出
	QFund             Quantity = "fund"               // 政府性基金
	QFundExpend       Quantity = "fund_expend"        // 政府性基金预算财政拨款支出
	QCapitalExpend    Quantity = "capital_expend"     // 国有资本经营预算财政拨款支出
	QCapital          Quantity = "capital"            // 国有资本经营
	QCarryBegin       Quantity = "carry_begin"        // 上年结转 / 年初结转和结余
	QCarryEnd         Quantity = "carry_end"          // 结转下年 / 年末结转和结余
	QSpecial          Quantity = "special_account"    // 财政专户管理资金
	QService          Quantity = "service_income"     // 事业收入
	QOperating        Quantity = "operating"          // 经营收入
	QSuperior         Quantity = "superior"           // 上级补助收入
	QAffiliated       Quantity = "affiliated"         // 附属单位上缴收入
	QOther            Quantity = "other_income"       // 其他收入
	QBasic            Quantity = "basic"              // 基本支出
	QProject          Quantity = "project"            // 项目支出
	QPersonnel        Quantity = "personnel"          // 人员经费
	QPublic           Quantity = "public"             // 公用经费
	QThreeCosts       Quantity = "three_costs"        // "三公"经费
	QAbroad           Quantity = "abroad"             // 因公出国（境）费
	QCar              Quantity = "car"                // 公务用车购置及运行（维护）费
	QCarPurchase      Quantity = "car_purchase"       // 公务用车购置费
	QCarOperation     Quantity = "car_operation"      // 公务用车运行维护费
	QReception        Quantity = "reception"          // 公务接待费
	QMeeting          Quantity = "meeting"            // 会议费
	QTraining         Quantity = "training"           // 培训费
	QOperatingCosts   Quantity = "operating_costs"    // 机关运行经费
	QProcurement      Quantity = "procurement"        // 政府采购
	QProcureGoods     Quantity = "procure_goods"      // 政府采购货物
	QProcureWorks     Quantity = "procure_works"      // 政府采购工程
	QProcureServices  Quantity = "procure_services"   // 政府采购服务
	QProcureSME       Quantity = "procure_sme"        // 授予中小企业合同金额
	QProcureMicro     Quantity = "procure_micro"      // 授予小微企业合同金额
	QPerformance      Quantity = "performance_funds"  // 绩效目标管理涉及资金
	QPurchased        Quantity = "purchased_services" // 政府购买服务
	QAssets           Quantity = "assets_total"       // 资产总额
)

// QuantityNames gives the Chinese name used in findings.
var QuantityNames = map[Quantity]string{
	QIncomeTotal: "收入总计", QExpenditureTotal: "支出总计", QIncomeYear: "本年收入合计",
	QExpendYear: "本年支出合计", QFiscalIncome: "财政拨款收入", QFiscalExpend: "财政拨款支出",
	QGeneral: "一般公共预算财政拨款收入", QGeneralExpend: "一般公共预算财政拨款支出",
	QFund: "政府性基金预算财政拨款", QCapital: "国有资本经营预算财政拨款",
	QFundExpend: "政府性基金预算财政拨款支出", QCapitalExpend: "国有资本经营预算财政拨款支出",
	QCarryBegin: "上年结转（年初结转和结余）", QCarryEnd: "结转下年（年末结转和结余）",
	QSpecial: "财政专户管理资金", QService: "事业收入", QOperating: "经营收入",
	QSuperior: "上级补助收入", QAffiliated: "附属单位上缴收入", QOther: "其他收入",
	QBasic: "基本支出", QProject: "项目支出", QPersonnel: "人员经费", QPublic: "公用经费",
	QThreeCosts: "“三公”经费", QAbroad: "因公出国（境）费", QCar: "公务用车购置及运行维护费",
	QCarPurchase: "公务用车购置费", QCarOperation: "公务用车运行维护费", QReception: "公务接待费",
	QMeeting: "会议费", QTraining: "培训费", QOperatingCosts: "机关运行经费",
	QProcurement: "政府采购", QProcureGoods: "政府采购货物", QProcureWorks: "政府采购工程",
	QProcureServices: "政府采购服务", QProcureSME: "授予中小企业合同金额",
	QProcureMicro: "授予小微企业合同金额", QPerformance: "绩效目标管理涉及资金", QAssets: "资产总额", QPurchased: "政府购买服务",
}

// Name returns the Chinese name of q.
func (q Quantity) Name() string {
	if n, ok := QuantityNames[q]; ok {
		return n
	}
	return string(q)
}

// ClaimKind says what a prose statement asserts.
type ClaimKind string

// The kinds of claim.
const (
	// CAmount: a named quantity has a value ("基本支出1427.20万元").
	CAmount ClaimKind = "amount"
	// CParts: a whole and its parts ("…6797101.67元，其中：一般公共预算6411100元，…").
	CParts ClaimKind = "parts"
	// CShare: a part is X% of a whole ("占85.61%").
	CShare ClaimKind = "share"
	// CChange: a change on the previous year with amount and/or percent
	// ("比上年增加90.34万元，增长35.98%").
	CChange ClaimKind = "change"
	// CCompletion: final over budget ("完成年初预算的82.41%").
	CCompletion ClaimKind = "completion"
)

// Claim is one checkable number statement of the prose.
type Claim struct {
	Kind     ClaimKind `json:"kind"`
	Quantity Quantity  `json:"quantity,omitempty"`
	Subject  string    `json:"subject"`        // the words naming what is measured
	Code     string    `json:"code,omitempty"` // a classification code the subject names
	Value    *Money    `json:"value,omitempty"`
	// Parts are the "其中" parts of a CParts claim, each a CAmount claim.
	Parts []*Claim `json:"parts,omitempty"`
	// Percent is the printed percentage of CShare, CChange and CCompletion claims.
	Percent *Fixed `json:"percent,omitempty"`
	// Whole is the amount a share is taken of, when the sentence says it
	// (CShare), or the budget a completion rate is measured against (CCompletion).
	Whole *Money `json:"whole,omitempty"`
	// WholeSubject names the whole of a share ("“三公”经费", "本年支出合计"),
	// and WholeQuantity says which quantity that is, when known.
	WholeSubject  string   `json:"whole_subject,omitempty"`
	WholeQuantity Quantity `json:"whole_quantity,omitempty"`
	// Class names the classification line (类/款/项) the claim is about,
	// when the prose names one ("机关事业单位基本养老保险缴费支出(项)").
	Class string `json:"class,omitempty"`
	// Change is the printed amount of a CChange claim; Direction is +1 for
	// 增加/增长, -1 for 减少/下降, 0 for 持平.
	Change    *Money `json:"change,omitempty"`
	Direction int    `json:"direction,omitempty"`
	// Exhaustive is set on CParts claims whose parts are meant to add up to
	// the whole ("其中" lists); lists introduced by "主要用于" need not be.
	Exhaustive bool   `json:"exhaustive,omitempty"`
	Text       string `json:"text"` // the clause the claim was read from
	Loc        Loc    `json:"loc"`
}
