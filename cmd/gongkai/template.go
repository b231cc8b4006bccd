package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"gongkai"
	"gongkai/budget"
)

func init() {
	commands = append(commands, command{"template", "生成预算或决算数据填报表（XLSX）", runTemplate})
}

func runTemplate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("template", stderr,
		"用法：gongkai template --kind budget|final --year 年度 -o 填报表.xlsx",
		"生成部门预算或决算数据填报表。财务人员在 Excel 中填好后，用 gongkai generate 生成全部公开表格和说明。",
	)
	kind := fs.String("kind", "budget", "类型：budget（预算）或 final（决算）")
	year := fs.Int("year", 0, "年度（必填）")
	out := fs.String("o", "", "输出文件（.xlsx）；- 表示标准输出")
	if _, err := parseInterspersed(fs, args); err != nil {
		return flagError(err)
	}
	k, ok := budget.ParseKind(*kind)
	if !ok {
		return &exitError{code: exitBadInput, err: fmt.Errorf("--kind 只能是 budget 或 final，而不是 %q", *kind)}
	}
	if *year < 1990 || *year > 2100 {
		return &exitError{code: exitBadInput, err: errors.New("请用 --year 指定年度（四位数字）")}
	}
	if *out == "" {
		*out = fmt.Sprintf("%d年部门%s数据填报表.xlsx", *year, gongkai.Kind(k).Chinese())
	}
	var b bytes.Buffer
	if err := budget.WriteTemplate(&b, k, *year); err != nil {
		return err
	}
	if *out == "-" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return &exitError{code: exitBadInput, err: fmt.Errorf("无法写入 %s：%w", *out, err)}
	}
	fmt.Fprintln(stdout, "已生成", *out)
	return nil
}
