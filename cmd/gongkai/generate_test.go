package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai"
)

func TestTemplateAndGenerate(t *testing.T) {
	dir := t.TempDir()
	form := filepath.Join(dir, "form.xlsx")
	if code, _, errs := runCLI(t, "template", "--kind", "final", "--year", "2024", "-o", form); code != 0 {
		t.Fatalf("template: %d %s", code, errs)
	}
	// The empty form names what is missing, every problem at once.
	code, _, errs := runCLI(t, "generate", form, "-o", dir)
	if code != exitBadInput || !strings.Contains(errs, "单位信息!B3：未填写部门名称") || !strings.Contains(errs, "没有支出明细") {
		t.Errorf("empty form: %d %s", code, errs)
	}
	code, out, errs := runCLI(t, "generate", "../../examples/qingshan-data-2025-budget.yaml", "-o", dir, "--format", "json,text")
	if code != 0 || !strings.Contains(out, "错误 0，警告 0，提示 0") {
		t.Fatalf("generate: %d %s %s", code, out, errs)
	}
	data, err := os.ReadFile(filepath.Join(dir, "青山市数据资源局2025年部门预算公开.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r gongkai.Report
	if err := json.Unmarshal(data, &r); err != nil || r.Department != "青山市数据资源局" || len(r.Tables) < 13 {
		t.Errorf("report JSON: %v %q %d tables", err, r.Department, len(r.Tables))
	}
	// The text layout is a disclosure check reads clean.
	code, out, _ = runCLI(t, "check", filepath.Join(dir, "青山市数据资源局2025年部门预算公开.txt"))
	if code != 0 {
		t.Errorf("check of generated text: %d\n%s", code, out)
	}
	if code, _, errs := runCLI(t, "generate", "--format", "pdf", "../../examples/qingshan-data-2025-budget.yaml", "-o", dir); code != exitBadInput || !strings.Contains(errs, "尚不支持") {
		t.Errorf("pdf: %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "template", "--kind", "x", "--year", "2024"); code != exitBadInput {
		t.Errorf("bad kind: %d", code)
	}
}
