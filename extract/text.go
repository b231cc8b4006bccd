package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai"
	"gongkai/internal/runeset"
)

// Fold folds full-width digits, letters and punctuation to ASCII (keeping
// 、。 and CJK), the ideographic and no-break spaces to a space, the minus
// signs to '-' and curly quotes to straight ones. It is used for matching
// and parsing only; the document's own text is kept for display.
func Fold(s string) string {
	i := firstFold(s)
	if i < 0 {
		return s
	}
	if !utf8.ValidString(s) {
		return strings.Map(foldRune, s) // which also replaces the invalid bytes
	}
	// Copy the runs between the runes that fold.
	var b strings.Builder
	b.Grow(len(s)) // folding never lengthens
	last := 0
	for i < len(s) {
		switch s[i] {
		case 0xC2, 0xE2, 0xE3, 0xEF:
			r, w := utf8.DecodeRuneInString(s[i:])
			if f := foldRune(r); f != r {
				b.WriteString(s[last:i])
				b.WriteRune(f)
				last = i + w
			}
			i += w
		default:
			i++
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// firstFold returns the offset of the first rune of s that Fold changes, or -1.
func firstFold(s string) int {
	// Only runes whose UTF-8 form starts with one of these bytes fold.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xC2, 0xE2, 0xE3, 0xEF:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if foldRune(r) != r {
				return i
			}
		}
	}
	return -1
}

// foldRune folds one rune as Fold does; it keeps the rune's meaning, and
// like width.Fold leaves 、。 and CJK alone.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		return r
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	}
	switch r {
	case '\u3000', '\u00a0':
		return ' '
	case '\u2212':
		return '-'
	case '“', '”':
		return '"'
	case '‘', '’':
		return '\''
	case '\uffe0':
		return '¢'
	case '\uffe1':
		return '£'
	case '\uffe5':
		return '¥'
	}
	return r
}

// Compact folds s and removes all white space, for comparing names and labels.
func Compact(s string) string {
	if isCompact(s) {
		return s
	}
	if !utf8.ValidString(s) {
		// strings.Map writes the invalid bytes as U+FFFD.
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, Fold(s))
	}
	// Copy the runs between the runes that fold or are white space.
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				b.WriteString(s[last:i])
				last = i + 1
			}
			i++
			continue
		}
		if !mayFoldOrSpace(c) {
			i++ // a rune that stays, or the rest of one
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch f := foldRune(r); {
		case unicode.IsSpace(f):
			b.WriteString(s[last:i])
			last = i + w
		case f != r:
			b.WriteString(s[last:i])
			b.WriteRune(f)
			last = i + w
		}
		i += w
	}
	b.WriteString(s[last:])
	return b.String()
}

// mayFoldOrSpace reports whether a rune whose UTF-8 form starts with c may
// fold or be white space: U+0080–U+00BF, U+1000–U+3FFF or U+F000–U+FFFF.
func mayFoldOrSpace(c byte) bool {
	return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF
}

// isCompact reports whether Compact(s) is s: valid UTF-8 (strings.Map
// replaces invalid bytes) with nothing to fold and no white space.
func isCompact(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if asciiSpace[c] {
				return false
			}
			i++
		case c >= 0xE4 && c <= 0xEC || c == 0xEE:
			// U+4000–U+CFFF, U+E000–U+EFFF: none folds or is a space;
			// valid when two continuation bytes follow.
			if len(s)-i < 3 || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
				return false
			}
			i += 3
		default:
			r, w := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 || foldRune(r) != r || unicode.IsSpace(r) {
				return false
			}
			i += w
		}
	}
	return true
}

// asciiSpace holds the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// NumberCell is the reading of a cell that may hold a number.
type NumberCell struct {
	Digits  string // plain number, e.g. "-1234.56" (no separators)
	Places  int
	Percent bool // printed with a % sign
	Spaced  bool // white space inside the number ("341. 39")
	Dash    bool // printed as a dash: nothing to report
}

// isDash reports whether s is only dashes, underscores, slashes and
// asterisks (`^[-—–_/*]+$`).
func isDash(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch r {
		case '-', '—', '–', '_', '/', '*':
		default:
			return false
		}
	}
	return true
}

// ReadNumber reads cell text as a number. ok is false when the text is not
// a number (a name, a label, a mixed string).
func ReadNumber(text string) (n NumberCell, ok bool) {
	if wordsOnly(text) {
		return n, false
	}
	return readNumber(text)
}

// readNumber is ReadNumber without its shortcut for words.
func readNumber(text string) (n NumberCell, ok bool) {
	s := runeset.TrimSpace(Fold(stripMarkup(text)))
	if s == "" {
		return n, false
	}
	if !strings.ContainsAny(s, "0123456789") {
		if isDash(s) {
			return NumberCell{Dash: true}, true
		}
		return n, false
	}
	if strings.HasSuffix(s, "%") {
		n.Percent = true
		s = runeset.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && !n.Percent {
		// (123.45) is a negative number in accounting notation.
		s, neg = s[1:len(s)-1], true
	}
	digits, places, spaced, valid := scanNumber(s)
	if !valid {
		return NumberCell{}, false
	}
	if neg && !strings.HasPrefix(digits, "-") {
		digits = "-" + digits
	}
	n.Digits, n.Places, n.Spaced = digits, places, spaced
	return n, true
}

// wordsOnly reports whether text, without markup, has no digit (ASCII or
// full-width) but a CJK ideograph: no number and no dash after folding, so
// ReadNumber says no.
func wordsOnly(text string) bool {
	han := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= '0' && c <= '9', c == '<', c == '*':
			return false // a digit, or perhaps markup
		case c == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99:
			return false // a full-width digit
		case c >= 0xE4 && c <= 0xE9:
			han = true // U+4000–U+9FFF: folds to no digit or dash
		}
	}
	return han
}

