package render

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai"
)

// This file turns a report into a printable layout shared by the HTML (and
// so the PDF) and XLSX writers: the document title, the prose and the tables
// in reading order, and each table as a grid of header and body cells with
// their spans, the way official disclosures print them.

// document is a report laid out for printing.
type document struct {
	Title string // the document title (h1), "" when the prose opens with it
	// TitleBlock is the index of the block that is the document title when
	// the report's own prose states it; -1 otherwise.
	TitleBlock int
	Blocks     []block
	Unit       gongkai.Unit
}

// block is a heading, a paragraph or a table, in reading order.
type block struct {
	Heading int // 1 document title, 2 part (第一部分), 3 other headings; 0 for text
	Text    string
	Table   *grid
	ID      string // anchor for headings and tables
}

// grid is one table as printed: title lines above, header and body rows,
// notes below.
type grid struct {
	Table  *gongkai.Table
	ID     string
	Number string // 预算01表, 公开05表 …
	Title  string
	Unit   gongkai.Unit
	Head   [][]gcell
	Body   [][]gcell
	Cols   []gcol
	Notes  []string
	Empty  bool // no row holds an amount
	// Printing: the table's font size in points and whether it goes on a
	// landscape page.
	FontPt    int
	Landscape bool
	// colHeads holds, for each column, the ids of the header cells above
	// it, space-separated (set when the header has two rows or more).
	colHeads []string
}

// gcol describes a column of a grid.
type gcol struct {
	Kind  colKind
	Width float64 // relative width, in em
	pct   string  // share of the table width, in percent ("12.5")
}

type colKind int

const (
	colName colKind = iota
	colCode
	colMoney
	colText
)

// gcell is one cell of a grid. A cell spanning several columns or rows is
// stored once, at its top-left position; the positions it covers hold a
// cell with Covered set.
type gcell struct {
	Text    string
	ColSpan int
	RowSpan int
	Covered bool
	ID      string // header cells: the id body cells refer to
	Header  bool   // a header cell (th)
	Scope   string // col, colgroup, row
	Kind    colKind
	Money   *gongkai.Money // body cells holding an amount; Text is then empty
	Level   int            // row header indent level (0 for none)
}

// layout orders the report's prose and tables and builds their grids.
func layout(r *gongkai.Report) *document {
	d := &document{TitleBlock: -1, Unit: r.Unit}
	type item struct {
		loc   gongkai.Loc
		order int
		b     block
	}
	var items []item
	located := true
	n := 0
	add := func(loc gongkai.Loc, b block) {
		if loc.Line == 0 {
			located = false
		}
		items = append(items, item{loc, n, b})
		n++
	}
	for _, s := range r.Sections {
		if s.Title != "" {
			add(s.Loc, block{Heading: headingLevel(s.Title), Text: s.Title})
		}
		for _, p := range s.Paragraphs {
			add(p.Loc, block{Text: p.Text})
		}
	}
	for i, t := range r.Tables {
		add(t.Loc, block{Table: buildGrid(r, t, i)})
	}
	if located {
		sort.SliceStable(items, func(i, j int) bool {
			a, b := items[i].loc, items[j].loc
			if a.File != b.File || a.Page != b.Page || a.Line != b.Line {
				return a.Before(b)
			}
			return items[i].order < items[j].order
		})
	}
	for _, it := range items {
		d.Blocks = append(d.Blocks, it.b)
	}
	// The document title: the report's own title line when the prose opens
	// with one, else one made from what the report says.
	d.TitleBlock = titleBlock(r, d.Blocks)
	if d.TitleBlock >= 0 {
		d.Blocks[d.TitleBlock].Heading = 1
	} else if t := docTitle(r); t != "" {
		d.Title = t
		d.Blocks = append([]block{{Heading: 1, Text: t}}, d.Blocks...)
		d.TitleBlock = 0
	}
	ids := 0
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Heading > 0 || b.Table != nil {
			ids++
			b.ID = "s" + strconv.Itoa(ids)
			if b.Table != nil {
				b.Table.ID = b.ID
			}
		}
	}
	return d
}

var partRE = regexp.MustCompile(`^\s*第[一二三四五六七八九十]+部分`)

func headingLevel(title string) int {
	if partRE.MatchString(title) {
		return 2
	}
	return 3
}

