package xlsxdoc

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sort"
)

// cellMeta is what the pre-scan learns of one cell that holds a value or a
// formula.
type cellMeta struct {
	row, col int32
	style    int32
	typ      byte // 0 (number), 's', 'S' (str), 'i' (inlineStr), 'b', 'e', 'd'
	hasV     bool
	hasF     bool
}

// rng is a merged range, 1-based and inclusive.
type rng struct{ r1, c1, r2, c2 int }

// sheetScan is the result of the pre-scan of one worksheet.
type sheetScan struct {
	cells  []cellMeta // sorted by row, then column
	merges []rng
	maxRow int // last row holding a value or formula
	maxCol int
	rows   int // rows holding a value or formula
}

// scanLimits are the limits the pre-scan enforces.
type scanLimits struct {
	rows  int // largest row number holding a value
	cells int // cells holding a value, over the workbook
}

// errRows and errCells are returned (wrapped by the caller) when a limit
// is crossed; row is the offending row.
type limitError struct {
	row   int
	cells bool
}

func (e *limitError) Error() string { return "limit" }

var errTagTooLong = errors.New("标记过长")

const maxTag = 1 << 20

// scanSheet reads a worksheet part as a byte stream, without building XML
// trees: it is fast (hundreds of MB/s) and uses memory proportional to the
// cells holding values, so limits fail early. cellsSoFar counts value cells
// of the sheets already scanned.
func scanSheet(r io.Reader, lim scanLimits, cellsSoFar int) (*sheetScan, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	s := &sheetScan{}
	var (
		row, col    int  // current row and column
		inCell      bool // inside <c>…</c>
		cur         cellMeta
		lastValRow  int
		buf         []byte
		sorted      = true
		prevR, prev = 0, 0
	)
	finish := func() error {
		inCell = false
		if !cur.hasV && !cur.hasF {
			return nil
		}
		if int(cur.row) > lim.rows {
			return &limitError{row: int(cur.row)}
		}
		if int(cur.row) != lastValRow {
			s.rows++
			lastValRow = int(cur.row)
		}
		if cellsSoFar+len(s.cells)+1 > lim.cells {
			return &limitError{row: int(cur.row), cells: true}
		}
		if int(cur.row) < prevR || (int(cur.row) == prevR && int(cur.col) <= prev) {
			sorted = false
		}
		prevR, prev = int(cur.row), int(cur.col)
		s.cells = append(s.cells, cur)
		s.maxRow = max(s.maxRow, int(cur.row))
		s.maxCol = max(s.maxCol, int(cur.col))
		return nil
	}
	for {
		// Skip text up to the next tag.
		if _, err := br.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				break
			}
			return nil, err
		}
		// Read the tag up to '>'.
		buf = buf[:0]
		for {
			chunk, err := br.ReadSlice('>')
			buf = append(buf, chunk...)
			if err == nil {
				break
			}
			if err == bufio.ErrBufferFull && len(buf) < maxTag {
				continue
			}
			if err == io.EOF {
				return nil, io.ErrUnexpectedEOF
			}
			if err == bufio.ErrBufferFull {
				return nil, errTagTooLong
			}
			return nil, err
		}
		tag := buf[:len(buf)-1] // without '>'
		if len(tag) == 0 {
			continue
		}
		switch tag[0] {
		case '?':
			continue
		case '!':
			if bytes.HasPrefix(tag, []byte("!--")) && !bytes.HasSuffix(tag, []byte("--")) {
				if err := skipPast(br, []byte("-->")); err != nil {
					return nil, err
				}
			} else if bytes.HasPrefix(tag, []byte("![CDATA[")) && !bytes.HasSuffix(tag, []byte("]]")) {
				if err := skipPast(br, []byte("]]>")); err != nil {
					return nil, err
				}
			}
			continue
		}
		end := tag[0] == '/'
		if end {
			tag = tag[1:]
		}
		selfClosing := len(tag) > 0 && tag[len(tag)-1] == '/'
		if selfClosing {
			tag = tag[:len(tag)-1]
		}
		name, attrs := splitTag(tag)
		if end {
			if string(name) == "c" && inCell {
				if err := finish(); err != nil {
					return nil, err
				}
			}
			continue
		}
		switch string(name) {
		case "row":
			if v := attr(attrs, "r"); v != nil {
				if n, ok := atoi(v); ok {
					row = n
				} else {
					row++
				}
			} else {
				row++
			}
			col = 0
		case "c":
			if inCell {
				if err := finish(); err != nil {
					return nil, err
				}
			}
			cur = cellMeta{}
			if v := attr(attrs, "r"); v != nil {
				if c, r, ok := cellRef(v); ok {
					col, row = c, r
				} else {
					col++
				}
			} else {
				col++
			}
			if row <= 0 {
				row = 1
			}
			cur.row, cur.col = int32(row), int32(col)
			if v := attr(attrs, "s"); v != nil {
				if n, ok := atoi(v); ok {
					cur.style = int32(min(n, 1<<30))
				}
			}
			switch string(attr(attrs, "t")) {
			case "s":
				cur.typ = 's'
			case "str":
				cur.typ = 'S'
			case "inlineStr":
				cur.typ = 'i'
			case "b":
				cur.typ = 'b'
			case "e":
				cur.typ = 'e'
			case "d":
				cur.typ = 'd'
			}
			inCell = !selfClosing
		case "v", "is":
			if inCell && !selfClosing {
				cur.hasV = true
			}
		case "f":
			if inCell {
				cur.hasF = true
			}
		case "mergeCell":
			if v := attr(attrs, "ref"); v != nil {
				if m, ok := rangeRef(v); ok {
					s.merges = append(s.merges, m)
				}
			}
		}
	}
	if inCell {
		if err := finish(); err != nil {
			return nil, err
		}
	}
	if !sorted {
		sort.SliceStable(s.cells, func(i, j int) bool {
			a, b := s.cells[i], s.cells[j]
			if a.row != b.row {
				return a.row < b.row
			}
			return a.col < b.col
		})
	}
	return s, nil
}

