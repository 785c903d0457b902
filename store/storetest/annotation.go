package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// Annotations returns a series break for one entity, a comment on one
// period for every entity, and a comment on a whole series.
func Annotations() []*virk.Annotation {
	return []*virk.Annotation{
		{Kind: virk.AnnotationBreak, IndicatorID: "sykefravaer", EntityID: "3201",
			Period: virk.YearPeriod(2020), Text: "Nytt HR-system fra 2020.", Author: "kari"},
		{Kind: virk.AnnotationComment, IndicatorID: "sykefravaer", Period: virk.MustParsePeriod("2020Q2"),
			Text: "Koronapandemien."},
		{Kind: virk.AnnotationComment, IndicatorID: "kpi", Text: "SSBs KPI, 2015=100."},
	}
}

// testAnnotationFindAnnotations checks round trips, the entity filter and
// that re-imported annotations are not stored twice.
func testAnnotationFindAnnotations(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		cs := Catalogue()
		cs.Annotations = Annotations()
		before := time.Now().Add(-time.Second)
		res := MustApply(t, s, cs, virk.ApplyOptions{User: "ola"})
		equal(t, "counts", res.Summary.Annotations, virk.Counts{Added: 3})
		anns, err := s.FindAnnotations(ctx, virk.AnnotationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(anns) != 3 {
			t.Fatalf("got %d annotations, want 3", len(anns))
		}
		// Ordered by indicator, then entity with series-wide notes first.
		want := []*virk.Annotation{Annotations()[2], Annotations()[1], Annotations()[0]}
		want[0].Author, want[1].Author = "ola", "ola"
		for i, a := range anns {
			if a.ID == 0 || a.BatchID != res.Batch.ID || a.CreatedAt.Before(before) || a.CreatedAt.After(time.Now()) {
				t.Errorf("annotation %d: ID %d, BatchID %d, CreatedAt %v", i, a.ID, a.BatchID, a.CreatedAt)
			}
			a.ID, a.BatchID, a.CreatedAt = 0, 0, time.Time{}
			equal(t, "annotation", a, want[i])
		}
	})
	t.Run("OKCreatedAt", func(t *testing.T) {
		s := open(t)
		cs := Catalogue()
		at := time.Date(2024, 3, 1, 12, 30, 0, 0, time.UTC)
		cs.Annotations = []*virk.Annotation{{Kind: virk.AnnotationComment, IndicatorID: "kpi", Text: "x", CreatedAt: at}}
		MustApply(t, s, cs, virk.ApplyOptions{})
		anns, err := s.FindAnnotations(ctx, virk.AnnotationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !anns[0].CreatedAt.Equal(at) {
			t.Errorf("CreatedAt = %v, want %v", anns[0].CreatedAt, at)
		}
	})
	t.Run("OKFilter", func(t *testing.T) {
		s := open(t)
		cs := Catalogue()
		cs.Annotations = append(Annotations(), &virk.Annotation{Kind: virk.AnnotationComment,
			IndicatorID: "sykefravaer", EntityID: "3203", Text: "Asker."})
		MustApply(t, s, cs, virk.ApplyOptions{})
		for _, tt := range []struct {
			name   string
			filter virk.AnnotationFilter
			want   []string
		}{
			{"Entity", virk.AnnotationFilter{EntityIDs: []string{"3201"}},
				[]string{"SSBs KPI, 2015=100.", "Koronapandemien.", "Nytt HR-system fra 2020."}},
			{"IndicatorAndEntity", virk.AnnotationFilter{IndicatorIDs: []string{"sykefravaer"}, EntityIDs: []string{"3203"}},
				[]string{"Koronapandemien.", "Asker."}},
			{"Indicator", virk.AnnotationFilter{IndicatorIDs: []string{"kpi"}}, []string{"SSBs KPI, 2015=100."}},
			{"NoMatch", virk.AnnotationFilter{IndicatorIDs: []string{"lonn"}}, nil},
		} {
			t.Run(tt.name, func(t *testing.T) {
				anns, err := s.FindAnnotations(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				var texts []string
				for _, a := range anns {
					texts = append(texts, a.Text)
				}
				equal(t, "texts", texts, tt.want)
			})
		}
	})
	t.Run("OKReimport", func(t *testing.T) {
		s := open(t)
		cs := Catalogue()
		cs.Annotations = Annotations()
		MustApply(t, s, cs, virk.ApplyOptions{})
		again := &virk.ChangeSet{Annotations: append(Annotations(), Annotations()[0],
			&virk.Annotation{Kind: virk.AnnotationComment, IndicatorID: "kpi", Text: "Ny merknad."})}
		res := MustApply(t, s, again, virk.ApplyOptions{})
		equal(t, "counts", res.Summary.Annotations, virk.Counts{Added: 1, Unchanged: 3})
		anns, err := s.FindAnnotations(ctx, virk.AnnotationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "stored", len(anns), 4)
	})
}
