package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"gongkai"
	"gongkai/doc"
	"gongkai/importer"
)

func init() {
	commands = append(commands, command{"show", "显示从文件中识别出的表格、数据行和说明中的数字陈述", runShow})
}

func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("show", stderr,
		"用法：gongkai show [参数] 文件...",
		"显示 gongkai 从文件中识别出的内容，用于核对识别结果。",
	)
	rows := fs.Bool("rows", false, "列出每张表的数据行")
	claims := fs.Bool("claims", false, "列出说明中的数字陈述")
	join := fs.Bool("join", false, "把所有文件当作同一份公开")
	blocks := fs.Bool("blocks", false, "只列出读取到的文字块和表格网格（识别之前）")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("没有指定文件")}
	}
	groups := fileGroups(fs.Args(), *join)
	if *blocks {
		for _, f := range fs.Args() {
			data, err := importer.ReadFile(f)
			if err != nil {
				return &exitError{code: exitBadInput, err: errors.New(importer.Describe(err))}
			}
			d, err := importer.Read(ctx, f, data)
			if err != nil {
				return &exitError{code: exitBadInput, err: errors.New(importer.Describe(err))}
			}
			showBlocks(stdout, d)
		}
		return nil
	}
	for _, g := range groups {
		r, err := importer.ImportJoined(ctx, g, importer.Options{})
		if err != nil {
			return &exitError{code: exitBadInput, err: errors.New(importer.Describe(err))}
		}
		showReport(stdout, r, *rows, *claims)
	}
	return nil
}

func showBlocks(w io.Writer, d *doc.Document) {
	fmt.Fprintf(w, "== %s (%s) ==\n", d.File, d.Format)
	for _, b := range d.Blocks {
		if b.Grid == nil {
			fmt.Fprintf(w, "%s  文字  %s\n", b.Loc, b.Text)
			continue
		}
		fmt.Fprintf(w, "%s  表格  %d行 %q\n", b.Loc, len(b.Grid.Rows), b.Grid.Title)
		for _, r := range b.Grid.Rows {
			var cs []string
			for _, c := range r.Cells {
				t := c.Text
				if c.Covered {
					t = "←"
				}
				cs = append(cs, t)
			}
			fmt.Fprintf(w, "      | %s\n", strings.Join(cs, " | "))
		}
	}
}

func showReport(w io.Writer, r *gongkai.Report, rows, claims bool) {
	fmt.Fprintf(w, "== %s ==\n%s  %d年  %s  金额单位：%s  其他单位：%v\n", r.File, r.Department, r.Year, r.Kind.Chinese(), r.Unit, r.Units)
	for _, t := range r.Tables {
		fmt.Fprintf(w, "\n[%s] %s %s  单位：%s  %s  %d行\n", t.Kind, t.Number, t.Title, t.Unit, t.Loc, len(t.Rows))
		var cols []string
		for _, c := range t.Columns {
			s := string(c.Role)
			if c.Side != "" {
				s = string(c.Side) + ":" + s
			}
			cols = append(cols, s+"〔"+strings.ReplaceAll(c.Label, "\n", "")+"〕")
		}
		fmt.Fprintf(w, "  列：%s\n", strings.Join(cols, " | "))
		if t.Note != "" {
			fmt.Fprintf(w, "  注：%s\n", t.Note)
		}
		if !rows {
			continue
		}
		for _, row := range t.Rows {
			var vs []string
			for _, c := range row.Cells {
				v := c.Text
				switch {
				case c.Money != nil:
					v = c.Money.String()
				case c.Fixed != nil:
					v = c.Fixed.String()
				}
				if c.Clipped {
					v += "(截断?)"
				}
				vs = append(vs, string(c.Role)+"="+v)
			}
			fmt.Fprintf(w, "  %5d %-11s %-8s %-13s %s | %s\n", row.Loc.Line, row.Side, row.Code, row.Item, row.Name, strings.Join(vs, " "))
		}
	}
	if !claims {
		return
	}
	fmt.Fprintln(w, "\n说明中的数字陈述：")
	for _, c := range r.Claims {
		s := fmt.Sprintf("  %5d %-10s %-17s %q", c.Loc.Line, c.Kind, c.Quantity, c.Subject)
		if c.Code != "" || c.Class != "" {
			s += " 科目=" + c.Code + c.Class
		}
		if c.Value != nil {
			s += " 数额=" + c.Value.String() + string(c.Value.Unit)
		}
		if c.Change != nil {
			s += fmt.Sprintf(" 变动=%+d×%s", c.Direction, c.Change.String())
		}
		if c.Percent != nil {
			s += " 百分比=" + c.Percent.String()
		}
		if c.Whole != nil || c.WholeSubject != "" {
			s += " 总数=" + c.WholeSubject
			if c.Whole != nil {
				s += " " + c.Whole.String()
			}
		}
		fmt.Fprintln(w, s)
		for _, p := range c.Parts {
			v := ""
			if p.Value != nil {
				v = p.Value.String()
			}
			if p.Change != nil {
				v = fmt.Sprintf("%+d×%s", p.Direction, p.Change.String())
			}
			fmt.Fprintf(w, "          分项 %q %s %s\n", p.Subject, p.Quantity, v)
		}
	}
}
