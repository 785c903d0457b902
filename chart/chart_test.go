package chart

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/virk-analyse/virk/nb"
)

// render writes c's SVG and parses it.
func render(t testing.TB, c *Chart) ([]byte, *node) {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteSVG(&b); err != nil {
		t.Fatalf("WriteSVG: %v", err)
	}
	return b.Bytes(), parseXML(t, b.Bytes())
}

// edgeCases are charts at the edges of the input: one point, huge and tiny
// numbers, many and long categories.
func edgeCases() map[string]Chart {
	months := make([]string, 300)
	vals := make([]float64, 300)
	for i := range months {
		months[i] = strconv.Itoa(2000+i/12) + "-" + strconv.Itoa(101 + i%12)[1:]
		vals[i] = 100 + 20*math.Sin(float64(i)/7)
	}
	long := []string{strings.Repeat("Veldig lang kategoritekst ", 8), "Kort", strings.Repeat("Ordutenmellomrom", 10)}
	return map[string]Chart{
		"one point":      {Kind: Line, Title: "Ett punkt", Categories: []string{"2018"}, Series: []Series{{Name: "A", Values: []float64{7.3}}}},
		"one bar":        {Kind: Bar, Title: "Én stolpe", Categories: []string{"2018"}, Series: []Series{{Values: []float64{0}}}},
		"huge":           {Kind: Bar, Title: "Store tall", Categories: years, Series: []Series{{Values: []float64{1e12, 2.5e12, 3e12, -1e12, 4e12}}}, Unit: "kr"},
		"tiny":           {Kind: Line, Title: "Små tall", Categories: years, Series: []Series{{Values: []float64{1e-9, 2e-9, 5e-324, 3e-9, 4e-9}}}, Decimals: 10},
		"limit":          {Kind: Line, Title: "Grense", Categories: []string{"a", "b"}, Series: []Series{{Values: []float64{-1e100, 1e100}}}},
		"many":           {Kind: Line, Title: "Måneder", Categories: months, Series: []Series{{Name: "Bærum", Values: vals}}, Target: &Target{Value: 110}, Breaks: []int{120}},
		"many bars":      {Kind: GroupedBar, Title: "Mange", Categories: months, Series: []Series{{Name: "A", Values: vals}, {Name: "B", Values: vals}}},
		"long labels":    {Kind: Bar, Title: "Lange", Categories: long, Series: []Series{{Values: []float64{1, 2, 3}}}, ValueLabels: true},
		"long peer":      {Kind: PeerIndex, Title: "Lang", Categories: long, Series: []Series{{Name: "A", Values: []float64{1, 2, -3}}, {Name: "Snitt", Values: []float64{2, 0, 3}}}},
		"peer empty":     {Kind: PeerIndex, Title: "Tom", Categories: []string{"x"}, Series: []Series{{Name: "A", Values: []float64{nan}}, {Name: "Snitt", Values: []float64{2}}}},
		"no categories":  {Kind: GroupedBar, Title: "Ingenting", Series: []Series{{Name: "A"}, {Name: "B"}}},
		"peer no rows":   {Kind: PeerIndex, Title: "Ingenting", Series: []Series{{Name: "A"}, {Name: "B"}}},
		"spark one":      {Kind: Sparkline, Title: "Én", Categories: []string{"2018"}, Series: []Series{{Values: []float64{3}}}},
		"spark empty":    {Kind: Sparkline, Title: "Tom", Categories: years, Series: []Series{{Values: []float64{nan, nan, nan, nan, nan}}}},
		"small":          {Kind: Line, Title: "Liten", Width: 200, Height: 120, Categories: years, Series: []Series{{Name: "Bærum kommune", Values: []float64{1, 2, 3, 4, 5}}}, Target: &Target{Value: 3}},
		"breaks crowded": {Kind: Bar, Title: "Brudd", Categories: years, Series: []Series{{Values: []float64{1, 2, 3, 4, 5}}}, Breaks: []int{4, 1, 2, 2, 3}, Unit: "kWh/m²"},
		"escaping":       {Kind: GroupedBar, Title: `A & B <"c">`, Categories: []string{"<x>", "&amp;"}, Series: []Series{{Name: "\"q\"", Values: []float64{1, 2}}, {Name: "'s'", Values: []float64{3, 4}}}},
	}
}

