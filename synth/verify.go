package synth

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"gongkai"
	"gongkai/check"
	"gongkai/series"
)

// Result is what Verify measured: how many injected mistakes the rules
// found, and what they reported on documents without one.
type Result struct {
	Documents int `json:"documents"`
	Clean     int `json:"clean"` // documents without an injected mistake
	Mistakes  int `json:"mistakes"`
	// Found counts mistakes reported by an expected rule at an expected
	// line (or with it among the finding's related places); FoundRule by
	// an expected rule anywhere in the document.
	Found     int                   `json:"found"`
	FoundRule int                   `json:"found_rule"`
	ByType    map[string]*TypeCount `json:"by_type"` // by type, and note when there is one ("percent/whole-elsewhere")
	// CleanWithErrors counts clean documents with at least one
	// error-severity finding (false positives); CleanWithWarnings those
	// with at least one warning.
	CleanWithErrors   int            `json:"clean_with_errors"`
	CleanWithWarnings int            `json:"clean_with_warnings"`
	CleanErrorRules   map[string]int `json:"clean_error_rules"`
	CleanWarningRules map[string]int `json:"clean_warning_rules"`
	// Inherited counts clean documents whose only errors are series
	// findings against a previous year that has an injected mistake
	// (correct findings: the two years disagree).
	Inherited int `json:"inherited"`
	// Unexpected counts error findings in documents with a mistake by a
	// rule not expected for it (consequences of the mistake elsewhere).
	Unexpected      int            `json:"unexpected"`
	UnexpectedRules map[string]int `json:"unexpected_rules"`
	Missed          []Mistake      `json:"missed,omitempty"`       // the first mistakes not found
	FalseErrors     []DocFinding   `json:"false_errors,omitempty"` // the first errors on clean documents

	Elapsed   time.Duration `json:"elapsed_ns"`
	CheckTime time.Duration `json:"check_ns"`  // in check.Run, summed over workers
	SeriesTim time.Duration `json:"series_ns"` // in series.Check, summed over workers
}

// TypeCount counts the mistakes of a type.
type TypeCount struct {
	Injected  int `json:"injected"`
	Found     int `json:"found"`
	FoundRule int `json:"found_rule"`
}

// DocFinding is a finding and the document it is in.
type DocFinding struct {
	Doc     string          `json:"doc"`
	Finding gongkai.Finding `json:"finding"`
}

// Recall is the share of injected mistakes found at their place.
func (r *Result) Recall() float64 {
	if r.Mistakes == 0 {
		return 1
	}
	return float64(r.Found) / float64(r.Mistakes)
}

// FalsePositiveRate is the share of clean documents with an error.
func (r *Result) FalsePositiveRate() float64 {
	if r.Clean == 0 {
		return 0
	}
	return float64(r.CleanWithErrors) / float64(r.Clean)
}

const keepExamples = 20

func (r *Result) merge(o *Result) {
	r.Documents += o.Documents
	r.Clean += o.Clean
	r.Mistakes += o.Mistakes
	r.Found += o.Found
	r.FoundRule += o.FoundRule
	for t, c := range o.ByType {
		x := r.ByType[t]
		if x == nil {
			x = &TypeCount{}
			r.ByType[t] = x
		}
		x.Injected += c.Injected
		x.Found += c.Found
		x.FoundRule += c.FoundRule
	}
	r.CleanWithErrors += o.CleanWithErrors
	r.CleanWithWarnings += o.CleanWithWarnings
	addCounts(r.CleanErrorRules, o.CleanErrorRules)
	addCounts(r.CleanWarningRules, o.CleanWarningRules)
	r.Inherited += o.Inherited
	r.Unexpected += o.Unexpected
	addCounts(r.UnexpectedRules, o.UnexpectedRules)
	r.Missed = append(r.Missed, o.Missed...)
	r.FalseErrors = append(r.FalseErrors, o.FalseErrors...)
	r.CheckTime += o.CheckTime
	r.SeriesTim += o.SeriesTim
}

func addCounts(dst, src map[string]int) {
	for k, v := range src {
		dst[k] += v
	}
}

func newResult() *Result {
	return &Result{ByType: map[string]*TypeCount{}, CleanErrorRules: map[string]int{}, CleanWarningRules: map[string]int{},
		UnexpectedRules: map[string]int{}}
}

