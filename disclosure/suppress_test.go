package disclosure_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/disclosure"
)

const (
	N = disclosure.None
	P = disclosure.Primary
	S = disclosure.Secondary
)

func TestSuppress(t *testing.T) {
	tests := []struct {
		name  string
		table *disclosure.Table
		want  []disclosure.Mark
	}{
		{
			// a + b + c = T: the smallest other part is the one complement.
			name: "Row",
			table: &disclosure.Table{Counts: []int{3, 10, 7, 20},
				Relations: []disclosure.Relation{{Total: 3, Parts: []int{0, 1, 2}}}},
			want: []disclosure.Mark{P, N, S, N},
		},
		{
			// An empty part is passed over for one with persons.
			name: "RowWithZero",
			table: &disclosure.Table{Counts: []int{3, 0, 9, 12},
				Relations: []disclosure.Relation{{Total: 3, Parts: []int{0, 1, 2}}}},
			want: []disclosure.Mark{P, N, S, N},
		},
		{
			// ... unless it is the only cell left: a single part beside
			// the small one, whose total is small too, needs nothing more.
			name: "RowOnlyZeroLeft",
			table: &disclosure.Table{Counts: []int{3, 0, 3},
				Relations: []disclosure.Relation{{Total: 2, Parts: []int{0, 1}}}},
			want: []disclosure.Mark{P, N, P},
		},
		{
			// Interior 2 10 / 20 30 with margins: the four interior cells
			// form the hypercube, and no margin is touched.
			name:  "Grid2x2",
			table: grid(2, 2, []int{2, 10, 20, 30}),
			want: []disclosure.Mark{
				P, S, N,
				S, S, N,
				N, N, N},
		},
		{
			// root = 1 + 2 + 3 with leaf 1 small: sibling 2, not the root.
			name:  "TreeLeaf",
			table: tree([]int{-1, 0, 0, 0}, func(i int) int { return []int{0, 3, 6, 9}[i] }),
			want:  []disclosure.Mark{N, P, S, N},
		},
		{
			// root = 1 + 2, 1 = 3 + 4 with leaf 3 small: its sibling 4.
			name:  "TreeDeepLeaf",
			table: tree([]int{-1, 0, 0, 1, 1}, func(i int) int { return []int{0, 0, 20, 2, 6}[i] }),
			want:  []disclosure.Mark{N, N, N, P, S},
		},
		{
			// parent = child + own, the only child small: its own part.
			name:  "OnlyChild",
			table: tree([]int{-1, 0, 0}, func(i int) int { return []int{0, 2, 6}[i] }),
			want:  []disclosure.Mark{N, P, S},
		},
		{
			// With no own staff the parent equals its child and is as
			// small: the two protect each other, and the empty own part
			// stays published.
			name:  "OnlyChildNoOwn",
			table: tree([]int{-1, 0, 0}, func(i int) int { return []int{0, 2, 0}[i] }),
			want:  []disclosure.Mark{P, P, N},
		},
		{
			// As before one level down: unit 1 = child 3 + own 4 = 2 + 0
			// is small itself, so root = 1 + 2 needs unit 2 suppressed.
			name:  "OnlyChildNoOwnDeep",
			table: tree([]int{-1, 0, 0, 1, 1}, func(i int) int { return []int{0, 0, 30, 2, 0}[i] }),
			want:  []disclosure.Mark{N, P, S, P, N},
		},
		{
			// Nothing small: nothing suppressed.
			name:  "Safe",
			table: grid(2, 2, []int{5, 10, 0, 30}),
			want:  make([]disclosure.Mark, 9),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := disclosure.Suppress(tt.table, 5)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Suppress = %v, want %v", got, tt.want)
			}
			checkSafe(t, tt.table, 5, got, nil)
		})
	}
}

