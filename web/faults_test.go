package web_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/store/sqlite"
	"github.com/virk-analyse/virk/web"
)

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// loggedServer is the web app over an empty store, logging to the buffer
// returned.
func loggedServer(t *testing.T) (*web.Server, *syncBuffer) {
	s, log, _ := loggedStore(t)
	return s, log
}

func loggedStore(t *testing.T) (*web.Server, *syncBuffer, virk.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "virk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := &syncBuffer{}
	return &web.Server{Store: st, Logger: slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelInfo}))}, log, st
}

// TestStatic_Faults: the asset folder answers only for files; a folder, a
// name that is not UTF-8 or not a valid path is not found, never listed
// and never an internal error.
func TestStatic_Faults(t *testing.T) {
	s, log := loggedServer(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/static/virk.css", 200},
		{"/static/", 404},
		{"/static/%ff%fe.css", 404},
		{"/static/nope.css", 404},
	} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
	}
	if strings.Contains(log.String(), "internal error") {
		t.Errorf("an internal error was logged:\n%s", log)
	}
}

// TestRequestLog: one line per request at Info, with the path but not
// the query, and with the secret of a sign-in link left out; a request
// the client gave up is not an internal error.
func TestRequestLog(t *testing.T) {
	s, log, st := loggedStore(t)
	h := asAdmin(t, st, s.Handler())
	for _, target := range []string{"/tilgjengelighet?token=hemmelig", "/logginn/lenke/virk_lenke_hemmelig"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", target, nil))
	}
	out := log.String()
	for _, want := range []string{`msg=request method=GET path=/tilgjengelighet status=200 bytes=`, `path=/logginn/lenke/… status=`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hemmelig") {
		t.Errorf("the log shows a secret:\n%s", out)
	}

	// A client that gave up before the page was made.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil).WithContext(ctx))
	if strings.Contains(log.String(), "internal error") {
		t.Errorf("an abandoned request was logged as an internal error:\n%s", log)
	}
	// The page given up is not kept for the next one.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Header().Get("X-Virk-Cache") == "hit" || !strings.Contains(rec.Body.String(), "</html>") {
		t.Errorf("after an abandoned request: cache %q, %d bytes", rec.Header().Get("X-Virk-Cache"), rec.Body.Len())
	}
}
