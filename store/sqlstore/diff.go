package sqlstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/virk-analyse/virk"
)

// diffChunk is how many entities, and how many indicators, one read of
// stored observations covers; two such IN lists stay well under every
// dialect's parameter limit.
const diffChunk = 500

// diffRows is how many of the change set's rows one read of stored
// observations covers, at least: the reads end at the first entity after
// it, so that the stored rows held at once stay few however many
// indicators an entity has.
const diffRows = 1 << 16

// observationCols returns the columns of observation in the order
// rowValues writes them.
func observationCols() []string {
	return []string{"entity_sid", "indicator_sid", "period", "value", "origin_sid"}
}

// revisionCols returns the columns of observation_revision in insert
// order: those of observation, then when and by which batch it was
// replaced.
func revisionCols() []string {
	return append(observationCols(), "replaced_at", "replaced_by_batch")
}

// upsertTail turns an observation INSERT into a replacement of the row.
const upsertTail = ` ON CONFLICT (entity_sid, indicator_sid, period) DO UPDATE SET
	value = excluded.value, origin_sid = excluded.origin_sid`

// obsKey is the primary key of a stored observation.
type obsKey struct {
	ent, ind, per int64
}

// changedRow is a row that replaces a stored observation, with what of
// the stored version the row does not tell: its key is the row's.
type changedRow struct {
	row    int32 // place in applier.order
	valid  bool  // the stored value is not NULL
	value  float64
	origin int64
}

// writeObservations diffs the rows against the stored observations and
// writes what changed: replaced versions to observation_revision (as the
// diff finds them), then the replacing rows, then the new rows. A dry run
// stops after the diff.
func (a *applier) writeObservations(ctx context.Context) (virk.Counts, error) {
	var n virk.Counts
	if err := a.diff(ctx); err != nil {
		return n, err
	}
	for _, st := range a.state {
		switch st {
		case rowAdded:
			n.Added++
		case rowChanged:
			n.Changed++
		default:
			n.Unchanged++
		}
	}
	// Unchanged rows and exact duplicates count as done from the start.
	total := a.obs.Len()
	prog := progress{report: a.opts.Progress, total: total, done: total - n.Added - n.Changed}
	if a.dry() {
		// The counts are all a dry run needs: nothing is written.
		prog.finish()
		return n, nil
	}
	if err := a.writeOrigins(ctx); err != nil {
		return n, err
	}
	if n.Changed > 0 {
		w := newBulkWriter(a.tx, "observation", observationCols(), upsertTail)
		var buf []any
		for k, st := range a.state {
			if st != rowChanged {
				continue
			}
			r := a.row(k)
			buf = a.rowValues(buf[:0], &r)
			if err := w.add(ctx, buf...); err != nil {
				return n, err
			}
			prog.add()
		}
		if err := w.close(ctx); err != nil {
			return n, err
		}
	}
	if n.Added > 0 {
		next := 0
		added := &rowSource{n: n.Added, row: func(_ int, dst []any) []any {
			for a.state[next] != rowAdded {
				next++
			}
			next++
			prog.add()
			r := a.row(next - 1)
			return a.rowValues(dst, &r)
		}}
		if err := a.tx.insertRows(ctx, "observation", observationCols(), added); err != nil {
			return n, err
		}
	}
	prog.finish()
	return n, nil
}

// originIndex returns the index into applier.newOrigin of the origin of
// the rows with the given source and status.
func originIndex(src int32, status uint8) int { return int(src+1)*5 + int(status) }

// writeOrigins stores an origin for each source and status that added or
// changed rows have, all of this batch.
func (a *applier) writeOrigins(ctx context.Context) error {
	a.newOrigin = make([]any, originIndex(int32(len(a.srcName)), 0))
	for i := range a.order {
		if a.state[i] == rowUnchanged {
			continue
		}
		r := a.row(i)
		k := originIndex(r.src, r.status)
		if r.state == rowUnchanged || a.newOrigin[k] != nil {
			continue
		}
		var src any
		if r.src >= 0 {
			src = a.srcSID[r.src]
		}
		sid, err := a.tx.insertID(ctx, `INSERT INTO origin (batch_id, source_sid, status) VALUES (?, ?, ?)
			RETURNING sid`, a.batchID, src, string(statusOf(r.status)))
		if err != nil {
			return err
		}
		a.newOrigin[k] = sid
	}
	return nil
}

