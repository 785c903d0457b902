package jsonstat

import "iter"

// Observation describes one cell during iteration with Dataset.All.
//
// To keep iteration over millions of cells free of allocations, All
// yields the same *Observation for every cell and updates it in place:
// copy what you need to keep (the strings themselves may be retained,
// they are never modified).
type Observation struct {
	// Coords holds the category coordinate of each dimension, in ID order.
	Coords []int
	// IDs holds the category id of each dimension, in ID order.
	IDs []string
	// Value is the cell's value.
	Value Value
	// Status is the cell's status, or "".
	Status string
}

// All returns an iterator over every cell in position order (the last
// dimension in ID varies fastest), yielding the flat position and the
// cell. Omitted cells of a sparse dataset are yielded as null.
//
// The category ids come from an odometer that advances one coordinate at
// a time rather than from division and map lookups per cell, and sparse
// values and status objects are merged by cursor rather than searched, so
// each step costs a few comparisons and no allocation.
func (d *Dataset) All() iter.Seq2[int, *Observation] {
	return func(yield func(int, *Observation) bool) {
		n, k := d.n, len(d.sizes)
		if n <= 0 {
			return
		}
		cur := make([]int, k)
		obs := &Observation{Coords: make([]int, k), IDs: make([]string, k)}
		for j := range k {
			obs.IDs[j] = d.cats[j][0]
		}
		vs, st := &d.values, &d.status
		vi, si := 0, 0 // cursors into sparse values and status object
		for pos := 0; pos < n; pos++ {
			if vs.sparse {
				obs.Value = Value{}
				if vi < len(vs.pos) && vs.pos[vi] == pos {
					obs.Value = vs.get(vi)
					vi++
				}
			} else {
				obs.Value = vs.get(pos)
			}
			switch {
			case st.all != "":
				obs.Status = st.all
			case st.arr != nil:
				obs.Status = st.arr[pos]
			case si < len(st.pos) && st.pos[si] == pos:
				obs.Status = st.codes[si]
				si++
			default:
				obs.Status = ""
			}
			if !yield(pos, obs) {
				return
			}
			// Advance the odometer; only the dimensions that roll over
			// get a new id.
			for j := k - 1; j >= 0; j-- {
				c := cur[j] + 1
				if c < d.sizes[j] {
					cur[j] = c
					obs.Coords[j], obs.IDs[j] = c, d.cats[j][c]
					break
				}
				cur[j] = 0
				obs.Coords[j], obs.IDs[j] = 0, d.cats[j][0]
			}
		}
	}
}
