package pdfdoc

import (
	"strings"
	"testing"

	"gongkai/doc"
)

// Empty tables as package render prints them (word boxes from its PDFs):
// the header, the names of the rows with nothing beside them, and a note
// that says the table is empty. Without a number or a 合计 line only the
// note tells the rows from text under a table.

// emptyProcurement is 政府采购预算表 with no procurement: a one-line header
// over two columns, six item names flush left in the first.
func emptyProcurement(note string) []tw {
	return []tw{
		{503.12, 64.99, 41.37, 10.83, "预算11表"},
		{227.38, 84.58, 140.74, 16.18, "2020年政府采购预算表"},
		{492.79, 110.74, 51.71, 10.83, "单位：万元"},
		{247.48, 132.57, 18.00, 10.55, "项目"},
		{493.85, 132.57, 18.00, 10.55, "金额"},
		{54.89, 155.44, 99.00, 9.42, "（一）政府采购预算合计"},
		{54.89, 176.44, 81.00, 9.42, "1.政府采购货物预算"},
		{54.89, 197.44, 81.00, 9.42, "2.政府采购工程预算"},
		{54.89, 218.44, 81.00, 9.42, "3.政府采购服务预算"},
		{54.89, 239.44, 153.00, 9.42, "（二）政府采购授予中小企业合同金额"},
		{54.89, 260.44, 117.00, 9.42, "其中：授予小微企业合同金额"},
		{51.00, 282.49, 227.53, 10.83, note},
	}
}

func TestEmptyTableRowNames(t *testing.T) {
	d := layoutWords(t, 595, 842, emptyProcurement("注：本部门2020年无政府采购预算，本表为空表。"))
	g := onlyGrid(t, d)
	if g.Width() != 2 || len(g.Rows) != 7 {
		t.Fatalf("grid %d×%d, want 7×2:\n%s", len(g.Rows), g.Width(), dumpBlocks(d))
	}
	if got := g.Texts(0); got[0] != "项目" || got[1] != "金额" {
		t.Errorf("header %q", got)
	}
	for i, r := range g.Rows[1:] {
		if r.Cells[0].Text == "" || r.Cells[1].Text != "" {
			t.Errorf("row %d = %q, want a name and nothing", i+1, g.Texts(i+1))
		}
	}
	if got := g.Texts(6)[0]; got != "其中：授予小微企业合同金额" {
		t.Errorf("last row %q", got)
	}
	if texts := textBlocks(d); len(texts) != 4 || !strings.HasSuffix(texts[3], "本表为空表。") {
		t.Errorf("text blocks %q", texts)
	}
}

// Under a note that does not say the table is empty, the names stay text.
func TestRowNamesWithoutEmptyNote(t *testing.T) {
	d := layoutWords(t, 595, 842, emptyProcurement("注：本表反映部门本年度政府采购预算情况。"))
	for _, b := range d.Blocks {
		if b.IsGrid() {
			t.Fatalf("a grid:\n%s", dumpBlocks(d))
		}
	}
}

// A "三公" table printed across with nothing in it: a header of three
// levels whose wrapped headings share lines with the headings beside
// them, and one row naming the unit, in a smaller type.
func TestEmptyThreeCostsAcross(t *testing.T) {
	d := layoutWords(t, 595, 842, []tw{
		{503.12, 64.99, 41.37, 10.83, "预算07表"},
		{172.21, 84.58, 251.08, 16.18, "2020年一般公共预算“三公”经费支出表"},
		{492.79, 110.74, 51.71, 10.83, "单位：万元"},
		{318.12, 132.57, 27.00, 10.55, "预算数"},
		{67.24, 149.82, 36.00, 10.55, "单位名称"},
		{126.57, 161.82, 18.00, 10.55, "合计"},
		{159.11, 161.82, 72.00, 10.55, "因公出国（境）费"},
		{245.27, 155.07, 72.00, 10.55, "公务用车购置及运"},
		{272.27, 167.82, 18.00, 10.55, "行费"},
		{331.09, 161.82, 63.00, 10.55, "公务用车购置费"},
		{407.91, 155.07, 72.00, 10.55, "公务用车运行维护"},
		{439.41, 167.82, 9.00, 10.55, "费"},
		{493.05, 161.82, 45.00, 10.55, "公务接待费"},
		{54.89, 190.69, 54.00, 9.42, "测试市第75局"},
		{51.00, 212.74, 248.22, 10.83, "注：本部门2020年无“三公”经费预算，本表为空表。"},
	})
	g := onlyGrid(t, d)
	want := [][]string{
		{"单位名称", "预算数", "", "", "", "", ""},
		{"", "合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行维护费", "公务接待费"},
		{"测试市第75局", "", "", "", "", "", ""},
	}
	if len(g.Rows) != len(want) || g.Width() != len(want[0]) {
		t.Fatalf("grid %d×%d, want 3×7:\n%s", len(g.Rows), g.Width(), dumpBlocks(d))
	}
	for i, w := range want {
		if got := cellTexts(g.Rows[i]); strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %q, want %q", i, got, w)
		}
	}
	if texts := textBlocks(d); len(texts) != 4 || !strings.HasPrefix(texts[3], "注：") {
		t.Errorf("text blocks %q", texts)
	}
}

// cellTexts returns the texts of a row's cells, "" for covered ones.
func cellTexts(r doc.Row) []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		if !c.Covered {
			out[i] = c.Text
		}
	}
	return out
}
