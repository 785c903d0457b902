package web_test

// Accessibility checks in the browser: axe-core's automatic WCAG rules,
// and a keyboard-only walk through a page.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeTags are the rule sets of WCAG 2.1 at levels A and AA, what the
// Norwegian regulations on universal design of ICT require.
const brAxeRun = `axe.run(document, {
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
	resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({target: JSON.stringify(n.target), html: n.html, summary: n.failureSummary || ""})),
})))`

// brAxeViolation is one rule that failed, with the elements that fail it.
type brAxeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// brRunAxe injects axe-core into the page in the tab and returns its
// violations.
func brRunAxe(tb testing.TB, ctx context.Context) []brAxeViolation {
	tb.Helper()
	src := brAxeSource(tb)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		tb.Fatalf("inject axe-core: %v", err)
	}
	return brEval[[]brAxeViolation](tb, ctx, brAxeRun)
}

// brFormatViolations prints violations for a test failure: the rule, its
// impact and help, and each failing element's selector and summary.
func brFormatViolations(vs []brAxeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "- %s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "    … and %d more\n", len(v.Nodes)-i)
				break
			}
			fmt.Fprintf(&b, "    %s %s\n      %s\n", n.Target, brShorten(n.HTML, 160), strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	return b.String()
}

func brShorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// brMarkFocusable numbers, in document order, the elements a keyboard user
// must reach with Tab (data-kbd), and returns their descriptions. An
// element counts when it is focusable by its kind or by a tabindex ≥ 0,
// not disabled, rendered (not display:none, not in a closed <details>,
// not visibility:hidden) and not inert. It opens every <details> first,
// so that what they hide is walked too.
const brMarkFocusable = `(() => {
	document.querySelectorAll("details").forEach(d => d.open = true);
	window.__describe = el => {
		let s = el.tagName.toLowerCase();
		if (el.id) s += "#" + el.id;
		if (el.className && typeof el.className === "string") s += "." + el.className.trim().split(/\s+/).join(".");
		if (el.getAttribute("href")) s += "[href=" + JSON.stringify(el.getAttribute("href")) + "]";
		const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
		if (text) s += " " + JSON.stringify(text.slice(0, 40));
		return s;
	};
	const sel = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
	const out = [];
	for (const el of document.querySelectorAll(sel)) {
		const ti = el.getAttribute("tabindex");
		if (el.disabled || el.matches("input[type=hidden]") || (ti !== null && parseInt(ti, 10) < 0)) continue;
		if (el.tagName === "SUMMARY" && el.parentElement.querySelector(":scope > summary") !== el) continue;
		if (el.closest("[inert]") || !el.checkVisibility({visibilityProperty: true})) continue;
		el.dataset.kbd = out.length;
		out.push({desc: window.__describe(el), tabindex: el.tabIndex});
	}
	return out;
})()`

// brFocusState describes the focused element el. brMarkFocusable also
// logs it on every focusin, so that a walk of a long page reads the log
// once instead of asking after every key press.
const brFocusState = `window.__rgb = s => {
	const m = s.match(/rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+))?\)/);
	return m ? {r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4]} : null;
};
window.__luminance = c => {
	const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
	return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
// The best contrast of the indicator's colours (outline, box-shadows)
// with the background behind the element (WCAG 1.4.11 asks for 3:1).
window.__indicatorContrast = (el, cs) => {
	let bg = {r: 255, g: 255, b: 255, a: 1};
	for (let p = el.parentElement; p; p = p.parentElement) {
		const c = window.__rgb(getComputedStyle(p).backgroundColor);
		if (c && c.a > 0) { bg = c; break; }
	}
	const colours = [];
	if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) colours.push(window.__rgb(cs.outlineColor));
	for (const m of (cs.boxShadow === "none" ? "" : cs.boxShadow).matchAll(/rgba?\([^)]*\)/g)) colours.push(window.__rgb(m[0]));
	const lb = window.__luminance(bg);
	let best = 0;
	for (const c of colours) {
		if (!c || c.a === 0) continue;
		const l = window.__luminance(c);
		best = Math.max(best, (Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05));
	}
	return Math.round(best * 100) / 100;
};
window.__focusState = el => {
	if (!el || el === document.body || el === document.documentElement) return {index: -1, desc: "body"};
	const cs = getComputedStyle(el);
	const r = el.getBoundingClientRect();
	return {
		index: el.dataset.kbd === undefined ? -2 : Number(el.dataset.kbd),
		desc: window.__describe(el),
		id: el.id,
		href: el.getAttribute("href") || "",
		focusVisible: el.matches(":focus-visible"),
		indicator: (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== "none",
		contrast: window.__indicatorContrast(el, cs),
		style: "outline: " + cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor + "; box-shadow: " + cs.boxShadow,
		inView: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
		hash: location.hash,
	};
};
window.__focusLog = [];
document.addEventListener("focusin", e => window.__focusLog.push(window.__focusState(e.target)));
true`

type brFocusable struct {
	Desc     string `json:"desc"`
	TabIndex int    `json:"tabindex"`
}

