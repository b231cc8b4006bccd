package docxdoc

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// style is a paragraph style from word/styles.xml.
type style struct {
	name    string
	basedOn string
	outline int // -1 when not set
	hasNum  bool
	numID   string
	ilvl    int
}

type styles struct {
	byID map[string]*style
}

// parse reads word/styles.xml; errors leave what was read.
func (s *styles) parse(data []byte) {
	var x struct {
		Style []struct {
			Type    string `xml:"type,attr"`
			ID      string `xml:"styleId,attr"`
			Name    valEl  `xml:"name"`
			BasedOn valEl  `xml:"basedOn"`
			PPr     struct {
				Outline *valEl `xml:"outlineLvl"`
				NumPr   *struct {
					NumID *valEl `xml:"numId"`
					Ilvl  *valEl `xml:"ilvl"`
				} `xml:"numPr"`
			} `xml:"pPr"`
		} `xml:"style"`
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	_ = d.Decode(&x)
	for _, e := range x.Style {
		if e.Type != "" && e.Type != "paragraph" {
			continue
		}
		st := &style{name: e.Name.Val, basedOn: e.BasedOn.Val, outline: -1, ilvl: -1}
		if e.PPr.Outline != nil {
			if n, err := strconv.Atoi(e.PPr.Outline.Val); err == nil {
				st.outline = n
			}
		}
		if np := e.PPr.NumPr; np != nil {
			st.hasNum = true
			if np.NumID != nil {
				st.numID = np.NumID.Val
			}
			if np.Ilvl != nil {
				st.ilvl, _ = strconv.Atoi(np.Ilvl.Val)
			}
		}
		s.byID[e.ID] = st
	}
}

type valEl struct {
	Val string `xml:"val,attr"`
}

var headingName = regexp.MustCompile(`^(?i:heading|标题)\s*([1-9])$`)

// name returns the name of a style (its id when unknown).
func (s *styles) name(id string) string {
	if st := s.byID[id]; st != nil && st.name != "" {
		return st.name
	}
	return id
}

// chain returns the style and the styles it is based on, nearest first.
func (s *styles) chain(id string) []*style {
	var out []*style
	for range 16 {
		st := s.byID[id]
		if st == nil {
			break
		}
		out = append(out, st)
		id = st.basedOn
	}
	return out
}

// heading returns the heading level of a paragraph with style id and
// outline level outline (-1 when the paragraph sets none), 0 for body text.
func (s *styles) heading(id string, outline int) int {
	if outline >= 0 {
		return outlineHeading(outline)
	}
	if id == "" {
		return 0
	}
	for _, st := range s.chain(id) {
		if st.outline >= 0 {
			return outlineHeading(st.outline)
		}
		if h := nameHeading(st.name); h > 0 {
			return h
		}
	}
	// No styles part, or a style it does not define: go by the id
	// ("Heading1", "标题1").
	return nameHeading(id)
}

func outlineHeading(outline int) int {
	if outline >= 0 && outline <= 8 {
		return outline + 1
	}
	return 0
}

func nameHeading(name string) int {
	name = strings.TrimSpace(name)
	if m := headingName.FindStringSubmatch(name); m != nil {
		return int(m[1][0] - '0')
	}
	switch strings.ToLower(name) {
	case "title", "标题":
		return 1
	}
	return 0
}

// numbering returns the numbering a style (or a style it is based on)
// gives its paragraphs.
func (s *styles) numbering(id string) (numID string, ilvl int) {
	for _, st := range s.chain(id) {
		if st.hasNum {
			return st.numID, st.ilvl
		}
	}
	return "", -1
}

var tocStyle = regexp.MustCompile(`^(?i:toc|目录)\s*[1-9]$`)

func isTOCStyle(name string) bool { return tocStyle.MatchString(strings.TrimSpace(name)) }

// numbering holds word/numbering.xml and the counters of the lists read so
// far, so labels ("一、", "（二）", "3.") can be put back into the text.
type numbering struct {
	abs   map[string]*abstractNum
	nums  map[string]*numInstance
	count map[string]*counter // per abstract numbering
}

// counter is the state of one list: the current value of each level and
// whether the level has started.
type counter struct {
	v  [9]int
	on [9]bool
}

type level struct {
	start int
	fmt   string
	text  string
	suff  string
	isLgl bool
	set   bool
}

type abstractNum struct {
	lvl [9]level
}

type numInstance struct {
	abs      string
	override map[int]int // level → startOverride
	lvl      map[int]level
	used     bool
}

type xLvl struct {
	Ilvl    string `xml:"ilvl,attr"`
	Start   *valEl `xml:"start"`
	NumFmt  *valEl `xml:"numFmt"`
	LvlText *valEl `xml:"lvlText"`
	Suff    *valEl `xml:"suff"`
	IsLgl   *valEl `xml:"isLgl"`
}

func (x xLvl) level() (int, level) {
	i, err := strconv.Atoi(x.Ilvl)
	if err != nil || i < 0 || i > 8 {
		return -1, level{}
	}
	l := level{start: 1, fmt: "decimal", suff: "tab", set: true}
	if x.Start != nil {
		if n, err := strconv.Atoi(x.Start.Val); err == nil {
			l.start = n
		}
	}
	if x.NumFmt != nil {
		l.fmt = x.NumFmt.Val
	}
	if x.LvlText != nil {
		l.text = x.LvlText.Val
	}
	if x.Suff != nil {
		l.suff = x.Suff.Val
	}
	if x.IsLgl != nil {
		l.isLgl = x.IsLgl.Val == "" || x.IsLgl.Val == "1" || x.IsLgl.Val == "true"
	}
	return i, l
}

func (n *numbering) parse(data []byte) {
	var x struct {
		Abstract []struct {
			ID  string `xml:"abstractNumId,attr"`
			Lvl []xLvl `xml:"lvl"`
		} `xml:"abstractNum"`
		Num []struct {
			ID       string `xml:"numId,attr"`
			Abs      valEl  `xml:"abstractNumId"`
			Override []struct {
				Ilvl  string `xml:"ilvl,attr"`
				Start *valEl `xml:"startOverride"`
				Lvl   *xLvl  `xml:"lvl"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	_ = d.Decode(&x)
	for _, a := range x.Abstract {
		an := &abstractNum{}
		for _, xl := range a.Lvl {
			if i, l := xl.level(); i >= 0 {
				an.lvl[i] = l
			}
		}
		n.abs[a.ID] = an
	}
	for _, e := range x.Num {
		ni := &numInstance{abs: e.Abs.Val, override: map[int]int{}, lvl: map[int]level{}}
		for _, o := range e.Override {
			i, err := strconv.Atoi(o.Ilvl)
			if err != nil || i < 0 || i > 8 {
				continue
			}
			if o.Start != nil {
				if v, err := strconv.Atoi(o.Start.Val); err == nil {
					ni.override[i] = v
				}
			}
			if o.Lvl != nil {
				if _, l := o.Lvl.level(); l.set {
					ni.lvl[i] = l
				}
			}
		}
		n.nums[e.ID] = ni
	}
}

func (n *numbering) levelOf(ni *numInstance, an *abstractNum, i int) level {
	if l, ok := ni.lvl[i]; ok {
		return l
	}
	return an.lvl[i]
}

// label advances the list numID at level ilvl and returns the label of the
// paragraph, with a separating space where the label does not end in
// punctuation. Bullets give "".
func (n *numbering) label(numID string, ilvl int) string {
	if numID == "" || numID == "0" || ilvl < 0 || ilvl > 8 {
		return ""
	}
	ni := n.nums[numID]
	if ni == nil {
		return ""
	}
	an := n.abs[ni.abs]
	if an == nil {
		return ""
	}
	cur := n.count[ni.abs]
	if cur == nil {
		cur = new(counter)
		n.count[ni.abs] = cur
	}
	if !ni.used {
		ni.used = true
		for i, v := range ni.override {
			cur.v[i], cur.on[i] = v-1, true
			for k := i + 1; k < 9; k++ {
				cur.on[k] = false
			}
		}
	}
	lv := n.levelOf(ni, an, ilvl)
	if !cur.on[ilvl] {
		cur.v[ilvl], cur.on[ilvl] = lv.start-1, true
	}
	cur.v[ilvl]++
	for k := ilvl + 1; k < 9; k++ {
		cur.on[k] = false
	}
	if !lv.set || lv.fmt == "bullet" || lv.fmt == "none" {
		return ""
	}
	var sb strings.Builder
	t := lv.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			i++
			if k > ilvl {
				continue
			}
			lk := n.levelOf(ni, an, k)
			v := cur.v[k]
			if !cur.on[k] {
				v = lk.start
			}
			f := lk.fmt
			if lv.isLgl && k < ilvl {
				f = "decimal"
			}
			sb.WriteString(formatNumber(v, f))
			continue
		}
		sb.WriteByte(t[i])
	}
	s := sb.String()
	if s == "" || lv.suff == "nothing" {
		return s
	}
	r := []rune(s)
	if isWidePunct(r[len(r)-1]) {
		return s
	}
	return s + " "
}

func isWidePunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || strings.ContainsRune("、．。）】〕", r)
}

// formatNumber writes v in an OOXML number format.
func formatNumber(v int, f string) string {
	switch f {
	case "decimalZero":
		if v >= 0 && v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "upperRoman":
		return roman(v)
	case "lowerRoman":
		return strings.ToLower(roman(v))
	case "upperLetter":
		return letters(v, 'A')
	case "lowerLetter":
		return letters(v, 'a')
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
		"taiwaneseCountingThousand", "japaneseCounting", "koreanCounting":
		return chineseNumber(v, false)
	case "chineseLegalSimplified":
		return chineseNumber(v, true)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		var sb strings.Builder
		for _, c := range strconv.Itoa(v) {
			sb.WriteRune([]rune("〇一二三四五六七八九")[c-'0'])
		}
		return sb.String()
	case "ideographTraditional":
		if v >= 1 && v <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[v-1])
		}
	case "ideographZodiac":
		if v >= 1 && v <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[v-1])
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var sb strings.Builder
		for _, c := range strconv.Itoa(v) {
			sb.WriteRune(c - '0' + '０')
		}
		return sb.String()
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		if v >= 1 && v <= 20 {
			return string(rune('①' + v - 1))
		}
	case "decimalEnclosedParen":
		if v >= 1 && v <= 20 {
			return string(rune('⑴' + v - 1))
		}
	case "decimalEnclosedFullstop":
		if v >= 1 && v <= 20 {
			return string(rune('⒈' + v - 1))
		}
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var sb strings.Builder
	for i, n := range vals {
		for v >= n {
			sb.WriteString(syms[i])
			v -= n
		}
	}
	return sb.String()
}

func letters(v int, base byte) string {
	if v <= 0 {
		return strconv.Itoa(v)
	}
	// Word repeats the letter: a…z, aa…zz, aaa…
	n := (v-1)/26 + 1
	return strings.Repeat(string(rune(base+byte((v-1)%26))), min(n, 10))
}

// chineseNumber writes 1–99999 in Chinese numerals: 一, 十, 十一, 二十一,
// 一百零五; legal uses the financial forms 壹贰叁.
func chineseNumber(v int, legal bool) string {
	digits := []rune("〇一二三四五六七八九")
	units := []string{"", "十", "百", "千", "万"}
	if legal {
		digits = []rune("零壹贰叁肆伍陆柒捌玖")
		units = []string{"", "拾", "佰", "仟", "万"}
	}
	if v == 0 {
		return string(digits[0])
	}
	if v < 0 || v > 99999 {
		return strconv.Itoa(v)
	}
	s := strconv.Itoa(v)
	var sb strings.Builder
	zero := false
	for i, c := range s {
		d := int(c - '0')
		u := len(s) - 1 - i
		if d == 0 {
			zero = true
			continue
		}
		if zero {
			sb.WriteRune(digits[0])
			zero = false
		}
		if !(d == 1 && u == 1 && i == 0 && !legal) { // 十一, not 一十一
			sb.WriteRune(digits[d])
		}
		sb.WriteString(units[u])
	}
	return sb.String()
}
