package portfolio

import (
	"fmt"

	"github.com/virk-analyse/virk"
)

// Thresholds tell which deviations a property director reports.
type Thresholds struct {
	// CostPct: a forecast more than this many percent over the budget is
	// a deviation.
	CostPct float64
	// DelayMonths: an expected end more than this many months after the
	// planned end is a deviation ("vesentlig forsinket").
	DelayMonths int
	// Large: a project with a total budget above this many mill. kr is
	// one of the larger projects ("de større investeringsprosjektene")
	// that Summary speaks of.
	Large float64
}

// DefaultThresholds reports forecasts more than 5 % over budget and
// delays of more than 3 months, and counts projects above 50 mill. kr as
// the larger ones: a quarter's slip and an overrun beyond a normal
// reserve are what a politician would want to hear about, and 50 mill. kr
// separates schools, care homes and the town hall from ordinary upgrades.
var DefaultThresholds = Thresholds{CostPct: 5, DelayMonths: 3, Large: 50}

// Deviation is an entry of the deviation list.
type Deviation struct {
	ProjectID string
	Cost      bool // the forecast is over the budget by more than the threshold
	Delay     bool // the expected end is later than the threshold allows
	Overdue   bool // the expected end has passed without the project closing
	Reasons   []string
}

// Deviations returns the projects that go beyond the thresholds, in the
// order of sts, each with its reasons in bokmål. Closed projects are left
// out: their final cost belongs to the final accounts, not to the
// follow-up of running projects.
func Deviations(sts []*Status, th Thresholds) []Deviation {
	var out []Deviation
	for _, s := range sts {
		if s.Phase == virk.PhaseClosed {
			continue
		}
		d := Deviation{ProjectID: s.ProjectID}
		if s.HasDeviationPct && s.DeviationPct > th.CostPct {
			d.Cost = true
			d.Reasons = append(d.Reasons, fmt.Sprintf("prognosen på %s mill. kr er %s mill. kr (%s %%) over budsjettet på %s mill. kr",
				num(s.Forecast, 1), num(s.Deviation, 1), num(s.DeviationPct, 1), num(s.Budget, 1)))
		}
		if s.HasDelay && s.Delay > th.DelayMonths {
			d.Delay = true
			d.Reasons = append(d.Reasons, fmt.Sprintf("forventet ferdig %s, %s etter planen (%s)",
				date(s.ExpectedEnd), months(s.Delay), date(s.PlannedEnd)))
		}
		if s.Overdue {
			d.Overdue = true
			d.Reasons = append(d.Reasons, fmt.Sprintf("skulle vært ferdig %s, men er ikke meldt avsluttet", date(s.ExpectedEnd)))
		}
		if len(d.Reasons) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// Summary writes the annual report's sentences on the larger projects of
// sts that are not closed (those with a total budget above th.Large): how
// many are significantly delayed, naming them with their delay, and whose
// forecast is over budget by more than the threshold. name gives the
// projects' names; nil uses the IDs. For example: «Ingen av de 4 større
// investeringsprosjektene er vesentlig forsinket. Ingen av dem har en
// prognose mer enn 5 % over budsjettet.»
func Summary(sts []*Status, th Thresholds, name func(string) string) string {
	if name == nil {
		name = func(id string) string { return id }
	}
	var large []*Status
	for _, s := range sts {
		if s.Phase != virk.PhaseClosed && s.HasBudget && s.Budget > th.Large {
			large = append(large, s)
		}
	}
	if len(large) == 0 {
		return fmt.Sprintf("Ingen pågående investeringsprosjekter har budsjett over %s mill. kr.", num(th.Large, 0))
	}
	var late, over []string
	for _, s := range large {
		if s.HasDelay && s.Delay > th.DelayMonths {
			late = append(late, fmt.Sprintf("%s (%s)", name(s.ProjectID), months(s.Delay)))
		}
		if s.HasDeviationPct && s.DeviationPct > th.CostPct {
			over = append(over, fmt.Sprintf("%s (%s %%)", name(s.ProjectID), num(s.DeviationPct, 1)))
		}
	}
	n := len(large)
	var first string
	switch {
	case n == 1 && len(late) == 0:
		first = fmt.Sprintf("Det større investeringsprosjektet, %s, er ikke vesentlig forsinket.", name(large[0].ProjectID))
	case n == 1:
		first = fmt.Sprintf("Det større investeringsprosjektet, %s, er vesentlig forsinket (%s).", name(large[0].ProjectID), months(large[0].Delay))
	case len(late) == 0:
		first = fmt.Sprintf("Ingen av de %d større investeringsprosjektene er vesentlig forsinket.", n)
	default:
		first = fmt.Sprintf("%d av de %d større investeringsprosjektene er vesentlig forsinket: %s.", len(late), n, list(late))
	}
	limit := num(th.CostPct, 1)
	if th.CostPct == float64(int(th.CostPct)) {
		limit = num(th.CostPct, 0)
	}
	var second string
	switch {
	case len(over) == 0 && n == 1:
		second = fmt.Sprintf("Prognosen er ikke mer enn %s %% over budsjettet.", limit)
	case len(over) == 0:
		second = fmt.Sprintf("Ingen av dem har en prognose mer enn %s %% over budsjettet.", limit)
	default:
		second = fmt.Sprintf("Prognosen er mer enn %s %% over budsjettet for %s.", limit, list(over))
	}
	return first + " " + second
}
