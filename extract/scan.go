package extract

import (
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
