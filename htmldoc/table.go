package htmldoc

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gongkai"
	"gongkai/doc"
)

// spec is one <td>/<th> as written: its node and the spans it asks for.
type spec struct {
	node   *html.Node
	cs, rs int
}

// origin is a cell placed in the grid.
type origin struct {
	y, x, cs, rs int
	node         *html.Node
}

// table reads one <table>: a Grid for a data table, Text blocks (and the
// Grids of inner tables) for a layout table.
func (b *builder) table(t *html.Node, depth int) {
	caption, rows := tableParts(t)
	var specs [][]spec
	nested := false
	for _, r := range rows {
		var row []spec
		for _, c := range r {
			row = append(row, spec{node: c, cs: spanAttr(c, "colspan", maxColSpan), rs: spanAttr(c, "rowspan", maxRowSpan)})
			if !nested && hasTable(c) {
				nested = true
			}
		}
		specs = append(specs, row)
	}
	occ, origins, width, ok := b.place(specs)
	if !ok {
		return
	}
	if nested || width <= 1 || b.sub {
		// A layout table (or a table inside a cell we are flattening):
		// read it as running text, each cell a block.
		if caption != nil {
			b.walk(caption, depth+1)
			b.flush()
		}
		for _, r := range rows {
			for _, c := range r {
				b.walk(c, depth+1)
				b.flush()
			}
		}
		return
	}

	// Texts of the cells, each gathered by a sub-builder.
	sp := &doc.Spans{Occ: occ, Width: width}
	for _, o := range origins {
		sp.Cells = append(sp.Cells, doc.Span{Y: o.y, X: o.x, ColSpan: o.cs, RowSpan: o.rs, Text: b.cellText(o.node, depth)})
	}
	if caption != nil {
		sp.Title = b.cellText(caption, depth)
	}
	var blocks []doc.Block
	b.lines, blocks = sp.Blocks(b.lines)
	for _, bl := range blocks {
		if bl.Grid == nil && b.sub {
			continue // a sub-builder keeps the lines only, as addText does
		}
		b.blocks = append(b.blocks, bl)
	}
}

// place lays the cells out on a grid by the HTML table model: each cell
// goes to the first free column of its row, spans claim the positions below
// and to the right. Overlapping spans (a table model error) are cut short
// so that every position belongs to one cell. It returns, per row, the
// index into origins of the cell at each position (-1 for none).
func (b *builder) place(specs [][]spec) (occ [][]int, origins []origin, width int, ok bool) {
	occ = make([][]int, len(specs))
	at := func(y, x int) int {
		if x < len(occ[y]) {
			return occ[y][x]
		}
		return -1
	}
	set := func(y, x, v int) {
		for len(occ[y]) <= x {
			occ[y] = append(occ[y], -1)
		}
		occ[y][x] = v
	}
	root := b.root()
	used := 0
	tooLarge := func() {
		root.fail(gongkai.ImportErrorf(b.file, gongkai.ErrTooLarge,
			"表格展开合并单元格后超过 %d 个单元格", MaxCells))
	}
	for y, row := range specs {
		x := 0
		for _, s := range row {
			for at(y, x) >= 0 {
				x++
			}
			cs := 1
			for cs < s.cs && at(y, x+cs) < 0 {
				cs++
			}
			rs := s.rs
			if rs == 0 || y+rs > len(specs) {
				rs = len(specs) - y // rowspan="0" and overlong spans end with the table
			}
			for dy := 1; dy < rs; dy++ {
				free := true
				for dx := range cs {
					if at(y+dy, x+dx) >= 0 {
						free = false
						break
					}
				}
				if !free {
					rs = dy
					break
				}
			}
			used += cs * rs
			if root.cells+used > MaxCells {
				tooLarge()
				return nil, nil, 0, false
			}
			idx := len(origins)
			origins = append(origins, origin{y: y, x: x, cs: cs, rs: rs, node: s.node})
			for dy := range rs {
				for dx := range cs {
					set(y+dy, x+dx, idx)
				}
			}
			x += cs
		}
	}
	for _, r := range occ {
		width = max(width, len(r))
	}
	root.cells += width * len(occ)
	if root.cells > MaxCells {
		tooLarge()
		return nil, nil, 0, false
	}
	return occ, origins, width, len(origins) > 0
}

func (b *builder) root() *builder {
	for b.parent != nil {
		b = b.parent
	}
	return b
}

func (b *builder) fail(err error) {
	if r := b.root(); r.err == nil {
		r.err = err
	}
}

// cellText returns the text of a cell: its visual lines joined by a space.
func (b *builder) cellText(n *html.Node, depth int) string {
	sub := &builder{file: b.file, sub: true, parent: b}
	sub.walkChildren(n, depth)
	sub.flush()
	return strings.Join(sub.lines, " ")
}

// tableParts returns a table's caption and its rows of cells, in source
// order, without descending into nested tables.
func tableParts(t *html.Node) (caption *html.Node, rows [][]*html.Node) {
	addRow := func(tr *html.Node) {
		if isHidden(tr) || (strings.TrimSpace(attr(tr, "height")) == "0" && strings.TrimSpace(textContent(tr)) == "") {
			// Hidden rows, and the zero-height row of empty cells that
			// Word and Excel add to fix column widths.
			return
		}
		var cells []*html.Node
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && !isHidden(c) {
				cells = append(cells, c)
			}
		}
		rows = append(rows, cells)
	}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Caption:
			if caption == nil {
				caption = c
			}
		case atom.Tr:
			addRow(c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr {
					addRow(r)
				}
			}
		}
	}
	return caption, rows
}

// hasTable reports whether a table is nested anywhere inside n.
func hasTable(n *html.Node) bool {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if k.DataAtom == atom.Table && !isHidden(k) {
				return true
			}
			stack = append(stack, k)
		}
	}
	return false
}

// spanAttr reads colspan or rowspan the way the HTML standard does: the
// leading digits, 1 when missing or invalid, clamped to limit. A rowspan of
// 0 is kept (it means "to the end of the table").
func spanAttr(n *html.Node, key string, limit int) int {
	v := strings.TrimSpace(attr(n, key))
	i := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	if i == 0 {
		return 1
	}
	if i > 6 {
		return limit
	}
	k, _ := strconv.Atoi(v[:i])
	switch {
	case k == 0 && key == "rowspan":
		return 0
	case k == 0:
		return 1
	case k > limit:
		return limit
	}
	return k
}
