package pdfdoc

import (
	"fmt"
	"strings"
	"testing"

	"gongkai/doc"
)

// The tests in this file lay out, word by word, what package render prints
// (Chromium's PDF of an official disclosure: ruled tables, centred headings,
// text cells flush left, amounts flush right, paragraphs with a first-line
// indent), in the smallest forms where pdfdoc once misread them.

// textBlocks returns the texts of the blocks of d that are not grids.
func textBlocks(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if !b.IsGrid() {
			out = append(out, b.Text)
		}
	}
	return out
}

// An empty table: its header (one line or two) and a 合计 row with nothing
// in it, then the note that the table is empty. The total row is a row of
// the grid, under the header.
func TestEmptyTableWithTotalRow(t *testing.T) {
	const em = 10.5
	for name, header := range map[string][]tw{
		"one header line": {
			cjk(93, 132, em, "项目"), cjk(194, 132, em, "合计"), cjk(308, 132, em, "基本支出"), cjk(453, 132, em, "项目支出"),
		},
		"two header lines": {
			cjk(93, 140, em, "项目"), cjk(320, 125, em, "本年支出"),
			cjk(194, 148, em, "小计"), cjk(308, 148, em, "基本支出"), cjk(453, 148, em, "项目支出"),
		},
	} {
		t.Run(name, func(t *testing.T) {
			words := append([]tw{cjk(200, 84, 16, "2025年政府性基金预算支出表"), cjk(490, 110, em, "单位：万元")}, header...)
			words = append(words, cjk(55, 170, em, "合计"), cjk(51, 192, em, "注：本部门无政府性基金预算支出，本表为空表。"))
			d := layoutWords(t, 595, 842, words)
			g := onlyGrid(t, d)
			last := g.Rows[len(g.Rows)-1]
			if g.Width() != 4 || strings.TrimSpace(last.Cells[0].Text) != "合计" {
				t.Fatalf("grid:\n%s", dumpBlocks(d))
			}
			for i, r := range g.Rows[:len(g.Rows)-1] {
				if r.Cells[0].Text == "合计" {
					t.Errorf("row %d is a total row above the last:\n%s", i, dumpBlocks(d))
				}
			}
			if texts := textBlocks(d); len(texts) != 3 || !strings.HasPrefix(texts[2], "注：") {
				t.Errorf("text blocks %q", texts)
			}
		})
	}
}

// Paragraphs with a first-line indent, each a sentence: a line that starts
// at the indent is a new paragraph, even when the line above reached
// almost to the right margin.
func TestIndentedParagraphsStayApart(t *testing.T) {
	const em = 12
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	words := []tw{
		cjk(51, 100, 14, "九、财政拨款“三公”经费支出决算情况"),
		line(74, 125, 527, "2024年度“三公”经费支出预算为2.10万元，完成预算的100.00%。"), // 1.4 em short
		line(74, 148, 544, "其中：因公出国（境）费0.00万元，公务用车购置及运行费2.10万元，"),
		line(51, 166, 440, "公务接待费0.00万元，占全部“三公”经费的0.00%。"),
		line(74, 189, 544, "全年安排因公出国（境）团组0个，0人次；购置公务用车0辆，保有0辆"),
		line(51, 207, 544, "国内公务接待0批次，0人次，与上年相同，全年无变化，特此说明。"),
		line(74, 230, 200, "本年无政府采购。"),
	}
	d := layoutWords(t, 595, 842, words)
	texts := textBlocks(d)
	if len(texts) != 5 {
		t.Fatalf("blocks %q", texts)
	}
	for i, prefix := range []string{"九、", "2024年度", "其中：", "全年安排", "本年无"} {
		if !strings.HasPrefix(texts[i], prefix) {
			t.Errorf("block %d = %q, want it to start with %q", i, texts[i], prefix)
		}
	}
}

// Items of a list printed with a bullet ("- 一、部门预算收支总体情况"): the
// dash is a bullet, not an amount placeholder, so the lines are text, one
// block each, even where a line is the widest on its page.
func TestBulletLinesAreText(t *testing.T) {
	const em = 12
	items := []string{"一、部门预算收支总体情况", "二、部门预算收入情况说明", "七、“三公”经费、会议费、培训费支出预算情况说明", "八、机关运行经费安排情况说明"}
	var words []tw
	for i, s := range items {
		y := 120 + 23*float64(i)
		words = append(words, tw{74, y, 5.75, em, "-"}, cjk(85.5, y, em, s))
	}
	d := layoutWords(t, 595, 842, words)
	texts := textBlocks(d)
	if len(texts) != len(items) {
		t.Fatalf("blocks:\n%s", dumpBlocks(d))
	}
	for i, s := range items {
		if texts[i] != "- "+s {
			t.Errorf("block %d = %q, want %q", i, texts[i], "- "+s)
		}
	}
}

