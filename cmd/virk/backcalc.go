package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/peer"
)

// runBackcalc prints the back-calculated series of a merged municipality:
// before the merger the sum of the parts (where every part has a value),
// from it the municipality's own figures. Nothing is stored: the parts'
// figures are, and the sum follows from them.
func runBackcalc(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("backcalc", "--entity ID --indicator ID,… [--klass ENDRINGER.json] [--db DB]")
	addDBFlag(fs, &c)
	var inds []string
	entity := fs.String("entity", "", "den sammenslåtte kommunen, f.eks. asker")
	fs.Var((*listFlag)(&inds), "indicator", "indikatorene (summerbare, eller formler av summerbare)")
	klass := fs.String("klass", "", "endringer fra SSBs Klass (klassifikasjon 131, JSON); standard er registeret virk har innebygd")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *entity == "" || len(inds) == 0 {
		return usagef("oppgi --entity og --indicator")
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
	allInds, _, err := st.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		return err
	}
	allEnts, _, err := st.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return err
	}
	cat := ingest.NewCatalogue(allInds, allEnts)
	ent := cat.Entity(*entity)
	if ent == nil || len(ent.Codes) == 0 {
		return virk.Errorf(virk.ENOTFOUND, "ukjent kommune «%s» (den må ha kommunenummer; kjør «virk register» for nummerhistorikken)", *entity)
	}
	mg, parts, missing, ok := reg.MergedParts(ent, peer.NewIndex(allEnts))
	if !ok {
		return virk.Errorf(virk.ENOTFOUND, "%s er ikke en sammenslått kommune i kommuneregisteret", ent.Name)
	}
	if len(missing) > 0 {
		return virk.Errorf(virk.ENOTFOUND, "kan ikke tilbakeregne %s: delene %v finnes ikke i katalogen", ent.Name, missing)
	}
	l, err := kpi.Load(ctx, st, kpi.Query{IndicatorIDs: inds, EntityIDs: append(slices.Clone(parts), ent.ID)})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s\n\n", mg.Text())
	t := &textTable{header: []string{"Indikator", "Periode", "Verdi", "Grunnlag"}, right: []bool{false, false, true, false}}
	for _, id := range inds {
		s, err := peer.BackCalculate(l.Cube, id, ent.ID, parts, mg.Year)
		if err != nil {
			return err
		}
		ind := cat.Indicator(id)
		for _, p := range s {
			basis := "egne tall"
			if p.Period.Year < mg.Year {
				basis = "sum av delene"
			}
			v := p.Value
			t.add(id, p.Period.String(), formatValue(v, ind.Unit.Name, ind.Unit.Decimals), basis)
		}
	}
	return t.write(m.Stdout)
}
