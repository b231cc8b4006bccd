package pdfdoc

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
)

// word is one word box as pdftotext -tsv reports it, in points from the
// top-left corner of its page.
type word struct {
	Page           int // 1-based
	X0, Y0, X1, Y1 float64
	Text           string
	// parts holds the words a letter-spaced word ("收　　入") was merged
	// from, so a table can split it again when its letters fall into
	// different columns. Nil for an ordinary word.
	parts []word
}

func (w word) width() float64  { return w.X1 - w.X0 }
func (w word) height() float64 { return w.Y1 - w.Y0 }
func (w word) midY() float64   { return (w.Y0 + w.Y1) / 2 }
func (w word) midX() float64   { return (w.X0 + w.X1) / 2 }

// page is one page of the TSV: its size and its words in TSV order.
type page struct {
	Num           int
	Width, Height float64
	Words         []word
}

// TSV levels of pdftotext -tsv.
const (
	levelPage = 1
	levelWord = 5
)

// parseTSV reads the output of pdftotext -tsv. Rows that do not parse are
// skipped: the output comes from a program, not a user, and a damaged row
// must not lose the rest of the document.
func parseTSV(r io.Reader) ([]page, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var pages []page
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			if strings.HasPrefix(line, "level\t") {
				continue
			}
		}
		f := strings.SplitN(line, "\t", 12)
		if len(f) < 12 {
			continue
		}
		level, err1 := strconv.Atoi(f[0])
		num, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || num < 1 {
			continue
		}
		x, y, w, h, ok := parseBox(f[6], f[7], f[8], f[9])
		if !ok {
			continue
		}
		switch level {
		case levelPage:
			pages = append(pages, page{Num: num, Width: w, Height: h})
		case levelWord:
			if len(pages) == 0 || pages[len(pages)-1].Num != num {
				pages = append(pages, page{Num: num})
			}
			text := strings.TrimSpace(f[11])
			if text == "" || w <= 0 || h <= 0 {
				continue
			}
			p := &pages[len(pages)-1]
			p.Words = append(p.Words, word{Page: num, X0: x, Y0: y, X1: x + w, Y1: y + h, Text: text})
		}
	}
	return pages, sc.Err()
}

func parseBox(xs, ys, ws, hs string) (x, y, w, h float64, ok bool) {
	var err [4]error
	x, err[0] = strconv.ParseFloat(xs, 64)
	y, err[1] = strconv.ParseFloat(ys, 64)
	w, err[2] = strconv.ParseFloat(ws, 64)
	h, err[3] = strconv.ParseFloat(hs, 64)
	for _, e := range err {
		if e != nil {
			return 0, 0, 0, 0, false
		}
	}
	for _, v := range [...]float64{x, y, w, h} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
			return 0, 0, 0, 0, false
		}
	}
	return x, y, w, h, true
}
