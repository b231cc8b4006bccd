package xlsxdoc

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/doc"
)

func mustRead(t testing.TB, name string, data []byte) *doc.Document {
	t.Helper()
	d, err := Read(name, data)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	if err := docErr(d); err != nil {
		t.Fatalf("%v\n%s", err, d.Dump())
	}
	return d
}

func readFixture(t testing.TB, name string) *doc.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return mustRead(t, name, data)
}

// docErr checks the invariants every document must keep: locations index
// Lines and name a sheet, a text block is made of its row's cells, a grid
// is rectangular and its cells are the cells of their row's line, and
// spans and Covered cells agree.
func docErr(d *doc.Document) error {
	line := func(n int) (string, error) {
		if n < 1 || n > len(d.Lines) {
			return "", fmt.Errorf("line %d out of range 1..%d", n, len(d.Lines))
		}
		return d.Lines[n-1], nil
	}
	for bi, b := range d.Blocks {
		if b.Loc.Sheet == "" {
			return fmt.Errorf("block %d: no sheet", bi)
		}
		if b.Grid == nil {
			l, err := line(b.Loc.Line)
			if err != nil {
				return fmt.Errorf("block %d: %v", bi, err)
			}
			if b.Text == "" || strings.Join(strings.Fields(strings.ReplaceAll(l, "\t", " ")), " ") != strings.Join(strings.Fields(b.Text), " ") {
				return fmt.Errorf("block %d: line %q, text %q", bi, l, b.Text)
			}
			continue
		}
		g := b.Grid
		if len(g.Rows) == 0 {
			return fmt.Errorf("block %d: empty grid", bi)
		}
		w := g.Width()
		covered := make([][]bool, len(g.Rows))
		for y, r := range g.Rows {
			if len(r.Cells) != w {
				return fmt.Errorf("grid %d row %d: %d cells, width %d", bi, y, len(r.Cells), w)
			}
			covered[y] = make([]bool, w)
			l, err := line(r.Loc.Line)
			if err != nil {
				return fmt.Errorf("grid %d row %d: %v", bi, y, err)
			}
			fields := strings.Split(l, "\t")
			for x, c := range r.Cells {
				if c.Loc.Line != r.Loc.Line || c.Loc.Sheet != b.Loc.Sheet || c.Loc.Cell == "" {
					return fmt.Errorf("grid %d cell %d,%d: loc %+v", bi, y, x, c.Loc)
				}
				col, _, err := excelize.CellNameToCoordinates(c.Loc.Cell)
				if err != nil {
					return fmt.Errorf("grid %d cell %d,%d: %v", bi, y, x, err)
				}
				want := ""
				if col <= len(fields) {
					want = fields[col-1]
				}
				if c.Text != want {
					return fmt.Errorf("grid %d cell %s: text %q, line has %q", bi, c.Loc.Cell, c.Text, want)
				}
				if c.Covered && (c.Text != "" || c.Number != "") {
					return fmt.Errorf("grid %d cell %s: covered with value", bi, c.Loc.Cell)
				}
			}
		}
		for y, r := range g.Rows {
			for x, c := range r.Cells {
				if c.Covered || (c.ColSpan <= 1 && c.RowSpan <= 1) {
					continue
				}
				cs, rs := max(c.ColSpan, 1), max(c.RowSpan, 1)
				if y+rs > len(g.Rows) || x+cs > w {
					return fmt.Errorf("grid %d cell %d,%d: span %d×%d leaves the grid", bi, y, x, cs, rs)
				}
				for dy := range rs {
					for dx := range cs {
						if dx == 0 && dy == 0 {
							continue
						}
						if !g.Rows[y+dy].Cells[x+dx].Covered || covered[y+dy][x+dx] {
							return fmt.Errorf("grid %d cell %d,%d: span position %d,%d not covered once", bi, y, x, y+dy, x+dx)
						}
						covered[y+dy][x+dx] = true
					}
				}
			}
		}
		for y, r := range g.Rows {
			for x, c := range r.Cells {
				if c.Covered && !covered[y][x] {
					return fmt.Errorf("grid %d cell %d,%d: covered by no span", bi, y, x)
				}
			}
		}
	}
	return nil
}

