package web

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gongkai"
)

// Renderer writes a report as the files people download, and as the HTML
// page of the disclosure.
type Renderer interface {
	// Formats lists the formats Write produces (html, pdf, xlsx, csv, json).
	Formats() []string
	// Write writes r in the given formats into dir and returns the path of
	// the file written for each format.
	Write(ctx context.Context, r *gongkai.Report, dir string, formats []string) (map[string]string, error)
	// HTML returns the disclosure as a complete HTML page.
	HTML(ctx context.Context, r *gongkai.Report) ([]byte, error)
}

// Generator turns a filled budget workbook into a disclosure.
type Generator interface {
	// Generate reads the workbook and returns the report it makes.
	Generate(ctx context.Context, name string, data []byte) (*gongkai.Report, error)
}

// downloadFormats are the formats offered, in display order.
var downloadFormats = []struct{ Format, Name, Ext, Type string }{
	{"html", "网页（HTML）", "html", "text/html; charset=utf-8"},
	{"pdf", "PDF", "pdf", "application/pdf"},
	{"xlsx", "Excel 表格（XLSX）", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"csv", "CSV 数据", "csv", "text/csv; charset=utf-8"},
	{"json", "数据（JSON）", "json", "application/json; charset=utf-8"},
}

// available reports whether a download format can be produced.
func (s *Server) available(format string) bool {
	if format == "json" {
		return true
	}
	return s.cfg.Renderer != nil && slices.Contains(s.cfg.Renderer.Formats(), format)
}

type downloadView struct {
	reportHeader
	Formats []downloadOption
	Files   []string
}

type downloadOption struct {
	Format, Name string
	Available    bool
}

func (s *Server) downloadPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	v := &downloadView{reportHeader: s.header(r, m, "download")}
	for _, f := range downloadFormats {
		v.Formats = append(v.Formats, downloadOption{Format: f.Format, Name: f.Name, Available: s.available(f.Format)})
	}
	files, err := s.store.SourceFiles(r.Context(), m.ID)
	if err != nil {
		return err
	}
	for _, f := range files {
		v.Files = append(v.Files, f.Name)
	}
	p := s.newPage(w, r, m.Title)
	p.Data = v
	return s.render(w, r, "download", p)
}

// download sends a report in one format.
func (s *Server) download(w http.ResponseWriter, r *http.Request) error {
	m, err := s.loadMeta(r)
	if err != nil {
		return err
	}
	return s.sendFormat(w, r, m.ID, m.Title, r.PathValue("format"))
}

func (s *Server) sendFormat(w http.ResponseWriter, r *http.Request, id int64, title, format string) error {
	i := slices.IndexFunc(downloadFormats, func(f struct{ Format, Name, Ext, Type string }) bool { return f.Format == format })
	if i < 0 {
		return invalid("不支持的下载格式“%s”，可选：html、pdf、xlsx、csv、json。", format)
	}
	f := downloadFormats[i]
	if !s.available(format) {
		return notImplemented(fmt.Sprintf("暂不能下载%s：排版组件（render）尚未安装到本系统。可以先下载检查结果（JSON）。", f.Name))
	}
	name := safeFileName(title) + "." + f.Ext
	if s.cfg.Renderer == nil || (format == "json" && !slices.Contains(s.cfg.Renderer.Formats(), "json")) {
		res, err := s.storedResult(r.Context(), id)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Disposition", attachment(name))
		return writeJSON(w, http.StatusOK, res)
	}
	rep, err := s.store.Report(r.Context(), id)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "gongkai-render-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	paths, err := s.cfg.Renderer.Write(r.Context(), rep, dir, []string{format})
	if err != nil {
		return fmt.Errorf("render %s: %w", format, err)
	}
	p, ok := paths[format]
	if !ok {
		return fmt.Errorf("render %s: no file written", format)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	ct := f.Type
	if t := mime.TypeByExtension(filepath.Ext(p)); t != "" && format != "csv" && format != "html" {
		ct = t
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", attachment(name))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(data)
	return err
}

// attachment builds a Content-Disposition header for a Chinese file name.
func attachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, url.PathEscape(name))
}

func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, s)
	if s == "" {
		return "gongkai"
	}
	return s
}
