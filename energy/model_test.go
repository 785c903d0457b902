package energy

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// eemeterDir holds the OpenEEmeter sample traces (Apache-2.0): synthetic
// kWh generated with known parameters on real Illinois temperatures.
const eemeterDir = "../../shared/data/energy/eemeter-samples"

// The sample periods as local dates. metadata.json puts the blackout at
// 2016-12-26..2017-01-04; the baseline is the 365 days before it and the
// reporting year the 365 days from its end.
const (
	baselineFirst, baselineLast   = "2015-12-27", "2016-12-25"
	reportingFirst, reportingLast = "2017-01-04", "2018-01-03"
)

// eemeterMeta is the part of metadata.json the tests use.
type eemeterMeta struct {
	BlackoutStart string  `json:"blackout_start_date"`
	BlackoutEnd   string  `json:"blackout_end_date"`
	TotalLoad     float64 `json:"annual_baseline_total_load"`
	BaseLoad      float64 `json:"annual_baseline_base_load"`
	HeatingLoad   float64 `json:"annual_baseline_heating_load"`
	CoolingLoad   float64 `json:"annual_baseline_cooling_load"`
	HeatingBPF    float64 `json:"baseline_heating_balance_point"`
	CoolingBPF    float64 `json:"baseline_cooling_balance_point"`
	ReportingLoad float64 `json:"annual_reporting_total_load"`
}

// readGzipCSV returns the records of a gzip CSV file without its header.
func readGzipCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	recs, err := csv.NewReader(z).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if len(recs) == 0 {
		tb.Fatalf("%s: empty", path)
	}
	return recs[1:]
}

// readDailyMeanC returns the mean of the hourly °F readings of each local
// date (the first 10 characters of the ISO time) in °C. The file follows
// US daylight saving (-06:00/-05:00), so a date has 23, 24 or 25 hours,
// and the daily usage files use the same local midnight.
func readDailyMeanC(tb testing.TB) map[string]float64 {
	tb.Helper()
	sum := map[string]float64{}
	cnt := map[string]int{}
	for _, r := range readGzipCSV(tb, filepath.Join(eemeterDir, "il-tempF.csv.gz")) {
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil || math.IsNaN(v) {
			continue
		}
		sum[r[0][:10]] += v
		cnt[r[0][:10]]++
	}
	out := make(map[string]float64, len(sum))
	for d, s := range sum {
		out[d] = fToC(s / float64(cnt[d]))
	}
	return out
}

func fToC(f float64) float64 { return (f - 32) * 5 / 9 }

// samplePeriod returns the paired daily °C and kWh of a trace between the
// local dates first and last, inclusive; a day without temperature is NaN.
func samplePeriod(tb testing.TB, usage [][]string, temps map[string]float64, first, last string) (ts, ys []float64) {
	tb.Helper()
	for _, r := range usage {
		d := r[0][:10]
		if d < first || d > last {
			continue
		}
		y, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			tb.Fatalf("%s: %v", d, err)
		}
		t, ok := temps[d]
		if !ok {
			t = math.NaN()
		}
		ts = append(ts, t)
		ys = append(ys, y)
	}
	return ts, ys
}

// halfDegreeGrid returns balance points every 0.5 °C from lo to hi.
func halfDegreeGrid(lo, hi float64) []float64 {
	var g []float64
	for i := 0; lo+0.5*float64(i) <= hi; i++ {
		g = append(g, lo+0.5*float64(i))
	}
	return g
}

// relErr returns |got-want|/|want|.
func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

// pinnedFit is a fit computed independently (plain OLS on the same days
// and grid in Python, exhaustive over all candidates), to pin the search
// where the generating truth cannot be recovered by a daily model.
type pinnedFit struct {
	hbp, cbp, base, hs, cs, adjR2 float64
}

