package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
)

// signIn stores a local user with the grants and a session for it, and
// returns the session cookie and the session's form token.
func signIn(t testing.TB, st virk.Store, login string, grants ...virk.Grant) (*http.Cookie, string) {
	t.Helper()
	c, csrf, err := newSession(st, login, grants...)
	if err != nil {
		t.Fatal(err)
	}
	return c, csrf
}

func newSession(st virk.Store, login string, grants ...virk.Grant) (*http.Cookie, string, error) {
	ctx := context.Background()
	u, err := st.FindUserByLogin(ctx, login)
	if virk.ErrorCode(err) == virk.ENOTFOUND {
		u = &virk.User{Login: login, Name: "Navn " + login, Source: virk.UserLocal, Grants: grants}
		err = st.CreateUser(ctx, u)
	}
	if err != nil {
		return nil, "", err
	}
	secret, hash, _ := auth.NewSecret("")
	csrf := "csrf-" + hash[:16]
	now := time.Now()
	if err := st.CreateSession(ctx, &virk.Session{ID: hash, UserID: u.ID, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		return nil, "", err
	}
	return &http.Cookie{Name: "virk_sesjon", Value: secret}, csrf, nil
}

// allRoles is every role but leder, which needs units: what the tests of
// pages (not of access) run as.
var allRoles = []virk.Grant{{Role: virk.RoleReader}, {Role: virk.RoleAnalyst}, {Role: virk.RoleHR}, {Role: virk.RoleAdmin}}

// asAdmin wraps the application so that every request without a session
// or token of its own carries the session of a user with every role. The
// tests of pages use it; the tests of access talk to the bare handler.
func asAdmin(t testing.TB, st virk.Store, h http.Handler) http.Handler {
	t.Helper()
	h, err := adminHandler(st, h)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func adminHandler(st virk.Store, h http.Handler) (http.Handler, error) {
	c, _, err := newSession(st, "testadmin", allRoles...)
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("virk_sesjon"); err != nil && r.Header.Get("Authorization") == "" {
			r.AddCookie(c)
		}
		h.ServeHTTP(w, r)
	}), nil
}

// do sends a request with an optional session cookie and a form body,
// and returns the response with its body read. Redirects are not
// followed.
func do(t *testing.T, method, url string, c *http.Cookie, form string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return send(t, req, c)
}

// send adds the cookie to req, sends it without following redirects and
// reads the body.
func send(t *testing.T, req *http.Request, c *http.Cookie) (*http.Response, string) {
	t.Helper()
	if c != nil {
		req.AddCookie(c)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
