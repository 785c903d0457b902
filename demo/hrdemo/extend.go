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
// the two files' names and hashes. stored looks up the entities and
// indicators already in the store; cs's own take precedence. Extend
// fails if cs already holds a figure the extract computes, which would
// make the two sources disagree about who owns it.
func Extend(cs *virk.ChangeSet, stored *virk.Catalogue) error {
	cat := merged(cs, stored)
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

// merged is the catalogue the extract is computed over: stored's
// indicators and entities with cs's in their place, in a fixed order, as
// the order of the tree decides which cells disclosure control picks.
func merged(cs *virk.ChangeSet, stored *virk.Catalogue) *virk.Catalogue {
	var inds []*virk.Indicator
	var ents []*virk.Entity
	if stored != nil {
		inds, ents = stored.Indicators, stored.Entities
	}
	return virk.NewCatalogue(replaced(inds, cs.Indicators, func(i *virk.Indicator) string { return i.ID }),
		replaced(ents, cs.Entities, func(e *virk.Entity) string { return e.ID }))
}

// replaced returns old with each element that has the ID of one in new
// replaced by it, and the rest of new after them.
func replaced[T any](old, new []T, id func(T) string) []T {
	byID := make(map[string]T, len(new))
	for _, x := range new {
		byID[id(x)] = x
	}
	out := make([]T, 0, len(old)+len(new))
	for _, x := range old {
		if n, ok := byID[id(x)]; ok {
			x = n
			delete(byID, id(x))
		}
		out = append(out, x)
	}
	for _, x := range new {
		if _, ok := byID[id(x)]; ok {
			out = append(out, x)
		}
	}
	return out
}

func hashed(name string, data []byte) virk.File {
	sum := sha256.Sum256(data)
	return virk.File{Name: name, SHA256: hex.EncodeToString(sum[:])}
}
