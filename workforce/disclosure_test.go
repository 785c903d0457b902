package workforce

import (
	"testing"

	"github.com/virk-analyse/virk"
)

// TestDisclosure: a unit of 3 persons is suppressed, and so is its
// smallest sibling, since the municipality's total less the other units
// would reveal it; the total and the largest unit are published.
func TestDisclosure(t *testing.T) {
	cat := virk.NewCatalogue(nil, []*virk.Entity{{ID: "k", Kind: virk.KindMunicipality},
		{ID: "a", ParentID: "k", Kind: virk.KindUnit}, {ID: "b", ParentID: "k", Kind: virk.KindUnit}, {ID: "c", ParentID: "k", Kind: virk.KindUnit}})
	var emps []virk.Employment
	n := 0
	for unit, persons := range map[string]int{"a": 10, "b": 3, "c": 8} {
		for range persons {
			n++
			emps = append(emps, virk.Employment{Extract: day(2018, 12, 31), Person: string(rune('A'+n%26)) + string(rune('a'+n/26)), Unit: unit,
				Percent: 100, Type: virk.EmploymentPermanent, Education: virk.EducationHigher, BirthYear: 1980, From: day(2015, 1, 1), To: virk.NoDay})
		}
	}
	res, err := Compute(&Input{Employments: emps, Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]virk.Observation{}
	for _, o := range res.Observations {
		if o.IndicatorID == IndicatorPermanent && o.Period == virk.YearPeriod(2018) {
			got[o.EntityID] = o
		}
	}
	for ent, want := range map[string]float64{"k": 21, "a": 10, "b": -1, "c": -1} {
		o, ok := got[ent]
		switch {
		case !ok:
			t.Errorf("%s: no observation", ent)
		case want < 0 && o.Status != virk.StatusSuppressed:
			t.Errorf("%s: %v %s, want suppressed", ent, o.Value, o.Status)
		case want >= 0 && (o.Status != virk.StatusFinal || o.Value != want):
			t.Errorf("%s: %v %s, want %v", ent, o.Value, o.Status, want)
		}
	}
}
