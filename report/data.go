package report

import (
	"context"
	"slices"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// catalogue is the store's indicators and entities, for checking the IDs a
// report names before any observation is read.
type catalogue struct {
	inds     map[string]*virk.Indicator
	ents     map[string]*virk.Entity
	indIDs   []string
	entIDs   []string
	children map[string][]*virk.Entity // in catalogue order
	groups   []*virk.PeerGroup         // stored peer groups, when the store has them
}

// peerGroupFinder is a store that holds peer groups (virk.PeerGroupService).
type peerGroupFinder interface {
	FindPeerGroups(ctx context.Context) ([]*virk.PeerGroup, error)
}

func readCatalogue(ctx context.Context, r kpi.Reader) (*catalogue, error) {
	inds, _, err := r.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		return nil, err
	}
	ents, _, err := r.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	c := &catalogue{inds: map[string]*virk.Indicator{}, ents: map[string]*virk.Entity{}, children: map[string][]*virk.Entity{}}
	for _, ind := range inds {
		c.inds[ind.ID] = ind
		c.indIDs = append(c.indIDs, ind.ID)
	}
	for _, e := range ents {
		c.ents[e.ID] = e
		c.entIDs = append(c.entIDs, e.ID)
		if e.ParentID != "" {
			c.children[e.ParentID] = append(c.children[e.ParentID], e)
		}
	}
	slices.Sort(c.indIDs)
	slices.Sort(c.entIDs)
	if f, ok := r.(peerGroupFinder); ok {
		if c.groups, err = f.FindPeerGroups(ctx); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *catalogue) hintIndicator(id string) string {
	if s := suggest(id, c.indIDs); s != "" {
		return "; mente du «" + s + "»?"
	}
	return "; «virk indicators» lister katalogen"
}

func (c *catalogue) hintEntity(id string) string {
	if s := suggest(id, c.entIDs); s != "" {
		return "; mente du «" + s + "»?"
	}
	return ""
}

// needs collects the indicators and entities a report reads, so that one
// kpi.Load reads just those.
type needs struct {
	inds, ents map[string]bool
}

func (n *needs) ind(inds ...*virk.Indicator) {
	for _, i := range inds {
		if i != nil {
			n.inds[i.ID] = true
		}
	}
}

func (n *needs) ent(ents ...*virk.Entity) {
	for _, e := range ents {
		if e != nil {
			n.ents[e.ID] = true
		}
	}
}

// data is what blocks and inline values read: the KPI engine's cube over
// the observations the report needs. Every figure comes from the cube
// (stored values, formulas, roll-ups) and every change, trend and target
// status from package kpi.
type data struct {
	cat        *catalogue
	cube       *kpi.Cube
	anns       []*virk.Annotation
	trendYears int
	rows       map[[2]string]*kpi.Row
	withheld   func(indicator, entity string) bool
}

func loadData(ctx context.Context, r kpi.Reader, cat *catalogue, n *needs, trendYears int) (*data, error) {
	q := kpi.Query{}
	for id := range n.inds {
		q.IndicatorIDs = append(q.IndicatorIDs, id)
	}
	for id := range n.ents {
		q.EntityIDs = append(q.EntityIDs, id)
	}
	slices.Sort(q.IndicatorIDs)
	slices.Sort(q.EntityIDs)
	d := &data{cat: cat, trendYears: trendYears, rows: map[[2]string]*kpi.Row{}}
	if len(q.IndicatorIDs) == 0 || len(q.EntityIDs) == 0 {
		d.cube, _ = kpi.NewCube(nil, nil, nil)
		return d, nil
	}
	l, err := kpi.Load(ctx, r, q)
	if err != nil {
		return nil, err
	}
	d.cube, d.anns = l.Cube, l.Annotations
	return d, nil
}

// series returns the series of ind for ent.
func (d *data) series(ind *virk.Indicator, ent *virk.Entity) kpi.Series {
	return d.cube.Series(ind.ID, ent.ID)
}

// value returns the value of ind for ent in period p.
func (d *data) value(ind *virk.Indicator, ent *virk.Entity, p virk.Period) (float64, bool) {
	return d.series(ind, ent).Value(p)
}

// row returns the scorecard row of ind for ent (trend, targets and
// annotations), or nil when the pair has no values.
func (d *data) row(ind *virk.Indicator, ent *virk.Entity) *kpi.Row {
	k := [2]string{ind.ID, ent.ID}
	if r, ok := d.rows[k]; ok {
		return r
	}
	sc, err := kpi.Build(d.cube, []*virk.Indicator{ind}, []*virk.Entity{ent}, d.anns, kpi.Options{TrendYears: d.trendYears})
	var r *kpi.Row
	if err == nil && len(sc.Rows) == 1 {
		r = sc.Rows[0]
	}
	d.rows[k] = r
	return r
}

// breaks returns the series breaks of ind for ent that start after from
// and no later than to, with their texts. A break is placed in the
// frequency of from and to: one written 2018 starts at 2018H1 in a table
// of half-years.
func (d *data) breaks(ind *virk.Indicator, ent *virk.Entity, from, to virk.Period) []kpi.RowNote {
	r := d.row(ind, ent)
	if r == nil {
		return nil
	}
	var out []kpi.RowNote
	for _, n := range r.Annotations {
		if n.Kind != string(virk.AnnotationBreak) {
			continue
		}
		if _, ok := breakIndex(n, from, to); ok {
			out = append(out, n)
		}
	}
	return out
}

// breakIndex returns how many periods after from the break n starts, when
// that is in (from, to].
func breakIndex(n kpi.RowNote, from, to virk.Period) (int, bool) {
	p, err := virk.ParsePeriod(n.Period)
	if err != nil || from.IsZero() || from.Freq != to.Freq {
		return 0, false
	}
	i := align(p, from.Freq).Index()
	if i <= from.Index() || i > to.Index() {
		return 0, false
	}
	return i - from.Index(), true
}

// sumSeries returns the series of ind for the entity total, and where the
// cube has no value for it in a period, the sum of the rows' series: the
// total of the units a table shows. The sum is the cube's own roll-up, run
// on a cube holding just those rows under one parent, so that the rule is
// the KPI engine's (every unit must have a value; preliminary values make a
// preliminary sum). Indicators that do not add up get no such sum.
func (d *data) sumSeries(ind *virk.Indicator, total *virk.Entity, rows []*virk.Entity) kpi.Series {
	own := d.series(ind, total)
	if !ind.Rolls() || len(rows) == 0 {
		return own
	}
	const parent = "(sum)" // not a valid catalogue ID, so it cannot clash with a row
	ents := []*virk.Entity{{ID: parent, Name: parent, Kind: virk.KindGroup}}
	var obs []*virk.Observation
	for _, e := range rows {
		ents = append(ents, &virk.Entity{ID: e.ID, Name: e.Name, Kind: virk.KindUnit, ParentID: parent})
		for _, p := range d.series(ind, e) {
			obs = append(obs, &virk.Observation{IndicatorID: ind.ID, EntityID: e.ID, Period: p.Period, Value: p.Value, Status: p.Status})
		}
	}
	plain := &virk.Indicator{ID: ind.ID, LabelNB: ind.LabelNB, Unit: ind.Unit, Rollup: ind.Rollup}
	c, err := kpi.NewCube([]*virk.Indicator{plain}, ents, obs)
	if err != nil {
		return own
	}
	sum := c.Series(ind.ID, parent)
	out := slices.Clone(own)
	for _, p := range sum {
		if _, ok := own.At(p.Period); !ok {
			out = append(out, p)
		}
	}
	out.Sort()
	return out
}
