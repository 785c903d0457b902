package sqlstore

import (
	"context"
	"math"
	"time"

	"github.com/virk-analyse/virk"
)

// AppendAudit adds an event to the audit log.
func (db *DB) AppendAudit(ctx context.Context, e *virk.AuditEvent) error {
	if e == nil || e.Action == "" {
		return virk.Errorf(virk.EINVALID, "hendelsen i revisjonsloggen mangler handling")
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if e.Time.IsZero() {
		e.Time = tx.now
	}
	e.Time = e.Time.UTC().Truncate(time.Microsecond)
	id, err := tx.insertID(ctx, `INSERT INTO audit_event (time, actor, address, action, object, batch_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, e.Time, e.Actor, e.Address, e.Action, e.Object, e.BatchID, e.Detail)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	e.ID = id
	return nil
}

// FindAudit returns the matching events, newest first, and how many match.
func (db *DB) FindAudit(ctx context.Context, f virk.AuditFilter) ([]*virk.AuditEvent, int, error) {
	var w where
	if f.Actor != nil {
		w.add("actor = ?", *f.Actor)
	}
	if f.Action != nil {
		w.add("action = ?", *f.Action)
	}
	if !f.From.IsZero() {
		w.add("time >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		w.add("time < ?", f.To.UTC())
	}
	if f.Offset < 0 || f.Limit < 0 {
		return nil, 0, virk.Errorf(virk.EINVALID, "negativ side eller grense")
	}
	var total int
	if err := queryEach(ctx, db, `SELECT COUNT(*) FROM audit_event`+w.String(), w.args, []any{&total},
		func() error { return nil }); err != nil {
		return nil, 0, err
	}
	// Newest by time: a caller may append an event with the time it
	// happened, after one that happened later. The id breaks ties, so
	// that pages do not overlap.
	q := `SELECT id, time, actor, address, action, object, batch_id, detail FROM audit_event` + w.String() +
		` ORDER BY time DESC, id DESC`
	args := w.args
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit == 0 {
			limit = math.MaxInt32
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, f.Offset)
	}
	var out []*virk.AuditEvent
	var e virk.AuditEvent
	err := queryEach(ctx, db, q, args,
		[]any{&e.ID, &e.Time, &e.Actor, &e.Address, &e.Action, &e.Object, &e.BatchID, &e.Detail},
		func() error {
			v := e
			v.Time = v.Time.UTC()
			out = append(out, &v)
			return nil
		})
	return out, total, err
}
