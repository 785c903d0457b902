package web_test

// End-to-end tests in a real headless Chromium: every page type loads, the
// scorecard shows every indicator of the store, an import goes through the
// real file input, every page passes axe-core's WCAG 2.1 A/AA rules, and
// every control can be reached with Tab alone. They skip when Chromium is
// missing, except on CI.

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/export"
	"github.com/virk-analyse/virk/kpi"
)

// brPage is one page type: where it is, its status and its h1.
type brPage struct {
	name   string
	path   string
	status int
	h1     func(tb testing.TB, a *brApp) string // the expected h1
	prefix bool                                 // h1 only starts with it
}

// brFixed returns an h1 that does not depend on the data.
func brFixed(s string) func(testing.TB, *brApp) string {
	return func(testing.TB, *brApp) string { return s }
}

// brPages lists one page of each type, for the shared demo app. The indicator and the unit take
// their expected headings from the store, not from a copy of the demo.
var brPages = []brPage{
	{name: "Scorecard", path: "/", status: http.StatusOK, h1: brFixed("Målekort")},
	{name: "Indicator", path: "/indikator/sykefravaer", status: http.StatusOK, h1: func(tb testing.TB, a *brApp) string {
		inds, _, err := a.Store.FindIndicators(context.Background(), virk.IndicatorFilter{IDs: []string{"sykefravaer"}})
		if err != nil || len(inds) != 1 {
			tb.Fatalf("the demo has no indicator sykefravaer: %v", err)
		}
		return inds[0].LabelNB
	}},
	{name: "Unit", path: "/enhet/osu", status: http.StatusOK, h1: func(tb testing.TB, a *brApp) string {
		ents, _, err := a.Store.FindEntities(context.Background(), virk.EntityFilter{IDs: []string{"osu"}})
		if err != nil || len(ents) != 1 {
			tb.Fatalf("the demo has no unit osu: %v", err)
		}
		return ents[0].Name
	}},
	{name: "Peers", path: "/sammenligning?enhet=baerum&ar=2017", status: http.StatusOK, h1: brFixed("Tjenesteprofil"), prefix: true},
	// The shared demo stores a KOSTRA group (brStoreGroups).
	{name: "PeersKOSTRA", path: "/sammenligning?enhet=baerum&ar=2017&gruppe=kostra&tilbakeregn=1", status: http.StatusOK, h1: brFixed("Tjenesteprofil"), prefix: true},
	{name: "Energy", path: "/energi", status: http.StatusOK, h1: brFixed("Energioppfølging")},
	{name: "EnergyBuilding", path: "/energi/bygg/bekkestua_skole", status: http.StatusOK, h1: brFixed("Bekkestua skole")},
	{name: "Workforce", path: "/medarbeidere", status: http.StatusOK, h1: brFixed("Medarbeidere")},
	{name: "Projects", path: "/prosjekter", status: http.StatusOK, h1: brFixed("Prosjekter")},
	{name: "Project", path: "/prosjekt/oksenoya", status: http.StatusOK, h1: brFixed("Oksenøya senter")},
	{name: "Benefits", path: "/gevinster", status: http.StatusOK, h1: brFixed("Gevinster")},
	// The register's forms, as the demo's user, who is an analytiker.
	{name: "ProjectEdit", path: "/prosjekt/datasenter/endre", status: http.StatusOK, h1: brFixed("Endre prosjekt: Nytt datasenter")},
	{name: "ProjectNew", path: "/prosjekter/ny", status: http.StatusOK, h1: brFixed("Nytt prosjekt")},
	{name: "Report", path: "/rapport", status: http.StatusOK, h1: brFixed("Virksomhetsanalyse"), prefix: true},
	{name: "Import", path: "/import", status: http.StatusOK, h1: brFixed("Importer data")},
	{name: "Accessibility", path: "/tilgjengelighet", status: http.StatusOK, h1: brFixed("Tilgjengelighetserklæring")},
	{name: "Login", path: "/logginn", status: http.StatusOK, h1: brFixed("Logg inn")},
	{name: "AdminUsers", path: "/admin/brukere", status: http.StatusOK, h1: brFixed("Brukere og roller")},
	{name: "AdminLog", path: "/admin/logg", status: http.StatusOK, h1: brFixed("Revisjonslogg")},
	{name: "AdminSettings", path: "/admin/innstillinger", status: http.StatusOK, h1: brFixed("Innstillinger")},
	{name: "NotFound", path: "/finnes-ikke", status: http.StatusNotFound, h1: brFixed("Siden finnes ikke")},
}

