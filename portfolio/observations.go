package portfolio

import (
	"math"

	"github.com/virk-analyse/virk"
)

// observations turns the result into observations of the annual period
// of the year: the status, score and place on each project entity, the
// benefit counts on each project (0 for a project without benefits, which
// is worth seeing) and on each unit where benefits land. Figures that are
// not defined (a deviation without a budget, a delay without a planned
// end, a place when the ranking failed) are left out rather than stored
// as 0.
func observations(in *Input, res *Result, digital []*virk.Project) []virk.Observation {
	period := virk.YearPeriod(in.Year)
	var out []virk.Observation
	add := func(ind, ent string, v float64) {
		out = append(out, virk.Observation{IndicatorID: ind, EntityID: ent, Period: period,
			Value: round4(v), Status: virk.StatusFinal, Source: sourceCompute})
	}
	ranked := map[string]*Ranked{}
	for i := range res.Ranked {
		ranked[res.Ranked[i].Project.ID] = &res.Ranked[i]
	}
	scored := map[string]bool{}
	for _, p := range digital {
		scored[p.ID] = true
	}
	byProject := map[string]*Rollup{}
	for i := range res.ByProject {
		byProject[res.ByProject[i].ID] = &res.ByProject[i]
	}
	for i, p := range in.Projects {
		s := res.Status[i]
		if s.HasDeviation {
			add(IndicatorDeviation, p.ID, s.Deviation)
		}
		if s.HasDeviationPct {
			add(IndicatorDeviationPct, p.ID, s.DeviationPct)
		}
		if s.HasDelay {
			add(IndicatorDelay, p.ID, float64(s.Delay))
		}
		if s.HasSpentPct {
			add(IndicatorSpentPct, p.ID, s.SpentPct)
		}
		if r := ranked[p.ID]; r != nil {
			add(IndicatorRank, p.ID, float64(r.Place))
		}
		if scored[p.ID] {
			add(IndicatorScore, p.ID, Score(p, res.Weights))
		}
		u := byProject[p.ID]
		if u == nil {
			u = &Rollup{}
		}
		add(IndicatorProjectBenefits, p.ID, float64(u.Measurable))
		add(IndicatorProjectRealised, p.ID, float64(u.Realised))
		add(IndicatorProjectQualitative, p.ID, float64(u.Qualitative))
	}
	for _, u := range res.ByUnit {
		add(IndicatorBenefits, u.ID, float64(u.Measurable))
		add(IndicatorRealised, u.ID, float64(u.Realised))
		add(IndicatorQualitative, u.ID, float64(u.Qualitative))
	}
	return out
}

// round4 rounds to 4 decimals: finer than any figure is read at, and short
// enough that a figure survives an export to a spreadsheet unchanged.
func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }
