package textdoc

import (
	"bytes"
	"errors"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai"
)

const sample = "赤壁市医疗保障局2023年部门预算\n\n预算05表\n一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t199.88\n"

func TestDecodeEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(sample)
	if err != nil {
		t.Fatal(err)
	}
	u16 := []byte{0xFF, 0xFE}
	for _, r := range utf16.Encode([]rune(sample)) {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	for name, data := range map[string][]byte{
		"utf8":     []byte(sample),
		"utf8-bom": append([]byte{0xEF, 0xBB, 0xBF}, sample...),
		"gbk":      []byte(gbk),
		"utf16le":  u16,
	} {
		got, err := Decode(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got != sample {
			t.Errorf("%s: decoded text differs: %q", name, got[:40])
		}
	}
}

func TestBadInput(t *testing.T) {
	random := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(random)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, gongkai.ErrEmpty},
		{"blank", []byte("  \n\t\n"), gongkai.ErrEmpty},
		{"random", random, gongkai.ErrBinary},
		{"nul", []byte("abc\x00def"), gongkai.ErrBinary},
		{"not-gbk", []byte{0x81, 0x30, 0xFF, 0xFF, 0xFE, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0xff, 0xfe, 0xfd}, gongkai.ErrEncoding},
	}
	for _, tt := range tests {
		_, err := Read(tt.name+".txt", tt.data)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.name+".txt") {
			t.Errorf("%s: error does not name the file: %v", tt.name, err)
		}
	}
	big := bytes.Repeat([]byte("a"), MaxSize+1)
	if _, err := Read("big.txt", big); !errors.Is(err, gongkai.ErrTooLarge) {
		t.Errorf("big: %v", err)
	}
}

func TestSplitLayouts(t *testing.T) {
	text := strings.Join([]string{
		"正文一段。",
		"表二",
		"2024年一般公共预算支出表",
		"单位：万元\t\t",
		"科目编码\t科目名称\t合计",
		"",
		"208\t社会保障和就业支出\t91.33",
		"备注：本表反映当年支出。\t\t",
		"| 编码 | 名称 | 金额 |",
		"|---|---|---|",
		"| 221 | 住房保障支出 | 49.65 |",
		"部门机构设置情况",
		"",
		"\t单位名称",
		"\t单位性质",
		"",
		"\t某局",
		"\t行政机关",
		"",
		"\t某中心",
		"\t事业",
		"",
		"结束。",
	}, "\n")
	d, err := Read("x.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range d.Blocks {
		if b.Grid != nil {
			kinds = append(kinds, "grid"+string(rune('0'+len(b.Grid.Rows))))
		} else {
			kinds = append(kinds, "text")
		}
	}
	want := "text text text text grid2 text grid2 text grid3 text"
	if strings.Join(kinds, " ") != want {
		t.Fatalf("blocks = %v\nwant    %s", kinds, want)
	}
	g := d.Blocks[4].Grid
	if g.Rows[1].Loc.Line != 7 || g.Rows[1].Cells[2].Text != "91.33" {
		t.Errorf("tab grid row = %+v", g.Rows[1])
	}
	v := d.Blocks[8].Grid
	if v.Rows[2].Cells[0].Text != "某中心" || v.Rows[2].Loc.Line != 20 {
		t.Errorf("vertical grid row = %+v", v.Rows[2])
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("\t单位名称\n\t性质\n\n\t甲\n\t乙\n"))
	f.Add([]byte("| a | b |\n|--|--|\n| 1 | 2 |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read("f.txt", data)
		if err != nil {
			var ie *gongkai.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an ImportError: %v", err)
			}
			return
		}
		for _, b := range d.Blocks {
			if b.Loc.Line < 1 || b.Loc.Line > len(d.Lines) {
				t.Fatalf("block line %d out of range", b.Loc.Line)
			}
		}
	})
}

// refBinaryAt is binaryAt as first written, byte by byte.
func refBinaryAt(data []byte) int {
	n := len(data)
	if n > 1<<20 {
		n = 1 << 20
	}
	ctl := 0
	for i := 0; i < n; i++ {
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

func TestBinaryAtSkips(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	bytesOf := []byte{0, 1, 2, 7, 0x1f, 0x20, '\n', '\t', 'a', 0x7f, 0x80, 0xe5, 0xff}
	for i := 0; i < 20000; i++ {
		data := make([]byte, rng.Intn(200))
		for k := range data {
			if rng.Intn(4) == 0 {
				data[k] = bytesOf[rng.Intn(len(bytesOf))]
			} else {
				data[k] = byte(0x20 + rng.Intn(0xe0))
			}
		}
		if got, want := binaryAt(data), refBinaryAt(data); got != want {
			t.Fatalf("binaryAt(%q) = %d, want %d", data, got, want)
		}
	}
}
