package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/virk-analyse/virk"
)

// brSubmit clicks the button of the form with the action in the tab and
// returns the status of the page that comes back.
func brSubmit(tb testing.TB, ctx context.Context, action string) int {
	tb.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="`+action+`"] button[type="submit"]`), chromedp.NodeVisible))
	if err != nil {
		tb.Fatalf("submit %s: %v", action, err)
	}
	return int(resp.Status)
}

// TestBrowser_ProjectForms sends the portfolio's forms from the browser
// with faults: the refused pages say why and pass axe-core, and nothing
// is stored. Then the weights are stored through the form.
func TestBrowser_ProjectForms(t *testing.T) {
	ctx := brNewTab(t)
	a := brNewDemo(t)
	version := func() int64 {
		v, err := a.Store.DataVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := version()

	t.Run("ErrCycle", func(t *testing.T) {
		brOpen(t, ctx, a.URL+"/prosjekt/datasenter/endre?lang=nb") // a test before may have chosen English
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("f-avhenger-lagring"), chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		if status := brSubmit(t, ctx, "/prosjekter"); status != http.StatusUnprocessableEntity {
			t.Errorf("status %d, want 422", status)
		}
		if text := brMainText(t, ctx); !strings.Contains(text, "Nytt datasenter → Fornyelse av lagringsløsning → Nytt datasenter") {
			t.Errorf("the refused form does not name the ring:\n%s", text)
		}
		if !brEval[bool](t, ctx, `document.getElementById("f-avhenger-lagring").checked`) {
			t.Error("the refused form lost the ticked dependency")
		}
		brAxeCheck(t, ctx, "Cycle")
	})

	t.Run("ErrWeights", func(t *testing.T) {
		brOpen(t, ctx, a.URL+"/prosjekter?lang=nb")
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("vekt-prioritet"), "0"), chromedp.SetValue(chromedp.ID("vekt-kritikalitet"), "0"),
			chromedp.SetValue(chromedp.ID("vekt-gevinst"), "0")); err != nil {
			t.Fatal(err)
		}
		if status := brSubmit(t, ctx, "/prosjekter/vekter"); status != http.StatusUnprocessableEntity {
			t.Errorf("status %d, want 422", status)
		}
		if text := brMainText(t, ctx); !strings.Contains(text, "vektene kan ikke alle være 0") {
			t.Errorf("the refused weights are not explained:\n%s", text)
		}
		brAxeCheck(t, ctx, "Weights")
	})
	if v := version(); v != before {
		t.Fatalf("refused forms stored a batch: %d → %d", before, v)
	}

	t.Run("OK", func(t *testing.T) {
		brOpen(t, ctx, a.URL+"/prosjekter?lang=nb")
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("vekt-prioritet"), "2")); err != nil {
			t.Fatal(err)
		}
		if status := brSubmit(t, ctx, "/prosjekter/vekter"); status != http.StatusOK {
			t.Errorf("status %d after the redirect, want 200", status)
		}
		if text := brMainText(t, ctx); !strings.Contains(text, "Vekter: prioritet 2, kritikalitet 1, gevinstpotensial 1.") {
			t.Errorf("the page does not show the new weights:\n%s", text)
		}
		brAxeCheck(t, ctx, "Stored")
		set, _ := a.Store.FindSettings(context.Background())
		if w := set[virk.SettingPortfolioWeights]; w != "2,1,1" {
			t.Errorf("stored weights %q, want 2,1,1", w)
		}
	})
}
