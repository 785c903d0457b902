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

// validateObservations checks the change set's observations, turns them
// into rows keyed by local indices, sorts them by key and drops exact
// duplicates. Lookups are cached across rows, since files list many values
// of one indicator or entity in a row.
func (a *applier) validateObservations(p *problems) {
	obs := a.cs.Observations
	rows := make([]obsRow, 0, len(obs))
	var c lookupCache
	for n := range obs {
		o := &obs[n]
		ind := c.indicator(a, o.IndicatorID)
		ent := c.entity(a, o.EntityID)
		status := statusIndex(o.Status)
		ok := ind >= 0 && ent >= 0 && status >= 0 && validPeriod(o.Period) &&
			!a.inds.items[ind].Derived() && (!o.Status.HasValue() || isFinite(o.Value))
		if !ok {
			a.observationProblems(p, n, ind, ent, status)
			continue
		}
		r := obsRow{ent: ent, ind: ind, per: int32(periodCode(o.Period)), status: uint8(status),
			src: c.source(a, o.Source), idx: int32(n)}
		if o.Status.HasValue() {
			r.value = o.Value
		}
		rows = append(rows, r)
	}
	rows = sortRows(rows, len(a.ents.items))
	a.rows = a.dedupRows(p, rows)
}

// observationProblems reports why observation n was rejected.
func (a *applier) observationProblems(p *problems, n int, ind, ent int32, status int) {
	o := &a.cs.Observations[n]
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

// lookupCache remembers the last id looked up of each kind.
type lookupCache struct {
	indID, entID, srcName string
	ind, ent, src         int32
	warm                  [3]bool
}

// indicator returns the local index of indicator id, or -1.
func (c *lookupCache) indicator(a *applier, id string) int32 {
	if !c.warm[0] || id != c.indID {
		c.indID, c.ind, c.warm[0] = id, a.inds.lookup(id), true
	}
	return c.ind
}

// entity returns the local index of entity id, or -1.
func (c *lookupCache) entity(a *applier, id string) int32 {
	if !c.warm[1] || id != c.entID {
		c.entID, c.ent, c.warm[1] = id, a.ents.lookup(id), true
	}
	return c.ent
}

// source returns the index of source name, adding it if new, or -1 for
// no source.
func (c *lookupCache) source(a *applier, name string) int32 {
	if c.warm[2] && name == c.srcName {
		return c.src
	}
	c.srcName, c.warm[2] = name, true
	if name == "" {
		c.src = -1
		return c.src
	}
	i, ok := a.srcIdx[name]
	if !ok {
		i = int32(len(a.srcName))
		a.srcIdx[name] = i
		a.srcName, a.srcSID = append(a.srcName, name), append(a.srcSID, 0)
	}
	c.src = i
	return i
}

// dedupRows drops rows that repeat an earlier row of the same key exactly,
// and reports keys given twice with different contents. rows are sorted.
func (a *applier) dedupRows(p *problems, rows []obsRow) []obsRow {
	out := rows[:0]
	for k := 0; k < len(rows); k++ {
		r := rows[k]
		if len(out) > 0 && out[len(out)-1].sameKey(&r) {
			if first := &out[len(out)-1]; !first.sameData(&r) {
				o := &a.cs.Observations[r.idx]
				p.addf("motstridende verdier for indikator «%s», enhet «%s», periode %s (observasjon %d og %d)",
					o.IndicatorID, o.EntityID, o.Period, first.idx+1, r.idx+1)
			}
			continue
		}
		out = append(out, r)
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
