package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
)

// ssbDirs hold the real SSB responses: the shared data tree next to the
// repository, and the copy the jsonstat package keeps for its own tests.
var ssbDirs = []string{"../../shared/data/ssb", "../jsonstat/testdata/ssb"}

// ssbFile reads one of the SSB responses, skipping the test when neither
// copy is there.
func ssbFile(tb testing.TB, name string) []byte {
	tb.Helper()
	for _, dir := range ssbDirs {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			return data
		}
	}
	tb.Skipf("%s not found in %v", name, ssbDirs)
	return nil
}

const (
	file07459 = "ssb-07459-befolkning-kommuner-2022.json"
	file12367 = "ssb-12367-kostra-driftsregnskap.json"
	file12191 = "ssb-12191-kommunehelse.json"
	file08655 = "ssb-08655-byggekostnadsindeks.json"
)

// baerum is Bærum with its three municipality numbers.
func baerum() *virk.Entity {
	return &virk.Entity{ID: "baerum", Name: "Bærum kommune", Kind: virk.KindMunicipality, Codes: []virk.Code{
		{Code: "0219", To: 2019}, {Code: "3024", From: 2020, To: 2023}, {Code: "3201", From: 2024}}}
}

// jsResult is what one JSONStat call returned, indexed for assertions.
type jsResult struct {
	obs  []virk.Observation
	inds map[string]*virk.Indicator
	ents map[string]*virk.Entity
	nInd int
	nEnt int
}

// runJSONStat imports a file and fails the test on any error.
func runJSONStat(t *testing.T, read JSONStatFunc, data []byte, cat *Catalogue) *jsResult {
	t.Helper()
	obs, inds, ents, err := read("ssb.json", data, cat)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	res := &jsResult{obs: obs, inds: map[string]*virk.Indicator{}, ents: map[string]*virk.Entity{}, nInd: len(inds), nEnt: len(ents)}
	for _, ind := range inds {
		res.inds[ind.ID] = ind
	}
	for _, e := range ents {
		res.ents[e.ID] = e
	}
	return res
}

// find returns the observation of a key, failing the test without one.
func (res *jsResult) find(t *testing.T, ind, ent, period string) virk.Observation {
	t.Helper()
	p := virk.MustParsePeriod(period)
	for _, o := range res.obs {
		if o.IndicatorID == ind && o.EntityID == ent && o.Period == p {
			return o
		}
	}
	t.Fatalf("no observation %s %s %s", ind, ent, period)
	return virk.Observation{}
}

func (res *jsResult) byStatus() map[virk.Status]int {
	out := map[virk.Status]int{}
	for _, o := range res.obs {
		out[o.Status]++
	}
	return out
}

// wantFigure checks an observation's value and status.
func wantFigure(t *testing.T, o virk.Observation, value float64, st virk.Status) {
	t.Helper()
	if o.Value != value || o.Status != st {
		t.Errorf("%s %s %s = %v %s; want %v %s", o.IndicatorID, o.EntityID, o.Period, o.Value, o.Status, value, st)
	}
}

