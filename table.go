package gongkai

import "strings"

// TableKind says what a table is, whatever its number or exact title in the
// document (预算05表, 表二 and 公开05表 can all be the same kind).
type TableKind string

// The kinds of disclosure table.
const (
	TUnknown           TableKind = "unknown"
	TTotal             TableKind = "income_expenditure_total" // 部门收支总表 / 收入支出决算总表
	TIncome            TableKind = "income"                   // 部门收入总表 / 收入决算表
	TExpenditure       TableKind = "expenditure"              // 部门支出总表 / 支出决算表
	TFiscalTotal       TableKind = "fiscal_total"             // 财政拨款收支总表
	TGeneralFunction   TableKind = "general_function"         // 一般公共预算（财政拨款）支出表，按功能分类
	TGeneralBasic      TableKind = "general_basic"            // 一般公共预算（财政拨款）基本支出表，按经济分类
	TBasicEconomic     TableKind = "basic_economic"           // 部门基本支出表（全部资金），按经济分类
	TGeneralEconomic   TableKind = "general_economic"         // 一般公共预算支出表，按经济分类（基本和项目）
	TBasicFunction     TableKind = "basic_function"           // 一般公共预算基本支出表，按功能分类
	TProjectList       TableKind = "project_list"             // 项目支出表
	TThreeCosts        TableKind = "three_costs"              // "三公"经费支出表
	TGovFund           TableKind = "gov_fund"                 // 政府性基金预算支出表
	TStateCapital      TableKind = "state_capital"            // 国有资本经营预算支出表
	TOperatingCosts    TableKind = "operating_costs"          // 机关运行经费表
	TProcurement       TableKind = "procurement"              // 政府采购表
	TPurchasedServices TableKind = "purchased_services"       // 政府购买服务表
	TProjectTargets    TableKind = "project_targets"          // 项目支出绩效目标表
	TDeptTargets       TableKind = "department_targets"       // 部门整体绩效目标表
	TSelfEvaluation    TableKind = "self_evaluation"          // 项目支出绩效自评表
	TTransfer          TableKind = "transfer"                 // 转移支付表
	TAssets            TableKind = "assets"                   // 国有资产 / 新增资产配置表
)

// TableKindInfo describes a kind of table.
type TableKindInfo struct {
	Kind   TableKind
	Name   string // Chinese name as used in findings
	Budget string // the usual title in a budget disclosure
	Final  string // the usual title in a final-account disclosure
}

// TableKinds lists every known kind of table in the order of the standard set.
var TableKinds = []TableKindInfo{
	{TTotal, "收支总表", "部门收支总表", "收入支出决算总表"},
	{TIncome, "收入表", "部门收入总表", "收入决算表"},
	{TExpenditure, "支出表", "部门支出总表", "支出决算表"},
	{TFiscalTotal, "财政拨款收支总表", "财政拨款收支总表", "财政拨款收入支出决算总表"},
	{TGeneralFunction, "一般公共预算支出表", "一般公共预算支出表", "一般公共预算财政拨款支出决算表"},
	{TGeneralBasic, "一般公共预算基本支出表", "一般公共预算基本支出表", "一般公共预算财政拨款基本支出决算表"},
	{TBasicEconomic, "基本支出表", "部门基本支出预算表", "基本支出决算表"},
	{TBasicFunction, "一般公共预算基本支出功能分类表", "一般公共预算基本支出表（按功能分类）", "一般公共预算财政拨款基本支出决算表（按功能分类）"},
	{TGeneralEconomic, "一般公共预算支出经济分类表", "一般公共预算支出表（按经济分类）", "一般公共预算财政拨款支出决算表（按经济分类）"},
	{TProjectList, "项目支出表", "部门项目支出预算表", "项目支出决算表"},
	{TThreeCosts, "“三公”经费支出表", "一般公共预算“三公”经费支出表", "财政拨款“三公”经费支出决算表"},
	{TGovFund, "政府性基金预算支出表", "政府性基金预算支出表", "政府性基金预算财政拨款收入支出决算表"},
	{TStateCapital, "国有资本经营预算支出表", "国有资本经营预算支出表", "国有资本经营预算财政拨款收入支出决算表"},
	{TOperatingCosts, "机关运行经费表", "机关运行经费预算表", "机关运行经费支出情况表"},
	{TProcurement, "政府采购表", "政府采购预算表", "政府采购支出情况表"},
	{TPurchasedServices, "政府购买服务表", "政府购买服务预算表", "政府购买服务支出表"},
	{TProjectTargets, "项目支出绩效目标表", "项目支出绩效目标表", "项目支出绩效目标表"},
	{TDeptTargets, "部门整体绩效目标表", "部门整体绩效目标表", "部门整体绩效目标表"},
	{TSelfEvaluation, "项目支出绩效自评表", "项目支出绩效自评表", "项目支出绩效自评表"},
	{TTransfer, "转移支付表", "转移支付预算表", "转移支付决算表"},
	{TAssets, "资产情况表", "新增资产配置表", "国有资产占用情况表"},
	{TUnknown, "未识别表格", "", ""},
}

