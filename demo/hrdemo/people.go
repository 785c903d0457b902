package hrdemo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/virk-analyse/virk"
)

// kind is what a person is to the municipality.
type kind uint8

const (
	permanent  kind = iota + 1 // fast in at least one extract
	temporary                  // midlertidig, one extract
	apprentice                 // lærling, midlertidig for two years from August
	hourly                     // timelønnet only
)

// Presence masks of permanent persons: bit y is set when the person is
// fast at the end of years[y].
const (
	stayer   = 0b111 // there all three years
	left18   = 0b011 // there in 2016 and 2017, gone in 2018
	left17   = 0b001 // gone in 2017
	hired17  = 0b110 // hired in 2017
	brief17  = 0b010 // hired in 2017, gone in 2018
	hired18  = 0b100 // hired in 2018
	absentAt = -1
)

// apprenticeMask is where an apprentice from August of 2015, 2016, 2017
// or 2018 is: an apprenticeship lasts two years, so it spans two year
// ends, of which the extracts hold one or both.
var apprenticeMask = [4]uint8{0b001, 0b011, 0b110, 0b100}

// person is one synthetic employee with what each extract says of them.
type person struct {
	id     int // pseudonymous ID, written D000001
	kind   kind
	mask   uint8  // presence as permanent, for kind permanent
	area   [3]int // index into plans per extract; absentAt when not in it
	typ    [3]virk.EmploymentType
	pct    [3]int      // Σ stilling_pst of the extract's employment(s)
	from   [3]virk.Day // start of the employment the extract shows
	to     [3]virk.Day // its end; virk.NoDay when open
	sub    string      // kindergarten district, "" for the area itself
	female bool
	imm    bool
	mover  bool
	birth  int
	edu    virk.Education
	u      float64 // position-size propensity, kept over the years
	sickW  float64 // propensity to be sick
	side   bool    // also holds a timelønnet employment
	split  bool    // permanent position split over two employments
	cases  [][2]virk.Day
}

// monthly reports whether the person is monthly paid in extract y.
func (p *person) monthly(y int) bool { return p.area[y] != absentAt && p.typ[y].MonthlyPaid() }

// fastAt reports whether the person is permanent in extract y.
func (p *person) fastAt(y int) bool {
	return p.area[y] != absentAt && p.typ[y] == virk.EmploymentPermanent
}

// unit returns the entity ID of the person's employment in extract y.
func (p *person) unit(y int) string {
	if p.area[y] == barnehage && p.sub != "" {
		return p.sub
	}
	return plans[p.area[y]].id
}

// builder makes the persons of the extract.
type builder struct {
	rng    *rand.Rand
	people []*person
}

func (b *builder) add(k kind, area [3]int, typ virk.EmploymentType) *person {
	p := &person{kind: k, area: area, u: b.rng.Float64(), sickW: 0.25 + 0.75*b.rng.Float64()}
	for y := range 3 {
		if area[y] != absentAt {
			p.typ[y] = typ
		}
		p.to[y] = virk.NoDay
	}
	b.people = append(b.people, p)
	return p
}

// at returns area a in the extracts of mask and absentAt elsewhere.
func at(a int, mask uint8) [3]int {
	var r [3]int
	for y := range 3 {
		r[y] = absentAt
		if mask&(1<<y) != 0 {
			r[y] = a
		}
	}
	return r
}

// persons makes every person with their presence, unit and kind, but no
// attributes yet.
func (b *builder) persons() {
	for a := range plans {
		pl := &plans[a]
		// The presence classes follow from the year-end counts and the
		// leavers: fast[0] = stayer + left18 + left17, leave[0] = left17,
		// leave[1] = left18 + brief17, fast[1] = stayer + left18 +
		// hired17 + brief17 and fast[2] = stayer + hired17 + hired18
		// (with the movers, who count in Øvrige until 2018).
		n := map[uint8]int{}
		n[left17] = pl.leave[0]
		n[brief17] = pl.short
		n[left18] = pl.leave[1] - pl.short
		n[stayer] = pl.fast[0] - n[left17] - n[left18]
		n[hired17] = pl.fast[1] - (pl.fast[0] - pl.leave[0]) - pl.short
		n[hired18] = pl.fast[2] - (pl.fast[1] - pl.leave[1])
		switch a {
		case ovrige:
			n[hired18] += moversToBarnehage
		case barnehage:
			n[hired18] -= moversToBarnehage
		}
		for _, m := range []uint8{stayer, left18, left17, hired17, brief17, hired18} {
			if n[m] < 0 {
				panic(fmt.Sprintf("hrdemo: %s: %d persons of mask %03b", pl.id, n[m], m))
			}
			for range n[m] {
				p := b.add(permanent, at(a, m), virk.EmploymentPermanent)
				p.mask = m
			}
		}
		for y := range 3 {
			for range pl.temp[y] {
				b.add(temporary, at(a, 1<<y), virk.EmploymentTemporary)
			}
		}
		for k, c := range pl.app {
			for range c {
				p := b.add(apprentice, at(a, apprenticeMask[k]), virk.EmploymentTemporary)
				p.mask = apprenticeMask[k]
			}
		}
	}
	b.movers()
	b.hourly()
	b.districts()
}

