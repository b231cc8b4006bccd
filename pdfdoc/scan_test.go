package pdfdoc

import (
	"bufio"
	"fmt"
	"io"
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestScanMatchers(t *testing.T) {
	pieces := []string{"0", "1", "23", "456", "7890", ",", ".", "(", "（", ")", "）", "-", "−", "+", "%", "％",
		"—", "–", "/", "／", "*", "＊", "·", "a", "元", " ", "\xe2", "\xe2\x88"}
	rng := rand.New(rand.NewSource(3))
	samples := []string{"", "1,668.14", "-20400", "12.5%", "2101501", "(3.00)", "1,2345", "12,345,678.9", "—", "···", "....", "-/*"}
	for i := 0; i < 300000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		samples = append(samples, b.String())
	}
	for _, s := range samples {
		if got, want := matchNumber(s), numberRe.MatchString(s); got != want {
			t.Fatalf("matchNumber(%q) = %v, want %v", s, got, want)
		}
		if got, want := matchPlaceholder(s), placeholderRe.MatchString(s); got != want {
			t.Fatalf("matchPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
}

// refParseTSV is parseTSV as first written (strings.SplitN on each row).
func refParseTSV(r io.Reader) ([]page, error) {
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

func TestParseTSVRows(t *testing.T) {
	rows := []string{"level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
		"1\t1\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t###PAGE###", "5\t1\t0\t0\t0\t0\t10\t20\t30\t12\t100\t合计",
		"5\t1\t0\t0\t0\t0\t10\t20\t30\t12\t100\t a\tb ", "5\t1\t0\t0\t0\t0\t10\t20\t30\t12\t100", "5\t2\t0\t0\t0\t0\t1e3\t20\t3\t1\t100\t\u3000x\u3000",
		"x\t1", "5\t+2\t0\t0\t0\t0\t10\t20\t30\t12\t100\tword\t\t", "1\t3\t0\t0\t0\t0\t0\t0\t600\t800\t-1\tp", "5\t3\t0\t0\t0\t0\tNaN\t20\t30\t12\t100\tz",
		"5\t3\t0\t0\t0\t0\t5\t20\t0\t12\t100\tzero", "\t\t\t\t\t\t\t\t\t\t\t", "5\t0\t0\t0\t0\t0\t5\t20\t1\t12\t100\tpage0"}
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n >= 0; n-- {
			b.WriteString(rows[rng.Intn(len(rows))])
			b.WriteString([]string{"\n", "\r\n"}[rng.Intn(2)])
		}
		var got []page
		pages, err := parseTSVPages(strings.NewReader(b.String()), func(p page) { got = append(got, p) })
		want, werr := refParseTSV(strings.NewReader(b.String()))
		if fmt.Sprint(pages) != fmt.Sprint(want) || fmt.Sprint(got) != fmt.Sprint(want) || (err == nil) != (werr == nil) {
			t.Fatalf("%q:\n%v\n%v\nwant %v", b.String(), pages, got, want)
		}
	}
}

func TestLinePrefilters(t *testing.T) {
	pieces := []string{"第", "一", "十", "百", "零", "〇", "(", "（", ")", "）", "、", ".", "．", "1", "12", "①", "⑳", "⑴", "附", "件", "表",
		"部分", "章", "注", "备注", "说明", "填表说明", "注释", ":", "：", " ", "\u3000", "\t", "-", "－", "—", "–", "页", "共", "/", "a", "\xe6", "\ufffd"}
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := rng.Intn(7); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		level := 0
		for k, re := range []*regexp.Regexp{partRe, chapterRe, sectionRe, itemRe, subitemRe, appendixRe} {
			if re.MatchString(s) {
				level = []int{1, 2, 3, 4, 5, 2}[k]
				break
			}
		}
		if got := headingLevel(s); got != level {
			t.Fatalf("headingLevel(%q) = %d, want %d", s, got, level)
		}
		if got, want := isNoteText(s), noteRe.MatchString(compact(s)); got != want {
			t.Fatalf("isNoteText(%q) = %v, want %v", s, got, want)
		}
		if got, want := isPageNumber(s), pageNumRe.MatchString(strings.TrimSpace(s)); got != want {
			t.Fatalf("isPageNumber(%q) = %v, want %v", s, got, want)
		}
	}
}
