package energydemo

import (
	"fmt"
	"math"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/energy"
)

// span is a meter's readings over the demo years: by hour from the first
// local midnight of First, or by day.
type span struct {
	meter *virk.Meter
	step  virk.Step
	vals  []float64
}

var (
	start = virk.Date{Year: First, Month: 1, Day: 1}
	end   = virk.Date{Year: Last, Month: 12, Day: 31}
)

// hours returns the hours of day d in Norway: 23, 24 or 25.
func hours(d virk.Date) int {
	return int(d.AddDays(1).Time(virk.Oslo()).Sub(d.Time(virk.Oslo())) / time.Hour)
}

// hourOfDay returns the clock hour of the i-th hour of day d (the hour
// after 02:00 is skipped in March and repeated in October).
func hourOfDay(d virk.Date, i int) int {
	return d.Time(virk.Oslo()).Add(time.Duration(i) * time.Hour).In(virk.Oslo()).Hour()
}

// blocks generates every meter's readings, faults included.
func (g *generator) blocks() []*virk.ReadingBlock {
	byBuilding := map[string][]*virk.Meter{}
	for _, m := range g.reg.Meters {
		byBuilding[m.BuildingID] = append(byBuilding[m.BuildingID], m)
	}
	var out []*virk.ReadingBlock
	for _, b := range g.reg.Buildings {
		for _, sp := range g.building(b, byBuilding[b.EntityID]) {
			out = append(out, sp.split()...)
		}
	}
	return out
}

// building generates the readings of one building's meters.
func (g *generator) building(b *virk.Building, ms []*virk.Meter) []*span {
	cat := categories[g.parent[b.EntityID]]
	var el, heat *span
	var subs []*span
	for _, m := range ms {
		switch {
		case !m.Main:
			subs = append(subs, &span{meter: m, step: virk.StepHour})
		case m.Carrier == virk.CarrierElectricity:
			el = &span{meter: m, step: virk.StepHour}
		default:
			heat = &span{meter: m, step: virk.StepDay}
		}
	}
	profile := 0
	if cat.closed == 1 {
		profile = 1 // always in use: the flatter shape
	}
	var base []float64 // el's hourly use without faults, for sub-meters
	for d := start; !end.Before(d); d = d.AddDays(1) {
		a := g.area(b.EntityID, d.Year)
		occ := 1.0
		shape := profile
		if closed(g.parent[b.EntityID], d) {
			occ, shape = cat.closed, 1
		}
		baseDay := a * cat.base * occ
		heatDay := a * cat.slope * math.Max(0, cat.balance-g.temp.At(d))
		// Electricity carries the day's shape; heat, on electricity in
		// buildings without a heat meter, is drawn evenly over the hours.
		elBase, elHeat := baseDay, heatDay
		if heat != nil {
			elBase, elHeat = 0.85*baseDay, 0
			heat.vals = append(heat.vals, (0.15*baseDay+heatDay)*(1+0.04*g.rng.NormFloat64()))
		}
		noise := 1 + 0.04*g.rng.NormFloat64()
		n := hours(d)
		sum := 0.0
		for i := 0; i < n; i++ {
			sum += schoolProfile[shape][hourOfDay(d, i)]
		}
		for i := 0; i < n; i++ {
			v := (elBase*schoolProfile[shape][hourOfDay(d, i)]/sum + elHeat/float64(n)) * noise * (1 + 0.03*g.rng.NormFloat64())
			el.vals = append(el.vals, v)
			base = append(base, v)
		}
	}
	for _, s := range subs {
		share := 0.25
		if s.meter.ID == "stabekk_skole-vp" {
			share = 0.35
		}
		for _, v := range base {
			s.vals = append(s.vals, share*v*(1+0.02*g.rng.NormFloat64()))
		}
	}
	g.faults(b, el, heat, subs)
	spans := []*span{el}
	if heat != nil {
		spans = append(spans, heat)
	}
	return append(spans, subs...)
}

// hourIndex returns the index of the first hour of day d from start.
func hourIndex(d virk.Date) int {
	return int(d.Time(virk.Oslo()).Sub(start.Time(virk.Oslo())) / time.Hour)
}

func dayIndex(d virk.Date) int { return energy.DaysBetween(start, d) }

func date(y int, m time.Month, d int) virk.Date { return virk.Date{Year: y, Month: m, Day: d} }