// docTitle is the title of a report that does not print one:
// "青山市数据资源局2025年部门预算".
func docTitle(r *gongkai.Report) string {
	if r.Department == "" || r.Year == 0 {
		return ""
	}
	return r.Department + strconv.Itoa(r.Year) + "年部门" + r.Kind.Chinese()
}

// titleBlock finds the text among the first blocks that names the
// department, the year and the kind of disclosure, as a title does; -1 if
// none does. Only text before the first table is looked at.
func titleBlock(r *gongkai.Report, blocks []block) int {
	if r.Department == "" || r.Year == 0 {
		return -1
	}
	dept := compact(r.Department)
	year := strconv.Itoa(r.Year)
	for i, b := range blocks {
		if b.Table != nil || i >= 60 {
			break
		}
		t := compact(b.Text)
		if utf8.RuneCountInString(t) > 80 {
			continue
		}
		k := strings.Index(t, dept)
		y := strings.Index(t, year)
		if k >= 0 && y > k && (strings.Contains(t[y:], "预算") || strings.Contains(t[y:], "决算")) {
			return i
		}
	}
	return -1
}

// compact removes white space.
func compact(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// Tables.

// buildGrid lays a table out the way disclosures print it.
func buildGrid(r *gongkai.Report, t *gongkai.Table, index int) *grid {
	g := &grid{Table: t, Number: t.Number, Title: t.Title, Unit: t.Unit, Empty: t.IsEmpty()}
	if g.Title == "" {
		g.Title = standardTitle(r, t)
	}
	if !g.Unit.Valid() {
		g.Unit = firstUnit(t, r.Unit)
	}
	if t.Note != "" {
		for _, l := range strings.Split(t.Note, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				g.Notes = append(g.Notes, l)
			}
		}
	}
	switch {
	case t.Kind == gongkai.TThreeCosts && threeCostsAcross(t):
		g.threeCosts(r, t)
	case isPlain(t):
		g.plain(t)
	default:
		g.financial(t)
	}
	g.assignIDs(index)
	g.setWidths()
	return g
}

// Printing geometry: the width of the text area of an A4 page (18 mm
// margins) in em of the table font, for the table font sizes we use.
const (
	portraitMM  = 174.0
	landscapeMM = 261.0
	ptMM        = 0.3528 // one point in millimetres
	cellPadEm   = 0.9    // left and right padding and the rule, per column
)

// setWidths sizes the columns by their content (so that codes, amounts and
// short names do not wrap), turns the widths into percentages of the table
// width, and chooses the page orientation and font size that fit them.
func (g *grid) setWidths() {
	need := make([]float64, len(g.Cols))
	for _, row := range g.Head {
		for j, c := range row {
			if c.Covered || c.ColSpan > 1 || j >= len(need) {
				continue
			}
			// Headers stay on one line up to 8 em, then wrap.
			w := textWidth(c.Text)
			if w > 8 && c.Kind != colCode && c.Kind != colName {
				w = max(8, w/2)
			}
			need[j] = max(need[j], w, 2)
		}
	}
	for _, row := range g.Body {
		for j, c := range row {
			if c.Covered || j >= len(need) {
				continue
			}
			w := textWidth(c.Text) + float64(c.Level)
			if c.Money != nil {
				w = moneyWidth(c.Money)
			}
			switch c.Kind {
			case colName:
				w = min(w, 16)
			case colText:
				w = min(w, 24)
			}
			need[j] = max(need[j], w)
		}
	}
	total := 0.0
	for j := range g.Cols {
		need[j] = max(need[j], 2.5)
		g.Cols[j].Width = need[j]
		total += need[j] + cellPadEm
	}
	for i := range g.Cols {
		g.Cols[i].pct = strconv.FormatFloat((g.Cols[i].Width+cellPadEm)*100/total, 'f', 2, 64)
	}
	// The largest font (9pt, 8pt, 7pt) at which the table fits the
	// portrait page, else the landscape page; the smallest otherwise
	// (names and long texts wrap).
	g.FontPt = 7
	for _, pt := range []int{9, 8, 7} {
		if total*float64(pt)*ptMM <= portraitMM {
			g.FontPt = pt
			return
		}
	}
	g.Landscape = true
	for _, pt := range []int{9, 8, 7} {
		if total*float64(pt)*ptMM <= landscapeMM {
			g.FontPt = pt
			return
		}
	}
}

