package chart

import (
	"bytes"
	"math"
	"strings"
)

// markerRadius is the size of line markers; they are left out when the
// categories are closer than minMarkerBand.
const (
	markerRadius  = 4
	minMarkerBand = 10
)

// renderLine writes a line chart. Series are labelled at their ends when
// every one ends at the last category and the labels fit beside the plot;
// otherwise several series get a legend.
func (s *spec) renderLine(b *bytes.Buffer) error {
	var vals []float64
	for _, ser := range s.series {
		vals = append(vals, ser.Values...)
	}
	if !s.anyValue() {
		return s.renderEmpty(b)
	}
	lo, hi := lineDomain(vals, s.target)
	fr, labelY, err := s.directFrame(lo, hi)
	if err != nil {
		return err
	}
	if fr == nil {
		swatch := 0.0
		if len(s.series) > 1 {
			swatch = lineSwatch
		}
		if fr, err = s.newFrame(lo, hi, swatch, 0); err != nil {
			return err
		}
	}
	w := writer{b}
	s.openRoot(w)
	fr.drawGrid(w, s)
	fr.drawAnnotations(w, s)
	fr.drawTarget(w, s)
	fr.drawXLabels(w, s)
	fr.drawBaseline(w)
	for i := range s.series {
		s.drawLineSeries(w, fr, i)
	}
	if labelY != nil {
		w.open("g", "class", "labels")
		for i, ser := range s.series {
			if ser.Name != "" {
				w.text(fr.plot.X1+directGap, labelY[i]+4, ser.Name, "fill", palette[i])
			}
		}
		w.close("g")
	}
	fr.drawLegend(w, s)
	w.close("svg")
	return nil
}

// directFrame lays out the chart with each named series labelled right of
// its last point, and returns the labels' heights. It returns a nil frame
// when that does not work: a series ends early, the names are too long,
// or the labels cannot be spread without overlapping.
func (s *spec) directFrame(lo, hi float64) (*frame, []float64, error) {
	last := len(s.cats) - 1
	nameW := 0.0
	for _, ser := range s.series {
		if ser.Name == "" {
			continue
		}
		if last < 0 || !finite(ser.Values[last]) {
			return nil, nil, nil
		}
		nameW = math.Max(nameW, textWidth(ser.Name, fontSize))
	}
	right := directGap + nameW + pad
	if nameW == 0 || right > 0.3*float64(s.w) {
		return nil, nil, nil
	}
	fr, err := s.newFrame(lo, hi, 0, right)
	if err != nil {
		return nil, nil, err
	}
	want := make([]float64, 0, len(s.series)+1)
	for _, ser := range s.series {
		if ser.Name != "" {
			want = append(want, fr.y(ser.Values[last]))
		}
	}
	if fr.targetOut { // the target's label shares the margin
		want = append(want, fr.y(s.target.Value))
	}
	got, ok := placeLabels(want, minLabelGap, fr.plot.Y0, fr.plot.Y1)
	if !ok {
		return nil, nil, nil
	}
	if fr.targetOut {
		fr.targetY = got[len(got)-1] + 4
	}
	ys := make([]float64, len(s.series))
	k := 0
	for i, ser := range s.series {
		if ser.Name != "" {
			ys[i], k = got[k], k+1
		}
	}
	return fr, ys, nil
}

