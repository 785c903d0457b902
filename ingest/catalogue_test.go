package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/virk-analyse/virk"
)

// testCatalogue returns the catalogue of testdata/katalog.json.
func testCatalogue(tb testing.TB) *Catalogue {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "katalog.json"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	cf, err := ReadCatalogue(f)
	if err != nil {
		tb.Fatal(err)
	}
	return NewCatalogue(cf.Indicators, cf.Entities)
}

func TestCatalogue_ResolveEntity(t *testing.T) {
	cat := testCatalogue(t)
	// A second entity that once had Bærum's old number, to test that the
	// year decides between the two.
	cat.AddEntity(&virk.Entity{ID: "gammel", Name: "Gammel", Kind: virk.KindMunicipality,
		Codes: []virk.Code{{Code: "3201", To: 2000}}})
	tests := []struct {
		ref  string
		year int
		want string
	}{
		{"baerum", 2018, "baerum"},
		{"0219", 2018, "baerum"},
		{"3024", 2021, "baerum"},
		{"3201", 2025, "baerum"},
		{"3201", 1999, "gammel"},
		{"0219", 2021, "baerum"}, // outside its years, but the only one with the code
		{"219", 2018, "baerum"},  // Excel dropped the leading zero
		{"0220", 2019, "asker"},
		{"3203", 2024, "asker"},
		{"osu", 2018, "osu"},
	}
	for _, tt := range tests {
		t.Run(tt.ref+"_"+itoaTest(tt.year), func(t *testing.T) {
			e, err := cat.ResolveEntity(tt.ref, tt.year)
			if err != nil {
				t.Fatal(err)
			}
			if e.ID != tt.want {
				t.Errorf("ResolveEntity(%q, %d) = %s, want %s", tt.ref, tt.year, e.ID, tt.want)
			}
		})
	}
}

func TestCatalogue_ResolveEntityError(t *testing.T) {
	cat := testCatalogue(t)
	cat.AddEntity(&virk.Entity{ID: "gammel", Name: "Gammel", Kind: virk.KindMunicipality,
		Codes: []virk.Code{{Code: "3201", To: 2000}}})
	tests := []struct {
		ref  string
		year int
		want string
	}{
		{"9999", 2018, "ukjent enhet «9999»: den må finnes i katalogen eller i en katalogfil i samme import, med ID eller nummer"},
		{"Baerum", 2018, "ukjent enhet «Baerum»: den må finnes i katalogen eller i en katalogfil i samme import, med ID eller nummer (mente du «baerum»?)"},
		{"3201", 2010, "nummeret «3201» passer til flere enheter i 2010: «baerum», «gammel» (rett nummerhistorikken i katalogen)"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			_, err := cat.ResolveEntity(tt.ref, tt.year)
			if !errors.Is(err, ErrUnknownEntity) {
				t.Fatalf("error %v is not ErrUnknownEntity", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tt.want)
			}
		})
	}
}

func TestCatalogue_AddReplaces(t *testing.T) {
	cat := NewCatalogue(nil, []*virk.Entity{{ID: "a", Codes: []virk.Code{{Code: "1"}}}})
	if e, err := cat.ResolveEntity("1", 2020); err != nil || e.ID != "a" {
		t.Fatalf("before: %v %v", e, err)
	}
	cat.AddEntity(&virk.Entity{ID: "a", Codes: []virk.Code{{Code: "2"}}})
	if _, err := cat.ResolveEntity("1", 2020); err == nil {
		t.Error("the replaced entity's old code still resolves")
	}
	if e, err := cat.ResolveEntity("2", 2020); err != nil || e.ID != "a" {
		t.Errorf("after: %v %v", e, err)
	}
	cat.AddIndicator(&virk.Indicator{ID: "x", LabelNB: "1"})
	cat.AddIndicator(&virk.Indicator{ID: "x", LabelNB: "2"})
	if ind, _ := cat.ResolveIndicator("x"); ind.LabelNB != "2" {
		t.Errorf("indicator not replaced: %+v", ind)
	}
}

func itoaTest(i int) string {
	b := []byte{}
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
