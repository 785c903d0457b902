package peer

import (
	"sort"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// annualEacher is a Source that gives many entities' annual values of
// many indicators at once, what Series.Value gives for each year. It reads
// each series once for all its years and keeps the values, so that
// profiles of one year at a time do not search every series again for
// each year. *kpi.Cube is one.
type annualEacher interface {
	AnnualEach(inds, ents []string, first, last int, fn func(i, y int, vals []float64, has []bool))
}

var _ annualEacher = (*kpi.Cube)(nil)

// table holds the annual values of some indicators for some entities over
// consecutive years, read from the source once per BuildAll: a profile
// over ten years would otherwise look each series up and search it ten
// times. The value of indicator j, entity k and year index yi (0 the
// newest year, 1 the one before, …) is at (j*ents+k)*years+yi.
type table struct {
	last  int // the newest year
	years int
	ents  int
	vals  []float64
	has   []bool // there is a value: Series.Value would return true
}

// readTable reads the values of indicators ids for entities ents in the
// years last-years+1 … last.
func readTable(src Source, ids, ents []string, last, years int) *table {
	n := len(ids) * len(ents) * years
	t := &table{last: last, years: years, ents: len(ents), vals: make([]float64, n), has: make([]bool, n)}
	if ae, ok := src.(annualEacher); ok {
		ae.AnnualEach(ids, ents, last-years+1, last, t.copyYear)
		return t
	}
	for j, id := range ids {
		for k, e := range ents {
			t.fill(j, k, src.Series(id, e))
		}
	}
	return t
}

// fill stores the values of series s as those of indicator j and entity
// k. It finds what Series.Value finds for each year: the first point of
// the annual period, if that point has a value.
func (t *table) fill(j, k int, s kpi.Series) {
	first := t.last - t.years + 1
	lo := virk.YearPeriod(first)
	i := start(s, lo)
	base := (j*t.ents + k) * t.years
	prev := first - 1 // the year of the last annual point seen
	for ; i < len(s) && s[i].Period.Year <= t.last; i++ {
		p := &s[i]
		y := p.Period.Year
		if p.Period != virk.YearPeriod(y) || y == prev {
			continue
		}
		prev = y
		if p.HasValue() {
			x := base + t.last - y
			t.vals[x], t.has[x] = p.Value, true
		}
	}
}

// copyYear stores the values of indicator j in year y, vals[k] and has[k]
// those of entity k.
func (t *table) copyYear(j, y int, vals []float64, has []bool) {
	base := j * t.ents * t.years
	if t.years == 1 {
		copy(t.vals[base:base+t.ents], vals)
		copy(t.has[base:base+t.ents], has)
		return
	}
	for k, x := 0, base+t.last-y; k < t.ents; k, x = k+1, x+t.years {
		t.vals[x], t.has[x] = vals[k], has[k]
	}
}

// start returns the index of the first point of s not before period lo,
// as a binary search would. An annual series without gaps holds year y at
// y minus its first year: looking there first touches a line or two of
// memory where the search touches several, and at national scale those
// cache misses are most of what reading the values costs.
func start(s kpi.Series, lo virk.Period) int {
	n := len(s)
	if n == 0 || !s[0].Period.Before(lo) {
		return 0
	}
	if g := lo.Year - s[0].Period.Year; g > 0 && g < n && s[g-1].Period.Before(lo) && !s[g].Period.Before(lo) {
		return g
	}
	return sort.Search(n, func(i int) bool { return !s[i].Period.Before(lo) })
}

// at returns the value of indicator j, entity k and year index yi.
func (t *table) at(j, k, yi int) (float64, bool) {
	x := (j*t.ents+k)*t.years + yi
	return t.vals[x], t.has[x]
}
