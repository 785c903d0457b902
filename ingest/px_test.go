package ingest

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// pxDir holds the PC-Axis test files of ../shared/data/px, with the known
// values its READMEs list.
const pxDir = "../../shared/data/px"

// pxData reads a file of pxDir, skipping the test when the shared tree
// is not there.
func pxData(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(pxDir, rel))
	if os.IsNotExist(err) {
		tb.Skipf("%s not found", rel)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// importPX imports one PX file through the Importer, against a catalogue
// holding only "norge", with a mapping (nil for the defaults).
func importPX(t *testing.T, rel string, m *JSONStatMapping) (*virk.ChangeSet, *Importer, error) {
	t.Helper()
	cat := NewCatalogue(nil, []*virk.Entity{{ID: "norge", Name: "Norge", Kind: virk.KindGroup}})
	im := &Importer{Catalogue: cat, PXMapping: m}
	if err := im.Add(filepath.Base(rel), pxData(t, rel)); err != nil {
		t.Fatal(err)
	}
	cs, err := im.ChangeSet()
	return cs, im, err
}

// pxCell is a known cell: its position in the cube and its figure; a
// status other than final means the cell has no value.
type pxCell struct {
	pos    int
	value  float64
	status virk.Status
	period string // "" to leave unchecked
}

func TestPX_KnownValues(t *testing.T) {
	noRegion := &JSONStatMapping{EntityID: "norge"}
	final := virk.StatusFinal
	tests := []struct {
		file    string
		m       *JSONStatMapping
		cells   int
		known   []pxCell
		noValue int // cells with a marker
		warn    string
	}{
		{"pxweb-example/BE0101F1datasymbols.px", nil, 24, []pxCell{{0, 456, final, "2003"},
			{1, 0, virk.StatusMissing, ""}, {3, 0, virk.StatusMissing, ""}, {11, 0, virk.StatusMissing, ""}, {23, 23, final, ""}}, 6, ""},
		{"pxweb-example/Transmengde.px", noRegion, 27300, []pxCell{{0, 8625931, final, "2015Q1"},
			{13, 10283304, final, "2018Q2"}, {13650, 55762631, final, "2015Q1"}, {2999, 180, final, "2015Q4"}}, 0, ""},
		{"pcaxis-serializers/14216.px", noRegion, 4, []pxCell{{0, 275.87, final, "2025"}, {1, 276.30, final, "2024"},
			{2, 1110887, final, "2025"}, {3, 1098061, final, "2024"}}, 0, ""},
		{"pcaxis-serializers/BE0101A1.px", nil, 1, []pxCell{{0, 10462, final, "2004"}}, 0, ""},
		{"pcaxis-serializers/BE0101A1_20200914-143936.px", nil, 96, []pxCell{{0, 522028, final, ""}, {2, 52.43, final, ""}, {95, 54.92, final, ""}}, 0, ""},
		{"pcaxis-serializers/BE0101A1_contact.px", nil, 96, []pxCell{{0, 522028, final, ""}, {95, 54.92, final, ""}}, 0, ""},
		{"pcaxis-serializers/BE0101A1_misc_metadata.px", nil, 1, []pxCell{{0, 10462, final, ""}}, 0, ""},
		{"pcaxis-serializers/BE0101A1_show_codes_or.px", nil, 96, []pxCell{{0, 522028, final, ""}}, 0, ""},
		{"pcaxis-serializers/BE0101A1_with_notes.px", nil, 96, []pxCell{{0, 522028, final, ""}}, 0, ""},
		{"pcaxis-serializers/BE0101N1.px", nil, 64, []pxCell{{0, 1054, final, "2020"}, {1, 1026, final, "2021"},
			{2, -1, final, ""}, {3, -28, final, ""}}, 0, ""},
		{"pcaxis-serializers/HalfYearStatistics.px", noRegion, 56, []pxCell{{0, 24.7314, final, "1995H1"}, {55, 141.7410, final, "2022H2"}}, 0, ""},
		{"pcaxis-serializers/Issue220Finland.px", noRegion, 42504, []pxCell{{0, -3.149, final, "1995M10"}, {1, -5.349, final, ""}}, 29767, ""},
		{"pcaxis-serializers/MontlyStatisticsWithOneContent.px", noRegion, 1410, []pxCell{{0, 77.1, final, "2000M01"}}, 0, ""},
		{"pcaxis-serializers/MultipleContent.px", noRegion, 53820, []pxCell{{0, 1711, final, "2007Q1"}, {1, 2073, final, ""}, {2, -362, final, ""}}, 0, ""},
		{"pcaxis-serializers/MultipleContentSmall.px", nil, 12, []pxCell{{0, 31444, final, "2021"}, {1, 31730, final, "2022"},
			{2, 15563, final, ""}, {3, 15720, final, ""}, {4, 15881, final, ""}, {5, 16010, final, ""}, {6, 50290, final, "2021"}, {7, 51240, final, "2022"}}, 0, ""},
		{"pcaxis-serializers/NAAC01_20230728-205316.px", noRegion, 6720, []pxCell{{0, 141441.40, final, "1995"}}, 1445, ""},
		{"pcaxis-serializers/PR0101B3.px", noRegion, 40, []pxCell{{0, 236.96, final, "2006M01"}, {39, 238.17, final, "2006M05"}}, 0, ""},
		{"pcaxis-serializers/SingleValueMultipleVariables.px", nil, 1, []pxCell{{0, 10772, final, "2022"}}, 0, ""},
		{"pcaxis-serializers/TAB2936.px", noRegion, 189, []pxCell{{0, 2382.7, final, "2025M11"}}, 37, ""},
		{"pcaxis-serializers/WeeklyStatisticsWithTwoContent.px", noRegion, 4, []pxCell{{0, 17898, final, "2023W29"},
			{1, 92.67, final, "2023W29"}, {2, 125, final, ""}, {3, 105.03, final, ""}}, 0, ""},
		// INE's 14001 has no time variable: the year (2018, by its
		// CREATION-DATE of November 2019) comes from the mapping.
		{"pyaxis/14001.px", &JSONStatMapping{EntityID: "norge", PeriodID: "2018"}, 8064, []pxCell{{0, 162743, final, "2018"},
			{7, 28138, final, ""}, {159, 422, final, ""}}, 2260, ""},
		{"pcaxis-serializers/WierdTimeWithOneValue.px", noRegion, 1, []pxCell{{0, 1370, final, "2023"}}, 0, "CODEPAGE"},
		{"pcaxis-serializers/tab_12909_metaid.px", noRegion, 12, []pxCell{{0, 6.4, final, "2025Q4"}, {1, 1.2, final, ""}}, 0, ""},
		{"pyaxis/1001.px", noRegion, 504, []pxCell{{0, 0.86, final, "2013Q4"}, {503, 5.95, final, "2008Q1"}}, 0, "CODEPAGE"},
		{"pyaxis/27067.px", noRegion, 812, []pxCell{{0, 0, virk.StatusMissing, "2018M12"}, {56, 100, final, ""},
			{804, 0, virk.StatusNotApplicable, ""}}, 208 + 252, ""},
		{"pyaxis/px-x-0602000000_107.px", noRegion, 60800, []pxCell{{0, 9.1091, final, "2004Q1"}, {60799, 26.7702, final, "2022Q4"}}, 0, "CODEPAGE"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			cs, im, err := importPX(t, tt.file, tt.m)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if len(cs.Observations) != tt.cells {
				t.Fatalf("%d observations, want one per cell, %d", len(cs.Observations), tt.cells)
			}
			for _, c := range tt.known {
				o := cs.Observations[c.pos]
				if o.Status != c.status || c.status == final && math.Abs(o.Value-c.value) > 1e-9 {
					t.Errorf("cell %d = %v (%s), want %v (%s)", c.pos, o.Value, o.Status, c.value, c.status)
				}
				if c.period != "" && o.Period.String() != c.period {
					t.Errorf("cell %d has the period %s, want %s", c.pos, o.Period, c.period)
				}
			}
			noValue := 0
			for _, o := range cs.Observations {
				if !o.Status.HasValue() {
					noValue++
				}
			}
			if noValue != tt.noValue {
				t.Errorf("%d cells without a value, want %d", noValue, tt.noValue)
			}
			warns := strings.Join(im.Warnings(), "\n")
			if tt.warn == "" && warns != "" || tt.warn != "" && !strings.Contains(warns, tt.warn) {
				t.Errorf("warnings %q, want one about %s", warns, cmpOr(tt.warn, "nothing"))
			}
		})
	}
}

