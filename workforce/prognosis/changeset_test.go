package prognosis

import (
	"slices"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// TestProject_ChangeSet checks the observations, indicators, annotations
// and files of a change set against a projection worked out by hand.
func TestProject_ChangeSet(t *testing.T) {
	// 400 users aged 1–5 of 500 inhabitants and 100 årsverk: 0,25 per
	// user. The band doubles every year (500, 1 000, 2 000), so need is
	// 100, 200, 400. Of the workforce, 10 årsverk are 66 in 2020 and
	// retire at 67 in 2021; the other 90 (30–39) stay. Remaining: 100,
	// 90, 90. Recruitment need: 0, 110, 310; the year's: 110, 200.
	m := model(2020, 2022, Retirement{}, &Area{ID: "pleie_omsorg", Name: "Pleie og omsorg", Arsverk: 100,
		Groups:    []Group{{Band: Band{1, 5}, Users: 400}},
		Workforce: []Cohort{{Band: Band{66, 66}, Arsverk: 10}, {Band: Band{30, 39}, Arsverk: 90}}})
	pop := popFunc(2020, 2022, func(y, a int) float64 { return 100 * float64(int(1)<<(y-2020)) })
	res, err := Project(m, pop)
	if err != nil {
		t.Fatal(err)
	}
	files := []virk.File{{Name: "befolkning.csv", SHA256: "aa"}, {Name: "modell.json", SHA256: "bb"}}
	cs, err := ChangeSet(res, func(id string) bool { return id == "pleie_omsorg" }, files)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cs.Files, files) {
		t.Errorf("files %v, want %v", cs.Files, files)
	}
	want := map[string]map[int]float64{
		IndicatorNeeded:          {2020: 100, 2021: 200, 2022: 400},
		IndicatorRemaining:       {2020: 100, 2021: 90, 2022: 90},
		IndicatorRecruitmentNeed: {2020: 0, 2021: 110, 2022: 310},
		// The year's flows start the year after the base year.
		IndicatorRetirements: {2021: 10, 2022: 0},
		IndicatorTurnover:    {2021: 0, 2022: 0},
		IndicatorRecruitment: {2021: 110, 2022: 200},
	}
	got := map[string]map[int]float64{}
	for _, o := range cs.Observations {
		if o.EntityID != "pleie_omsorg" || o.Status != virk.StatusFinal || o.Source != Source || o.Period.Freq != virk.Annual {
			t.Errorf("observation %+v", o)
		}
		if got[o.IndicatorID] == nil {
			got[o.IndicatorID] = map[int]float64{}
		}
		if _, dup := got[o.IndicatorID][o.Period.Year]; dup {
			t.Errorf("%s %d twice", o.IndicatorID, o.Period.Year)
		}
		got[o.IndicatorID][o.Period.Year] = o.Value
	}
	for id, years := range want {
		if len(got[id]) != len(years) {
			t.Errorf("%s: %d years %v, want %v", id, len(got[id]), got[id], years)
		}
		for y, v := range years {
			if g, ok := got[id][y]; !ok || !near(g, v) {
				t.Errorf("%s %d = %v (present %v), want %v", id, y, g, ok, v)
			}
		}
	}
	if len(cs.Indicators) != 6 {
		t.Fatalf("%d indicators, want 6", len(cs.Indicators))
	}
	for _, ind := range cs.Indicators {
		if err := ind.Validate(); err != nil {
			t.Error(err)
		}
		if ind.Personnel || ind.Rollup != virk.RollupNone || ind.Unit != (virk.Unit{Name: "årsverk", Decimals: 1}) ||
			ind.Category != "Medarbeidere" || ind.Source != "KS-modell / SSB 14288" || ind.LabelEN == "" {
			t.Errorf("indicator %+v", ind)
		}
		if _, ok := want[ind.ID]; !ok {
			t.Errorf("indicator %s has no expected figures", ind.ID)
		}
	}
	// One comment per series, with the area's assumptions.
	if len(cs.Annotations) != 6 {
		t.Fatalf("%d annotations, want 6", len(cs.Annotations))
	}
	for i, a := range cs.Annotations {
		if err := a.Validate(); err != nil {
			t.Error(err)
		}
		if a.Kind != virk.AnnotationComment || a.EntityID != "pleie_omsorg" || !a.Period.IsZero() || a.IndicatorID != cs.Indicators[i].ID {
			t.Errorf("annotation %+v", a)
		}
		for _, s := range []string{
			"Forutsetninger for framskrivingen: Befolkningsframskriving: ikke oppgitt. Basisår 2020;",
			" Pleie og omsorg: brukergrupper 1–5 år; 400 brukere og 100,0 årsverk i 2020, altså 0,250 årsverk per bruker.",
			" Pensjonsalder 67 år. Ingen tidlig avgang (AFP) før pensjonsalderen.",
		} {
			if !strings.Contains(a.Text, s) {
				t.Errorf("annotation text\n%s\nlacks\n%s", a.Text, s)
			}
		}
	}
}

