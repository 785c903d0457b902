package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// readCSV reads text with a Reader configured by opt.
func readCSV(text string, opt func(*Reader)) ([]Record, Errors) {
	r := NewReader(strings.NewReader(text))
	if opt != nil {
		opt(r)
	}
	return readAllCSV(r)
}

func TestReader_Delimiters(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []float64
	}{
		{"Semicolon", "indicator;entity;period;value\ni;e;2018;1 422,3\ni;e;2019;1422.3\n", []float64{1422.3, 1422.3}},
		{"SemicolonNorwegian", "Indikator;Enhet;Periode;Verdi\ni;e;2018;-16,2\n", []float64{-16.2}},
		{"Comma", "indicator,entity,period,value\ni,e,2018,1422.3\ni,e,2019,\"1,422.3\"\n", []float64{1422.3, 1422.3}},
		{"Tab", "indicator\tentity\tperiod\tvalue\ni\te\t2018\t1 422,3\n", []float64{1422.3}},
		{"QuotedHeader", "\"indicator\";\"entity\";\"period\";\"value\"\n\"i\";\"e\";\"2018\";\"3,8 %\"\n", []float64{3.8}},
		{"CommaWithSemicolonsQuoted", "indicator,entity,period,value,note\ni,e,2018,1.5,\"a;b;c\"\n", []float64{1.5}},
		{"ColumnsInAnyOrder", "VALUE;Period;ENTITY;indicator\n7,5;2018;e;i\n", []float64{7.5}},
		{"CRLF", "indicator;entity;period;value\r\ni;e;2018;1,5\r\n", []float64{1.5}},
		{"ExcelSepLine", "sep=,\nindicator,entity,period,value\ni,e,2018,1.5\n", []float64{1.5}},
		{"BOM", "\ufeffindicator;entity;period;value\ni;e;2018;1,5\n", []float64{1.5}},
		{"NoFinalNewline", "indicator;entity;period;value\ni;e;2018;2", []float64{2}},
		{"BlankLines", "indicator;entity;period;value\n\ni;e;2018;2\n;;;\n", []float64{2}},
		{"TrailingDelimiters", "indicator;entity;period;value;;\ni;e;2018;2;;\n", []float64{2}},
		{"TrailingDelimitersInHeaderOnly", "indicator;entity;period;value;;\ni;e;2018;2\n", []float64{2}},
		{"UnnamedEmptyColumn", "indicator;;entity;period;value\ni;;e;2018;2\n", []float64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs := readCSV(tt.text, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records, want %d: %+v", len(recs), len(tt.want), recs)
			}
			for i, rec := range recs {
				if rec.Value != tt.want[i] || rec.Indicator != "i" || rec.Entity != "e" || rec.Status != virk.StatusFinal {
					t.Errorf("record %d = %+v, want value %v", i, rec, tt.want[i])
				}
			}
		})
	}
}

func TestReader_Statuses(t *testing.T) {
	tests := []struct {
		name          string
		value, status string
		want          float64
		wantStatus    virk.Status
	}{
		{"Final", "6,9", "", 6.9, virk.StatusFinal},
		{"FinalWord", "6,9", "endelig", 6.9, virk.StatusFinal},
		{"Preliminary", "7,2", "p", 7.2, virk.StatusPreliminary},
		{"PreliminaryWord", "7,2", "Foreløpig", 7.2, virk.StatusPreliminary},
		{"EmptyIsMissing", "", "", 0, virk.StatusMissing},
		{"MissingSymbol", "", "..", 0, virk.StatusMissing},
		{"SuppressedSymbol", "", ":", 0, virk.StatusSuppressed},
		{"NotApplicable", "", ".", 0, virk.StatusNotApplicable},
		{"MissingWord", "", "mangler", 0, virk.StatusMissing},
		{"SymbolInValue", "..", "", 0, virk.StatusMissing},
		{"SuppressedInValue", ":", "", 0, virk.StatusSuppressed},
		{"SymbolInBoth", ":", ":", 0, virk.StatusSuppressed},
		{"Nil", "-", "", 0, virk.StatusFinal},
		{"NilPreliminary", "-", "p", 0, virk.StatusPreliminary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs := readCSV("indicator;entity;period;value;status\ni;e;2018;"+tt.value+";"+tt.status+"\n", nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if len(recs) != 1 || recs[0].Value != tt.want || recs[0].Status != tt.wantStatus {
				t.Errorf("got %+v, want %v %s", recs, tt.want, tt.wantStatus)
			}
		})
	}
}

