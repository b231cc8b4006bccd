package extract

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/corpus"
)

// The hand-written scanners must answer as the regular expressions they
// replace; these are the expressions, checked against both on the seeds'
// lines and on random strings built from the words they look for.

var refBoundary = regexp.MustCompile(`[，,；;：:。、]|[(（]\s*(含|其中|包括|包含|下同|不含)`)

// scanSamples returns lines of the seeds (when the corpus is at hand), the
// tails of those lines, and random strings of the given words.
func scanSamples(t *testing.T, words []string) []string {
	t.Helper()
	var out []string
	if root := corpus.Root(); root != "" {
		files, _ := filepath.Glob(filepath.Join(root, "seeds", "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(data), "\n") {
				out = append(out, l, Fold(l))
				for _, r := range []int{3, 7, 12, 20} {
					if len(l) > r {
						out = append(out, l[r:], l[:len(l)-r])
					}
				}
			}
		}
	}
	alphabet := append([]string{" ", "\t", "\n", "\u3000", "(", "（", ")", "）", "，", ",", "；", ";", "：", ":",
		"。", "、", "1", "2024", "年", "万元", "元", "%", "支出", "预算", "\xff", "\xe3\x80"}, words...)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(12); n >= 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		out = append(out, b.String())
	}
	return out
}

func TestLastBoundaries(t *testing.T) {
	for _, s := range scanSamples(t, boundaryWords) {
		locs := refBoundary.FindAllStringIndex(s, -1)
		prev, last, n := lastBoundaries(s)
		if n != min(len(locs), 2) {
			t.Fatalf("%q: %d matches, want %d", s, n, len(locs))
		}
		if n > 0 && (last[0] != locs[len(locs)-1][0] || last[1] != locs[len(locs)-1][1]) {
			t.Fatalf("%q: last %v, want %v", s, last, locs[len(locs)-1])
		}
		if n > 1 && (prev[0] != locs[len(locs)-2][0] || prev[1] != locs[len(locs)-2][1]) {
			t.Fatalf("%q: prev %v, want %v", s, prev, locs[len(locs)-2])
		}
	}
}

func TestWordPrefixes(t *testing.T) {
	cases := []struct {
		re    *regexp.Regexp
		match func(string) bool
		words []string
	}{
		{regexp.MustCompile(`^\s*(以上|以下|左右|上下|多|余|及以上|至|-|~)`),
			func(s string) bool { return hasPrefixAny(trimRESpace(s), approxAfterWords) }, approxAfterWords},
		{regexp.MustCompile(`^(占|比|较|与|同比|其中|主要|包括|具体|分别)`),
			func(s string) bool { return hasPrefixAny(s, carryWords) }, carryWords},
		{regexp.MustCompile(`^(其中|主要(包括|用于|有|为)|包括|具体(包括|为)|分别(为|是))`), isListLead, listLeadWords},
		{regexp.MustCompile(`^\s*[:：]`), func(s string) bool { return hasPrefixAny(trimRESpace(s), colonWords) }, colonWords},
		{compareRE, isCompare, []string{"比", "较", "与", "上年", "上一年", "去年", "与上年"}},
		{ambiguousVerb, isAmbiguousVerb, []string{"增加", "减少", "增长", "增", "减"}},
		{leadVerb, func(s string) bool { return leadVerbMatch(s) != nil }, leadVerbWords},
		{regexp.MustCompile(`^\d{3}(\d{2}){0,2}$`), isCode, []string{"0", "12", "345", "6789", "１"}},
		{regexp.MustCompile(`^\d{1,2}$`), isSmallInt, []string{"0", "12", "345", "１"}},
		{regexp.MustCompile(`^(合计|总计|小计)$`), isTotalName, []string{"合计", "总计", "小计", "计"}},
	}
	for k, c := range cases {
		for _, s := range scanSamples(t, c.words) {
			if got, want := c.match(s), c.re.MatchString(s); got != want {
				t.Fatalf("case %d (%s) %q: %v, want %v", k, c.re, s, got, want)
			}
		}
	}
}

