package web

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"
)

//go:embed static
var staticFS embed.FS

// staticHandler serves the embedded assets under /static/, cacheable for
// a day. Only files are served: a folder, a name that is not valid UTF-8
// or not a valid path is not found, rather than a listing or an error.
func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if !utf8.ValidString(name) || !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		if fi, err := fs.Stat(sub, name); err != nil || fi.IsDir() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

func (s *Server) handleAccessibility(w http.ResponseWriter, r *http.Request) {
	p := &page{}
	p.Title = tr(language(r), "a11y.title")
	s.render(w, r, "accessibility", p)
}
