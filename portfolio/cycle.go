package portfolio

import (
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

// CycleError reports dependencies that go in a ring, so that the projects
// on it have no order. Each cycle is a path of project IDs that starts and
// ends with the same project; each project on it depends on the next.
type CycleError struct {
	Cycles [][]string // IDs
	Names  [][]string // the same paths by name
}

// Error returns the message in bokmål, each cycle by name:
// «avhengighetene går i ring: Digital skolehverdag → Ny lagringsløsning →
// Digital skolehverdag».
func (e *CycleError) Error() string {
	paths := make([]string, len(e.Names))
	for i, c := range e.Names {
		paths[i] = strings.Join(c, " → ")
	}
	return "avhengighetene går i ring: " + strings.Join(paths, "; ")
}

// Unwrap returns the error as a virk.Error with the code EINVALID, so that
// the user interfaces show its message.
func (e *CycleError) Unwrap() error { return &virk.Error{Code: virk.EINVALID, Message: e.Error()} }

// newCycleError finds one cycle in every strongly connected part of the
// projects Rank could not place (the projects on a cycle and those that
// wait for one). Each part gives the shortest cycle through its first
// project in the order of ps, following dependencies in the order of
// DependsOn, so the message is the same from run to run. The parts come
// in the order of their first projects.
func newCycleError(ps []*virk.Project, deps [][]int, placed []bool, name func(string) string) *CycleError {
	comps := components(deps, placed)
	e := &CycleError{}
	for _, comp := range comps {
		in := map[int]bool{}
		for _, i := range comp {
			in[i] = true
		}
		s := comp[0]
		if len(comp) == 1 && !slices.Contains(deps[s], s) {
			continue // waits for a cycle but is not on one
		}
		path := shortestCycle(s, deps, in)
		ids := make([]string, len(path))
		names := make([]string, len(path))
		for k, i := range path {
			ids[k], names[k] = ps[i].ID, name(ps[i].ID)
		}
		e.Cycles = append(e.Cycles, ids)
		e.Names = append(e.Names, names)
	}
	return e
}

// components returns the strongly connected components of the unplaced
// projects by Tarjan's algorithm, each sorted by index and the whole list
// sorted by first index.
func components(deps [][]int, placed []bool) [][]int {
	n := len(deps)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	var comps [][]int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range deps[v] {
			if placed[w] {
				continue
			}
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			slices.Sort(comp)
			comps = append(comps, comp)
		}
	}
	for v := range n {
		if !placed[v] && index[v] < 0 {
			visit(v)
		}
	}
	slices.SortFunc(comps, func(a, b []int) int { return a[0] - b[0] })
	return comps
}

// shortestCycle returns the shortest path s → … → s along dependencies
// within the component in, by breadth-first search.
func shortestCycle(s int, deps [][]int, in map[int]bool) []int {
	prev := map[int]int{}
	queue := []int{s}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range deps[v] {
			if !in[w] {
				continue
			}
			if w == s {
				path := []int{s}
				for u := v; u != s; u = prev[u] {
					path = append(path, u)
				}
				// path is s, v, …, reversed after s; turn it around.
				rest := path[1:]
				for a, b := 0, len(rest)-1; a < b; a, b = a+1, b-1 {
					rest[a], rest[b] = rest[b], rest[a]
				}
				return append(path, s)
			}
			if _, seen := prev[w]; !seen {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return []int{s, s} // not reached for a component with a cycle
}
