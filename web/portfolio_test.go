package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/nb"
	"github.com/xuri/excelize/v2"
)

// The portfolio's routes in the access matrix (TestAccessMatrix needs an
// example of every route). The new project gets a new ID for each user.
func init() {
	for pattern, ex := range map[string]example{
		"GET /prosjekter":          {url: "/prosjekter"},
		"GET /prosjekter.csv":      {url: "/prosjekter.csv"},
		"GET /prosjekter.xlsx":     {url: "/prosjekter.xlsx"},
		"GET /prosjekter/ny":       {url: "/prosjekter/ny"},
		"POST /prosjekter":         {url: "/prosjekter", form: "csrf={csrf}&ny=1&id=matrise-{n}&navn=Matrise&type=bygg&eier=eiendom&fase=id%C3%A9"},
		"POST /prosjekter/vekter":  {url: "/prosjekter/vekter", form: "csrf={csrf}&vekt-prioritet=1&vekt-kritikalitet=1&vekt-gevinst=1"},
		"GET /prosjekt/{id}":       {url: "/prosjekt/oksenoya"},
		"GET /prosjekt/{id}/endre": {url: "/prosjekt/oksenoya/endre"},
		"GET /gevinster":           {url: "/gevinster"},
	} {
		examples[pattern] = ex
	}
}

var (
	reCell  = regexp.MustCompile(`(?s)<t[dh][^>]*>(.*?)</t[dh]>`)
	reTag   = regexp.MustCompile(`<[^>]*>`)
	reSpace = regexp.MustCompile(`\s+`)
)

// text strips the tags of an HTML fragment and tidies its spaces.
func text(s string) string {
	return strings.TrimSpace(reSpace.ReplaceAllString(html.UnescapeString(reTag.ReplaceAllString(s, " ")), " "))
}

// between returns the part of s from the first start to the next end
// after it, or "" when either is missing.
func between(s, start, end string) string {
	_, rest, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	part, _, ok := strings.Cut(rest, end)
	if !ok {
		return ""
	}
	return part
}

// cells returns the text of the cells of an HTML table row.
func cells(row string) []string {
	var out []string
	for _, m := range reCell.FindAllStringSubmatch(row, -1) {
		out = append(out, text(m[1]))
	}
	return out
}

// rows returns the cells of every body row of the table with the
// caption id.
func rows(t *testing.T, body, caption string) [][]string {
	t.Helper()
	table := between(body, `<caption id="`+caption+`"`, "</table>")
	if table == "" {
		t.Fatalf("no table with caption %q", caption)
	}
	var out [][]string
	for _, r := range strings.Split(between(table, "<tbody>", "</tbody>"), "<tr")[1:] {
		out = append(out, cells(r))
	}
	return out
}

// rowOf returns the row whose first cell is name.
func rowOf(t *testing.T, rs [][]string, name string) []string {
	t.Helper()
	for _, r := range rs {
		if len(r) > 0 && r[0] == name {
			return r
		}
	}
	t.Fatalf("no row %q among %q", name, rs)
	return nil
}

const nbsp = "\u00a0"

