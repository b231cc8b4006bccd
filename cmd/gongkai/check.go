package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"gongkai"
	"gongkai/catalog"
	"gongkai/check"
	"gongkai/importer"
	"gongkai/result"
)

func init() {
	commands = append(commands, command{"check", "导入公开文件并检查其中每一个数字", runCheck})
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", stderr,
		"用法：gongkai check [参数] 文件...",
		"读取预算或决算公开文件（文本、HTML、PDF、XLSX、DOCX，UTF-8 或 GBK），检查表格和说明中的数字。",
		"退出码：0 没有错误；1 发现错误；2 有文件无法读取。",
	)
	format := fs.String("format", "text", "输出格式：text 或 json")
	join := fs.Bool("join", false, "把所有文件当作同一份公开（说明和表格分开发布时）")
	catPath := fs.String("catalog", "", "科目目录文件（CSV 或 XLSX：年度,编码,名称），用于核对科目名称")
	kind := fs.String("kind", "", "强制指定类型：budget（预算）或 final（决算）")
	year := fs.Int("year", 0, "强制指定年度")
	quiet := fs.Bool("quiet", false, "不显示提示（尾数误差等）")
	only := fs.String("rules", "", "只运行这些规则（逗号分隔的规则编号或前缀）")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	files := fs.Args()
	if len(files) == 0 {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("没有指定文件")}
	}
	if *format != "text" && *format != "json" {
		return &exitError{code: exitBadInput, err: fmt.Errorf("--format 只能是 text 或 json，而不是 %q", *format)}
	}
	kd, err := parseKind(*kind)
	if err != nil {
		return err
	}
	opt := importer.Options{}
	opt.Kind, opt.Year = kd, *year
	copt := check.Options{}
	if *only != "" {
		copt.Only = strings.Split(*only, ",")
	}
	if *catPath != "" {
		cat, err := catalog.Load(*catPath)
		if err != nil {
			return &exitError{code: exitBadInput, err: err}
		}
		copt.Catalog = cat
	}
	groups := fileGroups(files, *join)
	var results []*result.Result
	status := exitOK
	minSev := gongkai.Info
	if *quiet {
		minSev = gongkai.Warning
	}
	for _, g := range groups {
		r, err := importer.ImportJoined(ctx, g, opt)
		if err != nil {
			fmt.Fprintln(stderr, "gongkai: 无法读取", importer.Describe(err))
			status = exitBadInput
			continue
		}
		findings := check.Run(r, copt)
		res := result.New(r, findings)
		if *quiet {
			res.Findings = result.WithoutInfo(res.Findings)
		}
		if res.Counts.Errors > 0 && status == exitOK {
			status = exitFindings
		}
		if *format == "json" {
			results = append(results, res)
			continue
		}
		result.WriteText(stdout, res, minSev)
	}
	if *format == "json" {
		var v any = results
		if len(groups) == 1 && len(results) == 1 {
			v = results[0]
		}
		if len(results) == 0 {
			v = []any{}
		}
		if err := writeJSON(stdout, v); err != nil {
			return err
		}
	}
	if status != exitOK {
		return &exitError{code: status}
	}
	return nil
}

func init() {
	commands = append(commands, command{"version", "显示版本", func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		fmt.Fprintln(stdout, "gongkai", version)
		return nil
	}})
}
