package virk

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Status is the quality of an observation. Only final and preliminary
// observations carry a value.
type Status string

// Statuses. The SSB symbols they are read from are given in ParseStatus.
const (
	StatusFinal         Status = "final"
	StatusPreliminary   Status = "preliminary"
	StatusSuppressed    Status = "suppressed"     // ":" confidential
	StatusNotApplicable Status = "not_applicable" // "." not applicable
	StatusMissing       Status = "missing"        // ".." not available
)

// HasValue reports whether observations of this status carry a value.
func (s Status) HasValue() bool { return s == StatusFinal || s == StatusPreliminary }

// Symbol returns the status the way SSB's tables print it: "" for final,
// "p" for preliminary, ":" "." ".." for the others.
func (s Status) Symbol() string {
	switch s {
	case StatusPreliminary:
		return "p"
	case StatusSuppressed:
		return ":"
	case StatusNotApplicable:
		return "."
	case StatusMissing:
		return ".."
	}
	return ""
}

// ParseStatus reads a status written as a word (English or Norwegian) or as
// one of SSB's symbols. The empty string is final.
func ParseStatus(s string) (Status, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "final", "endelig", "e":
		return StatusFinal, nil
	case "preliminary", "foreløpig", "forelopig", "p", "*":
		return StatusPreliminary, nil
	case "suppressed", "skjult", "konfidensiell", ":":
		return StatusSuppressed, nil
	case "not_applicable", "not applicable", "ikke relevant", "ikke aktuelt", ".":
		return StatusNotApplicable, nil
	case "missing", "mangler", "ikke tilgjengelig", "..", "...":
		return StatusMissing, nil
	}
	return "", fmt.Errorf("statusen %q er ukjent (forventet final, preliminary, suppressed, not_applicable, missing eller et av symbolene : . ..)", s)
}

// Observation is the value of an indicator for an entity in a period.
type Observation struct {
	IndicatorID string
	EntityID    string
	Period      Period
	Value       float64 // meaningful only when Status.HasValue()
	Status      Status
	Source      string // where the figure came from, e.g. a file or SSB table
	BatchID     int64  // the import that stored this version
}

// Key identifies an observation.
type Key struct {
	IndicatorID string
	EntityID    string
	Period      Period
}

// Key returns the observation's key.
func (o *Observation) Key() Key { return Key{o.IndicatorID, o.EntityID, o.Period} }

// SameAs reports whether o and p hold the same figure: equal status, equal
// value where there is one, and equal source.
func (o *Observation) SameAs(p *Observation) bool {
	if o.Status != p.Status || o.Source != p.Source {
		return false
	}
	return !o.Status.HasValue() || o.Value == p.Value
}

// Revision is an earlier version of an observation that a later import
// replaced.
type Revision struct {
	Observation
	ReplacedAt      time.Time
	ReplacedByBatch int64
}

// ObservationFilter selects observations. Nil and empty fields do not filter.
type ObservationFilter struct {
	IndicatorIDs []string
	EntityIDs    []string
	From, To     *Period // inclusive
}

// ObservationService reads stored observations and their revisions.
type ObservationService interface {
	// FindObservations returns the matching observations ordered by
	// indicator, entity and period.
	FindObservations(ctx context.Context, filter ObservationFilter) ([]*Observation, error)
	// FindRevisions returns earlier versions of the matching observations,
	// newest first.
	FindRevisions(ctx context.Context, filter ObservationFilter) ([]*Revision, error)
}
