package portfolio

import (
	"slices"
	"testing"

	"github.com/virk-analyse/virk"
)

// benefitCase is two projects (robot: robotised payroll; selv:
// self-service HR) whose benefits land in three units. Both promise
// −2 årsverk in hr_service from 10, which moved to 7: −3 against −4
// planned, shared −1,5 each. In lonn, case-handling time went from 20 to
// 14 days against a target of 12 due mid-2021 (past), and årsverk from 5
// to 3,5 against 4 (beyond the target). In skole, satisfaction has only
// its baseline year's value and årsverk no value at all. Each project also
// has a qualitative benefit.
func benefitCase() ([]*virk.Benefit, []virk.Observation) {
	bs := []*virk.Benefit{
		{ID: "b1", ProjectID: "robot", EntityID: "hr_service", IndicatorID: "arsverk", Baseline: 10, BaselineYear: 2019, Target: 8, Due: d(2022, 12, 31)},
		{ID: "b2", ProjectID: "selv", EntityID: "hr_service", IndicatorID: "arsverk", Baseline: 10, BaselineYear: 2019, Target: 8, Due: d(2022, 6, 30)},
		{ID: "b3", ProjectID: "robot", EntityID: "lonn", IndicatorID: "saksbehandlingstid", Baseline: 20, BaselineYear: 2019, Target: 12, Due: d(2021, 6, 30)},
		{ID: "b4", ProjectID: "robot", EntityID: "lonn", IndicatorID: "arsverk", Baseline: 5, BaselineYear: 2020, Target: 4, Due: d(2021, 12, 31)},
		{ID: "b5", ProjectID: "selv", EntityID: "skole", IndicatorID: "fornoyd", Baseline: 70, BaselineYear: 2020, Target: 80, Due: d(2022, 12, 31)},
		{ID: "b6", ProjectID: "selv", EntityID: "skole", Text: "Bedre oversikt over eget fravær for ansatte"},
		{ID: "b7", ProjectID: "robot", EntityID: "hr_service", Text: "Færre feil i lønnskjøringen"},
		{ID: "b8", ProjectID: "selv", EntityID: "skole", IndicatorID: "arsverk", Baseline: 30, BaselineYear: 2020, Target: 29, Due: d(2023, 6, 30)},
	}
	o := []virk.Observation{
		obs("arsverk", "hr_service", "2019", 10),
		obs("arsverk", "hr_service", "2020", 8.5),
		obs("arsverk", "hr_service", "2021", 7),
		obs("arsverk", "hr_service", "2022", 6), // after the year reported
		obs("saksbehandlingstid", "lonn", "2021", 14),
		obs("arsverk", "lonn", "2020", 5),
		obs("arsverk", "lonn", "2021", 3.5),
		obs("fornoyd", "skole", "2020", 70),
		obs("arsverk", "skole", "2021M06", 28), // not annual: not read
		{IndicatorID: "arsverk", EntityID: "skole", Period: virk.YearPeriod(2021), Status: virk.StatusSuppressed},
	}
	return bs, o
}

func TestBenefits(t *testing.T) {
	bs, o := benefitCase()
	rows := Benefits(bs, ValuesFrom(o), 2021, d(2021, 12, 31))
	type row struct {
		status                           BenefitStatus
		measured                         bool
		value                            float64
		year                             int
		planned, change, realised, share float64
		hasShare                         bool
		shared                           int
	}
	want := []row{
		{BenefitOnTrack, true, 7, 2021, -2, -3, -1.5, 75, true, 2},
		{BenefitOnTrack, true, 7, 2021, -2, -3, -1.5, 75, true, 2},
		{BenefitMissed, true, 14, 2021, -8, -6, -6, 75, true, 1},
		{BenefitRealised, true, 3.5, 2021, -1, -1.5, -1.5, 150, true, 1},
		{BenefitNotMeasured, false, 0, 0, 10, 0, 0, 0, false, 0},
		{BenefitQualitative, false, 0, 0, 0, 0, 0, 0, false, 0},
		{BenefitQualitative, false, 0, 0, 0, 0, 0, 0, false, 0},
		{BenefitNotMeasured, false, 0, 0, -1, 0, 0, 0, false, 0},
	}
	for i, w := range want {
		r := rows[i]
		g := row{r.Status, r.Measured, r.Value, r.ValueYear, r.Planned, r.Change, r.Realised, r.Share, r.HasShare, r.Shared}
		if g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", bs[i].ID, g, w)
		}
	}
	// Half a year earlier, before b3's due date, it is on its way; the
	// 2020 values are read (hr_service 8,5: −1,5 shared −0,75 each).
	rows = Benefits(bs, ValuesFrom(o), 2020, d(2020, 12, 31))
	if rows[0].Realised != -0.75 || rows[0].Status != BenefitOnTrack || rows[2].Status != BenefitNotMeasured || rows[3].Status != BenefitNotMeasured {
		t.Errorf("2020: b1 %v %s, b3 %s, b4 %s", rows[0].Realised, rows[0].Status, rows[2].Status, rows[3].Status)
	}
	// Without values nothing is measured.
	for _, r := range Benefits(bs, nil, 2021, d(2021, 12, 31)) {
		if r.Status != BenefitNotMeasured && r.Status != BenefitQualitative {
			t.Errorf("%s: %s without values", r.Benefit.ID, r.Status)
		}
	}
}