// Table 07459: every municipality's population on 1 January 2022, with
// SSB's "K-" codes and a geo role.
func TestJSONStat_07459(t *testing.T) {
	data := ssbFile(t, file07459)
	t.Run("EmptyCatalogue", func(t *testing.T) {
		res := runJSONStat(t, JSONStat, data, NewCatalogue(nil, nil))
		if len(res.obs) != 359 {
			t.Fatalf("%d observations; want 359", len(res.obs))
		}
		sum := 0.0
		for _, o := range res.obs {
			sum += o.Value
			if o.Period != virk.YearPeriod(2022) || o.Status != virk.StatusFinal || o.Source != "SSB, tabell 07459" ||
				o.IndicatorID != "ssb-07459-personer1" {
				t.Fatalf("observation %+v", o)
			}
		}
		if sum != 5425270 {
			t.Errorf("sum %v; want 5 425 270", sum)
		}
		if res.nEnt != 359 || res.nInd != 1 {
			t.Errorf("created %d entities, %d indicators; want 359, 1", res.nEnt, res.nInd)
		}
		kinds := map[virk.EntityKind]int{}
		for _, e := range res.ents {
			kinds[e.Kind]++
			for _, c := range e.Codes {
				if strings.HasPrefix(c.Code, "K-") || strings.Contains(e.ID, "k-") {
					t.Errorf("entity %s keeps SSB's K- prefix: %+v", e.ID, e)
				}
			}
		}
		if kinds[virk.KindMunicipality] != 356 || kinds[virk.KindGroup] != 3 {
			t.Errorf("kinds %v; want 356 municipalities and 3 groups", kinds)
		}
		for id, name := range map[string]string{"ssb-21-22": "Svalbard og Jan Mayen", "ssb-23": "Kontinentalsokkelen", "ssb-rest": "Delte kommuner og uoppgitt"} {
			if e := res.ents[id]; e == nil || e.Kind != virk.KindGroup || e.Name != name {
				t.Errorf("entity %s = %+v; want the group %s", id, e, name)
			}
		}
		if e := res.ents["ssb-3024"]; e == nil || e.Name != "Bærum" || e.Kind != virk.KindMunicipality ||
			!reflect.DeepEqual(e.Codes, []virk.Code{{Code: "3024"}}) {
			t.Errorf("Bærum = %+v", e)
		}
		wantFigure(t, res.find(t, "ssb-07459-personer1", "ssb-3024", "2022"), 128982, virk.StatusFinal)
		wantFigure(t, res.find(t, "ssb-07459-personer1", "ssb-0301", "2022"), 699827, virk.StatusFinal)
		wantFigure(t, res.find(t, "ssb-07459-personer1", "ssb-3001", "2022"), 31444, virk.StatusFinal)
		ind := res.inds["ssb-07459-personer1"]
		if ind == nil || ind.LabelNB != "Personer" || ind.Unit != (virk.Unit{Name: "personer"}) ||
			ind.Source != "SSB, tabell 07459" || ind.Kostra != nil || ind.Direction != virk.Neutral {
			t.Errorf("indicator %+v", ind)
		}
	})
	// Bærum's code 3024, valid 2020–2023, resolves to the catalogue's
	// Bærum in 2022, so no entity is made for it.
	t.Run("CatalogueBaerum", func(t *testing.T) {
		res := runJSONStat(t, JSONStat, data, NewCatalogue(nil, []*virk.Entity{baerum()}))
		wantFigure(t, res.find(t, "ssb-07459-personer1", "baerum", "2022"), 128982, virk.StatusFinal)
		if res.nEnt != 358 || res.ents["ssb-3024"] != nil || res.ents["baerum"] != nil {
			t.Errorf("created %d entities (ssb-3024: %v); want 358 without Bærum", res.nEnt, res.ents["ssb-3024"])
		}
	})
}