type blockView struct {
	sheet string
	text  string
	grid  *doc.Grid
}

func blocks(d *doc.Document) []blockView {
	var out []blockView
	for _, b := range d.Blocks {
		out = append(out, blockView{b.Loc.Sheet, b.Text, b.Grid})
	}
	return out
}

func rowsOf(g *doc.Grid) [][]string {
	var out [][]string
	for _, r := range g.Rows {
		var row []string
		for _, c := range r.Cells {
			if c.Covered {
				row = append(row, "^")
			} else {
				row = append(row, c.Text)
			}
		}
		out = append(out, row)
	}
	return out
}

func wantRows(t *testing.T, g *doc.Grid, want [][]string) {
	t.Helper()
	if got := rowsOf(g); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("grid rows:\n got %q\nwant %q", got, want)
	}
}

func cellAt(t *testing.T, d *doc.Document, sheet, name string) doc.Cell {
	t.Helper()
	for _, b := range d.Blocks {
		if b.Grid == nil || b.Loc.Sheet != sheet {
			continue
		}
		for _, r := range b.Grid.Rows {
			for _, c := range r.Cells {
				if c.Loc.Cell == name {
					return c
				}
			}
		}
	}
	t.Fatalf("no cell %s!%s in\n%s", sheet, name, d.Dump())
	return doc.Cell{}
}

func wantErr(t *testing.T, err error, sentinel error) *gongkai.ImportError {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %v, want %v", err, sentinel)
	}
	var ie *gongkai.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %T is not *gongkai.ImportError", err)
	}
	return ie
}

func save(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLibreOfficeWorkbook(t *testing.T) {
	d := readFixture(t, "budget_lo.xlsx")
	if d.Format != "xlsx" || d.Pages != 2 {
		t.Errorf("format %q pages %d", d.Format, d.Pages)
	}
	if string(d.Embedded) != `{"version":1}` {
		t.Errorf("embedded %q", d.Embedded)
	}
	bs := blocks(d)
	var kinds []string
	for _, b := range bs {
		if b.grid != nil {
			kinds = append(kinds, b.sheet+":GRID")
		} else {
			kinds = append(kinds, b.sheet+":"+b.text)
		}
	}
	want := []string{
		"部门支出总表:2024年部门支出总表", "部门支出总表:公开03表 单位：万元", "部门支出总表:GRID",
		"部门支出总表:注：本表金额保留两位小数，合计数可能存在尾数误差。",
		"三公经费:“三公”经费支出表", "三公经费:GRID", "三公经费:政府性基金预算支出表", "三公经费:GRID",
		"三公经费:本单位无政府性基金预算，空表列示。",
	}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("blocks:\n got %q\nwant %q", kinds, want)
	}
	g := bs[2].grid
	if g.Title != "部门支出总表" {
		t.Errorf("title %q", g.Title)
	}
	wantRows(t, g, [][]string{
		{"科目编码", "科目名称", "本年支出", "^", "^", "增长率"},
		{"^", "^", "合计", "基本支出", "项目支出", "^"},
		{"210", "卫生健康支出", "1,235.51", "1,234.50", "1.01", "5.3%"},
		{"21015", "医疗保障管理事务", "1,235.51", "1,234.50", "1.01", ""},
		{"2101501", "行政运行", "0.30", "0.30", "0.00", ""},
		{"2101502", "机关事业单位 基本养老保险缴费支出", "1,235.21", "1,234.20", "1.01", ""},
		{"合计", "^", "1,235.51", "1,234.50", "1.01", ""},
	})
	h := g.Rows[0].Cells
	if h[0].RowSpan != 2 || h[0].ColSpan != 1 || h[2].ColSpan != 3 || h[2].RowSpan != 1 || h[5].RowSpan != 2 {
		t.Errorf("header spans %+v", h)
	}
	// Codes stay text; amounts keep their exact stored value.
	if c := cellAt(t, d, "部门支出总表", "A7"); c.Text != "2101501" || c.Number != "" {
		t.Errorf("A7 %+v", c)
	}
	for name, want := range map[string][2]string{
		"C5": {"1,235.51", "1235.505"}, "E5": {"1.01", "1.005"}, "C7": {"0.30", "0.3"},
		"F5": {"5.3%", "0.053"}, "E7": {"0.00", "0"},
	} {
		if c := cellAt(t, d, "部门支出总表", name); c.Text != want[0] || c.Number != want[1] {
			t.Errorf("%s: text %q number %q, want %q %q", name, c.Text, c.Number, want[0], want[1])
		}
	}
	// A date keeps its displayed text and no Number.
	if c := cellAt(t, d, "三公经费", "C3"); c.Text != "2024年1月15日" || c.Number != "" {
		t.Errorf("date %+v", c)
	}
	// Locations: the line of C7 holds the row of C7.
	c := cellAt(t, d, "部门支出总表", "C7")
	if c.Loc.Sheet != "部门支出总表" || d.Lines[c.Loc.Line-1] != "2101501\t行政运行\t0.30\t0.30\t0.00" {
		t.Errorf("C7 loc %+v line %q", c.Loc, d.Lines[c.Loc.Line-1])
	}
	if d.Lines[0] != "工作表：部门支出总表" || c.Loc.Line != 1+7 {
		t.Errorf("lines start %q, C7 at %d", d.Lines[0], c.Loc.Line)
	}
	if b := d.Blocks[1]; b.Loc.Cell != "A2" || b.Loc.Line != 3 {
		t.Errorf("unit line loc %+v", b.Loc)
	}
}

