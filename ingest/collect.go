package ingest

import (
	"cmp"
	"slices"

	"github.com/virk-analyse/virk"
)

// collector gathers the observations and faults of one ChangeSet call.
type collector struct {
	im     *Importer
	max    int
	errs   Errors
	obs    virk.ObservationRows
	places []placeRun       // where obs were read, by runs
	xl     map[obsKey]int32 // keys that do not pack → index in obs
	sheets []string         // sheet names by number; 0 is none
	sheetN map[string]int32
}

// obsKey identifies an observation by catalogue indexes.
type obsKey struct {
	ind, ent int32
	per      virk.Period
}

// obsPlace is where an observation was read.
type obsPlace struct {
	file, sheet  int32
	line, column int32
}

// placeRun is where a run of observations was read: the one at index
// first at place, and each after it, up to the next run, one line
// further down in the same column, or for observations without a line
// (JSON-stat, PX) at the same place. A tidy file of millions of lines
// is a handful of runs.
type placeRun struct {
	first int32
	place obsPlace
}

// addPlace records that observation i was read at pl.
func (c *collector) addPlace(i int32, pl obsPlace) {
	if n := len(c.places); n > 0 {
		r := &c.places[n-1]
		if p := r.place; p.file == pl.file && p.sheet == pl.sheet && p.column == pl.column &&
			(pl.line == p.line+(i-r.first) && p.line > 0 || pl.line == 0 && p.line == 0) {
			return
		}
	}
	c.places = append(c.places, placeRun{i, pl})
}

// placeOf returns where observation i was read.
func (c *collector) placeOf(i int32) obsPlace {
	k, _ := slices.BinarySearchFunc(c.places, i, func(r placeRun, i int32) int { return cmp.Compare(r.first, i) })
	if k == len(c.places) || c.places[k].first > i {
		k--
	}
	r := c.places[k]
	pl := r.place
	if pl.line > 0 {
		pl.line += i - r.first
	}
	return pl
}

// pack returns the key in 64 bits: 20 for the indicator, 24 for the entity
// and 20 for the period. ok is false for keys outside those ranges.
func (k obsKey) pack() (uint64, bool) {
	p := k.per
	if k.ind < 0 || k.ind >= 1<<20 || k.ent < 0 || k.ent >= 1<<24 ||
		p.Year < 1000 || p.Year > 9999 || p.N < 0 || p.N > 15 {
		return 0, false
	}
	var f uint64
	switch p.Freq {
	case virk.Annual:
	case virk.HalfYear:
		f = 1
	case virk.Quarterly:
		f = 2
	case virk.Monthly:
		f = 3
	default:
		return 0, false
	}
	per := uint64(p.Year-1000)<<6 | f<<4 | uint64(p.N)
	return uint64(k.ind)<<44 | uint64(k.ent)<<20 | per, true
}

// full reports whether no more faults are wanted, adding the fault that
// says so the first time.
func (c *collector) full() bool {
	if len(c.errs) < c.max {
		return false
	}
	if len(c.errs) == c.max {
		c.errs = append(c.errs, &Error{Err: errorf(ErrTooMany, "for mange feil: lesingen stoppet etter %d", c.max)})
	}
	return true
}

func (c *collector) fail(e *Error) {
	if !c.full() {
		c.errs = append(c.errs, e)
	}
}

// sheet returns the number of a sheet name; 0 is no sheet.
func (c *collector) sheet(name string) int32 {
	if name == "" {
		return 0
	}
	if n, ok := c.sheetN[name]; ok {
		return n
	}
	if c.sheetN == nil {
		c.sheets, c.sheetN = []string{""}, map[string]int32{}
	}
	c.sheets = append(c.sheets, name)
	c.sheetN[name] = int32(len(c.sheets) - 1)
	return int32(len(c.sheets) - 1)
}

// add adds an observation; dedupe later removes repeats.
func (c *collector) add(k obsKey, pl obsPlace, o virk.Observation) {
	idx := int32(c.obs.Len())
	if _, ok := k.pack(); !ok {
		if c.xl == nil {
			c.xl = map[obsKey]int32{}
		}
		if first, dup := c.xl[k]; dup {
			prev := c.obs.At(int(first))
			if !sameFigure(&prev, &o) {
				c.fail(c.duplicate(first, pl, &o))
			}
			return
		}
		c.xl[k] = idx
	}
	c.obs.Append(o)
	c.addPlace(idx, pl)
}

