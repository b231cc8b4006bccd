package pdfdoc

import (
	"math"
	"regexp"
	"strings"

	"gongkai"
	"gongkai/doc"
)

// table is a grid built from a region of one page, with what is needed to
// join it to its continuation on the next page.
type table struct {
	cols       []column
	headerRows int
	grid       *doc.Grid
	page       int // the page it starts on
	lastPage   int // the page it ends on, after continuations are joined
	pageWidth  float64
	// bottom is how far down its last page the table ends, as a share of
	// the page's height.
	bottom float64
	// first and last are its first and last body rows (nil without body):
	// a row cut by a page break goes on in the first row of the next page.
	first, last *trow
	firstGap    float64 // from the first body row down to the next; NaN without one
	// wraps says of each column whether text wraps in it: some body row
	// has lines of text in it from two lines.
	wraps []bool
	// lines are the lines it was built from (one page's, before the
	// continuations joined).
	lines []*line
}

// buildTable makes a table of the lines of a region. The columns are cols,
// or found from the lines when cols is nil; the first headerLines lines are
// the header, or the lines before the first with a number when headerLines
// is negative. It reports false when the lines do not form a table (fewer
// than two columns, or fewer than two rows with text in two columns).
func buildTable(lines []*line, pageWidth, pageHeight float64, cols []column, headerLines int) (*table, bool) {
	return buildTableOf(lines, pageWidth, pageHeight, cols, headerLines, false, 2)
}

// buildContinued is buildTable in the columns of the table the lines
// continue from the page before: one row with text in two columns is a
// table then (the last row of a table moved to the next page).
func buildContinued(lines []*line, pageWidth, pageHeight float64, cols []column, headerLines int) (*table, bool) {
	return buildTableOf(lines, pageWidth, pageHeight, cols, headerLines, false, 1)
}

// buildEmptyTable makes the table of a region a note says is empty (see
// extendToEmptyNote): without a number or a 合计 line, its body is the
// lines under the header that stand in its first column alone, the names
// of rows with nothing in them.
func buildEmptyTable(lines []*line, pageWidth, pageHeight float64) (*table, bool) {
	return buildTableOf(lines, pageWidth, pageHeight, nil, -1, true, 2)
}

func buildTableOf(lines []*line, pageWidth, pageHeight float64, cols []column, headerLines int, empty bool, minRows int) (*table, bool) {
	if countLineWords(lines) > maxTableWords {
		return nil, false
	}
	src := lines
	lines = tightLines(lines)
	bodyFrom := headerLines
	if bodyFrom < 0 {
		bodyFrom = firstNumericLine(lines)
		if bodyFrom == 0 {
			bodyFrom = emptyTotalLine(lines)
		}
		named := false
		if bodyFrom == 0 && empty {
			bodyFrom = nameRowsFrom(lines)
			named = bodyFrom > 0
		}
		if !named {
			bodyFrom = rowStart(lines, headerByType(lines, bodyFrom))
		}
	}
	if cols == nil {
		cols = detectColumns(lines, bodyFrom)
	}
	if len(cols) < 2 {
		return nil, false
	}
	tls := make([]tline, len(lines))
	for i, l := range lines {
		var above *line
		if i > 0 && i < bodyFrom {
			above = lines[i-1]
		}
		tls[i] = cutLine(cols, l, i >= bodyFrom, above)
	}
	hcells := headerCells(tls[:bodyFrom])
	depth := layoutHeader(hcells, cols)
	rows := groupRows(cols, tls[bodyFrom:], cellLineGap(tls, bodyFrom))
	g := &doc.Grid{}
	g.Rows = append(g.Rows, headerGridRows(hcells, depth, len(cols))...)
	for _, r := range rows {
		g.Rows = append(g.Rows, bodyGridRow(r, len(cols)))
	}
	if !gridLooksTabular(g, minRows) && !emptyTable(g, depth, empty) {
		return nil, false
	}
	pg := lines[0].Page
	t := &table{cols: cols, headerRows: depth, grid: g, page: pg, lastPage: pg, pageWidth: pageWidth,
		bottom: lines[len(lines)-1].Y1 / pageHeight, lines: src}
	t.firstGap = math.NaN()
	if len(rows) > 0 {
		t.first, t.last = rows[0], rows[len(rows)-1]
	}
	if len(rows) > 1 {
		t.firstGap = vgap(rows[0].last().L, rows[1].Lines[0].L)
	}
	t.wraps = make([]bool, len(cols))
	n := make([]int, len(cols))
	for _, r := range rows {
		clear(n)
		for _, l := range r.Lines {
			for _, p := range l.Pieces {
				n[p.Span.C0]++
			}
		}
		for c, k := range n {
			t.wraps[c] = t.wraps[c] || k > 1
		}
	}
	return t, true
}

