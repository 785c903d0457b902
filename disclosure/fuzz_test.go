package disclosure_test

import (
	"slices"
	"testing"

	"github.com/virk-analyse/virk/disclosure"
)

// FuzzSuppress runs Suppress on tables of up to 12 cells and 10 relations
// decoded from the input, valid or not, and checks that it does not panic,
// refuses what Validate refuses, and returns safe patterns. When it reports
// a cell that the relations alone determine, that must be true: with every
// cell suppressed, some cell of at least one person is still recoverable.
func FuzzSuppress(f *testing.F) {
	f.Add([]byte{4, 3, 10, 7, 20, 3, 3, 0, 1, 2}, byte(5))
	f.Add([]byte{3, 9, 6, 3, 2, 0, 1, 2, 1, 0, 1}, byte(5))
	f.Add([]byte{8, 1, 2, 3, 4, 9, 9, 9, 9, 1, 2, 0, 1, 1, 2, 2, 3, 2, 4, 5, 3, 6, 7}, byte(5))
	f.Add([]byte{5, 1, 1, 1, 1, 1, 2, 0, 1, 2, 2, 3, 4, 0, 255}, byte(2))
	f.Fuzz(func(t *testing.T, data []byte, threshold byte) {
		table := decode(data)
		marks, err := disclosure.Suppress(table, int(threshold%8))
		if verr := table.Validate(); verr != nil || threshold%8 == 0 {
			if err == nil {
				t.Fatalf("Suppress accepted an invalid table or threshold: %v", verr)
			}
			return
		}
		if err != nil {
			all := make([]bool, len(table.Counts))
			for i := range all {
				all[i] = true
			}
			if !slices.ContainsFunc(bruteRecoverable(table, all), func(c int) bool { return table.Counts[c] > 0 }) {
				t.Fatalf("Suppress failed on a table it could protect: %v", err)
			}
			return
		}
		checkSafe(t, table, int(threshold%8), marks, nil)
		if got := disclosure.Recoverable(table, suppressed(marks)); len(got) > 0 {
			t.Fatalf("Recoverable = %v after Suppress", got)
		}
	})
}

// decode reads a table from data: the number of cells, their counts, then
// relations as a length byte followed by cells. A length byte's top bit
// makes the relation's cells raw bytes, often out of range, so that
// invalid tables are fuzzed too.
func decode(data []byte) *disclosure.Table {
	next := func() (int, bool) {
		if len(data) == 0 {
			return 0, false
		}
		b := data[0]
		data = data[1:]
		return int(b), true
	}
	b, _ := next()
	n := 1 + b%12
	t := &disclosure.Table{Counts: make([]int, n)}
	for i := range t.Counts {
		b, _ := next()
		t.Counts[i] = b % 10
	}
	for len(t.Relations) < 10 {
		b, ok := next()
		if !ok {
			break
		}
		raw, size := b&0x80 != 0, 1+b%4
		cell := func() int {
			b, _ := next()
			if raw {
				return b - 2
			}
			return b % n
		}
		r := disclosure.Relation{Total: cell()}
		for range size {
			c := cell()
			if raw || c != r.Total && !slices.Contains(r.Parts, c) {
				r.Parts = append(r.Parts, c)
			}
		}
		if raw || len(r.Parts) > 0 {
			t.Relations = append(t.Relations, r)
		}
	}
	return t
}
