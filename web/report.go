package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gongkai"
	"gongkai/check"
	"gongkai/series"
	"gongkai/store"
)

// homeData is the list of disclosures on the home page.
type homeData struct {
	Q, Region, Kind, Status string
	Year                    int
	Facets                  *store.Facets
	Reports                 []*store.ReportMeta
	Total                   int
	Page, Pages             int
	ShowStatus              bool
}

const perPage = 30

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	q := r.URL.Query()
	d := &homeData{Q: strings.TrimSpace(q.Get("q")), Region: strings.TrimSpace(q.Get("region")),
		Kind: q.Get("kind"), Status: q.Get("status"), ShowStatus: u != nil}
	d.Year, _ = strconv.Atoi(q.Get("year"))
	d.Page, _ = strconv.Atoi(q.Get("page"))
	d.Page = max(d.Page, 1)
	f := store.ReportFilter{Visibility: visibility(u), Query: d.Q, Region: d.Region, Year: d.Year,
		Limit: perPage, Offset: (d.Page - 1) * perPage, Sort: q.Get("sort")}
	if f.Kind = kindParam(d.Kind); f.Kind == "" {
		d.Kind = ""
	}
	if st := store.Status(d.Status); st.Valid() && u != nil {
		f.Status = st
	} else {
		d.Status = ""
	}
	var err error
	if d.Reports, d.Total, err = s.store.ListReports(r.Context(), f); err != nil {
		return err
	}
	if d.Facets, err = s.store.Facets(r.Context(), visibility(u)); err != nil {
		return err
	}
	d.Pages = (d.Total + perPage - 1) / perPage
	p := s.newPage(w, r, "预决算公开")
	p.Nav = "home"
	p.Data = d
	return s.render(w, r, "home", p)
}

// kindParam returns the kind a query parameter names (budget or final), or
// "" for any other value.
func kindParam(s string) gongkai.Kind {
	if k := gongkai.Kind(s); k == gongkai.Budget || k == gongkai.Final {
		return k
	}
	return ""
}

// loadMeta returns the report of the request if the user may see it; a
// report the user may not see is not found.
func (s *Server) loadMeta(r *http.Request) (*store.ReportMeta, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	m, err := s.store.ReportMeta(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !canSee(userOf(r), m) {
		if userOf(r) == nil && r.Method == http.MethodGet && !wantsJSON(r) {
			return nil, &redirectError{to: "/login?next=" + r.URL.RequestURI()}
		}
		return nil, errNotFound
	}
	return m, nil
}

// reportHeader is the part of every report page above its tabs.
type reportHeader struct {
	Meta       *store.ReportMeta
	Tab        string
	CanChange  bool
	CanInspect bool
}

func (s *Server) header(r *http.Request, m *store.ReportMeta, tab string) reportHeader {
	u := userOf(r)
	return reportHeader{Meta: m, Tab: tab, CanChange: canChange(u, m), CanInspect: canInspect(u)}
}

// findingView is a finding as the report page shows it, with the anchor
// of the place it points to. Its fields are plain so the template reads
// them without reflection through embedded structs.
type findingView struct {
	Rule, SevClass, SevName string
	Message, Quote          string
	Expected, Found         string
	Anchor, Where           string
	Cell                    string // sheet!cell of a workbook source, or ""
}

type ruleOption struct {
	ID, Name string
	Count    int
}

type reportView struct {
	reportHeader
	Panel template.HTML // the findings panel
	Doc   template.HTML // the document panel
}

// findingsPanel is what templates/findingspanel.html shows: the filter and
// the findings that pass it.
type findingsPanel struct {
	Counts   store.Counts
	Findings []findingView
	Rules    []ruleOption
	Sev      string
	Rule     string
	// Prev is the department's disclosure of the year before, when one is
	// visible, and Series the findings of comparing with it (not stored).
	Prev   *store.ReportMeta
	Series []findingView
}

var ruleNames = func() map[string]string {
	m := map[string]string{}
	for _, r := range check.Rules() {
		m[r.ID] = r.Name
	}
	for _, r := range series.Rules() {
		m[r.ID] = r.Name
	}
	return m
}()

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	prev, err := s.previousYear(r, m)
	if err != nil {
		return err
	}
	// The public's page of a report is the same for everyone: it is kept
	// until the report, or the year before it compares with, changes.
	var key string
	if userOf(r) == nil && len(r.URL.RawQuery) <= 200 {
		key = fmt.Sprintf("%d/%d?%s|%s", m.ID, m.Version, r.URL.RawQuery, metaKey(prev))
		if cp, ok := s.pageCache.Get(key); ok {
			return cp.write(w, r)
		}
	}
	// Both panels may need the report's content; it is read once.
	content := sync.OnceValues(func() (*gongkai.Report, error) { return s.store.Report(r.Context(), m.ID) })
	doc, srcIndex, err := s.docPanel(m, content)
	if err != nil {
		return err
	}
	panel, err := s.findingsPanel(r, m, prev, srcIndex, content)
	if err != nil {
		return err
	}
	v := &reportView{reportHeader: s.header(r, m, "check"), Panel: template.HTML(panel), Doc: template.HTML(doc)}
	p := s.newPage(w, r, m.Title)
	p.Data = v
	if key == "" {
		return s.render(w, r, "report", p)
	}
	b, err := s.renderBytes("report", p)
	if err != nil {
		return err
	}
	cp := newCachedPage(b)
	s.pageCache.Put(key, cp)
	return cp.write(w, r)
}

