package chart

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// FuzzChart builds a chart of any kind from fuzzed numbers and labels and
// checks that it renders without panic into well-formed, deterministic
// markup free of NaN, or fails with ErrInvalid.
func FuzzChart(f *testing.F) {
	seed := func(kind uint8, w, h uint16, flags uint8, labels string, vals ...float64) {
		data := make([]byte, 8*len(vals))
		for i, v := range vals {
			binary.LittleEndian.PutUint64(data[8*i:], math.Float64bits(v))
		}
		f.Add(kind, w, h, flags, labels, data)
	}
	seed(1, 0, 0, 0x08, "2014|2015|2016|2017|2018", 7.6, 7.3, 7.2, 7.5, 7.3, 7)
	seed(2, 0, 0, 0x10, "Strategisk ledelse|HR og service|Økonomi og virksomhetsstyring", 27.1, 181.2, 59.6)
	seed(3, 640, 320, 0x21, "a|b", 9.8, 8, 9, 8)
	seed(4, 0, 0, 0x01, "Politisk styring|Kontroll og revisjon", 269, 65, 281, 79)
	seed(5, 100, 24, 0x04, "1|2|3", math.NaN(), 1, math.Inf(-1))
	seed(1, 0, 0, 0x0c, "x", 1e100, -1e100, 5e-324)
	seed(2, 121, 81, 0x02, "\x00\xff<&>\"|\u202e|", -3, 0, 3)
	seed(6, 0, 0, 0x08, "Døgnmiddeltemperatur", -10, 3000, 0, 2000, 15, 1200, 20, 1250, -10, 2950, 15, 1250, 25, 1250)
	seed(6, 120, 80, 0x0b, "", math.NaN(), 1, 2, math.Inf(1), 1e100, -1e100, 3, 3)
	seed(7, 0, 0, 0x03, "1.10.|2.10.|3.10.", 12, 40, 20, 11, math.NaN(), 21, 13, 44, 19)
	seed(7, 200, 0, 0x21, "a|b", 0, 0, 0, 0, 5e-324, -5e-324)
	seed(7, 0, 100, 0x07, "x", math.NaN())

	f.Fuzz(func(t *testing.T, kind uint8, w, h uint16, flags uint8, labels string, data []byte) {
		vals := make([]float64, len(data)/8)
		for i := range vals {
			vals[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
		}
		cats := strings.Split(labels, "|")
		if len(cats) > 50 {
			cats = cats[:50]
		}
		c := Chart{
			Kind:        Kind(kind % 9), // includes the invalid 0 and 8
			Title:       "Fuzz " + labels,
			Categories:  cats,
			Width:       int(w % 2000),
			Height:      int(h % 1200),
			Percent:     flags&0x10 != 0,
			ValueLabels: flags&0x20 != 0,
			Decorative:  flags&0x40 != 0,
			Decimals:    int(flags>>6) + int(flags&1),
		}
		nser := 1 + int(flags&0x03) // 1–4 series; a peer chart needs two
		for i := range nser {
			s := Series{Name: "S" + string(rune('A'+i)), Values: make([]float64, len(cats))}
			for j := range s.Values {
				s.Values[j] = math.NaN()
				if k := i*len(cats) + j; k < len(vals) {
					s.Values[j] = vals[k]
				}
			}
			c.Series = append(c.Series, s)
		}
		if flags&0x08 != 0 && len(vals) > 0 {
			c.Target = &Target{Value: vals[len(vals)-1], Label: labels}
		}
		if flags&0x04 != 0 {
			c.Breaks = []int{len(cats) / 2}
		}
		switch c.Kind {
		case Scatter:
			scatterFromFuzz(&c, flags, labels, vals)
		case Heatmap:
			heatmapFromFuzz(&c, flags, vals)
		}

		var a, b, tbl bytes.Buffer
		err := c.WriteSVG(&a)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if err := c.WriteSVG(&b); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("second render differs (%v)", err)
		}
		if bytes.Contains(a.Bytes(), []byte("NaN")) || bytes.Contains(a.Bytes(), []byte("Inf")) {
			t.Fatalf("NaN or Inf in the output:\n%s", a.Bytes())
		}
		if bytes.Contains(a.Bytes(), []byte(`"></text>`)) {
			t.Fatalf("empty <text> in the output:\n%s", a.Bytes())
		}
		root := parseXML(t, a.Bytes())
		if root.name != "svg" {
			t.Fatalf("root <%s>", root.name)
		}
		if err := c.WriteTable(&tbl); err != nil {
			t.Fatalf("WriteTable fails where WriteSVG did not: %v", err)
		}
		parseXML(t, tbl.Bytes())
	})
}

// scatterFromFuzz turns c into a scatter chart of the fuzzed values, as
// (x, y) pairs; with flag 0x08 the last three pairs (or two) are the
// fitted line. Flag 0x04 keeps the series and categories, which is
// invalid.
func scatterFromFuzz(c *Chart, flags uint8, labels string, vals []float64) {
	var pts []Point
	for i := 0; i+1 < len(vals); i += 2 {
		pts = append(pts, Point{X: vals[i], Y: vals[i+1]})
	}
	c.Target, c.Breaks = nil, nil
	if flags&0x04 == 0 {
		c.Series, c.Categories = nil, nil
	}
	if flags&0x08 != 0 && len(pts) >= 2 {
		k := min(3, len(pts))
		c.Fit = slices.Clone(pts[len(pts)-k:])
		pts = pts[:len(pts)-k]
	}
	c.Points = pts
	c.XTitle, c.XUnit, c.XDecimals = labels, "°C", int(flags&3)
	c.PointsName, c.FitName = labels, labels
}

// heatmapFromFuzz turns c into a heat map of the fuzzed values over the
// categories: 1, 2, 3 or 24 rows (flags & 3), filled row by row, missing
// where the values run out. Flag 0x04 leaves the last row one short,
// which is invalid.
func heatmapFromFuzz(c *Chart, flags uint8, vals []float64) {
	n := [...]int{1, 2, 3, 24}[flags&3]
	c.Series, c.Target, c.Breaks = nil, nil, nil
	c.Rows = make([]string, n)
	c.Grid = make([][]float64, n)
	k := 0
	for r := range n {
		c.Rows[r] = strconv.Itoa(r)
		c.Grid[r] = make([]float64, len(c.Categories))
		for j := range c.Grid[r] {
			c.Grid[r][j] = math.NaN()
			if k < len(vals) {
				c.Grid[r][j] = vals[k]
			}
			k++
		}
	}
	if flags&0x04 != 0 && len(c.Grid[n-1]) > 0 {
		c.Grid[n-1] = c.Grid[n-1][1:]
	}
}
