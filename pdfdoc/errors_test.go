package pdfdoc

import (
	"context"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai"
)

// requirePdftotext fails the test when pdftotext is not installed: the
// reader cannot work without it, and a skipped test would hide that.
func requirePdftotext(t testing.TB) {
	t.Helper()
	var r Reader
	if _, err := r.toolPath(); err != nil {
		t.Fatalf("pdftotext not found: install the Debian package poppler-utils (apt-get install poppler-utils)")
	}
}

// readErr reads data and returns the *gongkai.ImportError it fails with.
func readErr(t *testing.T, r *Reader, name string, data []byte) *gongkai.ImportError {
	t.Helper()
	d, err := r.Read(context.Background(), name, data)
	if err == nil {
		t.Fatalf("%s: read %d lines, want an error", name, len(d.Lines))
	}
	var ie *gongkai.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("%s: error %T %v, want *gongkai.ImportError", name, err, err)
	}
	if ie.File != name {
		t.Errorf("%s: ImportError.File = %q", name, ie.File)
	}
	return ie
}

func textPage(lines ...string) genPage {
	p := genPage{W: 400, H: 300}
	for i, s := range lines {
		p.Texts = append(p.Texts, genText{X: 40, Y: 260 - 20*float64(i), Size: 11, S: s})
	}
	return p
}

func TestReadBadInputs(t *testing.T) {
	requirePdftotext(t)
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 4096)
	rnd.Read(random)
	plain := genPDF([]genPage{textPage("Hello world")}, "")
	cases := []struct {
		name string
		data []byte
		want error
		// detail, when set, must occur in the error's Detail.
		detail string
	}{
		{"empty.pdf", nil, gongkai.ErrEmpty, ""},
		{"random.pdf", random, gongkai.ErrCorrupt, "%PDF"},
		{"random-with-header.pdf", append([]byte("%PDF-1.7\n"), random...), gongkai.ErrCorrupt, ""},
		{"truncated.pdf", plain[:len(plain)/2], gongkai.ErrCorrupt, "截断"},
		{"no-xref.pdf", []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"), gongkai.ErrCorrupt, ""},
		{"encrypted.pdf", genPDF([]genPage{textPage("Secret text 12.50")}, "user-pw"), gongkai.ErrEncrypted, "密码"},
		{"scan.pdf", genPDF([]genPage{{W: 400, H: 300, Image: true}, {W: 400, H: 300, Image: true}}, ""), gongkai.ErrScanned, "共 2 页"},
	}
	var r Reader
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ie := readErr(t, &r, c.name, c.data)
			if !errors.Is(ie, c.want) {
				t.Fatalf("error %v, want cause %v", ie, c.want)
			}
			if !strings.Contains(ie.Detail, c.detail) {
				t.Errorf("detail %q does not mention %q", ie.Detail, c.detail)
			}
		})
	}
}

func TestReadTruncatedCorpusFile(t *testing.T) {
	requirePdftotext(t)
	dir := corpusDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "15_shanghai-putuo-zhengfuban-2025-budget.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var r Reader
	ie := readErr(t, &r, "half.pdf", data[:len(data)/2])
	if !errors.Is(ie, gongkai.ErrCorrupt) {
		t.Fatalf("half a PDF: %v, want ErrCorrupt", ie)
	}
	// A file cut just before its end marker is caught by pdftotext, not by
	// the %%EOF check.
	cut := append(append([]byte(nil), data[:len(data)/2]...), []byte("\n%%EOF\n")...)
	ie = readErr(t, &r, "half-eof.pdf", cut)
	if !errors.Is(ie, gongkai.ErrCorrupt) {
		t.Fatalf("half a PDF with %%%%EOF: %v, want ErrCorrupt", ie)
	}
}

func TestReadEncryptedWithoutUserPassword(t *testing.T) {
	requirePdftotext(t)
	// Encrypted with an empty user password (only an owner password):
	// pdftotext opens it, so reading works.
	data := genPDFWith([]genPage{textPage("Owner only 42.00")}, newRC4Encrypter("", "owner-secret"))
	d, err := Read(context.Background(), "owner-only.pdf", data)
	if err != nil {
		t.Fatalf("owner-password PDF: %v", err)
	}
	if len(d.Lines) != 1 || d.Lines[0] != "Owner only 42.00" {
		t.Errorf("lines %q", d.Lines)
	}
}

func TestMissingTool(t *testing.T) {
	r := Reader{Pdftotext: "/nonexistent/pdftotext"}
	ie := readErr(t, &r, "a.pdf", genPDF([]genPage{textPage("x")}, ""))
	if !errors.Is(ie, gongkai.ErrMissingTool) || !strings.Contains(ie.Detail, "apt-get install poppler-utils") {
		t.Fatalf("missing tool: %v", ie)
	}
}

func TestTooLarge(t *testing.T) {
	r := Reader{MaxBytes: 100}
	ie := readErr(t, &r, "big.pdf", genPDF([]genPage{textPage("x")}, ""))
	if !errors.Is(ie, gongkai.ErrTooLarge) {
		t.Fatalf("too large: %v", ie)
	}
	requirePdftotext(t)
	r = Reader{MaxOutput: 64}
	ie = readErr(t, &r, "chatty.pdf", genPDF([]genPage{textPage("many words in this line", "and more words here")}, ""))
	if !errors.Is(ie, gongkai.ErrTooLarge) {
		t.Fatalf("output too large: %v", ie)
	}
}

func TestCancelledContext(t *testing.T) {
	requirePdftotext(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, "a.pdf", genPDF([]genPage{textPage("x")}, ""))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: %v", err)
	}
	var ie *gongkai.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("cancelled context: %T, want *gongkai.ImportError", err)
	}
}

func TestTimeout(t *testing.T) {
	requirePdftotext(t)
	r := Reader{Timeout: time.Nanosecond}
	_, err := r.Read(context.Background(), "a.pdf", genPDF([]genPage{textPage("x")}, ""))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("timeout: %v", err)
	}
}

// TestRotatedPage reads a landscape table set sideways on a portrait page
// with /Rotate 90: pdftotext turns it upright, and the table comes out as
// on screen.
func TestRotatedPage(t *testing.T) {
	requirePdftotext(t)
	p := genPage{W: 300, H: 500, Rotate: 90}
	rows := [][]string{
		{"Code", "Name", "Total", "Basic"},
		{"2101501", "Admin", "609.29", "609.29"},
		{"2101502", "General affairs", "905.60", "0.00"},
		{"2101599", "Other", "16.15", "0.00"},
	}
	xs := []float64{30, 120, 300, 400}
	for i, r := range rows {
		for j, s := range r {
			x := xs[j]
			if i > 0 && j >= 2 { // right-align amounts
				x = xs[j] + 40 - 5.6*float64(len(s))
			}
			p.Texts = append(p.Texts, genText{X: x, Y: 60 + 20*float64(i), Size: 10, S: s})
		}
	}
	d, err := Read(context.Background(), "rotated.pdf", genPDF([]genPage{p}, ""))
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages != 1 || len(d.Lines) != 4 || !strings.HasPrefix(d.Lines[0], "Code") {
		t.Fatalf("lines %q", d.Lines)
	}
	g := onlyGrid(t, d)
	if g.Width() != 4 || len(g.Rows) != 4 {
		t.Fatalf("grid %dx%d: %q", len(g.Rows), g.Width(), gridTexts(g))
	}
	if got := g.Texts(2); got[0] != "2101502" || got[1] != "General affairs" || got[3] != "0.00" {
		t.Errorf("row 2 = %q", got)
	}
}