// Table 12367: KOSTRA accounts, without a geo role, with nulls marked
// "." and ":".
func TestJSONStat_12367(t *testing.T) {
	data := ssbFile(t, file12367)
	t.Run("EmptyCatalogue", func(t *testing.T) {
		res := runJSONStat(t, JSONStat, data, NewCatalogue(nil, nil))
		// Every cell becomes an observation, nulls included, in the
		// order of the cells, so obs[pos] is cell pos.
		if len(res.obs) != 1250 {
			t.Fatalf("%d observations; want 1250", len(res.obs))
		}
		if o := res.obs[0]; o.IndicatorID != "ssb-12367-kosbelop0000-a-100-agd4" || o.EntityID != "ssb-eak" ||
			o.Period != virk.YearPeriod(2015) || o.Value != 1943974 || o.Status != virk.StatusFinal {
			t.Errorf("pos 0 = %+v; want EAK A 100 AGD4 2015 = 1943974", o)
		}
		wantFigure(t, res.obs[15], 0, virk.StatusSuppressed)
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-a-100-agd56", "ssb-eak", "2015"), 0, virk.StatusSuppressed)
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-a-100-agd4", "ssb-3001", "2015"), 0, virk.StatusNotApplicable)
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-a-120-agd2", "ssb-3001", "2020"), 73247, virk.StatusFinal)
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-b-110-agd56", "ssb-eakuo", "2017"), 117, virk.StatusFinal)
		wantFigure(t, res.find(t, "ssb-12367-kosbelop0000-a-fgk8b-agd2", "ssb-ekg16", "2020"), 83411, virk.StatusFinal)
		wantFigure(t, res.obs[1249], 2127, virk.StatusFinal)
		if got := res.byStatus(); got[virk.StatusSuppressed] != 85 || got[virk.StatusNotApplicable] != 400 || got[virk.StatusFinal] != 765 {
			t.Errorf("statuses %v; want 85 suppressed, 400 not applicable, 765 final", got)
		}
		halden := 0
		for _, o := range res.obs {
			if o.EntityID == "ssb-3001" && o.Status.HasValue() {
				halden++
			}
		}
		if halden != 45 {
			t.Errorf("Halden has %d values; want 45", halden)
		}
		wantEnts := map[string]virk.Entity{
			"ssb-eak":   {Name: "Landet", Kind: virk.KindGroup, Codes: []virk.Code{{Code: "EAK"}}},
			"ssb-eakuo": {Name: "Landet uten Oslo", Kind: virk.KindGroup, Codes: []virk.Code{{Code: "EAKUO"}}},
			"ssb-3001":  {Name: "Halden", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "3001"}}},
			"ssb-ekg16": {Name: "KOSTRA-gruppe 16", Kind: virk.KindGroup, Codes: []virk.Code{{Code: "EKG16"}}},
			"ssb-ekg17": {Name: "KOSTRA-gruppe 17", Kind: virk.KindGroup, Codes: []virk.Code{{Code: "EKG17"}}},
		}
		if res.nEnt != len(wantEnts) {
			t.Errorf("created %d entities; want 5", res.nEnt)
		}
		for id, want := range wantEnts {
			want.ID = id
			if got := res.ents[id]; got == nil || !reflect.DeepEqual(*got, want) {
				t.Errorf("entity %s = %+v; want %+v", id, got, want)
			}
		}
		// 2 scopes × 5 functions × 5 types × 1 variable.
		if res.nInd != 50 {
			t.Errorf("created %d indicators; want 50", res.nInd)
		}
		want := &virk.Indicator{ID: "ssb-12367-kosbelop0000-a-120-agd2",
			LabelNB: "Beløp (1000 kr), Kommuner/fylkeskommuner, Administrasjon, Netto driftsutgifter på funksjon/tjenesteområde",
			Unit:    virk.Unit{Name: "1000 kr"}, Source: "SSB, tabell 12367",
			Kostra: &virk.KostraRef{Table: "12367", Function: "120", Type: "AGD2", Scope: "A", Variable: "KOSbelop0000"},
			Note:   "12367: Detaljerte regnskapstall driftsregnskapet, etter region, regnskapsomfang, funksjon, art, statistikkvariabel og år"}
		if got := res.inds[want.ID]; !reflect.DeepEqual(got, want) {
			t.Errorf("indicator\n got %+v %+v\nwant %+v %+v", got, got.Kostra, want, want.Kostra)
		}
	})
	// The catalogue's indicator with the KOSTRA reference 12367/120/AGD2/A
	// takes those cells; its automatic twin is not created.
	t.Run("KostraMatch", func(t *testing.T) {
		res := runJSONStat(t, JSONStat, data, testCatalogue(t))
		wantFigure(t, res.find(t, "adm_brutto_pr_innb", "ssb-3001", "2020"), 73247, virk.StatusFinal)
		if res.nInd != 49 || res.inds["ssb-12367-kosbelop0000-a-120-agd2"] != nil {
			t.Errorf("created %d indicators; want 49 without a-120-agd2", res.nInd)
		}
	})
	// An indicator left from an import of other cells under the same ID
	// is not silently given these.
	t.Run("KostraConflict", func(t *testing.T) {
		other := &virk.Indicator{ID: "ssb-12367-kosbelop0000-a-100-agd4", LabelNB: "x",
			Kostra: &virk.KostraRef{Table: "12367", Function: "100", Type: "AGD4", Scope: "B", Variable: "KOSbelop0000"}}
		_, _, _, err := JSONStat("ssb.json", data, NewCatalogue([]*virk.Indicator{other}, nil))
		if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), "regnskapsomfang B") {
			t.Errorf("got %v", err)
		}
	})
}

