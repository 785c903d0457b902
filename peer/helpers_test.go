package peer_test

import (
	"os"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// registerEntities returns the municipalities of the embedded register as
// entities: the ASSS members and the parts of their mergers.
func registerEntities(t testing.TB) []*virk.Entity {
	t.Helper()
	reg := peer.NewRegister(peer.KLASS131())
	seen := map[string]bool{}
	var out []*virk.Entity
	for _, c := range reg.Changes() {
		e := reg.Entity(c.OldCode, c.Year-1)
		if !seen[e.ID] {
			seen[e.ID] = true
			out = append(out, e)
		}
	}
	oslo := reg.Entity("0301", 2024)
	oslo.Name = "Oslo kommune"
	return append(out, oslo)
}

// importCube imports a CSV file of observations through ingest, so that
// municipality numbers of any year resolve to the entities, and returns
// the cube.
func importCube(t testing.TB, inds []*virk.Indicator, ents []*virk.Entity, files ...string) *kpi.Cube {
	t.Helper()
	im := &ingest.Importer{Catalogue: ingest.NewCatalogue(inds, ents)}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := im.Add(f, data); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := im.ChangeSet()
	if err != nil {
		t.Fatal(err)
	}
	obs := make([]*virk.Observation, len(cs.Observations))
	for i := range cs.Observations {
		obs[i] = &cs.Observations[i]
	}
	c, err := kpi.NewCube(inds, ents, obs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func round(v float64, d int) float64 {
	p := 1.0
	for range d {
		p *= 10
	}
	r := v * p
	if r < 0 {
		return -float64(int64(-r+0.5)) / p
	}
	return float64(int64(r+0.5)) / p
}
