package portfolio

import (
	"errors"
	"testing"

	"github.com/virk-analyse/virk"
)

// computeCase is the portfolio of 2021: Kommunegården, four digital
// projects to rank and a closed one, and the benefits of benefitCase.
func computeCase() *Input {
	kg, o, r := kommunegarden()
	bs, vals := benefitCase()
	dig := func(id string, prio, crit, gain int, start virk.Date, deps ...string) *virk.Project {
		return &virk.Project{ID: id, Kind: virk.ProjectDigital, Phase: virk.PhaseExecution, Priority: prio, Criticality: crit, GainPotential: gain, Start: start, DependsOn: deps}
	}
	gammel := dig("gammel", 1, 5, 5, d(2018, 1, 1))
	gammel.Phase, gammel.PlannedEnd, gammel.ExpectedEnd = virk.PhaseClosed, d(2019, 6, 30), d(2019, 8, 31)
	return &Input{
		Projects: []*virk.Project{
			kg,
			dig("digiskole", 1, 4, 5, d(2021, 8, 1), "lagring"), // 5 + 4 + 5 = 14
			dig("lagring", 3, 5, 1, d(2021, 1, 1), "gammel"),    // 3 + 5 + 1 = 9; gammel is closed
			dig("robot", 2, 3, 4, d(2020, 3, 1)),                // 4 + 3 + 4 = 11
			dig("selv", 2, 4, 3, d(2020, 1, 15)),                // 4 + 4 + 3 = 11
			gammel,
		},
		Benefits:     bs,
		Names:        map[string]string{"kgard": "Kommunegården", "digiskole": "Digital skolehverdag", "lagring": "Ny lagringsløsning"},
		Observations: o,
		Revisions:    r,
		Value:        ValuesFrom(vals),
		Year:         2021,
	}
}

func TestCompute(t *testing.T) {
	in := computeCase()
	res := Compute(in)
	if res.RankErr != nil {
		t.Fatal(res.RankErr)
	}
	// selv and robot tie at 11; selv starts first. digiskole (14) waits
	// for lagring (9).
	checkRank(t, res.Ranked, []place{
		{"selv", 11, false, nil}, {"robot", 11, false, nil}, {"lagring", 9, false, nil}, {"digiskole", 14, true, []string{"lagring"}},
	})
	if len(res.Deviations) != 1 || res.Deviations[0].ProjectID != "kgard" || len(res.Deviations[0].Reasons) != 2 ||
		res.Deviations[0].Reasons[0] != "prognosen på 800,0 mill. kr er 50,0 mill. kr (6,7 %) over budsjettet på 750,0 mill. kr" {
		t.Errorf("Deviations = %+v", res.Deviations)
	}
	if want := "Det større investeringsprosjektet, Kommunegården, er vesentlig forsinket (6 måneder). " +
		"Prognosen er mer enn 5 % over budsjettet for Kommunegården (6,7 %)."; res.Summary != want {
		t.Errorf("Summary = %q\nwant      %q", res.Summary, want)
	}
	type fig struct {
		ind, ent string
		v        float64
	}
	want := []fig{
		{IndicatorDeviation, "kgard", 50}, {IndicatorDeviationPct, "kgard", 6.6667}, {IndicatorDelay, "kgard", 6}, {IndicatorSpentPct, "kgard", 75},
		{IndicatorProjectBenefits, "kgard", 0}, {IndicatorProjectRealised, "kgard", 0}, {IndicatorProjectQualitative, "kgard", 0},
		{IndicatorRank, "digiskole", 4}, {IndicatorScore, "digiskole", 14},
		{IndicatorProjectBenefits, "digiskole", 0}, {IndicatorProjectRealised, "digiskole", 0}, {IndicatorProjectQualitative, "digiskole", 0},
		{IndicatorRank, "lagring", 3}, {IndicatorScore, "lagring", 9},
		{IndicatorProjectBenefits, "lagring", 0}, {IndicatorProjectRealised, "lagring", 0}, {IndicatorProjectQualitative, "lagring", 0},
		{IndicatorRank, "robot", 2}, {IndicatorScore, "robot", 11},
		{IndicatorProjectBenefits, "robot", 3}, {IndicatorProjectRealised, "robot", 1}, {IndicatorProjectQualitative, "robot", 1},
		{IndicatorRank, "selv", 1}, {IndicatorScore, "selv", 11},
		{IndicatorProjectBenefits, "selv", 3}, {IndicatorProjectRealised, "selv", 0}, {IndicatorProjectQualitative, "selv", 1},
		{IndicatorDelay, "gammel", 2},
		{IndicatorProjectBenefits, "gammel", 0}, {IndicatorProjectRealised, "gammel", 0}, {IndicatorProjectQualitative, "gammel", 0},
		{IndicatorBenefits, "hr_service", 2}, {IndicatorRealised, "hr_service", 0}, {IndicatorQualitative, "hr_service", 1},
		{IndicatorBenefits, "lonn", 2}, {IndicatorRealised, "lonn", 1}, {IndicatorQualitative, "lonn", 0},
		{IndicatorBenefits, "skole", 2}, {IndicatorRealised, "skole", 0}, {IndicatorQualitative, "skole", 1},
	}
	if len(res.Observations) != len(want) {
		t.Fatalf("got %d observations, want %d: %+v", len(res.Observations), len(want), res.Observations)
	}
	for i, w := range want {
		o := res.Observations[i]
		if o.IndicatorID != w.ind || o.EntityID != w.ent || o.Value != w.v || o.Period != virk.YearPeriod(2021) ||
			o.Status != virk.StatusFinal || o.Source != sourceCompute {
			t.Errorf("observation %d: got %s %s %v %v, want %s %s %v", i, o.IndicatorID, o.EntityID, o.Period, o.Value, w.ind, w.ent, w.v)
		}
	}
	defs := map[string]*virk.Indicator{}
	for _, ind := range res.Indicators() {
		defs[ind.ID] = ind
	}
	for _, o := range res.Observations {
		if defs[o.IndicatorID] == nil {
			t.Errorf("observation of the undefined indicator %s", o.IndicatorID)
		}
	}
}

