package report

import (
	"fmt"
	"slices"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/peer"
)

var profileKeys = []string{"title", "entity", "group", "year", "indicators", "compare", "note", "label.ID"}

// profileBlock is a service profile computed from the members' own
// figures (package peer): the municipality, the group's mean, weighted
// mean, lowest and highest with who holds them, rank and index, where the
// peer-table block shows stored group figures.
type profileBlock struct {
	title, note string
	ent         *virk.Entity
	inds        []*virk.Indicator
	compare     []*virk.Entity
	group       *peer.Group
	index       *peer.Index
	members     []string
	year        int
	labels      map[string]string
}

func parseProfile(r *reader) block {
	t := &profileBlock{title: r.required("title")}
	t.ent = r.entity("entity", r.meta.Entity)
	t.inds = r.indicators("indicators", true)
	t.compare = r.entities("compare")
	t.year = r.year("year", r.meta.Year)
	t.note = r.text("note", "")
	t.group = peer.ASSS()
	switch p := r.get("group"); {
	case p == nil || p.Value == "asss":
	case p.Value == peer.OwnKOSTRAID:
		if t.ent == nil {
			break
		}
		g, err := peer.OwnKOSTRA(r.cat.groups, t.ent, t.year)
		if err != nil {
			r.fail(p.Line, "%s (lagre KOSTRA-gruppene med «virk kostra groups»)", virk.ErrorMessage(err))
			break
		}
		t.group = g
	default:
		g := peer.FindStored(r.cat.groups, p.Value)
		if g == nil {
			ids := []string{"asss", peer.OwnKOSTRAID}
			for _, sg := range r.cat.groups {
				ids = append(ids, sg.ID)
			}
			r.fail(p.Line, "ukjent sammenligningsgruppe %s (forventet %s; «virk groups» lister de lagrede)", quote(p.Value), orList(ids))
			break
		}
		t.group = g
	}
	var ents []*virk.Entity
	for _, id := range r.cat.entIDs {
		ents = append(ents, r.cat.ents[id])
	}
	t.index = peer.NewIndex(ents)
	t.members, _ = t.group.MemberIDs(t.year, t.index)
	var ids []string
	for _, ind := range t.inds {
		ids = append(ids, ind.ID)
	}
	t.labels = r.labels(ids)
	return t
}

func (t *profileBlock) need(n *needs) {
	n.ind(t.inds...)
	if t.ent != nil {
		n.ent(t.ent)
	}
	n.ent(t.compare...)
	ids := slices.Clone(t.members)
	if st := t.group.Stored; st != nil {
		ids = append(ids, st.Mean, st.Min, st.Max) // the published figures, when members have none
	}
	for _, id := range ids {
		if e := t.index.Entity(id); e != nil {
			n.ent(e)
		}
	}
}

func (t *profileBlock) render(d *data, out *blockOut) {
	if t.ent == nil {
		return
	}
	q := peer.Query{Entity: t.ent.ID, Group: t.group, Index: t.index, Year: t.year, Years: -1}
	for _, ind := range t.inds {
		q.Indicators = append(q.Indicators, ind.ID)
	}
	for _, e := range t.compare {
		q.Compare = append(q.Compare, e.ID)
	}
	p, err := peer.Build(d.cube, q)
	if err != nil {
		out.failf("virk service-profile: %s", virk.ErrorMessage(err))
		return
	}
	head := Row{Cells: []Cell{headCell("Indikator"), headCell(t.ent.Name), headCell("Snitt " + p.GroupName),
		headCell("Vektet snitt"), headCell("Lavest"), headCell("Høyest"), headCell("Rang"), headCell("Indeks")}}
	for _, e := range t.compare {
		head.Cells = append(head.Cells, headCell(e.Name))
	}
	tab := &Table{Caption: fmt.Sprintf("%s %d", t.title, t.year), Head: []Row{head}}
	for i, row := range p.Rows {
		ind := t.inds[i]
		pct := ind.Unit.IsPercent()
		cell := func(v *float64, dec int) Cell {
			if v == nil {
				return missingCell()
			}
			return numCell(*v, dec, pct)
		}
		extreme := func(x *peer.Extreme) Cell {
			if x == nil {
				return missingCell()
			}
			c := numCell(x.Value, ind.Unit.Decimals, pct)
			if x.Name != "" {
				c.Text += " (" + x.Name + ")"
			}
			return c
		}
		label := ind.LabelNB
		if l, ok := t.labels[ind.ID]; ok {
			label = l
		}
		r := Row{Cells: []Cell{rowHead(label), cell(row.Value, ind.Unit.Decimals), cell(row.Mean, ind.Unit.Decimals),
			cell(row.Weighted, ind.Unit.Decimals), extreme(row.Min), extreme(row.Max)}}
		rank := missingCell()
		if row.Rank > 0 {
			rank = Cell{Text: fmt.Sprintf("%d av %d", row.Rank, row.N)}
		}
		idx := missingCell()
		if row.Index != nil {
			idx = numCell(*row.Index, 0, false)
		}
		r.Cells = append(r.Cells, rank, idx)
		for _, c := range row.Compare {
			r.Cells = append(r.Cells, cell(c.Value, ind.Unit.Decimals))
		}
		if row.Value == nil {
			out.warnf("%s har ingen verdi for %s i %d", quote(ind.ID), t.ent.ID, t.year)
		}
		tab.Body = append(tab.Body, r)
	}
	notes := []string{"Indeks: " + t.ent.Name + " mot snittet av de andre medlemmene = 100. Vektet snitt: sum av tellere over sum av nevnere, som SSB regner gruppesnitt."}
	if slices.ContainsFunc(p.Rows, func(r *peer.Row) bool { return r.Published }) {
		notes = append(notes, "Gruppetallene er de publiserte, fordi for få medlemmer har egne tall.")
	}
	notes = append(notes, p.Notes...)
	tab.Notes = noteList(notes, t.note)
	out.table = tab
}
