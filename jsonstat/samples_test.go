package jsonstat

import (
	"fmt"
	"testing"
)

// TestSamples decodes every official JSON-stat sample and checks the
// values listed in the samples README.
func TestSamples(t *testing.T) {
	tests := []struct {
		file  string
		id    []string
		size  []int
		cells []cellWant
		extra func(t *testing.T, ds *Dataset)
	}{
		{
			file: "oecd.json", id: []string{"concept", "area", "year"}, size: []int{1, 36, 12},
			cells: []cellWant{num(0, 5.943826289), num(403, 9.627692959), num(345, 25.04773498),
				numSt(143, 27.2364419, "e"), numSt(431, 8.004598637, "e")},
			extra: func(t *testing.T, ds *Dataset) {
				nulls, byStatus, _ := nullStats(ds)
				if nulls != 0 {
					t.Errorf("%d nulls; want 0", nulls)
				}
				statuses := 0
				for _, o := range ds.All() {
					if o.Status != "" {
						statuses++
						if o.Status != "e" || (o.IDs[2] != "2013" && o.IDs[2] != "2014") {
							t.Errorf("cell %v has status %q", o.IDs, o.Status)
						}
					}
				}
				if statuses != 72 || len(byStatus) != 0 {
					t.Errorf("%d cells with status; want 72", statuses)
				}
				area := ds.Dimension("area")
				if area.CategoryID(0) != "AU" || area.CategoryID(33) != "US" || area.CategoryID(35) != "OECD" {
					t.Errorf("area order = %v", area.Category.IDs)
				}
				if got := ds.Dimension("concept").Category.IDs; !equalStrings(got, []string{"UNR"}) {
					t.Errorf("concept ids (no index) = %v; want [UNR]", got)
				}
				if len(area.Category.Child["EU15"]) != 15 || len(area.Category.Child["OECD"]) != 21 {
					t.Errorf("child EU15 %d, OECD %d; want 15, 21", len(area.Category.Child["EU15"]), len(area.Category.Child["OECD"]))
				}
				if len(area.Category.Note["DE"]) == 0 || len(area.Note) == 0 || len(ds.Note) == 0 || len(ds.Extension) == 0 {
					t.Error("notes or extension missing")
				}
				if pos, ok := ds.PosByID("UNR", "US", "2010"); !ok || pos != 403 {
					t.Errorf("PosByID(UNR, US, 2010) = %d, %v; want 403", pos, ok)
				}
				u, ok := ds.MetricUnit("UNR")
				if !ok || u.Label != "%" || !u.HasDecimals || u.Decimals != 9 || u.Type != "ratio" {
					t.Errorf("unit UNR = %+v, %v", u, ok)
				}
			},
		},
		{
			file: "canada.json", id: []string{"country", "year", "age", "concept", "sex"}, size: []int{1, 1, 20, 2, 3},
			cells: []cellWant{numSt(0, 34880.5, "a"), numSt(1, 17309.1, "a"), numSt(2, 17571.3, "a"),
				numSt(3, 100, "a"), numSt(4, 100, "a"), numSt(5, 100, "a"), numSt(119, 1.0, "a")},
			extra: func(t *testing.T, ds *Dataset) {
				for pos, o := range ds.All() {
					if o.Status != "a" {
						t.Fatalf("cell %d status %q; want \"a\" for all cells", pos, o.Status)
					}
				}
				if got := ds.Dimension("country").Category.IDs; !equalStrings(got, []string{"CA"}) {
					t.Errorf("country ids = %v; want [CA]", got)
				}
				u, ok := ds.CellUnit(0)
				if !ok || u.Label != "thousands of persons" || u.Decimals != 1 || u.Multiplier != 3 {
					t.Errorf("CellUnit(0) = %+v, %v; want POP unit", u, ok)
				}
				u, ok = ds.CellUnit(3)
				if !ok || u.Label != "%" || u.Decimals != 1 {
					t.Errorf("CellUnit(3) = %+v, %v; want PERCENT unit", u, ok)
				}
				if len(ds.TimeDims()) != 1 || len(ds.GeoDims()) != 1 || ds.MetricDims()[0].ID != "concept" {
					t.Errorf("roles = %+v", ds.Role)
				}
			},
		},
		{
			file: "galicia.json", id: []string{"birth", "age", "gender", "time", "residence", "concept"}, size: []int{6, 22, 3, 2, 5, 1},
			cells: []cellWant{num(0, 2695880), num(5, 2772928), num(3959, 11),
				null(3278, ""), null(3288, ""), null(3298, ""), null(3947, "")},
			extra: func(t *testing.T, ds *Dataset) {
				var nullPos []int
				for pos, o := range ds.All() {
					if o.Value.IsNull() {
						nullPos = append(nullPos, pos)
					}
				}
				if fmt.Sprint(nullPos) != "[3278 3288 3298 3947]" {
					t.Errorf("nulls at %v; want [3278 3288 3298 3947]", nullPos)
				}
				c := ds.Coords(3278)
				ids := make([]string, len(c))
				for j, x := range c {
					ids[j] = ds.Dimensions[j].CategoryID(x)
				}
				if fmt.Sprint(ids) != "[A 100 T 2011 32 pop]" {
					t.Errorf("ids of 3278 = %v", ids)
				}
				if len(ds.GeoDims()) != 2 || ds.GeoDims()[0].ID != "residence" {
					t.Errorf("geo dims = %v", ds.Role.Geo)
				}
				if l := ds.Link["alternate"]; len(l) != 1 || l[0].Type != "text/csv" {
					t.Errorf("link.alternate = %+v", l)
				}
			},
		},
		{
			file: "order.json", id: []string{"A", "B", "C"}, size: []int{3, 2, 4},
			cells: []cellWant{str(0, "A1B1C1"), str(4, "A1B2C1"), str(8, "A2B1C1"), str(23, "A3B2C4")},
			extra: func(t *testing.T, ds *Dataset) {
				// Each value names its own coordinates, which checks the
				// row-major order; pos 11 is a known upstream typo.
				for pos, o := range ds.All() {
					want := fmt.Sprintf("A%dB%dC%d", o.Coords[0]+1, o.Coords[1]+1, o.Coords[2]+1)
					if pos != 11 && o.Value.Str != want {
						t.Errorf("cell %d = %q; want %q", pos, o.Value.Str, want)
					}
				}
			},
		},
		{
			file: "hierarchy.json", id: []string{"commodity"}, size: []int{132},
			cells: []cellWant{null(0, ""), null(131, "")},
			extra: func(t *testing.T, ds *Dataset) {
				if !ds.Sparse() {
					t.Error("value should be sparse")
				}
				child := ds.Dimension("commodity").Category.Child
				if len(child) != 45 || len(child["T"]) != 11 {
					t.Errorf("child has %d parents, T has %d children; want 45, 11", len(child), len(child["T"]))
				}
				if p := ds.Dimension("commodity").Parents()["1.1"]; p != "1" {
					t.Errorf("parent of 1.1 = %q; want 1", p)
				}
			},
		},
		{
			file: "us-gsp.json", id: []string{"year", "state", "concept"}, size: []int{1, 51, 4},
			cells: []cellWant{num(0, 174400), num(1, 1.2), num(2, 4.8), num(3, 36333), num(16, 2080600),
				num(200, 38200), num(201, 0.26), num(202, 0.6), num(203, 63667)},
			extra: func(t *testing.T, ds *Dataset) {
				u, ok := ds.MetricUnit("gsp")
				if !ok || u.Symbol != "$" || u.Position != "start" || u.Multiplier != 6 {
					t.Errorf("unit gsp = %+v, %v", u, ok)
				}
			},
		},
		{
			file: "us-unr.json", id: []string{"year", "county", "labor"}, size: []int{1, 3220, 1},
			cells: []cellWant{num(0, 6.5), num(204, 10.9), num(3219, 15.8)},
			extra: func(t *testing.T, ds *Dataset) {
				county := ds.Dimension("county")
				if county.Category.Label != nil || county.CategoryLabel("06037") != "06037" || county.CategoryID(204) != "06037" {
					t.Errorf("county labels should fall back to ids")
				}
			},
		},
		{
			file: "us-labor.json", id: []string{"year", "county", "labor"}, size: []int{1, 3220, 4},
			cells: []cellWant{num(0, 25480), num(1, 23836), num(2, 1644), num(3, 6.5),
				num(816, 4879674), num(817, 4345723), num(818, 533951), num(819, 10.9)},
			extra: func(t *testing.T, ds *Dataset) {
				county := ds.Dimension("county")
				if county.CategoryLabel("01001") != "Autauga County, AL" || county.CategoryLabel("72153") != "Yauco Municipio, PR" {
					t.Errorf("county labels wrong")
				}
				if got := ds.Dimension("labor").Category.IDs; fmt.Sprint(got) != "[labforce empl unempl unr]" {
					t.Errorf("labor ids = %v", got)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := sample(t, tt.file)
			if doc.Class != ClassDataset || doc.Dataset.Version != "2.0" {
				t.Fatalf("class %q version %q", doc.Class, doc.Dataset.Version)
			}
			if len(doc.Findings) != 0 {
				t.Errorf("unexpected findings: %v", doc.Findings)
			}
			ds := doc.Dataset
			if fmt.Sprint(ds.ID) != fmt.Sprint(tt.id) || fmt.Sprint(ds.Size) != fmt.Sprint(tt.size) {
				t.Errorf("id %v size %v; want %v %v", ds.ID, ds.Size, tt.id, tt.size)
			}
			n := 1
			for _, s := range tt.size {
				n *= s
			}
			if ds.Len() != n {
				t.Errorf("Len() = %d; want %d", ds.Len(), n)
			}
			checkCells(t, ds, tt.cells)
			if tt.extra != nil {
				tt.extra(t, ds)
			}
		})
	}
}

// TestSampleCollections decodes the collection and bundle samples.
func TestSampleCollections(t *testing.T) {
	t.Run("oecd-canada-col.json", func(t *testing.T) {
		doc := sample(t, "oecd-canada-col.json")
		if doc.Class != ClassCollection || len(doc.Collection.Items) != 2 {
			t.Fatalf("class %q with %d items; want collection with 2", doc.Class, len(doc.Collection.Items))
		}
		dss := doc.Datasets()
		if len(dss) != 2 {
			t.Fatalf("%d embedded datasets; want 2", len(dss))
		}
		// The embedded datasets must equal the standalone samples cell by cell.
		for i, name := range []string{"oecd.json", "canada.json"} {
			want := sample(t, name).Dataset
			got := dss[i]
			if got.Len() != want.Len() || got.Version != "" {
				t.Fatalf("item %d: Len %d version %q; want %d, none", i, got.Len(), got.Version, want.Len())
			}
			for pos := range want.Len() {
				gv, gs := got.Cell(pos)
				wv, ws := want.Cell(pos)
				if gv != wv || gs != ws {
					t.Fatalf("item %d cell %d = %v %q; want %v %q", i, pos, gv, gs, wv, ws)
				}
			}
		}
	})
	t.Run("collection.json", func(t *testing.T) {
		doc := sample(t, "collection.json")
		dss := doc.Datasets()
		if doc.Class != ClassCollection || len(dss) != 1 {
			t.Fatalf("class %q with %d datasets", doc.Class, len(dss))
		}
		checkCells(t, dss[0], []cellWant{num(0, 1)})
	})
	t.Run("bundle.json", func(t *testing.T) {
		doc := sample(t, "bundle.json")
		if doc.Class != ClassBundle || !doc.Findings.Has(CodeBundleDeprecated) {
			t.Fatalf("class %q findings %v; want bundle with BUNDLE_DEPRECATED", doc.Class, doc.Findings)
		}
		if f := doc.Findings[0]; f.Severity != SeverityInfo {
			t.Errorf("BUNDLE_DEPRECATED severity %v; want info", f.Severity)
		}
		if len(doc.Bundle) != 2 || doc.Bundle[0].Name != "dataset" || doc.Bundle[1].Name != "dataset2" {
			t.Fatalf("bundle datasets = %d", len(doc.Bundle))
		}
		ds := doc.Bundle[0]
		if fmt.Sprint(ds.Size) != "[2 3 1]" || ds.Len() != 6 {
			t.Errorf("dataset size %v", ds.Size)
		}
		checkCells(t, ds, []cellWant{num(0, 1.23456789), num(5, 6.789)})
		if got := ds.Dimension("testdimension2").Category.IDs; fmt.Sprint(got) != "[testcategory21 testcategory22 testcategory23]" {
			t.Errorf("object index order = %v", got)
		}
		ds2 := doc.Bundle[1]
		if !ds2.Sparse() || ds2.Len() != 4 {
			t.Errorf("dataset2 sparse %v len %d", ds2.Sparse(), ds2.Len())
		}
		if len(ds2.values.pos) != 3 {
			t.Errorf("dataset2 has %d sparse entries; want 3", len(ds2.values.pos))
		}
		checkCells(t, ds2, []cellWant{null(0, ""), num(1, 2), null(2, ""), num(3, 4)})
	})
}
