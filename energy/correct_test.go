package energy

import (
	"math"
	"testing"

	"github.com/virk-analyse/virk"
)

// yearOf lays out a year of daily use from a function of the day's
// temperature, with temperatures t(i) and normals tn(i).
func yearOf(y int, temp func(i int) float64, use func(t float64) float64) (*Use, *Weather) {
	first := virk.Date{Year: y, Month: 1, Day: 1}
	n := DaysBetween(first, virk.Date{Year: y + 1, Month: 1, Day: 1})
	u := &Use{First: first, Daily: make([]float64, n)}
	w := &Weather{First: first, Temp: make([]float64, n)}
	for i := range u.Daily {
		w.Temp[i] = temp(i)
		u.Daily[i] = use(w.Temp[i])
	}
	return u, w
}

func normalsOf(t func(d virk.Date) float64) *Normals {
	var ns []virk.Normal
	for d := (virk.Date{Year: 2000, Month: 1, Day: 1}); d.Year == 2000; d = d.AddDays(1) {
		ns = append(ns, virk.Normal{Month: d.Month, Day: d.Day, Mean: t(d), Period: "1991-2020"})
	}
	return NewNormals(ns)
}

// TestCorrect_Model checks the model correction against a hand-computed
// case: use = 100 + 5·max(0, 15 − T); the year is 2 °C warmer than normal
// every day, so each day below 15 °C normal adds 5 · (HDD difference).
func TestCorrect_Model(t *testing.T) {
	seasonal := func(i int) float64 { return 6 - 12*math.Cos(2*math.Pi*float64(i)/365) }
	u, w := yearOf(2019, func(i int) float64 { return seasonal(i) + 2 }, func(t float64) float64 { return 100 + 5*math.Max(0, 15-t) })
	n := normalsOf(func(d virk.Date) float64 { return seasonal(DaysBetween(virk.Date{Year: 2000, Month: 1, Day: 1}, d)) })
	c := Correct(u, w, n, 2019, CorrectOptions{Fit: FitOptions{HeatingBalances: []float64{15}, CoolingBalances: []float64{}}})
	if c.Method != MethodModel || math.Abs(c.Model.HeatingSlope-5) > 1e-9 {
		t.Fatalf("method %s, model %+v", c.Method, c.Model)
	}
	want := c.Actual
	for d := (virk.Date{Year: 2019, Month: 1, Day: 1}); d.Year == 2019; d = d.AddDays(1) {
		want += 5 * (math.Max(0, 15-n.At(d)) - math.Max(0, 15-w.At(d)))
	}
	if math.Abs(c.Corrected-want) > 1e-6 || c.Corrected <= c.Actual {
		t.Errorf("corrected %.4f, want %.4f (more than actual %.1f: the year was warm)", c.Corrected, want, c.Actual)
	}
}

// TestCorrect_DegreeDays checks the fallback: use that does not follow the
// temperature is corrected by the heating share and the degree-day ratio.
func TestCorrect_DegreeDays(t *testing.T) {
	u, w := yearOf(2019, func(i int) float64 { return float64(i%20) - 5 }, func(float64) float64 { return 100 })
	n := normalsOf(func(d virk.Date) float64 { return float64(d.Day%20) - 6 })
	c := Correct(u, w, n, 2019, CorrectOptions{HeatingShare: 0.5})
	if c.Method != MethodDegreeDays || c.Share != 0.5 || c.Note == "" {
		t.Fatalf("%+v", c)
	}
	want := 36500 * (0.5 + 0.5*c.DD.Normal/c.DD.Actual)
	if math.Abs(c.Corrected-want) > 1e-6 {
		t.Errorf("corrected %.3f, want %.3f", c.Corrected, want)
	}
}

// TestCorrect_Estimate checks that a short gap is filled from the model
// and a long one leaves the year out.
func TestCorrect_Estimate(t *testing.T) {
	seasonal := func(i int) float64 { return 6 - 12*math.Cos(2*math.Pi*float64(i)/365) }
	use := func(t float64) float64 { return 100 + 5*math.Max(0, 15-t) }
	u, w := yearOf(2019, seasonal, use)
	n := normalsOf(func(d virk.Date) float64 { return 6 })
	full := 0.0
	for _, v := range u.Daily {
		full += v
	}
	for i := 40; i < 50; i++ {
		u.Daily[i] = math.NaN()
	}
	c := Correct(u, w, n, 2019, CorrectOptions{})
	if !c.Complete || c.Estimated != 10 || math.Abs(c.Actual-full) > 1e-6 {
		t.Errorf("short gap: complete %v, estimated %d, actual %.3f want %.3f", c.Complete, c.Estimated, c.Actual, full)
	}
	for i := 50; i < 90; i++ {
		u.Daily[i] = math.NaN()
	}
	if c := Correct(u, w, n, 2019, CorrectOptions{}); c.Complete || !math.IsNaN(c.Corrected) {
		t.Errorf("a 50-day gap gave %+v", c)
	}
}