// scanNumber reads "-1,234.56" allowing spaces inside (extraction noise:
// "341. 39", "138 . 59"); commas must group thousands.
func scanNumber(s string) (digits string, places int, spaced, ok bool) {
	// digits is s without its separators and a plus sign: s itself, or a
	// tail of it, when there are none.
	var b strings.Builder
	build := false // b holds digits so far (once a separator was dropped)
	from := 0      // else digits is s[from:i]
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		if s[i] == '+' {
			from = 1
		}
		i++
	}
	drop := func() { // leave out s[i]
		if !build {
			build = true
			b.Grow(len(s))
			b.WriteString(s[from:i])
		}
	}
	intDigits, groupLen, sawComma, sawDot, fracDigits := 0, 0, false, false, 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if build {
				b.WriteByte(c)
			}
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
			drop()
			sawComma, groupLen = true, 0
		case c == '.' && !sawDot:
			if sawComma && groupLen != 3 {
				return "", 0, false, false
			}
			sawDot = true
			if build {
				b.WriteByte('.')
			}
		case c == ' ' || c == '\t':
			if intDigits == 0 && !sawDot {
				return "", 0, false, false
			}
			drop()
			spaced = true
		default:
			return "", 0, false, false
		}
	}
	if intDigits == 0 || (sawDot && fracDigits == 0) || (sawComma && !sawDot && groupLen != 3) {
		return "", 0, false, false
	}
	if spaced && !sawDot {
		return "", 0, false, false // "12 34" is two numbers, not one
	}
	if build {
		return b.String(), fracDigits, spaced, true
	}
	return s[from:], fracDigits, spaced, true
}

var markup = regexp.MustCompile(`</?[a-zA-Z][^>]*>|\*\*`)

func stripMarkup(s string) string {
	if !hasMarkup(s) {
		return s
	}
	return markup.ReplaceAllString(s, "")
}

// hasMarkup reports whether s holds a '<' or "**", as every match of
// markup does.
func hasMarkup(s string) bool {
	return strings.IndexByte(s, '<') >= 0 || strings.Contains(s, "**")
}

// Units.

var unitRE = regexp.MustCompile(`(?:金额)?单位\s*[:：]\s*(亿元|万元|元)`)

// UnitIn finds a unit declaration ("单位：万元") in s.
func UnitIn(s string) (gongkai.Unit, bool) {
	if !strings.Contains(s, "单位") {
		return "", false // in every match, and folding leaves it alone
	}
	m := unitRE.FindStringSubmatch(Fold(s))
	if m == nil {
		return "", false
	}
	return gongkai.Unit(m[1]), true
}

// listMarker matches list markers such as 一、 (一) (1) ① - (digit markers
// such as "1." are handled apart, since "1.5万元" is not one). listMarkerEnd
// and digitMarkerEnd find their matches by hand.
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
	t := strings.TrimLeft(s, " \t")
	if t == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !strings.ContainsRune("-•·第一二三四五六七八九十(（①②③④⑤⑥⑦⑧⑨⑩0123456789", r) {
		return 0
	}
	if end := listMarkerEnd(s); end >= 0 {
		return end
	}
	if end := digitMarkerEnd(s); end >= 0 {
		rest := s[end:]
		if rest != "" && (rest[0] < '0' || rest[0] > '9') {
			return end
		}
	}
	return 0
}

// StripListMarker removes a leading list marker such as "一、" or "(1)".
func StripListMarker(s string) string {
	return runeset.TrimSpace(s[listMarkerLen(s):])
}

// HasListMarker reports whether s starts with a list marker.
func HasListMarker(s string) bool { return listMarkerLen(s) > 0 }

var headingRE = regexp.MustCompile(`^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）])`)

// IsHeading reports whether a line of prose is a section heading: a numbered
// line such as "三、部门预算支出情况说明" or "（二）机构设置" that is short and
// does not read as a sentence.
func IsHeading(s string) bool {
	// Folding keeps the number of runes and the first one that is not
	// white space, so long lines and lines that cannot start a heading
	// need no folding.
	u := runeset.TrimSpace(stripMarkup(s))
	switch r, _ := utf8.DecodeRuneInString(u); r {
	case '第', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '(', '（':
	default:
		return false
	}
	if len(u) > 40*utf8.UTFMax || utf8.RuneCountInString(u) > 40 {
		return false
	}
	t := runeset.TrimSpace(Fold(stripMarkup(s)))
	if !headingRE.MatchString(t) {
		return false
	}
	r := []rune(t)
	if len(r) > 40 {
		return false
	}
	return !strings.ContainsAny(t, "，,；;。")
}
