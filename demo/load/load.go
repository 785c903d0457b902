// Package load stores the whole demo: the files of package demo, the
// energy follow-up of package demo/energydemo, the workforce figures of
// package demo/hrdemo's synthetic HR extract and the workforce projection
// of demo/prognose, in one batch, as an analyst would by importing the
// files, running the energy computation, importing the HR extract and
// saving the projection.
package load

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/demo/energydemo"
	"github.com/virk-analyse/virk/demo/hrdemo"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/workforce/prognosis"
)

// Demo stores the demo in st in one batch, then the energy follow-up's
// alerts. A second run changes nothing.
func Demo(ctx context.Context, st virk.Store, user string) (*virk.ApplyResult, error) {
	files, err := demo.Files()
	if err != nil {
		return nil, err
	}
	nf := make([]ingest.NamedFile, len(files))
	for i, f := range files {
		nf[i] = ingest.NamedFile{Name: f.Name, Data: f.Data}
	}
	inds, _, err := st.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		return nil, err
	}
	ents, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	stored := virk.NewCatalogue(inds, ents)
	var alerts []*virk.Alert
	res, err := ingest.Load(ctx, st, nf, ingest.LoadOptions{ApplyOptions: virk.ApplyOptions{User: user},
		Energy: func(cs *virk.ChangeSet) (*virk.EnergyChangeSet, error) {
			if err := hrdemo.Extend(cs, merged(cs, stored)); err != nil {
				return nil, err
			}
			if err := project(cs, stored); err != nil {
				return nil, err
			}
			known := func(id string) bool { return stored.Indicator(id) != nil }
			ecs, as, err := energydemo.Extend(cs, stored.Entity, known)
			if err != nil {
				return nil, err
			}
			alerts = as
			return ecs, addPortfolio(cs, stored)
		}})
	if err != nil {
		return nil, err
	}
	if _, _, err := st.PutAlerts(ctx, alerts); err != nil {
		return nil, err
	}
	return res, nil
}

// project adds the demo's workforce projection to cs, as `virk workforce
// project --save` stores it.
func project(cs *virk.ChangeSet, stored *virk.Catalogue) error {
	fsys := demo.Prognosis()
	popData, popFile, err := read(fsys, "demo/prognose", "befolkning.csv")
	if err != nil {
		return err
	}
	modelData, modelFile, err := read(fsys, "demo/prognose", "modell.json")
	if err != nil {
		return err
	}
	pr := prognosis.NewPopulationReader(bytes.NewReader(popData))
	pr.File = popFile.Name
	pop, err := pr.Read()
	if err != nil {
		return err
	}
	cr := prognosis.NewConfigReader(bytes.NewReader(modelData))
	cr.File = modelFile.Name
	model, err := cr.Read()
	if err != nil {
		return err
	}
	res, err := prognosis.Project(model, pop)
	if err != nil {
		return err
	}
	inCS := map[string]bool{}
	for _, e := range cs.Entities {
		inCS[e.ID] = true
	}
	unit := func(id string) bool { return inCS[id] || stored.Entity(id) != nil }
	pcs, err := prognosis.ChangeSet(res, unit, []virk.File{popFile, modelFile})
	if err != nil {
		return err
	}
	cs.Files = append(cs.Files, pcs.Files...)
	cs.Indicators = append(cs.Indicators, pcs.Indicators...)
	cs.Observations = append(cs.Observations, pcs.Observations...)
	cs.Annotations = append(cs.Annotations, pcs.Annotations...)
	return nil
}

// read reads a file of fsys with its name under dir and its hash, as a
// batch records it.
func read(fsys fs.FS, dir, name string) ([]byte, virk.File, error) {
	b, err := fs.ReadFile(fsys, name)
	sum := sha256.Sum256(b)
	return b, virk.File{Name: path.Join(dir, name), SHA256: hex.EncodeToString(sum[:])}, err
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
