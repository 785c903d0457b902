package energy

import (
	"fmt"
	"math"
	"strconv"

	"github.com/virk-analyse/virk"
)

// Indicator IDs of energy follow-up. The use and the area add up the
// property tree, so that a category and the whole portfolio get their
// kWh/m² as the sum of use over the sum of area, never as a mean of
// buildings' ratios.
const (
	IndicatorArea          = "energi.areal"         // heated area BRA, m², entered by the user
	IndicatorUse           = "energi.forbruk"       // kWh, actual, of whole years of readings
	IndicatorFollowedUse   = "energi.forbruk_fulgt" // kWh of the years the building is in the portfolio's figure
	IndicatorCorrected     = "energi.forbruk_korr"  // kWh in a normal year
	IndicatorFollowedArea  = "energi.areal_fulgt"   // m² of buildings with a whole year of use
	IndicatorIntensity     = "energi.kwh_m2"        // actual kWh/m²
	IndicatorCorrIntensity = "energi.kwh_m2_korr"   // corrected kWh/m²
	sourceCompute          = "virk energiberegning" // Observation.Source of computed figures
	sourceNotFollowed      = "virk energiberegning: ikke med i porteføljen dette året"
)

// Indicators returns the definitions of energy follow-up's indicators.
// The corrected intensity carries the seed's target, −12 % against 2016
// by 2020; a catalogue that defines an indicator itself keeps its own.
func Indicators() []*virk.Indicator {
	const cat, src = "Eiendom", "Energioppfølging"
	return []*virk.Indicator{
		{ID: IndicatorArea, LabelNB: "Oppvarmet areal (BRA)", LabelEN: "Heated floor area",
			Unit: virk.Unit{Name: "m²"}, Category: cat, Source: src, Rollup: virk.RollupSum},
		{ID: IndicatorUse, LabelNB: "Energiforbruk", LabelEN: "Energy use",
			Unit: virk.Unit{Name: "kWh"}, Direction: virk.Down, Category: cat, Source: src, Rollup: virk.RollupSum},
		{ID: IndicatorCorrected, LabelNB: "Energiforbruk, graddagskorrigert", LabelEN: "Energy use, temperature-corrected",
			Unit: virk.Unit{Name: "kWh"}, Direction: virk.Down, Category: cat, Source: src, Rollup: virk.RollupSum,
			Note: "Forbruket i et normalår: byggets energisignatur, eller forenklet graddagskorrigering (17 °C) der modellen ikke holder. 0 for et bygg som ikke er med i porteføljens tall det året."},
		{ID: IndicatorFollowedUse, LabelNB: "Energiforbruk i bygg med hele årets måledata", LabelEN: "Energy use of buildings with a whole year of meter data",
			Unit: virk.Unit{Name: "kWh"}, Direction: virk.Down, Category: cat, Source: src, Rollup: virk.RollupSum,
			Note: "0 for et bygg som ikke er med i porteføljens tall det året (for lite måledata, temperaturer eller areal)."},
		{ID: IndicatorFollowedArea, LabelNB: "Areal med hele årets måledata", LabelEN: "Floor area with a whole year of meter data",
			Unit: virk.Unit{Name: "m²"}, Category: cat, Source: src, Rollup: virk.RollupSum,
			Note: "0 for et bygg som ikke er med i porteføljens tall det året."},
		{ID: IndicatorIntensity, LabelNB: "Energiforbruk (kWh/m²)", LabelEN: "Energy use (kWh/m²)",
			Unit: virk.Unit{Name: "kWh/m²", Decimals: 1}, Direction: virk.Down, Category: cat, Source: src,
			Formula: IndicatorFollowedUse + " / " + IndicatorFollowedArea},
		{ID: IndicatorCorrIntensity, LabelNB: "Energiforbruk (kWh/m²), graddagskorrigert", LabelEN: "Energy use (kWh/m²), temperature-corrected",
			Unit: virk.Unit{Name: "kWh/m²", Decimals: 1}, Direction: virk.Down, Category: cat, Source: src,
			Formula: IndicatorCorrected + " / " + IndicatorFollowedArea,
			Targets: []virk.Target{{Kind: virk.TargetRelative, Value: -12, BaseYear: 2016, Year: 2020,
				Note: "Energiforbruket i eiendomsmassen redusert med 12 % fra 2016 til 2020"}}},
	}
}

