package xlsxdoc

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"gongkai/doc"
)

// dump renders a document compactly: one line per text block, a header
// and one line per row for grids. Covered cells print as "^", spanning
// cells as text{cs×rs}, numbers as text=number when they differ.
func dump(d *doc.Document) string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		if b.Grid == nil {
			fmt.Fprintf(&sb, "%d %s T%d %s\n", b.Loc.Line, b.Loc.Cell, b.Heading, b.Text)
			continue
		}
		fmt.Fprintf(&sb, "%d %s GRID %q\n", b.Loc.Line, b.Loc.Cell, b.Grid.Title)
		for _, r := range b.Grid.Rows {
			var cs []string
			for _, c := range r.Cells {
				t := c.Text
				if c.Number != "" && c.Number != c.Text {
					t += "=" + c.Number
				} else if c.Number != "" {
					t += "#"
				}
				switch {
				case c.Covered:
					cs = append(cs, "^")
				case c.ColSpan > 1 || c.RowSpan > 1:
					cs = append(cs, fmt.Sprintf("%s{%d×%d}", t, c.ColSpan, c.RowSpan))
				default:
					cs = append(cs, t)
				}
			}
			fmt.Fprintf(&sb, "%d | %s\n", r.Loc.Line, strings.Join(cs, " | "))
		}
	}
	return sb.String()
}

// TestDump prints the blocks of the file named by $DUMP.
func TestDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip("set DUMP=file.xlsx")
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(f, data)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(dump(d))
	for i, l := range d.Lines {
		fmt.Printf("L%d %q\n", i+1, l)
	}
}