// Table 12191: KOSTRA municipal health, the metric dimension first.
func TestJSONStat_12191(t *testing.T) {
	res := runJSONStat(t, JSONStat, ssbFile(t, file12191), NewCatalogue(nil, nil))
	if len(res.obs) != 135 {
		t.Fatalf("%d observations; want 135", len(res.obs))
	}
	const ergo = "ssb-12191-kosergoaarsverk0000"
	wantFigure(t, res.find(t, ergo, "ssb-3005", "2020"), 27.8, virk.StatusFinal)                               // Drammen, pos 59
	wantFigure(t, res.find(t, ergo, "ssb-3039", "2020"), 0, virk.StatusMissing)                                // Flå, pos 80
	wantFigure(t, res.find(t, "ssb-12191-koshjemmebesokjo0000", "ssb-3039", "2020"), 0, virk.StatusSuppressed) // pos 53
	wantFigure(t, res.find(t, "ssb-12191-kosavtalehjemler0001", "ssb-3005", "2020"), 45, virk.StatusFinal)     // pos 5
	if got := res.byStatus(); got[virk.StatusSuppressed] != 1 || got[virk.StatusMissing] != 1 || got[virk.StatusNotApplicable] != 90 {
		t.Errorf("statuses %v; want 1 suppressed, 1 missing, 90 not applicable", got)
	}
	ind := res.inds[ergo]
	if ind == nil || ind.Unit != (virk.Unit{Name: "årsverk", Decimals: 1}) || ind.LabelNB != "Ergoterapeuter (kommunehelse + omsorg) (årsverk)" ||
		ind.Kostra == nil || *ind.Kostra != (virk.KostraRef{Table: "12191", Variable: "KOSergoaarsverk0000"}) {
		t.Errorf("indicator %+v", ind)
	}
	if e := res.ents["ssb-3039"]; e == nil || e.Name != "Flå" || res.nEnt != 9 {
		t.Errorf("Flå = %+v, %d entities", e, res.nEnt)
	}
}

// Table 08655 has monthly periods and no region at all: without a mapping
// it cannot be imported, with one entity for all cells it can.
func TestJSONStat_08655(t *testing.T) {
	data := ssbFile(t, file08655)
	t.Run("NoRegion", func(t *testing.T) {
		obs, _, _, err := JSONStat("08655.json", data, NewCatalogue(nil, nil))
		const want = "role: fant ingen regiondimensjon (role.geo, en kobling til KLASS 131/231 eller en id som begynner med Region eller KOKkommuneregion): " +
			"lag en kartleggingsfil med «entity» (dimensjonen med enhetene) eller «entity_id» (én enhet for alle cellene); dimensjonene er «Arbeidstype», «ContentsCode» og «Tid»"
		var errs Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Error() != want || !errors.Is(err, ErrHeader) || obs != nil {
			t.Errorf("got %v", err)
		}
	})
	t.Run("EntityID", func(t *testing.T) {
		m := &JSONStatMapping{EntityID: "norge"}
		norge := &virk.Entity{ID: "norge", Name: "Norge", Kind: virk.KindGroup}
		res := runJSONStat(t, m.Func(), data, NewCatalogue(nil, []*virk.Entity{norge}))
		if len(res.obs) != 75 || res.nEnt != 0 || res.nInd != 15 {
			t.Fatalf("%d observations, %d entities, %d indicators; want 75, 0, 15", len(res.obs), res.nEnt, res.nInd)
		}
		wantFigure(t, res.obs[4], 124.1, virk.StatusFinal)
		if o := res.obs[4]; o.Period != (virk.Period{Year: 2021, Freq: virk.Monthly, N: 10}) || o.IndicatorID != "ssb-08655-byggindeks-20" || o.EntityID != "norge" {
			t.Errorf("pos 4 = %+v; want 2021M10 ssb-08655-byggindeks-20 norge", o)
		}
		wantFigure(t, res.find(t, "ssb-08655-endrforraar-20", "norge", "2021M10"), 7.9, virk.StatusFinal)
		wantFigure(t, res.obs[5], 0, virk.StatusMissing)
		if got := res.byStatus(); got[virk.StatusMissing] != 25 {
			t.Errorf("statuses %v; want 25 missing", got)
		}
		if ind := res.inds["ssb-08655-byggindeks-20"]; ind == nil || ind.Unit != (virk.Unit{Name: "indeks", Decimals: 1}) ||
			ind.LabelNB != "Byggjekostnadsindeks, Bustadblokk i alt" || ind.Kostra != nil {
			t.Errorf("indicator %+v", ind)
		}
	})
}

