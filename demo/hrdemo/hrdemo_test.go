package hrdemo

import (
	"bytes"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/workforce"
)

// catalogue returns the demo catalogue.
func catalogue(tb testing.TB) *virk.Catalogue {
	tb.Helper()
	files, err := demo.Files()
	if err != nil {
		tb.Fatal(err)
	}
	cf, err := ingest.ReadCatalogue(bytes.NewReader(files[0].Data))
	if err != nil {
		tb.Fatal(err)
	}
	return virk.NewCatalogue(cf.Indicators, cf.Entities)
}

// computed is the result of Compute keyed by indicator, entity and period.
type computed map[string]virk.Observation

func key(ind, ent string, p virk.Period) string { return ind + " " + ent + " " + p.String() }

// compute reads the extract through ingest and computes it over the demo
// catalogue, as `virk workforce import` does.
func compute(tb testing.TB, cat *virk.Catalogue, ansatte, fravaer []byte) (computed, *workforce.Result) {
	tb.Helper()
	opts := ingest.HROptions{Unit: func(id string) bool { e := cat.Entity(id); return e != nil && e.Kind != virk.KindGroup }}
	emps, err := ingest.ReadEmployments("ansatte.csv", ansatte, opts)
	if err != nil {
		tb.Fatal(err)
	}
	abs, err := ingest.ReadAbsences("fravaer.csv", fravaer, opts)
	if err != nil {
		tb.Fatal(err)
	}
	if faults := workforce.CheckAbsences(emps, abs); len(faults) > 0 {
		tb.Fatalf("%d faults in the absences, first %s", len(faults), faults[0])
	}
	res, err := workforce.Compute(&workforce.Input{Employments: emps, Absences: abs, Catalogue: cat})
	if err != nil {
		tb.Fatal(err)
	}
	out := computed{}
	for _, o := range res.Observations {
		out[key(o.IndicatorID, o.EntityID, o.Period)] = o
	}
	return out, res
}

// seedFigure is a figure chapter 6 of the seed prints, with the decimals
// it is printed with.
type seedFigure struct {
	ind, ent string
	year     int
	want     float64
	decimals int
}

