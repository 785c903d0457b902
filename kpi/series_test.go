package kpi_test

import (
	"math"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// annual builds an annual series starting in year from.
func annual(from int, vals ...float64) kpi.Series {
	s := make(kpi.Series, len(vals))
	for i, v := range vals {
		s[i] = kpi.Point{Period: virk.YearPeriod(from + i), Value: v, Status: virk.StatusFinal}
	}
	return s
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSeries_ChangePct(t *testing.T) {
	s := annual(2014, 559.6, 569.5, 574.6, 635.9, 657.7) // §2.2.2 Sum årsverk
	want := map[int]float64{2015: 1.769, 2016: 0.8955, 2017: 10.668, 2018: 3.428}
	for y, w := range want {
		got, ok := s.ChangePct(virk.YearPeriod(y))
		if !ok || math.Abs(got-w) > 0.001 {
			t.Errorf("%d: %v, %v; want %v", y, got, ok, w)
		}
	}
	if _, ok := s.ChangePct(virk.YearPeriod(2014)); ok {
		t.Error("2014 has no earlier year and must have no change")
	}
	gap := append(annual(2014, 1), kpi.Point{Period: virk.YearPeriod(2016), Value: 2, Status: virk.StatusFinal})
	if _, ok := gap.ChangePct(virk.YearPeriod(2016)); ok {
		t.Error("a change across a gap year must not be computed")
	}
}

func TestSeries_Trend(t *testing.T) {
	s := annual(2014, 3860, 3843, 3957, 3329, 3130) // §2.2.5 admin kr pr. innb.
	got, ok := s.Trend(virk.YearPeriod(2018), 3)
	if !ok || !near(got, (3130.0-3843)/3) {
		t.Errorf("Trend = %v, %v", got, ok)
	}
	if _, ok := s.Trend(virk.YearPeriod(2018), 5); ok {
		t.Error("a trend reaching before the series must be missing")
	}
}

func TestSeries_SubYear(t *testing.T) {
	q := func(s string) virk.Period { return virk.MustParsePeriod(s) }
	s := kpi.Series{
		{Period: q("2017Q2"), Value: 100, Status: virk.StatusFinal},
		{Period: q("2018Q1"), Value: 50, Status: virk.StatusFinal},
		{Period: q("2018Q2"), Value: 110, Status: virk.StatusFinal},
	}
	got, ok := s.ChangePct(q("2018Q2"))
	if !ok || !near(got, 10) {
		t.Errorf("quarter change vs a year earlier = %v, %v; want 10", got, ok)
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name   string
		change float64
		dir    virk.Direction
		dec    int
		want   kpi.Judgement
	}{
		{"lower is better, falling", -238, virk.Down, 0, kpi.Good},
		{"lower is better, rising", 27, virk.Down, 0, kpi.Bad},
		{"rounds to zero", 0.04, virk.Down, 1, kpi.Flat},
		{"higher is better, rising", 13, virk.Up, 0, kpi.Good},
		{"no direction", 5, virk.Neutral, 0, kpi.Neutral},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kpi.Judge(tt.change, tt.dir, tt.dec); got != tt.want {
				t.Errorf("Judge = %s, want %s", got, tt.want)
			}
		})
	}
}
