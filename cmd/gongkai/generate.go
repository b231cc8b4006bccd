package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gongkai"
	"gongkai/budget"
	"gongkai/check"
	"gongkai/generate"
)

func init() {
	commands = append(commands, command{"generate", "由预算或决算数据生成全部公开表格和说明", runGenerate})
}

// outputFormat writes a generated report in one format.
type outputFormat struct {
	ext   string
	write func(w io.Writer, r *gongkai.Report) error
}

// outputFormats are the formats generate writes. The renderers of the
// render package (html, pdf, xlsx, csv) are added here as they land; until
// then those names give a clear error.
var outputFormats = map[string]outputFormat{
	"json": {".json", writeReportJSON},
	"text": {".txt", writeReportText},
}

var pendingFormats = []string{"html", "pdf", "xlsx", "csv"}

func writeReportJSON(w io.Writer, r *gongkai.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

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
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", ".", "输出目录")
	format := fs.String("format", "json", "输出格式（可用逗号分隔多个）：json、text；html、pdf、xlsx、csv 即将支持")
	noCheck := fs.Bool("no-check", false, "生成后不再检查")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "用法：gongkai generate [参数] 数据文件（.xlsx、.yaml 或 .json）")
		fmt.Fprintln(fs.Output(), "由部门预算或决算数据生成全部公开表格和情况说明，并用 gongkai check 的全部规则检查。")
		fmt.Fprintln(fs.Output(), "退出码：0 成功；1 生成的公开有错误（不应发生）；2 数据有错误（全部列出，指明工作表和单元格）或无法读写文件。")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return &exitError{code: exitBadInput}
	}
	if len(files) != 1 {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("请指定一个数据文件")}
	}
	var formats []outputFormat
	for _, f := range strings.Split(*format, ",") {
		f = strings.TrimSpace(f)
		of, ok := outputFormats[f]
		if !ok {
			for _, p := range pendingFormats {
				if p == f {
					return &exitError{code: exitBadInput, err: fmt.Errorf("输出格式 %s 尚不支持（由 render 包提供，完成后即可使用）；现在可用 json 或 text", f)}
				}
			}
			return &exitError{code: exitBadInput, err: fmt.Errorf("未知的输出格式 %q（可用 json、text）", f)}
		}
		formats = append(formats, of)
	}
	d, err := readData(files[0])
	if err != nil {
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
	base := fmt.Sprintf("%s%d年部门%s公开", d.Department.Name, d.Year, d.Kind.Chinese())
	for _, of := range formats {
		var b bytes.Buffer
		if err := of.write(&b, r); err != nil {
			return err
		}
		p := filepath.Join(*out, base+of.ext)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return &exitError{code: exitBadInput, err: fmt.Errorf("无法写入 %s：%w", p, err)}
		}
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

// parseInterspersed parses flags given before or after the file names
// ("gongkai generate form.xlsx -o out/") and returns the file names.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
