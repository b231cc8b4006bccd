package htmldoc

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// metaScanLimit is how much of the file is searched for a <meta> charset
// declaration. HTML5 asks for 1024 bytes, but government pages often put
// long comments, scripts and styles before it.
const metaScanLimit = 64 << 10

// decode turns the raw bytes of a page into UTF-8 text and names the
// encoding it used.
//
// The order is: a byte-order mark; then, if the bytes contain non-ASCII and
// are valid UTF-8, UTF-8 (pages re-saved in UTF-8 often keep an old
// gb2312 declaration, and GBK text is practically never valid UTF-8); then
// the charset a <meta> tag declares (gb2312, gbk and gb18030 are all read as
// GB18030, their superset); with no declaration, GB18030.
func decode(data []byte) (text, name string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), "utf-8"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data), "utf-16le"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data), "utf-16be"
	}
	if !hasNonASCII(data) {
		return string(data), "utf-8"
	}
	if utf8.Valid(data) {
		return string(data), "utf-8"
	}
	label := metaCharset(data)
	if label == "" {
		return decodeWith(simplifiedchinese.GB18030, data), "gb18030"
	}
	if isChinese(label) {
		return decodeWith(simplifiedchinese.GB18030, data), "gb18030"
	}
	e, n := charset.Lookup(label)
	if e == nil || n == "utf-8" || n == "utf-16le" || n == "utf-16be" || n == "replacement" {
		// A declared UTF-8 (or UTF-16, which the HTML standard reads as
		// UTF-8 when there is no BOM) that does not validate: the
		// declaration is wrong; GB18030 is far the likeliest truth here.
		// Keep the UTF-8 reading if it loses less.
		g := decodeWith(simplifiedchinese.GB18030, data)
		u := strings.ToValidUTF8(string(data), "\uFFFD")
		if strings.Count(u, "\uFFFD") < strings.Count(g, "\uFFFD") {
			return u, "utf-8"
		}
		return g, "gb18030"
	}
	return decodeWith(e, data), n
}

func decodeWith(e encoding.Encoding, data []byte) string {
	b, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(b)
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func isChinese(label string) bool {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936",
		"chinese", "csgb2312", "iso-ir-58", "csiso58gb231280", "gb_2312", "gb_2312-80", "euc-cn", "x-euc-cn":
		return true
	}
	return false
}

// metaCharset returns the charset label a <meta charset> or <meta
// http-equiv="Content-Type" content="...; charset=..."> near the start of
// the page declares, or "".
func metaCharset(data []byte) string {
	if len(data) > metaScanLimit {
		data = data[:metaScanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			switch string(tn) {
			case "body":
				return ""
			case "meta":
			default:
				continue
			}
			var cs, content string
			httpEquiv := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquiv = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return cs
			}
			if httpEquiv || content != "" {
				if c := contentCharset(content); c != "" {
					return c
				}
			}
		}
	}
}

// contentCharset extracts charset=... from a Content-Type value.
func contentCharset(content string) string {
	if _, params, err := mime.ParseMediaType(content); err == nil {
		if cs := params["charset"]; cs != "" {
			return cs
		}
	}
	// Be lenient with broken values such as "text/html; charset=gb2312;;".
	i := strings.Index(strings.ToLower(content), "charset")
	if i < 0 {
		return ""
	}
	s := strings.TrimLeft(content[i+len("charset"):], " \t")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.Trim(strings.TrimLeft(s[1:], " \t"), `"'`)
	if j := strings.IndexAny(s, " \t;,\"'"); j >= 0 {
		s = s[:j]
	}
	return s
}
