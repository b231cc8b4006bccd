package extract

import "gongkai"

// fillSummary sets the headline figures, from tables where they are
// printed, else from the prose.
func fillSummary(r *gongkai.Report) {
	for _, q := range gongkai.SummaryQuantities {
		f := r.Summary.Field(q)
		if f == nil {
			continue
		}
		if s, ok := r.ValueOf(q); ok {
			if ps := r.ProseStatements(q); s.Clipped && len(ps) > 0 {
				s = ps[0] // a cell cut short by extraction: the prose says it whole
			}
			v := s.Value
			*f = &v
			continue
		}
		// Budget totals: income and expenditure balance.
		if q == gongkai.QExpenditureTotal || q == gongkai.QIncomeTotal {
			other := gongkai.QIncomeTotal
			if q == gongkai.QIncomeTotal {
				other = gongkai.QExpenditureTotal
			}
			if s, ok := r.ValueOf(other); ok && r.Kind == gongkai.Budget && s.Table != nil {
				v := s.Value
				*f = &v
			}
		}
	}
}