// Info returns the description of k.
func (k TableKind) Info() TableKindInfo {
	for _, i := range TableKinds {
		if i.Kind == k {
			return i
		}
	}
	return TableKindInfo{Kind: k, Name: string(k)}
}

// Name returns the Chinese name of k.
func (k TableKind) Name() string { return k.Info().Name }

// StandardTables lists the tables every disclosure of a kind must publish
// (empty ones with a note).
func StandardTables(k Kind) []TableKind {
	if k == Final {
		return []TableKind{TTotal, TIncome, TExpenditure, TFiscalTotal, TGeneralFunction,
			TGeneralBasic, TGovFund, TStateCapital, TThreeCosts}
	}
	return []TableKind{TTotal, TIncome, TExpenditure, TFiscalTotal, TGeneralFunction,
		TGeneralBasic, TThreeCosts, TGovFund, TStateCapital}
}

// Role is what a column of figures means.
type Role string

// The column roles.
const (
	RNone           Role = ""
	RTotal          Role = "total"           // 合计 / 小计 / 总计
	RBasic          Role = "basic"           // 基本支出
	RProject        Role = "project"         // 项目支出
	RPersonnel      Role = "personnel"       // 人员经费
	RPublic         Role = "public"          // 公用经费
	RRemit          Role = "remit"           // 上缴上级支出
	RBusiness       Role = "business"        // 经营支出
	RSubsidy        Role = "subsidy"         // 对附属单位补助支出
	RContingency    Role = "contingency"     // 项目支出不可预见费
	RFiscal         Role = "fiscal"          // 财政拨款（收入）
	RGeneral        Role = "general"         // 一般公共预算
	RFund           Role = "fund"            // 政府性基金预算
	RCapital        Role = "capital"         // 国有资本经营预算
	RSpecial        Role = "special_account" // 财政专户管理资金
	RUnitFunds      Role = "unit_funds"      // 单位资金
	RSuperior       Role = "superior"        // 上级补助收入
	RService        Role = "service_income"  // 事业收入
	ROperating      Role = "operating"       // 经营收入
	RAffiliated     Role = "affiliated"      // 附属单位上缴收入
	ROther          Role = "other_income"    // 其他收入
	RNonFiscalUse   Role = "nonfiscal_use"   // 使用非财政拨款结余
	RCarryBegin     Role = "carry_begin"     // 年初结转和结余 / 上年结转
	RCarryEnd       Role = "carry_end"       // 年末结转和结余 / 结转下年
	RPrior          Role = "prior"           // 上年数
	RInitialBudget  Role = "initial_budget"  // 年初预算数
	RAdjustedBudget Role = "adjusted_budget" // 全年预算数 / 调整预算数
	RBudget         Role = "budget"          // 预算数
	RFinal          Role = "final"           // 决算数 / 执行数
	RAmount         Role = "amount"          // 金额
	RChange         Role = "change"          // 增减额
	RRate           Role = "rate"            // 增减率 / 执行率 / 占比 (percent)
	RRecurring      Role = "recurring"       // 经常性项目
	ROneOff         Role = "one_off"         // 当年一次性项目
	RMultiYear      Role = "multi_year"      // 跨年一次性项目
	RQuantity       Role = "quantity"        // 数量
	RPrice          Role = "price"           // 单价
	RSME            Role = "sme"             // 面向中小企业
	RMicro          Role = "micro"           // 面向小微企业
	RText           Role = "text"            // any text column
	RLineNo         Role = "line_no"         // 行次 / 栏次
)

