package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

// access says who may use a route. The zero value is no rule at all, and
// a route without a rule stops the server from starting.
type access int

const (
	accessUnset access = iota
	// accessOpen is everyone, also in the public mode: the published
	// report, the accessibility statement and the static files.
	accessOpen
	// accessLogin is everyone, but not in the public mode: logging in
	// and out.
	accessLogin
	// accessFigures is every user with a role, and the public too when
	// the administrator has made the page public. Personnel figures are
	// left out by the viewer's Limit, not here.
	accessFigures
	// accessImport is the analytiker and hr roles.
	accessImport
	// accessAdmin is the administrator.
	accessAdmin
	// accessFollowUp is who follows up energy alerts: the analytiker
	// (the energy manager's role) and the administrator.
	accessFollowUp
	// accessPortfolio is who keeps the project portfolio: registers
	// projects and sets the weights of the ranking. The analytiker (the
	// portfolio office's role) and the administrator.
	accessPortfolio
)

// route is one entry of the router: the pattern, its rule, and its
// handler. The router is built from this table and nothing else, so
// the table is the list of every route with who may use it.
type route struct {
	pattern string
	access  access
	// page names a figures page in SettingPublicPages, so that the
	// administrator can open it to the public.
	page string
	// cached pages are kept until the data changes, per language and
	// viewer key.
	cached  bool
	handler http.Handler
}

// Public page names, the values of virk.SettingPublicPages.
const (
	pageScorecard = "scorecard"
	pageIndicator = "indicator"
	pageUnit      = "unit"
	pagePeers     = "peers"
	pageEnergy    = "energy"
	pagePortfolio = "portfolio"
)

// publicPages lists the pages the administrator can open to the public.
var publicPages = []string{pageScorecard, pageIndicator, pageUnit, pagePeers, pageEnergy, pagePortfolio}

func (s *Server) routes() []route {
	f := func(h http.HandlerFunc) http.Handler { return h }
	return []route{
		{"GET /{$}", accessFigures, pageScorecard, true, f(s.handleScorecard)},
		{"GET /indikator/{id}", accessFigures, pageIndicator, true, f(s.handleIndicator)},
		{"GET /indikator/{id}/{file}", accessFigures, pageIndicator, true, f(s.handleIndicatorData)},
		{"GET /enhet/{id}", accessFigures, pageUnit, true, f(s.handleUnit)},
		{"GET /sammenligning", accessFigures, pagePeers, true, f(s.handlePeers)},
		{"GET /sammenligning/{file}", accessFigures, pagePeers, true, f(s.handlePeersData)},
		{"GET /energi", accessFigures, pageEnergy, false, f(s.handleEnergy)},
		{"GET /energi/bygg/{id}", accessFigures, pageEnergy, false, f(s.handleEnergyBuilding)},
		{"POST /energi/varsel/{id}", accessFollowUp, "", false, f(s.handleAlertUpdate)},
		{"GET /medarbeidere", accessFigures, "", true, f(s.handleWorkforce)},
		{"GET /prosjekter", accessFigures, pagePortfolio, false, f(s.handleProjects)},
		{"GET /prosjekter.csv", accessFigures, pagePortfolio, false, f(s.handleProjectsCSV)},
		{"GET /prosjekter.xlsx", accessFigures, pagePortfolio, false, f(s.handleProjectsXLSX)},
		{"GET /prosjekter/ny", accessPortfolio, "", false, f(s.handleProjectNew)},
		{"POST /prosjekter", accessPortfolio, "", false, f(s.handleProjectSave)},
		{"POST /prosjekter/vekter", accessPortfolio, "", false, f(s.handleWeights)},
		{"GET /prosjekt/{id}", accessFigures, pagePortfolio, false, f(s.handleProject)},
		{"GET /prosjekt/{id}/endre", accessPortfolio, "", false, f(s.handleProjectEdit)},
		{"GET /gevinster", accessFigures, pagePortfolio, false, f(s.handleBenefits)},
		{"GET /rapport", accessOpen, "", true, f(s.handleReport)},
		{"GET /rapport.html", accessOpen, "", true, f(s.handleReportHTML)},
		{"GET /rapport.pdf", accessOpen, "", true, f(s.handleReportPDF)},
		{"GET /rapport.xlsx", accessOpen, "", true, f(s.handleReportXLSX)},
		{"GET /import", accessImport, "", false, f(s.handleImportForm)},
		{"POST /import", accessImport, "", false, f(s.handleImportUpload)},
		{"POST /import/{token}", accessImport, "", false, f(s.handleImportConfirm)},
		{"GET /logginn", accessLogin, "", false, f(s.handleLoginForm)},
		{"POST /logginn", accessLogin, "", false, f(s.handleLogin)},
		{"GET /logginn/lenke/{token}", accessLogin, "", false, f(s.handleLoginLink)},
		{"GET /logginn/oidc", accessLogin, "", false, f(s.handleOIDCBegin)},
		{"GET /logginn/oidc/tilbake", accessLogin, "", false, f(s.handleOIDCCallback)},
		{"POST /loggut", accessLogin, "", false, f(s.handleLogout)},
		{"GET /admin/brukere", accessAdmin, "", false, f(s.handleUsers)},
		{"POST /admin/brukere", accessAdmin, "", false, f(s.handleUserCreate)},
		{"POST /admin/brukere/{id}", accessAdmin, "", false, f(s.handleUserUpdate)},
		{"GET /admin/logg", accessAdmin, "", false, f(s.handleAuditLog)},
		{"GET /admin/logg.csv", accessAdmin, "", false, f(s.handleAuditCSV)},
		{"GET /admin/innstillinger", accessAdmin, "", false, f(s.handleSettings)},
		{"POST /admin/innstillinger", accessAdmin, "", false, f(s.handleSettingsUpdate)},
		{"GET /tilgjengelighet", accessOpen, "", false, f(s.handleAccessibility)},
		{"GET /static/", accessOpen, "", false, staticHandler()},
		{"/", accessOpen, "", false, f(s.handleNotFound)},
	}
}

