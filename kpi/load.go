package kpi

import (
	"context"
	"math/bits"
	"slices"
	"sync"

	"github.com/virk-analyse/virk"
)

// Reader is what Load needs from a store.
type Reader interface {
	virk.IndicatorService
	virk.EntityService
	virk.ObservationService
	virk.AnnotationService
}

// Query selects what a scorecard covers. Empty lists select everything.
type Query struct {
	IndicatorIDs []string
	EntityIDs    []string
}

// Loaded is the data of a scorecard: the cube and the selected indicators,
// entities and annotations, in display order.
type Loaded struct {
	Cube        *Cube
	Indicators  []*virk.Indicator
	Entities    []*virk.Entity
	Annotations []*virk.Annotation
}

// Load reads what a scorecard for q needs from r: the selected indicators
// and entities, the indicators their formulas and deflators read, the units
// below the selected entities (for roll-ups), and their observations. An
// unknown indicator or entity in q is an ENOTFOUND error.
func Load(ctx context.Context, r Reader, q Query) (*Loaded, error) {
	allInds, _, err := r.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		return nil, err
	}
	allEnts, _, err := r.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	return LoadWith(ctx, r, q, allInds, allEnts)
}

// LoadWith is Load with the catalogue read already: allInds and allEnts
// are every indicator and every entity, as r's FindIndicators and
// FindEntities return them with empty filters. A caller that keeps them
// for as long as the data stays the same saves reading them for every
// scorecard; LoadWith does not change them.
func LoadWith(ctx context.Context, r Reader, q Query, allInds []*virk.Indicator, allEnts []*virk.Entity) (*Loaded, error) {
	return load(ctx, r, q, allInds, allEnts, true)
}

// load is LoadWith; annotations false leaves them unread.
func load(ctx context.Context, r Reader, q Query, allInds []*virk.Indicator, allEnts []*virk.Entity, annotations bool) (*Loaded, error) {
	indByID := make(map[string]*virk.Indicator, len(allInds))
	for _, ind := range allInds {
		indByID[ind.ID] = ind
	}
	entByID := make(map[string]*virk.Entity, len(allEnts))
	for _, e := range allEnts {
		entByID[e.ID] = e
	}
	l := &Loaded{}
	if len(q.IndicatorIDs) == 0 {
		l.Indicators = allInds
	}
	for _, id := range q.IndicatorIDs {
		ind := indByID[id]
		if ind == nil {
			return nil, virk.Errorf(virk.ENOTFOUND, "ukjent indikator «%s»; «virk indicators» lister katalogen", id)
		}
		l.Indicators = append(l.Indicators, ind)
	}
	ordered := TreeOrder(allEnts)
	if len(q.EntityIDs) == 0 {
		l.Entities = ordered
	} else {
		pick := map[string]bool{}
		for _, id := range q.EntityIDs {
			if entByID[id] == nil {
				return nil, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", id)
			}
			pick[id] = true
		}
		for _, e := range ordered {
			if pick[e.ID] {
				l.Entities = append(l.Entities, e)
			}
		}
	}

	// The observations to read: selected indicators with their inputs,
	// for selected entities with their units. Deflators are read for
	// every entity, since a national index is stored once.
	var obsInds, deflators []string
	if len(q.IndicatorIDs) > 0 {
		seen := map[string]bool{}
		var need func(id string)
		need = func(id string) {
			ind := indByID[id]
			if seen[id] || ind == nil {
				return
			}
			seen[id] = true
			obsInds = append(obsInds, id)
			if ind.Formula != "" {
				if f, err := ParseFormula(ind.Formula); err == nil {
					for _, ref := range f.Refs() {
						need(ref)
					}
				}
			}
			if ind.Deflator != "" && !slices.Contains(deflators, ind.Deflator) {
				deflators = append(deflators, ind.Deflator)
			}
		}
		for _, ind := range l.Indicators {
			need(ind.ID)
		}
	} else {
		for _, ind := range allInds {
			if ind.Deflator != "" && !slices.Contains(deflators, ind.Deflator) {
				deflators = append(deflators, ind.Deflator)
			}
		}
	}
	// An indicator that rolls up needs the units below the selected
	// entities, whose sum it is; any other (a stored series, or a
	// formula over the same entity's series) needs only the selected
	// entities themselves. Reading a unit's own figures for its units
	// too would read many times what the page shows.
	var obsEnts, ownEnts []string
	var deep, flat []string
	if len(q.EntityIDs) > 0 {
		children := map[string][]string{}
		for _, e := range allEnts {
			children[e.ParentID] = append(children[e.ParentID], e.ID)
		}
		seen := map[string]bool{}
		var add func(id string)
		add = func(id string) {
			if seen[id] {
				return
			}
			seen[id] = true
			obsEnts = append(obsEnts, id)
			for _, c := range children[id] {
				add(c)
			}
		}
		for _, e := range l.Entities {
			add(e.ID)
			ownEnts = append(ownEnts, e.ID)
		}
		for _, id := range obsInds {
			if ind := indByID[id]; ind.Rolls() && !ind.Derived() {
				deep = append(deep, id)
			} else {
				flat = append(flat, id)
			}
		}
	}
	var obs []*virk.Observation
	var err error
	if len(obsInds) == 0 || len(obsEnts) == 0 {
		obs, err = findObservations(ctx, r, obsInds, obsEnts)
	} else {
		// Each list is read only when it has indicators: an empty one
		// would read every indicator.
		if len(deep) > 0 {
			obs, err = findObservations(ctx, r, deep, obsEnts)
		}
		if err == nil && len(flat) > 0 {
			var more []*virk.Observation
			more, err = findObservations(ctx, r, flat, ownEnts)
			obs = append(obs, more...)
		}
	}
	if err != nil {
		return nil, err
	}
	if len(deflators) > 0 && (len(obsInds) > 0 || len(obsEnts) > 0) {
		more, err := r.FindObservations(ctx, virk.ObservationFilter{IndicatorIDs: deflators})
		if err != nil {
			return nil, err
		}
		obs = appendUnread(obs, more, obsInds, obsEnts, flat, ownEnts)
	}
	if l.Cube, err = NewCube(allInds, allEnts, obs); err != nil {
		return nil, err
	}
	if !annotations {
		return l, nil
	}
	var entIDs []string
	for _, e := range l.Entities {
		entIDs = append(entIDs, e.ID)
	}
	var indIDs []string
	for _, ind := range l.Indicators {
		indIDs = append(indIDs, ind.ID)
	}
	l.Annotations, err = r.FindAnnotations(ctx, virk.AnnotationFilter{IndicatorIDs: indIDs, EntityIDs: entIDs})
	return l, err
}

