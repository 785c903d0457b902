package chart

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

// Scatter limits, defaults and marks.
const (
	maxPoints = 20000 // 55 years of days; about 300 kB of SVG
	// maxPointRows is the most points the table lists one by one; more
	// would bury the fitted line, which is the message, in a table no one
	// reads. The chart still draws every point.
	maxPointRows      = 60
	defaultPointsName = "Målinger"
	defaultFitName    = "Tilpasset modell"
	pointSize         = 4 // dot diameter: the width of the round-capped zero-length strokes
	// pointOpacity lets grid lines and the fitted line show through the
	// dots. Overlapping dots of one <path> do not add up, so it does not
	// show density; it keeps the blue at 4:1 against white (tested).
	pointOpacity = 0.75
	fitWidth     = 3
	xTickSpacing = 90 // about one x tick per this many pixels
)

// setScatter checks and copies a scatter chart's points, fitted line,
// names and x axis text.
func (s *spec) setScatter(c *Chart) error {
	if len(c.Series) > 0 || len(c.Categories) > 0 {
		return invalid("a scatter chart takes Points and Fit, not Series or Categories")
	}
	if len(c.Points) > maxPoints {
		return invalid("%d points, more than %d", len(c.Points), maxPoints)
	}
	if len(c.Fit) == 1 || len(c.Fit) > maxCategories {
		return invalid("a fitted line of %d vertices: it takes 2–%d", len(c.Fit), maxCategories)
	}
	if c.XDecimals < 0 || c.XDecimals > maxDecimals {
		return invalid("x decimals %d outside 0–%d", c.XDecimals, maxDecimals)
	}
	s.points = make([]Point, 0, len(c.Points))
	for i, p := range c.Points {
		if !finite(p.X) || !finite(p.Y) {
			s.missingPoints++
			continue
		}
		if math.Abs(p.X) > maxAbs || math.Abs(p.Y) > maxAbs {
			return invalid("point %d (%g, %g) beyond ±%g", i+1, p.X, p.Y, maxAbs)
		}
		s.points = append(s.points, p)
	}
	for i, p := range c.Fit {
		// A gap in a fitted line is a bug in the caller's model, not a
		// missing measurement, so it is an error.
		if !finite(p.X) || !finite(p.Y) || math.Abs(p.X) > maxAbs || math.Abs(p.Y) > maxAbs {
			return invalid("fitted line vertex %d (%g, %g) is not a usable point", i+1, p.X, p.Y)
		}
	}
	s.fit = slices.Clone(c.Fit)
	s.pointsName = cmp.Or(clean(c.PointsName), defaultPointsName)
	s.fitName = cmp.Or(clean(c.FitName), defaultFitName)
	s.xTitle, s.xUnit, s.xDecimals = clean(c.XTitle), clean(c.XUnit), c.XDecimals
	return nil
}

// formatX formats an x value for the description and the table.
func (s *spec) formatX(v float64) string { return nb.Number(v, s.xDecimals) }

// formatXUnit formats an x value with its unit, for running text.
func (s *spec) formatXUnit(v float64) string {
	if s.xUnit == "" {
		return s.formatX(v)
	}
	return s.formatX(v) + "\u00a0" + s.xUnit
}

// scatterLayout is the layout of a scatter chart. The frame holds the y
// axis, the plot and the unit label, so its grid and annotation code is
// shared with line and bar charts; the x axis is linear too.
type scatterLayout struct {
	fr     *frame
	xax    axis
	xticks []float64
	xs     linear // x value → x
	xTitle string // under the x tick labels, with the unit
	legend []legendItem
}

// xAxisTitle is the x axis's title with its unit and power of ten:
// "Døgnmiddeltemperatur (°C)".
func (s *spec) xAxisTitle(ax axis) string {
	var in []string
	for _, t := range []string{s.xUnit, ax.expText()} {
		if t != "" {
			in = append(in, t)
		}
	}
	switch {
	case len(in) == 0:
		return s.xTitle
	case s.xTitle == "":
		return strings.Join(in, ", ")
	}
	return s.xTitle + " (" + strings.Join(in, ", ") + ")"
}

