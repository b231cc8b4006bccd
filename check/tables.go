package check

import (
	"fmt"
	"regexp"
	"strings"

	"gongkai"
)

func init() {
	register(Rule{ID: "table.clipped-cell", Severity: gongkai.Warning, Name: "单元格疑似被截断",
		Doc: "单元格数字的小数位少于本表其他数字且中间有空格（如“341. 3”），多为文字提取时丢失末位，不作为编制错误。", run: clippedCells})
	register(Rule{ID: "table.columns", Severity: gongkai.Error, Name: "表内列间关系",
		Doc: "同一行中：合计 = 基本支出 + 项目支出（+ 上缴上级支出、经营支出、对附属单位补助支出）；基本支出 = 人员经费 + 公用经费；收入合计 = 各项收入之和；财政拨款合计 = 一般公共预算 + 政府性基金 + 国有资本经营。", run: columnIdentities})
	register(Rule{ID: "table.hierarchy", Severity: gongkai.Error, Name: "科目层级汇总",
		Doc: "类级科目 = 所属款级科目之和，款级科目 = 所属项级科目之和（功能分类和经济分类）。", run: hierarchy})
	register(Rule{ID: "table.total-row", Severity: gongkai.Error, Name: "合计行",
		Doc: "合计行 = 各类级科目之和（表中只列款级或项级科目时为各最上级科目之和）；人员经费合计 = 301 + 303 类，公用经费合计 = 其余经济分类类级之和。", run: totalRows})
	register(Rule{ID: "table.balance", Severity: gongkai.Error, Name: "收支总表平衡",
		Doc: "收支总表中：本年收入合计 = 各项收入之和；本年支出合计 = 各功能分类类级支出之和；收入总计 = 本年收入合计 + 上年结转；支出总计 = 本年支出合计 + 结转下年；收入总计 = 支出总计。", run: balance})
	register(Rule{ID: "table.empty-note", Severity: gongkai.Warning, Name: "空表说明",
		Doc: "无数据的表（如政府性基金、国有资本经营预算表）须公开并注明“本单位无…，空表列示”；有数据的表不得标注为空表。", run: emptyNotes})
}

func isMoneyTable(t *gongkai.Table) bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Money != nil {
				return true
			}
		}
	}
	return false
}

func rowLabel(t *gongkai.Table, r *gongkai.Row) string {
	name := r.Name
	if r.Code != "" {
		name = r.Code + " " + name
	}
	return fmt.Sprintf("%s“%s”行", t.Label(), strings.TrimSpace(name))
}

func roleName(t *gongkai.Table, role gongkai.Role, side gongkai.Side) string {
	for _, c := range t.Columns {
		if c.Role == role && (side == gongkai.NoSide || c.Side == side || c.Side == gongkai.NoSide) && c.Label != "" {
			l := c.Label
			if i := strings.LastIndex(l, "/"); i >= 0 && !genericLabel.MatchString(l[i+1:]) {
				l = l[i+1:]
			}
			return strings.Join(strings.Fields(l), "")
		}
	}
	return string(role)
}

var genericLabel = regexp.MustCompile(`^\s*(小\s*计|合\s*计|总\s*计|金额)\s*$`)

func clippedCells(c *ctx) {
	// In extracted plain text a figure with fewer decimals than usual has
	// lost digits; in PDF and office files it is usually only printed in
	// Excel's General format (3990.4 for 3990.40), so only a gap inside
	// the digits counts there.
	text := len(c.r.Sources) > 0 && c.r.Sources[0].Format == "text"
	for _, t := range c.r.Tables {
		for _, r := range t.Rows {
			for i := range r.Cells {
				cell := &r.Cells[i]
				if !cell.Clipped || !cell.Gap && !text {
					continue
				}
				c.report(gongkai.Warning, cell.Loc,
					fmt.Sprintf("%s的“%s”疑似在文字提取时被截断（小数位少于本表其他数字），请核对原件", rowLabel(t, r), cell.Text),
					"", cell.Text)
			}
		}
	}
}

// Column identities.

