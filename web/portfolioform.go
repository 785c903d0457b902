package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/portfolio"
)

// projectForm is the form of a new or a changed project: what the user
// typed, the choices, and the faults found in it, each by its field.
type projectForm struct {
	portfolioLang
	New                               bool
	ID, Name, Kind, Owner, Phase      string
	Start, Planned, Expected          string
	DependsOn, Beneficiaries          map[string]bool
	Priority, Criticality, Gain, Note string
	Period, Forecast, Spent           string
	// Budget is the budget by year as typed: "2019: 250; 2020: 700,5".
	Budget string
	// CurrentForecast and CurrentPeriod are the stored forecast, as a
	// hint.
	CurrentForecast, CurrentPeriod         string
	Kinds, Phases, Owners, Projects, Units []option
	Faults                                 []fault
}

// option is a choice of a select or a checkbox group.
type option struct{ Value, Label string }

// fault is a refused field with its message; Field "" is the whole form.
type fault struct{ Field, Message string }

// Err returns the message of the field's fault, or "".
func (f *projectForm) Err(field string) string {
	for _, x := range f.Faults {
		if x.Field == field {
			return x.Message
		}
	}
	return ""
}

// formField is one field of the form as its template draws it.
type formField struct {
	Name, Label, Value, Err string
	Type                    string // the input's type, or "select", "textarea"
	Mode                    string // inputmode
	Help                    string
	Options                 []option
}

// fieldLabels are the text keys of the fields' labels.
var fieldLabels = map[string]string{
	"id": "f.id", "navn": "f.name", "type": "f.kind", "eier": "f.owner", "fase": "f.phase",
	"start": "f.start", "planlagt": "f.planned", "forventet": "f.expected",
	"prioritet": "f.priority", "kritikalitet": "f.crit", "gevinstpotensial": "f.gain", "merknad": "f.note",
	"periode": "f.period", "prognose": "f.forecast", "forbruk": "f.spent", "budsjett": "f.budget",
}

// Field returns the field called name, with what was typed and its fault.
func (f *projectForm) Field(name string) formField {
	ff := formField{Name: name, Label: f.L(fieldLabels[name]), Err: f.Err(name), Type: "text"}
	switch name {
	case "id":
		ff.Value = f.ID
	case "navn":
		ff.Value = f.Name
	case "type":
		ff.Value, ff.Type, ff.Options = f.Kind, "select", f.Kinds
	case "eier":
		ff.Value, ff.Type, ff.Options = f.Owner, "select", append([]option{{"", f.L("f.choose")}}, f.Owners...)
	case "fase":
		ff.Value, ff.Type, ff.Options = f.Phase, "select", f.Phases
	case "start", "planlagt", "forventet":
		ff.Value = map[string]string{"start": f.Start, "planlagt": f.Planned, "forventet": f.Expected}[name]
		ff.Help = f.L("f.datehelp")
	case "prioritet", "kritikalitet", "gevinstpotensial":
		ff.Value = map[string]string{"prioritet": f.Priority, "kritikalitet": f.Criticality, "gevinstpotensial": f.Gain}[name]
		ff.Mode = "numeric"
	case "merknad":
		ff.Value, ff.Type = f.Note, "textarea"
	case "periode":
		ff.Value = f.Period
	case "prognose":
		ff.Value, ff.Mode = f.Forecast, "decimal"
		if f.CurrentForecast != "" {
			ff.Help = fmt.Sprintf(f.L("f.nowfc"), f.CurrentForecast, f.CurrentPeriod)
		}
	case "forbruk":
		ff.Value, ff.Mode = f.Spent, "decimal"
	case "budsjett":
		ff.Value, ff.Help = f.Budget, f.L("f.budgethelp")
	}
	return ff
}

// Form fields that take one value, in the order of the form.
var projectFields = []string{"id", "navn", "type", "eier", "fase", "start", "planlagt", "forventet",
	"prioritet", "kritikalitet", "gevinstpotensial", "merknad", "budsjett", "periode", "prognose", "forbruk"}

// sourceForm is the Source of the money entered in the form.
const sourceForm = "prosjektskjema i virk"

