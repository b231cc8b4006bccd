package textdoc

import (
	"regexp"
	"strings"

	"gongkai"
	"gongkai/doc"
	"gongkai/internal/runeset"
)

// split turns lines into blocks: grids for table layouts, text for the rest.
func split(lines []string) []doc.Block {
	var out []doc.Block
	for i := 0; i < len(lines); {
		switch {
		case isBlank(lines[i]):
			i++
		case isPipeRow(lines[i]):
			var bs []doc.Block
			bs, i = pipeTable(lines, i)
			out = append(out, bs...)
		case startsVertical(lines, i):
			if bs, next, ok := verticalTable(lines, i); ok {
				out = append(out, bs...)
				i = next
				continue
			}
			out = append(out, textBlock(lines, i))
			i++
		case isTabRow(lines[i]):
			var bs []doc.Block
			bs, i = tabTable(lines, i)
			out = append(out, bs...)
		default:
			out = append(out, textBlock(lines, i))
			i++
		}
	}
	return out
}

func isBlank(s string) bool { return runeset.TrimSpace(s) == "" }

func loc(i int) gongkai.Loc { return gongkai.Loc{Line: i + 1} }

func textBlock(lines []string, i int) doc.Block {
	t := runeset.TrimSpace(lines[i])
	h := 0
	if m := mdHeadingMatch(t); m != nil {
		h = len(m[1])
		t = runeset.TrimSpace(t[len(m[0]):])
	}
	return doc.Block{Text: t, Heading: h, Loc: loc(i)}
}

var mdHeading = regexp.MustCompile(`^(#{1,6})\s+`)

// mdHeadingMatch is mdHeading.FindStringSubmatch, for lines that start with #.
func mdHeadingMatch(t string) []string {
	if !strings.HasPrefix(t, "#") {
		return nil
	}
	return mdHeading.FindStringSubmatch(t)
}

// isTabRow reports whether a line is a row of tab-separated cells.
func isTabRow(s string) bool {
	return strings.Contains(s, "\t") && !isBlank(s)
}

// tabCells splits a tab row into trimmed cells, appended to parts.
func tabCells(parts []string, s string) []string {
	for {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			parts = append(parts, runeset.TrimSpace(s))
			break
		}
		parts = append(parts, runeset.TrimSpace(s[:i]))
		s = s[i+1:]
	}
	// Drop trailing empty cells; they only pad the row.
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// countNonEmpty returns the number of non-empty cells and the first of them.
func countNonEmpty(cells []string) (int, string) {
	n, first := 0, ""
	for _, c := range cells {
		if c != "" {
			if n == 0 {
				first = c
			}
			n++
		}
	}
	return n, first
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// titleLike matches the lines around a table that are not rows of it: table
// numbers, titles, unit lines and notes.
var titleLike = regexp.MustCompile(`^(<b>)?\s*(` +
	`(预算|公开|决算)?\s*\d{1,2}\s*表|表[一二三四五六七八九十]+|` +
	`.*(单位|金额单位)\s*[:：]|` +
	`(备注|注|说明)\s*[:：]|` +
	`.{2,60}表\s*(</b>)?$|` +
	`.{0,40}年.{0,40}表\s*(\(|（)|` +
	`\(\s*\d{4}\s*年度?\s*\)|（\s*\d{4}\s*年度?\s*）)`)

// IsTitleLike reports whether a one-cell line is a table title, number, unit line or note.
func IsTitleLike(s string) bool {
	return titleLike.MatchString(runeset.TrimSpace(s))
}

// tabTable reads a run of tab rows starting at i (blank lines inside the run
// are skipped). One-cell rows that are titles or notes become text blocks
// and cut the run into several grids.
func tabTable(lines []string, i int) ([]doc.Block, int) {
	var out []doc.Block
	var g *doc.Grid
	var gloc gongkai.Loc
	var cells []string // the cells of the row, reused
	flush := func() {
		if g != nil && len(g.Rows) > 0 {
			out = append(out, doc.Block{Grid: g, Loc: gloc})
		}
		g = nil
	}
	for ; i < len(lines); i++ {
		s := lines[i]
		if isBlank(s) {
			// A blank line continues the run only if a tab row follows.
			j := i + 1
			for j < len(lines) && isBlank(lines[j]) {
				j++
			}
			if j < len(lines) && isTabRow(lines[j]) && !startsVertical(lines, j) {
				continue
			}
			break
		}
		if !isTabRow(s) {
			break
		}
		cells = tabCells(cells[:0], s)
		ne, first := countNonEmpty(cells)
		if ne == 1 && IsTitleLike(first) {
			flush()
			out = append(out, doc.Block{Text: stripTags(first), Loc: loc(i)})
			continue
		}
		if ne == 0 {
			continue
		}
		if g == nil {
			g = &doc.Grid{}
			gloc = loc(i)
		}
		row := doc.Row{Loc: loc(i), Cells: make([]doc.Cell, len(cells))}
		for k, c := range cells {
			row.Cells[k] = doc.Cell{Text: c, Loc: loc(i)}
		}
		g.Rows = append(g.Rows, row)
	}
	flush()
	return out, i
}

var unitLine = regexp.MustCompile(`^(金额)?单位\s*[:：]`)

var tags = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)

