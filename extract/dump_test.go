package extract_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"gongkai"
	"gongkai/extract"
	"gongkai/textdoc"
)

func TestDumpReport(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip("set DUMP")
	}
	data, _ := os.ReadFile(f)
	d, err := textdoc.Read(f, data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := extract.Build(d, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%s %d %s %s units=%v\n", r.Department, r.Year, r.Kind, r.Unit, r.Units)
	sj, _ := json.Marshal(r.Summary)
	fmt.Println(string(sj))
	for _, tb := range r.Tables {
		fmt.Printf("TABLE %s %q %s unit=%s line=%d rows=%d note=%q\n", tb.Kind, tb.Title, tb.Number, tb.Unit, tb.Loc.Line, len(tb.Rows), tb.Note)
		var cols []string
		for _, c := range tb.Columns {
			cols = append(cols, fmt.Sprintf("%s[%s]%s", c.Role, c.Label, c.Side))
		}
		fmt.Println("   cols:", strings.Join(cols, " | "))
		if os.Getenv("ROWS") != "" {
			for _, row := range tb.Rows {
				var vs []string
				for _, c := range row.Cells {
					v := c.Text
					if c.Money != nil {
						v = c.Money.String()
					}
					if c.Clipped {
						v += "!"
					}
					vs = append(vs, string(c.Role)+"="+v)
				}
				fmt.Printf("     %4d %-8s %-7s %-10s %s | %s\n", row.Loc.Line, row.Side, row.Code, row.Item, row.Name, strings.Join(vs, " "))
			}
		}
	}
	if os.Getenv("CLAIMS") != "" {
		for _, c := range r.Claims {
			fmt.Println(claimString(c))
		}
	}
}

func claimString(c *gongkai.Claim) string {
	s := fmt.Sprintf("  %4d %-10s %-16s %q", c.Loc.Line, c.Kind, c.Quantity, c.Subject)
	if c.Code != "" {
		s += " code=" + c.Code
	}
	if c.Value != nil {
		s += " value=" + c.Value.String() + string(c.Value.Unit)
	}
	if c.Change != nil {
		s += fmt.Sprintf(" change=%s dir=%d", c.Change.String(), c.Direction)
	}
	if c.Percent != nil {
		s += " pct=" + c.Percent.String()
	}
	if c.Whole != nil {
		s += " whole=" + c.Whole.String()
	}
	if c.WholeSubject != "" {
		s += " wholeSubj=" + c.WholeSubject
	}
	for _, p := range c.Parts {
		v := ""
		if p.Value != nil {
			v = p.Value.String()
		}
		if p.Change != nil {
			v = fmt.Sprintf("Δ%d:%s", p.Direction, p.Change.String())
		}
		s += fmt.Sprintf("\n          part %q %s %s", p.Subject, p.Quantity, v)
	}
	if c.Kind == gongkai.CParts {
		s += fmt.Sprintf(" exhaustive=%v", c.Exhaustive)
	}
	return s
}