type brFocused struct {
	Index        int     `json:"index"`
	Desc         string  `json:"desc"`
	ID           string  `json:"id"`
	Href         string  `json:"href"`
	FocusVisible bool    `json:"focusVisible"`
	Indicator    bool    `json:"indicator"`
	Contrast     float64 `json:"contrast"`
	Style        string  `json:"style"`
	InView       bool    `json:"inView"`
	Hash         string  `json:"hash"`
}

// brPress sends one key to the page and returns what has focus afterwards.
func brPress(tb testing.TB, ctx context.Context, key string) brFocused {
	tb.Helper()
	brKeys(tb, ctx, key)
	return brEval[brFocused](tb, ctx, `window.__focusState(document.activeElement)`)
}

// brKeys sends keys to the page.
func brKeys(tb testing.TB, ctx context.Context, keys string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		tb.Fatal(err)
	}
}

// brMark numbers the focusable elements of the page and starts the focus
// log.
func brMark(tb testing.TB, ctx context.Context) []brFocusable {
	tb.Helper()
	want := brEval[[]brFocusable](tb, ctx, brMarkFocusable)
	brEval[bool](tb, ctx, brFocusState)
	return want
}

// brKeyboardCheck walks the page at url with the keyboard alone. A focus
// indicator must be visible and contrast 3:1 with the background behind
// the element (WCAG 2.4.7 and 1.4.11).
func brKeyboardCheck(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	brOpen(t, ctx, url)
	want := brMark(t, ctx)
	t.Logf("%d tab stops", len(want))
	if len(want) < 2 {
		t.Fatalf("%d focusable elements, want the skip link and more: %+v", len(want), want)
	}
	for _, f := range want {
		if f.TabIndex > 0 {
			t.Errorf("%s has tabindex %d: a positive tabindex breaks the document order", f.Desc, f.TabIndex)
		}
	}

	// Every control, in document order, each with a visible indicator.
	brKeys(t, ctx, strings.Repeat(kb.Tab, len(want)))
	log := brEval[[]brFocused](t, ctx, `window.__focusLog`)
	var faults []string
	for i, got := range log {
		if got.Index != i {
			t.Fatalf("Tab %d: focus on %s (index %d), want %s (index %d)", i+1, got.Desc, got.Index, want[i].Desc, i)
		}
		switch {
		case !got.FocusVisible || !got.Indicator:
			faults = append(faults, fmt.Sprintf("Tab %d: %s has no visible focus indicator (:focus-visible %v; %s)", i+1, got.Desc, got.FocusVisible, got.Style))
		case got.Contrast < 3:
			faults = append(faults, fmt.Sprintf("Tab %d: the focus indicator of %s contrasts %.2f:1 with the background, want at least 3:1 (%s)", i+1, got.Desc, got.Contrast, got.Style))
		case !got.InView:
			faults = append(faults, fmt.Sprintf("Tab %d: %s has focus but is outside the window", i+1, got.Desc))
		}
	}
	if n := len(faults); n > 0 {
		more := ""
		if n > 10 {
			faults, more = faults[:10], fmt.Sprintf("\n… %d more", n-10)
		}
		t.Errorf("%d of %d tab stops are not clearly visible:\n%s%s", n, len(want), strings.Join(faults, "\n"), more)
	}
	if len(log) != len(want) {
		t.Fatalf("%d Tabs moved focus %d times, want every time", len(want), len(log))
	}
	if got := brPress(t, ctx, kb.Tab); got.Index != -1 && got.Index != 0 {
		t.Errorf("Tab after the last control: focus on %s, want it to leave the page or go round to the skip link", got.Desc)
	}

	// The skip link comes first and moves focus to the main content.
	brOpen(t, ctx, url)
	brMark(t, ctx)
	first := brPress(t, ctx, kb.Tab)
	target, ok := strings.CutPrefix(first.Href, "#")
	if !ok || target == "" || !strings.HasPrefix(first.Desc, "a.skip") || !first.InView {
		t.Fatalf("first Tab: focus on %s (in view: %v), want the visible skip link (a.skip) to the main content", first.Desc, first.InView)
	}
	if got := brPress(t, ctx, kb.Enter); got.ID != target || got.Hash != first.Href {
		t.Errorf("Enter on the skip link: focus on %s (hash %q), want #%s", got.Desc, got.Hash, target)
	}
	if tag := brEval[string](t, ctx, `document.activeElement.tagName`); tag != "MAIN" {
		t.Errorf("the skip link leads to a %s, want main", tag)
	}
	inMain := brEval[int](t, ctx, `(() => { const el = document.activeElement.querySelector("[data-kbd]"); return el ? Number(el.dataset.kbd) : -1; })()`)
	if inMain < 0 {
		return // nothing to reach in main
	}
	if got := brPress(t, ctx, kb.Tab); got.Index != inMain {
		t.Errorf("Tab after the skip link: focus on %s, want the first control in main, %s", got.Desc, want[inMain].Desc)
	}
}
