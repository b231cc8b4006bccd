package pdfdoc

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is a printed line rebuilt from the words of one page.
type line struct {
	Page   int
	Words  []word // left to right
	Y0, Y1 float64
	Num    int    // 1-based index into Document.Lines
	Text   string // words joined as in Document.Lines
}

func (l *line) height() float64 { return l.Y1 - l.Y0 }
func (l *line) midY() float64   { return (l.Y0 + l.Y1) / 2 }
func (l *line) x0() float64     { return l.Words[0].X0 }
func (l *line) x1() float64     { return l.Words[len(l.Words)-1].X1 }

// em is the typical glyph size of the line: its median word height.
func (l *line) em() float64 {
	hs := make([]float64, len(l.Words))
	for i, w := range l.Words {
		hs[i] = w.height()
	}
	return median(hs)
}

// fontSize estimates the size of the line's type from its CJK words,
// whose boxes are the type size; boxes of digits in another font may be
// taller. Lines without CJK use em.
func (l *line) fontSize() float64 {
	var hs []float64
	for _, w := range l.Words {
		for _, r := range w.Text {
			if unicode.Is(unicode.Han, r) {
				hs = append(hs, w.height())
				break
			}
		}
	}
	if len(hs) == 0 {
		return l.em()
	}
	return median(hs)
}

// Thresholds, in ems (the height of the glyphs concerned).
const (
	sameLineOverlap = 0.5  // vertical overlap for two words to share a line
	abutGap         = 0.12 // below this, glyphs touch: join with nothing
	cjkJoinGap      = 1.0  // CJK glyphs closer than this join with nothing
	tabGap          = 1.5  // at least this wide, a gap is a column gap
)

// buildLines groups the words of a page into lines ordered top to bottom,
// each with its words left to right.
func buildLines(p page) []*line {
	words := append([]word(nil), p.Words...)
	sort.SliceStable(words, func(i, j int) bool {
		if a, b := words[i].midY(), words[j].midY(); a != b {
			return a < b
		}
		return words[i].X0 < words[j].X0
	})
	var lines []*line
	for _, w := range words {
		if l := bestLine(lines, w); l != nil {
			l.Words = append(l.Words, w)
			l.Y0 = math.Min(l.Y0, w.Y0)
			l.Y1 = math.Max(l.Y1, w.Y1)
			continue
		}
		lines = append(lines, &line{Page: p.Num, Words: []word{w}, Y0: w.Y0, Y1: w.Y1})
	}
	for _, l := range lines {
		sort.SliceStable(l.Words, func(i, j int) bool { return l.Words[i].X0 < l.Words[j].X0 })
		l.Words = mergeLetterSpaced(l.Words)
		l.Text = lineText(l.Words)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].midY() < lines[j].midY() })
	return lines
}

// bestLine returns the line w belongs to: the one whose first word's
// vertical band w overlaps most, by at least sameLineOverlap of the smaller
// height, and that has no word in the same horizontal place. It returns nil
// when there is none. Comparing with the first word, not the whole line,
// keeps lines of staggered cells from chaining into one.
func bestLine(lines []*line, w word) *line {
	var best *line
	bestOverlap := 0.0
	// Words come sorted by midY, so only recent lines can overlap.
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		seed := l.Words[0]
		if seed.midY() < w.Y0-3*w.height() {
			break
		}
		ov := math.Min(seed.Y1, w.Y1) - math.Max(seed.Y0, w.Y0)
		h := math.Min(w.height(), seed.height())
		if ov < sameLineOverlap*h || ov <= bestOverlap || collides(l, w) {
			continue
		}
		best, bestOverlap = l, ov
	}
	return best
}

// collides reports whether w overlaps a word of l horizontally by more than
// a third of the narrower one: two such words cannot be on one line.
func collides(l *line, w word) bool {
	for _, v := range l.Words {
		ov := math.Min(v.X1, w.X1) - math.Max(v.X0, w.X0)
		if ov > math.Min(v.width(), w.width())/3 {
			return true
		}
	}
	return false
}

// mergeLetterSpaced joins runs of single CJK glyphs printed with wide, even
// spacing ("收　　入", "本 年 收 入 合 计") into one word whose parts
// remember the glyphs.
func mergeLetterSpaced(ws []word) []word {
	var out []word
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && letterSpacedPair(ws, i, j) {
			j++
		}
		if j-i < 2 {
			out = append(out, ws[i])
			i++
			continue
		}
		out = append(out, joinWords(ws[i:j]))
		i = j
	}
	return out
}

// letterSpacedPair reports whether ws[j] continues the letter-spaced run
// ws[i:j]: both are single Han glyphs of one size, apart by at least a third
// of a glyph and at most maxLetterGap glyphs, and a run of three or more
// keeps its spacing even. Cells spread their text over their whole width
// ("收　　　　入" across two columns), so the gap may be wide; glyphs
// that head columns of their own (类 款 项) are split again by the
// table.
func letterSpacedPair(ws []word, i, j int) bool {
	a, b := ws[j-1], ws[j]
	if !singleHan(a.Text) || !singleHan(b.Text) {
		return false
	}
	em := math.Max(a.height(), b.height())
	if math.Abs(a.height()-b.height()) > 0.15*em {
		return false
	}
	gap := b.X0 - a.X1
	if gap < 0.3*em || gap > maxLetterGap*em {
		return false
	}
	if j-i >= 2 { // keep the spacing even along the run
		prev := a.X0 - ws[j-2].X1
		if math.Abs(gap-prev) > 0.5*em {
			return false
		}
	}
	return true
}

// maxLetterGap is the widest gap, in glyphs, inside a letter-spaced word.
const maxLetterGap = 15

func singleHan(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.Is(unicode.Han, r)
}

// joinWords makes one word of ws, its text their texts without separators.
func joinWords(ws []word) word {
	var b strings.Builder
	w := ws[0]
	for _, v := range ws {
		b.WriteString(v.Text)
		w.Y0 = math.Min(w.Y0, v.Y0)
		w.Y1 = math.Max(w.Y1, v.Y1)
	}
	w.X1 = ws[len(ws)-1].X1
	w.Text = b.String()
	w.parts = append([]word(nil), ws...)
	return w
}

// lineText joins words left to right with the separator their gap calls for.
func lineText(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteString(separator(ws[i-1], w))
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// separator returns "", " " or "\t" for the gap between a and b.
func separator(a, b word) string {
	em := math.Min(a.height(), b.height())
	gap := b.X0 - a.X1
	switch {
	case gap >= tabGap*em:
		return "\t"
	case gap < abutGap*em:
		return ""
	case gap < cjkJoinGap*em && isCJK(lastRune(a.Text)) && isCJK(firstRune(b.Text)):
		return ""
	case gap < scriptGap*em && (isDigit(lastRune(a.Text)) && isCJK(firstRune(b.Text)) || isCJK(lastRune(a.Text)) && isDigit(firstRune(b.Text))):
		return ""
	}
	return " "
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isCJK reports whether r is a Han character or CJK / full-width punctuation.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK symbols and punctuation
		(r >= 0xFF00 && r <= 0xFFEF) // full-width forms
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// scriptGap is the widest gap, in ems, between digits and CJK glyphs that
// touch where the font changes ("2024" "年"): narrower than a space.
const scriptGap = 0.17

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
