package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"gongkai"
	"gongkai/check"
	"gongkai/postgres"
	"gongkai/series"
	"gongkai/sqlite"
	"gongkai/store"
	"gongkai/synth"
)

func init() {
	commands = append(commands, command{"synth", "生成带已知错误的合成语料，检验召回率、误报和装库速度", runSynth})
}

func runSynth(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return runSynthVerify(ctx, args[1:], stdout, stderr)
		case "load":
			return runSynthLoad(ctx, args[1:], stdout, stderr)
		}
	}
	fs := newFlagSet("synth", stderr,
		"用法：gongkai synth [参数] -o 目录",
		"       gongkai synth verify [参数] 目录",
		"       gongkai synth load [--sqlite 文件] [--pg 连接串] 目录",
		"生成 N 个部门 × Y 个年度的合成公开（由预算数据生成，科目编码取自真实公开），",
		"按比例注入已知错误并记入 manifest.jsonl；verify 检查语料并报告召回率和误报；",
		"load 把语料检查后装入 SQLite 和/或 PostgreSQL 并报告用时。",
	)
	out := fs.String("o", "", "语料目录（必填）")
	n := fs.Int("n", 200, "部门数")
	years := fs.Int("years", 2, "每个部门的年度数")
	first := fs.Int("first", 2021, "第一个年度")
	kinds := fs.String("kinds", "budget", "公开类型，逗号分隔：budget（预算）、final（决算）")
	seed := fs.Int64("seed", 1, "随机种子：同样的参数生成同样的语料")
	rate := fs.Float64("mistakes", 0.1, "注入一处错误的公开所占比例（0 到 1；负数表示不注入）")
	perShard := fs.Int("per-shard", 500, "每个文件包含的部门数")
	workers := fs.Int("workers", 0, "并行生成的线程数（默认为 CPU 数）")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if *out == "" {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("没有指定语料目录 -o")}
	}
	opt := synth.Options{Departments: *n, Years: *years, FirstYear: *first, Seed: *seed, MistakeRate: *rate,
		PerShard: *perShard, Workers: *workers}
	if *rate == 0 {
		opt.MistakeRate = -1
	}
	for _, k := range strings.Split(*kinds, ",") {
		switch strings.TrimSpace(k) {
		case "budget", "预算":
			opt.Kinds = append(opt.Kinds, gongkai.Budget)
		case "final", "决算":
			opt.Kinds = append(opt.Kinds, gongkai.Final)
		default:
			return &exitError{code: exitBadInput, err: fmt.Errorf("--kinds 只能包含 budget 和 final，而不是 %q", k)}
		}
	}
	sum, err := synth.Write(ctx, *out, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已生成 %d 份公开（%d 个部门 × %d 个年度 × %d 种），注入错误 %d 处，%d 个文件，%.1f MB，用时 %s，内存峰值 %s\n",
		sum.Documents, sum.Options.Departments, sum.Options.Years, len(sum.Options.Kinds), sum.Mistakes, len(sum.Shards),
		float64(sum.Bytes)/1e6, sum.Elapsed, peakMemory())
	for _, t := range synth.MistakeTypes {
		if n := sum.ByType[t.Type]; n > 0 {
			fmt.Fprintf(stdout, "  %-14s %d\n", t.Type, n)
		}
	}
	fmt.Fprintf(stdout, "语料：%s（corpus.json、manifest.jsonl、reports-*.jsonl）\n", *out)
	return nil
}

func runSynthVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("synth verify", stderr,
		"用法：gongkai synth verify [参数] 目录",
		"用全部检查规则和跨年规则检查合成语料，与注入错误清单比对，报告召回率和误报。",
	)
	asJSON := fs.Bool("json", false, "以 JSON 输出结果")
	workers := fs.Int("workers", 0, "并行检查的线程数（默认为 CPU 数）")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("需要一个语料目录")}
	}
	c, err := synth.Open(fs.Arg(0))
	if err != nil {
		return &exitError{code: exitBadInput, err: err}
	}
	res, err := synth.Verify(ctx, c, *workers)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, struct {
			*synth.Result
			PeakMemory string `json:"peak_memory"`
		}{res, peakMemory()})
	}
	res.WriteText(stdout)
	fmt.Fprintf(stdout, "内存峰值 %s\n", peakMemory())
	return nil
}

