package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"gongkai/sqlite"
	"gongkai/store"
)

// testEnv is a server on 127.0.0.1:0 with a fresh SQLite file and four
// users: an admin, two editors of different departments and a reviewer.
type testEnv struct {
	t   testing.TB
	s   *Server
	db  *sqlite.DB
	ts  *httptest.Server
	url string
}

const testPassword = "correct-horse-7"

// The departments of the two editors: the example disclosure belongs to
// the first.
const (
	deptQingshan  = "青山市数据资源局"
	deptZhengding = "正定县医疗保障局"
)

func newEnv(t testing.TB, cfg Config) *testEnv {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store = db
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		ts.Close()
		s.Close()
		if err := db.IntegrityCheck(context.Background()); err != nil {
			t.Error(err)
		}
		db.Close()
	})
	for _, u := range []struct {
		name string
		role store.Role
		dept string
	}{
		{"admin", store.Admin, ""},
		{"qingshan", store.Editor, deptQingshan},
		{"zhengding", store.Editor, deptZhengding},
		{"inspector", store.Reviewer, ""},
	} {
		if _, err := CreateUser(ctx, db, u.name, u.role, u.dept, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	return &testEnv{t: t, s: s, db: db, ts: ts, url: ts.URL}
}

// exampleText is the bundled example disclosure (青山市数据资源局).
func exampleText(t testing.TB) []byte {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "examples", "qingshan-data-2025-budget.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// storeExample stores the example as published (or draft) directly.
func (e *testEnv) storeExample(status store.Status) *store.ReportMeta {
	e.t.Helper()
	o := ingestOptions{Origin: store.FromExample, Status: status}
	m, err := e.s.ingest(context.Background(), nil, upload{Name: "qingshan.txt", Data: exampleText(e.t)}, o)
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

// client is a browser-like HTTP client with cookies that does not follow
// redirects, so tests see them.
type client struct {
	t    testing.TB
	e    *testEnv
	c    *http.Client
	csrf string
}

func (e *testEnv) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, e: e, c: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login logs in through the login form and keeps the session's CSRF token.
func (e *testEnv) login(name string) *client {
	e.t.Helper()
	c := e.anon()
	_, body := c.get("/login")
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatal("no CSRF token on the login page")
	}
	resp, body := c.do("POST", "/login", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"csrf": {m[1]}, "name": {name}, "password": {testPassword}}.Encode()), nil)
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: %d %s", name, resp.StatusCode, body)
	}
	_, body = c.get("/")
	m = csrfRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatal("no CSRF token after login")
	}
	c.csrf = m[1]
	return c
}

func (c *client) do(method, path, ctype string, body io.Reader, hdr map[string]string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.e.url+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	return c.do("GET", path, "", nil, nil)
}

// post sends a form, with the client's CSRF token unless withToken is false.
func (c *client) post(path string, v url.Values, withToken bool) (*http.Response, string) {
	c.t.Helper()
	if v == nil {
		v = url.Values{}
	}
	if withToken {
		v.Set("csrf", c.csrf)
	}
	return c.do("POST", path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()), nil)
}

// multipartBody builds a multipart form with files under field and the
// other fields.
func multipartBody(t testing.TB, field string, files map[string][]byte, fields url.Values) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range files {
		w, err := mw.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

// upload posts files to the upload page.
func (c *client) upload(files map[string][]byte, fields url.Values, withToken bool) (*http.Response, string) {
	c.t.Helper()
	if fields == nil {
		fields = url.Values{}
	}
	if withToken {
		fields.Set("csrf", c.csrf)
	}
	ct, body := multipartBody(c.t, "files", files, fields)
	return c.do("POST", "/upload", ct, body, nil)
}

func wantStatus(t *testing.T, what string, resp *http.Response, body string, want int) {
	t.Helper()
	if resp.StatusCode != want {
		if len(body) > 600 {
			body = body[:600] + "…"
		}
		t.Fatalf("%s: status %d, want %d\n%s", what, resp.StatusCode, want, body)
	}
}
