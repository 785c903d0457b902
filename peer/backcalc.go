package peer

import (
	"fmt"
	"slices"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// BackCalculate returns the series of indicator ind for the merged
// municipality ent as if the merger of the given year had always been:
// before that year, the sum of the parts' values in the periods where every
// part has one; from it, ent's own series. A summable indicator (Rollup
// "sum": amounts, inhabitants) is summed directly; a derived one whose
// inputs all add up (a ratio of an amount to inhabitants) is computed from
// the parts' summed inputs, so that a per-inhabitant figure is weighted by
// the parts' populations. Levels that do not add up are an EINVALID error,
// since a sum of rates would mean nothing.
//
// Parts are entity IDs, such as Asker, Røyken and Hurum for Asker 2020;
// the part that continues (Asker) may be ent itself.
func BackCalculate(src Source, ind, ent string, parts []string, year int) (kpi.Series, error) {
	i := src.Indicator(ind)
	if i == nil {
		return nil, virk.Errorf(virk.ENOTFOUND, "ukjent indikator «%s»", ind)
	}
	own := src.Series(ind, ent)
	var back kpi.Series
	switch {
	case i.Rollup == virk.RollupSum:
		back = sumParts(src, ind, parts, year)
	case i.Formula != "":
		f, err := kpi.ParseFormula(i.Formula)
		if err != nil {
			return nil, virk.Errorf(virk.EINVALID, "indikator %s: %v", ind, err)
		}
		inputs := map[string]kpi.Series{}
		for _, ref := range f.Refs() {
			r := src.Indicator(ref)
			if r == nil || r.Rollup != virk.RollupSum {
				return nil, virk.Errorf(virk.EINVALID, "indikator %s kan ikke tilbakeregnes: %s summeres ikke (rollup sum)", ind, ref)
			}
			inputs[ref] = sumParts(src, ref, parts, year)
		}
		back = evalPeriods(f, inputs)
	default:
		return nil, virk.Errorf(virk.EINVALID, "indikator %s kan ikke tilbakeregnes: verdiene summeres ikke (sett rollup sum, eller gi en formel av summerbare indikatorer)", ind)
	}
	out := back
	for _, p := range own {
		if p.Period.Year >= year {
			out = append(out, p)
		}
	}
	out.Sort()
	return out, nil
}

// sumParts sums the parts' values per period before year, where every part
// has a value.
func sumParts(src Source, ind string, parts []string, year int) kpi.Series {
	if len(parts) == 0 {
		return nil
	}
	sum := map[virk.Period]*kpi.Point{}
	count := map[virk.Period]int{}
	var order []virk.Period
	for _, part := range parts {
		for _, p := range src.Series(ind, part) {
			if p.Period.Year >= year || !p.HasValue() {
				continue
			}
			acc := sum[p.Period]
			if acc == nil {
				acc = &kpi.Point{Period: p.Period, Status: virk.StatusFinal, Computed: true}
				sum[p.Period] = acc
				order = append(order, p.Period)
			}
			acc.Value += p.Value
			if p.Status == virk.StatusPreliminary {
				acc.Status = virk.StatusPreliminary
			}
			count[p.Period]++
		}
	}
	var out kpi.Series
	for _, p := range order {
		if count[p] == len(parts) {
			out = append(out, *sum[p])
		}
	}
	out.Sort()
	return out
}

// evalPeriods evaluates f in the periods of its first input where every
// input has a value.
func evalPeriods(f *kpi.Formula, inputs map[string]kpi.Series) kpi.Series {
	refs := f.Refs()
	if len(refs) == 0 {
		return nil
	}
	var out kpi.Series
	for _, pt := range inputs[refs[0]] {
		status := pt.Status
		v, ok := f.Eval(func(id string) (float64, bool) {
			q, ok := inputs[id].At(pt.Period)
			if ok && q.Status == virk.StatusPreliminary {
				status = q.Status
			}
			return q.Value, ok && q.HasValue()
		})
		if ok {
			out = append(out, kpi.Point{Period: pt.Period, Value: v, Status: status, Computed: true})
		}
	}
	return out
}

// MergedParts finds the merger that made entity e, by its newest
// municipality number, and its parts as entity IDs of idx, resolved in the
// year before the merger: the part that continues (Asker in Asker 2020)
// resolves to e itself through its number history. missing names the
// parts idx does not hold, as "Røyken (0627)". ok is false when e has no
// number or was not made by a merger.
func (r *Register) MergedParts(e *virk.Entity, idx *Index) (m Merger, parts, missing []string, ok bool) {
	if e == nil || len(e.Codes) == 0 {
		return Merger{}, nil, nil, false
	}
	newest := slices.MaxFunc(e.Codes, func(a, b virk.Code) int { return a.From - b.From })
	m, ok = r.Merger(newest.Code, max(newest.From, newest.To, 2024))
	if !ok || len(m.Parts) < 2 {
		return Merger{}, nil, nil, false
	}
	for _, p := range m.Parts {
		id := idx.Resolve(p.Code, m.Year-1)
		if id == "" {
			missing = append(missing, fmt.Sprintf("%s (%s)", p.Name, p.Code))
			continue
		}
		if !slices.Contains(parts, id) {
			parts = append(parts, id)
		}
	}
	return m, parts, missing, true
}

// CanBackCalculate reports whether BackCalculate takes indicator ind: a
// summable one, or a formula of summable ones.
func CanBackCalculate(src Source, ind string) bool {
	i := src.Indicator(ind)
	switch {
	case i == nil:
		return false
	case i.Rollup == virk.RollupSum:
		return true
	case i.Formula == "":
		return false
	}
	f, err := kpi.ParseFormula(i.Formula)
	if err != nil {
		return false
	}
	for _, ref := range f.Refs() {
		if r := src.Indicator(ref); r == nil || r.Rollup != virk.RollupSum {
			return false
		}
	}
	return true
}
