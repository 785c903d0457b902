// Command hrgen writes a synthetic HR extract for the workforce benchmark,
// in the format of workforce/SPEC.md: ansatte.csv, one row per employment
// per monthly snapshot (extract date = the last day of each month), and
// fravaer.csv, the absence spells. The output depends only on the flags
// (and the units file), so two runs write the same bytes.
//
//	go run ./bench/hrgen -out bench/out/workforce/data     # 14 000 employees, 2014–2018: about 1 M rows, 300 000 spells
//	go run ./bench/hrgen -out /tmp/hr -employees 3 -years 1
//
// The mix follows a municipality of Bærum's size: about 75 % of the
// positions fast, 10 % midlertidig (lærlinger among them) and 15 %
// timelønnet; some persons hold two employments; position sizes are drawn
// among 100, 80, 75, 60, 50, 40, 20 % and a few halves (62,5 %); about
// 9 % of the fast staff leave every year (retirement included), more of
// the others, and are replaced after a few weeks; some midlertidige are
// made fast, some fast ones move to another unit or change their
// position size.
// Absences are mostly egenmeldt spells of 1–3 days, with shorter
// legemeldt ones and long cases of weeks to months made of consecutive
// sick notes, some graded 20–80 %, some overlapping; no absence starts
// before the person's first employment.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is what to generate.
type Config struct {
	Employees int    // positions filled at any time (slots)
	Years     int    // years of monthly extracts
	Last      int    // the last year
	Seed      uint64 // random seed
	Out       string // output directory
	Units     string // file of unit IDs, one a line; "" for defaultUnits
}

// defaultUnits are the leaf units of Bærum's areas, with their share of
// the positions, the share of women and the shares by education
// (ufaglært, fagarbeider, høyskole) of the staff.
var defaultUnits = []unit{
	{"oppvekst_skole", 0.30, 0.75, [3]float64{0.12, 0.10, 0.78}},
	{"oppvekst_barnehage", 0.14, 0.90, [3]float64{0.35, 0.25, 0.40}},
	{"pleie_omsorg", 0.26, 0.88, [3]float64{0.22, 0.40, 0.38}},
	{"helse_sosial", 0.11, 0.80, [3]float64{0.15, 0.20, 0.65}},
	{"tekniske_tjenester", 0.06, 0.25, [3]float64{0.25, 0.45, 0.30}},
	{"ovrige", 0.05, 0.60, [3]float64{0.15, 0.25, 0.60}},
	{"hr_service", 0.03, 0.70, [3]float64{0.10, 0.20, 0.70}},
	{"digit", 0.02, 0.35, [3]float64{0.05, 0.15, 0.80}},
	{"eiendom", 0.03, 0.30, [3]float64{0.20, 0.40, 0.40}},
}

func main() {
	var c Config
	flag.IntVar(&c.Employees, "employees", 14000, "positions filled at any time (persons on the payroll, roughly)")
	flag.IntVar(&c.Years, "years", 5, "number of years of monthly extracts")
	flag.IntVar(&c.Last, "last", 2018, "last year")
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed")
	flag.StringVar(&c.Out, "out", "bench/out/workforce/data", "output directory")
	flag.StringVar(&c.Units, "units", "", "file listing unit IDs, one a line, optionally ID;PARENT (employees go to leaves only; default: Bærum's leaf units "+ids(defaultUnits)+")")
	flag.Parse()
	start := time.Now()
	s, err := run(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hrgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "hrgen: %d persons, %d employment rows, %d absence spells in %s (%.2f s)\n",
		s.persons, s.rows, s.spells, c.Out, time.Since(start).Seconds())
}

// stats is what run wrote.
type stats struct{ persons, rows, spells int }

