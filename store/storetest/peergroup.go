package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// PeerGroups returns a KOSTRA group whose member changes number and a
// user's own group named by entity IDs.
func PeerGroups() []*virk.PeerGroup {
	return []*virk.PeerGroup{
		{ID: "naboer", Name: "Nabokommuner", Source: virk.PeerSourceOwn, Note: "naboer.csv", Members: []virk.PeerMember{
			{Ref: "3203"}, {Ref: "3201"},
		}},
		{ID: "ekg12", Name: "KOSTRA-gruppe 12", Source: virk.PeerSourceKOSTRA, Note: "KLASS 1358", Members: []virk.PeerMember{
			{Ref: "3024", From: 2020, To: 2023}, {Ref: "3201", From: 2024}, {Ref: "4601", From: 2020},
		}},
	}
}

// mustPeerGroups returns the stored peer groups.
func mustPeerGroups(tb testing.TB, s virk.Store) []*virk.PeerGroup {
	tb.Helper()
	gs, err := s.FindPeerGroups(context.Background())
	if err != nil {
		tb.Fatalf("FindPeerGroups: %v", err)
	}
	return gs
}

// mustUpdatePeerGroups applies upd and fails the test on error.
func mustUpdatePeerGroups(tb testing.TB, s virk.Store, upd virk.PeerGroupUpdate) *virk.Batch {
	tb.Helper()
	b, err := s.UpdatePeerGroups(context.Background(), upd)
	if err != nil {
		tb.Fatalf("UpdatePeerGroups: %v", err)
	}
	return b
}

