package ingest

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// Portfolio is what a project or benefit register file holds: the
// projects as entities of kind project under their owner units with their
// register and money, and the benefits.
type Portfolio struct {
	Entities     []*virk.Entity // the projects' entities
	Projects     []*virk.Project
	Observations []virk.Observation // budget by year, forecast and spent
	Benefits     []*virk.Benefit
}

// PortfolioOptions are the options of ReadPortfolio.
type PortfolioOptions struct {
	// Entity looks an entity up in the catalogue; nil knows none.
	Entity func(id string) *virk.Entity
	// Indicator reports whether an indicator is in the catalogue.
	Indicator func(id string) bool
	// Project reports whether a project is known besides the file's own:
	// stored, or in another file of the same import.
	Project func(id string) bool
	// The indicators of budget (one figure a year), forecast and spent
	// (one figure a reporting period).
	Budget, Forecast, Spent string
}

// Register column names, lower case: bokmål first, then English.
var (
	pfID          = []string{"id", "prosjekt-id", "prosjektid", "prosjektnummer"}
	pfName        = []string{"navn", "prosjekt", "prosjektnavn", "name"}
	pfKind        = []string{"type", "prosjekttype", "kind"}
	pfOwner       = []string{"eier", "eierenhet", "ansvarlig enhet", "owner"}
	pfPhase       = []string{"fase", "phase"}
	pfStart       = []string{"start", "oppstart"}
	pfPlanned     = []string{"planlagt slutt", "planlagt_slutt", "planlagt ferdig", "planned end"}
	pfExpected    = []string{"forventet slutt", "forventet_slutt", "forventet ferdig", "expected end"}
	pfDepends     = []string{"avhenger av", "avhenger_av", "avhengigheter", "depends on"}
	pfBenefitsIn  = []string{"gevinst i", "gevinst_i", "gevinstmottakere", "beneficiaries"}
	pfPriority    = []string{"prioritet", "sektorens prioritet", "priority"}
	pfCriticality = []string{"kritikalitet", "criticality"}
	pfGain        = []string{"gevinstpotensial", "gevinstpotensiale", "gain potential"}
	pfReported    = []string{"rapportert", "periode", "per", "reported"}
	pfForecast    = []string{"prognose", "forecast"}
	pfSpent       = []string{"forbruk", "påløpt", "palopt", "spent"}
	pfNote        = []string{"merknad", "note"}

	bfID        = []string{"id", "gevinst", "gevinst-id"}
	bfProject   = []string{"prosjekt", "prosjekt-id", "project"}
	bfUnit      = []string{"enhet", "mottaker", "unit"}
	bfIndicator = []string{"indikator", "indicator"}
	bfBaseline  = []string{"basis", "utgangspunkt", "baseline"}
	bfBaseYear  = []string{"basisår", "basisar", "baseline year"}
	bfTarget    = []string{"mål", "mal", "målverdi", "target"}
	bfDue       = []string{"frist", "due"}
	bfText      = []string{"beskrivelse", "tekst", "description"}
)

// ReadPortfolio reads a project register or a benefit register from CSV
// or XLSX, told apart by the header (a benefit register has frist or
// indikator, a project register fase):
//
//	id;navn;type;eier;fase;start;planlagt slutt;forventet slutt;avhenger av;gevinst i;prioritet;kritikalitet;gevinstpotensial;budsjett 2019;budsjett 2020;rapportert;prognose;forbruk;merknad
//	id;prosjekt;enhet;indikator;basis;basisår;mål;frist;beskrivelse
//
// In a project register id, navn, type, eier and fase are required;
// avhenger av and gevinst i list IDs separated by commas; budsjett ÅÅÅÅ
// is that year's approved budget, and prognose and forbruk are the
// forecast and spent as of the period in rapportert (2018, 2018M10). A
// benefit with no indikator is qualitative and needs a beskrivelse.
// Dates are 2019-08-20 or 20.08.2019. Faults are reported with their line
// or cell.
func ReadPortfolio(name string, data []byte, opts PortfolioOptions) (*Portfolio, error) {
	pr := &portfolioReader{name: name, opts: opts, out: &Portfolio{}, ids: map[string]int{}, budgetCols: map[int]int{}}
	if strings.EqualFold(extOf(name), ".xlsx") {
		pr.xlsx = true
		if err := eachXLSXRow(name, data, pr.row); err != nil {
			return nil, err
		}
	} else {
		text, _, err := DecodeText(data)
		if err != nil {
			return nil, placeFile(err, name)
		}
		eachCSVRow(text, pr.row)
	}
	if pr.cols == nil && len(pr.errs) == 0 {
		pr.fail(0, -1, ErrHeader, "filen er tom: fant ingen overskriftsrad")
	}
	if len(pr.errs) == 0 {
		pr.checkDependencies()
	}
	if len(pr.errs) > 0 {
		return nil, pr.errs
	}
	return pr.out, nil
}

