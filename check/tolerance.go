package check

import (
	"fmt"
	"math/big"
	"strings"

	"gongkai"
)

// sum adds printed amounts and keeps how much their rounding can add up to.
type sum struct {
	fen   int64
	ulps  int64 // Σ ulp of the parts, in 分 (twice the tolerance)
	n     int
	terms []term // printed only when the sum is shown (expected)
	unit  gongkai.Unit
	clip  bool // a part looks clipped by extraction
}

// term is one part of a sum, as expected prints it.
type term struct {
	label string
	t     *gongkai.Table // when set, the label is rowLabel(t, r)
	r     *gongkai.Row
	m     gongkai.Money
	neg   bool
}

func (x term) String() string {
	l := x.label
	if x.t != nil {
		l = rowLabel(x.t, x.r)
	}
	if x.neg {
		return "减 " + l + " " + x.m.String()
	}
	return l + " " + x.m.String()
}

func (s *sum) add(m gongkai.Money, label string) { s.addTerm(term{label: label, m: m}) }

// addRow adds m labelled by rowLabel(t, r).
func (s *sum) addRow(m gongkai.Money, t *gongkai.Table, r *gongkai.Row) {
	s.addTerm(term{t: t, r: r, m: m})
}

func (s *sum) sub(m gongkai.Money, label string) { s.addTerm(term{label: label, m: m, neg: true}) }

func (s *sum) addTerm(x term) {
	if x.neg {
		s.fen -= x.m.Fen
	} else {
		s.fen += x.m.Fen
	}
	s.ulps += x.m.Ulp()
	s.n++
	if s.unit == "" {
		s.unit = x.m.Unit
	}
	s.terms = append(s.terms, x)
}

// verdict is the outcome of comparing a printed figure with what it should be.
type verdict int

const (
	equal    verdict = iota // exactly equal
	rounding                // differs within rounding tolerance
	clipped                 // differs, but the figure looks cut short by extraction
	differs                 // differs beyond tolerance
)

// compare compares a printed figure with a computed sum.
func compare(got gongkai.Money, want sum) verdict {
	d := got.Fen - want.fen
	if d == 0 {
		return equal
	}
	if 2*abs(d) <= want.ulps+got.Ulp() {
		return rounding
	}
	if want.clip {
		return clipped
	}
	return differs
}

// compareCell is compare for a table cell: a clipped cell whose digits are a
// truncation of the expected value is a clipping, not an error.
func compareCell(c *gongkai.Cell, want sum) verdict {
	v := compare(*c.Money, want)
	if v == differs && c.Clipped && truncates(want.fen, *c.Money) {
		return clipped
	}
	return v
}

// truncates reports whether m's printed digits are want cut short.
func truncates(want int64, m gongkai.Money) bool {
	step := m.Unit.Fen()
	for i := 0; i < m.Places; i++ {
		step /= 10
	}
	if step <= 0 {
		return false
	}
	return want/step == m.Fen/step || (want+step-1)/step == m.Fen/step
}

// compareMoney compares two statements of the same figure.
func compareMoney(a, b gongkai.Money) verdict {
	var s sum
	s.add(b, "")
	return compare(a, s)
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// fmtMoney prints an amount in unit u with the decimals the figure needs.
func fmtMoney(fen int64, u gongkai.Unit, places int) string {
	return gongkai.FormatFen(fen, u, places) + string(u)
}

// show prints m with its unit.
func show(m gongkai.Money) string { return m.String() + string(m.Unit) }

// showIn prints fen in m's unit and decimals.
func showIn(fen int64, m gongkai.Money) string {
	p := m.Places
	if p < 2 && m.Unit != gongkai.Yuan {
		p = 2
	}
	if m.Unit == gongkai.Yuan && fen%100 != 0 && p < 2 {
		p = 2
	}
	return fmtMoney(fen, m.Unit, p)
}

// expected describes a computed sum: "1427.20万元（基本支出 1212.59 + …）".
func (s sum) expected(like gongkai.Money) string {
	texts := make([]string, len(s.terms))
	for i, x := range s.terms {
		texts[i] = x.String()
	}
	t := strings.Join(texts, " + ")
	t = strings.ReplaceAll(t, "+ 减 ", "- ")
	if len([]rune(t)) > 160 {
		t = fmt.Sprintf("%d项之和", s.n)
	}
	return showIn(s.fen, like) + "（" + t + "）"
}

// toleranceText describes the rounding tolerance of a comparison.
func toleranceText(got gongkai.Money, want sum) string {
	tol := (want.ulps + got.Ulp() + 1) / 2
	return showIn(abs(got.Fen-want.fen), got) + "，在四舍五入允许范围（±" + showIn(tol, got) + "）内"
}

// Percentages.

// ratioRange returns the range of num/den × 100 when both were rounded to
// their printed decimals.
func ratioRange(num, den gongkai.Money) (lo, hi *big.Rat, ok bool) {
	n0, n1 := bounds(num)
	d0, d1 := bounds(den)
	if d0.Sign() <= 0 {
		if d1.Sign() <= 0 {
			return nil, nil, false
		}
		d0 = new(big.Rat).SetFrac64(1, 1_000_000)
	}
	hundred := big.NewRat(100, 1)
	lo = new(big.Rat).Mul(new(big.Rat).Quo(n0, d1), hundred)
	hi = new(big.Rat).Mul(new(big.Rat).Quo(n1, d0), hundred)
	if lo.Sign() < 0 {
		lo.SetInt64(0)
	}
	return lo, hi, true
}

// bounds returns the interval of true values a printed amount stands for, in 分.
func bounds(m gongkai.Money) (*big.Rat, *big.Rat) {
	v := new(big.Rat).SetInt64(m.Fen)
	h := new(big.Rat).SetFrac64(m.Ulp(), 2)
	return new(big.Rat).Sub(v, h), new(big.Rat).Add(v, h)
}

// percentFits reports whether a printed percentage p fits the range [lo, hi],
// allowing for its own rounding.
func percentFits(p gongkai.Fixed, lo, hi *big.Rat) bool {
	v := p.Rat()
	h := p.HalfUlp()
	pl := new(big.Rat).Sub(v, h)
	ph := new(big.Rat).Add(v, h)
	return ph.Cmp(lo) >= 0 && pl.Cmp(hi) <= 0
}

// exactPercent returns num/den × 100 rounded to places.
func exactPercent(num, den int64, places int) (gongkai.Fixed, bool) {
	if den == 0 {
		return gongkai.Fixed{}, false
	}
	r := new(big.Rat).SetFrac64(num*1, den)
	r.Mul(r, big.NewRat(100, 1))
	return gongkai.RoundRat(r, places), true
}

func pct(f gongkai.Fixed) string { return f.String() + "%" }
