package disclosure_test

import (
	"math/rand/v2"
	"testing"

	"github.com/virk-analyse/virk/disclosure"
)

// Large tables the size of a large municipality's: 302 units (a root, 6
// sectors of 6 departments of 6 units, and an own part for each of the 43
// units above the leaves) × 75 periods (5 years of 12 months, 2 half-years
// and the year): 22 650 cells and 7 755 relations, or three times as many
// cells, and 45 915 relations, when split by sex (men + women = all).
const (
	years   = 5
	periods = 15 // per year: months 0–11, half-years 12 and 13, the year 14
)

// large returns a table of the units × periods, split by sex if sexes is 2.
// Counts are drawn per leaf, month and sex, and summed: most units have
// 5–40 persons, one in seven is small and often has fewer than five, and
// one own part in three is empty.
func large(seed uint64, sexes int) *disclosure.Table {
	rng := rand.New(rand.NewPCG(seed, 0))
	parent, own := unitTree()
	np := years * periods
	t := &disclosure.Table{
		Relations: disclosure.Product(len(parent), disclosure.TreeRelations(parent), np, periodRelations()),
	}
	width := 1
	if sexes == 2 {
		width = 3 // men, women, all
		t.Relations = disclosure.Product(len(parent)*np, t.Relations, 3,
			[]disclosure.Relation{{Total: 2, Parts: []int{0, 1}}})
	}
	t.Counts = make([]int, len(parent)*np*width)
	inner := make([]bool, len(parent))
	for _, p := range parent[1:] {
		inner[p] = true
	}
	for u := range parent {
		size := 5 + rng.IntN(36)
		switch r := rng.IntN(21); {
		case inner[u], r >= 3 && r < 10 && own[u]:
			continue // sums only, or an empty own part
		case r < 3:
			size = 0 // a small unit: 0–7 a month
		}
		for y := range years {
			for m := range 12 {
				for sex := range sexes {
					v := max(size/sexes+rng.IntN(5)-2, 0)
					if size == 0 {
						v = rng.IntN(8 / sexes)
					}
					for _, p := range []int{m, 12 + m/6, 14} {
						for a := u; a >= 0; a = parent[a] {
							cell := (a*np + y*periods + p) * width
							t.Counts[cell] += v
							if width == 3 {
								t.Counts[cell+sex] += v
							}
						}
					}
				}
			}
		}
	}
	return t
}

// scattered returns the units × periods with small counts (1–4) in one
// cell in twenty at random, anywhere, and 5–104 elsewhere: counts that do
// not add up, so that small totals over large parts make the quick rule
// fall short again and again, and the exact check must add complements
// over many rounds.
func scattered(seed uint64) *disclosure.Table {
	rng := rand.New(rand.NewPCG(seed, 1))
	parent, _ := unitTree()
	np := years * periods
	t := &disclosure.Table{
		Counts:    make([]int, len(parent)*np),
		Relations: disclosure.Product(len(parent), disclosure.TreeRelations(parent), np, periodRelations()),
	}
	for c := range t.Counts {
		t.Counts[c] = 5 + rng.IntN(100)
		if rng.IntN(20) == 0 {
			t.Counts[c] = 1 + rng.IntN(4)
		}
	}
	return t
}

// unitTree returns the parent array of the 302 units, and which are own
// parts.
func unitTree() (parent []int, own []bool) {
	parent, own = []int{-1}, []bool{false}
	var grow func(p, depth int)
	grow = func(p, depth int) {
		if depth == 3 {
			return
		}
		for range 6 {
			parent, own = append(parent, p), append(own, false)
			grow(len(parent)-1, depth+1)
		}
		parent, own = append(parent, p), append(own, true)
	}
	grow(0, 0)
	return parent, own
}

// periodRelations returns the sums of months into half-years and years.
func periodRelations() []disclosure.Relation {
	var rels []disclosure.Relation
	for y := range years {
		months := func(from, to int) []int {
			var ms []int
			for m := from; m < to; m++ {
				ms = append(ms, y*periods+m)
			}
			return ms
		}
		rels = append(rels,
			disclosure.Relation{Total: y*periods + 12, Parts: months(0, 6)},
			disclosure.Relation{Total: y*periods + 13, Parts: months(6, 12)},
			disclosure.Relation{Total: y*periods + 14, Parts: months(0, 12)})
	}
	return rels
}

var largeTables = []struct {
	name  string
	table func() *disclosure.Table
}{
	{"UnitsPeriods", func() *disclosure.Table { return large(1, 1) }},
	{"UnitsPeriodsSex", func() *disclosure.Table { return large(1, 2) }},
	{"Scattered", func() *disclosure.Table { return scattered(1) }},
}

// TestSuppress_Large checks the benchmarks' tables: the share of small
// cells is as intended and the result is safe by the package's own check
// (the brute-force one is too slow for tables this size).
func TestSuppress_Large(t *testing.T) {
	for _, tt := range largeTables {
		t.Run(tt.name, func(t *testing.T) {
			table := tt.table()
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
			if share := float64(primary) / float64(len(marks)); share < 0.03 || share > 0.15 {
				t.Errorf("primary share %.3f, want 0.03–0.15", share)
			}
			if got := disclosure.Recoverable(table, suppressed(marks)); len(got) > 0 {
				t.Fatalf("%d cells recoverable, first %d", len(got), got[0])
			}
		})
	}
}

func BenchmarkSuppress(b *testing.B) {
	for _, tt := range largeTables {
		b.Run(tt.name, func(b *testing.B) {
			table := tt.table()
			for b.Loop() {
				if _, err := disclosure.Suppress(table, 5); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
