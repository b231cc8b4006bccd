// Package extract recognises a disclosure in a document read by an importer:
// it finds the department, year and kind, types every table by what it is
// (whatever its number or title), gives every column its role and every row
// its code or item, and reads every checkable number statement of the prose
// as a claim.
//
// It knows budgets and nothing of file formats: every importer produces a
// doc.Document, and Build turns any of them into the same gongkai.Report.
package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai"
	"gongkai/doc"
	"gongkai/internal/runeset"
)

// Options tune Build.
type Options struct {
	// Kind, Year and Department override what the document says, when set.
	Kind       gongkai.Kind
	Year       int
	Department string
}

// Build recognises the disclosure in d.
func Build(d *doc.Document, opt Options) (*gongkai.Report, error) {
	r := &gongkai.Report{File: d.File}
	r.Sources = []*gongkai.Source{{File: d.File, Format: d.Format, Lines: d.Lines}}
	blocks := mergeContinuedGrids(d.Blocks)
	meta := findMeta(blocks)
	r.Department, r.Year, r.Kind = meta.department, meta.year, meta.kind
	if opt.Department != "" {
		r.Department = opt.Department
	}
	if opt.Year != 0 {
		r.Year = opt.Year
	}
	if opt.Kind != "" {
		r.Kind = opt.Kind
	}
	proseUnit := dominantProseUnit(blocks)
	consumed := make([]bool, len(blocks))
	lastUnit := gongkai.Unit("")
	for i, b := range blocks {
		if !b.IsGrid() {
			continue
		}
		info := lookBack(blocks, i, consumed)
		if info.Title == "" && b.Grid.Title != "" {
			info.Title = b.Grid.Title
		}
		unit := info.Unit
		if unit == "" {
			unit = headerUnit(b.Grid)
		}
		if unit == "" {
			unit = lastUnit
		}
		if unit == "" {
			unit = proseUnit
		}
		if unit == "" {
			unit = gongkai.WanYuan
		}
		tb := newTableBuilder(b.Grid, info, r.Year, unit)
		tb.kind = KindOfTitle(info.Title)
		if tb.kind == gongkai.TUnknown && b.Grid.Title != "" {
			tb.kind = KindOfTitle(b.Grid.Title)
		}
		tb.noGuess = notATable.MatchString(Compact(info.Title))
		tb.kindOfReport = r.Kind
		t := tb.build()
		if t.Loc.Line == 0 {
			t.Loc = b.Loc
		}
		t.Note, t.NoteLoc = lookAhead(blocks, i, consumed)
		if len(t.Rows) == 0 && t.Kind == gongkai.TUnknown && t.Note == "" {
			continue
		}
		if info.Unit != "" {
			lastUnit = info.Unit
		} else if t.Unit != "" && tb.unit != unit {
			lastUnit = t.Unit
		}
		r.Tables = append(r.Tables, t)
	}
	r.Tables = append(r.Tables, gridlessTables(blocks, consumed, lastUnit)...)
	sort.SliceStable(r.Tables, func(i, j int) bool { return r.Tables[i].Loc.Before(r.Tables[j].Loc) })
	r.Tables = mergeRepeated(r.Tables)
	markClipped(r.Tables)
	r.Sections = prose(blocks, consumed)
	r.Claims = readClaims(r.Sections, proseUnit, r.Year)
	r.Unit = proseUnit
	if r.Unit == "" && len(r.Tables) > 0 {
		r.Unit = r.Tables[0].Unit
	}
	if r.Unit == "" {
		r.Unit = gongkai.WanYuan
	}
	r.Units = unitsOf(r)
	fillSummary(r)
	if r.Department == "" && r.Year == 0 && len(r.Tables) == 0 && len(r.Claims) == 0 {
		return nil, &gongkai.ImportError{File: d.File, Err: gongkai.ErrNotDisclosure}
	}
	return r, nil
}

