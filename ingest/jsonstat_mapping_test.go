package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

func TestReadJSONStatMapping(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		m, err := ReadJSONStatMapping("m.json", readFile(t, "jsonstat/12367-omfang-a.mapping.json"))
		if err != nil {
			t.Fatal(err)
		}
		want := JSONStatMapping{Period: "Tid", Entity: "KOKkommuneregion0000",
			Fixed:      map[string]string{"KOKregnskapsomfa0000": "A"},
			Indicators: map[string]string{"KOSbelop0000.A.120.AGD2": "adm_netto"},
			Entities:   map[string]string{"EAK": "norge"}}
		got := *m
		got.name, got.at = "", nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
	})
	tests := []struct {
		name, data, want string
	}{
		{"UnknownKey", `{"perod": "Tid"}`, "m.json:1:2: perod: ukjent felt «perod» (mente du «period»?)"},
		{"RepeatedKey", `{"period": "Tid", "period": "X"}`, "m.json:1:19: period: feltet «period» står to ganger"},
		{"NotAList", `{"indicator": "ContentsCode"}`, "m.json:1:15: indicator: forventet en liste, fant en tekst"},
		{"RepeatedDimension", `{"indicator": ["A", "A"]}`, "m.json:1:21: indicator[1]: dimensjonen «A» står to ganger"},
		{"NumberCode", `{"fixed": {"Tid": 2020}}`, "m.json:1:19: fixed.Tid: forventet en tekst, fant et tall"},
		{"Empty", `{"period": ""}`, "m.json:1:12: period: tom tekst (forventet id-en til en dimensjon eller kode)"},
		{"RepeatedMapKey", `{"indicators": {"a": "x", "a": "y"}}`, "m.json:1:27: indicators.a: nøkkelen «a» står to ganger"},
		{"EntityTwice", `{"entity": "Region", "entity_id": "norge"}`,
			"m.json:1:35: entity_id: «entity» og «entity_id» kan ikke brukes sammen: velg dimensjonen med enhetene eller én enhet for alle cellene"},
		{"Syntax", "{\"period\": \"Tid\",\n}", "m.json:2:1: ugyldig JSON: uventet tegn «}»: forventet et feltnavn i anførselstegn (komma for mye?)"},
		{"NotAnObject", `[]`, "m.json:1:1: forventet et objekt, fant en liste"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadJSONStatMapping("m.json", []byte(tt.data))
			var errs Errors
			if !errors.As(err, &errs) || m != nil || errs[0].Error() != tt.want {
				t.Fatalf("got %v\nwant %s", err, tt.want)
			}
			for _, e := range errs {
				checkError(t, e)
			}
		})
	}
}

// mappingCatalogue is the test catalogue with the records the mapping
// tests name.
func mappingCatalogue(tb testing.TB) *Catalogue {
	cat := testCatalogue(tb)
	cat.AddEntity(&virk.Entity{ID: "norge", Name: "Norge", Kind: virk.KindGroup})
	cat.AddIndicator(&virk.Indicator{ID: "adm_netto", LabelNB: "Administrasjon, netto driftsutgifter", Unit: virk.Unit{Name: "1000 kr"}})
	return cat
}