// TestFit_EEmeterSamples fits the baseline year of each OpenEEmeter daily
// sample and compares with the truth in metadata.json.
//
// What the truth allows. The traces were generated hour by hour from
// hourly °F degree hours plus heavy noise, then summed to days; the
// metadata loads are "roughly expected" (upstream wording). So:
//   - The observed baseline-year totals already differ from the metadata
//     total: electricity 10,408 vs 10,000 kWh (+4.1 %), gas 1,059.5 vs
//     1,000 (+6.0 %); reporting year 9,082 vs 9,000 (+0.9 %), gas 960 vs
//     900 (+6.7 %). No fit can be closer to the truth than that noise, and
//     OLS puts all of it into the fitted total.
//   - Daily noise is large: the generating model itself, rescaled to give
//     the metadata loads on the baseline hours, reaches only R² 0.790
//     (electricity) and 0.903 (gas) on these days.
//   - The 0.5 °C grid holds any °F balance point within 0.28 °C.
//   - A model on the daily mean temperature cannot represent hourly
//     degree hours when the two balance points are close (60/65 °F =
//     15.6/18.3 °C, while a day swings ±5 °C): days with a mean of 12-20 °C
//     carry both night heating and day cooling. On the electricity trace
//     the adjusted-R² surface is flat (0.766 at the true points, 0.775 at
//     the chosen 11.5/19.5 °C) and the base absorbs the missing weather
//     load (4,777 kWh against 2,000). This is the bias of daily-mean
//     balance points discussed in CalTRACK issues #120/#121 (degree hours
//     instead of daily means). Here the electricity fit is pinned to an
//     independent computation instead, and only what it can recover
//     (kind, cooling balance point, total) is held against the truth.
//   - Gas has one balance point and heating dominates, so the daily model
//     recovers it: balance ±1.5 °C; heating load ±10 % (the +6 % noise
//     above plus 1σ); base ±25 %, about 2σ of the intercept (residual
//     0.92 kWh/day over ~150 days without heating gives σ ≈ 0.075 kWh/day
//     ≈ 27 kWh/year, 11 % of 250).
//   - Reporting year: usage is 0.9 × the baseline model, so observed /
//     predicted should be 0.9; ±0.03 covers the ±4-7 % total noise of the
//     two years (observed 0.916 and 0.915).
//
// The cdd-only and intercept-only traces are listed in metadata.json but
// not in the data folder; their cases are skipped until the files exist,
// and their tolerances follow the same reasoning without a verified run.
func TestFit_EEmeterSamples(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(eemeterDir, "metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]eemeterMeta
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	temps := readDailyMeanC(t)
	opts := FitOptions{
		HeatingBalances: halfDegreeGrid(5, 25),
		CoolingBalances: halfDegreeGrid(12, 30),
	}
	const tolBP = 1.5 // °C
	for _, tc := range []struct {
		trace   string
		kind    ModelKind
		heatBP  bool    // compare the heating balance point with the truth
		coolBP  bool    // compare the cooling balance point with the truth
		tolBase float64 // relative tolerance on the annual base load, 0 = not compared
		tolHeat float64 // relative tolerance on the annual heating load
		tolCool float64 // relative tolerance on the annual cooling load
		minR2   float64
		pin     *pinnedFit
	}{
		{trace: "il-electricity-cdd-hdd-daily", kind: ModelBoth, coolBP: true, minR2: 0.75,
			pin: &pinnedFit{hbp: 11.5, cbp: 19.5, base: 13.087762, hs: 2.059240, cs: 4.251061, adjR2: 0.774869}},
		{trace: "il-gas-hdd-only-daily", kind: ModelHeating, heatBP: true, tolBase: 0.25, tolHeat: 0.10, minR2: 0.88,
			pin: &pinnedFit{hbp: 15.5, base: 0.792105, hs: 0.392680, adjR2: 0.907515}},
		{trace: "il-electricity-cdd-only-daily", kind: ModelCooling, coolBP: true, tolBase: 0.25, tolCool: 0.10, minR2: 0.5},
		{trace: "il-gas-intercept-only-daily", kind: ModelIntercept, tolBase: 0.10},
	} {
		t.Run(tc.trace, func(t *testing.T) {
			path := filepath.Join(eemeterDir, tc.trace+".csv.gz")
			if _, err := os.Stat(path); err != nil {
				t.Skipf("sample not in the data folder: %v", err)
			}
			md, ok := meta[tc.trace]
			if !ok {
				t.Fatalf("%s not in metadata.json", tc.trace)
			}
			if md.BlackoutStart != "2016-12-26" || md.BlackoutEnd != "2017-01-04" {
				t.Fatalf("blackout %s..%s, periods above assume 2016-12-26..2017-01-04", md.BlackoutStart, md.BlackoutEnd)
			}
			usage := readGzipCSV(t, path)
			ts, ys := samplePeriod(t, usage, temps, baselineFirst, baselineLast)
			m := Fit(ts, ys, opts)
			var heat, cool, obs float64
			for i, tt := range ts {
				heat += m.Heating(tt)
				cool += m.Cooling(tt)
				obs += ys[i]
			}
			base := m.Base * 365
			t.Logf("%s N=%d hbp %.2f (truth %.2f) cbp %.2f (truth %.2f)",
				m.Kind, m.N, m.HeatingBalance, fToC(md.HeatingBPF), m.CoolingBalance, fToC(md.CoolingBPF))
			t.Logf("annual kWh: base %.1f (truth %.0f) heating %.1f (truth %.0f) cooling %.1f (truth %.0f) observed %.1f",
				base, md.BaseLoad, heat, md.HeatingLoad, cool, md.CoolingLoad, obs)
			t.Logf("R2 %.4f adjR2 %.4f CVRMSE %.4f NMBE %.1e", m.R2, m.AdjR2, m.CVRMSE, m.NMBE)

			if m.N != 365 {
				t.Errorf("N = %d, want 365", m.N)
			}
			if m.Kind != tc.kind {
				t.Fatalf("kind %s, want %s", m.Kind, tc.kind)
			}
			if !m.Qualifies || m.Reason != "" {
				t.Errorf("Qualifies %v %q, want true", m.Qualifies, m.Reason)
			}
			if m.R2 < tc.minR2 {
				t.Errorf("R2 %.4f < %.2f", m.R2, tc.minR2)
			}
			if tc.heatBP && math.Abs(m.HeatingBalance-fToC(md.HeatingBPF)) > tolBP {
				t.Errorf("heating balance %.2f °C, truth %.2f ± %.1f", m.HeatingBalance, fToC(md.HeatingBPF), tolBP)
			}
			if tc.coolBP && math.Abs(m.CoolingBalance-fToC(md.CoolingBPF)) > tolBP {
				t.Errorf("cooling balance %.2f °C, truth %.2f ± %.1f", m.CoolingBalance, fToC(md.CoolingBPF), tolBP)
			}
			if tc.tolBase > 0 && relErr(base, md.BaseLoad) > tc.tolBase {
				t.Errorf("annual base %.1f, truth %.0f ± %.0f %%", base, md.BaseLoad, 100*tc.tolBase)
			}
			if tc.tolHeat > 0 && relErr(heat, md.HeatingLoad) > tc.tolHeat {
				t.Errorf("annual heating %.1f, truth %.0f ± %.0f %%", heat, md.HeatingLoad, 100*tc.tolHeat)
			}
			if tc.tolCool > 0 && relErr(cool, md.CoolingLoad) > tc.tolCool {
				t.Errorf("annual cooling %.1f, truth %.0f ± %.0f %%", cool, md.CoolingLoad, 100*tc.tolCool)
			}
			// OLS with an intercept reproduces the observed total, and the
			// observed total is within the trace's +4-7 % noise of the truth.
			if total := base + heat + cool; relErr(total, obs) > 1e-9 || relErr(total, md.TotalLoad) > 0.07 {
				t.Errorf("annual total %.1f, observed %.1f, truth %.0f ± 7 %%", total, obs, md.TotalLoad)
			}
			if p := tc.pin; p != nil {
				if m.HeatingBalance != p.hbp || m.CoolingBalance != p.cbp {
					t.Errorf("balance points %.1f/%.1f, pinned %.1f/%.1f", m.HeatingBalance, m.CoolingBalance, p.hbp, p.cbp)
				}
				for _, c := range []struct {
					name      string
					got, want float64
				}{{"base", m.Base, p.base}, {"heating slope", m.HeatingSlope, p.hs}, {"cooling slope", m.CoolingSlope, p.cs}, {"adjR2", m.AdjR2, p.adjR2}} {
					if math.Abs(c.got-c.want) > 1e-5*math.Max(1, math.Abs(c.want)) {
						t.Errorf("%s %.6f, pinned %.6f", c.name, c.got, c.want)
					}
				}
			}

			rt, ry := samplePeriod(t, usage, temps, reportingFirst, reportingLast)
			var pred, rep float64
			for i, tt := range rt {
				if !math.IsNaN(tt) && !math.IsNaN(ry[i]) {
					pred += m.Predict(tt)
					rep += ry[i]
				}
			}
			ratio := rep / pred
			t.Logf("reporting year: observed %.1f predicted %.1f ratio %.4f", rep, pred, ratio)
			if math.Abs(ratio-0.9) > 0.03 {
				t.Errorf("reporting observed/predicted = %.4f, want 0.90 ± 0.03", ratio)
			}
		})
	}
}

// signature returns n days of temperatures cycling through whole degrees
// lo..hi and the usage of m on them.
func signature(m Model, n, lo, hi int) (ts, ys []float64) {
	for i := range n {
		t := float64(lo + i%(hi-lo+1))
		ts = append(ts, t)
		ys = append(ys, m.Predict(t))
	}
	return ts, ys
}

// noise returns a reproducible pseudo-random value in [-1, 1).
func noise(state *uint64) float64 {
	*state = *state*6364136223846793005 + 1442695040888963407
	return float64(*state>>11)/(1<<52) - 1
}

func TestFit_Exact(t *testing.T) {
	for _, tc := range []struct {
		name string
		want Model
	}{
		{"heating", Model{Kind: ModelHeating, Base: 100, HeatingSlope: 5, HeatingBalance: 15}},
		{"cooling", Model{Kind: ModelCooling, Base: 40, CoolingSlope: 3, CoolingBalance: 18}},
		{"both", Model{Kind: ModelBoth, Base: 50, HeatingSlope: 3, HeatingBalance: 12, CoolingSlope: 4, CoolingBalance: 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts, ys := signature(tc.want, 360, -10, 25)
			m := Fit(ts, ys, FitOptions{})
			w := tc.want
			if m.Kind != w.Kind || m.HeatingBalance != w.HeatingBalance || m.CoolingBalance != w.CoolingBalance {
				t.Fatalf("got %s %v/%v, want %s %v/%v", m.Kind, m.HeatingBalance, m.CoolingBalance, w.Kind, w.HeatingBalance, w.CoolingBalance)
			}
			const eps = 1e-9
			if math.Abs(m.Base-w.Base) > eps || math.Abs(m.HeatingSlope-w.HeatingSlope) > eps || math.Abs(m.CoolingSlope-w.CoolingSlope) > eps {
				t.Errorf("base %.12g hs %.12g cs %.12g, want %v %v %v", m.Base, m.HeatingSlope, m.CoolingSlope, w.Base, w.HeatingSlope, w.CoolingSlope)
			}
			if math.Abs(m.R2-1) > 1e-12 || math.Abs(m.AdjR2-1) > 1e-12 || m.CVRMSE > 1e-12 || math.Abs(m.NMBE) > 1e-12 {
				t.Errorf("R2 %v AdjR2 %v CVRMSE %v NMBE %v, want 1 1 0 0", m.R2, m.AdjR2, m.CVRMSE, m.NMBE)
			}
			if m.N != 360 || !m.Qualifies {
				t.Errorf("N %d Qualifies %v %q", m.N, m.Qualifies, m.Reason)
			}
		})
	}
}

func TestFit_ConstantTemperature(t *testing.T) {
	var ts, ys []float64
	s := uint64(1)
	for range 365 {
		ts = append(ts, 5)
		ys = append(ys, 80+10*noise(&s))
	}
	m := Fit(ts, ys, FitOptions{})
	var mean float64
	for _, y := range ys {
		mean += y / 365
	}
	if m.Kind != ModelIntercept || math.Abs(m.Base-mean) > 1e-9 || m.HeatingSlope != 0 || m.CoolingSlope != 0 {
		t.Fatalf("got %+v, want intercept %v", m, mean)
	}
	if m.R2 != 0 || m.AdjR2 != 0 || !(m.CVRMSE > 0.05 && m.CVRMSE < 0.1) {
		t.Errorf("R2 %v AdjR2 %v CVRMSE %v", m.R2, m.AdjR2, m.CVRMSE)
	}
	if got := m.Predict(-20); got != m.Base {
		t.Errorf("Predict(-20) = %v, want Base", got)
	}
}

func TestFit_Qualifies(t *testing.T) {
	truth := Model{Kind: ModelHeating, Base: 100, HeatingSlope: 5, HeatingBalance: 15}
	ts, ys := signature(truth, 200, -10, 25)
	s := uint64(7)
	noisy := make([]float64, len(ys))
	for i, y := range ys {
		noisy[i] = y * (1 + 0.3*noise(&s))
	}
	for _, tc := range []struct {
		name   string
		ys     []float64
		opts   FitOptions
		reason string // "" when the model qualifies
	}{
		{"TooFewDays", ys, FitOptions{}, "for få dager med data (200 av 270 nødvendige)"},
		{"MinDays", ys, FitOptions{MinDays: 150}, ""},
		{"CVRMSE", noisy, FitOptions{MinDays: 150, MaxCVRMSE: 0.05}, "for stor usikkerhet i modellen (CV(RMSE)"},
		{"MinR2", noisy, FitOptions{MinDays: 150, MinR2: 0.99}, "for lav forklaringsgrad (R² 0,"},
		{"Noisy", noisy, FitOptions{MinDays: 150}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Fit(ts, tc.ys, tc.opts)
			if m.Kind != ModelHeating {
				t.Errorf("kind %s, want heating", m.Kind)
			}
			if tc.reason == "" {
				if !m.Qualifies || m.Reason != "" {
					t.Errorf("Qualifies %v %q, want true", m.Qualifies, m.Reason)
				}
				return
			}
			if m.Qualifies || !strings.HasPrefix(m.Reason, tc.reason) {
				t.Errorf("Qualifies %v %q, want false %q…", m.Qualifies, m.Reason, tc.reason)
			}
		})
	}
}

