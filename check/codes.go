package check

import (
	"fmt"
	"regexp"

	"gongkai"
)

func init() {
	register(Rule{ID: "code.format", Severity: gongkai.Warning, Name: "科目编码格式",
		Doc: "功能分类科目编码为3位（类）、5位（款）、7位（项），经济分类为3位（类）、5位（款），下级编码以上级编码开头；表中列出下级科目时其上级科目也应列出。", run: codeFormat})
	register(Rule{ID: "code.name", Severity: gongkai.Warning, Name: "科目名称一致",
		Doc: "同一文件中同一科目编码的名称应一致；提供科目目录（--catalog）时，名称应与目录一致。", run: codeNames})
	register(Rule{ID: "code.depth", Severity: gongkai.Error, Name: "科目细化程度",
		Doc: "依照《政府信息公开条例》及国务院令第729号（《中华人民共和国预算法实施条例》）：一般公共预算支出按功能分类编列到项，一般公共预算基本支出按经济分类编列到款。", run: codeDepth})
}

var functionTables = map[gongkai.TableKind]bool{gongkai.TExpenditure: true, gongkai.TGeneralFunction: true, gongkai.TBasicFunction: true,
	gongkai.TIncome: true, gongkai.TGovFund: true, gongkai.TStateCapital: true}
var economicTables = map[gongkai.TableKind]bool{gongkai.TGeneralBasic: true, gongkai.TBasicEconomic: true,
	gongkai.TOperatingCosts: true, gongkai.TGeneralEconomic: true}

var digits = regexp.MustCompile(`^\d+$`)

func codeFormat(c *ctx) {
	for _, t := range c.r.Tables {
		fn, ec := functionTables[t.Kind], economicTables[t.Kind]
		if !fn && !ec {
			continue
		}
		codes := map[string]bool{}
		lengths := map[int]bool{} // the levels the table lists at all
		for _, r := range t.Rows {
			if r.Code != "" && r.Item != gongkai.IUnit {
				codes[string(r.Side)+r.Code] = true
				lengths[len(r.Code)] = true
			}
		}
		for _, r := range t.Rows {
			if r.Code == "" || r.Item == gongkai.IUnit || !digits.MatchString(r.Code) {
				continue
			}
			cls := classOf(r.Code)
			switch {
			case fn && cls == 'e' || ec && cls == 'f':
				c.report(gongkai.Warning, r.Loc, fmt.Sprintf("%s：编码%s不属于本表应使用的%s", rowLabel(t, r), r.Code, map[bool]string{true: "支出功能分类", false: "支出经济分类"}[fn]), "", r.Code)
			case fn && !validLength(r.Code), ec && len(r.Code) != 3 && len(r.Code) != 5:
				c.report(gongkai.Warning, r.Loc, fmt.Sprintf("%s：科目编码%s位数不对（应为%s位）", rowLabel(t, r), r.Code, map[bool]string{true: "3、5或7", false: "3或5"}[fn]), "", r.Code)
			case len(r.Code) > 3 && lengths[len(r.Code)-2] && !codes[string(r.Side)+r.Code[:len(r.Code)-2]] && !codes[string(r.Side)+r.Code[:3]]:
				c.report(gongkai.Warning, r.Loc, fmt.Sprintf("%s：表中没有其上级科目%s", rowLabel(t, r), r.Code[:len(r.Code)-2]), r.Code[:len(r.Code)-2], "缺失")
			}
		}
	}
}

func codeNames(c *ctx) {
	first := map[string]*gongkai.Row{}
	firstT := map[string]*gongkai.Table{}
	for _, t := range c.r.Tables {
		for _, r := range t.Rows {
			if r.Code == "" || r.Item == gongkai.IUnit || classOf(r.Code) == 0 || r.Name == "" {
				continue
			}
			if c.opt.Catalog != nil {
				if want, ok := c.opt.Catalog.Name(c.r.Year, r.Code); ok && normName(want) != normName(r.Name) {
					c.report(gongkai.Warning, r.Loc, fmt.Sprintf("%s：科目名称与科目目录不一致", rowLabel(t, r)), want, r.Name)
				}
			}
			key := string(classOf(r.Code)) + r.Code
			if f, ok := first[key]; ok {
				if normName(f.Name) != normName(r.Name) {
					c.report(gongkai.Warning, r.Loc, fmt.Sprintf("%s：同一科目编码%s在%s中名为“%s”", rowLabel(t, r), r.Code, firstT[key].Label(), f.Name), f.Name, r.Name, f.Loc)
				}
				continue
			}
			first[key], firstT[key] = r, t
		}
	}
}

func codeDepth(c *ctx) {
	for _, t := range c.r.Tables {
		var want int
		switch t.Kind {
		case gongkai.TGeneralFunction:
			want = 7
		case gongkai.TGeneralBasic, gongkai.TGeneralEconomic:
			want = 5
		default:
			continue
		}
		deepest := 0
		var coded []*gongkai.Row
		for _, r := range t.Rows {
			if r.Code == "" || r.Item == gongkai.IUnit || classOf(r.Code) == 0 {
				continue
			}
			coded = append(coded, r)
			if len(r.Code) > deepest {
				deepest = len(r.Code)
			}
		}
		if len(coded) == 0 {
			continue
		}
		level := map[int]string{3: "类", 5: "款", 7: "项"}
		if deepest < want {
			c.report(gongkai.Error, t.Loc, fmt.Sprintf("%s只列到%s级科目，应细化到%s级", t.Label(), level[deepest], level[want]), level[want]+"级", level[deepest]+"级")
			continue
		}
		// Single lines that stop short.
		for _, r := range coded {
			if len(r.Code) >= want || !hasMoney(r) {
				continue
			}
			if len(children(coded, r)) == 0 {
				c.report(gongkai.Warning, r.Loc, fmt.Sprintf("%s未细化到%s级科目", rowLabel(t, r), level[want]), level[want]+"级", level[len(r.Code)]+"级")
			}
		}
	}
}

func hasMoney(r *gongkai.Row) bool {
	for _, c := range r.Cells {
		if c.Money != nil && c.Money.Fen != 0 {
			return true
		}
	}
	return false
}
