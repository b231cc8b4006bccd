package htmldoc

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A table exported from a spreadsheet often carries its title, unit and
// table number in its first rows and its notes in its last ones, each a
// row with one cell (usually spanning the whole width). Those rows are
// read as Text blocks, as the XLSX reader reads them, so that the grid
// holds only the table.

// peelCell is a cell starting in a row.
type peelCell struct {
	text   string
	cs, rs int
}

var (
	unitRe    = regexp.MustCompile(`单位\s*[:：]|^\s*[（(]?\s*(万元|元|千元|亿元)\s*[)）]?\s*$`)
	tableNoRe = regexp.MustCompile(`^(附|部门|公开|预算|决算|收支)?表\s*[0-9０-９一二三四五六七八九十]+([-－—][0-9０-９]+)?$|^[^，。；\s]{0,6}[0-9０-９]+(-[0-9]+)?\s*表$`)
	noteRe    = regexp.MustCompile(`^\s*[（(]?(注|说明|备注|本表|本单位|本部门|填表|制表|数据来源|单位负责人|财务负责人|审核人|\*)|空表列示|无此项`)
)

// isNoteLike reports whether a short cell beside a title names the unit or
// the table number.
func isNoteLike(t string) bool {
	if utf8.RuneCountInString(t) > 40 {
		return false
	}
	return unitRe.MatchString(t) || tableNoRe.MatchString(strings.TrimSpace(t))
}

// peel returns how many leading rows are titles and how many trailing rows
// are notes, for a grid of h rows and width columns. row(y) lists the
// cells starting in row y, empty ones included, and tells whether a cell
// from an earlier row reaches into it. At least one row is left for the
// grid.
func peel(h, width int, row func(y int) ([]peelCell, bool)) (top, bottom int) {
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
		if len(cells) != 1 || !noteRe.MatchString(cells[0].text) {
			break
		}
		bottom++
	}
	return top, bottom
}

func spansDown(cells []peelCell) bool {
	for _, c := range cells {
		if c.rs > 1 {
			return true
		}
	}
	return false
}

func nonEmpty(cells []peelCell) []peelCell {
	var out []peelCell
	for _, c := range cells {
		if c.text != "" {
			out = append(out, c)
		}
	}
	return out
}

func isTitle(cells []peelCell, width int) bool {
	if spansDown(cells) {
		return false
	}
	cells = nonEmpty(cells)
	switch n := len(cells); {
	case n == 1:
		return true
	case n <= 3 && width >= 2*n:
		for _, c := range cells {
			if isNoteLike(c.text) {
				return true
			}
		}
	}
	return false
}
