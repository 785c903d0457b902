package storetest

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// dryRunSteps returns change sets to apply one after the other, each
// against what the ones before stored: every kind of record added,
// changed, left unchanged and given twice, new sources and statuses
// without values, annotations, and the portfolio's projects and
// benefits.
func dryRunSteps() []struct {
	name string
	cs   *virk.ChangeSet
} {
	values := Base()
	values.Files = nil
	for i := range values.Observations {
		values.Observations[i].Value += 0.5
	}
	values.Observations[0].Source = "ny-kilde.csv"                                      // a new source
	values.Observations[1].Status, values.Observations[1].Value = virk.StatusMissing, 0 // a status without a value
	values.Observations = append(values.Observations,
		values.Observations[2],              // an exact duplicate
		Obs("kpi", "helse", "2023M01", 101), // on an entity of update
		Obs("lonn", "ny-enhet", "2023", 12), // on an entity of this set
		Obs("lonn", "ny-enhet", "2024", 13), // and a new period
		Obs("kpi", "3203", "2023", 99.5))    // new for a stored entity
	values.Entities = []*virk.Entity{
		{ID: "ny-enhet", Name: "Ny enhet", Kind: virk.KindUnit, ParentID: "ny-forelder"},
		{ID: "ny-forelder", Name: "Ny forelder", Kind: virk.KindUnit, ParentID: "3203"},
	}
	values.Annotations = Annotations()

	again := Base()
	again.Annotations = append(Annotations(), &virk.Annotation{Kind: virk.AnnotationComment,
		IndicatorID: "lonn", EntityID: "ny-enhet", Text: "Ny merknad."})

	portfolio := PortfolioBase()
	moved := PortfolioBase()
	moved.Projects[0].Phase = virk.PhaseClosed
	moved.Projects[0].DependsOn = nil
	moved.Projects = append(moved.Projects, moved.Projects[0]) // twice, the same
	moved.Benefits[1].Text = "Bedre opplæring"
	moved.Observations = []virk.Observation{Obs("prosjekt_prognose", "skolehverdag", "2018", 131.5)}

	return []struct {
		name string
		cs   *virk.ChangeSet
	}{
		{"Base", Base()},
		{"Update", update()},
		{"Values", values},
		{"Again", again},
		{"Portfolio", portfolio},
		{"PortfolioChanged", moved},
		{"PortfolioAgain", moved},
		{"Empty", &virk.ChangeSet{}},
	}
}

// testImportDryRunSameAsReal checks that a dry run's counts, listed
// changes and earlier files are those of the real run that follows it,
// step after step, and that a dry run uses up no batch number.
func testImportDryRunSameAsReal(t *testing.T, open Opener) {
	s := open(t)
	var lastBatch int64
	for _, step := range dryRunSteps() {
		opts := virk.ApplyOptions{MaxChanges: 100, User: "kari"}
		dryOpts := opts
		dryOpts.DryRun = true
		dry, err := s.Apply(context.Background(), step.cs, dryOpts)
		if err != nil {
			t.Fatalf("%s: dry run: %v", step.name, err)
		}
		real := MustApply(t, s, step.cs, opts)
		sameResult(t, step.name, dry, real)
		if real.Batch != nil {
			// Batch numbers follow each other: the dry run before took
			// none, not even one it rolled back (PostgreSQL's sequences
			// do not roll back).
			if lastBatch != 0 && real.Batch.ID != lastBatch+1 {
				t.Errorf("%s: batch %d after batch %d: a dry run took a batch number", step.name, real.Batch.ID, lastBatch)
			}
			lastBatch = real.Batch.ID
		}
	}
}

// sameResult fails the test unless a dry run's result is the real run's,
// but for the batch the real run stored.
func sameResult(tb testing.TB, name string, dry, real *virk.ApplyResult) {
	tb.Helper()
	if dry.Batch != nil {
		tb.Errorf("%s: a dry run stored batch %d", name, dry.Batch.ID)
	}
	equal(tb, name+": summary", dry.Summary, real.Summary)
	var changes []virk.Change
	for i, c := range real.Changes {
		if real.Batch == nil || c.New.BatchID != real.Batch.ID {
			tb.Errorf("%s: change %d is of batch %d, not the real run's", name, i, c.New.BatchID)
		}
		c.New.BatchID = 0
		changes = append(changes, c)
	}
	equal(tb, name+": changes", dry.Changes, changes)
	equal(tb, name+": same files", dry.SameFiles, real.SameFiles)
}

