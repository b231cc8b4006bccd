package pdfdoc

import (
	"testing"

	"gongkai/doc"
)

// The tests in this file check multi-level headers: which columns a
// heading spans, and that words of different header rows are never one
// cell.

// headerCell returns the position of the header cell of g reading text
// (the first when there are several), or fails.
func headerCell(t *testing.T, g *doc.Grid, text string) (row, col int, c doc.Cell) {
	t.Helper()
	for i := 0; i < len(g.Rows) && !rowHasNumber(g, i); i++ {
		for j, c := range g.Rows[i].Cells {
			if !c.Covered && compact(c.Text) == compact(text) {
				return i, j, c
			}
		}
	}
	t.Fatalf("no header cell %q in %q", text, gridTexts(g))
	return 0, 0, doc.Cell{}
}

// wantSpan checks that the header cell reading text stands at column col
// and spans cols columns and rows header rows.
func wantSpan(t *testing.T, g *doc.Grid, text string, col, cols, rows int) {
	t.Helper()
	_, j, c := headerCell(t, g, text)
	if j != col || max(c.ColSpan, 1) != cols || max(c.RowSpan, 1) != rows {
		t.Errorf("%s at column %d spanning %d columns, %d rows; want column %d, %d columns, %d rows",
			text, j, max(c.ColSpan, 1), max(c.RowSpan, 1), col, cols, rows)
	}
}

