package main

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/virk-analyse/virk/nb"
)

// scorecardJSON is the documented JSON of "virk kpi --format json", decoded
// independently of the kpi package so that a change to the format fails
// here.
type scorecardJSON struct {
	TrendYears int `json:"trend_years"`
	Rows       []struct {
		Indicator string `json:"indicator"`
		Entity    string `json:"entity"`
		Unit      string `json:"unit"`
		Decimals  int    `json:"decimals"`
		Direction int    `json:"direction"`
		Values    []struct {
			Period    string   `json:"period"`
			Value     *float64 `json:"value"`
			Status    string   `json:"status"`
			Computed  bool     `json:"computed"`
			ChangePct *float64 `json:"change_pct"`
		} `json:"values"`
		Trend *struct {
			Years     int     `json:"years"`
			From      string  `json:"from"`
			To        string  `json:"to"`
			PerYear   float64 `json:"per_year"`
			Judgement string  `json:"judgement"`
		} `json:"trend"`
		Targets []struct {
			Kind   string   `json:"kind"`
			Level  *float64 `json:"level"`
			Status string   `json:"status"`
			Judged *float64 `json:"judged_value"`
		} `json:"targets"`
		Annotations []struct {
			Kind   string `json:"kind"`
			Period string `json:"period"`
			Text   string `json:"text"`
		} `json:"annotations"`
	} `json:"rows"`
}

// seedCheck is one computed figure the seed prints, from demo/expected.md.
type seedCheck struct {
	section   string
	indicator string
	entity    string
	period    string // the year of the value or the change; "" for the trend
	what      string // "change" (annual change %), "value" or "trend"
	printed   float64
	// recomputed is what the stored, rounded figures give, where the seed
	// computed from unrounded data and so printed a figure one off in the
	// last digit (status "unrounded" in expected.md). NaN when equal to
	// printed.
	recomputed float64
	decimals   int // the printed precision
}

var nan = math.NaN()

