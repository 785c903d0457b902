package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
)

// TestAuditLog does each action the audit log must record through the
// web app, then reads the log on its page and as CSV.
func TestAuditLog(t *testing.T) {
	srv, st, _ := accessServer(t)
	ctx := context.Background()
	addPasswordUser(t, st, "anna", "et-langt-passord-3", allRoles...)

	// A failed login, then a login.
	if r := login(t, srv.URL, "anna", "galt-passord-000", nil); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", r.StatusCode)
	}
	r := login(t, srv.URL, "anna", "et-langt-passord-3", nil)
	c := sessionOf(r)
	if c == nil {
		t.Fatalf("login: %d", r.StatusCode)
	}
	_, page := do(t, "GET", srv.URL+"/import", c, "")
	csrf := csrfOf(t, page)

	// An import checked, then stored: a changed target is a change of
	// the catalogue.
	cat := `{"indicators": [{"id": "arsverk_mal", "label_nb": "Årsverk med mål", "unit": "årsverk", "decimals": 1,
		"targets": [{"kind": "absolute", "value": 600}]}]}`
	r, body := postFile(t, srv.URL+"/import", c, csrf, "mal.json", cat)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("check: %d\n%s", r.StatusCode, body)
	}
	i := strings.Index(body, `action="/import/`) + len(`action="`)
	action := body[i : i+strings.IndexByte(body[i:], '"')]
	if r, body := do(t, "POST", srv.URL+action, c, "csrf="+csrf); r.StatusCode != http.StatusOK || !strings.Contains(body, "Lagret (batch 2)") {
		t.Fatalf("store: %d", r.StatusCode)
	}
	// A role changed, a setting changed, personnel figures downloaded,
	// then the logout.
	kari := addPasswordUser(t, st, "kari", "et-langt-passord-4", virk.Grant{Role: virk.RoleReader})
	form := url.Values{"csrf": {csrf}, "handling": {"roller"}, "roller": {"leder:osu; leser"}}.Encode()
	if r, _ := do(t, "POST", srv.URL+"/admin/brukere/"+strconv.FormatInt(kari.ID, 10), c, form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("role change: %d", r.StatusCode)
	}
	if r, _ := do(t, "POST", srv.URL+"/admin/innstillinger", c, "csrf="+csrf+"&offentlig-peers=ja"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting: %d", r.StatusCode)
	}
	if r, _ := do(t, "GET", srv.URL+"/indikator/sykefravaer/data.xlsx", c, ""); r.StatusCode != http.StatusOK {
		t.Fatalf("download: %d", r.StatusCode)
	}
	if r, _ := do(t, "POST", srv.URL+"/loggut", c, "csrf="+csrf); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.StatusCode)
	}

	events, _, err := st.FindAudit(ctx, virk.AuditFilter{Actor: ptr("anna")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		line := e.Action + " " + e.Object
		if e.BatchID != 0 {
			line += " batch " + strconv.FormatInt(e.BatchID, 10)
		}
		got = append(got, line)
		if e.Address != "127.0.0.1" || e.Time.IsZero() {
			t.Errorf("%s: address %q, time %v", e.Action, e.Address, e.Time)
		}
	}
	want := []string{
		"logout anna",
		"export.personnel sykefravaer.xlsx",
		"setting public_pages",
		"role kari",
		"catalogue mal.json batch 2",
		"import mal.json batch 2",
		"import.dryrun mal.json",
		"login anna",
		"login.failed anna",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log for anna, newest first:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e := events[3]; e.Detail != "leser → leder:osu; leser" {
		t.Errorf("role change detail %q", e.Detail)
	}

	// The page and the CSV, filtered, as the administrator reads them.
	admin, _ := signIn(t, st, "revisor", virk.Grant{Role: virk.RoleAdmin})
	r, body = do(t, "GET", srv.URL+"/admin/logg?bruker=anna&handling=import", admin, "")
	if r.StatusCode != 200 || !strings.Contains(body, "<td>mal.json</td>") || strings.Contains(body, "<td>login</td>") {
		t.Errorf("filtered log page: status %d", r.StatusCode)
	}
	r, body = do(t, "GET", srv.URL+"/admin/logg.csv?bruker=anna&handling=role", admin, "")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if r.StatusCode != 200 || len(lines) != 2 || lines[0] != "\ufefftid;bruker;adresse;handling;objekt;batch;detaljer" ||
		!strings.HasSuffix(lines[1], ";anna;127.0.0.1;role;kari;;\"leser → leder:osu; leser\"") {
		t.Errorf("CSV: status %d\n%q", r.StatusCode, lines)
	}
	if r, _ := do(t, "GET", srv.URL+"/admin/logg?fra=i-går", admin, ""); r.StatusCode != http.StatusBadRequest {
		t.Errorf("bad date: %d, want 400", r.StatusCode)
	}
}
