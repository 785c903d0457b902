package jsonstat

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
)

// TestSSB decodes the four real Statistics Norway responses in
// testdata/ssb and checks the values listed in their README.
func TestSSB(t *testing.T) {
	tests := []struct {
		file     string
		n        int
		cells    []cellWant
		nulls    int
		byStatus map[string]int
		unit     string // a metric category ...
		decimals int    // ... and its decimals
		base     string // ... and unit base
		extra    func(t *testing.T, ds *Dataset)
	}{
		{
			file: "ssb-12367-kostra-driftsregnskap.json", n: 1250,
			cells: []cellWant{num(0, 1943974), null(15, ":"), null(500, "."), num(564, 73247),
				num(417, 117), num(839, 83411), num(1249, 2127)},
			nulls: 485, byStatus: map[string]int{".": 400, ":": 85},
			unit: "KOSbelop0000", decimals: 0, base: "1000 kr",
			extra: func(t *testing.T, ds *Dataset) {
				if got := ds.Dimension("Tid").Category.IDs; fmt.Sprint(got) != "[2015 2016 2017 2019 2020]" {
					t.Errorf("Tid = %v; 2018 should be missing", got)
				}
				if len(ds.GeoDims()) != 0 || ds.TimeDims()[0].ID != "Tid" {
					t.Errorf("roles = %+v", ds.Role)
				}
				// Halden (region 3001) occupies positions 500-749.
				first, count := -1, 0
				for pos := 500; pos < 750; pos++ {
					if v, _ := ds.Cell(pos); !v.IsNull() {
						if first < 0 {
							first = pos
						}
						count++
					}
				}
				if first != 504 || count != 45 {
					t.Errorf("Halden: %d non-null cells from %d; want 45 from 504", count, first)
				}
				if ds.Updated != "2021-06-13T22:00:00Z" || ds.Source != "Statistisk sentralbyrå" {
					t.Errorf("updated %q source %q", ds.Updated, ds.Source)
				}
			},
		},
		{
			file: "ssb-12191-kommunehelse.json", n: 135,
			cells: []cellWant{null(0, "."), num(2, 20), num(5, 45), null(53, ":"), num(59, 27.8),
				null(80, ".."), num(134, 1)},
			nulls: 92, byStatus: map[string]int{".": 90, ":": 1, "..": 1},
			unit: "KOSergoaarsverk0000", decimals: 1, base: "årsverk",
			extra: func(t *testing.T, ds *Dataset) {
				if ds.ID[0] != "ContentsCode" {
					t.Errorf("first dimension %q; want ContentsCode", ds.ID[0])
				}
				if u, ok := ds.CellUnit(59); !ok || u.Base != "årsverk" || u.Decimals != 1 {
					t.Errorf("CellUnit(59) = %+v, %v", u, ok)
				}
				region := ds.Dimension("KOKkommuneregion0000")
				if region.CategoryLabel("3039") != "Flå" {
					t.Errorf("label of 3039 = %q", region.CategoryLabel("3039"))
				}
				if l := region.Link["describedby"]; len(l) != 1 || len(l[0].Extension) == 0 {
					t.Errorf("describedby link = %+v", l)
				}
			},
		},
		{
			file: "ssb-08655-byggekostnadsindeks.json", n: 75,
			cells: []cellWant{num(0, 20.4), num(4, 124.1), null(5, ".."), num(14, 7.9), num(74, 11.4)},
			nulls: 25, byStatus: map[string]int{"..": 25},
			unit: "EndrForrAar", decimals: 1, base: "prosent",
			extra: func(t *testing.T, ds *Dataset) {
				if got := ds.Dimension("Tid").CategoryID(0); got != "1978M01" {
					t.Errorf("first Tid = %q", got)
				}
			},
		},
		{
			file: "ssb-07459-befolkning-kommuner-2022.json", n: 359,
			cells: []cellWant{num(0, 31444), num(20, 128982)},
			nulls: 0, byStatus: map[string]int{},
			unit: "Personer1", decimals: 0, base: "personer",
			extra: func(t *testing.T, ds *Dataset) {
				sum := 0.0
				for _, o := range ds.All() {
					sum += o.Value.Num
				}
				if sum != 5425270 {
					t.Errorf("sum of all values = %v; want 5425270", sum)
				}
				asss := []struct {
					code string
					pos  int
					v    float64
				}{
					{"K-0301", 51, 699827}, {"K-4601", 169, 286930}, {"K-5001", 238, 210496},
					{"K-1103", 147, 144699}, {"K-3024", 20, 128982}, {"K-4204", 124, 113737},
					{"K-3005", 4, 102273}, {"K-3025", 21, 96088}, {"K-3004", 3, 83892},
					{"K-1108", 149, 81305}, {"K-5401", 317, 77544},
				}
				for _, a := range asss {
					pos, ok := ds.PosByID(a.code, "Personer1", "2022")
					v, _ := ds.Cell(pos)
					if !ok || pos != a.pos || v.Num != a.v {
						t.Errorf("%s at %d = %v; want %d = %v", a.code, pos, v, a.pos, a.v)
					}
				}
				if g := ds.GeoDims(); len(g) != 1 || g[0].ID != "Region" {
					t.Errorf("geo dims = %v", ds.Role.Geo)
				}
				var ext struct {
					Px struct {
						Infofile, Tableid string
					}
				}
				if err := json.Unmarshal(ds.Extension, &ext); err != nil || ext.Px.Infofile != "None" || ext.Px.Tableid != "07459" {
					t.Errorf("extension = %s (%v)", ds.Extension, err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := decodeFile(t, filepath.Join("testdata/ssb", tt.file))
			if len(doc.Findings) != 0 {
				t.Errorf("unexpected findings: %v", doc.Findings)
			}
			ds := doc.Dataset
			if ds.Len() != tt.n {
				t.Fatalf("Len() = %d; want %d", ds.Len(), tt.n)
			}
			checkCells(t, ds, tt.cells)
			nulls, byStatus, numbers := nullStats(ds)
			if nulls != tt.nulls || fmt.Sprint(byStatus) != fmt.Sprint(tt.byStatus) || numbers != tt.n-tt.nulls {
				t.Errorf("%d nulls by status %v, %d numbers; want %d by %v", nulls, byStatus, numbers, tt.nulls, tt.byStatus)
			}
			// Each status belongs to a null value.
			for pos, o := range ds.All() {
				if o.Status != "" && !o.Value.IsNull() {
					t.Errorf("cell %d has value %v and status %q", pos, o.Value, o.Status)
				}
			}
			u, ok := ds.MetricUnit(tt.unit)
			if !ok || !u.HasDecimals || u.Decimals != tt.decimals || u.Base != tt.base {
				t.Errorf("unit of %s = %+v, %v; want decimals %d base %q", tt.unit, u, ok, tt.decimals, tt.base)
			}
			tt.extra(t, ds)
		})
	}
}
