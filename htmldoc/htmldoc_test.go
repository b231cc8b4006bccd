package htmldoc

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai"
	"gongkai/doc"
)

func mustRead(t testing.TB, name string, data []byte) *doc.Document {
	t.Helper()
	d, err := Read(name, data)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	checkDoc(t, d)
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

// checkDoc verifies the invariants every document must keep: locations
// index Lines, a text block is its line, a grid is rectangular, its row
// lines are its cells joined by tabs, and spans and Covered cells agree.
func checkDoc(t testing.TB, d *doc.Document) {
	t.Helper()
	if err := docErr(d); err != nil {
		t.Fatal(err)
	}
}

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
			if l != b.Text {
				return fmt.Errorf("block %d: line %q, text %q", bi, l, b.Text)
			}
			if b.Text == "" || strings.ContainsAny(b.Text, "\n\r") {
				return fmt.Errorf("block %d: bad text %q", bi, b.Text)
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
				if c.Loc.Line != r.Loc.Line {
					return fmt.Errorf("grid %d cell %d,%d: line %d, row line %d", bi, y, x, c.Loc.Line, r.Loc.Line)
				}
				if c.Covered && c.Text != "" {
					return fmt.Errorf("grid %d cell %d,%d: covered cell with text %q", bi, y, x, c.Text)
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

func hasText(d *doc.Document, s string) bool {
	for _, t := range texts(d) {
		if t == s {
			return true
		}
	}
	return false
}

// rowsOf renders a grid as rows of cell texts; covered cells are "^".
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
	got := rowsOf(g)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("grid rows:\n got %q\nwant %q", got, want)
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

// The header of the budget table in every fixture: 科目编码 | 科目名称 |
// 本年支出 (合计 / 基本支出 / 项目支出), the first two merged down.
var budgetHeader = [][]string{
	{"科目编码", "科目名称", "本年支出", "^", "^"},
	{"^", "^", "合计", "基本支出", "项目支出"},
}

func TestLibreOfficeWriterExport(t *testing.T) {
	d := readFixture(t, "lo_writer.html")
	if d.Format != "html" || d.File != "lo_writer.html" {
		t.Errorf("format %q file %q", d.Format, d.File)
	}
	if b := d.Blocks[0]; b.Text != "某县医疗保障局2024年部门预算公开" || b.Heading != 1 {
		t.Errorf("first block %+v", b)
	}
	var h2 []string
	for _, b := range d.Blocks {
		if b.Heading == 2 {
			h2 = append(h2, b.Text)
		}
	}
	if fmt.Sprint(h2) != "[第一部分 部门概况 第二部分 部门预算情况说明]" {
		t.Errorf("h2 = %q", h2)
	}
	for _, s := range []string{"公开03表 单位：万元", "注：本表金额保留两位小数。", "三、“三公”经费情况"} {
		if !hasText(d, s) {
			t.Errorf("no text block %q in\n%s", s, d.Dump())
		}
	}
	gs := grids(d)
	if len(gs) != 2 {
		t.Fatalf("%d grids, want 2 (the data table and the one inside a layout table):\n%s", len(gs), d.Dump())
	}
	g := gs[0]
	wantRows(t, g, append(budgetHeader,
		[]string{"210", "卫生健康支出", "1,235.51", "1,234.50", "1.01"},
		[]string{"21015", "医疗保障管理事务", "1,235.51", "1,234.50", "1.01"},
		[]string{"2101501", "行政运行", "1,234.50", "1,234.50", ""},
		[]string{"2101502", "机关事业单位 基本养老保险缴费支出", "1.01", "", "1.01"},
		[]string{"合计", "^", "1,235.51", "1,234.50", "1.01"},
	))
	c := g.Rows[0].Cells
	if c[0].RowSpan != 2 || c[0].ColSpan != 1 || c[2].ColSpan != 3 || c[2].RowSpan != 1 {
		t.Errorf("spans: %+v %+v", c[0], c[2])
	}
	if c := g.Rows[6].Cells[0]; c.ColSpan != 2 {
		t.Errorf("合计 span %+v", c)
	}
	if l := d.Lines[g.Rows[4].Loc.Line-1]; l != "2101501\t行政运行\t1,234.50\t1,234.50\t" {
		t.Errorf("row line %q", l)
	}
	wantRows(t, gs[1], [][]string{{"项目", "预算数"}, {"公务接待费", "2.50"}})
}

func TestLibreOfficeCalcExport(t *testing.T) {
	d := readFixture(t, "lo_calc.html")
	gs := grids(d)
	if len(gs) != 2 {
		t.Fatalf("%d grids:\n%s", len(gs), d.Dump())
	}
	// Title, table number and unit rows inside the table become text.
	for _, s := range []string{"2024年部门支出总表", "公开03表 单位：万元", "注：本表金额保留两位小数，合计数可能存在尾数误差。", "本单位无政府性基金预算，空表列示。"} {
		if !hasText(d, s) {
			t.Errorf("no text block %q in\n%s", s, d.Dump())
		}
	}
	rows := rowsOf(gs[0])
	if fmt.Sprint(rows[:2]) != fmt.Sprint([][]string{
		{"科目编码", "科目名称", "本年支出", "^", "^", "增长率"},
		{"^", "^", "合计", "基本支出", "项目支出", "^"},
	}) {
		t.Errorf("header %q", rows[:2])
	}
	if got := rows[len(rows)-1]; fmt.Sprint(got) != fmt.Sprint([]string{"合计", "^", "1,235.51", "1,234.50", "1.01", ""}) {
		t.Errorf("last row %q", got)
	}
}

func TestGBKGovernmentSite(t *testing.T) {
	d := readFixture(t, "gbk_site.html")
	for _, s := range []string{"正定县医疗保障局2020年部门预算信息公开", "一、部门职责", "贯彻落实党中央关于医疗保障工作的方针政策。", "单位：万元", "主办单位：正定县医疗保障局"} {
		if !hasText(d, s) {
			t.Errorf("no text block %q in\n%s", s, d.Dump())
		}
	}
	if strings.Contains(strings.Join(d.Lines, "\n"), "不应出现") {
		t.Error("script content read as text")
	}
	gs := grids(d)
	if len(gs) != 1 {
		t.Fatalf("%d grids:\n%s", len(gs), d.Dump())
	}
	// <td> without </td>, <tr> without </tr>: repaired as a browser does.
	wantRows(t, gs[0], append(budgetHeader,
		[]string{"2101501", "行政运行", "138.59", "138.59", ""},
		[]string{"2080505", "机关事业单位基本养老保险缴费支出", "12.00", "12.00", ""},
	))
}

func TestCharsets(t *testing.T) {
	const body = "<p>部门预算公开：一般公共预算拨款收入</p>"
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string, le bool) []byte {
		var b []byte
		if le {
			b = []byte{0xFF, 0xFE}
		} else {
			b = []byte{0xFE, 0xFF}
		}
		for _, r := range s {
			if r > 0xFFFF {
				t.Fatal("test text outside the BMP")
			}
			if le {
				b = append(b, byte(r), byte(r>>8))
			} else {
				b = append(b, byte(r>>8), byte(r))
			}
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"utf-8 no declaration", []byte(body)},
		{"utf-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, body...)},
		{"utf-16le BOM", utf16(body, true)},
		{"utf-16be BOM", utf16(body, false)},
		{"gbk no declaration", gbk(body)},
		{"meta charset gbk", gbk(`<meta charset="gbk">` + body)},
		{"http-equiv gb2312", gbk(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + body)},
		{"meta after 2 KB of comments", gbk("<!--" + strings.Repeat("x", 2048) + `--><meta charset=gb18030>` + body)},
		{"declared utf-8, really gbk", gbk(`<meta charset="utf-8">` + body)},
		{"declared gb2312, really utf-8", []byte(`<meta charset="gb2312">` + body)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustRead(t, "x.html", tt.data)
			if len(d.Blocks) != 1 || d.Blocks[0].Text != "部门预算公开：一般公共预算拨款收入" {
				t.Errorf("blocks:\n%s", d.Dump())
			}
		})
	}
}

func TestTextBlocks(t *testing.T) {
	page := `<html><head><title>某局2024年预算</title><style>p{color:red}</style></head><body>
<h1>某局2024年预算</h1>
<h3>  二、收支
  情况 </h3>
<p>第一行<br>第二行&nbsp;&nbsp;有　空格<br/><br/></p>
<div>外层<div>内层</div>尾部</div>
<ul><li>一</li><li>二<ol><li>二之一</li></ol></li></ul>
<pre>  行一
  行二</pre>
<p hidden>隐藏一</p><p style="DISPLAY: none">隐藏二</p>
<script>var a = "<p>脚本</p>";</script><noscript>无脚本</noscript>
<p><span>收入</span><b>合计</b><a href="#">100.00</a>万元</p>
</body></html>`
	d := mustRead(t, "t.html", []byte(page))
	want := []string{
		"某局2024年预算", "二、收支 情况", "第一行", "第二行 有 空格", "外层", "内层", "尾部",
		"一", "二", "二之一", "行一", "行二", "收入合计100.00万元",
	}
	if got := texts(d); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("texts:\n got %q\nwant %q", got, want)
	}
	if d.Blocks[0].Heading != 1 || d.Blocks[1].Heading != 3 || d.Blocks[2].Heading != 0 {
		t.Errorf("headings: %d %d %d", d.Blocks[0].Heading, d.Blocks[1].Heading, d.Blocks[2].Heading)
	}
}

func TestTitleElement(t *testing.T) {
	d := mustRead(t, "t.html", []byte(`<title>某局2024年部门预算公开_某市人民政府</title><p>正文</p>`))
	if got := texts(d); fmt.Sprint(got) != "[某局2024年部门预算公开_某市人民政府 正文]" {
		t.Errorf("texts %q", got)
	}
	if d.Blocks[1].Loc.Line != 2 {
		t.Errorf("line %d", d.Blocks[1].Loc.Line)
	}
}

func TestUnclosedTags(t *testing.T) {
	d := mustRead(t, "t.html", []byte(`<p>前<table><caption>表一<tr><td>1<td>2<tr><td>3<td>4<td>5</table><p>后`))
	gs := grids(d)
	if len(gs) != 1 {
		t.Fatalf("grids:\n%s", d.Dump())
	}
	if gs[0].Title != "表一" {
		t.Errorf("title %q", gs[0].Title)
	}
	wantRows(t, gs[0], [][]string{{"1", "2", ""}, {"3", "4", "5"}})
	if got := texts(d); fmt.Sprint(got) != "[前 后]" {
		t.Errorf("texts %q", got)
	}
	// Missing </table>: everything after stays in the last cell, as in a
	// browser.
	d = mustRead(t, "t.html", []byte(`<table><tr><td>a<td>b<tr><td>c<td>d<p>尾`))
	wantRows(t, grids(d)[0], [][]string{{"a", "b"}, {"c", "d 尾"}})
	// The caption's line comes first, and the grid's block points at it.
	d = mustRead(t, "t.html", []byte(`<table><caption>表二</caption><tr><td>x<td>y</table>`))
	if b := d.Blocks[0]; b.Loc.Line != 1 || d.Lines[0] != "表二" || b.Grid.Rows[0].Loc.Line != 2 {
		t.Errorf("caption lines %q, block %+v", d.Lines, b.Loc)
	}
}

func TestNestedTables(t *testing.T) {
	page := `
<table width="100%"><tr><td>导航：首页 &gt; 预算</td></tr>
<tr><td>
  <p>部门收支总表</p>
  <table border=1>
    <tr><th>收入</th><th>金额</th><th>支出</th><th>金额</th></tr>
    <tr><td>一般公共预算</td><td>100.00</td><td>基本支出</td><td>80.00</td></tr>
  </table>
  <p>表后说明</p>
</td></tr></table>
<table><tr><td><p>一、单列布局表中的第一段</p><p>二、第二段</p></td></tr><tr><td>三、第三段</td></tr></table>
<table><tr><td>左栏<td><table><tr><td>甲<td>乙<tr><td>1<td>2</table></table>`
	d := mustRead(t, "t.html", []byte(page))
	if got := texts(d); fmt.Sprint(got) != "[导航：首页 > 预算 部门收支总表 表后说明 一、单列布局表中的第一段 二、第二段 三、第三段 左栏]" {
		t.Errorf("texts %q\n%s", got, d.Dump())
	}
	gs := grids(d)
	if len(gs) != 2 {
		t.Fatalf("%d grids:\n%s", len(gs), d.Dump())
	}
	wantRows(t, gs[0], [][]string{{"收入", "金额", "支出", "金额"}, {"一般公共预算", "100.00", "基本支出", "80.00"}})
	wantRows(t, gs[1], [][]string{{"甲", "乙"}, {"1", "2"}})
	// Order: the inner grid comes between the paragraphs around it.
	var order []string
	for _, b := range d.Blocks[:4] {
		if b.Grid != nil {
			order = append(order, "GRID")
		} else {
			order = append(order, b.Text)
		}
	}
	if fmt.Sprint(order) != "[导航：首页 > 预算 部门收支总表 GRID 表后说明]" {
		t.Errorf("order %q", order)
	}
}

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		html string
		want [][]string
	}{
		{"two-level header",
			`<table><tr><td rowspan=2>编码<td rowspan=2>名称<td colspan=3>本年支出<tr><td>合计<td>基本<td>项目<tr><td>2101501<td>行政运行<td>1<td>1<td>0</table>`,
			[][]string{{"编码", "名称", "本年支出", "^", "^"}, {"^", "^", "合计", "基本", "项目"}, {"2101501", "行政运行", "1", "1", "0"}}},
		{"rowspan=0 runs to the end",
			`<table><tr><td rowspan=0>A<td>1<tr><td>2<tr><td>3</table>`,
			[][]string{{"A", "1"}, {"^", "2"}, {"^", "3"}}},
		{"rowspan longer than the table is cut",
			`<table><tr><td rowspan=9>A<td>1<tr><td>2</table>`,
			[][]string{{"A", "1"}, {"^", "2"}}},
		{"overlapping spans are cut",
			`<table><tr><td>a<td rowspan=2>b<td>c<tr><td colspan=3>d</table>`,
			[][]string{{"a", "b", "c"}, {"d", "^", ""}}},
		{"short rows are padded",
			`<table><tr><td>a<td>b<td>c<tr><td>d</table>`,
			[][]string{{"a", "b", "c"}, {"d", "", ""}}},
		{"bad span values",
			`<table><tr><td colspan="x">a<td colspan="0">b<td colspan="2abc">c<tr><td>1<td>2<td>3<td>4</table>`,
			[][]string{{"a", "b", "c", "^"}, {"1", "2", "3", "4"}}},
		{"Word/Excel web page: zero-height width row, o:p, conditional comments",
			"<table class=MsoNormalTable><tr style='height:15pt'><td><p class=MsoNormal>项目<o:p></o:p></p><td><p class=MsoNormal><span lang=EN-US>1.00<o:p></o:p></span></p></tr>" +
				"<tr style='display:none'><td>隐藏行<td>0</tr><![if !supportMisalignedColumns]><tr height=0><td width=83 style='border:none'></td><td width=83 style='border:none'></td></tr><![endif]></table>",
			[][]string{{"项目", "1.00"}}},
		{"th and thead, tbody, tfoot",
			`<table><thead><tr><th>项目<th>金额</thead><tbody><tr><td>甲<td>1</tbody><tfoot><tr><td>合计<td>1</tfoot></table>`,
			[][]string{{"项目", "金额"}, {"甲", "1"}, {"合计", "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustRead(t, "t.html", []byte(tt.html))
			gs := grids(d)
			if len(gs) != 1 {
				t.Fatalf("grids:\n%s", d.Dump())
			}
			wantRows(t, gs[0], tt.want)
		})
	}
}

