package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai"
	"gongkai/doc"
	"gongkai/internal/runeset"
)

// gcell is a grid cell prepared for reading.
type gcell struct {
	raw     string       // as printed, trimmed
	c       string       // folded, without white space
	loc     *gongkai.Loc // in the grid: the cell's, or its row's
	covered bool         // covered by a span; text holds the spanning cell's text
	span    bool         // the grid carries explicit span information
	isNum   bool         // raw reads as a number: ReadNumber(raw) gives num, true
	num     NumberCell
	number  string // exact number stored by the format, if any
}

// titleInfo is what surrounds a grid: its title, number, unit and notes.
type titleInfo struct {
	Title    string
	TitleLoc gongkai.Loc
	Number   string
	Unit     gongkai.Unit
	Captions []string // other caption lines (单位名称：…, (2023 年), 2024年预算数)
}

// tableBuilder turns one grid into a typed table.
type tableBuilder struct {
	year  int
	kind  gongkai.TableKind
	unit  gongkai.Unit
	rows  [][]gcell
	locs  []gongkai.Loc
	width int
	spans bool // explicit span information present
	info  titleInfo
	// noGuess keeps an unknown kind unknown (no guess from the header).
	noGuess bool
	// kindOfReport is the disclosure's kind, when known.
	kindOfReport gongkai.Kind
}

func newTableBuilder(g *doc.Grid, info titleInfo, year int, unit gongkai.Unit) *tableBuilder {
	b := &tableBuilder{year: year, unit: unit, info: info}
	b.width = g.Width()
	b.rows = make([][]gcell, 0, len(g.Rows))
	b.locs = make([]gongkai.Loc, 0, len(g.Rows))
	cells := make([]gcell, len(g.Rows)*b.width)
	for i := range g.Rows {
		r := &g.Rows[i]
		row := cells[i*b.width : (i+1)*b.width : (i+1)*b.width]
		for j := range row {
			row[j].loc = &r.Loc
		}
		for j := range r.Cells {
			c := &r.Cells[j]
			raw := runeset.TrimSpace(stripMarkup(c.Text))
			row[j] = gcell{raw: raw, c: Compact(raw), loc: &c.Loc, covered: c.Covered, number: c.Number}
			row[j].num, row[j].isNum = ReadNumber(raw)
			if c.ColSpan > 1 || c.RowSpan > 1 || c.Covered {
				b.spans = true
			}
			if c.Loc.Line == 0 {
				row[j].loc = &r.Loc
			}
		}
		b.rows = append(b.rows, row)
		b.locs = append(b.locs, r.Loc)
	}
	if b.spans {
		b.fillSpans(g)
	}
	return b
}

// fillSpans copies the text of spanning cells into the cells they cover, so
// header labels read the same in every column a span covers.
func (b *tableBuilder) fillSpans(g *doc.Grid) {
	for i, r := range g.Rows {
		for j, c := range r.Cells {
			if c.Covered {
				continue
			}
			cs, rs := max(c.ColSpan, 1), max(c.RowSpan, 1)
			for di := 0; di < rs && i+di < len(b.rows); di++ {
				for dj := 0; dj < cs && j+dj < b.width; dj++ {
					if di == 0 && dj == 0 {
						continue
					}
					t := &b.rows[i+di][j+dj]
					t.covered = true
					src := &b.rows[i][j]
					t.raw, t.c, t.num, t.isNum = src.raw, src.c, src.num, src.isNum
				}
			}
		}
	}
}

// build reads the grid.
func (b *tableBuilder) build() *gongkai.Table {
	t := &gongkai.Table{Kind: b.kind, Title: b.info.Title, Number: b.info.Number, Loc: b.info.TitleLoc}
	if t.Loc.Line == 0 && len(b.locs) > 0 {
		t.Loc = b.locs[0]
	}
	b.takeCaptions()
	t.Unit = b.unit
	if len(b.rows) == 0 {
		return t
	}
	hdr := b.headerEnd()
	labels := b.columnLabels(hdr)
	if b.kind == gongkai.TUnknown && !b.noGuess {
		var names []string
		for i := hdr; i < len(b.rows) && i < hdr+8; i++ {
			names = append(names, b.rows[i][0].raw)
		}
		var flat []string
		for _, l := range labels {
			flat = append(flat, strings.Join(l, "/"))
		}
		b.kind = kindOfHeader(flat, names)
		t.Kind = b.kind
	}
	if !isFinancial(b.kind) {
		b.plainRows(t, hdr, labels)
		return t
	}
	cols := b.classify(labels, hdr)
	sides := b.sides(cols, labels)
	listed := map[gongkai.Role]bool{}
	for k, s := range sides {
		if k > 0 && s.side == gongkai.NoSide {
			// Blocks stacked into one list share the first block's
			// columns; a block laid out like the first but headed by
			// another part of the whole (人员经费 | 公用经费) adds its role.
			if len(s.values) != len(sides[0].values) {
				continue
			}
			for _, j := range s.values {
				if !listed[cols[j].role] {
					listed[cols[j].role] = true
					t.Columns = append(t.Columns, gongkai.Column{Role: cols[j].role, Label: strings.Join(labels[j], "/")})
				}
			}
			continue
		}
		for _, j := range s.values {
			if s.side == gongkai.NoSide {
				listed[cols[j].role] = true
			}
			t.Columns = append(t.Columns, gongkai.Column{Role: cols[j].role, Label: strings.Join(labels[j], "/"), Side: s.side})
		}
	}
	b.readRows(t, hdr, cols, sides, labels)
	if b.kind == gongkai.TThreeCosts {
		b.transposeThreeCosts(t, hdr, labels, cols)
	}
	return t
}

