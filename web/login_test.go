package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
)

// addPasswordUser stores a local user with a password.
func addPasswordUser(t *testing.T, st virk.Store, login, pw string, grants ...virk.Grant) *virk.User {
	t.Helper()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	u := &virk.User{Login: login, Source: virk.UserLocal, PasswordHash: hash, Grants: grants}
	if err := st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func sessionOf(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == "virk_sesjon" && c.Value != "" {
			return c
		}
	}
	return nil
}

func login(t *testing.T, base, name, pw string, old *http.Cookie) *http.Response {
	t.Helper()
	var fc *http.Cookie
	csrf := ""
	if old == nil {
		fc, csrf = formCookie(t, base)
	} else {
		// A browser with a (planted) session cookie gets the session's
		// form token on the login page.
		_, body := do(t, "GET", base+"/logginn", old, "")
		csrf = csrfOf(t, body)
	}
	req, _ := http.NewRequest("POST", base+"/logginn", strings.NewReader(url.Values{
		"csrf": {csrf}, "brukernavn": {name}, "passord": {pw}, "neste": {"/enhet/osu"},
	}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if fc != nil {
		req.AddCookie(fc)
	}
	if old != nil {
		req.AddCookie(old)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestLogin_PasswordSessionLogout(t *testing.T) {
	srv, st, _ := accessServer(t)
	addPasswordUser(t, st, "kari", "et-langt-passord-1", virk.Grant{Role: virk.RoleReader})

	// A session cookie planted before the login is not the one after it,
	// and stops working: no session fixation.
	planted, _ := signIn(t, st, "planter", virk.Grant{Role: virk.RoleReader})
	resp := login(t, srv.URL, "kari", "et-langt-passord-1", planted)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/enhet/osu" {
		t.Fatalf("login: status %d to %q, want 303 to /enhet/osu", resp.StatusCode, resp.Header.Get("Location"))
	}
	c := sessionOf(resp)
	if c == nil || c.Value == planted.Value {
		t.Fatalf("login kept the planted session cookie")
	}
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie HttpOnly=%v SameSite=%v, want true and Lax", c.HttpOnly, c.SameSite)
	}
	if r, _ := do(t, "GET", srv.URL+"/", planted, ""); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the planted session still works after the login: status %d", r.StatusCode)
	}
	r, body := do(t, "GET", srv.URL+"/enhet/osu", c, "")
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "657,7") || !strings.Contains(body, "kari") {
		t.Fatalf("logged in: status %d; page lacks the figures or the user's name", r.StatusCode)
	}

	// Log out without the form token: refused, the session goes on.
	if r, _ := do(t, "POST", srv.URL+"/loggut", c, "csrf=feil"); r.StatusCode != http.StatusForbidden {
		t.Errorf("logout with a wrong token: status %d, want 403", r.StatusCode)
	}
	if r, _ := do(t, "GET", srv.URL+"/", c, ""); r.StatusCode != http.StatusOK {
		t.Errorf("session ended by a refused logout: %d", r.StatusCode)
	}
	// Logout with the token ends the session on the server: the same
	// cookie, sent again, is the public's.
	token := csrfOf(t, body)
	if r, _ := do(t, "POST", srv.URL+"/loggut", c, "csrf="+token); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: status %d", r.StatusCode)
	}
	if r, _ := do(t, "GET", srv.URL+"/", c, ""); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/logginn") {
		t.Errorf("after logout the old cookie gives %d %q, want the login page", r.StatusCode, r.Header.Get("Location"))
	}

	// The audit log has the login, the logout and the planted session's
	// user never logging in.
	events, _, err := st.FindAudit(context.Background(), virk.AuditFilter{Actor: ptr("kari")})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
		if e.Address != "127.0.0.1" {
			t.Errorf("event %s from %q, want 127.0.0.1", e.Action, e.Address)
		}
	}
	if got := strings.Join(actions, ","); got != "logout,login" {
		t.Errorf("audit for kari: %s, want logout,login (newest first)", got)
	}
}

func ptr[T any](v T) *T { return &v }

// csrfOf returns the form token of the first form on a page.
func csrfOf(t *testing.T, body string) string {
	t.Helper()
	_, rest, ok := strings.Cut(body, `name="csrf" value="`)
	if !ok {
		t.Fatal("page has no form token")
	}
	tok, _, _ := strings.Cut(rest, `"`)
	return tok
}

