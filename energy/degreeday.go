package energy

import (
	"math"
	"time"

	"github.com/virk-analyse/virk"
)

// BaseTemperature is the Norwegian base of heating degree days: a day with
// mean temperature T counts max(0, 17 − T) degree days. Enova and the
// Norwegian degree-day series (graddagstall) use 17 °C.
const BaseTemperature = 17.0

// HDD returns the heating degree days of one day with mean temperature t
// against base: max(0, base − t). NaN stays NaN.
func HDD(t, base float64) float64 {
	if t < base {
		return base - t
	}
	if math.IsNaN(t) {
		return t
	}
	return 0
}

// Weather is one station's daily mean temperatures over a span of days,
// indexed from First: Temp[i] is the mean of First + i days, NaN where the
// station has no value.
type Weather struct {
	First virk.Date
	Temp  []float64
}

// NewWeather lays out temperatures (in any order) as a daily series from
// the first to the last day given.
func NewWeather(ts []virk.Temperature) *Weather {
	w := &Weather{}
	if len(ts) == 0 {
		return w
	}
	first, last := ts[0].Date, ts[0].Date
	for _, t := range ts {
		if t.Date.Before(first) {
			first = t.Date
		}
		if last.Before(t.Date) {
			last = t.Date
		}
	}
	w.First = first
	w.Temp = make([]float64, DaysBetween(first, last)+1)
	for i := range w.Temp {
		w.Temp[i] = math.NaN()
	}
	for _, t := range ts {
		w.Temp[DaysBetween(first, t.Date)] = t.Mean
	}
	return w
}

// At returns the mean temperature of day d, NaN when unknown.
func (w *Weather) At(d virk.Date) float64 {
	if len(w.Temp) == 0 {
		return math.NaN()
	}
	i := DaysBetween(w.First, d)
	if i < 0 || i >= len(w.Temp) {
		return math.NaN()
	}
	return w.Temp[i]
}

// DaysBetween returns the number of days from a to b, negative when b is
// before a.
func DaysBetween(a, b virk.Date) int {
	return int(b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours() / 24)
}

// Normals are the normal daily mean temperatures of a station for a normal
// period, by calendar day. A source without 29 February gets the mean of
// 28 February and 1 March for it.
type Normals struct {
	Period string
	byDay  [13][32]float64
	known  [13][32]bool
}

// NewNormals indexes normals by calendar day.
func NewNormals(ns []virk.Normal) *Normals {
	n := &Normals{}
	for _, x := range ns {
		if x.Month < 1 || x.Month > 12 || x.Day < 1 || x.Day > 31 {
			continue
		}
		n.Period = x.Period
		n.byDay[x.Month][x.Day] = x.Mean
		n.known[x.Month][x.Day] = true
	}
	if !n.known[2][29] && n.known[2][28] && n.known[3][1] {
		n.byDay[2][29] = (n.byDay[2][28] + n.byDay[3][1]) / 2
		n.known[2][29] = true
	}
	return n
}

// At returns the normal mean temperature of the calendar day of d, NaN
// when the normals lack it.
func (n *Normals) At(d virk.Date) float64 {
	if n == nil || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 || !n.known[d.Month][d.Day] {
		return math.NaN()
	}
	return n.byDay[d.Month][d.Day]
}

// Complete reports whether the normals cover every day of a leap year.
func (n *Normals) Complete() bool {
	for d := (virk.Date{Year: 2000, Month: 1, Day: 1}); d.Year == 2000; d = d.AddDays(1) {
		if !n.known[d.Month][d.Day] {
			return false
		}
	}
	return true
}

// DegreeDays is a sum of heating degree days over a span of days, actual
// and normal, and how many days each sum covers.
type DegreeDays struct {
	Actual, Normal         float64
	ActualDays, NormalDays int
	Days                   int // days in the span
}

// Ratio returns Normal/Actual, the factor that takes the weather-dependent
// use of the span to a normal year, or NaN when a sum is incomplete or the
// actual sum is zero.
func (dd DegreeDays) Ratio() float64 {
	if dd.ActualDays < dd.Days || dd.NormalDays < dd.Days || dd.Actual == 0 {
		return math.NaN()
	}
	return dd.Normal / dd.Actual
}

// Sum returns the degree days against base over the days from first to
// last, inclusive: actual from w, normal from n (which may be nil).
func Sum(w *Weather, n *Normals, base float64, first, last virk.Date) DegreeDays {
	var dd DegreeDays
	for d := first; !last.Before(d); d = d.AddDays(1) {
		dd.Days++
		if t := w.At(d); !math.IsNaN(t) {
			dd.Actual += HDD(t, base)
			dd.ActualDays++
		}
		if t := n.At(d); !math.IsNaN(t) {
			dd.Normal += HDD(t, base)
			dd.NormalDays++
		}
	}
	return dd
}

// Monthly returns the degree days of each month of year y, January first.
func Monthly(w *Weather, n *Normals, base float64, y int) [12]DegreeDays {
	var out [12]DegreeDays
	for m := time.January; m <= time.December; m++ {
		first := virk.Date{Year: y, Month: m, Day: 1}
		out[m-1] = Sum(w, n, base, first, first.AddDays(daysIn(y, m)-1))
	}
	return out
}

// Yearly returns the degree days of year y.
func Yearly(w *Weather, n *Normals, base float64, y int) DegreeDays {
	return Sum(w, n, base, virk.Date{Year: y, Month: 1, Day: 1}, virk.Date{Year: y, Month: 12, Day: 31})
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
