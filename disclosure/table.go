package disclosure

import "fmt"

// Table is a set of cells together with the additive relations that
// publishing them reveals. Cells are numbered from 0 to len(Counts)-1.
type Table struct {
	// Counts holds the number of persons behind each cell.
	Counts []int
	// Relations lists the sums a reader of the table knows to hold, such
	// as "a unit is the sum of its sub-units and its own part".
	Relations []Relation
}

// Relation states that cell Total equals the sum of the cells Parts.
type Relation struct {
	Total int
	Parts []int
}

// Mark tells whether a cell is published and, if not, why.
type Mark uint8

// The marks Suppress gives. Primary cells break the threshold rule
// themselves; Secondary cells are suppressed only to protect others.
const (
	None Mark = iota
	Primary
	Secondary
)

// Suppressed reports whether a cell with mark m must be withheld.
func (m Mark) Suppressed() bool { return m != None }

// String returns the mark's name, for messages and tests.
func (m Mark) String() string {
	switch m {
	case None:
		return "none"
	case Primary:
		return "primary"
	case Secondary:
		return "secondary"
	}
	return fmt.Sprintf("Mark(%d)", uint8(m))
}

// Validate reports the first problem that makes t unusable: a negative
// count, or a relation that names a cell out of range, has no parts,
// names a part twice or has its total among its parts. The last two are
// refused rather than read as coefficients other than 1, since no table of
// counts has such sums and they would most likely be a caller's mistake.
func (t *Table) Validate() error {
	n := len(t.Counts)
	for i, c := range t.Counts {
		if c < 0 {
			return fmt.Errorf("disclosure: cell %d has negative count %d", i, c)
		}
	}
	// seen[cell] == k+1 marks cells already met in relation k, so that the
	// check needs no allocation per relation.
	seen := make([]int, n)
	for k, r := range t.Relations {
		if r.Total < 0 || r.Total >= n {
			return fmt.Errorf("disclosure: relation %d: total %d out of range [0,%d)", k, r.Total, n)
		}
		if len(r.Parts) == 0 {
			return fmt.Errorf("disclosure: relation %d has no parts", k)
		}
		seen[r.Total] = k + 1
		for _, p := range r.Parts {
			if p < 0 || p >= n {
				return fmt.Errorf("disclosure: relation %d: part %d out of range [0,%d)", k, p, n)
			}
			if seen[p] == k+1 {
				return fmt.Errorf("disclosure: relation %d names cell %d twice", k, p)
			}
			seen[p] = k + 1
		}
	}
	return nil
}

// TreeRelations returns the relations of a hierarchy given as a parent
// array: parent[i] is the node above node i, or negative for a root. Every
// node with children gets the relation node = sum of its children, with
// the children in increasing order. A unit that has staff of its own as
// well as sub-units needs a child node for that own part, so that the sum
// holds.
func TreeRelations(parent []int) []Relation {
	children := make([][]int, len(parent))
	for i, p := range parent {
		if p >= 0 && p < len(parent) {
			children[p] = append(children[p], i)
		}
	}
	var rels []Relation
	for i, ch := range children {
		if len(ch) > 0 {
			rels = append(rels, Relation{Total: i, Parts: ch})
		}
	}
	return rels
}

// Product returns the relations of the cross product of two dimensions,
// such as units × periods: dimension A has na positions related by relsA,
// dimension B has nb positions related by relsB, and the cell of positions
// (a, b) is numbered a*nb + b. Each relation of A holds for every position
// of B and each relation of B for every position of A. Applying Product
// again, with na*nb positions, adds a third dimension.
func Product(na int, relsA []Relation, nb int, relsB []Relation) []Relation {
	rels := make([]Relation, 0, len(relsA)*nb+len(relsB)*na)
	for b := 0; b < nb; b++ {
		for _, r := range relsA {
			parts := make([]int, len(r.Parts))
			for j, p := range r.Parts {
				parts[j] = p*nb + b
			}
			rels = append(rels, Relation{Total: r.Total*nb + b, Parts: parts})
		}
	}
	for a := 0; a < na; a++ {
		for _, r := range relsB {
			parts := make([]int, len(r.Parts))
			for j, p := range r.Parts {
				parts[j] = a*nb + p
			}
			rels = append(rels, Relation{Total: a*nb + r.Total, Parts: parts})
		}
	}
	return rels
}
