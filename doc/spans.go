package doc

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai"
)

// Spans is a table whose cells have been placed on a grid (HTML and DOCX
// tables, with their row and column spans): Occ[y][x] is the index in Cells
// of the cell covering row y, column x, or -1.
type Spans struct {
	Cells []Span
	Occ   [][]int
	Width int
	Title string // a caption, or ""
}

// Span is one cell placed at row Y, column X, spanning RowSpan rows and
// ColSpan columns (at least 1 each).
type Span struct {
	Y, X, ColSpan, RowSpan int
	Text                   string
}

// Blocks writes the table as it appears in a document: its title and note
// rows as text blocks (see peel), the rest as one grid. Every row becomes a
// line, appended to lines (the document's lines so far); Loc.Line of each
// block and cell indexes the result. It returns the lines and the blocks in
// order; the grid is the block with Grid set. A table with no text at all
// gives only its title, as text.
func (t *Spans) Blocks(lines []string) ([]string, []Block) {
	var blocks []Block
	text := func(s string) {
		lines = append(lines, s)
		blocks = append(blocks, Block{Text: s, Loc: gongkai.Loc{Line: len(lines)}})
	}
	empty := true
	for _, c := range t.Cells {
		if c.Text != "" {
			empty = false
			break
		}
	}
	if empty {
		if t.Title != "" {
			text(t.Title)
		}
		return lines, blocks
	}
	cellOf := func(y, x int) (int, bool) { // the cell at (y, x), and whether it starts there
		if x >= len(t.Occ[y]) || t.Occ[y][x] < 0 {
			return -1, false
		}
		i := t.Occ[y][x]
		return i, t.Cells[i].Y == y && t.Cells[i].X == x
	}
	top, bottom := peel(len(t.Occ), t.Width, func(y int) (cells []spanCell, coveredFromAbove bool) {
		for x := range t.Width {
			i, start := cellOf(y, x)
			switch {
			case i < 0:
			case !start:
				if t.Cells[i].Y < y {
					coveredFromAbove = true
				}
			default:
				c := t.Cells[i]
				cells = append(cells, spanCell{text: c.Text, cs: c.ColSpan, rs: c.RowSpan})
			}
		}
		return cells, coveredFromAbove
	})
	rowText := func(y int) {
		var parts []string
		for x := range t.Width {
			if i, start := cellOf(y, x); start && t.Cells[i].Text != "" {
				parts = append(parts, t.Cells[i].Text)
			}
		}
		text(strings.Join(parts, " "))
	}
	for y := range top {
		rowText(y)
	}
	g := &Grid{Title: t.Title}
	first := len(lines) + 1
	if t.Title != "" {
		lines = append(lines, t.Title)
	}
	line := make([]string, t.Width)
	for y := top; y < len(t.Occ)-bottom; y++ {
		ln := len(lines) + 1
		cells := make([]Cell, t.Width)
		for x := range t.Width {
			loc := gongkai.Loc{Line: ln}
			i, start := cellOf(y, x)
			line[x] = ""
			switch {
			case i < 0:
				cells[x] = Cell{Loc: loc}
			case start:
				s := t.Cells[i]
				c := Cell{Text: s.Text, Loc: loc}
				if s.ColSpan > 1 || s.RowSpan > 1 {
					c.ColSpan, c.RowSpan = s.ColSpan, s.RowSpan
				}
				cells[x] = c
				line[x] = c.Text
			default:
				cells[x] = Cell{Covered: true, Loc: loc}
			}
		}
		lines = append(lines, strings.Join(line, "\t"))
		g.Rows = append(g.Rows, Row{Cells: cells, Loc: gongkai.Loc{Line: ln}})
	}
	blocks = append(blocks, Block{Grid: g, Loc: gongkai.Loc{Line: first}})
	for y := len(t.Occ) - bottom; y < len(t.Occ); y++ {
		rowText(y)
	}
	return lines, blocks
}

// A table exported from a spreadsheet often carries its title, unit and
// table number in its first rows and its notes in its last ones, each a
// row with one cell (usually spanning the whole width). Those rows are
// read as Text blocks, as the XLSX reader reads them, so that the grid
// holds only the table.

// spanCell is a cell starting in a row.
type spanCell struct {
	text   string
	cs, rs int
}

var (
	unitRe    = regexp.MustCompile(`单位\s*[:：]|^\s*[（(]?\s*(万元|元|千元|亿元)\s*[)）]?\s*$`)
	tableNoRe = regexp.MustCompile(`^(附|部门|公开|预算|决算|收支)?表\s*[0-9０-９一二三四五六七八九十]+([-－—][0-9０-９]+)?$|^[^，。；\s]{0,6}[0-9０-９]+(-[0-9]+)?\s*表$`)
	noteRe    = regexp.MustCompile(`^\s*[（(]?(注|说明|备注|本表|本单位|本部门|填表|制表|数据来源|单位负责人|财务负责人|审核人|\*)|空表列示|无此项`)
)

// IsNoteLike reports whether a short cell beside a title names the unit or
// the table number.
func IsNoteLike(t string) bool {
	if utf8.RuneCountInString(t) > 40 {
		return false
	}
	return unitRe.MatchString(t) || tableNoRe.MatchString(strings.TrimSpace(t))
}

// IsNote reports whether the text of a row alone under a table is a note
// (注, 说明, 本表…, 单位负责人…, 空表列示 …).
func IsNote(t string) bool { return noteRe.MatchString(t) }

// peel returns how many leading rows are titles and how many trailing rows
// are notes, for a grid of h rows and width columns. row(y) lists the
// cells starting in row y, empty ones included, and tells whether a cell
// from an earlier row reaches into it. At least one row is left for the
// grid.
func peel(h, width int, row func(y int) ([]spanCell, bool)) (top, bottom int) {
	if width < 3 {
		return 0, 0
	}
	for top < h-1 {
		cells, covered := row(top)
		if covered || !isTitle(cells, width) {
			break
		}
		top++
	}
	for h-bottom-1 > top {
		cells, covered := row(h - bottom - 1)
		if covered || spansDown(cells) {
			break
		}
		cells = nonEmpty(cells)
		if len(cells) != 1 || !IsNote(cells[0].text) {
			break
		}
		bottom++
	}
	return top, bottom
}

func spansDown(cells []spanCell) bool {
	for _, c := range cells {
		if c.rs > 1 {
			return true
		}
	}
	return false
}

func nonEmpty(cells []spanCell) []spanCell {
	var out []spanCell
	for _, c := range cells {
		if c.text != "" {
			out = append(out, c)
		}
	}
	return out
}

func isTitle(cells []spanCell, width int) bool {
	if spansDown(cells) {
		return false
	}
	cells = nonEmpty(cells)
	switch n := len(cells); {
	case n == 1:
		return true
	case n <= 3 && width >= 2*n:
		for _, c := range cells {
			if IsNoteLike(c.text) {
				return true
			}
		}
	}
	return false
}
