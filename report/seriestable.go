package report

import (
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

var seriesTableKeys = []string{
	"title", "entity", "indicators", "indicator", "entities", "children", "from", "to",
	"heading", "sum", "sum-label", "change-column", "change-rows", "change-label",
	"share", "share-label", "indent", "note", "label.ID",
}

// seriesTable has years as columns and indicators or entities as rows,
// with optional annual changes (as a column for the last year, or as a row
// under chosen rows), a sum row and a column of shares.
type seriesTable struct {
	title, heading, note string
	rows                 []rowSpec
	from, to             virk.Period
	sum                  *virk.Entity
	sumLabel             string
	changeCol            bool
	changeRows           []string
	changeLabel          string
	share                map[string]*virk.Indicator
	shareLabel           string
	indent               []string
}

func parseSeriesTable(r *reader) block {
	t := &seriesTable{title: r.required("title")}
	var parent *virk.Entity
	t.rows, parent = rowsOf(r)
	t.from, t.to = r.periods()
	ids := rowIDs(t.rows)
	if p := r.get("sum"); p != nil {
		switch {
		case len(t.rows) > 0 && t.rows[0].ind != nil && r.has("indicators"):
			r.fail(p.Line, "«sum» gjelder rader av enheter («indicator» med «entities» eller «children»)")
		case p.Value == "ja" && parent != nil:
			t.sum = parent
		default:
			t.sum = r.resolveEntity(p, p.Value)
		}
	}
	t.sumLabel = r.text("sum-label", "Sum")
	if t.sum != nil {
		ids = append(ids, "sum")
	}
	t.changeCol = r.boolean("change-column", false)
	if p := r.get("change-rows"); p != nil {
		switch p.Value {
		case "alle", "all":
			t.changeRows = ids
		default:
			p.used = false // read again as a list of rows
			t.changeRows = r.ids("change-rows", ids)
		}
	}
	t.changeLabel = r.text("change-label", "Årlig endring i %")
	if p := r.get("share"); p != nil {
		t.share = map[string]*virk.Indicator{}
		for _, pair := range list(p.Value) {
			row, id, ok := strings.Cut(pair, "=")
			row, id = strings.TrimSpace(row), strings.TrimSpace(id)
			if !ok || row == "" || id == "" {
				r.fail(p.Line, "%s i «share» er ikke på formen RAD=INDIKATOR (f.eks. lonn=lonn_andel)", quote(pair))
				continue
			}
			if !slices.Contains(ids, row) {
				r.fail(p.Line, "%s i «share» er ikke en rad i tabellen (forventet %s)", quote(row), orList(ids))
			}
			if ind := r.resolveIndicator(p, id); ind != nil {
				t.share[row] = ind
			}
		}
	}
	t.shareLabel = r.text("share-label", "Andel "+periodLabel(t.to))
	t.indent = r.ids("indent", ids)
	t.note = r.text("note", "")
	def := ""
	if len(t.rows) > 0 && t.rows[0].ind != nil {
		def = capitalize(t.rows[0].ind.Unit.Name)
	}
	t.heading = r.text("heading", def)
	applyLabels(t.rows, r.labels(ids))
	return t
}

func (t *seriesTable) need(n *needs) {
	for _, rw := range t.rows {
		n.ind(rw.ind)
		n.ent(rw.ent)
	}
	n.ent(t.sum)
	for _, ind := range t.share {
		n.ind(ind)
	}
}

func (t *seriesTable) render(d *data, out *blockOut) {
	periods := periodRange(t.from, t.to)
	head := Row{Cells: []Cell{headCell(t.heading)}}
	for _, p := range periods {
		head.Cells = append(head.Cells, headCell(periodLabel(p)))
	}
	if t.changeCol {
		head.Cells = append(head.Cells, headCell("Prosentvis endring "+periodLabel(kpi.YearAgo(t.to))+"/"+periodLabel(t.to)))
	}
	if t.share != nil {
		head.Cells = append(head.Cells, headCell(t.shareLabel))
	}
	tab := &Table{Caption: t.title, Head: []Row{head}}
	type line struct {
		spec rowSpec
		s    kpi.Series
	}
	lines := make([]line, 0, len(t.rows)+1)
	var ents []*virk.Entity
	for _, rw := range t.rows {
		lines = append(lines, line{rw, d.series(rw.ind, rw.ent)})
		ents = append(ents, rw.ent)
	}
	if t.sum != nil && len(t.rows) > 0 {
		ind := t.rows[0].ind
		lines = append(lines, line{rowSpec{id: "sum", label: t.sumLabel, ind: ind, ent: t.sum}, d.sumSeries(ind, t.sum, ents)})
	}
	for _, l := range lines {
		row := Row{Cells: []Cell{rowHead(l.spec.label)}}
		switch {
		case l.spec.id == "sum":
			row.Class = "sum"
		case slices.Contains(t.indent, l.spec.id):
			row.Class = "indent"
		}
		hasValue := false
		for _, p := range periods {
			c := valueCell(l.s, p, l.spec.ind)
			hasValue = hasValue || c.Value != nil
			row.Cells = append(row.Cells, c)
		}
		if !hasValue {
			out.warnf("%s har ingen verdier for %s i %s–%s", quote(l.spec.ind.ID), quote(l.spec.ent.ID), t.from, t.to)
		}
		if t.changeCol {
			row.Cells = append(row.Cells, changeCell(l.s, t.to))
		}
		if t.share != nil {
			if ind := t.share[l.spec.id]; ind != nil {
				row.Cells = append(row.Cells, valueCell(d.series(ind, l.spec.ent), t.to, ind))
			} else {
				row.Cells = append(row.Cells, emptyCell())
			}
		}
		tab.Body = append(tab.Body, row)
		if slices.Contains(t.changeRows, l.spec.id) {
			tab.Body = append(tab.Body, changeRow(t.changeLabel, l.s, periods, head.columns()))
		}
	}
	tab.Notes = noteList(breakNotes(d, t.rows, t.from, t.to), t.note)
	out.table = tab
}

// changeCell is the change in percent of the value in period p from the
// same period a year earlier, (vₚ / vₚ₋₁ − 1) × 100 from package kpi, with
// one decimal.
func changeCell(s kpi.Series, p virk.Period) Cell {
	v, ok := s.ChangePct(p)
	if !ok {
		return missingCell()
	}
	return numCell(v, 1, true)
}

// changeRow is a row of annual changes of s, empty under the first year
// (whose change the table has no column for); with half-years or months,
// under the periods of the first year.
func changeRow(label string, s kpi.Series, periods []virk.Period, width int) Row {
	row := Row{Class: "change", Cells: []Cell{rowHead(label)}}
	for i, p := range periods {
		if i < p.Freq.PerYear() {
			row.Cells = append(row.Cells, emptyCell())
			continue
		}
		row.Cells = append(row.Cells, changeCell(s, p))
	}
	for len(row.Cells) < width {
		row.Cells = append(row.Cells, emptyCell())
	}
	return row
}
