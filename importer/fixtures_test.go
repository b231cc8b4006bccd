package importer_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai/check"
	"gongkai/doc"
	"gongkai/importer"
	"gongkai/textdoc"
)

var updateFixtures = flag.Bool("update", false, "rewrite testdata/formats from examples/ (needs LibreOffice)")

const example = "../examples/qingshan-data-2025-budget.txt"

// toXLSX writes a text document as a workbook the way departments publish
// tables in Excel: the prose on a first sheet, one sheet per table with its
// title, number and unit lines above the grid.
func toXLSX(d *doc.Document, path string) error {
	f := excelize.NewFile()
	defer f.Close()
	prose := "说明"
	f.SetSheetName("Sheet1", prose)
	row := 1
	sheet := 0
	var pending []string // title lines waiting for their table
	for _, b := range d.Blocks {
		if b.Grid == nil {
			pending = append(pending, b.Text)
			continue
		}
		// Lines right before a grid are its title, number and unit; earlier
		// ones are prose.
		split := len(pending)
		for split > 0 && len(pending)-split < 3 && textdoc.IsTitleLike(pending[split-1]) {
			split--
		}
		for _, t := range pending[:split] {
			f.SetCellStr(prose, fmt.Sprintf("A%d", row), t)
			row++
		}
		sheet++
		name := fmt.Sprintf("表%d", sheet)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		r := 1
		for _, t := range pending[split:] {
			f.SetCellStr(name, fmt.Sprintf("A%d", r), t)
			r++
		}
		pending = nil
		for i := range b.Grid.Rows {
			for j, c := range b.Grid.Texts(i) {
				cell, _ := excelize.CoordinatesToCellName(j+1, r)
				if n, ok := asNumber(c); ok {
					f.SetCellFloat(name, cell, n, 2, 64)
					style, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
					f.SetCellStyle(name, cell, cell, style)
				} else {
					f.SetCellStr(name, cell, c)
				}
			}
			r++
		}
	}
	for _, t := range pending {
		f.SetCellStr(prose, fmt.Sprintf("A%d", row), t)
		row++
	}
	return f.SaveAs(path)
}

func asNumber(s string) (float64, bool) {
	var v float64
	clean := ""
	for _, r := range s {
		if r != ',' {
			clean += string(r)
		}
	}
	if clean == "" {
		return 0, false
	}
	if _, err := fmt.Sscanf(clean, "%f", &v); err != nil || fmt.Sprintf("%.2f", v) != clean {
		return 0, false
	}
	return v, true
}

// TestFormatFixtures: the example disclosure as text, as an HTML page (our
// code), as a workbook (excelize) and as a Word document (LibreOffice from
// the HTML) imports to the same report: the same tables, claims and error
// findings. The fixtures are committed; -update rebuilds them (the PDF
// printed by LibreOffice from the same HTML is kept beside them for the
// PDF reader's tests).
func TestFormatFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "formats")
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	if *updateFixtures {
		d, err := textdoc.Read("qingshan.txt", data)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(dir, 0o755)
		htmlPath := filepath.Join(dir, "qingshan.html")
		if err := os.WriteFile(htmlPath, []byte(toHTML(d)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := toXLSX(d, filepath.Join(dir, "qingshan.xlsx")); err != nil {
			t.Fatal(err)
		}
		tmp := t.TempDir()
		out := soffice(t, htmlPath, "docx:MS Word 2007 XML", tmp)
		b, _ := os.ReadFile(out)
		os.WriteFile(filepath.Join(dir, "qingshan.docx"), b, 0o644)
		out = soffice(t, htmlPath, "pdf:writer_web_pdf_Export", tmp)
		b, _ = os.ReadFile(out)
		os.WriteFile(filepath.Join(dir, "qingshan.pdf"), b, 0o644)
	}
	ctx := context.Background()
	r, err := importer.Import(ctx, "qingshan.txt", data, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := essenceOf(r, check.Run(r, check.Options{}))
	for _, c := range []struct {
		file   string
		strict bool
	}{
		{"qingshan.html", true},
		{"qingshan.docx", true},
		{"qingshan.xlsx", true},
		{"qingshan.pdf", true},
	} {
		got, err := importer.ImportFile(ctx, filepath.Join(dir, c.file), importer.Options{})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		compareEssence(t, c.file, want, essenceOf(got, check.Run(got, check.Options{})), c.strict)
	}
}