// loadTarget is one store a corpus is loaded into, and what it took.
type loadTarget struct {
	name    string
	store   store.Store
	bulk    *postgres.DB // COPY loads, for PostgreSQL
	elapsed time.Duration
	docs    int
}

func (t *loadTarget) load(ctx context.Context, ns []*store.NewReport) error {
	start := time.Now()
	defer func() { t.elapsed += time.Since(start) }()
	if t.bulk != nil {
		if _, err := t.bulk.BulkCreate(ctx, ns); err != nil {
			return err
		}
		t.docs += len(ns)
		return nil
	}
	for _, n := range ns {
		if _, err := t.store.CreateReport(ctx, n); err != nil {
			return err
		}
		t.docs++
	}
	return nil
}

func runSynthLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("synth load", stderr,
		"用法：gongkai synth load [--sqlite 文件] [--pg 连接串] 目录",
		"逐份检查合成语料（全部规则和跨年规则），把公开、原文件和检查结果依次装入各数据库，",
		"SQLite 逐份一个事务（store 接口），PostgreSQL 按块 COPY；报告各自用时和库大小。",
	)
	sqlitePath := fs.String("sqlite", "", "装入这个 SQLite 数据库文件（不存在时创建）")
	pgDSN := fs.String("pg", "", "装入这个 PostgreSQL 数据库（postgres://…，应为空库）")
	chunk := fs.Int("chunk", 250, "PostgreSQL 每次 COPY 装入的公开份数")
	limit := fs.Int("limit", 0, "只装入前 N 份公开（0 为全部）")
	query := fs.Bool("query", true, "装完后在各数据库中按功能分类（类）× 年度汇总一次并计时")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 || (*sqlitePath == "" && *pgDSN == "") {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("需要一个语料目录，以及 --sqlite 或 --pg")}
	}
	c, err := synth.Open(fs.Arg(0))
	if err != nil {
		return &exitError{code: exitBadInput, err: err}
	}
	var targets []*loadTarget
	if *sqlitePath != "" {
		db, err := sqlite.Open(ctx, *sqlitePath)
		if err != nil {
			return err
		}
		defer db.Close()
		targets = append(targets, &loadTarget{name: "SQLite", store: db})
	}
	if *pgDSN != "" {
		db, err := postgres.Connect(ctx, *pgDSN)
		if err != nil {
			return err
		}
		defer db.Close()
		targets = append(targets, &loadTarget{name: "PostgreSQL", store: db, bulk: db})
	}

	// Producers decode and check the shards (each shard in order, for the
	// previous year); one consumer writes each chunk to every store in
	// turn, so the stores never compete with each other.
	start := time.Now()
	chunks := make(chan []*store.NewReport, 2)
	var prepNanos, docs, bytesIn int64
	var mu sync.Mutex
	var stopped bool
	prodCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var prodErr error
	go func() {
		defer close(chunks)
		var buffers sync.Map
		workers := max(1, runtime.GOMAXPROCS(0)-1)
		prodErr = c.EachWithPrevious(prodCtx, workers, func(shard int, r *gongkai.Report, prev *gongkai.Report, raw []byte) error {
			t0 := time.Now()
			found := check.Run(r, check.Options{})
			if prev != nil {
				found = append(found, series.Check(r, prev)...)
			}
			sum := sha256.Sum256(raw)
			n := &store.NewReport{Meta: store.ReportMeta{Status: store.Published, Origin: store.FromGenerated},
				Report: r, Findings: found, Files: []store.SourceFile{{Name: r.File, Format: "json", Size: int64(len(raw)),
					SHA256: hex.EncodeToString(sum[:]), Content: raw}}}
			mu.Lock()
			if stopped || (*limit > 0 && docs >= int64(*limit)) {
				stopped = true
				mu.Unlock()
				return errStopLoad
			}
			docs++
			bytesIn += int64(len(raw))
			prepNanos += int64(time.Since(t0))
			mu.Unlock()
			v, _ := buffers.LoadOrStore(shard, &[]*store.NewReport{})
			buf := v.(*[]*store.NewReport)
			*buf = append(*buf, n)
			if len(*buf) >= *chunk {
				select {
				case chunks <- *buf:
				case <-prodCtx.Done():
					return prodCtx.Err()
				}
				*buf = nil
			}
			return nil
		})
		buffers.Range(func(_, v any) bool {
			if buf := v.(*[]*store.NewReport); len(*buf) > 0 {
				chunks <- *buf
			}
			return true
		})
	}()
	var loadErr error
	for ns := range chunks {
		if loadErr != nil {
			continue
		}
		for _, t := range targets {
			if err := t.load(ctx, ns); err != nil {
				loadErr = fmt.Errorf("%s：%w", t.name, err)
				cancel()
				break
			}
		}
	}
	if loadErr != nil {
		return loadErr
	}
	if prodErr != nil && !errors.Is(prodErr, errStopLoad) {
		return prodErr
	}
	wall := time.Since(start)
	fmt.Fprintf(stdout, "装入 %d 份公开（原文件共 %.1f MB），总用时 %s；解码和检查 %s（各线程合计）\n", docs, float64(bytesIn)/1e6,
		wall.Round(time.Millisecond), time.Duration(prepNanos).Round(time.Millisecond))
	for _, t := range targets {
		rate := float64(t.docs) / t.elapsed.Seconds()
		fmt.Fprintf(stdout, "  %-10s %s，%.0f 份/秒，%.1f MB/秒", t.name, t.elapsed.Round(time.Millisecond), rate,
			float64(bytesIn)/1e6/t.elapsed.Seconds())
		if size := storeSize(ctx, t, *sqlitePath); size > 0 {
			fmt.Fprintf(stdout, "，库大小 %.1f MB", float64(size)/1e6)
		}
		fmt.Fprintln(stdout)
	}
	if *query {
		for _, t := range targets {
			d, groups, err := classQuery(ctx, t, *sqlitePath)
			if err != nil {
				return fmt.Errorf("%s 汇总：%w", t.name, err)
			}
			fmt.Fprintf(stdout, "  %-10s 功能分类（类）× 年度 SQL 汇总：%d 组，%s\n", t.name, groups, d.Round(time.Microsecond))
		}
	}
	fmt.Fprintf(stdout, "内存峰值 %s\n", peakMemory())
	return nil
}

