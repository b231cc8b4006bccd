package budget

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongkai"
)

// The workbook has one sheet per part of the data. Row 1 of each sheet is
// a note on what goes where, row 2 the column names, data from row 3.
// Key-value sheets (单位信息, 三公经费, 上年数及变动原因, 收入) come with their
// row names filled in. Codes are text; amounts are numbers in the unit
// named on 单位信息.

const firstRow = 3

// column is one column of a list sheet.
type column struct {
	name  string
	field string // JSON name of the field
	width float64
	code  bool     // formatted as text
	money bool     // an amount
	list  []string // data validation list
}

type sheetDef struct {
	name  string
	note  string
	list  string // the Data list the rows fill ("lines"); "" for key-value sheets
	cols  []column
	final bool // only in final accounts
}

var sourceNames = func() []string {
	var s []string
	for _, x := range Sources {
		s = append(s, string(x))
	}
	return s
}()

var listSheets = []sheetDef{
	{name: "支出明细", list: "lines", note: "每行一笔支出：功能分类科目到项（7位），基本支出须填经济分类科目（5位）。资金来源留空即一般公共预算；用上年结转资金安排的支出在“上年结转”填“是”。年初预算数、全年预算数只在决算中填写。",
		cols: []column{{"功能分类科目编码", "function", 12, true, false, nil}, {"功能分类科目名称", "function_name", 30, false, false, nil},
			{"经济分类科目编码", "economic", 12, true, false, nil}, {"经济分类科目名称", "economic_name", 24, false, false, nil},
			{"支出类型", "kind", 10, false, false, []string{"基本支出", "项目支出"}}, {"资金来源", "source", 16, false, false, sourceNames},
			{"上年结转", "carry_over", 8, false, false, []string{"是", "否"}}, {"项目名称", "project", 24, false, false, nil},
			{"金额", "amount", 14, false, true, nil}, {"年初预算数", "initial_budget", 14, false, true, nil}, {"全年预算数", "adjusted_budget", 14, false, true, nil}}},
	{name: "收入明细", list: "income_lines", final: true, note: "决算：本年收入按功能分类科目（7位）和来源填写；收入与支出明细各来源一致时可不填。",
		cols: []column{{"功能分类科目编码", "function", 12, true, false, nil}, {"功能分类科目名称", "function_name", 30, false, false, nil},
			{"收入来源", "source", 16, false, false, sourceNames}, {"金额", "amount", 14, false, true, nil}}},
	{name: "科目名称", list: "names", note: "内置名称以外的类、款级科目名称（功能分类3、5位，经济分类3位）。",
		cols: []column{{"科目编码", "code", 12, true, false, nil}, {"科目名称", "name", 30, false, false, nil}}},
	{name: "预算单位", list: "department.units", note: "纳入编制范围的预算单位。",
		cols: []column{{"单位编码", "code", 12, true, false, nil}, {"单位名称", "name", 30, false, false, nil},
			{"单位性质", "kind", 14, false, false, []string{"行政单位", "参公事业单位", "事业单位"}}}},
	{name: "项目", list: "projects", note: "项目的基本情况；项目金额为支出明细中该项目各行之和。",
		cols: []column{{"项目名称", "name", 24, false, false, nil}, {"实施单位", "unit", 20, false, false, nil}, {"项目概况", "summary", 40, false, false, nil},
			{"立项依据", "basis", 30, false, false, nil}, {"年度绩效目标", "goal", 40, false, false, nil},
			{"实际完成情况", "result", 40, false, false, nil}, {"存在问题及改进措施", "problems", 40, false, false, nil}}},
	{name: "项目绩效", list: "targets", note: "项目绩效指标；项目名称须与“项目”或支出明细一致；填了权重的，一个项目的权重之和应为100。实际完成值、得分只在决算中填写。",
		cols: []column{{"项目名称", "project", 24, false, false, nil}, {"一级指标", "level1", 12, false, false, []string{"产出指标", "效益指标", "满意度指标", "成本指标"}},
			{"二级指标", "level2", 14, false, false, nil}, {"三级指标", "level3", 24, false, false, nil},
			{"指标性质", "op", 8, false, false, Ops}, {"指标值", "value", 10, false, false, nil}, {"计量单位", "unit", 8, false, false, nil},
			{"权重", "weight", 8, false, false, nil}, {"实际完成值", "actual", 10, false, false, nil}, {"得分", "score", 8, false, false, nil},
			{"偏差原因", "deviation", 24, false, false, nil}}},
	{name: "整体绩效", list: "dept_targets", note: "部门整体绩效指标；填了权重的，权重之和应为100。",
		cols: []column{{"一级指标", "level1", 12, false, false, []string{"产出指标", "效益指标", "满意度指标", "成本指标"}},
			{"二级指标", "level2", 14, false, false, nil}, {"三级指标", "level3", 24, false, false, nil},
			{"指标性质", "op", 8, false, false, Ops}, {"指标值", "value", 10, false, false, nil}, {"计量单位", "unit", 8, false, false, nil},
			{"权重", "weight", 8, false, false, nil}}},
	{name: "机关运行经费", list: "operating_costs", note: "机关运行经费按经济分类科目（款，5位）填写。",
		cols: []column{{"经济分类科目编码", "code", 12, true, false, nil}, {"经济分类科目名称", "name", 24, false, false, nil}, {"金额", "amount", 14, false, true, nil}}},
	{name: "政府采购", list: "procurement", note: "每个采购项目一行。",
		cols: []column{{"采购项目", "name", 30, false, false, nil}, {"采购类别", "category", 8, false, false, []string{"货物", "工程", "服务"}},
			{"金额", "amount", 14, false, true, nil}, {"面向中小企业", "sme", 14, false, true, nil}, {"其中面向小微企业", "micro", 14, false, true, nil}}},
	{name: "政府购买服务", list: "purchased_services", note: "每个购买服务项目一行。",
		cols: []column{{"服务项目", "name", 30, false, false, nil}, {"指导性目录类别", "category", 20, false, false, nil}, {"金额", "amount", 14, false, true, nil}}},
	{name: "差异原因", list: "line_reasons", final: true, note: "决算：决算数与年初预算数差异较大的科目及原因。",
		cols: []column{{"功能分类科目编码", "code", 12, true, false, nil}, {"原因", "reason", 60, false, false, nil}}},
}

