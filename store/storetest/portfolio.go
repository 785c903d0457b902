package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// PortfolioBase returns two projects under Base's unit oppvekst, one
// depending on the other, with their entities, the budget and forecast
// indicators, a forecast, and two benefits: a measured one in oppvekst and
// a qualitative one.
func PortfolioBase() *virk.ChangeSet {
	mill := virk.Unit{Name: "mill. kr", Decimals: 1}
	d := func(y, m, day int) virk.Date { return virk.Date{Year: y, Month: time.Month(m), Day: day} }
	return &virk.ChangeSet{
		Files: []virk.File{{Name: "prosjekter.csv", SHA256: strings.Repeat("ef", 32)}},
		Indicators: []*virk.Indicator{
			{ID: "prosjekt_prognose", LabelNB: "Prognose", Unit: mill, Rollup: virk.RollupSum},
		},
		Entities: []*virk.Entity{
			{ID: "lagring", Name: "Ny lagringsløsning", Kind: virk.KindProject, ParentID: "oppvekst"},
			{ID: "skolehverdag", Name: "Digital skolehverdag", Kind: virk.KindProject, ParentID: "oppvekst"},
		},
		Projects: []*virk.Project{
			{ID: "skolehverdag", Kind: virk.ProjectDigital, Phase: virk.PhaseExecution, Beneficiaries: []string{"oppvekst", "3201"},
				Start: d(2017, 8, 1), PlannedEnd: d(2020, 6, 30), DependsOn: []string{"lagring"},
				Priority: 1, Criticality: 4, GainPotential: 5, Note: "Læringsplattform og nettbrett"},
			{ID: "lagring", Kind: virk.ProjectDigital, Phase: virk.PhasePlanning, Start: d(2018, 1, 1),
				PlannedEnd: d(2019, 12, 31), ExpectedEnd: d(2020, 3, 31), Priority: 2, Criticality: 5, GainPotential: 3},
		},
		Observations: []virk.Observation{Obs("prosjekt_prognose", "skolehverdag", "2018", 120)},
		Benefits: []*virk.Benefit{
			{ID: "skolehverdag-sykefravaer", ProjectID: "skolehverdag", EntityID: "oppvekst", IndicatorID: "sykefravaer",
				Baseline: 7.5, BaselineYear: 2017, Target: 6.5, Due: d(2021, 12, 31), Text: "Mindre stress med digitale verktøy"},
			{ID: "skolehverdag-laering", ProjectID: "skolehverdag", EntityID: "oppvekst", Text: "Bedre tilpasset opplæring"},
		},
	}
}