// Captions.

// mayStartCaption reports whether s starts as a match of captionCell can
// once folded: with 金, 单, 编, 部, 截, 预, 填, 公, 决, 表, a bracket or a
// digit (full-width ones fold to ASCII).
func mayStartCaption(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case r >= '0' && r <= '9', r >= '０' && r <= '９':
		return true
	}
	switch r {
	case '金', '单', '编', '部', '截', '预', '填', '公', '决', '表', '(', '（':
		return true
	}
	return false
}

var captionCell = regexp.MustCompile(`^((金额)?单位\s*[:：]|编制单位|单位名称\s*[:：]|部门编码及名称|部门\s*[:：]|截止时间|预算年度|填报单位|[(（]?\d{4}\s*年度?[)）]?$|(预算|公开|决算)?\d{1,2}表$|表[一二三四五六七八九十]+$)`)

// takeCaptions removes caption rows above the header (unit line, 编制单位,
// table number) and takes the unit from them.
func (b *tableBuilder) takeCaptions() {
	for len(b.rows) > 0 {
		row := b.rows[0]
		var texts []string
		caption := false
		for _, c := range row {
			if c.raw == "" || c.covered {
				continue
			}
			texts = append(texts, c.raw)
			if mayStartCaption(c.raw) && captionCell.MatchString(Fold(c.raw)) {
				caption = true
			}
			if u, ok := UnitIn(c.raw); ok {
				b.unit = u
			}
		}
		if len(texts) == 0 || !caption || len(texts) > 4 {
			return
		}
		for _, s := range texts {
			if n := tableNumber(s); n != "" && b.info.Number == "" {
				b.info.Number = n
			}
		}
		b.info.Captions = append(b.info.Captions, texts...)
		b.rows, b.locs = b.rows[1:], b.locs[1:]
	}
}

// Header.

// codeNameRE reads a code printed with its name ("2010301 行政运行").
var codeNameRE = regexp.MustCompile(`^(\d{3}(?:\d{2}){0,2}|\d{6})\s*[-—_:：.、]?\s*([^\d\s.,%].*)$`)

// isCode reports whether s is a classification code: 3, 5 or 7 ASCII
// digits (`^\d{3}(\d{2}){0,2}$`).
func isCode(s string) bool {
	return (len(s) == 3 || len(s) == 5 || len(s) == 7) && allDigits(s)
}

// isSmallInt reports whether s is 1 or 2 ASCII digits (`^\d{1,2}$`).
func isSmallInt(s string) bool { return len(s) <= 2 && allDigits(s) }

// isTotalName reports whether s is 合计, 总计 or 小计.
func isTotalName(s string) bool { return s == "合计" || s == "总计" || s == "小计" }

// startsWithDigit reports whether s starts with an ASCII digit, as every
// match of codeNameRE does.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// codeNameMatch is codeNameRE.FindStringSubmatch(Fold(s)); only a text
// starting with a digit, ASCII or full-width, can match.
func codeNameMatch(s string) []string {
	if !startsWithDigit(s) && !(len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) {
		return nil
	}
	return codeNameRE.FindStringSubmatch(Fold(s))
}

// joinLabels joins each column's header labels as a cell's Label says them.
func joinLabels(labels [][]string) []string {
	out := make([]string, len(labels))
	for j, l := range labels {
		out[j] = strings.Join(l, "/")
	}
	return out
}