func TestEmbedded(t *testing.T) {
	page := `<html><head><script type="application/json" id="gongkai-report">
{"department":"某局","year":2024}
</script><script type="application/json" id="other">{"x":1}</script></head><body><p>正文</p></body></html>`
	d := mustRead(t, "t.html", []byte(page))
	if string(d.Embedded) != `{"department":"某局","year":2024}` {
		t.Errorf("embedded %q", d.Embedded)
	}
	if got := texts(d); fmt.Sprint(got) != "[正文]" {
		t.Errorf("texts %q", got)
	}
	// A page holding only the report is not empty.
	d = mustRead(t, "t.html", []byte(`<script type="application/json" id="gongkai-report">{}</script>`))
	if string(d.Embedded) != "{}" || len(d.Blocks) != 0 {
		t.Errorf("embedded-only: %q %d", d.Embedded, len(d.Blocks))
	}
}

func TestErrors(t *testing.T) {
	_, err := Read("empty.html", nil)
	if ie := wantErr(t, err, gongkai.ErrEmpty); ie.File != "empty.html" {
		t.Errorf("file %q", ie.File)
	}
	_, err = Read("blank.html", []byte(" \n\t "))
	wantErr(t, err, gongkai.ErrEmpty)
	_, err = Read("notext.html", []byte("<html><body><table></table><script>x</script></body></html>"))
	wantErr(t, err, gongkai.ErrEmpty)

	r := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	_, err = Read("random.html", junk)
	if !errors.Is(err, gongkai.ErrBinary) && !errors.Is(err, gongkai.ErrEncoding) {
		t.Errorf("random bytes: %v", err)
	}

	// Spans that would expand past the cell limit.
	var sb strings.Builder
	sb.WriteString("<table>")
	for range MaxCells/1000 + 10 {
		sb.WriteString("<tr><td colspan=1000>x")
	}
	_, err = Read("huge.html", []byte(sb.String()))
	wantErr(t, err, gongkai.ErrTooLarge)
}

