package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/demo/load"
	"github.com/virk-analyse/virk/ingest"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// demoServer returns the web app over a fresh SQLite store with the demo
// data, and the store.
func demoServer(t *testing.T) (*httptest.Server, virk.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "virk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := load.Demo(ctx, st, "demo"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st}).Handler()))
	t.Cleanup(srv.Close)
	return srv, st
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func mustContain(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func TestPages(t *testing.T) {
	srv, _ := demoServer(t)
	tests := []struct {
		path   string
		status int
		wants  []string
	}{
		{"/", 200, []string{`<html lang="nb">`, "<h1>Målekort</h1>", `href="/indikator/energi_kwh_m2?enhet=baerum"`}},
		{"/?kategori=Medarbeidere", 200, []string{`href="/indikator/sykefravaer?enhet=baerum"`, "7,3\u00a0%"}},
		{"/?enhet=digit", 200, []string{`href="/indikator/arsverk?enhet=digit"`, "104,4"}},
		{"/?kategori=Eiendom", 200, []string{"energi_kwh_m2"}},
		{"/indikator/sykefravaer?enhet=baerum", 200, []string{"<h1>Totalt sykefravær</h1>", "7,6\u00a0%", "ikke nådd", "data.csv?enhet=baerum", "Ingen verdier er endret"}},
		{"/indikator/adm_brutto_pr_innb_2017kr", 200, []string{"Tidsseriebrudd 2017", "3\u00a0237", "−16,2\u00a0%"}},
		{"/enhet/osu", 200, []string{"<h1>Organisasjon, styring og utvikling</h1>", "657,7", "559,6", `href="/enhet/digit"`}},
		{"/enhet/styring_administrasjon", 200, []string{"340,5", "−0,5\u00a0%"}},
		{"/import", 200, []string{`type="file"`, `enctype="multipart/form-data"`}},
		{"/tilgjengelighet", 200, []string{"(WCAG) 2.1", "nivå A og AA"}},
		{"/?lang=en", 200, []string{`<html lang="en">`, "<h1>Scorecard</h1>"}},
		{"/nope", 404, []string{"Siden finnes ikke"}},
		{"/enhet/nope", 404, []string{"ukjent enhet «nope»"}},
		{"/indikator/nope", 404, []string{"ukjent indikator «nope»"}},
		{"/?enhet=nope", 404, []string{"ukjent enhet «nope»"}},
		{"/static/virk.css", 200, []string{"--accent"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, body := get(t, srv.URL+tt.path)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			mustContain(t, body, tt.wants...)
		})
	}
}

func TestIndicatorDownloads(t *testing.T) {
	srv, _ := demoServer(t)
	status, body := get(t, srv.URL+"/indikator/arsverk/data.csv?enhet=digit")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	if want := "\ufeffindicator;entity;period;value;status;source\narsverk;digit;2014;86,1;;2-2-2-arsverk.csv\n"; !strings.HasPrefix(body, want) {
		t.Errorf("csv starts %q", body[:min(len(body), 120)])
	}
	if n := strings.Count(body, "\n"); n != 6 {
		t.Errorf("%d lines, want a header and 5 years", n)
	}
	status, body = get(t, srv.URL+"/indikator/arsverk/data.json?enhet=digit")
	mustContain(t, body, `"class": "dataset"`, `"digit"`)
	if status != 200 {
		t.Errorf("json status %d", status)
	}
	if status, _ := get(t, srv.URL+"/indikator/arsverk/data.pdf"); status != 404 {
		t.Errorf("unknown format: status %d, want 404", status)
	}
}

// upload posts files to the import page as a browser form does, with
// the form token of the page.
func upload(t *testing.T, url string, files map[string]string) (int, string) {
	t.Helper()
	_, page := get(t, url)
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", csrfOf(t, page))
	for name, data := range files {
		fw, _ := mw.CreateFormFile("files", name)
		io.WriteString(fw, data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", url, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestImportPage(t *testing.T) {
	srv, st := demoServer(t)
	ctx := context.Background()
	count := func() int {
		obs, err := st.FindObservations(ctx, virk.ObservationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(obs)
	}
	before := count()

	status, body := upload(t, srv.URL+"/import", map[string]string{"feil.csv": "indicator;entity;period;value\narsverk;digit;2019;1\narsverk;digit;2020;x\n"})
	if status != http.StatusUnprocessableEntity {
		t.Errorf("bad file: status %d", status)
	}
	mustContain(t, body, "Ingenting er lagret", "feil.csv:3:4", "«x» er ikke et tall")
	if n := count(); n != before {
		t.Fatalf("a bad upload changed the store: %d → %d observations", before, n)
	}

	status, body = upload(t, srv.URL+"/import", map[string]string{"ny.csv": "indicator;entity;period;value\narsverk;digit;2019;110,5\n"})
	if status != 200 {
		t.Fatalf("good file: status %d\n%s", status, body)
	}
	mustContain(t, body, "Kontroll: ingenting er lagret ennå", `action="/import/`)
	if n := count(); n != before {
		t.Fatalf("the check stored something: %d → %d", before, n)
	}
	i := strings.Index(body, `action="/import/`) + len(`action="`)
	action := body[i : i+strings.IndexByte(body[i:], '"')]

	req, _ := http.NewRequest("POST", srv.URL+action, strings.NewReader("csrf="+csrfOf(t, body)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mustContain(t, string(b), "Lagret (batch 2)")
	if n := count(); n != before+1 {
		t.Errorf("after confirming: %d observations, want %d", n, before+1)
	}
	// The token is spent.
	req, _ = http.NewRequest("POST", srv.URL+action, strings.NewReader("csrf="+csrfOf(t, body)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusGone {
			t.Errorf("second confirm: status %d, want 410", resp.StatusCode)
		}
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	srv, _ := demoServer(t)
	req, _ := http.NewRequest("POST", srv.URL+"/import", strings.NewReader(""))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("status %d, want 403", resp.StatusCode)
	}
}

// TestScorecard_HomeAndPages checks that the scorecard starts at the home
// municipality with its units, that "alle" shows every entity, and that
// long scorecards come in pages of 250 rows.
func TestScorecard_HomeAndPages(t *testing.T) {
	srv, _ := demoServer(t)
	_, body := get(t, srv.URL+"/?kategori=Medarbeidere")
	mustContain(t, body, `href="/indikator/sykefravaer?enhet=oppvekst_skole"`, `<option value="baerum" selected>`)
	if strings.Contains(body, "?enhet=asker") {
		t.Error("the default scorecard shows Asker, which is outside Bærum's tree")
	}
	_, body = get(t, srv.URL+"/?enhet=alle&kategori=Tjenesteprofil")
	mustContain(t, body, `href="/indikator/kvm_formalsbygg_pr_innb?enhet=asker"`)

	// 300 municipalities with one indicator: two pages.
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "many.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := `{"indicators": [{"id": "x", "label_nb": "X", "unit": "antall"}], "entities": [`
	csv := "indicator;entity;period;value\n"
	for i := range 300 {
		if i > 0 {
			cat += ","
		}
		cat += fmt.Sprintf(`{"id": "k%03d", "name": "Kommune %03d", "kind": "municipality"}`, i, i)
		csv += fmt.Sprintf("x;k%03d;2020;%d\n", i, i)
	}
	cat += "]}"
	if _, err := ingest.Load(ctx, st, []ingest.NamedFile{{Name: "k.json", Data: []byte(cat)}, {Name: "x.csv", Data: []byte(csv)}}, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	many := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st}).Handler()))
	defer many.Close()
	_, body = get(t, many.URL+"/")
	if n := strings.Count(body, `href="/indikator/x?enhet=`); n != 250 {
		t.Errorf("page 1 has %d rows, want 250", n)
	}
	mustContain(t, body, "300 rader, side 1/2", `href="/?enhet=alle&amp;side=2"`)
	_, body = get(t, many.URL+"/?enhet=alle&side=2")
	if n := strings.Count(body, `href="/indikator/x?enhet=`); n != 50 {
		t.Errorf("page 2 has %d rows, want 50", n)
	}
	mustContain(t, body, `?enhet=k299"`)
}

// TestPageCache checks that a page is served from the cache until an
// import changes the data, from this server or from another process.
func TestPageCache(t *testing.T) {
	_, st := demoServer(t)
	srv := httptest.NewServer(asAdmin(t, st, (&web.Server{Store: st, VersionTTL: -1}).Handler()))
	defer srv.Close()
	url := srv.URL + "/indikator/arsverk?enhet=digit"
	hit := func() (bool, string) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.Header.Get("X-Virk-Cache") == "hit", string(b)
	}
	if h, _ := hit(); h {
		t.Error("the first request was a cache hit")
	}
	if h, body := hit(); !h || !strings.Contains(body, "104,4") {
		t.Errorf("the second request: hit %v", h)
	}
	// Another process imports into the same store.
	ctx := context.Background()
	if _, err := ingest.Load(ctx, st, []ingest.NamedFile{{Name: "ny.csv", Data: []byte("indicator;entity;period;value\narsverk;digit;2019;111,1\n")}}, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	h, body := hit()
	if h || !strings.Contains(body, "111,1") {
		t.Errorf("after an import: hit %v, new value shown %v", h, strings.Contains(body, "111,1"))
	}
}

// TestIndicatorDownloads_Derived checks that a derived indicator, which is
// never stored, downloads its computed values: Lønn's share of gross
// operating expenditure 2018 is 573,9 / 1 809,2 × 100.
func TestIndicatorDownloads_Derived(t *testing.T) {
	srv, _ := demoServer(t)
	status, body := get(t, srv.URL+"/indikator/lonn_andel/data.csv?enhet=osu")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, "lonn_andel;osu;2018;31,72", "beregnet: lonn / brutto_driftsutgifter * 100")
}
