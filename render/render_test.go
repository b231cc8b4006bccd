package render

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/htmldoc"
	"gongkai/importer"
	"gongkai/pdfattach"
	"gongkai/reportjson"
)

// needChromium fails (never skips) the test when Chromium is missing: CI
// installs it, so a missing browser is a broken set-up.
func needChromium(tb testing.TB) {
	tb.Helper()
	if _, err := FindChromium(""); err != nil {
		tb.Fatalf("%v — the PDF tests need Debian's chromium (scripts/setup installs it)", err)
	}
}

func needTool(tb testing.TB, name string) {
	tb.Helper()
	if _, err := exec.LookPath(name); err != nil {
		tb.Fatalf("%s not found: install poppler-utils (scripts/setup installs it)", name)
	}
}

func money(tb testing.TB, s string, u gongkai.Unit) *gongkai.Money {
	tb.Helper()
	m, err := gongkai.ParseMoney(s, u)
	if err != nil {
		tb.Fatal(err)
	}
	return &m
}

// hostile is text from an uploaded file that must come out as text.
const hostile = `</script><script>alert("x")</script>&amp;<b onclick='y'>`

// smallReport is a two-table budget with hostile text in every text field.
func smallReport(tb testing.TB) *gongkai.Report {
	u := gongkai.WanYuan
	cell := func(role gongkai.Role, label, v string) gongkai.Cell {
		m := money(tb, v, u)
		return gongkai.Cell{Role: role, Label: label, Text: v, Money: m}
	}
	fn := &gongkai.Table{Kind: gongkai.TGeneralFunction, Title: "2025年一般公共预算支出表", Number: "预算05表", Unit: u,
		Columns: []gongkai.Column{{Role: gongkai.RTotal, Label: "合计"}, {Role: gongkai.RBasic, Label: "基本支出/小计"},
			{Role: gongkai.RPersonnel, Label: "基本支出/人员经费"}, {Role: gongkai.RPublic, Label: "基本支出/公用经费"}, {Role: gongkai.RProject, Label: "项目支出"}},
		Rows: []*gongkai.Row{
			{Name: "合计", Item: gongkai.ITotal, Cells: []gongkai.Cell{cell(gongkai.RTotal, "合计", "1234567.89"), cell(gongkai.RBasic, "基本支出/小计", "1234567.89"), cell(gongkai.RPersonnel, "基本支出/人员经费", "1234567.89")}},
			{Code: "201", Name: "一般公共服务支出" + hostile, Cells: []gongkai.Cell{cell(gongkai.RTotal, "合计", "1234567.89"), cell(gongkai.RBasic, "基本支出/小计", "1234567.89"), cell(gongkai.RPersonnel, "基本支出/人员经费", "1234567.89")}},
			{Code: "20103", Name: "政府办公厅（室）及相关机构事务", Cells: []gongkai.Cell{cell(gongkai.RTotal, "合计", "1234567.89"), cell(gongkai.RBasic, "基本支出/小计", "1234567.89"), cell(gongkai.RPersonnel, "基本支出/人员经费", "1234567.89")}},
			{Code: "2010301", Name: "行政运行", Cells: []gongkai.Cell{cell(gongkai.RTotal, "合计", "1234567.89"), cell(gongkai.RBasic, "基本支出/小计", "1234567.89"), cell(gongkai.RPersonnel, "基本支出/人员经费", "1234567.89")}},
		}}
	fund := &gongkai.Table{Kind: gongkai.TGovFund, Title: "2025年政府性基金预算支出表", Number: "预算08表", Unit: u,
		Columns: []gongkai.Column{{Role: gongkai.RTotal, Label: "合计"}, {Role: gongkai.RBasic, Label: "基本支出"}, {Role: gongkai.RProject, Label: "项目支出"}},
		Note:    "注：本单位无政府性基金预算，空表列示。"}
	return &gongkai.Report{File: "qingshan.txt", Department: "青山市数据资源局", Year: 2025, Kind: gongkai.Budget, Unit: u,
		Units: []gongkai.Unit{u}, Tables: []*gongkai.Table{fn, fund},
		Sections: []*gongkai.Section{
			{Title: "第一部分 部门概况", Paragraphs: []*gongkai.Paragraph{{Text: "本部门负责统筹全市政务数据资源管理。" + hostile}}},
			{Title: "第二部分 预算情况说明", Paragraphs: []*gongkai.Paragraph{{Text: "本部门按照综合预算原则编制预算。"}}},
		}}
}

