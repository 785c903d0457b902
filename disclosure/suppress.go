package disclosure

import "fmt"

// Suppress returns a mark per cell of t: Primary for each cell of at least
// one and fewer than threshold persons, Secondary for the complements that
// keep those cells from being worked out through the relations, and None
// for the cells to publish. No suppressed cell of the result is
// recoverable (see Recoverable).
//
// Complements are chosen greedily, one relation at a time, preferring the
// cell with the fewest persons, so that little is withheld; the pattern is
// safe but not the smallest possible. Suppress fails if t is invalid (see
// Validate), if threshold is below 1, or if the relations alone fix a
// primary cell, so that no suppression can protect it; consistent counts of
// a real table never do the latter.
func Suppress(t *Table, threshold int) ([]Mark, error) {
	if threshold < 1 {
		return nil, fmt.Errorf("disclosure: threshold %d is below 1", threshold)
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	s := newSuppressor(t)
	for c, n := range t.Counts {
		if n > 0 && n < threshold {
			s.suppress(c, Primary)
		}
	}
	for {
		s.fixpoint()
		open := s.check()
		if len(open) == 0 {
			break
		}
		// One complement per recoverable primary cell would often be too
		// many, as one complement can protect several cells of a relation:
		// a cell next to a complement of this round waits for the next.
		s.round++
		for _, i := range open {
			if s.touched(i) {
				continue
			}
			c := s.nearest(i)
			if c < 0 {
				return nil, fmt.Errorf("disclosure: the relations alone determine cell %d", i)
			}
			s.suppress(c, Secondary)
		}
	}
	// A recoverable complement protects nothing: its value follows from the
	// published cells, so publishing it changes what can be worked out of
	// the other cells not at all.
	for c, r := range s.recovered {
		if r {
			s.marks[c] = None
		}
	}
	return s.marks, nil
}

// suppressor holds the state of one Suppress call.
type suppressor struct {
	*graph
	marks     []Mark
	sup       []bool  // marks[c] != None, as the checks take it
	nsup      []int32 // suppressed cells per relation
	queue     []int32 // relations that may hold exactly one suppressed cell
	dirty     []bool  // cells suppressed since their component was checked
	recovered []bool  // complements found recoverable at the last check
	roundOf   []int   // the round in which each relation got a complement
	round     int
}

func newSuppressor(t *Table) *suppressor {
	n := len(t.Counts)
	return &suppressor{graph: newGraph(t), marks: make([]Mark, n), sup: make([]bool, n),
		nsup: make([]int32, len(t.Relations)), dirty: make([]bool, n),
		recovered: make([]bool, n), roundOf: make([]int, len(t.Relations))}
}

func (s *suppressor) suppress(c int, m Mark) {
	s.marks[c], s.sup[c], s.dirty[c] = m, true, true
	for _, k := range s.rels[c] {
		s.nsup[k]++
		if s.nsup[k] == 1 {
			s.queue = append(s.queue, k)
		}
		s.roundOf[k] = s.round
	}
}

// touched reports whether a relation of cell i got a complement in the
// current round.
func (s *suppressor) touched(i int) bool {
	for _, k := range s.rels[i] {
		if s.roundOf[k] == s.round {
			return true
		}
	}
	return false
}

// fixpoint gives every relation with exactly one suppressed cell a
// complement, until none is left: the quick rule that stops disclosure by
// subtraction within a single relation.
func (s *suppressor) fixpoint() {
	for len(s.queue) > 0 {
		k := s.queue[len(s.queue)-1]
		s.queue = s.queue[:len(s.queue)-1]
		if s.nsup[k] != 1 {
			continue
		}
		best, bestTotal := -1, false
		s.cells(int(k), func(c int, total bool) {
			if !s.sup[c] && (best < 0 || s.better(c, total, best, bestTotal)) {
				best, bestTotal = c, total
			}
		})
		s.suppress(best, Secondary)
	}
}

// better reports whether cell c is a better complement than cell d, each
// being the total of the relation at hand or a part: the fewest persons lose the least information, but an empty
// cell comes last, since a reader may know it is empty (a unit with no
// staff of its own) and so it would protect nothing. Among equal counts a
// part is preferred, as a total's suppression spreads to the sums above it.
func (s *suppressor) better(c int, cTotal bool, d int, dTotal bool) bool {
	nc, nd := s.t.Counts[c], s.t.Counts[d]
	if (nc == 0) != (nd == 0) {
		return nd == 0
	}
	if nc != nd {
		return nc < nd
	}
	if cTotal != dTotal {
		return !cTotal
	}
	return c < d
}

// nearest returns the best complement for recoverable cell i among the
// published cells of its relations; when those are all suppressed, among
// the relations of the suppressed cells they hold, and so on outward. It
// returns -1 when no published cell is linked to i at all.
func (s *suppressor) nearest(i int) int {
	seen := map[int]bool{i: true}
	layer := []int{i}
	for len(layer) > 0 {
		best, bestTotal := -1, false
		var next []int
		for _, c := range layer {
			for _, k := range s.rels[c] {
				s.cells(int(k), func(d int, total bool) {
					switch {
					case !s.sup[d]:
						if best < 0 || s.better(d, total, best, bestTotal) {
							best, bestTotal = d, total
						}
					case !seen[d]:
						seen[d] = true
						next = append(next, d)
					}
				})
			}
		}
		if best >= 0 {
			return best
		}
		layer = next
	}
	return -1
}

// check verifies exactly every component with a cell suppressed since the
// last check, records which of its complements are recoverable, and
// returns its recoverable primary cells in increasing order.
func (s *suppressor) check() []int {
	var open []int
	for _, comp := range s.components(s.sup) {
		changed := false
		for _, c := range comp.cells {
			changed = changed || s.dirty[c]
			s.dirty[c] = false
		}
		if !changed {
			continue
		}
		for _, c := range comp.cells {
			s.recovered[c] = false
		}
		for _, c := range s.graph.check(s.sup, comp) {
			if s.marks[c] == Primary {
				open = append(open, c)
			} else {
				s.recovered[c] = true
			}
		}
	}
	return open
}
