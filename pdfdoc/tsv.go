package pdfdoc

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"strconv"
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
func parseTSV(r io.Reader) ([]page, error) { return parseTSVPages(r, nil) }

// parseTSVPages is parseTSV calling done, when it is not nil, with every
// page once its last word is read (pdftotext writes the pages in order), so
// the caller can lay pages out while pdftotext reads the next ones.
func parseTSVPages(r io.Reader, done func(page)) ([]page, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var pages []page
	first := true
	var f [12][]byte // the fields of a row, as strings.SplitN(row, "\t", 12) gives them
	for sc.Scan() {
		line := sc.Bytes()
		if first {
			first = false
			if bytes.HasPrefix(line, []byte("level\t")) {
				continue
			}
		}
		n := 0
		for n < len(f)-1 {
			i := bytes.IndexByte(line, '\t')
			if i < 0 {
				break
			}
			f[n], line = line[:i], line[i+1:]
			n++
		}
		f[n] = line
		if n+1 < len(f) {
			continue
		}
		level, err1 := strconv.Atoi(string(f[0]))
		num, err2 := strconv.Atoi(string(f[1]))
		if err1 != nil || err2 != nil || num < 1 {
			continue
		}
		x, y, w, h, ok := parseBox(string(f[6]), string(f[7]), string(f[8]), string(f[9]))
		if !ok {
			continue
		}
		switch level {
		case levelPage:
			if done != nil && len(pages) > 0 {
				done(pages[len(pages)-1])
			}
			pages = append(pages, page{Num: num, Width: w, Height: h})
		case levelWord:
			if len(pages) == 0 || pages[len(pages)-1].Num != num {
				if done != nil && len(pages) > 0 {
					done(pages[len(pages)-1])
				}
				pages = append(pages, page{Num: num})
			}
			text := string(bytes.TrimSpace(f[11]))
			if text == "" || w <= 0 || h <= 0 {
				continue
			}
			p := &pages[len(pages)-1]
			p.Words = append(p.Words, word{Page: num, X0: x, Y0: y, X1: x + w, Y1: y + h, Text: text})
		}
	}
	if done != nil && len(pages) > 0 {
		done(pages[len(pages)-1])
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
