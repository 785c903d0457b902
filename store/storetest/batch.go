package storetest

import (
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// testImportFindBatches checks that batches are listed newest first with
// their files, user, time and summary.
func testImportFindBatches(t *testing.T, open Opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		start := time.Now().Add(-time.Second)
		r1 := MustApply(t, s, Base(), virk.ApplyOptions{User: "kari"})
		r2 := MustApply(t, s, update(), virk.ApplyOptions{User: "ola"})
		batches := mustBatches(t, s)
		if len(batches) != 2 {
			t.Fatalf("got %d batches, want 2", len(batches))
		}
		equal(t, "newest", batches[0], r2.Batch)
		equal(t, "oldest", batches[1], r1.Batch)
		equal(t, "summary", batches[0].Summary, wantUpdate())
		equal(t, "files", batches[0].Files, update().Files)
		if b := batches[1]; b.CreatedAt.Before(start) || b.CreatedAt.After(time.Now()) || b.CreatedAt.Location() != time.UTC {
			t.Errorf("CreatedAt = %v, want about now, in UTC", b.CreatedAt)
		}
		if r1.Batch.ID >= r2.Batch.ID {
			t.Errorf("batch ids %d, %d do not increase", r1.Batch.ID, r2.Batch.ID)
		}
	})
	t.Run("OKNoFiles", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		batches := mustBatches(t, s)
		equal(t, "files", len(batches[0].Files), 0)
		equal(t, "indicators", batches[0].Summary.Indicators, virk.Counts{Added: 5})
	})
	t.Run("OKEmpty", func(t *testing.T) {
		equal(t, "batches", len(mustBatches(t, open(t))), 0)
	})
}

// testImportDataVersion checks that the data version is 0 for an empty
// store, the newest batch's ID after an import, and unchanged by an
// import that changes nothing or a dry run.
func testImportDataVersion(t *testing.T, open Opener) {
	s := open(t)
	version := func() int64 {
		t.Helper()
		v, err := s.DataVersion(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	equal(t, "empty", version(), int64(0))
	r1 := MustApply(t, s, Base(), virk.ApplyOptions{})
	equal(t, "after the first import", version(), r1.Batch.ID)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	MustApply(t, s, update(), virk.ApplyOptions{DryRun: true})
	equal(t, "after a no-op and a dry run", version(), r1.Batch.ID)
	r2 := MustApply(t, s, update(), virk.ApplyOptions{})
	equal(t, "after a change", version(), r2.Batch.ID)
}
