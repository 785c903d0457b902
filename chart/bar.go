package chart

import (
	"bytes"
	"math"
)

// Share of a category's band that its bars fill.
const (
	barShare     = 0.6  // one series
	groupedShare = 0.78 // several series
)

// renderBars writes a bar or grouped bar chart. Bars grow from zero, so
// the value axis always includes it. Series after the first are filled
// with patterns and named in a legend; a single series needs neither.
func (s *spec) renderBars(b *bytes.Buffer) error {
	var vals []float64
	for _, ser := range s.series {
		vals = append(vals, ser.Values...)
	}
	frac := 0.05
	if s.valueLabels {
		frac = 0.12 // room for the labels over the highest bar
	}
	lo, hi := barDomain(vals, s.target, frac)
	swatch := 0.0
	if len(s.series) > 1 {
		swatch = barSwatch
	}
	if !s.anyValue() {
		return s.renderEmpty(b)
	}
	fr, err := s.newFrame(lo, hi, swatch, 0)
	if err != nil {
		return err
	}
	w := writer{b}
	s.openRoot(w)
	s.writePatterns(w, len(s.series))
	fr.drawGrid(w, s)
	fr.drawAnnotations(w, s)
	fr.drawXLabels(w, s)
	for i := range s.series {
		s.drawBarSeries(w, fr, i)
	}
	w.line(fr.plot.X0, fr.y(0), fr.plot.X1, fr.y(0), "stroke", colorAxis, "stroke-width", "1")
	fr.drawTarget(w, s) // over the bars, so that it stays visible
	if s.valueLabels {
		for i := range s.series {
			s.drawBarLabels(w, fr, i)
		}
	}
	fr.drawLegend(w, s)
	w.close("svg")
	return nil
}

// barSlot is the left edge and width of series i's bar in category j.
func (s *spec) barSlot(fr *frame, i, j int) (x, width float64) {
	bw := fr.xs.width()
	share := barShare
	if len(s.series) > 1 {
		share = groupedShare
	}
	group := bw * share
	each := group / float64(len(s.series))
	gap := 0.0
	if len(s.series) > 1 {
		gap = math.Min(2, each*0.15)
	}
	x = fr.xs.center(j) - group/2 + float64(i)*each + gap/2
	return x, each - gap
}

// drawBarSeries writes the bars of series i, with a dash for each missing
// value so that it is not read as zero.
func (s *spec) drawBarSeries(w writer, fr *frame, i int) {
	ser := s.series[i]
	// Every bar is outlined in its series colour: a patterned bar is
	// mostly white, and the outline is what gives it the 3:1 contrast
	// with the background that WCAG 1.4.11 asks of graphics.
	sw := "1"
	if i > 0 {
		sw = "1.5"
	}
	y0 := fr.y(0)
	w.open("g", "class", "series series-"+itoa(i))
	for j, v := range ser.Values {
		x, bw := s.barSlot(fr, i, j)
		cx := x + bw/2
		if !finite(v) {
			// An empty slot reads as zero; a dash says "no value", as
			// in the table.
			if bw >= 6 {
				w.text(cx, y0-4, "–", "text-anchor", "middle", "font-size", itoa(smallFontSize), "fill", colorMuted)
			}
			continue
		}
		y := fr.y(v)
		w.void("rect", "x", f(x), "y", f(math.Min(y, y0)), "width", f(bw), "height", f(math.Abs(y0-y)),
			"fill", s.fill(i), "stroke", palette[i%maxSeries], "stroke-width", sw)
	}
	w.close("g")
}

// drawBarLabels writes the value labels of series i's bars where there is
// room, over the target line.
func (s *spec) drawBarLabels(w writer, fr *frame, i int) {
	w.open("g", "class", "values values-"+itoa(i))
	room := fr.xs.width() - 2
	if len(s.series) > 1 { // the bar, its gap and a little of the next
		_, bw := s.barSlot(fr, i, 0)
		room = bw + math.Min(2, bw*0.15) + 2
	}
	for j, v := range s.series[i].Values {
		t := s.format(v)
		if !finite(v) || textWidth(t, smallFontSize) > room {
			continue
		}
		x, bw := s.barSlot(fr, i, j)
		y := fr.y(v) - 4
		if v < 0 {
			y = fr.y(v) + smallFontSize + 2
		}
		w.text(x+bw/2, y, t, withHalo("text-anchor", "middle", "font-size", itoa(smallFontSize))...)
	}
	w.close("g")
}
