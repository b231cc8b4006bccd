package pdfdoc

import (
	"math"
	"strings"
	"unicode/utf8"

	"gongkai/doc"
)

// layoutDocument builds the Document from the pages' words: lines first,
// then tables and prose page by page.
func layoutDocument(pages []page) *doc.Document {
	var pa pageLayouter
	pls := make([]*pageLines, len(pages))
	for i, p := range pages {
		pls[i] = pa.layout(p)
	}
	return layoutPages(pls)
}

// pageLayouter does the work on each page that needs no other page: it
// cuts the page into lines, numbers them on from the lines of the pages
// before, classifies them, finds the table regions and builds each
// region's table with columns of its own (see builder.ownTable). Pages
// given to it in order can so be laid out while pdftotext reads the next.
type pageLayouter struct{ lines int }

func (pa *pageLayouter) layout(p page) *pageLines {
	lines := buildLines(p)
	for _, l := range lines {
		pa.lines++
		l.Num = pa.lines
	}
	pl := classifyPage(p, lines)
	pl.regions = pl.findRegions()
	pl.own = make([]ownBuilt, len(pl.regions))
	for i, r := range pl.regions {
		pl.own[i].t, pl.own[i].ok = buildTable(r.lines(), p.Width, pl.pageHeight(), nil, -1)
	}
	return pl
}

// ownBuilt is the table a region makes with columns of its own.
type ownBuilt struct {
	t  *table
	ok bool
}

// layoutPages builds the document's blocks from its laid-out pages.
func layoutPages(pls []*pageLines) *doc.Document {
	d := &doc.Document{Format: "pdf", Pages: len(pls)}
	for _, pl := range pls {
		for _, l := range pl.lines {
			d.Lines = append(d.Lines, l.Text)
		}
	}
	b := &builder{doc: d, bodyEm: bodyEm(pls), titles: map[int]bool{}}
	for _, pl := range pls {
		b.addPage(pl)
	}
	b.flushPara()
	return d
}

// bodyEm is the glyph size of the running text: the median em of prose
// lines (of all lines when there are none).
func bodyEm(pls []*pageLines) float64 {
	var prose, all []float64
	for _, pl := range pls {
		for i, l := range pl.lines {
			all = append(all, l.fontSize())
			if pl.kinds[i] == kindProse {
				prose = append(prose, l.fontSize())
			}
		}
	}
	if len(prose) > 0 {
		return median(prose)
	}
	return median(all)
}

// builder appends blocks to a Document page by page.
type builder struct {
	doc    *doc.Document
	bodyEm float64

	para     []*line    // the paragraph being built
	paraPage *pageLines // the page of its last line
	last     *line      // the last text line added to a block
	lastKind lineKind   // its kind
	lastPL   *pageLines // its page

	titles map[int]bool // blocks that are table captions

	prev       *table // the last table, while its continuation may follow
	prevBlock  int    // its block index
	prevTitles []int  // the captions before it
	since      []int  // captions added after it

	// foot holds the lines of a region at the foot of its page that made
	// no table (a table's first row alone before the page break), while
	// they are the paragraph being built; footPL is their page.
	foot   []*line
	footPL *pageLines
}

// addPage adds the blocks of one page.
func (b *builder) addPage(pl *pageLines) {
	next := 0
	for _, r := range pl.regions {
		b.addText(pl, next, r.from)
		if !b.addRegion(r, pl) {
			b.addText(pl, r.from, r.to)
		}
		next = r.to
	}
	b.addText(pl, next, len(pl.lines))
}

// addText adds lines [from, to) of a page as text blocks.
func (b *builder) addText(pl *pageLines, from, to int) {
	for i := from; i < to; i++ {
		l, k := pl.lines[i], pl.kinds[i]
		switch k {
		case kindPageNum:
			continue
		case kindTitle, kindLeader:
			b.flushPara()
			b.addBlock(doc.Block{Text: l.Text, Loc: locOf(l)}, k == kindTitle)
		default:
			if !b.continuesPara(pl, l, k) {
				b.flushPara()
			}
			b.para = append(b.para, l)
			b.paraPage = pl
		}
		b.last, b.lastKind, b.lastPL = l, k, pl
	}
}

// addBlock appends a block; title says whether it is a table caption, which
// may stand between a table and its continuation.
func (b *builder) addBlock(bl doc.Block, title bool) {
	b.doc.Blocks = append(b.doc.Blocks, bl)
	if title {
		b.titles[len(b.doc.Blocks)-1] = true
	}
	if b.prev == nil {
		return
	}
	if !title {
		b.prev = nil
		return
	}
	b.since = append(b.since, len(b.doc.Blocks)-1)
}

