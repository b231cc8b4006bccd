package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/reportjson"
)

// ReportSheet is the hidden worksheet that carries the sealed report (the
// name package xlsxdoc reads).
const ReportSheet = "gongkai_report"

// maxCellText is how many characters the report data puts in one cell:
// below Excel's limit of 32,767.
const maxCellText = 32000

// XLSX writes r as a workbook in the official layout: a sheet 说明 with the
// prose, one row a paragraph, then one sheet per table (title row merged
// across, the unit line, the header with its merged cells, codes as text,
// amounts as numbers formatted #,##0.00, column widths from the content,
// the header frozen and repeated on printed pages, A4), and the hidden
// sheet gongkai_report holding the sealed report, packed
// (reportjson.Pack), in A1 — or, when it is longer than one cell holds,
// "gongkai-report-parts:N" in A1 and the pieces in A2…A(N+1).
func XLSX(r *gongkai.Report) ([]byte, error) {
	sealed, err := reportjson.Seal(r)
	if err != nil {
		return nil, err
	}
	return xlsxWithSeal(r, sealed)
}

func xlsxWithSeal(r *gongkai.Report, sealed []byte) ([]byte, error) {
	d := layout(r)
	f := excelize.NewFile()
	defer f.Close()
	w := &xlsxWriter{f: f, names: map[string]bool{}, money: map[int]int{}, names2: map[int]int{}}
	if err := w.styles(); err != nil {
		return nil, err
	}
	// The hidden sheet first: hiding a sheet makes excelize read every
	// worksheet back, which is cheap only before they are streamed.
	if err := w.reportSheet(sealed); err != nil {
		return nil, err
	}
	first := "Sheet1"
	used := false
	// The prose sheet.
	var prose []block
	for _, b := range d.Blocks {
		if b.Table == nil {
			prose = append(prose, b)
		}
	}
	if len(prose) > 0 {
		name := w.sheetName("说明")
		if err := f.SetSheetName(first, name); err != nil {
			return nil, err
		}
		used = true
		if err := w.prose(name, prose); err != nil {
			return nil, err
		}
	}
	for _, b := range d.Blocks {
		if b.Table == nil {
			continue
		}
		name := w.sheetName(sheetLabel(b.Table))
		if !used {
			if err := f.SetSheetName(first, name); err != nil {
				return nil, err
			}
			used = true
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := w.table(name, b.Table); err != nil {
			return nil, fmt.Errorf("render: XLSX 表格 %s：%w", b.Table.Title, err)
		}
	}
	if !used {
		if err := f.SetSheetName(first, w.sheetName("说明")); err != nil {
			return nil, err
		}
	}
	f.SetDocProps(&excelize.DocProperties{Title: d.title(), Creator: "gongkai", Language: "zh-CN"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("render: XLSX：%w", err)
	}
	return buf.Bytes(), nil
}

// title is the document's title text.
func (d *document) title() string {
	if d.TitleBlock >= 0 {
		return compactSpaces(d.Blocks[d.TitleBlock].Text)
	}
	return ""
}

type xlsxWriter struct {
	f     *excelize.File
	names map[string]bool
	// Style ids.
	title, number, unit, head, name, code, text, note, para, heading int
	money                                                            map[int]int // by decimals
	names2                                                           map[int]int // row names by indent level
}

// nameStyle is the style of a row name indented by level (款 and 项 lines
// under their 类).
func (w *xlsxWriter) nameStyle(level int) (int, error) {
	if level == 0 {
		return w.name, nil
	}
	if id, ok := w.names2[level]; ok {
		return id, nil
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	id, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10}, Border: border,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true, Horizontal: "left", Indent: level}})
	if err != nil {
		return 0, err
	}
	w.names2[level] = id
	return id, nil
}

