package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/virk-analyse/virk"
)

// FindAnnotations returns the matching annotations ordered by indicator,
// entity (series-wide ones first), period and creation.
func (db *DB) FindAnnotations(ctx context.Context, filter virk.AnnotationFilter) ([]*virk.Annotation, error) {
	var w where
	w.in("i.id", filter.IndicatorIDs)
	if len(filter.EntityIDs) > 0 {
		w.add("(a.entity_sid IS NULL OR e.id IN ("+placeholders(len(filter.EntityIDs))+"))",
			stringArgs(filter.EntityIDs)...)
	}
	return findAnnotations(ctx, db, w)
}

// findAnnotations reads the annotations matching w.
func findAnnotations(ctx context.Context, q queryer, w where) ([]*virk.Annotation, error) {
	var anns []*virk.Annotation
	var a virk.Annotation
	var period sql.NullInt64
	err := queryEach(ctx, q, `SELECT a.id, a.kind, i.id, COALESCE(e.id, ''), a.period, a.text,
		a.author, a.created_at, a.batch_id
		FROM annotation a JOIN indicator i ON i.sid = a.indicator_sid
		LEFT JOIN entity e ON e.sid = a.entity_sid`+w.String()+`
		ORDER BY i.id, COALESCE(e.id, ''), COALESCE(a.period, 0), a.id`, w.args,
		[]any{&a.ID, &a.Kind, &a.IndicatorID, &a.EntityID, &period, &a.Text, &a.Author, &a.CreatedAt, &a.BatchID},
		func() error {
			an := a
			an.Period = virk.Period{}
			if period.Valid {
				an.Period = periodFromCode(period.Int64)
			}
			an.CreatedAt = a.CreatedAt.UTC()
			anns = append(anns, &an)
			return nil
		})
	return anns, err
}

// insertAnnotation stores a new annotation. It is stamped with the
// transaction's time unless it carries its own, and with the importing
// user unless it names its author.
func insertAnnotation(ctx context.Context, tx *Tx, a *virk.Annotation, indSID, entSID int64, user string, batchID int64) error {
	var ent, period any
	if entSID != 0 {
		ent = entSID
	}
	if !a.Period.IsZero() {
		period = periodCode(a.Period)
	}
	created := tx.now
	if !a.CreatedAt.IsZero() {
		created = a.CreatedAt.UTC().Truncate(time.Microsecond)
	}
	author := a.Author
	if author == "" {
		author = user
	}
	_, err := tx.exec(ctx, `INSERT INTO annotation (kind, indicator_sid, entity_sid, period, text,
		author, created_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		string(a.Kind), indSID, ent, period, a.Text, author, created, batchID)
	return err
}

// stringArgs boxes strings for an IN list.
func stringArgs(values []string) []any {
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	return args
}

// writeAnnotations stores the change set's annotations, except those that
// say the same as one already stored; a dry run only counts them.
func (a *applier) writeAnnotations(ctx context.Context) (virk.Counts, error) {
	var n virk.Counts
	var sids []int64
	for _, an := range a.anns {
		if i := a.inds.idx[an.IndicatorID]; int(i) < a.inds.nOld {
			sids = append(sids, a.inds.sid[i])
		}
	}
	slices.Sort(sids)
	stored := make(map[string][]*virk.Annotation)
	err := eachChunk(slices.Compact(sids), func(part []int64) error {
		anns, err := findAnnotations(ctx, a.tx, where{
			conds: []string{"a.indicator_sid IN (" + placeholders(len(part)) + ")"},
			args:  boxAll(part),
		})
		for _, an := range anns {
			stored[an.IndicatorID] = append(stored[an.IndicatorID], an)
		}
		return err
	})
	if err != nil {
		return n, err
	}
	for _, an := range a.anns {
		if slices.ContainsFunc(stored[an.IndicatorID], an.SameAs) {
			n.Unchanged++
			continue
		}
		n.Added++
		if a.dry() {
			continue
		}
		var ent int64
		if an.EntityID != "" {
			ent = a.ents.sid[a.ents.idx[an.EntityID]]
		}
		if err := insertAnnotation(ctx, a.tx, an, a.inds.sid[a.inds.idx[an.IndicatorID]], ent,
			a.opts.User, a.batchID); err != nil {
			return n, err
		}
	}
	return n, nil
}
