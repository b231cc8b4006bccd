package compare

import (
	"encoding/gob"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"

	"gongkai"
)

// Set holds the facts of many disclosures the way consolidation reads
// them: each disclosure's headline figures and staff, and every
// classification line as a row of flat columns (year and kind, code,
// amounts) rather than as small objects scattered over the heap. Adding
// a disclosure is cheap, and adding up hundreds of thousands of lines is a
// loop over arrays; 50,000 disclosures take about 80 MB.
//
// A web handler keeps a Set of the published disclosures and asks it for
// sums; Consolidate and ClassesByYear build a Set for a one-off set of
// facts. A Set can be saved and read back (WriteTo, ReadSet) so that a
// large corpus is read from its documents once.
//
// A Set is not safe for concurrent Add; its queries may run concurrently
// with each other.
type Set struct {
	docs     []*Facts // without their lines
	codes    []string // code id → code
	digits   []uint8  // code id → length of the code
	codeIDs  map[string]int32
	names    []string // name id → name
	nameIDs  map[string]int32
	groups   []group // group id → year and kind
	groupIDs map[group]int32
	fn, ec   columns
}

type group struct {
	Year int
	Kind gongkai.Kind
}

// columns are classification lines, one row per line.
type columns struct {
	Doc   []int32 // the disclosure (index into docs)
	Group []int32 // its year and kind
	Code  []int32
	Name  []int32
	Total []int64
	A, B  []int64
}

func (c *columns) add(doc, grp int32, code, name int32, l *Line) {
	c.Doc = append(c.Doc, doc)
	c.Group = append(c.Group, grp)
	c.Code = append(c.Code, code)
	c.Name = append(c.Name, name)
	c.Total = append(c.Total, l.Total)
	c.A = append(c.A, l.A)
	c.B = append(c.B, l.B)
}

// NewSet returns a set of the given facts.
func NewSet(fs ...*Facts) *Set {
	s := &Set{codeIDs: map[string]int32{}, nameIDs: map[string]int32{}, groupIDs: map[group]int32{}}
	for _, f := range fs {
		s.Add(f)
	}
	return s
}

// Add adds a disclosure's facts. The set keeps a copy of f without its
// lines (Docs); f itself is not kept.
func (s *Set) Add(f *Facts) {
	doc := int32(len(s.docs))
	g := group{f.Year, f.Kind}
	gid, ok := s.groupIDs[g]
	if !ok {
		gid = int32(len(s.groups))
		s.groupIDs[g] = gid
		s.groups = append(s.groups, g)
	}
	for _, x := range []struct {
		ls  []Line
		col *columns
	}{{f.Function, &s.fn}, {f.Economic, &s.ec}} {
		for i := range x.ls {
			l := &x.ls[i]
			x.col.add(doc, gid, s.code(l.Code), s.name(l.Name), l)
		}
	}
	d := *f
	d.Function, d.Economic = nil, nil
	s.docs = append(s.docs, &d)
}

func (s *Set) code(c string) int32 {
	id, ok := s.codeIDs[c]
	if !ok {
		id = int32(len(s.codes))
		s.codeIDs[c] = id
		s.codes = append(s.codes, c)
		s.digits = append(s.digits, uint8(len(c)))
	}
	return id
}

func (s *Set) name(n string) int32 {
	id, ok := s.nameIDs[n]
	if !ok {
		id = int32(len(s.names))
		s.nameIDs[n] = id
		s.names = append(s.names, n)
	}
	return id
}

// Len returns the number of disclosures in the set.
func (s *Set) Len() int { return len(s.docs) }

// Lines returns the number of function and economic lines in the set.
func (s *Set) Lines() (function, economic int) { return len(s.fn.Code), len(s.ec.Code) }

// Docs returns the facts of each disclosure without their lines (enough
// for RatiosFor), in the order they were added.
func (s *Set) Docs() []*Facts { return s.docs }

// cell is a sum being built: one year, kind and code.
type cell struct {
	n           int
	name        int32
	total, a, b int64
}

// sums adds up the rows of cols whose code has the given number of digits
// (0: all), by year, kind and code, ordered so. Large sets are added in
// parallel, each goroutine over its own part of the rows; the name of a
// sum is the name of its first row.
func (s *Set) sums(cols *columns, digits uint8) []Sum {
	nc := len(s.codes)
	rows := len(cols.Code)
	parts := 1
	if rows > 200_000 {
		parts = min(runtime.GOMAXPROCS(0), 8)
	}
	grids := make([][]cell, parts)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		lo, hi := rows*p/parts, rows*(p+1)/parts
		wg.Go(func() {
			grid := make([]cell, len(s.groups)*nc)
			code, grp, name := cols.Code[lo:hi], cols.Group[lo:hi], cols.Name[lo:hi]
			total, a, b := cols.Total[lo:hi], cols.A[lo:hi], cols.B[lo:hi]
			for i, c := range code {
				if digits != 0 && s.digits[c] != digits {
					continue
				}
				x := &grid[int(grp[i])*nc+int(c)]
				if x.n == 0 {
					x.name = name[i]
				}
				x.n++
				x.total += total[i]
				x.a += a[i]
				x.b += b[i]
			}
			grids[p] = grid
		})
	}
	wg.Wait()
	grid := grids[0]
	for _, g := range grids[1:] {
		for k := range g {
			if g[k].n == 0 {
				continue
			}
			x := &grid[k]
			if x.n == 0 {
				x.name = g[k].name
			}
			x.n += g[k].n
			x.total += g[k].total
			x.a += g[k].a
			x.b += g[k].b
		}
	}
	gorder := make([]int, len(s.groups))
	for i := range gorder {
		gorder[i] = i
	}
	sort.Slice(gorder, func(i, j int) bool {
		a, b := s.groups[gorder[i]], s.groups[gorder[j]]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Kind < b.Kind
	})
	corder := make([]int, nc)
	for i := range corder {
		corder[i] = i
	}
	sort.Slice(corder, func(i, j int) bool { return s.codes[corder[i]] < s.codes[corder[j]] })
	var out []Sum
	for _, g := range gorder {
		for _, c := range corder {
			x := &grid[g*nc+c]
			if x.n == 0 {
				continue
			}
			out = append(out, Sum{Year: s.groups[g].Year, Kind: s.groups[g].Kind, Code: s.codes[c], Name: s.names[x.name],
				Departments: x.n, Total: x.total, A: x.a, B: x.b})
		}
	}
	return out
}