type identity struct {
	total  gongkai.Role
	parts  []gongkai.Role
	min    int            // how many part columns must be present
	unless []gongkai.Role // not applied when the table has any of these
	kinds  []gongkai.TableKind
}

var incomeRoles = []gongkai.Role{gongkai.RFiscal, gongkai.RGeneral, gongkai.RFund, gongkai.RCapital,
	gongkai.RSpecial, gongkai.RUnitFunds, gongkai.RSuperior, gongkai.RService, gongkai.ROperating,
	gongkai.RAffiliated, gongkai.ROther, gongkai.RCarryBegin, gongkai.RNonFiscalUse}

var identities = []identity{
	{total: gongkai.RTotal, parts: []gongkai.Role{gongkai.RBasic, gongkai.RProject, gongkai.RRemit, gongkai.RBusiness,
		gongkai.RSubsidy, gongkai.RContingency}, min: 2},
	{total: gongkai.RBasic, parts: []gongkai.Role{gongkai.RPersonnel, gongkai.RPublic}, min: 2},
	{total: gongkai.RProject, parts: []gongkai.Role{gongkai.RRecurring, gongkai.ROneOff, gongkai.RMultiYear}, min: 2},
	{total: gongkai.RTotal, parts: []gongkai.Role{gongkai.RPersonnel, gongkai.RPublic}, min: 2,
		unless: []gongkai.Role{gongkai.RBasic, gongkai.RProject}},
	{total: gongkai.RTotal, parts: []gongkai.Role{gongkai.RPersonnel, gongkai.RPublic, gongkai.RProject, gongkai.RRemit,
		gongkai.RBusiness, gongkai.RSubsidy, gongkai.RContingency}, min: 3, unless: []gongkai.Role{gongkai.RBasic}},
	{total: gongkai.RTotal, parts: []gongkai.Role{gongkai.RGeneral, gongkai.RFund, gongkai.RCapital}, min: 2,
		kinds: []gongkai.TableKind{gongkai.TFiscalTotal}},
	{total: gongkai.RTotal, parts: incomeRoles, min: 2, kinds: []gongkai.TableKind{gongkai.TIncome}},
}

// sideRoles returns the roles of the table's columns on a side.
func sideRoles(t *gongkai.Table, side gongkai.Side) map[gongkai.Role]int {
	out := map[gongkai.Role]int{}
	for _, col := range t.Columns {
		if col.Side == side || side == gongkai.NoSide || col.Side == gongkai.NoSide {
			out[col.Role]++
		}
	}
	return out
}

