package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// update returns a change set against Base: one indicator and one entity
// changed, one entity added, one observation changed, one added, one
// unchanged, and one exact duplicate.
func update() *virk.ChangeSet {
	ind := Indicators()[1]
	ind.LabelEN = "Net operating result"
	ent := Entities()[3]
	ent.Codes = append(ent.Codes, virk.Code{Code: "0220", To: 2019})
	return &virk.ChangeSet{
		Files:      []virk.File{{Name: "update.csv", SHA256: strings.Repeat("cd", 32)}},
		Indicators: []*virk.Indicator{ind, Indicators()[0]},
		Entities:   []*virk.Entity{ent, {ID: "helse", Name: "Helse og omsorg", Kind: virk.KindUnit, ParentID: "3201"}},
		Observations: []virk.Observation{
			Obs("sykefravaer", "3201", "2023", 7.0),
			Obs("sykefravaer", "3201", "2022", 7.5),
			Obs("sykefravaer", "helse", "2023", 9.25),
			Obs("sykefravaer", "helse", "2023", 9.25),
		},
	}
}

// wantUpdate is what applying update after Base does.
func wantUpdate() virk.Summary {
	return virk.Summary{
		Indicators:   virk.Counts{Changed: 1, Unchanged: 1},
		Entities:     virk.Counts{Added: 1, Changed: 1},
		Observations: virk.Counts{Added: 1, Changed: 1, Unchanged: 1},
	}
}