func seedFigures() []seedFigure {
	const b = "baerum"
	f := []seedFigure{
		{"arsverk_faste", b, 2018, 7524, 0},
		{"ansatte_faste", b, 2018, 9807, 0},
		{"ansatte_timelonnede", b, 2018, 2766, 0},
		{"gjennomsnittsalder", b, 2018, 44.9, 1},
		{"gjennomsnittsalder_menn", b, 2018, 43.7, 1},
		{"gjennomsnittsalder_kvinner", b, 2018, 45.4, 1},
		{"gjennomsnittsalder", b, 2016, 45.1, 1},
		{"turnover", b, 2017, 8.9, 1},
		{"turnover", b, 2018, 9.5, 1},
		{"turnover", "oppvekst_barnehage", 2017, 10.9, 1},
		{"turnover", "oppvekst_barnehage", 2018, 12.7, 1},
		{"turnover", "tekniske_tjenester", 2017, 7.1, 1},
		{"turnover", "tekniske_tjenester", 2018, 10.1, 1},
		{"andel_ufaglaerte", b, 2018, 18.5, 1},
		{"andel_fagarbeidere", b, 2018, 22.5, 1},
		{"andel_faglaerte", "oppvekst_barnehage", 2017, 59.0, 1},
		{"andel_faglaerte", "oppvekst_barnehage", 2018, 67.7, 1},
		{"andel_faglaerte", "pleie_omsorg", 2018, 76.3, 1},
		{"laerlinger", b, 2016, 80, 0},
		{"laerlinger", b, 2017, 90, 0},
		{"laerlinger", b, 2018, 88, 0},
		{"andel_100_stilling", b, 2017, 53, 0},
		{"andel_100_stilling", b, 2018, 57, 0},
		{"andel_deltid", b, 2016, 35, 0},
		{"andel_deltid", b, 2017, 35, 0},
		{"andel_deltid", b, 2018, 31, 0},
		{"sykefravaer", b, 2017, 7.5, 1},
		{"sykefravaer", b, 2018, 7.3, 1},
		{"sykefravaer_langtid", b, 2018, 4.7, 1},
		{"sykefravaer_korttid", b, 2018, 2.6, 1},
		{"sykefravaer", "pleie_omsorg", 2017, 9.8, 1},
		{"sykefravaer", "pleie_omsorg", 2018, 9.0, 1},
		{"sykefravaer", "oppvekst_skole", 2018, 5.7, 1},
		{"sykefravaer", "helse_sosial", 2017, 8.0, 1},
		{"sykefravaer", "helse_sosial", 2018, 8.0, 1},
		{"sykefravaer", "oppvekst_barnehage", 2017, 8.1, 1},
		{"sykefravaer", "oppvekst_barnehage", 2018, 8.1, 1},
	}
	// §6.1.6 «Minoritetsbakgrunn»: årsverk, men, women, % of total, for
	// 2017 (årsverk with two decimals) and 2018.
	minority := []struct {
		ent string
		y17 [4]float64
		y18 [4]float64
	}{
		{"oppvekst_skole", [4]float64{134.54, 59, 156, 6.1}, [4]float64{126.2, 62, 138, 5.8}},
		{"oppvekst_barnehage", [4]float64{95.80, 9, 90, 10.2}, [4]float64{97.2, 8, 95, 8.0}},
		{"pleie_omsorg", [4]float64{642.61, 219, 638, 31.9}, [4]float64{659.4, 239, 654, 31.7}},
		{"helse_sosial", [4]float64{61.97, 34, 41, 9.4}, [4]float64{67.9, 37, 46, 9.2}},
		{"tekniske_tjenester", [4]float64{59.60, 43, 26, 8.8}, [4]float64{58.6, 42, 27, 8.2}},
		{"ovrige", [4]float64{58.34, 18, 66, 5.7}, [4]float64{61.3, 19, 69, 5.9}},
		{b, [4]float64{1052.9, 382, 1017, 14.0}, [4]float64{1070.6, 407, 1029, 13.4}},
	}
	for _, m := range minority {
		fte := 2
		if m.ent == b {
			fte = 1
		}
		f = append(f,
			seedFigure{"minoritet_arsverk", m.ent, 2017, m.y17[0], fte},
			seedFigure{"minoritet_menn", m.ent, 2017, m.y17[1], 0},
			seedFigure{"minoritet_kvinner", m.ent, 2017, m.y17[2], 0},
			seedFigure{"andel_minoritet", m.ent, 2017, m.y17[3], 1},
			seedFigure{"minoritet_arsverk", m.ent, 2018, m.y18[0], 1},
			seedFigure{"minoritet_menn", m.ent, 2018, m.y18[1], 0},
			seedFigure{"minoritet_kvinner", m.ent, 2018, m.y18[2], 0},
			seedFigure{"andel_minoritet", m.ent, 2018, m.y18[3], 1})
	}
	return f
}

// round rounds v half away from zero to d decimals, as the seed prints.
func round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}

// TestFiles checks that the extract, read and computed as an import
// would, gives every figure chapter 6 of the seed prints, rounded as it
// prints them, for the demo's seed and another.
func TestFiles(t *testing.T) {
	cat := catalogue(t)
	for _, seed := range []int64{Seed, 7} {
		start := time.Now()
		ansatte, fravaer := Files(seed)
		gen := time.Since(start)
		got, res := compute(t, cat, ansatte, fravaer)
		t.Logf("seed %d: %d employment rows (%d bytes), %d spells (%d bytes), %d persons; generated in %v, read and computed in %v",
			seed, res.Rows, len(ansatte), res.Spells, len(fravaer), res.Persons, gen.Round(time.Millisecond), (time.Since(start) - gen).Round(time.Millisecond))
		for _, f := range seedFigures() {
			name := key(f.ind, f.ent, virk.YearPeriod(f.year))
			t.Run(strings.ReplaceAll(name, " ", "/"), func(t *testing.T) {
				o, ok := got[name]
				switch {
				case !ok:
					t.Fatalf("seed %d: not computed", seed)
				case o.Status != virk.StatusFinal:
					t.Fatalf("seed %d: status %s", seed, o.Status)
				case round(o.Value, f.decimals) != f.want:
					t.Errorf("seed %d: %.4f, want %.*f", seed, o.Value, f.decimals, f.want)
				}
			})
		}
	}
}

// demoFiles is the extract of the demo's seed, made once for the tests.
var demoFiles = sync.OnceValues(func() ([]byte, []byte) { return Files(Seed) })