// TestProjectsPage checks the status page against the demo's register,
// worked by hand from demo/portefolje/prosjekter.csv: Oksenøya senter's
// budget is 60 + 250 + 700 + 650 + 240 = 1 900 against a forecast of
// 1 880; Bekkestua's 428 is 28 over 100 + 220 + 80 = 400, 7 %; Sandvika
// bibliotek is expected 30.09.2019, planned 31.03.2019, 6 months late.
func TestProjectsPage(t *testing.T) {
	srv, _ := demoServer(t)
	code, body := get(t, srv.URL+"/prosjekter")
	if code != http.StatusOK {
		t.Fatalf("status %d\n%s", code, body)
	}
	building := rows(t, body, "cap-building")
	want := []string{"Oksenøya senter", "gjennomføring", "Eiendom", "1" + nbsp + "900,0", "1" + nbsp + "880,0", "−20,0", "−1,1" + nbsp + "%",
		"55,0", "01.08.2022", "01.08.2022", "0"}
	if got := rowOf(t, building, "Oksenøya senter"); !slices.Equal(got, want) {
		t.Errorf("Oksenøya senter:\n got %q\nwant %q", got, want)
	}
	if got := rowOf(t, building, "Oppgradering av Sandvika bibliotek"); got[10] != "6" {
		t.Errorf("Sandvika bibliotek's delay %q, want 6", got[10])
	}
	if len(building) != 6 {
		t.Errorf("%d building projects, want the demo's 6", len(building))
	}
	digital := rows(t, body, "cap-digital")
	if len(digital) != 10 || rowOf(t, digital, "Nytt datasenter")[2] != "Digitalisering og IT" {
		t.Errorf("%d digitalisation projects, want 10, Nytt datasenter owned by digit", len(digital))
	}
	mustContain(t, body, `href="/prosjekt/oksenoya">Oksenøya senter</a>`, `href="/enhet/eiendom">Eiendom</a>`,
		"Ingen av de 5 større investeringsprosjektene er vesentlig forsinket.")

	devs := between(body, `<ul class="deviations">`, "</ul>")
	var bekkestua, sandvika string
	for _, li := range strings.Split(devs, "<li>")[1:] {
		switch li := text(li); {
		case strings.HasPrefix(li, "Bekkestua barneskole"):
			bekkestua = li
		case strings.HasPrefix(li, "Oppgradering av Sandvika bibliotek"):
			sandvika = li
		}
	}
	if !strings.Contains(bekkestua, "(7,0 %)") {
		t.Errorf("the deviation of Bekkestua barneskole is %q, want 7,0 %% over budget", bekkestua)
	}
	if !strings.Contains(sandvika, "6 måneder etter planen") {
		t.Errorf("the deviation of Sandvika bibliotek is %q, want 6 months late", sandvika)
	}

	// Equal weights: datasenter 5+5+3 = 13 goes first; lagring (4+4+4 =
	// 12) waits for it; then skolehverdag (5+3+5 = 13), which waits for
	// lagring.
	ranked := rows(t, body, "cap-ranked")
	var names []string
	for _, r := range ranked {
		names = append(names, r[1])
	}
	if len(names) < 3 || !slices.Equal(names[:3], []string{"Nytt datasenter", "Fornyelse av lagringsløsning", "Digital skolehverdag"}) {
		t.Errorf("the ranking is %q", names)
	}
	if r := rowOf(t, ranked, "3"); r[2] != "13,0" || r[6] != "Fornyelse av lagringsløsning" {
		t.Errorf("place 3: %q, want score 13,0, waiting for Fornyelse av lagringsløsning", r)
	}
	mustContain(t, body, "Vekter: prioritet 1, kritikalitet 1, gevinstpotensial 1.", `action="/prosjekter/vekter"`, `href="/prosjekter/ny"`)
}

// TestProjectsPage_Reader: a reader sees the figures, but neither the
// weights form nor the register's forms, and is refused when posting.
func TestProjectsPage_Reader(t *testing.T) {
	srv, st, _ := accessServer(t)
	c, csrf := signIn(t, st, "leser1", virk.Grant{Role: virk.RoleReader})
	r, body := do(t, "GET", srv.URL+"/prosjekter", c, "")
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "Oksenøya senter") {
		t.Fatalf("reader: status %d", r.StatusCode)
	}
	for _, form := range []string{`action="/prosjekter/vekter"`, `href="/prosjekter/ny"`} {
		if strings.Contains(body, form) {
			t.Errorf("the reader's page holds %s", form)
		}
	}
	if _, body := do(t, "GET", srv.URL+"/prosjekt/oksenoya", c, ""); strings.Contains(body, "/prosjekt/oksenoya/endre") {
		t.Error("the reader's project page links to the form")
	}
	r, _ = do(t, "POST", srv.URL+"/prosjekter/vekter", c, "csrf="+csrf+"&vekt-prioritet=0&vekt-kritikalitet=0&vekt-gevinst=1")
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("the reader's weights: status %d, want 403", r.StatusCode)
	}
	set, _ := st.FindSettings(context.Background())
	if w := set[virk.SettingPortfolioWeights]; w != "" {
		t.Errorf("the reader stored the weights %q", w)
	}
	for _, path := range []string{"/prosjekter/ny", "/prosjekt/oksenoya/endre"} {
		if r, _ := do(t, "GET", srv.URL+path, c, ""); r.StatusCode != http.StatusForbidden {
			t.Errorf("reader, %s: status %d, want 403", path, r.StatusCode)
		}
	}
}

