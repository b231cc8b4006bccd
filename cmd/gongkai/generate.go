package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/check"
	"gongkai/generate"
	"gongkai/importer"
	"gongkai/render"
)

func init() {
	commands = append(commands, command{"generate", "由预算或决算数据生成全部公开表格和说明", runGenerate})
}

// generateFormats are the formats generate writes: the text layout the
// generator keeps as the report's source, and every format of package
// render.
var generateFormats = append([]string{"text"}, render.Formats...)

// writeReportText writes the plain-text layout the generator keeps as the
// report's source (tables with tab-separated cells).
func writeReportText(w io.Writer, r *gongkai.Report) error {
	for _, s := range r.Sources {
		for _, l := range s.Lines {
			if _, err := io.WriteString(w, l+"\n"); err != nil {
				return err
			}
		}
	}
	return nil
}

// readData reads budget data, recognising XLSX, JSON and YAML by content.
func readData(path string) (*budget.Data, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	switch t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"); {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return budget.ReadXLSX(name, data)
	case bytes.HasPrefix(t, []byte("{")):
		return budget.ReadJSON(name, data)
	default:
		return budget.ReadYAML(name, data)
	}
}

func runGenerate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("generate", stderr,
		"用法：gongkai generate [参数] 数据文件（.xlsx、.yaml 或 .json）",
		"      gongkai generate --from [参数] 公开文件...",
		"由部门预算或决算数据生成全部公开表格和情况说明，并用 gongkai check 的全部规则检查。",
		"使用 --from 时，读入已发布的预算或决算公开（PDF、HTML、XLSX、DOCX 或文本；说明和表格分开发布时把几个文件一并列出），",
		"由其表格还原预算数据后重新生成：功能分类的项、经济分类的款和“三公”经费各项取原文数字，各级合计重新加总，",
		"原文合计与明细之和不符之处以明细为准。没有按功能分类列出支出的表格（只有说明）的公开无法还原。",
		"退出码：0 成功；1 生成的公开有错误（不应发生）；2 数据有错误（全部列出，指明工作表和单元格）、公开无法还原或无法读写文件。",
	)
	out := fs.String("o", ".", "输出目录")
	format := fs.String("format", strings.Join(render.Formats, ","), "输出格式（逗号分隔）：html、pdf、xlsx、csv（含 datapackage.json 和 JSON）、json、text（制表符分隔的文本）")
	noCheck := fs.Bool("no-check", false, "生成后不再检查")
	from := fs.Bool("from", false, "输入是已发布的公开文件：由其表格还原预算数据后重新生成")
	dataOut := fs.String("data", "", "与 --from 同用：把还原的预算数据另存为数据表格（.xlsx），可修改后再生成")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(files) == 0 || len(files) > 1 && !*from {
		fs.Usage()
		if *from {
			return &exitError{code: exitBadInput, err: errors.New("请指定公开文件")}
		}
		return &exitError{code: exitBadInput, err: errors.New("请指定一个数据文件")}
	}
	if *dataOut != "" && !*from {
		return &exitError{code: exitBadInput, err: errors.New("--data 只能与 --from 同用")}
	}
	var formats []string
	text := false
	for _, f := range strings.Split(*format, ",") {
		switch f = strings.ToLower(strings.TrimSpace(f)); {
		case f == "":
		case f == "text":
			text = true
		case slices.Contains(render.Formats, f):
			formats = append(formats, f)
		default:
			return &exitError{code: exitBadInput, err: fmt.Errorf("未知的输出格式 %q（可用：%s）", f, strings.Join(generateFormats, "、"))}
		}
	}
	if !text && len(formats) == 0 {
		return &exitError{code: exitBadInput, err: errors.New("没有指定输出格式")}
	}
	var d *budget.Data
	if *from {
		d, err = rebuildData(ctx, files, *dataOut, stdout)
	} else {
		d, err = readData(files[0])
	}
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return ee
		}
		var es budget.InputErrors
		if errors.As(err, &es) {
			fmt.Fprintf(stderr, "gongkai: %s 中有 %d 处错误，未生成公开文件：\n", files[0], len(es))
			for _, e := range es {
				fmt.Fprintln(stderr, "  "+e.Error())
			}
			return &exitError{code: exitBadInput}
		}
		return &exitError{code: exitBadInput, err: fmt.Errorf("无法读取 %s：%w", files[0], err)}
	}
	r, err := generate.Report(d)
	if err != nil {
		return &exitError{code: exitBadInput, err: err}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return &exitError{code: exitBadInput, err: fmt.Errorf("无法创建输出目录 %s：%w", *out, err)}
	}
	// Everything is written only after every format has been made: a
	// failure (a font or Chromium missing, disk full) leaves no file of
	// this run.
	var written []string
	if len(formats) > 0 {
		if written, err = render.Write(ctx, r, *out, formats); err != nil {
			return &exitError{code: exitBadInput, err: fmt.Errorf("无法生成公开文件：%w", err)}
		}
	}
	if text {
		var b bytes.Buffer
		if err := writeReportText(&b, r); err != nil {
			return err
		}
		p := filepath.Join(*out, render.FileName(r)+".txt")
		if err := writeFileAtomic(p, b.Bytes()); err != nil {
			for _, w := range written {
				os.Remove(w)
			}
			return &exitError{code: exitBadInput, err: fmt.Errorf("无法写入 %s：%w", p, err)}
		}
		written = append(written, p)
	}
	for _, p := range written {
		fmt.Fprintln(stdout, "已生成", p)
	}
	if *noCheck {
		return nil
	}
	fs2 := check.Run(r, check.Options{})
	c := check.Count(fs2)
	fmt.Fprintf(stdout, "检查：表格%d张，说明中的数字陈述%d处；错误 %d，警告 %d，提示 %d\n", len(r.Tables), len(r.Claims), c.Errors, c.Warnings, c.Infos)
	for _, f := range fs2 {
		fmt.Fprintf(stdout, "  [%s] %s %s\n", f.Rule, f.Loc, f.Message)
	}
	if c.Errors > 0 {
		return &exitError{code: exitFindings}
	}
	return nil
}

