// Package runeset finds any of a fixed set of characters in a string by
// scanning bytes, where strings.IndexAny, LastIndexAny and ContainsAny decode
// every rune and search the set for each one once the set holds a non-ASCII
// character (as sets of Chinese punctuation do).
//
// The answers are those of the strings functions for every input: a byte
// that starts the UTF-8 form of a character can never be the continuation
// of another, so a character of the set found at any byte is found by the
// rune-by-rune scan too, invalid UTF-8 included.
package runeset

import "unicode/utf8"

// Set is a set of characters, built once by New.
type Set struct {
	lead  [256]bool // the first byte of some member
	trail [256]bool // the last byte of some member
	ascii [128]bool
	multi []string // UTF-8 forms of the non-ASCII members
}

// New returns the set of the characters of chars (valid UTF-8, no
// utf8.RuneError).
func New(chars string) *Set {
	s := &Set{}
	for _, r := range chars {
		if r == utf8.RuneError {
			panic("runeset: RuneError in set")
		}
		if r < utf8.RuneSelf {
			s.ascii[r] = true
			s.lead[r], s.trail[r] = true, true
			continue
		}
		enc := string(r)
		s.multi = append(s.multi, enc)
		s.lead[enc[0]], s.trail[enc[len(enc)-1]] = true, true
	}
	return s
}

// Index is strings.IndexAny(str, chars).
func (s *Set) Index(str string) int {
	for i := 0; i < len(str); i++ {
		b := str[i]
		if !s.lead[b] {
			continue
		}
		if b < utf8.RuneSelf {
			return i
		}
		for _, m := range s.multi {
			if len(str)-i >= len(m) && str[i:i+len(m)] == m {
				return i
			}
		}
	}
	return -1
}

// Contains is strings.ContainsAny(str, chars).
func (s *Set) Contains(str string) bool { return s.Index(str) >= 0 }

// LastIndex is strings.LastIndexAny(str, chars).
func (s *Set) LastIndex(str string) int {
	for j := len(str) - 1; j >= 0; j-- {
		b := str[j]
		if !s.trail[b] {
			continue
		}
		if b < utf8.RuneSelf {
			if s.ascii[b] {
				return j
			}
			continue
		}
		for _, m := range s.multi {
			if k := j + 1 - len(m); k >= 0 && str[k:j+1] == m {
				return k
			}
		}
	}
	return -1
}