// Input is everything a computation needs, as read from a store.
type Input struct {
	Buildings []*virk.Building
	Meters    []*virk.Meter
	Uses      map[string]*Use            // by meter ID
	Weather   map[string]*Weather        // by station ID
	Normals   map[string]*Normals        // by station ID
	Areas     map[string]map[int]float64 // building → year → m²
	Alerts    map[string][]*virk.Alert   // stored alerts by meter, for the avoided use of resolved ones
	Price     float64                    // NOK per kWh for meters without a price; 0 → 1.0
}

// BuildingResult is what the computation found for one building.
type BuildingResult struct {
	ID          string
	Use         *Use // the main meters added up
	Corrections []Correction
	Notes       []string
}

// Result is a computation's output: ordinary observations of the energy
// indicators for a store to apply, the alerts found, and per-building
// detail for pages and reports.
type Result struct {
	Buildings    []*BuildingResult
	Observations []virk.Observation
	Alerts       []*virk.Alert
	Warnings     []string
}

// Analyse computes each building's yearly use and its correction to a
// normal year, and the observations of the energy indicators: all of
// Compute but the detection.
func Analyse(in *Input) *Result {
	res := &Result{}
	meters := metersByBuilding(in)
	span := yearSpan(in)
	for _, b := range in.Buildings {
		res.Buildings = append(res.Buildings, computeBuilding(in, b, meters[b.EntityID], span, res))
	}
	return res
}

// Figures returns the observations of Analyse.
func Figures(in *Input) []virk.Observation { return Analyse(in).Observations }

func metersByBuilding(in *Input) map[string][]*virk.Meter {
	meters := map[string][]*virk.Meter{}
	for _, m := range in.Meters {
		meters[m.BuildingID] = append(meters[m.BuildingID], m)
	}
	return meters
}

// Compute runs everything: Analyse, and the detection of abnormal
// operation on every meter, main meters and sub-meters alike.
func Compute(in *Input) *Result {
	res := Analyse(in)
	meters := metersByBuilding(in)
	today := dataEnd(in)
	price := in.Price
	if price == 0 {
		price = 1
	}
	for _, b := range in.Buildings {
		w := in.Weather[b.Station]
		if w == nil {
			w = &Weather{}
		}
		for _, m := range meters[b.EntityID] {
			u := in.Uses[m.ID]
			if u == nil || len(u.Daily) == 0 {
				continue
			}
			opts := DetectOptions{BuildingID: b.EntityID, MeterID: m.ID, Building: *b, Price: m.Price, Today: today}
			if opts.Price == 0 {
				opts.Price = price
			}
			found := Detect(u, w, opts)
			for _, a := range found {
				for _, s := range in.Alerts[m.ID] {
					if s.Kind == a.Kind && s.State == virk.AlertResolved && !s.ResolvedOn.IsZero() && sameStart(s, a) {
						a.AvoidedKWh = Avoided(u, w, a, s.ResolvedOn, opts)
					}
				}
			}
			res.Alerts = append(res.Alerts, found...)
		}
	}
	return res
}

// sameStart reports whether a stored alert and a found one are the same
// finding: the same kind on overlapping days.
func sameStart(s, a *virk.Alert) bool {
	end := func(x *virk.Alert) virk.Date {
		if x.End.IsZero() {
			return virk.Date{Year: 9999, Month: 12, Day: 31}
		}
		return x.End
	}
	return !end(s).Before(a.Start) && !end(a).Before(s.Start)
}

