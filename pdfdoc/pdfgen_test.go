package pdfdoc

import (
	"bytes"
	"crypto/md5"
	"crypto/rc4"
	"encoding/binary"
	"fmt"
	"strings"
)

// This file writes small PDFs for tests: pages of ASCII text in Helvetica,
// pages with only an image (a "scan"), rotated pages, and pages encrypted
// with the standard security handler (RC4, 40-bit, revision 2), so no
// tool beyond pdftotext is needed to test the reader.

// genText is a string drawn at (X, Y) from the bottom-left of the page; on
// a page rotated by 90, at (X, Y) of the page as displayed, Y measured down
// from its top, the text set sideways so that it reads across the
// displayed page (as a landscape table on a portrait sheet is).
type genText struct {
	X, Y, Size float64
	S          string
}

// genPage is one page to write.
type genPage struct {
	W, H   float64
	Rotate int
	Texts  []genText
	Image  bool // draw an 8×8 grey image over the page
}

// genPDF writes the pages as a PDF; a non-empty userPassword encrypts it.
func genPDF(pages []genPage, userPassword string) []byte {
	var enc *rc4Encrypter
	if userPassword != "" {
		enc = newRC4Encrypter(userPassword, "owner-secret")
	}
	return genPDFWith(pages, enc)
}

// genPDFWith writes the pages as a PDF, encrypted when enc is not nil.
func genPDFWith(pages []genPage, enc *rc4Encrypter) []byte {
	g := &pdfWriter{}
	n := len(pages)
	// Object numbers: 1 catalog, 2 pages, 3 font, then 3 per page
	// (page, content, image), then the encryption dictionary.
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+3*i)
	}
	g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	g.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	g.obj(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i, p := range pages {
		pageNum, contentNum, imgNum := 4+3*i, 5+3*i, 6+3*i
		res := "/Font << /F1 3 0 R >>"
		if p.Image {
			res += fmt.Sprintf(" /XObject << /Im1 %d 0 R >>", imgNum)
		}
		rot := ""
		if p.Rotate != 0 {
			rot = fmt.Sprintf(" /Rotate %d", p.Rotate)
		}
		g.obj(pageNum, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g]%s /Resources << %s >> /Contents %d 0 R >>",
			p.W, p.H, rot, res, contentNum))
		g.stream(contentNum, "", contentOf(p), enc)
		img := bytes.Repeat([]byte{0x80}, 64)
		g.stream(imgNum, "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8", img, enc)
	}
	trailer := fmt.Sprintf("/Size %d /Root 1 0 R", 4+3*n)
	if enc != nil {
		encNum := 4 + 3*n
		g.obj(encNum, enc.dict())
		trailer = fmt.Sprintf("/Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<%x> <%x>]", encNum+1, encNum, enc.id, enc.id)
	}
	return g.finish(trailer)
}

func contentOf(p genPage) []byte {
	var b bytes.Buffer
	if p.Image {
		fmt.Fprintf(&b, "q %g 0 0 %g 0 0 cm /Im1 Do Q\n", p.W, p.H)
	}
	for _, t := range p.Texts {
		s := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(t.S)
		if p.Rotate == 90 {
			fmt.Fprintf(&b, "BT /F1 %g Tf 0 1 -1 0 %g %g Tm (%s) Tj ET\n", t.Size, t.Y, t.X, s)
			continue
		}
		fmt.Fprintf(&b, "BT /F1 %g Tf %g %g Td (%s) Tj ET\n", t.Size, t.X, t.Y, s)
	}
	return b.Bytes()
}

// pdfWriter collects objects and writes the cross-reference table.
type pdfWriter struct {
	buf     bytes.Buffer
	offsets map[int]int
}

func (g *pdfWriter) begin() {
	if g.offsets == nil {
		g.offsets = map[int]int{}
		g.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	}
}

func (g *pdfWriter) obj(num int, body string) {
	g.begin()
	g.offsets[num] = g.buf.Len()
	fmt.Fprintf(&g.buf, "%d 0 obj\n%s\nendobj\n", num, body)
}

func (g *pdfWriter) stream(num int, dict string, data []byte, enc *rc4Encrypter) {
	g.begin()
	if enc != nil {
		data = enc.encrypt(num, data)
	}
	g.offsets[num] = g.buf.Len()
	fmt.Fprintf(&g.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", num, dict, len(data))
	g.buf.Write(data)
	g.buf.WriteString("\nendstream\nendobj\n")
}

func (g *pdfWriter) finish(trailer string) []byte {
	max := 0
	for n := range g.offsets {
		max = maxInt(max, n)
	}
	xref := g.buf.Len()
	fmt.Fprintf(&g.buf, "xref\n0 %d\n0000000000 65535 f \n", max+1)
	for n := 1; n <= max; n++ {
		if off, ok := g.offsets[n]; ok {
			fmt.Fprintf(&g.buf, "%010d 00000 n \n", off)
		} else {
			g.buf.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&g.buf, "trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return g.buf.Bytes()
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// rc4Encrypter implements the PDF standard security handler, revision 2
// (40-bit RC4), enough to make pdftotext ask for a password.
type rc4Encrypter struct {
	key  []byte
	o, u []byte
	id   []byte
	p    int32
}

var pdfPadding = []byte{0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56,
	0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C,
	0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A}

func padPassword(pw string) []byte {
	return append([]byte(pw), pdfPadding...)[:32]
}

func rc4Of(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		panic(err)
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

func newRC4Encrypter(user, owner string) *rc4Encrypter {
	e := &rc4Encrypter{p: -44, id: []byte("gongkai-test-id!")}
	ok := md5.Sum(padPassword(owner))
	e.o = rc4Of(ok[:5], padPassword(user))
	h := md5.New()
	h.Write(padPassword(user))
	h.Write(e.o)
	binary.Write(h, binary.LittleEndian, e.p)
	h.Write(e.id)
	e.key = h.Sum(nil)[:5]
	e.u = rc4Of(e.key, pdfPadding)
	return e
}

func (e *rc4Encrypter) dict() string {
	return fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /O <%x> /U <%x> /P %d >>", e.o, e.u, e.p)
}

func (e *rc4Encrypter) encrypt(num int, data []byte) []byte {
	k := append([]byte(nil), e.key...)
	k = append(k, byte(num), byte(num>>8), byte(num>>16), 0, 0)
	sum := md5.Sum(k)
	return rc4Of(sum[:10], data)
}
