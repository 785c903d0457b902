package sqlstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/virk-analyse/virk"
)

// Apply validates the change set, then stores it in one transaction: see
// virk.ImportService. Nothing is stored when anything is invalid, when
// nothing changes, or for a dry run. The transaction waits for any other
// import to end (see txImport), so it diffs against what that one stored.
//
// A dry run takes no lock and writes nothing: it reads one snapshot of the
// store, and every step that writes counts what it would write instead,
// giving new records provisional keys, so that it neither waits for an
// import nor holds one up. Its counts and changes are those of a real run
// on the same snapshot; the contract suite checks that they are.
func (db *DB) Apply(ctx context.Context, cs *virk.ChangeSet, opts virk.ApplyOptions) (*virk.ApplyResult, error) {
	if cs == nil {
		cs = &virk.ChangeSet{}
	}
	tx, err := db.beginApply(ctx, opts.DryRun)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	a := &applier{tx: tx, cs: cs, opts: opts}
	if err := a.load(ctx); err != nil {
		return nil, err
	}
	if err := a.validate(); err != nil {
		return nil, err
	}
	res := &virk.ApplyResult{}
	if res.SameFiles, err = sameFileBatches(ctx, tx, cs.Files); err != nil {
		return nil, err
	}
	if !opts.DryRun {
		if a.batchID, err = insertBatch(ctx, tx, opts.User); err != nil {
			return nil, err
		}
	}
	if err := a.write(ctx, &res.Summary); err != nil {
		return nil, err
	}
	res.Changes = a.changes()
	if opts.DryRun || res.Summary.Changes() == 0 {
		return res, tx.Rollback()
	}
	b := &virk.Batch{ID: a.batchID, Files: cs.Files, User: opts.User, CreatedAt: tx.now, Summary: res.Summary}
	if err := finishBatch(ctx, tx, b); err != nil {
		return nil, err
	}
	db.at("commit")
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	res.Batch = b
	return res, nil
}

// applier holds the state of one Apply.
//
// Indicators and entities get a local index: first the stored ones in
// surrogate-key order, then the change set's new ones in change-set order.
// New rows are inserted in that order, so local order is key order, and
// observation rows sorted by local index are also sorted by primary key.
type applier struct {
	tx      *Tx
	cs      *virk.ChangeSet
	opts    virk.ApplyOptions
	batchID int64 // 0 in a dry run
	keys    int64 // the last provisional key given out in a dry run; see newKey

	inds    catalog[virk.Indicator]
	ents    catalog[virk.Entity]
	srcIdx  map[string]int32 // source name → index in srcName
	srcName []string
	srcSID  []int64 // 0 until stored
	// obs is the change set's observations; order holds the positions
	// of the valid ones, without exact duplicates, in key order, and
	// state what Apply does with each (rowAdded…), by place in order.
	obs   *virk.ObservationRows
	order []int32
	state []uint8
	// indMap, entMap, perCode, statMap and srcMap translate the indexes
	// of obs's tables: to local indices, periodCode, statusIndex (-1 for
	// invalid) and index into srcName.
	indMap, entMap, perCode, srcMap []int32
	statMap                         []int8
	anns                            []*virk.Annotation // the change set's, without exact duplicates
	changed                         []changedRow       // the first changed rows in change-set order; see keepChange
	origins                         map[int64]origin   // stored origins, as the diff meets them
	// newOrigin holds this batch's origins, by originIndex.
	newOrigin []any
	boxes     boxes
	pf        *portfolio // the stored register, when the change set has projects or benefits
}

// catalog is the merged view of stored records and the change set's
// versions of them, by local index.
type catalog[T any] struct {
	items  []*T    // the change set's version where it has one
	stored []*T    // the stored version; nil for new records
	sid    []int64 // surrogate key; 0 until stored
	idx    map[string]int32
	nOld   int     // records 0…nOld-1 were stored before this import
	cs     []int32 // local indices of the change set's records, in order
}

// addStored appends a record that was stored before this import.
func (c *catalog[T]) addStored(id string, sid int64, v *T) {
	c.idx[id] = int32(len(c.items))
	c.items, c.stored, c.sid = append(c.items, v), append(c.stored, v), append(c.sid, sid)
	c.nOld++
}

// put records the change set's version of a record and returns its local
// index.
func (c *catalog[T]) put(id string, v *T) int32 {
	i, ok := c.idx[id]
	if !ok {
		i = int32(len(c.items))
		c.idx[id] = i
		c.items, c.stored, c.sid = append(c.items, nil), append(c.stored, nil), append(c.sid, 0)
	}
	c.items[i] = v
	c.cs = append(c.cs, i)
	return i
}

// lookup returns the local index of id, or -1.
func (c *catalog[T]) lookup(id string) int32 {
	if i, ok := c.idx[id]; ok {
		return i
	}
	return -1
}

