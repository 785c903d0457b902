package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"sync"
	"time"

	"github.com/virk-analyse/virk"
)

// observationFrom returns the FROM and WHERE clauses that select the
// rows of table (observation or observation_revision, as o) that filter
// matches. The key tables are joined only to filter by id. Both tables
// are keyed by entity first, so rows are found by entity: for an indicator
// filter alone, the CROSS JOINs make SQLite walk the entities and seek
// each one's rows of the indicator instead of scanning the whole table
// (PostgreSQL plans the joins freely).
func observationFrom(table string, filter virk.ObservationFilter) (string, where) {
	var w where
	from := " FROM " + table + " o"
	switch {
	case len(filter.EntityIDs) > 0:
		from += " JOIN entity e ON e.sid = o.entity_sid"
		if len(filter.IndicatorIDs) > 0 {
			from += " JOIN indicator i ON i.sid = o.indicator_sid"
		}
	case len(filter.IndicatorIDs) > 0:
		from = " FROM indicator i CROSS JOIN entity e CROSS JOIN " + table + " o"
		w.add("o.entity_sid = e.sid AND o.indicator_sid = i.sid")
	}
	w.in("i.id", filter.IndicatorIDs)
	w.in("e.id", filter.EntityIDs)
	if filter.From != nil {
		w.add("o.period >= ?", periodCode(*filter.From))
	}
	if filter.To != nil {
		w.add("o.period <= ?", periodCode(*filter.To))
	}
	return from, w
}

// obsRecord is a stored observation as read, keyed by surrogate keys.
type obsRecord struct {
	ent, ind, period, origin int64
	value                    sql.NullFloat64
	order                    int64 // rank by indicator id, then entity id; see keyNames.sort
}

// obsColumns are the columns of obsRecord in an observation-shaped table
// o. Only the columns needed are read, all integers but one: with SQLite
// each column of each row costs driver calls, and text columns cost more.
const obsColumns = `o.entity_sid, o.indicator_sid, o.period, o.value, o.origin_sid`

// dest returns scan destinations for obsColumns.
func (r *obsRecord) dest() []any { return []any{&r.ent, &r.ind, &r.period, &r.value, &r.origin} }

// FindObservations returns the matching observations ordered by indicator
// id, entity id and period.
func (db *DB) FindObservations(ctx context.Context, filter virk.ObservationFilter) ([]*virk.Observation, error) {
	from, w := observationFrom("observation", filter)
	var recs []obsRecord
	var r obsRecord
	if err := queryEach(ctx, db, `SELECT `+obsColumns+from+w.String(), w.args,
		r.dest(), func() error { recs = append(recs, r); return nil }); err != nil {
		return nil, err
	}
	obs := make([]virk.Observation, len(recs))
	out := make([]*virk.Observation, len(recs))
	err := db.keys.use(ctx, db, recs, func(keys *keyNames) {
		keys.sort(recs)
		var f filler
		for i := range recs {
			f.fill(keys, &obs[i], &recs[i])
			out[i] = &obs[i]
		}
	})
	return out, err
}

// FindRevisions returns the replaced versions of the matching
// observations, newest first.
func (db *DB) FindRevisions(ctx context.Context, filter virk.ObservationFilter) ([]*virk.Revision, error) {
	from, w := observationFrom("observation_revision", filter)
	var recs []obsRecord
	var revs []*virk.Revision
	var r obsRecord
	var at time.Time
	var by int64
	if err := queryEach(ctx, db, `SELECT `+obsColumns+`, o.replaced_at, o.replaced_by_batch
		`+from+w.String()+` ORDER BY o.replaced_by_batch DESC, o.sid DESC`,
		w.args, append(r.dest(), &at, &by), func() error {
			recs = append(recs, r)
			revs = append(revs, &virk.Revision{ReplacedAt: at.UTC(), ReplacedByBatch: by})
			return nil
		}); err != nil {
		return nil, err
	}
	err := db.keys.use(ctx, db, recs, func(keys *keyNames) {
		var f filler
		for i := range recs {
			f.fill(keys, &revs[i].Observation, &recs[i])
		}
	})
	return revs, err
}

// origin is what an observation's origin_sid stands for.
type origin struct {
	batch  int64
	srcSID int64 // 0 for none
	source string
	status virk.Status
}

// keyNames maps the surrogate keys of observation records to what they
// stand for.
type keyNames struct {
	ind, ent map[int64]string
	origin   map[int64]origin
}

// keyCache is a DB's keyNames, filled as reads meet new keys. Entries
// never go stale: indicators and entities keep their key and id for good,
// origins never change, and nothing is deleted. Only committed rows reach
// it, since it is filled by reads outside transactions.
type keyCache struct {
	mu sync.Mutex
	keyNames
}

