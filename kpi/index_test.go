package kpi_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// memReader is a Reader over slices, with the filters a store applies.
type memReader struct {
	inds  []*virk.Indicator
	ents  []*virk.Entity
	obs   []*virk.Observation
	anns  []*virk.Annotation
	reads int // FindObservations calls
}

func (m *memReader) FindIndicatorByID(ctx context.Context, id string) (*virk.Indicator, error) {
	for _, ind := range m.inds {
		if ind.ID == id {
			return ind, nil
		}
	}
	return nil, virk.Errorf(virk.ENOTFOUND, "no %s", id)
}

func (m *memReader) FindIndicators(ctx context.Context, f virk.IndicatorFilter) ([]*virk.Indicator, int, error) {
	return m.inds, len(m.inds), nil
}

func (m *memReader) FindEntityByID(ctx context.Context, id string) (*virk.Entity, error) {
	for _, e := range m.ents {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, virk.Errorf(virk.ENOTFOUND, "no %s", id)
}

func (m *memReader) FindEntities(ctx context.Context, f virk.EntityFilter) ([]*virk.Entity, int, error) {
	return m.ents, len(m.ents), nil
}

func (m *memReader) FindObservations(ctx context.Context, f virk.ObservationFilter) ([]*virk.Observation, error) {
	m.reads++
	var out []*virk.Observation
	for _, o := range m.obs {
		if (len(f.IndicatorIDs) == 0 || slices.Contains(f.IndicatorIDs, o.IndicatorID)) &&
			(len(f.EntityIDs) == 0 || slices.Contains(f.EntityIDs, o.EntityID)) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (m *memReader) FindRevisions(ctx context.Context, f virk.ObservationFilter) ([]*virk.Revision, error) {
	return nil, nil
}

func (m *memReader) FindAnnotations(ctx context.Context, f virk.AnnotationFilter) ([]*virk.Annotation, error) {
	return m.anns, nil
}

// indexData is a small tree with stored, summed and derived indicators,
// an indicator without values and one that only a municipality has.
func indexData() *memReader {
	m := &memReader{
		ents: []*virk.Entity{
			{ID: "r", Name: "Root", Kind: virk.KindMunicipality},
			{ID: "a", Name: "A", Kind: virk.KindUnit, ParentID: "r"},
			{ID: "a1", Name: "A1", Kind: virk.KindUnit, ParentID: "a"},
			{ID: "a2", Name: "A2", Kind: virk.KindUnit, ParentID: "a"},
			{ID: "b", Name: "B", Kind: virk.KindUnit, ParentID: "r"},
			{ID: "m", Name: "M", Kind: virk.KindMunicipality},
		},
	}
	add := func(ind, ent string, year int, v float64, st virk.Status) {
		m.obs = append(m.obs, &virk.Observation{IndicatorID: ind, EntityID: ent, Period: virk.YearPeriod(year), Value: v, Status: st})
	}
	for i := range 40 {
		id := fmt.Sprintf("x%02d", i)
		ind := &virk.Indicator{ID: id, LabelNB: id, Unit: virk.Unit{Name: "antall"}}
		switch i % 5 {
		case 0: // sums: values on the leaves only, so a and r are sums
			ind.Rollup = virk.RollupSum
			for _, e := range []string{"a1", "a2", "b"} {
				add(id, e, 2020, float64(i+1), virk.StatusFinal)
				add(id, e, 2021, float64(i+2), virk.StatusFinal)
			}
		case 1: // stored on some entities
			add(id, "r", 2021, 1, virk.StatusFinal)
			add(id, "a2", 2021, 2, virk.StatusPreliminary)
		case 2: // only the municipality outside the tree
			add(id, "m", 2020, 3, virk.StatusFinal)
		case 3: // no values at all, or only missing ones
			if i%2 == 0 {
				add(id, "b", 2020, 0, virk.StatusMissing)
			}
		case 4: // derived from the sum and the one before
			ind.Formula = fmt.Sprintf("x%02d / x%02d", i-4, i-3)
		}
		m.inds = append(m.inds, ind)
	}
	// A sum with a unit's value missing in one year: r's sum is
	// incomplete then.
	m.inds = append(m.inds, &virk.Indicator{ID: "y", LabelNB: "y", Rollup: virk.RollupSum})
	add("y", "a1", 2020, 1, virk.StatusFinal)
	add("y", "b", 2020, 1, virk.StatusFinal)
	add("y", "b", 2021, 1, virk.StatusFinal)
	return m
}

// TestIndex_Page checks that the index counts the rows Build makes, and
// that every page of them is what Build makes, for a tree and for every
// entity.
func TestIndex_Page(t *testing.T) {
	ctx := context.Background()
	m := indexData()
	for _, tc := range []struct {
		name string
		ents []string
	}{{"tree", []string{"r", "a", "a1", "a2", "b"}}, {"all", nil}, {"unit", []string{"a"}}, {"leaf", []string{"a2"}}} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := kpi.Load(ctx, m, kpi.Query{EntityIDs: tc.ents})
			if err != nil {
				t.Fatal(err)
			}
			want, err := kpi.Build(l.Cube, l.Indicators, l.Entities, l.Annotations, kpi.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Rows) == 0 {
				t.Fatal("Build makes no rows: the case tests nothing")
			}
			x := kpi.NewIndex(m.inds, m.ents)
			var ids []string
			for _, e := range l.Entities {
				ids = append(ids, e.ID)
			}
			if err := x.Ensure(ctx, m, ids); err != nil {
				t.Fatal(err)
			}
			if n := x.Count(l.Indicators, l.Entities); n != len(want.Rows) {
				t.Fatalf("Count = %d, Build makes %d rows", n, len(want.Rows))
			}
			reads := m.reads
			if err := x.Ensure(ctx, m, ids); err != nil || m.reads != reads {
				t.Errorf("a second Ensure read the store again (err %v)", err)
			}
			for _, size := range []int{1, 3, 7, 250} {
				for from := 0; from < len(want.Rows); from += size {
					got, err := x.Page(ctx, m, l.Indicators, l.Entities, from, from+size)
					if err != nil {
						t.Fatal(err)
					}
					wantPage := want.Rows[from:min(from+size, len(want.Rows))]
					if len(got) != len(wantPage) {
						t.Fatalf("page %d+%d: %d rows, want %d", from, size, len(got), len(wantPage))
					}
					for i := range got {
						g, w := got[i], wantPage[i]
						if g.Indicator != w.Indicator || g.Entity != w.Entity || len(g.Values) != len(w.Values) {
							t.Fatalf("page %d+%d row %d: %s/%s (%d values), want %s/%s (%d)",
								from, size, i, g.Indicator, g.Entity, len(g.Values), w.Indicator, w.Entity, len(w.Values))
						}
					}
				}
			}
		})
	}
}
