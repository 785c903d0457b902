package portfolio

import (
	"time"

	"github.com/virk-analyse/virk"
)

// Status is a project's investment status in a reporting year.
type Status struct {
	ProjectID string
	Kind      virk.ProjectKind
	Phase     virk.Phase

	// Budget is the total approved budget: the sum of every budget year,
	// also the years after the one reported, since the project's cost
	// frame is all of them.
	Budget    float64
	HasBudget bool
	// Forecast is the latest forecast of a period in the year reported or
	// before; ForecastPeriod is zero when there is none.
	Forecast       float64
	ForecastPeriod virk.Period
	// Deviation is Forecast − Budget, positive for an overrun, and
	// DeviationPct the same in percent of the budget.
	Deviation       float64
	HasDeviation    bool
	DeviationPct    float64
	HasDeviationPct bool // a forecast and a budget above 0
	// Spent is the latest cumulative spent amount; SpentPct the same in
	// percent of the forecast.
	Spent       float64
	SpentPeriod virk.Period // zero when there is none
	SpentPct    float64
	HasSpentPct bool // a spent amount and a forecast above 0

	PlannedEnd  virk.Date
	ExpectedEnd virk.Date // the project's End(): the planned end unless another is expected
	// Delay is the whole months from the planned to the expected end,
	// negative when the project is expected early (see Months).
	Delay    int
	HasDelay bool // a planned end is registered
	// Overdue is set when the expected end is before the date of the
	// status and the project is not closed: the register is behind.
	Overdue bool

	// History is every forecast up to the year reported, oldest first,
	// the current one last.
	History []Revision
}

// Revision is one forecast of the history: its period, its value and its
// change from the forecast before it (0 for the first).
type Revision struct {
	Period   virk.Period
	Value    float64
	Change   float64
	Replaced time.Time // set when a later import replaced it in the same period
}

// StatusOf returns the project's status in year, as of the date asOf:
// money of periods after year is left out.
func StatusOf(p *virk.Project, m *Money, year int, asOf virk.Date) *Status {
	s := &Status{ProjectID: p.ID, Kind: p.Kind, Phase: p.Phase, PlannedEnd: p.PlannedEnd, ExpectedEnd: p.End()}
	if m == nil {
		m = &Money{}
	}
	for _, v := range m.Budget {
		s.Budget += v
		s.HasBudget = true
	}
	fc := upTo(m.Forecast, year)
	if f, ok := latest(fc); ok {
		s.Forecast, s.ForecastPeriod = f.Value, f.Period
	}
	for i, f := range fc {
		r := Revision{Period: f.Period, Value: f.Value, Replaced: f.Replaced}
		if i > 0 {
			r.Change = f.Value - fc[i-1].Value
		}
		s.History = append(s.History, r)
	}
	hasForecast := !s.ForecastPeriod.IsZero()
	if hasForecast && s.HasBudget {
		s.Deviation, s.HasDeviation = s.Forecast-s.Budget, true
		if s.Budget > 0 {
			s.DeviationPct, s.HasDeviationPct = s.Deviation/s.Budget*100, true
		}
	}
	if sp, ok := latest(upTo(m.Spent, year)); ok {
		s.Spent, s.SpentPeriod = sp.Value, sp.Period
		if hasForecast && s.Forecast > 0 {
			s.SpentPct, s.HasSpentPct = s.Spent/s.Forecast*100, true
		}
	}
	if !p.PlannedEnd.IsZero() {
		s.Delay, s.HasDelay = Months(p.PlannedEnd, s.ExpectedEnd), true
	}
	end := s.ExpectedEnd
	s.Overdue = p.Phase != virk.PhaseClosed && !end.IsZero() && !asOf.IsZero() && end.Before(asOf)
	return s
}

// Months returns the whole months from a to b: the calendar months between
// them, one more when b's day of the month is 15 or more days after a's,
// and one fewer when it is 15 or more days before. So 30 September 2021 to
// 31 March 2022 is 6 months, 1 September to 16 December is 4 (3 months and
// 15 days), 1 September to 15 December is 3, and 31 January to 28 February
// is 1. Months(b, a) is −Months(a, b).
func Months(a, b virk.Date) int {
	n := 12*(b.Year-a.Year) + int(b.Month) - int(a.Month)
	switch d := b.Day - a.Day; {
	case d >= 15:
		n++
	case d <= -15:
		n--
	}
	return n
}
