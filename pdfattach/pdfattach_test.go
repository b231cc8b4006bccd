package pdfattach_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"testing"

	"gongkai/pdfattach"
	"gongkai/render"
)

// onePage is a minimal one-page PDF with a classic cross-reference table.
func onePage() []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.7\n")
	obj("<</Type /Catalog /Pages 2 0 R>>")
	obj("<</Type /Pages /Kids [3 0 R] /Count 1>>")
	obj("<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

func TestExtract(t *testing.T) {
	if _, err := exec.LookPath("pdfdetach"); err != nil {
		t.Fatal("pdfdetach not found: install poppler-utils (scripts/setup installs it)")
	}
	data := []byte(`{"format":"gongkai-report","version":1,"report":{"department":"某局"}}`)
	pdf, err := render.Attach(onePage(), pdfattach.Name, data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pdfattach.Extract(context.Background(), pdf)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Extract = %q, %v", got, err)
	}
	// Another name is not ours.
	other, _ := render.Attach(onePage(), "other.json", data)
	if _, err := pdfattach.Extract(context.Background(), other); !errors.Is(err, pdfattach.ErrNoAttachment) {
		t.Errorf("other attachment: %v", err)
	}
	if _, err := pdfattach.Extract(context.Background(), onePage()); !errors.Is(err, pdfattach.ErrNoAttachment) {
		t.Errorf("no attachment: %v", err)
	}
	if _, err := pdfattach.Extract(context.Background(), []byte("not a pdf")); err == nil || errors.Is(err, pdfattach.ErrNoAttachment) {
		t.Errorf("not a PDF: %v", err)
	}
	e := pdfattach.Extractor{Pdfdetach: "/nonexistent/pdfdetach"}
	if _, err := e.Extract(context.Background(), pdf, pdfattach.Name); !errors.Is(err, pdfattach.ErrMissingTool) {
		t.Errorf("missing tool: %v", err)
	}
	small := pdfattach.Extractor{MaxSize: 10}
	if _, err := small.Extract(context.Background(), pdf, pdfattach.Name); err == nil {
		t.Error("attachment over MaxSize accepted")
	}
}
