// Package budget holds the data a department prepares its budget or final
// accounts from (部门预算 / 部门决算 data), and reads it from the forms
// finance staff fill in: an XLSX workbook made by WriteTemplate, or a YAML
// or JSON file.
//
// One Data is one department and one year. Its amounts are exact: an
// Amount is a whole number of 分, written in files as a decimal number in
// the data's unit (Data.Unit, 元 or 万元) with no more decimals than 分
// allow. Readers check everything they read and report every problem at
// once, each with its place (sheet and cell, or file line and field), as an
// InputErrors; nothing is generated from data with errors.
//
// Expenditure is given line by line: a 项 of the function classification
// (7 digits), a 款 of the economic classification (5 digits), basic or
// project spending, the source of the money, and the amount. Every table
// and total of a disclosure is built from these lines by package generate.
// For a budget, income by source can be left out: it is the spending of
// each source (lines marked CarryOver are paid from 上年结转).
package budget

import (
	"gongkai"
)

// Amount is an exact amount of money in 分.
type Amount int64

// Money returns the amount as gongkai.Money printed in unit u with places decimals.
func (a Amount) Money(u gongkai.Unit, places int) gongkai.Money {
	return gongkai.Money{Fen: int64(a), Unit: u, Places: places}
}

// Spending is the kind of an expenditure line: basic or project.
type Spending string

// The kinds of spending.
const (
	Basic   Spending = "基本支出"
	Project Spending = "项目支出"
)

// Source is where the money of an expenditure line or an income comes from.
type Source string

// The sources of money, in the order disclosures list them.
const (
	General    Source = "一般公共预算"
	GovFund    Source = "政府性基金预算"
	Capital    Source = "国有资本经营预算"
	Special    Source = "财政专户管理资金"
	Service    Source = "事业收入"
	Superior   Source = "上级补助收入"
	Affiliated Source = "附属单位上缴收入"
	Operating  Source = "事业单位经营收入"
	Other      Source = "其他收入"
)

// Sources lists every source in display order.
var Sources = []Source{General, GovFund, Capital, Special, Service, Superior, Affiliated, Operating, Other}

// Fiscal reports whether money of the source is 财政拨款.
func (s Source) Fiscal() bool { return s == General || s == GovFund || s == Capital }

// Data is one department's budget or final accounts for one year.
type Data struct {
	Kind gongkai.Kind `json:"kind"`
	Year int          `json:"year"`
	// Unit is the unit every amount of the data is written in.
	Unit gongkai.Unit `json:"unit"`
	// ReportUnit is the unit the disclosure prints (default Unit), and
	// Places its decimals (default 2). See package generate for rounding.
	ReportUnit gongkai.Unit `json:"report_unit,omitempty"`
	Places     *int         `json:"places,omitempty"`

	Department Department `json:"department"`
	// Income is this year's income by source; for a budget it may be left
	// empty and is then the lines' spending by source.
	Income Income `json:"income"`
	// IncomeLines break this year's income down by function 项 (final
	// accounts, when income differs from spending line by line).
	IncomeLines []IncomeLine `json:"income_lines,omitempty"`
	Lines       []Line       `json:"lines"`
	// Names gives the names of function and economic 类 and 款 that are not
	// in the built-in list (see Name).
	Names []CodeName `json:"names,omitempty"`

	Projects    []ProjectInfo `json:"projects,omitempty"`
	Targets     []Target      `json:"targets,omitempty"`      // project targets, by project name
	DeptTargets []Target      `json:"dept_targets,omitempty"` // 部门整体绩效目标

	ThreeCosts        ThreeCosts                  `json:"three_costs"`
	OperatingCosts    []CostItem                  `json:"operating_costs,omitempty"`
	Procurement       []ProcureItem               `json:"procurement,omitempty"`
	PurchasedServices []ServiceItem               `json:"purchased_services,omitempty"`
	Assets            Assets                      `json:"assets"`
	Prior             map[gongkai.Quantity]Amount `json:"prior,omitempty"`
	Reasons           map[gongkai.Quantity]string `json:"reasons,omitempty"`
	// LineReasons explain, for final accounts, why a function line's final
	// figure differs from its budget (keyed by function code).
	LineReasons map[string]string `json:"line_reasons,omitempty"`
}

