// Package xlsxdoc reads a disclosure kept as an Excel workbook (.xlsx)
// into a doc.Document, with github.com/xuri/excelize/v2.
//
// Every visible worksheet, in order, becomes blocks. A sheet usually holds
// one table under a few title rows ("2024年部门收支总表", "单位：万元",
// "公开01表"); several tables may be stacked, separated by blank rows:
//
//   - title rows at the top of each table (one non-empty cell, or two or
//     three short cells one of which names the unit or the table number)
//     become Text blocks; note rows at the bottom ("注：…",
//     "本单位无政府性基金预算，空表列示") become Text blocks after the grid;
//   - the rest becomes a Grid whose Title is the sheet name; merged cells
//     are spans (the value once at the top-left position, Covered cells at
//     the rest);
//   - numbers are read from the stored value, never through float64
//     formatting: Cell.Number holds the exact decimal ("1234.5"; float
//     noise such as 0.30000000000000004 removed), Cell.Text the displayed
//     form. Codes stored as text stay text ("2101501"). Dates keep their
//     displayed text and no Number.
//
// Document.Lines has, for each sheet, a line naming it and then one line
// per row (cells joined by a tab, blank rows included), so Loc.Line of a
// cell is the sheet's first line plus its row number. Locations also carry
// Sheet and Cell ("C12"). Document.Pages is the number of sheets read.
//
// A sheet named gongkai_report (hidden, reserved) is not read as blocks:
// its A1 text is Document.Embedded.
//
// Legacy .xls and WPS .et workbooks, OpenDocument .ods and binary .xlsb
// are converted with LibreOffice (soffice --headless --convert-to xlsx)
// when it is installed; otherwise the error says how to convert them.
//
// Limits keep a hostile file from exhausting memory or time: the
// uncompressed size is checked on the zip directory before anything is
// decompressed, and each worksheet is pre-scanned as a byte stream so that
// a sheet with too many rows or cells fails in a fraction of a second.
package xlsxdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/doc"
)

// Default limits.
const (
	DefaultMaxUnzipped = 200 << 20 // bytes of all zip entries, uncompressed
	DefaultMaxRows     = 100_000   // last row holding a value, per sheet
	DefaultMaxCells    = 1_000_000 // cells holding values, and grid positions, per workbook
	maxEntries         = 10_000    // files in the zip
	maxFormulas        = 10_000    // formulas without a cached value that are evaluated
)

// ReportSheet is the name of the reserved sheet whose A1 holds
// Document.Embedded.
const ReportSheet = "gongkai_report"

// Reader reads workbooks. The zero value uses the default limits and
// converts legacy formats with soffice when it is on PATH.
type Reader struct {
	MaxUnzipped int64 // 0 means DefaultMaxUnzipped
	MaxRows     int   // 0 means DefaultMaxRows
	MaxCells    int   // 0 means DefaultMaxCells
	// Soffice is the LibreOffice program used to convert .xls, .et, .ods
	// and .xlsb: "" looks for soffice (or libreoffice) on PATH, "-"
	// disables conversion.
	Soffice string
	// ConvertTimeout bounds one conversion; 0 means two minutes.
	ConvertTimeout time.Duration
}

// Read reads a workbook with the default Reader. name is the file name
// shown in locations and errors. Errors are *gongkai.ImportError wrapping
// ErrEmpty, ErrCorrupt, ErrTooLarge, ErrEncrypted, ErrUnsupported or
// ErrMissingTool.
func Read(name string, data []byte) (*doc.Document, error) {
	return new(Reader).Read(name, data)
}

func (r *Reader) limits() (unzipped int64, rows, cells int) {
	unzipped, rows, cells = r.MaxUnzipped, r.MaxRows, r.MaxCells
	if unzipped <= 0 {
		unzipped = DefaultMaxUnzipped
	}
	if rows <= 0 {
		rows = DefaultMaxRows
	}
	if cells <= 0 {
		cells = DefaultMaxCells
	}
	return
}

