package render

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf16"

	"gongkai/pdfattach"
)

// AttachmentName is the name of the file attachment a PDF written by
// gongkai carries: the sealed report (reportjson.Seal).
const AttachmentName = pdfattach.Name

// ErrPDFStructure is returned by Attach for a PDF it cannot update: one
// whose cross-reference is a stream (PDF 1.5 compressed) or damaged.
// Chromium writes classic cross-reference tables.
var ErrPDFStructure = errors.New("render: PDF 结构无法识别，不能添加附件")

// Attach returns pdf with data embedded as a file attachment called name:
// an entry of the document's EmbeddedFiles name tree, which every PDF
// reader lists as an attachment, also named in the catalog's /AF array
// (PDF 2.0 associated files).
//
// Chromium cannot attach files, so the attachment is added afterwards as an
// incremental update (ISO 32000-1, 7.5.6): the original bytes are kept as
// they are and followed by the new objects (the file stream, compressed;
// its file specification; a name tree), a new version of the catalog that
// points to them, and a cross-reference section chained to the original
// one. It costs a few milliseconds whatever the size of the PDF
// (github.com/pdfcpu/pdfcpu does the same job by rewriting the whole file,
// over a second for a 90-page report). name must be plain ASCII.
func Attach(pdf []byte, name string, data []byte) ([]byte, error) {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x21 || c > 0x7e || c == '(' || c == ')' || c == '\\' {
			return nil, fmt.Errorf("render: 附件名 %q 只能使用 ASCII 字符", name)
		}
	}
	tr, err := readTrailer(pdf)
	if err != nil {
		return nil, err
	}
	catalog, err := objectDict(pdf, tr, tr.root)
	if err != nil {
		return nil, err
	}
	next := tr.size
	streamObj, specObj, treeObj := next, next+1, next+2
	size := next + 3

	// The catalog's /Names: a dictionary of its own (indirect), one inside
	// the catalog, or none.
	type update struct {
		num  int
		body []byte
	}
	var updates []update
	embedded := []byte("/EmbeddedFiles " + ref(treeObj))
	namesVal, hasNames, err := dictValue(catalog, "Names")
	if err != nil {
		return nil, err
	}
	switch {
	case !hasNames:
		catalog = dictInsert(catalog, append([]byte("/Names <<"), append(embedded, ">>"...)...))
	case isRef(namesVal):
		n, _ := strconv.Atoi(string(bytes.Fields(namesVal)[0]))
		names, err := objectDict(pdf, tr, n)
		if err != nil {
			return nil, err
		}
		if _, ok, _ := dictValue(names, "EmbeddedFiles"); ok {
			return nil, fmt.Errorf("%w：文件已有附件", ErrPDFStructure)
		}
		updates = append(updates, update{n, dictInsert(names, embedded)})
	case bytes.HasPrefix(namesVal, []byte("<<")):
		if _, ok, _ := dictValue(namesVal, "EmbeddedFiles"); ok {
			return nil, fmt.Errorf("%w：文件已有附件", ErrPDFStructure)
		}
		newNames := dictInsert(namesVal, embedded)
		catalog = bytes.Replace(catalog, namesVal, newNames, 1)
	default:
		return nil, ErrPDFStructure
	}
	if _, ok, _ := dictValue(catalog, "AF"); !ok {
		catalog = dictInsert(catalog, []byte("/AF ["+ref(specObj)+"]"))
	}
	updates = append(updates, update{tr.root, catalog})

	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.DefaultCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	mod := pdfDate(time.Now())

	var out bytes.Buffer
	out.Grow(len(pdf) + z.Len() + 2048)
	out.Write(pdf)
	if pdf[len(pdf)-1] != '\n' {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	begin := func(n int) {
		offsets[n] = out.Len()
		out.WriteString(strconv.Itoa(n) + " 0 obj\n")
	}
	begin(streamObj)
	fmt.Fprintf(&out, "<</Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode /Length %d /Params <</Size %d /ModDate %s>>>>\nstream\n", z.Len(), len(data), mod)
	out.Write(z.Bytes())
	out.WriteString("\nendstream\nendobj\n")
	begin(specObj)
	fmt.Fprintf(&out, "<</Type /Filespec /F (%s) /UF (%s) /Desc %s /AFRelationship /Data /EF <</F %s /UF %s>>>>\nendobj\n",
		name, name, utf16Text("gongkai 报告数据（含 SHA-256 校验值）"), ref(streamObj), ref(streamObj))
	begin(treeObj)
	fmt.Fprintf(&out, "<</Names [(%s) %s]>>\nendobj\n", name, ref(specObj))
	for _, u := range updates {
		begin(u.num)
		out.Write(u.body)
		out.WriteString("\nendobj\n")
	}
	xref := out.Len()
	out.WriteString("xref\n")
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	sortInts(nums)
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(&out, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&out, "%010d 00000 n \n", offsets[nums[k]])
		}
		i = j + 1
	}
	out.WriteString("trailer\n<</Size " + strconv.Itoa(size) + " /Root " + ref(tr.root) + " /Prev " + strconv.Itoa(tr.xref))
	if tr.info != "" {
		out.WriteString(" /Info " + tr.info)
	}
	if tr.id != "" {
		out.WriteString(" /ID " + tr.id)
	}
	out.WriteString(">>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return out.Bytes(), nil
}

