package sqlstore

import (
	"context"

	"github.com/virk-analyse/virk"
)

// batchColumns are the columns scanBatch reads, from table alias b.
const batchColumns = `b.id, b.username, b.created_at,
	b.indicators_added, b.indicators_changed, b.indicators_unchanged,
	b.entities_added, b.entities_changed, b.entities_unchanged,
	b.observations_added, b.observations_changed, b.observations_unchanged,
	b.annotations_added, b.annotations_changed, b.annotations_unchanged,
	b.meters_added, b.meters_changed, b.meters_unchanged,
	b.readings_added, b.readings_changed, b.readings_unchanged,
	b.projects_added, b.projects_changed, b.projects_unchanged,
	b.benefits_added, b.benefits_changed, b.benefits_unchanged`

// FindBatches returns all stored batches with their files and summaries,
// newest first.
func (db *DB) FindBatches(ctx context.Context) ([]*virk.Batch, error) {
	return findBatches(ctx, db, where{}, "DESC")
}

// DataVersion returns the ID of the newest batch, 0 when there is none.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM batch`).Scan(&v)
	return v, err
}

// findBatches reads the batches matching w, ordered by id in the given
// direction ("ASC" or "DESC"), with their files.
func findBatches(ctx context.Context, q queryer, w where, dir string) ([]*virk.Batch, error) {
	var batches []*virk.Batch
	byID := make(map[int64]*virk.Batch)
	var b virk.Batch
	s := &b.Summary
	err := queryEach(ctx, q, `SELECT `+batchColumns+` FROM batch b`+w.String()+` ORDER BY b.id `+dir, w.args,
		[]any{&b.ID, &b.User, &b.CreatedAt,
			&s.Indicators.Added, &s.Indicators.Changed, &s.Indicators.Unchanged,
			&s.Entities.Added, &s.Entities.Changed, &s.Entities.Unchanged,
			&s.Observations.Added, &s.Observations.Changed, &s.Observations.Unchanged,
			&s.Annotations.Added, &s.Annotations.Changed, &s.Annotations.Unchanged,
			&s.Meters.Added, &s.Meters.Changed, &s.Meters.Unchanged,
			&s.Readings.Added, &s.Readings.Changed, &s.Readings.Unchanged,
			&s.Projects.Added, &s.Projects.Changed, &s.Projects.Unchanged,
			&s.Benefits.Added, &s.Benefits.Changed, &s.Benefits.Unchanged},
		func() error {
			v := b
			v.CreatedAt = b.CreatedAt.UTC()
			batches = append(batches, &v)
			byID[v.ID] = &v
			return nil
		})
	if err != nil || len(batches) == 0 {
		return nil, err
	}
	var id int64
	var f virk.File
	err = queryEach(ctx, q, `SELECT f.batch_id, f.name, f.sha256
		FROM batch_file f JOIN batch b ON b.id = f.batch_id`+w.String()+` ORDER BY f.batch_id, f.pos`, w.args,
		[]any{&id, &f.Name, &f.SHA256},
		func() error {
			if b := byID[id]; b != nil {
				b.Files = append(b.Files, f)
			}
			return nil
		})
	return batches, err
}

// sameFileBatches returns the stored batches that read a file with the
// same content as one of files, oldest first.
func sameFileBatches(ctx context.Context, q queryer, files []virk.File) ([]*virk.Batch, error) {
	var hashes []string
	for _, f := range files {
		if f.SHA256 != "" {
			hashes = append(hashes, f.SHA256)
		}
	}
	if len(hashes) == 0 {
		return nil, nil
	}
	var w where
	w.add("b.id IN (SELECT batch_id FROM batch_file WHERE sha256 IN ("+placeholders(len(hashes))+"))",
		stringArgs(hashes)...)
	return findBatches(ctx, q, w, "ASC")
}

// insertBatch stores a batch row, with zero counts, and returns its id.
func insertBatch(ctx context.Context, tx *Tx, user string) (int64, error) {
	return tx.insertID(ctx, `INSERT INTO batch (username, created_at) VALUES (?, ?) RETURNING id`, user, tx.now)
}

// finishBatch stores a batch's summary and files.
func finishBatch(ctx context.Context, tx *Tx, b *virk.Batch) error {
	s := &b.Summary
	if _, err := tx.exec(ctx, `UPDATE batch SET
		indicators_added = ?, indicators_changed = ?, indicators_unchanged = ?,
		entities_added = ?, entities_changed = ?, entities_unchanged = ?,
		observations_added = ?, observations_changed = ?, observations_unchanged = ?,
		annotations_added = ?, annotations_changed = ?, annotations_unchanged = ?,
		meters_added = ?, meters_changed = ?, meters_unchanged = ?,
		readings_added = ?, readings_changed = ?, readings_unchanged = ?,
		projects_added = ?, projects_changed = ?, projects_unchanged = ?,
		benefits_added = ?, benefits_changed = ?, benefits_unchanged = ?
		WHERE id = ?`,
		s.Indicators.Added, s.Indicators.Changed, s.Indicators.Unchanged,
		s.Entities.Added, s.Entities.Changed, s.Entities.Unchanged,
		s.Observations.Added, s.Observations.Changed, s.Observations.Unchanged,
		s.Annotations.Added, s.Annotations.Changed, s.Annotations.Unchanged,
		s.Meters.Added, s.Meters.Changed, s.Meters.Unchanged,
		s.Readings.Added, s.Readings.Changed, s.Readings.Unchanged,
		s.Projects.Added, s.Projects.Changed, s.Projects.Unchanged,
		s.Benefits.Added, s.Benefits.Changed, s.Benefits.Unchanged, b.ID); err != nil {
		return err
	}
	for i, f := range b.Files {
		if _, err := tx.exec(ctx, `INSERT INTO batch_file (batch_id, pos, name, sha256) VALUES (?, ?, ?, ?)`,
			b.ID, i, f.Name, f.SHA256); err != nil {
			return err
		}
	}
	return nil
}