// load reads the stored catalogue: indicators, entities and sources.
func (a *applier) load(ctx context.Context) error {
	inds, sids, err := findIndicators(ctx, a.tx, where{})
	if err != nil {
		return err
	}
	a.inds.idx = make(map[string]int32, len(inds)+len(a.cs.Indicators))
	for _, k := range bySID(sids) {
		a.inds.addStored(inds[k].ID, sids[k], inds[k])
	}
	ents, sids, err := findEntities(ctx, a.tx, where{})
	if err != nil {
		return err
	}
	a.ents.idx = make(map[string]int32, len(ents)+len(a.cs.Entities))
	for _, k := range bySID(sids) {
		a.ents.addStored(ents[k].ID, sids[k], ents[k])
	}
	if len(a.cs.Projects) > 0 || len(a.cs.Benefits) > 0 {
		if a.pf, err = loadPortfolio(ctx, a.tx); err != nil {
			return err
		}
	}
	a.srcIdx = make(map[string]int32)
	var sid int64
	var name string
	return queryEach(ctx, a.tx, `SELECT sid, name FROM source ORDER BY sid`, nil, []any{&sid, &name}, func() error {
		a.srcIdx[name] = int32(len(a.srcName))
		a.srcName, a.srcSID = append(a.srcName, name), append(a.srcSID, sid)
		return nil
	})
}

// beginApply starts the transaction of an import: a write transaction
// that waits for any other import, or for a dry run a read-only snapshot.
func (db *DB) beginApply(ctx context.Context, dryRun bool) (*Tx, error) {
	if dryRun {
		return db.begin(ctx, txRead)
	}
	return db.begin(ctx, txImport)
}

// dry reports whether the applier only counts, for a dry run.
func (a *applier) dry() bool { return a.opts.DryRun }

// newKey returns a provisional surrogate key for a record a dry run would
// insert: negative, so that it never equals a stored key (which are
// positive) or "none" (0), and distinct from every other it gives.
func (a *applier) newKey() int64 {
	a.keys--
	return a.keys
}

// keyFor returns sid, the key of a stored record, or for a new one (0) a
// provisional key.
func (a *applier) keyFor(sid int64) int64 {
	if sid != 0 {
		return sid
	}
	return a.newKey()
}

// bySID returns the positions of sids in ascending key order.
func bySID(sids []int64) []int {
	order := make([]int, len(sids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return cmp.Compare(sids[i], sids[j]) })
	return order
}

// write stores the validated change set and counts what it does.
func (a *applier) write(ctx context.Context, sum *virk.Summary) error {
	var err error
	if sum.Indicators, err = a.writeIndicators(ctx); err != nil {
		return err
	}
	if sum.Entities, err = a.writeEntities(ctx); err != nil {
		return err
	}
	if err := a.writeSources(ctx); err != nil {
		return err
	}
	if sum.Observations, err = a.writeObservations(ctx); err != nil {
		return err
	}
	if sum.Annotations, err = a.writeAnnotations(ctx); err != nil {
		return err
	}
	if a.pf != nil {
		return a.writePortfolio(ctx, sum)
	}
	return nil
}

// upsert writes the change set's records that are new or differ from
// their stored versions, counts what it did, and returns the local
// indices of the records written.
func (c *catalog[T]) upsert(same func(a, b *T) bool, write func(sid int64, v *T) (int64, error)) (virk.Counts, []int32, error) {
	var n virk.Counts
	var written []int32
	for _, i := range c.cs {
		old := c.stored[i]
		if old != nil && same(c.items[i], old) {
			n.Unchanged++
			continue
		}
		sid, err := write(c.sid[i], c.items[i])
		if err != nil {
			return n, nil, err
		}
		if old == nil {
			n.Added++
		} else {
			n.Changed++
		}
		c.sid[i] = sid
		written = append(written, i)
	}
	return n, written, nil
}

// writeIndicators upserts the change set's indicators.
func (a *applier) writeIndicators(ctx context.Context) (virk.Counts, error) {
	n, _, err := a.inds.upsert(sameIndicator, func(sid int64, ind *virk.Indicator) (int64, error) {
		if a.dry() {
			return a.keyFor(sid), nil
		}
		return writeIndicator(ctx, a.tx, sid, ind, a.batchID)
	})
	return n, err
}

// writeEntities upserts the change set's entities, then links the added
// and changed ones to their parents, which are all stored by then.
func (a *applier) writeEntities(ctx context.Context) (virk.Counts, error) {
	n, written, err := a.ents.upsert(sameEntity, func(sid int64, e *virk.Entity) (int64, error) {
		if a.dry() {
			return a.keyFor(sid), nil
		}
		return writeEntity(ctx, a.tx, sid, e, a.batchID)
	})
	if err != nil || a.dry() {
		return n, err
	}
	for _, i := range written {
		e := a.ents.items[i]
		if a.ents.stored[i] == nil && e.ParentID == "" {
			continue
		}
		var parent int64
		if e.ParentID != "" {
			parent = a.ents.sid[a.ents.idx[e.ParentID]]
		}
		if err := setParent(ctx, a.tx, a.ents.sid[i], parent); err != nil {
			return n, err
		}
	}
	return n, nil
}

// writeSources stores the source names that are new.
func (a *applier) writeSources(ctx context.Context) error {
	for i, name := range a.srcName {
		if a.srcSID[i] != 0 {
			continue
		}
		if a.dry() {
			a.srcSID[i] = a.newKey()
			continue
		}
		sid, err := a.tx.insertID(ctx, `INSERT INTO source (name) VALUES (?) RETURNING sid`, name)
		if err != nil {
			return err
		}
		a.srcSID[i] = sid
	}
	return nil
}
