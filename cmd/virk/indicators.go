package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/virk-analyse/virk"
)

func runIndicators(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("indicators", "[--category KATEGORI]")
	addDBFlag(fs, &c)
	category := fs.String("category", "", "bare indikatorer i denne kategorien")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var f virk.IndicatorFilter
	if *category != "" {
		f.Category = category
	}
	inds, n, err := st.FindIndicators(ctx, f)
	if err != nil {
		return err
	}
	t := &textTable{header: []string{"ID", "Navn", "Måleenhet", "Retning", "Kategori", "Kilde", "Mål / formel"}}
	for _, ind := range inds {
		var extra []string
		for _, tg := range ind.Targets {
			if tg.Kind == virk.TargetRelative {
				extra = append(extra, fmt.Sprintf("%+g %% mot %d innen %d", tg.Value, tg.BaseYear, tg.Year))
			} else {
				extra = append(extra, fmt.Sprintf("mål %g", tg.Value))
			}
		}
		if ind.Formula != "" {
			extra = append(extra, "= "+ind.Formula)
		}
		switch ind.Rollup {
		case virk.RollupSum:
			extra = append(extra, "summeres")
		case virk.RollupSumAny:
			extra = append(extra, "summeres (enhetene som har tall)")
		}
		t.add(ind.ID, ind.LabelNB, ind.Unit.Name, directionArrow[int(ind.Direction)], ind.Category, ind.Source, strings.Join(extra, "; "))
	}
	if err := t.write(m.Stdout); err != nil {
		return err
	}
	_, err = fmt.Fprintf(m.Stdout, "%d indikatorer\n", n)
	return err
}
