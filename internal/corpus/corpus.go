// Package corpus finds the reference corpus (../shared beside the checkout,
// or $GONGKAI_CORPUS) for tests and benchmarks.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Root returns the shared directory holding seeds/ and corpus/, or "".
func Root() string {
	if d := os.Getenv("GONGKAI_CORPUS"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	// internal/corpus/corpus.go → module root → ../shared
	root := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	if st, err := os.Stat(root); err == nil && st.IsDir() {
		return root
	}
	return ""
}

// Dir returns the named corpus directory (seeds or corpus). When it is
// missing the test is skipped with the reason printed, unless
// GONGKAI_REQUIRE_CORPUS is set (as CI does), in which case it fails.
func Dir(tb testing.TB, name string) string {
	tb.Helper()
	root := Root()
	dir := filepath.Join(root, name)
	if root != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
	}
	msg := "reference corpus not found: put the shared directory beside the checkout or set GONGKAI_CORPUS (looked for " + dir + ")"
	if os.Getenv("GONGKAI_REQUIRE_CORPUS") != "" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// Files lists the files in a corpus directory matching a glob, sorted.
func Files(tb testing.TB, name, glob string) []string {
	tb.Helper()
	dir := Dir(tb, name)
	m, err := filepath.Glob(filepath.Join(dir, glob))
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(m)
	if len(m) == 0 {
		tb.Fatalf("no %s in %s", glob, dir)
	}
	return m
}

// Document is one disclosure of the reference corpus: a seed, or a
// published PDF with the files published beside it ("X.tables.pdf" is read
// with "X.pdf" as one disclosure).
type Document struct {
	Name  string   // the first file's base name without its extension
	Paths []string // the files, to import with importer.ImportJoined
}

// Documents lists every seed (seeds/*.txt) and every published document
// (corpus/*.pdf) as a disclosure, in file order. Like Dir, it skips the
// test (or fails it under GONGKAI_REQUIRE_CORPUS) when the corpus is
// missing.
func Documents(tb testing.TB) []Document {
	tb.Helper()
	var out []Document
	for _, f := range Files(tb, "seeds", "*.txt") {
		out = append(out, Document{Name: strings.TrimSuffix(filepath.Base(f), ".txt"), Paths: []string{f}})
	}
	pdfs := Files(tb, "corpus", "*.pdf")
	main := map[string]int{}
	for _, f := range pdfs {
		base := strings.TrimSuffix(filepath.Base(f), ".pdf")
		if strings.Contains(base, ".") {
			continue
		}
		main[base] = len(out)
		out = append(out, Document{Name: base, Paths: []string{f}})
	}
	for _, f := range pdfs {
		base := strings.TrimSuffix(filepath.Base(f), ".pdf")
		if i := strings.Index(base, "."); i >= 0 {
			if j, ok := main[base[:i]]; ok {
				out[j].Paths = append(out[j].Paths, f)
				continue
			}
			out = append(out, Document{Name: base, Paths: []string{f}})
		}
	}
	return out
}