// storedValue returns the stored value of an indicator for an entity in
// 2018, the demo's reporting year.
func storedValue(t *testing.T, st virk.Store, ind, ent string) (float64, bool) {
	t.Helper()
	obs, err := st.FindObservations(context.Background(), virk.ObservationFilter{IndicatorIDs: []string{ind}, EntityIDs: []string{ent}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		if o.Period == virk.YearPeriod(2018) {
			return o.Value, true
		}
	}
	return 0, false
}

// TestProjectsWeights: an analyst weighs the gain potential alone. Robotisering
// av saksbehandling (gain 5, no dependencies) then goes first: Min side and
// Digital skolehverdag, also 5, wait for MDM and for the storage. The
// stored places follow.
func TestProjectsWeights(t *testing.T) {
	srv, st, _ := accessServer(t)
	ctx := context.Background()
	c, csrf := signIn(t, st, "analytiker1", virk.Grant{Role: virk.RoleAnalyst})
	if v, _ := storedValue(t, st, "prosjekt_rangering", "rpa"); v != 4 {
		t.Fatalf("rpa is stored at place %v before, want 4", v)
	}
	_, body := do(t, "GET", srv.URL+"/prosjekter", c, "")
	mustContain(t, body, `id="vekt-prioritet" name="vekt-prioritet" type="text" inputmode="decimal" size="5" value="1"`)

	post := func(p, k, g string) (*http.Response, string) {
		return do(t, "POST", srv.URL+"/prosjekter/vekter", c, url.Values{"csrf": {csrf},
			"vekt-prioritet": {p}, "vekt-kritikalitet": {k}, "vekt-gevinst": {g}}.Encode())
	}
	r, _ := post("0", "0", "1")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/prosjekter?melding=") {
		t.Fatalf("weights: status %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	_, body = do(t, "GET", srv.URL+r.Header.Get("Location"), c, "")
	mustContain(t, body, "Vektene er lagret", "Vekter: prioritet 0, kritikalitet 0, gevinstpotensial 1.")
	ranked := rows(t, body, "cap-ranked")
	if first := ranked[0]; first[1] != "Robotisering av saksbehandling" || first[2] != "5,0" {
		t.Errorf("first after the weights 0,0,1: %q", first)
	}
	if v, _ := storedValue(t, st, "prosjekt_rangering", "rpa"); v != 1 {
		t.Errorf("rpa's stored place is %v, want 1", v)
	}
	if v, _ := storedValue(t, st, "prosjekt_poeng", "datasenter"); v != 3 {
		t.Errorf("datasenter's stored score is %v, want its gain potential 3", v)
	}
	set, _ := st.FindSettings(ctx)
	if w := set[virk.SettingPortfolioWeights]; w != "0,0,1" {
		t.Errorf("stored weights %q, want 0,0,1", w)
	}
	_, n, err := st.FindAudit(ctx, virk.AuditFilter{Action: ptr(virk.AuditSetting), Actor: ptr("analytiker1")})
	if err != nil || n != 1 {
		t.Errorf("%d setting events in the audit log (%v), want 1", n, err)
	}

	// Refused weights store nothing and keep what was typed.
	before, _ := st.DataVersion(ctx)
	for _, tc := range []struct{ p, k, g, msg string }{
		{"0", "0", "0", "vektene kan ikke alle være 0"},
		{"1", "x", "1", "Vekten «x» er ugyldig"},
		{"1", "-1", "1", "Vekten «-1» er ugyldig"},
	} {
		r, body := post(tc.p, tc.k, tc.g)
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("weights %s,%s,%s: status %d, want 422", tc.p, tc.k, tc.g, r.StatusCode)
		}
		mustContain(t, body, tc.msg, `name="vekt-kritikalitet" type="text" inputmode="decimal" size="5" value="`+html.EscapeString(tc.k)+`"`, `aria-invalid="true"`)
	}
	if after, _ := st.DataVersion(ctx); after != before {
		t.Errorf("refused weights stored a batch: %d → %d", before, after)
	}
	if set, _ := st.FindSettings(ctx); set[virk.SettingPortfolioWeights] != "0,0,1" {
		t.Errorf("refused weights changed the setting to %q", set[virk.SettingPortfolioWeights])
	}
}

// TestProjectPage checks a project's page: the register with its links,
// the budget year by year, the forecast and the benefits.
func TestProjectPage(t *testing.T) {
	srv, _ := demoServer(t)
	code, body := get(t, srv.URL+"/prosjekt/oksenoya")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	budget := rows(t, body, "cap-budget")
	want := [][]string{{"2018", "60,0"}, {"2019", "250,0"}, {"2020", "700,0"}, {"2021", "650,0"}, {"2022", "240,0"}, {"Sum", "1" + nbsp + "900,0"}}
	if !slices.EqualFunc(budget, want, slices.Equal) {
		t.Errorf("budget years:\n got %q\nwant %q", budget, want)
	}
	if h := rows(t, body, "cap-history"); len(h) != 1 || !slices.Equal(h[0], []string{"2018", "1" + nbsp + "880,0", "", "gjeldende"}) {
		t.Errorf("forecast history %q, want the one of 2018", h)
	}
	mustContain(t, body, "<h1>Oksenøya senter</h1>", `<a href="/enhet/eiendom">Eiendom</a>`, `<a href="/enhet/oppvekst_barnehage">`,
		"Sambruk av skole, barnehage og bo- og behandlingssenter på én tomt.", `href="/prosjekt/oksenoya/endre"`)

	// Fornyelse av lagringsløsning waits for the data centre, and the
	// digital school waits for it.
	_, body = get(t, srv.URL+"/prosjekt/lagring")
	deps := between(body, "<dt>Avhenger av</dt>", "</dd>")
	dependents := between(body, "<dt>Prosjekter som avhenger av dette</dt>", "</dd>")
	if !strings.Contains(deps, `href="/prosjekt/datasenter">Nytt datasenter`) || !strings.Contains(dependents, `href="/prosjekt/skolehverdag">Digital skolehverdag`) {
		t.Errorf("lagring: depends on %q, dependents %q", text(deps), text(dependents))
	}
	mustContain(t, body, "<dd>12,0 (Plass 2)</dd>")

	// The benefit of TILGANG, −1 årsverk from 182,6 (2017), realised.
	_, body = get(t, srv.URL+"/prosjekt/tilgang")
	b := rowOf(t, rows(t, body, "cap-benefits"), "Ett årsverk mindre til manuell tilgangsstyring.")
	if b[1] != "HR og service" || b[3] != "182,60 (2017)" || b[4] != "181,60" || b[7] != "−1,00" || b[10] != "realisert" {
		t.Errorf("TILGANG's benefit: %q", b)
	}

	code, body = get(t, srv.URL+"/prosjekt/finnes-ikke")
	if code != http.StatusNotFound || !strings.Contains(body, "ukjent prosjekt «finnes-ikke»") {
		t.Errorf("unknown project: status %d", code)
	}
}

// editForm reads the values of the project form on a page as a browser
// would send them: inputs, checked boxes, chosen options and text areas.
func editForm(t *testing.T, body string) url.Values {
	t.Helper()
	form := between(body, `<form method="post" action="/prosjekter" class="project"`, "</form>")
	if form == "" {
		t.Fatal("the page has no project form")
	}
	attr := func(tag, name string) (string, bool) {
		m := regexp.MustCompile(`\s` + name + `="([^"]*)"`).FindStringSubmatch(tag)
		if m == nil {
			return "", strings.Contains(tag, " "+name+">") || strings.Contains(tag, " "+name+" ")
		}
		return html.UnescapeString(m[1]), true
	}
	v := url.Values{}
	for _, tag := range regexp.MustCompile(`<input[^>]*>`).FindAllString(form, -1) {
		name, _ := attr(tag, "name")
		value, _ := attr(tag, "value")
		if typ, _ := attr(tag, "type"); typ == "checkbox" {
			if _, on := attr(tag, "checked"); !on {
				continue
			}
		}
		v.Add(name, value)
	}
	for _, m := range regexp.MustCompile(`(?s)<select[^>]*name="([^"]*)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(form, -1) {
		for _, opt := range regexp.MustCompile(`<option[^>]*>`).FindAllString(m[2], -1) {
			if _, on := attr(opt, "selected"); on {
				value, _ := attr(opt, "value")
				v.Add(m[1], value)
			}
		}
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>`).FindAllStringSubmatch(form, -1) {
		v.Add(m[1], html.UnescapeString(m[2]))
	}
	return v
}

// TestProjectForm_Forecast: the edit form of Oksenøya senter stores
// nothing when sent unchanged; with a new forecast of 1 950 for 2018 the
// 1 880 it replaces is in the history, and the deviation is 1 950 − 1 900
// = 50.
func TestProjectForm_Forecast(t *testing.T) {
	srv, st, _ := accessServer(t)
	ctx := context.Background()
	c, _ := signIn(t, st, "analytiker1", virk.Grant{Role: virk.RoleAnalyst})
	_, body := do(t, "GET", srv.URL+"/prosjekt/oksenoya/endre", c, "")
	mustContain(t, body, "Gjeldende prognose: 1"+nbsp+"880,0 mill. kr (2018).")
	form := editForm(t, body)
	for k, want := range map[string]string{"id": "oksenoya", "navn": "Oksenøya senter", "type": "bygg", "eier": "eiendom",
		"fase": "gjennomføring", "start": "2016-01-01", "planlagt": "2022-08-01", "forventet": "", "periode": "2018", "prognose": "",
		"budsjett": "2018: 60; 2019: 250; 2020: 700; 2021: 650; 2022: 240"} {
		if got := form.Get(k); got != want {
			t.Errorf("the form's %s is %q, want %q", k, got, want)
		}
	}
	if got := form["gevinst_i"]; !slices.Equal(got, []string{"oppvekst_barnehage", "oppvekst_skole", "pleie_omsorg"}) &&
		!slices.Equal(slices.Sorted(slices.Values(got)), []string{"oppvekst_barnehage", "oppvekst_skole", "pleie_omsorg"}) {
		t.Errorf("the form's benefiting units are %q", got)
	}

	before, _ := st.DataVersion(ctx)
	r, _ := do(t, "POST", srv.URL+"/prosjekter", c, form.Encode())
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("the unchanged form: status %d", r.StatusCode)
	}
	if after, _ := st.DataVersion(ctx); after != before {
		t.Errorf("the unchanged form stored a batch: %d → %d", before, after)
	}

	form.Set("prognose", "1 950")
	form.Set("forbruk", "80,5")
	r, _ = do(t, "POST", srv.URL+"/prosjekter", c, form.Encode())
	if loc := r.Header.Get("Location"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/prosjekt/oksenoya?melding=") {
		t.Fatalf("the new forecast: status %d to %q", r.StatusCode, loc)
	}
	_, body = do(t, "GET", srv.URL+r.Header.Get("Location"), c, "")
	mustContain(t, body, "Prosjektet er lagret", "<dd>50,0 mill. kr (2,6"+nbsp+"% av budsjettet)</dd>", "<dd>80,5 mill. kr")
	h := rows(t, body, "cap-history")
	if len(h) != 2 || h[0][1] != "1"+nbsp+"880,0" || h[0][3] == "" || h[0][3] == "gjeldende" ||
		!slices.Equal(h[1], []string{"2018", "1" + nbsp + "950,0", "+70,0", "gjeldende"}) {
		t.Errorf("forecast history %q, want 1 880 replaced, then 1 950 current", h)
	}
	if v, ok := storedValue(t, st, "prosjekt_avvik", "oksenoya"); !ok || v != 50 {
		t.Errorf("stored deviation %v, want 50", v)
	}
	revs, err := st.FindRevisions(ctx, virk.ObservationFilter{IndicatorIDs: []string{"prosjekt_prognose"}, EntityIDs: []string{"oksenoya"}})
	if err != nil || len(revs) != 1 || revs[0].Value != 1880 {
		t.Errorf("revisions of the forecast: %d (%v), want the 1 880", len(revs), err)
	}
	bs, _ := st.FindBatches(ctx)
	if bs[0].User != "analytiker1" {
		t.Errorf("the batch is by %q, want analytiker1", bs[0].User)
	}
	evs, _, _ := st.FindAudit(ctx, virk.AuditFilter{Action: ptr(virk.AuditImport), Actor: ptr("analytiker1")})
	if len(evs) != 1 || evs[0].Object != "prosjektskjema: oksenoya" || evs[0].BatchID != bs[0].ID {
		t.Errorf("audit events of the save: %+v", evs)
	}
	// The status page follows.
	_, body = do(t, "GET", srv.URL+"/prosjekter", c, "")
	if r := rowOf(t, rows(t, body, "cap-building"), "Oksenøya senter"); r[4] != "1"+nbsp+"950,0" || r[5] != "50,0" {
		t.Errorf("status after the new forecast: %q", r)
	}

	// A budget year more: 1 900 + 100 against the forecast of 1 950.
	form.Set("budsjett", "2018: 60; 2019: 250; 2020: 700; 2021: 650; 2022: 240; 2023: 100")
	if r, _ := do(t, "POST", srv.URL+"/prosjekter", c, form.Encode()); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new budget year: status %d", r.StatusCode)
	}
	if v, ok := storedValue(t, st, "prosjekt_avvik", "oksenoya"); !ok || v != -50 {
		t.Errorf("stored deviation after the budget year %v, want −50", v)
	}
	form.Set("budsjett", "2023 100")
	r, body = do(t, "POST", srv.URL+"/prosjekter", c, form.Encode())
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Budsjettet «2023 100» må skrives år: beløp, f.eks. 2019: 250.") {
		t.Errorf("a bad budget: status %d", r.StatusCode)
	}
}

