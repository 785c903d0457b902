package sqlstore

import (
	"math"
	"strings"

	"github.com/virk-analyse/virk"
)

// validate checks the whole change set against itself and the stored
// catalogue, without writing, and merges its records into the applier's
// view. It returns one EINVALID error listing every problem found.
func (a *applier) validate() error {
	var p problems
	a.validateIndicators(&p)
	a.validateEntities(&p)
	a.validateObservations(&p)
	a.validateAnnotations(&p)
	if a.pf != nil {
		a.validatePortfolio(&p)
	}
	return p.err()
}

// validateIndicators checks and merges the change set's indicators.
func (a *applier) validateIndicators(p *problems) {
	first := make(map[string]int)
	for n, ind := range a.cs.Indicators {
		if ind == nil {
			p.addf("indikator %d er tom", n+1)
			continue
		}
		if err := ind.Validate(); err != nil {
			p.addf("%s (indikator %d)", message(err), n+1)
			continue
		}
		if k, ok := first[ind.ID]; ok {
			if !sameIndicator(ind, a.cs.Indicators[k]) {
				p.addf("indikator «%s» står to ganger med ulikt innhold (indikator %d og %d)", ind.ID, k+1, n+1)
			}
			continue
		}
		first[ind.ID] = n
		a.inds.put(ind.ID, ind)
	}
}

// validateEntities checks and merges the change set's entities, then
// checks that their parents exist and that the tree has no cycle.
func (a *applier) validateEntities(p *problems) {
	first := make(map[string]int)
	for n, e := range a.cs.Entities {
		if e == nil {
			p.addf("enhet %d er tom", n+1)
			continue
		}
		if err := e.Validate(); err != nil {
			p.addf("%s (enhet %d)", message(err), n+1)
			continue
		}
		if k, ok := first[e.ID]; ok {
			if !sameEntity(e, sortedEntity(a.cs.Entities[k])) {
				p.addf("enhet «%s» står to ganger med ulikt innhold (enhet %d og %d)", e.ID, k+1, n+1)
			}
			continue
		}
		first[e.ID] = n
		a.ents.put(e.ID, e)
	}
	for _, i := range a.ents.cs {
		e := a.ents.items[i]
		if e.ParentID != "" && a.ents.lookup(e.ParentID) < 0 {
			p.addf("ukjent overordnet enhet «%s» for enhet «%s»", e.ParentID, e.ID)
		}
	}
	a.checkCycles(p)
}

// sortedEntity returns e with its codes in stored order.
func sortedEntity(e *virk.Entity) *virk.Entity {
	c := *e
	c.Codes = sortedCodes(e.Codes)
	return &c
}

// checkCycles reports each cycle in the merged entity tree once. The
// stored tree has none, so every cycle passes through an entity of the
// change set; it is reported from its member with the smallest id.
func (a *applier) checkCycles(p *problems) {
	for _, start := range a.ents.cs {
		path := []string{a.ents.items[start].ID}
		cur := start
		for range len(a.ents.items) {
			next := a.ents.lookup(a.ents.items[cur].ParentID)
			if next < 0 {
				break
			}
			if next == start {
				if minString(path) == path[0] {
					p.addf("enhetene danner en ring i organisasjonstreet (hver har den neste som overordnet): %s → %s",
						strings.Join(path, " → "), path[0])
				}
				break
			}
			path = append(path, a.ents.items[next].ID)
			cur = next
		}
	}
}

// minString returns the smallest of ss.
func minString(ss []string) string {
	m := ss[0]
	for _, s := range ss[1:] {
		m = min(m, s)
	}
	return m
}