func (w *xlsxWriter) styles() error {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	song := func(size float64) *excelize.Font { return &excelize.Font{Family: "宋体", Size: size} }
	hei := func(size float64) *excelize.Font { return &excelize.Font{Family: "黑体", Size: size} }
	var err error
	mk := func(dst *int, s *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = w.f.NewStyle(s)
	}
	mk(&w.title, &excelize.Style{Font: hei(16), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	mk(&w.number, &excelize.Style{Font: song(10), Alignment: &excelize.Alignment{Horizontal: "right"}})
	mk(&w.unit, &excelize.Style{Font: song(10), Alignment: &excelize.Alignment{Horizontal: "right"}})
	mk(&w.head, &excelize.Style{Font: hei(10), Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	mk(&w.name, &excelize.Style{Font: song(10), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	mk(&w.code, &excelize.Style{Font: song(10), Border: border, NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "center"}})
	mk(&w.text, &excelize.Style{Font: song(10), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	mk(&w.note, &excelize.Style{Font: song(10)})
	mk(&w.para, &excelize.Style{Font: song(11), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	mk(&w.heading, &excelize.Style{Font: hei(12)})
	return err
}

// moneyStyle is the style of amounts printed with the given decimals:
// #,##0.00 for two.
func (w *xlsxWriter) moneyStyle(places int) (int, error) {
	if id, ok := w.money[places]; ok {
		return id, nil
	}
	fmtCode := "#,##0"
	if places > 0 {
		fmtCode += "." + strings.Repeat("0", places)
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	id, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10}, Border: border,
		CustomNumFmt: &fmtCode, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	if err != nil {
		return 0, err
	}
	w.money[places] = id
	return id, nil
}

// sheetLabel names a table's sheet: its number (预算01表, 公开05表), else
// the name of its kind.
func sheetLabel(g *grid) string {
	if g.Number != "" {
		return g.Number
	}
	return g.Table.Kind.Name()
}

// sheetName makes a valid, unique sheet name: at most 31 characters,
// none of : \ / ? * [ ].
func (w *xlsxWriter) sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]'`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" || strings.EqualFold(s, ReportSheet) {
		s = "表"
	}
	base := truncRunes(s, 28)
	name := base
	for i := 2; w.names[strings.ToLower(name)]; i++ {
		name = base + "(" + strconv.Itoa(i) + ")"
	}
	w.names[strings.ToLower(name)] = true
	return name
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// prose writes the title, headings and paragraphs one per row in column A.
func (w *xlsxWriter) prose(sheet string, blocks []block) error {
	if err := w.printLayout(sheet, false); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 90); err != nil {
		return err
	}
	for i, b := range blocks {
		style := w.para
		switch b.Heading {
		case 1:
			style = w.title
		case 2, 3:
			style = w.heading
		}
		opts := []excelize.RowOpts{}
		if b.Heading == 0 {
			// Rows do not grow to fit wrapped text by themselves.
			lines := int(math.Ceil(textWidth(b.Text) / 44))
			if lines > 1 {
				opts = append(opts, excelize.RowOpts{Height: float64(lines) * 15})
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: style, Value: b.Text}}, opts...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// printLayout sets a sheet to print on A4, as wide as one page. It must
// be called before the sheet is streamed: the stream writer keeps these
// settings, and setting them afterwards would make excelize parse the
// whole sheet back.
func (w *xlsxWriter) printLayout(sheet string, landscape bool) error {
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	a4, one, zero := 9, 1, 0
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	return w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// table writes one table sheet.
func (w *xlsxWriter) table(sheet string, g *grid) error {
	if err := w.printLayout(sheet, g.Landscape); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	ncol := max(len(g.Cols), 1)
	for j, c := range g.Cols {
		width := c.Width*2 + 2
		if c.Kind == colMoney {
			width = max(width, 12)
		}
		if err := sw.SetColWidth(j+1, j+1, min(width, 60)); err != nil {
			return err
		}
	}
	row := 0
	// Title lines: the table number (right), the title merged across, the
	// unit line (right).
	headStart := 1
	if g.Number != "" {
		headStart++
	}
	headStart += 2
	bodyStart := headStart + len(g.Head)
	if len(g.Head) > 0 && len(g.Body) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: bodyStart - 1,
			TopLeftCell: "A" + strconv.Itoa(bodyStart), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	put := func(values []any, opts ...excelize.RowOpts) error {
		row++
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(cell, values, opts...)
	}
	last, _ := excelize.ColumnNumberToName(ncol)
	if g.Number != "" {
		vals := make([]any, ncol)
		vals[ncol-1] = excelize.Cell{StyleID: w.number, Value: g.Number}
		if err := put(vals); err != nil {
			return err
		}
	}
	if err := put([]any{excelize.Cell{StyleID: w.title, Value: g.Title}}, excelize.RowOpts{Height: 28}); err != nil {
		return err
	}
	if ncol > 1 {
		if err := sw.MergeCell("A"+strconv.Itoa(row), last+strconv.Itoa(row)); err != nil {
			return err
		}
	}
	vals := make([]any, ncol)
	vals[ncol-1] = excelize.Cell{StyleID: w.unit, Value: "单位：" + string(g.Unit)}
	if err := put(vals); err != nil {
		return err
	}
	// Header.
	for _, hr := range g.Head {
		vals := make([]any, ncol)
		for j := range vals {
			vals[j] = excelize.Cell{StyleID: w.head}
		}
		for j, c := range hr {
			if c.Covered {
				continue
			}
			vals[j] = excelize.Cell{StyleID: w.head, Value: c.Text}
		}
		if err := put(vals, excelize.RowOpts{Height: 30}); err != nil {
			return err
		}
		for j, c := range hr {
			if c.Covered || (c.ColSpan <= 1 && c.RowSpan <= 1) {
				continue
			}
			tl, _ := excelize.CoordinatesToCellName(j+1, row)
			br, _ := excelize.CoordinatesToCellName(j+max(c.ColSpan, 1), row+max(c.RowSpan, 1)-1)
			if err := sw.MergeCell(tl, br); err != nil {
				return err
			}
		}
	}
	// Body.
	for _, br := range g.Body {
		vals := make([]any, ncol)
		for j, c := range br {
			if c.Covered {
				continue
			}
			v, err := w.cell(c)
			if err != nil {
				return err
			}
			vals[j] = v
		}
		if err := put(vals); err != nil {
			return err
		}
	}
	for _, n := range g.Notes {
		if err := put([]any{excelize.Cell{StyleID: w.note, Value: n}}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	// The header rows print on every page.
	if len(g.Head) > 0 {
		ref := fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), headStart, bodyStart-1)
		if err := w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet}); err != nil {
			return err
		}
	}
	return nil
}

// cell is the value and style of a body cell: amounts as numbers, codes
// and names as text.
func (w *xlsxWriter) cell(c gcell) (any, error) {
	switch {
	case c.Money != nil:
		id, err := w.moneyStyle(c.Money.Places)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{StyleID: id, Value: moneyNumber(c.Money)}, nil
	case c.Kind == colCode:
		return excelize.Cell{StyleID: w.code, Value: c.Text}, nil
	case c.Header:
		id, err := w.nameStyle(c.Level)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{StyleID: id, Value: c.Text}, nil
	}
	return excelize.Cell{StyleID: w.text, Value: c.Text}, nil
}

// moneyNumber is an amount as the number a cell stores, in its unit. The
// float64 is the one nearest the exact decimal, and excelize writes its
// shortest representation, which is that decimal (amounts under 2^53 分
// with at most 15 significant digits, which budgets never exceed).
func moneyNumber(m *gongkai.Money) float64 {
	s := gongkai.FormatFen(m.Fen, m.Unit, m.Unit.MaxPlaces())
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// reportSheet writes the hidden sheet with the sealed report.
func (w *xlsxWriter) reportSheet(sealed []byte) error {
	w.names[strings.ToLower(ReportSheet)] = true
	if _, err := w.f.NewSheet(ReportSheet); err != nil {
		return err
	}
	packed := reportjson.Pack(sealed)
	if len(packed) <= maxCellText {
		if err := w.f.SetCellStr(ReportSheet, "A1", packed); err != nil {
			return err
		}
	} else {
		n := (len(packed) + maxCellText - 1) / maxCellText
		if err := w.f.SetCellStr(ReportSheet, "A1", reportjson.PartsPrefix+strconv.Itoa(n)); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			piece := packed[i*maxCellText : min(len(packed), (i+1)*maxCellText)]
			if err := w.f.SetCellStr(ReportSheet, "A"+strconv.Itoa(i+2), piece); err != nil {
				return err
			}
		}
	}
	return w.f.SetSheetVisible(ReportSheet, false)
}
