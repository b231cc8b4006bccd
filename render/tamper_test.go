package render

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/reportjson"
)

// Every rendered file edited by hand in one visible place is caught by
// rule embedded.mismatch, at that place; an altered seal is caught too.

// tamperSeed is the seed the edits are made in, and the figure changed:
// 预算05表 “2101501 行政运行” 合计 967.58 → 976.58.
const (
	tamperSeed = "001_69a066a523558f88.txt"
	tamperFrom = "967.58"
	tamperTo   = "976.58"
	tamperCode = "2101501"
)

// wantMismatch asserts a finding of embedded.mismatch about the changed
// figure, pointing at a visible location.
func wantMismatch(t *testing.T, r *gongkai.Report, from, to string) {
	t.Helper()
	fs := embeddedFindings(r)
	for _, f := range fs {
		if strings.Contains(f.Message, "内嵌数据为"+from) && strings.Contains(f.Message, "公开文本为"+to) {
			if f.Loc.Line == 0 || f.Severity != gongkai.Error {
				t.Errorf("finding without a location or not an error: %+v", f)
			}
			return
		}
	}
	t.Errorf("edit %s → %s not caught; embedded.mismatch found %d:\n%v", from, to, len(fs), fs)
}

// wantBrokenSeal asserts the finding of an altered seal.
func wantBrokenSeal(t *testing.T, r *gongkai.Report) {
	t.Helper()
	if r.Embedded == nil || r.Embedded.Intact {
		t.Fatalf("embedded data reads as intact: %+v", r.Embedded)
	}
	for _, f := range embeddedFindings(r) {
		if strings.Contains(f.Message, "校验值") || strings.Contains(f.Message, "无法读取") {
			return
		}
	}
	t.Errorf("altered seal not reported: %v", embeddedFindings(r))
}

// tamperSealed changes one figure inside the sealed data, keeping it valid
// JSON and keeping the recorded hash.
func tamperSealed(t *testing.T, sealed []byte) []byte {
	t.Helper()
	// 967.58 万元 is 967580000 分.
	out := bytes.Replace(sealed, []byte(`"fen":967580000`), []byte(`"fen":967580001`), 1)
	if bytes.Equal(out, sealed) {
		t.Fatal("figure not found in the sealed data")
	}
	if !json.Valid(out) {
		t.Fatal("tampered data is not JSON")
	}
	return out
}

func tamperSource(t *testing.T) *gongkai.Report {
	_, m := seeds(t)
	r := m[tamperSeed]
	if r == nil {
		t.Fatalf("seed %s missing", tamperSeed)
	}
	return r
}

func TestTamperHTML(t *testing.T) {
	src := tamperSource(t)
	page := renderHTML(t, src)
	// A figure in a table cell.
	edited := bytes.Replace(page, []byte(">"+tamperFrom+"</td>"), []byte(">"+tamperTo+"</td>"), 1)
	if bytes.Equal(edited, page) {
		t.Fatal("figure not found in the page")
	}
	wantMismatch(t, reimport(t, "edited.html", edited), tamperFrom, tamperTo)

	// A figure in the prose: "基本支出 1427.20 万元" → 1472.20.
	edited = bytes.Replace(page, []byte("基本支出 1427.20 万元"), []byte("基本支出 1472.20 万元"), 1)
	if bytes.Equal(edited, page) {
		t.Fatal("prose figure not found in the page")
	}
	wantMismatch(t, reimport(t, "edited.html", edited), "1427.20万元", "1472.20万元")

	// The embedded data altered, the hash left as it was.
	sealed, _ := reportjson.Seal(src)
	i := bytes.Index(page, sealed)
	if i < 0 {
		t.Fatal("sealed report not found in the page")
	}
	edited = append(append(append([]byte(nil), page[:i]...), tamperSealed(t, sealed)...), page[i+len(sealed):]...)
	wantBrokenSeal(t, reimport(t, "edited.html", edited))
}

func TestTamperXLSX(t *testing.T) {
	src := tamperSource(t)
	book := renderXLSX(t, src)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	// Find the row of 2101501 in 预算05表 and change its first amount.
	rows, err := f.GetRows("预算05表")
	if err != nil {
		t.Fatal(err)
	}
	done := false
	for i, row := range rows {
		if len(row) > 2 && row[0] == tamperCode {
			cell, _ := excelize.CoordinatesToCellName(3, i+1)
			if err := f.SetCellFloat("预算05表", cell, 976.58, 2, 64); err != nil {
				t.Fatal(err)
			}
			done = true
			break
		}
	}
	if !done {
		t.Fatal("row not found in the sheet")
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wantMismatch(t, reimport(t, "edited.xlsx", buf.Bytes()), tamperFrom, tamperTo)

	// The packed data altered.
	f, _ = excelize.OpenReader(bytes.NewReader(book))
	a1, _ := f.GetCellValue(ReportSheet, "A1")
	if !strings.HasPrefix(a1, reportjson.PackedPrefix) {
		t.Fatalf("A1 is not packed data: %.40q", a1)
	}
	sealed, _ := reportjson.Seal(src)
	if err := f.SetCellStr(ReportSheet, "A1", reportjson.Pack(tamperSealed(t, sealed))); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	f.Write(&buf)
	f.Close()
	wantBrokenSeal(t, reimport(t, "edited.xlsx", buf.Bytes()))
}

func TestTamperPDF(t *testing.T) {
	needChromium(t)
	src := tamperSource(t)
	sealed, _ := reportjson.Seal(src)
	page, err := htmlWithSeal(src, sealed)
	if err != nil {
		t.Fatal(err)
	}
	// The visible figure changed, printed again, the original data
	// attached: what editing the PDF's text would give.
	edited := bytes.Replace(page, []byte(">"+tamperFrom+"</td>"), []byte(">"+tamperTo+"</td>"), 1)
	pdf, err := testPrinter.PDF(context.Background(), edited)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err = Attach(pdf, AttachmentName, sealed)
	if err != nil {
		t.Fatal(err)
	}
	wantMismatch(t, reimport(t, "edited.pdf", pdf), tamperFrom, tamperTo)

	// The attachment altered.
	orig, err := testPrinter.PDF(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err = Attach(orig, AttachmentName, tamperSealed(t, sealed))
	if err != nil {
		t.Fatal(err)
	}
	wantBrokenSeal(t, reimport(t, "edited.pdf", pdf))

	// An attachment that is not a report at all.
	pdf, _ = Attach(orig, AttachmentName, []byte("not json"))
	r := reimport(t, "edited.pdf", pdf)
	wantBrokenSeal(t, r)
}
