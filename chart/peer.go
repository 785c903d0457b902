package chart

import (
	"bytes"
	"math"

	"github.com/virk-analyse/virk/nb"
)

// Peer index layout.
const (
	peerLabelShare = 0.4 // at most this share of the width for row labels
	peerLabelLines = 3   // lines of a row label before it is cut
	peerBar        = 18  // bar thickness with one compared series
	peerGroupedBar = 13  // with several
	peerIndexDec   = 0   // decimals of an index label: "96"
)

// peerIndexes returns, for each compared series (all but the last), the
// index of each value against the reference (the last series): 100 ×
// value / reference. It is missing where either is, or where the
// reference is zero or negative and an index means nothing.
func (s *spec) peerIndexes() [][]float64 {
	ref := s.series[len(s.series)-1].Values
	out := make([][]float64, len(s.series)-1)
	for e := range out {
		out[e] = make([]float64, len(ref))
		for j, v := range s.series[e].Values {
			// A ratio to a zero or negative average has no meaning as an
			// index (it would flip or explode), so it is left missing.
			out[e][j] = math.NaN()
			if finite(v) && finite(ref[j]) && ref[j] > 0 {
				if idx := 100 * v / ref[j]; finite(idx) {
					out[e][j] = idx
				}
			}
		}
	}
	return out
}

// peerLayout is the layout of a peer index chart.
type peerLayout struct {
	plot   rect
	ax     axis
	xs     linear
	rowH   float64
	barH   float64
	labels [][]string // row labels, wrapped
	legend []legendItem
	annotY float64 // baseline of the "Snitt = 100" label
}

// layoutPeer lays out the chart, setting the height when it is automatic.
func (s *spec) layoutPeer(idx [][]float64) (*peerLayout, error) {
	W := float64(s.w)
	k := len(idx)
	pl := &peerLayout{labels: make([][]string, len(s.cats)), barH: peerBar}
	if k > 1 {
		pl.barH = peerGroupedBar
	}
	colW, lines := 0.0, 1
	for j, c := range s.cats {
		pl.labels[j], _ = wrapBalanced(c, fontSize, W*peerLabelShare, peerLabelLines, true)
		for _, l := range pl.labels[j] {
			colW = math.Max(colW, textWidth(l, fontSize))
		}
		lines = max(lines, len(pl.labels[j]))
	}
	top := float64(pad)
	{ // a legend even for one series: nothing else names it
		names := make([]string, k)
		for e := range names {
			names[e] = s.series[e].Name
		}
		var rows int
		pl.legend, rows = layoutLegend(names, barSwatch, pad, W)
		top += float64(rows) * legendRow
	}
	pl.annotY = top + annotRow - 4
	top += annotRow + 4
	bottom := 20.0 + pad/2
	// Every row is as high as the tallest needs, so that bars keep one
	// thickness and rows one rhythm.
	pl.rowH = math.Max(float64(lines)*lineHeight+10, float64(k)*pl.barH+12)
	if s.h == 0 {
		h := top + bottom + pl.rowH*float64(max(len(s.cats), 1))
		if h > maxSize {
			return nil, invalid("%d rows are too many for a peer index chart", len(s.cats))
		}
		s.h = int(math.Ceil(h))
	} else if len(s.cats) > 0 {
		pl.rowH = (float64(s.h) - top - bottom) / float64(len(s.cats))
	}
	if fit := max(1, int((pl.rowH-4)/lineHeight)); fit < lines { // a given height can squeeze the rows
		for j, c := range s.cats {
			pl.labels[j], _ = wrapBalanced(c, fontSize, W*peerLabelShare, fit, true)
		}
	}
	pl.plot = rect{X0: pad + colW + 12, Y0: top, X1: W - pad, Y1: float64(s.h) - bottom}
	if pl.plot.X1-pl.plot.X0 < minPlot || pl.plot.Y1-pl.plot.Y0 < minPlot {
		return nil, invalid("size %d×%d leaves no room for the plot", s.w, s.h)
	}
	var all []float64
	for _, row := range idx {
		all = append(all, row...)
	}
	lo, hi := barDomain(append(all, 100), nil, 0.1) // room right of the bars for their labels
	pl.ax = niceAxis(lo, hi, min(8, max(2, int((pl.plot.X1-pl.plot.X0)/90))))
	pl.plot.X1 -= math.Ceil(textWidth(pl.ax.label(pl.ax.Hi, false), fontSize) / 2) // the last tick label is centred on the end
	pl.xs = linear{D0: pl.ax.Lo, D1: pl.ax.Hi, R0: pl.plot.X0, R1: pl.plot.X1}
	return pl, nil
}

