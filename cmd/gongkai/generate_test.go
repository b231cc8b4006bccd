package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/corpus"
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
	// PDF needs Debian's fonts-arphic-uming and fonts-wqy-microhei;
	// without them generate fails, and so does this test.
	code, out, errs := runCLI(t, "generate", "../../examples/qingshan-data-2025-budget.yaml", "-o", dir, "--format", "html,pdf,xlsx,csv,json,text")
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
	for _, ext := range []string{".txt", ".html", ".pdf", ".xlsx"} {
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

// TestGenerateFrom: a published disclosure is rebuilt and generated again
// (seed 001, whose tables list its budget units beside the codes; Beijing's
// prose and tables published as two files), its data saved as the input
// workbook generates the same; a disclosure without expenditure tables is
// refused with the reason.
func TestGenerateFrom(t *testing.T) {
	dir := t.TempDir()
	seed := corpus.Files(t, "seeds", "001_*.txt")[0]
	data := filepath.Join(dir, "data", "赤壁.xlsx")
	code, out, errs := runCLI(t, "generate", "--from", seed, "-o", dir, "--format", "html,text", "--data", data)
	if code != 0 || !strings.Contains(out, "已由") || !strings.Contains(out, "赤壁市医疗保障局 2023年预算") ||
		!strings.Contains(out, "错误 0，警告 0，提示 0") {
		t.Fatalf("generate --from: %d\n%s\n%s", code, out, errs)
	}
	base := filepath.Join(dir, "赤壁市医疗保障局2023年预算")
	if code, out, _ := runCLI(t, "check", base+".html"); code != 0 || !strings.Contains(out, "错误 0  警告 0  提示 0") {
		t.Errorf("check of the regenerated disclosure: %d\n%s", code, out)
	}
	first, err := os.ReadFile(base + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(dir, "again")
	if code, out, errs := runCLI(t, "generate", data, "-o", again, "--format", "text"); code != 0 {
		t.Fatalf("generate from the saved data: %d\n%s\n%s", code, out, errs)
	}
	second, err := os.ReadFile(filepath.Join(again, "赤壁市医疗保障局2023年预算.txt"))
	if err != nil || string(first) != string(second) {
		t.Errorf("the saved data does not generate the same disclosure (%v)", err)
	}

	beijing := corpus.Files(t, "corpus", "20_beijing-*.pdf")
	if code, out, errs := runCLI(t, "generate", "--from", beijing[0], beijing[1], "-o", dir, "--format", "json"); code != 0 ||
		!strings.Contains(out, "北京市医疗保障局 2026年预算") || !strings.Contains(out, "错误 0，警告 0，提示 0") {
		t.Errorf("generate --from two files: %d\n%s\n%s", code, out, errs)
	}

	prose := corpus.Files(t, "seeds", "000_*.txt")[0]
	if code, _, errs := runCLI(t, "generate", "--from", prose, "-o", dir); code != exitBadInput || !strings.Contains(errs, "无法还原支出明细") {
		t.Errorf("prose only: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "generate", "--data", data, "../../examples/qingshan-data-2025-budget.yaml"); code != exitBadInput || !strings.Contains(errs, "--data 只能与 --from 同用") {
		t.Errorf("--data without --from: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "generate", "a.yaml", "b.yaml"); code != exitBadInput || !strings.Contains(errs, "请指定一个数据文件") {
		t.Errorf("two data files: %d %s", code, errs)
	}
}
