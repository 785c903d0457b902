package disclosure_test

import (
	"reflect"
	"testing"

	"github.com/virk-analyse/virk/disclosure"
)

func TestTreeRelations(t *testing.T) {
	tests := []struct {
		name   string
		parent []int
		want   []disclosure.Relation
	}{
		{"Root", []int{-1}, nil},
		{"Flat", []int{-1, 0, 0, 0}, []disclosure.Relation{{Total: 0, Parts: []int{1, 2, 3}}}},
		{
			// Node 3 is listed before its parent 4, and 2 is a second root.
			name:   "Unordered",
			parent: []int{-1, 0, -1, 4, 0, 4},
			want: []disclosure.Relation{
				{Total: 0, Parts: []int{1, 4}},
				{Total: 4, Parts: []int{3, 5}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := disclosure.TreeRelations(tt.parent); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("TreeRelations = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestProduct(t *testing.T) {
	// Units: 0 = 1 + 2. Periods: 2 = 0 + 1 (a half-year of two months).
	units := []disclosure.Relation{{Total: 0, Parts: []int{1, 2}}}
	periods := []disclosure.Relation{{Total: 2, Parts: []int{0, 1}}}
	got := disclosure.Product(3, units, 3, periods)
	// Cell (unit u, period p) is u*3 + p.
	want := []disclosure.Relation{
		{Total: 0, Parts: []int{3, 6}}, // period 0: unit 0 = units 1 + 2
		{Total: 1, Parts: []int{4, 7}},
		{Total: 2, Parts: []int{5, 8}},
		{Total: 2, Parts: []int{0, 1}}, // unit 0: period 2 = periods 0 + 1
		{Total: 5, Parts: []int{3, 4}},
		{Total: 8, Parts: []int{6, 7}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Product = %v, want %v", got, want)
	}
	// A third dimension (men + women = all) multiplies every relation by
	// its three positions and adds one per (unit, period) cell.
	sex := []disclosure.Relation{{Total: 2, Parts: []int{0, 1}}}
	if got := disclosure.Product(9, got, 3, sex); len(got) != 6*3+9 || !reflect.DeepEqual(got[0], disclosure.Relation{Total: 0, Parts: []int{9, 18}}) {
		t.Fatalf("Product of three: %d relations, first %v", len(got), got[0])
	}
}

func TestMark_String(t *testing.T) {
	for m, want := range map[disclosure.Mark]string{N: "none", P: "primary", S: "secondary", 7: "Mark(7)"} {
		if got := m.String(); got != want {
			t.Errorf("Mark(%d).String() = %q, want %q", uint8(m), got, want)
		}
	}
}

// TestRecoverable_AllPatterns compares Recoverable with the brute-force
// check on every pattern of a 2×3 table with margins and of a small tree
// with an own part.
func TestRecoverable_AllPatterns(t *testing.T) {
	tables := map[string]*disclosure.Table{
		"Grid2x3": grid(2, 3, make([]int, 6)),
		"Tree":    tree([]int{-1, 0, 0, 0, 1, 1, 1}, func(int) int { return 1 }),
	}
	for name, table := range tables {
		t.Run(name, func(t *testing.T) {
			n := len(table.Counts)
			for bits := 0; bits < 1<<n; bits++ {
				sup := make([]bool, n)
				for i := range sup {
					sup[i] = bits>>i&1 == 1
				}
				got, want := disclosure.Recoverable(table, sup), bruteRecoverable(table, sup)
				if !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
					t.Fatalf("pattern %b: Recoverable = %v, want %v", bits, got, want)
				}
			}
		})
	}
}
