package budget

import (
	"errors"
	"sort"
	"strings"

	"gongkai"
)

// ErrNoExpenditure is FromReport's answer for a disclosure without a table
// of expenditure by function classification (prose only, or only tables
// such as procurement and assets).
var ErrNoExpenditure = errors.New("公开中没有支出表或一般公共预算支出表，无法还原支出明细")

// FromReport rebuilds budget data from a disclosure read by an importer,
// as far as its tables allow: the expenditure lines, the names of codes,
// the "三公" costs, procurement, 机关运行经费 and, for a budget, the money
// carried over from last year.
//
// The leaves are taken as the truth: the 项 rows of the function tables
// (summed when a table lists a code once per budget unit; rows of budget
// units themselves are left out) and the 款 rows of the economic table.
// Totals are not read: the generator adds them up again, so where a
// published total differs from the sum of its printed parts (the 0.01
// rounding differences most disclosures have, or a real mistake) the
// rebuilt disclosure prints the sum.
//
// The function lines come from the 一般公共预算支出表 and the 支出表 (all
// funds); without the former, all money of the latter is taken as 一般公共
// 预算. Basic and project spending of a 项 are read from their columns, or
// from 合计 less the other, or from 人员经费 + 公用经费. A 项 printed with
// its total only takes the split from the other function table or the
// basic-by-function table when they agree with it; what is still unknown
// is settled by the economic table: basic spending is the total of the
// economic 款, booked first on 项 whose amount equals a 款, then on 行政运行
// and 事业运行, then in order, the rest of each 项 being project spending.
//
// Basic spending of 一般公共预算 is split over the economic 款 (of the
// 一般公共预算基本支出表, else the basic column of the 一般公共预算支出表 by
// economic classification, else the 基本支出表 of all funds, whose rows may
// be named without codes): a 项 whose amount equals a 款 takes it whole,
// then the 人员经费 of each 项 is taken from the 款 of personnel and its
// 公用经费 from the others (see IsPersonnel), in order, as far as the two
// breakdowns agree. When the 款 do not sum to the basic spending of the
// 项, the difference goes to the largest 款 of a 类 whose printed total
// differs the same way from its 款, else to the largest 款. Spending of the
// 支出表 the 一般公共预算 table does not show is booked as 其他收入, basic
// spending of it on 39999 其他支出.
func FromReport(r *gongkai.Report) (*Data, error) {
	d := &Data{Kind: r.Kind, Year: r.Year, Unit: r.Unit, Department: Department{Name: r.Department}}
	if d.Kind == "" {
		d.Kind = gongkai.Budget
	}
	stage := r.StageRole()
	gen := readFunction(r, gongkai.TGeneralFunction, stage)
	all := readFunction(r, gongkai.TExpenditure, stage)
	if gen == nil && all == nil {
		return nil, ErrNoExpenditure
	}
	if gen == nil {
		gen, all = all, nil
	}
	if gen.t.Unit != "" {
		d.Unit = gen.t.Unit
	}
	names := reportNames(r)
	supplies, classes, econTable := readEconomic(r, stage)
	if p := maxPlaces(gen, all, econTable); p > 2 && p <= d.Unit.MaxPlaces() {
		d.Places = &p
	}
	settleSplits(r, gen, all, supplies, stage)
	var needBasic Amount
	for _, l := range gen.leaves {
		needBasic += l.basic
	}
	balanceSupplies(supplies, classes, needBasic)
	basic := allocate(gen, supplies)

	for _, code := range gen.codes {
		l := gen.leaves[code]
		name := functionName(names, code)
		for _, a := range basic[code] {
			d.Lines = append(d.Lines, Line{Function: code, FunctionName: name, Economic: a.code,
				EconomicName: econName(names, a.code), Kind: Basic, Amount: a.amount})
		}
		if l.project > 0 {
			d.Lines = append(d.Lines, Line{Function: code, FunctionName: name, Kind: Project, Amount: l.project})
		}
	}
	// Money the 一般公共预算 table does not show: other sources.
	if all != nil {
		codes := append([]string(nil), gen.codes...)
		for _, c := range all.codes {
			if gen.leaves[c] == nil {
				codes = append(codes, c)
			}
		}
		for _, code := range codes {
			a := all.leaves[code]
			if a == nil {
				continue
			}
			g := gen.leaves[code]
			if g == nil {
				g = &fnLeaf{split: true}
			}
			var ob, op Amount
			if a.split && g.split {
				ob, op = a.basic-g.basic, a.project-g.project
			} else {
				op = a.total - g.total
			}
			name := functionName(names, code)
			if ob > 0 {
				d.Lines = append(d.Lines, Line{Function: code, FunctionName: name, Economic: "39999", EconomicName: "其他支出",
					Kind: Basic, Source: Other, Amount: ob})
			}
			if op > 0 {
				d.Lines = append(d.Lines, Line{Function: code, FunctionName: name, Kind: Project, Source: Other, Amount: op})
			}
		}
	}
	if d.Kind == gongkai.Budget {
		carryOver(r, d)
	}
	d.ThreeCosts = threeCostsOf(r, stage)
	d.Procurement = procurementOf(r)
	d.OperatingCosts = operatingCostsOf(r, stage, names)
	d.Names = neededNames(d, names)
	if ps := Validate(d); len(ps) > 0 {
		var es InputErrors
		for _, p := range ps {
			es = append(es, InputError{Place: p.Path, Msg: p.Msg})
		}
		return nil, es
	}
	return d, nil
}

