package prognosis

import (
	"maps"
	"math"
	"slices"
)

// Population is a population projection: persons by single year of age
// and year, for one region, as in SSB table 14288 ("Framskrevet
// folkemengde 1. januar"). The oldest age stands for that age and older,
// as SSB's "105 år eller eldre" does.
type Population struct {
	Region   string // region code as in the file, e.g. "K-3024"; "" for CSV
	Label    string // region name, e.g. "Bærum"
	Contents string // the projection alternative, e.g. "Hovedalternativet (MMMM)"
	Source   string // the table's title, or the file kind

	persons map[int]map[int]float64 // year → age → persons
	maxAge  int
}

// NewPopulation returns an empty population, to be filled with Add.
func NewPopulation() *Population {
	return &Population{persons: map[int]map[int]float64{}, maxAge: -1}
}

// Add adds persons of one age in one year, so that men and women can be
// added one after the other. A NaN makes the cell unknown for good.
func (p *Population) Add(year, age int, persons float64) {
	y := p.persons[year]
	if y == nil {
		y = map[int]float64{}
		p.persons[year] = y
	}
	y[age] += persons
	p.maxAge = max(p.maxAge, age)
}

// Persons returns the persons of one age in one year, and false when the
// population does not have them.
func (p *Population) Persons(year, age int) (float64, bool) {
	n, ok := p.persons[year][age]
	return n, ok && !math.IsNaN(n)
}

// Years returns the years the population covers, in order.
func (p *Population) Years() []int {
	return slices.Sorted(maps.Keys(p.persons))
}

// MaxAge returns the oldest age of the population, which stands for that
// age and older; -1 when it is empty.
func (p *Population) MaxAge() int { return p.maxAge }

// Sum returns the persons of a band in a year. An open band runs to the
// oldest age. It fails with ErrMissing, naming the first age missing,
// when the population lacks an age of the band, so that a projection is
// never built on a silently shortened band.
func (p *Population) Sum(year int, b Band) (float64, error) {
	ages, ok := p.persons[year]
	if !ok {
		return 0, errorf(ErrMissing, "befolkningen mangler året %d", year)
	}
	last := b.To
	if b.Open() {
		last = max(p.maxAge, b.From)
	}
	var sum float64
	for a := b.From; a <= last; a++ {
		n, ok := ages[a]
		if !ok || math.IsNaN(n) {
			return 0, errorf(ErrMissing, "befolkningen mangler %d-åringer i %d (aldersgruppe %s)", a, year, b)
		}
		sum += n
	}
	return sum, nil
}
