package chart

import (
	"bytes"
	"math"
	"slices"
)

// frame is the layout of a chart with categories across and values up:
// line and bar charts.
type frame struct {
	w, h     float64
	plot     rect
	ax       axis
	ticks    []float64
	ys       linear // value → y
	xs       band   // category → x
	xl       xLabels
	unit     string // text above the value axis
	legend   []legendItem
	swatch   float64 // width of the legend's swatches
	breakRow []int   // annotation row of each break's label
	annotY   float64 // top of the annotation rows
	// targetOut puts the target's label right of the plot, at height
	// targetY (a baseline), clear of bars and value labels. A chart with
	// a legend has the target in it instead, and a label too long for the
	// margin goes inside the plot.
	targetOut bool
	targetY   float64
}

// tickCount is about how many steps the value axis of a plot h pixels
// high gets: one per 50 px, from 2 to 8.
func tickCount(h float64) int {
	return min(8, max(2, int((h-80)/50)))
}

// newFrame lays out the chart for values lo..hi. With swatch > 0 it has a
// legend of the series names; right is the room kept right of the plot,
// for labels at the lines' ends.
func (s *spec) newFrame(lo, hi float64, swatch, right float64) (*frame, error) {
	fr := &frame{w: float64(s.w), h: float64(s.h), swatch: swatch}
	fr.ax = niceAxis(lo, hi, tickCount(fr.h))
	fr.ticks = fr.ax.ticks()
	left := 0.0
	for _, t := range fr.ticks {
		left = math.Max(left, textWidth(fr.ax.label(t, s.percent), fontSize))
	}
	left = math.Ceil(left + pad + tickGap) // whole pixels keep axis lines crisp
	fr.unit = s.unit
	if e := fr.ax.expText(); e != "" {
		if fr.unit != "" {
			fr.unit += " (" + e + ")"
		} else {
			fr.unit = e
		}
	}
	if s.target != nil && swatch == 0 { // with a legend, the target is in it
		if tw := textWidth(s.targetText(), fontSize); tw <= 0.3*fr.w {
			fr.targetOut = true
			right = math.Max(right, directGap+tw+pad)
		}
	}
	right = math.Ceil(math.Max(right, pad+4))
	if fr.w-left-right < minPlot {
		return nil, invalid("width %d leaves no room for the plot", s.w)
	}
	fr.xs = band{X0: left, X1: fr.w - right, N: len(s.cats)}

	top := float64(pad)
	if swatch > 0 {
		names := make([]string, len(s.series))
		for i, ser := range s.series {
			names[i] = ser.Name
		}
		if s.target != nil {
			names = append(names, s.targetText())
		}
		var rows int
		fr.legend, rows = layoutLegend(names, swatch, pad, fr.w)
		top += float64(rows) * legendRow
	}
	fr.annotY = top
	top += float64(fr.layoutAnnotations(s)) * annotRow
	top += 6 // half a tick label above the top tick

	fr.xl = layoutXLabels(s.cats, fr.xs.width(), fr.h)
	top = math.Ceil(top)
	bottom := math.Ceil(fr.xl.height + pad/2)
	fr.plot = rect{X0: left, Y0: top, X1: fr.w - right, Y1: fr.h - bottom}
	if fr.plot.Y1-fr.plot.Y0 < minPlot {
		return nil, invalid("height %d leaves no room for the plot", s.h)
	}
	fr.ys = linear{D0: fr.ax.Lo, D1: fr.ax.Hi, R0: fr.plot.Y1, R1: fr.plot.Y0}
	if fr.targetOut {
		fr.targetY = math.Min(math.Max(fr.y(s.target.Value), fr.plot.Y0), fr.plot.Y1) + 4
	}
	return fr, nil
}

// layoutAnnotations puts the unit label and the break labels in rows above
// the plot, so that none overlaps, and returns the number of rows.
func (fr *frame) layoutAnnotations(s *spec) int {
	var rows [][]span
	if fr.unit != "" {
		rows = append(rows, []span{{pad, pad + textWidth(fr.unit, fontSize)}})
	}
	spans := make([]span, len(s.breaks))
	lw := textWidth(breakLabel, fontSize)
	for i, b := range s.breaks {
		x := fr.xs.start(b)
		if x+4+lw <= fr.w-pad {
			spans[i] = span{x + 4, x + 4 + lw}
		} else {
			spans[i] = span{x - 4 - lw, x - 4}
		}
	}
	var n int
	fr.breakRow, n = assignRows(rows, spans)
	return n
}

// y is the position of value v.
func (fr *frame) y(v float64) float64 { return fr.ys.at(v) }

// drawGrid writes the grid lines and tick labels of the value axis.
func (fr *frame) drawGrid(w writer, s *spec) {
	w.open("g", "class", "axis axis-y")
	for _, t := range fr.ticks {
		y := fr.y(t)
		w.line(fr.plot.X0, y, fr.plot.X1, y, "stroke", colorGrid, "stroke-width", "1")
		w.text(fr.plot.X0-tickGap, y+4, fr.ax.label(t, s.percent), "text-anchor", "end", "fill", colorMuted)
	}
	w.close("g")
}

// drawBaseline writes the category axis line at zero, or at the bottom
// when zero is below the plot.
func (fr *frame) drawBaseline(w writer) {
	y := fr.plot.Y1
	if fr.ax.Lo < 0 && fr.ax.Hi >= 0 {
		y = fr.y(0)
	}
	w.line(fr.plot.X0, y, fr.plot.X1, y, "stroke", colorAxis, "stroke-width", "1")
}

