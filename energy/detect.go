package energy

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
)

// DetectOptions tune Detect and Avoided. A zero threshold gives its
// default.
type DetectOptions struct {
	// BuildingID and MeterID are copied into the alerts.
	BuildingID, MeterID string
	// Building gives the opening hours. The hours of a weekday outside
	// [OpenFrom, OpenTo) are its night, and Saturday and Sunday are
	// weekend days, closed all day, unless OpenWeekends (then they have
	// nights like weekdays). An AlwaysOpen building has no closed hours,
	// so night and weekend load are not checked.
	Building virk.Building
	// Price is NOK per kWh for ExcessNOK; 0 means 1.0.
	Price float64
	// BaselineDays is the length of the reference period, counted from
	// the first day with data; 0 means 365, a whole year so that every
	// season is in it. Nothing in the reference period is flagged except
	// meter faults.
	BaselineDays int
	// Today is the day detection runs. Days from Today on are not yet
	// due, so the rest of the current month in a use laid out by
	// MeterUse is not a stopped meter, and days between the use's last
	// day and Today are missing. Zero takes every day laid out as due.
	Today virk.Date
	// NightExcess is how far above its normal the closed-hour load must
	// be, as a share of the normal; 0 means 0.2 (20 %): a fifth more at
	// night is worth a visit, and more than weather leaves unexplained.
	NightExcess float64
	// NightSigmas is how many robust standard deviations of the
	// baseline's day-to-day closed-hour load the excess must also exceed,
	// so that a noisy meter is not flagged for its noise; 0 means 2.
	// Three nights in a row 2σ over happen by chance about once in
	// 100 000 (0.023³); the evaluation on real series found none.
	NightSigmas float64
	// NightDays and WeekendDays are how many consecutive weekday nights
	// and weekend days above the threshold open an alert, and how many
	// back below end it; 0 means 3 nights and 2 weekend days (one
	// weekend).
	NightDays, WeekendDays int
	// CUSUMK and CUSUMH are the reference value and the decision limit of
	// the drift check, in standard deviations of the daily residual; 0
	// means Page's usual k = 0.5 and h = 5, which tune the check to a
	// shift of one standard deviation.
	CUSUMK, CUSUMH float64
	// StepSigmas is how many standard errors of a week's mean residual
	// (σ/√7) a step must rise by, in two weeks running; 0 means 4, which
	// chance reaches less than once in 30 000 windows.
	StepSigmas float64
}

// Defaults and fixed limits of detection.
const (
	defaultBaselineDays = 365
	defaultNightExcess  = 0.2
	defaultNightSigmas  = 2.0
	defaultNightDays    = 3
	defaultWeekendDays  = 2
	defaultCUSUMK       = 0.5
	defaultCUSUMH       = 5.0
	defaultStepSigmas   = 4.0

	// stepAfter (L) is the days after a candidate step whose level is
	// compared, and stepBefore (M) the days before it: a week after
	// against four weeks before, so that the week's pattern averages out.
	stepAfter, stepBefore = 7, 28
	// zClip bounds a standardised residual in the drift check (a Huber
	// CUSUM), so that one odd day cannot raise a drift alone.
	zClip = 3.0
	// minBaseline is the least number of known days of the reference
	// period that give a standard deviation worth the name.
	minBaseline = 28
	// Meter faults: runs of missing, repeated or zero hours or days.
	stoppedHours, stoppedDays = 48, 2
	stuckHours, stuckDays     = 24, 5
	zeroHours, zeroDays       = 24, 3
	// faultShare: when this share of the reference period's values is
	// zero, or lies in runs of repeated values as long as a stuck
	// meter's, the meter does that in normal operation and the check is
	// off.
	faultShare = 0.05
	// explainedShare is the share of a drift's or step's excess that
	// night and weekend alerts must account for to replace it.
	explainedShare = 0.6
	// minExcessShare is the least mean rise over the baseline that a
	// drift or step must show to be reported: smaller ones are within
	// what a model of one year's weather and use explains, and not worth
	// an energy manager's visit.
	minExcessShare = 0.05
	// sigmaFloor is the least σ as a share of the level, for clean or
	// coarsely rounded series whose MAD is zero.
	sigmaFloor = 0.01
)

// Detect returns the abnormal operation found in use, oldest first; w
// is the station's daily mean temperature and may be empty. Methods:
//
//   - the baseline is the daily energy signature (Fit) of the reference
//     period, plus the median residual of each weekday;
//   - nattlast and helgelast compare the mean load of closed hours with
//     its normal (hourly data only);
//   - drift is a one-sided CUSUM of the standardised daily residuals;
//   - sprang is a week's level against the four weeks before;
//   - stoppet, hengende and null are runs of missing, repeated and zero
//     values.
//
// ExcessKWh is the use above the baseline over the alert's days (none
// for meter faults: the energy was most likely used, only not measured).
// A drift that only sums a step is left out, and so is a drift or step
// that night and weekend alerts explain.
func Detect(use *Use, w *Weather, opts DetectOptions) []*virk.Alert {
	var out []*virk.Alert
	for _, a := range detect(use, w, opts) {
		out = append(out, a.Alert)
	}
	return out
}

