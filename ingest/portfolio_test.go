package ingest

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

const projectsGood = "id;navn;type;eier;fase;start;planlagt slutt;forventet slutt;avhenger av;gevinst i;prioritet;kritikalitet;gevinstpotensial;budsjett 2019;budsjett 2020;rapportert;prognose;forbruk;merknad\n" +
	"lagring;Ny lagringsløsning;digitalisering;digit;gjennomføring;2018-01-01;31.12.2019;2020-03-31;;;2;5;3;12,5;;2018M12;13;4,25;\n" +
	"skolehverdag;Digital skolehverdag;digitalisering;digit;planlegging;01.08.2018;2021-06-30;;lagring, nettverk;oppvekst_skole,baerum;1;4;5;40;35,5;2018;80;10;Nettbrett\n"

func portfolioOpts() PortfolioOptions {
	ents := map[string]*virk.Entity{
		"baerum":         {ID: "baerum", Kind: virk.KindMunicipality},
		"digit":          {ID: "digit", Kind: virk.KindUnit, ParentID: "baerum"},
		"oppvekst_skole": {ID: "oppvekst_skole", Kind: virk.KindUnit, ParentID: "baerum"},
		"skole_a":        {ID: "skole_a", Kind: virk.KindBuilding, ParentID: "oppvekst_skole"},
	}
	return PortfolioOptions{
		Entity:    func(id string) *virk.Entity { return ents[id] },
		Indicator: func(id string) bool { return id == "sykefravaer" || id == "arsverk" },
		Project:   func(id string) bool { return id == "nettverk" || id == "lagring" || id == "skolehverdag" },
		Budget:    "prosjekt_budsjett", Forecast: "prosjekt_prognose", Spent: "prosjekt_forbruk",
	}
}

func TestReadPortfolio_Projects(t *testing.T) {
	pf, err := ReadPortfolio("prosjekter.csv", []byte(projectsGood), portfolioOpts())
	if err != nil {
		t.Fatal(err)
	}
	d := func(y, m, day int) virk.Date { return virk.Date{Year: y, Month: time.Month(m), Day: day} }
	want := []virk.Project{
		{ID: "lagring", Kind: virk.ProjectDigital, Phase: virk.PhaseExecution, Start: d(2018, 1, 1), PlannedEnd: d(2019, 12, 31),
			ExpectedEnd: d(2020, 3, 31), Priority: 2, Criticality: 5, GainPotential: 3},
		{ID: "skolehverdag", Kind: virk.ProjectDigital, Phase: virk.PhasePlanning, Start: d(2018, 8, 1), PlannedEnd: d(2021, 6, 30),
			DependsOn: []string{"lagring", "nettverk"}, Beneficiaries: []string{"oppvekst_skole", "baerum"},
			Priority: 1, Criticality: 4, GainPotential: 5, Note: "Nettbrett"},
	}
	if len(pf.Projects) != 2 {
		t.Fatalf("%d projects", len(pf.Projects))
	}
	for i := range want {
		g := *pf.Projects[i]
		w := want[i]
		if strings.Join(g.DependsOn, ",") != strings.Join(w.DependsOn, ",") || strings.Join(g.Beneficiaries, ",") != strings.Join(w.Beneficiaries, ",") {
			t.Errorf("project %d lists: %+v", i, g)
		}
		g.DependsOn, g.Beneficiaries, w.DependsOn, w.Beneficiaries = nil, nil, nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("project %d = %+v, want %+v", i, g, w)
		}
	}
	if e := pf.Entities[1]; e.ID != "skolehverdag" || e.Name != "Digital skolehverdag" || e.Kind != virk.KindProject || e.ParentID != "digit" {
		t.Errorf("entity %+v", e)
	}
	var got []string
	for _, o := range pf.Observations {
		got = append(got, o.IndicatorID+"/"+o.EntityID+"/"+o.Period.String()+"="+strconv.FormatFloat(o.Value, 'f', -1, 64))
	}
	wantObs := "prosjekt_budsjett/lagring/2019=12.5 prosjekt_prognose/lagring/2018M12=13 prosjekt_forbruk/lagring/2018M12=4.25 " +
		"prosjekt_budsjett/skolehverdag/2019=40 prosjekt_budsjett/skolehverdag/2020=35.5 prosjekt_prognose/skolehverdag/2018=80 prosjekt_forbruk/skolehverdag/2018=10"
	if g := strings.Join(got, " "); g != wantObs {
		t.Errorf("observations\n got  %s\n want %s", g, wantObs)
	}
}

func TestReadPortfolio_Benefits(t *testing.T) {
	data := "id;prosjekt;enhet;indikator;basis;basisår;mål;frist;beskrivelse\n" +
		"g1;skolehverdag;oppvekst_skole;sykefravaer;7,5;2017;6,5;31.12.2021;Mindre stress\n" +
		"g2;skolehverdag;oppvekst_skole;;;;;;Bedre tilpasset opplæring\n"
	pf, err := ReadPortfolio("gevinster.csv", []byte(data), portfolioOpts())
	if err != nil {
		t.Fatal(err)
	}
	want := []virk.Benefit{
		{ID: "g1", ProjectID: "skolehverdag", EntityID: "oppvekst_skole", IndicatorID: "sykefravaer", Baseline: 7.5, BaselineYear: 2017,
			Target: 6.5, Due: virk.Date{Year: 2021, Month: 12, Day: 31}, Text: "Mindre stress"},
		{ID: "g2", ProjectID: "skolehverdag", EntityID: "oppvekst_skole", Text: "Bedre tilpasset opplæring"},
	}
	if len(pf.Benefits) != 2 || *pf.Benefits[0] != want[0] || *pf.Benefits[1] != want[1] {
		t.Errorf("benefits %+v", pf.Benefits)
	}
}

