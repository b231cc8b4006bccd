package budget

import (
	"os"
	"strings"
	"testing"

	"gongkai"
)

func TestReadExampleYAML(t *testing.T) {
	data, err := os.ReadFile("../examples/qingshan-data-2025-budget.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ReadYAML("qingshan.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != gongkai.Budget || d.Year != 2025 || d.Unit != gongkai.WanYuan || len(d.Lines) != 36 {
		t.Fatalf("read %s %d %s with %d lines", d.Kind, d.Year, d.Unit, len(d.Lines))
	}
	if d.Lines[0].Amount != 238_560_000 {
		t.Errorf("first amount %d 分, want 238.56万元", d.Lines[0].Amount)
	}
	if d.Prior[gongkai.QThreeCosts] != 13_500_000 {
		t.Errorf("prior three costs %d", d.Prior[gongkai.QThreeCosts])
	}
}

func TestReadYAMLErrors(t *testing.T) {
	src := `kind: 预算
year: 2025
unit: 万元
department: {name: 测试局}
colour: red
lines:
  - {function: "2101599X", function_name: 其他, economic: "30101", economic_name: 基本工资, kind: 基本支出, amount: 1.2345678}
  - {function: "2101501", function_name: 行政运行, economic: "30101", kind: 基本, amount: abc}
`
	_, err := ReadYAML("bad.yaml", []byte(src))
	es, ok := err.(InputErrors)
	if !ok {
		t.Fatalf("got %v, want InputErrors", err)
	}
	text := es.Error()
	for _, want := range []string{"bad.yaml 第5行 colour：未知字段", "lines[0].amount：金额 1.2345678 的小数位数超过分", "bad.yaml 第8行 lines[1].amount：金额 \"abc\" 不是数字"} {
		if !strings.Contains(text, want) {
			t.Errorf("errors lack %q:\n%s", want, text)
		}
	}
}

func TestReadJSON(t *testing.T) {
	src := `{"kind":"final","year":2024,"unit":"元","department":{"name":"测试局"},
	"lines":[{"function":"2101501","function_name":"行政运行","economic":"30101","economic_name":"基本工资","kind":"基本支出","amount":123456.78}]}`
	d, err := ReadJSON("x.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Lines[0].Amount != 12_345_678 {
		t.Errorf("amount %d", d.Lines[0].Amount)
	}
	_, err = ReadJSON("x.json", []byte(`{"kind":"final","year":2024,"unit":"元","department":{"name":"测试局"},"lines":[{"function":"21015","function_name":"x","kind":"项目支出","amount":"1.001"}]}`))
	if err == nil || !strings.Contains(err.Error(), "lines[0].function：功能分类科目 21015 格式不对") || !strings.Contains(err.Error(), "小数位数超过分") {
		t.Errorf("got %v", err)
	}
}
