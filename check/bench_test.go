package check_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"gongkai/check"
	"gongkai/importer"
	"gongkai/internal/corpus"
)

// BenchmarkImportCheckSeeds imports and checks the five seeds from memory;
// bytes/op is their total size, so MB/s is the import + check throughput.
func BenchmarkImportCheckSeeds(b *testing.B) {
	files := corpus.Files(b, "seeds", "*.txt")
	var data [][]byte
	total := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		for i, d := range data {
			r, err := importer.Import(ctx, files[i], d, importer.Options{})
			if err != nil {
				b.Fatal(err)
			}
			check.Run(r, check.Options{})
		}
	}
}

func corpusPDFs(b *testing.B) ([]string, [][]byte, int) {
	files := corpus.Files(b, "corpus", "*.pdf")
	var data [][]byte
	total := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		total += len(d)
	}
	return files, data, total
}

// BenchmarkImportCheckPDFs imports and checks the nine corpus PDFs; compare
// with BenchmarkPdftotextPDFs, poppler's text extraction alone on the same
// files (the floor for reading a PDF), run in the same invocation.
func BenchmarkImportCheckPDFs(b *testing.B) {
	files, data, total := corpusPDFs(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		for i, d := range data {
			r, err := importer.Import(ctx, files[i], d, importer.Options{})
			if err != nil {
				b.Fatal(err)
			}
			check.Run(r, check.Options{})
		}
	}
}

// BenchmarkPdftotextPDFs runs `pdftotext -tsv` on the same files.
func BenchmarkPdftotextPDFs(b *testing.B) {
	files, _, total := corpusPDFs(b)
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Fatal("pdftotext is needed: apt-get install poppler-utils")
	}
	b.SetBytes(int64(total))
	for b.Loop() {
		for _, f := range files {
			if err := exec.Command(bin, "-tsv", "-enc", "UTF-8", f, os.DevNull).Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
