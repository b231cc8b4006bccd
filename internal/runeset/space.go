package runeset

import "strings"

// TrimSpace is strings.TrimSpace. That one decodes the first and last runes
// of a string that starts or ends outside ASCII (as Chinese text does);
// this one looks at their first bytes and calls it only when one of them
// can begin a white-space character.
func TrimSpace(s string) string {
	if s == "" || maySpaceAt(s, 0) || maySpaceAt(s, lastStart(s)) {
		return strings.TrimSpace(s)
	}
	return s
}

// IsBlank reports whether strings.TrimSpace(s) == "".
func IsBlank(s string) bool { return TrimSpace(s) == "" }

// maySpaceAt reports whether the rune at byte i of s (a start byte, or -1
// when there is none near the end) can be white space in the sense of
// unicode.IsSpace: an ASCII space, or a rune whose UTF-8 form starts with
// 0xC2 (U+0085, U+00A0), 0xE1 (U+1680), 0xE2 (U+2000–U+205F) or 0xE3
// (U+3000).
func maySpaceAt(s string, i int) bool {
	if i < 0 {
		return true // no start byte found: let strings.TrimSpace decide
	}
	switch s[i] {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0xC2, 0xE1, 0xE2, 0xE3:
		return true
	}
	return false
}

// lastStart returns the offset of the byte the last rune of s starts with
// as utf8.DecodeLastRuneInString finds it, or -1 when unsure.
func lastStart(s string) int {
	for i := len(s) - 1; i >= 0 && i >= len(s)-4; i-- {
		if s[i]&0xC0 != 0x80 {
			return i
		}
	}
	return -1
}
