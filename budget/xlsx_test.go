package budget

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai"
)

func readExample(t *testing.T) *Data {
	t.Helper()
	data, err := os.ReadFile("../examples/qingshan-data-2025-budget.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ReadYAML("qingshan.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Data written as a workbook reads back the same.
func TestXLSXRoundTrip(t *testing.T) {
	d := readExample(t)
	var b bytes.Buffer
	if err := WriteXLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 100<<10 {
		t.Errorf("filled workbook is %d bytes", b.Len())
	}
	got, err := ReadXLSX("qingshan.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		for i := range d.Lines {
			if !reflect.DeepEqual(got.Lines[i], d.Lines[i]) {
				t.Errorf("line %d: %+v, want %+v", i, got.Lines[i], d.Lines[i])
			}
		}
		t.Errorf("read back differs:\n got %+v\nwant %+v", got, d)
	}
	if os.Getenv("GONGKAI_WRITE_EXAMPLE") != "" {
		// go test ./budget -run TestXLSXRoundTrip with this set refreshes the filled example.
		if err := os.WriteFile("../examples/qingshan-data-2025-budget.xlsx", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A workbook with several bad cells gets all of them, each at its cell.
func TestXLSXInputErrors(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTemplate(&b, gongkai.Budget, 2025); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	set := func(sheet, cell, v string) {
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("单位信息", "B3", "测试局")
	set("单位信息", "B6", "预算")
	set("单位信息", "B7", "2025")
	set("单位信息", "B8", "万元")
	row := func(r string, vals ...string) {
		for j, v := range vals {
			c, _ := excelize.CoordinatesToCellName(j+1, atoi(r))
			set("支出明细", c, v)
		}
	}
	row("3", "2101501", "行政运行", "30101", "基本工资", "基本支出", "", "", "", "100")
	row("4", "2101599X", "其他医疗保障管理事务支出", "30201", "办公费", "基本支出", "", "", "", "12.3456789")
	row("5", "2101501", "行政运行", "", "", "基本支出", "地方债", "", "", "abc")
	row("6", "2101501", "行政运行", "30101", "基本工资", "基本支出", "", "", "", "5")
	set("支出明细", "L2", "备注栏")
	set("项目绩效", "A3", "不存在的项目")
	set("项目绩效", "D3", "完成率")
	set("项目绩效", "F3", "100")
	set("项目绩效", "H3", "90")
	f.NewSheet("草稿")
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	_, err = ReadXLSX("form.xlsx", out.Bytes())
	es, ok := err.(InputErrors)
	if !ok {
		t.Fatalf("got %v, want InputErrors", err)
	}
	want := []string{
		"草稿!A1：未知的工作表“草稿”",
		"支出明细!L2：未知的列“备注栏”",
		"支出明细!I4：金额 12.3456789 的小数位数超过分",
		"支出明细!F5：资金来源 \"地方债\" 不对",
		"支出明细!I5：金额 \"abc\" 不是数字",
		"支出明细!A4：功能分类科目 2101599X 格式不对（应为7位数字，以2开头）",
		"支出明细!C5：基本支出须填写经济分类科目",
		"支出明细!A6：与第1行支出明细重复",
		"项目绩效!A3：指标所属项目“不存在的项目”不存在",
	}
	text := es.Error()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("errors lack %q", w)
		}
	}
	if t.Failed() {
		t.Log("\n" + text)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
