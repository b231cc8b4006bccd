package pdfdoc

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

func TestColDump(t *testing.T) {
	debugCols = os.Getenv("DC") != ""
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
		lines := buildLines(p)
		pl := classifyPage(p, lines)
		for i, l := range lines {
			fmt.Printf("%d kind=%d %s\n", i, pl.kinds[i], l.Text)
		}
		for _, r := range pl.findRegions() {
			ls := r.lines()
			bf := firstNumericLine(ls)
			fmt.Printf("region %d-%d bodyFrom=%d\n", r.from, r.to, bf)
			for _, c := range detectColumns(ls, bf) {
				fmt.Printf("  col %.0f-%.0f right %.0f\n", c.X0, c.X1, c.Right)
			}
		}
	}
}
