package storetest

import (
	"context"
	"testing"

	"github.com/virk-analyse/virk"
)

// testEntityFindEntityByID checks that every entity field survives a
// round trip, with codes ordered by the year they took effect.
func testEntityFindEntityByID(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		got, err := s.FindEntityByID(ctx, "3201")
		if err != nil {
			t.Fatal(err)
		}
		want := &virk.Entity{ID: "3201", Name: "Bærum", NameEN: "Baerum", Kind: virk.KindMunicipality,
			Codes: []virk.Code{{Code: "0219", To: 2019}, {Code: "3024", From: 2020, To: 2023}, {Code: "3201", From: 2024}}}
		equal(t, "entity", got, want)
		if got.CodeIn(2021) != "3024" {
			t.Errorf("CodeIn(2021) = %q", got.CodeIn(2021))
		}
	})
	t.Run("OKParent", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		got, err := s.FindEntityByID(ctx, "skole-a")
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "entity", got, Entities()[0])
	})
	t.Run("OKMoved", func(t *testing.T) {
		s := open(t)
		MustApply(t, s, Catalogue(), virk.ApplyOptions{})
		moved := *Entities()[0]
		moved.ParentID = "3201"
		top := *Entities()[1]
		top.ParentID = ""
		res := MustApply(t, s, &virk.ChangeSet{Entities: []*virk.Entity{&moved, &top, Entities()[2]}}, virk.ApplyOptions{})
		equal(t, "counts", res.Summary.Entities, virk.Counts{Changed: 2, Unchanged: 1})
		for _, want := range []*virk.Entity{&moved, &top} {
			got, err := s.FindEntityByID(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			equal(t, want.ID, got, want)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.FindEntityByID(ctx, "9999")
		wantCode(t, err, virk.ENOTFOUND)
	})
}

// testEntityFindEntities checks the filters and the order by id.
func testEntityFindEntities(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Catalogue(), virk.ApplyOptions{})
	str := func(s string) *string { return &s }
	kind := func(k virk.EntityKind) *virk.EntityKind { return &k }
	tests := []struct {
		name   string
		filter virk.EntityFilter
		want   []string
	}{
		{"OKAll", virk.EntityFilter{}, []string{"3201", "3203", "oppvekst", "skole-a"}},
		{"OKByID", virk.EntityFilter{ID: str("3203")}, []string{"3203"}},
		{"OKByIDs", virk.EntityFilter{IDs: []string{"skole-a", "3201"}}, []string{"3201", "skole-a"}},
		{"OKByKind", virk.EntityFilter{Kind: kind(virk.KindMunicipality)}, []string{"3201", "3203"}},
		{"OKByParent", virk.EntityFilter{ParentID: str("3201")}, []string{"oppvekst"}},
		{"OKTopLevel", virk.EntityFilter{ParentID: str("")}, []string{"3201", "3203"}},
		{"OKNoMatch", virk.EntityFilter{Kind: kind(virk.KindGroup)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ents, n, err := s.FindEntities(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range ents {
				ids = append(ids, e.ID)
			}
			equal(t, "ids", ids, tt.want)
			equal(t, "total", n, len(tt.want))
		})
	}
	t.Run("OKCodes", func(t *testing.T) {
		ents, _, err := s.FindEntities(ctx, virk.EntityFilter{Kind: kind(virk.KindMunicipality)})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "codes of 3201", len(ents[0].Codes), 3)
		equal(t, "codes of 3203", ents[1].Codes, []virk.Code{{Code: "3203", From: 2024}})
	})
}
