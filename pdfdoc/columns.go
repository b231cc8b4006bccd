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
// part, as does a header word over two header words below it that stand
// apart (sub-headings on different lines, one centred in a taller cell).
// The extents of the other words, merged where they overlap, are the
// columns. Neighbouring columns that never both have a word on one line
// are one column whose text is aligned differently (a centred header over
// right-aligned amounts), unless both are headed in the lower part of the
// header: then they are two columns, one of them empty in the body.
// bodyFrom is the index of the first body line; only body words set
// Column.Right.
func detectColumns(lines []*line, bodyFrom int) []column {
	var ivs []colWord
	sorted := sortedLines(lines)
	for i, l := range lines {
		for _, w := range l.Words {
			if i < bodyFrom && wrappedTails(lines[:i], w) {
				for _, p := range w.parts {
					ivs = append(ivs, colWord{p.X0, p.X1, p.Y0, p.Y1, p.height(), i, false})
				}
				continue
			}
			if !spansOtherLine(lines, i, w, sorted) && !(i < bodyFrom && spansHeaderBelow(lines[i+1:bodyFrom], w)) {
				ivs = append(ivs, colWord{w.X0, w.X1, w.Y0, w.Y1, w.height(), i, i >= bodyFrom})
			}
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].x0 < ivs[j].x0 })
	groups := sweep(ivs)
	groups = splitBridged(groups)
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, l := range lines[:bodyFrom] {
		top, bottom = min(top, l.Y0), max(bottom, l.Y1)
	}
	groups = mergeDisjointGroups(groups, top, bottom)
	groups = dropStragglers(lines, groups)
	cols := make([]column, len(groups))
	for i, g := range groups {
		cols[i] = groupColumn(g)
	}
	return cols
}

// sweep splits words (sorted by x0) into groups whose extents overlap.
func sweep(ws []colWord) [][]colWord {
	var groups [][]colWord
	hi := math.Inf(-1)
	for _, v := range ws {
		if n := len(groups); n > 0 && v.x0 < hi {
			groups[n-1] = append(groups[n-1], v)
		} else {
			groups = append(groups, []colWord{v})
		}
		hi = math.Max(hi, v.x1)
	}
	return groups
}

// splitsWithout reports whether sweep of g without g[i] gives more than one
// group, without building the groups.
func splitsWithout(g []colWord, i int) bool {
	hi, first := math.Inf(-1), true
	for k, v := range g {
		if k == i {
			continue
		}
		if !first && !(v.x0 < hi) {
			return true
		}
		first = false
		hi = math.Max(hi, v.x1)
	}
	return false
}

// splitBridged splits groups held together by one word that reaches across
// the gap between two columns (a narrow heading centred over several
// columns, a long name running into the next column): without it the group
// falls apart into parts that have words on one line, so they are separate
// columns.
func splitBridged(groups [][]colWord) [][]colWord {
	var out [][]colWord
	for len(groups) > 0 {
		g := groups[0]
		groups = groups[1:]
		if parts := joinWordSpaced(withoutBridge(g), g); len(parts) > 1 {
			groups = append(parts, groups...)
			continue
		}
		out = append(out, g)
	}
	return out
}

// maxWordSpace is the widest gap, in ems, between two words of one cell
// set apart by a space: narrower than the padding of two cells side by side.
const maxWordSpace = 0.6

// joinWordSpaced joins neighbouring parts of a split group g where, on
// every line that has words in both, the first word of the right part
// follows the word before it (of any part, or one left out as a bridge) at
// a word space: the words of one cell of running text (wrapped lines
// "务, 突出党建引领作用 二、"), not two columns. It returns the parts left.
func joinWordSpaced(parts [][]colWord, g []colWord) [][]colWord {
	for k := 0; k+1 < len(parts); {
		if wordSpaced(parts[k], parts[k+1], g) {
			parts[k] = append(parts[k], parts[k+1]...)
			parts = append(parts[:k+1], parts[k+2:]...)
			continue
		}
		k++
	}
	return parts
}

