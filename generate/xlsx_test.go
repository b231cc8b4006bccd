package generate

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/budget"
	"gongkai/check"
)

func checkClean(t *testing.T, r *gongkai.Report) {
	t.Helper()
	for _, f := range check.Run(r, check.Options{}) {
		t.Errorf("%s %s line %d: %s | %s | %s", f.Severity, f.Rule, f.Line, f.Message, f.Expected, f.Found)
	}
}

// The template, filled in as finance staff would, reads, generates and
// checks clean, for both kinds.
func TestTemplateRoundTrip(t *testing.T) {
	for _, kind := range []gongkai.Kind{gongkai.Budget, gongkai.Final} {
		var b bytes.Buffer
		if err := budget.WriteTemplate(&b, kind, 2025); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		set := func(sheet, cell string, v any) {
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
		set("单位信息", "B3", "青山市数据资源局")
		set("单位信息", "B6", kind.Chinese())
		set("单位信息", "B7", 2025)
		set("单位信息", "B8", "元")
		set("单位信息", "B9", "万元") // print in 万元 from data in 元
		set("单位信息", "B11", "负责统筹全市政务数据资源管理。\n建设和运行市级政务数据平台。")
		set("单位信息", "B13", 28)
		lines := [][]any{
			{"2010301", "行政运行", "30101", "基本工资", "基本支出", "", "", "", 2385612.37},
			{"2010301", "行政运行", "30201", "办公费", "基本支出", "", "", "", 216004.5},
			{"2010350", "事业运行", "30107", "绩效工资", "基本支出", "事业收入", "", "", 1324511.11},
			{"2010399", "其他政府办公厅（室）及相关机构事务支出", "31007", "信息网络及软件购置更新", "项目支出", "", "", "政务数据平台二期建设", 3800000},
			{"2010399", "其他政府办公厅（室）及相关机构事务支出", "31007", "信息网络及软件购置更新", "项目支出", "", "是", "政务数据平台二期建设", 1500000},
			{"2080505", "机关事业单位基本养老保险缴费支出", "30108", "机关事业单位基本养老保险缴费", "基本支出", "", "", "", 987203.2},
			{"2210201", "住房公积金", "30113", "住房公积金", "基本支出", "", "", "", 740300.03},
		}
		for i, l := range lines {
			for j, v := range l {
				c, _ := excelize.CoordinatesToCellName(j+1, 3+i)
				if s, ok := v.(string); ok && s == "" {
					continue
				}
				set("支出明细", c, v)
				if kind == gongkai.Final && j == 8 {
					n, _ := excelize.CoordinatesToCellName(10, 3+i)
					a, _ := excelize.CoordinatesToCellName(11, 3+i)
					set("支出明细", n, 2000000)
					set("支出明细", a, v)
				}
			}
		}
		set("三公经费", "B5", 72000.5)
		set("三公经费", "B6", 45000)
		set("三公经费", "B10", 2)
		if kind == gongkai.Final {
			set("三公经费", "C5", 80000)
			set("三公经费", "C6", 45000)
		}
		set("政府采购", "A3", "平台软件开发")
		set("政府采购", "B3", "服务")
		set("政府采购", "C3", 3800000)
		set("政府采购", "D3", 3800000)
		set("项目绩效", "A3", "政务数据平台二期建设")
		set("项目绩效", "B3", "产出指标")
		set("项目绩效", "C3", "数量指标")
		set("项目绩效", "D3", "新接入部门业务系统数")
		set("项目绩效", "E3", "≥")
		set("项目绩效", "F3", "30")
		set("项目绩效", "G3", "个")
		set("项目绩效", "H3", 100)
		set("上年数及变动原因", "B3", 10000000)
		set("上年数及变动原因", "C3", "政务数据平台二期建设项目启动")
		var out bytes.Buffer
		if err := f.Write(&out); err != nil {
			t.Fatal(err)
		}
		d, err := budget.ReadXLSX("form.xlsx", out.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if d.Lines[0].Amount != 238561237 || d.ReportUnitOrDefault() != gongkai.WanYuan || len(d.Department.Duties) != 2 {
			t.Errorf("%s: read %+v", kind, d.Lines[0])
		}
		r, err := Report(d)
		if err != nil {
			t.Fatal(err)
		}
		checkClean(t, r)
		if got := r.Summary.ExpenditureTotal; got == nil || got.Unit != gongkai.WanYuan {
			t.Errorf("%s: expenditure total %v", kind, got)
		}
	}
}

// The filled example workbook generates the same report as its YAML.
func TestExampleWorkbook(t *testing.T) {
	data, err := os.ReadFile("../examples/qingshan-data-2025-budget.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	d, err := budget.ReadXLSX("qingshan-data-2025-budget.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Report(d)
	if err != nil {
		t.Fatal(err)
	}
	checkClean(t, r)
	y, _ := os.ReadFile("../examples/qingshan-data-2025-budget.yaml")
	dy, err := budget.ReadYAML("y", y)
	if err != nil {
		t.Fatal(err)
	}
	ry, _ := Report(dy)
	if fmt.Sprint(ry.Sources[0].Lines[1:]) != fmt.Sprint(r.Sources[0].Lines[1:]) {
		t.Error("workbook and YAML generate different disclosures")
	}
}
