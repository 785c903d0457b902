package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// TestHooker is implemented by stores that let a test act at named points
// of their transactions, as sqlstore.DB.SetTestHook describes: "commit",
// inside an import's transaction just before it commits, and "waiting",
// while a write transaction waits for another writer. The tests of
// concurrent writers skip a store without it.
type TestHooker interface {
	SetTestHook(fn func(point string))
}

// holder holds the first import that reaches its commit open until the
// test releases it, and tells when a transaction is waiting for its turn.
// It orders concurrent transactions without sleeping: a test waits on its
// channels, and a timeout only turns a hang into a failure.
type holder struct {
	held    chan struct{} // closed once the first import is held at its commit
	release chan struct{} // closed to let it commit
	waiting chan struct{} // closed once a write transaction has waited for its turn
	holding atomic.Bool
	waited  sync.Once
	freed   sync.Once
}

// hold sets the hook on every store, which may be one store or several on
// one database, and removes it, releasing any held import, when tb ends.
func hold(tb testing.TB, stores ...virk.Store) *holder {
	tb.Helper()
	h := &holder{held: make(chan struct{}), release: make(chan struct{}), waiting: make(chan struct{})}
	fn := func(point string) {
		switch point {
		case "commit":
			if h.holding.CompareAndSwap(false, true) {
				close(h.held)
				<-h.release
			}
		case "waiting":
			h.waited.Do(func() { close(h.waiting) })
		}
	}
	var hookers []TestHooker
	for _, s := range stores {
		hk, ok := s.(TestHooker)
		if !ok {
			tb.Skipf("%T lets no test hold its transactions open", s)
		}
		hookers = append(hookers, hk)
	}
	for _, hk := range hookers {
		hk.SetTestHook(fn)
	}
	tb.Cleanup(func() {
		h.free()
		for _, hk := range hookers {
			hk.SetTestHook(nil)
		}
	})
	return h
}

// free lets the held import commit.
func (h *holder) free() { h.freed.Do(func() { close(h.release) }) }

// outcome is what an Apply run on a goroutine of its own returned.
type outcome struct {
	res *virk.ApplyResult
	err error
}

// goApply runs s.Apply on a goroutine of its own and returns where its
// outcome arrives.
func goApply(ctx context.Context, s virk.Store, cs *virk.ChangeSet, opts virk.ApplyOptions) <-chan outcome {
	done := make(chan outcome, 1)
	go func() {
		res, err := s.Apply(ctx, cs, opts)
		done <- outcome{res, err}
	}()
	return done
}

// patience bounds every wait of these tests: far longer than any of them
// takes, so that only a hang reaches it.
const patience = 3 * time.Minute

// await waits until ch is closed. It fails the test if the import whose
// outcome comes on done ends first, or if nothing happens within the
// given time.
func await(tb testing.TB, ch <-chan struct{}, done <-chan outcome, what string, within time.Duration) {
	tb.Helper()
	select {
	case <-ch:
	case o := <-done:
		tb.Fatalf("the import ended (error %v) before %s", o.err, what)
	case <-time.After(within):
		tb.Fatalf("%s did not happen within %s", what, within)
	}
}

// noticed bounds the wait for a transaction that waits for its turn to
// say so: it does after a second, so a minute without means that it is
// not waiting for its turn, but stuck on something else.
const noticed = time.Minute

// answered bounds a dry run while an import holds the write lock: it
// takes a second or two, so a minute means that it waits for the lock.
const answered = time.Minute

// result waits for the outcome of an import and fails the test if it
// failed or takes too long.
func result(tb testing.TB, done <-chan outcome, what string) *virk.ApplyResult {
	tb.Helper()
	select {
	case o := <-done:
		if o.err != nil {
			tb.Fatalf("%s: %v", what, o.err)
		}
		return o.res
	case <-time.After(patience):
		tb.Fatalf("%s did not end within %s", what, patience)
	}
	return nil
}

