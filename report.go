// Package gongkai holds the domain of departmental budget and final-account
// disclosure (部门预算公开 / 部门决算公开): the report, its tables, prose
// claims and money amounts, and the findings that checking produces.
//
// The Report is the hub of the system. Importers turn a file into a Report,
// the generator turns budget data into a Report, rules read only Reports and
// renderers write them. The package imports nothing heavier than the
// standard library.
package gongkai

import (
	"sort"
	"strings"
)

// Kind says whether a disclosure is a budget or a final account.
type Kind string

// The kinds of disclosure.
const (
	Budget Kind = "budget" // 部门预算
	Final  Kind = "final"  // 部门决算
)

// Chinese returns 预算 or 决算.
func (k Kind) Chinese() string {
	switch k {
	case Budget:
		return "预算"
	case Final:
		return "决算"
	}
	return "未知"
}

// Loc is a place in a source document. Line numbers are 1-based and count
// lines of the text the importer read (for a PDF, the lines it rebuilt, over
// all pages). File is set when several files were read as one disclosure.
type Loc struct {
	File  string `json:"file,omitempty"`
	Page  int    `json:"page,omitempty"`
	Line  int    `json:"line"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
}

// String prints the location the way findings show it.
func (l Loc) String() string {
	var parts []string
	if l.File != "" {
		parts = append(parts, l.File)
	}
	if l.Sheet != "" {
		s := l.Sheet
		if l.Cell != "" {
			s += "!" + l.Cell
		}
		parts = append(parts, s)
	}
	if l.Page > 0 {
		parts = append(parts, "第"+itoa(l.Page)+"页")
	}
	if l.Line > 0 {
		parts = append(parts, "第"+itoa(l.Line)+"行")
	}
	return strings.Join(parts, " ")
}

// Before orders locations by file, page and line.
func (l Loc) Before(m Loc) bool {
	if l.File != m.File {
		return l.File < m.File
	}
	if l.Page != m.Page {
		return l.Page < m.Page
	}
	return l.Line < m.Line
}

// Source is the text of one source file as the importer read it, kept so
// findings can quote the line they point to.
type Source struct {
	File   string   `json:"file"`
	Format string   `json:"format"` // text, html, pdf, xlsx, docx
	Lines  []string `json:"-"`
}

// Report is one disclosure: who published it, for which year, what kind, and
// everything it says, in tables and in prose.
type Report struct {
	File       string     `json:"file"`
	Department string     `json:"department"`
	Year       int        `json:"year"`
	Kind       Kind       `json:"kind"`
	Unit       Unit       `json:"unit"`  // the money unit of the prose (the most used one)
	Units      []Unit     `json:"units"` // every money unit used
	Summary    Summary    `json:"summary"`
	Tables     []*Table   `json:"tables"`
	Sections   []*Section `json:"sections,omitempty"`
	Claims     []*Claim   `json:"claims,omitempty"`
	Sources    []*Source  `json:"-"`
	// Embedded is the machine-readable report a file written by gongkai
	// carries, when the file had one; rules compare it with what the
	// document visibly says.
	Embedded *Embedded `json:"-"`
}

// Embedded is the report data a generated file carries beside its visible
// text, with the SHA-256 recorded when it was written.
type Embedded struct {
	Report *Report
	SHA256 string // as recorded in the file
	Intact bool   // the recorded hash matches the data
}

// Section is a part of the prose: a heading and its paragraphs.
type Section struct {
	Title      string       `json:"title"`
	Loc        Loc          `json:"loc"`
	Paragraphs []*Paragraph `json:"paragraphs"`
}

// Paragraph is a piece of running text. When extraction broke it over
// several source lines, Joins says where each later line starts.
type Paragraph struct {
	Text  string `json:"text"`
	Loc   Loc    `json:"loc"`
	Joins []Join `json:"joins,omitempty"`
}

// Join marks the byte offset in a paragraph's text where a source line starts.
type Join struct {
	Offset int `json:"offset"`
	Loc    Loc `json:"loc"`
}

// LocAt returns the source location of the byte at offset in the text.
func (p *Paragraph) LocAt(offset int) Loc {
	loc := p.Loc
	for _, j := range p.Joins {
		if j.Offset <= offset {
			loc = j.Loc
		}
	}
	return loc
}

// Summary holds the headline figures of a disclosure. A nil field means the
// document does not say.
type Summary struct {
	IncomeTotal      *Money `json:"income_total"`
	ExpenditureTotal *Money `json:"expenditure_total"`
	Basic            *Money `json:"basic"`
	Project          *Money `json:"project"`
	Personnel        *Money `json:"personnel"`
	Public           *Money `json:"public"`
	ThreeCosts       *Money `json:"three_costs"`
	OperatingCosts   *Money `json:"operating_costs"`
	Procurement      *Money `json:"procurement"`
}

// Field returns a pointer to the summary field for a quantity, or nil.
func (s *Summary) Field(q Quantity) **Money {
	switch q {
	case QIncomeTotal:
		return &s.IncomeTotal
	case QExpenditureTotal:
		return &s.ExpenditureTotal
	case QBasic:
		return &s.Basic
	case QProject:
		return &s.Project
	case QPersonnel:
		return &s.Personnel
	case QPublic:
		return &s.Public
	case QThreeCosts:
		return &s.ThreeCosts
	case QOperatingCosts:
		return &s.OperatingCosts
	case QProcurement:
		return &s.Procurement
	}
	return nil
}

// SummaryQuantities lists the quantities of a Summary in display order.
var SummaryQuantities = []Quantity{QIncomeTotal, QExpenditureTotal, QBasic, QProject,
	QPersonnel, QPublic, QThreeCosts, QOperatingCosts, QProcurement}

// Quote returns the source line at loc, trimmed, or "".
func (r *Report) Quote(loc Loc) string {
	for _, s := range r.Sources {
		if s.File != loc.File && loc.File != "" {
			continue
		}
		if loc.Line >= 1 && loc.Line <= len(s.Lines) {
			return strings.TrimSpace(s.Lines[loc.Line-1])
		}
		if loc.File == "" {
			break
		}
	}
	return ""
}

// TablesOf returns the tables of the given kind, in document order.
func (r *Report) TablesOf(k TableKind) []*Table {
	var out []*Table
	for _, t := range r.Tables {
		if t.Kind == k {
			out = append(out, t)
		}
	}
	return out
}

// Table returns the first table of kind k, or nil.
func (r *Report) Table(k TableKind) *Table {
	for _, t := range r.Tables {
		if t.Kind == k {
			return t
		}
	}
	return nil
}

// ClaimsOf returns the claims about quantity q.
func (r *Report) ClaimsOf(q Quantity) []*Claim {
	var out []*Claim
	for _, c := range r.Claims {
		if c.Quantity == q {
			out = append(out, c)
		}
	}
	return out
}

// SortFindings orders findings by severity (errors first), then location, then rule.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Loc != b.Loc {
			return a.Loc.Before(b.Loc)
		}
		return a.Rule < b.Rule
	})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
