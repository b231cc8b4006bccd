package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"gongkai/check"
	"gongkai/importer"
)

// BenchmarkImportCheckFormats imports and checks the example disclosure in
// each format it is published in (the committed fixtures, made from the
// same text): one op is one document; MB/s is over the file's bytes.
//
//	go test ./importer -run '^$' -bench ImportCheckFormats -benchmem
func BenchmarkImportCheckFormats(b *testing.B) {
	for _, f := range []struct{ format, path string }{
		{"text", example},
		{"html", filepath.Join("testdata", "formats", "qingshan.html")},
		{"xlsx", filepath.Join("testdata", "formats", "qingshan.xlsx")},
		{"docx", filepath.Join("testdata", "formats", "qingshan.docx")},
		{"pdf", filepath.Join("testdata", "formats", "qingshan.pdf")},
	} {
		data, err := os.ReadFile(f.path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.format, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			ctx := context.Background()
			for b.Loop() {
				r, err := importer.Import(ctx, filepath.Base(f.path), data, importer.Options{})
				if err != nil {
					b.Fatal(err)
				}
				check.Run(r, check.Options{})
			}
		})
	}
}
