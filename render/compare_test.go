package render

import (
	"gongkai"
	"gongkai/check"
	"gongkai/internal/reportdiff"
)

var (
	diffReports = reportdiff.Diff
	diffLines   = reportdiff.Lines
)

// embeddedFindings runs rule embedded.mismatch alone.
func embeddedFindings(r *gongkai.Report) []gongkai.Finding {
	return check.Run(r, check.Options{Only: []string{"embedded.mismatch"}})
}
