package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/virk-analyse/virk/ingest"
)

// TestRun generates a small dataset twice and checks that the output is
// the same both times and imports cleanly: every row an observation, every
// name known, every formula valid.
func TestRun(t *testing.T) {
	c := Config{Municipalities: 5, Indicators: 30, Derived: 3, Units: 2, Years: 4, FirstYear: 2020, Seed: 7}
	read := func(dir string) (cat, data []byte) {
		t.Helper()
		var err error
		if cat, err = os.ReadFile(filepath.Join(dir, "catalogue.json")); err != nil {
			t.Fatal(err)
		}
		if data, err = os.ReadFile(filepath.Join(dir, "data.csv")); err != nil {
			t.Fatal(err)
		}
		return cat, data
	}
	var outs [2][2][]byte
	for i := range outs {
		c.Out = t.TempDir()
		if err := run(c); err != nil {
			t.Fatal(err)
		}
		outs[i][0], outs[i][1] = read(c.Out)
	}
	if !bytes.Equal(outs[0][0], outs[1][0]) || !bytes.Equal(outs[0][1], outs[1][1]) {
		t.Error("two runs with the same flags wrote different files")
	}

	im := &ingest.Importer{Catalogue: ingest.NewCatalogue(nil, nil)}
	if err := im.Add("catalogue.json", outs[0][0]); err != nil {
		t.Fatal(err)
	}
	if err := im.Add("data.csv", outs[0][1]); err != nil {
		t.Fatal(err)
	}
	cs, err := im.ChangeSet()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(cs.Observations), c.Municipalities*c.Indicators*c.Years; got != want {
		t.Errorf("got %d observations, want %d", got, want)
	}
	if got, want := len(cs.Indicators), c.Indicators+c.Derived; got != want {
		t.Errorf("got %d indicators, want %d", got, want)
	}
	if got, want := len(cs.Entities), c.Municipalities+c.Units; got != want {
		t.Errorf("got %d entities, want %d", got, want)
	}
}

// TestMunicipalities checks the numbering: Oslo first, unique 4-digit
// codes, and room for more than today's 356.
func TestMunicipalities(t *testing.T) {
	for _, n := range []int{1, 356, maxMunicipalities()} {
		ms := municipalities(n, rand.New(rand.NewPCG(1, 1)))
		if len(ms) != n || ms[0].code != "0301" {
			t.Fatalf("municipalities(%d): got %d, first %s", n, len(ms), ms[0].code)
		}
		seen := map[string]bool{}
		for _, m := range ms {
			if len(m.code) != 4 || seen[m.code] {
				t.Fatalf("municipalities(%d): code %q repeated or not 4 digits", n, m.code)
			}
			seen[m.code] = true
		}
	}
}
