package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/idp"
	"github.com/virk-analyse/virk/internal/oidctest"
	"github.com/virk-analyse/virk/web"
)

// TestOIDCLogin logs in through a real OpenID provider: virk sends the
// browser there with a signed state cookie, the provider sends it back,
// and virk creates the user with the roles its groups give.
func TestOIDCLogin(t *testing.T) {
	_, st := demoServer(t)
	srv := httptest.NewUnstartedServer(nil)
	redirect := "http://" + srv.Listener.Addr().String() + "/logginn/oidc/tilbake"
	issuer := oidctest.Start(t, redirect, oidctest.Client{ID: "virk-web", Secret: "s3"})
	roles, err := idp.ParseRoleMap("grp-ledere-po=leder:pleie_omsorg;grp-analytikere=analytiker")
	if err != nil {
		t.Fatal(err)
	}
	p, err := idp.New(context.Background(), idp.Config{Issuer: issuer, ClientID: "virk-web", ClientSecret: "s3",
		RedirectURL: redirect, Scopes: []string{"profile", "email", "groups"}, RoleMap: roles,
		HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = (&web.Server{Store: st, OIDC: p, VersionTTL: -1}).Handler()
	srv.Start()
	t.Cleanup(srv.Close)

	// The login page offers the provider.
	if _, body := do(t, "GET", srv.URL+"/logginn?neste=/enhet/osu", nil, ""); !strings.Contains(body, `href="/logginn/oidc?neste=%2Fenhet%2Fosu"`) {
		t.Fatal("the login page has no button for the identity provider")
	}
	r, _ := do(t, "GET", srv.URL+"/logginn/oidc?neste=/enhet/osu", nil, "")
	var state *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == "virk_oidc" {
			state = c
		}
	}
	authURL := r.Header.Get("Location")
	if r.StatusCode != http.StatusFound || !strings.HasPrefix(authURL, issuer) || state == nil || !state.HttpOnly {
		t.Fatalf("begin: status %d to %q, state cookie %v", r.StatusCode, authURL, state)
	}
	callback := oidctest.Authorize(t, authURL, redirect, nil).String()

	// Without the state cookie the answer is refused.
	if r, _ := do(t, "GET", callback, nil, ""); r.StatusCode != http.StatusUnauthorized || sessionOf(r) != nil {
		t.Errorf("callback without state cookie: status %d", r.StatusCode)
	}
	// A forged state cookie is refused too.
	forged := &http.Cookie{Name: "virk_oidc", Value: state.Value[:len(state.Value)-2] + "xx"}
	if r, _ := do(t, "GET", callback, forged, ""); r.StatusCode != http.StatusUnauthorized || sessionOf(r) != nil {
		t.Errorf("callback with forged state: status %d", r.StatusCode)
	}
	r, _ = do(t, "GET", callback, state, "")
	c := sessionOf(r)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/enhet/osu" || c == nil {
		t.Fatalf("callback: status %d to %q, session %v", r.StatusCode, r.Header.Get("Location"), c)
	}
	login := "oidc:" + issuer + "#" + oidctest.Subject
	u, err := st.FindUserByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	want := []virk.Grant{{Role: virk.RoleLeader, Units: []string{"pleie_omsorg"}}, {Role: virk.RoleAnalyst}}
	if u.Source != virk.UserOIDC || u.Email != oidctest.Email || !reflect.DeepEqual(u.Grants, want) {
		t.Errorf("provisioned user %+v", u)
	}
	// The session works, with the roles of the groups.
	if r, body := do(t, "GET", srv.URL+"/indikator/sykefravaer?enhet=pleie_omsorg", c, ""); r.StatusCode != 200 || !strings.Contains(body, "9,0\u00a0%") {
		t.Errorf("leader's personnel figure after OIDC login: status %d", r.StatusCode)
	}
	// The same answer a second time: the code is spent.
	if r, _ := do(t, "GET", callback, state, ""); r.StatusCode != http.StatusUnauthorized || sessionOf(r) != nil {
		t.Errorf("replayed callback: status %d", r.StatusCode)
	}
	events, _, _ := st.FindAudit(context.Background(), virk.AuditFilter{Actor: &login})
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "login,user" {
		t.Errorf("audit for the OIDC user: %s, want login,user", got)
	}
}