// Department describes the department and its budget units.
type Department struct {
	Name         string       `json:"name"`
	Code         string       `json:"code,omitempty"`
	Region       string       `json:"region,omitempty"`
	Duties       []string     `json:"duties,omitempty"`       // 主要职责, one paragraph each
	Organisation string       `json:"organisation,omitempty"` // 机构设置
	Units        []BudgetUnit `json:"units,omitempty"`        // 纳入编制范围的预算单位
	Staff        Staff        `json:"staff"`
	Goal         string       `json:"goal,omitempty"` // 部门整体绩效目标
	Contact      string       `json:"contact,omitempty"`
}

// BudgetUnit is one 预算单位 of the department.
type BudgetUnit struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"` // 行政单位 / 参公事业单位 / 事业单位
}

// Staff counts the department's people.
type Staff struct {
	Administrative int `json:"administrative"` // 行政编制
	Institutional  int `json:"institutional"`  // 事业编制
	Actual         int `json:"actual"`         // 实有人数
	Retired        int `json:"retired,omitempty"`
}

// Income is income by source, with the carry-overs.
type Income struct {
	BySource map[Source]Amount `json:"by_source,omitempty"`
	// CarryBegin is 上年结转 (budget) or 年初结转和结余 (final), by source
	// group: 一般公共预算, 政府性基金预算, 国有资本经营预算, 其他收入 for all
	// the money that is not 财政拨款.
	CarryBegin map[Source]Amount `json:"carry_begin,omitempty"`
	// UseNonFiscal is 使用非财政拨款结余 and Distribution 结余分配 (final).
	UseNonFiscal Amount `json:"use_nonfiscal,omitempty"`
	Distribution Amount `json:"distribution,omitempty"`
}

// IncomeLine is income of one source booked to a function 项.
type IncomeLine struct {
	Function     string `json:"function"`
	FunctionName string `json:"function_name,omitempty"`
	Source       Source `json:"source"`
	Amount       Amount `json:"amount"`
}

// Line is one expenditure line.
type Line struct {
	Function     string   `json:"function"` // 项, 7 digits
	FunctionName string   `json:"function_name"`
	Economic     string   `json:"economic,omitempty"` // 款, 5 digits; required for basic spending
	EconomicName string   `json:"economic_name,omitempty"`
	Kind         Spending `json:"kind"`
	Source       Source   `json:"source,omitempty"` // default 一般公共预算
	// CarryOver marks money carried over from last year (上年结转).
	CarryOver bool   `json:"carry_over,omitempty"`
	Project   string `json:"project,omitempty"` // project spending: the project's name
	Amount    Amount `json:"amount"`
	// Final accounts: the line's budget at the start of the year and after
	// adjustments (年初预算数, 全年预算数).
	InitialBudget  Amount `json:"initial_budget,omitempty"`
	AdjustedBudget Amount `json:"adjusted_budget,omitempty"`
}

// CodeName names a classification code.
type CodeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// ProjectInfo describes a project; its money is the sum of the lines that
// name it.
type ProjectInfo struct {
	Name    string `json:"name"`
	Unit    string `json:"unit,omitempty"`    // 实施单位
	Summary string `json:"summary,omitempty"` // 项目概况
	Basis   string `json:"basis,omitempty"`   // 立项依据
	Goal    string `json:"goal,omitempty"`    // 年度绩效目标
	// Final accounts: what was achieved, problems and measures.
	Result   string `json:"result,omitempty"`
	Problems string `json:"problems,omitempty"`
}

// Target is one performance indicator (绩效指标) of a project or of the
// whole department.
type Target struct {
	Project string         `json:"project,omitempty"`
	Level1  string         `json:"level1"` // 一级指标: 产出指标, 效益指标, 满意度指标 …
	Level2  string         `json:"level2"` // 二级指标: 数量指标, 质量指标 …
	Level3  string         `json:"level3"` // 三级指标: the indicator itself
	Op      string         `json:"op"`     // 指标性质: ≥ = ≤ > < or 定性
	Value   string         `json:"value"`  // 指标值
	Unit    string         `json:"unit,omitempty"`
	Weight  *gongkai.Fixed `json:"weight,omitempty"` // 权重 (or 分值 of a final self-evaluation)
	// Final accounts' self-evaluation: 实际完成值, 得分 and the reason of a deviation.
	Actual    string         `json:"actual,omitempty"`
	Score     *gongkai.Fixed `json:"score,omitempty"`
	Deviation string         `json:"deviation,omitempty"`
}