// A text table as render prints it: padded rows, a label centred in the
// height of a cell that wraps over several lines, and the wrapped lines of
// running text with spaces in it ("务, 突出党建引领作用 二、"). Each row is one
// grid row, the wrapped text one cell.
func TestWrappedTextRows(t *testing.T) {
	const em = 7.33
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	words := []tw{
		line(54, 131, 103, "部门(单位)名称"), line(186, 131, 276, "314-重庆市南岸区医疗保障局"),
		line(379, 131, 428, "部门支出预算数"), line(440, 131, 465, "6708.11"),
		// A cell of six lines, its label centred beside the fourth.
		line(186, 147.5, 360, "负责医疗保障基金监督管理使用，加强费用审核和支付监"),
		line(186, 156.5, 367, "督，依法查处医疗保障领域违法违规行为。执行全市统一的"),
		line(186, 166, 220, "药品、"), line(223.5, 166, 367, "医用耗材价格和医疗服务项目、医疗服务"),
		line(186, 175, 367, "政策，拟定贯彻落实意见并组织实施。执行全市统一的医疗"),
		line(54, 180.5, 110, "当年整体绩效目标"),
		line(186, 185, 367, "保障（生育保险）筹资和待遇政策并组织开展长期护理保险"),
		line(186, 194.5, 270, "管水平，更好的服务群众。"),
		line(54, 211, 82, "绩效指标"), line(186, 211, 200, "指标"), line(379, 211, 407, "指标权重"), line(440, 211, 468, "计量单位"),
		line(54, 227.5, 82, "参保人数"), line(186, 227.5, 193, "25"), line(379, 227.5, 393, "万人"), line(440, 227.5, 447, "80"),
		line(54, 244, 117, "医保系统正常运行率"), line(186, 244, 193, "15"), line(379, 244, 383, "%"), line(440, 244, 447, "99"),
	}
	d := layoutWords(t, 595, 842, words)
	g := onlyGrid(t, d)
	if len(g.Rows) != 5 || g.Width() != 4 {
		t.Fatalf("grid %d×%d, want 5×4:\n%s", len(g.Rows), g.Width(), dumpBlocks(d))
	}
	r := g.Rows[1]
	if r.Cells[0].Text != "当年整体绩效目标" || !strings.HasPrefix(r.Cells[1].Text, "负责医疗保障") || !strings.HasSuffix(r.Cells[1].Text, "更好的服务群众。") {
		t.Errorf("row 1 = %q", g.Texts(1))
	}
}

// A row whose label wraps over two lines beside cells centred in the row's
// height, a little lower than the label's first line and higher than its
// second (render's 部门总体资金情况(万元)): one row.
func TestLabelWrappedBesideCentredCells(t *testing.T) {
	const em = 7.33
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	words := []tw{
		line(54, 121, 75, "填报人"), line(120, 121, 134, "黄云"), line(216, 121, 244, "联系电话"), line(312, 121, 351, "15337362518"),
		line(54, 137.7, 110, "部门总体资金情况"),
		line(120, 143, 162, "总体资金情况"), line(216, 143, 244, "当年金额"), line(312, 143, 326, "占比"),
		line(54, 147.5, 75, "(万元)"),
		line(54, 164, 75, "2021年"), line(216, 164, 240, "2022年"),
		line(54, 180.5, 82, "收入构成"), line(216, 180.5, 244, "财政拨款"), line(312, 180.5, 333, "1445.9"),
	}
	d := layoutWords(t, 842, 595, words)
	g := onlyGrid(t, d)
	if len(g.Rows) != 4 {
		t.Fatalf("%d rows, want 4:\n%s", len(g.Rows), dumpBlocks(d))
	}
	if got := g.Texts(1); got[0] != "部门总体资金情况(万元)" || got[1] != "总体资金情况" || got[3] != "占比" {
		t.Errorf("row 1 = %q", got)
	}
}