var errStopLoad = errors.New("limit reached")

// storeSize returns the size of a store on disk: the SQLite file and its
// WAL, or the PostgreSQL relations of the store's schema.
func storeSize(ctx context.Context, t *loadTarget, sqlitePath string) int64 {
	if t.bulk != nil {
		var n int64
		err := t.bulk.Pool().QueryRow(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)
			FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
			WHERE c.relkind = 'r' AND s.nspname = current_schema()`).Scan(&n)
		if err != nil {
			return 0
		}
		return n
	}
	var n int64
	for _, p := range []string{sqlitePath, sqlitePath + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

// classSQL is the consolidation by function class and year in SQL, over
// the function classes the stores keep beside each report.
const classSQL = `SELECT r.year, r.kind, c.code, SUM(c.total), COUNT(*)
	FROM report_classes c JOIN reports r ON r.id = c.report_id
	GROUP BY r.year, r.kind, c.code ORDER BY r.year, r.kind, c.code`

// classQuery runs classSQL in a store and returns its time and the number
// of groups.
func classQuery(ctx context.Context, t *loadTarget, sqlitePath string) (time.Duration, int, error) {
	if t.bulk != nil {
		start := time.Now()
		rows, err := t.bulk.Pool().Query(ctx, classSQL)
		if err != nil {
			return 0, 0, err
		}
		defer rows.Close()
		n, err := countClasses(rows)
		return time.Since(start), n, err
	}
	db, err := sql.Open("sqlite", "file:"+sqlitePath+"?_pragma=query_only(1)")
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	start := time.Now()
	rows, err := db.QueryContext(ctx, classSQL)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	n, err := countClasses(rows)
	return time.Since(start), n, err
}

// countClasses reads the rows of classSQL, from either database, and
// returns how many there are.
func countClasses(rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}) (int, error) {
	var year, docs int
	var kind, code string
	var total int64
	n := 0
	for rows.Next() {
		if err := rows.Scan(&year, &kind, &code, &total, &docs); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}

// peakMemory returns the process's peak resident memory (VmHWM), or "未知".
func peakMemory() string {
	f, err := os.Open(filepath.Join("/proc", "self", "status"))
	if err != nil {
		return "未知"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 2 && fields[1] == "kB" {
				if kb, err := strconv.ParseInt(fields[0], 10, 64); err == nil {
					return fmt.Sprintf("%.0f MB", float64(kb)/1024)
				}
			}
		}
	}
	return "未知"
}
