package docxdoc

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gongkai"
	"gongkai/doc"
)

const namespaces = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"`

// makeDocx writes a minimal .docx around body (the content of w:body).
// parts adds or replaces parts; an empty value removes a part.
func makeDocx(t testing.TB, body string, parts map[string]string) []byte {
	t.Helper()
	all := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + namespaces + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`,
	}
	for k, v := range parts {
		all[k] = v
	}
	var names []string
	for k, v := range all {
		if v != "" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, all[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func pStyle(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// tc writes a cell; props are tcPr children.
func tc(text string, props ...string) string {
	return `<w:tc><w:tcPr>` + strings.Join(props, "") + `</w:tcPr>` + p(text) + `</w:tc>`
}

func tr(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

func tbl(rows ...string) string { return `<w:tbl><w:tblPr/>` + strings.Join(rows, "") + `</w:tbl>` }

const (
	vRestartProp = `<w:vMerge w:val="restart"/>`
	vContProp    = `<w:vMerge/>`
)

func span(n int) string { return fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, n) }

func mustRead(t testing.TB, name string, data []byte) *doc.Document {
	t.Helper()
	d, err := Read(name, data)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	if err := docErr(d); err != nil {
		t.Fatalf("%v\n%s", err, d.Dump())
	}
	return d
}

func readFixture(t testing.TB, name string) *doc.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return mustRead(t, name, data)
}

// docErr checks the invariants every document must keep: locations index
// Lines, a text block is its line, a grid is rectangular, its row lines are
// its cells joined by tabs, and spans and Covered cells agree.
func docErr(d *doc.Document) error {
	line := func(n int) (string, error) {
		if n < 1 || n > len(d.Lines) {
			return "", fmt.Errorf("line %d out of range 1..%d", n, len(d.Lines))
		}
		return d.Lines[n-1], nil
	}
	for bi, b := range d.Blocks {
		if b.Grid == nil {
			l, err := line(b.Loc.Line)
			if err != nil {
				return fmt.Errorf("block %d: %v", bi, err)
			}
			if l != b.Text || b.Text == "" || strings.ContainsAny(b.Text, "\n\r") {
				return fmt.Errorf("block %d: line %q, text %q", bi, l, b.Text)
			}
			continue
		}
		g := b.Grid
		if len(g.Rows) == 0 {
			return fmt.Errorf("block %d: empty grid", bi)
		}
		if _, err := line(b.Loc.Line); err != nil {
			return fmt.Errorf("grid %d: %v", bi, err)
		}
		w := g.Width()
		covered := make([][]bool, len(g.Rows))
		for y, r := range g.Rows {
			if len(r.Cells) != w {
				return fmt.Errorf("grid %d row %d: %d cells, width %d", bi, y, len(r.Cells), w)
			}
			covered[y] = make([]bool, w)
			l, err := line(r.Loc.Line)
			if err != nil {
				return fmt.Errorf("grid %d row %d: %v", bi, y, err)
			}
			if want := strings.Join(g.Texts(y), "\t"); l != want {
				return fmt.Errorf("grid %d row %d: line %q, cells %q", bi, y, l, want)
			}
			for x, c := range r.Cells {
				if c.Loc.Line != r.Loc.Line || (c.Covered && c.Text != "") || strings.ContainsAny(c.Text, "\t\n") {
					return fmt.Errorf("grid %d cell %d,%d: %+v", bi, y, x, c)
				}
			}
		}
		for y, r := range g.Rows {
			for x, c := range r.Cells {
				if c.Covered || (c.ColSpan <= 1 && c.RowSpan <= 1) {
					continue
				}
				cs, rs := max(c.ColSpan, 1), max(c.RowSpan, 1)
				if y+rs > len(g.Rows) || x+cs > w {
					return fmt.Errorf("grid %d cell %d,%d: span %d×%d leaves the grid", bi, y, x, cs, rs)
				}
				for dy := range rs {
					for dx := range cs {
						if dx == 0 && dy == 0 {
							continue
						}
						if !g.Rows[y+dy].Cells[x+dx].Covered || covered[y+dy][x+dx] {
							return fmt.Errorf("grid %d cell %d,%d: span position %d,%d not covered once", bi, y, x, y+dy, x+dx)
						}
						covered[y+dy][x+dx] = true
					}
				}
			}
		}
		for y, r := range g.Rows {
			for x, c := range r.Cells {
				if c.Covered && !covered[y][x] {
					return fmt.Errorf("grid %d cell %d,%d: covered by no span", bi, y, x)
				}
			}
		}
	}
	return nil
}

func grids(d *doc.Document) []*doc.Grid {
	var out []*doc.Grid
	for _, b := range d.Blocks {
		if b.Grid != nil {
			out = append(out, b.Grid)
		}
	}
	return out
}

func texts(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Grid == nil {
			out = append(out, b.Text)
		}
	}
	return out
}

func rowsOf(g *doc.Grid) [][]string {
	var out [][]string
	for _, r := range g.Rows {
		var row []string
		for _, c := range r.Cells {
			if c.Covered {
				row = append(row, "^")
			} else {
				row = append(row, c.Text)
			}
		}
		out = append(out, row)
	}
	return out
}

func wantRows(t *testing.T, g *doc.Grid, want [][]string) {
	t.Helper()
	if got := rowsOf(g); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("grid rows:\n got %q\nwant %q", got, want)
	}
}

func wantTexts(t *testing.T, d *doc.Document, want ...string) {
	t.Helper()
	if got := texts(d); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("texts:\n got %q\nwant %q", got, want)
	}
}

func wantErr(t *testing.T, err error, sentinel error) *gongkai.ImportError {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %v, want %v", err, sentinel)
	}
	var ie *gongkai.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %T is not *gongkai.ImportError", err)
	}
	return ie
}

func TestLibreOfficeBudget(t *testing.T) {
	d := readFixture(t, "budget_lo.docx")
	if d.Format != "docx" || d.File != "budget_lo.docx" {
		t.Errorf("format %q file %q", d.Format, d.File)
	}
	var heads []string
	for _, b := range d.Blocks {
		if b.Heading > 0 {
			heads = append(heads, fmt.Sprintf("%d:%s", b.Heading, b.Text))
		}
	}
	if fmt.Sprint(heads) != "[1:某县医疗保障局2024年部门预算公开 2:第一部分 部门概况 2:第二部分 部门预算情况说明 3:名词解释]" {
		t.Errorf("headings %q", heads)
	}
	all := strings.Join(texts(d), "\n")
	for _, s := range []string{"1. 主要职责：", "2. 机构设置：", "公开03表 单位：万元", "注：本表金额保留两位小数。", "三、“三公”经费情况"} {
		if !strings.Contains(all, s) {
			t.Errorf("no %q in\n%s", s, d.Dump())
		}
	}
	gs := grids(d)
	if len(gs) != 2 {
		t.Fatalf("%d grids:\n%s", len(gs), d.Dump())
	}
	wantRows(t, gs[0], [][]string{
		{"科目编码", "科目名称", "本年支出", "^", "^"},
		{"^", "^", "合计", "基本支出", "项目支出"},
		{"210", "卫生健康支出", "1,235.51", "1,234.50", "1.01"},
		{"21015", "医疗保障管理事务", "1,235.51", "1,234.50", "1.01"},
		{"2101501", "行政运行", "1,234.50", "1,234.50", ""},
		{"2101502", "机关事业单位 基本养老保险缴费支出", "1.01", "", "1.01"},
		{"合计", "^", "1,235.51", "1,234.50", "1.01"},
	})
	c := gs[0].Rows[0].Cells
	if c[0].RowSpan != 2 || c[2].ColSpan != 3 || gs[0].Rows[6].Cells[0].ColSpan != 2 {
		t.Errorf("spans %+v %+v", c[0], c[2])
	}
	// The table inside a layout table is a grid of its own.
	wantRows(t, gs[1], [][]string{{"项目", "预算数"}, {"公务接待费", "2.50"}})
}

func TestLibreOfficeChineseNumbering(t *testing.T) {
	d := readFixture(t, "numbering_lo.docx")
	wantTexts(t, d, "某县医疗保障局2024年部门决算", "一、部门概况", "（一）主要职责", "（二）机构设置",
		"二、收入支出决算总体情况说明", "2023年度收入总计341.39万元。", "支出总计341.39万元。")
	want := []int{1, 2, 0, 0, 2, 0, 0}
	for i, b := range d.Blocks[:len(want)] {
		if b.Heading != want[i] {
			t.Errorf("block %d %q heading %d, want %d", i, b.Text, b.Heading, want[i])
		}
	}
	gs := grids(d)
	if len(gs) != 1 {
		t.Fatalf("grids:\n%s", d.Dump())
	}
	wantRows(t, gs[0], [][]string{{"项目", "决算数", "^", "^"}, {"^", "合计", "基本支出", "项目支出"}, {"2101501", "341.39", "300.00", "41.39"}})
}

func TestMerges(t *testing.T) {
	body := p("前言") + tbl(
		tr(tc("科目编码", vRestartProp), tc("科目名称", vRestartProp), tc("本年支出", span(3))),
		tr(tc("", vContProp), tc("", vContProp), tc("合计"), tc("基本支出"), tc("项目支出")),
		tr(tc("2101501"), tc("行政运行"), tc("100.00"), tc("100.00"), tc("")),
		// gridBefore/gridAfter leave empty cells; a continuation below a
		// cell that starts no merge is an ordinary cell.
		`<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="2"/></w:trPr>`+tc("甲", vContProp)+tc("乙")+`</w:tr>`,
		// A deleted row (tracked change) is left out.
		`<w:tr><w:trPr><w:del w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z"/></w:trPr>`+tc("删")+tc("除")+`</w:tr>`,
	) + p("后记")
	d := mustRead(t, "m.docx", makeDocx(t, body, nil))
	wantTexts(t, d, "前言", "后记")
	gs := grids(d)
	if len(gs) != 1 {
		t.Fatalf("grids:\n%s", d.Dump())
	}
	wantRows(t, gs[0], [][]string{
		{"科目编码", "科目名称", "本年支出", "^", "^"},
		{"^", "^", "合计", "基本支出", "项目支出"},
		{"2101501", "行政运行", "100.00", "100.00", ""},
		{"", "甲", "乙", "", ""},
	})
	if d.Blocks[1].Loc.Line != 2 || gs[0].Rows[2].Loc.Line != 4 || d.Lines[3] != "2101501\t行政运行\t100.00\t100.00\t" {
		t.Errorf("lines %q, grid at %d", d.Lines, d.Blocks[1].Loc.Line)
	}
	// A vertical merge over three rows with text in the continuation.
	body = tbl(
		tr(tc("A", vRestartProp), tc("1")),
		tr(tc("", vContProp), tc("2")),
		tr(tc("续", vContProp), tc("3")),
	)
	d = mustRead(t, "m.docx", makeDocx(t, body, nil))
	g := grids(d)[0]
	wantRows(t, g, [][]string{{"A 续", "1"}, {"^", "2"}, {"^", "3"}})
	if g.Rows[0].Cells[0].RowSpan != 3 {
		t.Errorf("rowspan %d", g.Rows[0].Cells[0].RowSpan)
	}
	// Legacy hMerge.
	body = tbl(tr(tc("宽", `<w:hMerge w:val="restart"/>`), tc("", `<w:hMerge/>`)), tr(tc("a"), tc("b")))
	wantRows(t, grids(mustRead(t, "m.docx", makeDocx(t, body, nil)))[0], [][]string{{"宽", "^"}, {"a", "b"}})
}

