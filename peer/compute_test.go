package peer_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// randomData is a small random dataset for checking BuildAll against a
// plain computation: municipalities whose group membership changes over
// the years, stored and ratio indicators, missing values, suppressed and
// preliminary points, quarterly points beside the annual ones, duplicate
// periods, NaN and infinite values, a municipality whose value of one
// indicator is the sum of its units, and published group figures for a
// sparse indicator.
type randomData struct {
	cube  *kpi.Cube
	ents  []*virk.Entity
	inds  []*virk.Indicator
	group *peer.Group
	munis []string // the municipalities, profiled
}

func newRandomData(t *testing.T, seed uint64) *randomData {
	t.Helper()
	rnd := rand.New(rand.NewPCG(seed, 7))
	d := &randomData{}
	d.inds = []*virk.Indicator{
		{ID: "a", LabelNB: "A", LabelEN: "A", Unit: virk.Unit{Name: "kr", Decimals: 1}, Direction: virk.Up, Rollup: virk.RollupSum},
		{ID: "b", LabelNB: "B", Unit: virk.Unit{Name: "innb."}, Rollup: virk.RollupSum},
		{ID: "c", LabelNB: "C", Direction: virk.Down},
		{ID: "sparse", LabelNB: "Glissen", Direction: virk.Down},
		{ID: "a_pr_b", LabelNB: "A pr. B", Direction: virk.Down, Formula: "a / b * 1000"},
		{ID: "c_pr_b", LabelNB: "C pr. B", Direction: virk.Up, Formula: "c / b"},
	}
	const nMunis = 14
	for m := range nMunis {
		code := fmt.Sprintf("%04d", 1001+m)
		e := &virk.Entity{ID: "k" + code, Name: "Kommune " + code, Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: code}}}
		d.ents = append(d.ents, e)
		d.munis = append(d.munis, e.ID)
	}
	// k1001 has two units; its "a" comes from their sum where it has no
	// value of its own.
	for _, u := range []string{"u1", "u2"} {
		d.ents = append(d.ents, &virk.Entity{ID: u, Name: "Enhet " + u, Kind: virk.KindUnit, ParentID: "k1001"})
	}
	for _, id := range []string{"snitt", "lav", "hoy"} {
		d.ents = append(d.ents, &virk.Entity{ID: id, Name: id, Kind: virk.KindGroup})
	}
	// k1001 … k1010 are members, some only in some years; 9999 is a
	// number no entity has. k1011 … k1014 are never members.
	d.group = &peer.Group{ID: "g", Name: "Gruppe", Stored: &peer.Stored{Mean: "snitt", Min: "lav", Max: "hoy"},
		Members: []peer.Member{
			{Ref: "1001"}, {Ref: "1002"}, {Ref: "k1003"}, {Ref: "1004", From: 2017}, {Ref: "1005", To: 2019},
			{Ref: "1006"}, {Ref: "1007", From: 2016, To: 2020}, {Ref: "1008"}, {Ref: "1009", From: 2021},
			{Ref: "1010"}, {Ref: "9999"},
		}}
	// k1001, k1002 and k1006 are members in every year: only they get NaN
	// and infinite values, which the group figures leave out. (An
	// outsider's NaN would be its value as it stands.)
	odd := map[string]bool{"k1001": true, "k1002": true, "k1006": true}
	var obs []*virk.Observation
	add := func(ind, ent string, p virk.Period, v float64, st virk.Status) {
		obs = append(obs, &virk.Observation{IndicatorID: ind, EntityID: ent, Period: p, Value: v, Status: st})
	}
	value := func() float64 { return math.Round(rnd.Float64()*100000) / 100 }
	for y := 2014; y <= 2022; y++ {
		p := virk.YearPeriod(y)
		for _, id := range d.munis {
			for _, ind := range []string{"a", "b", "c", "sparse"} {
				r := rnd.IntN(100)
				switch {
				case ind == "a" && id == "k1001" && y%2 == 0:
					// From the units.
				case ind == "sparse" && r < 85, r < 12:
					// Missing.
				case r < 15:
					add(ind, id, p, 0, virk.StatusSuppressed)
				case r < 18:
					add(ind, id, p, value(), virk.StatusPreliminary)
				case r < 20 && odd[id]:
					add(ind, id, p, math.NaN(), virk.StatusFinal)
				case r < 22 && odd[id]:
					add(ind, id, p, math.Inf(1), virk.StatusFinal)
				case r < 24:
					// Two points of one period: the first counts.
					add(ind, id, p, 0, virk.StatusMissing)
					add(ind, id, p, value(), virk.StatusFinal)
				case r < 27:
					add(ind, id, p, 0, virk.StatusFinal) // a zero average makes no index
				default:
					add(ind, id, p, value(), virk.StatusFinal)
				}
				if ind == "c" && r%3 == 0 {
					add(ind, id, virk.Period{Year: y, Freq: virk.Quarterly, N: 2}, value(), virk.StatusFinal)
				}
			}
		}
		for _, u := range []string{"u1", "u2"} {
			add("a", u, p, value(), virk.StatusFinal)
		}
		for _, id := range []string{"snitt", "lav", "hoy"} {
			if rnd.IntN(4) > 0 {
				add("sparse", id, p, value(), virk.StatusFinal)
			}
		}
	}
	rnd.Shuffle(len(obs), func(i, j int) { obs[i], obs[j] = obs[j], obs[i] })
	c, err := kpi.NewCube(d.inds, d.ents, obs)
	if err != nil {
		t.Fatal(err)
	}
	d.cube = c
	return d
}

