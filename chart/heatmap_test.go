package chart

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hours are the row labels of a day: "00" … "23".
func hours() []string {
	h := make([]string, 24)
	for i := range h {
		h[i] = strconv.Itoa(100 + i)[1:]
	}
	return h
}

// hourlyUse makes days of hourly use of an office building from Monday
// 30 September 2024: high in working hours on weekdays, a low base at
// night and at weekends. Day 23 misses five hours and day 60 is missing
// altogether, as after a meter fault.
func hourlyUse(days int) (cats []string, grid [][]float64) {
	n := noise(84)
	start := time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)
	grid = make([][]float64, 24)
	for h := range grid {
		grid[h] = make([]float64, days)
	}
	for d := range days {
		day := start.AddDate(0, 0, d)
		cats = append(cats, strconv.Itoa(day.Day())+"."+strconv.Itoa(int(day.Month()))+".")
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		for h := range 24 {
			v := 12 + 2*n.next()
			switch {
			case weekend && h >= 10 && h < 15:
				v = 17 + 2*n.next()
			case weekend:
			case h >= 7 && h < 16:
				v = 40 + 6*n.next()
			case h == 6 || h == 16 || h == 17:
				v = 26 + 4*n.next()
			}
			grid[h][d] = round1(v)
			if d == 60 || d == 23 && h >= 9 && h < 14 {
				grid[h][d] = nan
			}
		}
	}
	return cats, grid
}

// hourlyUseChart is the heat map of the first days of hourlyUse.
func hourlyUseChart(id string, days int) Chart {
	cats, grid := hourlyUse(days)
	return Chart{
		Kind: Heatmap, ID: id, Title: "Strømforbruk per time, Rådhuset",
		Categories: cats, Rows: hours(), Grid: grid,
		Unit: "kWh", Decimals: 1,
	}
}

// heatEdgeCases are heat maps at the edges of the input.
func heatEdgeCases() map[string]Chart {
	hm := func(rows []string, cats []string, grid [][]float64) Chart {
		return Chart{Kind: Heatmap, Title: "Varme", Rows: rows, Categories: cats, Grid: grid, Unit: "kWh"}
	}
	wide := hourlyUseChart("", 84)
	wide.Width = 1200
	narrow := hourlyUseChart("", 84)
	narrow.Width = 200
	tall := hourlyUseChart("", 7)
	tall.Height = 600
	return map[string]Chart{
		"heatmap empty":        hm(nil, nil, nil),
		"heatmap no columns":   hm([]string{"00", "01"}, nil, [][]float64{{}, {}}),
		"heatmap all NaN":      hm([]string{"00", "01"}, []string{"a", "b"}, [][]float64{{nan, nan}, {math.Inf(1), nan}}),
		"heatmap one cell":     hm([]string{"08"}, []string{"1.10."}, [][]float64{{4}}),
		"heatmap equal":        hm([]string{"00", "01"}, []string{"a", "b"}, [][]float64{{5, 5}, {5, 5}}),
		"heatmap huge":         hm([]string{"a", "b"}, []string{"x", "y"}, [][]float64{{-1e100, 1e100}, {0, 5e-324}}),
		"heatmap negative":     hm([]string{"a"}, []string{"x", "y", "z"}, [][]float64{{-3.5, 0, 2.25}}),
		"heatmap percent":      {Kind: Heatmap, Title: "Andel", Rows: []string{"a"}, Categories: []string{"x", "y"}, Grid: [][]float64{{10, 55.5}}, Percent: true},
		"heatmap wide":         wide,
		"heatmap narrow":       narrow,
		"heatmap given height": tall,
		"heatmap year":         hourlyUseChart("", 365),
		"heatmap escaping":     hm([]string{"<&>"}, []string{`"q"`, ""}, [][]float64{{1, 2}}),
		"heatmap decorative":   {Kind: Heatmap, Decorative: true, Rows: []string{"a"}, Categories: []string{"x"}, Grid: [][]float64{{1}}},
	}
}

// cellSteps returns the stroke colour of each step class drawn.
func cellSteps(t *testing.T, root *node) map[string]string {
	t.Helper()
	cells := root.group("cells")
	if cells == nil {
		t.Fatal("no cells")
	}
	out := map[string]string{}
	for _, p := range cells.all("path") {
		out[p.attr["class"]] = p.attr["stroke"]
	}
	return out
}

