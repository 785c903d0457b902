package energy

import (
	"math"
	"time"

	"github.com/virk-analyse/virk"
)

// Use is a meter's or a building's energy use laid out in time from the
// local midnight that begins First: Daily[i] is the kWh of day First+i and,
// when the readings are hourly, Hourly[h] the kWh of the h-th hour from
// First's midnight (a day has 23 or 25 hours when summer time begins or
// ends). NaN marks what is not known. Months known only as a total, from
// monthly readings, are in Monthly by year*12+month−1, and their days are
// NaN.
type Use struct {
	First   virk.Date
	Daily   []float64
	Hourly  []float64
	Monthly map[int]float64
}

// Start returns the instant the use begins, First's midnight in Norway.
func (u *Use) Start() time.Time { return u.First.Time(virk.Oslo()) }

// Last returns the last day laid out.
func (u *Use) Last() virk.Date { return u.First.AddDays(len(u.Daily) - 1) }

// Day returns the use of day d, NaN when unknown.
func (u *Use) Day(d virk.Date) float64 {
	i := DaysBetween(u.First, d)
	if i < 0 || i >= len(u.Daily) {
		return math.NaN()
	}
	return u.Daily[i]
}

// HourIndex returns the index in Hourly of the first hour of day d.
func (u *Use) HourIndex(d virk.Date) int {
	return int(d.Time(virk.Oslo()).Sub(u.Start()) / time.Hour)
}

// MeterUse lays out the blocks of one meter, in any order. A day is known
// when it has every hour (hourly blocks) or its daily value.
func MeterUse(blocks []*virk.ReadingBlock) *Use {
	u := &Use{}
	if len(blocks) == 0 {
		return u
	}
	first, last := blocks[0], blocks[0]
	hourly := false
	for _, b := range blocks {
		if monthIndex(b.Year, b.Month) < monthIndex(first.Year, first.Month) {
			first = b
		}
		if monthIndex(b.Year, b.Month) > monthIndex(last.Year, last.Month) {
			last = b
		}
		hourly = hourly || b.Step == virk.StepHour
	}
	u.First = virk.Date{Year: first.Year, Month: first.Month, Day: 1}
	end := virk.Date{Year: last.Year, Month: last.Month, Day: 1}.Time(virk.Oslo()).AddDate(0, 1, 0)
	u.Daily = nans(DaysBetween(u.First, virk.DateOf(end)))
	if hourly {
		u.Hourly = nans(int(end.Sub(u.Start()) / time.Hour))
	}
	for _, b := range blocks {
		start := virk.Date{Year: b.Year, Month: b.Month, Day: 1}
		d0 := DaysBetween(u.First, start)
		switch b.Step {
		case virk.StepMonth:
			if !math.IsNaN(b.Values[0]) {
				if u.Monthly == nil {
					u.Monthly = map[int]float64{}
				}
				u.Monthly[monthIndex(b.Year, b.Month)] = b.Values[0]
			}
		case virk.StepDay:
			copy(u.Daily[d0:], b.Values)
		case virk.StepHour:
			h0 := u.HourIndex(start)
			copy(u.Hourly[h0:], b.Values)
			sumDays(u.Daily[d0:], b.Values, start)
		}
	}
	return u
}

// sumDays adds up the hours of a month's block into its days, NaN for a
// day with a missing hour.
func sumDays(days, hours []float64, start virk.Date) {
	h := 0
	for d := start; d.Month == start.Month && h < len(hours); d = d.AddDays(1) {
		n := hoursIn(d)
		sum := 0.0
		for _, v := range hours[h:min(h+n, len(hours))] {
			sum += v
		}
		days[DaysBetween(start, d)] = sum
		h += n
	}
}

// hoursIn returns the number of hours of day d in Norway: 23, 24 or 25.
func hoursIn(d virk.Date) int {
	return int(d.AddDays(1).Time(virk.Oslo()).Sub(d.Time(virk.Oslo())) / time.Hour)
}

func monthIndex(y int, m time.Month) int { return y*12 + int(m) - 1 }

func nans(n int) []float64 {
	s := make([]float64, max(n, 0))
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// Combine adds up uses, such as a building's main meters: a day or hour is
// known when every use that covers it knows it, and a use that has not yet
// begun or has ended does not cover it. Monthly totals add up for months
// that every use knows as a total or day by day.
func Combine(uses []*Use) *Use {
	var live []*Use
	for _, u := range uses {
		if len(u.Daily) > 0 {
			live = append(live, u)
		}
	}
	if len(live) == 0 {
		return &Use{}
	}
	if len(live) == 1 {
		return live[0]
	}
	first, last := live[0].First, live[0].Last()
	hourly := true
	for _, u := range live {
		if u.First.Before(first) {
			first = u.First
		}
		if last.Before(u.Last()) {
			last = u.Last()
		}
		hourly = hourly && u.Hourly != nil
	}
	out := &Use{First: first, Daily: nans(DaysBetween(first, last) + 1)}
	if hourly {
		out.Hourly = nans(int(last.AddDays(1).Time(virk.Oslo()).Sub(first.Time(virk.Oslo())) / time.Hour))
	}
	for i := range out.Daily {
		d := first.AddDays(i)
		sum, ok := 0.0, true
		for _, u := range live {
			v := u.Day(d)
			if math.IsNaN(v) {
				ok = false
				break
			}
			sum += v
		}
		if ok {
			out.Daily[i] = sum
		}
	}
	if hourly {
		for h := range out.Hourly {
			sum, ok := 0.0, true
			for _, u := range live {
				j := h - out.HourIndex(u.First)
				if j < 0 || j >= len(u.Hourly) || math.IsNaN(u.Hourly[j]) {
					ok = false
					break
				}
				sum += u.Hourly[j]
			}
			if ok {
				out.Hourly[h] = sum
			}
		}
	}
	months := map[int]bool{}
	for _, u := range live {
		for m := range u.Monthly {
			months[m] = true
		}
	}
	for m := range months {
		sum, ok := 0.0, true
		for _, u := range live {
			v, known := u.Month(m)
			if !known {
				ok = false
				break
			}
			sum += v
		}
		if ok {
			if out.Monthly == nil {
				out.Monthly = map[int]float64{}
			}
			out.Monthly[m] = sum
		}
	}
	return out
}

// Month returns the use of month m (year*12+month−1): its total, or the
// sum of its days when every day is known.
func (u *Use) Month(m int) (float64, bool) {
	if v, ok := u.Monthly[m]; ok {
		return v, true
	}
	y, mo := m/12, time.Month(m%12+1)
	first := virk.Date{Year: y, Month: mo, Day: 1}
	sum := 0.0
	for d := first; d.Month == mo; d = d.AddDays(1) {
		v := u.Day(d)
		if math.IsNaN(v) {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

// Year returns the use of year y and whether every month of it is known.
func (u *Use) Year(y int) (float64, bool) {
	sum := 0.0
	for m := time.January; m <= time.December; m++ {
		v, ok := u.Month(monthIndex(y, m))
		if !ok {
			return sum, false
		}
		sum += v
	}
	return sum, true
}
