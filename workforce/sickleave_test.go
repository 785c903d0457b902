package workforce

import (
	"math"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
)

func day(y int, m time.Month, d int) virk.Day { return virk.DayOf(y, m, d) }

// TestCalendar checks working days against the calendar: 2018 had 261
// weekdays and all ten public holidays fell on weekdays (1 Jan Monday,
// 29–30 Mar, 2 Apr, 1 May, 10 May Ascension, 17 May, 21 May Whit Monday,
// 25–26 Dec), so 251 working days.
func TestCalendar(t *testing.T) {
	c := NewCalendar(2017, 2019)
	for _, tc := range []struct {
		name     string
		from, to virk.Day
		want     int
	}{
		{"2018", day(2018, 1, 1), day(2018, 12, 31), 251},
		{"March 2018: 22 weekdays less Maundy Thursday and Good Friday", day(2018, 3, 1), day(2018, 3, 31), 20},
		{"Easter 2019 (21 April): 18, 19, 22 April off", day(2019, 4, 15), day(2019, 4, 26), 7},
		{"a weekend", day(2018, 3, 10), day(2018, 3, 11), 0},
		{"reversed", day(2018, 3, 11), day(2018, 3, 10), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.WorkingDays(tc.from, tc.to); got != tc.want {
				t.Errorf("WorkingDays = %d, want %d", got, tc.want)
			}
		})
	}
	for y, want := range map[int]virk.Day{2018: day(2018, 4, 1), 2019: day(2019, 4, 21), 2024: day(2024, 3, 31), 2025: day(2025, 4, 20)} {
		if got := Easter(y); got != want {
			t.Errorf("Easter(%d) = %v, want %v", y, got, want)
		}
	}
}

// sickCase is a one-unit extract: k (the municipality) above unit a.
func sickCase(emps []virk.Employment, abs []virk.Absence) map[string]float64 {
	cat := virk.NewCatalogue(nil, []*virk.Entity{{ID: "k", Kind: virk.KindMunicipality}, {ID: "a", ParentID: "k", Kind: virk.KindUnit}})
	res, err := Compute(&Input{Employments: emps, Absences: abs, Catalogue: cat, Threshold: 1})
	if err != nil {
		panic(err)
	}
	out := map[string]float64{}
	for _, o := range res.Observations {
		if o.EntityID == "a" {
			out[o.IndicatorID+" "+o.Period.String()] = o.Value
		}
	}
	return out
}

// monthly returns a fast employment of person p at pct, one row in each
// month's extract from January of y0 to December of y1.
func monthly(p string, pct float64, y0, y1 int) []virk.Employment {
	var out []virk.Employment
	for y := y0; y <= y1; y++ {
		for m := time.January; m <= time.December; m++ {
			out = append(out, virk.Employment{Extract: day(y, m+1, 1) - 1, Person: p, Unit: "a", Percent: pct,
				Type: virk.EmploymentPermanent, Education: virk.EducationSkilled, BirthYear: 1970, From: day(2010, 1, 1), To: virk.NoDay})
		}
	}
	return out
}