// use makes sure the cache knows every key of recs, then calls fn with it.
// fn must not keep the maps.
func (c *keyCache) use(ctx context.Context, q queryer, recs []obsRecord, fn func(keys *keyNames)) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ind == nil {
		c.ind, c.ent, c.origin = make(map[int64]string), make(map[int64]string), make(map[int64]origin)
	}
	var inds, ents, origins []int64
	for i := range recs {
		inds, ents, origins = appendNew(inds, recs[i].ind), appendNew(ents, recs[i].ent), appendNew(origins, recs[i].origin)
	}
	if err := loadIDs(ctx, q, "indicator", missing(c.ind, inds), c.ind); err != nil {
		return err
	}
	if err := loadIDs(ctx, q, "entity", missing(c.ent, ents), c.ent); err != nil {
		return err
	}
	if err := loadOrigins(ctx, q, missing(c.origin, origins), c.origin); err != nil {
		return err
	}
	fn(&c.keyNames)
	return nil
}

// filler fills observations from records. Records come in runs of one
// entity, indicator and origin, so it looks up a key only when it differs
// from the row before.
type filler struct {
	ind, ent, origin int64
	indID, entID     string
	og               origin
}

// fill sets o from r.
func (f *filler) fill(k *keyNames, o *virk.Observation, r *obsRecord) {
	if r.ind != f.ind || f.indID == "" {
		f.ind, f.indID = r.ind, k.ind[r.ind]
	}
	if r.ent != f.ent || f.entID == "" {
		f.ent, f.entID = r.ent, k.ent[r.ent]
	}
	if r.origin != f.origin || f.og.status == "" {
		f.origin, f.og = r.origin, k.origin[r.origin]
	}
	*o = virk.Observation{IndicatorID: f.indID, EntityID: f.entID, Period: periodFromCode(r.period),
		Value: r.value.Float64, Status: f.og.status, Source: f.og.source, BatchID: f.og.batch}
}

// sort orders recs by indicator id, entity id and period. It ranks the
// ids once and compares ranks, which is cheaper than comparing strings or
// looking them up per comparison, and cheaper than SQLite's ORDER BY.
func (k *keyNames) sort(recs []obsRecord) {
	indRank := rank(recs, func(r *obsRecord) int64 { return r.ind }, k.ind)
	entRank := rank(recs, func(r *obsRecord) int64 { return r.ent }, k.ent)
	ind, ent := int64(-1), int64(-1)
	var order int64
	for i := range recs {
		r := &recs[i]
		if r.ind != ind || r.ent != ent {
			ind, ent = r.ind, r.ent
			order = indRank[ind]<<32 | entRank[ent]
		}
		r.order = order
	}
	slices.SortFunc(recs, func(a, b obsRecord) int {
		if c := cmp.Compare(a.order, b.order); c != 0 {
			return c
		}
		return cmp.Compare(a.period, b.period)
	})
}

// rank numbers the keys that key picks from recs in the order of their
// ids.
func rank(recs []obsRecord, key func(r *obsRecord) int64, ids map[int64]string) map[int64]int64 {
	var sids []int64
	for i := range recs {
		sids = appendNew(sids, key(&recs[i]))
	}
	sids = distinct(sids)
	slices.SortFunc(sids, func(a, b int64) int { return cmp.Compare(ids[a], ids[b]) })
	ranks := make(map[int64]int64, len(sids))
	for i, sid := range sids {
		ranks[sid] = int64(i)
	}
	return ranks
}

// missing returns the distinct keys that m lacks.
func missing[V any](m map[int64]V, keys []int64) []int64 {
	var out []int64
	for _, k := range distinct(keys) {
		if _, ok := m[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// appendNew appends v unless it is the last element: keys come in runs.
func appendNew(s []int64, v int64) []int64 {
	if len(s) > 0 && s[len(s)-1] == v {
		return s
	}
	return append(s, v)
}

// distinct sorts s and drops repeats.
func distinct(s []int64) []int64 {
	slices.Sort(s)
	return slices.Compact(s)
}

// loadIDs reads the public ids of the given surrogate keys of table
// (indicator or entity) into ids.
func loadIDs(ctx context.Context, q queryer, table string, sids []int64, ids map[int64]string) error {
	var sid int64
	var id string
	return eachChunk(sids, func(part []int64) error {
		return queryEach(ctx, q, `SELECT sid, id FROM `+table+` WHERE sid IN (`+placeholders(len(part))+`)`,
			boxAll(part), []any{&sid, &id}, func() error { ids[sid] = id; return nil })
	})
}

// loadOrigins reads the given origins into origins.
func loadOrigins(ctx context.Context, q queryer, sids []int64, origins map[int64]origin) error {
	var sid int64
	var og origin
	return eachChunk(sids, func(part []int64) error {
		return queryEach(ctx, q, `SELECT o.sid, o.batch_id, COALESCE(o.source_sid, 0), COALESCE(s.name, ''),
			o.status FROM origin o LEFT JOIN source s ON s.sid = o.source_sid
			WHERE o.sid IN (`+placeholders(len(part))+`)`, boxAll(part),
			[]any{&sid, &og.batch, &og.srcSID, &og.source, &og.status},
			func() error { origins[sid] = og; return nil })
	})
}
