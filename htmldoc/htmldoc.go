// Package htmldoc reads a disclosure published as a web page into a
// doc.Document.
//
// The page is decoded (byte-order mark, valid UTF-8, <meta charset> or
// http-equiv Content-Type, else GB18030) and parsed with the HTML5 algorithm
// of golang.org/x/net/html, so unclosed tags (<td>1<td>2, a missing
// </table>) are repaired the way a browser repairs them. Then:
//
//   - text outside tables becomes one Text block per block element (p, div,
//     li, h1–h6 with their Heading level, …) and per <br>-separated line,
//     white space collapsed; <script>, <style> and hidden elements are
//     ignored;
//   - a data table becomes a Grid, rowspan and colspan expanded (a spanning
//     cell once at its top-left position, Covered cells at the rest), its
//     <caption> the Grid's Title;
//   - a layout table (one whose cells hold other tables, or that has a
//     single column) is read as running text: its cells' paragraphs become
//     Text blocks and the tables inside become Grids of their own;
//   - <script type="application/json" id="gongkai-report"> goes to
//     Document.Embedded.
//
// Document.Lines is the page rendered as text: one line per Text block, one
// line per table row (cells joined by a tab), one line per caption. The
// Loc.Line of every block, row and cell indexes it.
package htmldoc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gongkai"
	"gongkai/doc"
)

// Limits that keep a hostile page from exhausting memory.
const (
	MaxInput   = 100 << 20 // bytes of HTML
	MaxCells   = 500_000   // grid positions over all tables, after span expansion
	maxColSpan = 1000      // as the HTML standard clamps colspan
	maxRowSpan = 65534     // as the HTML standard clamps rowspan
	maxDepth   = 512       // element nesting followed; deeper content is read as plain text
)

// ReportID is the id of the <script type="application/json"> element whose
// content is Document.Embedded.
const ReportID = "gongkai-report"

// Read parses an HTML page. name is the file name shown in locations and
// errors. Errors are *gongkai.ImportError wrapping ErrEmpty, ErrTooLarge,
// ErrBinary or ErrEncoding.
func Read(name string, data []byte) (*doc.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty}
	}
	if len(data) > MaxInput {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrTooLarge,
			"网页有 %d 字节，超过上限 %d 字节", len(data), MaxInput)
	}
	text, enc := decode(data)
	if err := checkText(name, text, enc); err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// x/net/html refuses pages nested deeper than 512 elements, which
		// unclosed <font> or <div> tags produce. Flatten the containers
		// and try again.
		root, err = html.Parse(strings.NewReader(flatten(text)))
	}
	if err != nil {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt, Detail: "网页标记嵌套过深，无法解析（" + err.Error() + "）"}
	}
	b := &builder{file: name}
	b.walk(root, 0)
	b.flush()
	if b.err != nil {
		return nil, b.err
	}
	b.addTitle()
	if len(b.blocks) == 0 && b.embedded == nil {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty, Detail: "网页中没有文字或表格"}
	}
	return &doc.Document{
		File:     name,
		Format:   "html",
		Lines:    b.lines,
		Blocks:   b.blocks,
		Embedded: b.embedded,
	}, nil
}

// checkText rejects decoded text that is not a web page: binary data or a
// wrong encoding.
func checkText(name, text, enc string) error {
	var runes, ctrl, bad int
	for _, r := range text {
		runes++
		switch {
		case r == utf8.RuneError:
			bad++
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f', r == 0x7F:
			ctrl++
		}
	}
	if ctrl > 4 && ctrl*100 > runes {
		return &gongkai.ImportError{File: name, Err: gongkai.ErrBinary,
			Detail: "内容含有大量控制字符，不是网页"}
	}
	if bad > 4 && bad*10 > runes {
		return &gongkai.ImportError{File: name, Err: gongkai.ErrEncoding,
			Detail: "按 " + enc + " 解码后仍有大量无法识别的字符"}
	}
	return nil
}

// builder walks the parsed page and collects lines and blocks.
type builder struct {
	file     string
	lines    []string
	blocks   []doc.Block
	cur      strings.Builder // inline text not yet flushed
	heading  int             // heading level of the element being read
	cells    int             // grid positions used so far
	embedded []byte
	title    string
	err      error
	// sub is set when the builder collects the text of one table cell:
	// its lines are the cell's visual lines, no blocks are made.
	sub    bool
	parent *builder
}

// flush turns pending inline text into a Text block (or a cell line).
func (b *builder) flush() {
	s := normalize(b.cur.String())
	b.cur.Reset()
	if s != "" {
		b.addText(s, b.heading)
	}
}

func (b *builder) addText(s string, heading int) {
	b.lines = append(b.lines, s)
	if b.sub {
		return
	}
	b.blocks = append(b.blocks, doc.Block{Text: s, Heading: heading, Loc: gongkai.Loc{Line: len(b.lines)}})
}

func (b *builder) walkChildren(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil && b.root().err == nil; c = c.NextSibling {
		b.walk(c, depth+1)
	}
}

