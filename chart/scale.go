package chart

import (
	"math"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

// axis is a value axis from Lo to Hi with a tick at every multiple of
// Step. Tick labels show the value divided by 10^Exp when the numbers are
// too large or too small to print whole.
type axis struct {
	Lo, Hi, Step float64
	Exp          int
}

// niceMultiples are the tick steps within a power of ten.
var niceMultiples = [...]float64{1, 2, 2.5, 5, 10}

// niceStep returns the smallest step of the form {1, 2, 2,5, 5} × 10ⁿ that
// is at least raw.
func niceStep(raw float64) float64 {
	if !(raw > 0) || !finite(raw) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range niceMultiples {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// niceAxis returns an axis covering lo..hi in about n steps, its ends
// rounded outward to whole steps. Of n, n+1 and n+2 steps it takes the
// one that wastes least room beyond the data: 0–11 becomes 0–12 in steps
// of 2, not 0–15 in steps of 5.
func niceAxis(lo, hi float64, n int) axis {
	lo, hi = spread(lo, hi)
	n = max(n, 1)
	var best axis
	bestWaste := math.Inf(1)
	for k := n; k <= n+2; k++ {
		a := niceAxisSteps(lo, hi, k)
		if waste := (a.Hi - a.Lo) / (hi - lo); waste < bestWaste-1e-9 {
			best, bestWaste = a, waste
		}
	}
	return best
}

// niceAxisSteps is niceAxis for exactly the step that divides lo..hi in
// about n.
func niceAxisSteps(lo, hi float64, n int) axis {
	step := niceStep((hi - lo) / float64(n))
	a := axis{
		Lo:   math.Floor(lo/step+1e-9) * step,
		Hi:   math.Ceil(hi/step-1e-9) * step,
		Step: step,
	}
	if a.Hi <= a.Lo {
		a.Hi = a.Lo + step
	}
	a.Exp = exponent(math.Max(math.Abs(a.Lo), math.Abs(a.Hi)))
	return a
}

// spread widens an empty or vanishing range (one value, or all equal) to
// ±10 % around its value, or to 0..1 around zero, so it can be divided.
func spread(lo, hi float64) (float64, float64) {
	m := math.Max(math.Abs(lo), math.Abs(hi))
	if hi-lo > m*1e-9 && hi-lo > 1e-100 {
		return lo, hi
	}
	c := lo/2 + hi/2
	if math.Abs(c) < 1e-100 {
		return 0, 1
	}
	d := math.Abs(c) * 0.1
	return c - d, c + d
}

// exponent is the power of ten, a multiple of three, by which tick labels
// are divided: 6 from a million on, −6 below a thousandth, else 0.
func exponent(m float64) int {
	if m < 1e6 && (m >= 1e-3 || m == 0) {
		return 0
	}
	return 3 * int(math.Floor(math.Log10(m)/3))
}

// ticks returns the values of the axis's ticks, at most 101.
func (a axis) ticks() []float64 {
	k0 := math.Round(a.Lo / a.Step)
	k1 := math.Round(a.Hi / a.Step)
	if k1-k0 > 100 || k1 < k0 {
		return []float64{a.Lo, a.Hi}
	}
	t := make([]float64, 0, int(k1-k0)+1)
	for k := k0; k <= k1; k++ {
		t = append(t, k*a.Step)
	}
	return t
}

// decimals is the number of decimals a tick label needs: 0 for a step of
// 5, 1 for 0,5, 2 for 0,25.
func (a axis) decimals() int {
	return stepDecimals(a.Step / math.Pow10(a.Exp))
}

// stepDecimals is the number of decimals that writes step exactly.
func stepDecimals(step float64) int {
	for d := 0; d < 15; d++ {
		x := step * math.Pow10(d)
		if math.Abs(x-math.Round(x)) <= 1e-6*math.Max(1, x) {
			return d
		}
	}
	return 15
}

// label formats a tick value in bokmål: "7,0 %", "1 000", "2,5" (with
// Exp 6, meaning 2,5 million).
func (a axis) label(v float64, percent bool) string {
	s := nb.Number(v/math.Pow10(a.Exp), a.decimals())
	if percent {
		s += nb.GroupSep + "%"
	}
	return s
}

// expText names the axis's power of ten for the unit label: "mill.",
// "mrd.", "×10¹²"; "" for none.
func (a axis) expText() string {
	switch a.Exp {
	case 0:
		return ""
	case 6:
		return "mill."
	case 9:
		return "mrd."
	}
	return "×10" + superscript(a.Exp)
}

// superscript writes n in superscript digits: −6 → "⁻⁶".
func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	sup := []rune(digits)
	var b strings.Builder
	if n < 0 {
		b.WriteRune('⁻')
		n = -n
	}
	var rev []rune
	for {
		rev = append(rev, sup[n%10])
		n /= 10
		if n == 0 {
			break
		}
	}
	for i := len(rev) - 1; i >= 0; i-- {
		b.WriteRune(rev[i])
	}
	return b.String()
}

// lineDomain is the value range of a line chart: the data and the target,
// padded by 5 % on each side without crossing zero. A line's axis need not
// start at zero, since its message is change, not size.
func lineDomain(vals []float64, target *Target) (float64, float64) {
	lo, hi, ok := extent(vals, target)
	if !ok {
		return 0, 1
	}
	lo, hi = spread(lo, hi)
	pad := (hi - lo) * 0.05
	nlo, nhi := lo-pad, hi+pad
	if lo >= 0 && nlo < 0 {
		nlo = 0
	}
	if hi <= 0 && nhi > 0 {
		nhi = 0
	}
	return nlo, nhi
}

// barDomain is the value range of a bar chart: always including zero, the
// bars' base, padded by frac on each side with bars.
func barDomain(vals []float64, target *Target, frac float64) (float64, float64) {
	lo, hi, ok := extent(vals, target)
	if !ok {
		return 0, 1
	}
	lo, hi = spread(math.Min(lo, 0), math.Max(hi, 0))
	pad := (hi - lo) * frac
	if hi > 0 {
		hi += pad
	}
	if lo < 0 {
		lo -= pad
	}
	return lo, hi
}

// extent is the smallest and largest finite value and the target.
func extent(vals []float64, target *Target) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if target != nil {
		lo, hi = math.Min(lo, target.Value), math.Max(hi, target.Value)
	}
	return lo, hi, lo <= hi
}

// linear maps the domain D0..D1 onto the range R0..R1.
type linear struct{ D0, D1, R0, R1 float64 }

// at is the position of v.
func (l linear) at(v float64) float64 {
	if l.D1 == l.D0 {
		return l.R0
	}
	return l.R0 + (v-l.D0)/(l.D1-l.D0)*(l.R1-l.R0)
}

// band divides X0..X1 into N equal bands, one per category.
type band struct {
	X0, X1 float64
	N      int
}

// width is the width of one band.
func (b band) width() float64 {
	if b.N == 0 {
		return b.X1 - b.X0
	}
	return (b.X1 - b.X0) / float64(b.N)
}

// start is the left edge of band i; start(N) is the right end.
func (b band) start(i int) float64 { return b.X0 + float64(i)*b.width() }

// center is the middle of band i, where points and labels go.
func (b band) center(i int) float64 { return b.start(i) + b.width()/2 }