// RouteRule is one route and the roles that may use it, for the access
// matrix in tests and documentation.
type RouteRule struct {
	Pattern string
	// Roles may use the route; virk.RolePublic means everyone.
	Roles []virk.Role
	// PublicPage is set for figures pages that the administrator can open
	// to the public (virk.SettingPublicPages); the public is then allowed
	// too.
	PublicPage string
}

// Rules returns every route of the server with the roles that may use
// it, in the order the router holds them.
func (s *Server) Rules() []RouteRule {
	var out []RouteRule
	for _, rt := range s.routes() {
		out = append(out, RouteRule{Pattern: rt.pattern, Roles: rt.access.roles(), PublicPage: rt.page})
	}
	return out
}

// roles lists who may use a route with this rule.
func (a access) roles() []virk.Role {
	switch a {
	case accessOpen, accessLogin:
		return []virk.Role{virk.RolePublic}
	case accessFigures:
		return virk.Roles()
	case accessImport:
		return []virk.Role{virk.RoleAnalyst, virk.RoleHR}
	case accessAdmin:
		return []virk.Role{virk.RoleAdmin}
	case accessFollowUp, accessPortfolio:
		return []virk.Role{virk.RoleAnalyst, virk.RoleAdmin}
	}
	return nil
}

// allows reports whether the viewer may use a route with this rule;
// public tells whether the administrator has opened the route's page to
// the public.
func (a access) allows(v *virk.Viewer, public bool) bool {
	switch a {
	case accessOpen, accessLogin:
		return true
	case accessFigures:
		return public || v.ReadsFigures()
	}
	return slices.ContainsFunc(a.roles(), v.Has)
}

// mount builds the router from the route table. In the public mode only
// the routes open to everyone are there; the others answer 404.
func (s *Server) mount() (*http.ServeMux, error) {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		if rt.access == accessUnset || rt.access.roles() == nil {
			return nil, fmt.Errorf("web: route %q has no access rule", rt.pattern)
		}
		if s.PublicOnly && rt.access != accessOpen {
			continue
		}
		h := rt.handler
		if rt.cached {
			h = s.cachePages(h)
		}
		mux.Handle(rt.pattern, s.guard(rt, h))
	}
	return mux, nil
}

// guard lets through the requests the route's rule allows. Someone not
// logged in is sent to the login page (from a GET) or refused with 401;
// a user without the role is refused with 403. Neither response holds
// anything of the page.
func (s *Server) guard(rt route, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := virk.ViewerFromContext(r.Context())
		// Whether the page is open to the public matters only to those
		// who do not read figures anyway.
		public := rt.page != "" && !v.ReadsFigures() && s.isPublic(r, rt.page)
		if rt.access.allows(v, public) {
			next.ServeHTTP(w, r)
			return
		}
		if !v.LoggedIn() {
			if r.Method == http.MethodGet && !hasBearer(r) {
				http.Redirect(w, r, "/logginn?neste="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.denied(w, r, http.StatusUnauthorized, "access.login")
			return
		}
		s.denied(w, r, http.StatusForbidden, "access.denied")
	})
}

// denied answers a refused request with a short page that says why.
func (s *Server) denied(w http.ResponseWriter, r *http.Request, status int, key string) {
	lang := language(r)
	p := &page{Status: status, Messages: []string{tr(lang, key)}}
	p.Title = tr(lang, "access.title")
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "error", p)
}

func hasBearer(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ")
}
