// Package kpi computes what a scorecard shows from stored observations:
// annual change, the trend over the last years judged against the desired
// direction, target status, derived indicators from formulas, organisational
// roll-ups and fixed prices. Everything here is a pure function of its
// inputs; the caller reads the data from a store.
package kpi

import (
	"math"
	"sort"

	"github.com/virk-analyse/virk"
)

// Point is one period of a series.
type Point struct {
	Period virk.Period
	Value  float64
	Status virk.Status
	// Computed is set for values that were derived by a formula, summed
	// from organisational units or deflated, rather than stored.
	Computed bool
}

// HasValue reports whether the point carries a value.
func (p Point) HasValue() bool { return p.Status.HasValue() }

// Series is a time series of one indicator for one entity, ordered by
// period.
type Series []Point

// Sort orders the series by period.
func (s Series) Sort() {
	sort.Slice(s, func(i, j int) bool { return s[i].Period.Before(s[j].Period) })
}

// At returns the point of period p.
func (s Series) At(p virk.Period) (Point, bool) {
	i := sort.Search(len(s), func(i int) bool { return !s[i].Period.Before(p) })
	if i < len(s) && s[i].Period == p {
		return s[i], true
	}
	return Point{}, false
}

// Value returns the value of period p, and false when there is none.
func (s Series) Value(p virk.Period) (float64, bool) {
	pt, ok := s.At(p)
	if !ok || !pt.HasValue() {
		return 0, false
	}
	return pt.Value, true
}

// Latest returns the last point that has a value.
func (s Series) Latest() (Point, bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].HasValue() {
			return s[i], true
		}
	}
	return Point{}, false
}

// YearAgo returns the period one year before p: the previous year for an
// annual period, the same half-year, quarter or month of the year before
// otherwise.
func YearAgo(p virk.Period) virk.Period { return p.Add(-p.Freq.PerYear()) }

// ChangePct is the annual change of the value at p in percent,
// (vₚ / vₚ₋₁ − 1) × 100, and false when either value is missing or the
// earlier one is zero.
func (s Series) ChangePct(p virk.Period) (float64, bool) {
	cur, ok1 := s.Value(p)
	prev, ok2 := s.Value(YearAgo(p))
	if !ok1 || !ok2 || prev == 0 {
		return 0, false
	}
	return (cur/prev - 1) * 100, true
}

// Change is the annual change of the value at p in the indicator's own
// unit (percentage points for percentages).
func (s Series) Change(p virk.Period) (float64, bool) {
	cur, ok1 := s.Value(p)
	prev, ok2 := s.Value(YearAgo(p))
	if !ok1 || !ok2 {
		return 0, false
	}
	return cur - prev, true
}

// Trend is the average yearly change over the n years up to p, in the
// indicator's unit: (vₚ − vₚ₋ₙ) / n. This is the LDIP tables' "Årlig trend
// siste 3 år (snitt pr. år)": (3 130 − 3 843) / 3 = −238.
func (s Series) Trend(p virk.Period, n int) (float64, bool) {
	if n <= 0 {
		return 0, false
	}
	cur, ok1 := s.Value(p)
	start, ok2 := s.Value(p.Add(-n * p.Freq.PerYear()))
	if !ok1 || !ok2 {
		return 0, false
	}
	return (cur - start) / float64(n), true
}

// Judgement says whether a movement goes the way the indicator should.
type Judgement string

// Judgements.
const (
	Good    Judgement = "good"    // moves in the desired direction
	Bad     Judgement = "bad"     // moves against it
	Flat    Judgement = "flat"    // no change at the shown precision
	Neutral Judgement = "neutral" // the indicator has no desired direction
)

// Judge compares a change with the desired direction. A change that rounds
// to zero at the given decimals is flat, so that a printed "0,0" is never
// called an improvement.
func Judge(change float64, dir virk.Direction, decimals int) Judgement {
	if dir == virk.Neutral {
		return Neutral
	}
	if math.Abs(change) < 0.5*math.Pow10(-decimals) {
		return Flat
	}
	if (change > 0) == (dir == virk.Up) {
		return Good
	}
	return Bad
}