// Avoided returns the use (kWh) avoided after alert a was resolved on
// resolvedOn: the alert's mean daily excess less the excess that remains,
// summed over the known days from resolvedOn to the end of the data. A
// day counts at most the alert's mean excess, when the use is back at the
// baseline or below, and never less than 0: saving beyond the baseline is
// not the alert's doing, and excess beyond the alert's is a new finding,
// not negative avoided use. Night and weekend alerts count only the days
// of their kind; meter faults avoid nothing.
func Avoided(use *Use, w *Weather, a *virk.Alert, resolvedOn virk.Date, opts DetectOptions) float64 {
	if a == nil || use == nil || len(use.Daily) == 0 {
		return 0
	}
	d := newDetector(use, w, opts)
	ex := d.excessByDay(a.Kind)
	if ex == nil {
		return 0
	}
	i0, i1 := d.span(a)
	days := 0
	for i := i0; i <= i1; i++ {
		if !math.IsNaN(ex[i]) {
			days++
		}
	}
	if days == 0 || !(a.ExcessKWh > 0) {
		return 0
	}
	mean := a.ExcessKWh / float64(days)
	sum := 0.0
	for i := max(DaysBetween(use.First, resolvedOn), 0); i < d.n; i++ {
		if !math.IsNaN(ex[i]) {
			sum += math.Max(0, mean-math.Max(0, ex[i]))
		}
	}
	return detRound(sum, 3)
}

// detected is an alert and the day index on which its rule fired.
type detected struct {
	*virk.Alert
	raised int
}

// detect runs every check and orders the alerts by start.
func detect(use *Use, w *Weather, opts DetectOptions) []detected {
	if use == nil || len(use.Daily) == 0 {
		return nil
	}
	d := newDetector(use, w, opts)
	out := slices.Clone(d.faults)
	closed := append(d.closedAlerts(0), d.closedAlerts(1)...)
	out = append(out, closed...)
	for _, a := range d.driftAndSteps() {
		if !d.explained(a, closed) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b detected) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.Kind, b.Kind)
	})
	return out
}

// detector holds a use laid out for the checks.
type detector struct {
	use    *Use
	o      DetectOptions
	n      int   // days due: those laid out before Today
	late   int   // days after the use's last day up to Today, missing
	h0     []int // index in Hourly of each day's first hour; n+1 values
	wd0    time.Weekday
	temps  []float64  // mean temperature of each day
	from   int        // first day with data
	base   int        // first day after the reference period
	faults []detected // meter faults
	fault  []bool     // their days, left out of the other checks
	// resid is the daily use less the baseline, NaN where either is
	// unknown; sigma its robust standard deviation in the reference
	// period, 0 when there is no qualifying baseline.
	resid  []float64
	sigma  float64
	closed [2]closedLoad // weekday nights (0) and weekend days (1)
}

// closedLoad is the load of one kind of closed hours, day by day.
type closedLoad struct {
	mean   []float64 // mean kWh per closed hour; NaN when unknown or another kind of day
	normal []float64 // its normal
	hours  []int     // closed hours of the day
	sigma  float64   // robust standard deviation in the reference period
	ok     bool      // a normal could be set
}

// newDetector lays out use and computes what the checks share.
func newDetector(use *Use, w *Weather, o DetectOptions) *detector {
	if w == nil {
		w = &Weather{}
	}
	detDefaults(&o)
	use = detFinite(use)
	d := &detector{use: use, o: o, n: len(use.Daily)}
	d.wd0 = use.First.Time(time.UTC).Weekday()
	if !o.Today.IsZero() {
		t := max(DaysBetween(use.First, o.Today), 0)
		d.n, d.late = min(t, d.n), max(t-d.n, 0)
	}
	d.fault = make([]bool, d.n)
	d.resid = nans(d.n)
	d.temps = nans(d.n)
	for i := range d.temps {
		if j := DaysBetween(w.First, use.First) + i; j >= 0 && j < len(w.Temp) {
			d.temps[i] = w.Temp[j]
		}
	}
	if use.Hourly != nil {
		d.h0 = make([]int, d.n+1)
		day := use.First
		for i := range d.n {
			d.h0[i+1] = d.h0[i] + hoursIn(day)
			day = day.AddDays(1)
		}
	}
	d.from = -1
	known, nh := func(v float64) bool { return !math.IsNaN(v) }, len(use.Hourly)
	for i := range d.n {
		if known(use.Daily[i]) || d.h0 != nil && slices.ContainsFunc(use.Hourly[min(d.h0[i], nh):min(d.h0[i+1], nh)], known) {
			d.from = i
			break
		}
	}
	if d.from < 0 {
		return d // no data at all: nothing has begun that could fail
	}
	d.base = min(d.n, d.from+o.BaselineDays)
	d.faults = d.meterFaults()
	d.baseline()
	if use.Hourly != nil && !o.Building.AlwaysOpen() {
		d.closedLoads()
	}
	return d
}

