package workforce

import (
	"slices"
	"time"

	"github.com/virk-analyse/virk"
)

// sick is the sick-leave sums of a node in a slot (a month, half-year or
// year).
type sick struct {
	agreed  float64
	lost    Lost
	persons int
}

// stock is the year-end figures of a node, from the year's last extract.
type stock struct {
	fteFast, fteMonthly   float64
	fast, monthly, hourly int
	apprentices           int
	full, near, part      int
	ageSum                [2]float64 // men, women
	ageN                  [2]int
	edu                   [4]int // by virk.Education
	minFTE                float64
	minMen, minWomen      int
	turnPop, leavers      int
}

// aggregator walks the extract person by person, so that what is counted
// once per person (heads, position sizes, ages, turnover) is decided from
// all of a person's rows at once, and nothing of the person outlives the
// walk.
type aggregator struct {
	in     *Input
	y0, ny int
	cal    *Calendar
	tree   *nodes
	chains [][]int // by employment row
	ref    []virk.Day
	sick   [][]sick              // node → slot
	stock  [][]stock             // node → year
	since  map[virk.Day]virk.Day // extract date → first day its rows stand for
	// coverFrom and coverTo bound the days the extracts cover.
	coverFrom, coverTo virk.Day
	rows               int
	people             int
}

func newAggregator(in *Input) *aggregator {
	y0, y1 := yearsOf(in.Employments)
	a := &aggregator{in: in, y0: y0, ny: y1 - y0 + 1, tree: &nodes{up: map[string][]int{}}}
	// Employments can start years before the first extract, and absences
	// run past it; the calendar covers what the extract's months need.
	a.cal = NewCalendar(y0, y1)
	a.ref = make([]virk.Day, a.ny)
	a.chains = make([][]int, len(in.Employments))
	for i := range in.Employments {
		e := &in.Employments[i]
		a.chains[i] = a.tree.chain(in.Catalogue, e.Unit)
		y, _, _ := e.Extract.Date()
		a.ref[y-y0] = max(a.ref[y-y0], e.Extract)
	}
	a.coverage()
	n := len(a.tree.ids)
	a.sick = make([][]sick, n)
	a.stock = make([][]stock, n)
	for i := range n {
		a.sick[i] = make([]sick, 15*a.ny)
		a.stock[i] = make([]stock, a.ny)
	}
	return a
}

// coverage works out which days each extract's rows stand for: from the
// day after the previous extract, and for the first from the first day of
// its month.
func (a *aggregator) coverage() {
	a.since = map[virk.Day]virk.Day{}
	for i := range a.in.Employments {
		a.since[a.in.Employments[i].Extract] = 0
	}
	dates := make([]virk.Day, 0, len(a.since))
	for d := range a.since {
		dates = append(dates, d)
	}
	slices.Sort(dates)
	first, _, _ := monthBounds(dates[0], a.y0)
	a.since[dates[0]] = first
	for k := 1; k < len(dates); k++ {
		a.since[dates[k]] = dates[k-1] + 1
	}
	a.coverFrom, a.coverTo = first, dates[len(dates)-1]
}

