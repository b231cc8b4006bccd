// Package docxdoc reads a disclosure written as a Word document (.docx,
// Office Open XML) into a doc.Document, with archive/zip and encoding/xml
// only.
//
// The main document part (word/document.xml, or wherever _rels/.rels
// points) is read in order:
//
//   - each paragraph becomes a Text block, one per line where the paragraph
//     holds line breaks; automatic numbering ("一、", "（一）", "1.") is put
//     back in front of the text from word/numbering.xml; the Heading level
//     comes from the paragraph's outline level or its style (Heading 1…9,
//     标题 1…9, or a style whose outline level is set, following basedOn);
//   - a table (w:tbl) becomes a Grid, gridSpan and vMerge expanded (a
//     spanning cell once at its top-left position, Covered cells at the
//     rest; gridBefore and gridAfter leave empty cells);
//   - a layout table (one whose cells hold other tables, or that has a
//     single column) is read as running text: its paragraphs become Text
//     blocks and the tables inside become Grids of their own;
//   - deleted text (tracked changes), field codes, hidden text and tables
//     of contents are left out; text boxes are read after the paragraph
//     that anchors them.
//
// Document.Lines holds one line per Text block and one per table row
// (cells joined by a tab); the Loc.Line of every block, row and cell
// indexes it.
package docxdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"golang.org/x/net/html/charset"

	"gongkai"
	"gongkai/doc"
)

// Default limits.
const (
	DefaultMaxUnzipped = 200 << 20 // bytes of all parts, uncompressed
	DefaultMaxCells    = 500_000   // grid positions over all tables, after span expansion
	maxEntries         = 10_000    // files in the zip
	maxDepth           = 256       // XML element nesting followed
)

// Reader reads .docx files. The zero value uses the default limits.
type Reader struct {
	// MaxUnzipped bounds the total uncompressed size of the zip entries,
	// checked on the zip directory before anything is decompressed (a zip
	// bomb fails at once). 0 means DefaultMaxUnzipped.
	MaxUnzipped int64
	// MaxCells bounds the number of grid positions of all tables. 0 means
	// DefaultMaxCells.
	MaxCells int
}

// Read reads a .docx file with the default limits. name is the file name
// shown in errors. Errors are *gongkai.ImportError wrapping ErrEmpty,
// ErrCorrupt, ErrTooLarge, ErrEncrypted or ErrUnsupported.
func Read(name string, data []byte) (*doc.Document, error) {
	return new(Reader).Read(name, data)
}

