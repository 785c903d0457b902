package web

import (
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/chart"
	"github.com/virk-analyse/virk/energy"
	"github.com/virk-analyse/virk/kpi"
)

// energyText is the energy pages' own interface text, bokmål then English.
var energyText = map[string][2]string{
	"title":              {"Energioppfølging", "Energy follow-up"},
	"intro":              {"Energibruken i formålsbyggene år for år, graddagskorrigert til et normalår, mot målet, og avvik som tyder på unormal drift.", "Energy use of the municipal buildings year by year, corrected to a normal year, against the target, and deviations that suggest abnormal operation."},
	"none":               {"Ingen bygg er lagt inn i energioppfølgingen ennå.", "No buildings are in the energy follow-up yet."},
	"portfolio":          {"Hele eiendomsmassen", "The whole portfolio"},
	"year":               {"År", "Year"},
	"kwh":                {"kWh", "kWh"},
	"kwhcorr":            {"kWh normalår", "kWh normal year"},
	"area":               {"Areal m²", "Area m²"},
	"intensity":          {"kWh/m²", "kWh/m²"},
	"corrected":          {"kWh/m² graddagskorrigert", "kWh/m² corrected"},
	"change":             {"Endring fra året før", "Change from the year before"},
	"vsbase":             {"Endring fra", "Change from"},
	"target":             {"Mål", "Target"},
	"chart":              {"Graddagskorrigert energibruk (kWh/m²) mot målet", "Temperature-corrected energy use (kWh/m²) against the target"},
	"actual":             {"Faktisk", "Actual"},
	"ranked":             {"Byggene rangert innen kategorien", "Buildings ranked within their category"},
	"rank":               {"Rang", "Rank"},
	"building":           {"Bygg", "Building"},
	"alerts":             {"Åpne avvik", "Open alerts"},
	"allalerts":          {"Avvik og oppfølging", "Alerts and follow-up"},
	"noalerts":           {"Ingen åpne avvik.", "No open alerts."},
	"kind":               {"Avvik", "Alert"},
	"meter":              {"Måler", "Meter"},
	"from":               {"Fra", "From"},
	"to":                 {"Til", "To"},
	"ongoing":            {"pågår", "ongoing"},
	"excess":             {"Merforbruk kWh", "Excess kWh"},
	"nok":                {"kr", "NOK"},
	"state":              {"Tilstand", "State"},
	"detail":             {"Detaljer", "Details"},
	"yearly":             {"Energibruk år for år", "Energy use year by year"},
	"method":             {"Korreksjon", "Correction"},
	"fit":                {"Modell", "Model"},
	"note":               {"Merknad", "Note"},
	"signature":          {"Energisignatur", "Energy signature"},
	"sigpoints":          {"Målt døgn", "Measured day"},
	"sigline":            {"Tilpasset modell", "Fitted model"},
	"sigx":               {"Døgnmiddeltemperatur", "Daily mean temperature"},
	"heatmap":            {"Timeforbruk de siste ukene", "Hourly use in the last weeks"},
	"hour":               {"Time", "Hour"},
	"nohourly":           {"Bygget har ikke timeverdier.", "The building has no hourly readings."},
	"hourlymeters":       {"hovedmålere med timeverdier", "main meters with hourly readings"},
	"history":            {"Historikk", "History"},
	"setstate":           {"Sett tilstand", "Set state"},
	"comment":            {"Kommentar", "Comment"},
	"save":               {"Lagre", "Save"},
	"avoided":            {"Unngått forbruk siden løst", "Use avoided since resolved"},
	"meters":             {"Målere", "Meters"},
	"carrier":            {"Energibærer", "Carrier"},
	"main":               {"Hovedmåler", "Main meter"},
	"sub":                {"undermåler", "sub-meter"},
	"station":            {"Værstasjon", "Weather station"},
	"open":               {"Åpningstid", "Opening hours"},
	"always":             {"hele døgnet", "around the clock"},
	"weekends":           {"også helg", "weekends too"},
	"allbuild":           {"Alle bygg", "All buildings"},
	"model.modell":       {"energisignatur", "energy signature"},
	"model.graddager":    {"graddager 17 °C", "degree days 17 °C"},
	"state.ny":           {"ny", "new"},
	"state.under_arbeid": {"under arbeid", "in progress"},
	"state.løst":         {"løst", "resolved"},
	"state.kommentert":   {"med kommentar", "commented"},
	"kind.nattlast":      {"nattlast over normalen", "night load above normal"},
	"kind.helgelast":     {"helgelast over normalen", "weekend load above normal"},
	"kind.drift":         {"gradvis økning", "gradual rise"},
	"kind.sprang":        {"brått sprang", "sudden step"},
	"kind.stoppet":       {"måleren sender ikke", "meter stopped"},
	"kind.hengende":      {"måleren gjentar samme verdi", "meter repeats a value"},
	"kind.null":          {"måleren viser null", "meter reports zero"},
}

