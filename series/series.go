// Package series links the disclosures of one department across years and
// checks each against the year before: the rule family series.*.
//
// The rules of package check read one report. A year-over-year statement
// ("比上年增加A万元，增长B%") or a 上年数 column can only be verified
// against the previous year's disclosure, so these rules take two reports:
// Check(cur, prev) compares a report with the same department's disclosure
// of the same kind for the year before. Departments are matched by Key: a
// department code when the report states one, else the normalised name.
//
// Rules (stable ids, see docs/rules.md):
//
//   - series.yoy: every prose change on the previous year ("比上年增加A",
//     "减少A", "与上年持平", or only "增长B%") agrees with the figure the
//     previous year's disclosure gives the same quantity (or the same
//     classification line).
//   - series.prior-column: every 上年数 column (上年预算数, 上年决算数)
//     agrees, row by row, with the figures of the same table in the previous
//     year's disclosure.
//
// Differences within rounding (half a unit of the last printed digit of
// each figure involved) are rounding notes (info); beyond, errors.
package series

import (
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"gongkai"
	"gongkai/store"
)

// Rule describes a series rule.
type Rule struct {
	ID       string
	Severity gongkai.Severity // the severity of a real inconsistency
	Name     string           // Chinese name
	Doc      string           // what it checks, in Chinese
}

// The rule ids.
const (
	RuleYoY         = "series.yoy"
	RulePriorColumn = "series.prior-column"
)

// Rules lists the series rules.
func Rules() []Rule {
	return []Rule{
		{RuleYoY, gongkai.Error, "与上年公开的同比变动",
			"说明中“比上年增加/减少A、增长/下降B%”所依据的上年数应与该部门上年同类公开中的数字一致。"},
		{RulePriorColumn, gongkai.Error, "上年数栏与上年公开",
			"表格中的“上年数”（上年预算数、上年决算数）栏应与该部门上年同类公开中同一表、同一行的数字一致。"},
	}
}

// Key identifies the department of a report across years: "code:" and
// its region and department code when the report's tables state the codes
// of its budget units, else "name:" and the normalised department name;
// "" when the report names no department.
func Key(r *gongkai.Report) string {
	if code := departmentCode(r); code != "" {
		return "code:" + NormalName(store.RegionOf(r.Department)) + ":" + code
	}
	if n := NormalName(r.Department); n != "" {
		return "name:" + n
	}
	return ""
}

