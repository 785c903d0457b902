package peer_test

import (
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// TestBackCalculated profiles Asker 2020 against a group of itself and
// Bærum with 2019 beside it. On the back-calculated source Asker's 2019 is
// Asker, Røyken and Hurum together (inhabitants summed, the cost per
// inhabitant from summed inputs), and the group's 2019 mean follows; on the
// plain source it is old Asker alone. A share that does not add up is left
// as stored.
func TestBackCalculated(t *testing.T) {
	inds := []*virk.Indicator{
		{ID: "innb", LabelNB: "Innbyggere", Rollup: virk.RollupSum},
		{ID: "kost", LabelNB: "Kostnad", Rollup: virk.RollupSum},
		{ID: "kost_pr_innb", LabelNB: "Kostnad per innbygger", Formula: "kost / innb * 1000"},
		{ID: "andel", LabelNB: "Andel", Unit: virk.Unit{Name: "%"}},
	}
	ents := []*virk.Entity{
		{ID: "asker", Name: "Asker", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "0220", To: 2019}, {Code: "3025", From: 2020, To: 2023}, {Code: "3203", From: 2024}}},
		{ID: "royken", Name: "Røyken", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "0627", To: 2019}}},
		{ID: "hurum", Name: "Hurum", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "0628", To: 2019}}},
		{ID: "baerum", Name: "Bærum", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "0219", To: 2019}, {Code: "3024", From: 2020, To: 2023}, {Code: "3201", From: 2024}}},
	}
	var obs []*virk.Observation
	add := func(ind, ent string, y int, v float64) {
		obs = append(obs, &virk.Observation{IndicatorID: ind, EntityID: ent, Period: virk.YearPeriod(y), Value: v, Status: virk.StatusFinal})
	}
	for _, o := range []struct {
		ent              string
		innb, kost, andl float64
	}{{"asker", 61523, 100000, 40}, {"royken", 21000, 30000, 50}, {"hurum", 9000, 20000, 60}, {"baerum", 127000, 200000, 45}} {
		add("innb", o.ent, 2019, o.innb)
		add("kost", o.ent, 2019, o.kost)
		add("andel", o.ent, 2019, o.andl)
	}
	for _, e := range []string{"asker", "baerum"} {
		add("innb", e, 2020, 95000)
		add("kost", e, 2020, 160000)
		add("andel", e, 2020, 50)
	}
	cube, err := kpi.NewCube(inds, ents, obs)
	if err != nil {
		t.Fatal(err)
	}
	idx := peer.NewIndex(ents)
	q := peer.Query{Indicators: []string{"innb", "kost_pr_innb", "andel"}, Entity: "asker", Index: idx, Year: 2020, Years: 1,
		Group: &peer.Group{ID: "to", Name: "To", Members: []peer.Member{{Ref: "asker"}, {Ref: "baerum"}}}}
	reg := peer.NewRegister(peer.KLASS131())
	back, err := peer.Build(peer.BackCalculated(cube, reg, idx), q)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := peer.Build(cube, q)
	if err != nil {
		t.Fatal(err)
	}
	h := func(p *peer.Profile, row int) peer.Stats { return p.Rows[row].History[0] }
	// Inhabitants 2019: 61 523 + 21 000 + 9 000; the mean with Bærum's 127 000.
	if s := h(back, 0); s.Year != 2019 || *s.Value != 91523 || *s.Mean != (91523+127000)/2.0 {
		t.Errorf("back-calculated 2019 inhabitants: %d %v mean %v, want 91523 and mean 109261.5", s.Year, *s.Value, *s.Mean)
	}
	if s := h(plain, 0); *s.Value != 61523 {
		t.Errorf("plain 2019 inhabitants %v, want old Asker's 61523", *s.Value)
	}
	// Cost per inhabitant 2019: 150 000 / 91 523 × 1 000, not the mean of the parts' ratios.
	if s := h(back, 1); *s.Value != 150000.0/91523*1000 {
		t.Errorf("back-calculated 2019 cost per inhabitant %v, want %v", *s.Value, 150000.0/91523*1000)
	}
	if s := h(plain, 1); *s.Value != 100000.0/61523*1000 {
		t.Errorf("plain 2019 cost per inhabitant %v, want %v", *s.Value, 100000.0/61523*1000)
	}
	// A share is not summed: Asker's own 40 stays.
	if s := h(back, 2); *s.Value != 40 {
		t.Errorf("2019 share %v, want Asker's own 40", *s.Value)
	}
	// 2020 is Asker's own in both.
	if v := *back.Rows[0].Value; v != 95000 {
		t.Errorf("2020 inhabitants %v, want 95000", v)
	}
}
