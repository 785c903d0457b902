package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

func readTestCatalogue(tb testing.TB) *CatalogueFile {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "katalog.json"))
	if err != nil {
		tb.Fatal(err)
	}
	cf, err := ReadCatalogue(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return cf
}

func TestReadCatalogue(t *testing.T) {
	cf := readTestCatalogue(t)
	if len(cf.Indicators) != 6 || len(cf.Entities) != 3 || len(cf.Annotations) != 1 {
		t.Fatalf("got %d indicators, %d entities, %d annotations", len(cf.Indicators), len(cf.Entities), len(cf.Annotations))
	}
	adm := cf.Indicators[1]
	wantAdm := &virk.Indicator{ID: "adm_brutto_pr_innb", LabelNB: "Administrasjon, brutto driftsutgifter pr. innbygger",
		Unit: virk.Unit{Name: "kr pr. innb."}, Direction: virk.Down, Category: "Økonomi", Source: "SSB KOSTRA",
		Kostra:   &virk.KostraRef{Table: "12367", Function: "120", Type: "AGD2", Scope: "A", Variable: "KOSbelop0000"},
		Targets:  []virk.Target{{Kind: virk.TargetRelative, Value: -12, BaseYear: 2016, Year: 2020, EntityID: "baerum", Note: "LDIP"}},
		Deflator: "kommunal_deflator", Rollup: virk.RollupSum}
	if !reflect.DeepEqual(adm, wantAdm) {
		t.Errorf("indicator\n got %+v\nwant %+v", adm, wantAdm)
	}
	baerum := cf.Entities[0]
	wantCodes := []virk.Code{{Code: "0219", To: 2019}, {Code: "3024", From: 2020, To: 2023}, {Code: "3201", From: 2024}}
	if baerum.Name != "Bærum kommune" || baerum.NameEN != "Bærum municipality" || !reflect.DeepEqual(baerum.Codes, wantCodes) {
		t.Errorf("entity %+v", baerum)
	}
	if cf.Entities[2].ParentID != "baerum" || cf.Entities[2].Kind != virk.KindUnit {
		t.Errorf("unit %+v", cf.Entities[2])
	}
	a := cf.Annotations[0]
	if a.Kind != virk.AnnotationBreak || a.Period != virk.YearPeriod(2017) || a.EntityID != "baerum" {
		t.Errorf("annotation %+v", a)
	}
	if cf.Indicators[5].Formula != "lonn / brutto_driftsutgifter * 100" {
		t.Errorf("formula %q", cf.Indicators[5].Formula)
	}
}

func TestReadCatalogue_Error(t *testing.T) {
	tests := []struct {
		name string
		json string
		kind error
		want string
	}{
		{"UnknownKey", "{\"indicators\": [\n  {\"id\": \"a\", \"label_nb\": \"A\"},\n  {\"id\": \"b\", \"lable_nb\": \"B\"}\n]}",
			ErrField, "3:15: indicators[1].lable_nb: ukjent felt «lable_nb» (mente du «label_nb»?)"},
		{"UnknownKeyFar", `{"entities": [{"id": "a", "farge": "rød"}]}`,
			ErrField, "1:27: entities[0].farge: ukjent felt «farge» (forventet id, name, name_en, kind, parent, codes)"},
		{"UnknownTopLevel", `{"indikatorer": []}`,
			ErrField, "1:2: indikatorer: ukjent felt «indikatorer» (forventet indicators, entities, annotations)"},
		{"DuplicateKey", `{"entities": [{"id": "a", "id": "b", "name": "A", "kind": "unit"}]}`,
			ErrField, "1:27: entities[0].id: feltet «id» står to ganger"},
		{"WrongType", `{"indicators": [{"id": "a", "label_nb": "A", "decimals": "1"}]}`,
			ErrField, "1:58: indicators[0].decimals: forventet et tall, fant en tekst"},
		{"PersonnelNotBool", `{"indicators": [{"id": "a", "label_nb": "A", "personnel": "ja"}]}`,
			ErrField, "1:59: indicators[0].personnel: forventet true/false, fant en tekst"},
		{"NotInteger", `{"indicators": [{"id": "a", "label_nb": "A", "direction": -0.5}]}`,
			ErrField, "1:59: indicators[0].direction: forventet et heltall, fant -0.5"},
		{"CodeAsNumber", `{"entities": [{"id": "a", "name": "A", "kind": "municipality", "codes": [{"code": 219}]}]}`,
			ErrField, "1:83: entities[0].codes[0].code: forventet nummeret som tekst i anførselstegn, f.eks. \"0219\", fant 219"},
		{"NotAnArray", `{"entities": {"id": "a"}}`,
			ErrField, "1:14: entities: forventet en liste, fant et objekt"},
		{"TopLevelArray", `[]`, ErrField, "1:1: forventet et objekt, fant en liste"},
		{"MissingID", `{"entities": [{"name": "A", "kind": "unit"}]}`,
			ErrInvalid, "1:15: entities[0]: mangler id"},
		{"ValidateIndicator", "{\"indicators\": [\n {\"id\": \"a\"}]}",
			ErrInvalid, "2:2: indicators[0]: indikator a: mangler navn (label_nb)"},
		{"ValidateID", `{"indicators": [{"id": "a b", "label_nb": "A"}]}`,
			ErrInvalid, "1:24: indicators[0].id: ugyldig id «a b»: bruk 1–100 tegn av bokstaver, sifre og . _ - : (ikke mellomrom)"},
		{"ValidateEntityKind", `{"entities": [{"id": "a", "name": "A", "kind": "kommune"}]}`,
			ErrInvalid, "1:15: entities[0]: enhet a: type \"kommune\" er ukjent (forventet municipality, unit, building, group eller project)"},
		{"TargetKind", `{"indicators": [{"id": "a", "label_nb": "A", "targets": [{"kind": "abs", "value": 7}]}]}`,
			ErrInvalid, "1:67: indicators[0].targets[0].kind: ukjent måltype «abs» (forventet absolute eller relative)"},
		{"TargetBaseYear", `{"indicators": [{"id": "a", "label_nb": "A", "targets": [{"kind": "relative", "value": -12}]}]}`,
			ErrInvalid, "1:58: indicators[0].targets[0]: et relativt mål trenger base_year, året endringen måles fra"},
		{"AnnotationPeriod", `{"annotations": [{"kind": "break", "indicator": "a", "period": "2017X", "text": "t"}]}`,
			ErrPeriod, "1:64: annotations[0].period: perioden «2017X» er ugyldig (forventet f.eks. \"2018\", \"2018H1\", \"2018K1\" eller \"2018M01\")"},
		{"AnnotationBreakPeriod", `{"annotations": [{"kind": "break", "indicator": "a", "text": "t"}]}`,
			ErrInvalid, "1:18: annotations[0]: et tidsseriebrudd (break) trenger perioden det gjelder fra"},
		{"SyntaxTrailingComma", "{\"indicators\": [\n  {\"id\": \"a\",}\n]}",
			ErrSyntax, "2:14: ugyldig JSON: uventet tegn «}»: forventet et feltnavn i anførselstegn (komma for mye?)"},
		{"SyntaxMissingComma", "{\"indicators\": [\n  {\"id\": \"a\" \"label_nb\": \"A\"}\n]}",
			ErrSyntax, "2:14: ugyldig JSON: uventet tegn «\"»: forventet , eller } (komma mangler?)"},
		{"SyntaxUnterminated", "{\"indicators\": [\n  {\"id\": \"a\"",
			ErrSyntax, "2:13: ugyldig JSON: filen slutter midt i dokumentet (mangler } eller ]?)"},
		{"SyntaxTrailingData", `{"indicators": []} x`,
			ErrSyntax, "1:20: ugyldig JSON: uventet innhold etter slutten av dokumentet"},
		{"SyntaxNewlineInString", "{\"indicators\": [{\"id\": \"a\nb\"}]}",
			ErrSyntax, "1:26: ugyldig JSON: uventet tegn «\\n»: ugyldig tegn i en tekst (linjeskift og tabulator må skrives \\n og \\t)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCatalogue(strings.NewReader(tt.json))
			var errs Errors
			if !errors.As(err, &errs) || len(errs) != 1 {
				t.Fatalf("got %v", err)
			}
			if !errors.Is(errs[0], tt.kind) {
				t.Errorf("error is not %v: %v", tt.kind, errs[0])
			}
			if errs[0].Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", errs[0], tt.want)
			}
		})
	}
}

