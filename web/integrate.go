package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/generate"
	"gongkai/render"
)

// defaultRenderer returns the renderer built into this program: package
// render (HTML, PDF by its native writer or through Chromium, XLSX, CSV,
// JSON).
func defaultRenderer() Renderer { return renderPackage{} }

type renderPackage struct{}

func (renderPackage) Formats() []string { return render.Formats }

// Write writes the formats with render.Write and returns, for each format,
// the file of that format (a CSV comes with a datapackage.json and the
// report's JSON, which are not returned).
func (renderPackage) Write(ctx context.Context, r *gongkai.Report, dir string, formats []string) (map[string]string, error) {
	paths, err := render.Write(ctx, r, dir, formats)
	if err != nil {
		if errors.Is(err, render.ErrNoChromium) || errors.Is(err, render.ErrNoPDFFont) {
			return nil, &Error{Status: http.StatusServiceUnavailable, Code: "missing_tool",
				Message: "无法生成 PDF：" + err.Error(), Err: err}
		}
		return nil, err
	}
	out := map[string]string{}
	for _, f := range formats {
		for _, p := range paths {
			if strings.EqualFold(filepath.Ext(p), "."+f) && filepath.Base(p) != "datapackage.json" {
				out[f] = p
			}
		}
	}
	return out, nil
}

// Close stops the Chromium that printed PDFs, if one was started
// (GONGKAI_PDF_RENDERER=chromium).
func (renderPackage) Close() error { return render.DefaultPrinter().Close() }

// HTML is the disclosure as one self-contained page.
func (renderPackage) HTML(ctx context.Context, r *gongkai.Report) ([]byte, error) {
	return render.HTML(r)
}

// defaultGenerator returns the generator built into this program: a filled
// budget workbook (package budget) made into a disclosure (package generate).
func defaultGenerator() Generator { return budgetGenerator{} }

type budgetGenerator struct{}

// Generate reads a workbook made from the input template and generates its
// disclosure. Problems in the workbook come back as one 422 listing each
// with its sheet and cell.
func (budgetGenerator) Generate(ctx context.Context, name string, data []byte) (*gongkai.Report, error) {
	d, err := budget.ReadXLSX(name, data)
	if err == nil {
		var r *gongkai.Report
		r, err = generate.Report(d)
		if err == nil {
			if r.File == "" {
				r.File = name
			}
			return r, nil
		}
	}
	var es budget.InputErrors
	if errors.As(err, &es) {
		return nil, inputErrors(name, es)
	}
	return nil, err
}

// inputErrors explains a refused workbook: its first problems, each at its cell.
func inputErrors(name string, es budget.InputErrors) *Error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s 中有 %d 处问题，未生成公开文件：", name, len(es))
	for i, e := range es {
		if i == 20 {
			fmt.Fprintf(&b, "……（另有 %d 处）", len(es)-20)
			break
		}
		if i > 0 {
			b.WriteString("；")
		}
		b.WriteString(e.Error())
	}
	return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid_workbook", Message: b.String(), Err: es}
}
