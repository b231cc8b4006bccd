package compare

import (
	"sort"

	"gongkai"
)

// Scheme says which classification a sum is by.
type Scheme string

// The classifications.
const (
	Function Scheme = "function" // 支出功能分类
	Economic Scheme = "economic" // 部门预算支出经济分类
)

// Sum is the consolidated figure of one classification line in one year
// and kind of disclosure: the sum over the departments that print it.
type Sum struct {
	Year        int          `json:"year"`
	Kind        gongkai.Kind `json:"kind"`
	Code        string       `json:"code"`
	Name        string       `json:"name"`
	Departments int          `json:"departments"` // how many print the line
	Total       int64        `json:"total"`       // 分
	// A and B are 基本支出 and 项目支出 (function), 人员经费 and 公用经费
	// (economic).
	A int64 `json:"a"`
	B int64 `json:"b"`
}

// Level is the line's level: 类, 款 or 项.
func (s Sum) Level() string { return Level(s.Code) }

// Level names the level of a classification code: 类 (3 digits), 款 (5)
// or 项 (7).
func Level(code string) string {
	switch len(code) {
	case 3:
		return "类"
	case 5:
		return "款"
	case 7:
		return "项"
	}
	return ""
}

// Consolidation is a set of disclosures added up.
type Consolidation struct {
	Years []int          `json:"years"`
	Kinds []gongkai.Kind `json:"kinds"`
	// Documents counts the disclosures by year and kind ("2024|budget").
	Documents map[string]int `json:"documents"`
	// Function and Economic are the sums of every printed line (类, 款 and
	// 项), ordered by year, kind and code.
	Function []Sum `json:"function"`
	Economic []Sum `json:"economic"`
}

// YearKind keys Documents.
func YearKind(year int, kind gongkai.Kind) string { return itoa(year) + "|" + string(kind) }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

type sumKey struct {
	year int32
	kind bool // final
	code uint32
}

// codeNum packs a classification code of up to 7 digits into a number
// that keeps its length (a leading 1): "201" → 1201, "2010301" → 12010301.
func codeNum(code string) (uint32, bool) {
	if len(code) == 0 || len(code) > 9 {
		return 0, false
	}
	n := uint32(1)
	for i := 0; i < len(code); i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint32(c-'0')
	}
	return n, true
}

// accumulator adds up lines by year, kind and code.
type accumulator struct {
	index map[sumKey]int
	sums  []Sum
}

func newAccumulator() *accumulator { return &accumulator{index: map[sumKey]int{}} }

func (a *accumulator) add(year int, kind gongkai.Kind, ls []Line) {
	for i := range ls {
		l := &ls[i]
		n, ok := codeNum(l.Code)
		if !ok {
			continue
		}
		k := sumKey{int32(year), kind == gongkai.Final, n}
		j, ok := a.index[k]
		if !ok {
			j = len(a.sums)
			a.index[k] = j
			a.sums = append(a.sums, Sum{Year: year, Kind: kind, Code: l.Code, Name: l.Name})
		}
		s := &a.sums[j]
		s.Departments++
		s.Total += l.Total
		s.A += l.A
		s.B += l.B
	}
}

func (a *accumulator) sorted() []Sum {
	out := a.sums
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Year != y.Year {
			return x.Year < y.Year
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Code < y.Code
	})
	return out
}

// Consolidate adds up the function and economic lines of a set of
// disclosures by year, kind and code. Every printed line counts (类, 款
// and 项 rows alike), so each level adds up on its own: the 类 sums are
// the consolidated 类 rows.
func Consolidate(fs []*Facts) *Consolidation {
	c := &Consolidation{Documents: map[string]int{}}
	fn, ec := newAccumulator(), newAccumulator()
	years := map[int]bool{}
	kinds := map[gongkai.Kind]bool{}
	for _, f := range fs {
		years[f.Year] = true
		kinds[f.Kind] = true
		c.Documents[YearKind(f.Year, f.Kind)]++
		fn.add(f.Year, f.Kind, f.Function)
		ec.add(f.Year, f.Kind, f.Economic)
	}
	for y := range years {
		c.Years = append(c.Years, y)
	}
	sort.Ints(c.Years)
	for _, k := range []gongkai.Kind{gongkai.Budget, gongkai.Final} {
		if kinds[k] {
			c.Kinds = append(c.Kinds, k)
		}
	}
	c.Function, c.Economic = fn.sorted(), ec.sorted()
	return c
}

// ClassesByYear consolidates only the function 类 (3-digit) lines by year
// and kind: the headline table of a consolidation, and the query the
// benchmarks time against other engines.
func ClassesByYear(fs []*Facts) []Sum {
	a := newAccumulator()
	var buf []Line
	for _, f := range fs {
		buf = buf[:0]
		for _, l := range f.Function {
			if len(l.Code) == 3 {
				buf = append(buf, l)
			}
		}
		a.add(f.Year, f.Kind, buf)
	}
	return a.sorted()
}

// Level returns the sums of one scheme at one level (3, 5 or 7 digits).
func (c *Consolidation) Level(s Scheme, digits int) []Sum {
	src := c.Function
	if s == Economic {
		src = c.Economic
	}
	var out []Sum
	for _, x := range src {
		if len(x.Code) == digits {
			out = append(out, x)
		}
	}
	return out
}
