package report

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/virk-analyse/virk/kpi"
)

// chapter is a chapter while the report is built.
type chapter struct {
	file   string
	src    []byte
	lines  lineIndex
	doc    ast.Node
	blocks []*blockNode
	parsed []block // parsed[i] belongs to blocks[i]; nil after a fault
	values []*valueNode
	out    *Chapter
}

// Build reads the report folder fsys (rapport.json and the chapters *.md in
// file-name order), checks every block and inline value against the
// catalogue of r, reads the figures they need through package kpi and
// renders the document. Faults in the folder come back as Errors, all of
// them, each placed at its file and line; other errors are the store's.
func Build(ctx context.Context, fsys fs.FS, r kpi.Reader) (*Document, error) {
	return BuildWith(ctx, fsys, r, BuildOptions{})
}

// BuildOptions change how a report is built.
type BuildOptions struct {
	// Withheld reports whether the reader may not see the figures of an
	// indicator for an entity (personnel data outside its scope): an
	// inline figure then prints «:», SSB's mark for a suppressed figure,
	// instead of failing for want of a value, and tables leave the cells
	// empty. r must leave those figures out itself (virk.Viewer.Limit).
	Withheld func(indicator, entity string) bool
}

// BuildWith is Build with options.
func BuildWith(ctx context.Context, fsys fs.FS, r kpi.Reader, opts BuildOptions) (*Document, error) {
	var e errs
	meta := &Meta{lines: map[string]int{}}
	switch data, err := fs.ReadFile(fsys, MetaFile); {
	case errors.Is(err, fs.ErrNotExist):
		e.add(MetaFile, 0, "filen mangler (forventet et JSON-objekt med minst «title»)")
	case err != nil:
		return nil, err
	default:
		meta = readMeta(data, &e)
	}
	if meta.TrendYears == 0 {
		meta.TrendYears = 3
	}
	cat, err := readCatalogue(ctx, r)
	if err != nil {
		return nil, err
	}
	if meta.Entity != "" && cat.ents[meta.Entity] == nil {
		e.list = append(e.list, &Error{File: MetaFile, Line: meta.lines["entity"], Msg: "ukjent enhet " + quote(meta.Entity) + cat.hintEntity(meta.Entity)})
	}
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	if len(names) == 0 {
		e.add(".", 0, "rapportmappen har ingen kapitler (forventet filer *.md)")
	}
	md := newMarkdown()
	var chapters []*chapter
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		chapters = append(chapters, parseChapter(md, name, src, cat, meta, &e))
	}
	if len(e.list) > 0 {
		e.list.sort()
		return nil, e.list
	}

	n := &needs{inds: map[string]bool{}, ents: map[string]bool{}}
	for _, ch := range chapters {
		for _, b := range ch.parsed {
			b.need(n)
		}
		for _, v := range ch.values {
			n.ind(v.expr.ind)
			n.ent(v.expr.ent)
		}
	}
	d, err := loadData(ctx, r, cat, n, meta.TrendYears)
	if err != nil {
		return nil, err
	}
	d.withheld = opts.Withheld
	doc := &Document{Meta: *meta, Title: meta.Title, Subtitle: meta.Subtitle}
	if t, err := time.Parse(time.DateOnly, meta.Published); err == nil {
		doc.Published = t
	}
	for _, ch := range chapters {
		for _, v := range ch.values {
			v.expr.resolve(d, &e)
		}
	}
	// Element ids are unique in the page: the template's, the headings',
	// then the tables' and figures'.
	ids := map[string]bool{"innhold": true, "innholdsfortegnelse": true}
	for _, ch := range chapters {
		ch.headings(doc, ids, &e)
	}
	tables, figures := 0, 0
	for _, ch := range chapters {
		for i, bn := range ch.blocks {
			blk := ch.parsed[i]
			if c, ok := blk.(*chartBlock); ok {
				figures++
				c.id = uniqueSlug("figur-"+itoa(figures), ids)
				ids[c.id] = true
			}
			bn.out.errs = &e
			blk.render(d, bn.out)
			if t := bn.out.table; t != nil {
				tables++
				t.Number, t.ID, t.Chapter = tables, uniqueSlug("tabell-"+itoa(tables), ids), ch.out.ID
				ids[t.ID] = true
				t.File, t.Line = bn.out.b.File, bn.out.b.Line
				doc.Tables = append(doc.Tables, t)
			}
			doc.Warnings = append(doc.Warnings, bn.out.warn...)
		}
	}
	if len(e.list) > 0 {
		e.list.sort()
		return nil, e.list
	}
	for _, ch := range chapters {
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, ch.src, ch.doc); err != nil {
			return nil, err
		}
		ch.out.HTML = template.HTML(buf.String()) // #nosec: goldmark escapes text and drops raw HTML
		doc.Chapters = append(doc.Chapters, ch.out)
	}
	return doc, nil
}

