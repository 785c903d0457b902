package kpi_test

import (
	"context"
	"slices"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// filterLog is a memReader that keeps the filters it was asked for.
type filterLog struct {
	*memReader
	filters []virk.ObservationFilter
}

func (f *filterLog) FindObservations(ctx context.Context, filter virk.ObservationFilter) ([]*virk.Observation, error) {
	f.filters = append(f.filters, filter)
	return f.memReader.FindObservations(ctx, filter)
}

// TestLoad_UnitsOnlyForSums checks that Load reads the units below the
// selected entities only for the indicators that sum them, and that the
// rows are what a read of everything gives.
func TestLoad_UnitsOnlyForSums(t *testing.T) {
	ctx := context.Background()
	m := indexData()
	// x00 sums, x01 is stored, x04 is x00 / x01.
	r := &filterLog{memReader: m}
	q := kpi.Query{IndicatorIDs: []string{"x00", "x01", "x04"}, EntityIDs: []string{"r"}}
	l, err := kpi.Load(ctx, r, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.filters {
		summed := slices.Contains(f.IndicatorIDs, "x00")
		if want := []string{"r", "a", "a1", "a2", "b"}; summed && !slices.Equal(f.EntityIDs, want) {
			t.Errorf("the sum read %v, want %v", f.EntityIDs, want)
		}
		if !summed && !slices.Equal(f.EntityIDs, []string{"r"}) {
			t.Errorf("%v read for %v, want [r]", f.IndicatorIDs, f.EntityIDs)
		}
	}
	all, err := kpi.Load(ctx, m, kpi.Query{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := kpi.Build(l.Cube, l.Indicators, l.Entities, nil, kpi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := kpi.Build(all.Cube, l.Indicators, l.Entities, nil, kpi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != len(want.Rows) || len(got.Rows) < 3 {
		t.Fatalf("%d rows, want %d (at least 3)", len(got.Rows), len(want.Rows))
	}
	for i := range got.Rows {
		g, w := got.Rows[i], want.Rows[i]
		if g.Indicator != w.Indicator || g.Entity != w.Entity || len(g.Values) != len(w.Values) {
			t.Errorf("row %d: %s/%s (%d values), want %s/%s (%d)", i, g.Indicator, g.Entity, len(g.Values), w.Indicator, w.Entity, len(w.Values))
		}
		for j := range g.Values {
			if j < len(w.Values) && (g.Values[j].Value == nil) != (w.Values[j].Value == nil) ||
				g.Values[j].Value != nil && *g.Values[j].Value != *w.Values[j].Value {
				t.Errorf("row %d, %s: value differs", i, g.Values[j].Period)
			}
		}
	}
}