// kv is one row of a key-value sheet.
type kv struct {
	key   string
	path  string // field path
	kind  byte   // 's' text, 'i' integer, 'f' decimal, 'a' amount, 'k' kind, 'u' unit, 'p' places
	list  []string
	final bool
}

var infoRows = []kv{
	{"部门名称", "department.name", 's', nil, false}, {"部门编码", "department.code", 's', nil, false},
	{"地区", "department.region", 's', nil, false}, {"公开类型", "kind", 'k', []string{"预算", "决算"}, false},
	{"年度", "year", 'i', nil, false}, {"金额单位", "unit", 'u', []string{"元", "万元"}, false},
	{"公开金额单位", "report_unit", 'u', []string{"元", "万元"}, false}, {"小数位数", "places", 'p', nil, false},
	{"主要职责", "department.duties", 's', nil, false}, {"机构设置", "department.organisation", 's', nil, false},
	{"行政编制", "department.staff.administrative", 'i', nil, false}, {"事业编制", "department.staff.institutional", 'i', nil, false},
	{"实有人数", "department.staff.actual", 'i', nil, false}, {"退休人员", "department.staff.retired", 'i', nil, false},
	{"部门整体绩效目标", "department.goal", 's', nil, false}, {"联系方式", "department.contact", 's', nil, false},
	{"车辆总数", "assets.vehicles", 'i', nil, false}, {"一般公务用车", "assets.official_cars", 'i', nil, false},
	{"执法执勤用车", "assets.enforcement_cars", 'i', nil, false}, {"特种专业技术用车", "assets.special_cars", 'i', nil, false},
	{"房屋建筑面积（平方米）", "assets.building_area", 'f', nil, false}, {"其中办公用房（平方米）", "assets.office_area", 'f', nil, false},
	{"单价100万元以上设备（台套）", "assets.big_equipment", 'i', nil, false},
}

var threeRows = []kv{
	{"因公出国（境）费", "three_costs.abroad", 'a', nil, false}, {"公务用车购置费", "three_costs.car_purchase", 'a', nil, false},
	{"公务用车运行维护费", "three_costs.car_operation", 'a', nil, false}, {"公务接待费", "three_costs.reception", 'a', nil, false},
	{"因公出国（境）团组数（个）", "three_costs.abroad_groups", 'i', nil, false}, {"因公出国（境）人次", "three_costs.abroad_people", 'i', nil, false},
	{"公务用车购置数（辆）", "three_costs.cars_bought", 'i', nil, false}, {"公务用车保有量（辆）", "three_costs.cars_held", 'i', nil, false},
	{"国内公务接待批次", "three_costs.reception_batches", 'i', nil, false}, {"国内公务接待人次", "three_costs.reception_people", 'i', nil, false},
}