// detFinite returns use, or a copy with infinite values made unknown.
func detFinite(use *Use) *Use {
	c := *use
	for _, s := range []*[]float64{&c.Daily, &c.Hourly} {
		if i := slices.IndexFunc(*s, func(v float64) bool { return math.IsInf(v, 0) }); i >= 0 {
			*s = slices.Clone(*s)
			for j, v := range (*s)[i:] {
				if math.IsInf(v, 0) {
					(*s)[i+j] = math.NaN()
				}
			}
		}
	}
	return &c
}

// detDefaults fills the zero thresholds of o.
func detDefaults(o *DetectOptions) {
	detOr(&o.BaselineDays, defaultBaselineDays)
	detOr(&o.NightDays, defaultNightDays)
	detOr(&o.WeekendDays, defaultWeekendDays)
	detOr(&o.Price, 1)
	detOr(&o.NightExcess, defaultNightExcess)
	detOr(&o.NightSigmas, defaultNightSigmas)
	detOr(&o.CUSUMK, defaultCUSUMK)
	detOr(&o.CUSUMH, defaultCUSUMH)
	detOr(&o.StepSigmas, defaultStepSigmas)
}

// detOr sets *v to x unless it is positive (NaN is not).
func detOr[T int | float64](v *T, x T) {
	if !(*v > 0) {
		*v = x
	}
}

// weekday returns the weekday of day i.
func (d *detector) weekday(i int) time.Weekday { return (d.wd0 + time.Weekday(i%7)) % 7 }

// date returns the date of day i.
func (d *detector) date(i int) virk.Date { return d.use.First.AddDays(i) }

// known reports whether day i has a daily value outside meter faults.
func (d *detector) known(i int) bool { return !d.fault[i] && !math.IsNaN(d.use.Daily[i]) }

// baseline fits the daily energy signature on the reference period and
// sets the residuals. Fit is CalTRACK's daily method: it separates the
// weather's part, so that a cold month is not read as a rise. Days of the
// week differ in use (a closed school on Sundays) in a way temperature
// does not explain, so the median residual of each weekday in the
// reference period is added to the model. Without a qualifying model, as
// when the building has no station, drift and step are not checked: a
// level without weather would read every winter as a rise.
//
// A building whose use follows its opening days, such as a school, gets
// two signatures, as CalTRACK's occupancy modes do: one fitted on
// weekdays and one on weekends. A weekday nearer the weekend signature is
// a day the building was closed (a holiday) and is judged against it, so
// that the summer break in the reference period neither lowers the
// weekday baseline nor reads as a fall, and the first weeks after it do
// not read as a rise.
func (d *detector) baseline() {
	var ts, ys, level []float64
	var tw, yw, te, ye []float64 // weekdays and weekends
	for i := d.from; i < d.base; i++ {
		if t := d.temps[i]; d.known(i) && !math.IsNaN(t) {
			ts, ys = append(ts, t), append(ys, d.use.Daily[i])
			if wd := d.weekday(i); wd == time.Saturday || wd == time.Sunday {
				te, ye = append(te, t), append(ye, d.use.Daily[i])
			} else {
				tw, yw = append(tw, t), append(yw, d.use.Daily[i])
			}
		}
		if d.known(i) {
			level = append(level, d.use.Daily[i])
		}
	}
	if len(ys) < minBaseline {
		return
	}
	minDays := min(DefaultMinDays, max(minBaseline, (d.base-d.from)*3/4))
	m := Fit(ts, ys, FitOptions{MinDays: minDays})
	if !m.Qualifies {
		return
	}
	predict := func(i int) float64 { return m.Predict(d.temps[i]) }
	if closed := d.occupancy(); closed != nil {
		// Separate signatures for the days in use and the days closed.
		var to, yo, tc, yc []float64
		for i := d.from; i < d.base; i++ {
			if t := d.temps[i]; d.known(i) && !math.IsNaN(t) {
				if closed[i] {
					tc, yc = append(tc, t), append(yc, d.use.Daily[i])
				} else {
					to, yo = append(to, t), append(yo, d.use.Daily[i])
				}
			}
		}
		if len(yo) >= minBaseline && len(yc) >= minBaseline {
			open := Fit(to, yo, FitOptions{MinDays: min(len(yo), minDays/2)})
			shut := Fit(tc, yc, FitOptions{MinDays: min(len(yc), minBaseline)})
			if open.Qualifies && shut.Qualifies {
				predict = func(i int) float64 {
					if closed[i] {
						return shut.Predict(d.temps[i])
					}
					return open.Predict(d.temps[i])
				}
			}
		}
	}
	var byDay [7][]float64
	for i := d.from; i < d.n; i++ {
		if d.known(i) {
			d.resid[i] = d.use.Daily[i] - predict(i)
			if r := d.resid[i]; i < d.base && !math.IsNaN(r) {
				byDay[d.weekday(i)] = append(byDay[d.weekday(i)], r)
			}
		}
	}
	var off [7]float64
	for wd, rs := range byDay {
		if len(rs) >= 4 {
			off[wd] = detMedian(rs)
		}
	}
	var base []float64
	for i := d.from; i < d.n; i++ {
		if !math.IsNaN(d.resid[i]) {
			d.resid[i] -= off[d.weekday(i)]
			if i < d.base {
				base = append(base, d.resid[i])
			}
		}
	}
	d.sigma = math.Max(detSigma(base), sigmaFloor*math.Abs(detMedian(level)))
}