// faults puts the demo's faults into the readings: each one a kind that
// detection should find.
func (g *generator) faults(b *virk.Building, el, heat *span, subs []*span) {
	switch b.EntityID {
	case "bekkestua_skole":
		// Ventilation left running at night and at weekends in the
		// autumn of 2018, until the operating hours were set right.
		for d := date(2018, 10, 1); !date(2018, 11, 11).Before(d); d = d.AddDays(1) {
			wd := d.Time(time.UTC).Weekday()
			h0 := hourIndex(d)
			for i := 0; i < hours(d); i++ {
				hr := hourOfDay(d, i)
				if wd != time.Saturday && wd != time.Sunday && hr >= b.OpenFrom && hr < b.OpenTo {
					continue
				}
				extra := 0.45 * el.vals[h0+i]
				el.vals[h0+i] += extra
				for _, s := range subs {
					s.vals[h0+i] += extra
				}
			}
		}
	case "radhuset":
		// A heating valve stuck open from March to September 2017.
		for d := date(2017, 3, 6); d.Before(date(2017, 10, 2)); d = d.AddDays(1) {
			heat.vals[dayIndex(d)] *= 1.25
		}
	case "dr_ingrid_sykehjem":
		// The meter repeats one value for four days.
		h0 := hourIndex(date(2018, 2, 12))
		for h := h0; h < hourIndex(date(2018, 2, 16)); h++ {
			el.vals[h] = el.vals[h0]
		}
	case "lysaker_bhg":
		// Zeros for three days in November 2016.
		for h := hourIndex(date(2016, 11, 14)); h < hourIndex(date(2016, 11, 17)); h++ {
			el.vals[h] = 0
		}
	case "lindelia_sykehjem":
		// The pellet boiler loses efficiency from April 2018.
		for d := date(2018, 4, 1); !end.Before(d); d = d.AddDays(1) {
			heat.vals[dayIndex(d)] *= 1 + 0.0008*float64(energy.DaysBetween(date(2018, 4, 1), d))
		}
	case "kommunegaarden":
		// The meter stops sending on 27 December 2018.
		for h := hourIndex(date(2018, 12, 27)); h < len(el.vals); h++ {
			el.vals[h] = math.NaN()
		}
	}
}

// split cuts a span into monthly blocks, rounded to the watt-hour.
func (s *span) split() []*virk.ReadingBlock {
	var out []*virk.ReadingBlock
	i := 0
	for y := First; y <= Last; y++ {
		for m := time.January; m <= time.December; m++ {
			b := &virk.ReadingBlock{MeterID: s.meter.ID, Year: y, Month: m, Step: s.step}
			n := b.Len()
			b.Values = make([]float64, n)
			for j := range b.Values {
				b.Values[j] = math.Round(s.vals[i+j]*1000) / 1000
			}
			i += n
			out = append(out, b)
		}
	}
	return out
}

// calibrate scales each year's readings so that the portfolio's corrected
// kWh/m² is the seed's: scaling a year's use scales its fitted model and
// so its corrected use by the same factor.
func (g *generator) calibrate(blocks []*virk.ReadingBlock) error {
	got := g.portfolio(blocks)
	for _, b := range blocks {
		k := Target[b.Year] / got[b.Year]
		for i, v := range b.Values {
			b.Values[i] = math.Round(v*k*1000) / 1000
		}
	}
	got = g.portfolio(blocks)
	for y, want := range Target {
		if math.Abs(got[y]-want) > 0.01 {
			return fmt.Errorf("energidemo: %d gir %.3f kWh/m² etter kalibrering, ikke %.1f", y, got[y], want)
		}
	}
	return nil
}

// input is what energy.Compute needs, from the generated readings.
func (g *generator) input(blocks []*virk.ReadingBlock) *energy.Input {
	byMeter := map[string][]*virk.ReadingBlock{}
	for _, b := range blocks {
		byMeter[b.MeterID] = append(byMeter[b.MeterID], b)
	}
	in := &energy.Input{Buildings: g.reg.Buildings, Meters: g.reg.Meters, Uses: map[string]*energy.Use{},
		Weather: map[string]*energy.Weather{Station: g.temp}, Normals: map[string]*energy.Normals{Station: g.normals}, Areas: g.areas}
	for id, bs := range byMeter {
		in.Uses[id] = energy.MeterUse(bs)
	}
	return in
}

// portfolio returns the corrected kWh/m² of all buildings by year.
func (g *generator) portfolio(blocks []*virk.ReadingBlock) map[int]float64 {
	corr, area := map[int]float64{}, map[int]float64{}
	for _, o := range energy.Figures(g.input(blocks)) {
		switch o.IndicatorID {
		case energy.IndicatorCorrected:
			corr[o.Period.Year] += o.Value
		case energy.IndicatorFollowedArea:
			area[o.Period.Year] += o.Value
		}
	}
	out := map[int]float64{}
	for y := range corr {
		out[y] = corr[y] / area[y]
	}
	return out
}