func mustMapping(t *testing.T, data string) *JSONStatMapping {
	t.Helper()
	m, err := ReadJSONStatMapping("m.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A mapping cuts table 12367 down to regnskapsomfang A and names
// catalogue records for some codes.
func TestJSONStatMapping_12367(t *testing.T) {
	data := ssbFile(t, file12367)
	t.Run("FixedScope", func(t *testing.T) {
		m := mustMapping(t, string(readFile(t, "jsonstat/12367-omfang-a.mapping.json")))
		res := runJSONStat(t, m.Func(), data, mappingCatalogue(t))
		if len(res.obs) != 625 {
			t.Fatalf("%d observations; want 625", len(res.obs))
		}
		// EAK is the catalogue's "norge"; KOSbelop0000.A.120.AGD2 is
		// adm_netto, ahead of the KOSTRA match adm_brutto_pr_innb.
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-a-100-agd4", "norge", "2015"), 1943974, virk.StatusFinal)
		wantFigure(t, res.find(t, "adm_netto", "ssb-3001", "2020"), 73247, virk.StatusFinal)
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-a-fgk8b-agd2", "ssb-ekg16", "2020"), 83411, virk.StatusFinal)
		for _, o := range res.obs {
			if strings.Contains(o.IndicatorID, "-b-") || o.EntityID == "ssb-eak" || o.IndicatorID == "adm_brutto_pr_innb" {
				t.Fatalf("observation %+v", o)
			}
		}
		if res.nInd != 24 || res.nEnt != 4 {
			t.Errorf("created %d indicators and %d entities; want 24 and 4", res.nInd, res.nEnt)
		}
	})
	// With the indicator dimensions given, the fixed scope is context:
	// it is left out of the IDs, but kept in the note and KOSTRA reference.
	t.Run("IndicatorDims", func(t *testing.T) {
		m := mustMapping(t, `{"indicator": ["ContentsCode", "KOKfunksjon0000", "KOKart0000"], "fixed": {"KOKregnskapsomfa0000": "A"}}`)
		res := runJSONStat(t, m.Func(), data, NewCatalogue(nil, nil))
		if len(res.obs) != 625 || res.nInd != 25 {
			t.Fatalf("%d observations, %d indicators; want 625, 25", len(res.obs), res.nInd)
		}
		wantFigure(t, res.obs[0], 1943974, virk.StatusFinal)
		ind := res.inds["ssb-12367-kosbelop0000-100-agd4"]
		if ind == nil || res.obs[0].IndicatorID != ind.ID || ind.LabelNB != "Beløp (1000 kr), Politisk styring, Korrigerte brutto driftsutgifter på funksjon/tjenesteområde" ||
			!strings.HasSuffix(ind.Note, ". Fast utvalg: regnskapsomfang = Kommuner/fylkeskommuner") || ind.Kostra.Scope != "A" {
			t.Errorf("indicator %+v", ind)
		}
	})
	// Fixing the period and the region leaves one municipality's year.
	t.Run("FixedCell", func(t *testing.T) {
		m := mustMapping(t, `{"fixed": {"Tid": "2020", "KOKkommuneregion0000": "3001"}}`)
		res := runJSONStat(t, m.Func(), data, NewCatalogue(nil, nil))
		if len(res.obs) != 50 || res.nEnt != 1 {
			t.Fatalf("%d observations, %d entities; want 50, 1", len(res.obs), res.nEnt)
		}
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-a-120-agd2", "ssb-3001", "2020"), 73247, virk.StatusFinal)
	})
}

// A mapping that does not fit the file is a fault placed in the mapping
// file, naming what the file has instead.
func TestJSONStatMapping_Faults(t *testing.T) {
	data := ssbFile(t, file12367)
	tests := []struct {
		name, mapping string
		kind          error
		first         string
	}{
		{"NoDimension", `{"entity": "Region"}`, ErrHeader,
			"m.json:1:12: entity: dimensjonen «Region» finnes ikke i ssb.json (dimensjonene der er «KOKkommuneregion0000», «KOKregnskapsomfa0000», «KOKfunksjon0000», «KOKart0000», «ContentsCode» og «Tid»)"},
		{"NoCategory", `{"fixed": {"KOKregnskapsomfa0000": "C"}}`, ErrHeader,
			"m.json:1:36: fixed.KOKregnskapsomfa0000: dimensjonen «KOKregnskapsomfa0000» har ingen kategori «C» (kategoriene er «A» og «B»)"},
		{"Unplaced", `{"indicator": ["ContentsCode", "KOKfunksjon0000", "KOKart0000"]}`, ErrHeader,
			"m.json:1:15: indicator: dimensjonen «KOKregnskapsomfa0000» har 2 kategorier, men er verken periode, enhet eller del av indikatoren: ta den med i «indicator» eller velg én kategori i «fixed»"},
		{"PeriodTwice", `{"indicator": ["Tid"]}`, ErrHeader,
			"m.json:1:16: indicator[0]: dimensjonen «Tid» er allerede perioden eller enheten"},
		{"UnusedKey", `{"indicators": {"KOSbelop0000.A.100.AGD99": "adm_netto"}}`, ErrField,
			"m.json:1:45: indicators[\"KOSbelop0000.A.100.AGD99\"]: nøkkelen «KOSbelop0000.A.100.AGD99» passer ikke til noen celle som importeres fra ssb.json " +
				"(forventet kodene for «ContentsCode», «KOKregnskapsomfa0000», «KOKfunksjon0000» og «KOKart0000» skilt med punktum, f.eks. «KOSbelop0000.A.100.AGD4»)"},
		{"UnknownIndicator", `{"indicators": {"KOSbelop0000.A.100.AGD4": "adm_nett"}}`, ErrUnknownIndicator,
			"m.json:1:44: indicators[\"KOSbelop0000.A.100.AGD4\"]: ukjent indikator «adm_nett»: den må finnes i katalogen eller i en katalogfil i samme import (mente du «adm_netto»?)"},
		{"UnknownEntity", `{"entities": {"EAK": "finnes_ikke"}}`, ErrUnknownEntity,
			"m.json:1:22: entities.EAK: ukjent enhet «finnes_ikke»: den må finnes i katalogen eller i en katalogfil i samme import, med ID eller nummer"},
		{"UnusedRegion", `{"entities": {"K-EAK": "norge"}}`, ErrField,
			"m.json:1:24: entities.K-EAK: regionkoden «K-EAK» passer ikke til noen celle som importeres fra ssb.json (forventet en kode fra dimensjonen «KOKkommuneregion0000», f.eks. «EAK»)"},
		{"SameIndicator", `{"indicators": {"KOSbelop0000.A.100.AGD4": "adm_netto", "KOSbelop0000.B.100.AGD4": "adm_netto"}}`, ErrDuplicate,
			"ssb.json: dimension: kodene «KOSbelop0000.A.100.AGD4» og «KOSbelop0000.B.100.AGD4» gir begge indikatoren «adm_netto», så cellene ville blitt samme observasjon: " +
				"skill dem med «indicator» eller «indicators» i en kartleggingsfil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustMapping(t, tt.mapping)
			im := &Importer{Catalogue: mappingCatalogue(t), JSONStat: m.Func()}
			cs, err := importFiles(t, im, [2]string{"ssb.json", string(data)})
			var errs Errors
			if !errors.As(err, &errs) || cs != nil {
				t.Fatalf("got %v, %v", cs, err)
			}
			if !errors.Is(errs[0], tt.kind) || errs[0].Error() != tt.first {
				t.Errorf("first error\n%s\nwant\n%s", errs[0], tt.first)
			}
			for _, e := range errs {
				checkError(t, e)
			}
		})
	}
}
