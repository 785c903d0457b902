// Package portfolio holds the calculations of the project portfolio: the
// digitalisation projects of §4.1.3 of the virksomhetsanalyse and the
// building investment projects of §5.3. Everything here is a pure function
// of the root package's types (virk.Project, virk.Benefit, virk.Observation);
// reading and storing them is other packages' work.
//
// Ranking. A project's score is a weighted sum of the sector's own
// priority (turned so that priority 1 counts 5 and priority 5 counts 1),
// the criticality of today's solution and the gain potential, each 1–5 and
// 0 when not assessed; the analyst sets and sees the weights. Dependencies
// weigh more than any score, as §4.1.3 asks: Rank places the projects one
// at a time, each time the highest-scoring project whose dependencies are
// all placed, so that no project comes before one it depends on, and
// among projects free to go the score decides. Ties go to the earlier
// planned start, then to the lower ID. A dependency on a project outside
// the ranked set (closed, or not selected) holds nothing back. A cycle of
// dependencies has no order: Rank refuses it with a *CycleError that names
// the projects of each cycle in order.
//
// Investment status. A project's money is three ordinary indicators on the
// project entity, which roll up by sum to the owner unit: the approved
// budget by budget year, the forecast total cost and the spent amount to
// date, both by reporting period. The latest forecast and spent amount up
// to the year reported are the current ones; the earlier forecasts (and the
// earlier versions of one period's forecast that an import replaced) are
// its history. Status compares the forecast with the total budget, the
// spent amount with the forecast and the expected end with the planned
// end, in whole calendar months. Deviations lists what a property director
// reports: forecasts more than a threshold over budget, delays beyond a
// number of months, and planned ends passed without the project being
// closed; Summary writes the sentence of the annual report about the
// larger projects.
//
// Benefit realisation. A measurable benefit is a change of an indicator in
// the unit where it lands, from a baseline to a target by a due date; a
// qualitative one is a text, counted apart and never summed. The planned
// change is target − baseline and the realised change is the indicator's
// latest value − baseline. When several benefits promise a change of the
// same indicator in the same unit, the unit's indicator moved once: the
// movement is counted once for the unit and shared among the benefits in
// proportion to the change each planned, so that two projects that each
// promise −2 årsverk in one unit sum to −4 planned there, and a movement
// of −3 is −1,5 realised for each. Roll-ups by project and by receiving
// unit then add up to the same totals.
//
// Compute puts it together for one reporting year and returns the figures
// also as ordinary observations of the portfolio's indicators, so that a
// scorecard or a report reads them like any other figure.
package portfolio
