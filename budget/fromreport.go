package budget

import (
	"errors"
	"sort"

	"gongkai"
)

// FromReport rebuilds budget data from a disclosure read by an importer,
// as far as its tables allow: the expenditure lines, the names of codes,
// income, the "三公" costs, procurement (from its table, else the prose) and
// 机关运行经费 from the prose.
//
// The leaves are taken as the truth: the 项 rows of the function tables and
// the 款 rows of the economic table. Totals are not read: the generator
// adds them up again, so where a published total differs from the sum of
// its printed parts (the 0.01 rounding differences most disclosures have,
// or a real mistake) the rebuilt disclosure prints the sum. Basic spending
// of 一般公共预算 is split over the economic 款 by matching the two
// breakdowns in order (both sum to the same total); when the published
// breakdowns do not sum to the same total, the largest 款 takes the
// difference. Spending the 一般公共预算 table does not show is booked as
// 其他收入, basic spending of it on 39999 其他支出.
func FromReport(r *gongkai.Report) (*Data, error) {
	d := &Data{Kind: r.Kind, Year: r.Year, Unit: r.Unit, Department: Department{Name: r.Department}}
	if d.Kind == "" {
		d.Kind = gongkai.Budget
	}
	fn := r.Table(gongkai.TGeneralFunction)
	all := r.Table(gongkai.TExpenditure)
	if fn == nil && all == nil {
		return nil, errors.New("公开中没有支出表或一般公共预算支出表，无法还原支出明细")
	}
	if t := fn; t != nil && t.Unit != "" {
		d.Unit = t.Unit
	} else if all != nil && all.Unit != "" {
		d.Unit = all.Unit
	}
	names := map[string]string{}
	for _, t := range r.Tables {
		for _, row := range t.Rows {
			if row.Code != "" && row.Name != "" && names[row.Code] == "" {
				names[row.Code] = row.Name
			}
		}
	}
	fen := func(row *gongkai.Row, role gongkai.Role) Amount {
		if row == nil {
			return 0
		}
		if m, ok := row.Value(role); ok {
			return Amount(m.Fen)
		}
		return 0
	}
	type leaf struct {
		code            string
		basic, project  Amount
		gBasic, gProjct Amount
	}
	var leaves []*leaf
	byCode := map[string]*leaf{}
	add := func(t *gongkai.Table, general bool) {
		if t == nil {
			return
		}
		for _, row := range t.Rows {
			if len(row.Code) != 7 || row.Code[0] != '2' {
				continue
			}
			l := byCode[row.Code]
			if l == nil {
				l = &leaf{code: row.Code}
				byCode[row.Code] = l
				leaves = append(leaves, l)
			}
			b, p := fen(row, gongkai.RBasic), fen(row, gongkai.RProject)
			if b == 0 && p == 0 {
				b = fen(row, gongkai.RTotal) // a table without the split
			}
			if general {
				l.gBasic, l.gProjct = b, p
			} else {
				l.basic, l.project = b, p
			}
		}
	}
	add(all, false)
	add(fn, true)
	if all == nil {
		for _, l := range leaves {
			l.basic, l.project = l.gBasic, l.gProjct
		}
	}
	// Economic breakdown of 一般公共预算 basic spending.
	type econ struct {
		code string
		left Amount
	}
	var econs []*econ
	var econTotal Amount
	if t := r.Table(gongkai.TGeneralBasic); t != nil {
		for _, row := range t.Rows {
			if len(row.Code) == 5 && (row.Code[0] == '3' || row.Code[0] == '5') {
				a := fen(row, gongkai.RTotal)
				if a == 0 {
					a = fen(row, gongkai.RBasic)
				}
				if a == 0 {
					a = fen(row, gongkai.RPersonnel) + fen(row, gongkai.RPublic)
				}
				if a > 0 {
					econs = append(econs, &econ{row.Code, a})
					econTotal += a
				}
			}
		}
	}
	var gBasic Amount
	for _, l := range leaves {
		gBasic += l.gBasic
	}
	if len(econs) == 0 && gBasic > 0 {
		econs = []*econ{{"39999", gBasic}}
		names["39999"] = "其他支出"
	} else if diff := gBasic - econTotal; diff != 0 && len(econs) > 0 {
		big := econs[0]
		for _, e := range econs {
			if e.left > big.left {
				big = e
			}
		}
		big.left += diff
	}
	ei := 0
	for _, l := range leaves {
		name := names[l.code]
		need := l.gBasic
		for need > 0 && ei < len(econs) {
			e := econs[ei]
			take := min(need, e.left)
			if take > 0 {
				d.Lines = append(d.Lines, Line{Function: l.code, FunctionName: name, Economic: e.code, EconomicName: names[e.code],
					Kind: Basic, Amount: take})
			}
			need -= take
			e.left -= take
			if e.left == 0 {
				ei++
			}
		}
		if l.gProjct > 0 {
			d.Lines = append(d.Lines, Line{Function: l.code, FunctionName: name, Kind: Project, Amount: l.gProjct})
		}
		if ob := l.basic - l.gBasic; ob > 0 {
			d.Lines = append(d.Lines, Line{Function: l.code, FunctionName: name, Economic: "39999", EconomicName: "其他支出", Kind: Basic, Source: Other, Amount: ob})
		}
		if op := l.project - l.gProjct; op > 0 {
			d.Lines = append(d.Lines, Line{Function: l.code, FunctionName: name, Kind: Project, Source: Other, Amount: op})
		}
	}
	// Names of 类 and 款 the lines need.
	var codes []string
	for c := range names {
		if len(c) == 3 || len(c) == 5 {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	for _, c := range codes {
		if BuiltinName(c) != names[c] {
			d.Names = append(d.Names, CodeName{Code: c, Name: names[c]})
		}
	}
	// "三公" costs.
	if t := r.Table(gongkai.TThreeCosts); t != nil {
		stage := r.StageRole()
		get := func(it gongkai.Item) Amount {
			row := t.Item(it, gongkai.NoSide)
			if row == nil {
				return 0
			}
			if m, ok := row.Value(stage); ok {
				return Amount(m.Fen)
			}
			for _, c := range row.Cells {
				if c.Money != nil {
					return Amount(c.Money.Fen)
				}
			}
			return 0
		}
		d.ThreeCosts = ThreeCosts{Abroad: get(gongkai.IAbroad), CarPurchase: get(gongkai.ICarPurchase),
			CarOperation: get(gongkai.ICarOperation), Reception: get(gongkai.IReception)}
	}
	// Procurement and 机关运行经费 from the prose when no table states them.
	claim := func(q gongkai.Quantity) (Amount, bool) {
		for _, c := range r.Claims {
			if c.Kind == gongkai.CAmount && c.Quantity == q && c.Value != nil {
				return Amount(c.Value.Fen), true
			}
		}
		return 0, false
	}
	if t := r.Table(gongkai.TProcurement); t != nil {
		d.Procurement = procurementOf(t)
	} else {
		for _, x := range []struct {
			q   gongkai.Quantity
			cat string
		}{{gongkai.QProcureGoods, "货物"}, {gongkai.QProcureWorks, "工程"}, {gongkai.QProcureServices, "服务"}} {
			if a, ok := claim(x.q); ok && a > 0 {
				d.Procurement = append(d.Procurement, ProcureItem{Name: "政府采购" + x.cat, Category: x.cat, Amount: a})
			}
		}
	}
	if a, ok := claim(gongkai.QOperatingCosts); ok && a > 0 {
		d.OperatingCosts = []CostItem{{Code: "302", Name: names["302"], Amount: a}}
		if d.OperatingCosts[0].Name == "" {
			d.OperatingCosts[0].Name = BuiltinName("302")
		}
	}
	if ps := Validate(d); len(ps) > 0 {
		var es InputErrors
		for _, p := range ps {
			es = append(es, InputError{Place: p.Path, Msg: p.Msg})
		}
		return nil, es
	}
	return d, nil
}

// procurementOf reads a procurement totals table (货物, 工程, 服务 and the
// amounts awarded to small and micro enterprises) as one item per
// category. The awarded totals are booked on the categories in order, each
// up to its amount, as the table does not say how they divide.
func procurementOf(t *gongkai.Table) []ProcureItem {
	value := func(it gongkai.Item) Amount {
		for _, row := range t.Rows {
			if row.Item != it {
				continue
			}
			for _, c := range row.Cells {
				if c.Money != nil {
					return Amount(c.Money.Fen)
				}
			}
		}
		return 0
	}
	var items []ProcureItem
	for _, x := range []struct {
		it  gongkai.Item
		cat string
	}{{gongkai.IProcureGoods, "货物"}, {gongkai.IProcureWorks, "工程"}, {gongkai.IProcureServices, "服务"}} {
		if a := value(x.it); a > 0 {
			items = append(items, ProcureItem{Name: "政府采购" + x.cat, Category: x.cat, Amount: a})
		}
	}
	sme, micro := value(gongkai.IProcureSME), value(gongkai.IProcureMicro)
	for i := range items {
		items[i].SME = min(sme, items[i].Amount)
		sme -= items[i].SME
		items[i].Micro = min(micro, items[i].SME)
		micro -= items[i].Micro
	}
	return items
}
