package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai/internal/runeset"
)

// Hand-written scanners for patterns matched for every number of every
// sentence; each gives the answer of the regular expression it replaces.

// boundaryWords follow an opening bracket to make a clause boundary.
var boundaryWords = []string{"含", "其中", "包括", "包含", "下同", "不含"}

// lastBoundaries returns the last two matches of
//
//	[，,；;：:。、]|[(（]\s*(含|其中|包括|包含|下同|不含)
//
// in s, as regexp.FindAllStringIndex finds them (leftmost first, not
// overlapping): last is the final match, prev the one before; n counts
// the matches up to 2.
func lastBoundaries(s string) (prev, last [2]int, n int) {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		end := -1
		switch r {
		case '，', ',', '；', ';', '：', ':', '。', '、':
			end = i + w
		case '(', '（':
			j := i + w
			for j < len(s) && isRESpace(s[j]) {
				j++
			}
			for _, word := range boundaryWords {
				if strings.HasPrefix(s[j:], word) {
					end = j + len(word)
					break
				}
			}
		}
		if end < 0 {
			i += w
			continue
		}
		prev, last = last, [2]int{i, end}
		if n < 2 {
			n++
		}
		i = end
	}
	return prev, last, n
}

// isRESpace reports whether b is white space as \s of package regexp
// means it ([\t\n\f\r ]).
func isRESpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// trimRESpace trims the leading \s of s.
func trimRESpace(s string) string {
	i := 0
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return s[i:]
}

// hasPrefixAny reports whether s starts with one of words.
func hasPrefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

var (
	clausePunct  = runeset.New("，,；;：:。、")
	sentencePunc = runeset.New("；;。")
	semicolons   = runeset.New(";；")
	commaSemi    = runeset.New("，,；;")
	commaStop    = runeset.New("，,；;。")
	colons       = runeset.New(":：")
	brackets     = runeset.New("(（")
)

// percentSigns fold to the % a mention ends with.
var percentSigns = runeset.New("%％")

// mayMatchIn reports whether s has 中 followed, after \s, by one of
// [，,:：], as every match of inRE does.
func mayMatchIn(s string) bool {
	for {
		k := strings.Index(s, "中")
		if k < 0 {
			return false
		}
		s = s[k+len("中"):]
		if hasPrefixAny(trimRESpace(s), inDelims) {
			return true
		}
	}
}

var inDelims = []string{"，", ",", ":", "："}

// guarded is a regular expression tried only on strings that contain one
// of words, as every match of it does.
type guarded struct {
	re    *regexp.Regexp
	words []string
}

func guard(re *regexp.Regexp, words ...string) guarded { return guarded{re, words} }

func (g guarded) MatchString(s string) bool { return containsAny(s, g.words) && g.re.MatchString(s) }

// endsWithMoneyUnit is rowMoneyUnit.MatchString (`[(（](万?元)[)）]$`).
func endsWithMoneyUnit(s string) bool {
	switch {
	case strings.HasSuffix(s, ")"):
		s = s[:len(s)-len(")")]
	case strings.HasSuffix(s, "）"):
		s = s[:len(s)-len("）")]
	default:
		return false
	}
	if !strings.HasSuffix(s, "元") {
		return false
	}
	s = strings.TrimSuffix(s[:len(s)-len("元")], "万")
	return strings.HasSuffix(s, "(") || strings.HasSuffix(s, "（")
}

// titleEnds is titleEnd.MatchString (`表(\(.*\)|（.*）)?$`).
func titleEnds(s string) bool {
	if strings.HasSuffix(s, "表") {
		return true
	}
	for _, p := range [][2]string{{"表(", ")"}, {"表（", "）"}} {
		k := strings.LastIndex(s, p[0])
		if k >= 0 && strings.HasSuffix(s[k+len(p[0]):], p[1]) && !strings.Contains(s[k:], "\n") {
			return true
		}
	}
	return false
}

var sentenceEndMarks = runeset.New("。！？") // sentenceEnd

// hasSuffixAny reports whether s ends with one of words.
func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// punctuated reports whether s has a mark no title has (。，,；;), which
// folding keeps (，； fold to , ;), and nothing markup could hide it in (no
// < or *, full-width or not: stripMarkup takes them after folding too).
// isTitleText is false for such s, and for its folded, trimmed forms.
func punctuated(s string) bool {
	return untitled.Contains(s) && !markupChars.Contains(s)
}

var (
	untitled    = runeset.New("。，,；;")
	markupChars = runeset.New("<＜*＊")
)

// skipRESpace returns the offset after the \s run of s at i.
func skipRESpace(s string, i int) int {
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i
}

// skipNumerals returns the offset after the run of 一 to 十 at i.
func skipNumerals(s string, i int) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		i += w
	}
	return i
}

// skipMark returns the offset after a 、 . or ． at i, or i.
func skipMark(s string, i int) int {
	for _, m := range []string{"、", ".", "．"} {
		if strings.HasPrefix(s[i:], m) {
			return i + len(m)
		}
	}
	return i
}

// skipClose returns the offset after a ) or ） at i, or -1.
func skipClose(s string, i int) int {
	for _, m := range []string{")", "）"} {
		if strings.HasPrefix(s[i:], m) {
			return i + len(m)
		}
	}
	return -1
}

// listMarkerEnd returns where the match of listMarker in s ends, or -1.
func listMarkerEnd(s string) int {
	i := skipRESpace(s, 0)
	r, w := utf8.DecodeRuneInString(s[i:])
	j := i + w
	switch {
	case r == '-' || r == '•' || r == '·':
		return skipRESpace(s, j)
	case r == '第':
		if k := skipNumerals(s, j); k > j && strings.HasPrefix(s[k:], "部分") {
			return skipRESpace(s, k+len("部分"))
		}
	case strings.ContainsRune("一二三四五六七八九十", r):
		k := skipRESpace(s, skipNumerals(s, i))
		if m := skipMark(s, k); m > k {
			return skipRESpace(s, m)
		}
	case r == '(' || r == '（':
		k := skipRESpace(s, j)
		n := skipNumerals(s, k)
		if n == k { // digits instead: one or two
			for n < len(s) && n-k < 3 && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			if n == k || n-k > 2 {
				return -1
			}
		}
		if c := skipClose(s, skipRESpace(s, n)); c >= 0 {
			return skipRESpace(s, skipMark(s, skipRESpace(s, c)))
		}
	case r >= '①' && r <= '⑩':
		return skipRESpace(s, j)
	}
	return -1
}

// digitMarkerEnd returns where the match of digitMarker in s ends, or -1.
func digitMarkerEnd(s string) int {
	i := skipRESpace(s, 0)
	n := i
	for n < len(s) && n-i < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == i || n-i > 2 {
		return -1
	}
	k := skipRESpace(s, n)
	if m := skipMark(s, k); m > k {
		return skipRESpace(s, m)
	}
	return -1
}
