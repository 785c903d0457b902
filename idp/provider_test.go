package idp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/idp"
	"github.com/virk-analyse/virk/internal/oidctest"
)

// The tests run a real OpenID provider in-process (internal/oidctest).

const redirectURL = "http://127.0.0.1:9/logginn/oidc/tilbake"

func startProvider(t *testing.T) string {
	return oidctest.Start(t, redirectURL, oidctest.Client{ID: "virk", Secret: "hemmelig"}, oidctest.Client{ID: "annen", Secret: "hemmelig2"})
}

// tamper rewrites the ID token of token responses on the way to the
// relying party, as a party in the middle would.
type tamper struct {
	base    http.RoundTripper
	rewrite func(idToken string) string
}

func (tp *tamper) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := tp.base.RoundTrip(r)
	if err != nil || tp.rewrite == nil || !strings.HasSuffix(r.URL.Path, "/token") {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err == nil {
		if s, ok := m["id_token"].(string); ok {
			m["id_token"] = tp.rewrite(s)
		}
		body, _ = json.Marshal(m)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

var roleMap = "grp-ledere-po=leder:pleie_omsorg;grp-analytikere=analytiker|leser"

func newProvider(t *testing.T, issuer, clientID, secret string, now func() time.Time, tp *tamper) *idp.Provider {
	t.Helper()
	roles, err := idp.ParseRoleMap(roleMap)
	if err != nil {
		t.Fatal(err)
	}
	p, err := idp.New(context.Background(), idp.Config{
		Issuer: issuer, ClientID: clientID, ClientSecret: secret, RedirectURL: redirectURL,
		Scopes: []string{"profile", "email", "groups"}, RoleMap: roles,
		HTTPClient: &http.Client{Transport: tp, Timeout: 10 * time.Second}, Now: now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func authorize(t *testing.T, authURL string) (state, code string) {
	t.Helper()
	cb := oidctest.Authorize(t, authURL, redirectURL, nil)
	return cb.Query().Get("state"), cb.Query().Get("code")
}

func TestLogin(t *testing.T) {
	issuer := startProvider(t)
	p := newProvider(t, issuer, "virk", "hemmelig", nil, &tamper{base: http.DefaultTransport})
	authURL, pending := p.Begin("/enhet/osu")
	u, _ := url.Parse(authURL)
	q := u.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") != pending.Nonce || q.Get("state") != pending.State {
		t.Fatalf("authorization request lacks PKCE, nonce or state: %s", authURL)
	}
	if pending.ReturnTo != "/enhet/osu" {
		t.Errorf("ReturnTo %q", pending.ReturnTo)
	}
	state, code := authorize(t, authURL)
	id, err := p.Finish(context.Background(), pending, state, code)
	if err != nil {
		t.Fatal(err)
	}
	if id.Subject != oidctest.Subject || id.Issuer != issuer || id.Email != oidctest.Email || id.Name != oidctest.Name {
		t.Errorf("identity %+v", id)
	}
	if id.Login() != "oidc:"+issuer+"#id1" {
		t.Errorf("Login() = %q", id.Login())
	}
	want := []virk.Grant{{Role: virk.RoleLeader, Units: []string{"pleie_omsorg"}}, {Role: virk.RoleAnalyst}, {Role: virk.RoleReader}}
	if !reflect.DeepEqual(id.Grants, want) {
		t.Errorf("grants %v, want %v (from groups %v)", id.Grants, want, id.Groups)
	}
	// The code is spent: the same callback again is refused.
	if _, err := p.Finish(context.Background(), pending, state, code); !errors.Is(err, idp.ErrExchange) {
		t.Errorf("code used twice: %v, want ErrExchange", err)
	}
}

func TestLogin_Refused(t *testing.T) {
	issuer := startProvider(t)
	ctx := context.Background()

	// A valid ID token of another client, to hand to virk.
	var otherToken string
	grab := &tamper{base: http.DefaultTransport, rewrite: func(s string) string { otherToken = s; return s }}
	other := newProvider(t, issuer, "annen", "hemmelig2", nil, grab)
	authURL, pending := other.Begin("/")
	state, code := authorize(t, authURL)
	if _, err := other.Finish(ctx, pending, state, code); err != nil || otherToken == "" {
		t.Fatalf("login of the other client: %v", err)
	}

	flip := func(s string) string {
		// Change one character of the signature (the third part).
		i := strings.LastIndexByte(s, '.') + 5
		c := byte('A')
		if s[i] == 'A' {
			c = 'B'
		}
		return s[:i] + string(c) + s[i+1:]
	}
	later := func() time.Time { return time.Now().Add(2 * time.Hour) }
	tests := []struct {
		name    string
		now     func() time.Time
		rewrite func(string) string
		change  func(p *idp.Pending, state, code *string)
		want    error
	}{
		{"wrong audience", nil, func(string) string { return otherToken }, nil, idp.ErrToken},
		{"tampered signature", nil, flip, nil, idp.ErrToken},
		{"expired token", later, nil, func(p *idp.Pending, _, _ *string) { p.Created = later() }, idp.ErrToken},
		{"wrong nonce", nil, nil, func(p *idp.Pending, _, _ *string) { p.Nonce = "en-annen" }, idp.ErrNonce},
		{"wrong state", nil, nil, func(_ *idp.Pending, s, _ *string) { *s = "forfalsket" }, idp.ErrState},
		{"pending too old", nil, nil, func(p *idp.Pending, _, _ *string) { p.Created = time.Now().Add(-11 * time.Minute) }, idp.ErrExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProvider(t, issuer, "virk", "hemmelig", tt.now, &tamper{base: http.DefaultTransport, rewrite: tt.rewrite})
			authURL, pending := p.Begin("/")
			state, code := authorize(t, authURL)
			if tt.change != nil {
				tt.change(&pending, &state, &code)
			}
			id, err := p.Finish(ctx, pending, state, code)
			if !errors.Is(err, tt.want) || id != nil {
				t.Fatalf("Finish = %v, %v; want %v", id, err, tt.want)
			}
			if virk.ErrorCode(err) != virk.EINVALID || !strings.HasPrefix(virk.ErrorMessage(err), "Innloggingen ble avvist: ") {
				t.Errorf("message %q", virk.ErrorMessage(err))
			}
		})
	}
}
