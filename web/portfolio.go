package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/portfolio"
)

// projectsData is the data of /prosjekter: the status of every project,
// the deviations, the summary and the ranking of the digitalisation
// projects, with the weights form for those who may change them.
type projectsData struct {
	portfolioLang
	Year    int
	Summary string
	// Tables are the status tables: the building projects, then the
	// digitalisation projects.
	Tables []statusTable
	// Deviations are the projects beyond the thresholds, with reasons.
	Deviations []deviationRow
	Thresholds portfolio.Thresholds
	Ranked     []rankRow
	RankErr    string // the ranking's fault, such as a cycle
	Weights    portfolio.Weights
	// MayEdit shows the weights form and the link to a new project.
	MayEdit bool
	// Typed are the weights in the form: the stored ones, or what the
	// user typed when they were refused with WeightsErr.
	Typed      [3]string
	WeightsErr string
	Message    string
}

// statusTable is a status table of one kind of projects.
type statusTable struct {
	portfolioLang
	ID   string // "building" or "digital", also the text key of its title
	Year int
	Rows []statusRow
}

// statusRow is a project's line of the status table, formatted.
type statusRow struct {
	ID, Name   string
	Phase      string
	OwnerID    string
	Owner      string
	Budget     string
	Forecast   string
	Period     string // of the forecast
	Deviation  string
	DevPct     string
	Spent      string
	Planned    string
	Expected   string
	Delay      string
	IsDeviated bool
}

type deviationRow struct {
	ID, Name string
	Reasons  []string
}

// rankRow is a project's line of the ranking.
type rankRow struct {
	Place       int
	ID, Name    string
	Score       string
	Priority    string
	Criticality string
	Gain        string
	Waits       []idName
}

type idName struct{ ID, Name string }

// portfolioCalc is the portfolio computed for a page.
type portfolioCalc struct {
	in  *portfolio.Input
	res *portfolio.Result
}

// name returns the entity's name, or its ID.
func (c *portfolioCalc) name(id string) string {
	if n := c.in.Names[id]; n != "" {
		return n
	}
	return id
}

