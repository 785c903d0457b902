package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// unitData is the page of an organisational unit.
type unitData struct {
	Entity   *virk.Entity
	Parent   *virk.Entity
	Children []*virk.Entity
	Sums     []sumTable    // indicators that add up over the children
	Rows     template.HTML // the unit's own indicators, written by scoreRows
	// Pager pages the sums and rows together, pageRows lines a page: a
	// sum table counts its lines and is never split, a row counts one.
	Pager pager
}

// sumTable is one summed indicator (FTE, expenditure) for a unit and its
// children, years as columns.
type sumTable struct {
	Ind     *virk.Indicator
	Periods []string
	Lines   []*kpi.Row // children first, then the unit itself (the sum)
	Chart   template.HTML
	Body    template.HTML // the table's rows, written by sumRows
}

// unitItem is a sum table or a row of the unit page, before it is built:
// its indicator and the lines it takes.
type unitItem struct {
	ind   *virk.Indicator
	sum   bool
	lines int
}

func (s *Server) handleUnit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	x, allInds, found, err := s.rowIndex(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &unitData{}
	byID := map[string]*virk.Entity{}
	for _, e := range found {
		byID[e.ID] = e
	}
	if d.Entity = byID[id]; d.Entity == nil {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", id))
		return
	}
	d.Parent = byID[d.Entity.ParentID]
	ids := []string{id}
	for _, e := range kpi.TreeOrder(found) {
		if e.ParentID == id {
			d.Children = append(d.Children, e)
			ids = append(ids, e.ID)
		}
	}
	st := s.store(r)
	if err := x.Ensure(ctx, st, ids); err != nil {
		s.fail(w, r, err)
		return
	}
	// What the page holds, from the index: a sum table for an indicator
	// that adds up when the unit and a child have values (the children's
	// lines and the sum), else a row when the unit has a value. The sums
	// come first.
	var sums, own []unitItem
	total := 0
	for _, ind := range allInds {
		if !x.Has(ind.ID, id) {
			continue
		}
		if ind.Rolls() && len(d.Children) > 0 {
			n := 0
			for _, c := range d.Children {
				if x.Has(ind.ID, c.ID) {
					n++
				}
			}
			if n > 0 {
				sums = append(sums, unitItem{ind, true, n + 1})
				total += n + 1
			}
			continue
		}
		own = append(own, unitItem{ind, false, 1})
		total++
	}
	pages := splitItems(append(sums, own...))
	d.Pager = newPager(r, total, len(pages), func(n int) string { return "/enhet/" + url.PathEscape(id) + "?side=" + strconv.Itoa(n) })
	var items []unitItem
	if len(pages) > 0 {
		items = pages[d.Pager.Page-1]
	}
	var summed, mine []*virk.Indicator
	q := kpi.Query{EntityIDs: ids}
	for _, it := range items {
		if it.sum {
			summed = append(summed, it.ind)
		} else {
			mine = append(mine, it.ind)
		}
		q.IndicatorIDs = append(q.IndicatorIDs, it.ind.ID)
	}
	if len(items) == 0 {
		p := &page{Nav: "scorecard", Data: d}
		p.Title = d.Entity.Name
		s.render(w, r, "unit", p)
		return
	}
	l, err := kpi.LoadWith(ctx, st, q, allInds, found)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := language(r)
	members := append(append([]*virk.Entity{}, d.Children...), d.Entity)
	sc, err := kpi.Build(l.Cube, summed, members, nil, kpi.Options{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	byInd := map[string][]*kpi.Row{}
	for _, row := range sc.Rows {
		byInd[row.Indicator] = append(byInd[row.Indicator], row)
	}
	for _, ind := range summed {
		rows := byInd[ind.ID]
		if len(rows) < 2 || rows[len(rows)-1].Entity != id {
			continue // the unit itself has no value, or no child has
		}
		t := sumTable{Ind: ind, Lines: rows}
		for _, v := range rows[len(rows)-1].Values {
			t.Periods = append(t.Periods, v.Period)
		}
		t.Chart = unitChart(lang, ind, rows)
		t.Body = sumRows(t.Periods, rows, id)
		d.Sums = append(d.Sums, t)
	}
	if sc, err = kpi.Build(l.Cube, mine, []*virk.Entity{d.Entity}, l.Annotations, kpi.Options{}); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Rows = scoreRows(lang, sc.Rows, false)
	p := &page{Nav: "scorecard", Data: d}
	p.Title = d.Entity.Name
	s.render(w, r, "unit", p)
}

// splitItems splits items into pages of at most pageRows lines, an item
// that does not fit starting the next page (one larger than a page gets
// a page of its own).
func splitItems(items []unitItem) [][]unitItem {
	var pages [][]unitItem
	start, n := 0, 0
	for i, it := range items {
		if n > 0 && n+it.lines > pageRows {
			pages = append(pages, items[start:i])
			start, n = i, 0
		}
		n += it.lines
	}
	if start < len(items) {
		pages = append(pages, items[start:])
	}
	return pages
}

// sumRows returns the rows of a sum table: a line per unit, the unit
// itself (id) last as the sum, with their values in periods. Like
// scoreRows, they are written in Go, as the template wrote them.
func sumRows(periods []string, lines []*kpi.Row, id string) template.HTML {
	var b strings.Builder
	b.Grow(len(lines) * (100 + 40*len(periods)))
	for _, row := range lines {
		sum := row.Entity == id
		if sum {
			b.WriteString("\n  <tr class=\"sum\">\n    <th scope=\"row\">Sum</th>\n    ")
		} else {
			b.WriteString("\n  <tr>\n    <th scope=\"row\"><a href=\"/enhet/")
			writeURL(&b, row.Entity, true)
			b.WriteString(`">`)
			writeHTML(&b, row.EntityName)
			b.WriteString("</a></th>\n    ")
		}
		for _, p := range periods {
			b.WriteString(`<td class="num">`)
			if v := valueAt(row, p); v != nil {
				writeHTML(&b, formatValue(v.Value, row.Unit, row.Decimals))
			}
			b.WriteString("</td>")
		}
		b.WriteString("\n    <td class=\"num\">")
		if l := row.Latest; l != nil {
			writeHTML(&b, formatChange(l.ChangePct))
		}
		b.WriteString("</td>\n  </tr>\n  ")
	}
	return template.HTML(b.String()) // safe: every text is escaped as html/template escapes it
}

// valueAt returns a row's value in a period, for the sum tables.
func valueAt(row *kpi.Row, period string) *kpi.Value {
	for i := range row.Values {
		if row.Values[i].Period == period {
			return &row.Values[i]
		}
	}
	return nil
}
