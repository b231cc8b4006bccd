package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gongkai/store"
)

// TestEditorCannotChangeAnotherDepartment: an editor of 正定县医疗保障局 may
// not publish, withdraw or delete 青山市数据资源局's disclosure, nor upload
// one in its name; the editor of 青山 may.
func TestEditorCannotChangeAnotherDepartment(t *testing.T) {
	e := newEnv(t, Config{})
	m := e.storeExample(store.Published)
	other := e.login("zhengding")
	for _, action := range []string{"withdraw", "publish", "delete"} {
		resp, body := other.post(fmt.Sprintf("/reports/%d/%s", m.ID, action), nil, true)
		wantStatus(t, "other department "+action, resp, body, http.StatusForbidden)
		if !strings.Contains(body, "您只能修改本部门（正定县医疗保障局）的公开文件") {
			t.Errorf("%s: the 403 page does not say why:\n%s", action, body)
		}
	}
	got, err := e.db.ReportMeta(context.Background(), m.ID)
	if err != nil || got.Status != store.Published || got.Version != m.Version {
		t.Fatalf("the report changed: %+v %v", got, err)
	}
	// Nor through the API, nor by uploading the other department's file.
	resp, body := other.do("POST", "/api/v1/reports", "application/octet-stream", bytes.NewReader(exampleText(t)),
		map[string]string{csrfHeader: other.csrf})
	wantStatus(t, "API upload of another department's file", resp, body, http.StatusForbidden)
	if !strings.Contains(body, `"forbidden"`) || !strings.Contains(body, "只能上传本部门") {
		t.Errorf("API 403 body: %s", body)
	}
	resp, body = other.upload(map[string][]byte{"qingshan.txt": exampleText(t)}, nil, true)
	wantStatus(t, "upload of another department's file", resp, body, http.StatusForbidden)
	if !strings.Contains(body, "只能上传本部门（正定县医疗保障局）的公开文件") {
		t.Errorf("upload 403 page does not say why")
	}
	// A reviewer may not publish either.
	resp, body = e.login("inspector").post(fmt.Sprintf("/reports/%d/withdraw", m.ID), nil, true)
	wantStatus(t, "reviewer withdraw", resp, body, http.StatusForbidden)

	own := e.login("qingshan")
	resp, body = own.post(fmt.Sprintf("/reports/%d/withdraw", m.ID), nil, true)
	wantStatus(t, "own department withdraw", resp, body, http.StatusSeeOther)
	got, _ = e.db.ReportMeta(context.Background(), m.ID)
	if got.Status != store.Draft {
		t.Fatalf("withdraw did not take: %+v", got)
	}
	// Withdrawn: the public no longer sees it, the other editor neither.
	resp, _ = e.anon().get(fmt.Sprintf("/reports/%d", m.ID))
	wantStatus(t, "public view of a draft", resp, "", http.StatusSeeOther) // to the login page
	resp, body = other.get(fmt.Sprintf("/reports/%d", m.ID))
	wantStatus(t, "other editor's view of a draft", resp, body, http.StatusNotFound)
	resp, body = e.anon().do("GET", fmt.Sprintf("/api/v1/reports/%d", m.ID), "", nil, nil)
	wantStatus(t, "API view of a draft", resp, body, http.StatusNotFound)
	resp, body = own.post(fmt.Sprintf("/reports/%d/delete", m.ID), nil, true)
	wantStatus(t, "own department delete", resp, body, http.StatusSeeOther)
}

// TestCSRF: every unsafe request needs the token bound to the visitor.
func TestCSRF(t *testing.T) {
	e := newEnv(t, Config{})
	m := e.storeExample(store.Published)
	c := e.login("qingshan")
	path := fmt.Sprintf("/reports/%d/withdraw", m.ID)

	resp, body := c.post(path, nil, false)
	wantStatus(t, "form without token", resp, body, http.StatusForbidden)
	if !strings.Contains(body, "安全令牌") {
		t.Errorf("the refusal does not explain itself:\n%s", body)
	}
	resp, body = c.post(path, url.Values{"csrf": {"forged"}}, false)
	wantStatus(t, "form with a forged token", resp, body, http.StatusForbidden)
	other := e.login("zhengding")
	resp, body = c.post(path, url.Values{"csrf": {other.csrf}}, false)
	wantStatus(t, "form with another session's token", resp, body, http.StatusForbidden)
	resp, body = c.upload(map[string][]byte{"a.txt": exampleText(t)}, nil, false)
	wantStatus(t, "upload without token", resp, body, http.StatusForbidden)
	resp, body = c.do("POST", "/api/v1/reports", "application/octet-stream", bytes.NewReader(exampleText(t)), nil)
	wantStatus(t, "API upload without X-CSRF-Token", resp, body, http.StatusForbidden)
	if !strings.Contains(body, `"csrf"`) {
		t.Errorf("API refusal is not JSON with code csrf: %s", body)
	}
	// A cross-site request is refused even with the token.
	v := url.Values{"csrf": {c.csrf}}
	resp, body = c.do("POST", path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()),
		map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	wantStatus(t, "cross-site form", resp, body, http.StatusForbidden)
	// The login form needs a token too.
	a := e.anon()
	resp, body = a.do("POST", "/login", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"name": {"admin"}, "password": {testPassword}}.Encode()), nil)
	wantStatus(t, "login without token", resp, body, http.StatusForbidden)

	got, _ := e.db.ReportMeta(context.Background(), m.ID)
	if got.Status != store.Published {
		t.Fatalf("a refused request changed the report")
	}
	resp, body = c.post(path, nil, true)
	wantStatus(t, "form with its token", resp, body, http.StatusSeeOther)
}

