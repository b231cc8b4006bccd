package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gongkai"
	"gongkai/result"
	"gongkai/store"
)

// The JSON API under /api/v1/, described by web/openapi.json. Results are
// the JSON of `gongkai check --format json` (package result).

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, err := w.Write(openAPIDoc)
	return err
}

// apiFiles reads the uploaded files of an API request: multipart fields
// named file (one or more), or the raw body named by ?name=.
func apiFiles(r *http.Request, limit int64) ([]upload, error) {
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "multipart/form-data") {
		if err := parseForm(r, limit); err != nil {
			return nil, err
		}
		var hs []*multipart.FileHeader
		if r.MultipartForm != nil {
			hs = r.MultipartForm.File["file"]
		}
		if len(hs) == 0 {
			return nil, invalid("请求中没有文件：请用 multipart 字段 file 上传，或直接以请求体发送文件并用 ?name= 给出文件名。")
		}
		return readUploads(hs)
	}
	var data []byte
	var err error
	if n := r.ContentLength; n > 0 && n <= limit {
		data = make([]byte, n) // one allocation of the right size
		_, err = io.ReadFull(r.Body, data)
	} else {
		data, err = io.ReadAll(r.Body)
	}
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, invalid("请求体为空：请发送要检查的文件。")
	}
	name := strings.TrimSpace(r.URL.Query().Get("name"))
	if name == "" {
		name = "upload"
	}
	return []upload{{Name: name, Data: data}}, nil
}

// apiOptions reads ?kind= and ?year=.
func apiOptions(r *http.Request) (ingestOptions, error) {
	var o ingestOptions
	q := r.URL.Query()
	switch q.Get("kind") {
	case "":
	case "budget":
		o.Kind = gongkai.Budget
	case "final":
		o.Kind = gongkai.Final
	default:
		return o, invalid("kind 只能是 budget 或 final。")
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1990 || n > 2100 {
			return o, invalid("year 应为 1990 到 2100 之间的年度。")
		}
		o.Year = n
	}
	o.Region = strings.TrimSpace(q.Get("region"))
	return o, nil
}

// checkSlots bounds how many checks run at once; the rest wait their turn.
var checkSlots = make(chan struct{}, 4)

// checkJSON returns the result JSON of a file, from the cache when the
// same bytes were checked with the same options before.
func (s *Server) checkJSON(ctx context.Context, up upload, o ingestOptions, quiet bool) ([]byte, error) {
	sum := sha256.Sum256(up.Data)
	key := fmt.Sprintf("%s|%s|%s|%d|%t", hex.EncodeToString(sum[:]), up.Name, o.Kind, o.Year, quiet)
	if b, ok := s.checkCache.Get(key); ok {
		return b, nil
	}
	select {
	case checkSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	rep, fs, err := s.checkFile(ctx, up, o.Kind, o.Year)
	<-checkSlots
	if err != nil {
		return nil, err
	}
	res := checkResult(rep, fs, quiet)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if len(b) <= 4<<20 {
		s.checkCache.Put(key, b) // at most 256 results of at most 4 MB
	}
	return b, nil
}

// checkResult is the result of a check; quiet drops its rounding notes.
func checkResult(rep *gongkai.Report, fs []gongkai.Finding, quiet bool) *result.Result {
	res := result.New(rep, fs)
	if quiet {
		res.Findings = result.WithoutInfo(res.Findings)
	}
	return res
}

// apiCheck checks files without storing them: one file gives one result
// object, several an array (a file that cannot be read gives an object
// with "file" and "error").
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) error {
	o, err := apiOptions(r)
	if err != nil {
		return err
	}
	ups, err := apiFiles(r, s.cfg.MaxUpload)
	if err != nil {
		return err
	}
	quiet := r.URL.Query().Get("quiet") != ""
	files, fails := s.expand(ups)
	if r.URL.Query().Get("join") != "" && len(files) > 1 {
		if len(fails) > 0 {
			return invalid("%s：%s", fails[0].File, fails[0].Message)
		}
		rep, fs, err := s.checkJoined(r.Context(), files, o.Kind, o.Year)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, checkResult(rep, fs, quiet))
	}
	if len(ups) == 1 && len(files) == 1 && len(fails) == 0 {
		b, err := s.checkJSON(r.Context(), files[0], o, quiet)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		_, err = w.Write(b)
		return err
	}
	var parts [][]byte
	for _, f := range files {
		b, err := s.checkJSON(r.Context(), f, o, quiet)
		if err != nil {
			e := s.asError(err)
			if e.Status >= 500 && e.Status != http.StatusServiceUnavailable {
				return err
			}
			b, _ = json.Marshal(map[string]any{"file": f.Name, "error": map[string]string{"code": e.Code, "message": e.Message}})
		}
		parts = append(parts, bytes.TrimSpace(b))
	}
	for _, f := range fails {
		b, _ := json.Marshal(map[string]any{"file": f.File, "error": map[string]string{"code": "unreadable", "message": f.Message}})
		parts = append(parts, b)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	var out bytes.Buffer
	out.WriteString("[")
	for i, p := range parts {
		if i > 0 {
			out.WriteString(",")
		}
		out.WriteString("\n")
		out.Write(p)
	}
	out.WriteString("\n]\n")
	_, err = w.Write(out.Bytes())
	return err
}

