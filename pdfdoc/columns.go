package pdfdoc

import (
	"math"
	"sort"
)

// column is one printed column of a table: the x extent of the words that
// fall into it.
type column struct {
	X0, X1 float64
	// Right is the right edge of the text of its body words: a wrapped cell
	// reaches it.
	Right float64
}

func (c column) mid() float64 { return (c.X0 + c.X1) / 2 }

// overlap returns how far [a0,a1] and [b0,b1] overlap (negative when apart).
func overlap(a0, a1, b0, b1 float64) float64 { return math.Min(a1, b1) - math.Max(a0, b0) }

// detectColumns finds the columns of a table from the x extents of all
// its words. A word that covers two words of another line spans columns
// (a header over sub-headers, a label over code columns) and takes no
// part; the extents of the other words, merged where they overlap, are the
// columns. bodyFrom is the index of the first body line; only body words
// set Column.Right.
func detectColumns(lines []*line, bodyFrom int) []column {
	type iv struct {
		x0, x1 float64
		body   bool
	}
	var ivs []iv
	for i, l := range lines {
		for _, w := range l.Words {
			if spansOtherLine(lines, i, w) {
				continue
			}
			ivs = append(ivs, iv{w.X0, w.X1, i >= bodyFrom})
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].x0 < ivs[j].x0 })
	var cols []column
	for _, v := range ivs {
		right := math.Inf(-1)
		if v.body {
			right = v.x1
		}
		if n := len(cols); n > 0 && v.x0 < cols[n-1].X1 {
			c := &cols[n-1]
			c.X1 = math.Max(c.X1, v.x1)
			c.Right = math.Max(c.Right, right)
			continue
		}
		cols = append(cols, column{X0: v.x0, X1: v.x1, Right: right})
	}
	for i := range cols {
		if math.IsInf(cols[i].Right, -1) {
			cols[i].Right = cols[i].X1
		}
	}
	return cols
}

// spansOtherLine reports whether w, on line i, overlaps two or more words
// of some other line.
func spansOtherLine(lines []*line, i int, w word) bool {
	for j, l := range lines {
		if j == i || l.x1() <= w.X0 || l.x0() >= w.X1 {
			continue
		}
		n := 0
		for _, v := range l.Words {
			if overlap(w.X0, w.X1, v.X0, v.X1) > 0 {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// span is the columns [C0, C1] a word is placed in.
type span struct{ C0, C1 int }

// placeWord returns the columns w falls into. A word mostly inside one
// column belongs to it alone; otherwise it spans every column it overlaps
// by a useful amount. It returns ok=false only if cols is empty.
func placeWord(cols []column, w word) (span, bool) {
	if len(cols) == 0 {
		return span{}, false
	}
	best, bestOv := -1, 0.0
	c0, c1 := -1, -1
	min := math.Min(w.width()*0.15, w.height()*0.5)
	for i, c := range cols {
		ov := overlap(w.X0, w.X1, c.X0, c.X1)
		if ov > bestOv {
			best, bestOv = i, ov
		}
		if ov > min {
			if c0 < 0 {
				c0 = i
			}
			c1 = i
		}
	}
	switch {
	case best < 0: // in a gap: the nearest column
		return span{nearestColumn(cols, w.midX()), nearestColumn(cols, w.midX())}, true
	case bestOv >= 0.7*w.width() || c0 < 0:
		return span{best, best}, true
	}
	return span{c0, c1}, true
}

func nearestColumn(cols []column, x float64) int {
	best, d := 0, math.Inf(1)
	for i, c := range cols {
		dd := math.Max(0, math.Max(c.X0-x, x-c.X1))
		if dd < d {
			best, d = i, dd
		}
	}
	return best
}

// splitLetterSpaced returns the glyphs of a letter-spaced word when each
// sits centred over a column of its own (类 款 项 over three code
// columns), else nil: then the word is one heading over one or more
// columns (收　　入).
func splitLetterSpaced(cols []column, w word) []word {
	if len(w.parts) < 2 {
		return nil
	}
	pitch := (w.parts[len(w.parts)-1].midX() - w.parts[0].midX()) / float64(len(w.parts)-1)
	prev := -1
	for _, p := range w.parts {
		s, _ := placeWord(cols, p)
		if s.C0 != s.C1 || s.C0 <= prev {
			return nil
		}
		if math.Abs(cols[s.C0].mid()-p.midX()) > 0.3*pitch {
			return nil
		}
		prev = s.C0
	}
	return w.parts
}
