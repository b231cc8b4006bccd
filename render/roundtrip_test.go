package render

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai"
	"gongkai/importer"
)

var update = flag.Bool("update", false, "rewrite the golden files of the PDF round trip instead of comparing with them")

// legitimate drops the differences a rendered file cannot avoid, and says
// why:
//
//   - table.clipped-cell: the warning is about the source file's text
//     extraction ("341. 3" with a gap inside, in a plain-text seed); the
//     rendered file prints the figure as the report holds it (341.3), with
//     no gap, so nothing looks clipped any more.
func legitimate(d []string) []string {
	var out []string
	for _, s := range d {
		if strings.HasPrefix(s, "findings differ:") {
			var keep []string
			for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n")[1:] {
				if !strings.Contains(l, "table.clipped-cell/") {
					keep = append(keep, l)
				}
			}
			if len(keep) == 0 {
				continue
			}
			s = "findings differ:\n" + strings.Join(keep, "\n") + "\n"
		}
		out = append(out, s)
	}
	return out
}

type renderFunc func(tb testing.TB, r *gongkai.Report) []byte

func renderHTML(tb testing.TB, r *gongkai.Report) []byte {
	b, err := HTML(r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func renderXLSX(tb testing.TB, r *gongkai.Report) []byte {
	b, err := XLSX(r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

var testPrinter = NewPrinter("")

// renderPDF writes the PDF as PDF does by default: the native writer.
func renderPDF(tb testing.TB, r *gongkai.Report) []byte {
	b, err := PDF(context.Background(), nil, r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// renderChromiumPDF prints the HTML page with Chromium.
func renderChromiumPDF(tb testing.TB, r *gongkai.Report) []byte {
	needChromium(tb)
	b, err := PDF(context.Background(), testPrinter, r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func reimport(tb testing.TB, name string, data []byte) *gongkai.Report {
	tb.Helper()
	r, err := importer.Import(context.Background(), name, data, importer.Options{})
	if err != nil {
		tb.Fatalf("re-import %s: %v", name, err)
	}
	return r
}

// checkEmbedded asserts the re-imported file carries the source report,
// intact, and that nothing differs from it beyond what limit allows.
func checkEmbedded(t *testing.T, src, got *gongkai.Report) {
	t.Helper()
	if got.Embedded == nil || !got.Embedded.Intact || got.Embedded.Report == nil {
		t.Fatalf("embedded report missing or not intact: %+v", got.Embedded)
	}
	if d := legitimate(diffReports(src, got.Embedded.Report)); len(d) > 0 {
		t.Errorf("embedded report differs from the source:\n%s", strings.Join(d, "\n"))
	}
}

// TestRoundTripHTML and TestRoundTripXLSX: the five seeds, rendered and
// imported again, give the same tables, claims and findings as the
// source.
func TestRoundTripHTML(t *testing.T) { roundTrip(t, "html", renderHTML) }
func TestRoundTripXLSX(t *testing.T) { roundTrip(t, "xlsx", renderXLSX) }

func roundTrip(t *testing.T, ext string, render renderFunc) {
	names, seeds := seeds(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			src := seeds[name]
			data := render(t, src)
			got := reimport(t, name+"."+ext, data)
			if d := legitimate(diffReports(src, got)); len(d) > 0 {
				t.Errorf("re-imported %s differs from the source:\n%s", ext, strings.Join(d, "\n"))
			}
			checkEmbedded(t, src, got)
			if fs := embeddedFindings(got); len(fs) > 0 {
				t.Errorf("untouched file has embedded.mismatch findings: %v", fs)
			}
		})
	}
}

// TestRoundTripGenerated: a report without source locations (as the
// generator makes them) survives HTML and XLSX exactly.
func TestRoundTripGenerated(t *testing.T) {
	src := bigReport(t, 400)
	for ext, render := range map[string]renderFunc{"html": renderHTML, "xlsx": renderXLSX} {
		got := reimport(t, "big."+ext, render(t, src))
		if d := legitimate(diffReports(src, got)); len(d) > 0 {
			t.Errorf("%s differs:\n%s", ext, strings.Join(d, "\n"))
		}
	}
}

// TestRoundTripPDF: the PDF of each seed (and of a small generated-like
// report), written by the default (native) writer and imported again. The
// embedded report must come back exactly; the visible text goes through
// pdftotext and pdfdoc's table reconstruction, and what differs is kept as
// golden files under testdata/pdf-roundtrip/: a change in them, better or
// worse, fails the test. Refresh them after a change to pdfdoc, extract or
// the writer with go test ./render -run RoundTripPDF -update. (The
// generated disclosures' PDFs must read back exactly:
// TestGeneratedRoundTrip.)
//
// Seeds 000, 002, 004 and the small report read back exactly. What is left
// is in free-text tables (绩效目标, 绩效自评), which no rule checks beyond
// prose.score, and comes from seeds that are extraction noise themselves
// (the native writer lays these pages out as Chromium prints them, and
// pdfdoc reads both alike, but for one more split row of 003's second
// 项目支出绩效自评表):
//
//   - 001 部门整体绩效目标申报表 (five pages): nine rows too many. In its
//     last column a cell of two or three lines is centred in a row whose
//     other cells have one line, so the cell's first line stands alone
//     above the row (a row gap above it, a wrapped-line gap below), and the
//     line under it carries "100%", which pdfdoc takes for the row's
//     figures. Reading it right needs the first line to hang over a row
//     whose line continues its cell; a first try at that rule did not
//     fix these rows and changed the corpus's 长沙 project tables.
//   - 003 项目支出绩效自评表 ×2: the seed's own OCR text ("60. 13 138. 60
//     55. 00", "11/1- 11/2011 -/", "5 5 5") is printed as it is. A wrapped
//     cell line made of such tokens reads as a row of figures, so those
//     rows split and the rows after them shift by one or two; the figures
//     themselves and prose.score@479 come back.
func TestRoundTripPDF(t *testing.T) {
	names, seeds := seeds(t)
	small := smallReport(t)
	// Names as departments write them (the hostile text of smallReport
	// wraps over three lines, which says nothing about the renderer).
	small.Tables[0].Rows[1].Name = "一般公共服务支出"
	small.Sections[0].Paragraphs[0].Text = "本部门负责统筹全市政务数据资源管理。"
	cases := map[string]*gongkai.Report{"small": small}
	order := []string{"small"}
	for _, n := range names {
		cases[n] = seeds[n]
		order = append(order, n)
	}
	for _, name := range order {
		t.Run(name, func(t *testing.T) {
			src := cases[name]
			got := reimport(t, name+".pdf", renderPDF(t, src))
			checkEmbedded(t, src, got)
			d := legitimate(diffReports(src, got))
			for _, f := range embeddedFindings(got) {
				d = append(d, "embedded.mismatch: "+f.Message)
			}
			text := strings.Join(d, "\n")
			if text != "" {
				text += "\n"
			}
			golden := filepath.Join("testdata", "pdf-roundtrip", strings.TrimSuffix(name, ".txt")+".diff")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./render -run RoundTripPDF -update)", err)
			}
			if string(want) != text {
				t.Errorf("PDF round trip of %s changed (go test ./render -run RoundTripPDF -update accepts it):\n%s",
					name, diffLines(strings.Split(string(want), "\n"), strings.Split(text, "\n")))
			}
		})
	}
}