// apiReport is a report in a list.
type apiReport struct {
	ID          int64        `json:"id"`
	Title       string       `json:"title"`
	Department  string       `json:"department"`
	Region      string       `json:"region"`
	Year        int          `json:"year"`
	Kind        gongkai.Kind `json:"kind"`
	Status      store.Status `json:"status"`
	File        string       `json:"file"`
	Counts      store.Counts `json:"counts"`
	CreatedAt   time.Time    `json:"created_at"`
	PublishedAt *time.Time   `json:"published_at"`
	URL         string       `json:"url"`
}

func apiReportOf(m *store.ReportMeta) apiReport {
	a := apiReport{ID: m.ID, Title: m.Title, Department: m.Department, Region: m.Region, Year: m.Year, Kind: m.Kind,
		Status: m.Status, File: m.File, Counts: m.Counts, CreatedAt: m.CreatedAt, URL: fmt.Sprintf("/api/v1/reports/%d", m.ID)}
	if !m.PublishedAt.IsZero() {
		t := m.PublishedAt
		a.PublishedAt = &t
	}
	return a
}

func apiUserOf(u *store.User) map[string]any {
	return map[string]any{"id": u.ID, "name": u.Name, "role": u.Role, "department": u.Department}
}

func (s *Server) apiList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := store.ReportFilter{Visibility: visibility(userOf(r)), Query: q.Get("q"), Region: q.Get("region"),
		Department: q.Get("department"), Sort: q.Get("sort"), Limit: 100}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	f.Kind = kindParam(q.Get("kind"))
	if st := store.Status(q.Get("status")); st.Valid() {
		f.Status = st
	}
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 && n <= 1000 {
		f.Limit = n
	}
	f.Offset, _ = strconv.Atoi(q.Get("offset"))
	list, total, err := s.store.ListReports(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]apiReport, len(list))
	for i, m := range list {
		out[i] = apiReportOf(m)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"total": total, "reports": out})
}

// apiUpload checks and stores files: one file answers 201 with its result
// and Location; several files, or a zip, start a batch and answer 202.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) error {
	u, err := requireUser(r)
	if err != nil {
		return err
	}
	o, err := apiOptions(r)
	if err != nil {
		return err
	}
	ups, err := apiFiles(r, s.cfg.MaxUpload)
	if err != nil {
		return err
	}
	o.Origin, o.Status = store.FromAPI, store.Draft
	if r.URL.Query().Get("publish") != "" && u.Role != store.Reviewer {
		o.Status = store.Published
	}
	join := r.URL.Query().Get("join") != ""
	if join || len(ups) == 1 && !isArchive(ups[0].Data) {
		files, fails := ups, []store.BatchFailure(nil)
		if join {
			files, fails = s.expand(ups)
		}
		if len(fails) > 0 {
			return invalid("%s：%s", fails[0].File, fails[0].Message)
		}
		m, err := s.ingestJoined(r.Context(), u, files, o)
		if err != nil {
			return err
		}
		res, err := s.storedResult(r.Context(), m.ID)
		if err != nil {
			return err
		}
		w.Header().Set("Location", fmt.Sprintf("/api/v1/reports/%d", m.ID))
		return writeJSON(w, http.StatusCreated, res)
	}
	files, fails := s.expand(ups)
	b, err := s.startBatch(r.Context(), u, fmt.Sprintf("%s 通过接口上传的 %d 个文件", u.Name, len(files)+len(fails)), files, fails, o)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/batches/%d", b.ID))
	return writeJSON(w, http.StatusAccepted, apiBatchOf(&batchView{Batch: b}))
}

// storedResult loads a stored report as its check result.
func (s *Server) storedResult(ctx context.Context, id int64) (*result.Result, error) {
	rep, err := s.store.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	fs, err := s.store.Findings(ctx, id)
	if err != nil {
		return nil, err
	}
	return result.New(rep, fs), nil
}

// apiResult loads a visible report as its check result.
func (s *Server) apiResult(r *http.Request) (*result.Result, error) {
	m, err := s.loadMeta(r)
	if err != nil {
		return nil, err
	}
	return s.storedResult(r.Context(), m.ID)
}

func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) error {
	res, err := s.apiResult(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiFindings(w http.ResponseWriter, r *http.Request) error {
	res, err := s.apiResult(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res.Findings)
}

func (s *Server) apiRender(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	return s.sendFormat(w, r, m.ID, m.Title, r.PathValue("format"))
}

func apiBatchOf(v *batchView) map[string]any {
	b := v.Batch
	fails := []map[string]string{}
	for _, f := range b.Failures {
		fails = append(fails, map[string]string{"file": f.File, "message": f.Message})
	}
	reports := []apiReport{}
	for _, m := range v.Reports {
		reports = append(reports, apiReportOf(m))
	}
	return map[string]any{"id": b.ID, "name": b.Name, "status": b.Status, "status_name": b.Status.Chinese(),
		"total": b.Total, "done": b.Done, "failed": b.Failed, "percent": v.Percent,
		"failures": fails, "reports": reports, "url": fmt.Sprintf("/batches/%d", b.ID)}
}

func (s *Server) apiBatch(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadBatch(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apiBatchOf(v))
}
