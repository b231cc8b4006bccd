package compare

import (
	"sort"
	"strconv"

	"gongkai"
)

// Scheme says which classification a sum is by.
type Scheme string

// The classifications.
const (
	Function Scheme = "function" // 支出功能分类
	Economic Scheme = "economic" // 部门预算支出经济分类
)

// Sum is the consolidated figure of one classification line in one year
// and kind of disclosure: the sum over the departments that print it.
type Sum struct {
	Year        int          `json:"year"`
	Kind        gongkai.Kind `json:"kind"`
	Code        string       `json:"code"`
	Name        string       `json:"name"`
	Departments int          `json:"departments"` // how many print the line
	Total       int64        `json:"total"`       // 分
	// A and B are 基本支出 and 项目支出 (function), 人员经费 and 公用经费
	// (economic).
	A int64 `json:"a"`
	B int64 `json:"b"`
}

// Level is the line's level: 类, 款 or 项.
func (s Sum) Level() string { return Level(s.Code) }

// Level names the level of a classification code: 类 (3 digits), 款 (5)
// or 项 (7).
func Level(code string) string {
	switch len(code) {
	case 3:
		return "类"
	case 5:
		return "款"
	case 7:
		return "项"
	}
	return ""
}

// Consolidation is a set of disclosures added up.
type Consolidation struct {
	Years []int          `json:"years"`
	Kinds []gongkai.Kind `json:"kinds"`
	// Documents counts the disclosures by year and kind ("2024|budget").
	Documents map[string]int `json:"documents"`
	// Function and Economic are the sums of every printed line (类, 款 and
	// 项), ordered by year, kind and code.
	Function []Sum `json:"function"`
	Economic []Sum `json:"economic"`
}

// YearKind keys Documents.
func YearKind(year int, kind gongkai.Kind) string { return strconv.Itoa(year) + "|" + string(kind) }

// Consolidate adds up the function and economic lines of a set of
// disclosures by year, kind and code (see Set.Consolidate).
func Consolidate(fs []*Facts) *Consolidation { return NewSet(fs...).Consolidate() }

// ClassesByYear adds up only the function 类 (3-digit) lines by year and
// kind (see Set.ClassesByYear).
func ClassesByYear(fs []*Facts) []Sum { return NewSet(fs...).ClassesByYear() }

// Level returns the sums of one scheme at one level (3, 5 or 7 digits).
func (c *Consolidation) Level(s Scheme, digits int) []Sum {
	src := c.Function
	if s == Economic {
		src = c.Economic
	}
	var out []Sum
	for _, x := range src {
		if len(x.Code) == digits {
			out = append(out, x)
		}
	}
	return out
}

// Column is a year and kind of a consolidation that has disclosures.
type Column struct {
	Year      int
	Kind      gongkai.Kind
	Documents int
}

// Columns returns the years and kinds the consolidation has disclosures
// of, by year, then kind.
func (c *Consolidation) Columns() []Column {
	var cols []Column
	for _, y := range c.Years {
		for _, k := range c.Kinds {
			if n := c.Documents[YearKind(y, k)]; n > 0 {
				cols = append(cols, Column{y, k, n})
			}
		}
	}
	return cols
}

// PivotRow is one code of a pivot: its name (that of its first sum) and
// its total in each column.
type PivotRow struct {
	Code, Name string
	Totals     []int64
}

// Pivot lays out the sums of one scheme at one level (3, 5 or 7 digits)
// as a table: the columns (Columns), a row a code in code order, and
// each column's total.
func (c *Consolidation) Pivot(s Scheme, digits int) (cols []Column, rows []PivotRow, totals []int64) {
	cols = c.Columns()
	at := map[group]int{}
	for i, cl := range cols {
		at[group{cl.Year, cl.Kind}] = i
	}
	byCode := map[string]int{}
	totals = make([]int64, len(cols))
	for _, x := range c.Level(s, digits) {
		i, ok := byCode[x.Code]
		if !ok {
			i = len(rows)
			byCode[x.Code] = i
			rows = append(rows, PivotRow{Code: x.Code, Totals: make([]int64, len(cols))})
		}
		if rows[i].Name == "" {
			rows[i].Name = x.Name
		}
		if j, ok := at[group{x.Year, x.Kind}]; ok {
			rows[i].Totals[j] += x.Total
			totals[j] += x.Total
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
	return cols, rows, totals
}