// findingsPanel renders the findings of a report that pass the request's
// filter (?sev=error|warning|info, ?rule=id or family), cached per
// report version and filter.
func (s *Server) findingsPanel(r *http.Request, m, prev *store.ReportMeta, srcIndex func(string) int, content func() (*gongkai.Report, error)) ([]byte, error) {
	q := r.URL.Query()
	sev, rule := q.Get("sev"), q.Get("rule")
	switch sev {
	case "", "error", "warning", "info":
	default:
		sev = ""
	}
	if len(rule) > 64 {
		rule = ""
	}
	key := fmt.Sprintf("%d/%d?%s&%s|%s", m.ID, m.Version, sev, rule, metaKey(prev))
	if b, ok := s.panelCache.Get(key); ok {
		return b, nil
	}
	fs, err := s.store.Findings(r.Context(), m.ID)
	if err != nil {
		return nil, err
	}
	v := &findingsPanel{Counts: m.Counts, Sev: sev, Rule: rule, Prev: prev}
	counts := map[string]int{}
	pick := func(fs []gongkai.Finding) []findingView {
		var out []findingView
		for _, f := range fs {
			counts[f.Rule]++
			if sev != "" && f.Severity.String() != sev {
				continue
			}
			if rule != "" && f.Rule != rule && store.Family(f.Rule) != rule {
				continue
			}
			out = append(out, findingView{Rule: f.Rule, SevClass: f.Severity.String(), SevName: f.Severity.Chinese(),
				Message: f.Message, Quote: f.Quote, Expected: f.Expected, Found: f.Found,
				Anchor: anchor(srcIndex(f.Loc.File), f.Loc.Line), Where: f.Loc.String(), Cell: cellRef(f.Loc)})
		}
		return out
	}
	v.Findings = pick(fs)
	if prev != nil {
		sf, err := s.seriesFindings(r, content, prev)
		if err != nil {
			return nil, err
		}
		v.Series = pick(sf)
	}
	for id, n := range counts {
		v.Rules = append(v.Rules, ruleOption{ID: id, Name: ruleNames[id], Count: n})
	}
	sort.Slice(v.Rules, func(i, j int) bool { return v.Rules[i].ID < v.Rules[j].ID })
	var buf bytes.Buffer
	if err := s.pages["findingspanel"].t.ExecuteTemplate(&buf, "findingspanel", v); err != nil {
		return nil, err
	}
	s.panelCache.Put(key, buf.Bytes())
	return buf.Bytes(), nil
}

