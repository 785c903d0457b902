// Package web serves virk to leaders as a web application: the scorecard,
// one page per indicator and per organisational unit, the published
// report, and an import page. Pages are rendered on the server with
// html/template and work without JavaScript; every asset is embedded.
package web

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/idp"
	"github.com/virk-analyse/virk/peer"
)

// PDFPrinter turns a standalone HTML document into a PDF. The report page
// uses it for its PDF download; without one, the download explains what
// to install.
type PDFPrinter interface {
	PrintPDF(ctx context.Context, html []byte) ([]byte, error)
}

// Server is the web application. Set the fields, then call Handler or
// ListenAndServe.
type Server struct {
	Store virk.Store
	// Report is the folder of the report shown on /rapport; nil hides it.
	Report fs.FS
	// PDF prints the report; nil means no PDF.
	PDF PDFPrinter
	// PDFUnavailable says why there is no PDF printer, shown to users.
	PDFUnavailable string
	// Home is the entity the scorecard shows first, with its units; empty
	// picks the one with the most units below it.
	Home string
	// Register is the municipality number register (SSB's KLASS 131) that
	// finds merged municipalities for back-calculated series; nil means
	// the one virk has built in.
	Register *peer.Register
	// OIDC logs users in through the municipality's identity provider;
	// nil offers local accounts only.
	OIDC *idp.Provider
	// PublicOnly serves only what is open to everyone: the published
	// report, the accessibility statement and the static files. No one
	// logs in, and every other route answers 404.
	PublicOnly bool
	// Logger gets one line per request and every internal error.
	Logger *slog.Logger
	// VersionTTL is how long the store's data version is trusted before
	// it is read again (0: 250 ms; negative: read at every request). An
	// import by another process shows on the pages within this time.
	VersionTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// SpoolDir is the folder where checked uploads wait, on disk, for
	// their confirmation (at most an hour); memory keeps only where they
	// are. The server takes the folder for its own: at start it removes
	// the files an earlier run left there, which cannot be confirmed any
	// more. Empty means a folder of this user under os.TempDir(), which
	// other servers may share, so there only files older than an hour
	// are removed.
	SpoolDir string
	// ImportWait is how long a confirmed upload waits for another import
	// to finish before the user is asked to try again; 0 is 90 seconds,
	// well within the write timeout of two minutes.
	ImportWait time.Duration

	uploads  *uploads
	pages    *pages
	cache    *pageCache
	version  versionCache
	cat      catalogueCache
	sets     settingsCache
	fails    failures
	sessions sessionCache
	handler  http.Handler
}

// Handler returns the application's HTTP handler.
func (s *Server) Handler() http.Handler {
	if s.handler != nil {
		return s.handler
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Register == nil {
		s.Register = peer.NewRegister(peer.KLASS131())
	}
	s.uploads = newUploads(s.SpoolDir, s.Now, s.Logger)
	if !s.PublicOnly { // a public server takes no uploads: its folder is left alone
		s.uploads.start()
	}
	s.pages = mustParsePages()
	s.cache = newPageCache()

	mux, err := s.mount()
	if err != nil {
		panic(err) // the route table is part of virk: a fault is a bug
	}
	// Outermost first: log, set the security headers, find who asks,
	// refuse cross-origin and token-less forms, then route and guard.
	var h http.Handler = mux
	h = s.protectForms(h)
	h = http.NewCrossOriginProtection().Handler(h)
	if !s.PublicOnly {
		h = s.identify(h)
	}
	h = s.securityHeaders(h)
	h = s.logRequests(h)
	s.handler = h
	return h
}

// ListenAndServe serves on addr until ctx is done, then shuts down
// gracefully. ready, when not nil, is called with the URL once the server
// listens.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return virk.Errorf(virk.EINVALID, "kan ikke lytte på %s: %v", addr, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads
		WriteTimeout:      2 * time.Minute, // PDF
		IdleTimeout:       2 * time.Minute,
	}
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// statusWriter remembers the status code and size for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.Logger.Info("request", "method", r.Method, "path", logPath(r.URL.Path), "status", sw.status,
			"bytes", sw.bytes, "duration", time.Since(start).Round(time.Microsecond))
	})
}

// tokenPaths are the paths whose last part is a secret: a sign-in link
// and a checked upload waiting for its confirmation.
var tokenPaths = []string{"/logginn/lenke/", "/import/"}

// logPath is the path as the request log writes it: without the query,
// which may hold a token, and with a secret in the path left out.
func logPath(p string) string {
	for _, prefix := range tokenPaths {
		if strings.HasPrefix(p, prefix) && len(p) > len(prefix) {
			return prefix + "…"
		}
	}
	return p
}