// textWidth estimates the printed width of s in em: CJK characters and
// full-width forms are one em, other characters about half.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80:
			w++
		case r == ' ':
			w += 0.3
		default:
			w += 0.55
		}
	}
	return w
}

// standardTitle is the usual title of a table of t's kind, for a table the
// report gives no title.
func standardTitle(r *gongkai.Report, t *gongkai.Table) string {
	info := t.Kind.Info()
	title := info.Budget
	if r.Kind == gongkai.Final {
		title = info.Final
	}
	if title == "" {
		return info.Name
	}
	return title
}

func firstUnit(t *gongkai.Table, def gongkai.Unit) gongkai.Unit {
	for _, row := range t.Rows {
		for _, c := range row.Cells {
			if c.Money != nil && c.Money.Unit.Valid() {
				return c.Money.Unit
			}
		}
	}
	if def.Valid() {
		return def
	}
	return gongkai.WanYuan
}

// isPlain reports whether a table is read as plain rows of text (targets,
// self-evaluation, assets), not as money by classification.
func isPlain(t *gongkai.Table) bool {
	switch t.Kind {
	case gongkai.TProjectTargets, gongkai.TDeptTargets, gongkai.TSelfEvaluation, gongkai.TAssets:
		return true
	case gongkai.TUnknown:
		for _, c := range t.Columns {
			if c.Role != gongkai.RText {
				return false
			}
		}
		return len(t.Columns) > 0
	}
	return false
}

