package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"gongkai/internal/corpus"
)

// chromiumPath finds Debian's Chromium; the browser tests fail, not skip,
// without it: CI installs it (scripts/setup --test).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("GONGKAI_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is missing: the browser tests need Debian's chromium (apt-get install chromium, or scripts/setup --test); set GONGKAI_CHROMIUM to use another")
	return ""
}

// screenshotDir is where the browser tests save their PNGs: GONGKAI_SCREENSHOTS
// when set, otherwise a temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("GONGKAI_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestBrowser drives Chromium through the application as a user would: log
// in, upload a seed, see its errors, click one to see the highlighted
// source line, try the PDF, open the charts, check a batch of all five
// seeds and export the batch table.
func TestBrowser(t *testing.T) {
	exe := chromiumPath(t)
	seeds := corpus.Files(t, "seeds", "*.txt")
	if len(seeds) != 5 {
		t.Fatalf("want the five seeds, found %d", len(seeds))
	}
	e := newEnv(t, Config{})
	shots := screenshotDir(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(bctx, 5*time.Minute)
	defer cancel()

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		p := filepath.Join(shots, name+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", p)
	}

	// Log in.
	do("log in",
		chromedp.Navigate(e.url+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SendKeys(chromedp.CSS(`#login-form input[name=name]`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`#login-form input[name=password]`), testPassword),
		chromedp.Click(chromedp.CSS(`#login-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".who .user")),
	)

	// Upload one seed with errors (001, 赤壁市医疗保障局) and see its findings.
	seed := seeds[1]
	do("upload a seed",
		chromedp.Navigate(e.url+"/upload"),
		chromedp.WaitVisible(chromedp.CSS("#upload-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{seed}),
		chromedp.Click(chromedp.CSS(`#upload-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".finding.error")),
	)
	report := eval("report path", `location.pathname`)
	if title := eval("title", `document.querySelector(".rhead h1").textContent`); !strings.Contains(title, "赤壁市医疗保障局") {
		t.Errorf("report title = %q", title)
	}
	if n := eval("errors", `String(document.querySelectorAll(".finding.error").length)`); n == "0" {
		t.Fatal("no error findings shown")
	}
	shot("1-report")

	// Click the first error: its source line is highlighted and in view.
	target := eval("target", `document.querySelector(".finding.error a.goto").dataset.target`)
	do("click a finding",
		chromedp.Click(chromedp.CSS(".finding.error a.goto")),
		chromedp.WaitVisible(chromedp.CSS(".ln.hl")),
	)
	if id := eval("highlighted", `document.querySelector(".ln.hl").id`); id != target {
		t.Errorf("highlighted line %q, want %q", id, target)
	}
	inView := eval("in view", `(function () {
		var l = document.querySelector(".ln.hl").getBoundingClientRect(), d = document.getElementById("doc").getBoundingClientRect();
		return String(l.top >= d.top && l.bottom <= d.bottom && l.height > 0);
	})()`)
	if inView != "true" {
		t.Errorf("the highlighted line is not scrolled into view")
	}
	line := eval("line text", `document.querySelector(".ln.hl .tx").textContent.trim()`)
	quote := eval("quote", `(document.querySelector(".finding.error .quote") || {textContent: ""}).textContent.trim()`)
	if line == "" || (quote != "" && !strings.Contains(line, strings.Fields(quote)[0])) {
		t.Errorf("highlighted line %q does not hold the finding's quote %q", line, quote)
	}
	if bg := eval("background", `getComputedStyle(document.querySelector(".ln.hl")).backgroundColor`); bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("the highlighted line has no background")
	}
	shot("2-highlight")
	// The recognised tables, with the rows read from that line highlighted.
	do("tables tab",
		chromedp.Click(chromedp.CSS(`.doctabs button[data-tab="tables"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.docpane[data-pane="tables"] table.grid`)),
	)
	if n := eval("tables", `String(document.querySelectorAll(".docpane[data-pane=tables] .rtable").length)`); n == "0" {
		t.Errorf("no recognised tables shown")
	}
	do("scroll to a table", chromedp.ScrollIntoView(chromedp.CSS(`.rtable:nth-of-type(1)`)))
	shot("2b-tables")

	// Download the PDF, or see why it cannot be.
	do("download page", chromedp.Navigate(e.url+report+"/download"), chromedp.WaitVisible(chromedp.CSS("#dl-pdf")))
	if e.s.available("pdf") {
		pdf := fetchBytes(t, eval, "pdf", `document.getElementById("dl-pdf").href`)
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 1000 {
			t.Errorf("the PDF download starts with %q", pdf[:min(len(pdf), 8)])
		}
		os.WriteFile(filepath.Join(shots, "report.pdf"), pdf, 0o644)
		shot("3-download")
		do("text", chromedp.Navigate(e.url+report+"/text"), chromedp.WaitVisible(chromedp.CSS("#rendered")))
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if h := eval("frame", `String(document.getElementById("rendered").style.height)`); h != "" {
				break
			}
		}
		shot("3b-text")
	} else {
		do("pdf", chromedp.Click(chromedp.CSS("#dl-pdf")), chromedp.WaitVisible(chromedp.CSS("#error-message")))
		if msg := eval("pdf message", `document.getElementById("error-message").textContent`); !strings.Contains(msg, "PDF") || !strings.Contains(msg, "排版组件") {
			t.Errorf("PDF message = %q", msg)
		}
		shot("3-pdf-unavailable")
	}

	// Charts.
	do("charts", chromedp.Navigate(e.url+report+"/charts"), chromedp.WaitVisible(chromedp.CSS(".chart[data-ready]")))
	if n := eval("canvases", `String(document.querySelectorAll(".chart[data-ready] canvas").length)`); n == "0" {
		t.Errorf("no chart drawn")
	}
	shot("4-charts")

	// A batch of the five seeds.
	do("batch upload",
		chromedp.Navigate(e.url+"/upload"),
		chromedp.WaitVisible(chromedp.CSS("#upload-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), seeds),
		chromedp.SendKeys(chromedp.CSS(`#upload-form input[name=name]`), "五份样本"),
		chromedp.Click(chromedp.CSS(`#upload-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#batch")),
	)
	// The page reloads itself when the batch ends, so poll across reloads.
	waitFor(t, ctx, "batch finished", `(function () { var s = document.getElementById("batch-status"); return !!s && s.textContent === "已完成"; })()`)
	do("batch page", chromedp.WaitVisible(chromedp.CSS("#batch-review")))
	if n := eval("batch rows", `String(document.querySelectorAll("#batch-reports tbody tr a").length)`); n != "5" {
		t.Errorf("batch lists %s reports, want 5", n)
	}
	shot("5-batch")
	do("review", chromedp.Click(chromedp.CSS("#batch-review")), chromedp.WaitVisible(chromedp.CSS("#review")))
	if n := eval("review rows", `String(document.querySelectorAll("#review tbody tr").length)`); n != "5" {
		t.Errorf("review table has %s rows, want 5", n)
	}
	do("sort", chromedp.Click(chromedp.CSS(`#review th[data-sort="total"]`)))
	if cls := eval("sorted", `document.querySelector('#review th[data-sort="total"]').className`); !strings.Contains(cls, "desc") {
		t.Errorf("sorting did not happen: %q", cls)
	}
	shot("6-review")
	data := fetchBytes(t, eval, "export", `document.getElementById("export-xlsx").href`)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export is not an XLSX: %v", err)
	}
	rows, err := f.GetRows("批量检查")
	if err != nil || len(rows) != 6 {
		t.Fatalf("export has %d rows (%v), want a header and 5", len(rows), err)
	}
	// Score the first document: enter the approval and publication dates.
	do("inspection",
		chromedp.Click(chromedp.CSS(`#review tbody tr:first-child a[href$="/inspection"]`)),
		chromedp.WaitVisible(chromedp.CSS("#inspection-form")),
		chromedp.SetValue(chromedp.CSS(`input[name=approved_on]`), "2024-02-01"),
		chromedp.SetValue(chromedp.CSS(`input[name=published_on]`), "2024-02-18"),
		chromedp.Click(chromedp.CSS(`input[name=platform][value=yes]`)),
		chromedp.Click(chromedp.CSS(`#inspection-form button[type=submit]`)),
	)
	// The form posts and the page comes back with the timeliness scored.
	waitFor(t, ctx, "timeliness scored", `(function () { var s = document.querySelector(".scores"); return !!s && s.textContent.indexOf("批复后第 17 天公开") >= 0; })()`)
	shot("7-inspection")

	// A broken file: a clear message on the upload page.
	broken := filepath.Join(t.TempDir(), "损坏的文件.pdf")
	os.WriteFile(broken, []byte("%PDF-1.7\n not really a pdf"), 0o644)
	do("broken upload",
		chromedp.Navigate(e.url+"/upload"),
		chromedp.WaitVisible(chromedp.CSS("#upload-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{broken}),
		chromedp.Click(chromedp.CSS(`#upload-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#page-error")),
	)
	if msg := eval("broken message", `document.getElementById("page-error").textContent`); !strings.Contains(msg, "无法读取文件") || !strings.Contains(msg, "损坏的文件.pdf") {
		t.Errorf("broken file message = %q", msg)
	}
	shot("8-broken-file")

	depts := map[string]bool{}
	for _, r := range rows[1:] {
		depts[r[1]] = true
	}
	for _, d := range []string{"保山市医疗保障局", "赤壁市医疗保障局", "重庆市南岸区医疗保障局", "互助土族自治县医疗保障局", "正定县医疗保障局"} {
		if !depts[d] {
			t.Errorf("export lacks %s (has %v)", d, depts)
		}
	}
}

// fetchBytes downloads a URL in the page (with its cookies) and returns the bytes.
func fetchBytes(t *testing.T, eval func(what, js string) string, what, urlExpr string) []byte {
	t.Helper()
	b64 := eval(what, `fetch(`+urlExpr+`).then(r => r.arrayBuffer()).then(b => {
		var u = new Uint8Array(b), s = "";
		for (var i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);
		return btoa(s);
	})`)
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return data
}

// waitFor polls a JavaScript condition until it holds, across page loads
// (an evaluation during a navigation fails and is retried).
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		ectx, cancel := context.WithTimeout(ctx, 10*time.Second)
		var ok bool
		ok, err = chromedp.Run(ectx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
	}
	t.Fatalf("%s: not reached in a minute (%v)", what, err)
}
