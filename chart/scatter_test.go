package chart

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// noise is a deterministic stream of numbers in [−1, 1) (splitmix64), so
// that the golden files do not depend on math/rand's algorithms.
type noise uint64

func (n *noise) next() float64 {
	*n += 0x9e3779b97f4a7c15
	z := uint64(*n)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11)/(1<<52) - 1
}

// round1 rounds to one decimal, as a meter or thermometer reports.
func round1(v float64) float64 { return math.Round(v*10) / 10 }

// signatureBase, signatureBalance and signatureSlope are the model behind
// the made-up energy signature: a base load of 1 250 kWh a day, and 110
// kWh more for each degree below 15 °C.
const (
	signatureBase    = 1250
	signatureBalance = 15
	signatureSlope   = 110
)

// energySignature makes a year of days: the mean outdoor temperature, as
// around Oslo, and the day's energy use after the model with noise. Days
// 40 and 200 have no temperature.
func energySignature() []Point {
	n := noise(2024)
	pts := make([]Point, 365)
	for d := range pts {
		t := round1(6 - 10*math.Cos(2*math.Pi*float64(d-20)/365) + 4*n.next())
		e := math.Round(signatureBase + signatureSlope*math.Max(0, signatureBalance-t) + 120*n.next())
		pts[d] = Point{X: t, Y: e}
	}
	pts[40].X, pts[200].X = nan, math.Inf(1)
	return pts
}

// signatureFit is the model over the points' temperatures: three
// vertices, the rise below the balance point and the base load above.
func signatureFit(pts []Point) []Point {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		if finite(p.X) {
			lo, hi = math.Min(lo, p.X), math.Max(hi, p.X)
		}
	}
	return []Point{
		{X: lo, Y: signatureBase + signatureSlope*(signatureBalance-lo)},
		{X: signatureBalance, Y: signatureBase},
		{X: hi, Y: signatureBase},
	}
}

// energySignatureChart is the energy signature of every every-th day.
func energySignatureChart(id string, every int) Chart {
	var pts []Point
	for i, p := range energySignature() {
		if i%every == 0 {
			pts = append(pts, p)
		}
	}
	return Chart{
		Kind: Scatter, ID: id, Title: "Energisignatur for Rådhuset",
		Points: pts, Fit: signatureFit(pts),
		PointsName: "Målt døgn", FitName: "Tilpasset modell",
		XTitle: "Døgnmiddeltemperatur", XUnit: "°C", XDecimals: 1,
		Unit: "kWh", Decimals: 0,
	}
}

// scatterEdgeCases are scatter charts at the edges of the input.
func scatterEdgeCases() map[string]Chart {
	sc := func(pts, fit []Point) Chart {
		return Chart{Kind: Scatter, Title: "Punkter", Points: pts, Fit: fit, Unit: "kWh"}
	}
	many := make([]Point, maxPoints)
	n := noise(1)
	for i := range many {
		many[i] = Point{X: 10 * n.next(), Y: 100 + 50*n.next()}
	}
	return map[string]Chart{
		"scatter no points":  sc(nil, nil),
		"scatter all NaN":    sc([]Point{{nan, 1}, {2, nan}, {math.Inf(-1), 3}}, nil),
		"scatter fit only":   sc(nil, []Point{{-5, 10}, {15, 2}, {25, 2}}),
		"scatter one point":  sc([]Point{{3, 7}}, nil),
		"scatter same point": sc([]Point{{3, 7}, {3, 7}, {3, 7}}, []Point{{3, 7}, {3, 7}}),
		"scatter huge":       sc([]Point{{-1e100, 1e100}, {1e100, -1e100}, {2e9, 5e-324}}, nil),
		"scatter percent":    {Kind: Scatter, Title: "Andel", Points: []Point{{1, 20}, {2, 35.5}}, Percent: true, Decimals: 1},
		"scatter smallest":   {Kind: Scatter, Title: "Minst", Width: 120, Height: 80, Points: []Point{{1, 2}, {3, 4}}},
		"scatter small":      {Kind: Scatter, Title: "Liten", Width: 200, Height: 120, Points: []Point{{1, 2}, {3, 4}}, Fit: []Point{{1, 2}, {3, 4}}},
		"scatter max":        sc(many, nil),
		"scatter escaping":   {Kind: Scatter, Title: "<a & b>", XTitle: `"x"`, XUnit: "<°C>", PointsName: "&", FitName: "<", Points: []Point{{1, 2}}, Fit: []Point{{0, 0}, {1, 1}}},
	}
}

