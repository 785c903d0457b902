package ingest

import (
	"context"
	"path/filepath"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// NamedFile is one file of an import: its name, which decides its format
// by extension and places its errors, and its bytes, or where to read
// them.
type NamedFile struct {
	Name string
	Data []byte
	// Open, when set, reads the file instead of Data, as it is needed
	// (Importer.AddFile): a large CSV file or workbook is then never
	// whole in memory.
	Open Opener
}

// LoadOptions are the options of Load.
type LoadOptions struct {
	virk.ApplyOptions
	// JSONStat reads JSON files that are not catalogues; nil means
	// ingest.JSONStat.
	JSONStat JSONStatFunc
	// PXMapping is the mapping for PC-Axis files (Importer.PXMapping);
	// nil means the defaults. The command line passes the --map file
	// here as well as to JSONStat.
	PXMapping *JSONStatMapping
	// Warn, when set, is given each warning of the import
	// (Importer.Warnings), such as a PX keyword that was skipped, once the
	// files are read, whether or not they hold faults.
	Warn func(warning string)
	// Stage, when set, is told when a stage starts: "Tolker" (reading,
	// total 0) and "Lagrer" (storing, total = observations).
	Stage func(label string, total int64)
	// Energy, when set, is given the files' change set and returns energy
	// data to store with it: the two are applied in one transaction and
	// batch with ApplyEnergy, the files' change set as its Catalogue.
	Energy func(cs *virk.ChangeSet) (*virk.EnergyChangeSet, error)
}

// Load reads files into one change set against the catalogue stored in st
// and applies it in one transaction: all of it or, on any fault, nothing.
// Faults in the files come back as Errors; a formula that does not fit
// the catalogue as a *virk.Error.
func Load(ctx context.Context, st virk.Store, files []NamedFile, opts LoadOptions) (*virk.ApplyResult, error) {
	inds, _, err := st.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		return nil, err
	}
	ents, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	// Without an Energy hook, which may look at the change set's
	// observations, they go to Apply compactly, in ChangeSet.Rows.
	im := &Importer{Catalogue: NewCatalogue(inds, ents), JSONStat: opts.JSONStat, PXMapping: opts.PXMapping,
		Compact: opts.Energy == nil}
	if im.JSONStat == nil {
		im.JSONStat = JSONStat
	}
	stage := opts.Stage
	if stage == nil {
		stage = func(string, int64) {}
	}
	for _, f := range files {
		var err error
		if f.Open != nil {
			err = im.AddFile(filepath.Base(f.Name), f.Open)
		} else {
			err = im.Add(filepath.Base(f.Name), f.Data)
		}
		if err != nil {
			return nil, err
		}
	}
	stage("Tolker", 0)
	cs, err := im.ChangeSet()
	if opts.Warn != nil {
		for _, w := range im.Warnings() {
			opts.Warn(w)
		}
	}
	if err != nil {
		return nil, err
	}
	if err := checkFormulas(inds, cs.Indicators); err != nil {
		return nil, err
	}
	stage("Lagrer", int64(cs.ObservationCount()))
	if opts.Energy != nil {
		ecs, err := opts.Energy(cs)
		if err != nil {
			return nil, err
		}
		ecs.Catalogue = cs
		return st.ApplyEnergy(ctx, ecs, opts.ApplyOptions)
	}
	return st.Apply(ctx, cs, opts.ApplyOptions)
}

// checkFormulas checks the formulas of the import's indicators against the
// whole catalogue: stored indicators with the import's replacing them.
func checkFormulas(stored, imported []*virk.Indicator) error {
	byID := map[string]*virk.Indicator{}
	for _, ind := range stored {
		byID[ind.ID] = ind
	}
	for _, ind := range imported {
		byID[ind.ID] = ind
	}
	all := make([]*virk.Indicator, 0, len(byID))
	for _, ind := range byID {
		all = append(all, ind)
	}
	if _, err := kpi.NewCube(all, nil, nil); err != nil {
		return virk.Errorf(virk.EINVALID, "%s", virk.ErrorMessage(err))
	}
	return nil
}
