package pdfdoc

import (
	"math"
	"sort"
)

// completeSpans widens the spans of headings to all the columns they head.
//
// pdftotext gives no rules, only where the words are. A heading is centred
// over the columns it heads, but its words touch only the middle ones; the
// sub-headings of the outer columns stand below it with nothing above them.
// So every header cell that has a heading above it, or that stands too low
// in the header to head its columns from the top, is put under a heading,
// and a heading's span becomes the hull of its own columns and those of the
// cells under it. This is done in two passes:
//
//  1. From the bottom of the header up, each such cell goes under the
//     heading over it, else under the nearest heading that it fits under:
//     the heading stands above it, the cell lies in the rows under the
//     heading (it does not reach up beside it), and nothing in the columns
//     between them stands beside the heading. Where one of the candidate
//     headings fits under another, the lower one is taken, as long as the
//     cell stands as low as the cells already under it.
//  2. Cells then move to other headings they fit under while that centres
//     the headings better over their spans and keeps the spans nested:
//     a heading's span may not cut into a cell that is not under it. The
//     nearest heading need not be the one centred over a cell.
func completeSpans(cells []*hcell, cols []column) {
	if len(cells) < 2 {
		return
	}
	h := &headerGeom{cells: cells, top: math.Inf(1), bottom: math.Inf(-1)}
	for _, c := range cells {
		c.Own = c.Span
		c.Bound = wrapsInColumn(c, cols)
		h.top = min(h.top, c.Y0)
		h.bottom = max(h.bottom, c.Y1)
	}
	parent := make(map[*hcell]*hcell, len(cells))
	order := append([]*hcell(nil), cells...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].Y1 > order[j].Y1 })
	for _, o := range order {
		if !h.hasAbove(o) && !h.needsParent(o) {
			continue
		}
		if p := h.parentOf(o); p != nil {
			parent[o] = p
			p.Span = span{min(p.Span.C0, o.Span.C0), max(p.Span.C1, o.Span.C1)}
		}
	}
	if len(cols) > 0 && len(cells) <= maxRefineCells {
		h.refine(parent, cols)
	}
}

// wrapsInColumn reports whether the text of c wraps within the one column
// its words lie in: three lines at least, the widest filling most of the
// column's text. A heading over several columns has their width to run
// its text in; text broken line after line at one column's width is that
// column's cell alone.
func wrapsInColumn(c *hcell, cols []column) bool {
	if c.Span.C0 != c.Span.C1 || len(cols) == 0 {
		return false
	}
	lines, y := 0, math.Inf(-1)
	for _, p := range c.Pieces {
		if y0 := pieceY0(p); y0 > y+0.5*c.Em {
			lines, y = lines+1, y0
		}
	}
	col := cols[c.Span.C0]
	return lines >= 3 && c.X1-c.X0 >= 0.8*(col.X1-col.X0)
}

// heads reports whether heading p may head cell o: a cell bound to its
// column (see wrapsInColumn) heads only cells in that column.
func heads(p, o *hcell) bool {
	return !p.Bound || p.Own.C0 <= o.Own.C0 && o.Own.C1 <= p.Own.C1
}

// maxRefineCells bounds the header cells the second pass of completeSpans
// works on, and maxRefineMoves the moves it makes: each move tries every
// cell under every heading and rates each try in time quadratic in the
// cells. Real headers have far fewer cells and need a few moves; a longer
// "header" is a form whose rows are not headings.
const (
	maxRefineCells = 40
	maxRefineMoves = 30
)

// refine moves cells between the headings they fit under (pass 2 of
// completeSpans) and sets the spans that result.
func (h *headerGeom) refine(parent map[*hcell]*hcell, cols []column) {
	// A column's cell reaches halfway to its neighbours; the outer edge of
	// the first and last is as far from the middle of their words.
	n := len(cols)
	edge := make([]float64, n+1)
	for k := 1; k < n; k++ {
		edge[k] = (cols[k-1].X1 + cols[k].X0) / 2
	}
	edge[0], edge[n] = cols[0].X0, cols[n-1].X1
	if n > 1 {
		edge[0] = cols[0].X0 + cols[0].X1 - edge[1]
		edge[n] = cols[n-1].X0 + cols[n-1].X1 - edge[n-1]
	}
	r := newRefiner(h, parent, edge)
	if flushLeft(h.cells, cols) {
		r.left = make([]float64, n)
		for k, c := range cols {
			r.left[k] = c.X0
		}
	}
	cands := make([][]int, len(h.cells))
	for o, oc := range h.cells {
		for p, pc := range h.cells {
			if p != o && h.fitsUnder(pc, oc) && h.headsOwn(pc) && heads(pc, oc) {
				cands[o] = append(cands[o], p)
			}
		}
	}
	best := r.score()
	for range min(2*len(h.cells), maxRefineMoves) {
		mo, mp := -1, -1
		gain := 0.5
		for o := range h.cells {
			cur := r.par[o]
			for _, p := range cands[o] {
				if p == cur {
					continue
				}
				r.par[o] = p
				if s := r.score(); best-s > gain {
					mo, mp, gain = o, p, best-s
				}
			}
			r.par[o] = cur
		}
		if mo < 0 {
			break
		}
		r.par[mo] = mp
		best -= gain
	}
	r.widen()
	for i, c := range h.cells {
		c.Span = r.spans[i]
	}
}

