package xlsxdoc

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/doc"
)

const (
	maxMerges   = 100_000    // merged ranges per sheet
	maxMergeOps = 50_000_000 // positions visited while laying out merges, per workbook
)

// reader holds the state of one workbook being read.
type reader struct {
	file     string
	f        *excelize.File
	maxCells int
	cells    int // grid positions used
	mergeOps int
	formulas int
	fmts     map[int32]numFmt
}

// numFmt is the number format of a cell style.
type numFmt struct {
	id   int
	code string
	date bool
}

// xcell is a cell value as read.
type xcell struct {
	text, number string
}

// sheetData is one sheet read into memory.
type sheetData struct {
	name   string
	base   int       // Document.Lines index (1-based) of the line naming the sheet; row r is line base+r
	rows   [][]xcell // rows[r-1], as long as the last cell with a value
	merges []rng     // valid, non-overlapping at their top-left, clipped to the used area, sorted by r1
	byTL   map[[2]int]int
	// filled[r] is the number of non-empty cells of row r; covered[r]
	// tells that row r lies under a merged cell with a value that starts
	// above it.
	filled  []int
	covered []bool
	maxCol  int
}

func (s *sheetData) text(r, c int) string {
	if r < 1 || r > len(s.rows) || c < 1 || c > len(s.rows[r-1]) {
		return ""
	}
	return s.rows[r-1][c-1].text
}

func (s *sheetData) cell(r, c int) xcell {
	if r < 1 || r > len(s.rows) || c < 1 || c > len(s.rows[r-1]) {
		return xcell{}
	}
	return s.rows[r-1][c-1]
}

// nonEmpty returns the columns of the non-empty cells of row r.
func (s *sheetData) nonEmpty(r int) []int {
	var out []int
	for c, x := range s.rows[r-1] {
		if x.text != "" {
			out = append(out, c+1)
		}
	}
	return out
}

func (rd *reader) tooLarge(sheet, detail string) error {
	return &gongkai.ImportError{File: rd.file, Err: gongkai.ErrTooLarge, Loc: gongkai.Loc{Sheet: sheet}, Detail: detail}
}

// sheet reads one worksheet and appends its lines and blocks to out.
func (rd *reader) sheet(si *sheetInfo, out *doc.Document) error {
	sc := si.scan
	s := &sheetData{name: si.name, base: len(out.Lines) + 1}
	out.Lines = append(out.Lines, "工作表："+si.name)
	if err := rd.values(si, s); err != nil {
		return err
	}
	if err := rd.prepareMerges(s, sc.merges); err != nil {
		return err
	}
	// One line per row, covered cells blank.
	lineCells := make([][]string, len(s.rows))
	for i, row := range s.rows {
		lc := make([]string, len(row))
		for j, x := range row {
			lc[j] = x.text
		}
		lineCells[i] = lc
	}
	for _, m := range s.merges {
		for r := m.r1; r <= m.r2; r++ {
			lc := lineCells[r-1]
			for c := m.c1; c <= min(m.c2, len(lc)); c++ {
				if r != m.r1 || c != m.c1 {
					lc[c-1] = ""
				}
			}
			rd.mergeOps += m.c2 - m.c1 + 1
		}
		if rd.mergeOps > maxMergeOps {
			return rd.tooLarge(s.name, "合并单元格过多")
		}
	}
	for _, lc := range lineCells {
		n := len(lc)
		for n > 0 && lc[n-1] == "" {
			n--
		}
		out.Lines = append(out.Lines, strings.Join(lc[:n], "\t"))
	}
	return rd.layout(s, out)
}

