package pdfdoc

import (
	"math"
	"strings"

	"gongkai/doc"
)

// addTable adds t as a grid block, or appends its rows to the previous
// table when t continues it on the next page.
func (b *builder) addTable(t *table) {
	b.flushPara()
	if b.prev != nil {
		if cmap, ok := b.continuationMap(t); ok {
			b.appendContinuation(t, cmap)
			return
		}
	}
	titles := b.titlesBefore(len(b.doc.Blocks), t.page)
	t.grid.Title = captionOf(b.doc.Blocks, titles)
	b.doc.Blocks = append(b.doc.Blocks, doc.Block{Grid: t.grid, Loc: t.grid.Rows[0].Loc})
	b.prev, b.prevBlock, b.since = t, len(b.doc.Blocks)-1, nil
	b.prevTitles = titles
}

// titlesBefore returns the indexes of the caption blocks on page pg that
// come right before block i.
func (b *builder) titlesBefore(i, pg int) []int {
	var out []int
	for k := i - 1; k >= 0; k-- {
		bl := b.doc.Blocks[k]
		if !b.titles[k] || bl.Loc.Page != pg {
			break
		}
		out = append([]int{k}, out...)
	}
	return out
}

// captionOf returns the text of the caption that names the table (the one
// ending in 表), or "".
func captionOf(blocks []doc.Block, idx []int) string {
	for i := len(idx) - 1; i >= 0; i-- {
		t := compact(blocks[idx[i]].Text)
		if strings.HasSuffix(strings.TrimRight(t, "（）()续"), "表") && len([]rune(t)) > 3 {
			return blocks[idx[i]].Text
		}
	}
	return ""
}

// continuationMap decides whether t continues b.prev: t starts the page
// after the one b.prev ends on, only captions that repeat b.prev's (or say
// 续) stand between them, and their columns match: the same header, or
// the same places on the page. It returns, for each column of t, the
// column of b.prev it is.
func (b *builder) continuationMap(t *table) ([]int, bool) {
	p := b.prev
	if t.page != p.lastPage+1 || !b.captionsRepeat() {
		return nil, false
	}
	if t.headerRows > 0 {
		if p.headerRows == 0 || len(t.cols) != len(p.cols) || !sameRows(t.grid.Rows[:t.headerRows], p.grid.Rows[:p.headerRows]) {
			return nil, false
		}
		return identity(len(t.cols)), true
	}
	if math.Abs(t.pageWidth-p.pageWidth) > 1 {
		return nil, false
	}
	return mapColumns(t.cols, p.cols)
}

// captionsRepeat reports whether every caption since the previous table
// repeats one of its captions or marks a continuation (续表).
func (b *builder) captionsRepeat() bool {
	for _, i := range b.since {
		t := compact(b.doc.Blocks[i].Text)
		if strings.Contains(t, "续") {
			continue
		}
		found := false
		for _, k := range b.prevTitles {
			if compact(b.doc.Blocks[k].Text) == t {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// mapColumns maps each column of a to the column of b it lies in, in
// order; it fails when a column of a overlaps no column or two of b.
func mapColumns(a, b []column) ([]int, bool) {
	out := make([]int, len(a))
	prev := -1
	for i, c := range a {
		best, n := -1, 0
		for j, d := range b {
			if overlap(c.X0, c.X1, d.X0, d.X1) > 0 {
				best, n = j, n+1
			}
		}
		if n != 1 || best <= prev {
			return nil, false
		}
		out[i], prev = best, best
	}
	return out, len(a) > 0
}

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// appendContinuation appends the rows of t to the previous table, leaving
// out the rows that repeat the start of that table (the header, and a 合计
// row printed again on every page), and drops the repeated captions.
func (b *builder) appendContinuation(t *table, cmap []int) {
	p := b.prev
	rows := remapRows(t.grid.Rows, cmap, len(p.cols))
	skip := 0
	for skip < len(rows) && skip < len(p.grid.Rows) && sameRow(rows[skip], p.grid.Rows[skip]) {
		skip++
	}
	skip = max(skip, t.headerRows)
	p.grid.Rows = append(p.grid.Rows, rows[skip:]...)
	p.lastPage = t.page
	b.doc.Blocks = b.doc.Blocks[:b.prevBlock+1]
	b.since = nil
}

// remapRows moves the cells of rows to the columns cmap gives, in grids of
// n columns.
func remapRows(rows []doc.Row, cmap []int, n int) []doc.Row {
	out := make([]doc.Row, len(rows))
	for i, r := range rows {
		out[i] = doc.Row{Loc: r.Loc, Cells: make([]doc.Cell, n)}
		for j, c := range r.Cells {
			if j < len(cmap) {
				out[i].Cells[cmap[j]] = c
			}
		}
	}
	return out
}

// sameRows reports whether two runs of rows print the same text.
func sameRows(a, b []doc.Row) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameRow(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameRow reports whether two rows print the same text in the same
// columns, ignoring white space.
func sameRow(a, b doc.Row) bool {
	if len(a.Cells) != len(b.Cells) {
		return false
	}
	for i := range a.Cells {
		if compact(a.Cells[i].Text) != compact(b.Cells[i].Text) {
			return false
		}
	}
	return true
}
