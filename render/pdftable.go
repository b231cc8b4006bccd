package render

import (
	"fmt"
	"strings"
)

// Tables of the native PDF writer, laid out as the print style sheet lays
// them out with table-layout: fixed: column widths in proportion to the
// grid's (gcol.Width plus padding), cell padding .45em (header .55em) by
// .35em, line height 1.35, 1px rules, header cells in 黑体 and centred,
// row names left-aligned and indented by level, amounts right-aligned.

// tableCell is a cell placed in its columns, its text broken into lines.
type tableCell struct {
	c      *gcell
	col    int // first column
	span   int // columns
	rows   int // header rows (1 in the body)
	lines  []string
	font   string
	align  byte    // 'l', 'c', 'r'
	indent float64 // extra left padding
	top    bool    // lines from the top of the cell, not centred
}

type tableGeom struct {
	g       *grid
	fs, lh  float64
	padX    float64
	x       []float64 // column left edges, and the right edge last
	head    [][]tableCell
	headH   []float64
	headPad float64
	bodyPad float64
}

// table prints a grid on a new page (landscape when it is wide).
func (w *pdfWriter) table(g *grid) {
	if w.page == 0 || !w.fresh || w.landscape != g.Landscape {
		w.newPage(g.Landscape)
	}
	w.bookmark()
	w.fresh = true
	small := bodyPt * 0.9
	if g.Number != "" {
		w.line(g.Number, fontSong, small, bodyLead, 'r', 0)
	}
	tsize := bodyPt * 1.2
	w.y += 0.2 * tsize
	for _, l := range w.wrap(compactSpaces(g.Title), fontHei, tsize, w.right-w.left, 0) {
		w.line(l, fontHei, tsize, bodyLead, 'c', 0)
	}
	w.y += 0.3 * tsize
	w.line("单位："+fmt.Sprint(g.Unit), fontSong, small, bodyLead, 'r', 0)
	w.y += 0.2 * small

	t := w.tableGeom(g)
	w.tableHead(t)
	top := w.y - t.sumHead()
	for i := range g.Body {
		cells, h := w.bodyRow(t, g.Body[i])
		if w.y+h > w.bottom && w.y > top+t.sumHead()+0.5 {
			w.closeTable(t, top)
			w.newPage(g.Landscape)
			w.tableHead(t)
			top = w.y - t.sumHead()
		}
		// A row taller than a page is split: as many lines of each cell
		// as the page holds, the rest on the next page, top-aligned.
		for w.y+h > w.bottom {
			k := int((w.bottom - w.y - 2*t.bodyPad - ruleWidthPt) / t.lh)
			if k < 1 {
				break
			}
			var first, rest []tableCell
			first, rest, h = t.splitRow(cells, k)
			w.drawRow(t, first, w.bottom-w.y)
			w.y = w.bottom
			w.closeTable(t, top)
			w.newPage(g.Landscape)
			w.tableHead(t)
			top = w.y - t.sumHead()
			cells = rest
		}
		w.drawRow(t, cells, h)
		w.y += h
	}
	w.closeTable(t, top)
	w.fresh = false
	w.margin = 0
	for _, n := range g.Notes {
		w.y += 0.3 * small
		for _, l := range w.wrap(n, fontSong, small, w.right-w.left, 0) {
			if w.y+small*bodyLead > w.bottom {
				w.newPage(g.Landscape)
			}
			w.line(l, fontSong, small, bodyLead, 'l', 0)
		}
		w.margin = 0.3 * small
	}
}

// line prints one line of text in its own line box at the current y.
func (w *pdfWriter) line(s, font string, size, lead float64, align byte, indent float64) {
	lh := size * lead
	w.setFont(font, size)
	x := w.left + indent
	switch align {
	case 'r':
		x = w.right - w.width(s, font, size)
	case 'c':
		x = w.left + (w.right-w.left-w.width(s, font, size))/2
	}
	w.text(x, w.y+(lh-size)/2, s)
	w.y += lh
}

func (t *tableGeom) sumHead() float64 {
	s := 0.0
	for _, h := range t.headH {
		s += h
	}
	return s
}

// tableGeom sizes the columns and the header rows.
func (w *pdfWriter) tableGeom(g *grid) *tableGeom {
	fs := float64(g.FontPt)
	if fs <= 0 {
		fs = 9
	}
	t := &tableGeom{g: g, fs: fs, lh: fs * tableLead, padX: 0.35 * fs, headPad: 0.55 * fs, bodyPad: 0.45 * fs}
	total := 0.0
	for _, c := range g.Cols {
		total += c.Width + cellPadEm
	}
	tw := w.right - w.left
	x := w.left
	t.x = append(t.x, x)
	for _, c := range g.Cols {
		x += (c.Width + cellPadEm) / total * tw
		t.x = append(t.x, x)
	}
	t.x[len(t.x)-1] = w.right
	// Header rows: each cell's lines; a row is as high as its tallest
	// one-row cell, and a cell spanning rows makes its last row taller when
	// the rows are not high enough for it.
	t.head = make([][]tableCell, len(g.Head))
	t.headH = make([]float64, len(g.Head))
	for i, row := range g.Head {
		for j := range row {
			c := &row[j]
			if c.Covered {
				continue
			}
			tc := w.placeCell(t, c, j, fontHei, 'c', 0)
			tc.rows = max(c.RowSpan, 1)
			if i+tc.rows > len(g.Head) {
				tc.rows = len(g.Head) - i
			}
			t.head[i] = append(t.head[i], tc)
			if tc.rows == 1 {
				t.headH[i] = max(t.headH[i], t.cellHeight(tc, t.headPad))
			}
		}
	}
	for i := range t.headH {
		t.headH[i] = max(t.headH[i], t.lh+2*t.headPad+ruleWidthPt)
	}
	for i, row := range t.head {
		for _, tc := range row {
			if tc.rows < 2 {
				continue
			}
			have := 0.0
			for k := i; k < i+tc.rows; k++ {
				have += t.headH[k]
			}
			if need := t.cellHeight(tc, t.headPad); need > have {
				t.headH[i+tc.rows-1] += need - have
			}
		}
	}
	return t
}

