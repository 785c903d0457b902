package kpi_test

import (
	"math"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// TestBuild_MixedFrequencies: sick leave by year, half-year and month
// makes a row of years with an annual trend and the target judged on the
// year, unless a frequency is asked for.
func TestBuild_MixedFrequencies(t *testing.T) {
	ind := &virk.Indicator{ID: "syk", Direction: virk.Down, Unit: virk.Unit{Decimals: 1},
		Targets: []virk.Target{{Kind: virk.TargetAbsolute, Value: 7}}}
	ent := &virk.Entity{ID: "k", Kind: virk.KindMunicipality}
	var o []*virk.Observation
	add := func(p virk.Period, v float64) {
		o = append(o, &virk.Observation{IndicatorID: "syk", EntityID: "k", Period: p, Value: v, Status: virk.StatusFinal})
	}
	for y, v := range map[int]float64{2015: 8, 2016: 7.6, 2017: 7.3, 2018: 6.8} {
		add(virk.YearPeriod(y), v)
	}
	add(virk.Period{Year: 2018, Freq: virk.HalfYear, N: 2}, 6.5)
	add(virk.Period{Year: 2018, Freq: virk.Monthly, N: 12}, 7.9)
	c, err := kpi.NewCube([]*virk.Indicator{ind}, []*virk.Entity{ent}, o)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := kpi.Build(c, []*virk.Indicator{ind}, []*virk.Entity{ent}, nil, kpi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	row := sc.Rows[0]
	if len(row.Values) != 4 || row.Latest == nil || row.Latest.Period != "2018" {
		t.Fatalf("values %+v, latest %+v; want the four years, latest 2018", row.Values, row.Latest)
	}
	// (6.8 − 8) / 3 years
	if row.Trend == nil || row.Trend.From != "2015" || row.Trend.To != "2018" || math.Abs(row.Trend.PerYear+0.4) > 1e-9 {
		t.Errorf("trend %+v, want −0.4 a year 2015–2018", row.Trend)
	}
	if tg := row.Targets[0]; tg.Status != kpi.Met || tg.Period != "2018" {
		t.Errorf("target %+v, want met in 2018 (6.8 ≤ 7)", tg)
	}

	sc, err = kpi.Build(c, []*virk.Indicator{ind}, []*virk.Entity{ent}, nil, kpi.Options{Freq: virk.Monthly})
	if err != nil {
		t.Fatal(err)
	}
	row = sc.Rows[0]
	if len(row.Values) != 1 || row.Values[0].Period != "2018M12" || row.Targets[0].Status != kpi.NotMet {
		t.Errorf("monthly: values %+v, target %+v; want 2018M12 alone, not met (7.9 > 7)", row.Values, row.Targets[0])
	}
}