func TestSickLeave(t *testing.T) {
	near := func(t *testing.T, got map[string]float64, key string, want float64) {
		t.Helper()
		v, ok := got[key]
		if !ok || math.Abs(v-want) > 1e-9 {
			t.Errorf("%s = %v (present %v), want %v", key, v, ok, want)
		}
	}
	t.Run("graded", func(t *testing.T) {
		// 50 % from Monday 5 to Friday 9 March: 5 days × 0.5 = 2.5 lost
		// of March's 20 agreed days = 12.5 %, all short-term.
		got := sickCase(monthly("p", 100, 2018, 2018), []virk.Absence{{Person: "p", From: day(2018, 3, 5), To: day(2018, 3, 9), Grade: 50}})
		near(t, got, "tapte_dagsverk 2018M03", 2.5)
		near(t, got, "avtalte_dagsverk 2018M03", 20)
		near(t, got, "sykefravaer 2018M03", 12.5)
		near(t, got, "sykefravaer_korttid 2018M03", 12.5)
		near(t, got, "sykefravaer_langtid 2018M03", 0)
		near(t, got, "sykefravaer 2018", 2.5/251*100)
	})
	t.Run("part-time", func(t *testing.T) {
		// A 60 % position agrees 20 × 0.6 = 12 days in March; three whole
		// days lost count 3 × 0.6 = 1.8: 15 %.
		got := sickCase(monthly("p", 60, 2018, 2018), []virk.Absence{{Person: "p", From: day(2018, 3, 5), To: day(2018, 3, 7), Grade: 100, Doctor: true}})
		near(t, got, "avtalte_dagsverk 2018M03", 12)
		near(t, got, "tapte_dagsverk 2018M03", 1.8)
		near(t, got, "sykefravaer 2018M03", 15)
		near(t, got, "sykefravaer_legemeldt 2018M03", 15)
		near(t, got, "sykefravaer_egenmeldt 2018M03", 0)
	})
	t.Run("across a half-year", func(t *testing.T) {
		// 25 June – 6 July is one case of 12 days, short-term: 5 working
		// days in June (H1), 5 in July (H2).
		got := sickCase(monthly("p", 100, 2018, 2018), []virk.Absence{{Person: "p", From: day(2018, 6, 25), To: day(2018, 7, 6), Grade: 100}})
		near(t, got, "tapte_dagsverk 2018H1", 5)
		near(t, got, "tapte_dagsverk 2018H2", 5)
		near(t, got, "tapte_dagsverk 2018", 10)
		near(t, got, "sykefravaer_korttid 2018", 10.0/251*100)
	})
	t.Run("across a year, long-term by the whole case", func(t *testing.T) {
		// 20 December 2018 – 10 January 2019 is 22 calendar days: long-term
		// in both years. 2018: 20, 21, 24, 27, 28, 31 Dec = 6 working
		// days (25–26 are holidays); 2019: 2–4 and 7–10 Jan = 7 (1 Jan is
		// a holiday). Neither year's part alone is over 16 days.
		got := sickCase(monthly("p", 100, 2018, 2019), []virk.Absence{{Person: "p", From: day(2018, 12, 20), To: day(2019, 1, 10), Grade: 100}})
		near(t, got, "tapte_dagsverk 2018", 6)
		near(t, got, "tapte_dagsverk 2019", 7)
		near(t, got, "sykefravaer_langtid 2018M12", 6.0/19*100) // December 2018: 19 working days (3–7, 10–14, 17–21, 24, 27, 28, 31)
		near(t, got, "sykefravaer_korttid 2019M01", 0)
		near(t, got, "sykefravaer_langtid 2019M01", 7.0/22*100) // January 2019: 22 working days
	})
	t.Run("overlap counted once at the highest grade", func(t *testing.T) {
		// 50 % egenmeldt 5–9 March and 100 % legemeldt 7–13 March are one
		// case of 9 days: 5, 6 March at 50 % (1 day), 7, 8, 9, 12, 13 at
		// 100 % (5 days) = 6 of 20, not 2.5 + 5.
		got := sickCase(monthly("p", 100, 2018, 2018), []virk.Absence{
			{Person: "p", From: day(2018, 3, 5), To: day(2018, 3, 9), Grade: 50},
			{Person: "p", From: day(2018, 3, 7), To: day(2018, 3, 13), Grade: 100, Doctor: true},
		})
		near(t, got, "tapte_dagsverk 2018M03", 6)
		near(t, got, "sykefravaer 2018M03", 30)
		near(t, got, "sykefravaer_legemeldt 2018M03", 25)
		near(t, got, "sykefravaer_egenmeldt 2018M03", 5)
	})
	t.Run("two employments share the absence", func(t *testing.T) {
		// 60 % and 40 % positions: a full-grade day lost in each is one
		// whole day, out of 20 agreed.
		emps := append(monthly("p", 60, 2018, 2018), monthly("p", 40, 2018, 2018)...)
		got := sickCase(emps, []virk.Absence{{Person: "p", From: day(2018, 3, 5), To: day(2018, 3, 5), Grade: 100}})
		near(t, got, "tapte_dagsverk 2018M03", 1)
		near(t, got, "avtalte_dagsverk 2018M03", 20)
		near(t, got, "ansatte_faste 2018", 1)
		near(t, got, "arsverk_faste 2018", 1)
		near(t, got, "andel_100_stilling 2018", 100)
	})
	t.Run("adjacent absences make one long case", func(t *testing.T) {
		// 1–10 and 11–20 March follow on each other: one case of 20 days,
		// long-term, though each spell alone is short.
		got := sickCase(monthly("p", 100, 2018, 2018), []virk.Absence{
			{Person: "p", From: day(2018, 3, 1), To: day(2018, 3, 10), Grade: 100},
			{Person: "p", From: day(2018, 3, 11), To: day(2018, 3, 20), Grade: 100},
		})
		near(t, got, "sykefravaer_korttid 2018M03", 0)
		near(t, got, "tapte_dagsverk 2018M03", 14) // 1–2, 5–9, 12–16, 19–20 March
	})
}
