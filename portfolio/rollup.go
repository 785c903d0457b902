package portfolio

import (
	"slices"
	"strings"
)

// IndicatorSum adds up the measurable benefits of one indicator.
type IndicatorSum struct {
	IndicatorID string
	Benefits    int     // measurable benefits of the indicator
	Measured    int     // of them, measured
	Planned     float64 // planned change of all of them
	// PlannedMeasured is the planned change of the measured ones, which
	// is what Realised compares with.
	PlannedMeasured float64
	Realised        float64 // realised change of the measured ones
}

// Rollup adds up the benefits of one project or of one receiving unit.
// Qualitative benefits are counted apart and never summed.
type Rollup struct {
	ID          string // the project, or the receiving unit
	Indicators  []IndicatorSum
	Measurable  int // benefits with an indicator
	Measured    int
	Realised    int
	OnTrack     int
	Missed      int
	NotMeasured int
	Qualitative int
}

// ByProject adds up the benefits by project, sorted by project ID.
func ByProject(rows []BenefitRow) []Rollup {
	return rollup(rows, func(r *BenefitRow) string { return r.Benefit.ProjectID })
}

// ByUnit adds up the benefits by the unit where they land, sorted by unit
// ID. A unit's realised change of an indicator is the indicator's
// movement there, counted once however many projects promised it.
func ByUnit(rows []BenefitRow) []Rollup {
	return rollup(rows, func(r *BenefitRow) string { return r.Benefit.EntityID })
}

func rollup(rows []BenefitRow, keyOf func(*BenefitRow) string) []Rollup {
	byID := map[string]*Rollup{}
	var ids []string
	for i := range rows {
		r := &rows[i]
		k := keyOf(r)
		u := byID[k]
		if u == nil {
			u = &Rollup{ID: k}
			byID[k] = u
			ids = append(ids, k)
		}
		switch r.Status {
		case BenefitQualitative:
			u.Qualitative++
			continue
		case BenefitNotMeasured:
			u.NotMeasured++
		case BenefitRealised:
			u.Realised++
		case BenefitOnTrack:
			u.OnTrack++
		case BenefitMissed:
			u.Missed++
		}
		u.Measurable++
		j := slices.IndexFunc(u.Indicators, func(s IndicatorSum) bool { return s.IndicatorID == r.Benefit.IndicatorID })
		if j < 0 {
			u.Indicators = append(u.Indicators, IndicatorSum{IndicatorID: r.Benefit.IndicatorID})
			j = len(u.Indicators) - 1
		}
		s := &u.Indicators[j]
		s.Benefits++
		s.Planned += r.Planned
		if r.Measured {
			u.Measured++
			s.Measured++
			s.PlannedMeasured += r.Planned
			s.Realised += r.Realised
		}
	}
	slices.Sort(ids)
	out := make([]Rollup, len(ids))
	for i, id := range ids {
		out[i] = *byID[id]
		slices.SortFunc(out[i].Indicators, func(a, b IndicatorSum) int { return strings.Compare(a.IndicatorID, b.IndicatorID) })
	}
	return out
}
