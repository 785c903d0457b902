// Package prognosis projects the workforce a municipality's services
// will need, in the manner of KS' prognosis model for workforce need
// (Bærum kommune's Virksomhetsanalyse, §6.1.2, uses it): the årsverk
// needed for today's service to tomorrow's population, against what will
// remain of today's workforce as it ages and retires. The difference is
// the recruitment need. Besides reading its inputs, the package only
// calculates: the figures and their assumptions are handed to callers to
// present, or, through ChangeSet, to a store.
//
// # The calculation
//
// An area, such as pleie og omsorg, has user groups by age band, each
// with its number of users in the base year, or its coverage (users per
// inhabitant of the band). Coverage and årsverk per user are held at the
// base year's level, which is KS' demographic component:
//
//	need(t) = Σ_g users(g, base) / pop(g, base) × pop(g, t) × årsverk(base) / users(base)
//
// Today's workforce, by single age or age band, ages one year per year.
// Of each age, those at the retirement age leave (Retirement.Age, 67 by
// default; an average age such as 64.5 splits the cohort over two ages),
// then the early leavers of that age (Retirement.Early, such as AFP from
// 62), then the turnover share (Retirement.Turnover, 0 by default). For
// each year after the base year up to the end year (2040 by default),
// Project gives the årsverk needed, the årsverk remaining, those leaving,
// the recruitment need (needed − remaining: replacement and growth
// together) and the year's recruitment (the change from the year before).
// Result.Assumptions states every assumption in Norwegian, for printing
// beside the figures, and Result.Rows gives the figures as table rows.
//
// # Storing
//
// ChangeSet turns a Result into ordinary indicators (Indicators: the IDs
// prognose_arsverk_behov, prognose_arsverk_gjenvaerende,
// prognose_pensjonering, prognose_turnover, prognose_rekrutteringsbehov
// and prognose_rekruttering), with one annual observation per area and
// year for the entity whose ID is the area's, so that the scorecard,
// report blocks and downloads show them like any other figure. Each
// area's assumptions (AreaResult.Assumptions) go with them as a comment
// on each of its series.
//
// # Population
//
// ReadPopulation reads a population projection: SSB table 14288
// ("Framskrevet folkemengde 1. januar, etter region, kjønn, alder,
// statistikkvariabel og år") as JSON-stat 2.0 from SSB's API, summed over
// Kjonn, or a semicolon-separated CSV file:
//
//	alder;år;personer
//	0;2024;1234
//	…
//	105+;2024;12
//
// # Configuration
//
// ReadConfig reads a model from JSON. Keys are Norwegian in ASCII, as in
// the HR extracts; an unknown key, a repeated key or a value of the wrong
// type is a fault with its line and column. All numbers are årsverk,
// persons, ages or years, except the shares "dekningsgrad", "andel" and
// "turnover", which are fractions (0.05 is 5 %).
//
//	{
//	  "basisar": 2018,
//	  "sluttar": 2040,
//	  "pensjon": {
//	    "alder": 67,
//	    "tidlig_avgang": [{"fra": 62, "til": 66, "andel": 0.05}],
//	    "turnover": 0
//	  },
//	  "omrader": [
//	    {
//	      "id": "pleie_omsorg",
//	      "navn": "Pleie og omsorg",
//	      "arsverk": 2400,
//	      "brukergrupper": [
//	        {"navn": "67–79 år", "fra": 67, "til": 79, "brukere": 1200},
//	        {"fra": 80, "til": 89, "dekningsgrad": 0.35},
//	        {"fra": 90, "brukere": 900}
//	      ],
//	      "arbeidsstyrke": [
//	        {"alder": 24, "arsverk": 35.5, "personer": 48},
//	        {"fra": 25, "til": 29, "arsverk": 210}
//	      ],
//	      "pensjon": {"alder": 64.5}
//	    }
//	  ]
//	}
//
// The members:
//
//   - basisar (required): the year of today's users, årsverk and workforce.
//   - sluttar: the last year projected; 2040 when absent. It must come
//     after basisar.
//   - pensjon: the retirement assumptions of every area without its own:
//     alder, the retirement age (67 when absent; decimals allowed);
//     tidlig_avgang, yearly shares leaving before it, each with fra, til
//     (absent: and older) and andel; turnover, a yearly share at all ages.
//   - omrader: the service areas, each with id (required, unique), navn,
//     arsverk (today's årsverk of the service; absent or 0: the sum of
//     arbeidsstyrke), brukergrupper, arbeidsstyrke and an optional pensjon
//     that replaces, rather than amends, the shared one.
//   - brukergrupper: user groups by age band, with navn, fra (required),
//     til (absent: and older) and exactly one of brukere (users in
//     basisar) and dekningsgrad (users per inhabitant of the band).
//   - arbeidsstyrke: today's workforce, each entry with either alder or
//     both fra and til, and arsverk and, optionally, personer. A band is
//     spread evenly over its ages.
//
// The bands of one list may not overlap; no number may be negative.
package prognosis
