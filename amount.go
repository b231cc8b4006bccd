package gongkai

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Unit is a money unit as printed in a disclosure.
type Unit string

// The money units found in disclosures.
const (
	Yuan    Unit = "元"
	WanYuan Unit = "万元"
	YiYuan  Unit = "亿元"
)

// Fen returns how many 分 (0.01 元) one of the unit is; 0 for an unknown unit.
func (u Unit) Fen() int64 {
	switch u {
	case Yuan:
		return 100
	case WanYuan:
		return 1_000_000
	case YiYuan:
		return 10_000_000_000
	}
	return 0
}

// Valid reports whether u is a known unit.
func (u Unit) Valid() bool { return u.Fen() != 0 }

// MaxPlaces is the most decimals a unit can carry without going below 1 分.
func (u Unit) MaxPlaces() int {
	switch u {
	case Yuan:
		return 2
	case WanYuan:
		return 6
	case YiYuan:
		return 10
	}
	return 0
}

// Money is an exact amount of money as printed: its value in 分, the unit it was
// printed in and the number of decimals printed. The decimals say how much the
// printed figure may have been rounded.
type Money struct {
	Fen    int64 `json:"fen"`
	Unit   Unit  `json:"unit"`
	Places int   `json:"places"`
}

// ErrNotNumber is returned by ParseMoney for text that is not a number.
var ErrNotNumber = errors.New("不是数字")

// ErrTooPrecise is returned by ParseMoney when a number has more decimals than 分 allow.
var ErrTooPrecise = errors.New("小数位数超过分")

