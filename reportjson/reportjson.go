// Package reportjson writes a gongkai.Report as JSON and reads it back,
// exactly: every table, row, cell, section, paragraph and claim, with money
// as integer 分 and the unit and decimals it was printed with.
//
// # Format
//
// A document is one JSON object:
//
//	{
//	  "format": "gongkai-report",
//	  "version": 1,
//	  "sha256": "9f86d0…",          // sealed form only
//	  "report": { …the report… }
//	}
//
// The report object uses the JSON names of the gongkai types (Report,
// Table, Column, Row, Cell, Section, Paragraph, Claim, Summary, Loc). Money
// is an object {"fen": 34139000, "unit": "万元", "places": 2}: the exact
// amount in 分 (an integer: readers in languages whose numbers are doubles
// lose precision above 2^53 分, about 900 亿元), the unit it was printed in
// and the number of decimals printed, so 341.39 万元 is written
// {"fen":341390000,"unit":"万元","places":2}. Percentages and counts are
// exact decimals {"v": 3598, "p": 2} (35.98). Locations say where in the
// source document a figure was read.
//
// Two fields of a Report are not written: Sources (the text lines of the
// files an importer read: a rendered file is its own source) and Embedded
// (the data a file carried; writing it would nest reports).
//
// # Sealed form
//
// Seal writes the same object with "sha256": the lower-case hex SHA-256 of
// the bytes of the "report" value exactly as they appear in the document.
// Open recomputes it over those bytes, so any change to the data (a value,
// a space) shows as a broken seal. The sealed form is compact and escapes
// <, > and & (\u003c …), so it can be put as is inside an HTML <script>
// element, an XLSX cell or a PDF attachment.
//
// # Packed form
//
// Containers that limit the length of a text (an XLSX cell holds 32,767
// characters) carry the sealed document packed: PackedPrefix followed by
// the document gzip-compressed and base64-encoded (standard alphabet, with
// padding). Pack writes it; Open and Unmarshal accept it as well as plain
// JSON. The seal covers the JSON inside, so packing does not change it.
//
// The package uses only the standard library: importers import it.
package reportjson

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	gojson "github.com/goccy/go-json"
	"io"

	"gongkai"
)

// FormatName is the value of the "format" field.
const FormatName = "gongkai-report"

// Version is the version of the format this package writes. Readers accept
// this version and older ones.
const Version = 1

// ErrNotReport is returned for data that is not a gongkai report document.
var ErrNotReport = errors.New("不是 gongkai 报告数据")

// ErrNotSealed is returned by Open for a document without a sha256.
var ErrNotSealed = errors.New("报告数据没有校验值（sha256）")

// envelope is the document around the report.
type envelope struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	SHA256  string          `json:"sha256,omitempty"`
	Report  json.RawMessage `json:"report"`
}

// Marshal writes r as an indented, unsealed JSON document.
func Marshal(r *gongkai.Report) ([]byte, error) {
	body, err := encode(r, false)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString("{\n  \"format\": \"" + FormatName + "\",\n  \"version\": " + fmt.Sprint(Version) + ",\n  \"report\": ")
	if err := json.Indent(&out, body, "  ", "  "); err != nil {
		return nil, err
	}
	out.WriteString("\n}\n")
	return out.Bytes(), nil
}

// Seal writes r as a compact JSON document carrying the SHA-256 of its
// report value. The output contains no <, > or & and no line break.
func Seal(r *gongkai.Report) ([]byte, error) {
	body, err := encode(r, true)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	var out bytes.Buffer
	out.Grow(len(body) + 150)
	out.WriteString(`{"format":"` + FormatName + `","version":` + fmt.Sprint(Version) + `,"sha256":"`)
	out.WriteString(hex.EncodeToString(sum[:]))
	out.WriteString(`","report":`)
	out.Write(body)
	out.WriteString("}")
	return out.Bytes(), nil
}

