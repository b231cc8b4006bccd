package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gongkai/postgres"
	"gongkai/postgres/pgtest"
	"gongkai/store"
	"gongkai/storetest"
)

// mustOpen opens a store in a fresh schema of the test database.
func mustOpen(tb testing.TB) *postgres.DB {
	tb.Helper()
	db, err := postgres.Connect(context.Background(), pgtest.FreshSchema(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return mustOpen(t) })
}

// TestOpen checks the store.Store constructor the serve command uses, and
// that a bad DSN is refused with a message that hides its password.
func TestOpen(t *testing.T) {
	ctx := context.Background()
	if _, err := postgres.Open(ctx, "postgres://u:secret@127.0.0.1:1/x?connect_timeout=2"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad DSN: err = %v", err)
	}
	s, err := postgres.Open(ctx, pgtest.FreshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v < 1 {
		t.Errorf("SchemaVersion = %d, %v", v, err)
	}
}

// TestReopen checks migrations are applied once and data survives a reopen.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	m, err := db.CreateReport(ctx, storetest.SampleNew("保山市医疗保障局", 2024, store.Published))
	if err != nil {
		t.Fatal(err)
	}
	// A second store on the same schema migrates nothing.
	again, err := postgres.ConnectConfig(ctx, db.Pool().Config())
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	v1, _ := db.SchemaVersion(ctx)
	v2, _ := again.SchemaVersion(ctx)
	if v1 != v2 || v1 < 1 {
		t.Errorf("schema version %d then %d", v1, v2)
	}
	if _, err := again.ReportMeta(ctx, m.ID); err != nil {
		t.Errorf("report lost on reopen: %v", err)
	}
}

// TestBulkCreate loads reports with COPY and checks they read back exactly
// like reports stored one by one.
func TestBulkCreate(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	b := &store.Batch{Name: "批量导入", Total: 30}
	if err := db.CreateBatch(ctx, b); err != nil {
		t.Fatal(err)
	}
	var ns []*store.NewReport
	for i := range 30 {
		n := storetest.SampleNew(fmt.Sprintf("癸市第%d局", i), 2020+i%5, store.Published)
		n.Meta.BatchID = b.ID
		ns = append(ns, n)
	}
	ms, err := db.BulkCreate(ctx, ns)
	if err != nil {
		t.Fatal(err)
	}
	one, err := db.CreateReport(ctx, storetest.SampleNew("癸市第0局", 2020, store.Published))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 30 || ms[0].ID == 0 || ms[29].ID >= one.ID {
		t.Fatalf("ids: first %d, last %d, next single %d", ms[0].ID, ms[29].ID, one.ID)
	}
	for i, m := range ms {
		got, err := db.ReportMeta(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, m) {
			t.Errorf("meta %d:\n got %+v\nwant %+v", i, got, m)
		}
		r, err := db.Report(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r, ns[i].Report) {
			t.Errorf("report %d does not round-trip", i)
		}
		fs, err := db.Findings(ctx, m.ID)
		if err != nil || !reflect.DeepEqual(fs, ns[i].Findings) {
			t.Errorf("findings %d: %v", i, err)
		}
		cs, err := db.Classes(ctx, m.ID)
		if err != nil || len(cs) != 2 {
			t.Errorf("classes %d: %v %v", i, cs, err)
		}
	}
	got, err := db.Batch(ctx, b.ID)
	if err != nil || got.Done != 30 {
		t.Errorf("batch after bulk load: %+v %v", got, err)
	}
	// A missing batch fails the whole load.
	bad := []*store.NewReport{storetest.SampleNew("子市", 2024, store.Draft), storetest.SampleNew("丑市", 2024, store.Draft)}
	bad[1].Meta.BatchID = 777777
	if _, err := db.BulkCreate(ctx, bad); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("missing batch: err = %v, want ErrInvalid", err)
	}
	if _, total, _ := db.ListReports(ctx, store.ReportFilter{Visibility: store.Visibility{All: true}, Query: "子市"}); total != 0 {
		t.Errorf("a failed bulk load left %d reports", total)
	}
}
