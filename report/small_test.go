package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlite"
)

// smallStore returns a real SQLite store with a few indicators and
// observations, for tests that need little data: sick leave for Bærum
// 2014–2018 with its 7 % target, and the FTE of two units in 2017–2018.
func smallStore(tb testing.TB) virk.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "small.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	cs := &virk.ChangeSet{
		Files: []virk.File{{Name: "small", SHA256: "small"}},
		Indicators: []*virk.Indicator{
			{ID: "sykefravaer", LabelNB: "Totalt sykefravær", Unit: virk.Unit{Name: "%", Decimals: 1}, Direction: virk.Down,
				Targets: []virk.Target{{Kind: virk.TargetAbsolute, Value: 7}}},
			{ID: "arsverk", LabelNB: "Årsverk", Unit: virk.Unit{Name: "årsverk", Decimals: 1}, Rollup: virk.RollupSum},
		},
		Entities: []*virk.Entity{
			{ID: "baerum", Name: "Bærum kommune", Kind: virk.KindMunicipality},
			{ID: "a", Name: "Enhet A", Kind: virk.KindUnit, ParentID: "baerum"},
			{ID: "b", Name: "Enhet B", Kind: virk.KindUnit, ParentID: "baerum"},
		},
	}
	for i, v := range []float64{7.6, 7.3, 7.2, 7.5, 7.3} {
		cs.Observations = append(cs.Observations, virk.Observation{IndicatorID: "sykefravaer", EntityID: "baerum", Period: virk.YearPeriod(2014 + i), Value: v, Status: virk.StatusFinal})
	}
	for i, v := range []float64{10, 12.5} {
		cs.Observations = append(cs.Observations,
			virk.Observation{IndicatorID: "arsverk", EntityID: "a", Period: virk.YearPeriod(2017 + i), Value: v, Status: virk.StatusFinal},
			virk.Observation{IndicatorID: "arsverk", EntityID: "b", Period: virk.YearPeriod(2017 + i), Value: v * 2, Status: virk.StatusFinal})
	}
	if _, err := st.Apply(ctx, cs, virk.ApplyOptions{User: "test"}); err != nil {
		tb.Fatal(err)
	}
	return st
}