// refiner rates choices of headings for refine, with the cells numbered as
// in headerGeom.cells: par[i] is the heading cell i is under, or -1.
type refiner struct {
	h     *headerGeom
	par   []int
	order []int  // the cells from the bottom of the header up
	spans []span // scratch: the spans of the current choice
	heads []bool // scratch: the cells that are headings
	edge  []float64
	// left holds the columns' left edges when the header is set flush
	// left (see flushLeft): a heading then stands at the left of its
	// span, not in its middle. Nil otherwise.
	left []float64
}

// flushLeft reports whether every header cell starts where the text of its
// first column starts (within flushTol): a header set flush left in its
// cells, as office programs lay tables out by default, where a heading
// over several columns starts over the first of them.
func flushLeft(cells []*hcell, cols []column) bool {
	for _, c := range cells {
		if math.Abs(c.X0-cols[c.Own.C0].X0) > flushTol {
			return false
		}
	}
	return len(cells) > 1
}

// flushTol is how far, in points, text set flush left in its cells may
// start off its column's left edge.
const flushTol = 2.0

func newRefiner(h *headerGeom, parent map[*hcell]*hcell, edge []float64) *refiner {
	n := len(h.cells)
	r := &refiner{h: h, par: make([]int, n), order: make([]int, n), spans: make([]span, n), heads: make([]bool, n), edge: edge}
	index := make(map[*hcell]int, n)
	for i, c := range h.cells {
		index[c] = i
		r.order[i] = i
	}
	for i, c := range h.cells {
		r.par[i] = -1
		if p := parent[c]; p != nil {
			r.par[i] = index[p]
		}
	}
	// Children are below their parents: spans widen from the bottom up.
	sort.SliceStable(r.order, func(a, b int) bool { return h.cells[r.order[a]].Y0 > h.cells[r.order[b]].Y0 })
	return r
}

// widen sets spans to those of the current choice: each heading spans its
// own columns and those of the cells under it.
func (r *refiner) widen() {
	for i, c := range r.h.cells {
		r.spans[i] = c.Own
	}
	for _, c := range r.order {
		if p := r.par[c]; p >= 0 {
			s, t := r.spans[p], r.spans[c]
			r.spans[p] = span{min(s.C0, t.C0), max(s.C1, t.C1)}
		}
	}
}

// ancestor reports whether a is above c in the current choice.
func (r *refiner) ancestor(a, c int) bool {
	for p := r.par[c]; p >= 0; p = r.par[p] {
		if p == a {
			return true
		}
	}
	return false
}

// score rates the current choice of headings: how far, in ems, each
// heading stands off the middle of its span (edges are the column edges),
// or off its left edge in a header set flush left,
// and a heavy charge for every cell whose span meets a heading's without
// being under it or above it.
func (r *refiner) score() float64 {
	r.widen()
	clear(r.heads)
	for _, p := range r.par {
		if p >= 0 {
			r.heads[p] = true
		}
	}
	total := 0.0
	for p, head := range r.heads {
		if !head {
			continue
		}
		pc, s := r.h.cells[p], r.spans[p]
		if r.left != nil {
			total += math.Abs(pc.X0-r.left[s.C0]) / pc.Em
		} else {
			total += math.Abs(pc.midX()-(r.edge[s.C0]+r.edge[s.C1+1])/2) / pc.Em
		}
		for c := range r.h.cells {
			if c != p && spansMeet(r.spans[c], s) && !r.ancestor(p, c) && !r.ancestor(c, p) {
				total += 20
			}
		}
	}
	return total
}

// headsOwn reports whether some cell stands below p in the columns of p's
// own words.
func (h *headerGeom) headsOwn(p *hcell) bool {
	for _, c := range h.cells {
		if c != p && vAbove(p, c) && spansMeet(c.Own, p.Own) {
			return true
		}
	}
	return false
}

// headerGeom answers questions about the geometry of a header's cells.
type headerGeom struct {
	cells       []*hcell
	top, bottom float64
}

