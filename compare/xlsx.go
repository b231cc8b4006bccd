package compare

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongkai"
)

// WriteXLSX writes a comparison as a workbook: 类×年度 (the function classes
// by year, in 万元), 功能分类汇总 and 经济分类汇总 (every line by year and
// kind), 部门指标 (each disclosure's indicators and outliers), 指标统计
// (median, MAD and bounds by year) and, when there are any, 跨年检查 (the
// series findings). Amounts are numbers in 万元 with two decimals; codes
// are text.
func WriteXLSX(w io.Writer, res *Result) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xw{f: f}
	x.styles()
	c := res.Consolidation
	x.pivot(c)
	x.sums("功能分类汇总", c.Function, "基本支出（万元）", "项目支出（万元）")
	x.sums("经济分类汇总", c.Economic, "人员经费（万元）", "公用经费（万元）")
	if res.Ratios != nil {
		x.depts(res.Ratios)
		x.stats(res.Ratios)
	}
	if len(res.Series) > 0 {
		x.series(res.Series)
	}
	if x.err != nil {
		return x.err
	}
	f.DeleteSheet("Sheet1")
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

type xw struct {
	f                            *excelize.File
	head, text, amount, pct, num int
	err                          error
}

func (x *xw) styles() {
	mk := func(s *excelize.Style) int {
		id, err := x.f.NewStyle(s)
		if err != nil && x.err == nil {
			x.err = err
		}
		return id
	}
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	two, one := "#,##0.00", "0.00"
	x.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	x.text = mk(&excelize.Style{Border: border, NumFmt: 49})
	x.amount = mk(&excelize.Style{Border: border, CustomNumFmt: &two})
	x.pct = mk(&excelize.Style{Border: border, CustomNumFmt: &one})
	x.num = mk(&excelize.Style{Border: border, NumFmt: 1})
}

// sheet starts a streamed sheet with a header row and column widths.
func (x *xw) sheet(name string, header []string, widths []float64) *excelize.StreamWriter {
	if x.err != nil {
		return nil
	}
	if _, err := x.f.NewSheet(name); err != nil {
		x.err = err
		return nil
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		x.err = err
		return nil
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			x.err = err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		x.err = err
	}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = excelize.Cell{StyleID: x.head, Value: h}
	}
	x.row(sw, 1, row)
	return sw
}

func (x *xw) row(sw *excelize.StreamWriter, n int, values []any) {
	if x.err != nil || sw == nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(1, n)
	if err := sw.SetRow(cell, values); err != nil {
		x.err = err
	}
}

func (x *xw) flush(sw *excelize.StreamWriter) {
	if x.err == nil && sw != nil {
		x.err = sw.Flush()
	}
}

func (x *xw) t(s string) excelize.Cell { return excelize.Cell{StyleID: x.text, Value: s} }
func (x *xw) n(v int) excelize.Cell    { return excelize.Cell{StyleID: x.num, Value: v} }

// wan is an amount in 分 as 万元; exact to the 分 in float64 up to 9×10^13 分.
func (x *xw) wan(fen int64) excelize.Cell {
	return excelize.Cell{StyleID: x.amount, Value: float64(fen) / 1e6}
}

func (x *xw) f2(v float64, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: math.Round(v*100) / 100}
}

// style is the number style of an indicator: percent for the shares,
// two decimals for the 元 a person.
func (x *xw) style(r Ratio) int {
	if r == ProjectShare || r == PersonnelShare {
		return x.pct
	}
	return x.amount
}

// pivot writes the function classes (类) by year: the consolidation's
// headline table.
func (x *xw) pivot(c *Consolidation) {
	cols, rows, totals := c.Pivot(Function, 3)
	header := []string{"科目编码", "科目名称"}
	widths := []float64{10, 28}
	for _, cl := range cols {
		header = append(header, fmt.Sprintf("%d年%s（万元）", cl.Year, cl.Kind.Chinese()))
		widths = append(widths, 16)
	}
	sw := x.sheet("类×年度", header, widths)
	n := 2
	for _, r := range rows {
		row := []any{x.t(r.Code), x.t(r.Name)}
		for _, v := range r.Totals {
			row = append(row, x.wan(v))
		}
		x.row(sw, n, row)
		n++
	}
	row := []any{x.t(""), x.t("合计")}
	for _, v := range totals {
		row = append(row, x.wan(v))
	}
	x.row(sw, n, row)
	n++
	row = []any{x.t(""), x.t("公开份数")}
	for _, cl := range cols {
		row = append(row, x.n(cl.Documents))
	}
	x.row(sw, n, row)
	x.flush(sw)
}

