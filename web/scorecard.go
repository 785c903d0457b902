package web

import (
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// scorecardData is the scorecard page: the filter choices and the rows.
type scorecardData struct {
	Categories []string
	Entities   []entityOption
	Category   string
	Entity     string
	Rows       []scoreRow
}

type entityOption struct {
	ID, Name string
	Depth    int
}

// Indent returns the option's name indented by its depth in the tree.
func (o entityOption) Indent() string { return strings.Repeat("\u00a0\u00a0", o.Depth) + o.Name }

type scoreRow struct {
	*kpi.Row
	Spark template.HTML
}

func (s *Server) handleScorecard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	l, err := kpi.Load(ctx, s.Store, kpi.Query{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &scorecardData{Category: r.URL.Query().Get("kategori"), Entity: r.URL.Query().Get("enhet")}
	for _, ind := range l.Indicators {
		if ind.Category != "" && !slices.Contains(d.Categories, ind.Category) {
			d.Categories = append(d.Categories, ind.Category)
		}
	}
	depth := map[string]int{}
	for _, e := range l.Entities {
		if e.ParentID != "" {
			depth[e.ID] = depth[e.ParentID] + 1
		}
		d.Entities = append(d.Entities, entityOption{e.ID, e.Name, depth[e.ID]})
	}
	inds := l.Indicators
	if d.Category != "" {
		inds = slices.DeleteFunc(slices.Clone(inds), func(ind *virk.Indicator) bool { return ind.Category != d.Category })
	}
	ents := l.Entities
	if d.Entity != "" {
		ents = slices.DeleteFunc(slices.Clone(ents), func(e *virk.Entity) bool { return e.ID != d.Entity })
		if len(ents) == 0 {
			s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", d.Entity))
			return
		}
	}
	sc, err := kpi.Build(l.Cube, inds, ents, l.Annotations, kpi.Options{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, row := range sc.Rows {
		d.Rows = append(d.Rows, scoreRow{Row: row, Spark: sparkline(row)})
	}
	p := &page{Nav: "scorecard", Data: d}
	p.Title = tr(language(r), "scorecard.title")
	s.render(w, r, "scorecard", p)
}
