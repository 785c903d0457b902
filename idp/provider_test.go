package idp_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
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

// The tests run a real OpenID provider in-process (internal/oidctest:
// zitadel/oidc's certified provider on loopback) and log in through its
// login page. They do not run in parallel: the provider's example storage
// registers clients in a package-level map.

const redirectURL = "http://127.0.0.1:9/logginn/oidc/tilbake"

// roleMap maps two of the provider's three groups; grp-uten-rolle gives
// nothing.
const roleMap = "grp-ledere-po=leder:pleie_omsorg;grp-analytikere=analytiker|leser"

func startProvider(t *testing.T) string {
	return oidctest.Start(t, redirectURL, oidctest.Client{ID: "virk", Secret: "hemmelig"}, oidctest.Client{ID: "annen", Secret: "hemmelig2"})
}

// tamper sits on the wire between virk and the provider's token endpoint
// and rewrites the ID token of its answers, as a party in the middle
// would. Discovery, keys and everything else pass untouched.
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

// newProvider discovers the provider at issuer as client clientID, with
// the clock now (nil: time.Now) and ID tokens passing through rewrite
// (nil: untouched).
func newProvider(t *testing.T, issuer, clientID, secret string, now func() time.Time, rewrite func(string) string) *idp.Provider {
	t.Helper()
	roles, err := idp.ParseRoleMap(roleMap)
	if err != nil {
		t.Fatal(err)
	}
	p, err := idp.New(context.Background(), idp.Config{
		Issuer: issuer, ClientID: clientID, ClientSecret: secret, RedirectURL: redirectURL,
		Scopes: []string{"profile", "email", "groups"}, RoleMap: roles,
		HTTPClient: &http.Client{Transport: &tamper{base: http.DefaultTransport, rewrite: rewrite}, Timeout: 10 * time.Second},
		Now:        now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// authorize logs in at the provider's login page and returns the state
// and code of the callback.
func authorize(t *testing.T, authURL string) (state, code string) {
	t.Helper()
	cb := oidctest.Authorize(t, authURL, redirectURL, nil)
	return cb.Query().Get("state"), cb.Query().Get("code")
}

func TestProvider_Begin(t *testing.T) {
	issuer := startProvider(t)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	p := newProvider(t, issuer, "virk", "hemmelig", func() time.Time { return now }, nil)

	authURL, pending := p.Begin("/enhet/osu?år=2025")
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	challenge := sha256.Sum256([]byte(pending.Verifier))
	for k, want := range map[string]string{
		"response_type":         "code",
		"client_id":             "virk",
		"redirect_uri":          redirectURL,
		"scope":                 "openid profile email groups",
		"state":                 pending.State,
		"nonce":                 pending.Nonce,
		"code_challenge_method": "S256",
		"code_challenge":        base64.RawURLEncoding.EncodeToString(challenge[:]),
	} {
		if got := q.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.HasPrefix(authURL, issuer+"/") {
		t.Errorf("authorization URL %q is not at the issuer %q", authURL, issuer)
	}
	if pending.ReturnTo != "/enhet/osu?år=2025" || !pending.Created.Equal(now) {
		t.Errorf("pending ReturnTo %q, Created %v", pending.ReturnTo, pending.Created)
	}
	// 24 random bytes each; the verifier is oauth2's 32.
	if len(pending.State) != 32 || len(pending.Nonce) != 32 || len(pending.Verifier) != 43 {
		t.Errorf("state %q, nonce %q, verifier %q: unexpected lengths", pending.State, pending.Nonce, pending.Verifier)
	}

	// Every login gets its own secrets, and an address elsewhere is not
	// kept as the page to return to.
	_, again := p.Begin("https://ondt.example/")
	if again.State == pending.State || again.Nonce == pending.Nonce || again.Verifier == pending.Verifier {
		t.Errorf("two logins share secrets: %+v and %+v", pending, again)
	}
	if again.ReturnTo != "/" {
		t.Errorf("ReturnTo %q, want /", again.ReturnTo)
	}
}

func TestProvider_Finish(t *testing.T) {
	issuer := startProvider(t)
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		p := newProvider(t, issuer, "virk", "hemmelig", nil, nil)
		authURL, pending := p.Begin("/enhet/osu")
		state, code := authorize(t, authURL)
		id, err := p.Finish(ctx, pending, state, code)
		if err != nil {
			t.Fatal(err)
		}
		if id.Issuer != issuer || id.Subject != oidctest.Subject || id.Email != oidctest.Email || id.Name != oidctest.Name {
			t.Errorf("identity %+v", id)
		}
		if id.Login() != "oidc:"+issuer+"#id1" {
			t.Errorf("Login() = %q", id.Login())
		}
		if want := []string{"grp-ledere-po", "grp-analytikere", "grp-uten-rolle"}; !reflect.DeepEqual(id.Groups, want) {
			t.Errorf("groups %q, want %q", id.Groups, want)
		}
		want := []virk.Grant{{Role: virk.RoleLeader, Units: []string{"pleie_omsorg"}}, {Role: virk.RoleAnalyst}, {Role: virk.RoleReader}}
		if !reflect.DeepEqual(id.Grants, want) {
			t.Errorf("grants %v, want %v", id.Grants, want)
		}
		// The code is spent: the same callback again is refused.
		if _, err := p.Finish(ctx, pending, state, code); !errors.Is(err, idp.ErrExchange) {
			t.Errorf("code used twice: %v, want ErrExchange", err)
		}
	})

	t.Run("OK nine minutes at the provider", func(t *testing.T) {
		p := newProvider(t, issuer, "virk", "hemmelig", nil, nil)
		authURL, pending := p.Begin("/")
		state, code := authorize(t, authURL)
		pending.Created = time.Now().Add(-9 * time.Minute)
		if _, err := p.Finish(ctx, pending, state, code); err != nil {
			t.Fatal(err)
		}
	})

	// A login whose request lost its nonce gets an ID token without one,
	// which no Pending matches, not even one without a nonce either.
	t.Run("ErrNonce none in the token", func(t *testing.T) {
		p := newProvider(t, issuer, "virk", "hemmelig", nil, nil)
		for _, nonce := range []string{"keep", ""} {
			authURL, pending := p.Begin("/")
			u, _ := url.Parse(authURL)
			q := u.Query()
			q.Del("nonce")
			u.RawQuery = q.Encode()
			state, code := authorize(t, u.String())
			if nonce == "" {
				pending.Nonce = ""
			}
			if id, err := p.Finish(ctx, pending, state, code); !errors.Is(err, idp.ErrNonce) {
				t.Errorf("pending nonce %q: Finish = %v, %v; want ErrNonce", pending.Nonce, id, err)
			}
		}
	})

	// A valid ID token of another client, to hand to virk.
	var otherToken string
	other := newProvider(t, issuer, "annen", "hemmelig2", nil, func(s string) string { otherToken = s; return s })
	authURL, pending := other.Begin("/")
	state, code := authorize(t, authURL)
	if _, err := other.Finish(ctx, pending, state, code); err != nil || otherToken == "" {
		t.Fatalf("login of the other client: %v", err)
	}

	// flip changes one character of the signature, the third part.
	flip := func(s string) string {
		i := strings.LastIndexByte(s, '.') + 5
		c := byte('A')
		if s[i] == 'A' {
			c = 'B'
		}
		return s[:i] + string(c) + s[i+1:]
	}
	later := func() time.Time { return time.Now().Add(2 * time.Hour) } // the tokens live one hour
	tests := []struct {
		name    string
		now     func() time.Time
		rewrite func(string) string
		change  func(p *idp.Pending, state, code *string)
		want    error
		because string // in the error's text, from the cause
	}{
		{"ErrToken wrong audience", nil, func(string) string { return otherToken }, nil,
			idp.ErrToken, `expected audience "virk" got ["annen"]`},
		{"ErrToken tampered signature", nil, flip, nil,
			idp.ErrToken, "failed to verify signature"},
		{"ErrToken expired", later, nil, func(p *idp.Pending, _, _ *string) { p.Created = later() },
			idp.ErrToken, "token is expired"},
		{"ErrToken missing", nil, func(string) string { return "" }, nil,
			idp.ErrToken, ""},
		{"ErrNonce wrong", nil, nil, func(p *idp.Pending, _, _ *string) { p.Nonce = "en-annen" },
			idp.ErrNonce, ""},
		{"ErrState wrong", nil, nil, func(_ *idp.Pending, s, _ *string) { *s = "forfalsket" },
			idp.ErrState, ""},
		{"ErrState empty", nil, nil, func(p *idp.Pending, s, _ *string) { p.State, *s = "", "" },
			idp.ErrState, ""},
		{"ErrState no verifier", nil, nil, func(p *idp.Pending, _, _ *string) { p.Verifier = "" },
			idp.ErrState, ""},
		{"ErrExpired eleven minutes", nil, nil, func(p *idp.Pending, _, _ *string) { p.Created = time.Now().Add(-11 * time.Minute) },
			idp.ErrExpired, ""},
		{"ErrExchange wrong verifier", nil, nil, func(p *idp.Pending, _, _ *string) { p.Verifier = strings.Repeat("v", 43) },
			idp.ErrExchange, "invalid code_verifier"},
		{"ErrExchange wrong code", nil, nil, func(_ *idp.Pending, _, c *string) { *c = "ukjent" },
			idp.ErrExchange, "invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProvider(t, issuer, "virk", "hemmelig", tt.now, tt.rewrite)
			authURL, pending := p.Begin("/")
			state, code := authorize(t, authURL)
			if tt.change != nil {
				tt.change(&pending, &state, &code)
			}
			id, err := p.Finish(ctx, pending, state, code)
			if !errors.Is(err, tt.want) || id != nil {
				t.Fatalf("Finish = %v, %v; want %v", id, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.because) {
				t.Errorf("error %q does not say %q", err, tt.because)
			}
			if virk.ErrorCode(err) != virk.EINVALID || !strings.HasPrefix(virk.ErrorMessage(err), "Innloggingen ble avvist: ") {
				t.Errorf("code %s, message %q", virk.ErrorCode(err), virk.ErrorMessage(err))
			}
		})
	}
}
