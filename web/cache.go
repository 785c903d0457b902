package web

import (
	"bytes"
	"container/list"
	"context"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
)

// The page cache keeps rendered responses until the data changes: a page
// is computed from the store, and the store's data version (the newest
// batch) changes with every import, whichever process makes it.
const (
	cacheEntries = 512
	cacheBytes   = 256 << 20
)

type pageCache struct {
	mu      sync.Mutex
	version int64
	size    int
	order   *list.List // of *cached, most recent first
	byKey   map[string]*list.Element
	// rows serves the long pages that the cache has not kept.
	rows rowIndexes
}

// rowIndexes keeps, for one data version, the catalogue and, for each
// viewer key, a kpi.Index of which rows the entities' scorecards have: a
// page of a long table is then counted and built from the observations
// of its own rows, not of every row. Reading an entity's observations for
// its index is done once per data version and viewer key, and an index
// takes a bit per indicator and entity indexed.
type rowIndexes struct {
	mu      sync.Mutex
	version int64
	inds    []*virk.Indicator
	ents    []*virk.Entity
	byKey   map[string]*kpi.Index
}

// maxRowIndexes bounds the viewer keys indexed at once; past it the
// indexes are dropped and made again as requests need them.
const maxRowIndexes = 64

// rowIndex returns the catalogue of the current data version (every
// indicator and entity, which the caller must not change) and the row
// index of the request's viewer, through whose store the index reads.
func (s *Server) rowIndex(r *http.Request) (*kpi.Index, []*virk.Indicator, []*virk.Entity, error) {
	version, err := s.dataVersion(r)
	if err != nil {
		return nil, nil, nil, err
	}
	c := &s.cache.rows
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inds == nil || c.version != version {
		ctx := r.Context()
		inds, _, err := s.Store.FindIndicators(ctx, virk.IndicatorFilter{})
		if err != nil {
			return nil, nil, nil, err
		}
		ents, _, err := s.Store.FindEntities(ctx, virk.EntityFilter{})
		if err != nil {
			return nil, nil, nil, err
		}
		c.version, c.inds, c.ents, c.byKey = version, inds, ents, map[string]*kpi.Index{}
	}
	key := virk.ViewerFromContext(r.Context()).Key()
	x := c.byKey[key]
	if x == nil {
		if len(c.byKey) >= maxRowIndexes {
			clear(c.byKey)
		}
		x = kpi.NewIndex(c.inds, c.ents)
		c.byKey[key] = x
	}
	return x, c.inds, c.ents, nil
}

type cached struct {
	key    string
	status int
	header http.Header
	body   []byte
	// marks are where the session's markers are in body, found once when
	// the page is cached, so that a hit only copies.
	marks []mark
}

// mark is a marker at pos in a cached body.
type mark struct {
	pos  int
	user bool // userMarker, else csrfMarker
}

// findMarks lists the markers of body in order.
func findMarks(body []byte) []mark {
	var out []mark
	for off := 0; ; {
		i := bytes.Index(body[off:], markerPrefix)
		if i < 0 {
			return out
		}
		pos := off + i
		switch {
		case bytes.HasPrefix(body[pos:], csrfMark):
			out = append(out, mark{pos, false})
			off = pos + len(csrfMark)
		case bytes.HasPrefix(body[pos:], userMark):
			out = append(out, mark{pos, true})
			off = pos + len(userMark)
		default:
			off = pos + len(markerPrefix)
		}
	}
}

func newPageCache() *pageCache {
	return &pageCache{order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the response for key at version; a new version empties the
// cache.
func (c *pageCache) get(version int64, key string) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.order.Init()
		clear(c.byKey)
		c.size, c.version = 0, version
		return nil
	}
	e, ok := c.byKey[key]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*cached)
}

func (c *pageCache) put(version int64, r *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version || len(r.body) > cacheBytes/8 {
		return
	}
	if e, ok := c.byKey[r.key]; ok {
		c.size -= len(e.Value.(*cached).body)
		c.order.Remove(e)
	}
	c.byKey[r.key] = c.order.PushFront(r)
	c.size += len(r.body)
	for c.order.Len() > cacheEntries || c.size > cacheBytes {
		last := c.order.Back()
		old := last.Value.(*cached)
		c.order.Remove(last)
		delete(c.byKey, old.key)
		c.size -= len(old.body)
	}
}

// defaultVersionTTL is how long a data version read from the store is trusted:
// an import by another process shows within this time, and a busy server
// asks the store a few times a second rather than at every request. An
// import through this server's own page shows at once.
const defaultVersionTTL = 250 * time.Millisecond

type versionCache struct {
	mu      sync.Mutex
	version int64
	read    time.Time
}

func (s *Server) dataVersion(r *http.Request) (int64, error) {
	vc := &s.version
	vc.mu.Lock()
	defer vc.mu.Unlock()
	ttl := s.versionTTL()
	if !vc.read.IsZero() && time.Since(vc.read) < ttl {
		return vc.version, nil
	}
	v, err := s.Store.DataVersion(r.Context())
	if err != nil {
		return 0, err
	}
	vc.version, vc.read = v, time.Now()
	return v, nil
}