// allCharts are the golden and the edge cases, by name.
func allCharts() map[string]Chart {
	m := edgeCases()
	for name, c := range scatterEdgeCases() {
		m[name] = c
	}
	for name, c := range heatEdgeCases() {
		m[name] = c
	}
	for _, tc := range goldenCases() {
		m[tc.name] = tc.chart
	}
	return m
}

// TestChart_Accessible checks what axe-core and a screen reader need: a
// role, a name from title and description, unique ids, real text of at
// least 11 px, and nothing external.
func TestChart_Accessible(t *testing.T) {
	for name, c := range allCharts() {
		t.Run(name, func(t *testing.T) {
			raw, root := render(t, &c)
			if root.name != "svg" || root.attr["viewBox"] == "" {
				t.Fatalf("root <%s viewBox=%q>", root.name, root.attr["viewBox"])
			}
			for _, bad := range []string{"NaN", "Inf", "<style", "<script", "http://", "https://"} {
				if bytes.Contains(bytes.ReplaceAll(raw, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil), []byte(bad)) {
					t.Errorf("output contains %q", bad)
				}
			}
			ids := map[string]*node{}
			for _, n := range append(root.all(""), root) {
				if id := n.attr["id"]; id != "" {
					if ids[id] != nil {
						t.Errorf("id %q twice", id)
					}
					ids[id] = n
				}
				if fs, ok := n.attr["font-size"]; ok {
					if v, _ := strconv.ParseFloat(fs, 64); v < 11 {
						t.Errorf("font-size %s on <%s>", fs, n.name)
					}
				}
				if n.name == "text" && strings.TrimSpace(n.textAll()) == "" {
					t.Errorf("empty <text> %v", n.attr)
				}
				if ref, ok := strings.CutPrefix(n.attr["fill"], "url(#"); ok && ids[strings.TrimSuffix(ref, ")")] == nil {
					t.Errorf("fill %s refers to no earlier element", n.attr["fill"])
				}
			}
			if c.Decorative {
				if root.attr["aria-hidden"] != "true" || root.attr["role"] != "" || len(root.all("title")) > 0 {
					t.Errorf("decorative chart not hidden: %v", root.attr)
				}
				return
			}
			if root.attr["role"] != "img" {
				t.Errorf("role = %q", root.attr["role"])
			}
			refs := strings.Fields(root.attr["aria-labelledby"])
			if len(refs) != 2 {
				t.Fatalf("aria-labelledby = %q", root.attr["aria-labelledby"])
			}
			for i, want := range []string{"title", "desc"} {
				n := ids[refs[i]]
				if n == nil || n.name != want || n.parent != root || strings.TrimSpace(n.textAll()) == "" {
					t.Errorf("aria-labelledby %q is not a non-empty <%s> of the svg", refs[i], want)
				}
			}
		})
	}
}

// gridBounds returns the y of the highest and lowest horizontal grid line.
func gridBounds(t *testing.T, root *node) (top, bottom float64) {
	t.Helper()
	axis := root.group("axis-y")
	if axis == nil {
		t.Fatal("no y axis")
	}
	top, bottom = math.Inf(1), math.Inf(-1)
	for _, l := range axis.all("line") {
		y := attrFloat(t, l, "y1")
		top, bottom = math.Min(top, y), math.Max(bottom, y)
	}
	return top, bottom
}

func attrFloat(t testing.TB, n *node, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.name, name, n.attr[name], err)
	}
	return v
}