func TestNestedTables(t *testing.T) {
	inner := tbl(tr(tc("项目"), tc("金额")), tr(tc("公务接待费"), tc("2.50")))
	body := tbl(
		tr(tc("导航")),
		tr(`<w:tc>`+p("“三公”经费")+inner+p("表后")+`</w:tc>`),
	) +
		// A single-column table holding text is text.
		tbl(tr(`<w:tc>`+p("一、第一段")+p("二、第二段")+`</w:tc>`), tr(tc("三、第三段"))) +
		// Two columns, a table in one: layout.
		tbl(tr(tc("左栏"), `<w:tc>`+inner+`</w:tc>`))
	d := mustRead(t, "n.docx", makeDocx(t, body, nil))
	wantTexts(t, d, "导航", "“三公”经费", "表后", "一、第一段", "二、第二段", "三、第三段", "左栏")
	gs := grids(d)
	if len(gs) != 2 {
		t.Fatalf("grids:\n%s", d.Dump())
	}
	for _, g := range gs {
		wantRows(t, g, [][]string{{"项目", "金额"}, {"公务接待费", "2.50"}})
	}
}

const stylesXML = `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="wps3"><w:name w:val="标题 3"/></w:style>
<w:style w:type="paragraph" w:styleId="my"><w:name w:val="我的标题"/><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="body9"><w:name w:val="正文缩进"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
<w:style w:type="paragraph" w:styleId="list"><w:name w:val="列表"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>`

