package energy

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

// detBuilding is open 07–17 on weekdays.
var detBuilding = virk.Building{EntityID: "b1", OpenFrom: 7, OpenTo: 17}

// detFirst is a Monday; a year of reference days ends 2022-01-03.
var detFirst = virk.Date{Year: 2021, Month: time.January, Day: 4}

// detSynth lays out days of hourly use from detFirst, load giving the kWh
// of clock hour c of day i (a weekday when open), and the daily sums.
func detSynth(days int, load func(i, c int, weekday bool) float64) *Use {
	u := &Use{First: detFirst, Daily: make([]float64, days)}
	for i := range days {
		d := detFirst.AddDays(i)
		wd := d.Time(time.UTC).Weekday()
		weekday := wd != time.Saturday && wd != time.Sunday
		n := hoursIn(d)
		sum := 0.0
		for j := range n {
			v := load(i, clockHour(j, n), weekday)
			u.Hourly = append(u.Hourly, v)
			sum += v
		}
		u.Daily[i] = sum
	}
	return u
}

// detFlat is 10 kWh/h in opening hours and 4 kWh/h when closed.
func detFlat(_ int, c int, weekday bool) float64 {
	if weekday && c >= 7 && c < 17 {
		return 10
	}
	return 4
}

// detNoisy is detFlat with a small deterministic wobble, so that no two
// hours in a row repeat a value.
func detNoisy(i, c int, weekday bool) float64 {
	h := uint64(i*24 + c)
	return detFlat(i, c, weekday) * (1 + 0.02*(float64((h*2654435761)%1000)/1000-0.5))
}

// detWeather is 5 °C every day of use.
func detWeather(u *Use) *Weather {
	w := &Weather{First: u.First, Temp: make([]float64, len(u.Daily)+30)}
	for i := range w.Temp {
		w.Temp[i] = 5
	}
	return w
}

// detI returns the index of date s (2006-01-02) from detFirst.
func detI(t *testing.T, s string) int {
	t.Helper()
	d, err := virk.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return DaysBetween(detFirst, d)
}

