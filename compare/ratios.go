package compare

import (
	"math"
	"sort"
	"strconv"

	"gongkai"
	"gongkai/series"
)

// Ratio names a per-department indicator.
type Ratio string

// The indicators.
const (
	// ThreeCostsPerStaff is "三公"经费 ÷ staff, in 元 a person.
	ThreeCostsPerStaff Ratio = "three_costs_per_staff"
	// OperatingPerStaff is 机关运行经费 ÷ staff, in 元 a person.
	OperatingPerStaff Ratio = "operating_per_staff"
	// ProjectShare is 项目支出 ÷ (基本支出 + 项目支出), in percent.
	ProjectShare Ratio = "project_share"
	// PersonnelShare is 人员经费 ÷ (人员经费 + 公用经费), the share of pay in
	// basic spending, in percent.
	PersonnelShare Ratio = "personnel_share"
)

// Ratios lists the indicators in display order.
var Ratios = []Ratio{ThreeCostsPerStaff, OperatingPerStaff, ProjectShare, PersonnelShare}

// Name returns the Chinese name of r.
func (r Ratio) Name() string {
	switch r {
	case ThreeCostsPerStaff:
		return "人均“三公”经费（元）"
	case OperatingPerStaff:
		return "人均机关运行经费（元）"
	case ProjectShare:
		return "项目支出占比（%）"
	case PersonnelShare:
		return "人员经费占基本支出比重（%）"
	}
	return string(r)
}

// Options tune the comparison.
type Options struct {
	// K is the outlier threshold: a value farther from its group's median
	// than K × the median absolute deviation is an outlier. Default 3.
	K float64
}

func (o Options) k() float64 {
	if o.K <= 0 {
		return 3
	}
	return o.K
}

// DeptRatios are the indicators of one disclosure.
type DeptRatios struct {
	Key        string             `json:"key"`
	Department string             `json:"department"`
	Year       int                `json:"year"`
	Kind       gongkai.Kind       `json:"kind"`
	Staff      int                `json:"staff"`
	Values     map[Ratio]float64  `json:"values"`             // the indicators that can be computed
	Outliers   map[Ratio]*Outlier `json:"outliers,omitempty"` // the ones that stand out
}

// Outlier says how far an indicator is from its group's median.
type Outlier struct {
	Value  float64 `json:"value"`
	Median float64 `json:"median"`
	MAD    float64 `json:"mad"`
	// Score is |value − median| ÷ MAD.
	Score float64 `json:"score"`
}

// Stats describes an indicator over a group of disclosures (one year and
// kind).
type Stats struct {
	Ratio    Ratio        `json:"ratio"`
	Year     int          `json:"year"`
	Kind     gongkai.Kind `json:"kind"`
	N        int          `json:"n"` // disclosures with a value
	Median   float64      `json:"median"`
	MAD      float64      `json:"mad"` // median absolute deviation
	Low      float64      `json:"low"` // median − K × MAD
	High     float64      `json:"high"`
	Outliers int          `json:"outliers"`
}

// RatioReport holds the indicators of a set of disclosures.
type RatioReport struct {
	K     float64       `json:"k"`
	Depts []*DeptRatios `json:"departments"`
	Stats []Stats       `json:"stats"`
}

// RatiosOf computes the indicators of one disclosure.
func RatiosOf(f *Facts) *DeptRatios {
	d := &DeptRatios{Key: f.Key, Department: f.Department, Year: f.Year, Kind: f.Kind, Staff: f.Staff.Count(),
		Values: map[Ratio]float64{}}
	fig := f.Figures
	if d.Staff > 0 {
		if fig.ThreeCosts != nil {
			d.Values[ThreeCostsPerStaff] = float64(*fig.ThreeCosts) / 100 / float64(d.Staff)
		}
		if fig.OperatingCosts != nil {
			d.Values[OperatingPerStaff] = float64(*fig.OperatingCosts) / 100 / float64(d.Staff)
		}
	}
	if fig.Basic != nil && fig.Project != nil && *fig.Basic+*fig.Project > 0 {
		d.Values[ProjectShare] = 100 * float64(*fig.Project) / float64(*fig.Basic+*fig.Project)
	}
	if fig.Personnel != nil && fig.Public != nil && *fig.Personnel+*fig.Public > 0 {
		d.Values[PersonnelShare] = 100 * float64(*fig.Personnel) / float64(*fig.Personnel+*fig.Public)
	}
	return d
}

