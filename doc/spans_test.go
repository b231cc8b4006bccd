package doc

import (
	"strings"
	"testing"
)

// A table exported from a spreadsheet: a spanning title row, a unit row,
// the header, a data row and a note row. The title, unit and note become
// text blocks; the grid keeps the header and the data, spans intact.
func TestSpansBlocks(t *testing.T) {
	rows := [][]string{
		{"一般公共预算支出表", "", ""},
		{"", "", "单位：万元"},
		{"科目名称", "合计", "基本支出"},
		{"行政运行", "10.00", "10.00"},
		{"注：本表无政府性基金。", "", ""},
	}
	sp := &Spans{Width: 3}
	for y, r := range rows {
		occ := make([]int, 3)
		for x := range occ {
			occ[x] = -1
		}
		for x, text := range r {
			if (y == 0 || y == 4) && x > 0 {
				occ[x] = len(sp.Cells) - 1 // covered by the spanning cell
				continue
			}
			cs := 1
			if y == 0 || y == 4 {
				cs = 3
			}
			sp.Cells = append(sp.Cells, Span{Y: y, X: x, ColSpan: cs, RowSpan: 1, Text: text})
			occ[x] = len(sp.Cells) - 1
		}
		sp.Occ = append(sp.Occ, occ)
	}
	lines, blocks := sp.Blocks([]string{"第一行"})
	d := &Document{Lines: lines, Blocks: blocks}
	want := `2 T0 一般公共预算支出表
3 T0 单位：万元
4 GRID ""
4 | 科目名称 | 合计 | 基本支出
5 | 行政运行 | 10.00 | 10.00
6 T0 注：本表无政府性基金。
`
	if got := d.Dump(); got != want {
		t.Errorf("blocks:\n%s\nwant\n%s", got, want)
	}
	if len(lines) != 6 || lines[3] != "科目名称\t合计\t基本支出" {
		t.Errorf("lines %q", lines)
	}
	empty := &Spans{Width: 3, Title: "空表", Cells: []Span{{ColSpan: 1, RowSpan: 1}}, Occ: [][]int{{0, -1, -1}}}
	if _, b := empty.Blocks(nil); len(b) != 1 || b[0].Text != "空表" || strings.Contains(b[0].Text, "\t") {
		t.Errorf("empty table: %+v", b)
	}
}
