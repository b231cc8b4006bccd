package check_test

import (
	"context"
	"os"
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
