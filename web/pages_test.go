package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/web"
)

// TestUnit_Pages checks that a unit with many indicators is paged as the
// scorecard is: at most 250 lines a page, sum tables whole, the page
// number in the URL, and every indicator on exactly one page.
func TestUnit_Pages(t *testing.T) {
	_, st := demoServer(t)
	ctx := context.Background()
	// 40 sums over osu's units and 300 figures of osu's own.
	cat := `{"indicators": [`
	csv := "indicator;entity;period;value\n"
	for i := range 340 {
		if i > 0 {
			cat += ","
		}
		rollup := ""
		if i < 40 {
			rollup = `, "rollup": "sum"`
			for _, e := range []string{"styring_administrasjon", "digit", "eiendom"} {
				csv += fmt.Sprintf("p%03d;%s;2020;%d\np%03d;%s;2021;%d\n", i, e, i, i, e, i+1)
			}
		} else {
			csv += fmt.Sprintf("p%03d;osu;2020;%d\np%03d;osu;2021;%d\n", i, i, i, i+1)
		}
		cat += fmt.Sprintf(`{"id": "p%03d", "label_nb": "P %03d", "unit": "antall", "category": "Sider"%s}`, i, i, rollup)
	}
	cat += "]}"
	if _, err := ingest.Load(ctx, st, []ingest.NamedFile{{Name: "p.json", Data: []byte(cat)}, {Name: "p.csv", Data: []byte(csv)}}, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st}).Handler()))
	defer srv.Close()

	seen := map[string]int{}
	pages := 0
	for n := 1; ; n++ {
		status, body := get(t, fmt.Sprintf("%s/enhet/osu?side=%d", srv.URL, n))
		if status != 200 {
			t.Fatalf("page %d: status %d", n, status)
		}
		if n == 1 {
			mustContain(t, body, `href="/enhet/osu?side=2"`, `aria-current="page" href="/enhet/osu?side=1"`)
			if !strings.Contains(body, "rader, side 1/") {
				t.Error("page 1 does not say which page it is")
			}
		}
		lines := strings.Count(body, `<tr class="sum">`) + strings.Count(body, `<td class="spark">`)
		sums := 0
		for i := range 340 {
			id := fmt.Sprintf("p%03d", i)
			if strings.Contains(body, `id="h-sum-`+id+`"`) || strings.Contains(body, `href="/indikator/`+id+`?enhet=osu"`) {
				seen[id]++
			}
			if strings.Contains(body, `id="h-sum-`+id+`"`) {
				sums++
				// Each sum table has its 3 units and the sum.
				lines += 3
			}
		}
		if lines > 250+3 {
			t.Errorf("page %d has about %d lines, want at most 250", n, lines)
		}
		pages++
		if !strings.Contains(body, fmt.Sprintf(`href="/enhet/osu?side=%d"`, n+1)) {
			break
		}
		if n > 10 {
			t.Fatal("more than 10 pages")
		}
	}
	if pages < 2 {
		t.Fatalf("%d pages, want several", pages)
	}
	for i := range 340 {
		if id := fmt.Sprintf("p%03d", i); seen[id] != 1 {
			t.Errorf("%s is on %d pages, want 1", id, seen[id])
		}
	}
	// A page that does not exist shows the first.
	_, body := get(t, srv.URL+"/enhet/osu?side=999")
	mustContain(t, body, `aria-current="page" href="/enhet/osu?side=1"`)
}

// TestPageCache_NoCache checks that a request with "Cache-Control:
// no-cache" gets a page made afresh, which the next request is served.
func TestPageCache_NoCache(t *testing.T) {
	_, st := demoServer(t)
	srv := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st}).Handler()))
	defer srv.Close()
	hit := func(header string) bool {
		req, _ := http.NewRequest("GET", srv.URL+"/enhet/osu", nil)
		if header != "" {
			req.Header.Set("Cache-Control", header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("X-Virk-Cache") == "hit"
	}
	for i, c := range []struct {
		header string
		hit    bool
	}{{"", false}, {"", true}, {"no-cache", false}, {"max-age=0, No-Cache", false}, {"max-age=0", true}, {"", true}} {
		if got := hit(c.header); got != c.hit {
			t.Errorf("request %d (Cache-Control %q): hit %v, want %v", i+1, c.header, got, c.hit)
		}
	}
}
