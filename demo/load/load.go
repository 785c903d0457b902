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
			if err := hrdemo.Extend(cs, stored); err != nil {
				return nil, err
			}
			if err := project(cs, stored); err != nil {
				return nil, err
			}
			known := func(id string) bool { return stored.Indicator(id) != nil }
			ecs, as, err := energydemo.Extend(cs, stored.Entity, known)
			alerts = as
			return ecs, err
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
	read := func(name string) ([]byte, virk.File, error) {
		b, err := fs.ReadFile(fsys, name)
		sum := sha256.Sum256(b)
		return b, virk.File{Name: path.Join("demo/prognose", name), SHA256: hex.EncodeToString(sum[:])}, err
	}
	popData, popFile, err := read("befolkning.csv")
	if err != nil {
		return err
	}
	modelData, modelFile, err := read("modell.json")
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
