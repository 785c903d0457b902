package report

import (
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
)

var kpiTableKeys = []string{"title", "entity", "indicators", "from", "to", "trend", "direction-label", "group", "note", "label.ID"}

// kpiTable is the LDIP table: one row per indicator with the desired
// direction, the values from the base year on, and the average yearly
// change over the last years judged against the direction.
type kpiTable struct {
	title, dirLabel, group, note string
	rows                         []rowSpec
	from, to                     virk.Period
	trend                        int
}

func parseKPITable(r *reader) block {
	t := &kpiTable{title: r.required("title")}
	ent := r.entity("entity", r.meta.Entity)
	for _, ind := range r.indicators("indicators", true) {
		t.rows = append(t.rows, rowSpec{id: ind.ID, label: ind.LabelNB, ind: ind, ent: ent})
	}
	t.from, t.to = r.periods()
	t.trend = r.count("trend", r.meta.TrendYears, 1, 20)
	t.dirLabel = r.text("direction-label", "Ønsket retning")
	t.group = r.text("group", "")
	t.note = r.text("note", "")
	applyLabels(t.rows, r.labels(rowIDs(t.rows)))
	return t
}

func (t *kpiTable) need(n *needs) {
	for _, rw := range t.rows {
		n.ind(rw.ind)
		n.ent(rw.ent)
	}
}

func (t *kpiTable) render(d *data, out *blockOut) {
	periods := periodRange(t.from, t.to)
	head := Row{Cells: []Cell{headCell("KPI"), headCell(t.dirLabel)}}
	for i, p := range periods {
		c := headCell(periodLabel(p))
		if i == 0 { // «Utgangsår», «Utgangshalvår», «Utgangsmåned»
			c.Text += " Utgangs" + freqWord(p.Freq)
		}
		head.Cells = append(head.Cells, c)
	}
	head.Cells = append(head.Cells, headCell("Årlig trend siste "+itoa(t.trend)+" år (snitt pr. år)"))
	tab := &Table{Caption: t.title, Head: []Row{head}}
	if t.group != "" {
		tab.Body = append(tab.Body, Row{Class: "group", Cells: []Cell{{Text: t.group, Header: true, Scope: "rowgroup", Span: head.columns()}}})
	}
	for _, rw := range t.rows {
		s := d.series(rw.ind, rw.ent)
		row := Row{Cells: []Cell{rowHead(rw.label), directionCell(rw.ind.Direction)}}
		hasValue := false
		for _, p := range periods {
			c := valueCell(s, p, rw.ind)
			hasValue = hasValue || c.Value != nil
			row.Cells = append(row.Cells, c)
		}
		if !hasValue {
			out.warnf("%s har ingen verdier for %s i %s–%s", quote(rw.ind.ID), quote(rw.ent.ID), t.from, t.to)
		}
		row.Cells = append(row.Cells, trendCell(s, rw.ind, t.to, t.trend))
		tab.Body = append(tab.Body, row)
	}
	tab.Notes = noteList(breakNotes(d, t.rows, t.from, t.to), t.note)
	out.table = tab
}

// directionCell shows the desired direction as an arrow and the LDIP
// number (−1, 1), read as words.
func directionCell(dir virk.Direction) Cell {
	v := float64(dir)
	c := Cell{Value: &v, Class: "dir"}
	switch dir {
	case virk.Up:
		c.Text, c.Label = "↑ 1", "opp (1): høyere er bedre"
	case virk.Down:
		c.Text, c.Label = "↓ "+nb.Minus+"1", "ned ("+nb.Minus+"1): lavere er bedre"
	default:
		c.Text, c.Label = "0", "ingen ønsket retning (0)"
	}
	return c
}

// trendCell is the average yearly change over the n years up to period
// to (for a half-year, from the same half-year n years before), in the
// indicator's unit and decimals (percentage points for percent, printed
// with « %» as the LDIP tables do), judged against the direction.
func trendCell(s kpi.Series, ind *virk.Indicator, to virk.Period, n int) Cell {
	tr, ok := s.Trend(to, n)
	if !ok {
		return missingCell()
	}
	c := numCell(tr, ind.Unit.Decimals, ind.Unit.IsPercent())
	j := kpi.Judge(tr, ind.Direction, ind.Unit.Decimals)
	c.Class = string(j)
	words := map[kpi.Judgement]string{
		kpi.Good: "i ønsket retning", kpi.Bad: "mot ønsket retning",
		kpi.Flat: "uendret", kpi.Neutral: "uten ønsket retning",
	}[j]
	if ind.Unit.IsPercent() { // read the points as points
		c.Label = strings.TrimSuffix(c.Text, nb.GroupSep+"%") + " prosentpoeng per år, " + words
	} else {
		c.Label = c.Text + " per år, " + words
	}
	return c
}
