package render

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"gongkai"
	"gongkai/reportjson"
)

// The native PDF writer lays the report out itself and writes the PDF with
// github.com/signintech/gopdf (pure Go, TrueType subset fonts with
// ToUnicode maps), with no browser: a department of 2,000 table lines takes
// a small fraction of a second where printing through Chromium takes
// seconds. It prints what the HTML page's print style sheet prints, with
// the same geometry: A4 pages with the same margins, the title, the table
// of contents, headings and paragraphs (Chinese line breaking), and every
// table on a page of its own (landscape when it is wide) with its number,
// title and unit line, its header rows with their merged cells repeated on
// every page the table continues on, amounts right-aligned, rows never
// split across pages, and its notes; a page number at the foot of every
// page. The sealed report is attached as in PDF (Attach).

// Page geometry in points (A4, margins as in report.css's @page rules).
const (
	mmPt        = 72 / 25.4
	a4W         = 210 * mmPt
	a4H         = 297 * mmPt
	bodyPt      = 11.5 // html font-size in print
	bodyLead    = 1.6  // its line height
	tableLead   = 1.35 // table line height
	footerPt    = 10
	ruleWidthPt = 0.75 // 1px
)

// NativePDF writes r as a PDF with the native writer, with the sealed
// report attached as gongkai-report.json.
func NativePDF(r *gongkai.Report) ([]byte, error) {
	sealed, err := reportjson.Seal(r)
	if err != nil {
		return nil, err
	}
	return nativePDFWithSeal(r, sealed)
}

// nativePDFWithSeal writes the PDF and attaches sealed (the output of
// reportjson.Seal).
func nativePDFWithSeal(r *gongkai.Report, sealed []byte) ([]byte, error) {
	pdf, err := nativePDF(r)
	if err != nil {
		return nil, err
	}
	return Attach(pdf, AttachmentName, sealed)
}

// nativePDF lays r out and writes it, without the attachment.
func nativePDF(r *gongkai.Report) ([]byte, error) {
	fc, err := loadPDFFonts()
	if err != nil {
		return nil, err
	}
	d := layout(r)
	w := &pdfWriter{}
	w.geometry(false)
	w.pdf.Start(gopdf.Config{PageSize: gopdf.Rect{W: a4W, H: a4H}, Unit: gopdf.UnitPT})
	for _, f := range []string{fontSong, fontHei} {
		if err := w.pdf.AddTTFFontFromFontContainer(f, fc); err != nil {
			return nil, fmt.Errorf("render: PDF 字体：%w", err)
		}
	}
	title := ""
	if d.TitleBlock >= 0 {
		title = compactSpaces(d.Blocks[d.TitleBlock].Text)
	}
	if title == "" {
		title = "部门" + r.Kind.Chinese() + "公开"
	}
	w.pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "gongkai", Producer: "gongkai"})
	tocEntries, tocAt := toc(d)
	// The document outline (bookmarks) lists what the contents list.
	w.outline = map[string]string{}
	for _, e := range tocEntries {
		w.outline[e.ID] = e.Text
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		w.mark = w.outline[b.ID]
		switch {
		case b.Table != nil:
			w.table(b.Table)
		case b.Heading == 1:
			w.heading(b.Text, fontHei, bodyPt*1.6, 1.4, 0, bodyPt*1.6, true)
		case b.Heading == 2:
			w.heading(b.Text, fontHei, bodyPt*1.25, bodyLead, bodyPt*1.25*1.6, bodyPt*1.25*0.6, false)
		case b.Heading > 0:
			w.heading(b.Text, fontHei, bodyPt*1.05, bodyLead, bodyPt*1.05*1.2, bodyPt*1.05*0.4, false)
		default:
			w.paragraph(b.Text)
		}
		w.mark = ""
		if i == tocAt {
			w.toc(tocEntries)
		}
		if w.err != nil {
			return nil, w.err
		}
	}
	if w.page == 0 {
		w.newPage(false)
	}
	out, err := w.pdf.GetBytesPdfReturnErr()
	if err != nil {
		return nil, fmt.Errorf("render: PDF：%w", err)
	}
	return out, nil
}