func TestFit_NoData(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name        string
		temp, usage []float64
		n           int
	}{
		{"Nil", nil, nil, 0},
		{"AllNaN", []float64{nan, nan, nan}, []float64{nan, nan, nan}, 0},
		{"Mixed", []float64{1, nan, 3, math.Inf(1)}, []float64{nan, 2, 5, 1}, 1},
		{"Uneven", []float64{1, 2, 3}, []float64{4}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Fit(tc.temp, tc.usage, FitOptions{})
			if m.N != tc.n || m.Kind != ModelIntercept || m.Qualifies || m.Reason == "" {
				t.Errorf("got %+v", m)
			}
			if tc.n == 0 && m.Reason != "ingen dager med gyldige data" {
				t.Errorf("Reason %q", m.Reason)
			}
		})
	}
}

func TestFit_CoolingDisabled(t *testing.T) {
	truth := Model{Kind: ModelBoth, Base: 50, HeatingSlope: 3, HeatingBalance: 12, CoolingSlope: 4, CoolingBalance: 20}
	ts, ys := signature(truth, 360, -10, 25)
	m := Fit(ts, ys, FitOptions{CoolingBalances: []float64{}})
	if m.Kind != ModelHeating || m.CoolingSlope != 0 || m.Cooling(30) != 0 {
		t.Errorf("got %+v, want a heating model", m)
	}
}

