package energy

import (
	"fmt"
	"math"
	"strings"
)

// ModelKind names the shape of a fitted model.
type ModelKind string

// The four model shapes of the CalTRACK 2.0 daily method.
const (
	// ModelIntercept is usage = Base.
	ModelIntercept ModelKind = "intercept"
	// ModelHeating is usage = Base + HeatingSlope*max(0, HeatingBalance-T).
	ModelHeating ModelKind = "heating"
	// ModelCooling is usage = Base + CoolingSlope*max(0, T-CoolingBalance).
	ModelCooling ModelKind = "cooling"
	// ModelBoth has both the heating and the cooling term.
	ModelBoth ModelKind = "heating_cooling"
)

// Defaults used by Fit when a FitOptions field is zero or nil.
const (
	// DefaultMinDays is the data sufficiency limit: about 74 % of a year.
	// CalTRACK asks for 90 % of 365 days (329); municipal meter series
	// often have gaps of a few months, and 270 days still cover every
	// season, so the limit is set lower here.
	DefaultMinDays = 270
	// DefaultMaxCVRMSE is the qualification limit for CV(RMSE) of daily
	// data. CalTRACK sets no limit; ASHRAE Guideline 14 asks for 15 %
	// on monthly and 30 % on hourly data. Daily use of one building has
	// much day-to-day noise (occupancy, holidays) that a weather model
	// cannot explain, so 50 % is used as a screen for models too poor to
	// use; callers who need Guideline 14 set 0.25 or 0.30.
	DefaultMaxCVRMSE = 0.5
)

// Candidate screening from CalTRACK 2.0 (daily methods, 3.4).
const (
	// maxPValue is the largest accepted p-value of a slope.
	maxPValue = 0.1
	// minDegreeDayDays is the least number of days with a non-zero
	// degree-day value at a balance point.
	minDegreeDayDays = 10
	// minDegreeDays is the least sum of degree days at a balance point,
	// here in °C·day (CalTRACK's 20 is in °F·day, so this is stricter).
	minDegreeDays = 20
	// adjR2Tie is how much a more complex candidate must beat the best
	// adjusted R² so far; on an exact fit the simpler model wins.
	adjR2Tie = 1e-12
)

// Model is a fitted daily energy signature: daily kWh against the day's
// mean outdoor temperature (°C).
type Model struct {
	// Kind is the shape that was chosen.
	Kind ModelKind
	// Base is the use in kWh per day independent of weather.
	Base float64
	// HeatingSlope is kWh per heating degree day (°C·day) below
	// HeatingBalance; zero unless Kind has heating.
	HeatingSlope float64
	// HeatingBalance is the heating balance point in °C; zero unless
	// Kind has heating.
	HeatingBalance float64
	// CoolingSlope is kWh per cooling degree day (°C·day) above
	// CoolingBalance; zero unless Kind has cooling.
	CoolingSlope float64
	// CoolingBalance is the cooling balance point in °C; zero unless
	// Kind has cooling.
	CoolingBalance float64
	// R2 is 1 - SSE/SST; zero for the intercept model.
	R2 float64
	// AdjR2 is 1 - (1-R2)(n-1)/(n-p); zero for the intercept model.
	AdjR2 float64
	// CVRMSE is sqrt(SSE/(n-p)) / mean(usage), the CalTRACK and ASHRAE
	// Guideline 14 definition with p the number of parameters (1, 2, 2
	// or 3). It is +Inf when mean usage is zero and the fit is not exact.
	CVRMSE float64
	// NMBE is sum(usage - fit) / ((n-p) mean(usage)); zero when mean
	// usage is zero.
	NMBE float64
	// N is the number of days used.
	N int
	// Qualifies reports whether the model is fit for use: enough days,
	// CVRMSE and R2 within the limits of FitOptions.
	Qualifies bool
	// Reason says in Norwegian bokmål why the model does not qualify;
	// empty when it does.
	Reason string
}

