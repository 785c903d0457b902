package peer

import (
	"context"
	"slices"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// DefaultCategory is the indicator category a profile shows when the
// request names no indicators: the service-profile indicators.
const DefaultCategory = "Tjenesteprofil"

// Request is a service profile to read from a store.
type Request struct {
	Entity string
	Group  *Group
	// Year is the profile's year; 0 takes the last year in which the
	// entity has a value of any of the indicators.
	Year int
	// Indicators are the rows; empty takes the DefaultCategory, or every
	// indicator when that category is empty.
	Indicators []string
	Compare    []string
	Years      int // as Query.Years
	// Register tells which municipalities merged, for the notes; nil
	// means KLASS131.
	Register *Register
	// BackCalculate shows merged municipalities' years before their
	// merger as the sum of their parts (BackCalculated), so that the
	// earlier years compare them on their present borders.
	BackCalculate bool
}

// Load reads what the request needs from r and builds the profile. Every
// entity's observations of the indicators are read, since the group's
// members are known only by number.
func Load(ctx context.Context, r kpi.Reader, req Request) (*Profile, error) {
	if req.Group == nil {
		return nil, virk.Errorf(virk.EINVALID, "velg en sammenligningsgruppe")
	}
	ids := req.Indicators
	if len(ids) == 0 {
		cat := DefaultCategory
		inds, _, err := r.FindIndicators(ctx, virk.IndicatorFilter{Category: &cat})
		if err != nil {
			return nil, err
		}
		if len(inds) == 0 {
			if inds, _, err = r.FindIndicators(ctx, virk.IndicatorFilter{}); err != nil {
				return nil, err
			}
		}
		for _, ind := range inds {
			ids = append(ids, ind.ID)
		}
	}
	if len(ids) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "katalogen har ingen indikatorer; last inn data med «virk import» eller «virk demo»")
	}
	l, err := kpi.Load(ctx, r, kpi.Query{IndicatorIDs: ids})
	if err != nil {
		return nil, err
	}
	ent := l.Cube.Entity(req.Entity)
	if ent == nil {
		return nil, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", req.Entity)
	}
	year := req.Year
	if year == 0 {
		for _, id := range ids {
			if p, ok := l.Cube.Series(id, req.Entity).Latest(); ok {
				year = max(year, p.Period.Year)
			}
		}
		if year == 0 {
			return nil, virk.Errorf(virk.ENOTFOUND, "%s har ingen verdier for indikatorene i sammenligningen", ent.Name)
		}
	}
	reg := req.Register
	if reg == nil {
		reg = NewRegister(KLASS131())
	}
	q := Query{Indicators: ids, Entity: req.Entity, Group: req.Group, Index: NewIndex(l.Entities),
		Year: year, Years: req.Years, Compare: req.Compare}
	var src Source = l.Cube
	if req.BackCalculate {
		src = BackCalculated(l.Cube, reg, q.Index)
	}
	p, err := Build(src, q)
	if err != nil {
		return nil, err
	}
	first := year - q.history()
	if b, ok := src.(*backSource); ok {
		ents := []string{req.Entity}
		for _, m := range p.Members {
			ents = append(ents, m.Entity)
		}
		for _, m := range b.Merged(append(ents, req.Compare...)) {
			if note := m.BackNote(); m.Year > first && !slices.Contains(p.Notes, note) {
				p.Notes = append(p.Notes, note)
			}
		}
	}
	for _, c := range ent.Codes {
		if m, ok := reg.Merger(c.Code, max(c.From, first)); ok && m.Year > first && m.Year <= year &&
			!slices.Contains(p.Notes, m.Text()) {
			p.Notes = append(p.Notes, m.Text())
		}
	}
	return p, nil
}
