package postgres

import (
	"context"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"gongkai/store"
)

// BulkCreate stores many checked reports in one transaction with COPY,
// the way an archive of hundreds or thousands of disclosures is loaded. Each
// report is stored exactly as CreateReport stores it (the same meta
// defaults, rows and batch counts); either all of them are stored or none.
// It fills each n.Meta and returns the stored metas in the order given.
// Returns ErrInvalid when a report or a file is missing, or a batch does
// not exist. Callers loading a very large set pass it in chunks (a few
// hundred reports a call keeps memory flat).
func (db *DB) BulkCreate(ctx context.Context, ns []*store.NewReport) (_ []*store.ReportMeta, err error) {
	defer wrap(&err, "BulkCreate(%d reports)", len(ns))
	if len(ns) == 0 {
		return nil, nil
	}
	now := db.now()
	ps := make([]*prepared, len(ns))
	batches := map[int64]int{}
	for i, n := range ns {
		p, err := prepare(n, now)
		if err != nil {
			return nil, fmt.Errorf("report %d: %w", i, err)
		}
		ps[i] = p
		if p.m.BatchID != 0 {
			batches[p.m.BatchID]++
		}
	}
	err = db.tx(ctx, func(tx pgx.Tx) error {
		ids := make([]int64, 0, len(batches))
		for id := range batches {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] }) // lock batches in one order
		for _, id := range ids {
			tag, err := tx.Exec(ctx, `UPDATE batches SET done = done + $1 WHERE id = $2`, batches[id], id)
			if err != nil {
				return err
			}
			if tag.RowsAffected() != 1 {
				return fmt.Errorf("%w: batch %d does not exist", store.ErrInvalid, id)
			}
		}
		rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('reports', 'id')) FROM generate_series(1, $1)`, len(ps))
		if err != nil {
			return err
		}
		newIDs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		for i, p := range ps {
			p.m.ID = newIDs[i]
		}
		var reports, files, findings, figures, classes [][]any
		for _, p := range ps {
			reports = append(reports, p.reportValues())
			files = append(files, p.fileRows()...)
			fs, err := p.findingRows()
			if err != nil {
				return err
			}
			findings = append(findings, fs...)
			figures = append(figures, p.figureRows()...)
			classes = append(classes, p.classRows()...)
		}
		for _, t := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"reports", reportColumns, reports},
			{"source_files", fileColumns, files},
			{"findings", findingColumns, findings},
			{"report_figures", figureColumns, figures},
			{"report_classes", classColumns, classes},
		} {
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.table}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]*store.ReportMeta, len(ps))
	for i, p := range ps {
		ns[i].Meta = p.m
		m := p.m
		out[i] = &m
	}
	return out, nil
}