// TestHeatmap_Steps checks the colour of known values: 0 to 40 gives
// eight steps of 5, so 0, 10, 20 and 30 fall in steps 0, 2, 4 and 6 and
// the top value 40 in the last, 7; the missing cell is hatched.
func TestHeatmap_Steps(t *testing.T) {
	c := Chart{Kind: Heatmap, Title: "Seks celler", Rows: []string{"00", "01"}, Categories: []string{"a", "b", "c"},
		Grid: [][]float64{{0, 10, 20}, {30, 40, nan}}, Unit: "kWh"}
	_, root := render(t, &c)
	want := map[string]string{"step-0": heatRamp[0], "step-2": heatRamp[2], "step-4": heatRamp[4], "step-6": heatRamp[6], "step-7": heatRamp[7]}
	if got := cellSteps(t, root); !mapsEqual(got, want) {
		t.Errorf("steps %v, want %v", got, want)
	}
	miss := root.group("cells").all("rect")
	if len(miss) != 1 || miss[0].attr["fill"] != "url(#"+root.attr["id"]+"-missing)" {
		t.Fatalf("missing cells %v", miss)
	}
	if x, wd := attrFloat(t, miss[0], "x"), attrFloat(t, miss[0], "width"); math.Abs(x+wd-(640-pad)) > 0.01 {
		t.Errorf("missing cell at %g+%g, want it to end at the right edge", x, wd)
	}
	var bounds []string
	for _, n := range root.group("legend").all("text") {
		bounds = append(bounds, n.textAll())
	}
	wantB := []string{"kWh", "0", "5", "10", "15", "20", "25", "30", "35", "40", missingLabel}
	if !slices.Equal(bounds, wantB) {
		t.Errorf("legend %q, want %q", bounds, wantB)
	}

	t.Run("boundary", func(t *testing.T) {
		hs, _ := newHeatScale([][]float64{{0, 0.3, 0.8}})
		if hs.ax.Step != 0.1 || hs.n != 8 || hs.step(0.3) != 3 || hs.step(0.8) != 7 || hs.step(nan) != -1 {
			t.Errorf("scale %+v: step(0,3) = %d, step(0,8) = %d", hs, hs.step(0.3), hs.step(0.8))
		}
	})
	t.Run("few steps spread", func(t *testing.T) {
		hs := heatScale{ax: axis{Lo: 0, Hi: 4, Step: 1}, n: 4}
		var got []string
		for i := range hs.n {
			got = append(got, hs.color(i))
		}
		want := []string{heatRamp[0], heatRamp[2], heatRamp[5], heatRamp[7]}
		if !slices.Equal(got, want) {
			t.Errorf("colours %q, want %q", got, want)
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestHeatmap_Runs checks that a row's equal-step neighbours are one
// segment: 1, 1, 1, 5, 5 is two runs, three and two cells long, end to
// end.
func TestHeatmap_Runs(t *testing.T) {
	c := Chart{Kind: Heatmap, Title: "Løp", Rows: []string{"00"}, Categories: []string{"a", "b", "c", "d", "e"},
		Grid: [][]float64{{1, 1, 1, 5, 5}}}
	_, root := render(t, &c)
	var ends [][2]float64
	for _, p := range root.group("cells").all("path") {
		for _, seg := range strings.Split(p.attr["d"], "M")[1:] {
			x0, rest, _ := strings.Cut(seg, " ")
			_, x1, _ := strings.Cut(rest, "H")
			a, _ := strconv.ParseFloat(x0, 64)
			b, _ := strconv.ParseFloat(x1, 64)
			ends = append(ends, [2]float64{a, b})
		}
	}
	if len(ends) != 2 {
		t.Fatalf("segments %v, want two", ends)
	}
	first, second := ends[0], ends[1]
	if math.Abs(first[1]-second[0]) > 0.01 || math.Abs((first[1]-first[0])/(second[1]-second[0])-1.5) > 0.01 {
		t.Errorf("segments %v: want three cells, then two, end to end", ends)
	}
}

// TestHeatmap_Labels checks the sparse labels: every third hour, and
// every seventh day from the first Monday.
func TestHeatmap_Labels(t *testing.T) {
	c := hourlyUseChart("h", 84)
	raw, root := render(t, &c)
	var rows, cols []string
	for _, n := range root.group("axis-y").all("text") {
		rows = append(rows, n.textAll())
	}
	for _, n := range root.group("axis-x").all("text") {
		cols = append(cols, n.textAll())
	}
	if want := []string{"00", "03", "06", "09", "12", "15", "18", "21"}; !slices.Equal(rows, want) {
		t.Errorf("row labels %q, want %q", rows, want)
	}
	if want := []string{"30.9.", "7.10.", "14.10.", "21.10.", "28.10.", "4.11.", "11.11.", "18.11.", "25.11.", "2.12.", "9.12.", "16.12."}; !slices.Equal(cols, want) {
		t.Errorf("column labels %q, want %q", cols, want)
	}
	if h := attrFloat(t, root, "height"); h < 24*heatCellH+40 || h > 24*heatCellH+80 {
		t.Errorf("height %g for 24 rows of %d px", h, heatCellH)
	}
	t.Logf("24×84 heat map: %d bytes of SVG", len(raw))
	if len(raw) > 60000 {
		t.Errorf("24×84 cells take %d bytes", len(raw))
	}
}

func TestHeatmap_Summary(t *testing.T) {
	tests := []struct {
		name string
		c    Chart
		want string
	}{
		{"hourly", hourlyUseChart("h", 56),
			"Varmekart over strømforbruk per time, Rådhuset for 56 døgn (30.9.–24.11.). Høyest snitt kl. 10 (33,8 kWh), lavest snitt kl. 02 (11,9 kWh). " +
				"Høyeste enkeltverdi 46,0 kWh (kl. 09, 5.11.). 5 verdier mangler."},
		{"small", goldenCase(t, "varmekart-liten"),
			"Varmekart over strømforbruk per time for 4 døgn (7.10.–10.10.). Høyest snitt kl. 08–16 (40,6 kWh), lavest snitt kl. 00–08 (12,4 kWh). " +
				"Høyeste enkeltverdi 43,5 kWh (kl. 08–16, 8.10.). 2 verdier mangler."},
		{"one cell", heatEdgeCases()["heatmap one cell"], "Varmekart over varme for 1 døgn (1.10.). Snitt kl. 08: 4 kWh. Høyeste enkeltverdi 4 kWh (kl. 08, 1.10.)."},
		{"all NaN", heatEdgeCases()["heatmap all NaN"], "Varmekart over varme for 2 døgn (a–b). Ingen data."},
		{"empty", heatEdgeCases()["heatmap empty"], "Varmekart over varme. Ingen data."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.ReplaceAll(tt.c.Summary(), "\u00a0", " "); got != tt.want {
				t.Errorf("Summary() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// goldenCase returns the golden case called name.
func goldenCase(t *testing.T, name string) Chart {
	t.Helper()
	for _, tc := range goldenCases() {
		if tc.name == name {
			return tc.chart
		}
	}
	t.Fatalf("no golden case %q", name)
	return Chart{}
}

// TestHeatmap_Table checks the table: a row per hour with the mean,
// lowest and highest value, and a count of days when some are missing.
func TestHeatmap_Table(t *testing.T) {
	c := goldenCase(t, "varmekart-liten")
	var b bytes.Buffer
	if err := c.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, b.Bytes())
	var got [][]string
	for _, tr := range root.all("tr") {
		var cells []string
		for _, k := range tr.kids {
			cells = append(cells, k.textAll())
		}
		got = append(got, cells)
	}
	want := [][]string{
		{"Time", "Snitt", "Laveste", "Høyeste", "Døgn med verdi"},
		{"00–08", "12,4", "11,8", "12,9", "3"},
		{"08–16", "40,6", "38,0", "43,5", "3"},
		{"16–24", "20,8", "19,4", "22,7", "4"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("table %q, want %q", got, want)
	}
	if th := root.all("tbody")[0].all("th")[0]; th.attr["scope"] != "row" {
		t.Errorf("row header %v", th.attr)
	}
	if cap := root.all("caption")[0].textAll(); !strings.Contains(cap, "over 4 døgn (7.10.–10.10.)") || !strings.Contains(cap, "Enhet: kWh.") {
		t.Errorf("caption %q", cap)
	}
	for name, c := range heatEdgeCases() {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.WriteTable(&b); err != nil {
				t.Fatal(err)
			}
			root := parseXML(t, b.Bytes())
			if rows := root.all("tbody")[0].all("tr"); len(rows) != len(c.Rows) {
				t.Errorf("%d rows for %d", len(rows), len(c.Rows))
			}
		})
	}
}

func TestHeatmap_Invalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Chart)
	}{
		{"ragged", func(c *Chart) { c.Grid[1] = c.Grid[1][:1] }},
		{"rows without grid", func(c *Chart) { c.Grid = nil }},
		{"grid without rows", func(c *Chart) { c.Rows = nil }},
		{"series", func(c *Chart) { c.Series = []Series{{Name: "A", Values: []float64{1, 2}}} }},
		{"value too large", func(c *Chart) { c.Grid[0][1] = 1e101 }},
		{"too many rows", func(c *Chart) { c.Rows, c.Grid = make([]string, maxRows+1), make([][]float64, maxRows+1) }},
		{"too many cells", func(c *Chart) {
			c.Categories = make([]string, maxCategories)
			c.Rows, c.Grid = make([]string, 51), make([][]float64, 51)
		}},
		{"target", func(c *Chart) { c.Target = &Target{Value: 1} }},
		{"breaks", func(c *Chart) { c.Breaks = []int{1} }},
		{"grid on a bar chart", func(c *Chart) { c.Kind = Bar; c.Series = []Series{{Values: []float64{1, 2}}} }},
		{"height too small", func(c *Chart) { c.Rows, c.Grid = hours(), make([][]float64, 24); c.Height = 100 }}, // found by WriteSVG only
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Chart{Kind: Heatmap, Title: "T", Rows: []string{"00", "01"}, Categories: []string{"a", "b"},
				Grid: [][]float64{{1, 2}, {3, 4}}}
			tt.change(&c)
			if tt.name == "height too small" {
				for i := range c.Grid {
					c.Grid[i] = []float64{1, 2}
				}
			}
			var b bytes.Buffer
			err := c.WriteSVG(&b)
			if !errors.Is(err, ErrInvalid) || b.Len() != 0 {
				t.Fatalf("WriteSVG error %v and %d bytes, want ErrInvalid and none", err, b.Len())
			}
		})
	}
}
