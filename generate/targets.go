package generate

import (
	"math/big"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/extract"
)

// projectMoney sums, per project, the printed amounts of its lines and of
// their budgets.
type projectMoney struct {
	amount, initial, adjusted int64
	carry                     int64
}

func (g *gen) projectMoney() map[string]*projectMoney {
	m := map[string]*projectMoney{}
	for i := range g.d.Lines {
		l := &g.d.Lines[i]
		n := strings.TrimSpace(l.Project)
		if n == "" {
			continue
		}
		p := m[n]
		if p == nil {
			p = &projectMoney{}
			m[n] = p
		}
		p.amount += g.lines[i]
		p.initial += g.init[i]
		p.adjusted += g.adj[i]
		if l.CarryOver {
			p.carry += g.lines[i]
		}
	}
	return m
}

func (g *gen) projectInfo(name string) budget.ProjectInfo {
	for _, p := range g.d.Projects {
		if strings.TrimSpace(p.Name) == name {
			return p
		}
	}
	return budget.ProjectInfo{Name: name}
}

// textCell is a free-text cell; a figure in it ("30", "99.9") is also
// kept as a number, as an importer reads it back.
func textCell(label, text string) gongkai.Cell {
	c := gongkai.Cell{Role: gongkai.RText, Label: label, Text: text}
	if n, ok := extract.ReadNumber(text); ok && !n.Dash {
		if f, err := gongkai.ParseFixed(n.Digits); err == nil {
			c.Fixed = &f
		}
	}
	return c
}

func fixedCell(label string, f *gongkai.Fixed) gongkai.Cell {
	c := gongkai.Cell{Role: gongkai.RText, Label: label}
	if f != nil {
		c.Text = f.String()
		v := *f
		c.Fixed = &v
	}
	return c
}

var targetColumns = []string{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "指标权重"}

// targetRows lists indicators as rows: the 一级指标 names the row.
func targetRows(ts []budget.Target) []*gongkai.Row {
	var rows []*gongkai.Row
	for _, t := range ts {
		r := &gongkai.Row{Name: t.Level1}
		r.Cells = append(r.Cells, textCell(targetColumns[1], t.Level2), textCell(targetColumns[2], t.Level3),
			textCell(targetColumns[3], t.Op), textCell(targetColumns[4], t.Value), textCell(targetColumns[5], t.Unit),
			fixedCell(targetColumns[6], t.Weight))
		rows = append(rows, r)
	}
	return rows
}

func textColumns(labels []string) []gongkai.Column {
	var cols []gongkai.Column
	for _, l := range labels {
		cols = append(cols, gongkai.Column{Role: gongkai.RText, Label: l})
	}
	return cols
}

// targetTables are 项目支出绩效目标表 (one per project with targets) and
// 部门整体绩效目标表 (budgets).
func (g *gen) targetTables(next func() string) {
	pm := g.projectMoney()
	byProject := map[string][]budget.Target{}
	for _, t := range g.d.Targets {
		n := strings.TrimSpace(t.Project)
		byProject[n] = append(byProject[n], t)
	}
	first := true
	var number string
	for _, name := range g.projects {
		ts := byProject[name]
		if len(ts) == 0 {
			continue
		}
		if first {
			number, first = next(), false
		}
		info := g.projectInfo(name)
		tb := &gongkai.Table{Kind: gongkai.TProjectTargets, Title: g.title("项目支出绩效目标表"), Number: number,
			Columns: textColumns(targetColumns)}
		head := []*gongkai.Row{{Name: "项目名称", Cells: []gongkai.Cell{textCell("", name)}}}
		if info.Unit != "" {
			head = append(head, &gongkai.Row{Name: "实施单位", Cells: []gongkai.Cell{textCell("", info.Unit)}})
		}
		money := int64(0)
		if p := pm[name]; p != nil {
			money = p.amount
		}
		head = append(head, &gongkai.Row{Name: "当年预算（" + string(g.u) + "）",
			Cells: []gongkai.Cell{{Role: gongkai.RAmount, Label: "当年预算金额", Text: g.text(money), Money: g.money(money)}}})
		if info.Goal != "" {
			head = append(head, &gongkai.Row{Name: "当年绩效目标", Cells: []gongkai.Cell{textCell("", info.Goal)}})
		}
		tb.Rows = append(head, targetRows(ts)...)
		g.addTable(tb)
	}
	if len(g.d.DeptTargets) > 0 {
		tb := &gongkai.Table{Kind: gongkai.TDeptTargets, Title: g.title("部门整体绩效目标表"), Number: next(),
			Columns: textColumns(targetColumns)}
		tb.Rows = append(tb.Rows, &gongkai.Row{Name: "部门（单位）名称", Cells: []gongkai.Cell{textCell("", g.d.Department.Name)}},
			&gongkai.Row{Name: "部门支出预算数", Cells: []gongkai.Cell{{Role: gongkai.RAmount, Label: "部门支出预算金额",
				Text: g.text(g.totals.expendYear), Money: g.money(g.totals.expendYear)}}})
		if g.d.Department.Goal != "" {
			tb.Rows = append(tb.Rows, &gongkai.Row{Name: "当年整体绩效目标", Cells: []gongkai.Cell{textCell("", g.d.Department.Goal)}})
		}
		tb.Rows = append(tb.Rows, targetRows(g.d.DeptTargets)...)
		g.addTable(tb)
	}
}

