package energy

import (
	"fmt"
	"math"
	"time"

	"github.com/virk-analyse/virk"
)

// DefaultHeatingShare is the weather-dependent share of use assumed by the
// simple degree-day correction when a building states none. Space heating
// and ventilation heat are a little over half of the delivered energy of
// Norwegian schools and offices (Enova's building statistics put it at
// 50–65 %); 0.6 is the middle of that range.
const DefaultHeatingShare = 0.6

// Method is how a year's use was taken to a normal year.
type Method string

// Correction methods.
const (
	// MethodModel uses the building's fitted energy signature: the
	// heating part scales with the degree days at its balance point.
	MethodModel Method = "modell"
	// MethodDegreeDays scales a stated heating share of the use by normal
	// over actual degree days at 17 °C.
	MethodDegreeDays Method = "graddager"
)

// Correction is one year's use of a building, actual and in a normal year.
type Correction struct {
	Year     int
	Actual   float64 // kWh
	Complete bool    // every month of the year is known
	// Corrected is the use in a year of normal weather, NaN when it
	// cannot be computed (the year or its temperatures are incomplete).
	Corrected float64
	Method    Method
	Model     Model      // the signature fitted on the year's days
	Share     float64    // MethodDegreeDays: the heating share used
	DD        DegreeDays // at 17 °C over the year, actual and normal
	Note      string     // in bokmål: why the simple method, or why none
	// Estimated is the number of days without readings whose use was
	// estimated from the model, at most MaxEstimatedDays.
	Estimated int
}

// MaxEstimatedDays is the longest gap in a year's daily readings that
// Correct fills from the building's model, so that a meter that stopped
// for a while does not drop the building from the portfolio's figure.
const MaxEstimatedDays = 31

// CorrectOptions tune Correct.
type CorrectOptions struct {
	// HeatingShare is the share for the simple method; 0 means
	// DefaultHeatingShare.
	HeatingShare float64
	Fit          FitOptions
}

// Correct takes the use of year y to a normal year. With daily data that
// give a qualifying model, the normal-year use is the actual use plus the
// model's heating (and cooling) part over the difference between normal
// and actual degree days at the model's balance point:
//
//	corrected = actual + HeatingSlope × (HDDnormal(bp) − HDDactual(bp))
//
// which is the base load plus the heating part × normal HDD ÷ actual HDD,
// keeping the actual year's residuals. Otherwise the simple degree-day
// correction scales the heating share of the use by HDD17 normal ÷ actual:
//
//	corrected = actual × ((1 − share) + share × HDDnormal / HDDactual)
//
// and Note says why. Normal degree days come from the daily normals of
// the same calendar days, which understate degree days a little in the
// shoulder months (a mean of temperatures has fewer degree days than the
// mean of their degree days); the same normals serve every year, so the
// trend is not affected.
func Correct(use *Use, w *Weather, n *Normals, y int, opts CorrectOptions) Correction {
	c := Correction{Year: y, Corrected: math.NaN()}
	c.Actual, c.Complete = use.Year(y)
	first, last := virk.Date{Year: y, Month: 1, Day: 1}, virk.Date{Year: y, Month: 12, Day: 31}
	c.DD = Sum(w, n, BaseTemperature, first, last)
	if !c.Complete && !estimate(&c, use, w, first, last, opts) {
		if c.Note == "" {
			c.Note = "året mangler måledata"
		}
		return c
	}
	if c.DD.ActualDays < c.DD.Days {
		c.Note = fmt.Sprintf("mangler temperatur for %d dager", c.DD.Days-c.DD.ActualDays)
		return c
	}
	if c.DD.NormalDays < c.DD.Days {
		c.Note = "mangler normaler for stasjonen"
		return c
	}

	temps := make([]float64, 0, 366)
	days := make([]float64, 0, 366)
	for d := first; !last.Before(d); d = d.AddDays(1) {
		temps = append(temps, w.At(d))
		days = append(days, use.Day(d))
	}
	c.Model = Fit(temps, days, opts.Fit)
	if c.Model.Qualifies && c.Model.Kind != ModelIntercept {
		c.Method = MethodModel
		delta := 0.0
		for d := first; !last.Before(d); d = d.AddDays(1) {
			ta, tn := w.At(d), n.At(d)
			delta += c.Model.Heating(tn) - c.Model.Heating(ta) + c.Model.Cooling(tn) - c.Model.Cooling(ta)
		}
		c.Corrected = c.Actual + delta
		return c
	}
	c.Method = MethodDegreeDays
	c.Share = opts.HeatingShare
	if c.Share == 0 {
		c.Share = DefaultHeatingShare
	}
	switch {
	case c.Model.N == 0:
		c.Note = fmt.Sprintf("bare månedsverdier: forenklet graddagskorrigering med varmeandel %.0f %%", c.Share*100)
	case c.Model.Kind == ModelIntercept && c.Model.Qualifies:
		c.Note = fmt.Sprintf("forbruket følger ikke temperaturen: forenklet graddagskorrigering med varmeandel %.0f %%", c.Share*100)
	default:
		c.Note = fmt.Sprintf("modellen holder ikke (%s): forenklet graddagskorrigering med varmeandel %.0f %%", c.Model.Reason, c.Share*100)
	}
	c.Corrected = c.Actual * ((1 - c.Share) + c.Share*c.DD.Ratio())
	return c
}

// estimate fills a year's days without readings from a model fitted on
// its other days, when they are few and the model qualifies.
func estimate(c *Correction, use *Use, w *Weather, first, last virk.Date, opts CorrectOptions) bool {
	var missing []virk.Date
	var temps, days []float64
	for d := first; !last.Before(d); d = d.AddDays(1) {
		v := use.Day(d)
		if math.IsNaN(v) {
			if _, ok := use.Monthly[monthIndex(d.Year, d.Month)]; !ok {
				missing = append(missing, d)
			}
			continue
		}
		temps = append(temps, w.At(d))
		days = append(days, v)
	}
	if len(missing) == 0 || len(missing) > MaxEstimatedDays || len(days) == 0 {
		return false
	}
	m := Fit(temps, days, opts.Fit)
	if !m.Qualifies {
		c.Note = fmt.Sprintf("%d dager mangler måledata, og modellen holder ikke til å anslå dem", len(missing))
		return false
	}
	sum := 0.0
	for d := first; !last.Before(d); d = d.AddDays(1) {
		if v := use.Day(d); !math.IsNaN(v) {
			sum += v
		}
	}
	for _, mi := range monthsWithTotals(use, first.Year) {
		sum += use.Monthly[mi]
	}
	for _, d := range missing {
		t := w.At(d)
		if math.IsNaN(t) {
			return false
		}
		sum += m.Predict(t)
	}
	c.Actual, c.Complete, c.Estimated = sum, true, len(missing)
	c.Note = fmt.Sprintf("%d dager uten måledata er anslått fra modellen", len(missing))
	return true
}

// monthsWithTotals lists the months of year y known only as totals.
func monthsWithTotals(use *Use, y int) []int {
	var out []int
	for m := time.January; m <= time.December; m++ {
		mi := monthIndex(y, m)
		if _, ok := use.Monthly[mi]; ok {
			out = append(out, mi)
		}
	}
	return out
}
