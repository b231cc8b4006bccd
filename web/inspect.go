package web

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/store"
)

// The five inspection dimensions (预决算公开检查). docs/inspection.md says
// how each score is computed; keep the two in step.
var dimensions = []struct{ Key, Name string }{
	{"complete", "完整性"},
	{"detail", "细化程度"},
	{"timely", "及时性"},
	{"form", "公开形式"},
	{"consistent", "真实性/一致性"},
}

// families are the rule families, the columns of the batch table.
var families = []struct{ Key, Name string }{
	{"table", "表内"},
	{"cross", "表间"},
	{"prose", "说明"},
	{"code", "科目"},
	{"complete", "完整"},
	{"embedded", "内嵌数据"},
}

// proseTopics are the subjects the 情况说明 of a disclosure must cover;
// a topic counts as covered when any of its words appears in the text.
var proseTopics = []struct {
	Name  string
	Words []string
}{
	{"部门职责", []string{"职责", "职能"}},
	{"机构设置", []string{"机构设置", "内设机构", "所属单位", "单位构成", "预算单位"}},
	{"收支总体情况", []string{"收支总体情况", "收支预算总体情况", "收支决算总体情况", "收入支出预算", "收入支出决算", "收入总计", "收入预算"}},
	{"“三公”经费", []string{"三公"}},
	{"机关运行经费", []string{"机关运行经费"}},
	{"政府采购", []string{"政府采购"}},
	{"国有资产", []string{"国有资产", "资产占有", "资产占用", "车辆"}},
	{"绩效", []string{"绩效"}},
	{"名词解释", []string{"名词解释", "专业名词"}},
}

// scoreInput is what the scores need from a report's content, computed
// once per report version.
type scoreInput struct {
	Format          string
	Standard        int // standard tables required
	StandardPresent int
	Missing         []string
	Topics          int
	MissingTopics   []string
	HasTables       bool
	FunctionTable   bool
	FunctionDepth   int
	EconomicTable   bool
	EconomicDepth   int
	ThreeItems      bool // the 三公 items are given (table or prose)
	Performance     bool // performance targets or self-evaluation tables
	Rules           map[string]store.Counts
}

func (s *Server) scoreInputOf(r *http.Request, m *store.ReportMeta) (scoreInput, error) {
	key := fmt.Sprintf("%d/%d", m.ID, m.Version)
	if in, ok := s.scoreCache.Get(key); ok {
		return in, nil
	}
	rep, err := s.store.Report(r.Context(), m.ID)
	if err != nil {
		return scoreInput{}, err
	}
	fs, err := s.store.Findings(r.Context(), m.ID)
	if err != nil {
		return scoreInput{}, err
	}
	in := computeScoreInput(rep, fs)
	in.Format = m.Format
	s.scoreCache.Put(key, in)
	return in, nil
}

func computeScoreInput(rep *gongkai.Report, fs []gongkai.Finding) scoreInput {
	in := scoreInput{Rules: map[string]store.Counts{}, HasTables: len(rep.Tables) > 0}
	kinds := map[gongkai.TableKind]bool{}
	for _, t := range rep.Tables {
		kinds[t.Kind] = true
	}
	std := gongkai.StandardTables(rep.Kind)
	in.Standard = len(std)
	for _, k := range std {
		if kinds[k] {
			in.StandardPresent++
		} else {
			in.Missing = append(in.Missing, k.Name())
		}
	}
	var text strings.Builder
	for _, src := range rep.Sources {
		for _, l := range src.Lines {
			text.WriteString(l)
			text.WriteByte('\n')
		}
	}
	all := text.String()
	for _, t := range proseTopics {
		found := false
		for _, w := range t.Words {
			if strings.Contains(all, w) {
				found = true
				break
			}
		}
		if found {
			in.Topics++
		} else {
			in.MissingTopics = append(in.MissingTopics, t.Name)
		}
	}
	depth := func(k ...gongkai.TableKind) (bool, int) {
		present, d := false, 0
		for _, kind := range k {
			for _, t := range rep.TablesOf(kind) {
				present = true
				for _, row := range t.Rows {
					d = max(d, len(row.Code))
				}
			}
		}
		return present, d
	}
	in.FunctionTable, in.FunctionDepth = depth(gongkai.TGeneralFunction)
	in.EconomicTable, in.EconomicDepth = depth(gongkai.TGeneralBasic, gongkai.TBasicEconomic)
	in.ThreeItems = kinds[gongkai.TThreeCosts]
	if !in.ThreeItems {
		have := map[gongkai.Quantity]bool{}
		for _, c := range rep.Claims {
			have[c.Quantity] = true
			for _, p := range c.Parts {
				have[p.Quantity] = true
			}
		}
		in.ThreeItems = have[gongkai.QAbroad] && have[gongkai.QReception] &&
			(have[gongkai.QCar] || have[gongkai.QCarPurchase] || have[gongkai.QCarOperation])
	}
	in.Performance = kinds[gongkai.TProjectTargets] || kinds[gongkai.TDeptTargets] || kinds[gongkai.TSelfEvaluation]
	for _, f := range fs {
		c := in.Rules[f.Rule]
		c.Add(f.Severity)
		in.Rules[f.Rule] = c
	}
	return in
}

