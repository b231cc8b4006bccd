// Package compare consolidates and compares any set of disclosures: sums
// by function class (类/款/项) and economic class (类/款) by year, and per
// department ratios ("三公"经费 and 机关运行经费 per staff member, the
// project and personnel shares) with each year's median and the outliers.
//
// It works in two steps so that large sets stay small in memory: FactsOf
// reads from a report the few figures consolidation needs (a few KB, its
// tables and prose are not kept), and Consolidate and Ratios work on those
// facts. A web handler calls Run on the reports it has, or FactsOf as it
// reads them from a store and then Consolidate and Ratios; the command
// `gongkai compare` does the same over files, a store or a synthetic
// corpus, and WriteXLSX exports the result.
//
// Amounts are exact int64 分 throughout; only ratios are floating point.
package compare

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/width"

	"gongkai"
	"gongkai/series"
	"gongkai/store"
)

// Facts are what consolidation and comparison need of one disclosure.
type Facts struct {
	Key        string       `json:"key"` // series.Key: the department across years
	Department string       `json:"department"`
	Region     string       `json:"region,omitempty"`
	Year       int          `json:"year"`
	Kind       gongkai.Kind `json:"kind"`
	File       string       `json:"file,omitempty"`
	Staff      Staff        `json:"staff"`
	Figures    Figures      `json:"figures"`
	// Function holds the lines of the expenditure table by function class
	// (类, 款 and 项 rows as printed): the 部门支出总表 (all funds) when the
	// report has one, else the 一般公共预算支出表. FunctionTable says which.
	Function      []Line            `json:"function"`
	FunctionTable gongkai.TableKind `json:"function_table,omitempty"`
	// Economic holds the lines of the basic expenditure table by economic
	// class (类 and 款): 一般公共预算基本支出表, else 部门基本支出表.
	Economic      []Line            `json:"economic"`
	EconomicTable gongkai.TableKind `json:"economic_table,omitempty"`
}

// Line is one classification line of a table. For function lines A is
// 基本支出 and B 项目支出; for economic lines A is 人员经费 and B 公用经费.
// A part the table does not print is 0.
type Line struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Total int64  `json:"total"`
	A     int64  `json:"a,omitempty"`
	B     int64  `json:"b,omitempty"`
}

// Figures are the headline figures a report gives, in 分; a figure the
// report does not give is nil.
type Figures struct {
	Expenditure    *int64 `json:"expenditure,omitempty"`     // 本年支出合计
	Basic          *int64 `json:"basic,omitempty"`           // 基本支出
	Project        *int64 `json:"project,omitempty"`         // 项目支出
	Personnel      *int64 `json:"personnel,omitempty"`       // 人员经费 (一般公共预算基本支出)
	Public         *int64 `json:"public,omitempty"`          // 公用经费
	ThreeCosts     *int64 `json:"three_costs,omitempty"`     // "三公"经费
	OperatingCosts *int64 `json:"operating_costs,omitempty"` // 机关运行经费
}

// Staff is what the prose says of the department's people.
type Staff struct {
	// Actual is the number of staff on the payroll (实有人数, 在职实有,
	// 现有在岗有编人数 …); 0 when the prose does not say.
	Actual int `json:"actual,omitempty"`
	// Quota is the authorised establishment (编制), the sum of its kinds
	// (行政编制 + 事业编制 + 工勤编制) or the total stated.
	Quota int `json:"quota,omitempty"`
	// Text is the phrase the count was read from.
	Text string `json:"text,omitempty"`
}

// Count is the staff figure ratios divide by: the actual staff, else the
// establishment; 0 when unknown.
func (s Staff) Count() int {
	if s.Actual > 0 {
		return s.Actual
	}
	return s.Quota
}

// FactsOf reads the facts of a report.
func FactsOf(r *gongkai.Report) *Facts {
	f := &Facts{Key: series.Key(r), Department: r.Department, Region: store.RegionOf(r.Department),
		Year: r.Year, Kind: r.Kind, File: r.File}
	f.Staff = StaffOf(r)
	fig := func(q gongkai.Quantity) *int64 {
		if s, ok := r.ValueOf(q); ok {
			v := s.Value.Fen
			return &v
		}
		return nil
	}
	f.Figures = Figures{Expenditure: fig(gongkai.QExpendYear), Basic: fig(gongkai.QBasic), Project: fig(gongkai.QProject),
		Personnel: fig(gongkai.QPersonnel), Public: fig(gongkai.QPublic), ThreeCosts: fig(gongkai.QThreeCosts),
		OperatingCosts: fig(gongkai.QOperatingCosts)}
	if f.Figures.Expenditure == nil {
		// A budget's 收支总表 may only print 支出总计; the 支出表's 合计 is
		// this year's spending.
		if t := r.Table(gongkai.TExpenditure); t != nil {
			if row := t.Item(gongkai.ITotal, gongkai.NoSide); row != nil {
				if m, ok := row.Value(gongkai.RTotal); ok {
					v := m.Fen
					f.Figures.Expenditure = &v
				}
			}
		}
	}
	for _, k := range []gongkai.TableKind{gongkai.TExpenditure, gongkai.TGeneralFunction} {
		if t := r.Table(k); t != nil {
			if ls := lines(t, '2', gongkai.RBasic, gongkai.RProject); len(ls) > 0 {
				f.Function, f.FunctionTable = ls, k
				break
			}
		}
	}
	for _, k := range []gongkai.TableKind{gongkai.TGeneralBasic, gongkai.TBasicEconomic} {
		if t := r.Table(k); t != nil {
			if ls := lines(t, 'e', gongkai.RPersonnel, gongkai.RPublic); len(ls) > 0 {
				f.Economic, f.EconomicTable = ls, k
				break
			}
		}
	}
	return f
}