// movers sends some of Øvrige's stayers to Oppvekst barnehage in 2018.
func (b *builder) movers() {
	var cands []*person
	for _, p := range b.people {
		if p.kind == permanent && p.area[0] == ovrige && p.mask == stayer {
			cands = append(cands, p)
		}
	}
	b.shuffle(cands)
	for _, p := range cands[:moversToBarnehage] {
		p.mover, p.area[2] = true, barnehage
	}
}

// hourly makes the persons paid by the hour: some every year, some in one
// or two, and in 2018 a few who were permanent in 2017 and work on by the
// hour after leaving (they count as leavers).
func (b *builder) hourly() {
	for a := range plans {
		pl := &plans[a]
		var prev []*person
		for y := range 3 {
			want := pl.hour[y]
			var cur []*person
			if y == 2 && pl.exFast > 0 {
				var left []*person
				for _, p := range b.people {
					if p.kind == permanent && p.area[1] == a && (p.mask == left18 || p.mask == brief17) && !p.mover {
						left = append(left, p)
					}
				}
				b.shuffle(left)
				for _, p := range left[:pl.exFast] {
					p.area[2], p.typ[2] = a, virk.EmploymentHourly
					cur = append(cur, p)
				}
			}
			keep := min(want-len(cur), len(prev)*3/4)
			b.shuffle(prev)
			for _, p := range prev[:keep] {
				p.area[y], p.typ[y] = a, virk.EmploymentHourly
				cur = append(cur, p)
			}
			for len(cur) < want {
				cur = append(cur, b.add(hourly, at(a, 1<<y), virk.EmploymentHourly))
			}
			prev = prev[:0]
			for _, p := range cur {
				if p.kind == hourly {
					prev = append(prev, p)
				}
			}
		}
	}
}

// districts places Oppvekst barnehage's persons in Vest, Ost or the area
// itself. Apprentices are in Ost, the movers directly under the area.
// Every district and the area's own part then hold either none or far
// more than 5 persons in every count, so that the only small cell is the
// one the minority marking makes on purpose.
func (b *builder) districts() {
	for _, p := range b.people {
		if slices.Contains(p.area[:], barnehage) {
			switch r := b.rng.Float64(); {
			case p.mover:
			case p.kind == apprentice:
				p.sub = Ost
			case r < 0.375:
				p.sub = Vest
			case r < 0.75:
				p.sub = Ost
			}
		}
	}
}

func (b *builder) shuffle(ps []*person) {
	b.rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
}

// where returns the persons for which keep holds, in creation order.
func (b *builder) where(keep func(p *person) bool) []*person {
	var out []*person
	for _, p := range b.people {
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// genders makes exactly men18 of each area's permanent persons of 2018
// men, and the others men by the area's share.
func (b *builder) genders() {
	for a := range plans {
		pl := &plans[a]
		set := b.where(func(p *person) bool { return p.fastAt(2) && p.area[2] == a })
		b.pick(set, pl.men18, func(p *person) { p.female = false }, func(p *person) { p.female = true })
		rest := b.where(func(p *person) bool { return p.home() == a && !p.fastAt(2) })
		b.pick(rest, int(math.Round(pl.men*float64(len(rest)))), func(p *person) {}, func(p *person) { p.female = true })
	}
}

// home returns the area of the person's first extract.
func (p *person) home() int {
	for y := range 3 {
		if p.area[y] != absentAt {
			return p.area[y]
		}
	}
	return absentAt
}

// pick shuffles ps and calls yes on the first k, no on the rest.
func (b *builder) pick(ps []*person, k int, yes, no func(p *person)) {
	if k > len(ps) {
		panic(fmt.Sprintf("hrdemo: %d to pick of %d", k, len(ps)))
	}
	b.shuffle(ps)
	for i, p := range ps {
		if i < k {
			yes(p)
		} else {
			no(p)
		}
	}
}
