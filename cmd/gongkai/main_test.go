package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/internal/corpus"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.Contains(out, "gongkai") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "help"); code != 0 || !strings.Contains(out, "check") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, _, errs := runCLI(t, "nosuch"); code != exitBadInput || !strings.Contains(errs, "未知命令") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "check"); code != exitBadInput {
		t.Errorf("check without files: %d", code)
	}
}

// Bad inputs get a clear message naming the file, exit 2, and no panic.
func TestCheckBadInputs(t *testing.T) {
	random := make([]byte, 1<<16)
	rand.New(rand.NewSource(7)).Read(random)
	xlsxAsText := func() []byte {
		f := excelize.NewFile()
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}()
	cases := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"empty", "empty.txt", nil, "文件为空"},
		{"random", "random.txt", random, "不是文本文件"},
		{"fake pdf", "fake.txt", []byte("%PDF-1.7\nnot really a pdf"), "fake.txt"},
		{"empty xlsx named txt", "book.txt", xlsxAsText, "book.txt"},
		{"not a disclosure", "poem.txt", []byte("床前明月光\n疑是地上霜\n"), "不是预决算公开文件"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, c.file, c.data)
			code, _, errs := runCLI(t, "check", p)
			if code != exitBadInput {
				t.Fatalf("exit %d, want 2; stderr %q", code, errs)
			}
			if !strings.Contains(errs, c.want) || !strings.Contains(errs, filepath.Base(p)) {
				t.Errorf("stderr %q does not say %q and name the file", errs, c.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		code, _, errs := runCLI(t, "check", "/nonexistent/x.txt")
		if code != exitBadInput || !strings.Contains(errs, "x.txt") {
			t.Errorf("%d %q", code, errs)
		}
	})
}

// A 200 MB file is refused before it is read: clear message, no memory spent.
func TestCheckHugeFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("某局2024年部门预算\n")
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, errs := runCLI(t, "check", p)
	if code != exitBadInput || !strings.Contains(errs, "文件过大") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// A seed saved as GBK gives the same result as the UTF-8 original.
func TestCheckGBKSeed(t *testing.T) {
	seeds := corpus.Files(t, "seeds", "001_*.txt")
	data, err := os.ReadFile(seeds[0])
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	p := write(t, filepath.Base(seeds[0]), gbk)
	code1, out1, _ := runCLI(t, "check", "--format", "json", seeds[0])
	code2, out2, _ := runCLI(t, "check", "--format", "json", p)
	if code1 != code2 {
		t.Fatalf("exit %d vs %d", code1, code2)
	}
	var a, b map[string]any
	if err := json.Unmarshal([]byte(out1), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out2), &b); err != nil {
		t.Fatal(err)
	}
	delete(a, "file")
	delete(b, "file")
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("GBK result differs from UTF-8 result")
	}
}

// The JSON output has the documented shape and the exit status follows the errors.
func TestCheckJSON(t *testing.T) {
	seeds := corpus.Files(t, "seeds", "*.txt")
	code, out, errs := runCLI(t, "check", "--format", "json", seeds[0], seeds[3])
	if code != exitFindings {
		t.Fatalf("exit %d (stderr %q)", code, errs)
	}
	var results []map[string]any
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	if len(results) != 2 {
		t.Fatalf("%d results", len(results))
	}
	for _, k := range []string{"file", "department", "year", "kind", "unit", "summary", "tables", "findings"} {
		if _, ok := results[1][k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	sum := results[1]["summary"].(map[string]any)
	for _, k := range []string{"income_total", "expenditure_total", "basic", "project", "personnel", "public", "three_costs", "operating_costs", "procurement"} {
		if _, ok := sum[k]; !ok {
			t.Errorf("summary missing %q", k)
		}
	}
	if sum["basic"] != "101.80" || results[1]["kind"] != "final" || results[1]["unit"] != "万元" {
		t.Errorf("summary/kind/unit = %v %v %v", sum["basic"], results[1]["kind"], results[1]["unit"])
	}
	tables := results[1]["tables"].([]any)
	t0 := tables[0].(map[string]any)
	for _, k := range []string{"kind", "title", "unit", "line", "rows"} {
		if _, ok := t0[k]; !ok {
			t.Errorf("table missing %q", k)
		}
	}
	row := t0["rows"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "line", "values"} {
		if _, ok := row[k]; !ok {
			t.Errorf("row missing %q", k)
		}
	}
	f0 := results[0]["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"rule", "severity", "message", "line", "expected", "found"} {
		if _, ok := f0[k]; !ok {
			t.Errorf("finding missing %q", k)
		}
	}
	// One file gives one object, not an array.
	_, out, _ = runCLI(t, "check", "--format", "json", seeds[2])
	if !strings.HasPrefix(strings.TrimSpace(out), "{") {
		t.Errorf("single result is not an object")
	}
	// A document without error findings exits 0.
	code, _, errs = runCLI(t, "check", "../../examples/qingshan-data-2025-budget.txt")
	if code != exitFindings {
		t.Errorf("example exit %d, want 1 (%s)", code, errs)
	}
	clean := write(t, "clean.txt", []byte("某局2024年部门预算\n\n2024年收入预算100.00万元，其中：一般公共预算拨款收入100.00万元。\n"))
	if code, _, errs = runCLI(t, "check", clean); code != exitOK {
		t.Errorf("clean document exit %d, want 0 (%s)", code, errs)
	}
}

func TestCheckTextOutput(t *testing.T) {
	seeds := corpus.Files(t, "seeds", "001_*.txt")
	code, out, _ := runCLI(t, "check", seeds[0])
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"赤壁市医疗保障局", "错误（1）", "[prose.change] 第231行", "原文：", "应为：32.40%", "实为：3.15%"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// TestReadmeExample: the findings README.md shows for the bundled example
// are what gongkai check prints for it.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const start = "```\n== examples/qingshan-data-2025-budget.txt =="
	i := strings.Index(string(readme), start)
	if i < 0 {
		t.Fatal("README.md has no example check output")
	}
	block := string(readme)[i+4:]
	block = block[:strings.Index(block, "```")]
	code, out, _ := runCLI(t, "check", "../../examples/qingshan-data-2025-budget.txt")
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	var shown []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(l, "      ") {
			shown = append(shown, l)
		}
	}
	got := strings.ReplaceAll(strings.Join(shown, "\n"), "../../examples/", "examples/")
	if strings.TrimSpace(block) != strings.TrimSpace(got) {
		t.Errorf("README.md shows:\n%s\ngongkai check prints:\n%s", block, got)
	}
}