// onlySource hides the cube's AnnualEach, so that BuildAll reads one
// series at a time.
type onlySource struct{ c *kpi.Cube }

func (s onlySource) Indicator(id string) *virk.Indicator { return s.c.Indicator(id) }
func (s onlySource) Entity(id string) *virk.Entity       { return s.c.Entity(id) }
func (s onlySource) Series(ind, ent string) kpi.Series   { return s.c.Series(ind, ent) }
func finiteValue(v float64, ok bool) bool                { return ok && !math.IsNaN(v) && !math.IsInf(v, 0) }
func refValue(c *kpi.Cube, ind, ent string, y int) (float64, bool) {
	return c.Series(ind, ent).Value(virk.YearPeriod(y))
}

// refStats computes one indicator's figures for entity id in year y
// directly from the definitions, member by member, with none of
// BuildAll's sharing: the reference sums the other members' values
// afresh instead of taking the entity's own off the group's sum.
func refStats(c *kpi.Cube, q peer.Query, ind *virk.Indicator, id string, y int) peer.Stats {
	members, _ := q.Group.MemberIDs(y, q.Index)
	member := slices.Contains(members, id)
	st := peer.Stats{Year: y}
	v, ok := refValue(c, ind.ID, id, y)
	if member {
		ok = finiteValue(v, ok)
	}
	if ok {
		st.Value = &v
	}
	var vals []float64 // the members' values, in the group's order
	var holders []string
	for _, m := range members {
		if x, ok := refValue(c, ind.ID, m, y); finiteValue(x, ok) {
			vals = append(vals, x)
			holders = append(holders, m)
		}
	}
	st.N = len(vals)
	index := func() {
		if st.Value != nil && st.Reference != nil && *st.Reference > 0 {
			st.Index = ptrTo(100 * *st.Value / *st.Reference)
		}
	}
	if s := q.Group.Stored; len(vals) < 2 && s != nil {
		mean, okMean := refValue(c, ind.ID, s.Mean, y)
		lo, okLo := refValue(c, ind.ID, s.Min, y)
		hi, okHi := refValue(c, ind.ID, s.Max, y)
		if okMean || okLo || okHi {
			st.Published = true
			if okMean {
				st.Mean, st.Reference = &mean, &mean
			}
			if okLo {
				st.Min = &peer.Extreme{Value: lo}
			}
			if okHi {
				st.Max = &peer.Extreme{Value: hi}
			}
			index()
			return st
		}
	}
	if len(vals) > 0 {
		sum := 0.0
		lo, hi := 0, 0
		for i, x := range vals {
			sum += x
			if x < vals[lo] {
				lo = i
			}
			if x > vals[hi] {
				hi = i
			}
		}
		st.Mean = ptrTo(sum / float64(len(vals)))
		st.Min = &peer.Extreme{Value: vals[lo], Entity: holders[lo], Name: c.Entity(holders[lo]).Name}
		st.Max = &peer.Extreme{Value: vals[hi], Entity: holders[hi], Name: c.Entity(holders[hi]).Name}
	}
	if ind.Formula != "" {
		f, err := kpi.ParseFormula(ind.Formula)
		if err != nil {
			panic(err)
		}
		// The formula over the summed inputs of the members (but skip)
		// that have a value and every input.
		weighted := func(skip string) *float64 {
			sums := map[string]float64{}
			n := 0
			for _, m := range members {
				if x, ok := refValue(c, ind.ID, m, y); m == skip || !finiteValue(x, ok) {
					continue
				}
				in := map[string]float64{}
				all := true
				for _, r := range f.Refs() {
					x, ok := refValue(c, r, m, y)
					in[r], all = x, all && finiteValue(x, ok)
				}
				if !all {
					continue
				}
				for r, x := range in {
					sums[r] += x
				}
				n++
			}
			if n == 0 {
				return nil
			}
			w, ok := f.Eval(func(id string) (float64, bool) { return sums[id] / float64(n), true })
			if !finiteValue(w, ok) {
				return nil
			}
			return &w
		}
		st.Weighted = weighted("")
		st.Reference = st.Weighted
		if member {
			st.Reference = weighted(id)
		}
	} else {
		sum, n := 0.0, 0
		for i, x := range vals {
			if holders[i] != id {
				sum += x
				n++
			}
		}
		if n > 0 {
			st.Reference = ptrTo(sum / float64(n))
		}
	}
	index()
	if ok {
		st.Rank = 1
		for _, x := range vals {
			if ind.Direction == virk.Down && x < v || ind.Direction != virk.Down && x > v {
				st.Rank++
			}
		}
	}
	return st
}