// TestProjectForm_Cycle: the data centre cannot depend on the storage,
// which depends on it. The form comes back with the ring by name, as
// typed, and nothing is stored.
func TestProjectForm_Cycle(t *testing.T) {
	srv, st, _ := accessServer(t)
	ctx := context.Background()
	c, _ := signIn(t, st, "analytiker1", virk.Grant{Role: virk.RoleAnalyst})
	_, body := do(t, "GET", srv.URL+"/prosjekt/datasenter/endre", c, "")
	form := editForm(t, body)
	form.Add("avhenger", "lagring")
	form.Set("merknad", "Endret merknad")
	before, _ := st.DataVersion(ctx)
	r, body := do(t, "POST", srv.URL+"/prosjekter", c, form.Encode())
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a ring: status %d, want 422", r.StatusCode)
	}
	mustContain(t, body, "Prosjektet er ikke lagret", "Nytt datasenter → Fornyelse av lagringsløsning → Nytt datasenter",
		`id="e-avhenger"`, `value="lagring" checked`, ">Endret merknad</textarea>")
	if after, _ := st.DataVersion(ctx); after != before {
		t.Errorf("a refused ring stored a batch: %d → %d", before, after)
	}
	ps, _ := st.FindProjects(ctx, virk.ProjectFilter{IDs: []string{"datasenter"}})
	if len(ps) != 1 || len(ps[0].DependsOn) != 0 || ps[0].Note == "Endret merknad" {
		t.Errorf("datasenter after a refused ring: %+v", ps)
	}
}