// lookup returns the metadata of the cell at (row, col).
func (s *sheetScan) lookup(row, col int) (cellMeta, bool) {
	i := sort.Search(len(s.cells), func(i int) bool {
		c := s.cells[i]
		return int(c.row) > row || (int(c.row) == row && int(c.col) >= col)
	})
	if i < len(s.cells) && int(s.cells[i].row) == row && int(s.cells[i].col) == col {
		return s.cells[i], true
	}
	return cellMeta{}, false
}

func skipPast(br *bufio.Reader, marker []byte) error {
	last := marker[len(marker)-1]
	var tail []byte
	for {
		chunk, err := br.ReadSlice(last)
		if err != nil && err != bufio.ErrBufferFull {
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		tail = append(tail, chunk...)
		if len(tail) > len(marker) {
			tail = tail[len(tail)-len(marker):]
		}
		if err == nil && bytes.HasSuffix(tail, marker) {
			return nil
		}
	}
}

// splitTag splits "x:c r=\"A1\" t=\"s\"" into the local name and the
// attribute text.
func splitTag(tag []byte) (name, attrs []byte) {
	i := 0
	for i < len(tag) && !isSpace(tag[i]) {
		i++
	}
	name, attrs = tag[:i], tag[i:]
	if j := bytes.IndexByte(name, ':'); j >= 0 {
		name = name[j+1:]
	}
	return name, attrs
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr finds attribute key (local name, any prefix) in attribute text.
func attr(attrs []byte, key string) []byte {
	for len(attrs) > 0 {
		i := 0
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		attrs = attrs[i:]
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return nil
		}
		k := bytes.TrimSpace(attrs[:eq])
		if j := bytes.IndexByte(k, ':'); j >= 0 {
			k = k[j+1:]
		}
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return nil
		}
		v := rest[1 : 1+end]
		if string(k) == key {
			return v
		}
		attrs = rest[2+end:]
	}
	return nil
}

func atoi(b []byte) (int, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cellRef parses "C12" (or "$C$12") into column 3, row 12.
func cellRef(b []byte) (col, row int, ok bool) {
	i := 0
	if i < len(b) && b[i] == '$' {
		i++
	}
	start := i
	for i < len(b) && i-start < 4 {
		c := b[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == start || col > maxColumns {
		return 0, 0, false
	}
	if i < len(b) && b[i] == '$' {
		i++
	}
	row, ok = atoi(b[i:])
	if !ok || row < 1 {
		return 0, 0, false
	}
	return col, row, true
}

func rangeRef(b []byte) (rng, bool) {
	i := bytes.IndexByte(b, ':')
	if i < 0 {
		return rng{}, false
	}
	c1, r1, ok1 := cellRef(bytes.TrimSpace(b[:i]))
	c2, r2, ok2 := cellRef(bytes.TrimSpace(b[i+1:]))
	if !ok1 || !ok2 {
		return rng{}, false
	}
	if r2 < r1 {
		r1, r2 = r2, r1
	}
	if c2 < c1 {
		c1, c2 = c2, c1
	}
	return rng{r1, c1, r2, c2}, true
}

// maxColumns is the widest sheet Excel allows (XFD).
const maxColumns = 16384