// segments splits a column label into its header levels, top first.
func segments(label string) []string {
	if strings.TrimSpace(label) == "" {
		return nil
	}
	parts := strings.Split(label, "/")
	out := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// header builds header rows from the label segments of each column: equal
// group segments side by side under the same parent merge into one
// spanning cell; the last segment of a label spans down to the last header
// row, so a column with fewer levels than the deepest reaches the body.
func header(labels [][]string, kinds []colKind, blocks ...[]int) [][]gcell {
	sameBlock := func(a, b int) bool { return len(blocks) == 0 || blocks[0][a] == blocks[0][b] }
	depth := 0
	for _, l := range labels {
		depth = max(depth, len(l))
	}
	if depth == 0 {
		return nil
	}
	w := len(labels)
	rows := make([][]gcell, depth)
	placed := make([][]bool, depth)
	for i := range rows {
		rows[i] = make([]gcell, w)
		placed[i] = make([]bool, w)
		for j := range rows[i] {
			rows[i][j] = gcell{Covered: true, Header: true, Kind: kinds[j]}
		}
	}
	for i := 0; i < depth; i++ {
		for j := 0; j < w; {
			if placed[i][j] {
				j++
				continue
			}
			l := labels[j]
			text, rs, cs := "", depth-i, 1
			if len(l) > i {
				text = l[i]
				if i < len(l)-1 {
					// A group label: merge with the columns beside it
					// that share it and everything above it.
					rs = 1
					for k := j + 1; k < w && !placed[i][k]; k++ {
						if len(labels[k]) <= i+1 || !samePrefix(l, labels[k], i) || !sameBlock(j, k) {
							break
						}
						cs++
					}
				}
			}
			scope := "col"
			if cs > 1 {
				scope = "colgroup"
			}
			rows[i][j] = gcell{Text: joinCJK(text), ColSpan: cs, RowSpan: rs, Header: true, Scope: scope, Kind: kinds[j]}
			for di := 0; di < rs; di++ {
				for dj := 0; dj < cs; dj++ {
					placed[i+di][j+dj] = true
				}
			}
			j += cs
		}
	}
	return rows
}

// joinCJK removes white space between CJK characters ("收 入" → "收入",
// "人 员 经 费" → "人员经费"): letter spacing that extraction turned into
// spaces. Other white space collapses to one space.
func joinCJK(s string) string {
	f := strings.Fields(s)
	if len(f) <= 1 {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for i, p := range f {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(f[i-1])
			next, _ := utf8.DecodeRuneInString(p)
			if !(isWide(prev) && isWide(next)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func isWide(r rune) bool { return r >= 0x2E80 }

// samePrefix reports whether labels a and b have the same segments 0..i.
func samePrefix(a, b []string, i int) bool {
	if len(a) <= i || len(b) <= i {
		return false
	}
	for k := 0; k <= i; k++ {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// assignIDs gives every header cell an id and records, for each column,
// the ids of the header cells above it; body cells name those and their
// row header in their headers attribute (<td headers="…">) for screen
// readers. A one-row header needs none of it: scope says it all.
func (g *grid) assignIDs(index int) {
	if len(g.Head) < 2 {
		return
	}
	prefix := "t" + strconv.Itoa(index+1) + "h"
	n := 0
	w := len(g.Cols)
	heads := make([][]string, w)
	for i := range g.Head {
		for j := 0; j < w && j < len(g.Head[i]); j++ {
			c := &g.Head[i][j]
			if c.Covered {
				continue
			}
			n++
			c.ID = prefix + strconv.Itoa(n)
			for k := j; k < j+max(c.ColSpan, 1) && k < w; k++ {
				heads[k] = append(heads[k], c.ID)
			}
		}
	}
	g.colHeads = make([]string, w)
	for j := range heads {
		g.colHeads[j] = strings.Join(heads[j], " ")
	}
	for i := range g.Body {
		for j := range g.Body[i] {
			if c := &g.Body[i][j]; c.Header && !c.Covered {
				n++
				c.ID = prefix + strconv.Itoa(n)
			}
		}
	}
}

// moneyText prints an amount with thousands separators and the decimals it
// was printed with.
func moneyText(m *gongkai.Money) string {
	return gongkai.FormatThousands(m.Fen, m.Unit, m.Places)
}

// hasFigure reports whether a cell prints anything.
func hasFigure(c *gongkai.Cell) bool {
	return c.Money != nil || c.Fixed != nil || strings.TrimSpace(c.Text) != ""
}

// moneyWidth estimates the printed width of an amount in em.
func moneyWidth(m *gongkai.Money) float64 {
	v := m.Fen
	if v < 0 {
		v = -v
	}
	digits := 1
	for q := v / m.Unit.Fen(); q >= 10; q /= 10 {
		digits++
	}
	return float64(digits+(digits-1)/3+1+m.Places) * 0.55
}

// appendMoney appends an amount as moneyText prints it.
func appendMoney(b *strings.Builder, m *gongkai.Money) {
	s := gongkai.FormatFen(m.Fen, m.Unit, m.Places)
	if s[0] == '-' {
		b.WriteByte('-')
		s = s[1:]
	}
	ip, fp, dot := strings.Cut(s, ".")
	for i := 0; i < len(ip); i++ {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(ip[i])
	}
	if dot {
		b.WriteByte('.')
		b.WriteString(fp)
	}
}

// cellText is what a body cell prints.
func cellText(c *gongkai.Cell) string {
	switch {
	case c.Money != nil:
		return moneyText(c.Money)
	case c.Fixed != nil:
		s := c.Fixed.String()
		if strings.Contains(c.Text, "%") || strings.Contains(c.Text, "％") {
			s += "%"
		}
		return s
	}
	return strings.TrimSpace(c.Text)
}

// Financial tables: one or more side-by-side blocks (收入 | 支出 | 支出经济分类),
// each with its key columns (科目编码 and 科目名称, or 项目) and its value
// columns.

type sideBlock struct {
	side    gongkai.Side
	cols    []gongkai.Column
	rows    []*gongkai.Row
	hasCode bool
	group   string // the top header label over the block ("收入")
	start   int    // first grid column
	width   int
}

func (g *grid) financial(t *gongkai.Table) {
	var blocks []*sideBlock
	bySide := map[gongkai.Side]*sideBlock{}
	get := func(s gongkai.Side) *sideBlock {
		if b := bySide[s]; b != nil {
			return b
		}
		b := &sideBlock{side: s}
		bySide[s] = b
		blocks = append(blocks, b)
		return b
	}
	for _, c := range t.Columns {
		b := get(c.Side)
		b.cols = append(b.cols, c)
	}
	for _, r := range t.Rows {
		b := bySide[r.Side]
		if b == nil {
			if len(blocks) == 1 || r.Side == gongkai.NoSide {
				b = blocks0(blocks, get)
			} else {
				b = get(r.Side)
			}
		}
		b.rows = append(b.rows, r)
		if r.Code != "" {
			b.hasCode = true
		}
	}
	if len(blocks) == 0 {
		get(gongkai.NoSide)
	}
	// Cells whose column the table does not list get a column of their own.
	for _, b := range blocks {
		for _, r := range b.rows {
			for i := range r.Cells {
				c := &r.Cells[i]
				if !hasFigure(c) {
					continue
				}
				if !hasColumn(b.cols, c) {
					b.cols = append(b.cols, gongkai.Column{Role: c.Role, Label: c.Label, Side: b.side})
				}
			}
		}
	}
	multi := len(blocks) > 1
	// Header labels of every grid column.
	var labels [][]string
	var kinds []colKind
	var blockOf []int
	for bi, b := range blocks {
		b.start = len(labels)
		b.group = ""
		if multi {
			b.group = sideGroup(b)
		}
		key := func(name string) []string {
			if b.group != "" {
				return []string{b.group, name}
			}
			return []string{name}
		}
		if b.hasCode {
			labels = append(labels, key("科目编码"), key("科目名称"))
			kinds = append(kinds, colCode, colName)
		} else {
			labels = append(labels, key("项目"))
			kinds = append(kinds, colName)
		}
		for _, c := range b.cols {
			labels = append(labels, segments(c.Label))
			kinds = append(kinds, colMoney)
		}
		b.width = len(labels) - b.start
		for len(blockOf) < len(labels) {
			blockOf = append(blockOf, bi)
		}
	}
	for _, k := range kinds {
		g.Cols = append(g.Cols, gcol{Kind: k, Width: widthOf(k)})
	}
	// Blocks side by side each keep their own group header, even when two
	// say the same (支出 by function, 支出 by economic class).
	g.Head = header(labels, kinds, blockOf)
	// Body rows: blocks side by side. Rows of several blocks that came from
	// the same printed line stay on one line.
	lines := pairRows(blocks, multi)
	w := len(labels)
	cells := make([]gcell, len(lines)*w) // one allocation for the body
	g.Body = slices.Grow(g.Body, len(lines))
	for i, line := range lines {
		row := cells[i*w : (i+1)*w : (i+1)*w]
		for k := range row {
			row[k].Kind = kinds[k]
		}
		for bi, b := range blocks {
			r := line[bi]
			if r == nil {
				continue
			}
			at := b.start
			name := r.Name
			if b.hasCode {
				row[at] = gcell{Text: r.Code, Kind: colCode}
				at++
			} else if r.Code != "" {
				name = r.Code + " " + name
			}
			row[at] = gcell{Text: name, Header: true, Scope: "row", Kind: colName, Level: rowLevel(r)}
			at++
			placeCells(row[at:b.start+b.width], b.cols, r.Cells)
		}
		g.Body = append(g.Body, row)
	}
}

func blocks0(blocks []*sideBlock, get func(gongkai.Side) *sideBlock) *sideBlock {
	if len(blocks) > 0 {
		return blocks[0]
	}
	return get(gongkai.NoSide)
}

func hasColumn(cols []gongkai.Column, c *gongkai.Cell) bool {
	for _, col := range cols {
		if col.Role == c.Role {
			return true
		}
	}
	return false
}

// sideGroup is the label over a block of a two- or three-sided table: the
// top segment its value columns share, or the name of its side.
func sideGroup(b *sideBlock) string {
	for _, c := range b.cols {
		if s := segments(c.Label); len(s) > 1 {
			return s[0]
		}
	}
	switch b.side {
	case gongkai.IncomeSide:
		return "收入"
	case gongkai.ExpendSide, gongkai.EconSide:
		return "支出"
	}
	return ""
}

// pairRows returns the body lines: one row (or nil) per block.
func pairRows(blocks []*sideBlock, multi bool) [][]*gongkai.Row {
	var out [][]*gongkai.Row
	if !multi {
		for _, r := range blocks[0].rows {
			out = append(out, []*gongkai.Row{r})
		}
		return out
	}
	located := true
	for _, b := range blocks {
		for _, r := range b.rows {
			if r.Loc.Line == 0 {
				located = false
			}
		}
	}
	if !located {
		for i := 0; ; i++ {
			line := make([]*gongkai.Row, len(blocks))
			any := false
			for k, b := range blocks {
				if i < len(b.rows) {
					line[k] = b.rows[i]
					any = true
				}
			}
			if !any {
				return out
			}
			out = append(out, line)
		}
	}
	// Rows printed on the same source line go on one grid line; lines keep
	// the source order.
	type key struct {
		file       string
		page, line int
	}
	index := map[key]int{}
	var keys []key
	for _, b := range blocks {
		for _, r := range b.rows {
			k := key{r.Loc.File, r.Loc.Page, r.Loc.Line}
			if _, ok := index[k]; !ok {
				index[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a := gongkai.Loc{File: keys[i].file, Page: keys[i].page, Line: keys[i].line}
		b := gongkai.Loc{File: keys[j].file, Page: keys[j].page, Line: keys[j].line}
		return a.Before(b)
	})
	for i, k := range keys {
		index[k] = i
	}
	lines := make([][][]*gongkai.Row, len(keys)) // per line, per block, rows
	for i := range lines {
		lines[i] = make([][]*gongkai.Row, len(blocks))
	}
	for bi, b := range blocks {
		for _, r := range b.rows {
			i := index[key{r.Loc.File, r.Loc.Page, r.Loc.Line}]
			lines[i][bi] = append(lines[i][bi], r)
		}
	}
	for _, l := range lines {
		for n := 0; ; n++ {
			line := make([]*gongkai.Row, len(blocks))
			any := false
			for bi := range blocks {
				if n < len(l[bi]) {
					line[bi] = l[bi][n]
					any = true
				}
			}
			if !any {
				break
			}
			out = append(out, line)
		}
	}
	return out
}

// rowLevel is the indent of a row name: 款 and 项 lines of a classification
// are indented under their 类.
func rowLevel(r *gongkai.Row) int {
	switch len(r.Code) {
	case 5:
		return 1
	case 7:
		return 2
	}
	return 0
}

// placeCells puts a row's cells under their columns: by label and role,
// in order; a cell whose label matches no column goes to the next column
// of its role.
func placeCells(dst []gcell, cols []gongkai.Column, cells []gongkai.Cell) {
	used := make([]bool, len(cols))
	next := 0
	put := func(j int, c *gongkai.Cell) {
		used[j] = true
		next = j + 1
		dst[j] = gcell{Kind: colMoney, Money: c.Money}
		if c.Money == nil {
			dst[j].Text = cellText(c)
		}
		if c.Money == nil && c.Fixed == nil {
			dst[j].Kind = colText
		}
	}
	for i := range cells {
		c := &cells[i]
		if !hasFigure(c) {
			continue
		}
		j := findCol(cols, used, next, func(col gongkai.Column) bool { return col.Role == c.Role && col.Label == c.Label })
		if j < 0 {
			j = findCol(cols, used, 0, func(col gongkai.Column) bool { return col.Role == c.Role && col.Label == c.Label })
		}
		if j < 0 {
			j = findCol(cols, used, 0, func(col gongkai.Column) bool { return col.Role == c.Role })
		}
		if j < 0 {
			continue
		}
		put(j, c)
	}
}

func findCol(cols []gongkai.Column, used []bool, from int, ok func(gongkai.Column) bool) int {
	for j := from; j < len(cols); j++ {
		if !used[j] && ok(cols[j]) {
			return j
		}
	}
	return -1
}

func widthOf(k colKind) float64 {
	switch k {
	case colCode:
		return 5.5
	case colName:
		return 14
	case colText:
		return 10
	}
	return 7
}

// "三公" tables: printed across, one column per item under the stage
// (预算数, 决算数), one data row, as the standard form has it.

var threeCostItems = map[gongkai.Item]bool{
	gongkai.IThreeTotal: true, gongkai.IAbroad: true, gongkai.ICar: true,
	gongkai.ICarPurchase: true, gongkai.ICarOperation: true, gongkai.IReception: true,
	gongkai.ITotal: true,
}

// threeCostsAcross reports whether a "三公" table is a list of items that
// can be printed across: every row an item with a name.
func threeCostsAcross(t *gongkai.Table) bool {
	if len(t.Rows) < 2 {
		return false
	}
	for _, r := range t.Rows {
		if !threeCostItems[r.Item] || r.Name == "" || r.Code != "" {
			return false
		}
		seen := map[gongkai.Role]bool{}
		for _, c := range r.Cells {
			if seen[c.Role] {
				return false
			}
			seen[c.Role] = true
		}
	}
	return true
}

func (g *grid) threeCosts(r *gongkai.Report, t *gongkai.Table) {
	// Stages in the order of the columns, then of the cells.
	var stages []gongkai.Role
	seen := map[gongkai.Role]bool{}
	addStage := func(r gongkai.Role) {
		if !seen[r] {
			seen[r] = true
			stages = append(stages, r)
		}
	}
	for _, c := range t.Columns {
		addStage(c.Role)
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			addStage(c.Role)
		}
	}
	if len(stages) == 0 {
		stages = []gongkai.Role{gongkai.RAmount}
	}
	// A first column names the unit the figures are for, as budget forms
	// print it; it also keeps the stage row from reading as a title line.
	unit := r.Department
	if unit == "" {
		unit = "本部门"
	}
	labels := [][]string{{"单位名称"}}
	kinds := []colKind{colName}
	row := []gcell{{Text: unit, Header: true, Scope: "row", Kind: colName}}
	for _, st := range stages {
		top := stageLabel(t, st)
		for _, item := range t.Rows {
			l := []string{item.Name}
			if top != "" {
				l = []string{top, item.Name}
			}
			labels = append(labels, l)
			kinds = append(kinds, colMoney)
			c := gcell{Kind: colMoney}
			for i := range item.Cells {
				if item.Cells[i].Role == st {
					c.Money = item.Cells[i].Money
					if c.Money == nil {
						c.Text = cellText(&item.Cells[i])
					}
				}
			}
			row = append(row, c)
		}
	}
	for _, k := range kinds {
		g.Cols = append(g.Cols, gcol{Kind: k, Width: 8})
	}
	g.Cols[0].Width = 12
	g.Head = header(labels, kinds)
	g.Body = [][]gcell{row}
}

// stageLabel names a stage of a "三公" table: the table's column label for
// it when there is one, else 预算数 / 决算数.
func stageLabel(t *gongkai.Table, st gongkai.Role) string {
	for _, c := range t.Columns {
		if c.Role == st && c.Label != "" {
			return c.Label
		}
	}
	switch st {
	case gongkai.RBudget:
		return "预算数"
	case gongkai.RFinal:
		return "决算数"
	}
	return ""
}

// Plain tables (targets, self-evaluation): the name in the first column,
// each cell under the column whose label it carries.

func (g *grid) plain(t *gongkai.Table) {
	w := len(t.Columns)
	for _, r := range t.Rows {
		w = max(w, len(r.Cells)+1)
	}
	w = max(w, 1)
	labels := make([][]string, w)
	kinds := make([]colKind, w)
	for j := range kinds {
		kinds[j] = colText
		if j < len(t.Columns) {
			labels[j] = segments(t.Columns[j].Label)
		}
	}
	kinds[0] = colName
	for j := range kinds {
		g.Cols = append(g.Cols, gcol{Kind: kinds[j], Width: 8})
	}
	g.Cols[0].Width = 10
	g.Head = header(labels, kinds)
	for _, r := range t.Rows {
		row := make([]gcell, w)
		for j := range row {
			row[j].Kind = kinds[j]
		}
		row[0] = gcell{Text: r.Name, Header: true, Scope: "row", Kind: colName}
		next := 1
		for i := range r.Cells {
			c := &r.Cells[i]
			if !hasFigure(c) {
				continue
			}
			j := -1
			for k := next; k < w; k++ {
				if k < len(t.Columns) && t.Columns[k].Label == c.Label {
					j = k
					break
				}
			}
			if j < 0 || w-j < countLeft(r.Cells[i:]) {
				j = next
			}
			if j >= w {
				break
			}
			kind := colText
			if c.Money != nil {
				kind = colMoney
			}
			row[j] = gcell{Kind: kind, Money: c.Money}
			if c.Money == nil {
				row[j].Text = cellText(c)
			}
			next = j + 1
		}
		g.Body = append(g.Body, row)
	}
}

// countLeft counts the cells with text.
func countLeft(cells []gongkai.Cell) int {
	n := 0
	for i := range cells {
		if hasFigure(&cells[i]) {
			n++
		}
	}
	return n
}