// IsPersonnel reports whether basic spending on an economic code is
// 人员经费: 工资福利支出 and 对个人和家庭的补助 (301 and 303 of the
// departmental classification, 501 and 509 of the government one); all
// other basic spending is 公用经费.
func IsPersonnel(econ string) bool {
	if len(econ) < 3 {
		return false
	}
	switch econ[:3] {
	case "301", "303", "501", "509":
		return true
	}
	return false
}

// moneyOf returns the amount of the first of roles the row has a figure for.
func moneyOf(row *gongkai.Row, roles ...gongkai.Role) (Amount, bool) {
	for _, ro := range roles {
		if m, ok := row.Value(ro); ok {
			return Amount(m.Fen), true
		}
	}
	return 0, false
}

// stageRoles are the roles of a row's one figure, the report's stage first
// after 合计.
func stageRoles(stage gongkai.Role) []gongkai.Role {
	other := gongkai.RFinal
	if stage == gongkai.RFinal {
		other = gongkai.RBudget
	}
	return []gongkai.Role{gongkai.RTotal, stage, gongkai.RAmount, other}
}

// fnTable is a table of expenditure by function, read to its 项.
type fnTable struct {
	t      *gongkai.Table
	codes  []string // 项 in the order of the table
	leaves map[string]*fnLeaf
}

// fnLeaf is the money of one 项. When split is set, basic and project are
// known (and total is their sum); otherwise only the total is. pp is set
// when the table also splits basic spending into 人员经费 and 公用经费.
type fnLeaf struct {
	total, basic, project Amount
	personnel, public     Amount
	split, pp             bool
}

// readFunction reads the first table of kind k that lists 项 of the
// function classification, or returns nil.
func readFunction(r *gongkai.Report, k gongkai.TableKind, stage gongkai.Role) *fnTable {
	for _, t := range r.TablesOf(k) {
		if ft := readFunctionTable(t, stage); ft != nil {
			return ft
		}
	}
	return nil
}

