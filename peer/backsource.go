package peer

import "github.com/virk-analyse/virk/kpi"

// BackCalculated returns a Source that gives every merged municipality's
// series back in time: before its merger, the sum of its parts where they
// all have figures (BackCalculate), for indicators that add up or are
// formulas of such; every other series as src gives it. Profiles built on
// it compare a merged municipality's earlier years on its present
// borders. Mergers come from reg; parts are resolved through idx. Like
// the kpi.Cube it reads, it is not safe for concurrent use.
func BackCalculated(src Source, reg *Register, idx *Index) Source {
	return &backSource{Source: src, reg: reg, idx: idx,
		mergers: map[string]*merged{}, canBack: map[string]bool{}, series: map[[2]string]kpi.Series{}}
}

type backSource struct {
	Source
	reg     *Register
	idx     *Index
	mergers map[string]*merged // entity → its merger; nil when none
	canBack map[string]bool
	series  map[[2]string]kpi.Series
}

type merged struct {
	m     Merger
	parts []string
}

func (b *backSource) merger(ent string) *merged {
	if m, ok := b.mergers[ent]; ok {
		return m
	}
	var out *merged
	if m, parts, missing, ok := b.reg.MergedParts(b.Entity(ent), b.idx); ok && len(missing) == 0 {
		out = &merged{m, parts}
	}
	b.mergers[ent] = out
	return out
}

// Series gives the back-calculated series of a merged municipality, else
// the source's.
func (b *backSource) Series(ind, ent string) kpi.Series {
	m := b.merger(ent)
	if m == nil {
		return b.Source.Series(ind, ent)
	}
	can, ok := b.canBack[ind]
	if !ok {
		can = CanBackCalculate(b.Source, ind)
		b.canBack[ind] = can
	}
	if !can {
		return b.Source.Series(ind, ent)
	}
	key := [2]string{ind, ent}
	if s, ok := b.series[key]; ok {
		return s
	}
	s, err := BackCalculate(b.Source, ind, ent, m.parts, m.m.Year)
	if err != nil {
		s = b.Source.Series(ind, ent)
	}
	b.series[key] = s
	return s
}

// Merged returns the mergers among entities whose years before the merger
// a back-calculated source changes, for a profile's notes.
func (b *backSource) Merged(ents []string) []Merger {
	var out []Merger
	for _, e := range ents {
		if m := b.merger(e); m != nil {
			out = append(out, m.m)
		}
	}
	return out
}

var _ Source = (*backSource)(nil)
