package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// scorecardData is the scorecard page: the filter choices and the rows.
type scorecardData struct {
	Categories []string
	Entities   []entityOption
	Category   string
	Entity     string // the unit filter as given; "" for the home entity
	Home       string // the entity shown by default, with its units
	Rows       []scoreRow
	Total      int // rows in all pages
	Page       int
	Pages      int
	PageURL    func(int) string // nil when there is one page
}

// PageNumbers lists the pages for the pager.
func (d *scorecardData) PageNumbers() []int {
	out := make([]int, d.Pages)
	for i := range out {
		out[i] = i + 1
	}
	return out
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

// pageRows is how many rows one page of the scorecard shows; national
// data has hundreds of thousands.
const pageRows = 250

// allEntities is the unit filter's value for every entity.
const allEntities = "alle"

func (s *Server) handleScorecard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	allInds, _, err := s.store(r).FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	found, _, err := s.store(r).FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	allEnts := kpi.TreeOrder(found)
	q := r.URL.Query()
	d := &scorecardData{Category: q.Get("kategori"), Entity: q.Get("enhet"), Home: homeEntity(allEnts, s.Home)}
	if d.Entity == "" {
		d.Entity = d.Home
	}
	for _, ind := range allInds {
		if ind.Category != "" && !slices.Contains(d.Categories, ind.Category) {
			d.Categories = append(d.Categories, ind.Category)
		}
	}
	depth := map[string]int{}
	for _, e := range allEnts {
		if e.ParentID != "" {
			depth[e.ID] = depth[e.ParentID] + 1
		}
		d.Entities = append(d.Entities, entityOption{e.ID, e.Name, depth[e.ID]})
	}
	// Only what the page shows is read: an entity shows with its units
	// (the default is the home municipality's tree, "alle" is
	// everything), and a category limits the indicators.
	var query kpi.Query
	if d.Entity != allEntities {
		sub := subtree(allEnts, d.Entity)
		if len(sub) == 0 {
			s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", d.Entity))
			return
		}
		for _, e := range sub {
			query.EntityIDs = append(query.EntityIDs, e.ID)
		}
	}
	if d.Category != "" {
		for _, ind := range allInds {
			if ind.Category == d.Category {
				query.IndicatorIDs = append(query.IndicatorIDs, ind.ID)
			}
		}
		if len(query.IndicatorIDs) == 0 {
			s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent kategori «%s»", d.Category))
			return
		}
	}
	l, err := kpi.Load(ctx, s.store(r), query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inds, ents := l.Indicators, l.Entities
	sc, err := kpi.Build(l.Cube, inds, ents, l.Annotations, kpi.Options{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Total = len(sc.Rows)
	d.Page, d.Pages = 1, max(1, (d.Total+pageRows-1)/pageRows)
	if n, err := strconv.Atoi(q.Get("side")); err == nil && n >= 1 && n <= d.Pages {
		d.Page = n
	}
	rows := sc.Rows[(d.Page-1)*pageRows : min(d.Page*pageRows, d.Total)]
	for _, row := range rows {
		d.Rows = append(d.Rows, scoreRow{Row: row, Spark: sparkline(row)})
	}
	if d.Pages > 1 {
		d.PageURL = func(n int) string {
			v := r.URL.Query()
			v.Set("enhet", d.Entity)
			v.Set("side", strconv.Itoa(n))
			return "/?" + v.Encode()
		}
	}
	p := &page{Nav: "scorecard", Data: d}
	p.Title = tr(language(r), "scorecard.title")
	s.render(w, r, "scorecard", p)
}

// homeEntity is the entity the scorecard shows first: the configured one,
// else the one with the most units below it (the municipality whose
// organisation the data describes), else everything.
func homeEntity(ents []*virk.Entity, configured string) string {
	if configured != "" {
		return configured
	}
	below := map[string]int{}
	for _, e := range ents {
		for p := e.ParentID; p != ""; {
			below[p]++
			parent := slices.IndexFunc(ents, func(x *virk.Entity) bool { return x.ID == p })
			if parent < 0 {
				break
			}
			p = ents[parent].ParentID
		}
	}
	best, n := allEntities, 0
	for _, e := range ents {
		if below[e.ID] > n {
			best, n = e.ID, below[e.ID]
		}
	}
	return best
}

// subtree returns root and every entity below it, in the order of ents.
func subtree(ents []*virk.Entity, root string) []*virk.Entity {
	if !slices.ContainsFunc(ents, func(e *virk.Entity) bool { return e.ID == root }) {
		return nil
	}
	in := map[string]bool{root: true}
	for changed := true; changed; {
		changed = false
		for _, e := range ents {
			if !in[e.ID] && e.ParentID != "" && in[e.ParentID] {
				in[e.ID], changed = true, true
			}
		}
	}
	var out []*virk.Entity
	for _, e := range ents {
		if in[e.ID] {
			out = append(out, e)
		}
	}
	return out
}