func TestModel_HeatingCooling(t *testing.T) {
	m := Model{Kind: ModelBoth, Base: 10, HeatingSlope: 2, HeatingBalance: 15, CoolingSlope: 3, CoolingBalance: 20}
	for _, tc := range []struct{ t, heat, cool, pred float64 }{
		{5, 20, 0, 30}, {15, 0, 0, 10}, {17, 0, 0, 10}, {22, 0, 6, 16},
	} {
		if h, c, p := m.Heating(tc.t), m.Cooling(tc.t), m.Predict(tc.t); h != tc.heat || c != tc.cool || p != tc.pred {
			t.Errorf("at %v: heating %v cooling %v predict %v, want %v %v %v", tc.t, h, c, p, tc.heat, tc.cool, tc.pred)
		}
	}
	// Slopes of a shape that lacks the term are ignored.
	m.Kind = ModelHeating
	if m.Cooling(30) != 0 {
		t.Error("heating model has cooling")
	}
}

func TestTTestP(t *testing.T) {
	for _, tc := range []struct{ t, df, want float64 }{
		// References: exact where noted, else Simpson integration of the
		// t density (200,000 intervals), which agrees to 1e-11.
		{1, 1, 0.5},                 // Cauchy: P(|T|>1) = 1/2 exactly
		{2, 10, 0.073388034771},     // integration
		{1.8124611228, 10, 0.1},     // t(0.95, 10) from tables
		{1.959963985, 1e7, 0.05},    // normal limit
		{0, 30, 1},                  // no effect
		{-2.5, 363, 0.012859859985}, // integration; sign ignored
	} {
		if got := tTestP(tc.t, tc.df); math.Abs(got-tc.want) > 1e-7 {
			t.Errorf("tTestP(%v, %v) = %.12f, want %.12f", tc.t, tc.df, got, tc.want)
		}
	}
	if tTestP(math.Inf(1), 5) != 0 || tTestP(math.NaN(), 5) != 1 {
		t.Error("Inf/NaN statistic")
	}
}

