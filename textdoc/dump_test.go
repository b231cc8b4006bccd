package textdoc

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	d, err := Read(f, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.Blocks {
		if b.Grid == nil {
			fmt.Printf("%4d T%d %s\n", b.Loc.Line, b.Heading, trunc(b.Text, 60))
			continue
		}
		fmt.Printf("%4d GRID %d rows\n", b.Loc.Line, len(b.Grid.Rows))
		for _, r := range b.Grid.Rows {
			var cs []string
			for _, c := range r.Cells {
				cs = append(cs, trunc(c.Text, 12))
			}
			fmt.Printf("       %4d | %s\n", r.Loc.Line, strings.Join(cs, " | "))
		}
	}
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
