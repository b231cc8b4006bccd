package pdfdoc

import (
	"strings"
	"unicode/utf8"
)

// Hand-written matchers for the patterns tried on every word; each answers
// as the regular expression it stands for (scan_test.go checks them).

// matchNumber is numberRe.MatchString:
// ^[(（]?[-−+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?[)）]?[%％]?$
func matchNumber(s string) bool {
	s = trimPrefixAny(s, "(", "（")
	s = trimPrefixAny(s, "-", "−", "+")
	// The integer part is the run of digits and commas: a plain run of
	// digits, or groups of three after a first group of one to three.
	i, group, commas := 0, 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			group++
		case c == ',':
			if group == 0 || group > 3 || commas && group != 3 {
				return false
			}
			commas, group = true, 0
		default:
			goto end
		}
	}
end:
	if group == 0 || commas && group != 3 {
		return false
	}
	s = s[i:]
	if strings.HasPrefix(s, ".") {
		j := 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == 1 {
			return false
		}
		s = s[j:]
	}
	s = trimPrefixAny(s, ")", "）")
	s = trimPrefixAny(s, "%", "％")
	return s == ""
}

// isNumberHead reports whether s is the head of an amount wrapped or
// spaced after its decimal point or a thousands comma ("341." of
// "341. 39"): no number on its own, and never text.
func isNumberHead(s string) bool {
	n := len(s)
	return n >= 2 && (s[n-1] == '.' || s[n-1] == ',') && matchNumber(s[:n-1])
}

// matchPlaceholder is placeholderRe.MatchString:
// ^([-−—–/／*＊]{1,3}|[·.]{1,3})$
func matchPlaceholder(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 1 || n > 3 {
		return false
	}
	dashes, dots := true, true
	for _, r := range s {
		switch r {
		case '-', '−', '—', '–', '/', '／', '*', '＊':
			dots = false
		case '·', '.':
			dashes = false
		default:
			return false
		}
	}
	return dashes || dots
}

func trimPrefixAny(s string, prefixes ...string) string {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}
