package hrdemo

import (
	"fmt"
	"math"
	"time"

	"github.com/virk-analyse/virk"
)

// ages gives every person a birth year: drawn by kind and presence, then
// moved a year at a time so that the permanent staff's ages sum to the
// printed averages: the 2018 staff by gender, and 2016 through those who
// left in 2017, whom no later figure sees.
func (b *builder) ages() {
	for _, p := range b.people {
		mean, sd, lo, hi, y := 0.0, 0.0, 0, 0, 0
		switch {
		case p.kind == apprentice:
			p.birth = apprenticeStart(p.mask) - 16 - b.rng.IntN(4)
			continue
		case p.kind == hourly:
			switch r := b.rng.Float64(); {
			case r < 0.45:
				mean, sd, lo, hi = 22, 2, 18, 27
			case r < 0.6:
				mean, sd, lo, hi = 67, 3, 62, 72
			default:
				mean, sd, lo, hi = 38, 11, 19, 62
			}
		case p.kind == temporary:
			mean, sd, lo, hi = 32, 9, 19, 64
		case p.typ[2] == virk.EmploymentHourly: // permanent until 2018
			mean, sd, lo, hi, y = 64, 1.5, 61, 67, 1
		default:
			switch p.mask {
			case stayer:
				mean, sd, lo, hi = 45.7, 10, 23, 65
			case left18:
				mean, sd, lo, hi = 39.5, 12, 21, 66
			case left17:
				mean, sd, lo, hi = 40, 13, 19, 67
			case hired17, brief17:
				mean, sd, lo, hi, y = 36, 9, 20, 62, 1
			case hired18:
				mean, sd, lo, hi, y = 34, 9, 20, 62, 2
			}
		}
		if !p.female {
			mean -= 1.7
		}
		if p.kind != permanent {
			y = firstYear(p)
		}
		age := int(math.Round(b.rng.NormFloat64()*sd + mean))
		p.birth = years[y] - max(lo, min(hi, age))
	}
	// 2018 first, over all its staff; then 2016 through the leavers of
	// 2017 alone, who are in no later extract, so that the 2018 sums stay.
	for _, female := range []bool{false, true} {
		set := b.where(func(p *person) bool { return p.fastAt(2) && p.female == female })
		want := ageSumMen
		if female {
			want = ageSumWomen
		}
		b.shiftAges(set, 2018, want, 20, 67)
	}
	b.shiftAges(b.where(func(p *person) bool { return p.kind == permanent && p.mask == left17 }), 2016,
		ageSum2016-ageSum(b.where(func(p *person) bool { return p.fastAt(0) && p.mask != left17 }), 2016), 19, 67)
}

// ageSum returns the sum of the ages of ps at the end of year.
func ageSum(ps []*person, year int) int {
	s := 0
	for _, p := range ps {
		s += year - p.birth
	}
	return s
}

// shiftAges moves birth years of ps by one year at a time, round the
// shuffled list, until their ages in year sum to want, keeping every age
// within [lo, hi].
func (b *builder) shiftAges(ps []*person, year, want, lo, hi int) {
	b.shuffle(ps)
	diff := want - ageSum(ps, year)
	for diff != 0 {
		moved := false
		for _, p := range ps {
			age := year - p.birth
			switch {
			case diff > 0 && age < hi:
				p.birth--
				diff--
				moved = true
			case diff < 0 && age > lo:
				p.birth++
				diff++
				moved = true
			}
			if diff == 0 {
				break
			}
		}
		if !moved {
			panic(fmt.Sprintf("hrdemo: ages of %d persons cannot move %d years more", len(ps), diff))
		}
	}
}

// apprenticeStart returns the year an apprentice of mask started.
func apprenticeStart(mask uint8) int {
	for k, m := range apprenticeMask {
		if m == mask {
			return 2015 + k
		}
	}
	return 0
}

