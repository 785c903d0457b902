package peer

import (
	"math"
	"slices"
	"sort"
	"unsafe"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// BuildAll computes the service profiles of several municipalities against
// the same group at once (every member of a KOSTRA group, say). Each
// series is read once, for all the years shown; the group figures of each
// indicator and year are computed once, and each municipality's average
// without itself comes from the sums (less its own value or inputs), so
// the cost grows with members plus entities, not their product. q.Entity
// is ignored. Profiles of one call share their group figures (Mean,
// Weighted, Min, Max) and the compared entities' values: treat them as
// read-only.
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

	// The entities whose series are read: every member of any year, then
	// the profiled entities that never were one.
	load := slices.Clip(union)
	self := make([]int, len(entities)) // the entity's place in load
	others := map[string]int{}
	for e, id := range entities {
		k, ok := unionPos[id]
		if !ok {
			if k, ok = others[id]; !ok {
				k = len(load)
				others[id] = k
				load = append(load, id)
			}
		}
		self[e] = k
	}
	nl := len(load)
	inSet := make([]bool, len(years)*nl) // load[k] is a member in year yi at yi*nl+k
	for yi, ks := range members {
		for _, k := range ks {
			inSet[yi*nl+k] = true
		}
	}
	// Every indicator read, once: the rows', then their formulas' inputs.
	var ids []string
	slots := map[string]int{}
	slotOf := func(id string) int {
		j, ok := slots[id]
		if !ok {
			j = len(ids)
			slots[id] = j
			ids = append(ids, id)
		}
		return j
	}
	rowSlot := make([]int, len(inds))
	ratios := make([]ratio, len(inds))
	maxRefs := 0
	for i, ind := range inds {
		rowSlot[i] = slotOf(ind.ID)
		if forms[i] == nil {
			continue
		}
		r := ratio{f: forms[i], refs: forms[i].Refs()}
		for _, ref := range r.refs {
			r.slots = append(r.slots, slotOf(ref))
		}
		ratios[i] = r
		maxRefs = max(maxRefs, len(r.refs))
	}
	t := readTable(src, ids, load, q.Year, len(years))

	// The group figures of every indicator and year first, shared by
	// every profile; the sorted values, the members' flags and the sums
	// of the formulas' inputs live in slabs.
	ni, nc, ny := len(inds), len(q.Compare), len(years)
	perYear := 0 // members summed over the years
	for _, ks := range members {
		perYear += len(ks)
	}
	nRatio := 0
	for _, f := range forms {
		if f != nil {
			nRatio++
		}
	}
	gs := make([]yearStats, ni*ny)
	gnums := make([]float64, ni*ny*2) // mean, weighted
	gext := make([]Extreme, ni*ny*2)  // min, max
	sorted := make([]float64, ni*perYear)
	hasIn := make([]bool, nRatio*ny*nl)
	inSum := make([]float64, nRatio*ny*maxRefs)
	cmp := make([]Cell, ni*nc) // the compared entities' values
	ri := 0                    // the ratio's number
	for i, ind := range inds {
		off := i * perYear
		for yi, y := range years {
			x := i*ny + yi
			g := &gs[x]
			*g = yearStats{year: y, yi: yi, sorted: sorted[off : off : off+len(members[yi])]}
			off += len(members[yi])
			if forms[i] != nil {
				g.hasIn = hasIn[(ri*ny+yi)*nl:][:nl]
				g.inSum = inSum[(ri*ny+yi)*maxRefs:][:maxRefs]
			}
			g.compute(t, rowSlot[i], &ratios[i], members[yi], union, names, gnums[2*x:2*x+2], gext[2*x:2*x+2])
			g.fallback(src, q.Group.Stored, ind.ID)
		}
		if forms[i] != nil {
			ri++
		}
		for c, id := range q.Compare {
			cell := &cmp[i*nc+c]
			*cell = Cell{Entity: id, Name: src.Entity(id).Name}
			if v, ok := src.Series(ind.ID, id).Value(virk.YearPeriod(q.Year)); ok {
				cell.Value = &v
			}
		}
	}

	// Then each profile, its rows, history and numbers in blocks of at
	// most about 32 kB, each filled while fresh in the cache. At national
	// scale writing the profiles costs more than the arithmetic. 32 kB is
	// the largest size the allocator serves from its size classes: with
	// one large block per profile, the heap kept growing while the
	// runtime handed pages back to the system and faulted them in again,
	// which cost more than all the rest (ten-years: 1.3–1.7 s against
	// 1.8–8 s in alternating runs).
	out := make([]*Profile, len(entities))
	perRow := max(unsafe.Sizeof(Row{}), uintptr(h)*unsafe.Sizeof(Stats{}), uintptr(ny)*3*unsafe.Sizeof(0.0))
	chunk := max(1, int((32<<10)/perRow)) // rows per block
	for e, id := range entities {
		p := &Profile{Entity: id, EntityName: src.Entity(id).Name, Group: q.Group.ID, GroupName: q.Group.Name,
			Year: q.Year, Members: memberCells, Missing: missing, Rows: make([]*Row, ni)}
		var cells []Cell
		if nc > 0 {
			cells = make([]Cell, ni*nc)
			copy(cells, cmp)
		}
		k := self[e]
		var rows []Row
		var hist []Stats
		var nums []float64
		for i, ind := range inds {
			c := i % chunk
			if c == 0 {
				m := min(chunk, ni-i)
				rows, hist, nums = make([]Row, m), make([]Stats, m*h), make([]float64, m*ny*3)
			}
			r := &rows[c]
			r.Indicator, r.Label, r.LabelEN, r.Unit = ind.ID, ind.LabelNB, ind.LabelEN, ind.Unit.Name
			r.Decimals, r.Direction = ind.Unit.Decimals, ind.Direction
			if h > 0 {
				r.History = hist[c*h : (c+1)*h : (c+1)*h]
			}
			if nc > 0 {
				r.Compare = cells[i*nc : (i+1)*nc : (i+1)*nc]
			}
			p.Rows[i] = r
			for yi := range years {
				st := &r.Stats
				if yi > 0 {
					st = &r.History[h-yi] // oldest first
				}
				x := (c*ny + yi) * 3
				gs[i*ny+yi].stats(t, rowSlot[i], &ratios[i], ind.Direction, k, inSet[yi*nl+k], st, nums[x:x+3])
			}
		}
		out[e] = p
	}
	return out, nil
}