// seedChecks lists every computed column of the tables that Done means 1
// names. The printed figures are the seed's; the recomputed ones and the
// reason for each difference are in demo/expected.md.
var seedChecks = []seedCheck{
	// §2.2.1 Utvikling i utgifter og inntekter, OSU: shares 2018 and
	// growth of Driftsinntekter, sum (a derived indicator).
	{"2.2.1", "lonn_andel", "osu", "2018", "value", 32, nan, 0},
	{"2.2.1", "andre_driftsutgifter_andel", "osu", "2018", "value", 68, nan, 0},
	{"2.2.1", "salgsinntekter_andel", "osu", "2018", "value", 76, nan, 0},
	{"2.2.1", "refusjoner_andel", "osu", "2018", "value", 20, nan, 0},
	{"2.2.1", "driftsinntekter_sum", "osu", "2015", "value", -759.2, nan, 1},
	{"2.2.1", "driftsinntekter_sum", "osu", "2018", "value", -967.6, nan, 1},
	{"2.2.1", "driftsinntekter_sum", "osu", "2016", "change", 3.8, nan, 1},
	{"2.2.1", "driftsinntekter_sum", "osu", "2017", "change", 11.6, nan, 1},
	{"2.2.1", "driftsinntekter_sum", "osu", "2018", "change", 10.0, nan, 1},
	{"2.2.1", "lonn", "osu", "2016", "change", 6.4, nan, 1},
	{"2.2.1", "lonn", "osu", "2018", "change", 12.8, nan, 1},
	{"2.2.1", "andre_driftsutgifter", "osu", "2016", "change", 2.7, nan, 1},

	// §2.2.2 Ressursinnsats per tjenesteområde: sums roll up, the stored
	// parent value wins.
	{"2.2.2", "arsverk", "osu", "2014", "value", 559.6, nan, 1},
	{"2.2.2", "arsverk", "osu", "2015", "value", 569.5, nan, 1},
	{"2.2.2", "arsverk", "osu", "2016", "value", 574.6, nan, 1},
	{"2.2.2", "arsverk", "osu", "2017", "value", 635.9, nan, 1},
	{"2.2.2", "arsverk", "osu", "2018", "value", 657.7, nan, 1},
	{"2.2.2", "arsverk", "styring_administrasjon", "2014", "value", 278.9, nan, 1},
	{"2.2.2", "arsverk", "styring_administrasjon", "2015", "value", 282.7, nan, 1},
	{"2.2.2", "arsverk", "styring_administrasjon", "2017", "value", 342.2, nan, 1},
	{"2.2.2", "arsverk", "osu", "2015", "change", 1.8, nan, 1},
	{"2.2.2", "arsverk", "osu", "2016", "change", 0.9, nan, 1},
	{"2.2.2", "arsverk", "osu", "2017", "change", 10.7, nan, 1},
	{"2.2.2", "arsverk", "osu", "2018", "change", 3.4, nan, 1},
	{"2.2.2", "arsverk", "styring_administrasjon", "2018", "change", -0.5, nan, 1},
	{"2.2.2", "arsverk", "digit", "2018", "change", 21.7, nan, 1},
	{"2.2.2", "arsverk", "eiendom", "2018", "change", 2.4, nan, 1},

	// §3.2.1 Strategisk ledelse, styring og administrasjon.
	{"3.2.1", "arsverk", "styring_administrasjon", "2015", "change", 1.3, 1.4, 1},
	{"3.2.1", "arsverk", "styring_administrasjon", "2016", "change", 0.4, nan, 1},
	{"3.2.1", "arsverk", "styring_administrasjon", "2017", "change", 20.6, 20.5, 1},
	{"3.2.1", "arsverk", "strategisk_ledelse", "2018", "change", -31.6, -31.7, 1},
	{"3.2.1", "arsverk", "hr_service", "2018", "change", -0.7, -0.8, 1},
	{"3.2.1", "arsverk", "okonomi_virksomhetsstyring", "2018", "change", 19.8, 19.7, 1},
	{"3.2.1", "arsverk", "strategi_utvikling", "2018", "change", 22.5, 22.3, 1},
	{"3.2.1", "arsverk", "revisjon_formannskap", "2018", "change", -4.6, -4.7, 1},
	{"3.2.1", "arsverk", "kemneren", "2018", "change", -0.4, -0.3, 1},

	// §4.2.1 Digitalisering og IT.
	{"4.2.1", "brutto_investeringer", "digit", "2016", "change", -47.4, nan, 1},
	{"4.2.1", "brutto_investeringer", "digit", "2017", "change", 176.0, 176.1, 1},
	{"4.2.1", "brutto_investeringer", "digit", "2018", "change", 66.1, nan, 1},
	{"4.2.1", "brutto_driftsutgifter", "digit", "2016", "change", 12.1, nan, 1},
	{"4.2.1", "brutto_driftsutgifter", "digit", "2017", "change", 6.1, nan, 1},
	{"4.2.1", "brutto_driftsutgifter", "digit", "2018", "change", 15.2, nan, 1},
	{"4.2.1", "arsverk", "digit", "2015", "change", 9.4, 9.3, 1},
	{"4.2.1", "arsverk", "digit", "2016", "change", -3.7, nan, 1},
	{"4.2.1", "arsverk", "digit", "2017", "change", -5.4, -5.3, 1},
	{"4.2.1", "arsverk", "digit", "2018", "change", 21.7, nan, 1},

	// §5.2.1 Eiendom.
	{"5.2.1", "arsverk", "eiendom", "2015", "change", -1.0, nan, 1},
	{"5.2.1", "arsverk", "eiendom", "2016", "change", 3.8, nan, 1},
	{"5.2.1", "arsverk", "eiendom", "2017", "change", 3.9, nan, 1},
	{"5.2.1", "arsverk", "eiendom", "2018", "change", 2.4, nan, 1},

	// §2.2.4 Brutto driftsutgifter til administrasjon, 2017-kroner.
	{"2.2.4", "adm_brutto_pr_innb_2017kr", "baerum", "2014", "change", 10.3, nan, 1},
	{"2.2.4", "adm_brutto_pr_innb_2017kr", "baerum", "2015", "change", -0.4, nan, 1},
	{"2.2.4", "adm_brutto_pr_innb_2017kr", "baerum", "2016", "change", 2.6, nan, 1},
	{"2.2.4", "adm_brutto_pr_innb_2017kr", "baerum", "2017", "change", -16.2, nan, 1},

	// §5.2.2 Areal per innbygger and energy.
	{"5.2.2", "kvm_formalsbygg_pr_innb", "baerum", "2014", "change", -2.2, nan, 1},
	{"5.2.2", "kvm_formalsbygg_pr_innb", "baerum", "2015", "change", -2.2, nan, 1},
	{"5.2.2", "kvm_formalsbygg_pr_innb", "baerum", "2016", "change", 0.0, nan, 1},
	{"5.2.2", "kvm_formalsbygg_pr_innb", "baerum", "2017", "change", 0.0, nan, 1},
	{"5.2.2", "energi_graddagskorr_kwh_m2", "eiendom", "2015", "change", 1.2, 1.1, 1},
	{"5.2.2", "energi_graddagskorr_kwh_m2", "eiendom", "2016", "change", -1.6, nan, 1},
	{"5.2.2", "energi_graddagskorr_kwh_m2", "eiendom", "2017", "change", 0.3, nan, 1},
	{"5.2.2", "energi_graddagskorr_kwh_m2", "eiendom", "2018", "change", -5.5, nan, 1},

	// §2.2.5 LDIP Administrasjon felles: Årlig trend siste 3 år.
	{"2.2.5", "ldip_adm_brutto_pr_innb", "baerum", "", "trend", -238, nan, 0},
	{"2.2.5", "ldip_forvaltning_eiendom_pr_innb", "baerum", "", "trend", 27, nan, 0},
	{"2.2.5", "sykefravaer", "baerum", "", "trend", 0.0, nan, 1},
	{"2.2.5", "andel_deltid", "baerum", "", "trend", -2, nan, 0},
	{"2.2.5", "sokere_pr_stilling", "baerum", "", "trend", -2, nan, 0},
	{"2.2.5", "andel_efaktura", "baerum", "", "trend", 13, nan, 0},

	// §5.2.3 LDIP Eiendom: Årlig trend siste 3 år.
	{"5.2.3", "ledighet_omsorgsboliger", "baerum", "", "trend", -1.7, nan, 1},
	{"5.2.3", "areal_adm_lokaler_pr_innb", "baerum", "", "trend", 0.0, nan, 1},
	{"5.2.3", "areal_barnehage_pr_barn", "baerum", "", "trend", 0.5, nan, 1},
	{"5.2.3", "areal_institusjon_pr_beboer", "baerum", "", "trend", 2.8, 2.7, 1},
	{"5.2.3", "areal_skole_pr_elev", "baerum", "", "trend", 0.1, nan, 1},
	{"5.2.3", "energi_kwh_m2", "baerum", "", "trend", 0.2, nan, 1},
	{"5.2.3", "vedlikehold_kr_pr_kvm", "baerum", "", "trend", 4, nan, 0},
}