// testPeerGroupUpdatePeerGroups checks that groups are stored, listed by
// ID with their members in order, replaced whole, deleted, and that an
// invalid change stores nothing.
func testPeerGroupUpdatePeerGroups(t *testing.T, open Opener) {
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		equal(t, "empty", len(mustPeerGroups(t, s)), 0)
		b := mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups(), User: "kari"})
		if b == nil || b.ID == 0 || b.User != "kari" {
			t.Fatalf("batch = %+v, want a stored batch by kari", b)
		}
		want := PeerGroups()
		equal(t, "groups by ID", mustPeerGroups(t, s), []*virk.PeerGroup{want[1], want[0]})
		batches := mustBatches(t, s)
		if len(batches) != 1 || batches[0].ID != b.ID || batches[0].User != "kari" {
			t.Errorf("batches = %+v, want the one batch %d by kari", batches, b.ID)
		}
	})
	t.Run("OKReplace", func(t *testing.T) {
		s := open(t)
		mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups()})
		g := PeerGroups()[0]
		g.Name = "Naboene"
		g.Members = []virk.PeerMember{{Ref: "0301", From: 2024, To: 2025}}
		b := mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: []*virk.PeerGroup{g}})
		if b == nil {
			t.Fatal("a changed group stored no batch")
		}
		got := mustPeerGroups(t, s)
		equal(t, "replaced", got[1], g)
		equal(t, "untouched", got[0], PeerGroups()[1])
	})
	t.Run("OKUnchanged", func(t *testing.T) {
		s := open(t)
		mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups()})
		if b := mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups()}); b != nil {
			t.Errorf("storing the same groups again made batch %+v", b)
		}
		equal(t, "batches", len(mustBatches(t, s)), 1)
	})
	t.Run("OKDelete", func(t *testing.T) {
		s := open(t)
		mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups()})
		mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Delete: []string{"naboer"}})
		equal(t, "left", mustPeerGroups(t, s), []*virk.PeerGroup{PeerGroups()[1]})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups()[:1]})
		_, err := s.UpdatePeerGroups(t.Context(), virk.PeerGroupUpdate{Put: PeerGroups()[1:], Delete: []string{"nope"}})
		wantCode(t, err, virk.ENOTFOUND)
		equal(t, "unchanged", mustPeerGroups(t, s), PeerGroups()[:1])
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		member := []virk.PeerMember{{Ref: "3201"}}
		tests := []struct {
			name  string
			group virk.PeerGroup
			want  string
		}{
			{"ErrEmptyID", virk.PeerGroup{Name: "X", Source: "egen", Members: member}, "sammenligningsgruppe: ID «» må være 1–64 tegn lang"},
			{"ErrSlug", virk.PeerGroup{ID: "Nabo er", Name: "X", Source: "egen", Members: member}, "kan bare ha små bokstaver"},
			{"ErrReserved", virk.PeerGroup{ID: "asss", Name: "X", Source: "egen", Members: member}, "navnet «asss» er reservert"},
			{"ErrNoName", virk.PeerGroup{ID: "x", Source: "egen", Members: member}, "sammenligningsgruppe x: mangler navn"},
			{"ErrSource", virk.PeerGroup{ID: "x", Name: "X", Source: "fil", Members: member}, "kilden «fil» er ukjent"},
			{"ErrNoMembers", virk.PeerGroup{ID: "x", Name: "X", Source: "egen"}, "sammenligningsgruppe x: har ingen medlemmer"},
			{"ErrEmptyRef", virk.PeerGroup{ID: "x", Name: "X", Source: "egen", Members: []virk.PeerMember{{Ref: " "}}}, "medlem 1: « » er ikke et kommunenummer"},
			{"ErrYears", virk.PeerGroup{ID: "x", Name: "X", Source: "egen", Members: []virk.PeerMember{{Ref: "3201", From: 2025, To: 2024}}}, "medlem 3201: fra 2025 kommer etter til 2024"},
			{"ErrNotAYear", virk.PeerGroup{ID: "x", Name: "X", Source: "egen", Members: []virk.PeerMember{{Ref: "3201", From: 24}}}, "årene 24–0 er ikke årstall"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := open(t)
				// A valid group first: the invalid one must keep it out too.
				g := tt.group
				_, err := s.UpdatePeerGroups(t.Context(), virk.PeerGroupUpdate{Put: []*virk.PeerGroup{PeerGroups()[0], &g}})
				wantCode(t, err, virk.EINVALID)
				if msg := virk.ErrorMessage(err); !strings.Contains(msg, tt.want) {
					t.Errorf("message %q lacks %q", msg, tt.want)
				}
				equal(t, "stored", len(mustPeerGroups(t, s)), 0)
				equal(t, "batches", len(mustBatches(t, s)), 0)
			})
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		s := open(t)
		_, err := s.UpdatePeerGroups(t.Context(), virk.PeerGroupUpdate{Put: []*virk.PeerGroup{PeerGroups()[0], PeerGroups()[0]}})
		wantCode(t, err, virk.EINVALID)
		equal(t, "stored", len(mustPeerGroups(t, s)), 0)
	})
}

// testPeerGroupDataVersion checks that changing the groups changes the
// data version, as imports do, and that a change of nothing does not.
func testPeerGroupDataVersion(t *testing.T, open Opener) {
	s := open(t)
	version := func() int64 {
		t.Helper()
		v, err := s.DataVersion(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	r := MustApply(t, s, Base(), virk.ApplyOptions{})
	b1 := mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups()})
	if b1.ID <= r.Batch.ID {
		t.Fatalf("group batch %d is not after import batch %d", b1.ID, r.Batch.ID)
	}
	equal(t, "after storing groups", version(), b1.ID)
	mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Put: PeerGroups()})
	equal(t, "after storing the same groups", version(), b1.ID)
	b2 := mustUpdatePeerGroups(t, s, virk.PeerGroupUpdate{Delete: []string{"ekg12"}})
	if b2.ID <= b1.ID {
		t.Fatalf("delete batch %d is not after %d", b2.ID, b1.ID)
	}
	equal(t, "after a delete", version(), b2.ID)
	r2 := MustApply(t, s, update(), virk.ApplyOptions{})
	equal(t, "after a later import", version(), r2.Batch.ID)
}
