package pdfdoc

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

func TestYDump(t *testing.T) {
	f := os.Getenv("YF")
	if f == "" {
		t.Skip()
	}
	pg, _ := strconv.Atoi(os.Getenv("YP"))
	out, _ := exec.Command("pdftotext", "-tsv", "-f", os.Getenv("YP"), "-l", os.Getenv("YP"), f, "-").Output()
	pages, _ := parseTSV(bytes.NewReader(out))
	for _, p := range pages {
		if p.Num != pg {
			continue
		}
		for _, l := range buildLines(p) {
			fmt.Printf("y=%6.1f-%6.1f h=%4.1f |", l.Y0, l.Y1, l.height())
			for _, w := range l.Words {
				fmt.Printf(" %s[%.0f-%.0f]", w.Text, w.X0, w.X1)
			}
			fmt.Println()
		}
	}
}
