package disclosure

import (
	"fmt"
	"math/big"
)

// Suppress returns a mark per cell of t: Primary for each cell of at least
// one and fewer than threshold persons, Secondary for the complements that
// keep those cells from being worked out through the relations, and None
// for the cells to publish. No suppressed cell of the result is
// recoverable (see Recoverable).
//
// Complements are chosen greedily, preferring the cell with the fewest
// persons, so that little is withheld: first so that no relation has a
// single suppressed cell, then, while the exact check finds a primary cell
// determined, among the published cells of the relations whose combination
// determines it. The pattern is safe but not the smallest possible. Suppress fails if t is invalid (see Validate), if
// threshold is below 1, or if the relations alone fix a primary cell, so
// that no suppression can protect it; consistent counts never do the
// latter, as such a cell is always 0.
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
		// many, as one complement can protect several cells: a cell whose
		// witness holds a complement of this round waits for the next.
		s.round++
		for _, f := range open {
			if s.touched(f.witness) {
				continue
			}
			c := s.complement(f.witness)
			if c < 0 {
				return nil, fmt.Errorf("disclosure: the relations alone determine cell %d", f.col)
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
	total     []bool  // the cell is the total of some relation
	nsup      []int32 // suppressed cells per relation
	queue     []int32 // relations that may hold exactly one suppressed cell
	dirty     []bool  // cells suppressed since their component was checked
	recovered []bool  // complements found recoverable at the last check
	roundOf   []int   // the round in which each relation got a complement
	round     int
}

func newSuppressor(t *Table) *suppressor {
	n := len(t.Counts)
	s := &suppressor{graph: newGraph(t), marks: make([]Mark, n), sup: make([]bool, n),
		total: make([]bool, n), nsup: make([]int32, len(t.Relations)), dirty: make([]bool, n),
		recovered: make([]bool, n), roundOf: make([]int, len(t.Relations))}
	for _, r := range t.Relations {
		s.total[r.Total] = true
	}
	return s
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
		best := -1
		s.cells(int(k), func(c int, _ bool) {
			if !s.sup[c] && (best < 0 || s.better(c, best)) {
				best = c
			}
		})
		s.suppress(best, Secondary)
	}
}

// better reports whether cell c is a better complement than cell d: the
// fewest persons lose the least information, but an empty cell comes last,
// since a reader may know it is empty (a unit with no staff of its own) and
// so it would protect nothing. Among equal counts a cell that is no sum is
// preferred, as suppressing a sum spreads to the sums above it.
func (s *suppressor) better(c, d int) bool {
	nc, nd := s.t.Counts[c], s.t.Counts[d]
	switch {
	case (nc == 0) != (nd == 0):
		return nd == 0
	case nc != nd:
		return nc < nd
	case s.total[c] != s.total[d]:
		return s.total[d]
	}
	return c < d
}

// check verifies exactly every component with a cell suppressed since the
// last check, records which of its complements are recoverable, and
// returns its recoverable primary cells by increasing cell.
func (s *suppressor) check() []fixed {
	var open []fixed
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
		for _, f := range s.graph.check(s.sup, comp, s.primary) {
			if s.marks[f.col] == Primary {
				open = append(open, f)
			} else {
				s.recovered[f.col] = true
			}
		}
	}
	return open
}

// primary reports whether cell c is primary: those need witnesses.
func (s *suppressor) primary(c int) bool { return s.marks[c] == Primary }

// touched reports whether a relation of witness w got a complement in the
// current round.
func (s *suppressor) touched(w map[int32]*big.Rat) bool {
	for k := range w {
		if s.roundOf[k] == s.round {
			return true
		}
	}
	return false
}

// complement returns the best published cell that spoils witness w, or -1
// if there is none. A cell spoils the witness if the witness's combination
// of relations does not cancel it; any other cell could be suppressed and
// the same combination would still isolate the cell it reveals. If no cell
// is left, the combination isolates that cell in the full relations,
// published cells and all: the relations alone fix it.
func (s *suppressor) complement(w map[int32]*big.Rat) int {
	best := -1
	sum := new(big.Rat)
	for k := range w {
		s.cells(int(k), func(c int, _ bool) {
			if s.sup[c] || best >= 0 && !s.better(c, best) {
				return
			}
			sum.SetInt64(0)
			for _, k := range s.rels[c] {
				if v, ok := w[k]; ok && s.t.Relations[k].Total == c {
					sum.Add(sum, v)
				} else if ok {
					sum.Sub(sum, v)
				}
			}
			if sum.Sign() != 0 {
				best = c
			}
		})
	}
	return best
}
