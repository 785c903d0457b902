package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
	"github.com/virk-analyse/virk/jsonstat"
	"github.com/xuri/excelize/v2"
)

func testData() *export.Data {
	p := virk.MustParsePeriod
	return &export.Data{
		Indicators: []*virk.Indicator{
			{ID: "arsverk", LabelNB: "Årsverk", Unit: virk.Unit{Name: "årsverk", Decimals: 1}},
			{ID: "driftsinntekter", LabelNB: "Driftsinntekter", Unit: virk.Unit{Name: "mill. kr", Decimals: 1}},
		},
		Entities: []*virk.Entity{
			{ID: "digit", Name: "Digitalisering og IT", Kind: virk.KindUnit},
			{ID: "eiendom", Name: "Eiendom", Kind: virk.KindUnit},
		},
		Observations: []*virk.Observation{
			{IndicatorID: "arsverk", EntityID: "digit", Period: p("2017"), Value: 85.8, Status: virk.StatusFinal, Source: "a.csv"},
			{IndicatorID: "arsverk", EntityID: "digit", Period: p("2018"), Value: 104.4, Status: virk.StatusPreliminary, Source: "a.csv"},
			{IndicatorID: "arsverk", EntityID: "eiendom", Period: p("2017"), Status: virk.StatusSuppressed},
			{IndicatorID: "arsverk", EntityID: "eiendom", Period: p("2018"), Value: 1212.8, Status: virk.StatusFinal},
			{IndicatorID: "driftsinntekter", EntityID: "digit", Period: p("2018"), Value: -967.6, Status: virk.StatusFinal},
		},
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := export.WriteCSV(&b, testData()); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffindicator;entity;period;value;status;source\n" +
		"arsverk;digit;2017;85,8;;a.csv\n" +
		"arsverk;digit;2018;104,4;p;a.csv\n" +
		"arsverk;eiendom;2017;;:;\n" +
		"arsverk;eiendom;2018;1212,8;;\n" +
		"driftsinntekter;digit;2018;-967,6;;\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteJSONStat(t *testing.T) {
	var b bytes.Buffer
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	if err := export.WriteJSONStat(&b, testData(), now); err != nil {
		t.Fatal(err)
	}
	if f := jsonstat.Validate(b.Bytes()); !f.Valid() {
		t.Fatalf("the export is not valid JSON-stat:\n%v\n%s", f.Errors(), b.String())
	}
	doc, err := jsonstat.Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	ds := doc.Dataset
	if ds == nil || ds.Len() != 2*2*2 {
		t.Fatalf("dataset %+v", ds)
	}
	if ds.Updated != "2026-11-26T12:00:00Z" {
		t.Errorf("updated %q", ds.Updated)
	}
	cells := []struct {
		ids    []string
		value  float64
		null   bool
		status string
	}{
		{[]string{"arsverk", "digit", "2017"}, 85.8, false, ""},
		{[]string{"arsverk", "digit", "2018"}, 104.4, false, "p"},
		{[]string{"arsverk", "eiendom", "2017"}, 0, true, ":"},
		{[]string{"driftsinntekter", "digit", "2018"}, -967.6, false, ""},
		{[]string{"driftsinntekter", "eiendom", "2017"}, 0, true, ""},
	}
	for _, c := range cells {
		pos, ok := ds.PosByID(c.ids...)
		if !ok {
			t.Fatalf("no cell %v", c.ids)
		}
		v, status := ds.Cell(pos)
		if got := v.Kind == jsonstat.Null; got != c.null {
			t.Errorf("%v: null = %v, want %v", c.ids, got, c.null)
		}
		if !c.null && v.Num != c.value {
			t.Errorf("%v = %v, want %v", c.ids, v.Num, c.value)
		}
		if status != c.status {
			t.Errorf("%v: status %q, want %q", c.ids, status, c.status)
		}
	}
	if u, ok := ds.MetricUnit("driftsinntekter"); !ok || u.Label != "mill. kr" || u.Decimals != 1 {
		t.Errorf("unit of driftsinntekter: %+v, %v", u, ok)
	}
	if got := ds.Dimension("entity").CategoryLabel("digit"); got != "Digitalisering og IT" {
		t.Errorf("entity label %q", got)
	}
}

func TestWriteXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := export.WriteXLSX(&b, testData()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Data", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6: %v", len(rows), rows)
	}
	if got := strings.Join(rows[0], ","); got != "indicator,entity,period,value,status,source" {
		t.Errorf("header %q", got)
	}
	if got := strings.Join(rows[5], ","); got != "driftsinntekter,digit,2018,-967.6" {
		t.Errorf("row 6 %q", got)
	}
	if typ, _ := f.GetCellType("Data", "D2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("D2 has type %v, want a number", typ)
	}
	if got, _ := f.GetCellValue("Data", "E4"); got != ":" {
		t.Errorf("E4 = %q, want the suppressed symbol", got)
	}
	cat, err := f.GetRows("_indikatorer")
	if err != nil || len(cat) != 3 || cat[2][0] != "driftsinntekter" || cat[2][3] != "mill. kr" {
		t.Errorf("_indikatorer: %v, %v", cat, err)
	}
}
