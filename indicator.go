package virk

import (
	"context"
	"fmt"
)

// Direction is the way an indicator should move: +1 up is better, −1 down is
// better, 0 neither (the LDIP tables print it as "1" or "-1").
type Direction int

// Directions.
const (
	Down    Direction = -1
	Neutral Direction = 0
	Up      Direction = 1
)

// Unit is what an indicator's values count, and how many decimals to show.
type Unit struct {
	Name     string // "årsverk", "mill. kr", "kr pr. innb.", "%", "kWh/m²"
	Decimals int
}

// IsPercent reports whether values are percentages, which are printed with a
// trailing " %" and whose changes are percentage points.
func (u Unit) IsPercent() bool { return u.Name == "%" }

// KostraRef ties an indicator to a cell of an SSB KOSTRA table.
type KostraRef struct {
	Table    string // e.g. "12367"
	Function string // KOSTRA function, e.g. "120"
	Type     string // type of amount (art), e.g. "AGD2"
	Scope    string // accounting scope (regnskapsomfang), e.g. "A"
	Variable string // statistics variable (ContentsCode)
}

// TargetKind tells how a target value is read.
type TargetKind string

// Target kinds.
const (
	// TargetAbsolute is a level to reach, e.g. sick leave at most 7 %.
	TargetAbsolute TargetKind = "absolute"
	// TargetRelative is a change in percent from a base year, e.g. energy
	// use −12 % against 2016 by 2020.
	TargetRelative TargetKind = "relative"
)

// Target is a goal for an indicator. Whether a value meets it is judged by
// the indicator's direction: for Down, at or below the target level.
type Target struct {
	Kind     TargetKind
	Value    float64 // the level, or the change in percent for relative targets
	BaseYear int     // relative targets: the year the change is measured from
	Year     int     // the year by which it should be reached; 0 if it always applies
	EntityID string  // the entity the target is set for; "" for every entity
	Note     string
}

// Validate reports what is wrong with the target, if anything.
func (t Target) Validate() error {
	switch t.Kind {
	case TargetAbsolute:
	case TargetRelative:
		if t.BaseYear == 0 {
			return fmt.Errorf("et relativt mål trenger et basisår (base_year)")
		}
		if t.Year != 0 && t.Year <= t.BaseYear {
			return fmt.Errorf("målåret %d må komme etter basisåret %d", t.Year, t.BaseYear)
		}
	default:
		return fmt.Errorf("måltypen %q er ukjent (forventet %q eller %q)", t.Kind, TargetAbsolute, TargetRelative)
	}
	return nil
}

// Rollup tells how an indicator's values of organisational units combine
// into the value of their parent when the parent has none of its own.
type Rollup string

// Roll-up rules.
const (
	RollupNone Rollup = ""    // levels such as percentages do not add up
	RollupSum  Rollup = "sum" // FTE and amounts add up, when every unit has a value
	// RollupSumAny adds up the units that have a value: a unit without
	// one adds nothing, as a unit without projects adds no budget.
	RollupSumAny Rollup = "sum_any"
)

// Rolls reports whether the indicator's units' values add up to their
// parent's (RollupSum or RollupSumAny).
func (ind *Indicator) Rolls() bool { return ind.Rollup == RollupSum || ind.Rollup == RollupSumAny }

// Indicator is a measure that virk holds values for: a KPI, an FTE count, an
// account line. Derived indicators have a Formula and no stored values.
type Indicator struct {
	ID        string
	LabelNB   string
	LabelEN   string
	Unit      Unit
	Direction Direction
	Category  string // groups indicators on the scorecard, e.g. "Økonomi"
	Source    string // who publishes the figures, e.g. "SSB KOSTRA", "HR"
	Kostra    *KostraRef
	Targets   []Target

	// Formula computes a derived indicator from others of the same entity
	// and period, e.g. "lonn / brutto_driftsutgifter * 100". See package
	// kpi for the syntax. Derived values are computed, never stored.
	Formula string
	// Rollup tells whether units' values add up to their parent's.
	Rollup Rollup
	// Deflator is the ID of a price index indicator that turns this
	// indicator's NOK values into a base year's kroner.
	Deflator string
	Note     string
	// Personnel marks figures about employees (sick leave, turnover,
	// age): only hr sees them for every unit, a leder for the units of
	// the grant; the published report shows what its author put in it.
	Personnel bool
}

// Label returns the label in the given language ("nb" or "en"), falling back
// to bokmål.
func (ind *Indicator) Label(lang string) string {
	if lang == "en" && ind.LabelEN != "" {
		return ind.LabelEN
	}
	return ind.LabelNB
}

// Derived reports whether the indicator is computed from others.
func (ind *Indicator) Derived() bool { return ind.Formula != "" }

// Validate checks the fields that do not need other indicators to check.
func (ind *Indicator) Validate() error {
	if err := ValidateID(ind.ID); err != nil {
		return Errorf(EINVALID, "indikator: %v", err)
	}
	if ind.LabelNB == "" {
		return Errorf(EINVALID, "indikator %s: mangler navn (label_nb)", ind.ID)
	}
	if ind.Direction < -1 || ind.Direction > 1 {
		return Errorf(EINVALID, "indikator %s: retning %d er ugyldig (forventet -1, 0 eller 1)", ind.ID, ind.Direction)
	}
	if ind.Unit.Decimals < 0 || ind.Unit.Decimals > 6 {
		return Errorf(EINVALID, "indikator %s: %d desimaler er ugyldig (forventet 0–6)", ind.ID, ind.Unit.Decimals)
	}
	switch ind.Rollup {
	case RollupNone, RollupSum, RollupSumAny:
	default:
		return Errorf(EINVALID, "indikator %s: summering %q er ukjent (forventet \"sum\", \"sum_any\" eller tom)", ind.ID, ind.Rollup)
	}
	for i, t := range ind.Targets {
		if err := t.Validate(); err != nil {
			return Errorf(EINVALID, "indikator %s, mål %d: %v", ind.ID, i+1, err)
		}
	}
	return nil
}

// ValidateID checks that id is usable as an identifier in files and URLs:
// 1–100 characters of letters, digits and . _ - :.
func ValidateID(id string) error {
	if id == "" || len(id) > 100 {
		return fmt.Errorf("id %q må være 1–100 tegn lang", id)
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '.' || r == '_' || r == '-' || r == ':' || r == 'æ' || r == 'ø' || r == 'å'
		if !ok {
			return fmt.Errorf("id %q kan bare ha bokstaver, sifre og . _ - : (fant %q)", id, r)
		}
	}
	return nil
}

// IndicatorFilter selects indicators. Nil fields do not filter.
type IndicatorFilter struct {
	ID       *string
	IDs      []string
	Category *string
}

// IndicatorService reads the indicator catalogue. Indicators are created and
// changed through ImportService, so that every change is part of a batch.
type IndicatorService interface {
	// FindIndicatorByID returns the indicator, or ENOTFOUND.
	FindIndicatorByID(ctx context.Context, id string) (*Indicator, error)
	// FindIndicators returns the matching indicators ordered by category
	// and ID, and how many there are.
	FindIndicators(ctx context.Context, filter IndicatorFilter) ([]*Indicator, int, error)
}
