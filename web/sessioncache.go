package web

import (
	"sync"
	"time"

	"github.com/virk-analyse/virk"
)

// sessionCacheTTL is how long a session and its user, once read from the
// store, are trusted without reading them again. Within this server a
// logout, a block or a change of roles takes effect at once (the entry is
// dropped); made by another server process on the same store, it takes
// effect within this time.
const sessionCacheTTL = time.Second

// maxCachedSessions bounds the cache; past it, stale entries are swept.
const maxCachedSessions = 10000

// sessionCache keeps recently read sessions, so that a logged-in page
// from the page cache costs no database round trip.
type sessionCache struct {
	mu sync.Mutex
	m  map[string]*cachedSession // by session ID
}

type cachedSession struct {
	sess *virk.Session
	user *virk.User
	read time.Time
	// viewer is built for cat, the catalogue of one data version.
	viewer *virk.Viewer
	cat    *virk.Catalogue
}

// get returns the entry for id if it was read within the TTL and the
// session has not expired.
func (c *sessionCache) get(id string, now time.Time) *cachedSession {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[id]
	if e == nil || now.Sub(e.read) > sessionCacheTTL || !now.Before(e.sess.ExpiresAt) {
		return nil
	}
	return e
}

func (c *sessionCache) put(e *cachedSession) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*cachedSession{}
	}
	if len(c.m) >= maxCachedSessions {
		for id, old := range c.m {
			if e.read.Sub(old.read) > sessionCacheTTL {
				delete(c.m, id)
			}
		}
	}
	c.m[e.sess.ID] = e
}

// viewerFor returns the entry's viewer for cat, building it once per
// catalogue.
func (c *sessionCache) viewerFor(e *cachedSession, cat *virk.Catalogue) *virk.Viewer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.viewer == nil || e.cat != cat {
		e.viewer, e.cat = virk.NewViewer(e.user, cat), cat
	}
	return e.viewer
}

// forget drops a session.
func (c *sessionCache) forget(id string) {
	c.mu.Lock()
	delete(c.m, id)
	c.mu.Unlock()
}

// forgetUser drops every session of a user, after its roles or state
// changed.
func (c *sessionCache) forgetUser(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, e := range c.m {
		if e.user.ID == userID {
			delete(c.m, id)
		}
	}
}
