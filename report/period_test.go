package report_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/report"
	"github.com/virk-analyse/virk/store/sqlite"
)

// halfYearStore returns a SQLite store with sick leave by half-year for
// Bærum and its units a and b, 2017H1–2018H2, and one month, with b's
// 2018H2 withheld by disclosure control; the 7 % target applies.
func halfYearStore(tb testing.TB) virk.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "halfyear.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	cs := &virk.ChangeSet{
		Files: []virk.File{{Name: "halfyear", SHA256: "halfyear"}},
		Indicators: []*virk.Indicator{
			{ID: "sykefravaer", LabelNB: "Totalt sykefravær", Unit: virk.Unit{Name: "%", Decimals: 1}, Direction: virk.Down,
				Targets: []virk.Target{{Kind: virk.TargetAbsolute, Value: 7}}},
			{ID: "arsverk", LabelNB: "Årsverk", Unit: virk.Unit{Name: "årsverk", Decimals: 1}},
		},
		Entities: []*virk.Entity{
			{ID: "baerum", Name: "Bærum kommune", Kind: virk.KindMunicipality},
			{ID: "a", Name: "Enhet A", Kind: virk.KindUnit, ParentID: "baerum"},
			{ID: "b", Name: "Enhet B", Kind: virk.KindUnit, ParentID: "baerum"},
		},
	}
	add := func(ent, p string, v float64, s virk.Status) {
		cs.Observations = append(cs.Observations, virk.Observation{IndicatorID: "sykefravaer", EntityID: ent, Period: virk.MustParsePeriod(p), Value: v, Status: s})
	}
	for i, p := range []string{"2017H1", "2017H2", "2018H1", "2018H2"} {
		add("baerum", p, []float64{7.4, 7.6, 7.4, 7.2}[i], virk.StatusFinal)
		add("a", p, []float64{6.1, 6.3, 6.2, 6.8}[i], virk.StatusFinal)
		if p != "2018H2" {
			add("b", p, []float64{9.1, 9.5, 8.9, 0}[i], virk.StatusFinal)
		}
	}
	add("b", "2018H2", 0, virk.StatusSuppressed)
	add("baerum", "2018M07", 5.7, virk.StatusFinal)
	if _, err := st.Apply(ctx, cs, virk.ApplyOptions{User: "test"}); err != nil {
		tb.Fatal(err)
	}
	return st
}

