// Package doc is the form every importer reads a file into before the
// disclosure in it is recognised: a sequence of blocks, each either a piece
// of running text or a grid of cells, with the place each came from.
//
// Importers (text, PDF, HTML, XLSX, DOCX) know the file format and nothing of
// budgets; package extract knows budgets and nothing of file formats.
package doc

import (
	"fmt"
	"strings"

	"gongkai"
)

// Document is one file read into blocks.
type Document struct {
	File   string // the name the user gave
	Format string // text, html, pdf, xlsx, docx
	// Lines is the text of the file as the importer read it, line by line;
	// Loc.Line of every block indexes it (1-based). Findings quote from it.
	Lines  []string
	Blocks []Block
	// Embedded is machine-readable report data the file carries (a report
	// that gongkai wrote), or nil.
	Embedded []byte
	// Pages is the number of pages (PDF) or sheets (XLSX); 0 when not paged.
	Pages int
}

// Block is a paragraph of text (Grid == nil) or a grid of cells.
type Block struct {
	Text string
	// Heading is the heading level the format gives the text (1 for the
	// largest), 0 when unknown or not a heading.
	Heading int
	Grid    *Grid
	Loc     gongkai.Loc
}

// IsGrid reports whether b is a grid.
func (b Block) IsGrid() bool { return b.Grid != nil }

// Grid is a table as laid out: rows of cells aligned in columns. A cell that
// spans several columns or rows appears once, at its top-left position; the
// positions it covers hold cells with Covered set, so that column i of every
// row is the same column of the printed table.
type Grid struct {
	Rows []Row
	// Title is a caption the format attaches to the grid (HTML <caption>, a
	// sheet name), or "".
	Title string
}

// Row is one row of a grid.
type Row struct {
	Cells []Cell
	Loc   gongkai.Loc
}

// Cell is one cell of a grid.
type Cell struct {
	Text    string
	Loc     gongkai.Loc
	ColSpan int  // 0 or 1 for an ordinary cell
	RowSpan int  // 0 or 1 for an ordinary cell
	Covered bool // part of a span that starts elsewhere
	// Number is set when the format stores the cell as a number (XLSX):
	// its exact decimal text, e.g. "1234.5". Text is then the displayed form.
	Number string
}

// Width returns the number of columns of the widest row.
func (g *Grid) Width() int {
	w := 0
	for _, r := range g.Rows {
		if len(r.Cells) > w {
			w = len(r.Cells)
		}
	}
	return w
}

// Texts returns the cell texts of row i, padded to the grid width.
func (g *Grid) Texts(i int) []string {
	out := make([]string, g.Width())
	for j, c := range g.Rows[i].Cells {
		out[j] = c.Text
	}
	return out
}

// Dump prints d compactly, for tests and debugging: one line per text
// block, a header and one line per row for grids. A covered cell prints as
// "^", a spanning one as text{cs×rs}, a number stored apart from its text
// as text=number (text# when they are the same); a location with a cell
// reference (XLSX) prints it after the line.
func (d *Document) Dump() string {
	var sb strings.Builder
	at := func(l gongkai.Loc) string {
		if l.Cell != "" {
			return fmt.Sprintf("%d %s", l.Line, l.Cell)
		}
		return fmt.Sprint(l.Line)
	}
	for _, b := range d.Blocks {
		if b.Grid == nil {
			fmt.Fprintf(&sb, "%s T%d %s\n", at(b.Loc), b.Heading, b.Text)
			continue
		}
		fmt.Fprintf(&sb, "%s GRID %q\n", at(b.Loc), b.Grid.Title)
		for _, r := range b.Grid.Rows {
			var cs []string
			for _, c := range r.Cells {
				t := c.Text
				if c.Number != "" && c.Number != c.Text {
					t += "=" + c.Number
				} else if c.Number != "" {
					t += "#"
				}
				switch {
				case c.Covered:
					cs = append(cs, "^")
				case c.ColSpan > 1 || c.RowSpan > 1:
					cs = append(cs, fmt.Sprintf("%s{%d×%d}", t, c.ColSpan, c.RowSpan))
				default:
					cs = append(cs, t)
				}
			}
			fmt.Fprintf(&sb, "%d | %s\n", r.Loc.Line, strings.Join(cs, " | "))
		}
	}
	return sb.String()
}
