package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"

	"gongkai"
	"gongkai/compare"
	"gongkai/importer"
	"gongkai/postgres"
	"gongkai/series"
	"gongkai/sqlite"
	"gongkai/store"
	"gongkai/synth"
)

func init() {
	commands = append(commands, command{"compare", "跨部门、跨年度汇总和比较多份公开", runCompare})
}

// openStore opens the store a --db value names: a PostgreSQL DSN
// (postgres://… or postgresql://…) or the path of a SQLite file.
func openStore(ctx context.Context, spec string) (store.Store, error) {
	if isPostgresDSN(spec) {
		return postgres.Open(ctx, spec)
	}
	return sqlite.Open(ctx, spec)
}

func isPostgresDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// compareInput is a set of disclosures read for comparison: their facts
// and the findings of the series rules between their years.
type compareInput struct {
	set     *compare.Set
	series  map[string][]gongkai.Finding
	skipped []string // files that could not be read
}

func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", stderr,
		"用法：gongkai compare [参数] 文件或目录...",
		"       gongkai compare --db gongkai.db [参数]",
		"汇总多个部门、多个年度的公开：按支出功能分类（类/款/项）和经济分类（类/款）分年度合计，",
		"计算各部门人均“三公”经费、人均机关运行经费、项目支出占比、人员经费占比及其中位数和异常值，",
		"并对同一部门相邻年度的公开做跨年检查（series.yoy、series.prior-column）。",
		"目录中的文件逐个读取；gongkai synth 生成的语料目录按语料读取。",
	)
	dbSpec := fs.String("db", "", "从数据库读取公开：SQLite 文件路径，或 postgres://… 连接串")
	year := fs.Int("year", 0, "只比较这一年度")
	kind := fs.String("kind", "", "只比较 budget（预算）或 final（决算）")
	dept := fs.String("department", "", "只比较部门名称中含有这些文字的公开")
	level := fs.String("level", "类", "文本输出列到的功能分类级次：类、款或项")
	k := fs.Float64("k", 3, "异常值阈值：与中位数之差超过 k 倍中位数绝对偏差（MAD）")
	xlsxPath := fs.String("xlsx", "", "把汇总、指标和跨年检查结果导出为 XLSX 文件")
	format := fs.String("format", "text", "输出格式：text 或 json")
	top := fs.Int("top", 20, "文本输出列出的异常值和跨年检查结果条数")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if *format != "text" && *format != "json" {
		return &exitError{code: exitBadInput, err: fmt.Errorf("--format 只能是 text 或 json，而不是 %q", *format)}
	}
	digits := map[string]int{"类": 3, "款": 5, "项": 7}[*level]
	if digits == 0 {
		return &exitError{code: exitBadInput, err: fmt.Errorf("--level 只能是 类、款 或 项")}
	}
	kindFilter, err := parseKind(*kind)
	if err != nil {
		return err
	}
	keep := func(department string, y int, kd gongkai.Kind) bool {
		return (*year == 0 || y == *year) && (kindFilter == "" || kd == kindFilter) &&
			(*dept == "" || strings.Contains(department, *dept))
	}
	if *dbSpec == "" && fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: exitBadInput, err: errors.New("没有指定文件、目录或 --db")}
	}
	in := &compareInput{set: compare.NewSet(), series: map[string][]gongkai.Finding{}}
	if *dbSpec != "" {
		if err := in.readStore(ctx, *dbSpec, store.ReportFilter{Visibility: store.Visibility{All: true}, Year: *year,
			Kind: kindFilter, Query: *dept}); err != nil {
			return err
		}
	}
	var files []string
	for _, a := range fs.Args() {
		st, err := os.Stat(a)
		if err != nil {
			return &exitError{code: exitBadInput, err: fmt.Errorf("无法读取 %s：%w", a, err)}
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		if c, err := synth.Open(a); err == nil {
			if err := in.readCorpus(ctx, c, keep); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(a, func(p string, d iofs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return &exitError{code: exitBadInput, err: err}
		}
	}
	if len(files) > 0 {
		in.readFiles(ctx, files, keep, stderr)
	}
	if in.set.Len() == 0 {
		return &exitError{code: exitBadInput, err: errors.New("没有可比较的公开")}
	}
	opt := compare.Options{K: *k}
	res := &compare.Result{Consolidation: in.set.Consolidate(), Ratios: compare.RatiosFor(in.set.Docs(), opt), Series: in.series}
	if *xlsxPath != "" {
		f, err := os.Create(*xlsxPath)
		if err != nil {
			return &exitError{code: exitBadInput, err: err}
		}
		if err := errors.Join(compare.WriteXLSX(f, res), f.Close()); err != nil {
			return fmt.Errorf("导出 %s：%w", *xlsxPath, err)
		}
	}
	if *format == "json" {
		return writeJSON(stdout, res)
	}
	writeComparison(stdout, res, digits, *top, in.skipped)
	if *xlsxPath != "" {
		fmt.Fprintf(stdout, "\n已导出 %s\n", *xlsxPath)
	}
	return nil
}

// readFiles imports files one by one (several at once), then checks each
// department's years against each other.
func (in *compareInput) readFiles(ctx context.Context, files []string, keep func(string, int, gongkai.Kind) bool, stderr io.Writer) {
	reports := make([]*gongkai.Report, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, f := range files {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			reports[i], errs[i] = importer.ImportJoined(ctx, []string{f}, importer.Options{})
		})
	}
	wg.Wait()
	var rs []*gongkai.Report
	for i, r := range reports {
		if errs[i] != nil {
			fmt.Fprintln(stderr, "gongkai: 无法读取", importer.Describe(errs[i]))
			in.skipped = append(in.skipped, files[i])
			continue
		}
		if keep(r.Department, r.Year, r.Kind) {
			rs = append(rs, r)
		}
	}
	for _, r := range rs {
		in.set.Add(compare.FactsOf(r))
	}
	for r, found := range series.CheckAll(rs) {
		if len(found) > 0 {
			in.series[r.File] = append(in.series[r.File], found...)
		}
	}
}

// readStore reads the reports a filter selects from a store, a
// department's years in order so the previous year is at hand.
func (in *compareInput) readStore(ctx context.Context, spec string, f store.ReportFilter) error {
	db, err := openStore(ctx, spec)
	if err != nil {
		return fmt.Errorf("打开数据库：%w", err)
	}
	defer db.Close()
	f.Sort = "department"
	metas, _, err := db.ListReports(ctx, f)
	if err != nil {
		return err
	}
	sort.SliceStable(metas, func(i, j int) bool {
		if metas[i].Department != metas[j].Department {
			return metas[i].Department < metas[j].Department
		}
		if metas[i].Kind != metas[j].Kind {
			return metas[i].Kind < metas[j].Kind
		}
		return metas[i].Year < metas[j].Year
	})
	prev := map[gongkai.Kind]*gongkai.Report{}
	for _, m := range metas {
		r, err := db.Report(ctx, m.ID)
		if err != nil {
			return err
		}
		in.set.Add(compare.FactsOf(r))
		if p := prev[r.Kind]; p != nil {
			if found := series.Check(r, p); len(found) > 0 {
				name := fmt.Sprintf("#%d %s", m.ID, m.Title)
				in.series[name] = found
			}
		}
		prev[r.Kind] = r
	}
	return nil
}

// readCorpus reads a synthetic corpus shard by shard, keeping only the
// facts and the findings of the series rules against the previous year
// when that year is kept too.
func (in *compareInput) readCorpus(ctx context.Context, c *synth.Corpus, keep func(string, int, gongkai.Kind) bool) error {
	var mu sync.Mutex
	return c.EachWithPrevious(ctx, 0, func(_ int, r, prev *gongkai.Report, _ []byte) error {
		if !keep(r.Department, r.Year, r.Kind) {
			return nil
		}
		f := compare.FactsOf(r)
		var found []gongkai.Finding
		if prev != nil && keep(prev.Department, prev.Year, prev.Kind) {
			found = series.Check(r, prev)
		}
		mu.Lock()
		in.set.Add(f)
		if len(found) > 0 {
			in.series[r.File] = found
		}
		mu.Unlock()
		return nil
	})
}

// writeComparison prints a comparison in Chinese.
func writeComparison(w io.Writer, res *compare.Result, digits, top int, skipped []string) {
	c := res.Consolidation
	docs, budgets, finals := 0, 0, 0
	for _, cl := range c.Columns() {
		docs += cl.Documents
		if cl.Kind == gongkai.Final {
			finals += cl.Documents
		} else {
			budgets += cl.Documents
		}
	}
	fmt.Fprintf(w, "比较 %d 份公开（预算 %d 份，决算 %d 份；年度 %d–%d）", docs, budgets, finals, c.Years[0], c.Years[len(c.Years)-1])
	if len(skipped) > 0 {
		fmt.Fprintf(w, "，%d 个文件无法读取", len(skipped))
	}
	fmt.Fprintln(w)
	pivot := func(title string, s compare.Scheme, digits int) {
		cols, rows, totals := c.Pivot(s, digits)
		fmt.Fprintf(w, "\n%s（万元）\n", title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "编码\t名称\t")
		for _, cl := range cols {
			fmt.Fprintf(tw, "%d%s\t", cl.Year, cl.Kind.Chinese())
		}
		fmt.Fprintln(tw)
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t", r.Code, r.Name)
			for _, v := range r.Totals {
				fmt.Fprintf(tw, "%s\t", gongkai.FormatThousands(v, gongkai.WanYuan, 2))
			}
			fmt.Fprintln(tw)
		}
		fmt.Fprint(tw, "\t合计\t")
		for _, v := range totals {
			fmt.Fprintf(tw, "%s\t", gongkai.FormatThousands(v, gongkai.WanYuan, 2))
		}
		fmt.Fprintln(tw)
		tw.Flush()
	}
	pivot(fmt.Sprintf("一、支出功能分类（%s）汇总", map[int]string{3: "类", 5: "款", 7: "项"}[digits]), compare.Function, digits)
	pivot("二、部门预算支出经济分类（类）汇总（基本支出）", compare.Economic, 3)

	fmt.Fprintf(w, "\n三、部门指标（异常值：与中位数之差超过 %.4g 倍中位数绝对偏差）\n", res.Ratios.K)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "年度\t类型\t指标\t部门数\t中位数\tMAD\t异常数\t")
	for _, s := range res.Ratios.Stats {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%.2f\t%.2f\t%d\t\n", s.Year, s.Kind.Chinese(), s.Ratio.Name(), s.N, s.Median, s.MAD, s.Outliers)
	}
	tw.Flush()
	type flagged struct {
		d *compare.DeptRatios
		r compare.Ratio
		o *compare.Outlier
	}
	var fl []flagged
	for _, d := range res.Ratios.Depts {
		for r, o := range d.Outliers {
			fl = append(fl, flagged{d, r, o})
		}
	}
	sort.Slice(fl, func(i, j int) bool {
		if fl[i].o.Score != fl[j].o.Score {
			return fl[i].o.Score > fl[j].o.Score
		}
		return fl[i].d.Department < fl[j].d.Department
	})
	if len(fl) > 0 {
		fmt.Fprintf(w, "\n异常值 %d 个", len(fl))
		if len(fl) > top {
			fmt.Fprintf(w, "（列出偏离最大的 %d 个）", top)
			fl = fl[:top]
		}
		fmt.Fprintln(w)
		for _, x := range fl {
			fmt.Fprintf(w, "  %s %d年%s：%s %.2f（中位数 %.2f，偏离 %.1f 倍MAD）\n", x.d.Department, x.d.Year, x.d.Kind.Chinese(),
				x.r.Name(), x.o.Value, x.o.Median, x.o.Score)
		}
	}

	var names []string
	errs := 0
	for name, fs := range res.Series {
		names = append(names, name)
		for _, f := range fs {
			if f.Severity == gongkai.Error {
				errs++
			}
		}
	}
	sort.Strings(names)
	fmt.Fprintf(w, "\n四、跨年检查：%d 份公开有结果，其中错误 %d 条\n", len(names), errs)
	n := 0
	for _, name := range names {
		for _, f := range res.Series[name] {
			if f.Severity != gongkai.Error {
				continue
			}
			if n == top {
				fmt.Fprintln(w, "  …")
				return
			}
			n++
			fmt.Fprintf(w, "  [%s] %s 第%d行 %s\n", f.Rule, name, f.Line, f.Message)
		}
	}
}
