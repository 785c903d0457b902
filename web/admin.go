package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
)

// usersData is the user administration page.
type usersData struct {
	Users   []*virk.User
	Roles   []virk.Role
	Message string
	Errors  []string
}

// GrantText writes a user's grants for the edit field.
func (d *usersData) GrantText(u *virk.User) string { return virk.FormatGrants(u.Grants) }

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, &usersData{Message: r.URL.Query().Get("melding")}, 0)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, d *usersData, status int) {
	users, _, err := s.Store.FindUsers(r.Context(), virk.UserFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Users, d.Roles = users, virk.Roles()
	w.Header().Set("Cache-Control", "no-store")
	p := &page{Nav: "admin", Data: d, Status: status}
	p.Title = tr(language(r), "admin.users")
	s.render(w, r, "admin_users", p)
}

// handleUserCreate adds a local user with roles and a first password.
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	d := &usersData{}
	grants, err := virk.ParseGrants(r.PostFormValue("roller"))
	if err != nil {
		d.Errors = []string{virk.ErrorMessage(err)}
		s.renderUsers(w, r, d, http.StatusBadRequest)
		return
	}
	u := &virk.User{
		Login: strings.TrimSpace(r.PostFormValue("brukernavn")), Name: strings.TrimSpace(r.PostFormValue("navn")),
		Email: strings.TrimSpace(r.PostFormValue("epost")), Source: virk.UserLocal, Grants: grants,
	}
	if pw := r.PostFormValue("passord"); pw != "" {
		if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
			d.Errors = []string{virk.ErrorMessage(err)}
			s.renderUsers(w, r, d, http.StatusBadRequest)
			return
		}
	}
	if err := s.Store.CreateUser(r.Context(), u); err != nil {
		if virk.ErrorCode(err) == virk.EINTERNAL {
			s.serverError(w, r, err)
			return
		}
		d.Errors = []string{virk.ErrorMessage(err)}
		s.renderUsers(w, r, d, http.StatusBadRequest)
		return
	}
	if err := s.audit(r, &virk.AuditEvent{Actor: actor(r), Action: virk.AuditUser, Object: u.Login,
		Detail: "opprettet med " + grantsText(u.Grants)}); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/brukere?melding="+url.QueryEscape(tr(language(r), "admin.created")+" "+u.Login), http.StatusSeeOther)
}

// handleUserUpdate changes a user's roles, blocks or opens it, or ends its
// sessions, as the pressed button says.
func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, virk.Errorf(virk.ENOTFOUND, "ukjent bruker «%s»", r.PathValue("id")))
		return
	}
	u, err := s.Store.FindUserByID(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &usersData{}
	var upd virk.UserUpdate
	e := &virk.AuditEvent{Actor: actor(r), Object: u.Login}
	switch r.PostFormValue("handling") {
	case "roller":
		grants, err := virk.ParseGrants(r.PostFormValue("roller"))
		if err != nil {
			d.Errors = []string{u.Login + ": " + virk.ErrorMessage(err)}
			s.renderUsers(w, r, d, http.StatusBadRequest)
			return
		}
		if u.Login == actor(r) && !hasRole(grants, virk.RoleAdmin) {
			d.Errors = []string{tr(language(r), "admin.selfadmin")}
			s.renderUsers(w, r, d, http.StatusBadRequest)
			return
		}
		upd.Grants = &grants
		e.Action, e.Detail = virk.AuditRole, grantsText(u.Grants)+" → "+grantsText(grants)
	case "sperr", "aapne":
		block := r.PostFormValue("handling") == "sperr"
		if block && u.Login == actor(r) {
			d.Errors = []string{tr(language(r), "admin.selfblock")}
			s.renderUsers(w, r, d, http.StatusBadRequest)
			return
		}
		upd.Disabled = &block
		e.Action, e.Detail = virk.AuditUser, map[bool]string{true: "sperret", false: "åpnet"}[block]
	case "logg-ut":
		e.Action, e.Detail = virk.AuditUser, "alle økter avsluttet"
	default:
		s.fail(w, r, virk.Errorf(virk.EINVALID, "ukjent handling"))
		return
	}
	if upd != (virk.UserUpdate{}) {
		if _, err := s.Store.UpdateUser(ctx, id, upd); err != nil {
			if virk.ErrorCode(err) == virk.EINTERNAL {
				s.serverError(w, r, err)
				return
			}
			d.Errors = []string{u.Login + ": " + virk.ErrorMessage(err)}
			s.renderUsers(w, r, d, http.StatusBadRequest)
			return
		}
	}
	// Sessions read their user anew once the cache has forgotten it, so
	// changed roles and a block take effect at once here (and within
	// sessionCacheTTL in other server processes); a block and "log out"
	// also end the sessions.
	s.sessions.forgetUser(id)
	if h := r.PostFormValue("handling"); h == "sperr" || h == "logg-ut" {
		if err := s.Store.DeleteUserSessions(ctx, id); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if err := s.audit(r, e); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/brukere?melding="+url.QueryEscape(tr(language(r), "admin.saved")+" "+u.Login), http.StatusSeeOther)
}

func hasRole(gs []virk.Grant, r virk.Role) bool {
	for _, g := range gs {
		if g.Role == r {
			return true
		}
	}
	return false
}
