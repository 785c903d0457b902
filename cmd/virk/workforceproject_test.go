package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/workforce/prognosis"
)

// projectPop is a population of ages 0–5 whose persons double every
// year: 100 per age in 2020, 200 in 2021, 400 in 2022.
func projectPop() string {
	var b strings.Builder
	b.WriteString("alder;år;personer\n")
	for y := 2020; y <= 2022; y++ {
		for a := 0; a <= 5; a++ {
			fmt.Fprintf(&b, "%d;%d;%d\n", a, y, 100<<(y-2020))
		}
	}
	return b.String()
}

// projectModel is a model for helse_sosial, an entity of the demo
// catalogue: 400 users aged 1–5 and 100 årsverk, of which 10 are aged 66
// and 90 are 30–39. Line 6 holds the id, line 9 the user groups.
const projectModel = `{
  "basisar": 2020,
  "sluttar": 2022,
  "omrader": [
    {
      "id": "helse_sosial",
      "navn": "Helse og sosial",
      "arsverk": 100,
      "brukergrupper": [{"fra": 1, "til": 5, "brukere": 400}],
      "arbeidsstyrke": [{"alder": 66, "arsverk": 10}, {"fra": 30, "til": 39, "arsverk": 90}]
    }
  ]
}
`

// projectFiles writes the population and model to a temporary folder.
func projectFiles(t *testing.T, pop, model string) (popFile, modelFile string) {
	t.Helper()
	dir := t.TempDir()
	return writeFile(t, filepath.Join(dir, "befolkning.csv"), []byte(pop)),
		writeFile(t, filepath.Join(dir, "modell.json"), []byte(model))
}

// tableRow returns the fields of the printed table row that starts with
// the area and year, or nil.
func tableRow(out, area string, year int) []string {
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, area); ok {
			if f := strings.Fields(rest); len(f) > 0 && f[0] == strconv.Itoa(year) {
				return f[1:]
			}
		}
	}
	return nil
}

