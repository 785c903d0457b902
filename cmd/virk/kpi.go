package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
)

const kpiSynopsis = "[--format table|json|csv] [--indicator ID,…] [--entity ID,…] [--from PERIODE] [--to PERIODE] [--years N] [--fixed-prices ÅR]"

func runKPI(ctx context.Context, m *Main, args []string) error {
	c := m.config()
	fs := m.newFlagSet("kpi", kpiSynopsis)
	addDBFlag(fs, &c)
	var q kpi.Query
	var opt kpi.Options
	format := fs.String("format", "table", "utdataformat: table, json eller csv")
	fs.Var((*listFlag)(&q.IndicatorIDs), "indicator", "bare disse indikatorene (kan gjentas)")
	fs.Var((*listFlag)(&q.EntityIDs), "entity", "bare disse enhetene (kan gjentas)")
	from := fs.String("from", "", "første periode som vises, f.eks. 2015")
	to := fs.String("to", "", "siste periode som vises")
	fs.IntVar(&opt.TrendYears, "years", 3, "antall år i trenden")
	fs.IntVar(&opt.FixedPrices, "fixed-prices", 0, "vis kronebeløp i faste priser for dette året (krever deflator)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("uventet argument %q", fs.Arg(0))
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		return usagef("--format %q er ukjent (forventet table, json eller csv)", *format)
	}
	if opt.TrendYears < 1 {
		return usagef("--years må være minst 1")
	}
	var err error
	if opt.From, err = optPeriod("--from", *from); err != nil {
		return err
	}
	if opt.To, err = optPeriod("--to", *to); err != nil {
		return err
	}
	st, err := openStore(ctx, c.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	sc, err := scorecard(ctx, st, q, opt)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		// Indented for a person at a terminal, compact for programs: the
		// indentation doubles the size and the time of a large document.
		bw := bufio.NewWriterSize(m.Stdout, 1<<16)
		enc := json.NewEncoder(bw)
		if m.IsTerminal {
			enc.SetIndent("", "  ")
		}
		if err := enc.Encode(sc); err != nil {
			return err
		}
		return bw.Flush()
	case "csv":
		return writeScorecardCSV(m.Stdout, sc)
	}
	return writeScorecardTable(m.Stdout, sc, opt.From != nil || opt.To != nil)
}

// scorecard loads and computes the scorecard for q.
func scorecard(ctx context.Context, st virk.Store, q kpi.Query, opt kpi.Options) (*kpi.Scorecard, error) {
	l, err := kpi.Load(ctx, st, q)
	if err != nil {
		return nil, err
	}
	return kpi.Build(l.Cube, l.Indicators, l.Entities, l.Annotations, opt)
}

func optPeriod(flag, s string) (*virk.Period, error) {
	if s == "" {
		return nil, nil
	}
	p, err := virk.ParsePeriod(s)
	if err != nil {
		return nil, usagef("%s: %v", flag, err)
	}
	return &p, nil
}

// formatValue prints a value in the indicator's unit and decimals.
func formatValue(v float64, unit string, decimals int) string {
	if unit == "%" {
		return nb.Percent(v, decimals)
	}
	return nb.Number(v, decimals)
}

var directionArrow = map[int]string{1: "↑", -1: "↓", 0: "–"}

var judgementText = map[kpi.Judgement]string{
	kpi.Good: "riktig vei", kpi.Bad: "feil vei", kpi.Flat: "uendret", kpi.Neutral: "",
}

var targetText = map[kpi.TargetStatus]string{
	kpi.Met: "nådd", kpi.NotMet: "ikke nådd", kpi.OnTrack: "i rute", kpi.OffTrack: "ikke i rute",
	kpi.NoData: "mangler data", kpi.Undirected: "uten retning",
}

// targetSummary describes a target and its status: "≤ 7,0 %: ikke nådd".
func targetSummary(r *kpi.Row, t kpi.Target) string {
	cmp := "≥"
	if r.Direction < 0 || t.Kind == string(virk.TargetRelative) && t.Value < 0 && r.Direction == 0 {
		cmp = "≤"
	}
	var s string
	if t.Kind == string(virk.TargetRelative) {
		s = fmt.Sprintf("%s %% mot %d", nb.Number(t.Value, 0), t.BaseYear)
		if t.Level != nil {
			s += " (" + cmp + " " + formatValue(*t.Level, r.Unit, r.Decimals) + ")"
		}
	} else {
		s = cmp + " " + formatValue(t.Value, r.Unit, r.Decimals)
	}
	if t.Year != 0 {
		s += fmt.Sprintf(" innen %d", t.Year)
	}
	return s + ": " + targetText[t.Status]
}

