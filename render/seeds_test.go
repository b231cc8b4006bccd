package render

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gongkai"
	"gongkai/importer"
	"gongkai/internal/corpus"
)

// seedReports imports the five seeds once per test binary.
var seedCache struct {
	sync.Mutex
	reports map[string]*gongkai.Report
	names   []string
}

// seeds returns the reports imported from the reference seeds, by file base
// name, in file order.
func seeds(tb testing.TB) ([]string, map[string]*gongkai.Report) {
	tb.Helper()
	seedCache.Lock()
	defer seedCache.Unlock()
	if seedCache.reports != nil {
		return seedCache.names, seedCache.reports
	}
	files := corpus.Files(tb, "seeds", "*.txt")
	m := map[string]*gongkai.Report{}
	var names []string
	for _, f := range files {
		r, err := importer.ImportFile(context.Background(), f, importer.Options{})
		if err != nil {
			tb.Fatalf("import %s: %v", f, err)
		}
		name := filepath.Base(f)
		m[name] = r
		names = append(names, name)
	}
	seedCache.reports, seedCache.names = m, names
	return names, m
}

// bigReport builds a department of about n table lines: seed 003 (a final
// account with every standard table) with the coded lines of its
// classification tables repeated under new codes, and no source locations,
// as a generated report has none.
func bigReport(tb testing.TB, n int) *gongkai.Report {
	tb.Helper()
	_, m := seeds(tb)
	src := m["003_2e4bf1e814f589dd.txt"]
	if src == nil {
		tb.Fatal("seed 003 missing")
	}
	r := cloneReport(src)
	count := func() int {
		c := 0
		for _, t := range r.Tables {
			c += len(t.Rows)
		}
		return c
	}
	for k := 1; count() < n; k++ {
		grew := false
		for _, t := range r.Tables {
			if !isFinancialKind(t.Kind) {
				continue
			}
			var extra []*gongkai.Row
			for _, row := range t.Rows {
				if len(row.Code) != 7 || count()+len(extra) >= n {
					continue
				}
				c := *row
				c.Code = fmt.Sprintf("%s%02d", row.Code[:5], (k*7+len(extra))%100)
				c.Name = fmt.Sprintf("%s（%d）", row.Name, k)
				c.Cells = append([]gongkai.Cell(nil), row.Cells...)
				extra = append(extra, &c)
			}
			if len(extra) > 0 {
				t.Rows = append(t.Rows, extra...)
				grew = true
			}
		}
		if !grew {
			tb.Fatal("bigReport: no coded lines to repeat")
		}
	}
	clearLocs(r)
	return r
}

func isFinancialKind(k gongkai.TableKind) bool {
	switch k {
	case gongkai.TIncome, gongkai.TExpenditure, gongkai.TGeneralFunction, gongkai.TGeneralBasic:
		return true
	}
	return false
}

// cloneReport copies a report deeply enough to change its tables.
func cloneReport(src *gongkai.Report) *gongkai.Report {
	r := *src
	r.Tables = nil
	for _, t := range src.Tables {
		c := *t
		c.Rows = nil
		for _, row := range t.Rows {
			rc := *row
			rc.Cells = append([]gongkai.Cell(nil), row.Cells...)
			c.Rows = append(c.Rows, &rc)
		}
		c.Columns = append([]gongkai.Column(nil), t.Columns...)
		r.Tables = append(r.Tables, &c)
	}
	r.Sections = nil
	for _, s := range src.Sections {
		c := *s
		c.Paragraphs = nil
		for _, p := range s.Paragraphs {
			pc := *p
			c.Paragraphs = append(c.Paragraphs, &pc)
		}
		r.Sections = append(r.Sections, &c)
	}
	r.Claims = nil
	for _, c := range src.Claims {
		cc := *c
		r.Claims = append(r.Claims, &cc)
	}
	return &r
}

// clearLocs removes every source location, as in a generated report.
func clearLocs(r *gongkai.Report) {
	r.Sources = nil
	for _, t := range r.Tables {
		t.Loc, t.NoteLoc = gongkai.Loc{}, gongkai.Loc{}
		for _, row := range t.Rows {
			row.Loc = gongkai.Loc{}
			for i := range row.Cells {
				row.Cells[i].Loc = gongkai.Loc{}
			}
		}
	}
	for _, s := range r.Sections {
		s.Loc = gongkai.Loc{}
		for _, p := range s.Paragraphs {
			p.Loc, p.Joins = gongkai.Loc{}, nil
		}
	}
	for _, c := range r.Claims {
		c.Loc = gongkai.Loc{}
	}
}

// TestMain stops the browsers the tests started.
func TestMain(m *testing.M) {
	code := m.Run()
	testPrinter.Close()
	DefaultPrinter().Close()
	os.Exit(code)
}
