package web

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai"
	"gongkai/check"
	"gongkai/doc"
	"gongkai/extract"
	"gongkai/importer"
	"gongkai/store"
)

// upload is one file as received.
type upload struct {
	Name string
	Data []byte
}

// ingestOptions say how to read and store an upload.
type ingestOptions struct {
	Origin  store.Origin
	Status  store.Status
	BatchID int64
	Kind    gongkai.Kind // forced kind, or ""
	Year    int          // forced year, or 0
	Region  string       // given region, or "" to derive it from the department
}

// importTimeout bounds the reading of one file (PDF reading runs pdftotext).
const importTimeout = 2 * time.Minute

// checkFile reads and checks one file without storing it. Every failure is
// an import error with a Chinese reason: a reader that panics on a broken
// file yields 文件已损坏或不完整, never a crash.
func (s *Server) checkFile(ctx context.Context, up upload, kind gongkai.Kind, year int) (r *gongkai.Report, fs []gongkai.Finding, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("import panicked", "file", up.Name, "value", v, "stack", string(debug.Stack()))
			r, fs, err = nil, nil, &gongkai.ImportError{File: up.Name, Err: gongkai.ErrCorrupt}
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, importTimeout)
	defer cancel()
	r, err = importer.Import(ctx, up.Name, up.Data, importer.Options{Options: extract.Options{Kind: kind, Year: year}})
	if err != nil {
		return nil, nil, s.importError(up.Name, err)
	}
	return r, check.Run(r, check.Options{}), nil
}

// checkJoined reads several files as one disclosure (prose and tables
// published apart), as gongkai check --join does, and checks it.
func (s *Server) checkJoined(ctx context.Context, ups []upload, kind gongkai.Kind, year int) (r *gongkai.Report, fs []gongkai.Finding, err error) {
	if len(ups) == 1 {
		return s.checkFile(ctx, ups[0], kind, year)
	}
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("joined import panicked", "value", v, "stack", string(debug.Stack()))
			r, fs, err = nil, nil, &gongkai.ImportError{File: ups[0].Name, Err: gongkai.ErrCorrupt}
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, importTimeout)
	defer cancel()
	var docs []*doc.Document
	var names []string
	for _, up := range ups {
		d, err := importer.Read(ctx, up.Name, up.Data)
		if err != nil {
			return nil, nil, s.importError(up.Name, err)
		}
		docs = append(docs, d)
		names = append(names, up.Name)
	}
	r, err = extract.Build(importer.Join(docs), extract.Options{Kind: kind, Year: year})
	if err != nil {
		return nil, nil, s.importError(strings.Join(names, " + "), err)
	}
	r.File = strings.Join(names, " + ")
	r.Sources = nil
	for _, d := range docs {
		r.Sources = append(r.Sources, &gongkai.Source{File: d.File, Format: d.Format, Lines: d.Lines})
	}
	importer.AttachEmbeddedJoined(r, docs)
	return r, check.Run(r, check.Options{}), nil
}

// importError keeps import errors as they are and gives any other failure
// a Chinese reason.
func (s *Server) importError(name string, err error) error {
	var ie *gongkai.ImportError
	switch {
	case errors.As(err, &ie), errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, context.DeadlineExceeded):
		return &gongkai.ImportError{File: name, Err: gongkai.ErrTooLarge, Detail: "处理超时"}
	}
	s.log.Warn("import failed", "file", name, "err", err)
	return &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt}
}

// ingestJoined reads several uploads as one disclosure and stores it with
// all its files, in one transaction.
func (s *Server) ingestJoined(ctx context.Context, u *store.User, ups []upload, o ingestOptions) (*store.ReportMeta, error) {
	r, fs, err := s.checkJoined(ctx, ups, o.Kind, o.Year)
	if err != nil {
		return nil, err
	}
	return s.storeReport(ctx, u, ups, r, fs, o)
}

// ingest reads, checks and stores one upload for u in one transaction.
func (s *Server) ingest(ctx context.Context, u *store.User, up upload, o ingestOptions) (*store.ReportMeta, error) {
	r, fs, err := s.checkFile(ctx, up, o.Kind, o.Year)
	if err != nil {
		return nil, err
	}
	return s.storeReport(ctx, u, []upload{up}, r, fs, o)
}

// storeReport stores a checked report. An editor may store only the
// disclosures of their own department; a report whose department was not
// recognised is taken to be theirs.
func (s *Server) storeReport(ctx context.Context, u *store.User, ups []upload, r *gongkai.Report, fs []gongkai.Finding, o ingestOptions) (*store.ReportMeta, error) {
	if u != nil && u.Role == store.Editor {
		if r.Department == "" {
			r.Department = u.Department
		} else if !sameDepartment(r.Department, u.Department) {
			return nil, forbidden(fmt.Sprintf("文件 %s 是“%s”的公开文件，您只能上传本部门（%s）的公开文件。",
				ups[0].Name, r.Department, u.Department))
		}
	}
	n := &store.NewReport{Report: r, Findings: fs,
		Meta: store.ReportMeta{Region: strings.TrimSpace(o.Region), Status: o.Status, Origin: o.Origin, BatchID: o.BatchID}}
	if u != nil {
		n.Meta.UploadedBy = u.ID
	}
	for i, up := range ups {
		sum := sha256.Sum256(up.Data)
		f := store.SourceFile{Name: up.Name, Size: int64(len(up.Data)), SHA256: hex.EncodeToString(sum[:]), Content: up.Data}
		if i < len(r.Sources) {
			f.Format, f.Lines = r.Sources[i].Format, r.Sources[i].Lines
		}
		n.Files = append(n.Files, f)
	}
	return s.store.CreateReport(ctx, n)
}