// PDFAttachment returns the gongkai-report.json attachment of a PDF, read
// with poppler's pdfdetach (see package pdfattach).
var PDFAttachment = pdfattach.Extract

func ref(n int) string { return strconv.Itoa(n) + " 0 R" }

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// pdfDate formats t as a PDF date string.
func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// utf16Text is a PDF text string in UTF-16BE with a byte-order mark.
func utf16Text(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// trailer holds what the update needs from the last trailer.
type trailer struct {
	xref    int          // offset of the last cross-reference section
	size    int          // /Size
	root    int          // /Root object number
	info    string       // /Info value, as written
	id      string       // /ID value, as written
	offsets map[int]int  // object offsets, newest section first wins
	seen    map[int]bool // objects found in some section
}

// readTrailer reads the last startxref, its cross-reference table and
// trailer, and the tables it chains to with /Prev.
func readTrailer(pdf []byte) (*trailer, error) {
	tail := pdf
	if len(tail) > 2048 {
		tail = tail[len(tail)-2048:]
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w：没有 startxref", ErrPDFStructure)
	}
	f := bytes.Fields(tail[i+len("startxref"):])
	if len(f) == 0 {
		return nil, fmt.Errorf("%w：startxref 后没有偏移", ErrPDFStructure)
	}
	off, err := strconv.Atoi(string(f[0]))
	if err != nil || off <= 0 || off >= len(pdf) {
		return nil, fmt.Errorf("%w：startxref 偏移无效", ErrPDFStructure)
	}
	tr := &trailer{xref: off, offsets: map[int]int{}, seen: map[int]bool{}}
	first := true
	for hops := 0; off > 0 && hops < 64; hops++ {
		dict, prev, err := readXref(pdf, off, tr)
		if err != nil {
			return nil, err
		}
		if first {
			first = false
			v, ok, _ := dictValue(dict, "Size")
			if !ok {
				return nil, fmt.Errorf("%w：trailer 缺少 /Size", ErrPDFStructure)
			}
			tr.size, err = strconv.Atoi(string(v))
			if err != nil {
				return nil, fmt.Errorf("%w：/Size 无效", ErrPDFStructure)
			}
			v, ok, _ = dictValue(dict, "Root")
			if !ok || !isRef(v) {
				return nil, fmt.Errorf("%w：trailer 缺少 /Root", ErrPDFStructure)
			}
			tr.root, _ = strconv.Atoi(string(bytes.Fields(v)[0]))
			if v, ok, _ := dictValue(dict, "Info"); ok {
				tr.info = string(v)
			}
			if v, ok, _ := dictValue(dict, "ID"); ok {
				tr.id = string(v)
			}
		}
		off = prev
	}
	return tr, nil
}

// readXref reads a classic cross-reference section at off: its entries
// (for objects not yet seen) and its trailer dictionary and /Prev.
func readXref(pdf []byte, off int, tr *trailer) (dict []byte, prev int, err error) {
	p := skipSpace(pdf, off)
	if !bytes.HasPrefix(pdf[p:], []byte("xref")) {
		return nil, 0, fmt.Errorf("%w：交叉引用不是表格（可能是 xref 流）", ErrPDFStructure)
	}
	p += 4
	for {
		p = skipSpace(pdf, p)
		if bytes.HasPrefix(pdf[p:], []byte("trailer")) {
			p += len("trailer")
			break
		}
		start, p1, ok := readInt(pdf, p)
		if !ok {
			return nil, 0, fmt.Errorf("%w：交叉引用表损坏", ErrPDFStructure)
		}
		count, p2, ok := readInt(pdf, skipSpace(pdf, p1))
		if !ok || count < 0 || count > 10_000_000 {
			return nil, 0, fmt.Errorf("%w：交叉引用表损坏", ErrPDFStructure)
		}
		p = p2
		for k := 0; k < count; k++ {
			p = skipSpace(pdf, p)
			if p+18 > len(pdf) {
				return nil, 0, fmt.Errorf("%w：交叉引用表不完整", ErrPDFStructure)
			}
			entry := pdf[p : p+18]
			p += 18
			n := start + k
			if tr.seen[n] {
				continue
			}
			tr.seen[n] = true
			if entry[17] == 'n' {
				o, err := strconv.Atoi(string(entry[:10]))
				if err != nil {
					return nil, 0, fmt.Errorf("%w：交叉引用表损坏", ErrPDFStructure)
				}
				tr.offsets[n] = o
			}
		}
	}
	p = skipSpace(pdf, p)
	end, err := dictEnd(pdf, p)
	if err != nil {
		return nil, 0, err
	}
	dict = pdf[p:end]
	if v, ok, _ := dictValue(dict, "Prev"); ok {
		prev, _ = strconv.Atoi(string(v))
	}
	if _, ok, _ := dictValue(dict, "XRefStm"); ok {
		return nil, 0, fmt.Errorf("%w：混合交叉引用", ErrPDFStructure)
	}
	return dict, prev, nil
}

// objectDict returns the dictionary of object n, as written.
func objectDict(pdf []byte, tr *trailer, n int) ([]byte, error) {
	off, ok := tr.offsets[n]
	if !ok || off <= 0 || off >= len(pdf) {
		return nil, fmt.Errorf("%w：找不到对象 %d", ErrPDFStructure, n)
	}
	head := []byte(strconv.Itoa(n) + " 0 obj")
	p := skipSpace(pdf, off)
	if !bytes.HasPrefix(pdf[p:], head) {
		return nil, fmt.Errorf("%w：对象 %d 的位置不对", ErrPDFStructure, n)
	}
	p = skipSpace(pdf, p+len(head))
	end, err := dictEnd(pdf, p)
	if err != nil {
		return nil, err
	}
	return append([]byte(nil), pdf[p:end]...), nil
}

func skipSpace(b []byte, p int) int {
	for p < len(b) {
		switch b[p] {
		case ' ', '\t', '\r', '\n', '\f', 0:
			p++
		case '%':
			for p < len(b) && b[p] != '\n' && b[p] != '\r' {
				p++
			}
		default:
			return p
		}
	}
	return p
}

func readInt(b []byte, p int) (int, int, bool) {
	s := p
	for p < len(b) && b[p] >= '0' && b[p] <= '9' {
		p++
	}
	if p == s {
		return 0, p, false
	}
	v, err := strconv.Atoi(string(b[s:p]))
	return v, p, err == nil
}

// dictEnd returns the offset just after the dictionary starting at p
// ("<<"), skipping nested dictionaries, strings and comments.
func dictEnd(b []byte, p int) (int, error) {
	if !bytes.HasPrefix(b[p:], []byte("<<")) {
		return 0, fmt.Errorf("%w：应为字典", ErrPDFStructure)
	}
	depth := 0
	for p < len(b) {
		switch c := b[p]; {
		case c == '<' && p+1 < len(b) && b[p+1] == '<':
			depth++
			p += 2
		case c == '>' && p+1 < len(b) && b[p+1] == '>':
			depth--
			p += 2
			if depth == 0 {
				return p, nil
			}
		case c == '(':
			q, err := stringEnd(b, p)
			if err != nil {
				return 0, err
			}
			p = q
		case c == '<':
			q := bytes.IndexByte(b[p:], '>')
			if q < 0 {
				return 0, fmt.Errorf("%w：十六进制字符串未结束", ErrPDFStructure)
			}
			p += q + 1
		case c == '%':
			for p < len(b) && b[p] != '\n' && b[p] != '\r' {
				p++
			}
		default:
			p++
		}
	}
	return 0, fmt.Errorf("%w：字典未结束", ErrPDFStructure)
}

// stringEnd returns the offset after the literal string starting at p.
func stringEnd(b []byte, p int) (int, error) {
	depth := 0
	for p < len(b) {
		switch b[p] {
		case '\\':
			p++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return p + 1, nil
			}
		}
		p++
	}
	return 0, fmt.Errorf("%w：字符串未结束", ErrPDFStructure)
}

