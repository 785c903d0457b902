package disclosure_test

import (
	"math/rand/v2"
	"testing"

	"github.com/virk-analyse/virk/disclosure"
)

// largeTable returns a table the size of a large municipality's: 302 units
// (a root, 6 sectors of 6 departments of 6 units, and an own part for each
// of the 43 units above the leaves) × 75 periods (5 years of 12 months, 2
// half-years and the year), 22 650 cells and 7 755 relations. Counts are
// given per leaf and month and summed: most units have 5–40 persons, one
// in seven is small and often has fewer than five, and one own part in
// three is empty.
func largeTable(seed uint64) *disclosure.Table {
	rng := rand.New(rand.NewPCG(seed, 0))
	parent := []int{-1}
	var grow func(p, depth int)
	grow = func(p, depth int) {
		if depth == 3 {
			return
		}
		for range 6 {
			parent = append(parent, p)
			grow(len(parent)-1, depth+1)
		}
		parent = append(parent, p) // the unit's own part
	}
	grow(0, 0)
	units := disclosure.TreeRelations(parent)

	const years, per = 5, 15
	var periods []disclosure.Relation
	for y := range years {
		m := func(from, to int) []int {
			var ms []int
			for i := from; i < to; i++ {
				ms = append(ms, y*per+i)
			}
			return ms
		}
		periods = append(periods,
			disclosure.Relation{Total: y*per + 12, Parts: m(0, 6)},
			disclosure.Relation{Total: y*per + 13, Parts: m(6, 12)},
			disclosure.Relation{Total: y*per + 14, Parts: m(0, 12)})
	}
	np := years * per
	t := &disclosure.Table{
		Counts:    make([]int, len(parent)*np),
		Relations: disclosure.Product(len(parent), units, np, periods),
	}
	inner := make([]bool, len(parent))
	for _, p := range parent[1:] {
		inner[p] = true
	}
	for u := range parent {
		if inner[u] {
			continue
		}
		size := 5 + rng.IntN(36)
		switch r := rng.IntN(21); {
		case r < 3:
			size = 0 // small: 0–7 a month
		case r < 10 && u == lastChild(parent, u):
			continue // an empty own part
		}
		for y := range years {
			for mo := range 12 {
				v := size + rng.IntN(5) - 2
				if size == 0 {
					v = rng.IntN(8)
				}
				v = max(v, 0)
				for _, q := range []int{mo, 12 + mo/6, 14} {
					for a := u; a >= 0; a = parent[a] {
						t.Counts[a*np+y*per+q] += v
					}
				}
			}
		}
	}
	return t
}

// lastChild returns the last child of u's parent, which grow makes the own
// part.
func lastChild(parent []int, u int) int {
	last := -1
	for i, p := range parent {
		if p == parent[u] {
			last = i
		}
	}
	return last
}

// TestSuppress_Large checks the benchmark's table: the share of small cells
// is as intended and the result is safe by the package's own check (the
// brute-force one is too slow for 22 650 cells).
func TestSuppress_Large(t *testing.T) {
	table := largeTable(1)
	marks, err := disclosure.Suppress(table, 5)
	if err != nil {
		t.Fatal(err)
	}
	var primary, secondary int
	for _, m := range marks {
		switch m {
		case disclosure.Primary:
			primary++
		case disclosure.Secondary:
			secondary++
		}
	}
	t.Logf("%d cells, %d relations: %d primary, %d secondary",
		len(table.Counts), len(table.Relations), primary, secondary)
	if share := float64(primary) / float64(len(marks)); share < 0.03 || share > 0.08 {
		t.Fatalf("primary share %.3f, want about 0.05", share)
	}
	if got := disclosure.Recoverable(table, suppressed(marks)); len(got) > 0 {
		t.Fatalf("Recoverable = %v", got)
	}
}

func BenchmarkSuppress(b *testing.B) {
	table := largeTable(1)
	for b.Loop() {
		if _, err := disclosure.Suppress(table, 5); err != nil {
			b.Fatal(err)
		}
	}
}