// Consolidate adds up the function and economic lines of the set by year,
// kind and code. Every printed line counts (类, 款 and 项 rows alike), so
// each level adds up on its own: the 类 sums are the consolidated 类 rows.
func (s *Set) Consolidate() *Consolidation {
	c := &Consolidation{Documents: map[string]int{}}
	years := map[int]bool{}
	kinds := map[gongkai.Kind]bool{}
	for _, d := range s.docs {
		years[d.Year] = true
		kinds[d.Kind] = true
		c.Documents[YearKind(d.Year, d.Kind)]++
	}
	for y := range years {
		c.Years = append(c.Years, y)
	}
	sort.Ints(c.Years)
	for _, k := range []gongkai.Kind{gongkai.Budget, gongkai.Final} {
		if kinds[k] {
			c.Kinds = append(c.Kinds, k)
		}
	}
	c.Function, c.Economic = s.sums(&s.fn, 0), s.sums(&s.ec, 0)
	return c
}

// ClassesByYear adds up only the function 类 (3-digit) lines by year and
// kind: the headline table of a consolidation.
func (s *Set) ClassesByYear() []Sum { return s.sums(&s.fn, 3) }

// snapshot is the form a Set is saved in.
type snapshot struct {
	Version  int
	Docs     []*Facts
	Codes    []string
	Names    []string
	Groups   []group
	Function columns
	Economic columns
}

const snapshotVersion = 1

// WriteTo saves the set (encoding/gob).
func (s *Set) WriteTo(w io.Writer) (int64, error) {
	cw := &counter{w: w}
	err := gob.NewEncoder(cw).Encode(&snapshot{Version: snapshotVersion, Docs: s.docs, Codes: s.codes, Names: s.names,
		Groups: s.groups, Function: s.fn, Economic: s.ec})
	return cw.n, err
}

// ReadSet reads a set saved by WriteTo.
func ReadSet(r io.Reader) (*Set, error) {
	var snap snapshot
	if err := gob.NewDecoder(r).Decode(&snap); err != nil {
		return nil, fmt.Errorf("read set: %w", err)
	}
	if snap.Version != snapshotVersion {
		return nil, fmt.Errorf("read set: version %d, want %d", snap.Version, snapshotVersion)
	}
	s := &Set{docs: snap.Docs, codes: snap.Codes, names: snap.Names, groups: snap.Groups, fn: snap.Function, ec: snap.Economic,
		codeIDs: map[string]int32{}, nameIDs: map[string]int32{}, groupIDs: map[group]int32{}}
	for i, c := range s.codes {
		s.codeIDs[c] = int32(i)
		s.digits = append(s.digits, uint8(len(c)))
	}
	for i, n := range s.names {
		s.nameIDs[n] = int32(i)
	}
	for i, g := range s.groups {
		s.groupIDs[g] = int32(i)
	}
	for _, col := range []*columns{&s.fn, &s.ec} {
		n := len(col.Code)
		if len(col.Doc) != n || len(col.Group) != n || len(col.Name) != n || len(col.Total) != n || len(col.A) != n || len(col.B) != n {
			return nil, fmt.Errorf("read set: columns of different lengths")
		}
		for i := range col.Code {
			if int(col.Code[i]) >= len(s.codes) || int(col.Group[i]) >= len(s.groups) || int(col.Name[i]) >= len(s.names) ||
				int(col.Doc[i]) >= len(s.docs) || col.Code[i] < 0 || col.Group[i] < 0 || col.Name[i] < 0 || col.Doc[i] < 0 {
				return nil, fmt.Errorf("read set: row %d refers to nothing", i)
			}
		}
	}
	return s, nil
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// EachLine calls fn with every line of the set: its scheme, the index of
// its disclosure in Docs, and the line. It is how a set is exported
// (to CSV, to another engine).
func (s *Set) EachLine(fn func(scheme Scheme, doc int, l Line)) {
	for _, x := range []struct {
		scheme Scheme
		col    *columns
	}{{Function, &s.fn}, {Economic, &s.ec}} {
		c := x.col
		for i := range c.Code {
			fn(x.scheme, int(c.Doc[i]), Line{Code: s.codes[c.Code[i]], Name: s.names[c.Name[i]], Total: c.Total[i], A: c.A[i], B: c.B[i]})
		}
	}
}