type portfolioReader struct {
	name        string
	opts        PortfolioOptions
	xlsx        bool
	out         *Portfolio
	cols        map[string]int // role → column
	budgetCols  map[int]int    // column → budget year
	badHeader   bool
	width       int
	benefitFile bool
	ids         map[string]int // project or benefit ID → line
	depLines    []int          // line of each project, for its dependencies
	errs        Errors
}

func (pr *portfolioReader) fail(line, col int, kind error, format string, args ...any) {
	if len(pr.errs) >= maxWeatherErrors {
		return
	}
	e := &Error{File: pr.name, Line: line, Err: errorf(kind, format, args...)}
	if pr.xlsx && line > 0 {
		e.Line, e.Cell = 0, rowCell(col+1, line)
	} else if col >= 0 {
		e.Column = col + 1
	}
	pr.errs = append(pr.errs, e)
}

func (pr *portfolioReader) header(line int, fields [][]byte) {
	n := len(pr.errs)
	defer func() { pr.badHeader = len(pr.errs) > n }()
	pr.cols = map[string]int{}
	pr.width = len(fields)
	heads := make([]string, len(fields))
	for i, f := range fields {
		heads[i] = strings.ToLower(strings.TrimSpace(string(f)))
	}
	pr.benefitFile = slicesContains(heads, "frist") || slicesContains(heads, "indikator") || slicesContains(heads, "due")
	type role struct {
		role  string
		names []string
	}
	roles := []role{
		{"id", pfID}, {"name", pfName}, {"kind", pfKind}, {"owner", pfOwner}, {"phase", pfPhase},
		{"start", pfStart}, {"planned", pfPlanned}, {"expected", pfExpected}, {"depends", pfDepends},
		{"benefitsIn", pfBenefitsIn}, {"priority", pfPriority}, {"criticality", pfCriticality},
		{"gain", pfGain}, {"reported", pfReported}, {"forecast", pfForecast}, {"spent", pfSpent}, {"note", pfNote},
	}
	expect := "id, navn, type, eier, fase, start, planlagt slutt, forventet slutt, avhenger av, gevinst i, prioritet, kritikalitet, gevinstpotensial, budsjett ÅÅÅÅ, rapportert, prognose, forbruk, merknad"
	if pr.benefitFile {
		roles = []role{
			{"id", bfID}, {"project", bfProject}, {"unit", bfUnit}, {"indicator", bfIndicator},
			{"baseline", bfBaseline}, {"baseYear", bfBaseYear}, {"target", bfTarget}, {"due", bfDue}, {"text", bfText},
		}
		expect = "id, prosjekt, enhet, indikator, basis, basisår, mål, frist, beskrivelse"
	}
	for i, h := range heads {
		found := false
		for _, r := range roles {
			if slicesContains(r.names, h) {
				if _, dup := pr.cols[r.role]; dup {
					pr.fail(line, i, ErrHeader, "kolonnen %s finnes to ganger", quote(string(fields[i])))
				}
				pr.cols[r.role] = i
				found = true
				break
			}
		}
		if !found && !pr.benefitFile {
			if y, ok := budgetYear(h); ok {
				pr.budgetCols[i] = y
				found = true
			}
		}
		if !found && h != "" {
			pr.fail(line, i, ErrHeader, "kolonnen %s er ukjent (forventet %s)", quote(string(fields[i])), expect)
		}
	}
	required := []string{"id", "name", "kind", "owner", "phase"}
	names := map[string]string{"id": "id", "name": "navn", "kind": "type", "owner": "eier", "phase": "fase",
		"project": "prosjekt", "unit": "enhet"}
	if pr.benefitFile {
		required = []string{"id", "project", "unit"}
	}
	for _, r := range required {
		if _, ok := pr.cols[r]; !ok {
			pr.fail(line, -1, ErrHeader, "mangler kolonnen %s", names[r])
		}
	}
	_, f := pr.cols["forecast"]
	_, s := pr.cols["spent"]
	if _, ok := pr.cols["reported"]; (f || s) && !ok {
		pr.fail(line, -1, ErrHeader, "prognose og forbruk trenger kolonnen rapportert (perioden de gjelder, f.eks. 2018 eller 2018M10)")
	}
}

