package disclosure

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDetermined compares the integer elimination with the rational one on
// random sparse systems, including coefficients other than ±1 that tables
// do not have but that make integer coefficients grow.
func TestDetermined(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		n, m := 1+rng.IntN(12), rng.IntN(14)
		spread := int64(1 + 3*(i%2)) // coefficients in ±1, or ±1..±4
		rows := make([][]entry, m)
		for j := range rows {
			for c := range n {
				if rng.IntN(3) == 0 {
					v := 1 + rng.Int64N(spread)
					if rng.IntN(2) == 0 {
						v = -v
					}
					rows[j] = append(rows[j], entry{int32(c), v})
				}
			}
		}
		before := clone(rows)
		got, ok := determinedInt(n, rows)
		if !ok {
			t.Fatalf("system %d overflowed", i)
		}
		if want := determinedRat(n, rows); !slices.Equal(got, want) {
			t.Fatalf("system %d %v: determinedInt = %v, determinedRat = %v", i, rows, got, want)
		}
		if !slices.EqualFunc(rows, before, slices.Equal) {
			t.Fatalf("system %d: rows modified", i)
		}
	}
}

// TestDetermined_Overflow checks that coefficients too large for exact
// integer products are handed to the rational fallback, which gets them
// right: x0 + big·x1 = b and x1 = c fix both unknowns, and x2 − x3 = d fixes
// neither.
func TestDetermined_Overflow(t *testing.T) {
	rows := [][]entry{
		{{0, 1}, {1, 1 << 40}},
		{{1, 1}},
		{{2, 1}, {3, -1}},
	}
	if _, ok := determinedInt(4, rows); ok {
		t.Fatal("determinedInt accepted a coefficient of 2^40")
	}
	if got := determined(4, rows); !slices.Equal(got, []int{0, 1}) {
		t.Fatalf("determined = %v, want [0 1]", got)
	}
	// Products overflow before the input does: (2^30+1)·(2^30+3) exceeds
	// the bound after one step.
	rows = [][]entry{
		{{0, 1<<30 + 1}, {1, 1}, {2, 1}},
		{{0, 1<<30 + 3}, {1, 1}, {2, 3}},
		{{1, 1}, {2, 1}, {3, 1}},
	}
	if want, got := determinedRat(4, rows), determined(4, rows); !slices.Equal(got, want) {
		t.Fatalf("determined = %v, want %v", got, want)
	}
}

func clone(rows [][]entry) [][]entry {
	out := make([][]entry, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}
