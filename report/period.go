package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// maxPeriods caps the columns or points of a sub-annual range, so that a
// typo such as from: 1918M01 does not make a table of a thousand columns.
const maxPeriods = 120

// monthNames are the bokmål abbreviations of the months, as tables write
// them: «jan. 2018», «mai 2018».
var monthNames = [12]string{"jan.", "feb.", "mars", "april", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."}

// periodLabel names a period the way a Norwegian table heads its column:
// «2018», «1. halvår 2018», «3. kvartal 2018», «jan. 2018», «uke 5 2018».
func periodLabel(p virk.Period) string {
	y := strconv.Itoa(p.Year)
	switch p.Freq {
	case virk.HalfYear:
		return strconv.Itoa(p.N) + ". halvår " + y
	case virk.Quarterly:
		return strconv.Itoa(p.N) + ". kvartal " + y
	case virk.Monthly:
		if p.N >= 1 && p.N <= 12 {
			return monthNames[p.N-1] + " " + y
		}
	case virk.Weekly:
		return "uke " + strconv.Itoa(p.N) + " " + y
	}
	return p.String()
}

// freqWord names a frequency in running text: «år», «halvår» …
func freqWord(f virk.Freq) string {
	switch f {
	case virk.HalfYear:
		return "halvår"
	case virk.Quarterly:
		return "kvartal"
	case virk.Monthly:
		return "måned"
	case virk.Weekly:
		return "uke"
	}
	return "år"
}

// yearAgoWords says what a change compares with, for messages: «året før»,
// «samme halvår året før».
func yearAgoWords(f virk.Freq) string {
	switch f {
	case virk.Annual, 0:
		return "året før"
	case virk.Weekly:
		return "samme uke året før"
	}
	return "samme " + freqWord(f) + " året før"
}

// periodRange returns from…to, which have the same frequency.
func periodRange(from, to virk.Period) []virk.Period {
	if from.IsZero() || from.Freq != to.Freq {
		return nil
	}
	var out []virk.Period
	for p := from; !to.Before(p); p = p.Add(1) {
		out = append(out, p)
	}
	return out
}

// lastOf returns the last period of frequency f in year y: 2018H2 for
// half-years, 2018M12 for months.
func lastOf(y int, f virk.Freq) virk.Period {
	switch f {
	case virk.Annual:
		return virk.YearPeriod(y)
	case virk.Weekly:
		return virk.Period{Year: y, Freq: f, N: virk.ISOWeeks(y)}
	}
	return virk.Period{Year: y, Freq: f, N: f.PerYear()}
}

// align returns the period of frequency f in which p begins: 2018 is
// 2018H1 in half-years, 2018M07 is 2018H2. A series break written as a
// year is then placed at the first half-year or month of that year.
func align(p virk.Period, f virk.Freq) virk.Period {
	if p.Freq == f {
		return p
	}
	var start time.Time
	switch p.Freq {
	case virk.Weekly: // 4 January is always in week 1
		start = time.Date(p.Year, time.January, 4+7*(p.N-1), 12, 0, 0, 0, time.UTC)
	default:
		month := 1 + (max(p.N, 1)-1)*12/p.Freq.PerYear()
		start = time.Date(p.Year, time.Month(month), 1, 12, 0, 0, 0, time.UTC)
	}
	if f == virk.Weekly {
		y, w := start.ISOWeek()
		return virk.Period{Year: y, Freq: f, N: w}
	}
	if f == virk.Annual {
		return virk.YearPeriod(start.Year())
	}
	return virk.Period{Year: start.Year(), Freq: f, N: (int(start.Month())-1)*f.PerYear()/12 + 1}
}

// upTo returns the points of s with p's frequency up to and including p,
// the values a target is judged on at p: for 2018H2, the half-years to
// 2018H2, not the year 2018 nor its months.
func upTo(s kpi.Series, p virk.Period) kpi.Series {
	var out kpi.Series
	for _, pt := range s {
		if pt.Period.Freq == p.Freq && !p.Before(pt.Period) {
			out = append(out, pt)
		}
	}
	return out
}

// parsePeriodValue reads a year (1900–2200) or a sub-annual period. When s
// is neither, yearLike says whether it was meant as a year («20144»,
// «ti»), which keeps the message years have always had, rather than as a
// sub-annual period («2018H3»).
func parsePeriodValue(s string) (p virk.Period, yearLike, ok bool) {
	if y, err := strconv.Atoi(s); err == nil || len(s) <= 4 {
		if err != nil || y < 1900 || y > 2200 {
			return virk.Period{}, true, false
		}
		return virk.YearPeriod(y), true, true
	}
	if _, err := strconv.Atoi(s[:4]); err != nil || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		return virk.Period{}, true, false
	}
	p, err := virk.ParsePeriod(s)
	if err != nil || p.Year < 1900 || p.Year > 2200 {
		return virk.Period{}, false, false
	}
	return p, false, true
}