// TestHeadingSpansItsColumns lays out the “三公” table of
// TestEmptyColumnsUnderHeadings: each heading spans the columns of the
// sub-headings below it, though its words touch only one or two of them.
func TestHeadingSpansItsColumns(t *testing.T) {
	const em = 12
	words := []tw{
		cjk(316, 152, em, "“三公”经费预算数"),
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
	wantSpan(t, g, "“三公”经费预算数", 0, 6, 1)
	wantSpan(t, g, "机关运行经费预算数", 6, 1, 3)
	wantSpan(t, g, "合计", 0, 1, 2)
	wantSpan(t, g, "公务接待费", 2, 1, 2)
	wantSpan(t, g, "公务用车购置及运行费", 3, 3, 1)
	for _, s := range []string{"小计", "购置费", "运行费"} {
		if i, _, _ := headerCell(t, g, s); i != 2 {
			t.Errorf("%s in header row %d, want 2", s, i)
		}
	}
}

// TestWrappedHeadingAndSubheading lays out a heading wrapped over two
// centred lines, and a heading with a sub-heading printed close below it,
// overlapping it but off its axis (like 05_changsha 部门整体支出绩效目标表):
// the first is one cell, the second two.
func TestWrappedHeadingAndSubheading(t *testing.T) {
	const em = 10
	words := []tw{
		cjk(100, 112, em, "单位"),
		cjk(285, 90, em, "年度预算申请"),  // over 资金总额 … 项目支出
		cjk(260, 107, em, "按收入性质分"), // over 一般公共预算 … 其他资金, off the axis above
		cjk(385, 107, em, "按支出性质分"),
		cjk(170, 118, em, "资金总额"),
		cjk(220, 128, em, "一般公共"), cjk(230, 140, em, "预算"), // wrapped, centred
		cjk(270, 128, em, "政府基金"), cjk(320, 128, em, "其他资金"),
		cjk(370, 128, em, "基本支出"), cjk(420, 128, em, "项目支出"),
		cjk(100, 160, em, "本局"),
		num(206, 160, em, "15.00"), num(260, 160, em, "10.00"), num(310, 160, em, "3.00"),
		num(360, 160, em, "2.00"), num(410, 160, em, "8.00"), num(460, 160, em, "7.00"),
	}
	d := layoutWords(t, 600, 400, words)
	g := onlyGrid(t, d)
	wantSpan(t, g, "一般公共预算", 2, 1, 1)
	wantSpan(t, g, "年度预算申请", 1, 6, 1)
	wantSpan(t, g, "按收入性质分", 2, 3, 1)
	wantSpan(t, g, "按支出性质分", 5, 2, 1)
	wantSpan(t, g, "资金总额", 1, 1, 2)
}

// TestShanghaiThreeCostsHeader checks the header of the “三公” table of
// 15_shanghai (page 20): “三公”经费预算数 over six columns, 公务用车购置及运行费
// over 小计/购置费/运行费, 机关运行经费预算数 down all three header rows.
func TestShanghaiThreeCostsHeader(t *testing.T) {
	d := corpusDoc(t, "15_shanghai-putuo-zhengfuban-2025-budget.pdf")
	g, _ := gridWith(t, d, "867.50", "213.28")
	wantSpan(t, g, "“三公”经费预算数", 0, 6, 1)
	wantSpan(t, g, "机关运行经费预算数", 6, 1, 3)
	wantSpan(t, g, "公务接待费", 2, 1, 2)
	wantSpan(t, g, "公务用车购置及运行费", 3, 3, 1)
}

// TestJiangsuThreeCostsHeader checks 公开09表 of 11_jiangsu (page 20).
func TestJiangsuThreeCostsHeader(t *testing.T) {
	d := corpusDoc(t, "11_jiangsu-jianchayuan-2019-budget.pdf")
	g, _ := gridWith(t, d, "1276.7", "418.26")
	wantSpan(t, g, "合计", 0, 1, 3)
	wantSpan(t, g, "“三公”经费", 1, 6, 1)
	wantSpan(t, g, "公务用车购置及运行维护费", 3, 3, 1)
	wantSpan(t, g, "公务接待费", 6, 1, 2)
	wantSpan(t, g, "会议费", 7, 1, 3)
}

// TestShenzhenThreeCostsHeader checks 财政拨款“三公”经费支出表 of
// 18_shenzhen (page 32): each item spans its three fund columns.
func TestShenzhenThreeCostsHeader(t *testing.T) {
	d := corpusDoc(t, "18_shenzhen-ybj-2026-budget.pdf")
	g, _ := gridWithHeader(t, d, "因公出国(境)费", "增减变化金额")
	wantSpan(t, g, "预算单位", 0, 1, 3)
	wantSpan(t, g, "总计", 2, 3, 2)
	wantSpan(t, g, "因公出国(境)费", 5, 3, 2)
	wantSpan(t, g, "公务接待费", 8, 3, 2)
	wantSpan(t, g, "公务用车购置及运行维护费", 11, 9, 1)
	wantSpan(t, g, "公务用车购置费", 14, 3, 1)
}

// TestHeadingRowsNotJoined checks headings printed one above the other in
// the same columns: 收入 over 项目 of 02_guojia 公开01表 (page 7) are two
// cells, 收入 spanning 项目/行次/金额.
func TestHeadingRowsNotJoined(t *testing.T) {
	d := corpusDoc(t, "02_guojia-xinfangju-2024-final.pdf")
	g, _ := gridWith(t, d, "一、一般公共预算财政拨款收入", "19,572.91")
	wantSpan(t, g, "收入", 0, 3, 1)
	wantSpan(t, g, "支出", 3, 3, 1)
	if r, _, _ := headerCell(t, g, "项目"); r != 1 {
		t.Errorf("项目 in header row %d, want 1", r)
	}
}

// TestHeadingCentredOverItsColumns checks headings whose words lie nearer
// another heading's columns: 预算数 of 20_beijing 预算05表 (page 6) heads 合计
// too, and 部门预算 of 01_xian 表2 (page 30) heads every amount column but
// not the unit code and name.
func TestHeadingCentredOverItsColumns(t *testing.T) {
	d := corpusDoc(t, "20_beijing-ybj-2026-budget.tables.pdf")
	g, _ := gridWith(t, d, "2101501", "行政运行", "4,247.250789")
	wantSpan(t, g, "功能分类科目", 0, 2, 1)
	wantSpan(t, g, "预算数", 2, 6, 1)
	wantSpan(t, g, "基本支出", 3, 3, 1)

	d = corpusDoc(t, "01_xian-ybj-2022-budget.pdf")
	g, _ = gridWith(t, d, "245002", "西安市医疗保障经办服务中心", "454472259.1")
	wantSpan(t, g, "单位编码", 0, 1, 3)
	wantSpan(t, g, "部门预算", 2, 12, 1)
	wantSpan(t, g, "一般公共预算拨款", 3, 2, 1)
}
