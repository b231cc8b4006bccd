package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gongkai/store"
)

const userColumns = `u.id, u.name, u.role, u.department, u.password_hash, u.created_at, u.disabled`

func scanUser(s store.Scanner) (*store.User, error) {
	var u store.User
	var role string
	var created sql.NullString
	if err := s.Scan(&u.ID, &u.Name, &role, &u.Department, &u.PasswordHash, &created, &u.Disabled); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt = store.Role(role), parseTime(created)
	return &u, nil
}

const sessionQuery = `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, ` + userColumns + `
	FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`

// CreateUser stores a new user.
func (db *DB) CreateUser(ctx context.Context, u *store.User) (err error) {
	defer wrap(&err, "CreateUser(%q)", u.Name)
	if err := u.Prepare(db.now()); err != nil {
		return err
	}
	err = db.w.QueryRowContext(ctx, `INSERT INTO users (name, role, department, password_hash, created_at, disabled)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id`,
		u.Name, string(u.Role), u.Department, u.PasswordHash, fmtTime(u.CreatedAt), u.Disabled).Scan(&u.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrConflict
	}
	return err
}

// User returns a user by id.
func (db *DB) User(ctx context.Context, id int64) (*store.User, error) {
	u, err := scanUser(db.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("User(%d): %w", id, err)
	}
	return u, nil
}

// UserByName returns a user by name.
func (db *DB) UserByName(ctx context.Context, name string) (*store.User, error) {
	u, err := scanUser(db.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.name = ?`, strings.TrimSpace(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("UserByName(%q): %w", name, err)
	}
	return u, nil
}

// Users lists every user by name.
func (db *DB) Users(ctx context.Context) (_ []*store.User, err error) {
	defer wrap(&err, "Users")
	rows, err := db.r.QueryContext(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.name`)
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
	return db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.ErrNotFound
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
}

// CountUsers returns how many users exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// CreateSession stores a session.
func (db *DB) CreateSession(ctx context.Context, s *store.Session) (err error) {
	defer wrap(&err, "CreateSession")
	if err := s.Prepare(db.now()); err != nil {
		return err
	}
	_, err = db.w.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		s.TokenHash, s.UserID, fmtTime(s.CreatedAt), fmtTime(s.ExpiresAt))
	return err
}

// Session returns a live session and its user.
func (db *DB) Session(ctx context.Context, tokenHash string, now time.Time) (*store.Session, *store.User, error) {
	var s store.Session
	var created, expires sql.NullString
	row := db.sessionStmt.QueryRowContext(ctx, tokenHash, fmtTime(now))
	var u store.User
	var role string
	var ucreated sql.NullString
	err := row.Scan(&s.TokenHash, &s.UserID, &created, &expires,
		&u.ID, &u.Name, &role, &u.Department, &u.PasswordHash, &ucreated, &u.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, store.ErrNotFound
	}
	if err != nil {
		return nil, nil, fmt.Errorf("Session: %w", err)
	}
	s.CreatedAt, s.ExpiresAt = parseTime(created), parseTime(expires)
	u.Role, u.CreatedAt = store.Role(role), parseTime(ucreated)
	return &s, &u, nil
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
	return err
}

// DeleteExpiredSessions removes expired sessions.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, fmtTime(now))
	return err
}
