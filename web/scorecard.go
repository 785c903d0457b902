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
	Entities   template.HTML // the unit filter's options, written by entityOptions
	Category   string
	Entity     string        // the unit filter as given; "" for the home entity
	Home       string        // the entity shown by default, with its units
	Rows       template.HTML // the table's rows, written by scoreRows
	Pager      pager
}

// pager is where a long table's page is among its pages of pageRows
// rows. The page number is the URL's "side".
type pager struct {
	Total   int // rows in all pages
	Page    int
	Pages   int
	PageURL func(int) string // nil when there is one page
}

// newPager returns the pager of a table of total rows in pages (at
// least one) at the page r asks for; url gives the address of a page. A
// page number that is not one of the pages shows the first.
func newPager(r *http.Request, total, pages int, url func(int) string) pager {
	p := pager{Total: total, Page: 1, Pages: max(1, pages)}
	if n, err := strconv.Atoi(r.URL.Query().Get("side")); err == nil && n >= 1 && n <= p.Pages {
		p.Page = n
	}
	if p.Pages > 1 {
		p.PageURL = url
	}
	return p
}

// From is the first row of the page, counted from 0.
func (p pager) From() int { return (p.Page - 1) * pageRows }

// To is the row after the page's last.
func (p pager) To() int { return p.Page * pageRows }

// pagerWindow is how many pages on each side of the current one the
// pager links to; the first and last are always there.
const pagerWindow = 3