// A municipality number that changed: SSB marks the years a code did not
// exist "."; those cells are skipped, so that Bærum's figures from both
// numbers form one series.
func TestJSONStat_CodeHistory(t *testing.T) {
	data := readFile(t, "jsonstat/kommunenummer.json")
	const ind = "ssb-12367-kosbelop0000-120-agd2"
	t.Run("Catalogue", func(t *testing.T) {
		res := runJSONStat(t, JSONStat, data, NewCatalogue(nil, []*virk.Entity{baerum()}))
		if len(res.obs) != 2 || res.nEnt != 0 {
			t.Fatalf("observations %+v, %d entities; want 2, 0", res.obs, res.nEnt)
		}
		wantFigure(t, res.find(t, ind, "baerum", "2019"), 401234, virk.StatusFinal)
		wantFigure(t, res.find(t, ind, "baerum", "2020"), 415678, virk.StatusFinal)
	})
	t.Run("Created", func(t *testing.T) {
		res := runJSONStat(t, JSONStat, data, NewCatalogue(nil, nil))
		if len(res.obs) != 2 {
			t.Fatalf("observations %+v; want 2", res.obs)
		}
		wantFigure(t, res.find(t, ind, "ssb-0219", "2019"), 401234, virk.StatusFinal)
		wantFigure(t, res.find(t, ind, "ssb-3024", "2020"), 415678, virk.StatusFinal)
		want := map[string]virk.Entity{
			"ssb-0219": {ID: "ssb-0219", Name: "Bærum", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "0219", To: 2019}}},
			"ssb-3024": {ID: "ssb-3024", Name: "Bærum", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "3024", From: 2020, To: 2023}}},
		}
		for id, w := range want {
			if got := res.ents[id]; got == nil || !reflect.DeepEqual(*got, w) {
				t.Errorf("entity %s = %+v; want %+v", id, got, w)
			}
		}
	})
}

// Every dataset of a collection is imported: the official sample embeds
// the OECD unemployment table (36 areas × 12 years) and Canada's
// population (120 cells).
func TestJSONStat_Collection(t *testing.T) {
	data, err := os.ReadFile("../../shared/data/jsonstat/samples/oecd-canada-col.json")
	if err != nil {
		t.Skip(err)
	}
	res := runJSONStat(t, JSONStat, data, NewCatalogue(nil, nil))
	if len(res.obs) != 432+120 {
		t.Errorf("%d observations; want 552", len(res.obs))
	}
	if res.ents["js-ca"] == nil || res.ents["js-au"] == nil || res.nEnt != 36 {
		t.Errorf("%d entities: %v", res.nEnt, res.ents["js-ca"])
	}
}

