package pdfdoc

import "math"

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
// a number or a code starts a row. A line of text only is part of the row
// whose line it overlaps vertically (a cell centred on its row prints its
// lines around the row's numbers, half a line apart); else it continues the
// row above when the text above reached the right edge of its column (it
// wrapped); else it hangs above the row below when that row's own line has
// nothing in those columns; otherwise it is a row of its own.
func groupRows(cols []column, tls []tline) []*trow {
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
			flush()
			rows = append(rows, &trow{Lines: []*tline{t}})
			continue
		}
		var prev *trow
		if n := len(rows); n > 0 {
			prev = rows[n-1]
		}
		switch {
		case len(hanging) > 0 && continues(cols, &trow{Lines: hanging}, t):
			hanging = append(hanging, t)
		case prev != nil && len(hanging) == 0 && sharesBand(prev, t) && !coversAny(t, prev.Lines) && !overlapsNext(tls, i):
			prev.Lines = append(prev.Lines, t)
		case overlapsNext(tls, i) || hangsAbove(tls, i) && !(prev != nil && len(hanging) == 0 && continues(cols, prev, t)):
			hanging = append(hanging, t)
		case prev != nil && len(hanging) == 0 && continues(cols, prev, t):
			prev.Lines = append(prev.Lines, t)
		default:
			flush()
			rows = append(rows, &trow{Lines: []*tline{t}})
		}
	}
	flush()
	return rows
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

// continues reports whether text line t continues the cells of row r: in
// each column where t has text, r has text that reached the column's right
// edge, t does not open a new item, and t sits close below.
func continues(cols []column, r *trow, t *tline) bool {
	last := r.last()
	if vgap(last.L, t.L) > wrapGap*t.em() || len(t.Pieces) == 0 {
		return false
	}
	for k, p := range t.Pieces {
		if p.Span.C0 != p.Span.C1 {
			return false
		}
		above := r.lastPiece(p.Span.C0)
		if above == nil {
			return false
		}
		if k == 0 && (!reachesRight(cols, above) || startsRow(p.text())) {
			return false
		}
	}
	return true
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
