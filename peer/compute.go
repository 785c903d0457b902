package peer

import (
	"math"
	"slices"
	"sort"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// BuildAll computes the service profiles of several municipalities against
// the same group at once (every member of a KOSTRA group, say): the group
// figures of each indicator and year are computed once, and each
// municipality's average without itself comes from the sums, so the cost
// grows with members plus entities, not their product. q.Entity is
// ignored. Profiles of one call share their group figures (Mean,
// Weighted, Min, Max): treat them as read-only.
func BuildAll(src Source, q Query, entities []string) ([]*Profile, error) {
	if q.Group == nil {
		return nil, virk.Errorf(virk.EINVALID, "sammenligningen mangler en gruppe")
	}
	if q.Index == nil {
		return nil, virk.Errorf(virk.EINVALID, "sammenligningen mangler enhetsregisteret")
	}
	inds := make([]*virk.Indicator, len(q.Indicators))
	forms := make([]*kpi.Formula, len(q.Indicators))
	for i, id := range q.Indicators {
		if inds[i] = src.Indicator(id); inds[i] == nil {
			return nil, virk.Errorf(virk.ENOTFOUND, "ukjent indikator «%s»", id)
		}
		if inds[i].Formula != "" {
			f, err := kpi.ParseFormula(inds[i].Formula)
			if err != nil {
				return nil, virk.Errorf(virk.EINVALID, "indikator %s: %v", id, err)
			}
			forms[i] = f
		}
	}
	for _, id := range append(slices.Clone(entities), q.Compare...) {
		if src.Entity(id) == nil {
			return nil, virk.Errorf(virk.ENOTFOUND, "ukjent enhet «%s»", id)
		}
	}
	h := q.history()
	years := make([]int, 1+h) // the year, then back in time
	for k := range years {
		years[k] = q.Year - k
	}
	// Members of each year, as positions in the union of all years'
	// members, whose series are read once per indicator.
	var union []string
	unionPos := map[string]int{}
	members := make([][]int, len(years))
	for yi, y := range years {
		ids, _ := q.Group.MemberIDs(y, q.Index)
		for _, id := range ids {
			k, ok := unionPos[id]
			if !ok {
				k = len(union)
				unionPos[id] = k
				union = append(union, id)
			}
			members[yi] = append(members[yi], k)
		}
	}
	_, missing := q.Group.MemberIDs(q.Year, q.Index)
	var memberCells []Cell
	for _, k := range members[0] {
		memberCells = append(memberCells, Cell{Entity: union[k], Name: src.Entity(union[k]).Name})
	}
	names := make([]string, len(union))
	for k, id := range union {
		names[k] = src.Entity(id).Name
	}

	// One block of rows, history and numbers per profile keeps the
	// allocations few: at national scale they, and the collector's work
	// on them, would cost more than the arithmetic.
	type slots struct {
		rows []Row
		hist []Stats
		nums []float64 // value, reference, index per indicator and year
	}
	out := make([]*Profile, len(entities))
	blocks := make([]slots, len(entities))
	for e, id := range entities {
		p := &Profile{Entity: id, EntityName: src.Entity(id).Name, Group: q.Group.ID, GroupName: q.Group.Name,
			Year: q.Year, Members: memberCells, Missing: missing, Rows: make([]*Row, len(inds))}
		b := slots{rows: make([]Row, len(inds)), hist: make([]Stats, len(inds)*h), nums: make([]float64, len(inds)*len(years)*3)}
		for i, ind := range inds {
			r := &b.rows[i]
			r.Indicator, r.Label, r.LabelEN, r.Unit = ind.ID, ind.LabelNB, ind.LabelEN, ind.Unit.Name
			r.Decimals, r.Direction = ind.Unit.Decimals, ind.Direction
			if h > 0 {
				r.History = b.hist[i*h : (i+1)*h : (i+1)*h]
			}
			p.Rows[i] = r
		}
		out[e], blocks[e] = p, b
	}
	var g groupStats
	g.names = names
	g.union = union
	self := make([]int, len(entities)) // the entity's place in the union, or -1
	for e, id := range entities {
		self[e] = -1
		if k, ok := unionPos[id]; ok {
			self[e] = k
		}
	}
	for i, ind := range inds {
		g.load(src, ind, forms[i])
		for yi, y := range years {
			g.compute(members[yi], y)
			g.fallback(src, q.Group.Stored, ind.ID, y)
			for e, id := range entities {
				nums := blocks[e].nums[(i*len(years)+yi)*3:][:3]
				var st *Stats
				if yi == 0 {
					st = &out[e].Rows[i].Stats
				} else {
					st = &out[e].Rows[i].History[h-yi] // oldest first
				}
				g.stats(src, id, self[e], st, nums)
			}
		}
		for e := range entities {
			row := out[e].Rows[i]
			for _, c := range q.Compare {
				cell := Cell{Entity: c, Name: src.Entity(c).Name}
				if v, ok := src.Series(ind.ID, c).Value(virk.YearPeriod(q.Year)); ok {
					cell.Value = ptr(v)
				}
				row.Compare = append(row.Compare, cell)
			}
		}
	}
	return out, nil
}

// groupStats holds one indicator's figures over a group's members in one
// year. It is reused across indicators and years to spare allocations.
type groupStats struct {
	union []string // every member of any year
	names []string
	ind   *virk.Indicator
	f     *kpi.Formula
	refs  []string
	// series[0] holds the indicator's series of each union member,
	// series[1+r] those of the formula's input r.
	series [][]kpi.Series

	year   int
	inSet  []bool    // by union position: a member this year
	vals   []float64 // by union position; NaN where none or not a member
	sorted []float64 // the year's values, ascending
	sum    float64
	// The group figures, shared by every profile of the call.
	mean, weighted *float64
	min, max       *Extreme
	// Inputs of the formula, for the weighted average: per member the
	// input values (len(refs) per member), whether the member has a value
	// and every input, and their sums over those members.
	inputs []float64
	hasIn  []bool
	inSum  []float64
	nIn    int
	stored *storedStats
}

type storedStats struct{ mean, min, max *float64 }

// load reads the series of the indicator and its formula's inputs for
// every member of any year.
func (g *groupStats) load(src Source, ind *virk.Indicator, f *kpi.Formula) {
	g.ind, g.f, g.refs = ind, f, nil
	if f != nil {
		g.refs = f.Refs()
	}
	n := 1 + len(g.refs)
	for len(g.series) < n {
		g.series = append(g.series, make([]kpi.Series, len(g.union)))
	}
	for k, id := range g.union {
		g.series[0][k] = src.Series(ind.ID, id)
		for r, ref := range g.refs {
			g.series[1+r][k] = src.Series(ref, id)
		}
	}
}

// compute works out the figures of the members at the given union
// positions in year y.
func (g *groupStats) compute(members []int, y int) {
	n := len(g.union)
	g.year, g.stored = y, nil
	g.inSet = slices.Grow(g.inSet[:0], n)[:n]
	g.vals = slices.Grow(g.vals[:0], n)[:n]
	clear(g.inSet)
	g.sorted = g.sorted[:0]
	g.sum = 0
	minK, maxK := -1, -1
	p := virk.YearPeriod(y)
	for k := range g.vals {
		g.vals[k] = math.NaN()
	}
	for _, k := range members {
		g.inSet[k] = true
		v, ok := g.series[0][k].Value(p)
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		g.vals[k] = v
		g.sorted = append(g.sorted, v)
		g.sum += v
		if minK < 0 || v < g.vals[minK] {
			minK = k
		}
		if maxK < 0 || v > g.vals[maxK] {
			maxK = k
		}
	}
	sort.Float64s(g.sorted)
	g.mean, g.weighted, g.min, g.max = nil, nil, nil, nil
	if len(g.sorted) > 0 {
		g.mean = ptr(g.sum / float64(len(g.sorted)))
		g.min = &Extreme{Value: g.vals[minK], Entity: g.union[minK], Name: g.names[minK]}
		g.max = &Extreme{Value: g.vals[maxK], Entity: g.union[maxK], Name: g.names[maxK]}
	}
	g.nIn = 0
	if g.f == nil {
		return
	}
	nr := len(g.refs)
	g.inputs = slices.Grow(g.inputs[:0], nr*n)[:nr*n]
	g.hasIn = slices.Grow(g.hasIn[:0], n)[:n]
	g.inSum = slices.Grow(g.inSum[:0], nr)[:nr]
	clear(g.hasIn)
	clear(g.inSum)
	for _, k := range members {
		has := !math.IsNaN(g.vals[k])
		for r := range g.refs {
			v, ok := g.series[1+r][k].Value(p)
			g.inputs[k*nr+r] = v
			has = has && ok
		}
		if has {
			g.hasIn[k] = true
			for r := range g.refs {
				g.inSum[r] += g.inputs[k*nr+r]
			}
			g.nIn++
		}
	}
	if w, ok := g.weightedWithout(-1); ok {
		g.weighted = ptr(w)
	}
}

// fallback reads the group's published figures when fewer than two members
// have values: a demo or a municipality's own database often holds only
// ASSS's printed average, lowest and highest.
func (g *groupStats) fallback(src Source, st *Stored, ind string, y int) {
	if st == nil || len(g.sorted) >= 2 {
		return
	}
	p := virk.YearPeriod(y)
	get := func(id string) *float64 {
		if id == "" || src.Entity(id) == nil {
			return nil
		}
		if v, ok := src.Series(ind, id).Value(p); ok {
			return &v
		}
		return nil
	}
	s := &storedStats{mean: get(st.Mean), min: get(st.Min), max: get(st.Max)}
	if s.mean != nil || s.min != nil || s.max != nil {
		g.stored = s
	}
}

// weightedWithout evaluates the formula over the mean inputs of the
// members that have them, leaving out the member at union position skip
// (-1 for none). For a ratio a / b × k the mean inputs give the same
// figure as the sums: k × Σa / Σb.
func (g *groupStats) weightedWithout(skip int) (float64, bool) {
	drop := skip >= 0 && g.hasIn[skip]
	n := g.nIn
	if drop {
		n--
	}
	if n <= 0 {
		return 0, false
	}
	nr := len(g.refs)
	v, ok := g.f.Eval(func(id string) (float64, bool) {
		r := slices.Index(g.refs, id)
		s := g.inSum[r]
		if drop {
			s -= g.inputs[skip*nr+r]
		}
		return s / float64(n), true
	})
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// stats fills st with the figures seen from entity id, at union position
// self (-1 when it was never a member); nums holds its three own numbers.
func (g *groupStats) stats(src Source, id string, self int, st *Stats, nums []float64) {
	*st = Stats{Year: g.year, N: len(g.sorted)}
	member := self >= 0 && g.inSet[self]
	var v float64
	var ok bool
	if member {
		v = g.vals[self]
		ok = !math.IsNaN(v)
	} else {
		v, ok = src.Series(g.ind.ID, id).Value(virk.YearPeriod(g.year))
	}
	if ok {
		nums[0] = v
		st.Value = &nums[0]
	}
	if g.stored != nil {
		st.Published = true
		st.Mean, st.Reference = g.stored.mean, g.stored.mean
		if g.stored.min != nil {
			st.Min = &Extreme{Value: *g.stored.min}
		}
		if g.stored.max != nil {
			st.Max = &Extreme{Value: *g.stored.max}
		}
		st.Index = indexOf(st.Value, st.Reference, &nums[2])
		return
	}
	st.Mean, st.Weighted, st.Min, st.Max = g.mean, g.weighted, g.min, g.max
	// The reference is the others' average.
	selfHas := member && ok
	ref, hasRef := 0.0, false
	switch n := len(g.sorted); {
	case g.f != nil && member:
		ref, hasRef = g.weightedWithout(self)
	case g.f != nil:
		if g.weighted != nil {
			ref, hasRef = *g.weighted, true
		}
	case selfHas && n > 1:
		ref, hasRef = (g.sum-v)/float64(n-1), true
	case !selfHas && n > 0:
		ref, hasRef = g.sum/float64(n), true
	}
	if hasRef {
		nums[1] = ref
		st.Reference = &nums[1]
	}
	st.Index = indexOf(st.Value, st.Reference, &nums[2])
	if ok {
		st.Rank = g.rank(v)
	}
}

// rank places v among the members' values by the indicator's direction:
// 1 + the number of better values. A non-member is placed as if it were
// one more member.
func (g *groupStats) rank(v float64) int {
	if g.ind.Direction == virk.Down {
		return sort.SearchFloat64s(g.sorted, v) + 1 // values below v
	}
	return len(g.sorted) - sort.Search(len(g.sorted), func(i int) bool { return g.sorted[i] > v }) + 1
}

// indexOf returns 100 × v / ref in slot, or nil: an index of a zero or
// negative average means nothing.
func indexOf(v, ref *float64, slot *float64) *float64 {
	if v == nil || ref == nil || *ref <= 0 {
		return nil
	}
	*slot = 100 * *v / *ref
	return slot
}

func ptr(v float64) *float64 { return &v }
