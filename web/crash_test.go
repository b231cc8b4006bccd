package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"gongkai/postgres/pgtest"
	"gongkai/sqlite"
	"gongkai/store"
)

// buildGongkai builds the gongkai command into dir.
func buildGongkai(t *testing.T, dir string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..")
	bin := filepath.Join(dir, "gongkai")
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/gongkai")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// serverProcess is gongkai serve running as its own process.
type serverProcess struct {
	cmd   *exec.Cmd
	url   string
	out   *bytes.Buffer
	lines chan string // what it printed, up to its address
}

// printed returns the lines the server printed before its address.
func (p *serverProcess) printed() string {
	var b strings.Builder
	for {
		select {
		case l := <-p.lines:
			b.WriteString(l + "\n")
		default:
			return b.String()
		}
	}
}

var openRE = regexp.MustCompile(`请在浏览器中打开 (http://\S+)/`)

// startServer runs gongkai serve on db with no examples and the admin
// password testPassword.
func startServer(t *testing.T, bin, db string) *serverProcess {
	t.Helper()
	return startServerWith(t, bin, db, append(os.Environ(), "GONGKAI_ADMIN_PASSWORD="+testPassword), "--no-examples")
}

// startServerWith runs gongkai serve on db with the environment and flags given.
func startServerWith(t *testing.T, bin, db string, env []string, args ...string) *serverProcess {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, args...)...)
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, out: &stderr}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	found := make(chan string, 1)
	p.lines = make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default:
			}
			if m := openRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case p.url = <-found:
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not say where it listens; stderr:\n%s", stderr.String())
	}
	return p
}

// apiClient logs in through the API and keeps the cookie and CSRF token.
type apiClient struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string
}

func apiLogin(t *testing.T, base string) *apiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	a := &apiClient{t: t, base: base, c: &http.Client{Jar: jar, Timeout: time.Minute}}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	a.call("POST", "/api/v1/session", "application/json", strings.NewReader(`{"name":"admin","password":"`+testPassword+`"}`), http.StatusOK, &out)
	a.csrf = out.CSRF
	return a
}

func (a *apiClient) call(method, path, ctype string, body io.Reader, want int, v any) http.Header {
	a.t.Helper()
	req, _ := http.NewRequest(method, a.base+path, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if a.csrf != "" {
		req.Header.Set(csrfHeader, a.csrf)
	}
	resp, err := a.c.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		a.t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			a.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
	return resp.Header
}

type batchJSON struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	Total  int    `json:"total"`
	Done   int    `json:"done"`
	Failed int    `json:"failed"`
}

