package portfolio

import (
	"math"

	"github.com/virk-analyse/virk"
)

// ValueFunc returns the latest value of an indicator for an entity in year
// or before, and the year it is of; ok is false when there is none.
type ValueFunc func(indicator, entity string, year int) (value float64, at int, ok bool)

// ValuesFrom returns a ValueFunc that reads the annual observations with a
// value among obs.
func ValuesFrom(obs []virk.Observation) ValueFunc {
	type key struct{ ind, ent string }
	byKey := map[key]map[int]float64{}
	for _, o := range obs {
		if o.Period.Freq != virk.Annual || !o.Status.HasValue() {
			continue
		}
		k := key{o.IndicatorID, o.EntityID}
		if byKey[k] == nil {
			byKey[k] = map[int]float64{}
		}
		byKey[k][o.Period.Year] = o.Value
	}
	return func(ind, ent string, year int) (float64, int, bool) {
		best, v, ok := 0, 0.0, false
		for y, x := range byKey[key{ind, ent}] {
			if y <= year && (!ok || y > best) {
				best, v, ok = y, x, true
			}
		}
		return v, best, ok
	}
}

// BenefitStatus is where a benefit stands.
type BenefitStatus string

// Benefit statuses.
const (
	BenefitQualitative BenefitStatus = "kvalitativ"                   // described, not measured
	BenefitNotMeasured BenefitStatus = "ikke målt ennå"               // no value after the baseline year
	BenefitOnTrack     BenefitStatus = "på vei"                       // not reached, due date not passed
	BenefitRealised    BenefitStatus = "realisert"                    // the target is reached
	BenefitMissed      BenefitStatus = "ikke realisert innen fristen" // not reached, due date passed
)

// BenefitRow is a benefit's realisation.
type BenefitRow struct {
	Benefit *virk.Benefit
	Status  BenefitStatus
	// Value is the indicator's latest value in the receiving unit, of
	// ValueYear. Measured is false when there is none after the baseline
	// year.
	Value     float64
	ValueYear int
	Measured  bool
	// Planned is Target − Baseline.
	Planned float64
	// Change is Value − Baseline: how far the indicator has moved.
	Change float64
	// Realised is the benefit's part of the movement: Change, unless
	// other measured benefits promise a change of the same indicator in
	// the same unit (Shared > 1). Then the movement from the earliest of
	// their baselines is shared among them in proportion to the size of
	// the change each planned, so that the unit's movement is counted
	// once.
	Realised float64
	Shared   int
	// Share is Realised in percent of Planned, when Planned is not 0.
	Share    float64
	HasShare bool
}

// eps absorbs the rounding of sums: a target met to the tenth decimal is
// met.
const eps = 1e-9

// Benefits returns the realisation of each benefit, in the order of bs, as
// of the year's latest values and the date asOf (which decides whether a
// due date has passed). A nil value measures nothing. A benefit whose
// target plans no change is realised while the indicator stays at its
// baseline.
func Benefits(bs []*virk.Benefit, value ValueFunc, year int, asOf virk.Date) []BenefitRow {
	rows := make([]BenefitRow, len(bs))
	type key struct{ ind, ent string }
	groups := map[key][]int{}
	for i, b := range bs {
		r := &rows[i]
		r.Benefit = b
		if b.Qualitative() {
			r.Status = BenefitQualitative
			continue
		}
		r.Planned = b.Target - b.Baseline
		if value != nil {
			if v, at, ok := value(b.IndicatorID, b.EntityID, year); ok && (b.BaselineYear == 0 || at > b.BaselineYear) {
				r.Value, r.ValueYear, r.Measured = v, at, true
				r.Change = v - b.Baseline
				k := key{b.IndicatorID, b.EntityID}
				groups[k] = append(groups[k], i)
			}
		}
	}
	for _, g := range groups {
		share(rows, g)
	}
	for i := range rows {
		r := &rows[i]
		if r.Status == BenefitQualitative {
			continue
		}
		if !r.Measured {
			r.Status = BenefitNotMeasured
			continue
		}
		if r.Planned != 0 {
			r.Share, r.HasShare = r.Realised/r.Planned*100, true
		}
		reached := math.Abs(r.Realised) <= eps
		if r.Planned != 0 {
			reached = r.Realised/r.Planned >= 1-eps
		}
		switch {
		case reached:
			r.Status = BenefitRealised
		case !asOf.IsZero() && r.Benefit.Due.Before(asOf):
			r.Status = BenefitMissed
		default:
			r.Status = BenefitOnTrack
		}
	}
	return rows
}

// share divides the movement of one indicator in one unit among the
// measured benefits g that promise a change of it.
func share(rows []BenefitRow, g []int) {
	if len(g) == 1 {
		r := &rows[g[0]]
		r.Realised, r.Shared = r.Change, 1
		return
	}
	// The movement since the earliest baseline; the first such benefit
	// when several share the year.
	first := g[0]
	for _, i := range g[1:] {
		if rows[i].Benefit.BaselineYear < rows[first].Benefit.BaselineYear {
			first = i
		}
	}
	moved := rows[first].Change
	total := 0.0
	for _, i := range g {
		total += math.Abs(rows[i].Planned)
	}
	for _, i := range g {
		r := &rows[i]
		r.Shared = len(g)
		if total == 0 {
			r.Realised = moved / float64(len(g))
		} else {
			r.Realised = moved * math.Abs(r.Planned) / total
		}
	}
}
