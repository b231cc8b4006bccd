package pdfdoc

import (
	"math"
	"sort"
)

// hcell is one cell of a table header: the pieces of text that stack in the
// same columns, close above each other.
type hcell struct {
	Span span
	Own  span // the columns its own words lie over

	Pieces []piece
	X0, X1 float64 // the extent of its text
	Y0, Y1 float64
	Em     float64 // its glyph height
	Level  int     // header row, 0 at the top
	Rows   int     // header rows it covers
	// Bound says its text wraps to the width of the one column it lies
	// in: a cell over several columns would have had their room.
	Bound bool
}

func (c *hcell) midX() float64 { return (c.X0 + c.X1) / 2 }

// Header cells are stacked text closer than this, in ems.
const headerWrapGap = 0.9

// headerCells groups the pieces of the header lines into cells: pieces
// whose lines follow each other closely and that line up as the lines of
// one cell do (centred on one axis, or flush left or right, the shorter
// within the longer) are wrapped text of one cell. Pieces on different
// lines that do not line up so are different cells, though they fall into
// the same columns: a heading over a sub-heading printed close below it.
func headerCells(tls []tline) []*hcell {
	var cells []*hcell
	for i := range tls {
		for _, p := range tls[i].Pieces {
			if c := stackOn(cells, p, tls[i].Pieces); c != nil {
				c.Pieces = append(c.Pieces, p)
				c.Y1 = max(c.Y1, pieceY1(p))
				c.X0, c.X1 = min(c.X0, p.x0()), max(c.X1, p.x1())
				c.Span = span{min(c.Span.C0, p.Span.C0), max(c.Span.C1, p.Span.C1)}
				continue
			}
			cells = append(cells, &hcell{Span: p.Span, Pieces: []piece{p},
				X0: p.x0(), X1: p.x1(), Y0: pieceY0(p), Y1: pieceY1(p), Em: pieceEm(p)})
		}
	}
	return cells
}

// pieceEm is the glyph height of a piece's words.
func pieceEm(p piece) float64 {
	hs := make([]float64, len(p.Words))
	for i, w := range p.Words {
		hs[i] = w.height()
	}
	return median(hs)
}

// pieceY0 and pieceY1 are the top and the foot of a piece's words.
func pieceY0(p piece) float64 {
	y := math.Inf(1)
	for _, w := range p.Words {
		y = min(y, w.Y0)
	}
	return y
}

func pieceY1(p piece) float64 {
	y := math.Inf(-1)
	for _, w := range p.Words {
		y = max(y, w.Y1)
	}
	return y
}

// stackOn returns the cell p continues: close above it, in overlapping
// columns, its last line lined up with p, and no other piece of p's line
// (line holds them all) under it as well: sub-headings side by side under
// a heading are not the wrapped text of the heading.
func stackOn(cells []*hcell, p piece, line []piece) *hcell {
	em := pieceEm(p)
	y0 := pieceY0(p)
	for i := len(cells) - 1; i >= 0; i-- {
		c := cells[i]
		if y0-c.Y1 > headerWrapGap*em || y0 < c.Y0 {
			continue
		}
		last := c.Pieces[len(c.Pieces)-1]
		if !spansMeet(c.Span, p.Span) || !linesUp(last.x0(), last.x1(), p.x0(), p.x1(), em) {
			continue
		}
		for _, q := range line {
			if q.Span != p.Span && overlap(q.x0(), q.x1(), c.X0, c.X1) > 0 && spansMeet(q.Span, c.Span) {
				return nil
			}
		}
		return c
	}
	return nil
}

// linesUp reports whether two lines of text extents [a0,a1] and [b0,b1]
// can be lines of one cell: the shorter lies within the longer, and they
// are centred on one axis or flush on one side (em is the glyph size). A
// heading and a sub-heading printed close below it may overlap, but the
// sub-heading stands off the heading's axis.
func linesUp(a0, a1, b0, b1, em float64) bool {
	if b1-b0 > a1-a0 {
		a0, a1, b0, b1 = b0, b1, a0, a1
	}
	tol := 0.5 * em
	if b0 < a0-tol || b1 > a1+tol {
		return false
	}
	return math.Abs((a0+a1)/2-(b0+b1)/2) <= em || math.Abs(a0-b0) <= tol || math.Abs(a1-b1) <= tol
}

// layoutHeader widens the spans of headings over all the columns they
// head, then gives each header cell its level (header row) and row span.
// A cell sits one level below the lowest cell printed above it in any of
// its columns, so a heading spanning several columns sits above the
// headings under it, and two separate headings stacked in one column get a
// row each; a heading at the foot of the header sits in the last row. A
// cell reaches down to the row above the highest cell below it in its
// columns, or to the last header row. It returns the number of header rows.
func layoutHeader(cells []*hcell, cols []column) int {
	completeSpans(cells, cols)
	sort.SliceStable(cells, func(i, j int) bool { return cells[i].Y0 < cells[j].Y0 })
	depth := 0
	for i, c := range cells {
		c.Level = 0
		for _, o := range cells[:i] {
			if above(o, c) && o.Level+1 > c.Level {
				c.Level = o.Level + 1
			}
		}
		depth = max(depth, c.Level+1)
	}
	// Headings at the foot of the header whose neighbours sit deeper sit
	// in the last row; what is above them reaches down to it.
	bottom := math.Inf(-1)
	for _, c := range cells {
		bottom = max(bottom, c.Y1)
	}
	for _, c := range cells {
		if c.Y1 >= bottom-0.5*c.Em && !hasBelow(cells, c) {
			c.Level = depth - 1
		}
	}
	for _, c := range cells {
		c.Rows = depth - c.Level
		for _, o := range cells {
			if above(c, o) && o.Level > c.Level && o.Level-c.Level < c.Rows {
				c.Rows = o.Level - c.Level
			}
		}
	}
	// A cell starts right below the lowest cell above it.
	for _, c := range cells {
		top := 0
		for _, o := range cells {
			if o != c && above(o, c) && o.Level < c.Level {
				top = max(top, o.Level+o.Rows)
			}
		}
		if top < c.Level {
			c.Rows += c.Level - top
			c.Level = top
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

// hasBelow reports whether some cell is printed below c in its columns.
func hasBelow(cells []*hcell, c *hcell) bool {
	for _, o := range cells {
		if o != c && above(c, o) {
			return true
		}
	}
	return false
}