// values reads the cell values of a sheet with excelize's row iterator,
// which streams the stored (raw) values. The displayed text of a number
// is rendered from the exact value for common formats; only the cells
// whose format the reader does not render (dates, currency, scientific,
// ...) are formatted by excelize afterwards.
func (rd *reader) values(si *sheetInfo, s *sheetData) error {
	sc := si.scan
	s.rows = make([][]xcell, sc.maxRow)
	s.filled = make([]int, sc.maxRow+2)
	if sc.maxRow == 0 {
		return nil
	}
	rows, err := rd.f.Rows(si.name)
	if err != nil {
		return gongkai.ImportErrorf(rd.file, gongkai.ErrCorrupt, "无法读取工作表「%s」（%v）", si.name, err)
	}
	defer rows.Close()
	type pos struct{ r, c int }
	var pending []pos
	for r := 1; r <= sc.maxRow; r++ {
		if !rows.Next() {
			break
		}
		raw, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return &gongkai.ImportError{File: rd.file, Err: gongkai.ErrCorrupt,
				Loc: gongkai.Loc{Sheet: si.name, Line: s.base + r}, Detail: fmt.Sprintf("第 %d 行无法读取（%v）", r, err)}
		}
		n := min(len(raw), sc.maxCol)
		if n == 0 {
			continue
		}
		row := make([]xcell, n)
		for c := 1; c <= n; c++ {
			m, ok := sc.lookup(r, c)
			x, format := rd.value(si.name, r, c, raw[c-1], m, ok)
			row[c-1] = x
			if format {
				pending = append(pending, pos{r, c})
			}
		}
		for n > 0 && row[n-1] == (xcell{}) {
			n--
		}
		s.rows[r-1] = row[:n]
	}
	for _, p := range pending {
		name, err := excelize.CoordinatesToCellName(p.c, p.r)
		if err != nil {
			continue
		}
		if d, err := rd.formatted(si.name, name); err == nil && clean(d) != "" {
			s.rows[p.r-1][p.c-1].text = clean(d)
		}
	}
	for i, row := range s.rows {
		for _, x := range row {
			if x.text != "" {
				s.filled[i+1]++
			}
		}
		s.maxCol = max(s.maxCol, len(row))
	}
	return nil
}

// formatted returns the displayed value of a cell as excelize renders it.
func (rd *reader) formatted(sheet, cell string) (v string, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = "", fmt.Errorf("%v", p)
		}
	}()
	return rd.f.GetCellValue(sheet, cell)
}

// value turns a stored value into a cell. format is true when the
// displayed text must come from excelize's formatting (the text returned
// is then the stored value, used if formatting fails).
func (rd *reader) value(sheet string, r, c int, raw string, m cellMeta, known bool) (x xcell, format bool) {
	if raw == "" && known && m.hasF && !m.hasV && rd.formulas < maxFormulas {
		// A formula saved without its result (files written by
		// libraries): evaluate it.
		rd.formulas++
		if v, ok := rd.calc(sheet, r, c); ok {
			raw = v
			if _, isNum := parseDec(v); isNum {
				m.typ = 0
			} else {
				m.typ = 'S'
			}
		}
	}
	if raw == "" {
		return xcell{}, false
	}
	switch {
	case !known:
		return xcell{text: clean(raw)}, false
	case m.typ == 0:
		num, ok := normalizeNumber(raw)
		if !ok {
			return xcell{text: clean(raw)}, false
		}
		nf := rd.numFmt(m.style)
		if nf.date {
			return xcell{text: clean(raw)}, true
		}
		f, general, ok := parseSimpleFormat(nf.code, strings.HasPrefix(num, "-"))
		switch {
		case general:
			return xcell{text: num, number: num}, false
		case ok:
			return xcell{text: f.render(num), number: num}, false
		}
		return xcell{text: num, number: num}, true
	case m.typ == 'b':
		switch strings.TrimSpace(raw) {
		case "1", "true", "TRUE":
			return xcell{text: "TRUE"}, false
		case "0", "false", "FALSE":
			return xcell{text: "FALSE"}, false
		}
	case m.typ == 'd':
		return xcell{text: clean(raw)}, true
	}
	return xcell{text: clean(raw)}, false
}

func (rd *reader) calc(sheet string, r, c int) (v string, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = "", false
		}
	}()
	name, err := excelize.CoordinatesToCellName(c, r)
	if err != nil {
		return "", false
	}
	v, err = rd.f.CalcCellValue(sheet, name, excelize.Options{RawCellValue: true})
	return v, err == nil && v != ""
}

