package xlsxdoc

import (
	"strings"
)

// Precision of stored numbers. A double carries 15–17 significant digits;
// Excel shows 15, and files saved by Excel store 17
// ("0.30000000000000004" for 0.1+0.2). Amounts are read to 15 significant
// digits and at most 10 decimal places, which removes that noise and keeps
// every digit a budget table can mean.
const (
	sigDigits = 15
	maxDec    = 10
)

// dec is a decimal number: the value is 0.digits × 10^point, or, read
// another way, digits with the decimal point after point digits.
type dec struct {
	neg    bool
	digits string // no leading zeros; "" for zero
	point  int
}

// parseDec parses a number as XLSX stores it: optional sign, digits, an
// optional fraction and an optional exponent ("1.5E-3").
func parseDec(s string) (dec, bool) {
	var d dec
	if s == "" || len(s) > 400 {
		return d, false
	}
	i := 0
	if s[0] == '-' || s[0] == '+' {
		d.neg = s[0] == '-'
		i++
	}
	var mant strings.Builder
	intDigits, nd := 0, 0
	seenPoint := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			mant.WriteByte(c)
			nd++
			if !seenPoint {
				intDigits++
			}
			continue
		case c == '.' && !seenPoint:
			seenPoint = true
			continue
		}
		break
	}
	if nd == 0 {
		return d, false
	}
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return d, false
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) || len(s)-i > 4 {
			return d, false
		}
		for ; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return d, false
			}
			exp = exp*10 + int(s[i]-'0')
		}
		if eneg {
			exp = -exp
		}
		if exp > 400 || exp < -400 {
			return d, false
		}
	}
	m := mant.String()
	point := intDigits + exp
	// Strip leading zeros.
	k := 0
	for k < len(m) && m[k] == '0' {
		k++
	}
	m, point = m[k:], point-k
	m = strings.TrimRight(m, "0")
	if m == "" {
		return dec{}, true
	}
	d.digits, d.point = m, point
	return d, true
}

// round keeps the first keep digits, rounding half away from zero (as
// Excel's ROUND and 四舍五入 do).
func (d dec) round(keep int) dec {
	if keep >= len(d.digits) {
		return d
	}
	if keep < 0 {
		return dec{}
	}
	up := d.digits[keep] >= '5'
	b := []byte(d.digits[:keep])
	if up {
		i := len(b) - 1
		for i >= 0 && b[i] == '9' {
			b[i] = '0'
			i--
		}
		if i < 0 {
			b = append([]byte{'1'}, b...)
			d.point++
		} else {
			b[i]++
		}
	}
	d.digits = strings.TrimRight(string(b), "0")
	if d.digits == "" {
		return dec{}
	}
	return d
}

// roundDecimals rounds to n places after the decimal point.
func (d dec) roundDecimals(n int) dec { return d.round(d.point + n) }

// String writes the number in plain notation, without an exponent or
// trailing zeros.
func (d dec) String() string {
	if d.digits == "" {
		return "0"
	}
	var sb strings.Builder
	if d.neg {
		sb.WriteByte('-')
	}
	switch {
	case d.point <= 0:
		sb.WriteString("0.")
		sb.WriteString(strings.Repeat("0", -d.point))
		sb.WriteString(d.digits)
	case d.point >= len(d.digits):
		sb.WriteString(d.digits)
		sb.WriteString(strings.Repeat("0", d.point-len(d.digits)))
	default:
		sb.WriteString(d.digits[:d.point])
		sb.WriteByte('.')
		sb.WriteString(d.digits[d.point:])
	}
	return sb.String()
}