// writeScorecardTable prints the scorecard for a terminal: the last five
// periods unless the user chose a range.
func writeScorecardTable(w io.Writer, sc *kpi.Scorecard, allPeriods bool) error {
	var periods []string
	seen := map[string]bool{}
	for _, r := range sc.Rows {
		for _, v := range r.Values {
			if !seen[v.Period] {
				seen[v.Period] = true
				periods = append(periods, v.Period)
			}
		}
	}
	slices.SortFunc(periods, func(a, b string) int {
		pa, _ := virk.ParsePeriod(a)
		pb, _ := virk.ParsePeriod(b)
		return pa.Index()*16 + int(pa.Freq) - pb.Index()*16 - int(pb.Freq)
	})
	if !allPeriods && len(periods) > 5 {
		periods = periods[len(periods)-5:]
	}
	t := &textTable{header: []string{"Indikator", "Enhet"}, right: []bool{false, false}}
	for _, p := range periods {
		t.header = append(t.header, p)
		t.right = append(t.right, true)
	}
	trendHead := fmt.Sprintf("Trend/år (%d år)", sc.TrendYears)
	t.header = append(t.header, "Endring", trendHead, "Retning", "Mål")
	t.right = append(t.right, true, true, false, false)
	var notes []string
	for _, r := range sc.Rows {
		label := r.Label
		if r.Unit != "%" && r.Unit != "" {
			label += " (" + r.Unit + ")"
		}
		if len(r.Annotations) > 0 {
			for _, a := range r.Annotations {
				notes = append(notes, fmt.Sprintf("[%d] %s, %s %s: %s", len(notes)+1, r.Label, r.EntityName, a.Period, a.Text))
				label += fmt.Sprintf(" [%d]", len(notes))
			}
		}
		cells := []string{label, r.EntityName}
		byPeriod := map[string]kpi.Value{}
		for _, v := range r.Values {
			byPeriod[v.Period] = v
		}
		for _, p := range periods {
			v, ok := byPeriod[p]
			switch {
			case !ok:
				cells = append(cells, "")
			case v.Value == nil:
				cells = append(cells, virk.Status(v.Status).Symbol())
			default:
				s := formatValue(*v.Value, r.Unit, r.Decimals)
				if v.Status == string(virk.StatusPreliminary) {
					s += " p"
				}
				cells = append(cells, s)
			}
		}
		change, trend := "", ""
		if r.Latest != nil && r.Latest.ChangePct != nil {
			change = nb.Percent(*r.Latest.ChangePct, 1)
		}
		if r.Trend != nil {
			trend = formatValue(r.Trend.PerYear, r.Unit, r.Decimals)
		}
		dir := directionArrow[r.Direction]
		if r.Trend != nil && judgementText[r.Trend.Judgement] != "" {
			dir += " " + judgementText[r.Trend.Judgement]
		}
		var goal string
		for i, tg := range r.Targets {
			if i > 0 {
				goal += "; "
			}
			goal += targetSummary(r, tg)
		}
		t.add(append(cells, change, trend, dir, goal)...)
	}
	if len(sc.Rows) == 0 {
		_, err := fmt.Fprintln(w, "Ingen data å vise. Last inn data med «virk import» eller «virk demo».")
		return err
	}
	if err := t.write(w); err != nil {
		return err
	}
	for _, n := range notes {
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	return nil
}

// writeScorecardCSV writes one line per row and period, for a spreadsheet
// set to Norwegian: ';' separated, decimal comma, UTF-8 with BOM.
func writeScorecardCSV(w io.Writer, sc *kpi.Scorecard) error {
	cw, err := export.NewSheetCSV(w)
	if err != nil {
		return err
	}
	dec := csvNumberPtr
	cw.Write([]string{"indikator", "indikatornavn", "enhet", "enhetsnavn", "periode", "verdi", "status", "endring_pst", "endring", "måleenhet", "retning", "trend_per_år", "trend_vurdering", "mål_status"})
	for _, r := range sc.Rows {
		trend, judge := "", ""
		if r.Trend != nil {
			trend, judge = export.Number(r.Trend.PerYear), string(r.Trend.Judgement)
		}
		var goal string
		for i, t := range r.Targets {
			if i > 0 {
				goal += ","
			}
			goal += string(t.Status)
		}
		for _, v := range r.Values {
			cw.Write([]string{r.Indicator, r.Label, r.Entity, r.EntityName, v.Period, dec(v.Value), v.Status,
				dec(v.ChangePct), dec(v.Change), r.Unit, strconv.Itoa(r.Direction), trend, judge, goal})
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvNumberPtr is export.Number for a value that may be missing: "" then.
func csvNumberPtr(p *float64) string {
	if p == nil {
		return ""
	}
	return export.Number(*p)
}
