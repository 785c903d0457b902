package web

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
	"github.com/virk-analyse/virk/idp"
)

// Login throttling: after this many failed logins for one user name, or
// from one address, within loginWindow, the login form refuses until the
// window has passed. Failures for a name are counted in the audit log,
// which every server process on the store shares.
const (
	loginWindow    = 15 * time.Minute
	maxNameFails   = 5
	maxAddressFail = 20
)

// loginData is the login page.
type loginData struct {
	Next    string // where to go after the login
	Login   string
	Message string
	OIDC    bool // the identity provider's button
}

// OIDCURL is the identity provider's button, coming back to Next.
func (d *loginData) OIDCURL() string { return "/logginn/oidc?neste=" + url.QueryEscape(d.Next) }

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	d := &loginData{Next: idp.SafeReturn(r.URL.Query().Get("neste")), OIDC: s.OIDC != nil}
	s.renderLogin(w, r, d, 0)
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, d *loginData, status int) {
	s.formToken(w, r)
	w.Header().Set("Cache-Control", "no-store")
	p := &page{Nav: "login", Data: d, Status: status}
	p.Title = tr(language(r), "login.title")
	s.render(w, r, "login", p)
}

// handleLogin checks a local user's password. Every outcome is in the
// audit log; the page never tells whether the name or the password was
// wrong.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	lang := language(r)
	login := strings.TrimSpace(r.PostFormValue("brukernavn"))
	d := &loginData{Next: idp.SafeReturn(r.PostFormValue("neste")), Login: login, OIDC: s.OIDC != nil}
	addr := clientAddr(r)
	if s.fails.count(addr, s.Now()) >= maxAddressFail {
		d.Message = tr(lang, "login.throttled")
		s.renderLogin(w, r, d, http.StatusTooManyRequests)
		return
	}
	fails, err := s.recentFailures(r, login)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if fails >= maxNameFails {
		d.Message = tr(lang, "login.throttled")
		s.auditFailed(r, login, "sperret etter for mange forsøk")
		s.renderLogin(w, r, d, http.StatusTooManyRequests)
		return
	}
	u, reason := s.checkPassword(r, login, r.PostFormValue("passord"))
	if u == nil {
		s.fails.add(addr, s.Now())
		if err := s.auditFailed(r, login, reason); err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Message = tr(lang, "login.wrong")
		s.renderLogin(w, r, d, http.StatusUnauthorized)
		return
	}
	if err := s.startSession(w, r, u, "passord"); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

// dummyHash is checked when the user does not exist, so that the answer
// takes as long as for a wrong password and does not tell names apart.
// It is made at the first login, not when the program starts: every
// command links this package, and a hash takes tens of milliseconds.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("virk-finnes-ikke-0000")
	return h
})

// checkPassword returns the local user whose password pw is, or nil and
// the reason for the audit log.
func (s *Server) checkPassword(r *http.Request, login, pw string) (*virk.User, string) {
	u, err := s.Store.FindUserByLogin(r.Context(), login)
	if err != nil || u.Source != virk.UserLocal || u.PasswordHash == "" {
		auth.CheckPassword(dummyHash(), pw)
		if err != nil && virk.ErrorCode(err) != virk.ENOTFOUND {
			s.Logger.Error("login", "err", err)
		}
		return nil, "ukjent bruker eller uten passord"
	}
	ok, err := auth.CheckPassword(u.PasswordHash, pw)
	if err != nil {
		s.Logger.Error("login: stored hash", "user", u.Login, "err", err)
	}
	switch {
	case !ok:
		return nil, "feil passord"
	case u.Disabled:
		return nil, "brukeren er sperret"
	}
	return u, ""
}

// recentFailures counts the failed logins for a name within loginWindow.
func (s *Server) recentFailures(r *http.Request, login string) (int, error) {
	action := virk.AuditLoginFailed
	_, n, err := s.Store.FindAudit(r.Context(), virk.AuditFilter{
		Actor: &login, Action: &action, From: s.Now().Add(-loginWindow), Limit: 1,
	})
	return n, err
}

func (s *Server) auditFailed(r *http.Request, login, reason string) error {
	return s.audit(r, &virk.AuditEvent{Actor: login, Action: virk.AuditLoginFailed, Object: login, Detail: reason})
}

// handleLoginLink logs in with a one-time link, such as the one "virk
// serve" prints for the first administrator. It works from this machine
// only, and once.
func (s *Server) handleLoginLink(w http.ResponseWriter, r *http.Request) {
	lang := language(r)
	if !fromLoopback(r) {
		s.auditFailed(r, "", "engangslenke brukt fra en annen maskin")
		s.denied(w, r, http.StatusForbidden, "login.link.remote")
		return
	}
	ctx := r.Context()
	t, err := s.Store.FindTokenByHash(ctx, auth.HashSecret(r.PathValue("token")))
	if err != nil || t.Kind != virk.TokenLoginLink || !t.Valid(s.Now()) {
		s.auditFailed(r, "", "ugyldig eller brukt engangslenke")
		s.renderLogin(w, r, &loginData{Next: "/", Message: tr(lang, "login.link.used"), OIDC: s.OIDC != nil}, http.StatusGone)
		return
	}
	if err := s.Store.UseToken(ctx, t.ID, s.Now()); err != nil {
		s.auditFailed(r, "", "engangslenke brukt to ganger")
		s.renderLogin(w, r, &loginData{Next: "/", Message: tr(lang, "login.link.used"), OIDC: s.OIDC != nil}, http.StatusGone)
		return
	}
	u, err := s.Store.FindUserByID(ctx, t.UserID)
	if err != nil || u.Disabled {
		s.renderLogin(w, r, &loginData{Next: "/", Message: tr(lang, "login.link.used"), OIDC: s.OIDC != nil}, http.StatusGone)
		return
	}
	if err := s.startSession(w, r, u, "engangslenke"); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/brukere", http.StatusSeeOther)
}

// handleLogout ends the session on the server, not only in the browser:
// a copied cookie stops working too.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	st := stateFrom(r.Context())
	if st.session != nil {
		s.sessions.forget(st.session.ID)
		if err := s.Store.DeleteSession(r.Context(), st.session.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		actor := ""
		if u := virk.ViewerFromContext(r.Context()).User; u != nil {
			actor = u.Login
		}
		if err := s.audit(r, &virk.AuditEvent{Actor: actor, Action: virk.AuditLogout, Object: actor}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/logginn", http.StatusSeeOther)
}

// failures counts failed logins per address in this process.
type failures struct {
	mu sync.Mutex
	m  map[string][]time.Time
}

func (f *failures) add(addr string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]time.Time{}
	}
	f.m[addr] = append(f.prune(addr, now), now)
}

func (f *failures) count(addr string, now time.Time) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.prune(addr, now))
}

// prune drops the failures older than the window; f.mu is held.
func (f *failures) prune(addr string, now time.Time) []time.Time {
	ts := f.m[addr]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) > loginWindow {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(f.m, addr)
		return nil
	}
	f.m[addr] = ts
	return ts
}