// continuesPara reports whether line l (of kind k, on page pl) continues
// the paragraph being built.
func (b *builder) continuesPara(pl *pageLines, l *line, k lineKind) bool {
	if len(b.para) == 0 || k == kindNote || headingLevel(l.Text) > 0 || isBullet(l) {
		return false
	}
	q := b.para[len(b.para)-1]
	em := math.Max(q.em(), l.em())
	if right := proseRight(b.paraPage); q.x1() < right-2*em && !tooLongFor(l.Words[0], q, right) {
		return false // the line above ended short: its paragraph ended
	}
	if l.x0() > q.x0()+0.5*em && l.x0() > b.para[0].x0()+0.5*em {
		return false // indented: a new paragraph
	}
	if first := b.para[0]; len(b.para) > 1 && first.x0() > q.x0()+0.5*em && math.Abs(l.x0()-first.x0()) <= 0.5*em {
		return false // indented as the paragraph's first line was: the next one
	}
	if len(b.para) == 1 && endsSentence(q.Text) && math.Abs(l.x0()-q.x0()) <= 0.5*em &&
		q.x0() > proseLeft(b.paraPage)+0.5*em {
		// A one-line paragraph with a first-line indent, followed by
		// another: its continuation would start at the margin.
		return false
	}
	if math.Abs(l.fontSize()-q.fontSize()) > 0.2*em {
		return false
	}
	if l.Page == q.Page {
		gap := l.Y0 - q.Y1
		if inner, ok := b.paraLineGap(); ok && gap > inner+0.5*em {
			return false // set apart further than the paragraph's lines are
		}
		return gap <= 1.2*em
	}
	return l.Page == q.Page+1 && b.last == q
}

// paraLineGap returns the widest vertical gap between two lines of the
// paragraph being built that follow each other on one page; false when
// it has no such lines.
func (b *builder) paraLineGap() (float64, bool) {
	gap, ok := math.Inf(-1), false
	for i := 1; i < len(b.para); i++ {
		if a, c := b.para[i-1], b.para[i]; a.Page == c.Page {
			gap, ok = max(gap, c.Y0-a.Y1), true
		}
	}
	return gap, ok
}

// tooLongFor reports whether w, a word of digits or Latin letters that
// starts a line, could not have ended line q, whose text stops short of
// the right margin right: the line broke before it for want of room, not
// at the end of a paragraph ("…其中:基本支出" over "6,271,100 元").
func tooLongFor(w word, q *line, right float64) bool {
	for _, r := range w.Text {
		if isCJK(r) {
			return false // CJK text breaks anywhere: one glyph would fit
		}
	}
	return q.x1()+0.25*w.height()+w.width() > right
}

// proseRight is the right margin of running text on a page: the rightmost
// end of a prose line, or of any line when it has none.
func proseRight(pl *pageLines) float64 {
	r := math.Inf(-1)
	for i, l := range pl.lines {
		if pl.kinds[i] == kindProse {
			r = math.Max(r, l.x1())
		}
	}
	if math.IsInf(r, -1) {
		return pl.right
	}
	return r
}

// proseLeft is the left margin of running text on a page: the leftmost
// start of a prose line, or of any line when it has none.
func proseLeft(pl *pageLines) float64 {
	x := math.Inf(1)
	for i, l := range pl.lines {
		if pl.kinds[i] == kindProse {
			x = math.Min(x, l.x0())
		}
	}
	if math.IsInf(x, 1) {
		return pl.left
	}
	return x
}

// flushPara adds the paragraph being built as a block.
func (b *builder) flushPara() {
	if len(b.para) == 0 {
		return
	}
	var sb strings.Builder
	for i, l := range b.para {
		if i > 0 {
			if needsSpace(b.para[i-1].Text, l.Text) {
				sb.WriteString(" ")
			}
		}
		sb.WriteString(l.Text)
	}
	first := b.para[0]
	bl := doc.Block{Text: sb.String(), Loc: locOf(first)}
	if len(b.para) == 1 {
		bl.Heading = b.headingOf(first)
	}
	b.para = nil
	b.addBlock(bl, false)
}

// needsSpace reports whether two lines of a paragraph join with a space
// (Latin words) rather than nothing (CJK text).
func needsSpace(a, b string) bool {
	return !isCJK(lastRune(a)) && !isCJK(firstRune(b))
}

// headingOf returns the heading level of a one-line paragraph: its
// numbering's level, or 1 for short text printed larger than the body;
// 0 for text that reads as a sentence.
func (b *builder) headingOf(l *line) int {
	t := strings.TrimSpace(l.Text)
	if endsSentence(t) || strings.ContainsAny(t, "。；！") || utf8.RuneCountInString(t) > 40 {
		return 0 // a sentence, or a heading run into one ("（二）政府采购情况。所属…")
	}
	if lv := headingLevel(t); lv > 0 {
		return lv
	}
	if b.bodyEm > 0 && l.fontSize() >= 1.15*b.bodyEm {
		return 1
	}
	return 0
}
