package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/storetest"
)

// benchChangeSet returns a change set of nEnt municipalities × nInd
// indicators × nYear years, ordered by indicator, entity and year as
// KOSTRA files are.
func benchChangeSet(nEnt, nInd, nYear int) *virk.ChangeSet {
	cs := &virk.ChangeSet{Files: []virk.File{{Name: "bench.csv", SHA256: "00"}}}
	for i := range nInd {
		cs.Indicators = append(cs.Indicators, &virk.Indicator{ID: fmt.Sprintf("ind%04d", i),
			LabelNB: fmt.Sprintf("Indikator %d", i), Category: "Økonomi", Source: "SSB KOSTRA"})
	}
	for e := range nEnt {
		cs.Entities = append(cs.Entities, &virk.Entity{ID: fmt.Sprintf("%04d", 3000+e),
			Name: fmt.Sprintf("Kommune %d", e), Kind: virk.KindMunicipality})
	}
	cs.Observations = make([]virk.Observation, 0, nEnt*nInd*nYear)
	for _, ind := range cs.Indicators {
		for _, ent := range cs.Entities {
			for y := range nYear {
				o := virk.Observation{IndicatorID: ind.ID, EntityID: ent.ID, Period: virk.YearPeriod(2015 + y),
					Value: float64(y*1000+len(ent.ID)) / 8, Status: virk.StatusFinal, Source: "SSB KOSTRA"}
				if y == 0 {
					o.Status, o.Value = virk.StatusMissing, 0
				}
				cs.Observations = append(cs.Observations, o)
			}
		}
	}
	return cs
}

// BenchmarkApply imports 200 000 observations (200 entities × 100
// indicators × 10 years) into an empty database in one Apply.
func BenchmarkApply(b *testing.B) {
	cs := benchChangeSet(200, 100, 10)
	ctx := context.Background()
	var elapsed time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db := mustOpenPath(b, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		b.StartTimer()
		start := time.Now()
		if _, err := db.Apply(ctx, cs, virk.ApplyOptions{}); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(cs.Observations)*b.N)/elapsed.Seconds(), "obs/s")
}

// BenchmarkApplyNoChanges re-imports the same 200 000 observations, which
// reads and compares them all and writes nothing.
func BenchmarkApplyNoChanges(b *testing.B) {
	cs := benchChangeSet(200, 100, 10)
	db := MustOpenDB(b)
	storetest.MustApply(b, db, cs, virk.ApplyOptions{})
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.Apply(ctx, cs, virk.ApplyOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(cs.Observations)*b.N)/b.Elapsed().Seconds(), "obs/s")
}

// BenchmarkFindObservations reads one entity's 10 000 observations out of
// 400 000.
func BenchmarkFindObservations(b *testing.B) {
	db := MustOpenDB(b)
	storetest.MustApply(b, db, benchChangeSet(40, 1000, 10), virk.ApplyOptions{})
	ctx := context.Background()
	filter := virk.ObservationFilter{EntityIDs: []string{"3017"}}
	for b.Loop() {
		obs, err := db.FindObservations(ctx, filter)
		if err != nil {
			b.Fatal(err)
		}
		if len(obs) != 10000 {
			b.Fatalf("got %d observations, want 10000", len(obs))
		}
	}
}

// BenchmarkFindObservationsByIndicator reads one indicator for every
// entity, which the primary key does not lead with.
func BenchmarkFindObservationsByIndicator(b *testing.B) {
	db := MustOpenDB(b)
	storetest.MustApply(b, db, benchChangeSet(356, 200, 10), virk.ApplyOptions{})
	ctx := context.Background()
	filter := virk.ObservationFilter{IndicatorIDs: []string{"ind0042"}}
	for b.Loop() {
		obs, err := db.FindObservations(ctx, filter)
		if err != nil {
			b.Fatal(err)
		}
		if len(obs) != 3560 {
			b.Fatalf("got %d observations, want 3560", len(obs))
		}
	}
}