func hasKind(ks []gongkai.TableKind, k gongkai.TableKind) bool {
	if len(ks) == 0 {
		return true
	}
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func columnIdentities(c *ctx) {
	for _, t := range c.r.Tables {
		if !isMoneyTable(t) || t.Kind == gongkai.TThreeCosts {
			continue
		}
		for _, id := range identities {
			if !hasKind(id.kinds, t.Kind) {
				continue
			}
			for _, side := range sidesOf(t) {
				roles := sideRoles(t, side)
				if roles[id.total] != 1 {
					continue
				}
				skip := false
				for _, u := range id.unless {
					if roles[u] > 0 {
						skip = true
					}
				}
				n := 0
				for _, p := range id.parts {
					if roles[p] > 1 {
						skip = true // ambiguous columns
					}
					if roles[p] == 1 {
						n++
					}
				}
				if skip || n < id.min {
					continue
				}
				// The names of the parts' columns, the same on every row of the side.
				names := make([]string, len(id.parts))
				for k, p := range id.parts {
					if roles[p] != 0 {
						names[k] = roleName(t, p, side)
					}
				}
				for _, r := range t.Rows {
					if r.Side != side {
						continue
					}
					c.checkRowIdentity(t, r, id, roles, names)
				}
			}
		}
	}
}

func sidesOf(t *gongkai.Table) []gongkai.Side {
	seen := map[gongkai.Side]bool{}
	var out []gongkai.Side
	for _, r := range t.Rows {
		if !seen[r.Side] {
			seen[r.Side] = true
			out = append(out, r.Side)
		}
	}
	return out
}

// checkRowIdentity checks one row; names holds roleName of each of
// id.parts on the row's side.
func (c *ctx) checkRowIdentity(t *gongkai.Table, r *gongkai.Row, id identity, roles map[gongkai.Role]int, names []string) {
	tot := r.Cell(id.total)
	var s sum
	nonEmpty := 0
	for k, p := range id.parts {
		if roles[p] == 0 {
			continue
		}
		if cell := r.Cell(p); cell != nil && cell.Money != nil {
			s.add(*cell.Money, names[k])
			if cell.Clipped {
				s.clip = true
			}
			nonEmpty++
		}
	}
	if nonEmpty == 0 {
		return
	}
	if tot == nil || tot.Money == nil {
		if s.fen == 0 {
			return
		}
		c.report(gongkai.Error, r.Loc, fmt.Sprintf("%s：%s为空，但其组成部分合计不为零", rowLabel(t, r), roleName(t, id.total, r.Side)),
			s.expected(gongkai.Money{Unit: t.Unit, Places: 2}), "空")
		return
	}
	v := compareCell(tot, s)
	if v == equal || v == clipped {
		return // nothing to report (verdict)
	}
	c.verdict(v, tot.Loc, *tot.Money, s,
		fmt.Sprintf("%s：%s应等于%s之和", rowLabel(t, r), roleName(t, id.total, r.Side), partNames(t, id.parts, roles, r.Side)))
}

func partNames(t *gongkai.Table, parts []gongkai.Role, roles map[gongkai.Role]int, side gongkai.Side) string {
	var names []string
	for _, p := range parts {
		if roles[p] == 1 {
			names = append(names, roleName(t, p, side))
		}
	}
	return strings.Join(names, "、")
}

// verdict reports the outcome of a comparison with the current rule's severity.
func (c *ctx) verdict(v verdict, loc gongkai.Loc, got gongkai.Money, want sum, msg string, related ...gongkai.Loc) {
	switch v {
	case equal:
	case rounding:
		c.report(gongkai.Info, loc, msg+"（尾数误差："+toleranceText(got, want)+"）", want.expected(got), show(got), related...)
	case clipped:
		// A figure that may be cut short: reported by table.clipped-cell.
	case differs:
		c.report(c.rule.Severity, loc, msg+"，相差"+showIn(abs(got.Fen-want.fen), got), want.expected(got), show(got), related...)
	}
}

// Hierarchy.

func classOf(code string) byte {
	if code == "" {
		return 0
	}
	switch code[0] {
	case '2':
		return 'f' // 支出功能分类
	case '3', '5':
		return 'e' // 支出经济分类
	}
	return 0
}

func codedRows(t *gongkai.Table, side gongkai.Side) []*gongkai.Row {
	var out []*gongkai.Row
	for _, r := range t.Rows {
		if r.Side == side && r.Code != "" && r.Item != gongkai.IUnit && classOf(r.Code) != 0 && validLength(r.Code) {
			out = append(out, r)
		}
	}
	return out
}

func validLength(code string) bool { return len(code) == 3 || len(code) == 5 || len(code) == 7 }

// children returns the rows one level below parent.
func children(rows []*gongkai.Row, parent *gongkai.Row) []*gongkai.Row {
	var out []*gongkai.Row
	for _, want := range []int{len(parent.Code) + 2, len(parent.Code) + 4} {
		for _, r := range rows {
			if len(r.Code) == want && strings.HasPrefix(r.Code, parent.Code) {
				out = append(out, r)
			}
		}
		if len(out) > 0 {
			if want == len(parent.Code)+4 {
				// 类 with 项 but no 款 rows: only if no 款 row exists at all.
				for _, r := range rows {
					if len(r.Code) == len(parent.Code)+2 && strings.HasPrefix(r.Code, parent.Code) {
						return nil
					}
				}
			}
			return out
		}
	}
	return nil
}

func valueRoles(t *gongkai.Table, side gongkai.Side) []gongkai.Role {
	var out []gongkai.Role
	seen := map[gongkai.Role]int{}
	for _, col := range t.Columns {
		if col.Side == side || col.Side == gongkai.NoSide {
			seen[col.Role]++
		}
	}
	for _, col := range t.Columns {
		if (col.Side == side || col.Side == gongkai.NoSide) && seen[col.Role] == 1 && col.Role != gongkai.RRate &&
			col.Role != gongkai.RLineNo && col.Role != gongkai.RText && col.Role != gongkai.RQuantity && col.Role != gongkai.RPrice {
			out = append(out, col.Role)
			seen[col.Role] = 0
		}
	}
	return out
}

func hierarchy(c *ctx) {
	for _, t := range c.r.Tables {
		if !isMoneyTable(t) {
			continue
		}
		for _, side := range sidesOf(t) {
			rows := codedRows(t, side)
			roles := valueRoles(t, side)
			for _, p := range rows {
				if len(p.Code) == 7 {
					continue
				}
				kids := children(rows, p)
				if len(kids) == 0 {
					continue
				}
				for _, role := range roles {
					c.sumRows(t, p, kids, role, func() string {
						return fmt.Sprintf("%s：%s应等于所属下级科目之和", rowLabel(t, p), roleName(t, role, side))
					})
				}
			}
		}
	}
}

// sumRows compares the role cell of parent with the sum over rows.
// msg says what is compared; it is called only to report a finding.
func (c *ctx) sumRows(t *gongkai.Table, parent *gongkai.Row, rows []*gongkai.Row, role gongkai.Role, msg func() string) {
	var s sum
	any := false
	for _, k := range rows {
		if cell := k.Cell(role); cell != nil && cell.Money != nil {
			name := k.Code
			if name == "" {
				name = k.Name
			}
			s.add(*cell.Money, name)
			if cell.Clipped {
				s.clip = true
			}
			any = true
		}
	}
	pc := parent.Cell(role)
	if pc == nil || pc.Money == nil {
		if any && s.fen != 0 {
			c.report(c.rule.Severity, parent.Loc, msg()+"，但本行为空", s.expected(gongkai.Money{Unit: t.Unit, Places: 2}), "空")
		}
		return
	}
	if !any {
		if pc.Money.Fen != 0 && len(rows) > 0 {
			c.report(c.rule.Severity, pc.Loc, msg()+"，但下级科目均为空", "0", show(*pc.Money))
		}
		return
	}
	v := compareCell(pc, s)
	if v == equal || v == clipped {
		return // nothing to report (verdict)
	}
	var related []gongkai.Loc
	for _, k := range rows {
		related = append(related, k.Loc)
	}
	c.verdict(v, pc.Loc, *pc.Money, s, msg(), related...)
}

// Total rows.

func totalRows(c *ctx) {
	for _, t := range c.r.Tables {
		if !isMoneyTable(t) || t.Kind == gongkai.TTotal || t.Kind == gongkai.TFiscalTotal {
			continue
		}
		for _, side := range sidesOf(t) {
			rows := codedRows(t, side)
			var top []*gongkai.Row
			for _, r := range rows {
				if len(r.Code) == 3 {
					top = append(top, r)
				}
			}
			// The lines no other line of the table contains: the 类 rows,
			// or, in a table that lists only 项 (one row per unit and 项,
			// as some departments print), every row.
			roots := rootRows(rows)
			if len(roots) == 0 {
				continue
			}
			what := "应等于各类级科目之和"
			if len(roots) != len(top) {
				what = "应等于各科目之和（未列上级科目的行按本行计入）"
			}
			roles := valueRoles(t, side)
			for _, r := range t.Rows {
				if r.Side != side {
					continue
				}
				switch r.Item {
				case gongkai.ITotal, gongkai.IExpendYear:
					for _, role := range roles {
						c.sumRows(t, r, roots, role, func() string { return rowLabel(t, r) + "：" + roleName(t, role, side) + what })
					}
				case gongkai.IPersonnel, gongkai.IPublic:
					if len(top) == 0 || classOf(top[0].Code) != 'e' {
						continue
					}
					var part []*gongkai.Row
					for _, x := range top {
						personnel := x.Code == "301" || x.Code == "303" || x.Code == "501" || x.Code == "509"
						if personnel == (r.Item == gongkai.IPersonnel) {
							part = append(part, x)
						}
					}
					what := "人员经费合计应等于工资福利支出与对个人和家庭的补助之和"
					if r.Item == gongkai.IPublic {
						what = "公用经费合计应等于商品和服务支出等其余类级科目之和"
					}
					for _, role := range roles {
						c.sumRows(t, r, part, role, func() string { return rowLabel(t, r) + "：" + what })
					}
				}
			}
		}
	}
}

// rootRows returns the rows whose code no shorter code of the same
// classification in rows begins.
func rootRows(rows []*gongkai.Row) []*gongkai.Row {
	have := map[string]bool{}
	for _, r := range rows {
		have[string(classOf(r.Code))+r.Code] = true
	}
	var out []*gongkai.Row
	for _, r := range rows {
		cls := string(classOf(r.Code))
		root := true
		for n := 3; n < len(r.Code); n += 2 {
			if have[cls+r.Code[:n]] {
				root = false
				break
			}
		}
		if root {
			out = append(out, r)
		}
	}
	return out
}

// Totals tables.

func balance(c *ctx) {
	for _, t := range c.r.Tables {
		if (t.Kind != gongkai.TTotal && t.Kind != gongkai.TFiscalTotal) || !isMoneyTable(t) {
			continue
		}
		c.incomeSide(t)
		c.expendSide(t)
		c.grandTotals(t)
		c.econSide(t)
	}
}

// first money cell of a row (the stage column when several).
func amountOf(c *ctx, r *gongkai.Row) *gongkai.Cell {
	if r == nil {
		return nil
	}
	stage := c.r.StageRole()
	for i := range r.Cells {
		if r.Cells[i].Role == stage && r.Cells[i].Money != nil {
			return &r.Cells[i]
		}
	}
	for _, role := range []gongkai.Role{gongkai.RTotal, gongkai.RAmount, gongkai.RBudget, gongkai.RFinal} {
		for i := range r.Cells {
			if r.Cells[i].Role == role && r.Cells[i].Money != nil {
				return &r.Cells[i]
			}
		}
	}
	for i := range r.Cells {
		if r.Cells[i].Money != nil {
			return &r.Cells[i]
		}
	}
	return nil
}

var numbered = regexp.MustCompile(`^\s*[一二三四五六七八九十]+\s*[、.．]`)

func (c *ctx) incomeSide(t *gongkai.Table) {
	var rows []*gongkai.Row
	for _, r := range t.Rows {
		if r.Side == gongkai.IncomeSide {
			rows = append(rows, r)
		}
	}
	year := findItem(rows, gongkai.IIncomeYear)
	if year == nil {
		return
	}
	var top, items []*gongkai.Row
	for _, r := range rows {
		if r == year {
			break
		}
		if numbered.MatchString(r.Name) {
			top = append(top, r)
		}
		if isIncomeItem(r.Item) {
			items = append(items, r)
		}
	}
	parts := top
	if len(parts) == 0 {
		parts = items
	}
	c.sumCells(t, year, parts, fmt.Sprintf("%s：本年收入合计应等于各项收入之和", rowLabel(t, year)))
	// Rows under a numbered row add up to it.
	c.numberedChildren(t, rows, year)
}

func isIncomeItem(it gongkai.Item) bool {
	switch it {
	case gongkai.IGeneral, gongkai.IFund, gongkai.ICapital, gongkai.ISpecial, gongkai.IUnitFunds,
		gongkai.IService, gongkai.IOperating, gongkai.ISuperior, gongkai.IAffiliated, gongkai.IOther:
		return true
	}
	return false
}

func findItem(rows []*gongkai.Row, it gongkai.Item) *gongkai.Row {
	for _, r := range rows {
		if r.Item == it {
			return r
		}
	}
	return nil
}

var qizhongName = regexp.MustCompile(`^\s*(其中|含)\s*[:：]?`)

// numberedChildren checks that the plain rows under a numbered row ("一、…")
// add up to it; rows marked 其中 are only part of it.
func (c *ctx) numberedChildren(t *gongkai.Table, rows []*gongkai.Row, stop *gongkai.Row) {
	for i := 0; i < len(rows); i++ {
		p := rows[i]
		if p == stop {
			return
		}
		if !numbered.MatchString(p.Name) {
			continue
		}
		var kids []*gongkai.Row
		partial := false
		for j := i + 1; j < len(rows); j++ {
			k := rows[j]
			if k == stop || numbered.MatchString(k.Name) || k.Item == gongkai.IIncomeYear || k.Item == gongkai.IExpendYear ||
				k.Item == gongkai.IIncomeGrand || k.Item == gongkai.IExpendGrand || k.Item == gongkai.IGroup {
				break
			}
			if qizhongName.MatchString(k.Name) {
				partial = true
			}
			kids = append(kids, k)
		}
		if len(kids) == 0 || partial {
			continue
		}
		has := false
		for _, k := range kids {
			if amountOf(c, k) != nil {
				has = true
			}
		}
		if !has {
			continue
		}
		c.sumCells(t, p, kids, fmt.Sprintf("%s：应等于其下所列各项之和", rowLabel(t, p)))
	}
}

func (c *ctx) sumCells(t *gongkai.Table, whole *gongkai.Row, parts []*gongkai.Row, msg string) {
	wc := amountOf(c, whole)
	var s sum
	n := 0
	var related []gongkai.Loc
	for _, p := range parts {
		if pc := amountOf(c, p); pc != nil {
			s.add(*pc.Money, strings.TrimSpace(p.Code+" "+p.Name))
			if pc.Clipped {
				s.clip = true
			}
			n++
			related = append(related, pc.Loc)
		}
	}
	if wc == nil {
		if n > 0 && s.fen != 0 {
			c.report(c.rule.Severity, whole.Loc, msg+"，但本行为空", s.expected(gongkai.Money{Unit: t.Unit, Places: 2}), "空")
		}
		return
	}
	if n == 0 {
		return
	}
	c.verdict(compareCell(wc, s), wc.Loc, *wc.Money, s, msg, related...)
}

func (c *ctx) expendSide(t *gongkai.Table) {
	var rows []*gongkai.Row
	for _, r := range t.Rows {
		if r.Side == gongkai.ExpendSide {
			rows = append(rows, r)
		}
	}
	year := findItem(rows, gongkai.IExpendYear)
	if year == nil {
		return
	}
	// The numbered lines ("一、…支出", or "一、基本支出 二、项目支出") add up
	// to the year's total; without numbering, the coded 类 rows do.
	var classes, num []*gongkai.Row
	for _, r := range rows {
		if r == year {
			break
		}
		if numbered.MatchString(r.Name) {
			num = append(num, r)
		}
		if (r.Code != "" && len(r.Code) == 3 && classOf(r.Code) == 'f') || r.Item == gongkai.IClass {
			classes = append(classes, r)
		}
	}
	if len(num) > 0 && len(num) >= len(classes) {
		classes = num
	}
	if len(classes) == 0 {
		return
	}
	for _, role := range valueRoles(t, gongkai.ExpendSide) {
		if role == gongkai.RLineNo {
			continue
		}
		c.sumRows(t, year, classes, role, func() string {
			return fmt.Sprintf("%s：本年支出合计应等于各功能分类类级支出之和", rowLabel(t, year))
		})
	}
}

func (c *ctx) grandTotals(t *gongkai.Table) {
	var in, out []*gongkai.Row
	for _, r := range t.Rows {
		switch r.Side {
		case gongkai.IncomeSide:
			in = append(in, r)
		case gongkai.ExpendSide:
			out = append(out, r)
		}
	}
	ig, eg := findItem(in, gongkai.IIncomeGrand), findItem(out, gongkai.IExpendGrand)
	if iy := findItem(in, gongkai.IIncomeYear); ig != nil && iy != nil {
		parts := []*gongkai.Row{iy}
		for _, it := range []gongkai.Item{gongkai.ICarryBegin, gongkai.INonFiscalUse} {
			if r := findItem(in, it); r != nil {
				parts = append(parts, r)
			}
		}
		c.sumCells(t, ig, parts, fmt.Sprintf("%s：收入总计应等于本年收入合计与上年结转之和", rowLabel(t, ig)))
	}
	if ey := findItem(out, gongkai.IExpendYear); eg != nil && ey != nil {
		parts := []*gongkai.Row{ey}
		for _, it := range []gongkai.Item{gongkai.ICarryEnd, gongkai.IDistribution} {
			if r := findItem(out, it); r != nil {
				parts = append(parts, r)
			}
		}
		c.sumCells(t, eg, parts, fmt.Sprintf("%s：支出总计应等于本年支出合计与结转下年之和", rowLabel(t, eg)))
	}
	if ig != nil && eg != nil {
		c.sumCells(t, eg, []*gongkai.Row{ig}, fmt.Sprintf("%s：收入总计应等于支出总计", t.Label()))
	}
}

// econSide checks the group rows of a third block (支出类别分类 / 经济分类).
func (c *ctx) econSide(t *gongkai.Table) {
	var rows []*gongkai.Row
	for _, r := range t.Rows {
		if r.Side == gongkai.EconSide {
			rows = append(rows, r)
		}
	}
	for i, g := range rows {
		if g.Item != gongkai.IGroup {
			continue
		}
		var num, coded []*gongkai.Row
		for _, r := range rows[i+1:] {
			if r.Item == gongkai.IGroup || r.Item == gongkai.IExpendYear || r.Item == gongkai.IExpendGrand {
				break
			}
			if numbered.MatchString(r.Name) {
				num = append(num, r)
			}
			if len(r.Code) == 3 {
				coded = append(coded, r)
			}
		}
		parts := num
		if len(parts) == 0 {
			parts = coded
		}
		if len(parts) > 0 {
			c.sumCells(t, g, parts, fmt.Sprintf("%s：应等于其下各类之和", rowLabel(t, g)))
		}
	}
	c.numberedChildren(t, rows, nil)
}

// Empty tables.

var emptyNote = regexp.MustCompile(`表为空|空表|无数据|没有(发生)?|无(此|该)?项?(收支|支出|收入|预算|经费)|未安排|不涉及`)

// conditionalNote says a note only explains what an empty table would mean
// ("此表如无数字则表示单位无该项支出").
var conditionalNote = regexp.MustCompile(`如无|若无|如没有|如果没有|如本表为空|如为空`)

// mayBeEmpty lists the tables a department may legitimately leave empty.
func mayBeEmpty(k gongkai.TableKind) bool {
	switch k {
	case gongkai.TGovFund, gongkai.TStateCapital, gongkai.TThreeCosts, gongkai.TProcurement,
		gongkai.TPurchasedServices, gongkai.TTransfer, gongkai.TProjectList, gongkai.TAssets:
		return true
	}
	return false
}

func emptyNotes(c *ctx) {
	for _, t := range c.r.Tables {
		if t.Kind == gongkai.TUnknown {
			continue
		}
		empty := t.IsEmpty()
		noted := emptyNote.MatchString(t.Note) && !conditionalNote.MatchString(t.Note)
		switch {
		case empty && mayBeEmpty(t.Kind) && t.Note == "":
			c.report(gongkai.Warning, t.Loc, fmt.Sprintf("%s没有数据，但未注明原因（应注明如“本单位无…，空表列示”）", t.Label()), "空表说明", "无说明")
		case !empty && noted && isMoneyTable(t) && nonZeroCells(t) > 0:
			c.report(gongkai.Error, t.NoteLoc, fmt.Sprintf("%s注明为空表或无数据，但表中有数据", t.Label()), "无数据", fmt.Sprintf("%d个非零数字", nonZeroCells(t)))
		}
	}
}

func nonZeroCells(t *gongkai.Table) int {
	n := 0
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Money != nil && c.Money.Fen != 0 {
				n++
			}
		}
	}
	return n
}