// parseChapter parses a chapter's Markdown, replaces its virk blocks with
// block nodes and checks the blocks and inline values.
func parseChapter(md goldmark.Markdown, name string, src []byte, cat *catalogue, meta *Meta, e *errs) *chapter {
	ch := &chapter{file: name, src: src, lines: newLineIndex(src), out: &Chapter{File: name}}
	ch.doc = md.Parser().Parse(text.NewReader(src))
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(ch.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				f := strings.Fields(string(n.Info.Segment.Value(src)))
				if len(f) > 0 && f[0] == "virk" {
					fences = append(fences, n)
				}
			}
		case *valueNode:
			ch.values = append(ch.values, n)
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		info := strings.Fields(string(f.Info.Segment.Value(src)))
		rb := &rawBlock{File: name, Line: ch.lines.line(f.Info.Segment.Start)}
		if len(info) > 1 {
			rb.Kind = info[1]
		}
		if len(info) > 2 {
			e.add(name, rb.Line, "uventet tekst %s etter «virk %s» (forventet bare blokktypen)", quote(strings.Join(info[2:], " ")), rb.Kind)
		}
		var body []srcLine
		for i := 0; i < f.Lines().Len(); i++ {
			seg := f.Lines().At(i)
			body = append(body, srcLine{Text: string(seg.Value(src)), Line: ch.lines.line(seg.Start)})
		}
		parseBody(rb, body, e)
		bn := &blockNode{out: &blockOut{b: rb}}
		f.Parent().ReplaceChild(f.Parent(), f, bn)
		if blk := parseBlock(rb, cat, meta, e); blk != nil {
			ch.blocks = append(ch.blocks, bn)
			ch.parsed = append(ch.parsed, blk)
		}
	}
	kept := ch.values[:0]
	for _, v := range ch.values {
		line := ch.lines.line(v.offset)
		if v.open {
			e.add(name, line, "«{{» uten «}}» på samme linje (forventet {{FUNKSJON INDIKATOR ENHET [PERIODE]}})")
			continue
		}
		if v.expr = parseInline(v.raw, name, line, cat, meta, e); v.expr != nil {
			kept = append(kept, v)
		}
	}
	ch.values = kept
	return ch
}

// headings gives every heading an id (its {#id} or a slug of its text,
// unique in the document), moves it one level down, takes the chapter's
// title from its one level-1 heading and adds the outline entries.
func (ch *chapter) headings(doc *Document, ids map[string]bool, e *errs) {
	var hs []*ast.Heading
	_ = ast.Walk(ch.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			hs = append(hs, h)
		}
		return ast.WalkContinue, nil
	})
	var outline []Heading
	for _, h := range hs {
		title := plainText(h, ch.src)
		line := 1
		if h.Lines().Len() > 0 {
			line = ch.lines.line(h.Lines().At(0).Start)
		}
		id := ""
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
			if ids[id] {
				e.add(ch.file, line, "overskrifts-IDen %s er brukt før (forventet en ID som er unik i rapporten)", quote(id))
			}
		} else {
			id = uniqueSlug(title, ids)
		}
		ids[id] = true
		h.SetAttributeString("id", []byte(id))
		if h.Level == 1 {
			if ch.out.ID != "" {
				e.add(ch.file, line, "kapitlet har mer enn én overskrift på nivå 1 («# …»); hvert kapittel har nøyaktig én")
			} else {
				ch.out.ID, ch.out.Title = id, title
			}
		}
		outline = append(outline, Heading{Level: h.Level, ID: id, Title: title})
		h.Level = min(h.Level+1, 6)
	}
	if ch.out.ID == "" {
		e.add(ch.file, 1, "kapitlet mangler overskrift på nivå 1 («# Tittel»)")
	}
	for i := range outline {
		outline[i].Chapter = ch.out.ID
	}
	doc.Outline = append(doc.Outline, outline...)
}

// plainText returns the text of a heading, with inline values resolved.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *valueNode:
				if c.expr != nil {
					b.WriteString(c.expr.text)
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// uniqueSlug makes an element id from a heading: "2.2.1 Utvikling i
// utgifter" → "2-2-1-utvikling-i-utgifter", with "-2", "-3" … for repeats.
func uniqueSlug(title string, ids map[string]bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		var s string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			s = string(r)
		case r == 'æ':
			s = "ae"
		case r == 'ø':
			s = "o"
		case r == 'å':
			s = "a"
		case r == 'é' || r == 'è':
			s = "e"
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(s)
	}
	base := b.String()
	if base == "" {
		base = "avsnitt"
	}
	id := base
	for i := 2; ids[id]; i++ {
		id = base + "-" + itoa(i)
	}
	return id
}
