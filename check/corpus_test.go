package check_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gongkai"
	"gongkai/check"
	"gongkai/importer"
	"gongkai/internal/corpus"
)

// corpusCases are the real published PDFs, one disclosure each (Beijing
// publishes prose and tables as two files, read together with --join).
var corpusCases = []struct {
	name  string
	files []string
	// Facts read off the documents by hand.
	department string
	year       int
	kind       gongkai.Kind
	units      []gongkai.Unit
	// Standard tables that must be recognised.
	tables []gongkai.TableKind
	// Every error-severity finding, as rule@line, each verified by reading
	// the page (see the golden file for the message).
	errors []string
}{
	{"01_xian", []string{"01_xian-ybj-2022-budget.pdf"}, "西安市医疗保障局", 2022, gongkai.Budget,
		[]gongkai.Unit{gongkai.WanYuan, gongkai.Yuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TGovFund, gongkai.TThreeCosts, gongkai.TProcurement}, nil},
	{"02_guojia", []string{"02_guojia-xinfangju-2024-final.pdf"}, "国家信访局", 2024, gongkai.Final,
		[]gongkai.Unit{gongkai.WanYuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TGovFund, gongkai.TStateCapital, gongkai.TThreeCosts}, nil},
	{"03_foshan", []string{"03_foshan-guidaojiaotongju-2019-final.pdf"}, "佛山市轨道交通局", 2019, gongkai.Final,
		[]gongkai.Unit{gongkai.WanYuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TThreeCosts, gongkai.TGovFund}, nil},
	{"05_changsha", []string{"05_changsha-gonganju-2025-budget.pdf"}, "长沙市公安局", 2025, gongkai.Budget,
		[]gongkai.Unit{gongkai.WanYuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TThreeCosts, gongkai.TGovFund, gongkai.TProjectTargets}, nil},
	{"11_jiangsu", []string{"11_jiangsu-jianchayuan-2019-budget.pdf"}, "江苏省人民检察院", 2019, gongkai.Budget,
		[]gongkai.Unit{gongkai.WanYuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TThreeCosts, gongkai.TGovFund,
			gongkai.TOperatingCosts, gongkai.TProcurement},
		// 项目支出 -1237.7 is 22.21%, not the 13.22% copied from the line above;
		// 住房公积金 +368.97 on 1073.77 is 34.36%, not 34.38%.
		[]string{"prose.change@622", "prose.change@686"}},
	{"15_shanghai", []string{"15_shanghai-putuo-zhengfuban-2025-budget.pdf"}, "上海市普陀区人民政府办公室", 2025, gongkai.Budget,
		[]gongkai.Unit{gongkai.WanYuan, gongkai.Yuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGovFund, gongkai.TStateCapital, gongkai.TGeneralBasic, gongkai.TThreeCosts},
		// The “三公” table (page 20) prints 机关运行经费预算数 beside the items;
		// that column is no car item, though its label has 运行.
		nil},
	{"18_shenzhen", []string{"18_shenzhen-ybj-2026-budget.pdf"}, "深圳市医疗保障局(本级)", 2026, gongkai.Budget,
		[]gongkai.Unit{gongkai.WanYuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralEconomic, gongkai.TThreeCosts, gongkai.TGovFund, gongkai.TStateCapital}, nil},
	{"20_beijing", []string{"20_beijing-ybj-2026-budget.pdf", "20_beijing-ybj-2026-budget.tables.pdf"}, "北京市医疗保障局", 2026, gongkai.Budget,
		[]gongkai.Unit{gongkai.WanYuan},
		[]gongkai.TableKind{gongkai.TTotal, gongkai.TIncome, gongkai.TExpenditure, gongkai.TFiscalTotal,
			gongkai.TGeneralFunction, gongkai.TGeneralBasic, gongkai.TGovFund, gongkai.TStateCapital, gongkai.TThreeCosts},
		// 预算03表 and 预算05表 print 合计 110,896.62 (项目支出 99,735.06), but
		// the lines they list add up to 29,117.62 (项目支出 17,956.06): 81,779.00
		// of 卫生健康支出 (101,857.85 in the 收支总表) is missing from both lists.
		[]string{"table.total-row@111", "table.total-row@111", "table.total-row@170"}},
}

func TestCorpusPDFs(t *testing.T) {
	dir := corpus.Dir(t, "corpus")
	for _, c := range corpusCases {
		t.Run(c.name, func(t *testing.T) {
			var paths []string
			for _, f := range c.files {
				paths = append(paths, filepath.Join(dir, f))
			}
			r, err := importer.ImportJoined(context.Background(), paths, importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fs := check.Run(r, check.Options{})
			checkGolden(t, filepath.Join("testdata", "corpus", c.name+".golden"), goldenText(r, fs))
			if r.Department != c.department || r.Year != c.year || r.Kind != c.kind {
				t.Errorf("got %s %d %s, want %s %d %s", r.Department, r.Year, r.Kind, c.department, c.year, c.kind)
			}
			units := map[gongkai.Unit]bool{}
			for _, u := range r.Units {
				units[u] = true
			}
			for _, u := range c.units {
				if !units[u] {
					t.Errorf("unit %s not found among %v", u, r.Units)
				}
			}
			for _, k := range c.tables {
				if r.Table(k) == nil {
					t.Errorf("table %s (%s) not recognised", k, k.Name())
				}
			}
			var errs []string
			for _, f := range fs {
				if f.Severity == gongkai.Error {
					errs = append(errs, fmt.Sprintf("%s@%d", f.Rule, f.Loc.Line))
				}
			}
			sort.Strings(errs)
			if strings.Join(errs, " ") != strings.Join(c.errors, " ") {
				t.Errorf("error findings:\n got %v\nwant %v", errs, c.errors)
			}
		})
	}
}
