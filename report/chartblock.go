package report

import (
	"html"
	"html/template"
	"math"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/chart"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
)

var chartKeys = []string{
	"title", "type", "indicators", "indicator", "entity", "entities", "children",
	"from", "to", "year", "period", "target", "target-label", "desc", "value-labels", "note", "label.ID",
}

// chartBlock is a chart of the report: the block's rows as the series of a
// chart.Chart (package chart draws it), with the indicator's target and
// series breaks.
type chartBlock struct {
	title, desc, note, targetLabel string
	kind                           chart.Kind
	rows                           []rowSpec // series; for peer-index, the indicators × entities
	inds                           []*virk.Indicator
	ents                           []*virk.Entity // peer-index: the series, the reference last
	from, to                       virk.Period
	at                             virk.Period // bar with year or period, peer-index: the one period shown
	target, valueLabels            bool
	targetSet                      bool
	id                             string // set by Build: "figur-N"
}

func parseChart(r *reader) block {
	c := &chartBlock{title: r.required("title")}
	kinds := map[string]chart.Kind{"line": chart.Line, "bar": chart.Bar, "grouped-bar": chart.GroupedBar, "peer-index": chart.PeerIndex}
	c.kind = kinds[r.choice("type", "line", "line", "bar", "grouped-bar", "peer-index")]
	if c.kind == chart.PeerIndex {
		c.inds = r.indicators("indicators", true)
		if !r.has("entities") {
			r.fail(r.b.Line, "virk chart med type peer-index trenger «entities»: enhetene som sammenlignes, referansen (f.eks. asss_snitt = 100) sist")
		}
		c.ents = r.entities("entities")
		if len(c.ents) == 1 {
			r.fail(r.paramLine("entities"), "peer-index trenger minst to enheter: de som sammenlignes og referansen sist")
		}
		c.at = r.yearOrPeriod(r.meta.Year)
		var ids []string
		for _, ind := range c.inds {
			ids = append(ids, ind.ID)
			for _, e := range c.ents {
				c.rows = append(c.rows, rowSpec{id: e.ID, label: e.Name, ind: ind, ent: e})
			}
		}
		for _, e := range c.ents {
			ids = append(ids, e.ID)
		}
		labels := r.labels(ids)
		for i := range c.inds {
			if l, ok := labels[c.inds[i].ID]; ok {
				c.inds[i] = &virk.Indicator{ID: c.inds[i].ID, LabelNB: l, Unit: c.inds[i].Unit}
			}
		}
		applyLabels(c.rows, labels)
	} else {
		c.rows, _ = rowsOf(r)
		if c.kind == chart.Bar && (r.has("year") || r.has("period")) {
			key := "year"
			if !r.has("year") {
				key = "period"
			}
			c.at = r.yearOrPeriod(0)
			if r.has("from") || r.has("to") {
				r.fail(r.paramLine(key), "et stolpediagram med «%s» viser én periode; «from» og «to» gjelder diagram over flere perioder", key)
			}
		} else {
			if r.has("year") {
				r.fail(r.paramLine("year"), "«year» gjelder bare type bar (én stolpe per rad) og peer-index; bruk «from» og «to»")
			}
			if r.has("period") {
				r.fail(r.paramLine("period"), "«period» gjelder bare type bar (én stolpe per rad) og peer-index; bruk «from» og «to»")
			}
			c.from, c.to = r.periods()
			if c.kind == chart.Bar && len(c.rows) > 1 {
				r.fail(r.b.Line, "et stolpediagram (bar) over år har én serie; bruk grouped-bar for flere, eller «year» for én stolpe per rad")
			}
		}
		applyLabels(c.rows, r.labels(rowIDs(c.rows)))
		unit := ""
		for i, rw := range c.rows {
			if rw.ind == nil {
				continue
			}
			if i > 0 && rw.ind.Unit.Name != unit {
				r.fail(r.b.Line, "seriene i en figur må ha samme måleenhet (%s har «%s», de andre «%s»)", quote(rw.ind.ID), rw.ind.Unit.Name, unit)
				break
			}
			unit = rw.ind.Unit.Name
		}
	}
	c.targetSet = r.has("target")
	c.target = r.boolean("target", true)
	c.targetLabel = r.text("target-label", "")
	if c.targetSet && c.target && c.kind == chart.PeerIndex {
		r.fail(r.paramLine("target"), "en peer-index-figur har ikke mål; referansen er 100")
	}
	c.desc = r.text("desc", "")
	c.valueLabels = r.boolean("value-labels", false)
	c.note = r.text("note", "")
	return c
}

func (c *chartBlock) need(n *needs) {
	for _, rw := range c.rows {
		n.ind(rw.ind)
		n.ent(rw.ent)
	}
}

