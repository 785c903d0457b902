package hrdemo

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/virk-analyse/virk"
)

// Bounds of stilling_pst of the permanent by position size class, as
// andel_100_stilling, andel_80_100 and andel_deltid count them (full is
// 100 %), and of a temporary position.
const (
	nearLo, nearHi = 80, 99
	partLo, partHi = 10, 79
	tempLo, tempHi = 20, 100
	tempMean       = 65
)

// Typical sizes the solver starts from before it moves a group's sizes
// to the group's sum.
var (
	typicalNear = [10]int{80, 80, 80, 80, 83, 85, 85, 90, 90, 95}
	typicalPart = [10]int{20, 25, 30, 33, 40, 50, 50, 60, 67, 75}
	typicalTemp = [10]int{30, 40, 50, 50, 60, 70, 80, 100, 100, 100}
)

// positions sets every monthly-paid person's stilling_pst, area by area
// and year by year, and who holds a side job or a split position.
func (b *builder) positions() {
	for a := range plans {
		for y := range 3 {
			b.positionsOf(a, y)
		}
	}
	for _, p := range b.people {
		if p.kind != permanent {
			continue
		}
		a := p.home()
		p.side = (a == skole || a == barnehage || a == pleie) && b.rng.Float64() < 0.04
		p.split = b.rng.Float64() < 0.02
	}
}

// group is the persons of one area and extract whose sizes share a sum.
type group struct {
	ps     []*person
	nf, nn int // full and near; the rest part-time (permanent groups)
	temp   bool
}

func (g *group) bounds() (int, int) {
	n := len(g.ps)
	if g.temp {
		return tempLo * n, tempHi * n
	}
	np := n - g.nf - g.nn
	return 100*g.nf + nearLo*g.nn + partLo*np, 100*g.nf + nearHi*g.nn + partHi*np
}