// detD returns date s (2006-01-02).
func detD(t *testing.T, s string) virk.Date {
	t.Helper()
	d, err := virk.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// detNightFault adds add kWh/h to the closed hours of weekdays from day a to
// day b, inclusive.
func detNightFault(load func(i, c int, weekday bool) float64, a, b int, add float64) func(i, c int, weekday bool) float64 {
	return func(i, c int, weekday bool) float64 {
		v := load(i, c, weekday)
		if i >= a && i <= b && weekday && (c < 7 || c >= 17) {
			v += add
		}
		return v
	}
}

func TestDetect_NightLoad(t *testing.T) {
	// Three weeks of weekday nights at 6 kWh/h against a normal of 4:
	// 15 nights of 14 closed hours, 2 kWh/h over.
	u := detSynth(480, detNightFault(detFlat, detI(t, "2022-02-07"), detI(t, "2022-02-25"), 2))
	opts := DetectOptions{BuildingID: "b1", MeterID: "m1", Building: detBuilding, Price: 1.5}
	got := Detect(u, detWeather(u), opts)
	if len(got) != 1 {
		t.Fatalf("got %d alerts, want 1: %v", len(got), detList(got))
	}
	want := virk.Alert{BuildingID: "b1", MeterID: "m1", Kind: virk.AlertNightLoad,
		Start: detD(t, "2022-02-07"), End: detD(t, "2022-02-25"), ExcessKWh: 420, ExcessNOK: 630,
		Detail: "Nattlasten var 50 % over normalen i 15 netter (snitt 6,0 kWh/t mot 4,0)"}
	if *got[0] != want {
		t.Errorf("got  %+v\nwant %+v", *got[0], want)
	}
}

func TestDetect_WeekendLoad(t *testing.T) {
	// Two weekends with the heating left on at 7 kWh/h all day.
	a, b := detI(t, "2022-03-05"), detI(t, "2022-03-13")
	u := detSynth(480, func(i, c int, weekday bool) float64 {
		if i >= a && i <= b && !weekday {
			return 7
		}
		return detFlat(i, c, weekday)
	})
	got := Detect(u, detWeather(u), DetectOptions{Building: detBuilding})
	if len(got) != 1 {
		t.Fatalf("got %d alerts, want 1: %v", len(got), detList(got))
	}
	// 2022-03-05/06 and 12/13: 24 hours each, except none is a DST day.
	g := got[0]
	if g.Kind != virk.AlertWeekendLoad || g.Start != detD(t, "2022-03-05") || g.End != detD(t, "2022-03-13") ||
		g.ExcessKWh != 4*24*3 || g.Detail != "Helgelasten var 75 % over normalen i 4 helgedager (snitt 7,0 kWh/t mot 4,0)" {
		t.Errorf("got %+v", *g)
	}
}

func TestDetect_NightLoadOpen(t *testing.T) {
	// Night load still high on the last day of data: the alert is open.
	u := detSynth(480, detNightFault(detFlat, detI(t, "2022-04-11"), 479, 2))
	got := Detect(u, detWeather(u), DetectOptions{Building: detBuilding})
	if len(got) != 1 || got[0].Kind != virk.AlertNightLoad || got[0].Start != detD(t, "2022-04-11") || !got[0].End.IsZero() {
		t.Fatalf("got %v, want one open nattlast from 2022-04-11", detList(got))
	}
	if got[0].Open() != true {
		t.Error("not open")
	}
}

func TestDetect_Step(t *testing.T) {
	// From Wednesday 2022-02-16 every opening hour uses 2 kWh more: 20 kWh
	// a weekday, a lasting step to the end of the data.
	x := detI(t, "2022-02-16")
	u := detSynth(480, func(i, c int, weekday bool) float64 {
		v := detNoisy(i, c, weekday)
		if i >= x && weekday && c >= 7 && c < 17 {
			v += 2
		}
		return v
	})
	got := Detect(u, detWeather(u), DetectOptions{Building: detBuilding})
	if len(got) != 1 || got[0].Kind != virk.AlertStep || !got[0].End.IsZero() {
		t.Fatalf("got %v, want one open sprang", detList(got))
	}
	if off := DaysBetween(detD(t, "2022-02-16"), got[0].Start); off < -2 || off > 2 {
		t.Errorf("step starts %s, want within 2 days of 2022-02-16", got[0].Start)
	}
	t.Log(got[0].Start, got[0].ExcessKWh, got[0].Detail)
}

func TestDetect_StepEnds(t *testing.T) {
	// The same step, fixed after six weeks (last day Friday 2022-03-25):
	// End within 3 days of it, and 28 weekdays of 20 kWh over.
	x, y := detI(t, "2022-02-16"), detI(t, "2022-03-25")
	u := detSynth(480, func(i, c int, weekday bool) float64 {
		v := detNoisy(i, c, weekday)
		if i >= x && i <= y && weekday && c >= 7 && c < 17 {
			v += 2
		}
		return v
	})
	got := Detect(u, detWeather(u), DetectOptions{Building: detBuilding})
	if len(got) != 1 || got[0].Kind != virk.AlertStep || got[0].End.IsZero() {
		t.Fatalf("got %v, want one ended sprang", detList(got))
	}
	if off := DaysBetween(detD(t, "2022-03-25"), got[0].End); off < -3 || off > 3 {
		t.Errorf("step ends %s, want within 3 days of 2022-03-25", got[0].End)
	}
	if e := got[0].ExcessKWh; math.Abs(e-560) > 5 {
		t.Errorf("excess %v kWh, want 560 ± 5 (%s..%s)", e, got[0].Start, got[0].End)
	}
}

func TestDetect_Drift(t *testing.T) {
	// Use creeping up by 0.12 % a day from 2022-01-20: no week stands out,
	// and the CUSUM finds it.
	x := detI(t, "2022-01-20")
	u := detSynth(480, func(i, c int, weekday bool) float64 {
		v := detNoisy(i, c, weekday)
		if i >= x {
			v *= 1 + 0.0012*float64(i-x)
		}
		return v
	})
	got := Detect(u, detWeather(u), DetectOptions{Building: detBuilding})
	// A creep large enough to matter (5 % on average, see minExcessShare)
	// also passes the step test after a few weeks; either names it.
	if len(got) != 1 || got[0].Kind != virk.AlertDrift && got[0].Kind != virk.AlertStep || !got[0].End.IsZero() {
		t.Fatalf("got %v, want one open drift or step", detList(got))
	}
	if got[0].Start.Before(detD(t, "2022-01-20")) || detD(t, "2022-02-20").Before(got[0].Start) {
		t.Errorf("drift starts %s, want in the month after 2022-01-20", got[0].Start)
	}
}

func TestDetect_MeterFaults(t *testing.T) {
	u := detSynth(480, detNoisy)
	set := func(from string, hour, n int, v float64) {
		h := u.HourIndex(detD(t, from)) + hour
		for k := h; k < h+n && k < len(u.Hourly); k++ {
			u.Hourly[k] = v
		}
	}
	set("2022-02-09", 10, 30, 7.5)       // stuck to 2022-02-10 15:00
	set("2022-03-01", 0, 36, 0)          // zero to 2022-03-02 11:00
	set("2022-03-10", 6, 50, math.NaN()) // stopped to 2022-03-12 07:00
	set("2022-04-02", 0, 23, math.NaN()) // a day gone, not yet stopped
	set("2022-04-26", 12, 84, math.NaN())
	detResum(u)
	got := Detect(u, detWeather(u), DetectOptions{Building: detBuilding})
	want := []virk.Alert{
		{Kind: virk.AlertStuck, Start: detD(t, "2022-02-09"), End: detD(t, "2022-02-10"), Detail: "Måleren viste 7,5 kWh hver time i 30 timer"},
		{Kind: virk.AlertZero, Start: detD(t, "2022-03-01"), End: detD(t, "2022-03-02"), Detail: "Måleren viste 0 kWh i 36 timer, mot snitt 5,8 kWh/t i referanseperioden"},
		{Kind: virk.AlertStopped, Start: detD(t, "2022-03-10"), End: detD(t, "2022-03-12"), Detail: "Måleren leverte ikke data i 50 timer"},
		{Kind: virk.AlertStopped, Start: detD(t, "2022-04-26"), Detail: "Måleren har ikke levert data siden 26.04.2022 (60 timer)"},
	}
	detCheck(t, got, want)
}

func TestDetect_MeterFaultsDaily(t *testing.T) {
	u := detSynth(480, detNoisy)
	u.Hourly = nil
	for i, v := range []float64{1, 0, 0, 0, math.NaN(), math.NaN(), 5, 5, 5, 5, 5, 5} {
		u.Daily[detI(t, "2022-02-01")+i] = v * 100
	}
	got := Detect(u, detWeather(u), DetectOptions{Building: detBuilding})
	want := []virk.Alert{
		{Kind: virk.AlertZero, Start: detD(t, "2022-02-02"), End: detD(t, "2022-02-04"), Detail: "Måleren viste 0 kWh i 3 dager, mot snitt 139 kWh/døgn i referanseperioden"},
		{Kind: virk.AlertStopped, Start: detD(t, "2022-02-05"), End: detD(t, "2022-02-06"), Detail: "Måleren leverte ikke data i 2 dager"},
		{Kind: virk.AlertStuck, Start: detD(t, "2022-02-07"), End: detD(t, "2022-02-12"), Detail: "Måleren viste 500 kWh hver dag i 6 dager"},
	}
	detCheck(t, got, want)
}

func TestDetect_Today(t *testing.T) {
	// The rest of the month laid out but not yet due is no stopped meter;
	// days after the data up to Today are.
	u := detSynth(480, detNoisy) // to 2022-04-28
	last := u.HourIndex(detD(t, "2022-04-20"))
	for h := last; h < len(u.Hourly); h++ {
		u.Hourly[h] = math.NaN()
	}
	detResum(u)
	opts := DetectOptions{Building: detBuilding, Today: detD(t, "2022-04-21")}
	if got := Detect(u, detWeather(u), opts); len(got) != 0 {
		t.Errorf("Today 2022-04-21: got %v, want none", detList(got))
	}
	opts.Today = detD(t, "2022-05-03")
	got := Detect(u, detWeather(u), opts)
	detCheck(t, got, []virk.Alert{{Kind: virk.AlertStopped, Start: detD(t, "2022-04-20"),
		Detail: "Måleren har ikke levert data siden 20.04.2022 (312 timer)"}})
}

func TestAvoided(t *testing.T) {
	// The night fault of TestDetect_NightLoad, 28 kWh a night, resolved on
	// Tuesday 2022-03-01; from 2022-03-07 half a kWh/h is back, 7 kWh a
	// night, below the alert threshold. Avoided: 4 nights × 28 (1–4
	// March) and 39 nights × 21 (7 March to 28 April) = 931 kWh.
	fault := detNightFault(detFlat, detI(t, "2022-02-07"), detI(t, "2022-02-25"), 2)
	u := detSynth(480, detNightFault(fault, detI(t, "2022-03-07"), 479, 0.5))
	if u.Last() != detD(t, "2022-04-28") {
		t.Fatalf("data end %s", u.Last())
	}
	w := detWeather(u)
	opts := DetectOptions{Building: detBuilding}
	var night *virk.Alert
	for _, a := range Detect(u, w, opts) {
		if a.Kind == virk.AlertNightLoad {
			night = a
		}
	}
	if night == nil || night.ExcessKWh != 420 || night.End != detD(t, "2022-02-25") {
		t.Fatalf("night alert %+v", night)
	}
	if got := Avoided(u, w, night, detD(t, "2022-03-01"), opts); got != 931 {
		t.Errorf("Avoided = %v, want 931", got)
	}
	// Resolved after the end of the data: nothing yet.
	if got := Avoided(u, w, night, detD(t, "2022-06-01"), opts); got != 0 {
		t.Errorf("Avoided after the data = %v, want 0", got)
	}
	// Meter faults avoid nothing.
	if got := Avoided(u, w, &virk.Alert{Kind: virk.AlertStopped, Start: night.Start}, night.Start, opts); got != 0 {
		t.Errorf("Avoided of a meter fault = %v", got)
	}
}

func TestDetect_Clean(t *testing.T) {
	// A clean series, and one without weather, find nothing.
	u := detSynth(800, detNoisy)
	for _, w := range []*Weather{detWeather(u), nil, {}} {
		if got := Detect(u, w, DetectOptions{Building: detBuilding}); len(got) != 0 {
			t.Errorf("got %v, want none", detList(got))
		}
	}
}

func TestDetect_NoPanic(t *testing.T) {
	full := detSynth(400, detNoisy)
	allNaN := detSynth(400, func(int, int, bool) float64 { return math.NaN() })
	short := detSynth(3, detFlat)
	cut := detSynth(400, detNoisy)
	cut.Hourly = cut.Hourly[:1000]
	daily := detSynth(400, detNoisy)
	daily.Hourly = nil
	late := detSynth(400, detNoisy)
	late.Daily[399] = math.Inf(1)
	for _, tc := range []struct {
		name string
		use  *Use
		opts DetectOptions
		none bool
	}{
		{"nil", nil, DetectOptions{}, true},
		{"empty", &Use{}, DetectOptions{}, true},
		{"all NaN", allNaN, DetectOptions{Building: detBuilding}, true},
		{"short", short, DetectOptions{Building: detBuilding}, true},
		{"hours cut", cut, DetectOptions{Building: detBuilding}, false},
		{"daily", daily, DetectOptions{Building: detBuilding}, true},
		{"always open", full, DetectOptions{}, true},
		{"odd hours", full, DetectOptions{Building: virk.Building{OpenFrom: 20, OpenTo: 5}}, false},
		{"short baseline", full, DetectOptions{Building: detBuilding, BaselineDays: 2}, false},
		{"today before", full, DetectOptions{Building: detBuilding, Today: detFirst.AddDays(-9)}, true},
		{"NaN thresholds", full, DetectOptions{Building: detBuilding, NightExcess: math.NaN(), Price: math.NaN()}, true},
		{"infinite day", late, DetectOptions{Building: detBuilding}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range []*Weather{nil, {}, detWeather(full)} {
				got := Detect(tc.use, w, tc.opts)
				if tc.none && len(got) != 0 {
					t.Errorf("got %v, want none", detList(got))
				}
				for _, a := range got {
					Avoided(tc.use, w, a, a.Start, tc.opts)
				}
				Avoided(tc.use, w, &virk.Alert{Kind: virk.AlertDrift, ExcessKWh: 1}, detFirst, tc.opts)
				Avoided(tc.use, w, nil, detFirst, tc.opts)
			}
		})
	}
}

