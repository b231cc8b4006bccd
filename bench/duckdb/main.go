// Command duckdb times gongkai's consolidation of a synthetic corpus
// (gongkai synth) against the same aggregation in DuckDB, the embedded
// analytic engine, and checks that both give the same sums.
//
// It lives in its own module so that DuckDB's cgo library never enters the
// product's build (gongkai stays CGO_ENABLED=0). Usage:
//
//	cd bench/duckdb && go run . -corpus DIR [-runs 5]
//
// Each engine runs in a process of its own (the command re-executes itself
// with -engine gongkai and -engine duckdb) so that each one's peak memory
// is its own. Both produce the sums by function class (类), year and kind,
// and the command checks they are identical. Scenarios:
//
//   - warm: the lines are loaded in each engine's own in-memory form
//     (gongkai: a compare.Set, flat columns; DuckDB: a table filled through
//     its appender from the same lines), and the query runs: "sum by class,
//     year and kind" (Set.ClassesByYear against GROUP BY) and the full
//     consolidation of every 类/款/项 line, function and economic
//     (Set.Consolidate against two GROUP BY queries).
//   - own storage: each engine starts from its own saved form (gongkai: a
//     Set saved with WriteTo; DuckDB: a database file), opens it and runs
//     the class query — a restart.
//   - cold: from the corpus's JSON lines on disk to the class sums —
//     gongkai decodes each report and reads its facts into a Set; DuckDB
//     reads the same files with read_json and unnests the 支出表's rows in
//     SQL. Loading: how long filling each engine's in-memory form took.
//
// The median of -runs runs is reported for the queries and own-storage
// starts; one run for the cold scenario and the loads. Files are read
// through the operating system's cache in both engines.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"gongkai"
	"gongkai/compare"
	"gongkai/synth"
)

// measure is what one engine reports.
type measure struct {
	Engine     string             `json:"engine"`
	Documents  int                `json:"documents"`
	Lines      int                `json:"lines"` // function lines (all levels)
	Times      map[string]float64 `json:"times_ms"`
	PeakMB     float64            `json:"peak_mb"`
	Checksum   string             `json:"checksum"` // of the class × year sums, to compare engines
	Groups     int                `json:"groups"`
	ColdGroups int                `json:"cold_groups"`
	ColdSum    string             `json:"cold_checksum"`
}

func main() {
	corpus := flag.String("corpus", "", "synthetic corpus directory (gongkai synth -o)")
	engine := flag.String("engine", "", "run one engine: gongkai or duckdb (default: both, each in its own process)")
	runs := flag.Int("runs", 5, "runs of each query (the median is reported)")
	threads := flag.Int("threads", runtime.GOMAXPROCS(0), "threads each engine may use")
	flag.Parse()
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "usage: go run . -corpus DIR [-runs 5]")
		os.Exit(2)
	}
	c, err := synth.Open(*corpus)
	if err != nil {
		fail(err)
	}
	switch *engine {
	case "gongkai":
		emit(runGongkai(c, *runs, *threads))
	case "duckdb":
		emit(runDuckDB(c, *runs, *threads))
	case "":
		var ms []*measure
		for _, e := range []string{"gongkai", "duckdb"} {
			out, err := exec.Command(os.Args[0], "-corpus", *corpus, "-engine", e, "-runs", strconv.Itoa(*runs),
				"-threads", strconv.Itoa(*threads)).Output()
			if err != nil {
				if ee, ok := err.(*exec.ExitError); ok {
					os.Stderr.Write(ee.Stderr)
				}
				fail(fmt.Errorf("%s: %w", e, err))
			}
			var m measure
			if err := json.Unmarshal(out, &m); err != nil {
				fail(fmt.Errorf("%s: %w", e, err))
			}
			ms = append(ms, &m)
		}
		report(c, ms)
	default:
		fail(fmt.Errorf("unknown engine %q", *engine))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "duckdb bench:", err)
	os.Exit(1)
}

func emit(m *measure) {
	m.PeakMB = peakMB()
	if err := json.NewEncoder(os.Stdout).Encode(m); err != nil {
		fail(err)
	}
}

