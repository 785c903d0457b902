package virk

import "context"

// Limit returns st as v may read it: observations and revisions of
// personnel indicators are left out for every entity whose personnel
// figures v does not see. Everything that computes figures from the
// store (scorecards, downloads, report blocks, roll-ups) then shows only
// what v may see, without a check of its own. When v sees every figure,
// st is returned as it is. An indicator cat does not know (stored after
// cat was built) counts as personnel data until a catalogue knows it, so
// a catalogue that lags behind the store never shows more.
func (v *Viewer) Limit(st Store, cat *Catalogue) Store {
	if v.allPersonnel {
		return st
	}
	return &limitedStore{Store: st, v: v, cat: cat}
}

type limitedStore struct {
	Store
	v   *Viewer
	cat *Catalogue
}

// hidden reports whether an observation of ind on entity is withheld.
func (s *limitedStore) hidden(ind, entity string) bool {
	i := s.cat.Indicator(ind)
	if i == nil {
		// An indicator stored after the catalogue was built: withhold
		// it until the catalogue knows whether it is personnel data.
		return true
	}
	return !s.v.Sees(i, entity)
}

func (s *limitedStore) FindObservations(ctx context.Context, f ObservationFilter) ([]*Observation, error) {
	obs, err := s.Store.FindObservations(ctx, f)
	if err != nil {
		return nil, err
	}
	out := obs[:0]
	for _, o := range obs {
		if !s.hidden(o.IndicatorID, o.EntityID) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *limitedStore) FindRevisions(ctx context.Context, f ObservationFilter) ([]*Revision, error) {
	revs, err := s.Store.FindRevisions(ctx, f)
	if err != nil {
		return nil, err
	}
	out := revs[:0]
	for _, r := range revs {
		if !s.hidden(r.IndicatorID, r.EntityID) {
			out = append(out, r)
		}
	}
	return out, nil
}
