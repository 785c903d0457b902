package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/store/storetest"
)

// MustOpenDB opens a new database file in a temporary directory and closes
// it when tb ends. A file, not ":memory:": each pooled connection would
// get its own empty in-memory database.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "virk.db"))
}

// mustOpenPath opens the database at path and closes it when tb ends.
func mustOpenPath(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	return storetest.MustOpen(tb, func(ctx context.Context) (*sqlite.DB, error) { return sqlite.Open(ctx, path) })
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) virk.Store { return MustOpenDB(t) })
}

func TestOpen(t *testing.T) {
	t.Run("OKReopen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "virk.db")
		db := mustOpenPath(t, path)
		storetest.MustApply(t, db, storetest.Base(), virk.ApplyOptions{})
		db.Close()
		db = mustOpenPath(t, path)
		inds, _, err := db.FindIndicators(context.Background(), virk.IndicatorFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(inds) != 5 {
			t.Errorf("got %d indicators after reopening, want 5", len(inds))
		}
	})
	t.Run("OKPragmas", func(t *testing.T) {
		db := MustOpenDB(t)
		for pragma, want := range map[string]string{
			"journal_mode": "wal", "foreign_keys": "1", "synchronous": "1", "busy_timeout": "10000",
		} {
			var got string
			if err := db.SQL().QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
			}
		}
	})
	t.Run("ErrDirectory", func(t *testing.T) {
		if _, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "no", "such", "dir.db")); err == nil {
			t.Fatal("Open succeeded in a missing directory")
		}
	})
}

// TestDB_Now checks that write transactions take their time from the
// swappable clock.
func TestDB_Now(t *testing.T) {
	db := MustOpenDB(t)
	at := time.Date(2025, 1, 2, 3, 4, 5, 6789, time.UTC)
	db.Now = func() time.Time { return at }
	res := storetest.MustApply(t, db, storetest.Base(), virk.ApplyOptions{})
	batches, err := db.FindBatches(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := at.Truncate(time.Microsecond)
	if !res.Batch.CreatedAt.Equal(want) || !batches[0].CreatedAt.Equal(want) {
		t.Errorf("CreatedAt = %v and %v, want %v", res.Batch.CreatedAt, batches[0].CreatedAt, want)
	}
}

// TestDB_ApplyLeavesFile checks that a dry run, a no-op and a failed
// import leave the database file byte for byte as it was.
func TestDB_ApplyLeavesFile(t *testing.T) {
	tests := []struct {
		name string
		cs   func() *virk.ChangeSet
		opts virk.ApplyOptions
	}{
		{"DryRun", big, virk.ApplyOptions{DryRun: true}},
		{"NoChanges", storetest.Base, virk.ApplyOptions{}},
		{"Invalid", func() *virk.ChangeSet {
			cs := big()
			cs.Observations[len(cs.Observations)-1].IndicatorID = "finnes_ikke"
			return cs
		}, virk.ApplyOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "virk.db")
			db := mustOpenPath(t, path)
			storetest.MustApply(t, db, storetest.Base(), virk.ApplyOptions{})
			db.Close()
			before := readFile(t, path)

			db = mustOpenPath(t, path)
			db.Apply(context.Background(), tt.cs(), tt.opts)
			db.Close()
			if !bytes.Equal(readFile(t, path), before) {
				t.Error("the database file changed")
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Error("a WAL file was left behind")
			}
		})
	}
}

// big returns Base plus about 100 000 new observations, enough that
// SQLite must spill pages from its cache before the transaction ends.
func big() *virk.ChangeSet {
	cs := storetest.Base()
	for y := 1500; y < 2000; y++ {
		for m := 1; m <= 12; m++ {
			for _, ent := range []string{"3201", "3203", "oppvekst", "skole-a"} {
				for _, ind := range []string{"kpi", "lonn", "sykefravaer", "netto_driftsresultat"} {
					o := storetest.Obs(ind, ent, "2000", float64(y*m))
					o.Period = virk.Period{Year: y, Freq: virk.Monthly, N: m}
					cs.Observations = append(cs.Observations, o)
				}
			}
		}
	}
	return cs
}

// readFile returns the contents of path.
func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	buf, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return buf
}

func TestFormatError(t *testing.T) {
	storetest.RunFormatError(t, MustOpenDB(t).SQL(), sqlite.FormatError)
}

// TestDB_ConcurrentImports runs the contract's two long imports on two
// stores opened on one file, as two processes would: the second waits
// for SQLite's write lock, not for the first store's queue.
func TestDB_ConcurrentImports(t *testing.T) {
	path := filepath.Join(t.TempDir(), "virk.db")
	storetest.RunConcurrentImports(t, mustOpenPath(t, path), mustOpenPath(t, path))
}

// TestDB_WaitPastBusyTimeout checks that an import waits for a write lock
// that another connection holds for longer than busy_timeout, telling
// Waiting as it does, and lands once the lock is released.
func TestDB_WaitPastBusyTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("holds the lock past the 10 s busy_timeout")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "virk.db")
	db := mustOpenPath(t, path)
	storetest.MustApply(t, db, storetest.Catalogue(), virk.ApplyOptions{})

	// Another process's import: a connection of another pool holding
	// the write lock.
	other := mustOpenPath(t, path)
	lock, err := other.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback()
	if _, err := lock.Exec(`INSERT INTO batch (username, created_at) VALUES ('other', '2025-01-01')`); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var waits []time.Duration
	var over bool
	db.Waiting = func(waited time.Duration, done bool) {
		mu.Lock()
		defer mu.Unlock()
		if done {
			over = true
			return
		}
		waits = append(waits, waited)
	}
	busy := make(chan struct{})
	var once sync.Once
	db.SetTestHook(func(point string) {
		if point == "busy" {
			once.Do(func() { close(busy) })
		}
	})
	done := make(chan error, 1)
	go func() {
		_, err := db.Apply(ctx, storetest.Base(), virk.ApplyOptions{})
		done <- err
	}()
	select {
	case <-busy:
	case err := <-done:
		t.Fatalf("the import ended (%v) while another connection held the lock", err)
	case <-time.After(time.Minute):
		t.Fatal("busy_timeout did not end the first wait")
	}
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the import after the lock was released: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the import did not go on once the lock was released")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(waits) < 10 || !over {
		t.Fatalf("Waiting heard %v and done %v; want a call a second through the 10 s busy_timeout, then done", waits, over)
	}
	for i := 1; i < len(waits); i++ {
		if waits[i] <= waits[i-1] {
			t.Fatalf("the waits %v do not climb", waits)
		}
	}
	if obs, err := db.FindObservations(ctx, virk.ObservationFilter{}); err != nil || len(obs) != len(storetest.Base().Observations) {
		t.Fatalf("after the wait: %d observations, %v", len(obs), err)
	}
}