// budgetYear reads a header "budsjett 2019" (or budsjett_2019).
func budgetYear(h string) (int, bool) {
	rest, ok := strings.CutPrefix(h, "budsjett")
	if !ok {
		return 0, false
	}
	rest = strings.TrimLeft(rest, " _")
	y, err := strconv.Atoi(rest)
	if err != nil || y < 1900 || y > 2200 {
		return 0, false
	}
	return y, true
}

func (pr *portfolioReader) field(fields [][]byte, role string) (string, int) {
	i, ok := pr.cols[role]
	if !ok || i >= len(fields) {
		return "", -1
	}
	return strings.TrimSpace(string(fields[i])), i
}

func (pr *portfolioReader) row(line int, fields [][]byte) {
	if pr.cols == nil {
		pr.header(line, fields)
		return
	}
	if pr.badHeader {
		return // the rows cannot be read
	}
	for pr.xlsx && len(fields) < pr.width {
		fields = append(fields, nil)
	}
	if len(fields) != pr.width {
		pr.fail(line, -1, ErrFieldCount, "raden har %d felt, overskriften %d", len(fields), pr.width)
		return
	}
	id, col := pr.field(fields, "id")
	if err := virk.ValidateID(id); err != nil {
		pr.fail(line, col, ErrInvalid, "%v", err)
		return
	}
	if first, dup := pr.ids[id]; dup {
		pr.fail(line, col, ErrDuplicate, "%s står også på linje %d", id, first)
		return
	}
	pr.ids[id] = line
	if pr.benefitFile {
		pr.benefitRow(line, id, fields)
	} else {
		pr.projectRow(line, id, fields)
	}
}