// previousYear returns the department's disclosure of the same kind for
// the year before that the user may see (the newest, if several), or nil.
func (s *Server) previousYear(r *http.Request, m *store.ReportMeta) (*store.ReportMeta, error) {
	if m.Department == "" || m.Year == 0 {
		return nil, nil
	}
	if f, ok := s.store.(store.PreviousYearFinder); ok {
		return f.PreviousYear(r.Context(), m.Department, m.Kind, m.Year, visibility(userOf(r)))
	}
	list, _, err := s.store.ListReports(r.Context(), store.ReportFilter{Visibility: visibility(userOf(r)),
		Department: m.Department, Kind: m.Kind, Year: m.Year - 1, Limit: 2})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// seriesFindings compares a report (its content) with the year before
// (package series).
func (s *Server) seriesFindings(r *http.Request, content func() (*gongkai.Report, error), prev *store.ReportMeta) ([]gongkai.Finding, error) {
	cur, err := content()
	if err != nil {
		return nil, err
	}
	pr, err := s.store.Report(r.Context(), prev.ID)
	if err != nil {
		return nil, err
	}
	return series.Check(cur, pr), nil
}

// metaKey identifies a report's version in cache keys; "-" for none.
func metaKey(m *store.ReportMeta) string {
	if m == nil {
		return "-"
	}
	return fmt.Sprintf("%d/%d", m.ID, m.Version)
}

// cellRef names a workbook cell as the document panel marks it.
func cellRef(l gongkai.Loc) string {
	if l.Cell == "" {
		return ""
	}
	return l.Sheet + "!" + l.Cell
}

// anchor is the id of a source line in the document panel.
func anchor(src, line int) string {
	if line <= 0 || src < 0 {
		return ""
	}
	return "L-" + strconv.Itoa(src) + "-" + strconv.Itoa(line)
}

// docView is the document panel: the source lines and the recognised tables.
type docView struct {
	Sources []sourceView
	Tables  []tableView
	Lines   int
}

type sourceView struct {
	Index  int
	File   string
	Format string
	Lines  []lineView
}

type lineView struct {
	No     int
	Anchor string
	Text   string
}

type tableView struct {
	Label  string
	Kind   string
	Unit   gongkai.Unit
	Note   string
	Anchor string
	Blocks []tableBlock
}

// tableBlock is a run of rows of one side of a table (收入 | 支出), with
// the columns its cells use, so every cell sits under its own header.
type tableBlock struct {
	Side    string
	Columns []string
	Rows    []rowView
}

type rowView struct {
	Anchor string
	Code   string
	Name   string
	Cells  []cellView
}

type cellView struct {
	Text    string
	Clipped bool
	Cell    string // sheet!cell of an XLSX source
}

var sideNames = map[gongkai.Side]string{gongkai.IncomeSide: "收入", gongkai.ExpendSide: "支出",
	gongkai.EconSide: "支出（按经济分类或支出类别）", gongkai.ProjectSide: "项目"}

// viewTable lays a recognised table out for display: rows in runs of one
// side, each run with the columns of its cells (by header label).
func viewTable(t *gongkai.Table, idx func(string) int) tableView {
	tv := tableView{Label: t.Label(), Kind: t.Kind.Name(), Unit: t.Unit, Note: t.Note, Anchor: anchor(idx(t.Loc.File), t.Loc.Line)}
	var b *tableBlock
	var cols map[string]int
	for i, row := range t.Rows {
		if b == nil || row.Side != t.Rows[i-1].Side {
			tv.Blocks = append(tv.Blocks, tableBlock{Side: sideNames[row.Side]})
			b = &tv.Blocks[len(tv.Blocks)-1]
			cols = map[string]int{}
		}
		rv := rowView{Anchor: anchor(idx(row.Loc.File), row.Loc.Line), Code: row.Code, Name: row.Name}
		for _, c := range row.Cells {
			key := c.Label
			if key == "" {
				key = string(c.Role)
			}
			j, ok := cols[key]
			if !ok {
				j = len(b.Columns)
				cols[key] = j
				b.Columns = append(b.Columns, key)
			}
			for len(rv.Cells) <= j {
				rv.Cells = append(rv.Cells, cellView{})
			}
			rv.Cells[j] = cellView{Text: c.Text, Clipped: c.Clipped, Cell: cellRef(c.Loc)}
		}
		b.Rows = append(b.Rows, rv)
	}
	for i := range tv.Blocks {
		b := &tv.Blocks[i]
		for j := range b.Rows {
			for len(b.Rows[j].Cells) < len(b.Columns) {
				b.Rows[j].Cells = append(b.Rows[j].Cells, cellView{})
			}
		}
	}
	return tv
}

// docPanel returns the rendered document panel of a report, from the cache
// when the report has not changed (else from its content), and a function
// mapping a finding's file to its source index.
func (s *Server) docPanel(m *store.ReportMeta, content func() (*gongkai.Report, error)) ([]byte, func(string) int, error) {
	key := fmt.Sprintf("%d/%d", m.ID, m.Version)
	if e, ok := s.docCache.Get(key); ok {
		return e.html, sourceIndex(e.files), nil
	}
	rep, err := content()
	if err != nil {
		return nil, nil, err
	}
	var files []string
	for _, src := range rep.Sources {
		files = append(files, src.File)
	}
	idx := sourceIndex(files)
	d := &docView{}
	for i, src := range rep.Sources {
		sv := sourceView{Index: i, File: src.File, Format: src.Format}
		for n, l := range src.Lines {
			sv.Lines = append(sv.Lines, lineView{No: n + 1, Anchor: anchor(i, n+1), Text: l})
		}
		d.Lines += len(src.Lines)
		d.Sources = append(d.Sources, sv)
	}
	for _, t := range rep.Tables {
		d.Tables = append(d.Tables, viewTable(t, idx))
	}
	var buf bytes.Buffer
	if err := s.pages["docpanel"].t.ExecuteTemplate(&buf, "docpanel", d); err != nil {
		return nil, nil, err
	}
	s.docCache.Put(key, &docEntry{html: buf.Bytes(), files: files})
	return buf.Bytes(), idx, nil
}

// docEntry is a cached document panel.
type docEntry struct {
	html  []byte
	files []string
}

// sourceIndex maps a location's file to the index of its source; "" is
// the first source.
func sourceIndex(files []string) func(string) int {
	return func(f string) int {
		if f == "" {
			return 0
		}
		for i, g := range files {
			if g == f {
				return i
			}
		}
		return 0
	}
}

// textView is the disclosure as text: render's HTML when available,
// otherwise the recognised sections and tables.
type textView struct {
	reportHeader
	Report      *gongkai.Report // nil when Rendered
	Rendered    bool            // show render's page in a frame
	HasRenderer bool
	Tables      []tableView
}

func (s *Server) textPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	v := &textView{reportHeader: s.header(r, m, "text"),
		Rendered: s.cfg.Renderer != nil && r.URL.Query().Get("view") != "plain", HasRenderer: s.cfg.Renderer != nil}
	if !v.Rendered { // the rendered page is a frame of /disclosure, which reads the report itself
		if v.Report, err = s.store.Report(r.Context(), m.ID); err != nil {
			return err
		}
		for _, t := range v.Report.Tables {
			v.Tables = append(v.Tables, viewTable(t, func(string) int { return -1 }))
		}
	}
	p := s.newPage(w, r, m.Title)
	p.Data = v
	return s.render(w, r, "text", p)
}