// TestFiles_Disclosure checks that disclosure control works on the
// kindergarten districts: Vest's 3 minority men of 2018 are suppressed,
// with their complements, while no figure of Bærum or of a chapter 6
// area is.
func TestFiles_Disclosure(t *testing.T) {
	cat := catalogue(t)
	ansatte, fravaer := demoFiles()
	got, res := compute(t, cat, ansatte, fravaer)
	cell := key("minoritet_menn", Vest, virk.YearPeriod(2018))
	if o, ok := got[cell]; !ok || o.Status != virk.StatusSuppressed {
		t.Errorf("%s: %+v, want suppressed", cell, o)
	}
	areas := map[string]bool{"baerum": true}
	for _, p := range plans {
		areas[p.id] = true
	}
	for k, o := range got {
		if areas[o.EntityID] && o.Status != virk.StatusFinal {
			t.Errorf("%s: %s", k, o.Status)
		}
	}
	for _, ind := range []string{"minoritet_menn", "minoritet_kvinner", "minoritet_arsverk", "andel_minoritet"} {
		k := key(ind, "oppvekst_barnehage", virk.YearPeriod(2018))
		if o := got[k]; o.Status != virk.StatusFinal {
			t.Errorf("%s: %s, want published", k, o.Status)
		}
	}
	t.Logf("%d of %d figures suppressed", res.Suppressed, len(res.Observations))
	// Without disclosure control the cell holds 1–4 persons.
	emps, _ := ingest.ReadEmployments("ansatte.csv", ansatte, ingest.HROptions{})
	abs, _ := ingest.ReadAbsences("fravaer.csv", fravaer, ingest.HROptions{})
	open, err := workforce.Compute(&workforce.Input{Employments: emps, Absences: abs, Catalogue: cat, Threshold: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range open.Observations {
		if key(o.IndicatorID, o.EntityID, o.Period) == cell && (o.Value < 1 || o.Value > 4) {
			t.Errorf("%s is %v persons, want 1–4", cell, o.Value)
		}
	}
}

// TestFiles_Deterministic checks that a seed gives the same bytes, and
// another seed other persons.
func TestFiles_Deterministic(t *testing.T) {
	a1, f1 := demoFiles()
	a2, f2 := Files(Seed)
	if !bytes.Equal(a1, a2) || !bytes.Equal(f1, f2) {
		t.Error("the same seed gave different extracts")
	}
	if a3, _ := Files(Seed + 1); bytes.Equal(a1, a3) {
		t.Error("another seed gave the same extract")
	}
}

// TestFiles_Plausible checks what the seed tells without a figure and
// what the demo promises of its structure: Tekniske tjenester and Øvrige
// had more sick leave in 2018 than in 2017; every month's rate is an
// ordinary one; only the three extract dates occur; no one works in
// Organisasjon, styring og utvikling.
func TestFiles_Plausible(t *testing.T) {
	cat := catalogue(t)
	ansatte, fravaer := demoFiles()
	got, _ := compute(t, cat, ansatte, fravaer)
	for _, ent := range []string{"tekniske_tjenester", "ovrige"} {
		a, b := got[key("sykefravaer", ent, virk.YearPeriod(2017))], got[key("sykefravaer", ent, virk.YearPeriod(2018))]
		if b.Value <= a.Value {
			t.Errorf("%s: sick leave %.2f in 2017, %.2f in 2018, want a rise", ent, a.Value, b.Value)
		}
	}
	for y := 2017; y <= 2018; y++ {
		for m := 1; m <= 12; m++ {
			o := got[key("sykefravaer", "baerum", virk.Period{Year: y, Freq: virk.Monthly, N: m})]
			if o.Value < 5 || o.Value > 10 {
				t.Errorf("%d-%02d: Bærum's sick leave %.2f", y, m, o.Value)
			}
		}
	}
	emps, err := ingest.ReadEmployments("ansatte.csv", ansatte, ingest.HROptions{})
	if err != nil {
		t.Fatal(err)
	}
	dates := map[virk.Day]bool{}
	for _, e := range emps {
		dates[e.Extract] = true
		for u := cat.Entity(e.Unit); u != nil; u = cat.Entity(u.ParentID) {
			if u.ID == "osu" {
				t.Fatalf("line %d: employment in %s, under osu", e.Line, e.Unit)
			}
		}
	}
	if len(dates) != 3 {
		t.Errorf("%d extract dates", len(dates))
	}
}

// BenchmarkFiles measures making the extract.
func BenchmarkFiles(b *testing.B) {
	for b.Loop() {
		Files(Seed)
	}
}

// BenchmarkCompute measures reading the extract and computing its
// figures, as the demo's import does.
func BenchmarkCompute(b *testing.B) {
	cat := catalogue(b)
	ansatte, fravaer := demoFiles()
	for b.Loop() {
		compute(b, cat, ansatte, fravaer)
	}
}