func TestExcelizeWorkbook(t *testing.T) {
	f := excelize.NewFile()
	sh := "Sheet1"
	f.SetSheetName(sh, "收支总表")
	sh = "收支总表"
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "2024年部门收支总表")
	f.MergeCell(sh, "A1", "D1")
	set("D2", "单位：万元")
	set("A3", "项目")
	set("B3", "金额")
	set("C3", "增长率")
	set("D3", "说明")
	set("A4", "2101501") // a string that looks like a number
	set("B4", 0.1+0.2)   // stored as 0.30000000000000004
	set("C4", 0.053)
	set("D4", "  多个   空格\n换行  ")
	set("A5", "一般公共预算")
	set("B5", 1.005)
	set("C5", -1234.5)
	set("A6", "合计")
	f.SetCellFormula(sh, "B6", "B4+B5") // no cached value: evaluated
	set("C6", 123456789.12000001)
	set("D6", true)
	set("A7", "大数")
	set("B7", 1e21)
	set("C7", 1.5e-7)
	money, _ := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("#,##0.00_ ")})
	neg, _ := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("#,##0.00_);[Red](#,##0.00)")})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	f.SetCellStyle(sh, "B4", "B6", money)
	f.SetCellStyle(sh, "C4", "C4", pct)
	f.SetCellStyle(sh, "C5", "C5", neg)
	f.SetCellStyle(sh, "C6", "C6", money)
	// The reserved report sheet, hidden.
	f.NewSheet(ReportSheet)
	f.SetCellValue(ReportSheet, "A1", `{"k":"v"}`)
	f.SetSheetVisible(ReportSheet, false)
	// A hidden ordinary sheet is not read; a chart-less empty sheet counts.
	f.NewSheet("隐藏")
	f.SetCellValue("隐藏", "A1", "不应读出")
	f.SetSheetVisible("隐藏", false)
	f.NewSheet("空表")

	d := mustRead(t, "e.xlsx", save(t, f))
	if string(d.Embedded) != `{"k":"v"}` || d.Pages != 2 {
		t.Errorf("embedded %q pages %d", d.Embedded, d.Pages)
	}
	if strings.Contains(strings.Join(d.Lines, "\n"), "不应读出") {
		t.Error("hidden sheet read")
	}
	for name, want := range map[string][2]string{
		"A4": {"2101501", ""},
		"B4": {"0.30", "0.3"},
		"C4": {"5.30%", "0.053"},
		"D4": {"多个 空格 换行", ""},
		"B5": {"1.01", "1.005"},
		"B6": {"1.31", "1.305"},
		"C6": {"123,456,789.12", "123456789.12"},
		"D6": {"TRUE", ""},
		"B7": {"1000000000000000000000", "1000000000000000000000"},
		"C7": {"0.00000015", "0.00000015"},
	} {
		if c := cellAt(t, d, sh, name); c.Text != want[0] || c.Number != want[1] {
			t.Errorf("%s: text %q number %q, want %q %q", name, c.Text, c.Number, want[0], want[1])
		}
	}
	if c := cellAt(t, d, sh, "C5"); c.Number != "-1234.5" || !strings.Contains(c.Text, "1,234.50") {
		t.Errorf("C5 %+v", c)
	}
	if got := d.Blocks[0]; got.Text != "2024年部门收支总表" || got.Grid != nil {
		t.Errorf("first block %+v", got)
	}
}

