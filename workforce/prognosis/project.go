package prognosis

import (
	"math"
	"strconv"
)

// Result is a projection: for every area, the årsverk needed and what is
// left of today's workforce, year by year, and the assumptions behind it
// for printing beside the figures.
type Result struct {
	BaseYear    int
	EndYear     int
	Areas       []*AreaResult
	Assumptions Assumptions

	// model is the model projected, so that faults found in the result
	// later, such as an area unknown to the catalogue, are placed in its
	// configuration file.
	model *Model
}

// AreaResult is the projection of one area.
type AreaResult struct {
	ID, Name string
	Users    float64 // users in the base year, over all groups
	PerUser  float64 // årsverk per user, held at the base year's level
	// Base is the base year itself: Needed is today's årsverk and
	// Remaining today's workforce. When the two differ, the gap is part
	// of RecruitmentNeed from the start.
	Base  Year
	Years []Year // BaseYear+1 … EndYear
	// Assumptions are the assumptions behind this area's figures alone:
	// those shared by every area, the area's own and the retirement
	// rules that apply to it, for showing beside the area's figures.
	Assumptions Assumptions
}

// Year is the figures of one area in one year, all in årsverk except
// RemainingPersons.
type Year struct {
	Year      int
	Needed    float64 // årsverk needed to give today's service to that year's population
	Remaining float64 // årsverk left of the base year's workforce
	// Retirements is the årsverk leaving that year at the retirement age
	// or as early leavers.
	Retirements float64
	// Turnover is the årsverk leaving that year for other reasons.
	Turnover float64
	// RecruitmentNeed is Needed − Remaining: the årsverk to be recruited
	// by that year since the base year, replacement and growth together.
	RecruitmentNeed float64
	// Recruitment is that year's part of it: RecruitmentNeed less the
	// previous year's. It is negative when need falls faster than the
	// workforce leaves.
	Recruitment float64
	// RemainingPersons is the persons left of the base year's workforce,
	// when the workforce was given in persons too; otherwise 0.
	RemainingPersons float64
}

// Project runs the projection of m on pop for the years after the base
// year up to the end year. It fails with Errors when the model is not
// valid or the population lacks an age band in a year it needs.
func Project(m *Model, pop *Population) (*Result, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	res := &Result{BaseYear: m.BaseYear, EndYear: m.end(), model: m}
	var errs Errors
	for i, a := range m.Areas {
		ar, aerrs := project(m, a, pop, "omrader["+strconv.Itoa(i)+"]")
		errs = append(errs, aerrs...)
		res.Areas = append(res.Areas, ar)
	}
	if len(errs) > 0 {
		return nil, m.locate(errs)
	}
	res.Assumptions = assumptions(m, pop, res)
	return res, nil
}

// project projects one area.
func project(m *Model, a *Area, pop *Population, path string) (*AreaResult, Errors) {
	ar := &AreaResult{ID: a.ID, Name: a.Label()}
	needed, errs := need(m, a, pop, path, ar)
	if len(errs) > 0 {
		return ar, errs
	}
	w := newWorkforce(a.Workforce, m.retirement(a))
	ar.Base = Year{Year: m.BaseYear, Needed: needed[0], Remaining: w.total(), RemainingPersons: w.persons()}
	ar.Base.RecruitmentNeed = ar.Base.Needed - ar.Base.Remaining
	prev := ar.Base.RecruitmentNeed
	for t := m.BaseYear + 1; t <= m.end(); t++ {
		y := Year{Year: t, Needed: needed[t-m.BaseYear]}
		y.Retirements, y.Turnover = w.age()
		y.Remaining, y.RemainingPersons = w.total(), w.persons()
		y.RecruitmentNeed = y.Needed - y.Remaining
		y.Recruitment = y.RecruitmentNeed - prev
		prev = y.RecruitmentNeed
		ar.Years = append(ar.Years, y)
	}
	return ar, nil
}