// TestBuild_Periods checks that blocks take half-years, quarters and
// months: their columns, headed with the Norwegian period label, and the
// defaults of from and to in a frequency.
func TestBuild_Periods(t *testing.T) {
	st := halfYearStore(t)
	for _, tt := range []struct {
		name, block string
		want        []string // the column labels
	}{
		{
			name:  "EntityTablePeriods",
			block: "```virk entity-table\ntitle: T\nindicators: sykefravaer\nchildren: baerum\nperiods: 2017H2, 2018H2\n```\n",
			want:  []string{"Enhet", "2. halvår 2017", "2. halvår 2018"},
		},
		{
			name:  "EntityTablePeriodsAreYears",
			block: "```virk entity-table\ntitle: T\nindicators: sykefravaer\nentities: baerum\nperiods: 2017, 2018\n```\n",
			want:  []string{"Enhet", "2017", "2018"},
		},
		{
			name:  "EntityTableChangeAndTarget",
			block: "```virk entity-table\ntitle: T\nindicators: sykefravaer\nchildren: baerum\nperiods: 2018H2\nchange-column: ja\ntarget: ja\n```\n",
			want:  []string{"Enhet", "2. halvår 2018", "Endring fra 2. halvår 2017 (prosentpoeng)", "Mål (7,0\u00a0%)"},
		},
		{
			name:  "SeriesTableFromTo",
			block: "```virk series-table\ntitle: T\nindicators: sykefravaer\nfrom: 2017H1\nto: 2018H2\nchange-column: ja\n```\n",
			want:  []string{"%", "1. halvår 2017", "2. halvår 2017", "1. halvår 2018", "2. halvår 2018", "Prosentvis endring 2. halvår 2017/2. halvår 2018"},
		},
		{
			name:  "ToDefaultsFrom", // from: the first half-year of the year before
			block: "```virk kpi-table\ntitle: T\nindicators: sykefravaer\nto: 2018H2\ntrend: 1\n```\n",
			want:  []string{"KPI", "Ønsket retning", "1. halvår 2017 Utgangshalvår", "2. halvår 2017", "1. halvår 2018", "2. halvår 2018", "Årlig trend siste 1 år (snitt pr. år)"},
		},
		{
			name:  "FromDefaultsTo", // to: the report year's last quarter
			block: "```virk series-table\ntitle: T\nindicators: sykefravaer\nfrom: 2018K3\n```\n",
			want:  []string{"%", "3. kvartal 2018", "4. kvartal 2018"},
		},
		{
			name:  "Months",
			block: "```virk series-table\ntitle: T\nindicators: sykefravaer\nfrom: 2018-05\nto: 2018M08\n```\n",
			want:  []string{"%", "mai 2018", "juni 2018", "juli 2018", "aug. 2018"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := report.Build(context.Background(), folder(okMeta, "# K\n\n"+tt.block), st)
			if err != nil {
				t.Fatal(err)
			}
			if got := columnLabels(doc.Tables[0]); !slices.Equal(got, tt.want) {
				t.Errorf("columns %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBuild_PeriodErrors checks the faults of sub-annual periods, each
// placed at its line with a Norwegian message.
func TestBuild_PeriodErrors(t *testing.T) {
	st := halfYearStore(t)
	for _, tt := range []struct{ name, chapter, want string }{
		{
			name:    "MixedList",
			chapter: "# K\n\n```virk entity-table\ntitle: T\nindicators: sykefravaer\nentities: a\nperiods: 2017H2, 2018\n```\n",
			want:    "01-kapittel.md:7: «periods» blander periodetyper: 2017H2 er halvår, men 2018 er år (forventet perioder av én type, f.eks. 2017H2, 2018H2)",
		},
		{
			name:    "MixedFromTo",
			chapter: "# K\n\n```virk chart\ntitle: T\nindicators: sykefravaer\nfrom: 2017H1\nto: 2018M12\n```\n",
			want:    "01-kapittel.md:6: «from» (2017H1) og «to» (2018M12) er ikke samme slags periode (halvår og måned); skriv f.eks. from: 2017H1 og to: 2018H2",
		},
		{
			name:    "BadPeriod",
			chapter: "# K\n\n```virk series-table\ntitle: T\nindicators: sykefravaer\nfrom: 2018H3\n```\n",
			want:    "01-kapittel.md:6: «2018H3» er ikke en periode (forventet et år som 2018, et halvår som 2018H2, et kvartal som 2018K3 eller en måned som 2018M07, i «from»)",
		},
		{
			name:    "BadListItem",
			chapter: "# K\n\n```virk entity-table\ntitle: T\nindicators: sykefravaer\nentities: a\nperiods: 2017H2, 2018M13\n```\n",
			want:    "01-kapittel.md:7: «2018M13» er ikke en periode (forventet perioder av én type skilt med komma, f.eks. 2017H2, 2018H2 eller 2017, 2018)",
		},
		{
			name:    "HalfYearInYears",
			chapter: "# K\n\n```virk entity-table\ntitle: T\nindicators: sykefravaer\nentities: a\nyears: 2017H2\n```\n",
			want:    "01-kapittel.md:7: «2017H2» er ikke et år (forventet årstall skilt med komma, f.eks. 2017, 2018); halvår, kvartal og måneder skrives i «periods», f.eks. periods: 2017H2, 2018H2",
		},
		{
			name:    "FromAfterTo",
			chapter: "# K\n\n```virk kpi-table\ntitle: T\nindicators: sykefravaer\nfrom: 2018H2\nto: 2017H1\n```\n",
			want:    "01-kapittel.md:6: «from» (2018H2) kommer etter «to» (2017H1)",
		},
		{
			name:    "TooManyPeriods",
			chapter: "# K\n\n```virk series-table\ntitle: T\nindicators: sykefravaer\nfrom: 2000M01\nto: 2018M12\n```\n",
			want:    "01-kapittel.md:6: 2000M01–2018M12 er mer enn 120 perioder",
		},
		{
			name:    "PeriodOnLineChart",
			chapter: "# K\n\n```virk chart\ntitle: T\nindicators: sykefravaer\nperiod: 2018H2\n```\n",
			want:    "01-kapittel.md:6: «period» gjelder bare type bar (én stolpe per rad) og peer-index; bruk «from» og «to»",
		},
		{
			name:    "TargetWithoutTarget",
			chapter: "# K\n\n```virk entity-table\ntitle: T\nindicators: arsverk\nentities: a\nperiods: 2018H2\ntarget: ja\n```\n",
			want:    "01-kapittel.md:8: «target: ja» viser målet, men ingen av indikatorene i tabellen har noe mål",
		},
		{
			name:    "InlineBadPeriod",
			chapter: "# K\n\nFraværet var {{verdi sykefravaer baerum 2018H3}}.\n",
			want:    `01-kapittel.md:3: ugyldig periode i {{verdi sykefravaer baerum 2018H3}}: "2018H3" er ikke en periode`,
		},
		{
			name:    "InlineNoHalfYearBefore",
			chapter: "# K\n\n{{endring sykefravaer baerum 2017H1}}\n",
			want:    "01-kapittel.md:3: {{endring sykefravaer baerum 2017H1}}: ingen endring (mangler verdi i 2017H1 eller samme halvår året før) for sykefravaer, baerum",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := report.Build(context.Background(), folder(okMeta, tt.chapter), st)
			var es report.Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want report.Errors", err)
			}
			if len(es) != 1 || !strings.HasPrefix(es[0].Error(), tt.want) {
				t.Errorf("errors:\n%v\nwant one starting\n%s", es, tt.want)
			}
		})
	}
}

// TestBuild_HalfYearSuppressed checks a figure withheld by disclosure
// control in a half-year: the cell, the change from it and the target's
// status show «:», read as «skjult av personvernhensyn», and so do the
// figures in the text; the others are computed in the half-year's
// frequency.
func TestBuild_HalfYearSuppressed(t *testing.T) {
	chapter := "# K\n\nB: {{verdi sykefravaer b 2018H2}}, {{endring sykefravaer b 2018H2}}, {{mål sykefravaer b 2018H2}}. " +
		"A: {{verdi sykefravaer a 2018H2}}, {{endring sykefravaer a 2018H2}}, {{mål sykefravaer a 2018H2}}. " +
		"Juli: {{verdi sykefravaer baerum 2018M07}}.\n\n" +
		"```virk entity-table\ntitle: T\nindicators: sykefravaer\nchildren: baerum\nsum: ja\nperiods: 2017H2, 2018H2\nchange-column: ja\ntarget: ja\n```\n\n" +
		"```virk chart\ntitle: F\ntype: bar\nindicator: sykefravaer\nentities: a, b\nperiod: 2018H2\n```\n"
	doc, err := report.Build(context.Background(), folder(okMeta, chapter), halfYearStore(t))
	if err != nil {
		t.Fatal(err)
	}
	const change = "Endring fra 2. halvår 2017 (prosentpoeng)"
	for _, tt := range []struct{ row, col, want string }{
		{"Enhet B", "2. halvår 2017", "9,5\u00a0%"},
		{"Enhet B", "2. halvår 2018", ":"},
		{"Enhet B", change, ":"},
		{"Enhet B", "Mål (7,0\u00a0%)", ":"},
		{"Enhet A", "2. halvår 2018", "6,8\u00a0%"},
		{"Enhet A", change, "0,5"}, // 6,8 − 6,3
		{"Enhet A", "Mål (7,0\u00a0%)", "nådd"},
		{"Sum", "2. halvår 2018", "7,2\u00a0%"}, // Bærum's own figure
		{"Sum", change, "−0,4"},
		{"Sum", "Mål (7,0\u00a0%)", "ikke nådd"},
	} {
		if got := cellText(t, doc, "T", tt.row, tt.col); got != tt.want {
			t.Errorf("%s, %s: %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
	var buf bytes.Buffer
	if err := doc.WriteHTML(&buf, report.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<td class="num"><span aria-hidden="true">:</span><span class="vh">skjult av personvernhensyn</span></td>`,
		"B: " + span("verdi sykefravaer b 2018H2", ":") + ", " + span("endring sykefravaer b 2018H2", ":") + ", " + span("mål sykefravaer b 2018H2", ":"),
		"A: " + span("verdi sykefravaer a 2018H2", "6,8\u00a0%") + ", " + span("endring sykefravaer a 2018H2", "0,5 prosentpoeng") + ", " + span("mål sykefravaer a 2018H2", "nådd"),
		span("verdi sykefravaer baerum 2018M07", "5,7\u00a0%"),
		`<th scope="col">2. halvår 2018</th>`, // the bar chart's series
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
}

func span(expr, text string) string {
	return `<span class="verdi" data-virk="` + expr + `">` + text + `</span>`
}