// wordSpaced reports whether a and b share lines and on each of them the
// first word of b stands a word space after the word of all before it.
func wordSpaced(a, b, all []colWord) bool {
	inA := map[int]bool{}
	for _, v := range a {
		inA[v.line] = true
	}
	first := map[int]colWord{}
	for _, v := range b {
		if f, ok := first[v.line]; inA[v.line] && (!ok || v.x0 < f.x0) {
			first[v.line] = v
		}
	}
	if len(first) == 0 {
		return false
	}
	for line, f := range first {
		gap := math.Inf(1)
		for _, v := range all {
			if v.line == line && v.x1 <= f.x0+0.01 {
				gap = min(gap, f.x0-v.x1)
			}
		}
		if gap > maxWordSpace*f.h {
			return false
		}
	}
	return true
}

// withoutBridge returns the parts g falls into without its bridging word,
// or nil when it has none. Of several candidates it takes the word whose
// removal leaves neighbouring parts sharing the most lines.
func withoutBridge(g []colWord) [][]colWord {
	if len(g) < 3 {
		return nil
	}
	var best [][]colWord
	bestScore := 0
	rest := make([]colWord, 0, len(g)-1)
	for i, w := range g {
		if !splitsWithout(g, i) {
			continue // one part: no neighbours to score
		}
		rest = append(rest[:0], g[:i]...)
		rest = append(rest, g[i+1:]...)
		parts := sweep(rest)
		for k := 0; k+1 < len(parts); k++ {
			if !touches(w, parts[k]) || !touches(w, parts[k+1]) {
				continue
			}
			if n := sharedLines(parts[k], parts[k+1]); n > bestScore {
				best, bestScore = sweep(append([]colWord(nil), rest...)), n
			}
		}
	}
	if best == nil {
		best = withoutGapCrossers(g)
	}
	if best == nil {
		best = withoutHeading(g)
	}
	return best
}

// withoutHeading returns the parts g falls into without a header word that
// stands above a heading of its own on each side: a heading centred over
// several columns (预算数 over the "三公" items) that touches a heading
// under it on one side and only an amount of the column beside it on the
// other. The parts need not share a line (a heading wrapped over two lines
// beside one on the line between them). It returns nil when there is none.
func withoutHeading(g []colWord) [][]colWord {
	rest := make([]colWord, 0, len(g))
	for i, w := range g {
		if w.body || !splitsWithout(g, i) {
			continue
		}
		rest = append(rest[:0], g[:i]...)
		rest = append(rest, g[i+1:]...)
		parts := sweep(rest)
		for k := 0; k+1 < len(parts); k++ {
			if touches(w, parts[k]) && touches(w, parts[k+1]) && headedBelow(w, parts[k]) && headedBelow(w, parts[k+1]) {
				return sweep(append([]colWord(nil), rest...))
			}
		}
	}
	return nil
}

// headedBelow reports whether g has a header word below the header word w.
func headedBelow(w colWord, g []colWord) bool {
	for _, v := range g {
		if !v.body && v.y0 >= w.y1-0.2*w.h {
			return true
		}
	}
	return false
}

// withoutGapCrossers handles a group bridged by several words: where two
// words of one line sit apart in the group, the words of other lines that
// reach into the gap between them are left out; if the rest falls apart
// there, those are the parts.
func withoutGapCrossers(g []colWord) [][]colWord {
	byLine := map[int][]colWord{}
	for _, v := range g {
		byLine[v.line] = append(byLine[v.line], v)
	}
	for _, ws := range byLine {
		for i := 0; i+1 < len(ws); i++ {
			a, b := ws[i], ws[i+1]
			if a.x1 >= b.x0 {
				continue
			}
			var rest []colWord
			for _, v := range g {
				if v.line == a.line || overlap(v.x0, v.x1, a.x1, b.x0) <= 0 {
					rest = append(rest, v)
				}
			}
			if parts := sweep(rest); len(parts) >= 2 && len(rest) >= len(g)/2 {
				return parts
			}
		}
	}
	return nil
}

// touches reports whether w overlaps a word of g.
func touches(w colWord, g []colWord) bool {
	for _, v := range g {
		if overlap(w.x0, w.x1, v.x0, v.x1) > 0 {
			return true
		}
	}
	return false
}

// sharedLines counts the lines that have words in both a and b.
func sharedLines(a, b []colWord) int {
	la := map[int]bool{}
	for _, v := range a {
		la[v.line] = true
	}
	seen := map[int]bool{}
	for _, v := range b {
		if la[v.line] && !seen[v.line] {
			seen[v.line] = true
		}
	}
	return len(seen)
}

