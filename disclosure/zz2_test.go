package disclosure

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestZZ3D(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
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
		parent = append(parent, p)
	}
	grow(0, 0)
	inner := make([]bool, len(parent))
	for _, p := range parent[1:] {
		inner[p] = true
	}
	var periods []Relation
	for y := range 5 {
		var ms []int
		for i := range 12 {
			ms = append(ms, y*15+i)
		}
		periods = append(periods, Relation{y*15 + 12, ms[:6]}, Relation{y*15 + 13, ms[6:]}, Relation{y*15 + 14, ms})
	}
	nu, np := len(parent), 75
	rels := Product(nu*np, Product(nu, TreeRelations(parent), np, periods), 3, []Relation{{2, []int{0, 1}}})
	for _, small := range []int{7, 3} {
		tb := &Table{Counts: make([]int, nu*np*3), Relations: rels}
		for u := range parent {
			if inner[u] {
				continue
			}
			sz := 5 + rng.IntN(36)
			if rng.IntN(small) == 0 {
				sz = 0
			}
			for y := range 5 {
				for mo := range 12 {
					for sx := range 2 {
						v := max(sz/2+rng.IntN(5)-2, 0)
						if sz == 0 {
							v = rng.IntN(6)
						}
						for _, q := range []int{mo, 12 + mo/6, 14} {
							for a := u; a >= 0; a = parent[a] {
								tb.Counts[((a*np+y*15+q)*3)+sx] += v
								tb.Counts[((a*np+y*15+q)*3)+2] += v
							}
						}
					}
				}
			}
		}
		debugRounds = 0
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
		st := time.Now()
		rec := Recoverable(tb, suppressed(m))
		t.Logf("3D small 1/%d: %d cells %d rels: %v err=%v rounds %d primary %d secondary %d, largest comp %d; recoverable %d in %v", small, len(tb.Counts), len(rels), el, err, debugRounds, p, s, big, len(rec), time.Since(st))
	}
}