// layoutScatter lays out the chart: both axes cover the points and the
// fitted line, padded as a line chart's values are, since neither needs
// zero.
func (s *spec) layoutScatter() (*scatterLayout, error) {
	var xv, yv []float64
	for _, p := range append(slices.Clip(s.points), s.fit...) {
		xv, yv = append(xv, p.X), append(yv, p.Y)
	}
	xlo, xhi := lineDomain(xv, nil)
	ylo, yhi := lineDomain(yv, nil)
	W, H := float64(s.w), float64(s.h)
	fr := &frame{w: W, h: H}
	sl := &scatterLayout{fr: fr}
	// The heights of legend and unit rows do not depend on the ticks, so
	// the plot's height is known first and the y ticks thinned to fit it.
	top := float64(pad)
	if len(s.fit) > 0 { // two kinds of mark: name both
		var rows int
		sl.legend, rows = layoutLegend([]string{s.pointsName, s.fitName}, lineSwatch, pad, W)
		top += float64(rows) * legendRow
	}
	fr.annotY = top
	fr.ax = niceAxis(ylo, yhi, tickCount(H))
	if s.unit != "" || fr.ax.Exp != 0 {
		top += annotRow
	}
	top = math.Ceil(top + 6) // half a tick label above the top tick
	const titleRow = lineHeight + 4
	bottom := 20.0 + pad/2
	if s.xTitle != "" || s.xUnit != "" {
		bottom += titleRow
	}
	plotH := H - top - math.Ceil(bottom)
	if plotH < minPlot {
		return nil, invalid("height %d leaves no room for the plot", s.h)
	}
	fr.ax = thinAxis(fr.ax, ylo, yhi, func(a axis) bool { return plotH/steps(a) >= minLabelGap })
	fr.ticks = fr.ax.ticks()
	left := 0.0
	for _, t := range fr.ticks {
		left = math.Max(left, textWidth(fr.ax.label(t, s.percent), fontSize))
	}
	left = math.Ceil(left + pad + tickGap)
	fr.unit = s.unit
	if e := fr.ax.expText(); e != "" && fr.unit != "" {
		fr.unit += " (" + e + ")"
	} else if e != "" {
		fr.unit = e
	}
	plotW := W - left - pad - 12 // about: the right margin holds half the last label
	sl.xax = niceAxis(xlo, xhi, min(10, max(2, int(plotW/xTickSpacing))))
	sl.xax = thinAxis(sl.xax, xlo, xhi, func(a axis) bool {
		wide := 0.0
		for _, t := range a.ticks() {
			wide = math.Max(wide, textWidth(a.label(t, false), fontSize))
		}
		return plotW/steps(a) >= wide+8
	})
	sl.xticks = sl.xax.ticks()
	// The end tick labels are centred on the plot's ends, so the margins
	// hold half of each.
	firstW := textWidth(sl.xax.label(sl.xticks[0], false), fontSize)
	lastW := textWidth(sl.xax.label(sl.xticks[len(sl.xticks)-1], false), fontSize)
	left = math.Max(left, math.Ceil(pad+firstW/2))
	right := math.Ceil(math.Max(pad+4, pad+lastW/2))
	if W-left-right < minPlot {
		return nil, invalid("width %d leaves no room for the plot", s.w)
	}
	if t := s.xAxisTitle(sl.xax); t != "" {
		sl.xTitle = truncate(t, fontSize, W-2*pad)
		if s.xTitle == "" && s.xUnit == "" { // only the power of ten: a row not yet kept
			plotH -= titleRow
			if plotH < minPlot {
				return nil, invalid("height %d leaves no room for the plot", s.h)
			}
		}
	}
	fr.plot = rect{X0: left, Y0: top, X1: W - right, Y1: top + plotH}
	fr.ys = linear{D0: fr.ax.Lo, D1: fr.ax.Hi, R0: fr.plot.Y1, R1: fr.plot.Y0}
	sl.xs = linear{D0: sl.xax.Lo, D1: sl.xax.Hi, R0: fr.plot.X0, R1: fr.plot.X1}
	return sl, nil
}

