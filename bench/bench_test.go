// Package bench_test times the import and the scorecard in-process, on the
// national-scale dataset that bench/run.sh generates and imports. Without
// that dataset every benchmark here skips, so "go test ./..." stays fast.
//
// bench/run.sh runs them; by hand, after the script has run once:
//
//	go test ./bench -run '^$' -bench Scorecard -benchtime 200x
//	go test ./bench -run '^$' -bench Import -benchtime 1x -cpuprofile bench/out/import.prof
//
// VIRK_BENCH_DIR names another data directory (default bench/out).
package bench_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/store/sqlite"
)

// dataDir returns the directory bench/run.sh writes to, and skips b when
// the files named are not there.
func dataDir(b *testing.B, names ...string) string {
	b.Helper()
	dir := os.Getenv("VIRK_BENCH_DIR")
	if dir == "" {
		dir = "out" // tests run in the package directory, bench/
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			b.Skipf("no %s in %s: run bench/run.sh first", n, dir)
		}
	}
	return dir
}

// openStore opens the database that the timed imports left behind.
func openStore(b *testing.B) (*sqlite.DB, string) {
	b.Helper()
	dir := dataDir(b, "virk.db", "scorecard-entity.txt")
	ent, err := os.ReadFile(filepath.Join(dir, "scorecard-entity.txt"))
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "virk.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, strings.TrimSpace(string(ent))
}

// scorecard builds the scorecard the way "virk kpi --entity ID" does.
func scorecard(ctx context.Context, b *testing.B, db *sqlite.DB, entity string) *kpi.Scorecard {
	l, err := kpi.Load(ctx, db, kpi.Query{EntityIDs: []string{entity}})
	if err != nil {
		b.Fatal(err)
	}
	sc, err := kpi.Build(l.Cube, l.Indicators, l.Entities, l.Annotations, kpi.Options{TrendYears: 3})
	if err != nil {
		b.Fatal(err)
	}
	return sc
}

// BenchmarkScorecard loads and computes one municipality's full scorecard
// (every indicator, with its units) from the national database.
func BenchmarkScorecard(b *testing.B) {
	db, entity := openStore(b)
	ctx := context.Background()
	var rows int
	for b.Loop() {
		rows = len(scorecard(ctx, b, db, entity).Rows)
	}
	b.ReportMetric(float64(rows), "rows")
}

// BenchmarkScorecardJSON adds the JSON encoding of "virk kpi --format
// json", written to nowhere.
func BenchmarkScorecardJSON(b *testing.B) {
	db, entity := openStore(b)
	ctx := context.Background()
	for b.Loop() {
		enc := json.NewEncoder(io.Discard)
		enc.SetIndent("", "  ")
		if err := enc.Encode(scorecard(ctx, b, db, entity)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport imports catalogue.json and data.csv into a new database
// as "virk import" does, so that a CPU profile shows where the import's
// time goes. It reports the reading and parsing (parse-s) and the store's
// Apply (apply-s) apart.
func BenchmarkImport(b *testing.B) {
	dir := dataDir(b, "catalogue.json", "data.csv")
	ctx := context.Background()
	var parse, apply time.Duration
	var n int
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "virk.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		cs := changeSet(ctx, b, db, dir)
		mid := time.Now()
		if _, err := db.Apply(ctx, cs, virk.ApplyOptions{User: "bench", MaxChanges: 20}); err != nil {
			b.Fatal(err)
		}
		parse, apply = parse+mid.Sub(start), apply+time.Since(mid)
		n = cs.ObservationCount()
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(parse.Seconds()/float64(b.N), "parse-s")
	b.ReportMetric(apply.Seconds()/float64(b.N), "apply-s")
	b.ReportMetric(float64(n*b.N)/(parse+apply).Seconds(), "obs/s")
}

// changeSet reads the files and turns them into a change set against the
// stored catalogue, as cmd/virk's import does: the files read as they are
// needed, the observations compact.
func changeSet(ctx context.Context, b *testing.B, db *sqlite.DB, dir string) *virk.ChangeSet {
	inds, _, err := db.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		b.Fatal(err)
	}
	ents, _, err := db.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		b.Fatal(err)
	}
	im := &ingest.Importer{Catalogue: ingest.NewCatalogue(inds, ents), JSONStat: ingest.JSONStat, Compact: true}
	for _, name := range []string{"catalogue.json", "data.csv"} {
		path := filepath.Join(dir, name)
		if err := im.AddFile(name, func() (io.ReadCloser, error) { return os.Open(path) }); err != nil {
			b.Fatal(err)
		}
	}
	cs, err := im.ChangeSet()
	if err != nil {
		b.Fatal(err)
	}
	return cs
}