// pdfWriter places text and rules on pages, top to bottom.
type pdfWriter struct {
	pdf gopdf.GoPdf
	err error

	page         int
	landscape    bool
	pageW, pageH float64
	left, right  float64 // the text area
	top, bottom  float64
	y            float64 // the top of the free space on the page
	// margin is the bottom margin of the last block, collapsed with the
	// top margin of the next as CSS does; fresh is set at the top of a
	// page, where top margins are dropped.
	margin float64
	fresh  bool

	font  string
	size  float64
	ruled bool // the line width and colour of rules are set on this page

	outline map[string]string // block id → its bookmark
	mark    string            // the bookmark of the block being placed
}

// bookmark adds the outline entry of the block being placed, if it has
// one, pointing at the current position.
func (w *pdfWriter) bookmark() {
	if w.mark == "" {
		return
	}
	w.pdf.SetY(w.y)
	w.pdf.AddOutlineWithPosition(w.mark)
	w.mark = ""
}

// newPage starts a page and prints its number at its foot.
func (w *pdfWriter) newPage(landscape bool) {
	w.page++
	w.geometry(landscape)
	w.pdf.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: w.pageW, H: w.pageH}})
	w.font, w.ruled = "", false // a new page's content stream has no state
	w.y, w.margin, w.fresh = w.top, 0, true
	num := "— " + strconv.Itoa(w.page) + " —"
	w.setFont(fontSong, footerPt)
	nw := w.width(num, fontSong, footerPt)
	foot := w.bottom + (w.pageH-w.bottom)/2 - footerPt/2
	w.text((w.pageW-nw)/2, foot, num)
}

// geometry sets the page size and text area of a portrait or landscape
// page.
func (w *pdfWriter) geometry(landscape bool) {
	w.landscape = landscape
	if landscape {
		w.pageW, w.pageH = a4H, a4W
		w.left, w.right, w.top, w.bottom = 18*mmPt, a4H-18*mmPt, 18*mmPt, a4W-18*mmPt
	} else {
		w.pageW, w.pageH = a4W, a4H
		w.left, w.right, w.top, w.bottom = 18*mmPt, a4W-18*mmPt, 22*mmPt, a4H-20*mmPt
	}
}

// space reserves the vertical margin before a block (collapsed with the
// last block's bottom margin) and starts a new page when fewer than need
// points are left below it.
func (w *pdfWriter) space(top, need float64) {
	if w.page == 0 {
		w.newPage(false)
	}
	m := max(top, w.margin)
	if w.fresh {
		m = 0
	}
	if w.y+m+need > w.bottom && !w.fresh {
		w.newPage(false)
		m = 0
	}
	w.y += m
	w.margin = 0
}

func (w *pdfWriter) setFont(font string, size float64) {
	if w.font == font && w.size == size {
		return
	}
	if err := w.pdf.SetFont(font, "", size); err != nil && w.err == nil {
		w.err = fmt.Errorf("render: PDF 字体：%w", err)
	}
	w.font, w.size = font, size
}

