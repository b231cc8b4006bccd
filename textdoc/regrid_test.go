package textdoc

import (
	"testing"

	"gongkai"
	"gongkai/doc"
)

// Paragraphs typed with tabs in a word processor become a grid; each row
// keeps the place of its paragraph.
func TestRegrid(t *testing.T) {
	var blocks []doc.Block
	for i, s := range []string{"正文。", "科目编码\t科目名称\t合计", "208\t社会保障和就业支出\t91.33", "210\t卫生健康支出\t6.00", "结尾。"} {
		blocks = append(blocks, doc.Block{Text: s, Loc: gongkai.Loc{Line: 10 * (i + 1)}})
	}
	out := Regrid(blocks)
	if len(out) != 3 || out[1].Grid == nil || len(out[1].Grid.Rows) != 3 {
		t.Fatalf("blocks = %+v", out)
	}
	if out[1].Grid.Rows[2].Loc.Line != 40 || out[1].Grid.Rows[2].Cells[2].Text != "6.00" || out[1].Loc.Line != 20 {
		t.Errorf("grid rows = %+v", out[1].Grid.Rows)
	}
	if out[2].Text != "结尾。" || out[2].Loc.Line != 50 {
		t.Errorf("last block = %+v", out[2])
	}
}
