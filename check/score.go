package check

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai"
	"gongkai/extract"
)

func init() {
	register(Rule{ID: "prose.score", Severity: gongkai.Error, Name: "绩效自评得分",
		Doc: "说明中项目绩效自评的得分应与该项目绩效自评表的总分一致。", run: selfEvalScores})
}

var (
	scoreInProse = regexp.MustCompile(`得分\s*(?:为)?\s*(\d+(?:\.\d+)?)\s*分`)
	parenthetic  = regexp.MustCompile(`[(（][^()（）]*[)）]`)
	evalHeader   = regexp.MustCompile(`^(项目名称|主管部门|实施单位|项目资金|年初预算数|全年预算数|全年执行数|分值|执行率|得分|年度资金总额?|其中|上年结转资金|其他资金|预期目标|实际完成情况|年度总体目标|一级指标|二级指标|三级指标|项目支出绩效自评表)`)
)

// evalProject returns the project name a self-evaluation table is about:
// the first long text in its head that is not a header word.
func evalProject(t *gongkai.Table) string {
	var cands []string
	for _, c := range t.Columns {
		cands = append(cands, strings.Split(c.Label, "/")...)
	}
	for i, r := range t.Rows {
		if i > 3 {
			break
		}
		cands = append(cands, r.Name)
		for _, c := range r.Cells {
			cands = append(cands, c.Text)
		}
	}
	for _, s := range cands {
		c := extract.Compact(s)
		if utf8.RuneCountInString(c) >= 6 && !evalHeader.MatchString(c) && !strings.ContainsAny(c, "0123456789%") {
			return c
		}
	}
	return ""
}

// evalTotal returns the 总分 a self-evaluation table prints.
func evalTotal(t *gongkai.Table) (gongkai.Fixed, gongkai.Loc, bool) {
	for _, r := range t.Rows {
		if extract.Compact(r.Name) != "总分" {
			continue
		}
		for k := len(r.Cells) - 1; k >= 0; k-- {
			if f, err := gongkai.ParseFixed(extract.Compact(r.Cells[k].Text)); err == nil {
				return f, r.Cells[k].Loc, true
			}
		}
	}
	return gongkai.Fixed{}, gongkai.Loc{}, false
}

func selfEvalScores(c *ctx) {
	for _, t := range c.r.TablesOf(gongkai.TSelfEvaluation) {
		name := evalProject(t)
		total, tloc, ok := evalTotal(t)
		if name == "" || !ok {
			continue
		}
		core := extract.Compact(parenthetic.ReplaceAllString(name, ""))
		if utf8.RuneCountInString(core) < 6 {
			continue
		}
		for _, s := range c.r.Sections {
			// The project is named in a paragraph, or in the heading of
			// the section whose first paragraph gives the score.
			titled := strings.Contains(extract.Compact(extract.Fold(s.Title)), core)
			for i, p := range s.Paragraphs {
				if !strings.Contains(extract.Compact(extract.Fold(p.Text)), core) && !(titled && i == 0) {
					continue
				}
				// The score is in this paragraph or the one after it.
				found := false
				for _, q := range s.Paragraphs[i:min(i+2, len(s.Paragraphs))] {
					m := scoreInProse.FindStringSubmatch(extract.Fold(q.Text))
					if m == nil {
						continue
					}
					got, err := gongkai.ParseFixed(m[1])
					if err != nil {
						break
					}
					found = true
					if got.Rat().Cmp(total.Rat()) != 0 {
						c.report(gongkai.Error, q.Loc,
							fmt.Sprintf("说明中“%s”项目自评得分%s分，与该项目绩效自评表的总分%s分不一致", core, got, total),
							total.String()+"分", got.String()+"分", tloc)
					}
					break
				}
				if found {
					break
				}
			}
		}
	}
}
