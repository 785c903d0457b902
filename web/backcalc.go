package web

import (
	"fmt"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// backcalcText is the indicator page's text on back-calculated series,
// bokmål then English.
var backcalcText = map[string][2]string{
	"title":   {"Tilbakeregnet serie", "Back-calculated series"},
	"line":    {"Tilbakeregnet (sum av delene)", "Back-calculated (sum of the parts)"},
	"basis":   {"Grunnlag", "Basis"},
	"parts":   {"sum av delene", "sum of the parts"},
	"own":     {"egne tall", "own figures"},
	"missing": {"Kan ikke tilbakeregnes: delene %s finnes ikke i databasen.", "Cannot be back-calculated: the parts %s are not in the database."},
	"intro": {"%s ble slått sammen til %s fra %d. Før %d er tallene summen av delene, i årene der alle delene har tall; fra %d er de kommunens egne.",
		"%s were merged into %s in %d. Before %d the figures are the sum of the parts, in the years where every part has one; from %d they are the municipality's own."},
}

// backcalcData is the back-calculated series of a merged municipality.
type backcalcData struct {
	Intro   string
	Missing string // why there is no series, when parts are missing
	Rows    []backcalcRow
	row     *kpi.Row // the years before the merger, for the chart
}

type backcalcRow struct {
	Period string
	Value  *float64
	Parts  bool // the sum of the parts, not the municipality's own
}

func bt(lang, key string) string {
	if lang == langEN {
		return backcalcText[key][1]
	}
	return backcalcText[key][0]
}

// backcalc returns the back-calculated series of indicator ind for the
// entity ent when ent was made by a merger in the server's municipality
// register and ind adds up (a sum, or a formula of sums); nil otherwise.
func (s *Server) backcalc(lang string, l *kpi.Loaded, ind *virk.Indicator, ent *virk.Entity) *backcalcData {
	if ent == nil || !peer.CanBackCalculate(l.Cube, ind.ID) {
		return nil
	}
	m, parts, missing, ok := s.Register.MergedParts(ent, peer.NewIndex(l.Entities))
	if !ok {
		return nil
	}
	names := make([]string, len(m.Parts))
	for i, p := range m.Parts {
		names[i] = fmt.Sprintf("%s (%s)", p.Name, p.Code)
	}
	and := map[string]string{langNB: " og ", langEN: " and "}[lang]
	list := strings.Join(names[:len(names)-1], ", ") + and + names[len(names)-1]
	d := &backcalcData{Intro: fmt.Sprintf(bt(lang, "intro"), list, ent.Name, m.Year, m.Year, m.Year)}
	if len(missing) > 0 {
		d.Missing = fmt.Sprintf(bt(lang, "missing"), strings.Join(missing, ", "))
		return d
	}
	series, err := peer.BackCalculate(l.Cube, ind.ID, ent.ID, parts, m.Year)
	if err != nil {
		s.Logger.Error("back-calculation", "indicator", ind.ID, "entity", ent.ID, "err", err)
		return nil
	}
	d.row = &kpi.Row{Entity: ent.ID + "-tilbakeregnet", EntityName: bt(lang, "line")}
	for _, p := range series {
		if !p.Status.HasValue() {
			continue
		}
		before := p.Period.Year < m.Year
		v := p.Value
		d.Rows = append(d.Rows, backcalcRow{Period: p.Period.String(), Value: &v, Parts: before})
		if before {
			d.row.Values = append(d.row.Values, kpi.Value{Period: p.Period.String(), Value: &v})
		}
	}
	if len(d.row.Values) == 0 {
		return nil // no year before the merger where every part has a figure
	}
	return d
}