// FitOptions tune Fit. The zero value gives the defaults.
type FitOptions struct {
	// MinDays is the least number of valid days for the model to
	// qualify; DefaultMinDays if 0.
	MinDays int
	// HeatingBalances are the candidate heating balance points in °C;
	// every 1 °C from 8 to 22 if nil (covers the Norwegian base 17 °C).
	// An empty non-nil slice disables heating models.
	HeatingBalances []float64
	// CoolingBalances are the candidate cooling balance points in °C;
	// every 1 °C from 15 to 30 if nil. An empty non-nil slice disables
	// cooling models.
	CoolingBalances []float64
	// MaxCVRMSE is the largest CVRMSE for the model to qualify;
	// DefaultMaxCVRMSE if 0.
	MaxCVRMSE float64
	// MinR2 is the least R2 for the model to qualify; 0 means no limit.
	MinR2 float64
}

// Predict returns the modelled kWh for a day with mean temperature t (°C).
func (m Model) Predict(t float64) float64 {
	return m.Base + m.Heating(t) + m.Cooling(t)
}

// Heating returns the weather-dependent heating part for a day at t:
// HeatingSlope*max(0, HeatingBalance-t), and 0 for models without heating.
func (m Model) Heating(t float64) float64 {
	if m.Kind != ModelHeating && m.Kind != ModelBoth {
		return 0
	}
	return m.HeatingSlope * math.Max(0, m.HeatingBalance-t)
}

// Cooling returns the weather-dependent cooling part for a day at t:
// CoolingSlope*max(0, t-CoolingBalance), and 0 for models without cooling.
func (m Model) Cooling(t float64) float64 {
	if m.Kind != ModelCooling && m.Kind != ModelBoth {
		return 0
	}
	return m.CoolingSlope * math.Max(0, t-m.CoolingBalance)
}

// ddStats holds the sums of one degree-day column at one balance point;
// y is centred on its mean, so sy is the sum of dd*(y-mean).
type ddStats struct {
	balance float64
	s, ss   float64 // sum of dd and of dd²
	sy      float64 // sum of dd*(y-mean)
	days    int     // days with dd > 0
	ok      bool    // passes the CalTRACK degree-day sufficiency rule
}

// sxx returns the centred sum of squares of the column.
func (d ddStats) sxx(n float64) float64 { return d.ss - d.s*d.s/n }

// Fit fits the daily energy signature to paired days by the CalTRACK 2.0
// daily method. temp is the day's mean outdoor temperature in °C and usage
// the day's kWh; a day where either is NaN or infinite is skipped, and
// extra values in the longer slice are ignored.
//
// Fit tries the intercept model, the heating model at every heating
// balance point, the cooling model at every cooling balance point, and the
// combined model at every pair with heating balance <= cooling balance,
// all by ordinary least squares. A weather candidate is kept only if every
// slope is positive with a two-sided t-test p-value below 0.1, and if at
// its balance point at least 10 days have non-zero degree days summing to
// at least 20 °C·day. The kept candidate with the highest adjusted R² is
// returned.
func Fit(temp, usage []float64, opts FitOptions) Model {
	n := min(len(temp), len(usage))
	ts := make([]float64, 0, n)
	ys := make([]float64, 0, n)
	for i := range n {
		if fitFinite(temp[i]) && fitFinite(usage[i]) {
			ts = append(ts, temp[i])
			ys = append(ys, usage[i])
		}
	}
	m := fitDays(ts, ys, opts)
	qualify(&m, opts)
	return m
}

