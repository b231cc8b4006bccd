package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai"
	"gongkai/budget"
	"gongkai/check"
	"gongkai/generate"
)

// generatedReports are disclosures made by the generator: the bundled
// example department's budget (YAML), and the seeds whose tables hold the
// data to rebuild them (002, a budget; 003, final accounts), regenerated
// through budget.FromReport.
func generatedReports(t *testing.T) ([]string, map[string]*gongkai.Report) {
	t.Helper()
	out := map[string]*gongkai.Report{}
	var names []string
	data, err := os.ReadFile(filepath.Join("..", "examples", "qingshan-data-2025-budget.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := budget.ReadYAML("qingshan-data-2025-budget.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	add := func(name string, d *budget.Data) {
		r, err := generate.Report(d)
		if err != nil {
			t.Fatalf("%s: generate: %v", name, err)
		}
		names = append(names, name)
		out[name] = r
	}
	add("example", d)
	seedNames, seeds := seeds(t)
	for _, n := range seedNames {
		if !strings.HasPrefix(n, "002_") && !strings.HasPrefix(n, "003_") {
			continue
		}
		d, err := budget.FromReport(seeds[n])
		if err != nil {
			t.Fatalf("%s: budget.FromReport: %v", n, err)
		}
		add("regenerated-"+n[:3], d)
	}
	if len(names) != 3 {
		t.Fatalf("want the example and seeds 002 and 003, have %v", names)
	}
	return names, out
}

// TestGeneratedRoundTrip: every generated disclosure has no findings, and
// its HTML, XLSX and PDF, imported again, give the same tables, claims and
// (no) findings, with the embedded report intact and agreeing with the
// visible text. The PDFs (the native writer's, and the HTML page printed
// by Chromium) are read back from their printed text (pdftotext and
// pdfdoc's table reconstruction), so this also checks that what render
// prints can be read; it needs Debian's chromium and fails without it.
func TestGeneratedRoundTrip(t *testing.T) {
	names, reports := generatedReports(t)
	for _, name := range names {
		src := reports[name]
		if fs := check.Run(src, check.Options{}); len(fs) > 0 {
			t.Errorf("%s: generated report has findings: %v", name, fs)
		}
		for ext, render := range map[string]renderFunc{"html": renderHTML, "xlsx": renderXLSX, "pdf": renderPDF, "chromium.pdf": renderChromiumPDF} {
			t.Run(name+"."+ext, func(t *testing.T) {
				got := reimport(t, name+"."+ext, render(t, src))
				if d := diffReports(src, got); len(d) > 0 {
					t.Errorf("re-imported %s differs from the generated report:\n%s", ext, strings.Join(d, "\n"))
				}
				checkEmbedded(t, src, got)
				if fs := check.Run(got, check.Options{}); len(fs) > 0 {
					t.Errorf("re-imported %s has findings: %v", ext, fs)
				}
			})
		}
	}
}