// numFmt returns the number format of a style index.
func (rd *reader) numFmt(style int32) numFmt {
	if nf, ok := rd.fmts[style]; ok {
		return nf
	}
	nf := rd.lookupFmt(style)
	rd.fmts[style] = nf
	return nf
}

func (rd *reader) lookupFmt(style int32) (nf numFmt) {
	defer func() {
		if recover() != nil {
			nf = numFmt{}
		}
	}()
	st := rd.f.Styles
	if st == nil || st.CellXfs == nil || style < 0 || int(style) >= len(st.CellXfs.Xf) {
		return numFmt{}
	}
	xf := st.CellXfs.Xf[style]
	if xf.NumFmtID == nil {
		return numFmt{}
	}
	nf.id = *xf.NumFmtID
	if code, ok := builtinFormats[nf.id]; ok {
		nf.code = code
	}
	if st.NumFmts != nil {
		for _, f := range st.NumFmts.NumFmt {
			if f != nil && f.NumFmtID == nf.id {
				nf.code = f.FormatCode
			}
		}
	}
	if nf.code == "" && nf.id != 0 {
		nf.code = "?" // a built-in format the reader does not render: excelize does
	}
	nf.date = isDateFormat(nf.id, strings.Trim(nf.code, "?"))
	return nf
}

// clean collapses white space (line breaks inside a cell included) to
// single spaces and trims, as the HTML and DOCX readers do.
func clean(s string) string {
	if s == "" {
		return ""
	}
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c >= 0x80 {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200B' || r == '\uFEFF' || r == '\u00AD':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case r < 0x20 || r == 0x7F:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// prepareMerges keeps the merged ranges that lie in the used area, clipped
// to it, drops overlapping ones, and marks the rows that lie under a
// merged cell holding a value.
func (rd *reader) prepareMerges(s *sheetData, merges []rng) error {
	if len(merges) > maxMerges {
		return rd.tooLarge(s.name, fmt.Sprintf("合并单元格区域超过 %d 个", maxMerges))
	}
	n := len(s.rows)
	s.byTL = map[[2]int]int{}
	s.covered = make([]bool, n+2)
	sorted := append([]rng(nil), merges...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].r1 != sorted[j].r1 {
			return sorted[i].r1 < sorted[j].r1
		}
		return sorted[i].c1 < sorted[j].c1
	})
	// Overlap check: a merge is dropped when its top-left lies inside an
	// earlier one (the common corruption). Track, per row, intervals of
	// kept merges that are still open.
	type open struct{ c1, c2, r2 int }
	var active []open
	diff := make([]int, n+3)
	for _, m := range sorted {
		if m.r1 > n || m.c1 > s.maxCol || (m.r1 == m.r2 && m.c1 == m.c2) {
			continue
		}
		m.r2, m.c2 = min(m.r2, n), min(m.c2, s.maxCol)
		k := 0
		inside := false
		for _, a := range active {
			if a.r2 >= m.r1 {
				active[k] = a
				k++
				if m.c1 >= a.c1 && m.c1 <= a.c2 {
					inside = true
				}
			}
		}
		active = active[:k]
		rd.mergeOps += len(active) + 1
		if rd.mergeOps > maxMergeOps {
			return rd.tooLarge(s.name, "合并单元格过多")
		}
		if inside {
			continue
		}
		active = append(active, open{m.c1, m.c2, m.r2})
		s.byTL[[2]int{m.r1, m.c1}] = len(s.merges)
		s.merges = append(s.merges, m)
		if s.text(m.r1, m.c1) != "" && m.r2 > m.r1 {
			diff[m.r1+1]++
			diff[m.r2+1]--
		}
	}
	run := 0
	for r := 1; r <= n; r++ {
		run += diff[r]
		s.covered[r] = run > 0
	}
	return nil
}

// mergeAt returns the merged range whose top-left is (r, c).
func (s *sheetData) mergeAt(r, c int) (rng, bool) {
	i, ok := s.byTL[[2]int{r, c}]
	if !ok {
		return rng{}, false
	}
	return s.merges[i], true
}

