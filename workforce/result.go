package workforce

import (
	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/disclosure"
)

// grid is a disclosure table over the unit tree: a cell per node, time
// slot and category, where the last category is the sum of the others
// (or the only one).
type grid struct {
	nodes, slots, cats int
	counts             []int
}

func (g *grid) cell(n, s, c int) int { return (n*g.slots+s)*g.cats + c }

// suppress builds the table's relations (parent = own part + children in
// every slot and category; the total category = the others; optionally
// year = half-years = months) and runs disclosure control on it.
func (g *grid) suppress(t *nodes, months, threshold int) ([]bool, error) {
	tab := &disclosure.Table{Counts: g.counts}
	for n := range t.ids {
		if t.ids[n] == "" {
			continue
		}
		for s := 0; s < g.slots; s++ {
			for c := 0; c < g.cats; c++ {
				r := disclosure.Relation{Total: g.cell(n, s, c)}
				if o := t.own[n]; o >= 0 {
					r.Parts = append(r.Parts, g.cell(o, s, c))
				}
				for _, ch := range t.children[n] {
					r.Parts = append(r.Parts, g.cell(ch, s, c))
				}
				tab.Relations = append(tab.Relations, r)
			}
		}
	}
	for n := range t.ids {
		for s := 0; s < g.slots; s++ {
			if g.cats > 1 {
				r := disclosure.Relation{Total: g.cell(n, s, g.cats-1)}
				for c := 0; c < g.cats-1; c++ {
					r.Parts = append(r.Parts, g.cell(n, s, c))
				}
				tab.Relations = append(tab.Relations, r)
			}
		}
		// Sick leave's slots: months, then half-years, then years.
		for y := 0; months > 0 && y < months/12; y++ {
			for c := 0; c < g.cats; c++ {
				h1, h2 := disclosure.Relation{Total: g.cell(n, months+2*y, c)}, disclosure.Relation{Total: g.cell(n, months+2*y+1, c)}
				for m := 0; m < 6; m++ {
					h1.Parts = append(h1.Parts, g.cell(n, 12*y+m, c))
					h2.Parts = append(h2.Parts, g.cell(n, 12*y+6+m, c))
				}
				yr := disclosure.Relation{Total: g.cell(n, months+months/6+y, c), Parts: []int{h1.Total, h2.Total}}
				tab.Relations = append(tab.Relations, h1, h2, yr)
			}
		}
	}
	marks, err := disclosure.Suppress(tab, threshold)
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(marks))
	for i, m := range marks {
		out[i] = m.Suppressed()
	}
	return out, nil
}

// emitter collects observations, suppressed ones with no value.
type emitter struct {
	obs        []virk.Observation
	suppressed int
}

func (e *emitter) put(ind, ent string, p virk.Period, v float64, hidden bool) {
	o := virk.Observation{IndicatorID: ind, EntityID: ent, Period: p, Value: v, Status: virk.StatusFinal, Source: sourceCompute}
	if hidden {
		o.Value, o.Status = 0, virk.StatusSuppressed
		e.suppressed++
	}
	e.obs = append(e.obs, o)
}

func pctOf(a, b float64) float64 { return 100 * a / b }