func TestHTMLEscapesReportText(t *testing.T) {
	r := smallReport(t)
	r.Department = "青山市<数据>资源局"
	h, err := HTML(r)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(h), "<script"); n != 1 {
		t.Errorf("%d <script> elements, want only the embedded report", n)
	}
	for _, bad := range []string{`<b onclick`, `alert("x")</script>`, "<数据>"} {
		if bytes.Contains(h, []byte(bad)) {
			t.Errorf("unescaped %q in the page", bad)
		}
	}
	// The page reads back with the same text.
	d, err := htmldoc.Read("t.html", h)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range d.Blocks {
		if strings.Contains(b.Text, hostile) {
			found = true
		}
		if b.Grid != nil {
			for _, row := range b.Grid.Rows {
				for _, c := range row.Cells {
					if strings.Contains(c.Text, hostile) {
						found = true
					}
				}
			}
		}
	}
	if !found {
		t.Error("hostile text did not come back as text")
	}
	e, err := reportjson.Open(d.Embedded)
	if err != nil || !e.Intact || e.Report.Department != r.Department {
		t.Errorf("embedded report: %v", err)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	h, err := HTML(smallReport(t))
	if err != nil {
		t.Fatal(err)
	}
	// No external resource of any kind.
	for _, re := range []string{`(?i)<link\b`, `(?i)\bsrc\s*=`, `(?i)url\(`, `(?i)@import`, `(?i)https?://`} {
		if regexp.MustCompile(re).Match(h) {
			t.Errorf("page refers to an external resource (%s)", re)
		}
	}
	s := string(h)
	for _, want := range []string{
		`<html lang="zh-CN">`, `<meta charset="utf-8">`, "<title>青山市数据资源局2025年部门预算</title>",
		`"AR PL UMing CN", "WenQuanYi Micro Hei", "Noto Serif CJK SC", serif`,
		"size: A4", "@bottom-center", "counter(page)", "break-before: page", "thead { display: table-header-group; }",
		"单位：万元", `<caption class="vh">2025年一般公共预算支出表</caption>`,
		`<th id="t1h4" scope="colgroup" colspan="3">基本支出</th>`, `<th scope="row" id="t1h10">`, `headers="t1h4 t1h6 t1h10"`,
		`<td class="num"`, ">1,234,567.89</td>", `<td class="code"`, ">201</td>",
		"注：本单位无政府性基金预算，空表列示。", `<nav class="toc" aria-label="目录">`, `id="gongkai-report"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// No synthetic bold: every weight is normal.
	if regexp.MustCompile(`font-weight:\s*(bold|[6-9]00)`).MatchString(s) {
		t.Error("page asks for bold text (Chromium would fake it)")
	}
}

func TestHTMLRereadsSameReport(t *testing.T) {
	r := smallReport(t)
	h, err := HTML(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := importer.Import(context.Background(), "t.html", h, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := diffReports(r, got); len(d) > 0 {
		t.Errorf("re-read report differs:\n%s", strings.Join(d, "\n"))
	}
	if got.Embedded == nil || !got.Embedded.Intact {
		t.Fatal("no intact embedded report")
	}
	if fs := embeddedFindings(got); len(fs) > 0 {
		t.Errorf("untouched page: %v", fs)
	}
}

// minimalPDF is a one-page PDF with a classic cross-reference table; names
// says how the catalog carries /Names: "" none, "direct" a dictionary,
// "indirect" a reference.
func minimalPDF(names string) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	catalog := "<</Type /Catalog /Pages 2 0 R /Lang (zh\\)CN) /Meta <</A [1 (x>>) <3E>]>>>>"
	switch names {
	case "direct":
		catalog = "<</Type /Catalog /Pages 2 0 R /Names <</Dests 4 0 R>>>>"
	case "indirect":
		catalog = "<</Type /Catalog /Pages 2 0 R /Names 5 0 R>>"
	}
	obj(catalog)
	obj("<</Type /Pages /Kids [3 0 R] /Count 1>>")
	obj("<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>")
	obj("<</Names []>>")
	obj("<</Dests 4 0 R>>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R /ID [<01AB><01AB>]>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

func TestAttach(t *testing.T) {
	needTool(t, "pdfdetach")
	data := []byte(`{"format":"gongkai-report","version":1,"report":{"department":"青山"}}` + strings.Repeat(" ", 5000))
	for _, names := range []string{"", "direct", "indirect"} {
		t.Run("names="+names, func(t *testing.T) {
			src := minimalPDF(names)
			out, err := Attach(src, AttachmentName, data)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, src) {
				t.Error("the original bytes are not kept (not an incremental update)")
			}
			got, err := pdfattach.Extract(context.Background(), out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("attachment came back as %q…", got[:min(len(got), 40)])
			}
			// Poppler reads the updated file without complaint.
			f := filepath.Join(t.TempDir(), "a.pdf")
			os.WriteFile(f, out, 0o644)
			msg, err := exec.Command("pdfinfo", f).CombinedOutput()
			if err != nil || bytes.Contains(msg, []byte("Error")) {
				t.Errorf("pdfinfo: %v\n%s", err, msg)
			}
		})
	}
	if _, err := pdfattach.Extract(context.Background(), minimalPDF("")); !errors.Is(err, pdfattach.ErrNoAttachment) {
		t.Errorf("PDF without attachment: %v", err)
	}
	for name, bad := range map[string][]byte{
		"not a PDF":   []byte("hello"),
		"xref stream": []byte("%PDF-1.5\n1 0 obj\n<</Type /XRef>>\nendobj\nstartxref\n9\n%%EOF\n"),
	} {
		if _, err := Attach(bad, AttachmentName, data); !errors.Is(err, ErrPDFStructure) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Attach(minimalPDF(""), "报告.json", data); err == nil {
		t.Error("non-ASCII attachment name accepted")
	}
}

func TestCSVAndDataPackage(t *testing.T) {
	r := smallReport(t)
	c, err := CSV(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(c, []byte("\uFEFF")) {
		t.Error("no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+4*3 {
		t.Fatalf("%d records, want a header and 12 figures", len(recs))
	}
	want := []string{"1", "general_function", "预算05表", "2025年一般公共预算支出表", "2", "", "201", "", "一般公共服务支出" + hostile, "total", "合计", "1234567.89", "1234567890000", "万元"}
	if strings.Join(recs[4], "|") != strings.Join(want, "|") {
		t.Errorf("record 4:\n got %q\nwant %q", recs[4], want)
	}
	p, err := DataPackage(r, "qingshan")
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Name      string
		Resources []struct {
			Name, Path string
			Schema     struct{ Fields []struct{ Name, Type string } }
		}
	}
	if err := json.Unmarshal(p, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "qingshan" || len(pkg.Resources) != 2 || pkg.Resources[0].Path != "qingshan.csv" || pkg.Resources[1].Path != "qingshan.json" {
		t.Fatalf("package %+v", pkg)
	}
	var names []string
	for _, f := range pkg.Resources[0].Schema.Fields {
		names = append(names, f.Name)
	}
	if strings.Join(names, ",") != strings.Join(recs[0], ",") {
		t.Errorf("schema fields %v, CSV header %v", names, recs[0])
	}
}

func TestWrite(t *testing.T) {
	r := smallReport(t)
	dir := t.TempDir()
	paths, err := Write(context.Background(), r, dir, []string{"html", "xlsx", "csv"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paths {
		got = append(got, filepath.Base(p))
	}
	if strings.Join(got, " ") != "qingshan.html qingshan.xlsx qingshan.csv datapackage.json qingshan.json" {
		t.Errorf("wrote %v", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(paths) {
		t.Errorf("%d files in the directory, %d written (temporary files left?)", len(entries), len(paths))
	}
	j, _ := os.ReadFile(filepath.Join(dir, "qingshan.json"))
	if back, err := reportjson.Unmarshal(j); err != nil || back.Department != r.Department {
		t.Errorf("JSON: %v", err)
	}
	if _, err := Write(context.Background(), r, dir, []string{"html", "docx"}); !errors.Is(err, ErrFormat) {
		t.Errorf("unknown format: %v", err)
	}
}

// TestWriteAtomic: when one format fails, no file of the call is left.
func TestWriteAtomic(t *testing.T) {
	save := writePrinter
	defer func() { writePrinter = save }()
	broken := NewPrinter("/nonexistent/chromium")
	writePrinter = func() *Printer { return broken }
	dir := t.TempDir()
	_, err := Write(context.Background(), smallReport(t), dir, nil)
	if !errors.Is(err, ErrNoChromium) {
		t.Fatalf("err = %v, want ErrNoChromium", err)
	}
	if !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("error does not say how to install: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left after a failed Write: %v", entries)
	}
}

func TestFileName(t *testing.T) {
	for _, c := range []struct {
		r    gongkai.Report
		want string
	}{
		{gongkai.Report{File: "/a/b/赤壁 2023.pdf"}, "赤壁 2023"},
		{gongkai.Report{File: "a.pdf + b.pdf", Department: "某局", Year: 2024, Kind: gongkai.Final}, "某局-2024-final"},
		{gongkai.Report{Department: "某/局", Kind: gongkai.Budget}, "某_局-budget"},
		{gongkai.Report{}, "report"},
	} {
		if got := FileName(&c.r); got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.r.File, got, c.want)
		}
	}
}

func TestHeaderSpans(t *testing.T) {
	h := header([][]string{{"科目编码"}, {"合计"}, {"基本支出", "小计"}, {"基本支出", "人员经费"}, {"项目支出"}},
		[]colKind{colCode, colMoney, colMoney, colMoney, colMoney})
	var got []string
	for i, row := range h {
		for j, c := range row {
			if !c.Covered {
				got = append(got, fmt.Sprintf("%d,%d:%s/%d/%d", i, j, c.Text, c.ColSpan, c.RowSpan))
			}
		}
	}
	want := "0,0:科目编码/1/2 0,1:合计/1/2 0,2:基本支出/2/1 0,4:项目支出/1/2 1,2:小计/1/1 1,3:人员经费/1/1"
	if strings.Join(got, " ") != want {
		t.Errorf("header:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestXLSXReportInParts: report data longer than a cell holds is split over
// gongkai_report!A2… with "gongkai-report-parts:N" in A1, and comes back
// whole and intact through the importer.
func TestXLSXReportInParts(t *testing.T) {
	src := bigReport(t, benchLines)
	book := renderXLSX(t, src)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	a1, _ := f.GetCellValue(ReportSheet, "A1")
	f.Close()
	if !strings.HasPrefix(a1, reportjson.PartsPrefix) {
		t.Fatalf("A1 = %.40q, want the parts header", a1)
	}
	got := reimport(t, "big.xlsx", book)
	if got.Embedded == nil || !got.Embedded.Intact || got.Embedded.Report == nil {
		t.Fatalf("embedded report not read back whole: %+v", got.Embedded)
	}
	if len(got.Embedded.Report.Tables) != len(src.Tables) {
		t.Errorf("embedded report has %d tables, want %d", len(got.Embedded.Report.Tables), len(src.Tables))
	}
}
