package web

import (
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/chart"
	"github.com/virk-analyse/virk/kpi"
)

// sparkline draws a row's values as a small line. The numbers are in the
// same table row, so it is hidden from screen readers.
func sparkline(row *kpi.Row) template.HTML {
	c := &chart.Chart{
		Kind: chart.Sparkline, Decorative: true,
		ID:         "sp-" + htmlID(row.Indicator+"-"+row.Entity),
		Categories: periods(row.Values),
		Series:     []chart.Series{{Name: row.Label, Values: values(row.Values)}},
	}
	if len(c.Categories) < 2 {
		return ""
	}
	svg, err := c.SVG()
	if err != nil {
		return ""
	}
	return svg
}

// indicatorChart draws the rows of one indicator, one line per entity,
// with the target and the series breaks, and the table of its figures.
// Extra rows, such as a back-calculated series, are drawn after them.
func indicatorChart(lang string, ind *virk.Indicator, rows []*kpi.Row, extra ...*kpi.Row) (svg, table template.HTML) {
	if len(rows) == 0 {
		return "", ""
	}
	var cats []string
	for _, r := range append(slices.Clip(rows), extra...) {
		for _, p := range periods(r.Values) {
			if !slices.Contains(cats, p) {
				cats = append(cats, p)
			}
		}
	}
	slices.Sort(cats) // canonical period strings of one frequency sort in time order
	title := indicatorLabel(lang, ind.LabelNB, ind.LabelEN)
	if len(rows) == 1 {
		title += ", " + rows[0].EntityName
	}
	c := &chart.Chart{
		Kind: chart.Line, ID: "ch-" + htmlID(ind.ID), Title: title,
		Categories: cats, CategoryTitle: tr(lang, "col.period"),
		Unit: ind.Unit.Name, Decimals: ind.Unit.Decimals, Percent: ind.Unit.IsPercent(),
	}
	for _, r := range rows {
		c.Series = append(c.Series, chart.Series{Name: r.EntityName, Values: valuesAt(r, cats)})
		for _, n := range r.Annotations {
			if i := slices.Index(cats, n.Period); n.Kind == string(virk.AnnotationBreak) && i > 0 && !slices.Contains(c.Breaks, i) {
				c.Breaks = append(c.Breaks, i)
			}
		}
	}
	slices.Sort(c.Breaks)
	for _, r := range extra {
		c.Series = append(c.Series, chart.Series{Name: r.EntityName, Values: valuesAt(r, cats)})
	}
	if len(rows) == 1 {
		for _, t := range rows[0].Targets {
			if t.Level != nil {
				c.Target = &chart.Target{Value: *t.Level, Label: tr(lang, "col.target")}
				break
			}
		}
	}
	return render(c)
}

// unitChart draws a summed indicator of a unit's children as grouped bars
// by period, and the table of its figures.
func unitChart(lang string, ind *virk.Indicator, rows []*kpi.Row) (svg, table template.HTML) {
	parent := rows[len(rows)-1]
	children := rows[:len(rows)-1]
	cats := periods(parent.Values)
	c := &chart.Chart{
		Kind: chart.GroupedBar, ID: "ch-" + htmlID(ind.ID+"-"+parent.Entity),
		Title:      indicatorLabel(lang, ind.LabelNB, ind.LabelEN) + ", " + parent.EntityName,
		Categories: cats, CategoryTitle: tr(lang, "col.period"),
		Unit: ind.Unit.Name, Decimals: ind.Unit.Decimals, Percent: ind.Unit.IsPercent(),
	}
	for _, r := range children {
		c.Series = append(c.Series, chart.Series{Name: r.EntityName, Values: valuesAt(r, cats)})
	}
	return render(c)
}

func render(c *chart.Chart) (svg, table template.HTML) {
	svg, err := c.SVG()
	if err != nil {
		return "", ""
	}
	table, _ = c.TableHTML()
	return svg, table
}

func periods(vs []kpi.Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Period
	}
	return out
}

// valuesAt returns a row's values in the given periods, NaN where it has
// none.
func valuesAt(r *kpi.Row, periods []string) []float64 {
	out := make([]float64, len(periods))
	for i, p := range periods {
		out[i] = math.NaN()
		if v := valueAt(r, p); v != nil && v.Value != nil {
			out[i] = *v.Value
		}
	}
	return out
}

func values(vs []kpi.Value) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = math.NaN()
		if v.Value != nil {
			out[i] = *v.Value
		}
	}
	return out
}

// htmlID turns s into characters safe in an HTML id.
func htmlID(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}