// WriteTemplate writes an empty input workbook for a kind of disclosure and
// a year, for finance staff to fill in Excel.
func WriteTemplate(w io.Writer, kind gongkai.Kind, year int) error {
	return WriteXLSX(w, &Data{Kind: kind, Year: year, Unit: gongkai.WanYuan})
}

// WriteXLSX writes data as an input workbook (the template filled in).
func WriteXLSX(w io.Writer, d *Data) error {
	f := excelize.NewFile()
	defer f.Close()
	final := d.Kind == gongkai.Final
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Border: []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}}})
	note, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "666666", Italic: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	fmtMoney := "#,##0.00####"
	money, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtMoney})
	u := d.Unit
	if !u.Valid() {
		u = gongkai.WanYuan
	}

	// 说明.
	f.SetSheetName("Sheet1", "说明")
	lines := []string{
		fmt.Sprintf("%d年部门%s数据填报表", d.Year, d.Kind.Chinese()),
		"1. 先在“单位信息”中填写部门名称、公开类型、年度和金额单位；所有金额都按该单位填写，最多精确到分。",
		"2. “支出明细”每行一笔支出：功能分类科目到项（7位）、经济分类科目到款（5位）、基本支出或项目支出、资金来源和金额。各公开表格的合计、类款项汇总都由这里生成。",
		"3. 预算的收入可不填：按支出明细的资金来源生成；填写时须与支出明细一致。决算填写本年收入、年初结转和结余。",
		"4. 科目编码按文本填写（保留前导零）；带下拉框的单元格请从列表中选择。",
		"5. 其他各表（“三公”经费、机关运行经费、政府采购、绩效等）没有的可以空着。",
		"6. 填好后运行：gongkai generate 本文件.xlsx -o 输出目录/。所有错误会一次列出，并指明工作表和单元格。",
	}
	for i, l := range lines {
		f.SetCellStr("说明", fmt.Sprintf("A%d", i+1), l)
	}
	f.SetColWidth("说明", "A", "A", 120)

	kvSheet := func(name, noteText string, rows []kv, extra []string) {
		f.NewSheet(name)
		f.SetCellStr(name, "A1", noteText)
		f.MergeCell(name, "A1", "D1")
		f.SetCellStyle(name, "A1", "A1", note)
		f.SetRowHeight(name, 1, 36)
		hdr := append([]string{"项目", "内容"}, extra...)
		for j, h := range hdr {
			cell, _ := excelize.CoordinatesToCellName(j+1, 2)
			f.SetCellStr(name, cell, h)
			f.SetCellStyle(name, cell, cell, head)
		}
		f.SetColWidth(name, "A", "A", 30)
		f.SetColWidth(name, "B", "D", 40)
	}

	// 单位信息.
	kvSheet("单位信息", "每行一项；金额单位为本表所有金额的单位。主要职责可分段（单元格内换行）。", infoRows, nil)
	f.SetCellStr("单位信息", "B2", "内容")
	for i, r := range infoRows {
		row := firstRow + i
		f.SetCellStr("单位信息", fmt.Sprintf("A%d", row), r.key)
		cell := fmt.Sprintf("B%d", row)
		if r.list != nil {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = cell
			dv.SetDropList(r.list)
			f.AddDataValidation("单位信息", dv)
		}
		f.SetCellStyle("单位信息", cell, cell, text)
		if v := infoValue(d, r.path); v != "" {
			f.SetCellStr("单位信息", cell, v)
		}
	}

	// 收入.
	kvSheet("收入", "本年收入按来源填写；上年结转（决算为年初结转和结余）只填一般公共预算、政府性基金预算、国有资本经营预算和其他收入（非财政拨款资金）四行。预算可整表留空。", nil, []string{"上年结转"})
	f.SetCellStr("收入", "B2", "本年收入")
	for i, s := range Sources {
		row := firstRow + i
		f.SetCellStr("收入", fmt.Sprintf("A%d", row), string(s))
		setAmount(f, "收入", fmt.Sprintf("B%d", row), d.Income.BySource[s], u, money)
		if CarryGroup(s) == s {
			setAmount(f, "收入", fmt.Sprintf("C%d", row), d.Income.CarryBegin[s], u, money)
		}
	}
	if final {
		r := firstRow + len(Sources)
		f.SetCellStr("收入", fmt.Sprintf("A%d", r), "使用非财政拨款结余")
		setAmount(f, "收入", fmt.Sprintf("B%d", r), d.Income.UseNonFiscal, u, money)
		f.SetCellStr("收入", fmt.Sprintf("A%d", r+1), "结余分配")
		setAmount(f, "收入", fmt.Sprintf("B%d", r+1), d.Income.Distribution, u, money)
	}

	// List sheets.
	for _, s := range listSheets {
		if s.final && !final {
			continue
		}
		f.NewSheet(s.name)
		f.SetCellStr(s.name, "A1", s.note)
		last, _ := excelize.ColumnNumberToName(len(s.cols))
		f.MergeCell(s.name, "A1", last+"1")
		f.SetCellStyle(s.name, "A1", "A1", note)
		f.SetRowHeight(s.name, 1, 36)
		for j, c := range s.cols {
			if !final && (c.field == "initial_budget" || c.field == "adjusted_budget" || c.field == "actual" || c.field == "score" || c.field == "deviation") {
				continue
			}
			col, _ := excelize.ColumnNumberToName(j + 1)
			f.SetCellStr(s.name, col+"2", c.name)
			f.SetCellStyle(s.name, col+"2", col+"2", head)
			f.SetColWidth(s.name, col, col, c.width)
			rng := fmt.Sprintf("%s%d:%s%d", col, firstRow, col, 5000)
			if c.code {
				f.SetColStyle(s.name, col, text)
			}
			if c.list != nil {
				dv := excelize.NewDataValidation(true)
				dv.Sqref = rng
				dv.SetDropList(c.list)
				f.AddDataValidation(s.name, dv)
			}
		}
		f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
		for i, row := range listRows(d, s.list) {
			for j, c := range s.cols {
				v, ok := row[c.field]
				if !ok || v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, firstRow+i)
				if c.money {
					setDecimal(f, s.name, cell, v, money)
				} else {
					f.SetCellStr(s.name, cell, v)
				}
			}
		}
	}

	// 三公经费.
	kvSheet("三公经费", "“三公”经费四项的金额和相关数量；决算另填全年预算数。", threeRows, []string{"全年预算数"})
	f.SetCellStr("三公经费", "B2", "本年数")
	for i, r := range threeRows {
		row := firstRow + i
		f.SetCellStr("三公经费", fmt.Sprintf("A%d", row), r.key)
		v := infoValue(d, r.path)
		if r.kind == 'a' {
			setAmount(f, "三公经费", fmt.Sprintf("B%d", row), threeAmount(d.ThreeCosts, r.path), u, money)
			if final && d.ThreeCosts.Budget != nil {
				setAmount(f, "三公经费", fmt.Sprintf("C%d", row), threeBudget(d.ThreeCosts.Budget, r.path), u, money)
			}
		} else if v != "" && v != "0" {
			f.SetCellStr("三公经费", fmt.Sprintf("B%d", row), v)
		}
	}

	// 上年数及变动原因.
	kvSheet("上年数及变动原因", "上年数用于说明中的“比上年增加（减少）”；不填则不写增减。变动原因会写入说明。", nil, []string{"变动原因"})
	f.SetCellStr("上年数及变动原因", "B2", "上年数")
	for i, q := range PriorQuantities {
		row := firstRow + i
		f.SetCellStr("上年数及变动原因", fmt.Sprintf("A%d", row), q.Name())
		if a, ok := d.Prior[q]; ok {
			setDecimal(f, "上年数及变动原因", fmt.Sprintf("B%d", row), gongkai.FormatFen(int64(a), u, u.MaxPlaces()), money)
		}
		if r := d.Reasons[q]; r != "" {
			f.SetCellStr("上年数及变动原因", fmt.Sprintf("C%d", row), r)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// trimDecimal drops trailing zeros of a decimal ("238.560000" → "238.56").
func trimDecimal(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func setAmount(f *excelize.File, sheet, cell string, a Amount, u gongkai.Unit, style int) {
	if a == 0 {
		return
	}
	setDecimal(f, sheet, cell, gongkai.FormatFen(int64(a), u, u.MaxPlaces()), style)
}

// setDecimal writes an exact decimal as a number cell; numbers of up to 15
// significant digits survive Excel's doubles exactly.
func setDecimal(f *excelize.File, sheet, cell, dec string, style int) {
	dec = trimDecimal(dec)
	v, err := strconv.ParseFloat(dec, 64)
	if err != nil || len(strings.Trim(strings.Replace(dec, ".", "", 1), "-0")) > 15 {
		f.SetCellStr(sheet, cell, dec)
		return
	}
	f.SetCellFloat(sheet, cell, v, -1, 64)
	f.SetCellStyle(sheet, cell, cell, style)
}

func threeAmount(t ThreeCosts, path string) Amount {
	switch path {
	case "three_costs.abroad":
		return t.Abroad
	case "three_costs.car_purchase":
		return t.CarPurchase
	case "three_costs.car_operation":
		return t.CarOperation
	case "three_costs.reception":
		return t.Reception
	}
	return 0
}

func threeBudget(t *ThreeCostsBudget, path string) Amount {
	return threeAmount(ThreeCosts{Abroad: t.Abroad, CarPurchase: t.CarPurchase, CarOperation: t.CarOperation, Reception: t.Reception}, path)
}

// infoValue returns the text of a key-value field of d.
func infoValue(d *Data, path string) string {
	dep := d.Department
	itoa := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	fixed := func(f *gongkai.Fixed) string {
		if f == nil {
			return ""
		}
		return f.String()
	}
	switch path {
	case "department.name":
		return dep.Name
	case "department.code":
		return dep.Code
	case "department.region":
		return dep.Region
	case "kind":
		if d.Kind == "" {
			return ""
		}
		return d.Kind.Chinese()
	case "year":
		return itoa(d.Year)
	case "unit":
		return string(d.Unit)
	case "report_unit":
		return string(d.ReportUnit)
	case "places":
		if d.Places == nil {
			return ""
		}
		return strconv.Itoa(*d.Places)
	case "department.duties":
		return strings.Join(dep.Duties, "\n")
	case "department.organisation":
		return dep.Organisation
	case "department.staff.administrative":
		return itoa(dep.Staff.Administrative)
	case "department.staff.institutional":
		return itoa(dep.Staff.Institutional)
	case "department.staff.actual":
		return itoa(dep.Staff.Actual)
	case "department.staff.retired":
		return itoa(dep.Staff.Retired)
	case "department.goal":
		return dep.Goal
	case "department.contact":
		return dep.Contact
	case "assets.vehicles":
		return itoa(d.Assets.Vehicles)
	case "assets.official_cars":
		return itoa(d.Assets.OfficialCars)
	case "assets.enforcement_cars":
		return itoa(d.Assets.EnforcementCars)
	case "assets.special_cars":
		return itoa(d.Assets.SpecialCars)
	case "assets.building_area":
		return fixed(d.Assets.BuildingArea)
	case "assets.office_area":
		return fixed(d.Assets.OfficeArea)
	case "assets.big_equipment":
		return itoa(d.Assets.BigEquipment)
	case "three_costs.abroad_groups":
		return itoa(d.ThreeCosts.AbroadGroups)
	case "three_costs.abroad_people":
		return itoa(d.ThreeCosts.AbroadPeople)
	case "three_costs.cars_bought":
		return itoa(d.ThreeCosts.CarsBought)
	case "three_costs.cars_held":
		return itoa(d.ThreeCosts.CarsHeld)
	case "three_costs.reception_batches":
		return itoa(d.ThreeCosts.ReceptionBatches)
	case "three_costs.reception_people":
		return itoa(d.ThreeCosts.ReceptionPeople)
	}
	return ""
}

// listRows returns the rows of a list of d as field → text.
func listRows(d *Data, list string) []map[string]string {
	u := d.Unit
	if !u.Valid() {
		u = gongkai.WanYuan
	}
	am := func(a Amount) string {
		if a == 0 {
			return ""
		}
		return gongkai.FormatFen(int64(a), u, u.MaxPlaces())
	}
	fx := func(f *gongkai.Fixed) string {
		if f == nil {
			return ""
		}
		return f.String()
	}
	var out []map[string]string
	switch list {
	case "lines":
		for _, l := range d.Lines {
			carry := ""
			if l.CarryOver {
				carry = "是"
			}
			out = append(out, map[string]string{"function": l.Function, "function_name": l.FunctionName, "economic": l.Economic,
				"economic_name": l.EconomicName, "kind": string(l.Kind), "source": string(l.Source), "carry_over": carry,
				"project": l.Project, "amount": am(l.Amount), "initial_budget": am(l.InitialBudget), "adjusted_budget": am(l.AdjustedBudget)})
		}
	case "income_lines":
		for _, l := range d.IncomeLines {
			out = append(out, map[string]string{"function": l.Function, "function_name": l.FunctionName, "source": string(l.Source), "amount": am(l.Amount)})
		}
	case "names":
		for _, n := range d.Names {
			out = append(out, map[string]string{"code": n.Code, "name": n.Name})
		}
	case "department.units":
		for _, n := range d.Department.Units {
			out = append(out, map[string]string{"code": n.Code, "name": n.Name, "kind": n.Kind})
		}
	case "projects":
		for _, p := range d.Projects {
			out = append(out, map[string]string{"name": p.Name, "unit": p.Unit, "summary": p.Summary, "basis": p.Basis, "goal": p.Goal, "result": p.Result, "problems": p.Problems})
		}
	case "targets", "dept_targets":
		ts := d.Targets
		if list == "dept_targets" {
			ts = d.DeptTargets
		}
		for _, t := range ts {
			out = append(out, map[string]string{"project": t.Project, "level1": t.Level1, "level2": t.Level2, "level3": t.Level3,
				"op": t.Op, "value": t.Value, "unit": t.Unit, "weight": fx(t.Weight), "actual": t.Actual, "score": fx(t.Score), "deviation": t.Deviation})
		}
	case "operating_costs":
		for _, c := range d.OperatingCosts {
			out = append(out, map[string]string{"code": c.Code, "name": c.Name, "amount": am(c.Amount)})
		}
	case "procurement":
		for _, p := range d.Procurement {
			out = append(out, map[string]string{"name": p.Name, "category": p.Category, "amount": am(p.Amount), "sme": am(p.SME), "micro": am(p.Micro)})
		}
	case "purchased_services":
		for _, s := range d.PurchasedServices {
			out = append(out, map[string]string{"name": s.Name, "category": s.Category, "amount": am(s.Amount)})
		}
	case "line_reasons":
		var codes []string
		for c := range d.LineReasons {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			out = append(out, map[string]string{"code": c, "reason": d.LineReasons[c]})
		}
	}
	return out
}

// ReadXLSX reads an input workbook made by WriteTemplate. Every problem is
// returned at once as InputErrors, each placed at its sheet and cell
// ("支出明细!C12"); no data is returned then.
func ReadXLSX(name string, data []byte) (*Data, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, InputErrors{{Place: name, Msg: "无法打开工作簿：" + err.Error()}}
	}
	defer f.Close()
	// The document is built as a node tree with every value's cell, then
	// decoded as YAML or JSON would be.
	root := &node{kind: 'm'}
	places := map[string]string{}
	var errs []Problem
	setPath := func(path, text, cell string) {
		insert(root, strings.Split(path, "."), &node{kind: 's', text: text})
		places[path] = cell
	}
	known := map[string]bool{"说明": true, "单位信息": true, "收入": true, "三公经费": true, "上年数及变动原因": true}
	for _, s := range listSheets {
		known[s.name] = true
	}
	for _, sh := range f.GetSheetList() {
		if !known[sh] {
			errs = append(errs, Problem{Path: "@" + sh + "!A1", Msg: fmt.Sprintf("未知的工作表“%s”", sh)})
		}
	}
	cell := func(sheet string, col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row)
		return sheet + "!" + c
	}
	value := func(sheet string, col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row)
		v, _ := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
		return strings.TrimSpace(v)
	}
	kvRead := func(sheet string, rows []kv, col int, mapPath func(kv) string) {
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			return
		}
		all, _ := f.GetRows(sheet)
		byKey := map[string]kv{}
		for _, r := range rows {
			byKey[r.key] = r
		}
		for i := firstRow - 1; i < len(all); i++ {
			if len(all[i]) == 0 || strings.TrimSpace(all[i][0]) == "" {
				continue
			}
			key := strings.TrimSpace(all[i][0])
			r, ok := byKey[key]
			if !ok {
				errs = append(errs, Problem{Path: "@" + cell(sheet, 1, i+1), Msg: fmt.Sprintf("未知的项目“%s”", key)})
				continue
			}
			if p := mapPath(r); p != "" {
				if _, ok := places[p]; !ok {
					places[p] = cell(sheet, col, i+1) // also where a missing value goes
				}
			}
			v := value(sheet, col, i+1)
			if v == "" {
				continue
			}
			if r.kind == 'a' || r.kind == 'f' {
				v = excelNumber(v)
			}
			if r.path == "department.duties" {
				for k, p := range strings.Split(v, "\n") {
					if p = strings.TrimSpace(p); p != "" {
						insertList(root, "department.duties", k, &node{kind: 's', text: p})
						places[fmt.Sprintf("department.duties[%d]", k)] = cell(sheet, col, i+1)
					}
				}
				continue
			}
			if r.kind == 'u' && v == "" {
				continue
			}
			if p := mapPath(r); p != "" {
				setPath(p, v, cell(sheet, col, i+1))
			}
		}
	}
	kvRead("单位信息", infoRows, 2, func(r kv) string { return r.path })
	kvRead("三公经费", threeRows, 2, func(r kv) string { return r.path })
	kvRead("三公经费", threeRows, 3, func(r kv) string {
		if r.kind != 'a' {
			return "" // counts have no budget
		}
		return strings.Replace(r.path, "three_costs.", "three_costs.budget.", 1)
	})
	// 收入, 上年数及变动原因: keyed rows with map fields.
	mapSheet := func(sheet string, keys []string, cols []string, fields []string) {
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			return
		}
		all, _ := f.GetRows(sheet)
		okKey := map[string]bool{}
		for _, k := range keys {
			okKey[k] = true
		}
		for i := firstRow - 1; i < len(all); i++ {
			if len(all[i]) == 0 || strings.TrimSpace(all[i][0]) == "" {
				continue
			}
			key := strings.TrimSpace(all[i][0])
			if !okKey[key] {
				errs = append(errs, Problem{Path: "@" + cell(sheet, 1, i+1), Msg: fmt.Sprintf("未知的项目“%s”", key)})
				continue
			}
			for j, fld := range fields {
				v := value(sheet, j+2, i+1)
				if v == "" {
					continue
				}
				if cols[j] == "a" {
					v = excelNumber(v)
				}
				path := strings.ReplaceAll(fld, "KEY", key)
				setPath(path, v, cell(sheet, j+2, i+1))
			}
		}
	}
	incomeKeys := append([]string(nil), sourceNames...)
	incomeKeys = append(incomeKeys, "使用非财政拨款结余", "结余分配")
	mapSheet("收入", incomeKeys, []string{"a", "a"}, []string{"income.by_source.KEY", "income.carry_begin.KEY"})
	var qnames []string
	for _, q := range PriorQuantities {
		qnames = append(qnames, q.Name())
	}
	mapSheet("上年数及变动原因", qnames, []string{"a", "s"}, []string{"prior.KEY", "reasons.KEY"})
	// 使用非财政拨款结余 and 结余分配 are plain fields.
	if inc := child(root, "income"); inc != nil {
		if bs := child(inc, "by_source"); bs != nil {
			for _, k := range []struct{ key, field string }{{"使用非财政拨款结余", "use_nonfiscal"}, {"结余分配", "distribution"}} {
				if n := child(bs, k.key); n != nil {
					removeKey(bs, k.key)
					insert(root, []string{"income", k.field}, n)
					places["income."+k.field] = places["income.by_source."+k.key]
				}
			}
			if len(bs.keys) == 0 {
				removeKey(inc, "by_source")
			}
		}
	}
	// List sheets.
	for _, s := range listSheets {
		if idx, _ := f.GetSheetIndex(s.name); idx < 0 {
			continue
		}
		all, _ := f.GetRows(s.name)
		if len(all) < 2 {
			continue
		}
		colField := map[int]column{}
		for j, h := range all[1] {
			h = strings.TrimSpace(h)
			if h == "" {
				continue
			}
			found := false
			for _, c := range s.cols {
				if c.name == h {
					colField[j] = c
					found = true
				}
			}
			if !found {
				errs = append(errs, Problem{Path: "@" + cell(s.name, j+1, 2), Msg: fmt.Sprintf("未知的列“%s”", h)})
			}
		}
		k := 0
		for i := firstRow - 1; i < len(all); i++ {
			empty := true
			for _, v := range all[i] {
				if strings.TrimSpace(v) != "" {
					empty = false
				}
			}
			if empty {
				continue
			}
			item := &node{kind: 'm'}
			for j := range all[i] {
				c, ok := colField[j]
				if !ok {
					continue
				}
				v := value(s.name, j+1, i+1)
				if v == "" {
					continue
				}
				if c.money || c.field == "weight" || c.field == "score" {
					v = excelNumber(v)
				}
				item.keys = append(item.keys, c.field)
				item.vals = append(item.vals, &node{kind: 's', text: v})
				places[fmt.Sprintf("%s[%d].%s", s.list, k, c.field)] = cell(s.name, j+1, i+1)
			}
			places[fmt.Sprintf("%s[%d]", s.list, k)] = cell(s.name, 1, i+1)
			for j, c := range colField {
				p := fmt.Sprintf("%s[%d].%s", s.list, k, c.field)
				if _, ok := places[p]; !ok {
					places[p] = cell(s.name, j+1, i+1) // an empty cell a value is missing from
				}
			}
			if s.list == "line_reasons" {
				var code, reason string
				for x, key := range item.keys {
					if key == "code" {
						code = item.vals[x].text
					} else {
						reason = item.vals[x].text
					}
				}
				insert(root, []string{"line_reasons", code}, &node{kind: 's', text: reason})
				places["line_reasons["+code+"]"] = cell(s.name, 1, i+1)
				continue
			}
			insertList(root, s.list, k, item)
			k++
		}
	}
	// Map keys in paths: prior.收入总计 → prior[income_total].
	dc := &decoder{name: name, lines: map[string]int{}}
	d := &Data{}
	dc.unit = gongkai.WanYuan
	if n := child(root, "unit"); n != nil && gongkai.Unit(n.text).Valid() {
		dc.unit = gongkai.Unit(n.text)
	}
	if n := child(root, "kind"); n != nil {
		if k, ok := ParseKind(n.text); ok {
			n.text = string(k)
		}
	}
	dc.fill(reflect.ValueOf(d).Elem(), root, "")
	bad := map[string]bool{}
	all := append(errs, dc.errs...)
	for _, p := range dc.errs {
		bad[p.Path] = true
	}
	for _, p := range Validate(d) {
		if !bad[p.Path] {
			all = append(all, p)
		}
	}
	if len(all) == 0 {
		return d, nil
	}
	var es InputErrors
	for _, p := range all {
		es = append(es, InputError{Place: xlsxPlace(name, p.Path, places), Msg: p.Msg})
	}
	return nil, es
}