// fitDays chooses the model on days that are all valid.
func fitDays(ts, ys []float64, opts FitOptions) Model {
	n := len(ts)
	if n == 0 {
		return Model{Kind: ModelIntercept}
	}
	fn := float64(n)
	var mean float64
	for _, y := range ys {
		mean += y
	}
	mean /= fn
	var sst float64
	for _, y := range ys {
		sst += (y - mean) * (y - mean)
	}

	hb := opts.HeatingBalances
	if hb == nil {
		hb = fitBalanceGrid(8, 22)
	}
	cb := opts.CoolingBalances
	if cb == nil {
		cb = fitBalanceGrid(15, 30)
	}
	heat := make([]ddStats, len(hb))
	for i, b := range hb {
		heat[i] = degreeDayStats(ts, ys, mean, b, 1)
	}
	cool := make([]ddStats, len(cb))
	for i, b := range cb {
		cool[i] = degreeDayStats(ts, ys, mean, b, -1)
	}

	best := Model{Kind: ModelIntercept, Base: mean}
	bestAdj := 0.0
	if sst > 0 {
		// Single-slope candidates: p = 2.
		df := fn - 2
		for k, list := range [2][]ddStats{heat, cool} {
			for _, d := range list {
				if !d.ok || df < 1 {
					continue
				}
				sxx := d.sxx(fn)
				if !(sxx > 1e-12*d.ss) {
					continue
				}
				slope := d.sy / sxx
				sse := math.Max(0, sst-slope*d.sy)
				adj := 1 - sse/sst*(fn-1)/df
				if !(slope > 0) || !(adj > bestAdj+adjR2Tie) {
					continue
				}
				if tTestP(slope/math.Sqrt(sse/df/sxx), df) >= maxPValue {
					continue
				}
				bestAdj = adj
				best = Model{Base: mean - slope*d.s/fn}
				if k == 0 {
					best.Kind, best.HeatingSlope, best.HeatingBalance = ModelHeating, slope, d.balance
				} else {
					best.Kind, best.CoolingSlope, best.CoolingBalance = ModelCooling, slope, d.balance
				}
			}
		}
		// Combined candidates: p = 3. The two columns never are both
		// non-zero on the same day when hbp <= cbp, so their raw cross
		// product is zero and only the centring term remains.
		df = fn - 3
		for _, h := range heat {
			for _, c := range cool {
				if !h.ok || !c.ok || h.balance > c.balance || df < 1 {
					continue
				}
				shh, scc := h.sxx(fn), c.sxx(fn)
				shc := -h.s * c.s / fn
				det := shh*scc - shc*shc
				if !(det > 1e-12*shh*scc) {
					continue
				}
				bh := (scc*h.sy - shc*c.sy) / det
				bc := (shh*c.sy - shc*h.sy) / det
				sse := math.Max(0, sst-bh*h.sy-bc*c.sy)
				adj := 1 - sse/sst*(fn-1)/df
				if !(bh > 0) || !(bc > 0) || !(adj > bestAdj+adjR2Tie) {
					continue
				}
				v := sse / df / det
				if tTestP(bh/math.Sqrt(v*scc), df) >= maxPValue ||
					tTestP(bc/math.Sqrt(v*shh), df) >= maxPValue {
					continue
				}
				bestAdj = adj
				best = Model{
					Kind:           ModelBoth,
					Base:           mean - bh*h.s/fn - bc*c.s/fn,
					HeatingSlope:   bh,
					HeatingBalance: h.balance,
					CoolingSlope:   bc,
					CoolingBalance: c.balance,
				}
			}
		}
	}
	best.N = n
	goodness(&best, ts, ys, mean, sst)
	return best
}

// degreeDayStats returns the sums of the heating (sign 1) or cooling
// (sign -1) degree-day column at balance point b.
func degreeDayStats(ts, ys []float64, mean, b float64, sign float64) ddStats {
	d := ddStats{balance: b}
	if !fitFinite(b) {
		return d
	}
	for i, t := range ts {
		dd := sign * (b - t)
		if dd > 0 {
			d.s += dd
			d.ss += dd * dd
			d.sy += dd * (ys[i] - mean)
			d.days++
		}
	}
	d.ok = d.days >= minDegreeDayDays && d.s >= minDegreeDays
	return d
}