// periodExamples is what a period key expects, for messages.
const periodExamples = "et år som 2018, et halvår som 2018H2, et kvartal som 2018K3 eller en måned som 2018M07"

// period reads a year or a period of another frequency ("2018", "2018H2",
// "2018K3", "2018M07"); def is used when key is missing.
func (r *reader) period(key string, def virk.Period) virk.Period {
	p := r.get(key)
	if p == nil || p.Value == "" {
		if def.IsZero() {
			r.fail(r.b.Line, "virk %s mangler nøkkelen «%s» (et år, f.eks. 2018)", r.b.Kind, key)
		}
		return def
	}
	per, yearLike, ok := parsePeriodValue(p.Value)
	switch {
	case ok:
		return per
	case yearLike:
		r.fail(p.Line, "%s er ikke et år (forventet et firesifret år, f.eks. 2018, i «%s»)", quote(p.Value), key)
	default:
		r.fail(p.Line, "%s er ikke en periode (forventet %s, i «%s»)", quote(p.Value), periodExamples, key)
	}
	return virk.Period{}
}

// periods reads "from" and "to": years, or half-years, quarters or months,
// both of one frequency. "to" defaults to the report's year, or with a
// sub-annual "from" to the last such period of that year; "from" defaults
// to four years before an annual "to" and to the first period of the year
// before a sub-annual one (2017H1 for 2018H2).
func (r *reader) periods() (from, to virk.Period) {
	def := virk.Period{}
	if r.meta.Year != 0 {
		def = virk.YearPeriod(r.meta.Year)
	}
	to = r.period("to", def)
	def = virk.Period{}
	switch {
	case to.IsZero():
	case to.Freq == virk.Annual:
		def = to.Add(-4)
	default:
		def = virk.Period{Year: to.Year - 1, Freq: to.Freq, N: 1}
	}
	from = r.period("from", def)
	if from.IsZero() || to.IsZero() {
		return from, to
	}
	if !r.has("to") && from.Freq != virk.Annual {
		to = lastOf(to.Year, from.Freq)
	}
	switch {
	case from.Freq != to.Freq:
		r.fail(r.paramLine("from"), "«from» (%s) og «to» (%s) er ikke samme slags periode (%s og %s); skriv f.eks. from: 2017H1 og to: 2018H2",
			from, to, freqWord(from.Freq), freqWord(to.Freq))
	case to.Before(from):
		r.fail(r.paramLine("from"), "«from» (%s) kommer etter «to» (%s)", from, to)
	case from.Freq == virk.Annual && to.Year-from.Year > 50:
		r.fail(r.paramLine("from"), "%d–%d er mer enn 50 år", from.Year, to.Year)
	case to.Index()-from.Index() >= maxPeriods:
		r.fail(r.paramLine("from"), "%s–%s er mer enn %d perioder", from, to, maxPeriods)
	}
	return from, to
}

// periodList reads a comma-separated list of periods of one frequency:
// "2017, 2018" or "2017H2, 2018H2".
func (r *reader) periodList(key string) []virk.Period {
	p := r.get(key)
	if p == nil {
		return nil
	}
	var out []virk.Period
	for _, s := range list(p.Value) {
		per, _, ok := parsePeriodValue(s)
		if !ok {
			r.fail(p.Line, "%s er ikke en periode (forventet perioder av én type skilt med komma, f.eks. 2017H2, 2018H2 eller 2017, 2018)", quote(s))
			continue
		}
		if len(out) > 0 && per.Freq != out[0].Freq {
			r.fail(p.Line, "«%s» blander periodetyper: %s er %s, men %s er %s (forventet perioder av én type, f.eks. 2017H2, 2018H2)",
				key, out[0], freqWord(out[0].Freq), per, freqWord(per.Freq))
			return nil
		}
		out = append(out, per)
	}
	if len(out) == 0 && !r.bad {
		r.fail(p.Line, "«%s» er tom (forventet perioder skilt med komma, f.eks. 2017H2, 2018H2)", key)
	}
	return out
}
