// Package importer turns a published disclosure file into a report: it
// recognises the format by content (magic bytes, not the file name), reads
// the file with the matching reader into blocks, and recognises the
// disclosure in them.
package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gongkai"
	"gongkai/doc"
	"gongkai/docxdoc"
	"gongkai/extract"
	"gongkai/htmldoc"
	"gongkai/pdfdoc"
	"gongkai/textdoc"
	"gongkai/xlsxdoc"
)

// Format is a file format gongkai reads.
type Format string

// The formats.
const (
	Text    Format = "text"
	HTML    Format = "html"
	PDF     Format = "pdf"
	XLSX    Format = "xlsx"
	XLS     Format = "xls"
	DOCX    Format = "docx"
	Unknown Format = "unknown"
)

// MaxFileSize is the largest file Import reads.
const MaxFileSize = 200 << 20

// Detect says what format data is in, from its content.
func Detect(data []byte) Format {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return XLS // OLE2: .xls, .et, old .doc
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return zipKind(data)
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if !bytes.HasPrefix(t, []byte("<")) {
		return Text // HTML starts with a tag (lowering keeps the first byte a '<' or not)
	}
	t = bytes.ToLower(t)
	if bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<html")) ||
		(bytes.HasPrefix(t, []byte("<")) && (bytes.Contains(t, []byte("<table")) || bytes.Contains(t, []byte("<body")) ||
			bytes.Contains(t, []byte("<p")) || bytes.Contains(t, []byte("<div")) || bytes.Contains(t, []byte("<meta")))) {
		return HTML
	}
	return Text
}

// zipKind tells an XLSX from a DOCX by the names in the zip directory.
func zipKind(data []byte) Format {
	switch {
	case bytes.Contains(data, []byte("xl/workbook.xml")), bytes.Contains(data, []byte("xl/_rels")):
		return XLSX
	case bytes.Contains(data, []byte("word/document.xml")), bytes.Contains(data, []byte("word/_rels")):
		return DOCX
	}
	return Unknown
}

// Options tune an import.
type Options struct {
	extract.Options
}

// Read reads a file's bytes into blocks with the reader its content calls for.
func Read(ctx context.Context, name string, data []byte) (*doc.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty}
	}
	switch f := Detect(data); f {
	case PDF:
		return pdfdoc.Read(ctx, name, data)
	case XLSX, XLS:
		return xlsxdoc.Read(name, data)
	case DOCX:
		d, err := docxdoc.Read(name, data)
		if err == nil {
			d.Blocks = textdoc.Regrid(d.Blocks) // tables typed with tabs
		}
		return d, err
	case HTML:
		return htmldoc.Read(name, data)
	case Unknown:
		return nil, gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "压缩包中既不是 XLSX 也不是 DOCX")
	default:
		return textdoc.Read(name, data)
	}
}

// Import reads and recognises one file given as bytes.
func Import(ctx context.Context, name string, data []byte, opt Options) (*gongkai.Report, error) {
	d, err := Read(ctx, name, data)
	if err != nil {
		return nil, err
	}
	r, err := extract.Build(d, opt.Options)
	if err == nil {
		AttachEmbedded(ctx, r, d, data)
	}
	return r, err
}

// ReadFile reads a file from disk. It looks at the first bytes to know the
// format and refuses a file over that format's size limit before reading
// it, so a huge file costs no memory.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, gongkai.ImportErrorf(path, err, "文件不存在")
		}
		return nil, gongkai.ImportErrorf(path, err, "无法打开")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, gongkai.ImportErrorf(path, err, "无法读取")
	}
	if st.IsDir() {
		return nil, gongkai.ImportErrorf(path, gongkai.ErrUnsupported, "这是一个目录")
	}
	head := make([]byte, 8192)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	limit := int64(MaxFileSize)
	if k := Detect(head); k == Text || k == HTML {
		limit = textdoc.MaxSize
	}
	if st.Size() > limit {
		return nil, gongkai.ImportErrorf(path, gongkai.ErrTooLarge, "%d MB，此类文件上限 %d MB", st.Size()>>20, limit>>20)
	}
	rest, err := io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
	if err != nil {
		return nil, gongkai.ImportErrorf(path, err, "读取失败")
	}
	data := append(head, rest...)
	if int64(len(data)) > limit {
		return nil, gongkai.ImportErrorf(path, gongkai.ErrTooLarge, "上限 %d MB", limit>>20)
	}
	return data, nil
}

// ImportFile reads and recognises one file on disk.
func ImportFile(ctx context.Context, path string, opt Options) (*gongkai.Report, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Import(ctx, path, data, opt)
}

// ImportJoined reads several files as one disclosure (prose and tables are
// often published apart): their blocks are read in order as one document,
// each keeping its file in its locations.
func ImportJoined(ctx context.Context, paths []string, opt Options) (*gongkai.Report, error) {
	if len(paths) == 1 {
		return ImportFile(ctx, paths[0], opt)
	}
	var docs []*doc.Document
	for _, p := range paths {
		data, err := ReadFile(p)
		if err != nil {
			return nil, err
		}
		d, err := Read(ctx, p, data)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	joined := Join(docs)
	r, err := extract.Build(joined, opt.Options)
	if err != nil {
		return nil, err
	}
	r.File = strings.Join(paths, " + ")
	r.Sources = nil
	for _, d := range docs {
		r.Sources = append(r.Sources, &gongkai.Source{File: d.File, Format: d.Format, Lines: d.Lines})
	}
	AttachEmbeddedJoined(r, docs)
	return r, nil
}

// Join concatenates documents; every location keeps the file it came from.
func Join(docs []*doc.Document) *doc.Document {
	out := &doc.Document{Format: "joined"}
	var names []string
	for _, d := range docs {
		names = append(names, d.File)
		for _, b := range d.Blocks {
			b.Loc.File = d.File
			if b.Grid != nil {
				g := *b.Grid
				g.Rows = append([]doc.Row(nil), g.Rows...)
				for i := range g.Rows {
					g.Rows[i].Loc.File = d.File
					cells := append([]doc.Cell(nil), g.Rows[i].Cells...)
					for j := range cells {
						cells[j].Loc.File = d.File
					}
					g.Rows[i].Cells = cells
				}
				b.Grid = &g
			}
			out.Blocks = append(out.Blocks, b)
		}
		out.Pages += d.Pages
	}
	out.File = strings.Join(names, " + ")
	return out
}

// Describe returns a one-line Chinese description of an import error for users.
func Describe(err error) string {
	var ie *gongkai.ImportError
	if errors.As(err, &ie) {
		return ie.Error()
	}
	return fmt.Sprint(err)
}
