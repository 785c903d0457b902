package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// TestPortfolio_Status: the demo's investment status, deviation list and
// the property director's sentence, from the demo's register.
func TestPortfolio_Status(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "portfolio", "status")
	for _, want := range []string{
		// 60 + 250 + 700 + 650 + 240 = 1 900 against a forecast of 1 880
		"Oksenøya senter                                        gjennomføring   1\u00a0900,0   1\u00a0880,0  −20,0     −1,1",
		"Bekkestua barneskole: prognosen på 428,0 mill. kr er 28,0 mill. kr (7,0 %) over budsjettet på 400,0 mill. kr",
		"Oppgradering av Sandvika bibliotek: forventet ferdig 30.09.2019, 6 måneder etter planen (31.03.2019)",
		// Oksenøya, Kommunegården, Levre, Carpe Diem and Bekkestua are
		// over 50 mill. kr; Kommunegården's 1,5 months and Carpe Diem's 2
		// are within 3.
		"Ingen av de 5 større investeringsprosjektene er vesentlig forsinket.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestPortfolio_Rank: with gain potential alone, the order worked out by
// hand: the best free project first, ties to the earlier start, and no
// project before one it depends on (Min side waits for MDM, Digital
// skolehverdag for the storage renewal, which waits for the data
// centre).
func TestPortfolio_Rank(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "portfolio", "rank", "--weights", "0,0,1")
	if !strings.Contains(r.stdout, "Vekter: prioritet 0, kritikalitet 0, gevinstpotensial 1.") {
		t.Errorf("the weights are not shown:\n%s", r.stdout)
	}
	var order []string
	for _, m := range regexp.MustCompile(`(?m)^ +(\d) +(\S.*?)  +\d`).FindAllStringSubmatch(r.stdout, -1) {
		order = append(order, m[2])
	}
	want := []string{"Robotisering av saksbehandling", "Styring og forvaltning av grunndata (MDM)",
		"Min side for innbyggere og næringsliv", "Elektronisk fakturamottak", "Nytt datasenter",
		"Fornyelse av lagringsløsning", "Digital skolehverdag", "Smarte bygg"}
	if strings.Join(order, " | ") != strings.Join(want, " | ") {
		t.Errorf("order\n got  %q\n want %q", order, want)
	}
}

// TestPortfolio_Benefits: planned against realised by unit, the two
// benefits on årsverk in HR og service added up, qualitative ones
// counted apart.
func TestPortfolio_Benefits(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "portfolio", "benefits")
	for _, want := range []string{
		// 80 − 50 of a planned 90 − 50
		"efaktura-andel        Elektronisk fakturamottak                              Bærum kommune                       andel_efaktura       50,00   90,00  31.12.2020   80,00 (2018)       75\u00a0%  på vei",
		// −1 and −2 planned; 181,2 − 182,6 measured so far
		"HR og service                             2          1       0          0          1            0  arsverk −3,00 / −1,40",
		"Oppvekst skole                            0          0       0          0          0            1",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("benefits lack %q:\n%s", want, r.stdout)
		}
	}
}