// rowValues appends the observation columns of r to dst. Keys are boxed
// once per entity, indicator, period and origin and then reused: boxing
// them per row would allocate millions of values in a large import, and
// the garbage collector would then keep scanning the change set.
func (a *applier) rowValues(dst []any, r *obsRow) []any {
	if a.boxes.ent == nil {
		a.boxes.ent, a.boxes.ind = boxAll(a.ents.sid), boxAll(a.inds.sid)
		a.boxes.period = make(map[int32]any)
	}
	per, ok := a.boxes.period[r.per]
	if !ok {
		per = int64(r.per)
		a.boxes.period[r.per] = per
	}
	var value any
	if hasValue(r.status) {
		value = r.value
	}
	return append(dst, a.boxes.ent[r.ent], a.boxes.ind[r.ind], per, value,
		a.newOrigin[originIndex(r.src, r.status)])
}

// boxes holds boxed keys for rowValues.
type boxes struct {
	ent, ind []any
	period   map[int32]any
}

// boxAll returns the keys as interface values.
func boxAll(keys []int64) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

// diff sets the state of every row and collects the changed ones. Only
// rows whose entity and indicator were both stored before can replace a
// stored observation, and when there are none, or the observation table
// is empty, nothing is read. Otherwise the stored rows are read a chunk of
// entities at a time, with one query per chunk of indicators, so memory
// stays bounded however large the store.
func (a *applier) diff(ctx context.Context) error {
	old := func(r *obsRow) bool { return int(r.ent) < a.ents.nOld && int(r.ind) < a.inds.nOld }
	if a.ents.nOld == 0 || a.inds.nOld == 0 || !slices.ContainsFunc(a.order, func(i int32) bool {
		ent, k := a.keyOf(i)
		return int(ent) < a.ents.nOld && int(k>>32) < a.inds.nOld
	}) {
		return nil
	}
	if empty, err := a.observationsEmpty(ctx); err != nil || empty {
		return err
	}
	a.origins = make(map[int64]origin)
	prevEnt := int32(-1)
	for lo := 0; lo < len(a.order); {
		var ents, inds []int64
		hi := lo
		for ; hi < len(a.order); hi++ {
			r := a.rowOf(a.order[hi])
			if hi > lo && r.ent != prevEnt && (len(ents) >= diffChunk || hi-lo >= diffRows) {
				break
			}
			prevEnt = r.ent
			if old(&r) {
				ents, inds = appendNew(ents, a.ents.sid[r.ent]), append(inds, a.inds.sid[r.ind])
			}
		}
		stored, err := a.readStored(ctx, ents, distinct(inds))
		if err != nil {
			return err
		}
		var changed []changedRow
		for k := lo; k < hi; k++ {
			if r := a.rowOf(a.order[k]); old(&r) {
				changed = a.classify(changed, k, &r, stored)
			}
		}
		if err := a.writeRevisions(ctx, changed); err != nil {
			return err
		}
		for _, c := range changed {
			a.keepChange(c)
		}
		lo = hi
	}
	return nil
}

// classify sets the state of row k by comparing it with its stored
// version, if any, and appends it to changed if it changes that.
func (a *applier) classify(changed []changedRow, k int, r *obsRow, stored map[obsKey]obsRecord) []changedRow {
	s, ok := stored[obsKey{a.ents.sid[r.ent], a.inds.sid[r.ind], int64(r.per)}]
	if !ok {
		return changed
	}
	og := a.origins[s.origin]
	var src int64
	if r.src >= 0 {
		src = a.srcSID[r.src]
	}
	status := statusOf(r.status)
	if status == og.status && src == og.srcSID &&
		(!status.HasValue() || s.value.Valid && s.value.Float64 == r.value) {
		a.state[k] = rowUnchanged
		return changed
	}
	a.state[k] = rowChanged
	return append(changed, changedRow{row: int32(k), valid: s.value.Valid, value: s.value.Float64, origin: s.origin})
}

