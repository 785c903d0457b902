// Package hrdemo makes the demo's HR extract: a synthetic, person-level
// employment and absence extract for Bærum kommune in the format of
// workforce/SPEC.md, whose figures, as package workforce computes them
// over the demo catalogue, are the ones chapter 6 of the seed document
// prints (pr. 01.01.2019 = the extract of 31 December 2018).
//
// No person in it is real. The extract is built, not sampled: the
// persons are made by quota so that every printed count and sum holds by
// construction — 9 807 permanent employees with 7 524 årsverk, 2 766 paid
// by the hour, the average ages, the leavers behind each turnover, the
// education mix, 90 and 88 apprentices, the full-time shares and the
// minority table of §6.1.6 area by area — and absences are placed spell
// by spell, measured with workforce's own calendar, until each area's
// lost days over its agreed days are the printed sick-leave rates. The
// seed only changes which synthetic person gets what.
//
// The extract is small, for `virk demo`: three year-end extracts (31
// December 2016, 2017 and 2018). By SPEC.md a row of the 2017 extract
// stands for all of 2017, so sick leave by month, half-year and year
// comes out for 2017 and 2018 (and December 2016), stock figures for
// 2016–2018 and turnover for 2017 and 2018.
//
// The six chapter 6 areas hold all the staff; Organisasjon, styring og
// utvikling gets none, since the seed's six areas sum to the
// municipality. Oppvekst barnehage is split into two demo districts,
// Vest and Ost, so that disclosure control has real structure to work on:
// in 2018 Vest has 3 men with minority background, a cell that is
// suppressed while the area's figures are published.
package hrdemo

import (
	"math/rand/v2"
)

// Seed is the seed the demo uses.
const Seed int64 = 2019

// Files returns the demo's HR extract for seed: the employments
// (ansatte) and the absence spells (fravaer), both CSV as SPEC.md gives
// them. The same seed gives the same bytes; every seed gives the same
// figures.
func Files(seed int64) (ansatte, fravaer []byte) {
	b := &builder{rng: rand.New(rand.NewPCG(uint64(seed), 0x6872646d))}
	// Each step fixes what a printed figure needs and may rely on the
	// steps before it: presence and units first, then gender (which the
	// minority counts need), ages, education, minority background (which
	// the position sizes need, as the minority's årsverk are printed),
	// dates, sizes, and last the absences, measured against the agreed
	// days the sizes and dates make.
	b.persons()
	b.genders()
	b.ages()
	b.educations()
	b.minorities()
	b.dates()
	b.positions()
	b.ids()
	spells := b.sickLeave()
	return b.employments(), absences(spells)
}
