package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/virk-analyse/virk"
)

// settingsData is the settings page.
type settingsData struct {
	Pages   []string
	Public  map[string]bool
	Message string
}

func (s *Server) handleSettings(w http.ResponseWriter, r *http.Request) {
	m, err := s.Store.FindSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &settingsData{Pages: publicPages, Public: map[string]bool{}, Message: r.URL.Query().Get("melding")}
	for _, p := range splitList(m[virk.SettingPublicPages]) {
		d.Public[p] = true
	}
	w.Header().Set("Cache-Control", "no-store")
	p := &page{Nav: "admin", Data: d}
	p.Title = tr(language(r), "admin.settings")
	s.render(w, r, "admin_settings", p)
}

// handleSettingsUpdate stores which pages are public.
func (s *Server) handleSettingsUpdate(w http.ResponseWriter, r *http.Request) {
	var chosen []string
	for _, p := range publicPages {
		if r.PostFormValue("offentlig-"+p) != "" {
			chosen = append(chosen, p)
		}
	}
	m, err := s.Store.FindSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	old, val := m[virk.SettingPublicPages], strings.Join(chosen, ",")
	if old != val {
		if err := s.Store.UpdateSettings(r.Context(), map[string]string{virk.SettingPublicPages: val}); err != nil {
			s.fail(w, r, err)
			return
		}
		if err := s.audit(r, &virk.AuditEvent{Actor: actor(r), Action: virk.AuditSetting, Object: virk.SettingPublicPages,
			Detail: "«" + old + "» → «" + val + "»"}); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.forgetSettings()
	}
	http.Redirect(w, r, "/admin/innstillinger?melding="+url.QueryEscape(tr(language(r), "admin.saved")), http.StatusSeeOther)
}
