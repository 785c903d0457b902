package web

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/portfolio"
)

// projectData is the page of one project: its register, its money and
// forecast history, and its benefits planned against realised.
type projectData struct {
	portfolioLang
	Year    int
	ID      string
	Name    string
	Kind    string
	Digital bool
	Status  statusRow
	// SpentPct is the spent amount in percent of the forecast.
	SpentPct string
	Start    string
	// Assessment for the ranking, for digitalisation projects.
	Priority, Criticality, Gain string
	Score                       string
	Place                       int
	Note                        string
	DependsOn                   []idName
	Dependents                  []idName
	Beneficiaries               []idName
	Budget                      []budgetYear
	BudgetTotal                 string
	History                     []historyRow
	Reasons                     []string // of a deviation
	Benefits                    []benefitView
	Table                       benefitTable // Benefits as a table
	Qualitative                 []benefitView
	MayEdit                     bool
	Message                     string
}

type budgetYear struct {
	Year   int
	Amount string
}

// historyRow is one forecast of the project's history.
type historyRow struct {
	Period   string
	Value    string
	Change   string
	Replaced string // when a later forecast of the same period replaced it
	Current  bool
}

// benefitView is a benefit's realisation, formatted.
type benefitView struct {
	ID, Text           string
	ProjectID, Project string
	UnitID, Unit       string
	IndicatorID, Label string
	Measure            string
	Baseline, Target   string
	Due                string
	Latest             string
	Planned, Realised  string
	Share              string
	Status             string
	Shared             int // benefits that share the movement, when more than one
}

func (s *Server) handleProject(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	c, err := s.viewPortfolio(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := c.project(id)
	if pr == nil {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent prosjekt «%s»", id))
		return
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := language(r)
	d := &projectData{portfolioLang: portfolioLang{lang}, Year: c.res.Year, ID: id, Digital: pr.Kind == virk.ProjectDigital,
		Start: dateText(pr.Start), Note: pr.Note, Message: r.URL.Query().Get("melding"),
		MayEdit: accessPortfolio.allows(virk.ViewerFromContext(r.Context()), false)}
	d.Kind = d.L("kind." + string(pr.Kind))
	st := c.status(id)
	d.Status = newStatusRow(c, cat, pr, st, lang)
	d.Name = d.Status.Name
	if st.HasSpentPct {
		d.SpentPct = nb.Percent(st.SpentPct, 1)
	}
	label := func(id string) idName {
		if e := cat.Entity(id); e != nil {
			return idName{id, e.Label(lang)}
		}
		return idName{id, c.name(id)}
	}
	for _, dep := range pr.DependsOn {
		d.DependsOn = append(d.DependsOn, label(dep))
	}
	for _, p := range c.in.Projects {
		if slices.Contains(p.DependsOn, id) {
			d.Dependents = append(d.Dependents, label(p.ID))
		}
	}
	for _, u := range pr.Beneficiaries {
		d.Beneficiaries = append(d.Beneficiaries, label(u))
	}
	if d.Digital {
		d.Priority, d.Criticality, d.Gain = grade(pr.Priority), grade(pr.Criticality), grade(pr.GainPotential)
		d.Score = nb.Number(portfolio.Score(pr, c.res.Weights), 1)
		for _, rk := range c.res.Ranked {
			if rk.Project.ID == id {
				d.Place = rk.Place
			}
		}
	}
	if m := portfolio.MoneyOf(c.in.Observations, c.in.Revisions)[id]; m != nil {
		total := 0.0
		for _, y := range slices.Sorted(mapKeys(m.Budget)) {
			d.Budget = append(d.Budget, budgetYear{y, nb.Number(m.Budget[y], 1)})
			total += m.Budget[y]
		}
		d.BudgetTotal = nb.Number(total, 1)
	}
	for i, h := range st.History {
		row := historyRow{Period: h.Period.String(), Value: nb.Number(h.Value, 1)}
		if i > 0 {
			row.Change = signed(h.Change, 1)
		}
		if !h.Replaced.IsZero() {
			row.Replaced = h.Replaced.Local().Format("02.01.2006 15:04")
		}
		row.Current = h.Replaced.IsZero() && h.Period == st.ForecastPeriod
		d.History = append(d.History, row)
	}
	for _, dv := range c.res.Deviations {
		if dv.ProjectID == id {
			d.Reasons = dv.Reasons
		}
	}
	for _, b := range c.res.Benefits {
		if b.Benefit.ProjectID != id {
			continue
		}
		v := newBenefitView(c, cat, b, lang)
		if b.Benefit.Qualitative() {
			d.Qualitative = append(d.Qualitative, v)
		} else {
			d.Benefits = append(d.Benefits, v)
		}
	}
	d.Table = benefitTable{portfolioLang: d.portfolioLang, CapID: "cap-benefits", Caption: d.L("benefitscap"), Rows: d.Benefits}
	p := &page{Nav: "portfolio", Data: d}
	p.Title = d.Name
	s.render(w, r, "portfolio_project", p)
}

// mapKeys returns the keys of m, for slices.Sorted.
func mapKeys[K comparable, V any](m map[K]V) func(yield func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// signed formats a change with its sign: "+70,0", "−20,0", "0,0".
func signed(v float64, dec int) string {
	s := nb.Number(v, dec)
	if nb.Round(v, dec) > 0 {
		s = "+" + s
	}
	return s
}

// benefitDecimals is how many decimals the benefits' values show: a
// benefit is often a small change of a large figure (−1 of 182,6
// årsverk), so two, as `virk portfolio benefits` shows them.
const benefitDecimals = 2

// newBenefitView formats a benefit's realisation with the names of its
// project, unit and indicator.
func newBenefitView(c *portfolioCalc, cat *virk.Catalogue, b portfolio.BenefitRow, lang string) benefitView {
	bn := b.Benefit
	l := portfolioLang{lang}
	v := benefitView{ID: bn.ID, Text: bn.Text, ProjectID: bn.ProjectID, Project: c.name(bn.ProjectID),
		UnitID: bn.EntityID, Unit: c.name(bn.EntityID), IndicatorID: bn.IndicatorID, Status: l.L("b." + string(b.Status))}
	if e := cat.Entity(bn.ProjectID); e != nil {
		v.Project = e.Label(lang)
	}
	if e := cat.Entity(bn.EntityID); e != nil {
		v.Unit = e.Label(lang)
	}
	if bn.Qualitative() {
		return v
	}
	if v.Text == "" {
		v.Text = bn.ID
	}
	v.Label = bn.IndicatorID
	if ind := cat.Indicator(bn.IndicatorID); ind != nil {
		v.Label, v.Measure = indicatorLabel(lang, ind.LabelNB, ind.LabelEN), ind.Unit.Name
	}
	dec := benefitDecimals
	v.Baseline = nb.Number(bn.Baseline, dec)
	if bn.BaselineYear != 0 {
		v.Baseline += fmt.Sprintf(" (%d)", bn.BaselineYear)
	}
	v.Target, v.Due = nb.Number(bn.Target, dec), dateText(bn.Due)
	v.Planned = signed(b.Planned, dec)
	if b.Measured {
		v.Latest = fmt.Sprintf("%s (%d)", nb.Number(b.Value, dec), b.ValueYear)
		v.Realised = signed(b.Realised, dec)
	}
	if b.HasShare {
		v.Share = nb.Percent(b.Share, 0)
	}
	if b.Shared > 1 {
		v.Shared = b.Shared
	}
	return v
}