// need returns the årsverk needed in each year from the base year on:
//
//	need(t) = Σ_g users(g) / pop(g, base) × pop(g, t) × årsverk / Σ_g users(g)
//
// that is, each group's coverage and the årsverk per user are held at the
// base year's level. It also records users and årsverk per user in ar.
func need(m *Model, a *Area, pop *Population, path string, ar *AreaResult) ([]float64, Errors) {
	var errs Errors
	fail := func(p string, err error) { errs = append(errs, &Error{Path: p, Err: err}) }
	years := m.end() - m.BaseYear + 1
	users := make([]float64, years) // users in year t at today's coverage
	for i, g := range a.Groups {
		p := path + ".brukergrupper[" + strconv.Itoa(i) + "]"
		base, err := pop.Sum(m.BaseYear, g.Band)
		if err != nil {
			fail(p, err)
			continue
		}
		n := g.Users
		if g.Coverage > 0 {
			n = g.Coverage * base
		}
		if n > 0 && base == 0 {
			fail(p, errorf(ErrValue, "gruppen har brukere, men ingen innbyggere i %s i %d", g.Band, m.BaseYear))
			continue
		}
		ar.Users += n
		for t := range years {
			now, err := pop.Sum(m.BaseYear+t, g.Band)
			if err != nil {
				fail(p, err) // the first missing year is enough
				break
			}
			if n > 0 {
				users[t] += n / base * now
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	arsverk := a.Arsverk
	if arsverk == 0 {
		arsverk = workforceTotal(a.Workforce)
	}
	if ar.Users == 0 {
		fail(path+".brukergrupper", errorf(ErrMissing, "området har ingen brukere i %d, så årsverk per bruker kan ikke beregnes", m.BaseYear))
		return nil, errs
	}
	ar.PerUser = arsverk / ar.Users
	needed := make([]float64, years)
	for t, u := range users {
		needed[t] = u * ar.PerUser
	}
	needed[0] = arsverk // the same up to rounding; exact for display
	return needed, nil
}

// workforceTotal is the årsverk of today's workforce.
func workforceTotal(cs []Cohort) float64 {
	var sum float64
	for _, c := range cs {
		sum += c.Arsverk
	}
	return sum
}

// workforce is the base year's workforce as it ages, by single age.
type workforce struct {
	arsverk, heads []float64 // årsverk and persons by age, 0 … maxAge+1
	r              Retirement
}

// newWorkforce spreads each cohort evenly over its ages.
func newWorkforce(cs []Cohort, r Retirement) *workforce {
	w := &workforce{arsverk: make([]float64, maxAge+2), heads: make([]float64, maxAge+2), r: r}
	for _, c := range cs {
		n := float64(c.Band.To - c.Band.From + 1)
		for a := c.Band.From; a <= c.Band.To; a++ {
			w.arsverk[a] += c.Arsverk / n
			w.heads[a] += c.Persons / n
		}
	}
	return w
}

// age moves the workforce one year on and returns the årsverk that left:
// at the retirement age or early, and by turnover.
func (w *workforce) age() (retired, turnover float64) {
	copy(w.arsverk[1:], w.arsverk)
	copy(w.heads[1:], w.heads)
	w.arsverk[0], w.heads[0] = 0, 0
	for a := range w.arsverk {
		x := w.arsverk[a]
		ret := w.retireShare(a)
		early := w.earlyShare(a)
		stay := (1 - ret) * (1 - early)
		retired += x * (1 - stay)
		turnover += x * stay * w.r.Turnover
		stay *= 1 - w.r.Turnover
		w.arsverk[a] *= stay
		w.heads[a] *= stay
	}
	return retired, turnover
}

// retireShare is the share of those reaching age a that year who leave at
// the retirement age R. For a whole R it is 1 from R on. For R = r + f
// with 0 < f < 1, a share 1 − f leaves at r and the rest at r + 1, so
// that the mean leaving age is R.
func (w *workforce) retireShare(a int) float64 {
	r := math.Floor(w.r.Age)
	switch {
	case float64(a) < r:
		return 0
	case float64(a) == r:
		return 1 - (w.r.Age - r)
	}
	return 1
}

// earlyShare is the early-leaving share at age a.
func (w *workforce) earlyShare(a int) float64 {
	for _, e := range w.r.Early {
		if e.Band.Contains(a) {
			return e.Share
		}
	}
	return 0
}

func (w *workforce) total() float64   { return sum(w.arsverk) }
func (w *workforce) persons() float64 { return sum(w.heads) }

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}