// renderPeer writes a peer index chart: one row per indicator, a bar per
// compared series from zero to its index, and a reference line at 100.
func (s *spec) renderPeer(b *bytes.Buffer) error {
	idx := s.peerIndexes()
	pl, err := s.layoutPeer(idx)
	if err != nil {
		return err
	}
	w := writer{b}
	s.openRoot(w)
	s.writePatterns(w, len(idx))
	w.open("g", "class", "axis axis-x")
	for _, t := range pl.ax.ticks() {
		x := pl.xs.at(t)
		w.line(x, pl.plot.Y0, x, pl.plot.Y1, "stroke", colorGrid, "stroke-width", "1")
		w.text(x, pl.plot.Y1+16, pl.ax.label(t, false), "text-anchor", "middle", "fill", colorMuted)
	}
	w.close("g")
	w.open("g", "class", "axis axis-y")
	for j, lines := range pl.labels {
		mid := pl.plot.Y0 + (float64(j)+0.5)*pl.rowH
		w.lines(pad, mid-float64(len(lines)-1)*lineHeight/2+4, lines)
	}
	w.close("g")
	if !anyFinite(idx) {
		x := (pl.plot.X0 + pl.plot.X1) / 2
		w.text(x, (pl.plot.Y0+pl.plot.Y1)/2+5, noDataLabel, "class", "no-data", "text-anchor", "middle", "font-size", "14")
	}
	for e := range idx {
		s.drawPeerSeries(w, pl, idx, e, false)
	}
	x0 := pl.xs.at(0)
	w.line(x0, pl.plot.Y0, x0, pl.plot.Y1, "stroke", colorAxis, "stroke-width", "1")
	x100 := pl.xs.at(100)
	w.open("g", "class", "reference")
	w.line(x100, pl.annotY+4, x100, pl.plot.Y1, "stroke", colorRef, "stroke-width", "2", "stroke-dasharray", "6 3")
	anchor, lw := "middle", textWidth(peerReferenceLabel, fontSize)
	if x100+lw/2 > float64(s.w)-pad {
		anchor = "end"
	}
	w.text(x100, pl.annotY, peerReferenceLabel, "text-anchor", anchor)
	w.close("g")
	for e := range idx { // over the reference line
		s.drawPeerSeries(w, pl, idx, e, true)
	}
	if len(pl.legend) > 0 {
		w.open("g", "class", "legend")
		for _, it := range pl.legend {
			w.void("rect", "x", f(it.x), "y", f(it.y-10), "width", f(barSwatch), "height", "12",
				"fill", s.fill(it.series), "stroke", palette[it.series], "stroke-width", "1.5")
			w.text(it.x+barSwatch+swatchGap, it.y, s.series[it.series].Name)
		}
		w.close("g")
	}
	w.close("svg")
	return nil
}

// drawPeerSeries writes compared series e's bars, or with labels set
// their index labels.
func (s *spec) drawPeerSeries(w writer, pl *peerLayout, idx [][]float64, e int, labels bool) {
	k := float64(len(idx))
	x0 := pl.xs.at(0)
	sw := "1"
	if e > 0 {
		sw = "1.5"
	}
	class := "series series-" + itoa(e)
	if labels {
		class = "values values-" + itoa(e)
	}
	w.open("g", "class", class)
	for j, v := range idx[e] {
		mid := pl.plot.Y0 + (float64(j)+0.5)*pl.rowH
		bh := math.Min(pl.barH, (pl.rowH-4)/k)
		y := mid - bh*k/2 + float64(e)*bh
		switch {
		case !finite(v) && labels:
			w.text(x0+4, y+bh/2+4, "–", "font-size", itoa(smallFontSize), "fill", colorMuted)
		case !finite(v):
		case labels && bh >= smallFontSize-1:
			x := pl.xs.at(v)
			t := nb.Number(v, peerIndexDec)
			lx, anchor := x+4, "start"
			if v < 0 {
				lx, anchor = x-4, "end"
			} else if x100 := pl.xs.at(100); lx < x100+3 && lx+textWidth(t, smallFontSize) > x100-3 {
				lx = x100 + 4 // clear of the reference line
			}
			w.text(lx, y+bh/2+4, t, withHalo("text-anchor", anchor, "font-size", itoa(smallFontSize))...)
		case !labels:
			x := pl.xs.at(v)
			w.void("rect", "x", f(math.Min(x, x0)), "y", f(y+0.5), "width", f(math.Abs(x-x0)), "height", f(bh-1),
				"fill", s.fill(e), "stroke", palette[e], "stroke-width", sw)
		}
	}
	w.close("g")
}

// anyFinite reports whether some row holds a number.
func anyFinite(rows [][]float64) bool {
	for _, r := range rows {
		for _, v := range r {
			if finite(v) {
				return true
			}
		}
	}
	return false
}
