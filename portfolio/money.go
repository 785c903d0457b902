package portfolio

import (
	"cmp"
	"slices"
	"time"

	"github.com/virk-analyse/virk"
)

// Point is a value of a money series in a reporting period. Replaced is
// set on an earlier version of the period's value that a later import
// replaced (a virk.Revision), and is zero on the current value.
type Point struct {
	Period   virk.Period
	Value    float64 // mill. kr
	Replaced time.Time
}

// Money is a project's money: the approved budget by budget year, and the
// forecast total cost and the cumulative spent amount by reporting period.
type Money struct {
	Budget   map[int]float64
	Forecast []Point
	Spent    []Point
}

// MoneyOf sorts observations and revisions of the money indicators by
// project entity. Observations of other indicators, budgets of other
// periods than years, and observations without a value are left out.
// The points come in time order (see sortPoints).
func MoneyOf(obs []virk.Observation, revs []virk.Revision) map[string]*Money {
	out := map[string]*Money{}
	get := func(id string) *Money {
		m := out[id]
		if m == nil {
			m = &Money{Budget: map[int]float64{}}
			out[id] = m
		}
		return m
	}
	add := func(o *virk.Observation, replaced time.Time) {
		if !o.Status.HasValue() {
			return
		}
		switch o.IndicatorID {
		case IndicatorBudget:
			if o.Period.Freq == virk.Annual && replaced.IsZero() {
				get(o.EntityID).Budget[o.Period.Year] = o.Value
			}
		case IndicatorForecast:
			m := get(o.EntityID)
			m.Forecast = append(m.Forecast, Point{o.Period, o.Value, replaced})
		case IndicatorSpent:
			if replaced.IsZero() {
				m := get(o.EntityID)
				m.Spent = append(m.Spent, Point{o.Period, o.Value, time.Time{}})
			}
		}
	}
	for i := range obs {
		add(&obs[i], time.Time{})
	}
	for i := range revs {
		add(&revs[i].Observation, revs[i].ReplacedAt)
	}
	for _, m := range out {
		sortPoints(m.Forecast)
		sortPoints(m.Spent)
	}
	return out
}

// sortPoints puts points in time order: by the last month of their period,
// so that the forecast of the year 2019 (given at the year's end) comes
// after that of March 2019; a year before its own December; and within
// one period the replaced versions by the time they were replaced, before
// the current value.
func sortPoints(ps []Point) {
	slices.SortStableFunc(ps, func(a, b Point) int {
		if c := cmp.Compare(endMonth(a.Period), endMonth(b.Period)); c != 0 {
			return c
		}
		if a.Period != b.Period {
			if a.Period.Before(b.Period) {
				return -1
			}
			return 1
		}
		switch az, bz := a.Replaced.IsZero(), b.Replaced.IsZero(); {
		case az && !bz:
			return 1
		case !az && bz:
			return -1
		}
		return a.Replaced.Compare(b.Replaced)
	})
}

// endMonth numbers the last month of the period, counting months from
// year 0; a week ends in the month of its Sunday.
func endMonth(p virk.Period) int {
	switch p.Freq {
	case virk.HalfYear:
		return p.Year*12 + 6*p.N - 1
	case virk.Quarterly:
		return p.Year*12 + 3*p.N - 1
	case virk.Monthly:
		return p.Year*12 + p.N - 1
	case virk.Weekly:
		// 4 January is in week 1; the week's Sunday is 6 days after its Monday.
		jan4 := time.Date(p.Year, time.January, 4, 12, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(p.N-1))
		sunday := monday.AddDate(0, 0, 6)
		return sunday.Year()*12 + int(sunday.Month()) - 1
	}
	return p.Year*12 + 11
}

// upTo returns the points of periods in year or before.
func upTo(ps []Point, year int) []Point {
	var out []Point
	for _, p := range ps {
		if p.Period.Year <= year {
			out = append(out, p)
		}
	}
	return out
}

// latest returns the last current point, if any.
func latest(ps []Point) (Point, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Replaced.IsZero() {
			return ps[i], true
		}
	}
	return Point{}, false
}