// ratio is a derived indicator's formula and its inputs' slots in the
// table; f is nil for a stored indicator.
type ratio struct {
	f     *kpi.Formula
	refs  []string
	slots []int
}

// yearStats holds one indicator's figures over a group's members in one
// year.
type yearStats struct {
	year   int
	yi     int       // the year's index in the table
	sorted []float64 // the members' values, ascending
	sum    float64
	// The group figures, shared by every profile of the call.
	mean, weighted *float64
	min, max       *Extreme
	stored         *storedStats
	// For the weighted average: per member (by place in the table)
	// whether it has a value and every input of the formula, how many
	// do, and the sums of their inputs.
	hasIn []bool
	nIn   int
	inSum []float64
}

type storedStats struct{ mean, min, max *float64 }

// finite reports whether v is neither NaN nor infinite: such values are
// left out of the group's figures.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// compute works out the figures of indicator slot j in the year over
// the members at the given places in the table; nums (mean, weighted) and
// ext (min, max) are where the shared figures go.
func (g *yearStats) compute(t *table, j int, w *ratio, members []int, union, names []string, nums []float64, ext []Extreme) {
	g.sorted, g.sum, g.stored = g.sorted[:0], 0, nil
	minK, maxK := -1, -1
	var minV, maxV float64
	for _, k := range members {
		v, ok := t.at(j, k, g.yi)
		if !ok || !finite(v) {
			continue
		}
		g.sorted = append(g.sorted, v)
		g.sum += v
		if minK < 0 || v < minV {
			minK, minV = k, v
		}
		if maxK < 0 || v > maxV {
			maxK, maxV = k, v
		}
	}
	sort.Float64s(g.sorted)
	g.mean, g.weighted, g.min, g.max = nil, nil, nil, nil
	if n := len(g.sorted); n > 0 {
		nums[0] = g.sum / float64(n)
		ext[0] = Extreme{Value: minV, Entity: union[minK], Name: names[minK]}
		ext[1] = Extreme{Value: maxV, Entity: union[maxK], Name: names[maxK]}
		g.mean, g.min, g.max = &nums[0], &ext[0], &ext[1]
	}
	g.nIn = 0
	if w.f == nil {
		return
	}
	clear(g.inSum)
	for _, k := range members {
		v, has := t.at(j, k, g.yi)
		has = has && finite(v)
		for _, s := range w.slots {
			// An infinite or NaN input would make the sums, and every
			// reference taken off them, NaN: it counts as missing.
			x, ok := t.at(s, k, g.yi)
			has = has && ok && finite(x)
		}
		g.hasIn[k] = has
		if has {
			for r, s := range w.slots {
				x, _ := t.at(s, k, g.yi)
				g.inSum[r] += x
			}
			g.nIn++
		}
	}
	if v, ok := g.weightedWithout(t, w, -1); ok {
		nums[1] = v
		g.weighted = &nums[1]
	}
}