// byPerson returns the indices of xs grouped by person, in first-seen
// order of persons, and where each person's group starts.
func byPerson(n int, person func(i int) string, ids map[string]int32) ([]int32, []int32) {
	pid := make([]int32, n)
	for i := range n {
		p := person(i)
		id, ok := ids[p]
		if !ok {
			id = int32(len(ids))
			ids[p] = id
		}
		pid[i] = id
	}
	start := make([]int32, len(ids)+1)
	for _, id := range pid {
		start[id+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start)
	order := make([]int32, n)
	for i, id := range pid {
		order[next[id]] = int32(i)
		next[id]++
	}
	return order, start
}

func (a *aggregator) run() {
	emps, abs := a.in.Employments, a.in.Absences
	ids := map[string]int32{}
	order, start := byPerson(len(emps), func(i int) string { return emps[i].Person }, ids)
	persons := len(ids)
	aorder, astart := byPerson(len(abs), func(i int) string { return abs[i].Person }, ids)
	a.people = persons
	var mine []virk.Absence
	var keys []int
	for p := 0; p < persons; p++ {
		rows := order[start[p]:start[p+1]]
		mine = mine[:0]
		if p+1 < len(astart) {
			for _, i := range aorder[astart[p]:astart[p+1]] {
				mine = append(mine, abs[i])
			}
		}
		segs := Segments(mine)
		keys = a.sickLeave(rows, segs, keys[:0])
		a.yearEnd(rows)
	}
	a.rows = len(emps)
	a.sumPeriods()
}

// sickLeave adds a person's agreed and lost days to every node of each
// row, month by month, and counts the person once in each node and
// period. A row stands for its employment from the day after the extract
// before its own up to its own date, so monthly extracts give months
// and a single year-end extract gives the whole year.
func (a *aggregator) sickLeave(rows []int32, segs []Segment, keys []int) []int {
	slots := 15 * a.ny
	for _, i := range rows {
		e := &a.in.Employments[i]
		if !e.Type.MonthlyPaid() {
			continue
		}
		from, to := max(a.since[e.Extract], e.From), min(e.Extract, e.To)
		for from <= to {
			_, last, m := monthBounds(from, a.y0)
			b := min(to, last)
			if m >= 0 {
				agreed := float64(a.cal.WorkingDays(from, b)) * e.Percent / 100
				var l Lost
				LostDays(&l, a.cal, segs, from, b, e.Percent)
				for _, n := range a.chains[i] {
					s := &a.sick[n][m]
					s.agreed += agreed
					s.lost.Short += l.Short
					s.lost.Long += l.Long
					s.lost.Self += l.Self
					s.lost.Doctor += l.Doctor
					keys = append(keys, n*slots+m, n*slots+12*a.ny+m/6, n*slots+14*a.ny+m/12)
				}
			}
			from = last + 1
		}
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		a.sick[k/slots][k%slots].persons++
	}
	return keys
}

// covered reports whether every day of slot s lies in the days the
// extracts cover: a half-year or year only when all its months do.
func (a *aggregator) covered(s int) bool {
	months := func(m0, n int) bool {
		first, _, _ := monthBounds(virk.DayOf(a.y0+m0/12, time.Month(m0%12+1), 1), a.y0)
		_, last, _ := monthBounds(virk.DayOf(a.y0+(m0+n-1)/12, time.Month((m0+n-1)%12+1), 1), a.y0)
		return first >= a.coverFrom && last <= a.coverTo
	}
	switch {
	case s < 12*a.ny:
		return months(s, 1)
	case s < 14*a.ny:
		return months(6*(s-12*a.ny), 6)
	}
	return months(12*(s-14*a.ny), 12)
}

// sumPeriods adds the months up to half-years and years.
func (a *aggregator) sumPeriods() {
	for n := range a.sick {
		s := a.sick[n]
		for m := 0; m < 12*a.ny; m++ {
			for _, t := range []int{12*a.ny + m/6, 14*a.ny + m/12} {
				s[t].agreed += s[m].agreed
				s[t].lost.Short += s[m].lost.Short
				s[t].lost.Long += s[m].lost.Long
				s[t].lost.Self += s[m].lost.Self
				s[t].lost.Doctor += s[m].lost.Doctor
			}
		}
	}
}

// facts is one person in one node at a year's end.
type facts struct {
	node                       int
	fastPct, monthlyPct        float64
	fast, monthly, hourly, app bool
	edu                        virk.Education
}

// yearEnd adds a person's rows of each year's last extract to the
// year-end figures of their nodes.
func (a *aggregator) yearEnd(rows []int32) {
	fastAt := make([]bool, a.ny+1)
	var per [][]facts = make([][]facts, a.ny)
	var female, immigrant bool
	birth := 0
	for _, i := range rows {
		e := &a.in.Employments[i]
		y, _, _ := e.Extract.Date()
		yi := y - a.y0
		if e.Extract != a.ref[yi] {
			continue
		}
		female, immigrant, birth = e.Female, e.Immigrant, e.BirthYear
		if e.Type == virk.EmploymentPermanent {
			fastAt[yi] = true
		}
		for _, n := range a.chains[i] {
			k := slices.IndexFunc(per[yi], func(f facts) bool { return f.node == n })
			if k < 0 {
				per[yi] = append(per[yi], facts{node: n})
				k = len(per[yi]) - 1
			}
			f := &per[yi][k]
			switch e.Type {
			case virk.EmploymentPermanent:
				f.fast, f.monthly = true, true
				f.fastPct += e.Percent
				f.monthlyPct += e.Percent
				f.edu = max(f.edu, e.Education)
			case virk.EmploymentTemporary:
				f.monthly = true
				f.monthlyPct += e.Percent
			case virk.EmploymentHourly:
				f.hourly = true
			}
			f.app = f.app || e.Apprentice
		}
	}
	g := 0
	if female {
		g = 1
	}
	for yi, fs := range per {
		for _, f := range fs {
			s := &a.stock[f.node][yi]
			s.fteFast += f.fastPct / 100
			s.fteMonthly += f.monthlyPct / 100
			if f.fast {
				s.fast++
				switch {
				case f.fastPct >= 100:
					s.full++
				case f.fastPct >= 80:
					s.near++
				default:
					s.part++
				}
				s.ageSum[g] += float64(a.y0 + yi - birth)
				s.ageN[g]++
				s.edu[f.edu]++
				if yi+1 < a.ny && a.ref[yi+1] != 0 {
					t := &a.stock[f.node][yi+1]
					t.turnPop++
					if !fastAt[yi+1] {
						t.leavers++
					}
				}
			}
			if f.monthly {
				s.monthly++
			}
			if f.hourly && !f.monthly {
				s.hourly++
			}
			if f.app {
				s.apprentices++
			}
			if immigrant && f.monthly {
				s.minFTE += f.monthlyPct / 100
				if female {
					s.minWomen++
				} else {
					s.minMen++
				}
			}
		}
	}
}
