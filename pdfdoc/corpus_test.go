package pdfdoc

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gongkai/doc"
)

// corpusDir returns the directory of real PDFs: $GONGKAI_CORPUS/corpus when
// GONGKAI_CORPUS is set, else ../../shared/corpus from this package (that
// is, ../shared/corpus from the module root). It skips the test when the
// directory is absent.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if s := os.Getenv("GONGKAI_CORPUS"); s != "" {
		dir = filepath.Join(s, "corpus")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Skipf("corpus directory %s not found (set GONGKAI_CORPUS to the shared directory): skipping", dir)
	}
	return dir
}

var (
	corpusMu   sync.Mutex
	corpusDocs = map[string]*doc.Document{}
)

// corpusDoc reads a corpus PDF once per test binary.
func corpusDoc(t *testing.T, file string) *doc.Document {
	t.Helper()
	requirePdftotext(t)
	path := filepath.Join(corpusDir(t), file)
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if d, ok := corpusDocs[path]; ok {
		return d
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(context.Background(), file, data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	corpusDocs[path] = d
	return d
}

// onlyGrid returns the one grid of d.
func onlyGrid(t *testing.T, d *doc.Document) *doc.Grid {
	t.Helper()
	var gs []*doc.Grid
	for _, b := range d.Blocks {
		if b.IsGrid() {
			gs = append(gs, b.Grid)
		}
	}
	if len(gs) != 1 {
		t.Fatalf("%d grids, want 1; blocks:\n%s", len(gs), dumpBlocks(d))
	}
	return gs[0]
}

// gridTexts returns all rows of g as texts.
func gridTexts(g *doc.Grid) [][]string {
	out := make([][]string, len(g.Rows))
	for i := range g.Rows {
		out[i] = g.Texts(i)
	}
	return out
}