func (s *sheetData) blank(r int) bool {
	return s.filled[r] == 0 && !s.covered[r]
}

// extent returns the columns used by rows r1..r2: non-empty cells and
// merged cells with a value.
func (s *sheetData) extent(r1, r2 int) (c1, c2 int) {
	c1 = 1 << 30
	for r := r1; r <= r2; r++ {
		for c, x := range s.rows[r-1] {
			if x.text == "" {
				continue
			}
			c1, c2 = min(c1, c+1), max(c2, c+1)
			if m, ok := s.mergeAt(r, c+1); ok {
				c2 = max(c2, m.c2)
			}
		}
	}
	if c2 == 0 {
		return 0, 0
	}
	return c1, c2
}

// titleRow reports whether row r, at the top of a table width columns
// wide, is a title row, and returns the last row it occupies (a title
// merged over two rows occupies both).
func (s *sheetData) titleRow(r, last, width int) (bool, int) {
	cols := s.nonEmpty(r)
	switch n := len(cols); {
	case n == 0:
		return false, r
	case n == 1:
		end := r
		if m, ok := s.mergeAt(r, cols[0]); ok && m.r2 > r {
			// A cell merged downwards is a title only when nothing else
			// stands beside it (otherwise it is a header cell).
			end = min(m.r2, last)
			for rr := r + 1; rr <= end; rr++ {
				if s.filled[rr] > 0 {
					return false, r
				}
			}
		}
		return true, end
	case n <= 3 && width >= 2*n:
		for _, c := range cols {
			if m, ok := s.mergeAt(r, c); ok && m.r2 > r {
				return false, r
			}
		}
		for _, c := range cols {
			if doc.IsNoteLike(s.text(r, c)) {
				return true, r
			}
		}
	}
	return false, r
}

// leadingTitles returns the first row after the title rows of rows
// r1..r2.
func (s *sheetData) leadingTitles(r1, r2 int) int {
	c1, c2 := s.extent(r1, r2)
	width := c2 - c1 + 1
	r := r1
	for r <= r2 {
		ok, end := s.titleRow(r, r2, width)
		if !ok {
			break
		}
		r = end + 1
	}
	return r
}

// layout splits a sheet into tables and turns each into blocks.
func (rd *reader) layout(s *sheetData, out *doc.Document) error {
	n := len(s.rows)
	// Runs of non-blank rows.
	type region struct{ r1, r2 int }
	var regions []region
	for r := 1; r <= n; r++ {
		if s.blank(r) {
			continue
		}
		if k := len(regions); k > 0 && regions[k-1].r2 == r-1 {
			regions[k-1].r2 = r
		} else {
			regions = append(regions, region{r, r})
		}
	}
	// A single blank row inside a table (same columns, no title below it)
	// does not split it.
	var joined []region
	for _, g := range regions {
		if k := len(joined); k > 0 {
			prev := joined[k-1]
			if g.r1-prev.r2 == 2 && s.leadingTitles(g.r1, g.r2) == g.r1 {
				body := s.leadingTitles(prev.r1, prev.r2)
				if body <= prev.r2 {
					a1, a2 := s.extent(body, prev.r2)
					b1, b2 := s.extent(g.r1, g.r2)
					if a1 == b1 && a2 == b2 {
						joined[k-1].r2 = g.r2
						continue
					}
				}
			}
		}
		joined = append(joined, g)
	}
	for _, g := range joined {
		if err := rd.region(s, g.r1, g.r2, out); err != nil {
			return err
		}
	}
	return nil
}

// region turns rows r1..r2 (one table and its titles and notes) into
// blocks.
func (rd *reader) region(s *sheetData, r1, r2 int, out *doc.Document) error {
	body := s.leadingTitles(r1, r2)
	for r := r1; r < body; r++ {
		rd.textRow(s, r, out)
	}
	if body > r2 {
		return nil
	}
	// Notes at the bottom.
	end := r2
	var notes []int
	for end >= body {
		top := end
		for top > body && s.filled[top] == 0 && s.covered[top] {
			top-- // under a merged note
		}
		cols := s.nonEmpty(top)
		if len(cols) != 1 || top == body || !doc.IsNote(s.text(top, cols[0])) || s.covered[top] {
			break
		}
		notes = append(notes, top)
		end = top - 1
	}
	if end >= body {
		if err := rd.grid(s, body, end, out); err != nil {
			return err
		}
	}
	for i := len(notes) - 1; i >= 0; i-- {
		rd.textRow(s, notes[i], out)
	}
	return nil
}