func run(c Config) (stats, error) {
	if c.Employees < 1 || c.Years < 1 || c.Last < 1950 || c.Last > 2100 {
		return stats{}, fmt.Errorf("-employees and -years must be at least 1, -last within 1950–2100")
	}
	units := defaultUnits
	if c.Units != "" {
		var err error
		if units, err = readUnits(c.Units); err != nil {
			return stats{}, err
		}
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return stats{}, err
	}
	g := &gen{
		rng:   rand.New(rand.NewPCG(c.Seed, 0x68726765)),
		seed:  c.Seed,
		units: units,
		t0:    dayOf(c.Last-c.Years+1, 1, 1),
		t1:    dayOf(c.Last, 12, 31),
		dates: newDates(c.Last-c.Years-45, c.Last+3),
	}
	g.slots(c.Employees)
	g.absences()
	var s stats
	s.persons = len(g.people)
	err := write(filepath.Join(c.Out, "ansatte.csv"), func(w *bufio.Writer) { s.rows = g.writeEmployments(w, c) })
	if err != nil {
		return s, err
	}
	s.spells = len(g.spells)
	return s, write(filepath.Join(c.Out, "fravaer.csv"), g.writeAbsences)
}

// unit is a unit with the profile of its staff.
type unit struct {
	id     string
	weight float64
	women  float64
	edu    [3]float64
}

// readUnits reads a file of unit IDs, one a line, optionally followed by
// ';' and the unit's parent; empty lines and lines starting with '#' are
// skipped. Employees go to the leaves only: a unit that is another's
// parent gets none of its own. Units not among defaultUnits get an
// average profile.
func readUnits(name string) ([]unit, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var list []string
	parent := map[string]bool{}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		id, par, _ := strings.Cut(line, ";")
		id, par = strings.TrimSpace(id), strings.TrimSpace(par)
		if id == "" || strings.HasPrefix(id, "#") {
			continue
		}
		if seen[id] {
			return nil, fmt.Errorf("%s: unit %q listed twice", name, id)
		}
		seen[id] = true
		parent[par] = true
		list = append(list, id)
	}
	var out []unit
	for _, id := range list {
		if parent[id] {
			continue
		}
		u := unit{id, 1.0 / 9, 0.75, [3]float64{0.185, 0.225, 0.59}}
		if k := slices.IndexFunc(defaultUnits, func(d unit) bool { return d.id == id }); k >= 0 {
			u = defaultUnits[k]
		}
		out = append(out, u)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no units", name)
	}
	return out, nil
}

func ids(us []unit) string {
	var s []string
	for _, u := range us {
		s = append(s, u.id)
	}
	return strings.Join(s, ", ")
}

// day counts days from 1 January 1970.
type day int32

func dayOf(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// weekday returns the day of the week; 1 January 1970 was a Thursday.
func (d day) weekday() time.Weekday { return time.Weekday(((int(d) % 7) + 7 + 4) % 7) }

// dates formats days as YYYY-MM-DD from a table, since every row writes
// two or three of them.
type dates struct {
	first day
	s     []string
}

func newDates(y0, y1 int) *dates {
	t := &dates{first: dayOf(y0, 1, 1)}
	for d := t.first; d <= dayOf(y1, 12, 31); d++ {
		t.s = append(t.s, time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly))
	}
	return t
}

func (t *dates) format(d day) string {
	if i := int(d - t.first); i >= 0 && i < len(t.s) {
		return t.s[i]
	}
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}

// Employment types.
const (
	fast = iota
	midlertidig
	timelonnet
)

var (
	typeNames = [3]string{"fast", "midlertidig", "timelønnet"}
	eduNames  = [3]string{"ufaglært", "fagarbeider", "høyskole"}
	// Stillingskoder by education; lærlinger have their own.
	codes          = [3][]string{{"7037", "7048", "6535"}, {"7528", "6454", "6456", "7075"}, {"7174", "7954", "7956", "1065", "7036"}}
	apprenticeCode = "9301"
)

type person struct {
	id          string
	born        int
	female      bool
	immigrant   bool
	edu         uint8
	first, last day // the first start and last end of the person's employments
	hourly      bool
}

// employment is one employment over its whole life; the extracts show it
// in every month whose last day lies in [from, to].
type employment struct {
	person     int32
	unit       int16
	kind       uint8
	apprentice bool
	pct, pct2  int16 // tenths of per cent; pct2 from change on
	change     day   // 0: none
	code       string
	from, to   day
}

type spell struct {
	person   int32
	from, to day
	grade    int8
	doctor   bool
}

type gen struct {
	rng    *rand.Rand
	seed   uint64
	units  []unit
	t0, t1 day
	dates  *dates
	people []person
	emps   []employment
	spells []spell
}

const year = 365.25