// TestKPI_SeedFigures is Done means 1: from the demo data, "virk kpi
// --format json" gives every computed figure of the seed's tables, equal
// after rounding, or within 0.25 percentage points where the seed computed
// from unrounded data.
func TestKPI_SeedFigures(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "kpi", "--format", "json")
	var sc scorecardJSON
	if err := json.Unmarshal([]byte(r.stdout), &sc); err != nil {
		t.Fatalf("kpi --format json is not JSON: %v\n%.500s", err, r.stdout)
	}
	if sc.TrendYears != 3 {
		t.Errorf("trend_years = %d, want 3 (the default)", sc.TrendYears)
	}
	rows := map[[2]string]int{}
	for i, row := range sc.Rows {
		rows[[2]string{row.Indicator, row.Entity}] = i
	}
	for _, c := range seedChecks {
		name := fmt.Sprintf("§%s/%s/%s/%s/%s", c.section, c.indicator, c.entity, c.what, c.period)
		t.Run(name, func(t *testing.T) {
			i, ok := rows[[2]string{c.indicator, c.entity}]
			if !ok {
				t.Fatalf("no row for %s/%s", c.indicator, c.entity)
			}
			row := sc.Rows[i]
			var got *float64
			switch c.what {
			case "trend":
				if row.Trend == nil {
					t.Fatal("no trend")
				}
				if row.Trend.Years != 3 || row.Trend.From != "2015" || row.Trend.To != "2018" {
					t.Errorf("trend over %d years %s–%s, want 3 years 2015–2018", row.Trend.Years, row.Trend.From, row.Trend.To)
				}
				got = &row.Trend.PerYear
			default:
				for _, v := range row.Values {
					if v.Period != c.period {
						continue
					}
					if c.what == "change" {
						got = v.ChangePct
					} else {
						got = v.Value
					}
				}
			}
			if got == nil {
				t.Fatalf("no %s for %s", c.what, c.period)
			}
			want := c.printed
			if !math.IsNaN(c.recomputed) {
				want = c.recomputed
				if d := math.Abs(*got - c.printed); d > 0.25 {
					t.Errorf("%v is %.3f from the printed %v (more than 0.25)", *got, d, c.printed)
				}
			}
			if rounded := nb.Round(*got, c.decimals); rounded != want {
				t.Errorf("got %v, rounds to %v, want %v (printed %v)", *got, rounded, want, c.printed)
			}
		})
	}
}

