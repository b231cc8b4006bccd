package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gongkai/store"
)

// CreateBatch stores a running batch.
func (db *DB) CreateBatch(ctx context.Context, b *store.Batch) (err error) {
	defer wrap(&err, "CreateBatch(%q)", b.Name)
	b.Prepare(db.now())
	res, err := db.w.ExecContext(ctx, `INSERT INTO batches (name, created_by, created_at, status, total, done, failed)
		VALUES (?, ?, ?, ?, ?, 0, 0)`, b.Name, nullID(b.CreatedBy), fmtTime(b.CreatedAt), string(b.Status), b.Total)
	if err != nil {
		return err
	}
	b.ID, err = res.LastInsertId()
	return err
}

const batchColumns = `id, name, created_by, created_at, finished_at, status, total, done, failed`

func scanBatch(s store.Scanner) (*store.Batch, error) {
	var b store.Batch
	var by sql.NullInt64
	var created, finished sql.NullString
	var status string
	if err := s.Scan(&b.ID, &b.Name, &by, &created, &finished, &status, &b.Total, &b.Done, &b.Failed); err != nil {
		return nil, err
	}
	b.CreatedBy, b.CreatedAt, b.FinishedAt, b.Status = by.Int64, parseTime(created), parseTime(finished), store.BatchStatus(status)
	return &b, nil
}

// Batch returns a batch with its failures.
func (db *DB) Batch(ctx context.Context, id int64) (_ *store.Batch, err error) {
	b, err := scanBatch(db.r.QueryRowContext(ctx, `SELECT `+batchColumns+` FROM batches WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("Batch(%d): %w", id, err)
	}
	defer wrap(&err, "Batch(%d)", id)
	rows, err := db.r.QueryContext(ctx, `SELECT file, message FROM batch_failures WHERE batch_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if b.Failures, err = store.ScanAll(rows, store.ScanBatchFailure); err != nil {
		return nil, err
	}
	return b, nil
}

// Batches lists recent batches, newest first.
func (db *DB) Batches(ctx context.Context, limit int) (_ []*store.Batch, err error) {
	defer wrap(&err, "Batches")
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+batchColumns+` FROM batches ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return store.ScanAll(rows, scanBatch)
}

// AddBatchFailure records a file that could not be read.
func (db *DB) AddBatchFailure(ctx context.Context, id int64, file, message string) (err error) {
	defer wrap(&err, "AddBatchFailure(%d, %q)", id, file)
	return db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE batches SET failed = failed + 1 WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.ErrNotFound
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO batch_failures (batch_id, seq, file, message)
			VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM batch_failures WHERE batch_id = ?), ?, ?)`, id, id, file, message)
		return err
	})
}

// FinishBatch sets the final status of a batch.
func (db *DB) FinishBatch(ctx context.Context, id int64, s store.BatchStatus, at time.Time) (err error) {
	defer wrap(&err, "FinishBatch(%d)", id)
	res, err := db.w.ExecContext(ctx, `UPDATE batches SET status = ?, finished_at = ? WHERE id = ?`, string(s), fmtTime(at), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// InterruptRunningBatches marks running batches interrupted.
func (db *DB) InterruptRunningBatches(ctx context.Context, at time.Time) (int, error) {
	res, err := db.w.ExecContext(ctx, `UPDATE batches SET status = 'interrupted', finished_at = ? WHERE status = 'running'`, fmtTime(at))
	if err != nil {
		return 0, fmt.Errorf("InterruptRunningBatches: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
