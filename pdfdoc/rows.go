package pdfdoc

import (
	"math"
	"sort"
)

// trow is a logical row of a table: the lines whose pieces make up its
// cells. Text wrapped inside a cell spreads a row over several lines.
type trow struct {
	Lines []*tline
}

// cells returns the pieces of the row per column, top to bottom.
func (r *trow) cells(ncols int) [][]piece {
	out := make([][]piece, ncols)
	for _, t := range r.Lines {
		for _, p := range t.Pieces {
			out[p.Span.C0] = append(out[p.Span.C0], p)
		}
	}
	return out
}

// has reports whether some line of the row has text in column c.
func (r *trow) has(c int) bool {
	for _, t := range r.Lines {
		if t.covers(c) {
			return true
		}
	}
	return false
}

// last returns the row's last line.
func (r *trow) last() *tline { return r.Lines[len(r.Lines)-1] }

// lastPiece returns the lowest piece of the row in column c, or nil.
func (r *trow) lastPiece(c int) *piece {
	for i := len(r.Lines) - 1; i >= 0; i-- {
		if p := r.Lines[i].at(c); p != nil {
			return p
		}
	}
	return nil
}

// Vertical gaps, in ems, between lines of one cell.
const (
	wrapGap  = 0.9 // a wrapped line starts at most this far below the one above
	hangGap  = 0.4 // a line of a vertically centred cell above its row's numbers
	maxHangs = 2   // lines of a centred cell that may hang above the numbers
)

// groupRows turns the body lines of a table into logical rows. A line with
// a number or a code starts a row, unless it stands in the row above (see
// numericInRow). A line of text only is part of the row
// whose line it overlaps vertically (a cell centred on its row prints its
// lines around the row's numbers, half a line apart); else it continues the
// row above when the text above reached the right edge of its column (it
// wrapped); else it hangs above the row below when that row's own line has
// nothing in those columns; otherwise it is a row of its own.
func groupRows(cols []column, tls []tline, cellGap float64) []*trow {
	g := &grouper{cols: cols, cellGap: cellGap}
	var rows []*trow
	var hanging []*tline // text lines waiting for the numbers below them
	flush := func() {
		for _, h := range hanging {
			rows = append(rows, &trow{Lines: []*tline{h}})
		}
		hanging = nil
	}
	for i := range tls {
		t := &tls[i]
		if t.numeric {
			if len(hanging) > 0 && !coversAny(t, hanging) {
				rows = append(rows, &trow{Lines: append(hanging, t)})
				hanging = nil
				continue
			}
			if n := len(rows); n > 0 && len(hanging) == 0 && g.numericInRow(rows[n-1], t) {
				rows[n-1].Lines = append(rows[n-1].Lines, t)
				continue
			}
			flush()
			rows = append(rows, &trow{Lines: []*tline{t}})
			continue
		}
		var prev *trow
		if n := len(rows); n > 0 {
			prev = rows[n-1]
		}
		switch {
		case len(hanging) > 0 && g.continues(&trow{Lines: hanging}, t):
			hanging = append(hanging, t)
		case prev != nil && len(hanging) == 0 && sharesBand(prev, t) && !coversAny(t, prev.Lines) && !overlapsNext(tls, i):
			prev.Lines = append(prev.Lines, t)
		case prev != nil && len(hanging) == 0 && g.besideLast(prev, t) && !overlapsNext(tls, i):
			prev.Lines = append(prev.Lines, t)
		case overlapsNext(tls, i) || hangsAbove(tls, i) && !(prev != nil && len(hanging) == 0 && g.continues(prev, t)):
			hanging = append(hanging, t)
		case prev != nil && len(hanging) == 0 && (g.continues(prev, t) || g.labelInRow(prev, tls, i)):
			prev.Lines = append(prev.Lines, t)
		default:
			flush()
			rows = append(rows, &trow{Lines: []*tline{t}})
		}
	}
	flush()
	return rows
}

