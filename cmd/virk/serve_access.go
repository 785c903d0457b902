package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
	"github.com/virk-analyse/virk/idp"
)

// firstAdmin is the login of the administrator "virk serve" creates in a
// store without users.
const firstAdmin = "admin"

// loginLinkTTL is how long the first administrator's link works.
const loginLinkTTL = time.Hour

// firstStart creates the first administrator when the store has no users
// and returns a one-time login link secret for it; "" when there were
// users already. The administrator also holds analytiker and hr, so that
// a first look at the demo shows every figure; take them away on the
// users page once others have them.
func firstStart(ctx context.Context, m *Main, st virk.Store) (string, error) {
	_, n, err := st.FindUsers(ctx, virk.UserFilter{})
	if err != nil || n > 0 {
		return "", err
	}
	u := &virk.User{
		Login: firstAdmin, Name: "Administrator", Source: virk.UserLocal,
		Grants: []virk.Grant{{Role: virk.RoleAdmin}, {Role: virk.RoleAnalyst}, {Role: virk.RoleHR}},
	}
	if err := st.CreateUser(ctx, u); err != nil {
		return "", err
	}
	secret, hash, prefix := auth.NewSecret("virk_lenke_")
	now := time.Now()
	t := &virk.Token{UserID: u.ID, Kind: virk.TokenLoginLink, Name: "første innlogging", Hash: hash, Prefix: prefix,
		CreatedAt: now, ExpiresAt: now.Add(loginLinkTTL)}
	if err := st.CreateToken(ctx, t); err != nil {
		return "", err
	}
	err = st.AppendAudit(ctx, &virk.AuditEvent{Time: now, Actor: m.config().User, Address: "cli", Action: virk.AuditUser,
		Object: firstAdmin, Detail: "første administrator opprettet av virk serve, med engangslenke"})
	return secret, err
}

// printLoginLink prints the first administrator's one-time link. The
// link works only from this machine, so it names the loopback address
// whatever interface the server listens on.
func printLoginLink(m *Main, listenURL, secret string) {
	if secret == "" {
		return
	}
	port := "80"
	if u, err := url.Parse(listenURL); err == nil && u.Port() != "" {
		port = u.Port()
	}
	fmt.Fprintf(m.Stdout, "Første innlogging: http://127.0.0.1:%s/logginn/lenke/%s\n(engangslenke for brukeren %s; gjelder i %d minutter, én gang, og bare fra denne maskinen)\n",
		port, secret, firstAdmin, int(loginLinkTTL.Minutes()))
}

// oidcFlags are the identity provider's settings.
type oidcFlags struct {
	issuer, clientID, redirect, roles, claims string
}

func addOIDCFlags(fs *flag.FlagSet, m *Main) *oidcFlags {
	o := &oidcFlags{}
	fs.StringVar(&o.issuer, "oidc-issuer", m.Getenv("VIRK_OIDC_ISSUER"), "identitetstilbyderens utsteder-URL, f.eks. https://login.microsoftonline.com/TENANT/v2.0 (VIRK_OIDC_ISSUER); tom slår av OpenID Connect")
	fs.StringVar(&o.clientID, "oidc-client-id", m.Getenv("VIRK_OIDC_CLIENT_ID"), "klient-ID hos identitetstilbyderen (VIRK_OIDC_CLIENT_ID); hemmeligheten leses fra VIRK_OIDC_CLIENT_SECRET eller VIRK_OIDC_CLIENT_SECRET_FILE")
	fs.StringVar(&o.redirect, "oidc-redirect", m.Getenv("VIRK_OIDC_REDIRECT_URL"), "adressen tilbake til virk, https://VERT/logginn/oidc/tilbake (VIRK_OIDC_REDIRECT_URL)")
	fs.StringVar(&o.roles, "oidc-roles", m.Getenv("VIRK_OIDC_ROLES"), "grupper eller app-roller til roller i virk: «GRUPPE=leder:osu;virk-analytiker=analytiker» (VIRK_OIDC_ROLES)")
	fs.StringVar(&o.claims, "oidc-claims", envOr(m, "VIRK_OIDC_ROLE_CLAIMS", "groups,roles"), "krav i ID-tokenet som holder grupper eller roller (VIRK_OIDC_ROLE_CLAIMS)")
	return o
}

// provider connects to the identity provider; nil when no issuer is set.
func (o *oidcFlags) provider(ctx context.Context, m *Main) (*idp.Provider, error) {
	if o.issuer == "" {
		return nil, nil
	}
	secret, err := secretEnv(m, "VIRK_OIDC_CLIENT_SECRET")
	if err != nil {
		return nil, err
	}
	if o.clientID == "" || o.redirect == "" {
		return nil, virk.Errorf(virk.EINVALID, "--oidc-issuer trenger også --oidc-client-id og --oidc-redirect")
	}
	roles, err := idp.ParseRoleMap(o.roles)
	if err != nil {
		return nil, err
	}
	var claims []string
	for _, c := range strings.Split(o.claims, ",") {
		if c = strings.TrimSpace(c); c != "" {
			claims = append(claims, c)
		}
	}
	return idp.New(ctx, idp.Config{
		Issuer: o.issuer, ClientID: o.clientID, ClientSecret: secret, RedirectURL: o.redirect,
		RoleClaims: claims, RoleMap: roles, HTTPClient: &http.Client{Timeout: 30 * time.Second},
	})
}

func envOr(m *Main, name, def string) string {
	if v := m.Getenv(name); v != "" {
		return v
	}
	return def
}

// secretEnv reads a secret from NAME, or from the file NAME_FILE names
// (as container platforms hand secrets over), without its final newline.
func secretEnv(m *Main, name string) (string, error) {
	if v := m.Getenv(name); v != "" {
		return v, nil
	}
	path := m.Getenv(name + "_FILE")
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", virk.Errorf(virk.EINVALID, "%s_FILE: kan ikke lese %s: %v", name, path, err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