// TestScriptRendersAsText: a disclosure whose text holds markup shows it
// as text on every page.
func TestScriptRendersAsText(t *testing.T) {
	e := newEnv(t, Config{})
	lines := strings.Split(string(exampleText(t)), "\n")
	evil := `<script>alert("gongkai")</script><img src=x onerror=alert(1)>`
	lines = append(lines[:8], append([]string{"本部门说明：" + evil}, lines[8:]...)...)
	c := e.login("qingshan")
	resp, body := c.upload(map[string][]byte{`<b>evil</b>".txt`: []byte(strings.Join(lines, "\n"))}, url.Values{"publish": {"1"}}, true)
	wantStatus(t, "upload", resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	for _, p := range []string{loc, loc + "/text", loc + "/text?view=plain", loc + "/disclosure", loc + "/download", "/"} {
		resp, body := e.anon().get(p)
		wantStatus(t, p, resp, body, http.StatusOK)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<b>evil") {
			t.Errorf("%s: markup from the document reached the page unescaped", p)
		}
	}
	_, body = e.anon().get(loc)
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;gongkai&#34;)&lt;/script&gt;") {
		t.Errorf("report page does not show the script as text")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
}

// TestSecurityHeadersAndCookies checks the headers on a page and the
// session cookie's attributes.
func TestSecurityHeadersAndCookies(t *testing.T) {
	e := newEnv(t, Config{})
	c := e.anon()
	resp, _ := c.get("/")
	for h, want := range map[string]string{
		"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	_, body := c.get("/login")
	token := csrfRE.FindStringSubmatch(body)[1]
	resp, _ = c.do("POST", "/login", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"csrf": {token}, "name": {"admin"}, "password": {testPassword}}.Encode()), nil)
	var sess *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			sess = ck
		}
	}
	if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Secure {
		t.Fatalf("session cookie = %+v", sess)
	}
	// Behind a TLS proxy the cookie is Secure.
	e2 := newEnv(t, Config{TrustProxy: true})
	c2 := e2.anon()
	_, body = c2.get("/login")
	token = csrfRE.FindStringSubmatch(body)[1]
	resp, _ = c2.do("POST", "/login", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"csrf": {token}, "name": {"admin"}, "password": {testPassword}}.Encode()),
		map[string]string{"X-Forwarded-Proto": "https"})
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie && !ck.Secure {
			t.Errorf("session cookie behind TLS is not Secure")
		}
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("no HSTS behind TLS")
	}
}

// TestLogin checks wrong passwords, the lockout and logout.
func TestLogin(t *testing.T) {
	e := newEnv(t, Config{})
	c := e.anon()
	_, body := c.get("/login")
	token := csrfRE.FindStringSubmatch(body)[1]
	try := func(pw string) (*http.Response, string) {
		return c.do("POST", "/login", "application/x-www-form-urlencoded",
			strings.NewReader(url.Values{"csrf": {token}, "name": {"admin"}, "password": {pw}}.Encode()), nil)
	}
	resp, body := try("wrong")
	wantStatus(t, "wrong password", resp, body, http.StatusUnauthorized)
	if !strings.Contains(body, "用户名或密码不正确") {
		t.Errorf("no message for a wrong password")
	}
	for range loginAttempts {
		try("wrong")
	}
	resp, body = try(testPassword)
	wantStatus(t, "locked out", resp, body, http.StatusTooManyRequests)
	if !strings.Contains(body, "15 分钟后再试") {
		t.Errorf("no lockout message")
	}
	u := e.login("qingshan")
	resp, body = u.post("/logout", nil, true)
	wantStatus(t, "logout", resp, body, http.StatusSeeOther)
	resp, _ = u.get("/upload")
	wantStatus(t, "upload page after logout", resp, "", http.StatusSeeOther)
	if !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Errorf("not sent to login: %s", resp.Header.Get("Location"))
	}
}

