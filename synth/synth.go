// Package synth writes a synthetic corpus of disclosures for measuring
// gongkai at scale: N departments × Y years of budgets (and, if asked,
// final accounts) made by package generate from synthetic budget data, with
// a known set of injected mistakes recorded in a manifest.
//
// # The departments
//
// Each department is one of 22 kinds (医疗保障局, 财政局, 公安局, 教育局 …)
// in a made-up region (青山市, 白水县 …), with the real function codes of
// its kind (2101501 行政运行, 2101506 医疗保障经办事务 …), the codes every
// department has for its staff (2080505, 2080506, 2101101, 2210201) and
// real economic codes (30101 基本工资 … 31007). Its size is drawn from a
// log-normal distribution (a handful to several hundred staff, a few
// hundred thousand to hundreds of millions of 元); its pay follows its
// staff, its public spending its staff and prices, its projects a trend of
// their own. The code tree stays the same from year to year and the
// amounts move, so the series is consistent: each year's "比上年" figures
// and 上年数 columns are the previous year's published figures.
// Department i is drawn from the seed and i alone, so a corpus is the same
// whatever the number of workers, and the clean documents are the same
// whatever the mistake rate.
//
// # Injected mistakes
//
// A share of the documents (Options.MistakeRate) gets exactly one mistake,
// of a type drawn among those that apply to it (see MistakeTypes): a
// changed table cell, a wrong sum, a wrong percentage or amount in the
// prose, a missing table, a wrong year-on-year change (a change and rate
// that agree with each other but not with the previous year's
// disclosure), a 上年数 cell that disagrees with the previous year. Each is
// recorded in manifest.jsonl with the rules expected to find it and the
// lines involved. Verify checks a corpus and measures recall and false
// positives against the manifest.
//
// # Files
//
// A corpus directory holds corpus.json (the options and counts),
// manifest.jsonl (one Mistake a line) and reports-NNNN.jsonl shards: one
// report a line, as the JSON of gongkai.Report (without its source
// lines), a department's years in order. JSON is what loads fastest: no
// recognition is needed to read a report back.
package synth

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gongkai"
	"gongkai/budget"
	"gongkai/generate"
	"gongkai/series"
)

// Options say what corpus to write.
type Options struct {
	Departments int            // number of departments (default 200)
	Years       int            // years per department (default 2)
	FirstYear   int            // the first year written (default 2021)
	Kinds       []gongkai.Kind // default: budgets only
	Seed        int64          // default 1
	// MistakeRate is the share of documents given one injected mistake
	// (default 0.1; negative for none).
	MistakeRate float64
	// PerShard is the number of departments a shard file holds (default 500).
	PerShard int
	// Workers generate departments in parallel (default GOMAXPROCS).
	Workers int
}

