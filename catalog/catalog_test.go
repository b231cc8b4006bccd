package catalog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai"
	"gongkai/check"
	"gongkai/importer"
)

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadCSVAndXLSX(t *testing.T) {
	csv := "年度,编码,名称\n2024,2101501,行政运行\n2024,2101101,行政单位医疗\n2023,2101101,行政单位医疗（旧）\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(csv)
	for _, p := range []string{write(t, "c.csv", []byte(csv)), write(t, "g.csv", []byte(gbk))} {
		c, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := c.Name(2024, "2101101"); !ok || n != "行政单位医疗" {
			t.Errorf("%s: Name(2024) = %q, %v", p, n, ok)
		}
		if n, ok := c.Name(2025, "2101501"); !ok || n != "行政运行" {
			t.Errorf("%s: a later year falls back to the nearest earlier one: %q, %v", p, n, ok)
		}
		if _, ok := c.Name(2022, "2101501"); ok {
			t.Errorf("%s: no entry before the first year", p)
		}
	}
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"年度", "编码", "名称"})
	f.SetSheetRow("Sheet1", "A2", &[]any{2024, "2080505", "机关事业单位基本养老保险缴费支出"})
	xp := filepath.Join(t.TempDir(), "c.xlsx")
	if err := f.SaveAs(xp); err != nil {
		t.Fatal(err)
	}
	c, err := Load(xp)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := c.Name(2024, "2080505"); n != "机关事业单位基本养老保险缴费支出" {
		t.Errorf("xlsx name = %q", n)
	}
}

func TestLoadErrors(t *testing.T) {
	for name, data := range map[string]string{
		"empty.csv":   "",
		"bad.csv":     "年度,编码,名称\n二〇二四,2101501,行政运行\n",
		"nothing.csv": "年度,编码,名称\n",
	} {
		_, err := Load(write(t, name, []byte(data)))
		var ie *gongkai.ImportError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if _, err := Load("/nonexistent.csv"); err == nil {
		t.Error("missing file: no error")
	}
}

// With a catalogue, a line whose name differs from the official one is reported.
func TestCatalogRule(t *testing.T) {
	c, err := Load(write(t, "c.csv", []byte("2024,2101101,行政单位医疗\n2024,210,卫生健康支出\n2024,21011,行政事业单位医疗\n")))
	if err != nil {
		t.Fatal(err)
	}
	doc := "某局2024年部门预算\n\n一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t5.00\n210\t卫生健康支出\t5.00\n21011\t行政事业单位医疗\t5.00\n2101101\t行政单位医疗费\t5.00\n"
	r, err := importer.Import(context.Background(), "d.txt", []byte(doc), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range check.Run(r, check.Options{Catalog: c}) {
		if f.Rule == "code.name" {
			got = append(got, f.Expected+"|"+f.Found)
		}
	}
	if strings.Join(got, ";") != "行政单位医疗|行政单位医疗费" {
		t.Errorf("catalogue findings %v", got)
	}
}
