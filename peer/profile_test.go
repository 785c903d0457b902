package peer_test

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// seedIndicators are the indicators of the seed's service profiles,
// §2.2.4 (administration, whole kroner) and §5.2.2 (property, one decimal).
var seedIndicators = []struct {
	id       string
	decimals int
}{
	{"politisk_styring_pr_innb", 0}, {"kontroll_revisjon_pr_innb", 0}, {"adm_brutto_pr_innb", 0},
	{"forvaltning_eiendom_pr_innb", 0}, {"adm_lokaler_pr_innb", 0},
	{"eiendom_andel_netto_driftsutg", 1}, {"kvm_formalsbygg_pr_innb", 1}, {"energi_asss_kwh_m2", 1},
	{"forvaltning_pr_kvm", 1}, {"drift_pr_kvm", 1}, {"vedlikehold_pr_kvm", 1},
}

// seedFigures reads what the seed prints, from the demo's data files:
// indicator → column (baerum, asss_snitt, asss_lavest, asss_hoyest, asker)
// → value, for 2017.
func seedFigures(t *testing.T) map[string]map[string]float64 {
	t.Helper()
	out := map[string]map[string]float64{}
	for _, f := range []string{"2-2-4-tjenesteprofil-adm.csv", "5-2-2-tjenesteprofil-eiendom.csv"} {
		fh, err := os.Open("../demo/data/" + f)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(fh)
		r.Comma = ';'
		recs, err := r.ReadAll()
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs[1:] {
			if rec[2] != "2017" {
				continue
			}
			v, err := strconv.ParseFloat(strings.Replace(rec[3], ",", ".", 1), 64)
			if err != nil {
				t.Fatal(err)
			}
			if out[rec[0]] == nil {
				out[rec[0]] = map[string]float64{}
			}
			out[rec[0]][rec[1]] = v
		}
	}
	return out
}

