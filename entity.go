package virk

import (
	"context"
)

// EntityKind is what an entity is.
type EntityKind string

// Entity kinds.
const (
	KindMunicipality EntityKind = "municipality"
	KindUnit         EntityKind = "unit"     // an organisational unit
	KindBuilding     EntityKind = "building" // a municipal building
	KindGroup        EntityKind = "group"    // a published aggregate, e.g. a peer group average
	KindProject      EntityKind = "project"  // a project of the portfolio, under its owner unit
)

// Code is an official number an entity had in a span of years, such as a
// municipality number: Bærum was 0219 until 2019, 3024 in 2020–2023 and 3201
// from 2024, and is one entity with three codes.
type Code struct {
	Code string
	From int // first year the code was valid; 0 if not known
	To   int // last year; 0 while still valid
}

// ValidIn reports whether the code was in use in year y.
func (c Code) ValidIn(y int) bool {
	return (c.From == 0 || y >= c.From) && (c.To == 0 || y <= c.To)
}

// Entity is something observations are about: a municipality, an
// organisational unit, a building.
type Entity struct {
	ID       string
	Name     string // bokmål
	NameEN   string
	Kind     EntityKind
	ParentID string // the unit above in the organisation tree; "" at the top
	Codes    []Code
}

// Label returns the name in the given language, falling back to bokmål.
func (e *Entity) Label(lang string) string {
	if lang == "en" && e.NameEN != "" {
		return e.NameEN
	}
	return e.Name
}

// CodeIn returns the entity's code in year y, or "".
func (e *Entity) CodeIn(y int) string {
	for _, c := range e.Codes {
		if c.ValidIn(y) {
			return c.Code
		}
	}
	return ""
}

// Validate checks the fields that do not need other entities to check.
func (e *Entity) Validate() error {
	if err := ValidateID(e.ID); err != nil {
		return Errorf(EINVALID, "enhet: %v", err)
	}
	if e.Name == "" {
		return Errorf(EINVALID, "enhet %s: mangler navn", e.ID)
	}
	switch e.Kind {
	case KindMunicipality, KindUnit, KindBuilding, KindGroup, KindProject:
	default:
		return Errorf(EINVALID, "enhet %s: type %q er ukjent (forventet municipality, unit, building, group eller project)", e.ID, e.Kind)
	}
	if e.ParentID == e.ID {
		return Errorf(EINVALID, "enhet %s: kan ikke være sin egen overordnede", e.ID)
	}
	for _, c := range e.Codes {
		if c.Code == "" {
			return Errorf(EINVALID, "enhet %s: tomt nummer i nummerhistorikken", e.ID)
		}
		if c.To != 0 && c.From > c.To {
			return Errorf(EINVALID, "enhet %s: nummer %s gjelder fra %d til %d", e.ID, c.Code, c.From, c.To)
		}
	}
	return nil
}

// EntityFilter selects entities. Nil fields do not filter.
type EntityFilter struct {
	ID       *string
	IDs      []string
	Kind     *EntityKind
	ParentID *string
}

// EntityService reads entities. Like indicators, they change through
// ImportService.
type EntityService interface {
	// FindEntityByID returns the entity, or ENOTFOUND.
	FindEntityByID(ctx context.Context, id string) (*Entity, error)
	// FindEntities returns the matching entities ordered by ID.
	FindEntities(ctx context.Context, filter EntityFilter) ([]*Entity, int, error)
}