// TestScatter_Ticks checks both axes of two known points: the x axis
// padded to −15…25 in steps of 5, the y axis to 500…3 500, in bokmål.
func TestScatter_Ticks(t *testing.T) {
	c := Chart{Kind: Scatter, Title: "To punkter", Points: []Point{{-10, 1000}, {20, 3000}}, XTitle: "Temperatur", XUnit: "°C", Unit: "kWh"}
	_, root := render(t, &c)
	var xs []string
	for _, n := range root.group("axis-x").all("text") {
		xs = append(xs, n.textAll())
	}
	wantX := []string{"−15", "−10", "−5", "0", "5", "10", "15", "20", "25", "Temperatur (°C)"}
	if !slices.Equal(xs, wantX) {
		t.Errorf("x axis %q, want %q", xs, wantX)
	}
	wantY := []string{"500", "1\u00a0000", "1\u00a0500", "2\u00a0000", "2\u00a0500", "3\u00a0000", "3\u00a0500"}
	if ys := tickLabels(root); !slices.Equal(ys, wantY) {
		t.Errorf("y axis %q, want %q", ys, wantY)
	}
	if u := root.all("text"); !slices.ContainsFunc(u, func(n *node) bool { return n.attr["class"] == "unit" && n.textAll() == "kWh" }) {
		t.Error("no unit label kWh")
	}
}

// TestScatter_Points checks the marks: one path of round dots for the
// points, missing points left out, and the fitted line over them with a
// legend of both.
func TestScatter_Points(t *testing.T) {
	c := energySignatureChart("s", 1)
	raw, root := render(t, &c)
	paths := root.group("points").all("path")
	if len(paths) != 1 {
		t.Fatalf("%d point paths, want 1", len(paths))
	}
	p := paths[0]
	if p.attr["stroke-linecap"] != "round" || p.attr["fill"] != "none" {
		t.Errorf("points drawn without round caps: %v", p.attr)
	}
	dots := strings.Count(p.attr["d"], "h0")
	if dots < 300 || dots > 363 { // 363 drawable, fewer if some share a spot
		t.Errorf("%d dots for 363 points", dots)
	}
	fit := root.group("fit").all("path")
	if len(fit) != 2 || strings.Count(fit[1].attr["d"], "L") != 2 || fit[1].attr["stroke"] != palette[1] {
		t.Errorf("fitted line %v", fit)
	}
	legend := root.group("legend").textAll()
	if !strings.Contains(legend, "Målt døgn") || !strings.Contains(legend, "Tilpasset modell") {
		t.Errorf("legend %q", legend)
	}
	t.Logf("365 points: %d bytes of SVG", len(raw))
	if len(raw) > 12000 {
		t.Errorf("365 points take %d bytes", len(raw))
	}
}

// TestScatter_PointContrast checks the dots' colour as seen through their
// opacity: at least 3:1 against white, as WCAG asks of graphics.
func TestScatter_PointContrast(t *testing.T) {
	var rgb [3]float64
	for i := range rgb {
		var v uint64
		for _, c := range palette[0][1+2*i : 3+2*i] {
			v = v*16 + uint64(strings.IndexRune("0123456789abcdef", c))
		}
		rgb[i] = pointOpacity*float64(v) + (1-pointOpacity)*255
	}
	hex := "#"
	for _, v := range rgb {
		hex += string("0123456789abcdef"[int(math.Round(v))/16]) + string("0123456789abcdef"[int(math.Round(v))%16])
	}
	if ratio := 1.05 / (luminance(hex) + 0.05); ratio < 3 {
		t.Errorf("points %s at opacity %g: contrast %.2f:1", hex, pointOpacity, ratio)
	}
}