// text prints s with the current font with its em box's top at y. A
// character the font lacks is printed in the other font when that one has
// it (a rare character of a name, say).
func (w *pdfWriter) text(x, y float64, s string) {
	if s == "" {
		return
	}
	font, size := w.font, w.size
	advances.Lock()
	plain := true
	for _, r := range s {
		if advance(font, r).font != font {
			plain = false
			break
		}
	}
	advances.Unlock()
	if plain {
		w.draw(x, y, s)
		return
	}
	for s != "" {
		advances.Lock()
		f := advance(font, firstRune(s)).font
		n := 0
		for _, r := range s {
			if advance(font, r).font != f {
				break
			}
			n += utf8.RuneLen(r)
		}
		advances.Unlock()
		w.setFont(f, size)
		w.draw(x, y, s[:n])
		x += w.width(s[:n], font, size)
		s = s[n:]
	}
	w.setFont(font, size)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// draw prints s with the current font.
func (w *pdfWriter) draw(x, y float64, s string) {
	w.pdf.SetXY(x, y+0.86*w.size) // the baseline
	if err := w.pdf.Text(s); err != nil && w.err == nil {
		w.err = fmt.Errorf("render: PDF：%w", err)
	}
}

// Advance widths, per font, of one point of type, cached for the process
// and measured on a scratch document of their own (gopdf measures with the
// current font of a page).
var advances struct {
	sync.Mutex
	w       map[string]map[rune]glyphAdvance
	scratch *gopdf.GoPdf
}

// glyphAdvance is how a character of a font is printed: in that font, or
// in the other one when that font lacks it, with its advance at one point.
type glyphAdvance struct {
	a    float64
	font string
}

// width is the printed width of s in font at size points.
func (w *pdfWriter) width(s string, font string, size float64) float64 {
	advances.Lock()
	defer advances.Unlock()
	total := 0.0
	for _, r := range s {
		total += advance(font, r).a
	}
	return total * size
}

// advance says how r is printed in font; the caller holds advances' lock.
func advance(font string, r rune) glyphAdvance {
	m := advances.w[font]
	if g, ok := m[r]; ok {
		return g
	}
	if advances.w == nil {
		advances.w = map[string]map[rune]glyphAdvance{}
	}
	if m == nil {
		m = map[rune]glyphAdvance{}
		advances.w[font] = m
	}
	a, ok := measure(font, r)
	g := glyphAdvance{a, font}
	if !ok {
		other := fontHei
		if font == fontHei {
			other = fontSong
		}
		if oa, ok := measure(other, r); ok {
			g = glyphAdvance{oa, other}
		}
	}
	m[r] = g
	return g
}

// measure returns the advance of r in font at one point, and whether the
// font has a glyph for it.
func measure(font string, r rune) (float64, bool) {
	s := scratchPDF()
	if s == nil || s.SetFont(font, "", 1000) != nil {
		return 1, true
	}
	mw, err := s.MeasureTextWidth(string(r))
	if err != nil {
		return 1, true
	}
	_, missing := glyphMissing.Load(fontRune{font, r})
	return mw / 1000, !missing
}

// scratchPDF is the document advances are measured on; nil when the
// fonts are missing (nativePDF fails first).
func scratchPDF() *gopdf.GoPdf {
	if advances.scratch != nil {
		return advances.scratch
	}
	fc, err := loadPDFFonts()
	if err != nil {
		return nil
	}
	s := &gopdf.GoPdf{}
	s.Start(gopdf.Config{PageSize: gopdf.Rect{W: a4W, H: a4H}, Unit: gopdf.UnitPT})
	for _, f := range []string{fontSong, fontHei} {
		if s.AddTTFFontFromFontContainer(f, fc) != nil {
			return nil
		}
	}
	s.AddPage()
	advances.scratch = s
	return s
}

// Line breaking.

// noLineStart holds the punctuation that may not begin a line (避头), and
// noLineEnd what may not end one (避尾).
const (
	noLineStart = "，。、；：？！）》」』”’】〕〉…%％,.;:?!)]}·—"
	noLineEnd   = "（《「『“‘【〔〈([{"
)

// wordRune reports whether r belongs to a run of Latin letters and digits
// that is not broken across lines (an amount, a code, a year).
func wordRune(r rune) bool {
	return r < 0x2E80 && r != ' ' && !strings.ContainsRune(noLineEnd, r)
}

// wrap breaks s into lines no wider than width (the first line first
// wider less indent): anywhere between Chinese characters, at spaces, never
// inside a run of Latin letters and digits that fits a line, and with the
// punctuation rules above.
func (w *pdfWriter) wrap(s, font string, size, width, indent float64) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	runes := []rune(s)
	adv := make([]float64, len(runes))
	advances.Lock()
	for i, r := range runes {
		adv[i] = advance(font, r).a * size
	}
	advances.Unlock()
	var lines []string
	start := 0
	avail := width - indent
	for start < len(runes) {
		for start < len(runes) && runes[start] == ' ' {
			start++
		}
		if start >= len(runes) {
			break
		}
		x := 0.0
		end := start
		for end < len(runes) && x+adv[end] <= avail+0.01 {
			x += adv[end]
			end++
		}
		if end == start {
			end = start + 1 // one character wider than the line
		}
		if end < len(runes) {
			brk := end
			// Punctuation that may not start a line takes the character
			// before it along, what may not end a line moves down, and a
			// run of Latin letters and digits is not split (unless it
			// fills the line), until nothing moves.
			for moved := true; moved; {
				moved = false
				switch {
				case brk > start+1 && strings.ContainsRune(noLineStart, runes[brk]):
					brk--
					moved = true
				case brk > start+1 && strings.ContainsRune(noLineEnd, runes[brk-1]):
					brk--
					moved = true
				case wordRune(runes[brk]) && wordRune(runes[brk-1]):
					k := brk
					for k > start && wordRune(runes[k-1]) {
						k--
					}
					if k > start {
						brk = k
						moved = true
					}
				}
			}
			end = brk
		}
		lines = append(lines, strings.TrimRight(string(runes[start:end]), " "))
		start = end
		avail = width
	}
	return lines
}

