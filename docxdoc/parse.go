package docxdoc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// item is one piece of the document body: a paragraph or a table.
type item struct {
	para  *para
	table *table
}

// para is a paragraph as read: its text (line breaks as '\n', tabs as
// '\t'), heading level, and the content of text boxes anchored in it.
type para struct {
	text    string
	heading int
	skip    bool // a table-of-contents entry
	nested  []item
}

type table struct {
	rows []trow
}

type trow struct {
	cells         []tcell
	before, after int // gridBefore, gridAfter
}

// tcell is one w:tc.
type tcell struct {
	span   int // gridSpan, ≥ 1
	vmerge int // 0 none, vRestart, vContinue
	hmerge int // legacy horizontal merge: 0 none, vRestart, vContinue
	items  []item
}

const (
	vRestart = 1 + iota
	vContinue
)

// parser reads word/document.xml token by token. Elements are matched by
// local name, so transitional and strict OOXML both work.
type parser struct {
	d     *xml.Decoder
	st    *styles
	num   *numbering
	depth int
}

var errNoBody = errors.New("没有找到正文（w:body）")

// parseDocument returns the items of the document body.
func parseDocument(data []byte, st *styles, num *numbering) ([]item, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	p := &parser{d: d, st: st, num: num}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil, errNoBody
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "body" {
			var items []item
			if err := p.children(func(c xml.StartElement) error { return p.block(c, &items) }); err != nil {
				return nil, err
			}
			return items, nil
		}
	}
}

// children calls visit for each child element of the element whose start
// tag was just read, and returns after its end tag. visit must consume the
// child entirely.
func (p *parser) children(visit func(xml.StartElement) error) error {
	p.depth++
	defer func() { p.depth-- }()
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p.depth > maxDepth {
				if err := p.d.Skip(); err != nil {
					return err
				}
				continue
			}
			if err := visit(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text returns the character data of the element just opened.
func (p *parser) text() (string, error) {
	var sb strings.Builder
	depth := 0
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return "", io.ErrUnexpectedEOF
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 0 {
				sb.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return sb.String(), nil
			}
			depth--
		}
	}
}

// sdt reads a content control: the content is visited unless the control
// is a table of contents.
func (p *parser) sdt(visit func(xml.StartElement) error) error {
	toc := false
	return p.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "sdtPr":
			return p.children(func(c xml.StartElement) error {
				if c.Name.Local == "docPartObj" || c.Name.Local == "docPartList" {
					return p.children(func(c xml.StartElement) error {
						if c.Name.Local == "docPartGallery" && strings.Contains(strings.ToLower(val(c)), "table of contents") {
							toc = true
						}
						return p.d.Skip()
					})
				}
				return p.d.Skip()
			})
		case "sdtContent":
			if toc {
				return p.d.Skip()
			}
			return p.children(visit)
		}
		return p.d.Skip()
	})
}

// alternate reads mc:AlternateContent: the first mc:Choice, else the
// mc:Fallback.
func (p *parser) alternate(visit func(xml.StartElement) error) error {
	done := false
	return p.children(func(c xml.StartElement) error {
		if done || (c.Name.Local != "Choice" && c.Name.Local != "Fallback") {
			return p.d.Skip()
		}
		done = true
		return p.children(visit)
	})
}

// block reads one element of a block container (body, cell, text box).
func (p *parser) block(c xml.StartElement, items *[]item) error {
	visit := func(c xml.StartElement) error { return p.block(c, items) }
	switch c.Name.Local {
	case "p":
		pa, err := p.paragraph()
		if err != nil {
			return err
		}
		if !pa.skip {
			*items = append(*items, item{para: pa})
		}
		*items = append(*items, pa.nested...)
		pa.nested = nil
		return nil
	case "tbl":
		t, err := p.table()
		if err != nil {
			return err
		}
		*items = append(*items, item{table: t})
		return nil
	case "sdt":
		return p.sdt(visit)
	case "AlternateContent":
		return p.alternate(visit)
	case "del", "moveFrom", "sectPr", "tblPr", "pPr", "rPr", "altChunk":
		return p.d.Skip()
	}
	// customXml, ins, moveTo, smartTag and unknown wrappers: look inside.
	return p.children(visit)
}

// paragraph reads a w:p.
func (p *parser) paragraph() (*para, error) {
	var (
		sb      strings.Builder
		pp      pProps
		nested  []item
		visitIn func(c xml.StartElement) error
	)
	pp.outline, pp.ilvl = -1, -1
	visitIn = func(c xml.StartElement) error {
		switch c.Name.Local {
		case "pPr":
			return p.pPr(&pp)
		case "r":
			return p.run(&sb, &nested)
		case "del", "moveFrom", "instrText", "delText", "delInstrText", "commentReference",
			"footnoteReference", "endnoteReference", "bookmarkStart", "bookmarkEnd", "proofErr":
			return p.d.Skip()
		case "sdt":
			return p.sdt(visitIn)
		case "AlternateContent":
			return p.alternate(visitIn)
		}
		// hyperlink, ins, moveTo, smartTag, fldSimple, customXml, bdo,
		// dir, oMath, …: runs inside are text.
		return p.children(visitIn)
	}
	if err := p.children(visitIn); err != nil {
		return nil, err
	}
	pa := &para{nested: nested}
	styleName := p.st.name(pp.style)
	if isTOCStyle(styleName) {
		pa.skip = true
		return pa, nil
	}
	pa.heading = p.st.heading(pp.style, pp.outline)
	numID, ilvl := pp.numID, pp.ilvl
	if !pp.hasNum {
		numID, ilvl = p.st.numbering(pp.style)
	}
	if ilvl < 0 {
		ilvl = 0
	}
	label := p.num.label(numID, ilvl)
	pa.text = label + sb.String()
	return pa, nil
}