// rebuildData imports a published disclosure (several files read as one)
// and rebuilds its budget data with budget.FromReport; with dataOut, it
// also writes the data as the input workbook.
func rebuildData(ctx context.Context, files []string, dataOut string, stdout io.Writer) (*budget.Data, error) {
	r, err := importer.ImportJoined(ctx, files, importer.Options{})
	if err != nil {
		return nil, &exitError{code: exitBadInput, err: errors.New("无法读取 " + importer.Describe(err))}
	}
	d, err := budget.FromReport(r)
	if err != nil {
		var es budget.InputErrors
		if errors.As(err, &es) {
			return nil, &exitError{code: exitBadInput, err: fmt.Errorf("无法由 %s 还原预算数据：\n%w", strings.Join(files, "、"), err)}
		}
		return nil, &exitError{code: exitBadInput, err: fmt.Errorf("%s：%w", strings.Join(files, "、"), err)}
	}
	c := check.Count(check.Run(r, check.Options{}))
	fmt.Fprintf(stdout, "已由 %s 还原预算数据：%s %d年%s，支出明细%d行（原公开检查：错误 %d，警告 %d，提示 %d）\n",
		strings.Join(files, "、"), d.Department.Name, d.Year, d.Kind.Chinese(), len(d.Lines), c.Errors, c.Warnings, c.Infos)
	if dataOut != "" {
		var b bytes.Buffer
		if err := budget.WriteXLSX(&b, d); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(dataOut), 0o755); err != nil {
			return nil, &exitError{code: exitBadInput, err: fmt.Errorf("无法创建目录 %s：%w", filepath.Dir(dataOut), err)}
		}
		if err := writeFileAtomic(dataOut, b.Bytes()); err != nil {
			return nil, &exitError{code: exitBadInput, err: fmt.Errorf("无法写入 %s：%w", dataOut, err)}
		}
		fmt.Fprintln(stdout, "已生成", dataOut)
	}
	return d, nil
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// into place, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".gongkai-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
