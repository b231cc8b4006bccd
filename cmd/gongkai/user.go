package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gongkai/store"
	"gongkai/web"
)

func init() {
	commands = append(commands, command{"user", "管理网页服务的用户：add（新建）、list（列出）、passwd（重设密码）", runUser})
}

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	usage := func(w io.Writer) {
		fmt.Fprintln(w, "用法：")
		fmt.Fprintln(w, "  gongkai user add --name 名称 --role editor|reviewer|admin [--department 部门] [--db gongkai.db] [--password-stdin]")
		fmt.Fprintln(w, "  gongkai user list [--db gongkai.db]")
		fmt.Fprintln(w, "  gongkai user passwd --name 名称 [--db gongkai.db] [--password-stdin]")
		fmt.Fprintln(w, "编制人员（editor）必须指定所属部门，只能上传、发布本部门的公开文件；检查人员（reviewer）可批量检查全部文件。")
		fmt.Fprintln(w, "不给 --password-stdin 时生成随机密码并显示一次；也可用环境变量 GONGKAI_PASSWORD 给出密码。")
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		if len(args) == 0 {
			usage(stderr)
			return &exitError{code: exitBadInput}
		}
		usage(stdout)
		return nil
	}
	sub := args[0]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(fs.Output()) }
	dbPath := fs.String("db", "gongkai.db", "数据库：SQLite 文件或 PostgreSQL 地址 postgres://…")
	name := fs.String("name", "", "用户名")
	role := fs.String("role", "", "角色：editor（编制人员）、reviewer（检查人员）或 admin（管理员）")
	dept := fs.String("department", "", "所属部门（编制人员必填）")
	stdin := fs.Bool("password-stdin", false, "从标准输入读取密码（一行）")
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(err)
	}
	db, err := openStore(ctx, *dbPath)
	if err != nil {
		return fmt.Errorf("打开数据库 %s：%w", *dbPath, err)
	}
	defer db.Close()
	password := func() (string, bool, error) {
		if *stdin {
			line, err := bufio.NewReader(os.Stdin).ReadString('\n')
			if err != nil && line == "" {
				return "", false, errors.New("没有从标准输入读到密码")
			}
			return strings.TrimRight(line, "\r\n"), false, nil
		}
		if pw := os.Getenv("GONGKAI_PASSWORD"); pw != "" {
			return pw, false, nil
		}
		return web.RandomPassword(), true, nil
	}
	switch sub {
	case "add":
		if *name == "" || *role == "" {
			usage(stderr)
			return &exitError{code: exitBadInput, err: errors.New("需要 --name 和 --role")}
		}
		r := store.Role(*role)
		if !r.Valid() {
			return &exitError{code: exitBadInput, err: fmt.Errorf("--role 只能是 editor、reviewer 或 admin，而不是 %q", *role)}
		}
		if r == store.Editor && strings.TrimSpace(*dept) == "" {
			return &exitError{code: exitBadInput, err: errors.New("编制人员（editor）需要 --department")}
		}
		pw, generated, err := password()
		if err != nil {
			return &exitError{code: exitBadInput, err: err}
		}
		u, err := web.CreateUser(ctx, db, *name, r, *dept, pw)
		if errors.Is(err, store.ErrConflict) {
			return &exitError{code: exitBadInput, err: fmt.Errorf("用户名 %q 已被使用", *name)}
		}
		if err != nil {
			return &exitError{code: exitBadInput, err: err}
		}
		fmt.Fprintf(stdout, "已创建用户 %s（%s", u.Name, u.Role.Chinese())
		if u.Department != "" {
			fmt.Fprintf(stdout, "，%s", u.Department)
		}
		fmt.Fprintln(stdout, "）。")
		if generated {
			fmt.Fprintf(stdout, "初始密码：%s（只显示这一次）\n", pw)
		}
		return nil
	case "list":
		us, err := db.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			fmt.Fprintf(stdout, "%-16s %-8s %s\n", u.Name, u.Role, u.Department)
		}
		return nil
	case "passwd":
		if *name == "" {
			return &exitError{code: exitBadInput, err: errors.New("需要 --name")}
		}
		u, err := db.UserByName(ctx, *name)
		if errors.Is(err, store.ErrNotFound) {
			return &exitError{code: exitBadInput, err: fmt.Errorf("没有用户 %q", *name)}
		}
		if err != nil {
			return err
		}
		pw, generated, err := password()
		if err != nil {
			return &exitError{code: exitBadInput, err: err}
		}
		hash, err := web.HashPassword(pw)
		if err != nil {
			return &exitError{code: exitBadInput, err: err}
		}
		if err := db.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "已重设 %s 的密码，其登录会话已全部退出。\n", u.Name)
		if generated {
			fmt.Fprintf(stdout, "新密码：%s（只显示这一次）\n", pw)
		}
		return nil
	}
	usage(stderr)
	return &exitError{code: exitBadInput, err: fmt.Errorf("未知的 user 子命令 %q", sub)}
}
