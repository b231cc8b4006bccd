package sqlite_test

import (
	"os"
	"reflect"

	"context"
	"database/sql"
	"gongkai/check"
	"gongkai/importer"
	"gongkai/internal/corpus"
	"path/filepath"
	"testing"

	"gongkai/sqlite"
	"gongkai/store"
	"gongkai/storetest"
)

// mustOpen opens a fresh database file in a temporary directory.
func mustOpen(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "gongkai.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.IntegrityCheck(context.Background()); err != nil {
			t.Error(err)
		}
		db.Close()
	})
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return mustOpen(t) })
}

// TestReopen checks migrations are applied once and data survives a reopen.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.CreateReport(ctx, storetest.SampleNew("保山市医疗保障局", 2024, store.Published))
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := db.SchemaVersion(ctx)
	db.Close()
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v2, _ := db.SchemaVersion(ctx)
	if v1 != v2 || v1 < 1 {
		t.Errorf("schema version %d then %d", v1, v2)
	}
	if _, err := db.ReportMeta(ctx, m.ID); err != nil {
		t.Errorf("report lost on reopen: %v", err)
	}
}

// TestPragmas checks the connection settings: WAL, foreign keys, busy timeout.
func TestPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db := func() *sqlite.DB {
		d, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}()
	defer db.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var mode string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	// Amounts are stored as INTEGER 分.
	if _, err := db.CreateReport(context.Background(), storetest.SampleNew("甲市", 2024, store.Draft)); err != nil {
		t.Fatal(err)
	}
	var typ string
	if err := raw.QueryRow(`SELECT typeof(fen) FROM report_figures LIMIT 1`).Scan(&typ); err != nil || typ != "integer" {
		t.Errorf("typeof(fen) = %q, %v; want integer", typ, err)
	}
}

func TestRegionOf(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"重庆市南岸区医疗保障局", "重庆市南岸区"},
		{"赤壁市市场监督管理局", "赤壁市"},
		{"互助土族自治县医疗保障局", "互助土族自治县"},
		{"正定县医疗保障局", "正定县"},
		{"广东省教育厅", "广东省"},
		{"中华人民共和国财政部", ""},
		{"", ""},
	} {
		if got := store.RegionOf(tt.in); got != tt.want {
			t.Errorf("RegionOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCreateReportAtomic makes the database refuse a finding half way through
// CreateReport and checks that nothing of the report is left.
func TestCreateReportAtomic(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TRIGGER boom BEFORE INSERT ON findings WHEN NEW.message = 'boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	b := &store.Batch{Name: "b", Total: 1}
	if err := db.CreateBatch(ctx, b); err != nil {
		t.Fatal(err)
	}
	n := storetest.SampleNew("甲市", 2024, store.Published)
	n.Meta.BatchID = b.ID
	n.Findings[2].Message = "boom"
	if _, err := db.CreateReport(ctx, n); err == nil {
		t.Fatal("CreateReport succeeded despite the trigger")
	}
	for _, table := range []string{"reports", "source_files", "findings", "report_figures", "report_classes"} {
		var c int
		if err := raw.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&c); err != nil {
			t.Fatal(err)
		}
		if c != 0 {
			t.Errorf("%s: %d rows left by a failed CreateReport", table, c)
		}
	}
	got, err := db.Batch(ctx, b.ID)
	if err != nil || got.Done != 0 {
		t.Errorf("batch counted a failed report: %+v %v", got, err)
	}
}

// TestSeedsRoundTrip stores the five seed disclosures and checks that the
// stored report, checked again, gives the stored findings.
func TestSeedsRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	for _, path := range corpus.Files(t, "seeds", "*.txt") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := importer.Import(ctx, filepath.Base(path), data, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fs := check.Run(r, check.Options{})
		m, err := db.CreateReport(ctx, &store.NewReport{Report: r, Findings: fs,
			Files: []store.SourceFile{{Name: filepath.Base(path), Format: "text", Content: data}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Report(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Sources, r.Sources) {
			t.Errorf("%s: sources differ", path)
		}
		stored, err := db.Findings(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again := check.Run(got, check.Options{}); !reflect.DeepEqual(again, stored) || !reflect.DeepEqual(stored, fs) {
			t.Errorf("%s: %d findings stored, %d when checked again, %d at first", path, len(stored), len(again), len(fs))
		}
	}
}