// Every faulty record is reported, not only the first.
func TestReadCatalogue_Errors(t *testing.T) {
	_, err := ReadCatalogue(strings.NewReader(`{"indicators": [{"id": "a"}, {"id": "b", "label_nb": "B"}, {"id": "c", "x": 1}]}`))
	want := "1:17: indicators[0]: indikator a: mangler navn (label_nb)\n" +
		"1:72: indicators[2].x: ukjent felt «x» (forventet id, label_nb, label_en, unit, decimals, direction, category, source, kostra, targets, formula, rollup, deflator, note, personnel)"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestCatalogue_RoundTrip(t *testing.T) {
	cf := readTestCatalogue(t)
	var buf bytes.Buffer
	if err := WriteCatalogue(&buf, cf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "TestCatalogue_RoundTrip", "katalog.golden.json")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("written catalogue differs from %s (run go test -update):\n%s", golden, buf.Bytes())
	}
	back, err := ReadCatalogue(&buf)
	if err != nil {
		t.Fatal(err)
	}
	back.indAt, back.entAt, back.annAt = cf.indAt, cf.entAt, cf.annAt
	if !reflect.DeepEqual(back.Indicators, cf.Indicators) || !reflect.DeepEqual(back.Entities, cf.Entities) ||
		!reflect.DeepEqual(back.Annotations, cf.Annotations) {
		t.Errorf("round trip changed the catalogue:\n%s", buf.Bytes())
	}
}

// The personnel mark is read, written only when set, and read back.
func TestCatalogue_Personnel(t *testing.T) {
	cf, err := ReadCatalogue(strings.NewReader(`{"indicators": [
		{"id": "sykefravaer", "label_nb": "Sykefravær", "personnel": true},
		{"id": "turnover", "label_nb": "Turnover", "personnel": false},
		{"id": "kpi", "label_nb": "KPI"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, ind := range cf.Indicators {
		got = append(got, ind.Personnel)
	}
	if want := []bool{true, false, false}; !reflect.DeepEqual(got, want) {
		t.Fatalf("personnel %v, want %v", got, want)
	}
	var buf bytes.Buffer
	if err := WriteCatalogue(&buf, cf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `"personnel": true`); n != 1 || strings.Contains(buf.String(), `"personnel": false`) {
		t.Errorf("written catalogue has %d personnel marks, want 1 and no false:\n%s", n, buf.Bytes())
	}
	back, err := ReadCatalogue(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, ind := range back.Indicators {
		if ind.Personnel != got[i] {
			t.Errorf("read back %s: personnel %v, want %v", ind.ID, ind.Personnel, got[i])
		}
	}
}