// ParseMoney parses a printed amount in unit u. The text must already be a
// plain number ("-1234.56", "1,234.5"); thousands separators are allowed.
// Use NormalizeNumber first for text taken from a document.
func ParseMoney(s string, u Unit) (Money, error) {
	if !u.Valid() {
		return Money{}, fmt.Errorf("未知金额单位 %q", string(u))
	}
	s = strings.ReplaceAll(s, ",", "")
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	if s == "" {
		return Money{}, ErrNotNumber
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" {
		intPart = "0"
	}
	if !allDigits(intPart) || (hasDot && !allDigits(frac)) || (hasDot && frac == "") {
		return Money{}, ErrNotNumber
	}
	places := len(frac)
	if places > u.MaxPlaces() {
		// Trailing zeros beyond the precision are harmless.
		trimmed := strings.TrimRight(frac, "0")
		if len(trimmed) > u.MaxPlaces() {
			return Money{}, ErrTooPrecise
		}
		frac = frac[:u.MaxPlaces()]
		places = len(frac)
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	if digits == "" {
		digits = "0"
	}
	if len(digits) > 18 {
		return Money{}, fmt.Errorf("数额过大：%s", s)
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return Money{}, ErrNotNumber
	}
	// v is in units of 10^-len(frac) of u.
	scale := u.Fen()
	for i := 0; i < len(frac); i++ {
		scale /= 10
	}
	fen := v * scale
	if scale != 0 && fen/scale != v {
		return Money{}, fmt.Errorf("数额过大：%s", s)
	}
	if neg {
		fen = -fen
	}
	return Money{Fen: fen, Unit: u, Places: places}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// String prints m in its own unit with its own decimals, without the unit.
func (m Money) String() string { return FormatFen(m.Fen, m.Unit, m.Places) }

// Decimal prints m in its unit with at least two decimals, the form used in JSON.
func (m Money) Decimal() string {
	p := m.Places
	if p < 2 && m.Unit.MaxPlaces() >= 2 {
		p = 2
	}
	return FormatFen(m.Fen, m.Unit, p)
}

// In returns m expressed in unit u (valid), with as many decimals as keep its
// printed precision.
func (m Money) In(u Unit) Money {
	if u == m.Unit || !m.Unit.Valid() {
		return m
	}
	p := m.Places + digitShift(m.Unit, u)
	if p > u.MaxPlaces() {
		p = u.MaxPlaces()
	}
	if p < 0 {
		p = 0
	}
	return Money{Fen: m.Fen, Unit: u, Places: p}
}

// digitShift is how many more decimals the same precision needs in to than in from.
func digitShift(from, to Unit) int {
	n := 0
	for f, t := from.Fen(), to.Fen(); t > f && f > 0; f *= 10 {
		n++
	}
	for f, t := from.Fen(), to.Fen(); f > t && t > 0; t *= 10 {
		n--
	}
	return n
}

// Ulp is the size of the last printed digit in 分. A figure printed to the
// 分 carries no rounding, so its Ulp is 0.
func (m Money) Ulp() int64 {
	if m.Fen == 0 {
		return 0 // "0" means nothing, whatever its decimals
	}
	u := m.Unit.Fen()
	for i := 0; i < m.Places; i++ {
		u /= 10
	}
	if u <= 1 {
		return 0
	}
	return u
}

// IsZero reports whether m is zero.
func (m Money) IsZero() bool { return m.Fen == 0 }

// FormatFen prints an amount of 分 in unit u with the given decimals, rounding
// half away from zero (四舍五入).
func FormatFen(fen int64, u Unit, places int) string {
	if !u.Valid() {
		u = Yuan
	}
	if places < 0 {
		places = 0
	}
	if places > u.MaxPlaces() {
		places = u.MaxPlaces()
	}
	step := u.Fen()
	for i := 0; i < places; i++ {
		step /= 10
	}
	neg := fen < 0
	a := fen
	if neg {
		a = -a
	}
	q := (a + step/2) / step // rounded count of the last printed digit
	if step == 1 {
		q = a
	}
	s := strconv.FormatInt(q, 10)
	if places > 0 {
		for len(s) <= places {
			s = "0" + s
		}
		s = s[:len(s)-places] + "." + s[len(s)-places:]
	}
	if neg && q != 0 {
		s = "-" + s
	}
	return s
}

// FormatThousands is like FormatFen with thousands separators in the integer part.
func FormatThousands(fen int64, u Unit, places int) string {
	s := FormatFen(fen, u, places)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	ip, fp, hasDot := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasDot {
		b.WriteByte('.')
		b.WriteString(fp)
	}
	return sign + b.String()
}

// Fixed is an exact decimal number V × 10^-P, used for percentages and counts.
type Fixed struct {
	V int64 `json:"v"`
	P int   `json:"p"`
}

// ParseFixed parses a plain decimal number such as "35.98" or "-2".
func ParseFixed(s string) (Fixed, error) {
	s = strings.ReplaceAll(s, ",", "")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	ip, fp, hasDot := strings.Cut(s, ".")
	if ip == "" {
		ip = "0"
	}
	if !allDigits(ip) || (hasDot && !allDigits(fp)) || len(ip)+len(fp) > 18 {
		return Fixed{}, ErrNotNumber
	}
	v, err := strconv.ParseInt(ip+fp, 10, 64)
	if err != nil {
		return Fixed{}, ErrNotNumber
	}
	if neg {
		v = -v
	}
	return Fixed{V: v, P: len(fp)}, nil
}

// Rat returns f as an exact rational number.
func (f Fixed) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.P)), nil)
	return new(big.Rat).SetFrac(big.NewInt(f.V), den)
}

// String prints f with its own decimals.
func (f Fixed) String() string {
	s := strconv.FormatInt(abs64(f.V), 10)
	if f.P > 0 {
		for len(s) <= f.P {
			s = "0" + s
		}
		s = s[:len(s)-f.P] + "." + s[len(s)-f.P:]
	}
	if f.V < 0 {
		s = "-" + s
	}
	return s
}

// HalfUlp is half of the last printed digit of f, as a rational.
func (f Fixed) HalfUlp() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.P)), nil)
	den.Mul(den, big.NewInt(2))
	return new(big.Rat).SetFrac(big.NewInt(1), den)
}

// RoundRat rounds r half away from zero to the given decimals and returns it as Fixed.
func RoundRat(r *big.Rat, places int) Fixed {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	x := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	num := new(big.Int).Set(x.Num())
	den := x.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	// floor((2*num + den) / (2*den)) = round half up of num/den
	n2 := new(big.Int).Mul(num, big.NewInt(2))
	n2.Add(n2, den)
	d2 := new(big.Int).Mul(den, big.NewInt(2))
	q := new(big.Int).Quo(n2, d2)
	if neg {
		q.Neg(q)
	}
	if !q.IsInt64() {
		return Fixed{V: 0, P: places}
	}
	return Fixed{V: q.Int64(), P: places}
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
