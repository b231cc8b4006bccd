package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gongkai/store"
	"gongkai/web"
)

func init() {
	commands = append(commands, command{"serve", "启动网页服务：查阅、上传检查、批量检查、编制发布", runServe})
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr,
		"用法：gongkai serve [--addr 127.0.0.1:8080] [--db gongkai.db] [--max-upload 50MB]",
		"启动网页服务。首次以空数据库启动时，载入示例公开文件并创建管理员账号 admin，",
		"其密码只在终端显示一次（或取自环境变量 GONGKAI_ADMIN_PASSWORD）。",
	)
	addr := fs.String("addr", "127.0.0.1:8080", "监听地址")
	dbPath := fs.String("db", "gongkai.db", "数据库：SQLite 文件（不存在时创建），或 PostgreSQL 地址 postgres://用户@主机:端口/库名")
	maxUpload := fs.String("max-upload", "50MB", "单次上传的大小上限，如 50MB、200MB")
	examples := fs.String("examples", "", "首次启动时载入的示例公开文件目录（默认为 examples/）")
	noExamples := fs.Bool("no-examples", false, "首次启动时不载入示例")
	trustProxy := fs.Bool("trust-proxy", false, "信任反向代理的 X-Forwarded-Proto（在 HTTPS 代理之后运行时使用）")
	quiet := fs.Bool("quiet", false, "不记录每个出错的请求")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		return &exitError{code: exitBadInput, err: fmt.Errorf("serve 不接受参数 %q", fs.Arg(0))}
	}
	limit, err := parseSize(*maxUpload)
	if err != nil {
		return &exitError{code: exitBadInput, err: err}
	}
	level := slog.LevelWarn
	if *quiet {
		level = slog.LevelError
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	db, err := openStore(ctx, *dbPath)
	if err != nil {
		return fmt.Errorf("打开数据库 %s：%w", *dbPath, err)
	}
	defer db.Close()
	srv, err := web.New(ctx, web.Config{Store: db, MaxUpload: limit, Logger: logger, TrustProxy: *trustProxy})
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := firstStart(ctx, db, srv, *examples, *noExamples, stdout); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return &exitError{code: exitBadInput, err: fmt.Errorf("无法监听 %s：%w", *addr, err)}
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Minute, // large uploads on slow links
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "gongkai 网页服务已启动，请在浏览器中打开 %s\n", openURL(ln.Addr()))
	fmt.Fprintf(stdout, "数据库：%s；单次上传上限 %s；按 Ctrl+C 停止。\n", *dbPath, *maxUpload)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = hs.Shutdown(sctx)
	fmt.Fprintln(stdout, "gongkai 网页服务已停止。")
	return err
}

// firstStart prepares an empty database: an admin account (password from
// GONGKAI_ADMIN_PASSWORD or random, printed once) and the example
// disclosures, so the pages are not empty.
func firstStart(ctx context.Context, db store.Store, srv *web.Server, examplesDir string, noExamples bool, stdout io.Writer) error {
	n, err := db.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		pw := os.Getenv("GONGKAI_ADMIN_PASSWORD")
		fromEnv := pw != ""
		if !fromEnv {
			pw = web.RandomPassword()
		}
		if _, err := web.CreateUser(ctx, db, "admin", store.Admin, "", pw); err != nil {
			return fmt.Errorf("创建管理员账号：%w", err)
		}
		if fromEnv {
			fmt.Fprintln(stdout, "已创建管理员账号 admin，密码取自环境变量 GONGKAI_ADMIN_PASSWORD。")
		} else {
			fmt.Fprintf(stdout, "已创建管理员账号 admin，密码：%s\n（只显示这一次，请妥善保存；可用 gongkai user passwd --name admin 重设。）\n", pw)
		}
	}
	if noExamples {
		return nil
	}
	_, total, err := db.ListReports(ctx, store.ReportFilter{Visibility: store.Visibility{All: true}, Limit: 1})
	if err != nil || total > 0 {
		return err
	}
	if _, done := db.Setting(ctx, "examples_loaded"); done == nil {
		return nil
	}
	dir := examplesDir
	if dir == "" {
		dir = findExamples()
	}
	loaded := 0
	if dir != "" {
		// Published disclosures as text, and filled budget workbooks
		// generated into disclosures.
		texts, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		books, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
		for _, p := range append(texts, books...) {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			load := srv.LoadExample
			if strings.HasSuffix(p, ".xlsx") {
				load = srv.LoadGenerated
			}
			if _, err := load(ctx, filepath.Base(p), data); err != nil {
				fmt.Fprintf(stdout, "示例 %s 未能载入：%v\n", p, err)
				continue
			}
			loaded++
		}
	}
	if loaded > 0 {
		fmt.Fprintf(stdout, "已载入 %d 份示例公开文件（%s）。\n", loaded, dir)
	}
	return db.PutSetting(ctx, "examples_loaded", strconv.Itoa(loaded))
}

// findExamples looks for examples/ in the working directory, then beside
// the executable's directory (bin/gongkai → examples/).
func findExamples() string {
	cands := []string{"examples"}
	if exe, err := os.Executable(); err == nil {
		cands = append(cands, filepath.Join(filepath.Dir(exe), "..", "examples"), filepath.Join(filepath.Dir(exe), "examples"))
	}
	for _, c := range cands {
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
	}
	return ""
}

// openURL is the address to print for a listener: a wildcard host becomes
// 127.0.0.1.
func openURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// parseSize reads 50MB, 512KB, 1GB or a plain number of bytes.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GB", 1 << 30}, {"G", 1 << 30}, {"MB", 1 << 20}, {"M", 1 << 20}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.n
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (16<<30)/mult {
		return 0, fmt.Errorf("--max-upload 应为正的大小，如 50MB，而不是 %q", s)
	}
	return n * mult, nil
}
