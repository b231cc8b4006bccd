package htmldoc

import (
	"strings"
	"unicode"
)

// normalize collapses white space the way a browser renders it: every run
// of white space (line breaks, no-break and ideographic spaces included)
// becomes one space, and the result is trimmed. (Browsers other than
// Firefox also keep a line break between two Chinese characters as a
// space; office programs wrap their HTML at spaces, so dropping such breaks
// would lose real spaces.) Zero-width characters, soft hyphens and control
// characters are dropped.
func normalize(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for _, r := range s {
		switch {
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\uFEFF' || r == '\u00AD' || r == '\u2060':
			continue
		case unicode.IsSpace(r):
			inSpace = true
			continue
		case r < 0x20 || r == 0x7F:
			continue
		}
		if inSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		inSpace = false
		b.WriteRune(r)
	}
	return b.String()
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
