package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/importer"
)

// Prose and tables published as two files make one disclosure whichever
// file comes first: the tables file opens with a part heading
// ("第三部分 2025年部门预算表") that names no department.
func TestJoinEitherOrder(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "qingshan-data-2025-budget.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	dir := t.TempDir()
	prose, tables := filepath.Join(dir, "说明.txt"), filepath.Join(dir, "表格.txt")
	if err := os.WriteFile(prose, []byte(strings.Join(lines[:52], "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tables, []byte(strings.Join(lines[52:], "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{prose, tables}, {tables, prose}} {
		r, err := importer.ImportJoined(context.Background(), paths, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Department != "青山市数据资源局" || r.Year != 2025 || len(r.Tables) != 9 {
			t.Errorf("%s first: %q %d, %d tables", filepath.Base(paths[0]), r.Department, r.Year, len(r.Tables))
		}
	}
}
