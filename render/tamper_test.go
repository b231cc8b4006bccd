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

// TestEmbeddedMismatchRule exercises the rule on reports made by hand: a
// changed cell, a changed claim, a row only the data has, a table only the
// document has, and a changed department.
func TestEmbeddedMismatchRule(t *testing.T) {
	data := smallReport(t)
	data.Claims = []*gongkai.Claim{{Kind: gongkai.CAmount, Quantity: gongkai.QBasic, Subject: "基本支出",
		Value: money(t, "80.00", gongkai.WanYuan), Loc: gongkai.Loc{Line: 7}}}
	doc := cloneReport(data)
	doc.Embedded = &gongkai.Embedded{Report: data, Intact: true, SHA256: "x"}
	if fs := embeddedFindings(doc); len(fs) != 0 {
		t.Fatalf("identical reports: %v", fs)
	}
	row := doc.Tables[0].Rows[3]
	row.Cells = append([]gongkai.Cell(nil), row.Cells...)
	row.Cells[0].Money = money(t, "1234567.98", gongkai.WanYuan)
	row.Cells[0].Loc = gongkai.Loc{Line: 42}
	doc.Claims[0].Value = money(t, "81.00", gongkai.WanYuan)
	doc.Tables[0].Rows = doc.Tables[0].Rows[1:] // the 合计 row is gone
	extra := &gongkai.Table{Kind: gongkai.TThreeCosts, Title: "“三公”经费支出表", Loc: gongkai.Loc{Line: 90},
		Rows: []*gongkai.Row{{Name: "合计", Item: gongkai.IThreeTotal, Cells: []gongkai.Cell{{Role: gongkai.RBudget, Money: money(t, "3.00", gongkai.WanYuan)}}}}}
	doc.Tables = append(doc.Tables, extra)
	doc.Department = "白水市数据资源局"
	var msgs []string
	for _, f := range embeddedFindings(doc) {
		msgs = append(msgs, f.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"“2010301 行政运行”行“合计”内嵌数据为1234567.89，公开文本为1234567.98",
		"说明中“基本支出”的金额内嵌数据为80.00万元，公开文本为81.00万元",
		"内嵌数据中有预算05表《2025年一般公共预算支出表》“合计”行，公开文本中没有",
		"公开文本中有《“三公”经费支出表》，内嵌数据中没有",
		"部门名称内嵌数据为青山市数据资源局，公开文本为白水市数据资源局",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no finding %q in:\n%s", want, all)
		}
	}
	for _, f := range embeddedFindings(doc) {
		if strings.Contains(f.Message, "1234567.98") && f.Loc.Line != 42 {
			t.Errorf("cell finding at %v, want the cell's line 42", f.Loc)
		}
	}
	// A seal that does not match: one finding, nothing compared.
	doc.Embedded.Intact = false
	if fs := embeddedFindings(doc); len(fs) != 1 || !strings.Contains(fs[0].Message, "SHA-256") {
		t.Errorf("broken seal: %v", fs)
	}
	doc.Embedded = &gongkai.Embedded{}
	if fs := embeddedFindings(doc); len(fs) != 1 || !strings.Contains(fs[0].Message, "无法读取") {
		t.Errorf("unreadable data: %v", fs)
	}
}
