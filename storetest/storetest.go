// Package storetest is the conformance suite of store.Store: every
// implementation (sqlite now, postgres later) runs Run from its own tests
// against a real, empty database and must pass all of it.
package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"gongkai"
	"gongkai/store"
)

// Open returns a new, empty store for one test. It must register its own
// cleanup (t.Cleanup) to close the store.
type Open func(t *testing.T) store.Store

// Run runs every conformance test against stores made by open.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		f    func(t *testing.T, s store.Store)
	}{
		{"SchemaVersion", testSchemaVersion},
		{"Settings", testSettings},
		{"CreateReport", testCreateReport},
		{"CreateReportInvalid", testCreateReportInvalid},
		{"FailedCreateLeavesNothing", testFailedCreateLeavesNothing},
		{"ListReports", testListReports},
		{"FamilyCounts", testFamilyCounts},
		{"SetStatus", testSetStatus},
		{"DeleteReport", testDeleteReport},
		{"Facets", testFacets},
		{"Inspection", testInspection},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Batches", testBatches},
		{"PreviousYear", testPreviousYear},
		{"ConcurrentWrites", testConcurrentWrites},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.f(t, open(t)) })
	}
}

func money(fen int64) *gongkai.Money {
	return &gongkai.Money{Fen: fen, Unit: gongkai.WanYuan, Places: 2}
}

// SampleReport builds a small, complete budget report of a department, with
// a function table, a source of lines and three findings; its amounts are
// in 万元.
func SampleReport(department string, year int) (*gongkai.Report, []gongkai.Finding) {
	src := []string{
		department + year2(year) + "部门预算公开",
		"一、收支预算总体情况",
		"2025年收入预算2150.00万元，支出预算2150.00万元。",
		"基本支出1400.00万元，占65.12%；项目支出750.00万元，占35.88%。",
		"<script>alert('x')</script> 说明中的原文",
		"预算05表 一般公共预算支出表",
		"201\t一般公共服务支出\t1800.00\t1200.00\t600.00",
		"208\t社会保障和就业支出\t350.00\t200.00\t150.00",
	}
	row := func(line int, code, name string, total, basic, project int64) *gongkai.Row {
		loc := gongkai.Loc{Line: line}
		return &gongkai.Row{Code: code, Name: name, Loc: loc, Cells: []gongkai.Cell{
			{Role: gongkai.RTotal, Text: gongkai.FormatFen(total, gongkai.WanYuan, 2), Money: money(total), Loc: loc},
			{Role: gongkai.RBasic, Text: gongkai.FormatFen(basic, gongkai.WanYuan, 2), Money: money(basic), Loc: loc},
			{Role: gongkai.RProject, Text: gongkai.FormatFen(project, gongkai.WanYuan, 2), Money: money(project), Loc: loc},
		}}
	}
	r := &gongkai.Report{
		File: department + ".txt", Department: department, Year: year, Kind: gongkai.Budget,
		Unit: gongkai.WanYuan, Units: []gongkai.Unit{gongkai.WanYuan},
		Summary: gongkai.Summary{
			IncomeTotal: money(2_150_000_000), ExpenditureTotal: money(2_150_000_000),
			Basic: money(1_400_000_000), Project: money(750_000_000), ThreeCosts: money(20_000_000),
		},
		Tables: []*gongkai.Table{{
			Kind: gongkai.TGeneralFunction, Title: "一般公共预算支出表", Number: "预算05表", Unit: gongkai.WanYuan,
			Loc: gongkai.Loc{Line: 6},
			Columns: []gongkai.Column{{Role: gongkai.RText, Label: "科目名称"}, {Role: gongkai.RTotal, Label: "合计"},
				{Role: gongkai.RBasic, Label: "基本支出"}, {Role: gongkai.RProject, Label: "项目支出"}},
			Rows: []*gongkai.Row{
				row(7, "201", "一般公共服务支出", 1_800_000_000, 1_200_000_000, 600_000_000),
				row(8, "208", "社会保障和就业支出", 350_000_000, 200_000_000, 150_000_000),
			},
		}},
		Sections: []*gongkai.Section{{Title: "一、收支预算总体情况", Loc: gongkai.Loc{Line: 2},
			Paragraphs: []*gongkai.Paragraph{{Text: src[2] + src[3], Loc: gongkai.Loc{Line: 3},
				Joins: []gongkai.Join{{Offset: len(src[2]), Loc: gongkai.Loc{Line: 4}}}}}}},
		Claims: []*gongkai.Claim{{Kind: gongkai.CShare, Quantity: gongkai.QProject, Subject: "项目支出",
			Value: money(750_000_000), Percent: &gongkai.Fixed{V: 3588, P: 2}, Text: "项目支出750.00万元，占35.88%",
			Loc: gongkai.Loc{Line: 4}}},
		Sources: []*gongkai.Source{{File: department + ".txt", Format: "text", Lines: src}},
	}
	fs := []gongkai.Finding{
		{Rule: "prose.share", Severity: gongkai.Error, Message: "说明中“项目支出”占比应为34.88%，文中为35.88%",
			Loc: gongkai.Loc{Line: 4}, Line: 4, Quote: src[3], Expected: "34.88%", Found: "35.88%",
			Related: []gongkai.Loc{{Line: 7}, {Line: 8}}},
		{Rule: "complete.tables", Severity: gongkai.Warning, Message: "缺少公开表格：部门收支总表",
			Loc: gongkai.Loc{Line: 1}, Line: 1},
		{Rule: "table.total-row", Severity: gongkai.Info, Message: "尾数误差，在四舍五入允许范围内",
			Loc: gongkai.Loc{Line: 7}, Line: 7, Expected: "1800.00", Found: "1800.01"},
	}
	return r, fs
}