// Verify checks every document of a corpus with the rules of package
// check and, against the previous year's document of the same department,
// those of package series, and compares the findings with the manifest.
func Verify(ctx context.Context, c *Corpus, workers int) (*Result, error) {
	start := time.Now()
	ms, err := c.Manifest()
	if err != nil {
		return nil, err
	}
	byDoc := make(map[string]*Mistake, len(ms))
	for i := range ms {
		byDoc[ms[i].ID()] = &ms[i]
	}
	var mu sync.Mutex
	results := map[int]*Result{}
	err = c.EachWithPrevious(ctx, workers, func(shard int, r, prev *gongkai.Report, _ []byte) error {
		mu.Lock()
		res := results[shard]
		if res == nil {
			res = newResult()
			results[shard] = res
		}
		mu.Unlock()
		t0 := time.Now()
		fs := check.Run(r, check.Options{})
		t1 := time.Now()
		if prev != nil {
			fs = append(fs, series.Check(r, prev)...)
		}
		res.CheckTime += t1.Sub(t0)
		res.SeriesTim += time.Since(t1)
		var prevMistake bool
		if prev != nil {
			_, prevMistake = byDoc[DocID(prev.Department, prev.Year, prev.Kind)]
		}
		res.judge(r, fs, byDoc[DocID(r.Department, r.Year, r.Kind)], prevMistake)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := newResult()
	shards := make([]int, 0, len(results))
	for s := range results {
		shards = append(shards, s)
	}
	sort.Ints(shards)
	for _, s := range shards {
		out.merge(results[s])
	}
	if len(out.Missed) > keepExamples {
		out.Missed = out.Missed[:keepExamples]
	}
	if len(out.FalseErrors) > keepExamples {
		out.FalseErrors = out.FalseErrors[:keepExamples]
	}
	if out.Mistakes != len(ms) {
		return out, fmt.Errorf("the manifest lists %d mistakes, the corpus has %d documents with one", len(ms), out.Mistakes)
	}
	out.Elapsed = time.Since(start)
	return out, nil
}

// judge compares one document's findings with its injected mistake.
func (res *Result) judge(r *gongkai.Report, fs []gongkai.Finding, m *Mistake, prevMistake bool) {
	res.Documents++
	doc := DocID(r.Department, r.Year, r.Kind)
	if m == nil {
		res.Clean++
		var errs, seriesErrs int
		warned := false
		for _, f := range fs {
			switch f.Severity {
			case gongkai.Error:
				errs++
				if strings.HasPrefix(f.Rule, "series.") {
					seriesErrs++
				}
			case gongkai.Warning:
				warned = true
				res.CleanWarningRules[f.Rule]++
			}
		}
		if warned {
			res.CleanWithWarnings++
		}
		if errs == 0 {
			return
		}
		if errs == seriesErrs && prevMistake {
			res.Inherited++
			return
		}
		res.CleanWithErrors++
		for _, f := range fs {
			if f.Severity == gongkai.Error {
				res.CleanErrorRules[f.Rule]++
				if len(res.FalseErrors) < keepExamples {
					res.FalseErrors = append(res.FalseErrors, DocFinding{doc, f})
				}
			}
		}
		return
	}
	res.Mistakes++
	typ := m.Type
	if m.Note != "" {
		typ += "/" + m.Note
	}
	tc := res.ByType[typ]
	if tc == nil {
		tc = &TypeCount{}
		res.ByType[typ] = tc
	}
	tc.Injected++
	found, foundRule := false, false
	for _, f := range fs {
		expected := slices.Contains(m.Rules, f.Rule)
		if f.Severity == gongkai.Error && !expected {
			res.Unexpected++
			res.UnexpectedRules[f.Rule]++
		}
		if f.Severity < gongkai.Warning || !expected {
			continue
		}
		foundRule = true
		if len(m.Lines) == 0 || slices.Contains(m.Lines, f.Line) {
			found = true
		}
		for _, l := range f.Related {
			if l.File == "" && slices.Contains(m.Lines, l.Line) {
				found = true
			}
		}
	}
	if found {
		res.Found++
		tc.Found++
	}
	if foundRule {
		res.FoundRule++
		tc.FoundRule++
	}
	if !found && len(res.Missed) < keepExamples {
		res.Missed = append(res.Missed, *m)
	}
}

// WriteText prints a result in Chinese.
func (r *Result) WriteText(w io.Writer) {
	fmt.Fprintf(w, "文档 %d 份：含注入错误 %d 份，无错误 %d 份\n", r.Documents, r.Mistakes, r.Clean)
	fmt.Fprintf(w, "召回率：%d / %d = %.2f%%（按规则和位置）；按规则 %d / %d\n", r.Found, r.Mistakes, 100*r.Recall(), r.FoundRule, r.Mistakes)
	var types []string
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := r.ByType[t]
		fmt.Fprintf(w, "  %-32s 注入 %6d  发现 %6d  （按规则 %d）\n", t, c.Injected, c.Found, c.FoundRule)
	}
	fmt.Fprintf(w, "误报：无错误文档中有“错误”级结果的 %d / %d = %.3f%%", r.CleanWithErrors, r.Clean, 100*r.FalsePositiveRate())
	if len(r.CleanErrorRules) > 0 {
		fmt.Fprintf(w, "（%s）", counts(r.CleanErrorRules))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "无错误文档中有“警告”的 %d 份", r.CleanWithWarnings)
	if len(r.CleanWarningRules) > 0 {
		fmt.Fprintf(w, "（%s）", counts(r.CleanWarningRules))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "上年注入错误引起的跨年结果：%d 份；含错误文档中其他规则的“错误”：%d 条", r.Inherited, r.Unexpected)
	if len(r.UnexpectedRules) > 0 {
		fmt.Fprintf(w, "（%s）", counts(r.UnexpectedRules))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "用时 %v（检查 %v，跨年检查 %v，各线程合计）\n", r.Elapsed.Round(time.Millisecond),
		r.CheckTime.Round(time.Millisecond), r.SeriesTim.Round(time.Millisecond))
	for _, m := range r.Missed {
		fmt.Fprintf(w, "  未发现：%s %d %s [%s] %s\n", m.Department, m.Year, m.Kind.Chinese(), m.Type, m.Detail)
	}
	for _, f := range r.FalseErrors {
		fmt.Fprintf(w, "  误报：%s [%s] 第%d行 %s\n", f.Doc, f.Finding.Rule, f.Finding.Line, f.Finding.Message)
	}
}

func counts(m map[string]int) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var out []string
	for _, k := range ks {
		out = append(out, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(out, "，")
}
