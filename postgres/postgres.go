// Package postgres implements store.Store on PostgreSQL with
// github.com/jackc/pgx/v5 (pure Go, no cgo): a pgxpool connection pool,
// one transaction per write, and COPY for bulk loads (DB.BulkCreate).
//
// The schema mirrors package sqlite's table for table — amounts are BIGINT
// 分, a report's content is its JSON — so the two stores hold the same
// values and pass the same conformance suite (package storetest). It is a
// list of embedded, numbered migrations (migrations/NNNN_name.sql) applied
// in order at Open, each in its own transaction, under an advisory lock so
// that several processes starting at once apply each migration once.
//
// A DSN is a PostgreSQL URL or keyword/value string as pgx reads it
// (postgres://user@host:5432/db?sslmode=disable). The pool's size comes from
// pool_max_conns in the DSN when given.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"gongkai/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a store.Store on a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

var (
	_ store.Store              = (*DB)(nil)
	_ store.PreviousYearFinder = (*DB)(nil)
)

// Open connects to the database at dsn, applies the migrations it lacks
// and returns it as a store.Store (a *DB underneath).
func Open(ctx context.Context, dsn string) (store.Store, error) {
	db, err := Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// Connect is Open returning the concrete *DB, for its bulk loading and
// query methods beyond store.Store.
func Connect(ctx context.Context, dsn string) (_ *DB, err error) {
	defer wrap(&err, "postgres.Open(%s)", redact(dsn))
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return ConnectConfig(ctx, cfg)
}

// ConnectConfig is Connect with a parsed pool configuration (tests use it
// to set a search_path).
func ConnectConfig(ctx context.Context, cfg *pgxpool.Config) (*DB, error) {
	if cfg.ConnConfig.RuntimeParams == nil {
		cfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	cfg.ConnConfig.RuntimeParams["application_name"] = "gongkai"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	db := &DB{pool: pool, Now: time.Now}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// redact hides a password in a DSN for error messages.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		rest := dsn[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				return dsn[:i+3] + rest[:c] + ":***" + rest[at:]
			}
		}
		return dsn
	}
	var out []string
	for _, f := range strings.Fields(dsn) {
		if strings.HasPrefix(f, "password=") {
			f = "password=***"
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// Close closes the pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Pool returns the connection pool, for queries beyond store.Store.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// migrationLock is the advisory lock key held while migrating ("gongkai" in ASCII).
const migrationLock = 0x676f6e676b6169

// migrate applies the migrations the database lacks, each in its own
// transaction. Append only: never edit or renumber a migration that has
// been released.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := store.Migrations(migrationFS)
	if err != nil {
		return err
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var have int
	if err := conn.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return err
	}
	if have > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this program (%d)", have, len(ms))
	}
	for _, m := range ms[have:] {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				m.Version, m.Name, db.now())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// SchemaVersion returns the number of migrations applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// tx runs f in a transaction, committing when it returns nil.
func (db *DB) tx(ctx context.Context, f func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, f)
}

// now returns the current time as stored (store.Now).
func (db *DB) now() time.Time { return store.Now(db.Now) }

// Setting returns a stored setting.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", store.ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("Setting(%q): %w", key, err)
	}
	return v, nil
}

// PutSetting stores a setting.
func (db *DB) PutSetting(ctx context.Context, key, value string) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("PutSetting(%q): %w", key, err)
	}
	return nil
}

// utc returns a time read from the database in UTC, the zero time for NULL.
func utc(t *time.Time) time.Time {
	if t == nil || t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

// date returns a DATE read from the database as midnight UTC.
func date(t *time.Time) time.Time {
	if t == nil || t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// nullDate stores the zero time as NULL and a time as its date.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// wrap prefixes a non-nil error with the operation that failed, keeping
// the cause for errors.Is.
func wrap(err *error, format string, args ...any) {
	if *err != nil {
		*err = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *err)
	}
}
