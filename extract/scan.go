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
