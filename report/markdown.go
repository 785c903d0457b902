package report

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown returns the Markdown converter of reports: CommonMark with
// GFM tables and strikethrough, heading attributes ({#id}), inline values
// {{…}}, and the renderers of virk blocks and inline values. Raw HTML in
// chapters is not passed through (goldmark's safe default), so a chapter
// cannot break the page's markup or accessibility.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithInlineParsers(util.Prioritized(valueParser{}, 500)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
		),
	)
}

// kindValue and kindBlock are the AST nodes of inline values and virk
// blocks.
var (
	kindValue = ast.NewNodeKind("VirkValue")
	kindBlock = ast.NewNodeKind("VirkBlock")
)

// valueNode is an inline value {{…}} in running text.
type valueNode struct {
	ast.BaseInline
	raw    string // the text between the braces
	offset int    // where "{{" is in the source
	open   bool   // "{{" without "}}" on the same line
	expr   *inlineExpr
}

func (n *valueNode) Kind() ast.NodeKind { return kindValue }

func (n *valueNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Raw": n.raw}, nil)
}

// blockNode replaces a fenced code block ```virk KIND.
type blockNode struct {
	ast.BaseBlock
	out *blockOut
}

func (n *blockNode) Kind() ast.NodeKind { return kindBlock }

func (n *blockNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// valueParser reads "{{ … }}" within one line.
type valueParser struct{}

func (valueParser) Trigger() []byte { return []byte{'{'} }

func (valueParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	end := bytes.Index(line[2:], []byte("}}"))
	if end < 0 {
		block.Advance(2)
		return &valueNode{raw: string(bytes.TrimRight(line, "\r\n")), offset: seg.Start, open: true}
	}
	block.Advance(end + 4)
	return &valueNode{raw: string(line[2 : end+2]), offset: seg.Start}
}

// nodeRenderer writes virk blocks and inline values.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindValue, renderValue)
	reg.Register(kindBlock, renderBlock)
}

func renderValue(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	v := n.(*valueNode)
	if v.expr == nil {
		_, _ = w.WriteString(html.EscapeString("{{" + v.raw))
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<span class="verdi" data-virk="` + html.EscapeString(v.expr.raw) + `">` + html.EscapeString(v.expr.text) + `</span>`)
	return ast.WalkContinue, nil
}

func renderBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*blockNode)
	if b.out.table != nil {
		var s strings.Builder
		b.out.table.writeHTML(&s)
		_, _ = w.WriteString(s.String())
	} else {
		_, _ = w.WriteString(string(b.out.html))
	}
	_ = w.WriteByte('\n')
	return ast.WalkContinue, nil
}

// lineIndex turns byte offsets of a file into 1-based line numbers.
type lineIndex []int // offsets where lines start

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (idx lineIndex) line(off int) int {
	lo, hi := 0, len(idx)
	for lo < hi {
		m := (lo + hi) / 2
		if idx[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
