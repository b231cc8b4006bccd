// Package catalog loads a classification catalogue (政府收支分类科目) that a
// user supplies as CSV or XLSX with the columns year, code, name. No
// official machine-readable catalogue exists, so gongkai ships none.
package catalog

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongkai"
	"gongkai/textdoc"
)

// Catalog maps year and code to the official name.
type Catalog struct {
	names map[int]map[string]string
}

// Name returns the name of code for year (or, when the catalogue has no
// entry for that year, for the nearest earlier year it has).
func (c *Catalog) Name(year int, code string) (string, bool) {
	if m, ok := c.names[year]; ok {
		n, ok := m[code]
		return n, ok
	}
	best := -1
	for y := range c.names {
		if y <= year && y > best {
			best = y
		}
	}
	if best < 0 {
		return "", false
	}
	n, ok := c.names[best][code]
	return n, ok
}

// Len returns the number of entries.
func (c *Catalog) Len() int {
	n := 0
	for _, m := range c.names {
		n += len(m)
	}
	return n
}

// Load reads a catalogue file (CSV in UTF-8 or GBK, or XLSX).
func Load(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, gongkai.ImportErrorf(path, err, "无法读取科目目录")
	}
	var rows [][]string
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, gongkai.ImportErrorf(path, gongkai.ErrCorrupt, "科目目录不是有效的 XLSX")
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, gongkai.ImportErrorf(path, gongkai.ErrEmpty, "科目目录没有工作表")
		}
		rows, err = f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, gongkai.ImportErrorf(path, gongkai.ErrCorrupt, "%v", err)
		}
	} else {
		text, err := textdoc.Decode(path, data)
		if err != nil {
			return nil, err
		}
		r := csv.NewReader(strings.NewReader(text))
		r.FieldsPerRecord = -1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, gongkai.ImportErrorf(path, gongkai.ErrCorrupt, "CSV 格式错误：%v", err)
			}
			rows = append(rows, rec)
		}
	}
	c := &Catalog{names: map[int]map[string]string{}}
	for i, rec := range rows {
		if len(rec) < 3 {
			continue
		}
		y, err := strconv.Atoi(strings.TrimSpace(rec[0]))
		code := strings.TrimSpace(rec[1])
		if err != nil {
			if i == 0 {
				continue // header
			}
			return nil, &gongkai.ImportError{File: path, Loc: gongkai.Loc{Line: i + 1}, Err: gongkai.ErrCorrupt, Detail: fmt.Sprintf("年度“%s”不是数字", rec[0])}
		}
		if c.names[y] == nil {
			c.names[y] = map[string]string{}
		}
		c.names[y][code] = strings.TrimSpace(rec[2])
	}
	if c.Len() == 0 {
		return nil, gongkai.ImportErrorf(path, gongkai.ErrEmpty, "科目目录没有条目（需要 年度,编码,名称 三列）")
	}
	return c, nil
}
