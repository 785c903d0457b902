package web

import (
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/virk-analyse/virk"
)

// catalogueCache keeps the catalogue of one data version: every request
// needs the unit tree to know what its viewer may see, and it changes
// only with an import.
type catalogueCache struct {
	mu      sync.Mutex
	version int64
	cat     *virk.Catalogue
}

// catalogue returns the catalogue of the current data version.
func (s *Server) catalogue(r *http.Request) (*virk.Catalogue, error) {
	version, err := s.dataVersion(r)
	if err != nil {
		return nil, err
	}
	c := &s.cat
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cat != nil && c.version == version {
		return c.cat, nil
	}
	ctx := r.Context()
	inds, _, err := s.Store.FindIndicators(ctx, virk.IndicatorFilter{})
	if err != nil {
		return nil, err
	}
	ents, _, err := s.Store.FindEntities(ctx, virk.EntityFilter{})
	if err != nil {
		return nil, err
	}
	c.cat, c.version = virk.NewCatalogue(inds, ents), version
	return c.cat, nil
}

// store returns the store as the request's viewer may read it: without
// the personnel figures outside the viewer's scope.
func (s *Server) store(r *http.Request) virk.Store {
	cat, err := s.catalogue(r)
	if err != nil {
		// identify built the catalogue for this request already; should
		// it fail now, show nothing rather than everything.
		return virk.PublicViewer().Limit(s.Store, virk.NewCatalogue(nil, nil))
	}
	return virk.ViewerFromContext(r.Context()).Limit(s.Store, cat)
}

// settingsCache keeps the settings for as long as the data version is
// trusted, so that a change by another server process shows soon.
type settingsCache struct {
	mu   sync.Mutex
	read int64 // unix nanoseconds of the last read
	m    map[string]string
}

// settings returns the stored settings.
func (s *Server) settings(r *http.Request) (map[string]string, error) {
	c := &s.sets
	c.mu.Lock()
	defer c.mu.Unlock()
	now := s.Now().UnixNano()
	if c.m != nil && now-c.read < int64(s.versionTTL()) {
		return c.m, nil
	}
	m, err := s.Store.FindSettings(r.Context())
	if err != nil {
		return nil, err
	}
	c.m, c.read = m, now
	return m, nil
}

// forgetSettings makes the next request read the settings again.
func (s *Server) forgetSettings() {
	s.sets.mu.Lock()
	s.sets.m = nil
	s.sets.mu.Unlock()
}

// isPublic reports whether the administrator has opened page to the
// public. A store fault counts as not public.
func (s *Server) isPublic(r *http.Request, page string) bool {
	m, err := s.settings(r)
	if err != nil {
		s.Logger.Error("settings", "err", err)
		return false
	}
	return slices.Contains(splitList(m[virk.SettingPublicPages]), page)
}

// splitList reads a comma-separated setting.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
