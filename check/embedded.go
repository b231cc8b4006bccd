package check

import (
	"fmt"
	"strings"

	"gongkai"
)

func init() {
	register(Rule{ID: "embedded.mismatch", Severity: gongkai.Error, Name: "公开文本与内嵌数据不一致",
		Doc: "gongkai 生成的 HTML、PDF、XLSX 文件内嵌有带 SHA-256 校验值的报告数据。公开文本（网页文字、PDF 文字、表格单元格）中的每一个数字都应与内嵌数据一致：各表按表格类型、科目编码或项目、栏目逐格核对，汇总数和说明中的数字陈述也一并核对；校验值不符（数据被改动或损坏）本身即为错误。",
		run: embeddedMismatch})
}

// embeddedMismatch compares the report a file carries (r.Embedded) with
// what the file visibly says. Tables are matched by kind and order, rows
// by side and code, item or name, cells by role; the summary and the prose
// claims by quantity. Tables of free text (targets, self-evaluation) and
// visible tables without amounts that the data lacks are left alone: their
// rows are not identified by code or item, and recognition may find more
// grids in a page than the data has.
func embeddedMismatch(c *ctx) {
	e := c.r.Embedded
	if e == nil {
		return
	}
	first := gongkai.Loc{Line: 1}
	if len(c.r.Tables) > 0 && c.r.Tables[0].Loc.File != "" {
		first.File = c.r.Tables[0].Loc.File
	}
	if e.Report == nil {
		c.report(gongkai.Error, first, "公开文本与内嵌数据不一致：文件内嵌的报告数据无法读取（已损坏或被改动），无法核对公开文本", "可读取的内嵌数据", "无法读取")
		return
	}
	if !e.Intact {
		c.report(gongkai.Error, first, "公开文本与内嵌数据不一致：内嵌报告数据的 SHA-256 校验值与数据不符，数据在生成后被改动或已损坏", "校验值 "+short(e.SHA256), "校验值不符")
		return
	}
	m := &mismatch{c: c, want: e.Report, reported: map[gongkai.Loc]bool{}}
	m.meta()
	m.tables()
	m.claims()
	m.summary()
}

type mismatch struct {
	c        *ctx
	want     *gongkai.Report // the embedded data
	reported map[gongkai.Loc]bool
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}

// presence reports a table or row that only one side has.
func (m *mismatch) presence(loc gongkai.Loc, what string, inData bool) {
	m.reported[loc] = true
	if inData {
		m.c.report(gongkai.Error, loc, "公开文本与内嵌数据不一致：内嵌数据中有"+what+"，公开文本中没有", "有", "无")
		return
	}
	m.c.report(gongkai.Error, loc, "公开文本与内嵌数据不一致：公开文本中有"+what+"，内嵌数据中没有", "无", "有")
}

// rowWhat names a row for findings, by its figures when it has no name.
func rowWhat(t *gongkai.Table, row *gongkai.Row) string {
	if row.Name != "" || row.Code != "" {
		return rowLabel(t, row)
	}
	var vals []string
	for i := range row.Cells {
		if v := cellValue(&row.Cells[i]); v != "" {
			vals = append(vals, v)
		}
	}
	return fmt.Sprintf("%s中无名称的一行（%s）", t.Label(), strings.Join(vals, "、"))
}

func (m *mismatch) add(loc gongkai.Loc, what, want, got string) {
	m.reported[loc] = true
	if want == "" {
		want = "空"
	}
	if got == "" {
		got = "空"
	}
	m.c.report(gongkai.Error, loc, fmt.Sprintf("公开文本与内嵌数据不一致：%s内嵌数据为%s，公开文本为%s", what, want, got), want, got)
}

func (m *mismatch) meta() {
	r, w := m.c.r, m.want
	loc := gongkai.Loc{Line: 1}
	if w.Department != "" && compactText(r.Department) != compactText(w.Department) {
		m.add(loc, "部门名称", w.Department, r.Department)
	}
	if w.Year != 0 && r.Year != w.Year {
		m.add(loc, "年度", fmt.Sprint(w.Year), fmt.Sprint(r.Year))
	}
	if w.Kind != "" && r.Kind != w.Kind {
		m.add(loc, "公开类型", w.Kind.Chinese(), r.Kind.Chinese())
	}
}

// Tables.

func isFreeText(k gongkai.TableKind) bool {
	switch k {
	case gongkai.TProjectTargets, gongkai.TDeptTargets, gongkai.TSelfEvaluation, gongkai.TAssets, gongkai.TUnknown:
		return true
	}
	return false
}

