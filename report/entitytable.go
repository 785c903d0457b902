package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
)

var entityTableKeys = []string{
	"title", "indicators", "entities", "children", "years", "periods", "from", "to", "heading", "sum", "sum-label",
	"change-column", "change-label", "target", "target-label", "kind", "sort", "note", "label.ID",
}

// entityTable has entities as rows and, for each period, one column per
// indicator: the §6.1.6 table of employees with minority background by
// area, 2017 and 2018, with a total row; or sick leave by area in the
// second half-years of 2017 and 2018, with the change and the target's
// status.
type entityTable struct {
	title, heading, note, sumLabel string
	inds                           []*virk.Indicator
	ents                           []*virk.Entity
	labels                         map[string]string
	periods                        []virk.Period
	sum                            *virk.Entity
	changeCol, targetCol           bool
	changeLabel, targetLabel       string
	// sortBy orders the rows by its value in the last period, highest
	// first when sortDesc; rows without one come last.
	sortBy   *virk.Indicator
	sortDesc bool
}

func parseEntityTable(r *reader) block {
	t := &entityTable{title: r.required("title")}
	t.inds = r.indicators("indicators", true)
	var parent *virk.Entity
	switch {
	case r.has("entities") && r.has("children"):
		r.fail(r.paramLine("children"), "virk entity-table: bruk enten «entities» eller «children», ikke begge")
	case r.has("entities"):
		t.ents = r.entities("entities")
	case r.has("children"):
		parent, t.ents = r.children("children")
		if k := r.get("kind"); k != nil {
			t.ents = r.ofKind(k, t.ents)
		}
	default:
		r.fail(r.b.Line, "virk entity-table mangler rader: «entities» (enhets-IDer) eller «children» (en enhet hvis underenheter blir rader)")
	}
	switch {
	case r.has("years") && r.has("periods"):
		r.fail(r.paramLine("periods"), "bruk enten «years» eller «periods»")
	case r.has("years") || r.has("periods"):
		key := "years"
		if r.has("periods") {
			key = "periods"
		}
		if r.has("from") || r.has("to") {
			r.fail(r.paramLine(key), "bruk enten «%s» eller «from» og «to»", key)
		}
		if key == "years" {
			for _, y := range r.yearList("years") {
				t.periods = append(t.periods, virk.YearPeriod(y))
			}
		} else {
			t.periods = r.periodList("periods")
		}
	default:
		t.periods = periodRange(r.periods())
	}
	if p := r.get("sum"); p != nil {
		if p.Value == "ja" && parent != nil {
			t.sum = parent
		} else {
			t.sum = r.resolveEntity(p, p.Value)
		}
	}
	t.sumLabel = r.text("sum-label", "Sum")
	t.heading = r.text("heading", "Enhet")
	t.changeCol = r.boolean("change-column", false)
	t.changeLabel = r.text("change-label", "")
	t.targetCol = r.boolean("target", false)
	t.targetLabel = r.text("target-label", "")
	if t.targetCol && len(t.targetInds()) == 0 && len(t.inds) > 0 {
		r.fail(r.paramLine("target"), "«target: ja» viser målet, men ingen av indikatorene i tabellen har noe mål")
	}
	if p := r.get("sort"); p != nil {
		id, dir, _ := strings.Cut(strings.TrimSpace(p.Value), " ")
		switch strings.TrimSpace(dir) {
		case "", "stigende":
		case "synkende":
			t.sortDesc = true
		default:
			r.fail(p.Line, "«sort» %s er ugyldig (forventet en indikator, og eventuelt «stigende» eller «synkende», f.eks. sort: prosjekt_rangering)", quote(p.Value))
		}
		t.sortBy = r.resolveIndicator(p, id)
	}
	t.note = r.text("note", "")
	var ids []string
	for _, ind := range t.inds {
		ids = append(ids, ind.ID)
	}
	for _, e := range t.ents {
		ids = append(ids, e.ID)
	}
	t.labels = r.labels(ids)
	return t
}

func (t *entityTable) need(n *needs) {
	n.ind(t.inds...)
	n.ent(t.ents...)
	n.ent(t.sum)
}

func (t *entityTable) label(id, def string) string {
	if l, ok := t.labels[id]; ok {
		return l
	}
	return def
}

// targetInds returns the indicators that have a target.
func (t *entityTable) targetInds() []*virk.Indicator {
	var out []*virk.Indicator
	for _, ind := range t.inds {
		if len(ind.Targets) > 0 {
			out = append(out, ind)
		}
	}
	return out
}

