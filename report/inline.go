package report

import (
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
)

// inlineFuncs lists the functions of inline values.
var inlineFuncs = []string{"verdi", "endring", "trend", "mål", "målnivå"}

// inlineExpr is a checked inline value: {{FUNC INDICATOR ENTITY [PERIOD]}}.
type inlineExpr struct {
	raw    string
	fn     string
	ind    *virk.Indicator
	ent    *virk.Entity
	period virk.Period
	file   string
	line   int
	text   string // the value as text, once resolved
}

// parseInline checks an inline value against the catalogue; faults go to e
// and give nil.
func parseInline(raw, file string, line int, cat *catalogue, meta *Meta, e *errs) *inlineExpr {
	x := &inlineExpr{raw: strings.Join(strings.Fields(raw), " "), file: file, line: line}
	f := strings.Fields(raw)
	usage := "forventet {{FUNKSJON INDIKATOR ENHET [PERIODE]}} med FUNKSJON " + orList(inlineFuncs)
	if len(f) == 0 {
		e.add(file, line, "tom verdi {{}} (%s)", usage)
		return nil
	}
	x.fn = f[0]
	if !slices.Contains(inlineFuncs, x.fn) {
		hint := ""
		if s := suggest(x.fn, inlineFuncs); s != "" {
			hint = "; mente du «" + s + "»?"
		}
		e.add(file, line, "ukjent funksjon %s i {{%s}} (%s)%s", quote(x.fn), x.raw, usage, hint)
		return nil
	}
	if len(f) < 3 || len(f) > 4 {
		e.add(file, line, "{{%s}} har %d argumenter (%s)", x.raw, len(f)-1, usage)
		return nil
	}
	ok := true
	if x.ind = cat.inds[f[1]]; x.ind == nil {
		e.add(file, line, "ukjent indikator %s i {{%s}}%s", quote(f[1]), x.raw, cat.hintIndicator(f[1]))
		ok = false
	}
	if x.ent = cat.ents[f[2]]; x.ent == nil {
		e.add(file, line, "ukjent enhet %s i {{%s}}%s", quote(f[2]), x.raw, cat.hintEntity(f[2]))
		ok = false
	}
	switch {
	case len(f) == 4:
		p, err := virk.ParsePeriod(f[3])
		if err != nil {
			e.add(file, line, "ugyldig periode i {{%s}}: %v", x.raw, err)
			ok = false
		}
		x.period = p
	case meta.Year != 0:
		x.period = virk.YearPeriod(meta.Year)
	default:
		e.add(file, line, "{{%s}} mangler periode, og %s har ikke «year»", x.raw, MetaFile)
		ok = false
	}
	if ok && (x.fn == "mål" || x.fn == "målnivå") && x.target() == nil {
		e.add(file, line, "indikatoren %s har ikke noe mål for %s ({{%s}})", quote(x.ind.ID), quote(x.ent.ID), x.raw)
		ok = false
	}
	if !ok {
		return nil
	}
	return x
}

// target returns the first target of the indicator that applies to the
// entity.
func (x *inlineExpr) target() *virk.Target {
	for i, t := range x.ind.Targets {
		if t.EntityID == "" || t.EntityID == x.ent.ID {
			return &x.ind.Targets[i]
		}
	}
	return nil
}

// targetWords are the target statuses in running text.
var targetWords = map[kpi.TargetStatus]string{
	kpi.Met:        "nådd",
	kpi.NotMet:     "ikke nådd",
	kpi.OnTrack:    "i rute",
	kpi.OffTrack:   "ikke i rute",
	kpi.NoData:     "uten data",
	kpi.Undirected: "uten ønsket retning",
}

// resolve computes the value's text from the data; a value that is not
// there is a fault, so that a sentence never loses its figure.
func (x *inlineExpr) resolve(d *data, e *errs) {
	if d.withheld != nil && d.withheld(x.ind.ID, x.ent.ID) {
		x.text = ":"
		return
	}
	s := d.series(x.ind, x.ent)
	pct, dec := x.ind.Unit.IsPercent(), x.ind.Unit.Decimals
	where := "{{" + x.raw + "}}"
	missing := func(what string) {
		e.add(x.file, x.line, "%s: %s for %s, %s", where, what, x.ind.ID, x.ent.ID)
	}
	ago := kpi.YearAgo(x.period)
	switch {
	case x.fn != "målnivå" && suppressed(s, x.period),
		x.fn == "endring" && suppressed(s, ago),
		x.fn == "trend" && suppressed(s, x.period.Add(-d.trendYears*x.period.Freq.PerYear())):
		x.text = ":" // withheld by disclosure control, as in the tables
		return
	}
	switch x.fn {
	case "verdi":
		v, ok := s.Value(x.period)
		if !ok {
			missing("ingen verdi i " + x.period.String())
			return
		}
		x.text = formatNumber(v, dec, pct)
	case "endring":
		if pct {
			v, ok := s.Change(x.period)
			if !ok {
				missing("ingen endring (mangler verdi i " + x.period.String() + " eller " + yearAgoWords(x.period.Freq) + ")")
				return
			}
			x.text = nb.Number(v, dec) + " prosentpoeng"
			return
		}
		v, ok := s.ChangePct(x.period)
		if !ok {
			missing("ingen endring (mangler verdi i " + x.period.String() + " eller " + yearAgoWords(x.period.Freq) + ")")
			return
		}
		x.text = nb.Percent(v, 1)
	case "trend":
		v, ok := s.Trend(x.period, d.trendYears)
		if !ok {
			missing("ingen trend (mangler verdi i " + x.period.String() + " eller " + itoa(d.trendYears) + " år før)")
			return
		}
		x.text = nb.Number(v, dec)
		if pct {
			x.text += " prosentpoeng"
		}
	case "mål", "målnivå":
		// Judged on the values of the period's frequency up to it: the
		// half-years to 2018H2, not the year 2018 nor its months.
		res := kpi.EvaluateTarget(upTo(s, x.period), *x.target(), x.ind.Direction, d.trendYears)
		if x.fn == "mål" {
			x.text = targetWords[res.Status]
			return
		}
		if !res.HasLevel {
			missing("målnivået kan ikke beregnes (mangler verdi i basisåret)")
			return
		}
		x.text = formatNumber(res.Level, dec, pct)
	}
}