// longImport returns monthly observations of Base's four entities and its
// four indicators that hold values, for years years from year from: 192
// observations a year, each valued v(year, month), read from file.
func longImport(file string, from, years int, v func(y, m int) float64) *virk.ChangeSet {
	cs := &virk.ChangeSet{Files: []virk.File{{Name: file}}}
	cs.Observations = make([]virk.Observation, 0, years*12*16)
	for _, ent := range []string{"3201", "3203", "oppvekst", "skole-a"} {
		for _, ind := range []string{"kpi", "lonn", "netto_driftsresultat", "sykefravaer"} {
			for y := from; y < from+years; y++ {
				for m := 1; m <= 12; m++ {
					cs.Observations = append(cs.Observations, virk.Observation{IndicatorID: ind, EntityID: ent,
						Period: virk.Period{Year: y, Freq: virk.Monthly, N: m}, Value: v(y, m),
						Status: virk.StatusFinal, Source: file})
				}
			}
		}
	}
	return cs
}

func testImportConcurrent(t *testing.T, open Opener) {
	s := open(t)
	RunConcurrentImports(t, s, s)
}

// RunConcurrentImports checks that two long imports started together,
// 200 064 observations each, half of them on the same keys with other
// values, both land, one after the other: where they overlap the second's
// values are stored, and the first's are kept as its revisions, none lost.
// While the first holds the write lock, a dry run of the second answers
// with the counts against what was committed before the first.
//
// a runs the first import, b the dry run and the second. They may be one
// store, or two opened on one empty database, as two processes would. The
// order is fixed with the stores' test hook: the first is held at its
// commit until the second is seen waiting for its turn.
func RunConcurrentImports(t *testing.T, a, b virk.Store) {
	ctx := context.Background()
	MustApply(t, a, Base(), virk.ApplyOptions{})
	h := hold(t, a, b)
	const years, from, shift = 1042, 1000, 521
	firstValue := func(y, m int) float64 { return float64(y*100 + m) }
	secondValue := func(y, m int) float64 { return -float64(y*100+m) - 0.5 }
	first := longImport("first.csv", from, years, firstValue)
	second := longImport("second.csv", from+shift, years, secondValue)
	n, overlap := len(first.Observations), 16*12*(years-shift)

	firstDone := goApply(ctx, a, first, virk.ApplyOptions{User: "first"})
	await(t, h.held, firstDone, "the first import's hold at its commit", patience)

	// The first holds the lock with all its rows written. A dry run
	// answers now, from what was committed before it.
	dctx, cancel := context.WithTimeout(ctx, answered)
	dry, err := b.Apply(dctx, second, virk.ApplyOptions{DryRun: true, MaxChanges: 3})
	cancel()
	if err != nil {
		t.Fatalf("a dry run while an import holds the write lock: %v", err)
	}
	equal(t, "dry run while the first import is open", dry.Summary, virk.Summary{Observations: virk.Counts{Added: n}})

	secondDone := goApply(ctx, b, second, virk.ApplyOptions{User: "second", MaxChanges: 3})
	await(t, h.waiting, secondDone, "the second import's wait for the first", noticed)
	h.free()
	r1 := result(t, firstDone, "the first import")
	r2 := result(t, secondDone, "the second import")

	equal(t, "first", r1.Summary, virk.Summary{Observations: virk.Counts{Added: n}})
	equal(t, "second", r2.Summary, virk.Summary{Observations: virk.Counts{Added: n - overlap, Changed: overlap}})
	if r1.Batch.ID >= r2.Batch.ID || r1.Batch.CreatedAt.After(r2.Batch.CreatedAt) {
		t.Fatalf("batches %d at %v and %d at %v are not in the order the imports committed",
			r1.Batch.ID, r1.Batch.CreatedAt, r2.Batch.ID, r2.Batch.CreatedAt)
	}
	if len(r2.Changes) != 3 || r2.Changes[0].Old.BatchID != r1.Batch.ID {
		t.Errorf("the second import's changes %+v do not replace the first's", r2.Changes)
	}

	// Every key holds the last value given for it, and every value the
	// second replaced is a revision.
	want := func(o *virk.Observation) (float64, int64) {
		if o.Period.Year >= from+shift {
			return secondValue(o.Period.Year, o.Period.N), r2.Batch.ID
		}
		return firstValue(o.Period.Year, o.Period.N), r1.Batch.ID
	}
	var stored int
	for _, o := range mustObservations(t, a, virk.ObservationFilter{}) {
		if o.Period.Freq != virk.Monthly {
			continue
		}
		stored++
		if v, batch := want(o); o.Value != v || o.BatchID != batch {
			t.Fatalf("%s/%s/%s = %g of batch %d, want %g of batch %d", o.IndicatorID, o.EntityID, o.Period, o.Value, o.BatchID, v, batch)
		}
	}
	equal(t, "observations stored", stored, 2*n-overlap)
	revs, err := a.FindRevisions(ctx, virk.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "revisions", len(revs), overlap)
	for _, r := range revs {
		if v := firstValue(r.Period.Year, r.Period.N); r.Value != v || r.BatchID != r1.Batch.ID || r.ReplacedByBatch != r2.Batch.ID {
			t.Fatalf("revision %s/%s/%s = %g of batch %d replaced by %d, want %g of batch %d replaced by %d",
				r.IndicatorID, r.EntityID, r.Period, r.Value, r.BatchID, r.ReplacedByBatch, v, r1.Batch.ID, r2.Batch.ID)
		}
	}
}

