// Package idp logs users in through the municipality's identity provider
// with OpenID Connect: the authorization code flow with PKCE (S256) and a
// nonce, as Microsoft Entra ID and ID-porten/Ansattporten offer it. The
// ID token is verified by go-oidc (signature, issuer, audience, expiry);
// this package adds the state, nonce and PKCE bookkeeping and maps the
// provider's groups or app roles to virk's roles. It holds no HTTP
// handlers: the web package stores a Pending in a signed cookie between
// Begin and Finish.
package idp

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/virk-analyse/virk"
	"golang.org/x/oauth2"
)

// PendingTTL is how long a login may take at the provider.
const PendingTTL = 10 * time.Minute

// Refusals, each wrapped in a virk.Error whose message users may see.
var (
	// ErrState is a callback whose state is not the login's own: a forged
	// or replayed callback.
	ErrState = errors.New("idp: wrong state")
	// ErrExpired is a login that took longer than PendingTTL.
	ErrExpired = errors.New("idp: login took too long")
	// ErrExchange is a code the provider would not exchange for tokens.
	ErrExchange = errors.New("idp: code exchange failed")
	// ErrToken is an ID token that is missing or fails verification:
	// signature, issuer, audience or expiry.
	ErrToken = errors.New("idp: ID token refused")
	// ErrNonce is an ID token issued for another login.
	ErrNonce = errors.New("idp: wrong nonce")
)

// Config is the relying party's registration at the provider.
type Config struct {
	Issuer       string // e.g. https://login.microsoftonline.com/TENANT/v2.0
	ClientID     string
	ClientSecret string
	RedirectURL  string // https://HOST/logginn/oidc/tilbake
	// Scopes are asked for besides openid; nil means profile and email.
	Scopes []string
	// RoleClaims name the ID token claims that hold groups or app roles;
	// nil means "groups" and "roles".
	RoleClaims []string
	// RoleMap gives the grants of each claim value (a group's object ID
	// or an app role's name).
	RoleMap map[string][]virk.Grant
	// HTTPClient talks to the provider; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Now is the clock for token expiry and pending logins; nil means
	// time.Now.
	Now func() time.Time
}

// Provider is a discovered identity provider.
type Provider struct {
	cfg      Config
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// New discovers the provider at cfg.Issuer.
func New(ctx context.Context, cfg Config) (*Provider, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, virk.Errorf(virk.EINVALID, "OpenID Connect trenger utsteder, klient-ID og adressen tilbake")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RoleClaims == nil {
		cfg.RoleClaims = []string{"groups", "roles"}
	}
	if cfg.Scopes == nil {
		cfg.Scopes = []string{"profile", "email"}
	}
	if cfg.HTTPClient != nil {
		ctx = oidc.ClientContext(ctx, cfg.HTTPClient)
	}
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", virk.Errorf(virk.EINVALID,
			"fant ikke identitetstilbyderen %s (OpenID Connect discovery): %v", cfg.Issuer, err), err)
	}
	return &Provider{
		cfg: cfg,
		oauth: oauth2.Config{
			ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, cfg.Scopes...),
		},
		verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID, Now: cfg.Now}),
	}, nil
}

// Pending is a login under way: what Finish needs to check the
// provider's answer. Keep it where only this server can change it.
type Pending struct {
	State    string    `json:"state"`
	Nonce    string    `json:"nonce"`
	Verifier string    `json:"verifier"`
	ReturnTo string    `json:"return_to"`
	Created  time.Time `json:"created"`
}

// Begin starts a login: the address to send the browser to, and the
// pending login to keep until the provider sends it back.
func (p *Provider) Begin(returnTo string) (string, Pending) {
	pending := Pending{
		State: random(), Nonce: random(), Verifier: oauth2.GenerateVerifier(),
		ReturnTo: SafeReturn(returnTo), Created: p.cfg.Now(),
	}
	url := p.oauth.AuthCodeURL(pending.State, oidc.Nonce(pending.Nonce), oauth2.S256ChallengeOption(pending.Verifier))
	return url, pending
}

// Identity is who the provider says logged in.
type Identity struct {
	Issuer, Subject, Name, Email string
	// Groups are the values of the role claims, in the token's order.
	Groups []string
	// Grants are the virk roles that RoleMap gives the groups.
	Grants []virk.Grant
}

// Login is the user name virk stores for the identity.
func (id *Identity) Login() string { return "oidc:" + id.Issuer + "#" + id.Subject }

// Finish checks the callback's state and code against the pending login,
// exchanges the code with the PKCE verifier, verifies the ID token and
// its nonce, and returns the identity with its grants. Every refusal is
// an EINVALID virk.Error ("Innloggingen ble avvist: …") that also
// matches one of ErrState, ErrExpired, ErrExchange, ErrToken or ErrNonce
// with errors.Is, and wraps the cause for the log. An identity without
// grants is not refused here: whether it may log in is the caller's call.
func (p *Provider) Finish(ctx context.Context, pending Pending, state, code string) (*Identity, error) {
	// A Pending that Begin made has a state and a verifier; one without
	// is not this login's, and an empty verifier would let the exchange
	// go on without PKCE at a provider that allows that.
	if pending.State == "" || pending.Verifier == "" || subtle.ConstantTimeCompare([]byte(state), []byte(pending.State)) != 1 {
		return nil, refuse(ErrState, "svaret hører ikke til denne innloggingen", nil)
	}
	if p.cfg.Now().Sub(pending.Created) > PendingTTL {
		return nil, refuse(ErrExpired, "innloggingen tok for lang tid", nil)
	}
	if p.cfg.HTTPClient != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, p.cfg.HTTPClient)
	}
	tok, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(pending.Verifier))
	if err != nil {
		return nil, refuse(ErrExchange, "identitetstilbyderen godtok ikke koden", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return nil, refuse(ErrToken, "svaret mangler ID-token", nil)
	}
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, refuse(ErrToken, "ID-tokenet er ugyldig", err)
	}
	// An empty nonce on both sides would compare equal: a Pending that
	// Begin did not make is never good enough.
	if pending.Nonce == "" || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(pending.Nonce)) != 1 {
		return nil, refuse(ErrNonce, "ID-tokenet hører til en annen innlogging", nil)
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, refuse(ErrToken, "ID-tokenet kan ikke leses", err)
	}
	id := &Identity{Issuer: idt.Issuer, Subject: idt.Subject, Name: str(claims["name"]), Email: str(claims["email"])}
	if id.Name == "" {
		id.Name = str(claims["preferred_username"])
	}
	for _, c := range p.cfg.RoleClaims {
		for _, g := range strs(claims[c]) {
			if !slices.Contains(id.Groups, g) {
				id.Groups = append(id.Groups, g)
			}
		}
	}
	id.Grants = grantsFor(p.cfg.RoleMap, id.Groups)
	return id, nil
}

// refuse wraps a refusal: the sentinel for code, the virk.Error for users,
// and the cause for the log.
func refuse(sentinel error, msg string, cause error) error {
	e := virk.Errorf(virk.EINVALID, "Innloggingen ble avvist: %s.", msg)
	if cause != nil {
		return fmt.Errorf("%w: %w: %w", e, sentinel, cause)
	}
	return fmt.Errorf("%w: %w", e, sentinel)
}

func random() string {
	b := make([]byte, 24)
	rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// strs reads a claim that is a list of strings or one string.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