// exp returns an exponential waiting time in days at rate per year.
func (g *gen) exp(rate float64) day {
	return day(math.Min(-math.Log(1-g.rng.Float64())/rate*year, 1e6))
}

// between returns a uniform day in [a, b].
func (g *gen) between(a, b day) day {
	if b <= a {
		return a
	}
	return a + day(g.rng.IntN(int(b-a)+1))
}

// pick returns an index drawn with the given weights.
func (g *gen) pick(w ...float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	r := g.rng.Float64() * t
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}

// Position sizes, tenths of per cent, and their weights for fast and
// midlertidige positions.
var (
	sizes      = []int16{1000, 800, 750, 600, 500, 400, 200, 625, 375, 900}
	fastSizes  = []float64{0.54, 0.11, 0.08, 0.05, 0.09, 0.04, 0.05, 0.015, 0.015, 0.01}
	tempSizes  = []float64{0.60, 0.10, 0.05, 0.05, 0.10, 0.03, 0.07, 0, 0, 0}
	extraSizes = []int16{200, 250, 375, 400, 500}
)

func (g *gen) size(w []float64) int16 { return sizes[g.pick(w...)] }

// slots fills n positions over the years: each is held by a sequence of
// persons, the first hired before the first extract, every later one a
// few weeks after the one before leaves.
func (g *gen) slots(n int) {
	w := make([]float64, len(g.units))
	for i, u := range g.units {
		w[i] = u.weight
	}
	for range n {
		u := g.pick(w...)
		kind := g.pick(0.77, 0.13, 0.10)
		apprentice := kind == midlertidig && g.rng.Float64() < 0.06
		end := g.holder(u, kind, apprentice, true, 0)
		for end < g.t1 {
			from := end + 14 + day(g.rng.IntN(100))
			if from > g.t1 {
				break
			}
			end = g.holder(u, kind, apprentice, false, from)
		}
	}
	// A person's span is that of their employments in the extracts; one
	// that lies between two month ends is in none of them.
	for i := range g.emps {
		e := &g.emps[i]
		if x := monthEnd(max(e.from, g.t0)); x > min(e.to, g.t1) {
			continue
		}
		p := &g.people[e.person]
		p.first, p.last = min(p.first, e.from), max(p.last, e.to)
	}
}

// newPerson draws a person for a position in unit u, hired on day hired.
func (g *gen) newPerson(u, kind int, apprentice, initial bool, hired day) int32 {
	pu := g.units[u]
	p := person{female: g.rng.Float64() < pu.women, hourly: kind == timelonnet, first: math.MaxInt32}
	tri := (g.rng.Float64() + g.rng.Float64()) / 2
	var age float64
	switch {
	case apprentice:
		age = 16 + 4*g.rng.Float64()
		p.edu = 0
	case kind == timelonnet:
		age = 18 + 50*tri*tri
		p.edu = uint8(g.pick(0.55, 0.15, 0.30))
	case initial:
		age = 21 + 46*tri
		p.edu = uint8(g.pick(pu.edu[:]...))
	default:
		age = 22 + 36*tri
		p.edu = uint8(g.pick(pu.edu[:]...))
	}
	y, _, _ := time.Unix(int64(hired)*86400, 0).UTC().Date()
	p.born = y - int(age)
	p.immigrant = g.rng.Float64() < [3]float64{0.22, 0.14, 0.08}[p.edu]
	// A bijection of the index mixed with the seed: unique, and different
	// for every seed.
	x := uint64(len(g.people)+1)*0x9E3779B97F4A7C15 ^ g.seed*0xBF58476D1CE4E5B9
	x ^= x >> 31
	x *= 0x94D049BB133111EB
	x ^= x >> 29
	p.id = strconv.FormatUint(x, 16)
	g.people = append(g.people, p)
	return int32(len(g.people) - 1)
}

