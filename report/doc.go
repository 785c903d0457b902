// Package report builds reports as code: a folder of Markdown chapters
// whose tables, charts and figures in the running text come from the data,
// so that the narrative never goes stale. The demo report (package demo,
// Report) rebuilds Bærum kommune's Virksomhetsanalyse 2020–2023 this way;
// its SickLeaveReport is the template of the half-yearly status report on
// sick leave, by half-year and month.
//
// # The folder
//
// A report is an fs.FS holding:
//
//   - rapport.json: {"title", "subtitle", "organisation", "entity", "year",
//     "published", "trend_years", "source"}. Only "title" is required.
//     "entity" and "year" are the defaults of blocks and inline values;
//     "published" is a date written 2019-05-20; "trend_years" (3 by
//     default) is the span of trends. Decoding is strict: an unknown or
//     repeated key, a wrong type or trailing content is an error placed at
//     its line and column.
//   - the chapters, *.md in file-name order (01-innledning.md, …): Markdown
//     (CommonMark with GFM tables, via goldmark). Each chapter has exactly
//     one level-1 heading, its title. Headings get stable ids, a slug of
//     their text ("2.2.1 Utvikling" → "2-2-1-utvikling") or one set with
//     {#id}. In the HTML, headings move one level down, so that the
//     report's title is the page's only <h1>. Raw HTML is not passed
//     through.
//
// # Blocks
//
// A block is a fenced code block whose info string is "virk KIND", with
// one "key: value" per line. Lines starting with # are comments; a line
// starting with a space continues the value above (for long lists). Lists
// are comma-separated IDs from the catalogue.
//
//	```virk kpi-table
//	title: Nøkkeltall Administrasjon felles
//	entity: baerum
//	indicators: ldip_adm_brutto_pr_innb, sykefravaer, andel_deltid
//	from: 2014
//	to: 2018
//	```
//
// "from" and "to" are years, or half-years, quarters or months (2017H1,
// 2018K3, 2018M07 or 2018-07, as virk.ParsePeriod reads them), both of one
// frequency: from: 2017H1 and to: 2018H2 give the four half-years between.
// "to" defaults to the report's year, or with a sub-annual "from" to that
// frequency's last period of the year; "from" defaults to four years
// before an annual "to" and to the first period of the year before a
// sub-annual one (2017H1 for 2018H2). Columns and chart categories are
// headed the Norwegian way: «2018», «2. halvår 2018», «3. kvartal 2018»,
// «jan. 2018». Every change compares a period with the same period a year
// earlier («samme halvår året før»), and trends span years in the
// period's frequency (kpi.YearAgo, kpi.Series.Trend). Sick leave by area
// in the second half-years of 2017 and 2018, with the change and the
// target's status:
//
//	```virk entity-table
//	title: Sykefravær etter område
//	indicators: sykefravaer
//	children: baerum
//	sum: ja
//	periods: 2017H2, 2018H2
//	change-column: ja
//	target: ja
//	```
//
// Every kind takes "title" (required; the table's caption or the chart's
// title), "note" (a footnote) and "label.ID: text" (a label for a row,
// column or series instead of the catalogue's name). "entity" defaults to
// the report's entity.
//
//   - kpi-table: the LDIP table. Keys: entity, indicators, from, to, trend
//     (years, default trend_years), direction-label (header of the
//     direction column, default «Ønsket retning»), group (a heading row
//     over the rows). Columns: the indicator, its desired direction (an
//     arrow and −1/1), the periods (the first is «Utgangsår», or
//     «Utgangshalvår», «Utgangsmåned») and «Årlig trend siste N år (snitt
//     pr. år)»: (vₜₒ − vₜₒ₋ₙ) / N in the indicator's unit and decimals,
//     judged against the direction; for 2018H2 and trend: 1, the change
//     from 2017H2. The frequency is the one of from and to, so the table
//     needs no key of its own for it.
//   - series-table: years as columns. Rows are indicators of one entity
//     (indicators, entity) or one indicator for entities (indicator with
//     entities in the order given, or children: ENTITY for its sub-units
//     in ID order). Keys: heading (the
//     corner cell, default the unit), sum: ENTITY (a sum row: the entity's
//     own value where stored, else the sum of the rows; with children,
//     sum: ja names the parent), sum-label,
//     change-column: ja («Prosentvis endring ÅR−1/ÅR» of the last year),
//     change-rows: all | ROW, … (a row of annual changes in % under those
//     rows; "sum" is the sum row), change-label, share: ROW=INDICATOR, …
//     (a column with the value of a share indicator in the last year),
//     share-label, indent: ROW, … («herav» rows).
//   - entity-table: entities as rows and, per period, one column per
//     indicator (two header rows when both are several). Keys:
//     indicators, entities or children, years: 2017, 2018, or periods:
//     2017H2, 2018H2 (periods of one frequency; years too), or from/to,
//     heading, sum, sum-label, change-column: ja (per indicator, the
//     change in the last period from a year earlier, as {{endring}}
//     gives it: percentage points for percentages, else percent),
//     change-label, target: ja (per indicator with a target, its status
//     in the last period, as {{mål}} judges it: «nådd», «ikke nådd»; «uten
//     data» when that period has no value), target-label.
//   - peer-table: a service profile: indicators as rows, entities as
//     columns (the municipality, asss_snitt, asss_lavest, asss_hoyest, a
//     neighbour) in one year. Keys: indicators, entities, year (default
//     the report's year), heading.
//   - service-profile: a service profile computed by package peer from
//     the members' own figures: the municipality, the group's mean,
//     weighted mean, lowest and highest, rank and index. Keys: title,
//     entity, group (asss, the default; kostra, the entity's own stored
//     KOSTRA group in the year; or the ID of a stored group), year,
//     indicators, compare, note.
//   - chart: a chart drawn by package chart, with its data table under it.
//     Keys: type (line, the default; bar; grouped-bar; peer-index), the
//     rows as for series-table (each row is a series), from, to (a line
//     over half-years or months takes from: 2018M01, to: 2018M12);
//     year (bar: one bar per row in that year; peer-index: the year
//     compared) or period (the same, in a period such as 2018H2), target (ja by default: draw the first indicator's target
//     for its entity, an absolute level or for a relative target the base
//     year's value changed by the percent), target-label, desc (the
//     description for screen readers; default a summary), value-labels.
//     peer-index takes indicators and entities, the reference (= 100) last.
//
// # Inline values
//
// {{FUNCTION INDICATOR ENTITY [PERIOD]}} in running text (also in
// headings and Markdown tables) is replaced by a figure; PERIOD (2018,
// 2018H2, 2018K1, 2018M03) defaults to the report's year. Changes, trends
// and target statuses keep the period's frequency: {{endring sykefravaer
// baerum 2018H2}} is the change from 2017H2, and {{mål … 2018H2}} is
// judged on the half-years up to 2018H2. A figure withheld by disclosure
// control (status suppressed) prints «:», and so do a change from or to
// it and a target status judged on it:
//
//   - verdi: the value, with the indicator's decimals: "657,7", and for
//     percentages "7,3 %".
//   - endring: the change from the year before: for percentages in
//     percentage points ("−0,2 prosentpoeng"), otherwise in percent
//     ("3,4 %").
//   - trend: the average yearly change over trend_years years, in the
//     indicator's unit ("−238"; "−1,7 prosentpoeng" for percentages).
//   - mål: the status of the indicator's target for the entity, judged on
//     the values up to the period: «nådd», «ikke nådd», «i rute», «ikke i
//     rute», «uten data».
//   - målnivå: the level of that target ("7,0 %"; for a relative target
//     the base year's value changed by the percent).
//
// In tables, a withheld figure shows «:» too (read as «skjult av
// personvernhensyn»), a missing one «–».
//
// Numbers are written the bokmål way (package nb) with no-break spaces;
// the unit is the author's to write around the figure. Every figure,
// change, trend and target status comes from package kpi.
//
// # Errors
//
// Build checks everything before reading any observation, and reports
// every fault at once as Errors, ordered by file and line, each naming the
// fault and what was expected: "03-administrasjon.md:41: ukjent indikator
// «sykefravar» i virk kpi-table (nøkkelen «indicators»); mente du
// «sykefravaer»?". An unknown block kind, key, indicator, entity or
// function, a bad period or year, a list or a from/to mixing frequencies
// («periods» blander periodetyper: 2017H2 er halvår, men 2018 er år), a
// chapter without its heading, and an
// inline value with no figure for its period are faults. A table row or a
// chart with no data at all is a warning (Document.Warnings): the report
// builds, showing «–» or «Ingen data».
//
// # Output
//
// Document.WriteHTML writes one standalone, accessible HTML5 file with
// print rules for Chromium's PDF output; Document.WriteXLSX writes the
// tables as a workbook with numbers as numbers.
package report
