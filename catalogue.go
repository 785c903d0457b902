package virk

import "slices"

// Catalogue is a read-only view of the stored indicators and entities,
// with the organisation tree worked out once. Build one per data version
// and share it: nothing changes it after NewCatalogue.
type Catalogue struct {
	Indicators []*Indicator // ordered as given
	Entities   []*Entity    // ordered as given
	indicator  map[string]*Indicator
	entity     map[string]*Entity
	children   map[string][]*Entity
	personnel  int // how many indicators are personnel data
}

// NewCatalogue builds the catalogue of inds and ents.
func NewCatalogue(inds []*Indicator, ents []*Entity) *Catalogue {
	c := &Catalogue{
		Indicators: inds, Entities: ents,
		indicator: make(map[string]*Indicator, len(inds)),
		entity:    make(map[string]*Entity, len(ents)),
		children:  map[string][]*Entity{},
	}
	for _, ind := range inds {
		c.indicator[ind.ID] = ind
		if ind.Personnel {
			c.personnel++
		}
	}
	for _, e := range ents {
		c.entity[e.ID] = e
	}
	for _, e := range ents {
		if e.ParentID != "" && c.entity[e.ParentID] != nil {
			c.children[e.ParentID] = append(c.children[e.ParentID], e)
		}
	}
	return c
}

// Indicator returns the indicator with id, or nil.
func (c *Catalogue) Indicator(id string) *Indicator { return c.indicator[id] }

// Entity returns the entity with id, or nil.
func (c *Catalogue) Entity(id string) *Entity { return c.entity[id] }

// Children returns the entities directly below id, in catalogue order.
func (c *Catalogue) Children(id string) []*Entity { return c.children[id] }

// Subtree returns root and every entity below it, depth first with
// children in catalogue order; nil when root is unknown. A parent loop in
// bad data ends the walk instead of looping.
func (c *Catalogue) Subtree(root string) []*Entity {
	e := c.entity[root]
	if e == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []*Entity
	var walk func(e *Entity)
	walk = func(e *Entity) {
		if seen[e.ID] {
			return
		}
		seen[e.ID] = true
		out = append(out, e)
		for _, ch := range c.children[e.ID] {
			walk(ch)
		}
	}
	walk(e)
	return out
}

// Within reports whether id is root or below it.
func (c *Catalogue) Within(id, root string) bool {
	seen := map[string]bool{}
	for e := c.entity[id]; e != nil && !seen[e.ID]; e = c.entity[e.ParentID] {
		if e.ID == root {
			return true
		}
		seen[e.ID] = true
	}
	return false
}

// HasPersonnel reports whether any indicator is personnel data.
func (c *Catalogue) HasPersonnel() bool { return c.personnel > 0 }

// PersonnelIndicators returns the IDs of the indicators marked as
// personnel data, sorted.
func (c *Catalogue) PersonnelIndicators() []string {
	var out []string
	for _, ind := range c.Indicators {
		if ind.Personnel {
			out = append(out, ind.ID)
		}
	}
	slices.Sort(out)
	return out
}