func (b *builder) walk(n *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		b.cur.WriteString(n.Data)
		return
	case html.DocumentNode:
		b.walkChildren(n, depth)
		return
	case html.ElementNode:
	default:
		return
	}
	if depth > maxDepth {
		// Pathologically deep nesting: keep the words, drop the structure.
		b.cur.WriteString(" ")
		b.cur.WriteString(textContent(n))
		b.cur.WriteString(" ")
		return
	}
	if isHidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Script:
		if attr(n, "id") == ReportID && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/json") {
			b.setEmbedded([]byte(strings.TrimSpace(textContent(n))))
		}
		return
	case atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object, atom.Embed,
		atom.Svg, atom.Math, atom.Select, atom.Textarea, atom.Input, atom.Button,
		atom.Canvas, atom.Audio, atom.Video, atom.Link, atom.Meta:
		return
	case atom.Title:
		if b.title == "" && !b.sub {
			b.title = normalize(textContent(n))
		}
		return
	case atom.Br, atom.Hr:
		b.flush()
		return
	case atom.Table:
		b.flush()
		b.table(n, depth)
		return
	case atom.Pre, atom.Listing, atom.Xmp, atom.Plaintext:
		b.flush()
		for _, l := range strings.Split(preText(n), "\n") {
			if l = normalize(l); l != "" {
				b.addText(l, b.heading)
			}
		}
		return
	}
	if h := headingLevel(n.DataAtom); h > 0 {
		b.flush()
		save := b.heading
		b.heading = h
		b.walkChildren(n, depth)
		b.flush()
		b.heading = save
		return
	}
	if isBlock(n.DataAtom) {
		b.flush()
		b.walkChildren(n, depth)
		b.flush()
		return
	}
	b.walkChildren(n, depth)
}

func (b *builder) setEmbedded(p []byte) {
	if r := b.root(); r.embedded == nil {
		r.embedded = p
	}
}

// addTitle puts the page <title> first when no block repeats it.
func (b *builder) addTitle() {
	if b.title == "" {
		return
	}
	for _, bl := range b.blocks {
		if bl.Text == b.title {
			return
		}
	}
	b.lines = append([]string{b.title}, b.lines...)
	for i := range b.blocks {
		bl := &b.blocks[i]
		bl.Loc.Line++
		if bl.Grid == nil {
			continue
		}
		for j := range bl.Grid.Rows {
			r := &bl.Grid.Rows[j]
			r.Loc.Line++
			for k := range r.Cells {
				r.Cells[k].Loc.Line++
			}
		}
	}
	b.blocks = append([]doc.Block{{Text: b.title, Loc: gongkai.Loc{Line: 1}}}, b.blocks...)
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Center,
		atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.Header,
		atom.Hgroup, atom.Html, atom.Legend, atom.Li, atom.Main, atom.Menu, atom.Nav,
		atom.Ol, atom.P, atom.Section, atom.Summary, atom.Ul, atom.Caption, atom.Tr,
		atom.Td, atom.Th, atom.Thead, atom.Tbody, atom.Tfoot, atom.Option, atom.Head:
		return true
	}
	return false
}

// isHidden reports whether an element is not rendered.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textContent returns the text under n, without recursion (n may be deep).
func textContent(n *html.Node) string {
	var sb strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			sb.WriteString(c.Data)
			continue
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Style, atom.Template:
				continue
			case atom.Script:
				if c != n {
					continue
				}
			case atom.Br:
				sb.WriteByte('\n')
			}
		}
		// Push children in reverse so they pop in order.
		var kids []*html.Node
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			kids = append(kids, k)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
	return sb.String()
}

// preText returns the text of a <pre>, keeping its line breaks.
func preText(n *html.Node) string {
	return strings.ReplaceAll(textContent(n), "\r\n", "\n")
}

// flatten rewrites a page without its inline and container elements:
// inline tags are dropped, containers become line breaks. Tables, lists,
// paragraphs and headings stay.
func flatten(text string) string {
	z := html.NewTokenizer(strings.NewReader(text))
	var sb strings.Builder
	sb.Grow(len(text))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return sb.String()
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
			tn, _ := z.TagName()
			a := atom.Lookup(tn)
			switch {
			case a == atom.Div || a == atom.Section || a == atom.Article || a == atom.Center ||
				a == atom.Blockquote || a == atom.Header || a == atom.Footer || a == atom.Nav ||
				a == atom.Main || a == atom.Aside || a == atom.Form || a == atom.Fieldset:
				sb.WriteString("<br>")
				continue
			case a == atom.Span || a == atom.Font || a == atom.B || a == atom.I || a == atom.U ||
				a == atom.S || a == atom.Strong || a == atom.Em || a == atom.A || a == atom.Small ||
				a == atom.Big || a == atom.Sup || a == atom.Sub || a == atom.Label || a == atom.Abbr ||
				a == atom.Code || a == atom.Var || a == atom.Cite || a == atom.Q || a == atom.Mark ||
				a == atom.Nobr || a == atom.Strike || a == atom.Tt || a == 0:
				continue
			}
		}
		sb.Write(raw)
	}
}
