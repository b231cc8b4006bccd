package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/check"
	"gongkai/store"
)

type prepareView struct {
	Available bool
	MaxBytes  int64
}

// preparePage shows the 编制 form: upload a filled budget workbook to get
// the disclosure it makes, check it, and publish it.
func (s *Server) preparePage(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireRole(r, store.Editor, store.Admin); err != nil {
		return err
	}
	p := s.newPage(w, r, "编制公开文件")
	p.Nav = "prepare"
	p.Data = &prepareView{Available: s.cfg.Generator != nil, MaxBytes: s.cfg.MaxUpload}
	return s.render(w, r, "prepare", p)
}

func (s *Server) prepareSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := requireRole(r, store.Editor, store.Admin)
	if err != nil {
		return err
	}
	fail := func(err error) error {
		e := s.asError(err)
		if e.Status >= 500 && e.Status != http.StatusNotImplemented {
			return err
		}
		p := s.newPage(w, r, "编制公开文件")
		p.Nav = "prepare"
		p.Error = e.Message
		p.Data = &prepareView{Available: s.cfg.Generator != nil, MaxBytes: s.cfg.MaxUpload}
		return s.renderStatus(w, r, e.Status, "prepare", p)
	}
	if s.cfg.Generator == nil {
		return fail(notImplemented("编制功能尚未提供：生成组件（budget、generate）尚未安装到本系统。"))
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["workbook"]) != 1 {
		return fail(invalid("请选择一个填好的预算模板（XLSX）。"))
	}
	ups, err := readUploads(r.MultipartForm.File["workbook"])
	if err != nil {
		return err
	}
	up := ups[0]
	rep, err := s.generate(r, up)
	if err != nil {
		return fail(err)
	}
	fs := check.Run(rep, check.Options{})
	m, err := s.storeReport(r.Context(), u, []upload{up}, rep, fs, ingestOptions{Origin: store.FromGenerated, Status: store.Draft,
		Region: strings.TrimSpace(r.PostFormValue("region"))})
	if err != nil {
		return fail(err)
	}
	http.Redirect(w, r, fmt.Sprintf("/reports/%d", m.ID), http.StatusSeeOther)
	return nil
}

// prepareTemplate sends an empty input workbook (?kind=budget|final&year=).
func (s *Server) prepareTemplate(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireRole(r, store.Editor, store.Admin); err != nil {
		return err
	}
	kind := gongkai.Budget
	if r.URL.Query().Get("kind") == "final" {
		kind = gongkai.Final
	}
	year := s.now().In(chinaTime).Year()
	if kind == gongkai.Final {
		year--
	}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 1990 && y <= 2100 {
		year = y
	}
	var buf bytes.Buffer
	if err := budget.WriteTemplate(&buf, kind, year); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", attachment(fmt.Sprintf("%d年部门%s公开模板.xlsx", year, kind.Chinese())))
	_, err := w.Write(buf.Bytes())
	return err
}

// generate runs the generator on a workbook, turning its failures and
// panics into import errors with a Chinese reason.
func (s *Server) generate(r *http.Request, up upload) (rep *gongkai.Report, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("generate panicked", "file", up.Name, "value", v)
			rep, err = nil, &gongkai.ImportError{File: up.Name, Err: gongkai.ErrCorrupt}
		}
	}()
	rep, err = s.cfg.Generator.Generate(r.Context(), up.Name, up.Data)
	if err != nil {
		var ie *gongkai.ImportError
		var we *Error
		if !errors.As(err, &ie) && !errors.As(err, &we) {
			err = &gongkai.ImportError{File: up.Name, Err: gongkai.ErrUnsupported, Detail: err.Error()}
		}
		return nil, err
	}
	if len(rep.Sources) == 0 {
		rep.Sources = []*gongkai.Source{{File: up.Name, Format: "xlsx"}}
	}
	return rep, nil
}