// testEnergyDryRunSameAsReal is testImportDryRunSameAsReal for energy
// data: readings added, filled and corrected, records given twice, and a
// catalogue in the same change set whose new building the energy records
// refer to.
func testEnergyDryRunSameAsReal(t *testing.T, open Opener) {
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	fix := &virk.EnergyChangeSet{Readings: []*virk.ReadingBlock{hours("m2", 2019, time.March, func(i int) float64 {
		switch {
		case i == 5:
			return 19.5
		case i >= 700:
			return 1
		}
		return math.NaN()
	})}}
	twice := EnergyBase()
	twice.Files = nil
	twice.Stations = append(twice.Stations, &virk.Station{ID: "SN18700", Name: "Blindern"}, &virk.Station{ID: "SN4780", Name: "Gardermoen"})
	twice.Meters = append(twice.Meters, &virk.Meter{ID: "m1", BuildingID: "skole-a", Carrier: virk.CarrierElectricity, Note: "ny"},
		&virk.Meter{ID: "m1", BuildingID: "skole-a", Carrier: virk.CarrierElectricity, Note: "ny"})
	twice.Buildings = append(twice.Buildings, &virk.Building{EntityID: "skole-a", Station: "SN18700", OpenFrom: 8, OpenTo: 16})
	twice.Normals = append(twice.Normals, virk.Normal{Station: "SN18700", Period: "1991-2020", Month: 1, Day: 1, Mean: -3},
		virk.Normal{Station: "SN18700", Period: "1991-2020", Month: 1, Day: 2, Mean: -3})
	twice.Temperatures = append(twice.Temperatures,
		virk.Temperature{Station: "SN18700", Date: virk.Date{Year: 2019, Month: 3, Day: 1}, Mean: -2, Flag: "OK"},
		virk.Temperature{Station: "SN4780", Date: virk.Date{Year: 2019, Month: 3, Day: 1}, Mean: -5, Flag: "OK"})
	twice.Readings = []*virk.ReadingBlock{hours("m1", 2019, time.April, func(i int) float64 { return 2 })}
	catalogue := &virk.EnergyChangeSet{
		Catalogue: &virk.ChangeSet{
			Files:        []virk.File{{Name: "bygg.csv", SHA256: strings.Repeat("ef", 32)}},
			Indicators:   []*virk.Indicator{{ID: "energi.areal", LabelNB: "Areal", Unit: virk.Unit{Name: "m²"}, Rollup: virk.RollupSum}},
			Entities:     []*virk.Entity{{ID: "skole-b", Name: "B skole", Kind: virk.KindBuilding, ParentID: "oppvekst"}},
			Observations: []virk.Observation{Obs("energi.areal", "skole-b", "2019", 5400), Obs("sykefravaer", "3201", "2022", 9)},
		},
		Buildings: []*virk.Building{{EntityID: "skole-b", Station: "SN18700"}},
		Meters:    []*virk.Meter{{ID: "m3", BuildingID: "skole-b", Carrier: virk.CarrierElectricity, Main: true}},
		Readings:  []*virk.ReadingBlock{hours("m3", 2019, time.March, func(i int) float64 { return float64(i) })},
	}
	for _, step := range []struct {
		name string
		cs   *virk.EnergyChangeSet
	}{
		{"Base", EnergyBase()},
		{"Again", EnergyBase()},
		{"Fix", fix},
		{"Twice", twice},
		{"Catalogue", catalogue},
		{"CatalogueAgain", catalogue},
	} {
		opts := virk.ApplyOptions{MaxChanges: 100}
		dryOpts := opts
		dryOpts.DryRun = true
		before := comparable(energySnapshot(t, s))
		dry, err := s.ApplyEnergy(context.Background(), step.cs, dryOpts)
		if err != nil {
			t.Fatalf("%s: dry run: %v", step.name, err)
		}
		equal(t, step.name+": store after the dry run", comparable(energySnapshot(t, s)), before)
		sameResult(t, step.name, dry, mustApplyEnergy(t, s, step.cs, opts))
	}
}

// comparable returns the snapshot with the reading revisions written
// out, so that reflect.DeepEqual can compare it: it finds a stored NaN,
// an hour without a reading, unequal to itself.
func comparable(snapshot []any) []any {
	out := slices.Clone(snapshot)
	for i, v := range out {
		if revs, ok := v.([]*virk.ReadingRevision); ok {
			var text []string
			for _, r := range revs {
				text = append(text, fmt.Sprintf("%s %d-%d %s by %d, replaced at %v by %d: %s", r.MeterID, r.Year, r.Month,
					r.Step, r.BatchID, r.ReplacedAt, r.ReplacedByBatch, formatValues(r.Values)))
			}
			out[i] = text
		}
	}
	return out
}