// Running text in a cell, with spaces in it, next to a word-spaced pair on
// another line that a long word lies over: still one column.
func TestTextCellWithSpacesIsOneColumn(t *testing.T) {
	const em = 7.33
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	words := []tw{
		line(54, 131, 82, "项目名称"), line(131, 131, 180, "医保基金监管"), line(325, 131, 353, "指标权重"),
		line(401, 131, 422, "指标值"), line(509, 131, 537, "是否核心"),
		line(54, 147.5, 82, "当年预算"), line(131, 147.5, 150, "8.10"),
		line(54, 173.7, 82, "立项依据"),
		line(131, 164, 313, "1.国家医保局《欺诈骗取医疗保障基金行为举报奖励暂行办"),
		line(131, 173.7, 292, "法》（医保办发〔2018〕22号）；国家医保局办公室"), line(295.7, 173.7, 316.7, "财政部"),
		line(131, 182.7, 313, "办公厅《关于印发〈违法违规使用医疗保障基金举报奖励办"),
		line(131, 192.5, 264, "法〉的通知》（医保办发〔2022〕22号）；"), line(267.7, 192.5, 302.7, "2.国务院令"), line(306, 192.5, 313, "第"),
		line(54, 209, 117, "举报问题查处核实率"), line(325, 209, 332, "15"), line(401, 209, 412, "100"), line(509, 209, 516, "否"),
		line(54, 225.5, 117, "两定机构监督审核率"), line(325, 225.5, 332, "25"), line(401, 225.5, 412, "100"), line(509, 225.5, 516, "是"),
	}
	d := layoutWords(t, 595, 842, words)
	g := onlyGrid(t, d)
	if g.Width() != 5 || len(g.Rows) != 5 {
		t.Fatalf("grid %d×%d, want 5×5:\n%s", len(g.Rows), g.Width(), dumpBlocks(d))
	}
	if got := g.Texts(2)[1]; !strings.Contains(got, "财政部办公厅") || !strings.HasSuffix(got, "第") {
		t.Errorf("cell = %q", got)
	}
}

// A two-column table whose middle rows have no figure: they are rows of
// the grid, and so is the total after them.
func TestRowsWithoutFigures(t *testing.T) {
	const em = 9
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	words := []tw{
		line(110, 131, 128, "项目"), line(350, 131, 368, "金额"),
		line(54, 152, 180, "一般公共预算拨款收入"), line(370, 152, 410, "6,430.34"),
		line(54, 173, 162, "政府性基金预算拨款"),
		line(54, 194, 144, "国有资本经营收入"),
		line(54, 215, 108, "收入合计"), line(370, 215, 410, "6,430.34"),
	}
	d := layoutWords(t, 595, 842, words)
	g := onlyGrid(t, d)
	if len(g.Rows) != 5 || g.Width() != 2 {
		t.Fatalf("grid %d×%d, want 5×2:\n%s", len(g.Rows), g.Width(), dumpBlocks(d))
	}
	if g.Texts(4)[0] != "收入合计" || g.Texts(4)[1] != "6,430.34" {
		t.Errorf("last row %q", g.Texts(4))
	}
}

// A text table whose header is set in a larger type than its body and
// whose first figure comes late: the header is the lines in the header's
// type, not all the lines above the first figure. A row's last wrapped
// line that ends a sentence is still the table's.
func TestHeaderInItsOwnType(t *testing.T) {
	const em, hem = 7.33, 8.2
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	head := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, hem, s} }
	words := []tw{
		head(96, 120, 124, "职责活动"), head(172, 120, 207, "年度预算数"), head(286, 120, 314, "内容描述"), head(430, 120, 462, "绩效指标"),
		line(54, 145, 152, "一、办理职工医保各项事宜"), line(214, 140, 382, "1、全县职工医保费、生育费的征收。2、职工就"),
		line(214, 149.8, 330, "医住院的申请、备案、报销的管理。"),
		line(54, 175, 138, "1、对公费医疗人员的管理"), line(194, 175, 208, "581.62"),
		line(214, 170.3, 382, "负责离休干部、伤残军人和县级领导干部等特殊人群的"),
		line(214, 180, 330, "医疗费审核、审批、报销工作；"), line(430, 175, 470, "公费医疗政策知晓率"),
		line(54, 205, 107, "1、综合业务管理"), line(194, 205, 208, "69.3"),
		line(214, 200.5, 382, "负责网络管理及维护工作；负责保障及安全防卫工作；"),
		line(214, 210, 382, "起草中心工作计划、工作总结等，负责中心党支部及行"),
		line(214, 219.7, 249, "政印章管理。"), line(430, 205, 470, "综合业务完成率"),
	}
	d := layoutWords(t, 842, 595, words)
	g := onlyGrid(t, d)
	if len(g.Rows) != 4 {
		t.Fatalf("%d rows, want 4:\n%s", len(g.Rows), dumpBlocks(d))
	}
	if got := g.Texts(1); got[0] != "一、办理职工医保各项事宜" || !strings.HasSuffix(got[2], "报销的管理。") {
		t.Errorf("row 1 = %q", got)
	}
	if got := g.Texts(3); got[1] != "69.3" || !strings.HasSuffix(got[2], "政印章管理。") {
		t.Errorf("row 3 = %q", got)
	}
}

