package web

import (
	"html/template"
	"net/http"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// unitData is the page of an organisational unit.
type unitData struct {
	Entity   *virk.Entity
	Parent   *virk.Entity
	Children []*virk.Entity
	Sums     []sumTable // indicators that add up over the children
	Rows     []scoreRow // the unit's own indicators
}

// sumTable is one summed indicator (FTE, expenditure) for a unit and its
// children, years as columns.
type sumTable struct {
	Ind     *virk.Indicator
	Periods []string
	Lines   []*kpi.Row // children first, then the unit itself (the sum)
	Chart   template.HTML
	Table   template.HTML
}

func (s *Server) handleUnit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	found, _, err := s.store(r).FindEntities(ctx, virk.EntityFilter{})
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
	query := kpi.Query{EntityIDs: []string{id}}
	for _, e := range kpi.TreeOrder(found) {
		if e.ParentID == id {
			d.Children = append(d.Children, e)
			query.EntityIDs = append(query.EntityIDs, e.ID)
		}
	}
	l, err := kpi.Load(ctx, s.store(r), query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var own, summed []*virk.Indicator
	for _, ind := range l.Indicators {
		if ind.Rolls() && len(d.Children) > 0 {
			summed = append(summed, ind)
		} else {
			own = append(own, ind)
		}
	}
	lang := language(r)
	members := append(append([]*virk.Entity{}, d.Children...), d.Entity)
	sums, err := kpi.Build(l.Cube, summed, members, nil, kpi.Options{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	byInd := map[string][]*kpi.Row{}
	for _, row := range sums.Rows {
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
		t.Chart, t.Table = unitChart(lang, ind, rows)
		d.Sums = append(d.Sums, t)
	}
	sc, err := kpi.Build(l.Cube, own, []*virk.Entity{d.Entity}, l.Annotations, kpi.Options{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, row := range sc.Rows {
		d.Rows = append(d.Rows, scoreRow{Row: row, Spark: sparkline(row)})
	}
	p := &page{Nav: "scorecard", Data: d}
	p.Title = d.Entity.Name
	s.render(w, r, "unit", p)
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
