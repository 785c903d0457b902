package portfolio

import (
	"cmp"
	"strings"

	"github.com/virk-analyse/virk"
)

// Weights are the weights of a project's score, which the analyst sets
// and the ranking shows.
type Weights struct {
	Priority, Criticality, Gain float64
}

// DefaultWeights weighs the three criteria of §4.1.3 equally: the sector's
// priority, the criticality of today's solution and the gain potential.
// The document names them without ranking them, so none is put first.
var DefaultWeights = Weights{Priority: 1, Criticality: 1, Gain: 1}

// IsZero reports whether no weight is set; Compute then uses
// DefaultWeights.
func (w Weights) IsZero() bool { return w == Weights{} }

// Score returns the project's score: Priority × (6 − priority) +
// Criticality × criticality + Gain × gain potential. The sector's
// priority 1 is its highest and counts 5, priority 5 counts 1; every
// criterion that is not assessed (0, or outside 1–5) counts 0, so that an
// unassessed project is not helped by what nobody has judged. With the
// default weights the score runs from 0 to 15.
func Score(p *virk.Project, w Weights) float64 {
	prio := 0
	if p.Priority >= 1 && p.Priority <= 5 {
		prio = 6 - p.Priority
	}
	return w.Priority*float64(prio) + w.Criticality*float64(grade(p.Criticality)) + w.Gain*float64(grade(p.GainPotential))
}

// grade returns an assessment of 1–5, or 0 for one not assessed.
func grade(v int) int {
	if v < 1 || v > 5 {
		return 0
	}
	return v
}

// Ranked is a project's place in the ranking.
type Ranked struct {
	Project *virk.Project
	Score   float64
	Place   int // 1-based
	// HeldBack is set when a project of a lower order (lower score, or
	// equal score and later by the tie rule) was placed before this one
	// because this one had to wait for a dependency.
	HeldBack bool
	// HeldBy are the project's direct dependencies that were not yet
	// placed when the first such project went ahead of it, in the order
	// of DependsOn.
	HeldBy []string
}

// Rank orders the projects so that no project comes before one it depends
// on and, among the projects whose dependencies are all placed, the
// highest score goes first. Ties go to the earlier planned start (a
// project without a start after those with one), then to the lower ID.
// A dependency on a project that is not in ps, such as a closed project
// or one outside the selection, holds nothing back. name gives the
// projects' names for the error message; nil uses the IDs.
//
// Two projects with the same ID are an EINVALID error, and a cycle of
// dependencies a *CycleError.
func Rank(ps []*virk.Project, w Weights, name func(id string) string) ([]Ranked, error) {
	if name == nil {
		name = func(id string) string { return id }
	}
	idx := make(map[string]int, len(ps))
	for i, p := range ps {
		if _, dup := idx[p.ID]; dup {
			return nil, virk.Errorf(virk.EINVALID, "prosjektet %s er med to ganger i rangeringen", name(p.ID))
		}
		idx[p.ID] = i
	}
	n := len(ps)
	score := make([]float64, n)
	deps := make([][]int, n)     // dependencies in ps, without repeats
	waiting := make([]int, n)    // dependencies not yet placed
	children := make([][]int, n) // projects that depend on i
	for i, p := range ps {
		score[i] = Score(p, w)
		seen := map[int]bool{}
		for _, d := range p.DependsOn {
			j, ok := idx[d]
			if !ok || seen[j] {
				continue
			}
			seen[j] = true
			deps[i] = append(deps[i], j)
			children[j] = append(children[j], i)
		}
		waiting[i] = len(deps[i])
	}
	// before reports whether project a goes before b by score and the
	// tie rule alone.
	before := func(a, b int) bool { return order(ps[a], ps[b], score[a], score[b]) < 0 }

	placed := make([]bool, n)
	var ready []int
	for i := range ps {
		if waiting[i] == 0 {
			ready = append(ready, i)
		}
	}
	out := make([]Ranked, 0, n)
	var done []int        // placed projects, in order
	pos := make([]int, n) // each placed project's index in done
	for len(ready) > 0 {
		// The sets are small (tens of projects), so a linear scan for the
		// best ready project is clearer than a heap.
		b := 0
		for k := range ready {
			if before(ready[k], ready[b]) {
				b = k
			}
		}
		i := ready[b]
		ready = append(ready[:b], ready[b+1:]...)
		r := Ranked{Project: ps[i], Score: score[i], Place: len(out) + 1}
		// Find the first project of a lower order placed ahead, and
		// which of i's dependencies were still unplaced at that moment.
		// Every dependency of i is placed by now; those placed at or
		// after that moment were the ones it waited for.
		for at, j := range done {
			if !before(i, j) {
				continue
			}
			r.HeldBack = true
			for _, d := range deps[i] {
				if pos[d] >= at {
					r.HeldBy = append(r.HeldBy, ps[d].ID)
				}
			}
			break
		}
		pos[i] = len(done)
		out = append(out, r)
		done = append(done, i)
		placed[i] = true
		for _, c := range children[i] {
			if waiting[c]--; waiting[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	if len(out) < n {
		return nil, newCycleError(ps, deps, placed, name)
	}
	return out, nil
}

// order compares two projects by score (higher first), planned start
// (earlier first, none last) and ID.
func order(a, b *virk.Project, sa, sb float64) int {
	if sa != sb {
		return cmp.Compare(sb, sa)
	}
	switch az, bz := a.Start.IsZero(), b.Start.IsZero(); {
	case az && !bz:
		return 1
	case !az && bz:
		return -1
	case !az && !bz:
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
	}
	return strings.Compare(a.ID, b.ID)
}