// excelNumber undoes the binary noise of a number stored by Excel
// ("0.30000000000000004" → "0.3"): Excel keeps 15 significant digits.
func excelNumber(v string) string {
	if !strings.ContainsAny(v, "eE") && len(strings.Trim(strings.Replace(strings.TrimPrefix(v, "-"), ".", "", 1), "0")) <= 15 {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if g, err := strconv.ParseFloat(s, 64); err == nil {
		s = strconv.FormatFloat(g, 'f', -1, 64)
	}
	return s
}

// xlsxPlace turns a data path into the cell it was read from.
func xlsxPlace(name, path string, places map[string]string) string {
	if strings.HasPrefix(path, "@") {
		return path[1:]
	}
	norm := normPath(path)
	for p := norm; p != ""; {
		if c, ok := places[p]; ok {
			return c
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	for _, s := range []struct{ prefix, sheet string }{{"lines", "支出明细"}, {"income", "收入"}, {"prior", "上年数及变动原因"},
		{"reasons", "上年数及变动原因"}, {"three_costs", "三公经费"}, {"targets", "项目绩效"}, {"dept_targets", "整体绩效"}} {
		if strings.HasPrefix(path, s.prefix) {
			return s.sheet
		}
	}
	return "单位信息"
}

// normPath writes map keys of a Validate path as the workbook names them:
// prior[income_total] → prior.收入总计, income.by_source[事业收入] → income.by_source.事业收入.
func normPath(p string) string {
	var b strings.Builder
	for {
		i := strings.Index(p, "[")
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		j := strings.Index(p[i:], "]")
		if j < 0 {
			b.WriteString(p)
			return b.String()
		}
		key := p[i+1 : i+j]
		b.WriteString(p[:i])
		if _, err := strconv.Atoi(key); err == nil {
			b.WriteString("[" + key + "]")
		} else {
			if q := gongkai.Quantity(key); q.Name() != key {
				key = q.Name()
			}
			b.WriteString("." + key)
		}
		p = p[i+j+1:]
	}
}

func child(n *node, key string) *node {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

func removeKey(n *node, key string) {
	for i, k := range n.keys {
		if k == key {
			n.keys = append(n.keys[:i], n.keys[i+1:]...)
			n.vals = append(n.vals[:i], n.vals[i+1:]...)
			return
		}
	}
}

// insert puts v at a path of mapping keys, making the mappings on the way.
func insert(root *node, keys []string, v *node) {
	n := root
	for i, k := range keys {
		if i == len(keys)-1 {
			removeKey(n, k)
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, v)
			return
		}
		c := child(n, k)
		if c == nil {
			c = &node{kind: 'm'}
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, c)
		}
		n = c
	}
}

// insertList appends v as item k of the list at a dotted path.
func insertList(root *node, path string, k int, v *node) {
	keys := strings.Split(path, ".")
	n := root
	for i, key := range keys {
		c := child(n, key)
		if c == nil {
			kind := byte('m')
			if i == len(keys)-1 {
				kind = 'l'
			}
			c = &node{kind: kind}
			n.keys = append(n.keys, key)
			n.vals = append(n.vals, c)
		}
		n = c
	}
	for len(n.items) <= k {
		n.items = append(n.items, nil)
	}
	n.items[k] = v
}
