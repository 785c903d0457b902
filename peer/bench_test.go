package peer_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// National-scale benchmark data: every municipality of Norway (356 in
// 2024), 1 000 indicators of which 20 are ratios of two others (weighted
// averages), 2014–2023, as bench/gen generates them; about 3 % of cells
// missing.
const (
	benchMunicipalities = 356
	benchIndicators     = 1000
	benchDerived        = 20
	benchFirstYear      = 2014
	benchYears          = 10
	benchKostraGroups   = 16
)

type benchData struct {
	inds   []*virk.Indicator
	ids    []string
	ents   []*virk.Entity
	obs    []*virk.Observation
	groups []*peer.Group
}

func newBenchData() *benchData {
	d := &benchData{}
	for i := range benchIndicators {
		ind := &virk.Indicator{ID: fmt.Sprintf("kostra_%04d", i+1), LabelNB: "Indikator", Direction: virk.Direction(i%3 - 1), Rollup: virk.RollupSum}
		if i >= benchIndicators-benchDerived {
			k := i - (benchIndicators - benchDerived)
			ind.ID = fmt.Sprintf("kostra_d%03d", k+1)
			ind.Formula = fmt.Sprintf("kostra_%04d / kostra_%04d * 1000", 2*k+1, 2*k+2)
			ind.Rollup = ""
		}
		d.inds = append(d.inds, ind)
		d.ids = append(d.ids, ind.ID)
	}
	groups := make([]*peer.Group, benchKostraGroups)
	for g := range groups {
		groups[g] = &peer.Group{ID: fmt.Sprintf("kostra%02d", g+1), Name: fmt.Sprintf("KOSTRA-gruppe %d", g+1)}
	}
	d.groups = groups
	obs := make([]virk.Observation, 0, benchMunicipalities*(benchIndicators-benchDerived)*benchYears)
	for m := range benchMunicipalities {
		code := fmt.Sprintf("%04d", 301+m)
		e := &virk.Entity{ID: "k" + code, Name: "Kommune " + code, Kind: virk.KindMunicipality, Codes: []virk.Code{{Code: code}}}
		d.ents = append(d.ents, e)
		// Uneven group sizes, as SSB's are: 3 to 40-odd members.
		g := groups[(m*m/7+m)%benchKostraGroups]
		g.Members = append(g.Members, peer.Member{Ref: code})
		for i := range benchIndicators - benchDerived {
			for y := range benchYears {
				h := uint32(m*7919+i*104729+y*1299709) * 2654435761
				if h%100 < 3 {
					continue // missing
				}
				obs = append(obs, virk.Observation{IndicatorID: d.ids[i], EntityID: e.ID, Period: virk.YearPeriod(benchFirstYear + y),
					Value: float64(100 + h%10000), Status: virk.StatusFinal})
			}
		}
	}
	d.obs = make([]*virk.Observation, len(obs))
	for i := range obs {
		d.obs[i] = &obs[i]
	}
	return d
}

func (d *benchData) cube(b *testing.B) *kpi.Cube {
	c, err := kpi.NewCube(d.inds, d.ents, d.obs)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// profileAll builds every municipality's profile against its KOSTRA group.
func (d *benchData) profileAll(b *testing.B, c *kpi.Cube, idx *peer.Index, year, history int) int {
	n := 0
	for _, g := range d.groups {
		ids, _ := g.MemberIDs(year, idx)
		ps, err := peer.BuildAll(c, peer.Query{Indicators: d.ids, Group: g, Index: idx, Year: year, Years: history}, ids)
		if err != nil {
			b.Fatal(err)
		}
		n += len(ps)
	}
	return n
}

// BenchmarkProfiles computes the service profile of every municipality in
// Norway against its KOSTRA group, for 1 000 indicators, on a cube of ten
// years:
//
//   - latest: the last year with the three years before it (the table of
//     the report), on a freshly loaded cube (series not yet memoised);
//   - latest-warm: the same on a cube that has served it before;
//   - ten-years: the last year with the nine before it, so that each
//     profile covers all ten years;
//   - every-year: a separate profile for each of the ten years.
//
// The cube is built outside the timer: loading is the store's and kpi's
// cost, measured by bench/.
func BenchmarkProfiles(b *testing.B) {
	if testing.Short() {
		b.Skip("national-scale data")
	}
	d := newBenchData()
	idx := peer.NewIndex(d.ents)
	last := benchFirstYear + benchYears - 1
	b.Run("latest", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			c := d.cube(b)
			runtime.GC() // the load's garbage is the load's cost
			b.StartTimer()
			if n := d.profileAll(b, c, idx, last, 3); n != benchMunicipalities {
				b.Fatalf("%d profiles", n)
			}
		}
	})
	b.Run("latest-warm", func(b *testing.B) {
		c := d.cube(b)
		d.profileAll(b, c, idx, last, 3)
		runtime.GC()
		b.ResetTimer()
		for range b.N {
			d.profileAll(b, c, idx, last, 3)
		}
	})
	b.Run("ten-years", func(b *testing.B) {
		// One profile per municipality that holds all ten years: the
		// last year with the nine before it.
		for range b.N {
			b.StopTimer()
			c := d.cube(b)
			runtime.GC()
			b.StartTimer()
			if n := d.profileAll(b, c, idx, last, benchYears-1); n != benchMunicipalities {
				b.Fatalf("%d profiles", n)
			}
		}
	})
	b.Run("every-year", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			c := d.cube(b)
			runtime.GC() // the load's garbage is the load's cost
			b.StartTimer()
			for y := benchFirstYear; y <= last; y++ {
				d.profileAll(b, c, idx, y, -1)
			}
		}
	})
}