func strPtr(s string) *string { return &s }

func TestStackedTables(t *testing.T) {
	f := excelize.NewFile()
	sh := "Sheet1"
	rows := [][]any{
		{"表一 收入总表"},
		{"单位：万元"},
		{"项目", "金额"},
		{"一般公共预算", 100},
		{"合计", 100},
		{},
		{"表二 支出总表"},
		{"项目", "金额", "备注"},
		{"基本支出", 80, ""},
		{}, // one blank row inside a table does not split it
		{"项目支出", 20, "x"},
		{},
		{},
		{"编码", "名称", "金额"}, // two blank rows split even without a title
		{"2101501", "行政运行", 1},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	d := mustRead(t, "s.xlsx", save(t, f))
	var got []string
	for _, b := range d.Blocks {
		if b.Grid != nil {
			got = append(got, fmt.Sprintf("GRID%d@%s", len(b.Grid.Rows), b.Loc.Cell))
		} else {
			got = append(got, b.Text)
		}
	}
	want := []string{"表一 收入总表", "单位：万元", "GRID3@A3", "表二 支出总表", "GRID4@A8", "GRID2@A14"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("blocks:\n got %q\nwant %q\n%s", got, want, d.Dump())
	}
	if c := cellAt(t, d, sh, "B4"); c.Text != "100" || c.Number != "100" {
		t.Errorf("B4 %+v", c)
	}
}

func TestMergedTitleOverTwoRows(t *testing.T) {
	f := excelize.NewFile()
	sh := "Sheet1"
	f.SetCellValue(sh, "A1", "2024年一般公共预算支出表")
	f.MergeCell(sh, "A1", "E2")
	f.SetCellValue(sh, "A3", "科目编码")
	f.MergeCell(sh, "A3", "A4")
	f.SetCellValue(sh, "B3", "科目名称")
	f.MergeCell(sh, "B3", "B4")
	f.SetCellValue(sh, "C3", "本年支出")
	f.MergeCell(sh, "C3", "E3")
	f.SetSheetRow(sh, "C4", &[]any{"合计", "基本支出", "项目支出"})
	f.SetSheetRow(sh, "A5", &[]any{"2101501", "行政运行", 10.5, 10.5, 0})
	d := mustRead(t, "m.xlsx", save(t, f))
	if len(d.Blocks) != 2 || d.Blocks[0].Text != "2024年一般公共预算支出表" {
		t.Fatalf("blocks:\n%s", d.Dump())
	}
	wantRows(t, d.Blocks[1].Grid, [][]string{
		{"科目编码", "科目名称", "本年支出", "^", "^"},
		{"^", "^", "合计", "基本支出", "项目支出"},
		{"2101501", "行政运行", "10.5", "10.5", "0"},
	})
}

func TestNormalizeNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.30000000000000004", "0.3"}, {"1235.505", "1235.505"}, {"100", "100"}, {"-0", "0"},
		{"1.2E-3", "0.0012"}, {"1.5e-7", "0.00000015"}, {"1E+21", "1000000000000000000000"},
		{"123456789.12000001", "123456789.12"}, {"0.1", "0.1"}, {"-1234.5", "-1234.5"},
		{"2.9999999999999996", "3"}, {"0.00000000001", "0"}, {"0.00000000005", "0.0000000001"},
		{"12345678901234567", "12345678901234600"}, {"007", "7"}, {".5", "0.5"}, {"5.", "5"},
		{"1.005", "1.005"}, {"99.99999999999999", "100"},
	}
	for _, tt := range tests {
		if got, ok := normalizeNumber(tt.in); !ok || got != tt.want {
			t.Errorf("normalizeNumber(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "abc", "1,234", "1e", "1e99999", "--1", "1.2.3", "NaN", "Inf", "1 2"} {
		if got, ok := normalizeNumber(bad); ok {
			t.Errorf("normalizeNumber(%q) = %q, want failure", bad, got)
		}
	}
}

func TestSimpleFormats(t *testing.T) {
	tests := []struct{ code, num, want string }{
		{"0.00", "1.005", "1.01"}, {"#,##0.00", "1234567.891", "1,234,567.89"}, {"#,##0", "999.5", "1,000"},
		{"0", "-2.5", "-3"}, {"0.00%", "0.053", "5.30%"}, {"0%", "0.125", "13%"}, {"#,##0.00_ ", "0.3", "0.30"},
		{"[Red]0.0", "-0.04", "-0.0"}, {"0.00", "0.004", "0.00"}, {"0.000", "12", "12.000"},
	}
	for _, tt := range tests {
		f, general, ok := parseSimpleFormat(tt.code, strings.HasPrefix(tt.num, "-"))
		if !ok || general {
			t.Errorf("parseSimpleFormat(%q) not simple", tt.code)
			continue
		}
		if got := f.render(tt.num); got != tt.want {
			t.Errorf("%q of %s = %q, want %q", tt.code, tt.num, got, tt.want)
		}
	}
	for _, code := range []string{`"¥"#,##0.00`, "[$¥-804]#,##0.00", "0.00E+00", "@", "[DBNum1]0", "#,##0.00;(#,##0.00)"} {
		if _, _, ok := parseSimpleFormat(code, true); ok {
			t.Errorf("parseSimpleFormat(%q) simple, want excelize", code)
		}
	}
	for _, tt := range []struct {
		id   int
		code string
		want bool
	}{{14, "", true}, {0, "", false}, {2, "", false}, {176, `yyyy"年"m"月"d"日"`, true}, {177, "[h]:mm", true},
		{178, "#,##0.00_ ", false}, {179, `0.00"万元"`, false}, {180, "General", false}, {181, "0.00E+00", false}} {
		if got := isDateFormat(tt.id, tt.code); got != tt.want {
			t.Errorf("isDateFormat(%d, %q) = %v", tt.id, tt.code, got)
		}
	}
}

// rewriteZip copies an xlsx, replacing entry name with size bytes of
// repeated content (a compression bomb when size is large).
func rewriteZip(t testing.TB, data []byte, name string, prefix, repeat, suffix string, size int) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, prefix)
	if repeat != "" {
		chunk := []byte(strings.Repeat(repeat, (1<<20)/len(repeat)))
		for n := 0; n < size; n += len(chunk) {
			w.Write(chunk)
		}
	}
	io.WriteString(w, suffix)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipBomb(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "x")
	small := save(t, f)
	start := time.Now()
	// 210 MB of shared strings, deflated to about 0.2 MB.
	bomb := rewriteZip(t, small, "xl/sharedStrings.xml",
		`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
		"<si><t>炸弹</t></si>", "</sst>", 210<<20)
	t.Logf("bomb: %d bytes compressed, built in %v", len(bomb), time.Since(start))
	start = time.Now()
	_, err := Read("bomb.xlsx", bomb)
	ie := wantErr(t, err, gongkai.ErrTooLarge)
	if !strings.Contains(ie.Detail, "200 MB") {
		t.Errorf("detail %q", ie.Detail)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing the bomb took %v", d)
	}
}

func TestMillionRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1,000,000-row workbook")
	}
	path := filepath.Join(t.TempDir(), "million.xlsx")
	start := time.Now()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	row := make([]any, 1)
	for i := 1; i <= 1_000_000; i++ {
		row[0] = i
		cell, _ := excelize.CoordinatesToCellName(1, i)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("1,000,000 rows: %d bytes, written in %v", len(data), time.Since(start))

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start = time.Now()
	_, err = Read("million.xlsx", data)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	ie := wantErr(t, err, gongkai.ErrTooLarge)
	if ie.Loc.Sheet != "Sheet1" || !strings.Contains(ie.Detail, "100000") {
		t.Errorf("error %v", ie)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("refused in %v, %d MB allocated", elapsed, alloc>>20)
	if elapsed > 2*time.Second {
		t.Errorf("refusing took %v", elapsed)
	}
	if alloc > 64<<20 {
		t.Errorf("refusing allocated %d MB", alloc>>20)
	}
}

func TestLimits(t *testing.T) {
	f := excelize.NewFile()
	for i := 1; i <= 11; i++ {
		f.SetCellValue("Sheet1", fmt.Sprintf("A%d", i), i)
		f.SetCellValue("Sheet1", fmt.Sprintf("B%d", i), i)
	}
	data := save(t, f)
	_, err := (&Reader{MaxRows: 10}).Read("rows.xlsx", data)
	ie := wantErr(t, err, gongkai.ErrTooLarge)
	if ie.Loc.Sheet != "Sheet1" || !strings.Contains(ie.Detail, "第 11 行") {
		t.Errorf("error %v", ie)
	}
	_, err = (&Reader{MaxCells: 20}).Read("cells.xlsx", data)
	wantErr(t, err, gongkai.ErrTooLarge)
	mustRead(t, "ok.xlsx", data)

	// Rows formatted far down but empty do not count.
	f = excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "值")
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 2})
	f.SetCellStyle("Sheet1", "A500000", "A500000", style)
	d := mustRead(t, "styled.xlsx", save(t, f))
	if len(d.Lines) != 2 {
		t.Errorf("%d lines", len(d.Lines))
	}
}

func TestErrors(t *testing.T) {
	_, err := Read("empty.xlsx", nil)
	if ie := wantErr(t, err, gongkai.ErrEmpty); ie.File != "empty.xlsx" {
		t.Errorf("file %q", ie.File)
	}
	r := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	_, err = Read("random.xlsx", junk)
	wantErr(t, err, gongkai.ErrCorrupt)
	_, err = Read("random.xlsx", append([]byte("PK\x03\x04"), junk...))
	wantErr(t, err, gongkai.ErrCorrupt)

	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "x")
	good := save(t, f)
	_, err = Read("truncated.xlsx", good[:len(good)*2/3])
	wantErr(t, err, gongkai.ErrCorrupt)
	// A sheet part that is not XML.
	_, err = Read("badsheet.xlsx", rewriteZip(t, good, "xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v>`, "", "", 0))
	if err != nil {
		wantErr(t, err, gongkai.ErrCorrupt)
	}
	// No workbook part.
	_, err = Read("noworkbook.xlsx", rewriteZip(t, good, "xl/workbook.xml", "", "", "", 0))
	wantErr(t, err, gongkai.ErrCorrupt)

	_, err = Read("page.xls", []byte("<html><table><tr><td>1</td></tr></table></html>"))
	ie := wantErr(t, err, gongkai.ErrUnsupported)
	if !strings.Contains(ie.Detail, "网页") {
		t.Errorf("detail %q", ie.Detail)
	}
	ole := append(append([]byte{}, oleMagic...), make([]byte, 512)...)
	_, err = Read("secret.xlsx", append(ole, utf16le("EncryptionInfo")...))
	wantErr(t, err, gongkai.ErrEncrypted)
	_, err = (&Reader{Soffice: "-"}).Read("old.xls", ole)
	ie = wantErr(t, err, gongkai.ErrUnsupported)
	if !strings.Contains(ie.Detail, "soffice --headless --convert-to xlsx old.xls") {
		t.Errorf("detail %q", ie.Detail)
	}
	_, err = (&Reader{Soffice: "/nonexistent/soffice"}).Read("old.xls", ole)
	wantErr(t, err, gongkai.ErrMissingTool)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, "<w:document/>")
	zw.Close()
	_, err = Read("word.xlsx", buf.Bytes())
	wantErr(t, err, gongkai.ErrUnsupported)
}

