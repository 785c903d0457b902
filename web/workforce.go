package web

import (
	"fmt"
	"github.com/virk-analyse/virk/chart"
	"html/template"
	"math"
	"net/http"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/workforce"
)

// workforceText is the workforce page's own interface text, bokmål then
// English.
var workforceText = map[string][2]string{
	"title":       {"Medarbeidere", "Employees"},
	"intro":       {"Personalstatistikk beregnet fra HR-uttrekket: sykefravær, årsverk, heltid og deltid, kompetanse, turnover og medarbeidere med minoritetsbakgrunn. Tall bygd på færre enn fem personer er prikket (:).", "Workforce statistics computed from the HR extract: sick leave, FTEs, full- and part-time, qualifications, turnover and employees with a minority background. Figures built from fewer than five persons are suppressed (:)."},
	"none":        {"Du ser ingen personaltall: de vises for hr, og for ledere for egne enheter. Er du leder, be administrator om tilgang til enhetene dine.", "You see no workforce figures: they are shown to hr, and to leaders for their own units. If you are a leader, ask the administrator for access to your units."},
	"sick":        {"Sykefravær", "Sick leave"},
	"unit":        {"Enhet", "Unit"},
	"target":      {"Mål", "Target"},
	"short":       {"Korttid (1–16 dager)", "Short-term (1–16 days)"},
	"long":        {"Langtid", "Long-term"},
	"staff":       {"Årsverk og ansatte", "FTEs and employees"},
	"fte":         {"Årsverk faste", "FTE permanent"},
	"ftes":        {"Årsverk", "FTEs"},
	"persons":     {"Fast ansatte", "Permanent staff"},
	"hourly":      {"Timelønnede", "Hourly paid"},
	"full":        {"100 % stilling", "100 % position"},
	"near":        {"80–100 %", "80–100 %"},
	"part":        {"Under 80 %", "Under 80 %"},
	"age":         {"Snittalder", "Average age"},
	"turnover":    {"Turnover", "Turnover"},
	"skilled":     {"Faglærte", "Qualified"},
	"app":         {"Lærlinger", "Apprentices"},
	"minority":    {"Medarbeidere med minoritetsbakgrunn", "Employees with a minority background"},
	"men":         {"Menn", "Men"},
	"women":       {"Kvinner", "Women"},
	"share":       {"% av total", "% of total"},
	"sickchart":   {"Sykefravær per halvår", "Sick leave by half-year"},
	"halfyear":    {"%d. halvår %d", "H%d %d"},
	"halfyearcol": {"Halvår", "Half-year"},
	"legend":      {": = prikket for å verne personvernet (færre enn fem personer, eller for at et prikket tall ikke skal kunne regnes ut).", ": = suppressed for privacy (fewer than five persons, or so that a suppressed figure cannot be worked out)."},
}

// workforceData is the data of /medarbeidere.
type workforceData struct {
	Lang       string
	Year, Prev int
	Rows       []workforceRow
	// StaffHeads and MinHeads are the column heads of the staff and the
	// minority tables.
	StaffHeads, MinHeads []string
	// SickChart and SickTable are the half-yearly sick leave of the top
	// unit and the units right below it, as a chart and its table.
	SickChart, SickTable template.HTML
}

// L returns the page's text for key.
func (d *workforceData) L(key string) string {
	t := workforceText[key]
	if d.Lang == langEN {
		return t[1]
	}
	return t[0]
}

// workforceRow is a unit's figures, already formatted: ":" for a
// suppressed figure, "" for none.
type workforceRow struct {
	Entity *virk.Entity
	Depth  int
	Sick   [4]string // previous year, year, H1 of the year, H2
	Target string
	Split  [2]string // short, long of the year
	Staff  [10]string
	Min    [2][4]string // previous year, year: FTE, men, women, share
}

