package report

import (
	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

var entityTableKeys = []string{"title", "indicators", "entities", "children", "years", "from", "to", "heading", "sum", "sum-label", "note", "label.ID"}

// entityTable has entities as rows and, for each year, one column per
// indicator: the §6.1.6 table of employees with minority background by
// area, 2017 and 2018, with a total row.
type entityTable struct {
	title, heading, note, sumLabel string
	inds                           []*virk.Indicator
	ents                           []*virk.Entity
	labels                         map[string]string
	years                          []int
	sum                            *virk.Entity
}

func parseEntityTable(r *reader) block {
	t := &entityTable{title: r.required("title")}
	t.inds = r.indicators("indicators", true)
	var parent *virk.Entity
	switch {
	case r.has("entities") && r.has("children"):
		r.fail(r.paramLine("children"), "virk entity-table: bruk enten «entities» eller «children», ikke begge")
	case r.has("entities"):
		t.ents = r.entities("entities")
	case r.has("children"):
		parent, t.ents = r.children("children")
	default:
		r.fail(r.b.Line, "virk entity-table mangler rader: «entities» (enhets-IDer) eller «children» (en enhet hvis underenheter blir rader)")
	}
	if r.has("years") {
		if r.has("from") || r.has("to") {
			r.fail(r.paramLine("years"), "bruk enten «years» eller «from» og «to»")
		}
		t.years = r.yearList("years")
	} else {
		t.years = yearRange(r.years())
	}
	if p := r.get("sum"); p != nil {
		if p.Value == "ja" && parent != nil {
			t.sum = parent
		} else {
			t.sum = r.resolveEntity(p, p.Value)
		}
	}
	t.sumLabel = r.text("sum-label", "Sum")
	t.heading = r.text("heading", "Enhet")
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

func (t *entityTable) need(n *needs) {
	n.ind(t.inds...)
	n.ent(t.ents...)
	n.ent(t.sum)
}

func (t *entityTable) label(id, def string) string {
	if l, ok := t.labels[id]; ok {
		return l
	}
	return def
}

func (t *entityTable) render(d *data, out *blockOut) {
	tab := &Table{Caption: t.title}
	corner := headCell(t.heading)
	switch {
	case len(t.years) > 1 && len(t.inds) > 1:
		corner.RowSpan = 2
		top := Row{Cells: []Cell{corner}}
		sub := Row{}
		for _, y := range t.years {
			top.Cells = append(top.Cells, Cell{Text: itoa(y), Header: true, Scope: "colgroup", Span: len(t.inds)})
			for _, ind := range t.inds {
				sub.Cells = append(sub.Cells, headCell(t.label(ind.ID, ind.LabelNB)))
			}
		}
		tab.Head = []Row{top, sub}
	case len(t.inds) > 1:
		h := Row{Cells: []Cell{corner}}
		for _, ind := range t.inds {
			h.Cells = append(h.Cells, headCell(t.label(ind.ID, ind.LabelNB)+" "+itoa(t.years[0])))
		}
		tab.Head = []Row{h}
	default:
		h := Row{Cells: []Cell{corner}}
		for _, y := range t.years {
			h.Cells = append(h.Cells, headCell(itoa(y)))
		}
		tab.Head = []Row{h}
	}
	addRow := func(label, class string, series func(ind *virk.Indicator) kpi.Series) {
		row := Row{Class: class, Cells: []Cell{rowHead(label)}}
		for _, y := range t.years {
			for _, ind := range t.inds {
				row.Cells = append(row.Cells, valueCell(series(ind), y, ind))
			}
		}
		tab.Body = append(tab.Body, row)
	}
	for _, e := range t.ents {
		addRow(t.label(e.ID, e.Name), "", func(ind *virk.Indicator) kpi.Series { return d.series(ind, e) })
	}
	if t.sum != nil {
		addRow(t.sumLabel, "sum", func(ind *virk.Indicator) kpi.Series { return d.sumSeries(ind, t.sum, t.ents) })
	}
	var rows []rowSpec
	for _, ind := range t.inds {
		for _, e := range t.ents {
			rows = append(rows, rowSpec{id: e.ID, label: e.Name + ", " + ind.LabelNB, ind: ind, ent: e})
		}
	}
	if len(t.years) > 0 {
		tab.Notes = noteList(breakNotes(d, rows, t.years[0], t.years[len(t.years)-1]), t.note)
	}
	out.table = tab
}
