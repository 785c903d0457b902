package jsonstat

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// samplesDir holds the official JSON-stat samples in the shared data tree
// next to the repository; tests that need them skip when it is absent.
const samplesDir = "../../shared/data/jsonstat/samples"

// decodeFile decodes a file and fails the test on any error.
func decodeFile(t testing.TB, path string) *Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return doc
}

// sample decodes one file of samplesDir, skipping when the directory is
// missing.
func sample(t testing.TB, name string) *Document {
	t.Helper()
	if _, err := os.Stat(samplesDir); err != nil {
		t.Skipf("samples directory %s not available: %v", samplesDir, err)
	}
	return decodeFile(t, filepath.Join(samplesDir, name))
}

// cellWant is an expected cell: a number, a string, or null (with an
// optional status).
type cellWant struct {
	pos    int
	kind   ValueKind
	num    float64
	str    string
	status string
}

func num(pos int, v float64) cellWant { return cellWant{pos: pos, kind: Number, num: v} }
func numSt(pos int, v float64, st string) cellWant {
	return cellWant{pos: pos, kind: Number, num: v, status: st}
}
func null(pos int, st string) cellWant { return cellWant{pos: pos, kind: Null, status: st} }
func str(pos int, s string) cellWant   { return cellWant{pos: pos, kind: String, str: s} }
func checkCells(t *testing.T, ds *Dataset, want []cellWant) {
	t.Helper()
	for _, w := range want {
		v, st := ds.Cell(w.pos)
		if v.Kind != w.kind || st != w.status {
			t.Errorf("cell %d = %v (%v) status %q; want kind %v status %q", w.pos, v, v.Kind, st, w.kind, w.status)
			continue
		}
		switch w.kind {
		case Number:
			if v.Num != w.num && math.Abs(v.Num-w.num) > 1e-12*math.Abs(w.num) {
				t.Errorf("cell %d = %v; want %v", w.pos, v.Num, w.num)
			}
		case String:
			if v.Str != w.str {
				t.Errorf("cell %d = %q; want %q", w.pos, v.Str, w.str)
			}
		}
	}
}

// nullStats counts null cells by status over the whole dataset.
func nullStats(ds *Dataset) (nulls int, byStatus map[string]int, numbers int) {
	byStatus = make(map[string]int)
	for _, o := range ds.All() {
		switch o.Value.Kind {
		case Null:
			nulls++
			byStatus[o.Status]++
		case Number:
			numbers++
		}
	}
	return nulls, byStatus, numbers
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
