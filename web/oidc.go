package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/idp"
)

// oidcCookie carries the state of a login at the identity provider
// between the redirect there and the way back: state, nonce, PKCE
// verifier and where to go after. It is signed with the server's key, so
// several server processes can finish each other's logins.
const (
	oidcCookie = "virk_oidc"
	oidcTTL    = 10 * time.Minute
)

// handleOIDCBegin sends the browser to the identity provider.
func (s *Server) handleOIDCBegin(w http.ResponseWriter, r *http.Request) {
	if s.OIDC == nil {
		s.handleNotFound(w, r)
		return
	}
	url, pending := s.OIDC.Begin(idp.SafeReturn(r.URL.Query().Get("neste")))
	b, err := json.Marshal(pending)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sealed, err := s.seal(r, b)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.setCookie(w, r, oidcCookie, sealed, oidcTTL)
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, url, http.StatusFound)
}

// handleOIDCCallback finishes the login: the provider's answer is checked
// by idp, the user is created or brought up to date with the roles the
// provider's groups give, and a session starts.
func (s *Server) handleOIDCCallback(w http.ResponseWriter, r *http.Request) {
	if s.OIDC == nil {
		s.handleNotFound(w, r)
		return
	}
	lang := language(r)
	fail := func(reason string, err error) {
		if err != nil {
			s.Logger.Warn("oidc login refused", "reason", reason, "err", err)
		}
		s.auditFailed(r, "", reason)
		s.clearCookie(w, r, oidcCookie)
		s.renderLogin(w, r, &loginData{Next: "/", Message: tr(lang, "login.oidc.failed"), OIDC: true}, http.StatusUnauthorized)
	}
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		fail("identitetstilbyderen svarte "+e, nil)
		return
	}
	c, err := r.Cookie(oidcCookie)
	if err != nil {
		fail("mangler innloggingstilstand (informasjonskapsel)", err)
		return
	}
	b, err := s.open(r, c.Value)
	if err != nil {
		fail("ugyldig innloggingstilstand", err)
		return
	}
	var pending idp.Pending
	if err := json.Unmarshal(b, &pending); err != nil {
		fail("ugyldig innloggingstilstand", err)
		return
	}
	id, err := s.OIDC.Finish(r.Context(), pending, q.Get("state"), q.Get("code"))
	if err != nil {
		fail(virk.ErrorMessage(err), err)
		return
	}
	if len(id.Grants) == 0 {
		s.auditFailed(r, id.Login(), "ingen rolle i virk for gruppene fra identitetstilbyderen")
		s.clearCookie(w, r, oidcCookie)
		s.renderLogin(w, r, &loginData{Next: "/", Message: tr(lang, "login.oidc.norole"), OIDC: true}, http.StatusForbidden)
		return
	}
	u, err := s.provision(r, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if u.Disabled {
		fail("brukeren er sperret", nil)
		return
	}
	s.clearCookie(w, r, oidcCookie)
	if err := s.startSession(w, r, u, "oidc"); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, idp.SafeReturn(pending.ReturnTo), http.StatusSeeOther)
}

// provision creates the user of an identity or updates its name, e-mail
// and roles; a change of roles is in the audit log.
func (s *Server) provision(r *http.Request, id *idp.Identity) (*virk.User, error) {
	ctx := r.Context()
	login := id.Login()
	u, err := s.Store.FindUserByLogin(ctx, login)
	if virk.ErrorCode(err) == virk.ENOTFOUND {
		u = &virk.User{Login: login, Name: id.Name, Email: id.Email, Source: virk.UserOIDC, Grants: id.Grants}
		if err := s.Store.CreateUser(ctx, u); err != nil {
			return nil, err
		}
		return u, s.audit(r, &virk.AuditEvent{Actor: login, Action: virk.AuditUser, Object: login,
			Detail: "opprettet ved første innlogging: " + grantsText(u.Grants)})
	}
	if err != nil {
		return nil, err
	}
	changed := !slices.EqualFunc(u.Grants, id.Grants, func(a, b virk.Grant) bool { return a.String() == b.String() })
	upd := virk.UserUpdate{Name: &id.Name, Email: &id.Email}
	if changed {
		upd.Grants = &id.Grants
	}
	old := grantsText(u.Grants)
	if u, err = s.Store.UpdateUser(ctx, u.ID, upd); err != nil {
		return nil, err
	}
	if changed {
		err = s.audit(r, &virk.AuditEvent{Actor: login, Action: virk.AuditRole, Object: login,
			Detail: old + " → " + grantsText(u.Grants) + " (fra identitetstilbyderen)"})
	}
	return u, err
}

// grantsText writes grants for the audit log: "leder:osu; analytiker".
func grantsText(gs []virk.Grant) string {
	if len(gs) == 0 {
		return "ingen roller"
	}
	return virk.FormatGrants(gs)
}

// seal signs b with the server's key: base64(b) "." base64(HMAC).
func (s *Server) seal(r *http.Request, b []byte) (string, error) {
	key, err := s.signingKey(r)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write(b)
	return base64.RawURLEncoding.EncodeToString(b) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil)), nil
}

// open checks a sealed value and returns what was sealed.
func (s *Server) open(r *http.Request, sealed string) ([]byte, error) {
	key, err := s.signingKey(r)
	if err != nil {
		return nil, err
	}
	i := strings.LastIndexByte(sealed, '.')
	if i < 0 {
		return nil, virk.Errorf(virk.EINVALID, "forseglet verdi uten signatur")
	}
	data, sig := sealed[:i], sealed[i+1:]
	b, err1 := base64.RawURLEncoding.DecodeString(data)
	got, err2 := base64.RawURLEncoding.DecodeString(sig)
	if err1 != nil || err2 != nil {
		return nil, virk.Errorf(virk.EINVALID, "forseglet verdi er ikke base64")
	}
	m := hmac.New(sha256.New, key)
	m.Write(b)
	if !hmac.Equal(got, m.Sum(nil)) {
		return nil, virk.Errorf(virk.EINVALID, "feil signatur")
	}
	return b, nil
}

// signingKey returns the server's key from the settings, making one on
// first use.
func (s *Server) signingKey(r *http.Request) ([]byte, error) {
	m, err := s.Store.FindSettings(r.Context())
	if err != nil {
		return nil, err
	}
	if k := m[virk.SettingSessionKey]; len(k) == 64 {
		return []byte(k), nil
	}
	k := randomHex(32)
	if err := s.Store.UpdateSettings(r.Context(), map[string]string{virk.SettingSessionKey: k}); err != nil {
		return nil, err
	}
	// Two processes may make a key at once: read back the one that won.
	if m, err = s.Store.FindSettings(r.Context()); err != nil {
		return nil, err
	}
	return []byte(m[virk.SettingSessionKey]), nil
}