func median(ds []time.Duration) float64 {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return float64(ds[len(ds)/2]) / 1e6
}

// timeIt runs f n times and returns the median in milliseconds.
func timeIt(n int, f func()) float64 {
	var ds []time.Duration
	for i := 0; i < n; i++ {
		runtime.GC()
		start := time.Now()
		f()
		ds = append(ds, time.Since(start))
	}
	return median(ds)
}

type row struct {
	year  int
	kind  string
	code  string
	total int64
	n     int
}

// checksum prints class × year sums in one canonical text and hashes it.
func checksum(rows []row) string {
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.year != b.year {
			return a.year < b.year
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.code < b.code
	})
	var sb strings.Builder
	var h uint64 = 14695981039346656037
	for _, r := range rows {
		fmt.Fprintf(&sb, "%d|%s|%s|%d|%d\n", r.year, r.kind, r.code, r.total, r.n)
	}
	for _, b := range []byte(sb.String()) {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return fmt.Sprintf("%016x", h)
}

func sumsRows(ss []compare.Sum) []row {
	out := make([]row, len(ss))
	for i, s := range ss {
		out[i] = row{s.Year, string(s.Kind), s.Code, s.Total, s.Departments}
	}
	return out
}

func runGongkai(c *synth.Corpus, runs, threads int) *measure {
	runtime.GOMAXPROCS(threads)
	m := &measure{Engine: "gongkai", Times: map[string]float64{}}
	// Cold: from the files to the class × year sums, through a Set (the
	// facts are not kept).
	start := time.Now()
	set := compare.NewSet()
	var mu sync.Mutex
	var adding time.Duration
	err := c.Each(context.Background(), threads, func(_ int, r *gongkai.Report, _ []byte) error {
		f := compare.FactsOf(r)
		mu.Lock()
		t0 := time.Now()
		set.Add(f)
		adding += time.Since(t0)
		mu.Unlock()
		return nil
	})
	if err != nil {
		fail(err)
	}
	cold := set.ClassesByYear()
	m.Times["cold_classes_by_year"] = float64(time.Since(start)) / 1e6
	m.Times["load"] = float64(adding) / 1e6
	m.ColdGroups, m.ColdSum = len(cold), checksum(sumsRows(cold))
	m.Documents = set.Len()
	m.Lines, _ = set.Lines()
	// Warm: the set is in memory.
	var sums []compare.Sum
	m.Times["warm_classes_by_year"] = timeIt(runs, func() { sums = set.ClassesByYear() })
	m.Groups, m.Checksum = len(sums), checksum(sumsRows(sums))
	var all *compare.Consolidation
	m.Times["warm_consolidate_all"] = timeIt(runs, func() { all = set.Consolidate() })
	m.Times["warm_consolidate_all_groups"] = float64(len(all.Function) + len(all.Economic))
	// Own storage: the saved set, read back.
	path := filepath.Join(os.TempDir(), fmt.Sprintf("gongkai-bench-%d.set", os.Getpid()))
	f, err := os.Create(path)
	if err != nil {
		fail(err)
	}
	size, err := set.WriteTo(f)
	if err := errors.Join(err, f.Close()); err != nil {
		fail(err)
	}
	defer os.Remove(path)
	m.Times["own_storage_bytes"] = float64(size)
	set = nil
	m.Times["own_storage_classes_by_year"] = timeIt(runs, func() {
		f, err := os.Open(path)
		if err != nil {
			fail(err)
		}
		s, err := compare.ReadSet(bufio.NewReaderSize(f, 1<<20))
		f.Close()
		if err != nil {
			fail(err)
		}
		if got := checksum(sumsRows(s.ClassesByYear())); got != m.Checksum {
			fail(fmt.Errorf("a saved set gives other sums"))
		}
	})
	return m
}

