// Package load stores the whole demo: the files of package demo, the
// energy follow-up of package demo/energydemo and the workforce figures of
// package demo/hrdemo's synthetic HR extract, in one batch, as an analyst
// would by importing the files, running the energy computation and
// importing the HR extract.
package load

import (
	"context"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/demo/energydemo"
	"github.com/virk-analyse/virk/demo/hrdemo"
	"github.com/virk-analyse/virk/ingest"
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