const numberingXML = `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircleChinese"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>`

const docRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.com/" TargetMode="External"/>
</Relationships>`

func numbered(numID, ilvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, text)
}

func TestHeadingsAndNumbering(t *testing.T) {
	body := pStyle("1", "标题一") + pStyle("2", "标题二") + pStyle("wps3", "标题三") + pStyle("my", "继承") +
		pStyle("Heading4", "无样式表的四级") + pStyle("body9", "正文") +
		`<w:p><w:pPr><w:outlineLvl w:val="4"/></w:pPr><w:r><w:t>直接大纲级别</w:t></w:r></w:p>` +
		pStyle("TOC1", "目录项\t3") +
		numbered(1, 0, "部门概况") + numbered(1, 1, "主要职责") + numbered(1, 1, "机构设置") +
		numbered(1, 2, "细目") + numbered(1, 0, "收支情况") + numbered(1, 1, "收入") +
		numbered(3, 0, "项目符号") + pStyle("list", "样式带编号") + pStyle("list", "样式带编号") +
		numbered(4, 0, "另起编号") + numbered(0, 0, "无编号")
	d := mustRead(t, "h.docx", makeDocx(t, body, map[string]string{
		"word/styles.xml":              stylesXML,
		"word/numbering.xml":           numberingXML,
		"word/_rels/document.xml.rels": docRels,
	}))
	var got []string
	for _, b := range d.Blocks {
		got = append(got, fmt.Sprintf("%d:%s", b.Heading, b.Text))
	}
	want := []string{"1:标题一", "2:标题二", "3:标题三", "1:继承", "4:无样式表的四级", "0:正文", "5:直接大纲级别",
		"0:一、部门概况", "0:（一）主要职责", "0:（二）机构设置", "0:1.2.1 细目", "0:二、收支情况", "0:（一）收入",
		"0:项目符号", "0:① 样式带编号", "0:② 样式带编号", "0:五、另起编号", "0:无编号"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("blocks:\n got %q\nwant %q", got, want)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    int
		f    string
		want string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"}, {21, "chineseCounting", "二十一"}, {105, "chineseCounting", "一百〇五"},
		{110, "chineseCounting", "一百一十"}, {3, "chineseLegalSimplified", "叁"}, {12, "chineseLegalSimplified", "壹拾贰"},
		{3, "decimal", "3"}, {3, "decimalZero", "03"}, {14, "upperRoman", "XIV"}, {28, "lowerLetter", "bb"},
		{2, "ideographTraditional", "乙"}, {3, "decimalEnclosedCircleChinese", "③"}, {12, "decimalFullWidth", "１２"},
		{2, "decimalEnclosedParen", "⑵"}, {7, "unknownFormat", "7"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.f); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.v, tt.f, got, tt.want)
		}
	}
}

func TestRuns(t *testing.T) {
	body := `<w:p><w:r><w:t xml:space="preserve">收入  合计</w:t></w:r><w:r><w:tab/><w:t>100.00</w:t></w:r>` +
		`<w:r><w:br/><w:t>第二行</w:t></w:r></w:p>` +
		// Tracked changes: inserted text is read, deleted text is not.
		`<w:p><w:r><w:t>比上年</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>减少</w:delText></w:r></w:del>` +
		`<w:ins w:id="2" w:author="a"><w:r><w:t>增加</w:t></w:r></w:ins><w:r><w:t>12.30万元</w:t></w:r></w:p>` +
		// A field: the code is not text, the result is.
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
		// Hidden text, a hyperlink, a smart tag, a non-breaking hyphen.
		`<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:hyperlink r:id="rId3"><w:r><w:t>链接</w:t></w:r></w:hyperlink>` +
		`<w:smartTag w:uri="x" w:element="y"><w:r><w:t>标记</w:t></w:r></w:smartTag><w:r><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t></w:r></w:p>` +
		// A table of contents in a content control is left out; other content
		// controls are read.
		`<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>` + p("目录\t1") + `</w:sdtContent></w:sdt>` +
		`<w:sdt><w:sdtPr/><w:sdtContent>` + p("控件内容") + `</w:sdtContent></w:sdt>` +
		// A text box in mc:AlternateContent: read once, after its paragraph.
		`<w:p><w:r><w:t>锚点</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p("文本框") +
		`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>` + p("文本框") +
		`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		// Empty paragraphs and white space only.
		`<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>` +
		`<w:p><m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath></w:p>`
	d := mustRead(t, "r.docx", makeDocx(t, body, nil))
	wantTexts(t, d, "收入 合计\t100.00", "第二行", "比上年增加12.30万元", "7", "链接标记A-B", "控件内容", "锚点", "文本框", "x=1")
}

func TestMainPartFromRels(t *testing.T) {
	docXML := `<?xml version="1.0" encoding="UTF-8"?><w:document ` + namespaces + `><w:body>` + p("正文在别处") + `</w:body></w:document>`
	data := makeDocx(t, "", map[string]string{
		"word/document.xml": "",
		"word/main.xml":     docXML,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>`,
	})
	wantTexts(t, mustRead(t, "x.docx", data), "正文在别处")
}

