package storetest

import (
	"context"
	"testing"

	"github.com/virk-analyse/virk"
)

// testObservationFindObservations checks round trips, the order, the
// filters and period ranges.
func testObservationFindObservations(t *testing.T, open Opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		res := MustApply(t, s, Base(), virk.ApplyOptions{})
		obs := mustObservations(t, s, virk.ObservationFilter{})
		equal(t, "observations", keys(obs), []string{
			"netto_driftsresultat/3201/2023=1.5 final",
			"sykefravaer/3201/2022=7.5 final",
			"sykefravaer/3201/2023=7.25 final",
			"sykefravaer/3203/2023=6.75 final",
			"sykefravaer/skole-a/2023Q1=8.5 final",
		})
		want := Obs("netto_driftsresultat", "3201", "2023", 1.5)
		want.BatchID = res.Batch.ID
		equal(t, "first", *obs[0], want)
	})
	t.Run("OKStatusWithoutValue", func(t *testing.T) {
		s := open(t)
		cs := Catalogue()
		for i, st := range []virk.Status{virk.StatusSuppressed, virk.StatusNotApplicable, virk.StatusMissing, virk.StatusPreliminary} {
			o := Obs("kpi", "3201", "2020M0"+string(rune('1'+i)), 99.5)
			o.Status, o.Source = st, ""
			cs.Observations = append(cs.Observations, o)
		}
		MustApply(t, s, cs, virk.ApplyOptions{})
		obs := mustObservations(t, s, virk.ObservationFilter{})
		equal(t, "observations", keys(obs), []string{
			"kpi/3201/2020M01=0 suppressed",
			"kpi/3201/2020M02=0 not_applicable",
			"kpi/3201/2020M03=0 missing",
			"kpi/3201/2020M04=99.5 preliminary",
		})
		equal(t, "source", obs[0].Source, "")
		// The value a status without one was given does not count.
		cs.Observations[0].Value = 1
		res := MustApply(t, s, cs, virk.ApplyOptions{})
		equal(t, "counts", res.Summary.Observations, virk.Counts{Unchanged: 4})
	})
	t.Run("OKEmpty", func(t *testing.T) {
		s := open(t)
		equal(t, "observations", len(mustObservations(t, s, virk.ObservationFilter{})), 0)
	})

	s := open(t)
	cs := Catalogue()
	for y := 2015; y <= 2020; y++ {
		cs.Observations = append(cs.Observations, Obs("kpi", "3201", virk.YearPeriod(y).String(), float64(y-2000)))
		for q := 1; q <= 4; q++ {
			p := virk.Period{Year: y, Freq: virk.Quarterly, N: q}
			cs.Observations = append(cs.Observations, Obs("sykefravaer", "3203", p.String(), float64(q)))
		}
	}
	cs.Observations = append(cs.Observations, Obs("lonn", "oppvekst", "2018M11", 1), Obs("lonn", "oppvekst", "2018M12", 2),
		Obs("lonn", "oppvekst", "2019M01", 3), Obs("lonn", "oppvekst", "2019M02", 4))
	MustApply(t, s, cs, virk.ApplyOptions{})
	period := func(s string) *virk.Period { p := virk.MustParsePeriod(s); return &p }
	tests := []struct {
		name   string
		filter virk.ObservationFilter
		want   []string
	}{
		{"OKByIndicator", virk.ObservationFilter{IndicatorIDs: []string{"lonn"}}, []string{
			"lonn/oppvekst/2018M11=1 final", "lonn/oppvekst/2018M12=2 final",
			"lonn/oppvekst/2019M01=3 final", "lonn/oppvekst/2019M02=4 final"}},
		{"OKByEntity", virk.ObservationFilter{EntityIDs: []string{"3201"}, From: period("2019")}, []string{
			"kpi/3201/2019=19 final", "kpi/3201/2020=20 final"}},
		{"OKYearRange", virk.ObservationFilter{IndicatorIDs: []string{"kpi"}, From: period("2016"), To: period("2018")}, []string{
			"kpi/3201/2016=16 final", "kpi/3201/2017=17 final", "kpi/3201/2018=18 final"}},
		{"OKQuarterRange", virk.ObservationFilter{IndicatorIDs: []string{"sykefravaer"}, From: period("2017Q4"), To: period("2018Q2")}, []string{
			"sykefravaer/3203/2017Q4=4 final", "sykefravaer/3203/2018Q1=1 final", "sykefravaer/3203/2018Q2=2 final"}},
		{"OKMonthRangeAcrossYears", virk.ObservationFilter{IndicatorIDs: []string{"lonn"}, To: period("2019-01"), From: period("2018M12")}, []string{
			"lonn/oppvekst/2018M12=2 final", "lonn/oppvekst/2019M01=3 final"}},
		{"OKMixedFrequencies", virk.ObservationFilter{EntityIDs: []string{"3201", "3203"}, From: period("2020"), To: period("2020Q2")}, []string{
			"kpi/3201/2020=20 final", "sykefravaer/3203/2020Q1=1 final", "sykefravaer/3203/2020Q2=2 final"}},
		{"OKBothFilters", virk.ObservationFilter{IndicatorIDs: []string{"kpi", "lonn"}, EntityIDs: []string{"oppvekst"}}, []string{
			"lonn/oppvekst/2018M11=1 final", "lonn/oppvekst/2018M12=2 final",
			"lonn/oppvekst/2019M01=3 final", "lonn/oppvekst/2019M02=4 final"}},
		{"OKNoMatch", virk.ObservationFilter{IndicatorIDs: []string{"kpi"}, EntityIDs: []string{"3203"}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			equal(t, "observations", keys(mustObservations(t, s, tt.filter)), tt.want)
		})
	}
}

