// Package check holds the rules that read a report and say what in it does
// not add up. Rules read only reports: they never open files.
//
// Every rule has a stable id, a default severity and a Chinese name; see
// docs/rules.md. A difference within rounding tolerance (about half a unit of
// the last printed digit per rounded figure) is reported as a rounding note
// (info); beyond it, as an error.
package check

import (
	"fmt"
	"sort"
	"strings"

	"gongkai"
)

// Rule is one check.
type Rule struct {
	ID       string
	Severity gongkai.Severity // the severity of a real inconsistency
	Name     string           // Chinese name
	Doc      string           // what it checks, in Chinese
	run      func(c *ctx)
}

// Options tune a run.
type Options struct {
	// Catalog, when set, is the classification catalogue names are checked against.
	Catalog Catalog
	// Only, when set, runs only the rules with these ids (or id prefixes).
	Only []string
}

// Catalog maps a classification code to its official name for a year.
type Catalog interface {
	// Name returns the catalogue name of code for year, and whether the
	// catalogue has the code.
	Name(year int, code string) (string, bool)
}

// Rules returns every rule, in the order they run.
func Rules() []Rule { return rules }

var rules []Rule

func register(r Rule) { rules = append(rules, r) }

// ctx is the state of one run.
type ctx struct {
	r        *gongkai.Report
	opt      Options
	findings []gongkai.Finding
	rule     *Rule
	seen     map[string]bool
}

// Run checks a report and returns its findings, errors first.
func Run(r *gongkai.Report, opt Options) []gongkai.Finding {
	c := &ctx{r: r, opt: opt, seen: map[string]bool{}}
	for i := range rules {
		if !selected(rules[i].ID, opt.Only) {
			continue
		}
		c.rule = &rules[i]
		rules[i].run(c)
	}
	gongkai.SortFindings(c.findings)
	return c.findings
}

func selected(id string, only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if id == o || strings.HasPrefix(id, o+".") || strings.HasPrefix(id, o) {
			return true
		}
	}
	return false
}

// report adds a finding of the current rule.
func (c *ctx) report(sev gongkai.Severity, loc gongkai.Loc, msg, expected, found string, related ...gongkai.Loc) {
	key := fmt.Sprintf("%s|%v|%s|%s", c.rule.ID, loc, msg, found)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.findings = append(c.findings, gongkai.Finding{
		Rule: c.rule.ID, Severity: sev, Message: msg, Loc: loc, Line: loc.Line,
		Quote: quote(c.r.Quote(loc)), Expected: expected, Found: found, Related: related,
	})
}

// quote shortens a source line for display.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// Summary counts findings by severity.
type Summary struct {
	Errors, Warnings, Infos int
}

// Count counts findings by severity.
func Count(fs []gongkai.Finding) Summary {
	var s Summary
	for _, f := range fs {
		switch f.Severity {
		case gongkai.Error:
			s.Errors++
		case gongkai.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	return s
}

// ByRule groups findings by rule id, sorted.
func ByRule(fs []gongkai.Finding) map[string][]gongkai.Finding {
	out := map[string][]gongkai.Finding{}
	for _, f := range fs {
		out[f.Rule] = append(out[f.Rule], f)
	}
	return out
}

// RuleIDs lists the ids of all rules, sorted.
func RuleIDs() []string {
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}
