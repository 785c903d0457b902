package report_test

import (
	"bytes"
	"context"
	"html"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo"
	"github.com/virk-analyse/virk/nb"
	"github.com/virk-analyse/virk/report"
)

// mustObserve returns the stored value of ind for ent in period p, failing
// the test when the store has no final or preliminary value there: the
// expected figures of a test come from the store, not from the output.
func mustObserve(tb testing.TB, st virk.Store, ind, ent, p string) float64 {
	tb.Helper()
	per := virk.MustParsePeriod(p)
	obs, err := st.FindObservations(context.Background(), virk.ObservationFilter{
		IndicatorIDs: []string{ind}, EntityIDs: []string{ent}, From: &per, To: &per,
	})
	if err != nil {
		tb.Fatal(err)
	}
	for _, o := range obs {
		if o.Period == per && o.Status.HasValue() {
			return o.Value
		}
	}
	tb.Fatalf("the store has no value of %s for %s in %s", ind, ent, p)
	return 0
}

// TestSickLeaveReport builds the sick-leave template (package demo,
// SickLeaveReport) from the demo data and checks its half-year figures
// against the stored observations: the tables by area with the change
// from the same half-year a year earlier and the target's status, the
// short- and long-term split, the kpi-table of half-years, the charts'
// half-years and months, and the figures in the text.
func TestSickLeaveReport(t *testing.T) {
	st := mustOpenDemo(t)
	doc, err := report.Build(context.Background(), demo.SickLeaveReport(), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) > 0 {
		t.Errorf("warnings: %q", doc.Warnings)
	}
	var buf bytes.Buffer
	if err := doc.WriteHTML(&buf, report.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	pct := func(v float64) string { return nb.Percent(v, 1) }
	obs := func(ind, ent, p string) float64 { return mustObserve(t, st, ind, ent, p) }

	// The figures in the text, as {{…}} writes them.
	bH2, bH2ago := obs("sykefravaer", "baerum", "2018H2"), obs("sykefravaer", "baerum", "2017H2")
	status := "nådd"
	if bH2 > 7 {
		status = "ikke nådd"
	}
	for expr, want := range map[string]string{
		"verdi sykefravaer baerum 2018H2":             pct(bH2),
		"verdi sykefravaer baerum 2017H2":             pct(bH2ago),
		"endring sykefravaer baerum 2018H2":           nb.Number(bH2-bH2ago, 1) + " prosentpoeng",
		"mål sykefravaer baerum 2018H2":               status,
		"målnivå sykefravaer baerum 2018H2":           pct(7),
		"verdi sykefravaer_korttid baerum 2018H2":     pct(obs("sykefravaer_korttid", "baerum", "2018H2")),
		"verdi sykefravaer_langtid baerum 2018H2":     pct(obs("sykefravaer_langtid", "baerum", "2018H2")),
		"verdi sykefravaer pleie_omsorg 2018H2":       pct(obs("sykefravaer", "pleie_omsorg", "2018H2")),
		"verdi sykefravaer_egenmeldt baerum 2018H2":   pct(obs("sykefravaer_egenmeldt", "baerum", "2018H2")),
		"verdi sykefravaer baerum 2018M07":            pct(obs("sykefravaer", "baerum", "2018M07")),
		"verdi tapte_dagsverk baerum 2018H2":          nb.Number(obs("tapte_dagsverk", "baerum", "2018H2"), 1),
		"endring sykefravaer_langtid baerum 2018H2":   nb.Number(obs("sykefravaer_langtid", "baerum", "2018H2")-obs("sykefravaer_langtid", "baerum", "2017H2"), 1) + " prosentpoeng",
		"verdi sykefravaer_legemeldt baerum 2018H2":   pct(obs("sykefravaer_legemeldt", "baerum", "2018H2")),
		"verdi sykefravaer oppvekst_barnehage 2018H2": pct(obs("sykefravaer", "oppvekst_barnehage", "2018H2")),
	} {
		span := `data-virk="` + html.EscapeString(expr) + `">` + want + `</span>`
		if !strings.Contains(page, span) {
			t.Errorf("{{%s}}: the page has no %q", expr, span)
		}
	}

	// Chapter 1: each area and the municipality in 2. halvår 2018 against
	// 2. halvår 2017, the change in points and the target's status.
	const byArea = "Sykefravær etter område, 2. halvår 2018 og 2. halvår 2017"
	for ent, row := range map[string]string{
		"baerum": "Bærum kommune", "pleie_omsorg": "Pleie og omsorg", "oppvekst_skole": "Oppvekst skole",
		"helse_sosial": "Helse og sosial", "tekniske_tjenester": "Tekniske tjenester",
	} {
		now, ago := obs("sykefravaer", ent, "2018H2"), obs("sykefravaer", ent, "2017H2")
		want := "nådd"
		if now > 7 {
			want = "ikke nådd"
		}
		for col, w := range map[string]string{
			"2. halvår 2018": pct(now),
			"2. halvår 2017": pct(ago),
			"Endring fra 2. halvår 2017 (prosentpoeng)": nb.Number(now-ago, 1),
			"Mål (" + pct(7) + ")":                      want,
		} {
			if got := cellText(t, doc, byArea, row, col); got != w {
				t.Errorf("%s, %s: %q, want %q", row, col, got, w)
			}
		}
	}

	// Chapter 2: short- and long-term sick leave, two header rows.
	const split = "Korttids- og langtidsfravær etter område"
	for _, tt := range []struct{ ind, ent, row, col, p string }{
		{"sykefravaer_korttid", "pleie_omsorg", "Pleie og omsorg", "2. halvår 2018 Korttid (1–16 dager)", "2018H2"},
		{"sykefravaer_langtid", "pleie_omsorg", "Pleie og omsorg", "2. halvår 2018 Langtid (over 16 dager)", "2018H2"},
		{"sykefravaer_langtid", "baerum", "Bærum kommune", "2. halvår 2017 Langtid (over 16 dager)", "2017H2"},
	} {
		if got, want := cellText(t, doc, split, tt.row, tt.col), pct(obs(tt.ind, tt.ent, tt.p)); got != want {
			t.Errorf("%s, %s: %q, want %q", tt.row, tt.col, got, want)
		}
	}
	long := obs("sykefravaer_langtid", "pleie_omsorg", "2018H2") - obs("sykefravaer_langtid", "pleie_omsorg", "2017H2")
	if got, want := cellText(t, doc, split, "Pleie og omsorg", "Endring fra 2. halvår 2017 (prosentpoeng) Langtid (over 16 dager)"), nb.Number(long, 1); got != want {
		t.Errorf("long-term change: %q, want %q", got, want)
	}

	// Chapter 3: the scorecard of half-years, its trend over one year the
	// change from the same half-year a year earlier.
	const kpi = "Nøkkeltall for sykefraværet per halvår"
	if got, want := cellText(t, doc, kpi, "Totalt sykefravær", "1. halvår 2017 Utgangshalvår"), pct(obs("sykefravaer", "baerum", "2017H1")); got != want {
		t.Errorf("kpi-table 2017H1: %q, want %q", got, want)
	}
	if got, want := cellText(t, doc, kpi, "Totalt sykefravær", "Årlig trend siste 1 år (snitt pr. år)"), pct(bH2-bH2ago); got != want {
		t.Errorf("kpi-table trend: %q, want %q", got, want)
	}
	for _, cat := range []string{"1. halvår 2017", "2. halvår 2018", "jan. 2018", "des. 2018"} {
		if !strings.Contains(page, `<th scope="row">`+cat+`</th>`) {
			t.Errorf("no chart has the category %q", cat)
		}
	}
	for _, head := range []string{`<th scope="col">Halvår</th>`, `<th scope="col">Måned</th>`} {
		if !strings.Contains(page, head) {
			t.Errorf("no chart table is headed %s", head)
		}
	}
}