// scores are the five dimension scores of a document (nil: not scored)
// and their mean.
type scores struct {
	Dim   [5]*float64
	Total *float64
	Notes [5][]string // why points were taken off
}

func pct(v float64) *float64 {
	v = math.Max(0, math.Min(100, v))
	v = math.Round(v*10) / 10
	return &v
}

// computeScores applies the rules of docs/inspection.md.
func computeScores(in scoreInput, insp *store.Inspection) scores {
	var sc scores
	rule := func(id string) store.Counts { return in.Rules[id] }
	capped := func(n int, each, maxOff float64) float64 { return math.Min(float64(n)*each, maxOff) }

	// 完整性: 70 for the standard tables, 30 for the topics of the prose.
	complete := 0.0
	if in.Standard > 0 {
		complete += 70 * float64(in.StandardPresent) / float64(in.Standard)
	}
	complete += 30 * float64(in.Topics) / float64(len(proseTopics))
	if len(in.Missing) > 0 {
		sc.Notes[0] = append(sc.Notes[0], "缺少表格："+strings.Join(in.Missing, "、"))
	}
	if len(in.MissingTopics) > 0 {
		sc.Notes[0] = append(sc.Notes[0], "说明未涉及："+strings.Join(in.MissingTopics, "、"))
	}
	sc.Dim[0] = pct(complete)

	// 细化程度.
	detail := 100.0
	switch {
	case !in.FunctionTable:
		detail -= 40
		sc.Notes[1] = append(sc.Notes[1], "无一般公共预算支出功能分类表（−40）")
	case in.FunctionDepth < 7:
		detail -= 25
		sc.Notes[1] = append(sc.Notes[1], "功能分类未细化到项（−25）")
	}
	switch {
	case !in.EconomicTable:
		detail -= 30
		sc.Notes[1] = append(sc.Notes[1], "无基本支出经济分类表（−30）")
	case in.EconomicDepth < 5:
		detail -= 15
		sc.Notes[1] = append(sc.Notes[1], "经济分类未细化到款（−15）")
	}
	if !in.ThreeItems {
		detail -= 15
		sc.Notes[1] = append(sc.Notes[1], "“三公”经费未分项列示（−15）")
	}
	if !in.Performance {
		detail -= 5
		sc.Notes[1] = append(sc.Notes[1], "未公开绩效目标或绩效自评表（−5）")
	}
	if n := rule("code.depth").Warnings; n > 0 {
		detail -= capped(n, 2, 10)
		sc.Notes[1] = append(sc.Notes[1], fmt.Sprintf("%d 行科目未细化（−%.0f）", n, capped(n, 2, 10)))
	}
	sc.Dim[1] = pct(detail)

	// 及时性: within 20 days of approval.
	if insp != nil && !insp.ApprovedOn.IsZero() && !insp.PublishedOn.IsZero() {
		days := int(insp.PublishedOn.Sub(insp.ApprovedOn).Hours() / 24)
		switch {
		case days < 0:
			sc.Notes[2] = append(sc.Notes[2], "公开日期早于批复日期，请核对")
		case days <= 20:
			sc.Dim[2] = pct(100)
			sc.Notes[2] = append(sc.Notes[2], fmt.Sprintf("批复后第 %d 天公开", days))
		default:
			sc.Dim[2] = pct(100 - 5*float64(days-20))
			sc.Notes[2] = append(sc.Notes[2], fmt.Sprintf("批复后第 %d 天公开，超过 20 天", days))
		}
	} else {
		sc.Notes[2] = append(sc.Notes[2], "未录入批复日期和公开日期")
	}

	// 公开形式.
	form := 100.0
	if insp != nil && insp.OnPlatform != nil && !*insp.OnPlatform {
		form -= 40
		sc.Notes[3] = append(sc.Notes[3], "未在统一平台或部门门户公开（−40）")
	}
	if !in.HasTables {
		form -= 20
		sc.Notes[3] = append(sc.Notes[3], "表格未随文公开（−20）")
	}
	if n := rule("table.empty-note"); n.Errors+n.Warnings > 0 {
		off := capped(n.Errors+n.Warnings, 10, 30)
		form -= off
		sc.Notes[3] = append(sc.Notes[3], fmt.Sprintf("空表说明问题 %d 处（−%.0f）", n.Errors+n.Warnings, off))
	}
	if n := rule("complete.placeholder").Errors; n > 0 {
		form -= capped(n, 10, 20)
		sc.Notes[3] = append(sc.Notes[3], fmt.Sprintf("留有模板占位符 %d 处（−%.0f）", n, capped(n, 10, 20)))
	}
	if n := rule("complete.year").Warnings; n > 0 {
		form -= capped(n, 10, 20)
		sc.Notes[3] = append(sc.Notes[3], fmt.Sprintf("表格年度与公开年度不符 %d 处（−%.0f）", n, capped(n, 10, 20)))
	}
	sc.Dim[3] = pct(form)

	// 真实性/一致性: errors and warnings of the number rules.
	var errs, warns int
	for id, c := range in.Rules {
		switch store.Family(id) {
		case "table", "cross", "prose", "embedded", "series":
			if id == "table.empty-note" {
				continue // counted under 公开形式
			}
			errs += c.Errors
			if id != "table.clipped-cell" {
				warns += c.Warnings
			}
		}
	}
	sc.Dim[4] = pct(100 - 5*float64(errs) - float64(warns))
	if errs+warns > 0 {
		sc.Notes[4] = append(sc.Notes[4], fmt.Sprintf("数字错误 %d 处、警告 %d 处", errs, warns))
	}

	var sum float64
	n := 0
	for _, d := range sc.Dim {
		if d != nil {
			sum += *d
			n++
		}
	}
	if n > 0 {
		sc.Total = pct(sum / float64(n))
	}
	return sc
}

