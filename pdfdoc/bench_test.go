package pdfdoc

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// corpusData reads every corpus PDF for the benchmarks.
func corpusData(b *testing.B) (names []string, data [][]byte, size int64) {
	b.Helper()
	requirePdftotext(b)
	files, err := filepath.Glob(filepath.Join(corpusDir(b), "*.pdf"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus PDFs: %v", err)
	}
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, filepath.Base(f))
		data = append(data, d)
		size += int64(len(d))
	}
	return names, data, size
}

// BenchmarkRead reads the whole corpus (9 PDFs, 309 pages) per iteration.
func BenchmarkRead(b *testing.B) {
	names, data, size := corpusData(b)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for i := range data {
			if _, err := Read(context.Background(), names[i], data[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPdftotextOnly runs just pdftotext -tsv on the same files, as
// Read does (from a file, output to a pipe), without parsing: the part of
// BenchmarkRead that is the external program.
func BenchmarkPdftotextOnly(b *testing.B) {
	_, _, size := corpusData(b)
	files, _ := filepath.Glob(filepath.Join(corpusDir(b), "*.pdf"))
	tool, _ := exec.LookPath("pdftotext")
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			cmd := exec.CommandContext(context.Background(), tool, "-tsv", "-enc", "UTF-8", f, "-")
			if _, err := cmd.Output(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLayout times what pdfdoc does itself: the words of the whole
// corpus (read once with pdftotext) laid out into lines, prose and grids.
func BenchmarkLayout(b *testing.B) {
	names, data, size := corpusData(b)
	var r Reader
	var docs [][]page
	for i := range data {
		pages, err := r.runPdftotext(context.Background(), names[i], data[i], nil)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, pages)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, pages := range docs {
			layoutDocument(pages)
		}
	}
}