func TestCompute_Cycle(t *testing.T) {
	in := computeCase()
	for _, p := range in.Projects {
		if p.ID == "lagring" {
			p.DependsOn = append(p.DependsOn, "digiskole")
		}
	}
	res := Compute(in)
	var ce *CycleError
	if !errors.As(res.RankErr, &ce) || res.RankErr.Error() != "avhengighetene går i ring: Digital skolehverdag → Ny lagringsløsning → Digital skolehverdag" {
		t.Fatalf("RankErr = %v", res.RankErr)
	}
	ranks, scores := 0, 0
	for _, o := range res.Observations {
		switch o.IndicatorID {
		case IndicatorRank:
			ranks++
		case IndicatorScore:
			scores++
		}
	}
	if res.Ranked != nil || ranks != 0 || scores != 4 {
		t.Errorf("with a cycle: %d ranked, %d places, %d scores; want 0, 0, 4", len(res.Ranked), ranks, scores)
	}
}

func TestIndicators(t *testing.T) {
	seen := map[string]bool{}
	sums := map[string]virk.Rollup{}
	for _, ind := range Indicators() {
		if err := ind.Validate(); err != nil {
			t.Error(err)
		}
		if seen[ind.ID] {
			t.Errorf("%s defined twice", ind.ID)
		}
		seen[ind.ID] = true
		sums[ind.ID] = ind.Rollup
		if ind.Category != "Prosjekter" || ind.LabelEN == "" {
			t.Errorf("%s: category %q, English label %q", ind.ID, ind.Category, ind.LabelEN)
		}
	}
	for id, want := range map[string]virk.Rollup{
		IndicatorBudget: virk.RollupSumAny, IndicatorForecast: virk.RollupSumAny, IndicatorSpent: virk.RollupSumAny, IndicatorDeviation: virk.RollupSumAny,
		IndicatorDeviationPct: virk.RollupNone, IndicatorDelay: virk.RollupNone, IndicatorSpentPct: virk.RollupNone,
		IndicatorRank: virk.RollupNone, IndicatorScore: virk.RollupNone,
		IndicatorBenefits: virk.RollupSumAny, IndicatorRealised: virk.RollupSumAny, IndicatorQualitative: virk.RollupSumAny,
		IndicatorProjectBenefits: virk.RollupSumAny, IndicatorProjectRealised: virk.RollupSumAny, IndicatorProjectQualitative: virk.RollupSumAny,
	} {
		if r, ok := sums[id]; !ok || r != want {
			t.Errorf("%s: rollup %q (defined %v), want %q", id, r, ok, want)
		}
	}
	if len(sums) != 15 {
		t.Errorf("%d indicators, want 15", len(sums))
	}
}