func TestReader_Periods(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2018", "2018"}, {"2018H1", "2018H1"}, {"2018K1", "2018Q1"}, {"2018Q4", "2018Q4"},
		{"2018k2", "2018Q2"}, {"2018M01", "2018M01"}, {"2018M1", "2018M01"}, {"2018-01", "2018M01"},
		{"2018-H2", "2018H2"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			recs, errs := readCSV("indicator;entity;period;value\ni;e;"+tt.in+";1\n", nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if got := recs[0].Period.String(); got != tt.want {
				t.Errorf("period %q read as %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestReader_Tidy(t *testing.T) {
	text := "kilde;indikator;enhet;periode;verdi;merknad\n" +
		"HR-systemet;sykefravaer;baerum;2018;6,9;sjekket\n" +
		";sykefravaer;\"baerum\";2019;\"7,2\";\"over\nto linjer\"\n" +
		"HR-systemet;sykefravaer;baerum;2020;7,5;\n"
	r := NewReader(strings.NewReader(text))
	recs, errs := readAllCSV(r)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if r.Layout() != Tidy {
		t.Errorf("layout %v", r.Layout())
	}
	want := []Record{
		{Indicator: "sykefravaer", Entity: "baerum", Period: virk.YearPeriod(2018), Value: 6.9,
			Status: virk.StatusFinal, Source: "HR-systemet", Line: 2, Column: 5, ind: -1, ent: -1},
		{Indicator: "sykefravaer", Entity: "baerum", Period: virk.YearPeriod(2019), Value: 7.2,
			Status: virk.StatusFinal, Line: 3, Column: 5, ind: -1, ent: -1},
		{Indicator: "sykefravaer", Entity: "baerum", Period: virk.YearPeriod(2020), Value: 7.5,
			Status: virk.StatusFinal, Source: "HR-systemet", Line: 5, Column: 5, ind: -1, ent: -1},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records", len(recs))
	}
	for i := range want {
		if recs[i] != want[i] {
			t.Errorf("record %d\n got %+v\nwant %+v", i, recs[i], want[i])
		}
	}
}

func TestReader_Wide(t *testing.T) {
	text := "indikator;enhet;navn;2015;2016;2017;2018;2019K1\n" +
		"sykefravaer;baerum;Sykefravær;6,1;;..;-;7\n" +
		";;Overskrift uten tall;;;;;\n" +
		"lonn;osu;Lønn;1 422,3;:;.;1\u00a0500;\n"
	r := NewReader(strings.NewReader(text))
	recs, errs := readAllCSV(r)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if r.Layout() != Wide {
		t.Errorf("layout %v", r.Layout())
	}
	var got []string
	for _, rec := range recs {
		got = append(got, strings.Join([]string{rec.Indicator, rec.Entity, rec.Period.String(),
			figure(&virk.Observation{Value: rec.Value, Status: rec.Status}), cellName(rec.Column, rec.Line)}, " "))
	}
	want := []string{
		"sykefravaer baerum 2015 6,1 D2",
		"sykefravaer baerum 2017 .. F2",
		"sykefravaer baerum 2018 0 G2",
		"sykefravaer baerum 2019Q1 7 H2",
		"lonn osu 2015 1422,3 D4",
		"lonn osu 2016 : E4",
		"lonn osu 2017 . F4",
		"lonn osu 2018 1500 G4",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReader_Defaults(t *testing.T) {
	recs, errs := readCSV("label;2018;2019\nSykefravær;6,9;7,1\n", func(r *Reader) {
		r.DefaultIndicator, r.DefaultEntity = "sykefravaer", "baerum"
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(recs) != 2 || recs[1].Indicator != "sykefravaer" || recs[1].Entity != "baerum" || recs[1].Value != 7.1 {
		t.Errorf("got %+v", recs)
	}
}

func TestReader_HeaderError(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"Empty", "", "1: filen er tom: forventet en overskriftsrad med kolonnenavn"},
		{"UnknownColumns", "indicator;entity;period;value;foo;bar\n",
			"1:5: ukjente kolonner «foo», «bar» i lang form (forventet indicator, entity, period, value, status, source eller note)"},
		{"LabelInTidy", "indicator;entity;period;value;label\n",
			"1:5: ukjent kolonne «label» i lang form (forventet indicator, entity, period, value, status, source eller note)"},
		{"MissingValue", "indicator;entity;period\n", "1: mangler kolonnen «value» (lang form)"},
		{"MissingSeveral", "period;value\n", "1: mangler kolonnene «indicator», «entity» (lang form)"},
		{"Duplicate", "indicator;entity;period;value;verdi\n", "1:5: kolonnen «verdi» står to ganger (kolonne 4 og 5)"},
		{"NoHeader", "sykefravaer;baerum;x;6,9\n",
			"1: fant ikke overskriftsraden: forventet kolonnene indicator, entity, period og value, eller perioder (2018, 2019 …) som kolonner; fant «sykefravaer», «baerum», «x», «6,9»"},
		{"WideStatus", "indicator;entity;status;2018\n",
			"1:3: ukjent kolonne «status» i bred form (forventet indicator, entity, source, perioder som 2018 eller 2018K1, og label, navn, tekst, unit eller note)"},
		{"WideMissingEntity", "indicator;2018;2019\n", "1: mangler kolonnen «entity» (bred form)"},
		{"WideDuplicatePeriod", "indicator;entity;2018;2018K1;2018\n", "1:5: perioden 2018 står to ganger (kolonne 3 og 5)"},
		{"WideUnknown", "indicator;entity;2018;Kommentar\n",
			"1:4: ukjent kolonne «Kommentar» i bred form (forventet indicator, entity, source, perioder som 2018 eller 2018K1, og label, navn, tekst, unit eller note)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs := readCSV(tt.text+"i;e;2018;1\n", nil)
			if tt.text == "" {
				recs, errs = readCSV("", nil)
			}
			if len(recs) != 0 || len(errs) != 1 {
				t.Fatalf("got %d records and errors %v", len(recs), errs)
			}
			if !errors.Is(errs[0], ErrHeader) {
				t.Errorf("error is not ErrHeader: %v", errs[0])
			}
			if errs[0].Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", errs[0], tt.want)
			}
		})
	}
}

func TestReader_RowError(t *testing.T) {
	const header = "indicator;entity;period;value;status\n"
	tests := []struct {
		name, row string
		kind      error
		want      string
	}{
		{"Number", "i;e;2018;1,2,3;", ErrNumber, "2:4: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)"},
		{"Period", "i;e;20188;1;", ErrPeriod, "2:3: perioden «20188» er ugyldig (forventet f.eks. 2018, 2018H1, 2018K1 eller 2018M01)"},
		{"NoPeriod", "i;e;;1;", ErrPeriod, "2:3: mangler periode"},
		{"NoIndicator", ";e;2018;1;", ErrUnknownIndicator, "2:1: mangler indikator"},
		{"UnknownStatus", "i;e;2018;1;q", ErrStatus,
			"2:5: status «q» er ukjent (forventet tom, p/foreløpig, : skjult, . ikke relevant eller .. mangler)"},
		{"StatusWithoutValue", "i;e;2018;;p", ErrStatus, "2:5: status «p» trenger en verdi, men verdien er tom"},
		{"ValueWithMissing", "i;e;2018;12;..", ErrStatus,
			"2:5: status «..» betyr at det ikke finnes noen verdi, men verdien er «12»"},
		{"Contradiction", "i;e;2018;:;..", ErrStatus, "2:5: verdien «:» og status «..» sier ulike ting"},
		{"TooFew", "i;e;2018", ErrFieldCount,
			"2:3: linjen har 3 felt, men overskriften har 5 (er skilletegnet riktig, og er tekst med skilletegn i anførselstegn?)"},
		{"TooMany", "i;e;2018;1;;x", ErrFieldCount, "2:6: «x» står utenfor tabellen: overskriften har bare 5 kolonner"},
		{"BareQuote", "i;e\"x;2018;1;", ErrSyntax,
			"2: anførselstegn midt i et felt: sett hele feltet i anførselstegn og skriv \" inni som \"\" (tegn 4)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs := readCSV(header+tt.row+"\ni;e;2019;5;\n", nil)
			if len(errs) != 1 {
				t.Fatalf("got errors %v", errs)
			}
			if !errors.Is(errs[0], tt.kind) {
				t.Errorf("error is not %v: %v", tt.kind, errs[0])
			}
			if errs[0].Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", errs[0], tt.want)
			}
			// Reading goes on after the fault.
			if len(recs) != 1 || recs[0].Period.Year != 2019 || recs[0].Line != 3 {
				t.Errorf("records after the fault: %+v", recs)
			}
		})
	}
}

// Every fault of a row is reported, each at its own field, and lines count
// the line breaks inside quoted fields.
func TestReader_RowErrorsPlaces(t *testing.T) {
	text := "indicator;entity;period;value;note\n" +
		"i;e;2018;1;\"en merknad\nover to linjer\"\n" +
		"i;e;2018x;abc;\n"
	_, errs := readCSV(text, nil)
	want := "4:3: perioden «2018x» er ugyldig (forventet f.eks. 2018, 2018H1, 2018K1 eller 2018M01)\n" +
		"4:4: verdien «abc» er ikke et tall (forventet f.eks. 1 422,3)"
	if errs.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", errs, want)
	}
}

func TestReader_UnnamedColumn(t *testing.T) {
	_, errs := readCSV("indicator;entity;;period;value\ni;e;x;2018;1\n", nil)
	if want := "2:3: «x» står i en kolonne uten overskrift"; errs.Error() != want {
		t.Errorf("got %v, want %s", errs, want)
	}
}

func TestReader_Catalogue(t *testing.T) {
	cat := testCatalogue(t)
	text := "indicator;entity;period;value\n" +
		"sykefravaer;0219;2018;6,9\n" +
		"sykefravaer;3024;2021;7,2\n" +
		"sykefravaer;3201;2025;7,0\n" +
		"sykefravaer;219;2019;6,5\n" +
		"Sykefravaer;baerum;2018;1\n" +
		"sykefravaer;bærum;2018;1\n" +
		"lonnsandel;osu;2018;1\n"
	recs, errs := readCSV(text, func(r *Reader) { r.Catalogue = cat })
	for i, rec := range recs[:4] {
		if rec.Entity != "baerum" || rec.Indicator != "sykefravaer" {
			t.Errorf("record %d = %+v", i, rec)
		}
	}
	want := "6:1: ukjent indikator «Sykefravaer»: den må finnes i katalogen eller i en katalogfil i samme import (mente du «sykefravaer»?)\n" +
		"7:2: ukjent enhet «bærum»: den må finnes i katalogen eller i en katalogfil i samme import, med ID eller nummer (mente du «baerum»?)\n" +
		"8:1: indikatoren «lonnsandel» er beregnet (formel «lonn / brutto_driftsutgifter * 100») og kan ikke ha egne verdier"
	if errs.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", errs, want)
	}
}