// fixed writes the number with exactly n decimals, grouping thousands with
// commas when group is set. The number must already be rounded to n
// decimals.
func (d dec) fixed(n int, group bool) string {
	intPart, frac := "0", ""
	if d.digits != "" {
		s := dec{digits: d.digits, point: d.point}.String()
		intPart, frac, _ = strings.Cut(s, ".")
	}
	if group && len(intPart) > 3 {
		var sb strings.Builder
		lead := len(intPart) % 3
		if lead > 0 {
			sb.WriteString(intPart[:lead])
		}
		for i := lead; i < len(intPart); i += 3 {
			if sb.Len() > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(intPart[i : i+3])
		}
		intPart = sb.String()
	}
	var out strings.Builder
	if d.neg && d.digits != "" {
		out.WriteByte('-')
	}
	out.WriteString(intPart)
	if n > 0 {
		out.WriteByte('.')
		out.WriteString(frac)
		out.WriteString(strings.Repeat("0", n-len(frac)))
	}
	return out.String()
}

// normalizeNumber returns the exact decimal text of a stored number with
// float noise removed: "0.30000000000000004" → "0.3", "1.2E-3" → "0.0012",
// "-0" → "0". ok is false when raw is not a number.
func normalizeNumber(raw string) (string, bool) {
	d, ok := parseDec(strings.TrimSpace(raw))
	if !ok {
		return "", false
	}
	d = d.round(min(sigDigits, d.point+maxDec))
	return d.String(), true
}

// simpleFormat describes the number formats the reader renders itself from
// the exact value, instead of trusting excelize's float64 formatting
// (which shows 1.005 as "1.00" where Excel shows "1.01").
type simpleFormat struct {
	decimals int
	group    bool
	percent  bool
}

// parseSimpleFormat recognises General, 0, 0.00, #,##0, #,##0.00, 0%,
// 0.00% and the same with the padding (_) and colour ([Red]) decorations
// Chinese templates add, e.g. "#,##0.00_ ". general is true for General.
func parseSimpleFormat(code string, negative bool) (f simpleFormat, general, ok bool) {
	code = strings.TrimSpace(code)
	if code == "" || strings.EqualFold(code, "general") || strings.EqualFold(code, "G/通用格式") {
		return f, true, true
	}
	sections := strings.Split(code, ";")
	if negative && len(sections) > 1 {
		// Negative numbers get a section of their own ("(#,##0.00)",
		// "-#,##0.00", red): leave those to excelize.
		return f, false, false
	}
	s := sections[0]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '_': // padding the width of the next character
			i++
		case '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return f, false, false
			}
			inner := strings.ToLower(s[i+1 : i+j])
			if strings.HasPrefix(inner, "$") || strings.HasPrefix(inner, "dbnum") || strings.ContainsAny(inner, "<>=") {
				return f, false, false
			}
			i += j
		case ' ':
		default:
			b.WriteByte(c)
		}
	}
	s = b.String()
	if strings.HasSuffix(s, "%") {
		f.percent = true
		s = s[:len(s)-1]
	}
	if strings.HasPrefix(s, "#,##") {
		f.group = true
		s = s[len("#,##"):]
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart != "0" {
		return f, false, false
	}
	if hasPoint {
		if frac == "" || strings.Trim(frac, "0") != "" || len(frac) > 30 {
			return f, false, false
		}
		f.decimals = len(frac)
	}
	return f, false, true
}

// render writes the exact number in format f.
func (f simpleFormat) render(num string) string {
	d, ok := parseDec(num)
	if !ok {
		return num
	}
	if f.percent && d.digits != "" {
		d.point += 2
	}
	neg := d.neg && d.digits != ""
	d = d.roundDecimals(f.decimals)
	s := d.fixed(f.decimals, f.group)
	if neg && !strings.HasPrefix(s, "-") {
		s = "-" + s // Excel shows -0.04 in 0.0 as "-0.0"
	}
	if f.percent {
		s += "%"
	}
	return s
}

// builtinFormats are the number format codes Excel does not write into
// the file, for the ids the reader renders itself.
var builtinFormats = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
	37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
}

// isDateFormat reports whether a number format shows a date or time.
func isDateFormat(id int, code string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	case id < 164 && code == "":
		return false
	}
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				return true // elapsed time [h]:mm
			}
			i += j
		default:
			b.WriteByte(c | 0x20)
		}
	}
	s := b.String()
	if s == "general" {
		return false
	}
	return strings.ContainsAny(s, "ydhms")
}
