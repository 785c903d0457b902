package portfolio

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func d(y int, m time.Month, day int) virk.Date { return virk.Date{Year: y, Month: m, Day: day} }

func obs(ind, ent, period string, v float64) virk.Observation {
	return virk.Observation{IndicatorID: ind, EntityID: ent, Period: virk.MustParsePeriod(period), Value: v, Status: virk.StatusFinal}
}

func TestMonths(t *testing.T) {
	for _, tc := range []struct {
		a, b virk.Date
		want int
	}{
		{d(2021, 9, 30), d(2022, 3, 31), 6},
		{d(2021, 9, 1), d(2021, 12, 16), 4},  // 3 months and 15 days
		{d(2021, 9, 1), d(2021, 12, 15), 3},  // 3 months and 14 days
		{d(2021, 1, 31), d(2021, 2, 28), 1},  // end of month to end of month
		{d(2021, 9, 30), d(2021, 10, 1), 0},  // one day
		{d(2021, 9, 1), d(2021, 9, 20), 1},   // 19 days
		{d(2022, 3, 31), d(2021, 9, 30), -6}, // early
		{d(2021, 12, 16), d(2021, 9, 1), -4},
		{d(2021, 6, 30), d(2021, 6, 30), 0},
	} {
		if got := Months(tc.a, tc.b); got != tc.want {
			t.Errorf("Months(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// kommunegarden is a building project: budget 200 + 400 + 150 = 750 mill.
// kr; forecasts 760 (2019), 780 (March 2020), 785 replaced by 790,5
// (September 2020) and 800 (February 2021, after the year reported);
// spent 180 (2019) and 520 (September 2020); planned end 30.09.2021,
// expected 31.03.2022.
func kommunegarden() (*virk.Project, []virk.Observation, []virk.Revision) {
	p := &virk.Project{ID: "kgard", Kind: virk.ProjectBuilding, Phase: virk.PhaseExecution,
		Start: d(2019, 5, 1), PlannedEnd: d(2021, 9, 30), ExpectedEnd: d(2022, 3, 31)}
	o := []virk.Observation{
		obs(IndicatorBudget, "kgard", "2020", 400),
		obs(IndicatorBudget, "kgard", "2019", 200),
		obs(IndicatorBudget, "kgard", "2021", 150),
		obs(IndicatorForecast, "kgard", "2020M09", 790.5),
		obs(IndicatorForecast, "kgard", "2021M02", 800),
		obs(IndicatorForecast, "kgard", "2019", 760),
		obs(IndicatorForecast, "kgard", "2020M03", 780),
		obs(IndicatorSpent, "kgard", "2019", 180),
		obs(IndicatorSpent, "kgard", "2020M09", 520),
		obs(IndicatorSpent, "kgard", "2021M02", 600),
		{IndicatorID: IndicatorForecast, EntityID: "kgard", Period: virk.MustParsePeriod("2020M12"), Status: virk.StatusMissing},
		obs("annet", "kgard", "2020", 1),
	}
	r := []virk.Revision{{Observation: obs(IndicatorForecast, "kgard", "2020M09", 785), ReplacedAt: time.Date(2020, 10, 15, 9, 0, 0, 0, time.UTC)}}
	return p, o, r
}

func TestStatusOf(t *testing.T) {
	p, o, r := kommunegarden()
	m := MoneyOf(o, r)["kgard"]
	s := StatusOf(p, m, 2020, d(2020, 12, 31))
	if !s.HasBudget || s.Budget != 750 {
		t.Errorf("Budget = %v, want 750", s.Budget)
	}
	if s.Forecast != 790.5 || s.ForecastPeriod != virk.MustParsePeriod("2020M09") {
		t.Errorf("Forecast = %v of %v, want 790.5 of 2020M09", s.Forecast, s.ForecastPeriod)
	}
	if !s.HasDeviation || !near(s.Deviation, 40.5) || !s.HasDeviationPct || !near(s.DeviationPct, 5.4) {
		t.Errorf("Deviation = %v (%v %%), want 40.5 (5.4 %%)", s.Deviation, s.DeviationPct)
	}
	if s.Spent != 520 || !s.HasSpentPct || !near(s.SpentPct, 65.78115117014548) {
		t.Errorf("Spent = %v (%v %%), want 520 (520/790.5 = 65.78 %%)", s.Spent, s.SpentPct)
	}
	if !s.HasDelay || s.Delay != 6 || s.Overdue {
		t.Errorf("Delay = %d overdue %v, want 6 and not overdue", s.Delay, s.Overdue)
	}
	want := []Revision{
		{Period: virk.MustParsePeriod("2019"), Value: 760, Change: 0},
		{Period: virk.MustParsePeriod("2020M03"), Value: 780, Change: 20},
		{Period: virk.MustParsePeriod("2020M09"), Value: 785, Change: 5, Replaced: time.Date(2020, 10, 15, 9, 0, 0, 0, time.UTC)},
		{Period: virk.MustParsePeriod("2020M09"), Value: 790.5, Change: 5.5},
	}
	if !slices.EqualFunc(s.History, want, func(a, b Revision) bool {
		return a.Period == b.Period && a.Value == b.Value && near(a.Change, b.Change) && a.Replaced.Equal(b.Replaced)
	}) {
		t.Errorf("History = %+v\nwant %+v", s.History, want)
	}

	// A year later the February 2021 figures are the current ones.
	s = StatusOf(p, m, 2021, d(2021, 12, 31))
	if s.Forecast != 800 || !near(s.Deviation, 50) || s.Spent != 600 || !near(s.SpentPct, 75) || len(s.History) != 5 || !near(s.History[4].Change, 9.5) {
		t.Errorf("2021: forecast %v deviation %v spent %v (%v %%), %d revisions", s.Forecast, s.Deviation, s.Spent, s.SpentPct, len(s.History))
	}
}

func TestStatusOf_Missing(t *testing.T) {
	// No money and no planned end: nothing is defined.
	p := &virk.Project{ID: "idé", Kind: virk.ProjectDigital, Phase: virk.PhaseIdea}
	s := StatusOf(p, nil, 2020, d(2020, 12, 31))
	if s.HasBudget || s.HasDeviation || s.HasDeviationPct || s.HasSpentPct || s.HasDelay || s.Overdue || !s.ForecastPeriod.IsZero() || len(s.History) != 0 {
		t.Errorf("got %+v", s)
	}
	// A forecast without a budget has no deviation; a budget of 0 no
	// percentage.
	m := &Money{Budget: map[int]float64{2020: 0}, Forecast: []Point{{Period: virk.YearPeriod(2020), Value: 3}}}
	s = StatusOf(p, m, 2020, d(2020, 12, 31))
	if !s.HasDeviation || s.Deviation != 3 || s.HasDeviationPct {
		t.Errorf("budget 0: deviation %v (%v %%, %v)", s.Deviation, s.DeviationPct, s.HasDeviationPct)
	}
}

func TestSortPoints(t *testing.T) {
	// The year's forecast is given at its end: after March, before the
	// next year's January; in the same last month a year goes before its
	// December.
	ps := []Point{
		{Period: virk.MustParsePeriod("2021M01"), Value: 4},
		{Period: virk.MustParsePeriod("2020"), Value: 2},
		{Period: virk.MustParsePeriod("2020M12"), Value: 3},
		{Period: virk.MustParsePeriod("2020K1"), Value: 0},
		{Period: virk.MustParsePeriod("2020M04"), Value: 1},
	}
	sortPoints(ps)
	for i, p := range ps {
		if p.Value != float64(i) {
			t.Errorf("place %d: %v", i, p.Period)
		}
	}
}

// portfolioStatuses is a property director's portfolio in 2020.
func portfolioStatuses() []*Status {
	return []*Status{
		// Over by 5,4 % and 6 months late.
		{ProjectID: "kgard", Kind: virk.ProjectBuilding, Phase: virk.PhaseExecution, Budget: 750, HasBudget: true,
			Forecast: 790.5, ForecastPeriod: virk.YearPeriod(2020), Deviation: 40.5, HasDeviation: true, DeviationPct: 5.4, HasDeviationPct: true,
			PlannedEnd: d(2021, 9, 30), ExpectedEnd: d(2022, 3, 31), Delay: 6, HasDelay: true},
		// 4,2 % over and 3 months late: within both thresholds.
		{ProjectID: "oks", Kind: virk.ProjectBuilding, Phase: virk.PhaseExecution, Budget: 1200, HasBudget: true,
			Forecast: 1250, ForecastPeriod: virk.YearPeriod(2020), Deviation: 50, HasDeviation: true, DeviationPct: 50.0 / 1200 * 100, HasDeviationPct: true,
			PlannedEnd: d(2022, 6, 30), ExpectedEnd: d(2022, 9, 30), Delay: 3, HasDelay: true},
		// 10 % over, and its planned end has passed.
		{ProjectID: "levre", Kind: virk.ProjectBuilding, Phase: virk.PhaseExecution, Budget: 300, HasBudget: true,
			Forecast: 330, ForecastPeriod: virk.YearPeriod(2020), Deviation: 30, HasDeviation: true, DeviationPct: 10, HasDeviationPct: true,
			PlannedEnd: d(2020, 8, 1), ExpectedEnd: d(2020, 8, 1), HasDelay: true, Overdue: true},
		// Small: 20 % over and 4 months late, in the list but not one of
		// the larger ones.
		{ProjectID: "bekk", Kind: virk.ProjectBuilding, Phase: virk.PhaseExecution, Budget: 40, HasBudget: true,
			Forecast: 48, ForecastPeriod: virk.YearPeriod(2020), Deviation: 8, HasDeviation: true, DeviationPct: 20, HasDeviationPct: true,
			PlannedEnd: d(2020, 8, 1), ExpectedEnd: d(2020, 12, 1), Delay: 4, HasDelay: true},
		// Exactly at both thresholds and at the size limit.
		{ProjectID: "edge", Kind: virk.ProjectBuilding, Phase: virk.PhasePlanning, Budget: 50, HasBudget: true,
			Forecast: 52.5, ForecastPeriod: virk.YearPeriod(2020), Deviation: 2.5, HasDeviation: true, DeviationPct: 2.5 / 50 * 100, HasDeviationPct: true,
			PlannedEnd: d(2023, 1, 1), ExpectedEnd: d(2023, 4, 1), Delay: 3, HasDelay: true},
		// Closed with an overrun: not followed up here.
		{ProjectID: "closed", Kind: virk.ProjectBuilding, Phase: virk.PhaseClosed, Budget: 100, HasBudget: true,
			Forecast: 150, ForecastPeriod: virk.YearPeriod(2019), Deviation: 50, HasDeviation: true, DeviationPct: 50, HasDeviationPct: true},
	}
}

func TestDeviations(t *testing.T) {
	got := Deviations(portfolioStatuses(), DefaultThresholds)
	want := []Deviation{
		{ProjectID: "kgard", Cost: true, Delay: true, Reasons: []string{
			"prognosen på 790,5 mill. kr er 40,5 mill. kr (5,4 %) over budsjettet på 750,0 mill. kr",
			"forventet ferdig 31.03.2022, 6 måneder etter planen (30.09.2021)",
		}},
		{ProjectID: "levre", Cost: true, Overdue: true, Reasons: []string{
			"prognosen på 330,0 mill. kr er 30,0 mill. kr (10,0 %) over budsjettet på 300,0 mill. kr",
			"skulle vært ferdig 01.08.2020, men er ikke meldt avsluttet",
		}},
		{ProjectID: "bekk", Cost: true, Delay: true, Reasons: []string{
			"prognosen på 48,0 mill. kr er 8,0 mill. kr (20,0 %) over budsjettet på 40,0 mill. kr",
			"forventet ferdig 01.12.2020, 4 måneder etter planen (01.08.2020)",
		}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d deviations, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ProjectID != w.ProjectID || g.Cost != w.Cost || g.Delay != w.Delay || g.Overdue != w.Overdue || !slices.Equal(g.Reasons, w.Reasons) {
			t.Errorf("deviation %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	// Stricter thresholds take in the project at 3 months and 4,2 %.
	got = Deviations(portfolioStatuses(), Thresholds{CostPct: 4, DelayMonths: 2, Large: 50})
	if len(got) != 5 || got[1].ProjectID != "oks" || !got[1].Cost || !got[1].Delay ||
		got[1].Reasons[0] != "prognosen på 1\u00a0250,0 mill. kr er 50,0 mill. kr (4,2 %) over budsjettet på 1\u00a0200,0 mill. kr" {
		t.Errorf("stricter: %+v", got)
	}
}

func TestSummary(t *testing.T) {
	names := map[string]string{"kgard": "Kommunegården", "oks": "Oksenøya senter", "levre": "Levre skole", "bekk": "Bekkestua skole"}
	name := func(id string) string { return names[id] }
	all := portfolioStatuses()
	onPlan := func(id string, budget float64) *Status {
		return &Status{ProjectID: id, Phase: virk.PhaseExecution, Budget: budget, HasBudget: true, HasDelay: true, Delay: 1,
			HasDeviationPct: true, DeviationPct: -2}
	}
	for _, tc := range []struct {
		name string
		sts  []*Status
		want string
	}{
		{"portfolio", all,
			"1 av de 3 større investeringsprosjektene er vesentlig forsinket: Kommunegården (6 måneder). " +
				"Prognosen er mer enn 5 % over budsjettet for Kommunegården (5,4 %) og Levre skole (10,0 %)."},
		{"none late", []*Status{onPlan("a", 51), onPlan("b", 200), onPlan("c", 900), onPlan("d", 75), all[3]},
			"Ingen av de 4 større investeringsprosjektene er vesentlig forsinket. Ingen av dem har en prognose mer enn 5 % over budsjettet."},
		{"two late", []*Status{all[0], {ProjectID: "oks", Budget: 1200, HasBudget: true, Delay: 4, HasDelay: true}, onPlan("c", 60)},
			"2 av de 3 større investeringsprosjektene er vesentlig forsinket: Kommunegården (6 måneder) og Oksenøya senter (4 måneder). " +
				"Prognosen er mer enn 5 % over budsjettet for Kommunegården (5,4 %)."},
		{"one large, late", []*Status{all[0], all[3]},
			"Det større investeringsprosjektet, Kommunegården, er vesentlig forsinket (6 måneder). Prognosen er mer enn 5 % over budsjettet for Kommunegården (5,4 %)."},
		{"one large, on plan", []*Status{all[1]},
			"Det større investeringsprosjektet, Oksenøya senter, er ikke vesentlig forsinket. Prognosen er ikke mer enn 5 % over budsjettet."},
		{"no large", []*Status{all[3], all[4], all[5]},
			"Ingen pågående investeringsprosjekter har budsjett over 50 mill. kr."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Summary(tc.sts, DefaultThresholds, name); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
	if got := Summary(all, Thresholds{CostPct: 2.5, DelayMonths: 12, Large: 2000}, nil); got !=
		"Ingen pågående investeringsprosjekter har budsjett over 2\u00a0000 mill. kr." {
		t.Errorf("large 2000: %q", got)
	}
	if got := Summary(all[1:2], Thresholds{CostPct: 2.5, DelayMonths: 2, Large: 100}, nil); got !=
		"Det større investeringsprosjektet, oks, er vesentlig forsinket (3 måneder). Prognosen er mer enn 2,5 % over budsjettet for oks (4,2 %)." {
		t.Errorf("2,5 %%: %q", got)
	}
}

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		dec  int
		want string
	}{
		{1422.3, 1, "1\u00a0422,3"},
		{-16.2, 1, "−16,2"},
		{-0.04, 1, "0,0"},
		{1234567, 0, "1\u00a0234\u00a0567"},
		{999, 0, "999"},
		{5.45, 2, "5,45"},
	} {
		if got := num(tc.v, tc.dec); got != tc.want {
			t.Errorf("num(%v, %d) = %q, want %q", tc.v, tc.dec, got, tc.want)
		}
	}
}