// numericInRow reports whether the numeric line t belongs to row r, though
// it has a number: it overlaps r's last line or sits as close below it as
// the wrapped lines of a cell do in this table, and each of its pieces
// either stands in a column where r has nothing yet (a cell centred in
// the row's height beside a label wrapped over several lines) or goes on
// with r's cell in its column: the rest of an amount wrapped after its
// decimal point ("341." over "39"), or text under text. Under an amount
// of r a piece is the next row's.
func (g *grouper) numericInRow(r *trow, t *tline) bool {
	if !overlapsV(r.last().L, t.L) && !g.tight(r, t) {
		return false
	}
	goesOn := false
	for _, p := range t.Pieces {
		if p.Span.C0 != p.Span.C1 {
			return false
		}
		above := r.lastPiece(p.Span.C0)
		if above == nil {
			if r.has(p.Span.C0) {
				return false
			}
			continue
		}
		last := above.Words[len(above.Words)-1].Text
		first := p.Words[0].Text
		switch {
		case isNumberHead(last) && first[0] >= '0' && first[0] <= '9':
		case !pieceHasNumber(above) && !isNumber(first):
		default:
			return false
		}
		goesOn = true
	}
	return goesOn || !r.hasNumber()
}

// pieceHasNumber reports whether a word of p reads as a number.
func pieceHasNumber(p *piece) bool {
	for _, w := range p.Words {
		if isNumber(w.Text) {
			return true
		}
	}
	return false
}

// hasNumber reports whether a line of r has a number.
func (r *trow) hasNumber() bool {
	for _, t := range r.Lines {
		if t.numeric {
			return true
		}
	}
	return false
}

// sharesBand reports whether t overlaps vertically a numeric line of r.
func sharesBand(r *trow, t *tline) bool {
	for _, l := range r.Lines {
		if l.numeric && overlapsV(l.L, t.L) {
			return true
		}
	}
	return false
}

// overlapsNext reports whether text line i overlaps vertically the next
// line, a numeric one with nothing of its own in line i's columns.
func overlapsNext(tls []tline, i int) bool {
	if i+1 >= len(tls) || !tls[i+1].numeric {
		return false
	}
	n := &tls[i+1]
	return overlapsV(tls[i].L, n.L) && !coversAny(n, []*tline{&tls[i]})
}

// overlapsV reports whether two lines share part of their vertical bands.
func overlapsV(a, b *line) bool {
	em := math.Min(a.height(), b.height())
	return math.Min(a.Y1, b.Y1)-math.Max(a.Y0, b.Y0) > 0.1*em
}

// grouper holds what groupRows knows of a table: its columns, and the
// widest vertical gap (in ems) between two lines of one cell, when the
// table's rows stand clearly further apart than that (NaN otherwise; the
// gap may be negative, lines of a cell set closer than their glyphs are
// tall).
type grouper struct {
	cols    []column
	cellGap float64
}

// Gaps, in ems, that tell the lines of one cell from the rows of a table.
const (
	maxCellGap = 0.45 // lines of one cell are never further apart
	minRowGap  = 0.8  // rows set apart from each other at least this far
)

