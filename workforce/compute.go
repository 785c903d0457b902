package workforce

import (
	"fmt"
	"slices"

	"github.com/virk-analyse/virk"
)

// DefaultThreshold is the least number of persons a published figure may
// be built from.
const DefaultThreshold = 5

// Input is one HR extract to aggregate: its employment rows and absences,
// person-level data that Compute reads and forgets, and the catalogue
// whose unit tree the figures roll up.
type Input struct {
	Employments []virk.Employment
	Absences    []virk.Absence
	Catalogue   *virk.Catalogue
	Threshold   int // persons; 0 is DefaultThreshold
}

// Result is what Compute found: ordinary observations, with the cells
// that disclosure control hid marked suppressed, and counts for the
// import's report. It holds no person-level data.
type Result struct {
	Observations []virk.Observation
	Suppressed   int // observations hidden by disclosure control
	Persons      int
	Rows         int
	Spells       int
	FirstYear    int
	LastYear     int
}

// nodes is the unit tree of the data. Every entity e that holds rows, or
// is above one that does, is node e (its whole subtree); every entity
// with rows of its own also has an own node: its direct part, which is
// never published but takes part in disclosure control, since the parent
// less its children reveals it.
type nodes struct {
	ids      []string // entity ID; "" for own nodes
	own      []int    // own node of a subtree node; -1
	parent   []int    // subtree node above; -1 at the top
	children [][]int  // subtree nodes below
	up       map[string][]int
}

// chain returns the nodes a row of unit adds to: its own node, the
// unit and every unit above it.
func (n *nodes) chain(cat *virk.Catalogue, unit string) []int {
	if c, ok := n.up[unit]; ok {
		return c
	}
	var path []string
	seen := map[string]bool{}
	for e := cat.Entity(unit); e != nil && !seen[e.ID]; e = cat.Entity(e.ParentID) {
		seen[e.ID] = true
		path = append(path, e.ID)
	}
	idx := make([]int, len(path))
	for i := len(path) - 1; i >= 0; i-- {
		id := path[i]
		k := slices.Index(n.ids, id)
		if k < 0 {
			k = len(n.ids)
			n.ids = append(n.ids, id)
			n.own = append(n.own, -1)
			n.parent = append(n.parent, -1)
			n.children = append(n.children, nil)
			if i+1 < len(path) {
				p := idx[i+1]
				n.parent[k] = p
				n.children[p] = append(n.children[p], k)
			}
		}
		idx[i] = k
	}
	self := idx[0]
	if n.own[self] < 0 {
		n.own[self] = len(n.ids)
		n.ids = append(n.ids, "")
		n.own = append(n.own, -1)
		n.parent = append(n.parent, -1)
		n.children = append(n.children, nil)
	}
	c := append([]int{n.own[self]}, idx...)
	n.up[unit] = c
	return c
}

// Compute aggregates the extract into the workforce indicators of every
// unit and its subtree, by month, half-year and year for sick leave and
// by year for the rest, and applies disclosure control.
func Compute(in *Input) (*Result, error) {
	if len(in.Employments) == 0 {
		return nil, virk.Errorf(virk.EINVALID, "HR-uttrekket har ingen arbeidsforhold")
	}
	k := in.Threshold
	if k == 0 {
		k = DefaultThreshold
	}
	if k < 1 {
		return nil, virk.Errorf(virk.EINVALID, "terskelen for prikking må være minst 1 person, ikke %d", k)
	}
	a := newAggregator(in)
	a.run()
	return a.result(k)
}

// yearsOf returns the first and last year of the extracts.
func yearsOf(emps []virk.Employment) (int, int) {
	lo, hi := emps[0].Extract, emps[0].Extract
	for i := range emps {
		lo, hi = min(lo, emps[i].Extract), max(hi, emps[i].Extract)
	}
	y0, _, _ := lo.Date()
	y1, _, _ := hi.Date()
	return y0, y1
}

// monthBounds returns the first and last day of the month of d and its
// index from January of y0.
func monthBounds(d virk.Day, y0 int) (virk.Day, virk.Day, int) {
	y, m, _ := d.Date()
	first := virk.DayOf(y, m, 1)
	last := virk.DayOf(y, m+1, 1) - 1
	return first, last, (y-y0)*12 + int(m) - 1
}

// CheckAbsences reports absences that begin before the person's first
// employment starts, or belong to a person without employments: such a
// row is a fault in the extract, not lost working days to drop.
func CheckAbsences(emps []virk.Employment, abs []virk.Absence) []string {
	first := map[string]virk.Day{}
	for i := range emps {
		e := &emps[i]
		if d, ok := first[e.Person]; !ok || e.From < d {
			first[e.Person] = e.From
		}
	}
	var out []string
	for _, a := range abs {
		d, ok := first[a.Person]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%d: personen %s har ingen arbeidsforhold i uttrekket", a.Line, quote(a.Person)))
		case a.From < d:
			out = append(out, fmt.Sprintf("%d: fraværet begynner %s, før personens første arbeidsforhold begynner %s", a.Line, a.From, d))
		}
		if len(out) >= 100 {
			break
		}
	}
	return out
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return "«" + s + "»"
}

// periodOf returns the period of slot s: months first, then half-years,
// then years.
func periodOf(s, y0, years int) virk.Period {
	switch {
	case s < 12*years:
		return virk.Period{Year: y0 + s/12, Freq: virk.Monthly, N: s%12 + 1}
	case s < 14*years:
		s -= 12 * years
		return virk.Period{Year: y0 + s/2, Freq: virk.HalfYear, N: s%2 + 1}
	}
	return virk.YearPeriod(y0 + s - 14*years)
}
