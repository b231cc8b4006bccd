// Package pdfdoc reads a PDF that has a text layer into a doc.Document.
//
// The text and the position of every word come from poppler's
// `pdftotext -tsv` (Debian package poppler-utils), run as an external
// process. From the word boxes pdfdoc rebuilds the printed layout:
//
//   - lines: words of one page whose vertical bands overlap, left to right;
//     Document.Lines holds every line of every page in order, with a space
//     between words that have a visible gap, nothing between CJK glyphs
//     that abut (nor between digits and CJK a font change apart), and a
//     tab where the gap is as wide as a column gap;
//   - prose: lines that continue each other (same left margin, previous
//     line reaching the right margin or the next word too long to fit
//     there, no heading number such as "一、" or "（一）" or bullet at the
//     start, not indented as a paragraph's first line is, not set further
//     apart than the paragraph's own lines) are joined into one Text
//     block; headings get a block of their own;
//   - tables: runs of lines whose words fall into aligned columns become a
//     Grid. Column boundaries come from the x extents of the words over the
//     whole run; text wrapped inside a cell is merged back into that cell;
//     headers of two or three levels become header rows whose spanning
//     cells sit in their first column with Covered cells after them (a
//     heading spans the columns of the headings under it, found from where
//     it is centred, though its words touch only the middle ones; words of
//     two header rows are never one cell); table
//     titles, "单位：万元" and similar lines become Text blocks before the
//     grid. The header is the lines above the first number, or the leading
//     lines set in another type size than the body. In a table whose
//     wrapped lines stand tighter than its rows (even overlapping, as in
//     narrow bordered columns), lines are grouped into rows by those gaps,
//     and cells centred in a row's height (a label beside a wrapped cell,
//     amounts beside a label wrapped over several lines) join that row; an
//     amount wrapped after its decimal point ("341." over "39") stays one
//     cell. An empty table (its header and
//     a 合计 row with nothing in it) is a grid too, and so is one printed
//     with the names of its rows only when the note under it says the
//     table is empty (本表为空表, 本表无数据). A table continued on the
//     next page (header repeated, or "续表") is joined into one Grid when
//     its columns match, and the repeated header rows are dropped; under
//     repeated captions only when the table reached the foot of its page.
//     Without a header, the next page joins when its words lie in the
//     table's columns (a lone last row too, or words in the gap between
//     two of them, where a column was empty above the break); text that
//     opens the page and ends a cell wrapped at the foot of the page
//     before is added to that cell, and lines of such text that open a
//     page belong to the table under them. A header the page break cut
//     (a few lines without a number at the foot of a page) is laid out
//     with the rest of it, which opens the next page, as one table: what
//     is left of each cut cell is set right under its start. The first
//     rows of a table alone at the foot of a page join the table on the
//     next page when their words lie in its columns. A line of text that
//     ends in a colon left of a table ("相关统计数:") leads on to it and
//     is no header line, and "(2024年度)" under a title is a caption. A
//     header cell whose text wraps at the width of its one column heads
//     nothing beside that column.
//
// Every block, row and cell carries the page (1-based) and the line
// (1-based index into Document.Lines) it starts on.
//
// pdfdoc knows nothing of budgets: it does not merge codes printed in
// separate 类/款/项 columns, parse amounts or recognise tables by name;
// package extract does.
package pdfdoc

import (
	"bytes"
	"context"
	"os/exec"
	"time"

	"gongkai"
	"gongkai/doc"
)

// Defaults for a zero Reader.
const (
	DefaultTimeout   = 2 * time.Minute
	DefaultMaxBytes  = 256 << 20 // input PDF
	DefaultMaxOutput = 64 << 20  // pdftotext TSV output
)

// Reader reads PDFs. The zero value is ready to use and looks pdftotext up
// in PATH.
type Reader struct {
	// Pdftotext is the path of the pdftotext program; "" means "pdftotext"
	// looked up in PATH.
	Pdftotext string
	// Timeout bounds one run of pdftotext (the context may bound it more);
	// 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes is the largest PDF accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxOutput is the most TSV output read from pdftotext; it bounds the
	// memory a hostile PDF can make this process use. 0 means
	// DefaultMaxOutput.
	MaxOutput int64
}

// Read reads a PDF with the zero Reader. See Reader.Read.
func Read(ctx context.Context, name string, data []byte) (*doc.Document, error) {
	var r Reader
	return r.Read(ctx, name, data)
}

// Read turns the PDF in data into a Document with Format "pdf"; name is the
// file name the user gave, used in the Document and in errors.
//
// Errors are *gongkai.ImportError whose Err is one of the gongkai
// sentinels: ErrEmpty for no bytes, ErrTooLarge, ErrCorrupt for a file that
// is not a PDF or is truncated or damaged, ErrEncrypted for a file that
// needs a password, ErrScanned for pages without any text, ErrMissingTool
// when pdftotext is not installed; or the context's error when it ends or
// the timeout passes first.
func (r *Reader) Read(ctx context.Context, name string, data []byte) (*doc.Document, error) {
	if err := r.precheck(name, data); err != nil {
		return nil, err
	}
	// Pages are cut into lines and classified by a second goroutine while
	// pdftotext reads the next ones; the document is built from them in
	// order once the last page is in.
	ch := make(chan page, 16)
	laid := make(chan []*pageLines, 1)
	go func() {
		var pa pageLayouter
		var pls []*pageLines
		for p := range ch {
			pls = append(pls, pa.layout(p))
		}
		laid <- pls
	}()
	pages, err := r.runPdftotext(ctx, name, data, func(p page) { ch <- p })
	close(ch)
	pls := <-laid
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt, Detail: "文件中没有页面"}
	}
	if countWords(pages) == 0 {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrScanned,
			"共 %d 页，均没有可提取的文字；如为扫描件，请先做文字识别（OCR）或提供原始电子文件", len(pages))
	}
	d := layoutPages(pls)
	d.File = name
	return d, nil
}

// precheck rejects what need not reach pdftotext: no data, too much data,
// no PDF header, or no end-of-file marker (a truncated download).
func (r *Reader) precheck(name string, data []byte) error {
	switch {
	case len(data) == 0:
		return &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty}
	case int64(len(data)) > r.maxBytes():
		return gongkai.ImportErrorf(name, gongkai.ErrTooLarge, "PDF 超过 %d MB", r.maxBytes()>>20)
	case !bytes.Contains(head(data, 1024), []byte("%PDF-")):
		return &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt, Detail: "不是 PDF 文件（缺少 %PDF 文件头）"}
	case !bytes.Contains(tail(data, 4096), []byte("%%EOF")):
		return &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt, Detail: "文件不完整（缺少结尾标记 %%EOF），可能下载或复制时被截断"}
	}
	return nil
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func countWords(pages []page) int {
	n := 0
	for _, p := range pages {
		n += len(p.Words)
	}
	return n
}

func (r *Reader) toolPath() (string, error) {
	if r.Pdftotext != "" {
		return exec.LookPath(r.Pdftotext)
	}
	return exec.LookPath("pdftotext")
}

func (r *Reader) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return DefaultTimeout
}

func (r *Reader) maxBytes() int64 {
	if r.MaxBytes > 0 {
		return r.MaxBytes
	}
	return DefaultMaxBytes
}

func (r *Reader) maxOutput() int64 {
	if r.MaxOutput > 0 {
		return r.MaxOutput
	}
	return DefaultMaxOutput
}