// dedupe removes observations whose key came before: with the same figure
// the repeat is dropped, with another it is a fault naming both places.
// It puts the positions of the observations in key order: one pass finds
// which entities' observations are out of order, then the positions are
// distributed by entity, which keeps their order and takes linear time,
// and only those entities are sorted. Files come ordered by indicator or
// by entity, and then none is. Keys that do not pack were checked by add
// and are never repeated.
func (c *collector) dedupe() {
	obs := &c.obs
	n := obs.Len()
	nEnt := len(obs.Entities())
	// key gives the entity of observation i, and its indicator and
	// period (as table indexes, which group equal keys) packed.
	key := func(i int32) (int32, uint64) {
		ind, ent, per := obs.Key(int(i))
		return ent, uint64(uint32(ind))<<32 | uint64(uint32(per))
	}
	last := make([]uint64, nEnt) // the last key of each entity, plus one; 0 for none
	unsorted := make([]bool, nEnt)
	for i := range int32(n) {
		e, k := key(i)
		if last[e] > k+1 {
			unsorted[e] = true
		}
		last[e] = k + 1
	}
	last = nil
	start := make([]int, nEnt+1)
	for i := range int32(n) {
		e, _ := key(i)
		start[e+1]++
	}
	for e := 1; e <= nEnt; e++ {
		start[e] += start[e-1]
	}
	order := make([]int32, n)
	next := slices.Clone(start[:nEnt])
	for i := range int32(n) {
		e, _ := key(i)
		order[next[e]] = i
		next[e]++
	}
	var drop []bool
	var dups [][2]int32 // {repeat, first} with different figures
	for e := range nEnt {
		part := order[start[e]:start[e+1]]
		if len(part) == 0 {
			continue
		}
		if unsorted[e] {
			slices.SortFunc(part, func(i, j int32) int {
				_, a := key(i)
				_, b := key(j)
				if a != b {
					return cmp.Compare(a, b)
				}
				return cmp.Compare(i, j)
			})
		}
		run := 0 // the first of the current run of one key
		_, runKey := key(part[0])
		for k := 1; k < len(part); k++ {
			j := part[k]
			if _, kj := key(j); kj != runKey {
				run, runKey = k, kj
				continue
			}
			if drop == nil {
				drop = make([]bool, n)
			}
			drop[j] = true
			f := part[run]
			x, y := obs.At(int(f)), obs.At(int(j))
			if !sameFigure(&x, &y) {
				dups = append(dups, [2]int32{j, f})
			}
		}
	}
	order = nil
	// Report in the order the files were read.
	slices.SortFunc(dups, func(a, b [2]int32) int { return cmp.Compare(a[0], b[0]) })
	for _, d := range dups {
		o := obs.At(int(d[0]))
		c.fail(c.duplicate(d[1], c.placeOf(d[0]), &o))
	}
	if drop != nil {
		obs.Keep(func(i int) bool { return !drop[i] })
	}
	c.places = nil
}

// sameFigure reports whether two observations of one key agree.
func sameFigure(a, b *virk.Observation) bool {
	return a.Status == b.Status && (!a.Status.HasValue() || a.Value == b.Value)
}

// duplicate is the fault of an observation at pl that repeats the one at
// index first with another figure.
func (c *collector) duplicate(first int32, pl obsPlace, o *virk.Observation) *Error {
	prev := c.obs.At(int(first))
	e := c.errorAt(pl)
	e.Err = errorf(ErrDuplicate, "%s, %s, %s står også i %s med en annen verdi (%s der, %s her)",
		o.IndicatorID, o.EntityID, o.Period, c.errorAt(c.placeOf(first)).place(), figure(&prev), figure(o))
	return e
}

// errorAt returns an *Error placed where an observation was read.
func (c *collector) errorAt(pl obsPlace) *Error {
	e := &Error{File: c.im.pending[pl.file].name, Line: int(pl.line), Column: int(pl.column)}
	if pl.sheet > 0 {
		e.Sheet, e.Cell = c.sheets[pl.sheet], cellName(e.Column, e.Line)
	}
	return e
}
