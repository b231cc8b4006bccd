package check

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai"
	"gongkai/extract"
	"gongkai/internal/runeset"
)

func init() {
	register(Rule{ID: "complete.tables", Severity: gongkai.Warning, Name: "公开表格齐全",
		Doc: "预算公开应包含部门收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、“三公”经费支出表、政府性基金和国有资本经营预算支出表；决算公开应包含公开01–09表。没有数据的表也要公开（空表列示）。", run: completeTables})
	register(Rule{ID: "complete.three-costs", Severity: gongkai.Warning, Name: "“三公”经费说明",
		Doc: "说明中应解释“三公”经费，并分别列出因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费四项数额。", run: completeThreeCosts})
	register(Rule{ID: "complete.placeholder", Severity: gongkai.Error, Name: "模板占位符",
		Doc: "文中不得留有“XX”“××”等模板占位符。", run: completePlaceholders})
	register(Rule{ID: "complete.year", Severity: gongkai.Warning, Name: "年度一致",
		Doc: "表格标题中的年度应为本次公开的年度。", run: completeYear})
}

func completeTables(c *ctx) {
	if len(c.r.Tables) == 0 {
		c.report(gongkai.Warning, gongkai.Loc{Line: 1}, fmt.Sprintf("未找到%s公开表格（表格可能以附件另行发布）", c.r.Kind.Chinese()), "公开表格", "无")
		return
	}
	var missing []string
	for _, k := range gongkai.StandardTables(c.r.Kind) {
		if c.r.Table(k) == nil && !hasAlternative(c.r, k) {
			info := k.Info()
			name := info.Budget
			if c.r.Kind == gongkai.Final {
				name = info.Final
			}
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		c.report(gongkai.Warning, c.r.Tables[0].Loc, "缺少公开表格："+strings.Join(missing, "、"), "齐全", fmt.Sprintf("缺%d张", len(missing)))
	}
}

// alternatives are tables that publish the same content under another
// layout: basic expenditure by economic class inside a table of all
// expenditure by economic class.
var alternatives = map[gongkai.TableKind][]gongkai.TableKind{
	gongkai.TGeneralBasic: {gongkai.TGeneralEconomic, gongkai.TBasicEconomic},
}

func hasAlternative(r *gongkai.Report, k gongkai.TableKind) bool {
	for _, a := range alternatives[k] {
		if r.Table(a) != nil {
			return true
		}
	}
	return false
}

func completeThreeCosts(c *ctx) {
	mentioned := false
	var loc gongkai.Loc
	for _, s := range c.r.Sections {
		if strings.Contains(s.Title, "三公") {
			mentioned, loc = true, s.Loc
		}
		for _, p := range s.Paragraphs {
			if strings.Contains(p.Text, "三公") && !strings.Contains(p.Text, "是指") && !strings.Contains(p.Text, "：指") && !strings.Contains(p.Text, ":指") {
				if !mentioned {
					loc = p.Loc
				}
				mentioned = true
			}
		}
	}
	if !mentioned {
		c.report(gongkai.Warning, gongkai.Loc{Line: 1}, "说明中没有“三公”经费情况", "“三公”经费说明", "无")
		return
	}
	have := map[gongkai.Quantity]bool{}
	for _, cl := range c.r.Claims {
		if cl.Value != nil || cl.Change != nil {
			have[cl.Quantity] = true
		}
	}
	var missing []string
	for _, q := range []gongkai.Quantity{gongkai.QAbroad, gongkai.QCarPurchase, gongkai.QCarOperation, gongkai.QReception} {
		if !have[q] && !(q == gongkai.QCarPurchase || q == gongkai.QCarOperation) {
			missing = append(missing, q.Name())
		}
	}
	if !have[gongkai.QCarPurchase] && !have[gongkai.QCarOperation] && !have[gongkai.QCar] {
		missing = append(missing, gongkai.QCar.Name())
	}
	if len(missing) > 0 {
		c.report(gongkai.Warning, loc, "“三公”经费说明中没有列出："+strings.Join(missing, "、"), "四项数额", "缺"+strings.Join(missing, "、"))
	}
}

var placeholder = regexp.MustCompile(`[XＸxｘ×＊*]{2,}|○○|□□`)

// placeholderChars are the characters placeholders are made of.
var placeholderChars = runeset.New("XxＸｘ×*＊○□")

func completePlaceholders(c *ctx) {
	check := func(text string, loc gongkai.Loc) {
		if !placeholderChars.Contains(text) {
			return
		}
		f := extract.Fold(text)
		for _, m := range placeholder.FindAllStringIndex(f, -1) {
			s := f[m[0]:m[1]]
			if strings.Trim(s, "*") == "" && len(s) < 3 {
				continue
			}
			// Must stand among Chinese text: not in a Latin word ("XXL"),
			// not in a formula ("XX + 1"). PDF text sets Latin letters apart
			// from Chinese with spaces, so spaces are looked across.
			before, after := f[:m[0]], f[m[1]:]
			b, bSpaced := lastRuneAcross(before)
			a, aSpaced := firstRuneAcross(after)
			if !placeholderSide(b, bSpaced) || !placeholderSide(a, aSpaced) || !isHan(b) && !isHan(a) {
				continue
			}
			c.report(gongkai.Error, loc, fmt.Sprintf("文中留有模板占位符“%s”", s), "实际内容", s)
		}
	}
	for _, s := range c.r.Sections {
		check(s.Title, s.Loc)
		for _, p := range s.Paragraphs {
			check(p.Text, p.Loc)
		}
	}
	for _, t := range c.r.Tables {
		check(t.Title, t.Loc)
		for _, r := range t.Rows {
			check(r.Name, r.Loc)
		}
	}
}

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// lastRuneAcross returns the last rune of s before any trailing spaces
// (0 when there is none) and whether spaces were skipped.
func lastRuneAcross(s string) (rune, bool) {
	t := strings.TrimRight(s, " \t")
	r, _ := utf8.DecodeLastRuneInString(t)
	if t == "" {
		r = 0
	}
	return r, len(t) < len(s)
}

// firstRuneAcross is lastRuneAcross at the start of s.
func firstRuneAcross(s string) (rune, bool) {
	t := strings.TrimLeft(s, " \t")
	r, _ := utf8.DecodeRuneInString(t)
	if t == "" {
		r = 0
	}
	return r, len(t) < len(s)
}

// placeholderSide reports whether r may stand beside a placeholder: the
// start or end of the text, Chinese text or punctuation, or a digit right
// against it ("20XX年") — not a Latin letter or a sign of arithmetic.
func placeholderSide(r rune, spaced bool) bool {
	switch {
	case r == 0 || r >= 0x2000:
		return true
	case r >= '0' && r <= '9':
		return !spaced
	}
	return strings.ContainsRune(`()[],.;:!?"'`, r) // punctuation folded to ASCII

}

var titleYear = regexp.MustCompile(`(\d{4})\s*年`)

func completeYear(c *ctx) {
	if c.r.Year == 0 {
		return
	}
	for _, t := range c.r.Tables {
		m := titleYear.FindStringSubmatch(extract.Fold(t.Title))
		if m == nil {
			continue
		}
		if y := atoi(m[1]); y != c.r.Year {
			c.report(gongkai.Warning, t.Loc, fmt.Sprintf("%s标题中的年度为%d年，本次公开为%d年", t.Label(), y, c.r.Year), fmt.Sprintf("%d年", c.r.Year), fmt.Sprintf("%d年", y))
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