// TestProject_ChangeSetUnknownArea: an area that is not an entity of the
// catalogue is refused at its id in the configuration file.
func TestProject_ChangeSetUnknownArea(t *testing.T) {
	const cfg = `{"basisar": 2020, "sluttar": 2021,
 "omrader": [
  {"id": "pleie_omsorg", "arsverk": 10, "brukergrupper": [{"fra": 1, "til": 5, "brukere": 10}]},
  {"id": "pleie", "arsverk": 10, "brukergrupper": [{"fra": 1, "til": 5, "brukere": 10}]}
 ]}`
	cr := NewConfigReader(strings.NewReader(cfg))
	cr.File = "modell.json"
	m, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Project(m, flat(2020, 2021, 100))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := ChangeSet(res, func(id string) bool { return id == "pleie_omsorg" }, nil)
	if cs != nil {
		t.Errorf("a change set despite the fault: %+v", cs)
	}
	// The second area's id value starts on line 4, column 10 (two spaces, {"id": and a space).
	checkErr(t, err, ErrField, "modell.json:4:10: omrader[1].id: området «pleie» finnes ikke som enhet i katalogen")
	if strings.Contains(err.Error(), "omrader[0]") {
		t.Errorf("the known area is reported too: %v", err)
	}
}

// TestProject_AreaAssumptions: each area's own list has the shared
// assumptions and its own, and its retirement rules without a prefix,
// but not another area's.
func TestProject_AreaAssumptions(t *testing.T) {
	m := &Model{BaseYear: 2018, EndYear: 2020, Areas: []*Area{
		{ID: "a", Name: "Alfa", Arsverk: 10, Groups: []Group{{Band: Band{1, 5}, Users: 10}},
			Workforce: []Cohort{{Band: Band{30, 30}, Arsverk: 10}}},
		{ID: "b", Name: "Beta", Arsverk: 20, Groups: []Group{{Band: Band{6, 15}, Users: 10}},
			Workforce: []Cohort{{Band: Band{30, 39}, Arsverk: 20}}, Retirement: &Retirement{Age: 64.5}},
	}}
	res, err := Project(m, flat(2018, 2020, 100))
	if err != nil {
		t.Fatal(err)
	}
	a, b := res.Areas[0].Assumptions, res.Areas[1].Assumptions
	has := func(as Assumptions, s string) bool { return slices.Contains(as, s) }
	for _, tc := range []struct {
		as   Assumptions
		line string
		want bool
	}{
		{a, "Basisår 2018; framskrivingen går til og med 2020.", true},
		{b, "Basisår 2018; framskrivingen går til og med 2020.", true},
		{a, "Alfa: brukergrupper 1–5 år; 10 brukere og 10,0 årsverk i 2018, altså 1,000 årsverk per bruker.", true},
		{b, "Alfa: brukergrupper 1–5 år; 10 brukere og 10,0 årsverk i 2018, altså 1,000 årsverk per bruker.", false},
		{a, "Pensjonsalder 67 år.", true},
		{b, "Pensjonsalder 67 år.", false},
		{b, "Pensjonsalder 64,5 år i gjennomsnitt: 50\u00a0% av dem som fyller 64, går av da, resten ved 65.", true},
		// Only Beta's workforce is given in a band.
		{a, "Arbeidsstyrke oppgitt i aldersgrupper er fordelt likt på alderstrinnene i gruppen.", false},
		{b, "Arbeidsstyrke oppgitt i aldersgrupper er fordelt likt på alderstrinnene i gruppen.", true},
	} {
		if has(tc.as, tc.line) != tc.want {
			t.Errorf("has %q = %v, want %v, in\n%s", tc.line, !tc.want, tc.want, tc.as)
		}
	}
	// The printed list still names each area's own retirement rules.
	if !has(res.Assumptions, "Beta: pensjonsalder 64,5 år i gjennomsnitt: 50\u00a0% av dem som fyller 64, går av da, resten ved 65.") ||
		!has(res.Assumptions, "Øvrige områder: pensjonsalder 67 år.") {
		t.Errorf("assumptions:\n%s", res.Assumptions)
	}
}
