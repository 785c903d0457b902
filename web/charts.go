package web

import (
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/chart"
	"github.com/virk-analyse/virk/kpi"
)

// sparkline draws a row's values as a small line with the chart
// package. The numbers are in the same table row, so it is hidden from
// screen readers.
func sparkline(row *kpi.Row) template.HTML {
	c := &chart.Chart{
		Kind: chart.Sparkline, Decorative: true,
		ID:         sparkID(row),
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

func sparkID(row *kpi.Row) string { return "sp-" + htmlID(row.Indicator+"-"+row.Entity) }

// The sparkline's markup as the chart package writes it: 100×24, the
// line edge to edge but for room for the dots, in the first colour.
const (
	sparkW, sparkH, sparkM = 100.0, 24.0, 3.0
	sparkOpen              = `<svg xmlns="http://www.w3.org/2000/svg" id="`
	sparkAttrs             = `" class="chart chart-sparkline" width="100" height="24" viewBox="0 0 100 24" font-family="Arial, 'Liberation Sans', 'Helvetica Neue', Helvetica, system-ui, sans-serif" font-size="12" fill="#222222" focusable="false" aria-hidden="true">` + "\n"
	sparkColor             = "#1f4e96"
)

// writeSparkline writes what sparkline returns, without the chart
// package's validation, description and copies of the data, which cost
// more than the line: the path is formatted straight into b. Rows the
// common case does not cover (no value, thousands of periods, values
// beyond ±1e100, long IDs) go through sparkline. TestSparkline_Chart
// compares the two.
func writeSparkline(b *strings.Builder, row *kpi.Row) {
	vs := row.Values
	n := len(vs)
	if n < 2 {
		return
	}
	id := sparkID(row)
	lo, hi := math.Inf(1), math.Inf(-1)
	last := -1
	for j, v := range vs {
		if v.Value == nil || !finite(*v.Value) {
			continue
		}
		x := *v.Value
		if math.Abs(x) > 1e100 {
			last = -1
			break
		}
		lo, hi, last = math.Min(lo, x), math.Max(hi, x), j
	}
	if last < 0 || n > 1000 || len(id) > 256 {
		b.WriteString(string(sparkline(row)))
		return
	}
	lo, hi = spread(lo, hi)
	x := func(j int) float64 { return sparkM + float64(j)*(sparkW-2*sparkM)/float64(n-1) }
	y := func(v float64) float64 {
		if hi == lo {
			return sparkH - sparkM
		}
		return sparkH - sparkM + (v-lo)/(hi-lo)*(sparkM-(sparkH-sparkM))
	}
	var num [32]byte
	coord := func(v float64) {
		b.Write(appendCoord(num[:0], v))
	}
	b.WriteString(sparkOpen)
	b.WriteString(id)
	b.WriteString(sparkAttrs)
	b.WriteString(`<path d="`)
	var dots [8]int
	dot := dots[:0] // the points with no neighbour, then the last
	run := 0
	for j, v := range vs {
		if v.Value == nil || !finite(*v.Value) {
			if run == 1 {
				dot = append(dot, j-1)
			}
			run = 0
			continue
		}
		if run == 0 {
			b.WriteByte('M')
		} else {
			b.WriteByte('L')
		}
		coord(x(j))
		b.WriteByte(' ')
		coord(y(*v.Value))
		run++
	}
	if len(dot) == 0 || dot[len(dot)-1] != last {
		dot = append(dot, last)
	}
	b.WriteString(`" fill="none" stroke="` + sparkColor + `" stroke-width="1.5" stroke-linejoin="round"/>` + "\n")
	for _, j := range dot {
		b.WriteString(`<circle cx="`)
		coord(x(j))
		b.WriteString(`" cy="`)
		coord(y(*vs[j].Value))
		if j == last {
			b.WriteString(`" r="2.5" fill="` + sparkColor + `"/>` + "\n")
		} else {
			b.WriteString(`" r="1.5" fill="` + sparkColor + `"/>` + "\n")
		}
	}
	b.WriteString("</svg>\n")
}

// appendCoord appends a coordinate as the chart package writes it: at
// most two decimals, never "-0".
func appendCoord(b []byte, v float64) []byte {
	if !finite(v) {
		return append(b, '0')
	}
	r := math.Round(v*100) / 100
	if r == 0 {
		r = 0
	}
	return strconv.AppendFloat(b, r, 'f', -1, 64)
}

// spread widens a range of one value, as the chart package's scales do.
func spread(lo, hi float64) (float64, float64) {
	m := math.Max(math.Abs(lo), math.Abs(hi))
	if hi-lo > m*1e-9 && hi-lo > 1e-100 {
		return lo, hi
	}
	c := lo/2 + hi/2
	if math.Abs(c) < 1e-100 {
		return 0, 1
	}
	d := math.Abs(c) * 0.1
	return c - d, c + d
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

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
// by period. Its figures are in the unit page's own table.
func unitChart(lang string, ind *virk.Indicator, rows []*kpi.Row) template.HTML {
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
	svg, err := c.SVG()
	if err != nil {
		return ""
	}
	return svg
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
