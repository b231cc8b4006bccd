package pdfdoc

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/doc"
)

// TestDumpCorpus writes the lines of every corpus PDF to $PDFDOC_DUMP
// (a directory) for inspection. It does nothing unless that is set.
func TestDumpCorpus(t *testing.T) {
	dir := os.Getenv("PDFDOC_DUMP")
	if dir == "" {
		t.Skip("PDFDOC_DUMP not set")
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir(t), "*.pdf"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read(context.Background(), filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, l := range d.Lines {
			fmt.Fprintf(&b, "%5d %s\n", i+1, strings.ReplaceAll(l, "\t", " | "))
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(f)+".lines"), []byte(b.String()), 0o644)
		os.WriteFile(filepath.Join(dir, filepath.Base(f)+".blocks"), []byte(dumpBlocks(d)), 0o644)
	}
}

// dumpBlocks prints the blocks of d, grids as rows of cells.
func dumpBlocks(d *doc.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		if !bl.IsGrid() {
			fmt.Fprintf(&b, "[p%d l%d h%d] %s\n", bl.Loc.Page, bl.Loc.Line, bl.Heading, bl.Text)
			continue
		}
		g := bl.Grid
		fmt.Fprintf(&b, "[p%d l%d] GRID %d rows x %d cols\n", bl.Loc.Page, bl.Loc.Line, len(g.Rows), g.Width())
		for _, r := range g.Rows {
			var cells []string
			for _, c := range r.Cells {
				s := c.Text
				if c.Covered {
					s = "<"
				}
				cells = append(cells, s)
			}
			fmt.Fprintf(&b, "   p%d l%-5d | %s\n", r.Loc.Page, r.Loc.Line, strings.Join(cells, " | "))
		}
	}
	return b.String()
}
