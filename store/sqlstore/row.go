package sqlstore

import (
	"cmp"
	"slices"
)

// obsRow is a validated observation of a change set, keyed by the local
// indices of its entity and indicator (see applier). It is small because
// an import may hold millions.
type obsRow struct {
	value    float64 // 0 when the status carries no value
	ent, ind int32
	per      int32 // periodCode
	src      int32 // index into applier.srcName; -1 for no source
	idx      int32 // position in ChangeSet.Observations
	status   uint8 // statusIndex
	state    uint8 // rowAdded, rowChanged or rowUnchanged, once diffed
}

// Row states: what Apply does with a row.
const (
	rowAdded uint8 = iota
	rowChanged
	rowUnchanged
)

// sameKey reports whether r and s are about the same observation.
func (r *obsRow) sameKey(s *obsRow) bool {
	return r.ent == s.ent && r.ind == s.ind && r.per == s.per
}

// sameData reports whether r and s hold the same figure, as
// virk.Observation.SameAs decides.
func (r *obsRow) sameData(s *obsRow) bool {
	return r.status == s.status && r.src == s.src && r.value == s.value
}

// compareRows orders rows by primary key (entity, indicator, period), then
// by position in the change set.
func compareRows(r, s obsRow) int {
	if c := cmp.Compare(r.ent, s.ent); c != 0 {
		return c
	}
	if c := cmp.Compare(r.ind, s.ind); c != 0 {
		return c
	}
	if c := cmp.Compare(r.per, s.per); c != 0 {
		return c
	}
	return cmp.Compare(r.idx, s.idx)
}

// sortRows sorts rows by compareRows. Files come ordered by indicator or
// by entity, so it first distributes the rows by entity, which keeps their
// order and takes linear time, and then sorts only the entities whose
// rows are out of order. Inserting in key order lets SQLite append to its
// B-tree instead of splitting pages all over it.
func sortRows(rows []obsRow, nEnt int) []obsRow {
	if slices.IsSortedFunc(rows, compareRows) {
		return rows
	}
	start := make([]int, nEnt+1)
	for i := range rows {
		start[rows[i].ent+1]++
	}
	for e := 1; e <= nEnt; e++ {
		start[e] += start[e-1]
	}
	out := make([]obsRow, len(rows))
	next := slices.Clone(start[:nEnt])
	for _, r := range rows {
		out[next[r.ent]] = r
		next[r.ent]++
	}
	for e := range nEnt {
		part := out[start[e]:start[e+1]]
		if !slices.IsSortedFunc(part, compareRows) {
			slices.SortFunc(part, compareRows)
		}
	}
	return out
}

// progressStep is how many observations pass between progress reports.
const progressStep = 10000

// progress reports to ApplyOptions.Progress how many of the change set's
// observations are written: every progressStep rows, and once at the end.
type progress struct {
	report      func(done, total int)
	done, total int
	last        int // done at the last report
}

// add counts one more row written.
func (p *progress) add() {
	p.done++
	if p.report != nil && p.done-p.last >= progressStep {
		p.last = p.done
		p.report(p.done, p.total)
	}
}

// finish reports the end, unless the last report was it.
func (p *progress) finish() {
	if p.report != nil && p.total > 0 && p.last != p.total {
		p.last = p.total
		p.report(p.total, p.total)
	}
}
