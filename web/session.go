package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
)

// Cookie names. The session cookie holds a random secret whose hash is
// the session's ID in the store; the form cookie carries the CSRF token
// of the login form, before there is a session.
const (
	sessionCookie = "virk_sesjon"
	formCookie    = "virk_skjema"
)

// sessionTTL is how long a login lasts: a working day.
const sessionTTL = 8 * time.Hour

// tokenTouch is how often the last use of an API token is written: a job
// that calls every second should not write every second.
const tokenTouch = time.Minute

type stateKey struct{}

// reqState is what identify learned about the request.
type reqState struct {
	session *virk.Session // nil without a session cookie
	bearer  bool          // authenticated by an API token
	csrf    string        // the token forms must carry
}

func stateFrom(ctx context.Context) *reqState {
	if st, ok := ctx.Value(stateKey{}).(*reqState); ok {
		return st
	}
	return &reqState{}
}

// identify finds who sends the request, from an API token or the session
// cookie, and puts the viewer in the request's context. A request with
// neither is the public. A bad or revoked token is refused outright, so
// that a job does not go on unnoticed as the public.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st := &reqState{}
		var user *virk.User
		var cached *cachedSession
		if h := r.Header.Get("Authorization"); h != "" {
			u, err := s.tokenUser(ctx, h)
			if err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
				s.denied(w, r, http.StatusUnauthorized, "access.token")
				return
			}
			user, st.bearer = u, true
		} else if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			e, err := s.sessionUser(ctx, c.Value)
			switch {
			case err == nil:
				cached, st.session, st.csrf = e, e.sess, e.sess.CSRF
			case virk.ErrorCode(err) == virk.ENOTFOUND:
				s.clearCookie(w, r, sessionCookie)
			default:
				s.serverError(w, r, err)
				return
			}
		}
		if st.session == nil && !st.bearer {
			if c, err := r.Cookie(formCookie); err == nil && len(c.Value) == 32 {
				st.csrf = c.Value
			}
		}
		cat, err := s.catalogue(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var v *virk.Viewer
		if cached != nil {
			v = s.sessions.viewerFor(cached, cat)
		} else {
			v = virk.NewViewer(user, cat)
		}
		ctx = virk.NewContextWithViewer(ctx, v)
		ctx = context.WithValue(ctx, stateKey{}, st)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// sessionUser returns the session of the cookie's secret with its user,
// from the session cache or the store. A session of a disabled or
// removed user counts as no session.
func (s *Server) sessionUser(ctx context.Context, secret string) (*cachedSession, error) {
	id, now := auth.HashSecret(secret), s.Now()
	if e := s.sessions.get(id, now); e != nil {
		return e, nil
	}
	sess, err := s.Store.FindSession(ctx, id, now)
	if err != nil {
		return nil, err
	}
	u, err := s.Store.FindUserByID(ctx, sess.UserID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, virk.Errorf(virk.ENOTFOUND, "brukeren er sperret")
	}
	e := &cachedSession{sess: sess, user: u, read: now}
	s.sessions.put(e)
	return e, nil
}

// tokenUser returns the user of an "Authorization: Bearer" API token.
func (s *Server) tokenUser(ctx context.Context, header string) (*virk.User, error) {
	secret, ok := strings.CutPrefix(header, "Bearer ")
	if !ok || secret == "" {
		return nil, virk.Errorf(virk.EINVALID, "Authorization må være «Bearer TOKEN»")
	}
	t, err := s.Store.FindTokenByHash(ctx, auth.HashSecret(secret))
	if err != nil {
		return nil, err
	}
	now := s.Now()
	if t.Kind != virk.TokenAPI || !t.Valid(now) {
		return nil, virk.Errorf(virk.EINVALID, "tokenet er utløpt eller trukket tilbake")
	}
	u, err := s.Store.FindUserByID(ctx, t.UserID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, virk.Errorf(virk.EINVALID, "brukeren er sperret")
	}
	if now.Sub(t.LastUsed) > tokenTouch {
		if err := s.Store.UseToken(ctx, t.ID, now); err != nil {
			s.Logger.Warn("token last use", "token", t.ID, "err", err)
		}
	}
	return u, nil
}

// startSession logs u in: a new session with a new secret, never the one
// the browser had before (which would let someone who planted that
// cookie share the login), and the old one ended on the server.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *virk.User, how string) error {
	ctx := r.Context()
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		old := auth.HashSecret(c.Value)
		s.sessions.forget(old)
		if err := s.Store.DeleteSession(ctx, old); err != nil {
			return err
		}
	}
	now := s.Now()
	// Expired sessions are cleared at each login: a cheap indexed delete,
	// and the table never holds more than a working day of logins.
	if _, err := s.Store.DeleteExpiredSessions(ctx, now); err != nil {
		return err
	}
	secret, hash, _ := auth.NewSecret("")
	sess := &virk.Session{
		ID: hash, UserID: u.ID, CSRF: randomHex(16), Address: clientAddr(r),
		CreatedAt: now, ExpiresAt: now.Add(sessionTTL),
	}
	if err := s.Store.CreateSession(ctx, sess); err != nil {
		return err
	}
	if _, err := s.Store.UpdateUser(ctx, u.ID, virk.UserUpdate{LastLogin: &now}); err != nil {
		return err
	}
	s.setCookie(w, r, sessionCookie, secret, sessionTTL)
	s.clearCookie(w, r, formCookie)
	return s.audit(r, &virk.AuditEvent{Actor: u.Login, Action: virk.AuditLogin, Object: u.Login, Detail: how})
}

// setCookie sets an HttpOnly, SameSite=Lax cookie, Secure unless the
// request came over plain HTTP to the loopback interface (a laptop).
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, ttl time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(ttl.Seconds()),
		HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode,
	})
}

// secureRequest reports whether cookies must be Secure: always, except
// over plain HTTP on the loopback interface, where browsers would
// otherwise be unable to log in to a laptop's virk.
func secureRequest(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// checkCSRF reports whether a state-changing request carries the form
// token of its session (or of the login form). Requests with an API token
// need none: a browser never sends one by itself.
func checkCSRF(r *http.Request) bool {
	st := stateFrom(r.Context())
	if st.bearer {
		return true
	}
	got := r.PostFormValue("csrf")
	if got == "" {
		got = r.Header.Get("X-CSRF-Token")
	}
	return st.csrf != "" && subtle.ConstantTimeCompare([]byte(got), []byte(st.csrf)) == 1
}

// formToken returns the CSRF token for the forms of this request, setting
// the login form's cookie when there is no session yet.
func (s *Server) formToken(w http.ResponseWriter, r *http.Request) string {
	st := stateFrom(r.Context())
	if st.csrf == "" {
		st.csrf = randomHex(16)
		s.setCookie(w, r, formCookie, st.csrf, time.Hour)
	}
	return st.csrf
}

// clientAddr is the client's address as the server sees it.
func clientAddr(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}

// fromLoopback reports whether the request comes from this machine.
func fromLoopback(r *http.Request) bool {
	ip := net.ParseIP(clientAddr(r))
	return ip != nil && ip.IsLoopback()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// audit appends an event with the request's address and the time.
func (s *Server) audit(r *http.Request, e *virk.AuditEvent) error {
	if e.Address == "" {
		e.Address = clientAddr(r)
	}
	if e.Time.IsZero() {
		e.Time = s.Now()
	}
	return s.Store.AppendAudit(r.Context(), e)
}
