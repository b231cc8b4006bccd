package pdfdoc

import (
	"strings"
	"testing"
	"unicode/utf8"

	"gongkai/doc"
)

// The tests in this file read the real PDFs of the shared corpus and check
// the structure that comes out: which grid holds a row, which column holds
// an amount, that wrapped names are merged and continued tables joined, and
// that every location points at the text it claims.

var corpusFiles = []struct {
	file  string
	pages int
}{
	{"01_xian-ybj-2022-budget.pdf", 50},
	{"02_guojia-xinfangju-2024-final.pdf", 50},
	{"03_foshan-guidaojiaotongju-2019-final.pdf", 31},
	{"05_changsha-gonganju-2025-budget.pdf", 53},
	{"11_jiangsu-jianchayuan-2019-budget.pdf", 33},
	{"15_shanghai-putuo-zhengfuban-2025-budget.pdf", 22},
	{"18_shenzhen-ybj-2026-budget.pdf", 34},
	{"20_beijing-ybj-2026-budget.pdf", 8},
	{"20_beijing-ybj-2026-budget.tables.pdf", 28},
}

// gridWith returns the grid that has a row whose cells include every one
// of texts (compared without white space), and that row's index.
func gridWith(t *testing.T, d *doc.Document, texts ...string) (*doc.Grid, int) {
	t.Helper()
	for _, b := range d.Blocks {
		if !b.IsGrid() {
			continue
		}
		for i := range b.Grid.Rows {
			if rowHas(b.Grid, i, texts...) {
				return b.Grid, i
			}
		}
	}
	t.Fatalf("%s: no grid row with %q", d.File, texts)
	return nil, 0
}

func rowHas(g *doc.Grid, i int, texts ...string) bool {
	cells := g.Texts(i)
next:
	for _, want := range texts {
		for _, c := range cells {
			if compact(c) == compact(want) {
				continue next
			}
		}
		return false
	}
	return true
}

// gridWithHeader returns the grid that has a header cell reading header and
// a row with all of texts.
func gridWithHeader(t *testing.T, d *doc.Document, header string, texts ...string) (*doc.Grid, int) {
	t.Helper()
	for _, b := range d.Blocks {
		if !b.IsGrid() || !hasHeader(b.Grid, header) {
			continue
		}
		for i := range b.Grid.Rows {
			if rowHas(b.Grid, i, texts...) {
				return b.Grid, i
			}
		}
	}
	t.Fatalf("%s: no grid with header %q and a row with %q", d.File, header, texts)
	return nil, 0
}

func hasHeader(g *doc.Grid, header string) bool {
	for i := 0; i < len(g.Rows) && i < 4; i++ {
		for _, c := range g.Texts(i) {
			if compact(c) == compact(header) {
				return true
			}
		}
	}
	return false
}

// rowOf returns the index of the row of g that has all of texts, or fails.
func rowOf(t *testing.T, g *doc.Grid, texts ...string) int {
	t.Helper()
	for i := range g.Rows {
		if rowHas(g, i, texts...) {
			return i
		}
	}
	t.Fatalf("no row with %q in grid:\n%q", texts, gridTexts(g))
	return -1
}

// colOf returns the column whose cell in one of the first header rows of
// g reads header.
func colOf(t *testing.T, g *doc.Grid, header string) int {
	t.Helper()
	for i := 0; i < len(g.Rows) && i < 4; i++ {
		for j, c := range g.Texts(i) {
			if compact(c) == compact(header) {
				return j
			}
		}
	}
	t.Fatalf("no header %q in grid:\n%q", header, gridTexts(g)[:min(4, len(g.Rows))])
	return -1
}

// cell returns the text of row i, column j of g.
func cell(g *doc.Grid, i, j int) string { return g.Texts(i)[j] }

