package main

import (
	"context"
	"os"
	"slices"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// runRegister applies the municipality number register (SSB's KLASS 131
// changes) to the stored municipalities: each gets every number it has
// had, so that figures under an old number join its series, and a merged
// municipality gets a series break at the merger on each of its
// indicators.
func runRegister(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("register", "[--klass ENDRINGER.json] [--dry-run] [--db DB]")
	addDBFlag(fs, &c)
	klass := fs.String("klass", "", "endringer fra SSBs Klass (klassifikasjon 131, JSON); standard er registeret virk har innebygd")
	dryRun := fs.Bool("dry-run", false, "vis hva som ville blitt endret, uten å lagre noe")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q", fs.Arg(0))
	}
	reg, err := loadRegister(*klass)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := registerChanges(ctx, st, reg)
	if err != nil {
		return err
	}
	cs.Files = []virk.File{{Name: "kommuneregister"}}
	res, err := st.Apply(ctx, cs, virk.ApplyOptions{DryRun: *dryRun, User: c.User})
	if err != nil {
		return err
	}
	return writeImportResult(m.Stdout, res, *dryRun)
}

// registerChanges returns the stored municipalities with their number
// history from reg, and the series breaks of mergers.
func registerChanges(ctx context.Context, st virk.Store, reg *peer.Register) (*virk.ChangeSet, error) {
	l, err := kpi.Load(ctx, st, kpi.Query{})
	if err != nil {
		return nil, err
	}
	cs := &virk.ChangeSet{}
	var held map[string][]string // entity → the indicators it has, made when first needed
	for _, e := range l.Entities {
		if e.Kind != virk.KindMunicipality || len(e.Codes) == 0 {
			continue
		}
		newest := slices.MaxFunc(e.Codes, func(a, b virk.Code) int { return a.From - b.From })
		year := max(newest.From, newest.To)
		if year == 0 {
			year = 2024
		}
		hist := reg.History(newest.Code, year)
		if len(hist) > 1 && !slices.Equal(hist, e.Codes) {
			u := *e
			u.Codes = hist
			cs.Entities = append(cs.Entities, &u)
		}
		if mg, ok := reg.Merger(newest.Code, year); ok && len(mg.Parts) > 1 {
			if held == nil {
				held = map[string][]string{}
				for _, ind := range l.Indicators {
					for _, id := range l.Cube.Entities(ind.ID) {
						held[id] = append(held[id], ind.ID)
					}
				}
			}
			cs.Annotations = append(cs.Annotations, mg.Annotations(e.ID, held[e.ID])...)
		}
	}
	return cs, nil
}

// loadRegister returns the municipality number register: SSB's Klass
// change list in file, or the built-in one when file is "".
func loadRegister(file string) (*peer.Register, error) {
	if file == "" {
		return peer.NewRegister(peer.KLASS131()), nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "%s: kan ikke åpnes: %v", file, err)
	}
	defer f.Close()
	changes, err := peer.ReadKlassChanges(f)
	if err != nil {
		return nil, virk.Errorf(virk.EINVALID, "%s: %s", file, userMessage(err))
	}
	return peer.NewRegister(changes), nil
}
