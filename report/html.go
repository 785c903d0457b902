package report

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"strings"

	"github.com/virk-analyse/virk/nb"
)

//go:embed style.css
var styleCSS string

// HTMLOptions controls WriteHTML.
type HTMLOptions struct {
	// TOCDepth is how many outline levels the table of contents lists:
	// 1 for chapters only, 2 (the default) with their sections, 0 for
	// the default, −1 for no table of contents.
	TOCDepth int
	// ExtraCSS is appended to the embedded style sheet, for a
	// municipality's colours and fonts.
	ExtraCSS string
}

// WriteHTML writes the report as one standalone HTML5 file: lang="nb", a
// skip link, the title page (the document's only <h1>), a table of
// contents, the chapters as <section>s, and the embedded style sheet with
// print rules (A4 margins, each chapter on a new page, table rows and
// figures not split, table headers repeated on each page). It loads
// nothing from outside, so it can be archived or printed to PDF as is.
func (doc *Document) WriteHTML(w io.Writer, opt HTMLOptions) error {
	if opt.TOCDepth == 0 {
		opt.TOCDepth = 2
	}
	page := struct {
		*Document
		CSS       template.CSS
		TOC       template.HTML
		Published string
	}{Document: doc, CSS: template.CSS(styleCSS + opt.ExtraCSS), TOC: doc.toc(opt.TOCDepth)} // #nosec: our own style sheet and the caller's
	if !doc.Published.IsZero() {
		page.Published = nb.Date(doc.Published)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, page); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// toc returns the table of contents as nested ordered lists of links.
func (doc *Document) toc(depth int) template.HTML {
	if depth < 1 {
		return ""
	}
	var b strings.Builder
	level := 0
	for _, h := range doc.Outline {
		if h.Level > depth {
			continue
		}
		if h.Level > level {
			for level < h.Level { // a skipped level gets an item holding the list
				b.WriteString("<ol><li>")
				level++
			}
		} else {
			for level > h.Level {
				b.WriteString("</li></ol>")
				level--
			}
			b.WriteString("</li><li>")
		}
		b.WriteString(`<a href="#` + template.HTMLEscapeString(h.ID) + `">` + template.HTMLEscapeString(h.Title) + `</a>`)
	}
	for level > 0 {
		b.WriteString("</li></ol>")
		level--
	}
	return template.HTML(b.String()) // #nosec: ids and titles escaped above
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}{{with .Subtitle}} – {{.}}{{end}}</title>
{{with .Meta.Organisation}}<meta name="author" content="{{.}}">
{{end}}<meta name="generator" content="virk">
<style>
{{.CSS}}
</style>
</head>
<body>
<a class="skip" href="#innhold">Gå til innholdet</a>
<header class="title-page">
{{with .Meta.Organisation}}<p class="org">{{.}}</p>
{{end}}<h1>{{.Title}}</h1>
{{with .Subtitle}}<p class="subtitle">{{.}}</p>
{{end}}{{with .Published}}<p class="published">Publisert {{.}}</p>
{{end}}</header>
{{with .TOC}}<nav class="toc" aria-labelledby="innholdsfortegnelse">
<h2 id="innholdsfortegnelse">Innhold</h2>
{{.}}
</nav>
{{end}}<main id="innhold" tabindex="-1">
{{range .Chapters}}<section class="chapter" aria-labelledby="{{.ID}}">
{{.HTML}}</section>
{{end}}</main>
<footer class="colophon">
<p>Tabellene, figurene og tallene i teksten er hentet fra dataene da rapporten ble laget.{{with .Meta.Source}} Kilde: {{.}}{{end}}</p>
</footer>
</body>
</html>
`))
