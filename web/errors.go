package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"gongkai"
	"gongkai/importer"
	"gongkai/store"
)

// Error is an error with an HTTP status, a stable code for the JSON API and
// a Chinese message that is safe to show. Err, the cause, is only logged.
type Error struct {
	Status  int
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Message + ": " + e.Err.Error()
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// The errors handlers return most.
var (
	errNotFound     = &Error{Status: http.StatusNotFound, Code: "not_found", Message: "没有找到这个页面或公开文件。"}
	errMethod       = &Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "不支持这种请求方式。"}
	errUnauthorized = &Error{Status: http.StatusUnauthorized, Code: "unauthorized", Message: "请先登录。"}
	errCSRF         = &Error{Status: http.StatusForbidden, Code: "csrf", Message: "表单已失效或来源不明（缺少安全令牌），请刷新页面后重试。"}
)

func forbidden(msg string) *Error {
	if msg == "" {
		msg = "您没有权限进行这项操作。"
	}
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: msg}
}

func invalid(format string, args ...any) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid", Message: fmt.Sprintf(format, args...)}
}

func notImplemented(msg string) *Error {
	return &Error{Status: http.StatusNotImplemented, Code: "not_available", Message: msg}
}

// importFailure turns an import error into a 422 (413 for a file too
// large) whose message names the file and says why it cannot be read.
func importFailure(err error) *Error {
	code := "unreadable"
	status := http.StatusUnprocessableEntity
	switch {
	case errors.Is(err, gongkai.ErrUnsupported):
		code = "unsupported"
	case errors.Is(err, gongkai.ErrTooLarge):
		code, status = "too_large", http.StatusRequestEntityTooLarge
	case errors.Is(err, gongkai.ErrNotDisclosure):
		code = "not_disclosure"
	case errors.Is(err, gongkai.ErrEmpty):
		code = "empty"
	case errors.Is(err, gongkai.ErrEncrypted):
		code = "encrypted"
	case errors.Is(err, gongkai.ErrScanned):
		code = "scanned"
	case errors.Is(err, gongkai.ErrCorrupt):
		code = "corrupt"
	case errors.Is(err, gongkai.ErrMissingTool):
		code, status = "missing_tool", http.StatusServiceUnavailable
	}
	return &Error{Status: status, Code: code, Message: "无法读取文件 " + importer.Describe(err), Err: err}
}

// asError maps any error to an *Error: known causes get their status and a
// Chinese message; unknown ones become 500 内部错误.
func (s *Server) asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: fmt.Sprintf("上传内容超过上限（%s）。", formatBytes(mbe.Limit)), Err: err}
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Code: "not_found", Message: errNotFound.Message, Err: err}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Code: "conflict", Message: "名称已被使用。", Err: err}
	case errors.Is(err, store.ErrInvalid):
		return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid", Message: "提交的内容不完整或不正确。", Err: err}
	}
	var ie *gongkai.ImportError
	if errors.As(err, &ie) {
		return importFailure(err)
	}
	if errors.Is(err, context.Canceled) {
		return &Error{Status: 499, Code: "canceled", Message: "请求已取消。", Err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{Status: http.StatusServiceUnavailable, Code: "timeout", Message: "处理超时，请稍后再试。", Err: err}
	}
	return &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "内部错误，请稍后再试。", Err: err}
}

// serveError is the one place that writes an error response: JSON under
// /api/ (or when the client asks for JSON), else the error page.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	var re *redirectError
	if errors.As(err, &re) {
		http.Redirect(w, r, re.to, http.StatusSeeOther)
		return
	}
	e := s.asError(err)
	if e.Status >= 500 && e.Status != http.StatusNotImplemented {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else if e.Err != nil {
		s.log.Debug("request refused", "method", r.Method, "path", r.URL.Path, "status", e.Status, "err", err)
	}
	if e.Status == 499 {
		return
	}
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(e.Status)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": e.Code, "message": e.Message}})
		return
	}
	p := s.newPage(w, r, "出错了")
	p.Status = e.Status
	p.Data = e
	if err := s.renderStatus(w, r, e.Status, "error", p); err != nil {
		http.Error(w, e.Message, e.Status)
	}
}

func wantsJSON(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	a := r.Header.Get("Accept")
	return strings.Contains(a, "application/json") && !strings.Contains(a, "text/html")
}

// handle adapts a handler that returns an error.
func (s *Server) handle(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
