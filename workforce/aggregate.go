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
	chains [][]int // the nodes a row adds to, by row.chain
	rows   []row   // the employment rows, person by person
	start  []int32 // where each person's rows begin in rows
	abs    []virk.Absence
	astart []int32
	ref    []virk.Day
	sick   [][]sick  // node → slot
	stock  [][]stock // node → year
	// seen holds, for each node and slot, 1 + the last person counted in
	// it, so that a person counts once there.
	seen []int32
	// monthOf is the month index (from January of y0) of each day from
	// first, 1 January of y0, and monthEnd the last day of each month.
	first    virk.Day
	monthOf  []int16
	monthEnd []virk.Day
	// coverFrom and coverTo bound the days the extracts cover.
	coverFrom, coverTo virk.Day
	nrows              int
	people             int
	// Per person scratch of yearEnd.
	fastAt []bool
	per    [][]facts
}

// row is what the walk needs of an employment row, in 32 bytes where a
// virk.Employment takes 96: with a million rows laid out person by
// person, the walk reads memory in order instead of jumping about the
// extract.
type row struct {
	from, to virk.Day // the days the row stands for within its employment; none when to < from
	chain    int32
	birth    int32
	pct      float64
	year     int16 // of its extract, from y0
	typ      virk.EmploymentType
	edu      virk.Education
	flags    uint8
}

// Flags of a row.
const (
	rowRef        = 1 << iota // the row is in its year's reference snapshot
	rowFemale                 // virk.Employment.Female
	rowImmigrant              // virk.Employment.Immigrant
	rowApprentice             // virk.Employment.Apprentice
)

// extract is what the rows of one extract date share.
type extract struct {
	since virk.Day // the first day its rows stand for
	year  int16
	ref   bool // the latest extract of its year
}

func newAggregator(in *Input) *aggregator {
	emps := in.Employments
	y0, y1 := yearsOf(emps)
	a := &aggregator{in: in, y0: y0, ny: y1 - y0 + 1, tree: &nodes{up: map[string][]int{}}}
	// Employments can start years before the first extract, and absences
	// run past it; the calendar covers what the extract's months need.
	a.cal = NewCalendar(y0, y1)
	a.months()
	lo, index, info := a.extracts()
	ids := map[string]int32{}
	pos, start := byPerson(len(emps), func(i int) string { return emps[i].Person }, ids)
	a.people, a.start = len(ids), start
	apos, astart := byPerson(len(in.Absences), func(i int) string { return in.Absences[i].Person }, ids)
	a.abs, a.astart = make([]virk.Absence, len(in.Absences)), astart
	for i, k := range apos {
		a.abs[k] = in.Absences[i]
	}
	// The rows in their order, so that the nodes come in the order of
	// their units' first rows; each written to its person's place.
	a.rows = make([]row, len(emps))
	chainOf := map[string]int32{}
	lastUnit, lastChain := "", int32(-1)
	for i := range emps {
		e := &emps[i]
		if lastChain < 0 || e.Unit != lastUnit {
			c, ok := chainOf[e.Unit]
			if !ok {
				c = int32(len(a.chains))
				a.chains = append(a.chains, a.tree.chain(in.Catalogue, e.Unit))
				chainOf[e.Unit] = c
			}
			lastUnit, lastChain = e.Unit, c
		}
		x := &info[index[e.Extract-lo]]
		r := row{from: max(x.since, e.From), to: min(e.Extract, e.To), chain: lastChain, birth: int32(e.BirthYear),
			pct: e.Percent, year: x.year, typ: e.Type, edu: e.Education}
		if x.ref {
			r.flags |= rowRef
		}
		if e.Female {
			r.flags |= rowFemale
		}
		if e.Immigrant {
			r.flags |= rowImmigrant
		}
		if e.Apprentice {
			r.flags |= rowApprentice
		}
		a.rows[pos[i]] = r
	}
	a.nrows = len(emps)
	n := len(a.tree.ids)
	a.sick = make([][]sick, n)
	a.stock = make([][]stock, n)
	for i := range n {
		a.sick[i] = make([]sick, 15*a.ny)
		a.stock[i] = make([]stock, a.ny)
	}
	a.seen = make([]int32, n*15*a.ny)
	a.fastAt = make([]bool, a.ny+1)
	a.per = make([][]facts, a.ny)
	return a
}

// months fills monthOf and monthEnd for the years of the extracts.
func (a *aggregator) months() {
	a.first = virk.DayOf(a.y0, time.January, 1)
	a.monthEnd = make([]virk.Day, 12*a.ny)
	a.monthOf = make([]int16, 0, 366*a.ny)
	for m := range a.monthEnd {
		a.monthEnd[m] = virk.DayOf(a.y0+m/12, time.Month(m%12+2), 1) - 1
		for d := a.first + virk.Day(len(a.monthOf)); d <= a.monthEnd[m]; d++ {
			a.monthOf = append(a.monthOf, int16(m))
		}
	}
}