// TestPX_IDs checks the ID scheme on SSB's KOSTRA table 11820, whose
// VARIABLECODEs are those of SSB's JSON-stat, and on a Swedish table.
func TestPX_IDs(t *testing.T) {
	cs, _, err := importPX(t, "pcaxis-serializers/MultipleContentSmall.px", nil)
	if err != nil {
		t.Fatal(err)
	}
	o := cs.Observations[0]
	if o.IndicatorID != "ssb-11820-kosfolkemengde0000" || o.EntityID != "ssb-3001" || o.Source != "SSB, tabell 11820" {
		t.Errorf("cell 0 = %s %s %q, want ssb-11820-kosfolkemengde0000 ssb-3001 \"SSB, tabell 11820\"", o.IndicatorID, o.EntityID, o.Source)
	}
	var ind *virk.Indicator
	for _, i := range cs.Indicators {
		if i.ID == o.IndicatorID {
			ind = i
		}
	}
	if ind == nil || ind.LabelNB != "Innbyggere (antall)" || ind.Unit.Name != "antall" {
		t.Errorf("indicator %+v, want the label «Innbyggere (antall)» and the unit «antall»", ind)
	}
	cs, _, err = importPX(t, "pxweb-example/BE0101F1datasymbols.px", nil)
	if err != nil {
		t.Fatal(err)
	}
	if o := cs.Observations[0]; o.IndicatorID != "tabell-be0101f1-20-1" || o.EntityID != "js-00" {
		t.Errorf("cell 0 = %s %s, want tabell-be0101f1-20-1 js-00", o.IndicatorID, o.EntityID)
	}
}

