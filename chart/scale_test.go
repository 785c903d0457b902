package chart

import (
	"math"
	"testing"
)

func TestNiceStep(t *testing.T) {
	tests := []struct {
		raw, want float64
	}{
		{1, 1}, {1.1, 2}, {2, 2}, {2.1, 2.5}, {2.6, 5}, {5.1, 10},
		{0.12, 0.2}, {0.165, 0.2}, {0.24, 0.25}, {37, 50}, {180, 200}, {1234, 2000},
		{1e-7, 1e-7}, {3e12, 5e12}, {0, 1}, {-3, 1}, {math.NaN(), 1}, {math.Inf(1), 1},
	}
	for _, tt := range tests {
		if got := niceStep(tt.raw); math.Abs(got-tt.want) > 1e-9*tt.want {
			t.Errorf("niceStep(%g) = %g, want %g", tt.raw, got, tt.want)
		}
	}
}

// TestNiceAxis checks that every axis covers its data, starts and ends on
// a tick, and steps by 1, 2, 2,5 or 5 × 10ⁿ.
func TestNiceAxis(t *testing.T) {
	tests := []struct {
		name           string
		lo, hi         float64
		n              int
		wantLo, wantHi float64
		wantStep       float64
	}{
		{"sick leave", 6.97, 7.63, 4, 6.8, 7.8, 0.2},
		{"fte", 0, 190, 4, 0, 200, 50},
		{"less waste", 0, 11, 4, 0, 12, 2},
		{"negative", -33.2, 24.1, 4, -40, 30, 10},
		{"single value", 7.3, 7.3, 4, 6.5, 8.25, 0.25},
		{"zero", 0, 0, 4, 0, 1, 0.25},
		{"millions", 0, 2.3e6, 4, 0, 2.5e6, 5e5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := niceAxis(tt.lo, tt.hi, tt.n)
			near := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(y)) }
			if !near(a.Lo, tt.wantLo) || !near(a.Hi, tt.wantHi) || !near(a.Step, tt.wantStep) {
				t.Errorf("niceAxis(%g, %g, %d) = %+v, want %g..%g by %g", tt.lo, tt.hi, tt.n, a, tt.wantLo, tt.wantHi, tt.wantStep)
			}
			if a.Lo > tt.lo || a.Hi < tt.hi {
				t.Errorf("axis %+v does not cover %g..%g", a, tt.lo, tt.hi)
			}
			ticks := a.ticks()
			if !near(ticks[0], a.Lo) || !near(ticks[len(ticks)-1], a.Hi) {
				t.Errorf("ticks %v do not run from %g to %g", ticks, a.Lo, a.Hi)
			}
			m := a.Step / math.Pow10(int(math.Floor(math.Log10(a.Step))))
			if !near(m, 1) && !near(m, 2) && !near(m, 2.5) && !near(m, 5) {
				t.Errorf("step %g is not nice", a.Step)
			}
		})
	}
}

func TestAxis_Label(t *testing.T) {
	tests := []struct {
		name    string
		lo, hi  float64
		v       float64
		percent bool
		want    string
		wantExp string
	}{
		{"percent one decimal", 6.97, 7.63, 7, true, "7,0\u00a0%", ""},
		{"thousands", 0, 1900, 1000, false, "1\u00a0000", ""},
		{"minus sign", -33, 24, -20, true, "\u221220\u00a0%", ""},
		{"quarter steps", 0, 1, 0.25, false, "0,25", ""},
		{"millions", 0, 2.3e6, 1.5e6, false, "1,5", "mill."},
		{"milliards", 0, 4e9, 2e9, false, "2", "mrd."},
		{"huge", 0, 3e13, 1e13, false, "10", "×10¹²"},
		{"tiny", 0, 3e-7, 1e-7, false, "100", "×10⁻⁹"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := niceAxis(tt.lo, tt.hi, 4)
			if got := a.label(tt.v, tt.percent); got != tt.want {
				t.Errorf("label(%g) = %q, want %q (axis %+v)", tt.v, got, tt.want, a)
			}
			if got := a.expText(); got != tt.wantExp {
				t.Errorf("expText() = %q, want %q", got, tt.wantExp)
			}
		})
	}
}

func TestDomains(t *testing.T) {
	sick := []float64{7.6, 7.3, 7.2, 7.5, 7.3}
	t.Run("line includes a far target", func(t *testing.T) {
		for _, target := range []float64{-50, 0, 7, 70, 1e6} {
			lo, hi := lineDomain(sick, &Target{Value: target})
			if target < lo || target > hi {
				t.Errorf("target %g outside %g..%g", target, lo, hi)
			}
		}
	})
	t.Run("line need not start at zero", func(t *testing.T) {
		if lo, _ := lineDomain(sick, nil); lo < 7 {
			t.Errorf("lo = %g, want the range near the data", lo)
		}
	})
	t.Run("line padding does not cross zero", func(t *testing.T) {
		if lo, _ := lineDomain([]float64{0, 5}, nil); lo != 0 {
			t.Errorf("lo = %g, want 0", lo)
		}
	})
	t.Run("bars include zero", func(t *testing.T) {
		lo, hi := barDomain(sick, nil, 0.05)
		if lo != 0 || hi < 7.6 {
			t.Errorf("barDomain = %g..%g", lo, hi)
		}
		lo, hi = barDomain([]float64{-5, -2}, nil, 0.05)
		if hi != 0 || lo > -5 {
			t.Errorf("negative barDomain = %g..%g", lo, hi)
		}
	})
	t.Run("missing only", func(t *testing.T) {
		if lo, hi := lineDomain([]float64{nan, math.Inf(1)}, nil); lo != 0 || hi != 1 {
			t.Errorf("lineDomain = %g..%g, want 0..1", lo, hi)
		}
	})
}

func TestBand(t *testing.T) {
	b := band{X0: 40, X1: 540, N: 5}
	if b.width() != 100 || b.start(2) != 240 || b.center(4) != 490 {
		t.Errorf("band %+v: width %g, start(2) %g, center(4) %g", b, b.width(), b.start(2), b.center(4))
	}
}

func TestPlaceLabels(t *testing.T) {
	got, ok := placeLabels([]float64{100, 104, 300}, 14, 0, 310)
	if !ok || got[1]-got[0] < 14 || got[2] != 300 {
		t.Errorf("placeLabels = %v, %v", got, ok)
	}
	got, ok = placeLabels([]float64{305, 309}, 14, 0, 310) // pushed back up from the bottom
	if !ok || got[1] > 310 || got[1]-got[0] < 14 {
		t.Errorf("placeLabels at the bottom = %v, %v", got, ok)
	}
	if _, ok := placeLabels([]float64{1, 2, 3}, 14, 0, 20); ok {
		t.Error("three labels fit in 20 px")
	}
}