// cellHeight is the height a cell needs: its lines, its padding and a
// rule (half of the rule above and half of the rule below it, as
// collapsed borders are laid out).
func (t *tableGeom) cellHeight(tc tableCell, pad float64) float64 {
	return float64(max(len(tc.lines), 1))*t.lh + 2*pad + ruleWidthPt
}

// placeCell breaks a cell's text into the lines of its width.
func (w *pdfWriter) placeCell(t *tableGeom, c *gcell, col int, font string, align byte, indent float64) tableCell {
	span := max(c.ColSpan, 1)
	if col+span >= len(t.x) {
		span = len(t.x) - 1 - col
	}
	tc := tableCell{c: c, col: col, span: span, rows: 1, font: font, align: align, indent: indent}
	// Chromium's collapsed borders take half a rule from each side.
	width := t.x[col+span] - t.x[col] - 2*t.padX - ruleWidthPt - indent
	if c.Money != nil {
		var b strings.Builder
		appendMoney(&b, c.Money)
		tc.lines = []string{b.String()}
		return tc
	}
	tc.lines = w.wrap(c.Text, font, t.fs, width, 0)
	return tc
}

// bodyRow places a body row's cells and returns them with the row height.
func (w *pdfWriter) bodyRow(t *tableGeom, row []gcell) ([]tableCell, float64) {
	cells := make([]tableCell, 0, len(row))
	h := t.lh + 2*t.bodyPad + ruleWidthPt
	for j := range row {
		c := &row[j]
		if c.Covered {
			continue
		}
		var tc tableCell
		switch {
		case c.Header:
			indent := 0.0
			switch c.Level {
			case 1:
				indent = 1.3*t.fs - t.padX
			case 2:
				indent = 2.3*t.fs - t.padX
			}
			tc = w.placeCell(t, c, j, fontSong, 'l', indent)
		case c.Money != nil || c.Kind == colMoney:
			tc = w.placeCell(t, c, j, fontSong, 'r', 0)
		default:
			tc = w.placeCell(t, c, j, fontSong, 'l', 0)
		}
		cells = append(cells, tc)
		h = max(h, t.cellHeight(tc, t.bodyPad))
	}
	return cells, h
}

// splitRow splits a row's cells after their first k lines: the cells
// with those lines, the cells with the rest (top-aligned), and the height
// of the rest.
func (t *tableGeom) splitRow(cells []tableCell, k int) (first, rest []tableCell, h float64) {
	h = t.lh + 2*t.bodyPad + ruleWidthPt
	for _, tc := range cells {
		a, b := tc, tc
		a.top, b.top = true, true
		if len(tc.lines) > k {
			a.lines, b.lines = tc.lines[:k], tc.lines[k:]
		} else {
			b.lines = nil
		}
		first = append(first, a)
		rest = append(rest, b)
		h = max(h, t.cellHeight(b, t.bodyPad))
	}
	return first, rest, h
}

// tableHead prints the header rows at the current y.
func (w *pdfWriter) tableHead(t *tableGeom) {
	for i, row := range t.head {
		for _, tc := range row {
			h := 0.0
			for k := i; k < i+tc.rows; k++ {
				h += t.headH[k]
			}
			w.drawCell(t, tc, w.y, h)
		}
		w.y += t.headH[i]
	}
}

// drawRow prints one body row of height h at the current y.
func (w *pdfWriter) drawRow(t *tableGeom, cells []tableCell, h float64) {
	for _, tc := range cells {
		w.drawCell(t, tc, w.y, h)
	}
}

// drawCell prints a cell's rules (top and left; the table's right and
// bottom rules are drawn by closeTable) and its lines, centred vertically.
func (w *pdfWriter) drawCell(t *tableGeom, tc tableCell, y, h float64) {
	x0, x1 := t.x[tc.col], t.x[tc.col+tc.span]
	w.rule(x0, y, x1, y)
	w.rule(x0, y, x0, y+h)
	if len(tc.lines) == 0 {
		return
	}
	w.setFont(tc.font, t.fs)
	ty := y + (h-float64(len(tc.lines))*t.lh)/2
	if tc.top {
		ty = y + t.bodyPad + ruleWidthPt/2
	}
	for _, l := range tc.lines {
		var x float64
		switch tc.align {
		case 'r':
			x = x1 - t.padX - ruleWidthPt/2 - w.width(l, tc.font, t.fs)
		case 'c':
			x = x0 + (x1-x0-w.width(l, tc.font, t.fs))/2
		default:
			x = x0 + t.padX + ruleWidthPt/2 + tc.indent
		}
		w.text(x, ty+(t.lh-t.fs)/2, l)
		ty += t.lh
	}
}

// closeTable draws the right and bottom rules of the part of a table on
// this page, from top down to the current y.
func (w *pdfWriter) closeTable(t *tableGeom, top float64) {
	right := t.x[len(t.x)-1]
	w.rule(right, top, right, w.y)
	w.rule(t.x[0], w.y, right, w.y)
}

// rule draws a 1px line in the rule colour.
func (w *pdfWriter) rule(x0, y0, x1, y1 float64) {
	if !w.ruled {
		w.pdf.SetLineWidth(ruleWidthPt)
		w.pdf.SetStrokeColor(0x33, 0x33, 0x33)
		w.ruled = true
	}
	w.pdf.Line(x0, y0, x1, y1)
}