// reviewRow is one document of the batch table.
type reviewRow struct {
	Meta     *store.ReportMeta
	Families []store.Counts
	Scores   scores
	Insp     *store.Inspection
}

type reviewView struct {
	Rows      []reviewRow
	Families  []struct{ Key, Name string }
	Dims      []struct{ Key, Name string }
	Sort, Dir string
	Batch     *store.Batch
	Batches   []*store.Batch
	Q         string
	Year      int
	Kind      string
	ExportURL string
}

// loadReview builds the rows of the batch table from the request's filter.
func (s *Server) loadReview(r *http.Request) (*reviewView, error) {
	q := r.URL.Query()
	v := &reviewView{Families: families, Dims: dimensions, Sort: q.Get("sort"), Dir: q.Get("dir"),
		Q: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind")}
	v.Year, _ = strconv.Atoi(q.Get("year"))
	f := store.ReportFilter{Visibility: store.Visibility{All: true}, Query: v.Q, Year: v.Year, Sort: "department", Limit: 2000}
	if f.Kind = kindParam(v.Kind); f.Kind == "" {
		v.Kind = ""
	}
	if b := q.Get("batch"); b != "" {
		id, err := strconv.ParseInt(b, 10, 64)
		if err != nil {
			return nil, errNotFound
		}
		if v.Batch, err = s.store.Batch(r.Context(), id); err != nil {
			return nil, err
		}
		f.BatchID = id
	}
	ctx := r.Context()
	metas, _, err := s.store.ListReports(ctx, f)
	if err != nil {
		return nil, err
	}
	counts, err := s.store.FamilyCounts(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(metas))
	for i, m := range metas {
		ids[i] = m.ID
	}
	insps, err := s.store.Inspections(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, m := range metas {
		in, err := s.scoreInputOf(r, m)
		if err != nil {
			return nil, err
		}
		row := reviewRow{Meta: m, Insp: insps[m.ID], Scores: computeScores(in, insps[m.ID])}
		for _, fam := range families {
			row.Families = append(row.Families, counts[m.ID][fam.Key])
		}
		v.Rows = append(v.Rows, row)
	}
	sortRows(v.Rows, v.Sort, v.Dir == "desc")
	if v.Batches, err = s.store.Batches(ctx, 30); err != nil {
		return nil, err
	}
	v.ExportURL = "/review/export.xlsx"
	if q := r.URL.Query(); len(q) > 0 {
		v.ExportURL += "?" + q.Encode()
	}
	return v, nil
}

// sortRows orders the batch table by a column: dept, year, errors,
// warnings, a family key, a dimension key or total.
func sortRows(rows []reviewRow, by string, desc bool) {
	key := func(r reviewRow) (float64, string) {
		switch by {
		case "", "dept":
			return 0, r.Meta.Department
		case "year":
			return float64(r.Meta.Year), ""
		case "errors":
			return float64(r.Meta.Counts.Errors), ""
		case "warnings":
			return float64(r.Meta.Counts.Warnings), ""
		case "total":
			return scoreVal(r.Scores.Total), ""
		}
		for i, f := range families {
			if f.Key == by {
				return float64(r.Families[i].Errors*1000 + r.Families[i].Warnings), ""
			}
		}
		for i, d := range dimensions {
			if "dim-"+d.Key == by {
				return scoreVal(r.Scores.Dim[i]), ""
			}
		}
		return 0, r.Meta.Department
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, as := key(rows[i])
		b, bs := key(rows[j])
		if a == b {
			if desc {
				return as > bs
			}
			return as < bs
		}
		if desc {
			return a > b
		}
		return a < b
	})
}

func scoreVal(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireRole(r, store.Reviewer, store.Admin); err != nil {
		return err
	}
	v, err := s.loadReview(r)
	if err != nil {
		return err
	}
	p := s.newPage(w, r, "批量检查")
	p.Nav = "review"
	p.Data = v
	return s.render(w, r, "review", p)
}

// reviewExport writes the batch table as an XLSX workbook.
func (s *Server) reviewExport(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireRole(r, store.Reviewer, store.Admin); err != nil {
		return err
	}
	v, err := s.loadReview(r)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "批量检查"
	f.SetSheetName("Sheet1", sheet)
	header := []any{"编号", "部门", "地区", "年度", "类型", "状态", "错误", "警告", "提示"}
	for _, fam := range families {
		header = append(header, fam.Name+"（错误）", fam.Name+"（警告）")
	}
	for _, d := range dimensions {
		header = append(header, d.Name)
	}
	header = append(header, "综合得分", "批复日期", "公开日期", "扣分说明", "文件")
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for i, row := range v.Rows {
		m := row.Meta
		vals := []any{m.ID, m.Department, m.Region, m.Year, m.Kind.Chinese(), m.Status.Chinese(),
			m.Counts.Errors, m.Counts.Warnings, m.Counts.Infos}
		for _, c := range row.Families {
			vals = append(vals, c.Errors, c.Warnings)
		}
		for _, d := range row.Scores.Dim {
			vals = append(vals, scoreCell(d))
		}
		vals = append(vals, scoreCell(row.Scores.Total))
		approved, published := "", ""
		if row.Insp != nil {
			approved, published = dateOrEmpty(row.Insp.ApprovedOn), dateOrEmpty(row.Insp.PublishedOn)
		}
		var notes []string
		for j, ns := range row.Scores.Notes {
			if len(ns) > 0 {
				notes = append(notes, dimensions[j].Name+"："+strings.Join(ns, "；"))
			}
		}
		vals = append(vals, approved, published, strings.Join(notes, "\n"), m.File)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(header), max(len(v.Rows)+1, 2))
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	endHead, _ := excelize.CoordinatesToCellName(len(header), 1)
	f.SetCellStyle(sheet, "A1", endHead, bold)
	f.SetColWidth(sheet, "B", "B", 28)
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"})
	f.AutoFilter(sheet, "A1:"+last, nil)

	const doc = "评分说明"
	f.NewSheet(doc)
	lines := [][]any{{"维度", "计算方法（详见 docs/inspection.md）"},
		{"完整性", "标准表格齐全占 70 分（按应公开表格的比例），说明涉及的 9 项内容占 30 分。"},
		{"细化程度", "100 分起：无功能分类表 −40、未到项 −25；无经济分类表 −30、未到款 −15；“三公”未分项 −15；无绩效表 −5；每行科目未细化 −2（最多 −10）。"},
		{"及时性", "批复后 20 天内公开得 100 分，此后每晚 1 天 −5 分；未录入日期不评分。"},
		{"公开形式", "100 分起：未在统一平台公开 −40；表格未随文公开 −20；空表说明问题每处 −10（最多 −30）；占位符每处 −10（最多 −20）；表格年度不符每处 −10（最多 −20）。"},
		{"真实性/一致性", "100 分起：表内、表间、说明、内嵌数据的每个错误 −5，每个警告 −1（不计疑似提取截断和空表说明）。"},
		{"综合得分", "已评分维度的平均分。"}}
	for i, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(doc, cell, &l)
	}
	f.SetColWidth(doc, "B", "B", 100)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	name := "批量检查"
	if v.Batch != nil {
		name += "-" + v.Batch.Name
	}
	name += "-" + s.now().In(chinaTime).Format("20060102") + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", attachment(safeFileName(name)))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

func scoreCell(p *float64) any {
	if p == nil {
		return ""
	}
	return *p
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// inspectionView is the form an inspector fills for one document.
type inspectionView struct {
	reportHeader
	Insp     *store.Inspection
	Approved string
	Publ     string
	Platform string // "yes", "no" or ""
	Scores   scores
	Dims     []struct{ Key, Name string }
}

func (s *Server) inspectionData(r *http.Request, m *store.ReportMeta, in *store.Inspection) (*inspectionView, error) {
	si, err := s.scoreInputOf(r, m)
	if err != nil {
		return nil, err
	}
	v := &inspectionView{reportHeader: s.header(r, m, "inspection"), Insp: in, Approved: dateOrEmpty(in.ApprovedOn),
		Publ: dateOrEmpty(in.PublishedOn), Scores: computeScores(si, in), Dims: dimensions}
	if in.OnPlatform != nil {
		v.Platform = "no"
		if *in.OnPlatform {
			v.Platform = "yes"
		}
	}
	return v, nil
}

func (s *Server) inspectionPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireRole(r, store.Reviewer, store.Admin); err != nil {
		return err
	}
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	in, err := s.store.Inspection(r.Context(), m.ID)
	if err != nil {
		return err
	}
	v, err := s.inspectionData(r, m, in)
	if err != nil {
		return err
	}
	p := s.newPage(w, r, m.Title)
	p.Data = v
	return s.render(w, r, "inspection", p)
}

func (s *Server) inspectionSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := requireRole(r, store.Reviewer, store.Admin)
	if err != nil {
		return err
	}
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	in := &store.Inspection{ReportID: m.ID, Notes: strings.TrimSpace(r.PostFormValue("notes")), UpdatedBy: u.ID, UpdatedAt: s.now()}
	var problems []string
	parse := func(field, name string) time.Time {
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			problems = append(problems, name+"应为“年-月-日”格式，例如 2025-02-10")
		}
		return t
	}
	in.ApprovedOn = parse("approved_on", "批复日期")
	in.PublishedOn = parse("published_on", "公开日期")
	switch r.PostFormValue("platform") {
	case "yes":
		b := true
		in.OnPlatform = &b
	case "no":
		b := false
		in.OnPlatform = &b
	}
	if len([]rune(in.Notes)) > 2000 {
		problems = append(problems, "备注不能超过 2000 字")
	}
	if !in.ApprovedOn.IsZero() && !in.PublishedOn.IsZero() && in.PublishedOn.Before(in.ApprovedOn) {
		problems = append(problems, "公开日期不能早于批复日期")
	}
	if len(problems) > 0 {
		v, err := s.inspectionData(r, m, in)
		if err != nil {
			return err
		}
		v.Approved, v.Publ = r.PostFormValue("approved_on"), r.PostFormValue("published_on")
		p := s.newPage(w, r, m.Title)
		p.Error = strings.Join(problems, "；") + "。"
		p.Data = v
		return s.renderStatus(w, r, http.StatusUnprocessableEntity, "inspection", p)
	}
	if err := s.store.SaveInspection(r.Context(), in); err != nil {
		return err
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "/" {
		next = fmt.Sprintf("/reports/%d/inspection", m.ID)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}