func runDuckDB(c *synth.Corpus, runs, threads int) *measure {
	m := &measure{Engine: "duckdb", Times: map[string]float64{}}
	ctx := context.Background()
	conn, err := duckdb.NewConnector("", func(e driver.ExecerContext) error {
		_, err := e.ExecContext(ctx, fmt.Sprintf("SET threads = %d", threads), nil)
		return err
	})
	if err != nil {
		fail(err)
	}
	defer conn.Close()
	db := sql.OpenDB(conn)
	defer db.Close()
	db.SetMaxOpenConns(1)
	exec := func(q string) {
		if _, err := db.ExecContext(ctx, q); err != nil {
			fail(fmt.Errorf("%s: %w", q, err))
		}
	}
	query := func(q string) []row {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			fail(fmt.Errorf("%s: %w", q, err))
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.year, &r.kind, &r.code, &r.total, &r.n); err != nil {
				fail(err)
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			fail(err)
		}
		return out
	}
	// Cold: DuckDB reads the corpus's JSON lines itself.
	var files []string
	for _, s := range c.Shards() {
		files = append(files, "'"+strings.ReplaceAll(s, "'", "''")+"'")
	}
	coldSQL := `WITH r AS (
			SELECT year, kind, tables FROM read_json([` + strings.Join(files, ", ") + `],
				format = 'newline_delimited', maximum_object_size = 67108864,
				columns = {year: 'INTEGER', kind: 'VARCHAR',
					tables: 'STRUCT(kind VARCHAR, "rows" STRUCT(code VARCHAR, cells STRUCT("role" VARCHAR, money STRUCT(fen BIGINT))[])[])[]'})),
		t AS (SELECT year, kind, unnest(tables) AS tb FROM r),
		x AS (SELECT year, kind, unnest(tb."rows") AS rw FROM t WHERE tb.kind = 'expenditure'),
		l AS (SELECT year, kind, rw.code AS code,
				list_filter(rw.cells, c -> c."role" = 'total')[1].money.fen AS total
			FROM x WHERE length(rw.code) = 3)
		SELECT year, kind, code, SUM(total)::BIGINT, COUNT(*)::BIGINT FROM l GROUP BY ALL`
	start := time.Now()
	cold := query(coldSQL)
	m.Times["cold_classes_by_year"] = float64(time.Since(start)) / 1e6
	m.ColdGroups, m.ColdSum = len(cold), checksum(cold)

	// Warm: the same lines gongkai reads, in a DuckDB table. They are
	// read into a compare.Set first (untimed), then appended.
	set := compare.NewSet()
	var mu sync.Mutex
	err = c.Each(ctx, threads, func(_ int, r *gongkai.Report, _ []byte) error {
		f := compare.FactsOf(r)
		mu.Lock()
		set.Add(f)
		mu.Unlock()
		return nil
	})
	if err != nil {
		fail(err)
	}
	docs := set.Docs()
	m.Documents = len(docs)
	runtime.GC()
	exec(`CREATE TABLE lines (year INTEGER, kind VARCHAR, scheme VARCHAR, code VARCHAR, total BIGINT, a BIGINT, b BIGINT)`)
	start = time.Now()
	raw, err := conn.Connect(ctx)
	if err != nil {
		fail(err)
	}
	app, err := duckdb.NewAppenderFromConn(raw, "", "lines")
	if err != nil {
		fail(err)
	}
	set.EachLine(func(scheme compare.Scheme, doc int, l compare.Line) {
		if err != nil {
			return
		}
		d := docs[doc]
		err = app.AppendRow(int32(d.Year), string(d.Kind), string(scheme), l.Code, l.Total, l.A, l.B)
		if scheme == compare.Function {
			m.Lines++
		}
	})
	if err != nil {
		fail(err)
	}
	if err := app.Close(); err != nil {
		fail(err)
	}
	raw.Close()
	m.Times["load"] = float64(time.Since(start)) / 1e6
	set, docs = nil, nil
	var sums []row
	classes := `SELECT year, kind, code, SUM(total)::BIGINT, COUNT(*)::BIGINT FROM lines
		WHERE scheme = 'function' AND length(code) = 3 GROUP BY ALL`
	m.Times["warm_classes_by_year"] = timeIt(runs, func() { sums = query(classes) })
	m.Groups, m.Checksum = len(sums), checksum(sums)
	groups := 0
	m.Times["warm_consolidate_all"] = timeIt(runs, func() {
		groups = 0
		for _, scheme := range []string{"function", "economic"} {
			rows, err := db.QueryContext(ctx, `SELECT year, kind, code, SUM(total)::BIGINT, SUM(a)::BIGINT, SUM(b)::BIGINT, COUNT(*)::BIGINT
				FROM lines WHERE scheme = '`+scheme+`' GROUP BY ALL ORDER BY ALL`)
			if err != nil {
				fail(err)
			}
			for rows.Next() {
				var year int
				var kind, code string
				var t, a, b, n int64
				if err := rows.Scan(&year, &kind, &code, &t, &a, &b, &n); err != nil {
					fail(err)
				}
				groups++
			}
			rows.Close()
		}
	})
	m.Times["warm_consolidate_all_groups"] = float64(groups)

	// Own storage: the table saved in a database file, opened anew.
	path := filepath.Join(os.TempDir(), fmt.Sprintf("gongkai-bench-%d.duckdb", os.Getpid()))
	os.Remove(path)
	defer os.Remove(path)
	defer os.Remove(path + ".wal")
	exec(`ATTACH '` + path + `' AS disk`)
	exec(`CREATE TABLE disk.lines AS SELECT * FROM lines`)
	exec(`DETACH disk`)
	if st, err := os.Stat(path); err == nil {
		m.Times["own_storage_bytes"] = float64(st.Size())
	}
	m.Times["own_storage_classes_by_year"] = timeIt(runs, func() {
		fc, err := duckdb.NewConnector(path, func(e driver.ExecerContext) error {
			_, err := e.ExecContext(ctx, fmt.Sprintf("SET threads = %d", threads), nil)
			return err
		})
		if err != nil {
			fail(err)
		}
		fdb := sql.OpenDB(fc)
		rows, err := fdb.QueryContext(ctx, classes)
		if err != nil {
			fail(err)
		}
		var got []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.year, &r.kind, &r.code, &r.total, &r.n); err != nil {
				fail(err)
			}
			got = append(got, r)
		}
		rows.Close()
		fdb.Close()
		fc.Close()
		if checksum(got) != m.Checksum {
			fail(fmt.Errorf("the saved table gives other sums"))
		}
	})
	return m
}