func TestReadPortfolio_Faults(t *testing.T) {
	const head = "id;navn;type;eier;fase;start;planlagt slutt;avhenger av;prioritet\n"
	const bhead = "id;prosjekt;enhet;indikator;basis;mål;frist;beskrivelse\n"
	for _, tc := range []struct{ name, data, want string }{
		{"unknown owner", head + "p1;P;bygg;nope;idé;;;;\n", "prosjekter.csv:2:4: eierenheten «nope» er ikke en enhet i katalogen"},
		{"owner a building", head + "p1;P;bygg;skole_a;idé;;;;\n", "prosjekter.csv:2:4: eierenheten skole_a er av typen building"},
		{"bad phase", head + "p1;P;bygg;digit;ferdigstilt;;;;\n", `prosjekter.csv:2:5: fasen "ferdigstilt" er ukjent`},
		{"bad kind", head + "p1;P;vei;digit;idé;;;;\n", `prosjekter.csv:2:3: prosjekttypen "vei" er ukjent`},
		{"bad date", head + "p1;P;bygg;digit;idé;31.02.2019;;;\n", `prosjekter.csv:2:6: datoen "31.02.2019" er ugyldig`},
		{"end before start", head + "p1;P;bygg;digit;idé;2019-05-01;2019-01-01;;\n", "prosjekter.csv:2: prosjekt p1: planlagt slutt 2019-01-01 er før start 2019-05-01"},
		{"unknown dependency", head + "p1;P;bygg;digit;idé;;;p9;\n", "prosjekter.csv:2:8: prosjektet p1 avhenger av «p9», som ikke er et prosjekt"},
		{"score", head + "p1;P;bygg;digit;idé;;;;7\n", "prosjekter.csv:2:9: prioritet «7» er ugyldig"},
		{"duplicate", head + "p1;P;bygg;digit;idé;;;;\np1;P;bygg;digit;idé;;;;\n", "prosjekter.csv:3:1: p1 står også på linje 2"},
		{"no name", head + "p1;;bygg;digit;idé;;;;\n", "prosjekter.csv:2:2: prosjektet p1 mangler navn"},
		{"missing column", "id;navn;type;fase\np1;P;bygg;idé\n", "prosjekter.csv:1: mangler kolonnen eier"},
		{"unknown column", "id;navn;type;eier;fase;farge\n", `prosjekter.csv:1:6: kolonnen «farge» er ukjent`},
		{"forecast without period", "id;navn;type;eier;fase;prognose\n", "prosjekter.csv:1: prognose og forbruk trenger kolonnen rapportert"},
		{"negative budget", "id;navn;type;eier;fase;budsjett 2019\np1;P;bygg;digit;idé;-5\n", "prosjekter.csv:2:6: budsjettet «-5» er negativt"},
		{"benefit unknown indicator", bhead + "g1;lagring;digit;nope;1;2;2020-01-01;\n", "gevinster.csv:2:4: indikatoren «nope» er ikke i katalogen"},
		{"benefit unknown project", bhead + "g1;p9;digit;;;;;Tekst\n", "gevinster.csv:2:2: prosjektet «p9» er ukjent"},
		{"benefit no due", bhead + "g1;lagring;digit;arsverk;10;8;;\n", "gevinster.csv:2:7: gevinsten g1 måles med arsverk og trenger en frist"},
		{"benefit no target", bhead + "g1;lagring;digit;arsverk;10;;2020-01-01;\n", "gevinster.csv:2:6: mangler mål"},
		{"qualitative without text", bhead + "g1;lagring;digit;;;;;\n", "gevinster.csv:2: gevinst g1: en kvalitativ gevinst trenger en beskrivelse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "prosjekter.csv"
			if strings.HasPrefix(tc.data, bhead) {
				name = "gevinster.csv"
			}
			_, err := ReadPortfolio(name, []byte(tc.data), portfolioOpts())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func FuzzReadPortfolio(f *testing.F) {
	f.Add([]byte(projectsGood))
	f.Add([]byte("id;prosjekt;enhet;indikator;basis;basisår;mål;frist;beskrivelse\ng1;lagring;digit;sykefravaer;7,5;2017;6,5;31.12.2021;x\n"))
	f.Add([]byte("id;navn;type;eier;fase;rapportert;prognose\np;P;bygg;digit;idé;2018M13;1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"p.csv", "p.xlsx"} {
			pf, err := ReadPortfolio(name, data, portfolioOpts())
			if err != nil {
				if !strings.HasPrefix(err.Error(), name) {
					t.Fatalf("error not placed at the file: %v", err)
				}
				continue
			}
			for _, p := range pf.Projects {
				if err := p.Validate(); err != nil {
					t.Fatalf("an invalid project passed: %v", err)
				}
			}
			for _, b := range pf.Benefits {
				if err := b.Validate(); err != nil {
					t.Fatalf("an invalid benefit passed: %v", err)
				}
			}
		}
	})
}
