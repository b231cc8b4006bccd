package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"sort"
	"strconv"

	"gongkai"
	"gongkai/store"
)

// chart is one ECharts chart: its option is built here as plain data and
// travels to the page as JSON in a <script type="application/json"> block;
// static/charts.js draws it.
type chart struct {
	ID     string
	Title  string
	Note   string // shown under the chart
	Empty  string // shown instead of the chart when there is no data
	Option template.JS
}

type chartsView struct {
	reportHeader
	Charts []chart
	Unit   string
}

// toWan converts 分 to 万元 for display (charts only; never for arithmetic).
func toWan(fen int64) float64 {
	return math.Round(float64(fen)/10000) / 100
}

func optionJSON(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return template.JS(b)
}

func (s *Server) chartsPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	v := &chartsView{reportHeader: s.header(r, m, "charts"), Unit: "万元"}

	// 1. Expenditure by function class.
	classes, err := s.store.Classes(ctx, m.ID)
	if err != nil {
		return err
	}
	c1 := chart{ID: "chart-classes", Title: "支出按功能分类（类）"}
	if len(classes) == 0 {
		c1.Empty = "文中没有识别到按功能分类列示的支出表。"
	} else {
		var names []string
		var total, basic, project []float64
		hasSplit := false
		for i := len(classes) - 1; i >= 0; i-- { // largest at the top of a horizontal bar chart
			c := classes[i]
			label := c.Name
			if c.Code != "" {
				label = c.Code + " " + c.Name
			}
			names = append(names, label)
			total = append(total, toWan(c.Total))
			if c.Basic != nil || c.Project != nil {
				hasSplit = true
			}
			basic = append(basic, toWanPtr(c.Basic))
			project = append(project, toWanPtr(c.Project))
		}
		series := []any{map[string]any{"name": "合计", "type": "bar", "data": total, "label": map[string]any{"show": true, "position": "right"}}}
		legend := []string{"合计"}
		if hasSplit {
			series = []any{
				map[string]any{"name": "基本支出", "type": "bar", "stack": "x", "data": basic},
				map[string]any{"name": "项目支出", "type": "bar", "stack": "x", "data": project},
			}
			legend = []string{"基本支出", "项目支出"}
		}
		c1.Option = optionJSON(map[string]any{
			"tooltip": map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
			"legend":  map[string]any{"data": legend, "top": 0},
			"grid":    map[string]any{"left": 8, "right": 60, "top": 30, "bottom": 8, "containLabel": true},
			"xAxis":   map[string]any{"type": "value", "name": "万元"},
			"yAxis":   map[string]any{"type": "category", "data": names, "axisLabel": map[string]any{"width": 220, "overflow": "truncate"}},
			"series":  series,
		})
		c1.Note = "来源：" + classes[0].Table.Name()
	}
	v.Charts = append(v.Charts, c1)

	// 2. Basic vs project expenditure. The figures of every year are read
	// at once, this report's with them.
	series, f, err := s.yearSeries(r, m)
	if err != nil {
		return err
	}
	c2 := chart{ID: "chart-basic-project", Title: "基本支出与项目支出"}
	b, okB := f[gongkai.QBasic]
	p, okP := f[gongkai.QProject]
	if !okB && !okP {
		c2.Empty = "文中没有给出基本支出和项目支出。"
	} else {
		c2.Option = optionJSON(map[string]any{
			"tooltip": map[string]any{"trigger": "item", "formatter": "{b}：{c} 万元（{d}%）"},
			"legend":  map[string]any{"top": 0},
			"series": []any{map[string]any{"type": "pie", "radius": []string{"35%", "65%"}, "center": []string{"50%", "55%"},
				"label": map[string]any{"formatter": "{b}\n{c} 万元\n{d}%"},
				"data":  []any{map[string]any{"name": "基本支出", "value": toWan(b)}, map[string]any{"name": "项目支出", "value": toWan(p)}}}},
		})
	}
	v.Charts = append(v.Charts, c2)

	// 3 and 4. Across the years of the department (same kind).
	c3 := chart{ID: "chart-three-costs", Title: fmt.Sprintf("“三公”经费与机关运行经费（%s，历年）", m.Kind.Chinese())}
	var years []string
	var three, oper []any
	for _, y := range series {
		years = append(years, strconv.Itoa(y.year)+"年")
		three = append(three, wanOrNil(y.figs, gongkai.QThreeCosts))
		oper = append(oper, wanOrNil(y.figs, gongkai.QOperatingCosts))
	}
	if !anyValue(three) && !anyValue(oper) {
		c3.Empty = "本部门的公开文件中没有给出“三公”经费或机关运行经费。"
	} else {
		c3.Option = optionJSON(map[string]any{
			"tooltip": map[string]any{"trigger": "axis"},
			"legend":  map[string]any{"top": 0},
			"grid":    map[string]any{"left": 8, "right": 16, "top": 36, "bottom": 8, "containLabel": true},
			"xAxis":   map[string]any{"type": "category", "data": years},
			"yAxis":   map[string]any{"type": "value", "name": "万元"},
			"series": []any{
				map[string]any{"name": "“三公”经费", "type": "bar", "data": three, "label": map[string]any{"show": true, "position": "top"}},
				map[string]any{"name": "机关运行经费", "type": "bar", "data": oper, "label": map[string]any{"show": true, "position": "top"}},
			},
		})
		if len(series) == 1 {
			c3.Note = "系统中只有本部门这一年的公开文件；上传其他年度后可比较历年变化。"
		}
	}
	v.Charts = append(v.Charts, c3)

	// 4. Year-over-year changes: across stored years when there are
	// several, and as the prose of this report states them.
	c4 := chart{ID: "chart-yoy", Title: "支出总额及比上年增减（历年）"}
	if len(series) >= 2 {
		var totals, changes []any
		for i, y := range series {
			totals = append(totals, wanOrNil(y.figs, gongkai.QExpenditureTotal))
			var ch any
			if i > 0 {
				cur, ok1 := y.figs[gongkai.QExpenditureTotal]
				prev, ok2 := series[i-1].figs[gongkai.QExpenditureTotal]
				if ok1 && ok2 && prev != 0 {
					ch = math.Round(float64(cur-prev)*10000/float64(prev)) / 100
				}
			}
			changes = append(changes, ch)
		}
		c4.Option = optionJSON(map[string]any{
			"tooltip": map[string]any{"trigger": "axis"},
			"legend":  map[string]any{"top": 0},
			"grid":    map[string]any{"left": 8, "right": 8, "top": 36, "bottom": 8, "containLabel": true},
			"xAxis":   map[string]any{"type": "category", "data": years},
			"yAxis":   []any{map[string]any{"type": "value", "name": "万元"}, map[string]any{"type": "value", "name": "增减（%）"}},
			"series": []any{
				map[string]any{"name": "支出总计", "type": "bar", "data": totals},
				map[string]any{"name": "比上年增减（%）", "type": "bar", "yAxisIndex": 1, "data": changes,
					"label": map[string]any{"show": true, "position": "top", "formatter": "{c}%"}},
			},
		})
	} else {
		c4.Empty = "本部门只有一年的公开文件，无法比较历年支出。"
	}
	v.Charts = append(v.Charts, c4)

	c5, err := s.claimedChanges(r, m)
	if err != nil {
		return err
	}
	v.Charts = append(v.Charts, c5)

	pg := s.newPage(w, r, m.Title)
	pg.Data = v
	return s.render(w, r, "charts", pg)
}