// report prints both engines side by side and their ratio.
func report(c *synth.Corpus, ms []*measure) {
	g, d := ms[0], ms[1]
	fmt.Printf("corpus %s: %d documents, %d function lines (all levels), %.1f MB of JSON\n",
		c.Dir, g.Documents, g.Lines, float64(c.Summary.Bytes)/1e6)
	same := func(a, b string) string {
		if a == b {
			return "identical"
		}
		return "DIFFERENT"
	}
	fmt.Printf("results: warm %d groups, %s; cold %d groups, %s\n", g.Groups, same(g.Checksum, d.Checksum),
		g.ColdGroups, same(g.ColdSum, d.ColdSum))
	keys := []string{"warm_classes_by_year", "warm_consolidate_all", "own_storage_classes_by_year", "cold_classes_by_year", "load"}
	fmt.Printf("%-28s %12s %12s %8s\n", "", "gongkai ms", "duckdb ms", "ratio")
	for _, k := range keys {
		gv, gok := g.Times[k]
		dv, dok := d.Times[k]
		switch {
		case gok && dok:
			fmt.Printf("%-28s %12.2f %12.2f %8.2f\n", k, gv, dv, gv/dv)

		}
	}
	fmt.Printf("%-28s %12.1f %12.1f\n", "own storage MB", g.Times["own_storage_bytes"]/1e6, d.Times["own_storage_bytes"]/1e6)
	fmt.Printf("%-28s %12.0f %12.0f\n", "peak memory MB", g.PeakMB, d.PeakMB)
	fmt.Printf("%-28s %12.0f %12.0f\n", "consolidate_all groups", g.Times["warm_consolidate_all_groups"], d.Times["warm_consolidate_all_groups"])
	if g.Checksum != d.Checksum || g.ColdSum != d.ColdSum {
		fail(fmt.Errorf("the engines disagree"))
	}
}

// peakMB is the process's peak resident memory (VmHWM) in MB.
func peakMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 {
				kb, _ := strconv.ParseFloat(f[0], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
