package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gongkai"
	"gongkai/check"
)

// knownGaps are the cases of injected mistake the rules of package check
// are known to miss; misses of these are logged, any other miss fails.
// None today: the last gaps (a share in a "其中" paragraph whose whole is
// the paragraph before, and class shares of 一般公共预算 in final accounts)
// are found since the claims reader carries the whole across paragraphs and
// 一般公共预算 is read as a fund, not a stage.
var knownGaps = map[string]bool{}

// TestRecall writes a small corpus (200 departments × 2 years, budgets
// and final accounts) and checks that every injected mistake is found and
// no clean document gets an error. The same measurement on 10,000 × 5 is
// `gongkai synth verify` (see BENCHMARKS.md).
func TestRecall(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 40
	}
	dir := t.TempDir()
	ctx := context.Background()
	sum, err := Write(ctx, dir, Options{Departments: n, Years: 2, Kinds: []gongkai.Kind{gongkai.Budget, gongkai.Final},
		MistakeRate: 0.25, PerShard: 50})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != n*2*2 || sum.Mistakes < n/2 {
		t.Fatalf("%d documents, %d mistakes", sum.Documents, sum.Mistakes)
	}
	for _, mt := range MistakeTypes {
		if sum.ByType[mt.Type] == 0 {
			t.Errorf("no mistake of type %s was injected", mt.Type)
		}
	}
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Verify(ctx, c, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.WriteText(&out)
	t.Log("\n" + out.String())
	if res.CleanWithErrors > 0 {
		t.Errorf("%d clean documents got errors (false positives)", res.CleanWithErrors)
	}
	for typ, tc := range res.ByType {
		if tc.Found < tc.Injected && !knownGaps[typ] {
			t.Errorf("%s: %d of %d found", typ, tc.Found, tc.Injected)
		}
	}
	ms, _ := c.Manifest()
	for _, m := range ms {
		if m.Department == "" || m.Key == "" || m.Shard == "" || len(m.Rules) == 0 || m.Detail == "" {
			t.Errorf("incomplete manifest entry: %+v", m)
		}
	}
}

// TestClean checks that a corpus without mistakes gives no finding at
// all, not even a rounding note or a warning, in any year or kind.
func TestClean(t *testing.T) {
	opt := Options{Departments: 60, Years: 3, Kinds: []gongkai.Kind{gongkai.Budget, gongkai.Final}, MistakeRate: -1}
	var rs []*gongkai.Report
	for i := 0; i < opt.Departments; i++ {
		docs, ms, err := Department(i, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 0 || len(docs) != 6 {
			t.Fatalf("department %d: %d documents, %d mistakes", i, len(docs), len(ms))
		}
		rs = append(rs, docs...)
	}
	for _, r := range rs {
		for _, f := range check.Run(r, check.Options{}) {
			t.Errorf("%s %d %s: %s %s line %d: %s", r.Department, r.Year, r.Kind, f.Severity, f.Rule, f.Line, f.Message)
		}
	}
	kinds := map[gongkai.TableKind]bool{}
	for _, r := range rs {
		for _, tb := range r.Tables {
			if tb.HasRole(gongkai.RPrior) {
				kinds[tb.Kind] = true
			}
		}
	}
	if !kinds[gongkai.TThreeCosts] || !kinds[gongkai.TGeneralFunction] {
		t.Errorf("no 上年数 columns were printed: %v", kinds)
	}
}

// TestDeterministic checks that a corpus depends on its options alone:
// not on the number of workers, and its clean documents not on the
// mistake rate.
func TestDeterministic(t *testing.T) {
	ctx := context.Background()
	a, b := t.TempDir(), t.TempDir()
	if _, err := Write(ctx, a, Options{Departments: 30, Years: 2, Workers: 1, PerShard: 7}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(ctx, b, Options{Departments: 30, Years: 2, Workers: 4, PerShard: 7}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"manifest.jsonl", "reports-0000.jsonl", "reports-0004.jsonl"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between 1 and 4 workers", name)
		}
	}
	clean, _, _ := Department(5, Options{Years: 3, MistakeRate: -1})
	dirty, ms, _ := Department(5, Options{Years: 3, MistakeRate: 1})
	if len(ms) != 3 {
		t.Fatalf("rate 1 gave %d mistakes", len(ms))
	}
	for i := range clean {
		if ms[i].Type == TypeYoY || ms[i].Type == TypePriorColumn {
			continue
		}
		// Only the mutated part differs: the tables not touched by a
		// prose mistake are the same.
		if strings.HasPrefix(ms[i].Type, "p") && !reflect.DeepEqual(clean[i].Tables, dirty[i].Tables) {
			t.Errorf("year %d: a prose mistake changed the tables", clean[i].Year)
		}
	}
	x, _ := json.Marshal(clean[0].Sections[0])
	y, _ := json.Marshal(dirty[0].Sections[0])
	if !bytes.Equal(x, y) {
		t.Errorf("the mistake rate changed the clean parts of a document")
	}
}
