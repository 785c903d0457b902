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
	obs    []virk.Observation
	places []obsPlace
	keys   []packedKey      // the keys of obs that pack, in any order
	xl     map[obsKey]int32 // keys that do not pack → index in obs
	sheets []string         // sheet names by number; 0 is none
	sheetN map[string]int32
}

// obsKey identifies an observation by catalogue indexes.
type obsKey struct {
	ind, ent int32
	per      virk.Period
}

// packedKey is an observation key packed into 64 bits with the index of the
// observation. Duplicates are found by sorting these: with millions of
// observations a sort is several times faster than a map, whose every
// access misses the cache.
type packedKey struct {
	key uint64
	idx int32
}

// obsPlace is where an observation was read, kept compact because a large
// import has millions.
type obsPlace struct {
	file, sheet  int32
	line, column int32
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
	idx := int32(len(c.obs))
	if pk, ok := k.pack(); ok {
		c.keys = append(c.keys, packedKey{pk, idx})
	} else {
		if c.xl == nil {
			c.xl = map[obsKey]int32{}
		}
		if first, dup := c.xl[k]; dup {
			if !sameFigure(&c.obs[first], &o) {
				c.fail(c.duplicate(first, pl, &o))
			}
			return
		}
		c.xl[k] = idx
	}
	c.obs = append(c.obs, o)
	c.places = append(c.places, pl)
}

// dedupe removes observations whose key came before: with the same figure
// the repeat is dropped, with another it is a fault naming both places.
func (c *collector) dedupe() {
	slices.SortFunc(c.keys, func(a, b packedKey) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.idx, b.idx)
	})
	var drop []bool
	var dups [][2]int32 // {repeat, first} with different figures
	first := 0
	for i := 1; i < len(c.keys); i++ {
		if c.keys[i].key != c.keys[first].key {
			first = i
			continue
		}
		f, j := c.keys[first].idx, c.keys[i].idx
		if drop == nil {
			drop = make([]bool, len(c.obs))
		}
		drop[j] = true
		if !sameFigure(&c.obs[f], &c.obs[j]) {
			dups = append(dups, [2]int32{j, f})
		}
	}
	c.keys = nil
	// Report in the order the files were read.
	slices.SortFunc(dups, func(a, b [2]int32) int { return cmp.Compare(a[0], b[0]) })
	for _, d := range dups {
		c.fail(c.duplicate(d[1], c.places[d[0]], &c.obs[d[0]]))
	}
	if drop == nil {
		return
	}
	n := 0
	for i := range c.obs {
		if !drop[i] {
			c.obs[n], c.places[n] = c.obs[i], c.places[i]
			n++
		}
	}
	clear(c.obs[n:])
	c.obs, c.places = c.obs[:n], c.places[:n]
}

// sameFigure reports whether two observations of one key agree.
func sameFigure(a, b *virk.Observation) bool {
	return a.Status == b.Status && (!a.Status.HasValue() || a.Value == b.Value)
}

// duplicate is the fault of an observation at pl that repeats the one at
// index first with another figure.
func (c *collector) duplicate(first int32, pl obsPlace, o *virk.Observation) *Error {
	prev := &c.obs[first]
	e := c.errorAt(pl)
	e.Err = errorf(ErrDuplicate, "%s, %s, %s står også i %s med en annen verdi (%s der, %s her)",
		o.IndicatorID, o.EntityID, o.Period, c.errorAt(c.places[first]).place(), figure(prev), figure(o))
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
