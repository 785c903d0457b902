package energy

import (
	"fmt"
	"math"

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
}

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
	if !c.Complete {
		c.Note = "året mangler måledata"
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
