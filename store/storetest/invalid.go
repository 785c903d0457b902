package storetest

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// testImportApplyInvalid checks that an invalid change set stores nothing
// and that the error names every fault.
func testImportApplyInvalid(t *testing.T, open Opener) {
	tests := []struct {
		name   string
		change func(cs *virk.ChangeSet)
		want   []string // parts of the error message
	}{
		{"ErrUnknownIndicator", func(cs *virk.ChangeSet) {
			cs.Observations = append(cs.Observations, Obs("finnes_ikke", "3201", "2023", 1))
		}, []string{"ukjent indikator «finnes_ikke» (observasjon 6)"}},
		{"ErrDerivedIndicator", func(cs *virk.ChangeSet) {
			cs.Observations = append(cs.Observations, Obs("lonnsandel", "3201", "2023", 1))
		}, []string{"«lonnsandel» er beregnet", "(observasjon 6)"}},
		{"ErrUnknownEntity", func(cs *virk.ChangeSet) {
			cs.Observations[1].EntityID = "0301"
		}, []string{"ukjent enhet «0301» (observasjon 2)"}},
		{"ErrZeroPeriod", func(cs *virk.ChangeSet) {
			cs.Observations[0].Period = virk.Period{}
		}, []string{"mangler periode (observasjon 1)"}},
		{"ErrBadPeriod", func(cs *virk.ChangeSet) {
			cs.Observations[0].Period = virk.Period{Year: 2020, Freq: virk.Quarterly, N: 5}
		}, []string{"ugyldig periode", "(observasjon 1)"}},
		{"ErrUnknownStatus", func(cs *virk.ChangeSet) {
			cs.Observations[0].Status = "guess"
		}, []string{"ukjent status «guess» (observasjon 1)"}},
		{"ErrNaN", func(cs *virk.ChangeSet) {
			cs.Observations[0].Value = math.NaN()
		}, []string{"ikke et tall (observasjon 1)"}},
		{"ErrInvalidIndicator", func(cs *virk.ChangeSet) {
			cs.Indicators[2].LabelNB = ""
		}, []string{"indikator lonn: mangler navn", "(indikator 3)"}},
		{"ErrInvalidEntity", func(cs *virk.ChangeSet) {
			cs.Entities[3].Kind = "fylke"
		}, []string{"enhet 3203: type \"fylke\" er ukjent", "(enhet 4)"}},
		{"ErrUnknownParent", func(cs *virk.ChangeSet) {
			cs.Entities[1].ParentID = "3202"
		}, []string{"ukjent overordnet enhet «3202» for enhet «oppvekst»"}},
		{"ErrParentCycle", func(cs *virk.ChangeSet) {
			cs.Entities[2].ParentID = "skole-a"
		}, []string{"ring i organisasjonstreet (hver har den neste som overordnet): 3201 → skole-a → oppvekst → 3201"}},
		{"ErrConflictingObservation", func(cs *virk.ChangeSet) {
			cs.Observations = append(cs.Observations, Obs("sykefravaer", "3201", "2023", 7.3))
		}, []string{"motstridende verdier for indikator «sykefravaer», enhet «3201», periode 2023 (observasjon 2 og 6)"}},
		{"ErrConflictingIndicator", func(cs *virk.ChangeSet) {
			ind := *cs.Indicators[3]
			ind.Category = "Annet"
			cs.Indicators = append(cs.Indicators, &ind)
		}, []string{"indikator «kpi» står to ganger med ulikt innhold (indikator 4 og 6)"}},
		{"ErrConflictingEntity", func(cs *virk.ChangeSet) {
			e := *cs.Entities[3]
			e.Name = "Asker kommune"
			cs.Entities = append(cs.Entities, &e)
		}, []string{"enhet «3203» står to ganger med ulikt innhold (enhet 4 og 5)"}},
		{"ErrAnnotation", func(cs *virk.ChangeSet) {
			cs.Annotations = []*virk.Annotation{
				{Kind: virk.AnnotationComment, IndicatorID: "kpi", EntityID: "0301", Text: "x"},
				{Kind: virk.AnnotationComment, IndicatorID: "ukjent", Text: "x"},
				{Kind: virk.AnnotationBreak, IndicatorID: "kpi", Text: "x"},
			}
		}, []string{"ukjent enhet «0301» (merknad 1)", "ukjent indikator «ukjent» (merknad 2)", "merknad 3:"}},
		{"ErrSeveral", func(cs *virk.ChangeSet) {
			cs.Observations[0].IndicatorID = "a"
			cs.Observations[4].EntityID = "b"
		}, []string{"2 feil", "ukjent indikator «a» (observasjon 1)", "ukjent enhet «b» (observasjon 5)"}},
		{"ErrMany", func(cs *virk.ChangeSet) {
			for range 150 {
				cs.Observations = append(cs.Observations, Obs("x", "3201", "2020", 1))
			}
		}, []string{"150 feil", "(observasjon 105)", "… og 50 feil til"}},
	}
	// A failed import leaves the store as it was, so each store serves
	// every case: one empty, one holding Base.
	empty, stored := open(t), open(t)
	MustApply(t, stored, Base(), virk.ApplyOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range []virk.Store{empty, stored} {
				before := snapshot(t, s)
				cs := Base()
				cs.Files = []virk.File{{Name: "feil.csv", SHA256: strings.Repeat("ef", 32)}}
				tt.change(cs)
				res, err := s.Apply(context.Background(), cs, virk.ApplyOptions{})
				if res != nil {
					t.Errorf("result = %+v, want nil", res)
				}
				wantCode(t, err, virk.EINVALID)
				msg := virk.ErrorMessage(err)
				for _, part := range tt.want {
					if !strings.Contains(msg, part) {
						t.Errorf("message lacks %q:\n%s", part, msg)
					}
				}
				equal(t, "store after a failed import", snapshot(t, s), before)
			}
		})
	}
	t.Run("OKExactDuplicates", func(t *testing.T) {
		s := open(t)
		cs := Base()
		cs.Indicators = append(cs.Indicators, Indicators()[0])
		cs.Entities = append(cs.Entities, Entities()[2])
		cs.Observations = append(cs.Observations, cs.Observations...)
		res := MustApply(t, s, cs, virk.ApplyOptions{})
		equal(t, "summary", res.Summary, MustApply(t, open(t), Base(), virk.ApplyOptions{}).Summary)
	})
}

// snapshot returns everything a store holds, in a comparable form.
func snapshot(tb testing.TB, s virk.Store) []any {
	tb.Helper()
	ctx := context.Background()
	inds, _, err := s.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	ents, _, err := s.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	revs, err := s.FindRevisions(ctx, virk.ObservationFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	anns, err := s.FindAnnotations(ctx, virk.AnnotationFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	return []any{inds, ents, mustObservations(tb, s, virk.ObservationFilter{}), revs, anns, mustBatches(tb, s)}
}