// TestKPI_SeedTargets checks the target statuses the seed states: sick
// leave above 7 % is not met, and the energy target (−12 % against 2016
// by 2020) is at a level of 199.76 kWh/m².
func TestKPI_SeedTargets(t *testing.T) {
	_, env := demoDB(t)
	r := mustRun(t, env, "kpi", "--format", "json", "--indicator", "sykefravaer,energi_kwh_m2")
	var sc scorecardJSON
	if err := json.Unmarshal([]byte(r.stdout), &sc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"sykefravaer/baerum":             "not_met",
		"sykefravaer/oppvekst_skole":     "met",
		"sykefravaer/helse_sosial":       "not_met",
		"sykefravaer/oppvekst_barnehage": "not_met",
		"sykefravaer/pleie_omsorg":       "not_met",
		// The seed prints no 2018 figure for these. The demo's HR extract
		// gives tekniske tjenester 6,4 % and øvrige 6,5 %, what is left of
		// Bærum's 7,3 %, and the two made-up kindergarten districts
		// 7,4 % and 8,9 % around their area's 8,1 %.
		"sykefravaer/tekniske_tjenester": "met",
		"sykefravaer/ovrige":             "met",
		"sykefravaer/barnehage_vest":     "not_met",
		"sykefravaer/barnehage_ost":      "not_met",
	}
	for _, row := range sc.Rows {
		key := row.Indicator + "/" + row.Entity
		if len(row.Targets) == 0 {
			t.Errorf("%s: no target", key)
			continue
		}
		tg := row.Targets[0]
		if key == "energi_kwh_m2/baerum" {
			if tg.Level == nil || nb.Round(*tg.Level, 2) != 199.76 {
				t.Errorf("%s: target level %v, want 199.76", key, tg.Level)
			}
			continue
		}
		if w, ok := want[key]; !ok {
			t.Errorf("unexpected row %s", key)
		} else if tg.Status != w {
			t.Errorf("%s: target status %q, want %q", key, tg.Status, w)
		}
		delete(want, key)
	}
	for key := range want {
		t.Errorf("no row for %s", key)
	}
}
