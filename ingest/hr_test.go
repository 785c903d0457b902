package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

const hrGood = "uttrekk;person;enhet;stilling_pst;stillingskode;ansettelse;utdanning;fodselsar;kjonn;innvandrer;laerling;fra;til\n" +
	"31.12.2018;A1;4010;80,5;7174;fast;fagarbeider;1971;K;ja;nei;2015-08-01;\n" +
	"2018-12-31;A2;oppvekst_skole;100;7174;midlertidig;høyskole;1990;M;nei;ja;01.01.2018;30.06.2019\n"

func TestReadEmployments(t *testing.T) {
	m := &HRMapping{Units: map[string]string{"4010": "oppvekst_skole"}}
	known := func(id string) bool { return id == "oppvekst_skole" }
	got, err := ReadEmployments("a.csv", []byte(hrGood), HROptions{Mapping: m, Unit: known})
	if err != nil {
		t.Fatal(err)
	}
	want := []virk.Employment{
		{Extract: virk.DayOf(2018, 12, 31), Person: "A1", Unit: "oppvekst_skole", Percent: 80.5, Code: "7174", Type: virk.EmploymentPermanent,
			Education: virk.EducationSkilled, BirthYear: 1971, Female: true, Immigrant: true, From: virk.DayOf(2015, 8, 1), To: virk.NoDay, Line: 2},
		{Extract: virk.DayOf(2018, 12, 31), Person: "A2", Unit: "oppvekst_skole", Percent: 100, Code: "7174", Type: virk.EmploymentTemporary,
			Education: virk.EducationHigher, BirthYear: 1990, Apprentice: true, From: virk.DayOf(2018, 1, 1), To: virk.DayOf(2019, 6, 30), Line: 3},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestReadHRColumns(t *testing.T) {
	// An HR system's own column names, mapped.
	m, err := ReadHRMapping("m.json", []byte(`{"kolonner": {"person": "Ansattnr", "grad": "Sykemeldingsgrad"}}`))
	if err != nil {
		t.Fatal(err)
	}
	abs, err := ReadAbsences("f.csv", []byte("Ansattnr;fra;til;Sykemeldingsgrad;type\nA1;2018-03-05;2018-03-09;50 %;legemeldt\n"), HROptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	want := virk.Absence{Person: "A1", From: virk.DayOf(2018, 3, 5), To: virk.DayOf(2018, 3, 9), Grade: 50, Doctor: true, Line: 2}
	if len(abs) != 1 || abs[0] != want {
		t.Errorf("got %+v, want %+v", abs, want)
	}
	for _, tc := range []struct{ name, data, want string }{
		{"unknown key", `{"kolonner": {}, "personer": {}}`, `m.json:1:33: ukjent nøkkel «personer»`},
		{"unknown column", `{"kolonner": {"navn": "Navn"}}`, `«navn» er ikke en kolonne virk kjenner`},
		{"syntax", "{\n\"kolonner\": {\"person\" \"x\"}}", `m.json:2:`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadHRMapping("m.json", []byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestReadAbsences_Faults(t *testing.T) {
	h := "person;fra;til;grad;type\n"
	for _, tc := range []struct{ name, row, want string }{
		{"grade", "A;2018-03-05;2018-03-09;0;egenmeldt", "f.csv:2:4: sykmeldingsgraden «0» er ugyldig"},
		{"reversed", "A;2018-03-09;2018-03-05;100;egenmeldt", "f.csv:2:3: fraværet slutter 2018-03-05, før det begynner 2018-03-09"},
		{"type", "A;2018-03-05;2018-03-09;100;ferie", "f.csv:2:5: fraværstypen «ferie» er ukjent"},
		{"date", "A;2018-02-29;2018-03-09;100;egenmeldt", "f.csv:2:2: fra: datoen «2018-02-29» er ugyldig"},
		{"fields", "A;2018-03-05;100;egenmeldt", "f.csv:2: raden har 4 felt, overskriftsraden 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAbsences("f.csv", []byte(h+tc.row+"\n"), HROptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	_, err := ReadAbsences("f.csv", []byte("person;fra;grad;type\n"), HROptions{})
	if !errors.Is(err, ErrHeader) || !strings.Contains(err.Error(), "mangler kolonnen «til»") {
		t.Errorf("header: %v", err)
	}
}

// FuzzReadEmployments: nothing panics, and every fault is placed in
// the file.
func FuzzReadEmployments(f *testing.F) {
	f.Add([]byte(hrGood))
	f.Add([]byte("uttrekk;person\n\"x;y\n"))
	f.Add([]byte("\n\r\nuttrekk,person\r\n\"a\"\"b\";c\n \u00a0x\u00a0; ;\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadEmployments("a.csv", data, HROptions{})
		checkPlaced(t, err)
		_, err = ReadAbsences("a.csv", data, HROptions{})
		checkPlaced(t, err)
		// The quick paths read what the general ones read.
		if d, ok := quickDay(data); ok {
			if want, err := parseDay(string(data)); err != nil || d != want {
				t.Fatalf("quickDay(%q) = %v, parseDay %v, %v", data, d, want, err)
			}
		}
		if v, ok := quickNumber(data); ok {
			if want, err := ParseNumber(string(data), 0); err != nil || v != want {
				t.Fatalf("quickNumber(%q) = %v, ParseNumber %v, %v", data, v, want, err)
			}
		}
	})
}

func checkPlaced(t *testing.T, err error) {
	if err == nil {
		return
	}
	var es Errors
	if !errors.As(err, &es) {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("unplaced error %T: %v", err, err)
		}
		return
	}
	for _, e := range es {
		if e.File != "a.csv" {
			t.Fatalf("fault without its file: %v", e)
		}
	}
}

// TestQuickDay checks quickDay against parseDay on every day from 1899 to
// 2201 in both formats, and on strings it must leave to parseDay.
func TestQuickDay(t *testing.T) {
	for d := virk.DayOf(1899, 12, 20); d <= virk.DayOf(2201, 1, 10); d++ {
		y, m, dd := d.Date()
		for _, s := range []string{fmt.Sprintf("%04d-%02d-%02d", y, m, dd), fmt.Sprintf("%02d.%02d.%04d", dd, m, y)} {
			want, werr := parseDay(s)
			got, ok := quickDay([]byte(s))
			if ok != (werr == nil) || ok && got != want {
				t.Fatalf("quickDay(%s) = %v, %v; parseDay %v, %v", s, got, ok, want, werr)
			}
		}
	}
	for _, s := range []string{"2018-+1-05", "+018-01-05", "2018-02-29", "2018-13-01", "31.02.2018", "2018/01/01", "2018-1-1", "", "2018-01-01 "} {
		if d, ok := quickDay([]byte(s)); ok {
			t.Errorf("quickDay(%q) = %v, want it left to parseDay", s, d)
		}
	}
	for _, s := range []string{"0", "7", "100", "080", "123456789"} {
		v, ok := quickNumber([]byte(s))
		if want, err := ParseNumber(s, 0); !ok || err != nil || v != want {
			t.Errorf("quickNumber(%q) = %v, %v; ParseNumber %v, %v", s, v, ok, want, err)
		}
	}
	for _, s := range []string{"", "62,5", "1 000", "-1", "+1", "1234567890", "1e2"} {
		if v, ok := quickNumber([]byte(s)); ok {
			t.Errorf("quickNumber(%q) = %v, want it left to ParseNumber", s, v)
		}
	}
}