// occupancy tells, from hourly readings, which days the building was
// closed: on a day in use the load in opening hours stands well above
// the night's, on a closed day (a weekend, a holiday) it does not. Each
// day's ratio of opening-hour to night load is put with the nearer of the
// typical weekday and weekend ratios of the reference period. It returns
// nil when there are no hourly readings, no opening hours, or the two
// kinds of day do not differ clearly (a ratio a third apart), so that
// buildings in use every day keep one signature.
func (d *detector) occupancy() []bool {
	b := d.o.Building
	if d.h0 == nil || b.AlwaysOpen() {
		return nil
	}
	ratio := nans(d.n)
	nh := len(d.use.Hourly)
	for i := range d.n {
		var openSum, nightSum float64
		var openN, nightN int
		day := d.date(i)
		for k, h := d.h0[i], 0; k < d.h0[i+1] && k < nh; k, h = k+1, h+1 {
			v := d.use.Hourly[k]
			if math.IsNaN(v) {
				continue
			}
			switch hr := hourOfDay(day, h); {
			case hr >= b.OpenFrom && hr < b.OpenTo:
				openSum, openN = openSum+v, openN+1
			case hr < b.OpenFrom-1 || hr >= b.OpenTo+2:
				nightSum, nightN = nightSum+v, nightN+1
			}
		}
		if openN > 0 && nightN > 0 && nightSum > 0 {
			ratio[i] = (openSum / float64(openN)) / (nightSum / float64(nightN))
		}
	}
	var wd, we []float64
	for i := d.from; i < d.base; i++ {
		if r := ratio[i]; !math.IsNaN(r) && !d.fault[i] {
			if w := d.weekday(i); w == time.Saturday || w == time.Sunday {
				we = append(we, r)
			} else {
				wd = append(wd, r)
			}
		}
	}
	if len(wd) < minBaseline || len(we) < minBaseline/4 {
		return nil
	}
	rOpen, rShut := detMedian(wd), detMedian(we)
	if !(rOpen > occupancyRatio*rShut) {
		return nil
	}
	cut := math.Sqrt(rOpen * rShut) // the middle on a log scale
	closed := make([]bool, d.n)
	for i := range closed {
		w := d.weekday(i)
		switch r := ratio[i]; {
		case math.IsNaN(r):
			closed[i] = w == time.Saturday || w == time.Sunday
		default:
			closed[i] = r < cut
		}
	}
	return closed
}

// occupancyRatio is how much higher the opening-hour load must stand over
// the night's on weekdays than on weekends for a building to get separate
// signatures for days in use and closed days.
const occupancyRatio = 4.0 / 3

// hourOfDay returns the clock hour of the h-th hour of day d in Norway.
func hourOfDay(d virk.Date, h int) int {
	return d.Time(virk.Oslo()).Add(time.Duration(h) * time.Hour).In(virk.Oslo()).Hour()
}

// detMean returns the mean of xs; NaN when empty.
func detMean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// driftAndSteps runs the drift and step checks after the reference
// period and drops a drift that only sums a step (see suppress).
func (d *detector) driftAndSteps() []detected {
	if !(d.sigma > 0) {
		return nil
	}
	steps := d.steps()
	var out []detected
	for _, a := range d.drifts() {
		if j := d.suppress(a, steps); j >= 0 {
			steps[j].raised = min(steps[j].raised, a.raised)
			continue
		}
		out = append(out, a)
	}
	return append(out, steps...)
}

// material reports whether a mean use stands at least minExcessShare
// above the baseline's mean.
func material(mean, pred float64) bool { return pred > 0 && mean >= (1+minExcessShare)*pred }

// drifts is the one-sided upper CUSUM of Page (1954) on the standardised
// residuals: S = max(0, S + z − k), with an alarm when S exceeds h. It
// sums small excesses that no single day shows, which is how a slowly
// worsening fault (a valve that sticks, a control that drifts) looks.
// Start is the day S last left 0; End the day S peaked, once S is back at
// 0 (a drift still growing or not yet back has a zero End); the excess
// is the sum of residuals from Start to End.
func (d *detector) drifts() []detected {
	var out []detected
	s, peak := 0.0, 0.0
	start, peakDay, raised := -1, -1, -1
	closeRun := func(open bool) {
		if raised >= 0 {
			end := peakDay
			if open {
				end = d.n - 1
			}
			ex, mean, pred := d.residSum(start, end)
			if !material(mean, pred) {
				s, peak, start, peakDay, raised = 0, 0, -1, -1, -1
				return
			}
			a := d.alert(virk.AlertDrift, start, end, open, ex,
				fmt.Sprintf("Forbruket har steget gradvis: %s %% over grunnlinjen i %s (snitt %s kWh/døgn mot %s)",
					detPct(mean, pred), detPlural(end-start+1, "dag", "dager"), detNum(mean), detNum(pred)))
			out = append(out, detected{a, raised})
		}
		s, peak, start, peakDay, raised = 0, 0, -1, -1, -1
	}
	for i := d.base; i < d.n; i++ {
		r := d.resid[i]
		if math.IsNaN(r) {
			continue
		}
		z := math.Max(-zClip, math.Min(zClip, r/d.sigma))
		prev := s
		s = math.Max(0, s+z-d.o.CUSUMK)
		switch {
		case s == 0:
			closeRun(false)
			continue
		case prev == 0:
			start = i
		}
		if s >= peak {
			peak, peakDay = s, i
		}
		if raised < 0 && s > d.o.CUSUMH {
			raised = i
		}
	}
	closeRun(true)
	return out
}