// testImportDryRunDuringImport checks that while an import holds the
// write lock, dry runs of both kinds and reads answer, from the state
// committed before it.
func testImportDryRunDuringImport(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	h := hold(t, s)
	done := goApply(ctx, s, update(), virk.ApplyOptions{})
	await(t, h.held, done, "the import's hold at its commit", patience)

	dctx, cancel := context.WithTimeout(ctx, answered)
	defer cancel()
	dry, err := s.Apply(dctx, update(), virk.ApplyOptions{DryRun: true})
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	equal(t, "dry run", dry.Summary, wantUpdate())
	energy, err := s.ApplyEnergy(dctx, EnergyBase(), virk.ApplyOptions{DryRun: true})
	if err != nil {
		t.Fatalf("energy dry run: %v", err)
	}
	equal(t, "energy dry run", energy.Summary, virk.Summary{Meters: virk.Counts{Added: 4}, Readings: virk.Counts{Added: 743 + 700 + 1 + 2}})
	if _, err := s.FindEntityByID(dctx, "helse"); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("a read saw the open import's entity (err %v)", err)
	}
	equal(t, "batches", len(mustBatches(t, s)), 1)

	h.free()
	equal(t, "the import", result(t, done, "the import").Summary, wantUpdate())
}

// testImportWaitCancelled checks that an import waiting for another gives
// up when its context ends, and leaves no turn taken behind it.
func testImportWaitCancelled(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	h := hold(t, s)
	done := goApply(ctx, s, update(), virk.ApplyOptions{})
	await(t, h.held, done, "the import's hold at its commit", patience)

	wctx, cancel := context.WithCancel(ctx)
	waiter := goApply(wctx, s, PortfolioBase(), virk.ApplyOptions{})
	await(t, h.waiting, waiter, "the second import's wait", noticed)
	cancel()
	select {
	case o := <-waiter:
		if !errors.Is(o.err, context.Canceled) {
			t.Fatalf("a cancelled wait returned %v, want context.Canceled", o.err)
		}
	case <-time.After(patience):
		t.Fatal("a cancelled wait did not end")
	}

	h.free()
	result(t, done, "the held import")
	res := MustApply(t, s, PortfolioBase(), virk.ApplyOptions{})
	equal(t, "after the cancelled wait", res.Summary.Projects, virk.Counts{Added: 2})
	if err := s.AppendAudit(ctx, &virk.AuditEvent{Action: "test", Detail: fmt.Sprint("after ", res.Batch.ID)}); err != nil {
		t.Fatalf("a write after the cancelled wait: %v", err)
	}
}
