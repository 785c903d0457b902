package kpi_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// TestCube_AnnualEach checks the dense annual values against what
// Series.Value gives, on series with a quarterly point, a missing-status
// point, two points of one year and gaps, for stored, rolled-up and
// derived indicators, and over calls that add entities and years.
func TestCube_AnnualEach(t *testing.T) {
	inds := []*virk.Indicator{
		{ID: "x", Rollup: virk.RollupSum},
		{ID: "y"},
		{ID: "x_pr_y", Formula: "x / y"},
	}
	ents := []*virk.Entity{
		{ID: "k1", Kind: virk.KindMunicipality},
		{ID: "k2", Kind: virk.KindMunicipality},
		{ID: "k3", Kind: virk.KindMunicipality},
		{ID: "u1", Kind: virk.KindUnit, ParentID: "k3"},
		{ID: "u2", Kind: virk.KindUnit, ParentID: "k3"},
	}
	at := func(ind, ent string, p virk.Period, v float64, st virk.Status) *virk.Observation {
		return &virk.Observation{IndicatorID: ind, EntityID: ent, Period: p, Value: v, Status: st}
	}
	year := virk.YearPeriod
	q2 := func(y int) virk.Period { return virk.Period{Year: y, Freq: virk.Quarterly, N: 2} }
	o := []*virk.Observation{
		// k1: 2016, a gap, 2018 missing, 2019 with a quarter after it.
		at("x", "k1", year(2016), 16, virk.StatusFinal),
		at("x", "k1", year(2018), 0, virk.StatusMissing),
		at("x", "k1", q2(2019), 99, virk.StatusFinal),
		at("x", "k1", year(2019), 19, virk.StatusPreliminary),
		// k2: only a quarter in 2017; 2020 and 2021 twice: the first
		// point counts, with or without a value.
		at("x", "k2", q2(2017), 77, virk.StatusFinal),
		at("x", "k2", year(2020), 20, virk.StatusFinal),
		at("x", "k2", year(2020), 21, virk.StatusFinal),
		at("x", "k2", year(2021), 0, virk.StatusSuppressed),
		at("x", "k2", year(2021), 22, virk.StatusFinal),
		// k3 sums its units in 2017 (and has its own 2018).
		at("x", "u1", year(2017), 1, virk.StatusFinal),
		at("x", "u2", year(2017), 2, virk.StatusFinal),
		at("x", "k3", year(2018), 5, virk.StatusFinal),
		at("y", "k1", year(2016), 4, virk.StatusFinal),
		at("y", "k1", year(2019), 2, virk.StatusFinal),
		at("y", "k3", year(2017), 10, virk.StatusFinal),
		at("y", "k3", year(2021), 1, virk.StatusFinal),
	}
	c, err := kpi.NewCube(inds, ents, o)
	if err != nil {
		t.Fatal(err)
	}
	// got renders one call's values as "ind year: v v v" lines, "-" for
	// none.
	got := func(ids, ents []string, first, last int) string {
		var b strings.Builder
		c.AnnualEach(ids, ents, first, last, func(i, y int, vals []float64, has []bool) {
			fmt.Fprintf(&b, "%s %d:", ids[i], y)
			for e := range ents {
				if has[e] {
					fmt.Fprintf(&b, " %g", vals[e])
				} else {
					b.WriteString(" -")
				}
			}
			b.WriteString("\n")
		})
		return b.String()
	}
	ids := []string{"x", "y", "x_pr_y"}
	// The first call sees only k2, whose one value is of 2020.
	if g, want := got(ids[:1], []string{"k2"}, 2019, 2021), "x 2019: -\nx 2020: 20\nx 2021: -\n"; g != want {
		t.Errorf("k2 alone:\n%swant\n%s", g, want)
	}
	want := `x 2015: - - - -
x 2016: 16 - - -
x 2017: - - 3 -
x 2018: - - 5 -
x 2019: 19 - - -
x 2020: - 20 - -
x 2021: - - - -
y 2015: - - - -
y 2016: 4 - - -
y 2017: - - 10 -
y 2018: - - - -
y 2019: 2 - - -
y 2020: - - - -
y 2021: - - 1 -
x_pr_y 2015: - - - -
x_pr_y 2016: 4 - - -
x_pr_y 2017: - - 0.3 -
x_pr_y 2018: - - - -
x_pr_y 2019: 9.5 - - -
x_pr_y 2020: - - - -
x_pr_y 2021: - - - -
`
	ents4 := []string{"k1", "k2", "k3", "nobody"}
	for range 2 { // the second time from the memo
		if g := got(ids, ents4, 2015, 2021); g != want {
			t.Errorf("got\n%swant\n%s", g, want)
		}
	}
	// The same as Series.Value, year by year, in another order.
	for _, id := range ids {
		for _, y := range []int{2021, 2016, 2019} {
			c.AnnualEach([]string{id}, []string{"k3", "k1"}, y, y, func(_, y int, vals []float64, has []bool) {
				for e, ent := range []string{"k3", "k1"} {
					v, ok := c.Series(id, ent).Value(year(y))
					if has[e] != ok || vals[e] != v && !math.IsNaN(v) {
						t.Errorf("%s %s %d = %v %v, Series.Value %v %v", id, ent, y, vals[e], has[e], v, ok)
					}
				}
			})
		}
	}
}
