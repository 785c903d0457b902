package hrdemo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/workforce"
)

// File names the demo's extract is read and recorded under.
const (
	EmploymentFile = "demo/hr/ansatte.csv"
	AbsenceFile    = "demo/hr/fravaer.csv"
)

// Extend adds the figures of the demo's HR extract to cs, the change set
// of the demo's files, as `virk workforce import` stores them: the
// workforce indicators (the catalogue's own definitions marked as
// personnel data), the computed observations under disclosure control and
// the two files' names and hashes. cat is the catalogue to compute over:
// the stored one with cs's indicators and entities in it. Extend fails if
// cs already holds a figure the extract computes, which would make the
// two sources disagree about who owns it.
func Extend(cs *virk.ChangeSet, cat *virk.Catalogue) error {
	ansatte, fravaer := Files(Seed)
	opts := ingest.HROptions{Unit: func(id string) bool { e := cat.Entity(id); return e != nil && e.Kind != virk.KindGroup }}
	emps, err := ingest.ReadEmployments(EmploymentFile, ansatte, opts)
	if err != nil {
		return err
	}
	abs, err := ingest.ReadAbsences(AbsenceFile, fravaer, opts)
	if err != nil {
		return err
	}
	if faults := workforce.CheckAbsences(emps, abs); len(faults) > 0 {
		return fmt.Errorf("%s: %s", AbsenceFile, strings.Join(faults, "; "))
	}
	res, err := workforce.Compute(&workforce.Input{Employments: emps, Absences: abs, Catalogue: cat})
	if err != nil {
		return err
	}
	wcs, _ := workforce.ChangeSet(cat, res, []virk.File{hashed(EmploymentFile, ansatte), hashed(AbsenceFile, fravaer)})

	type key struct {
		ind, ent string
		p        virk.Period
	}
	typed := map[key]bool{}
	for _, o := range cs.Observations {
		typed[key{o.IndicatorID, o.EntityID, o.Period}] = true
	}
	for _, o := range wcs.Observations {
		if typed[key{o.IndicatorID, o.EntityID, o.Period}] {
			return fmt.Errorf("demofilene har %s for %s %s, som HR-uttrekket beregner", o.IndicatorID, o.EntityID, o.Period)
		}
	}
	at := map[string]int{}
	for i, ind := range cs.Indicators {
		at[ind.ID] = i
	}
	for _, ind := range wcs.Indicators {
		if i, ok := at[ind.ID]; ok {
			cs.Indicators[i] = ind
		} else {
			cs.Indicators = append(cs.Indicators, ind)
		}
	}
	cs.Observations = append(cs.Observations, wcs.Observations...)
	cs.Files = append(cs.Files, wcs.Files...)
	return nil
}

func hashed(name string, data []byte) virk.File {
	sum := sha256.Sum256(data)
	return virk.File{Name: name, SHA256: hex.EncodeToString(sum[:])}
}