// isIndexRow reports whether a row only numbers the columns ("栏次 1 2 3",
// "* * 1 2 3").
func isIndexRow(row []gcell) bool {
	ints, other, marks := 0, 0, 0
	for _, c := range row {
		switch {
		case c.c == "":
		case c.c == "栏次" || c.c == "行次" || c.c == "*" || c.c == "—":
			marks++
		case isSmallInt(c.c):
			ints++
		default:
			other++
		}
	}
	return other == 0 && (ints >= 2 || ints >= 1 && marks >= 1)
}

// isDataRow reports whether a row holds data rather than header labels.
func (b *tableBuilder) isDataRow(row []gcell) bool {
	if isIndexRow(row) {
		return false
	}
	first := -1
	texts := 0
	for j, c := range row {
		if c.c == "" || c.covered {
			continue
		}
		if first < 0 {
			first = j
		}
		if isCode(c.c) && len(c.c) != 4 {
			return true
		}
		if c.isNum && !c.num.Dash && !c.num.Percent {
			if !isSmallInt(c.c) || b.kind == gongkai.TThreeCosts {
				return true
			}
			continue
		}
		texts++
	}
	if first < 0 {
		return false
	}
	// A lone total row of an empty table ("合计" with nothing else).
	if isTotalName(row[first].c) && texts == 1 {
		return true
	}
	// A row naming a line by its list number ("一、一般公共预算拨款收入",
	// "1.政府采购货物支出"), figures or not.
	if HasListMarker(Fold(row[first].raw)) && b.kind != gongkai.TUnknown {
		return true
	}
	return false
}

// headerEnd returns the index of the first data row.
func (b *tableBuilder) headerEnd() int {
	for i, row := range b.rows {
		if b.isDataRow(row) {
			return i
		}
	}
	return len(b.rows)
}

// columnLabels returns, for each column, the header texts above it, top first.
func (b *tableBuilder) columnLabels(hdr int) [][]string {
	labels := make([][]string, b.width)
	var rows []int
	for i := 0; i < hdr; i++ {
		if !isIndexRow(b.rows[i]) {
			rows = append(rows, i)
		}
	}
	for k, i := range rows {
		txt := make([]string, b.width)
		for j, c := range b.rows[i] {
			txt[j] = c.raw
		}
		if !b.spans {
			// Without span information a group label sits in its first
			// column; it covers the empty cells to its right under which a
			// lower header row has labels.
			for j := 0; j < b.width; j++ {
				if txt[j] == "" || b.rows[i][j].raw == "" {
					continue
				}
				for c := j + 1; c < b.width && b.rows[i][c].raw == ""; c++ {
					if !b.hasLabelBelow(rows[k+1:], c) {
						break
					}
					txt[c] = txt[j]
				}
			}
		}
		for j := range txt {
			s := runeset.TrimSpace(txt[j])
			if s == "" {
				continue
			}
			if n := len(labels[j]); n > 0 && Compact(labels[j][n-1]) == Compact(s) {
				continue
			}
			labels[j] = append(labels[j], s)
		}
	}
	return labels
}

func (b *tableBuilder) hasLabelBelow(rows []int, col int) bool {
	for _, i := range rows {
		if b.rows[i][col].raw != "" {
			return true
		}
	}
	return false
}

// Columns.

type colInfo struct {
	class columnClass
	role  gongkai.Role
}

// classify decides what each column holds, from its labels and its data.
func (b *tableBuilder) classify(labels [][]string, hdr int) []colInfo {
	cols := make([]colInfo, b.width)
	for j := range cols {
		cols[j].class = classOf(labels[j])
		if cols[j].class == colValue {
			cols[j].role = roleIn(labels[j], b.year, b.kind)
		}
	}
	// Data decides where labels are silent or misleading.
	for j := range cols {
		nums, texts, codes, total := 0, 0, 0, 0
		for i := hdr; i < len(b.rows); i++ {
			c := b.rows[i][j]
			if c.c == "" || c.covered {
				continue
			}
			total++
			if isCode(c.c) || j == 0 && startsWithDigit(c.c) && codeNameRE.MatchString(c.c) {
				codes++
			}
			if c.isNum && !c.num.Dash {
				nums++
			} else if !c.isNum {
				texts++
			}
		}
		switch {
		case cols[j].class == colValue && total > 0 && codes*2 > total && j < 2 && labelIsBlankOrCode(labels[j]):
			cols[j].class = colCode
		case cols[j].class == colValue && texts > nums && texts*2 >= total && total > 0:
			if labelIsBlankOrName(labels[j]) || j <= 1 {
				cols[j].class = colName
			} else {
				cols[j].class = colText
			}
		}
	}
	// "功能科目" names the lines only beside their codes (类|款|项|功能科目);
	// elsewhere (政府采购品目|功能科目|…) it is a detail of each line.
	for j := range cols {
		if cols[j].class == colName && j > 0 && cols[j-1].class != colCode && cols[j-1].class != colCodePart &&
			len(labels[j]) > 0 && classifierLabel.MatchString(Compact(labels[j][len(labels[j])-1])) {
			cols[j].class = colText
		}
	}
	// A table must have somewhere to read names from.
	hasKey := false
	for _, c := range cols {
		if c.class == colName || c.class == colCode || c.class == colCodePart {
			hasKey = true
		}
	}
	if !hasKey && b.width > 0 && b.kind != gongkai.TThreeCosts {
		cols[0].class = colName
	}
	for j := range cols {
		if cols[j].class == colValue && cols[j].role == gongkai.RNone {
			if b.emptyColumn(j, hdr) && len(labels[j]) > 0 && unitLabel.MatchString(Compact(labels[j][len(labels[j])-1])) {
				cols[j].class = colText // "预算单位" left blank on a continued page
				continue
			}
			cols[j].role = gongkai.RAmount
		}
		if cols[j].class == colValue && cols[j].role == gongkai.RLineNo {
			cols[j].class = colLineNo
		}
	}
	return cols
}

