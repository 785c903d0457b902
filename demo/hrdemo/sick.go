package hrdemo

import (
	"math/rand/v2"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/workforce"
)

// The days each extract's rows stand for (workforce/SPEC.md): the first
// extract its own month, December 2016; the others the year since the
// extract before.
var (
	periodFrom = [3]virk.Day{virk.DayOf(2016, 12, 1), virk.DayOf(2017, 1, 1), virk.DayOf(2018, 1, 1)}
	periodTo   = [3]virk.Day{virk.DayOf(2016, 12, 31), virk.DayOf(2017, 12, 31), virk.DayOf(2018, 12, 31)}
)

// season weighs the months in which short absences begin: colds and flu
// in winter, few in the July holidays.
var season = [12]float64{1.35, 1.4, 1.2, 1.0, 0.9, 0.85, 0.45, 0.75, 1.0, 1.1, 1.2, 1.15}

// spell is one row of the absence extract.
type spell struct {
	p        *person
	from, to virk.Day
	grade    int
	doctor   bool
}

// sicker places absences until each area's lost days reach its target.
type sicker struct {
	rng    *rand.Rand
	cal    *workforce.Calendar
	spells []spell
	segs   []workforce.Segment // reused by lost
	// rem is the lost days still to place, by period, area and class
	// (long-term, short-term).
	rem [3][6][2]float64
}

// window returns the days of period y that person p's row stands for.
func window(p *person, y int) (virk.Day, virk.Day) {
	return max(periodFrom[y], p.from[y]), min(periodTo[y], p.to[y])
}

// sickLeave places the absences of every area and period and returns them.
func (b *builder) sickLeave() []spell {
	s := &sicker{rng: b.rng, cal: workforce.NewCalendar(years[0], years[2])}
	var agreed [3][6]float64
	var cands [3][6][]*person
	for _, p := range b.people {
		for y := range 3 {
			if !p.monthly(y) {
				continue
			}
			a := p.area[y]
			from, to := window(p, y)
			agreed[y][a] += float64(s.cal.WorkingDays(from, to)) * float64(p.pct[y]) / 100
			cands[y][a] = append(cands[y][a], p)
		}
	}
	rates := targets(&agreed)
	for y := range 3 {
		for a := range plans {
			s.rem[y][a] = [2]float64{(rates[y][a][0] - rates[y][a][1]) / 100 * agreed[y][a], rates[y][a][1] / 100 * agreed[y][a]}
		}
	}
	// Periods in order, long cases first: a long case may run on into the
	// next period, whose target then has its days already.
	for y := range 3 {
		for a := range plans {
			s.place(cands[y][a], y, true)
		}
		for a := range plans {
			s.place(cands[y][a], y, false)
		}
	}
	return s.spells
}

// targets returns each area's total and short-term rate by period: the
// plan's, with the zeros worked out so that Bærum's printed 2017 and 2018
// rates hold; December 2016 is 2017 with a winter's 0,6 points more.
func targets(agreed *[3][6]float64) [3][6][2]float64 {
	var r [3][6][2]float64
	for y := range 3 {
		for a := range plans {
			r[y][a] = plans[a].sick[y]
		}
	}
	// solve fills the zero rates of column c in period y with one value
	// (plus gap for Øvrige) that makes Bærum's rate want.
	solve := func(y, c int, want, gap float64) {
		var total, fixed, free, lift float64
		for a := range plans {
			total += agreed[y][a]
			if r[y][a][c] != 0 {
				fixed += r[y][a][c] * agreed[y][a]
				continue
			}
			free += agreed[y][a]
			if a == ovrige {
				lift += gap * agreed[y][a]
			}
		}
		x := (want*total - fixed - lift) / free
		for a := range plans {
			if r[y][a][c] == 0 {
				r[y][a][c] = x
				if a == ovrige {
					r[y][a][c] += gap
				}
			}
		}
	}
	solve(1, 0, sick2017, 0)
	solve(2, 0, sick2018, gapOvrige)
	solve(2, 1, short2018, 0)
	for a := range plans {
		if r[0][a][0] == 0 {
			r[0][a][0] = r[1][a][0] + 0.6
		}
	}
	return r
}

// place adds long-term or short-term absences of the persons ps (of one
// area) in period y until the area's lost days of that class reach
// their target. A case that would overshoot is shortened; what is left
// at the end is less than the smallest case that fits.
func (s *sicker) place(ps []*person, y int, long bool) {
	if len(ps) == 0 {
		return
	}
	c := 1
	if long {
		c = 0
	}
	rem := &s.rem[y][ps[0].area[y]][c]
	for fails := 0; *rem > 1e-9 && fails < 400; {
		p := ps[s.rng.IntN(len(ps))]
		if s.rng.Float64() > p.sickW {
			continue
		}
		from, to := window(p, y)
		var abs []virk.Absence
		if long {
			abs = s.longCase(p, y, from, to)
		} else {
			abs = s.shortCase(y, from, to)
		}
		if abs == nil || !p.free(abs[0].From, abs[len(abs)-1].To) {
			fails++
			continue
		}
		// A long case running into the next period counts there too, in
		// the area the person is in then; the next period's cases are
		// placed later, on what is left of its target.
		next := y < 2 && p.monthly(y+1) && p.from[y+1] <= periodFrom[y+1]
		var remNext *float64
		if next {
			remNext = &s.rem[y+1][p.area[y+1]][c]
		}
		l, ln := s.lost(p, y, abs), 0.0
		if next {
			ln = s.lost(p, y+1, abs)
		}
		for (l > *rem || (next && ln > *remNext)) && s.shorten(abs, long) {
			l = s.lost(p, y, abs)
			if next {
				ln = s.lost(p, y+1, abs)
			}
		}
		if l > *rem || l == 0 || (next && ln > *remNext) {
			fails++
			continue
		}
		*rem, fails = *rem-l, 0
		if next {
			*remNext -= ln
		}
		p.cases = append(p.cases, [2]virk.Day{abs[0].From, abs[len(abs)-1].To})
		for _, a := range abs {
			s.spells = append(s.spells, spell{p: p, from: a.From, to: a.To, grade: int(a.Grade), doctor: a.Doctor})
		}
	}
}

