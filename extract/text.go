package extract

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"gongkai"
)

// Fold folds full-width digits, letters and punctuation to ASCII (keeping
// 、。 and CJK), and the ideographic space to a space. It is used for matching
// and parsing only; the document's own text is kept for display.
func Fold(s string) string {
	s = width.Fold.String(s)
	return strings.NewReplacer("\u3000", " ", "\u00a0", " ", "\u2212", "-", "\uff0d", "-",
		"“", "\"", "”", "\"", "‘", "'", "’", "'").Replace(s)
}

// Compact folds s and removes all white space, for comparing names and labels.
func Compact(s string) string {
	s = Fold(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// NumberCell is the reading of a cell that may hold a number.
type NumberCell struct {
	Digits  string // plain number, e.g. "-1234.56" (no separators)
	Places  int
	Percent bool // printed with a % sign
	Spaced  bool // white space inside the number ("341. 39")
	Dash    bool // printed as a dash: nothing to report
}

var (
	numberRE   = regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$`)
	dashRE     = regexp.MustCompile(`^[-—–_/*]+$`)
	spaceInNum = regexp.MustCompile(`\d\s+[.\d]|\.\s+\d`)
)

// ReadNumber reads cell text as a number. ok is false when the text is not
// a number (a name, a label, a mixed string).
func ReadNumber(text string) (n NumberCell, ok bool) {
	s := strings.TrimSpace(Fold(stripMarkup(text)))
	if s == "" {
		return n, false
	}
	if dashRE.MatchString(s) {
		return NumberCell{Dash: true}, true
	}
	if strings.HasSuffix(s, "%") {
		n.Percent = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && !n.Percent {
		// (123.45) is a negative number in accounting notation.
		s = "-" + s[1:len(s)-1]
	}
	n.Spaced = spaceInNum.MatchString(s)
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if !numberRE.MatchString(compact) {
		return NumberCell{}, false
	}
	n.Digits = strings.ReplaceAll(compact, ",", "")
	if _, frac, ok := strings.Cut(n.Digits, "."); ok {
		n.Places = len(frac)
	}
	return n, true
}

var markup = regexp.MustCompile(`</?[a-zA-Z][^>]*>|\*\*`)

func stripMarkup(s string) string { return markup.ReplaceAllString(s, "") }

// Units.

var unitRE = regexp.MustCompile(`(?:金额)?单位\s*[:：]\s*(亿元|万元|元)`)

// UnitIn finds a unit declaration ("单位：万元") in s.
func UnitIn(s string) (gongkai.Unit, bool) {
	m := unitRE.FindStringSubmatch(Fold(s))
	if m == nil {
		return "", false
	}
	return gongkai.Unit(m[1]), true
}

// listMarker matches list markers such as 一、 (一) (1) ① - (digit markers
// such as "1." are handled apart, since "1.5万元" is not one).
var listMarker = regexp.MustCompile(`^\s*(` +
	`[-•·]\s*|` +
	`第[一二三四五六七八九十]+部分\s*|` +
	`[一二三四五六七八九十]+\s*[、.．]\s*|` +
	`[(（]\s*[一二三四五六七八九十]+\s*[)）]\s*[、.．]?\s*|` +
	`[(（]\s*\d{1,2}\s*[)）]\s*[、.．]?\s*|` +
	`[①②③④⑤⑥⑦⑧⑨⑩]\s*)`)

var digitMarker = regexp.MustCompile(`^\s*\d{1,2}\s*[、.．]\s*`)

// listMarkerLen returns the length in bytes of a leading list marker, or 0.
func listMarkerLen(s string) int {
	if m := listMarker.FindStringIndex(s); m != nil {
		return m[1]
	}
	if m := digitMarker.FindStringIndex(s); m != nil {
		rest := s[m[1]:]
		if rest != "" && (rest[0] < '0' || rest[0] > '9') {
			return m[1]
		}
	}
	return 0
}

// StripListMarker removes a leading list marker such as "一、" or "(1)".
func StripListMarker(s string) string {
	return strings.TrimSpace(s[listMarkerLen(s):])
}

// HasListMarker reports whether s starts with a list marker.
func HasListMarker(s string) bool { return listMarkerLen(s) > 0 }

var headingRE = regexp.MustCompile(`^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）])`)

// IsHeading reports whether a line of prose is a section heading: a numbered
// line such as "三、部门预算支出情况说明" or "（二）机构设置" that is short and
// does not read as a sentence.
func IsHeading(s string) bool {
	t := strings.TrimSpace(Fold(stripMarkup(s)))
	if !headingRE.MatchString(t) {
		return false
	}
	r := []rune(t)
	if len(r) > 40 {
		return false
	}
	return !strings.ContainsAny(t, "，,；;。")
}
