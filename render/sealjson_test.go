package render

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"

	gojson "github.com/goccy/go-json"

	"gongkai/importer"
	"gongkai/internal/corpus"
)

// The seal is written with github.com/goccy/go-json for speed; a report
// must come out byte for byte as encoding/json writes it (the format
// readers decode it with), for every seed of the corpus.
func TestSealEncoderMatchesEncodingJSON(t *testing.T) {
	for _, f := range corpus.Files(t, "seeds", "*.txt") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := importer.Import(context.Background(), f, data, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := gojson.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: go-json and encoding/json differ at byte %d of %d/%d", f, i, len(got), len(want))
		}
	}
}
