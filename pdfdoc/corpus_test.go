package pdfdoc

import (
	"os"
	"path/filepath"
	"testing"
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
