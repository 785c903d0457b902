package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is an element of parsed markup, enough to check structure.
type node struct {
	name   string
	attr   map[string]string
	text   strings.Builder // character data directly inside
	kids   []*node
	parent *node
}

// parseXML parses data, which must be one well-formed element.
func parseXML(t testing.TB, data []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var root, cur *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, data)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			if cur == nil {
				if root != nil {
					t.Fatalf("more than one root element")
				}
				root = n
			} else {
				cur.kids = append(cur.kids, n)
			}
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			if cur != nil {
				cur.text.Write(tok)
			}
		}
	}
	if root == nil {
		t.Fatalf("no element in %q", data)
	}
	return root
}

// all returns n's descendants named name, in document order; "" for all.
func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if name == "" || k.name == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

// group returns the first <g> descendant whose class list has class.
func (n *node) group(class string) *node {
	for _, g := range n.all("g") {
		for _, c := range strings.Fields(g.attr["class"]) {
			if c == class {
				return g
			}
		}
	}
	return nil
}

// textAll is the text of n and its descendants.
func (n *node) textAll() string {
	s := n.text.String()
	for _, k := range n.kids {
		s += k.textAll()
	}
	return s
}