func (pr *portfolioReader) projectRow(line int, id string, fields [][]byte) {
	n := len(pr.errs)
	p := &virk.Project{ID: id}
	name, _ := pr.field(fields, "name")
	if name == "" {
		pr.fail(line, pr.cols["name"], ErrInvalid, "prosjektet %s mangler navn", id)
	}
	kind, kc := pr.field(fields, "kind")
	k, err := virk.ParseProjectKind(kind)
	if err != nil {
		pr.fail(line, kc, ErrInvalid, "%v", err)
	}
	p.Kind = k
	owner, oc := pr.field(fields, "owner")
	switch e := pr.entity(owner); {
	case owner == "":
		pr.fail(line, oc, ErrInvalid, "prosjektet %s mangler eierenhet", id)
	case e == nil:
		pr.fail(line, oc, ErrUnknownEntity, "eierenheten %s er ikke en enhet i katalogen", quote(owner))
	case e.Kind == virk.KindProject || e.Kind == virk.KindBuilding || e.Kind == virk.KindGroup:
		pr.fail(line, oc, ErrInvalid, "eierenheten %s er av typen %s; et prosjekt eies av en enhet", owner, e.Kind)
	}
	if known := pr.entity(id); known != nil && known.Kind != virk.KindProject {
		pr.fail(line, pr.cols["id"], ErrInvalid, "%s er en enhet av typen %s i katalogen, ikke et prosjekt", id, known.Kind)
	}
	phase, pc := pr.field(fields, "phase")
	ph, err := virk.ParsePhase(phase)
	if err != nil {
		pr.fail(line, pc, ErrInvalid, "%v", err)
	}
	p.Phase = ph
	p.Start = pr.date(line, fields, "start")
	p.PlannedEnd = pr.date(line, fields, "planned")
	p.ExpectedEnd = pr.date(line, fields, "expected")
	p.DependsOn = pr.list(fields, "depends")
	p.Beneficiaries = pr.list(fields, "benefitsIn")
	if v, c := pr.field(fields, "benefitsIn"); v != "" {
		for _, u := range p.Beneficiaries {
			if pr.entity(u) == nil {
				pr.fail(line, c, ErrUnknownEntity, "enheten %s (gevinst i) er ikke en enhet i katalogen", quote(u))
			}
		}
	}
	p.Priority = pr.score(line, fields, "priority", "prioritet")
	p.Criticality = pr.score(line, fields, "criticality", "kritikalitet")
	p.GainPotential = pr.score(line, fields, "gain", "gevinstpotensial")
	p.Note, _ = pr.field(fields, "note")
	if len(pr.errs) == n {
		if err := p.Validate(); err != nil {
			pr.fail(line, -1, ErrInvalid, "%s", virk.ErrorMessage(err))
		}
	}
	for _, col := range slices.Sorted(maps.Keys(pr.budgetCols)) {
		pr.money(line, fields, col, id, pr.opts.Budget, virk.YearPeriod(pr.budgetCols[col]), "budsjettet")
	}
	if v, c := pr.field(fields, "reported"); v != "" || pr.has(fields, "forecast") || pr.has(fields, "spent") {
		per, err := virk.ParsePeriod(v)
		if err != nil {
			pr.fail(line, c, ErrPeriod, "rapportert %s er ikke en periode (forventet f.eks. 2018 eller 2018M10)", quote(v))
		} else {
			pr.money(line, fields, pr.col("forecast"), id, pr.opts.Forecast, per, "prognosen")
			pr.money(line, fields, pr.col("spent"), id, pr.opts.Spent, per, "forbruket")
		}
	}
	if len(pr.errs) > n {
		return
	}
	pr.out.Entities = append(pr.out.Entities, &virk.Entity{ID: id, Name: name, Kind: virk.KindProject, ParentID: owner})
	pr.out.Projects = append(pr.out.Projects, p)
	pr.depLines = append(pr.depLines, line)
}

func (pr *portfolioReader) col(role string) int {
	if i, ok := pr.cols[role]; ok {
		return i
	}
	return -1
}

func (pr *portfolioReader) has(fields [][]byte, role string) bool {
	v, _ := pr.field(fields, role)
	return v != ""
}

// money adds the figure in column col, if any, as an observation.
func (pr *portfolioReader) money(line int, fields [][]byte, col int, id, ind string, p virk.Period, what string) {
	if col < 0 || col >= len(fields) {
		return
	}
	v := strings.TrimSpace(string(fields[col]))
	if v == "" {
		return
	}
	x, err := ParseNumber(v, 0)
	if err != nil {
		pr.fail(line, col, ErrNumber, "%s %s er ikke et tall", what, quote(v))
		return
	}
	if x < 0 {
		pr.fail(line, col, ErrNumber, "%s %s er negativt", what, quote(v))
		return
	}
	pr.out.Observations = append(pr.out.Observations, virk.Observation{
		IndicatorID: ind, EntityID: id, Period: p, Value: x, Status: virk.StatusFinal, Source: pr.name,
	})
}

func (pr *portfolioReader) entity(id string) *virk.Entity {
	if id == "" || pr.opts.Entity == nil {
		return nil
	}
	return pr.opts.Entity(id)
}