// Two tables with the same captions on consecutive pages, the first ending
// high on its page: the second is a table of its own (one 项目支出绩效目标表
// per project), not the continuation of the first.
func TestSameTitleNextPageAfterShortTable(t *testing.T) {
	var tsv strings.Builder
	tsv.WriteString("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n")
	for pg := 1; pg <= 2; pg++ {
		fmt.Fprintf(&tsv, "1\t%d\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t###PAGE###\n", pg)
		for _, w := range []tw{
			cjk(200, 84, 16, "2025年项目支出绩效目标表"),
			cjk(60, 130, 9, "一级指标"), cjk(200, 130, 9, "三级指标"), cjk(400, 130, 9, "指标值"),
			cjk(60, 152, 9, "产出指标"), cjk(200, 152, 9, "新接入系统数"), num(430, 152, 9, "30"),
			cjk(60, 174, 9, "效益指标"), cjk(200, 174, 9, "共享率"), num(430, 174, 9, "95"),
		} {
			fmt.Fprintf(&tsv, "5\t%d\t0\t0\t0\t0\t%g\t%g\t%g\t%g\t100\t%s\n", pg, w.x, w.y, w.w, w.h, w.s)
		}
	}
	pages, err := parseTSV(strings.NewReader(tsv.String()))
	if err != nil {
		t.Fatal(err)
	}
	d := layoutDocument(pages)
	grids := 0
	for _, b := range d.Blocks {
		if b.IsGrid() {
			grids++
		}
	}
	if grids != 2 {
		t.Errorf("%d grids, want 2:\n%s", grids, dumpBlocks(d))
	}
}

// A row too tall for the rest of its page starts the next page, under the
// header repeated there and no caption: it continues the table, though the
// table ended high on the page before. Its last wrapped line, at the
// table's left edge and ending a sentence, is still the table's.
func TestTallRowOnNextPage(t *testing.T) {
	const em = 7.33
	line := func(x0, y, x1 float64, s string) tw { return tw{x0, y, x1 - x0, em, s} }
	var tsv strings.Builder
	tsv.WriteString("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n")
	pages := [][]tw{{
		cjk(300, 56, 16, "部门整体绩效目标申报表"),
		line(60, 104, 108, "部门(单位)名称"), line(137, 104, 193, "赤壁市医疗保障局"),
		line(54, 121, 75, "填报人"), line(120, 121, 134, "黄云"), line(216, 121, 244, "联系电话"), line(312, 121, 351, "15337362518"),
		line(54, 138, 82, "收入构成"), line(216, 138, 244, "财政拨款"), line(312, 138, 333, "1445.9"),
	}, {
		line(60, 56, 108, "部门(单位)名称"), line(137, 56, 193, "赤壁市医疗保障局"),
		line(120, 73, 204, "（一）负责拟订全市医疗保险、"),
		line(120, 82.8, 204, "生育保险、医疗救助等医疗保"),
		line(54, 87, 96, "部门职能概述"),
		line(120, 92.5, 204, "障制度的政策措施、规划、标"),
		line(120, 102, 170, "准并组织实施。"),
		line(54, 118, 82, "项目支出"), line(216, 118, 244, "常年性"), line(312, 118, 333, "64.70"),
	}}
	for pg, words := range pages {
		fmt.Fprintf(&tsv, "1\t%d\t0\t0\t0\t0\t0\t0\t842\t595\t-1\t###PAGE###\n", pg+1)
		for _, w := range words {
			fmt.Fprintf(&tsv, "5\t%d\t0\t0\t0\t0\t%g\t%g\t%g\t%g\t100\t%s\n", pg+1, w.x, w.y, w.w, w.h, w.s)
		}
	}
	ps, err := parseTSV(strings.NewReader(tsv.String()))
	if err != nil {
		t.Fatal(err)
	}
	d := layoutDocument(ps)
	g := onlyGrid(t, d)
	if len(g.Rows) != 5 {
		t.Fatalf("%d rows, want 5:\n%s", len(g.Rows), dumpBlocks(d))
	}
	if got := g.Texts(3); got[0] != "部门职能概述" || !strings.HasSuffix(got[1], "准并组织实施。") {
		t.Errorf("row 3 = %q", got)
	}
}