// maxTableWords bounds the words of one table: column detection is
// quadratic in them, and no printed table comes near.
const maxTableWords = 6000

func countLineWords(lines []*line) int {
	n := 0
	for _, l := range lines {
		n += len(l.Words)
	}
	return n
}

// tightLines returns the lines with the words that touch across a change of
// script joined: pdftotext cuts "2019年度" into "2019" and "年度" where
// the font changes, and the halves must not make columns of their own.
func tightLines(lines []*line) []*line {
	out := make([]*line, len(lines))
	for i, l := range lines {
		c := *l
		c.Words = nil
		for _, w := range l.Words {
			if n := len(c.Words); n > 0 && tight(c.Words[n-1], w) {
				prev := &c.Words[n-1]
				prev.Text += separator(*prev, w) + w.Text
				prev.X1 = w.X1
				prev.Y0, prev.Y1 = min(prev.Y0, w.Y0), max(prev.Y1, w.Y1)
				prev.parts = nil
				continue
			}
			c.Words = append(c.Words, w)
		}
		out[i] = &c
	}
	return out
}

// tight reports whether b follows a with almost no gap where the script
// changes between a digit or a Latin letter and a CJK glyph, or b is the
// text after an item number (1. 2、) — unless a is an amount or b starts
// an item of its own or an amount (though cut after its decimal point:
// "9." of "9. 18"): those are two cells that happen to touch. The digits
// that follow a decimal point a word space away are the rest of the
// amount ("2." "10").
func tight(a, b word) bool {
	gap := b.X0 - a.X1
	em := min(a.height(), b.height())
	if isNumberHead(a.Text) && gap < maxWordSpace*em && isDigits(b.Text) && !strings.ContainsAny(b.Text, ".,") {
		return true // an amount spaced after its decimal point: "2." "10"
	}
	if itemNumberRe.MatchString(a.Text) && gap < 2*em && !isNumber(b.Text) {
		return true
	}
	if gap >= 0.3*em || isCJK(lastRune(a.Text)) == isCJK(firstRune(b.Text)) {
		return false
	}
	amount := isDigits(a.Text) && strings.ContainsAny(a.Text, ".,")
	return !amount && headingLevel(b.Text) == 0 && !isNumber(b.Text) && !isNumberHead(b.Text)
}

// itemNumberRe matches an item number printed apart from its text.
var itemNumberRe = regexp.MustCompile(`^([(（]\d{1,2}[)）]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、)$`)

// firstNumericLine returns the index of the first line with a number, the
// start of the table body; 0 when no line has one (a table of text). A
// line whose only numbers are years beside text ("2024 年预算数" wrapped
// in a narrow heading) is a header line.
func firstNumericLine(lines []*line) int {
	for i, l := range lines {
		years, text := 0, false
		for _, w := range l.Words {
			switch {
			case isYear(w.Text):
				years++
			case isNumber(w.Text):
				return i
			default:
				text = true
			}
		}
		if years > 0 && !text {
			return i
		}
	}
	return 0
}

// isYear reports whether s is a year as headings print it: 19xx or 20xx.
func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20") && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'
}

func locOf(l *line) gongkai.Loc { return gongkai.Loc{Page: l.Page, Line: l.Num} }

