package portfolio

import (
	"time"

	"github.com/virk-analyse/virk"
)

// Input is what a computation of the portfolio needs for one reporting
// year.
type Input struct {
	Projects []*virk.Project
	Benefits []*virk.Benefit
	// Names are the entities' names by ID, for messages and the summary;
	// an entity without one is named by its ID.
	Names map[string]string
	// Observations are the projects' money: observations of
	// IndicatorBudget, IndicatorForecast and IndicatorSpent on the project
	// entities (others are ignored). Revisions are earlier versions of
	// them; replaced forecasts join the forecast history.
	Observations []virk.Observation
	Revisions    []virk.Revision
	// Value gives the indicators' values in the receiving units; nil
	// measures no benefit.
	Value      ValueFunc
	Weights    Weights // the zero value uses DefaultWeights
	Year       int
	AsOf       virk.Date   // the zero value is 31 December of Year
	Thresholds *Thresholds // nil uses DefaultThresholds
}

// Result is what Compute found, for pages and reports, and as
// observations for a store to apply.
type Result struct {
	Year       int
	AsOf       virk.Date
	Weights    Weights
	Thresholds Thresholds
	// Ranked is the ranking of the digitalisation projects that are not
	// closed; it is nil when RankErr is set (a *CycleError, or two
	// projects with one ID).
	Ranked  []Ranked
	RankErr error
	// Status is every project's status, in the order of Input.Projects.
	Status     []*Status
	Deviations []Deviation
	// Summary is the sentence on the larger building projects.
	Summary   string
	Benefits  []BenefitRow
	ByProject []Rollup
	ByUnit    []Rollup
	// Observations are the computed figures in the annual period of Year.
	Observations []virk.Observation
}

// Indicators returns the definitions of the indicators of the result's
// observations (and of the money indicators they are computed from).
func (r *Result) Indicators() []*virk.Indicator { return Indicators() }

// Compute ranks the digitalisation projects that are not closed, finds
// every project's investment status and deviations, the summary of the
// building projects and the realisation of the benefits, and returns the
// figures also as observations.
func Compute(in *Input) *Result {
	res := &Result{Year: in.Year, AsOf: in.AsOf, Weights: in.Weights, Thresholds: DefaultThresholds}
	if res.AsOf.IsZero() {
		res.AsOf = virk.Date{Year: in.Year, Month: time.December, Day: 31}
	}
	if res.Weights.IsZero() {
		res.Weights = DefaultWeights
	}
	if in.Thresholds != nil {
		res.Thresholds = *in.Thresholds
	}
	name := func(id string) string {
		if n := in.Names[id]; n != "" {
			return n
		}
		return id
	}

	var digital []*virk.Project
	for _, p := range in.Projects {
		if p.Kind == virk.ProjectDigital && p.Phase != virk.PhaseClosed {
			digital = append(digital, p)
		}
	}
	// A cycle anywhere in the register is a fault, also among building
	// or closed projects, which are not ranked.
	if _, err := Rank(in.Projects, res.Weights, name); err != nil {
		res.RankErr = err
	} else {
		res.Ranked, res.RankErr = Rank(digital, res.Weights, name)
	}

	money := MoneyOf(in.Observations, in.Revisions)
	var building []*Status
	for _, p := range in.Projects {
		s := StatusOf(p, money[p.ID], in.Year, res.AsOf)
		res.Status = append(res.Status, s)
		if p.Kind == virk.ProjectBuilding {
			building = append(building, s)
		}
	}
	res.Deviations = Deviations(res.Status, res.Thresholds)
	res.Summary = Summary(building, res.Thresholds, name)

	res.Benefits = Benefits(in.Benefits, in.Value, in.Year, res.AsOf)
	res.ByProject = ByProject(res.Benefits)
	res.ByUnit = ByUnit(res.Benefits)
	res.Observations = observations(in, res, digital)
	return res
}