// Read reads a workbook.
func (r *Reader) Read(name string, data []byte) (d *doc.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "读取工作簿时出现内部错误，文件可能已损坏：%v", p)
		}
	}()
	if len(data) == 0 {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty}
	}
	kind, err := sniff(name, data)
	if err != nil {
		return nil, err
	}
	if kind != "" {
		return r.convert(name, data, kind)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "ZIP 结构损坏，不是完整的 .xlsx 文件（%v）", err)
	}
	if kind, err := r.checkPackage(name, zr); err != nil {
		return nil, err
	} else if kind != "" {
		return r.convert(name, data, kind)
	}
	return r.read(name, data, zr)
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff looks at the first bytes: a zip package gives "", a legacy
// workbook to convert gives its extension, anything else an error.
func sniff(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK")):
		return "", nil
	case bytes.HasPrefix(data, oleMagic):
		switch {
		case bytes.Contains(data, utf16le("EncryptionInfo")):
			return "", gongkai.ImportErrorf(name, gongkai.ErrEncrypted, "工作簿设置了打开密码，请去除密码后另存为 .xlsx 再导入")
		case bytes.Contains(data, utf16le("WordDocument")):
			return "", gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "这是 Word 文档（.doc），不是 Excel 工作簿")
		}
		if strings.HasSuffix(strings.ToLower(name), ".et") {
			return ".et", nil
		}
		return ".xls", nil
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "", gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "这是 PDF 文件，不是 Excel 工作簿，请按 PDF 导入")
	}
	t := bytes.TrimLeft(data, " \t\r\n\xEF\xBB\xBF")
	if bytes.HasPrefix(t, []byte("<")) {
		// Many sites serve an HTML table under an .xls name.
		return "", gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "文件内容是网页（HTML/XML）表格，不是 Excel 工作簿，请按网页导入")
	}
	return "", gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "不是 Excel 工作簿（不是 ZIP 压缩包，也不是旧版 .xls）")
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// checkPackage checks the zip directory against the limits and tells other
// zip formats apart: .ods and .xlsb are converted, .docx refused.
func (r *Reader) checkPackage(name string, zr *zip.Reader) (string, error) {
	limit, _, _ := r.limits()
	if len(zr.File) > maxEntries {
		return "", gongkai.ImportErrorf(name, gongkai.ErrTooLarge, "压缩包内有 %d 个文件，超过上限 %d", len(zr.File), maxEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) || f.UncompressedSize64 > uint64(limit) {
			return "", gongkai.ImportErrorf(name, gongkai.ErrTooLarge,
				"解压后超过 %d MB 上限（可能是压缩炸弹），未读取", limit>>20)
		}
	}
	has := func(n string) *zip.File {
		for _, f := range zr.File {
			if strings.EqualFold(f.Name, n) {
				return f
			}
		}
		return nil
	}
	if f := has("mimetype"); f != nil && f.UncompressedSize64 < 200 {
		if b, err := readEntry(f, 200); err == nil && bytes.Contains(b, []byte("opendocument.spreadsheet")) {
			return ".ods", nil
		}
	}
	switch {
	case has("xl/workbook.bin") != nil:
		return ".xlsb", nil
	case has("word/document.xml") != nil:
		return "", gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "这是 Word 文档（.docx），不是 Excel 工作簿")
	case has("ppt/presentation.xml") != nil:
		return "", gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "这是 PowerPoint 演示文稿，不是 Excel 工作簿")
	}
	return "", nil
}

func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, limit))
}

// sheetInfo is one sheet of the workbook, from xl/workbook.xml.
type sheetInfo struct {
	name   string
	state  string // "", "visible", "hidden", "veryHidden"
	part   string // zip entry of the worksheet, "" for chart sheets
	scan   *sheetScan
	hidden bool
}

