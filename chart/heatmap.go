package chart

import (
	"bytes"
	"math"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

// Heat map limits and layout.
const (
	maxRows  = 200   // rows of a heat map
	maxCells = 50000 // cells of a heat map: over five years of hours
	// heatCellH is the height of a row when there are many, as the 24
	// hours of a day; up to heatTallRows rows get heatTallCellH, high
	// enough to label each.
	heatCellH     = 10
	heatTallRows  = 12
	heatTallCellH = 2 * fontSize
	minCellH      = 2  // the thinnest row a given Height may leave
	heatStepW     = 36 // width of a colour step in the legend
	heatSwatchH   = 12
	heatRowTitle  = "Time" // heads the table's first column: the rows are hours
	missingLabel  = "Mangler"
)

// heatRamp colours the steps from low to high: ColorBrewer's sequential
// "Blues", its eight darker classes (the lightest is too close to the
// white page). A single hue that only darkens reads the same with every
// form of colour blindness and in greyscale print.
var heatRamp = [...]string{"#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"}

// Missing cells are hatched, dark on light grey, so that they differ
// from every step by texture and not by colour alone.
const (
	missingFill  = "#f2f2f2"
	missingHatch = "#767676"
)

// setHeatmap checks and copies a heat map's row labels and grid.
func (s *spec) setHeatmap(c *Chart) error {
	if len(c.Series) > 0 {
		return invalid("a heat map takes Grid, not Series")
	}
	if len(c.Rows) > maxRows {
		return invalid("%d rows, more than %d", len(c.Rows), maxRows)
	}
	if len(c.Grid) != len(c.Rows) {
		return invalid("heat map has %d grid rows for %d Rows", len(c.Grid), len(c.Rows))
	}
	if len(c.Rows)*len(c.Categories) > maxCells {
		return invalid("%d×%d cells, more than %d", len(c.Rows), len(c.Categories), maxCells)
	}
	s.rows = make([]string, len(c.Rows))
	s.grid = make([][]float64, len(c.Grid))
	for r, row := range c.Grid {
		s.rows[r] = clean(c.Rows[r])
		if len(row) != len(s.cats) {
			return invalid("grid row %d (%q) has %d values for %d columns", r+1, s.rows[r], len(row), len(s.cats))
		}
		vals := make([]float64, len(row))
		for j, v := range row {
			switch {
			case !finite(v):
				v = math.NaN()
			case math.Abs(v) > maxAbs:
				return invalid("grid %q, %q: value %g beyond ±%g", s.rows[r], s.cats[j], v, maxAbs)
			}
			vals[j] = v
		}
		s.grid[r] = vals
	}
	return nil
}

// heatScale divides the values into n steps of a nice width: step i holds
// the values from Lo + i·Step up to, not including, the next boundary
// (the last step includes Hi).
type heatScale struct {
	ax axis
	n  int
}

// newHeatScale returns the scale of the finite values in grid, with as
// many steps as the ramp has colours or fewer, or false if there is no
// value. The steps start at the lowest value's nice floor, not at zero:
// a heat map shows where use is high or low, not how high.
func newHeatScale(grid [][]float64) (heatScale, bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range grid {
		for _, v := range row {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		return heatScale{}, false
	}
	lo, hi = spread(lo, hi)
	for k := len(heatRamp); k >= 1; k-- {
		a := niceAxisSteps(lo, hi, k)
		if n := int(math.Round((a.Hi - a.Lo) / a.Step)); n <= len(heatRamp) {
			return heatScale{ax: a, n: max(n, 1)}, true
		}
	}
	a := niceAxisSteps(lo, hi, 1) // unreachable: one step's axis has at most two
	return heatScale{ax: a, n: 1}, true
}

// step is the step of value v; −1 for a missing value.
func (h heatScale) step(v float64) int {
	if !finite(v) {
		return -1
	}
	// The nudge puts a value on a boundary, such as 0,3 with steps of
	// 0,1, in the step above, as the legend says, despite rounding.
	i := int(math.Floor((v-h.ax.Lo)/h.ax.Step + 1e-9))
	return min(max(i, 0), h.n-1)
}

// color is the fill of step i. Fewer steps than colours are spread over
// the whole ramp, so the lowest is always the lightest and the highest
// the darkest.
func (h heatScale) color(i int) string {
	if h.n == 1 {
		return heatRamp[len(heatRamp)/2]
	}
	return heatRamp[int(math.Round(float64(i)*float64(len(heatRamp)-1)/float64(h.n-1)))]
}

// bound is the value at the lower edge of step i; bound(n) is the top.
func (h heatScale) bound(i int) float64 { return h.ax.Lo + float64(i)*h.ax.Step }

// heatLayout is the layout of a heat map.
type heatLayout struct {
	plot      rect
	xs        band // column → x
	cellH     float64
	rowEvery  int      // label row r when r%rowEvery == 0
	colEvery  int      // label column j when j%colEvery == 0
	rowLabels []string // cut to fit
	colLabels []string
	scale     heatScale
	hasValue  bool
	missing   bool
	unit      string  // before the colour bar
	barX      float64 // left end of the colour bar
	stepW     float64
	boundEach int        // label boundary i when i%boundEach == 0 or it is the last
	missingAt [2]float64 // the missing swatch's left end and text baseline
}

// layoutHeat lays out the heat map, setting the height when it is
// automatic: the colour legend on top, hour labels left, day labels
// under the grid.
func (s *spec) layoutHeat() (*heatLayout, error) {
	W := float64(s.w)
	hl := &heatLayout{}
	hl.scale, hl.hasValue = newHeatScale(s.grid)
	for _, row := range s.grid {
		for _, v := range row {
			hl.missing = hl.missing || !finite(v)
		}
	}
	// The legend: unit, colour bar with the boundaries under it, and the
	// missing swatch after it or, when that does not fit, on a row below.
	top := float64(pad)
	missW := barSwatch + swatchGap + textWidth(missingLabel, fontSize)
	mx, my := float64(pad), top+fontSize-2
	if hl.hasValue {
		hl.unit = s.unit
		if e := hl.scale.ax.expText(); e != "" && hl.unit != "" {
			hl.unit += " (" + e + ")"
		} else if e != "" {
			hl.unit = e
		}
		labelW := 0.0
		for i := 0; i <= hl.scale.n; i++ {
			labelW = math.Max(labelW, textWidth(hl.scale.ax.label(hl.scale.bound(i), s.percent), fontSize))
		}
		hl.barX = pad + labelW/2
		if hl.unit != "" {
			hl.barX = math.Max(hl.barX, pad+textWidth(hl.unit, fontSize)+swatchGap)
		}
		avail := W - pad - labelW/2 - hl.barX
		hl.stepW = math.Min(heatStepW, avail/float64(hl.scale.n))
		if hl.stepW < 4 {
			return nil, invalid("width %d leaves no room for the legend", s.w)
		}
		hl.boundEach = max(1, int(math.Ceil((labelW+4)/hl.stepW)))
		end := hl.barX + hl.stepW*float64(hl.scale.n) + labelW/2
		mx, my = end+itemGap, top+heatSwatchH-2
		if mx+missW > W-pad {
			mx, my = pad, top+heatSwatchH+13+legendRow
		}
		top = math.Max(top+heatSwatchH+17, my+6)
	} else if hl.missing {
		top += legendRow
	}
	hl.missingAt = [2]float64{mx, my}
	top = math.Ceil(top + 6)
	const bottom = 20 + pad/2

	left := 0.0
	hl.rowLabels = make([]string, len(s.rows))
	for r, l := range s.rows {
		hl.rowLabels[r] = truncate(l, fontSize, 0.25*W)
		left = math.Max(left, textWidth(hl.rowLabels[r], fontSize))
	}
	left = math.Ceil(left + pad + tickGap)
	if W-pad-left < minPlot {
		return nil, invalid("width %d leaves no room for the plot", s.w)
	}
	rows := float64(len(s.rows))
	if s.h == 0 {
		hl.cellH = heatCellH
		if len(s.rows) <= heatTallRows {
			hl.cellH = heatTallCellH
		}
		plotH := hl.cellH * math.Max(rows, 3) // an empty map keeps room for "Ingen data"
		s.h = int(math.Ceil(top + plotH + bottom))
		if s.h > maxSize {
			return nil, invalid("%d rows are too many for a heat map", len(s.rows))
		}
	} else {
		hl.cellH = (float64(s.h) - top - bottom) / math.Max(rows, 3)
		if hl.cellH < minCellH {
			return nil, invalid("height %d leaves no room for %d rows", s.h, len(s.rows))
		}
	}
	hl.plot = rect{X0: left, Y0: top, X1: W - pad, Y1: top + hl.cellH*rows}
	hl.xs = band{X0: hl.plot.X0, X1: hl.plot.X1, N: len(s.cats)}

	// Rows get a label every 1, 2, 3, 4, 6 or 12 (divisors of a day's
	// hours), so that labels are at least two lines apart.
	hl.rowEvery = len(s.rows) + 1
	for _, e := range []int{1, 2, 3, 4, 6, 8, 12, 24, 48, 96, 192} {
		if float64(e)*hl.cellH >= 2*fontSize {
			hl.rowEvery = e
			break
		}
	}
	// Columns are labelled every one or two, or else every 7, 14, …:
	// a week, so that a grid starting on a Monday labels Mondays.
	maxW := 0.0
	hl.colLabels = make([]string, len(s.cats))
	for j, c := range s.cats {
		hl.colLabels[j] = truncate(c, fontSize, hl.plot.X1-hl.plot.X0-4)
		maxW = math.Max(maxW, textWidth(hl.colLabels[j], fontSize))
	}
	hl.colEvery = max(1, int(math.Ceil((maxW+8)/hl.xs.width())))
	if hl.colEvery > 2 {
		hl.colEvery = (hl.colEvery + 6) / 7 * 7
	}
	return hl, nil
}

// renderHeatmap writes a heat map: a cell per hour and day coloured by
// its step, missing cells hatched, and the colour legend with the steps'
// boundaries. The table beside it has the numbers.
func (s *spec) renderHeatmap(b *bytes.Buffer) error {
	hl, err := s.layoutHeat()
	if err != nil {
		return err
	}
	w := writer{b}
	s.openRoot(w)
	missingID := s.id + "-missing"
	if hl.missing {
		w.open("defs")
		w.open("pattern", "id", missingID, "patternUnits", "userSpaceOnUse", "width", "6", "height", "6")
		w.void("rect", "width", "6", "height", "6", "fill", missingFill)
		w.void("path", "d", "M-1 1L1-1M0 6L6 0M5 7L7 5", "stroke", missingHatch, "stroke-width", "1", "fill", "none")
		w.close("pattern")
		w.close("defs")
	}
	s.drawHeatLegend(w, hl, missingID)

	w.open("g", "class", "axis axis-y")
	for r, l := range hl.rowLabels {
		if r%hl.rowEvery == 0 && l != "" {
			y := hl.plot.Y0 + (float64(r)+0.5)*hl.cellH + 4
			w.text(hl.plot.X0-tickGap, y, l, "text-anchor", "end", "fill", colorMuted)
		}
	}
	w.close("g")
	w.open("g", "class", "axis axis-x")
	for j, l := range hl.colLabels {
		if j%hl.colEvery != 0 || l == "" {
			continue
		}
		x := hl.xs.center(j)
		w.line(x, hl.plot.Y1, x, hl.plot.Y1+4, "stroke", colorAxis, "stroke-width", "1")
		half := textWidth(l, fontSize) / 2 // kept inside the drawing
		w.text(math.Max(math.Min(x, float64(s.w)-2-half), 2+half), hl.plot.Y1+16, l, "text-anchor", "middle")
	}
	w.close("g")

	s.drawCells(w, hl, missingID)
	if !hl.hasValue {
		x, y := (hl.plot.X0+hl.plot.X1)/2, (hl.plot.Y0+math.Max(hl.plot.Y1, hl.plot.Y0+3*hl.cellH))/2
		w.text(x, y+5, noDataLabel, withHalo("class", "no-data", "text-anchor", "middle", "font-size", "14")...)
	}
	w.close("svg")
	return nil
}

// drawCells writes the cells. A run of cells of one step in a row is one
// horizontal stroke as thick as the row, "M x0 yH x1" (about 18 bytes),
// in one <path> per step: a <rect> per cell would take about 50 bytes a
// cell, over 100 kB for 24 hours × 84 days. Missing runs are hatched
// rects.
func (s *spec) drawCells(w writer, hl *heatLayout, missingID string) {
	paths := make([]strings.Builder, hl.scale.n)
	type run struct {
		r, j0, j1 int
	}
	var missing []run
	for r, row := range s.grid {
		y := f(hl.plot.Y0 + (float64(r)+0.5)*hl.cellH)
		for j := 0; j < len(row); {
			st := hl.scale.step(row[j])
			e := j + 1
			for e < len(row) && hl.scale.step(row[e]) == st {
				e++
			}
			if st < 0 {
				missing = append(missing, run{r, j, e})
			} else {
				paths[st].WriteString("M" + f(hl.xs.start(j)) + " " + y + "H" + f(hl.xs.start(e)))
			}
			j = e
		}
	}
	// Crisp edges: anti-aliased neighbours would leave faint seams
	// between the cells.
	w.open("g", "class", "cells", "fill", "none", "stroke-width", f(hl.cellH), "shape-rendering", "crispEdges")
	for i := range paths {
		if paths[i].Len() > 0 {
			w.void("path", "class", "step-"+itoa(i), "d", paths[i].String(), "stroke", hl.scale.color(i))
		}
	}
	for _, m := range missing {
		x0, x1 := hl.xs.start(m.j0), hl.xs.start(m.j1)
		w.void("rect", "class", "missing", "x", f(x0), "y", f(hl.plot.Y0+float64(m.r)*hl.cellH),
			"width", f(x1-x0), "height", f(hl.cellH), "fill", "url(#"+missingID+")")
	}
	w.close("g")
}

// drawHeatLegend writes the unit, a swatch per step with the boundaries'
// values under them, and the missing values' swatch.
func (s *spec) drawHeatLegend(w writer, hl *heatLayout, missingID string) {
	if !hl.hasValue && !hl.missing {
		return
	}
	w.open("g", "class", "legend")
	if hl.hasValue {
		y := float64(pad)
		if hl.unit != "" {
			w.text(pad, y+heatSwatchH-2, hl.unit, "class", "unit", "fill", colorMuted)
		}
		for i := range hl.scale.n {
			w.void("rect", "x", f(hl.barX+float64(i)*hl.stepW), "y", f(y), "width", f(hl.stepW), "height", itoa(heatSwatchH),
				"fill", hl.scale.color(i))
		}
		// The bar is outlined: its lightest step is close to white.
		w.void("rect", "x", f(hl.barX), "y", f(y), "width", f(hl.stepW*float64(hl.scale.n)), "height", itoa(heatSwatchH),
			"fill", "none", "stroke", colorAxis, "stroke-width", "1")
		for i := 0; i <= hl.scale.n; i++ {
			if i%hl.boundEach != 0 && i != hl.scale.n {
				continue
			}
			if i != hl.scale.n && hl.scale.n-i < hl.boundEach { // the last label has precedence
				continue
			}
			x := hl.barX + float64(i)*hl.stepW
			w.line(x, y+heatSwatchH, x, y+heatSwatchH+3, "stroke", colorAxis, "stroke-width", "1")
			w.text(x, y+heatSwatchH+14, hl.scale.ax.label(hl.scale.bound(i), s.percent), "text-anchor", "middle", "fill", colorMuted)
		}
	}
	if hl.missing {
		x, y := hl.missingAt[0], hl.missingAt[1]
		w.void("rect", "x", f(x), "y", f(y-10), "width", itoa(barSwatch), "height", itoa(heatSwatchH),
			"fill", "url(#"+missingID+")", "stroke", colorAxis, "stroke-width", "1")
		w.text(x+barSwatch+swatchGap, y, missingLabel)
	}
	w.close("g")
}

// rowStat is the mean, lowest and highest value of a row, and how many
// values it has.
type rowStat struct {
	mean, lo, hi float64
	n            int
}

// rowStats returns each row's statistics over the days; NaN where a row
// has no value.
func (s *spec) rowStats() []rowStat {
	out := make([]rowStat, len(s.grid))
	for r, row := range s.grid {
		st := rowStat{mean: math.NaN(), lo: math.NaN(), hi: math.NaN()}
		sum := 0.0
		for _, v := range row {
			if !finite(v) {
				continue
			}
			if st.n == 0 || v < st.lo {
				st.lo = v
			}
			if st.n == 0 || v > st.hi {
				st.hi = v
			}
			sum += v
			st.n++
		}
		if st.n > 0 {
			st.mean = sum / float64(st.n)
			if !finite(st.mean) { // a sum of values near ±1e100
				st.mean = st.lo/2 + st.hi/2
			}
		}
		out[r] = st
	}
	return out
}

// daysText says how many days the columns are and which: "56 døgn
// (1.10.–25.11.)".
func (s *spec) daysText() string {
	n := len(s.cats)
	t := nb.Number(float64(n), 0) + " døgn"
	if first, last := s.cats[0], s.cats[n-1]; n > 1 && first != last {
		return t + " (" + first + "–" + last + ")"
	}
	return t + " (" + s.cats[0] + ")"
}

// missingCellsText tells how many values are missing.
func (s *spec) missingCellsText() string {
	n := 0
	for _, row := range s.grid {
		for _, v := range row {
			if !finite(v) {
				n++
			}
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return "Én verdi mangler."
	}
	return nb.Number(float64(n), 0) + " verdier mangler."
}

// heatSummary describes a heat map by its pattern: the hours with the
// highest and lowest mean, and the highest single value. "Varmekart
// over strømforbruk for 56 døgn (1.10.–25.11.). Høyest snitt kl. 09
// (41 kWh), lavest snitt kl. 03 (12 kWh). Høyeste enkeltverdi 58 kWh
// (kl. 10, 3.10.)."
func (s *spec) heatSummary() string {
	head := s.summaryHead()
	if len(s.cats) > 0 {
		head += " for " + s.daysText()
	}
	out := []string{head + "."}
	stats := s.rowStats()
	hi, lo, rows := -1, -1, 0
	for r, st := range stats {
		if st.n == 0 {
			continue
		}
		rows++
		if hi < 0 || st.mean > stats[hi].mean {
			hi = r
		}
		if lo < 0 || st.mean < stats[lo].mean {
			lo = r
		}
	}
	if hi < 0 {
		return strings.Join(append(out, noDataLabel+"."), " ")
	}
	if rows == 1 {
		out = append(out, "Snitt kl. "+s.rows[hi]+": "+s.formatUnit(stats[hi].mean)+".")
	} else {
		out = append(out, "Høyest snitt kl. "+s.rows[hi]+" ("+s.formatUnit(stats[hi].mean)+"), lavest snitt kl. "+
			s.rows[lo]+" ("+s.formatUnit(stats[lo].mean)+").")
	}
	pr, pc := -1, -1
	for r, row := range s.grid {
		for j, v := range row {
			if finite(v) && (pr < 0 || v > s.grid[pr][pc]) {
				pr, pc = r, j
			}
		}
	}
	out = append(out, "Høyeste enkeltverdi "+s.formatUnit(s.grid[pr][pc])+" (kl. "+s.rows[pr]+", "+s.cats[pc]+").")
	if t := s.missingCellsText(); t != "" {
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

// heatTable writes a heat map's table: a row per hour with the mean,
// lowest and highest value over the days. That is the accessible form of
// the chart's message, the pattern by hour; the full grid, a row per day
// and 24 hour columns, would be too large to read or navigate. A column
// counts the days with a value when some are missing.
func (s *spec) heatTable(b *bytes.Buffer) {
	w := writer{b}
	var note []string
	if s.unit != "" {
		note = append(note, "Enhet: "+s.unit+".")
	}
	if len(s.cats) > 0 {
		note = append(note, "Snitt, laveste og høyeste verdi for hver time over "+s.daysText()+".")
	}
	missing := s.missingCellsText()
	if missing != "" {
		note = append(note, missing)
	}
	s.openTable(w, strings.Join(note, " "))
	heads := []string{heatRowTitle, "Snitt", "Laveste", "Høyeste"}
	if missing != "" {
		heads = append(heads, "Døgn med verdi")
	}
	w.open("thead")
	w.open("tr")
	for _, h := range heads {
		w.elem("th", h, "scope", "col")
	}
	w.close("tr")
	w.close("thead")
	w.open("tbody")
	for r, st := range s.rowStats() {
		w.open("tr")
		w.elem("th", s.rows[r], "scope", "row")
		for _, v := range []float64{st.mean, st.lo, st.hi} {
			w.elem("td", s.format(v), "class", "num")
		}
		if missing != "" {
			w.elem("td", nb.Number(float64(st.n), 0), "class", "num")
		}
		w.close("tr")
	}
	w.close("tbody")
	w.close("table")
}
