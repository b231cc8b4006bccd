package web

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"gongkai/store"
)

// HashPassword hashes a password with bcrypt. Passwords must have 8 to 72 bytes.
func HashPassword(pw string) ([]byte, error) {
	if len(pw) < 8 {
		return nil, errors.New("密码至少 8 个字符")
	}
	if len(pw) > 72 {
		return nil, errors.New("密码不能超过 72 个字节")
	}
	return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
}

// RandomPassword returns a new random password of 16 letters and digits.
func RandomPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// dummyHash is compared against when the user does not exist, so a wrong
// name takes as long as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("gongkai-no-such-user"), bcrypt.DefaultCost)

// authenticate checks a name and password.
func (s *Server) authenticate(r *http.Request, name, password string) (*store.User, error) {
	name = strings.TrimSpace(name)
	if s.logins.blocked(name, s.now()) {
		return nil, &Error{Status: http.StatusTooManyRequests, Code: "too_many_attempts",
			Message: "登录失败次数过多，请 15 分钟后再试。"}
	}
	u, err := s.store.UserByName(r.Context(), name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || u == nil || u.Disabled {
		s.logins.fail(name, s.now())
		return nil, &Error{Status: http.StatusUnauthorized, Code: "bad_login", Message: "用户名或密码不正确。"}
	}
	s.logins.reset(name)
	return u, nil
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(w, r, "登录")
	p.Data = map[string]string{"Next": safeNext(r.URL.Query().Get("next")), "Name": ""}
	return s.render(w, r, "login", p)
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	name, next := r.PostFormValue("name"), safeNext(r.PostFormValue("next"))
	u, err := s.authenticate(r, name, r.PostFormValue("password"))
	if err != nil {
		var e *Error
		if errors.As(err, &e) && (e.Status == http.StatusUnauthorized || e.Status == http.StatusTooManyRequests) {
			p := s.newPage(w, r, "登录")
			p.Error = e.Message
			p.Data = map[string]string{"Next": next, "Name": name}
			return s.renderStatus(w, r, e.Status, "login", p)
		}
		return err
	}
	if _, err := s.startSession(w, r, u); err != nil {
		return err
	}
	if old, ok := r.Context().Value(sessionKey).(string); ok {
		s.store.DeleteSession(r.Context(), old)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// endSession ends the request's session, if it has one, and clears its cookie.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) error {
	if h, ok := r.Context().Value(sessionKey).(string); ok {
		if err := s.store.DeleteSession(r.Context(), h); err != nil {
			return err
		}
	}
	s.clearCookie(w, r, sessionCookie)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if err := s.endSession(w, r); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// apiLogin logs in with a JSON body {"name":…, "password":…} and answers
// the CSRF token to send as X-CSRF-Token with later unsafe requests.
func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return invalid("请求体应为 JSON：{\"name\": …, \"password\": …}")
	}
	u, err := s.authenticate(r, in.Name, in.Password)
	if err != nil {
		return err
	}
	token, err := s.startSession(w, r, u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"user": apiUserOf(u), "csrf_token": token})
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) error {
	if err := s.endSession(w, r); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// requireUser returns the logged-in user or an error that sends the
// visitor to the login page.
func requireUser(r *http.Request) (*store.User, error) {
	u := userOf(r)
	if u == nil {
		if r.Method == http.MethodGet && !wantsJSON(r) {
			return nil, &redirectError{to: "/login?next=" + url.QueryEscape(r.URL.RequestURI())}
		}
		return nil, errUnauthorized
	}
	return u, nil
}

// requireRole is requireUser for the given roles.
func requireRole(r *http.Request, roles ...store.Role) (*store.User, error) {
	u, err := requireUser(r)
	if err != nil {
		return nil, err
	}
	for _, role := range roles {
		if u.Role == role {
			return u, nil
		}
	}
	return nil, forbidden("只有" + roleNames(roles) + "可以使用这项功能。")
}

func roleNames(roles []store.Role) string {
	var ns []string
	for _, r := range roles {
		ns = append(ns, r.Chinese())
	}
	return strings.Join(ns, "、")
}

// redirectError sends the visitor elsewhere (to log in).
type redirectError struct{ to string }

func (e *redirectError) Error() string { return "redirect to " + e.to }

// visibility says which reports u may read.
func visibility(u *store.User) store.Visibility {
	switch {
	case u == nil:
		return store.Visibility{}
	case u.Role == store.Admin || u.Role == store.Reviewer:
		return store.Visibility{All: true}
	}
	return store.Visibility{Department: u.Department}
}

// canSee reports whether u may read the report.
func canSee(u *store.User, m *store.ReportMeta) bool {
	if m.Status == store.Published {
		return true
	}
	if u == nil {
		return false
	}
	return u.Role == store.Admin || u.Role == store.Reviewer || sameDepartment(u.Department, m.Department)
}

// canChange reports whether u may publish, withdraw or delete the report:
// admins, and editors of its department.
func canChange(u *store.User, m *store.ReportMeta) bool {
	if u == nil {
		return false
	}
	return u.Role == store.Admin || (u.Role == store.Editor && sameDepartment(u.Department, m.Department))
}

// canInspect reports whether u may enter inspection data and batch-check.
func canInspect(u *store.User) bool {
	return u != nil && (u.Role == store.Admin || u.Role == store.Reviewer)
}

// sameDepartment compares department names ignoring spaces.
func sameDepartment(a, b string) bool {
	n := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return a != "" && n(a) == n(b)
}
