package storetest

import (
	"context"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// hours returns a block of hourly readings of m for a month, every hour
// holding v(i).
func hours(m string, y int, mo time.Month, v func(i int) float64) *virk.ReadingBlock {
	b := &virk.ReadingBlock{MeterID: m, Year: y, Month: mo, Step: virk.StepHour}
	b.Values = make([]float64, b.Len())
	for i := range b.Values {
		b.Values[i] = v(i)
	}
	return b
}

// EnergyBase returns stations, a building, two meters, a month of hourly
// readings (March 2019, 743 hours with summer time), a day's
// temperature and two normals. It needs Base's entity skole-a.
func EnergyBase() *virk.EnergyChangeSet {
	nan := math.NaN()
	return &virk.EnergyChangeSet{
		Files:     []virk.File{{Name: "elhub.csv", SHA256: strings.Repeat("cd", 32)}},
		Stations:  []*virk.Station{{ID: "SN18700", Name: "Oslo - Blindern"}},
		Buildings: []*virk.Building{{EntityID: "skole-a", Station: "SN18700", OpenFrom: 7, OpenTo: 17}},
		Meters: []*virk.Meter{
			{ID: "m1", BuildingID: "skole-a", Carrier: virk.CarrierElectricity, Main: true},
			{ID: "m2", BuildingID: "skole-a", Carrier: virk.CarrierDistrictHeat, Main: true, Price: 0.9},
		},
		Readings: []*virk.ReadingBlock{
			hours("m1", 2019, time.March, func(i int) float64 { return 10 + float64(i%24)*0.125 }),
			hours("m2", 2019, time.March, func(i int) float64 {
				if i >= 700 {
					return nan
				}
				return 20.001
			}),
		},
		Temperatures: []virk.Temperature{{Station: "SN18700", Date: virk.Date{Year: 2019, Month: 3, Day: 1}, Mean: -2.5, Flag: "OK"}},
		Normals: []virk.Normal{
			{Station: "SN18700", Period: "1961-1990", Month: 1, Day: 1, Mean: -4},
			{Station: "SN18700", Period: "1991-2020", Month: 1, Day: 1, Mean: -3.1},
		},
	}
}

func mustApplyEnergy(tb testing.TB, s virk.Store, cs *virk.EnergyChangeSet, opts virk.ApplyOptions) *virk.ApplyResult {
	tb.Helper()
	res, err := s.ApplyEnergy(context.Background(), cs, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func mustReadings(tb testing.TB, s virk.Store, f virk.ReadingFilter) []virk.ReadingBlock {
	tb.Helper()
	var out []virk.ReadingBlock
	err := s.FindReadings(context.Background(), f, func(b *virk.ReadingBlock) error {
		v := *b
		v.Values = append([]float64(nil), b.Values...)
		out = append(out, v)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// energySnapshot is everything energy follow-up holds, comparable.
func energySnapshot(tb testing.TB, s virk.Store) []any {
	tb.Helper()
	ctx := context.Background()
	st, err1 := s.FindStations(ctx)
	bs, err2 := s.FindBuildings(ctx)
	ms, err3 := s.FindMeters(ctx, virk.MeterFilter{})
	revs, err4 := s.FindReadingRevisions(ctx, virk.ReadingFilter{})
	ts, err5 := s.FindTemperatures(ctx, virk.TemperatureFilter{Station: "SN18700"})
	ns, err6 := s.FindNormals(ctx, "SN18700", "")
	for _, err := range []error{err1, err2, err3, err4, err5, err6} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	var rs []string
	for _, b := range mustReadings(tb, s, virk.ReadingFilter{}) {
		rs = append(rs, b.MeterID+b.Start().String()+strings.Repeat("x", len(b.Values))+formatValues(b.Values))
	}
	return append(snapshot(tb, s), st, bs, ms, revs, ts, ns, rs)
}

func formatValues(vs []float64) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		b.WriteByte(' ')
	}
	return b.String()
}

func testEnergyApply(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})

	// A dry run counts and stores nothing.
	before := energySnapshot(t, s)
	res := mustApplyEnergy(t, s, EnergyBase(), virk.ApplyOptions{DryRun: true, User: "kari"})
	want := virk.Summary{Meters: virk.Counts{Added: 4}, Readings: virk.Counts{Added: 743 + 700 + 1 + 2}}
	equal(t, "dry-run summary", res.Summary, want)
	if res.Batch != nil {
		t.Fatal("a dry run stored a batch")
	}
	equal(t, "store after dry run", energySnapshot(t, s), before)

	res = mustApplyEnergy(t, s, EnergyBase(), virk.ApplyOptions{User: "kari"})
	equal(t, "summary", res.Summary, want)
	if res.Batch == nil || res.Batch.User != "kari" {
		t.Fatalf("batch %+v", res.Batch)
	}
	if v, _ := s.DataVersion(ctx); v != res.Batch.ID {
		t.Errorf("data version %d, want the energy batch %d", v, res.Batch.ID)
	}
	batches := mustBatches(t, s)
	equal(t, "stored batch summary", batches[0].Summary, want)

	st, _ := s.FindStations(ctx)
	equal(t, "stations", st, []*virk.Station{{ID: "SN18700", Name: "Oslo - Blindern"}})
	bs, _ := s.FindBuildings(ctx)
	equal(t, "buildings", bs, EnergyBase().Buildings)
	ms, _ := s.FindMeters(ctx, virk.MeterFilter{BuildingIDs: []string{"skole-a"}})
	equal(t, "meters", ms, EnergyBase().Meters)
	rs := mustReadings(t, s, virk.ReadingFilter{MeterIDs: []string{"m2"}})
	if len(rs) != 1 || rs[0].Values[0] != 20.001 || !math.IsNaN(rs[0].Values[742]) || rs[0].BatchID != res.Batch.ID {
		t.Fatalf("m2 readings %+v", rs)
	}
	m1 := mustReadings(t, s, virk.ReadingFilter{MeterIDs: []string{"m1"}})[0]
	if m1.Values[23] != 10+23*0.125 || len(m1.Values) != 743 {
		t.Errorf("m1 hour 23 = %v of %d", m1.Values[23], len(m1.Values))
	}
	from := virk.Date{Year: 2019, Month: 4, Day: 1}
	if got := mustReadings(t, s, virk.ReadingFilter{From: &from}); len(got) != 0 {
		t.Errorf("readings from April: %d blocks", len(got))
	}
	ns, _ := s.FindNormals(ctx, "SN18700", "")
	equal(t, "latest normals", ns, []virk.Normal{{Station: "SN18700", Period: "1991-2020", Month: 1, Day: 1, Mean: -3.1}})
	ts, _ := s.FindTemperatures(ctx, virk.TemperatureFilter{Station: "SN18700"})
	equal(t, "temperatures", ts, EnergyBase().Temperatures)

	// Importing the same again changes nothing and stores no batch.
	res = mustApplyEnergy(t, s, EnergyBase(), virk.ApplyOptions{User: "kari"})
	if res.Batch != nil || res.Summary.Changes() != 0 || len(res.SameFiles) != 1 {
		t.Fatalf("re-import: batch %v, summary %+v, same files %d", res.Batch, res.Summary, len(res.SameFiles))
	}
	if res.Summary.Readings.Unchanged != 743+700+1+2 {
		t.Errorf("re-import unchanged readings %d", res.Summary.Readings.Unchanged)
	}

	// A later file fills the missing hours and corrects one: the old
	// block is kept as a revision.
	fix := &virk.EnergyChangeSet{Readings: []*virk.ReadingBlock{hours("m2", 2019, time.March, func(i int) float64 {
		switch {
		case i == 5:
			return 19.5
		case i >= 700:
			return 1
		}
		return math.NaN()
	})}}
	res = mustApplyEnergy(t, s, fix, virk.ApplyOptions{User: "ola"})
	equal(t, "correction", res.Summary, virk.Summary{Readings: virk.Counts{Added: 43, Changed: 1}})
	m2 := mustReadings(t, s, virk.ReadingFilter{MeterIDs: []string{"m2"}})[0]
	if m2.Values[5] != 19.5 || m2.Values[4] != 20.001 || m2.Values[742] != 1 {
		t.Errorf("merged block: %v %v %v", m2.Values[4], m2.Values[5], m2.Values[742])
	}
	revs, err := s.FindReadingRevisions(ctx, virk.ReadingFilter{MeterIDs: []string{"m2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 1 || revs[0].Values[5] != 20.001 || !math.IsNaN(revs[0].Values[742]) || revs[0].ReplacedByBatch != res.Batch.ID {
		t.Fatalf("revisions %+v", revs)
	}
	// Filling hours alone keeps no revision.
	fill := &virk.EnergyChangeSet{Readings: []*virk.ReadingBlock{hours("m1", 2019, time.April, func(i int) float64 { return 2 })}}
	mustApplyEnergy(t, s, fill, virk.ApplyOptions{})
	if revs, _ := s.FindReadingRevisions(ctx, virk.ReadingFilter{MeterIDs: []string{"m1"}}); len(revs) != 0 {
		t.Errorf("new month made %d revisions", len(revs))
	}

	// A changed building and meter count as changed.
	upd := &virk.EnergyChangeSet{
		Buildings: []*virk.Building{{EntityID: "skole-a", Station: "SN18700", OpenFrom: 6, OpenTo: 18, OpenWeekends: true, HeatingShare: 0.5}},
		Meters:    []*virk.Meter{{ID: "m2", BuildingID: "skole-a", Carrier: virk.CarrierDistrictHeat, Main: false, Note: "undermåler"}},
	}
	res = mustApplyEnergy(t, s, upd, virk.ApplyOptions{})
	equal(t, "attribute changes", res.Summary, virk.Summary{Meters: virk.Counts{Changed: 2}})
	bs, _ = s.FindBuildings(ctx)
	equal(t, "changed building", bs, upd.Buildings)
	ms, _ = s.FindMeters(ctx, virk.MeterFilter{IDs: []string{"m2"}})
	equal(t, "changed meter", ms, upd.Meters)
}

// testEnergyApplyInvalid checks that a faulty change set stores nothing.
func testEnergyApplyInvalid(t *testing.T, open Opener) {
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	mustApplyEnergy(t, s, EnergyBase(), virk.ApplyOptions{})
	before := energySnapshot(t, s)
	for _, tc := range []struct {
		name string
		cs   func(cs *virk.EnergyChangeSet)
		want string
	}{
		{"unknown meter", func(cs *virk.EnergyChangeSet) { cs.Readings[0].MeterID = "m9" }, "måleren m9 er ukjent"},
		{"unknown building", func(cs *virk.EnergyChangeSet) { cs.Meters[0].BuildingID = "skole-x" }, "måler m1: bygget skole-x er ukjent"},
		{"not a building", func(cs *virk.EnergyChangeSet) { cs.Buildings[0].EntityID = "oppvekst" }, "bygg oppvekst: enheten er av typen unit, ikke building"},
		{"unknown station", func(cs *virk.EnergyChangeSet) { cs.Stations = nil; cs.Temperatures[0].Station = "SN1" }, "værstasjonen SN1 er ukjent"},
		{"negative reading", func(cs *virk.EnergyChangeSet) { cs.Readings[1].Values[3] = -1 }, "verdi 4 er -1 kWh"},
		{"short block", func(cs *virk.EnergyChangeSet) { cs.Readings[1].Values = cs.Readings[1].Values[:24] }, "24 verdier, forventet 743"},
		{"step change", func(cs *virk.EnergyChangeSet) {
			b := &virk.ReadingBlock{MeterID: "m1", Year: 2019, Month: time.March, Step: virk.StepDay, Values: make([]float64, 31)}
			cs.Readings = []*virk.ReadingBlock{b}
		}, "lagret med time-verdier, men filen har døgn-verdier"},
		{"bad carrier", func(cs *virk.EnergyChangeSet) { cs.Meters[1].Carrier = "kull" }, "energibæreren \"kull\" er ukjent"},
		{"bad period", func(cs *virk.EnergyChangeSet) { cs.Normals[0].Period = "1961-1991" }, "normal 1961-1991"},
	} {
		cs := EnergyBase()
		cs.Readings[0].Values[0] = 99 // a change, so that only the fault stops it
		tc.cs(cs)
		_, err := s.ApplyEnergy(context.Background(), cs, virk.ApplyOptions{})
		if err == nil || !strings.Contains(virk.ErrorMessage(err), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
		if after := energySnapshot(t, s); !reflect.DeepEqual(after, before) {
			t.Errorf("%s: the store changed", tc.name)
		}
	}
}

func testEnergyAlerts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	mustApplyEnergy(t, s, EnergyBase(), virk.ApplyOptions{})
	d := func(m time.Month, day int) virk.Date { return virk.Date{Year: 2019, Month: m, Day: day} }
	found := []*virk.Alert{
		{BuildingID: "skole-a", MeterID: "m1", Kind: virk.AlertNightLoad, Start: d(3, 4), ExcessKWh: 120, ExcessNOK: 150, Detail: "natt 40 % over"},
		{BuildingID: "skole-a", MeterID: "m2", Kind: virk.AlertStuck, Start: d(3, 10), End: d(3, 12), ExcessKWh: 0},
	}
	added, updated, err := s.PutAlerts(ctx, found)
	if err != nil || added != 2 || updated != 0 {
		t.Fatalf("put: %d added, %d updated, %v", added, updated, err)
	}
	// Detection runs again with more data: the open alert has grown and
	// its start moved a day; it is the same alert.
	again := []*virk.Alert{
		{BuildingID: "skole-a", MeterID: "m1", Kind: virk.AlertNightLoad, Start: d(3, 5), End: d(3, 20), ExcessKWh: 400, ExcessNOK: 500, Detail: "natt 42 % over"},
		{BuildingID: "skole-a", MeterID: "m2", Kind: virk.AlertStuck, Start: d(3, 10), End: d(3, 12)},
		{BuildingID: "skole-a", MeterID: "m2", Kind: virk.AlertStuck, Start: d(3, 25), End: d(3, 26)},
	}
	added, updated, err = s.PutAlerts(ctx, again)
	if err != nil || added != 1 || updated != 1 {
		t.Fatalf("put again: %d added, %d updated, %v", added, updated, err)
	}
	as, err := s.FindAlerts(ctx, virk.AlertFilter{BuildingIDs: []string{"skole-a"}})
	if err != nil || len(as) != 3 {
		t.Fatalf("%d alerts, %v", len(as), err)
	}
	night := as[2] // latest start first: 25.3, 10.3, 4.3
	if night.Kind != virk.AlertNightLoad || night.Start != d(3, 4) || night.End != d(3, 20) || night.ExcessKWh != 400 || night.State != virk.AlertNew {
		t.Fatalf("night alert %+v", night)
	}

	resolved, comment := virk.AlertResolved, "Ventilasjonen gikk hele natten; driftstid rettet"
	working := virk.AlertWorking
	if _, err := s.UpdateAlert(ctx, night.ID, virk.AlertUpdate{State: &working, User: "kari"}); err != nil {
		t.Fatal(err)
	}
	a, err := s.UpdateAlert(ctx, night.ID, virk.AlertUpdate{State: &resolved, Comment: &comment, User: "ola"})
	if err != nil {
		t.Fatal(err)
	}
	if a.State != resolved || a.Comment != comment || a.ResolvedOn.IsZero() || a.UpdatedBy != "ola" {
		t.Fatalf("updated %+v", a)
	}
	// The user's state survives detection.
	if _, _, err := s.PutAlerts(ctx, again[:1]); err != nil {
		t.Fatal(err)
	}
	id := night.ID
	as, _ = s.FindAlerts(ctx, virk.AlertFilter{ID: &id})
	if len(as) != 1 || as[0].State != resolved || as[0].Comment != comment {
		t.Fatalf("after detection: %+v", as)
	}
	hist, err := s.FindAlertHistory(ctx, night.ID)
	if err != nil || len(hist) != 2 || hist[0].State != resolved || hist[0].User != "ola" || hist[1].State != working || hist[1].User != "kari" {
		t.Fatalf("history %+v, %v", hist, err)
	}
	open1, _ := s.FindAlerts(ctx, virk.AlertFilter{States: []virk.AlertState{virk.AlertNew}})
	if len(open1) != 2 {
		t.Errorf("%d new alerts, want 2", len(open1))
	}
	bad := virk.AlertState("glemt")
	if _, err := s.UpdateAlert(ctx, night.ID, virk.AlertUpdate{State: &bad}); virk.ErrorCode(err) != virk.EINVALID {
		t.Errorf("unknown state: %v", err)
	}
	if _, err := s.UpdateAlert(ctx, 9999, virk.AlertUpdate{State: &working}); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("unknown alert: %v", err)
	}
}

// testEnergyApplyCatalogue checks that a new building entity, its area
// and its meter land in one batch, or not at all.
func testEnergyApplyCatalogue(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	mustApplyEnergy(t, s, EnergyBase(), virk.ApplyOptions{})
	area := &virk.Indicator{ID: "energi.areal", LabelNB: "Areal", Unit: virk.Unit{Name: "m²"}, Rollup: virk.RollupSum}
	cs := &virk.EnergyChangeSet{
		Catalogue: &virk.ChangeSet{
			Files:        []virk.File{{Name: "bygg.csv", SHA256: strings.Repeat("ef", 32)}},
			Indicators:   []*virk.Indicator{area},
			Entities:     []*virk.Entity{{ID: "skole-b", Name: "B skole", Kind: virk.KindBuilding, ParentID: "oppvekst"}},
			Observations: []virk.Observation{{IndicatorID: "energi.areal", EntityID: "skole-b", Period: virk.YearPeriod(2019), Value: 5400, Status: virk.StatusFinal, Source: "bygg.csv"}},
		},
		Buildings: []*virk.Building{{EntityID: "skole-b", Station: "SN18700"}},
		Meters:    []*virk.Meter{{ID: "m3", BuildingID: "skole-b", Carrier: virk.CarrierElectricity, Main: true}},
	}
	before := energySnapshot(t, s)
	bad := *cs
	bad.Meters = []*virk.Meter{{ID: "m3", BuildingID: "skole-c", Carrier: virk.CarrierElectricity}}
	if _, err := s.ApplyEnergy(ctx, &bad, virk.ApplyOptions{}); err == nil {
		t.Fatal("a meter of an unknown building was stored")
	}
	equal(t, "store after a refused change", energySnapshot(t, s), before)

	res := mustApplyEnergy(t, s, cs, virk.ApplyOptions{User: "kari"})
	want := virk.Summary{Indicators: virk.Counts{Added: 1}, Entities: virk.Counts{Added: 1},
		Observations: virk.Counts{Added: 1}, Meters: virk.Counts{Added: 2}}
	equal(t, "summary", res.Summary, want)
	if len(res.Batch.Files) != 1 || res.Batch.Files[0].Name != "bygg.csv" {
		t.Errorf("batch files %+v", res.Batch.Files)
	}
	obs := mustObservations(t, s, virk.ObservationFilter{EntityIDs: []string{"skole-b"}})
	if len(obs) != 1 || obs[0].Value != 5400 || obs[0].BatchID != res.Batch.ID {
		t.Errorf("area %+v", obs)
	}
	if ms, _ := s.FindMeters(ctx, virk.MeterFilter{BuildingIDs: []string{"skole-b"}}); len(ms) != 1 {
		t.Errorf("meters of skole-b: %d", len(ms))
	}
}