// claimedChanges charts the year-over-year changes the prose states
// ("比上年增加A万元，增长B%").
func (s *Server) claimedChanges(r *http.Request, m *store.ReportMeta) (chart, error) {
	c := chart{ID: "chart-claimed", Title: "说明中的比上年增减"}
	rep, err := s.store.Report(r.Context(), m.ID)
	if err != nil {
		return c, err
	}
	type item struct {
		name string
		wan  float64
		pct  any
	}
	var items []item
	seen := map[string]bool{}
	for _, cl := range rep.Claims {
		if cl.Kind != gongkai.CChange || cl.Change == nil || cl.Direction == 0 {
			continue
		}
		name := cl.Subject
		if cl.Quantity != gongkai.QNone {
			name = cl.Quantity.Name()
		}
		if name == "" || seen[name] || len(items) >= 12 {
			continue
		}
		seen[name] = true
		it := item{name: name, wan: toWan(cl.Change.Fen) * float64(cl.Direction)}
		if cl.Percent != nil {
			f, _ := cl.Percent.Rat().Float64()
			it.pct = f * float64(cl.Direction)
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		c.Empty = "说明中没有识别到“比上年增加/减少”的表述。"
		return c, nil
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].wan < items[j].wan })
	var names []string
	var data []any
	for _, it := range items {
		names = append(names, it.name)
		color := "#c0392b"
		if it.wan < 0 {
			color = "#2e7d32"
		}
		data = append(data, map[string]any{"value": it.wan, "pct": it.pct, "itemStyle": map[string]any{"color": color}})
	}
	c.Option = optionJSON(map[string]any{
		"tooltip": map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"grid":    map[string]any{"left": 8, "right": 60, "top": 16, "bottom": 8, "containLabel": true},
		"xAxis":   map[string]any{"type": "value", "name": "万元"},
		"yAxis":   map[string]any{"type": "category", "data": names, "axisLabel": map[string]any{"width": 200, "overflow": "truncate"}},
		"series":  []any{map[string]any{"name": "比上年增减", "type": "bar", "data": data, "label": map[string]any{"show": true, "position": "right"}}},
	})
	c.Note = "红色为增加，绿色为减少；金额为说明中所写的增减额。"
	return c, nil
}

