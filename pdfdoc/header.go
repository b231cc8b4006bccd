package pdfdoc

import "sort"

// hcell is one cell of a table header: the pieces of text that stack in the
// same columns, close above each other.
type hcell struct {
	Span   span
	Pieces []piece
	Y0, Y1 float64
	Level  int // header row, 0 at the top
	Rows   int // header rows it covers
}

// Header cells are stacked text closer than this, in ems.
const headerWrapGap = 0.9

// headerCells groups the pieces of the header lines into cells: pieces in
// the same columns whose lines follow each other closely are wrapped text
// of one cell.
func headerCells(tls []tline) []*hcell {
	var cells []*hcell
	for i := range tls {
		for _, p := range tls[i].Pieces {
			if c := stackOn(cells, p); c != nil {
				c.Pieces = append(c.Pieces, p)
				c.Y1 = max(c.Y1, p.Line.Y1)
				continue
			}
			cells = append(cells, &hcell{Span: p.Span, Pieces: []piece{p}, Y0: p.Line.Y0, Y1: p.Line.Y1})
		}
	}
	return cells
}

// stackOn returns the cell p continues: same columns, close above.
func stackOn(cells []*hcell, p piece) *hcell {
	em := p.Line.em()
	for i := len(cells) - 1; i >= 0; i-- {
		c := cells[i]
		if c.Span == p.Span && p.Line.Y0-c.Y1 <= headerWrapGap*em && p.Line.Y0 >= c.Y0 {
			return c
		}
	}
	return nil
}

// layoutHeader gives each header cell its level (header row) and row
// span. A cell sits one level below the lowest cell printed above it in any
// of its columns, so a heading spanning several columns sits above the
// headings under it, and two separate headings stacked in one column get a
// row each. A cell reaches down to the level of the highest cell below it in
// its columns, or to the last header row. It returns the number of header
// rows.
func layoutHeader(cells []*hcell) int {
	sort.SliceStable(cells, func(i, j int) bool { return cells[i].Y0 < cells[j].Y0 })
	depth := 0
	for i, c := range cells {
		for _, o := range cells[:i] {
			if above(o, c) && o.Level+1 > c.Level {
				c.Level = o.Level + 1
			}
		}
		depth = max(depth, c.Level+1)
	}
	for _, c := range cells {
		c.Rows = depth - c.Level
		for _, o := range cells {
			if above(c, o) && o.Level-c.Level < c.Rows {
				c.Rows = max(1, o.Level-c.Level)
			}
		}
	}
	sort.SliceStable(cells, func(i, j int) bool {
		if cells[i].Level != cells[j].Level {
			return cells[i].Level < cells[j].Level
		}
		return cells[i].Span.C0 < cells[j].Span.C0
	})
	return depth
}

// above reports whether cell a is printed above cell b in a column they
// share.
func above(a, b *hcell) bool {
	return a.Span.C0 <= b.Span.C1 && b.Span.C0 <= a.Span.C1 && a.Y1 <= b.Y0+1
}