// pProps are the paragraph properties the reader uses.
type pProps struct {
	style   string
	outline int // -1 when not set
	hasNum  bool
	numID   string
	ilvl    int
}

func (p *parser) pPr(pp *pProps) error {
	return p.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "pStyle":
			pp.style = val(c)
		case "outlineLvl":
			if n, err := strconv.Atoi(val(c)); err == nil {
				pp.outline = n
			}
		case "numPr":
			pp.hasNum = true
			return p.children(func(c xml.StartElement) error {
				switch c.Name.Local {
				case "numId":
					pp.numID = val(c)
				case "ilvl":
					if n, err := strconv.Atoi(val(c)); err == nil {
						pp.ilvl = n
					}
				}
				return p.d.Skip()
			})
		}
		return p.d.Skip()
	})
}

// run reads a w:r (or m:r) into sb; text boxes inside go to nested.
func (p *parser) run(sb *strings.Builder, nested *[]item) error {
	hidden := false
	return p.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "rPr":
			return p.children(func(c xml.StartElement) error {
				if c.Name.Local == "vanish" || c.Name.Local == "webHidden" || c.Name.Local == "specVanish" {
					hidden = isOn(c)
				}
				return p.d.Skip()
			})
		case "t":
			s, err := p.text()
			if !hidden {
				sb.WriteString(s)
			}
			return err
		case "tab", "ptab":
			if !hidden {
				sb.WriteByte('\t')
			}
		case "br", "cr":
			if !hidden {
				sb.WriteByte('\n')
			}
		case "noBreakHyphen":
			if !hidden {
				sb.WriteByte('-')
			}
		case "drawing", "pict", "object", "AlternateContent":
			return p.textBoxes(c, nested)
		}
		return p.d.Skip()
	})
}

// textBoxes finds the text boxes inside a drawing and reads their content.
func (p *parser) textBoxes(start xml.StartElement, nested *[]item) error {
	var visit func(c xml.StartElement) error
	visit = func(c xml.StartElement) error {
		switch c.Name.Local {
		case "txbxContent":
			return p.children(func(c xml.StartElement) error { return p.block(c, nested) })
		case "AlternateContent":
			return p.alternate(visit)
		}
		return p.children(visit)
	}
	if start.Name.Local == "AlternateContent" {
		return p.alternate(visit)
	}
	return p.children(visit)
}

// table reads a w:tbl.
func (p *parser) table() (*table, error) {
	t := &table{}
	var visit func(c xml.StartElement) error
	visit = func(c xml.StartElement) error {
		switch c.Name.Local {
		case "tr":
			r, err := p.row()
			if err != nil {
				return err
			}
			if r != nil {
				t.rows = append(t.rows, *r)
			}
			return nil
		case "sdt":
			return p.sdt(visit)
		case "customXml", "ins", "moveTo":
			return p.children(visit)
		}
		return p.d.Skip()
	}
	return t, p.children(visit)
}

// row reads a w:tr; a row deleted by tracked changes is nil.
func (p *parser) row() (*trow, error) {
	r := &trow{}
	deleted := false
	var visit func(c xml.StartElement) error
	visit = func(c xml.StartElement) error {
		switch c.Name.Local {
		case "trPr":
			return p.children(func(c xml.StartElement) error {
				switch c.Name.Local {
				case "gridBefore":
					r.before = atoiClamp(val(c), 0, 1000)
				case "gridAfter":
					r.after = atoiClamp(val(c), 0, 1000)
				case "del":
					deleted = true
				}
				return p.d.Skip()
			})
		case "tc":
			cell, err := p.cell()
			if err != nil {
				return err
			}
			r.cells = append(r.cells, cell)
			return nil
		case "sdt":
			return p.sdt(visit)
		case "customXml", "ins", "moveTo":
			return p.children(visit)
		}
		return p.d.Skip()
	}
	if err := p.children(visit); err != nil {
		return nil, err
	}
	if deleted {
		return nil, nil
	}
	return r, nil
}

// cell reads a w:tc.
func (p *parser) cell() (tcell, error) {
	c := tcell{span: 1}
	err := p.children(func(e xml.StartElement) error {
		if e.Name.Local != "tcPr" {
			return p.block(e, &c.items)
		}
		return p.children(func(e xml.StartElement) error {
			switch e.Name.Local {
			case "gridSpan":
				c.span = atoiClamp(val(e), 1, 1000)
			case "vMerge":
				c.vmerge = mergeKind(e)
			case "hMerge":
				c.hmerge = mergeKind(e)
			}
			return p.d.Skip()
		})
	})
	return c, err
}

// mergeKind reads vMerge/hMerge: val="restart" starts a merge, no val (or
// "continue") continues one.
func mergeKind(e xml.StartElement) int {
	if strings.EqualFold(val(e), "restart") {
		return vRestart
	}
	return vContinue
}

// val returns the w:val attribute of an element.
func val(e xml.StartElement) string {
	for _, a := range e.Attr {
		if a.Name.Local == "val" {
			return a.Value
		}
	}
	return ""
}

// isOn reads a boolean property: present means on unless val says false.
func isOn(e xml.StartElement) bool {
	switch strings.ToLower(val(e)) {
	case "0", "false", "off":
		return false
	}
	return true
}

func atoiClamp(s string, lo, hi int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < lo {
		return lo
	}
	return min(n, hi)
}