func (m *mismatch) tables() {
	r, w := m.c.r, m.want
	// Each table of the data goes with a table of the document of the same
	// kind: the one with the same number, else the same title, else the
	// next one not taken (recognition may find a stray grid of a kind
	// before the real table).
	used := map[*gongkai.Table]bool{}
	pick := func(wt *gongkai.Table) *gongkai.Table {
		var byNumber, byTitle, first *gongkai.Table
		for _, vt := range r.Tables {
			if vt.Kind != wt.Kind || used[vt] {
				continue
			}
			if first == nil {
				first = vt
			}
			if byNumber == nil && wt.Number != "" && compactText(vt.Number) == compactText(wt.Number) {
				byNumber = vt
			}
			if byTitle == nil && wt.Title != "" && compactText(vt.Title) == compactText(wt.Title) {
				byTitle = vt
			}
		}
		switch {
		case byNumber != nil:
			return byNumber
		case byTitle != nil:
			return byTitle
		}
		return first
	}
	for _, wt := range w.Tables {
		if isFreeText(wt.Kind) {
			continue
		}
		vt := pick(wt)
		if vt == nil {
			if !wt.IsEmpty() {
				loc := gongkai.Loc{Line: 1}
				if len(r.Tables) > 0 {
					loc = r.Tables[len(r.Tables)-1].Loc
				}
				m.presence(loc, wt.Label(), true)
			}
			continue
		}
		used[vt] = true
		m.table(wt, vt)
	}
	for _, vt := range r.Tables {
		if !isFreeText(vt.Kind) && !used[vt] && !vt.IsEmpty() {
			m.presence(vt.Loc, vt.Label(), false)
		}
	}
}

// rowKey identifies a row within its table: side and code, or item, or
// name; n counts rows with the same key.
func rowKey(row *gongkai.Row) string {
	switch {
	case row.Code != "":
		return string(row.Side) + "|c|" + row.Code
	case row.Item != gongkai.INone:
		return string(row.Side) + "|i|" + string(row.Item)
	}
	return string(row.Side) + "|n|" + compactText(row.Name)
}

func compactText(s string) string { return strings.Join(strings.Fields(s), "") }

func keyed(rows []*gongkai.Row) (map[string][]*gongkai.Row, []string) {
	out := map[string][]*gongkai.Row{}
	var order []string
	for _, row := range rows {
		k := rowKey(row)
		if _, ok := out[k]; !ok {
			order = append(order, k)
		}
		out[k] = append(out[k], row)
	}
	return out, order
}

func (m *mismatch) table(wt, vt *gongkai.Table) {
	wrows, order := keyed(wt.Rows)
	vrows, vorder := keyed(vt.Rows)
	for _, k := range order {
		ws, vs := wrows[k], vrows[k]
		for i, wr := range ws {
			if i >= len(vs) {
				if hasAmount(wr) {
					m.presence(vt.Loc, rowWhat(vt, wr), true)
				}
				continue
			}
			m.row(vt, wt, wr, vs[i])
		}
	}
	for _, k := range vorder {
		vs := vrows[k]
		for _, vr := range vs[min(len(wrows[k]), len(vs)):] {
			if hasAmount(vr) {
				m.presence(vr.Loc, rowWhat(vt, vr), false)
			}
		}
	}
}

func hasAmount(row *gongkai.Row) bool {
	for i := range row.Cells {
		if row.Cells[i].Money != nil && row.Cells[i].Money.Fen != 0 || row.Cells[i].Fixed != nil && row.Cells[i].Fixed.V != 0 {
			return true
		}
	}
	return false
}

// cellValue prints a cell's figure; "" for none (an empty cell, a dash).
func cellValue(c *gongkai.Cell) string {
	switch {
	case c == nil:
		return ""
	case c.Money != nil:
		return c.Money.String()
	case c.Fixed != nil:
		return c.Fixed.String()
	}
	return ""
}

// sameValue compares two cells' figures exactly: money in 分, numbers as
// rationals. An empty cell and a zero are the same figure (a dash, a blank
// and 0.00 all say nothing was spent).
func sameValue(a, b *gongkai.Cell) bool {
	if isZeroCell(a) && isZeroCell(b) {
		return true
	}
	am, bm := cellMoney(a), cellMoney(b)
	if am != nil && bm != nil {
		return am.Fen == bm.Fen
	}
	af, bf := cellFixed(a), cellFixed(b)
	if af != nil && bf != nil {
		return af.Rat().Cmp(bf.Rat()) == 0
	}
	return false
}

func isZeroCell(c *gongkai.Cell) bool {
	switch {
	case c == nil:
		return true
	case c.Money != nil:
		return c.Money.Fen == 0
	case c.Fixed != nil:
		return c.Fixed.V == 0
	}
	return true
}

func cellMoney(c *gongkai.Cell) *gongkai.Money {
	if c == nil {
		return nil
	}
	return c.Money
}

func cellFixed(c *gongkai.Cell) *gongkai.Fixed {
	if c == nil {
		return nil
	}
	return c.Fixed
}