// Read reads a .docx file.
func (r *Reader) Read(name string, data []byte) (d *doc.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "读取文档时出现内部错误：%v", p)
		}
	}()
	limit := r.MaxUnzipped
	if limit <= 0 {
		limit = DefaultMaxUnzipped
	}
	if len(data) == 0 {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty}
	}
	if err := sniff(name, data); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "ZIP 结构损坏，不是完整的 .docx 文件（%v）", err)
	}
	if len(zr.File) > maxEntries {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrTooLarge, "压缩包内有 %d 个文件，超过上限 %d", len(zr.File), maxEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return nil, gongkai.ImportErrorf(name, gongkai.ErrTooLarge,
				"解压后超过 %d MB 上限（可能是压缩炸弹），未读取", limit>>20)
		}
	}
	pk := &pkg{name: name, files: zr.File, limit: limit}

	main := pk.mainPart()
	body, err := pk.read(main)
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "缺少文档正文部件 %s，不是完整的 Word 文档", main)
	}
	rels := pk.rels(main)
	st := &styles{byID: map[string]*style{}}
	if p := rels.target("styles", path.Join(path.Dir(main), "styles.xml")); p != "" {
		if data, err := pk.read(p); err == nil && data != nil {
			st.parse(data) // a broken styles part only loses heading levels
		} else if err != nil {
			return nil, err
		}
	}
	nb := &numbering{abs: map[string]*abstractNum{}, nums: map[string]*numInstance{}, count: map[string]*counter{}}
	if p := rels.target("numbering", path.Join(path.Dir(main), "numbering.xml")); p != "" {
		if data, err := pk.read(p); err == nil && data != nil {
			nb.parse(data)
		} else if err != nil {
			return nil, err
		}
	}

	items, err := parseDocument(body, st, nb)
	if err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "%s 不是有效的 XML（第 %d 行：%s）", main, se.Line, se.Msg)
		}
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "%s 无法解析：%v", main, err)
	}
	maxCells := r.MaxCells
	if maxCells <= 0 {
		maxCells = DefaultMaxCells
	}
	e := &emitter{file: name, maxCells: maxCells}
	e.items(items)
	if e.err != nil {
		return nil, e.err
	}
	if len(e.blocks) == 0 {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty, Detail: "文档中没有文字或表格"}
	}
	return &doc.Document{File: name, Format: "docx", Lines: e.lines, Blocks: e.blocks}, nil
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff rejects files that are not a zip package, saying what they are.
func sniff(name string, data []byte) error {
	switch {
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, utf16le("EncryptionInfo")) {
			return gongkai.ImportErrorf(name, gongkai.ErrEncrypted, "文档设置了打开密码，请去除密码后另存为 .docx 再导入")
		}
		return gongkai.ImportErrorf(name, gongkai.ErrUnsupported,
			"这是旧版 Word（.doc）或 WPS（.wps）文件，请先转换为 .docx，例如：soffice --headless --convert-to docx %s", quoteArg(name))
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return gongkai.ImportErrorf(name, gongkai.ErrUnsupported,
			"这是 RTF 文件，请先转换为 .docx，例如：soffice --headless --convert-to docx %s", quoteArg(name))
	case bytes.HasPrefix(data, []byte("%PDF")):
		return gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "这是 PDF 文件，不是 Word 文档，请按 PDF 导入")
	case !bytes.HasPrefix(data, []byte("PK")):
		t := bytes.TrimLeft(data, " \t\r\n\xEF\xBB\xBF")
		if bytes.HasPrefix(t, []byte("<")) {
			return gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "这是网页（HTML/XML）文件，不是 .docx，请按网页导入")
		}
		return gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "不是 .docx 文件（不是 ZIP 压缩包）")
	}
	return nil
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func quoteArg(s string) string {
	if s == "" {
		return "文件名"
	}
	if strings.ContainsAny(s, " \t'\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// pkg is the opened zip package.
type pkg struct {
	name  string
	files []*zip.File
	limit int64
}

// find returns the zip entry for a part name, matching case-insensitively
// when there is no exact match (some tools write Word/Document.xml).
func (p *pkg) find(part string) *zip.File {
	part = strings.TrimPrefix(part, "/")
	for _, f := range p.files {
		if f.Name == part {
			return f
		}
	}
	for _, f := range p.files {
		if strings.EqualFold(strings.ReplaceAll(f.Name, `\`, "/"), part) {
			return f
		}
	}
	return nil
}

// read returns the bytes of a part, nil (and no error) when it is absent.
func (p *pkg) read(part string) ([]byte, error) {
	f := p.find(part)
	if f == nil {
		return nil, nil
	}
	if f.UncompressedSize64 > uint64(p.limit) {
		return nil, gongkai.ImportErrorf(p.name, gongkai.ErrTooLarge, "%s 解压后超过 %d MB 上限", part, p.limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, gongkai.ImportErrorf(p.name, gongkai.ErrCorrupt, "无法解压 %s（%v）", part, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, p.limit+1))
	if err != nil {
		return nil, gongkai.ImportErrorf(p.name, gongkai.ErrCorrupt, "解压 %s 出错，文件不完整（%v）", part, err)
	}
	if int64(len(data)) > p.limit {
		return nil, gongkai.ImportErrorf(p.name, gongkai.ErrTooLarge, "%s 解压后超过 %d MB 上限", part, p.limit>>20)
	}
	return data, nil
}

// relationships of one part: type suffix → target part name.
type relationships map[string]string

func (r relationships) target(kind, fallback string) string {
	if t, ok := r[kind]; ok {
		return t
	}
	return fallback
}

// rels reads the relationships of a part (pkg-level for part "").
func (p *pkg) rels(part string) relationships {
	dir, base := path.Split(part)
	relsPart := path.Join(dir, "_rels", base+".rels")
	out := relationships{}
	data, err := p.read(relsPart)
	if err != nil || data == nil {
		return out
	}
	var x struct {
		Rel []struct {
			Type       string `xml:"Type,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charset.NewReaderLabel
	if dec.Decode(&x) != nil {
		return out
	}
	for _, rel := range x.Rel {
		if strings.EqualFold(rel.TargetMode, "External") {
			continue
		}
		kind := rel.Type[strings.LastIndex(rel.Type, "/")+1:]
		t := strings.ReplaceAll(rel.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		if _, dup := out[kind]; !dup {
			out[kind] = t
		}
	}
	return out
}

// mainPart returns the name of the main document part.
func (p *pkg) mainPart() string {
	t := p.rels("").target("officeDocument", "word/document.xml")
	if p.find(t) == nil && p.find("word/document.xml") != nil {
		return "word/document.xml"
	}
	return t
}