func readFunctionTable(t *gongkai.Table, stage gongkai.Role) *fnTable {
	ft := &fnTable{t: t, leaves: map[string]*fnLeaf{}}
	hasBasic, hasProject := t.HasRole(gongkai.RBasic), t.HasRole(gongkai.RProject)
	hasPe, hasPu := t.HasRole(gongkai.RPersonnel), t.HasRole(gongkai.RPublic)
	totalRoles := stageRoles(stage)
	for _, row := range t.Rows {
		if !IsFunctionCode(row.Code, 7) || row.Item == gongkai.IUnit {
			continue
		}
		total, hasTotal := moneyOf(row, totalRoles...)
		var b, p, pe, pu Amount
		knownB, knownP := false, false
		if hasPe || hasPu {
			pe, _ = moneyOf(row, gongkai.RPersonnel)
			pu, _ = moneyOf(row, gongkai.RPublic)
		}
		switch {
		case hasBasic:
			b, _ = moneyOf(row, gongkai.RBasic)
			knownB = true
		case hasPe || hasPu:
			b, knownB = pe+pu, true
		}
		if hasProject {
			p, _ = moneyOf(row, gongkai.RProject)
			knownP = true
		}
		if knownB && !knownP && hasTotal {
			p, knownP = total-b, true
		}
		if knownP && !knownB && hasTotal {
			b, knownB = total-p, true
		}
		split := knownB && knownP && b >= 0 && p >= 0
		if split && b == 0 && p == 0 && hasTotal && total != 0 {
			split = false // the split columns are blank: a table without the split
		}
		if !split && !hasTotal {
			continue
		}
		l := ft.leaves[row.Code]
		if l == nil {
			l = &fnLeaf{split: true, pp: hasPe && hasPu}
			ft.leaves[row.Code] = l
			ft.codes = append(ft.codes, row.Code)
		}
		if split {
			l.basic += b
			l.project += p
			l.total += b + p
			l.personnel += pe
			l.public += pu
		} else {
			l.split = false
			l.total += total
		}
	}
	if len(ft.codes) == 0 {
		return nil
	}
	for _, l := range ft.leaves {
		if !l.split {
			l.basic, l.project, l.personnel, l.public = 0, 0, 0, 0
		}
		l.pp = l.pp && l.split && l.personnel+l.public == l.basic
	}
	return ft
}

// supply is the basic spending of 一般公共预算 on one economic 款.
type supply struct {
	code         string
	personnel    bool
	amount, left Amount
}

// readEconomic reads the economic breakdown of 一般公共预算 basic spending,
// one supply per 款 in the order of the table (rows of the same 款 summed).
func readEconomic(r *gongkai.Report, stage gongkai.Role) ([]*supply, map[string]Amount, *gongkai.Table) {
	byName := econCodesByName(r)
	var classes map[string]Amount
	read := func(t *gongkai.Table, roles []gongkai.Role, parts bool) []*supply {
		var out []*supply
		by := map[string]*supply{}
		classes = map[string]Amount{}
		for _, row := range t.Rows {
			if row.Item == gongkai.IUnit || row.Item == gongkai.ITotal || row.Item == gongkai.IPersonnel || row.Item == gongkai.IPublic {
				continue
			}
			code := row.Code
			if code == "" {
				code = byName[plain(row.Name)]
			}
			if !IsEconomicCode(code, 5) && !IsEconomicCode(code, 3) {
				continue
			}
			a, ok := moneyOf(row, roles...)
			if !ok && parts {
				pe, ok1 := moneyOf(row, gongkai.RPersonnel)
				pu, ok2 := moneyOf(row, gongkai.RPublic)
				a, ok = pe+pu, ok1 || ok2
			}
			if len(code) == 3 {
				if ok {
					classes[code] += a
				}
				continue
			}
			if !ok || a <= 0 {
				continue
			}
			s := by[code]
			if s == nil {
				s = &supply{code: code, personnel: IsPersonnel(code)}
				by[code] = s
				out = append(out, s)
			}
			s.amount += a
			s.left += a
		}
		return out
	}
	for _, t := range r.TablesOf(gongkai.TGeneralBasic) {
		if s := read(t, append(stageRoles(stage), gongkai.RBasic), true); len(s) > 0 {
			return s, classes, t
		}
	}
	for _, t := range r.TablesOf(gongkai.TGeneralEconomic) {
		if !t.HasRole(gongkai.RBasic) {
			continue
		}
		if s := read(t, []gongkai.Role{gongkai.RBasic}, false); len(s) > 0 {
			return s, classes, t
		}
	}
	for _, t := range r.TablesOf(gongkai.TBasicEconomic) {
		if s := read(t, append([]gongkai.Role{gongkai.RGeneral}, stageRoles(stage)...), true); len(s) > 0 {
			return s, classes, t
		}
	}
	return nil, nil, nil
}