// Faults name their place in the file and nothing is imported.
func TestJSONStat_Malformed(t *testing.T) {
	dataset := func(tid string, values, extra string) string {
		return `{"version": "2.0", "class": "dataset", "label": "99999: Test", "source": "Statistisk sentralbyrå",
  "id": ["Region", "Tid"], "size": [2, 1],
  "dimension": {
    "Region": {"category": {"index": ["K-3024", "EAK"], "label": {"K-3024": "Bærum", "EAK": "Landet"}}},
    "Tid": {"category": {"index": ["` + tid + `"]}}
  },
  "role": {"time": ["Tid"], "geo": ["Region"]},
  "value": ` + values + extra + `}`
	}
	tests := []struct {
		name, data string
		kind       error
		first      string // the exact first message
		n          int    // number of errors
	}{
		{"SizeMismatch", dataset("2022", "[1, 2, 3]", ""), ErrSyntax,
			"f.json: value: ugyldig JSON-stat: antallet verdier stemmer ikke med size: value has 3 entries but product(size) is 2; a dense value array must hold one entry per cell (VALUE_LEN_MISMATCH)", 1},
		{"Syntax", "{\"version\": \"2.0\",\n \"class\": \"dataset\" \"id\": []}", ErrSyntax,
			"f.json:2:21: ugyldig JSON: invalid character '\"' after object key:value pair (PARSE_ERROR)", 1},
		{"Period", dataset("2022X01", "[1, 2]", ""), ErrPeriod,
			"f.json: dimension.Tid.category.index: koden «2022X01» i tidsdimensjonen «Tid» er ikke en periode (forventet f.eks. 2020, 2020H1, 2020K1, 2020M01 eller 2020W01)", 1},
		{"NotANumber", dataset("2022", `[1, "12 abc"]`, ""), ErrNumber,
			"f.json: value[1]: verdien «12 abc» er ikke et tall (forventet f.eks. 1 422,3)", 1},
		{"ValueAndStatus", dataset("2022", "[1, 2]", `, "status": {"1": ":"}`), ErrStatus,
			"f.json: value[1]: status «:» betyr at cellen ikke har noen verdi, men verdien er 2", 1},
		{"Sparse", dataset("2022", `{"1": 2}`, `, "status": ["-", "-"]`), ErrStatus,
			"f.json: value.1: status «-» betyr null, men verdien er 2", 1},
		{"Dimension", `{"version": "2.0", "class": "dimension", "category": {"index": ["a"]}}`, ErrFormat,
			"f.json: JSON-stat-dokumentet (class «dimension») har ingen datasett med verdier å importere", 1},
		{"MappingAsData", `{"period": "Tid", "entity_id": "norge"}`, ErrFormat,
			"f.json: filen er en kartleggingsfil for JSON-stat (med «period», «entity», «entity_id» og «indicator»), ikke data: den skal oppgis som kartlegging sammen med JSON-stat-filen", 1},
		{"CollectionPath", `{"version": "2.0", "class": "collection", "link": {"item": [` + dataset("2022", "[1, 2]", "") + `, ` +
			strings.Replace(dataset("2022M13", "[1, 2]", ""), `"version": "2.0", `, "", 1) + `]}}`, ErrPeriod,
			"f.json: link.item[1].dimension.Tid.category.index: koden «2022M13» i tidsdimensjonen «Tid» er ikke en periode (forventet f.eks. 2020, 2020H1, 2020K1, 2020M01 eller 2020W01)", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im := &Importer{JSONStat: JSONStat}
			cs, err := importFiles(t, im, [2]string{"f.json", tt.data})
			var errs Errors
			if !errors.As(err, &errs) || cs != nil {
				t.Fatalf("got %v, %v", cs, err)
			}
			if len(errs) != tt.n || !errors.Is(errs[0], tt.kind) || errs[0].Error() != tt.first {
				t.Errorf("got %d errors, first\n%s\nwant %d, first\n%s", len(errs), errs[0], tt.n, tt.first)
			}
			for _, e := range errs {
				checkError(t, e)
				if e.Path == "" && e.Line == 0 && tt.kind != ErrFormat {
					t.Errorf("error without a place: %v", e)
				}
			}
		})
	}
}