// holder adds the employments of one holder of a position in unit u and
// returns the day the position falls vacant. The first holder (initial)
// was hired before the first extract.
func (g *gen) holder(u, kind int, apprentice, initial bool, from day) day {
	if initial {
		from = g.t0 - 1
	}
	p := g.newPerson(u, kind, apprentice, initial, from)
	pp := &g.people[p]
	if initial {
		age := float64(yearOf(g.t0) - pp.born)
		switch {
		case kind == fast:
			from = g.t0 - 1 - day(g.rng.Float64()*math.Min(age-20, 30)*year)
		case apprentice:
			from = g.t0 - 1 - day(g.rng.IntN(600))
		case kind == midlertidig:
			from = g.t0 - 1 - day(g.rng.IntN(365))
		default:
			from = g.t0 - 1 - day(g.rng.IntN(4*365))
		}
	}
	// Fast staff retire between 67 and 70.
	retire := dayOf(pp.born+67+g.rng.IntN(3), time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28))
	cur := u
	switch kind {
	case fast:
		start := max(from, g.t0)
		return g.fastSpell(p, &cur, from, min(start+g.exp(0.09), retire))
	case midlertidig:
		for {
			var end day
			switch {
			case apprentice:
				end = from + 730
			case initial:
				end = g.t0 + 30 + day(g.rng.IntN(540))
			default:
				end = from + 90 + day(g.rng.IntN(640))
			}
			pct, code := g.size(tempSizes), ""
			if apprentice {
				pct, code = 1000, apprenticeCode
			}
			g.add(employment{person: p, unit: int16(u), kind: midlertidig, apprentice: apprentice, pct: pct, code: code, from: from, to: end})
			// Some are made fast, in a position of their own (this one falls
			// vacant); some get a new contract.
			switch r := g.rng.Float64(); {
			case r < 0.15 && end < retire:
				g.fastSpell(p, &cur, end+1, min(end+1+g.exp(0.09), retire))
			case r < 0.45 && !apprentice && end < g.t1:
				from, initial = end+1, false
				continue
			}
			return end
		}
	default:
		end := max(from, g.t0) + g.exp(0.22)
		g.add(employment{person: p, unit: int16(u), kind: timelonnet, from: from, to: end})
		if g.rng.Float64() < 0.08 {
			g.second(p, u, timelonnet, from, end)
		}
		return end
	}
}

// fastSpell adds fast employments from from to end, moving to another
// unit now and then, and sometimes a second employment; it returns end.
func (g *gen) fastSpell(p int32, u *int, from, end day) day {
	end = max(end, from)
	pct := g.size(fastSizes)
	for t := from; ; {
		stop := end
		if len(g.units) > 1 {
			stop = min(end, max(t, g.t0)+g.exp(0.015))
		}
		e := employment{person: p, unit: int16(*u), kind: fast, pct: pct, from: t, to: stop}
		// Position changes, mostly up.
		lo, hi := max(t, g.t0), min(stop, g.t1)
		if hi > lo && g.rng.Float64() < 0.05*float64(hi-lo)/year {
			e.change = g.between(lo+1, hi)
			e.pct2 = min(1000, pct+[]int16{200, 250, 100, -200}[g.rng.IntN(4)])
		}
		g.add(e)
		if t == from && g.rng.Float64() < 0.2 {
			g.second(p, *u, fast, t, stop)
		}
		if stop == end {
			return end
		}
		t, *u = stop+1, (*u+1+g.rng.IntN(len(g.units)-1))%len(g.units)
		pct = e.pct
		if e.change != 0 {
			pct = e.pct2
		}
	}
}

// second adds a second employment within [from, to]: beside a fast one a
// small fast position in another unit or hourly work, beside hourly work
// more hourly work.
func (g *gen) second(p int32, u, kind int, from, to day) {
	a := g.between(from, min(to, from+365))
	b := to
	if g.rng.Float64() < 0.3 {
		b = g.between(a, to)
	}
	e := employment{person: p, unit: int16(u), kind: timelonnet, from: a, to: b}
	if len(g.units) > 1 && g.rng.Float64() < 0.7 {
		e.unit = int16((u + 1 + g.rng.IntN(len(g.units)-1)) % len(g.units))
	}
	if first := g.emps[len(g.emps)-1]; kind == fast && first.pct <= 800 && g.rng.Float64() < 0.8 {
		e.kind = fast
		e.pct = min(1000-first.pct, extraSizes[g.rng.IntN(len(extraSizes))])
	}
	g.add(e)
}

func (g *gen) add(e employment) {
	pp := &g.people[e.person]
	if e.code == "" {
		cs := codes[pp.edu]
		e.code = cs[g.rng.IntN(len(cs))]
	}
	if e.kind != timelonnet {
		pp.hourly = false
	}
	g.emps = append(g.emps, e)
}