func TestCodeNameMatch(t *testing.T) {
	for _, s := range scanSamples(t, []string{"201", "2010301", "０", "１２", "行政运行", "-", "—", "．"}) {
		got, want := codeNameMatch(s), codeNameRE.FindStringSubmatch(Fold(s))
		if strings.Join(got, "|") != strings.Join(want, "|") || (got == nil) != (want == nil) {
			t.Fatalf("%q: %q, want %q", s, got, want)
		}
	}
}

// refScanNumber is scanNumber as first written, building every result.
func refScanNumber(s string) (digits string, places int, spaced, ok bool) {
	var b strings.Builder
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		if s[i] == '-' {
			b.WriteByte('-')
		}
		i++
	}
	intDigits, groupLen, sawComma, sawDot, fracDigits := 0, 0, false, false, 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
			if sawDot {
				fracDigits++
			} else {
				intDigits++
				groupLen++
			}
		case c == ',' && !sawDot:
			if intDigits == 0 || (sawComma && groupLen != 3) || (!sawComma && groupLen > 3) {
				return "", 0, false, false
			}
			sawComma, groupLen = true, 0
		case c == '.' && !sawDot:
			if sawComma && groupLen != 3 {
				return "", 0, false, false
			}
			sawDot = true
			b.WriteByte('.')
		case c == ' ' || c == '\t':
			if intDigits == 0 && !sawDot {
				return "", 0, false, false
			}
			spaced = true
		default:
			return "", 0, false, false
		}
	}
	if intDigits == 0 || (sawDot && fracDigits == 0) || (sawComma && !sawDot && groupLen != 3) {
		return "", 0, false, false
	}
	if spaced && !sawDot {
		return "", 0, false, false
	}
	return b.String(), fracDigits, spaced, true
}

func TestScanNumber(t *testing.T) {
	pieces := []string{"0", "1", "2", "9", ",", ".", " ", "\t", "-", "+", "a", "%"}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := rng.Intn(12); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		d1, p1, s1, ok1 := scanNumber(s)
		d2, p2, s2, ok2 := refScanNumber(s)
		if d1 != d2 || p1 != p2 || s1 != s2 || ok1 != ok2 {
			t.Fatalf("%q: %q %d %v %v, want %q %d %v %v", s, d1, p1, s1, ok1, d2, p2, s2, ok2)
		}
	}
}