// goodness fills R2, AdjR2, CVRMSE and NMBE from the residuals of m,
// computed directly rather than from the sums used in the search.
func goodness(m *Model, ts, ys []float64, mean, sst float64) {
	n := float64(len(ts))
	p := 1.0
	switch m.Kind {
	case ModelHeating, ModelCooling:
		p = 2
	case ModelBoth:
		p = 3
	}
	var sse, sr float64
	for i, t := range ts {
		r := ys[i] - m.Predict(t)
		sse += r * r
		sr += r
	}
	if m.Kind != ModelIntercept && sst > 0 {
		m.R2 = 1 - sse/sst
		m.AdjR2 = 1 - (1-m.R2)*(n-1)/(n-p)
	}
	df := math.Max(n-p, 1)
	rmse := math.Sqrt(sse / df)
	switch {
	case mean != 0:
		m.CVRMSE = rmse / math.Abs(mean)
		m.NMBE = sr / (df * mean)
	case rmse > 0:
		m.CVRMSE = math.Inf(1)
	}
}

// qualify sets Qualifies and Reason from the limits in opts.
func qualify(m *Model, opts FitOptions) {
	minDays := opts.MinDays
	if minDays <= 0 {
		minDays = DefaultMinDays
	}
	maxCV := opts.MaxCVRMSE
	if maxCV <= 0 {
		maxCV = DefaultMaxCVRMSE
	}
	switch {
	case m.N == 0:
		m.Reason = "ingen dager med gyldige data"
	case m.N < minDays:
		m.Reason = fmt.Sprintf("for få dager med data (%d av %d nødvendige)", m.N, minDays)
	case !(m.CVRMSE <= maxCV):
		m.Reason = fmt.Sprintf("for stor usikkerhet i modellen (CV(RMSE) %s %% over grensen %s %%)",
			fitDecimalComma(100*m.CVRMSE, 1), fitDecimalComma(100*maxCV, 1))
	case opts.MinR2 > 0 && !(m.R2 >= opts.MinR2):
		m.Reason = fmt.Sprintf("for lav forklaringsgrad (R² %s under kravet %s)",
			fitDecimalComma(m.R2, 2), fitDecimalComma(opts.MinR2, 2))
	default:
		m.Qualifies = true
	}
}

// fitDecimalComma formats x with prec decimals and a Norwegian decimal comma.
func fitDecimalComma(x float64, prec int) string {
	return strings.Replace(fmt.Sprintf("%.*f", prec, x), ".", ",", 1)
}

// fitBalanceGrid returns every whole degree from lo to hi.
func fitBalanceGrid(lo, hi int) []float64 {
	g := make([]float64, 0, hi-lo+1)
	for b := lo; b <= hi; b++ {
		g = append(g, float64(b))
	}
	return g
}

// fitFinite reports whether x is neither NaN nor infinite.
func fitFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// tTestP returns the two-sided p-value of Student's t statistic t with df
// degrees of freedom: I_x(df/2, 1/2) with x = df/(df+t²).
func tTestP(t, df float64) float64 {
	if math.IsNaN(t) {
		return 1
	}
	if math.IsInf(t, 0) {
		return 0
	}
	return regIncBeta(df/2, 0.5, df/(df+t*t))
}

// regIncBeta returns the regularized incomplete beta function I_x(a, b)
// for a, b > 0, by the continued fraction of Numerical Recipes (6.4),
// using the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where it converges faster.
func regIncBeta(a, b, x float64) float64 {
	switch {
	case !(x > 0):
		return 0
	case !(x < 1):
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

// betaCF evaluates the continued fraction for the incomplete beta function
// by the modified Lentz method.
func betaCF(a, b, x float64) float64 {
	const (
		maxIter = 300
		eps     = 1e-15
		tiny    = 1e-300
	)
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= maxIter; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < eps {
			break
		}
	}
	return h
}