// energyData is the data of both energy pages.
type energyData struct {
	Lang string
	Root *virk.Entity
	// Portfolio page.
	Years      []energyYear
	BaseYear   int
	Target     *kpi.Target
	Chart      template.HTML
	ChartTable template.HTML
	Categories []energyCategory
	Alerts     []energyAlert
	// Building page.
	Building  *virk.Entity
	Category  *virk.Entity
	Attrs     *virk.Building
	Meters    []*virk.Meter
	Rows      []energyBuildingYear
	Signature template.HTML
	SigTable  template.HTML
	SigTitle  string
	Heatmap   template.HTML
	HeatTable template.HTML
	HeatTitle string
	States    []virk.AlertState
	MayUpdate bool
}

// L returns the page's text for key.
func (d *energyData) L(key string) string {
	t := energyText[key]
	if d.Lang == langEN {
		return t[1]
	}
	return t[0]
}

// Pct turns a share into percent.
func (d *energyData) Pct(v float64) float64 { return v * 100 }

type energyYear struct {
	Year                     int
	KWh, Corrected, Area     *float64
	Intensity, CorrIntensity *float64
	Change, VsBase           *float64
}

type energyCategory struct {
	Entity *virk.Entity
	Year   int
	Rows   []energyRank
}

type energyRank struct {
	Rank     int
	Building *virk.Entity
	Value    *float64 // corrected kWh/m² in the year
	Previous *float64
	Change   *float64
	Area     *float64
}

type energyAlert struct {
	*virk.Alert
	Building string
	History  []virk.AlertChange
}

type energyBuildingYear struct {
	energy.Correction
	Area, Intensity, CorrIntensity *float64
}

// energyIndicators are the indicators the pages read.
var energyIndicators = []string{energy.IndicatorUse, energy.IndicatorCorrected, energy.IndicatorFollowedArea,
	energy.IndicatorIntensity, energy.IndicatorCorrIntensity}

// energyTree finds the property tree: the buildings of energy follow-up,
// their categories and the unit above the categories.
func energyTree(cat *virk.Catalogue, bs []*virk.Building) (root *virk.Entity, cats []*virk.Entity, byCat map[string][]*virk.Entity) {
	byCat = map[string][]*virk.Entity{}
	count := map[string]int{}
	for _, b := range bs {
		e := cat.Entity(b.EntityID)
		if e == nil {
			continue
		}
		c := cat.Entity(e.ParentID)
		if c == nil {
			continue
		}
		if len(byCat[c.ID]) == 0 {
			cats = append(cats, c)
		}
		byCat[c.ID] = append(byCat[c.ID], e)
		count[c.ParentID]++
	}
	best := ""
	for id, n := range count {
		if n > count[best] || n == count[best] && id < best {
			best = id
		}
	}
	root = cat.Entity(best)
	slices.SortFunc(cats, func(a, b *virk.Entity) int { return strings.Compare(a.Name, b.Name) })
	return root, cats, byCat
}

