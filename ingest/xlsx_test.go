package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/xuri/excelize/v2"
)

// sheet is a worksheet for makeXLSX: its name and rows of cell values
// (float64 and int become number cells, strings text cells, nil blanks).
type sheet struct {
	name string
	rows [][]any
}

// makeXLSX builds a workbook in memory. styles maps cell references of the
// first sheet to custom number formats.
func makeXLSX(tb testing.TB, styles map[string]string, sheets ...sheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for cell, format := range styles {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			tb.Fatal(err)
		}
		if err := f.SetCellStyle(sheets[0].name, cell, cell, id); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// testWorkbook is a workbook with a tidy sheet, a wide sheet, a sheet of
// notes that is skipped and an empty sheet.
func testWorkbook(tb testing.TB) []byte {
	return makeXLSX(tb, map[string]string{"D2": "0.0", "D3": "#,##0.0"},
		sheet{"Ark1", [][]any{
			{"Indikator", "Enhet", "Periode", "Verdi", "Status"},
			{"sykefravaer", "baerum", 2018, 1422.34, nil},
			{"sykefravaer", "baerum", "2019", 1422.34, "p"},
			{"sykefravaer", "baerum", "2020", "1 422,3", nil},
			{"sykefravaer", 3024, 2021, nil, ".."},
		}},
		sheet{"_notater", [][]any{{"Dette arket er ikke data"}, {"x", "y"}}},
		sheet{"Tom", nil},
		sheet{"Bred", [][]any{
			nil,
			{"indicator", "entity", "label", 2016, 2017, "2018K1"},
			{"lonn", "osu", "Lønn", 573.9, ":", "-"},
			{"Overskrift"},
			{"lonn", "baerum", "Lønn", nil, "1\u00a0809,2"},
		}},
	)
}

func TestXLSXReader(t *testing.T) {
	r := NewXLSXReader(bytes.NewReader(testWorkbook(t)))
	defer r.Close()
	recs, errs := readAllCSV(r)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, rec := range recs {
		got = append(got, strings.Join([]string{rec.Sheet + "!" + cellName(rec.Column, rec.Line),
			rec.Indicator, rec.Entity, rec.Period.String(),
			figure(&virk.Observation{Value: rec.Value, Status: rec.Status})}, " "))
	}
	want := []string{
		"Ark1!D2 sykefravaer baerum 2018 1422,34",
		"Ark1!D3 sykefravaer baerum 2019 1422,34 (foreløpig)",
		"Ark1!D4 sykefravaer baerum 2020 1422,3",
		"Ark1!D5 sykefravaer 3024 2021 ..",
		"Bred!D3 lonn osu 2016 573,9",
		"Bred!E3 lonn osu 2017 :",
		"Bred!F3 lonn osu 2018Q1 0",
		"Bred!E5 lonn baerum 2017 1809,2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestXLSXReader_Error(t *testing.T) {
	data := makeXLSX(t, nil,
		sheet{"Ark1", [][]any{
			{"indicator", "entity", "period", "value"},
			{"i", "e", 2018, 1},
			{"i", "e", "2018x", "1,2,3"},
			{"i", "e", 2019, "#DIV/0!"},
			{"i", "e", 2020, 4, nil, "rest"},
		}},
		sheet{"Ark2", [][]any{{"Om tallene"}, {"Tallene er hentet fra HR."}}},
		sheet{"Ark3", [][]any{{"indicator", "entity", "period", "value", "merknad"}, {"i", "e", 2018, 2}}},
	)
	r := NewXLSXReader(bytes.NewReader(data))
	recs, errs := readAllCSV(r)
	want := "Ark1!C3: perioden «2018x» er ugyldig (forventet f.eks. 2018, 2018H1, 2018K1 eller 2018M01)\n" +
		"Ark1!D3: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)\n" +
		"Ark1!D4: cellen har Excel-feilen «#DIV/0!», ikke et tall\n" +
		"Ark1!F5: «rest» står utenfor tabellen: overskriften har bare 4 kolonner\n" +
		"Ark2!A1: fant ikke overskriftsraden: forventet kolonnene indicator, entity, period og value, " +
		"eller perioder (2018, 2019 …) som kolonner; fant «Om tallene»"
	if errs.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", errs, want)
	}
	if len(recs) != 2 || recs[1].Sheet != "Ark3" {
		t.Errorf("records %+v", recs)
	}
}

func TestXLSXReader_NotXLSX(t *testing.T) {
	_, errs := readAllCSV(NewXLSXReader(strings.NewReader("indicator;entity\n")))
	if len(errs) != 1 || !errors.Is(errs[0], ErrSyntax) ||
		!strings.HasPrefix(errs[0].Error(), "filen er ikke en gyldig .xlsx-arbeidsbok (") {
		t.Errorf("errors %v", errs)
	}
}

// testdata/small.xlsx is a real workbook, kept so that the reader is tested
// on bytes as a file holds them and to seed FuzzXLSX; go test -update
// writes it again.
func TestXLSXReader_File(t *testing.T) {
	path := filepath.Join("testdata", "small.xlsx")
	if *update {
		if err := os.WriteFile(path, smallWorkbook(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, errs := readAllCSV(NewXLSXReader(bytes.NewReader(data)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(recs) != 4 || recs[0].Value != 6.9 || recs[3].Status != virk.StatusMissing {
		t.Errorf("records %+v", recs)
	}
}

func smallWorkbook(tb testing.TB) []byte {
	return makeXLSX(tb, nil,
		sheet{"Ark1", [][]any{
			{"indikator", "enhet", "periode", "verdi"},
			{"sykefravaer", "baerum", 2018, 6.9},
			{"sykefravaer", "baerum", 2019, "7,1"},
		}},
		sheet{"Bred", [][]any{
			{"indikator", "enhet", 2018, 2019},
			{"lonn", "osu", 573.9, ".."},
		}},
	)
}

func TestXLSXReader_MaxSize(t *testing.T) {
	r := NewXLSXReader(bytes.NewReader(smallWorkbook(t)))
	r.MaxSize = 1 << 10
	_, errs := readAllCSV(r)
	want := "arbeidsboken er over 1024 byte pakket ut: del den opp (unzip size exceeds the 1024 bytes limit)"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %v", errs)
	}
}