// TestBadFiles: unsupported or broken files give a clear Chinese message
// on the page and a JSON error from the API, never a 500.
func TestBadFiles(t *testing.T) {
	e := newEnv(t, Config{MaxUpload: 1 << 20})
	c := e.login("admin")
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty.txt", []byte("   \n"), "文件为空"},
		{"random.bin", bytes.Repeat([]byte{0, 1, 2, 3, 0xff, 0xfe, 7}, 500), "无法读取文件"},
		{"fake.pdf", []byte("%PDF-1.7\n this is not really a pdf \x00\x01"), "无法读取文件"},
		{"fake.xlsx", append([]byte("PK\x03\x04"), []byte("xl/workbook.xml garbage garbage")...), "无法读取文件"},
		{"fake.docx", append([]byte("PK\x03\x04"), []byte("word/document.xml garbage")...), "无法读取文件"},
		{"notes.txt", []byte("今天天气很好，我们去公园散步。"), "无法读取文件"},
		{"old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0}, 600)...), "无法读取文件"},
	}
	for _, tc := range cases {
		resp, body := c.upload(map[string][]byte{tc.name: tc.data}, nil, true)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 && resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s: page status %d", tc.name, resp.StatusCode)
		}
		if !strings.Contains(body, tc.want) || !strings.Contains(body, `id="page-error"`) {
			t.Errorf("%s: the upload page does not explain (want %q):\n%.400s", tc.name, tc.want, body)
		}
		resp, body = c.do("POST", "/api/v1/check?name="+url.QueryEscape(tc.name), "application/octet-stream", bytes.NewReader(tc.data), nil)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 && resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s: API status %d", tc.name, resp.StatusCode)
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"message"`) {
			t.Errorf("%s: API answer is not a JSON error: %s", tc.name, body)
		}
	}
	// Too large: 413 with the limit in the message.
	big := bytes.Repeat([]byte("一"), 1<<19)
	resp, body := c.upload(map[string][]byte{"big.txt": big}, nil, true)
	wantStatus(t, "too large upload", resp, body, http.StatusRequestEntityTooLarge)
	if !strings.Contains(body, "上传内容超过上限（1 MB）") {
		t.Errorf("413 page does not give the limit:\n%.400s", body)
	}
	resp, body = c.do("POST", "/api/v1/check", "application/octet-stream", bytes.NewReader(big), nil)
	wantStatus(t, "too large API check", resp, body, http.StatusRequestEntityTooLarge)
	// No file at all.
	resp, body = c.upload(nil, nil, true)
	wantStatus(t, "no file", resp, body, http.StatusUnprocessableEntity)
	// A zip of bad and good files: a batch that names each failure.
	zipped := makeZip(t, map[string][]byte{"good.txt": exampleText(t), "bad.bin": {1, 2, 3, 0, 0}, "inner.zip": makeZip(t, map[string][]byte{"x.txt": []byte("x")})})
	resp, body = c.upload(map[string][]byte{"mixed.zip": zipped}, nil, true)
	wantStatus(t, "zip upload", resp, body, http.StatusSeeOther)
	e.s.Wait()
	_, body = c.get(resp.Header.Get("Location"))
	for _, want := range []string{"已完成", "青山市数据资源局", "bad.bin", "压缩包中又有压缩包"} {
		if !strings.Contains(body, want) {
			t.Errorf("batch page lacks %q", want)
		}
	}
}

// TestGBKZipNames: names in a zip made on Chinese Windows are GBK.
func TestGBKZipNames(t *testing.T) {
	e := newEnv(t, Config{})
	gbkName := string([]byte{0xc7, 0xe0, 0xc9, 0xbd}) + ".txt" // 青山 in GBK
	zipped := makeZip(t, map[string][]byte{gbkName: exampleText(t)})
	ups, fails := e.s.expand([]upload{{Name: "a.zip", Data: zipped}})
	if len(fails) != 0 || len(ups) != 1 || ups[0].Name != "青山.txt" {
		t.Fatalf("expand = %v %v", ups, fails)
	}
}

func TestNotFoundAndMethod(t *testing.T) {
	e := newEnv(t, Config{})
	c := e.anon()
	resp, body := c.get("/no/such/page")
	wantStatus(t, "unknown page", resp, body, http.StatusNotFound)
	if !strings.Contains(body, "没有找到") {
		t.Errorf("404 page is not the application's")
	}
	resp, body = c.get("/reports/999")
	wantStatus(t, "unknown report", resp, body, http.StatusNotFound)
	resp, body = c.get("/api/v1/reports/abc")
	wantStatus(t, "bad id", resp, body, http.StatusNotFound)
	if !strings.Contains(body, `"not_found"`) {
		t.Errorf("API 404 is not JSON: %s", body)
	}
	resp, body = c.do("DELETE", "/upload", "", nil, nil)
	wantStatus(t, "wrong method", resp, body, http.StatusMethodNotAllowed)
	if resp.Header.Get("Allow") != "GET, POST" {
		t.Errorf("Allow = %q", resp.Header.Get("Allow"))
	}
}
