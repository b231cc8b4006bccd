package compare

import (
	"bytes"
	"math"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/store"
	"gongkai/synth"
)

func prose(text string) *gongkai.Report {
	return &gongkai.Report{Sections: []*gongkai.Section{{Paragraphs: []*gongkai.Paragraph{{Text: text}}}}}
}

func TestStaffOf(t *testing.T) {
	for _, tt := range []struct {
		text          string
		actual, quota int
	}{
		// The seeds' phrasings.
		{"在职人员编制38人,其中:行政编制11人,工勤人员编制2人,事业编制25人。在职实有38人,其中:财政全额保障38人。", 38, 38},
		{"赤壁市医疗保障局核定行政编制 9 人，事业编制 72 人。其中现有在岗有编人数 79 人，退休人员 6 人，其他人员 26 人。", 79, 81},
		// The generator's.
		{"本部门核定行政编制28人，事业编制36人；实有人数61人，退休人员9人。", 61, 64},
		{"本部门行政编制１２人。", 0, 12},
		{"编制2024年部门预算单位共1个。公务用车编制1辆，实有车辆1辆。", 0, 0},
		{"本部门实有人员为１５人。", 15, 0},
	} {
		s := StaffOf(prose(tt.text))
		if s.Actual != tt.actual || s.Quota != tt.quota {
			t.Errorf("%s: got actual %d quota %d (%q), want %d %d", tt.text, s.Actual, s.Quota, s.Text, tt.actual, tt.quota)
		}
	}
	if (Staff{Quota: 5}).Count() != 5 || (Staff{Actual: 3, Quota: 5}).Count() != 3 {
		t.Error("Count")
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{"一般公共服务支出": "一般公共服务支出", "一、一般公共服务支出": "一般公共服务支出",
		"（二）教育 支出": "教育支出", "3.住房保障支出": "住房保障支出", "十一、其他支出": "其他支出"} {
		if got := store.CleanName(in); got != want {
			t.Errorf("store.CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func corpus(t *testing.T, n, years int) []*gongkai.Report {
	t.Helper()
	var rs []*gongkai.Report
	for i := 0; i < n; i++ {
		docs, _, err := synth.Department(i, synth.Options{Years: years, MistakeRate: -1,
			Kinds: []gongkai.Kind{gongkai.Budget, gongkai.Final}})
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, docs...)
	}
	return rs
}

// TestConsolidate checks the sums against the tables themselves: each 类
// sum is the sum of the departments' 类 rows, and the 类 sums of a year
// add up to the departments' total expenditure.
func TestConsolidate(t *testing.T) {
	rs := corpus(t, 30, 2)
	var fs []*Facts
	for _, r := range rs {
		fs = append(fs, FactsOf(r))
	}
	c := Consolidate(fs)
	if len(c.Years) != 2 || len(c.Kinds) != 2 || c.Documents[YearKind(2021, gongkai.Budget)] != 30 {
		t.Fatalf("years %v kinds %v documents %v", c.Years, c.Kinds, c.Documents)
	}
	want := map[string]int64{}
	totals := map[string]int64{}
	for _, r := range rs {
		tb := r.Table(gongkai.TExpenditure)
		for _, row := range tb.Rows {
			if len(row.Code) == 3 {
				m, _ := row.Value(gongkai.RTotal)
				want[YearKind(r.Year, r.Kind)+"|"+row.Code] += m.Fen
			}
			if row.Item == gongkai.ITotal {
				m, _ := row.Value(gongkai.RTotal)
				totals[YearKind(r.Year, r.Kind)] += m.Fen
			}
		}
	}
	got := map[string]int64{}
	classTotals := map[string]int64{}
	for _, s := range c.Level(Function, 3) {
		got[YearKind(s.Year, s.Kind)+"|"+s.Code] = s.Total
		classTotals[YearKind(s.Year, s.Kind)] += s.Total
		if s.A+s.B != s.Total {
			t.Errorf("%d %s %s: basic %d + project %d ≠ total %d", s.Year, s.Kind, s.Code, s.A, s.B, s.Total)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d class sums, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %d, want %d", k, got[k], v)
		}
	}
	for k, v := range totals {
		if classTotals[k] != v {
			t.Errorf("%s: classes add up to %d, the departments spend %d", k, classTotals[k], v)
		}
	}
	// The 类 sums of ClassesByYear are the same.
	cy := ClassesByYear(fs)
	if len(cy) != len(want) {
		t.Fatalf("ClassesByYear: %d sums", len(cy))
	}
	for _, s := range cy {
		if got[YearKind(s.Year, s.Kind)+"|"+s.Code] != s.Total {
			t.Errorf("ClassesByYear %v differs", s)
		}
	}
	// Economic lines: personnel + public = total at every level.
	for _, s := range c.Economic {
		if s.A+s.B != s.Total {
			t.Errorf("economic %d %s %s: %d + %d ≠ %d", s.Year, s.Kind, s.Code, s.A, s.B, s.Total)
		}
	}
	for _, f := range fs {
		if f.Staff.Actual == 0 || f.Figures.ThreeCosts == nil || f.Figures.Expenditure == nil || f.FunctionTable != gongkai.TExpenditure {
			t.Fatalf("facts of %s %d: %+v", f.Department, f.Year, f)
		}
	}
}

func fen(v int64) *int64 { return &v }

func TestRatios(t *testing.T) {
	var fs []*Facts
	// Ten departments: "三公" per staff 1000, 1100, … 1900 元; the last one 9000.
	for i := 0; i < 10; i++ {
		per := int64(1000 + 100*i)
		if i == 9 {
			per = 9000
		}
		fs = append(fs, &Facts{Department: "局" + strconv.Itoa(i), Year: 2024, Kind: gongkai.Budget, Staff: Staff{Actual: 10},
			Figures: Figures{ThreeCosts: fen(per * 10 * 100), Basic: fen(800), Project: fen(200), Personnel: fen(600), Public: fen(400)}})
	}
	fs = append(fs, &Facts{Department: "无人数局", Year: 2024, Kind: gongkai.Budget, Figures: Figures{ThreeCosts: fen(1)}})
	rep := RatiosFor(fs, Options{})
	var st *Stats
	for i := range rep.Stats {
		if rep.Stats[i].Ratio == ThreeCostsPerStaff {
			st = &rep.Stats[i]
		}
	}
	if st == nil || st.N != 10 || st.Median != 1450 || st.MAD != 250 || st.Outliers != 1 {
		t.Fatalf("stats: %+v", st)
	}
	last := rep.Depts[9]
	if o := last.Outliers[ThreeCostsPerStaff]; o == nil || o.Value != 9000 || math.Abs(o.Score-30.2) > 0.01 {
		t.Errorf("outlier: %+v", last.Outliers)
	}
	if len(rep.Depts[0].Outliers) != 0 {
		t.Errorf("a typical department is flagged: %+v", rep.Depts[0].Outliers)
	}
	if _, ok := rep.Depts[10].Values[ThreeCostsPerStaff]; ok {
		t.Error("a department without staff count has a per-staff value")
	}
	if v := rep.Depts[0].Values[ProjectShare]; v != 20 {
		t.Errorf("project share %v", v)
	}
	if v := rep.Depts[0].Values[PersonnelShare]; v != 60 {
		t.Errorf("personnel share %v", v)
	}
	// Equal values: MAD 0, nothing flagged.
	for _, s := range rep.Stats {
		if s.Ratio == ProjectShare && (s.MAD != 0 || s.Outliers != 0) {
			t.Errorf("equal shares: %+v", s)
		}
	}
}

func TestRunAndXLSX(t *testing.T) {
	var rs []*gongkai.Report
	for i := 0; i < 12; i++ {
		docs, _, err := synth.Department(i, synth.Options{Years: 3, MistakeRate: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, docs...)
	}
	res := Run(rs, Options{})
	if len(res.Series) == 0 {
		t.Error("no series finding in a set with injected year-on-year mistakes")
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, res); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"类×年度", "功能分类汇总", "经济分类汇总", "部门指标", "指标统计", "跨年检查"}
	if got := f.GetSheetList(); len(got) != len(want) || got[0] != want[0] || got[5] != want[5] {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	rows, err := f.GetRows("类×年度")
	if err != nil || len(rows) < 3 || rows[0][2] != "2021年预算（万元）" || rows[1][0] != "201" {
		t.Fatalf("pivot: %v %v", rows, err)
	}
	// The 合计 row equals the sum of the departments' 类 rows (their 合计
	// rows may carry an injected mistake).
	var total int64
	for _, r := range rs {
		if r.Year != 2021 {
			continue
		}
		for _, row := range r.Table(gongkai.TExpenditure).Rows {
			if len(row.Code) == 3 {
				m, _ := row.Value(gongkai.RTotal)
				total += m.Fen
			}
		}
	}
	sumRow := rows[len(rows)-2]
	if sumRow[1] != "合计" || sumRow[2] != gongkai.FormatThousands(total, gongkai.WanYuan, 2) {
		t.Errorf("合计 row %v, want %s", sumRow, gongkai.FormatThousands(total, gongkai.WanYuan, 2))
	}
}

// naiveSums adds up lines with a map, the obvious way.
func naiveSums(fs []*Facts, digits int, economic bool) map[string]Sum {
	out := map[string]Sum{}
	for _, f := range fs {
		ls := f.Function
		if economic {
			ls = f.Economic
		}
		for _, l := range ls {
			if digits != 0 && len(l.Code) != digits {
				continue
			}
			k := YearKind(f.Year, f.Kind) + "|" + l.Code
			s, ok := out[k]
			if !ok {
				s = Sum{Year: f.Year, Kind: f.Kind, Code: l.Code, Name: l.Name}
			}
			s.Departments++
			s.Total += l.Total
			s.A += l.A
			s.B += l.B
			out[k] = s
		}
	}
	return out
}

// TestSet checks the column store against the obvious sums, on a set
// large enough to be added up in parallel, and after a save and a read.
func TestSet(t *testing.T) {
	var fs []*Facts
	for i := 0; i < 3000; i++ {
		f := &Facts{Department: "局" + strconv.Itoa(i%700), Year: 2020 + i%4, Kind: []gongkai.Kind{gongkai.Budget, gongkai.Final}[i%2]}
		for j := 0; j < 80; j++ {
			code := strconv.Itoa(201 + j%13)
			if j%3 == 1 {
				code += "0" + strconv.Itoa(1+j%7)
			} else if j%3 == 2 {
				code += "0" + strconv.Itoa(1+j%7) + "0" + strconv.Itoa(1+j%5)
			}
			name := "名称" + code
			if i%11 == 0 {
				name = "别名" + code // a name that changes: the first one seen is kept
			}
			f.Function = append(f.Function, Line{Code: code, Name: name, Total: int64(i*j + 7), A: int64(i), B: int64(j)})
		}
		f.Economic = []Line{{Code: "301", Name: "工资福利支出", Total: int64(i), A: int64(i)}}
		fs = append(fs, f)
	}
	s := NewSet(fs...)
	if fn, _ := s.Lines(); fn != 240_000 {
		t.Fatalf("%d function lines", fn)
	}
	check := func(name string, got []Sum, want map[string]Sum) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d sums, want %d", name, len(got), len(want))
		}
		for i, g := range got {
			if w := want[YearKind(g.Year, g.Kind)+"|"+g.Code]; g != w {
				t.Fatalf("%s: %+v, want %+v", name, g, w)
			}
			if i > 0 && !(got[i-1].Year < g.Year || got[i-1].Year == g.Year && (got[i-1].Kind < g.Kind ||
				got[i-1].Kind == g.Kind && got[i-1].Code < g.Code)) {
				t.Fatalf("%s: out of order at %d", name, i)
			}
		}
	}
	check("classes", s.ClassesByYear(), naiveSums(fs, 3, false))
	c := s.Consolidate()
	check("function", c.Function, naiveSums(fs, 0, false))
	check("economic", c.Economic, naiveSums(fs, 0, true))
	var buf bytes.Buffer
	if _, err := s.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	s2, err := ReadSet(&buf)
	if err != nil {
		t.Fatal(err)
	}
	check("read back", s2.Consolidate().Function, naiveSums(fs, 0, false))
	if s2.Len() != 3000 || s2.Docs()[5].Department != fs[5].Department || s2.Docs()[5].Function != nil {
		t.Errorf("docs after a read: %d, %+v", s2.Len(), s2.Docs()[5])
	}
	s2.Add(fs[0])
	if s2.Len() != 3001 {
		t.Error("a read set does not take more")
	}
	if _, err := ReadSet(bytes.NewReader([]byte("nonsense"))); err == nil {
		t.Error("nonsense read as a set")
	}
}