// counts splits n by shares, largest remainder first, so that the counts
// add up to n.
func counts(n int, shares [3]float64) [3]int {
	var c [3]int
	var rest [3]float64
	total := 0
	for i, s := range shares {
		x := s * float64(n)
		c[i] = int(x)
		rest[i] = x - float64(c[i])
		total += c[i]
	}
	for total < n {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		c[best]++
		rest[best] = -1
		total++
	}
	return c
}

var educations = [3]virk.Education{virk.EducationUnskilled, virk.EducationSkilled, virk.EducationHigher}

// assign shuffles ps and gives the first c[0] the first education, the
// next c[1] the second and the rest the third.
func (b *builder) assign(ps []*person, c [3]int) {
	b.shuffle(ps)
	for i, p := range ps {
		switch {
		case i < c[0]:
			p.edu = educations[0]
		case i < c[0]+c[1]:
			p.edu = educations[1]
		default:
			p.edu = educations[2]
		}
	}
}

// educations gives the permanent staff of 2018 each area's printed or
// planned mix exactly (the new hires and the movers by their own
// shares), the others their area's shares, and fixes Oppvekst
// barnehage's 2017 through those who left in 2018.
func (b *builder) educations() {
	for a := range plans {
		pl := &plans[a]
		var movers, hires, rest []*person
		for _, p := range b.where(func(p *person) bool { return p.fastAt(2) && p.area[2] == a }) {
			switch {
			case p.mover:
				movers = append(movers, p)
			case p.mask == hired18:
				hires = append(hires, p)
			default:
				rest = append(rest, p)
			}
		}
		mc := counts(len(movers), [3]float64{0, 0.1, 0.9})
		hc := counts(len(hires), pl.hireEdu)
		b.assign(movers, mc)
		b.assign(hires, hc)
		var rc [3]int
		for i := range rc {
			rc[i] = pl.edu18[i] - mc[i] - hc[i]
			if rc[i] < 0 {
				panic(fmt.Sprintf("hrdemo: %s: education %d of 2018 below the hires'", pl.id, i))
			}
		}
		b.assign(rest, rc)
		gone := b.where(func(p *person) bool { return p.kind == permanent && p.home() == a && !p.fastAt(2) })
		b.assign(gone, counts(len(gone), pl.leaveEdu))
		temps := b.where(func(p *person) bool { return p.kind == temporary && p.home() == a })
		b.assign(temps, counts(len(temps), pl.leaveEdu))
	}
	for _, p := range b.people {
		switch p.kind {
		case apprentice:
			p.edu = virk.EducationUnskilled
		case hourly:
			p.edu = educations[min(2, int(b.rng.Float64()*1.6))]
		}
	}
	// Oppvekst barnehage 2017: turn leavers of 2018 to or from ufaglært.
	in17 := b.where(func(p *person) bool { return p.fastAt(1) && p.area[1] == barnehage })
	diff := barnehageUnskilled2017
	for _, p := range in17 {
		if p.edu == virk.EducationUnskilled {
			diff--
		}
	}
	for _, p := range in17 {
		switch {
		case diff == 0:
		case p.fastAt(2):
		case diff > 0 && p.edu != virk.EducationUnskilled:
			p.edu, diff = virk.EducationUnskilled, diff-1
		case diff < 0 && p.edu == virk.EducationUnskilled:
			p.edu, diff = virk.EducationSkilled, diff+1
		}
	}
	if diff != 0 {
		panic(fmt.Sprintf("hrdemo: Oppvekst barnehage 2017: %d ufaglærte left over", diff))
	}
}