// Blocks.

// heading prints a heading in font at size points, centred or not, kept
// on one page with the start of what follows it.
func (w *pdfWriter) heading(text, font string, size, lead, top, bottom float64, centre bool) {
	text = compactSpaces(text)
	lh := size * lead
	lines := w.wrap(text, font, size, w.right-w.left, 0)
	w.space(top, float64(len(lines))*lh+3*bodyPt*bodyLead)
	w.bookmark()
	w.setFont(font, size)
	for _, l := range lines {
		x := w.left
		if centre {
			x = w.left + (w.right-w.left-w.width(l, font, size))/2
		}
		w.text(x, w.y+(lh-size)/2, l)
		w.y += lh
	}
	w.margin, w.fresh = bottom, false
}

// paragraph prints running text with a first-line indent of two
// characters, lines filled to the right margin.
func (w *pdfWriter) paragraph(text string) {
	size, lh := bodyPt, bodyPt*bodyLead
	lines := w.wrap(text, fontSong, size, w.right-w.left, 2*size)
	if len(lines) == 0 {
		return
	}
	w.space(0.4*size, lh)
	w.setFont(fontSong, size)
	for i, l := range lines {
		if w.y+lh > w.bottom {
			w.newPage(false)
			w.setFont(fontSong, size)
		}
		x := w.left
		if i == 0 {
			x += 2 * size
		}
		w.text(x, w.y+(lh-size)/2, l)
		w.y += lh
		w.fresh = false
	}
	w.margin = 0.4 * size
}

// toc prints the table of contents and ends its page.
func (w *pdfWriter) toc(entries []tocEntry) {
	if len(entries) == 0 {
		return
	}
	size := bodyPt * 1.25
	lh := size * bodyLead
	w.space(size*1.6, lh)
	w.setFont(fontHei, size)
	w.text(w.left+(w.right-w.left-w.width("目录", fontHei, size))/2, w.y+(lh-size)/2, "目录")
	w.y += lh
	w.margin, w.fresh = size*0.6, false
	size, lh = bodyPt, bodyPt*bodyLead
	for _, e := range entries {
		indent := 0.0
		if e.Class == "l3" || e.Class == "tb" {
			indent = 2 * size
		}
		lines := w.wrap(e.Text, fontSong, size, w.right-w.left-indent, 0)
		w.space(0.15*size, float64(len(lines))*lh)
		w.setFont(fontSong, size)
		for _, l := range lines {
			w.text(w.left+indent, w.y+(lh-size)/2, l)
			w.y += lh
		}
		w.margin, w.fresh = 0.15*size, false
	}
	// The contents end their page (nav.toc { break-after: page }).
	w.y = w.bottom + 1
	w.fresh = false
}
