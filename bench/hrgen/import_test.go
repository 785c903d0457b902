package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/workforce"
)

// BenchmarkImport times the steps of `virk workforce import` on an extract
// of bench/workforce.sh's size (14 000 employees, 2014–2018: about 1 M
// employment rows and 300 000 spells), the store left out: reading each
// file, checking the absences and computing the figures.
//
//	go test ./bench/hrgen -run '^$' -bench Import -benchtime 5x
//	HRGEN_DIR=/tmp/hr go test ./bench/hrgen -run '^$' -bench Import/Compute -cpuprofile cpu.out
//
// HRGEN_DIR names a directory that already holds ansatte.csv and
// fravaer.csv from hrgen (with bench/workforce.sh's units); without it the
// benchmark generates them first.
func BenchmarkImport(b *testing.B) {
	dir := os.Getenv("HRGEN_DIR")
	if dir == "" {
		dir = b.TempDir()
		if _, err := run(Config{Employees: 14000, Years: 5, Last: 2018, Seed: 1, Out: dir}); err != nil {
			b.Fatal(err)
		}
	}
	ansatte, err := os.ReadFile(filepath.Join(dir, "ansatte.csv"))
	if err != nil {
		b.Fatal(err)
	}
	fravaer, err := os.ReadFile(filepath.Join(dir, "fravaer.csv"))
	if err != nil {
		b.Fatal(err)
	}
	ents := []*virk.Entity{{ID: "baerum", Kind: virk.KindMunicipality}}
	for _, u := range defaultUnits {
		ents = append(ents, &virk.Entity{ID: u.id, ParentID: "baerum", Kind: virk.KindUnit})
	}
	cat := virk.NewCatalogue(nil, ents)
	opts := ingest.HROptions{Unit: func(id string) bool { e := cat.Entity(id); return e != nil && e.Kind != virk.KindGroup }}
	emps, err := ingest.ReadEmployments("ansatte.csv", ansatte, opts)
	if err != nil {
		b.Fatal(err)
	}
	abs, err := ingest.ReadAbsences("fravaer.csv", fravaer, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("ReadEmployments", func(b *testing.B) {
		b.SetBytes(int64(len(ansatte)))
		for b.Loop() {
			if _, err := ingest.ReadEmployments("ansatte.csv", ansatte, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ReadAbsences", func(b *testing.B) {
		b.SetBytes(int64(len(fravaer)))
		for b.Loop() {
			if _, err := ingest.ReadAbsences("fravaer.csv", fravaer, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("CheckAbsences", func(b *testing.B) {
		for b.Loop() {
			if f := workforce.CheckAbsences(emps, abs); len(f) > 0 {
				b.Fatal(f[0])
			}
		}
	})
	b.Run("Compute", func(b *testing.B) {
		for b.Loop() {
			if _, err := workforce.Compute(&workforce.Input{Employments: emps, Absences: abs, Catalogue: cat}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