func TestScatter_Summary(t *testing.T) {
	tests := []struct {
		name string
		c    Chart
		want string
	}{
		{"signature", energySignatureChart("s", 1),
			"Punktdiagram over energisignatur for Rådhuset. Målt døgn: 363 punkter, fra 1 131 til 3 861 kWh, ved døgnmiddeltemperatur fra −7,9 til 19,6 °C. " +
				"Tilpasset modell: 3 769 kWh ved −7,9 °C, 1 250 kWh ved 15,0 °C og 1 250 kWh ved 19,6 °C. 2 punkter uten verdi er utelatt."},
		{"one point", scatterEdgeCases()["scatter one point"], "Punktdiagram over punkter. Målinger: ett punkt, 7 kWh ved 3."},
		{"no points", scatterEdgeCases()["scatter no points"], "Punktdiagram over punkter. Ingen data."},
		{"all NaN", scatterEdgeCases()["scatter all NaN"], "Punktdiagram over punkter. Ingen data. 3 punkter uten verdi er utelatt."},
		{"fit only", scatterEdgeCases()["scatter fit only"], "Punktdiagram over punkter. Målinger: ingen data. Tilpasset modell: 10 kWh ved −5, 2 kWh ved 15 og 2 kWh ved 25."},
		{"long fit", Chart{Kind: Scatter, Title: "Kurve", Points: []Point{{0, 1}, {1, 2}},
			Fit: []Point{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}}, FitName: "Modell"},
			"Punktdiagram over kurve. Målinger: 2 punkter, fra 1 til 2, ved fra 0 til 1. Modell: linje gjennom 6 punkter, fra 1 ved 0 til 6 ved 5."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.ReplaceAll(tt.c.Summary(), "\u00a0", " "); got != tt.want {
				t.Errorf("Summary() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestScatter_Table checks the table: the fitted line's vertices, and the
// points one by one when they are few, or a summary row when many.
func TestScatter_Table(t *testing.T) {
	table := func(c Chart) *node {
		t.Helper()
		var b bytes.Buffer
		if err := c.WriteTable(&b); err != nil {
			t.Fatal(err)
		}
		return parseXML(t, b.Bytes())
	}
	rowsOf := func(tb *node) [][]string {
		var out [][]string
		for _, tr := range tb.all("tr") {
			var cells []string
			for _, k := range tr.kids {
				cells = append(cells, strings.ReplaceAll(k.textAll(), "\u00a0", " "))
			}
			out = append(out, cells)
		}
		return out
	}
	t.Run("many points", func(t *testing.T) {
		root := table(energySignatureChart("s", 1))
		heads := root.all("thead")[0].all("th")
		if len(heads) != 2 || heads[0].textAll() != "Døgnmiddeltemperatur (°C)" || heads[1].textAll() != "kWh" {
			t.Errorf("headers %v", heads)
		}
		bodies := root.all("tbody")
		if len(bodies) != 2 {
			t.Fatalf("%d row groups", len(bodies))
		}
		want := [][]string{{"Tilpasset modell"}, {"−7,9", "3 769"}, {"15,0", "1 250"}, {"19,6", "1 250"}}
		if got := rowsOf(bodies[0]); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("fit rows %q, want %q", got, want)
		}
		pts := rowsOf(bodies[1])
		if len(pts) != 1 || !strings.HasPrefix(pts[0][0], "Målt døgn: 363 punkter") {
			t.Errorf("points rows %q", pts)
		}
		if g := bodies[0].all("th")[0]; g.attr["scope"] != "rowgroup" || g.attr["colspan"] != "2" {
			t.Errorf("group header %v", g.attr)
		}
	})
	t.Run("few points", func(t *testing.T) {
		c := Chart{Kind: Scatter, Title: "Få", Points: []Point{{3, 30}, {nan, 1}, {-1, 10}, {3, 20}}, XDecimals: 1, Decimals: 1}
		root := table(c)
		bodies := root.all("tbody")
		if len(bodies) != 1 {
			t.Fatalf("%d row groups without a fit", len(bodies))
		}
		want := [][]string{{"Målinger"}, {"−1,0", "10,0"}, {"3,0", "20,0"}, {"3,0", "30,0"}} // by x, then y
		if got := rowsOf(bodies[0]); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("rows %q, want %q", got, want)
		}
		if heads := root.all("thead")[0].all("th"); heads[0].textAll() != "x" || heads[1].textAll() != defaultValueTitle {
			t.Errorf("default headers %q, %q", heads[0].textAll(), heads[1].textAll())
		}
		if note := root.all("caption")[0].textAll(); !strings.Contains(note, "Ett punkt uten verdi er utelatt.") {
			t.Errorf("caption %q", note)
		}
	})
	for name, c := range scatterEdgeCases() {
		t.Run(name, func(t *testing.T) {
			root := table(c)
			if root.name != "table" || len(root.all("tbody")) == 0 {
				t.Errorf("table %v", root)
			}
		})
	}
}

func TestScatter_Invalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Chart)
	}{
		{"series", func(c *Chart) { c.Series = []Series{{Name: "A"}} }},
		{"categories", func(c *Chart) { c.Categories = []string{"a"} }},
		{"one vertex", func(c *Chart) { c.Fit = c.Fit[:1] }},
		{"vertex NaN", func(c *Chart) { c.Fit[1].Y = nan }},
		{"vertex too large", func(c *Chart) { c.Fit[1].X = 2e100 }},
		{"point too large", func(c *Chart) { c.Points[0].Y = -2e100 }},
		{"too many points", func(c *Chart) { c.Points = make([]Point, maxPoints+1) }},
		{"x decimals", func(c *Chart) { c.XDecimals = -1 }},
		{"target", func(c *Chart) { c.Target = &Target{Value: 1} }},
		{"breaks", func(c *Chart) { c.Breaks = []int{1} }},
		{"points on a line chart", func(c *Chart) {
			c.Kind = Line
			c.Categories = years
			c.Series = []Series{{Values: []float64{1, 2, 3, 4, 5}}}
		}},
		{"too small for the legend", func(c *Chart) { c.Width, c.Height = 120, 80; c.PointsName = "Målte døgn i fjor" }}, // found by WriteSVG only
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Chart{Kind: Scatter, Title: "T", Points: []Point{{1, 2}, {3, 4}}, Fit: []Point{{1, 2}, {3, 4}}}
			tt.change(&c)
			var b bytes.Buffer
			err := c.WriteSVG(&b)
			if !errors.Is(err, ErrInvalid) || b.Len() != 0 {
				t.Fatalf("WriteSVG error %v and %d bytes, want ErrInvalid and none", err, b.Len())
			}
			if err := c.WriteTable(&b); !errors.Is(err, ErrInvalid) && !strings.HasSuffix(tt.name, "legend") {
				t.Errorf("WriteTable error %v", err)
			}
		})
	}
}
