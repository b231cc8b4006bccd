package pdfdoc

import (
	"strings"
	"testing"

	"gongkai/doc"
)

// The tests in this file lay out, word by word, what package render prints
// (Chromium's PDF of an official disclosure: ruled tables, centred headings,
// text cells flush left, amounts flush right, paragraphs with a first-line
// indent), in the smallest forms where pdfdoc once misread them.

// textBlocks returns the texts of the blocks of d that are not grids.
func textBlocks(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if !b.IsGrid() {
			out = append(out, b.Text)
		}
	}
	return out
}

// An empty table: its header (one line or two) and a 合计 row with nothing
// in it, then the note that the table is empty. The total row is a row of
// the grid, under the header.
func TestEmptyTableWithTotalRow(t *testing.T) {
	const em = 10.5
	for name, header := range map[string][]tw{
		"one header line": {
			cjk(93, 132, em, "项目"), cjk(194, 132, em, "合计"), cjk(308, 132, em, "基本支出"), cjk(453, 132, em, "项目支出"),
		},
		"two header lines": {
			cjk(93, 140, em, "项目"), cjk(320, 125, em, "本年支出"),
			cjk(194, 148, em, "小计"), cjk(308, 148, em, "基本支出"), cjk(453, 148, em, "项目支出"),
		},
	} {
		t.Run(name, func(t *testing.T) {
			words := append([]tw{cjk(200, 84, 16, "2025年政府性基金预算支出表"), cjk(490, 110, em, "单位：万元")}, header...)
			words = append(words, cjk(55, 170, em, "合计"), cjk(51, 192, em, "注：本部门无政府性基金预算支出，本表为空表。"))
			d := layoutWords(t, 595, 842, words)
			g := onlyGrid(t, d)
			last := g.Rows[len(g.Rows)-1]
			if g.Width() != 4 || strings.TrimSpace(last.Cells[0].Text) != "合计" {
				t.Fatalf("grid:\n%s", dumpBlocks(d))
			}
			for i, r := range g.Rows[:len(g.Rows)-1] {
				if r.Cells[0].Text == "合计" {
					t.Errorf("row %d is a total row above the last:\n%s", i, dumpBlocks(d))
				}
			}
			if texts := textBlocks(d); len(texts) != 3 || !strings.HasPrefix(texts[2], "注：") {
				t.Errorf("text blocks %q", texts)
			}
		})
	}
}

// Paragraphs with a first-line indent, each a sentence: a line that starts
// at the indent is a new paragraph, even when the line above reached
// almost to the right margin.
func TestIndentedParagraphsStayApart(t *testing.T) {
	const em = 12
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	words := []tw{
		cjk(51, 100, 14, "九、财政拨款“三公”经费支出决算情况"),
		line(74, 125, 527, "2024年度“三公”经费支出预算为2.10万元，完成预算的100.00%。"), // 1.4 em short
		line(74, 148, 544, "其中：因公出国（境）费0.00万元，公务用车购置及运行费2.10万元，"),
		line(51, 166, 440, "公务接待费0.00万元，占全部“三公”经费的0.00%。"),
		line(74, 189, 544, "全年安排因公出国（境）团组0个，0人次；购置公务用车0辆，保有0辆"),
		line(51, 207, 544, "国内公务接待0批次，0人次，与上年相同，全年无变化，特此说明。"),
		line(74, 230, 200, "本年无政府采购。"),
	}
	d := layoutWords(t, 595, 842, words)
	texts := textBlocks(d)
	if len(texts) != 5 {
		t.Fatalf("blocks %q", texts)
	}
	for i, prefix := range []string{"九、", "2024年度", "其中：", "全年安排", "本年无"} {
		if !strings.HasPrefix(texts[i], prefix) {
			t.Errorf("block %d = %q, want it to start with %q", i, texts[i], prefix)
		}
	}
}