// balanceSupplies makes the economic 款 sum to the basic spending of the
// function 项 when the two breakdowns differ (rounding, or a mistake of
// the source): the difference goes first to the largest 款 of a 类 whose
// printed total differs the same way from the sum of its 款 (so the 类
// keeps its printed figure), then to the largest 款.
func balanceSupplies(supplies []*supply, classes map[string]Amount, need Amount) {
	var have Amount
	for _, s := range supplies {
		have += s.amount
	}
	diff := need - have
	if diff == 0 || len(supplies) == 0 {
		return
	}
	largest := func(class string) *supply {
		var big *supply
		for _, s := range supplies {
			if (class == "" || s.code[:3] == class) && (big == nil || s.amount > big.amount) {
				big = s
			}
		}
		return big
	}
	adjust := func(s *supply, d Amount) {
		d = max(d, -s.amount)
		s.amount += d
		s.left += d
		diff -= d
	}
	var classCodes []string
	for c := range classes {
		classCodes = append(classCodes, c)
	}
	sort.Strings(classCodes)
	for _, c := range classCodes {
		var sum Amount
		for _, s := range supplies {
			if s.code[:3] == c {
				sum += s.amount
			}
		}
		off := classes[c] - sum
		if big := largest(c); big != nil && off != 0 && (off > 0) == (diff > 0) {
			if abs(off) > abs(diff) {
				off = diff
			}
			adjust(big, off)
		}
		if diff == 0 {
			return
		}
	}
	adjust(largest(""), diff)
}

func abs(a Amount) Amount {
	if a < 0 {
		return -a
	}
	return a
}

// econCodesByName maps the names of economic 款 to their codes, from the
// report's coded rows and the built-in names, for tables that print the
// names only. Names given to several codes are left out.
func econCodesByName(r *gongkai.Report) map[string]string {
	out := map[string]string{}
	bad := map[string]bool{}
	for _, t := range r.Tables {
		for _, row := range t.Rows {
			if !IsEconomicCode(row.Code, 5) || row.Item == gongkai.IUnit {
				continue
			}
			n := plain(row.Name)
			if c, ok := out[n]; n == "" || bad[n] || ok && c == row.Code {
				continue
			} else if ok {
				delete(out, n)
				bad[n] = true
				continue
			}
			out[n] = row.Code
		}
	}
	// The built-in names of the departmental classification (3xx) for the
	// names the report does not give a code itself, but not those a 类 has
	// too (其他支出).
	for c, name := range builtinNames {
		if IsEconomicCode(c, 3) {
			bad[plain(name)] = true
		}
	}
	for c, name := range builtinNames {
		n := plain(name)
		if IsEconomicCode(c, 5) && c[0] == '3' && !bad[n] {
			if _, ok := out[n]; !ok {
				out[n] = c
			}
		}
	}
	return out
}

