package portfolio

import "github.com/virk-analyse/virk"

// Indicator IDs of the portfolio. The money indicators are entered (or
// imported) on the project entity; the others are computed by Compute.
// Amounts add up the tree from a project to its owner unit and above, so
// that a unit's budget, forecast and deviation are its projects' sums;
// rates, delays, scores and places do not add up.
const (
	IndicatorBudget       = "prosjekt_budsjett"        // approved budget, one annual observation per budget year, mill. kr
	IndicatorForecast     = "prosjekt_prognose"        // forecast total cost by reporting period, mill. kr
	IndicatorSpent        = "prosjekt_forbruk"         // spent to date, cumulative, by reporting period, mill. kr
	IndicatorDeviation    = "prosjekt_avvik"           // forecast − total budget, mill. kr
	IndicatorDeviationPct = "prosjekt_avvik_pst"       // deviation in % of the total budget
	IndicatorDelay        = "prosjekt_forsinkelse_mnd" // months from planned to expected end
	IndicatorSpentPct     = "prosjekt_forbruk_pst"     // spent in % of the forecast
	IndicatorRank         = "prosjekt_rangering"       // place in the ranking, 1 first
	IndicatorScore        = "prosjekt_poeng"           // score of the ranking

	// The benefit counts of a project, on the project entity. They are
	// indicators of their own, not the receiving units' gevinster_*,
	// because a project entity sits under its owner unit: were they the
	// same indicator, a unit above both the owner and a receiving unit
	// would count a benefit twice, once as owned and once as received.
	IndicatorProjectBenefits    = "prosjekt_gevinster_antall"
	IndicatorProjectRealised    = "prosjekt_gevinster_realisert"
	IndicatorProjectQualitative = "prosjekt_gevinster_kvalitative"

	// The benefit counts of a receiving unit, on the unit entity.
	IndicatorBenefits    = "gevinster_antall"      // measurable benefits landing in the unit
	IndicatorRealised    = "gevinster_realisert"   // of them, realised
	IndicatorQualitative = "gevinster_kvalitative" // qualitative benefits, counted apart

	sourceCompute = "virk porteføljeberegning" // Observation.Source of computed figures
)

// Indicators returns the definitions of the portfolio's indicators. A
// catalogue that defines one itself keeps its own.
func Indicators() []*virk.Indicator {
	const cat, src = "Prosjekter", "Prosjektporteføljen"
	mill := virk.Unit{Name: "mill. kr", Decimals: 1}
	pct := virk.Unit{Name: "%", Decimals: 1}
	months := virk.Unit{Name: "måneder"}
	count := virk.Unit{Name: "antall"}
	ind := func(id, nb, en string, u virk.Unit, d virk.Direction, r virk.Rollup, note string) *virk.Indicator {
		return &virk.Indicator{ID: id, LabelNB: nb, LabelEN: en, Unit: u, Direction: d, Category: cat, Source: src, Rollup: r, Note: note}
	}
	sum, none := virk.RollupSumAny, virk.RollupNone
	return []*virk.Indicator{
		ind(IndicatorBudget, "Prosjektbudsjett", "Project budget", mill, virk.Neutral, sum,
			"Vedtatt budsjett for prosjektet, ett tall for hvert budsjettår. Prosjektets totale budsjett er summen av årene."),
		ind(IndicatorForecast, "Prognose for prosjektets totalkostnad", "Forecast total cost", mill, virk.Down, sum,
			"Siste prognose er den gjeldende; tidligere prognoser er historikk. Summen for en enhet er summen av prosjektene som har prognose i perioden."),
		ind(IndicatorSpent, "Forbruk hittil", "Spent to date", mill, virk.Neutral, sum,
			"Akkumulert forbruk til og med perioden."),
		ind(IndicatorDeviation, "Avvik mot budsjett", "Deviation from budget", mill, virk.Down, sum,
			"Gjeldende prognose minus totalt budsjett; positivt tall er overskridelse."),
		ind(IndicatorDeviationPct, "Avvik mot budsjett i prosent", "Deviation from budget, %", pct, virk.Down, none,
			"Avviket i prosent av totalt budsjett."),
		ind(IndicatorDelay, "Forsinkelse", "Delay", months, virk.Down, none,
			"Hele kalendermåneder fra planlagt til forventet ferdigstillelse; negativt tall er tidligere enn planlagt."),
		ind(IndicatorSpentPct, "Forbruk i prosent av prognose", "Spent, % of forecast", pct, virk.Neutral, none, ""),
		ind(IndicatorRank, "Plass i prioriteringen", "Place in the ranking", virk.Unit{Name: "plass"}, virk.Neutral, none,
			"Plass i den prioriterte rekkefølgen av digitaliseringsprosjekter; 1 er først. Ingen prosjekter kommer før et prosjekt de avhenger av."),
		ind(IndicatorScore, "Prioriteringspoeng", "Priority score", virk.Unit{Name: "poeng", Decimals: 1}, virk.Up, none,
			"Vektet sum av sektorens prioritet (6 minus prioriteten), kritikalitet i dagens løsning og gevinstpotensial."),
		ind(IndicatorProjectBenefits, "Målbare gevinster i prosjektet", "Measurable benefits of the project", count, virk.Neutral, sum, ""),
		ind(IndicatorProjectRealised, "Realiserte gevinster i prosjektet", "Realised benefits of the project", count, virk.Up, sum, ""),
		ind(IndicatorProjectQualitative, "Kvalitative gevinster i prosjektet", "Qualitative benefits of the project", count, virk.Neutral, sum, ""),
		ind(IndicatorBenefits, "Målbare gevinster", "Measurable benefits", count, virk.Neutral, sum,
			"Målbare gevinster som kommer i enheten, fra alle prosjekter."),
		ind(IndicatorRealised, "Realiserte gevinster", "Realised benefits", count, virk.Up, sum,
			"Målbare gevinster som har nådd målet."),
		ind(IndicatorQualitative, "Kvalitative gevinster", "Qualitative benefits", count, virk.Neutral, sum,
			"Gevinster som beskrives, ikke måles; telles for seg og summeres aldri med de målbare."),
	}
}