func computeBuilding(in *Input, b *virk.Building, ms []*virk.Meter, span [2]int, res *Result) *BuildingResult {
	br := &BuildingResult{ID: b.EntityID}
	var mains []*Use
	for _, m := range ms {
		if u := in.Uses[m.ID]; m.Main && u != nil {
			mains = append(mains, u)
		}
	}
	br.Use = Combine(mains)
	followed := map[int]bool{}
	defer func() {
		// The years of the portfolio this building is not part of count
		// as zero use over zero area, so that the property tree's sums
		// (which need every building) hold the buildings that are.
		for y := span[0]; y <= span[1]; y++ {
			if followed[y] {
				continue
			}
			for _, ind := range []string{IndicatorFollowedUse, IndicatorCorrected, IndicatorFollowedArea} {
				res.Observations = append(res.Observations, virk.Observation{IndicatorID: ind, EntityID: b.EntityID,
					Period: virk.YearPeriod(y), Value: 0, Status: virk.StatusFinal, Source: sourceNotFollowed})
			}
		}
	}()
	if len(br.Use.Daily) == 0 {
		br.Notes = append(br.Notes, "ingen måledata på hovedmålerne")
		return br
	}
	w, n := in.Weather[b.Station], in.Normals[b.Station]
	if w == nil {
		w = &Weather{}
		br.Notes = append(br.Notes, "bygget er ikke knyttet til en værstasjon med temperaturer")
	}
	first, last := br.Use.First.Year, br.Use.Last().Year
	for y := first; y <= last; y++ {
		c := Correct(br.Use, w, n, y, CorrectOptions{HeatingShare: b.HeatingShare})
		br.Corrections = append(br.Corrections, c)
		if !c.Complete {
			if y >= span[0] && y <= span[1] {
				res.Warnings = append(res.Warnings, fmt.Sprintf("bygg %s, %d: %s; bygget er ikke med i porteføljens tall det året", b.EntityID, y, c.Note))
			}
			continue
		}
		p := virk.YearPeriod(y)
		res.Observations = append(res.Observations, virk.Observation{IndicatorID: IndicatorUse, EntityID: b.EntityID,
			Period: p, Value: round(c.Actual), Status: virk.StatusFinal, Source: sourceCompute})
		area, ok := areaIn(in.Areas[b.EntityID], y)
		if !ok {
			res.Warnings = append(res.Warnings, fmt.Sprintf("bygg %s, %d: mangler areal (%s); kWh/m² er ikke beregnet", b.EntityID, y, IndicatorArea))
			continue
		}
		if c.Corrected != c.Corrected { // NaN
			res.Warnings = append(res.Warnings, fmt.Sprintf("bygg %s, %d: %s; bygget er ikke med i porteføljens tall det året", b.EntityID, y, c.Note))
			continue
		}
		followed[y] = true
		for _, o := range []struct {
			ind string
			v   float64
		}{{IndicatorFollowedUse, c.Actual}, {IndicatorCorrected, c.Corrected}, {IndicatorFollowedArea, area}} {
			res.Observations = append(res.Observations, virk.Observation{IndicatorID: o.ind, EntityID: b.EntityID,
				Period: p, Value: round(o.v), Status: virk.StatusFinal, Source: sourceCompute})
		}
		if c.Note != "" {
			br.Notes = append(br.Notes, strconv.Itoa(y)+": "+c.Note)
		}
	}
	return br
}

// dataEnd returns the day after the latest reading of any meter: the
// "today" of detection, so that a meter whose readings end before the
// others' has stopped, while the days of the current month not yet read
// are not missing.
func dataEnd(in *Input) virk.Date {
	var last virk.Date
	for _, u := range in.Uses {
		for i := len(u.Daily) - 1; i >= 0; i-- {
			if !math.IsNaN(u.Daily[i]) || u.Hourly != nil && hourKnown(u, i) {
				if d := u.First.AddDays(i); last.Before(d) {
					last = d
				}
				break
			}
		}
	}
	if last.IsZero() {
		return last
	}
	return last.AddDays(1)
}

// hourKnown reports whether any hour of day i of u has a reading.
func hourKnown(u *Use, i int) bool {
	d := u.First.AddDays(i)
	h0, h1 := u.HourIndex(d), u.HourIndex(d.AddDays(1))
	for h := max(h0, 0); h < h1 && h < len(u.Hourly); h++ {
		if !math.IsNaN(u.Hourly[h]) {
			return true
		}
	}
	return false
}

// yearSpan returns the first and last year of any meter's readings.
func yearSpan(in *Input) [2]int {
	span := [2]int{0, -1}
	for _, u := range in.Uses {
		if len(u.Daily) == 0 {
			continue
		}
		if f := u.First.Year; span[1] < span[0] || f < span[0] {
			span[0] = f
		}
		if l := u.Last().Year; l > span[1] {
			span[1] = l
		}
	}
	return span
}

// areaIn returns the area of year y: the one given for the latest year at
// or before y, since an area is entered when it changes.
func areaIn(areas map[int]float64, y int) (float64, bool) {
	best, found := 0, false
	for yy := range areas {
		if yy <= y && (!found || yy > best) {
			best, found = yy, true
		}
	}
	if !found || areas[best] <= 0 {
		return 0, false
	}
	return areas[best], true
}

// round keeps computed kWh to the watt-hour, the precision of readings,
// so that a computation run again on the same data gives equal values.
func round(v float64) float64 { return math.Round(v*1000) / 1000 }