type yearFigures struct {
	year int
	figs map[gongkai.Quantity]int64
}

// yearSeries returns the headline figures of the department's visible
// reports of the same kind, one per year (the newest report of a year;
// m's own for its year), and the figures of m. A report of no department
// has a series of its year alone, without figures.
func (s *Server) yearSeries(r *http.Request, m *store.ReportMeta) ([]yearFigures, map[gongkai.Quantity]int64, error) {
	byYear := map[int]int64{m.Year: m.ID}
	if m.Department != "" {
		list, _, err := s.store.ListReports(r.Context(), store.ReportFilter{Visibility: visibility(userOf(r)),
			Department: m.Department, Kind: m.Kind, Limit: 200})
		if err != nil {
			return nil, nil, err
		}
		for _, x := range list { // newest first: keep the first of each year
			if _, ok := byYear[x.Year]; !ok && x.Year != 0 {
				byYear[x.Year] = x.ID
			}
		}
	}
	var ids []int64
	for _, id := range byYear {
		ids = append(ids, id)
	}
	figs, err := s.store.Figures(r.Context(), ids)
	if err != nil {
		return nil, nil, err
	}
	if m.Department == "" {
		return []yearFigures{{year: m.Year}}, figs[m.ID], nil
	}
	var out []yearFigures
	for y, id := range byYear {
		out = append(out, yearFigures{year: y, figs: figs[id]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].year < out[j].year })
	return out, figs[m.ID], nil
}

func toWanPtr(p *int64) float64 {
	if p == nil {
		return 0
	}
	return toWan(*p)
}

func wanOrNil(f map[gongkai.Quantity]int64, q gongkai.Quantity) any {
	if v, ok := f[q]; ok {
		return toWan(v)
	}
	return nil
}

func anyValue(xs []any) bool {
	for _, x := range xs {
		if x != nil {
			return true
		}
	}
	return false
}
