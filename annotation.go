package virk

import (
	"context"
	"fmt"
	"time"
)

// AnnotationKind is what an annotation says about the data.
type AnnotationKind string

// Annotation kinds.
const (
	// AnnotationBreak marks a break in a series (tidsseriebrudd): from its
	// period on, values are not comparable with earlier ones.
	AnnotationBreak AnnotationKind = "break"
	// AnnotationComment is a free comment on a value or series.
	AnnotationComment AnnotationKind = "comment"
)

// Annotation is a note on an indicator, optionally limited to one entity
// and one period.
type Annotation struct {
	ID          int64
	Kind        AnnotationKind
	IndicatorID string
	EntityID    string // "" for every entity
	Period      Period // the zero period for the whole series
	Text        string
	Author      string
	CreatedAt   time.Time
	BatchID     int64
}

// Validate checks the annotation's own fields.
func (a *Annotation) Validate() error {
	switch a.Kind {
	case AnnotationBreak:
		if a.Period.IsZero() {
			return fmt.Errorf("et tidsseriebrudd trenger perioden det starter i")
		}
	case AnnotationComment:
	default:
		return fmt.Errorf("merknadstypen %q er ukjent (forventet break eller comment)", a.Kind)
	}
	if a.IndicatorID == "" {
		return fmt.Errorf("en merknad trenger en indikator")
	}
	if a.Text == "" {
		return fmt.Errorf("en merknad trenger en tekst")
	}
	return nil
}

// SameAs reports whether a and b say the same thing about the same place,
// which makes a re-import of an annotation a no-op.
func (a *Annotation) SameAs(b *Annotation) bool {
	return a.Kind == b.Kind && a.IndicatorID == b.IndicatorID && a.EntityID == b.EntityID &&
		a.Period == b.Period && a.Text == b.Text
}

// AnnotationFilter selects annotations. Empty fields do not filter.
type AnnotationFilter struct {
	IndicatorIDs []string
	EntityIDs    []string // annotations for every entity always match
}

// AnnotationService reads annotations.
type AnnotationService interface {
	FindAnnotations(ctx context.Context, filter AnnotationFilter) ([]*Annotation, error)
}
