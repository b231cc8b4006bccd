package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"gongkai/store"
)

const (
	sessionCookie = "gk_session"
	anonCookie    = "gk_anon" // binds the CSRF token of a visitor who is not logged in
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
	smallBody     = 1 << 20 // limit of every request body but uploads
)

type ctxKey int

const (
	userKey ctxKey = iota
	sessionKey
)

// middleware wraps the application, outermost first: panic recovery,
// security headers, body limits, cross-origin protection, the session and
// the CSRF token check.
func (s *Server) middleware(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serveError(w, r, errCSRF)
	}))
	h := s.csrfCheck(next)
	h = s.session(h)
	h = cop.Handler(h)
	h = s.limitBody(h)
	h = s.securityHeaders(h)
	return s.recoverer(h)
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "value", v, "stack", string(debug.Stack()))
				s.serveError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only the application's own scripts; chart
// data travels in <script type="application/json"> blocks, never inline code.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.isTLS(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) isTLS(r *http.Request) bool {
	return r.TLS != nil || (s.cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
}

// uploadPaths are the routes whose bodies may be as large as MaxUpload.
var uploadPaths = map[string]bool{"/upload": true, "/prepare": true, "/api/v1/check": true, "/api/v1/reports": true}

func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Method != http.MethodGet && r.Method != http.MethodHead {
			limit := int64(smallBody)
			if uploadPaths[r.URL.Path] {
				limit = s.cfg.MaxUpload
			}
			if r.ContentLength > limit {
				s.serveError(w, r, &http.MaxBytesError{Limit: limit})
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

// session loads the logged-in user, if any, into the request context.
func (s *Server) session(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		hash := tokenHash(c.Value)
		_, u, err := s.store.Session(r.Context(), hash, s.now())
		switch {
		case errors.Is(err, store.ErrNotFound):
			s.clearCookie(w, r, sessionCookie)
		case err != nil:
			s.serveError(w, r, err)
			return
		default:
			ctx := context.WithValue(r.Context(), userKey, u)
			ctx = context.WithValue(ctx, sessionKey, hash)
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

// csrfExempt are the unsafe routes that need no token: the stateless check
// and the API login (a JSON body, which no cross-site form can send).
var csrfExempt = map[string]bool{"POST /api/v1/check": true, "POST /api/v1/session": true}

// csrfCheck refuses unsafe requests that do not carry the token bound to
// the visitor (form field csrf or header X-CSRF-Token).
func (s *Server) csrfCheck(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if csrfExempt[r.Method+" "+r.URL.Path] {
			next.ServeHTTP(w, r)
			return
		}
		if _, pattern := s.mux.Handler(r); pattern == "" {
			next.ServeHTTP(w, r) // no such route: 404 or 405, nothing changes
			return
		}
		got := r.Header.Get(csrfHeader)
		if got == "" {
			if err := parseForm(r, s.cfg.MaxUpload); err != nil {
				s.serveError(w, r, err)
				return
			}
			got = r.PostFormValue(csrfField)
		}
		want := s.csrfToken(r)
		if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			s.serveError(w, r, errCSRF)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// parseForm parses a urlencoded or multipart body once; multipart parts
// beyond 32 MB go to temporary files.
func parseForm(r *http.Request, limit int64) error {
	if r.PostForm != nil {
		return nil
	}
	ct := r.Header.Get("Content-Type")
	var err error
	if strings.HasPrefix(ct, "multipart/form-data") {
		err = r.ParseMultipartForm(32 << 20)
	} else {
		err = r.ParseForm()
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	if err != nil {
		return invalid("无法解析提交的表单：%v", err)
	}
	return nil
}

// csrfToken returns the token bound to the session, or to the visitor's
// anonymous cookie; "" when the visitor has neither.
func (s *Server) csrfToken(r *http.Request) string {
	if h, ok := r.Context().Value(sessionKey).(string); ok {
		return s.sign("session:" + h)
	}
	if c, err := r.Cookie(anonCookie); err == nil && len(c.Value) >= 16 {
		return s.sign("anon:" + c.Value)
	}
	return ""
}

// ensureCSRF returns the visitor's token, setting the anonymous cookie
// first when the visitor has none.
func (s *Server) ensureCSRF(w http.ResponseWriter, r *http.Request) string {
	if t := s.csrfToken(r); t != "" {
		return t
	}
	v := randomToken()
	http.SetCookie(w, &http.Cookie{Name: anonCookie, Value: v, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.isTLS(r)})
	r.AddCookie(&http.Cookie{Name: anonCookie, Value: v})
	return s.sign("anon:" + v)
}

func (s *Server) sign(v string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(v))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.isTLS(r)})
}

// startSession logs u in: a new session and its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *store.User) (string, error) {
	token := randomToken()
	now := s.now()
	sess := &store.Session{TokenHash: tokenHash(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.cfg.SessionTTL)}
	if err := s.store.CreateSession(r.Context(), sess); err != nil {
		return "", err
	}
	if now.Unix()%16 == 0 {
		s.store.DeleteExpiredSessions(r.Context(), now)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.isTLS(r), Expires: sess.ExpiresAt})
	return s.sign("session:" + sess.TokenHash), nil
}

// userOf returns the logged-in user, or nil.
func userOf(r *http.Request) *store.User {
	u, _ := r.Context().Value(userKey).(*store.User)
	return u
}

// loginLimiter slows password guessing: after 10 failures for a name
// within 15 minutes, that name is refused until the window passes.
type loginLimiter struct {
	mu       sync.Mutex
	failures map[string][]time.Time
}

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{failures: map[string][]time.Time{}}
}

const (
	loginWindow   = 15 * time.Minute
	loginAttempts = 10
)

func (l *loginLimiter) blocked(name string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	var keep []time.Time
	for _, t := range l.failures[name] {
		if now.Sub(t) < loginWindow {
			keep = append(keep, t)
		}
	}
	if len(keep) == 0 {
		delete(l.failures, name)
	} else {
		l.failures[name] = keep
	}
	return len(keep) >= loginAttempts
}

func (l *loginLimiter) fail(name string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.failures) > 10000 {
		clear(l.failures)
	}
	l.failures[name] = append(l.failures[name], now)
}

func (l *loginLimiter) reset(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, name)
}
