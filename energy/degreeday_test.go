package energy_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/energy"
	"github.com/virk-analyse/virk/ingest"
)

const dataDir = "../../shared/data/energy"

func readWeather(t testing.TB, file, period string) *ingest.Weather {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dataDir, file))
	if err != nil {
		t.Fatal(err)
	}
	w, err := ingest.ReadWeather(file, data, period)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestDegreeDays_Blindern checks the README's check values: HDD17 over the
// 190 days 20.08.2019–25.02.2020 at Oslo – Blindern is 2335.0 observed and
// 2854.1 from the 1961–1990 daily normals of the same calendar days, and
// 4128.5 over the 366 normals of a year.
func TestDegreeDays_Blindern(t *testing.T) {
	obs := readWeather(t, "met-blindern/dognverdier_blindern_2019-08-20_2020-02-25.txt", "")
	nor := readWeather(t, "met-blindern/dognnormal_blindern_1961-1990.txt", "")
	if len(obs.Temperatures) != 190 || obs.Station.ID != "SN18700" || obs.Station.Name != "Oslo - Blindern" {
		t.Fatalf("read %d days of %+v, want 190 of SN18700 Oslo - Blindern", len(obs.Temperatures), obs.Station)
	}
	if len(nor.Normals) != 366 || nor.Normals[0].Period != "1961-1990" {
		t.Fatalf("read %d normals, want 366 of 1961-1990", len(nor.Normals))
	}
	w, n := energy.NewWeather(obs.Temperatures), energy.NewNormals(nor.Normals)
	first, last := virk.Date{Year: 2019, Month: 8, Day: 20}, virk.Date{Year: 2020, Month: 2, Day: 25}
	dd := energy.Sum(w, n, energy.BaseTemperature, first, last)
	if dd.Days != 190 || dd.ActualDays != 190 || dd.NormalDays != 190 {
		t.Fatalf("days %d/%d/%d, want 190", dd.Days, dd.ActualDays, dd.NormalDays)
	}
	if got := math.Round(dd.Actual*10) / 10; got != 2335.0 {
		t.Errorf("HDD17 observed = %.2f, want 2335.0", dd.Actual)
	}
	if got := math.Round(dd.Normal*10) / 10; got != 2854.1 {
		t.Errorf("HDD17 normal = %.2f, want 2854.1", dd.Normal)
	}
	if r := dd.Ratio(); math.Abs(r-2854.1/2335.0) > 0.0001 {
		t.Errorf("ratio = %.4f, want 1.2223 (the README's 0.818 the other way)", r)
	}
	year := energy.Yearly(energy.NewWeather(nil), n, energy.BaseTemperature, 2020)
	if got := math.Round(year.Normal*10) / 10; got != 4128.5 || year.NormalDays != 366 {
		t.Errorf("normal year 2020 = %.2f over %d days, want 4128.5 over 366", year.Normal, year.NormalDays)
	}
	// A non-leap year leaves out the normal of 29 February (−2.6 °C at
	// Blindern: 19.6 degree days).
	if y := energy.Yearly(energy.NewWeather(nil), n, energy.BaseTemperature, 2019); math.Abs(y.Normal-(4128.5-19.6)) > 0.05 {
		t.Errorf("normal year 2019 = %.2f, want %.1f", y.Normal, 4128.5-19.6)
	}
	m := energy.Monthly(w, n, energy.BaseTemperature, 2019)
	if m[7].ActualDays != 12 || m[7].Ratio() == m[7].Ratio() {
		t.Errorf("August 2019: %d actual days and ratio %v, want 12 and NaN (incomplete month)", m[7].ActualDays, m[7].Ratio())
	}
	if d := m[11]; d.ActualDays != 31 || math.IsNaN(d.Ratio()) {
		t.Errorf("December 2019 incomplete: %+v", d)
	}
}

// TestReadWeather_MinMax reads the seKlima CSV with only Tmax and Tmin:
// the mean is their average, with a warning.
func TestReadWeather_MinMax(t *testing.T) {
	w := readWeather(t, "met-blindern/oslo-blindern-daily-tmax-tmin_2022-10_2023-10.csv", "")
	if len(w.Temperatures) != 366 || w.Station.ID != "SN18700" || len(w.Warnings) != 1 {
		t.Fatalf("%d days of %s, warnings %q", len(w.Temperatures), w.Station.ID, w.Warnings)
	}
	// 09.10.2022: max 14, min 3.1.
	if got := w.Temperatures[0]; got.Date != (virk.Date{Year: 2022, Month: 10, Day: 9}) || got.Mean != 8.55 {
		t.Errorf("first day %+v, want 2022-10-09 8.55", got)
	}
}

func TestReadWeather_Errors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"a.csv", "Navn;Stasjon;Tid(norsk normaltid);Middeltemperatur (døgn)\nOslo;SN18700;01.01.2020;-3,1\nOslo;SN18700;02.01.2020;kald\n",
			"a.csv:3: temperaturen «kald» er ikke et tall"},
		{"b.csv", "Navn;Stasjon;Tid(norsk normaltid);Middeltemperatur (døgn)\nOslo;SN18700;02.01.2020;-3,1\nOslo;SN18700;01.01.2020;-2,0\n",
			"b.csv:3: dagen 2020-01-01 kommer etter 2020-01-02: datoene går bakover"},
		{"c.csv", "Navn;Stasjon;Tid(norsk normaltid);Middeltemperatur (døgn)\nOslo;SN18700;02.01.2020;-3,1\nOslo;SN18700;02.01.2020;-2,0\n",
			"c.csv:3: dagen 2020-01-02 er også på linje 2"},
		{"d.csv", "Navn;Stasjon;Tid(norsk normaltid);Nedbør\nOslo;SN18700;02.01.2020;3\n",
			"d.csv:1: forventet en datokolonne og middeltemperatur (TAM); fant Navn;Stasjon;Tid(norsk normaltid);Nedbør"},
		{"e.csv", "Navn;Stasjon;Tid(norsk normaltid);Middeltemperatur (døgn)\nOslo;SN18700;32.01.2020;-3,1\n",
			"e.csv:2: datoen \"32.01.2020\" er ugyldig"},
		{"f.csv", "Navn;Stasjon;Tid(norsk normaltid);Middeltemperatur (døgn)\nOslo;SN18700;01.01.2020;93\n",
			"f.csv:2: temperaturen 93 °C er utenfor det mulige"},
		{"g.txt", "DØGNNORMAL - ÅRSLISTE\n\nMnd;Dag;18700\n1;1;-4,0\n", "normalperioden «» er ugyldig"},
	} {
		_, err := ingest.ReadWeather(tc.name, []byte(tc.data), "")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestNormals_LeapDay(t *testing.T) {
	n := energy.NewNormals([]virk.Normal{{Month: time.February, Day: 28, Mean: -2}, {Month: time.March, Day: 1, Mean: -1}})
	if got := n.At(virk.Date{Year: 2020, Month: 2, Day: 29}); got != -1.5 {
		t.Errorf("29 February = %v, want −1.5", got)
	}
}