func testPortfolioApply(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	res := MustApply(t, s, PortfolioBase(), virk.ApplyOptions{User: "analytiker"})
	equal(t, "projects", res.Summary.Projects, virk.Counts{Added: 2})
	equal(t, "benefits", res.Summary.Benefits, virk.Counts{Added: 2})
	for _, b := range mustBatches(t, s) {
		if b.ID == res.Batch.ID {
			equal(t, "batch summary", b.Summary.Projects, virk.Counts{Added: 2})
			equal(t, "batch summary", b.Summary.Benefits, virk.Counts{Added: 2})
		}
	}

	ps, err := s.FindProjects(ctx, virk.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := PortfolioBase().Projects
	if len(ps) != 2 {
		t.Fatalf("%d projects, want 2", len(ps))
	}
	equal(t, "lagring", ps[0], want[1])
	equal(t, "skolehverdag", ps[1], want[0])
	bs, err := s.FindBenefits(ctx, virk.BenefitFilter{EntityIDs: []string{"oppvekst"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].ID != "skolehverdag-laering" || !bs[0].Qualitative() || *bs[1] != *PortfolioBase().Benefits[0] {
		t.Errorf("benefits: %+v", bs)
	}

	// The same again changes nothing.
	res = MustApply(t, s, PortfolioBase(), virk.ApplyOptions{})
	if res.Batch != nil || res.Summary.Projects != (virk.Counts{Unchanged: 2}) || res.Summary.Benefits != (virk.Counts{Unchanged: 2}) {
		t.Errorf("second apply: batch %v, %+v", res.Batch, res.Summary)
	}

	// A new phase, one dependency fewer and a new forecast: the project
	// is changed, its list replaced, and the earlier forecast kept as a
	// revision.
	cs := PortfolioBase()
	cs.Projects[0].Phase = virk.PhaseClosed
	cs.Projects[0].DependsOn = nil
	cs.Projects[0].Beneficiaries = []string{"3201"}
	cs.Observations = []virk.Observation{Obs("prosjekt_prognose", "skolehverdag", "2018", 131.5)}
	res = MustApply(t, s, cs, virk.ApplyOptions{})
	equal(t, "changed projects", res.Summary.Projects, virk.Counts{Changed: 1, Unchanged: 1})
	ps, err = s.FindProjects(ctx, virk.ProjectFilter{IDs: []string{"skolehverdag"}})
	if err != nil || len(ps) != 1 || ps[0].Phase != virk.PhaseClosed || len(ps[0].DependsOn) != 0 || strings.Join(ps[0].Beneficiaries, ",") != "3201" {
		t.Errorf("changed project: %v, %+v", err, ps)
	}
	revs, err := s.FindRevisions(ctx, virk.ObservationFilter{IndicatorIDs: []string{"prosjekt_prognose"}})
	if err != nil || len(revs) != 1 || revs[0].Value != 120 {
		t.Errorf("forecast history: %v, %+v; want the earlier 120 as a revision", err, revs)
	}
}

func testPortfolioApplyInvalid(t *testing.T, open Opener) {
	s := open(t)
	MustApply(t, s, Base(), virk.ApplyOptions{})
	before := mustBatches(t, s)
	for _, tc := range []struct {
		name   string
		change func(cs *virk.ChangeSet)
		want   string
	}{
		{"entity not a project", func(cs *virk.ChangeSet) { cs.Entities[0].Kind = virk.KindUnit },
			"prosjekt «lagring»: enheten er av typen unit, ikke project"},
		{"no entity", func(cs *virk.ChangeSet) { cs.Entities = cs.Entities[1:] },
			"prosjekt «lagring»: finnes ikke som enhet"},
		{"unknown dependency", func(cs *virk.ChangeSet) { cs.Projects[1].DependsOn = []string{"nope"} },
			"prosjekt «lagring»: avhenger av «nope», som ikke er et prosjekt"},
		{"cycle", func(cs *virk.ChangeSet) { cs.Projects[1].DependsOn = []string{"skolehverdag"} },
			"prosjektenes avhengigheter går i ring: lagring → skolehverdag → lagring"},
		{"unknown beneficiary", func(cs *virk.ChangeSet) { cs.Projects[0].Beneficiaries = []string{"nope"} },
			"prosjekt «skolehverdag»: ukjent enhet «nope»"},
		{"unknown indicator", func(cs *virk.ChangeSet) { cs.Benefits[0].IndicatorID = "nope" },
			"gevinst «skolehverdag-sykefravaer»: ukjent indikator «nope»"},
		{"unknown project", func(cs *virk.ChangeSet) { cs.Benefits[1].ProjectID = "nope" },
			"gevinst «skolehverdag-laering»: ukjent prosjekt «nope»"},
		{"qualitative without text", func(cs *virk.ChangeSet) { cs.Benefits[1].Text = "" },
			"gevinst skolehverdag-laering: en kvalitativ gevinst trenger en beskrivelse"},
		{"bad phase", func(cs *virk.ChangeSet) { cs.Projects[0].Phase = "ferdig" },
			"prosjekt skolehverdag: fasen \"ferdig\" er ukjent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := PortfolioBase()
			tc.change(cs)
			_, err := s.Apply(context.Background(), cs, virk.ApplyOptions{})
			wantCode(t, err, virk.EINVALID)
			if !strings.Contains(virk.ErrorMessage(err), tc.want) {
				t.Errorf("error %q lacks %q", virk.ErrorMessage(err), tc.want)
			}
		})
	}
	if after := mustBatches(t, s); len(after) != len(before) {
		t.Errorf("a refused change set stored a batch")
	}
	if ps, err := s.FindProjects(context.Background(), virk.ProjectFilter{}); err != nil || len(ps) != 0 {
		t.Errorf("a refused change set stored projects: %v, %+v", err, ps)
	}
}
