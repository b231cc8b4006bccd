package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gongkai/importer"
	"gongkai/render"
)

func init() {
	commands = append(commands, command{"render", "把公开文件（或生成的报告）写成 HTML、PDF、XLSX、CSV 和 JSON", runRender})
}

func runRender(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("render", stderr,
		"用法：gongkai render [参数] 文件... [-o 目录] [--format html,pdf,xlsx,csv,json]",
		"读取预算或决算公开文件（文本、HTML、PDF、XLSX、DOCX），按识别出的内容重新写成规范格式。",
		"HTML、PDF、XLSX 内嵌带 SHA-256 校验值的报告数据，再次导入时可核对公开文本是否被改动。",
		"PDF 由内置的 PDF 生成器输出（需要字体 fonts-arphic-uming、fonts-wqy-microhei）；设置环境变量 GONGKAI_PDF_RENDERER=chromium 则改用 chromium 打印网页。",
	)
	out := fs.String("o", "out", "输出目录")
	formats := fs.String("format", strings.Join(render.Formats, ","), "输出格式（逗号分隔）：html, pdf, xlsx, csv（含 datapackage.json 和 JSON）, json")
	join := fs.Bool("join", false, "把所有文件当作同一份公开（说明和表格分开发布时）")
	kind := fs.String("kind", "", "强制指定类型：budget（预算）或 final（决算）")
	year := fs.Int("year", 0, "强制指定年度")
	// Flags may follow the files (gongkai render FILE -o out/).
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(files) == 0 {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("没有指定文件")}
	}
	list := strings.Split(*formats, ",")
	for _, f := range list {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(render.Formats, strings.ToLower(f)) {
			return &exitError{code: exitBadInput, err: fmt.Errorf("--format：未知格式 %q（可用：%s）", f, strings.Join(render.Formats, ", "))}
		}
	}
	kd, err := parseKind(*kind)
	if err != nil {
		return err
	}
	opt := importer.Options{}
	opt.Kind, opt.Year = kd, *year
	groups := fileGroups(files, *join)
	defer render.DefaultPrinter().Close()
	status := 0
	for _, g := range groups {
		r, err := importer.ImportJoined(ctx, g, opt)
		if err != nil {
			fmt.Fprintln(stderr, "gongkai: 无法读取", importer.Describe(err))
			status = exitBadInput
			continue
		}
		paths, err := render.Write(ctx, r, *out, list)
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: %s：%v\n", strings.Join(g, " + "), err)
			status = exitBadInput
			continue
		}
		for _, p := range paths {
			fmt.Fprintln(stdout, p)
		}
	}
	if status != 0 {
		return &exitError{code: status}
	}
	return nil
}
