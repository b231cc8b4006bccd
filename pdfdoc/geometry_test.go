package pdfdoc

import (
	"fmt"
	"strings"
	"testing"

	"gongkai/doc"
)

// The tests in this file check the table geometry on layouts built word by
// word (no PDF needed) and on the real pages of the corpus where it went
// wrong: columns that stay empty in the body, a total row printed after
// empty ruled rows, a header row of narrow columns that reads like prose.

// tw is a word placed on a synthetic page: left, top, width, height.
type tw struct {
	x, y, w, h float64
	s          string
}

// layoutWords lays out one page of words as pdftotext -tsv would report
// them.
func layoutWords(t *testing.T, pageW, pageH float64, words []tw) *doc.Document {
	t.Helper()
	var b strings.Builder
	b.WriteString("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n")
	fmt.Fprintf(&b, "1\t1\t0\t0\t0\t0\t0\t0\t%g\t%g\t-1\t###PAGE###\n", pageW, pageH)
	for _, w := range words {
		fmt.Fprintf(&b, "5\t1\t0\t0\t0\t0\t%g\t%g\t%g\t%g\t100\t%s\n", w.x, w.y, w.w, w.h, w.s)
	}
	pages, err := parseTSV(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return layoutDocument(pages)
}

// cjk places a word of CJK glyphs of size em, each em wide.
func cjk(x, y, em float64, s string) tw {
	return tw{x, y, em * float64(len([]rune(s))), em, s}
}

// num places an amount of size em ending at x1 (digits half an em wide).
func num(x1, y, em float64, s string) tw {
	w := 0.5 * em * float64(len(s))
	return tw{x1 - w, y, w, em, s}
}

// TestEmptyColumnsUnderHeadings lays out a "三公" table like 15_shanghai
// page 20: a two-level header whose car columns are empty in the body, a
// column beside them headed over two lines. Every heading keeps a column of
// its own, and the amounts stay under their headings.
func TestEmptyColumnsUnderHeadings(t *testing.T) {
	const em = 12
	words := []tw{
		cjk(316, 152, em, "“三公”经费预算数"), // over 公务接待费 and 小计
		cjk(676, 177, em, "机关运行经费预算"),
		cjk(718, 192, em, "数"),
		cjk(462, 185, em, "公务用车购置及运行费"),
		cjk(104, 201, em, "合计"),
		cjk(176, 201, em, "因公出国境费"),
		cjk(289, 201, em, "公务接待费"),
		cjk(408, 218, em, "小计"),
		cjk(504, 218, em, "购置费"),
		cjk(605, 218, em, "运行费"),
		num(159, 269, em, "867.50"),
		num(260, 269, em, "839.00"),
		num(362, 269, em, "28.50"),
		num(773, 269, em, "213.28"),
	}
	d := layoutWords(t, 842, 595, words)
	g := onlyGrid(t, d)
	if g.Width() != 7 {
		t.Fatalf("width %d, want 7:\n%s", g.Width(), dumpBlocks(d))
	}
	i := rowOf(t, g, "867.50")
	for head, want := range map[string]string{"合计": "867.50", "因公出国境费": "839.00", "公务接待费": "28.50",
		"小计": "", "购置费": "", "运行费": "", "机关运行经费预算数": "213.28"} {
		wantCell(t, g, i, colOf(t, g, head), want)
	}
}

// TestTotalRowAfterEmptyRows lays out a totals table whose last row stands
// below a wide gap (empty ruled rows): it is the grid's last row, not a
// text block after it.
func TestTotalRowAfterEmptyRows(t *testing.T) {
	const em = 12
	words := []tw{
		cjk(60, 100, em, "项目"), cjk(320, 100, em, "预算数"), cjk(420, 100, em, "项目"), cjk(700, 100, em, "预算数"),
		cjk(60, 125, em, "一、财政拨款收入"), num(412, 125, em, "91,016,775.35"),
		cjk(416, 125, em, "一、一般公共服务支出"), num(773, 125, em, "82,096,797.42"),
		cjk(60, 150, em, "二、事业收入"), cjk(416, 150, em, "二、卫生健康支出"), num(773, 150, em, "8,919,977.93"),
		cjk(60, 175, em, "三、其他收入"),
		cjk(140, 500, em, "收入总计"), num(412, 500, em, "91,016,775.35"),
		cjk(500, 500, em, "支出总计"), num(773, 500, em, "91,016,775.35"),
	}
	d := layoutWords(t, 842, 595, words)
	g := onlyGrid(t, d)
	i := rowOf(t, g, "收入总计", "支出总计")
	if i != len(g.Rows)-1 {
		t.Errorf("total row is row %d of %d", i, len(g.Rows))
	}
	wantCell(t, g, i, 1, "91,016,775.35")
	wantCell(t, g, i, 3, "91,016,775.35")
}

// TestSpacedHeaderRow lays out a table whose lowest header row holds many
// narrow column headings, wider than most of the page, spaced about a
// glyph apart: it is a header row of the table, not a line of prose.
func TestSpacedHeaderRow(t *testing.T) {
	const em = 10
	var words []tw
	words = append(words, cjk(30, 100, em, "单位"), cjk(130, 100, em, "年度"))
	names := []string{"一般公共预", "政府性基金", "国有资本经"}
	rests := []string{"算", "预算", "营预算"}
	for k := range 12 {
		x := 200 + 62*float64(k)
		words = append(words, cjk(x, 120, em, names[k%3]))
		words = append(words, cjk(x+25-5*float64(len([]rune(rests[k%3]))), 136, em, rests[k%3]))
	}
	for k := range 4 {
		words = append(words, cjk(200+186*float64(k)+70, 100, em, fmt.Sprintf("项目%c", 'A'+k)))
	}
	words = append(words, cjk(30, 160, em, "本单位"), cjk(130, 160, em, "2026年"))
	for k := range 12 {
		words = append(words, num(250+62*float64(k), 160, em, fmt.Sprintf("%d.00", k+1)))
	}
	d := layoutWords(t, 1000, 600, words)
	g := onlyGrid(t, d)
	if g.Width() != 14 {
		t.Fatalf("width %d, want 14:\n%s", g.Width(), dumpBlocks(d))
	}
	i := rowOf(t, g, "2026年")
	wantCell(t, g, i, 2, "1.00")
	wantCell(t, g, i, 13, "12.00")
	for _, b := range d.Blocks {
		if !b.IsGrid() && strings.Contains(b.Text, "政府性基金") {
			t.Errorf("header row left as text: %q", b.Text)
		}
	}
}

// headerTexts returns the texts of the header rows of g (the rows above the
// first row with an amount) in column j, top first, covered cells left out.
func headerTexts(g *doc.Grid, j int) []string {
	var out []string
	for i, r := range g.Rows {
		if rowHasNumber(g, i) {
			break
		}
		if j < len(r.Cells) && !r.Cells[j].Covered && r.Cells[j].Text != "" {
			out = append(out, compact(r.Cells[j].Text))
		}
	}
	return out
}

func rowHasNumber(g *doc.Grid, i int) bool {
	for _, c := range g.Texts(i) {
		if isDigits(compact(c)) {
			return true
		}
	}
	return false
}

// TestShanghaiThreeCostsColumns checks the “三公” table of 15_shanghai
// (page 20): seven columns, the three car columns empty, each heading a
// cell of its own, 213.28 under 机关运行经费预算数.
func TestShanghaiThreeCostsColumns(t *testing.T) {
	d := corpusDoc(t, "15_shanghai-putuo-zhengfuban-2025-budget.pdf")
	g, i := gridWith(t, d, "867.50", "839.00", "28.50", "213.28")
	if g.Width() != 7 {
		t.Fatalf("width %d, want 7: %q", g.Width(), gridTexts(g))
	}
	for head, want := range map[string]string{"合计": "867.50", "因公出国(境)费": "839.00", "公务接待费": "28.50",
		"小计": "", "购置费": "", "运行费": "", "机关运行经费预算数": "213.28"} {
		wantCell(t, g, i, colOf(t, g, head), want)
	}
}

// TestJiangsuThreeCostsColumns checks 公开09表 of 11_jiangsu (page 20): nine
// value columns, 公务用车购置费 empty, the two 小计 columns apart.
func TestJiangsuThreeCostsColumns(t *testing.T) {
	d := corpusDoc(t, "11_jiangsu-jianchayuan-2019-budget.pdf")
	g, i := gridWith(t, d, "1276.7", "418.26", "101.26")
	if g.Width() != 9 {
		t.Fatalf("width %d, want 9: %q", g.Width(), gridTexts(g))
	}
	for head, want := range map[string]string{"合计": "1276.7", "因公出国（境）费": "80", "公务用车购置费": "",
		"公务用车运行维护费": "237", "公务接待费": "101.26", "会议费": "158.44", "培训费": "700"} {
		wantCell(t, g, i, colOf(t, g, head), want)
	}
	for _, j := range []int{1, 3} {
		if h := headerTexts(g, j); len(h) == 0 || h[len(h)-1] != "小计" {
			t.Errorf("column %d headed %q, want 小计 last", j, h)
		}
	}
	wantCell(t, g, i, 1, "418.26")
	wantCell(t, g, i, 3, "237")
}

// TestShanghaiTotalRowAfterEmptyRows checks 2025年部门财务收支预算总表 of
// 15_shanghai (page 8): the 收入总计/支出总计 row below the empty ruled
// rows is the grid's last row.
func TestShanghaiTotalRowAfterEmptyRows(t *testing.T) {
	d := corpusDoc(t, "15_shanghai-putuo-zhengfuban-2025-budget.pdf")
	g, i := gridWith(t, d, "收入总计", "支出总计")
	if i != len(g.Rows)-1 || g.Rows[i].Loc.Page != 8 {
		t.Errorf("total row %d of %d on page %d", i, len(g.Rows), g.Rows[i].Loc.Page)
	}
	rowOf(t, g, "一、财政拨款收入", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42")
	wantCell(t, g, i, 1, "91,016,775.35")
	wantCell(t, g, i, 3, "91,016,775.35")
	for _, b := range d.Blocks {
		if !b.IsGrid() && strings.HasPrefix(compact(b.Text), "收入总计") {
			t.Errorf("total row left as text at %v: %q", b.Loc, b.Text)
		}
	}
}

// TestShenzhenThreeCostsOneGrid checks 财政拨款“三公”经费支出表 of
// 18_shenzhen (page 32): the header, its third row of narrow fund headings
// and the body are one grid of twenty columns, each fund heading over its
// amounts.
func TestShenzhenThreeCostsOneGrid(t *testing.T) {
	d := corpusDoc(t, "18_shenzhen-ybj-2026-budget.pdf")
	g, _ := gridWithHeader(t, d, "因公出国(境)费", "增减变化金额")
	if g.Width() != 20 {
		t.Fatalf("width %d, want 20: %q", g.Width(), gridTexts(g))
	}
	i := rowOf(t, g, "2026年")
	for j, want := range map[int]string{2: "66.04", 5: "34.40", 8: "1.44", 11: "30.20", 14: "0.00", 17: "30.20"} {
		wantCell(t, g, i, j, want)
	}
	funds := []string{"一般公共预算", "政府性基金预算", "国有资本经营预算"}
	for j := 2; j < 20; j++ {
		h := headerTexts(g, j)
		if want := funds[(j-2)%3]; len(h) == 0 || h[len(h)-1] != want {
			t.Errorf("column %d headed %q, want %s last", j, h, want)
		}
	}
	for _, b := range d.Blocks {
		if !b.IsGrid() && strings.Contains(b.Text, "政府性基金") && b.Loc.Page == 32 {
			t.Errorf("header row left as text at %v: %q", b.Loc, b.Text)
		}
	}
}
