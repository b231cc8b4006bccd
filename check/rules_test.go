package check_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"gongkai"
	"gongkai/check"
	"gongkai/importer"
)

func checkText(t *testing.T, text string) []gongkai.Finding {
	t.Helper()
	r, err := importer.Import(context.Background(), "t.txt", []byte(text), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return check.Run(r, check.Options{})
}

func errorsOf(fs []gongkai.Finding, sev gongkai.Severity) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == sev {
			out = append(out, fmt.Sprintf("%s@%d", f.Rule, f.Loc.Line))
		}
	}
	sort.Strings(out)
	return out
}

// The example disclosure's deliberate mistakes are all found, and nothing else.
func TestExampleMistakes(t *testing.T) {
	r, err := importer.ImportFile(context.Background(), "../examples/qingshan-data-2025-budget.txt", importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := check.Run(r, check.Options{})
	got := errorsOf(fs, gongkai.Error)
	want := []string{"complete.placeholder@51", "cross.lines@137", "prose.change@39", "prose.parts@35",
		"prose.share@23", "prose.table@35", "table.columns@137", "table.hierarchy@135"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("errors:\n got %v\nwant %v", got, want)
	}
	if w := errorsOf(fs, gongkai.Warning); len(w) != 0 {
		t.Errorf("unexpected warnings %v", w)
	}
}

const balanceDoc = `某局2024年部门预算

部门收支总表
单位：万元
收入	预算数	支出	预算数
一、一般公共预算拨款收入	100.00	201 一般公共服务支出	80.00
二、政府性基金预算拨款收入		208 社会保障和就业支出	25.00
本年收入合计	100.00	本年支出合计	100.00
上年结转	10.00	结转下年
收入总计	100.00	支出总计	100.00
`

func TestBalanceRules(t *testing.T) {
	fs := checkText(t, balanceDoc)
	got := errorsOf(fs, gongkai.Error)
	// 本年支出合计 100 ≠ 80 + 25; 收入总计 100 ≠ 100 + 10.
	want := []string{"table.balance@8", "table.balance@10"}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

const emptyDoc = `某局2024年部门预算

政府性基金预算支出表
单位：万元
科目编码	科目名称	合计
	合计

国有资本经营预算支出表
单位：万元
科目编码	科目名称	合计
210	卫生健康支出	5.00
注：本单位无国有资本经营预算，空表列示。
`

func TestEmptyNotes(t *testing.T) {
	fs := checkText(t, emptyDoc)
	var rules []string
	for _, f := range fs {
		if f.Rule == "table.empty-note" {
			rules = append(rules, f.Severity.String())
		}
	}
	sort.Strings(rules)
	if strings.Join(rules, " ") != "error warning" {
		t.Errorf("empty-note findings %v, want one warning (no note) and one error (note on data)", rules)
	}
}

const proseDoc = `某局2024年部门决算

2024年度一般公共预算财政拨款支出年初预算为400.00万元，支出决算为300.00万元，完成年初预算的80.00%。

2024年收入总计500.00万元，支出总计490.00万元。

2024年度“三公”经费支出决算10.00万元，比上年减少2.00万元，下降20.00%。
`

func TestProseRules(t *testing.T) {
	fs := checkText(t, proseDoc)
	got := errorsOf(fs, gongkai.Error)
	// 300/400 = 75%; 收入总计 ≠ 支出总计; 2/(10+2) = 16.67%.
	want := []string{"prose.change@7", "prose.completion@3", "prose.identity@5"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

const codesDoc = `某局2024年部门预算

一般公共预算支出表
单位：万元
科目编码	科目名称	合计
	合计	30.00
210	卫生健康支出	30.00
21011	行政事业单位医疗	30.00
301	工资福利支出	1.00

一般公共预算基本支出表
单位：万元
科目编码	科目名称	合计
	合计	30.00
301	工资福利支出	30.00
30101	基本工资	30.00
21011	行政单位医疗	1.00
`

func TestCodeRules(t *testing.T) {
	fs := checkText(t, codesDoc)
	var got []string
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "code.") {
			got = append(got, fmt.Sprintf("%s:%s@%d", f.Rule, f.Severity, f.Loc.Line))
		}
	}
	sort.Strings(got)
	want := []string{
		"code.depth:error@3",     // function table stops at 款
		"code.format:warning@9",  // economic code in a function table
		"code.format:warning@17", // function code in an economic table
		"code.name:warning@17",   // 21011 named differently
	}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// Placeholders left from a template are found whether the letters touch the
// Chinese text or stand apart from it with spaces (as PDF text sets them);
// Latin words and sizes are no placeholders.
func TestPlaceholders(t *testing.T) {
	for text, want := range map[string]bool{
		"本预算由局XX处负责解释。":   true,
		"本预算由局 XX 处负责解释。": true,
		"本单位共有××名在职人员。":   true,
		"采购XXL号工作服。":      false,
		"采购 XXL 号工作服。":    false,
		"公式为 XX + 1 的结果。": false,
	} {
		doc := "某某局2025年部门预算\n\n一、部门职责\n\n" + text + "\n"
		found := false
		for _, f := range checkText(t, doc) {
			if f.Rule == "complete.placeholder" {
				found = true
			}
		}
		if found != want {
			t.Errorf("%q: placeholder found %v, want %v", text, found, want)
		}
	}
}