func TestBenefits_Shared(t *testing.T) {
	// Different baselines and sizes: the movement since the earliest
	// baseline (10 → 7, −3) is shared 2 : 1 by the planned changes.
	bs := []*virk.Benefit{
		{ID: "a", ProjectID: "p", EntityID: "u", IndicatorID: "x", Baseline: 9, BaselineYear: 2020, Target: 8, Due: d(2022, 1, 1)},
		{ID: "b", ProjectID: "q", EntityID: "u", IndicatorID: "x", Baseline: 10, BaselineYear: 2019, Target: 8, Due: d(2022, 1, 1)},
		{ID: "c", ProjectID: "q", EntityID: "u", IndicatorID: "x", Baseline: 7, BaselineYear: 2021, Target: 7, Due: d(2020, 1, 1)}, // not measured: no value after 2021
		{ID: "d", ProjectID: "q", EntityID: "v", IndicatorID: "x", Baseline: 7, BaselineYear: 2019, Target: 7, Due: d(2020, 1, 1)}, // plans no change and keeps it
	}
	value := func(ind, ent string, year int) (float64, int, bool) { return 7, 2021, true }
	rows := Benefits(bs, value, 2021, d(2021, 12, 31))
	for i, w := range []struct {
		realised float64
		status   BenefitStatus
		shared   int
	}{{-1, BenefitRealised, 2}, {-2, BenefitRealised, 2}, {0, BenefitNotMeasured, 0}, {0, BenefitRealised, 1}} {
		if r := rows[i]; !near(r.Realised, w.realised) || r.Status != w.status || r.Shared != w.shared {
			t.Errorf("%s: realised %v %s shared %d, want %v %s %d", bs[i].ID, r.Realised, r.Status, r.Shared, w.realised, w.status, w.shared)
		}
	}
	if rows[3].HasShare {
		t.Errorf("d: a share of a planned change of 0")
	}
}

func checkRollups(t *testing.T, got, want []Rollup) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d roll-ups, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		same := g.ID == w.ID && g.Measurable == w.Measurable && g.Measured == w.Measured && g.Realised == w.Realised &&
			g.OnTrack == w.OnTrack && g.Missed == w.Missed && g.NotMeasured == w.NotMeasured && g.Qualitative == w.Qualitative &&
			slices.EqualFunc(g.Indicators, w.Indicators, func(a, b IndicatorSum) bool {
				return a.IndicatorID == b.IndicatorID && a.Benefits == b.Benefits && a.Measured == b.Measured &&
					near(a.Planned, b.Planned) && near(a.PlannedMeasured, b.PlannedMeasured) && near(a.Realised, b.Realised)
			})
		if !same {
			t.Errorf("%s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
}

func TestByProject(t *testing.T) {
	bs, o := benefitCase()
	got := ByProject(Benefits(bs, ValuesFrom(o), 2021, d(2021, 12, 31)))
	checkRollups(t, got, []Rollup{
		{ID: "robot", Indicators: []IndicatorSum{
			{IndicatorID: "arsverk", Benefits: 2, Measured: 2, Planned: -3, PlannedMeasured: -3, Realised: -3},
			{IndicatorID: "saksbehandlingstid", Benefits: 1, Measured: 1, Planned: -8, PlannedMeasured: -8, Realised: -6},
		}, Measurable: 3, Measured: 3, Realised: 1, OnTrack: 1, Missed: 1, Qualitative: 1},
		{ID: "selv", Indicators: []IndicatorSum{
			{IndicatorID: "arsverk", Benefits: 2, Measured: 1, Planned: -3, PlannedMeasured: -2, Realised: -1.5},
			{IndicatorID: "fornoyd", Benefits: 1, Planned: 10},
		}, Measurable: 3, Measured: 1, OnTrack: 1, NotMeasured: 2, Qualitative: 1},
	})
}

func TestByUnit(t *testing.T) {
	bs, o := benefitCase()
	got := ByUnit(Benefits(bs, ValuesFrom(o), 2021, d(2021, 12, 31)))
	checkRollups(t, got, []Rollup{
		// Two projects' −2 each add up to −4 planned; the unit moved −3,
		// counted once.
		{ID: "hr_service", Indicators: []IndicatorSum{
			{IndicatorID: "arsverk", Benefits: 2, Measured: 2, Planned: -4, PlannedMeasured: -4, Realised: -3},
		}, Measurable: 2, Measured: 2, OnTrack: 2, Qualitative: 1},
		{ID: "lonn", Indicators: []IndicatorSum{
			{IndicatorID: "arsverk", Benefits: 1, Measured: 1, Planned: -1, PlannedMeasured: -1, Realised: -1.5},
			{IndicatorID: "saksbehandlingstid", Benefits: 1, Measured: 1, Planned: -8, PlannedMeasured: -8, Realised: -6},
		}, Measurable: 2, Measured: 2, Realised: 1, Missed: 1},
		{ID: "skole", Indicators: []IndicatorSum{
			{IndicatorID: "arsverk", Benefits: 1, Planned: -1},
			{IndicatorID: "fornoyd", Benefits: 1, Planned: 10},
		}, Measurable: 2, NotMeasured: 2, Qualitative: 1},
	})
}