var workforcePageIndicators = []string{
	workforce.IndicatorSickLeave, workforce.IndicatorSickShort, workforce.IndicatorSickLong,
	workforce.IndicatorFTEPermanent, workforce.IndicatorPermanent, workforce.IndicatorHourly,
	workforce.IndicatorFullTime, workforce.IndicatorNearFull, workforce.IndicatorPartTime, workforce.IndicatorAge,
	workforce.IndicatorTurnover, workforce.IndicatorQualified, workforce.IndicatorApprentices,
	workforce.IndicatorMinorityFTE, workforce.IndicatorMinorityMen, workforce.IndicatorMinorityWomen, workforce.IndicatorMinorityShare,
}

// cellText formats the value of s in p: ":" when suppressed.
func cellText(s kpi.Series, p virk.Period, pct bool, dec int) string {
	pt, ok := s.At(p)
	switch {
	case !ok:
		return ""
	case !pt.HasValue():
		return pt.Status.Symbol()
	case pct:
		return nb.Percent(pt.Value, dec)
	}
	return nb.Number(pt.Value, dec)
}

func (s *Server) handleWorkforce(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := &workforceData{Lang: language(r)}
	p := &page{Nav: "workforce", Data: d}
	p.Title = d.L("title")
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var ents []*virk.Entity
	depth := map[string]int{}
	for _, top := range cat.Entities {
		if top.Kind != virk.KindMunicipality || len(cat.Children(top.ID)) == 0 {
			continue
		}
		for _, e := range cat.Subtree(top.ID) {
			dep := 0
			for q := e; q.ID != top.ID && dep < 3; q = cat.Entity(q.ParentID) {
				dep++
			}
			if dep <= 2 && e.Kind != virk.KindBuilding {
				ents = append(ents, e)
				depth[e.ID] = dep
			}
		}
	}
	ids := make([]string, len(ents))
	for i, e := range ents {
		ids[i] = e.ID
	}
	var inds []string
	for _, id := range workforcePageIndicators {
		if cat.Indicator(id) != nil {
			inds = append(inds, id)
		}
	}
	if len(inds) == 0 {
		s.render(w, r, "workforce", p)
		return
	}
	l, err := kpi.Load(ctx, s.store(r), kpi.Query{IndicatorIDs: inds, EntityIDs: ids})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	series := func(ind, ent string) kpi.Series { return l.Cube.Series(ind, ent) }
	for _, e := range ents {
		for _, pt := range series(workforce.IndicatorSickLeave, e.ID) {
			if pt.Period.Freq == virk.Annual && pt.Period.Year > d.Year {
				d.Year = pt.Period.Year
			}
		}
		for _, pt := range series(workforce.IndicatorFTEPermanent, e.ID) {
			if pt.Period.Freq == virk.Annual && pt.Period.Year > d.Year {
				d.Year = pt.Period.Year
			}
		}
	}
	if d.Year == 0 {
		s.render(w, r, "workforce", p)
		return
	}
	d.Prev = d.Year - 1
	for _, k := range []string{"fte", "persons", "hourly", "full", "near", "part", "age", "turnover", "skilled", "app"} {
		d.StaffHeads = append(d.StaffHeads, d.L(k))
	}
	for range 2 {
		d.MinHeads = append(d.MinHeads, d.L("ftes"), d.L("men"), d.L("women"), d.L("share"))
	}
	y, py := virk.YearPeriod(d.Year), virk.YearPeriod(d.Prev)
	h1, h2 := virk.Period{Year: d.Year, Freq: virk.HalfYear, N: 1}, virk.Period{Year: d.Year, Freq: virk.HalfYear, N: 2}
	sickDef := l.Cube.Indicator(workforce.IndicatorSickLeave)
	for _, e := range ents {
		sick := series(workforce.IndicatorSickLeave, e.ID)
		row := workforceRow{Entity: e, Depth: depth[e.ID],
			Sick:  [4]string{cellText(sick, py, true, 1), cellText(sick, y, true, 1), cellText(sick, h1, true, 1), cellText(sick, h2, true, 1)},
			Split: [2]string{cellText(series(workforce.IndicatorSickShort, e.ID), y, true, 1), cellText(series(workforce.IndicatorSickLong, e.ID), y, true, 1)},
		}
		if t := sickTarget(sickDef, e.ID); t != nil {
			row.Target = nb.Percent(t.Value, 1)
		}
		for i, id := range []string{workforce.IndicatorFTEPermanent, workforce.IndicatorPermanent, workforce.IndicatorHourly,
			workforce.IndicatorFullTime, workforce.IndicatorNearFull, workforce.IndicatorPartTime, workforce.IndicatorAge,
			workforce.IndicatorTurnover, workforce.IndicatorQualified, workforce.IndicatorApprentices} {
			pct := i >= 3 && i != 6 && i != 9
			dec := map[bool]int{true: 1, false: 0}[pct || i == 6]
			row.Staff[i] = cellText(series(id, e.ID), y, pct, dec)
		}
		for k, per := range []virk.Period{py, y} {
			row.Min[k] = [4]string{
				cellText(series(workforce.IndicatorMinorityFTE, e.ID), per, false, 1),
				cellText(series(workforce.IndicatorMinorityMen, e.ID), per, false, 0),
				cellText(series(workforce.IndicatorMinorityWomen, e.ID), per, false, 0),
				cellText(series(workforce.IndicatorMinorityShare, e.ID), per, true, 1),
			}
		}
		if row.any() {
			d.Rows = append(d.Rows, row)
		}
	}
	d.SickChart, d.SickTable = sickChart(d, sickDef, series)
	s.render(w, r, "workforce", p)
}