// colWord is a word's extent (across and down), its glyph height, its line
// and whether that is a body line.
type colWord struct {
	x0, x1 float64
	y0, y1 float64
	h      float64
	line   int
	body   bool
}

// mergeDisjointGroups merges neighbouring groups of words that never
// share a line and stand closer than either is wide: a heading centred in
// its cell beside the amounts right-aligned under it. Two groups that both
// head a column (see headsColumn) stay apart, though one may have no body
// words: two headings side by side head two columns, one of them empty.
// The header lies between top and bottom.
func mergeDisjointGroups(groups [][]colWord, top, bottom float64) [][]colWord {
	for i := 0; i+1 < len(groups); {
		a, b := groupColumn(groups[i]), groupColumn(groups[i+1])
		gap := b.X0 - a.X1
		limit := math.Max(math.Min(a.X1-a.X0, b.X1-b.X0), 5*math.Max(groupEm(groups[i]), groupEm(groups[i+1])))
		if shareLine(groups[i], groups[i+1]) || gap > limit || headsColumn(groups[i], top, bottom) && headsColumn(groups[i+1], top, bottom) {
			i++
			continue
		}
		groups[i] = append(groups[i], groups[i+1]...)
		groups = append(groups[:i+1], groups[i+2:]...)
	}
	return groups
}

// dropStragglers removes groups made by one body line only whose words each
// follow a word of the same line at a word space: the second word of a
// cell ("General affairs"), not a column. Their words join the cell on
// their left when the line is cut.
func dropStragglers(lines []*line, groups [][]colWord) [][]colWord {
	if len(lines) < 3 {
		return groups
	}
	out := groups[:0]
	for _, g := range groups {
		if !straggler(lines, g) {
			out = append(out, g)
		}
	}
	return out
}

func straggler(lines []*line, g []colWord) bool {
	for _, v := range g {
		if v.line != g[0].line || !v.body {
			return false
		}
		if _, ok := leftNeighbourGap(lines[v.line], v.x0, v.h); !ok {
			return false
		}
	}
	return true
}

// leftNeighbourGap returns the gap from the word of l that ends before x0
// to x0, and whether that gap is a word space (under one em).
func leftNeighbourGap(l *line, x0, em float64) (float64, bool) {
	best := math.Inf(1)
	for _, w := range l.Words {
		if w.X1 <= x0+0.01 && x0-w.X1 < best {
			best = x0 - w.X1
		}
	}
	return best, best < em
}

// groupEm is the median glyph height of a group's words.
func groupEm(g []colWord) float64 {
	hs := make([]float64, len(g))
	for i, v := range g {
		hs[i] = v.h
	}
	return median(hs)
}

// headsColumn reports whether the group g has header words that reach
// down to the middle of the header [top, bottom] or lower: the heading of
// a column, which ends at the foot of the header (or is centred over its
// whole height). Header words that stay in the upper part of the header
// head several columns, though they may touch none of them.
func headsColumn(g []colWord, top, bottom float64) bool {
	y0, y1, em := math.Inf(1), math.Inf(-1), 0.0
	for _, v := range g {
		if !v.body {
			y0, y1, em = min(y0, v.y0), max(y1, v.y1), max(em, v.h)
		}
	}
	return y1 >= y0 && (y0+y1)/2 >= (top+bottom)/2-0.5*em
}

func shareLine(a, b []colWord) bool {
	lines := map[int]bool{}
	for _, v := range a {
		lines[v.line] = true
	}
	for _, v := range b {
		if lines[v.line] {
			return true
		}
	}
	return false
}

// groupColumn returns the column a group of words makes.
func groupColumn(g []colWord) column {
	c := column{X0: math.Inf(1), X1: math.Inf(-1), Right: math.Inf(-1)}
	for _, v := range g {
		c.X0 = math.Min(c.X0, v.x0)
		c.X1 = math.Max(c.X1, v.x1)
		if v.body {
			c.Right = math.Max(c.Right, v.x1)
		}
	}
	if math.IsInf(c.Right, -1) {
		c.Right = c.X1
	}
	return c
}

// spansOtherLine reports whether w, on line i, overlaps two or more words
// of some other line that stand apart further than a word space (words a
// space apart are one cell's text: "务, 突出党建引领作用").
//
// sorted says which lines have their words in order of X0: the words of
// those after one that starts right of w cannot overlap it.
func spansOtherLine(lines []*line, i int, w word, sorted []bool) bool {
	for j, l := range lines {
		if j == i || l.x1() <= w.X0 || l.x0() >= w.X1 {
			continue
		}
		n := 0
		var prev *word
		for k := range l.Words {
			v := &l.Words[k]
			if sorted[j] && v.X0 >= w.X1 {
				break
			}
			if overlap(w.X0, w.X1, v.X0, v.X1) <= 0 {
				continue
			}
			if prev == nil || v.X0-prev.X1 > maxWordSpace*min(v.height(), prev.height()) {
				n++
			}
			prev = v
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// sortedLines reports for each line whether its words are in order of X0.
func sortedLines(lines []*line) []bool {
	out := make([]bool, len(lines))
	for i, l := range lines {
		out[i] = true
		for k := 1; k < len(l.Words); k++ {
			if l.Words[k].X0 < l.Words[k-1].X0 {
				out[i] = false
				break
			}
		}
	}
	return out
}

// spansHeaderBelow reports whether the header word w lies over two words of
// the header lines below it that stand apart from each other (see apart): a heading
// over sub-headings printed on different lines (one centred in a taller
// cell than the other), which spans their columns.
func spansHeaderBelow(below []*line, w word) bool {
	var under []word
	for _, l := range below {
		for _, v := range l.Words {
			if overlap(w.X0, w.X1, v.X0, v.X1) > 0 && v.Y0 >= w.Y1-0.2*w.height() {
				under = append(under, v)
			}
		}
	}
	for i, a := range under {
		for _, b := range under[i+1:] {
			if apart(a, b) {
				return true
			}
		}
	}
	return false
}

// apart reports whether two words stand apart further than a word space:
// in two cells, not one cell's text ("科目 代码" wrapped under "功能分类").
func apart(a, b word) bool {
	if a.X0 > b.X0 {
		a, b = b, a
	}
	return b.X0-a.X1 > maxWordSpace*min(a.height(), b.height())
}

// wrappedTails reports whether the letter-spaced word w of a header line
// is no word but the last glyphs of headings beside each other that
// wrapped ("政府性基金预/算", "国有资本经营预/算"): each glyph stands under a
// word of the lines above it, within two lines of it, and no two under
// the same one.
func wrappedTails(above []*line, w word) bool {
	if len(w.parts) < 2 {
		return false
	}
	var heads []*word
	for _, p := range w.parts {
		var head *word
		for _, l := range above {
			if l.Y1 < p.Y0-2*p.height() || l.Y0 >= p.Y0 {
				continue
			}
			for k := range l.Words {
				v := &l.Words[k]
				if overlap(p.X0, p.X1, v.X0, v.X1) >= 0.5*p.width() {
					head = v
				}
			}
		}
		if head == nil {
			return false
		}
		for _, h := range heads {
			if h == head {
				return false
			}
		}
		heads = append(heads, head)
	}
	return true
}

// startsUnder reports whether a word of l (nil: none) starts where p does.
func startsUnder(p word, l *line) bool {
	if l == nil {
		return false
	}
	for _, v := range l.Words {
		if math.Abs(v.X0-p.X0) <= 0.3*p.height() {
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
// columns) or each starts where its column starts, on a body line or, on
// a header line, right under the start of a word of the line above (the
// last glyphs of names or headings wrapped in cells side by side), else
// nil: then the word is one heading over one or more columns (收　　入).
func splitLetterSpaced(cols []column, w word, body bool, above *line) []word {
	if len(w.parts) < 2 {
		return nil
	}
	pitch := (w.parts[len(w.parts)-1].midX() - w.parts[0].midX()) / float64(len(w.parts)-1)
	prev := -1
	centred, flush := true, true
	for _, p := range w.parts {
		s, _ := placeWord(cols, p)
		if s.C0 != s.C1 || s.C0 <= prev {
			return nil
		}
		centred = centred && math.Abs(cols[s.C0].mid()-p.midX()) <= 0.3*pitch
		flush = flush && math.Abs(cols[s.C0].X0-p.X0) <= 0.3*p.height() && (body || startsUnder(p, above))
		prev = s.C0
	}
	if !centred && !flush {
		return nil
	}
	return w.parts
}
