package main

import (
	"context"
	"fmt"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo/load"
	"github.com/virk-analyse/virk/kpi"
)

func runDemo(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("demo", "[--db DB]")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q", fs.Arg(0))
	}
	st, err := m.openWriter(ctx, c.DB, true, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := loadDemo(ctx, st, c.User)
	if err != nil {
		return err
	}
	if res.Batch != nil {
		fmt.Fprintf(m.Stdout, "Demodataene er lastet inn i %s (batch %d: %d observasjoner).\n\n", redactDSN(c.DB), res.Batch.ID, res.Summary.Observations.Added)
	} else {
		fmt.Fprintf(m.Stdout, "Demodataene var allerede lastet inn i %s; ingenting er endret.\n\n", redactDSN(c.DB))
	}
	// The seed's years: the projects' budgets for the years after 2018
	// are plans, shown on their own pages.
	last := virk.YearPeriod(demoYear)
	sc, err := scorecard(ctx, st, kpi.Query{EntityIDs: []string{"baerum", "osu"}}, kpi.Options{TrendYears: 3, To: &last})
	if err != nil {
		return err
	}
	return writeScorecardTable(m.Stdout, sc, false)
}

// demoYear is the last year of the demo's figures, the seed's.
const demoYear = 2018

// loadDemo imports the embedded demo dataset; a second run changes nothing.
func loadDemo(ctx context.Context, st virk.Store, user string) (*virk.ApplyResult, error) {
	res, err := load.Demo(ctx, st, user)
	if err != nil {
		return nil, importError(err)
	}
	return res, nil
}
