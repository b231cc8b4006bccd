package htmldoc

import (
	"strings"
	"unicode"
)

// normalize collapses white space the way a browser renders it: every run
// of white space (including no-break and ideographic spaces) becomes one
// space, and the result is trimmed. A run that holds a line break between
// two East Asian wide characters disappears entirely (CSS Text 3 segment
// break rule), so "一般公共\n预算" reads "一般公共预算". Zero-width
// characters and soft hyphens are dropped.
func normalize(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // last rune written, 0 at start
	inSpace, spaceHasBreak := false, false
	for _, r := range s {
		switch {
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\uFEFF' || r == '\u00AD' || r == '\u2060':
			continue
		case unicode.IsSpace(r):
			inSpace = true
			if r == '\n' || r == '\r' {
				spaceHasBreak = true
			}
			continue
		case r < 0x20 || r == 0x7F:
			// Other control characters are not text.
			continue
		}
		if inSpace {
			if prev != 0 && !(spaceHasBreak && isWide(prev) && isWide(r)) {
				b.WriteByte(' ')
			}
			inSpace, spaceHasBreak = false, false
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// isWide reports whether r is a CJK character or full-width punctuation,
// for which a line break in the source is not a space.
func isWide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // full-width forms
		return true
	case r >= 0x2E80 && r <= 0x2FDF: // radicals
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·':
		return true
	}
	return false
}

// joinLines joins the visual lines of one cell with a space, dropping empty
// ones.
func joinLines(lines []string) string {
	var out []string
	for _, l := range lines {
		if l = normalize(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, " ")
}
