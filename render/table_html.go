package render

import (
	"html/template"
	"strconv"
	"strings"
)

// The <table> element of a grid is written by hand rather than by
// html/template: a department's tables run to thousands of cells, and the
// template engine's reflection costs some 25 µs a row, five times the rest
// of the page. Every piece of report text goes through escapeText, which
// escapes what html/template escapes in text and in double-quoted
// attribute values (& < > " ' and NUL); attribute names, class names,
// ids and numbers are the package's own.

var htmlEscaper = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	`"`, "&#34;",
	"'", "&#39;",
	"\x00", "\uFFFD",
)

// escapeText escapes s for an HTML text node or a double-quoted attribute.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "&<>\"'\x00") {
		return s
	}
	return htmlEscaper.Replace(s)
}

// TableHTML is the <table> element of the grid: a visually hidden
// <caption>, the column widths, a <thead> (repeated on every printed page)
// whose cells carry scope and, for headers of two levels or more, ids
// that the body cells name in their headers attribute, and the <tbody>.
func (g *grid) TableHTML() template.HTML {
	var b strings.Builder
	b.Grow(256 + len(g.Body)*len(g.Cols)*48)
	b.WriteString("<table>\n<caption class=\"vh\">")
	b.WriteString(escapeText(g.Title))
	b.WriteString("</caption>\n<colgroup>")
	for _, c := range g.Cols {
		b.WriteString(`<col style="width:`)
		b.WriteString(c.pct)
		b.WriteString(`%">`)
	}
	b.WriteString("</colgroup>\n")
	ids := len(g.colHeads) > 0
	if len(g.Head) > 0 {
		b.WriteString("<thead>\n")
		for _, row := range g.Head {
			b.WriteString("<tr>")
			for _, c := range row {
				if c.Covered {
					continue
				}
				b.WriteString("<th")
				if ids && c.ID != "" {
					b.WriteString(` id="`)
					b.WriteString(c.ID)
					b.WriteByte('"')
				}
				b.WriteString(` scope="`)
				b.WriteString(c.Scope)
				b.WriteByte('"')
				if c.ColSpan > 1 {
					b.WriteString(` colspan="`)
					b.WriteString(strconv.Itoa(c.ColSpan))
					b.WriteByte('"')
				}
				if c.RowSpan > 1 {
					b.WriteString(` rowspan="`)
					b.WriteString(strconv.Itoa(c.RowSpan))
					b.WriteByte('"')
				}
				b.WriteByte('>')
				b.WriteString(escapeText(c.Text))
				b.WriteString("</th>")
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</thead>\n")
	}
	b.WriteString("<tbody>\n")
	for _, row := range g.Body {
		b.WriteString("<tr>")
		rowHead := ""
		for _, c := range row {
			if c.Header && !c.Covered {
				rowHead = c.ID
				break
			}
		}
		for j, c := range row {
			if c.Covered {
				continue
			}
			if c.Header {
				b.WriteString(`<th scope="row"`)
				if ids && c.ID != "" {
					b.WriteString(` id="`)
					b.WriteString(c.ID)
					b.WriteByte('"')
				}
				if c.Level > 0 {
					b.WriteString(` class="l`)
					b.WriteString(strconv.Itoa(c.Level))
					b.WriteByte('"')
				}
			} else {
				b.WriteString(`<td class="`)
				b.WriteString(c.Class())
				b.WriteByte('"')
				if ids && j < len(g.colHeads) {
					b.WriteString(` headers="`)
					b.WriteString(g.colHeads[j])
					if rowHead != "" {
						b.WriteByte(' ')
						b.WriteString(rowHead)
					}
					b.WriteByte('"')
				}
			}
			if c.ColSpan > 1 {
				b.WriteString(` colspan="`)
				b.WriteString(strconv.Itoa(c.ColSpan))
				b.WriteByte('"')
			}
			b.WriteByte('>')
			if c.Money != nil {
				appendMoney(&b, c.Money)
			} else {
				b.WriteString(escapeText(c.Text))
			}
			if c.Header {
				b.WriteString("</th>")
			} else {
				b.WriteString("</td>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>")
	return template.HTML(b.String())
}
