package chart

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// nan is a missing value.
var nan = math.NaN()

// years are the seed report's five years.
var years = []string{"2014", "2015", "2016", "2017", "2018"}

// units are the units of Strategisk ledelse, styring og administrasjon.
var units = []string{"Strategisk ledelse", "HR og service", "Økonomi og virksomhetsstyring",
	"Strategi og utvikling", "Revisjon og formannskap", "Kemneren i Asker og Bærum"}

// asssIndicators are the rows of the seed's service profile for
// administration.
var asssIndicators = []string{
	"Brutto driftsutgifter til Politisk styring, pr. innb.",
	"Brutto driftsutgifter til Kontroll og revisjon, pr. innb.",
	"Brutto driftsutgifter til Administrasjon, pr. innb.",
	"Brutto driftsutgifter til Forvaltningsutgifter i eiendomsforvaltningen, pr. innb.",
	"Brutto driftsutgifter til Administrasjonslokaler, pr. innb.",
}

// goldenCases are the charts of the golden files, from the seed report
// (Bærum kommune, Virksomhetsanalyse 2020–2023) where it gives the
// numbers.
func goldenCases() []struct {
	name  string
	chart Chart
} {
	return []struct {
		name  string
		chart Chart
	}{
		{"sykefravaer", Chart{
			Kind: Line, ID: "sykefravaer", Title: "Sykefravær",
			Categories: years,
			Series:     []Series{{Name: "Bærum kommune", Values: []float64{7.6, 7.3, 7.2, 7.5, 7.3}}},
			Percent:    true, Decimals: 1, ValueLabels: true,
			Target: &Target{Value: 7},
		}},
		{"arsverk-enhet", Chart{
			Kind: Bar, ID: "arsverk-enhet", Title: "Årsverk per enhet 2018",
			CategoryTitle: "Enhet", Categories: units,
			Series: []Series{{Values: []float64{27.1, 181.2, 59.6, 18.1, 18.4, 35.9}}},
			Unit:   "årsverk", Decimals: 1, ValueLabels: true,
		}},
		{"arsverk-enhet-ar", Chart{
			Kind: GroupedBar, ID: "arsverk-enhet-ar", Title: "Årsverk per enhet 2014–2018",
			CategoryTitle: "Enhet", Categories: units,
			Series: []Series{
				{Name: "2014", Values: []float64{30.2, 150.5, 31.4, 10.4, 20.1, 36.3}},
				{Name: "2015", Values: []float64{26.6, 153.8, 37.1, 13.2, 18.9, 33.2}},
				{Name: "2016", Values: []float64{26.6, 152.4, 37.1, 14.6, 19.8, 33.3}},
				{Name: "2017", Values: []float64{39.7, 182.6, 49.8, 14.8, 19.3, 36.0}},
				{Name: "2018", Values: []float64{27.1, 181.2, 59.6, 18.1, 18.4, 35.9}},
			},
			Unit: "årsverk", Decimals: 1,
		}},
		// The seed gives 2018 for every area, 2017 only for some; the other
		// 2017 values are made up to rise or fall as its text says.
		{"sykefravaer-omrade", Chart{
			Kind: GroupedBar, ID: "sykefravaer-omrade", Title: "Sykefravær per område",
			CategoryTitle: "Område",
			Categories: []string{"Pleie og omsorg", "Helse og sosial", "Oppvekst barnehage", "Oppvekst skole",
				"Plan, miljø og kultur", "Organisasjon og utvikling", "Tekniske tjenester"},
			Series: []Series{
				{Name: "2017", Values: []float64{9.8, 8.0, 8.1, 5.5, 5.9, 4.9, 6.8}},
				{Name: "2018", Values: []float64{9.0, 8.0, 8.1, 5.7, 6.3, 5.2, 7.1}},
			},
			Percent: true, Decimals: 1, ValueLabels: true,
			Target: &Target{Value: 7},
		}},
		{"energi", Chart{
			Kind: Line, ID: "energi", Title: "Energiforbruk i kommunens eiendomsmasse",
			Categories: years,
			Series:     []Series{{Name: "Bærum", Values: []float64{193.3, 194.4, 227.0, 201.0, 195.0}}},
			Unit:       "kWh/m²", Decimals: 1,
			Target: &Target{Value: 199.8},
			Breaks: []int{2},
		}},
		{"arsverk-omrade", Chart{
			Kind: Line, ID: "arsverk-omrade", Title: "Årsverk per område",
			Categories: years,
			Series: []Series{
				{Name: "Strategisk ledelse", Values: []float64{278.9, 282.7, 283.9, 342.2, 340.5}},
				{Name: "Digitalisering og IT", Values: []float64{86.1, 94.1, 90.6, 85.8, 104.4}},
				{Name: "Eiendom", Values: []float64{194.6, 192.7, 200.1, 207.9, 212.8}},
			},
			Unit: "årsverk", Decimals: 1,
		}},
		{"asss", Chart{
			Kind: PeerIndex, ID: "asss", Title: "Tjenesteprofil for administrasjon 2018",
			Categories: asssIndicators,
			Series: []Series{
				{Name: "Bærum", Values: []float64{269, 65, 3237, 369, 281}},
				{Name: "Snitt ASSS", Values: []float64{281, 79, 2998, 318, 334}},
			},
			Unit: "kr", Decimals: 0,
		}},
		{"asss-asker", Chart{
			Kind: PeerIndex, ID: "asss-asker", Title: "Tjenesteprofil for administrasjon 2018",
			Categories: asssIndicators,
			Series: []Series{
				{Name: "Bærum", Values: []float64{269, 65, 3237, 369, 281}},
				{Name: "Asker", Values: []float64{361, 37, 3010, 431, 558}},
				{Name: "Snitt ASSS", Values: []float64{281, 79, 2998, 318, 334}},
			},
			Unit: "kr", Decimals: 0,
		}},
		{"ledighet", Chart{
			Kind: Line, ID: "ledighet", Title: "Omsorgs- og velferdsboliger, gjennomsnittlig ledighet",
			Categories: years,
			Series:     []Series{{Name: "Bærum", Values: []float64{nan, 8.7, 8.5, 6.3, 3.7}}},
			Percent:    true, Decimals: 1,
		}},
		// The seed has every year; 2016 is left out to show a gap.
		{"efaktura-mangler", Chart{
			Kind: Line, ID: "efaktura-mangler", Title: "Andel inngående efaktura",
			Categories: years,
			Series:     []Series{{Name: "Bærum", Values: []float64{26, 42, nan, 58, 80}}},
			Percent:    true, Decimals: 0,
		}},
		{"tom", Chart{
			Kind: Line, ID: "tom", Title: "Sykefravær",
			Categories: years,
			Series:     []Series{{Name: "Bærum", Values: []float64{nan, nan, math.Inf(1), nan, nan}}},
			Percent:    true, Decimals: 1, Target: &Target{Value: 7},
		}},
		{"endring-negativ", Chart{
			Kind: Bar, ID: "endring-negativ", Title: "Endring i årsverk 2017–2018",
			CategoryTitle: "Enhet", Categories: units,
			Series:  []Series{{Name: "Endring", Values: []float64{-31.6, -0.7, 19.8, 22.5, -4.6, -0.4}}},
			Percent: true, Decimals: 1, ValueLabels: true,
		}},
		{"sparkline", Chart{
			Kind: Sparkline, ID: "sparkline", Title: "Sykefravær",
			Categories: years,
			Series:     []Series{{Values: []float64{7.6, 7.3, 7.2, 7.5, 7.3}}},
			Percent:    true, Decimals: 1, Target: &Target{Value: 7},
		}},
		{"sparkline-skjult", Chart{
			Kind: Sparkline, ID: "sparkline-skjult", Decorative: true,
			Categories: years,
			Series:     []Series{{Values: []float64{193.3, 194.4, 227.0, 201.0, 195.0}}},
			Breaks:     []int{2},
		}},
		// The energy charts use made-up but plausible data (see
		// energySignature and hourlyUse): the seed report has none.
		{"energisignatur", energySignatureChart("energisignatur", 1)},
		{"energisignatur-maaned", energySignatureChart("energisignatur-maaned", 30)},
		{"varmekart", hourlyUseChart("varmekart", 84)},
		{"varmekart-liten", Chart{
			Kind: Heatmap, ID: "varmekart-liten", Title: "Strømforbruk per time",
			Categories: []string{"7.10.", "8.10.", "9.10.", "10.10."},
			Rows:       []string{"00–08", "08–16", "16–24"},
			Grid: [][]float64{
				{12.4, 11.8, nan, 12.9},
				{40.2, 43.5, nan, 38.0},
				{20.1, 22.7, 19.4, 21.0},
			},
			Unit: "kWh", Decimals: 1,
		}},
	}
}

// TestGolden compares each case's SVG and table with its golden file;
// -update rewrites them.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			var svg, table bytes.Buffer
			if err := tc.chart.WriteSVG(&svg); err != nil {
				t.Fatal(err)
			}
			if err := tc.chart.WriteTable(&table); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.name+".svg", svg.Bytes())
			checkGolden(t, tc.name+".html", table.Bytes())
		})
	}
}

// checkGolden compares got with testdata/golden/name, or writes it there
// with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./chart -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./chart -update and review the diff\ngot:\n%s", name, got)
	}
}