var evalColumns = []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}

// selfEvaluationTables are 项目支出绩效自评表, one per project with targets
// (final accounts).
func (g *gen) selfEvaluationTables() {
	pm := g.projectMoney()
	byProject := map[string][]budget.Target{}
	for _, t := range g.d.Targets {
		n := strings.TrimSpace(t.Project)
		byProject[n] = append(byProject[n], t)
	}
	for _, name := range g.projects {
		ts := byProject[name]
		if len(ts) == 0 {
			continue
		}
		info := g.projectInfo(name)
		p := pm[name]
		if p == nil {
			p = &projectMoney{}
		}
		tb := &gongkai.Table{Kind: gongkai.TSelfEvaluation, Title: g.title("项目支出绩效自评表"), Columns: textColumns(evalColumns)}
		tb.Rows = append(tb.Rows, &gongkai.Row{Name: "项目名称", Cells: []gongkai.Cell{textCell("", name)}})
		if info.Unit != "" {
			tb.Rows = append(tb.Rows, &gongkai.Row{Name: "实施单位", Cells: []gongkai.Cell{textCell("", info.Unit)}})
		}
		money := func(label string, fen int64) gongkai.Cell {
			return gongkai.Cell{Role: gongkai.RAmount, Label: label, Text: g.text(fen), Money: g.money(fen)}
		}
		rate := ""
		if p.adjusted > 0 {
			rate = percent(p.amount, p.adjusted) + "%"
		}
		tb.Rows = append(tb.Rows, &gongkai.Row{Name: "年度资金总额（" + string(g.u) + "）", Cells: []gongkai.Cell{
			money("年初预算数", p.initial), money("全年预算数", p.adjusted), money("全年执行数", p.amount),
			textCell("执行率", rate)}})
		if info.Goal != "" {
			tb.Rows = append(tb.Rows, &gongkai.Row{Name: "年度总体目标", Cells: []gongkai.Cell{textCell("预期目标", info.Goal), textCell("实际完成情况", info.Result)}})
		}
		total := new(big.Rat)
		scored := false
		for _, t := range ts {
			r := &gongkai.Row{Name: t.Level1}
			value := strings.TrimSpace(t.Op + t.Value + t.Unit)
			if t.Op == "=" || t.Op == "定性" {
				value = strings.TrimSpace(t.Value + t.Unit)
			}
			r.Cells = append(r.Cells, textCell(evalColumns[1], t.Level2), textCell(evalColumns[2], t.Level3),
				textCell(evalColumns[3], value), textCell(evalColumns[4], strings.TrimSpace(t.Actual+unitIf(t.Actual, t.Unit))),
				fixedCell(evalColumns[5], t.Weight), fixedCell(evalColumns[6], t.Score), textCell(evalColumns[7], t.Deviation))
			if t.Score != nil {
				total.Add(total, t.Score.Rat())
				scored = true
			}
			tb.Rows = append(tb.Rows, r)
		}
		if scored {
			f := gongkai.RoundRat(total, 2)
			tb.Rows = append(tb.Rows, &gongkai.Row{Name: "总分", Cells: []gongkai.Cell{fixedCell("得分", &f)}})
		}
		g.addTable(tb)
	}
}

func unitIf(v, unit string) string {
	if v == "" {
		return ""
	}
	return unit
}

// percent returns num/den × 100 rounded half away from zero to two decimals.
func percent(num, den int64) string {
	if den == 0 {
		return ""
	}
	r := new(big.Rat).SetFrac64(num, den)
	r.Mul(r, big.NewRat(100, 1))
	return gongkai.RoundRat(r, 2).String()
}
