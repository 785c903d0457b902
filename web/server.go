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
	"time"

	"github.com/virk-analyse/virk"
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
	// User is recorded on imports made through the web page.
	User string
	// Logger gets one line per request and every internal error.
	Logger *slog.Logger
	// VersionTTL is how long the store's data version is trusted before
	// it is read again (0: 250 ms; negative: read at every request). An
	// import by another process shows on the pages within this time.
	VersionTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	uploads *uploads
	pages   *pages
	cache   *pageCache
	version versionCache
	handler http.Handler
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
	s.uploads = newUploads(s.Now)
	s.pages = mustParsePages()
	s.cache = newPageCache()
	c := s.cachePages

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", c(s.handleScorecard))
	mux.HandleFunc("GET /indikator/{id}", c(s.handleIndicator))
	mux.HandleFunc("GET /indikator/{id}/{file}", c(s.handleIndicatorData))
	mux.HandleFunc("GET /enhet/{id}", c(s.handleUnit))
	mux.HandleFunc("GET /sammenligning", c(s.handlePeers))
	mux.HandleFunc("GET /sammenligning/{file}", c(s.handlePeersData))
	mux.HandleFunc("GET /rapport", c(s.handleReport))
	mux.HandleFunc("GET /rapport.html", c(s.handleReportHTML))
	mux.HandleFunc("GET /rapport.pdf", c(s.handleReportPDF))
	mux.HandleFunc("GET /rapport.xlsx", c(s.handleReportXLSX))
	mux.HandleFunc("GET /import", s.handleImportForm)
	mux.HandleFunc("POST /import", s.handleImportUpload)
	mux.HandleFunc("POST /import/{token}", s.handleImportConfirm)
	mux.HandleFunc("GET /tilgjengelighet", s.handleAccessibility)
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("/", s.handleNotFound)

	var h http.Handler = mux
	h = http.NewCrossOriginProtection().Handler(h)
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

// securityHeaders sets headers every response carries: no framing, no
// sniffing, and a content security policy that allows only the
// application's own assets (inline styles in SVG charts included).
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status code for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
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
	return w.ResponseWriter.Write(b)
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"duration", time.Since(start).Round(time.Microsecond))
	})
}
