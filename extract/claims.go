package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai"
	"gongkai/internal/memo"
	"gongkai/internal/runeset"
)

// foldMap folds s like Fold and returns, for every byte of the result, the
// byte offset in s it came from. The offsets are written into idx (reused).
func foldMap(s string, idx []int) (string, []int) {
	idx = idx[:0]
	if utf8.ValidString(s) {
		// Every byte maps to the start of its rune.
		if firstFold(s) < 0 {
			start := 0
			for i := 0; i < len(s); i++ {
				if utf8.RuneStart(s[i]) {
					start = i
				}
				idx = append(idx, start)
			}
			return s, append(idx, len(s))
		}
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); {
			if c := s[i]; c < utf8.RuneSelf {
				b.WriteByte(c)
				idx = append(idx, i)
				i++
				continue
			}
			r, w := utf8.DecodeRuneInString(s[i:])
			n := b.Len()
			if f := foldRune(r); f != r {
				b.WriteRune(f)
			} else {
				b.WriteString(s[i : i+w])
			}
			for k := n; k < b.Len(); k++ {
				idx = append(idx, i)
			}
			i += w
		}
		return b.String(), append(idx, len(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	var buf [utf8.UTFMax]byte
	for i, r := range s {
		n := utf8.EncodeRune(buf[:], foldRune(r))
		b.Write(buf[:n])
		for k := 0; k < n; k++ {
			idx = append(idx, i)
		}
	}
	idx = append(idx, len(s))
	return b.String(), idx
}

// spaced numbers from extraction: "341. 39", "2. 10", "138 . 59".
var spacedNumber = regexp.MustCompile(`(\d)\s*\.\s+(\d)|(\d)\s+\.\s*(\d)`)

// mention is a number with a unit found in prose.
type mention struct {
	start, end int    // byte offsets in the folded sentence text
	digits     string // plain number
	unit       gongkai.Unit
	percent    bool
	approx     bool // 以上/以下/左右/约: not an exact figure
	gap        string
	subject    string
}

var groupedNumber = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`)

// appendMentions appends to out the amounts and percentages in s: a number (digits,
// thousands commas, a decimal point) followed by 元, 万元, 亿元 or %.
func appendMentions(out []mention, s string) []mention {
	out = scanMentions(out, s)
	prev := 0
	for i := range out {
		out[i].gap = s[prev:out[i].start]
		out[i].subject = subjectOf(out[i].gap)
		prev = out[i].end
	}
	return out
}

// scanMentions appends to out the mentions of s without their gaps and
// subjects.
func scanMentions(out []mention, s string) []mention {
	// The 元 and % of s, in order: what a loop over its runes would stop at.
	pct := strings.IndexByte(s, '%')
	yuan := strings.Index(s, "元")
	next := 0 // where the search goes on
	for pos := 0; ; pos = next {
		if pct >= 0 && pct < pos {
			if pct = strings.IndexByte(s[pos:], '%'); pct >= 0 {
				pct += pos
			}
		}
		if yuan >= 0 && yuan < pos {
			if yuan = strings.Index(s[pos:], "元"); yuan >= 0 {
				yuan += pos
			}
		}
		r := '%'
		switch {
		case pct >= 0 && (yuan < 0 || pct < yuan):
			pos = pct
		case yuan >= 0:
			pos, r = yuan, '元'
		default:
			return out
		}
		next = pos + utf8.RuneLen(r)
		if mn, ok := mentionAt(s, pos, r); ok {
			out = append(out, mn)
		}
	}
}

// mentionAt reads the mention whose 元 or % (r) stands at pos of s: the
// number before it, its unit (万元 and 亿元 too, with the space extraction
// may leave before 元) and whether words around it make it approximate.
func mentionAt(s string, pos int, r rune) (mention, bool) {
	end := pos + utf8.RuneLen(r)
	unit := gongkai.Unit("")
	numEnd := pos
	if r == '元' {
		unit = gongkai.Yuan
		q := pos // "7.6万 元": extraction may split the unit
		for q > 0 && s[q-1] == ' ' {
			q--
		}
		switch p, pw := utf8.DecodeLastRuneInString(s[:q]); p {
		case '万':
			unit, numEnd = gongkai.WanYuan, q-pw
		case '亿':
			unit, numEnd = gongkai.YiYuan, q-pw
		}
	}
	for numEnd > 0 && s[numEnd-1] == ' ' {
		numEnd--
	}
	start := numEnd
	for start > 0 && (s[start-1] >= '0' && s[start-1] <= '9' || s[start-1] == ',' || s[start-1] == '.') {
		start--
	}
	for start < numEnd && (s[start] == ',' || s[start] == '.') {
		start++ // the number starts with a digit
	}
	num := s[start:numEnd]
	if num == "" || num[len(num)-1] < '0' || num[len(num)-1] > '9' {
		return mention{}, false
	}
	if start > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		if prev >= 'a' && prev <= 'z' || prev >= 'A' && prev <= 'Z' {
			return mention{}, false
		}
	}
	// A code glued to a name ("2101501行政运行5,311,700元") is no amount.
	if strings.Contains(num, ",") && !groupedNumber.MatchString(num) {
		return mention{}, false
	}
	if strings.Count(num, ".") > 1 {
		return mention{}, false
	}
	mn := mention{start: start, end: end, digits: strings.ReplaceAll(num, ",", "")}
	if r == '%' {
		mn.percent = true
	} else {
		mn.unit = unit
	}
	after := s[end:min(len(s), end+16)]
	if hasPrefixAny(trimRESpace(after), approxAfterWords) {
		mn.approx = true
	}
	before := strings.TrimRight(s[max(0, start-24):start], " ")
	for _, w := range approxWords {
		if strings.HasSuffix(before, w) {
			mn.approx = true
			break
		}
	}
	return mn, true
}

var (
	// approxAfterWords after a number make it approximate (what
	// `^\s*(以上|以下|左右|上下|多|余|及以上|至|-|~)` matched).
	approxAfterWords = []string{"以上", "以下", "左右", "上下", "多", "余", "及以上", "至", "-", "~"}
	approxWords      = []string{"约", "近", "超过", "不足", "不到", "逾", "达到", "单价", "价值", "单位价值", "由"}
	subjectJunk      = regexp.MustCompile(`^[(（)）\s]+|^(其中|另外|此外|同时|以及|和|及|并|且|共|主要是|主要为|主要包括|包括|含|分别是|分别为|具体为|为)+|(为|是|达|达到|共计|约|安排|共|了|各)+$|[(（](类|款|项)[)）]$|^.{0,12}(增减|变化)情况`)
	yearPrefix       = regexp.MustCompile(`^[^比较与]{0,40}?\d{4}\s*年度?(的)?`)
)

// subjectOf returns the words that name what a number measures: the text
// before it back to the nearest punctuation.
func subjectOf(gap string) string {
	if strings.Contains(gap, "类)") || strings.Contains(gap, "款)") || strings.Contains(gap, "项)") {
		gap = levelMark.ReplaceAllString(gap, "")
	}
	s := gap
	if brackets.Contains(gap) {
		if _, last, n := lastBoundaries(gap); n > 0 {
			s = gap[last[1]:]
		}
	} else if k := clausePunct.LastIndex(gap); k >= 0 {
		_, w := utf8.DecodeRuneInString(gap[k:])
		s = gap[k+w:]
	}
	return subjectMemo.Get(s, cleanSubject)
}

var subjectMemo memo.Memo[string]

// cleanSubject strips list markers, connecting words and a leading year
// from the words before a number.
func cleanSubject(s string) string {
	s = runeset.TrimSpace(s)
	for i := 0; i < 4; i++ {
		t := StripListMarker(s)
		t = runeset.TrimSpace(subjectJunk.ReplaceAllString(t, ""))
		t = runeset.TrimSpace(yearPrefix.ReplaceAllString(t, ""))
		if t == s {
			break
		}
		s = t
	}
	return Compact(s)
}

// previousClause returns the clause before the last punctuation of gap (the
// "收入预算" of "收入预算：2024年年初预算数6708.11万元").
func previousClause(gap string) string {
	prev, last, n := lastBoundaries(gap)
	if n == 0 {
		return ""
	}
	end := last[0]
	start := 0
	if n > 1 {
		start = prev[1]
	}
	return gap[start:end]
}

var (
	changeSubject = regexp.MustCompile(`^(.*?)(?:(?:比|较|与|同比|相比|对比)(?:上年|上一年|上年度|\d{4}年|去年|年初)?[^，,；;]*?)?(增加|减少|增长|下降|降低|节约|压减|上升|增支|减支)了?$`)
	timeOnly      = regexp.MustCompile(`^(上年|上年度|去年|上一年|同期|\d{4}\s*年度?)(预算|决算|同期)?(数)?$`)
	ambiguousVerb = regexp.MustCompile(`增加\s*[(（]\s*减少\s*[)）]|增长\s*[(（]\s*减少\s*[)）]|增\s*[(（]\s*减\s*[)）]`)
	shareRE       = regexp.MustCompile(`占(.*?)的?$|占(.*)$`)
	completionRE  = regexp.MustCompile(`完成(.*?)(预算|计划)?(数)?的?$`)
	leadVerb      = regexp.MustCompile(`^(增加|减少|增长|下降|节约|压减|新增)(了)?(.{2,})$`)
	genericSubj   = regexp.MustCompile(`^(支出|收入|年初|全年|项目)?(预算|决算)(数)?$|^完成(年初|全年|年度)?预算(数)?(的)?$|^(支出|收入)?(决算|预算)(数)?(为)?$|^实际(支出|完成|执行)(数)?$|^结转(结余)?$|^执行数$|^调剂.*$|^$`)
	parenList     = regexp.MustCompile(`[(（]\s*(包含|其中|包括|含)\s*[:：]?[^()（）]*$`)
	classContext  = regexp.MustCompile(`([^()（）\s，,。；;]+)\s*[(（]款[)）]\s*([^()（）\s，,。；;]+)\s*[(（]项[)）]|([^()（）\s，,。；;]+)\s*[(（]项[)）]`)
	inRE          = regexp.MustCompile(`([^，,；;:：。]{2,30})中\s*[，,:：]`)
)

func direction(verb string) int {
	switch {
	case strings.Contains(verb, "增"), strings.Contains(verb, "上升"):
		return 1
	case strings.Contains(verb, "持平"):
		return 0
	}
	return -1
}

// list is an open "其中" or "包括" list.
type list struct {
	whole      *gongkai.Claim
	parts      []*gongkai.Claim
	exhaustive bool
	sub        bool // opened by 包括/主要是 inside a sentence: closes at "；"
	change     bool // a list of changes
}

// claimReader reads the claims of all paragraphs.
type claimReader struct {
	unit   gongkai.Unit
	year   int
	claims []*gongkai.Claim
	class  string           // the classification line the current paragraph is about
	label  gongkai.Quantity // what the previous, figure-less sentence named
	// alt holds, for a figure, the same figure stated at another stage in
	// the same sentence ("预算为X，决算为Y").
	alt map[*gongkai.Claim][]*gongkai.Claim
	// carry is what the previous paragraph of the same section spoke of, for
	// a paragraph that begins with its parts ("其中：因公出国（境）费…").
	carry        *gongkai.Claim
	carrySection string
	// scratch buffers reused from paragraph to paragraph
	idxBuf  []int
	endsBuf [][2]int
	ms      []mention
}

var stageWords = regexp.MustCompile(`(支出)?(预算|决算)(数)?(为)?$`)

// stageOf says whether a subject speaks of a budget or a final figure.
func stageOf(subject string) gongkai.Role {
	switch {
	case strings.Contains(subject, "决算") || strings.Contains(subject, "实际") || strings.Contains(subject, "执行"):
		return gongkai.RFinal
	case strings.Contains(subject, "预算"):
		return gongkai.RBudget
	}
	return gongkai.RNone
}

func containsClaim(cs []*gongkai.Claim, c *gongkai.Claim) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func readClaims(sections []*gongkai.Section, unit gongkai.Unit, year int) []*gongkai.Claim {
	if unit == "" {
		unit = gongkai.WanYuan
	}
	cr := &claimReader{unit: unit, year: year}
	for _, s := range sections {
		var intro *gongkai.Claim // a paragraph that announces a list of coded lines
		for _, p := range s.Paragraphs {
			n := len(cr.claims)
			cr.paragraph(p, s.Title)
			added := cr.claims[n:]
			intro = cr.codedList(intro, p, added)
		}
	}
	return cr.claims
}

// codedList handles a paragraph ending with "：" that names a quantity
// without a figure, followed by paragraphs each stating one coded line
// ("2101501…行政运行5,311,700元，主要用于：…").
func (cr *claimReader) codedList(intro *gongkai.Claim, p *gongkai.Paragraph, added []*gongkai.Claim) *gongkai.Claim {
	// Folding keeps the last rune that is not white space; only ： folds to :.
	if r, _ := utf8.DecodeLastRuneInString(runeset.TrimSpace(p.Text)); len(added) == 0 && (r == ':' || r == '：') {
		t := runeset.TrimSpace(Fold(p.Text))
		if q := QuantityOf(strings.TrimRight(t, ":：")); q != gongkai.QNone {
			c := &gongkai.Claim{Kind: gongkai.CParts, Quantity: q, Subject: q.Name(), Text: p.Text, Loc: p.Loc,
				Exhaustive: !strings.Contains(t, "主要")}
			return c
		}
		if c := QuantityOfLead(t); c != gongkai.QNone {
			return &gongkai.Claim{Kind: gongkai.CParts, Quantity: c, Subject: c.Name(), Text: p.Text, Loc: p.Loc,
				Exhaustive: !strings.Contains(t, "主要")}
		}
		return nil
	}
	if intro == nil {
		return nil
	}
	var first *gongkai.Claim
	for _, c := range added {
		if c.Kind == gongkai.CAmount && c.Value != nil {
			first = c
			break
		}
	}
	if first == nil || first.Code == "" {
		// The list ended: record it.
		if len(intro.Parts) > 1 {
			cr.claims = append(cr.claims, intro)
		}
		return nil
	}
	intro.Parts = append(intro.Parts, first)
	if len(intro.Parts) == 1 {
		// Recorded once the list ends or at the end of the section.
		cr.claims = append(cr.claims, intro)
	}
	return intro
}

// QuantityOfLead finds a quantity named at the start of a lead-in sentence
// ("财政拨款安排支出按功能科目分类情况,主要用于:").
func QuantityOfLead(t string) gongkai.Quantity {
	for _, sep := range []string{"按", "主要用于", "具体"} {
		if i := strings.Index(t, sep); i > 0 {
			if q := QuantityOf(t[:i]); q != gongkai.QNone {
				return q
			}
		}
	}
	return gongkai.QNone
}

// sentenceEnds appends to out the [start, end) of every sentence-ending mark.
func sentenceEnds(out [][2]int, s string) [][2]int {
	for i := 0; i < len(s); {
		k := sentenceMarks.Index(s[i:])
		if k < 0 {
			break
		}
		_, w := utf8.DecodeRuneInString(s[i+k:])
		out = append(out, [2]int{i + k, i + k + w})
		i += k + w
	}
	return out
}

var sentenceMarks = runeset.New("。！？!?")

// paragraph reads the claims of one paragraph.
func (cr *claimReader) paragraph(p *gongkai.Paragraph, sectionTitle string) {
	folded, idx := foldMap(p.Text, cr.idxBuf)
	cr.idxBuf = idx
	cr.class = ""
	if strings.Contains(folded, "项)") {
		if cm := classContext.FindStringSubmatch(folded); cm != nil {
			cr.class = cm[2]
			if cr.class == "" {
				cr.class = cm[3]
			}
		}
	}
	// Mend numbers split by extraction without moving offsets much: replace
	// the gaps by nothing and keep the index map in step.
	folded, idx = mendNumbers(folded, idx)
	var topic, prevLast *gongkai.Claim
	if cr.carrySection != sectionTitle {
		cr.carry = nil
	}
	first := true
	label := gongkai.QNone
	start := 0
	ends := sentenceEnds(cr.endsBuf[:0], folded)
	ends = append(ends, [2]int{len(folded), len(folded)})
	cr.endsBuf = ends
	for _, e := range ends {
		if e[1] <= start && e[0] < len(folded) {
			continue
		}
		sent := folded[start:e[0]]
		off := start
		start = e[1]
		if runeset.TrimSpace(sent) == "" {
			continue
		}
		cr.label = label
		label = gongkai.QNone
		if len(sent) <= 100 && !strings.Contains(sent, "元") && !strings.Contains(sent, "%") && utf8.RuneCountInString(sent) <= 30 {
			// "2.公务接待费。2026年预算数1.44万元": a heading sentence names
			// what the next one gives a figure for.
			label = QuantityOf(StripListMarker(runeset.TrimSpace(sent)))
		}
		if first && prevLast == nil && cr.carry != nil {
			// Only a paragraph that opens with a list of the carried
			// figure's parts continues it.
			cr.ms = appendMentions(cr.ms[:0], sent)
			if ms := cr.ms; len(ms) > 0 && isListLead(runeset.TrimSpace(ms[0].gap)) &&
				isComponent(cr.carry.Quantity, QuantityOf(ms[0].subject)) {
				prevLast = cr.carry
			}
		}
		first = false
		topic, prevLast = cr.sentence(sent, off, idx, p, topic, prevLast, sectionTitle)
	}
	cr.carry, cr.carrySection = nil, sectionTitle
	if topic != nil && topic.Kind == gongkai.CAmount {
		cr.carry = topic
		// "支出预算为21.00万元，支出决算为20.00万元" then "其中：…": the parts
		// are of the figure stated last, as within a sentence.
		if alts := cr.alt[topic]; len(alts) > 0 {
			cr.carry = alts[len(alts)-1]
		}
	}
}

func mendNumbers(s string, idx []int) (string, []int) {
	if !strings.Contains(s, ". ") && !strings.Contains(s, " .") {
		return s, idx
	}
	for {
		p, k := spacedNumberAt(s)
		if p < 0 {
			return s, idx
		}
		// Keep the digits and the dot, drop the spaces.
		repl := s[p:p+1] + "." + s[k:k+1]
		keep := []int{idx[p], idx[p], idx[k]}
		s = s[:p] + repl + s[k+1:]
		nidx := append([]int(nil), idx[:p]...)
		nidx = append(nidx, keep...)
		idx = append(nidx, idx[k+1:]...)
	}
}

// spacedNumberAt finds the first match of spacedNumber in s: the digits
// before and after the dot are s[p] and s[k]; p is -1 when there is none.
func spacedNumberAt(s string) (p, k int) {
	for p := 0; p < len(s); p++ {
		if s[p] < '0' || s[p] > '9' {
			continue
		}
		j := p + 1
		for j < len(s) && isRESpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '.' {
			continue
		}
		k := j + 1
		for k < len(s) && isRESpace(s[k]) {
			k++
		}
		if k >= len(s) || s[k] < '0' || s[k] > '9' {
			continue
		}
		if j > p+1 || k > j+1 {
			return p, k
		}
	}
	return -1, -1
}

// sentence reads one sentence; topic is what the previous sentence spoke of.
func (cr *claimReader) sentence(sent string, off int, idx []int, p *gongkai.Paragraph, topic, prevLast *gongkai.Claim, sectionTitle string) (*gongkai.Claim, *gongkai.Claim) {
	cr.ms = appendMentions(cr.ms[:0], sent)
	ms := cr.ms // valid until the next sentence
	if len(ms) == 0 {
		return topic, prevLast
	}
	if t := runeset.TrimSpace(ms[0].gap); isListLead(t) && prevLast != nil {
		topic = prevLast
	}
	locOf := func(m mention) gongkai.Loc { return p.LocAt(idx[off+m.start]) }
	cls := cr.class
	textOf := func(m mention) string { return runeset.TrimSpace(clauseAround(sent, m)) }
	// The sentence carries the previous topic when it starts without a subject
	// of its own ("占预算总额的12.87%，比上年增加52.52万元").
	var sentTopic *gongkai.Claim
	if t := runeset.TrimSpace(ms[0].gap); !hasPrefixAny(t, carryWords) {
		topic = nil
	}
	// A lead-in naming a quantity without a figure: "…支出主要用于以下方面：".
	lead := gongkai.QNone
	if colons.Contains(ms[0].gap) {
		lead = QuantityOfLead(ms[0].gap)
	}
	var lists []*list
	var last *gongkai.Claim       // the last amount or change claim
	var lastChange *gongkai.Claim // the last change claim
	var budgetAmt, finalAmt *gongkai.Claim
	reason := false
	paren := 0
	closeSub := func() {
		for len(lists) > 0 && lists[len(lists)-1].sub {
			cr.emitList(lists[len(lists)-1])
			lists = lists[:len(lists)-1]
		}
	}
	var closedWhole *gongkai.Claim // the whole of the list "；" just closed
	var parenOpen *list            // a list inside brackets: "（包含：…）"
	for i, m := range ms {
		gap := m.gap
		opens, closes := strings.Count(gap, "("), strings.Count(gap, ")")
		if closes > 0 && parenOpen != nil {
			cr.emitList(parenOpen)
			parenOpen = nil
		}
		paren += opens - closes
		if paren < 0 {
			paren = 0
		}
		if paren == 1 && opens > closes && parenList.MatchString(gap) && last != nil && last.Kind == gongkai.CAmount {
			kw := parenList.FindStringSubmatch(gap)[1]
			parenOpen = &list{whole: last, exhaustive: kw != "含", sub: true}
		}
		tail := gap // the text of the gap after its last "；"
		closedWhole = nil
		if k := semicolons.LastIndex(gap); k >= 0 {
			if l := topList(lists); l != nil && l.sub {
				closedWhole = l.whole
			}
			closeSub()
			tail = gap[k:]
			// "；" followed by another of the department's figures ends the
			// list: "…收入48054.42万元，其中…；2022年本部门预算支出…".
			if l := topList(lists); l != nil && l.whole != nil && !l.change {
				if q := QuantityOf(m.subject); q != gongkai.QNone && q != l.whole.Quantity && !isComponent(l.whole.Quantity, q) {
					for len(lists) > 0 {
						cr.emitList(lists[len(lists)-1])
						lists = lists[:len(lists)-1]
					}
				}
			}
			if reason && QuantityOf(m.subject) != gongkai.QNone {
				reason = false
			}
		}
		if strings.Contains(tail, "原因") && !strings.Contains(tail[commaSemi.LastIndex(tail)+1:], "其中") {
			reason = true
		}
		// Open lists.
		anchor := last
		if anchor == nil {
			anchor = topic
		}
		if paren == 0 && !reason {
			switch {
			case strings.Contains(tail, "其中") && closedWhole != nil:
				lists = append(lists, &list{whole: closedWhole, exhaustive: true, change: closedWhole.Kind == gongkai.CChange})
			case strings.Contains(tail, "其中") && anchor != nil:
				lists = append(lists, &list{whole: anchor, exhaustive: true, change: anchor.Kind == gongkai.CChange})
			case hasPrefixAny(trimRESpace(gap), colonWords) && last != nil && last.Kind == gongkai.CAmount && i > 0:
				lists = append(lists, &list{whole: last, exhaustive: true, sub: true})
			case mayMatchIn(tail) && inRE.MatchString(tail):
				phrase := inRE.FindStringSubmatch(tail)[1]
				if q := QuantityOf(phrase); q != gongkai.QNone {
					w := cr.findAmount(q, last)
					if w == nil {
						w = &gongkai.Claim{Kind: gongkai.CAmount, Quantity: q, Subject: runeset.TrimSpace(phrase), Loc: locOf(m)}
					}
					lists = append(lists, &list{whole: w, exhaustive: true})
				}
			case anchor != nil && containsAny(tail, mainlyWords) && (i > 0 || isListLead(runeset.TrimSpace(gap))):
				lists = append(lists, &list{whole: anchor, exhaustive: !strings.Contains(tail, "主要"), sub: true, change: anchor.Kind == gongkai.CChange})
			}
		}
		subj := m.subject
		switch {
		case m.percent:
			f, err := gongkai.ParseFixed(m.digits)
			if err != nil {
				continue
			}
			switch {
			case strings.Contains(subj, "占"):
				part := last
				if part == nil {
					part = topic
				}
				if part == nil || part.Value == nil && part.Quantity == gongkai.QNone {
					continue
				}
				c := &gongkai.Claim{Kind: gongkai.CShare, Quantity: part.Quantity, Subject: part.Subject,
					Code: part.Code, Value: part.Value, Percent: &f, Text: textOf(m), Loc: locOf(m)}
				if sm := shareRE.FindStringSubmatch(subj); sm != nil {
					w := sm[1]
					if w == "" {
						w = sm[2]
					}
					w = strings.TrimSuffix(runeset.TrimSpace(w), "的")
					c.WholeSubject = w
				}
				if c.WholeSubject != "" {
					c.WholeQuantity = QuantityOf(c.WholeSubject)
				}
				if c.WholeSubject == "" {
					if l := innermost(lists, part); l != nil && l.whole != nil {
						c.Whole = l.whole.Value
						c.WholeSubject = l.whole.Subject
						c.WholeQuantity = l.whole.Quantity
						if c.WholeSubject == "" {
							c.WholeSubject = l.whole.Quantity.Name()
						}
					} else if lead != gongkai.QNone {
						c.WholeQuantity, c.WholeSubject = lead, lead.Name()
					}
				}
				cr.claims = append(cr.claims, c)
			case strings.Contains(subj, "完成") && completionRE.MatchString(subj):
				if finalAmt == nil || budgetAmt == nil || finalAmt.Value == nil || budgetAmt.Value == nil {
					continue
				}
				c := &gongkai.Claim{Kind: gongkai.CCompletion, Quantity: finalAmt.Quantity, Subject: finalAmt.Subject,
					Code: finalAmt.Code, Value: finalAmt.Value, Whole: budgetAmt.Value, Percent: &f,
					WholeSubject: budgetAmt.Subject, Text: textOf(m), Loc: locOf(m)}
				cr.claims = append(cr.claims, c)
			case endsWithVerb(subj, pctChangeVerbs, "了为达") != "" && !isAmbiguousVerb(m.gap):
				verb := endsWithVerb(subj, pctChangeVerbs, "了为达")
				if lastChange != nil && lastChange.Percent == nil && !reason {
					lastChange.Percent = &f
					if lastChange.Direction == 0 {
						lastChange.Direction = direction(verb)
					}
					continue
				}
				if reason {
					continue
				}
				base := last
				if base == nil {
					base = topic
				}
				if base == nil {
					continue
				}
				c := &gongkai.Claim{Kind: gongkai.CChange, Quantity: base.Quantity, Subject: base.Subject, Code: base.Code,
					Value: base.Value, Percent: &f, Direction: direction(verb), Text: textOf(m), Loc: locOf(m)}
				cr.claims = append(cr.claims, c)
			}
			continue
		case m.approx:
			continue
		}
		money, err := gongkai.ParseMoney(m.digits, m.unit)
		if err != nil {
			continue
		}
		// A change with the verb first: "增加人员经费支出79.81万元".
		if lv := leadVerbMatch(subj); lv != nil && !m.approx {
			c := &gongkai.Claim{Kind: gongkai.CChange, Change: &money, Direction: direction(lv[1]),
				Subject: lv[3], Quantity: QuantityOf(lv[3]), Text: textOf(m), Loc: locOf(m)}
			cr.claims = append(cr.claims, c)
			if paren == 0 {
				if l := topList(lists); l != nil && l.change {
					l.parts = append(l.parts, c)
				}
			}
			lastChange = c
			continue
		}
		// A change: "比上年增加52.52万元", "基本支出增加53.25万元".
		if endsWithVerb(subj, changeVerbs, "了") != "" {
			if isAmbiguousVerb(m.gap) {
				continue
			}
			sm := changeSubjectMemo.Get(subj, changeSubject.FindStringSubmatch) // shared: read only
			own := ""
			verb := ""
			if sm != nil {
				own, verb = runeset.TrimSpace(sm[1]), sm[len(sm)-1]
				if timeOnly.MatchString(own) {
					own = ""
				}
			}
			c := &gongkai.Claim{Kind: gongkai.CChange, Change: &money, Direction: direction(verb),
				Text: textOf(m), Loc: locOf(m)}
			ownQ := QuantityOf(own)
			switch Compact(own) {
			case "收入", "总收入":
				ownQ = gongkai.QIncomeTotal
			case "支出", "总支出":
				ownQ = gongkai.QExpenditureTotal
			}
			switch {
			case own != "" && ownQ != gongkai.QNone:
				c.Subject, c.Quantity = own, ownQ
				if base := cr.sameQuantity(c.Quantity, last, topic); base != nil {
					c.Value = base.Value
				}
			case own != "":
				c.Subject = own
			default:
				base := last
				if base == nil || base.Kind != gongkai.CAmount {
					base = topic
				}
				if base == nil {
					if q := QuantityOf(previousClause(m.gap)); q != gongkai.QNone {
						c.Quantity, c.Subject = q, q.Name()
					}
				} else {
					c.Subject, c.Quantity, c.Code, c.Value = base.Subject, base.Quantity, base.Code, base.Value
				}
			}
			if own == "" && c.Subject == "" {
				// "财务总收入比上年预算减少…": the subject is before 比.
				if q := QuantityOf(subj); q != gongkai.QNone {
					c.Quantity, c.Subject = q, q.Name()
				}
			}
			if sm != nil && sm[1] != "" && c.Quantity == gongkai.QNone {
				if q := QuantityOf(sm[1]); q != gongkai.QNone {
					c.Quantity, c.Subject = q, sm[1]
				}
			}
			cr.claims = append(cr.claims, c)
			if !reason && paren == 0 {
				if l := topList(lists); l != nil && l.change && own != "" {
					l.parts = append(l.parts, c)
				}
			}
			lastChange = c
			if own != "" || last == nil {
				last = c
			}
			continue
		}
		if strings.Contains(m.gap, "减") && isAmbiguousVerb(lastClause(m.gap)) || isCompare(subj) {
			continue
		}
		// An amount.
		c := &gongkai.Claim{Kind: gongkai.CAmount, Subject: subj, Value: &money, Text: textOf(m), Loc: locOf(m)}
		if code, rest := codeLead(subj); code != "" {
			c.Code, c.Subject = code, rest
		}
		c.Quantity = QuantityOf(subj)
		if c.Quantity == gongkai.QNone && c.Code == "" && runeset.TrimSpace(subj) == "" || c.Quantity == gongkai.QNone && c.Code == "" && isNoQuantity(subj) {
			if q := QuantityOf(previousClause(m.gap)); q != gongkai.QNone && i == 0 {
				c.Quantity = q
			}
		}
		if c.Quantity == gongkai.QNone && c.Code == "" && i == 0 && sectionTitle != "" && runeset.TrimSpace(subj) != "" && isNoQuantity(subj) {
			if q := QuantityOf(StripListMarker(Fold(sectionTitle))); q != gongkai.QNone {
				c.Quantity = q
			}
		}
		switch {
		case strings.Contains(subj, "决算") || strings.Contains(subj, "实际支出") || strings.Contains(subj, "执行数") || strings.Contains(subj, "实际完成"):
			finalAmt = c
		case strings.Contains(subj, "预算"):
			budgetAmt = c
		}
		generic := isGenericSubject(subj)
		if cs := Compact(subj); !generic && yearFirstLen(cs) > 0 {
			generic = isGenericSubject(cs[yearFirstLen(cs):])
		}
		if generic && i == 0 && cr.label != gongkai.QNone && c.Quantity == gongkai.QNone && c.Code == "" {
			c.Quantity, c.Subject = cr.label, cr.label.Name()+subj
			generic = false
		}
		if cls != "" && generic && c.Quantity == gongkai.QNone && c.Code == "" {
			c.Class = cls
		}
		if generic && strings.HasPrefix(Compact(subj), "完成") {
			// "完成预算0万元的0%": the budget a completion rate is measured against.
			budgetAmt = c
			cr.claims = append(cr.claims, c)
			continue
		}
		if generic && last != nil && last.Kind == gongkai.CAmount && c.Quantity == gongkai.QNone && paren == 0 && !reason &&
			(last.Quantity != gongkai.QNone || last.Class != "" || last.Code != "") {
			// "…支出预算为76.43万元，支出决算为46.21万元": the same figure at another stage.
			c.Quantity, c.Class, c.Code = last.Quantity, last.Class, last.Code
			c.Subject = stageWords.ReplaceAllString(last.Subject, "") + subj
			if cr.alt == nil {
				cr.alt = map[*gongkai.Claim][]*gongkai.Claim{}
			}
			cr.alt[last] = append(cr.alt[last], c)
			cr.claims = append(cr.claims, c)
			if l := topList(lists); l == nil || !containsClaim(l.parts, last) {
				last = c // the anchor of a following "其中"
			}
			continue
		}
		cr.claims = append(cr.claims, c)
		if parenOpen != nil && paren > 0 {
			parenOpen.parts = append(parenOpen.parts, c)
			continue
		}
		if paren > 0 || reason {
			continue
		}
		if generic && priorYear(lastClause(m.gap), cr.year) {
			continue // last year's figure: "2019年预算2.85万元"
		}
		if generic && last != nil && c.Quantity == gongkai.QNone {
			continue // "支出决算为6.09万元" describes the line just named
		}
		if l := topList(lists); l != nil && !l.change {
			if l.whole != nil && c.Quantity != gongkai.QNone && !isComponent(l.whole.Quantity, c.Quantity) {
				// An item of a breakdown ("机关运行经费…其中：公务接待费0.9万元")
				// is not the department's figure for that quantity.
				c.Quantity = gongkai.QNone
			}
			l.parts = append(l.parts, c)
		}
		last = c
		if sentTopic == nil {
			sentTopic = c
		}
	}
	if parenOpen != nil {
		cr.emitList(parenOpen)
	}
	for len(lists) > 0 {
		cr.emitList(lists[len(lists)-1])
		lists = lists[:len(lists)-1]
	}
	if sentTopic != nil {
		return sentTopic, last
	}
	return topic, last
}

var (
	// carryWords start a sentence that carries the previous topic
	// (`^(占|比|较|与|同比|其中|主要|包括|具体|分别)`).
	carryWords = []string{"占", "比", "较", "与", "同比", "其中", "主要", "包括", "具体", "分别"}
	// listLeadWords open a list of parts
	// (`^(其中|主要(包括|用于|有|为)|包括|具体(包括|为)|分别(为|是))`).
	listLeadWords = []string{"其中", "主要包括", "主要用于", "主要有", "主要为", "包括", "具体包括", "具体为", "分别为", "分别是"}
)

func isListLead(s string) bool { return hasPrefixAny(s, listLeadWords) }

var levelMark = regexp.MustCompile(`[(（](类|款|项)[)）]`)

// yearFirstLen returns the length of a leading year (`^\d{4}年度?`), or 0.
func yearFirstLen(s string) int {
	if len(s) < 7 || !allDigits(s[:4]) || s[4:7] != "年" {
		return 0
	}
	if strings.HasPrefix(s[7:], "度") {
		return 10
	}
	return 7
}

var changeSubjectMemo memo.Memo[[]string]

var genericMemo memo.Memo[bool]

func isGenericSubject(subj string) bool {
	return genericMemo.Get(subj, func(s string) bool { return genericSubj.MatchString(Compact(s)) })
}

var yearIn = regexp.MustCompile(`(\d{4})\s*年`)

// priorYear reports whether a clause dates its figure to a year before the report's.
func priorYear(clause string, year int) bool {
	m := yearIn.FindStringSubmatch(clause)
	return m != nil && year > 0 && atoi(m[1]) < year && !strings.Contains(clause, "比") && !strings.Contains(clause, "较")
}

// colonWords: a figure followed by a colon lists its parts
// ("政府采购预算总额60.70万元：货物4.70万元、…"); what `^\s*[:：]` matched
// after \s is trimmed.
var colonWords = []string{":", "："}

var compareRE = regexp.MustCompile(`(比|较)(上年|上一年|去年|\d{4}年)|与上年`)

// isCompare is compareRE.MatchString, which needs 比, 较 or 与.
func isCompare(s string) bool {
	return (strings.Contains(s, "比") || strings.Contains(s, "较") || strings.Contains(s, "与")) && compareRE.MatchString(s)
}

// isAmbiguousVerb is ambiguousVerb.MatchString, which needs 减.
func isAmbiguousVerb(s string) bool {
	return strings.Contains(s, "减") && ambiguousVerb.MatchString(s)
}

// leadVerbWords start every match of leadVerb.
var leadVerbWords = []string{"增加", "减少", "增长", "下降", "节约", "压减", "新增"}

func leadVerbMatch(s string) []string {
	if !hasPrefixAny(s, leadVerbWords) {
		return nil
	}
	return leadVerb.FindStringSubmatch(s)
}

// lastClause returns the text of gap after its last punctuation.
func lastClause(gap string) string {
	_, last, n := lastBoundaries(gap)
	if n == 0 {
		return gap
	}
	return gap[last[1]:]
}

// components lists the quantities that are parts of a whole.
var components = map[gongkai.Quantity][]gongkai.Quantity{
	gongkai.QIncomeTotal: {gongkai.QFiscalIncome, gongkai.QGeneral, gongkai.QFund, gongkai.QCapital, gongkai.QSpecial,
		gongkai.QService, gongkai.QOperating, gongkai.QSuperior, gongkai.QAffiliated, gongkai.QOther,
		gongkai.QCarryBegin, gongkai.QIncomeYear},
	gongkai.QIncomeYear: {gongkai.QFiscalIncome, gongkai.QGeneral, gongkai.QFund, gongkai.QCapital, gongkai.QSpecial,
		gongkai.QService, gongkai.QOperating, gongkai.QSuperior, gongkai.QAffiliated, gongkai.QOther},
	gongkai.QFiscalIncome: {gongkai.QGeneral, gongkai.QFund, gongkai.QCapital, gongkai.QCarryBegin, gongkai.QIncomeYear},
	gongkai.QExpenditureTotal: {gongkai.QBasic, gongkai.QProject, gongkai.QCarryEnd, gongkai.QExpendYear,
		gongkai.QFiscalExpend, gongkai.QGeneralExpend},
	gongkai.QExpendYear:    {gongkai.QBasic, gongkai.QProject},
	gongkai.QFiscalExpend:  {gongkai.QBasic, gongkai.QProject, gongkai.QGeneralExpend},
	gongkai.QGeneralExpend: {gongkai.QBasic, gongkai.QProject},
	gongkai.QBasic:         {gongkai.QPersonnel, gongkai.QPublic},
	gongkai.QThreeCosts:    {gongkai.QAbroad, gongkai.QCar, gongkai.QCarPurchase, gongkai.QCarOperation, gongkai.QReception},
	gongkai.QCar:           {gongkai.QCarPurchase, gongkai.QCarOperation},
	gongkai.QProcurement: {gongkai.QProcureGoods, gongkai.QProcureWorks, gongkai.QProcureServices,
		gongkai.QProcureSME, gongkai.QProcureMicro},
	gongkai.QProcureSME: {gongkai.QProcureMicro},
}

func isComponent(whole, part gongkai.Quantity) bool {
	for _, q := range components[whole] {
		if q == part {
			return true
		}
	}
	return false
}

// isNoQuantity reports whether a subject says only that a figure is a
// budget or a total ("2024年年初预算数")
// (`^(年初)?(预算|决算)?(数|总数|总额|合计|安排)?$|年初预算数$|预算数$`).
func isNoQuantity(s string) bool {
	return strings.HasSuffix(s, "预算数") || noQuantitySet[s]
}

var noQuantitySet = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range []string{"", "年初"} {
		for _, b := range []string{"", "预算", "决算"} {
			for _, c := range []string{"", "数", "总数", "总额", "合计", "安排"} {
				m[a+b+c] = true
			}
		}
	}
	return m
}()

var codeLeadRE = regexp.MustCompile(`^(\d{7}|\d{5}|\d{3})\s*([^\d].*)$`)

func codeLead(subj string) (string, string) {
	t := runeset.TrimSpace(subj)
	if !startsWithDigit(t) {
		return "", subj
	}
	m := codeLeadRE.FindStringSubmatch(t)
	if m == nil {
		return "", subj
	}
	return m[1], runeset.TrimSpace(m[2])
}

func topList(ls []*list) *list {
	if len(ls) == 0 {
		return nil
	}
	return ls[len(ls)-1]
}

// innermost returns the list that has part among its parts.
func innermost(ls []*list, part *gongkai.Claim) *list {
	for k := len(ls) - 1; k >= 0; k-- {
		for _, p := range ls[k].parts {
			if p == part {
				return ls[k]
			}
		}
	}
	return nil
}

// emitList records a list as a CParts claim when it has parts.
func (cr *claimReader) emitList(l *list) {
	if l.whole == nil || len(l.parts) == 0 {
		return
	}
	w := l.whole
	parts := l.parts
	if ws := stageOf(w.Subject); ws != gongkai.RNone && !l.change {
		// Parts stated at both stages: take the whole's stage.
		parts = make([]*gongkai.Claim, len(l.parts))
		for i, p := range l.parts {
			parts[i] = p
			if stageOf(p.Subject) == ws {
				continue
			}
			for _, a := range cr.alt[p] {
				if stageOf(a.Subject) == ws {
					parts[i] = a
				}
			}
		}
	}
	c := &gongkai.Claim{Kind: gongkai.CParts, Quantity: w.Quantity, Subject: w.Subject, Code: w.Code,
		Value: w.Value, Parts: parts, Exhaustive: l.exhaustive, Text: w.Text, Loc: w.Loc}
	if l.change {
		c.Value = w.Change
		c.Direction = w.Direction
	}
	cr.claims = append(cr.claims, c)
}

// findAmount returns the latest amount claim of quantity q, preferring last.
func (cr *claimReader) findAmount(q gongkai.Quantity, last *gongkai.Claim) *gongkai.Claim {
	if last != nil && last.Quantity == q && last.Kind == gongkai.CAmount {
		return last
	}
	for k := len(cr.claims) - 1; k >= 0; k-- {
		c := cr.claims[k]
		if c.Kind == gongkai.CAmount && c.Quantity == q && c.Value != nil {
			return c
		}
	}
	return nil
}

func (cr *claimReader) sameQuantity(q gongkai.Quantity, cands ...*gongkai.Claim) *gongkai.Claim {
	for _, c := range cands {
		if c != nil && c.Quantity == q && c.Kind == gongkai.CAmount {
			return c
		}
	}
	return nil
}

// clauseAround returns the clause of sent that holds m, for quoting.
func clauseAround(sent string, m mention) string {
	start := 0
	if k := sentencePunc.LastIndex(sent[:m.start]); k >= 0 {
		_, w := utf8.DecodeRuneInString(sent[k:])
		start = k + w
	}
	end := len(sent)
	if k := sentencePunc.Index(sent[m.end:]); k >= 0 {
		end = m.end + k
	}
	s := sent[start:end]
	if n := len(s); n > 120 && (n > 120*utf8.UTFMax || utf8.RuneCountInString(s) > 120) {
		// Keep the part around the number.
		a := max(0, m.start-start-150)
		for a > 0 && !utf8.RuneStart(s[a]) {
			a--
		}
		b := min(len(s), m.end-start+60)
		for b < len(s) && !utf8.RuneStart(s[b]) {
			b++
		}
		s = "…" + s[a:b] + "…"
	}
	return s
}

// Word lists tried with plain string search instead of regular expressions:
// these run for every number in every sentence.
var (
	changeVerbs    = []string{"增加", "减少", "增长", "下降", "降低", "节约", "压减", "上升", "增支", "减支"}
	pctChangeVerbs = []string{"增长率", "下降率", "增长", "下降", "减少", "增加", "降低", "上升", "增幅", "降幅", "减幅"}
	mainlyWords    = []string{"主要是", "主要为", "主要有", "主要系", "主要用于", "包括", "包含", "分别为", "分别是", "具体为", "具体是"}
)

// endsWithVerb returns the verb of verbs that s ends with, allowing one
// trailing particle from particles after it, or "" when none does. Longer
// verbs come first in verbs where one ends another.
func endsWithVerb(s string, verbs []string, particles string) string {
	for _, t := range []string{s, trimOneParticle(s, particles)} {
		for _, v := range verbs {
			if strings.HasSuffix(t, v) {
				return v
			}
		}
	}
	return ""
}

func trimOneParticle(s, particles string) string {
	r, size := utf8.DecodeLastRuneInString(s)
	if size > 0 && strings.ContainsRune(particles, r) {
		return s[:len(s)-size]
	}
	return s
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