// headerGridRows lays the header cells out as depth grid rows.
func headerGridRows(cells []*hcell, depth, ncols int) []doc.Row {
	rows := make([]doc.Row, depth)
	for i := range rows {
		rows[i].Cells = make([]doc.Cell, ncols)
	}
	for _, c := range cells {
		r := &rows[c.Level]
		if r.Loc.Line == 0 || c.Pieces[0].Line.Num < r.Loc.Line {
			r.Loc = locOf(c.Pieces[0].Line)
		}
		cell := &r.Cells[c.Span.C0]
		if cell.Text != "" || cell.Covered {
			if cell.Text == "" {
				cell.Loc = locOf(c.Pieces[0].Line)
			}
			cell.Text = joinText(cell.Text, piecesText(c.Pieces))
			cell.Covered = false
			continue
		}
		*cell = doc.Cell{Text: piecesText(c.Pieces), Loc: locOf(c.Pieces[0].Line)}
		if n := c.Span.C1 - c.Span.C0 + 1; n > 1 {
			cell.ColSpan = n
		}
		if c.Rows > 1 {
			cell.RowSpan = c.Rows
		}
		coverSpan(rows, c)
	}
	for i := range rows {
		if rows[i].Loc.Line == 0 && i > 0 {
			rows[i].Loc = rows[i-1].Loc
		}
	}
	return rows
}

// coverSpan marks the grid positions c covers, other than its own, as
// Covered when they are still empty.
func coverSpan(rows []doc.Row, c *hcell) {
	for r := c.Level; r < c.Level+c.Rows && r < len(rows); r++ {
		for k := c.Span.C0; k <= c.Span.C1; k++ {
			if r == c.Level && k == c.Span.C0 {
				continue
			}
			if cell := &rows[r].Cells[k]; cell.Text == "" {
				cell.Covered = true
				cell.Loc = locOf(c.Pieces[0].Line)
			}
		}
	}
}

// bodyGridRow makes the grid row of a logical table row.
func bodyGridRow(r *trow, ncols int) doc.Row {
	row := doc.Row{Cells: make([]doc.Cell, ncols), Loc: locOf(r.Lines[0].L)}
	for c, ps := range r.cells(ncols) {
		if len(ps) == 0 {
			continue
		}
		cell := &row.Cells[c]
		cell.Text = piecesText(ps)
		cell.Loc = locOf(ps[0].Line)
		s := ps[0].Span
		if s.C1 > s.C0 && spanIsFree(r, s) {
			cell.ColSpan = s.C1 - s.C0 + 1
			for k := s.C0 + 1; k <= s.C1; k++ {
				row.Cells[k].Covered = true
				row.Cells[k].Loc = cell.Loc
			}
		}
	}
	return row
}

// spanIsFree reports whether no line of r has text in the columns after
// the first of s.
func spanIsFree(r *trow, s span) bool {
	for _, t := range r.Lines {
		for _, p := range t.Pieces {
			if p.Span.C0 > s.C0 && p.Span.C0 <= s.C1 {
				return false
			}
		}
	}
	return true
}

// piecesText joins the text of the pieces of one cell, top to bottom.
func piecesText(ps []piece) string {
	s := ""
	for _, p := range ps {
		s = joinText(s, p.text())
	}
	return s
}

// joinText joins two lines of one cell: with nothing when CJK text or a
// number wraps, with a space between words of other scripts.
func joinText(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	if isCJK(lastRune(a)) || isCJK(firstRune(b)) {
		return a + b
	}
	return a + " " + b
}

// rowStart returns where the row of line k begins: k, or the first of
// the lines above it (maxHangs at most, one line at least left above them)
// that stand as close above each other as the lines of a cell, where a
// gap as wide as a row's (minRowGap, and half a glyph wider than theirs)
// parts them from the lines above: the top lines of a cell wrapped over
// several lines beside the first amount of the body.
func rowStart(lines []*line, k int) int {
	tight := math.Inf(-1)
	for j := k; j > 1 && k-j < maxHangs; j-- {
		a, b := lines[j-1], lines[j]
		em := min(a.em(), b.em())
		g := (b.Y0 - a.Y1) / em
		if g > maxCellGap {
			return k
		}
		tight = max(tight, g)
		above := lines[j-2]
		if ga := (a.Y0 - above.Y1) / em; ga >= minRowGap && ga >= tight+0.5 {
			return j - 1
		}
	}
	return k
}

