package store

import (
	"regexp"
	"strconv"
	"strings"

	"gongkai"
)

// These helpers derive, from a report, the values a Store keeps beside its
// content for searching and charts. They hold no SQL, so every
// implementation stores the same values.

// FiguresOf returns the headline figures of r (its Summary) in 分.
func FiguresOf(r *gongkai.Report) map[gongkai.Quantity]int64 {
	out := map[gongkai.Quantity]int64{}
	for _, q := range gongkai.SummaryQuantities {
		if f := r.Summary.Field(q); f != nil && *f != nil {
			out[q] = (*f).Fen
		}
	}
	return out
}

// ClassesOf returns the expenditure of r by function class (类, a 3-digit
// code), read from the first table that lists them: the 一般公共预算支出表,
// then the 支出表, then the 收支总表.
func ClassesOf(r *gongkai.Report) []Class {
	for _, k := range []gongkai.TableKind{gongkai.TGeneralFunction, gongkai.TExpenditure, gongkai.TTotal} {
		for _, t := range r.TablesOf(k) {
			if cs := classesIn(t); len(cs) > 0 {
				return cs
			}
		}
	}
	return nil
}

func classesIn(t *gongkai.Table) []Class {
	var out []Class
	seen := map[string]bool{}
	for _, row := range t.Rows {
		isClass := len(row.Code) == 3 && row.Code[0] == '2'
		if t.Kind == gongkai.TTotal {
			isClass = (isClass || row.Item == gongkai.IClass) && row.Side != gongkai.IncomeSide
		}
		if !isClass {
			continue
		}
		key := row.Code + "|" + row.Name
		if seen[key] {
			continue
		}
		total, ok := RowTotal(row)
		if !ok {
			continue
		}
		seen[key] = true
		c := Class{Code: row.Code, Name: CleanName(row.Name), Total: total, Table: t.Kind}
		if m, ok := row.Value(gongkai.RBasic); ok {
			v := m.Fen
			c.Basic = &v
		}
		if m, ok := row.Value(gongkai.RProject); ok {
			v := m.Fen
			c.Project = &v
		}
		out = append(out, c)
	}
	return out
}

// RowTotal returns the amount of a row: its total column, else its final,
// budget or amount column, else its first amount that is not a prior-year,
// change or rate figure.
func RowTotal(row *gongkai.Row) (int64, bool) {
	for _, role := range []gongkai.Role{gongkai.RTotal, gongkai.RFinal, gongkai.RBudget, gongkai.RAmount} {
		if m, ok := row.Value(role); ok {
			return m.Fen, true
		}
	}
	for _, c := range row.Cells {
		if c.Money != nil && c.Role != gongkai.RPrior && c.Role != gongkai.RChange && c.Role != gongkai.RRate {
			return c.Money.Fen, true
		}
	}
	return 0, false
}

// ordinalRE matches a list number printed before a name: 一、 （二） 3. 4．
var ordinalRE = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])`)

// CleanName removes blanks and a leading list number from a row name (not
// the 一 of 一般公共服务支出).
func CleanName(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return ordinalRE.ReplaceAllString(s, "")
}

// regionRE matches the administrative divisions a department name starts
// with: 重庆市南岸区医疗保障局 → 重庆市南岸区. Each level has at least two
// characters that are not themselves a division suffix, so 赤壁市市场监督管理局
// yields 赤壁市, not 赤壁市市.
var regionRE = regexp.MustCompile(`^(?:[^省市区县州旗盟局厅委办部]{2,}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|州|旗|盟))+`)

// RegionOf guesses the region a department belongs to from its name, or "".
func RegionOf(department string) string {
	return regionRE.FindString(strings.TrimSpace(department))
}

// TitleOf returns a display title for a report: 部门 + 年度 + 预算/决算公开.
func TitleOf(r *gongkai.Report) string {
	var b strings.Builder
	if r.Department != "" {
		b.WriteString(r.Department)
	} else {
		b.WriteString("未识别部门")
	}
	if r.Year > 0 {
		b.WriteString(strconv.Itoa(r.Year))
		b.WriteString("年")
	}
	switch r.Kind {
	case gongkai.Budget:
		b.WriteString("部门预算公开")
	case gongkai.Final:
		b.WriteString("部门决算公开")
	default:
		b.WriteString("预决算公开")
	}
	return b.String()
}
