package render

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"gongkai"
	"gongkai/reportjson"
)

//go:embed assets/report.html
var pageTemplate string

//go:embed assets/report.css
var pageCSS string

var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"join": func(s []string) string { return strings.Join(s, " ") },
}).Parse(pageTemplate + `{{define "css"}}` + pageCSS + `{{end}}`))

// ReportElementID is the id of the <script type="application/json"> element
// that carries the sealed report in a page (see package htmldoc).
const ReportElementID = "gongkai-report"

// htmlPage is what the page template reads.
type htmlPage struct {
	Title  string
	Blocks []block
	TOC    []tocEntry
	TOCAt  int // the TOC follows this block; -1 for none
	Sealed template.JS
}

type tocEntry struct {
	ID, Text, Class string
}

// HTML writes r as one self-contained HTML page: inline styles, no
// external requests, fonts by family name, a print style sheet for A4 and
// the report itself, sealed (reportjson.Seal), in
// <script type="application/json" id="gongkai-report">. All text from the
// report is escaped.
func HTML(r *gongkai.Report) ([]byte, error) {
	sealed, err := reportjson.Seal(r)
	if err != nil {
		return nil, err
	}
	return htmlWithSeal(r, sealed)
}

// htmlWithSeal writes the page with the given sealed data (which must be
// the output of reportjson.Seal: it is inserted as is).
func htmlWithSeal(r *gongkai.Report, sealed []byte) ([]byte, error) {
	d := layout(r)
	p := htmlPage{Blocks: d.Blocks, TOCAt: -1, Sealed: template.JS(sealed)}
	if d.TitleBlock >= 0 {
		p.Title = compactSpaces(d.Blocks[d.TitleBlock].Text)
	}
	if p.Title == "" {
		p.Title = "部门" + r.Kind.Chinese() + "公开"
	}
	p.TOC, p.TOCAt = toc(d)
	var buf bytes.Buffer
	buf.Grow(8192 + len(sealed) + 64*countCells(d))
	if err := pageTmpl.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("render: HTML: %w", err)
	}
	return buf.Bytes(), nil
}

// toc lists the headings and tables after the title, and says after which
// block the table of contents goes: after the title and the lines that
// follow it up to the first heading or table.
func toc(d *document) ([]tocEntry, int) {
	var out []tocEntry
	for i, b := range d.Blocks {
		if i <= d.TitleBlock {
			continue
		}
		// Entries are printed without inner spaces ("第一部分部门概况",
		// "2024年部门收支总表（预算01表）"): lines that share a prefix and a
		// gap read as a table to a PDF reader.
		switch {
		case b.Table != nil:
			t := joinCJK(b.Table.Title)
			if n := b.Table.Number; n != "" && !strings.Contains(t, n) {
				t += "（" + n + "）"
			}
			out = append(out, tocEntry{ID: b.ID, Text: t, Class: "tb"})
		case b.Heading == 2:
			out = append(out, tocEntry{ID: b.ID, Text: joinCJK(b.Text), Class: "l2"})
		case b.Heading == 3:
			out = append(out, tocEntry{ID: b.ID, Text: joinCJK(b.Text), Class: "l3"})
		}
	}
	if len(out) < 2 {
		return nil, -1
	}
	at := d.TitleBlock
	for i := d.TitleBlock + 1; i < len(d.Blocks); i++ {
		if d.Blocks[i].Heading > 0 || d.Blocks[i].Table != nil {
			break
		}
		at = i
	}
	if at < 0 {
		at = -1
	}
	return out, at
}

func countCells(d *document) int {
	n := 0
	for _, b := range d.Blocks {
		if b.Table != nil {
			n += len(b.Table.Body) * len(b.Table.Cols)
		}
	}
	return n
}

func compactSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// Class is the CSS class of a body cell.
func (c gcell) Class() string {
	switch c.Kind {
	case colMoney:
		return "num"
	case colCode:
		return "code"
	}
	return "txt"
}

// Pct is the column's share of the table width, in percent.
func (c gcol) Pct() string { return c.pct }

// PrintClass is the CSS class that sets the table's printed font size and
// page orientation.
func (g *grid) PrintClass() string {
	c := "fs" + strconv.Itoa(g.FontPt)
	if g.Landscape {
		c += " wide"
	}
	return c
}