// seekGroup is how many indicators findObservations asks for at once
// when it asks for some entities too.
const seekGroup = 3

// findObservations reads the observations of inds for ents (empty:
// every one). Given both, it asks for a few indicators at a time: SQLite
// then looks up each pair's rows, where for more indicators at once it
// plans to walk every row of the entities and keep those of the
// indicators (measured on SQLite 3.40 and virk's store: from 4 indicators
// up, without table statistics), which for a unit with thousands of
// indicators costs a hundred times more.
func findObservations(ctx context.Context, r Reader, inds, ents []string) ([]*virk.Observation, error) {
	if len(inds) <= seekGroup || len(ents) == 0 {
		return r.FindObservations(ctx, virk.ObservationFilter{IndicatorIDs: inds, EntityIDs: ents})
	}
	var out []*virk.Observation
	for start := 0; start < len(inds); start += seekGroup {
		obs, err := r.FindObservations(ctx, virk.ObservationFilter{IndicatorIDs: inds[start:min(start+seekGroup, len(inds))], EntityIDs: ents})
		if err != nil {
			return nil, err
		}
		out = append(out, obs...)
	}
	return out, nil
}

// appendUnread appends to obs the observations of more that the reads
// did not return already: a deflator that was also among the selected
// indicators. The reads were of inds for ents (empty: every one), but
// those of flat, among inds, for own only. Checking the lists is cheaper
// than a set of every observation's key.
func appendUnread(obs, more []*virk.Observation, inds, ents, flat, own []string) []*virk.Observation {
	set := func(ids []string) map[string]bool {
		m := make(map[string]bool, len(ids))
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	readInd, readEnt, flatInd, ownEnt := set(inds), set(ents), set(flat), set(own)
	for _, o := range more {
		if len(inds) > 0 && !readInd[o.IndicatorID] {
			obs = append(obs, o)
			continue
		}
		if flatInd[o.IndicatorID] {
			if !ownEnt[o.EntityID] {
				obs = append(obs, o)
			}
			continue
		}
		if len(ents) > 0 && !readEnt[o.EntityID] {
			obs = append(obs, o)
		}
	}
	return obs
}

// TreeOrder orders entities depth first through the organisation tree, so
// that a unit follows its parent; roots and siblings keep their order.
func TreeOrder(ents []*virk.Entity) []*virk.Entity {
	byID := map[string]bool{}
	for _, e := range ents {
		byID[e.ID] = true
	}
	children := map[string][]*virk.Entity{}
	var roots []*virk.Entity
	for _, e := range ents {
		if e.ParentID == "" || !byID[e.ParentID] {
			roots = append(roots, e)
		} else {
			children[e.ParentID] = append(children[e.ParentID], e)
		}
	}
	out := make([]*virk.Entity, 0, len(ents))
	done := map[string]bool{}
	var walk func(e *virk.Entity)
	walk = func(e *virk.Entity) {
		if done[e.ID] {
			return
		}
		done[e.ID] = true
		out = append(out, e)
		for _, c := range children[e.ID] {
			walk(c)
		}
	}
	for _, e := range roots {
		walk(e)
	}
	for _, e := range ents { // entities on a loop, which stores refuse
		walk(e)
	}
	return out
}

// LatestAnnualOf loads the indicators inds for the entities ents from r
// and returns the cube's LatestAnnual: the latest annual value up to a
// year, stored, summed or derived. With no indicators it knows no value.
func LatestAnnualOf(ctx context.Context, r Reader, inds, ents []string) (func(ind, ent string, year int) (float64, int, bool), error) {
	if len(inds) == 0 || len(ents) == 0 {
		return func(string, string, int) (float64, int, bool) { return 0, 0, false }, nil
	}
	l, err := Load(ctx, r, Query{IndicatorIDs: inds, EntityIDs: ents})
	if err != nil {
		return nil, err
	}
	return l.Cube.LatestAnnual, nil
}

// Index records which indicators have a row in an entity's scorecard: a
// row that Build makes with no period filter (Options without From, To
// and FixedPrices), because the entity has a series of the indicator,
// stored, summed from its units or derived. A long scorecard can then be
// counted and paged without reading the observations of the rows it does
// not show: Ensure reads each entity's observations once, and the pages
// read only their own.
//
// Whether an entity has a row depends only on the observations of the
// entity and its units, so an Index holds for one version of the data
// read through one Reader (one viewer's). It is safe for concurrent use.
type Index struct {
	inds []*virk.Indicator
	ents []*virk.Entity
	pos  map[string]int // indicator ID → bit

	fill sync.Mutex // held by Ensure while it reads, so that one reads at a time
	mu   sync.RWMutex
	rows map[string][]uint64 // entity ID → bits of the indicators with a row
}

// NewIndex returns an empty index over the catalogue: every indicator
// and entity, as Reader's FindIndicators and FindEntities return them.
func NewIndex(allInds []*virk.Indicator, allEnts []*virk.Entity) *Index {
	x := &Index{inds: allInds, ents: allEnts, pos: make(map[string]int, len(allInds)), rows: map[string][]uint64{}}
	for i, ind := range allInds {
		x.pos[ind.ID] = i
	}
	return x
}

// indexRead is about how many series Ensure reads at once: it bounds the
// memory of indexing a large selection, such as every entity of national
// data.
const indexRead = 4096

// Ensure indexes the entities of ids that are not indexed yet, reading
// their observations (with their units') from r some indicators at a
// time. An unknown entity is an ENOTFOUND error.
func (x *Index) Ensure(ctx context.Context, r Reader, ids []string) error {
	x.fill.Lock()
	defer x.fill.Unlock()
	var todo []string
	x.mu.RLock()
	for _, id := range ids {
		if _, ok := x.rows[id]; !ok && !slices.Contains(todo, id) {
			todo = append(todo, id)
		}
	}
	x.mu.RUnlock()
	if len(todo) == 0 {
		return nil
	}
	words := (len(x.inds) + 63) / 64
	bits := make(map[string][]uint64, len(todo))
	for _, id := range todo {
		bits[id] = make([]uint64, words)
	}
	step := max(1, indexRead/len(todo))
	for start := 0; start < len(x.inds); start += step {
		chunk := x.inds[start:min(start+step, len(x.inds))]
		q := Query{IndicatorIDs: make([]string, len(chunk)), EntityIDs: todo}
		for i, ind := range chunk {
			q.IndicatorIDs[i] = ind.ID
		}
		l, err := load(ctx, r, q, x.inds, x.ents, false)
		if err != nil {
			return err
		}
		for i, ind := range chunk {
			holders := l.Cube.Entities(ind.ID)
			for _, id := range todo {
				if _, ok := slices.BinarySearch(holders, id); ok && len(l.Cube.Series(ind.ID, id)) > 0 {
					p := start + i
					bits[id][p>>6] |= 1 << (p & 63)
				}
			}
		}
	}
	x.mu.Lock()
	for id, b := range bits {
		x.rows[id] = b
	}
	x.mu.Unlock()
	return nil
}

// Has reports whether the entity's scorecard has a row of the indicator.
// It is false for an entity that Ensure has not indexed.
func (x *Index) Has(ind, ent string) bool {
	p, ok := x.pos[ind]
	if !ok {
		return false
	}
	x.mu.RLock()
	b := x.rows[ent]
	x.mu.RUnlock()
	return b != nil && b[p>>6]&(1<<(p&63)) != 0
}

// bitsOf returns the index bits of those of ents that Ensure has
// indexed.
func (x *Index) bitsOf(ents []*virk.Entity) [][]uint64 {
	bits := make([][]uint64, 0, len(ents))
	x.mu.RLock()
	for _, e := range ents {
		if b := x.rows[e.ID]; b != nil {
			bits = append(bits, b)
		}
	}
	x.mu.RUnlock()
	return bits
}

// count returns how many rows Build makes of the indicator ind for the
// entities of bits.
func (x *Index) count(ind string, bits [][]uint64) int {
	p, ok := x.pos[ind]
	if !ok {
		return 0
	}
	n := 0
	w, m := p>>6, uint64(1)<<(p&63)
	for _, b := range bits {
		if b[w]&m != 0 {
			n++
		}
	}
	return n
}

// Count returns how many rows Build makes for inds and ents, which Ensure
// must have indexed. It counts the bits of a mask of inds, 64 indicators
// a word, rather than each indicator's.
func (x *Index) Count(inds []*virk.Indicator, ents []*virk.Entity) int {
	mask := make([]uint64, (len(x.inds)+63)/64)
	for _, ind := range inds {
		if p, ok := x.pos[ind.ID]; ok {
			mask[p>>6] |= 1 << (p & 63)
		}
	}
	n := 0
	for _, b := range x.bitsOf(ents) {
		for w, m := range mask {
			n += bits.OnesCount64(b[w] & m)
		}
	}
	return n
}

// Page returns the rows from..to-1 (counted from 0) of the scorecard of
// inds and ents, which Ensure must have indexed: what Build would make
// for them with Options{}, of which it builds only the indicators of
// those rows. It reads their observations from r with LoadWith.
func (x *Index) Page(ctx context.Context, r Reader, inds []*virk.Indicator, ents []*virk.Entity, from, to int) ([]*Row, error) {
	var page []string
	skip, n := 0, 0
	bits := x.bitsOf(ents)
	for _, ind := range inds {
		k := x.count(ind.ID, bits)
		if k > 0 && n+k > from && n < to {
			if len(page) == 0 {
				skip = from - n
			}
			page = append(page, ind.ID)
		}
		n += k
		if n >= to {
			break
		}
	}
	if len(page) == 0 {
		return nil, nil
	}
	q := Query{IndicatorIDs: page}
	for _, e := range ents {
		q.EntityIDs = append(q.EntityIDs, e.ID)
	}
	l, err := LoadWith(ctx, r, q, x.inds, x.ents)
	if err != nil {
		return nil, err
	}
	sc, err := Build(l.Cube, l.Indicators, l.Entities, l.Annotations, Options{})
	if err != nil {
		return nil, err
	}
	rows := sc.Rows[min(skip, len(sc.Rows)):]
	return rows[:min(to-from, len(rows))], nil
}
