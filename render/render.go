// Package render writes a *gongkai.Report — imported from a published
// file or generated from budget data — as the files a department
// publishes:
//
//   - HTML: one self-contained page (inline styles, no external requests)
//     in the typography of official documents, with a print style sheet
//     for A4 (page breaks before tables, header rows repeated, running page
//     numbers, a table of contents), accessible tables and the report
//     itself embedded, sealed, for verification;
//   - PDF: the same layout on A4 pages, written by the native writer
//     (NativePDF, github.com/signintech/gopdf) or that page printed by
//     headless Chromium (Printer), with the sealed report attached as
//     gongkai-report.json;
//   - XLSX: one sheet per table in the official layout, the prose on a
//     first sheet, the sealed report on a hidden sheet;
//   - open data: a tidy CSV of every figure, a Frictionless datapackage.json
//     describing it, and the report as JSON (package reportjson).
//
// Every writer takes the report as it is: nothing is recomputed. Files
// written by gongkai can be imported again (package importer) and the
// embedded data compared with what they visibly say (rule
// embedded.mismatch).
package render

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gongkai"
	"gongkai/reportjson"
)

// The formats Write knows.
const (
	FormatHTML = "html"
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"  // name.csv, datapackage.json and name.json
	FormatJSON = "json" // name.json
)

// Formats lists every format, in the order Write writes them.
var Formats = []string{FormatHTML, FormatPDF, FormatXLSX, FormatCSV, FormatJSON}

// ErrFormat is returned by Write for a format it does not know.
var ErrFormat = errors.New("未知的输出格式")

// Write writes r into dir (created if needed) in each of the formats
// ("html", "pdf", "xlsx", "csv", "json"; nil means all) and returns the
// paths written, in that order:
//
//	dir/NAME.html  dir/NAME.pdf  dir/NAME.xlsx
//	dir/NAME.csv   dir/datapackage.json   dir/NAME.json   (csv)
//	dir/NAME.json                                          (json)
//
// NAME is the base name of r.File without its extension, or, for a report
// without a file, department-year-kind ("青山市数据资源局-2025-budget").
// The report JSON is reportjson.Marshal's plain form; the HTML, PDF and
// XLSX carry the sealed form.
//
// Each file is written to a temporary file in dir and renamed into place
// only when every format has been written, so an error leaves no file
// half-written and none of this call's files behind. PDFs are written by
// the native writer, or printed by DefaultPrinter (Chromium) when the
// environment says GONGKAI_PDF_RENDERER=chromium; ctx bounds the printing.
func Write(ctx context.Context, r *gongkai.Report, dir string, formats []string) ([]string, error) {
	if r == nil {
		return nil, errors.New("render: 没有报告")
	}
	want, err := parseFormats(formats)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("render: 无法创建目录 %s：%w", dir, err)
	}
	name := FileName(r)
	sealed, err := reportjson.Seal(r)
	if err != nil {
		return nil, err
	}
	type output struct {
		path string
		data []byte
	}
	var outs []output
	add := func(file string, data []byte) { outs = append(outs, output{filepath.Join(dir, file), data}) }
	var html []byte
	printer := writePrinter()
	if want[FormatHTML] || want[FormatPDF] && printer != nil {
		if html, err = htmlWithSeal(r, sealed); err != nil {
			return nil, err
		}
	}
	if want[FormatHTML] {
		add(name+".html", html)
	}
	if want[FormatPDF] {
		var pdf []byte
		if printer == nil {
			pdf, err = nativePDFWithSeal(r, sealed)
		} else {
			pdf, err = printer.PDF(ctx, html)
			if err == nil {
				pdf, err = Attach(pdf, AttachmentName, sealed)
			}
		}
		if err != nil {
			return nil, err
		}
		add(name+".pdf", pdf)
	}
	if want[FormatXLSX] {
		x, err := xlsxWithSeal(r, sealed)
		if err != nil {
			return nil, err
		}
		add(name+".xlsx", x)
	}
	if want[FormatCSV] {
		c, err := CSV(r)
		if err != nil {
			return nil, err
		}
		add(name+".csv", c)
		p, err := DataPackage(r, name)
		if err != nil {
			return nil, err
		}
		add("datapackage.json", p)
	}
	if want[FormatCSV] || want[FormatJSON] {
		j, err := reportjson.Marshal(r)
		if err != nil {
			return nil, err
		}
		add(name+".json", j)
	}
	// Write every file beside its target, then rename them all.
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, o := range outs {
		t, err := writeTemp(dir, filepath.Base(o.path), o.data)
		if err != nil {
			cleanup()
			return nil, err
		}
		temps = append(temps, t)
	}
	var done []string
	for i, o := range outs {
		if err := os.Rename(temps[i], o.path); err != nil {
			cleanup()
			for _, p := range done {
				os.Remove(p)
			}
			return nil, fmt.Errorf("render: 无法写入 %s：%w", o.path, err)
		}
		done = append(done, o.path)
	}
	return done, nil
}

// PDFRendererEnv names the environment variable that chooses how Write
// makes PDFs: unset or "native" for the native writer, "chromium" to
// print the HTML page with headless Chromium (DefaultPrinter).
const PDFRendererEnv = "GONGKAI_PDF_RENDERER"

// writePrinter is the printer Write prints PDFs with; nil for the native
// writer (tests replace it).
var writePrinter = func() *Printer {
	if os.Getenv(PDFRendererEnv) == "chromium" {
		return DefaultPrinter()
	}
	return nil
}

// parseFormats reads the format list; nil or empty means all.
func parseFormats(formats []string) (map[string]bool, error) {
	want := map[string]bool{}
	if len(formats) == 0 {
		formats = Formats
	}
	for _, f := range formats {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case FormatHTML, FormatPDF, FormatXLSX, FormatCSV, FormatJSON:
			want[f] = true
		case "":
		default:
			return nil, fmt.Errorf("%w %q（可用：%s）", ErrFormat, f, strings.Join(Formats, ", "))
		}
	}
	return want, nil
}

// FileName is the base name Write gives r's files: r.File without its
// directory and extension, else department-year-kind.
func FileName(r *gongkai.Report) string {
	base := ""
	if r.File != "" && !strings.Contains(r.File, " + ") {
		base = filepath.Base(r.File)
		base = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if base == "" || base == "." || base == string(filepath.Separator) {
		var parts []string
		if r.Department != "" {
			parts = append(parts, r.Department)
		}
		if r.Year > 0 {
			parts = append(parts, strconv.Itoa(r.Year))
		}
		parts = append(parts, string(r.Kind))
		base = strings.Join(parts, "-")
	}
	base = strings.Map(func(c rune) rune {
		if c < 0x20 || strings.ContainsRune(`/\:*?"<>|`, c) {
			return '_'
		}
		return c
	}, base)
	if base == "" || base == "-" {
		base = "report"
	}
	return base
}

// writeTemp writes data to a new temporary file in dir and syncs it.
func writeTemp(dir, name string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("render: 无法在 %s 中创建文件：%w", dir, err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("render: 无法写入 %s：%w", name, werr)
	}
	return f.Name(), nil
}
