package report_test

import (
	"context"
	"slices"

	"github.com/virk-analyse/virk"
)

// fakeReader is a kpi.Reader over a few indicators and observations in
// memory, for tests that need no database: the faults of a report are
// found before any figure is read.
type fakeReader struct {
	inds []*virk.Indicator
	ents []*virk.Entity
	obs  []*virk.Observation
}

func newFakeReader() *fakeReader {
	r := &fakeReader{
		inds: []*virk.Indicator{
			{ID: "sykefravaer", LabelNB: "Totalt sykefravær", Unit: virk.Unit{Name: "%", Decimals: 1}, Direction: virk.Down,
				Targets: []virk.Target{{Kind: virk.TargetAbsolute, Value: 7}}},
			{ID: "arsverk", LabelNB: "Årsverk", Unit: virk.Unit{Name: "årsverk", Decimals: 1}, Rollup: virk.RollupSum},
		},
		ents: []*virk.Entity{
			{ID: "baerum", Name: "Bærum kommune", Kind: virk.KindMunicipality},
			{ID: "a", Name: "Enhet A", Kind: virk.KindUnit, ParentID: "baerum"},
			{ID: "b", Name: "Enhet B", Kind: virk.KindUnit, ParentID: "baerum"},
		},
	}
	for i, v := range []float64{7.6, 7.3, 7.2, 7.5, 7.3} {
		r.obs = append(r.obs, &virk.Observation{IndicatorID: "sykefravaer", EntityID: "baerum", Period: virk.YearPeriod(2014 + i), Value: v, Status: virk.StatusFinal})
	}
	for i, v := range []float64{10, 12.5} {
		r.obs = append(r.obs, &virk.Observation{IndicatorID: "arsverk", EntityID: "a", Period: virk.YearPeriod(2017 + i), Value: v, Status: virk.StatusFinal})
		r.obs = append(r.obs, &virk.Observation{IndicatorID: "arsverk", EntityID: "b", Period: virk.YearPeriod(2017 + i), Value: v * 2, Status: virk.StatusFinal})
	}
	return r
}

func (r *fakeReader) FindIndicatorByID(ctx context.Context, id string) (*virk.Indicator, error) {
	for _, ind := range r.inds {
		if ind.ID == id {
			return ind, nil
		}
	}
	return nil, virk.Errorf(virk.ENOTFOUND, "ukjent indikator")
}

func (r *fakeReader) FindIndicators(ctx context.Context, f virk.IndicatorFilter) ([]*virk.Indicator, int, error) {
	return r.inds, len(r.inds), nil
}

func (r *fakeReader) FindEntityByID(ctx context.Context, id string) (*virk.Entity, error) {
	for _, e := range r.ents {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, virk.Errorf(virk.ENOTFOUND, "ukjent enhet")
}

func (r *fakeReader) FindEntities(ctx context.Context, f virk.EntityFilter) ([]*virk.Entity, int, error) {
	return r.ents, len(r.ents), nil
}

func (r *fakeReader) FindObservations(ctx context.Context, f virk.ObservationFilter) ([]*virk.Observation, error) {
	var out []*virk.Observation
	for _, o := range r.obs {
		if (len(f.IndicatorIDs) == 0 || slices.Contains(f.IndicatorIDs, o.IndicatorID)) &&
			(len(f.EntityIDs) == 0 || slices.Contains(f.EntityIDs, o.EntityID)) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (r *fakeReader) FindRevisions(ctx context.Context, f virk.ObservationFilter) ([]*virk.Revision, error) {
	return nil, nil
}

func (r *fakeReader) FindAnnotations(ctx context.Context, f virk.AnnotationFilter) ([]*virk.Annotation, error) {
	return nil, nil
}
