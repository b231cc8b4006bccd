package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"gongkai"
)

// FuzzRead feeds arbitrary bytes to Read. It must never panic, must finish
// within its timeout, and must either return a document whose locations
// are in range or a *gongkai.ImportError.
func FuzzRead(f *testing.F) {
	table := genPage{W: 400, H: 300}
	for i, row := range [][]string{{"Code", "Name", "Total"}, {"2101501", "Admin", "609.29"}, {"2101502", "General affairs", "905.60"}} {
		for j, s := range row {
			table.Texts = append(table.Texts, genText{X: 30 + 120*float64(j), Y: 260 - 16*float64(i), Size: 10, S: s})
		}
	}
	seeds := [][]byte{
		genPDF([]genPage{textPage("Hello world", "second line 12.50")}, ""),
		genPDF([]genPage{table}, ""),
		genPDF([]genPage{{W: 200, H: 300, Rotate: 90, Texts: []genText{{20, 40, 10, "Rotated 1.00"}}}}, ""),
		genPDF([]genPage{{W: 100, H: 100, Image: true}}, ""),
		genPDF([]genPage{textPage("locked")}, "pw"),
		[]byte("%PDF-1.4\n%%EOF\n"),
	}
	for _, s := range seeds {
		f.Add(s)
		f.Add(s[:len(s)*2/3])
	}
	r := &Reader{Timeout: 10 * time.Second, MaxOutput: 8 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		start := time.Now()
		d, err := r.Read(ctx, "fuzz.pdf", bytes.Clone(data))
		if el := time.Since(start); el > 15*time.Second {
			t.Fatalf("Read took %s", el)
		}
		if err != nil {
			var ie *gongkai.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T %v, want *gongkai.ImportError", err, err)
			}
			return
		}
		if d.Pages < 1 || len(d.Lines) == 0 {
			t.Fatalf("document with %d pages, %d lines", d.Pages, len(d.Lines))
		}
		for _, b := range d.Blocks {
			if b.Loc.Line < 1 || b.Loc.Line > len(d.Lines) || b.Loc.Page < 1 || b.Loc.Page > d.Pages {
				t.Fatalf("block at %+v out of range", b.Loc)
			}
		}
	})
}

// FuzzLayout feeds arbitrary pdftotext TSV to the layout code, which is
// pure Go and fast to fuzz: it must never panic and every location must be
// in range.
func FuzzLayout(f *testing.F) {
	f.Add([]byte("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t400\t300\t-1\t###PAGE###\n" +
		"5\t1\t0\t0\t0\t0\t30\t40\t30\t10\t100\t项目\n5\t1\t0\t0\t0\t0\t150\t40\t30\t10\t100\t金额\n" +
		"5\t1\t0\t0\t0\t0\t30\t60\t60\t10\t100\t社会保障和就业支\n5\t1\t0\t0\t0\t0\t150\t66\t30\t10\t100\t76.23\n" +
		"5\t1\t0\t0\t0\t0\t30\t72\t10\t10\t100\t出\n5\t1\t0\t0\t0\t0\t30\t90\t10\t10\t100\t收\n5\t1\t0\t0\t0\t0\t70\t90\t10\t10\t100\t入\n"))
	f.Add([]byte("1\t1\t0\t0\t0\t0\t0\t0\t400\t300\t-1\t###PAGE###\n5\t1\t0\t0\t0\t0\t1\t1\t1\t1\t100\t1\n5\t1\t0\t0\t0\t0\t1\t1\t1\t1\t100\t1\n"))
	f.Fuzz(func(t *testing.T, tsv []byte) {
		pages, err := parseTSV(bytes.NewReader(tsv))
		if err != nil || len(pages) == 0 || countWords(pages) == 0 {
			return
		}
		d := layoutDocument(pages)
		for _, b := range d.Blocks {
			if b.Loc.Line < 1 || b.Loc.Line > len(d.Lines) {
				t.Fatalf("block at %+v out of range (%d lines)", b.Loc, len(d.Lines))
			}
			if b.IsGrid() {
				for _, r := range b.Grid.Rows {
					if r.Loc.Line < 1 || r.Loc.Line > len(d.Lines) {
						t.Fatalf("row at %+v out of range", r.Loc)
					}
				}
			}
		}
	})
}