var classifierLabel = regexp.MustCompile(`^(支出)?(功能|经济)(分类)?科目$`)

var unitLabel = regexp.MustCompile(`单位$|单位名称|单位编码|^预算单位`)

// emptyColumn reports whether column j has no text in any data row.
func (b *tableBuilder) emptyColumn(j, hdr int) bool {
	for i := hdr; i < len(b.rows); i++ {
		if b.rows[i][j].c != "" {
			return false
		}
	}
	return true
}

func labelIsBlankOrCode(l []string) bool {
	return len(l) == 0 || codeLabel.MatchString(Compact(l[len(l)-1]))
}

func labelIsBlankOrName(l []string) bool {
	return len(l) == 0 || nameLabel.MatchString(Compact(l[len(l)-1])) || Compact(l[len(l)-1]) == "项目"
}

// side is one block of columns of a two- or three-sided table.
type side struct {
	side      gongkai.Side
	code      []int // code columns (one, or 类/款/项 parts)
	partCodes bool
	name      int // -1 when none
	unitName  int // a 预算单位 column before the codes, read when name is blank; -1 when none
	values    []int
	start     int
	end       int
}

// sides cuts the columns into side-by-side blocks: a block starts at a key
// column (code or name) that follows a value column.
func (b *tableBuilder) sides(cols []colInfo, labels [][]string) []side {
	var out []side
	cur := side{name: -1, unitName: -1}
	seenValue, seenKey := false, false
	for j, c := range cols {
		key := c.class == colCode || c.class == colCodePart || c.class == colName
		if key && seenValue && seenKey {
			cur.end = j
			out = append(out, cur)
			cur = side{name: -1, unitName: -1, start: j}
			seenValue, seenKey = false, false
		}
		if key {
			seenKey = true
		}
		switch c.class {
		case colCode:
			cur.code = append(cur.code, j)
		case colCodePart:
			cur.code = append(cur.code, j)
			cur.partCodes = true
		case colName:
			switch {
			case cur.name < 0:
				cur.name = j
			case cur.unitName < 0 && j > 0 && (cols[j-1].class == colCode || cols[j-1].class == colCodePart) &&
				len(cur.code) > 0 && cur.code[0] > cur.name:
				// 预算单位 | 科目编码 | 科目名称: the lines are named beside
				// their codes; the unit column names only the unit's row.
				cur.unitName, cur.name = cur.name, j
			}
		case colValue:
			cur.values = append(cur.values, j)
			seenValue = seenKey
		}
	}
	cur.end = len(cols)
	out = append(out, cur)
	if len(out) == 1 {
		return out
	}
	// Name the sides from the top header labels.
	expend := 0
	for k := range out {
		top := ""
		if l := labels[out[k].start]; len(l) > 0 {
			top = Compact(l[0])
		}
		switch {
		case strings.HasPrefix(top, "收入"):
			out[k].side = gongkai.IncomeSide
		case strings.HasPrefix(top, "支出") || strings.HasPrefix(top, "项目(按支出"):
			expend++
			if expend > 1 {
				out[k].side = gongkai.EconSide
			} else {
				out[k].side = gongkai.ExpendSide
			}
		}
	}
	named := b.kind == gongkai.TTotal || b.kind == gongkai.TFiscalTotal // always two-sided
	for _, s := range out {
		if s.side != gongkai.NoSide {
			named = true
		}
	}
	if named {
		for k := range out {
			if out[k].side == gongkai.NoSide {
				if k == 0 {
					out[k].side = gongkai.IncomeSide
				} else if k == 1 {
					out[k].side = gongkai.ExpendSide
				} else {
					out[k].side = gongkai.EconSide
				}
			}
		}
	}
	return out
}

