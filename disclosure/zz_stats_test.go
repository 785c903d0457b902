package disclosure

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestZZStats(t *testing.T) {
	// harder: 300x75 plain grid-ish: units tree flat 2-level, random counts with 5% small, inconsistent
	rng := rand.New(rand.NewPCG(3, 4))
	for _, frac := range []float64{0.05, 0.15, 0.3} {
		nu, np := 300, 75
		parent := make([]int, nu)
		parent[0] = -1
		for i := 1; i < nu; i++ {
			if i <= 20 {
				parent[i] = 0
			} else {
				parent[i] = 1 + (i-21)%20
			}
		}
		units := TreeRelations(parent)
		var periods []Relation
		for y := range 5 {
			var ms []int
			for i := range 12 {
				ms = append(ms, y*15+i)
			}
			periods = append(periods, Relation{y*15 + 12, ms[:6]}, Relation{y*15 + 13, ms[6:]}, Relation{y*15 + 14, ms})
		}
		tb := &Table{Counts: make([]int, nu*np), Relations: Product(nu, units, np, periods)}
		for i := range tb.Counts {
			if rng.Float64() < frac {
				tb.Counts[i] = 1 + rng.IntN(4)
			} else {
				tb.Counts[i] = 5 + rng.IntN(100)
			}
		}
		start := time.Now()
		m, err := Suppress(tb, 5)
		el := time.Since(start)
		var p, s int
		for _, x := range m {
			if x == Primary {
				p++
			} else if x == Secondary {
				s++
			}
		}
		g := newGraph(tb)
		big := 0
		for _, c := range g.components(suppressed(m)) {
			big = max(big, len(c.cells))
		}
		t.Logf("frac %.2f: %v err=%v primary %d secondary %d, largest comp %d", frac, el, err, p, s, big)
	}
}

func suppressed(m []Mark) []bool {
	s := make([]bool, len(m))
	for i := range m {
		s[i] = m[i] != None
	}
	return s
}