// headerByType returns where the body of a table starts when its header is
// printed in a type of another size than its body: after the leading
// lines in that type, though the first number comes later (a table of
// text) or earlier (a 1 or a year in the header). It returns bodyFrom, the
// first line with a number, otherwise.
func headerByType(lines []*line, bodyFrom int) int {
	if len(lines) < 3 {
		return bodyFrom
	}
	rest := lines[len(lines)/2:]
	sizes := make([]float64, len(rest))
	for i, l := range rest {
		sizes[i] = l.fontSize()
	}
	em := median(sizes)
	k := 0
	for k < len(lines) && math.Abs(lines[k].fontSize()-em) > 0.08*em {
		k++
	}
	if k == 0 || k == len(lines) || math.Abs(lines[k].fontSize()-em) > 0.05*em {
		return bodyFrom
	}
	for _, l := range lines[k:max(k, bodyFrom)] {
		if math.Abs(l.fontSize()-em) > 0.05*em {
			return bodyFrom
		}
	}
	return k
}

// emptyTotalLine returns the index of the first line of a table without
// numbers that holds only a total's name, when lines above it may be its
// header: an empty table whose total row has nothing in it. It returns 0
// when there is none (a table of text).
func emptyTotalLine(lines []*line) int {
	for i, l := range lines {
		if i > 0 && isTotalLine(l) {
			return i
		}
	}
	return 0
}

// nameRowsFrom returns the index of the first of the lines at the foot of
// an empty table that are each one cell starting at or left of where the
// lines above start: the names of its rows (a one-cell line further right
// is a heading centred over its columns). The lines above, one of them
// with words in two columns or more, are its header. It returns 0 when
// there are no such lines or no such header.
func nameRowsFrom(lines []*line) int {
	k := len(lines)
	for k > 1 && segments(lines[k-1]) == 1 {
		k--
	}
	left := math.Inf(1)
	for _, l := range lines[:k] {
		left = math.Min(left, l.x0())
	}
	for ; k < len(lines) && lines[k].x0() > left+lines[k].em(); k++ {
		left = math.Min(left, lines[k].x0())
	}
	if k == len(lines) {
		return 0
	}
	for _, l := range lines[:k] {
		if segments(l) > 1 {
			return k
		}
	}
	return 0
}

// emptyTable reports whether g is the header of a table (depth rows, one of
// them with text in two columns or more) over total rows with nothing in
// their amount columns: an empty table printed with its 合计 row. When
// named, the rows may have any name in the first column (an empty table
// whose note says so).
func emptyTable(g *doc.Grid, depth int, named bool) bool {
	if depth == 0 || depth == len(g.Rows) {
		return false
	}
	wide := false
	for _, r := range g.Rows[:depth] {
		filled := 0
		for _, c := range r.Cells {
			if strings.TrimSpace(c.Text) != "" {
				filled++
			}
		}
		wide = wide || filled >= 2
	}
	for _, r := range g.Rows[depth:] {
		for j, c := range r.Cells {
			if t := compact(c.Text); t != "" && !totalNameRe.MatchString(t) && !(named && j == 0) {
				return false
			}
		}
	}
	return wide
}

// gridLooksTabular reports whether g has at least minRows rows with text
// in at least two columns.
func gridLooksTabular(g *doc.Grid, minRows int) bool {
	n := 0
	for _, r := range g.Rows {
		filled := 0
		for _, c := range r.Cells {
			if strings.TrimSpace(c.Text) != "" {
				filled++
			}
		}
		if filled >= 2 {
			n++
		}
	}
	return n >= minRows
}