// versionTTL is how long a data version read from the store is trusted.
func (s *Server) versionTTL() time.Duration {
	if s.VersionTTL == 0 {
		return defaultVersionTTL
	}
	return s.VersionTTL
}

// forgetVersion makes the next request read the data version again.
func (s *Server) forgetVersion() {
	s.version.mu.Lock()
	s.version.read = time.Time{}
	s.version.mu.Unlock()
}

// recorder keeps a response to cache it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// cachePages serves GET requests from the page cache while the data
// version stays the same. Only complete 200 responses are kept, and none
// marked no-store. The key holds the page's language, which may come from
// a cookie, and the viewer's key: viewers who may see different figures
// never share a page. What belongs to one session (the form token, the
// user's name) is left in the cached page as a marker and filled in for
// each response.
func (s *Server) cachePages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		version, err := s.dataVersion(r)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		key := language(r) + " " + virk.ViewerFromContext(r.Context()).Key() + " " + r.URL.RequestURI()
		if c := s.cache.get(version, key); c != nil && !noCache(r) {
			h := w.Header()
			for k, v := range c.header {
				h[k] = v
			}
			p := personalOf(r)
			h.Set("X-Virk-Cache", "hit")
			h.Set("Content-Length", strconv.Itoa(p.sizeMarked(c.body, c.marks)))
			w.WriteHeader(c.status)
			p.writeMarked(w, c.body, c.marks)
			return
		}
		rec := &recorder{header: http.Header{}}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), forCacheKey{}, true)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		h := w.Header()
		for k, v := range rec.header {
			h[k] = v
		}
		body := rec.body.Bytes()
		marks := findMarks(body)
		// Into the cache before the answer: the next request may come as
		// soon as this one is answered.
		// A page given up half-made, as its client went away, is not kept.
		if rec.status == http.StatusOK && r.Context().Err() == nil && !strings.Contains(rec.header.Get("Cache-Control"), "no-store") {
			s.cache.put(version, &cached{key: key, status: rec.status, header: rec.header.Clone(), body: body, marks: marks})
		}
		p := personalOf(r)
		h.Set("Content-Length", strconv.Itoa(p.sizeMarked(body, marks)))
		w.WriteHeader(rec.status)
		p.writeMarked(w, body, marks)
	})
}

// noCache reports whether the request asks for a page made afresh
// ("Cache-Control: no-cache", as a browser's forced reload and a benchmark
// send; "Pragma: no-cache" from HTTP/1.0): the page is made and replaces
// the cached one. Anyone may ask, as anyone may already miss the cache by
// adding a query string; what keeps this from costing the server much is
// that every cached page is bounded: long tables come in pages.
func noCache(r *http.Request) bool {
	for _, v := range r.Header.Values("Cache-Control") {
		for _, d := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(d), "no-cache") {
				return true
			}
		}
	}
	return strings.EqualFold(strings.TrimSpace(r.Header.Get("Pragma")), "no-cache")
}

// forCacheKey marks a request whose page goes into the cache: render
// leaves the session's parts as markers.
type forCacheKey struct{}

// Markers for what differs between sessions that share a cached page.
// They survive html/template's escaping unchanged.
const (
	csrfMarker = "virk-marker-csrf-7d1f"
	userMarker = "virk-marker-user-7d1f"
)

// personal is what fills in the markers of a page for one session.
type personal struct{ csrf, name []byte }

func personalOf(r *http.Request) personal {
	name := ""
	if v := virk.ViewerFromContext(r.Context()); v.User != nil {
		name = v.User.Name
		if name == "" {
			name = v.User.Login
		}
	}
	return personal{csrf: []byte(stateFrom(r.Context()).csrf), name: []byte(template.HTMLEscapeString(name))}
}

var (
	markerPrefix = []byte("virk-marker-")
	csrfMark     = []byte(csrfMarker)
	userMark     = []byte(userMarker)
)

// sizeMarked is the length of body with its marks filled in.
func (p personal) sizeMarked(body []byte, marks []mark) int {
	n := len(body)
	for _, m := range marks {
		if m.user {
			n += len(p.name) - len(userMark)
		} else {
			n += len(p.csrf) - len(csrfMark)
		}
	}
	return n
}

// writeMarked writes body with its marks filled in, without copying it.
func (p personal) writeMarked(w io.Writer, body []byte, marks []mark) {
	off := 0
	for _, m := range marks {
		w.Write(body[off:m.pos])
		if m.user {
			w.Write(p.name)
			off = m.pos + len(userMark)
		} else {
			w.Write(p.csrf)
			off = m.pos + len(csrfMark)
		}
	}
	w.Write(body[off:])
}

// write writes body with the markers filled in.
func (p personal) write(w io.Writer, body []byte) { p.writeMarked(w, body, findMarks(body)) }