// PageNumbers lists the pages for the pager: every page when they are
// few, else the first, the last and those near the current one, with 0
// where pages are left out, so that a table of a thousand pages does not
// get a thousand links.
func (p pager) PageNumbers() []int {
	var out []int
	for n := 1; n <= p.Pages; n++ {
		near := n >= p.Page-pagerWindow && n <= p.Page+pagerWindow
		if p.Pages <= 2*pagerWindow+3 || n == 1 || n == p.Pages || near {
			out = append(out, n)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// entityOptions returns the unit filter's options: every entity, its
// name indented by its depth in the tree, the one shown selected. It is
// written in Go, as the template's range wrote it, since national data
// has hundreds of entities on every page.
func entityOptions(ents []*virk.Entity, selected string) template.HTML {
	var b strings.Builder
	b.Grow(len(ents) * 60)
	depth := map[string]int{}
	for _, e := range ents {
		if e.ParentID != "" {
			depth[e.ID] = depth[e.ParentID] + 1
		}
		b.WriteString(`<option value="`)
		writeHTML(&b, e.ID)
		b.WriteString(`"`)
		if e.ID == selected {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		for range depth[e.ID] {
			b.WriteString("\u00a0\u00a0")
		}
		writeHTML(&b, e.Name)
		b.WriteString("</option>")
	}
	return template.HTML(b.String()) // safe: every text is escaped as html/template escapes it
}

// pageRows is how many rows one page of the scorecard shows; national
// data has hundreds of thousands.
const pageRows = 250

// allEntities is the unit filter's value for every entity.
const allEntities = "alle"

func (s *Server) handleScorecard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	x, allInds, found, err := s.rowIndex(r)
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
	d.Entities = entityOptions(allEnts, d.Entity)
	// Only what the page shows is read: an entity shows with its units
	// (the default is the home municipality's tree, "alle" is
	// everything), and a category limits the indicators. The index
	// counts the rows, and only the page's rows are built.
	ents := allEnts
	if d.Entity != allEntities {
		if ents = subtree(allEnts, d.Entity); len(ents) == 0 {
			s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", d.Entity))
			return
		}
	}
	inds := allInds
	if d.Category != "" {
		inds = nil
		for _, ind := range allInds {
			if ind.Category == d.Category {
				inds = append(inds, ind)
			}
		}
		if len(inds) == 0 {
			s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent kategori «%s»", d.Category))
			return
		}
	}
	ids := make([]string, len(ents))
	for i, e := range ents {
		ids[i] = e.ID
	}
	st := s.store(r)
	if err := x.Ensure(ctx, st, ids); err != nil {
		s.fail(w, r, err)
		return
	}
	total := x.Count(inds, ents)
	d.Pager = newPager(r, total, (total+pageRows-1)/pageRows, func(n int) string {
		v := r.URL.Query()
		v.Set("enhet", d.Entity)
		v.Set("side", strconv.Itoa(n))
		return "/?" + v.Encode()
	})
	rows, err := x.Page(ctx, st, inds, ents, d.Pager.From(), d.Pager.To())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := language(r)
	d.Rows = scoreRows(lang, rows, true)
	p := &page{Nav: "scorecard", Data: d}
	p.Title = tr(lang, "scorecard.title")
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

// scoreRows returns the rows of a scorecard table (withEntity: with the
// unit column and the trend's judgement as a class, as the scorecard
// shows it) or of a unit's own figures, each with its sparkline. They are
// written in Go rather than by a range in the template, since a page of
// 250 rows calls a dozen template functions a row through reflection,
// which cost more than the rest of the page. The markup, whitespace and
// escaping are what the templates wrote (TestScoreRows_Template compares
// them with a template of the same rows).
func scoreRows(lang string, rows []*kpi.Row, withEntity bool) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 1400)
	for _, row := range rows {
		b.WriteString("\n  <tr>\n    <th scope=\"row\"><a href=\"/indikator/")
		writeURL(&b, row.Indicator, true)
		b.WriteString("?enhet=")
		writeURL(&b, row.Entity, false)
		b.WriteString(`">`)
		writeHTML(&b, indicatorLabel(lang, row.Label, row.LabelEN))
		b.WriteString("</a>")
		if withEntity {
			if row.Unit != "%" {
				b.WriteString(` <span class="unit">(`)
				writeHTML(&b, row.Unit)
				b.WriteString(")</span>")
			}
			b.WriteString("</th>\n    <td><a href=\"/enhet/")
			writeURL(&b, row.Entity, true)
			b.WriteString(`">`)
			writeHTML(&b, row.EntityName)
			b.WriteString("</a></td>")
		} else {
			b.WriteString("</th>")
		}
		b.WriteString("\n    <td class=\"num\">")
		if l := row.Latest; l != nil {
			writeHTML(&b, formatValue(l.Value, row.Unit, row.Decimals))
			b.WriteString(` <span class="period">`)
			writeHTML(&b, l.Period)
			b.WriteString("</span>")
		}
		b.WriteString("</td>\n    <td class=\"num\">")
		if l := row.Latest; l != nil {
			writeHTML(&b, formatChange(l.ChangePct))
		}
		b.WriteString("</td>\n    <td class=\"spark\">")
		writeSparkline(&b, row)
		b.WriteString("</td>\n    <td class=\"num\">")
		if t := row.Trend; t != nil {
			judge := string(t.Judgement)
			if withEntity {
				b.WriteString(`<span class="judge `)
				writeHTML(&b, judge)
				b.WriteString(`">`)
			}
			b.WriteString(`<span aria-hidden="true">`)
			writeHTML(&b, directionArrow(row.Direction))
			b.WriteString("</span> ")
			writeHTML(&b, formatTrend(t, row.Unit, row.Decimals))
			if withEntity {
				b.WriteString(`<span class="visually-hidden">, `)
				writeHTML(&b, tr(lang, directionKey(row.Direction)))
				b.WriteString(`</span> <span class="judgement">(`)
				writeHTML(&b, tr(lang, "judge."+judge))
				b.WriteString(")</span></span>")
			} else {
				b.WriteString(" (")
				writeHTML(&b, tr(lang, "judge."+judge))
				b.WriteString(")")
			}
		}
		b.WriteString("</td>\n    <td>")
		for _, t := range row.Targets {
			b.WriteString(`<span class="target `)
			writeHTML(&b, string(t.Status))
			b.WriteString(`">`)
			writeHTML(&b, tr(lang, "target."+string(t.Status)))
			b.WriteString("</span>")
		}
		b.WriteString("</td>\n  </tr>\n  ")
	}
	return template.HTML(b.String()) // safe: every text is escaped as html/template escapes it
}
