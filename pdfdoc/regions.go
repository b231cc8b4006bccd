package pdfdoc

import (
	"math"
	"strings"
)

// lineKind says what a line is on its own, before tables are found.
type lineKind int

const (
	kindText    lineKind = iota // ordinary text, maybe a table fragment
	kindProse                   // a full line of running text
	kindTabular                 // words in columns, or a row of numbers
	kindTitle                   // a table caption: title, 表N, 单位：万元
	kindNote                    // 注：… under a table
	kindLeader                  // a table-of-contents entry
	kindPageNum                 // a page number alone in the margin
)

// pageLines is one page's lines and what each is.
type pageLines struct {
	page          page
	lines         []*line
	kinds         []lineKind
	left, right   float64    // the content box: smallest x0, largest x1
	footerFromIdx int        // lines from here on are page furniture
	regions       []region   // the table regions, in order
	own           []ownBuilt // each region's table with columns of its own
}

// region is a run of lines of one page, [from, to), that forms a table.
// empty says the note under it says the table is empty: lines of text that
// stand only in its first column are then its rows, with nothing in them.
type region struct {
	pl       *pageLines
	from, to int
	empty    bool
}

func (r region) lines() []*line { return r.pl.lines[r.from:r.to] }

// classifyPage computes the kind of each line of a page.
func classifyPage(p page, lines []*line) *pageLines {
	pl := &pageLines{page: p, lines: lines, kinds: make([]lineKind, len(lines)), footerFromIdx: len(lines)}
	pl.left, pl.right = math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		pl.left = math.Min(pl.left, l.x0())
		pl.right = math.Max(pl.right, l.x1())
	}
	for i, l := range lines {
		pl.kinds[i] = pl.kindOf(i, l)
	}
	return pl
}

func (pl *pageLines) kindOf(i int, l *line) lineKind {
	text := l.Text
	switch {
	case isPageNumber(text) && pl.inMargin(i, l):
		return kindPageNum
	case isLeaderLine(text):
		return kindLeader
	case isNoteText(text):
		return kindNote
	case isTitleText(text):
		return kindTitle
	}
	segs, nums := segments(l), 0
	for k, w := range l.Words {
		if isNumber(w.Text) && !(k == 0 && isBullet(l)) {
			nums++
		}
	}
	if segs >= 2 && !(segs == 2 && headingLevel(text) == 1) {
		return kindTabular
	}
	if amountRun(l) >= 2 && !endsSentence(text) {
		return kindTabular // amounts side by side in narrow columns
	}
	if spacedWords(l) && !endsSentence(text) {
		return kindTabular // a header row of narrow columns
	}
	if nums > 0 && len(l.Words) >= 2 && !pl.isWide(l) && !endsSentence(text) && !clauses(text) {
		return kindTabular // a row of a table: a name and its amount
	}
	if pl.isWide(l) || endsSentence(text) {
		return kindProse
	}
	return kindText
}

// isBullet reports whether l starts with a bullet ("- 一、部门预算收支总体
// 情况"): a dash or dot alone, then text a word space away. A dash is also
// what a table prints for nothing, but there the next cell stands a column
// gap away, or is a number that is no item number ("(2)").
func isBullet(l *line) bool {
	if len(l.Words) < 2 || !bulletRe.MatchString(l.Words[0].Text) {
		return false
	}
	a, b := l.Words[0], l.Words[1]
	return b.X0-a.X1 < cjkJoinGap*b.height() && (!isNumber(b.Text) || headingLevel(b.Text) > 0 || itemNumberRe.MatchString(b.Text))
}

// pageHeight returns the height of the page, A4's when unknown.
func (pl *pageLines) pageHeight() float64 {
	if pl.page.Height > 0 {
		return pl.page.Height
	}
	return 842
}

// inMargin reports whether line i is the first or last line of its page
// and sits in the top or bottom eighth of the page.
func (pl *pageLines) inMargin(i int, l *line) bool {
	h := pl.page.Height
	if h <= 0 {
		h = 842
	}
	last := i == len(pl.lines)-1
	first := i == 0
	return (last && l.Y0 > h*7/8) || (first && l.Y1 < h/8)
}

// isWide reports whether l spans most of the width of the page's content.
func (pl *pageLines) isWide(l *line) bool {
	return l.x1()-l.x0() >= 0.6*(pl.right-pl.left)
}

// clauses reports whether s reads as a sentence, not a name: it has a
// clause break ("，") or ends leading on to what follows ("见下表：").
func clauses(s string) bool {
	s = strings.TrimSpace(s)
	return strings.Contains(s, "，") || strings.HasSuffix(s, "：")
}

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, "！")
}

// segments counts the runs of words separated by column-wide gaps.
func segments(l *line) int {
	n := 1
	for i := 1; i < len(l.Words); i++ {
		a, b := l.Words[i-1], l.Words[i]
		if b.X0-a.X1 >= tabGap*math.Min(a.height(), b.height()) {
			n++
		}
	}
	return n
}