func TestDeepNesting(t *testing.T) {
	page := strings.Repeat("<div><span>", 5000) + "深处的文字" + strings.Repeat("</span></div>", 5000)
	d := mustRead(t, "deep.html", []byte(page))
	if got := texts(d); fmt.Sprint(got) != "[深处的文字]" {
		t.Errorf("texts %q", got)
	}
}

func fixtures(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	files, _ := filepath.Glob("testdata/*.html")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = data
	}
	return out
}

func FuzzRead(f *testing.F) {
	for _, data := range fixtures(f) {
		f.Add(data)
	}
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=3>a<td>b<tr><td rowspan=2>c</table>`))
	f.Add([]byte(`<table><tr><td><table><tr><td>x</table><td>y</table>`))
	f.Add([]byte(`<meta charset=gbk><p>` + "\xd6\xd0\xce\xc4"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read("fuzz.html", data)
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
	writer, err := os.ReadFile("testdata/lo_writer.html")
	if err != nil {
		b.Fatal(err)
	}
	// A long page: 40 tables of 100 rows with merged headers, and prose.
	var sb strings.Builder
	sb.WriteString("<html><body>")
	for i := range 40 {
		fmt.Fprintf(&sb, "<h2>表%d</h2><p>本年收入合计%d.00万元，比上年增加12.30万元。</p>", i, i*100)
		sb.WriteString("<table><tr><td rowspan=2>科目编码<td rowspan=2>科目名称<td colspan=3>本年支出<tr><td>合计<td>基本支出<td>项目支出")
		for j := range 100 {
			fmt.Fprintf(&sb, "<tr><td>21015%02d<td>行政运行<td>%d.50<td>%d.00<td>0.50", j, j, j)
		}
		sb.WriteString("</table>")
	}
	long := []byte(sb.String())
	for _, bb := range []struct {
		name string
		data []byte
	}{{"lo_writer", writer}, {"40x100rows", long}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read("bench.html", bb.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