// refCompact is Compact as first written.
func refCompact(s string) string {
	s = Fold(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestCompactAndDash(t *testing.T) {
	dash := regexp.MustCompile(`^[-—–_/*]+$`)
	for _, s := range scanSamples(t, []string{"\u00a0", "\u0085", "\u2003", "ＡＢ", "\ufffd", "\xc2", "-", "—", "–", "_", "/", "*", "—\xe2",
		"\u1680", "\u2028", "\u202f", "\u205f", "\u3000", "\ued00", "\u0800", "\xe4\xb8", "\xe4\xb8\x00", "\xed\xa0\x80", "\u4e00", "\uffe5", "\u2212"}) {
		if got, want := Compact(s), refCompact(s); got != want {
			t.Fatalf("Compact(%q) = %q, want %q", s, got, want)
		}
		if got, want := isDash(s), dash.MatchString(s); got != want {
			t.Fatalf("isDash(%q) = %v, want %v", s, got, want)
		}
	}
}

// refFoldMap is foldMap as first written.
func refFoldMap(s string) (string, []int) {
	var b strings.Builder
	idx := make([]int, 0, len(s)+1)
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

func TestFoldAndFoldMap(t *testing.T) {
	var buf []int
	for _, s := range scanSamples(t, []string{"\u00a0", "ＡＢ", "１２", "\u2212", "“", "’", "\uffe5", "\ufffd", "\xc2", "\xef\xbc", "－"}) {
		if got, want := Fold(s), strings.Map(foldRune, s); got != want && !(got == s && firstFold(s) < 0) {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
		f, idx := foldMap(s, buf)
		rf, ridx := refFoldMap(s)
		if f != rf || fmt.Sprint(idx) != fmt.Sprint(ridx) {
			t.Fatalf("foldMap(%q) = %q %v, want %q %v", s, f, idx, rf, ridx)
		}
		buf = idx
	}
}

func TestSpacedNumberAt(t *testing.T) {
	for _, s := range scanSamples(t, []string{"1", "23", ".", ". ", " .", "\t", "4 . 5"}) {
		p, k := spacedNumberAt(s)
		m := spacedNumber.FindStringSubmatchIndex(s)
		if m == nil {
			if p >= 0 {
				t.Fatalf("%q: match at %d, want none", s, p)
			}
			continue
		}
		d1, d2 := m[2], m[4]
		if d1 < 0 {
			d1, d2 = m[6], m[8]
		}
		if p != m[0] || k+1 != m[1] || p != d1 || k != d2 {
			t.Fatalf("%q: %d %d, want %v", s, p, k, m)
		}
	}
}

func TestSubjectWords(t *testing.T) {
	noQuantity := regexp.MustCompile(`^(年初)?(预算|决算)?(数|总数|总额|合计|安排)?$|年初预算数$|预算数$`)
	yearFirst := regexp.MustCompile(`^\d{4}年度?`)
	for _, s := range scanSamples(t, []string{"年初", "预算", "决算", "数", "总数", "总额", "合计", "安排", "年度", "度", "中", "2023年", "年初预算数"}) {
		if got, want := isNoQuantity(s), noQuantity.MatchString(s); got != want {
			t.Fatalf("isNoQuantity(%q) = %v, want %v", s, got, want)
		}
		if got, want := s[yearFirstLen(s):], yearFirst.ReplaceAllString(s, ""); got != want || (yearFirstLen(s) > 0) != yearFirst.MatchString(s) {
			t.Fatalf("yearFirstLen(%q) leaves %q, want %q", s, got, want)
		}
		if inRE.MatchString(s) && !mayMatchIn(s) {
			t.Fatalf("mayMatchIn(%q) is false where inRE matches", s)
		}
		if codeLeadRE.MatchString(strings.TrimSpace(s)) && !startsWithDigit(strings.TrimSpace(s)) {
			t.Fatalf("%q: codeLeadRE matches without a leading digit", s)
		}
	}
}

func TestLabelWords(t *testing.T) {
	type pair struct {
		re    *regexp.Regexp
		match func(string) bool
	}
	cases := []pair{
		{regexp.MustCompile(`金额|预算数|资金|万元|元\)|元）|价值|执行数|当年预算|决算数`), func(s string) bool { return containsAny(s, moneyLabel) }},
		{regexp.MustCompile(`分值|得分|权重|率|指标值|完成值`), func(s string) bool { return containsAny(s, scoreLabel) }},
		{regexp.MustCompile(`分值|得分|权重`), func(s string) bool { return containsAny(s, pointsLabel) }},
		{regexp.MustCompile(`[(（](万?元)[)）]$`), endsWithMoneyUnit},
		{regexp.MustCompile(`表(\(.*\)|（.*）)?$`), titleEnds},
		{regexp.MustCompile(`[。！？]`), sentenceEnd.Contains},
		{regexp.MustCompile(`(局|中心|本级|院|所|站|委员会|办公室|政府|队|馆|校|处|部)$`), func(s string) bool { return hasSuffixAny(s, unitNameEnds) }},
		{noteLine.re, noteLine.MatchString},
		{emptyMarker.re, emptyMarker.MatchString},
	}
	words := []string{"金额", "预算数", "资金", "万", "元", ")", "）", "(", "（", "价值", "执行数", "当年预算", "决算数", "分值", "率",
		"完成值", "表", "表(", "表（", "\n", "！", "？", "局", "中心", "本级", "委员会", "注", "备注", "说明", "空表列示", "无数据", "没有",
		"发生", "收入", "支出", "收支", "表为空", "无此项"}
	for k, c := range cases {
		for _, s := range scanSamples(t, words) {
			if got, want := c.match(s), c.re.MatchString(s); got != want {
				t.Fatalf("case %d (%s) %q: %v, want %v", k, c.re, s, got, want)
			}
		}
	}
}

func TestReadNumberWords(t *testing.T) {
	words := []string{"合计", "１", "２３", "－", "—", "*", "**", "＊", "<b>", "</b>", "＜", "1,234.5", "(", ")", "%", "％", "\xe4", "一"}
	for _, s := range scanSamples(t, words) {
		n, ok := ReadNumber(s)
		rn, rok := readNumber(s)
		if n != rn || ok != rok {
			t.Fatalf("ReadNumber(%q) = %+v %v, want %+v %v", s, n, ok, rn, rok)
		}
		if hasMarkup(s) != (strings.Contains(s, "<") || strings.Contains(s, "**")) {
			t.Fatalf("hasMarkup(%q)", s)
		}
	}
}

func TestPunctuatedIsNoTitle(t *testing.T) {
	for _, s := range scanSamples(t, []string{"。", "，", ";", "<", "＜", "*", "＊", "表", "支出表", "一般公共预算"}) {
		if !punctuated(s) {
			continue
		}
		if f := strings.TrimSpace(Fold(stripMarkup(s))); titleText(s) || titleText(f) {
			t.Fatalf("punctuated(%q) but a title", s)
		}
	}
}

// refCleanText is cleanText as first written, with cjkSpace.Split.
func refCleanText(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, " \t\n\u3000") {
		return s
	}
	parts := cjkSpace.Split(s, -1)
	var sb strings.Builder
	for i, p := range parts {
		if i > 0 && p != "" {
			prev := []rune(parts[i-1])
			next := []rune(p)
			if len(prev) > 0 && !isCJK(prev[len(prev)-1]) && !isCJK(next[0]) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(p)
	}
	return sb.String()
}

func TestCleanText(t *testing.T) {
	for _, s := range scanSamples(t, []string{" ", "  ", "\t", "\n", "\r", "\f", "\u3000", "a", "b1", "合计", "（", "\xff", "\xe5"}) {
		if got, want := cleanText(s), refCleanText(s); got != want {
			t.Fatalf("cleanText(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestListMarkers(t *testing.T) {
	words := []string{"-", "•", "·", "第", "一", "二", "十", "部分", "部", "、", ".", "．", "(", "（", ")", "）", "1", "12", "123", "①", "⑩", "⑪", "\t", "\n", "\f", "\r", "\v"}
	for _, s := range scanSamples(t, words) {
		end := -1
		if m := listMarker.FindStringIndex(s); m != nil {
			end = m[1]
		}
		if got := listMarkerEnd(s); got != end {
			t.Fatalf("listMarkerEnd(%q) = %d, want %d", s, got, end)
		}
		end = -1
		if m := digitMarker.FindStringIndex(s); m != nil {
			end = m[1]
		}
		if got := digitMarkerEnd(s); got != end {
			t.Fatalf("digitMarkerEnd(%q) = %d, want %d", s, got, end)
		}
	}
}

func TestScanMentions(t *testing.T) {
	words := []string{"元", "万元", "亿元", "万 元", "%", "1", "2,345", "6.7", ".", ",", " ", "约", "以上", "a", "\xe5", "\xe5\x85", "％", "１"}
	for _, s := range scanSamples(t, words) {
		for _, s := range []string{s, Fold(s)} {
			if got, want := fmt.Sprint(scanMentions(nil, s)), fmt.Sprint(refScanMentions(nil, s)); got != want {
				t.Fatalf("scanMentions(%q) = %s, want %s", s, got, want)
			}
		}
	}
}

// refScanMentions is scanMentions as first written: a mention at every
// 元 and % found by a loop over the runes of s.
func refScanMentions(out []mention, s string) []mention {
	for pos, r := range s {
		if r != '元' && r != '%' {
			continue
		}
		if mn, ok := mentionAt(s, pos, r); ok {
			out = append(out, mn)
		}
	}
	return out
}