// ThreeCosts holds the "三公" costs and their counts.
type ThreeCosts struct {
	Abroad       Amount `json:"abroad"`        // 因公出国（境）费
	CarPurchase  Amount `json:"car_purchase"`  // 公务用车购置费
	CarOperation Amount `json:"car_operation"` // 公务用车运行维护费
	Reception    Amount `json:"reception"`     // 公务接待费
	// Final accounts: the year's budget of each item (全年预算数).
	Budget *ThreeCostsBudget `json:"budget,omitempty"`
	// Counts.
	AbroadGroups     int `json:"abroad_groups,omitempty"`     // 因公出国（境）团组数
	AbroadPeople     int `json:"abroad_people,omitempty"`     // 因公出国（境）人次
	CarsBought       int `json:"cars_bought,omitempty"`       // 公务用车购置数
	CarsHeld         int `json:"cars_held,omitempty"`         // 公务用车保有量
	ReceptionBatches int `json:"reception_batches,omitempty"` // 国内公务接待批次
	ReceptionPeople  int `json:"reception_people,omitempty"`  // 国内公务接待人次
}

// ThreeCostsBudget is the budget of the "三公" items in final accounts.
type ThreeCostsBudget struct {
	Abroad       Amount `json:"abroad"`
	CarPurchase  Amount `json:"car_purchase"`
	CarOperation Amount `json:"car_operation"`
	Reception    Amount `json:"reception"`
}

// Total returns the sum of the four items.
func (t ThreeCosts) Total() Amount { return t.Abroad + t.CarPurchase + t.CarOperation + t.Reception }

// CostItem is one item of 机关运行经费, by economic classification.
type CostItem struct {
	Code   string `json:"code"` // economic 款 (5 digits) or 类 (3 digits)
	Name   string `json:"name,omitempty"`
	Amount Amount `json:"amount"`
}

// ProcureItem is one government procurement (政府采购).
type ProcureItem struct {
	Name     string `json:"name"`
	Category string `json:"category"` // 货物 / 工程 / 服务
	Amount   Amount `json:"amount"`
	SME      Amount `json:"sme,omitempty"`   // 面向（授予）中小企业
	Micro    Amount `json:"micro,omitempty"` // 其中小微企业
}

// ServiceItem is one government purchase of services (政府购买服务).
type ServiceItem struct {
	Name     string `json:"name"`
	Category string `json:"category,omitempty"` // 指导性目录类别
	Amount   Amount `json:"amount"`
}

// Assets describes state assets held (国有资产占用情况).
type Assets struct {
	Vehicles        int            `json:"vehicles"`                   // 车辆总数
	OfficialCars    int            `json:"official_cars,omitempty"`    // 一般公务用车
	EnforcementCars int            `json:"enforcement_cars,omitempty"` // 执法执勤用车
	SpecialCars     int            `json:"special_cars,omitempty"`     // 特种专业技术用车
	BuildingArea    *gongkai.Fixed `json:"building_area,omitempty"`    // 房屋建筑面积（平方米）
	OfficeArea      *gongkai.Fixed `json:"office_area,omitempty"`      // 其中办公用房
	BigEquipment    int            `json:"big_equipment,omitempty"`    // 单价100万元以上设备（台套）
}

// ReportUnitOrDefault returns the unit the disclosure prints.
func (d *Data) ReportUnitOrDefault() gongkai.Unit {
	if d.ReportUnit != "" {
		return d.ReportUnit
	}
	if d.Unit != "" {
		return d.Unit
	}
	return gongkai.WanYuan
}

// PlacesOrDefault returns the decimals the disclosure prints.
func (d *Data) PlacesOrDefault() int {
	if d.Places != nil {
		return *d.Places
	}
	return 2
}

// SourceOf returns a line's source, 一般公共预算 when not given.
func (l *Line) SourceOf() Source {
	if l.Source == "" {
		return General
	}
	return l.Source
}
