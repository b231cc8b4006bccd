// Package pgtest gives tests a PostgreSQL database to use: the server
// scripts/test starts (GONGKAI_TEST_PG), and a fresh schema in it per test.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/url"
	"os"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"
)

// DSN returns the DSN of the test server. Without GONGKAI_TEST_PG the
// test is skipped with the reason, unless GONGKAI_REQUIRE_PG is set (CI:
// scripts/test starts a server), in which case it fails.
func DSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("GONGKAI_TEST_PG")
	if dsn != "" {
		return dsn
	}
	msg := "GONGKAI_TEST_PG is not set: the PostgreSQL store is not tested (scripts/test starts a throwaway server and sets it, " +
		"or set it to a DSN such as postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable)"
	if os.Getenv("GONGKAI_REQUIRE_PG") != "" {
		tb.Fatal("GONGKAI_REQUIRE_PG is set but " + msg)
	}
	tb.Skip(msg)
	return ""
}

// FreshSchema creates an empty schema in the test database, dropped when
// the test ends, and returns a DSN whose connections use it.
func FreshSchema(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	dsn := DSN(tb)
	var b [6]byte
	rand.Read(b[:])
	schema := "gk_test_" + hex.EncodeToString(b[:])
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("connect to GONGKAI_TEST_PG: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			tb.Error(err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			tb.Error(err)
		}
	})
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	u := url.URL{Scheme: "postgres", User: url.User(cfg.User), Host: net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), Path: "/" + cfg.Database}
	if cfg.Password != "" {
		u.User = url.UserPassword(cfg.User, cfg.Password)
	}
	q := url.Values{"sslmode": {"disable"}, "search_path": {schema}}
	if cfg.TLSConfig != nil {
		q.Set("sslmode", "require")
	}
	u.RawQuery = q.Encode()
	return u.String()
}