func (s *Server) handleProjectNew(w http.ResponseWriter, r *http.Request) {
	c, err := s.viewPortfolio(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &projectForm{New: true, Kind: string(virk.ProjectDigital), Phase: string(virk.PhaseIdea),
		Period: strconv.Itoa(c.res.Year), Priority: "0", Criticality: "0", Gain: "0"}
	s.renderProjectForm(w, r, c, f, 0)
}

func (s *Server) handleProjectEdit(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	c, err := s.viewPortfolio(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := c.project(id)
	if p == nil {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent prosjekt «%s»", id))
		return
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &projectForm{ID: id, Name: c.name(id), Kind: string(p.Kind), Phase: string(p.Phase),
		Start: dateValue(p.Start), Planned: dateValue(p.PlannedEnd), Expected: dateValue(p.ExpectedEnd),
		DependsOn: setOf(p.DependsOn), Beneficiaries: setOf(p.Beneficiaries),
		Priority: strconv.Itoa(p.Priority), Criticality: strconv.Itoa(p.Criticality), Gain: strconv.Itoa(p.GainPotential),
		Note: p.Note, Period: strconv.Itoa(c.res.Year)}
	if e := cat.Entity(id); e != nil {
		f.Owner = e.ParentID
	}
	if m := portfolio.MoneyOf(c.in.Observations, nil)[id]; m != nil {
		f.Budget = budgetText(m.Budget)
	}
	if st := c.status(id); st != nil && !st.ForecastPeriod.IsZero() {
		f.Period = st.ForecastPeriod.String()
		f.CurrentForecast, f.CurrentPeriod = nb.Number(st.Forecast, 1), st.ForecastPeriod.String()
	}
	s.renderProjectForm(w, r, c, f, 0)
}

// renderProjectForm shows the form with its choices.
func (s *Server) renderProjectForm(w http.ResponseWriter, r *http.Request, c *portfolioCalc, f *projectForm, status int) {
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Lang = language(r)
	f.Kinds = []option{{string(virk.ProjectBuilding), f.L("kind.bygg")}, {string(virk.ProjectDigital), f.L("kind.digitalisering")}}
	for _, ph := range virk.Phases {
		f.Phases = append(f.Phases, option{string(ph), f.L("phase." + string(ph))})
	}
	for _, e := range ownerUnits(cat, f.Owner) {
		f.Owners = append(f.Owners, option{e.ID, e.Label(f.Lang)})
	}
	f.Units = f.Owners
	for _, p := range c.in.Projects {
		if p.ID == f.ID && !f.New {
			continue
		}
		name := c.name(p.ID)
		if e := cat.Entity(p.ID); e != nil {
			name = e.Label(f.Lang)
		}
		f.Projects = append(f.Projects, option{p.ID, name})
	}
	slices.SortFunc(f.Projects, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	pg := &page{Nav: "portfolio", Data: f, Status: status}
	if f.New {
		pg.Title = f.L("newtitle")
	} else {
		pg.Title = f.L("edittitle") + ": " + f.Name
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "portfolio_form", pg)
}

// ownerUnits lists the units that may own a project: the municipalities
// with units below them and those units, buildings, projects and groups
// left out, in tree order; and the current owner, wherever it is.
func ownerUnits(cat *virk.Catalogue, current string) []*virk.Entity {
	var out []*virk.Entity
	seen := map[string]bool{}
	for _, top := range cat.Entities {
		if top.Kind != virk.KindMunicipality || len(cat.Children(top.ID)) == 0 {
			continue
		}
		for _, e := range cat.Subtree(top.ID) {
			if (e.Kind == virk.KindMunicipality || e.Kind == virk.KindUnit) && !seen[e.ID] {
				out = append(out, e)
				seen[e.ID] = true
			}
		}
	}
	if e := cat.Entity(current); e != nil && !seen[current] {
		out = append(out, e)
	}
	return out
}

func setOf(ids []string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// dateValue writes a date as an <input type="date"> holds it; "" for none.
func dateValue(d virk.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// handleProjectSave stores a new or a changed project from the form: the
// project's entity under its owner, its register, and a new forecast and
// spent amount, laid over the stored register and computed, with the
// computed figures, in one batch. A fault in a field, or dependencies in
// a ring, store nothing and show the form again as it was typed.
func (s *Server) handleProjectSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := &projectForm{portfolioLang: portfolioLang{language(r)}, New: r.PostFormValue("ny") != ""}
	for _, k := range projectFields {
		v := strings.TrimSpace(r.PostFormValue(k))
		switch k {
		case "id":
			f.ID = v
		case "navn":
			f.Name = v
		case "type":
			f.Kind = v
		case "eier":
			f.Owner = v
		case "fase":
			f.Phase = v
		case "start":
			f.Start = v
		case "planlagt":
			f.Planned = v
		case "forventet":
			f.Expected = v
		case "prioritet":
			f.Priority = v
		case "kritikalitet":
			f.Criticality = v
		case "gevinstpotensial":
			f.Gain = v
		case "merknad":
			f.Note = v
		case "periode":
			f.Period = v
		case "prognose":
			f.Forecast = v
		case "forbruk":
			f.Spent = v
		case "budsjett":
			f.Budget = v
		}
	}
	f.DependsOn, f.Beneficiaries = setOf(r.PostForm["avhenger"]), setOf(r.PostForm["gevinst_i"])
	w8, _, err := s.portfolioWeights(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stored, err := s.computePortfolio(ctx, s.Store, &virk.ChangeSet{}, w8)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !f.New && stored.project(f.ID) == nil {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent prosjekt «%s»", f.ID))
		return
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs := f.changeSet(cat, stored)
	if len(f.Faults) > 0 {
		s.renderProjectForm(w, r, stored, f, http.StatusUnprocessableEntity)
		return
	}
	c, err := s.computePortfolio(ctx, s.Store, cs, w8)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if c.res.RankErr != nil {
		f.Faults = append(f.Faults, fault{"avhenger", upperFirst(virk.ErrorMessage(c.res.RankErr)) + "."})
		s.renderProjectForm(w, r, stored, f, http.StatusUnprocessableEntity)
		return
	}
	computed := c.res.ChangeSet(func(id string) bool { return cat.Indicator(id) != nil || hasIndicatorIn(cs, id) })
	cs.Indicators = append(cs.Indicators, computed.Indicators...)
	cs.Observations = append(cs.Observations, computed.Observations...)
	ar, err := s.Store.Apply(ctx, cs, virk.ApplyOptions{User: actor(r)})
	if virk.ErrorCode(err) == virk.EINVALID {
		// What only the store checks, such as a ring through building
		// projects, which the ranking of digitalisation projects does
		// not see.
		f.Faults = append(f.Faults, fault{"", virk.ErrorMessage(err)})
		s.renderProjectForm(w, r, stored, f, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := f.L("unchanged")
	if ar.Batch != nil {
		s.forgetVersion()
		if err := s.auditImport(r, virk.AuditImport, []string{"prosjektskjema: " + f.ID}, ar); err != nil {
			s.serverError(w, r, err)
			return
		}
		msg = f.L("saved")
	}
	http.Redirect(w, r, "/prosjekt/"+f.ID+"?melding="+url.QueryEscape(msg), http.StatusSeeOther)
}

// changeSet checks the form and builds the change set of the project: its
// entity under the owner, the project, the money observations and the
// money indicators the catalogue lacks. Faults go to f.Faults.
func (f *projectForm) changeSet(cat *virk.Catalogue, stored *portfolioCalc) *virk.ChangeSet {
	bad := func(field, format string, args ...any) {
		f.Faults = append(f.Faults, fault{field, virk.ErrorMessage(virk.Errorf(virk.EINVALID, format, args...))})
	}
	p := &virk.Project{ID: f.ID, Note: f.Note}
	switch err := virk.ValidateID(f.ID); {
	case f.ID == "":
		bad("id", "Skriv en ID for prosjektet.")
	case err != nil:
		bad("id", "ID-en «%s» er ugyldig: bruk 1–100 tegn, bokstaver, sifre og . _ - :", f.ID)
	case f.New && stored.project(f.ID) != nil:
		bad("id", "Prosjektet «%s» finnes allerede; endre det fra prosjektsiden.", f.ID)
	case f.New && cat.Entity(f.ID) != nil:
		bad("id", "«%s» er allerede en enhet i katalogen; velg en annen ID.", f.ID)
	}
	if f.Name == "" {
		bad("navn", "Skriv prosjektets navn.")
	}
	if k, err := virk.ParseProjectKind(f.Kind); err != nil {
		bad("type", "Velg bygg eller digitalisering.")
	} else {
		p.Kind = k
	}
	owners := ownerUnits(cat, "")
	switch {
	case f.Owner == "":
		bad("eier", "Velg enheten som eier prosjektet.")
	case !slices.ContainsFunc(owners, func(e *virk.Entity) bool { return e.ID == f.Owner }):
		bad("eier", "«%s» er ikke en enhet som kan eie et prosjekt.", f.Owner)
	}
	if ph, err := virk.ParsePhase(f.Phase); err != nil {
		bad("fase", "Velg en fase.")
	} else {
		p.Phase = ph
	}
	date := func(field, v string) virk.Date {
		if v == "" {
			return virk.Date{}
		}
		d, err := virk.ParseDate(v)
		if err != nil {
			bad(field, "Datoen «%s» er ugyldig: skriv ÅÅÅÅ-MM-DD.", v)
		}
		return d
	}
	p.Start, p.PlannedEnd, p.ExpectedEnd = date("start", f.Start), date("planlagt", f.Planned), date("forventet", f.Expected)
	if !p.Start.IsZero() && !p.PlannedEnd.IsZero() && p.PlannedEnd.Before(p.Start) {
		bad("planlagt", "Planlagt slutt %s er før start %s.", dateText(p.PlannedEnd), dateText(p.Start))
	}
	if !p.Start.IsZero() && !p.ExpectedEnd.IsZero() && p.ExpectedEnd.Before(p.Start) {
		bad("forventet", "Forventet slutt %s er før start %s.", dateText(p.ExpectedEnd), dateText(p.Start))
	}
	// The lists keep the stored project's order, so that an unchanged
	// list is no change; what is added comes after, in the order of the
	// choices.
	var was *virk.Project
	if !f.New {
		was = stored.project(f.ID)
	}
	var choices []string
	for _, q := range stored.in.Projects {
		choices = append(choices, q.ID)
	}
	p.DependsOn = chosen(f.DependsOn, was, func(q *virk.Project) []string { return q.DependsOn }, choices)
	for id := range f.DependsOn {
		switch {
		case id == f.ID:
			bad("avhenger", "Et prosjekt kan ikke avhenge av seg selv.")
		case stored.project(id) == nil:
			bad("avhenger", "«%s» er ikke et prosjekt.", id)
		}
	}
	choices = choices[:0]
	for _, e := range owners {
		choices = append(choices, e.ID)
	}
	p.Beneficiaries = chosen(f.Beneficiaries, was, func(q *virk.Project) []string { return q.Beneficiaries }, choices)
	if len(p.Beneficiaries) < len(f.Beneficiaries) {
		bad("gevinst_i", "Velg enhetene blant dem i listen.")
	}
	score := func(field, label, v string) int {
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 5 {
			bad(field, "%s må være et helt tall fra 0 til 5, ikke «%s».", label, v)
			return 0
		}
		return n
	}
	p.Priority = score("prioritet", "Prioriteten", f.Priority)
	p.Criticality = score("kritikalitet", "Kritikaliteten", f.Criticality)
	p.GainPotential = score("gevinstpotensial", "Gevinstpotensialet", f.Gain)

	cs := &virk.ChangeSet{Projects: []*virk.Project{p}}
	money := func(field, what, v, ind string, per virk.Period) {
		if v == "" {
			return
		}
		x, err := ingest.ParseNumber(v, 0)
		switch {
		case err != nil:
			bad(field, "%s «%s» er ikke et tall.", what, v)
		case x < 0:
			bad(field, "%s kan ikke være negativ.", what)
		case !per.IsZero():
			cs.Observations = append(cs.Observations, virk.Observation{IndicatorID: ind, EntityID: f.ID, Period: per,
				Value: x, Status: virk.StatusFinal, Source: sourceForm})
		}
	}
	var per virk.Period
	if f.Forecast != "" || f.Spent != "" {
		var err error
		if per, err = virk.ParsePeriod(f.Period); err != nil {
			bad("periode", "Skriv perioden tallene gjelder, f.eks. 2018 eller 2018M10.")
		}
	}
	money("prognose", "Prognosen", f.Forecast, portfolio.IndicatorForecast, per)
	money("forbruk", "Forbruket", f.Spent, portfolio.IndicatorSpent, per)
	budget, err := parseBudget(f.Budget)
	if err != nil {
		bad("budsjett", "%s", err.Error())
	}
	var storedBudget map[int]float64
	if m := portfolio.MoneyOf(stored.in.Observations, nil)[f.ID]; m != nil {
		storedBudget = m.Budget
	}
	for _, y := range slices.Sorted(maps.Keys(budget)) {
		if old, ok := storedBudget[y]; ok && old == budget[y] {
			continue // as stored, from wherever it came
		}
		cs.Observations = append(cs.Observations, virk.Observation{IndicatorID: portfolio.IndicatorBudget, EntityID: f.ID,
			Period: virk.YearPeriod(y), Value: budget[y], Status: virk.StatusFinal, Source: sourceForm})
	}
	if len(f.Faults) == 0 {
		if err := p.Validate(); err != nil {
			f.Faults = append(f.Faults, fault{"", virk.ErrorMessage(err)})
		}
	}
	if len(f.Faults) > 0 {
		return nil
	}
	ent := &virk.Entity{ID: f.ID, Name: f.Name, Kind: virk.KindProject, ParentID: f.Owner}
	if e := cat.Entity(f.ID); e != nil {
		ent.NameEN, ent.Codes = e.NameEN, e.Codes
	}
	cs.Entities = []*virk.Entity{ent}
	for _, ind := range portfolio.Indicators() {
		if ind.ID == portfolio.IndicatorBudget || ind.ID == portfolio.IndicatorForecast || ind.ID == portfolio.IndicatorSpent {
			if cat.Indicator(ind.ID) == nil {
				cs.Indicators = append(cs.Indicators, ind)
			}
		}
	}
	return cs
}

// chosen lists the IDs of set that are stored in was's list or among
// choices: the stored ones first, in their order, then the others in the
// order of choices. An ID in neither is left out.
func chosen(set map[string]bool, was *virk.Project, list func(*virk.Project) []string, choices []string) []string {
	var out []string
	if was != nil {
		for _, id := range list(was) {
			if set[id] && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	for _, id := range choices {
		if set[id] && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func hasIndicatorIn(cs *virk.ChangeSet, id string) bool {
	return slices.ContainsFunc(cs.Indicators, func(ind *virk.Indicator) bool { return ind.ID == id })
}

// upperFirst starts a message with a capital letter.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// budgetText writes a budget by year as the form takes it: "2019: 250;
// 2020: 700,5".
func budgetText(b map[int]float64) string {
	var parts []string
	for _, y := range slices.Sorted(maps.Keys(b)) {
		parts = append(parts, strconv.Itoa(y)+": "+nb.Decimal(b[y], -1))
	}
	return strings.Join(parts, "; ")
}

// parseBudget reads a budget by year written "2019: 250; 2020: 700,5"
// (semicolons or lines between the years, a colon or = after each).
func parseBudget(s string) (map[int]float64, error) {
	out := map[int]float64{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		ys, vs, ok := strings.Cut(part, ":")
		if !ok {
			ys, vs, ok = strings.Cut(part, "=")
		}
		y, err := strconv.Atoi(strings.TrimSpace(ys))
		if !ok || err != nil || y < 1900 || y > 2200 {
			return nil, fmt.Errorf("Budsjettet «%s» må skrives år: beløp, f.eks. 2019: 250.", part)
		}
		v, err := ingest.ParseNumber(strings.TrimSpace(vs), 0)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("Budsjettet for %d, «%s», er ikke et beløp på 0 eller mer.", y, strings.TrimSpace(vs))
		}
		if _, dup := out[y]; dup {
			return nil, fmt.Errorf("Budsjettet har %d to ganger.", y)
		}
		out[y] = v
	}
	return out, nil
}
