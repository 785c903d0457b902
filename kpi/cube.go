package kpi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

type seriesKey struct{ ind, ent string }

// Cube holds observations with the catalogue they belong to, and computes
// the series of any indicator for any entity: stored values, values derived
// by formulas, organisational roll-ups and fixed prices. Computed series are
// memoised; a Cube is not safe for concurrent use.
type Cube struct {
	inds     map[string]*virk.Indicator
	ents     map[string]*virk.Entity
	children map[string][]string
	formulas map[string]*Formula
	stored   map[seriesKey]Series
	memo     map[seriesKey]Series
	// holders lists, per indicator, the entities with stored values.
	holders map[string][]string
	// cols and colPos serve SeriesEach: per indicator, the series of the
	// entities asked for so far, at each entity's place in colPos. Both
	// are made on first use.
	cols   map[string]*seriesCol
	colPos map[string]int
}

// seriesCol is one indicator's series by entity position; done tells
// a series looked up (possibly empty) from one not yet looked up.
type seriesCol struct {
	series []Series
	done   []bool
}

// NewCube indexes the catalogue and observations. It fails when a formula
// does not parse, names an unknown indicator, or depends on itself.
func NewCube(inds []*virk.Indicator, ents []*virk.Entity, obs []*virk.Observation) (*Cube, error) {
	c := &Cube{
		inds:     make(map[string]*virk.Indicator, len(inds)),
		ents:     make(map[string]*virk.Entity, len(ents)),
		children: map[string][]string{},
		formulas: map[string]*Formula{},
		stored:   map[seriesKey]Series{},
		memo:     map[seriesKey]Series{},
		holders:  map[string][]string{},
	}
	for _, ind := range inds {
		c.inds[ind.ID] = ind
	}
	for _, e := range ents {
		c.ents[e.ID] = e
		if e.ParentID != "" {
			c.children[e.ParentID] = append(c.children[e.ParentID], e.ID)
		}
	}
	for _, ind := range inds {
		if !ind.Derived() {
			continue
		}
		f, err := ParseFormula(ind.Formula)
		if err != nil {
			return nil, virk.Errorf(virk.EINVALID, "indikator %s: %v", ind.ID, err)
		}
		for _, ref := range f.Refs() {
			if c.inds[ref] == nil {
				return nil, virk.Errorf(virk.EINVALID, "indikator %s: formelen viser til ukjent indikator «%s»", ind.ID, ref)
			}
		}
		c.formulas[ind.ID] = f
	}
	if err := c.checkCycles(); err != nil {
		return nil, err
	}
	if err := c.checkTree(); err != nil {
		return nil, err
	}
	for _, o := range obs {
		k := seriesKey{o.IndicatorID, o.EntityID}
		s, ok := c.stored[k]
		if !ok {
			c.holders[o.IndicatorID] = append(c.holders[o.IndicatorID], o.EntityID)
		}
		c.stored[k] = append(s, Point{Period: o.Period, Value: o.Value, Status: o.Status})
	}
	for k, s := range c.stored {
		if !slices.IsSortedFunc(s, func(a, b Point) int { return cmpPeriod(a.Period, b.Period) }) {
			s.Sort()
		}
		c.stored[k] = s
	}
	return c, nil
}