// steps is the number of steps of axis a.
func steps(a axis) float64 { return math.Max(1, math.Round((a.Hi-a.Lo)/a.Step)) }

// thinAxis returns a, or when its tick labels do not fit (fits is false)
// an axis over lo..hi with fewer steps that fits, or the one with the
// fewest: niceAxis may take up to two steps more than asked for.
func thinAxis(a axis, lo, hi float64, fits func(axis) bool) axis {
	lo, hi = spread(lo, hi)
	for n := int(steps(a)) - 1; n >= 1 && !fits(a); n-- {
		if b := niceAxisSteps(lo, hi, n); steps(b) < steps(a) {
			a = b
		}
	}
	return a
}

// pointAttrs are the stroke attributes of the points' path.
var pointAttrs = []string{"fill", "none", "stroke", palette[0], "stroke-width", itoa(pointSize),
	"stroke-linecap", "round", "stroke-opacity", f(pointOpacity)}

// fitAttrs are the stroke attributes of the fitted line.
var fitAttrs = []string{"fill", "none", "stroke", palette[1], "stroke-width", itoa(fitWidth),
	"stroke-linejoin", "round", "stroke-linecap", "round"}

// fitHalo is drawn under the fitted line so that it stands out from the
// dots it crosses.
var fitHalo = []string{"fill", "none", "stroke", "#fff", "stroke-width", itoa(fitWidth + 3),
	"stroke-linejoin", "round", "stroke-linecap", "round"}

// renderScatter writes a scatter chart: grid lines both ways, the points
// as dots and the fitted line, told apart by shape as well as colour
// (dots against a line) and named in a legend.
func (s *spec) renderScatter(b *bytes.Buffer) error {
	sl, err := s.layoutScatter()
	if err != nil {
		return err
	}
	fr := sl.fr
	w := writer{b}
	s.openRoot(w)
	if len(s.points) == 0 && len(s.fit) == 0 { // no scale to show
		w.line(fr.plot.X0, fr.plot.Y1, fr.plot.X1, fr.plot.Y1, "stroke", colorAxis, "stroke-width", "1")
		x, y := (fr.plot.X0+fr.plot.X1)/2, (fr.plot.Y0+fr.plot.Y1)/2
		w.text(x, y+5, noDataLabel, "class", "no-data", "text-anchor", "middle", "font-size", "14")
		w.close("svg")
		return nil
	}
	fr.drawGrid(w, s)
	w.open("g", "class", "axis axis-x")
	for _, t := range sl.xticks {
		x := sl.xs.at(t)
		w.line(x, fr.plot.Y0, x, fr.plot.Y1, "stroke", colorGrid, "stroke-width", "1")
		w.text(x, fr.plot.Y1+16, sl.xax.label(t, false), "text-anchor", "middle", "fill", colorMuted)
	}
	if sl.xTitle != "" {
		w.text((fr.plot.X0+fr.plot.X1)/2, fr.plot.Y1+16+lineHeight+4, sl.xTitle, "class", "axis-title", "text-anchor", "middle")
	}
	w.close("g")
	fr.drawAnnotations(w, s)
	w.line(fr.plot.X0, fr.plot.Y1, fr.plot.X1, fr.plot.Y1, "stroke", colorAxis, "stroke-width", "1")
	// A few points each matter and go over the fitted line, which shows
	// between them; many points would bury the line, the chart's message,
	// so it goes over them. The threshold is the table's: the few points
	// it lists one by one.
	fitOver := len(s.points) > maxPointRows
	if !fitOver {
		s.drawFit(w, sl, false)
	}
	if len(s.points) > 0 {
		w.open("g", "class", "series series-0 points")
		w.void("path", append([]string{"d", s.pointsPath(sl)}, pointAttrs...)...)
		w.close("g")
	}
	if fitOver {
		s.drawFit(w, sl, true)
	}
	if len(sl.legend) > 0 {
		w.open("g", "class", "legend")
		for _, it := range sl.legend {
			cy := it.y - 4
			if it.series == 0 { // three dots, as in the plot
				d := "M" + f(it.x+5) + " " + f(cy+2) + "h0M" + f(it.x+14) + " " + f(cy-2) + "h0M" + f(it.x+23) + " " + f(cy+1) + "h0"
				w.void("path", append([]string{"d", d}, pointAttrs...)...)
				w.text(it.x+lineSwatch+swatchGap, it.y, s.pointsName)
				continue
			}
			w.line(it.x, cy, it.x+lineSwatch, cy, fitAttrs...)
			w.text(it.x+lineSwatch+swatchGap, it.y, s.fitName)
		}
		w.close("g")
	}
	w.close("svg")
	return nil
}