// cellFigure maps SSB's symbols as documented on jsonStatStatus.
func TestJSONStat_Status(t *testing.T) {
	num := func(f float64) jsonstat.Value { return jsonstat.Value{Num: f, Kind: jsonstat.Number} }
	str := func(s string) jsonstat.Value { return jsonstat.Value{Str: s, Kind: jsonstat.String} }
	null := jsonstat.Value{}
	tests := []struct {
		v      jsonstat.Value
		status string
		value  float64
		want   virk.Status
		err    error
	}{
		{num(5), "", 5, virk.StatusFinal, nil},
		{null, ".", 0, virk.StatusNotApplicable, nil},
		{null, "..", 0, virk.StatusMissing, nil},
		{null, ":", 0, virk.StatusSuppressed, nil},
		{null, "...", 0, virk.StatusSuppressed, nil},
		{null, "-", 0, virk.StatusFinal, nil},
		{num(0), "-", 0, virk.StatusFinal, nil},
		{num(3), "-", 0, "", ErrStatus},
		{num(3), ".", 0, "", ErrStatus},
		{null, "", 0, virk.StatusMissing, nil},
		{null, "e", 0, virk.StatusMissing, nil},
		{num(4.5), "e", 4.5, virk.StatusFinal, nil},
		{num(4.5), "*", 4.5, virk.StatusPreliminary, nil},
		{null, "*", 0, virk.StatusMissing, nil},
		{str(".."), "", 0, virk.StatusMissing, nil},
		{str("-"), "", 0, virk.StatusFinal, nil},
		{str(":"), ".", 0, "", ErrStatus},
		{str("1 422,3"), "", 1422.3, virk.StatusFinal, nil},
		{str("abc"), "", 0, "", ErrNumber},
		{str(""), ":", 0, virk.StatusSuppressed, nil},
	}
	for _, tt := range tests {
		value, st, err := cellFigure(tt.v, tt.status)
		if value != tt.value || st != tt.want || !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("cellFigure(%+v, %q) = %v, %q, %v; want %v, %q, %v", tt.v, tt.status, value, st, err, tt.value, tt.want, tt.err)
		}
	}
}

// Importing the same files again, with the catalogue the first import
// left, finds every indicator and entity and creates none.
func TestJSONStat_Reimport(t *testing.T) {
	files := [][2]string{{file07459, string(ssbFile(t, file07459))}, {file12367, string(ssbFile(t, file12367))},
		{file12191, string(ssbFile(t, file12191))}, {"kommunenummer.json", string(readFile(t, "jsonstat/kommunenummer.json"))}}
	first, err := importFiles(t, &Importer{Catalogue: NewCatalogue(nil, []*virk.Entity{baerum()}), JSONStat: JSONStat}, files...)
	if err != nil {
		t.Fatal(err)
	}
	// 07459: 359 entities less Bærum; 12367 adds EAK, EAKUO, EKG16 and
	// EKG17; 12191's municipalities are all in 07459.
	if len(first.Entities) != 358+4 || len(first.Indicators) != 1+50+5+1 {
		t.Errorf("first import: %d entities, %d indicators; want 362, 57", len(first.Entities), len(first.Indicators))
	}
	if want := 359 + 1250 + 135 + 2; len(first.Observations) != want {
		t.Errorf("first import: %d observations; want %d", len(first.Observations), want)
	}
	cat := NewCatalogue(first.Indicators, append(first.Entities, baerum()))
	second, err := importFiles(t, &Importer{Catalogue: cat, JSONStat: JSONStat}, files...)
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Indicators) != 0 || len(second.Entities) != 0 {
		t.Errorf("second import created %d indicators and %d entities", len(second.Indicators), len(second.Entities))
	}
	if !reflect.DeepEqual(second.Observations, first.Observations) {
		t.Error("the second import read other observations")
	}
}