// RatiosFor computes the indicators of every disclosure, and for each
// year and kind their median, median absolute deviation (MAD) and
// outliers: values farther from the median than K × MAD. The MAD is not
// scaled (for normally distributed values 3 × MAD is about 2σ). When more
// than half the values are equal the MAD is 0 and nothing is flagged.
func RatiosFor(fs []*Facts, opt Options) *RatioReport {
	rep := &RatioReport{K: opt.k()}
	type group struct {
		year int
		kind gongkai.Kind
	}
	by := map[group][]*DeptRatios{}
	for _, f := range fs {
		d := RatiosOf(f)
		rep.Depts = append(rep.Depts, d)
		g := group{f.Year, f.Kind}
		by[g] = append(by[g], d)
	}
	var groups []group
	for g := range by {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool {
		if groups[i].year != groups[j].year {
			return groups[i].year < groups[j].year
		}
		return groups[i].kind < groups[j].kind
	})
	for _, g := range groups {
		ds := by[g]
		for _, ratio := range Ratios {
			var xs []float64
			for _, d := range ds {
				if v, ok := d.Values[ratio]; ok {
					xs = append(xs, v)
				}
			}
			if len(xs) == 0 {
				continue
			}
			med := median(xs)
			dev := make([]float64, len(xs))
			for i, x := range xs {
				dev[i] = math.Abs(x - med)
			}
			mad := median(dev)
			st := Stats{Ratio: ratio, Year: g.year, Kind: g.kind, N: len(xs), Median: med, MAD: mad,
				Low: med - rep.K*mad, High: med + rep.K*mad}
			if mad > 0 {
				for _, d := range ds {
					v, ok := d.Values[ratio]
					if !ok || math.Abs(v-med) <= rep.K*mad {
						continue
					}
					if d.Outliers == nil {
						d.Outliers = map[Ratio]*Outlier{}
					}
					d.Outliers[ratio] = &Outlier{Value: v, Median: med, MAD: mad, Score: math.Abs(v-med) / mad}
					st.Outliers++
				}
			}
			rep.Stats = append(rep.Stats, st)
		}
	}
	return rep
}

// median returns the median of xs (which it sorts).
func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// Result is a whole comparison of a set of disclosures.
type Result struct {
	Consolidation *Consolidation `json:"consolidation"`
	Ratios        *RatioReport   `json:"ratios"`
	// Series are the findings of the series rules, by the file of the
	// disclosure they are in, for the disclosures whose previous year is
	// in the set.
	Series map[string][]gongkai.Finding `json:"series,omitempty"`
}

// Run compares a set of disclosures: consolidation, indicators and the
// series rules between the years present.
func Run(rs []*gongkai.Report, opt Options) *Result {
	fs := make([]*Facts, len(rs))
	for i, r := range rs {
		fs[i] = FactsOf(r)
	}
	res := &Result{Consolidation: Consolidate(fs), Ratios: RatiosFor(fs, opt), Series: map[string][]gongkai.Finding{}}
	for r, found := range series.CheckAll(rs) {
		if len(found) == 0 {
			continue
		}
		name := r.File
		if name == "" {
			name = r.Department + " " + strconv.Itoa(r.Year) + r.Kind.Chinese()
		}
		res.Series[name] = append(res.Series[name], found...)
	}
	return res
}
