package report

import (
	"github.com/virk-analyse/virk"
)

var peerTableKeys = []string{"title", "indicators", "entities", "year", "heading", "note", "label.ID"}

// peerTable is a service profile (tjenesteprofil): one row per indicator
// and one column per entity, such as the municipality, the ASSS average,
// lowest and highest, and a neighbour, for one year.
type peerTable struct {
	title, heading, note string
	inds                 []*virk.Indicator
	ents                 []*virk.Entity
	labels               map[string]string
	year                 int
}

func parsePeerTable(r *reader) block {
	t := &peerTable{title: r.required("title")}
	t.inds = r.indicators("indicators", true)
	if !r.has("entities") {
		r.fail(r.b.Line, "virk peer-table mangler nøkkelen «entities» (kolonnene, f.eks. baerum, asss_snitt, asss_lavest, asss_hoyest, asker)")
	}
	t.ents = r.entities("entities")
	t.year = r.year("year", r.meta.Year)
	t.heading = r.text("heading", "Indikator")
	t.note = r.text("note", "")
	var ids []string
	for _, ind := range t.inds {
		ids = append(ids, ind.ID)
	}
	for _, e := range t.ents {
		ids = append(ids, e.ID)
	}
	t.labels = r.labels(ids)
	return t
}

func (t *peerTable) need(n *needs) {
	n.ind(t.inds...)
	n.ent(t.ents...)
}

func (t *peerTable) label(id, def string) string {
	if l, ok := t.labels[id]; ok {
		return l
	}
	return def
}

func (t *peerTable) render(d *data, out *blockOut) {
	head := Row{Cells: []Cell{headCell(t.heading)}}
	for _, e := range t.ents {
		head.Cells = append(head.Cells, headCell(t.label(e.ID, e.Name)))
	}
	tab := &Table{Caption: t.title, Head: []Row{head}}
	for _, ind := range t.inds {
		row := Row{Cells: []Cell{rowHead(t.label(ind.ID, ind.LabelNB))}}
		hasValue := false
		for _, e := range t.ents {
			c := valueCell(d.series(ind, e), virk.YearPeriod(t.year), ind)
			hasValue = hasValue || c.Value != nil
			row.Cells = append(row.Cells, c)
		}
		if !hasValue {
			out.warnf("%s har ingen verdier i %d for enhetene i tabellen", quote(ind.ID), t.year)
		}
		tab.Body = append(tab.Body, row)
	}
	tab.Notes = noteList(nil, t.note)
	out.table = tab
}