// steps finds sudden lasting rises: on day t the median residual of the
// next L days, and of the L days after those, both exceed the median of
// the M days before t by StepSigmas·σ/√L, the standard error of a mean of
// L days. Medians keep a holiday or a single odd day out of the levels.
// The level before counts as at least 0, so that use back at the baseline
// after a low period (a school's summer) is no step. Start is the day
// within L of the first such t where the mean of the L days after most
// exceeds that of the L days before. The step lasts while the median of
// L days stays above half its rise; End is the middle of the first L
// days that do not, less one.
func (d *detector) steps() []detected {
	thr := d.o.StepSigmas * d.sigma / math.Sqrt(stepAfter)
	var out []detected
	for t := d.base; t+2*stepAfter <= d.n; t++ {
		post1, ok1 := d.residMedian(t, t+stepAfter, stepAfter-2)
		if !ok1 || post1 <= thr { // the level before counts as at least 0
			continue
		}
		post2, ok2 := d.residMedian(t+stepAfter, t+2*stepAfter, stepAfter-2)
		pre, ok3 := d.residMedian(t-stepBefore, t, stepBefore/2)
		pre = math.Max(pre, 0)
		if !ok2 || !ok3 || post1-pre <= thr || post2-pre <= thr {
			continue
		}
		start, best := t, math.Inf(-1)
		for tau := max(d.base, t-stepAfter); tau <= t+stepAfter && tau+stepAfter <= d.n; tau++ {
			a, okA := d.residMean(tau-stepAfter, tau)
			b, okB := d.residMean(tau, tau+stepAfter)
			if okA && okB && b-a > best {
				start, best = tau, b-a
			}
		}
		rise := post1 - pre
		end, open := d.n-1, true
		for s := t + stepAfter; s+stepAfter <= d.n; s++ {
			if m, ok := d.residMedian(s, s+stepAfter, stepAfter-2); ok && m-pre < rise/2 {
				end, open = max(start, s+stepAfter/2-1), false
				break
			}
		}
		ex, mean, pred := d.residSum(start, end)
		if !material(mean, pred) {
			continue
		}
		a := d.alert(virk.AlertStep, start, end, open, ex,
			fmt.Sprintf("Forbruket økte brått %s og lå %s %% over grunnlinjen i %s (snitt %s kWh/døgn mot %s)",
				detDate(d.date(start)), detPct(mean, pred), detPlural(end-start+1, "dag", "dager"), detNum(mean), detNum(pred)))
		out = append(out, detected{a, t + 2*stepAfter - 1})
		if open {
			break
		}
		t = max(t, end) + stepAfter // the next step is a new level
	}
	return out
}

// suppress returns the index of the step that drift a only sums, or −1:
// a step that starts between L days before the drift's Start and the day
// the drift was raised. The CUSUM then rose on the step, and the step is
// the better description of the same shift.
func (d *detector) suppress(a detected, steps []detected) int {
	first := a.Start.AddDays(-stepAfter)
	raised := d.date(a.raised)
	for j, s := range steps {
		if !s.Start.Before(first) && !raised.Before(s.Start) {
			return j
		}
	}
	return -1
}

// explained reports whether night and weekend alerts account for
// explainedShare of drift or step a's excess on the days they share: the
// rise is then in the closed hours, and those alerts say more precisely
// where it is.
func (d *detector) explained(a detected, closed []detected) bool {
	i0, i1 := d.span(a.Alert)
	sum := 0.0
	for _, c := range closed {
		ex := d.excessByDay(c.Kind)
		j0, j1 := d.span(c.Alert)
		for i := max(i0, j0); i <= min(i1, j1); i++ {
			if !math.IsNaN(ex[i]) {
				sum += ex[i]
			}
		}
	}
	return a.ExcessKWh > 0 && sum >= explainedShare*a.ExcessKWh
}

// span returns the first and last day index of a within the data; an
// open alert lasts to the last day.
func (d *detector) span(a *virk.Alert) (int, int) {
	i1 := d.n - 1
	if !a.End.IsZero() {
		i1 = min(DaysBetween(d.use.First, a.End), d.n-1)
	}
	return max(DaysBetween(d.use.First, a.Start), 0), i1
}

