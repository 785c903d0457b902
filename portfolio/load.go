package portfolio

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
)

// Source is what Load reads.
type Source interface {
	virk.PortfolioService
	virk.ObservationService
	virk.EntityService
}

// moneyIndicators are the indicators of a project's money.
var moneyIndicators = []string{IndicatorBudget, IndicatorForecast, IndicatorSpent}

// Load reads the register from st: every project and benefit, the
// projects' money with its revisions, and the entities' names. The caller
// sets Value, Year and Weights.
func Load(ctx context.Context, st Source) (*Input, error) {
	in := &Input{Names: map[string]string{}}
	var err error
	if in.Projects, err = st.FindProjects(ctx, virk.ProjectFilter{}); err != nil {
		return nil, err
	}
	if in.Benefits, err = st.FindBenefits(ctx, virk.BenefitFilter{}); err != nil {
		return nil, err
	}
	ents, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		in.Names[e.ID] = e.Name
	}
	if len(in.Projects) == 0 {
		return in, nil
	}
	ids := make([]string, len(in.Projects))
	for i, p := range in.Projects {
		ids[i] = p.ID
	}
	f := virk.ObservationFilter{IndicatorIDs: moneyIndicators, EntityIDs: ids}
	obs, err := st.FindObservations(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, o := range obs {
		in.Observations = append(in.Observations, *o)
	}
	revs, err := st.FindRevisions(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, r := range revs {
		in.Revisions = append(in.Revisions, *r)
	}
	return in, nil
}

// Overlay lays a change set over the register read from the store: its
// projects and benefits replace the stored ones with their IDs or are
// added, its entities' names are added, and its money observations
// replace the stored ones of their period, which then join the history.
func (in *Input) Overlay(cs *virk.ChangeSet) {
	for _, e := range cs.Entities {
		in.Names[e.ID] = e.Name
	}
	for _, p := range cs.Projects {
		i := indexOf(len(in.Projects), func(i int) bool { return in.Projects[i].ID == p.ID })
		if i < 0 {
			in.Projects = append(in.Projects, p)
		} else {
			in.Projects[i] = p
		}
	}
	for _, b := range cs.Benefits {
		i := indexOf(len(in.Benefits), func(i int) bool { return in.Benefits[i].ID == b.ID })
		if i < 0 {
			in.Benefits = append(in.Benefits, b)
		} else {
			in.Benefits[i] = b
		}
	}
	for _, o := range cs.Observations {
		if !isMoney(o.IndicatorID) {
			continue
		}
		i := indexOf(len(in.Observations), func(i int) bool {
			s := in.Observations[i]
			return s.IndicatorID == o.IndicatorID && s.EntityID == o.EntityID && s.Period == o.Period
		})
		switch {
		case i < 0:
			in.Observations = append(in.Observations, o)
		case in.Observations[i].Value != o.Value || in.Observations[i].Status != o.Status:
			// Replaced now, after every stored revision.
			in.Revisions = append(in.Revisions, virk.Revision{Observation: in.Observations[i], ReplacedAt: time.Now().UTC()})
			in.Observations[i] = o
		}
	}
}

func isMoney(id string) bool {
	for _, m := range moneyIndicators {
		if m == id {
			return true
		}
	}
	return false
}

func indexOf(n int, match func(i int) bool) int {
	for i := range n {
		if match(i) {
			return i
		}
	}
	return -1
}

// ChangeSet returns the computed figures as a change set: the
// observations, and the portfolio's indicators that known reports the
// catalogue lacks (a catalogue that defines one keeps its own).
func (r *Result) ChangeSet(known func(indicator string) bool) *virk.ChangeSet {
	cs := &virk.ChangeSet{Observations: r.Observations}
	for _, ind := range r.Indicators() {
		if !known(ind.ID) {
			cs.Indicators = append(cs.Indicators, ind)
		}
	}
	return cs
}

// ParseWeights reads weights written "priority,criticality,gain", such as
// "2,1,1"; decimals take a point ("1.5,1,1").
func ParseWeights(s string) (Weights, error) {
	parts := strings.Split(strings.ReplaceAll(s, ";", ","), ",")
	if len(parts) != 3 {
		return Weights{}, fmt.Errorf("vektene %q er ugyldige: skriv tre tall, prioritet,kritikalitet,gevinstpotensial, f.eks. 2,1,1", s)
	}
	var v [3]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return Weights{}, fmt.Errorf("vekten %q er ugyldig: et tall 0 eller større", strings.TrimSpace(p))
		}
		v[i] = x
	}
	if v == [3]float64{} {
		return Weights{}, fmt.Errorf("vektene kan ikke alle være 0")
	}
	return Weights{Priority: v[0], Criticality: v[1], Gain: v[2]}, nil
}

// String writes the weights as ParseWeights reads them.
func (w Weights) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return f(w.Priority) + "," + f(w.Criticality) + "," + f(w.Gain)
}

// LatestYear returns the latest year of a forecast or spent amount among
// obs, or else of a budget; 0 when there is none.
func LatestYear(obs []virk.Observation) int {
	var reported, budget int
	for _, o := range obs {
		switch o.IndicatorID {
		case IndicatorForecast, IndicatorSpent:
			reported = max(reported, o.Period.Year)
		case IndicatorBudget:
			budget = max(budget, o.Period.Year)
		}
	}
	if reported > 0 {
		return reported
	}
	return budget
}

// StoredWeights returns the weights kept in the settings
// (virk.SettingPortfolioWeights), or DefaultWeights when none are kept or
// they do not parse.
func StoredWeights(settings map[string]string) Weights {
	if s := settings[virk.SettingPortfolioWeights]; s != "" {
		if w, err := ParseWeights(s); err == nil {
			return w
		}
	}
	return DefaultWeights
}

// Measured returns the indicators and units the measurable benefits are
// measured on, pair by pair, for the caller to read their values.
func (in *Input) Measured() (inds, ents []string) {
	for _, b := range in.Benefits {
		if !b.Qualitative() {
			inds, ents = append(inds, b.IndicatorID), append(ents, b.EntityID)
		}
	}
	return inds, ents
}
