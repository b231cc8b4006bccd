package pdfdoc

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"gongkai/doc"
)

// addRegion adds the table the lines of a region make, either as a new
// grid or as rows appended to the previous table when they continue it on
// the next page. It reports false when the lines make no table.
func (b *builder) addRegion(r region, pl *pageLines) bool {
	lines := r.lines()
	if t, ok := b.headerCutOver(lines, pl); ok {
		t.grid.Title = b.prev.grid.Title
		b.doc.Blocks[b.prevBlock].Grid = t.grid
		b.prev = t
		return true
	}
	if t, ok := b.continuation(lines, pl); ok {
		b.appendContinuation(t, pl)
		return true
	}
	t, ok := b.joinFoot(lines, pl)
	joined := ok
	if !joined {
		t, ok = b.ownTable(lines, pl)
	}
	if !joined && r.empty && (!ok || t.headerRows == 0) {
		if e, ok2 := buildEmptyTable(lines, pl.page.Width, pl.pageHeight()); ok2 {
			t, ok = e, true
		}
	}
	if !ok {
		if r.to == pl.contentEnd() && lines[len(lines)-1].Y1 >= cutFootBottom*pl.pageHeight() {
			b.foot, b.footPL = lines, pl
		}
		return false
	}
	if joined {
		b.para = nil // the foot lines are the table's first rows
	}
	b.flushPara()
	titles := b.titlesBefore(len(b.doc.Blocks), t.page)
	t.grid.Title = captionOf(b.doc.Blocks, titles)
	b.doc.Blocks = append(b.doc.Blocks, doc.Block{Grid: t.grid, Loc: t.grid.Rows[0].Loc})
	b.prev, b.prevBlock, b.since = t, len(b.doc.Blocks)-1, nil
	b.prevTitles = titles
	return true
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

// continuation builds the table of lines as the continuation of b.prev
// when it is one: it starts the page after the one b.prev ends on, only
// captions that repeat b.prev's (or say 续) stand between them, and its
// columns are b.prev's: on a page of the same width, its header (if it
// repeats one) reads the same in b.prev's columns, or its own columns lie
// within b.prev's; on a page of another width, its own columns give the
// same header.
func (b *builder) continuation(lines []*line, pl *pageLines) (*table, bool) {
	p := b.prev
	if p == nil || len(b.para) > 0 || pl.page.Num != p.lastPage+1 || !b.captionsRepeat() ||
		len(b.since) > 0 && p.bottom < minBreakBottom {
		return nil, false
	}
	if math.Abs(pl.page.Width-p.pageWidth) <= 1 {
		hdr := repeatedHeader(lines, p)
		t, ok2 := buildContinued(lines, pl.page.Width, pl.pageHeight(), p.cols, hdr)
		if ok2 && hdr > 0 && t.headerRows > 0 && !sameRows(t.grid.Rows[:t.headerRows], p.grid.Rows[:p.headerRows]) {
			// Lines whose words occur in the header but do not print it
			// again are text in its columns.
			t, ok2 = buildContinued(lines, pl.page.Width, pl.pageHeight(), p.cols, 0)
		}
		if ok2 {
			if t.headerRows > 0 && sameRows(t.grid.Rows[:t.headerRows], p.grid.Rows[:p.headerRows]) {
				return t, true
			}
			if own, ok := b.ownTable(lines, pl); t.headerRows == 0 && (!ok || own.headerRows == 0 || carriesOver(p, t, pl)) {
				// No header of its own: its own columns, or else its words,
				// lie each in one of b.prev's columns.
				if ok && fitsColumns(own.cols, p) || wordsFit(lines, p) {
					return t, true
				}
			} else if t.headerRows == 0 && !hasNumber(lines[0]) && wordsFit(lines, p) {
				// What reads as a header of its own is text wrapped in
				// b.prev's columns: its words lie in them too.
				return t, true
			}
		}
	}
	if own, ok := b.ownTable(lines, pl); ok && own.headerRows > 0 && len(own.cols) == len(p.cols) &&
		sameRows(own.grid.Rows[:own.headerRows], p.grid.Rows[:p.headerRows]) {
		return own, true
	}
	return nil, false
}

// ownTable is buildTable(lines, pl.page.Width, pl.pageHeight(), nil, -1):
// the table of lines with columns of its own. For the lines of one of
// pl's regions it is the table pageLayouter built (continuation and
// addRegion both ask for it; buildTable does not change its lines, and
// continuation only reads it); other lines are built here.
func (b *builder) ownTable(lines []*line, pl *pageLines) (*table, bool) {
	for i, r := range pl.regions {
		if len(lines) > 0 && r.to-r.from == len(lines) && &pl.lines[r.from] == &lines[0] {
			return pl.own[i].t, pl.own[i].ok
		}
	}
	return buildTable(lines, pl.page.Width, pl.pageHeight(), nil, -1)
}

// minBreakBottom is how far down its page, as a share of the page's
// height, a table must reach for a table under the same captions on the
// next page to be its continuation: a page break cuts a table that fills
// its page, and one that ends higher up is followed by another table with
// the same title. (Without captions between them, a table that ended high
// continues: a row too tall for the rest of its page moved to the next.)
const minBreakBottom = 0.7

// repeatedHeader counts the lines at the start of lines whose words all
// occur in the header of table p: the header printed again on a new page.
func repeatedHeader(lines []*line, p *table) int {
	var sb strings.Builder
	for _, r := range p.grid.Rows[:p.headerRows] {
		for _, c := range r.Cells {
			sb.WriteString(compact(c.Text))
		}
	}
	head := sb.String()
	n := 0
	for _, l := range lines {
		for _, w := range l.Words {
			if !strings.Contains(head, compact(w.Text)) {
				return n
			}
		}
		n++
	}
	return n
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

// wordsFit reports whether every word of lines (a letter-spaced word by
// its glyphs) lies in the space of one column of p, which reaches halfway
// to the columns beside it, or by 0.7 of its width within the extent of
// one column's text, or across neighbouring columns of which one at most
// has text under p's header (two words of one heading make two columns
// where the body has one), and some line has words in two columns: lines
// printed in p's columns.
func wordsFit(lines []*line, p *table) bool {
	cols, body := p.cols, p.bodyColumns()
	lo := func(c int) float64 {
		if c == 0 {
			return math.Inf(-1)
		}
		return (cols[c-1].X1 + cols[c].X0) / 2
	}
	hi := func(c int) float64 {
		if c == len(cols)-1 {
			return math.Inf(1)
		}
		return (cols[c].X1 + cols[c+1].X0) / 2
	}
	two := false
	for _, l := range lines {
		used := -1
		for _, w := range l.Words {
			vs := wordsForPlacing(cols, w, true, nil)
			if len(vs) == 1 && w.parts != nil {
				vs = w.parts // each glyph of a letter-spaced word in a column
			}
			for _, v := range vs {
				c0, c1 := -1, -1
				for c := range cols {
					if v.X1 > lo(c) && v.X0 < hi(c) {
						if c0 < 0 {
							c0 = c
						}
						c1 = c
					}
				}
				if c0 != c1 {
					// Or by the extents of the columns' text: a long
					// word may reach past the middle of the gap beside.
					s, _ := placeWord(cols, v)
					switch {
					case s.C0 == s.C1 && overlap(v.X0, v.X1, cols[s.C0].X0, cols[s.C0].X1) >= 0.7*v.width():
					case s.C0 != s.C1 && countTrue(body[s.C0:s.C1+1]) <= 1 &&
						v.X0 >= cols[s.C0].X0-0.5*v.height() && v.X1 <= cols[s.C1].X1+0.5*v.height():
					case inGap(cols, v):
					default:
						return false
					}
					c0 = s.C0
				}
				two = two || used >= 0 && used != c0
				used = c0
			}
		}
	}
	return two
}

// inGap reports whether v lies between the text of two columns side by
// side (within half a glyph of each): a column the table printed empty
// above the page break, or text of a column that ran into the gap.
func inGap(cols []column, v word) bool {
	tol := 0.5 * v.height()
	for c := 1; c < len(cols); c++ {
		if v.X0 >= cols[c-1].X1-tol && v.X1 <= cols[c].X0+tol {
			return true
		}
	}
	return false
}

// fitsColumns reports whether each of the columns a lies over columns of
// p, in order, and over one at most that has text under p's header: two
// words of one heading side by side make two columns where the body, on
// the next page, shows one.
func fitsColumns(a []column, p *table) bool {
	body := p.bodyColumns()
	prev := -1
	for _, c := range a {
		first, last := -1, -1
		for j, d := range p.cols {
			if overlap(c.X0, c.X1, d.X0, d.X1) > 0 {
				if first < 0 {
					first = j
				}
				last = j
			}
		}
		if first < 0 || first <= prev || countTrue(body[first:last+1]) > 1 {
			return false
		}
		prev = last
	}
	return len(a) > 0
}

// bodyColumns says of each column of t whether a body row has text in it.
func (t *table) bodyColumns() []bool {
	body := make([]bool, len(t.cols))
	for _, r := range t.grid.Rows[t.headerRows:] {
		for c, cell := range r.Cells {
			body[c] = body[c] || cell.Text != ""
		}
	}
	return body
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// appendContinuation appends the rows of t to the previous table, leaving
// out the rows that repeat the start of that table (the header, and a 合计
// row printed again on every page), and drops the repeated captions.
func (b *builder) appendContinuation(t *table, pl *pageLines) {
	p := b.prev
	rows := t.grid.Rows
	skip := 0
	for skip < len(rows) && skip < len(p.grid.Rows) && sameRow(rows[skip], p.grid.Rows[skip]) {
		skip++
	}
	skip = max(skip, t.headerRows)
	if skip == t.headerRows && skip < len(rows) && carriesOver(p, t, pl) {
		last := &p.grid.Rows[len(p.grid.Rows)-1]
		for c, cell := range rows[skip].Cells {
			if cell.Text != "" && c < len(last.Cells) {
				last.Cells[c].Text = joinText(last.Cells[c].Text, cell.Text)
			}
		}
		p.last.Lines = append(p.last.Lines, t.first.Lines...)
		skip++
	}
	p.grid.Rows = append(p.grid.Rows, rows[skip:]...)
	p.lastPage, p.bottom = t.page, t.bottom
	if t.last != nil && skip < len(rows) {
		p.last = t.last
	}
	b.doc.Blocks = b.doc.Blocks[:b.prevBlock+1]
	b.since = nil
}

// carriesOver reports whether the first row of t, the table on page pl
// after p's last one in p's columns, is the rest of p's last row cut by the
// page break: no header between, it opens the page, text only, each piece
// in a column where text wraps in p and p's last row has text that reached
// the right edge of the column (it wrapped), none starts an item of its
// own, and a row's gap parts it from the row under it (it ends a cell;
// the top lines of a cell centred in a taller row stand close above the
// rest).
func carriesOver(p, t *table, pl *pageLines) bool {
	if p.last == nil || t.first == nil || t.first == t.last || t.first.hasNumber() || len(t.cols) != len(p.cols) ||
		t.headerRows > 0 || t.first.Lines[0].L.Num != firstLineNum(pl) {
		return false
	}
	if l := t.first.last().L; !(t.firstGap >= 0.5*l.em()) {
		return false
	}
	for _, l := range t.first.Lines {
		for _, pc := range l.Pieces {
			above := p.last.lastPiece(pc.Span.C0)
			if pc.Span.C0 != pc.Span.C1 || above == nil || !p.wraps[pc.Span.C0] || pieceHasNumber(above) ||
				!reachesRight(p.cols, above) || startsRow(pc.text()) {
				return false
			}
		}
	}
	return true
}

// firstLineNum returns the number of the first line of page pl that is
// not its page number, or 0.
func firstLineNum(pl *pageLines) int {
	for i, l := range pl.lines {
		if pl.kinds[i] != kindPageNum {
			return l.Num
		}
	}
	return 0
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

// headerCutOver builds the table whose header the page break cut: b.prev,
// on the page before, is a header (a few lines without a number in them)
// that reaches the foot of its page, and lines open this page, in its
// width, with the rest of that header and the body under it. The two are laid out as one
// table, this page's lines set right under the last line of the page
// before: the text of a header cell cut by the break goes on in the first
// lines of the next page, in its column.
func (b *builder) headerCutOver(lines []*line, pl *pageLines) (*table, bool) {
	p := b.prev
	if p == nil || len(b.para) > 0 || len(b.since) > 0 || pl.page.Num != p.page+1 || p.lastPage != p.page ||
		math.Abs(pl.page.Width-p.pageWidth) > 1 || p.bottom < cutFootBottom || len(p.lines) > maxCutHeaderLines || len(lines) == 0 ||
		lines[0].Num != firstLineNum(pl) {
		return nil, false
	}
	for _, l := range p.lines {
		if hasNumber(l) {
			return nil, false
		}
	}
	body := false
	for _, l := range lines {
		body = body || hasNumber(l)
	}
	left, right := p.cols[0].X0, p.cols[len(p.cols)-1].X1
	if first := lines[0]; !body || first.x0() < left-first.em() || first.x1() > right+first.em() {
		return nil, false
	}
	last := p.lines[len(p.lines)-1]
	pitch := 0.9 * last.em()
	rest := firstNumericLine(lines)
	all := make([]*line, 0, len(p.lines)+len(lines))
	all = append(all, p.lines...)
	all = append(all, topAligned(lines[:rest], last.Y0+pitch, pitch)...)
	dy := all[len(all)-1].Y1 - lines[rest].Y0
	if rest > 0 {
		dy += lines[rest].Y0 - lines[rest-1].Y1
	}
	for _, l := range lines[rest:] {
		all = append(all, shiftedLine(l, dy))
	}
	t, ok := buildTable(all, pl.page.Width, pl.pageHeight(), nil, -1)
	if !ok || len(t.cols) < len(p.cols) {
		return nil, false
	}
	t.page, t.lastPage = p.page, pl.page.Num
	t.bottom = (lines[len(lines)-1].Y1) / pl.pageHeight()
	t.lines = nil
	return t, true
}

// maxCutHeaderLines bounds the lines of a header cut by a page break.
const maxCutHeaderLines = 16

// cutFootBottom is how far down its page, as a share of the page's
// height, a header must reach for the page break to have cut it.
const cutFootBottom = 0.85

// shiftedLine returns a copy of l moved down by dy.
func shiftedLine(l *line, dy float64) *line {
	c := *l
	c.Y0, c.Y1 = l.Y0+dy, l.Y1+dy
	c.Words = make([]word, len(l.Words))
	for i, w := range l.Words {
		c.Words[i] = shiftedWord(w, dy)
	}
	return &c
}

func shiftedWord(w word, dy float64) word {
	w.Y0, w.Y1 = w.Y0+dy, w.Y1+dy
	if w.parts != nil {
		parts := make([]word, len(w.parts))
		for k, v := range w.parts {
			parts[k] = shiftedWord(v, dy)
		}
		w.parts = parts
	}
	return w
}

// topAligned returns the lines of the rest of a row cut by a page break,
// each cell's text set from the top, line after line pitch apart from y
// on: what is left of a row's cells on the next page stands centred in
// what is left of the row, and read after the text above the break each
// cell goes on right under it. A cell is a stack of words that overlap
// horizontally.
func topAligned(lines []*line, y, pitch float64) []*line {
	type placed struct {
		w    word
		line int // index into lines
	}
	var stacks [][]placed
	var x0s, x1s []float64
	for i, l := range lines {
		for _, w := range l.Words {
			s := -1
			for k := range stacks {
				if w.X0 < x1s[k] && w.X1 > x0s[k] {
					s = k
					break
				}
			}
			if s < 0 {
				stacks, x0s, x1s = append(stacks, nil), append(x0s, w.X0), append(x1s, w.X1)
				s = len(stacks) - 1
			}
			stacks[s] = append(stacks[s], placed{w, i})
			x0s[s], x1s[s] = min(x0s[s], w.X0), max(x1s[s], w.X1)
		}
	}
	var out []*line
	for _, st := range stacks {
		rank, prev := -1, -1
		for _, pw := range st {
			if pw.line != prev {
				rank, prev = rank+1, pw.line
			}
			for len(out) <= rank {
				out = append(out, &line{Page: lines[0].Page, Num: lines[0].Num, Y0: math.Inf(1), Y1: math.Inf(-1)})
			}
			l := out[rank]
			w := shiftedWord(pw.w, y+float64(rank)*pitch-pw.w.Y0)
			l.Words = append(l.Words, w)
			l.Y0, l.Y1 = min(l.Y0, w.Y0), max(l.Y1, w.Y1)
			l.Num = min(l.Num, lines[pw.line].Num)
		}
	}
	for _, l := range out {
		slices.SortFunc(l.Words, func(a, b word) int { return cmp.Compare(a.X0, b.X0) })
		l.Text = lineText(l.Words)
	}
	return out
}

// joinFoot builds the table whose first rows stand alone at the foot of
// the page before (b.foot, too few to make a table there, still the
// paragraph being built) and go on in lines, which open this page: the
// words of those rows lie in the columns of this page's table. The foot
// lines are set a line's height above this page's lines.
func (b *builder) joinFoot(lines []*line, pl *pageLines) (*table, bool) {
	foot := b.foot
	if len(foot) == 0 || b.footPL.page.Num+1 != pl.page.Num || len(b.para) != len(foot) ||
		math.Abs(pl.page.Width-b.footPL.page.Width) > 1 || lines[0].Num != firstLineNum(pl) {
		return nil, false
	}
	for i, l := range foot {
		if b.para[i] != l {
			return nil, false
		}
	}
	own, ok := b.ownTable(lines, pl)
	if !ok || !wordsFit(foot, own) {
		return nil, false
	}
	last := foot[len(foot)-1]
	dy := last.Y1 + last.height() - lines[0].Y0
	all := make([]*line, 0, len(foot)+len(lines))
	all = append(all, foot...)
	for _, l := range lines {
		all = append(all, shiftedLine(l, dy))
	}
	t, ok := buildTable(all, pl.page.Width, pl.pageHeight(), nil, -1)
	if !ok {
		return nil, false
	}
	t.lastPage = pl.page.Num
	t.bottom = lines[len(lines)-1].Y1 / pl.pageHeight()
	t.lines = nil
	return t, true
}

// contentEnd returns the index after the last line of the page that is
// not its page number.
func (pl *pageLines) contentEnd() int {
	n := len(pl.lines)
	for n > 0 && pl.kinds[n-1] == kindPageNum {
		n--
	}
	return n
}
