package peer

import (
	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// Source gives what a profile reads: the catalogue and the series of an
// indicator for an entity. *kpi.Cube is one.
type Source interface {
	Indicator(id string) *virk.Indicator
	Entity(id string) *virk.Entity
	Series(ind, ent string) kpi.Series
}

var _ Source = (*kpi.Cube)(nil)

// Query selects a service profile.
type Query struct {
	Indicators []string // in the order of the rows
	Entity     string   // the analysed municipality
	Group      *Group
	Index      *Index // resolves the group's member numbers to entities
	Year       int
	// Years is how many years before Year are shown beside it; 0 means
	// three, negative none.
	Years int
	// Compare names entities shown as extra columns, such as a neighbour
	// (Asker in Bærum's profile).
	Compare []string
}

func (q *Query) history() int {
	switch {
	case q.Years < 0:
		return 0
	case q.Years == 0:
		return 3
	}
	return q.Years
}

// Extreme is the lowest or highest value of a group and who holds it.
type Extreme struct {
	Value  float64 `json:"value"`
	Entity string  `json:"entity,omitempty"` // "" for a published figure
	Name   string  `json:"name,omitempty"`
}

// Stats is one indicator's comparison in one year.
type Stats struct {
	Year  int      `json:"year"`
	Value *float64 `json:"value"` // the analysed municipality's
	// Mean is the plain mean of the members that have a value, the
	// analysed municipality included when it is a member.
	Mean *float64 `json:"mean"`
	// Weighted is SSB's weighted average: the indicator's formula over the
	// members' summed inputs, which for a ratio a / b × k is
	// k × Σa / Σb. It is set only for derived indicators.
	Weighted *float64 `json:"weighted,omitempty"`
	Min      *Extreme `json:"min"`
	Max      *Extreme `json:"max"`
	// Rank is the analysed municipality's place among the members with a
	// value, 1 for the best by the indicator's direction (the highest when
	// it has none); equal values share a place. 0 when it has no value.
	Rank int `json:"rank,omitempty"`
	N    int `json:"n"` // members with a value
	// Reference is the average the index is measured against: that of the
	// other members, without the analysed municipality, as ASSS does;
	// weighted for derived indicators, plain otherwise.
	Reference *float64 `json:"reference"`
	// Index is 100 × Value / Reference.
	Index *float64 `json:"index"`
	// Published is set when the group figures are the group's stored,
	// published ones (too few members have values of their own); the
	// reference is then the published mean.
	Published bool `json:"published,omitempty"`
}

// Cell is a compared entity's value.
type Cell struct {
	Entity string   `json:"entity"`
	Name   string   `json:"name"`
	Value  *float64 `json:"value"`
}

// Row is one indicator of a service profile.
type Row struct {
	Indicator string         `json:"indicator"`
	Label     string         `json:"label"`
	LabelEN   string         `json:"label_en,omitempty"`
	Unit      string         `json:"unit"`
	Decimals  int            `json:"decimals"`
	Direction virk.Direction `json:"direction"`
	Stats
	Compare []Cell  `json:"compare,omitempty"`
	History []Stats `json:"history,omitempty"` // the years before, oldest first
}

// Profile is a service profile: a municipality against its peer group in
// a year.
type Profile struct {
	Entity     string   `json:"entity"`
	EntityName string   `json:"entity_name"`
	Group      string   `json:"group"`
	GroupName  string   `json:"group_name"`
	Year       int      `json:"year"`
	Members    []Cell   `json:"members"`           // the year's members, values omitted
	Missing    []string `json:"missing,omitempty"` // member numbers not in the catalogue
	Rows       []*Row   `json:"rows"`
	// Notes explain series breaks in the shown years, such as a merger.
	Notes []string `json:"notes,omitempty"`
}

// Build computes the service profile of q.
func Build(src Source, q Query) (*Profile, error) {
	ps, err := BuildAll(src, q, []string{q.Entity})
	if err != nil {
		return nil, err
	}
	return ps[0], nil
}