// TestSuppress_Bridge covers a 4×4 table with margins whose small cells form
// two hypercubes (rows 0–1 × columns 0–1, rows 2–3 × columns 2–3) joined by
// cell (1, 2). Every relation holds two or more of them, so the quick rule
// finds nothing to do, yet the joining cell is a bridge: row totals 0 and 1
// less column totals 0 and 1 leave it alone. Suppress must find it and
// close a cycle through it.
func TestSuppress_Bridge(t *testing.T) {
	table := grid(4, 4, []int{
		1, 2, 5, 9,
		3, 4, 1, 6,
		9, 9, 2, 3,
		9, 9, 4, 1,
	})
	small := make([]bool, len(table.Counts))
	for c, n := range table.Counts {
		small[c] = n > 0 && n < 5
	}
	for k, r := range table.Relations {
		n := 0
		for _, c := range append([]int{r.Total}, r.Parts...) {
			if small[c] {
				n++
			}
		}
		if n == 1 {
			t.Fatalf("relation %d has a single small cell: not the bridge case", k)
		}
	}
	const bridge = 1*5 + 2
	if got := disclosure.Recoverable(table, small); !slices.Equal(got, []int{bridge}) {
		t.Fatalf("Recoverable = %v, want [%d]", got, bridge)
	}
	if got := bruteRecoverable(table, small); !slices.Equal(got, []int{bridge}) {
		t.Fatalf("bruteRecoverable = %v, want [%d]", got, bridge)
	}

	marks, err := disclosure.Suppress(table, 5)
	if err != nil {
		t.Fatal(err)
	}
	// Cell (0, 2), of 5 persons, is the smallest published cell in the
	// bridge's row and column, and closes the cycle (0,0) (0,2) (1,2) (1,0).
	want := []disclosure.Mark{
		P, P, S, N, N,
		P, P, P, N, N,
		N, N, P, P, N,
		N, N, P, P, N,
		N, N, N, N, N,
	}
	if !slices.Equal(marks, want) {
		t.Fatalf("Suppress = %v, want %v", marks, want)
	}
	if got := disclosure.Recoverable(table, suppressed(marks)); len(got) > 0 {
		t.Fatalf("Recoverable after Suppress = %v", got)
	}
	checkSafe(t, table, 5, marks, nil)
}

func TestSuppress_Error(t *testing.T) {
	row := []disclosure.Relation{{Total: 2, Parts: []int{0, 1}}}
	tests := []struct {
		name      string
		table     *disclosure.Table
		threshold int
		want      string
	}{
		{"Threshold", &disclosure.Table{Counts: []int{1, 2, 3}, Relations: row}, 0, "threshold 0"},
		{"Negative", &disclosure.Table{Counts: []int{1, -2, 3}, Relations: row}, 5, "negative count"},
		{"Total", &disclosure.Table{Counts: []int{1, 2}, Relations: row}, 5, "total 2 out of range"},
		{"Part", &disclosure.Table{Counts: []int{1, 2, 3},
			Relations: []disclosure.Relation{{Total: 2, Parts: []int{0, -1}}}}, 5, "part -1 out of range"},
		{"NoParts", &disclosure.Table{Counts: []int{1},
			Relations: []disclosure.Relation{{Total: 0}}}, 5, "no parts"},
		{"Twice", &disclosure.Table{Counts: []int{1, 2, 3},
			Relations: []disclosure.Relation{{Total: 2, Parts: []int{0, 0}}}}, 5, "cell 0 twice"},
		{"TotalInParts", &disclosure.Table{Counts: []int{1, 2, 3},
			Relations: []disclosure.Relation{{Total: 2, Parts: []int{0, 2}}}}, 5, "cell 2 twice"},
		{
			// T = a + b and T = a fix b = 0 whatever is published: a
			// count of 3 there cannot be hidden.
			name: "Determined",
			table: &disclosure.Table{Counts: []int{9, 6, 3}, Relations: []disclosure.Relation{
				{Total: 0, Parts: []int{1, 2}}, {Total: 0, Parts: []int{1}}}},
			threshold: 5,
			want:      "determine cell 2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := disclosure.Suppress(tt.table, tt.threshold)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Suppress error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
