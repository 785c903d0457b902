package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/kpi"
	"github.com/virk-analyse/virk/nb"
)

//go:embed templates
var templateFS embed.FS

// page is what every template gets: the request's language and the
// page's own data.
type page struct {
	Lang     string
	Title    string
	Nav      string // the menu entry of this page, for aria-current
	LangURL  string // the same page in the other language
	Data     any
	Status   int
	Messages []string
	// Viewer is who the page is for: the menu shows what it may use.
	Viewer *virk.Viewer
	// CSRF and UserName are markers that personalize fills in, so that a
	// cached page can serve every session of the same viewer key.
	CSRF, UserName string
}

// May reports whether the page's viewer may use the part of virk named by
// what: "figures", "import" or "admin".
func (p *page) May(what string) bool {
	v := p.Viewer
	if v == nil {
		v = virk.PublicViewer()
	}
	switch what {
	case "figures":
		return v.ReadsFigures()
	case "import":
		return accessImport.allows(v, false)
	case "admin":
		return accessAdmin.allows(v, false)
	}
	return false
}

// T returns the interface text for key in the page's language.
func (p *page) T(key string) string { return tr(p.Lang, key) }

// Other returns the other language's code.
func (p *page) Other() string {
	if p.Lang == langEN {
		return langNB
	}
	return langEN
}

// pages holds one template set per page, each with the shared layout.
type pages struct {
	sets map[string]*template.Template
}

func mustParsePages() *pages {
	p, err := parsePages()
	if err != nil {
		panic(err) // the templates are embedded: a fault is a bug in virk
	}
	return p
}

func parsePages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{sets: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "part_") {
			continue // shared parts, parsed with every page
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/part_*.html", n)
		if err != nil {
			return nil, err
		}
		p.sets[base] = t
	}
	return p, nil
}

// render writes the page through the layout. It renders into a buffer
// first, so that a template fault gives a clean error page, not half a
// page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) {
	p.Lang = language(r)
	p.LangURL = withLang(r, p.Other())
	p.Viewer = virk.ViewerFromContext(r.Context())
	p.CSRF, p.UserName = csrfMarker, userMarker
	if l := r.URL.Query().Get("lang"); l == langEN || l == langNB {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
	}
	t := s.pages.sets[name]
	var b bytes.Buffer
	if t == nil {
		s.serverError(w, r, fmt.Errorf("web: no template %q", name))
		return
	}
	if err := t.Execute(&b, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if p.Status != 0 {
		w.WriteHeader(p.Status)
	}
	if forCache, _ := r.Context().Value(forCacheKey{}).(bool); forCache {
		b.WriteTo(w) // cachePages fills in the markers
		return
	}
	personalOf(r).write(w, b.Bytes())
}

// serverError logs an internal error and shows a page without its text.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		// The client went away (or the server is shutting down) while the
		// page was made: nothing is wrong, and no one reads an answer.
		s.Logger.Info("request abandoned", "path", r.URL.Path, "err", err)
		return
	}
	s.Logger.Error("internal error", "path", r.URL.Path, "err", err)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	lang := language(r)
	fmt.Fprintf(w, "<!doctype html><html lang=%q><meta charset=utf-8><title>%s</title><main><h1>%s</h1><p>%s</p></main></html>",
		lang, tr(lang, "error.title"), tr(lang, "error.title"), template.HTMLEscapeString(virk.ErrorMessage(err)))
}

// fail shows a user-facing error: the message of a virk.Error with its
// HTTP status, or an internal error.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := map[string]int{
		virk.EINVALID:  http.StatusBadRequest,
		virk.ENOTFOUND: http.StatusNotFound,
		virk.ECONFLICT: http.StatusConflict,
	}[virk.ErrorCode(err)]
	if status == 0 {
		s.serverError(w, r, err)
		return
	}
	title := "error.title"
	if status == http.StatusNotFound {
		title = "notfound.title"
	}
	p := &page{Status: status, Messages: []string{virk.ErrorMessage(err)}}
	p.Title = tr(language(r), title)
	s.render(w, r, "error", p)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	p := &page{Status: http.StatusNotFound}
	p.Title = tr(language(r), "notfound.title")
	p.Messages = []string{tr(language(r), "notfound.text")}
	s.render(w, r, "error", p)
}

// funcs are the template functions: Norwegian number formatting and the
// small decisions the pages share.
var funcs = template.FuncMap{
	"num":     formatNumber,
	"value":   formatValue,
	"change":  formatChange,
	"trend":   formatTrend,
	"arrow":   directionArrow,
	"dirKey":  directionKey,
	"date":    func(t interface{ Format(string) string }) string { return t.Format("02.01.2006 15:04") },
	"label":   indicatorLabel,
	"hasText": func(s string) bool { return strings.TrimSpace(s) != "" },
	"valueAt": valueAt,
	"back":    bt,
	"add":     func(a, b int) int { return a + b },
	"sub":     func(a, b int) int { return a - b },
}

func formatNumber(v float64, decimals int) string { return nb.Number(v, decimals) }

// formatValue prints a value in its unit: "7,3 %" or "1 422,3".
func formatValue(v *float64, unit string, decimals int) string {
	if v == nil {
		return ""
	}
	if unit == "%" {
		return nb.Percent(*v, decimals)
	}
	return nb.Number(*v, decimals)
}

// formatChange prints a change in percent with one decimal and a sign.
func formatChange(v *float64) string {
	if v == nil {
		return ""
	}
	s := nb.Percent(*v, 1)
	if nb.Round(*v, 1) > 0 {
		s = "+" + s
	}
	return s
}

// formatTrend prints a trend per year in the row's unit (percentage
// points for percentages) with a sign.
func formatTrend(t *kpi.Trend, unit string, decimals int) string {
	if t == nil {
		return ""
	}
	v := t.PerYear
	s := formatValue(&v, unit, decimals)
	if unit == "%" {
		s = strings.TrimSuffix(s, "\u00a0%") + "\u00a0pp"
	}
	if nb.Round(v, decimals) > 0 {
		s = "+" + s
	}
	return s
}

// dirInt accepts a kpi.Row's int direction or a virk.Direction.
func dirInt(d any) int {
	switch d := d.(type) {
	case int:
		return d
	case virk.Direction:
		return int(d)
	}
	return 0
}

func directionArrow(d any) string {
	switch dirInt(d) {
	case 1:
		return "↑"
	case -1:
		return "↓"
	}
	return "–"
}

func directionKey(d any) string {
	switch dirInt(d) {
	case 1:
		return "dir.up"
	case -1:
		return "dir.down"
	}
	return "dir.none"
}

// indicatorLabel returns the indicator's label in lang, falling back to
// bokmål.
func indicatorLabel(lang, nbLabel, enLabel string) string {
	if lang == langEN && enLabel != "" {
		return enLabel
	}
	return nbLabel
}

// writeHTML writes s as html/template writes a string in text or in a
// quoted attribute value: NUL, quotes, "&", "+", "<" and ">" replaced.
// Every one is ASCII, so bytes can be looked at one by one.
func writeHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// writeURL writes s as html/template writes it in a quoted href: in
// the path (norm, which keeps the characters that delimit a URL and
// valid escapes) or after the "?" (every byte but letters, digits and
// "-._~" escaped), then escaped for the attribute.
func writeURL(b *strings.Builder, s string, norm bool) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
			continue
		case norm && c == '&':
			b.WriteString("&amp;")
			continue
		case norm && c == '+':
			b.WriteString("&#43;")
			continue
		case norm && strings.IndexByte("!#$*,/:;=?@[]", c) >= 0:
			b.WriteByte(c)
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