// encode writes the report value, compact.
func encode(r *gongkai.Report, escapeHTML bool) ([]byte, error) {
	if r == nil {
		return nil, errors.New("reportjson: nil report")
	}
	if escapeHTML {
		b, err := gojson.Marshal(r) // escapes <, > and &, as encoding/json does
		if err != nil {
			return nil, fmt.Errorf("reportjson: %w", err)
		}
		return b, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("reportjson: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Unmarshal reads a document written by Marshal or Seal. A seal, when
// present, is not checked: use Open for that.
func Unmarshal(data []byte) (*gongkai.Report, error) {
	env, err := readEnvelope(data)
	if err != nil {
		return nil, err
	}
	return decode(env.Report)
}

// Open reads a document written by Seal and checks its seal. A document
// whose data no longer matches its recorded hash is returned with Intact
// false (and the report as it now reads); a document that is not a sealed
// report at all is an error.
func Open(data []byte) (*gongkai.Embedded, error) {
	env, err := readEnvelope(data)
	if err != nil {
		return nil, err
	}
	if env.SHA256 == "" {
		return nil, ErrNotSealed
	}
	sum := sha256.Sum256(env.Report)
	e := &gongkai.Embedded{SHA256: env.SHA256, Intact: hex.EncodeToString(sum[:]) == env.SHA256}
	r, err := decode(env.Report)
	if err != nil {
		return nil, err
	}
	e.Report = r
	return e, nil
}

// PackedPrefix starts the packed form of a document.
const PackedPrefix = "gongkai-report+gzip+base64:"

// PartsPrefix starts the text of a container that holds a document in
// several pieces because one place cannot hold it all: "gongkai-report-parts:N"
// says that the next N places (the cells A2…A(N+1) of an XLSX sheet) hold
// pieces whose concatenation is the document (usually packed).
const PartsPrefix = "gongkai-report-parts:"

// MaxUnpacked bounds the size of a packed document once unpacked.
const MaxUnpacked = 256 << 20

// Pack returns the packed form of a document (the output of Seal or
// Marshal): PackedPrefix, then the document gzip-compressed and
// base64-encoded.
func Pack(doc []byte) string {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
	zw.Write(doc)
	zw.Close()
	return PackedPrefix + base64.StdEncoding.EncodeToString(z.Bytes())
}

// unpack returns the document inside a packed form; other data is
// returned as it is.
func unpack(data []byte) ([]byte, error) {
	data = bytes.TrimSpace(data)
	if !bytes.HasPrefix(data, []byte(PackedPrefix)) {
		return data, nil
	}
	raw := data[len(PackedPrefix):]
	z := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
	n, err := base64.StdEncoding.Decode(z, raw)
	if err != nil {
		return nil, fmt.Errorf("%w：压缩数据的 base64 编码无效（%v）", ErrNotReport, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(z[:n]))
	if err != nil {
		return nil, fmt.Errorf("%w：压缩数据无效（%v）", ErrNotReport, err)
	}
	doc, err := io.ReadAll(io.LimitReader(zr, MaxUnpacked+1))
	if err != nil {
		return nil, fmt.Errorf("%w：压缩数据无效（%v）", ErrNotReport, err)
	}
	if len(doc) > MaxUnpacked {
		return nil, fmt.Errorf("%w：解压后超过 %d MB", ErrNotReport, MaxUnpacked>>20)
	}
	return doc, nil
}

func readEnvelope(data []byte) (*envelope, error) {
	data, err := unpack(data)
	if err != nil {
		return nil, err
	}
	var env envelope
	if err := json.Unmarshal(bytes.TrimSpace(data), &env); err != nil {
		return nil, fmt.Errorf("%w：%v", ErrNotReport, err)
	}
	if env.Format != FormatName {
		return nil, fmt.Errorf("%w：format 为 %q", ErrNotReport, env.Format)
	}
	if env.Version < 1 || env.Version > Version {
		return nil, fmt.Errorf("%w：不支持的版本 %d（本程序支持 1–%d）", ErrNotReport, env.Version, Version)
	}
	if len(env.Report) == 0 || bytes.Equal(env.Report, []byte("null")) {
		return nil, fmt.Errorf("%w：缺少 report", ErrNotReport)
	}
	return &env, nil
}

func decode(raw json.RawMessage) (*gongkai.Report, error) {
	var r gongkai.Report
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("%w：%v", ErrNotReport, err)
	}
	return &r, nil
}