// amountRun returns the most amounts that follow each other as separate
// words on l with nothing between them: running text puts words between
// its numbers, a row of a table set in narrow columns does not, though
// its gaps are no wider than a word space.
func amountRun(l *line) int {
	best, n := 0, 0
	for _, w := range l.Words {
		if isDigits(w.Text) {
			n++
			best = max(best, n)
			continue
		}
		n = 0
	}
	return best
}

// cjkSpace is the narrowest gap, in glyphs, between two CJK words that
// running text never leaves: the padding of two cells side by side.
const cjkSpace = 0.3

// spacedWords reports whether most gaps between the words of l are at
// least a glyph wide, or cjkSpace wide between CJK glyphs, and at least
// three are: words side by side in narrow columns, closer than a column
// gap but wider apart than the words of running text (CJK text has no
// spaces; Latin word spaces are a third of a glyph).
func spacedWords(l *line) bool {
	wide := 0
	for i := 1; i < len(l.Words); i++ {
		a, b := l.Words[i-1], l.Words[i]
		gap, em := b.X0-a.X1, math.Min(a.height(), b.height())
		if gap >= cjkJoinGap*em || gap >= cjkSpace*em && isCJK(lastRune(a.Text)) && isCJK(firstRune(b.Text)) {
			wide++
		}
	}
	return wide >= 3 && 2*wide >= len(l.Words)-1
}

// findRegions returns the table regions of a page in order.
func (pl *pageLines) findRegions() []region {
	var out []region
	for i := 0; i < len(pl.lines); {
		if pl.kinds[i] != kindTabular {
			i++
			continue
		}
		from := pl.extendUp(i, regionEnd(out))
		to, empty := pl.extendToEmptyNote(from, pl.extendDown(i))
		out = append(out, region{pl: pl, from: from, to: to, empty: empty})
		i = to
	}
	return out
}

func regionEnd(rs []region) int {
	if len(rs) == 0 {
		return 0
	}
	return rs[len(rs)-1].to
}

// extendDown returns the end of the table region that starts with the
// tabular line i. It runs over tabular lines and over the text lines
// between them (wrapped cell text, rows without numbers); after the last
// tabular line it takes text lines that stay close and line up with the
// table's words. It stops at prose, notes, captions, page numbers and wide
// vertical gaps.
func (pl *pageLines) extendDown(i int) int {
	last := i // last tabular line of the table
	for k := i + 1; k < len(pl.lines); k++ {
		if pl.lines[k].Y0-pl.lines[k-1].Y1 > pl.page.Height/5 {
			// Empty ruled rows leave a wide gap before a table's total
			// row; its amounts line up with the table's.
			if pl.kinds[k] == kindTabular && pl.amountsAlign(k, i, k) {
				last = k
				continue
			}
			break
		}
		if pl.kinds[k] == kindTabular {
			last = k
			continue
		}
		if pl.kinds[k] != kindText && !pl.isCellText(k) && (pl.kinds[k] != kindProse || !pl.wordsAlign(k, i, k)) {
			break
		}
	}
	end := last + 1
	for end < len(pl.lines) && (pl.kinds[end] == kindText || pl.isCellText(end)) && !pl.gapBreaks(end-1, end) &&
		(pl.alignsWith(end, i, last+1) || isTotalLine(pl.lines[end])) && !pl.isWide(pl.lines[end]) {
		end++
	}
	return end
}

// extendToEmptyNote extends the table region [from, to) over the rows of
// an empty table printed with their names and nothing else (政府采购 items,
// the unit a "三公" table printed across is for): lines of one cell each
// that start at or left of the table's leftmost word and end before its
// rightmost column, when a note that says the table is empty (本表为空表,
// 本表无数据) comes right after them. It returns the region's end and
// whether such a note follows it.
func (pl *pageLines) extendToEmptyNote(from, to int) (int, bool) {
	left, lastCol := math.Inf(1), math.Inf(-1)
	for _, l := range pl.lines[from:to] {
		left = math.Min(left, l.x0())
		lastCol = math.Max(lastCol, l.Words[len(l.Words)-1].X0)
	}
	k := to
	for k < len(pl.lines) && k-to < maxEmptyRows && pl.kinds[k] == kindText && !pl.gapBreaks(k-1, k) {
		l := pl.lines[k]
		if segments(l) > 1 || hasNumber(l) || l.x0() > left+l.em() || l.x1() >= lastCol {
			break
		}
		k++
	}
	if k < len(pl.lines) && pl.kinds[k] == kindNote && emptyNoteRe.MatchString(compact(pl.lines[k].Text)) {
		return k, true
	}
	return to, false
}

// maxEmptyRows bounds the name-only rows of an empty table.
const maxEmptyRows = 40

// hasNumber reports whether a word of l reads as a number.
func hasNumber(l *line) bool {
	for _, w := range l.Words {
		if isNumber(w.Text) {
			return true
		}
	}
	return false
}