// testObservationFindRevisions checks that a changed observation keeps
// its earlier versions, newest first.
func testObservationFindRevisions(t *testing.T, open Opener) {
	ctx := context.Background()
	change := func(value float64) *virk.ChangeSet {
		return &virk.ChangeSet{Observations: []virk.Observation{Obs("sykefravaer", "3201", "2023", value)}}
	}
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		b1 := MustApply(t, s, Base(), virk.ApplyOptions{}).Batch.ID
		b2 := MustApply(t, s, change(7.0), virk.ApplyOptions{}).Batch.ID
		r3 := MustApply(t, s, change(6.5), virk.ApplyOptions{User: "ola"})
		revs, err := s.FindRevisions(ctx, virk.ObservationFilter{IndicatorIDs: []string{"sykefravaer"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 2 {
			t.Fatalf("got %d revisions, want 2", len(revs))
		}
		want0, want1 := Obs("sykefravaer", "3201", "2023", 7.0), Obs("sykefravaer", "3201", "2023", 7.25)
		want0.BatchID, want1.BatchID = b2, b1
		equal(t, "newest", revs[0].Observation, want0)
		equal(t, "newest replaced by", revs[0].ReplacedByBatch, r3.Batch.ID)
		equal(t, "oldest", revs[1].Observation, want1)
		equal(t, "oldest replaced by", revs[1].ReplacedByBatch, b2)
		if !revs[0].ReplacedAt.Equal(r3.Batch.CreatedAt) {
			t.Errorf("ReplacedAt = %v, want %v", revs[0].ReplacedAt, r3.Batch.CreatedAt)
		}
		obs := mustObservations(t, s, virk.ObservationFilter{EntityIDs: []string{"3201"}, IndicatorIDs: []string{"sykefravaer"}})
		equal(t, "current", keys(obs), []string{"sykefravaer/3201/2022=7.5 final", "sykefravaer/3201/2023=6.5 final"})
		equal(t, "current batch", obs[1].BatchID, r3.Batch.ID)
	})
	t.Run("OKStatusChange", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		cs := change(0)
		cs.Observations[0].Status = virk.StatusSuppressed
		MustApply(t, s, cs, virk.ApplyOptions{})
		revs, err := s.FindRevisions(ctx, virk.ObservationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "revisions", len(revs), 1)
		equal(t, "old value", revs[0].Value, 7.25)
		obs := mustObservations(t, s, virk.ObservationFilter{EntityIDs: []string{"3201"}, IndicatorIDs: []string{"sykefravaer"}})
		equal(t, "current", keys(obs), []string{"sykefravaer/3201/2022=7.5 final", "sykefravaer/3201/2023=0 suppressed"})
	})
	t.Run("OKFilter", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		MustApply(t, s, change(7.0), virk.ApplyOptions{})
		for _, tt := range []struct {
			filter virk.ObservationFilter
			want   int
		}{
			{virk.ObservationFilter{EntityIDs: []string{"3203"}}, 0},
			{virk.ObservationFilter{EntityIDs: []string{"3201"}}, 1},
			{virk.ObservationFilter{IndicatorIDs: []string{"netto_driftsresultat"}}, 0},
		} {
			revs, err := s.FindRevisions(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			equal(t, "revisions", len(revs), tt.want)
		}
	})
	t.Run("OKNoneWhenUnchanged", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Base(), virk.ApplyOptions{})
		MustApply(t, s, change(7.25), virk.ApplyOptions{})
		revs, err := s.FindRevisions(ctx, virk.ObservationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "revisions", len(revs), 0)
	})
}
