package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/generate"
)

// defaultRenderer returns the renderer built into this program, or nil
// while package render is not part of it.
func defaultRenderer() Renderer { return nil }

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
