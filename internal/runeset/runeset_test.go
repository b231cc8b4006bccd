package runeset

import (
	"math/rand"
	"strings"
	"testing"
)

func TestSameAsStrings(t *testing.T) {
	sets := []string{"，,；;：:。、", "；;。", ";；", "(（", "XxＸｘ×*＊○□", "0123456789", "\u00a0\u3000"}
	pieces := []string{"a", " ", "，", ",", "；", ";", "。", "、", "(", "（", "Ｘ", "×", "○", "□", "文", "5",
		"\xef", "\xef\xbc", "\xbc\x8c", "\x8c", "\xe3\x80", "\x80", "\xc3", "\u00a0", "\u3000", "\xff"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for n := rng.Intn(10); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		for _, chars := range sets {
			set := New(chars)
			if got, want := set.Index(s), strings.IndexAny(s, chars); got != want {
				t.Fatalf("Index(%q, %q) = %d, want %d", s, chars, got, want)
			}
			if got, want := set.LastIndex(s), strings.LastIndexAny(s, chars); got != want {
				t.Fatalf("LastIndex(%q, %q) = %d, want %d", s, chars, got, want)
			}
			if got, want := set.Contains(s), strings.ContainsAny(s, chars); got != want {
				t.Fatalf("Contains(%q, %q) = %v, want %v", s, chars, got, want)
			}
		}
	}
}

func TestTrimSpace(t *testing.T) {
	pieces := []string{"a", " ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u1680", "\u2000", "\u2009", "\u200a", "\u200b",
		"\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u3001", "合", "计", "\xc2", "\xe2\x80", "\x80", "\xa0", "\x85", "\xff", "\ufffd"}
	rng := rand.New(rand.NewSource(5))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := rng.Intn(6); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := TrimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
