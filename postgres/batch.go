package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"gongkai/store"
)

// CreateBatch stores a running batch.
func (db *DB) CreateBatch(ctx context.Context, b *store.Batch) (err error) {
	defer wrap(&err, "CreateBatch(%q)", b.Name)
	b.Prepare(db.now())
	return db.pool.QueryRow(ctx, `INSERT INTO batches (name, created_by, created_at, status, total, done, failed)
		VALUES ($1, $2, $3, $4, $5, 0, 0) RETURNING id`, b.Name, nullID(b.CreatedBy), b.CreatedAt.UTC(), string(b.Status), b.Total).Scan(&b.ID)
}

const batchColumns = `id, name, created_by, created_at, finished_at, status, total, done, failed`

func scanBatch(s store.Scanner) (*store.Batch, error) {
	var b store.Batch
	var by *int64
	var created, finished *time.Time
	var status string
	if err := s.Scan(&b.ID, &b.Name, &by, &created, &finished, &status, &b.Total, &b.Done, &b.Failed); err != nil {
		return nil, err
	}
	if by != nil {
		b.CreatedBy = *by
	}
	b.CreatedAt, b.FinishedAt, b.Status = utc(created), utc(finished), store.BatchStatus(status)
	return &b, nil
}

// Batch returns a batch with its failures.
func (db *DB) Batch(ctx context.Context, id int64) (_ *store.Batch, err error) {
	b, err := scanBatch(db.pool.QueryRow(ctx, `SELECT `+batchColumns+` FROM batches WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("Batch(%d): %w", id, err)
	}
	defer wrap(&err, "Batch(%d)", id)
	rows, err := db.pool.Query(ctx, `SELECT file, message FROM batch_failures WHERE batch_id = $1 ORDER BY seq`, id)
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
	rows, err := db.pool.Query(ctx, `SELECT `+batchColumns+` FROM batches ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return store.ScanAll(rows, scanBatch)
}

// AddBatchFailure records a file that could not be read.
func (db *DB) AddBatchFailure(ctx context.Context, id int64, file, message string) (err error) {
	defer wrap(&err, "AddBatchFailure(%d, %q)", id, file)
	return db.tx(ctx, func(tx pgx.Tx) error {
		// The update locks the batch row, so the next seq is ours.
		tag, err := tx.Exec(ctx, `UPDATE batches SET failed = failed + 1 WHERE id = $1`, id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		_, err = tx.Exec(ctx, `INSERT INTO batch_failures (batch_id, seq, file, message)
			VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM batch_failures WHERE batch_id = $1), $2, $3)`, id, file, message)
		return err
	})
}

// FinishBatch sets the final status of a batch.
func (db *DB) FinishBatch(ctx context.Context, id int64, s store.BatchStatus, at time.Time) (err error) {
	defer wrap(&err, "FinishBatch(%d)", id)
	tag, err := db.pool.Exec(ctx, `UPDATE batches SET status = $1, finished_at = $2 WHERE id = $3`, string(s), at.UTC(), id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}

// InterruptRunningBatches marks running batches interrupted.
func (db *DB) InterruptRunningBatches(ctx context.Context, at time.Time) (int, error) {
	tag, err := db.pool.Exec(ctx, `UPDATE batches SET status = 'interrupted', finished_at = $1 WHERE status = 'running'`, at.UTC())
	if err != nil {
		return 0, fmt.Errorf("InterruptRunningBatches: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