// sickChart draws the sick leave by half-year of the page's top unit and
// the units right below it that the viewer sees, against the target, for
// the year before and the year of the page: the trend the half-yearly
// status to the politicians follows.
func sickChart(d *workforceData, ind *virk.Indicator, series func(ind, ent string) kpi.Series) (template.HTML, template.HTML) {
	if ind == nil || len(d.Rows) == 0 {
		return "", ""
	}
	var cats []string
	var ps []virk.Period
	for y := d.Prev; y <= d.Year; y++ {
		for n := 1; n <= 2; n++ {
			p := virk.Period{Year: y, Freq: virk.HalfYear, N: n}
			ps = append(ps, p)
			cats = append(cats, fmt.Sprintf(d.L("halfyear"), n, y))
		}
	}
	c := &chart.Chart{
		Kind: chart.Line, ID: "ch-sick", Title: d.L("sickchart"), Categories: cats, CategoryTitle: d.L("halfyearcol"),
		Unit: ind.Unit.Name, Decimals: ind.Unit.Decimals, Percent: ind.Unit.IsPercent(),
	}
	for _, row := range d.Rows {
		if row.Depth > 1 || len(c.Series) == 8 {
			continue
		}
		vals := make([]float64, len(ps))
		seen := false
		for i, p := range ps {
			vals[i] = math.NaN()
			if pt, ok := series(ind.ID, row.Entity.ID).At(p); ok && pt.HasValue() {
				vals[i], seen = pt.Value, true
			}
		}
		if seen {
			c.Series = append(c.Series, chart.Series{Name: row.Entity.Label(d.Lang), Values: vals})
		}
	}
	if len(c.Series) == 0 {
		return "", ""
	}
	if t := sickTarget(ind, d.Rows[0].Entity.ID); t != nil {
		c.Target = &chart.Target{Value: t.Value, Label: d.L("target")}
	}
	return render(c)
}

// any reports whether the row has a figure the viewer may see.
func (r *workforceRow) any() bool {
	for _, c := range append(append(r.Sick[:], r.Split[:]...), r.Staff[:]...) {
		if c != "" {
			return true
		}
	}
	return false
}

// sickTarget returns the absolute sick-leave target of entity id: its
// own, or else the one for every entity.
func sickTarget(ind *virk.Indicator, id string) *virk.Target {
	if ind == nil {
		return nil
	}
	var all *virk.Target
	for i, t := range ind.Targets {
		switch {
		case t.Kind != virk.TargetAbsolute:
		case t.EntityID == id:
			return &ind.Targets[i]
		case t.EntityID == "" && all == nil:
			all = &ind.Targets[i]
		}
	}
	return all
}