// project returns the project with the ID, or nil.
func (c *portfolioCalc) project(id string) *virk.Project {
	for _, p := range c.in.Projects {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// status returns the status of the project with the ID, or nil.
func (c *portfolioCalc) status(id string) *portfolio.Status {
	for _, s := range c.res.Status {
		if s.ProjectID == id {
			return s
		}
	}
	return nil
}

// portfolioWeights returns the stored weights of the ranking, or the
// defaults when none (or none readable) are stored, and the stored text.
func (s *Server) portfolioWeights(ctx context.Context) (portfolio.Weights, string, error) {
	set, err := s.Store.FindSettings(ctx)
	if err != nil {
		return portfolio.Weights{}, "", err
	}
	return portfolio.StoredWeights(set), set[virk.SettingPortfolioWeights], nil
}

// computePortfolio computes the portfolio over the register of st with cs
// laid over it, for the latest year with a forecast or spent amount, as
// `virk portfolio compute` does. The benefits are measured on what st
// lets its reader see.
func (s *Server) computePortfolio(ctx context.Context, st virk.Store, cs *virk.ChangeSet, w portfolio.Weights) (*portfolioCalc, error) {
	in, err := portfolio.Load(ctx, st)
	if err != nil {
		return nil, err
	}
	in.Overlay(cs)
	in.Weights = w
	if in.Year = portfolio.LatestYear(in.Observations); in.Year == 0 {
		in.Year = s.Now().Year()
	}
	inds, ents := in.Measured()
	value, err := kpi.LatestAnnualOf(ctx, st, inds, ents)
	if err != nil {
		return nil, err
	}
	in.Value = value
	return &portfolioCalc{in: in, res: portfolio.Compute(in)}, nil
}

// viewPortfolio computes the portfolio as the request's viewer sees it,
// with the stored weights.
func (s *Server) viewPortfolio(r *http.Request) (*portfolioCalc, error) {
	w, _, err := s.portfolioWeights(r.Context())
	if err != nil {
		return nil, err
	}
	return s.computePortfolio(r.Context(), s.store(r), &virk.ChangeSet{}, w)
}

func (s *Server) handleProjects(w http.ResponseWriter, r *http.Request) {
	d := &projectsData{Message: r.URL.Query().Get("melding")}
	s.renderProjects(w, r, d, 0)
}

// renderProjects computes the portfolio and shows /prosjekter; d may
// carry a refused weights form.
func (s *Server) renderProjects(w http.ResponseWriter, r *http.Request, d *projectsData, status int) {
	d.Lang = language(r)
	c, err := s.viewPortfolio(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res := c.res
	d.Year, d.Summary, d.Weights, d.Thresholds = res.Year, res.Summary, res.Weights, res.Thresholds
	d.MayEdit = accessPortfolio.allows(virk.ViewerFromContext(r.Context()), false)
	if d.WeightsErr == "" {
		d.Typed = [3]string{nb.Decimal(d.Weights.Priority, -1), nb.Decimal(d.Weights.Criticality, -1), nb.Decimal(d.Weights.Gain, -1)}
	}
	deviated := map[string]bool{}
	for _, dv := range res.Deviations {
		deviated[dv.ProjectID] = true
		d.Deviations = append(d.Deviations, deviationRow{ID: dv.ProjectID, Name: c.name(dv.ProjectID), Reasons: dv.Reasons})
	}
	d.Tables = statusTables(c, cat, d.Lang)
	for i := range d.Tables {
		for j := range d.Tables[i].Rows {
			d.Tables[i].Rows[j].IsDeviated = deviated[d.Tables[i].Rows[j].ID]
		}
	}
	if res.RankErr != nil {
		d.RankErr = virk.ErrorMessage(res.RankErr)
	}
	for _, rk := range res.Ranked {
		row := rankRow{Place: rk.Place, ID: rk.Project.ID, Name: c.name(rk.Project.ID), Score: nb.Number(rk.Score, 1),
			Priority: grade(rk.Project.Priority), Criticality: grade(rk.Project.Criticality), Gain: grade(rk.Project.GainPotential)}
		for _, id := range rk.HeldBy {
			row.Waits = append(row.Waits, idName{id, c.name(id)})
		}
		d.Ranked = append(d.Ranked, row)
	}
	p := &page{Nav: "portfolio", Data: d, Status: status}
	p.Title = d.L("title")
	s.render(w, r, "portfolio", p)
}

// statusTables returns the status tables of the building and the
// digitalisation projects; a kind without projects has none.
func statusTables(c *portfolioCalc, cat *virk.Catalogue, lang string) []statusTable {
	building := statusTable{portfolioLang: portfolioLang{lang}, ID: "building", Year: c.res.Year}
	digital := statusTable{portfolioLang: portfolioLang{lang}, ID: "digital", Year: c.res.Year}
	for i, st := range c.res.Status {
		row := newStatusRow(c, cat, c.in.Projects[i], st, lang)
		if st.Kind == virk.ProjectBuilding {
			building.Rows = append(building.Rows, row)
		} else {
			digital.Rows = append(digital.Rows, row)
		}
	}
	var out []statusTable
	for _, t := range []statusTable{building, digital} {
		if len(t.Rows) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// newStatusRow formats a project's status.
func newStatusRow(c *portfolioCalc, cat *virk.Catalogue, p *virk.Project, st *portfolio.Status, lang string) statusRow {
	row := statusRow{ID: p.ID, Name: c.name(p.ID), Phase: portfolioLang{lang}.L("phase." + string(st.Phase))}
	if e := cat.Entity(p.ID); e != nil {
		row.Name = e.Label(lang)
		if o := cat.Entity(e.ParentID); o != nil {
			row.OwnerID, row.Owner = o.ID, o.Label(lang)
		}
	}
	row.Budget = optNumber(st.Budget, st.HasBudget, 1)
	if !st.ForecastPeriod.IsZero() {
		row.Forecast, row.Period = nb.Number(st.Forecast, 1), st.ForecastPeriod.String()
	}
	row.Deviation = optNumber(st.Deviation, st.HasDeviation, 1)
	if st.HasDeviationPct {
		row.DevPct = nb.Percent(st.DeviationPct, 1)
	}
	row.Spent = optNumber(st.Spent, !st.SpentPeriod.IsZero(), 1)
	row.Planned, row.Expected = dateText(st.PlannedEnd), dateText(st.ExpectedEnd)
	row.Delay = optNumber(float64(st.Delay), st.HasDelay, 0)
	return row
}

// optNumber formats v when ok, else "".
func optNumber(v float64, ok bool, dec int) string {
	if !ok {
		return ""
	}
	return nb.Number(v, dec)
}

// dateText writes a date the Norwegian way, 30.09.2021; "" for none.
func dateText(d virk.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d.%02d.%04d", d.Day, d.Month, d.Year)
}

// grade writes an assessment of 1–5, or "–" for one not made.
func grade(v int) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprint(v)
}

// Fields of the weights form.
var weightFields = [3]string{"vekt-prioritet", "vekt-kritikalitet", "vekt-gevinst"}

// parseWeightFields reads the weights form: three numbers 0 or more,
// with a decimal comma or point, not all 0.
func parseWeightFields(typed [3]string) (portfolio.Weights, error) {
	var parts []string
	for _, t := range typed {
		t = strings.TrimSpace(t)
		if t == "" {
			return portfolio.Weights{}, virk.Errorf(virk.EINVALID, "Skriv en vekt i hvert felt, 0 eller større.")
		}
		x, err := ingest.ParseNumber(t, 0)
		if err != nil || x < 0 {
			return portfolio.Weights{}, virk.Errorf(virk.EINVALID, "Vekten «%s» er ugyldig: skriv et tall 0 eller større.", t)
		}
		parts = append(parts, strconv.FormatFloat(x, 'f', -1, 64))
	}
	wts, err := portfolio.ParseWeights(strings.Join(parts, ","))
	if err != nil {
		return wts, virk.Errorf(virk.EINVALID, "%v", err)
	}
	return wts, nil
}

// handleWeights stores new weights of the ranking, computes the portfolio
// with them and stores the computed figures, so that the stored places
// and scores follow. The setting and the figures are changed together or
// not at all: a ranking that fails (a cycle) stores neither.
func (s *Server) handleWeights(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var typed [3]string
	for i, f := range weightFields {
		typed[i] = r.PostFormValue(f)
	}
	refuse := func(msg string) {
		s.renderProjects(w, r, &projectsData{Typed: typed, WeightsErr: msg}, http.StatusUnprocessableEntity)
	}
	wts, err := parseWeightFields(typed)
	if err != nil {
		refuse(virk.ErrorMessage(err))
		return
	}
	_, old, err := s.portfolioWeights(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.computePortfolio(ctx, s.Store, &virk.ChangeSet{}, wts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if c.res.RankErr != nil {
		refuse(portfolioLang{language(r)}.L("notstored") + " " + virk.ErrorMessage(c.res.RankErr))
		return
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs := c.res.ChangeSet(func(id string) bool { return cat.Indicator(id) != nil })
	ar, err := s.Store.Apply(ctx, cs, virk.ApplyOptions{User: actor(r)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.forgetVersion()
	if val := wts.String(); val != old {
		if err := s.Store.UpdateSettings(ctx, map[string]string{virk.SettingPortfolioWeights: val}); err != nil {
			s.fail(w, r, err)
			return
		}
		s.forgetSettings()
		if err := s.audit(r, &virk.AuditEvent{Actor: actor(r), Action: virk.AuditSetting, Object: virk.SettingPortfolioWeights,
			Detail: "«" + old + "» → «" + val + "»"}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if ar.Batch != nil {
		if err := s.auditImport(r, virk.AuditImport, []string{"porteføljeberegning"}, ar); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	msg := portfolioLang{language(r)}.L("weightssaved")
	http.Redirect(w, r, "/prosjekter?melding="+url.QueryEscape(msg)+"#h-ranked", http.StatusSeeOther)
}