// settleSplits gives every 项 of gen its basic/project split: from the
// other function table or the basic-by-function table when they agree
// with it, else as far as the economic breakdown says how much basic
// spending there is.
func settleSplits(r *gongkai.Report, gen, all *fnTable, supplies []*supply, stage gongkai.Role) {
	var unsplit []string
	for _, c := range gen.codes {
		if !gen.leaves[c].split {
			unsplit = append(unsplit, c)
		}
	}
	if len(unsplit) == 0 {
		return
	}
	var basicFn map[string]Amount
	for _, t := range r.TablesOf(gongkai.TBasicFunction) {
		m := map[string]Amount{}
		for _, row := range t.Rows {
			if IsFunctionCode(row.Code, 7) && row.Item != gongkai.IUnit {
				if a, ok := moneyOf(row, append(stageRoles(stage), gongkai.RBasic)...); ok {
					m[row.Code] += a
				}
			}
		}
		if len(m) > 0 {
			basicFn = m
			break
		}
	}
	var left []string
	for _, c := range unsplit {
		l := gen.leaves[c]
		if all != nil {
			if a := all.leaves[c]; a != nil && a.split && a.total == l.total {
				*l = *a
				continue
			}
		}
		if b, ok := basicFn[c]; ok && b >= 0 && b <= l.total {
			l.basic, l.project, l.split = b, l.total-b, true
			continue
		}
		left = append(left, c)
	}
	if len(left) == 0 {
		return
	}
	// Basic spending the split 项 do not account for.
	var supplied, known Amount
	for _, s := range supplies {
		supplied += s.amount
	}
	for _, c := range gen.codes {
		if l := gen.leaves[c]; l.split {
			known += l.basic
		}
	}
	rest := supplied - known
	if len(supplies) == 0 {
		// No economic table: all of it is taken as basic spending.
		rest = 0
		for _, c := range left {
			rest += gen.leaves[c].total
		}
	}
	var order []string
	done := map[string]bool{}
	used := map[*supply]bool{}
	for _, c := range left {
		for _, s := range supplies {
			if !used[s] && s.amount == gen.leaves[c].total {
				used[s] = true
				done[c] = true
				order = append(order, c)
				break
			}
		}
	}
	for _, c := range left {
		if !done[c] && (strings.HasSuffix(c, "01") || strings.HasSuffix(c, "50")) { // 行政运行, 事业运行
			done[c] = true
			order = append(order, c)
		}
	}
	for _, c := range left {
		if !done[c] {
			order = append(order, c)
		}
	}
	for _, c := range order {
		l := gen.leaves[c]
		b := max(min(rest, l.total), 0)
		rest -= b
		l.basic, l.project, l.split = b, l.total-b, true
	}
}

// share is basic spending of a 项 booked on an economic 款.
type share struct {
	code   string
	amount Amount
}

// allocate splits each 项's basic spending over the economic 款.
func allocate(gen *fnTable, supplies []*supply) map[string][]share {
	out := map[string][]share{}
	book := func(fn, econ string, a Amount) {
		if a == 0 {
			return
		}
		for i := range out[fn] {
			if out[fn][i].code == econ {
				out[fn][i].amount += a
				return
			}
		}
		out[fn] = append(out[fn], share{econ, a})
	}
	if len(supplies) == 0 {
		for _, c := range gen.codes {
			book(c, "39999", gen.leaves[c].basic)
		}
		return out
	}
	const anyPool, personnelPool, publicPool = 0, 1, 2
	type need struct {
		fn   string
		pool int
		left Amount
	}
	var needs []*need
	for _, c := range gen.codes {
		l := gen.leaves[c]
		if l.basic <= 0 {
			continue
		}
		if l.pp {
			if l.personnel > 0 {
				needs = append(needs, &need{c, personnelPool, l.personnel})
			}
			if l.public > 0 {
				needs = append(needs, &need{c, publicPool, l.public})
			}
		} else {
			needs = append(needs, &need{c, anyPool, l.basic})
		}
	}
	fits := func(n *need, s *supply) bool {
		return n.pool == anyPool || (n.pool == personnelPool) == s.personnel
	}
	take := func(n *need, s *supply) {
		a := min(n.left, s.left)
		book(n.fn, s.code, a)
		n.left -= a
		s.left -= a
	}
	// A 项 whose amount is that of a 款 takes it whole.
	for _, n := range needs {
		for _, s := range supplies {
			if s.left == s.amount && s.amount == n.left && fits(n, s) {
				take(n, s)
				break
			}
		}
	}
	for _, strict := range []bool{true, false} {
		for _, n := range needs {
			for _, s := range supplies {
				if n.left == 0 {
					break
				}
				if s.left > 0 && (!strict || fits(n, s)) {
					take(n, s)
				}
			}
		}
	}
	// The breakdowns do not sum to the same total: the largest 款 takes
	// the difference.
	for _, n := range needs {
		if n.left == 0 {
			continue
		}
		var big *supply
		for _, s := range supplies {
			if fits(n, s) && (big == nil || s.amount > big.amount) {
				big = s
			}
		}
		if big == nil {
			big = supplies[0]
			for _, s := range supplies {
				if s.amount > big.amount {
					big = s
				}
			}
		}
		book(n.fn, big.code, n.left)
		n.left = 0
	}
	return out
}

