// Package web is gongkai's web application: server-rendered Chinese pages
// for the public, department finance staff and inspectors, and a JSON API
// under /api/v1/. It routes with the standard ServeMux, renders
// html/template pages parsed once from embedded files, and keeps
// everything in a store.Store.
//
// Handlers return an error; one function (serveError) turns errors into an
// HTML page or a JSON body with the right status, so no handler writes an
// error response itself.
package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"gongkai/store"
)

// DefaultMaxUpload is the default limit of one upload request (50 MB).
const DefaultMaxUpload = 50 << 20

// Config is what a Server needs.
type Config struct {
	Store store.Store
	// MaxUpload limits the body of an upload request; 0 means DefaultMaxUpload.
	MaxUpload int64
	// Logger receives request errors; nil means slog.Default().
	Logger *slog.Logger
	// TrustProxy makes the server believe X-Forwarded-Proto (for Secure
	// cookies behind a TLS-terminating proxy).
	TrustProxy bool
	// Renderer writes downloads and the disclosure text; nil means the
	// default (package render when it is built in, else none).
	Renderer Renderer
	// Generator turns a filled budget workbook into a report; nil means the
	// default (packages budget and generate when they are built in).
	Generator Generator
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// SessionTTL is how long a login lasts; 0 means 12 hours.
	SessionTTL time.Duration
}

// Server is the web application.
type Server struct {
	cfg      Config
	store    store.Store
	log      *slog.Logger
	pages    map[string]*pageTemplate
	mux      *http.ServeMux
	patterns []string // the patterns registered, for the OpenAPI test
	handler  http.Handler
	csrfKey  []byte

	// ctx ends when the server closes; background batches stop with it.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	pageCache  *lru[string, *cachedPage] // the public's report pages by id+version+query
	panelCache *lru[string, []byte]      // findings panels by id+version+filter
	docCache   *lru[string, *docEntry]   // rendered document panels by report id+version
	checkCache *lru[string, []byte]      // API check results by content hash
	scoreCache *lru[string, scoreInput]  // inspection inputs by report id+version
	logins     *loginLimiter
	static     *staticFiles
}

// New builds a server: it parses the templates, loads (or creates) the
// CSRF key and marks batches a previous process left running as interrupted.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: no store")
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.Renderer == nil {
		cfg.Renderer = defaultRenderer()
	}
	if cfg.Generator == nil {
		cfg.Generator = defaultGenerator()
	}
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Logger,
		docCache: newLRU[string, *docEntry](64), pageCache: newLRU[string, *cachedPage](128), panelCache: newLRU[string, []byte](256), checkCache: newLRU[string, []byte](256),
		scoreCache: newLRU[string, scoreInput](4096), logins: newLoginLimiter()}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.static, err = newStaticFiles(); err != nil {
		return nil, err
	}
	if s.csrfKey, err = s.loadKey(ctx, "csrf_key"); err != nil {
		return nil, err
	}
	if n, err := s.store.InterruptRunningBatches(ctx, cfg.Now()); err != nil {
		return nil, err
	} else if n > 0 {
		s.log.Warn("batches left running by a previous process marked interrupted", "count", n)
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.mux = http.NewServeMux()
	s.routes()
	s.handler = s.middleware(http.HandlerFunc(s.dispatch))
	return s, nil
}

// Handler returns the application's http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close stops background batches and waits for them, then stops the
// renderer's browser, if it has one.
func (s *Server) Close() error {
	s.cancel()
	s.wg.Wait()
	if c, ok := s.cfg.Renderer.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// Wait blocks until background batches started so far have finished.
func (s *Server) Wait() { s.wg.Wait() }

func (s *Server) loadKey(ctx context.Context, name string) ([]byte, error) {
	v, err := s.store.Setting(ctx, name)
	if err == nil {
		if k, err := hex.DecodeString(v); err == nil && len(k) == 32 {
			return k, nil
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	k := make([]byte, 32)
	rand.Read(k)
	if err := s.store.PutSetting(ctx, name, hex.EncodeToString(k)); err != nil {
		return nil, err
	}
	return k, nil
}

func (s *Server) now() time.Time { return s.cfg.Now() }

// routes registers every page and API route.
func (s *Server) routes() {
	h := s.handle
	m := routeRecorder{s}
	m.Handle("GET /static/", s.static)
	m.Handle("GET /{$}", h(s.home))
	m.Handle("GET /login", h(s.loginPage))
	m.Handle("POST /login", h(s.loginSubmit))
	m.Handle("POST /logout", h(s.logout))

	m.Handle("GET /upload", h(s.uploadPage))
	m.Handle("POST /upload", h(s.uploadSubmit))
	m.Handle("GET /batches", h(s.batchList))
	m.Handle("GET /batches/{id}", h(s.batchPage))

	m.Handle("GET /reports/{id}", h(s.reportPage))
	m.Handle("GET /reports/{id}/text", h(s.textPage))
	m.Handle("GET /reports/{id}/disclosure", h(s.disclosure))
	m.Handle("GET /reports/{id}/charts", h(s.chartsPage))
	m.Handle("GET /reports/{id}/download", h(s.downloadPage))
	m.Handle("GET /reports/{id}/download/{format}", h(s.download))
	m.Handle("GET /reports/{id}/source/{n}", h(s.sourceFile))
	m.Handle("POST /reports/{id}/publish", h(s.setStatus(store.Published)))
	m.Handle("POST /reports/{id}/withdraw", h(s.setStatus(store.Draft)))
	m.Handle("POST /reports/{id}/delete", h(s.deleteReport))
	m.Handle("GET /reports/{id}/inspection", h(s.inspectionPage))
	m.Handle("POST /reports/{id}/inspection", h(s.inspectionSubmit))

	m.Handle("GET /review", h(s.reviewPage))
	m.Handle("GET /review/export.xlsx", h(s.reviewExport))

	m.Handle("GET /prepare", h(s.preparePage))
	m.Handle("POST /prepare", h(s.prepareSubmit))
	m.Handle("GET /prepare/template.xlsx", h(s.prepareTemplate))

	m.Handle("GET /admin/users", h(s.usersPage))
	m.Handle("POST /admin/users", h(s.usersSubmit))

	m.Handle("GET /api/v1/openapi.json", h(s.apiOpenAPI))
	m.Handle("POST /api/v1/session", h(s.apiLogin))
	m.Handle("DELETE /api/v1/session", h(s.apiLogout))
	m.Handle("POST /api/v1/check", h(s.apiCheck))
	m.Handle("GET /api/v1/reports", h(s.apiList))
	m.Handle("POST /api/v1/reports", h(s.apiUpload))
	m.Handle("GET /api/v1/reports/{id}", h(s.apiReport))
	m.Handle("GET /api/v1/reports/{id}/findings", h(s.apiFindings))
	m.Handle("GET /api/v1/reports/{id}/render/{format}", h(s.apiRender))
	m.Handle("GET /api/v1/batches/{id}", h(s.apiBatch))
}

// routeRecorder registers routes on the mux and remembers their patterns.
type routeRecorder struct{ s *Server }

func (r routeRecorder) Handle(pattern string, h http.Handler) {
	r.s.mux.Handle(pattern, h)
	r.s.patterns = append(r.s.patterns, pattern)
}

// dispatch serves a request through the mux, answering unknown paths and
// wrong methods with the application's own 404 and 405.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, p := s.mux.Handler(r2); p != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.serveError(w, r, errMethod)
		return
	}
	s.serveError(w, r, errNotFound)
}