// TestChart_TargetInPlot puts targets far from the data and checks that
// the line is drawn inside the plot.
func TestChart_TargetInPlot(t *testing.T) {
	sick := []Series{{Name: "Bærum", Values: []float64{7.6, 7.3, 7.2, 7.5, 7.3}}}
	tests := []struct {
		name   string
		kind   Kind
		target float64
	}{
		{"line far above", Line, 50},
		{"line far below", Line, -20},
		{"line at zero", Line, 0},
		{"line huge", Line, 1e9},
		{"bar far above", Bar, 500},
		{"bar below zero", Bar, -3},
		{"grouped far above", GroupedBar, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Chart{Kind: tt.kind, Title: "Sykefravær", Categories: years, Series: sick, Percent: true, Decimals: 1,
				Target: &Target{Value: tt.target}}
			if tt.kind == GroupedBar {
				c.Series = append(c.Series, Series{Name: "Asker", Values: []float64{6, 6, 6, 6, 6}})
			}
			_, root := render(t, &c)
			g := root.group("target")
			if g == nil || len(g.all("line")) != 1 {
				t.Fatal("no target line")
			}
			y := attrFloat(t, g.all("line")[0], "y1")
			top, bottom := gridBounds(t, root)
			if y < top-0.01 || y > bottom+0.01 {
				t.Errorf("target at y %g outside the plot %g..%g", y, top, bottom)
			}
			if !strings.Contains(string(mustBytes(t, &c)), "Mål: "+nb.Percent(tt.target, 1)) {
				t.Errorf("no label %q", "Mål: "+nb.Percent(tt.target, 1))
			}
		})
	}
}

func mustBytes(t testing.TB, c *Chart) []byte {
	t.Helper()
	b, _ := render(t, c)
	return b
}

// tickLabels returns the texts of the value axis.
func tickLabels(root *node) []string {
	var out []string
	if g := root.group("axis-y"); g != nil {
		for _, n := range g.all("text") {
			out = append(out, n.textAll())
		}
	}
	return out
}