// testImportApply checks what a valid change set does.
func testImportApply(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		res := MustApply(t, s, Base(), virk.ApplyOptions{User: "kari"})
		equal(t, "summary", res.Summary, virk.Summary{
			Indicators:   virk.Counts{Added: 5},
			Entities:     virk.Counts{Added: 4},
			Observations: virk.Counts{Added: 5},
		})
		if res.Batch == nil || res.Batch.ID == 0 {
			t.Fatalf("Batch = %+v, want a stored batch", res.Batch)
		}
		equal(t, "batch user", res.Batch.User, "kari")
		equal(t, "batch files", res.Batch.Files, Base().Files)
		equal(t, "same files", len(res.SameFiles), 0)
	})
	t.Run("OKUpdate", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		res := MustApply(t, s, update(), virk.ApplyOptions{MaxChanges: 10})
		equal(t, "summary", res.Summary, wantUpdate())
		if len(res.Changes) != 1 {
			t.Fatalf("got %d changes, want 1", len(res.Changes))
		}
		old, cur := Obs("sykefravaer", "3201", "2023", 7.25), Obs("sykefravaer", "3201", "2023", 7.0)
		old.BatchID, cur.BatchID = mustBatches(t, s)[1].ID, res.Batch.ID
		equal(t, "change", res.Changes[0], virk.Change{Old: old, New: cur})
		ind, err := s.FindIndicatorByID(ctx, "netto_driftsresultat")
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "label_en", ind.LabelEN, "Net operating result")
		ent, err := s.FindEntityByID(ctx, "helse")
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "parent", ent.ParentID, "3201")
	})
	t.Run("OKNoChanges", func(t *testing.T) {
		s := open(t)
		first := MustApply(t, s, Base(), virk.ApplyOptions{})
		res := MustApply(t, s, Base(), virk.ApplyOptions{User: "ola"})
		if res.Batch != nil {
			t.Errorf("Batch = %+v, want nil", res.Batch)
		}
		equal(t, "summary", res.Summary, virk.Summary{
			Indicators:   virk.Counts{Unchanged: 5},
			Entities:     virk.Counts{Unchanged: 4},
			Observations: virk.Counts{Unchanged: 5},
		})
		if len(res.SameFiles) != 1 || res.SameFiles[0].ID != first.Batch.ID {
			t.Fatalf("SameFiles = %+v, want batch %d", res.SameFiles, first.Batch.ID)
		}
		equal(t, "same file", res.SameFiles[0].Files, Base().Files)
		equal(t, "batches", len(mustBatches(t, s)), 1)
	})
	t.Run("OKEmpty", func(t *testing.T) {
		s := open(t)
		res := MustApply(t, s, &virk.ChangeSet{}, virk.ApplyOptions{})
		equal(t, "result", *res, virk.ApplyResult{})
		equal(t, "batches", len(mustBatches(t, s)), 0)
	})
	t.Run("OKDryRun", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		before := keys(mustObservations(t, s, virk.ObservationFilter{}))
		res := MustApply(t, s, update(), virk.ApplyOptions{DryRun: true, MaxChanges: 10})
		equal(t, "summary", res.Summary, wantUpdate())
		if res.Batch != nil {
			t.Errorf("Batch = %+v, want nil", res.Batch)
		}
		equal(t, "changes", len(res.Changes), 1)
		equal(t, "new batch", res.Changes[0].New.BatchID, int64(0))
		equal(t, "observations", keys(mustObservations(t, s, virk.ObservationFilter{})), before)
		equal(t, "batches", len(mustBatches(t, s)), 1)
		if _, err := s.FindEntityByID(ctx, "helse"); virk.ErrorCode(err) != virk.ENOTFOUND {
			t.Errorf("dry run stored entity helse (err %v)", err)
		}
		ind, err := s.FindIndicatorByID(ctx, "netto_driftsresultat")
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "label_en", ind.LabelEN, "")
		revs, err := s.FindRevisions(ctx, virk.ObservationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "revisions", len(revs), 0)
		// A real run does what the dry run said.
		equal(t, "real run", MustApply(t, s, update(), virk.ApplyOptions{}).Summary, wantUpdate())
	})
	t.Run("OKMaxChanges", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		cs := Base()
		for i := range cs.Observations {
			cs.Observations[i].Value += 1
		}
		for _, tt := range []struct{ max, want int }{{0, 0}, {2, 2}, {100, 5}} {
			res := MustApply(t, s, cs, virk.ApplyOptions{DryRun: true, MaxChanges: tt.max})
			equal(t, "changed", res.Summary.Observations.Changed, 5)
			equal(t, "listed", len(res.Changes), tt.want)
			for i, c := range res.Changes {
				equal(t, "change order", c.New, cs.Observations[i])
				equal(t, "old value", c.Old.Value, cs.Observations[i].Value-1)
			}
		}
	})
	t.Run("OKObservationsOnly", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		cs := Base()
		cs.Indicators, cs.Entities = nil, nil
		res := MustApply(t, s, cs, virk.ApplyOptions{})
		equal(t, "summary", res.Summary, virk.Summary{Observations: virk.Counts{Added: 5}})
		res = MustApply(t, s, cs, virk.ApplyOptions{})
		equal(t, "again", res.Summary, virk.Summary{Observations: virk.Counts{Unchanged: 5}})
	})
	t.Run("OKSourceChange", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		cs := Base()
		cs.Observations[0].Source = "ssb.json"
		res := MustApply(t, s, cs, virk.ApplyOptions{})
		equal(t, "counts", res.Summary.Observations, virk.Counts{Changed: 1, Unchanged: 4})
		obs := mustObservations(t, s, virk.ObservationFilter{EntityIDs: []string{"3201"}, IndicatorIDs: []string{"sykefravaer"}})
		equal(t, "source", obs[0].Source, "ssb.json")
	})
	t.Run("OKProgress", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		cs := Base()
		for y := 1000; y < 9000; y++ {
			cs.Observations = append(cs.Observations, Obs("kpi", "3201", virk.YearPeriod(y).String(), 1))
			cs.Observations = append(cs.Observations, Obs("kpi", "3203", virk.YearPeriod(y).String(), 1))
		}
		cs.Observations = append(cs.Observations, cs.Observations[0]) // an exact duplicate
		cs.Observations[1].Value = 1                                  // a change
		total := len(cs.Observations)
		var calls [][2]int
		opts := virk.ApplyOptions{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
		MustApply(t, s, cs, opts)
		if len(calls) < 2 || calls[len(calls)-1] != [2]int{total, total} {
			t.Fatalf("progress calls %v, want the last to be %d of %d", calls, total, total)
		}
		for i, c := range calls {
			if c[1] != total || c[0] > total || i > 0 && c[0] <= calls[i-1][0] {
				t.Fatalf("progress calls %v do not climb to %d", calls, total)
			}
		}
		calls = nil
		MustApply(t, s, cs, opts)
		equal(t, "calls when nothing changes", calls, [][2]int{{total, total}})
	})
}
