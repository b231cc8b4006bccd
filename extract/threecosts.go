package extract

import (
	"strings"

	"gongkai"
)

// threeCostItem says which "三公" item a column label names. "小计" is the
// 公务用车 subtotal when it stands among the car columns; "合计" is the total.
func threeCostItem(seg string) gongkai.Item {
	c := cleanName(seg)
	switch {
	case c == "合计" || c == "总计":
		return gongkai.IThreeTotal
	case c == "小计":
		return gongkai.ICar
	}
	c = strings.ReplaceAll(c, "（", "(")
	switch it := ItemOf(c); it {
	case gongkai.IThreeTotal, gongkai.IAbroad, gongkai.ICar, gongkai.ICarPurchase,
		gongkai.ICarOperation, gongkai.IReception:
		return it
	}
	switch {
	case strings.Contains(c, "机关运行"):
		return gongkai.INone // 机关运行经费 printed beside the "三公", no car item
	case strings.Contains(c, "会议费"):
		return gongkai.IMeeting
	case strings.Contains(c, "培训费"):
		return gongkai.ITraining
	case strings.Contains(c, "出国"):
		return gongkai.IAbroad
	case strings.Contains(c, "接待"):
		return gongkai.IReception
	case strings.Contains(c, "购置") && strings.Contains(c, "运行"):
		return gongkai.ICar
	case strings.Contains(c, "购置"):
		return gongkai.ICarPurchase
	case strings.Contains(c, "运行"):
		return gongkai.ICarOperation
	}
	return gongkai.INone
}

// threeCostItemPath says which item a column is from its header path and
// its place among the columns: a 小计 under 公务用车, or after the 因公出国
// column, is the car subtotal; a 小计 or 合计 that opens a group is the
// "三公" total (or, with 会议费/培训费 beside it, the total of all of them).
func threeCostItemPath(path []string, extras, afterAbroad bool) gongkai.Item {
	last := cleanName(path[len(path)-1])
	if last == "小计" || last == "合计" || last == "总计" {
		for k := len(path) - 2; k >= 0; k-- {
			if strings.Contains(cleanName(path[k]), "公务用车") {
				return gongkai.ICar
			}
		}
		if afterAbroad && last == "小计" {
			return gongkai.ICar
		}
		if last != "小计" && extras {
			return gongkai.ITotal
		}
		return gongkai.IThreeTotal
	}
	return threeCostItem(path[len(path)-1])
}

