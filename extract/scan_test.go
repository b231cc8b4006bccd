package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/corpus"
)

// The hand-written scanners must answer as the regular expressions they
// replace; these are the expressions, checked against both on the seeds'
// lines and on random strings built from the words they look for.

var refBoundary = regexp.MustCompile(`[，,；;：:。、]|[(（]\s*(含|其中|包括|包含|下同|不含)`)

// scanSamples returns lines of the seeds (when the corpus is at hand), the
// tails of those lines, and random strings of the given words.
func scanSamples(t *testing.T, words []string) []string {
	t.Helper()
	var out []string
	if root := corpus.Root(); root != "" {
		files, _ := filepath.Glob(filepath.Join(root, "seeds", "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(data), "\n") {
				out = append(out, l, Fold(l))
				for _, r := range []int{3, 7, 12, 20} {
					if len(l) > r {
						out = append(out, l[r:], l[:len(l)-r])
					}
				}
			}
		}
	}
	alphabet := append([]string{" ", "\t", "\n", "\u3000", "(", "（", ")", "）", "，", ",", "；", ";", "：", ":",
		"。", "、", "1", "2024", "年", "万元", "元", "%", "支出", "预算", "\xff", "\xe3\x80"}, words...)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(12); n >= 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		out = append(out, b.String())
	}
	return out
}

func TestLastBoundaries(t *testing.T) {
	for _, s := range scanSamples(t, boundaryWords) {
		locs := refBoundary.FindAllStringIndex(s, -1)
		prev, last, n := lastBoundaries(s)
		if n != min(len(locs), 2) {
			t.Fatalf("%q: %d matches, want %d", s, n, len(locs))
		}
		if n > 0 && (last[0] != locs[len(locs)-1][0] || last[1] != locs[len(locs)-1][1]) {
			t.Fatalf("%q: last %v, want %v", s, last, locs[len(locs)-1])
		}
		if n > 1 && (prev[0] != locs[len(locs)-2][0] || prev[1] != locs[len(locs)-2][1]) {
			t.Fatalf("%q: prev %v, want %v", s, prev, locs[len(locs)-2])
		}
	}
}

func TestWordPrefixes(t *testing.T) {
	cases := []struct {
		re    *regexp.Regexp
		match func(string) bool
		words []string
	}{
		{regexp.MustCompile(`^\s*(以上|以下|左右|上下|多|余|及以上|至|-|~)`),
			func(s string) bool { return hasPrefixAny(trimRESpace(s), approxAfterWords) }, approxAfterWords},
		{regexp.MustCompile(`^(占|比|较|与|同比|其中|主要|包括|具体|分别)`),
			func(s string) bool { return hasPrefixAny(s, carryWords) }, carryWords},
		{regexp.MustCompile(`^(其中|主要(包括|用于|有|为)|包括|具体(包括|为)|分别(为|是))`), isListLead, listLeadWords},
		{regexp.MustCompile(`^\s*[:：]`), func(s string) bool { return hasPrefixAny(trimRESpace(s), colonWords) }, colonWords},
		{compareRE, isCompare, []string{"比", "较", "与", "上年", "上一年", "去年", "与上年"}},
		{ambiguousVerb, isAmbiguousVerb, []string{"增加", "减少", "增长", "增", "减"}},
		{leadVerb, func(s string) bool { return leadVerbMatch(s) != nil }, leadVerbWords},
	}
	for k, c := range cases {
		for _, s := range scanSamples(t, c.words) {
			if got, want := c.match(s), c.re.MatchString(s); got != want {
				t.Fatalf("case %d (%s) %q: %v, want %v", k, c.re, s, got, want)
			}
		}
	}
}