// drawFit writes the fitted line, over a white halo when it crosses
// the points.
func (s *spec) drawFit(w writer, sl *scatterLayout, halo bool) {
	if len(s.fit) == 0 {
		return
	}
	var d strings.Builder
	for i, p := range s.fit {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		d.WriteString(cmd + f(sl.xs.at(p.X)) + " " + f(sl.fr.y(p.Y)))
	}
	w.open("g", "class", "series series-1 fit")
	if halo {
		w.void("path", append([]string{"d", d.String()}, fitHalo...)...)
	}
	w.void("path", append([]string{"d", d.String()}, fitAttrs...)...)
	w.close("g")
}

// pointsPath is the path of every point: a zero-length segment "M x yh0",
// which its round cap draws as a dot. It takes about 15 bytes a point,
// where a <circle> with its attributes takes about 70, so 365 days cost
// some 5 kB. Points falling on the same hundredth of a pixel are drawn
// once.
func (s *spec) pointsPath(sl *scatterLayout) string {
	var d strings.Builder
	d.Grow(16 * len(s.points))
	seen := make(map[[2]string]bool, len(s.points))
	for _, p := range s.points {
		k := [2]string{f(sl.xs.at(p.X)), f(sl.fr.y(p.Y))}
		if seen[k] {
			continue
		}
		seen[k] = true
		d.WriteString("M" + k[0] + " " + k[1] + "h0")
	}
	return d.String()
}

// pointExtent is the range of the points' x and y.
func (s *spec) pointExtent() (xlo, xhi, ylo, yhi float64) {
	xlo, ylo = math.Inf(1), math.Inf(1)
	xhi, yhi = math.Inf(-1), math.Inf(-1)
	for _, p := range s.points {
		xlo, xhi = math.Min(xlo, p.X), math.Max(xhi, p.X)
		ylo, yhi = math.Min(ylo, p.Y), math.Max(yhi, p.Y)
	}
	return xlo, xhi, ylo, yhi
}

// pointsText describes the points: "Målt døgn: 365 punkter, fra 1 200
// til 3 400 kWh, ved døgnmiddeltemperatur fra −12,0 til 24,0 °C."
func (s *spec) pointsText() string {
	at := "ved "
	if s.xTitle != "" {
		at += lowerFirst(s.xTitle) + " "
	}
	switch n := len(s.points); n {
	case 0:
		return s.pointsName + ": " + strings.ToLower(noDataLabel) + "."
	case 1:
		p := s.points[0]
		return s.pointsName + ": ett punkt, " + s.formatUnit(p.Y) + " " + at + s.formatXUnit(p.X) + "."
	default:
		xlo, xhi, ylo, yhi := s.pointExtent()
		return s.pointsName + ": " + nb.Number(float64(n), 0) + " punkter, fra " + s.format(ylo) + " til " +
			s.formatUnit(yhi) + ", " + at + "fra " + s.formatX(xlo) + " til " + s.formatXUnit(xhi) + "."
	}
}