func stripTags(s string) string { return runeset.TrimSpace(tags.ReplaceAllString(s, "")) }

// Pipe tables.

func isPipeRow(s string) bool {
	t := runeset.TrimSpace(s)
	return len(t) > 2 && strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && strings.Count(t, "|") >= 3
}

var pipeRule = regexp.MustCompile(`^\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$`)

func pipeTable(lines []string, i int) ([]doc.Block, int) {
	g := &doc.Grid{}
	start := i
	for ; i < len(lines) && isPipeRow(lines[i]); i++ {
		t := runeset.TrimSpace(lines[i])
		if pipeRule.MatchString(t) {
			continue
		}
		parts := strings.Split(strings.Trim(t, "|"), "|")
		row := doc.Row{Loc: loc(i)}
		for _, p := range parts {
			row.Cells = append(row.Cells, doc.Cell{Text: runeset.TrimSpace(p), Loc: loc(i)})
		}
		g.Rows = append(g.Rows, row)
	}
	return []doc.Block{{Grid: g, Loc: loc(start)}}, i
}

// Vertical tables: one cell per line, each indented by a tab, blank lines between rows.

func isVCell(s string) bool {
	return strings.HasPrefix(s, "\t") && !strings.Contains(s[1:], "\t")
}

// startsVertical reports whether a vertical table starts at line i: the line
// is a lone-tab cell (or an unindented first cell followed directly by one)
// and at least two rows of two or more cells follow.
func startsVertical(lines []string, i int) bool {
	if !isVCell(lines[i]) && !(i+1 < len(lines) && !isBlank(lines[i]) && !isTabRow(lines[i]) && isVCell(lines[i+1])) {
		return false
	}
	rows, _ := verticalRows(lines, i)
	multi := 0
	for _, r := range rows {
		if len(r.cells) >= 2 {
			multi++
		}
	}
	return multi >= 2
}

type vrow struct {
	cells []string
	locs  []int
	text  bool // a caption line inside the layout, not a row
}

// verticalRows reads groups of cell lines starting at i until the layout ends.
func verticalRows(lines []string, i int) ([]vrow, int) {
	var rows []vrow
	var cur *vrow
	for ; i < len(lines); i++ {
		s := lines[i]
		if isBlank(s) && !isVCell(s) {
			cur = nil
			continue
		}
		if isVCell(s) {
			if cur == nil {
				rows = append(rows, vrow{})
				cur = &rows[len(rows)-1]
			}
			cur.cells = append(cur.cells, runeset.TrimSpace(s))
			cur.locs = append(cur.locs, i)
			continue
		}
		if isTabRow(s) {
			break
		}
		// An unindented line: the first cell of a row if a cell line follows
		// directly, the continuation of the previous cell inside a row.
		if cur != nil && len(cur.cells) > 0 {
			cur.cells[len(cur.cells)-1] += runeset.TrimSpace(s)
			continue
		}
		if i+1 < len(lines) && isVCell(lines[i+1]) {
			t := runeset.TrimSpace(s)
			if strings.ContainsAny(t, ":：") {
				// "部门编码及名称：…" above the header: a caption.
				rows = append(rows, vrow{cells: []string{t}, locs: []int{i}, text: true})
				continue
			}
			rows = append(rows, vrow{cells: []string{t}, locs: []int{i}})
			cur = &rows[len(rows)-1]
			continue
		}
		break
	}
	// Drop trailing rows with no text at all.
	for len(rows) > 0 && len(nonEmpty(rows[len(rows)-1].cells)) == 0 {
		rows = rows[:len(rows)-1]
	}
	return mergeShortRows(rows), i
}