// drawXLabels writes the category labels under the plot.
func (fr *frame) drawXLabels(w writer, s *spec) {
	w.open("g", "class", "axis axis-x")
	y := fr.plot.Y1 + 16
	for i, lines := range fr.xl.lines {
		if i%fr.xl.every != 0 {
			continue
		}
		x := fr.xs.center(i)
		switch fr.xl.mode {
		case xRotated:
			if lines[0] == "" {
				continue
			}
			y0 := fr.plot.Y1 + 10
			w.text(x+4, y0, lines[0], "text-anchor", "end", "transform", "rotate(-45 "+f(x+4)+" "+f(y0)+")")
		default: // kept inside the drawing when thinned labels are wider than their band
			half := 0.0
			for _, l := range lines {
				half = math.Max(half, textWidth(l, fontSize)/2)
			}
			x = math.Max(math.Min(x, fr.w-2-half), 2+half)
			w.lines(x, y, lines, "text-anchor", "middle")
		}
	}
	w.close("g")
}

// drawAnnotations writes the unit label and the series breaks.
func (fr *frame) drawAnnotations(w writer, s *spec) {
	rowY := func(r int) float64 { return fr.annotY + float64(r+1)*annotRow - 4 }
	if fr.unit != "" {
		w.text(pad, rowY(0), fr.unit, "class", "unit", "fill", colorMuted)
	}
	if len(s.breaks) == 0 {
		return
	}
	w.open("g", "class", "breaks")
	lw := textWidth(breakLabel, fontSize)
	for i, b := range s.breaks {
		x := fr.xs.start(b)
		y := rowY(fr.breakRow[i])
		w.line(x, y-fontSize+2, x, fr.plot.Y1, "stroke", colorMuted, "stroke-width", "1.5", "stroke-dasharray", "5 3")
		if x+4+lw <= fr.w-pad {
			w.text(x+4, y, breakLabel, "fill", colorMuted)
		} else {
			w.text(x-4, y, breakLabel, "text-anchor", "end", "fill", colorMuted)
		}
	}
	w.close("g")
}

// drawTarget writes the target line across the plot, labelled in the
// legend, right of the plot, or inside at its right end, above the line
// unless that leaves the plot.
func (fr *frame) drawTarget(w writer, s *spec) {
	if s.target == nil {
		return
	}
	y := fr.y(s.target.Value)
	w.open("g", "class", "target")
	w.line(fr.plot.X0, y, fr.plot.X1, y, "stroke", colorTarget, "stroke-width", "2")
	switch {
	case len(fr.legend) > 0:
		w.close("g")
		return
	case fr.targetOut:
		w.text(fr.plot.X1+directGap, fr.targetY, s.targetText(), "fill", colorTarget)
		w.close("g")
		return
	}
	ly := y - 5
	if ly-fontSize < fr.plot.Y0 {
		ly = y + fontSize + 3
	}
	w.text(fr.plot.X1-4, ly, s.targetText(), withHalo("text-anchor", "end", "fill", colorTarget)...)
	w.close("g")
}

// drawLegend writes the legend; line legends show dash and marker, bar
// legends the fill. The item after the series is the target.
func (fr *frame) drawLegend(w writer, s *spec) {
	if len(fr.legend) == 0 {
		return
	}
	w.open("g", "class", "legend")
	for _, it := range fr.legend {
		i := it.series
		cy := it.y - 4
		if i == len(s.series) {
			w.line(it.x, cy, it.x+fr.swatch, cy, "stroke", colorTarget, "stroke-width", "2")
			w.text(it.x+fr.swatch+swatchGap, it.y, s.targetText(), "fill", colorTarget)
			continue
		}
		if fr.swatch == lineSwatch {
			w.line(it.x, cy, it.x+lineSwatch, cy, lineAttrs(i)...)
			marker(w, i, it.x+lineSwatch/2, cy, 4)
		} else {
			w.void("rect", "x", f(it.x), "y", f(cy-6), "width", f(barSwatch), "height", "12",
				"fill", s.fill(i), "stroke", palette[i%maxSeries], "stroke-width", "1.5")
		}
		w.text(it.x+fr.swatch+swatchGap, it.y, s.series[i].Name)
	}
	w.close("g")
}

// renderEmpty writes a line or bar chart without a single value: the
// categories and "Ingen data". The target is left out, since there is
// nothing to compare with it; the description still gives it.
func (s *spec) renderEmpty(b *bytes.Buffer) error {
	bare := *s
	bare.target, bare.breaks = nil, nil
	fr, err := bare.newFrame(0, 1, 0, 0)
	if err != nil {
		return err
	}
	w := writer{b}
	s.openRoot(w)
	fr.drawXLabels(w, s)
	fr.drawBaseline(w)
	x := (fr.plot.X0 + fr.plot.X1) / 2
	y := (fr.plot.Y0 + fr.plot.Y1) / 2
	w.text(x, y+5, noDataLabel, "class", "no-data", "text-anchor", "middle", "font-size", "14")
	w.close("svg")
	return nil
}

// lineAttrs are the stroke attributes of series i's line.
func lineAttrs(i int) []string {
	return []string{"fill", "none", "stroke", palette[i%maxSeries], "stroke-width", "2.5",
		"stroke-dasharray", dashes[i%maxSeries], "stroke-linejoin", "round"}
}

// isBreak reports whether a series break starts at category j.
func (s *spec) isBreak(j int) bool {
	_, ok := slices.BinarySearch(s.breaks, j)
	return ok
}