// TestPX_Mapping applies a mapping file to a PX file as to JSON-stat.
func TestPX_Mapping(t *testing.T) {
	m, err := ReadJSONStatMapping("m.json", []byte(`{"entity_id": "norge", "fixed": {"statistikkvariabel": "Transmengde"},
		"indicators": {"Transmengde.1.-.00": "import_alle"}}`))
	if err != nil {
		t.Fatal(err)
	}
	cat := NewCatalogue([]*virk.Indicator{{ID: "import_alle", LabelNB: "Import, alle varer", Unit: virk.Unit{Name: "tonn"}}},
		[]*virk.Entity{{ID: "norge", Name: "Norge", Kind: virk.KindGroup}})
	im := &Importer{Catalogue: cat, PXMapping: m}
	if err := im.Add("Transmengde.px", pxData(t, "pxweb-example/Transmengde.px")); err != nil {
		t.Fatal(err)
	}
	cs, err := im.ChangeSet()
	if err != nil {
		t.Fatal(err)
	}
	o := cs.Observations[0]
	if o.IndicatorID != "import_alle" || o.EntityID != "norge" || o.Value != 8625931 {
		t.Errorf("cell 0 = %s %s %v, want import_alle norge 8625931", o.IndicatorID, o.EntityID, o.Value)
	}
}

// TestPX_NoTimeVariable: a file without a time variable is refused with
// a message that says how to give its period, and a mapping that gives
// both a period dimension and a fixed period is refused.
func TestPX_NoTimeVariable(t *testing.T) {
	_, _, err := importPX(t, "pyaxis/14001.px", &JSONStatMapping{EntityID: "norge"})
	if err == nil || !strings.Contains(err.Error(), "fant ingen tidsdimensjon") {
		t.Errorf("error %v, want one saying there is no time dimension", err)
	}
	_, err = ReadJSONStatMapping("m.json", []byte(`{"period": "Tid", "period_id": "2018"}`))
	if err == nil || !strings.Contains(err.Error(), "m.json:1:") || !strings.Contains(err.Error(), "«period» og «period_id»") {
		t.Errorf("error %v, want m.json:1:… saying period and period_id exclude each other", err)
	}
	_, err = ReadJSONStatMapping("m.json", []byte("{\n  \"period_id\": \"2021W53\"}"))
	if err == nil || !strings.Contains(err.Error(), "m.json:2:16") || !strings.Contains(err.Error(), "2021 har bare 52 uker") {
		t.Errorf("error %v, want m.json:2:16 saying 2021 has 52 weeks", err)
	}
}