// validateObservations checks the change set's observations, puts the
// positions of the valid ones in key order and drops exact duplicates.
// Indicators, entities, periods, sources and statuses are looked up once
// for each distinct one, through the tables of virk.ObservationRows.
func (a *applier) validateObservations(p *problems) {
	obs := changeSetRows(a.cs)
	a.obs = obs
	a.indMap = make([]int32, len(obs.Indicators()))
	indBad := make([]bool, len(a.indMap))
	for i, id := range obs.Indicators() {
		a.indMap[i] = a.inds.lookup(id)
		indBad[i] = a.indMap[i] < 0 || a.inds.items[a.indMap[i]].Derived()
	}
	a.entMap = make([]int32, len(obs.Entities()))
	for i, id := range obs.Entities() {
		a.entMap[i] = a.ents.lookup(id)
	}
	a.perCode = make([]int32, len(obs.Periods()))
	perOK := make([]bool, len(a.perCode))
	for i, per := range obs.Periods() {
		a.perCode[i], perOK[i] = int32(periodCode(per)), validPeriod(per)
	}
	a.statMap = make([]int8, oddStatusIndex+1)
	for i := range a.statMap {
		a.statMap[i] = -1
	}
	for i, st := range obs.Statuses() {
		a.statMap[i] = int8(statusIndex(st))
	}
	// Sources are numbered as valid rows first name them.
	a.srcMap = make([]int32, len(obs.Sources()))
	for i := range a.srcMap {
		a.srcMap[i] = srcUnset
	}
	n := obs.Len()
	order := make([]int32, 0, n)
	for i := range n {
		w := obs.Row(i)
		ind, ent := a.indMap[w.Indicator], a.entMap[w.Entity]
		status := a.statusAt(i, w.Status)
		ok := !indBad[w.Indicator] && ent >= 0 && status >= 0 && perOK[w.Period] &&
			(!hasValue(uint8(status)) || isFinite(w.Value))
		if !ok {
			a.observationProblems(p, i, ind, ent, status)
			continue
		}
		if a.srcMap[w.Source] == srcUnset {
			a.srcMap[w.Source] = a.source(obs.Sources()[w.Source])
		}
		order = append(order, int32(i))
	}
	order = sortOrder(order, len(a.ents.items), a.keyOf)
	a.order = a.dedupRows(p, order)
	a.state = make([]uint8, len(a.order))
}

// srcUnset marks a source of the change set not yet numbered.
const srcUnset = -2

// oddStatusIndex is the status index of virk.ObservationRows for a row
// with a status of its own.
const oddStatusIndex = 255

// statusAt returns the statusIndex of row i, whose status index in the
// change set's rows is s.
func (a *applier) statusAt(i int, s uint8) int {
	if s == oddStatusIndex {
		return statusIndex(a.obs.StatusOf(i, s))
	}
	return int(a.statMap[s])
}

// rowOf returns the validated row at position i of the change set's rows.
func (a *applier) rowOf(i int32) obsRow {
	w := a.obs.Row(int(i))
	r := obsRow{ent: a.entMap[w.Entity], ind: a.indMap[w.Indicator], per: a.perCode[w.Period],
		src: a.srcMap[w.Source], idx: i, status: uint8(a.statusAt(int(i), w.Status))}
	if hasValue(r.status) {
		r.value = w.Value
	}
	return r
}

// keyOf returns the local entity of the row at position i of the change
// set's rows, and its local indicator and periodCode packed so that they
// order as the primary key does.
func (a *applier) keyOf(i int32) (int32, uint64) {
	ind, ent, per := a.obs.Key(int(i))
	return a.entMap[ent], uint64(a.indMap[ind])<<32 | uint64(uint32(a.perCode[per]))
}

// row returns the k-th row in key order, with its state.
func (a *applier) row(k int) obsRow {
	r := a.rowOf(a.order[k])
	r.state = a.state[k]
	return r
}

