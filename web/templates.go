package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"gongkai"
	"gongkai/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPIDoc []byte

// pageTemplate is one page parsed with the layout.
type pageTemplate struct {
	t *template.Template
}

// pageNames lists the page templates; each is parsed once, at start, with
// the layout (templates/layout.html).
var pageNames = []string{"home", "login", "upload", "batch", "batches", "report", "text", "charts",
	"download", "inspection", "review", "prepare", "users", "error"}

func parsePages() (map[string]*pageTemplate, error) {
	out := map[string]*pageTemplate{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = &pageTemplate{t: t}
	}
	// The panels of the report page are rendered on their own and cached.
	for _, name := range []string{"docpanel", "findingspanel"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = &pageTemplate{t: t}
	}
	return out, nil
}

// page is what every page template receives.
type page struct {
	Title  string
	Nav    string // the active menu item
	User   *store.User
	Status int
	Error  string // a message shown above the content (a refused form)
	Notice string
	Data   any

	s    *Server
	w    http.ResponseWriter
	r    *http.Request
	csrf string
}

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, title string) *page {
	return &page{Title: title, User: userOf(r), Status: http.StatusOK, s: s, w: w, r: r}
}

// CSRF returns the token forms must carry; it sets the anonymous cookie
// the first time a visitor who is not logged in sees a form.
func (p *page) CSRF() string {
	if p.csrf == "" {
		p.csrf = p.s.ensureCSRF(p.w, p.r)
	}
	return p.csrf
}

// Path is the path of the request, for menus and login links.
func (p *page) Path() string { return p.r.URL.Path }

// RequestURI is the path and query of the request.
func (p *page) RequestURI() string { return p.r.URL.RequestURI() }

// CanInspect, CanUpload and IsAdmin drive the menu.
func (p *page) CanInspect() bool { return canInspect(p.User) }
func (p *page) CanUpload() bool  { return p.User != nil }
func (p *page) IsAdmin() bool    { return p.User != nil && p.User.Role == store.Admin }

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) error {
	return s.renderStatus(w, r, p.Status, name, p)
}

// renderStatus executes a page into a buffer, then writes it: a template
// error becomes a clean 500, never half a page.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, p *page) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.t.ExecuteTemplate(buf, "layout", p); err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if p.User != nil {
		h.Set("Cache-Control", "private, no-store")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// renderBytes executes a page into a new byte slice (for caching).
func (s *Server) renderBytes(name string, p *page) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pages[name].t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// cachedPage is a page kept for the public, plain and gzipped.
type cachedPage struct {
	plain, gz []byte
}

func newCachedPage(b []byte) *cachedPage {
	return &cachedPage{plain: b, gz: gzipBytes(b)}
}

// write sends the page, gzipped when the client accepts it.
func (c *cachedPage) write(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	b := c.plain
	if c.gz != nil && acceptsGzip(r) {
		b = c.gz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	_, err := w.Write(b)
	return err
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// gzipBytes compresses b, or returns nil when that does not pay.
func gzipBytes(b []byte) []byte {
	if len(b) < 1024 {
		return nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	if buf.Len() >= len(b)*9/10 {
		return nil
	}
	return buf.Bytes()
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

var funcs = template.FuncMap{
	"sevClass": func(s gongkai.Severity) string { return s.String() },
	"sevName":  func(s gongkai.Severity) string { return s.Chinese() },
	"kindName": func(k gongkai.Kind) string { return k.Chinese() },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(chinaTime).Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(chinaTime).Format("2006-01-02 15:04")
	},
	"money": func(m *gongkai.Money, u gongkai.Unit) string {
		if m == nil {
			return "—"
		}
		return gongkai.FormatThousands(m.Fen, u, 2)
	},
	"fen":    func(fen int64, u gongkai.Unit) string { return gongkai.FormatThousands(fen, u, 2) },
	"static": staticURL,
	"add":    func(a, b int) int { return a + b },
	"query": func(base string, kv ...any) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			val := fmt.Sprint(kv[i+1])
			if val != "" && val != "0" {
				v.Set(fmt.Sprint(kv[i]), val)
			}
		}
		if len(v) == 0 {
			return base
		}
		return base + "?" + v.Encode()
	},
	"score": func(v *float64) string {
		if v == nil {
			return "—"
		}
		return strconv.FormatFloat(*v, 'f', 1, 64)
	},
	"scoreClass": func(v *float64) string {
		switch {
		case v == nil:
			return "na"
		case *v >= 90:
			return "good"
		case *v >= 60:
			return "fair"
		}
		return "poor"
	},
	"bytes":    formatBytes,
	"famKey":   func(c store.Counts) int { return c.Errors*1000 + c.Warnings },
	"roleName": func(r store.Role) string { return r.Chinese() },
}

// chinaTime is UTC+8, used to show times; the server stores UTC.
var chinaTime = time.FixedZone("CST", 8*3600)

// staticFiles serves the embedded static directory. URLs carry a hash of
// the content (?v=…), so files can be cached for a year.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	data  []byte
	gz    []byte // gzipped, or nil
	ctype string
	hash  string
}

// staticHashes maps a static file name to its content hash.
var staticHashes map[string]string

var loadStatic = sync.OnceValues(func() (*staticFiles, error) {
	sf, err := readStaticFiles()
	if err == nil {
		staticHashes = map[string]string{}
		for n, f := range sf.files {
			staticHashes[n] = f.hash
		}
	}
	return sf, err
})

func newStaticFiles() (*staticFiles, error) { return loadStatic() }

func readStaticFiles() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		if strings.HasPrefix(ct, "text/") && !strings.Contains(ct, "charset") {
			ct += "; charset=utf-8"
		}
		name := strings.TrimPrefix(p, "static/")
		sf.files[name] = staticFile{data: b, gz: gzipBytes(b), ctype: ct, hash: hex.EncodeToString(h[:6])}
		return nil
	})
	return sf, err
}

func staticURL(name string) string {
	return "/static/" + name + "?v=" + staticHashes[name]
}

func (sf *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	f, ok := sf.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("ETag", `"`+f.hash+`"`)
	if r.Header.Get("If-None-Match") == `"`+f.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Vary", "Accept-Encoding")
	data := f.data
	if f.gz != nil && acceptsGzip(r) {
		data = f.gz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// lru is a small least-recently-used cache safe for concurrent use.
type lru[K comparable, V any] struct {
	mu    sync.Mutex
	cap   int
	ll    *list.List
	items map[K]*list.Element
}

type lruEntry[K comparable, V any] struct {
	key K
	val V
}

func newLRU[K comparable, V any](capacity int) *lru[K, V] {
	return &lru[K, V]{cap: capacity, ll: list.New(), items: map[K]*list.Element{}}
}

func (c *lru[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*lruEntry[K, V]).val, true
	}
	var zero V
	return zero, false
}

func (c *lru[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		e.Value.(*lruEntry[K, V]).val = v
		c.ll.MoveToFront(e)
		return
	}
	c.items[k] = c.ll.PushFront(&lruEntry[K, V]{k, v})
	if c.ll.Len() > c.cap {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*lruEntry[K, V]).key)
	}
}
