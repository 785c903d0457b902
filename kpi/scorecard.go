package kpi

import (
	"slices"

	"github.com/virk-analyse/virk"
)

// Options controls a scorecard.
type Options struct {
	// TrendYears is the span of the trend, 3 by default: the seed's
	// "Årlig trend siste 3 år".
	TrendYears int
	// From and To limit the periods shown (inclusive); nil for all. The
	// trend and changes still use earlier values where they need them.
	From, To *virk.Period
	// FixedPrices, when not zero, shows indicators that have a deflator in
	// that year's kroner.
	FixedPrices int
	// Freq is the frequency of the periods shown. When it is zero, each
	// row shows the coarsest frequency its series has, so that sick leave
	// computed by year, half-year and month is a row of years with an
	// annual trend, as the seed's tables show it.
	Freq virk.Freq
}

// Scorecard is the JSON document `virk kpi --format json` writes. Its field
// names are a published interface: add fields, never rename or remove.
type Scorecard struct {
	TrendYears  int    `json:"trend_years"`
	FixedPrices int    `json:"fixed_prices,omitempty"`
	Rows        []*Row `json:"rows"`
}

// Row is one indicator for one entity.
type Row struct {
	Indicator   string    `json:"indicator"`
	Label       string    `json:"label"`
	LabelEN     string    `json:"label_en,omitempty"`
	Category    string    `json:"category,omitempty"`
	Unit        string    `json:"unit"`
	Decimals    int       `json:"decimals"`
	Direction   int       `json:"direction"`
	Derived     bool      `json:"derived,omitempty"`
	Entity      string    `json:"entity"`
	EntityName  string    `json:"entity_name"`
	Values      []Value   `json:"values"`
	Latest      *Value    `json:"latest,omitempty"`
	Trend       *Trend    `json:"trend,omitempty"`
	Targets     []Target  `json:"targets,omitempty"`
	Annotations []RowNote `json:"annotations,omitempty"`
	series      Series    // the full series, for renderers
	ind         *virk.Indicator
}

// Value is one period of a row, with its annual change.
type Value struct {
	Period string `json:"period"`
	// Value is nil when the status carries no value.
	Value  *float64 `json:"value"`
	Status string   `json:"status"`
	// Computed is true for derived, summed or deflated values.
	Computed bool `json:"computed,omitempty"`
	// ChangePct is the change from a year earlier in percent.
	ChangePct *float64 `json:"change_pct"`
	// Change is the change from a year earlier in the unit (percentage
	// points for percentages).
	Change *float64 `json:"change"`
}

// Trend is the average yearly change over the last Years years.
type Trend struct {
	Years     int       `json:"years"`
	From      string    `json:"from"`
	To        string    `json:"to"`
	PerYear   float64   `json:"per_year"`
	Judgement Judgement `json:"judgement"`
}

// Target is a target with its status.
type Target struct {
	Kind      string       `json:"kind"`
	Value     float64      `json:"value"`
	BaseYear  int          `json:"base_year,omitempty"`
	Year      int          `json:"year,omitempty"`
	Level     *float64     `json:"level"`
	Status    TargetStatus `json:"status"`
	Period    string       `json:"period,omitempty"`
	Judged    *float64     `json:"judged_value"`
	Projected bool         `json:"projected,omitempty"`
	Note      string       `json:"note,omitempty"`
}

// RowNote is an annotation shown on a row.
type RowNote struct {
	Kind   string `json:"kind"`
	Period string `json:"period,omitempty"`
	Text   string `json:"text"`
}

// Series returns the row's full series, including values outside the
// period filter.
func (r *Row) Series() Series { return r.series }

// IndicatorDef returns the row's catalogue entry.
func (r *Row) IndicatorDef() *virk.Indicator { return r.ind }

