package main

import (
	"context"
	"fmt"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/nb"
)

// runRevisions lists earlier versions of observations: what a value was,
// which import stored it, and when and by whom it was replaced.
func runRevisions(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("revisions", "[--indicator ID,…] [--entity ID,…] [--from P] [--to P]")
	addDBFlag(fs, &c)
	var f virk.ObservationFilter
	fs.Var((*listFlag)(&f.IndicatorIDs), "indicator", "bare disse indikatorene")
	fs.Var((*listFlag)(&f.EntityIDs), "entity", "bare disse enhetene")
	from := fs.String("from", "", "første periode")
	to := fs.String("to", "", "siste periode")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q", fs.Arg(0))
	}
	var err error
	if f.From, err = optPeriod("--from", *from); err != nil {
		return err
	}
	if f.To, err = optPeriod("--to", *to); err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	revs, err := st.FindRevisions(ctx, f)
	if err != nil {
		return err
	}
	if len(revs) == 0 {
		_, err := fmt.Fprintln(m.Stdout, "Ingen tidligere verdier: ingen av observasjonene er endret etter at de ble lagret.")
		return err
	}
	batches, err := st.FindBatches(ctx)
	if err != nil {
		return err
	}
	user := map[int64]string{}
	for _, b := range batches {
		user[b.ID] = b.User
	}
	t := &textTable{
		header: []string{"Indikator", "Enhet", "Periode", "Tidligere verdi", "Fra batch", "Erstattet", "Av batch", "Bruker"},
		right:  []bool{false, false, false, true, true, false, true, false},
	}
	for _, r := range revs {
		t.add(r.IndicatorID, r.EntityID, r.Period.String(), figureText(r.Observation), fmt.Sprint(r.BatchID),
			nb.DateTime(r.ReplacedAt.Local()), fmt.Sprint(r.ReplacedByBatch), user[r.ReplacedByBatch])
	}
	return t.write(m.Stdout)
}
