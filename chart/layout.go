package chart

import (
	"math"
)

// rect is an area of the drawing.
type rect struct{ X0, Y0, X1, Y1 float64 }

// Spacing in pixels.
const (
	pad         = 8   // around the drawing
	tickGap     = 6   // between the plot and its tick labels
	legendRow   = 20  // height of a legend row
	annotRow    = 16  // height of a row of unit and break labels
	minPlot     = 30  // smallest plot width and height
	maxRotLabel = 180 // longest turned label, if the height allows
	xLabelLines = 3   // lines of a wrapped category label
	minWrapRoom = 60  // bands at least this wide get cut labels, not turned ones
	directGap   = 8   // between a line's end and its label
	minLabelGap = 14
)

// X label modes.
const (
	xHorizontal = iota // one line, centred under its band
	xWrapped           // up to two lines, centred
	xRotated           // turned 45°, ending under its band
)

// xLabels is the layout of the category labels under the plot.
type xLabels struct {
	mode   int
	every  int        // label category i when i%every == 0
	lines  [][]string // the text of each label, per line
	height float64    // space taken below the plot
}

// layoutXLabels fits the category labels under bands of width bw: on one
// line, wrapped on up to three (cut with an ellipsis if even that is too
// little in a wide band), or, in narrow bands, turned by 45° and cut to
// take at most 40 % of the height h; thinned when there are too many to
// show each. The table has every label in full.
func layoutXLabels(cats []string, bw, h float64) xLabels {
	xl := xLabels{mode: xHorizontal, every: 1, lines: make([][]string, len(cats)), height: 20}
	maxW := 0.0
	for _, c := range cats {
		maxW = math.Max(maxW, textWidth(c, fontSize))
	}
	room := bw - 4
	if maxW <= room || maxW <= 48 { // short labels such as years: thin, never turn
		if maxW > room {
			xl.every = int(math.Ceil((maxW + 8) / bw)) // 8 px between labels
		}
		for i, c := range cats {
			xl.lines[i] = []string{c}
		}
		return xl
	}
	wrapped, ok := make([][]string, len(cats)), true
	for i, c := range cats {
		wrapped[i], ok = wrapBalanced(c, fontSize, room, xLabelLines, false)
		if !ok {
			break
		}
	}
	if !ok && room >= minWrapRoom { // wide bands: cut the label rather than turn it
		for i, c := range cats {
			wrapped[i], _ = wrapBalanced(c, fontSize, room, xLabelLines, true)
		}
		ok = true
	}
	if ok {
		n := 1
		for _, l := range wrapped {
			n = max(n, len(l))
		}
		xl.mode, xl.lines, xl.height = xWrapped, wrapped, 20+float64(n-1)*lineHeight
		return xl
	}
	xl.mode = xRotated
	xl.every = max(1, int(math.Ceil(18/bw))) // turned labels need 18 px apart
	// A turned label of width w takes (w + font size) × sin 45° + 14 px.
	limit := math.Min(maxRotLabel, (0.4*h-14)/(math.Sqrt2/2)-fontSize)
	limit = math.Max(limit, 40)
	longest := 0.0
	for i, c := range cats {
		t := truncate(c, fontSize, limit)
		xl.lines[i] = []string{t}
		if i%xl.every == 0 {
			longest = math.Max(longest, textWidth(t, fontSize))
		}
	}
	xl.height = 10 + (longest+fontSize)*math.Sqrt2/2 + 4
	return xl
}

// legendItem is one entry of a legend, placed.
type legendItem struct {
	series int
	x, y   float64 // the swatch's left end and the text's baseline
}

// Legend swatch widths.
const (
	lineSwatch = 28
	barSwatch  = 14
	swatchGap  = 6
	itemGap    = 18
)

// layoutLegend places the legend of the series names in rows from x0,
// wrapping at width w. It returns the items and the number of rows.
func layoutLegend(names []string, swatch, x0, w float64) ([]legendItem, int) {
	items := make([]legendItem, len(names))
	x, row := x0, 0
	for i, n := range names {
		iw := swatch + swatchGap + textWidth(n, fontSize)
		if x > x0 && x+iw > w-pad {
			x, row = x0, row+1
		}
		items[i] = legendItem{series: i, x: x, y: pad + float64(row)*legendRow + fontSize}
		x += iw + itemGap
	}
	return items, row + 1
}

// placeLabels spreads labels wanted at heights ys (baselines) so that
// they are at least gap apart, inside top..bottom, keeping their order.
// It reports false when they cannot fit.
func placeLabels(ys []float64, gap, top, bottom float64) ([]float64, bool) {
	n := len(ys)
	if n == 0 {
		return nil, true
	}
	if float64(n-1)*gap > bottom-top {
		return nil, false
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// Sort by wanted height, stably, by insertion: there are few series.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && ys[order[j]] < ys[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	out := make([]float64, n)
	prev := math.Inf(-1)
	for _, k := range order { // push down
		y := math.Max(math.Max(ys[k], top), prev+gap)
		out[k], prev = y, y
	}
	next := math.Inf(1)
	for i := n - 1; i >= 0; i-- { // push back up from the bottom
		k := order[i]
		y := math.Min(math.Min(out[k], bottom), next-gap)
		out[k], next = y, y
	}
	return out, true
}

// span is a horizontal extent of a label.
type span struct{ x0, x1 float64 }

// assignRows puts each span in the first row where it overlaps nothing,
// starting with the spans already in rows, and returns each span's row.
func assignRows(rows [][]span, spans []span) ([]int, int) {
	out := make([]int, len(spans))
	for i, sp := range spans {
		r := 0
		for ; r < len(rows); r++ {
			free := true
			for _, o := range rows[r] {
				if sp.x0 < o.x1+4 && o.x0 < sp.x1+4 {
					free = false
					break
				}
			}
			if free {
				break
			}
		}
		if r == len(rows) {
			rows = append(rows, nil)
		}
		rows[r] = append(rows[r], sp)
		out[i] = r
	}
	return out, len(rows)
}
