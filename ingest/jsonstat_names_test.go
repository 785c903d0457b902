package ingest

import (
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
)

func TestGeoName(t *testing.T) {
	tests := []struct {
		label, category string
		name            string
		from, to        int
	}{
		{"Halden", "3001", "Halden", 0, 0},
		{"3001 Halden", "3001", "Halden", 0, 0},
		{"K-3001 Halden", "K-3001", "Halden", 0, 0},
		{"3001 Halden", "K-3001", "Halden", 0, 0},
		{"0219 Bærum (-2019)", "0219", "Bærum", 0, 2019},
		{"3024 Bærum (2020-2023)", "3024", "Bærum", 2020, 2023},
		{"3201 Bærum (2024-)", "3201", "Bærum", 2024, 0},
		{"3201 Bærum (2024–)", "3201", "Bærum", 2024, 0},
		{"Våler (Innlandet)", "3419", "Våler (Innlandet)", 0, 0},
		{"0137 Våler (Østfold) (-2019)", "0137", "Våler (Østfold)", 0, 2019},
		{"Halden (2020-2019)", "3001", "Halden (2020-2019)", 0, 0}, // not a range
		{"Delte kommuner (-)", "K-Rest", "Delte kommuner (-)", 0, 0},
		{"(2020-)", "3001", "3001", 2020, 0},
		{"", "EAK", "EAK", 0, 0},
		{"EAK Landet", "EAK", "Landet", 0, 0},
	}
	for _, tt := range tests {
		name, from, to := geoName(tt.label, tt.category, geoCode(tt.category))
		if name != tt.name || from != tt.from || to != tt.to {
			t.Errorf("geoName(%q, %q) = %q, %d, %d; want %q, %d, %d", tt.label, tt.category, name, from, to, tt.name, tt.from, tt.to)
		}
	}
}

func TestGeoCode(t *testing.T) {
	for in, want := range map[string]string{"K-3024": "3024", "K-Rest": "Rest", "K-21-22": "21-22", "EAK": "EAK", "K-": "K-", "3024": "3024"} {
		if got := geoCode(in); got != want {
			t.Errorf("geoCode(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestIDPart(t *testing.T) {
	for in, want := range map[string]string{"KOSbelop0000": "kosbelop0000", "FGK8b": "fgk8b", "K-Rest": "k-rest",
		"01.1": "01.1", "a b/c": "a_b_c", "Ørland": "ørland", "é": "_"} {
		if got := idPart(in); got != want {
			t.Errorf("idPart(%q) = %q; want %q", in, got, want)
		}
	}
}

// Long IDs are cut to what ValidateID accepts, stay distinct, and are the
// same every time.
func TestCapID(t *testing.T) {
	long := "ssb-12367-" + strings.Repeat("æ", 60)
	a, b := capID(long+"a"), capID(long+"b")
	for _, id := range []string{a, b} {
		if err := virk.ValidateID(id); err != nil {
			t.Errorf("capID gave an invalid ID: %v", err)
		}
	}
	if a == b || a != capID(long+"a") || !strings.HasPrefix(a, "ssb-12367-ææ") {
		t.Errorf("capID gave %q and %q", a, b)
	}
	if got := capID("ssb-07459-personer1"); got != "ssb-07459-personer1" {
		t.Errorf("a short ID changed to %q", got)
	}
}

func TestDatasetInfo(t *testing.T) {
	tests := []struct {
		name     string
		ds       jsonstat.Dataset
		table    string
		title    string
		prefix   string
		source   string
		decimals int
	}{
		{"Extension", jsonstat.Dataset{Label: "12367: Detaljerte regnskapstall", Source: "Statistisk sentralbyrå",
			Extension: []byte(`{"px": {"infofile": "al", "tableid": "12367", "decimals": 1}}`)},
			"12367", "Detaljerte regnskapstall", "ssb-12367", "SSB, tabell 12367", 1},
		{"Label", jsonstat.Dataset{Label: "07459: Befolkning", Source: "Statistics Norway"},
			"07459", "Befolkning", "ssb-07459", "SSB, tabell 07459", 0},
		{"NumericTableID", jsonstat.Dataset{Label: "Befolkning", Source: "SCB", Extension: []byte(`{"px": {"tableid": 1234}}`)},
			"1234", "Befolkning", "tabell-1234", "SCB, tabell 1234", 0},
		{"NoTable", jsonstat.Dataset{Label: "Unemployment rate in the OECD countries", ID: []string{"area", "year"}},
			"", "Unemployment rate in the OECD countries", "js-unemployment_rate_in_the-", "", 0},
		{"BadTableID", jsonstat.Dataset{Label: "x", Source: "SSB", Extension: []byte(`{"px": {"tableid": "12 367"}}`)},
			"", "x", "js-x-", "SSB", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := datasetInfo(&tt.ds)
			prefix := info.indicatorPrefix(&tt.ds)
			if info.table != tt.table || info.title != tt.title || !strings.HasPrefix(prefix, tt.prefix) ||
				info.sourceName(tt.ds.Source) != tt.source || info.decimals != tt.decimals || virk.ValidateID(prefix) != nil {
				t.Errorf("got %+v, prefix %q, source %q", info, prefix, info.sourceName(tt.ds.Source))
			}
		})
	}
}