// colKind is what a column of an entity table shows.
type colKind int

const (
	colValue  colKind = iota // the value in a period
	colChange                // the change in the last period from a year earlier
	colTarget                // the target's status in the last period
)

// colGroup is the columns under one heading: a period, the changes or the
// target statuses, with one column per indicator.
type colGroup struct {
	label  string
	kind   colKind
	period virk.Period
	inds   []*virk.Indicator
}

// groups returns the table's column groups: the periods, then the changes
// and the target statuses of the last period.
func (t *entityTable) groups() []colGroup {
	var out []colGroup
	for _, p := range t.periods {
		out = append(out, colGroup{label: periodLabel(p), kind: colValue, period: p, inds: t.inds})
	}
	if len(t.periods) == 0 {
		return out
	}
	last := t.periods[len(t.periods)-1]
	if t.changeCol {
		label := t.changeLabel
		if label == "" {
			label = "Endring fra " + periodLabel(kpi.YearAgo(last)) + changeUnit(t.inds)
		}
		out = append(out, colGroup{label: label, kind: colChange, period: last, inds: t.inds})
	}
	if inds := t.targetInds(); t.targetCol && len(inds) > 0 {
		label := t.targetLabel
		if label == "" {
			label = "Mål" + targetLevelText(inds)
		}
		out = append(out, colGroup{label: label, kind: colTarget, period: last, inds: inds})
	}
	return out
}

func (t *entityTable) render(d *data, out *blockOut) {
	tab := &Table{Caption: t.title}
	corner := headCell(t.heading)
	groups := t.groups()
	switch {
	case len(groups) > 1 && len(t.inds) > 1:
		corner.RowSpan = 2
		top := Row{Cells: []Cell{corner}}
		sub := Row{}
		for _, g := range groups {
			top.Cells = append(top.Cells, Cell{Text: g.label, Header: true, Scope: "colgroup", Span: len(g.inds)})
			for _, ind := range g.inds {
				sub.Cells = append(sub.Cells, headCell(t.label(ind.ID, ind.LabelNB)))
			}
		}
		tab.Head = []Row{top, sub}
	case len(t.inds) > 1 && len(groups) == 1:
		h := Row{Cells: []Cell{corner}}
		for _, ind := range t.inds {
			h.Cells = append(h.Cells, headCell(t.label(ind.ID, ind.LabelNB)+" "+groups[0].label))
		}
		tab.Head = []Row{h}
	default:
		h := Row{Cells: []Cell{corner}}
		for _, g := range groups {
			h.Cells = append(h.Cells, headCell(g.label))
		}
		tab.Head = []Row{h}
	}
	addRow := func(label, class string, ent *virk.Entity, series func(ind *virk.Indicator) kpi.Series) {
		row := Row{Class: class, Cells: []Cell{rowHead(label)}}
		for _, g := range groups {
			for _, ind := range g.inds {
				var c Cell
				switch g.kind {
				case colValue:
					c = valueCell(series(ind), g.period, ind)
				case colChange:
					c = unitChangeCell(series(ind), g.period, ind)
				case colTarget:
					c = targetCell(series(ind), ind, ent, g.period, d.trendYears)
				}
				row.Cells = append(row.Cells, c)
			}
		}
		tab.Body = append(tab.Body, row)
	}
	for _, e := range t.sorted(d) {
		addRow(t.label(e.ID, e.Name), "", e, func(ind *virk.Indicator) kpi.Series { return d.series(ind, e) })
	}
	if t.sum != nil {
		addRow(t.sumLabel, "sum", t.sum, func(ind *virk.Indicator) kpi.Series { return d.sumSeries(ind, t.sum, t.ents) })
	}
	var rows []rowSpec
	for _, ind := range t.inds {
		for _, e := range t.ents {
			rows = append(rows, rowSpec{id: e.ID, label: e.Name + ", " + ind.LabelNB, ind: ind, ent: e})
		}
	}
	if len(t.periods) > 0 {
		tab.Notes = noteList(breakNotes(d, rows, t.periods[0], t.periods[len(t.periods)-1]), t.note)
	}
	out.table = tab
}

// changeUnit is the unit of a change column, for its heading: percentage
// points when every indicator is a percentage, percent when none is.
func changeUnit(inds []*virk.Indicator) string {
	pct := 0
	for _, ind := range inds {
		if ind.Unit.IsPercent() {
			pct++
		}
	}
	switch pct {
	case len(inds):
		return " (prosentpoeng)"
	case 0:
		return " (%)"
	}
	return ""
}

