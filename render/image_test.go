package render

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImages turns the HTML (a Chromium screenshot) and the PDF (pdftoppm
// -png -r 60, one image a page) of two seeds into PNG files, for a person
// to look at: Chinese must render (no tofu boxes) and tables must fit the
// page. The files go to $GONGKAI_ARTIFACTS when it is set, else to a
// temporary directory; the test checks that they are images and that the
// PDF embeds its fonts as TrueType subsets (no Type 3 glyphs from synthetic
// bold or CFF fonts).
func TestImages(t *testing.T) {
	needChromium(t)
	needTool(t, "pdftoppm")
	needTool(t, "pdffonts")
	dir := os.Getenv("GONGKAI_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, seeds := seeds(t)
	for _, name := range []string{"001_69a066a523558f88.txt", "003_2e4bf1e814f589dd.txt"} {
		r := seeds[name]
		base := filepath.Join(dir, strings.TrimSuffix(name, ".txt"))
		page := renderHTML(t, r)
		png, err := testPrinter.Screenshot(context.Background(), page, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG")) {
			t.Fatal("screenshot is not a PNG")
		}
		if err := os.WriteFile(base+"-html.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
		pdf := renderPDF(t, r)
		if err := os.WriteFile(base+".pdf", pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pdftoppm", "-png", "-r", "60", base+".pdf", base+"-pdf").CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		pages, _ := filepath.Glob(base + "-pdf-*.png")
		if len(pages) < 5 {
			t.Errorf("%s: %d page images", name, len(pages))
		}
		fonts, err := exec.Command("pdffonts", base+".pdf").CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, fonts)
		}
		if bytes.Contains(fonts, []byte("Type 3")) {
			t.Errorf("%s: Type 3 fonts in the PDF (synthetic bold or a CFF font):\n%s", name, fonts)
		}
		if !bytes.Contains(fonts, []byte("CID TrueType")) {
			t.Errorf("%s: no embedded CID TrueType font:\n%s", name, fonts)
		}
	}
	t.Logf("images in %s", dir)
}