func TestDetect_Random(t *testing.T) {
	// Random lengths, holes, zeros and repeats never panic.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		days := rng.IntN(60)
		if rng.IntN(3) == 0 {
			days += 365
		}
		u := detSynth(days, func(i, c int, weekday bool) float64 {
			switch rng.IntN(40) {
			case 0:
				return math.NaN()
			case 1:
				return 0
			case 2:
				return math.Inf(1)
			}
			return detNoisy(i, c, weekday)
		})
		if rng.IntN(4) == 0 {
			u.Hourly = u.Hourly[:rng.IntN(len(u.Hourly)+1)]
		}
		if rng.IntN(4) == 0 {
			u.Hourly = nil
		}
		opts := DetectOptions{Building: detBuilding, BaselineDays: rng.IntN(400), Today: detFirst.AddDays(rng.IntN(500) - 20)}
		w := detWeather(u)
		w.First = detFirst.AddDays(rng.IntN(40) - 20)
		for _, a := range Detect(u, w, opts) {
			Avoided(u, w, a, a.Start.AddDays(rng.IntN(30)), opts)
		}
	}
}

func TestDetNum(t *testing.T) {
	for x, want := range map[float64]string{12345.6: "12 346", 1234: "1234", 1234567: "1 234 567",
		12.44: "12,4", 0.078: "0,078", -3: "−3,0", -0.0001: "0,000", 100: "100"} {
		if got := detNum(x); got != want {
			t.Errorf("detNum(%v) = %q, want %q", x, got, want)
		}
	}
}