// toChart builds the chart.Chart: categories, series with NaN for missing
// values, unit, target and breaks.
func (c *chartBlock) toChart(d *data, out *blockOut) *chart.Chart {
	ch := &chart.Chart{Kind: c.kind, ID: c.id + "-diagram", Title: c.title, Desc: c.desc, ValueLabels: c.valueLabels}
	if len(c.rows) == 0 {
		return ch
	}
	first := c.rows[0]
	ch.Unit, ch.Decimals, ch.Percent = first.ind.Unit.Name, first.ind.Unit.Decimals, first.ind.Unit.IsPercent()
	hasValue := false
	val := func(rw rowSpec, p virk.Period) float64 {
		if v, ok := d.value(rw.ind, rw.ent, p); ok {
			hasValue = true
			return v
		}
		return math.NaN()
	}
	switch {
	case c.kind == chart.PeerIndex:
		ch.CategoryTitle = "Indikator"
		ch.Unit, ch.Decimals, ch.Percent = "", 0, false
		for _, ind := range c.inds {
			ch.Categories = append(ch.Categories, ind.LabelNB)
		}
		for ei, e := range c.ents {
			s := chart.Series{Name: e.Name}
			for ii := range c.inds {
				rw := c.rows[ii*len(c.ents)+ei]
				s.Name = rw.label
				s.Values = append(s.Values, val(rw, c.at))
			}
			ch.Series = append(ch.Series, s)
		}
	case !c.at.IsZero(): // bar: one bar per row in one period
		ch.CategoryTitle = "Enhet"
		s := chart.Series{Name: periodLabel(c.at)}
		for _, rw := range c.rows {
			ch.Categories = append(ch.Categories, rw.label)
			s.Values = append(s.Values, val(rw, c.at))
		}
		ch.Series = []chart.Series{s}
	default:
		periods := periodRange(c.from, c.to)
		ch.CategoryTitle = capitalize(freqWord(c.to.Freq)) // «År», «Halvår», «Måned»
		for _, p := range periods {
			ch.Categories = append(ch.Categories, periodLabel(p))
		}
		for _, rw := range c.rows {
			s := chart.Series{Name: rw.label}
			for _, p := range periods {
				s.Values = append(s.Values, val(rw, p))
			}
			ch.Series = append(ch.Series, s)
			for _, n := range d.breaks(rw.ind, rw.ent, c.from, c.to) {
				if i, ok := breakIndex(n, c.from, c.to); ok {
					ch.Breaks = append(ch.Breaks, i)
				}
			}
		}
		if c.target {
			ch.Target = c.chartTarget(d, first)
			if ch.Target == nil && c.targetSet {
				out.failf("figuren %s ber om mål («target: ja»), men %s har ikke noe mål for %s", quote(c.title), quote(first.ind.ID), quote(first.ent.ID))
			}
		}
	}
	if !hasValue {
		out.warnf("figuren %s har ingen verdier: den viser «Ingen data»", quote(c.title))
	}
	return ch
}

// chartTarget returns the first target of the row's indicator that applies
// to its entity, as a level: an absolute target's value, or for a relative
// target the base year's value changed by the percent (kpi.EvaluateTarget).
func (c *chartBlock) chartTarget(d *data, rw rowSpec) *chart.Target {
	for _, t := range rw.ind.Targets {
		if t.EntityID != "" && t.EntityID != rw.ent.ID {
			continue
		}
		res := kpi.EvaluateTarget(d.series(rw.ind, rw.ent), t, rw.ind.Direction, d.trendYears)
		if !res.HasLevel {
			continue
		}
		label := c.targetLabel
		if label == "" {
			label = targetLabel(t)
		}
		return &chart.Target{Value: res.Level, Label: label}
	}
	return nil
}

// targetLabel names a target: "Mål", "Mål 2020", "Mål 2020 (−12 % fra 2016)".
func targetLabel(t virk.Target) string {
	s := "Mål"
	if t.Year != 0 {
		s += " " + itoa(t.Year)
	}
	if t.Kind == virk.TargetRelative {
		s += " (" + nb.Percent(t.Value, -1) + " fra " + itoa(t.BaseYear) + ")"
	}
	return s
}

func (c *chartBlock) render(d *data, out *blockOut) {
	ch := c.toChart(d, out)
	svg, err := ch.SVG()
	if err != nil {
		out.failf("figuren %s kan ikke tegnes: %v", quote(c.title), err)
		return
	}
	tbl, err := ch.TableHTML()
	if err != nil {
		out.failf("figuren %s kan ikke tegnes: %v", quote(c.title), err)
		return
	}
	var b strings.Builder
	b.WriteString(`<figure class="chart" id="` + c.id + `" aria-labelledby="` + c.id + `-tittel">`)
	b.WriteString(`<figcaption id="` + c.id + `-tittel">` + html.EscapeString(c.title) + `</figcaption>`)
	b.WriteString(string(svg))
	b.WriteString(`<details class="chart-data"><summary>Tallene i figuren</summary>`)
	b.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="Tallene i figuren: ` + html.EscapeString(c.title) + `">`)
	b.WriteString(string(tbl))
	b.WriteString(`</div></details>`)
	writeNotes(&b, noteList(nil, c.note))
	b.WriteString(`</figure>`)
	out.html = template.HTML(b.String()) // #nosec: every text is escaped above or by package chart
}

// yearOrPeriod reads the one period of a bar or peer-index chart: "year"
// (a year, def when missing) or "period" (any period, e.g. 2018H2).
func (r *reader) yearOrPeriod(def int) virk.Period {
	if r.has("period") {
		if r.has("year") {
			r.fail(r.paramLine("period"), "bruk enten «year» eller «period», ikke begge")
		}
		return r.period("period", virk.Period{})
	}
	if y := r.year("year", def); y != 0 {
		return virk.YearPeriod(y)
	}
	return virk.Period{}
}