// disclosure serves the rendered disclosure page (package render) that the
// text tab shows in a frame. The page is self-contained and runs no script.
func (s *Server) disclosure(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	if s.cfg.Renderer == nil {
		return errNotFound
	}
	rep, err := s.store.Report(r.Context(), m.ID)
	if err != nil {
		return err
	}
	html, err := s.cfg.Renderer.HTML(r.Context(), rep)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	_, err = w.Write(html)
	return err
}

// publish, withdraw and delete change a report; only admins and editors
// of its department may.
func (s *Server) changeable(r *http.Request) (*store.ReportMeta, error) {
	u, err := requireUser(r)
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	m, err := s.store.ReportMeta(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !canChange(u, m) {
		if u.Role == store.Editor {
			return nil, forbidden(fmt.Sprintf("您只能修改本部门（%s）的公开文件。", u.Department))
		}
		return nil, forbidden("只有本部门的编制人员或管理员可以发布、撤回或删除公开文件。")
	}
	return m, nil
}

// setStatus returns the handler that publishes (store.Published) or
// withdraws (store.Draft) a report.
func (s *Server) setStatus(st store.Status) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		m, err := s.changeable(r)
		if err != nil {
			return err
		}
		if err := s.store.SetStatus(r.Context(), m.ID, st, s.now()); err != nil {
			return err
		}
		http.Redirect(w, r, fmt.Sprintf("/reports/%d", m.ID), http.StatusSeeOther)
		return nil
	}
}

func (s *Server) deleteReport(w http.ResponseWriter, r *http.Request) error {
	m, err := s.changeable(r)
	if err != nil {
		return err
	}
	if err := s.store.DeleteReport(r.Context(), m.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// sourceFile sends an uploaded file back as it was uploaded.
func (s *Server) sourceFile(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return errNotFound
	}
	files, err := s.store.SourceFiles(r.Context(), m.ID)
	if err != nil {
		return err
	}
	if n < 0 || n >= len(files) {
		return errNotFound
	}
	f := files[n]
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", attachment(f.Name))
	_, err = w.Write(f.Content)
	return err
}
