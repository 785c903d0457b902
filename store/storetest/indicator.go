package storetest

import (
	"context"
	"testing"

	"github.com/virk-analyse/virk"
)

// testIndicatorFindIndicatorByID checks that every indicator field
// survives a round trip.
func testIndicatorFindIndicatorByID(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		for _, want := range Indicators() {
			got, err := s.FindIndicatorByID(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			equal(t, want.ID, got, want)
		}
	})
	t.Run("OKChanged", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		ind := Indicators()[0]
		ind.Targets = ind.Targets[1:]
		ind.Kostra = &virk.KostraRef{Table: "12367"}
		ind.Direction = virk.Neutral
		res := MustApply(t, s, &virk.ChangeSet{Indicators: []*virk.Indicator{ind}}, virk.ApplyOptions{})
		equal(t, "counts", res.Summary.Indicators, virk.Counts{Changed: 1})
		got, err := s.FindIndicatorByID(ctx, ind.ID)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "indicator", got, ind)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		_, err := s.FindIndicatorByID(ctx, "finnes_ikke")
		wantCode(t, err, virk.ENOTFOUND)
	})
}

// testIndicatorFindIndicators checks the filters and the order by
// category and id.
func testIndicatorFindIndicators(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Catalogue(), virk.ApplyOptions{})
	str := func(s string) *string { return &s }
	tests := []struct {
		name   string
		filter virk.IndicatorFilter
		want   []string
	}{
		{"OKAll", virk.IndicatorFilter{}, []string{"sykefravaer", "kpi", "lonn", "lonnsandel", "netto_driftsresultat"}},
		{"OKByID", virk.IndicatorFilter{ID: str("lonn")}, []string{"lonn"}},
		{"OKByIDs", virk.IndicatorFilter{IDs: []string{"lonn", "sykefravaer", "ukjent"}}, []string{"sykefravaer", "lonn"}},
		{"OKByCategory", virk.IndicatorFilter{Category: str("Økonomi")}, []string{"kpi", "lonn", "lonnsandel", "netto_driftsresultat"}},
		{"OKNoMatch", virk.IndicatorFilter{Category: str("Miljø")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inds, n, err := s.FindIndicators(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, ind := range inds {
				ids = append(ids, ind.ID)
			}
			equal(t, "ids", ids, tt.want)
			equal(t, "total", n, len(tt.want))
		})
	}
	t.Run("OKTargets", func(t *testing.T) {
		inds, _, err := s.FindIndicators(ctx, virk.IndicatorFilter{IDs: []string{"sykefravaer", "kpi"}})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "targets", inds[0].Targets, Indicators()[0].Targets)
		equal(t, "no targets", len(inds[1].Targets), 0)
	})
}