// carryOver marks project spending paid from last year's money (上年结转)
// as the 收支总表 states it, by source as the 财政拨款收支总表 does:
// project lines of the source, largest first, are split as needed.
func carryOver(r *gongkai.Report, d *Data) {
	var total Amount
	if t := r.Table(gongkai.TTotal); t != nil {
		if row := t.Item(gongkai.ICarryBegin, gongkai.IncomeSide); row != nil {
			total = firstMoney(row)
		}
	}
	if total <= 0 {
		return
	}
	bySource := map[Source]Amount{}
	if t := r.Table(gongkai.TFiscalTotal); t != nil {
		in := false
		for _, row := range t.Rows {
			if row.Side != gongkai.IncomeSide {
				continue
			}
			switch row.Item {
			case gongkai.ICarryBegin:
				in = true
				continue
			case gongkai.IIncomeGrand:
				in = false
			}
			if !in {
				continue
			}
			switch row.Item {
			case gongkai.IGeneral:
				bySource[General] += firstMoney(row)
			case gongkai.IFund:
				bySource[GovFund] += firstMoney(row)
			case gongkai.ICapital:
				bySource[Capital] += firstMoney(row)
			}
		}
	}
	fiscal := bySource[General] + bySource[GovFund] + bySource[Capital]
	if fiscal > total {
		return // the tables disagree
	}
	if fiscal == 0 {
		bySource[General] = total // a department's carry-over is mostly 一般公共预算
	} else {
		bySource[Other] = total - fiscal
	}
	var lines []Line
	for _, src := range CarryGroups {
		need := bySource[src]
		if need <= 0 {
			continue
		}
		var idx []int
		for i := range d.Lines {
			l := &d.Lines[i]
			if l.Kind == Project && !l.CarryOver && CarryGroup(l.SourceOf()) == src {
				idx = append(idx, i)
			}
		}
		sort.SliceStable(idx, func(a, b int) bool { return d.Lines[idx[a]].Amount > d.Lines[idx[b]].Amount })
		var have Amount
		for _, i := range idx {
			have += d.Lines[i].Amount
		}
		if have < need {
			continue // not enough project spending of the source to carry it
		}
		for _, i := range idx {
			if need == 0 {
				break
			}
			l := &d.Lines[i]
			a := min(need, l.Amount)
			if a == l.Amount {
				l.CarryOver = true
			} else {
				c := *l
				c.CarryOver, c.Amount = true, a
				l.Amount -= a
				lines = append(lines, c)
			}
			need -= a
		}
	}
	d.Lines = append(d.Lines, lines...)
}

func firstMoney(row *gongkai.Row) Amount {
	for _, c := range row.Cells {
		if c.Money != nil {
			return Amount(c.Money.Fen)
		}
	}
	return 0
}

