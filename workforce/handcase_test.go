package workforce

import (
	"math"
	"testing"

	"github.com/virk-analyse/virk"
)

// handCase is three persons in Bærum's hr_service and digit over the
// extracts of 31 January, 28 February and 31 March 2018. Every expected
// figure of TestHandCase was worked out by hand from SPEC.md and checked
// with bench/workforce_pandas.py on the same rows written as CSV.
//
// The first extract stands for January from the 1st, so the three
// extracts cover January to March; working days are 22 in January (New
// Year's Day is a Monday), 20 in February and 20 in March (Maundy
// Thursday and Good Friday fall on 29 and 30 March).
//
//   - A: hr_service 100 % fast, høyskole, born 1970, woman, since 2010.
//   - B: digit 60 % fast, fagarbeider, born 1985, man, immigrant, since
//     May 2015; and hr_service 40 % midlertidig from 15 February (10
//     working days in February).
//   - C: digit 80 % fast, ufaglært, born 1990, woman, from Monday 15
//     January (13 working days in January), leaving on Friday 16 March
//     (12 working days); and hr_service 0 % timelønnet.
func handCase() ([]virk.Employment, []virk.Absence) {
	jan, feb, mar := day(2018, 1, 31), day(2018, 2, 28), day(2018, 3, 31)
	type job struct {
		person, unit string
		pct          float64
		typ          virk.EmploymentType
		edu          virk.Education
		birth        int
		female, imm  bool
		from, to     virk.Day
		extracts     []virk.Day
	}
	all := []virk.Day{jan, feb, mar}
	jobs := []job{
		{"A", "hr_service", 100, virk.EmploymentPermanent, virk.EducationHigher, 1970, true, false, day(2010, 1, 1), virk.NoDay, all},
		{"B", "digit", 60, virk.EmploymentPermanent, virk.EducationSkilled, 1985, false, true, day(2015, 5, 1), virk.NoDay, all},
		{"B", "hr_service", 40, virk.EmploymentTemporary, virk.EducationSkilled, 1985, false, true, day(2018, 2, 15), day(2018, 6, 30), []virk.Day{feb, mar}},
		{"C", "digit", 80, virk.EmploymentPermanent, virk.EducationUnskilled, 1990, true, false, day(2018, 1, 15), virk.NoDay, []virk.Day{jan, feb}},
		{"C", "digit", 80, virk.EmploymentPermanent, virk.EducationUnskilled, 1990, true, false, day(2018, 1, 15), day(2018, 3, 16), []virk.Day{mar}},
		{"C", "hr_service", 0, virk.EmploymentHourly, virk.EducationUnskilled, 1990, true, false, day(2018, 1, 15), virk.NoDay, all},
	}
	var emps []virk.Employment
	for _, j := range jobs {
		for _, x := range j.extracts {
			emps = append(emps, virk.Employment{Extract: x, Person: j.person, Unit: j.unit, Percent: j.pct, Type: j.typ, Education: j.edu,
				BirthYear: j.birth, Female: j.female, Immigrant: j.imm, From: j.from, To: j.to})
		}
	}
	ab := func(p string, from, to virk.Day, doctor bool) virk.Absence {
		return virk.Absence{Person: p, From: from, To: to, Grade: 100, Doctor: doctor}
	}
	abs := []virk.Absence{
		ab("A", day(2018, 1, 30), day(2018, 2, 1), false),
		ab("A", day(2018, 2, 16), day(2018, 2, 18), false),
		{Person: "A", From: day(2018, 2, 19), To: day(2018, 3, 11), Grade: 50, Doctor: true},
		ab("A", day(2018, 3, 5), day(2018, 3, 7), true),
		ab("B", day(2018, 3, 26), day(2018, 4, 6), true),
		ab("B", day(2018, 3, 26), day(2018, 3, 27), false),
		ab("C", day(2018, 1, 15), day(2018, 1, 15), false),
		ab("C", day(2018, 2, 5), day(2018, 2, 6), false),
		ab("C", day(2018, 2, 8), day(2018, 2, 9), true),
		ab("C", day(2018, 3, 12), day(2018, 3, 30), true),
	}
	return emps, abs
}