func (s *Server) handleEnergy(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st := s.store(r)
	d := &energyData{Lang: language(r)}
	p := &page{Nav: "energy", Data: d}
	p.Title = d.L("title")
	bs, err := st.FindBuildings(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cat, err := s.catalogue(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	root, cats, byCat := energyTree(cat, bs)
	if root == nil {
		s.render(w, r, "energy", p)
		return
	}
	d.Root = root
	ids := []string{root.ID}
	for _, c := range cats {
		ids = append(ids, c.ID)
		for _, b := range byCat[c.ID] {
			ids = append(ids, b.ID)
		}
	}
	l, err := kpi.Load(ctx, st, kpi.Query{IndicatorIDs: energyIndicators, EntityIDs: ids})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	series := func(ind, ent string) kpi.Series { return l.Cube.Series(ind, ent) }
	corr := series(energy.IndicatorCorrIntensity, root.ID)
	ind := l.Cube.Indicator(energy.IndicatorCorrIntensity)
	if ind != nil {
		sc, err := kpi.Build(l.Cube, []*virk.Indicator{ind}, []*virk.Entity{root}, nil, kpi.Options{TrendYears: 3})
		if err == nil && len(sc.Rows) == 1 && len(sc.Rows[0].Targets) > 0 {
			d.Target = &sc.Rows[0].Targets[0]
			d.BaseYear = d.Target.BaseYear
		}
	}
	for _, pt := range corr {
		if pt.Period.Freq != virk.Annual {
			continue
		}
		y := pt.Period.Year
		yp := virk.YearPeriod(y)
		ey := energyYear{Year: y,
			KWh: at(series(energy.IndicatorUse, root.ID), yp), Corrected: at(series(energy.IndicatorCorrected, root.ID), yp),
			Area: at(series(energy.IndicatorFollowedArea, root.ID), yp), Intensity: at(series(energy.IndicatorIntensity, root.ID), yp),
			CorrIntensity: at(corr, yp)}
		if v, ok := corr.ChangePct(yp); ok {
			ey.Change = &v
		}
		if d.BaseYear != 0 && ey.CorrIntensity != nil {
			if b := at(corr, virk.YearPeriod(d.BaseYear)); b != nil && *b != 0 {
				v := (*ey.CorrIntensity / *b - 1) * 100
				ey.VsBase = &v
			}
		}
		d.Years = append(d.Years, ey)
	}
	d.Chart, d.ChartTable = energyChart(d, series(energy.IndicatorIntensity, root.ID), corr)
	for _, c := range cats {
		d.Categories = append(d.Categories, rankCategory(c, byCat[c.ID], series))
	}
	alerts, err := st.FindAlerts(ctx, virk.AlertFilter{States: []virk.AlertState{virk.AlertNew, virk.AlertWorking, virk.AlertCommented}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, a := range alerts {
		name := a.BuildingID
		if e := cat.Entity(a.BuildingID); e != nil {
			name = e.Label(d.Lang)
		}
		d.Alerts = append(d.Alerts, energyAlert{Alert: a, Building: name})
	}
	s.render(w, r, "energy", p)
}

// at returns a pointer to the series' value in p, nil when it has none.
func at(s kpi.Series, p virk.Period) *float64 {
	if v, ok := s.Value(p); ok {
		return &v
	}
	return nil
}

// rankCategory ranks a category's buildings by corrected kWh/m² in the
// latest year any of them has one, lowest first.
func rankCategory(c *virk.Entity, bs []*virk.Entity, series func(ind, ent string) kpi.Series) energyCategory {
	ec := energyCategory{Entity: c}
	for _, b := range bs {
		if pt, ok := series(energy.IndicatorCorrIntensity, b.ID).Latest(); ok && pt.Period.Year > ec.Year {
			ec.Year = pt.Period.Year
		}
	}
	yp := virk.YearPeriod(ec.Year)
	for _, b := range bs {
		s := series(energy.IndicatorCorrIntensity, b.ID)
		row := energyRank{Building: b, Value: at(s, yp), Previous: at(s, virk.YearPeriod(ec.Year-1)),
			Area: at(series(energy.IndicatorFollowedArea, b.ID), yp)}
		if v, ok := s.ChangePct(yp); ok {
			row.Change = &v
		}
		ec.Rows = append(ec.Rows, row)
	}
	slices.SortStableFunc(ec.Rows, func(a, b energyRank) int {
		switch {
		case a.Value == nil && b.Value == nil:
			return strings.Compare(a.Building.Name, b.Building.Name)
		case a.Value == nil:
			return 1
		case b.Value == nil:
			return -1
		}
		if *a.Value < *b.Value {
			return -1
		}
		if *a.Value > *b.Value {
			return 1
		}
		return 0
	})
	for i := range ec.Rows {
		if ec.Rows[i].Value != nil {
			ec.Rows[i].Rank = i + 1
		}
	}
	return ec
}

// energyChart draws the portfolio's corrected and actual kWh/m² with the
// target line.
func energyChart(d *energyData, actual, corr kpi.Series) (template.HTML, template.HTML) {
	if len(d.Years) == 0 {
		return "", ""
	}
	c := &chart.Chart{Kind: chart.Line, ID: "ch-energi", Title: d.L("chart") + ", " + d.Root.Label(d.Lang),
		Unit: "kWh/m²", Decimals: 1, CategoryTitle: d.L("year")}
	cs := chart.Series{Name: d.L("corrected")}
	as := chart.Series{Name: d.L("actual")}
	for _, y := range d.Years {
		c.Categories = append(c.Categories, strconv.Itoa(y.Year))
		cs.Values = append(cs.Values, valueOr(y.CorrIntensity))
		as.Values = append(as.Values, valueOr(y.Intensity))
	}
	c.Series = []chart.Series{cs, as}
	if d.Target != nil && d.Target.Level != nil {
		label := d.L("target")
		if d.Target.Year != 0 {
			label += " " + strconv.Itoa(d.Target.Year)
		}
		c.Target = &chart.Target{Value: *d.Target.Level, Label: label}
	}
	return render(c)
}

func valueOr(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}