// threeCostsOf reads the "三公" costs from their table, else from the prose.
func threeCostsOf(r *gongkai.Report, stage gongkai.Role) ThreeCosts {
	var tc ThreeCosts
	t := r.Table(gongkai.TThreeCosts)
	found := false
	if t != nil {
		get := func(it gongkai.Item, role gongkai.Role) (Amount, bool) {
			row := t.Item(it, gongkai.NoSide)
			if row == nil {
				return 0, false
			}
			found = true
			if a, ok := moneyOf(row, role); ok {
				return a, true
			}
			if role != stage {
				return 0, true
			}
			return firstMoney(row), true
		}
		items := func(role gongkai.Role) (ab, cp, co, re Amount) {
			ab, _ = get(gongkai.IAbroad, role)
			cp, _ = get(gongkai.ICarPurchase, role)
			co, _ = get(gongkai.ICarOperation, role)
			re, _ = get(gongkai.IReception, role)
			// Items that do not add up to the printed totals while the
			// totals agree with each other: trust the car subtotal (a
			// figure of a column beside the table read as a car item).
			total, okT := get(gongkai.IThreeTotal, role)
			car, okC := get(gongkai.ICar, role)
			if okT && okC && ab+cp+co+re != total && ab+car+re == total && cp+co != car {
				switch {
				case cp == car:
					co = 0
				case co == car:
					cp = 0
				case car == 0:
					cp, co = 0, 0
				}
			}
			return
		}
		tc.Abroad, tc.CarPurchase, tc.CarOperation, tc.Reception = items(stage)
		if r.Kind == gongkai.Final && t.HasRole(gongkai.RBudget) {
			b := &ThreeCostsBudget{}
			b.Abroad, b.CarPurchase, b.CarOperation, b.Reception = items(gongkai.RBudget)
			if *b != (ThreeCostsBudget{}) {
				tc.Budget = b
			}
		}
	}
	if found {
		return tc
	}
	// No table, or one the reader could not take the items from: the prose.
	ab, _ := claimed(r, gongkai.QAbroad)
	cp, okP := claimed(r, gongkai.QCarPurchase)
	co, okO := claimed(r, gongkai.QCarOperation)
	re, _ := claimed(r, gongkai.QReception)
	if car, ok := claimed(r, gongkai.QCar); ok && !okO && car >= cp {
		co = car - cp
	} else if ok && !okP && car >= co {
		cp = car - co
	}
	return ThreeCosts{Abroad: ab, CarPurchase: cp, CarOperation: co, Reception: re}
}

// claimed returns the first amount the prose states for q.
func claimed(r *gongkai.Report, q gongkai.Quantity) (Amount, bool) {
	for _, c := range r.Claims {
		if c.Kind == gongkai.CAmount && c.Quantity == q && c.Value != nil {
			return Amount(c.Value.Fen), true
		}
	}
	return 0, false
}

// procurementOf reads procurement from its table (totals by category and
// the amounts awarded to small and micro enterprises), else from the
// prose. The awarded totals are booked on the categories in order, each up
// to its amount, as the table does not say how they divide.
func procurementOf(r *gongkai.Report) []ProcureItem {
	cats := []struct {
		it  gongkai.Item
		q   gongkai.Quantity
		cat string
	}{{gongkai.IProcureGoods, gongkai.QProcureGoods, "货物"}, {gongkai.IProcureWorks, gongkai.QProcureWorks, "工程"},
		{gongkai.IProcureServices, gongkai.QProcureServices, "服务"}}
	var amounts [3]Amount
	var sme, micro Amount
	if t := r.Table(gongkai.TProcurement); t != nil {
		for _, row := range t.Rows {
			a := firstMoney(row)
			switch row.Item {
			case gongkai.IProcureSME:
				sme += a
			case gongkai.IProcureMicro:
				micro += a
			}
			for i, x := range cats {
				// A row named by its category alone ("A-货物") is its total.
				if row.Item == x.it || row.Item == gongkai.INone && row.Code == "" && categoryName(row.Name) == x.cat {
					amounts[i] += a
				}
			}
		}
	}
	if amounts == [3]Amount{} {
		for i, x := range cats {
			amounts[i], _ = claimed(r, x.q)
		}
		sme, _ = claimed(r, gongkai.QProcureSME)
		micro, _ = claimed(r, gongkai.QProcureMicro)
	}
	var items []ProcureItem
	for i, x := range cats {
		if amounts[i] > 0 {
			items = append(items, ProcureItem{Name: "政府采购" + x.cat, Category: x.cat, Amount: amounts[i]})
		}
	}
	for i := range items {
		items[i].SME = min(sme, items[i].Amount)
		sme -= items[i].SME
		items[i].Micro = min(micro, items[i].SME)
		micro -= items[i].Micro
	}
	return items
}