func TestChart_NorwegianTicks(t *testing.T) {
	t.Run("percent", func(t *testing.T) {
		c := goldenCases()[0].chart
		_, root := render(t, &c)
		if labels := tickLabels(root); !contains(labels, "7,0\u00a0%") {
			t.Errorf("ticks %q lack 7,0 %% with a no-break space", labels)
		}
	})
	t.Run("thousands", func(t *testing.T) {
		c := Chart{Kind: Bar, Title: "Årsverk", Categories: []string{"Bærum", "Asker"}, Series: []Series{{Values: []float64{1422.3, 880}}}}
		_, root := render(t, &c)
		labels := tickLabels(root)
		if !contains(labels, "1\u00a0000") {
			t.Errorf("ticks %q lack 1 000 with a no-break space", labels)
		}
		for _, l := range labels {
			if strings.ContainsAny(l, ".") || strings.Contains(l, "1000") {
				t.Errorf("tick %q is not Norwegian", l)
			}
		}
	})
	t.Run("minus", func(t *testing.T) {
		c := goldenCases()[11].chart // endring-negativ
		_, root := render(t, &c)
		labels := tickLabels(root)
		if !contains(labels, "\u221220\u00a0%") {
			t.Errorf("ticks %q lack −20 %% with U+2212", labels)
		}
		for _, l := range labels {
			if strings.Contains(l, "-") {
				t.Errorf("tick %q has a hyphen-minus", l)
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// TestChart_Table checks that the table holds every category and value,
// formatted as nb does, under header cells with scope. Scatter plots and
// heat maps have tables of another shape, checked in TestScatter_Table
// and TestHeatmap_Table.
func TestChart_Table(t *testing.T) {
	for name, c := range allCharts() {
		if c.Kind == Scatter || c.Kind == Heatmap {
			continue
		}
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.WriteTable(&b); err != nil {
				t.Fatal(err)
			}
			root := parseXML(t, b.Bytes())
			if root.name != "table" {
				t.Fatalf("root <%s>", root.name)
			}
			if cap := root.all("caption"); c.Title != "" && (len(cap) != 1 || !strings.HasPrefix(cap[0].textAll(), clean(c.Title))) {
				t.Errorf("caption does not start with the title %q", c.Title)
			}
			heads := root.all("thead")[0].all("th")
			extra := 0
			if c.Kind == PeerIndex {
				extra = len(c.Series) - 1
			}
			if len(heads) != 1+len(c.Series)+extra {
				t.Errorf("%d column headers", len(heads))
			}
			for _, h := range heads {
				if h.attr["scope"] != "col" {
					t.Errorf("header %q without scope=col", h.textAll())
				}
			}
			rows := root.all("tbody")[0].all("tr")
			if len(rows) != len(c.Categories) {
				t.Fatalf("%d rows for %d categories", len(rows), len(c.Categories))
			}
			for j, tr := range rows {
				th := tr.all("th")
				if len(th) != 1 || th[0].attr["scope"] != "row" || th[0].textAll() != clean(c.Categories[j]) {
					t.Errorf("row %d header %q", j, th[0].textAll())
				}
				cells := tr.all("td")
				for i, ser := range c.Series {
					want := nb.Number(ser.Values[j], c.Decimals)
					if c.Percent {
						want = nb.Percent(ser.Values[j], c.Decimals)
					}
					if v := ser.Values[j]; math.IsNaN(v) || math.IsInf(v, 0) {
						want = "–"
					}
					if got := cells[i].textAll(); got != want {
						t.Errorf("row %d series %d: %q, want %q", j, i, got, want)
					}
				}
			}
		})
	}
}

// TestChart_PeerIndexTable checks the computed indexes: Bærum against the
// ASSS average.
func TestChart_PeerIndexTable(t *testing.T) {
	c := goldenCases()[6].chart // asss
	var b bytes.Buffer
	if err := c.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := []string{"96", "82", "108", "116", "84"} // 269/281, 65/79, 3237/2998, 369/318, 281/334
	for j, tr := range parseXML(t, b.Bytes()).all("tr")[1:] {
		if got := tr.all("td")[2].textAll(); got != want[j] {
			t.Errorf("index %d = %q, want %q", j, got, want[j])
		}
	}
}

// TestChart_Deterministic renders every chart twice, the second time
// concurrently, and wants the same bytes.
func TestChart_Deterministic(t *testing.T) {
	charts := allCharts()
	first := map[string][]byte{}
	for name, c := range charts {
		first[name] = mustBytes(t, &c)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for name, c := range charts {
		wg.Go(func() {
			var b bytes.Buffer
			err := c.WriteSVG(&b)
			mu.Lock()
			defer mu.Unlock()
			if err != nil || !bytes.Equal(b.Bytes(), first[name]) {
				t.Errorf("%s: second render differs (%v)", name, err)
			}
		})
	}
	wg.Wait()
	a, b := charts["sykefravaer"], charts["sykefravaer"]
	a.ID, b.ID = "", ""
	if ra, rb := mustBytes(t, &a), mustBytes(t, &b); !bytes.Equal(ra, rb) {
		t.Error("derived ids differ between renders")
	}
	b.Series = []Series{{Name: "Bærum kommune", Values: []float64{7.6, 7.3, 7.2, 7.5, 7.4}}}
	_, ra := render(t, &a)
	_, rb := render(t, &b)
	if ra.attr["id"] == rb.attr["id"] {
		t.Error("charts of different data share an id")
	}
}

// eightSeries is a chart with the most series allowed.
func eightSeries(k Kind) Chart {
	c := Chart{Kind: k, Title: "Åtte serier", Categories: years}
	for i := range maxSeries {
		v := float64(i + 1)
		c.Series = append(c.Series, Series{Name: "Serie " + strconv.Itoa(i+1), Values: []float64{v, v + 1, v, v + 2, v + 1}})
	}
	return c
}

// TestChart_SeriesDistinct checks that series differ by more than colour:
// dash pattern and marker shape for lines, fill for bars.
func TestChart_SeriesDistinct(t *testing.T) {
	t.Run("lines", func(t *testing.T) {
		c := eightSeries(Line)
		_, root := render(t, &c)
		dashSeen, shapeSeen := map[string]bool{}, map[string]bool{}
		for i := range maxSeries {
			g := root.group("series-" + strconv.Itoa(i))
			if g == nil {
				t.Fatalf("no series %d", i)
			}
			dash := g.all("path")[0].attr["stroke-dasharray"] // "" is solid
			if dashSeen[dash] {
				t.Errorf("series %d repeats dash %q", i, dash)
			}
			dashSeen[dash] = true
			shape := markerShape(t, g.kids[1]) // the first marker
			if shapeSeen[shape] {
				t.Errorf("series %d repeats marker %q", i, shape)
			}
			shapeSeen[shape] = true
		}
		if root.group("legend") == nil && root.group("labels") == nil {
			t.Error("series are neither labelled nor in a legend")
		}
	})
	t.Run("bars", func(t *testing.T) {
		c := eightSeries(GroupedBar)
		_, root := render(t, &c)
		seen := map[string]bool{}
		for i := range maxSeries {
			fill := root.group("series-" + strconv.Itoa(i)).all("rect")[0].attr["fill"]
			if seen[fill] {
				t.Errorf("series %d repeats fill %q", i, fill)
			}
			seen[fill] = true
		}
		if got := len(root.group("legend").all("rect")); got != maxSeries {
			t.Errorf("legend has %d swatches", got)
		}
	})
	t.Run("patterns differ", func(t *testing.T) {
		seen := map[string]bool{}
		for _, p := range fillPatterns[1:] {
			if seen[p.d] {
				t.Errorf("pattern %q twice", p.d)
			}
			seen[p.d] = true
		}
	})
}

// markerShape describes a marker by its points around their centre.
func markerShape(t *testing.T, m *node) string {
	if m.name == "circle" {
		return "circle"
	}
	var xs, ys []float64
	for _, p := range strings.Fields(m.attr["points"]) {
		x, y, _ := strings.Cut(p, ",")
		xv, _ := strconv.ParseFloat(x, 64)
		yv, _ := strconv.ParseFloat(y, 64)
		xs, ys = append(xs, xv), append(ys, yv)
	}
	cx, cy := 0.0, 0.0
	for i := range xs {
		cx, cy = cx+xs[i]/float64(len(xs)), cy+ys[i]/float64(len(xs))
	}
	var b strings.Builder
	for i := range xs {
		b.WriteString(strconv.FormatFloat(math.Round(xs[i]-cx), 'f', 0, 64) + "," + strconv.FormatFloat(math.Round(ys[i]-cy), 'f', 0, 64) + " ")
	}
	return b.String()
}

// TestChart_DirectLabels checks that a series ending early moves the
// names to a legend.
func TestChart_DirectLabels(t *testing.T) {
	c := goldenCases()[5].chart // arsverk-omrade: labelled at the ends
	_, root := render(t, &c)
	if root.group("labels") == nil || root.group("legend") != nil {
		t.Error("three series ending together are not labelled at their ends")
	}
	c.Series = append([]Series(nil), c.Series...)
	c.Series[1] = Series{Name: c.Series[1].Name, Values: []float64{86.1, 94.1, 90.6, 85.8, nan}}
	_, root = render(t, &c)
	if root.group("labels") != nil || root.group("legend") == nil {
		t.Error("a series ending early does not bring a legend")
	}
}

// TestChart_Bars checks bar geometry: negative bars hang below the zero
// line, missing values are marked, not drawn as zero.
func TestChart_Bars(t *testing.T) {
	c := Chart{Kind: Bar, Title: "Endring", Categories: []string{"a", "b", "c"}, Series: []Series{{Values: []float64{-5, nan, 10}}}}
	_, root := render(t, &c)
	rects := root.group("series-0").all("rect")
	if len(rects) != 2 {
		t.Fatalf("%d bars for two values", len(rects))
	}
	neg, pos := rects[0], rects[1]
	if attrFloat(t, neg, "y") < attrFloat(t, pos, "y")+attrFloat(t, pos, "height")-0.01 {
		t.Error("the negative bar does not start at the positive bar's base")
	}
	if got := root.group("series-0").all("text"); len(got) != 1 || got[0].textAll() != "–" {
		t.Error("the missing value is not marked")
	}
}

// TestChart_ManyCategories checks that labels are thinned, not piled up.
func TestChart_ManyCategories(t *testing.T) {
	c := edgeCases()["many"]
	_, root := render(t, &c)
	n := len(root.group("axis-x").all("text"))
	if n == 0 || n >= 300/4 {
		t.Errorf("%d of 300 category labels drawn", n)
	}
	if markers := len(root.group("series-0").all("circle")); markers != 0 {
		t.Errorf("%d markers on 300 points", markers)
	}
}

// TestChart_LongLabels checks that long category labels are wrapped or
// turned, and cut to fit their band or the turned labels' limit.
func TestChart_LongLabels(t *testing.T) {
	for _, width := range []int{640, 300} {
		c := edgeCases()["long labels"]
		c.Width = width
		_, root := render(t, &c)
		limit := math.Max(maxRotLabel, float64(width)/3)
		for _, n := range root.group("axis-x").all("text") {
			lines := []*node{n}
			if spans := n.all("tspan"); len(spans) > 0 {
				lines = spans
			}
			for _, l := range lines {
				if w := textWidth(l.textAll(), fontSize); w > limit {
					t.Errorf("width %d: label %q is %g px wide", width, l.textAll(), w)
				}
			}
		}
	}
}

func TestChart_Invalid(t *testing.T) {
	ok := func() Chart {
		return Chart{Kind: Line, Title: "T", Categories: years, Series: []Series{{Name: "A", Values: []float64{1, 2, 3, 4, 5}}}}
	}
	tests := []struct {
		name   string
		change func(*Chart)
	}{
		{"zero kind", func(c *Chart) { c.Kind = 0 }},
		{"unknown kind", func(c *Chart) { c.Kind = 99 }},
		{"no title", func(c *Chart) { c.Title = " \n" }},
		{"negative width", func(c *Chart) { c.Width = -1 }},
		{"huge height", func(c *Chart) { c.Height = maxSize + 1 }},
		{"too narrow", func(c *Chart) { c.Width = 50 }},
		{"too small for labels", func(c *Chart) { c.Width, c.Height = 120, 80; c.Categories[0] = strings.Repeat("lang ", 40) }}, // found by WriteSVG only
		{"decimals", func(c *Chart) { c.Decimals = 11 }},
		{"short series", func(c *Chart) { c.Series[0].Values = c.Series[0].Values[:4] }},
		{"no series", func(c *Chart) { c.Series = nil }},
		{"nine series", func(c *Chart) { c.Series = eightSeries(Line).Series; c.Series = append(c.Series, c.Series[0]) }},
		{"unnamed second series", func(c *Chart) { c.Series = append(c.Series, Series{Values: []float64{1, 2, 3, 4, 5}}) }},
		{"bar with two series", func(c *Chart) {
			c.Kind = Bar
			c.Series = append(c.Series, Series{Name: "B", Values: []float64{1, 2, 3, 4, 5}})
		}},
		{"peer with one series", func(c *Chart) { c.Kind = PeerIndex }},
		{"peer with target", func(c *Chart) {
			c.Kind, c.Target = PeerIndex, &Target{Value: 1}
			c.Series = append(c.Series, Series{Name: "B", Values: []float64{1, 2, 3, 4, 5}})
		}},
		{"value too large", func(c *Chart) { c.Series[0].Values[2] = 1e101 }},
		{"target not a number", func(c *Chart) { c.Target = &Target{Value: math.NaN()} }},
		{"break at start", func(c *Chart) { c.Breaks = []int{0} }},
		{"break past end", func(c *Chart) { c.Breaks = []int{5} }},
		{"bad id", func(c *Chart) { c.ID = "1 chart" }},
		{"id with quote", func(c *Chart) { c.ID = `a"b` }},
		{"too many categories", func(c *Chart) {
			c.Categories = make([]string, maxCategories+1)
			c.Series[0].Values = make([]float64, maxCategories+1)
		}},
		{"sparkline too small", func(c *Chart) { c.Kind, c.Width = Sparkline, 10 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			c.Categories = append([]string(nil), c.Categories...)
			c.Series = []Series{{Name: "A", Values: []float64{1, 2, 3, 4, 5}}}
			tt.change(&c)
			var b bytes.Buffer
			err := c.WriteSVG(&b)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("WriteSVG error %v, want ErrInvalid", err)
			}
			if b.Len() != 0 {
				t.Error("an invalid chart wrote output")
			}
			if h, err := c.SVG(); err == nil || h != "" {
				t.Error("SVG() accepted an invalid chart")
			}
			if c.Summary() != "" && tt.name != "too small for labels" {
				t.Error("Summary() of an invalid chart")
			}
		})
	}
	c := ok()
	if err := c.WriteSVG(&bytes.Buffer{}); err != nil {
		t.Fatalf("the base case is invalid: %v", err)
	}
}

func TestChart_Summary(t *testing.T) {
	cases := map[string]Chart{}
	for _, tc := range goldenCases() {
		cases[tc.name] = tc.chart
	}
	tests := []struct{ name, want string }{
		{"sykefravaer", "Linjediagram over sykefravær 2014–2018. Høyeste verdi 7,6 % (2014), laveste verdi 7,2 % (2016), siste verdi 7,3 % (2018). Mål: 7,0 %."},
		{"energi", "Linjediagram over energiforbruk i kommunens eiendomsmasse 2014–2018. Høyeste verdi 227,0 kWh/m² (2016), laveste verdi 193,3 kWh/m² (2014), siste verdi 195,0 kWh/m² (2018). Tidsseriebrudd før 2016. Mål: 199,8 kWh/m²."},
		{"arsverk-enhet", "Stolpediagram over årsverk per enhet 2018. Høyeste verdi 181,2 årsverk (HR og service), laveste verdi 18,1 årsverk (Strategi og utvikling)."},
		{"sykefravaer-omrade", "Gruppert stolpediagram over sykefravær per område. Serier: 2017 og 2018. Høyeste verdi 9,8 % (Pleie og omsorg, 2017), laveste verdi 4,9 % (Organisasjon og utvikling, 2017). Mål: 7,0 %."},
		{"arsverk-omrade", "Linjediagram over årsverk per område 2014–2018. 3 serier: Strategisk ledelse, Digitalisering og IT og Eiendom. Siste verdi: Strategisk ledelse 340,5 årsverk (2018), Digitalisering og IT 104,4 årsverk (2018), Eiendom 212,8 årsverk (2018)."},
		{"asss", "Indeksdiagram over tjenesteprofil for administrasjon 2018. Bærum sammenlignet med Snitt ASSS, der Snitt ASSS = 100. Bærum ligger over snittet på 2 av 5 indikatorer; høyeste indeks 116 (Brutto driftsutgifter til Forvaltningsutgifter i eiendomsforvaltningen, pr. innb.), laveste indeks 82 (Brutto driftsutgifter til Kontroll og revisjon, pr. innb.)."},
		{"ledighet", "Linjediagram over omsorgs- og velferdsboliger, gjennomsnittlig ledighet 2014–2018. Høyeste verdi 8,7 % (2015), laveste verdi 3,7 % (2018), siste verdi 3,7 % (2018). Verdi mangler for 2014."},
		{"tom", "Linjediagram over sykefravær 2014–2018. Ingen data. Mål: 7,0 %."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cases[tt.name]
			got := strings.ReplaceAll(c.Summary(), "\u00a0", " ")
			if got != tt.want {
				t.Errorf("Summary() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	c := cases["sykefravaer"]
	c.Desc = "Egen beskrivelse."
	_, root := render(t, &c)
	if got := root.all("desc")[0].textAll(); got != c.Desc {
		t.Errorf("desc = %q, want the caller's", got)
	}
}

func TestChart_SVG(t *testing.T) {
	c := goldenCases()[0].chart
	h, err := c.SVG()
	if err != nil || string(h) != string(mustBytes(t, &c)) {
		t.Errorf("SVG() differs from WriteSVG: %v", err)
	}
	tbl, err := c.TableHTML()
	if err != nil || !strings.HasPrefix(string(tbl), "<table") {
		t.Errorf("TableHTML() = %.40q, %v", tbl, err)
	}
}

// luminance is the WCAG relative luminance of a colour "#rrggbb".
func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&255) + 0.7152*ch(v>>8&255) + 0.0722*ch(v&255)
}

// TestColors_Contrast checks WCAG contrast against white: 4,5:1 for every
// colour that draws data or text (3:1 would do for graphics alone).
func TestColors_Contrast(t *testing.T) {
	colors := append(palette[:], colorText, colorMuted, colorAxis, colorTarget, colorRef)
	for _, c := range colors {
		if ratio := 1.05 / (luminance(c) + 0.05); ratio < 4.5 {
			t.Errorf("%s has contrast %.2f:1 against white", c, ratio)
		}
	}
}