func cmpPeriod(a, b virk.Period) int {
	switch {
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// checkCycles rejects formulas that depend on themselves, directly or not.
func (c *Cube) checkCycles() error {
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var path []string
	var visit func(id string) error
	visit = func(id string) error {
		switch state[id] {
		case visiting:
			return virk.Errorf(virk.EINVALID, "formlene avhenger av hverandre i ring: %s → %s", strings.Join(path, " → "), id)
		case done:
			return nil
		}
		state[id] = visiting
		path = append(path, id)
		if f := c.formulas[id]; f != nil {
			for _, ref := range f.Refs() {
				if err := visit(ref); err != nil {
					return err
				}
			}
		}
		path = path[:len(path)-1]
		state[id] = done
		return nil
	}
	ids := make([]string, 0, len(c.formulas))
	for id := range c.formulas {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := visit(id); err != nil {
			return err
		}
	}
	return nil
}

// checkTree rejects an organisational tree with a loop, which would make
// roll-ups recurse forever. Stores refuse such trees; this guards a Cube
// built by hand.
func (c *Cube) checkTree() error {
	for id := range c.ents {
		n := 0
		for e := c.ents[id]; e != nil && e.ParentID != ""; e = c.ents[e.ParentID] {
			if n++; n > len(c.ents) {
				return virk.Errorf(virk.EINVALID, "enhetstreet har en ring gjennom %s", id)
			}
		}
	}
	return nil
}

// Indicator returns the catalogue entry, or nil.
func (c *Cube) Indicator(id string) *virk.Indicator { return c.inds[id] }

// Entity returns the catalogue entry, or nil.
func (c *Cube) Entity(id string) *virk.Entity { return c.ents[id] }

// Children returns the IDs of the entity's direct sub-units.
func (c *Cube) Children(id string) []string { return c.children[id] }

// Series returns the series of indicator ind for entity ent: the stored
// values; for a derived indicator the formula over the same entity's
// series; for an indicator that rolls up, the sum of the entity's units in
// the periods the entity has no value of its own. A stored total wins over
// the sum of its parts, because published totals are summed from unrounded
// figures.
func (c *Cube) Series(ind, ent string) Series {
	k := seriesKey{ind, ent}
	if s, ok := c.memo[k]; ok {
		return s
	}
	var s Series
	if f := c.formulas[ind]; f != nil {
		s = c.derive(f, ent)
	} else {
		s = c.stored[k]
		if i := c.inds[ind]; i != nil && i.Rollup == virk.RollupSum && len(c.children[ent]) > 0 {
			s = merge(s, c.rollup(ind, ent))
		}
	}
	c.memo[k] = s
	return s
}

// SeriesEach calls fn(i, e, s) with s = Series(inds[i], ents[e]) for every
// indicator and entity, indicator by indicator. It serves callers that read
// the same entities' series of many indicators again and again, such as
// peer comparisons: after the first time, a series is found by the
// entity's position in a per-indicator slice, not by hashing the pair in
// the map of every series, whose cache misses cost more than the
// comparison's arithmetic. fn must not keep or modify s beyond what
// Series allows.
func (c *Cube) SeriesEach(inds, ents []string, fn func(i, e int, s Series)) {
	if c.colPos == nil {
		c.colPos = map[string]int{}
		c.cols = map[string]*seriesCol{}
	}
	pos := make([]int, len(ents))
	for e, id := range ents {
		p, ok := c.colPos[id]
		if !ok {
			p = len(c.colPos)
			c.colPos[id] = p
		}
		pos[e] = p
	}
	n := len(c.colPos)
	for i, ind := range inds {
		col := c.cols[ind]
		if col == nil {
			col = &seriesCol{}
			c.cols[ind] = col
		}
		if len(col.series) < n {
			col.series = append(col.series, make([]Series, n-len(col.series))...)
			col.done = append(col.done, make([]bool, n-len(col.done))...)
		}
		// A stored series that does not roll up is what Series returns
		// (keep this in step with it); the column keeps it, so it need not
		// go into the memo as well.
		def := c.inds[ind]
		plain := c.formulas[ind] == nil
		rolls := def != nil && def.Rollup == virk.RollupSum
		for e, p := range pos {
			if !col.done[p] {
				if ent := ents[e]; plain && !(rolls && len(c.children[ent]) > 0) {
					col.series[p] = c.stored[seriesKey{ind, ent}]
				} else {
					col.series[p] = c.Series(ind, ent)
				}
				col.done[p] = true
			}
			fn(i, e, col.series[p])
		}
	}
}

// derive evaluates f in every period in which any of its inputs has a
// value.
func (c *Cube) derive(f *Formula, ent string) Series {
	inputs := map[string]Series{}
	var periods []virk.Period
	seen := map[virk.Period]bool{}
	for _, ref := range f.Refs() {
		in := c.Series(ref, ent)
		inputs[ref] = in
		for _, p := range in {
			if !seen[p.Period] {
				seen[p.Period] = true
				periods = append(periods, p.Period)
			}
		}
	}
	slices.SortFunc(periods, cmpPeriod)
	var out Series
	for _, p := range periods {
		status := virk.StatusFinal
		v, ok := f.Eval(func(id string) (float64, bool) {
			pt, ok := inputs[id].At(p)
			if !ok || !pt.HasValue() {
				return 0, false
			}
			if pt.Status == virk.StatusPreliminary {
				status = virk.StatusPreliminary
			}
			return pt.Value, true
		})
		if ok {
			out = append(out, Point{Period: p, Value: v, Status: status, Computed: true})
		}
	}
	return out
}

// rollup sums the series of ent's units per period, in the periods where
// every unit has a value. A partial sum would pass off some units' figure as
// the whole: a municipality whose tree holds only one area's FTE must not
// show that area's FTE as its own.
func (c *Cube) rollup(ind, ent string) Series {
	kids := c.children[ent]
	sums := map[virk.Period]*Point{}
	count := map[virk.Period]int{}
	var periods []virk.Period
	for _, child := range kids {
		for _, p := range c.Series(ind, child) {
			if !p.HasValue() {
				continue
			}
			acc := sums[p.Period]
			if acc == nil {
				acc = &Point{Period: p.Period, Status: virk.StatusFinal, Computed: true}
				sums[p.Period] = acc
				periods = append(periods, p.Period)
			}
			acc.Value += p.Value
			count[p.Period]++
			if p.Status == virk.StatusPreliminary {
				acc.Status = virk.StatusPreliminary
			}
		}
	}
	slices.SortFunc(periods, cmpPeriod)
	out := make(Series, 0, len(periods))
	for _, p := range periods {
		if count[p] == len(kids) {
			out = append(out, *sums[p])
		}
	}
	return out
}

// merge returns stored points, plus computed points for the periods stored
// lacks.
func merge(stored, computed Series) Series {
	if len(computed) == 0 {
		return stored
	}
	out := append(Series(nil), stored...)
	for _, p := range computed {
		if _, ok := stored.At(p.Period); !ok {
			out = append(out, p)
		}
	}
	out.Sort()
	return out
}

// Deflated returns the series of ind for ent in fixed prices of baseYear:
// each value times D(baseYear) / D(year), where D is the indicator's price
// index (its Deflator). The index is looked up for the entity, then its
// parents, then any single entity that holds it (a national deflator).
func (c *Cube) Deflated(ind, ent string, baseYear int) (Series, error) {
	i := c.inds[ind]
	if i == nil {
		return nil, virk.Errorf(virk.ENOTFOUND, "ukjent indikator «%s»", ind)
	}
	if i.Deflator == "" {
		return nil, virk.Errorf(virk.EINVALID, "indikator %s har ingen deflator og kan ikke vises i faste priser", ind)
	}
	d := c.deflatorSeries(i.Deflator, ent)
	base, ok := d.Value(virk.YearPeriod(baseYear))
	if !ok {
		return nil, virk.Errorf(virk.EINVALID, "deflatoren %s har ingen verdi for basisåret %d", i.Deflator, baseYear)
	}
	var out Series
	for _, p := range c.Series(ind, ent) {
		idx, ok := d.Value(virk.YearPeriod(p.Period.Year))
		if !p.HasValue() || !ok || idx == 0 {
			continue
		}
		p.Value = p.Value * base / idx
		p.Computed = true
		out = append(out, p)
	}
	return out, nil
}

func (c *Cube) deflatorSeries(defl, ent string) Series {
	for e := c.ents[ent]; e != nil; e = c.ents[e.ParentID] {
		if s := c.Series(defl, e.ID); len(s) > 0 {
			return s
		}
	}
	if h := c.holders[defl]; len(h) == 1 {
		return c.Series(defl, h[0])
	}
	return nil
}

// Entities returns the IDs of the entities that have a series of ind:
// those with stored values, their ancestors when ind rolls up and the sum
// is complete, and for a derived indicator those that have any input.
func (c *Cube) Entities(ind string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if f := c.formulas[ind]; f != nil {
		for _, ref := range f.Refs() {
			for _, e := range c.Entities(ref) {
				add(e)
			}
		}
	} else {
		rolls := c.inds[ind] != nil && c.inds[ind].Rollup == virk.RollupSum
		for _, e := range c.holders[ind] {
			add(e)
			if !rolls {
				continue
			}
			for p := c.ents[e]; p != nil && p.ParentID != ""; p = c.ents[p.ParentID] {
				if len(c.Series(ind, p.ParentID)) == 0 {
					break
				}
				add(p.ParentID)
			}
		}
	}
	slices.Sort(out)
	return out
}

// String describes the cube for debugging.
func (c *Cube) String() string {
	return fmt.Sprintf("kpi.Cube{%d indicators, %d entities, %d stored series}", len(c.inds), len(c.ents), len(c.stored))
}