// workbook reads the sheet list and resolves each sheet's part.
func workbook(name string, zr *zip.Reader) ([]*sheetInfo, error) {
	find := func(n string) *zip.File {
		n = strings.TrimPrefix(n, "/")
		for _, f := range zr.File {
			if f.Name == n {
				return f
			}
		}
		for _, f := range zr.File {
			if strings.EqualFold(strings.ReplaceAll(f.Name, `\`, "/"), n) {
				return f
			}
		}
		return nil
	}
	rels := func(part string) map[string]relTarget {
		dir, base := path.Split(part)
		out := map[string]relTarget{}
		f := find(path.Join(dir, "_rels", base+".rels"))
		if f == nil {
			return out
		}
		b, err := readEntry(f, 16<<20)
		if err != nil {
			return out
		}
		var x struct {
			Rel []struct {
				ID     string `xml:"Id,attr"`
				Type   string `xml:"Type,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if xml.Unmarshal(b, &x) != nil {
			return out
		}
		for _, rel := range x.Rel {
			t := strings.ReplaceAll(rel.Target, `\`, "/")
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(dir, t)
			}
			out[rel.ID] = relTarget{kind: rel.Type[strings.LastIndex(rel.Type, "/")+1:], target: t}
		}
		return out
	}
	wbPart := "xl/workbook.xml"
	for _, t := range rels("") {
		if t.kind == "officeDocument" {
			wbPart = t.target
		}
	}
	f := find(wbPart)
	if f == nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "缺少工作簿部件 %s，不是完整的 .xlsx 文件", wbPart)
	}
	b, err := readEntry(f, 64<<20)
	if err != nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "无法解压 %s（%v）", wbPart, err)
	}
	var x struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(b, &x); err != nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "%s 不是有效的 XML（%v）", wbPart, err)
	}
	wbRels := rels(wbPart)
	var out []*sheetInfo
	for _, s := range x.Sheets {
		id := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				id = a.Value
			}
		}
		si := &sheetInfo{name: s.Name, state: s.State}
		si.hidden = s.State == "hidden" || s.State == "veryHidden"
		if t, ok := wbRels[id]; ok && t.kind == "worksheet" && find(t.target) != nil {
			si.part = find(t.target).Name
		}
		out = append(out, si)
	}
	if len(out) == 0 {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "工作簿中没有工作表")
	}
	return out, nil
}

type relTarget struct{ kind, target string }

// read reads a zip package that passed the size checks.
func (r *Reader) read(name string, data []byte, zr *zip.Reader) (*doc.Document, error) {
	limit, maxRows, maxCells := r.limits()
	sheets, err := workbook(name, zr)
	if err != nil {
		return nil, err
	}
	// Pre-scan every worksheet so limits fail before excelize reads.
	cells := 0
	for _, s := range sheets {
		if s.part == "" {
			continue
		}
		var f *zip.File
		for _, e := range zr.File {
			if e.Name == s.part {
				f = e
				break
			}
		}
		rc, err := f.Open()
		if err != nil {
			return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "无法解压工作表「%s」（%v）", s.name, err)
		}
		sc, err := scanSheet(rc, scanLimits{rows: maxRows, cells: maxCells}, cells)
		rc.Close()
		if le, ok := err.(*limitError); ok {
			e := &gongkai.ImportError{File: name, Err: gongkai.ErrTooLarge, Loc: gongkai.Loc{Sheet: s.name}}
			if le.cells {
				e.Detail = fmt.Sprintf("有数据的单元格超过 %d 个上限", maxCells)
			} else {
				e.Detail = fmt.Sprintf("第 %d 行有数据，超过每个工作表 %d 行的上限", le.row, maxRows)
			}
			return nil, e
		}
		if err != nil {
			return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "工作表「%s」无法读取，文件不完整或已损坏（%v）", s.name, err)
		}
		s.scan = sc
		cells += len(sc.cells)
	}

	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    limit,
		UnzipXMLSizeLimit: min(limit, 16<<20),
	})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "无法打开工作簿（%v）", err)
	}
	defer f.Close()

	rd := &reader{file: name, f: f, maxCells: maxCells, fmts: map[int32]numFmt{}}
	out := &doc.Document{File: name, Format: "xlsx"}
	for _, s := range sheets {
		if s.name == ReportSheet {
			if s.scan != nil {
				v, err := f.GetCellValue(s.name, "A1", excelize.Options{RawCellValue: true})
				if err == nil && v != "" {
					out.Embedded = []byte(v)
				}
			}
			continue
		}
		if s.hidden || s.scan == nil {
			continue
		}
		out.Pages++
		if err := rd.sheet(s, out); err != nil {
			return nil, err
		}
	}
	if len(out.Blocks) == 0 && out.Embedded == nil {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty, Detail: "工作簿中没有数据"}
	}
	return out, nil
}
