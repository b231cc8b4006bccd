package importer

import (
	"bytes"
	"context"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/doc"
	"gongkai/pdfattach"
	"gongkai/reportjson"
	"gongkai/xlsxdoc"
)

// AttachEmbedded sets r.Embedded from the report data the file carries,
// when it carries any: a file written by gongkai (an HTML page, an XLSX
// workbook, a PDF) holds its report sealed with a SHA-256 (package
// reportjson), and rule embedded.mismatch compares it with what the
// document visibly says.
//
// The data is d.Embedded, as the reader found it. Two cases are completed
// here from the file's bytes (data), for readers that do not (yet) do it
// themselves:
//
//   - a PDF whose reader left d.Embedded empty: the attachment
//     gongkai-report.json is read with pdfattach (poppler's pdfdetach),
//     when the file names an embedded file at all;
//   - an XLSX whose gongkai_report!A1 says "gongkai-report-parts:N": the
//     data did not fit one cell and is in A2…A(N+1).
//
// Data that is present but cannot be read as a sealed report (cut short,
// damaged, altered past parsing) gives an Embedded with a nil Report and
// Intact false, which the rule reports. Files without data leave r.Embedded
// nil. Call it at the end of Import:
//
//	AttachEmbedded(ctx, r, d, data)
func AttachEmbedded(ctx context.Context, r *gongkai.Report, d *doc.Document, data []byte) {
	if r == nil || d == nil {
		return
	}
	emb := d.Embedded
	if len(emb) == 0 && d.Format == "pdf" && bytes.Contains(data, []byte("/EmbeddedFile")) {
		b, err := pdfattach.Extract(ctx, data)
		if err == nil {
			emb = b
		}
	}
	if n, ok := parts(emb); ok {
		emb = xlsxParts(data, n)
		if emb == nil {
			r.Embedded = &gongkai.Embedded{}
			return
		}
	}
	setEmbedded(r, emb)
}

// AttachEmbeddedJoined does what AttachEmbedded does for a report read from
// several files (ImportJoined): the data of the first file that carries
// any is taken. Call it at the end of ImportJoined:
//
//	AttachEmbeddedJoined(r, docs)
func AttachEmbeddedJoined(r *gongkai.Report, docs []*doc.Document) {
	if r == nil {
		return
	}
	for _, d := range docs {
		if d != nil && len(d.Embedded) > 0 {
			if _, ok := parts(d.Embedded); ok {
				continue // the pieces are in the file, which is no longer at hand
			}
			setEmbedded(r, d.Embedded)
			return
		}
	}
}

func setEmbedded(r *gongkai.Report, emb []byte) {
	if len(bytes.TrimSpace(emb)) == 0 {
		return
	}
	e, err := reportjson.Open(emb)
	if err != nil {
		r.Embedded = &gongkai.Embedded{} // present but unreadable: not intact
		return
	}
	r.Embedded = e
}

// parts reads the "gongkai-report-parts:N" header.
func parts(emb []byte) (int, bool) {
	s := strings.TrimSpace(string(emb))
	if !strings.HasPrefix(s, reportjson.PartsPrefix) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(s, reportjson.PartsPrefix))
	if err != nil || n < 1 || n > 100_000 {
		return 0, false
	}
	return n, true
}

// xlsxParts joins gongkai_report!A2…A(n+1) of the workbook in data, or
// returns nil when a piece is missing.
func xlsxParts(data []byte, n int) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: xlsxdoc.DefaultMaxUnzipped})
	if err != nil {
		return nil
	}
	defer f.Close()
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		v, err := f.GetCellValue("gongkai_report", "A"+strconv.Itoa(i+2), excelize.Options{RawCellValue: true})
		if err != nil || v == "" {
			return nil
		}
		b.WriteString(v)
	}
	return b.Bytes()
}