// detResum sets each day of an hourly use to the sum of its hours.
func detResum(u *Use) {
	h := 0
	for i := range u.Daily {
		n := hoursIn(u.First.AddDays(i))
		sum := 0.0
		for _, v := range u.Hourly[h : h+n] {
			sum += v
		}
		u.Daily[i] = sum
		h += n
	}
}

// detCheck compares kinds, days and details.
func detCheck(t *testing.T, got []*virk.Alert, want []virk.Alert) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d alerts, want %d: %v", len(got), len(want), detList(got))
	}
	for i, g := range got {
		w := want[i]
		if g.Kind != w.Kind || g.Start != w.Start || g.End != w.End || g.Detail != w.Detail || g.ExcessKWh != 0 {
			t.Errorf("alert %d:\ngot  %s %s..%s %v %q\nwant %s %s..%s %q", i, g.Kind, g.Start, g.End, g.ExcessKWh, g.Detail, w.Kind, w.Start, w.End, w.Detail)
		}
	}
}

// detList writes alerts for a failure message.
func detList(as []*virk.Alert) []string {
	var s []string
	for _, a := range as {
		s = append(s, string(a.Kind)+" "+a.Start.String()+".."+a.End.String()+" "+a.Detail)
	}
	return s
}

// BenchmarkDetect runs detection on five years of hourly use with
// seasonal weather and noise, 43 824 hours.
func BenchmarkDetect(b *testing.B) {
	u := detSynth(1826, detNoisy)
	w := &Weather{First: u.First, Temp: make([]float64, 1826)}
	for i := range w.Temp {
		w.Temp[i] = 6 - 10*math.Cos(2*math.Pi*float64(i)/365.25)
		u.Daily[i] += 20 * math.Max(0, 15-w.Temp[i])
	}
	opts := DetectOptions{Building: detBuilding}
	b.ReportAllocs()
	for b.Loop() {
		Detect(u, w, opts)
	}
}