// brOpen loads url in the tab and returns the HTTP status of the document.
func brOpen(tb testing.TB, ctx context.Context, url string) int {
	tb.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		tb.Fatalf("open %s: %v", url, err)
	}
	return int(resp.Status)
}

// brEval runs a JavaScript expression in the tab and decodes its value.
func brEval[T any](tb testing.TB, ctx context.Context, js string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("evaluate %.60q: %v", js, err)
	}
	return v
}

// brPageFacts is what TestBrowser_Pages reads from each page.
type brPageFacts struct {
	H1     []string `json:"h1"`
	Title  string   `json:"title"`
	Lang   string   `json:"lang"`
	Styled bool     `json:"styled"` // virk.css applies
}

const brPageFactsJS = `({
	h1: [...document.querySelectorAll("h1")].map(h => h.textContent.trim()),
	title: document.title,
	lang: document.documentElement.lang,
	styled: getComputedStyle(document.body).marginTop === "0px" &&
		getComputedStyle(document.querySelector("header.site")).display === "flex",
})`

// TestBrowser_Pages loads one page of each type and checks its status,
// its one h1, its title and language, and that the stylesheet applies.
func TestBrowser_Pages(t *testing.T) {
	ctx := brNewTab(t)
	a := brSharedDemo(t)
	for _, pc := range brPages {
		t.Run(pc.name, func(t *testing.T) {
			if got := brOpen(t, ctx, a.URL+pc.path); got != pc.status {
				t.Errorf("status %d, want %d", got, pc.status)
			}
			f := brEval[brPageFacts](t, ctx, brPageFactsJS)
			want := pc.h1(t, a)
			switch {
			case len(f.H1) != 1:
				t.Errorf("h1 elements %q, want one", f.H1)
			case pc.prefix && !strings.HasPrefix(f.H1[0], want), !pc.prefix && f.H1[0] != want:
				t.Errorf("h1 %q, want %q", f.H1[0], want)
			}
			if !strings.HasSuffix(f.Title, "– virk") || len(f.Title) <= len("– virk") {
				t.Errorf("title %q, want «… – virk»", f.Title)
			}
			if f.Lang != "nb" {
				t.Errorf("lang %q, want nb", f.Lang)
			}
			if !f.Styled {
				t.Error("virk.css does not apply")
			}
		})
	}
}