// positionsOf splits the area's planned sums over four groups, permanent
// and temporary with and without minority background, so that the
// permanent sum, the temporary sum and the minority sum all hold: the
// permanent minority's sum fm decides the other three.
func (b *builder) positionsOf(a, y int) {
	pl := &plans[a]
	var fm, fn, tm, tn []*person
	appMin, apps := 0, 0
	for _, p := range b.people {
		switch {
		case !p.monthly(y) || p.area[y] != a:
		case p.kind == apprentice:
			p.pct[y] = 100
			apps++
			if p.imm {
				appMin++
			}
		case p.typ[y] == virk.EmploymentPermanent && p.imm:
			fm = append(fm, p)
		case p.typ[y] == virk.EmploymentPermanent:
			fn = append(fn, p)
		case p.imm:
			tm = append(tm, p)
		default:
			tn = append(tn, p)
		}
	}
	if len(fm)+len(fn) != pl.fast[y] || len(tm)+len(tn) != pl.temp[y] {
		panic(fmt.Sprintf("hrdemo: %s %d: %d permanent, %d temporary", pl.id, years[y], len(fm)+len(fn), len(tm)+len(tn)))
	}
	fa, ta := pl.fte[y], pl.tfte[y]-100*apps
	var ma int
	if y > 0 {
		ma = pl.minFTE[y-1]
	} else {
		// 2016 is not printed: the mean size of 2017's minority staff.
		per := float64(pl.minFTE[0]) / float64(pl.minMen[1]+pl.minWomen[1])
		ma = int(math.Round(per * float64(len(fm)+len(tm)+appMin)))
	}
	ma -= 100 * appMin
	byU := func(x, z *person) int { return cmp.Compare(z.u, x.u) }
	slices.SortStableFunc(fm, byU)
	slices.SortStableFunc(fn, byU)
	// The minority's share of near-full positions follows the area's; its
	// full-time share is what brings its sum nearest to fm*.
	want := ma - tempMean*len(tm)
	kn := min(len(fm), int(math.Round(float64(len(fm)*pl.near[y])/float64(pl.fast[y]))))
	kf := int(math.Round(float64(want-87*kn-40*(len(fm)-kn)) / 60))
	// try reports whether, with kf full and kn near-full positions among
	// the permanent minority, some sum f of theirs leaves every group a
	// sum inside its bounds, and sets [lo, hi] to the sums f that do.
	lo, hi, ok := 0, 0, false
	try := func(kf, kn int) bool {
		if kf < 0 || kn < 0 || kf+kn > len(fm) || kf > pl.full[y] || kn > pl.near[y] ||
			pl.full[y]-kf+pl.near[y]-kn > len(fn) {
			return false
		}
		g := [4]group{{ps: fm, nf: kf, nn: kn}, {ps: fn, nf: pl.full[y] - kf, nn: pl.near[y] - kn},
			{ps: tm, temp: true}, {ps: tn, temp: true}}
		l0, h0 := g[0].bounds()
		l1, h1 := g[1].bounds()
		l2, h2 := g[2].bounds()
		l3, h3 := g[3].bounds()
		lo = max(l0, fa-h1, ma-h2, l3-ta+ma)
		hi = min(h0, fa-l1, ma-l2, h3-ta+ma)
		return lo <= hi
	}
	// When the estimate does not fit, the nearest number of full-time
	// positions that does.
	if ok = try(kf, kn); !ok {
		best := -1
		for k := range pl.full[y] + 1 {
			if try(k, kn) && (best < 0 || abs(k-kf) < abs(best-kf)) {
				best = k
			}
		}
		if best >= 0 {
			kf, ok = best, try(best, kn)
		}
	}
	if !ok {
		panic(fmt.Sprintf("hrdemo: %s %d: no position sizes give the planned sums", pl.id, years[y]))
	}
	f := max(lo, min(hi, want))
	sizes(&group{ps: fm, nf: kf, nn: kn}, y, f)
	sizes(&group{ps: fn, nf: pl.full[y] - kf, nn: pl.near[y] - kn}, y, fa-f)
	sizes(&group{ps: tm, temp: true}, y, ma-f)
	sizes(&group{ps: tn, temp: true}, y, ta-(ma-f))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// sizes gives the persons of g (sorted by propensity, largest first) their
// class and a typical size, then moves the sizes evenly, within each
// class's bounds, until they sum to target.
func sizes(g *group, y, target int) {
	lo := make([]int, len(g.ps))
	hi := make([]int, len(g.ps))
	sum := 0
	for i, p := range g.ps {
		k := int(p.u*1000) % 10
		switch {
		case g.temp:
			lo[i], hi[i], p.pct[y] = tempLo, tempHi, typicalTemp[k]
		case i < g.nf:
			lo[i], hi[i], p.pct[y] = 100, 100, 100
		case i < g.nf+g.nn:
			lo[i], hi[i], p.pct[y] = nearLo, nearHi, typicalNear[k]
		default:
			lo[i], hi[i], p.pct[y] = partLo, partHi, typicalPart[k]
		}
		sum += p.pct[y]
	}
	// Each size moves by its share of the group's room in the direction
	// needed, so that the spread of sizes keeps its shape; the last few
	// points go one at a time.
	diff := target - sum
	room := func(i int) int {
		if diff > 0 {
			return hi[i] - g.ps[i].pct[y]
		}
		return g.ps[i].pct[y] - lo[i]
	}
	total := 0
	for i := range g.ps {
		total += room(i)
	}
	if total < abs(diff) {
		panic(fmt.Sprintf("hrdemo: %d positions cannot reach %d", len(g.ps), target))
	}
	sign, left := 1, abs(diff)
	if diff < 0 {
		sign = -1
	}
	moves := make([]int, len(g.ps))
	for i := range g.ps {
		moves[i] = room(i) * abs(diff) / max(1, total)
		left -= moves[i]
	}
	for i := range g.ps {
		g.ps[i].pct[y] += sign * moves[i]
	}
	for i := 0; left > 0; i = (i + 1) % len(g.ps) {
		if room(i) > 0 {
			g.ps[i].pct[y] += sign
			left--
		}
	}
}
