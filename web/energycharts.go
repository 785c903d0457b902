package web

import (
	"fmt"
	"html/template"
	"math"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/chart"
	"github.com/virk-analyse/virk/energy"
)

// signatureChart draws a year's daily use against the day's mean outdoor
// temperature, with the model fitted on that year.
func signatureChart(d *energyData, use *energy.Use, w *energy.Weather, c *energy.Correction) (template.HTML, template.HTML) {
	ch := &chart.Chart{Kind: chart.Scatter, ID: "ch-signatur", Title: d.SigTitle + ", " + d.Building.Label(d.Lang),
		Unit: "kWh", XTitle: d.L("sigx"), XUnit: "°C", XDecimals: 1,
		PointsName: d.L("sigpoints"), FitName: d.L("sigline")}
	lo, hi := math.Inf(1), math.Inf(-1)
	for day := (virk.Date{Year: c.Year, Month: 1, Day: 1}); day.Year == c.Year; day = day.AddDays(1) {
		t, v := w.At(day), use.Day(day)
		if math.IsNaN(t) || math.IsNaN(v) {
			continue
		}
		ch.Points = append(ch.Points, chart.Point{X: t, Y: v})
		lo, hi = math.Min(lo, t), math.Max(hi, t)
	}
	if len(ch.Points) == 0 {
		return "", ""
	}
	if c.Method == energy.MethodModel {
		xs := []float64{lo}
		if m := c.Model; m.HeatingSlope > 0 && m.HeatingBalance > lo && m.HeatingBalance < hi {
			xs = append(xs, m.HeatingBalance)
		}
		if m := c.Model; m.CoolingSlope > 0 && m.CoolingBalance > lo && m.CoolingBalance < hi {
			xs = append(xs, m.CoolingBalance)
		}
		xs = append(xs, hi)
		for _, x := range xs {
			ch.Fit = append(ch.Fit, chart.Point{X: x, Y: c.Model.Predict(x)})
		}
	}
	return render(ch)
}

// heatmapChart draws the building's hourly use, hour by clock hour, over
// the last heatmapDays days with hourly readings. On the day summer time
// ends the two hours after 02:00 are shown as their mean; on the day it
// begins the hour that does not exist is empty.
func heatmapChart(d *energyData, use *energy.Use) (title string, svg, table template.HTML) {
	last := -1
	for i := len(use.Daily) - 1; i >= 0 && last < 0; i-- {
		day := use.First.AddDays(i)
		for h := use.HourIndex(day); h < use.HourIndex(day.AddDays(1)) && h < len(use.Hourly); h++ {
			if !math.IsNaN(use.Hourly[h]) {
				last = i
				break
			}
		}
	}
	if last < 0 {
		return "", "", ""
	}
	first := max(0, last-heatmapDays+1)
	ch := &chart.Chart{Kind: chart.Heatmap, ID: "ch-varmekart", Unit: "kWh"}
	for h := 0; h < 24; h++ {
		ch.Rows = append(ch.Rows, fmt.Sprintf("%02d", h))
		ch.Grid = append(ch.Grid, make([]float64, last-first+1))
	}
	for c := 0; c <= last-first; c++ {
		day := use.First.AddDays(first + c)
		ch.Categories = append(ch.Categories, fmt.Sprintf("%d.%d.", day.Day, day.Month))
		var sum [24]float64
		var n [24]int
		start := day.Time(virk.Oslo())
		for h := use.HourIndex(day); h < use.HourIndex(day.AddDays(1)) && h < len(use.Hourly); h++ {
			clock := start.Add(time.Duration(h-use.HourIndex(day)) * time.Hour).In(virk.Oslo()).Hour()
			if v := use.Hourly[h]; !math.IsNaN(v) {
				sum[clock] += v
				n[clock]++
			}
		}
		for h := range 24 {
			ch.Grid[h][c] = math.NaN()
			if n[h] > 0 {
				ch.Grid[h][c] = sum[h] / float64(n[h])
			}
		}
	}
	from, to := use.First.AddDays(first), use.First.AddDays(last)
	title = fmt.Sprintf("%s, %s, %d.%d.%d–%d.%d.%d", d.L("heatmap"), d.Building.Label(d.Lang), from.Day, from.Month, from.Year, to.Day, to.Month, to.Year)
	ch.Title = title
	svg, table = render(ch)
	return title, svg, table
}