// minorities marks persons with minority background (innvandrer=ja) so
// that each area has the printed number of monthly-paid men and women in
// 2017 and 2018: some there both years, some only in one. Oppvekst
// barnehage's minority men are all in Ost until 2018, when 3 new ones
// come to Vest.
func (b *builder) minorities() {
	for a := range plans {
		pl := &plans[a]
		for _, female := range []bool{false, true} {
			m := pl.minMen
			if female {
				m = pl.minWomen
			}
			// Most of a year's minority staff are still there the next
			// year; the rest of each year's count are persons in that
			// year's extract only, so that 2017 and 2018 both hold
			// exactly. 2016 adds persons of that extract only up to its
			// aim, and ends above it when 2017's stayers already exceed it.
			both := int(math.Round(0.85 * float64(min(m[1], m[2]))))
			sub := [4]string{} // both, only 2017, only 2018, only 2016
			if a == barnehage && !female {
				both, sub = bothBarnehageMen, [4]string{Ost, Ost, Vest, Ost}
			}
			pool := func(k int, keep func(p *person) bool) []*person {
				return b.where(func(p *person) bool {
					return p.female == female && !p.imm && keep(p) && (sub[k] == "" || p.sub == sub[k])
				})
			}
			mark := func(ps []*person, n int) {
				if n > len(ps) {
					panic(fmt.Sprintf("hrdemo: %s: %d minority persons wanted of %d", pl.id, n, len(ps)))
				}
				b.pick(ps, n, func(p *person) { p.imm = true }, func(*person) {})
			}
			mark(pool(0, func(p *person) bool { return p.monthly(1) && p.monthly(2) && p.area[1] == a && p.area[2] == a }), both)
			mark(pool(1, func(p *person) bool { return p.monthly(1) && p.area[1] == a && !p.monthly(2) }), m[1]-both)
			mark(pool(2, func(p *person) bool { return p.monthly(2) && p.area[2] == a && !p.monthly(1) }), m[2]-both)
			had := len(b.where(func(p *person) bool { return p.imm && p.female == female && p.monthly(0) && p.area[0] == a }))
			mark(pool(3, func(p *person) bool {
				return p.monthly(0) && p.area[0] == a && !p.monthly(1) && !p.monthly(2)
			}), max(0, m[0]-had))
		}
	}
	// Some persons paid by the hour have minority background too; they
	// count in no minority figure, which covers the monthly paid.
	for _, p := range b.people {
		if p.kind == hourly && b.rng.Float64() < 0.15 {
			p.imm = true
		}
	}
}

// dates sets when each employment starts and ends.
func (b *builder) dates() {
	day := func(y, m, d int) virk.Day { return virk.DayOf(y, time.Month(m), d) }
	for _, p := range b.people {
		var from virk.Day
		to := virk.NoDay
		switch p.kind {
		case permanent:
			switch p.mask {
			case hired17, brief17:
				from = day(2017, 1, 2) + virk.Day(b.rng.IntN(334))
			case hired18:
				from = day(2018, 1, 2) + virk.Day(b.rng.IntN(334))
				// Respite carers (avlastere) became employees in 2018.
				if p.area[2] == pleie && b.rng.Float64() < 0.4 {
					from = day(2018, 1, 1)
				}
			default:
				first := min(max(1978, p.birth+20), 2016)
				span := int(day(2016, 11, 30) - day(first, 1, 1))
				from = day(first, 1, 1) + virk.Day(b.rng.IntN(span))
			}
		case temporary:
			y := years[firstYear(p)]
			from = day(y, 1, 2) + virk.Day(b.rng.IntN(333))
			to = day(y+1, 1, 15) + virk.Day(b.rng.IntN(150))
		case apprentice:
			s := apprenticeStart(p.mask)
			from, to = day(s, 8, 15), day(s+2, 8, 14)
		case hourly:
			y := years[firstYear(p)]
			from = day(y-b.rng.IntN(4), 1, 2) + virk.Day(b.rng.IntN(330))
		}
		for y := range 3 {
			if p.area[y] != absentAt {
				p.from[y], p.to[y] = from, to
			}
		}
		if p.mover {
			p.from[2] = day(2018, 1, 1)
		}
		if p.kind == permanent && p.typ[2] == virk.EmploymentHourly {
			p.from[2] = day(2018, 2, 1) + virk.Day(b.rng.IntN(200))
		}
	}
}

// firstYear returns the index of the person's first extract.
func firstYear(p *person) int {
	for y := range 3 {
		if p.area[y] != absentAt {
			return y
		}
	}
	return 0
}