// row compares the cells of two rows, role by role (the n-th cell of a
// role with the n-th).
func (m *mismatch) row(t, wt *gongkai.Table, wr, vr *gongkai.Row) {
	byRole := func(row *gongkai.Row) (map[gongkai.Role][]*gongkai.Cell, []gongkai.Role) {
		out := map[gongkai.Role][]*gongkai.Cell{}
		var order []gongkai.Role
		for i := range row.Cells {
			c := &row.Cells[i]
			if c.Money == nil && c.Fixed == nil {
				continue
			}
			if _, ok := out[c.Role]; !ok {
				order = append(order, c.Role)
			}
			out[c.Role] = append(out[c.Role], c)
		}
		return out, order
	}
	wc, worder := byRole(wr)
	vc, vorder := byRole(vr)
	roles := worder
	for _, role := range vorder {
		if _, ok := wc[role]; !ok {
			roles = append(roles, role)
		}
	}
	for _, role := range roles {
		ws, vs := wc[role], vc[role]
		for i := 0; i < max(len(ws), len(vs)); i++ {
			var w, v *gongkai.Cell
			if i < len(ws) {
				w = ws[i]
			}
			if i < len(vs) {
				v = vs[i]
			}
			if sameValue(w, v) {
				continue
			}
			loc := vr.Loc
			if v != nil && v.Loc.Line > 0 {
				loc = v.Loc
			}
			name := roleName(t, role, vr.Side)
			if name == string(role) {
				name = roleName(wt, role, wr.Side) // a column the document lost
			}
			m.add(loc, fmt.Sprintf("%s“%s”", rowLabel(t, vr), name), cellValue(w), cellValue(v))
		}
	}
}

// Prose claims: matched by kind, quantity and subject, in order.

func claimKey(c *gongkai.Claim) string {
	return string(c.Kind) + "|" + string(c.Quantity) + "|" + c.Code + "|" + compactText(c.Subject)
}

func (m *mismatch) claims() {
	wmap := map[string][]*gongkai.Claim{}
	var order []string
	for _, c := range m.want.Claims {
		k := claimKey(c)
		if _, ok := wmap[k]; !ok {
			order = append(order, k)
		}
		wmap[k] = append(wmap[k], c)
	}
	vmap := map[string][]*gongkai.Claim{}
	for _, c := range m.c.r.Claims {
		vmap[claimKey(c)] = append(vmap[claimKey(c)], c)
	}
	for _, k := range order {
		ws, vs := wmap[k], vmap[k]
		for i, w := range ws {
			if i >= len(vs) {
				if w.Quantity != gongkai.QNone && w.Value != nil {
					m.presence(gongkai.Loc{Line: 1}, fmt.Sprintf("说明中的陈述“%s”", strings.TrimSpace(w.Text)), true)
				}
				continue
			}
			m.claim(w, vs[i])
		}
	}
}

func (m *mismatch) claim(w, v *gongkai.Claim) {
	what := fmt.Sprintf("说明中“%s”", strings.TrimSpace(v.Subject))
	if !sameMoney(w.Value, v.Value) {
		m.add(v.Loc, what+"的金额", moneyText(w.Value), moneyText(v.Value))
	}
	if !sameFixed(w.Percent, v.Percent) {
		m.add(v.Loc, what+"的百分比", fixedText(w.Percent), fixedText(v.Percent))
	}
	if !sameMoney(w.Change, v.Change) || w.Direction != v.Direction {
		m.add(v.Loc, what+"的增减额", changeText(w), changeText(v))
	}
	if !sameMoney(w.Whole, v.Whole) {
		m.add(v.Loc, what+"的总数", moneyText(w.Whole), moneyText(v.Whole))
	}
	for i := 0; i < len(w.Parts) && i < len(v.Parts); i++ {
		m.claim(w.Parts[i], v.Parts[i])
	}
}

func sameMoney(a, b *gongkai.Money) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Fen == b.Fen
}

func sameFixed(a, b *gongkai.Fixed) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Rat().Cmp(b.Rat()) == 0
}

func moneyText(m *gongkai.Money) string {
	if m == nil {
		return ""
	}
	return m.String() + string(m.Unit)
}

func fixedText(f *gongkai.Fixed) string {
	if f == nil {
		return ""
	}
	return f.String() + "%"
}

func changeText(c *gongkai.Claim) string {
	s := moneyText(c.Change)
	switch {
	case c.Direction > 0:
		return "增加" + s
	case c.Direction < 0:
		return "减少" + s
	case s != "":
		return s
	}
	return "持平"
}

// Summary: each headline figure, where the document states it.

func (m *mismatch) summary() {
	r, w := m.c.r, m.want
	for _, q := range gongkai.SummaryQuantities {
		wv, vv := *w.Summary.Field(q), *r.Summary.Field(q)
		if wv == nil || vv == nil || wv.Fen == vv.Fen {
			continue
		}
		loc := gongkai.Loc{Line: 1}
		if s, ok := r.ValueOf(q); ok {
			loc = s.Loc
		}
		if m.reported[loc] {
			continue // the cell or claim it comes from is reported already
		}
		m.add(loc, "汇总数“"+q.Name()+"”", moneyText(wv), moneyText(vv))
	}
}
