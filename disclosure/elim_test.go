package disclosure

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDetermined compares the integer elimination with the rational one on
// random sparse systems, including coefficients other than ±1 that tables
// do not have but that make integer coefficients grow, and checks every
// witness.
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
		got, ok := determinedInt(n, augment(n, rows), all)
		if !ok {
			t.Fatalf("system %d overflowed", i)
		}
		want := determinedRat(n, augment(n, rows), all)
		if !slices.Equal(cols(got), cols(want)) {
			t.Fatalf("system %d %v: determinedInt = %v, determinedRat = %v", i, rows, cols(got), cols(want))
		}
		if plain, _ := determinedInt(n, rows, nil); !slices.Equal(cols(plain), cols(got)) {
			t.Fatalf("system %d: without witnesses %v, with %v", i, cols(plain), cols(got))
		}
		checkWitnesses(t, n, rows, got)
		checkWitnesses(t, n, rows, want)
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
	if _, ok := determinedInt(4, augment(4, rows), all); ok {
		t.Fatal("determinedInt accepted a coefficient of 2^40")
	}
	got := determined(4, rows, all)
	if !slices.Equal(cols(got), []int{0, 1}) {
		t.Fatalf("determined = %v, want [0 1]", cols(got))
	}
	checkWitnesses(t, 4, rows, got)
	// Products overflow before the input does: eliminating x0 from
	// C·x0 + D·x1 + x2 with A·x0 + B·x1 gives (AD − BC)·x1 + A·x2, and
	// AD − BC is near 2^60.
	const a, b, c, d = 1<<30 + 1, 1, 1<<30 - 1, 1<<30 + 7
	x, y := []entry{{0, c}, {1, d}, {2, 1}}, []entry{{0, a}, {1, b}}
	if _, ok := combine(x, c, y, a, 0, 3, make([][]int32, 3), &arena{}); ok {
		t.Fatal("combine did not report the overflow")
	}
}

// checkWitnesses asserts that each witness combines rows into the unit
// vector of its column.
func checkWitnesses(t *testing.T, n int, rows [][]entry, fs []fixed) {
	t.Helper()
	for _, f := range fs {
		sum := make([]*big.Rat, n)
		for c := range sum {
			sum[c] = new(big.Rat)
		}
		for j, w := range f.witness {
			for _, e := range rows[j] {
				sum[e.col].Add(sum[e.col], new(big.Rat).Mul(w, big.NewRat(e.val, 1)))
			}
		}
		for c, v := range sum {
			if want := int64(0); c == f.col && v.Cmp(big.NewRat(1, 1)) != 0 || c != f.col && v.Cmp(big.NewRat(want, 1)) != 0 {
				t.Fatalf("witness of column %d over %v gives %v at column %d", f.col, rows, v, c)
			}
		}
	}
}

// all asks for every witness.
func all(int) bool { return true }

func cols(fs []fixed) []int {
	var out []int
	for _, f := range fs {
		out = append(out, f.col)
	}
	return out
}

func clone(rows [][]entry) [][]entry {
	out := make([][]entry, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}