// dictValue returns the value of key at the top level of dict (which
// starts with "<<"), as written, trimmed.
func dictValue(dict []byte, key string) ([]byte, bool, error) {
	p := 2
	end := len(dict) - 2
	for p < end {
		p = skipSpace(dict, p)
		if p >= end {
			break
		}
		if dict[p] != '/' {
			return nil, false, fmt.Errorf("%w：字典键无效", ErrPDFStructure)
		}
		k := p + 1
		for k < end && !isDelim(dict[k]) {
			k++
		}
		name := string(dict[p+1 : k])
		v := skipSpace(dict, k)
		ve, err := valueEnd(dict, v, end)
		if err != nil {
			return nil, false, err
		}
		if name == key {
			return bytes.TrimSpace(dict[v:ve]), true, nil
		}
		p = ve
	}
	return nil, false, nil
}

// valueEnd returns the offset after the value starting at p: a
// dictionary, array, string, name, or a run of plain tokens (a number or
// an indirect reference "12 0 R").
func valueEnd(b []byte, p, end int) (int, error) {
	if p >= end {
		return p, nil
	}
	switch c := b[p]; {
	case c == '<' && p+1 < len(b) && b[p+1] == '<':
		return dictEnd(b, p)
	case c == '<':
		q := bytes.IndexByte(b[p:], '>')
		if q < 0 {
			return 0, fmt.Errorf("%w：十六进制字符串未结束", ErrPDFStructure)
		}
		return p + q + 1, nil
	case c == '(':
		return stringEnd(b, p)
	case c == '[':
		depth := 0
		for q := p; q < end; q++ {
			switch b[q] {
			case '[':
				depth++
			case ']':
				depth--
				if depth == 0 {
					return q + 1, nil
				}
			case '(':
				r, err := stringEnd(b, q)
				if err != nil {
					return 0, err
				}
				q = r - 1
			}
		}
		return 0, fmt.Errorf("%w：数组未结束", ErrPDFStructure)
	case c == '/':
		q := p + 1
		for q < end && !isDelim(b[q]) {
			q++
		}
		return q, nil
	}
	// Tokens up to the next key or delimiter.
	q := p
	for q < end && b[q] != '/' && b[q] != '<' && b[q] != '[' && b[q] != '(' && !(b[q] == '>' && q+1 < len(b) && b[q+1] == '>') {
		q++
	}
	return q, nil
}

func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0, '/', '<', '>', '[', ']', '(', ')', '%', '{', '}':
		return true
	}
	return false
}

func isRef(v []byte) bool {
	f := bytes.Fields(v)
	return len(f) == 3 && string(f[2]) == "R"
}

// dictInsert adds an entry before the closing ">>" of dict.
func dictInsert(dict []byte, entry []byte) []byte {
	out := make([]byte, 0, len(dict)+len(entry)+2)
	out = append(out, dict[:len(dict)-2]...)
	out = append(out, '\n')
	out = append(out, entry...)
	out = append(out, ">>"...)
	return out
}
