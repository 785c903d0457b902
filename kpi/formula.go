package kpi

import (
	"fmt"
	"strconv"
	"strings"
)

// Formula is a parsed formula of a derived indicator: an arithmetic
// expression over indicator IDs and numbers with + − * / and parentheses,
// evaluated for one entity and period, e.g. "lonn / brutto_driftsutgifter * 100"
// or "(energi_kwh / areal_m2)". An ID that holds a '-' is written in square
// brackets: "[a-b] / c".
type Formula struct {
	src  string
	root node
	refs []string
}

// ParseFormula parses src. The error names the offending column.
func ParseFormula(src string) (*Formula, error) {
	if len(src) > maxFormula {
		return nil, fmt.Errorf("formula is %d characters long; at most %d are allowed", len(src), maxFormula)
	}
	p := &parser{src: src}
	p.next()
	n, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.errorf("unexpected %q", p.tok.text)
	}
	f := &Formula{src: src, root: n}
	seen := map[string]bool{}
	n.refs(func(id string) {
		if !seen[id] {
			seen[id] = true
			f.refs = append(f.refs, id)
		}
	})
	return f, nil
}

// String returns the source text.
func (f *Formula) String() string { return f.src }

// Refs returns the indicator IDs the formula reads, in order of appearance.
func (f *Formula) Refs() []string { return f.refs }

// Eval computes the formula; value returns an indicator's value, and false
// when it has none. The result is false when a referenced value is missing
// or a division by zero occurs: a derived figure is shown as missing rather
// than as a misleading number.
func (f *Formula) Eval(value func(id string) (float64, bool)) (float64, bool) {
	return f.root.eval(value)
}

// maxFormula bounds the length of a formula, and so the depth of the
// recursive parser on hostile input.
const maxFormula = 2000

type node interface {
	eval(value func(string) (float64, bool)) (float64, bool)
	refs(func(string))
}

type numNode float64

func (n numNode) eval(func(string) (float64, bool)) (float64, bool) { return float64(n), true }
func (n numNode) refs(func(string))                                 {}

type refNode string

func (n refNode) eval(value func(string) (float64, bool)) (float64, bool) { return value(string(n)) }
func (n refNode) refs(f func(string))                                     { f(string(n)) }

type negNode struct{ x node }

func (n negNode) eval(value func(string) (float64, bool)) (float64, bool) {
	v, ok := n.x.eval(value)
	return -v, ok
}
func (n negNode) refs(f func(string)) { n.x.refs(f) }

type binNode struct {
	op   byte
	l, r node
}

func (n binNode) eval(value func(string) (float64, bool)) (float64, bool) {
	a, ok := n.l.eval(value)
	if !ok {
		return 0, false
	}
	b, ok := n.r.eval(value)
	if !ok {
		return 0, false
	}
	switch n.op {
	case '+':
		return a + b, true
	case '-':
		return a - b, true
	case '*':
		return a * b, true
	}
	if b == 0 {
		return 0, false
	}
	return a / b, true
}

func (n binNode) refs(f func(string)) { n.l.refs(f); n.r.refs(f) }

type tokKind int

const (
	tokEOF tokKind = iota
	tokNum
	tokID
	tokOp
)

type token struct {
	kind tokKind
	text string
	pos  int
}

type parser struct {
	src string
	pos int
	tok token
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("formula %q, column %d: %s", p.src, p.tok.pos+1, fmt.Sprintf(format, args...))
}

// next scans the next token into p.tok.
func (p *parser) next() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
	start := p.pos
	if p.pos >= len(p.src) {
		p.tok = token{kind: tokEOF, pos: start}
		return
	}
	c := p.src[p.pos]
	switch {
	case strings.IndexByte("+-*/()", c) >= 0:
		p.pos++
		p.tok = token{kind: tokOp, text: string(c), pos: start}
	case c == '[':
		end := strings.IndexByte(p.src[p.pos:], ']')
		if end < 0 {
			p.tok = token{kind: tokOp, text: "[", pos: start}
			p.pos = len(p.src)
			return
		}
		p.tok = token{kind: tokID, text: p.src[p.pos+1 : p.pos+end], pos: start}
		p.pos += end + 1
	case c >= '0' && c <= '9' || c == '.':
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
			p.pos++
		}
		p.tok = token{kind: tokNum, text: p.src[start:p.pos], pos: start}
	default:
		for p.pos < len(p.src) && isIDByte(p.src[p.pos]) {
			p.pos++
		}
		if p.pos == start { // a byte that starts nothing
			p.pos++
			p.tok = token{kind: tokOp, text: p.src[start:p.pos], pos: start}
			return
		}
		p.tok = token{kind: tokID, text: p.src[start:p.pos], pos: start}
	}
}

// isIDByte accepts the bytes of indicator IDs, including UTF-8 letters such
// as æ ø å (any byte ≥ 0x80), but not '-', which is the minus operator.
func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '.' || c == ':' || c >= 0x80
}

// expr = term { ("+"|"-") term }
func (p *parser) expr() (node, error) {
	l, err := p.term()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tokOp && (p.tok.text == "+" || p.tok.text == "-") {
		op := p.tok.text[0]
		p.next()
		r, err := p.term()
		if err != nil {
			return nil, err
		}
		l = binNode{op: op, l: l, r: r}
	}
	return l, nil
}

// term = factor { ("*"|"/") factor }
func (p *parser) term() (node, error) {
	l, err := p.factor()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tokOp && (p.tok.text == "*" || p.tok.text == "/") {
		op := p.tok.text[0]
		p.next()
		r, err := p.factor()
		if err != nil {
			return nil, err
		}
		l = binNode{op: op, l: l, r: r}
	}
	return l, nil
}

// factor = number | id | "(" expr ")" | "-" factor
func (p *parser) factor() (node, error) {
	switch t := p.tok; {
	case t.kind == tokNum:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return nil, p.errorf("%q is not a number", t.text)
		}
		p.next()
		return numNode(v), nil
	case t.kind == tokID:
		if t.text == "" {
			return nil, p.errorf("empty indicator ID in []")
		}
		p.next()
		return refNode(t.text), nil
	case t.kind == tokOp && t.text == "-":
		p.next()
		x, err := p.factor()
		if err != nil {
			return nil, err
		}
		return negNode{x}, nil
	case t.kind == tokOp && t.text == "(":
		p.next()
		n, err := p.expr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokOp || p.tok.text != ")" {
			return nil, p.errorf("missing )")
		}
		p.next()
		return n, nil
	case t.kind == tokEOF:
		return nil, p.errorf("unexpected end (expected an indicator ID, a number or '(')")
	}
	return nil, p.errorf("unexpected %q (expected an indicator ID, a number or '(')", p.tok.text)
}