// writeRevisions stores the versions that the changed rows replace; a dry
// run writes nothing.
func (a *applier) writeRevisions(ctx context.Context, changed []changedRow) error {
	if a.dry() || len(changed) == 0 {
		return nil
	}
	revs := &rowSource{n: len(changed), row: func(i int, dst []any) []any {
		c := &changed[i]
		r := a.row(int(c.row))
		var value any
		if c.valid {
			value = c.value
		}
		return append(dst, a.ents.sid[r.ent], a.inds.sid[r.ind], int64(r.per), value, c.origin, a.tx.now, a.batchID)
	}}
	return a.tx.insertRows(ctx, "observation_revision", revisionCols(), revs)
}

// keepChange keeps a changed row for changes while it may be among the
// first MaxChanges in change-set order, so that a large import does not
// hold every changed row.
func (a *applier) keepChange(c changedRow) {
	if a.opts.MaxChanges <= 0 {
		return
	}
	a.changed = append(a.changed, c)
	if len(a.changed) >= 2*a.opts.MaxChanges+64 {
		a.sortChanged()
		a.changed = a.changed[:a.opts.MaxChanges]
	}
}

// sortChanged puts the kept changed rows in change-set order.
func (a *applier) sortChanged() {
	slices.SortFunc(a.changed, func(x, y changedRow) int { return cmp.Compare(a.order[x.row], a.order[y.row]) })
}

// observationsEmpty reports whether no observation is stored at all.
func (a *applier) observationsEmpty(ctx context.Context) (bool, error) {
	var one int
	found := false
	err := queryEach(ctx, a.tx, `SELECT 1 FROM observation LIMIT 1`, nil, []any{&one},
		func() error { found = true; return nil })
	return !found, err
}

// readStored reads the stored observations of the given entities and
// indicators, and the origins they point to that are not known yet.
func (a *applier) readStored(ctx context.Context, ents, inds []int64) (map[obsKey]obsRecord, error) {
	stored := make(map[obsKey]obsRecord)
	var r obsRecord
	var origins []int64
	err := eachChunk(inds, func(part []int64) error {
		return queryEach(ctx, a.tx, `SELECT `+obsColumns+` FROM observation o
			WHERE o.entity_sid IN (`+placeholders(len(ents))+`)
			AND o.indicator_sid IN (`+placeholders(len(part))+`)`,
			append(boxAll(ents), boxAll(part)...), r.dest(), func() error {
				stored[obsKey{r.ent, r.ind, r.period}] = r
				if _, ok := a.origins[r.origin]; !ok {
					origins = appendNew(origins, r.origin)
				}
				return nil
			})
	})
	if err != nil {
		return nil, err
	}
	return stored, loadOrigins(ctx, a.tx, distinct(origins), a.origins)
}

// changes lists up to MaxChanges changed observations, in change-set
// order.
func (a *applier) changes() []virk.Change {
	if a.opts.MaxChanges <= 0 || len(a.changed) == 0 {
		return nil
	}
	a.sortChanged()
	var out []virk.Change
	for _, c := range a.changed[:min(len(a.changed), a.opts.MaxChanges)] {
		og := a.origins[c.origin]
		ch := virk.Change{New: a.obs.At(int(a.order[c.row]))}
		ch.Old = virk.Observation{IndicatorID: ch.New.IndicatorID, EntityID: ch.New.EntityID,
			Period: ch.New.Period, Value: c.value, Status: og.status, Source: og.source,
			BatchID: og.batch}
		ch.New.BatchID = 0
		if !a.opts.DryRun {
			ch.New.BatchID = a.batchID
		}
		if !ch.New.Status.HasValue() {
			ch.New.Value = 0
		}
		out = append(out, ch)
	}
	return out
}