// TestHandCase checks every figure of handCase. It covers a grade tie
// (B's two 100 % absences on 26–27 March) won by legemeldt, an employee
// leaving mid-month (C), overlapping absences counted once at the highest
// grade (A, 5–7 March), a case joined across a weekend and a month into
// long-term (A, 16 February – 11 March: 24 days), and an hourly-paid
// person counted as such only where they hold no monthly-paid employment
// (C: in hr_service, not in baerum).
func TestHandCase(t *testing.T) {
	emps, abs := handCase()
	if faults := CheckAbsences(emps, abs); len(faults) > 0 {
		t.Fatalf("CheckAbsences: %v", faults)
	}
	cat := virk.NewCatalogue(nil, []*virk.Entity{{ID: "baerum", Kind: virk.KindMunicipality},
		{ID: "hr_service", ParentID: "baerum", Kind: virk.KindUnit}, {ID: "digit", ParentID: "baerum", Kind: virk.KindUnit}})
	res, err := Compute(&Input{Employments: emps, Absences: abs, Catalogue: cat, Threshold: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Persons != 3 || res.Rows != 14 || res.Spells != 10 || res.Suppressed != 0 || res.FirstYear != 2018 || res.LastYear != 2018 {
		t.Errorf("result counts %+v", *res)
	}
	got := map[string]float64{}
	for _, o := range res.Observations {
		k := o.IndicatorID + " " + o.EntityID + " " + o.Period.String()
		if _, dup := got[k]; dup {
			t.Errorf("%s twice", k)
		}
		got[k] = o.Value
	}
	const (
		b, h, d = "baerum", "hr_service", "digit"
		y       = "2018"
	)
	m := func(n int) string { return virk.Period{Year: 2018, Freq: virk.Monthly, N: n}.String() }
	type fig struct {
		ind, ent, period string
		want             float64
	}
	// Sick leave. Agreed days (A, B, C by row): hr_service 22 | 20 + 10 ×
	// 0.4 | 20 + 20 × 0.4; digit 22 × 0.6 + 13 × 0.8 | 20 × 0.6 + 20 × 0.8
	// | 20 × 0.6 + 12 × 0.8. Lost days:
	//   - A, hr_service: January 30–31 (case 30 Jan – 1 Feb, 3 days,
	//     egenmeldt) = 2 short; February: the 1st (short, egenmeldt) + the
	//     16th (egenmeldt) + 19–28 at 50 % legemeldt (8 days × 0.5) = 1 +
	//     1 + 4, the last two long; March: 1, 2, 8, 9 at 50 % (2) and 5–7
	//     at 100 % (3), long, legemeldt.
	//   - B: 26–28 March (29–30 are holidays) in a case of 12 days, short;
	//     legemeldt on 26–27 too, where the egenmeldt absence ties at
	//     100 %: 3 × 0.6 = 1.8 in digit, 3 × 0.4 = 1.2 in hr_service.
	//   - C, digit at 80 %: 15 January egenmeldt (0.8); 5–6 February
	//     egenmeldt and 8–9 legemeldt, two cases (1.6 + 1.6); 12–16 March
	//     of a long case of 19 days that runs past the employment (5 ×
	//     0.8 = 4, legemeldt).
	figs := []fig{
		{IndicatorAgreedDays, h, m(1), 22}, {IndicatorLostDays, h, m(1), 2}, {IndicatorSickLeave, h, m(1), 9.090909090909},
		{IndicatorAgreedDays, h, m(2), 24}, {IndicatorLostDays, h, m(2), 6}, {IndicatorSickLeave, h, m(2), 25},
		{IndicatorAgreedDays, h, m(3), 28}, {IndicatorLostDays, h, m(3), 6.2}, {IndicatorSickLeave, h, m(3), 22.142857142857},
		{IndicatorAgreedDays, d, m(1), 23.6}, {IndicatorLostDays, d, m(1), 0.8}, {IndicatorSickLeave, d, m(1), 3.389830508475},
		{IndicatorAgreedDays, d, m(2), 28}, {IndicatorLostDays, d, m(2), 3.2}, {IndicatorSickLeave, d, m(2), 11.428571428571},
		{IndicatorAgreedDays, d, m(3), 21.6}, {IndicatorLostDays, d, m(3), 5.8}, {IndicatorSickLeave, d, m(3), 26.851851851852},
		{IndicatorAgreedDays, b, m(1), 45.6}, {IndicatorLostDays, b, m(1), 2.8}, {IndicatorSickLeave, b, m(1), 6.140350877193},
		{IndicatorAgreedDays, b, m(2), 52}, {IndicatorLostDays, b, m(2), 9.2}, {IndicatorSickLeave, b, m(2), 17.692307692308},
		{IndicatorAgreedDays, b, m(3), 49.6}, {IndicatorLostDays, b, m(3), 12}, {IndicatorSickLeave, b, m(3), 24.193548387097},
	}
	// The classes, as lost days: short, long, egenmeldt, legemeldt.
	for _, c := range []struct {
		ent, period            string
		agreed                 float64
		short, long, self, doc float64
	}{
		{h, m(1), 22, 2, 0, 2, 0},
		{h, m(2), 24, 1, 5, 2, 4},
		{h, m(3), 28, 1.2, 5, 0, 6.2},
		{d, m(1), 23.6, 0.8, 0, 0.8, 0},
		{d, m(2), 28, 3.2, 0, 1.6, 1.6},
		{d, m(3), 21.6, 1.8, 4, 0, 5.8},
		{b, m(1), 45.6, 2.8, 0, 2.8, 0},
		{b, m(2), 52, 4.2, 5, 3.6, 5.6},
		{b, m(3), 49.6, 3, 9, 0, 12},
	} {
		figs = append(figs,
			fig{IndicatorSickShort, c.ent, c.period, 100 * c.short / c.agreed},
			fig{IndicatorSickLong, c.ent, c.period, 100 * c.long / c.agreed},
			fig{IndicatorSickSelf, c.ent, c.period, 100 * c.self / c.agreed},
			fig{IndicatorSickDoctor, c.ent, c.period, 100 * c.doc / c.agreed})
	}
	// The stock, from the 31 March extract (SPEC: every row of the
	// reference snapshot counts, so C, whose row ends 16 March, is still
	// in it). Ages at the end of 2018: A 48, B 33, C 28.
	figs = append(figs,
		fig{IndicatorFTEPermanent, h, y, 1}, fig{IndicatorFTEPermanent, d, y, 1.4}, fig{IndicatorFTEPermanent, b, y, 2.4},
		fig{IndicatorFTEMonthly, h, y, 1.4}, fig{IndicatorFTEMonthly, d, y, 1.4}, fig{IndicatorFTEMonthly, b, y, 2.8},
		fig{IndicatorPermanent, h, y, 1}, fig{IndicatorPermanent, d, y, 2}, fig{IndicatorPermanent, b, y, 3},
		// C is hourly-paid only in hr_service; above it, C is fast in digit.
		fig{IndicatorHourly, h, y, 1}, fig{IndicatorHourly, d, y, 0}, fig{IndicatorHourly, b, y, 0},
		// Position sizes count fast employments only: B is 60 %.
		fig{IndicatorFullTime, h, y, 100}, fig{IndicatorNearFull, h, y, 0}, fig{IndicatorPartTime, h, y, 0},
		fig{IndicatorFullTime, d, y, 0}, fig{IndicatorNearFull, d, y, 50}, fig{IndicatorPartTime, d, y, 50},
		fig{IndicatorFullTime, b, y, 100.0 / 3}, fig{IndicatorNearFull, b, y, 100.0 / 3}, fig{IndicatorPartTime, b, y, 100.0 / 3},
		fig{IndicatorAge, h, y, 48}, fig{IndicatorAgeWomen, h, y, 48},
		fig{IndicatorAge, d, y, 30.5}, fig{IndicatorAgeMen, d, y, 33}, fig{IndicatorAgeWomen, d, y, 28},
		fig{IndicatorAge, b, y, 109.0 / 3}, fig{IndicatorAgeMen, b, y, 33}, fig{IndicatorAgeWomen, b, y, 38},
		fig{IndicatorUnskilled, h, y, 0}, fig{IndicatorSkilled, h, y, 0}, fig{IndicatorHigher, h, y, 100}, fig{IndicatorQualified, h, y, 100},
		fig{IndicatorUnskilled, d, y, 50}, fig{IndicatorSkilled, d, y, 50}, fig{IndicatorHigher, d, y, 0}, fig{IndicatorQualified, d, y, 50},
		fig{IndicatorUnskilled, b, y, 100.0 / 3}, fig{IndicatorSkilled, b, y, 100.0 / 3}, fig{IndicatorHigher, b, y, 100.0 / 3}, fig{IndicatorQualified, b, y, 200.0 / 3},
		fig{IndicatorApprentices, h, y, 0}, fig{IndicatorApprentices, d, y, 0}, fig{IndicatorApprentices, b, y, 0},
		// B is the one immigrant: 40 % monthly-paid in hr_service, 60 % in digit.
		fig{IndicatorMinorityFTE, h, y, 0.4}, fig{IndicatorMinorityFTE, d, y, 0.6}, fig{IndicatorMinorityFTE, b, y, 1},
		fig{IndicatorMinorityMen, h, y, 1}, fig{IndicatorMinorityMen, d, y, 1}, fig{IndicatorMinorityMen, b, y, 1},
		fig{IndicatorMinorityWomen, h, y, 0}, fig{IndicatorMinorityWomen, d, y, 0}, fig{IndicatorMinorityWomen, b, y, 0},
		fig{IndicatorMinorityShare, h, y, 100 * 0.4 / 1.4}, fig{IndicatorMinorityShare, d, y, 100 * 0.6 / 1.4}, fig{IndicatorMinorityShare, b, y, 100 * 1 / 2.8},
	)
	want := map[string]bool{}
	for _, f := range figs {
		k := f.ind + " " + f.ent + " " + f.period
		want[k] = true
		v, ok := got[k]
		if !ok || math.Abs(v-f.want) > 1e-6 {
			t.Errorf("%s = %v (present %v), want %v", k, v, ok, f.want)
		}
	}
	// Nothing else: no half-year or year of sick leave, since only
	// January–March is covered; no men's age in hr_service; no turnover
	// without a year before.
	for k := range got {
		if !want[k] {
			t.Errorf("unexpected observation %s = %v", k, got[k])
		}
	}
}