// Archive limits: a zip may hold at most maxEntries files and unpack to at
// most four times the upload limit (and never more than 1 GB).
const maxEntries = 1000

// isArchive reports whether data is a zip of files (not an XLSX or DOCX,
// which are zips too).
func isArchive(data []byte) bool {
	if bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return true // an empty zip
	}
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) && importer.Detect(data) == importer.Unknown
}

// expand unpacks archives among the uploads; files that cannot be taken
// out become failures with a Chinese reason.
func (s *Server) expand(ups []upload) ([]upload, []store.BatchFailure) {
	var out []upload
	var fails []store.BatchFailure
	budget := min(4*s.cfg.MaxUpload, 1<<30)
	for _, up := range ups {
		if !isArchive(up.Data) {
			out = append(out, up)
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(up.Data), int64(len(up.Data)))
		if err != nil {
			fails = append(fails, store.BatchFailure{File: up.Name, Message: "压缩包已损坏，无法解开。"})
			continue
		}
		n := 0
		for _, f := range zr.File {
			name := zipName(f)
			base := path.Base(name)
			if f.FileInfo().IsDir() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") {
				continue
			}
			label := up.Name + " › " + name
			if n++; n > maxEntries {
				fails = append(fails, store.BatchFailure{File: up.Name, Message: fmt.Sprintf("压缩包中的文件超过 %d 个，其余未处理。", maxEntries)})
				break
			}
			if f.UncompressedSize64 > importer.MaxFileSize || int64(f.UncompressedSize64) > budget {
				fails = append(fails, store.BatchFailure{File: label, Message: "文件过大（解压后超过上限），未处理。"})
				continue
			}
			data, err := readZipFile(f, budget)
			if err != nil {
				fails = append(fails, store.BatchFailure{File: label, Message: err.Error()})
				continue
			}
			budget -= int64(len(data))
			if isArchive(data) {
				fails = append(fails, store.BatchFailure{File: label, Message: "压缩包中又有压缩包，请解开后再上传。"})
				continue
			}
			out = append(out, upload{Name: name, Data: data})
		}
		if n == 0 {
			fails = append(fails, store.BatchFailure{File: up.Name, Message: "压缩包中没有文件。"})
		}
	}
	return out, fails
}

func readZipFile(f *zip.File, budget int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, errors.New("压缩包中的这个文件无法解开（格式不支持或已损坏）。")
	}
	defer rc.Close()
	limit := min(int64(importer.MaxFileSize), budget)
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, errors.New("压缩包中的这个文件已损坏。")
	}
	if int64(len(data)) > limit {
		return nil, errors.New("文件过大（解压后超过上限），未处理。")
	}
	return data, nil
}

// zipName returns an entry's name as UTF-8: zips made on Chinese Windows
// store names in GBK without saying so.
func zipName(f *zip.File) string {
	name := f.Name
	if !utf8.ValidString(name) {
		if b, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
			name = b
		}
	}
	return strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(name, `\`, "/")), "/")
}

// startBatch stores a batch and checks its files in the background, one
// transaction per file; the batch page follows its progress.
func (s *Server) startBatch(ctx context.Context, u *store.User, name string, ups []upload, fails []store.BatchFailure, o ingestOptions) (*store.Batch, error) {
	b := &store.Batch{Name: name, Total: len(ups) + len(fails), CreatedAt: s.now()}
	if u != nil {
		b.CreatedBy = u.ID
	}
	if err := s.store.CreateBatch(ctx, b); err != nil {
		return nil, err
	}
	for _, f := range fails {
		if err := s.store.AddBatchFailure(ctx, b.ID, f.File, f.Message); err != nil {
			return nil, err
		}
	}
	o.BatchID = b.ID
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.runBatch(b.ID, u, ups, o)
	}()
	return b, nil
}

func (s *Server) runBatch(id int64, u *store.User, ups []upload, o ingestOptions) {
	for i, up := range ups {
		if s.ctx.Err() != nil {
			s.store.FinishBatch(context.Background(), id, store.BatchInterrupted, s.now())
			return
		}
		if _, err := s.ingest(s.ctx, u, up, o); err != nil {
			if s.ctx.Err() != nil {
				continue
			}
			e := s.asError(err)
			if e.Status >= 500 {
				s.log.Error("batch file failed", "batch", id, "file", up.Name, "err", err)
			}
			if err := s.store.AddBatchFailure(context.Background(), id, up.Name, e.Message); err != nil {
				s.log.Error("batch failure not recorded", "batch", id, "err", err)
			}
		}
		ups[i].Data = nil // let the memory go
	}
	if err := s.store.FinishBatch(context.Background(), id, store.BatchDone, s.now()); err != nil {
		s.log.Error("batch not finished", "batch", id, "err", err)
	}
}

// LoadExample checks and stores a published example disclosure, as the
// first start of a server does so the pages are not empty.
func (s *Server) LoadExample(ctx context.Context, name string, data []byte) (*store.ReportMeta, error) {
	return s.ingest(ctx, nil, upload{Name: name, Data: data}, ingestOptions{Origin: store.FromExample, Status: store.Published})
}

// LoadGenerated generates a published example disclosure from a filled
// budget workbook.
func (s *Server) LoadGenerated(ctx context.Context, name string, data []byte) (*store.ReportMeta, error) {
	if s.cfg.Generator == nil {
		return nil, notImplemented("no generator")
	}
	r, err := s.cfg.Generator.Generate(ctx, name, data)
	if err != nil {
		return nil, err
	}
	fs := check.Run(r, check.Options{})
	return s.storeReport(ctx, nil, []upload{{Name: name, Data: data}}, r, fs, ingestOptions{Origin: store.FromGenerated, Status: store.Published})
}
