package disclosure

import (
	"math/big"
	"slices"
)

// entry is one nonzero coefficient of a sparse row.
type entry struct {
	col int32
	val int64
}

// limit bounds the factors of every product in combine: two products of
// factors below 2^31 and their difference stay inside int64, so integer
// elimination is exact as long as coefficients stay below it.
const limit = 1 << 31

// fixed is a column that a system determines, with the witness of it if
// asked for: the coefficient of each row (by its position) in a combination
// of the rows that leaves that column alone. Rows not named have
// coefficient 0.
type fixed struct {
	col     int
	witness map[int32]*big.Rat
}

// determined returns, by increasing column, the columns among 0..n-1 whose
// unit vector lies in the row space of rows: the unknowns that the system
// rows·x = b fixes, whatever b is. Rows are sparse, their entries sorted by
// column, and are not modified.
//
// The system is brought to reduced row echelon form. Every pivot row then
// holds its pivot column and free columns only, so a pivot row with
// nothing but its pivot fixes that column, and every other column takes
// different values in different solutions. Integer elimination with small
// coefficients is the fast path; should a coefficient outgrow int64, the
// rows are reduced again over the rationals.
//
// If witness is not nil, the columns it accepts get their witness. For
// that each row carries, in columns n and up that are never pivoted on,
// the combination of the original rows it has become (the identity at the
// start); that costs time, so Recoverable goes without.
func determined(n int, rows [][]entry, witness func(col int) bool) []fixed {
	if witness != nil {
		rows = augment(n, rows)
	}
	if out, ok := determinedInt(n, rows, witness); ok {
		return out
	}
	return determinedRat(n, rows, witness)
}

// augment returns rows with row j's coefficient 1 in column n+j added.
func augment(n int, rows [][]entry) [][]entry {
	aug := make([][]entry, len(rows))
	for j, r := range rows {
		aug[j] = append(slices.Clip(r), entry{int32(n + j), 1})
	}
	return aug
}

// determinedInt is determined in fraction-free integer arithmetic, on rows
// whose columns from n on are carried along but not pivoted on. It reports
// false when a coefficient grows too large to continue exactly.
//
// The pivot is taken from an active row with fewest entries, in its column
// that occurs in fewest rows (Markowitz's rule, approximately), because the
// rows of a table are short and this keeps them short: without it, fill-in
// makes large components slow.
func determinedInt(n int, in [][]entry, witness func(int) bool) ([]fixed, bool) {
	rows := slices.Clone(in) // rows are replaced, never written in place
	var store arena
	colRows := make([][]int32, n)
	for j, r := range rows {
		for _, e := range r {
			if abs(e.val) >= limit {
				return nil, false
			}
			if int(e.col) < n {
				colRows[e.col] = append(colRows[e.col], int32(j))
			}
		}
	}
	unknowns := func(r []entry) []entry { // the entries of columns below n
		i, _ := slices.BinarySearchFunc(r, int32(n), byCol)
		return r[:i]
	}
	pivot := make([]int32, len(rows)) // column pivoted on in row j, or -1
	var q lenQueue
	for j, r := range rows {
		pivot[j] = -1
		q.push(int32(j), len(unknowns(r)))
	}
	// stamp[j] == round marks row j as handled in this round, as colRows
	// lists may name a row twice or name rows that lost the column.
	stamp := make([]int32, len(rows))
	for round := int32(1); ; round++ {
		r := q.pop(rows, pivot, unknowns)
		if r < 0 {
			break
		}
		pr := unknowns(rows[r])
		c, p := pr[0].col, pr[0].val
		for _, e := range pr[1:] {
			if len(colRows[e.col]) < len(colRows[c]) {
				c, p = e.col, e.val
			}
		}
		pivot[r] = c
		stamp[r] = round
		for _, j := range colRows[c] {
			if stamp[j] == round {
				continue
			}
			stamp[j] = round
			i, found := slices.BinarySearchFunc(rows[j], c, byCol)
			if !found {
				continue
			}
			nr, ok := combine(rows[j], rows[j][i].val, rows[r], p, j, n, colRows, &store)
			if !ok {
				return nil, false
			}
			rows[j] = nr
			if pivot[j] < 0 {
				q.push(j, len(unknowns(nr)))
			}
		}
		colRows[c] = append(colRows[c][:0], r)
	}
	var out []fixed
	for j, c := range pivot {
		if c < 0 || len(unknowns(rows[j])) > 1 {
			continue
		}
		f := fixed{col: int(c)}
		if witness != nil && witness(f.col) {
			f.witness = make(map[int32]*big.Rat, len(rows[j])-1)
			for _, e := range rows[j][1:] {
				f.witness[e.col-int32(n)] = big.NewRat(e.val, rows[j][0].val)
			}
		}
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b fixed) int { return a.col - b.col })
	return out, true
}

func byCol(e entry, c int32) int { return int(e.col - c) }