// residSum returns the sum of known residuals of days i..j and the mean
// daily use and baseline of those days.
func (d *detector) residSum(i, j int) (sum, mean, pred float64) {
	n := 0
	for k := max(i, 0); k <= j && k < d.n; k++ {
		if r := d.resid[k]; !math.IsNaN(r) {
			sum += r
			mean += d.use.Daily[k]
			n++
		}
	}
	if n == 0 {
		return 0, 0, 0
	}
	mean /= float64(n)
	return sum, mean, mean - sum/float64(n)
}

// residMedian returns the median of known residuals of days [i, j), and
// whether at least need of them are known.
func (d *detector) residMedian(i, j, need int) (float64, bool) {
	var buf [stepBefore]float64
	xs := d.window(buf[:0], i, j)
	return detMedian(xs), len(xs) >= max(need, 1)
}

// residMean returns the mean of known residuals of days [i, j), and
// whether at least half of them are known.
func (d *detector) residMean(i, j int) (float64, bool) {
	var buf [stepAfter]float64
	xs := d.window(buf[:0], i, j)
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs)), len(xs) > 0 && 2*len(xs) >= j-i
}

// window appends the known residuals of days [i, j) to xs.
func (d *detector) window(xs []float64, i, j int) []float64 {
	for _, r := range d.resid[min(max(i, 0), d.n):min(max(j, 0), d.n)] {
		if !math.IsNaN(r) {
			xs = append(xs, r)
		}
	}
	return xs
}

// excessByDay returns the excess of each day for alerts of kind k, NaN
// where unknown or not of the kind, or nil for meter faults.
func (d *detector) excessByDay(k virk.AlertKind) []float64 {
	switch k {
	case virk.AlertDrift, virk.AlertStep:
		if !(d.sigma > 0) {
			return nil
		}
		return d.resid
	case virk.AlertNightLoad, virk.AlertWeekendLoad:
		c := &d.closed[0]
		if k == virk.AlertWeekendLoad {
			c = &d.closed[1]
		}
		if !c.ok {
			return nil
		}
		ex := nans(d.n)
		for i := range ex {
			ex[i] = (c.mean[i] - c.normal[i]) * float64(c.hours[i])
		}
		return ex
	}
	return nil
}

// alert builds an alert of days i..j; an open alert has a zero End.
func (d *detector) alert(k virk.AlertKind, i, j int, open bool, excess float64, detail string) *virk.Alert {
	a := &virk.Alert{BuildingID: d.o.BuildingID, MeterID: d.o.MeterID, Kind: k,
		Start: d.date(i), ExcessKWh: detRound(excess, 3), Detail: detail}
	if !open {
		a.End = d.date(j)
	}
	a.ExcessNOK = detRound(a.ExcessKWh*d.o.Price, 2)
	return a
}