// transposeThreeCosts turns a "三公" table printed across (one column per
// item, one data row) into rows per item, with a cell per stage (预算数,
// 决算数). Tables already printed down are left alone.
func (b *tableBuilder) transposeThreeCosts(t *gongkai.Table, hdr int, labels [][]string, cols []colInfo) {
	down := map[gongkai.Item]bool{}
	for _, r := range t.Rows {
		switch r.Item {
		case gongkai.IThreeTotal, gongkai.IAbroad, gongkai.ICar, gongkai.ICarPurchase,
			gongkai.ICarOperation, gongkai.IReception:
			down[r.Item] = true
		}
	}
	if len(down) >= 2 {
		return // printed down already: one row per item
	}
	type col struct {
		j     int
		item  gongkai.Item
		label string
	}
	// 会议费 and 培训费 printed beside the "三公" make the first 合计 a
	// total of all of them, not of the "三公".
	extras := false
	for j := range labels {
		for _, seg := range labels[j] {
			if c := cleanName(seg); strings.Contains(c, "会议费") || strings.Contains(c, "培训费") {
				extras = true
			}
		}
	}
	var cs []col
	afterAbroad := false
	for j := range labels {
		if len(labels[j]) == 0 {
			continue
		}
		it := threeCostItemPath(labels[j], extras, afterAbroad)
		switch it {
		case gongkai.INone:
			continue
		case gongkai.IAbroad:
			afterAbroad = true
		case gongkai.IThreeTotal, gongkai.ITotal:
			afterAbroad = false
		}
		cs = append(cs, col{j, it, labels[j][len(labels[j])-1]})
	}
	if len(cs) < 2 {
		return
	}
	// Stages: the item sequence repeats once per stage, in the order the
	// header names them.
	stages := b.threeCostStages(hdr)
	groups := 0
	for _, c := range cs {
		if c.item == gongkai.IThreeTotal {
			groups++
		}
	}
	if groups == 0 {
		groups = 1
	}
	var dataRow = -1
	for i := hdr; i < len(b.rows); i++ {
		if !isIndexRow(b.rows[i]) && b.isDataRow(b.rows[i]) {
			dataRow = i
			break
		}
	}
	var rows []*gongkai.Row
	byItem := map[gongkai.Item]*gongkai.Row{}
	group := -1
	first := cs[0].item
	for k, c := range cs {
		if c.item == first && (k == 0 || cs[k-1].item != gongkai.ITotal) || group < 0 {
			group++
		}
		role := gongkai.RAmount
		if group < len(stages) {
			role = stages[group]
		} else if len(stages) == 1 {
			role = stages[0]
		}
		r := byItem[c.item]
		if r == nil {
			r = &gongkai.Row{Name: cleanText(c.label), Item: c.item}
			if len(b.locs) > 0 {
				r.Loc = b.locs[max(dataRow, 0)]
			}
			byItem[c.item] = r
			rows = append(rows, r)
		}
		cell := gongkai.Cell{Role: role, Label: strings.Join(labels[c.j], "/")}
		if dataRow >= 0 {
			g := b.rows[dataRow][c.j]
			cell.Text, cell.Loc = g.raw, *g.loc
			b.readValue(&cell, g)
		}
		r.Cells = append(r.Cells, cell)
	}
	if len(rows) == 0 {
		return
	}
	t.Rows = rows
	t.Columns = nil
	seen := map[gongkai.Role]bool{}
	for _, r := range rows {
		for _, c := range r.Cells {
			if !seen[c.Role] {
				seen[c.Role] = true
				t.Columns = append(t.Columns, gongkai.Column{Role: c.Role, Label: stageLabel(c.Role)})
			}
		}
	}
}

func stageLabel(r gongkai.Role) string {
	switch r {
	case gongkai.RBudget:
		return "预算数"
	case gongkai.RFinal:
		return "决算数"
	}
	return "金额"
}

// threeCostStages lists the stages (预算数, 决算数) in the order the header
// and captions name them.
func (b *tableBuilder) threeCostStages(hdr int) []gongkai.Role {
	var texts []string
	texts = append(texts, b.info.Captions...)
	for i := 0; i < hdr; i++ {
		for _, c := range b.rows[i] {
			texts = append(texts, c.c)
		}
	}
	var out []gongkai.Role
	add := func(r gongkai.Role) {
		for _, x := range out {
			if x == r {
				return
			}
		}
		out = append(out, r)
	}
	current := gongkai.RBudget
	if b.kindOfReport == gongkai.Final {
		current = gongkai.RFinal
	}
	years := false
	for _, s := range texts {
		c := Compact(s)
		if m := leadingYear.FindStringSubmatch(c); m != nil && len(c) <= 8 {
			// Groups by year: "2021年", "2022年", "增减变化情况".
			years = true
			if y := atoi(m[1]); b.year > 0 && y < b.year {
				add(gongkai.RPrior)
			} else {
				add(current)
			}
			continue
		}
		if years && strings.Contains(c, "增减") {
			add(gongkai.RChange)
			continue
		}
		if years {
			continue
		}
		if strings.Contains(c, "预算数") || strings.HasSuffix(c, "预算") {
			add(gongkai.RBudget)
		}
		if strings.Contains(c, "决算数") || strings.Contains(c, "决算") && !strings.Contains(c, "表") {
			add(gongkai.RFinal)
		}
	}
	if len(out) == 0 {
		return []gongkai.Role{gongkai.RAmount}
	}
	return out
}
