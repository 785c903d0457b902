package kpi

import (
	"github.com/virk-analyse/virk"
)

// TargetStatus is how a series stands against a target.
type TargetStatus string

// Target statuses.
const (
	Met      TargetStatus = "met"       // the target year has passed (or the target has none) and the level is reached
	NotMet   TargetStatus = "not_met"   // the target year has passed (or the target has none) and the level is not reached
	OnTrack  TargetStatus = "on_track"  // before the target year, the trend projected to it reaches the level
	OffTrack TargetStatus = "off_track" // before the target year, the projection falls short
	NoData   TargetStatus = "no_data"   // the values needed are missing
	// Undirected is for a target on an indicator without a desired
	// direction: virk cannot tell which side of the level is good.
	Undirected TargetStatus = "undirected"
)

// TargetResult is a target judged against a series.
type TargetResult struct {
	Target virk.Target
	// Level is the value to reach: the target value, or for a relative
	// target the base year's value changed by the target percent.
	Level     float64
	HasLevel  bool
	Status    TargetStatus
	Period    virk.Period // the period judged
	Value     float64     // the value judged, or the projection
	Projected bool        // Value is a projection to the target year
}

// EvaluateTarget judges series s against target t for an indicator of the
// given direction. The value judged is the target year's when the series
// has it, else the latest; before the target year the latest value is
// projected to it with the trend over the last trendYears years (or as many
// as the series has).
func EvaluateTarget(s Series, t virk.Target, dir virk.Direction, trendYears int) TargetResult {
	r := TargetResult{Target: t, Status: NoData}
	r.Level, r.HasLevel = t.Value, t.Kind == virk.TargetAbsolute
	if t.Kind == virk.TargetRelative {
		base, ok := s.Value(virk.YearPeriod(t.BaseYear))
		if !ok {
			return r
		}
		r.Level, r.HasLevel = base*(1+t.Value/100), true
		if dir == virk.Neutral && t.Value != 0 { // the sign of the change says which way
			dir = virk.Up
			if t.Value < 0 {
				dir = virk.Down
			}
		}
	}
	if dir == virk.Neutral {
		r.Status = Undirected
		return r
	}
	latest, ok := s.Latest()
	if !ok {
		return r
	}
	reached := func(v float64) bool {
		if dir == virk.Down {
			return v <= r.Level
		}
		return v >= r.Level
	}
	if t.Year != 0 {
		if v, ok := s.Value(virk.YearPeriod(t.Year)); ok {
			r.Period, r.Value = virk.YearPeriod(t.Year), v
			r.Status = map[bool]TargetStatus{true: Met, false: NotMet}[reached(v)]
			return r
		}
	}
	r.Period, r.Value = latest.Period, latest.Value
	if t.Year == 0 || latest.Period.Year >= t.Year {
		r.Status = map[bool]TargetStatus{true: Met, false: NotMet}[reached(latest.Value)]
		return r
	}
	// Before the target year: project the trend.
	n := trendYears
	for n > 0 {
		if _, ok := s.Value(latest.Period.Add(-n * latest.Period.Freq.PerYear())); ok {
			break
		}
		n--
	}
	proj := latest.Value
	if n > 0 {
		tr, _ := s.Trend(latest.Period, n)
		proj += tr * float64(t.Year-latest.Period.Year)
		r.Projected = true
	}
	r.Period, r.Value = virk.YearPeriod(t.Year), proj
	r.Status = map[bool]TargetStatus{true: OnTrack, false: OffTrack}[reached(proj)]
	return r
}
