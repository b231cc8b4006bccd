package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/reportjson"
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
	code, out, errs := runCLI(t, "generate", "../../examples/qingshan-data-2025-budget.yaml", "-o", dir, "--format", "html,xlsx,csv,json,text")
	if code != 0 || !strings.Contains(out, "错误 0，警告 0，提示 0") {
		t.Fatalf("generate: %d %s %s", code, out, errs)
	}
	base := filepath.Join(dir, "青山市数据资源局2025年预算")
	data, err := os.ReadFile(base + ".json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := reportjson.Unmarshal(data)
	if err != nil || r.Department != "青山市数据资源局" || len(r.Tables) < 13 {
		t.Fatalf("report JSON: %v", err)
	}
	for _, f := range []string{base + ".csv", filepath.Join(dir, "datapackage.json")} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// Every written disclosure reads back clean, with the same tables.
	for _, ext := range []string{".txt", ".html", ".xlsx"} {
		code, out, _ := runCLI(t, "check", "--format", "json", base+ext)
		var res struct {
			Tables   []json.RawMessage `json:"tables"`
			Findings []json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("check %s: %v\n%s", ext, err, out)
		}
		if code != 0 || len(res.Findings) > 0 || len(res.Tables) != len(r.Tables) {
			t.Errorf("check of generated %s: exit %d, %d findings, %d tables (generated %d)\n%s", ext, code, len(res.Findings), len(res.Tables), len(r.Tables), out)
		}
	}
	if code, _, errs := runCLI(t, "generate", "--format", "docx", "../../examples/qingshan-data-2025-budget.yaml", "-o", dir); code != exitBadInput || !strings.Contains(errs, "未知的输出格式") {
		t.Errorf("docx: %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "template", "--kind", "x", "--year", "2024"); code != exitBadInput {
		t.Errorf("bad kind: %d", code)
	}
}
