package disclosure

import (
	"fmt"
	"math/big"
	"slices"
)

// Recoverable returns, in increasing order, the suppressed cells whose
// counts can be worked out exactly from the published cells through the
// relations of t, alone or combined. A pattern is safe when it returns
// none. suppressed has one entry per cell of t, and t must be valid (see
// Validate); Recoverable panics otherwise, as that is a programming error.
//
// Each relation is a linear equation over the cells. With the published
// cells moved to the right-hand side, the suppressed cells x_S satisfy
// A·x_S = b, and cell i is recoverable exactly when the unit vector e_i is
// a combination of the rows of A.
func Recoverable(t *Table, suppressed []bool) []int {
	if len(suppressed) != len(t.Counts) {
		panic(fmt.Sprintf("disclosure: %d marks for %d cells", len(suppressed), len(t.Counts)))
	}
	if err := t.Validate(); err != nil {
		panic(err) // a cell named twice would silently give a wrong answer
	}
	g := newGraph(t)
	var out []int
	for _, c := range g.components(suppressed) {
		for _, f := range g.check(suppressed, c, nil) {
			out = append(out, f.col)
		}
	}
	slices.Sort(out)
	return out
}

// graph indexes a table by cell, to find what a cell's suppression touches.
type graph struct {
	t     *Table
	rels  [][]int32 // rels[cell]: the relations the cell takes part in
	local []int32   // scratch for check: a cell's column in its component
}

func newGraph(t *Table) *graph {
	g := &graph{t: t, rels: make([][]int32, len(t.Counts)), local: make([]int32, len(t.Counts))}
	// Count first, then cut every cell's list from one array: appending
	// cell by cell took a quarter of Suppress's time on a large table.
	size := make([]int32, len(t.Counts))
	total := 0
	for k := range t.Relations {
		g.cells(k, func(c int, _ bool) { size[c]++; total++ })
	}
	all := make([]int32, total)
	for c, n := range size {
		g.rels[c], all = all[:0:n], all[n:]
	}
	for k := range t.Relations {
		g.cells(k, func(c int, _ bool) { g.rels[c] = append(g.rels[c], int32(k)) })
	}
	return g
}

// cells calls f for the total and each part of relation k.
func (g *graph) cells(k int, f func(cell int, total bool)) {
	r := g.t.Relations[k]
	f(r.Total, true)
	for _, p := range r.Parts {
		f(p, false)
	}
}

// component is a set of suppressed cells that relations link together, with
// those relations. Components are independent systems of equations, so each
// can be checked on its own, and a small change to a large table only
// needs its own component checked again.
type component struct {
	cells []int // increasing
	rels  []int
}

// components splits the suppressed cells into components, linking the
// suppressed cells of each relation by union–find.
func (g *graph) components(sup []bool) []component {
	root := make([]int32, len(sup))
	for i := range root {
		root[i] = int32(i)
	}
	find := func(i int32) int32 {
		for root[i] != i {
			root[i] = root[root[i]] // path halving keeps the trees flat
			i = root[i]
		}
		return i
	}
	first := make([]int32, len(g.t.Relations)) // a suppressed cell of relation k, or -1
	for k := range g.t.Relations {
		first[k] = -1
		g.cells(k, func(c int, _ bool) {
			if !sup[c] {
				return
			}
			if first[k] < 0 {
				first[k] = int32(c)
			} else if a, b := find(first[k]), find(int32(c)); a != b {
				root[b] = a
			}
		})
	}
	index := make(map[int32]int) // root → position in comps
	var comps []component
	at := func(c int32) *component {
		r := find(c)
		i, ok := index[r]
		if !ok {
			i = len(comps)
			index[r] = i
			comps = append(comps, component{})
		}
		return &comps[i]
	}
	for c, s := range sup {
		if s {
			p := at(int32(c))
			p.cells = append(p.cells, c)
		}
	}
	for k, c := range first {
		if c >= 0 {
			p := at(c)
			p.rels = append(p.rels, k)
		}
	}
	return comps
}

// check returns the recoverable cells of one component, as fixed values
// whose col is the cell and whose witness, for the cells that witness
// accepts, is keyed by relation.
func (g *graph) check(sup []bool, comp component, witness func(cell int) bool) []fixed {
	for j, c := range comp.cells {
		g.local[c] = int32(j)
	}
	// The rows share one array, as a component can have thousands.
	size := 0
	for _, k := range comp.rels {
		size += 1 + len(g.t.Relations[k].Parts)
	}
	flat := make([]entry, 0, size)
	rows := make([][]entry, len(comp.rels))
	for j, k := range comp.rels {
		start := len(flat)
		g.cells(k, func(c int, total bool) {
			if !sup[c] {
				return
			}
			v := int64(-1)
			if total {
				v = 1
			}
			flat = append(flat, entry{g.local[c], v})
		})
		row := flat[start:len(flat):len(flat)]
		slices.SortFunc(row, func(a, b entry) int { return int(a.col - b.col) })
		rows[j] = row
	}
	var local func(int) bool
	if witness != nil {
		local = func(j int) bool { return witness(comp.cells[j]) }
	}
	out := determined(len(comp.cells), rows, local)
	for i, f := range out {
		var w map[int32]*big.Rat
		if f.witness != nil {
			w = make(map[int32]*big.Rat, len(f.witness))
			for row, v := range f.witness {
				w[int32(comp.rels[row])] = v
			}
		}
		out[i] = fixed{col: comp.cells[f.col], witness: w}
	}
	return out
}