// mergeShortRows joins rows that blank lines cut in two: when most rows have
// W cells, a shorter row followed by one that fills it up to W is one row.
func mergeShortRows(rows []vrow) []vrow {
	count := map[int]int{}
	for _, r := range rows {
		if !r.text && len(r.cells) >= 2 {
			count[len(r.cells)]++
		}
	}
	w, best := 0, 0
	for n, c := range count {
		if c > best || (c == best && n > w) {
			w, best = n, c
		}
	}
	var out []vrow
	for k := 0; k < len(rows); k++ {
		r := rows[k]
		for !r.text && len(r.cells) < w && k+1 < len(rows) && !rows[k+1].text &&
			len(r.cells)+len(rows[k+1].cells) <= w && !isTitleGroup(r.cells) && !isTitleGroup(rows[k+1].cells) {
			r.cells = append(append([]string(nil), r.cells...), rows[k+1].cells...)
			r.locs = append(append([]int(nil), r.locs...), rows[k+1].locs...)
			k++
		}
		out = append(out, r)
	}
	return out
}

func verticalTable(lines []string, i int) ([]doc.Block, int, bool) {
	rows, next := verticalRows(lines, i)
	var out []doc.Block
	var g *doc.Grid
	flush := func() {
		if g != nil && len(g.Rows) > 0 {
			out = append(out, doc.Block{Grid: g, Loc: g.Rows[0].Loc})
		}
		g = nil
	}
	for _, r := range rows {
		ne := nonEmpty(r.cells)
		if len(ne) == 0 {
			continue
		}
		if r.text || isTitleGroup(r.cells) {
			flush()
			for k, c := range r.cells {
				if c != "" {
					out = append(out, doc.Block{Text: c, Loc: loc(r.locs[k])})
				}
			}
			continue
		}
		if g == nil {
			g = &doc.Grid{}
		}
		row := doc.Row{Loc: loc(r.locs[0])}
		for k, c := range r.cells {
			row.Cells = append(row.Cells, doc.Cell{Text: c, Loc: loc(r.locs[k])})
		}
		g.Rows = append(g.Rows, row)
	}
	flush()
	return out, next, len(out) > 0
}

// isTitleGroup reports whether a group of lines is a title, unit line or note
// rather than a row: every non-empty cell is title-like, or it names the unit.
func isTitleGroup(cells []string) bool {
	ne := nonEmpty(cells)
	if len(ne) > 3 {
		return false
	}
	for _, c := range ne {
		if unitLine.MatchString(c) {
			return true
		}
	}
	for _, c := range ne {
		if !IsTitleLike(c) {
			return false
		}
	}
	return true
}

// Regrid finds runs of text blocks that are tab-separated rows (a table
// typed with tabs in a word processor) and reads them as grids, the way
// plain text is read. Other blocks are kept as they are.
func Regrid(blocks []doc.Block) []doc.Block {
	var out []doc.Block
	for i := 0; i < len(blocks); {
		if blocks[i].IsGrid() || !isTabRow(blocks[i].Text) {
			out = append(out, blocks[i])
			i++
			continue
		}
		j := i
		for j < len(blocks) && !blocks[j].IsGrid() && isTabRow(blocks[j].Text) {
			j++
		}
		if j-i < 2 {
			out = append(out, blocks[i])
			i++
			continue
		}
		lines := make([]string, j-i)
		for k := i; k < j; k++ {
			lines[k-i] = blocks[k].Text
		}
		for _, b := range split(lines) {
			// Map the run's line numbers back to the blocks' own places.
			b.Loc = blocks[i+b.Loc.Line-1].Loc
			if b.Grid != nil {
				for r := range b.Grid.Rows {
					src := blocks[i+b.Grid.Rows[r].Loc.Line-1].Loc
					b.Grid.Rows[r].Loc = src
					for c := range b.Grid.Rows[r].Cells {
						b.Grid.Rows[r].Cells[c].Loc = src
					}
				}
			}
			out = append(out, b)
		}
		i = j
	}
	return out
}