// mergeContinuedGrids joins a grid that directly follows another grid (no
// text between) with the same number of columns, or one titled 续表.
func mergeContinuedGrids(blocks []doc.Block) []doc.Block {
	var out []doc.Block
	var merged *doc.Grid // the last grid made here: its rows may grow in place
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.IsGrid() && len(out) > 0 {
			prev := &out[len(out)-1]
			if !prev.IsGrid() && Compact(prev.Text) == "续表" && len(out) > 1 && out[len(out)-2].IsGrid() {
				out = out[:len(out)-1]
				prev = &out[len(out)-1]
			}
			if prev.IsGrid() && prev.Grid.Width() == b.Grid.Width() && b.Grid.Title == "" {
				if prev.Grid == merged {
					merged.Rows = append(merged.Rows, b.Grid.Rows...)
					continue
				}
				g := *prev.Grid
				g.Rows = append(append([]doc.Row(nil), g.Rows...), b.Grid.Rows...)
				prev.Grid = &g
				merged = &g
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// notATable matches titles of grids that are not disclosure tables even when
// their columns look like one ("相关统计数" beside the "三公" table).
var notATable = regexp.MustCompile(`统计数|统计表$|机构设置`)

// mergeRepeated joins a table printed again with the same title and columns
// right after itself: the continuation of a table whose captions and
// header are repeated on every page.
func mergeRepeated(ts []*gongkai.Table) []*gongkai.Table {
	var out []*gongkai.Table
	for _, t := range ts {
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.Kind == t.Kind && p.Kind != gongkai.TUnknown && Compact(p.Title) == Compact(t.Title) &&
				(t.Number == "" || t.Number == p.Number) && sameColumns(p, t) && len(t.Rows) > 0 &&
				!(t.Kind == gongkai.TProjectTargets || t.Kind == gongkai.TSelfEvaluation || t.Kind == gongkai.TDeptTargets) {
				p.Rows = append(p.Rows, t.Rows...)
				p.Continued = true
				if p.Note == "" {
					p.Note, p.NoteLoc = t.Note, t.NoteLoc
				}
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

func sameColumns(a, b *gongkai.Table) bool {
	if len(a.Columns) != len(b.Columns) {
		return false
	}
	for i := range a.Columns {
		if a.Columns[i].Role != b.Columns[i].Role || a.Columns[i].Side != b.Columns[i].Side {
			return false
		}
	}
	return true
}

// Metadata.

type meta struct {
	department string
	year       int
	kind       gongkai.Kind
}

var (
	metaDeptFirst = regexp.MustCompile(`^(?:关于)?(.{0,40}?)\s*(\d{4})\s*年度?\s*(?:部门|单位)?\s*(?:综合)?(预算|决算)`)
	metaYearFirst = regexp.MustCompile(`^(\d{4})\s*年度?\s*(.{2,40}?)\s*(?:部门|单位)(?:综合)?(预算|决算)`)
	partMarker    = regexp.MustCompile(`^第[一二三四五六七八九十\d]+部分`)
	deptJunk      = regexp.MustCompile(`^[#•·\-*\s]+|[\s:：]+$|^(中共)?(.*?发布机构)|部门$`)
	yearRE        = regexp.MustCompile(`(\d{4})\s*年`)
)

var deptCaption = regexp.MustCompile(`^(预算主管部门|主管部门|部门名称|单位名称|部门\(单位\)名称)\s*[:：]\s*(?:\[\d+\]|\d+-)?\s*([^\s:：,，。]{2,40})`)

// vagueDept matches department names that only say a level ("区级部门").
var vagueDept = regexp.MustCompile(`(区|市|县|省)级|^本部门|^部门$`)

func findMeta(blocks []doc.Block) meta {
	var m meta
	var texts []string
	var caption string
	for _, b := range blocks {
		if b.IsGrid() {
			continue
		}
		t := runeset.TrimSpace(Fold(stripMarkup(b.Text)))
		if t == "" {
			continue
		}
		texts = append(texts, t)
		// t is folded: its colons are ':'.
		if caption == "" && strings.IndexByte(t, ':') >= 0 && (strings.Contains(t, "部门") || strings.Contains(t, "单位")) {
			if x := deptCaption.FindStringSubmatch(Compact(t)); x != nil {
				caption = x[2]
			}
		}
		if len(texts) >= 80 {
			break
		}
	}
	try := func(t string) bool {
		if utf8.RuneCountInString(t) > 80 {
			return false
		}
		var dept, year, kind string
		if x := metaDeptFirst.FindStringSubmatch(t); x != nil {
			dept, year, kind = x[1], x[2], x[3]
		} else if x := metaYearFirst.FindStringSubmatch(t); x != nil {
			year, dept, kind = x[1], x[2], x[3]
		} else {
			return false
		}
		dept = runeset.TrimSpace(deptJunk.ReplaceAllString(dept, ""))
		dept = strings.Join(strings.Fields(dept), "")
		if p := partMarker.FindString(dept); p != "" {
			// "第三部分 2025年部门预算表" heads a part of the document, not
			// the document: it names no department.
			if dept = dept[len(p):]; dept == "" {
				return false
			}
		}
		if strings.ContainsAny(dept, "，。；,;") {
			return false
		}
		y, _ := strconv.Atoi(year)
		if y < 1990 || y > 2100 {
			return false
		}
		m.department, m.year = dept, y
		if kind == "决算" {
			m.kind = gongkai.Final
		} else {
			m.kind = gongkai.Budget
		}
		return true
	}
	found := false
	for i := 0; i < len(texts) && i < 60 && !found; i++ {
		found = try(texts[i])
		if found && m.department == "" && i > 0 && utf8.RuneCountInString(texts[i-1]) <= 30 && !HasListMarker(texts[i-1]) {
			m.department = Compact(texts[i-1]) // "长沙市公安局" / "2025 年部门预算公开"
		}
	}
	// A title broken over two lines ("2026 年深圳市医疗保障局（本级）部" / "门预算").
	for i := 0; i+1 < len(texts) && i < 60 && !found; i++ {
		if utf8.RuneCountInString(texts[i]) <= 40 && utf8.RuneCountInString(texts[i+1]) <= 40 {
			found = try(texts[i] + texts[i+1])
		}
	}
	if caption != "" && (m.department == "" || vagueDept.MatchString(m.department)) {
		m.department = caption
	}
	if found {
		return m
	}
	// No title line: count the kinds named in the text.
	budget, final := 0, 0
	for _, t := range texts {
		budget += strings.Count(t, "预算")
		final += strings.Count(t, "决算")
	}
	m.kind = gongkai.Budget
	if final > budget {
		m.kind = gongkai.Final
	}
	for _, t := range texts {
		if x := yearRE.FindStringSubmatch(t); x != nil {
			if y, _ := strconv.Atoi(x[1]); y >= 1990 && y <= 2100 {
				m.year = y
				break
			}
		}
	}
	return m
}

// dominantProseUnit returns the money unit used most in the running text.
func dominantProseUnit(blocks []doc.Block) gongkai.Unit {
	count := map[gongkai.Unit]int{}
	var ms []mention
	for _, b := range blocks {
		if b.IsGrid() {
			continue
		}
		if !strings.Contains(b.Text, "元") && !percentSigns.Contains(b.Text) {
			continue // no mention, folded or not
		}
		ms = scanMentions(ms[:0], Fold(b.Text))
		for _, m := range ms {
			if !m.percent {
				count[m.unit]++
			}
		}
	}
	best, n := gongkai.Unit(""), 0
	for _, u := range []gongkai.Unit{gongkai.WanYuan, gongkai.Yuan, gongkai.YiYuan} {
		if count[u] > n {
			best, n = u, count[u]
		}
	}
	return best
}

func headerUnit(g *doc.Grid) gongkai.Unit {
	for i, r := range g.Rows {
		if i > 5 {
			break
		}
		for _, c := range r.Cells {
			if u, ok := UnitIn(c.Text); ok {
				return u
			}
		}
	}
	return ""
}

func unitsOf(r *gongkai.Report) []gongkai.Unit {
	seen := map[gongkai.Unit]bool{}
	var out []gongkai.Unit
	add := func(u gongkai.Unit) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	add(r.Unit)
	for _, t := range r.Tables {
		add(t.Unit)
	}
	for _, c := range r.Claims {
		if c.Value != nil {
			add(c.Value.Unit)
		}
	}
	return out
}

// emptyMarker says a table has nothing in it ("此表为空", "本表无数据").
var emptyMarker = guard(regexp.MustCompile(`表为空|空表|无数据|没有(发生)?.{0,20}(收入|支出|收支)|无此项|无该项`),
	"表为空", "空表", "无数据", "没有", "无此项", "无该项")

// gridlessTables finds empty tables printed without a grid: a table title
// with its number or unit line, perhaps a header line, and a note that the
// table is empty — what a PDF of an empty table often reads as.
func gridlessTables(blocks []doc.Block, consumed []bool, unit gongkai.Unit) []*gongkai.Table {
	var out []*gongkai.Table
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.IsGrid() || consumed[i] {
			continue
		}
		if len(b.Text) > 240 {
			continue // a title is short
		}
		if punctuated(b.Text) {
			continue // no title, folded or not
		}
		t := runeset.TrimSpace(Fold(stripMarkup(b.Text)))
		if !isTitleText(t) || HasListMarker(t) {
			continue
		}
		kind := KindOfTitle(t)
		if kind == gongkai.TUnknown {
			continue
		}
		tb := &gongkai.Table{Kind: kind, Title: cleanTitle(b.Text), Loc: b.Loc, Unit: unit}
		used := []int{i}
		if i > 0 && !blocks[i-1].IsGrid() && !consumed[i-1] && tableNumber(Fold(blocks[i-1].Text)) != "" {
			tb.Number = tableNumber(Fold(blocks[i-1].Text))
			used = append(used, i-1)
		}
		captioned := tb.Number != ""
		found := false
		for k := i + 1; k < len(blocks) && k <= i+6; k++ {
			if blocks[k].IsGrid() || consumed[k] {
				break
			}
			s := runeset.TrimSpace(Fold(stripMarkup(blocks[k].Text)))
			switch {
			case emptyMarker.MatchString(s) && utf8.RuneCountInString(s) <= 60:
				tb.Note, tb.NoteLoc = runeset.TrimSpace(blocks[k].Text), blocks[k].Loc
				used = append(used, k)
				found = true
			case noteLine.MatchString(s):
				used = append(used, k)
			case unitOnly(s) || captionLine.MatchString(s) || hasUnit(s):
				if u, ok := UnitIn(s); ok {
					tb.Unit = u
				}
				captioned = true
				used = append(used, k)
			case strings.Contains(blocks[k].Text, "\t") || isTotalName(Compact(s)):
				used = append(used, k) // header or 合计 line of the empty table
			default:
				k = len(blocks)
			}
		}
		if !found || !captioned {
			continue
		}
		for _, k := range used {
			consumed[k] = true
		}
		out = append(out, tb)
	}
	return out
}

// Titles and notes.

var (
	captionLine = regexp.MustCompile(`^(单位名称|编制单位|编制部门|部门名称|部门编码及名称|部门\(单位\)名称|填报单位|预算年度|截止时间)\s*[:：]|^[(（]\s*\d{4}\s*年度?\s*[)）]$|^\d{4}\s*年(预算|决算)数$`)
	noteLine    = guard(regexp.MustCompile(`^(注|备注|说明)\s*\d?\s*[:：]|空表列示|本表无数据|无数据|没有(发生)?.{0,20}(收入|支出)`),
		"注", "说明", "空表列示", "无数据", "没有")
	sentenceEnd = sentenceEndMarks // `[。！？]`
)

// isTitleText reports whether a line reads as a table title.
func isTitleText(s string) bool {
	return !punctuated(s) && titleText(s)
}

// titleText is isTitleText without its shortcut for punctuated lines.
func titleText(s string) bool {
	if len(s) > 300 {
		return false
	}
	t := Compact(stripMarkup(s))
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 70 || sentenceEnd.Contains(t) || strings.ContainsAny(t, "，,；;") {
		return false
	}
	if strings.HasPrefix(t, "-") {
		return false
	}
	if titleEnds(t) {
		return true
	}
	return KindOfTitle(t) != gongkai.TUnknown && n <= 40
}

// lookBack collects the title, number, unit and captions from the text
// blocks right before grid i, marking them consumed.
func lookBack(blocks []doc.Block, i int, consumed []bool) titleInfo {
	var info titleInfo
	var fallback string
	var fallbackLoc gongkai.Loc
	fallbackAt := -1
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		b := blocks[k]
		if b.IsGrid() || consumed[k] {
			break
		}
		t := runeset.TrimSpace(stripMarkup(Fold(b.Text)))
		switch {
		case t == "":
			consumed[k] = true
		case unitOnly(t):
			u, _ := UnitIn(t)
			if info.Unit == "" {
				info.Unit = u
			}
			consumed[k] = true
		case tableNumber(t) != "":
			if info.Number == "" {
				info.Number = tableNumber(t)
			}
			consumed[k] = true
		case captionLine.MatchString(t) || (strings.Contains(t, "编码及名称") && !sentenceEnd.Contains(t)):
			if u, ok := UnitIn(t); ok && info.Unit == "" {
				info.Unit = u
			}
			info.Captions = append([]string{t}, info.Captions...)
			consumed[k] = true
		case info.Title == "" && isTitleText(t):
			info.Title = cleanTitle(b.Text)
			info.TitleLoc = b.Loc
			consumed[k] = true
			// A number printed above the title belongs to it too.
			if k > 0 && !blocks[k-1].IsGrid() && !consumed[k-1] && tableNumber(Fold(blocks[k-1].Text)) != "" && info.Number == "" {
				info.Number = tableNumber(Fold(blocks[k-1].Text))
				consumed[k-1] = true
			}
			return info
		case info.Title == "" && fallback == "" && utf8.RuneCountInString(t) <= 30 && !sentenceEnd.Contains(t) &&
			!strings.ContainsAny(t, "，,；;") && !IsHeading(t) && !noteLine.MatchString(t):
			fallback, fallbackLoc, fallbackAt = cleanTitle(b.Text), b.Loc, k
		default:
			k = -1 // stop
		}
		if k < 0 {
			break
		}
	}
	if info.Title == "" && fallback != "" {
		info.Title, info.TitleLoc = fallback, fallbackLoc
		consumed[fallbackAt] = true
	}
	return info
}

func unitOnly(t string) bool {
	u, ok := UnitIn(t)
	return ok && u != "" && utf8.RuneCountInString(Compact(t)) <= 12
}

func cleanTitle(s string) string {
	s = runeset.TrimSpace(stripMarkup(s))
	s = strings.TrimLeft(s, "#• ")
	return strings.Join(strings.Fields(s), " ")
}

// lookAhead takes the notes printed right after grid i.
func lookAhead(blocks []doc.Block, i int, consumed []bool) (string, gongkai.Loc) {
	var notes []string
	var loc gongkai.Loc
	for k := i + 1; k < len(blocks) && k <= i+3; k++ {
		b := blocks[k]
		if b.IsGrid() || consumed[k] {
			break
		}
		t := runeset.TrimSpace(Fold(stripMarkup(b.Text)))
		short := utf8.RuneCountInString(t) <= 60
		if len(notes) == 0 && noteFollows(blocks, k+1, consumed) && tableNumber(t) == "" && !(short && emptyMarker.MatchString(t)) &&
			(isTotalName(Compact(t)) || utf8.RuneCountInString(Compact(t)) <= 6 && !strings.ContainsAny(t, "0123456789")) {
			consumed[k] = true // a header remnant or the 合计 line of an empty table, printed apart
			continue
		}
		if !(noteLine.MatchString(t) || short && emptyMarker.MatchString(t)) || utf8.RuneCountInString(t) > 200 {
			break
		}
		if len(notes) == 0 {
			loc = b.Loc
		}
		notes = append(notes, runeset.TrimSpace(stripMarkup(b.Text)))
		consumed[k] = true
	}
	return strings.Join(notes, "\n"), loc
}

// noteFollows reports whether a note comes within the next two text blocks.
func noteFollows(blocks []doc.Block, k int, consumed []bool) bool {
	for end := k + 2; k < len(blocks) && k <= end; k++ {
		if blocks[k].IsGrid() || consumed[k] {
			return false
		}
		t := runeset.TrimSpace(Fold(stripMarkup(blocks[k].Text)))
		if noteLine.MatchString(t) {
			return true
		}
		if utf8.RuneCountInString(Compact(t)) > 6 {
			return false
		}
	}
	return false
}

// Prose.

// endsSentence reports whether text ends with a mark that ends a sentence or
// announces what follows.
func endsSentence(text string) bool {
	t := strings.TrimRight(text, " \t")
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("。；;！？!?:：", r)
}

// prose gathers the text blocks not used by tables into sections and
// paragraphs, joining lines of a paragraph broken by extraction.
func prose(blocks []doc.Block, consumed []bool) []*gongkai.Section {
	var out []*gongkai.Section
	cur := &gongkai.Section{}
	var last *gongkai.Paragraph
	lastIdx := -10
	for i, b := range blocks {
		if b.IsGrid() || consumed[i] {
			continue
		}
		t := runeset.TrimSpace(stripMarkup(b.Text))
		if t == "" {
			continue
		}
		if b.Heading > 0 || IsHeading(t) {
			if len(cur.Paragraphs) > 0 || cur.Title != "" {
				out = append(out, cur)
			}
			cur = &gongkai.Section{Title: t, Loc: b.Loc}
			last = nil
			continue
		}
		if last != nil && lastIdx == i-1 && !endsSentence(last.Text) && !HasListMarker(Fold(t)) &&
			utf8.RuneCountInString(last.Text) > 20 {
			last.Joins = append(last.Joins, gongkai.Join{Offset: len(last.Text), Loc: b.Loc})
			last.Text += t
			lastIdx = i
			continue
		}
		last = &gongkai.Paragraph{Text: t, Loc: b.Loc}
		cur.Paragraphs = append(cur.Paragraphs, last)
		lastIdx = i
	}
	if len(cur.Paragraphs) > 0 || cur.Title != "" {
		out = append(out, cur)
	}
	return out
}

func hasUnit(s string) bool {
	_, ok := UnitIn(s)
	return ok
}
