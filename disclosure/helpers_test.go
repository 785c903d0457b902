package disclosure_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/virk-analyse/virk/disclosure"
)

// bruteRecoverable finds the recoverable cells of a pattern in a way of its
// own, to check the package against: cell i is recoverable exactly when
// adding the unit vector e_i to the rows of the system over the suppressed
// cells leaves its rank unchanged. Ranks come from a dense row echelon form
// over the rationals, which is slow but plainly right.
func bruteRecoverable(t *disclosure.Table, sup []bool) []int {
	col := map[int]int{}
	for c, s := range sup {
		if s {
			col[c] = len(col)
		}
	}
	var rows [][]*big.Rat
	for _, r := range t.Relations {
		row := make([]*big.Rat, len(col))
		nonzero := false
		for j := range row {
			row[j] = new(big.Rat)
		}
		if j, ok := col[r.Total]; ok {
			row[j].SetInt64(1)
			nonzero = true
		}
		for _, p := range r.Parts {
			if j, ok := col[p]; ok {
				row[j].SetInt64(-1)
				nonzero = true
			}
		}
		if nonzero {
			rows = append(rows, row)
		}
	}
	base := rank(rows)
	var out []int
	for c, s := range sup {
		if !s {
			continue
		}
		unit := make([]*big.Rat, len(col))
		for j := range unit {
			unit[j] = new(big.Rat)
		}
		unit[col[c]].SetInt64(1)
		if rank(append(rows[:len(rows):len(rows)], unit)) == base {
			out = append(out, c)
		}
	}
	return out
}

// rank returns the rank of a dense matrix, leaving it unchanged.
func rank(m [][]*big.Rat) int {
	a := make([][]*big.Rat, len(m))
	for i, row := range m {
		a[i] = make([]*big.Rat, len(row))
		for j, v := range row {
			a[i][j] = new(big.Rat).Set(v)
		}
	}
	r := 0
	for j := 0; len(a) > 0 && j < len(a[0]) && r < len(a); j++ {
		p := -1
		for i := r; i < len(a); i++ {
			if a[i][j].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		a[r], a[p] = a[p], a[r]
		for i := r + 1; i < len(a); i++ {
			if a[i][j].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(a[i][j], a[r][j])
			for k := j; k < len(a[i]); k++ {
				a[i][k].Sub(a[i][k], new(big.Rat).Mul(f, a[r][k]))
			}
		}
		r++
	}
	return r
}

// grid returns an r×c table with row, column and grand totals: position
// (i, j) is cell i*(c+1)+j, row r holds the column totals and column c the
// row totals. Counts are given for the interior, row by row.
func grid(r, c int, interior []int) *disclosure.Table {
	line := func(n int) []disclosure.Relation {
		parts := make([]int, n)
		for i := range parts {
			parts[i] = i
		}
		return []disclosure.Relation{{Total: n, Parts: parts}}
	}
	t := &disclosure.Table{
		Counts:    make([]int, (r+1)*(c+1)),
		Relations: disclosure.Product(r+1, line(r), c+1, line(c)),
	}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := interior[i*c+j]
			t.Counts[i*(c+1)+j] += v
			t.Counts[i*(c+1)+c] += v
			t.Counts[r*(c+1)+j] += v
			t.Counts[r*(c+1)+c] += v
		}
	}
	return t
}

// tree returns the table of a hierarchy with the given counts of its
// leaves, every other node being the sum of its children.
func tree(parent []int, leaf func(i int) int) *disclosure.Table {
	t := &disclosure.Table{Counts: make([]int, len(parent)), Relations: disclosure.TreeRelations(parent)}
	inner := make([]bool, len(parent))
	for _, p := range parent {
		if p >= 0 {
			inner[p] = true
		}
	}
	for i := range parent {
		if !inner[i] {
			v := leaf(i)
			for j := i; j >= 0; j = parent[j] {
				t.Counts[j] += v
			}
		}
	}
	return t
}

// suppressed turns marks into the pattern Recoverable takes.
func suppressed(marks []disclosure.Mark) []bool {
	sup := make([]bool, len(marks))
	for i, m := range marks {
		sup[i] = m.Suppressed()
	}
	return sup
}

// checkSafe asserts what every result of Suppress must satisfy: (a) each
// cell of 1 to threshold-1 persons and no other is primary, (b) no
// suppressed cell is recoverable, by the brute-force check, and (c) no
// relation has a primary cell as its only suppressed cell. Recoverability
// depends on the pattern only, so tests of many tables of one shape pass a
// cache of the brute-force answers by pattern; cache may be nil.
func checkSafe(tb testing.TB, t *disclosure.Table, threshold int, marks []disclosure.Mark, cache map[string][]int) {
	tb.Helper()
	for c, n := range t.Counts {
		if want := n > 0 && n < threshold; (marks[c] == disclosure.Primary) != want {
			tb.Fatalf("cell %d of %d persons marked %v", c, n, marks[c])
		}
	}
	sup := suppressed(marks)
	key := fmt.Sprint(sup)
	rec, ok := cache[key]
	if !ok {
		rec = bruteRecoverable(t, sup)
		if cache != nil {
			cache[key] = rec
		}
	}
	if len(rec) > 0 {
		tb.Fatalf("cells %v are recoverable; counts %v, marks %v", rec, t.Counts, marks)
	}
	for k, r := range t.Relations {
		only, n := -1, 0
		for _, c := range append([]int{r.Total}, r.Parts...) {
			if marks[c].Suppressed() {
				only, n = c, n+1
			}
		}
		if n == 1 && marks[only] == disclosure.Primary {
			tb.Fatalf("relation %d reveals primary cell %d by subtraction", k, only)
		}
	}
}
