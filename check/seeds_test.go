package check_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gongkai"
	"gongkai/check"
	"gongkai/importer"
	"gongkai/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// goldenText describes a checked report for review: the facts, every table
// recognised, the summary and every finding.
func goldenText(r *gongkai.Report, fs []gongkai.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "department: %s\nyear: %d\nkind: %s\nunit: %s\nunits: %v\n", r.Department, r.Year, r.Kind, r.Unit, r.Units)
	b.WriteString("summary:")
	for _, q := range gongkai.SummaryQuantities {
		v := "null"
		if f := r.Summary.Field(q); *f != nil {
			v = (*f).Decimal() + string((*f).Unit)
		}
		fmt.Fprintf(&b, " %s=%s", q, v)
	}
	b.WriteString("\ntables:\n")
	for _, t := range r.Tables {
		var roles []string
		for _, c := range t.Columns {
			s := string(c.Role)
			if c.Side != "" {
				s = string(c.Side) + ":" + s
			}
			roles = append(roles, s)
		}
		fmt.Fprintf(&b, "  line %d  %s  %q  number=%q unit=%s rows=%d columns=[%s]", t.Loc.Line, t.Kind, t.Title, t.Number, t.Unit, len(t.Rows), strings.Join(roles, " "))
		if t.Note != "" {
			fmt.Fprintf(&b, " note=%q", t.Note)
		}
		b.WriteString("\n")
	}
	b.WriteString("findings:\n")
	for _, f := range fs {
		fmt.Fprintf(&b, "  %-7s %-20s line %d  %s | expected %s | found %s\n", f.Severity, f.Rule, f.Loc.Line, f.Message, f.Expected, f.Found)
	}
	return b.String()
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file missing (run go test -update): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", filepath.Base(path), diff(string(want), got))
	}
}