// TestWorkforceProject_Print: without --save, the assumptions and then
// the table, with figures worked out by hand, and nothing stored.
func TestWorkforceProject_Print(t *testing.T) {
	popFile, modelFile := projectFiles(t, projectPop(), projectModel)
	db := filepath.Join(t.TempDir(), "virk.db")
	env := map[string]string{"VIRK_DB": db}
	r := mustRun(t, env, "workforce", "project", "--population", popFile, modelFile)
	// Need: 400 of 500 aged 1–5 use 100 årsverk, 0,25 per user; the band
	// doubles, so need is 200 in 2021 and 400 in 2022. The 10 aged 66
	// retire at 67 in 2021: 90 remain, 10 retire. Recruitment need 200 −
	// 90 = 110 (all of it in 2021), then 400 − 90 = 310 (200 in 2022).
	for _, tc := range []struct {
		year int
		want []string
	}{
		{2021, []string{"200,0", "90,0", "10,0", "0,0", "110,0", "110,0"}},
		{2022, []string{"400,0", "90,0", "0,0", "0,0", "310,0", "200,0"}},
	} {
		if got := tableRow(r.stdout, "Helse og sosial", tc.year); !slices.Equal(got, tc.want) {
			t.Errorf("%d: row %q, want %q\n%s", tc.year, got, tc.want, r.stdout)
		}
	}
	heading := strings.Index(r.stdout, "Forutsetninger:\n")
	table := strings.Index(r.stdout, "Område")
	if heading != 0 || table < 0 {
		t.Fatalf("want the assumptions first, then the table:\n%s", r.stdout)
	}
	for _, line := range []string{
		"  Befolkningsframskriving: CSV-filen befolkning.csv.\n",
		"  Basisår 2020; framskrivingen går til og med 2022.\n",
		"  Helse og sosial: brukergrupper 1–5 år; 400 brukere og 100,0 årsverk i 2020, altså 0,250 årsverk per bruker.\n",
		"  Pensjonsalder 67 år.\n",
	} {
		if i := strings.Index(r.stdout, line); i < heading || i > table {
			t.Errorf("assumption %q not between the heading and the table:\n%s", line, r.stdout)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a projection without --save created the database")
	}
}

// TestWorkforceProject_Save: --dry-run stores nothing, --save stores the
// figures as indicators with the assumptions as comments, and a second
// --save changes nothing.
func TestWorkforceProject_Save(t *testing.T) {
	db, env := demoDB(t)
	popFile, modelFile := projectFiles(t, projectPop(), projectModel)
	ctx := context.Background()
	stored := func() (batches, obs int) {
		t.Helper()
		st, err := openStore(ctx, db, false)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		bs, err := st.FindBatches(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found, err := st.FindObservations(ctx, virk.ObservationFilter{IndicatorIDs: []string{prognosis.IndicatorNeeded}, EntityIDs: []string{"helse_sosial"}})
		if err != nil {
			t.Fatal(err)
		}
		return len(bs), len(found)
	}
	batches0, _ := stored()
	r := mustRun(t, env, "workforce", "project", "--population", popFile, "--save", "--dry-run", modelFile)
	if !strings.Contains(r.stdout, "Prøvekjøring (--dry-run): ingenting er lagret") ||
		!slices.Equal(summaryRow(r.stdout, "Observasjoner"), []string{"15", "0", "0"}) {
		t.Errorf("dry run:\n%s", r.stdout)
	}
	// A dry run is logged in the audit log, but stores no figures.
	if b, n := stored(); b != batches0 || n != 0 {
		t.Errorf("after the dry run: %d batches (before %d), %d observations", b, batches0, n)
	}
	r = mustRun(t, env, "workforce", "project", "--population", popFile, "--save", modelFile)
	// 3 years of needed, remaining and recruitment need, and 2 of the
	// year's retirements, turnover and recruitment: 15; 6 annotations.
	// The demo holds the indicators already, with its own projection.
	for name, want := range map[string][]string{"Indikatorer": {"0", "0", "6"}, "Observasjoner": {"15", "0", "0"}, "Merknader": {"6", "0", "0"}} {
		if got := summaryRow(r.stdout, name); !slices.Equal(got, want) {
			t.Errorf("save: %s %q, want %q:\n%s", name, got, want, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "Forutsetninger:") || !strings.Contains(r.stdout, "Lagret som batch") {
		t.Errorf("save:\n%s", r.stdout)
	}
	st, err := openStore(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	obs, err := st.FindObservations(ctx, virk.ObservationFilter{
		IndicatorIDs: []string{prognosis.IndicatorNeeded, prognosis.IndicatorRetirements, prognosis.IndicatorRecruitmentNeed, prognosis.IndicatorRecruitment},
		EntityIDs:    []string{"helse_sosial"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, o := range obs {
		got[fmt.Sprintf("%s/%s/%s", o.IndicatorID, o.EntityID, o.Period)] = o.Value
	}
	want := map[string]float64{
		"prognose_arsverk_behov/helse_sosial/2020":      100,
		"prognose_arsverk_behov/helse_sosial/2022":      400,
		"prognose_pensjonering/helse_sosial/2021":       10,
		"prognose_rekrutteringsbehov/helse_sosial/2020": 0,
		"prognose_rekrutteringsbehov/helse_sosial/2022": 310,
		"prognose_rekruttering/helse_sosial/2022":       200,
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s = %v (stored %v), want %v", k, g, ok, v)
		}
	}
	if len(got) != 3+2+3+2 {
		t.Errorf("%d observations, want 10: %v", len(got), got)
	}
	ind, err := st.FindIndicatorByID(ctx, prognosis.IndicatorNeeded)
	if err != nil {
		t.Fatal(err)
	}
	if ind.Personnel || ind.Category != "Medarbeidere" || ind.Unit.Name != "årsverk" {
		t.Errorf("indicator %+v", ind)
	}
	anns, err := st.FindAnnotations(ctx, virk.AnnotationFilter{IndicatorIDs: []string{prognosis.IndicatorNeeded}, EntityIDs: []string{"helse_sosial"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(anns) != 1 || anns[0].Kind != virk.AnnotationComment || anns[0].EntityID != "helse_sosial" ||
		!strings.Contains(anns[0].Text, "400 brukere og 100,0 årsverk i 2020, altså 0,250 årsverk per bruker.") {
		t.Errorf("annotations %+v", anns)
	}
	batches, err := st.FindBatches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if b := batches[0]; len(b.Files) != 2 || b.Files[0].Name != "befolkning.csv" || b.Files[1].Name != "modell.json" || len(b.Files[0].SHA256) != 64 {
		t.Errorf("batch files %+v", b.Files)
	}

	r = mustRun(t, env, "workforce", "project", "--population", popFile, "--save", modelFile)
	if !strings.Contains(r.stdout, "Ingen endringer") || !slices.Equal(summaryRow(r.stdout, "Observasjoner"), []string{"0", "0", "15"}) ||
		!slices.Equal(summaryRow(r.stdout, "Merknader"), []string{"0", "0", "6"}) {
		t.Errorf("second save:\n%s", r.stdout)
	}
	if b, n := stored(); b != len(batches) || n != 3 {
		t.Errorf("after the second save: %d batches (before %d), %d needed figures (want 3)", b, len(batches), n)
	}
}

// summaryRow returns the counts printed for one record type in an
// import summary: new, changed, unchanged.
func summaryRow(out, name string) []string {
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			return strings.Fields(rest)
		}
	}
	return nil
}

// TestWorkforceProject_BadInput: each fault is refused with its file,
// line and column, and the database is byte for byte as before.
func TestWorkforceProject_BadInput(t *testing.T) {
	db, env := demoDB(t)
	pop := projectPop()
	for _, tc := range []struct {
		name, pop, model, want string
	}{
		{"unknown area", pop, strings.Replace(projectModel, `"helse_sosial"`, `"helse_sosialen"`, 1),
			"modell.json:6:13: omrader[0].id: området «helse_sosialen» finnes ikke som enhet i katalogen"},
		{"overlapping band", pop, strings.Replace(projectModel, `[{"fra": 1, "til": 5, "brukere": 400}]`, `[{"fra": 1, "til": 5, "brukere": 400}, {"fra": 5, "til": 5, "brukere": 1}]`, 1),
			"modell.json:9:63: omrader[0].brukergrupper[1]: 5 år overlapper med omrader[0].brukergrupper[0] (1–5 år)"},
		{"negative årsverk", pop, strings.Replace(projectModel, `"arsverk": 100`, `"arsverk": -100`, 1),
			"modell.json:8:18: omrader[0].arsverk: verdien -100 er negativ"},
		{"age missing", strings.Replace(pop, "5;2022;400\n", "", 1), projectModel,
			"modell.json:9:25: omrader[0].brukergrupper[0]: befolkningen mangler 5-åringer i 2022 (aldersgruppe 1–5 år)"},
		{"bad population", strings.Replace(pop, "3;2021;200", "3;2021;mange", 1), projectModel,
			"befolkning.csv:11:3: personer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			popFile, modelFile := projectFiles(t, tc.pop, tc.model)
			before := readFile(t, db)
			r := virkCmd(t, env, "workforce", "project", "--population", popFile, "--save", modelFile)
			msg := strings.ReplaceAll(r.stderr, filepath.Dir(modelFile)+string(filepath.Separator), "")
			if r.code != 1 || !strings.Contains(msg, "ingenting er lagret") || !strings.Contains(msg, tc.want) {
				t.Errorf("exit %d, want 1 with %q\nstderr: %s", r.code, tc.want, msg)
			}
			if r.stdout != "" {
				t.Errorf("printed despite the fault:\n%s", r.stdout)
			}
			if after := readFile(t, db); !bytes.Equal(before, after) {
				t.Errorf("the failed projection changed the database")
			}
		})
	}
}

// TestWorkforceProject_Region: a JSON-stat file with two regions needs
// --region, and the error lists them.
func TestWorkforceProject_Region(t *testing.T) {
	pop := filepath.Join("..", "..", "workforce", "prognosis", "testdata", "14288-synthetic.json")
	// In the test file Bærum's persons aged a in year t sum to
	// 300 + 20·a + 3·(t − 2024) over the sexes: ages 0–1 are 300 + 320 =
	// 620 in 2024 and 626 in 2025. 62 årsverk for 62 users make the need
	// 62 × 626/620 = 62,6 in 2025, and with no one leaving a
	// recruitment need of 0,6.
	model := writeFile(t, filepath.Join(t.TempDir(), "modell.json"), []byte(`{"basisar": 2024, "sluttar": 2025, "omrader": [
 {"id": "pleie_omsorg", "navn": "Pleie og omsorg", "arsverk": 62,
  "brukergrupper": [{"fra": 0, "til": 1, "brukere": 62}], "arbeidsstyrke": [{"alder": 40, "arsverk": 62}]}]}`))
	env := map[string]string{"VIRK_DB": filepath.Join(t.TempDir(), "virk.db")}
	r := virkCmd(t, env, "workforce", "project", "--population", pop, model)
	for _, want := range []string{"dimension.Region: region: filen har 2 kategorier (K-3024, K-3025); velg én", "Velg regionen med --region"} {
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, want 1 with %q\nstderr: %s", r.code, want, r.stderr)
		}
	}
	r = mustRun(t, env, "workforce", "project", "--population", pop, "--region", "3024", "--alternative", "MMMM", model)
	if got, want := tableRow(r.stdout, "Pleie og omsorg", 2025), []string{"62,6", "62,0", "0,0", "0,0", "0,6", "0,6"}; !slices.Equal(got, want) {
		t.Errorf("row %q, want %q\n%s", got, want, r.stdout)
	}
	if !strings.Contains(r.stdout, "Bærum (K-3024).") {
		t.Errorf("the assumptions do not name the region:\n%s", r.stdout)
	}
}

// TestWorkforceProject_Demo: the demo's population is the formula its
// README gives, and the demo model projects with base-year figures
// worked out from the inputs and a growing need in pleie og omsorg.
func TestWorkforceProject_Demo(t *testing.T) {
	fsys := demo.Prognosis()
	popData, err := fs.ReadFile(fsys, "befolkning.csv")
	if err != nil {
		t.Fatal(err)
	}
	modelData, err := fs.ReadFile(fsys, "modell.json")
	if err != nil {
		t.Fatal(err)
	}
	// README.md: persons(a, t) = round(level(a) × (1 + r(a))^(t − 2018)).
	level := func(a int) float64 {
		bands := []struct {
			to    int
			level float64
		}{{0, 1400}, {5, 1500}, {15, 1650}, {19, 1600}, {29, 1250}, {39, 1500}, {49, 1850}, {59, 1750}, {66, 1400},
			{79, 1050}, {89, 500}, {99, 160}, {104, 20}, {105, 5}}
		for _, b := range bands {
			if a <= b.to {
				return b.level
			}
		}
		return math.NaN()
	}
	rate := func(a int) float64 {
		switch {
		case a < 67:
			return 0.008
		case a < 80:
			return 0.015
		}
		return 0.035
	}
	persons := func(a, y int) float64 { return math.Round(level(a) * math.Pow(1+rate(a), float64(y-2018))) }
	sum := func(from, to, y int) float64 {
		s := 0.0
		for a := from; a <= to; a++ {
			s += persons(a, y)
		}
		return s
	}
	lines := strings.Split(strings.TrimSpace(string(popData)), "\n")
	if lines[0] != "alder;år;personer" || len(lines) != 1+23*106 {
		t.Fatalf("header %q, %d lines; want 1 + 23 years × 106 ages", lines[0], len(lines))
	}
	for i, line := range lines[1:] {
		a, y := i%106, 2018+i/106
		age := strconv.Itoa(a)
		if a == 105 {
			age = "105+"
		}
		if want := fmt.Sprintf("%s;%d;%.0f", age, y, persons(a, y)); line != want {
			t.Fatalf("line %d: %q, want %q", i+2, line, want)
		}
	}
	if got := sum(0, 105, 2018); got != 125455 {
		t.Errorf("2018 population %v, want 125 455 as README.md says", got)
	}

	pop, err := prognosis.ReadPopulation(bytes.NewReader(popData), "")
	if err != nil {
		t.Fatal(err)
	}
	model, err := prognosis.ReadConfig(bytes.NewReader(modelData))
	if err != nil {
		t.Fatal(err)
	}
	res, err := prognosis.Project(model, pop)
	if err != nil {
		t.Fatal(err)
	}
	areas := map[string]*prognosis.AreaResult{}
	for _, ar := range res.Areas {
		areas[ar.ID] = ar
	}
	po := areas["pleie_omsorg"]
	if po == nil || areas["oppvekst_barnehage"] == nil || areas["oppvekst_skole"] == nil || res.BaseYear != 2018 || res.EndYear != 2040 {
		t.Fatalf("areas %v, %d–%d", res.Areas, res.BaseYear, res.EndYear)
	}
	// Users in 2018: 5 % of 13 × 1 050, 25 % of 10 × 500 and 55 % of
	// 10 × 160 + 5 × 20 + 5 = 682,5 + 1 250 + 937,75 = 2 870,25 for
	// 2 082 årsverk; the workforce bands add up to 2 082 too.
	users := 0.05*13*1050 + 0.25*10*500 + 0.55*(10*160+5*20+5)
	if users != 2870.25 || po.Users != users || po.PerUser != 2082/users || po.Base.Needed != 2082 || po.Base.Remaining != 2082 || po.Base.RecruitmentNeed != 0 {
		t.Errorf("pleie_omsorg 2018: users %v, per user %v, base %+v; want %v users, %v per user, 2 082 needed and remaining",
			po.Users, po.PerUser, po.Base, users, 2082/users)
	}
	// 2040: each group's coverage held, at the same årsverk per user.
	want2040 := (0.05*sum(67, 79, 2040) + 0.25*sum(80, 89, 2040) + 0.55*sum(90, 105, 2040)) * 2082 / users
	last := po.Years[len(po.Years)-1]
	if last.Year != 2040 || math.Abs(last.Needed-want2040) > 1e-6 {
		t.Errorf("pleie_omsorg 2040: need %v in %d, want %v", last.Needed, last.Year, want2040)
	}
	prev := po.Base.Needed
	for _, y := range po.Years {
		if y.Needed <= prev {
			t.Errorf("pleie_omsorg: need %v in %d, not above %v the year before", y.Needed, y.Year, prev)
		}
		prev = y.Needed
	}
	// Barnehage: 95 % of 5 × 1 500 children is 7 125 users for 1 218
	// årsverk. In 2019 the 60–66 band (98 årsverk, 14 a year) loses
	// those turning 67 — the 14 aged 66 — and 8 % of the 14 turning 62,
	// 8 % of 28 turning 63–64 and 15 % of the 28 turning 65–66:
	// 14 + 1,12 + 2,24 + 4,2 = 21,56.
	bh := areas["oppvekst_barnehage"]
	if bh.Users != 0.95*5*1500 || math.Abs(bh.Years[0].Retirements-21.56) > 1e-9 {
		t.Errorf("oppvekst_barnehage: users %v, retirements 2019 %v; want 7 125 and 21,56", bh.Users, bh.Years[0].Retirements)
	}
}