// cellLineGap returns the widest gap, in ems, between two lines of one cell
// of the table whose lines are tls, its body from bodyFrom: the narrowest
// gaps between its body lines, those wrapped lines of a cell leave, when they are
// tight (at most maxCellGap) and the table also has wide gaps (at least
// minRowGap, and well over the tight ones) between rows. Gaps between
// tight and wide ones (cells centred beside others) are neither. It
// returns NaN when the gaps do not tell rows from wrapped lines.
func cellLineGap(tls []tline, bodyFrom int) float64 {
	var gaps []float64
	wide := 0.0
	for i := 1; i < len(tls); i++ {
		a, b := tls[i-1].L, tls[i].L
		em := math.Min(a.em(), b.em())
		g := (b.Y0 - a.Y1) / em
		wide = max(wide, g)
		if g > -0.1 && i > bodyFrom {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) < 2 {
		return math.NaN()
	}
	sort.Float64s(gaps)
	// The tight gaps: the narrowest and those within a sixth of an em of
	// it (the line spacing of a cell is one); some gap, maybe the one
	// under the header, must be a row's.
	tight := gaps[0]
	for _, g := range gaps {
		if g <= gaps[0]+0.15 {
			tight = g
		}
	}
	if tight > maxCellGap || wide < minRowGap || wide < 2.5*math.Max(tight, 0.1) {
		return math.NaN()
	}
	return tight
}

// tight reports whether line t sits as close below the last line of row r
// as the wrapped lines of one cell do in this table.
func (g *grouper) tight(r *trow, t *tline) bool {
	return g.hasCellGap() && vgap(r.last().L, t.L) <= g.cellGap*t.em()+0.01
}

// hasCellGap reports whether the table's gaps tell rows from the wrapped
// lines of a cell.
func (g *grouper) hasCellGap() bool {
	return !math.IsNaN(g.cellGap)
}

// continues reports whether text line t continues the cells of row r: in
// each column where t has text, r has text, and the first of them reached
// the column's right edge (it wrapped) or t sits as close below as wrapped
// lines of a cell do; t does not open a new item, and t sits close below.
// A piece of t in a column where r has nothing at all, left of the cell
// that wraps, is the label of the row, centred in its height beside the
// wrapped lines.
func (g *grouper) continues(r *trow, t *tline) bool {
	last := r.last()
	if vgap(last.L, t.L) > wrapGap*t.em() || len(t.Pieces) == 0 {
		return false
	}
	tight := g.tight(r, t)
	wrapped, labels := false, false
	for _, p := range t.Pieces {
		if p.Span.C0 != p.Span.C1 {
			return false
		}
		above := r.lastPiece(p.Span.C0)
		if above == nil {
			if r.has(p.Span.C0) || wrapped && !tight {
				return false
			}
			labels = true // a cell centred beside the wrapped lines
			continue
		}
		if !wrapped && !tight && (!reachesRight(g.cols, above) || startsRow(p.text()) || labels && !wrapsText(above)) {
			return false
		}
		wrapped = true
	}
	return wrapped
}

// besideLast reports whether text line t stands beside the last line of
// row r, though a little lower: their bands overlap, t has nothing in that
// line's columns, and where r already has text in t's columns t continues
// it close below. Lines of two rows never overlap; the lines of cells
// centred in one row's height do (a label wrapped over two lines beside a
// one-line cell).
func (g *grouper) besideLast(r *trow, t *tline) bool {
	last := r.last()
	if !overlapsV(last.L, t.L) || coversAny(t, []*tline{last}) {
		return false
	}
	for _, p := range t.Pieces {
		if above := r.lastPiece(p.Span.C0); above != nil && vgap(above.Line, t.L) > wrapGap*t.em() {
			return false
		}
	}
	return true
}

// wrapsText reports whether p is a line of running text wrapped in its
// cell, not a short label that fills a narrow column: at least five glyphs
// wide.
func wrapsText(p *piece) bool {
	return p.x1()-p.x0() >= 5*p.Words[0].height()
}

// labelInRow reports whether text line i, with text only in columns where
// row r has nothing, is a label centred in r's height between two lines of
// a cell that wraps: it sits close below r's last line, and the next line
// continues r's wrapped cell, right of the label.
func (g *grouper) labelInRow(r *trow, tls []tline, i int) bool {
	t := &tls[i]
	if i+1 >= len(tls) || tls[i+1].numeric || len(t.Pieces) == 0 || vgap(r.last().L, t.L) > wrapGap*t.em() {
		return false
	}
	for _, p := range t.Pieces {
		if p.Span.C0 != p.Span.C1 || r.has(p.Span.C0) {
			return false
		}
	}
	u := &tls[i+1]
	for _, p := range u.Pieces {
		if above := r.lastPiece(p.Span.C0); above == nil || p.Span.C0 < t.Pieces[len(t.Pieces)-1].Span.C1 || !wrapsText(above) {
			return false
		}
	}
	// u continues r's cell as if t were not there: t only stands between.
	if g.hasCellGap() && vgap(r.last().L, u.L) > (2*g.cellGap+1.2)*u.em() {
		return false
	}
	return g.continues(&trow{Lines: append(append([]*tline(nil), r.Lines...), t)}, u)
}

// hangsAbove reports whether text line i is the top of a vertically
// centred cell whose row's numbers follow: the next numeric line comes
// within maxHangs text lines, close below, with nothing of its own in the
// columns where these text lines have text.
func hangsAbove(tls []tline, i int) bool {
	for j := i + 1; j < len(tls) && j-i <= maxHangs; j++ {
		prev := tls[j-1].L
		if vgap(prev, tls[j].L) > hangGap*tls[j].em() {
			return false
		}
		if !tls[j].numeric {
			continue
		}
		for k := i; k < j; k++ {
			if coversAny(&tls[j], []*tline{&tls[k]}) {
				return false
			}
		}
		return true
	}
	return false
}

// coversAny reports whether t has text in a column where one of ls has.
func coversAny(t *tline, ls []*tline) bool {
	for _, l := range ls {
		for _, p := range l.Pieces {
			for c := p.Span.C0; c <= p.Span.C1; c++ {
				if t.covers(c) {
					return true
				}
			}
		}
	}
	return false
}