// TestProjectForm_Faults: each fault of a new project is told next to its
// field, what was typed stays, and nothing is stored.
func TestProjectForm_Faults(t *testing.T) {
	srv, st, _ := accessServer(t)
	ctx := context.Background()
	c, csrf := signIn(t, st, "analytiker1", virk.Grant{Role: virk.RoleAnalyst})
	_, body := do(t, "GET", srv.URL+"/prosjekter/ny", c, "")
	mustContain(t, body, `<option value="eiendom">Eiendom</option>`, `name="avhenger" value="datasenter"`, `<input type="hidden" name="ny" value="1">`)
	before, _ := st.DataVersion(ctx)
	form := url.Values{"csrf": {csrf}, "ny": {"1"}, "id": {"ny skole"}, "navn": {""}, "type": {"bygg"}, "eier": {"sandvika_bibliotek"},
		"fase": {"planlegging"}, "start": {"2019-13-01"}, "planlagt": {"2018-01-01"}, "prioritet": {"7"}, "prognose": {"mye"}, "periode": {"2018"}}
	r, body := do(t, "POST", srv.URL+"/prosjekter", c, form.Encode())
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("faults: status %d, want 422", r.StatusCode)
	}
	for field, msg := range map[string]string{
		"id":        "ID-en «ny skole» er ugyldig",
		"navn":      "Skriv prosjektets navn.",
		"eier":      "«sandvika_bibliotek» er ikke en enhet som kan eie et prosjekt.",
		"start":     "Datoen «2019-13-01» er ugyldig",
		"prioritet": "Prioriteten må være et helt tall fra 0 til 5, ikke «7».",
		"prognose":  "Prognosen «mye» er ikke et tall.",
	} {
		next := between(body, `<span id="e-`+field+`" class="field-error">`, "</span>")
		if !strings.Contains(html.UnescapeString(next), msg) {
			t.Errorf("the fault of %s is %q, want %q", field, next, msg)
		}
		mustContain(t, body, `href="#f-`+field+`"`)
	}
	mustContain(t, body, `id="f-id" name="id" type="text" value="ny skole"`, `id="f-prioritet" name="prioritet" type="text" value="7"`,
		`<option value="bygg" selected>`)
	if after, _ := st.DataVersion(ctx); after != before {
		t.Errorf("a refused form stored a batch: %d → %d", before, after)
	}

	// An ID that is taken.
	form = url.Values{"csrf": {csrf}, "ny": {"1"}, "id": {"oksenoya"}, "navn": {"Ny"}, "type": {"bygg"}, "eier": {"eiendom"}, "fase": {"idé"}}
	if r, body := do(t, "POST", srv.URL+"/prosjekter", c, form.Encode()); r.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Prosjektet «oksenoya» finnes allerede") {
		t.Errorf("a taken ID: status %d", r.StatusCode)
	}
}

