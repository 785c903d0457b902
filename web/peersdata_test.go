package web_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestPeersDownloads: the comparison page links its profile as CSV and
// XLSX, and both hold the page's figures, numbers as numbers.
func TestPeersDownloads(t *testing.T) {
	srv, _ := demoServer(t)
	query := "enhet=baerum&gruppe=asss&ar=2017&med=asker"
	_, body := get(t, srv.URL+"/sammenligning?"+query)
	mustContain(t, body, `href="/sammenligning/data.csv?ar=2017&amp;enhet=baerum&amp;gruppe=asss&amp;med=asker"`,
		`href="/sammenligning/data.xlsx?ar=2017&amp;enhet=baerum&amp;gruppe=asss&amp;med=asker"`)

	status, csv := get(t, srv.URL+"/sammenligning/data.csv?"+query)
	if status != 200 {
		t.Fatalf("CSV: status %d\n%s", status, csv)
	}
	// the first the profile's; the three earlier years have no values.
	// The page's administration row: Bærum 3 237 against the published
	// ASSS mean 2 998 (index 108,0), lowest 2 191, highest 3 776, Asker
	// 3 010 beside.
	for _, want := range []string{
		"\ufeffindikator;indikatornavn;enhet;gruppe;år;verdi;snitt;vektet_snitt;lavest;lavest_enhet;høyest;høyest_enhet;rang;antall;referanse;indeks;publisert;asker\n",
		"\nadm_brutto_pr_innb;Brutto driftsutgifter til Administrasjon, pr. innb.;baerum;asss;2017;3237;2998;;2191;;3776;;;1;2998;107,971981;true;3010\n",
		"\nadm_brutto_pr_innb;Brutto driftsutgifter til Administrasjon, pr. innb.;baerum;asss;2016;;;;;;;;;0;;;false;\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("CSV lacks %q:\n%.600s", want, csv)
		}
	}

	status, x := get(t, srv.URL+"/sammenligning/data.xlsx?"+query)
	if status != 200 {
		t.Fatalf("XLSX: status %d", status)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(x)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Tjenesteprofil", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var line []string
	for _, r := range rows {
		if len(r) > 4 && r[0] == "adm_brutto_pr_innb" && r[4] == "2017" {
			line = r
		}
	}
	if want := []string{"3237", "2998", "", "2191"}; len(line) < 18 || !slices.Equal(line[5:9], want) || line[17] != "3010" {
		t.Errorf("XLSX line for 2017: %q, want %q from column F and Asker's 3010 in R", line, want)
	}
	// The demo holds Bærum's own figures only; the group's are published.
	if n, _ := f.GetCellValue("Merknader", "A2"); n != "Medlemmer 2017: Bærum kommune." {
		t.Errorf("notes sheet A2 %q", n)
	}
	if status, _ := get(t, srv.URL+"/sammenligning/data.pdf?"+query); status != 404 {
		t.Errorf("data.pdf: status %d, want 404", status)
	}
}
