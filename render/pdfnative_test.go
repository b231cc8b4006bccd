package render

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"gongkai/reportjson"
)

// TestTTCFace: a face taken out of a Debian font collection is a TrueType
// file whose tables lie inside it, 4-byte aligned, with the same bytes as
// in the collection; a plain TrueType file is returned as it is; damaged
// input is an error.
func TestTTCFace(t *testing.T) {
	data, err := os.ReadFile(HeiFontFile)
	if err != nil {
		t.Fatalf("%v (install fonts-wqy-microhei; scripts/setup does)", err)
	}
	ttf, err := ttcFace(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ttf[:4], []byte{0, 1, 0, 0}) {
		t.Fatalf("not a TrueType file: % x", ttf[:4])
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if n < 8 {
		t.Fatalf("%d tables", n)
	}
	tags := map[string]bool{}
	for i := 0; i < n; i++ {
		e := ttf[12+16*i:]
		tag := string(e[:4])
		off := int(binary.BigEndian.Uint32(e[8:]))
		length := int(binary.BigEndian.Uint32(e[12:]))
		if off%4 != 0 || off+length > len(ttf) {
			t.Errorf("table %s at %d+%d in %d bytes", tag, off, length, len(ttf))
		}
		tags[tag] = true
	}
	for _, tag := range []string{"cmap", "glyf", "head", "hmtx", "loca"} {
		if !tags[tag] {
			t.Errorf("no %s table", tag)
		}
	}
	if plain := []byte("\x00\x01\x00\x00 plain font data"); !bytes.Equal(must(ttcFace(plain, 0)), plain) {
		t.Error("a plain TrueType file was changed")
	}
	if _, err := ttcFace(data[:40], 0); err == nil {
		t.Error("a truncated collection was accepted")
	}
	if _, err := ttcFace(data, 99); err == nil {
		t.Error("face 99 of a two-face collection was accepted")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestWrap: lines fit their width, keep every character, break between
// Chinese characters, never inside an amount, a percentage or a code, and
// never start with closing punctuation nor end with opening punctuation.
func TestWrap(t *testing.T) {
	w := &pdfWriter{}
	text := "2025年一般公共预算财政拨款支出1,234,567.89万元，比上年增长1450.63%。主要原因是“数字政府”项目（2010350）新增支出，" +
		"其中：信息化建设经费12.50万元、运行维护经费3,000.00万元；详见预算05表。"
	for _, width := range []float64{60, 97, 120, 133.3, 200, 321} {
		lines := w.wrap(text, fontSong, 9, width, 18)
		if got := strings.Join(lines, ""); got != text {
			t.Fatalf("width %v: lines lose text:\n%q\n%q", width, got, text)
		}
		for i, l := range lines {
			avail := width
			if i == 0 {
				avail -= 18
			}
			if lw := w.width(l, fontSong, 9); lw > avail+0.01 {
				t.Errorf("width %v: line %q is %.1f wide", width, l, lw)
			}
			first, _ := utf8.DecodeRuneInString(l)
			last, _ := utf8.DecodeLastRuneInString(l)
			if i > 0 && strings.ContainsRune(noLineStart, first) {
				t.Errorf("width %v: line %d starts with %q", width, i, first)
			}
			if i < len(lines)-1 && strings.ContainsRune(noLineEnd, last) {
				t.Errorf("width %v: line %d ends with %q", width, i, last)
			}
			if i < len(lines)-1 {
				next, _ := utf8.DecodeRuneInString(lines[i+1])
				if wordRune(last) && wordRune(next) {
					t.Errorf("width %v: %q | %q splits a number", width, l, lines[i+1])
				}
			}
		}
	}
	// A run longer than the line is cut where it must be.
	long := strings.Repeat("1234567890", 8)
	lines := w.wrap(long, fontSong, 9, 100, 0)
	if len(lines) < 2 || strings.Join(lines, "") != long {
		t.Errorf("overlong run: %q", lines)
	}
}

// tsvWord is a word of pdftotext -tsv.
type tsvWord struct {
	page                     int
	left, top, width, height float64
	text                     string
}

// pdfWords runs pdftotext -tsv and returns the words and each page's size.
func pdfWords(t *testing.T, pdf []byte) ([]tsvWord, map[int][2]float64) {
	t.Helper()
	needTool(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-tsv", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var words []tsvWord
	pages := map[int][2]float64{}
	for _, line := range strings.Split(string(out), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) < 12 {
			continue
		}
		num := func(i int) float64 { v, _ := strconv.ParseFloat(f[i], 64); return v }
		page, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "1":
			pages[page] = [2]float64{num(8), num(9)}
		case "5":
			words = append(words, tsvWord{page, num(6), num(7), num(8), num(9), f[11]})
		}
	}
	return words, pages
}

// TestNativePDFLayout: the PDF of a department of 400 table lines has A4
// pages, portrait and landscape, every word inside its page's margins, a
// page number on every page, each table's header repeated on every page
// it continues on, and fonts embedded as TrueType subsets with text that
// pdftotext reads back.
func TestNativePDFLayout(t *testing.T) {
	r := bigReport(t, 400)
	pdf, err := NativePDF(r)
	if err != nil {
		t.Fatal(err)
	}
	words, pages := pdfWords(t, pdf)
	if len(pages) < 15 {
		t.Fatalf("%d pages", len(pages))
	}
	portrait := 0
	for p, size := range pages {
		switch {
		case abs(size[0]-595.3) < 1 && abs(size[1]-841.9) < 1:
			portrait++
		case abs(size[0]-841.9) < 1 && abs(size[1]-595.3) < 1:
		default:
			t.Errorf("page %d is %v, not A4", p, size)
		}
	}
	if portrait == 0 {
		t.Error("no portrait page")
	}
	numbered := map[int]bool{}
	for i, wd := range words {
		size := pages[wd.page]
		if wd.left < 18*mmPt-1 || wd.left+wd.width > size[0]-18*mmPt+1 || wd.top < 0 || wd.top+wd.height > size[1] {
			t.Errorf("page %d: %q at %.1f,%.1f (%.1f wide) is outside the text area", wd.page, wd.text, wd.left, wd.top, wd.width)
		}
		if wd.text == strconv.Itoa(wd.page) && i > 0 && words[i-1].text == "—" && wd.top > size[1]-20*mmPt {
			numbered[wd.page] = true
		}
	}
	for p := range pages {
		if !numbered[p] {
			t.Errorf("page %d has no page number at its foot", p)
		}
	}
	// Every page that carries rows of the longest table (codes under
	// 科目编码) shows its header.
	d := layout(r)
	var g *grid
	for _, b := range d.Blocks {
		if b.Table != nil && len(b.Table.Head) > 0 && (g == nil || len(b.Table.Body) > len(g.Body)) {
			g = b.Table
		}
	}
	if g == nil || len(g.Body) < 60 {
		t.Fatal("no table of 60 rows or more")
	}
	codes := map[string]bool{}
	for _, row := range g.Body {
		if row[0].Kind == colCode && row[0].Text != "" {
			codes[row[0].Text] = true
		}
	}
	headText := ""
	for _, c := range g.Head[0] {
		if !c.Covered && c.Text != "" {
			headText = c.Text
			break
		}
	}
	rowsOn, headOn := map[int]bool{}, map[int]bool{}
	for _, wd := range words {
		if codes[wd.text] {
			rowsOn[wd.page] = true
		}
		if wd.text == headText {
			headOn[wd.page] = true
		}
	}
	if len(rowsOn) < 2 {
		t.Fatalf("table %q is on %d pages", g.Title, len(rowsOn))
	}
	for p := range rowsOn {
		if !headOn[p] {
			t.Errorf("page %d holds rows of %q but not its header %q", p, g.Title, headText)
		}
	}
	fonts := mustRun(t, pdf, "pdffonts", "-")
	if strings.Count(fonts, "CID TrueType") != 2 || strings.Contains(fonts, "Type 3") {
		t.Errorf("fonts:\n%s", fonts)
	}
}

// TestNativePDFLandscape: a table too wide for a portrait page is printed
// on landscape pages (seed 004's 部门职责-工作活动绩效目标).
func TestNativePDFLandscape(t *testing.T) {
	_, seeds := seeds(t)
	r := seeds["004_5e5483bde7a72a73.txt"]
	if r == nil {
		t.Fatal("seed 004 missing")
	}
	pdf, err := NativePDF(r)
	if err != nil {
		t.Fatal(err)
	}
	words, pages := pdfWords(t, pdf)
	landscape := 0
	for _, size := range pages {
		if size[0] > size[1] {
			landscape++
		}
	}
	if landscape == 0 {
		t.Fatal("no landscape page")
	}
	for _, wd := range words {
		if wd.left+wd.width > pages[wd.page][0]-18*mmPt+1 {
			t.Errorf("page %d: %q reaches %.1f, past the right margin", wd.page, wd.text, wd.left+wd.width)
		}
	}
}

func mustRun(t *testing.T, stdin []byte, name string, args ...string) string {
	t.Helper()
	needTool(t, name)
	cmd := exec.Command(name, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		// pdffonts cannot read standard input: use a file.
		f, ferr := os.CreateTemp(t.TempDir(), "*.pdf")
		if ferr != nil {
			t.Fatal(ferr)
		}
		f.Write(stdin)
		f.Close()
		for i, a := range args {
			if a == "-" {
				args[i] = f.Name()
			}
		}
		out, err = exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
	}
	return string(out)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestTamperNativePDF: a native PDF whose visible figure differs from the
// attached data (the report edited, the original data attached) is caught
// by embedded.mismatch at that figure; an altered attachment by the seal.
func TestTamperNativePDF(t *testing.T) {
	src := tamperSource(t)
	sealed, err := reportjson.Seal(src)
	if err != nil {
		t.Fatal(err)
	}
	edited := cloneReport(src)
	changed := false
	for _, tb := range edited.Tables {
		for _, row := range tb.Rows {
			if row.Code != tamperCode {
				continue
			}
			for i := range row.Cells {
				if m := row.Cells[i].Money; m != nil && !changed && moneyText(m) == tamperFrom {
					c := *m
					c.Fen = 976580000
					row.Cells[i].Money = &c
					changed = true
				}
			}
		}
	}
	if !changed {
		t.Fatalf("figure %s of %s not found", tamperFrom, tamperCode)
	}
	page, err := nativePDF(edited)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := Attach(page, AttachmentName, sealed)
	if err != nil {
		t.Fatal(err)
	}
	wantMismatch(t, reimport(t, "edited.pdf", pdf), tamperFrom, tamperTo)

	orig, err := nativePDF(src)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err = Attach(orig, AttachmentName, tamperSealed(t, sealed))
	if err != nil {
		t.Fatal(err)
	}
	wantBrokenSeal(t, reimport(t, "edited.pdf", pdf))
}

// TestNativePDFRareCharacters: characters the text font (AR PL UMing)
// lacks are printed in the heading font (WenQuanYi Micro Hei), which has
// them, and read back as themselves, not as a substitute glyph.
func TestNativePDFRareCharacters(t *testing.T) {
	r := smallReport(t)
	const rare = "刏刯剈劆"
	r.Sections[0].Paragraphs[0].Text = "本部门位于" + rare + "街道，负责统筹全市政务数据资源管理。"
	advances.Lock()
	for _, c := range rare {
		if g := advance(fontSong, c); g.font != fontHei {
			t.Errorf("%c is printed in %s, want %s", c, g.font, fontHei)
		}
	}
	advances.Unlock()
	pdf, err := NativePDF(r)
	if err != nil {
		t.Fatal(err)
	}
	words, _ := pdfWords(t, pdf)
	var all strings.Builder
	for _, w := range words {
		all.WriteString(w.text)
	}
	if !strings.Contains(all.String(), "本部门位于"+rare+"街道") {
		t.Errorf("rare characters not read back: %s", all.String())
	}
}

// TestNativePDFTallRow: a row taller than a page is split across pages,
// every line of it printed inside the text area, none lost.
func TestNativePDFTallRow(t *testing.T) {
	r := smallReport(t)
	var long strings.Builder
	for i := 1; i <= 400; i++ {
		long.WriteString("第" + strconv.Itoa(i) + "项工作任务按期完成。")
	}
	tb := r.Tables[0]
	row := tb.Rows[len(tb.Rows)-1]
	row.Name = long.String()
	pdf, err := NativePDF(r)
	if err != nil {
		t.Fatal(err)
	}
	words, pages := pdfWords(t, pdf)
	var all strings.Builder
	for _, wd := range words {
		size := pages[wd.page]
		if wd.top < 0 || wd.top+wd.height > size[1]-20*mmPt+1 && !strings.HasPrefix(wd.text, "—") && wd.text != strconv.Itoa(wd.page) {
			t.Errorf("page %d: %q at y %.1f is below the text area", wd.page, wd.text, wd.top)
		}
		all.WriteString(wd.text)
	}
	for _, n := range []int{1, 200, 400} {
		if s := "第" + strconv.Itoa(n) + "项工作任务"; !strings.Contains(all.String(), s) {
			t.Errorf("%s not printed", s)
		}
	}
}

// TestNativePDFOutline: the PDF has a document outline (bookmarks) with
// an entry for every heading and table of the contents, each pointing at
// the page that heading or table starts on.
func TestNativePDFOutline(t *testing.T) {
	_, seeds := seeds(t)
	r := seeds["002_8de5198946ae3720.txt"]
	if r == nil {
		t.Fatal("seed 002 missing")
	}
	entries, _ := toc(layout(r))
	if len(entries) < 5 {
		t.Fatalf("%d contents entries", len(entries))
	}
	pdf, err := NativePDF(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Fatal("no /Outlines in the catalog")
	}
	if n := bytes.Count(pdf, []byte("/Dest [")); n != len(entries) {
		t.Errorf("%d bookmarks, %d contents entries", n, len(entries))
	}
	// Each points at a page below its top (not at its foot, y 0), and
	// they go down the document: pages in order.
	dests := regexp.MustCompile(`/Dest \[ (\d+) 0 R /XYZ [\d.]+ ([\d.]+) 0 \]`).FindAllSubmatch(pdf, -1)
	if len(dests) != len(entries) {
		t.Fatalf("%d destinations", len(dests))
	}
	last := 0
	for i, m := range dests {
		obj, _ := strconv.Atoi(string(m[1]))
		top, _ := strconv.ParseFloat(string(m[2]), 64)
		if obj < last {
			t.Errorf("bookmark %d (%s) points before the one above it", i, entries[i].Text)
		}
		last = obj
		if top < 100 {
			t.Errorf("bookmark %d (%s) points at y %v, near the foot of its page", i, entries[i].Text, top)
		}
	}
}

// TestNativePDFConcurrent: documents written at the same time (as the web
// application does) share the parsed fonts and the width cache and come
// out byte for byte as one written alone. (go test -race checks the
// sharing.)
func TestNativePDFConcurrent(t *testing.T) {
	r := smallReport(t)
	want, err := nativePDF(r)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			b, err := nativePDF(r)
			if err != nil {
				t.Error(err)
			}
			out[i] = b
		})
	}
	wg.Wait()
	for i, b := range out {
		if !bytes.Equal(b, want) {
			t.Errorf("document %d differs from the one written alone (%d and %d bytes)", i, len(b), len(want))
		}
	}
}

// TestWritePDFRenderer: Write makes PDFs with the native writer unless
// GONGKAI_PDF_RENDERER=chromium asks for Chromium.
func TestWritePDFRenderer(t *testing.T) {
	t.Setenv(PDFRendererEnv, "")
	if p := writePrinter(); p != nil {
		t.Fatalf("printer %v by default, want the native writer", p)
	}
	dir := t.TempDir()
	paths, err := Write(t.Context(), smallReport(t), dir, []string{"pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || !strings.HasSuffix(paths[0], ".pdf") {
		t.Fatalf("wrote %v", paths)
	}
	pdf, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(pdf, []byte("Skia/PDF")) {
		t.Error("printed by Chromium (Skia/PDF), not by the native writer")
	}
	got := reimport(t, "written.pdf", pdf)
	if got.Embedded == nil || !got.Embedded.Intact {
		t.Errorf("embedded report missing or broken: %+v", got.Embedded)
	}
	t.Setenv(PDFRendererEnv, "chromium")
	if p := writePrinter(); p != DefaultPrinter() {
		t.Errorf("GONGKAI_PDF_RENDERER=chromium: printer %v, want DefaultPrinter", p)
	}
}