// sameFloat reports whether a and b are equal, or both NaN.
func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func ptrTo(v float64) *float64 { return &v }

// TestBuildAll_Reference compares BuildAll with refStats for every
// municipality, member or not, over a range of years and histories, with
// the cube read through its annual table (AnnualEach) and through Series
// alone.
func TestBuildAll_Reference(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		d := newRandomData(t, seed)
		idx := peer.NewIndex(d.ents)
		ids := []string{"a_pr_b", "a", "c", "sparse", "c_pr_b", "b"}
		for _, src := range []peer.Source{d.cube, onlySource{d.cube}} {
			for _, year := range []int{2014, 2016, 2022} {
				// 80 years of history make the rows come in several
				// blocks.
				for _, years := range []int{-1, 0, 6, 80} {
					name := fmt.Sprintf("seed%d/%T/%d/years%d", seed, src, year, years)
					q := peer.Query{Indicators: ids, Group: d.group, Index: idx, Year: year, Years: years, Compare: []string{"k1012", "k1001"}}
					t.Run(name, func(t *testing.T) {
						ps, err := peer.BuildAll(src, q, d.munis)
						if err != nil {
							t.Fatal(err)
						}
						checkProfiles(t, d, q, ps)
					})
				}
			}
		}
	}
}

func checkProfiles(t *testing.T, d *randomData, q peer.Query, ps []*peer.Profile) {
	t.Helper()
	members, missing := q.Group.MemberIDs(q.Year, q.Index)
	h := q.Years
	switch {
	case h < 0:
		h = 0
	case h == 0:
		h = 3
	}
	if len(ps) != len(d.munis) {
		t.Fatalf("%d profiles, want %d", len(ps), len(d.munis))
	}
	for e, p := range ps {
		id := d.munis[e]
		if p.Entity != id || p.Year != q.Year || len(p.Members) != len(members) || !slices.Equal(p.Missing, missing) {
			t.Fatalf("profile %s: entity %s, year %d, %d members, missing %v", id, p.Entity, p.Year, len(p.Members), p.Missing)
		}
		for i, r := range p.Rows {
			ind := d.cube.Indicator(q.Indicators[i])
			where := fmt.Sprintf("%s %s", id, ind.ID)
			if r.Indicator != ind.ID || r.Label != ind.LabelNB || r.LabelEN != ind.LabelEN || r.Unit != ind.Unit.Name ||
				r.Decimals != ind.Unit.Decimals || r.Direction != ind.Direction || len(r.History) != h {
				t.Fatalf("%s: row %+v", where, r)
			}
			checkStats(t, where, r.Stats, refStats(d.cube, q, ind, id, q.Year))
			for k, hs := range r.History {
				y := q.Year - h + k
				checkStats(t, fmt.Sprintf("%s %d", where, y), hs, refStats(d.cube, q, ind, id, y))
			}
			if len(r.Compare) != len(q.Compare) {
				t.Fatalf("%s: compare %v", where, r.Compare)
			}
			for k, c := range q.Compare {
				v, ok := refValue(d.cube, ind.ID, c, q.Year)
				got := r.Compare[k]
				if got.Entity != c || got.Name != d.cube.Entity(c).Name || (got.Value != nil) != ok || ok && !sameFloat(*got.Value, v) {
					t.Errorf("%s: compared %+v, want %s %v %v", where, got, c, v, ok)
				}
			}
		}
	}
}

// checkStats compares got with want. The figures computed the same way
// must be equal to the bit; the reference and the index may differ in the
// last bits, since BuildAll takes the entity's share off the group's sum
// where refStats sums the others afresh.
func checkStats(t *testing.T, where string, got, want peer.Stats) {
	t.Helper()
	same := func(name string, g, w *float64, tol float64) {
		switch {
		case g == nil && w == nil:
		case g == nil || w == nil:
			t.Errorf("%s: %s %v, want %v", where, name, show(g), show(w))
		case sameFloat(*g, *w):
		case math.IsNaN(*g) || math.IsNaN(*w) || math.Abs(*g-*w) > tol*math.Abs(*w):
			t.Errorf("%s: %s %v, want %v", where, name, *g, *w)
		}
	}
	same("value", got.Value, want.Value, 0)
	same("mean", got.Mean, want.Mean, 0)
	same("weighted", got.Weighted, want.Weighted, 0)
	same("reference", got.Reference, want.Reference, 1e-12)
	same("index", got.Index, want.Index, 1e-12)
	extreme := func(name string, g, w *peer.Extreme) {
		if (g == nil) != (w == nil) || g != nil && *g != *w {
			t.Errorf("%s: %s %+v, want %+v", where, name, g, w)
		}
	}
	extreme("min", got.Min, want.Min)
	extreme("max", got.Max, want.Max)
	if got.Year != want.Year || got.N != want.N || got.Rank != want.Rank || got.Published != want.Published {
		t.Errorf("%s: year %d, n %d, rank %d, published %v; want %d, %d, %d, %v",
			where, got.Year, got.N, got.Rank, got.Published, want.Year, want.N, want.Rank, want.Published)
	}
}

func show(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