func wantCell(t *testing.T, g *doc.Grid, i, j int, want string) {
	t.Helper()
	if got := cell(g, i, j); compact(got) != compact(want) {
		t.Errorf("row %d %q: column %d = %q, want %q", i, g.Texts(i), j, got, want)
	}
}

// TestCorpusLocations checks every corpus document: the page count, that
// every block, row and cell points at a page and a line that exist, and
// that the line it points at holds the start of its text.
func TestCorpusLocations(t *testing.T) {
	for _, c := range corpusFiles {
		t.Run(c.file, func(t *testing.T) {
			d := corpusDoc(t, c.file)
			if d.Format != "pdf" || d.File != c.file || d.Pages != c.pages {
				t.Fatalf("format %q file %q pages %d, want pdf %q %d", d.Format, d.File, d.Pages, c.file, c.pages)
			}
			checkLocations(t, d)
		})
	}
}

func checkLocations(t *testing.T, d *doc.Document) {
	t.Helper()
	bad := 0
	report := func(format string, args ...any) {
		if bad++; bad <= 10 {
			t.Errorf(format, args...)
		}
	}
	valid := func(page, line int) bool {
		return page >= 1 && page <= d.Pages && line >= 1 && line <= len(d.Lines)
	}
	cells, whole := 0, 0
	for _, b := range d.Blocks {
		if !valid(b.Loc.Page, b.Loc.Line) {
			report("block at %v out of range", b.Loc)
			continue
		}
		if !b.IsGrid() {
			if !startsWithLine(b.Text, d.Lines[b.Loc.Line-1]) {
				report("text block %v %q does not start with its line %q", b.Loc, b.Text, d.Lines[b.Loc.Line-1])
			}
			continue
		}
		for _, r := range b.Grid.Rows {
			if !valid(r.Loc.Page, r.Loc.Line) {
				report("row at %v out of range", r.Loc)
			}
			for _, c := range r.Cells {
				if c.Text == "" {
					continue
				}
				cells++
				if !valid(c.Loc.Page, c.Loc.Line) {
					report("cell %q at %v out of range", c.Text, c.Loc)
					continue
				}
				line := d.Lines[c.Loc.Line-1]
				if strings.Contains(compact(line), compact(c.Text)) {
					whole++
				} else if !lineHoldsStart(line, c.Text) {
					report("cell %q at %v: line %q does not hold its start", c.Text, c.Loc, line)
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d bad locations of %d blocks, %d cells", bad, len(d.Blocks), cells)
	}
	// Cells of one line (most) are whole on the line they point at.
	if cells > 0 && float64(whole) < 0.8*float64(cells) {
		t.Errorf("only %d of %d cells are whole on their line", whole, cells)
	}
}

// startsWithLine reports whether a paragraph begins with the text of its
// first line.
func startsWithLine(text, line string) bool {
	return strings.HasPrefix(compact(text), compact(line))
}

// lineHoldsStart reports whether line holds the start of a cell's text
// wrapped over several lines: at least its first character, and its first
// two when the line has them side by side.
func lineHoldsStart(line, text string) bool {
	l, c := compact(line), compact(text)
	r, n := utf8.DecodeRuneInString(c)
	if !strings.ContainsRune(l, r) {
		return false
	}
	r2, n2 := utf8.DecodeRuneInString(c[n:])
	if n2 == 0 || !strings.ContainsRune(l, r2) {
		return true
	}
	return strings.Contains(l, c[:n+n2]) || !strings.Contains(l, string(r)+string(r2))
}

// TestFoshanExpenditureTable checks 表3 支出决算表 of 03_foshan: a grid over
// pages 10 and 11 with its header once, names wrapped in their cells merged,
// and the 基本支出 and 项目支出 amounts in their columns on every row.
func TestFoshanExpenditureTable(t *testing.T) {
	d := corpusDoc(t, "03_foshan-guidaojiaotongju-2019-final.pdf")
	g, _ := gridWithHeader(t, d, "基本支出", "2140102", "一般行政管理事务")
	total, basic, project := colOf(t, g, "本年支出合计"), colOf(t, g, "基本支出"), colOf(t, g, "项目支出")
	if !(total < basic && basic < project) {
		t.Fatalf("columns 合计 %d 基本 %d 项目 %d", total, basic, project)
	}
	for _, r := range []struct{ code, name, total, basic, project string }{
		{"", "合计", "1668.14", "746.39", "921.75"},
		{"208", "社会保障和就业支出", "76.23", "76.23", "0.00"},
		{"2080505", "机关事业单位基本养老保险缴费支出", "53.45", "53.45", "0.00"},
		{"2140101", "行政运行", "609.29", "609.29", "0.00"},
		{"2140102", "一般行政管理事务", "905.60", "0.00", "905.60"},
		{"2140199", "其他公路水路运输支出", "16.15", "0.00", "16.15"},
		{"2210201", "住房公积金", "60.87", "60.87", "0.00"}, // on page 11
	} {
		i := rowOf(t, g, r.name)
		if r.code != "" {
			wantCell(t, g, i, 0, r.code)
		}
		wantCell(t, g, i, 1, r.name)
		wantCell(t, g, i, total, r.total)
		wantCell(t, g, i, basic, r.basic)
		wantCell(t, g, i, project, r.project)
	}
	if n := countRows(g, "栏次"); n != 1 {
		t.Errorf("栏次 row %d times, want once (header repeated on page 11 dropped)", n)
	}
	if n := countRows(g, "合计"); n != 1 {
		t.Errorf("合计 row %d times, want once", n)
	}
	if p := g.Rows[rowOf(t, g, "住房公积金")].Loc.Page; p != 11 {
		t.Errorf("住房公积金 row on page %d, want 11", p)
	}
	for i := range g.Rows {
		if texts := g.Texts(i); compact(strings.Join(texts, "")) == "出" || compact(strings.Join(texts, "")) == "休" {
			t.Errorf("row %d holds only a wrapped fragment: %q", i, texts)
		}
	}
}

func countRows(g *doc.Grid, text string) int {
	n := 0
	for i := range g.Rows {
		if rowHas(g, i, text) {
			n++
		}
	}
	return n
}

// TestFoshanCentredWrappedNames checks 表2 收入决算表, whose names wrap
// around the amounts (half above, half below the row's numbers).
func TestFoshanCentredWrappedNames(t *testing.T) {
	d := corpusDoc(t, "03_foshan-guidaojiaotongju-2019-final.pdf")
	g, _ := gridWith(t, d, "208", "社会保障和就业支出", "76.23")
	for _, r := range [][]string{
		{"20805", "行政事业单位离退休"},
		{"2080506", "机关事业单位职业年金缴费支出"},
		{"2140199", "其他公路水路运输支出", "16.15"},
		{"2210201", "住房公积金"}, // page 9
	} {
		rowOf(t, g, r...)
	}
	if g.Title != "收入决算表" {
		t.Errorf("title %q", g.Title)
	}
	// The captions stand before the grid as text.
	for i, b := range d.Blocks {
		if b.Grid == g {
			caps := []string{d.Blocks[i-3].Text, d.Blocks[i-2].Text, d.Blocks[i-1].Text}
			if compact(caps[0]) != "表2" || caps[1] != "收入决算表" || !strings.Contains(caps[2], "单位：万元") {
				t.Errorf("captions before the grid: %q", caps)
			}
		}
	}
}

// TestFoshanThreePageTable checks 表4 财政拨款收入支出决算总表, printed over
// pages 12 to 14 on pages of two sizes: one grid.
func TestFoshanThreePageTable(t *testing.T) {
	d := corpusDoc(t, "03_foshan-guidaojiaotongju-2019-final.pdf")
	g, _ := gridWith(t, d, "十三、交通运输支出", "40")
	first := rowOf(t, g, "一、一般公共服务支出")
	last := rowOf(t, g, "总计")
	if g.Rows[first].Loc.Page != 12 || g.Rows[last].Loc.Page != 14 {
		t.Errorf("rows from page %d to %d, want 12 to 14", g.Rows[first].Loc.Page, g.Rows[last].Loc.Page)
	}
	i := rowOf(t, g, "十三、交通运输支出")
	wantCell(t, g, i, colOf(t, g, "一般公共预算财政拨款"), "1531.04")
}

// TestChangshaSplitCodes checks 05_changsha, whose function codes are
// printed in separate 类, 款 and 项 columns: the parts stay separate cells
// under their headings.
func TestChangshaSplitCodes(t *testing.T) {
	d := corpusDoc(t, "05_changsha-gonganju-2025-budget.pdf")
	g, _ := gridWith(t, d, "其中:经费拨款")
	lei, kuan, xiang := colOf(t, g, "类"), colOf(t, g, "款"), colOf(t, g, "项")
	name, total := colOf(t, g, "功能科目"), colOf(t, g, "合计")
	if !(lei < kuan && kuan < xiang && xiang < name && name < total) {
		t.Fatalf("columns 类 %d 款 %d 项 %d 功能科目 %d 合计 %d", lei, kuan, xiang, name, total)
	}
	i := rowOf(t, g, "行政运行")
	wantCell(t, g, i, lei, "204")
	wantCell(t, g, i, kuan, "02")
	wantCell(t, g, i, xiang, "01")
	wantCell(t, g, i, total, "28,398.17")
	i = rowOf(t, g, "纪检监察事务")
	wantCell(t, g, i, lei, "")
	wantCell(t, g, i, kuan, "11")
	wantCell(t, g, i, xiang, "")
	wantCell(t, g, i, total, "3.00")
	// 本级财政拨款 spans 金额 and 其中:经费拨款.
	j := colOf(t, g, "本级财政拨款")
	h := rowOf(t, g, "本级财政拨款")
	if c := g.Rows[h].Cells[j]; c.ColSpan != 2 || !g.Rows[h].Cells[j+1].Covered {
		t.Errorf("本级财政拨款: colspan %d, next covered %v", c.ColSpan, g.Rows[h].Cells[j+1].Covered)
	}
	if colOf(t, g, "金额") != j || colOf(t, g, "其中:经费拨款") != j+1 {
		t.Errorf("金额 and 其中:经费拨款 are not the columns under 本级财政拨款")
	}
}

// TestChangshaContinuedTable checks 财政拨款收支总表 of 05_changsha, whose
// last rows are on the next page under a repeated header.
func TestChangshaContinuedTable(t *testing.T) {
	d := corpusDoc(t, "05_changsha-gonganju-2025-budget.pdf")
	g, _ := gridWith(t, d, "1、一般公共预算拨款收入")
	i, j := rowOf(t, g, "22、其他支出"), rowOf(t, g, "收入总计")
	if g.Rows[i].Loc.Page != 17 || g.Rows[j].Loc.Page != 17 {
		t.Errorf("continued rows on pages %d, %d, want 17", g.Rows[i].Loc.Page, g.Rows[j].Loc.Page)
	}
	if n := countRows(g, "一般公共预算"); n != 1 {
		t.Errorf("header row with 一般公共预算 %d times, want once", n)
	}
	wantCell(t, g, j, colOf(t, g, "金额"), "68,632.12")
	wantCell(t, g, j, colOf(t, g, "一般公共预算"), "68,632.12")
}

// TestXianYuanTable checks 表1 of 01_xian: amounts in 元 with 4 side-by-side
// column pairs.
func TestXianYuanTable(t *testing.T) {
	d := corpusDoc(t, "01_xian-ybj-2022-budget.pdf")
	g, i := gridWith(t, d, "本年收入合计", "480544221.62")
	if g.Width() != 8 {
		t.Errorf("width %d, want 8", g.Width())
	}
	wantCell(t, g, rowOf(t, g, "10、卫生健康支出"), 3, "475907032.42")
	if !strings.Contains(g.Title, "收支总表") {
		t.Errorf("title %q", g.Title)
	}
	_ = i
	g, _ = gridWith(t, d, "2101501", "行政运行")
	rowOf(t, g, "2101501", "行政运行")
}

// TestShanghaiSplitCodes checks 15_shanghai (元, codes in 类/款/项 columns).
func TestShanghaiSplitCodes(t *testing.T) {
	d := corpusDoc(t, "15_shanghai-putuo-zhengfuban-2025-budget.pdf")
	g, i := gridWith(t, d, "行政运行", "12,029,501.84", "11,919,501.84")
	wantCell(t, g, i, colOf(t, g, "类"), "201")
	wantCell(t, g, i, colOf(t, g, "款"), "03")
	wantCell(t, g, i, colOf(t, g, "项"), "01")
	wantCell(t, g, i, colOf(t, g, "基本支出"), "11,919,501.84")
}

// TestBeijingSixDecimals checks 预算01表 of the Beijing 报表 file.
func TestBeijingSixDecimals(t *testing.T) {
	d := corpusDoc(t, "20_beijing-ybj-2026-budget.tables.pdf")
	g, i := gridWith(t, d, "一、一般公共预算拨款收入", "110,387.976749", "一、一般公共服务支出")
	if g.Width() != 4 {
		t.Errorf("收支总表 width %d, want 4: %q", g.Width(), g.Texts(i))
	}
	rowOf(t, g, "二、政府性基金预算拨款收入", "二、外交支出")
}

// TestGuojiaFinalTables checks 公开01表 and 公开05表 of 02_guojia.
func TestGuojiaFinalTables(t *testing.T) {
	d := corpusDoc(t, "02_guojia-xinfangju-2024-final.pdf")
	g, i := gridWith(t, d, "一、一般公共预算财政拨款收入", "19,572.91")
	wantCell(t, g, i, colOf(t, g, "行次"), "1")
	g, _ = gridWith(t, d, "合计", "13,733.80")
	i = rowOf(t, g, "合计")
	wantCell(t, g, i, colOf(t, g, "基本支出"), "10,234.37")
}

// TestOtherCorpusTables checks one table of each remaining document.
func TestOtherCorpusTables(t *testing.T) {
	d := corpusDoc(t, "11_jiangsu-jianchayuan-2019-budget.pdf")
	g, i := gridWith(t, d, "20404", "检察", "16,593.12")
	wantCell(t, g, i, colOf(t, g, "金额"), "16,593.12")

	d = corpusDoc(t, "18_shenzhen-ybj-2026-budget.pdf")
	g, i = gridWith(t, d, "2080501", "行政单位离退休")
	wantCell(t, g, i, colOf(t, g, "支出总计"), "149.61")
	wantCell(t, g, i, colOf(t, g, "基本支出"), "149.61")
}

// TestFoshanProse checks headings and paragraphs joined over lines.
func TestFoshanProse(t *testing.T) {
	d := corpusDoc(t, "03_foshan-guidaojiaotongju-2019-final.pdf")
	var heading, para *doc.Block
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Text == "（一）部门主要职责" && heading == nil {
			if b.Loc.Page == 3 {
				heading = b
			}
		}
		if strings.HasPrefix(b.Text, "市轨道交通局贯彻落实") {
			para = b
		}
	}
	if heading == nil || heading.Heading != 3 {
		t.Fatalf("heading （一）部门主要职责: %+v", heading)
	}
	if para == nil || !strings.HasSuffix(para.Text, "主要职责是：") || para.Loc.Line != heading.Loc.Line+1 {
		t.Fatalf("paragraph over three lines: %+v", para)
	}
}