// TestKillDuringBatch starts gongkai serve as a process, SIGKILLs it while
// it stores a batch, starts it again on the same database and checks that
// every report of the batch is whole: its files, findings, figures and
// batch count were written in one transaction, or not at all.
func TestKillDuringBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server; not in -short")
	}
	dir := t.TempDir()
	bin := buildGongkai(t, dir)
	db := filepath.Join(dir, "gongkai.db")
	text := exampleText(t)
	const n = 600
	files := map[string][]byte{}
	for i := range n {
		files[fmt.Sprintf("f%03d.txt", i)] = text
	}
	zipped := makeZip(t, files)

	p1 := startServer(t, bin, db)
	a := apiLogin(t, p1.url)
	ct, body := multipartBody(t, "file", map[string][]byte{"many.zip": zipped}, nil)
	var b batchJSON
	h := a.call("POST", "/api/v1/reports", ct, body, http.StatusAccepted, &b)
	loc := h.Get("Location")
	deadline := time.Now().Add(time.Minute)
	for {
		a.call("GET", loc, "", nil, http.StatusOK, &b)
		if b.Done >= 5 {
			break
		}
		if time.Now().After(deadline) || b.Status != "running" {
			t.Fatalf("batch did not progress: %+v", b)
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := p1.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p1.cmd.Wait()
	t.Logf("killed with %d of %d files stored", b.Done, n)

	p2 := startServer(t, bin, db)
	a = apiLogin(t, p2.url)
	a.call("GET", loc, "", nil, http.StatusOK, &b)
	if b.Status != "interrupted" {
		t.Errorf("after restart the batch is %q, want interrupted", b.Status)
	}
	// The restarted server serves every stored report.
	var list struct {
		Total   int `json:"total"`
		Reports []struct {
			ID int64 `json:"id"`
		} `json:"reports"`
	}
	a.call("GET", "/api/v1/reports?limit=1000", "", nil, http.StatusOK, &list)
	for _, r := range list.Reports {
		a.call("GET", fmt.Sprintf("/api/v1/reports/%d", r.ID), "", nil, http.StatusOK, nil)
	}
	p2.cmd.Process.Signal(syscall.SIGTERM)
	if err := p2.cmd.Wait(); err != nil {
		t.Errorf("server did not stop cleanly on SIGTERM: %v\n%s", err, p2.out)
	}

	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := st.Batch(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	reports, total, err := st.ListReports(ctx, store.ReportFilter{Visibility: store.Visibility{All: true}, BatchID: b.ID})
	if err != nil {
		t.Fatal(err)
	}
	if total == 0 || total >= n {
		t.Fatalf("%d reports stored: the kill did not land in the middle of the batch", total)
	}
	if got.Done != total || list.Total != total {
		t.Errorf("batch counts %d done, %d reports stored, %d listed", got.Done, total, list.Total)
	}
	for _, m := range reports {
		fs, err := st.Findings(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := store.CountFindings(fs); c != m.Counts || len(fs) == 0 {
			t.Errorf("report %d: %d findings stored, counts say %+v", m.ID, len(fs), m.Counts)
		}
		srcs, err := st.SourceFiles(ctx, m.ID)
		if err != nil || len(srcs) != 1 || !bytes.Equal(srcs[0].Content, text) || len(srcs[0].Lines) < 100 {
			t.Errorf("report %d: source files %d, %v", m.ID, len(srcs), err)
		}
		r, err := st.Report(ctx, m.ID)
		if err != nil || len(r.Tables) != m.Tables || len(r.Sources) != 1 {
			t.Errorf("report %d: content %v", m.ID, err)
		}
		figs, err := st.Figures(ctx, []int64{m.ID})
		if err != nil || len(figs[m.ID]) == 0 {
			t.Errorf("report %d: no figures", m.ID)
		}
		classes, err := st.Classes(ctx, m.ID)
		if err != nil || len(classes) == 0 {
			t.Errorf("report %d: no classes", m.ID)
		}
	}
	t.Logf("after restart: %d whole reports, batch %s", total, got.Status)
}

// TestServeFirstStart: an empty database gets an admin with a random
// password printed once and the example disclosures (the text and the
// generated workbook), published; a restart adds neither again. The upload
// limit flag is obeyed.
// TestServeFirstStart runs gongkai serve on an empty store, on the
// embedded SQLite file and on PostgreSQL (--db postgres://…, a fresh schema
// in the server scripts/test starts).
func TestServeFirstStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server; not in -short")
	}
	dir := t.TempDir()
	bin := buildGongkai(t, dir)
	t.Run("sqlite", func(t *testing.T) { serveFirstStart(t, bin, filepath.Join(dir, "first.db")) })
	t.Run("postgres", func(t *testing.T) { serveFirstStart(t, bin, pgtest.FreshSchema(t)) })
}

func serveFirstStart(t *testing.T, bin, db string) {
	_, file, _, _ := runtime.Caller(0)
	examples := filepath.Join(filepath.Dir(file), "..", "examples")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GONGKAI_ADMIN_PASSWORD=") {
			env = append(env, kv)
		}
	}
	p := startServerWith(t, bin, db, env, "--examples", examples, "--max-upload", "64KB")
	out := p.printed()
	m := regexp.MustCompile(`已创建管理员账号 admin，密码：(\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no admin password printed:\n%s", out)
	}
	if !strings.Contains(out, "已载入 2 份示例公开文件") {
		t.Errorf("first start printed:\n%s", out)
	}
	var list struct {
		Total   int `json:"total"`
		Reports []struct {
			Status string `json:"status"`
			File   string `json:"file"`
		} `json:"reports"`
	}
	anon := &apiClient{t: t, base: p.url, c: &http.Client{Timeout: time.Minute}}
	anon.call("GET", "/api/v1/reports", "", nil, http.StatusOK, &list)
	if list.Total != 2 || list.Reports[0].Status != "published" {
		t.Errorf("examples: %+v", list)
	}
	jar, _ := cookiejar.New(nil)
	a := &apiClient{t: t, base: p.url, c: &http.Client{Jar: jar, Timeout: time.Minute}}
	var login struct {
		CSRF string `json:"csrf_token"`
	}
	a.call("POST", "/api/v1/session", "application/json", strings.NewReader(`{"name":"admin","password":"`+m[1]+`"}`), http.StatusOK, &login)
	a.csrf = login.CSRF
	a.call("POST", "/api/v1/reports?name=big.txt", "application/octet-stream", bytes.NewReader(bytes.Repeat([]byte("一"), 30000)), http.StatusRequestEntityTooLarge, nil)
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()

	p = startServerWith(t, bin, db, env, "--examples", examples)
	if out := p.printed(); strings.Contains(out, "已创建管理员账号") || strings.Contains(out, "已载入") {
		t.Errorf("second start repeated the first start:\n%s", out)
	}
	anon.base = p.url
	anon.call("GET", "/api/v1/reports", "", nil, http.StatusOK, &list)
	if list.Total != 2 {
		t.Errorf("after restart %d reports", list.Total)
	}
}
