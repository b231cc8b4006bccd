// Package sqlite implements store.Store on an embedded SQLite database
// (modernc.org/sqlite: pure Go, no cgo). The database runs in WAL mode with
// foreign keys on and a busy timeout; writes go through one connection that
// begins its transactions IMMEDIATE, so concurrent writers queue instead of
// failing, and reads use a separate pool that never blocks on them.
//
// The schema is a list of embedded, numbered migrations
// (migrations/NNNN_name.sql) applied in order at Open, each in its own
// transaction and recorded in schema_migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"gongkai/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a store.Store on a SQLite file.
type DB struct {
	path string
	w    *sql.DB // one connection, BEGIN IMMEDIATE
	r    *sql.DB // readers
	// Statements every page runs, prepared once.
	metaStmt, sessionStmt, findingsStmt *sql.Stmt
	prevStmt, prevPublishedStmt         *sql.Stmt
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

var (
	_ store.Store              = (*DB)(nil)
	_ store.PreviousYearFinder = (*DB)(nil)
)

// Open opens (creating if needed) the database at path and applies the
// migrations it lacks.
func Open(ctx context.Context, file string) (_ *DB, err error) {
	defer wrap(&err, "sqlite.Open(%q)", file)
	if file == "" || strings.ContainsAny(file, "?#") {
		return nil, fmt.Errorf("bad database path")
	}
	pragmas := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		pragmas.Add("_pragma", p)
	}
	wdsn := "file:" + file + "?" + pragmas.Encode() + "&_txlock=immediate"
	w, err := sql.Open("sqlite", wdsn)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: file, w: w, Now: time.Now}
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	pragmas.Add("_pragma", "query_only(1)")
	r, err := sql.Open("sqlite", "file:"+file+"?"+pragmas.Encode())
	if err != nil {
		w.Close()
		return nil, err
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxIdleTime(0)
	db.r = r
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&db.metaStmt, metaQuery},
		{&db.sessionStmt, sessionQuery},
		{&db.findingsStmt, findingsQuery},
		{&db.prevStmt, prevQuery},
		{&db.prevPublishedStmt, prevPublishedQuery},
	} {
		if *p.st, err = r.PrepareContext(ctx, p.sql); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	for _, st := range []*sql.Stmt{db.metaStmt, db.sessionStmt, db.findingsStmt, db.prevStmt, db.prevPublishedStmt} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	return errors.Join(append(errs, db.w.Close())...)
}

// Path returns the database file.
func (db *DB) Path() string { return db.path }

// migrate applies the migrations the database lacks, each in its own
// transaction. Append only: never edit or renumber a migration that has
// been released.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := store.Migrations(migrationFS)
	if err != nil {
		return err
	}
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var have int
	if err := db.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return err
	}
	if have > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this program (%d)", have, len(ms))
	}
	for _, m := range ms[have:] {
		err := db.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, fmtTime(db.now()))
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
	err := db.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// tx runs f in a write transaction, committing when it returns nil.
func (db *DB) tx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// now returns the current time as stored (store.Now).
func (db *DB) now() time.Time { return store.Now(db.Now) }

// Setting returns a stored setting.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.ErrNotFound
	}
	return v, err
}

// PutSetting stores a setting.
func (db *DB) PutSetting(ctx context.Context, key, value string) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// IntegrityCheck runs SQLite's integrity and foreign key checks and returns
// an error describing the first problems found.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := db.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity_check: %s", res)
	}
	rows, err := db.r.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		return errors.New("foreign_key_check: dangling references")
	}
	return rows.Err()
}

const timeLayout = "2006-01-02T15:04:05.000Z"
const dateLayout = "2006-01-02"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dateLayout)
}

func parseTime(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s.String)
	}
	return t
}

func parseDate(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, _ := time.Parse(dateLayout, s.String)
	return t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// wrap prefixes a non-nil error with the operation that failed, keeping
// the cause for errors.Is.
func wrap(err *error, format string, args ...any) {
	if *err != nil {
		*err = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *err)
	}
}