func (pr *portfolioReader) date(line int, fields [][]byte, role string) virk.Date {
	v, c := pr.field(fields, role)
	if v == "" {
		return virk.Date{}
	}
	d, err := virk.ParseDate(v)
	if err != nil {
		pr.fail(line, c, ErrField, "%v", err)
	}
	return d
}

// list reads IDs separated by commas.
func (pr *portfolioReader) list(fields [][]byte, role string) []string {
	v, _ := pr.field(fields, role)
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// score reads a whole number 0–5; empty is 0, not assessed.
func (pr *portfolioReader) score(line int, fields [][]byte, role, what string) int {
	v, c := pr.field(fields, role)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 5 {
		pr.fail(line, c, ErrNumber, "%s %s er ugyldig (forventet et helt tall 1–5, eller tomt)", what, quote(v))
		return 0
	}
	return n
}

// checkDependencies checks that every project depended on is in the
// file or known.
func (pr *portfolioReader) checkDependencies() {
	for i, p := range pr.out.Projects {
		for _, d := range p.DependsOn {
			if _, ok := pr.ids[d]; ok {
				continue
			}
			if pr.opts.Project != nil && pr.opts.Project(d) {
				continue
			}
			pr.fail(pr.depLines[i], pr.col("depends"), ErrInvalid, "prosjektet %s avhenger av %s, som ikke er et prosjekt", p.ID, quote(d))
		}
	}
}

func (pr *portfolioReader) benefitRow(line int, id string, fields [][]byte) {
	n := len(pr.errs)
	b := &virk.Benefit{ID: id}
	var c int
	b.ProjectID, c = pr.field(fields, "project")
	if pr.opts.Project == nil || !pr.opts.Project(b.ProjectID) {
		pr.fail(line, c, ErrInvalid, "prosjektet %s er ukjent", quote(b.ProjectID))
	}
	b.EntityID, c = pr.field(fields, "unit")
	if pr.entity(b.EntityID) == nil {
		pr.fail(line, c, ErrUnknownEntity, "enheten %s er ikke en enhet i katalogen", quote(b.EntityID))
	}
	b.IndicatorID, c = pr.field(fields, "indicator")
	if b.IndicatorID != "" && (pr.opts.Indicator == nil || !pr.opts.Indicator(b.IndicatorID)) {
		pr.fail(line, c, ErrUnknownIndicator, "indikatoren %s er ikke i katalogen", quote(b.IndicatorID))
	}
	b.Text, _ = pr.field(fields, "text")
	if !b.Qualitative() {
		b.Baseline = pr.number(line, fields, "baseline", "basis", true)
		b.Target = pr.number(line, fields, "target", "mål", true)
		if v, c := pr.field(fields, "baseYear"); v != "" {
			y, err := strconv.Atoi(v)
			if err != nil || y < 1900 || y > 2200 {
				pr.fail(line, c, ErrNumber, "basisåret %s er ikke et år", quote(v))
			}
			b.BaselineYear = y
		}
		b.Due = pr.date(line, fields, "due")
		if b.Due.IsZero() && len(pr.errs) == n {
			pr.fail(line, pr.col("due"), ErrInvalid, "gevinsten %s måles med %s og trenger en frist", id, b.IndicatorID)
		}
	}
	if len(pr.errs) == n {
		if err := b.Validate(); err != nil {
			pr.fail(line, -1, ErrInvalid, "%s", virk.ErrorMessage(err))
		}
	}
	if len(pr.errs) == n {
		pr.out.Benefits = append(pr.out.Benefits, b)
	}
}

// number reads a decimal number; a required one may not be empty.
func (pr *portfolioReader) number(line int, fields [][]byte, role, what string, required bool) float64 {
	v, c := pr.field(fields, role)
	if v == "" {
		if required {
			pr.fail(line, c, ErrNumber, "mangler %s", what)
		}
		return 0
	}
	x, err := ParseNumber(v, 0)
	if err != nil {
		pr.fail(line, c, ErrNumber, "%s %s er ikke et tall", what, quote(v))
	}
	return x
}
