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

// TestCube_LatestAnnual: the latest year with a value up to the year
// asked for, skipping a suppressed year and sub-annual points, and summed
// from the units where the parent has none of its own.
func TestCube_LatestAnnual(t *testing.T) {
	inds := []*virk.Indicator{{ID: "x", Rollup: virk.RollupSum}}
	ents := []*virk.Entity{{ID: "k", Kind: virk.KindMunicipality}, {ID: "u1", Kind: virk.KindUnit, ParentID: "k"}, {ID: "u2", Kind: virk.KindUnit, ParentID: "k"}}
	at := func(ent string, p virk.Period, v float64, st virk.Status) *virk.Observation {
		return &virk.Observation{IndicatorID: "x", EntityID: ent, Period: p, Value: v, Status: st}
	}
	c, err := kpi.NewCube(inds, ents, []*virk.Observation{
		at("u1", virk.YearPeriod(2016), 1, virk.StatusFinal),
		at("u2", virk.YearPeriod(2016), 2, virk.StatusFinal),
		at("u1", virk.YearPeriod(2018), 0, virk.StatusSuppressed),
		at("u1", virk.Period{Year: 2019, Freq: virk.Monthly, N: 3}, 9, virk.StatusFinal),
		at("u1", virk.YearPeriod(2020), 5, virk.StatusFinal),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ent      string
		year, at int
		value    float64
		ok       bool
	}{
		{"u1", 2019, 2016, 1, true}, // 2018 suppressed, 2019 only a month
		{"u1", 2020, 2020, 5, true},
		{"k", 2017, 2016, 3, true}, // the sum of the units
		{"u1", 2015, 0, 0, false},
	} {
		v, y, ok := c.LatestAnnual("x", tc.ent, tc.year)
		if v != tc.value || y != tc.at || ok != tc.ok {
			t.Errorf("LatestAnnual(x, %s, %d) = %v, %d, %v; want %v, %d, %v", tc.ent, tc.year, v, y, ok, tc.value, tc.at, tc.ok)
		}
	}
}

// TestCube_RollupProjects: a unit's strict sum leaves its projects out,
// so that projects under Eiendom do not stop its buildings' energy from
// adding up; a sum_any indicator adds the units and projects that have a
// value, so Digit's budget is its projects' and the area's is Digit's
// alone when Eiendom has no projects with one.
func TestCube_RollupProjects(t *testing.T) {
	inds := []*virk.Indicator{{ID: "kwh", Rollup: virk.RollupSum}, {ID: "budsjett", Rollup: virk.RollupSumAny}}
	ents := []*virk.Entity{
		{ID: "osu", Kind: virk.KindUnit},
		{ID: "digit", Kind: virk.KindUnit, ParentID: "osu"},
		{ID: "eiendom", Kind: virk.KindUnit, ParentID: "osu"},
		{ID: "skole", Kind: virk.KindBuilding, ParentID: "eiendom"},
		{ID: "bhg", Kind: virk.KindBuilding, ParentID: "eiendom"},
		{ID: "oksenoya", Kind: virk.KindProject, ParentID: "eiendom"},
		{ID: "lagring", Kind: virk.KindProject, ParentID: "digit"},
		{ID: "datasenter", Kind: virk.KindProject, ParentID: "digit"},
	}
	y := virk.YearPeriod(2018)
	o := func(ind, ent string, v float64) *virk.Observation {
		return &virk.Observation{IndicatorID: ind, EntityID: ent, Period: y, Value: v, Status: virk.StatusFinal}
	}
	c, err := kpi.NewCube(inds, ents, []*virk.Observation{
		o("kwh", "skole", 100), o("kwh", "bhg", 50),
		o("budsjett", "lagring", 15), o("budsjett", "datasenter", 25),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ind, ent string
		want     float64
		ok       bool
	}{
		{"kwh", "eiendom", 150, true},     // the project oksenoya left out
		{"kwh", "osu", 0, false},          // digit has no energy: no partial sum
		{"budsjett", "digit", 40, true},   // its two projects
		{"budsjett", "osu", 40, true},     // eiendom adds nothing
		{"budsjett", "eiendom", 0, false}, // no project with a budget
	} {
		v, ok := c.Series(tc.ind, tc.ent).Value(y)
		if v != tc.want || ok != tc.ok {
			t.Errorf("%s %s = %v, %v; want %v, %v", tc.ind, tc.ent, v, ok, tc.want, tc.ok)
		}
	}
}
