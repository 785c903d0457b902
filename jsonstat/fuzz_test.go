package jsonstat

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to the decoder. It asserts that
// nothing panics, that Decode and Validate agree on validity, and that a
// successfully decoded dataset is consistent: Len is the product of
// Size, and Cell, Coords, Pos and All work on its first cells.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.json")
	for _, path := range seeds {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	// The official samples are added too, except the two county tables
	// (78 and 245 kB): they add no new structure, and inputs that large
	// slow the fuzzer's mutation and minimisation to a crawl.
	samples, _ := filepath.Glob(filepath.Join(samplesDir, "*.json"))
	for _, path := range samples {
		if data, err := os.ReadFile(path); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	for _, c := range loadCorpus(f) {
		f.Add([]byte(c.Input))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// The fast syntax check must agree with the standard library.
		if _, ok := checkJSON(data); ok != json.Valid(data) {
			t.Fatalf("checkJSON = %v, json.Valid = %v", ok, !ok)
		}
		doc, err := Decode(data)
		findings := Validate(data)
		if (err == nil) != findings.Valid() {
			t.Fatalf("Decode error %v but Validate verdict %v", err, findings.Valid())
		}
		if err != nil {
			return
		}
		for _, ds := range doc.Datasets() {
			checkConsistent(t, ds)
		}
	})
}

func checkConsistent(t *testing.T, ds *Dataset) {
	n := 1
	for _, s := range ds.Size {
		n *= s
	}
	if ds.Len() != n {
		t.Fatalf("Len() = %d; product(size) = %d", ds.Len(), n)
	}
	limit := min(n, 10000)
	for pos := range limit {
		ds.Cell(pos)
		ds.CellUnit(pos)
		if back := ds.Pos(ds.Coords(pos)); back != pos {
			t.Fatalf("Pos(Coords(%d)) = %d", pos, back)
		}
	}
	for pos, o := range ds.All() {
		if pos >= limit {
			break
		}
		v, st := ds.Cell(pos)
		if v != o.Value || st != o.Status {
			t.Fatalf("cell %d: Cell gives %v %q, All gives %v %q", pos, v, st, o.Value, o.Status)
		}
		if p, ok := ds.PosByID(o.IDs...); !ok || p != pos {
			t.Fatalf("PosByID(%q) = %d, %v; want %d", o.IDs, p, ok, pos)
		}
	}
}
