// Package textdoc reads a disclosure published as plain text (UTF-8, UTF-16
// with a byte-order mark, or GBK/GB18030) into a doc.Document.
//
// Text extracted from PDFs and web pages lays tables out in three ways, all
// recognised here:
//
//	tab-separated rows, one table row per line:
//	    208\t社会保障和就业支出\t9. 18\t9. 18
//	pipe tables (Markdown):
//	    | 208 | 社会保障和就业支出 | 9.18 |
//	one cell per line, each line indented by a tab, rows separated by blank
//	lines (a common result of copying an HTML table):
//	    \t正定县医疗保障局
//	    \t行政机关
//
// Everything else is running text, one block per non-blank line.
package textdoc

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai"
	"gongkai/doc"
)

// MaxSize is the largest text file Read accepts.
const MaxSize = 64 << 20

// Read decodes data and splits it into text blocks and grids.
func Read(name string, data []byte) (*doc.Document, error) {
	text, err := Decode(name, data)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	d := &doc.Document{File: name, Format: "text", Lines: lines}
	d.Blocks = split(lines)
	if len(d.Blocks) == 0 {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty, Detail: "只有空白"}
	}
	return d, nil
}

// Decode turns the bytes of a text file into a string, detecting the encoding.
func Decode(name string, data []byte) (string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", &gongkai.ImportError{File: name, Err: gongkai.ErrEmpty}
	}
	if len(data) > MaxSize {
		return "", gongkai.ImportErrorf(name, gongkai.ErrTooLarge, "文本文件超过 %d MB", MaxSize>>20)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(name, data)
	}
	if off := binaryAt(data); off >= 0 {
		return "", gongkai.ImportErrorf(name, gongkai.ErrBinary, "第 %d 字节起不是文字", off)
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !plausibleChinese(out) {
		return "", gongkai.ImportErrorf(name, gongkai.ErrEncoding, "既不是 UTF-8 也不是 GBK/GB18030")
	}
	return string(out), nil
}

func decodeUTF16(name string, data []byte) (string, error) {
	big := data[0] == 0xFE
	data = data[2:]
	if len(data)%2 != 0 {
		data = data[:len(data)-1]
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if big {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if strings.ContainsRune(s, 0) {
		return "", gongkai.ImportErrorf(name, gongkai.ErrBinary, "UTF-16 文本中含有空字符")
	}
	return s, nil
}

// binaryAt returns the offset of the first byte that cannot occur in text
// (NUL, or a run of control characters), or -1.
func binaryAt(data []byte) int {
	n := len(data)
	if n > 1<<20 {
		n = 1 << 20
	}
	ctl := 0
	for i := 0; i < n; i++ {
		// Skip eight bytes at a time while none is below 0x20.
		for i+8 <= n && !hasByteBelow20(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		if i >= n {
			break
		}
		c := data[i]
		if c == 0 {
			return i
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
			if ctl > 8 && ctl*50 > i+1 {
				return i
			}
		}
	}
	return -1
}

// hasByteBelow20 reports whether a byte of x is below 0x20 (the test for
// bytes below n ≤ 0x80 of "Bit Twiddling Hacks", which is exact).
func hasByteBelow20(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x-ones*0x20)&^x&highs != 0
}

// plausibleChinese reports whether decoded GB18030 text looks like text: few
// replacement characters and mostly CJK, ASCII or punctuation.
func plausibleChinese(b []byte) bool {
	bad, good := 0, 0
	for _, r := range string(b) {
		switch {
		case r == utf8.RuneError:
			bad++
		case r < 0x80, unicode.Is(unicode.Han, r), unicode.IsPunct(r), unicode.IsSpace(r),
			r >= 0xFF00 && r <= 0xFFEF, r >= 0x3000 && r <= 0x303F:
			good++
		default:
			bad++
		}
	}
	return good > 0 && bad*20 < good
}
