package chart

import (
	"math"
	"strconv"
	"strings"
)

// Colours. Every colour that carries meaning has at least 4.5:1 contrast
// against white (tested), so series colours serve for lines, bar outlines
// and direct labels alike; WCAG asks 3:1 for graphics and 4.5:1 for text.
const (
	colorText   = "#222222" // labels
	colorMuted  = "#4d4d4d" // tick labels, break line
	colorAxis   = "#666666" // axis and zero lines
	colorGrid   = "#dddddd" // grid lines: decoration, no contrast needed
	colorTarget = "#b00020" // target line and label
	colorRef    = "#222222" // the peer index reference line at 100
)

// palette colours the series in order. The first two, blue and orange,
// stay apart for the common forms of colour blindness; dash patterns,
// markers and fills tell every series apart without colour.
var palette = [maxSeries]string{
	"#1f4e96", // blue
	"#b4461b", // orange
	"#2b7035", // green
	"#6a3d9a", // purple
	"#8a5700", // ochre
	"#a3195b", // raspberry
	"#00667e", // teal
	"#555555", // grey
}

// dashes are the lines' stroke-dasharray, one per series, all distinct.
var dashes = [maxSeries]string{"", "8 4", "2 3", "10 3 2 3", "4 2", "16 4", "10 3 2 3 2 3", "6 2 1 2"}

// markerShapes are the points' shapes as polygons around (0, 0) at unit
// radius; nil is a circle.
var markerShapes = [maxSeries][][2]float64{
	nil, // circle
	{{-0.85, -0.85}, {0.85, -0.85}, {0.85, 0.85}, {-0.85, 0.85}}, // square
	{{0, -1.25}, {1.1, 0.8}, {-1.1, 0.8}},                        // triangle
	{{0, -1.3}, {1.3, 0}, {0, 1.3}, {-1.3, 0}},                   // diamond
	{{0, 1.25}, {1.1, -0.8}, {-1.1, -0.8}},                       // triangle down
	cross(0),                                                     // plus
	cross(math.Pi / 4),                                           // x
	{{1, 0}, {0.5, 0.87}, {-0.5, 0.87}, {-1, 0}, {-0.5, -0.87}, {0.5, -0.87}}, // hexagon
}

// cross is a plus-shaped polygon turned by angle a.
func cross(a float64) [][2]float64 {
	const t, l = 0.4, 1.3 // half the arm's thickness, the arm's length
	pts := [][2]float64{{-t, -l}, {t, -l}, {t, -t}, {l, -t}, {l, t}, {t, t}, {t, l}, {-t, l}, {-t, t}, {-l, t}, {-l, -t}, {-t, -t}}
	sin, cos := math.Sincos(a)
	for i, p := range pts {
		pts[i] = [2]float64{p[0]*cos - p[1]*sin, p[0]*sin + p[1]*cos}
	}
	return pts
}

// marker writes series i's point marker at x, y with radius r.
func marker(w writer, i int, x, y, r float64) {
	shape := markerShapes[i%maxSeries]
	attrs := []string{"fill", palette[i%maxSeries], "stroke", "#fff", "stroke-width", "1"}
	if shape == nil {
		w.void("circle", append([]string{"cx", f(x), "cy", f(y), "r", f(r)}, attrs...)...)
		return
	}
	var pts strings.Builder
	for j, p := range shape {
		if j > 0 {
			pts.WriteByte(' ')
		}
		pts.WriteString(f(x + p[0]*r))
		pts.WriteByte(',')
		pts.WriteString(f(y + p[1]*r))
	}
	w.void("polygon", append([]string{"points", pts.String()}, attrs...)...)
}

// fillPatterns draw the bars of series 1 and on (series 0 is solid): a
// path in the series colour on white, in a tile of the given size.
var fillPatterns = [maxSeries]struct {
	size float64
	d    string
	sw   float64
	dot  bool // the path is filled, not stroked
}{
	{},
	{8, "M-2 2L2-2M0 8L8 0M6 10L10 6", 2, false},      // diagonal /
	{6, "M3 1A2 2 0 1 0 3 5A2 2 0 1 0 3 1Z", 0, true}, // dots
	{6, "M0 3H6", 2, false},                           // horizontal lines
	{8, "M-2 6L2 10M0 0L8 8M6-2L10 2", 2, false},      // diagonal \
	{8, "M0 0L8 8M8 0L0 8", 1.2, false},               // cross-hatch
	{6, "M3 0V6", 2, false},                           // vertical lines
	{8, "M0 4H8M4 0V8", 1.2, false},                   // grid
}

// patternID is the id of series i's fill pattern.
func (s *spec) patternID(i int) string { return s.id + "-fill-" + strconv.Itoa(i) }

// fill is the fill attribute of series i's bars.
func (s *spec) fill(i int) string {
	if i%maxSeries == 0 {
		return palette[0]
	}
	return "url(#" + s.patternID(i) + ")"
}

// writePatterns writes the <defs> with the fill patterns of series
// 1..n-1.
func (s *spec) writePatterns(w writer, n int) {
	if n < 2 {
		return
	}
	w.open("defs")
	for i := 1; i < n; i++ {
		p := fillPatterns[i%maxSeries]
		size := f(p.size)
		w.open("pattern", "id", s.patternID(i), "patternUnits", "userSpaceOnUse", "width", size, "height", size)
		w.void("rect", "width", size, "height", size, "fill", "#fff")
		if p.dot {
			w.void("path", "d", p.d, "fill", palette[i%maxSeries])
		} else {
			w.void("path", "d", p.d, "stroke", palette[i%maxSeries], "stroke-width", f(p.sw), "fill", "none")
		}
		w.close("pattern")
	}
	w.close("defs")
}