// TestBuild_Seed reproduces the service profiles of the seed (§2.2.4 and
// §5.2.2) from the ten ASSS members' values in 2017: each member is named
// by its 2017 number, and the plain average, lowest and highest printed
// by the seed come out, with Asker as a compared column.
func TestBuild_Seed(t *testing.T) {
	ents := registerEntities(t)
	var inds []*virk.Indicator
	var ids []string
	for _, s := range seedIndicators {
		inds = append(inds, &virk.Indicator{ID: s.id, LabelNB: s.id, Unit: virk.Unit{Name: "kr", Decimals: s.decimals}, Direction: virk.Down})
		ids = append(ids, s.id)
	}
	cube := importCube(t, inds, ents, "testdata/TestBuild_Seed/members.csv")
	p, err := peer.Build(cube, peer.Query{
		Indicators: ids, Entity: "k3201", Group: peer.ASSS(), Index: peer.NewIndex(ents),
		Year: 2017, Compare: []string{"k3203"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Members) != 10 || len(p.Missing) != 0 {
		t.Fatalf("members %v, missing %v; want the ten of 2017", p.Members, p.Missing)
	}
	seed := seedFigures(t)
	for i, s := range seedIndicators {
		row := p.Rows[i]
		want := seed[s.id]
		t.Run(s.id, func(t *testing.T) {
			got := map[string]*float64{"baerum": row.Value, "asss_snitt": row.Mean, "asker": row.Compare[0].Value}
			if row.Min != nil {
				got["asss_lavest"] = &row.Min.Value
			}
			if row.Max != nil {
				got["asss_hoyest"] = &row.Max.Value
			}
			for col, w := range want {
				g := got[col]
				if g == nil || round(*g, s.decimals) != w {
					t.Errorf("%s: got %v, seed prints %v", col, g, w)
				}
			}
			if row.N != 10 || row.Published {
				t.Errorf("n = %d, published %v; want 10 members' own values", row.N, row.Published)
			}
			if row.Weighted != nil {
				t.Errorf("weighted average %v for a stored indicator", *row.Weighted)
			}
			// The index excludes Bærum from the average, as ASSS does.
			ref := (want["asss_snitt"]*10 - want["baerum"]) / 9
			if row.Reference == nil || math.Abs(*row.Reference-ref) > 1e-9 {
				t.Errorf("reference %v, want %v", row.Reference, ref)
			}
			if idx := 100 * want["baerum"] / ref; row.Index == nil || math.Abs(*row.Index-idx) > 1e-9 {
				t.Errorf("index %v, want %v", row.Index, idx)
			}
		})
	}
	if p.Rows[0].Min.Name != "Bergen kommune" || p.Rows[0].Max.Name != "Drammen kommune" {
		t.Errorf("lowest %q, highest %q; the fixture gives Bergen and Drammen", p.Rows[0].Min.Name, p.Rows[0].Max.Name)
	}
}

// weightedCube holds a ratio indicator (political governance per
// inhabitant = expenditure in 1 000 kr / inhabitants × 1000) for four
// municipalities over two years, and the same figures stored as a plain
// indicator.
func weightedCube(t *testing.T) (*kpi.Cube, []*virk.Entity) {
	t.Helper()
	inds := []*virk.Indicator{
		{ID: "ps_1000kr", LabelNB: "Politisk styring", Rollup: virk.RollupSum},
		{ID: "innbyggere", LabelNB: "Innbyggere", Rollup: virk.RollupSum},
		{ID: "ps_pr_innb", LabelNB: "Politisk styring pr. innb.", Direction: virk.Down, Formula: "ps_1000kr / innbyggere * 1000"},
		{ID: "ps_lagret", LabelNB: "Politisk styring pr. innb. (lagret)", Direction: virk.Down},
		{ID: "andel", LabelNB: "Andel", Direction: virk.Up},
	}
	var ents []*virk.Entity
	for _, id := range []string{"a", "b", "c", "d"} {
		ents = append(ents, &virk.Entity{ID: id, Name: strings.ToUpper(id), Kind: virk.KindMunicipality})
	}
	// 2017: a 300/1000, b 200/1000, c 1000/2000, d 60/200 → 300, 200, 500, 300.
	// 2016: a 280/1000, b 210/1000, c 900/2000, d 50/200 → 280, 210, 450, 250.
	data := map[string][2][2]float64{
		"a": {{280, 1000}, {300, 1000}}, "b": {{210, 1000}, {200, 1000}},
		"c": {{900, 2000}, {1000, 2000}}, "d": {{50, 200}, {60, 200}},
	}
	var obs []*virk.Observation
	for e, yrs := range data {
		for i, v := range yrs {
			p := virk.YearPeriod(2016 + i)
			obs = append(obs,
				&virk.Observation{IndicatorID: "ps_1000kr", EntityID: e, Period: p, Value: v[0], Status: virk.StatusFinal},
				&virk.Observation{IndicatorID: "innbyggere", EntityID: e, Period: p, Value: v[1], Status: virk.StatusFinal},
				&virk.Observation{IndicatorID: "ps_lagret", EntityID: e, Period: p, Value: v[0] / v[1] * 1000, Status: virk.StatusFinal})
		}
	}
	c, err := kpi.NewCube(inds, ents, obs)
	if err != nil {
		t.Fatal(err)
	}
	return c, ents
}

func near(got *float64, want float64) bool { return got != nil && math.Abs(*got-want) < 1e-9 }

// TestBuild_Weighted checks the plain and the SSB-style weighted average
// of a ratio, the rank by direction, and the index against the others'
// average, with every expected figure worked out by hand.
func TestBuild_Weighted(t *testing.T) {
	c, ents := weightedCube(t)
	g := &peer.Group{ID: "naboer", Name: "Naboer", Members: []peer.Member{{Ref: "a"}, {Ref: "b"}, {Ref: "c"}, {Ref: "d"}}}
	q := peer.Query{Indicators: []string{"ps_pr_innb", "ps_lagret"}, Entity: "a", Group: g, Index: peer.NewIndex(ents), Year: 2017, Years: 1}
	p, err := peer.Build(c, q)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ratio", func(t *testing.T) {
		r := p.Rows[0]
		checks := []struct {
			name string
			got  *float64
			want float64
		}{
			{"value", r.Value, 300},
			{"plain mean (300+200+500+300)/4", r.Mean, 325},
			{"weighted (300+200+1000+60)/(1000+1000+2000+200)×1000", r.Weighted, 1560.0 / 4200 * 1000},
			{"reference without a: (200+1000+60)/(1000+2000+200)×1000", r.Reference, 393.75},
			{"index 100×300/393,75", r.Index, 100 * 300 / 393.75},
			{"2016 weighted (280+210+900+50)/4200×1000", r.History[0].Weighted, 1440.0 / 4200 * 1000},
			{"2016 index 100×280/((210+900+50)/3200×1000)", r.History[0].Index, 100 * 280 / (1160.0 / 3200 * 1000)},
		}
		for _, c := range checks {
			if !near(c.got, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
			}
		}
		if r.Min.Entity != "b" || r.Min.Value != 200 || r.Max.Entity != "c" || r.Max.Value != 500 {
			t.Errorf("lowest %+v, highest %+v; want b 200 and c 500", r.Min, r.Max)
		}
		if r.Rank != 2 || r.N != 4 {
			t.Errorf("rank %d of %d; want 2 of 4 (lower is better, shared with d)", r.Rank, r.N)
		}
	})
	t.Run("stored", func(t *testing.T) {
		r := p.Rows[1]
		if r.Weighted != nil {
			t.Errorf("weighted %v for a stored indicator", *r.Weighted)
		}
		if !near(r.Mean, 325) || !near(r.Reference, 1000.0/3) || !near(r.Index, 90) {
			t.Errorf("mean %v, reference %v, index %v; want 325, 333,3 and 90", r.Mean, r.Reference, r.Index)
		}
	})
	t.Run("outsider", func(t *testing.T) {
		// A municipality outside the group is compared with all members.
		g2 := &peer.Group{ID: "bcd", Members: []peer.Member{{Ref: "b"}, {Ref: "c"}, {Ref: "d"}}}
		q2 := q
		q2.Group = g2
		p, err := peer.Build(c, q2)
		if err != nil {
			t.Fatal(err)
		}
		r := p.Rows[0]
		if !near(r.Reference, 393.75) || !near(r.Weighted, 393.75) || r.Rank != 2 {
			t.Errorf("reference %v, weighted %v, rank %d; want 393,75, 393,75, 2", r.Reference, r.Weighted, r.Rank)
		}
	})
	t.Run("rank up", func(t *testing.T) {
		// Higher is better, and ties share the place.
		obs := []*virk.Observation{}
		for e, v := range map[string]float64{"a": 5, "b": 7, "c": 5, "d": 1} {
			obs = append(obs, &virk.Observation{IndicatorID: "andel", EntityID: e, Period: virk.YearPeriod(2017), Value: v, Status: virk.StatusFinal})
		}
		c2, err := kpi.NewCube([]*virk.Indicator{{ID: "andel", LabelNB: "Andel", Direction: virk.Up}}, ents, obs)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"a": 2, "b": 1, "c": 2, "d": 4}
		q3 := q
		q3.Indicators = []string{"andel"}
		all, err := peer.BuildAll(c2, q3, []string{"a", "b", "c", "d"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range all {
			if p.Rows[0].Rank != want[p.Entity] {
				t.Errorf("%s: rank %d, want %d", p.Entity, p.Rows[0].Rank, want[p.Entity])
			}
		}
	})
}

// TestBuild_Published falls back on the group's published figures when
// the members' own values are not loaded, as in the demo.
func TestBuild_Published(t *testing.T) {
	ents := []*virk.Entity{
		{ID: "baerum", Name: "Bærum kommune", Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: "0219", To: 2019}, {Code: "3024", From: 2020, To: 2023}, {Code: "3201", From: 2024}}},
		{ID: "asss_snitt", Name: "Snitt", Kind: virk.KindGroup},
		{ID: "asss_lavest", Name: "Lavest", Kind: virk.KindGroup},
		{ID: "asss_hoyest", Name: "Høyest", Kind: virk.KindGroup},
	}
	inds := []*virk.Indicator{{ID: "x", LabelNB: "X"}}
	var obs []*virk.Observation
	for e, v := range map[string]float64{"baerum": 269, "asss_snitt": 281, "asss_lavest": 202, "asss_hoyest": 376} {
		obs = append(obs, &virk.Observation{IndicatorID: "x", EntityID: e, Period: virk.YearPeriod(2017), Value: v, Status: virk.StatusFinal})
	}
	c, err := kpi.NewCube(inds, ents, obs)
	if err != nil {
		t.Fatal(err)
	}
	p, err := peer.Build(c, peer.Query{Indicators: []string{"x"}, Entity: "baerum", Group: peer.ASSS(), Index: peer.NewIndex(ents), Year: 2017})
	if err != nil {
		t.Fatal(err)
	}
	r := p.Rows[0]
	if !r.Published || !near(r.Mean, 281) || r.Min.Value != 202 || r.Max.Value != 376 || !near(r.Index, 100*269.0/281) {
		t.Errorf("got %+v; want the published 281, 202, 376", r.Stats)
	}
	if len(p.Missing) != 9 {
		t.Errorf("missing %v; want the nine other members", p.Missing)
	}
}

func TestBuild_Errors(t *testing.T) {
	c, ents := weightedCube(t)
	g := &peer.Group{ID: "g", Members: []peer.Member{{Ref: "a"}}}
	idx := peer.NewIndex(ents)
	for name, q := range map[string]peer.Query{
		"unknown indicator": {Indicators: []string{"nope"}, Entity: "a", Group: g, Index: idx, Year: 2017},
		"unknown entity":    {Indicators: []string{"ps_lagret"}, Entity: "nope", Group: g, Index: idx, Year: 2017},
		"unknown compared":  {Indicators: []string{"ps_lagret"}, Entity: "a", Group: g, Index: idx, Year: 2017, Compare: []string{"nope"}},
		"no group":          {Indicators: []string{"ps_lagret"}, Entity: "a", Index: idx, Year: 2017},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := peer.Build(c, q); virk.ErrorCode(err) == virk.EINTERNAL {
				t.Errorf("got %v, want a user error", err)
			}
		})
	}
}