func (o *Options) defaults() {
	if o.Departments <= 0 {
		o.Departments = 200
	}
	if o.Years <= 0 {
		o.Years = 2
	}
	if o.FirstYear == 0 {
		o.FirstYear = 2021
	}
	if len(o.Kinds) == 0 {
		o.Kinds = []gongkai.Kind{gongkai.Budget}
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.MistakeRate == 0 {
		o.MistakeRate = 0.1
	}
	if o.MistakeRate < 0 {
		o.MistakeRate = 0
	}
	if o.PerShard <= 0 {
		o.PerShard = 500
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// Summary is corpus.json: what was written.
type Summary struct {
	Format    string         `json:"format"` // "gongkai-synth"
	Version   int            `json:"version"`
	Options   Options        `json:"options"`
	Documents int            `json:"documents"`
	Mistakes  int            `json:"mistakes"`
	ByType    map[string]int `json:"by_type"`
	Shards    []string       `json:"shards"`
	Bytes     int64          `json:"bytes"`
	Elapsed   string         `json:"elapsed"`
}

// Mistake is one injected mistake, a line of manifest.jsonl.
type Mistake struct {
	Department string       `json:"department"`
	Key        string       `json:"key"`
	Year       int          `json:"year"`
	Kind       gongkai.Kind `json:"kind"`
	Shard      string       `json:"shard"`
	Type       string       `json:"type"`
	// Rules are the rule ids expected to find it (any one suffices).
	Rules []string `json:"rules"`
	// Lines are the lines of the document involved; empty when the
	// mistake has no place (a missing table).
	Lines  []int  `json:"lines,omitempty"`
	Detail string `json:"detail"` // what was changed, in Chinese
	// Note says more of where the mistake is, for reading recall by case:
	// for a share, which shares and the kind of disclosure
	// ("three-costs/budget", "classes/final", "totals/budget" …).
	Note string `json:"note,omitempty"`
}

// DocID names a document of the corpus: department, year and kind.
func DocID(department string, year int, kind gongkai.Kind) string {
	return fmt.Sprintf("%s|%d|%s", department, year, kind)
}

// ID is the document the mistake is in.
func (m *Mistake) ID() string { return DocID(m.Department, m.Year, m.Kind) }

// Write writes a corpus into dir (created if needed) and returns its
// summary.
func Write(ctx context.Context, dir string, opt Options) (*Summary, error) {
	opt.defaults()
	start := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	shards := (opt.Departments + opt.PerShard - 1) / opt.PerShard
	sum := &Summary{Format: "gongkai-synth", Version: 1, Options: opt, ByType: map[string]int{}}
	for s := 0; s < shards; s++ {
		sum.Shards = append(sum.Shards, shardName(s))
	}
	mistakes := make([][]Mistake, shards)
	var docs, bytes atomic.Int64
	jobs := make(chan int)
	errs := make(chan error, shards)
	var wg sync.WaitGroup
	for w := 0; w < opt.Workers; w++ {
		wg.Go(func() {
			for s := range jobs {
				ms, n, b, err := writeShard(ctx, dir, s, opt)
				if err != nil {
					errs <- fmt.Errorf("%s: %w", shardName(s), err)
					continue
				}
				mistakes[s] = ms
				docs.Add(int64(n))
				bytes.Add(b)
			}
		})
	}
	for s := 0; s < shards; s++ {
		if ctx.Err() != nil {
			break
		}
		jobs <- s
	}
	close(jobs)
	wg.Wait()
	close(errs)
	if err := errors.Join(<-errs, ctx.Err()); err != nil {
		return nil, err
	}
	mf, err := os.Create(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriter(mf)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, ms := range mistakes {
		for i := range ms {
			if err := enc.Encode(&ms[i]); err != nil {
				mf.Close()
				return nil, err
			}
			sum.Mistakes++
			sum.ByType[ms[i].Type]++
		}
	}
	if err := errors.Join(bw.Flush(), mf.Close()); err != nil {
		return nil, err
	}
	sum.Documents = int(docs.Load())
	sum.Bytes = bytes.Load()
	sum.Elapsed = time.Since(start).Round(time.Millisecond).String()
	b, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return nil, err
	}
	return sum, os.WriteFile(filepath.Join(dir, "corpus.json"), append(b, '\n'), 0o644)
}

func shardName(s int) string { return fmt.Sprintf("reports-%04d.jsonl", s) }

// seedOf mixes the corpus seed with a department index and a stream
// number into a seed of its own (splitmix64).
func seedOf(seed int64, i, stream int) int64 {
	x := uint64(seed) ^ uint64(i)*0x9e3779b97f4a7c15 ^ uint64(stream)*0xbf58476d1ce4e5b9
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return int64(x >> 1)
}

// writeShard writes the departments of shard s.
func writeShard(ctx context.Context, dir string, s int, opt Options) ([]Mistake, int, int64, error) {
	f, err := os.Create(filepath.Join(dir, shardName(s)))
	if err != nil {
		return nil, 0, 0, err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	cw := &countWriter{w: bw}
	var out []Mistake
	n := 0
	for i := s * opt.PerShard; i < min((s+1)*opt.PerShard, opt.Departments); i++ {
		if err := ctx.Err(); err != nil {
			f.Close()
			return nil, 0, 0, err
		}
		docs, ms, err := Department(i, opt)
		if err != nil {
			f.Close()
			return nil, 0, 0, fmt.Errorf("department %d: %w", i, err)
		}
		for _, r := range docs {
			b, err := json.Marshal(r)
			if err != nil {
				f.Close()
				return nil, 0, 0, err
			}
			cw.Write(b)
			cw.Write([]byte{'\n'})
			n++
		}
		for k := range ms {
			ms[k].Shard = shardName(s)
		}
		out = append(out, ms...)
	}
	if err := errors.Join(cw.err, bw.Flush(), f.Close()); err != nil {
		return nil, 0, 0, err
	}
	return out, n, cw.n, nil
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(b)
	c.n += int64(n)
	c.err = err
	return n, err
}

// Department generates the documents of department i (its years in
// order, each year's kinds in the order of opt.Kinds) and the mistakes
// injected into them.
func Department(i int, opt Options) ([]*gongkai.Report, []Mistake, error) {
	opt.defaults()
	rng := rand.New(rand.NewSource(seedOf(opt.Seed, i, 0)))
	d := newDept(i, rng)
	// The year before the first is generated too, unwritten, so that
	// the first year's "比上年" figures are real.
	st := d.firstState(opt.FirstYear-1, rng)
	prev := map[gongkai.Kind]*facts{}
	var docs []*gongkai.Report
	var ms []Mistake
	for y := opt.FirstYear - 1; y < opt.FirstYear+opt.Years; y++ {
		if y > st.year {
			st = d.next(st, rng)
		}
		bd := d.data(st, rng)
		for _, kind := range opt.Kinds {
			data := bd
			if kind == gongkai.Final {
				data = d.final(bd, rng)
			}
			written := y >= opt.FirstYear
			mrng := rand.New(rand.NewSource(seedOf(opt.Seed, i, 1+2*(y-opt.FirstYear+1)+kindIndex(kind))))
			var order []string // the mistake types to try, in order
			if written && mrng.Float64() < opt.MistakeRate {
				order = d.mistakeOrder(mrng, y > opt.FirstYear)
			}
			p := prev[kind]
			setPrior(data, p)
			var yoyQ gongkai.Quantity
			if len(order) > 0 && order[0] == TypeYoY {
				if yoyQ = injectYoY(data, p, d.step, mrng); yoyQ == "" {
					order = order[1:]
				}
			}
			r, err := generate.Report(data)
			if err != nil {
				return nil, nil, fmt.Errorf("%d %s: %w", y, kind, err)
			}
			next := factsOf(r)
			if written {
				var m *Mistake
				if yoyQ != "" {
					if m = yoyMistake(r, yoyQ, data.Prior[yoyQ], p); m == nil {
						// The change was not printed: the document is made
						// again with the right figures and gets another mistake.
						setPrior(data, p)
						if r, err = generate.Report(data); err != nil {
							return nil, nil, err
						}
					}
					order = order[1:]
				}
				r.File = fmt.Sprintf("%s%d年%s.json", d.name, y, kind.Chinese())
				if d.priorCols && p != nil {
					addPriorColumns(r, p)
				}
				for m == nil && len(order) > 0 {
					typ := order[0]
					order = order[1:]
					if typ != TypeYoY {
						m = mutate(r, typ, mrng)
					}
				}
				if m != nil {
					m.Department, m.Key, m.Year, m.Kind = r.Department, series.Key(r), y, kind
					ms = append(ms, *m)
				}
				docs = append(docs, r)
			}
			prev[kind] = next
		}
	}
	return docs, ms, nil
}

func kindIndex(k gongkai.Kind) int {
	if k == gongkai.Final {
		return 1
	}
	return 0
}

// facts are what next year's disclosure restates of a year's: its
// figures and the rows of the tables with a 上年数 column.
type facts struct {
	figures map[gongkai.Quantity]int64
	rows    map[gongkai.TableKind]map[string]int64
}

// priorTables are the tables synthetic disclosures give a 上年数 column.
var priorTables = []gongkai.TableKind{gongkai.TThreeCosts, gongkai.TGeneralFunction}

func rowKey(r *gongkai.Row) string {
	if r.Code != "" {
		return "c" + r.Code
	}
	return "i" + string(r.Item)
}

func factsOf(r *gongkai.Report) *facts {
	f := &facts{figures: map[gongkai.Quantity]int64{}, rows: map[gongkai.TableKind]map[string]int64{}}
	for _, q := range budget.PriorQuantities {
		if s, ok := r.ValueOf(q); ok {
			f.figures[q] = s.Value.Fen
		}
	}
	for _, k := range priorTables {
		t := r.Table(k)
		if t == nil {
			continue
		}
		m := map[string]int64{}
		for _, row := range t.Rows {
			if c := series.StageCell(r, row); c != nil {
				m[rowKey(row)] = c.Money.Fen
			}
		}
		f.rows[k] = m
	}
	return f
}

// setPrior sets the data's prior-year figures to what the previous
// year's disclosure printed.
func setPrior(d *budget.Data, p *facts) {
	d.Prior = map[gongkai.Quantity]budget.Amount{}
	if p == nil {
		return
	}
	for q, fen := range p.figures {
		d.Prior[q] = budget.Amount(fen)
	}
}

// addPriorColumns gives the "三公" and 一般公共预算支出 tables a 上年数
// column with the previous year's figures, as many localities print.
func addPriorColumns(r *gongkai.Report, p *facts) {
	label := "上年预算数"
	if r.Kind == gongkai.Final {
		label = "上年决算数"
	}
	for _, k := range priorTables {
		t := r.Table(k)
		prior := p.rows[k]
		if t == nil || prior == nil {
			continue
		}
		t.Columns = append([]gongkai.Column{{Role: gongkai.RPrior, Label: label}}, t.Columns...)
		for _, row := range t.Rows {
			fen, ok := prior[rowKey(row)]
			if !ok || fen == 0 {
				continue
			}
			if k == gongkai.TThreeCosts && series.StageCell(r, row) == nil {
				// This year's figure printed as 0, not left blank: a blank
				// would leave the prior figure to be read as this year's.
				u := r.Unit
				row.Cells = append(row.Cells, gongkai.Cell{Role: r.StageRole(), Label: "本年" + strings.TrimPrefix(label, "上年"),
					Text: gongkai.FormatThousands(0, u, 2), Money: &gongkai.Money{Unit: u, Places: 2}, Loc: row.Loc})
			}
			m := &gongkai.Money{Fen: fen, Unit: r.Unit, Places: 2}
			row.Cells = append([]gongkai.Cell{{Role: gongkai.RPrior, Label: label,
				Text: gongkai.FormatThousands(fen, r.Unit, 2), Money: m, Loc: row.Loc}}, row.Cells...)
		}
	}
}

// Corpus is a corpus directory opened for reading.
type Corpus struct {
	Dir     string
	Summary Summary
}

// Open opens a corpus directory written by Write.
func Open(dir string) (*Corpus, error) {
	b, err := os.ReadFile(filepath.Join(dir, "corpus.json"))
	if err != nil {
		return nil, fmt.Errorf("not a synthetic corpus (corpus.json): %w", err)
	}
	c := &Corpus{Dir: dir}
	if err := json.Unmarshal(b, &c.Summary); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "corpus.json"), err)
	}
	if c.Summary.Format != "gongkai-synth" {
		return nil, fmt.Errorf("%s: not a gongkai-synth corpus", dir)
	}
	return c, nil
}

// Shards returns the paths of the corpus's report files.
func (c *Corpus) Shards() []string {
	var out []string
	for _, s := range c.Summary.Shards {
		out = append(out, filepath.Join(c.Dir, s))
	}
	return out
}

// Manifest reads the injected mistakes.
func (c *Corpus) Manifest() ([]Mistake, error) {
	f, err := os.Open(filepath.Join(c.Dir, "manifest.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Mistake
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for {
		var m Mistake
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("manifest.jsonl: %w", err)
		}
		out = append(out, m)
	}
	return out, nil
}

// ReadShard calls fn with each report of a shard file, in order, with the
// bytes it was read from.
func ReadShard(path string, fn func(r *gongkai.Report, raw []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 && !(len(b) == 1 && b[0] == '\n') {
			var r gongkai.Report
			if err := json.Unmarshal(b, &r); err != nil {
				return fmt.Errorf("%s:%d: %w", path, line, err)
			}
			if err := fn(&r, b); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Each reads every shard with the given number of workers (default
// GOMAXPROCS) and calls fn for each report; a shard's reports come in
// order from one goroutine, different shards concurrently.
func (c *Corpus) Each(ctx context.Context, workers int, fn func(shard int, r *gongkai.Report, raw []byte) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	shards := c.Shards()
	jobs := make(chan int)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for s := range jobs {
				err := ReadShard(shards[s], func(r *gongkai.Report, raw []byte) error {
					if err := ctx.Err(); err != nil {
						return err
					}
					return fn(s, r, raw)
				})
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	for s := range shards {
		jobs <- s
	}
	close(jobs)
	wg.Wait()
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// EachWithPrevious is Each, and also passes fn the previous year's report
// of the same department and kind when it comes just before in the shard
// (as Write lays out a department's years), else nil.
func (c *Corpus) EachWithPrevious(ctx context.Context, workers int, fn func(shard int, r, prev *gongkai.Report, raw []byte) error) error {
	type last struct {
		key string
		r   *gongkai.Report
	}
	var mu sync.Mutex
	prevs := map[int]map[gongkai.Kind]last{}
	return c.Each(ctx, workers, func(shard int, r *gongkai.Report, raw []byte) error {
		mu.Lock()
		pm := prevs[shard]
		if pm == nil {
			pm = map[gongkai.Kind]last{}
			prevs[shard] = pm
		}
		mu.Unlock()
		key := series.Key(r)
		var prev *gongkai.Report
		if p, ok := pm[r.Kind]; ok && p.key == key && p.r.Year == r.Year-1 {
			prev = p.r
		}
		pm[r.Kind] = last{key, r}
		return fn(shard, r, prev, raw)
	})
}