// categoryName strips a list mark ("A-", "1.", "（一）") from a row name.
func categoryName(name string) string {
	n := []rune(plain(name))
	for i, c := range n {
		if i > 4 {
			break
		}
		if strings.ContainsRune("-－.、．)）", c) {
			return string(n[i+1:])
		}
	}
	return string(n)
}

// operatingCostsOf reads 机关运行经费 from its table by economic 款 (or 类
// when the table has no 款), else takes the prose's total as 商品和服务支出.
func operatingCostsOf(r *gongkai.Report, stage gongkai.Role, names map[string]string) []CostItem {
	if t := r.Table(gongkai.TOperatingCosts); t != nil {
		for _, n := range []int{5, 3} {
			var items []CostItem
			for _, row := range t.Rows {
				if !IsEconomicCode(row.Code, n) || row.Item == gongkai.IUnit {
					continue
				}
				a, ok := moneyOf(row, stageRoles(stage)...)
				if !ok {
					a = firstMoney(row)
				}
				if a > 0 {
					items = append(items, CostItem{Code: row.Code, Name: econName(names, row.Code), Amount: a})
				}
			}
			if len(items) > 0 {
				return items
			}
		}
	}
	if a, ok := claimed(r, gongkai.QOperatingCosts); ok && a > 0 {
		return []CostItem{{Code: "302", Name: econName(names, "302"), Amount: a}}
	}
	return nil
}

// reportNames collects the names the report's tables give classification
// codes (rows of budget units left out), the first one of each code.
func reportNames(r *gongkai.Report) map[string]string {
	names := map[string]string{}
	for _, t := range r.Tables {
		for _, row := range t.Rows {
			c := row.Code
			if c == "" || row.Name == "" || row.Item == gongkai.IUnit || names[c] != "" {
				continue
			}
			if IsFunctionCode(c, len(c)) && (len(c) == 3 || len(c) == 5 || len(c) == 7) ||
				IsEconomicCode(c, len(c)) && (len(c) == 3 || len(c) == 5) {
				names[c] = strings.TrimSpace(row.Name)
			}
		}
	}
	return names
}

// standardItems name the 项 most 款 of the function classification have.
var standardItems = map[string]string{"01": "行政运行", "02": "一般行政管理事务", "03": "机关服务", "50": "事业运行"}

func functionName(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n
	}
	if len(code) == 7 {
		return standardItems[code[5:]]
	}
	return BuiltinName(code)
}

func econName(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n
	}
	return BuiltinName(code)
}

// neededNames lists the names of the 类 and 款 the data uses that differ
// from the built-in ones.
func neededNames(d *Data, names map[string]string) []CodeName {
	need := map[string]bool{}
	for _, l := range d.Lines {
		need[l.Function[:3]], need[l.Function[:5]] = true, true
		if len(l.Economic) == 5 {
			need[l.Economic[:3]] = true
		}
	}
	for _, c := range d.OperatingCosts {
		need[c.Code[:3]] = true
	}
	var codes []string
	for c := range need {
		if n := names[c]; n != "" && n != BuiltinName(c) {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	var out []CodeName
	for _, c := range codes {
		out = append(out, CodeName{Code: c, Name: names[c]})
	}
	return out
}

// maxPlaces is the most decimals the tables print their figures with.
func maxPlaces(gen, all *fnTable, econ *gongkai.Table) int {
	p := 0
	for _, t := range []*gongkai.Table{gen.t, tableOf(all), econ} {
		if t == nil {
			continue
		}
		for _, row := range t.Rows {
			for _, c := range row.Cells {
				if c.Money != nil && c.Money.Places > p {
					p = c.Money.Places
				}
			}
		}
	}
	return p
}

func tableOf(f *fnTable) *gongkai.Table {
	if f == nil {
		return nil
	}
	return f.t
}

func plain(s string) string { return strings.Join(strings.Fields(s), "") }