// isTotalLine reports whether l holds only a total's name (合计, 总计, 小计):
// the total row of an empty table, with nothing in its amount columns.
func isTotalLine(l *line) bool {
	return totalNameRe.MatchString(compact(l.Text))
}

// amountsAlign reports whether each amount of line k ends where an amount
// of the lines [from, to) ends, and k has two amounts or is a name and one
// amount: a row of the table those lines belong to.
func (pl *pageLines) amountsAlign(k, from, to int) bool {
	const tol = 2.0
	var ends []float64
	for _, l := range pl.lines[from:to] {
		for _, w := range l.Words {
			if isDigits(w.Text) {
				ends = append(ends, w.X1)
			}
		}
	}
	n := 0
	for _, w := range pl.lines[k].Words {
		if !isDigits(w.Text) {
			continue
		}
		found := false
		for _, e := range ends {
			if math.Abs(w.X1-e) <= tol {
				found = true
				break
			}
		}
		if !found {
			return false
		}
		n++
	}
	return n >= 2 || n == 1 && len(ends) > 0 && len(pl.lines[k].Words) <= 2
}

// wordsAlign reports whether line k, though it spans the page as a line of
// prose does, is a row of the table whose lines are [from, to): it has a
// number and ends no sentence, and most of its words, two at least and a
// number among them, start or end where a word of those lines does (a row
// of narrow columns whose gaps are no wider than a word space).
func (pl *pageLines) wordsAlign(k, from, to int) bool {
	const tol = 1.0
	l := pl.lines[k]
	if endsSentence(l.Text) {
		return false
	}
	n, num := 0, false
	for _, w := range l.Words {
	search:
		for _, o := range pl.lines[from:to] {
			for _, v := range o.Words {
				if math.Abs(w.X0-v.X0) <= tol || math.Abs(w.X1-v.X1) <= tol {
					n++
					num = num || isDigits(w.Text)
					break search
				}
			}
		}
	}
	return num && n >= 2 && 2*n > len(l.Words)
}

// isCellText reports whether line k, though it ends a sentence, is text
// inside a table cell: short, and starting well inside the page's text or
// wrapped tight under the line above (a paragraph leaves a wider gap).
func (pl *pageLines) isCellText(k int) bool {
	l := pl.lines[k]
	if pl.kinds[k] != kindProse || pl.isWide(l) {
		return false
	}
	return l.x0() > pl.left+2*l.em() || k > 0 && l.Y0-pl.lines[k-1].Y1 < 0.5*l.em()
}

// extendUp returns the first line of the table whose first tabular line is
// i: header lines above it that are neither captions nor prose belong to it.
//
// At the top of a page, the lines above may also be sentences ending in
// the table's cells (see isCellText): text wrapped in a cell the page
// break cut goes on there, the whole run of them opening the page.
func (pl *pageLines) extendUp(i, floor int) int {
	from := i
	for k := i - 1; k >= floor && i-k <= 8; k-- {
		if pl.kinds[k] != kindText || pl.gapBreaks(k, from) || pl.leadsOn(k, i) {
			break
		}
		from = k
	}
	top := from
	for top > floor && (pl.kinds[top-1] == kindText || pl.isCellText(top-1)) && !pl.gapBreaks(top-1, top) {
		top--
	}
	if top < from && pl.opensPage(top) {
		return top
	}
	return from
}

// opensPage reports whether line i is the first line of its page but for
// a page number.
func (pl *pageLines) opensPage(i int) bool {
	for k := range i {
		if pl.kinds[k] != kindPageNum {
			return false
		}
	}
	return true
}

// leadsOn reports whether line k, above the table whose first tabular
// line is i, is one run of words ending in a colon that starts left of
// the table's words ("相关统计数:"): text that leads on to the table under
// it, not a line of its header ("其中：" over the columns it heads).
func (pl *pageLines) leadsOn(k, i int) bool {
	l := pl.lines[k]
	t := strings.TrimSpace(l.Text)
	if segments(l) != 1 || !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") {
		return false
	}
	left := math.Inf(1)
	for _, o := range pl.lines[k+1 : i+1] {
		left = min(left, o.x0())
	}
	return l.x0() <= left+0.5*l.em()
}

// gapBreaks reports whether the vertical gap between lines a and b (a
// above b) is too wide for them to be in one table.
func (pl *pageLines) gapBreaks(a, b int) bool {
	la, lb := pl.lines[a], pl.lines[b]
	em := math.Max(la.height(), lb.height())
	return lb.Y0-la.Y1 > 4*em
}

// alignsWith reports whether some word of line k starts or ends where a
// word of the lines [from, to) starts or ends.
func (pl *pageLines) alignsWith(k, from, to int) bool {
	const tol = 3.0
	for _, w := range pl.lines[k].Words {
		for _, l := range pl.lines[from:to] {
			for _, v := range l.Words {
				if math.Abs(w.X0-v.X0) <= tol || math.Abs(w.X1-v.X1) <= tol {
					return true
				}
			}
		}
	}
	return false
}
