// Package oidctest runs a real OpenID provider in-process for tests:
// zitadel/oidc's provider (an OpenID Certified implementation) with its
// example storage and login page, on loopback. Its user "id1" logs in as
// User with Password and belongs to Groups, sent in the ID token's
// "groups" claim as Entra ID sends it.
package oidctest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// The provider's user and the groups it is in.
const (
	Subject  = "id1"
	User     = "test-user@127.0.0.1"
	Password = "verysecure"
	Name     = "Test User"
	Email    = "test-user@zitadel.ch"
)

// Groups are the values of the user's groups claim.
var Groups = []string{"grp-ledere-po", "grp-analytikere", "grp-uten-rolle"}

// Client is a client registered at the provider.
type Client struct{ ID, Secret string }

// Start runs the provider with the clients, each allowed to send the
// browser back to redirectURL, and returns its issuer URL.
func Start(t testing.TB, redirectURL string, clients ...Client) string {
	t.Helper()
	for _, c := range clients {
		storage.RegisterClients(storage.WebClient(c.ID, c.Secret, redirectURL))
	}
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	st := groupStorage{storage.NewStorage(storage.NewUserStore(issuer))}
	srv.Config.Handler = exampleop.SetupServer(issuer, st, slog.New(slog.DiscardHandler), false)
	srv.Start()
	t.Cleanup(srv.Close)
	return issuer
}

// groupStorage adds name, e-mail and the groups claim to the ID tokens of
// the example storage when the scope "groups" is asked for.
type groupStorage struct {
	*storage.Storage
}

func (s groupStorage) SetUserinfoFromRequest(ctx context.Context, ui *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	if err := s.Storage.SetUserinfoFromRequest(ctx, ui, req, scopes); err != nil {
		return err
	}
	if slices.Contains(scopes, "groups") && req.GetSubject() == Subject {
		ui.Name, ui.Email = Name, Email
		ui.AppendClaims("groups", Groups)
	}
	return nil
}

// GetClientByClientID lets every client ask for the groups scope.
func (s groupStorage) GetClientByClientID(ctx context.Context, id string) (op.Client, error) {
	c, err := s.Storage.GetClientByClientID(ctx, id)
	if err != nil {
		return nil, err
	}
	return groupClient{c}, nil
}

type groupClient struct{ op.Client }

func (c groupClient) IsScopeAllowed(scope string) bool {
	return scope == "groups" || c.Client.IsScopeAllowed(scope)
}

// Authorize goes through the provider's login page from authURL as a
// browser would, logging in as User, and returns the address the
// provider sends the browser back to (under redirectURL, with state and
// code). jar may be nil.
func Authorize(t testing.TB, authURL, redirectURL string, jar http.CookieJar) *url.URL {
	t.Helper()
	var callback *url.URL
	c := &http.Client{Jar: jar, CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(r.URL.String(), redirectURL) {
			callback = r.URL
			return http.ErrUseLastResponse
		}
		return nil
	}}
	resp, err := c.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	_, rest, ok := strings.Cut(string(page), `name="id" value="`)
	if !ok {
		t.Fatalf("no login form at %s:\n%s", resp.Request.URL, page)
	}
	id, _, _ := strings.Cut(rest, `"`)
	login := resp.Request.URL.Scheme + "://" + resp.Request.URL.Host + "/login/username"
	resp, err = c.PostForm(login, url.Values{"id": {id}, "username": {User}, "password": {Password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if callback == nil {
		t.Fatalf("the provider did not send the browser back (status %d)", resp.StatusCode)
	}
	return callback
}
