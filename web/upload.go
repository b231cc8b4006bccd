package web

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"gongkai"
	"gongkai/store"
)

// uploadForm is what the upload page shows and resubmits.
type uploadForm struct {
	Kind     string
	Year     string
	Region   string
	Name     string
	Publish  bool
	Join     bool
	MaxBytes int64
	// CanPublish says whether the user may publish at upload (editors and admins).
	CanPublish bool
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) error {
	u, err := requireUser(r)
	if err != nil {
		return err
	}
	p := s.newPage(w, r, "上传检查")
	p.Nav = "upload"
	p.Data = &uploadForm{MaxBytes: s.cfg.MaxUpload, CanPublish: u.Role != store.Reviewer}
	return s.render(w, r, "upload", p)
}

// readUploads reads the files of a multipart field.
func readUploads(hs []*multipart.FileHeader) ([]upload, error) {
	var out []upload
	for _, h := range hs {
		f, err := h.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		name := strings.TrimSpace(h.Filename)
		if name == "" {
			name = "未命名文件"
		}
		out = append(out, upload{Name: name, Data: data})
	}
	return out, nil
}

// optionsFromForm reads the kind, year and region overrides of a form.
func optionsFromForm(r *http.Request) (ingestOptions, *uploadForm, error) {
	f := &uploadForm{Kind: r.FormValue("kind"), Year: strings.TrimSpace(r.FormValue("year")),
		Region: strings.TrimSpace(r.FormValue("region")), Name: strings.TrimSpace(r.FormValue("name")),
		Publish: r.FormValue("publish") != "", Join: r.FormValue("join") != ""}
	var o ingestOptions
	switch f.Kind {
	case "", "auto":
	case "budget":
		o.Kind = gongkai.Budget
	case "final":
		o.Kind = gongkai.Final
	default:
		return o, f, invalid("类型只能是预算或决算。")
	}
	if f.Year != "" {
		y, err := strconv.Atoi(f.Year)
		if err != nil || y < 1990 || y > 2100 {
			return o, f, invalid("年度应为 1990 到 2100 之间的四位数字。")
		}
		o.Year = y
	}
	if len([]rune(f.Region)) > 40 {
		return o, f, invalid("地区名称过长。")
	}
	o.Region = f.Region
	return o, f, nil
}

func (s *Server) uploadSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := requireUser(r)
	if err != nil {
		return err
	}
	o, form, err := optionsFromForm(r)
	form.MaxBytes, form.CanPublish = s.cfg.MaxUpload, u.Role != store.Reviewer
	fail := func(err error) error {
		e := s.asError(err)
		if e.Status >= 500 {
			return err
		}
		p := s.newPage(w, r, "上传检查")
		p.Nav = "upload"
		p.Error = e.Message
		p.Data = form
		return s.renderStatus(w, r, e.Status, "upload", p)
	}
	if err != nil {
		return fail(err)
	}
	var hs []*multipart.FileHeader
	if r.MultipartForm != nil {
		hs = r.MultipartForm.File["files"]
	}
	if len(hs) == 0 {
		return fail(invalid("请选择要上传的文件（可多选，或上传一个 zip 压缩包）。"))
	}
	ups, err := readUploads(hs)
	if err != nil {
		return err
	}
	o.Origin, o.Status = store.FromUpload, store.Draft
	if form.Publish && u.Role != store.Reviewer {
		o.Status = store.Published
	}
	if len(ups) == 1 && !isArchive(ups[0].Data) {
		m, err := s.ingest(r.Context(), u, ups[0], o)
		if err != nil {
			return fail(err)
		}
		http.Redirect(w, r, fmt.Sprintf("/reports/%d", m.ID), http.StatusSeeOther)
		return nil
	}
	files, fails := s.expand(ups)
	if form.Join {
		if len(fails) > 0 {
			return fail(invalid("%s：%s", fails[0].File, fails[0].Message))
		}
		m, err := s.ingestJoined(r.Context(), u, files, o)
		if err != nil {
			return fail(err)
		}
		http.Redirect(w, r, fmt.Sprintf("/reports/%d", m.ID), http.StatusSeeOther)
		return nil
	}
	name := form.Name
	if name == "" {
		name = fmt.Sprintf("%s 上传的 %d 个文件", u.Name, len(files)+len(fails))
	}
	b, err := s.startBatch(r.Context(), u, name, files, fails, o)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/batches/%d", b.ID), http.StatusSeeOther)
	return nil
}

// batchView is a batch with its reports, for the batch page and the API.
type batchView struct {
	Batch   *store.Batch
	Reports []*store.ReportMeta
	Percent int
}

func (s *Server) loadBatch(r *http.Request) (*batchView, error) {
	u, err := requireUser(r)
	if err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	b, err := s.store.Batch(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if b.CreatedBy != u.ID && !canInspect(u) {
		return nil, forbidden("只能查看自己上传的批次。")
	}
	reports, _, err := s.store.ListReports(r.Context(), store.ReportFilter{Visibility: store.Visibility{All: true}, BatchID: id, Sort: "department"})
	if err != nil {
		return nil, err
	}
	v := &batchView{Batch: b, Reports: reports, Percent: 100}
	if b.Total > 0 {
		v.Percent = (b.Done + b.Failed) * 100 / b.Total
	}
	return v, nil
}

func (s *Server) batchPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadBatch(r)
	if err != nil {
		return err
	}
	p := s.newPage(w, r, "批次："+v.Batch.Name)
	p.Nav = "upload"
	p.Data = v
	return s.render(w, r, "batch", p)
}

func (s *Server) batchList(w http.ResponseWriter, r *http.Request) error {
	u, err := requireUser(r)
	if err != nil {
		return err
	}
	bs, err := s.store.Batches(r.Context(), 100)
	if err != nil {
		return err
	}
	var mine []*store.Batch
	for _, b := range bs {
		if b.CreatedBy == u.ID || canInspect(u) {
			mine = append(mine, b)
		}
	}
	p := s.newPage(w, r, "上传批次")
	p.Nav = "upload"
	p.Data = mine
	return s.render(w, r, "batches", p)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}