func TestLogin_Refusals(t *testing.T) {
	srv, st, _ := accessServer(t)
	addPasswordUser(t, st, "ola", "et-langt-passord-2", virk.Grant{Role: virk.RoleReader})

	// The login form without its token.
	r, _ := do(t, "POST", srv.URL+"/logginn", nil, "brukernavn=ola&passord=et-langt-passord-2")
	if r.StatusCode != http.StatusForbidden || sessionOf(r) != nil {
		t.Errorf("login without form token: status %d, session %v; want 403 and none", r.StatusCode, sessionOf(r))
	}
	// An open redirect after login is not followed: the next page is
	// always a local path.
	fc, csrf := formCookie(t, srv.URL)
	for _, next := range []string{"https://ondt.example/", "//ondt.example/", "/\\ondt.example"} {
		form := url.Values{"csrf": {csrf}, "brukernavn": {"ola"}, "passord": {"et-langt-passord-2"}, "neste": {next}}.Encode()
		r, _ := do(t, "POST", srv.URL+"/logginn", fc, form)
		if loc := r.Header.Get("Location"); r.StatusCode != http.StatusSeeOther || loc != "/" {
			t.Errorf("neste=%q: status %d to %q, want 303 to /", next, r.StatusCode, loc)
		}
	}
	// Wrong passwords: the same message as an unknown user, and after
	// five failures even the right password is refused for a while.
	for i := 0; i < 5; i++ {
		resp := login(t, srv.URL, "ola", "feil-passord-000", nil)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: status %d, want 401", i+1, resp.StatusCode)
		}
	}
	if resp := login(t, srv.URL, "ola", "et-langt-passord-2", nil); resp.StatusCode != http.StatusTooManyRequests || sessionOf(resp) != nil {
		t.Errorf("sixth try with the right password: status %d, want 429 and no session", resp.StatusCode)
	}
	if resp := login(t, srv.URL, "ingen-slik", "et-langt-passord-2", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unknown user: status %d, want 401", resp.StatusCode)
	}
	_, n, err := st.FindAudit(context.Background(), virk.AuditFilter{Action: ptr(virk.AuditLoginFailed), Actor: ptr("ola")})
	if err != nil || n != 6 {
		t.Errorf("failed logins for ola in the audit log: %d (%v), want 6", n, err)
	}
}

// TestCSRF_EveryForm posts to every state-changing route as a user with
// every role, without the form token and with another session's token:
// each is refused with 403 and changes nothing.
func TestCSRF_EveryForm(t *testing.T) {
	srv, st, s := accessServer(t)
	c, _ := signIn(t, st, "alle", allRoles...)
	_, other := signIn(t, st, "annen", virk.Grant{Role: virk.RoleAdmin})
	before, _ := st.DataVersion(context.Background())
	_, users, _ := st.FindUsers(context.Background(), virk.UserFilter{})
	for _, rule := range s.Rules() {
		if !strings.HasPrefix(rule.Pattern, "POST ") {
			continue
		}
		ex := examples[rule.Pattern]
		for _, tok := range []string{"", other} {
			u := srv.URL + strings.ReplaceAll(ex.url, "{target}", "1")
			var r *http.Response
			if ex.multipart {
				r, _ = postFile(t, u, c, tok, "a.csv", "indicator;entity;period;value\narsverk;osu;2030;1\n")
			} else {
				r, _ = do(t, "POST", u, c, strings.NewReplacer("{csrf}", tok, "{n}", "x").Replace(ex.form))
			}
			if r.StatusCode != http.StatusForbidden {
				t.Errorf("%s with token %q: status %d, want 403", rule.Pattern, tok, r.StatusCode)
			}
		}
	}
	after, _ := st.DataVersion(context.Background())
	_, users2, _ := st.FindUsers(context.Background(), virk.UserFilter{})
	if after != before || users2 != users {
		t.Errorf("refused forms changed the store: version %d → %d, users %d → %d", before, after, users, users2)
	}
	if r, _ := do(t, "GET", srv.URL+"/", c, ""); r.StatusCode != http.StatusOK {
		t.Errorf("the session ended: %d", r.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv, _, _ := accessServer(t)
	for _, path := range []string{"/logginn", "/rapport", "/finnes-ikke"} {
		r, _ := do(t, "GET", srv.URL+path, nil, "")
		csp := r.Header.Get("Content-Security-Policy")
		if strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no X-Content-Type-Options: nosniff", path)
		}
	}
	// The standalone report lets its own style sheet in by hash, nothing
	// else.
	r, body := do(t, "GET", srv.URL+"/rapport.html", nil, "")
	csp := r.Header.Get("Content-Security-Policy")
	if r.StatusCode != 200 || !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(body, "<style>") {
		t.Errorf("/rapport.html: status %d, policy %q", r.StatusCode, csp)
	}
}