// forgedZip writes a zip whose single entry claims size declared but holds
// actual bytes of data.
func forgedZip(t testing.TB, name string, data []byte, declared uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(len(data)), UncompressedSize64: declared, Modified: time.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

func TestErrors(t *testing.T) {
	_, err := Read("empty.docx", nil)
	if ie := wantErr(t, err, gongkai.ErrEmpty); ie.File != "empty.docx" {
		t.Errorf("file %q", ie.File)
	}

	_, err = Read("no-body.docx", makeDocx(t, "", map[string]string{"word/document.xml": ""}))
	ie := wantErr(t, err, gongkai.ErrCorrupt)
	if !strings.Contains(ie.Detail, "word/document.xml") || !strings.Contains(ie.Detail, "缺少") {
		t.Errorf("detail %q", ie.Detail)
	}

	_, err = Read("broken.docx", makeDocx(t, "", map[string]string{"word/document.xml": `<w:document ` + namespaces + `><w:body><w:p><w:r><w:t>半截`}))
	ie = wantErr(t, err, gongkai.ErrCorrupt)
	if !strings.Contains(ie.Detail, "word/document.xml") {
		t.Errorf("detail %q", ie.Detail)
	}
	_, err = Read("bad.docx", makeDocx(t, "", map[string]string{"word/document.xml": `<w:document ` + namespaces + `><w:body><w:p></w:r></w:body></w:document>`}))
	wantErr(t, err, gongkai.ErrCorrupt)
	_, err = Read("nobody.docx", makeDocx(t, "", map[string]string{"word/document.xml": `<w:document ` + namespaces + `></w:document>`}))
	wantErr(t, err, gongkai.ErrCorrupt)
	_, err = Read("emptybody.docx", makeDocx(t, `<w:p/>`, nil))
	wantErr(t, err, gongkai.ErrEmpty)

	good := makeDocx(t, p("正文"), nil)
	_, err = Read("truncated.docx", good[:len(good)/2])
	wantErr(t, err, gongkai.ErrCorrupt)

	r := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	_, err = Read("random.docx", junk)
	wantErr(t, err, gongkai.ErrCorrupt)
	_, err = Read("random.docx", append([]byte("PK\x03\x04"), junk...))
	wantErr(t, err, gongkai.ErrCorrupt)

	ole := append(append([]byte{}, oleMagic...), make([]byte, 512)...)
	_, err = Read("old.doc", ole)
	ie = wantErr(t, err, gongkai.ErrUnsupported)
	if !strings.Contains(ie.Detail, "soffice --headless --convert-to docx old.doc") {
		t.Errorf("detail %q", ie.Detail)
	}
	_, err = Read("secret.docx", append(ole, utf16le("EncryptionInfo")...))
	wantErr(t, err, gongkai.ErrEncrypted)
	_, err = Read("page.docx", []byte("<html><body>x</body></html>"))
	wantErr(t, err, gongkai.ErrUnsupported)
}

func TestZipBomb(t *testing.T) {
	// An entry that says it unpacks to 300 MB is refused from the zip
	// directory, before anything is decompressed.
	_, err := Read("bomb.docx", forgedZip(t, "word/document.xml", []byte("x"), 300<<20))
	ie := wantErr(t, err, gongkai.ErrTooLarge)
	if !strings.Contains(ie.Detail, "200 MB") {
		t.Errorf("detail %q", ie.Detail)
	}
	// An entry that lies the other way (says 10 bytes, holds more) fails
	// while reading: archive/zip stops at the declared size.
	_, err = Read("liar.docx", forgedZip(t, "word/document.xml", bytes.Repeat([]byte("<w:p/>"), 1000), 10))
	wantErr(t, err, gongkai.ErrCorrupt)

	// A real bomb: 1 MB of compressed zeros against a 512 KB limit, so the
	// test stays fast; the default limit works the same way.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()
	_, err = (&Reader{MaxUnzipped: 512 << 10}).Read("bomb2.docx", buf.Bytes())
	wantErr(t, err, gongkai.ErrTooLarge)
}

func TestCellLimit(t *testing.T) {
	row := tr(tc("a", span(1000)))
	body := tbl(strings.Repeat(row, 20))
	_, err := (&Reader{MaxCells: 10_000}).Read("big.docx", makeDocx(t, body, nil))
	wantErr(t, err, gongkai.ErrTooLarge)
}

func TestDeepNesting(t *testing.T) {
	body := strings.Repeat("<w:customXml>", 1000) + p("深处") + strings.Repeat("</w:customXml>", 1000) + p("之后")
	d := mustRead(t, "deep.docx", makeDocx(t, body, nil))
	wantTexts(t, d, "之后") // content nested deeper than the limit is skipped
}

func fixtures(t testing.TB) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob("testdata/*.docx")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

func FuzzRead(f *testing.F) {
	for _, data := range fixtures(f) {
		f.Add(data)
	}
	f.Add(makeDocx(f, tbl(tr(tc("a", vRestartProp), tc("b", span(2))), tr(tc("", vContProp), tc("c"))), nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := (&Reader{MaxCells: 100_000}).Read("fuzz.docx", data)
		if err != nil {
			var ie *gongkai.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		if err := docErr(d); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDocumentXML fuzzes the XML of the main part inside a valid package,
// where a byte-level fuzzer of the zip rarely gets.
func FuzzDocumentXML(f *testing.F) {
	f.Add(`<w:document ` + namespaces + `><w:body>` + tbl(tr(tc("a", vRestartProp), tc("b", span(2))), tr(tc("", vContProp), tc("c"))) + `</w:body></w:document>`)
	f.Add(`<w:document ` + namespaces + `><w:body>` + numbered(1, 0, "x") + `</w:body></w:document>`)
	f.Fuzz(func(t *testing.T, xml string) {
		data := makeDocx(t, "", map[string]string{
			"word/document.xml": xml, "word/numbering.xml": numberingXML, "word/styles.xml": stylesXML,
			"word/_rels/document.xml.rels": docRels,
		})
		d, err := (&Reader{MaxCells: 100_000}).Read("fuzz.docx", data)
		if err != nil {
			var ie *gongkai.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		if err := docErr(d); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkRead(b *testing.B) {
	fixture, err := os.ReadFile("testdata/budget_lo.docx")
	if err != nil {
		b.Fatal(err)
	}
	// A long document: 40 sections of prose and a 100-row table with a
	// merged header.
	var sb strings.Builder
	for i := range 40 {
		sb.WriteString(pStyle("Heading2", fmt.Sprintf("第%d部分", i)))
		sb.WriteString(p(fmt.Sprintf("本年收入合计%d.00万元，比上年增加12.30万元，增长1.0%%。", i*100)))
		rows := []string{
			tr(tc("科目编码", vRestartProp), tc("科目名称", vRestartProp), tc("本年支出", span(3))),
			tr(tc("", vContProp), tc("", vContProp), tc("合计"), tc("基本支出"), tc("项目支出")),
		}
		for j := range 100 {
			rows = append(rows, tr(tc(fmt.Sprintf("21015%02d", j)), tc("行政运行"), tc(fmt.Sprintf("%d.50", j)), tc(fmt.Sprintf("%d.00", j)), tc("0.50")))
		}
		sb.WriteString(tbl(rows...))
	}
	long := makeDocx(b, sb.String(), nil)
	for _, bb := range []struct {
		name string
		data []byte
	}{{"budget_lo", fixture}, {"40x100rows", long}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read("bench.docx", bb.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
