package prognosis

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/virk-analyse/virk/nb"
)

// Assumptions lists every assumption of a projection as plain Norwegian
// sentences, one per line, for printing beside the figures: a reader of
// a prognosis must see what it holds constant.
type Assumptions []string

// String returns the assumptions one per line.
func (as Assumptions) String() string { return strings.Join(as, "\n") }

// assumptions writes the assumptions of a projection of m on pop.
func assumptions(m *Model, pop *Population, res *Result) Assumptions {
	b, e := m.BaseYear, m.end()
	as := Assumptions{populationLine(pop), fmt.Sprintf("Basisår %d; framskrivingen går til og med %d.", b, e)}
	as = append(as,
		fmt.Sprintf("Årsverk per bruker holdes konstant på %d-nivå (demografisk komponent, som i KS' prognosemodell).", b),
		fmt.Sprintf("Andelen av innbyggerne i hver aldersgruppe som er brukere (dekningsgraden), holdes konstant på %d-nivå.", b),
		"Behovet tar ikke hensyn til endrede normer eller standarder (for eksempel ny pedagognorm), endret produktivitet eller nye arbeidsmåter.",
	)
	general := len(as)
	ageing := fmt.Sprintf("Arbeidsstyrken eldes ett år hvert år; de som når pensjonsalderen, går av det året, og de som i %d alt er over den, går av i %d.", b, b+1)
	const bandLine = "Arbeidsstyrke oppgitt i aldersgrupper er fordelt likt på alderstrinnene i gruppen."
	const definition = "Rekrutteringsbehov = behov − gjenværende av dagens arbeidsstyrke, altså erstatning og vekst samlet; årets rekruttering er endringen fra året før."
	banded, shared := false, false
	for i, a := range m.Areas {
		ar := res.Areas[i]
		own := areaLines(a, ar, b)
		as = append(as, own...)
		areaBanded := false
		for _, c := range a.Workforce {
			areaBanded = areaBanded || c.Band.From != c.Band.To
		}
		banded = banded || areaBanded
		if a.Retirement != nil {
			as = append(as, retirementLines(a.Label()+": ", m.retirement(a))...)
		} else {
			shared = true
		}
		// The area's own list: what holds for every area, then what
		// holds for this one, its retirement rules without its name.
		ar.Assumptions = append(slices.Clone(as[:general]), own...)
		ar.Assumptions = append(ar.Assumptions, retirementLines("", m.retirement(a))...)
		ar.Assumptions = append(ar.Assumptions, ageing)
		if areaBanded {
			ar.Assumptions = append(ar.Assumptions, bandLine)
		}
		ar.Assumptions = append(ar.Assumptions, definition)
	}
	if shared {
		prefix := ""
		if len(m.Areas) > 1 && len(m.Areas) != countShared(m) {
			prefix = "Øvrige områder: "
		}
		as = append(as, retirementLines(prefix, m.retirement(&Area{}))...)
	}
	as = append(as, ageing)
	if banded {
		as = append(as, bandLine)
	}
	return append(as, definition)
}

// areaLines states the users and årsverk of area a in base year b.
func areaLines(a *Area, ar *AreaResult, b int) []string {
	var groups []string
	for _, g := range a.Groups {
		groups = append(groups, g.Label())
	}
	out := []string{fmt.Sprintf("%s: brukergrupper %s; %s brukere og %s årsverk i %d, altså %s årsverk per bruker.",
		a.Label(), strings.Join(groups, ", "), nb.Number(ar.Users, 0), nb.Number(ar.Base.Needed, 1), b, nb.Number(ar.PerUser, 3))}
	if a.Arsverk == 0 {
		out = append(out, fmt.Sprintf("%s: årsverk i %d er summen av den oppgitte arbeidsstyrken.", a.Label(), b))
	} else if math.Abs(ar.Base.Needed-ar.Base.Remaining) > 0.05 {
		out = append(out, fmt.Sprintf("%s: den oppgitte arbeidsstyrken har %s årsverk, tjenesten %s; forskjellen regnes som rekrutteringsbehov fra %d.",
			a.Label(), nb.Number(ar.Base.Remaining, 1), nb.Number(ar.Base.Needed, 1), b))
	}
	return out
}

// populationLine names the population projection used.
func populationLine(pop *Population) string {
	var parts []string
	for _, s := range []string{pop.Source, pop.Contents} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch {
	case pop.Label != "" && pop.Label != pop.Region:
		parts = append(parts, pop.Label+" ("+pop.Region+")")
	case pop.Region != "":
		parts = append(parts, pop.Region)
	}
	if len(parts) == 0 {
		return "Befolkningsframskriving: ikke oppgitt."
	}
	return "Befolkningsframskriving: " + strings.Join(parts, ", ") + "."
}

// countShared counts the areas using the model's retirement assumptions.
func countShared(m *Model) int {
	n := 0
	for _, a := range m.Areas {
		if a.Retirement == nil {
			n++
		}
	}
	return n
}

// retirementLines states the retirement assumptions r.
func retirementLines(prefix string, r Retirement) []string {
	age := "Pensjonsalder " + nb.Decimal(r.Age, -1) + " år"
	if f := r.Age - math.Floor(r.Age); f > 0 {
		lo := int(math.Floor(r.Age))
		age += fmt.Sprintf(" i gjennomsnitt: %s av dem som fyller %d, går av da, resten ved %d", nb.Percent(100*(1-f), 0), lo, lo+1)
	}
	out := []string{capitalize(prefix, age+".")}
	if len(r.Early) == 0 {
		out = append(out, capitalize(prefix, "Ingen tidlig avgang (AFP) før pensjonsalderen."))
	}
	for _, e := range r.Early {
		out = append(out, capitalize(prefix, fmt.Sprintf("Tidlig avgang (for eksempel AFP): %s per år av dem i alderen %s.", nb.Percent(100*e.Share, 1), e.Band)))
	}
	if r.Turnover == 0 {
		out = append(out, capitalize(prefix, "Turnover "+nb.Percent(0, 0)+" per år: ingen annen avgang enn pensjonering."))
	} else {
		out = append(out, capitalize(prefix, fmt.Sprintf("Turnover %s per år i alle aldre, i tillegg til pensjonering.", nb.Percent(100*r.Turnover, 1))))
	}
	return out
}

// capitalize puts prefix in front of s, lower-casing the first letter of
// s when there is a prefix ("Pleie og omsorg: pensjonsalder 65 år.").
func capitalize(prefix, s string) string {
	if prefix == "" || s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return prefix + string(r)
}
