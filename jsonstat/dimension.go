package jsonstat

import "encoding/json"

// Dimension is one dimension of a dataset, or a standalone document of
// class "dimension".
type Dimension struct {
	// ID is the dimension id: its key in the dataset's "dimension" object
	// and its entry in "id". It is empty for a standalone dimension.
	ID string
	// Version is the "version" member of a standalone dimension document.
	Version string
	// Href is the dimension's "href" member, if any.
	Href string
	// Label is the human-readable name of the dimension.
	Label string
	// Source names the producer of a standalone dimension document.
	Source string
	// Updated is the "updated" timestamp of a standalone dimension document.
	Updated string
	// Note holds the dimension-level notes.
	Note []string
	// Extension is the raw "extension" object, kept as JSON because its
	// content is provider specific.
	Extension json.RawMessage
	// Error is the raw "error" array of a standalone dimension, if any.
	Error json.RawMessage
	// Link maps link relations (such as "describedby", which SSB uses for
	// its KLASS classification URNs) to their links.
	Link map[string][]Link
	// Category describes the categories of the dimension.
	Category Category
}

// Category describes the categories of a dimension.
type Category struct {
	// IDs lists the category ids in index order: IDs[i] is the category
	// at coordinate i. It is derived from category.index in either of its
	// forms, or from the single key of category.label when the index is
	// omitted.
	IDs []string
	// Label maps category ids to labels. It may be nil or incomplete;
	// use Dimension.CategoryLabel for a label that falls back to the id.
	Label map[string]string
	// Unit maps category ids of a metric dimension to their units.
	Unit map[string]Unit
	// Child maps a parent category id to the ids of its children, for
	// hierarchical dimensions.
	Child map[string][]string
	// Coordinates maps category ids of a geographic dimension to
	// [longitude, latitude].
	Coordinates map[string][2]float64
	// Note maps category ids to their notes.
	Note map[string][]string

	index map[string]int // id → position, built from IDs
}

// Unit describes the unit of measure of one metric category.
type Unit struct {
	// Label is the unit's name, such as "thousands of persons" or "%".
	Label string
	// Symbol is a short unit symbol, such as "$".
	Symbol string
	// Position tells where Symbol goes: "start" or "end".
	Position string
	// Decimals is the number of decimals to show. It is only meaningful
	// when HasDecimals is true, because 0 is a legitimate value.
	Decimals int
	// HasDecimals reports whether the unit specified "decimals".
	HasDecimals bool
	// Multiplier is the power of ten the values are scaled by (3 means
	// thousands); zero when absent.
	Multiplier int
	// Type is an informal kind of measure, such as "count" or "ratio"
	// (Statistics Canada, OECD).
	Type string
	// Base is the unit base, such as "people"; SSB puts its unit name
	// here ("antall", "1000 kr", "årsverk") and gives no Label.
	Base string
	// Raw is the unit object as it appeared in the document, for members
	// not modelled here.
	Raw json.RawMessage
}

// Len returns the number of categories of the dimension.
func (d *Dimension) Len() int {
	return len(d.Category.IDs)
}

// CategoryID returns the id of the category at coordinate i, or "" when i
// is out of range.
func (d *Dimension) CategoryID(i int) string {
	if i < 0 || i >= len(d.Category.IDs) {
		return ""
	}
	return d.Category.IDs[i]
}

// CategoryPos returns the coordinate of the category with the given id.
func (d *Dimension) CategoryPos(id string) (int, bool) {
	i, ok := d.Category.index[id]
	return i, ok
}

// CategoryLabel returns the label of a category, or its id when the
// dimension has no label for it (JSON-stat allows labels to be omitted,
// as in the county dimension of us-unr.json).
func (d *Dimension) CategoryLabel(id string) string {
	if l, ok := d.Category.Label[id]; ok {
		return l
	}
	return id
}

// Unit returns the unit of a category of a metric dimension.
func (d *Dimension) Unit(id string) (Unit, bool) {
	u, ok := d.Category.Unit[id]
	return u, ok
}

// Parents returns a map from each child category to its parent, derived
// from Category.Child, so that importers can walk a hierarchy upwards.
func (d *Dimension) Parents() map[string]string {
	out := make(map[string]string)
	for parent, kids := range d.Category.Child {
		for _, k := range kids {
			out[k] = parent
		}
	}
	return out
}