// maxFitVertices is the most vertices the description lists one by one.
const maxFitVertices = 5

// fitText describes the fitted line by its vertices: "Tilpasset modell:
// 3 350 kWh ved −12,0 °C, 1 250 kWh ved 14,5 °C og 1 250 kWh ved 24,0 °C."
func (s *spec) fitText() string {
	at := func(p Point) string { return s.formatUnit(p.Y) + " ved " + s.formatXUnit(p.X) }
	if len(s.fit) > maxFitVertices {
		return s.fitName + ": linje gjennom " + nb.Number(float64(len(s.fit)), 0) + " punkter, fra " +
			at(s.fit[0]) + " til " + at(s.fit[len(s.fit)-1]) + "."
	}
	parts := make([]string, len(s.fit))
	for i, p := range s.fit {
		parts[i] = at(p)
	}
	return s.fitName + ": " + listText(parts) + "."
}

// missingPointsText tells how many points were left out.
func (s *spec) missingPointsText() string {
	switch s.missingPoints {
	case 0:
		return ""
	case 1:
		return "Ett punkt uten verdi er utelatt."
	}
	return nb.Number(float64(s.missingPoints), 0) + " punkter uten verdi er utelatt."
}

// scatterSummary describes a scatter chart: the points' number and
// ranges, and the fitted line's vertices.
func (s *spec) scatterSummary() string {
	out := []string{s.summaryHead() + "."}
	switch {
	case len(s.points) == 0 && len(s.fit) == 0:
		out = append(out, noDataLabel+".")
	default:
		out = append(out, s.pointsText())
	}
	if len(s.fit) > 0 {
		out = append(out, s.fitText())
	}
	if t := s.missingPointsText(); t != "" {
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

// scatterTable writes a scatter chart's table: an x and a y column, with
// a group of rows for the fitted line's vertices and one for the points.
// The points are listed, by x, only when there are at most maxPointRows;
// more get a summary row (how many, and their ranges), since a year of
// days is no use as a table while the few vertices of the fitted line are
// the chart's message.
func (s *spec) scatterTable(b *bytes.Buffer) {
	w := writer{b}
	s.openTable(w, s.missingPointsText())
	xHead := s.xAxisTitle(axis{})
	if xHead == "" {
		xHead = "x"
	}
	yHead := cmp.Or(s.unit, defaultValueTitle)
	w.open("thead")
	w.open("tr")
	w.elem("th", xHead, "scope", "col")
	w.elem("th", yHead, "scope", "col")
	w.close("tr")
	w.close("thead")
	rows := func(class, head string, pts []Point) {
		w.open("tbody", "class", class)
		w.open("tr")
		w.elem("th", head, "scope", "rowgroup", "colspan", "2")
		w.close("tr")
		for _, p := range pts {
			w.open("tr")
			w.elem("th", s.formatX(p.X), "scope", "row", "class", "num")
			w.elem("td", s.format(p.Y), "class", "num")
			w.close("tr")
		}
		w.close("tbody")
	}
	if len(s.fit) > 0 {
		rows("fit", s.fitName, s.fit)
	}
	if len(s.points) <= maxPointRows {
		pts := slices.Clone(s.points)
		slices.SortStableFunc(pts, func(a, b Point) int { return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y)) })
		head := s.pointsName
		if len(pts) == 0 {
			head += ": " + strings.ToLower(noDataLabel)
		}
		rows("points", head, pts)
	} else {
		rows("points", strings.TrimSuffix(s.pointsText(), ".")+" (for mange til å vises hver for seg).", nil)
	}
	w.close("table")
}