// Build computes the scorecard rows for the given indicators and entities,
// in the order given, for each pair that has values. Annotations are
// attached to the rows they concern.
func Build(c *Cube, inds []*virk.Indicator, ents []*virk.Entity, anns []*virk.Annotation, opt Options) (*Scorecard, error) {
	if opt.TrendYears <= 0 {
		opt.TrendYears = 3
	}
	want := make(map[string]bool, len(ents))
	for _, e := range ents {
		want[e.ID] = true
	}
	notes := map[seriesKey][]*virk.Annotation{}
	for _, a := range anns {
		k := seriesKey{a.IndicatorID, a.EntityID}
		notes[k] = append(notes[k], a)
	}
	sc := &Scorecard{TrendYears: opt.TrendYears, FixedPrices: opt.FixedPrices, Rows: []*Row{}}
	for _, ind := range inds {
		holders := c.Entities(ind.ID)
		for _, e := range ents {
			if _, ok := slices.BinarySearch(holders, e.ID); !ok {
				continue
			}
			s := c.Series(ind.ID, e.ID)
			if opt.FixedPrices != 0 && ind.Deflator != "" {
				var err error
				if s, err = c.Deflated(ind.ID, e.ID, opt.FixedPrices); err != nil {
					return nil, err
				}
			}
			row := buildRow(ind, e, s, opt)
			if row == nil {
				continue
			}
			for _, a := range append(notes[seriesKey{ind.ID, e.ID}], notes[seriesKey{ind.ID, ""}]...) {
				n := RowNote{Kind: string(a.Kind), Text: a.Text}
				if !a.Period.IsZero() {
					n.Period = a.Period.String()
				}
				row.Annotations = append(row.Annotations, n)
			}
			sc.Rows = append(sc.Rows, row)
		}
	}
	return sc, nil
}

func buildRow(ind *virk.Indicator, e *virk.Entity, s Series, opt Options) *Row {
	s = OfFreq(s, opt.Freq)
	row := &Row{
		Indicator: ind.ID, Label: ind.LabelNB, LabelEN: ind.LabelEN, Category: ind.Category,
		Unit: ind.Unit.Name, Decimals: ind.Unit.Decimals, Direction: int(ind.Direction),
		Derived: ind.Derived(), Entity: e.ID, EntityName: e.Name, Values: []Value{},
		series: s, ind: ind,
	}
	if opt.FixedPrices != 0 && ind.Deflator != "" {
		row.Unit += " (faste " + itoa(opt.FixedPrices) + "-kr)"
	}
	var last *Point
	for i := range s {
		p := s[i]
		if opt.From != nil && p.Period.Before(*opt.From) || opt.To != nil && opt.To.Before(p.Period) {
			continue
		}
		v := Value{Period: p.Period.String(), Status: string(p.Status), Computed: p.Computed}
		if p.HasValue() {
			v.Value = ptr(p.Value)
			last = &s[i]
		}
		if c, ok := s.ChangePct(p.Period); ok {
			v.ChangePct = ptr(c)
		}
		if c, ok := s.Change(p.Period); ok {
			v.Change = ptr(c)
		}
		row.Values = append(row.Values, v)
	}
	if len(row.Values) == 0 {
		return nil
	}
	if last != nil {
		for i := range row.Values {
			if row.Values[i].Period == last.Period.String() {
				row.Latest = &row.Values[i]
			}
		}
		if tr, ok := s.Trend(last.Period, opt.TrendYears); ok {
			row.Trend = &Trend{
				Years: opt.TrendYears, From: last.Period.Add(-opt.TrendYears * last.Period.Freq.PerYear()).String(),
				To: last.Period.String(), PerYear: tr, Judgement: Judge(tr, ind.Direction, ind.Unit.Decimals),
			}
		}
	}
	// Judge targets on the series up to the last period shown.
	upto := s
	if opt.To != nil {
		upto = slices.DeleteFunc(slices.Clone(s), func(p Point) bool { return opt.To.Before(p.Period) })
	}
	for _, t := range ind.Targets {
		if t.EntityID != "" && t.EntityID != e.ID {
			continue
		}
		r := EvaluateTarget(upto, t, ind.Direction, opt.TrendYears)
		out := Target{
			Kind: string(t.Kind), Value: t.Value, BaseYear: t.BaseYear, Year: t.Year,
			Status: r.Status, Projected: r.Projected, Note: t.Note,
		}
		if r.HasLevel {
			out.Level = ptr(r.Level)
		}
		if !r.Period.IsZero() {
			out.Period, out.Judged = r.Period.String(), ptr(r.Value)
		}
		row.Targets = append(row.Targets, out)
	}
	return row
}

func ptr(v float64) *float64 { return &v }

func itoa(n int) string { return virk.YearPeriod(n).String() }

// OfFreq returns the points of s with frequency f or, when f is zero,
// with the coarsest frequency s has. It returns s itself when every point
// has that frequency.
func OfFreq(s Series, f virk.Freq) Series {
	if len(s) == 0 {
		return s
	}
	if f == 0 {
		f = s[0].Period.Freq
		for _, p := range s[1:] {
			if p.Period.Freq.PerYear() < f.PerYear() {
				f = p.Period.Freq
			}
		}
	}
	mixed := false
	for _, p := range s {
		if p.Period.Freq != f {
			mixed = true
			break
		}
	}
	if !mixed {
		return s
	}
	out := make(Series, 0, len(s))
	for _, p := range s {
		if p.Period.Freq == f {
			out = append(out, p)
		}
	}
	return out
}