func TestParseWeights(t *testing.T) {
	w, err := ParseWeights("2, 1,0.5")
	if err != nil || w != (Weights{Priority: 2, Criticality: 1, Gain: 0.5}) || w.String() != "2,1,0.5" {
		t.Errorf("ParseWeights = %+v, %v (%s)", w, err, w.String())
	}
	for _, s := range []string{"1,1", "1,x,1", "0,0,0", "-1,1,1"} {
		if _, err := ParseWeights(s); err == nil {
			t.Errorf("ParseWeights(%q) accepted", s)
		}
	}
}

// TestOverlay: a changed forecast replaces the stored one and joins the
// history, an unchanged one does not, and a project of the change set
// replaces the stored one.
func TestOverlay(t *testing.T) {
	y := virk.YearPeriod(2018)
	in := &Input{
		Names:    map[string]string{},
		Projects: []*virk.Project{{ID: "a", Phase: virk.PhaseIdea}},
		Observations: []virk.Observation{
			{IndicatorID: IndicatorForecast, EntityID: "a", Period: y, Value: 100, Status: virk.StatusFinal},
			{IndicatorID: IndicatorSpent, EntityID: "a", Period: y, Value: 10, Status: virk.StatusFinal},
		},
	}
	in.Overlay(&virk.ChangeSet{
		Entities: []*virk.Entity{{ID: "a", Name: "A"}},
		Projects: []*virk.Project{{ID: "a", Phase: virk.PhaseExecution}},
		Observations: []virk.Observation{
			{IndicatorID: IndicatorForecast, EntityID: "a", Period: y, Value: 120, Status: virk.StatusFinal},
			{IndicatorID: IndicatorSpent, EntityID: "a", Period: y, Value: 10, Status: virk.StatusFinal},
			{IndicatorID: "sykefravaer", EntityID: "a", Period: y, Value: 7, Status: virk.StatusFinal},
		},
	})
	if len(in.Projects) != 1 || in.Projects[0].Phase != virk.PhaseExecution || in.Names["a"] != "A" {
		t.Errorf("projects %+v, names %v", in.Projects[0], in.Names)
	}
	if len(in.Observations) != 2 || in.Observations[0].Value != 120 || len(in.Revisions) != 1 || in.Revisions[0].Value != 100 {
		t.Errorf("observations %+v, revisions %+v", in.Observations, in.Revisions)
	}
	// The new forecast is the current one, the stored one history.
	in.Year = 2018
	res := Compute(in)
	if st := res.Status[0]; st.Forecast != 120 || len(st.History) != 2 || st.History[0].Value != 100 {
		t.Errorf("status after the overlay: forecast %v, history %+v", st.Forecast, st.History)
	}
}

// TestCompute_CycleOutsideRanking: a cycle through a building project and
// a closed one, neither ranked, is a fault named as well.
func TestCompute_CycleOutsideRanking(t *testing.T) {
	in := computeCase()
	for _, p := range in.Projects {
		switch p.ID {
		case "kgard":
			p.DependsOn = []string{"gammel"}
		case "gammel":
			p.DependsOn = []string{"kgard"}
		}
	}
	res := Compute(in)
	if res.RankErr == nil || res.RankErr.Error() != "avhengighetene går i ring: Kommunegården → gammel → Kommunegården" {
		t.Fatalf("RankErr = %v", res.RankErr)
	}
}
