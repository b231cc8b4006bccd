package pdfdoc

import (
	"fmt"
	"strings"
	"testing"

	"gongkai/doc"
)

// The tests in this file lay out tables that a page break cuts, as
// LibreOffice prints an HTML table: a header cut inside its last row, and a
// table whose first row stands alone at the foot of a page.

// layoutPagesOf lays out pages of words (A4) as pdftotext -tsv would
// report them.
func layoutPagesOf(t *testing.T, pages ...[]tw) *doc.Document {
	t.Helper()
	var b strings.Builder
	b.WriteString("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n")
	for i, words := range pages {
		fmt.Fprintf(&b, "1\t%d\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t###PAGE###\n", i+1)
		for _, w := range words {
			fmt.Fprintf(&b, "5\t%d\t0\t0\t0\t0\t%g\t%g\t%g\t%g\t100\t%s\n", i+1, w.x, w.y, w.w, w.h, w.s)
		}
	}
	ps, err := parseTSV(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return layoutDocument(ps)
}

func grids(d *doc.Document) []*doc.Grid {
	var out []*doc.Grid
	for _, bl := range d.Blocks {
		if bl.IsGrid() {
			out = append(out, bl.Grid)
		}
	}
	return out
}

// TestHeaderCutByPageBreak: the last header row of a table reaches the
// foot of page 1 ("合计 因公出 小计 公务接"), the rest of its cells opens
// page 2, centred in what is left of the row, over the body. One table
// comes out, each cut cell whole.
func TestHeaderCutByPageBreak(t *testing.T) {
	const em = 12
	xs := []float64{58, 130, 230, 330}
	p1 := []tw{
		cjk(56, 600, em, "财政拨款支出表"),
		cjk(xs[1], 720, em, "预算数"), cjk(xs[3], 720, em, "决算数"),
		cjk(xs[0], 792, em, "合计"), cjk(xs[1], 792, em, "因公出"), cjk(xs[2], 792, em, "小计"), cjk(xs[3], 792, em, "公务接"),
	}
	p2 := []tw{
		cjk(xs[1], 37.4, em, "国境"), cjk(xs[1], 51.5, em, "费用"),
		cjk(xs[3], 44.5, em, "待费"),
		num(xs[0]+6, 90, em, "1"), num(xs[1]+6, 90, em, "2"), num(xs[2]+6, 90, em, "3"), num(xs[3]+6, 90, em, "4"),
		num(xs[0]+24, 122, em, "2.10"), num(xs[2]+24, 122, em, "2.10"),
	}
	gs := grids(layoutPagesOf(t, p1, p2))
	if len(gs) != 1 {
		t.Fatalf("%d grids, want 1", len(gs))
	}
	var cells []string
	for _, r := range gs[0].Rows {
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
	}
	got := strings.Join(cells, "|")
	for _, want := range []string{"|因公出国境费用|", "|公务接待费", "2.10|"} {
		if !strings.Contains(got, want) {
			t.Errorf("cells %q lack %q", got, want)
		}
	}
}

// TestFirstRowAloneAtPageFoot: a table's first row stands alone at the
// foot of page 1 under its caption; the rest of the table opens page 2.
// The row is the table's first, not a paragraph.
func TestFirstRowAloneAtPageFoot(t *testing.T) {
	const em = 15.6
	p1 := []tw{
		cjk(56, 700, em, "项目支出绩效自评表"),
		cjk(58, 790, em, "项目名称"), cjk(200, 790, em, "某项目"),
	}
	p2 := []tw{
		cjk(58, 40, em, "主管部门"), cjk(200, 40, em, "某局"), cjk(300, 40, em, "实施单位"),
		cjk(58, 80, em, "年度资金"), num(240, 80, em, "81.00"), num(340, 80, em, "101.00"),
		cjk(58, 120, em, "其他资金"), num(240, 120, em, "5.00"), num(340, 120, em, "5.00"),
	}
	d := layoutPagesOf(t, p1, p2)
	gs := grids(d)
	if len(gs) != 1 {
		t.Fatalf("%d grids, want 1", len(gs))
	}
	if got := gs[0].Rows[0].Cells[0].Text; got != "项目名称" {
		t.Errorf("first row starts %q, want 项目名称", got)
	}
	for _, bl := range d.Blocks {
		if !bl.IsGrid() && strings.Contains(bl.Text, "项目名称") {
			t.Errorf("the first row is also a paragraph: %q", bl.Text)
		}
	}
}

func TestCaptionLines(t *testing.T) {
	for s, want := range map[string]bool{
		"(2024年度)":  true,
		"（2024年）":   true,
		"(2024+1g)": false,
		"(一)收入情况":   false,
	} {
		if got := isTitleText(s); got != want {
			t.Errorf("isTitleText(%q) = %v, want %v", s, got, want)
		}
	}
}