// TestBrowser_ScorecardListsEveryIndicator compares the links of the
// scorecard with the rows that the KPI engine builds from the store: every
// indicator that has values, for every unit that has them.
func TestBrowser_ScorecardListsEveryIndicator(t *testing.T) {
	ctx := brNewTab(t)
	a := brSharedDemo(t)

	l, err := kpi.Load(context.Background(), a.Store, kpi.Query{})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := kpi.Build(l.Cube, l.Indicators, l.Entities, l.Annotations, kpi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	indicators := map[string]bool{}
	for _, row := range sc.Rows {
		if row.Latest == nil {
			continue // no value to show
		}
		want = append(want, "/indikator/"+row.Indicator+"?enhet="+row.Entity)
		indicators[row.Indicator] = true
	}
	if len(indicators) < 60 {
		t.Fatalf("the demo store has %d indicators with values, want at least 60", len(indicators))
	}

	// The scorecard pages by 250 rows: read every page.
	var got []string
	for page := 1; page <= (len(want)+249)/250; page++ {
		brOpen(t, ctx, a.URL+"/?enhet=alle&side="+strconv.Itoa(page))
		got = append(got, brEval[[]string](t, ctx, `[...document.querySelectorAll("main table tbody th a[href^='/indikator/']")].map(a => a.getAttribute("href"))`)...)
	}
	slices.Sort(want)
	slices.Sort(got)
	if missing, extra := brDiff(want, got), brDiff(got, want); len(missing)+len(extra) > 0 {
		t.Errorf("the scorecard lists %d indicator rows, the store %d\nmissing on the page: %q\nnot in the store: %q",
			len(got), len(want), missing, extra)
	}
	shown := map[string]bool{}
	for _, href := range got {
		id, _, _ := strings.Cut(strings.TrimPrefix(href, "/indikator/"), "?")
		shown[id] = true
	}
	if len(shown) < 60 {
		t.Errorf("the scorecard shows %d indicators, want at least 60", len(shown))
	}
}

// brDiff returns the elements of a that are not in b.
func brDiff(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// brSnapshot returns what an import must leave untouched when it fails or is
// only checked: the batches and every stored observation.
func brSnapshot(tb testing.TB, st virk.Store) (batches int, data []byte) {
	tb.Helper()
	ctx := context.Background()
	bs, err := st.FindBatches(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	d := &export.Data{}
	if d.Indicators, _, err = st.FindIndicators(ctx, virk.IndicatorFilter{}); err != nil {
		tb.Fatal(err)
	}
	if d.Entities, _, err = st.FindEntities(ctx, virk.EntityFilter{}); err != nil {
		tb.Fatal(err)
	}
	if d.Observations, err = st.FindObservations(ctx, virk.ObservationFilter{}); err != nil {
		tb.Fatal(err)
	}
	if len(d.Observations) == 0 {
		tb.Fatal("the store has no observations")
	}
	var b bytes.Buffer
	if err := export.WriteCSV(&b, d); err != nil {
		tb.Fatal(err)
	}
	return len(bs), b.Bytes()
}

// brUpload chooses files in the import form's file input, as a user does in
// the file dialog, submits the form with its button and returns the status
// of the page that comes back.
func brUpload(tb testing.TB, ctx context.Context, files ...string) int {
	tb.Helper()
	resp, err := chromedp.RunResponse(ctx,
		chromedp.SetUploadFiles(chromedp.ID("files"), files),
		chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button[type="submit"]`), chromedp.NodeVisible),
	)
	if err != nil {
		tb.Fatalf("upload %q: %v", files, err)
	}
	return int(resp.Status)
}

// brMainText returns the visible text of the page's main element.
func brMainText(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	return brEval[string](tb, ctx, `document.querySelector("main").innerText`)
}

// TestBrowser_Import uploads through the import page's file input: a file
// with an error is refused with its place and nothing is stored; a good
// file is checked (still nothing stored), then stored with "Lagre".
func TestBrowser_Import(t *testing.T) {
	ctx := brNewTab(t)
	a := brNewDemo(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("feil.csv", "indicator;entity;period;value;status\nsykefravaer;baerum;2024;7,1;\nsykefravaer;baerum;2025;sju;\n")
	good := write("ny.csv", "indicator;entity;period;value;status\nsykefravaer;baerum;2024;7,1;\n")
	batches, before := brSnapshot(t, a.Store)
	if batches != 1 {
		t.Fatalf("the demo store has %d batches, want 1", batches)
	}
	unchanged := func(t *testing.T, when string) {
		t.Helper()
		n, after := brSnapshot(t, a.Store)
		if n != batches || !bytes.Equal(after, before) {
			t.Fatalf("%s changed the store: %d batches (was %d), data equal: %v", when, n, batches, bytes.Equal(after, before))
		}
	}

	t.Run("ErrBadFile", func(t *testing.T) {
		brOpen(t, ctx, a.URL+"/import")
		if status := brUpload(t, ctx, bad); status != http.StatusUnprocessableEntity {
			t.Errorf("status %d, want %d", status, http.StatusUnprocessableEntity)
		}
		text := brMainText(t, ctx)
		if !strings.Contains(text, "feil.csv:3:4") || !strings.Contains(text, "Ingenting er lagret") {
			t.Errorf("the page should name the file, line and column of the error (feil.csv:3:4) and say that nothing was stored:\n%s", text)
		}
		if n := brEval[int](t, ctx, `document.querySelectorAll("input#files").length`); n != 1 {
			t.Error("after an error the form should be there to try again")
		}
		brAxeCheck(t, ctx, "Errors")
		unchanged(t, "a refused upload")
	})

	t.Run("OK", func(t *testing.T) {
		brOpen(t, ctx, a.URL+"/import")
		if status := brUpload(t, ctx, good); status != http.StatusOK {
			t.Fatalf("check: status %d, want 200\n%s", status, brMainText(t, ctx))
		}
		text := brMainText(t, ctx)
		if !strings.Contains(text, "Kontroll: ingenting er lagret ennå") || !strings.Contains(text, "ny.csv") {
			t.Fatalf("the check should show what would change, for ny.csv:\n%s", text)
		}
		added := brEval[string](t, ctx, `[...document.querySelectorAll("main table tbody tr")].find(tr => tr.querySelector("th").textContent.trim() === "Observasjoner").querySelector("td").textContent.trim()`)
		if added != "1" {
			t.Errorf("the check shows %s new observations, want 1", added)
		}
		brAxeCheck(t, ctx, "Check")
		unchanged(t, "a checked upload")

		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.Search(`//main//form//button[normalize-space()="Lagre"]`), chromedp.NodeVisible))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != http.StatusOK {
			t.Errorf("store: status %d, want 200", resp.Status)
		}
		if text := brMainText(t, ctx); !strings.Contains(text, "Lagret (batch 2)") {
			t.Errorf("the page should say the upload was stored as batch 2:\n%s", text)
		}
		brAxeCheck(t, ctx, "Stored")

		bs, err := a.Store.FindBatches(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 2 {
			t.Fatalf("%d batches after storing, want 2", len(bs))
		}
		var last *virk.Batch
		for _, b := range bs {
			if b.ID == 2 {
				last = b
			}
		}
		if last == nil || last.User != "testadmin" || len(last.Files) != 1 || last.Files[0].Name != "ny.csv" {
			t.Errorf("batch 2 is %+v, want ny.csv stored by the server's user", last)
		}
		obs, err := a.Store.FindObservations(context.Background(), virk.ObservationFilter{
			IndicatorIDs: []string{"sykefravaer"}, EntityIDs: []string{"baerum"},
		})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, o := range obs {
			if o.Period.String() == "2024" {
				found = o.Value == 7.1 && o.BatchID == 2
				if !found {
					t.Errorf("stored %+v, want 7.1 in batch 2", o)
				}
			}
		}
		if !found {
			t.Errorf("sykefravaer/baerum/2024 is not stored")
		}
	})
}

// brAxeCheck runs axe-core on the page in the tab and fails the test with
// every violation. It is a subtest, so that a missing axe-core skips only
// the check.
func brAxeCheck(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	t.Run("Axe"+name, func(t *testing.T) {
		if vs := brRunAxe(t, ctx); len(vs) > 0 {
			t.Errorf("%d axe-core violations:\n%s", len(vs), brFormatViolations(vs))
		}
	})
}

// TestBrowser_Axe runs axe-core with the WCAG 2.0 and 2.1 A and AA rules
// on every page type and requires no violation.
func TestBrowser_Axe(t *testing.T) {
	ctx := brNewTab(t)
	a := brSharedDemo(t)
	brAxeSource(t) // install or skip before opening pages
	for _, pc := range brPages {
		t.Run(pc.name, func(t *testing.T) {
			brOpen(t, ctx, a.URL+pc.path)
			if vs := brRunAxe(t, ctx); len(vs) > 0 {
				t.Errorf("%s: %d axe-core violations:\n%s", pc.path, len(vs), brFormatViolations(vs))
			}
		})
	}
	// The published report, as it is downloaded and printed.
	t.Run("ReportStandalone", func(t *testing.T) {
		if status := brOpen(t, ctx, a.URL+"/rapport.html"); status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		if vs := brRunAxe(t, ctx); len(vs) > 0 {
			t.Errorf("/rapport.html: %d axe-core violations:\n%s", len(vs), brFormatViolations(vs))
		}
	})
	// A page with a known fault shows that axe-core runs and that its
	// findings reach the test.
	t.Run("FindsFaults", func(t *testing.T) {
		brOpen(t, ctx, a.URL+"/tilgjengelighet")
		brEval[bool](t, ctx, `document.querySelector("main").insertAdjacentHTML("beforeend", '<img src="data:," width="10" height="10">') || true`)
		vs := brRunAxe(t, ctx)
		if !slices.ContainsFunc(vs, func(v brAxeViolation) bool { return v.ID == "image-alt" }) {
			t.Errorf("axe-core did not find an image without alt text; it found:\n%s", brFormatViolations(vs))
		}
	})
	t.Run("English", func(t *testing.T) {
		brOpen(t, ctx, a.URL+"/indikator/sykefravaer?lang=en")
		if vs := brRunAxe(t, ctx); len(vs) > 0 {
			t.Errorf("%d axe-core violations:\n%s", len(vs), brFormatViolations(vs))
		}
	})
}

// TestBrowser_Keyboard goes through every page type with Tab alone: the
// skip link comes first and moves focus to main, then every focusable
// control comes in document order, each with a visible focus indicator.
func TestBrowser_Keyboard(t *testing.T) {
	ctx := brNewTab(t)
	a := brSharedDemo(t)
	for _, pc := range append(brPages, brPage{name: "published report", path: "/rapport.html"}) {
		t.Run(pc.name, func(t *testing.T) {
			brKeyboardCheck(t, ctx, a.URL+pc.path)
		})
	}
}

// brOverflow lists the elements that stick out of the window on the right,
// outside the scroll regions that wide tables are meant to scroll in, and
// the widths of the document and the window. It opens every <details>.
const brOverflow = `(() => {
	document.querySelectorAll("details").forEach(d => d.open = true);
	const root = document.documentElement;
	const inScroller = el => {
		for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== "visible") return true;
		}
		return false;
	};
	const out = [...document.querySelectorAll("body *")]
		.filter(el => el.getBoundingClientRect().right > root.clientWidth + 1 && !inScroller(el))
		.slice(0, 5)
		.map(el => window.__describe ? window.__describe(el) : el.tagName);
	return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: out};
})()`

// brWidths is what brOverflow finds.
type brWidths struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Wide        []string `json:"wide"`
}

// TestBrowser_Reflow checks WCAG 1.4.10 (Reflow): at 320 CSS pixels, the
// width of a phone or of a 1280-pixel window zoomed to 400 %, no page
// scrolls sideways. Wide tables scroll inside their own regions, which the
// criterion allows.
func TestBrowser_Reflow(t *testing.T) {
	ctx := brNewTab(t)
	a := brSharedDemo(t)
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 320, Height: 640, DeviceScaleFactor: 1, Mobile: false,
	}); err != nil {
		t.Fatal(err)
	}
	for _, pc := range append(brPages, brPage{name: "published report", path: "/rapport.html"}) {
		t.Run(pc.name, func(t *testing.T) {
			brOpen(t, ctx, a.URL+pc.path)
			brEval[[]brFocusable](t, ctx, brMarkFocusable) // for element descriptions
			got := brEval[brWidths](t, ctx, brOverflow)
			if got.ScrollWidth > got.ClientWidth {
				t.Errorf("the page is %d px wide in a %d px window; too wide: %q", got.ScrollWidth, got.ClientWidth, got.Wide)
			}
		})
	}
}
