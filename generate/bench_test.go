package generate

import (
	"fmt"
	"testing"

	"gongkai"
	"gongkai/budget"
)

// bigDepartment has n expenditure lines over 5 classes, 25 款 and 250 项.
func bigDepartment(n int) *budget.Data {
	d := &budget.Data{Kind: gongkai.Budget, Year: 2025, Unit: gongkai.Yuan, ReportUnit: gongkai.WanYuan,
		Department: budget.Department{Name: "测试市大型局"}}
	classes := []string{"201", "205", "208", "210", "221"}
	for i := 0; i < n; i++ {
		cls := classes[i%5]
		kuan := fmt.Sprintf("%s%02d", cls, 1+(i/5)%5)
		xiang := fmt.Sprintf("%s%02d", kuan, 1+(i/25)%10)
		e := econPool[i%len(econPool)]
		l := budget.Line{Function: xiang, FunctionName: "项" + xiang, Economic: e.Code, EconomicName: e.Name,
			Kind: budget.Basic, Amount: budget.Amount(1_000_000 + int64(i)*7_919)}
		if i%3 == 0 {
			l.Kind = budget.Project
			l.Project = fmt.Sprintf("项目%d", i/3)
		}
		d.Lines = append(d.Lines, l)
		if budget.BuiltinName(kuan) == "" {
			d.Names = append(d.Names, budget.CodeName{Code: kuan, Name: "款" + kuan})
		}
	}
	dedupe(d)
	seen := map[string]bool{}
	var names []budget.CodeName
	for _, n := range d.Names {
		if !seen[n.Code] {
			seen[n.Code] = true
			names = append(names, n)
		}
	}
	d.Names = names
	return d
}

// BenchmarkGenerate generates the disclosure of a department with 2,000
// expenditure lines (tables, prose, claims; no rendering).
func BenchmarkGenerate(b *testing.B) {
	d := bigDepartment(2000)
	if _, err := Report(d); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Report(d); err != nil {
			b.Fatal(err)
		}
	}
}
