package virk

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// ProjectKind is the kind of a project in the portfolio.
type ProjectKind string

// Project kinds: the digitalisation portfolio (§4.1.3 of the
// virksomhetsanalyse) and the building investment portfolio (§5.3).
const (
	ProjectDigital  ProjectKind = "digitalisering"
	ProjectBuilding ProjectKind = "bygg"
)

// ParseProjectKind reads a project kind in bokmål or English.
func ParseProjectKind(s string) (ProjectKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "digitalisering", "digital", "it", "digitalisation", "digitalization":
		return ProjectDigital, nil
	case "bygg", "byggeprosjekt", "investering", "eiendom", "building":
		return ProjectBuilding, nil
	}
	return "", fmt.Errorf("prosjekttypen %q er ukjent (forventet digitalisering eller bygg)", s)
}

// Phase is where a project is in its life.
type Phase string

// The phases, in order.
const (
	PhaseIdea      Phase = "idé"
	PhaseStudy     Phase = "utredning"
	PhasePlanning  Phase = "planlegging"
	PhaseExecution Phase = "gjennomføring"
	PhaseClosed    Phase = "avsluttet"
)

// Phases lists the phases in order.
var Phases = []Phase{PhaseIdea, PhaseStudy, PhasePlanning, PhaseExecution, PhaseClosed}

// ParsePhase reads a phase in bokmål (with or without the accent) or
// English.
func ParsePhase(s string) (Phase, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "idé", "ide", "idea":
		return PhaseIdea, nil
	case "utredning", "study":
		return PhaseStudy, nil
	case "planlegging", "planning":
		return PhasePlanning, nil
	case "gjennomføring", "gjennomforing", "execution":
		return PhaseExecution, nil
	case "avsluttet", "closed", "ferdig":
		return PhaseClosed, nil
	}
	return "", fmt.Errorf("fasen %q er ukjent (forventet idé, utredning, planlegging, gjennomføring eller avsluttet)", s)
}

// Index returns the phase's place in Phases, or -1.
func (p Phase) Index() int {
	for i, q := range Phases {
		if q == p {
			return i
		}
	}
	return -1
}

// Project is a project of the portfolio register: what the register knows
// beyond the project's entity. The project is an entity of kind project
// whose parent is the owner unit, the unit that runs and pays for it. Its
// money is observations of the portfolio's indicators on that entity
// (budget by year, forecast and spent), so that they roll up to the owner
// like any figure, and a changed forecast keeps the earlier one as a
// revision.
type Project struct {
	ID    string // the project's entity
	Kind  ProjectKind
	Phase Phase
	// Beneficiaries are the units where the project's benefits land
	// besides, or instead of, the owner.
	Beneficiaries []string
	Start         Date
	PlannedEnd    Date
	ExpectedEnd   Date     // zero when no other end is expected than the planned one
	DependsOn     []string // projects that must come before this one
	// The digitalisation portfolio's prioritisation (§4.1.3): the
	// sector's own priority (1 is the highest), the criticality of
	// today's solution and the gain potential (1 low – 5 high). 0 is not
	// assessed.
	Priority      int
	Criticality   int
	GainPotential int
	Note          string
}

// End returns the expected end, or the planned end when none other is
// expected.
func (p *Project) End() Date {
	if !p.ExpectedEnd.IsZero() {
		return p.ExpectedEnd
	}
	return p.PlannedEnd
}

