package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/virk-analyse/virk/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

// TestWriteHTML_Demo parses the demo report's HTML and checks what makes
// it accessible and printable: lang="nb", one <h1>, no skipped heading
// levels, a skip link to <main>, unique ids, links that resolve, every
// table with a <caption> first, a <thead> and <th scope>, and nothing
// loaded from outside.
func TestWriteHTML_Demo(t *testing.T) {
	doc := mustBuildDemo(t)
	var buf bytes.Buffer
	if err := doc.WriteHTML(&buf, report.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int{}
	var links []string
	h1, tables, prevLevel := 0, 0, 0
	var inline []string
	walk(root, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if id, ok := attr(n, "id"); ok {
			ids[id]++
		}
		if href, ok := attr(n, "href"); ok {
			if !strings.HasPrefix(href, "#") {
				t.Errorf("link to %q: the file must stand alone", href)
			}
			links = append(links, strings.TrimPrefix(href, "#"))
		}
		switch n.Data {
		case "html":
			if lang, _ := attr(n, "lang"); lang != "nb" {
				t.Errorf(`<html lang=%q>, want "nb"`, lang)
			}
		case "script", "link", "img", "iframe":
			t.Errorf("<%s> in a standalone report", n.Data)
		case "h1", "h2", "h3", "h4", "h5", "h6":
			level := int(n.Data[1] - '0')
			if level == 1 {
				h1++
			}
			if level > prevLevel+1 {
				t.Errorf("<%s> %q follows <h%d>: a skipped level", n.Data, textOf(n), prevLevel)
			}
			prevLevel = level
		case "table":
			tables++
			first := n.FirstChild
			for first != nil && first.Type != html.ElementNode {
				first = first.NextSibling
			}
			if first == nil || first.Data != "caption" || strings.TrimSpace(textOf(first)) == "" {
				t.Errorf("a table without a caption first: %.80q", textOf(n))
			}
			thead := false
			walk(n, func(c *html.Node) {
				if c.Type != html.ElementNode {
					return
				}
				if c.Data == "thead" {
					thead = true
				}
				if scope, _ := attr(c, "scope"); c.Data == "th" && scope == "" {
					t.Errorf("<th> %q without scope in table %.40q", textOf(c), textOf(first))
				}
			})
			if !thead {
				t.Errorf("table %.40q has no <thead>", textOf(first))
			}
		case "span":
			if class, _ := attr(n, "class"); class == "verdi" {
				inline = append(inline, textOf(n))
			}
		}
	})
	if h1 != 1 {
		t.Errorf("%d <h1>, want 1 (the report's title)", h1)
	}
	// The 17 tables of the seed, one of sick leave by area, one of energy
	// by building category, one of the workforce projection, three of the
	// project portfolio, and the data table of each of the 9 charts.
	if len(doc.Tables) != 23 || tables != 32 {
		t.Errorf("%d tables (%d in the HTML), want 23 (32)", len(doc.Tables), tables)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	for _, l := range links {
		if ids[l] == 0 {
			t.Errorf("link to #%s, which is not in the page", l)
		}
	}
	if ids["innhold"] == 0 || !strings.Contains(buf.String(), `<a class="skip" href="#innhold">`) {
		t.Error("no skip link to the main content")
	}
	if !strings.Contains(strings.Join(inline, "|"), "7,3\u00a0%") {
		t.Errorf("no inline value 7,3 %% among %q", inline)
	}
	for _, css := range []string{"@page", "break-before: page", "break-inside: avoid", "display: table-header-group"} {
		if !strings.Contains(buf.String(), css) {
			t.Errorf("the style sheet lacks %q", css)
		}
	}
}

// TestWriteHTML_Golden compares a small report without charts with
// testdata/TestWriteHTML_Golden/rapport.html; -update rewrites it.
func TestWriteHTML_Golden(t *testing.T) {
	dir := filepath.Join("testdata", t.Name())
	doc, err := report.Build(context.Background(), os.DirFS(filepath.Join(dir, "rapport")), smallStore(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := doc.WriteHTML(&buf, report.HTMLOptions{TOCDepth: 2}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join(dir, "rapport.html.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("HTML differs from %s (run go test -run %s -update and review the diff)", golden, t.Name())
	}
}