// TestProjectForm_New registers a new building project with a forecast:
// it is stored as an entity under its owner and shows on the status page.
func TestProjectForm_New(t *testing.T) {
	srv, st, _ := accessServer(t)
	ctx := context.Background()
	c, csrf := signIn(t, st, "analytiker1", virk.Grant{Role: virk.RoleAnalyst})
	form := url.Values{"csrf": {csrf}, "ny": {"1"}, "id": {"fornebu_skole"}, "navn": {"Fornebu skole"}, "type": {"bygg"},
		"eier": {"eiendom"}, "fase": {"planlegging"}, "start": {"01.01.2019"}, "planlagt": {"2022-06-30"},
		"gevinst_i": {"oppvekst_skole"}, "merknad": {"Ny barneskole."}, "periode": {"2018"}, "prognose": {"500"}, "forbruk": {"2,5"}}
	r, _ := do(t, "POST", srv.URL+"/prosjekter", c, form.Encode())
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/prosjekt/fornebu_skole?") {
		t.Fatalf("new project: status %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	ents, _, _ := st.FindEntities(ctx, virk.EntityFilter{IDs: []string{"fornebu_skole"}})
	if len(ents) != 1 || ents[0].Kind != virk.KindProject || ents[0].ParentID != "eiendom" || ents[0].Name != "Fornebu skole" {
		t.Errorf("the project's entity: %+v", ents)
	}
	ps, _ := st.FindProjects(ctx, virk.ProjectFilter{IDs: []string{"fornebu_skole"}})
	if len(ps) != 1 || ps[0].Start != (virk.Date{Year: 2019, Month: 1, Day: 1}) || !slices.Equal(ps[0].Beneficiaries, []string{"oppvekst_skole"}) {
		t.Errorf("the project: %+v", ps)
	}
	_, body := do(t, "GET", srv.URL+"/prosjekter", c, "")
	row := rowOf(t, rows(t, body, "cap-building"), "Fornebu skole")
	if !slices.Equal(row, []string{"Fornebu skole", "planlegging", "Eiendom", "", "500,0", "", "", "2,5", "30.06.2022", "30.06.2022", "0"}) {
		t.Errorf("the new project's status: %q", row)
	}
}

// TestProjectsDownloads checks the status table as CSV and XLSX.
func TestProjectsDownloads(t *testing.T) {
	srv, _ := demoServer(t)
	code, body := get(t, srv.URL+"/prosjekter.csv")
	if code != http.StatusOK {
		t.Fatalf("csv: status %d", code)
	}
	header := "\ufeffid;prosjekt;type;fase;eier;budsjett;prognose;prognoseperiode;avvik;avvik_pst;forbruk;planlagt_slutt;forventet_slutt;forsinkelse_mnd\n"
	if !strings.HasPrefix(body, header) {
		t.Errorf("csv starts %q", body[:min(len(body), 160)])
	}
	// −20 / 1 900 = −1,0526 %.
	mustContain(t, body, "\noksenoya;Oksenøya senter;bygg;gjennomføring;eiendom;1900;1880;2018;-20;-1,0526;55;2022-08-01;2022-08-01;0\n",
		"\nlagring;Fornyelse av lagringsløsning;digitalisering;planlegging;digit;15;;;;;;2019-12-31;2019-12-31;0\n")
	if n := strings.Count(body, "\n"); n != 17 {
		t.Errorf("%d lines, want the header and 16 projects", n)
	}
	resp, err := http.Get(srv.URL + "/prosjekter.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.Contains(ct, "spreadsheetml") {
		t.Fatalf("xlsx: status %d, %s", resp.StatusCode, ct)
	}
	testXLSXRow(t, resp, "oksenoya", []string{"oksenoya", "Oksenøya senter", "bygg", "gjennomføring", "eiendom", "1900", "1880", "2018", "-20"})
}

// TestBenefitsPage: the two årsverk benefits of HR og service add up to
// a planned −1 − 2 = −3; only TILGANG's, from 2017, is measured (RPA's
// baseline is 2018, the latest year), so the realised change is the
// stored årsverk of 2018 minus TILGANG's baseline 182,6.
func TestBenefitsPage(t *testing.T) {
	srv, st := demoServer(t)
	code, body := get(t, srv.URL+"/gevinster")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	v, ok := storedValue(t, st, "arsverk", "hr_service")
	if !ok {
		t.Fatal("the demo has no årsverk for hr_service in 2018")
	}
	inds, _, _ := st.FindIndicators(context.Background(), virk.IndicatorFilter{IDs: []string{"arsverk"}})
	realised := nb.Number(v-182.6, 2)
	if realised != "−1,40" {
		t.Errorf("the demo's movement is %s, want the −1,40 of the brief", realised)
	}
	row := rowOf(t, rows(t, body, "cap-byunit-chg"), "HR og service")
	want := []string{"HR og service", inds[0].LabelNB, inds[0].Unit.Name, "2", "1", "−3,00", "−1,00", realised}
	if !slices.Equal(row, want) {
		t.Errorf("HR og service:\n got %q\nwant %q", row, want)
	}
	if counts := rowOf(t, rows(t, body, "cap-byunit"), "HR og service"); !slices.Equal(counts, []string{"HR og service", "2", "1", "0", "0", "1", "0"}) {
		t.Errorf("HR og service's counts: %q", counts)
	}
	if r := rowOf(t, rows(t, body, "cap-byproject"), "Robotisering av saksbehandling"); r[5] != "1" {
		t.Errorf("RPA's benefit is not counted as not measured: %q", r)
	}
	mustContain(t, body, "Bedre tilpasset opplæring med digitale læremidler.", `href="/prosjekt/skolehverdag"`)
}

// TestProjectsPublic opens the portfolio to the public: the pages without
// forms; the register's forms still need a login.
func TestProjectsPublic(t *testing.T) {
	srv, st, _ := accessServer(t)
	if r, _ := do(t, "GET", srv.URL+"/prosjekter", nil, ""); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("before it is public: %d, want 303 to the login", r.StatusCode)
	}
	if err := st.UpdateSettings(context.Background(), map[string]string{virk.SettingPublicPages: "portfolio"}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/prosjekter", "/prosjekt/oksenoya", "/gevinster", "/prosjekter.csv"} {
		r, body := do(t, "GET", srv.URL+path, nil, "")
		if r.StatusCode != http.StatusOK || strings.Contains(body, `method="post" action="/prosjekter`) || strings.Contains(body, "/endre") {
			t.Errorf("public %s: status %d, or a form", path, r.StatusCode)
		}
	}
	if r, _ := do(t, "GET", srv.URL+"/prosjekter/ny", nil, ""); r.StatusCode != http.StatusSeeOther {
		t.Errorf("public form: %d, want 303 to the login", r.StatusCode)
	}
}

// testXLSXRow finds the row of the project id in the workbook's sheet
// Prosjekter and compares its first cells, as stored, with want.
func testXLSXRow(t *testing.T, resp *http.Response, id string, want []string) {
	t.Helper()
	f, err := excelize.OpenReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := f.GetRows("Prosjekter", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 17 || rs[0][0] != "id" {
		t.Fatalf("%d rows, want the header and 16 projects", len(rs))
	}
	for _, r := range rs {
		if len(r) > 0 && r[0] == id {
			if got := r[:min(len(r), len(want))]; !slices.Equal(got, want) {
				t.Errorf("xlsx row %s:\n got %q\nwant %q", id, got, want)
			}
			return
		}
	}
	t.Errorf("no row %s in the workbook", id)
}