// departmentCode is the department code the budget unit codes a report
// lists share (单位编码 044001 本级, 044002 … → 044: a unit code is the
// department's code and a 3-digit unit number), or "" when there are none
// or they disagree.
func departmentCode(r *gongkai.Report) string {
	code := ""
	for _, t := range r.Tables {
		for _, row := range t.Rows {
			if row.Item != gongkai.IUnit || len(row.Code) < 6 || !allDigits(row.Code) {
				continue
			}
			d := row.Code[:len(row.Code)-3]
			if code != "" && d != code {
				return ""
			}
			code = d
		}
	}
	return code
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// NormalName normalises a department name for matching: full-width forms
// folded, blanks, punctuation and bracketed remarks removed, a trailing
// 本级 dropped. 重庆市南岸区医疗保障局（本级） and 重庆市 南岸区医疗保障局 give
// the same name.
func NormalName(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '【', '〔':
			depth++
			continue
		case ')', ']', '】', '〕':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	out := strings.TrimSuffix(b.String(), "本级")
	return out
}

// Series is the disclosures of one department and kind, oldest first.
type Series struct {
	Key     string
	Kind    gongkai.Kind
	Reports []*gongkai.Report
}

// Group sorts reports into series by Key and Kind, each in year order.
// Reports without a key or a year are left out. When a series has two
// reports for one year the later one in the input is kept.
func Group(rs []*gongkai.Report) []*Series {
	type sk struct {
		key  string
		kind gongkai.Kind
	}
	byKey := map[sk]map[int]*gongkai.Report{}
	var order []sk
	for _, r := range rs {
		k := Key(r)
		if k == "" || r.Year == 0 {
			continue
		}
		s := sk{k, r.Kind}
		if byKey[s] == nil {
			byKey[s] = map[int]*gongkai.Report{}
			order = append(order, s)
		}
		byKey[s][r.Year] = r
	}
	out := make([]*Series, 0, len(order))
	for _, s := range order {
		se := &Series{Key: s.key, Kind: s.kind}
		for _, r := range byKey[s] {
			se.Reports = append(se.Reports, r)
		}
		sort.Slice(se.Reports, func(i, j int) bool { return se.Reports[i].Year < se.Reports[j].Year })
		out = append(out, se)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// Previous returns the report of the year before r in the series, or nil.
func (s *Series) Previous(r *gongkai.Report) *gongkai.Report {
	for _, p := range s.Reports {
		if p.Year == r.Year-1 {
			return p
		}
	}
	return nil
}

// CheckAll groups reports into series and checks each against the year
// before. It returns the findings by report; reports without a previous
// year are absent.
func CheckAll(rs []*gongkai.Report) map[*gongkai.Report][]gongkai.Finding {
	out := map[*gongkai.Report][]gongkai.Finding{}
	for _, s := range Group(rs) {
		for _, r := range s.Reports {
			if p := s.Previous(r); p != nil {
				out[r] = Check(r, p)
			}
		}
	}
	return out
}

// Check compares cur with prev, the same department's disclosure of the
// same kind for the year before, and returns the findings of the series
// rules, errors first. It returns nothing when prev is nil or is not that
// disclosure (another kind, another year, another department).
func Check(cur, prev *gongkai.Report) []gongkai.Finding {
	if cur == nil || prev == nil || prev.Kind != cur.Kind || prev.Year != cur.Year-1 || Key(cur) != Key(prev) {
		return nil
	}
	c := &checker{cur: cur, prev: prev}
	c.yoy()
	c.priorColumns()
	gongkai.SortFindings(c.out)
	return c.out
}

type checker struct {
	cur, prev *gongkai.Report
	out       []gongkai.Finding
}

func (c *checker) add(rule string, sev gongkai.Severity, loc gongkai.Loc, msg, expected, found string, related ...gongkai.Loc) {
	c.out = append(c.out, gongkai.Finding{Rule: rule, Severity: sev, Message: msg, Loc: loc, Line: loc.Line,
		Quote: quote(c.cur.Quote(loc)), Expected: expected, Found: found, Related: related})
}

// quote shortens a source line for display.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// prevLoc is a location in the previous year's document, with its file.
func (c *checker) prevLoc(l gongkai.Loc) gongkai.Loc {
	if l.File == "" {
		l.File = c.prev.File
	}
	return l
}

// half returns twice-tolerance contributions: the ulps of printed figures.
func ulps(ms ...gongkai.Money) int64 {
	var s int64
	for _, m := range ms {
		s += m.Ulp()
	}
	return s
}

func show(fen int64, u gongkai.Unit, places int) string {
	if !u.Valid() {
		u = gongkai.WanYuan
	}
	return gongkai.FormatFen(fen, u, places) + string(u)
}

// yearWord is 2024年 or 2024年度.
func yearWord(r *gongkai.Report) string {
	if r.Kind == gongkai.Final {
		return strconv.Itoa(r.Year) + "年度"
	}
	return strconv.Itoa(r.Year) + "年"
}

// valueOf returns what a report gives a claim's quantity or line.
func valueOf(r *gongkai.Report, q gongkai.Quantity, code string) (gongkai.Money, gongkai.Loc, bool) {
	if q != gongkai.QNone {
		if s, ok := r.ValueOf(q); ok {
			return s.Value, s.Loc, true
		}
		return gongkai.Money{}, gongkai.Loc{}, false
	}
	if code == "" {
		return gongkai.Money{}, gongkai.Loc{}, false
	}
	for _, k := range []gongkai.TableKind{gongkai.TGeneralFunction, gongkai.TExpenditure} {
		for _, t := range r.TablesOf(k) {
			if row := t.CodeRow(code, gongkai.NoSide); row != nil {
				if cell := StageCell(r, row); cell != nil {
					return *cell.Money, cell.Loc, true
				}
			}
		}
	}
	return gongkai.Money{}, gongkai.Loc{}, false
}

// StageCell is the figure a row gives for its report's own year: the
// report's stage column, else 合计, 金额, 预算数, 决算数, else the first
// money cell that is not a prior-year, change or rate column.
func StageCell(r *gongkai.Report, row *gongkai.Row) *gongkai.Cell {
	for _, role := range []gongkai.Role{r.StageRole(), gongkai.RTotal, gongkai.RAmount, gongkai.RBudget, gongkai.RFinal} {
		for i := range row.Cells {
			if row.Cells[i].Role == role && row.Cells[i].Money != nil {
				return &row.Cells[i]
			}
		}
	}
	for i := range row.Cells {
		cl := &row.Cells[i]
		if cl.Money != nil && cl.Role != gongkai.RPrior && cl.Role != gongkai.RChange && cl.Role != gongkai.RRate &&
			cl.Role != gongkai.RLineNo && cl.Role != gongkai.RQuantity && cl.Role != gongkai.RPrice {
			return cl
		}
	}
	return nil
}

// yoy checks each prose change on the previous year against the previous
// year's figure.
func (c *checker) yoy() {
	for _, cl := range c.cur.Claims {
		if cl.Kind != gongkai.CChange || (cl.Quantity == gongkai.QNone && cl.Code == "") {
			continue
		}
		if cl.Change == nil && cl.Percent == nil && cl.Direction != 0 {
			continue
		}
		var v gongkai.Money
		if cl.Value != nil {
			v = *cl.Value
		} else if m, _, ok := valueOf(c.cur, cl.Quantity, cl.Code); ok {
			v = m
		} else {
			continue
		}
		p, ploc, ok := valueOf(c.prev, cl.Quantity, cl.Code)
		if !ok {
			continue
		}
		subject := cl.Subject
		if subject == "" {
			subject = cl.Quantity.Name()
		}
		u, places := v.Unit, max(v.Places, 2)
		actual := v.Fen - p.Fen // the change the two disclosures give
		prevWhat := yearWord(c.prev) + "公开的“" + subject + "”为" + show(p.Fen, u, places)
		if cl.Change != nil || cl.Direction == 0 {
			var a gongkai.Money
			if cl.Change != nil {
				a = *cl.Change
			}
			claimed := int64(cl.Direction) * a.Fen
			if cl.Direction == 0 {
				claimed = 0
			}
			d := claimed - actual
			if d == 0 {
				continue
			}
			sev := gongkai.Error
			if 2*abs(d) <= ulps(v, a, p) {
				sev = gongkai.Info
			}
			msg := "说明中“" + subject + "”" + changeWords(claimed, u, places) + "，上年应为" + show(v.Fen-claimed, u, places) +
				"，但" + prevWhat + "，变动额应为" + show(abs(actual), u, places) + "（" + direction(actual) + "）"
			if sev == gongkai.Info {
				msg = "说明中“" + subject + "”的同比变动与" + prevWhat + "相差" + show(abs(d), u, places) + "，在四舍五入允许范围内（尾数误差）"
			}
			c.add(RuleYoY, sev, cl.Loc, msg, changeWords(actual, u, places), changeWords(claimed, u, places), c.prevLoc(ploc))
			continue
		}
		// Only a rate: "增长B%".
		if p.Fen <= 0 {
			continue
		}
		pct := cl.Percent.Rat()
		if cl.Direction < 0 {
			pct.Neg(pct)
		}
		if rateFits(v, p, pct, cl.Percent.HalfUlp()) {
			continue
		}
		want := new(big.Rat).SetFrac64(actual*100, p.Fen)
		c.add(RuleYoY, gongkai.Error, cl.Loc, "说明中“"+subject+"”比上年变动"+signed(cl.Percent.String(), cl.Direction)+
			"%，但"+prevWhat+"，本年"+show(v.Fen, u, places)+"，变动率应为"+gongkai.RoundRat(want, 2).String()+"%",
			gongkai.RoundRat(want, 2).String()+"%", signed(cl.Percent.String(), cl.Direction)+"%", c.prevLoc(ploc))
	}
}

// rateFits reports whether a printed change rate (percent, ± half its
// last digit) can be (v − p) ÷ p for values within the rounding of v and p.
func rateFits(v, p gongkai.Money, pct, half *big.Rat) bool {
	hv, hp := big.NewRat(v.Ulp(), 2), big.NewRat(p.Ulp(), 2)
	vf, pf := new(big.Rat).SetInt64(v.Fen), new(big.Rat).SetInt64(p.Fen)
	lo := rate(new(big.Rat).Sub(vf, hv), new(big.Rat).Add(pf, hp))
	hi := rate(new(big.Rat).Add(vf, hv), new(big.Rat).Sub(pf, hp))
	if lo == nil || hi == nil {
		return true
	}
	plo, phi := new(big.Rat).Sub(pct, half), new(big.Rat).Add(pct, half)
	return plo.Cmp(hi) <= 0 && phi.Cmp(lo) >= 0
}

// rate is (v − p) ÷ p × 100, nil when p ≤ 0.
func rate(v, p *big.Rat) *big.Rat {
	if p.Sign() <= 0 {
		return nil
	}
	r := new(big.Rat).Sub(v, p)
	r.Quo(r, p)
	return r.Mul(r, big.NewRat(100, 1))
}

func signed(s string, dir int) string {
	if dir < 0 {
		return "-" + s
	}
	return s
}

func direction(d int64) string {
	switch {
	case d > 0:
		return "增加"
	case d < 0:
		return "减少"
	}
	return "持平"
}

// changeWords prints a signed change: 增加12.00万元, 减少3.00万元, 与上年持平.
func changeWords(d int64, u gongkai.Unit, places int) string {
	switch {
	case d > 0:
		return "比上年增加" + show(d, u, places)
	case d < 0:
		return "比上年减少" + show(-d, u, places)
	}
	return "与上年持平"
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// priorColumns checks every 上年数 cell against the previous year's table.
func (c *checker) priorColumns() {
	for _, t := range c.cur.Tables {
		if !t.HasRole(gongkai.RPrior) {
			continue
		}
		pt := c.prevTable(t)
		if pt == nil {
			continue
		}
		for _, row := range t.Rows {
			cell := row.Cell(gongkai.RPrior)
			if cell == nil || cell.Money == nil {
				continue
			}
			prow := matchRow(pt, row)
			label := t.Label() + "“" + rowName(row) + "”行的" + columnName(t, gongkai.RPrior)
			if prow == nil {
				if cell.Money.Fen != 0 {
					c.add(RulePriorColumn, gongkai.Warning, cell.Loc, label+"为"+show(cell.Money.Fen, cell.Money.Unit, cell.Money.Places)+
						"，但"+yearWord(c.prev)+"公开的"+pt.Label()+"中没有这一行", "", cell.Text, c.prevLoc(pt.Loc))
				}
				continue
			}
			pc := StageCell(c.prev, prow)
			if pc == nil {
				continue
			}
			d := cell.Money.Fen - pc.Money.Fen
			if d == 0 {
				continue
			}
			u, places := cell.Money.Unit, max(cell.Money.Places, 2)
			sev := gongkai.Error
			msg := label + "为" + show(cell.Money.Fen, u, places) + "，与" + yearWord(c.prev) + "公开的" + pt.Label() +
				"中的" + show(pc.Money.Fen, u, places) + "不一致，相差" + show(abs(d), u, places)
			if 2*abs(d) <= ulps(*cell.Money, *pc.Money) {
				sev = gongkai.Info
				msg += "，在四舍五入允许范围内（尾数误差）"
			} else if cell.Clipped || pc.Clipped {
				sev = gongkai.Warning
				msg += "（数字可能在提取时被截断，请核对原文）"
			}
			c.add(RulePriorColumn, sev, cell.Loc, msg, show(pc.Money.Fen, u, places), show(cell.Money.Fen, u, places), c.prevLoc(pc.Loc))
		}
	}
}

// prevTable is the previous year's table of the same kind; of several,
// the one with the same number, else the first.
func (c *checker) prevTable(t *gongkai.Table) *gongkai.Table {
	ts := c.prev.TablesOf(t.Kind)
	if len(ts) == 0 || t.Kind == gongkai.TUnknown {
		return nil
	}
	for _, p := range ts {
		if p.Number != "" && p.Number == t.Number {
			return p
		}
	}
	return ts[0]
}

// matchRow finds the row of t that is row: by code, by item, else by name.
func matchRow(t *gongkai.Table, row *gongkai.Row) *gongkai.Row {
	if row.Code != "" {
		if r := t.CodeRow(row.Code, row.Side); r != nil {
			return r
		}
		return t.CodeRow(row.Code, gongkai.NoSide)
	}
	if row.Item != gongkai.INone {
		if r := t.Item(row.Item, row.Side); r != nil {
			return r
		}
	}
	n := NormalName(row.Name)
	if n == "" {
		return nil
	}
	for _, r := range t.Rows {
		if r.Code == "" && NormalName(r.Name) == n && (row.Side == gongkai.NoSide || r.Side == row.Side) {
			return r
		}
	}
	return nil
}

func rowName(r *gongkai.Row) string {
	name := strings.Join(strings.Fields(r.Name), "")
	if r.Code != "" {
		return r.Code + " " + name
	}
	return name
}

func columnName(t *gongkai.Table, role gongkai.Role) string {
	for _, col := range t.Columns {
		if col.Role == role && col.Label != "" {
			return "“" + col.Label + "”"
		}
	}
	return "“上年数”"
}