// lines returns the coded rows of a table: function codes (first digit 2)
// or economic ones (3 or 5), each code once.
func lines(t *gongkai.Table, class byte, a, b gongkai.Role) []Line {
	var out []Line
	seen := map[string]bool{}
	for _, row := range t.Rows {
		c := row.Code
		if n := len(c); n != 3 && n != 5 && n != 7 {
			continue
		}
		if class == '2' && c[0] != '2' || class == 'e' && (len(c) > 5 || c[0] != '3' && c[0] != '5') {
			continue
		}
		if seen[c] || row.Side == gongkai.IncomeSide {
			continue
		}
		total, ok := store.RowTotal(row)
		if !ok {
			continue
		}
		seen[c] = true
		l := Line{Code: intern(c), Name: intern(store.CleanName(row.Name)), Total: total}
		if m, ok := row.Value(a); ok {
			l.A = m.Fen
		}
		if m, ok := row.Value(b); ok {
			l.B = m.Fen
		}
		out = append(out, l)
	}
	return out
}

// interned keeps one copy of each code and name: a large set of facts
// repeats the same few thousand.
var interned sync.Map

func intern(s string) string {
	if v, ok := interned.Load(s); ok {
		return v.(string)
	}
	v, _ := interned.LoadOrStore(strings.Clone(s), strings.Clone(s))
	return v.(string)
}

// Staff phrases, read from the width-folded prose with blanks removed.
var (
	actualRE = regexp.MustCompile(`(?:在职)?(?:实有|现有|在编|在岗)(?:在岗)?(?:有编)?(?:人数|人员|在编人员|在职人员)?(?:为|共|共计|合计)?(\d+)(?:人|名)`)
	quotaRE  = regexp.MustCompile(`(行政|事业|工勤(?:人员)?|参公|参照公务员法管理(?:事业)?|机关工勤)?编制(?:数)?(?:为|共|共计|合计)?(\d+)(?:人|名)`)
)

// StaffOf reads the department's staff from the prose: "实有人数61人",
// "在职实有38人", "现有在岗有编人数79人", and the establishment
// "核定行政编制9人，事业编制72人" or "编制38人，其中：行政编制11人…".
func StaffOf(r *gongkai.Report) Staff {
	var s Staff
	for _, sec := range r.Sections {
		for _, p := range sec.Paragraphs {
			if !strings.Contains(p.Text, "人") && !strings.Contains(p.Text, "名") {
				continue
			}
			if !strings.Contains(p.Text, "编制") && !strings.Contains(p.Text, "实有") && !strings.Contains(p.Text, "在职") &&
				!strings.Contains(p.Text, "现有") && !strings.Contains(p.Text, "在编") && !strings.Contains(p.Text, "在岗") {
				continue
			}
			t := compact(p.Text)
			if s.Actual == 0 {
				if m := actualRE.FindStringSubmatch(t); m != nil {
					if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
						s.Actual = n
						s.Text = m[0]
					}
				}
			}
			if s.Quota == 0 {
				total, typed := 0, 0
				for _, m := range quotaRE.FindAllStringSubmatch(t, -1) {
					n, err := strconv.Atoi(m[2])
					if err != nil {
						continue
					}
					if m[1] == "" {
						if total == 0 {
							total = n
						}
					} else {
						typed += n
					}
				}
				if total > 0 {
					s.Quota = total
				} else {
					s.Quota = typed
				}
				if s.Quota > 0 && s.Text == "" {
					if m := quotaRE.FindString(t); m != "" {
						s.Text = m
					}
				}
			}
			if s.Actual > 0 && s.Quota > 0 {
				return s
			}
		}
	}
	return s
}

// compact folds full-width forms and removes blanks ("编制 9 人" → "编制9人").
func compact(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' || r == '\n' {
			return -1
		}
		return r
	}, s)
}