// fallback reads the group's published figures when fewer than two members
// have values: a demo or a municipality's own database often holds only
// ASSS's printed average, lowest and highest.
func (g *yearStats) fallback(src Source, st *Stored, ind string) {
	if st == nil || len(g.sorted) >= 2 {
		return
	}
	p := virk.YearPeriod(g.year)
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
// members that have them, leaving out the member at place skip in the
// table (-1 for none). For a ratio a / b × k the mean inputs give the
// same figure as the sums: k × Σa / Σb. Taking the member's inputs off
// the sums gives the others' figure without summing them again.
func (g *yearStats) weightedWithout(t *table, w *ratio, skip int) (float64, bool) {
	drop := skip >= 0 && g.hasIn[skip]
	n := g.nIn
	if drop {
		n--
	}
	if n <= 0 {
		return 0, false
	}
	v, ok := w.f.Eval(func(id string) (float64, bool) {
		r := slices.Index(w.refs, id)
		s := g.inSum[r]
		if drop {
			x, _ := t.at(w.slots[r], skip, g.yi)
			s -= x
		}
		return s / float64(n), true
	})
	if !ok || !finite(v) {
		return 0, false
	}
	return v, true
}

// stats fills st with the figures of indicator slot j in the year seen from the entity at place k in the table, a member this year or
// not; nums holds its three own numbers.
func (g *yearStats) stats(t *table, j int, w *ratio, dir virk.Direction, k int, member bool, st *Stats, nums []float64) {
	*st = Stats{Year: g.year, N: len(g.sorted)}
	v, ok := t.at(j, k, g.yi)
	if member {
		ok = ok && finite(v) // as the group's figures see it
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
	// The reference is the others' average: the group's sums less the
	// entity's own share when it is a member with a value.
	selfHas := member && ok
	ref, hasRef := 0.0, false
	switch n := len(g.sorted); {
	case w.f != nil && member:
		ref, hasRef = g.weightedWithout(t, w, k)
	case w.f != nil:
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
		st.Rank = rank(g.sorted, v, dir)
	}
}

// rank places v among the sorted values by the indicator's direction:
// 1 + the number of better values. A non-member is placed as if it were
// one more member.
func rank(sorted []float64, v float64, dir virk.Direction) int {
	if dir == virk.Down {
		return sort.SearchFloat64s(sorted, v) + 1 // values below v
	}
	return len(sorted) - sort.Search(len(sorted), func(i int) bool { return sorted[i] > v }) + 1
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