// textRow emits row r as a Text block: its non-empty cells joined by a
// space.
func (rd *reader) textRow(s *sheetData, r int, out *doc.Document) {
	cols := s.nonEmpty(r)
	if len(cols) == 0 {
		return
	}
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = s.text(r, c)
	}
	name, _ := excelize.CoordinatesToCellName(cols[0], r)
	out.Blocks = append(out.Blocks, doc.Block{
		Text: strings.Join(parts, " "),
		Loc:  gongkai.Loc{Sheet: s.name, Cell: name, Line: s.base + r},
	})
}

// grid emits rows r1..r2 as a Grid.
func (rd *reader) grid(s *sheetData, r1, r2 int, out *doc.Document) error {
	c1, c2 := s.extent(r1, r2)
	if c2 == 0 {
		return nil
	}
	h, w := r2-r1+1, c2-c1+1
	rd.cells += h * w
	if rd.cells > rd.maxCells {
		return rd.tooLarge(s.name, fmt.Sprintf("表格超过 %d 个单元格上限", rd.maxCells))
	}
	occ := make([]int32, h*w)
	for i := range occ {
		occ[i] = -1
	}
	// Merges starting inside the grid, clipped to it.
	first := sort.Search(len(s.merges), func(i int) bool { return s.merges[i].r1 >= r1 })
	for i := first; i < len(s.merges) && s.merges[i].r1 <= r2; i++ {
		m := s.merges[i]
		if m.c1 < c1 || m.c1 > c2 {
			continue
		}
		mr2, mc2 := min(m.r2, r2), min(m.c2, c2)
		free := true
	check:
		for r := m.r1; r <= mr2; r++ {
			for c := m.c1; c <= mc2; c++ {
				rd.mergeOps++
				if occ[(r-r1)*w+c-c1] >= 0 {
					free = false
					break check
				}
			}
		}
		if rd.mergeOps > maxMergeOps {
			return rd.tooLarge(s.name, "合并单元格过多")
		}
		if !free {
			continue
		}
		for r := m.r1; r <= mr2; r++ {
			for c := m.c1; c <= mc2; c++ {
				occ[(r-r1)*w+c-c1] = int32(i)
			}
		}
	}
	g := &doc.Grid{Title: s.name}
	for r := r1; r <= r2; r++ {
		line := s.base + r
		cells := make([]doc.Cell, w)
		for c := c1; c <= c2; c++ {
			name, _ := excelize.CoordinatesToCellName(c, r)
			loc := gongkai.Loc{Sheet: s.name, Cell: name, Line: line}
			idx := occ[(r-r1)*w+c-c1]
			if idx >= 0 {
				m := s.merges[idx]
				if r != m.r1 || c != m.c1 {
					cells[c-c1] = doc.Cell{Covered: true, Loc: loc}
					continue
				}
				x := s.cell(r, c)
				cells[c-c1] = doc.Cell{Text: x.text, Number: x.number, Loc: loc,
					ColSpan: min(m.c2, c2) - c + 1, RowSpan: min(m.r2, r2) - r + 1}
				continue
			}
			x := s.cell(r, c)
			cells[c-c1] = doc.Cell{Text: x.text, Number: x.number, Loc: loc}
		}
		g.Rows = append(g.Rows, doc.Row{Cells: cells, Loc: gongkai.Loc{Sheet: s.name, Line: line}})
	}
	tl, _ := excelize.CoordinatesToCellName(c1, r1)
	out.Blocks = append(out.Blocks, doc.Block{Grid: g, Loc: gongkai.Loc{Sheet: s.name, Cell: tl, Line: s.base + r1}})
	return nil
}