// Side says which half of a two-sided table (收入 | 支出) a row belongs to.
type Side string

// The sides of a two-sided table.
const (
	NoSide      Side = ""
	IncomeSide  Side = "income"      // 收入
	ExpendSide  Side = "expenditure" // 支出 (by function)
	EconSide    Side = "economic"    // 支出 by economic class, or by 支出类别, in a third block
	ProjectSide Side = "project"
)

// Table is one table of a disclosure.
type Table struct {
	Kind    TableKind `json:"kind"`
	Title   string    `json:"title"`
	Number  string    `json:"number,omitempty"` // as printed: 公开05表, 预算05表, 表二
	Unit    Unit      `json:"unit"`
	Loc     Loc       `json:"loc"`
	Columns []Column  `json:"columns"`
	Rows    []*Row    `json:"rows"`
	Note    string    `json:"note,omitempty"` // a note such as "本单位无政府性基金预算，空表列示"
	NoteLoc Loc       `json:"note_loc,omitzero"`
	// Continued is set when the table was joined from pieces (a 续表 or a page break).
	Continued bool `json:"continued,omitempty"`
}

// Column describes a column of the table as printed.
type Column struct {
	Role  Role   `json:"role"`
	Label string `json:"label"` // header text, levels joined with "/"
	Side  Side   `json:"side,omitempty"`
}

// Row is one row of a table. Classified rows carry a code; other rows carry
// an Item that says what they are (合计, 本年收入合计, 因公出国（境）费 …).
type Row struct {
	Code  string `json:"code,omitempty"`
	Name  string `json:"name"`
	Item  Item   `json:"item,omitempty"`
	Side  Side   `json:"side,omitempty"`
	Loc   Loc    `json:"line"`
	Cells []Cell `json:"cells"`
}

// Cell is one printed value of a row, with the role of its column.
type Cell struct {
	Role  Role   `json:"role"`
	Label string `json:"label,omitempty"`
	Text  string `json:"text"`            // as printed (whitespace trimmed)
	Money *Money `json:"money,omitempty"` // the amount, when the text is one
	Fixed *Fixed `json:"fixed,omitempty"` // a plain number or percentage that is not money
	Loc   Loc    `json:"loc"`
	// Clipped is set when the figure is printed with fewer decimals than
	// the document's tables usually carry, so it may have been cut short
	// by extraction ("341. 3" where the value is 341.39 elsewhere) — or
	// only printed in Excel's General format ("3990.4" for 3990.40).
	Clipped bool `json:"clipped,omitempty"`
	// Gap is set when the digits have a gap inside ("341. 3"), the mark
	// of text extraction noise.
	Gap bool `json:"gap,omitempty"`
}

// Value returns the money of the first cell with role r.
func (r *Row) Value(role Role) (Money, bool) {
	for i := range r.Cells {
		if r.Cells[i].Role == role && r.Cells[i].Money != nil {
			return *r.Cells[i].Money, true
		}
	}
	return Money{}, false
}

// Cell returns the first cell with role r, or nil.
func (r *Row) Cell(role Role) *Cell {
	for i := range r.Cells {
		if r.Cells[i].Role == role {
			return &r.Cells[i]
		}
	}
	return nil
}

// HasRole reports whether the table has a column of role r.
func (t *Table) HasRole(role Role) bool {
	for _, c := range t.Columns {
		if c.Role == role {
			return true
		}
	}
	return false
}