// observationProblems reports why observation n was rejected.
func (a *applier) observationProblems(p *problems, n int, ind, ent int32, status int) {
	o := a.obs.At(n)
	switch {
	case ind < 0:
		p.addf("ukjent indikator «%s» (observasjon %d)", o.IndicatorID, n+1)
	case a.inds.items[ind].Derived():
		p.addf("indikator «%s» er beregnet med formel og kan ikke ha lagrede verdier (observasjon %d)", o.IndicatorID, n+1)
	}
	if ent < 0 {
		p.addf("ukjent enhet «%s» (observasjon %d)", o.EntityID, n+1)
	}
	if o.Period.IsZero() {
		p.addf("mangler periode (observasjon %d)", n+1)
	} else if !validPeriod(o.Period) {
		p.addf("ugyldig periode %+v (observasjon %d)", o.Period, n+1)
	}
	if status < 0 {
		p.addf("ukjent status «%s» (observasjon %d)", o.Status, n+1)
	} else if o.Status.HasValue() && !isFinite(o.Value) {
		p.addf("verdien %v er ikke et tall (observasjon %d)", o.Value, n+1)
	}
}

// isFinite reports whether v is neither NaN nor infinite.
func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// source returns the index of source name, adding it if new, or -1 for
// no source.
func (a *applier) source(name string) int32 {
	if name == "" {
		return -1
	}
	i, ok := a.srcIdx[name]
	if !ok {
		i = int32(len(a.srcName))
		a.srcIdx[name] = i
		a.srcName, a.srcSID = append(a.srcName, name), append(a.srcSID, 0)
	}
	return i
}

// changeSetRows returns the change set's observations as one list: its
// Rows, then its Observations, copied into a list of their own only when
// there are Observations.
func changeSetRows(cs *virk.ChangeSet) *virk.ObservationRows {
	if len(cs.Observations) == 0 {
		return &cs.Rows
	}
	rows := &virk.ObservationRows{}
	for i := range cs.Rows.Len() {
		rows.Append(cs.Rows.At(i))
	}
	for _, o := range cs.Observations {
		rows.Append(o)
	}
	return rows
}

// dedupRows drops rows that repeat an earlier row of the same key exactly,
// and reports keys given twice with different contents. order is sorted.
func (a *applier) dedupRows(p *problems, order []int32) []int32 {
	out := order[:0]
	var firstEnt int32
	var firstKey uint64
	for n, i := range order {
		e, k := a.keyOf(i)
		if n > 0 && e == firstEnt && k == firstKey {
			first, r := a.rowOf(out[len(out)-1]), a.rowOf(i)
			if !first.sameData(&r) {
				o := a.obs.At(int(r.idx))
				p.addf("motstridende verdier for indikator «%s», enhet «%s», periode %s (observasjon %d og %d)",
					o.IndicatorID, o.EntityID, o.Period, first.idx+1, r.idx+1)
			}
			continue
		}
		out = append(out, i)
		firstEnt, firstKey = e, k
	}
	return out
}

// validateAnnotations checks the change set's annotations and drops exact
// duplicates.
func (a *applier) validateAnnotations(p *problems) {
	type key struct {
		kind           virk.AnnotationKind
		ind, ent, text string
		period         virk.Period
	}
	seen := make(map[key]bool)
	for n, an := range a.cs.Annotations {
		if an == nil {
			p.addf("merknad %d er tom", n+1)
			continue
		}
		if err := an.Validate(); err != nil {
			p.addf("merknad %d: %v", n+1, err)
			continue
		}
		bad := false
		if a.inds.lookup(an.IndicatorID) < 0 {
			p.addf("ukjent indikator «%s» (merknad %d)", an.IndicatorID, n+1)
			bad = true
		}
		if an.EntityID != "" && a.ents.lookup(an.EntityID) < 0 {
			p.addf("ukjent enhet «%s» (merknad %d)", an.EntityID, n+1)
			bad = true
		}
		if !an.Period.IsZero() && !validPeriod(an.Period) {
			p.addf("ugyldig periode %+v (merknad %d)", an.Period, n+1)
			bad = true
		}
		k := key{an.Kind, an.IndicatorID, an.EntityID, an.Text, an.Period}
		if bad || seen[k] {
			continue
		}
		seen[k] = true
		a.anns = append(a.anns, an)
	}
}
