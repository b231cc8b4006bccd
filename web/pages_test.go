package web

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/check"
	"gongkai/importer"
	"gongkai/result"
	"gongkai/store"
)

func makeZip(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestUploadAndReportPages follows an editor: upload, read the findings
// beside the source, filter them, publish, and read the other tabs.
func TestUploadAndReportPages(t *testing.T) {
	e := newEnv(t, Config{})
	c := e.login("qingshan")
	resp, body := c.upload(map[string][]byte{"qingshan-2025.txt": exampleText(t)}, url.Values{"region": {"青山市"}}, true)
	wantStatus(t, "upload", resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	if !regexp.MustCompile(`^/reports/\d+$`).MatchString(loc) {
		t.Fatalf("redirect to %q", loc)
	}
	resp, body = c.get(loc)
	wantStatus(t, "report page", resp, body, http.StatusOK)
	for _, want := range []string{"青山市数据资源局2025年部门预算公开", "错误 8", "prose.share", "未发布",
		`class="goto" href="#L-0-23" data-target="L-0-23"`, `id="L-0-23"`, `data-line="L-0-135"`, "识别的表格（9 张）"} {
		if !strings.Contains(body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	// The public cannot see the draft; publishing makes it visible.
	resp, _ = e.anon().get(loc)
	wantStatus(t, "public, draft", resp, "", http.StatusSeeOther)
	resp, body = c.post(loc+"/publish", nil, true)
	wantStatus(t, "publish", resp, body, http.StatusSeeOther)
	resp, body = e.anon().get(loc)
	wantStatus(t, "public, published", resp, body, http.StatusOK)
	if strings.Contains(body, `action="`+loc+`/withdraw"`) {
		t.Errorf("the public sees the withdraw button")
	}
	// Filters.
	_, body = e.anon().get(loc + "?rule=prose.share")
	if n := strings.Count(body, `class="finding `); n != 1 {
		t.Errorf("rule filter: %d findings shown, want 1", n)
	}
	_, body = e.anon().get(loc + "?sev=warning")
	if !strings.Contains(body, "没有符合筛选条件的发现") {
		t.Errorf("severity filter: expected no warnings")
	}
	_, body = e.anon().get(loc + "?rule=prose")
	if n := strings.Count(body, `class="finding `); n != 4 {
		t.Errorf("family filter: %d findings, want 4", n)
	}
	// Other tabs.
	for _, tc := range []struct{ path, want string }{
		{"/text", `id="rendered"`},
		{"/text?view=plain", "一般公共预算支出表"},
		{"/disclosure", "一般公共预算支出表"},
		{"/charts", `<script type="application/json" id="chart-classes-data">`},
		{"/download", `id="dl-json"`},
	} {
		resp, body := e.anon().get(loc + tc.path)
		wantStatus(t, tc.path, resp, body, http.StatusOK)
		if !strings.Contains(body, tc.want) {
			t.Errorf("%s lacks %q", tc.path, tc.want)
		}
	}
	// The home page lists it with its counts; search finds it.
	_, body = e.anon().get("/?q=" + url.QueryEscape("数据资源") + "&year=2025&kind=budget")
	if !strings.Contains(body, `href="`+loc+`"`) || !strings.Contains(body, "共 1 份公开文件") {
		t.Errorf("home search does not list the report")
	}
	_, body = e.anon().get("/?region=" + url.QueryEscape("正定"))
	if !strings.Contains(body, "共 0 份公开文件") {
		t.Errorf("region filter does not filter")
	}
	// The downloads come from package render; the JSON is the report's data.
	resp, body = e.anon().get(loc + "/download/json")
	wantStatus(t, "json download", resp, body, http.StatusOK)
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "filename*=UTF-8''") {
		t.Errorf("Content-Disposition = %q", resp.Header.Get("Content-Disposition"))
	}
	var data map[string]any
	if err := json.Unmarshal([]byte(body), &data); err != nil || !strings.Contains(body, deptQingshan) {
		t.Errorf("json download: %v", err)
	}
	for format, magic := range map[string]string{"html": "<!doctype html", "xlsx": "PK\x03\x04", "csv": ""} {
		resp, body = e.anon().get(loc + "/download/" + format)
		wantStatus(t, format+" download", resp, body, http.StatusOK)
		if !strings.HasPrefix(body, magic) && !strings.HasPrefix(strings.ToLower(body), magic) || len(body) < 100 {
			t.Errorf("%s download starts %q", format, body[:min(len(body), 20)])
		}
	}
	// The original file comes back byte for byte.
	_, body = e.anon().get(loc + "/source/0")
	if body != string(exampleText(t)) {
		t.Errorf("source download differs")
	}
	// Without a renderer, PDF says so clearly.
	if e.s.cfg.Renderer == nil {
		resp, body = e.anon().get(loc + "/download/pdf")
		wantStatus(t, "pdf without renderer", resp, body, http.StatusNotImplemented)
		if !strings.Contains(body, "排版组件") {
			t.Errorf("no clear message for PDF")
		}
	}
}

// TestBatchReviewAndInspection: a reviewer uploads a zip, follows the
// batch, enters inspection dates and exports the table.
func TestBatchReviewAndInspection(t *testing.T) {
	e := newEnv(t, Config{})
	c := e.login("inspector")
	text := exampleText(t)
	zipped := makeZip(t, map[string][]byte{"a/青山2025.txt": text, "b/青山2025-copy.txt": text, "__MACOSX/._x": {0}})
	resp, body := c.upload(map[string][]byte{"two.zip": zipped}, url.Values{"name": {"2025年检查"}, "publish": {"1"}}, true)
	wantStatus(t, "zip upload", resp, body, http.StatusSeeOther)
	batch := resp.Header.Get("Location")
	e.s.Wait()
	_, body = c.get(batch)
	if !strings.Contains(body, "已完成") || strings.Count(body, `<a href="/reports/`) != 2 {
		t.Fatalf("batch page:\n%s", body)
	}
	resp, body = c.do("GET", "/api/v1"+batch, "", nil, nil)
	wantStatus(t, "batch API", resp, body, http.StatusOK)
	var b struct {
		Status  string
		Done    int
		Total   int
		Reports []struct{ ID int64 }
	}
	json.Unmarshal([]byte(body), &b)
	if b.Status != "done" || b.Done != 2 || b.Total != 2 || len(b.Reports) != 2 {
		t.Fatalf("batch JSON = %s", body)
	}
	ids, _, _ := e.db.ListReports(context.Background(), store.ReportFilter{Visibility: store.Visibility{All: true}})
	for _, m := range ids {
		if m.Status != store.Draft {
			t.Errorf("a reviewer's upload was published")
		}
	}
	// Inspection: dates 25 days apart.
	id := b.Reports[0].ID
	resp, body = c.post(fmt.Sprintf("/reports/%d/inspection", id), url.Values{"approved_on": {"2025-01-10"}, "published_on": {"2025-02-04"},
		"platform": {"yes"}, "notes": {"<i>按期</i>"}}, true)
	wantStatus(t, "save inspection", resp, body, http.StatusSeeOther)
	_, body = c.get(fmt.Sprintf("/reports/%d/inspection", id))
	if !strings.Contains(body, "批复后第 25 天公开，超过 20 天") || !strings.Contains(body, ">75.0<") || !strings.Contains(body, "&lt;i&gt;按期") {
		t.Errorf("inspection page does not score timeliness 75:\n%s", body)
	}
	resp, body = c.post(fmt.Sprintf("/reports/%d/inspection", id), url.Values{"approved_on": {"2025-03-10"}, "published_on": {"2025-02-04"}}, true)
	wantStatus(t, "published before approval", resp, body, http.StatusUnprocessableEntity)
	if !strings.Contains(body, "公开日期不能早于批复日期") {
		t.Errorf("no message for dates in the wrong order")
	}
	// The review table and its export.
	bid := strings.TrimPrefix(batch, "/batches/")
	_, body = c.get("/review?batch=" + bid + "&sort=total&dir=desc")
	if strings.Count(body, `/inspection">评分</a>`) != 2 || !strings.Contains(body, "真实性/一致性") {
		t.Errorf("review table:\n%s", body)
	}
	resp, body = c.get("/review/export.xlsx?batch=" + bid)
	wantStatus(t, "export", resp, body, http.StatusOK)
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("批量检查")
	if err != nil || len(rows) != 3 {
		t.Fatalf("export has %d rows, %v", len(rows), err)
	}
	if rows[0][1] != "部门" || rows[1][1] != deptQingshan || !strings.Contains(strings.Join(rows[0], ","), "及时性") {
		t.Errorf("export header/rows: %v / %v", rows[0], rows[1])
	}
	// Editors may not batch-check.
	resp, _ = e.login("qingshan").get("/review")
	wantStatus(t, "editor on review", resp, "", http.StatusForbidden)
}

func TestScores(t *testing.T) {
	yes, no := true, false
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	full := scoreInput{Standard: 9, StandardPresent: 9, Topics: len(proseTopics), HasTables: true, FunctionTable: true,
		FunctionDepth: 7, EconomicTable: true, EconomicDepth: 5, ThreeItems: true, Performance: true, Rules: map[string]store.Counts{}}
	tests := []struct {
		name string
		in   scoreInput
		insp *store.Inspection
		want [5]float64 // -1: not scored
	}{
		{"perfect, not inspected", full, nil, [5]float64{100, 100, -1, 100, 100}},
		{"on time", full, &store.Inspection{ApprovedOn: day("2025-01-01"), PublishedOn: day("2025-01-21"), OnPlatform: &yes}, [5]float64{100, 100, 100, 100, 100}},
		{"late and off platform", full, &store.Inspection{ApprovedOn: day("2025-01-01"), PublishedOn: day("2025-02-15"), OnPlatform: &no}, [5]float64{100, 100, 0, 60, 100}},
		{"no tables (attachment)", scoreInput{Standard: 9, Topics: 9, Rules: map[string]store.Counts{
			"prose.parts": {Errors: 2}, "prose.share": {Errors: 1}, "complete.tables": {Warnings: 1}, "table.clipped-cell": {Warnings: 3}}},
			nil, [5]float64{30, 10, -1, 80, 85}},
		{"shallow tables", func() scoreInput {
			in := full
			in.FunctionDepth, in.EconomicDepth, in.ThreeItems = 5, 3, false
			in.Rules = map[string]store.Counts{"code.depth": {Warnings: 7}, "complete.placeholder": {Errors: 1}, "table.empty-note": {Warnings: 4}}
			return in
		}(), nil, [5]float64{100, 35, -1, 60, 100}},
	}
	for _, tt := range tests {
		sc := computeScores(tt.in, tt.insp)
		for i, w := range tt.want {
			got := sc.Dim[i]
			if (w < 0) != (got == nil) || (got != nil && *got != w) {
				t.Errorf("%s: %s = %v, want %v (notes %v)", tt.name, dimensions[i].Name, scoreVal(got), w, sc.Notes[i])
			}
		}
	}
}

// TestAdminCreatesUsers through the page; the password is shown once.
func TestAdminCreatesUsers(t *testing.T) {
	e := newEnv(t, Config{})
	a := e.login("admin")
	resp, body := a.post("/admin/users", url.Values{"name": {"王五"}, "role": {"editor"}, "department": {"赤壁市医疗保障局"}}, true)
	wantStatus(t, "create user", resp, body, http.StatusOK)
	m := regexp.MustCompile(`初始密码：<code>([^<]+)</code>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no password shown:\n%s", body)
	}
	if _, err := e.s.authenticate(httptestRequest(), "王五", m[1]); err != nil {
		t.Errorf("new user cannot log in: %v", err)
	}
	resp, body = a.post("/admin/users", url.Values{"name": {"王五"}, "role": {"editor"}, "department": {"x"}}, true)
	wantStatus(t, "duplicate user", resp, body, http.StatusUnprocessableEntity)
	resp, body = a.post("/admin/users", url.Values{"name": {"赵六"}, "role": {"editor"}}, true)
	wantStatus(t, "editor without department", resp, body, http.StatusUnprocessableEntity)
	resp, _ = e.login("qingshan").get("/admin/users")
	wantStatus(t, "editor on users page", resp, "", http.StatusForbidden)
}

func httptestRequest() *http.Request {
	r, _ := http.NewRequest("GET", "/", nil)
	return r
}

// TestPrepare generates the example workbook into a disclosure.
func TestPrepare(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	book, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "examples", "qingshan-data-2025-budget.xlsx"))
	if err != nil {
		t.Fatal("the example workbook is missing: ", err)
	}
	e := newEnv(t, Config{})
	c := e.login("qingshan")
	resp, body := c.get("/prepare/template.xlsx?kind=final&year=2024")
	wantStatus(t, "template", resp, body, http.StatusOK)
	if _, err := excelize.OpenReader(strings.NewReader(body)); err != nil {
		t.Errorf("template is not a workbook: %v", err)
	}
	ct, buf := multipartBody(t, "workbook", map[string][]byte{"qingshan.xlsx": book}, url.Values{"csrf": {c.csrf}})
	resp, body = c.do("POST", "/prepare", ct, buf, nil)
	wantStatus(t, "prepare", resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	_, body = c.get(loc)
	if !strings.Contains(body, "青山市数据资源局") || !strings.Contains(body, `id="publish"`) {
		t.Errorf("generated report page:\n%.600s", body)
	}
	resp, body = c.post(loc+"/publish", nil, true)
	wantStatus(t, "publish generated", resp, body, http.StatusSeeOther)
	// A workbook that is not a filled template is refused with its reason.
	ct, buf = multipartBody(t, "workbook", map[string][]byte{"x.xlsx": []byte("not a workbook")}, url.Values{"csrf": {c.csrf}})
	resp, body = c.do("POST", "/prepare", ct, buf, nil)
	wantStatus(t, "bad workbook", resp, body, http.StatusUnprocessableEntity)
	if !strings.Contains(body, "未生成公开文件") {
		t.Errorf("bad workbook message:\n%.600s", body)
	}
	// Another department's workbook is refused.
	other := e.login("zhengding")
	ct, buf = multipartBody(t, "workbook", map[string][]byte{"qingshan.xlsx": book}, url.Values{"csrf": {other.csrf}})
	resp, body = other.do("POST", "/prepare", ct, buf, nil)
	wantStatus(t, "other department's workbook", resp, body, http.StatusForbidden)
}

// TestAPI: check without storing, log in, upload, read back.
func TestAPI(t *testing.T) {
	e := newEnv(t, Config{})
	a := e.anon()
	text := exampleText(t)
	resp, body := a.do("POST", "/api/v1/check?name=qingshan.txt", "application/octet-stream", bytes.NewReader(text), nil)
	wantStatus(t, "check", resp, body, http.StatusOK)
	// The same JSON as gongkai check --format json.
	r, err := importer.Import(context.Background(), "qingshan.txt", text, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(result.New(r, check.Run(r, check.Options{})))
	if body != want.String() {
		t.Errorf("API check differs from the CLI's JSON")
	}
	// Again (cached), and as multipart with two files → an array.
	_, again := a.do("POST", "/api/v1/check?name=qingshan.txt", "application/octet-stream", bytes.NewReader(text), nil)
	if again != body {
		t.Errorf("cached check differs")
	}
	ct, buf := multipartBody(t, "file", map[string][]byte{"a.txt": text, "b.bin": {0, 1, 2}}, nil)
	resp, body = a.do("POST", "/api/v1/check", ct, buf, nil)
	wantStatus(t, "check two", resp, body, http.StatusOK)
	var arr []map[string]any
	if err := json.Unmarshal([]byte(body), &arr); err != nil || len(arr) != 2 {
		t.Fatalf("two files: %v %s", err, body)
	}
	// Uploading needs a login.
	resp, body = a.do("POST", "/api/v1/reports", "application/octet-stream", bytes.NewReader(text), nil)
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous upload: %d", resp.StatusCode)
	}
	resp, body = a.do("POST", "/api/v1/session", "application/json", strings.NewReader(`{"name":"qingshan","password":"`+testPassword+`"}`), nil)
	wantStatus(t, "API login", resp, body, http.StatusOK)
	var login struct {
		CSRF string `json:"csrf_token"`
	}
	json.Unmarshal([]byte(body), &login)
	resp, body = a.do("POST", "/api/v1/reports?name=q.txt&publish=1", "application/octet-stream", bytes.NewReader(text), map[string]string{csrfHeader: login.CSRF})
	wantStatus(t, "API upload", resp, body, http.StatusCreated)
	loc := resp.Header.Get("Location")
	var up result.Result
	json.Unmarshal([]byte(body), &up)
	_, got := e.anon().do("GET", loc, "", nil, nil)
	if got != body || up.Counts.Errors != 8 {
		t.Errorf("GET %s differs from the upload answer", loc)
	}
	resp, body = e.anon().do("GET", loc+"/findings", "", nil, nil)
	wantStatus(t, "findings", resp, body, http.StatusOK)
	var fs []result.Finding
	if err := json.Unmarshal([]byte(body), &fs); err != nil || len(fs) != 8 || fs[0].Rule == "" {
		t.Errorf("findings: %v %d", err, len(fs))
	}
	resp, body = e.anon().do("GET", "/api/v1/reports?q="+url.QueryEscape("青山"), "", nil, nil)
	wantStatus(t, "list", resp, body, http.StatusOK)
	if !strings.Contains(body, `"total": 1`) {
		t.Errorf("list: %s", body)
	}
	resp, body = e.anon().do("GET", loc+"/render/json", "", nil, nil)
	wantStatus(t, "render json", resp, body, http.StatusOK)
	resp, body = e.anon().do("GET", loc+"/render/exe", "", nil, nil)
	wantStatus(t, "render unknown format", resp, body, http.StatusUnprocessableEntity)
	resp, body = a.do("DELETE", "/api/v1/session", "", nil, map[string]string{csrfHeader: login.CSRF})
	wantStatus(t, "API logout", resp, body, http.StatusNoContent)
}

// TestOpenAPI parses the OpenAPI document and checks it describes exactly
// the /api/v1 routes the server has.
func TestOpenAPI(t *testing.T) {
	e := newEnv(t, Config{})
	resp, body := e.anon().get("/api/v1/openapi.json")
	wantStatus(t, "openapi", resp, body, http.StatusOK)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			var o struct {
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(op, &o); err != nil || len(o.Responses) == 0 {
				t.Errorf("%s %s: no responses", method, path)
			}
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	routes := map[string]bool{}
	for _, p := range e.s.patterns {
		if strings.Contains(p, " /api/") {
			routes[p] = true
		}
	}
	for r := range routes {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for d := range documented {
		if !routes[d] {
			t.Errorf("openapi.json documents %s, which the server does not have", d)
		}
		// And the mux really routes it.
		method, path, _ := strings.Cut(d, " ")
		path = strings.NewReplacer("{id}", "1", "{format}", "json").Replace(path)
		req, _ := http.NewRequest(method, path, nil)
		if _, pattern := e.s.mux.Handler(req); pattern != d {
			t.Errorf("%s routes to %q", d, pattern)
		}
	}
}

// TestGzip: cached public pages and static files go out gzipped to clients
// that accept it, and plain to the others.
func TestGzip(t *testing.T) {
	e := newEnv(t, Config{})
	m := e.storeExample(store.Published)
	c := e.anon()
	c.c.Transport = &http.Transport{DisableCompression: true}
	for _, p := range []string{fmt.Sprintf("/reports/%d", m.ID), fmt.Sprintf("/reports/%d", m.ID), staticURL("vendor/echarts.min.js")} {
		resp, plain := c.get(p)
		wantStatus(t, p, resp, "", http.StatusOK)
		resp, gz := c.do("GET", p, "", nil, map[string]string{"Accept-Encoding": "gzip, deflate"})
		if resp.Header.Get("Content-Encoding") != "gzip" || len(gz) >= len(plain)/2 {
			t.Errorf("%s: Content-Encoding %q, %d bytes gzipped vs %d plain", p, resp.Header.Get("Content-Encoding"), len(gz), len(plain))
			continue
		}
		zr, err := gzip.NewReader(strings.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		if string(b) != plain {
			t.Errorf("%s: gzipped body differs", p)
		}
	}
}

// TestJoin: prose and tables published as two files are checked as one
// disclosure, on the page and through the API.
func TestJoin(t *testing.T) {
	e := newEnv(t, Config{})
	lines := strings.Split(string(exampleText(t)), "\n")
	prose := []byte(strings.Join(lines[:52], "\n"))
	tables := []byte(strings.Join(lines[52:], "\n"))
	c := e.login("qingshan")
	resp, body := c.upload(map[string][]byte{"说明.txt": prose, "表格.txt": tables}, url.Values{"join": {"1"}}, true)
	wantStatus(t, "joined upload", resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/reports/"), 10, 64)
	m, err := e.db.ReportMeta(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := e.db.SourceFiles(context.Background(), id)
	if m.Tables != 9 || len(files) != 2 || m.Department != deptQingshan {
		t.Errorf("joined report: %d tables, %d files, %q", m.Tables, len(files), m.Department)
	}
	_, body = c.get(loc)
	if !strings.Contains(body, `id="L-1-`) || !strings.Contains(body, `<h3 class="srcname">`) {
		t.Errorf("the report page does not show both files")
	}
	ct, buf := multipartBody(t, "file", map[string][]byte{"说明.txt": prose, "表格.txt": tables}, nil)
	resp, body = c.do("POST", "/api/v1/check?join=1", ct, buf, nil)
	wantStatus(t, "joined API check", resp, body, http.StatusOK)
	var res result.Result
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Tables) != 9 || !strings.Contains(res.File, " + ") {
		t.Errorf("joined API check: %v, %d tables, file %q", err, len(res.Tables), res.File)
	}
}

// TestSeries: a disclosure whose year before is in the system is compared
// with it on the report page (package series), without changing its
// stored findings.
func TestSeries(t *testing.T) {
	e := newEnv(t, Config{})
	cur := exampleText(t)
	prev := bytes.ReplaceAll(cur, []byte("2025"), []byte("2024"))
	o := ingestOptions{Origin: store.FromExample, Status: store.Published}
	mp, err := e.s.ingest(context.Background(), nil, upload{Name: "2024.txt", Data: prev}, o)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := e.s.ingest(context.Background(), nil, upload{Name: "2025.txt", Data: cur}, o)
	if err != nil {
		t.Fatal(err)
	}
	if mp.Year != 2024 || mc.Year != 2025 {
		t.Fatalf("years %d %d", mp.Year, mc.Year)
	}
	_, body := e.anon().get(fmt.Sprintf("/reports/%d", mc.ID))
	if !strings.Contains(body, `id="series"`) || !strings.Contains(body, "series.yoy") {
		t.Errorf("the 2025 page does not compare with 2024:\n%s", body)
	}
	_, body = e.anon().get(fmt.Sprintf("/reports/%d?rule=series.yoy", mc.ID))
	if strings.Contains(body, "prose.share") && strings.Contains(body, `class="rule">prose.share`) {
		t.Errorf("rule filter does not apply")
	}
	_, body = e.anon().get(fmt.Sprintf("/reports/%d", mp.ID))
	if strings.Contains(body, `id="series"`) {
		t.Errorf("the 2024 page compares with a year it does not have")
	}
	fs, _ := e.db.Findings(context.Background(), mc.ID)
	for _, f := range fs {
		if store.Family(f.Rule) == "series" {
			t.Errorf("series findings were stored")
		}
	}
}
