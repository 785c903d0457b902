package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

func runBatches(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("batches", "")
	addDBFlag(fs, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	bs, err := st.FindBatches(ctx)
	if err != nil {
		return err
	}
	t := &textTable{header: []string{"Nr.", "Tidspunkt", "Bruker", "Filer", "Nye", "Endrede"}, right: []bool{true, false, false, false, true, true}}
	for _, b := range bs {
		var names []string
		for _, f := range b.Files {
			names = append(names, f.Name)
		}
		s := b.Summary
		added := s.Indicators.Added + s.Entities.Added + s.Observations.Added + s.Annotations.Added
		changed := s.Indicators.Changed + s.Entities.Changed + s.Observations.Changed + s.Annotations.Changed
		t.add(fmt.Sprint(b.ID), nb.DateTime(b.CreatedAt.Local()), b.User, strings.Join(names, ", "),
			nb.Number(float64(added), 0), nb.Number(float64(changed), 0))
	}
	return t.write(m.Stdout)
}
