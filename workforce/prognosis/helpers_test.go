package prognosis

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// flat returns a population with n persons of every age 0–100 in every
// year from first to last.
func flat(first, last int, n float64) *Population {
	return popFunc(first, last, func(int, int) float64 { return n })
}

// popFunc returns a population of ages 0–100 with f(year, age) persons.
func popFunc(first, last int, f func(year, age int) float64) *Population {
	p := NewPopulation()
	for y := first; y <= last; y++ {
		for a := 0; a <= 100; a++ {
			p.Add(y, a, f(y, a))
		}
	}
	return p
}

// near reports whether a and b agree to 1e-9.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9 }

// checkErr fails unless err is an error wrapping kind whose text contains
// every one of want.
func checkErr(t *testing.T, err error, kind error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %q", want)
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("error %q does not wrap %v", err, kind)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error\n%s\ndoes not contain\n%s", err, w)
		}
	}
}