// result turns the sums into observations under disclosure control.
func (a *aggregator) result(k int) (*Result, error) {
	t := a.tree
	n := len(t.ids)
	slots := 15 * a.ny
	sickGrid := &grid{nodes: n, slots: slots, cats: 1, counts: make([]int, n*slots)}
	for i := range n {
		for s := range slots {
			sickGrid.counts[i*slots+s] = a.sick[i][s].persons
		}
	}
	year := func(cats int, count func(s *stock, c int) int) *grid {
		g := &grid{nodes: n, slots: a.ny, cats: cats, counts: make([]int, n*a.ny*cats)}
		for i := range n {
			for y := range a.ny {
				for c := range cats {
					g.counts[g.cell(i, y, c)] = count(&a.stock[i][y], c)
				}
			}
		}
		return g
	}
	fast := year(3, func(s *stock, c int) int { return [3]int{s.ageN[0], s.ageN[1], s.fast}[c] })
	monthly := year(1, func(s *stock, _ int) int { return s.monthly })
	hourly := year(1, func(s *stock, _ int) int { return s.hourly })
	apps := year(1, func(s *stock, _ int) int { return s.apprentices })
	turn := year(1, func(s *stock, _ int) int { return s.turnPop })
	minority := year(3, func(s *stock, c int) int { return [3]int{s.minMen, s.minWomen, s.minMen + s.minWomen}[c] })
	marks := map[*grid][]bool{}
	for _, g := range []*grid{fast, monthly, hourly, apps, turn, minority} {
		m, err := g.suppress(t, 0, k)
		if err != nil {
			return nil, err
		}
		marks[g] = m
	}
	sickMarks, err := sickGrid.suppress(t, 12*a.ny, k)
	if err != nil {
		return nil, err
	}
	e := &emitter{}
	for i := range n {
		ent := t.ids[i]
		if ent == "" {
			continue
		}
		for s := range slots {
			c := a.sick[i][s]
			if c.persons == 0 || c.agreed == 0 || !a.covered(s) {
				continue
			}
			p, h := periodOf(s, a.y0, a.ny), sickMarks[sickGrid.cell(i, s, 0)]
			e.put(IndicatorSickLeave, ent, p, pctOf(c.lost.Total(), c.agreed), h)
			e.put(IndicatorSickShort, ent, p, pctOf(c.lost.Short, c.agreed), h)
			e.put(IndicatorSickLong, ent, p, pctOf(c.lost.Long, c.agreed), h)
			e.put(IndicatorSickSelf, ent, p, pctOf(c.lost.Self, c.agreed), h)
			e.put(IndicatorSickDoctor, ent, p, pctOf(c.lost.Doctor, c.agreed), h)
			e.put(IndicatorAgreedDays, ent, p, c.agreed, h)
			e.put(IndicatorLostDays, ent, p, c.lost.Total(), h)
		}
		for y := range a.ny {
			s := &a.stock[i][y]
			p := virk.YearPeriod(a.y0 + y)
			if s.monthly+s.hourly == 0 && s.turnPop == 0 {
				continue
			}
			if s.fast > 0 {
				h := marks[fast][fast.cell(i, y, 2)]
				f := float64(s.fast)
				e.put(IndicatorFTEPermanent, ent, p, s.fteFast, h)
				e.put(IndicatorPermanent, ent, p, f, h)
				e.put(IndicatorFullTime, ent, p, pctOf(float64(s.full), f), h)
				e.put(IndicatorNearFull, ent, p, pctOf(float64(s.near), f), h)
				e.put(IndicatorPartTime, ent, p, pctOf(float64(s.part), f), h)
				e.put(IndicatorAge, ent, p, (s.ageSum[0]+s.ageSum[1])/f, h)
				e.put(IndicatorUnskilled, ent, p, pctOf(float64(s.edu[virk.EducationUnskilled]), f), h)
				e.put(IndicatorSkilled, ent, p, pctOf(float64(s.edu[virk.EducationSkilled]), f), h)
				e.put(IndicatorHigher, ent, p, pctOf(float64(s.edu[virk.EducationHigher]), f), h)
				e.put(IndicatorQualified, ent, p, pctOf(float64(s.edu[virk.EducationSkilled]+s.edu[virk.EducationHigher]), f), h)
				for g, id := range []string{IndicatorAgeMen, IndicatorAgeWomen} {
					if s.ageN[g] > 0 {
						e.put(id, ent, p, s.ageSum[g]/float64(s.ageN[g]), marks[fast][fast.cell(i, y, g)])
					}
				}
			}
			if s.monthly > 0 {
				h := marks[monthly][monthly.cell(i, y, 0)]
				e.put(IndicatorFTEMonthly, ent, p, s.fteMonthly, h)
				mh := marks[minority]
				e.put(IndicatorMinorityMen, ent, p, float64(s.minMen), mh[minority.cell(i, y, 0)])
				e.put(IndicatorMinorityWomen, ent, p, float64(s.minWomen), mh[minority.cell(i, y, 1)])
				// The FTE and share of a group reveal as much as its head count.
				th := mh[minority.cell(i, y, 2)] || h
				e.put(IndicatorMinorityFTE, ent, p, s.minFTE, th)
				if s.fteMonthly > 0 {
					e.put(IndicatorMinorityShare, ent, p, pctOf(s.minFTE, s.fteMonthly), th)
				}
			}
			if s.monthly+s.hourly > 0 {
				e.put(IndicatorHourly, ent, p, float64(s.hourly), marks[hourly][hourly.cell(i, y, 0)])
				e.put(IndicatorApprentices, ent, p, float64(s.apprentices), marks[apps][apps.cell(i, y, 0)])
			}
			if s.turnPop > 0 {
				e.put(IndicatorTurnover, ent, p, pctOf(float64(s.leavers), float64(s.turnPop)), marks[turn][turn.cell(i, y, 0)])
			}
		}
	}
	y1 := a.y0 + a.ny - 1
	return &Result{Observations: e.obs, Suppressed: e.suppressed, Persons: a.people, Rows: a.nrows,
		Spells: len(a.in.Absences), FirstYear: a.y0, LastYear: y1}, nil
}
