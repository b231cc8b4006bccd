package docxdoc

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"gongkai/doc"
)

// dump renders a document compactly: one line per text block, a header
// and one line per row for grids. Covered cells print as "^", spanning
// cells as text{cs×rs}.
func dump(d *doc.Document) string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		if b.Grid == nil {
			fmt.Fprintf(&sb, "%d T%d %s\n", b.Loc.Line, b.Heading, b.Text)
			continue
		}
		fmt.Fprintf(&sb, "%d GRID %q\n", b.Loc.Line, b.Grid.Title)
		for _, r := range b.Grid.Rows {
			var cs []string
			for _, c := range r.Cells {
				switch {
				case c.Covered:
					cs = append(cs, "^")
				case c.ColSpan > 1 || c.RowSpan > 1:
					cs = append(cs, fmt.Sprintf("%s{%d×%d}", c.Text, c.ColSpan, c.RowSpan))
				default:
					cs = append(cs, c.Text)
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
		t.Skip("set DUMP=file.docx")
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
}