// IsEmpty reports whether no row of the table holds a non-zero amount.
func (t *Table) IsEmpty() bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Money != nil && c.Money.Fen != 0 {
				return false
			}
		}
	}
	return true
}

// Item finds the first row with the given item (and side, when not NoSide).
func (t *Table) Item(it Item, side Side) *Row {
	for _, r := range t.Rows {
		if r.Item == it && (side == NoSide || r.Side == side) {
			return r
		}
	}
	return nil
}

// CodeRow finds the row with the given classification code (on side, when given).
func (t *Table) CodeRow(code string, side Side) *Row {
	for _, r := range t.Rows {
		if r.Code == code && (side == NoSide || r.Side == side) {
			return r
		}
	}
	return nil
}

// Label names the table in findings: its number and title.
func (t *Table) Label() string {
	title := t.Title
	if title == "" {
		title = t.Kind.Name()
	}
	if t.Number != "" && !strings.Contains(title, t.Number) {
		return t.Number + "《" + title + "》"
	}
	return "《" + title + "》"
}

// Item says what an uncoded row is.
type Item string

// The row items.
const (
	INone Item = ""
	// Totals.
	ITotal        Item = "total"         // 合计 (the whole table)
	IIncomeYear   Item = "income_year"   // 本年收入合计
	IExpendYear   Item = "expend_year"   // 本年支出合计
	IIncomeGrand  Item = "income_grand"  // 收入总计
	IExpendGrand  Item = "expend_grand"  // 支出总计
	ICarryBegin   Item = "carry_begin"   // 上年结转 / 年初结转和结余
	ICarryEnd     Item = "carry_end"     // 结转下年 / 年末结转和结余
	INonFiscalUse Item = "nonfiscal_use" // 使用非财政拨款结余
	IDistribution Item = "distribution"  // 结余分配
	// Income sources.
	IGeneral    Item = "general"         // 一般公共预算（财政拨款）收入
	IFund       Item = "fund"            // 政府性基金预算（财政拨款）收入
	ICapital    Item = "capital"         // 国有资本经营预算（财政拨款）收入
	ISpecial    Item = "special_account" // 财政专户管理资金收入
	IUnitFunds  Item = "unit_funds"      // 单位资金收入
	IService    Item = "service_income"  // 事业收入
	IOperating  Item = "operating"       // 经营收入
	ISuperior   Item = "superior"        // 上级补助收入
	IAffiliated Item = "affiliated"      // 附属单位上缴收入
	IOther      Item = "other_income"    // 其他收入
	// Expenditure by kind.
	IBasic     Item = "basic"     // 基本支出
	IProject   Item = "project"   // 项目支出
	IPersonnel Item = "personnel" // 人员经费
	IPublic    Item = "public"    // 公用经费
	// "三公" items.
	IThreeTotal   Item = "three_total"   // "三公"经费合计
	IAbroad       Item = "abroad"        // 因公出国（境）费
	ICar          Item = "car"           // 公务用车购置及运行（维护）费
	ICarPurchase  Item = "car_purchase"  // 公务用车购置费
	ICarOperation Item = "car_operation" // 公务用车运行维护费
	IReception    Item = "reception"     // 公务接待费
	IMeeting      Item = "meeting"       // 会议费 (printed beside the "三公")
	ITraining     Item = "training"      // 培训费
	// Procurement items.
	IProcureTotal    Item = "procure_total"    // 政府采购支出合计
	IProcureGoods    Item = "procure_goods"    // 货物
	IProcureWorks    Item = "procure_works"    // 工程
	IProcureServices Item = "procure_services" // 服务
	IProcureSME      Item = "procure_sme"      // 授予中小企业合同金额
	IProcureMicro    Item = "procure_micro"    // 授予小微企业合同金额
	// Function class rows printed by name only (收支总表 of final accounts).
	IClass Item = "class"
	// A heading row inside a table (支出类别分类, 部门预算支出经济分类 …).
	IGroup Item = "group"
	// A row naming a budget unit (单位编码 044001 赤壁市医疗保障局本级).
	IUnit Item = "unit"
)
