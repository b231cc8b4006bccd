package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/signintech/gopdf"
)

// Fonts of the native PDF writer. Debian ships its TrueType Chinese fonts
// as collections (.ttc), which gopdf cannot read, so the writer takes one
// face out of the collection (ttcFace) and hands gopdf a plain TrueType
// file. The faces are those the HTML page names: AR PL UMing (宋/明体-like)
// for the text, WenQuanYi Micro Hei (黑体-like) for titles and headings.
// Both have Latin letters and digits; a character one of them lacks (AR PL
// UMing lacks some 2,200 of the CJK Unified Ideographs) is printed in the
// other. They are parsed once per process.

// Font files: Debian's fonts-arphic-uming and fonts-wqy-microhei.
const (
	SongFontFile = "/usr/share/fonts/truetype/arphic/uming.ttc"
	HeiFontFile  = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
)

// ErrNoPDFFont is returned when a font the PDF writer needs is missing.
var ErrNoPDFFont = errors.New("未找到 PDF 所需的中文字体，请安装：apt-get install fonts-arphic-uming fonts-wqy-microhei")

const (
	fontSong = "song"
	fontHei  = "hei"
)

// glyphMissing records the characters a font was asked for and lacks
// (fontRune keys), as gopdf reports them.
var glyphMissing sync.Map

type fontRune struct {
	font string
	r    rune
}

var (
	pdfFontsOnce sync.Once
	pdfFonts     *gopdf.FontContainer
	pdfFontsErr  error
)

// loadPDFFonts parses the two faces once.
func loadPDFFonts() (*gopdf.FontContainer, error) {
	pdfFontsOnce.Do(func() {
		fc := &gopdf.FontContainer{}
		for _, f := range []struct{ family, path string }{{fontSong, SongFontFile}, {fontHei, HeiFontFile}} {
			data, err := os.ReadFile(f.path)
			if err != nil {
				pdfFontsErr = fmt.Errorf("%w（%v）", ErrNoPDFFont, err)
				return
			}
			ttf, err := ttcFace(data, 0)
			if err != nil {
				pdfFontsErr = fmt.Errorf("render: 字体 %s：%w", f.path, err)
				return
			}
			family := f.family
			opt := gopdf.TtfOption{
				Style:                     gopdf.Regular,
				OnGlyphNotFound:           func(r rune) { glyphMissing.Store(fontRune{family, r}, true) },
				OnGlyphNotFoundSubstitute: gopdf.DefaultOnGlyphNotFoundSubstitute,
			}
			if err := fc.AddTTFFontDataWithOption(f.family, ttf, opt); err != nil {
				pdfFontsErr = fmt.Errorf("render: 字体 %s：%w", f.path, err)
				return
			}
		}
		pdfFonts = fc
	})
	return pdfFonts, pdfFontsErr
}

// ttcFace returns face n of a TrueType collection as a stand-alone
// TrueType file: its table directory and the tables it points to, copied
// and 4-byte aligned, with offsets from the start of the new file. A plain
// TrueType file (not a collection) is returned as it is.
func ttcFace(data []byte, n int) ([]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("字体文件过短")
	}
	if string(data[:4]) != "ttcf" {
		return data, nil
	}
	count := int(binary.BigEndian.Uint32(data[8:12]))
	if n >= count || 12+4*(n+1) > len(data) {
		return nil, fmt.Errorf("字体集合只有 %d 个字体", count)
	}
	off := int(binary.BigEndian.Uint32(data[12+4*n:]))
	if off+12 > len(data) {
		return nil, errors.New("字体集合已损坏")
	}
	numTables := int(binary.BigEndian.Uint16(data[off+4:]))
	dir := off + 12
	if dir+16*numTables > len(data) {
		return nil, errors.New("字体集合已损坏")
	}
	size := 12 + 16*numTables
	for i := 0; i < numTables; i++ {
		e := data[dir+16*i:]
		size += (int(binary.BigEndian.Uint32(e[12:])) + 3) &^ 3
	}
	out := make([]byte, 12+16*numTables, size)
	copy(out, data[off:off+12])
	for i := 0; i < numTables; i++ {
		e := data[dir+16*i : dir+16*i+16]
		start := int(binary.BigEndian.Uint32(e[8:]))
		length := int(binary.BigEndian.Uint32(e[12:]))
		if start < 0 || length < 0 || start+length > len(data) {
			return nil, errors.New("字体集合已损坏")
		}
		ne := out[12+16*i : 12+16*i+16]
		copy(ne, e)
		binary.BigEndian.PutUint32(ne[8:], uint32(len(out)))
		out = append(out, data[start:start+length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