// combine returns (p/g)·x − (a/g)·y, with g = gcd(a, p), divided by the
// gcd of its coefficients: row x has a and pivot row y has p in the pivot
// column, which therefore cancels. Columns that y brings into row j are
// added to colRows, if below n. The new row is cut from store. combine
// reports false if a factor reaches limit.
func combine(x []entry, a int64, y []entry, p int64, j int32, n int, colRows [][]int32, store *arena) ([]entry, bool) {
	g := gcd(a, p)
	s, t := p/g, a/g
	if abs(s) >= limit || abs(t) >= limit {
		return nil, false
	}
	out := store.free(len(x) + len(y))
	var h int64
	for ix, iy := 0, 0; ix < len(x) || iy < len(y); {
		var e entry
		switch {
		case iy == len(y) || ix < len(x) && x[ix].col < y[iy].col:
			e = entry{x[ix].col, s * x[ix].val}
			ix++
		case ix == len(x) || y[iy].col < x[ix].col:
			e = entry{y[iy].col, -t * y[iy].val}
			if int(e.col) < n {
				colRows[e.col] = append(colRows[e.col], j)
			}
			iy++
		default:
			e = entry{x[ix].col, s*x[ix].val - t*y[iy].val}
			ix++
			iy++
		}
		if e.val != 0 {
			out = append(out, e)
			h = gcd(h, e.val)
		}
	}
	if h > 1 {
		for i := range out {
			out[i].val /= h
		}
	}
	for _, e := range out {
		if abs(e.val) >= limit {
			return nil, false
		}
	}
	return store.keep(out), true
}

// arena hands out the storage of rows from large blocks: elimination
// replaces rows all the time, and allocating each one apart kept the
// garbage collector busier than the elimination itself.
type arena struct{ block []entry }

// free returns an empty slice with room for n entries; what is appended
// to it is taken by keep.
func (a *arena) free(n int) []entry {
	if cap(a.block)-len(a.block) < n {
		// Doubling keeps the blocks few for a large system, and small
		// for the many small systems of a table.
		a.block = make([]entry, 0, max(2*n, 2*cap(a.block)))
	}
	return a.block[len(a.block):len(a.block):cap(a.block)]
}

// keep marks the entries of s, the last slice free gave, as in use, and
// returns s clipped so that appending to it cannot overwrite them.
func (a *arena) keep(s []entry) []entry {
	a.block = a.block[:len(a.block)+len(s)]
	return slices.Clip(s)
}

func gcd(a, b int64) int64 {
	a, b = abs(a), abs(b)
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

// lenQueue hands out rows by increasing length. Entries go stale when a row
// changes; pop skips those instead of updating them in place.
type lenQueue struct {
	buckets [][]int32 // rows by length when pushed
	min     int       // no bucket below min holds a live row
}

func (q *lenQueue) push(j int32, n int) {
	if n == 0 {
		return // an empty row is a dependent one: nothing to pivot on
	}
	for len(q.buckets) <= n {
		q.buckets = append(q.buckets, nil)
	}
	q.buckets[n] = append(q.buckets[n], j)
	q.min = min(q.min, n)
}

// pop returns an active row of fewest entries in the columns that
// unknowns gives, or -1 when none is left.
func (q *lenQueue) pop(rows [][]entry, pivot []int32, unknowns func([]entry) []entry) int32 {
	for ; q.min < len(q.buckets); q.min++ {
		b := q.buckets[q.min]
		for len(b) > 0 {
			j := b[len(b)-1]
			b = b[:len(b)-1]
			if pivot[j] < 0 && len(unknowns(rows[j])) == q.min {
				q.buckets[q.min] = b
				return j
			}
		}
		q.buckets[q.min] = b
	}
	return -1
}

// determinedRat is determinedInt over the rationals, column by column
// without any pivoting strategy: it is the slow and simple fallback for the
// rare system whose integer coefficients outgrow int64.
func determinedRat(n int, in [][]entry, witness func(int) bool) []fixed {
	rows := make([]map[int32]*big.Rat, len(in))
	for j, r := range in {
		rows[j] = make(map[int32]*big.Rat, len(r))
		for _, e := range r {
			rows[j][e.col] = new(big.Rat).SetInt64(e.val)
		}
	}
	used := make([]bool, len(rows))
	pivots := map[int32]int{} // column → its pivot row
	for c := int32(0); int(c) < n; c++ {
		r := -1
		for j, row := range rows {
			if !used[j] && row[c] != nil {
				r = j
				break
			}
		}
		if r < 0 {
			continue
		}
		used[r] = true
		pivots[c] = r
		inv := new(big.Rat).Inv(rows[r][c])
		for _, v := range rows[r] {
			v.Mul(v, inv)
		}
		for j, row := range rows {
			f := row[c]
			if j == r || f == nil {
				continue
			}
			f = new(big.Rat).Set(f)
			for col, v := range rows[r] {
				w := row[col]
				if w == nil {
					w = new(big.Rat)
					row[col] = w
				}
				w.Sub(w, new(big.Rat).Mul(f, v))
				if w.Sign() == 0 {
					delete(row, col)
				}
			}
		}
	}
	var out []fixed
	for c := int32(0); int(c) < n; c++ {
		r, ok := pivots[c]
		if !ok {
			continue
		}
		f, alone := fixed{col: int(c)}, true
		if witness != nil && witness(f.col) {
			f.witness = map[int32]*big.Rat{}
		}
		for col, v := range rows[r] {
			if int(col) < n && col != c {
				alone = false
			} else if int(col) >= n && f.witness != nil {
				f.witness[col-int32(n)] = v
			}
		}
		if alone {
			out = append(out, f)
		}
	}
	return out
}