func TestConvertLegacy(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (scripts/setup installs it)")
	}
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	dir := t.TempDir()
	src, _ := os.ReadFile("testdata/budget_lo.xlsx")
	os.WriteFile(filepath.Join(dir, "budget.xlsx"), src, 0o600)
	for _, format := range []string{"xls", "ods"} {
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--headless", "--convert-to", format, "--outdir", dir, filepath.Join(dir, "budget.xlsx"))
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		data, err := os.ReadFile(filepath.Join(dir, "budget."+format))
		if err != nil {
			t.Fatal(err)
		}
		d := mustRead(t, "budget."+format, data)
		want := readFixture(t, "budget_lo.xlsx")
		if d.Dump() != want.Dump() {
			t.Errorf("%s converted:\n%s\nwant\n%s", format, d.Dump(), want.Dump())
		}
	}
}

func fixtures(t testing.TB) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob("testdata/*.xlsx")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

func FuzzRead(f *testing.F) {
	for _, data := range fixtures(f) {
		f.Add(data)
	}
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"编码", 1.5, true})
	x.MergeCell("Sheet1", "A2", "B3")
	var buf bytes.Buffer
	x.Write(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := (&Reader{Soffice: "-", MaxCells: 100_000, MaxRows: 10_000}).Read("fuzz.xlsx", data)
		if err != nil {
			var ie *gongkai.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		if err := docErr(d); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzSheetXML fuzzes one worksheet part inside a valid workbook.
func FuzzSheetXML(f *testing.F) {
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "x")
	base := save(f, x)
	f.Add(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>` +
		`<row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="s"><v>0</v></c></row></sheetData><mergeCells><mergeCell ref="A2:B3"/></mergeCells></worksheet>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		data := rewriteZip(t, base, "xl/worksheets/sheet1.xml", sheet, "", "", 0)
		d, err := (&Reader{Soffice: "-", MaxCells: 100_000, MaxRows: 10_000}).Read("fuzz.xlsx", data)
		if err != nil {
			var ie *gongkai.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		if err := docErr(d); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkRead(b *testing.B) {
	fixture, err := os.ReadFile("testdata/budget_lo.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	// A workbook of 10 sheets, each a 2,000-row function-classification
	// table under a merged title and a two-level merged header.
	f := excelize.NewFile()
	money, _ := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("#,##0.00")})
	for s := range 10 {
		sh := fmt.Sprintf("表%d", s+1)
		if s == 0 {
			f.SetSheetName("Sheet1", sh)
		} else {
			f.NewSheet(sh)
		}
		f.SetCellValue(sh, "A1", "2024年一般公共预算支出表")
		f.MergeCell(sh, "A1", "E1")
		f.SetCellValue(sh, "E2", "单位：万元")
		f.SetSheetRow(sh, "A3", &[]any{"科目编码", "科目名称", "本年支出"})
		f.MergeCell(sh, "A3", "A4")
		f.MergeCell(sh, "B3", "B4")
		f.MergeCell(sh, "C3", "E3")
		f.SetSheetRow(sh, "C4", &[]any{"合计", "基本支出", "项目支出"})
		for i := range 2000 {
			r := i + 5
			f.SetSheetRow(sh, fmt.Sprintf("A%d", r), &[]any{fmt.Sprintf("%07d", 2101501+i), "行政运行", float64(i) + 0.505, float64(i), 0.505})
		}
		f.SetCellStyle(sh, "C5", "E2004", money)
	}
	big := save(b, f)
	for _, bb := range []struct {
		name string
		data []byte
	}{{"budget_lo", fixture}, {"10sheets_x_2000rows", big}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read("bench.xlsx", bb.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
