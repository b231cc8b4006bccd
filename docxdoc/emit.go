package docxdoc

import (
	"strings"
	"unicode"

	"gongkai"
	"gongkai/doc"
)

// emitter turns items into lines and blocks.
type emitter struct {
	file     string
	maxCells int
	cells    int
	lines    []string
	blocks   []doc.Block
	err      error
}

func (e *emitter) items(items []item) {
	for _, it := range items {
		if e.err != nil {
			return
		}
		switch {
		case it.para != nil:
			e.para(it.para)
		case it.table != nil:
			e.table(it.table)
		}
	}
}

func (e *emitter) para(p *para) {
	for _, l := range strings.Split(p.text, "\n") {
		if l = normalize(l); l != "" {
			e.lines = append(e.lines, l)
			e.blocks = append(e.blocks, doc.Block{Text: l, Heading: p.heading, Loc: gongkai.Loc{Line: len(e.lines)}})
		}
	}
	e.items(p.nested)
}

// origin is a cell placed on the grid.
type origin struct {
	y, x, cs, rs int
	text         []string
	vmerge       bool // starts a vertical merge (vMerge="restart")
}

func (e *emitter) table(t *table) {
	occ, origins, width := e.place(t)
	if e.err != nil || len(origins) == 0 {
		return
	}
	layout := width <= 1
	for _, r := range t.rows {
		for _, c := range r.cells {
			for _, it := range c.items {
				if it.table != nil {
					layout = true
				}
			}
		}
	}
	if layout {
		for _, r := range t.rows {
			for _, c := range r.cells {
				e.items(c.items)
			}
		}
		return
	}
	sp := &doc.Spans{Occ: occ, Width: width}
	for _, o := range origins {
		sp.Cells = append(sp.Cells, doc.Span{Y: o.y, X: o.x, ColSpan: o.cs, RowSpan: o.rs, Text: strings.Join(o.text, " ")})
	}
	var blocks []doc.Block
	e.lines, blocks = sp.Blocks(e.lines)
	e.blocks = append(e.blocks, blocks...)
}

// place lays the cells of a table out on its grid: a cell starts at the
// column after the previous one (gridBefore skips columns), gridSpan widens
// it, a vMerge continuation cell extends a vMerge restart cell above it
// downward, a
// legacy hMerge continuation extends the cell to its left.
func (e *emitter) place(t *table) (occ [][]int, origins []*origin, width int) {
	occ = make([][]int, len(t.rows))
	at := func(y, x int) int {
		if y >= 0 && x >= 0 && x < len(occ[y]) {
			return occ[y][x]
		}
		return -1
	}
	used := 0
	set := func(y, x, v int) bool {
		for len(occ[y]) <= x {
			occ[y] = append(occ[y], -1)
			used++
			if e.cells+used > e.maxCells {
				e.err = gongkai.ImportErrorf(e.file, gongkai.ErrTooLarge, "表格展开合并单元格后超过 %d 个单元格", e.maxCells)
				return false
			}
		}
		occ[y][x] = v
		return true
	}
	for y, r := range t.rows {
		x := r.before
		for _, c := range r.cells {
			text := cellLines(c.items)
			cs := max(c.span, 1)
			if c.vmerge == vContinue {
				if idx := at(y-1, x); idx >= 0 {
					o := origins[idx]
					if o.vmerge && o.x == x && o.cs == cs && o.y+o.rs == y {
						o.rs++
						o.text = append(o.text, text...)
						for dx := range cs {
							if !set(y, x+dx, idx) {
								return nil, nil, 0
							}
						}
						x += cs
						continue
					}
				}
			}
			if c.hmerge == vContinue {
				if idx := at(y, x-1); idx >= 0 {
					o := origins[idx]
					if o.y == y && o.rs == 1 && o.x+o.cs == x {
						o.cs += cs
						o.text = append(o.text, text...)
						for dx := range cs {
							if !set(y, x+dx, idx) {
								return nil, nil, 0
							}
						}
						x += cs
						continue
					}
				}
			}
			idx := len(origins)
			origins = append(origins, &origin{y: y, x: x, cs: cs, rs: 1, text: text, vmerge: c.vmerge == vRestart})
			for dx := range cs {
				if !set(y, x+dx, idx) {
					return nil, nil, 0
				}
			}
			x += cs
		}
		for range r.after {
			if !set(y, x, -1) {
				return nil, nil, 0
			}
			x++
		}
	}
	for _, r := range occ {
		width = max(width, len(r))
	}
	e.cells += width * len(occ)
	if e.cells > e.maxCells {
		e.err = gongkai.ImportErrorf(e.file, gongkai.ErrTooLarge, "表格展开合并单元格后超过 %d 个单元格", e.maxCells)
		return nil, nil, 0
	}
	return occ, origins, width
}

// cellLines returns the visual lines of a cell's content, tabs turned into
// spaces.
func cellLines(items []item) []string {
	var out []string
	var walk func([]item)
	walk = func(items []item) {
		for _, it := range items {
			switch {
			case it.para != nil:
				for _, l := range strings.Split(it.para.text, "\n") {
					if l = normalize(strings.ReplaceAll(l, "\t", " ")); l != "" {
						out = append(out, l)
					}
				}
				walk(it.para.nested)
			case it.table != nil:
				for _, r := range it.table.rows {
					for _, c := range r.cells {
						walk(c.items)
					}
				}
			}
		}
	}
	walk(items)
	return out
}

// normalize collapses white space within one line: a run that holds a tab
// becomes one tab, any other run one space; the line is trimmed.
// Zero-width characters and control characters are dropped.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inSpace, hasTab := false, false
	for _, r := range s {
		switch {
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\uFEFF' || r == '\u00AD' || r == '\u2060':
			continue
		case r == '\t':
			inSpace, hasTab = true, true
			continue
		case unicode.IsSpace(r):
			inSpace = true
			continue
		case r < 0x20 || r == 0x7F:
			continue
		}
		if inSpace && b.Len() > 0 {
			if hasTab {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		}
		inSpace, hasTab = false, false
		b.WriteRune(r)
	}
	return b.String()
}
