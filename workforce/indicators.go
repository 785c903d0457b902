package workforce

import "github.com/virk-analyse/virk"

// Indicator IDs of the workforce statistics. The IDs are the ones the
// virksomhetsanalyse's chapter 6 tables use, so that a catalogue which
// already defines them (with its own labels and targets) gets computed
// figures in place of typed-in ones.
const (
	IndicatorSickLeave     = "sykefravaer"
	IndicatorSickShort     = "sykefravaer_korttid"
	IndicatorSickLong      = "sykefravaer_langtid"
	IndicatorSickSelf      = "sykefravaer_egenmeldt"
	IndicatorSickDoctor    = "sykefravaer_legemeldt"
	IndicatorAgreedDays    = "avtalte_dagsverk"
	IndicatorLostDays      = "tapte_dagsverk"
	IndicatorFTEPermanent  = "arsverk_faste"
	IndicatorFTEMonthly    = "arsverk_manedslonnede"
	IndicatorPermanent     = "ansatte_faste"
	IndicatorHourly        = "ansatte_timelonnede"
	IndicatorFullTime      = "andel_100_stilling"
	IndicatorNearFull      = "andel_80_100"
	IndicatorPartTime      = "andel_deltid"
	IndicatorAge           = "gjennomsnittsalder"
	IndicatorAgeMen        = "gjennomsnittsalder_menn"
	IndicatorAgeWomen      = "gjennomsnittsalder_kvinner"
	IndicatorUnskilled     = "andel_ufaglaerte"
	IndicatorSkilled       = "andel_fagarbeidere"
	IndicatorHigher        = "andel_hoyskole"
	IndicatorQualified     = "andel_faglaerte"
	IndicatorApprentices   = "laerlinger"
	IndicatorMinorityFTE   = "minoritet_arsverk"
	IndicatorMinorityMen   = "minoritet_menn"
	IndicatorMinorityWomen = "minoritet_kvinner"
	IndicatorMinorityShare = "andel_minoritet"
	IndicatorTurnover      = "turnover"
	sourceCompute          = "virk personalstatistikk"
)

