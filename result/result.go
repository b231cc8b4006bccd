// Package result holds the outcome of checking one disclosure as the CLI
// prints it and the API returns it: the report's facts, its tables with
// values by column role, and the findings.
package result

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"gongkai"
)

// Result is the JSON form of a checked disclosure.
type Result struct {
	File       string             `json:"file"`
	Department string             `json:"department"`
	Year       int                `json:"year"`
	Kind       gongkai.Kind       `json:"kind"`
	Unit       gongkai.Unit       `json:"unit"`
	Units      []gongkai.Unit     `json:"units"`
	Summary    map[string]*string `json:"summary"`
	Tables     []Table            `json:"tables"`
	Claims     int                `json:"claims"`
	Findings   []Finding          `json:"findings"`
	Counts     Counts             `json:"counts"`
}

// Counts counts findings by severity.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Table is a table with its rows' values keyed by column role.
type Table struct {
	Kind   gongkai.TableKind `json:"kind"`
	Name   string            `json:"name"`
	Title  string            `json:"title"`
	Number string            `json:"number,omitempty"`
	Unit   gongkai.Unit      `json:"unit"`
	Line   int               `json:"line"`
	Page   int               `json:"page,omitempty"`
	Note   string            `json:"note,omitempty"`
	Rows   []Row             `json:"rows"`
}

// Row is one row: values are decimal strings in the table's unit, keyed by
// role (suffixed with the side for two-sided tables when it would clash).
type Row struct {
	Code   string            `json:"code,omitempty"`
	Name   string            `json:"name"`
	Item   gongkai.Item      `json:"item,omitempty"`
	Side   gongkai.Side      `json:"side,omitempty"`
	Line   int               `json:"line"`
	Values map[string]string `json:"values"`
}

// Finding is a finding as printed.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file,omitempty"`
	Page     int    `json:"page,omitempty"`
	Line     int    `json:"line"`
	Quote    string `json:"quote,omitempty"`
	Expected string `json:"expected"`
	Found    string `json:"found"`
}

// WithoutInfo returns the findings that are not rounding notes (info),
// as check --quiet shows them; never nil.
func WithoutInfo(fs []Finding) []Finding {
	keep := []Finding{}
	for _, f := range fs {
		if f.Severity != "info" {
			keep = append(keep, f)
		}
	}
	return keep
}

// New builds the result of checking r.
func New(r *gongkai.Report, fs []gongkai.Finding) *Result {
	res := &Result{File: r.File, Department: r.Department, Year: r.Year, Kind: r.Kind, Unit: r.Unit,
		Units: r.Units, Summary: map[string]*string{}, Claims: len(r.Claims)}
	if res.Units == nil {
		res.Units = []gongkai.Unit{}
	}
	for _, q := range gongkai.SummaryQuantities {
		f := r.Summary.Field(q)
		if f == nil || *f == nil {
			res.Summary[string(q)] = nil
			continue
		}
		m := (*f).In(r.Unit)
		s := m.Decimal()
		res.Summary[string(q)] = &s
	}
	res.Tables = []Table{}
	for _, t := range r.Tables {
		jt := Table{Kind: t.Kind, Name: t.Kind.Name(), Title: t.Title, Number: t.Number, Unit: t.Unit,
			Line: t.Loc.Line, Page: t.Loc.Page, Note: t.Note, Rows: []Row{}}
		for _, row := range t.Rows {
			jr := Row{Code: row.Code, Name: row.Name, Item: row.Item, Side: row.Side, Line: row.Loc.Line, Values: map[string]string{}}
			for _, c := range row.Cells {
				key := string(c.Role)
				if key == "" {
					key = "value"
				}
				if _, dup := jr.Values[key]; dup {
					continue
				}
				switch {
				case c.Money != nil:
					jr.Values[key] = c.Money.Decimal()
				case c.Fixed != nil:
					jr.Values[key] = c.Fixed.String()
				}
			}
			jt.Rows = append(jt.Rows, jr)
		}
		res.Tables = append(res.Tables, jt)
	}
	res.Findings = []Finding{}
	for _, f := range fs {
		res.Findings = append(res.Findings, Finding{Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message,
			File: f.Loc.File, Page: f.Loc.Page, Line: f.Loc.Line, Quote: f.Quote, Expected: f.Expected, Found: f.Found})
		switch f.Severity {
		case gongkai.Error:
			res.Counts.Errors++
		case gongkai.Warning:
			res.Counts.Warnings++
		default:
			res.Counts.Infos++
		}
	}
	return res
}

// WriteText prints a result for a person: the facts, then the findings
// grouped by severity, each with rule, place, quote, expected and found.
func WriteText(w io.Writer, res *Result, minSeverity gongkai.Severity) {
	fmt.Fprintf(w, "== %s ==\n", res.File)
	kind := gongkai.Kind(res.Kind).Chinese()
	fmt.Fprintf(w, "%s  %d年  %s  金额单位：%s  表格%d张  说明中的数字陈述%d处\n",
		orDash(res.Department), res.Year, kind, res.Unit, len(res.Tables), res.Claims)
	var parts []string
	for _, k := range []string{"income_total", "expenditure_total", "basic", "project", "three_costs"} {
		if v := res.Summary[k]; v != nil {
			parts = append(parts, summaryName[k]+" "+*v)
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "%s（%s）\n", strings.Join(parts, "，"), res.Unit)
	}
	fmt.Fprintf(w, "错误 %d  警告 %d  提示 %d\n", res.Counts.Errors, res.Counts.Warnings, res.Counts.Infos)
	groups := map[string][]Finding{}
	for _, f := range res.Findings {
		groups[f.Severity] = append(groups[f.Severity], f)
	}
	for _, sev := range []gongkai.Severity{gongkai.Error, gongkai.Warning, gongkai.Info} {
		fs := groups[sev.String()]
		if len(fs) == 0 || sev < minSeverity {
			continue
		}
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Line < fs[j].Line })
		fmt.Fprintf(w, "\n%s（%d）\n", sev.Chinese(), len(fs))
		for _, f := range fs {
			where := fmt.Sprintf("第%d行", f.Line)
			if f.Page > 0 {
				where = fmt.Sprintf("第%d页 %s", f.Page, where)
			}
			if f.File != "" && f.File != res.File {
				where = f.File + " " + where
			}
			fmt.Fprintf(w, "  [%s] %s  %s\n", f.Rule, where, f.Message)
			if f.Quote != "" {
				fmt.Fprintf(w, "      原文：%s\n", f.Quote)
			}
			if f.Expected != "" || f.Found != "" {
				fmt.Fprintf(w, "      应为：%s    实为：%s\n", orDash(f.Expected), orDash(f.Found))
			}
		}
	}
	fmt.Fprintln(w)
}

var summaryName = map[string]string{
	"income_total": "收入", "expenditure_total": "支出", "basic": "基本支出", "project": "项目支出", "three_costs": "“三公”经费",
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