// vAbove reports whether a is printed above b (in any columns).
func vAbove(a, b *hcell) bool {
	return a.Y1 <= b.Y0+0.15*min(a.Em, b.Em)
}

func spansMeet(a, b span) bool { return a.C0 <= b.C1 && b.C0 <= a.C1 }

// hasAbove reports whether some cell stands above c in its columns.
func (h *headerGeom) hasAbove(c *hcell) bool {
	for _, o := range h.cells {
		if o != c && vAbove(o, c) && spansMeet(o.Span, c.Span) {
			return true
		}
	}
	return false
}

// ref is where the space below c ends: the top of the highest cell below
// it in its columns, or the foot of the header.
func (h *headerGeom) ref(c *hcell) (float64, bool) {
	r, found := h.bottom, false
	for _, o := range h.cells {
		if o != c && vAbove(c, o) && spansMeet(o.Span, c.Span) {
			if !found || o.Y0 < r {
				r, found = o.Y0, true
			}
		}
	}
	return r, found
}

// needsParent reports whether c, with nothing above it, stands nearer the
// cells below it (or the foot of the header) than the top of the header:
// a cell centred in its rows that does not reach the top. A heading (with
// cells below it) needs to stand a quarter em off the middle of its space,
// a cell at the foot of the header three quarters: text is not always
// centred exactly, and a header may end with a taller cell than the rest.
func (h *headerGeom) needsParent(c *hcell) bool {
	r, heads := h.ref(c)
	margin := 0.75
	if heads {
		margin = 0.25
	}
	return ((c.Y0-h.top)-(r-c.Y1))/2 > margin*c.Em
}

// fitsUnder reports whether o could lie in the rows under p: p is above
// o, and the space between them is at least half the space below o. A
// cell centred in rows under p has about as much space above as below it;
// one that also spans p's row (a sibling of p) stands close below p, or
// even beside it, with much space below it.
func (h *headerGeom) fitsUnder(p, o *hcell) bool {
	if !vAbove(p, o) {
		return false
	}
	r, _ := h.ref(o)
	return o.Y0-p.Y1 >= 0.5*(r-o.Y1)
}

// reaches reports whether heading p can widen to o's columns: every cell
// in a column between them is above p or could lie under it.
func (h *headerGeom) reaches(p, o *hcell) bool {
	lo, hi := p.Span.C1+1, o.Span.C0-1
	if o.Span.C1 < p.Span.C0 {
		lo, hi = o.Span.C1+1, p.Span.C0-1
	}
	for _, c := range h.cells {
		if c == p || c == o || c.Span.C1 < lo || c.Span.C0 > hi {
			continue
		}
		if !vAbove(c, p) && !h.fitsUnder(p, c) {
			return false
		}
	}
	return true
}

// parentOf returns the heading that heads cell o, or nil.
func (h *headerGeom) parentOf(o *hcell) *hcell {
	var cands []*hcell
	for _, p := range h.cells {
		if p == o || !h.fitsUnder(p, o) || !heads(p, o) {
			continue
		}
		if _, heads := h.ref(p); !heads {
			continue // a heading has something below it
		}
		if spansMeet(p.Span, o.Span) || h.reaches(p, o) {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	var best *hcell
	for _, p := range cands {
		if spansMeet(p.Span, o.Span) && (best == nil || p.Y1 > best.Y1) {
			best = p
		}
	}
	if best == nil {
		best = nearest(cands, o, nil)
	}
	for {
		next := nearest(cands, o, func(q *hcell) bool { return q != best && h.fitsUnder(best, q) && h.inChildBand(q, o) })
		if next == nil {
			return best
		}
		best = next
	}
}

// inChildBand reports whether o stands no higher than the cells already
// under heading p (by the centres of their text): a cell beside p's
// children that stands higher reaches up beside p, so it is p's sibling.
func (h *headerGeom) inChildBand(p, o *hcell) bool {
	top := math.Inf(1)
	for _, c := range h.cells {
		if c != p && c != o && vAbove(p, c) && spansMeet(c.Span, p.Span) {
			top = min(top, (c.Y0+c.Y1)/2)
		}
	}
	return (o.Y0+o.Y1)/2 >= top-0.5*o.Em
}

// nearest returns the cell of cands, among those ok accepts (all when ok is
// nil), whose text is centred nearest to o's; nil when there is none.
func nearest(cands []*hcell, o *hcell, ok func(*hcell) bool) *hcell {
	var best *hcell
	d := math.Inf(1)
	for _, p := range cands {
		if ok != nil && !ok(p) {
			continue
		}
		if dd := math.Abs(p.midX() - o.midX()); dd < d {
			best, d = p, dd
		}
	}
	return best
}
