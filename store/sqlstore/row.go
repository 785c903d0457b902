package sqlstore

import (
	"cmp"
	"slices"
)

// obsRow is a validated observation of a change set, keyed by the local
// indices of its entity and indicator (see applier). The applier keeps
// no slice of them: it keeps the change set's rows (virk.ObservationRows,
// about 25 bytes each) with an order and a state per row, and makes an
// obsRow from them when it needs one (applier.row).
type obsRow struct {
	value    float64 // 0 when the status carries no value
	ent, ind int32
	per      int32 // periodCode
	src      int32 // index into applier.srcName; -1 for no source
	idx      int32 // position in the change set's observations
	status   uint8 // statusIndex
	state    uint8 // rowAdded, rowChanged or rowUnchanged, once diffed
}

// hasValue reports whether rows of a status (statusIndex) carry a value,
// as virk.Status.HasValue does, without comparing strings: final and
// preliminary are 0 and 1.
func hasValue(status uint8) bool { return status <= 1 }

// Row states: what Apply does with a row.
const (
	rowAdded uint8 = iota
	rowChanged
	rowUnchanged
)

// sameData reports whether r and s hold the same figure, as
// virk.Observation.SameAs decides.
func (r *obsRow) sameData(s *obsRow) bool {
	return r.status == s.status && r.src == s.src && r.value == s.value
}

// sortOrder sorts the positions in order, which are ascending, by the
// primary key (entity, indicator, period) of the rows they stand for, then
// by position. key gives a row's entity, and its indicator and period
// packed so that they compare in that order; there are nEnt entities. Files come ordered by
// indicator or by entity, so one pass finds which entities' rows are out
// of order; the positions are then distributed by entity, which keeps
// their order and takes linear time, and only those entities are sorted.
// Inserting in key order lets SQLite append to its B-tree instead of
// splitting pages all over it.
func sortOrder(order []int32, nEnt int, key func(i int32) (ent int32, rest uint64)) []int32 {
	last := make([]uint64, nEnt) // the last key seen of each entity, plus one; 0 for none
	unsorted := make([]bool, nEnt)
	sorted := true
	prevEnt, prevKey := int32(-1), uint64(0)
	for _, i := range order {
		e, k := key(i)
		if e < prevEnt || e == prevEnt && k < prevKey {
			sorted = false
		}
		if last[e] > k+1 {
			unsorted[e] = true
		}
		prevEnt, prevKey, last[e] = e, k, k+1
	}
	if sorted {
		return order
	}
	start := make([]int, nEnt+1)
	for _, i := range order {
		e, _ := key(i)
		start[e+1]++
	}
	for e := 1; e <= nEnt; e++ {
		start[e] += start[e-1]
	}
	out := make([]int32, len(order))
	next := slices.Clone(start[:nEnt])
	for _, i := range order {
		e, _ := key(i)
		out[next[e]] = i
		next[e]++
	}
	for e := range nEnt {
		if unsorted[e] {
			slices.SortFunc(out[start[e]:start[e+1]], func(i, j int32) int {
				_, a := key(i)
				_, b := key(j)
				if c := cmp.Compare(a, b); c != 0 {
					return c
				}
				return cmp.Compare(i, j)
			})
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
