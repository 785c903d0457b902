package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

func readFile(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// importFiles runs an import of the named files, in order.
func importFiles(tb testing.TB, im *Importer, files ...[2]string) (*virk.ChangeSet, error) {
	tb.Helper()
	for _, f := range files {
		if err := im.Add(f[0], []byte(f[1])); err != nil {
			tb.Fatalf("Add(%s): %v", f[0], err)
		}
	}
	return im.ChangeSet()
}

// obsLines formats observations one per line for comparison.
func obsLines(obs []virk.Observation) string {
	var b strings.Builder
	for _, o := range obs {
		fmt.Fprintf(&b, "%s %s %s %s %s\n", o.IndicatorID, o.EntityID, o.Period, figure(&o), o.Source)
	}
	return b.String()
}

func TestImporter(t *testing.T) {
	catalogue := string(readFile(t, "katalog.json"))
	tidy := "indikator;enhet;periode;verdi;status;kilde\n" +
		"sykefravaer;0219;2018;6,9;;\n" +
		"sykefravaer;3024;2021;7,2;p;HR-systemet\n" +
		"sykefravaer;3201;2025;;..;\n" +
		"sykefravaer;0219;2018;6,9;;\n" // a repeat with the same figure is dropped
	wide := string(makeXLSX(t, nil, sheet{"Ark1", [][]any{
		{"indikator", "enhet", "navn", 2016, 2017},
		{"lonn", "osu", "Lønn", 560.1, "573,9"},
		{"lonn", "3024", "Lønn", nil, "-"},
	}}))
	want := "sykefravaer baerum 2018 6,9 data.csv\n" +
		"sykefravaer baerum 2021 7,2 (foreløpig) HR-systemet\n" +
		"sykefravaer baerum 2025 .. data.csv\n" +
		"lonn osu 2016 560,1 bred.xlsx\n" +
		"lonn osu 2017 573,9 bred.xlsx\n" +
		"lonn baerum 2017 0 bred.xlsx\n"
	orders := map[string][][2]string{
		"CatalogueLast":  {{"uploads/data.csv", tidy}, {`C:\analyse\bred.xlsx`, wide}, {"katalog.json", catalogue}},
		"CatalogueFirst": {{"katalog.json", catalogue}, {"uploads/data.csv", tidy}, {`C:\analyse\bred.xlsx`, wide}},
	}
	for name, files := range orders {
		t.Run(name, func(t *testing.T) {
			cs, err := importFiles(t, &Importer{}, files...)
			if err != nil {
				t.Fatal(err)
			}
			if got := obsLines(cs.Observations); got != want {
				t.Errorf("observations\n got:\n%s\nwant:\n%s", got, want)
			}
			if len(cs.Files) != 3 || cs.Files[0].Name != files[0][0] || len(cs.Files[0].SHA256) != 64 {
				t.Errorf("files %+v", cs.Files)
			}
			if len(cs.Indicators) != 6 || len(cs.Entities) != 3 || len(cs.Annotations) != 1 {
				t.Errorf("got %d indicators, %d entities, %d annotations", len(cs.Indicators), len(cs.Entities), len(cs.Annotations))
			}
		})
	}
}

// The catalogue of stored records resolves data without a catalogue file.
func TestImporter_StoredCatalogue(t *testing.T) {
	cf := readTestCatalogue(t)
	im := &Importer{Catalogue: NewCatalogue(cf.Indicators, cf.Entities)}
	cs, err := importFiles(t, im, [2]string{"a.csv", "indicator,entity,period,value\nsykefravaer,3201,2024,\"1,007.5\"\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got := obsLines(cs.Observations); got != "sykefravaer baerum 2024 1007,5 a.csv\n" {
		t.Errorf("got %s", got)
	}
	if len(cs.Indicators) != 0 || len(cs.Entities) != 0 {
		t.Errorf("stored records returned as new: %d, %d", len(cs.Indicators), len(cs.Entities))
	}
}

func TestImporter_Duplicate(t *testing.T) {
	catalogue := string(readFile(t, "katalog.json"))
	xlsx := string(makeXLSX(t, nil, sheet{"Ark1", [][]any{
		{"indicator", "entity", "period", "value"},
		{"sykefravaer", "baerum", 2018, 7},
		{"sykefravaer", "baerum", 2019, 7.1},
	}}))
	_, err := importFiles(t, &Importer{},
		[2]string{"katalog.json", catalogue},
		[2]string{"a.csv", "indicator;entity;period;value\nsykefravaer;0219;2018;6,9\nsykefravaer;0219;2019;7,1\n"},
		[2]string{"b.xlsx", xlsx},
		[2]string{"c.csv", "indicator;entity;period;value;status\nsykefravaer;baerum;2018;;:\n"},
	)
	want := "b.xlsx:Ark1!D2: sykefravaer, baerum, 2018 står også i a.csv:2:4 med en annen verdi (6,9 der, 7 her)\n" +
		"c.csv:2:4: sykefravaer, baerum, 2018 står også i a.csv:2:4 med en annen verdi (6,9 der, : her)"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	if !errors.Is(err, ErrDuplicate) {
		t.Error("not ErrDuplicate")
	}
}

func TestImporter_CatalogueReferences(t *testing.T) {
	a := `{"indicators": [{"id": "x", "label_nb": "X", "deflator": "prisindeks"}],
 "entities": [{"id": "u", "name": "U", "kind": "unit", "parent": "v"},
  {"id": "p", "name": "P", "kind": "unit", "parent": "q"}, {"id": "q", "name": "Q", "kind": "unit", "parent": "p"}],
 "annotations": [{"kind": "comment", "indicator": "y", "text": "t"}]}`
	b := `{"indicators": [{"id": "x", "label_nb": "Annen X"}]}`
	_, err := importFiles(t, &Importer{}, [2]string{"a.json", a}, [2]string{"b.json", b})
	want := "b.json:1:17: indicators[0]: indikatoren «x» er også definert i a.json:1:17 (indicators[0]), med annet innhold\n" +
		"a.json:1:17: indicators[0].deflator: prisindeksen «prisindeks» finnes ikke i katalogen\n" +
		"a.json:2:15: entities[0].parent: den overordnede enheten «v» finnes ikke i katalogen\n" +
		"a.json:3:3: entities[1].parent: enheten ligger under seg selv: p → q → p\n" +
		"a.json:3:60: entities[2].parent: enheten ligger under seg selv: q → p → q\n" +
		"a.json:4:18: annotations[0].indicator: ukjent indikator «y»: den må finnes i katalogen eller i en katalogfil i samme import"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestImporter_Formats(t *testing.T) {
	xlsx := string(smallWorkbook(t))
	tests := []struct {
		name, file, data string
		want             string
	}{
		{"UnknownExtension", "data.pdf", "%PDF", "data.pdf: ukjent filtype «.pdf» (forventet .csv, .tsv, .txt, .xlsx, .json eller .px)"},
		{"OldExcel", "data.xls", "\xd0\xcf\x11\xe0rest",
			"data.xls: filen er i det gamle Excel-formatet (.xls) eller passordbeskyttet: lagre den som .xlsx uten passord"},
		{"WorkbookNamedCSV", "data.csv", xlsx, ""},
		{"TSV", "data.tsv", "indicator\tentity\tperiod\tvalue\nsykefravaer\tbaerum\t2018\t6,9\n", ""},
		{"TXT", "data.txt", "indicator;entity;period;value\nsykefravaer;baerum;2018;6,9\n", ""},
		{"CatalogueWithoutExtension", "katalog", `{"entities": [{"id": "ny", "name": "Ny", "kind": "unit"}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := readTestCatalogue(t)
			im := &Importer{Catalogue: NewCatalogue(cf.Indicators, cf.Entities)}
			_, err := importFiles(t, im, [2]string{tt.file, tt.data})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}

func TestImporter_JSONStat(t *testing.T) {
	const stat = `{"version": "2.0", "class": "dataset", "value": [1]}`
	if err := (&Importer{}).Add("ssb.json", []byte(stat)); !errors.Is(err, ErrNotMine) {
		t.Errorf("without a hook: %v", err)
	}
	var gotCat *Catalogue
	im := &Importer{JSONStat: func(name string, data []byte, cat *Catalogue) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, error) {
		gotCat = cat
		if cat.Indicator("sykefravaer") == nil {
			t.Error("the hook ran before the catalogue file was read")
		}
		return []virk.Observation{
				{IndicatorID: "befolkning", EntityID: "baerum", Period: virk.YearPeriod(2020), Value: 127731, Status: virk.StatusFinal},
				{IndicatorID: "ukjent", EntityID: "baerum", Period: virk.YearPeriod(2020), Status: virk.StatusMissing},
			}, []*virk.Indicator{{ID: "befolkning", LabelNB: "Befolkning"}, {ID: "sykefravaer", LabelNB: "Annet"}},
			nil, nil
	}}
	_, err := importFiles(t, im, [2]string{"ssb.json", stat}, [2]string{"katalog.json", string(readFile(t, "katalog.json"))})
	if err == nil || err.Error() != "ssb.json: ukjent indikator «ukjent»: den må finnes i katalogen eller i en katalogfil i samme import" {
		t.Errorf("got %v", err)
	}
	if gotCat != im.Catalogue || gotCat.Indicator("befolkning") == nil || gotCat.Indicator("sykefravaer").LabelNB != "Totalt sykefravær" {
		t.Error("hook indicators not added as expected")
	}
	// A hook's own error is reported with the file name.
	im = &Importer{JSONStat: func(string, []byte, *Catalogue) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, error) {
		return nil, nil, nil, &Error{Path: "dimension.Tid", Err: errorf(ErrPeriod, "ugyldig")}
	}}
	if _, err := importFiles(t, im, [2]string{"ssb.json", stat}); err == nil || err.Error() != "ssb.json: dimension.Tid: ugyldig" {
		t.Errorf("hook error: %v", err)
	}
}

func TestImporter_MaxErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("indicator;entity;period;value\n")
	for range 2000 {
		b.WriteString("x;y;2018;abc\n")
	}
	_, err := importFiles(t, &Importer{MaxErrors: 150}, [2]string{"a.csv", b.String()})
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 151 {
		t.Fatalf("got %d errors", len(errs))
	}
	if last := errs[150].Error(); last != "for mange feil: lesingen stoppet etter 150" {
		t.Errorf("last error %q", last)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 101 || lines[100] != "… og 51 til" {
		t.Errorf("listing ends with %q after %d lines", lines[len(lines)-1], len(lines))
	}
}

// A malformed file of each format gives messages naming the place and the
// fault; the full listings are kept as golden files.
func TestImporter_Malformed(t *testing.T) {
	catalogue := string(readFile(t, "katalog.json"))
	tests := []struct {
		name, file, data string
		first            string // the exact first message
	}{
		{"csv", "data.csv",
			"indikator;enhet;periode;verdi\n" +
				"sykefravaer;baerum;2018;6,9\n" +
				"sykefravaer;baerum;2019;1,2,3\n" +
				"sykefravar;baerum;2020;7\n" +
				"sykefravaer;9999;2021;7\n" +
				"sykefravaer;baerum;2022K5;7\n" +
				"sykefravaer;baerum;2023\n",
			"data.csv:3:4: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"xlsx", "data.xlsx",
			string(makeXLSX(t, nil, sheet{"Ark1", [][]any{
				{"indikator", "enhet", "navn", 2018, 2019},
				{"sykefravaer", "baerum", "Sykefravær", 6.9, "sju"},
				{"lonnsandel", "osu", "Lønnsandel", 31, 32},
				{"lonn", "ukjent", "Lønn", 1, 2},
			}}, sheet{"Ark2", [][]any{{"indicator", "entity", "period", "value", "farge"}}})),
			"data.xlsx:Ark1!E2: verdien «sju» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"json", "katalog2.json",
			"{\n  \"indicators\": [\n    {\"id\": \"ny\", \"lable_nb\": \"Ny\"}\n  ],\n" +
				"  \"entities\": [{\"id\": \"e\", \"name\": \"E\", \"kind\": \"avdeling\"}]\n}\n",
			"katalog2.json:3:18: indicators[0].lable_nb: ukjent felt «lable_nb» (mente du «label_nb»?)"},
		{"jsonsyntax", "katalog3.json", "{\n  \"indicators\": [\n    {\"id\": \"ny\" \"label_nb\": \"Ny\"}\n  ]\n}\n",
			"katalog3.json:3:17: ugyldig JSON: uventet tegn «\"»: forventet , eller } (komma mangler?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importFiles(t, &Importer{}, [2]string{"katalog.json", catalogue}, [2]string{tt.file, tt.data})
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v", err)
			}
			if errs[0].Error() != tt.first {
				t.Errorf("first error\n got: %s\nwant: %s", errs[0], tt.first)
			}
			checkGolden(t, filepath.Join("testdata", "TestImporter_Malformed", tt.name+".golden"), err.Error()+"\n")
		})
	}
}

// checkGolden compares got with a golden file, rewriting it with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("differs from %s (go test -update rewrites it)\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