// Rows.

var cjkSpace = regexp.MustCompile(`\s+`)

// cleanText collapses white space, dropping it between CJK characters (a
// line break inside a cell), and keeping one space elsewhere.
func cleanText(s string) string {
	s = runeset.TrimSpace(s)
	if !strings.ContainsAny(s, " \t\n\u3000") {
		return s
	}
	// The parts between runs of white space (cjkSpace.Split), joined.
	var sb strings.Builder
	sb.Grow(len(s))
	prev, i := "", 0
	for first := true; ; first = false {
		j := i
		for j < len(s) && !isRESpace(s[j]) {
			j++
		}
		p := s[i:j]
		if !first && p != "" {
			a, n := utf8.DecodeLastRuneInString(prev)
			b, _ := utf8.DecodeRuneInString(p)
			if n > 0 && !isCJK(a) && !isCJK(b) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(p)
		if j == len(s) {
			break
		}
		for j < len(s) && isRESpace(s[j]) {
			j++
		}
		prev, i = p, j
	}
	return sb.String()
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		strings.ContainsRune("“”‘’（）《》", r)
}

// readRows reads the data rows of every side.
func (b *tableBuilder) readRows(t *gongkai.Table, hdr int, cols []colInfo, sides []side, labels [][]string) {
	headerTexts := map[string]bool{}
	for i := 0; i < hdr; i++ {
		for _, c := range b.rows[i] {
			if c.c != "" {
				headerTexts[c.c] = true
			}
		}
	}
	joined := joinLabels(labels)
	stack := len(sides) > 1 && sides[0].side == gongkai.NoSide
	perSide := make([][]*gongkai.Row, len(sides))
	lastCode := make([][3]string, len(sides))
	for i := hdr; i < len(b.rows); i++ {
		row := b.rows[i]
		if isIndexRow(row) || b.isRepeatedHeader(row, headerTexts) {
			continue
		}
		built := make([]*gongkai.Row, 0, len(sides))
		for k, s := range sides {
			r := b.readSideRow(row, b.locs[i], s, cols, joined, &lastCode[k])
			built = append(built, r)
		}
		mergeSplitSides(built)
		for k, r := range built {
			if r == nil || (r.Name == "" && r.Code == "" && !hasValue(r)) {
				continue
			}
			r.Side = sides[k].side
			r.Item = sideItem(r.Item, r.Side, b.kind)
			perSide[k] = append(perSide[k], r)
		}
	}
	if stack {
		for _, rs := range perSide {
			t.Rows = append(t.Rows, rs...)
		}
		return
	}
	// Sides kept in reading order, row by row.
	for i := 0; ; i++ {
		more := false
		for _, rs := range perSide {
			if i < len(rs) {
				t.Rows = append(t.Rows, rs[i])
				more = true
			}
		}
		if !more {
			break
		}
	}
	sort.SliceStable(t.Rows, func(a, c int) bool { return sideOrder(t.Rows[a].Side) < sideOrder(t.Rows[c].Side) })
}

// sideItem corrects an item read from a name alone ("总计", "合计") for the
// side and kind of table it is in.
func sideItem(it gongkai.Item, side gongkai.Side, kind gongkai.TableKind) gongkai.Item {
	if side == gongkai.ExpendSide || side == gongkai.EconSide {
		switch it {
		case gongkai.IIncomeGrand:
			return gongkai.IExpendGrand
		case gongkai.IIncomeYear:
			return gongkai.IExpendYear
		}
	}
	if side == gongkai.IncomeSide && it == gongkai.ITotal && (kind == gongkai.TTotal || kind == gongkai.TFiscalTotal) {
		return gongkai.IIncomeGrand
	}
	if side == gongkai.ExpendSide && it == gongkai.ITotal && (kind == gongkai.TTotal || kind == gongkai.TFiscalTotal) {
		return gongkai.IExpendGrand
	}
	if it == gongkai.ITotal {
		switch kind {
		case gongkai.TThreeCosts:
			return gongkai.IThreeTotal
		case gongkai.TProcurement:
			return gongkai.IProcureTotal
		}
	}
	return it
}

func sideOrder(s gongkai.Side) int {
	switch s {
	case gongkai.IncomeSide:
		return 0
	case gongkai.ExpendSide:
		return 1
	case gongkai.EconSide:
		return 2
	}
	return 3
}

func hasValue(r *gongkai.Row) bool {
	for _, c := range r.Cells {
		if c.Money != nil || c.Fixed != nil {
			return true
		}
	}
	return false
}

// mergeSplitSides repairs rows whose name fell into one side and whose
// values into the next, as extraction sometimes shifts cells.
func mergeSplitSides(rs []*gongkai.Row) {
	for k := 0; k+1 < len(rs); k++ {
		a, c := rs[k], rs[k+1]
		if a == nil || c == nil {
			continue
		}
		if a.Name != "" && !hasValue(a) && c.Name == "" && c.Code == "" && hasValue(c) {
			a.Cells = c.Cells
			rs[k+1] = nil
			continue
		}
		// A total whose label is printed across the columns of one side
		// and its amount in the next (当年支出小计 centred over 功能分类 and
		// 支出用途) lands as text in a value column of the first side.
		if name := loneLabel(a); name != "" && c.Name == "" && c.Code == "" && hasValue(c) {
			if it := ItemOf(name); it != gongkai.INone {
				a.Name, a.Item, a.Cells = name, it, c.Cells
				rs[k+1] = nil
			}
		}
	}
}

// loneLabel returns the text of a row that has no name, code or figure and
// one cell of text only; "" otherwise.
func loneLabel(r *gongkai.Row) string {
	if r.Name != "" || r.Code != "" || len(r.Cells) != 1 || hasValue(r) {
		return ""
	}
	return cleanText(r.Cells[0].Text)
}

// isRepeatedHeader reports whether a row repeats header labels (a header
// printed again after a page break).
func (b *tableBuilder) isRepeatedHeader(row []gcell, header map[string]bool) bool {
	same, other := 0, 0
	for _, c := range row {
		if c.c == "" || c.covered {
			continue
		}
		if header[c.c] {
			same++
		} else {
			other++
		}
	}
	return same >= 2 && other == 0 || (same >= 1 && other == 0 && rowHasOnlyLabels(row))
}

func rowHasOnlyLabels(row []gcell) bool {
	for _, c := range row {
		if c.c == "" {
			continue
		}
		if c.isNum {
			return false
		}
		if isCode(c.c) || ItemOf(c.raw) != gongkai.INone {
			return false
		}
	}
	return true
}

// readSideRow reads one side of one grid row.
func (b *tableBuilder) readSideRow(row []gcell, loc gongkai.Loc, s side, cols []colInfo, joined []string, last *[3]string) *gongkai.Row {
	r := &gongkai.Row{Loc: loc}
	if s.partCodes {
		r.Code = joinCodeParts(row, s.code, last)
	} else if len(s.code) > 0 {
		r.Code = runeset.TrimSpace(Compact(row[s.code[0]].raw))
	}
	if s.name >= 0 {
		r.Name = cleanText(row[s.name].raw)
	}
	if r.Name == "" && s.unitName >= 0 {
		r.Name = cleanText(row[s.unitName].raw)
	}
	// A code column holding "合计" or a name; a name holding its code.
	if r.Code != "" && !isCode(r.Code) && !isUnitCode(r.Code) {
		if m := codeNameMatch(row[s.code[0]].raw); m != nil {
			r.Code, r.Name = m[1], cleanText(m[2])+r.Name
		} else {
			if r.Name == "" {
				r.Name = cleanText(row[s.code[0]].raw)
			}
			r.Code = ""
		}
	}
	if r.Code == "" {
		if m := codeNameMatch(r.Name); m != nil {
			r.Code, r.Name = m[1], cleanText(m[2])
		}
	}
	r.Name = strings.TrimLeft(r.Name, "-—_:：.、 ")
	for _, j := range s.values {
		c := row[j]
		if c.covered && c.raw != "" && j > 0 && row[j-1].raw == c.raw {
			continue
		}
		cell := gongkai.Cell{Role: cols[j].role, Label: joined[j], Text: c.raw, Loc: *c.loc}
		b.readValue(&cell, c)
		if cell.Text == "" {
			continue
		}
		if cell.Money == nil && cell.Fixed == nil && r.Name == "" && s.name < 0 {
			r.Name = cleanText(c.raw)
			continue
		}
		if r.Cells == nil {
			r.Cells = make([]gongkai.Cell, 0, textCells(row, s.values))
		}
		r.Cells = append(r.Cells, cell)
	}
	if r.Code != "" && isUnitRow(r.Code, r.Name) {
		r.Item = gongkai.IUnit
		return r
	}
	if r.Code == "" {
		r.Item = ItemOf(r.Name)
		if r.Item == gongkai.INone && isClassRowName(r.Name) {
			r.Item = gongkai.IClass
		}
		if r.Item == gongkai.INone && r.Name != "" && isUnitRow("", r.Name) && (b.kind != gongkai.TTotal && b.kind != gongkai.TFiscalTotal) {
			r.Item = gongkai.IUnit
		}
	}
	return r
}

// textCells counts the columns idx of row with text of their own (not a
// span's text repeated): at most as many cells as a row gets from them.
func textCells(row []gcell, idx []int) int {
	n := 0
	for _, j := range idx {
		c := row[j]
		if c.raw != "" && !(c.covered && j > 0 && row[j-1].raw == c.raw) {
			n++
		}
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isUnitCode(s string) bool {
	return len(s) >= 3 && allDigits(s)
}

// joinCodeParts builds a code from 类/款/项 columns, taking parts left blank
// from the rows above.
func joinCodeParts(row []gcell, idx []int, last *[3]string) string {
	var parts [3]string
	for k := 0; k < 3 && k < len(idx); k++ {
		parts[k] = Compact(row[idx[k]].raw)
	}
	if parts[0] == "" && parts[1] == "" && parts[2] == "" {
		return ""
	}
	for _, p := range parts {
		if p != "" && !allDigits(p) {
			return ""
		}
	}
	// A part column that holds a whole code ("21011" under 款).
	for k := 2; k >= 1; k-- {
		if len(parts[k]) >= 5 {
			return parts[k]
		}
	}
	if len(parts[0]) > 3 {
		return parts[0]
	}
	if parts[0] == "" {
		parts[0] = last[0]
		if parts[1] == "" {
			parts[1] = last[1]
		}
	}
	last[0] = parts[0]
	if parts[1] != "" {
		last[1] = parts[1]
	}
	code := parts[0]
	if parts[1] != "" {
		code += parts[1]
		if parts[2] != "" {
			code += parts[2]
		}
	}
	return code
}

// readValue parses the text of a value cell as money, a percentage or a plain number.
func (b *tableBuilder) readValue(cell *gongkai.Cell, c gcell) {
	n, ok := c.num, c.isNum
	if c.number != "" {
		n, ok = ReadNumber(c.number)
	}
	if !ok || n.Dash {
		return
	}
	if n.Percent || cell.Role == gongkai.RRate || cell.Role == gongkai.RQuantity {
		if f, err := gongkai.ParseFixed(n.Digits); err == nil {
			cell.Fixed = &f
		}
		return
	}
	m, err := gongkai.ParseMoney(n.Digits, b.unit)
	if err == nil && c.number != "" && c.raw != "" {
		// A stored number keeps its exact value; its shown form says how
		// many decimals the document prints ("2,000.00" for 2000).
		if shown, ok := c.num, c.isNum; ok && shown.Places > m.Places && shown.Places <= b.unit.MaxPlaces() {
			if sm, err := gongkai.ParseMoney(shown.Digits, b.unit); err == nil && sm.Fen == m.Fen {
				m.Places = shown.Places
			}
		}
	}
	if err != nil {
		if f, err := gongkai.ParseFixed(n.Digits); err == nil {
			cell.Fixed = &f
		}
		return
	}
	cell.Money = &m
	cell.Gap = n.Spaced
}

// markClipped flags cells printed with fewer decimals than the document's
// tables usually print ("341. 3" where figures have two decimals): text cut
// short by extraction. The usual number of decimals is taken over all
// tables of a unit, so a table that is mostly clipped is still caught.
func markClipped(tables []*gongkai.Table) {
	count := map[gongkai.Unit]map[int]int{}
	for _, t := range tables {
		if !isFinancial(t.Kind) {
			continue
		}
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				if c.Money != nil && c.Money.Places > 0 {
					if count[t.Unit] == nil {
						count[t.Unit] = map[int]int{}
					}
					count[t.Unit][c.Money.Places]++
				}
			}
		}
	}
	dominant := map[gongkai.Unit]int{}
	for u, m := range count {
		best := 0
		for p, n := range m {
			if n > best || (n == best && p > dominant[u]) {
				dominant[u], best = p, n
			}
		}
	}
	for _, t := range tables {
		for _, r := range t.Rows {
			for i := range r.Cells {
				c := &r.Cells[i]
				if c.Money == nil {
					continue
				}
				c.Clipped = c.Money.Places < dominant[t.Unit] && (c.Gap || c.Money.Places > 0)
			}
		}
	}
}

// plainRows reads a table that is not money by classification (targets,
// self-evaluation, assets): one row per grid row, text kept.
func (b *tableBuilder) plainRows(t *gongkai.Table, hdr int, labels [][]string) {
	if hdr > 3 || hdr == len(b.rows) {
		// The header guess is unreliable in free-form tables: only a first
		// row without numbers is a header.
		hdr = 0
		if len(b.rows) > 1 && !b.isDataRow(b.rows[0]) {
			hdr = 1
		}
		labels = b.columnLabels(hdr)
	}
	if hdr > 1 && b.completeRow(b.rows[0]) && isKeyValueRow(b.rows[1]) {
		// A first row that labels every column needs no second header
		// row: a label and its value after it ("项目名称 | 政务数据平台 |
		// | |") are data.
		hdr = 1
		labels = b.columnLabels(hdr)
	}
	joined := joinLabels(labels)
	// What each column's label says, read once per table.
	moneyCol := make([]bool, b.width)  // names money
	scoreCol := make([]bool, b.width)  // a score, weight or rate
	pointsCol := make([]bool, b.width) // a score or weight
	for j := 0; j < b.width; j++ {
		t.Columns = append(t.Columns, gongkai.Column{Role: gongkai.RText, Label: joined[j]})
		c := Compact(joined[j])
		moneyCol[j], scoreCol[j], pointsCol[j] = containsAny(c, moneyLabel), containsAny(c, scoreLabel), containsAny(c, pointsLabel)
	}
	for i := hdr; i < len(b.rows); i++ {
		row := b.rows[i]
		r := &gongkai.Row{Loc: b.locs[i]}
		oneFigure := figures(row[1:]) == 1
		// What the row's name says (moneyRow, moneyUnitRow), once it is known.
		nameMoney, nameUnit := false, false
		for j, c := range row {
			if c.raw == "" || (c.covered && j > 0 && row[j-1].raw == c.raw) {
				continue
			}
			if r.Name == "" {
				r.Name = cleanText(c.raw)
				cn := Compact(r.Name)
				nameMoney, nameUnit = containsAny(cn, moneyLabel), endsWithMoneyUnit(cn)
				continue
			}
			cell := gongkai.Cell{Role: gongkai.RText, Label: joined[j], Text: c.raw, Loc: *c.loc}
			plain := c.isNum && !c.num.Dash && !c.num.Percent
			if moneyCol[j] || oneFigure && nameMoney && !scoreCol[j] && plain || nameUnit && !pointsCol[j] && plain {
				cell.Role = gongkai.RAmount
				b.readValue(&cell, c)
			} else if c.isNum && !c.num.Dash {
				if f, err := gongkai.ParseFixed(c.num.Digits); err == nil {
					cell.Fixed = &f
				}
			}
			if r.Cells == nil {
				r.Cells = make([]gongkai.Cell, 0, len(row)-j)
			}
			r.Cells = append(r.Cells, cell)
		}
		if r.Name != "" || len(r.Cells) > 0 {
			t.Rows = append(t.Rows, r)
		}
	}
}

// completeRow reports whether every column of row has a label of its own.
func (b *tableBuilder) completeRow(row []gcell) bool {
	for _, c := range row {
		if c.c == "" || c.covered {
			return false
		}
	}
	return len(row) > 1
}

// isKeyValueRow reports whether row is a label and one value in its
// first two cells, the other cells empty.
func isKeyValueRow(row []gcell) bool {
	n := 0
	for _, c := range row {
		if c.c != "" && !c.covered {
			n++
		}
	}
	return n == 2 && len(row) > 2 && row[0].c != "" && row[1].c != "" && !row[1].covered
}

// figures counts the cells of row that hold a number.
func figures(row []gcell) int {
	n := 0
	for _, c := range row {
		if c.raw == "" || c.covered {
			continue
		}
		if c.isNum && !c.num.Dash {
			n++
		}
	}
	return n
}

// A cell of a plain table holds money when its column's label says so;
// when the one figure of a row is money because the row says so
// ("当年预算（万元） | 530.00", "部门支出预算数 | 2,223.71": moneyLabel in the
// name) while its column ("二级指标") does not say otherwise (scoreLabel: a
// score, weight or rate); or when its row names the unit
// ("年度资金总额（万元） | 101.00 | 101.00 | 98.50 | 97.52%": endsWithMoneyUnit),
// every plain figure of the row but a score or weight (pointsLabel).
var (
	scoreLabel  = []string{"分值", "得分", "权重", "率", "指标值", "完成值"}
	pointsLabel = []string{"分值", "得分", "权重"}
	moneyLabel  = []string{"金额", "预算数", "资金", "万元", "元)", "元）", "价值", "执行数", "当年预算", "决算数"}
	// rowMoneyUnit: endsWithMoneyUnit
)

// tableNumber extracts a table number such as 公开05表, 预算 01 表 or 表二.
func tableNumber(s string) string {
	m := tableNumberRE.FindString(Compact(s))
	return m
}

var tableNumberRE = regexp.MustCompile(`^((预算|公开|决算|附)?\d{1,2}表|表[一二三四五六七八九十]+|附表\d{1,2})$`)
