package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kostra"
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
	fs := m.newFlagSet("register", "[--klass ENDRINGER.json | --fetch [--since ÅR] [--save ENDRINGER.json]] [--dry-run] [--db DB]")
	addDBFlag(fs, &c)
	klass := fs.String("klass", "", "endringer fra SSBs Klass (klassifikasjon 131, JSON); standard er registeret virk har innebygd")
	fetch := fs.Bool("fetch", false, "hent endringene fra SSBs Klass (klassifikasjon 131) i stedet for å bruke det innebygde registeret")
	since := fs.Int("since", 2000, "med --fetch: første år med endringer som hentes")
	save := fs.String("save", "", "med --fetch: lagre endringene som JSON, for --klass i serve, peers og backcalc")
	klassURL := fs.String("klass-url", kostra.DefaultKlassURL, "adressen til KLASS API v1")
	dryRun := fs.Bool("dry-run", false, "vis hva som ville blitt endret, uten å lagre noe")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("uventet argument %q", fs.Arg(0))
	case *fetch && *klass != "":
		return usagef("--fetch og --klass kan ikke brukes sammen")
	case *save != "" && !*fetch:
		return usagef("--save gjelder bare med --fetch")
	}
	var reg *peer.Register
	if *fetch {
		k, err := klassClient(m, *klassURL)
		if err != nil {
			return err
		}
		changes, err := k.Changes(ctx, "131", *since, time.Now().Year()+1)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "Hentet %d endringer i kommunenummer fra SSBs Klass (%d–).\n", len(changes), *since)
		if *save != "" {
			if err := writeKlassChanges(*save, changes); err != nil {
				return err
			}
		}
		reg = peer.NewRegister(changes)
	} else {
		var err error
		if reg, err = loadRegister(*klass); err != nil {
			return err
		}
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

// writeKlassChanges saves changes in the shape of KLASS's change list,
// which loadRegister reads back.
func writeKlassChanges(file string, changes []peer.Change) error {
	type change struct {
		OldCode        string `json:"oldCode"`
		OldName        string `json:"oldName"`
		NewCode        string `json:"newCode"`
		NewName        string `json:"newName"`
		ChangeOccurred string `json:"changeOccurred"`
	}
	doc := struct {
		CodeChanges []change `json:"codeChanges"`
	}{CodeChanges: make([]change, len(changes))}
	for i, c := range changes {
		doc.CodeChanges[i] = change{c.OldCode, c.OldName, c.NewCode, c.NewName, fmt.Sprintf("%04d-01-01", c.Year)}
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
		return virk.Errorf(virk.EINVALID, "%s: kan ikke skrives: %v", file, err)
	}
	return nil
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
