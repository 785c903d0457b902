package prognosis

import (
	"slices"
	"strings"
	"testing"
)

// TestResult_Assumptions checks the assumption lines of a projection with
// two areas, one with its own retirement assumptions.
func TestResult_Assumptions(t *testing.T) {
	m := &Model{BaseYear: 2018, EndYear: 2040,
		Retirement: Retirement{Early: []Rate{{Band{62, 66}, 0.05}}},
		Areas: []*Area{
			{ID: "pleie_omsorg", Name: "Pleie og omsorg", Arsverk: 100,
				Groups:    []Group{{Band: Band{80, 89}, Users: 40}, {Band: Band{90, AndOlder}, Users: 10}},
				Workforce: []Cohort{{Band: Band{30, 39}, Arsverk: 90}}},
			{ID: "skole", Arsverk: 50,
				Groups:     []Group{{Name: "Grunnskole", Band: Band{6, 15}, Users: 1000}},
				Workforce:  []Cohort{{Band: Band{40, 40}, Arsverk: 50}},
				Retirement: &Retirement{Age: 64.5, Turnover: 0.02}},
		}}
	pop := flat(2018, 2040, 100)
	pop.Source, pop.Contents, pop.Region, pop.Label = "14288: Framskrevet folkemengde", "Hovedalternativet (MMMM)", "K-3024", "Bærum"
	res, err := Project(m, pop)
	if err != nil {
		t.Fatal(err)
	}
	const nb = "\u00a0" // nb formats with a no-break space
	for _, want := range []string{
		"Befolkningsframskriving: 14288: Framskrevet folkemengde, Hovedalternativet (MMMM), Bærum (K-3024).",
		"Basisår 2018; framskrivingen går til og med 2040.",
		"Årsverk per bruker holdes konstant på 2018-nivå (demografisk komponent, som i KS' prognosemodell).",
		// 100 årsverk for 50 users is 2 per user.
		"Pleie og omsorg: brukergrupper 80–89 år, 90 år og eldre; 50 brukere og 100,0 årsverk i 2018, altså 2,000 årsverk per bruker.",
		"Pleie og omsorg: den oppgitte arbeidsstyrken har 90,0 årsverk, tjenesten 100,0; forskjellen regnes som rekrutteringsbehov fra 2018.",
		"skole: pensjonsalder 64,5 år i gjennomsnitt: 50" + nb + "% av dem som fyller 64, går av da, resten ved 65.",
		"skole: ingen tidlig avgang (AFP) før pensjonsalderen.",
		"skole: turnover 2,0" + nb + "% per år i alle aldre, i tillegg til pensjonering.",
		"Øvrige områder: pensjonsalder 67 år.",
		"Øvrige områder: tidlig avgang (for eksempel AFP): 5,0" + nb + "% per år av dem i alderen 62–66 år.",
		"Øvrige områder: turnover 0" + nb + "% per år: ingen annen avgang enn pensjonering.",
		"Arbeidsstyrke oppgitt i aldersgrupper er fordelt likt på alderstrinnene i gruppen.",
	} {
		if !slices.Contains(res.Assumptions, want) {
			t.Errorf("missing line\n%s\nin\n%s", want, res.Assumptions)
		}
	}
	if !strings.Contains(res.Assumptions.String(), "\nBasisår 2018") {
		t.Error("String does not put one assumption per line")
	}
}

// TestResult_Rows checks the table rows and their Norwegian formatting.
func TestResult_Rows(t *testing.T) {
	// Need 1 422,25 årsverk held constant; all 1 422,25 are aged 66 and
	// retire in 2021, which is then recruited.
	m := model(2020, 2022, Retirement{}, &Area{ID: "a", Name: "Barnehage", Arsverk: 1422.25,
		Groups:    []Group{{Band: Band{1, 5}, Users: 10}},
		Workforce: []Cohort{{Band: Band{66, 66}, Arsverk: 1422.25}}})
	res, err := Project(m, flat(2020, 2022, 100))
	if err != nil {
		t.Fatal(err)
	}
	rows := res.Rows()
	if len(rows) != 2 || rows[0].Year != 2021 || rows[1].Year != 2022 {
		t.Fatalf("rows: %+v", rows)
	}
	got := rows[0].Cells()
	want := []string{"Barnehage", "2021", "1\u00a0422,3", "0,0", "1\u00a0422,3", "0,0", "1\u00a0422,3", "1\u00a0422,3"}
	if !slices.Equal(got, want) {
		t.Errorf("cells %q, want %q", got, want)
	}
	if len(Columns()) != len(got) {
		t.Errorf("%d columns for %d cells", len(Columns()), len(got))
	}
}
