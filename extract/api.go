package extract

import "gongkai"

// ReadClaims reads the checkable number statements of prose sections the
// way Build reads a document's prose: unit is the money unit amounts
// without one are taken in, year the disclosure's year. The generator uses
// it so that the claims of a generated report are exactly those a reader
// of its text would find.
func ReadClaims(sections []*gongkai.Section, unit gongkai.Unit, year int) []*gongkai.Claim {
	return readClaims(sections, unit, year)
}

// FillSummary sets a report's headline figures from its tables and claims,
// as Build does.
func FillSummary(r *gongkai.Report) { fillSummary(r) }

// UnitsOf lists every money unit a report uses, the prose unit first, as
// Build records them.
func UnitsOf(r *gongkai.Report) []gongkai.Unit { return unitsOf(r) }