func FuzzFit(f *testing.F) {
	f.Add([]byte{0, 10, 20, 30, 40, 50, 255, 1})
	f.Add(make([]byte, 64))
	seed := make([]byte, 0, 720)
	for i := range 360 {
		seed = append(seed, byte(i%160), byte(100+i%40))
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		// Byte pairs give a day: temperature -20..43.5 °C (255 = missing)
		// and usage 0..255 kWh.
		var ts, ys []float64
		for i := 0; i+1 < len(data); i += 2 {
			tt := float64(data[i])/4 - 20
			if data[i] == 255 {
				tt = math.NaN()
			}
			ts = append(ts, tt)
			ys = append(ys, float64(data[i+1]))
		}
		m := Fit(ts, ys, FitOptions{MinDays: 5})
		if m.N < 0 || m.N > len(ts) {
			t.Fatalf("N = %d of %d", m.N, len(ts))
		}
		if m.N == 0 {
			return
		}
		for _, v := range []float64{m.Base, m.HeatingSlope, m.HeatingBalance, m.CoolingSlope, m.CoolingBalance,
			m.R2, m.AdjR2, m.CVRMSE, m.NMBE, m.Predict(-30), m.Predict(10), m.Predict(40)} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite output: %+v", m)
			}
		}
		switch m.Kind {
		case ModelIntercept:
		case ModelHeating, ModelCooling, ModelBoth:
			if m.HeatingSlope < 0 || m.CoolingSlope < 0 || m.R2 < 0 || m.R2 > 1+1e-9 {
				t.Fatalf("bad weather model: %+v", m)
			}
		default:
			t.Fatalf("kind %q", m.Kind)
		}
		if m.Qualifies != (m.Reason == "") {
			t.Fatalf("Qualifies %v with Reason %q", m.Qualifies, m.Reason)
		}
	})
}

// benchDays returns a noisy heating-and-cooling year.
func benchDays() (ts, ys []float64) {
	s := uint64(3)
	truth := Model{Kind: ModelBoth, Base: 50, HeatingSlope: 3, HeatingBalance: 14, CoolingSlope: 2, CoolingBalance: 21}
	for i := range 365 {
		t := 8 - 12*math.Cos(2*math.Pi*float64(i)/365) + 4*noise(&s)
		ts = append(ts, t)
		ys = append(ys, truth.Predict(t)*(1+0.15*noise(&s)))
	}
	return ts, ys
}

func BenchmarkFit(b *testing.B) {
	ts, ys := benchDays()
	for _, bc := range []struct {
		name string
		opts FitOptions
	}{
		{"DefaultGrid", FitOptions{}},
		{"HalfDegreeGrid", FitOptions{HeatingBalances: halfDegreeGrid(5, 25), CoolingBalances: halfDegreeGrid(12, 30)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Fit(ts, ys, bc.opts)
			}
		})
	}
}
