package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gongkai/store"
)

const userColumns = `u.id, u.name, u.role, u.department, u.password_hash, u.created_at, u.disabled`

func scanUser(s store.Scanner) (*store.User, error) {
	var u store.User
	var role string
	var created time.Time
	if err := s.Scan(&u.ID, &u.Name, &role, &u.Department, &u.PasswordHash, &created, &u.Disabled); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt = store.Role(role), created.UTC()
	return &u, nil
}

// CreateUser stores a new user.
func (db *DB) CreateUser(ctx context.Context, u *store.User) (err error) {
	defer wrap(&err, "CreateUser(%q)", u.Name)
	if err := u.Prepare(db.now()); err != nil {
		return err
	}
	err = db.pool.QueryRow(ctx, `INSERT INTO users (name, role, department, password_hash, created_at, disabled)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING RETURNING id`,
		u.Name, string(u.Role), u.Department, u.PasswordHash, u.CreatedAt.UTC(), u.Disabled).Scan(&u.ID)
	if errors.Is(err, pgx.ErrNoRows) || isUnique(err) {
		return store.ErrConflict
	}
	return err
}

// User returns a user by id.
func (db *DB) User(ctx context.Context, id int64) (*store.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("User(%d): %w", id, err)
	}
	return u, nil
}

// UserByName returns a user by name.
func (db *DB) UserByName(ctx context.Context, name string) (*store.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.name = $1`, strings.TrimSpace(name)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("UserByName(%q): %w", name, err)
	}
	return u, nil
}

// Users lists every user by name (in code point order, as SQLite sorts).
func (db *DB) Users(ctx context.Context) (_ []*store.User, err error) {
	defer wrap(&err, "Users")
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.name COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return store.ScanAll(rows, scanUser)
}

// SetPassword replaces a password hash and ends the user's sessions.
func (db *DB) SetPassword(ctx context.Context, id int64, hash []byte) (err error) {
	defer wrap(&err, "SetPassword(%d)", id)
	if len(hash) == 0 {
		return store.ErrInvalid
	}
	return db.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		_, err = tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		return err
	})
}

// CountUsers returns how many users exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.pool.QueryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// CreateSession stores a session.
func (db *DB) CreateSession(ctx context.Context, s *store.Session) (err error) {
	defer wrap(&err, "CreateSession")
	if err := s.Prepare(db.now()); err != nil {
		return err
	}
	_, err = db.pool.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		s.TokenHash, s.UserID, s.CreatedAt.UTC(), s.ExpiresAt.UTC())
	return err
}

// Session returns a live session and its user.
func (db *DB) Session(ctx context.Context, tokenHash string, now time.Time) (*store.Session, *store.User, error) {
	var s store.Session
	var u store.User
	var role string
	var created, expires, ucreated time.Time
	err := db.pool.QueryRow(ctx, `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
		tokenHash, now.UTC()).Scan(&s.TokenHash, &s.UserID, &created, &expires,
		&u.ID, &u.Name, &role, &u.Department, &u.PasswordHash, &ucreated, &u.Disabled)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, store.ErrNotFound
	}
	if err != nil {
		return nil, nil, fmt.Errorf("Session: %w", err)
	}
	s.CreatedAt, s.ExpiresAt = created.UTC(), expires.UTC()
	u.Role, u.CreatedAt = store.Role(role), ucreated.UTC()
	return &s, &u, nil
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// DeleteExpiredSessions removes expired sessions.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	_, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, now.UTC())
	return err
}