// monthEnd returns the last day of d's month.
func monthEnd(d day) day {
	y, m, _ := time.Unix(int64(d)*86400, 0).UTC().Date()
	return dayOf(y, m+1, 1) - 1
}

func yearOf(d day) int {
	y, _, _ := time.Unix(int64(d)*86400, 0).UTC().Date()
	return y
}

// absences draws every person's spells from a month before the first
// extract (or their first employment, if later) to the end of the last
// year, or their last employment. Sickness varies between persons (an
// exponential frailty of mean 1); hourly-paid staff report little.
func (g *gen) absences() {
	for i := range g.people {
		p := &g.people[i]
		a, b := max(p.first, g.t0-31), min(p.last, g.t1)
		if b < a {
			continue
		}
		f := -math.Log(1 - g.rng.Float64())
		if p.hourly {
			f *= 0.15
		}
		// Long cases first: a short spell that would begin inside one is
		// mostly not drawn, as few report sick while on sick leave.
		mine := len(g.spells)
		for t := a + g.exp(0.3*f); t <= b; t += g.exp(0.3 * f) {
			g.longCase(int32(i), t)
		}
		inLong := func(t day) bool {
			for _, s := range g.spells[mine:] {
				if s.doctor && s.from <= t+1 && t <= s.to+1 {
					return g.rng.Float64() < 0.9
				}
			}
			return false
		}
		for _, k := range []struct {
			rate float64
			fn   func(int32, day)
		}{{3.25, g.selfCertified}, {0.5, g.shortCase}} {
			for t := a + g.exp(k.rate*f); t <= b; t += g.exp(k.rate * f) {
				if !inLong(weekday(t)) {
					k.fn(int32(i), t)
				}
			}
		}
	}
	slices.SortStableFunc(g.spells, func(x, y spell) int {
		if x.from != y.from {
			return int(x.from - y.from)
		}
		return int(x.person - y.person)
	})
}

func (g *gen) spell(p int32, from, to day, grade int, doctor bool) {
	g.spells = append(g.spells, spell{p, from, to, int8(grade), doctor})
}

// weekday moves d forward to a Monday if it falls on a weekend: people
// report sick on working days.
func weekday(d day) day {
	switch d.weekday() {
	case time.Saturday:
		return d + 2
	case time.Sunday:
		return d + 1
	}
	return d
}

// selfCertified adds an egenmeldt spell of 1–3 calendar days.
func (g *gen) selfCertified(p int32, t day) {
	t = weekday(t)
	g.spell(p, t, t+day(g.pick(0.5, 0.28, 0.22)), 100, false)
}

// shortCase adds a legemeldt case of 4–16 days, half of them begun with
// 1–3 egenmeldt days, some with the sick note dated back over them.
func (g *gen) shortCase(p int32, t day) {
	t = weekday(t)
	n := day(4 + g.rng.IntN(13))
	grade := 100
	if g.rng.Float64() < 0.1 {
		grade = 50
	}
	switch k := day(1 + g.rng.IntN(3)); g.pick(0.5, 0.1, 0.4) {
	case 0:
		g.spell(p, t, t+k-1, 100, false)
		g.spell(p, t+k, t+n-1, grade, true)
	case 1:
		g.spell(p, t, t+k-1, 100, false)
		g.spell(p, t, t+n-1, grade, true)
	default:
		g.spell(p, t, t+n-1, grade, true)
	}
}

// longCase adds a case of 17 days to a year: consecutive sick notes of
// 1–8 weeks, the later ones often graded, now and then overlapping the
// one before, begun with egenmeldt days or broken by one, or cut by a
// few days back at work (which makes two cases).
func (g *gen) longCase(p int32, t day) {
	t = weekday(t)
	n := day(math.Min(17+math.Exp(math.Log(35)+0.9*g.rng.NormFloat64()), 365))
	end := t + n - 1
	if g.rng.Float64() < 0.25 {
		k := day(1 + g.rng.IntN(3))
		g.spell(p, t, t+k-1, 100, false)
		if g.rng.Float64() < 0.7 {
			t += k
		}
	}
	grade := 100
	if g.rng.Float64() < 0.2 {
		grade = []int{50, 60, 80}[g.rng.IntN(3)]
	}
	for first := true; t <= end; first = false {
		if !first {
			switch r := g.rng.Float64(); {
			case r < 0.55:
				grade = 100
			default:
				grade = []int{20, 30, 40, 50, 60, 80}[g.rng.IntN(6)]
			}
		}
		stop := min(end, t+day(7+g.rng.IntN(50)))
		g.spell(p, t, stop, grade, true)
		if grade < 100 && g.rng.Float64() < 0.08 {
			d := g.between(t, stop)
			g.spell(p, d, d, 100, false)
		}
		switch r := g.rng.Float64(); {
		case stop == end:
			return
		case r < 0.12:
			t = stop + 1 - day(1+g.rng.IntN(min(7, int(stop-t)+1)))
		case r < 0.17:
			t = stop + 3 + day(g.rng.IntN(5))
		default:
			t = stop + 1
		}
	}
}

