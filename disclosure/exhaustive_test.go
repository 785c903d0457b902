package disclosure_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/virk-analyse/virk/disclosure"
)

// TestSuppress_Exhaustive runs Suppress on every small table of a few
// shapes, with counts that are empty, small (primary) or safe, and checks
// each result with checkSafe, which does not trust Recoverable.
func TestSuppress_Exhaustive(t *testing.T) {
	t.Run("Grid2x3", func(t *testing.T) {
		forEach(t, 6, []int{0, 1, 2, 5, 7}, func(v []int) *disclosure.Table { return grid(2, 3, v) })
	})
	t.Run("Grid3x3", func(t *testing.T) {
		forEach(t, 9, []int{0, 2, 7}, func(v []int) *disclosure.Table { return grid(3, 3, v) })
	})
	t.Run("Trees", func(t *testing.T) {
		// Every tree of up to 6 nodes, as parent arrays with the parent
		// before the child, with every choice of leaf counts.
		var trees func(parent []int, n int)
		trees = func(parent []int, n int) {
			if len(parent) == n {
				t.Run(fmt.Sprint(parent), func(t *testing.T) {
					leaves := leavesOf(parent)
					forEach(t, len(leaves), []int{0, 1, 2, 5, 7}, func(v []int) *disclosure.Table {
						return tree(parent, func(i int) int { return v[leaves[i]] })
					})
				})
				return
			}
			for p := range parent {
				trees(append(parent[:len(parent):len(parent)], p), n)
			}
		}
		for n := 2; n <= 6; n++ {
			trees([]int{-1}, n)
		}
	})
}

// forEach builds a table for every vector of n values drawn from values,
// runs Suppress with threshold 5 and checks the result.
func forEach(t *testing.T, n int, values []int, build func([]int) *disclosure.Table) {
	t.Helper()
	v := make([]int, n)
	cache := map[string][]int{}
	var rec func(i int)
	rec = func(i int) {
		if i < n {
			for _, x := range values {
				v[i] = x
				rec(i + 1)
			}
			return
		}
		table := build(v)
		marks, err := disclosure.Suppress(table, 5)
		if err != nil {
			t.Fatalf("values %v: %v", v, err)
		}
		checkSafe(t, table, 5, marks, cache)
		primary := false
		for _, m := range marks {
			primary = primary || m == disclosure.Primary
		}
		if !primary {
			for c, m := range marks {
				if m != disclosure.None {
					t.Fatalf("values %v: no small cell, yet cell %d is %v", v, c, m)
				}
			}
		}
	}
	rec(0)
}

// leavesOf maps each leaf of a parent array to its position among the
// leaves, and every inner node to -1.
func leavesOf(parent []int) map[int]int {
	inner := make([]bool, len(parent))
	for _, p := range parent {
		if p >= 0 {
			inner[p] = true
		}
	}
	leaves := map[int]int{}
	for i := range parent {
		if !inner[i] {
			leaves[i] = len(leaves)
		}
	}
	return leaves
}

// TestSuppress_Random runs Suppress on random small units × periods tables
// whose counts do not add up, so that small totals over large parts make
// the quick rule fall short and the exact check must add complements, and
// checks each result by brute force.
func TestSuppress_Random(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	// Six months, two quarters and the half-year.
	months := []disclosure.Relation{
		{Total: 6, Parts: []int{0, 1, 2}},
		{Total: 7, Parts: []int{3, 4, 5}},
		{Total: 8, Parts: []int{0, 1, 2, 3, 4, 5}},
	}
	for i := range 300 {
		parent := []int{-1}
		for u := 1; u < 2+rng.IntN(5); u++ {
			parent = append(parent, rng.IntN(u))
		}
		table := &disclosure.Table{
			Counts:    make([]int, len(parent)*9),
			Relations: disclosure.Product(len(parent), disclosure.TreeRelations(parent), 9, months),
		}
		for c := range table.Counts {
			table.Counts[c] = []int{0, 1, 3, 5, 8, 20, 40}[rng.IntN(7)]
		}
		marks, err := disclosure.Suppress(table, 5)
		if err != nil {
			t.Fatalf("table %d: %v", i, err)
		}
		checkSafe(t, table, 5, marks, nil)
	}
}