// free reports whether a case from a to b keeps a day clear of the
// person's other cases, so that cases do not join.
func (p *person) free(a, b virk.Day) bool {
	for _, c := range p.cases {
		if a <= c[1]+1 && b >= c[0]-1 {
			return false
		}
	}
	return true
}

// lost returns the days the case abs costs person p's rows in period y,
// measured as workforce measures them. The case's absences follow each
// other without overlap, so they are its segments as they stand.
func (s *sicker) lost(p *person, y int, abs []virk.Absence) float64 {
	from, to := window(p, y)
	long := int(abs[len(abs)-1].To-abs[0].From)+1 > workforce.ShortTermDays
	s.segs = s.segs[:0]
	for _, a := range abs {
		s.segs = append(s.segs, workforce.Segment{From: a.From, To: a.To, Grade: a.Grade, Long: long, Doctor: a.Doctor})
	}
	var l workforce.Lost
	workforce.LostDays(&l, s.cal, s.segs, from, to, float64(p.pct[y]))
	return l.Total()
}

// longCase returns a case of three to twenty weeks, often begun with
// three days of egenmelding, sometimes graded, that begins in [from, to]
// and may run on past it, though not past the last extract. Cases of
// December 2016 may begin in the autumn, so that the months after have
// as many cases going on as later ones. It returns nil when too little
// of the case would be left.
func (s *sicker) longCase(p *person, y int, from, to virk.Day) []virk.Absence {
	w := 3 + int(17*s.rng.Float64()*s.rng.Float64())
	d := 7*w + s.rng.IntN(7)
	if y == 0 {
		from = max(p.from[0], from-virk.Day(d)+1)
	}
	start := from + virk.Day(s.rng.IntN(int(to-from)+1))
	for start < to && s.cal.WorkingDays(start, start) == 0 {
		start++
	}
	end := min(start+virk.Day(d-1), periodTo[2])
	if int(end-start)+1 <= workforce.ShortTermDays {
		return nil
	}
	d = int(end-start) + 1
	ab := func(a, b virk.Day, g float64, doctor bool) virk.Absence {
		return virk.Absence{From: a, To: b, Grade: g, Doctor: doctor}
	}
	switch r := s.rng.Float64(); {
	case r < 0.35:
		return []virk.Absence{ab(start, start+2, 100, false), ab(start+3, end, 100, true)}
	case r < 0.60:
		mid := start + virk.Day(d/2)
		return []virk.Absence{ab(start, mid, 100, true), ab(mid+1, end, 50, true)}
	case r < 0.75:
		return []virk.Absence{ab(start, end, 50, true)}
	}
	return []virk.Absence{ab(start, end, 100, true)}
}

// shortCase returns a short case inside [from, to]: mostly egenmeldt for
// one to three days, else legemeldt for four to sixteen, beginning on a
// working day of a month drawn by season.
func (s *sicker) shortCase(y int, from, to virk.Day) []virk.Absence {
	lo, hi := from, to
	if y > 0 {
		total := 0.0
		for _, w := range season {
			total += w
		}
		x := s.rng.Float64() * total
		m := 0
		for m < 11 && x >= season[m] {
			x -= season[m]
			m++
		}
		lo = max(from, virk.DayOf(years[y], monthOf(m+1), 1))
		hi = min(to, virk.DayOf(years[y], monthOf(m+2), 1)-1)
		if hi < lo {
			return nil
		}
	}
	start := lo + virk.Day(s.rng.IntN(int(hi-lo)+1))
	for start <= hi && s.cal.WorkingDays(start, start) == 0 {
		start++
	}
	if start > hi {
		return nil
	}
	// A case ends inside the period, so that no day of it falls in one
	// whose lost days are counted already.
	end := func(d int) virk.Day { return min(to, start+virk.Day(d-1)) }
	if s.rng.Float64() < 0.65 {
		return []virk.Absence{{From: start, To: end(1 + s.rng.IntN(3)), Grade: 100}}
	}
	g := 100.0
	if s.rng.Float64() < 0.1 {
		g = 50
	}
	return []virk.Absence{{From: start, To: end(4 + s.rng.IntN(13)), Grade: g, Doctor: true}}
}

// shorten takes a day off the end of a case, keeping a long case long
// and a short one at least a day; false when it cannot.
func (s *sicker) shorten(abs []virk.Absence, long bool) bool {
	last := &abs[len(abs)-1]
	n := int(last.To-abs[0].From) + 1
	if (long && n <= workforce.ShortTermDays+1) || n <= 1 || last.To == last.From {
		return false
	}
	last.To--
	return true
}

func monthOf(m int) time.Month { return time.Month(m) }