func (x *xw) sums(name string, sums []Sum, a, b string) {
	sw := x.sheet(name, []string{"年度", "类型", "级次", "科目编码", "科目名称", "部门数", "合计（万元）", a, b},
		[]float64{8, 8, 6, 10, 30, 8, 16, 16, 16})
	for i, s := range sums {
		x.row(sw, i+2, []any{x.n(s.Year), x.t(s.Kind.Chinese()), x.t(s.Level()), x.t(s.Code), x.t(s.Name),
			x.n(s.Departments), x.wan(s.Total), x.wan(s.A), x.wan(s.B)})
	}
	x.flush(sw)
}

func (x *xw) depts(rep *RatioReport) {
	header := []string{"部门", "年度", "类型", "人数"}
	widths := []float64{30, 8, 8, 8}
	for _, r := range Ratios {
		header = append(header, r.Name())
		widths = append(widths, 16)
	}
	header = append(header, "异常指标")
	widths = append(widths, 40)
	sw := x.sheet("部门指标", header, widths)
	ds := append([]*DeptRatios(nil), rep.Depts...)
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Department != ds[j].Department {
			return ds[i].Department < ds[j].Department
		}
		if ds[i].Year != ds[j].Year {
			return ds[i].Year < ds[j].Year
		}
		return ds[i].Kind < ds[j].Kind
	})
	for i, d := range ds {
		row := []any{x.t(d.Department), x.n(d.Year), x.t(d.Kind.Chinese()), x.n(d.Staff)}
		var flags []string
		for _, r := range Ratios {
			v, ok := d.Values[r]
			if !ok {
				row = append(row, x.t(""))
				continue
			}
			row = append(row, x.f2(v, x.style(r)))
			if o := d.Outliers[r]; o != nil {
				flags = append(flags, fmt.Sprintf("%s %.2f（中位数 %.2f，偏离 %.1f 倍MAD）", r.Name(), o.Value, o.Median, o.Score))
			}
		}
		row = append(row, x.t(strings.Join(flags, "；")))
		x.row(sw, i+2, row)
	}
	x.flush(sw)
}

func (x *xw) stats(rep *RatioReport) {
	sw := x.sheet("指标统计", []string{"年度", "类型", "指标", "部门数", "中位数", "中位数绝对偏差", "下限", "上限", "异常数"},
		[]float64{8, 8, 26, 8, 14, 14, 14, 14, 8})
	for i, s := range rep.Stats {
		style := x.style(s.Ratio)
		x.row(sw, i+2, []any{x.n(s.Year), x.t(s.Kind.Chinese()), x.t(s.Ratio.Name()), x.n(s.N), x.f2(s.Median, style),
			x.f2(s.MAD, style), x.f2(s.Low, style), x.f2(s.High, style), x.n(s.Outliers)})
	}
	x.flush(sw)
}

func (x *xw) series(fs map[string][]gongkai.Finding) {
	sw := x.sheet("跨年检查", []string{"文件", "规则", "级别", "行", "说明", "应为", "实为"}, []float64{36, 20, 6, 6, 80, 20, 20})
	var files []string
	for f := range fs {
		files = append(files, f)
	}
	sort.Strings(files)
	n := 2
	for _, file := range files {
		for _, f := range fs[file] {
			x.row(sw, n, []any{x.t(file), x.t(f.Rule), x.t(f.Severity.Chinese()), x.n(f.Line), x.t(f.Message), x.t(f.Expected), x.t(f.Found)})
			n++
		}
	}
	x.flush(sw)
}