// TestPortfolio_ImportForecast: a new forecast keeps the earlier one as a
// revision, and the computed deviation follows it.
func TestPortfolio_ImportForecast(t *testing.T) {
	db, env := demoDB(t)
	dir := t.TempDir()
	file := writeFile(t, filepath.Join(dir, "prosjekter.csv"), []byte(
		"id;navn;type;eier;fase;start;planlagt slutt;budsjett 2018;budsjett 2019;budsjett 2020;budsjett 2021;budsjett 2022;rapportert;prognose;forbruk\n"+
			"oksenoya;Oksenøya senter;bygg;eiendom;gjennomføring;2016-01-01;2022-08-01;60;250;700;650;240;2018;1950;55\n"))
	r := mustRun(t, env, "portfolio", "import", file)
	if !strings.Contains(r.stdout, "Lagret som batch") {
		t.Fatalf("import:\n%s", r.stdout)
	}
	ctx := context.Background()
	st, err := openStore(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f := virk.ObservationFilter{IndicatorIDs: []string{"prosjekt_prognose", "prosjekt_avvik"}, EntityIDs: []string{"oksenoya"}}
	obs, err := st.FindObservations(ctx, f)
	if err != nil || len(obs) != 2 || obs[0].Value != 50 || obs[1].Value != 1950 {
		t.Errorf("after the import: %v, %s; want a deviation of 50 and the forecast 1 950", err, obsText(obs))
	}
	revs, err := st.FindRevisions(ctx, virk.ObservationFilter{IndicatorIDs: []string{"prosjekt_prognose"}, EntityIDs: []string{"oksenoya"}})
	if err != nil || len(revs) != 1 || revs[0].Value != 1880 {
		t.Errorf("forecast history: %v, %+v; want the earlier 1 880", err, revs)
	}
}

// TestPortfolio_BadInput: a cycle is refused with its path by name, a
// fault with its place; the database stays as it was.
func TestPortfolio_BadInput(t *testing.T) {
	db, env := demoDB(t)
	dir := t.TempDir()
	before := readFile(t, db)
	for _, tc := range []struct{ name, data, want string }{
		{"cycle", "id;navn;type;eier;fase;avhenger av\n" +
			"datasenter;Nytt datasenter;digitalisering;digit;gjennomføring;lagring\n",
			"avhengighetene går i ring: Nytt datasenter → Fornyelse av lagringsløsning → Nytt datasenter"},
		{"unknown owner", "id;navn;type;eier;fase\nny;Nytt prosjekt;bygg;eiendommen;idé\n",
			"prosjekter.csv:2:4: eierenheten «eiendommen» er ikke en enhet i katalogen"},
		{"bad phase", "id;navn;type;eier;fase\nny;Nytt prosjekt;bygg;eiendom;bygging\n",
			`prosjekter.csv:2:5: fasen "bygging" er ukjent`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := writeFile(t, filepath.Join(dir, "prosjekter.csv"), []byte(tc.data))
			r := virkCmd(t, env, "portfolio", "import", file)
			if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %q", r.code, r.stderr, tc.want)
			}
		})
	}
	if !bytes.Equal(before, readFile(t, db)) {
		t.Error("a refused import changed the database")
	}
}

func obsText(obs []*virk.Observation) string {
	var b strings.Builder
	for _, o := range obs {
		b.WriteString(o.IndicatorID + "/" + o.Period.String() + "=" + strings.TrimSpace(strings.ReplaceAll(figureText(*o), "\u00a0", " ")) + " ")
	}
	return b.String()
}

// TestPortfolio_ImportOrder: a benefit register given before the project
// register it refers to is read once the projects are known.
func TestPortfolio_ImportOrder(t *testing.T) {
	db, env := demoDB(t)
	dir := t.TempDir()
	benefits := writeFile(t, filepath.Join(dir, "gevinster.csv"), []byte(
		"id;prosjekt;enhet;indikator;basis;basisår;mål;frist;beskrivelse\n"+
			"chat-arsverk;chatbot;hr_service;arsverk;181,2;2018;180,2;2020-12-31;Færre henvendelser til HR\n"))
	projects := writeFile(t, filepath.Join(dir, "prosjekter.csv"), []byte(
		"id;navn;type;eier;fase\nchatbot;Chatbot for ansatte;digitalisering;digit;idé\n"))
	r := mustRun(t, env, "portfolio", "import", benefits, projects)
	if !strings.Contains(r.stdout, "Prosjekter       1        0") || !strings.Contains(r.stdout, "Gevinster        1        0") {
		t.Errorf("import:\n%s", r.stdout)
	}
	st, err := openStore(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bs, err := st.FindBenefits(context.Background(), virk.BenefitFilter{ProjectIDs: []string{"chatbot"}})
	if err != nil || len(bs) != 1 || bs[0].Target != 180.2 {
		t.Errorf("the benefit: %v, %+v", err, bs)
	}
}
