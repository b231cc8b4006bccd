package pdfdoc

import "strings"

// piece is the text of one line falling into one cell of a table.
type piece struct {
	Words []word
	Span  span
	Line  *line
}

func (p piece) text() string {
	return strings.ReplaceAll(lineText(p.Words), "\t", " ")
}

func (p piece) x0() float64 { return p.Words[0].X0 }
func (p piece) x1() float64 { return p.Words[len(p.Words)-1].X1 }

// tline is a line of a table cut into pieces by column.
type tline struct {
	L      *line
	Pieces []piece // ordered by column
	// numeric is set when the line has a number or a number placeholder:
	// it is a row of its own, never the continuation of another.
	numeric bool
}

// cutLine places the words of l into columns. Consecutive words in the same
// columns form one piece. body says whether l is a body line; above is the
// line above a header line (nil for the first), see splitLetterSpaced.
func cutLine(cols []column, l *line, body bool, above *line) tline {
	t := tline{L: l}
	for _, w := range l.Words {
		if isNumber(w.Text) {
			t.numeric = true
		}
		for _, v := range wordsForPlacing(cols, w, body, above) {
			s, _ := placeWord(cols, v)
			n := len(t.Pieces)
			if n > 0 && outsideColumns(cols, v) && v.X0-t.Pieces[n-1].x1() < v.height() {
				s = t.Pieces[n-1].Span // the next word of the cell on its left
			}
			if n > 0 && t.Pieces[n-1].Span == s {
				t.Pieces[n-1].Words = append(t.Pieces[n-1].Words, v)
				continue
			}
			t.Pieces = append(t.Pieces, piece{Words: []word{v}, Span: s, Line: l})
		}
	}
	t.Pieces = resolveOverlaps(t.Pieces)
	return t
}

// outsideColumns reports whether w overlaps no column.
func outsideColumns(cols []column, w word) bool {
	for _, c := range cols {
		if overlap(w.X0, w.X1, c.X0, c.X1) > 0 {
			return false
		}
	}
	return true
}

// wordsForPlacing returns w, or its glyphs when it is a letter-spaced word
// whose glyphs head separate columns.
func wordsForPlacing(cols []column, w word, body bool, above *line) []word {
	if parts := splitLetterSpaced(cols, w, body, above); parts != nil {
		return parts
	}
	return []word{w}
}

// resolveOverlaps makes the pieces of a line cover disjoint columns: a
// spanning piece is cut short before the next piece's column, and pieces
// that land in the same column are joined.
func resolveOverlaps(ps []piece) []piece {
	var out []piece
	for _, p := range ps {
		n := len(out)
		if n == 0 {
			out = append(out, p)
			continue
		}
		prev := &out[n-1]
		switch {
		case p.Span.C0 > prev.Span.C1:
			out = append(out, p)
		case p.Span.C0 > prev.Span.C0:
			prev.Span.C1 = p.Span.C0 - 1
			out = append(out, p)
		default: // same first column: one piece
			prev.Words = append(prev.Words, p.Words...)
			prev.Span.C1 = max(prev.Span.C1, p.Span.C1)
		}
	}
	return out
}

// at returns the piece of t in column c (as its first column), or nil.
func (t *tline) at(c int) *piece {
	for i := range t.Pieces {
		if t.Pieces[i].Span.C0 == c {
			return &t.Pieces[i]
		}
	}
	return nil
}

// covers reports whether some piece of t covers column c.
func (t *tline) covers(c int) bool {
	for _, p := range t.Pieces {
		if p.Span.C0 <= c && c <= p.Span.C1 {
			return true
		}
	}
	return false
}

// em is the glyph height of the line.
func (t *tline) em() float64 { return t.L.em() }

// vgap returns the vertical gap from line a down to line b.
func vgap(a, b *line) float64 { return b.Y0 - a.Y1 }

// reachesRight reports whether p ends near the right edge of its column,
// as a line of wrapped text does.
func reachesRight(cols []column, p *piece) bool {
	c := cols[p.Span.C1]
	em := p.Words[len(p.Words)-1].height()
	return p.x1() >= c.Right-1.5*em
}
