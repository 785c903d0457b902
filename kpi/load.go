package kpi

import (
	"context"
	"slices"

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
	var obsEnts []string
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
		}
	}
	obs, err := r.FindObservations(ctx, virk.ObservationFilter{IndicatorIDs: obsInds, EntityIDs: obsEnts})
	if err != nil {
		return nil, err
	}
	if len(deflators) > 0 && (len(obsInds) > 0 || len(obsEnts) > 0) {
		more, err := r.FindObservations(ctx, virk.ObservationFilter{IndicatorIDs: deflators})
		if err != nil {
			return nil, err
		}
		obs = append(obs, more...)
	}
	if l.Cube, err = NewCube(allInds, allEnts, dedupe(obs)); err != nil {
		return nil, err
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

// dedupe drops observations read twice (a deflator that was also among the
// selected indicators).
func dedupe(obs []*virk.Observation) []*virk.Observation {
	seen := make(map[virk.Key]bool, len(obs))
	out := obs[:0]
	for _, o := range obs {
		if k := o.Key(); !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	return out
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