// writeEmployments writes the extract of every month's last day: the
// employments whose [fra, til] holds it. til shows when it is less than
// three months away, as a notice gives it, and always for a midlertidig
// employment, whose contract says when it ends.
func (g *gen) writeEmployments(w *bufio.Writer, c Config) int {
	w.WriteString("uttrekk;person;enhet;stilling_pst;stillingskode;ansettelse;utdanning;fodselsar;kjonn;innvandrer;laerling;fra;til\n")
	yn := func(b bool) string {
		if b {
			return "ja"
		}
		return "nei"
	}
	rows := 0
	var buf []byte
	for y := c.Last - c.Years + 1; y <= c.Last; y++ {
		for m := time.January; m <= time.December; m++ {
			x := dayOf(y, m+1, 1) - 1
			xs := g.dates.format(x)
			for i := range g.emps {
				e := &g.emps[i]
				if e.from > x || e.to < x {
					continue
				}
				p := &g.people[e.person]
				pct := e.pct
				if e.change != 0 && x >= e.change {
					pct = e.pct2
				}
				sex := "M"
				if p.female {
					sex = "K"
				}
				buf = buf[:0]
				buf = append(buf, xs...)
				buf = append(buf, ';')
				buf = append(buf, p.id...)
				buf = append(buf, ';')
				buf = append(buf, g.units[e.unit].id...)
				buf = append(buf, ';')
				buf = strconv.AppendInt(buf, int64(pct/10), 10)
				if pct%10 != 0 {
					buf = append(buf, ',')
					buf = strconv.AppendInt(buf, int64(pct%10), 10)
				}
				buf = append(buf, ';')
				buf = append(buf, e.code...)
				buf = append(buf, ';')
				buf = append(buf, typeNames[e.kind]...)
				buf = append(buf, ';')
				buf = append(buf, eduNames[p.edu]...)
				buf = append(buf, ';')
				buf = strconv.AppendInt(buf, int64(p.born), 10)
				buf = append(buf, ';')
				buf = append(buf, sex...)
				buf = append(buf, ';')
				buf = append(buf, yn(p.immigrant)...)
				buf = append(buf, ';')
				buf = append(buf, yn(e.apprentice)...)
				buf = append(buf, ';')
				buf = append(buf, g.dates.format(e.from)...)
				buf = append(buf, ';')
				if e.kind == midlertidig || e.to <= x+92 {
					buf = append(buf, g.dates.format(e.to)...)
				}
				buf = append(buf, '\n')
				w.Write(buf)
				rows++
			}
		}
	}
	return rows
}

// writeAbsences writes the spells in order of their first day, as a
// register lists them.
func (g *gen) writeAbsences(w *bufio.Writer) {
	w.WriteString("person;fra;til;grad;type\n")
	var buf []byte
	for _, s := range g.spells {
		buf = buf[:0]
		buf = append(buf, g.people[s.person].id...)
		buf = append(buf, ';')
		buf = append(buf, g.dates.format(s.from)...)
		buf = append(buf, ';')
		buf = append(buf, g.dates.format(s.to)...)
		buf = append(buf, ';')
		buf = strconv.AppendInt(buf, int64(s.grade), 10)
		if s.doctor {
			buf = append(buf, ";legemeldt\n"...)
		} else {
			buf = append(buf, ";egenmeldt\n"...)
		}
		w.Write(buf)
	}
}

func write(name string, fn func(w *bufio.Writer)) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fn(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