// extracts finds the extract dates and works out which days each
// extract's rows stand for: from the day after the previous extract, and
// for the first from the first day of its month. It returns the first
// date and, by day from it, the index of the date's facts.
func (a *aggregator) extracts() (virk.Day, []int32, []extract) {
	emps := a.in.Employments
	lo, hi := emps[0].Extract, emps[0].Extract
	for i := range emps {
		lo, hi = min(lo, emps[i].Extract), max(hi, emps[i].Extract)
	}
	index := make([]int32, int(hi-lo)+1)
	for i := range emps {
		index[emps[i].Extract-lo] = 1
	}
	var dates []virk.Day
	for d, ok := range index {
		if ok != 0 {
			index[d] = int32(len(dates))
			dates = append(dates, lo+virk.Day(d))
		}
	}
	a.ref = make([]virk.Day, a.ny)
	info := make([]extract, len(dates))
	for k, d := range dates {
		y, _, _ := d.Date()
		info[k].year = int16(y - a.y0)
		a.ref[y-a.y0] = max(a.ref[y-a.y0], d)
		if k > 0 {
			info[k].since = dates[k-1] + 1
		}
	}
	first, _, _ := monthBounds(dates[0], a.y0)
	info[0].since = first
	for k, d := range dates {
		info[k].ref = d == a.ref[info[k].year]
	}
	a.coverFrom, a.coverTo = first, dates[len(dates)-1]
	return lo, index, info
}

// byPerson groups n rows by person, persons numbered in first-seen order
// in ids: it returns the place of each row when the rows are laid out
// person by person (in their order within a person), and where each
// person's rows begin.
func byPerson(n int, person func(i int) string, ids map[string]int32) (pos, start []int32) {
	pos = make([]int32, n)
	for i := range n {
		p := person(i)
		id, ok := ids[p]
		if !ok {
			id = int32(len(ids))
			ids[p] = id
		}
		pos[i] = id
	}
	start = make([]int32, len(ids)+1)
	for _, id := range pos {
		start[id+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start)
	for i, id := range pos {
		pos[i] = next[id]
		next[id]++
	}
	return pos, start
}

func (a *aggregator) run() {
	var segs []Segment
	var mine []virk.Absence
	for p := 0; p < a.people; p++ {
		rows := a.rows[a.start[p]:a.start[p+1]]
		// Segments sorts its input: the person's absences are copied, so
		// that a.abs keeps the order of the extract.
		mine = append(mine[:0], a.abs[a.astart[p]:a.astart[p+1]]...)
		segs = appendSegments(segs[:0], mine)
		a.sickLeave(int32(p), rows, segs)
		a.yearEnd(rows)
	}
	a.sumPeriods()
}

// sickLeave adds a person's agreed and lost days to every node of each
// row, month by month, and counts the person once in each node and
// period. A row stands for its employment from the day after the extract
// before its own up to its own date, so monthly extracts give months
// and a single year-end extract gives the whole year.
func (a *aggregator) sickLeave(p int32, rows []row, segs []Segment) {
	first := a.first
	for i := range rows {
		r := &rows[i]
		if !r.typ.MonthlyPaid() {
			continue
		}
		// A row's days lie within the extracts' months: from the first
		// day of the first extract's month, in y0, to the last extract.
		for from := r.from; from <= r.to; {
			m := int(a.monthOf[from-first])
			last := a.monthEnd[m]
			b := min(r.to, last)
			agreed := float64(a.cal.WorkingDays(from, b)) * r.pct / 100
			var l Lost
			LostDays(&l, a.cal, segs, from, b, r.pct)
			for _, n := range a.chains[r.chain] {
				s := &a.sick[n][m]
				s.agreed += agreed
				s.lost.Short += l.Short
				s.lost.Long += l.Long
				s.lost.Self += l.Self
				s.lost.Doctor += l.Doctor
				a.count(p, n, m)
				a.count(p, n, 12*a.ny+m/6)
				a.count(p, n, 14*a.ny+m/12)
			}
			from = last + 1
		}
	}
}

// count counts person p in node n and slot s, once.
func (a *aggregator) count(p int32, n, s int) {
	if k := n*15*a.ny + s; a.seen[k] != p+1 {
		a.seen[k] = p + 1
		a.sick[n][s].persons++
	}
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
func (a *aggregator) yearEnd(rows []row) {
	fastAt, per := a.fastAt, a.per
	clear(fastAt)
	for yi := range per {
		per[yi] = per[yi][:0]
	}
	var female, immigrant bool
	birth := 0
	for i := range rows {
		e := &rows[i]
		if e.flags&rowRef == 0 {
			continue
		}
		yi := int(e.year)
		female, immigrant, birth = e.flags&rowFemale != 0, e.flags&rowImmigrant != 0, int(e.birth)
		if e.typ == virk.EmploymentPermanent {
			fastAt[yi] = true
		}
		for _, n := range a.chains[e.chain] {
			k := slices.IndexFunc(per[yi], func(f facts) bool { return f.node == n })
			if k < 0 {
				per[yi] = append(per[yi], facts{node: n})
				k = len(per[yi]) - 1
			}
			f := &per[yi][k]
			switch e.typ {
			case virk.EmploymentPermanent:
				f.fast, f.monthly = true, true
				f.fastPct += e.pct
				f.monthlyPct += e.pct
				f.edu = max(f.edu, e.edu)
			case virk.EmploymentTemporary:
				f.monthly = true
				f.monthlyPct += e.pct
			case virk.EmploymentHourly:
				f.hourly = true
			}
			f.app = f.app || e.flags&rowApprentice != 0
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