// Indicators returns the definitions of the workforce indicators. Every
// one is personnel data: hr sees it for every unit, a leder for the
// units of the grant. None rolls up: a unit's figure is computed from the
// persons of its whole subtree, because a person with employments in two
// units counts once above them, and a rate is never a sum.
func Indicators() []*virk.Indicator {
	const cat, src = "Medarbeidere", "HR-uttrekk"
	pct := virk.Unit{Name: "%", Decimals: 1}
	ind := func(id, nb, en string, u virk.Unit, d virk.Direction, note string) *virk.Indicator {
		return &virk.Indicator{ID: id, LabelNB: nb, LabelEN: en, Unit: u, Direction: d, Category: cat, Source: src, Personnel: true, Note: note}
	}
	persons := virk.Unit{Name: "personer"}
	fte := virk.Unit{Name: "årsverk", Decimals: 1}
	years := virk.Unit{Name: "år", Decimals: 1}
	sick := ind(IndicatorSickLeave, "Totalt sykefravær", "Total sick leave", pct, virk.Down,
		"Tapte dagsverk i prosent av avtalte dagsverk (SSB/NAV), gradert fravær vektet med graden.")
	sick.Targets = []virk.Target{{Kind: virk.TargetAbsolute, Value: 7, Note: "Kommunens mål: sykefravær på 7 prosent"}}
	return []*virk.Indicator{
		sick,
		ind(IndicatorSickShort, "Korttidsfravær (1–16 dager)", "Short-term sick leave (1–16 days)", pct, virk.Down,
			"Fravær i tilfeller på 1–16 kalenderdager, i prosent av avtalte dagsverk."),
		ind(IndicatorSickLong, "Langtidsfravær (over 16 dager)", "Long-term sick leave (over 16 days)", pct, virk.Down,
			"Fravær i tilfeller på mer enn 16 kalenderdager, i prosent av avtalte dagsverk."),
		ind(IndicatorSickSelf, "Egenmeldt sykefravær", "Self-certified sick leave", pct, virk.Down, ""),
		ind(IndicatorSickDoctor, "Legemeldt sykefravær", "Doctor-certified sick leave", pct, virk.Down, ""),
		ind(IndicatorAgreedDays, "Avtalte dagsverk", "Agreed working days", virk.Unit{Name: "dagsverk"}, 0,
			"Arbeidsdager (mandag–fredag utenom helligdager) ganget med stillingsandelen."),
		ind(IndicatorLostDays, "Tapte dagsverk", "Working days lost", virk.Unit{Name: "dagsverk", Decimals: 1}, virk.Down, ""),
		ind(IndicatorFTEPermanent, "Årsverk, fast ansatte", "FTE, permanent staff", fte, 0, "Sum stillingsprosent/100 i faste arbeidsforhold ved årets siste uttrekk."),
		ind(IndicatorFTEMonthly, "Årsverk, månedslønnede", "FTE, monthly paid", fte, 0, "Faste og midlertidige arbeidsforhold ved årets siste uttrekk."),
		ind(IndicatorPermanent, "Fast ansatte, personer", "Permanent employees, persons", persons, 0, ""),
		ind(IndicatorHourly, "Timelønnede, personer", "Hourly-paid employees, persons", persons, 0, "Personer med bare timelønnede arbeidsforhold."),
		ind(IndicatorFullTime, "Andel som har 100 prosent stilling", "Share with a full-time (100 %) position", pct, virk.Up, "Andel av fast ansatte; stillingene til en person legges sammen."),
		ind(IndicatorNearFull, "Andel med stilling fra 80 til 100 prosent", "Share with a position of 80 to 100 %", pct, 0, ""),
		ind(IndicatorPartTime, "Andel deltid (mindre enn 80 %)", "Part-time share (under 80 %)", pct, virk.Down, ""),
		ind(IndicatorAge, "Gjennomsnittsalder", "Average age", years, 0, "Fast ansatte, alder ved årets utgang."),
		ind(IndicatorAgeMen, "Gjennomsnittsalder, menn", "Average age, men", years, 0, ""),
		ind(IndicatorAgeWomen, "Gjennomsnittsalder, kvinner", "Average age, women", years, 0, ""),
		ind(IndicatorUnskilled, "Andel ufaglærte", "Share unskilled", pct, virk.Down, ""),
		ind(IndicatorSkilled, "Andel fagarbeidere", "Share skilled workers", pct, 0, ""),
		ind(IndicatorHigher, "Andel med høyskole- eller universitetsutdanning", "Share with higher education", pct, 0, ""),
		ind(IndicatorQualified, "Andel faglærte", "Share qualified", pct, virk.Up, "Fagarbeidere og høyskoleutdannede."),
		ind(IndicatorApprentices, "Antall lærlinger", "Apprentices", persons, virk.Up, "KS' norm: 2 lærlinger per 1 000 innbyggere."),
		ind(IndicatorMinorityFTE, "Årsverk, medarbeidere med minoritetsbakgrunn", "FTE, employees with minority background", fte, 0,
			"SSBs definisjon av innvandrere: født i utlandet av to utenlandskfødte foreldre."),
		ind(IndicatorMinorityMen, "Medarbeidere med minoritetsbakgrunn, menn", "Employees with minority background, men", persons, 0, ""),
		ind(IndicatorMinorityWomen, "Medarbeidere med minoritetsbakgrunn, kvinner", "Employees with minority background, women", persons, 0, ""),
		ind(IndicatorMinorityShare, "Medarbeidere med minoritetsbakgrunn, % av total", "Employees with minority background, % of total", pct, 0,
			"Årsverk med minoritetsbakgrunn i prosent av månedslønnede årsverk."),
		ind(IndicatorTurnover, "Turnover", "Turnover", pct, 0, "Andel av fast ansatte ved forrige års utgang som ikke er fast ansatt i kommunen ved årets utgang."),
	}
}