func year2(y int) string { return fmt.Sprintf("%d年", y) }

// SampleNew wraps SampleReport as a NewReport with one source file.
func SampleNew(department string, year int, status store.Status) *store.NewReport {
	r, fs := SampleReport(department, year)
	content := []byte(joinLines(r.Sources[0].Lines))
	sum := sha256.Sum256(content)
	return &store.NewReport{
		Meta:     store.ReportMeta{Status: status, Origin: store.FromUpload},
		Report:   r,
		Findings: fs,
		Files: []store.SourceFile{{Name: r.File, Format: "text", Size: int64(len(content)),
			SHA256: hex.EncodeToString(sum[:]), Content: content}},
	}
}

func joinLines(ls []string) string {
	var b bytes.Buffer
	for _, l := range ls {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func mustCreate(t *testing.T, s store.Store, n *store.NewReport) *store.ReportMeta {
	t.Helper()
	m, err := s.CreateReport(context.Background(), n)
	if err != nil {
		t.Fatalf("CreateReport: %v", err)
	}
	return m
}

func testSchemaVersion(t *testing.T, s store.Store) {
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v < 1 {
		t.Fatalf("SchemaVersion = %d, %v; want ≥ 1", v, err)
	}
}

func testSettings(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.Setting(ctx, "k"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing setting: err = %v, want ErrNotFound", err)
	}
	for _, v := range []string{"一", "二"} {
		if err := s.PutSetting(ctx, "k", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx, "k"); err != nil || got != v {
			t.Fatalf("Setting = %q, %v; want %q", got, err, v)
		}
	}
}

func testCreateReport(t *testing.T, s store.Store) {
	ctx := context.Background()
	n := SampleNew("重庆市南岸区医疗保障局", 2024, store.Draft)
	n.Meta.Origin = store.FromExample
	m := mustCreate(t, s, n)
	if m.ID == 0 || m.Version != 1 || m.CreatedAt.IsZero() {
		t.Fatalf("meta not filled: %+v", m)
	}
	want := store.ReportMeta{ID: m.ID, Department: "重庆市南岸区医疗保障局", Region: "重庆市南岸区", Year: 2024,
		Kind: gongkai.Budget, Unit: gongkai.WanYuan, Title: "重庆市南岸区医疗保障局2024年部门预算公开",
		File: "重庆市南岸区医疗保障局.txt", Format: "text", SHA256: n.Files[0].SHA256, Status: store.Draft,
		Origin: store.FromExample, Counts: store.Counts{Errors: 1, Warnings: 1, Infos: 1}, Tables: 1, Claims: 1,
		CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt, Version: 1}
	got, err := s.ReportMeta(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedAt.Sub(want.CreatedAt).Abs() >= time.Millisecond || got.UpdatedAt.Sub(want.UpdatedAt).Abs() >= time.Millisecond {
		t.Errorf("times: got %v %v, want %v", got.CreatedAt, got.UpdatedAt, want.CreatedAt)
	}
	got.CreatedAt, got.UpdatedAt = want.CreatedAt, want.UpdatedAt
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("ReportMeta:\n got %+v\nwant %+v", *got, want)
	}

	r, err := s.Report(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, n.Report) {
		t.Errorf("Report does not round-trip:\n got %+v\nwant %+v", r, n.Report)
	}
	fs, err := s.Findings(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fs, n.Findings) {
		t.Errorf("Findings do not round-trip:\n got %+v\nwant %+v", fs, n.Findings)
	}
	files, err := s.SourceFiles(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !bytes.Equal(files[0].Content, n.Files[0].Content) || files[0].Name != n.Files[0].Name ||
		files[0].Size != n.Files[0].Size || !reflect.DeepEqual(files[0].Lines, n.Report.Sources[0].Lines) {
		t.Errorf("SourceFiles = %+v", files)
	}
	figs, err := s.Figures(ctx, []int64{m.ID, 9999})
	if err != nil {
		t.Fatal(err)
	}
	wantFigs := map[gongkai.Quantity]int64{gongkai.QIncomeTotal: 2_150_000_000, gongkai.QExpenditureTotal: 2_150_000_000,
		gongkai.QBasic: 1_400_000_000, gongkai.QProject: 750_000_000, gongkai.QThreeCosts: 20_000_000}
	if !reflect.DeepEqual(figs[m.ID], wantFigs) || len(figs) != 1 {
		t.Errorf("Figures = %v, want %v", figs, wantFigs)
	}
	classes, err := s.Classes(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(classes) != 2 || classes[0].Code != "201" || classes[0].Total != 1_800_000_000 ||
		classes[0].Basic == nil || *classes[0].Basic != 1_200_000_000 || classes[1].Name != "社会保障和就业支出" {
		t.Errorf("Classes = %+v", classes)
	}
	for name, f := range map[string]func() error{
		"ReportMeta":  func() error { _, err := s.ReportMeta(ctx, 9999); return err },
		"Report":      func() error { _, err := s.Report(ctx, 9999); return err },
		"Findings":    func() error { _, err := s.Findings(ctx, 9999); return err },
		"SourceFiles": func() error { _, err := s.SourceFiles(ctx, 9999); return err },
		"Classes":     func() error { _, err := s.Classes(ctx, 9999); return err },
	} {
		if err := f(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s of a missing report: err = %v, want ErrNotFound", name, err)
		}
	}
}

func testCreateReportInvalid(t *testing.T, s store.Store) {
	ctx := context.Background()
	n := SampleNew("甲市财政局", 2024, store.Draft)
	n.Files = nil
	if _, err := s.CreateReport(ctx, n); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("no files: err = %v, want ErrInvalid", err)
	}
	n = SampleNew("甲市财政局", 2024, "bogus")
	if _, err := s.CreateReport(ctx, n); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad status: err = %v, want ErrInvalid", err)
	}
}

// testFailedCreateLeavesNothing makes CreateReport fail after the report row
// is written (its batch does not exist) and checks nothing is left.
func testFailedCreateLeavesNothing(t *testing.T, s store.Store) {
	ctx := context.Background()
	n := SampleNew("乙县卫生健康局", 2023, store.Published)
	n.Meta.BatchID = 424242
	if _, err := s.CreateReport(ctx, n); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("missing batch: err = %v, want ErrInvalid", err)
	}
	list, total, err := s.ListReports(ctx, store.ReportFilter{Visibility: store.Visibility{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	if total != 0 || len(list) != 0 {
		t.Fatalf("a failed CreateReport left %d reports", total)
	}
	counts, err := s.FamilyCounts(ctx, store.ReportFilter{Visibility: store.Visibility{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 0 {
		t.Fatalf("a failed CreateReport left findings: %v", counts)
	}
	// The next report gets stored normally.
	mustCreate(t, s, SampleNew("乙县卫生健康局", 2023, store.Published))
}

func testListReports(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := mustCreate(t, s, SampleNew("赤壁市医疗保障局", 2023, store.Published))
	b := mustCreate(t, s, SampleNew("赤壁市医疗保障局", 2024, store.Draft))
	c := mustCreate(t, s, SampleNew("正定县医疗保障局", 2020, store.Published))
	n := SampleNew("正定县财政局", 2020, store.Draft)
	n.Report.Kind = gongkai.Final
	n.Findings = n.Findings[1:]
	d := mustCreate(t, s, n)

	ids := func(ms []*store.ReportMeta) []int64 {
		out := []int64{}
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	all := store.Visibility{All: true}
	for _, tt := range []struct {
		name  string
		f     store.ReportFilter
		want  []int64
		total int
	}{
		{"public sees published", store.ReportFilter{}, []int64{c.ID, a.ID}, 2},
		{"department sees its drafts", store.ReportFilter{Visibility: store.Visibility{Department: "赤壁市医疗保障局"}}, []int64{c.ID, b.ID, a.ID}, 3},
		{"all", store.ReportFilter{Visibility: all}, []int64{d.ID, c.ID, b.ID, a.ID}, 4},
		{"query", store.ReportFilter{Visibility: all, Query: "赤壁"}, []int64{b.ID, a.ID}, 2},
		{"query escapes LIKE", store.ReportFilter{Visibility: all, Query: "%"}, []int64{}, 0},
		{"department", store.ReportFilter{Visibility: all, Department: "正定县财政局"}, []int64{d.ID}, 1},
		{"region", store.ReportFilter{Visibility: all, Region: "正定"}, []int64{d.ID, c.ID}, 2},
		{"year", store.ReportFilter{Visibility: all, Year: 2020}, []int64{d.ID, c.ID}, 2},
		{"kind", store.ReportFilter{Visibility: all, Kind: gongkai.Final}, []int64{d.ID}, 1},
		{"status", store.ReportFilter{Visibility: all, Status: store.Draft}, []int64{d.ID, b.ID}, 2},
		{"ids", store.ReportFilter{Visibility: all, IDs: []int64{a.ID, d.ID}}, []int64{d.ID, a.ID}, 2},
		{"no ids", store.ReportFilter{Visibility: all, IDs: []int64{}}, []int64{}, 0},
		{"limit", store.ReportFilter{Visibility: all, Limit: 2, Offset: 1}, []int64{c.ID, b.ID}, 4},
		{"last page", store.ReportFilter{Visibility: all, Limit: 10, Offset: 3}, []int64{a.ID}, 4},
		{"past the end", store.ReportFilter{Visibility: all, Limit: 2, Offset: 10}, []int64{}, 4},
		{"one page", store.ReportFilter{Visibility: all, Limit: 10}, []int64{d.ID, c.ID, b.ID, a.ID}, 4},
		{"sort year", store.ReportFilter{Visibility: all, Sort: "year", Department: "赤壁市医疗保障局"}, []int64{b.ID, a.ID}, 2},
		{"sort errors", store.ReportFilter{Visibility: all, Sort: "errors", Year: 2020}, []int64{c.ID, d.ID}, 2},
	} {
		got, total, err := s.ListReports(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(ids(got), tt.want) || total != tt.total {
			t.Errorf("%s: got %v (total %d), want %v (total %d)", tt.name, ids(got), total, tt.want, tt.total)
		}
	}
}

func testFamilyCounts(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := mustCreate(t, s, SampleNew("丙市审计局", 2024, store.Published))
	b := mustCreate(t, s, SampleNew("丙市审计局", 2025, store.Draft))
	got, err := s.FamilyCounts(ctx, store.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]map[string]store.Counts{a.ID: {
		"prose": {Errors: 1}, "complete": {Warnings: 1}, "table": {Infos: 1},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FamilyCounts (public) = %v, want %v", got, want)
	}
	got, err = s.FamilyCounts(ctx, store.ReportFilter{Visibility: store.Visibility{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[b.ID]["prose"].Errors != 1 {
		t.Errorf("FamilyCounts (all) = %v", got)
	}
}

func testSetStatus(t *testing.T, s store.Store) {
	ctx := context.Background()
	m := mustCreate(t, s, SampleNew("丁区教育局", 2024, store.Draft))
	if !m.PublishedAt.IsZero() {
		t.Fatalf("a draft has PublishedAt %v", m.PublishedAt)
	}
	at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	if err := s.SetStatus(ctx, m.ID, store.Published, at); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReportMeta(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != store.Published || !got.PublishedAt.Equal(at) || got.Version != 2 || !got.UpdatedAt.Equal(at) {
		t.Errorf("after publish: %+v", got)
	}
	if err := s.SetStatus(ctx, m.ID, store.Draft, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ReportMeta(ctx, m.ID)
	if got.Status != store.Draft || got.Version != 3 || !got.PublishedAt.Equal(at) {
		t.Errorf("after withdraw: %+v", got)
	}
	if err := s.SetStatus(ctx, 9999, store.Published, at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing report: err = %v", err)
	}
	if err := s.SetStatus(ctx, m.ID, "bogus", at); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad status: err = %v", err)
	}
}

func testDeleteReport(t *testing.T, s store.Store) {
	ctx := context.Background()
	m := mustCreate(t, s, SampleNew("戊县民政局", 2024, store.Published))
	keep := mustCreate(t, s, SampleNew("戊县民政局", 2025, store.Published))
	if err := s.SaveInspection(ctx, &store.Inspection{ReportID: m.ID, Notes: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteReport(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Findings(ctx, m.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("findings of a deleted report: %v", err)
	}
	if err := s.DeleteReport(ctx, m.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: err = %v", err)
	}
	if fs, err := s.Findings(ctx, keep.ID); err != nil || len(fs) != 3 {
		t.Errorf("the other report lost its findings: %v %v", fs, err)
	}
	figs, _ := s.Figures(ctx, []int64{m.ID})
	if len(figs) != 0 {
		t.Errorf("figures of a deleted report remain: %v", figs)
	}
}

func testFacets(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustCreate(t, s, SampleNew("北京市海淀区医疗保障局", 2024, store.Published))
	mustCreate(t, s, SampleNew("北京市海淀区医疗保障局", 2025, store.Published))
	mustCreate(t, s, SampleNew("保山市医疗保障局", 2023, store.Draft))
	f, err := s.Facets(ctx, store.Visibility{})
	if err != nil {
		t.Fatal(err)
	}
	want := &store.Facets{Departments: []string{"北京市海淀区医疗保障局"}, Regions: []string{"北京市海淀区"}, Years: []int{2025, 2024}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Facets = %+v, want %+v", f, want)
	}
	f, err = s.Facets(ctx, store.Visibility{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Departments) != 2 || len(f.Years) != 3 {
		t.Errorf("Facets (all) = %+v", f)
	}
}

func testInspection(t *testing.T, s store.Store) {
	ctx := context.Background()
	m := mustCreate(t, s, SampleNew("己市交通运输局", 2024, store.Published))
	in, err := s.Inspection(ctx, m.ID)
	if err != nil || in.ReportID != m.ID || !in.ApprovedOn.IsZero() || in.OnPlatform != nil {
		t.Fatalf("empty inspection = %+v, %v", in, err)
	}
	yes := true
	want := &store.Inspection{ReportID: m.ID, ApprovedOn: time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC),
		PublishedOn: time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC), OnPlatform: &yes, Notes: "按期公开",
		UpdatedAt: time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)}
	if err := s.SaveInspection(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Inspection(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Inspection = %+v, want %+v", got, want)
	}
	want.OnPlatform, want.PublishedOn = nil, time.Time{}
	if err := s.SaveInspection(ctx, want); err != nil {
		t.Fatal(err)
	}
	all, err := s.Inspections(ctx, []int64{m.ID, 9999})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || !reflect.DeepEqual(all[m.ID], want) {
		t.Errorf("Inspections = %+v", all)
	}
	if err := s.SaveInspection(ctx, &store.Inspection{ReportID: 9999}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("inspection of a missing report: err = %v", err)
	}
	if _, err := s.Inspection(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("inspection of a missing report: err = %v", err)
	}
}

func testUsers(t *testing.T, s store.Store) {
	ctx := context.Background()
	u := &store.User{Name: "张三", Role: store.Editor, Department: "赤壁市医疗保障局", PasswordHash: []byte("h1")}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 || u.CreatedAt.IsZero() {
		t.Fatalf("user not filled: %+v", u)
	}
	if err := s.CreateUser(ctx, &store.User{Name: "张三", Role: store.Admin, PasswordHash: []byte("h")}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate name: err = %v, want ErrConflict", err)
	}
	for _, bad := range []*store.User{
		{Name: "", Role: store.Admin, PasswordHash: []byte("h")},
		{Name: "x", Role: "root", PasswordHash: []byte("h")},
		{Name: "y", Role: store.Editor, PasswordHash: []byte("h")},
		{Name: "z", Role: store.Admin},
	} {
		if err := s.CreateUser(ctx, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("CreateUser(%+v): err = %v, want ErrInvalid", bad, err)
		}
	}
	if err := s.CreateUser(ctx, &store.User{Name: "admin", Role: store.Admin, PasswordHash: []byte("h2")}); err != nil {
		t.Fatal(err)
	}
	got, err := s.UserByName(ctx, "张三")
	if err != nil || got.ID != u.ID || got.Department != u.Department || string(got.PasswordHash) != "h1" || got.Role != store.Editor {
		t.Errorf("UserByName = %+v, %v", got, err)
	}
	if _, err := s.UserByName(ctx, "李四"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing user: err = %v", err)
	}
	if _, err := s.User(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing user: err = %v", err)
	}
	us, err := s.Users(ctx)
	if err != nil || len(us) != 2 || us[0].Name != "admin" {
		t.Errorf("Users = %v, %v", us, err)
	}
	if n, err := s.CountUsers(ctx); err != nil || n != 2 {
		t.Errorf("CountUsers = %d, %v", n, err)
	}
	now := time.Now()
	if err := s.CreateSession(ctx, &store.Session{TokenHash: "t1", UserID: u.ID, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(ctx, u.ID, []byte("h3")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Session(ctx, "t1", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a password change must end sessions: err = %v", err)
	}
	got, _ = s.User(ctx, u.ID)
	if string(got.PasswordHash) != "h3" {
		t.Errorf("password not changed")
	}
	if err := s.SetPassword(ctx, 9999, []byte("h")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetPassword of a missing user: err = %v", err)
	}
}

func testSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	u := &store.User{Name: "reviewer", Role: store.Reviewer, PasswordHash: []byte("h")}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, sess := range []*store.Session{
		{TokenHash: "live", UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)},
		{TokenHash: "old", UserID: u.ID, CreatedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-time.Hour)},
	} {
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
	}
	sess, user, err := s.Session(ctx, "live", now)
	if err != nil || sess.UserID != u.ID || user.Name != "reviewer" || user.Role != store.Reviewer || !sess.ExpiresAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("Session = %+v %+v %v", sess, user, err)
	}
	if _, _, err := s.Session(ctx, "old", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired session: err = %v", err)
	}
	if _, _, err := s.Session(ctx, "nope", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing session: err = %v", err)
	}
	if err := s.DeleteExpiredSessions(ctx, now); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Session(ctx, "old", now.Add(-3*time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteExpiredSessions left the expired session: %v", err)
	}
	if err := s.DeleteSession(ctx, "live"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(ctx, "live"); err != nil {
		t.Errorf("deleting a missing session: %v", err)
	}
	if _, _, err := s.Session(ctx, "live", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted session: err = %v", err)
	}
}

func testBatches(t *testing.T, s store.Store) {
	ctx := context.Background()
	b := &store.Batch{Name: "2024年预算公开检查", Total: 3}
	if err := s.CreateBatch(ctx, b); err != nil {
		t.Fatal(err)
	}
	if b.ID == 0 || b.Status != store.BatchRunning {
		t.Fatalf("batch not filled: %+v", b)
	}
	for _, dep := range []string{"庚市林业局", "辛市水利局"} {
		n := SampleNew(dep, 2024, store.Draft)
		n.Meta.BatchID = b.ID
		mustCreate(t, s, n)
	}
	if err := s.AddBatchFailure(ctx, b.ID, "坏文件.pdf", "文件已损坏或不完整"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Batch(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Done != 2 || got.Failed != 1 || got.Total != 3 || len(got.Failures) != 1 || got.Failures[0].File != "坏文件.pdf" {
		t.Errorf("Batch = %+v", got)
	}
	list, total, err := s.ListReports(ctx, store.ReportFilter{Visibility: store.Visibility{All: true}, BatchID: b.ID})
	if err != nil || total != 2 || list[0].BatchID != b.ID {
		t.Errorf("reports of the batch: %v %d %v", list, total, err)
	}
	other := &store.Batch{Name: "另一批"}
	if err := s.CreateBatch(ctx, other); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	if err := s.FinishBatch(ctx, b.ID, store.BatchDone, at); err != nil {
		t.Fatal(err)
	}
	if n, err := s.InterruptRunningBatches(ctx, at); err != nil || n != 1 {
		t.Errorf("InterruptRunningBatches = %d, %v; want 1", n, err)
	}
	got, _ = s.Batch(ctx, b.ID)
	if got.Status != store.BatchDone || !got.FinishedAt.Equal(at) {
		t.Errorf("finished batch = %+v", got)
	}
	got, _ = s.Batch(ctx, other.ID)
	if got.Status != store.BatchInterrupted {
		t.Errorf("running batch not interrupted: %+v", got)
	}
	bs, err := s.Batches(ctx, 10)
	if err != nil || len(bs) != 2 || bs[0].ID != other.ID {
		t.Errorf("Batches = %v, %v", bs, err)
	}
	if _, err := s.Batch(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing batch: err = %v", err)
	}
	if err := s.AddBatchFailure(ctx, 9999, "f", "m"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("failure of a missing batch: err = %v", err)
	}
	if err := s.FinishBatch(ctx, 9999, store.BatchDone, at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("finish a missing batch: err = %v", err)
	}
}

func testPreviousYear(t *testing.T, st store.Store) {
	s, ok := st.(interface {
		store.Store
		store.PreviousYearFinder
	})
	if !ok {
		t.Skip("the store does not implement store.PreviousYearFinder")
	}
	ctx := context.Background()
	dept := "癸市医疗保障局"
	old := mustCreate(t, s, SampleNew(dept, 2024, store.Published))
	draft := mustCreate(t, s, SampleNew(dept, 2024, store.Draft))
	cur := mustCreate(t, s, SampleNew(dept, 2025, store.Published))
	final := SampleNew(dept, 2024, store.Published)
	final.Report.Kind = gongkai.Final
	mustCreate(t, s, final)
	mustCreate(t, s, SampleNew("其他局", 2024, store.Published))
	for _, tt := range []struct {
		name string
		v    store.Visibility
		want int64
	}{
		{"public: the published one", store.Visibility{}, old.ID},
		{"other department: the published one", store.Visibility{Department: "其他局"}, old.ID},
		{"own department: the newest", store.Visibility{Department: dept}, draft.ID},
		{"all: the newest", store.Visibility{All: true}, draft.ID},
	} {
		got, err := s.PreviousYear(ctx, dept, gongkai.Budget, cur.Year, tt.v)
		if err != nil || got == nil || got.ID != tt.want {
			t.Errorf("%s: got %+v, %v; want report %d", tt.name, got, err, tt.want)
		}
	}
	if got, err := s.PreviousYear(ctx, dept, gongkai.Budget, 2024, store.Visibility{All: true}); got != nil || err != nil {
		t.Errorf("no 2023: got %+v, %v", got, err)
	}
}

// testConcurrentWrites stores reports from several goroutines at once while
// others read: none may fail with a busy or locked database.
func testConcurrentWrites(t *testing.T, s store.Store) {
	ctx := context.Background()
	b := &store.Batch{Name: "并发", Total: 40}
	if err := s.CreateBatch(ctx, b); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 8 {
		wg.Go(func() {
			for i := range 5 {
				n := SampleNew(fmt.Sprintf("壬市第%d局", w), 2000+i, store.Published)
				n.Meta.BatchID = b.ID
				if _, err := s.CreateReport(ctx, n); err != nil {
					errs <- err
				}
				if _, _, err := s.ListReports(ctx, store.ReportFilter{Limit: 5}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, err := s.Batch(ctx, b.ID)
	if err != nil || got.Done != 40 {
		t.Errorf("batch after concurrent writes: %+v, %v", got, err)
	}
}