// Validate checks the fields that do not need other records to check.
func (p *Project) Validate() error {
	if err := ValidateID(p.ID); err != nil {
		return Errorf(EINVALID, "prosjekt: %v", err)
	}
	if _, err := ParseProjectKind(string(p.Kind)); err != nil {
		return Errorf(EINVALID, "prosjekt %s: %v", p.ID, err)
	}
	if p.Phase.Index() < 0 {
		return Errorf(EINVALID, "prosjekt %s: fasen %q er ukjent", p.ID, p.Phase)
	}
	if !p.Start.IsZero() && !p.PlannedEnd.IsZero() && p.PlannedEnd.Before(p.Start) {
		return Errorf(EINVALID, "prosjekt %s: planlagt slutt %s er før start %s", p.ID, p.PlannedEnd, p.Start)
	}
	if !p.Start.IsZero() && !p.ExpectedEnd.IsZero() && p.ExpectedEnd.Before(p.Start) {
		return Errorf(EINVALID, "prosjekt %s: forventet slutt %s er før start %s", p.ID, p.ExpectedEnd, p.Start)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"prioritet", p.Priority}, {"kritikalitet", p.Criticality}, {"gevinstpotensial", p.GainPotential}} {
		if f.v < 0 || f.v > 5 {
			return Errorf(EINVALID, "prosjekt %s: %s %d er utenfor 0–5", p.ID, f.name, f.v)
		}
	}
	for _, d := range p.DependsOn {
		if d == p.ID {
			return Errorf(EINVALID, "prosjekt %s: kan ikke avhenge av seg selv", p.ID)
		}
	}
	return nil
}

// Benefit is a benefit (gevinst) a project is to realise: a measurable
// one is a change of an indicator in the unit where it lands, from a
// baseline to a target by a date; a qualitative one is a text.
type Benefit struct {
	ID        string
	ProjectID string
	EntityID  string // the unit where the benefit lands
	// IndicatorID measures the benefit; "" for a qualitative benefit.
	IndicatorID  string
	Baseline     float64
	BaselineYear int
	Target       float64
	Due          Date
	Text         string
}

// Qualitative reports whether the benefit is not measured.
func (b *Benefit) Qualitative() bool { return b.IndicatorID == "" }

// Validate checks the fields that do not need other records to check.
func (b *Benefit) Validate() error {
	if err := ValidateID(b.ID); err != nil {
		return Errorf(EINVALID, "gevinst: %v", err)
	}
	if b.ProjectID == "" {
		return Errorf(EINVALID, "gevinst %s: mangler prosjekt", b.ID)
	}
	if b.EntityID == "" {
		return Errorf(EINVALID, "gevinst %s: mangler enheten gevinsten kommer i", b.ID)
	}
	if b.Qualitative() {
		if strings.TrimSpace(b.Text) == "" {
			return Errorf(EINVALID, "gevinst %s: en kvalitativ gevinst trenger en beskrivelse", b.ID)
		}
		return nil
	}
	for _, v := range []float64{b.Baseline, b.Target} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Errorf(EINVALID, "gevinst %s: ugyldig tall %v", b.ID, v)
		}
	}
	if b.Due.IsZero() {
		return Errorf(EINVALID, "gevinst %s: mangler frist", b.ID)
	}
	if b.BaselineYear != 0 && b.BaselineYear > b.Due.Year {
		return Errorf(EINVALID, "gevinst %s: basisåret %d er etter fristen %s", b.ID, b.BaselineYear, b.Due)
	}
	return nil
}

// ProjectFilter selects projects; the zero value selects all.
type ProjectFilter struct {
	IDs []string
}

// BenefitFilter selects benefits; the zero value selects all.
type BenefitFilter struct {
	ProjectIDs []string
	EntityIDs  []string // the units where the benefits land
}

// PortfolioService reads the portfolio register. Projects and benefits
// are stored by Apply with the rest of a change set: a project needs its
// entity, of kind project, and the projects it depends on, the units that
// benefit and a benefit's unit, project and indicator must be stored or
// in the same change set.
type PortfolioService interface {
	// FindProjects returns the matching projects ordered by ID.
	FindProjects(ctx context.Context, filter ProjectFilter) ([]*Project, error)
	// FindBenefits returns the matching benefits ordered by project and
	// ID.
	FindBenefits(ctx context.Context, filter BenefitFilter) ([]*Benefit, error)
}