// unitChangeCell is the change of the value in period p from the same
// period a year earlier, as the inline function endring gives it: for
// percentages in percentage points with the indicator's decimals,
// otherwise in percent with one decimal. A change from or to a withheld
// value is withheld too.
func unitChangeCell(s kpi.Series, p virk.Period, ind *virk.Indicator) Cell {
	if suppressed(s, p) || suppressed(s, kpi.YearAgo(p)) {
		return suppressedCell()
	}
	if ind.Unit.IsPercent() {
		v, ok := s.Change(p)
		if !ok {
			return missingCell()
		}
		return numCell(v, ind.Unit.Decimals, false)
	}
	v, ok := s.ChangePct(p)
	if !ok {
		return missingCell()
	}
	return numCell(v, 1, true)
}

// suppressed reports whether the value of s in p is withheld by
// disclosure control.
func suppressed(s kpi.Series, p virk.Period) bool {
	pt, ok := s.At(p)
	return ok && pt.Status == virk.StatusSuppressed
}

// targetFor returns the first target of ind that applies to ent.
func targetFor(ind *virk.Indicator, ent *virk.Entity) *virk.Target {
	for i, t := range ind.Targets {
		if t.EntityID == "" || t.EntityID == ent.ID {
			return &ind.Targets[i]
		}
	}
	return nil
}

// targetLevelText is « (7,0 %)» when every indicator has one absolute
// target for all entities, all of the same level and unit, for the
// heading of the target column; else "".
func targetLevelText(inds []*virk.Indicator) string {
	text := ""
	for _, ind := range inds {
		if len(ind.Targets) != 1 || ind.Targets[0].Kind != virk.TargetAbsolute || ind.Targets[0].EntityID != "" {
			return ""
		}
		s := formatNumber(ind.Targets[0].Value, ind.Unit.Decimals, ind.Unit.IsPercent())
		if !ind.Unit.IsPercent() && ind.Unit.Name != "" {
			s += nb.GroupSep + ind.Unit.Name
		}
		if text != "" && s != text {
			return ""
		}
		text = s
	}
	if text == "" {
		return ""
	}
	return " (" + text + ")"
}

// targetCell is the status of ind's target for ent in period p, judged as
// the inline function mål judges it, on the values of p's frequency up to
// p: «nådd» or «ikke nådd», «i rute» or «ikke i rute» before a target
// year. With no value in p it is «uten data», and «:» when that value is
// withheld, so that a status never rests on an older period unseen.
func targetCell(s kpi.Series, ind *virk.Indicator, ent *virk.Entity, p virk.Period, trendYears int) Cell {
	t := targetFor(ind, ent)
	switch {
	case t == nil:
		return Cell{Text: "–", Label: "ingen mål"}
	case suppressed(s, p):
		return suppressedCell()
	}
	if _, ok := s.Value(p); !ok {
		return Cell{Text: targetWords[kpi.NoData]}
	}
	res := kpi.EvaluateTarget(upTo(s, p), *t, ind.Direction, trendYears)
	c := Cell{Text: targetWords[res.Status]}
	switch res.Status {
	case kpi.Met, kpi.OnTrack:
		c.Class = "good"
	case kpi.NotMet, kpi.OffTrack:
		c.Class = "bad"
	}
	return c
}

// sorted returns the rows in the order of sortBy's value in the last
// period: the prioritised list by place, the projects by deviation. Rows
// without a value keep their order after the others.
func (t *entityTable) sorted(d *data) []*virk.Entity {
	if t.sortBy == nil || len(t.periods) == 0 {
		return t.ents
	}
	last := t.periods[len(t.periods)-1]
	type keyed struct {
		e   *virk.Entity
		v   float64
		has bool
	}
	rows := make([]keyed, len(t.ents))
	for i, e := range t.ents {
		v, ok := d.series(t.sortBy, e).Value(last)
		rows[i] = keyed{e, v, ok}
	}
	slices.SortStableFunc(rows, func(a, b keyed) int {
		switch {
		case a.has != b.has:
			if a.has {
				return -1
			}
			return 1
		case !a.has:
			return 0
		case t.sortDesc:
			return cmp.Compare(b.v, a.v)
		}
		return cmp.Compare(a.v, b.v)
	})
	out := make([]*virk.Entity, len(rows))
	for i, r := range rows {
		out[i] = r.e
	}
	return out
}
