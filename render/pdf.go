package render

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gongkai"
	"gongkai/reportjson"
)

// ErrNoChromium is returned when no Chromium can be found to print PDFs.
var ErrNoChromium = errors.New("未找到 chromium，请安装：apt-get install chromium")

// DefaultChromium is where Debian installs Chromium.
const DefaultChromium = "/usr/bin/chromium"

// Printer prints HTML pages to PDF (and to PNG screenshots) with headless
// Chromium through the DevTools protocol (github.com/chromedp/chromedp). It
// starts one browser, on first use, with a fresh profile directory, and
// renders every page in a new tab; it is safe for concurrent use. Close
// stops the browser.
type Printer struct {
	// ExecPath is the Chromium program; "" means /usr/bin/chromium, or
	// chromium (or chromium-browser, google-chrome) looked up in PATH.
	ExecPath string
	// Timeout bounds one page; 0 means one minute.
	Timeout time.Duration

	mu      sync.Mutex
	browser context.Context // the browser's context; nil until started
	stop    func()          // cancels the allocator and the browser
}

// NewPrinter returns a Printer using the Chromium at execPath ("" for the
// default).
func NewPrinter(execPath string) *Printer { return &Printer{ExecPath: execPath} }

var (
	defaultPrinterOnce sync.Once
	defaultPrinter     *Printer
)

// DefaultPrinter returns the process's shared Printer, which keeps one
// browser for the life of the process.
func DefaultPrinter() *Printer {
	defaultPrinterOnce.Do(func() { defaultPrinter = &Printer{} })
	return defaultPrinter
}

// FindChromium returns the path of the Chromium program, or ErrNoChromium.
func FindChromium(execPath string) (string, error) {
	if execPath != "" {
		if p, err := exec.LookPath(execPath); err == nil {
			return p, nil
		}
		return "", fmt.Errorf("%w（%s 不存在或不可执行）", ErrNoChromium, execPath)
	}
	if st, err := os.Stat(DefaultChromium); err == nil && !st.IsDir() {
		return DefaultChromium, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// start launches the browser once.
func (p *Printer) start() (context.Context, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.browser != nil {
		return p.browser, nil
	}
	path, err := FindChromium(p.ExecPath)
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	// The browser must outlive the request that starts it, so its context
	// is not derived from the caller's. Without UserDataDir, the allocator
	// makes a fresh profile directory and removes it when it stops.
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		return nil, fmt.Errorf("render: 无法启动 chromium（%s）：%w", path, err)
	}
	p.browser = bctx
	p.stop = func() { bcancel(); acancel() }
	return bctx, nil
}

// Close stops the browser. The Printer may be used again afterwards: it
// then starts a new one.
func (p *Printer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
	}
	p.browser, p.stop = nil, nil
	return nil
}

// tab opens a new tab bound to ctx and loads the page into it.
func (p *Printer) tab(ctx context.Context, html []byte) (context.Context, func(), error) {
	bctx, err := p.start()
	if err != nil {
		return nil, nil, err
	}
	tctx, tcancel := chromedp.NewContext(bctx)
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	tctx, cancelTimeout := context.WithTimeout(tctx, timeout)
	stopAfter := context.AfterFunc(ctx, cancelTimeout) // the caller's cancellation ends the tab
	done := func() { stopAfter(); cancelTimeout(); tcancel() }
	if err := chromedp.Do(tctx, chromedp.Navigate("about:blank")); err != nil {
		done()
		return nil, nil, p.fail(ctx, err)
	}
	tree, err := chromedp.Call(tctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		done()
		return nil, nil, p.fail(ctx, err)
	}
	_, err = chromedp.Call(tctx, page.SetDocumentContent, page.SetDocumentContentParams{
		FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
	if err != nil {
		done()
		return nil, nil, p.fail(ctx, err)
	}
	// Fonts are system fonts, but their faces load lazily: wait for them.
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		done()
		return nil, nil, p.fail(ctx, err)
	}
	return tctx, done, nil
}

// fail turns an error of the browser into the caller's context error when
// that is why it failed.
func (p *Printer) fail(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("render: chromium: %w", err)
}

// PDF prints an HTML page to PDF: paper size and margins from the page's
// CSS (@page; A4 for our pages), backgrounds printed, a document outline
// (bookmarks) from the headings and a tagged PDF.
func (p *Printer) PDF(ctx context.Context, html []byte) ([]byte, error) {
	tctx, done, err := p.tab(ctx, html)
	if err != nil {
		return nil, err
	}
	defer done()
	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return nil, p.fail(ctx, err)
	}
	return pdf, nil
}

// Screenshot renders an HTML page as a PNG image of the whole page, width
// CSS pixels wide (0 for 1000).
func (p *Printer) Screenshot(ctx context.Context, html []byte, width int) ([]byte, error) {
	if width <= 0 {
		width = 1000
	}
	tctx, done, err := p.tab(ctx, html)
	if err != nil {
		return nil, err
	}
	defer done()
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(int64(width), 800)); err != nil {
		return nil, p.fail(ctx, err)
	}
	png, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		return nil, p.fail(ctx, err)
	}
	return png, nil
}

// PDF writes r as a PDF with the sealed report attached as
// gongkai-report.json. With a nil printer it is written by the native
// writer (NativePDF: no browser, a fraction of a second for a large
// department); with a printer, the HTML page is printed by Chromium.
func PDF(ctx context.Context, p *Printer, r *gongkai.Report) ([]byte, error) {
	sealed, err := reportjson.Seal(r)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nativePDFWithSeal(r, sealed)
	}
	html, err := htmlWithSeal(r, sealed)
	if err != nil {
		return nil, err
	}
	pdf, err := p.PDF(ctx, html)
	if err != nil {
		return nil, err
	}
	return Attach(pdf, AttachmentName, sealed)
}
