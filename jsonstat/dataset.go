package jsonstat

import (
	"encoding/json"
)

// Dataset is a decoded JSON-stat dataset: a cube of cells addressed by
// one category per dimension.
//
// A Dataset returned by this package is always consistent (every
// dimension present, category counts equal to size, as many values as
// cells), so its methods never fail on valid positions. The exported
// fields describe the document and may be read freely; the cube itself
// is stored privately, and changing ID, Size or Dimensions does not alter
// what Cell, Coords or All return.
type Dataset struct {
	// Name is the dataset's key in a pre-2.0 bundle; empty otherwise.
	Name string
	// Version is the "version" member ("2.0"); empty for datasets embedded
	// in collections and bundles, which need not repeat it.
	Version string
	// Href is the dataset's "href" member, if any.
	Href string
	// Label is the dataset's title.
	Label string
	// Source names the producer, such as "Statistisk sentralbyrå".
	Source string
	// Updated is the "updated" timestamp as written in the document
	// (ISO 8601; SSB uses "2021-06-13T22:00:00Z", others a bare date).
	Updated string
	// Note holds the dataset-level notes.
	Note []string
	// Extension is the raw "extension" object (SSB: px.tableid,
	// px.decimals, ...), kept as JSON because its content is provider
	// specific.
	Extension json.RawMessage
	// Error is the raw "error" array, if any.
	Error json.RawMessage
	// Link maps link relations to their links.
	Link map[string][]Link
	// ID lists the dimension ids in cube order: the last varies fastest.
	ID []string
	// Size lists the number of categories of each dimension, in ID order.
	Size []int
	// Role assigns the time, geo and metric roles to dimension ids.
	Role Role
	// Dimensions holds the dimensions in ID order.
	Dimensions []*Dimension

	n       int          // number of cells, product(size)
	dims    []*Dimension // private copy of Dimensions
	sizes   []int        // private copy of Size
	strides []int        // cells per step of each dimension
	cats    [][]string   // private copy of each dimension's category ids
	byID    map[string]int
	values  valueStore
	status  statusStore
}

// Role assigns JSON-stat roles to dimensions by id.
type Role struct {
	// Time lists the dimensions holding time periods.
	Time []string
	// Geo lists the dimensions holding places (SSB: the region dimension).
	Geo []string
	// Metric lists the dimensions whose categories are different measures
	// (SSB: ContentsCode); their categories carry units.
	Metric []string
}

// finish builds the private cube layout once the dataset is known to be
// consistent.
func (d *Dataset) finish() {
	k := len(d.ID)
	d.sizes = append([]int(nil), d.Size...)
	d.strides = make([]int, k)
	d.cats = make([][]string, k)
	d.byID = make(map[string]int, k)
	d.dims = append([]*Dimension(nil), d.Dimensions...)
	stride := 1
	for j := k - 1; j >= 0; j-- {
		d.strides[j] = stride
		stride *= d.sizes[j]
	}
	for j, dim := range d.Dimensions {
		d.cats[j] = append([]string(nil), dim.Category.IDs...)
		d.byID[d.ID[j]] = j
	}
}

// Len returns the number of cells, the product of Size. Sparse datasets
// count the cells they omit, which are null.
func (d *Dataset) Len() int {
	return d.n
}

// Cell returns the value and status of the cell at a flat, row-major
// position (the last dimension in ID varies fastest). The status is ""
// when the cell has none. A position outside [0, Len()) yields a null
// value and "", rather than a panic, because positions often come from
// user input.
func (d *Dataset) Cell(pos int) (v Value, status string) {
	if pos < 0 || pos >= d.n {
		return Value{}, ""
	}
	return d.values.at(pos), d.status.at(pos)
}

// Coords converts a flat position into one category coordinate per
// dimension, in ID order. It returns nil when pos is out of range.
func (d *Dataset) Coords(pos int) []int {
	if pos < 0 || pos >= d.n {
		return nil
	}
	out := make([]int, len(d.sizes))
	for j := range d.sizes {
		out[j] = pos / d.strides[j] % d.sizes[j]
	}
	return out
}

// Pos converts per-dimension category coordinates, in ID order, into a
// flat position. It returns -1 when the number of coordinates is wrong or
// one is out of range.
func (d *Dataset) Pos(coords []int) int {
	if len(coords) != len(d.sizes) || d.n == 0 {
		return -1
	}
	pos := 0
	for j, c := range coords {
		if c < 0 || c >= d.sizes[j] {
			return -1
		}
		pos += c * d.strides[j]
	}
	return pos
}

// PosByID returns the flat position of the cell identified by one
// category id per dimension, in ID order, such as ("K-3024", "Personer1",
// "2022").
func (d *Dataset) PosByID(categoryIDs ...string) (int, bool) {
	if len(categoryIDs) != len(d.Dimensions) || d.n == 0 {
		return -1, false
	}
	pos := 0
	for j, id := range categoryIDs {
		c, ok := d.dims[j].Category.index[id]
		if !ok || c >= d.sizes[j] {
			return -1, false
		}
		pos += c * d.strides[j]
	}
	return pos, true
}

// Dimension returns the dimension with the given id, or nil.
func (d *Dataset) Dimension(id string) *Dimension {
	if d.byID != nil {
		if j, ok := d.byID[id]; ok {
			return d.dims[j]
		}
		return nil
	}
	// Before finish (during validation) fall back to a linear scan.
	for j, dim := range d.Dimensions {
		if dim != nil && j < len(d.ID) && d.ID[j] == id {
			return dim
		}
	}
	return nil
}

// TimeDims returns the dimensions with the time role.
func (d *Dataset) TimeDims() []*Dimension { return d.dimsOf(d.Role.Time) }

// GeoDims returns the dimensions with the geo role.
func (d *Dataset) GeoDims() []*Dimension { return d.dimsOf(d.Role.Geo) }

// MetricDims returns the dimensions with the metric role.
func (d *Dataset) MetricDims() []*Dimension { return d.dimsOf(d.Role.Metric) }

func (d *Dataset) dimsOf(ids []string) []*Dimension {
	var out []*Dimension
	for _, id := range ids {
		if dim := d.Dimension(id); dim != nil {
			out = append(out, dim)
		}
	}
	return out
}

// MetricUnit returns the unit of a category of one of the metric
// dimensions, such as the decimals of SSB's "KOSbelop0000".
func (d *Dataset) MetricUnit(categoryID string) (Unit, bool) {
	for _, dim := range d.MetricDims() {
		if u, ok := dim.Unit(categoryID); ok {
			return u, true
		}
	}
	return Unit{}, false
}

// CellUnit returns the unit that applies to a cell: the unit of the
// cell's category in the first metric dimension that has one.
func (d *Dataset) CellUnit(pos int) (Unit, bool) {
	if pos < 0 || pos >= d.n {
		return Unit{}, false
	}
	for _, id := range d.Role.Metric {
		j, ok := d.byID[id]
		if !ok {
			continue
		}
		c := pos / d.strides[j] % d.sizes[j]
		if u, ok := d.dims[j].Unit(d.cats[j][c]); ok {
			return u, true
		}
	}
	return Unit{}, false
}

// Sparse reports whether "value" was given in object form, where omitted
// cells are null.
func (d *Dataset) Sparse() bool {
	return d.values.sparse
}