// drawLineSeries writes series i: its line, broken at missing values and
// series breaks, its markers and its value labels.
func (s *spec) drawLineSeries(w writer, fr *frame, i int) {
	ser := s.series[i]
	bw := fr.xs.width()
	markers := bw >= minMarkerBand
	w.open("g", "class", "series series-"+itoa(i))
	var d strings.Builder
	// The path restarts after a missing value and at a series break:
	// a line across a break would draw a change that did not happen.
	var isolated []int // points with no neighbour to join
	run := 0
	for j, v := range ser.Values {
		if !finite(v) || s.isBreak(j) {
			if run == 1 {
				isolated = append(isolated, j-1)
			}
			run = 0
		}
		if !finite(v) {
			continue
		}
		if run == 0 {
			d.WriteString("M")
		} else {
			d.WriteString("L")
		}
		d.WriteString(f(fr.xs.center(j)) + " " + f(fr.y(v)))
		run++
	}
	if run == 1 {
		isolated = append(isolated, len(ser.Values)-1)
	}
	if d.Len() > 0 {
		w.void("path", append([]string{"d", d.String()}, lineAttrs(i)...)...)
	}
	for j, v := range ser.Values {
		if finite(v) && markers {
			marker(w, i, fr.xs.center(j), fr.y(v), markerRadius)
		}
	}
	if !markers {
		for _, j := range isolated { // a lone point is invisible without a marker
			w.void("circle", "cx", f(fr.xs.center(j)), "cy", f(fr.y(ser.Values[j])), "r", "2", "fill", palette[i%maxSeries])
		}
	}
	if s.valueLabels {
		for j, v := range ser.Values {
			t := s.format(v)
			if !finite(v) || textWidth(t, smallFontSize) > bw-2 {
				continue
			}
			y := fr.y(v) - markerRadius - 4
			if s.dipsAt(ser.Values, j) {
				y = fr.y(v) + markerRadius + smallFontSize + 2
			}
			w.text(fr.xs.center(j), y, t,
				withHalo("text-anchor", "middle", "font-size", itoa(smallFontSize), "fill", palette[i%maxSeries])...)
		}
	}
	w.close("g")
}

// dipsAt reports whether the line is lower at j than at its joined
// neighbours, so that a value label goes below the point, away from the
// line.
func (s *spec) dipsAt(vals []float64, j int) bool {
	sum, n := 0.0, 0
	if j > 0 && finite(vals[j-1]) && !s.isBreak(j) {
		sum, n = sum+vals[j-1], n+1
	}
	if j+1 < len(vals) && finite(vals[j+1]) && !s.isBreak(j+1) {
		sum, n = sum+vals[j+1], n+1
	}
	return n > 0 && vals[j] < sum/float64(n)
}

// renderSpark writes a sparkline: the line, a dot on the last value and
// on values with no neighbour, and a faint target line; no text except
// "Ingen data".
func (s *spec) renderSpark(w writer) {
	s.openRoot(w)
	ser := s.series[0]
	W, H := float64(s.w), float64(s.h)
	if !s.anyValue() {
		w.text(W/2, H/2+4, noDataLabel, "text-anchor", "middle", "font-size", itoa(smallFontSize))
		w.close("svg")
		return
	}
	lo, hi, _ := extent(ser.Values, s.target)
	lo, hi = spread(lo, hi)
	const m = 3                // room for the dots
	x := func(j int) float64 { // edge to edge: a sparkline has no room to spare
		if len(ser.Values) == 1 {
			return W / 2
		}
		return m + float64(j)*(W-2*m)/float64(len(ser.Values)-1)
	}
	ys := linear{D0: lo, D1: hi, R0: H - m, R1: m}
	if s.target != nil {
		y := ys.at(s.target.Value)
		w.line(m, y, W-m, y, "stroke", colorTarget, "stroke-width", "1", "stroke-dasharray", "2 2")
	}
	var d strings.Builder
	var dots []int // the last point and points with no neighbour
	run := 0
	for j, v := range ser.Values {
		if !finite(v) || s.isBreak(j) {
			if run == 1 {
				dots = append(dots, j-1)
			}
			run = 0
		}
		if !finite(v) {
			continue
		}
		if run == 0 {
			d.WriteString("M")
		} else {
			d.WriteString("L")
		}
		d.WriteString(f(x(j)) + " " + f(ys.at(v)))
		run++
	}
	last := len(ser.Values) - 1
	for !finite(ser.Values[last]) {
		last--
	}
	if len(dots) == 0 || dots[len(dots)-1] != last {
		dots = append(dots, last)
	}
	w.void("path", "d", d.String(), "fill", "none", "stroke", palette[0], "stroke-width", "1.5", "stroke-linejoin", "round")
	for _, j := range dots {
		r := "1.5"
		if j == last {
			r = "2.5"
		}
		w.void("circle", "cx", f(x(j)), "cy", f(ys.at(ser.Values[j])), "r", r, "fill", palette[0])
	}
	w.close("svg")
}

// itoa formats a small integer.
func itoa(i int) string {
	if i >= 0 && i < 10 {
		return string(rune('0' + i))
	}
	return f(float64(i))
}