// detMedian returns the median of xs, reordering them; NaN when empty.
func detMedian(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// detSigma returns 1.4826 times the median absolute deviation of xs,
// which estimates the standard deviation of normal data without letting
// holidays and outliers inflate it.
func detSigma(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	ys := slices.Clone(xs)
	m := detMedian(ys)
	for i, x := range ys {
		ys[i] = math.Abs(x - m)
	}
	return 1.4826 * detMedian(ys)
}

// detPct writes how many per cent a is above b, rounded to whole per
// cent; "0" when b is not positive.
func detPct(a, b float64) string {
	if !(b > 0) {
		return "0"
	}
	return strconv.Itoa(int(math.Round(100 * (a/b - 1))))
}

// detRound rounds x to prec decimals, so that detection run again on the
// same data gives equal figures.
func detRound(x float64, prec int) float64 {
	p := math.Pow(10, float64(prec))
	return math.Round(x*p) / p
}

// detNum formats x for bokmål text: a decimal comma, digits grouped by
// a space from 10 000, and precision after size (12 345; 12,4; 0,078).
func detNum(x float64) string {
	prec := 0
	switch a := math.Abs(x); {
	case a < 1:
		prec = 3
	case a < 100:
		prec = 1
	}
	s := strconv.FormatFloat(math.Abs(x), 'f', prec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	for k := len(whole) - 3; k > 0 && len(whole) > 4; k -= 3 {
		whole = whole[:k] + " " + whole[k:]
	}
	if frac != "" {
		whole += "," + frac
	}
	if x < 0 && strings.Trim(whole, "0, ") != "" {
		return "−" + whole
	}
	return whole
}

// detDate writes d as Norwegian text does, 16.02.2022.
func detDate(d virk.Date) string { return fmt.Sprintf("%02d.%02d.%d", d.Day, d.Month, d.Year) }

// detPlural writes n with the singular or plural noun.
func detPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// faultRun is a run of missing, zero or repeated hours or days.
type faultRun struct {
	kind        virk.AlertKind
	first, last int // day indices; last may be past the data for a stopped meter
	length      int // units
	inBase      int // units in the reference period
	raised      int // day index on which it reached its least length
	value       float64
	open        bool // reaches the last due unit
}

// meterFaults finds runs of missing, zero and repeated values, as long
// as stoppedHours, zeroHours and stuckHours (or the days): a stopped
// meter sends nothing, a broken one or a tripped supply reads 0, a stuck
// one repeats its last value. An hour is missing only when its day has no
// daily value either (months read by the day), and nothing before the
// first reading is. Zeros are not checked where faultShare of the
// reference period is zero, nor repeats where faultShare of it is in
// such runs: there they are normal operation (gas off in summer, a
// constant load). The days of a fault are left out of the other checks.
func (d *detector) meterFaults() []detected {
	hourly := d.h0 != nil
	stopped, stuck, zero := stoppedDays, stuckDays, zeroDays
	if hourly {
		stopped, stuck, zero = stoppedHours, stuckHours, zeroHours
	}
	minLen := func(k virk.AlertKind) int {
		switch k {
		case virk.AlertStopped:
			return stopped
		case virk.AlertZero:
			return zero
		}
		return stuck
	}
	var runs []faultRun
	var cur faultRun
	baseKnown, baseZero, baseSum := 0, 0, 0.0
	flush := func() {
		if cur.length >= minLen(cur.kind) {
			runs = append(runs, cur)
		}
		cur = faultRun{}
	}
	add := func(i int, v float64, missing bool) {
		kind := virk.AlertStuck
		switch {
		case missing:
			kind = virk.AlertStopped
		case v == 0:
			kind = virk.AlertZero
		}
		if cur.length > 0 && (kind != cur.kind || kind == virk.AlertStuck && v != cur.value) {
			flush()
		}
		if cur.length == 0 {
			cur = faultRun{kind: kind, first: i, value: v}
		}
		cur.last = i
		if cur.length++; cur.length == minLen(kind) {
			cur.raised = i
		}
		if i < d.base {
			cur.inBase++
			if !math.IsNaN(v) {
				baseKnown, baseSum = baseKnown+1, baseSum+v
			}
			if v == 0 {
				baseZero++
			}
		}
	}
	for i := d.from; i < d.n; i++ {
		dayMissing := math.IsNaN(d.use.Daily[i])
		if !hourly {
			add(i, d.use.Daily[i], dayMissing)
			continue
		}
		for h := d.h0[i]; h < d.h0[i+1]; h++ {
			v := math.NaN()
			if h < len(d.use.Hourly) {
				v = d.use.Hourly[h]
			}
			add(i, v, math.IsNaN(v) && dayMissing)
		}
	}
	for k := range d.late { // the days after the data up to Today are missing
		units := 1
		if hourly {
			units = hoursIn(d.date(d.n + k))
		}
		for range units {
			add(d.n+k, math.NaN(), true)
		}
	}
	if cur.length > 0 {
		cur.open = true
		flush()
	}
	share := map[virk.AlertKind]int{virk.AlertZero: baseZero}
	for _, r := range runs {
		if r.kind == virk.AlertStuck {
			share[r.kind] += r.inBase
		}
	}
	unit1, units, every, rate := "dag", "dager", "hver dag", "kWh/døgn"
	if hourly {
		unit1, units, every, rate = "time", "timer", "hver time", "kWh/t"
	}
	var out []detected
	for _, r := range runs {
		if r.kind != virk.AlertStopped && float64(share[r.kind]) >= faultShare*float64(baseKnown) {
			continue
		}
		for i := r.first; i <= r.last && i < d.n; i++ {
			d.fault[i] = true
		}
		span := detPlural(r.length, unit1, units)
		detail := fmt.Sprintf("Måleren viste %s kWh %s i %s", detNum(r.value), every, span)
		switch {
		case r.kind == virk.AlertStopped && r.open:
			detail = fmt.Sprintf("Måleren har ikke levert data siden %s (%s)", detDate(d.date(r.first)), span)
		case r.kind == virk.AlertStopped:
			detail = "Måleren leverte ikke data i " + span
		case r.kind == virk.AlertZero:
			detail = fmt.Sprintf("Måleren viste 0 kWh i %s, mot snitt %s %s i referanseperioden",
				span, detNum(baseSum/float64(max(baseKnown, 1))), rate)
		}
		a := &virk.Alert{BuildingID: d.o.BuildingID, MeterID: d.o.MeterID, Kind: r.kind,
			Start: d.date(r.first), Detail: detail}
		if !r.open {
			a.End = d.date(r.last)
		}
		out = append(out, detected{a, r.raised})
	}
	return out
}

// clockHour returns the hour on the clock of the j-th hour of a day of n
// hours in Norway: summer time skips 02:00 in spring (23 hours) and
// repeats it in autumn (25 hours).
func clockHour(j, n int) int {
	switch {
	case n == 23 && j >= 2:
		return j + 1
	case n == 25 && j >= 3:
		return j - 1
	}
	return j
}

// closedLoads computes the mean load of the closed hours of each day,
// weekday nights and weekend days apart, and its normal. The normal is
// the median of the reference period (at least 20 nights or 8 weekend
// days), or, when the closed-hour energy signature (Fit) of the period
// has a significant weather term, that signature moved by its median
// residual: night load follows the outdoor temperature in a heated
// building. The spread is the MAD of the period's days about the
// normal, so that holidays and odd nights move neither.
func (d *detector) closedLoads() {
	b := &d.o.Building
	for k := range d.closed {
		d.closed[k] = closedLoad{mean: nans(d.n), normal: nans(d.n), hours: make([]int, d.n)}
	}
	for i := d.from; i < d.n; i++ {
		k := 0
		if wd := d.weekday(i); (wd == time.Saturday || wd == time.Sunday) && !b.OpenWeekends {
			k = 1
		}
		h0, h1 := d.h0[i], d.h0[i+1]
		if d.fault[i] || h1 > len(d.use.Hourly) {
			continue
		}
		sum, cnt := 0.0, 0
		for j := range h1 - h0 {
			if c := clockHour(j, h1-h0); k == 0 && c >= b.OpenFrom && c < b.OpenTo {
				continue
			}
			sum += d.use.Hourly[h0+j]
			cnt++
		}
		if cnt > 0 && !math.IsNaN(sum) {
			d.closed[k].mean[i], d.closed[k].hours[i] = sum/float64(cnt), cnt
		}
	}
	for k, need := range [2]int{20, 8} {
		c := &d.closed[k]
		var ts, ys, all []float64
		for i := d.from; i < d.base; i++ {
			if v := c.mean[i]; !math.IsNaN(v) {
				all = append(all, v)
				if t := d.temps[i]; !math.IsNaN(t) {
					ts, ys = append(ts, t), append(ys, v)
				}
			}
		}
		if len(all) < need {
			continue
		}
		c.ok = true
		level := detMedian(slices.Clone(all))
		m := Fit(ts, ys, FitOptions{MinDays: max(need, len(all)*3/4)})
		weather := m.N >= max(need, len(all)*3/4) && m.Kind != ModelIntercept
		var res []float64
		for i := d.from; i < d.base; i++ {
			if v := c.mean[i]; !math.IsNaN(v) {
				p := level
				if weather {
					p = m.Predict(d.temps[i])
				}
				if !math.IsNaN(p) {
					res = append(res, v-p)
				}
			}
		}
		off := detMedian(slices.Clone(res))
		for i := d.from; i < d.n; i++ {
			if weather {
				c.normal[i] = m.Predict(d.temps[i]) + off
			} else {
				c.normal[i] = level
			}
		}
		c.sigma = math.Max(detSigma(res), sigmaFloor*math.Abs(level))
	}
}

// closedAlerts finds runs of days of kind k (0 nights, 1 weekends) whose
// closed-hour load is above its normal by more than NightExcess of it and
// NightSigmas standard deviations: NightDays (WeekendDays) such days in a
// row of the kind open an alert, and as many back below end it: a night
// of cleaning or an evening event is not a fault, a week of them is.
// Start is the first day above, End the last; the excess is the energy
// above the normal over the closed hours of the kind's days in between.
func (d *detector) closedAlerts(k int) []detected {
	c := &d.closed[k]
	if !c.ok {
		return nil
	}
	need, kind := d.o.NightDays, virk.AlertNightLoad
	if k == 1 {
		need, kind = d.o.WeekendDays, virk.AlertWeekendLoad
	}
	var out []detected
	streak, low, start, last, raised := 0, 0, -1, -1, -1
	emit := func(open bool) {
		end := last
		if open {
			end = d.n - 1
		}
		var ex, load, norm, hours float64
		days := 0
		for i := start; i <= end; i++ {
			if h := float64(c.hours[i]); !math.IsNaN(c.mean[i]) && !math.IsNaN(c.normal[i]) {
				ex += (c.mean[i] - c.normal[i]) * h
				load += c.mean[i] * h
				norm += c.normal[i] * h
				hours += h
				days++
			}
		}
		what, span := "Nattlasten", detPlural(days, "natt", "netter")
		if k == 1 {
			what, span = "Helgelasten", detPlural(days, "helgedag", "helgedager")
		}
		load, norm = load/hours, norm/hours
		a := d.alert(kind, start, end, open, ex, fmt.Sprintf("%s var %s %% over normalen i %s (snitt %s kWh/t mot %s)",
			what, detPct(load, norm), span, detNum(load), detNum(norm)))
		out = append(out, detected{a, raised})
		start, raised, streak, low = -1, -1, 0, 0
	}
	for i := d.base; i < d.n; i++ {
		v, nv := c.mean[i], c.normal[i]
		if math.IsNaN(v) || math.IsNaN(nv) {
			continue
		}
		high := v-nv > math.Max(d.o.NightExcess*nv, d.o.NightSigmas*c.sigma)
		switch {
		case raised < 0 && high:
			if streak == 0 {
				start = i
			}
			streak++
			if streak >= need {
				raised, last, low = i, i, 0
			}
		case raised < 0:
			streak = 0
		case high:
			last, low = i, 0
		default:
			if low++; low >= need {
				emit(false)
			}
		}
	}
	if raised >= 0 {
		emit(true)
	}
	return out
}