// diff prints the lines that differ, for a readable failure.
func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	inA := map[string]bool{}
	for _, l := range al {
		inA[l] = true
	}
	inB := map[string]bool{}
	for _, l := range bl {
		inB[l] = true
	}
	var out []string
	for _, l := range al {
		if !inB[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bl {
		if !inA[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func TestSeedsGolden(t *testing.T) {
	for _, f := range corpus.Files(t, "seeds", "*.txt") {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			r, err := importer.ImportFile(context.Background(), f, importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fs := check.Run(r, check.Options{})
			checkGolden(t, filepath.Join("testdata", "seeds", strings.TrimSuffix(name, ".txt")+".golden"), goldenText(r, fs))
		})
	}
}

// The facts each seed must yield (read off the documents by hand).
var seedFacts = map[string]struct {
	department string
	year       int
	kind       gongkai.Kind
	unit       gongkai.Unit
	tables     []gongkai.TableKind
	// errors lists every error-severity finding as "rule@line": the real
	// mistakes of the authors, found by recomputing with a calculator.
	errors []string
}{
	"000": {"保山市医疗保障局", 2024, gongkai.Budget, gongkai.Yuan, nil,
		[]string{"prose.parts@138", "prose.identity@144", "prose.parts@146"}},
	"001": {"赤壁市医疗保障局", 2023, gongkai.Budget, gongkai.WanYuan,
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TFiscalTotal, gongkai.TGeneralFunction, gongkai.TGeneralBasic,
			gongkai.TThreeCosts, gongkai.TGovFund, gongkai.TStateCapital, gongkai.TProcurement, gongkai.TDeptTargets},
		[]string{"prose.change@231"}},
	"002": {"重庆市南岸区医疗保障局", 2024, gongkai.Budget, gongkai.WanYuan,
		[]gongkai.TableKind{gongkai.TFiscalTotal, gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TThreeCosts,
			gongkai.TGovFund, gongkai.TTotal, gongkai.TExpenditure, gongkai.TDeptTargets,
			gongkai.TProjectTargets, gongkai.TProjectTargets, gongkai.TProjectTargets},
		[]string{"cross.quantity@96"}},
	"003": {"互助土族自治县医疗保障局", 2024, gongkai.Final, gongkai.WanYuan,
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TGovFund, gongkai.TStateCapital, gongkai.TThreeCosts,
			gongkai.TUnknown, gongkai.TOperatingCosts, gongkai.TProcurement, gongkai.TSelfEvaluation, gongkai.TSelfEvaluation},
		// The prose gives the 医疗服务与保障能力提升补助资金 project a self-evaluation
		// score of 100; its 绩效自评表 totals 95.
		[]string{"prose.score@479"}},
	"004": {"正定县医疗保障局", 2020, gongkai.Budget, gongkai.WanYuan,
		[]gongkai.TableKind{gongkai.TUnknown, gongkai.TDeptTargets, gongkai.TProcurement, gongkai.TAssets},
		[]string{"prose.parts@65", "prose.parts@65"}},
}

func TestSeedsFacts(t *testing.T) {
	for _, f := range corpus.Files(t, "seeds", "*.txt") {
		name := filepath.Base(f)
		want, ok := seedFacts[name[:3]]
		if !ok {
			t.Errorf("%s: no expected facts", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			r, err := importer.ImportFile(context.Background(), f, importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Department != want.department || r.Year != want.year || r.Kind != want.kind || r.Unit != want.unit {
				t.Errorf("got %s %d %s %s, want %s %d %s %s", r.Department, r.Year, r.Kind, r.Unit,
					want.department, want.year, want.kind, want.unit)
			}
			var kinds []gongkai.TableKind
			for _, tb := range r.Tables {
				kinds = append(kinds, tb.Kind)
			}
			if fmt.Sprint(kinds) != fmt.Sprint(want.tables) {
				t.Errorf("tables:\n got %v\nwant %v", kinds, want.tables)
			}
			var errs []string
			for _, fd := range check.Run(r, check.Options{}) {
				if fd.Severity == gongkai.Error {
					errs = append(errs, fmt.Sprintf("%s@%d", fd.Rule, fd.Loc.Line))
				}
			}
			sort.Strings(errs)
			w := append([]string(nil), want.errors...)
			sort.Strings(w)
			if fmt.Sprint(errs) != fmt.Sprint(w) {
				t.Errorf("error findings:\n got %v\nwant %v", errs, w)
			}
		})
	}
}

// Every seed's summary figures agree with what the document states.
func TestSeedsSummary(t *testing.T) {
	want := map[string]map[gongkai.Quantity]string{
		"000": {gongkai.QIncomeTotal: "6797101.67", gongkai.QExpenditureTotal: "6797101.67", gongkai.QBasic: "6271100.00",
			gongkai.QProject: "486001.67", gongkai.QThreeCosts: "50000.00", gongkai.QOperatingCosts: "717428.00", gongkai.QProcurement: "57400.00"},
		"001": {gongkai.QIncomeTotal: "1667.00", gongkai.QBasic: "1427.20", gongkai.QProject: "239.80", gongkai.QPersonnel: "1212.59",
			gongkai.QPublic: "214.61", gongkai.QThreeCosts: "6.32", gongkai.QOperatingCosts: "214.61"},
		"002": {gongkai.QIncomeTotal: "6708.11", gongkai.QExpenditureTotal: "6708.11", gongkai.QBasic: "764.14", gongkai.QProject: "5943.97",
			gongkai.QPersonnel: "625.16", gongkai.QPublic: "138.98", gongkai.QThreeCosts: "3.24", gongkai.QProcurement: "60.70"},
		"003": {gongkai.QIncomeTotal: "341.39", gongkai.QBasic: "101.80", gongkai.QProject: "239.59", gongkai.QPersonnel: "74.82",
			gongkai.QPublic: "26.98", gongkai.QThreeCosts: "2.10", gongkai.QOperatingCosts: "26.98", gongkai.QProcurement: "50.47"},
		"004": {gongkai.QIncomeTotal: "6932.24", gongkai.QBasic: "289.84", gongkai.QProject: "6642.40", gongkai.QPersonnel: "268.65",
			gongkai.QPublic: "21.19", gongkai.QThreeCosts: "1.14", gongkai.QOperatingCosts: "12.07"},
	}
	for _, f := range corpus.Files(t, "seeds", "*.txt") {
		name := filepath.Base(f)
		r, err := importer.ImportFile(context.Background(), f, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for q, v := range want[name[:3]] {
			got := "null"
			if p := r.Summary.Field(q); *p != nil {
				got = (*p).Decimal()
			}
			if got != v {
				t.Errorf("%s: %s = %s, want %s", name, q, got, v)
			}
		}
	}
}
