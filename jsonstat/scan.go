package jsonstat

import (
	"bytes"
	"encoding/json"
	"slices"
)

// This file holds a minimal reader for JSON that has already passed
// checkJSON (see jsoncheck.go). Decoding a JSON-stat document through encoding/json's
// reflection (map[string]any, []any) boxes every cell into an interface
// value, which is far too slow and memory hungry for cubes with millions
// of cells. Instead the decoder validates the syntax once and then walks
// the bytes with these helpers, touching only the members it needs.
//
// Every helper still checks its bounds, so malformed input (which should
// never reach here) ends the walk early instead of panicking.

// jsonKind is the JSON type of a value, derived from its first byte.
type jsonKind uint8

const (
	kindInvalid jsonKind = iota
	kindNull
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// String returns the JSON type name used in messages ("string", "array", ...).
func (k jsonKind) String() string {
	switch k {
	case kindNull:
		return "null"
	case kindBool:
		return "boolean"
	case kindNumber:
		return "number"
	case kindString:
		return "string"
	case kindArray:
		return "array"
	case kindObject:
		return "object"
	}
	return "invalid JSON"
}

// kindOf returns the JSON type of the value at the start of b, or
// kindInvalid when b is empty (an absent member).
func kindOf(b []byte) jsonKind {
	i := skipWS(b, 0)
	if i >= len(b) {
		return kindInvalid
	}
	switch c := b[i]; {
	case c == 'n':
		return kindNull
	case c == 't' || c == 'f':
		return kindBool
	case c == '"':
		return kindString
	case c == '[':
		return kindArray
	case c == '{':
		return kindObject
	case c == '-' || (c >= '0' && c <= '9'):
		return kindNumber
	}
	return kindInvalid
}

func skipWS(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the string literal that starts at
// b[i] (which must be '"'). It jumps between quotes with IndexByte, which
// is much faster than a byte loop on long labels.
func stringEnd(b []byte, i int) int {
	i++
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return len(b)
		}
		q := i + j
		// The quote is escaped when preceded by an odd number of backslashes.
		n := 0
		for k := q - 1; k >= i && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		i = q + 1
	}
	return len(b)
}

// valueEnd returns the index just past the JSON value that starts at b[i].
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return len(b)
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = stringEnd(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(b)
	}
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// walker walks a document body that checkJSON has accepted, using the
// container table it produced to skip nested values in one step.
type walker struct {
	base  []byte // the document body; every raw slice walked is a subslice of it
	spans []span // large containers, sorted by opening offset
}

// valueEnd returns the index just past the JSON value that starts at
// b[i], like the function valueEnd, but looks large containers up in the
// span table instead of scanning them.
//
// The absolute offset of b within the body is cap(base) - cap(b): every
// raw slice is made by two-index reslicing of base, which keeps the end
// of the backing array. The result is verified against the closing
// bracket, so a slice from elsewhere merely falls back to scanning.
func (w *walker) valueEnd(b []byte, i int) int {
	if i < len(b) && (b[i] == '{' || b[i] == '[') && len(w.spans) > 0 {
		off := cap(w.base) - cap(b)
		at := off + i
		if k, found := slices.BinarySearchFunc(w.spans, at, func(s span, t int) int { return s.open - t }); found {
			end := w.spans[k].close - off
			closer := byte(']')
			if b[i] == '{' {
				closer = '}'
			}
			if end > i && end < len(b) && b[end] == closer {
				return end + 1
			}
		}
	}
	return valueEnd(b, i)
}

// eachMember calls fn for every member of the JSON object b, in document
// order, with the raw key (without quotes, still escaped) and the raw
// value. It stops early when fn returns false.
func (w *walker) eachMember(b []byte, fn func(key []byte, val []byte) bool) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return
	}
	i++
	for {
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipWS(b, i+1)
		}
		if i >= len(b) || b[i] != '"' {
			return
		}
		ke := stringEnd(b, i)
		if ke-1 <= i || ke > len(b) {
			return
		}
		key := b[i+1 : ke-1]
		i = skipWS(b, ke)
		if i >= len(b) || b[i] != ':' {
			return
		}
		i = skipWS(b, i+1)
		ve := w.valueEnd(b, i)
		if ve <= i {
			return
		}
		if !fn(key, b[i:ve]) {
			return
		}
		i = ve
	}
}

// eachElem calls fn for every element of the JSON array b with its index
// and raw value. It stops early when fn returns false.
func (w *walker) eachElem(b []byte, fn func(i int, val []byte) bool) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '[' {
		return
	}
	i++
	for n := 0; ; n++ {
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipWS(b, i+1)
		}
		if i >= len(b) || b[i] == ']' {
			return
		}
		ve := w.valueEnd(b, i)
		if ve <= i {
			return
		}
		if !fn(n, b[i:ve]) {
			return
		}
		i = ve
	}
}

// countElems returns the number of elements of the JSON array b.
func (w *walker) countElems(b []byte) int {
	n := 0
	w.eachElem(b, func(int, []byte) bool { n++; return true })
	return n
}

// lookup returns the raw value of the last member named key in object b,
// mirroring encoding/json, where a later duplicate wins.
func (w *walker) lookup(b []byte, key string) []byte {
	var out []byte
	w.eachMember(b, func(k, v []byte) bool {
		if keyEqual(k, key) {
			out = v
		}
		return true
	})
	return out
}

// keyEqual compares a raw (possibly escaped) key with a plain string.
func keyEqual(raw []byte, s string) bool {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw) == s
	}
	return unescapeKey(raw) == s
}

// unescapeKey turns a raw key (the bytes between the quotes) into a Go
// string. Keys without escapes, by far the common case, are copied
// directly; the rare escaped ones go through encoding/json so \uXXXX
// sequences and surrogate pairs are handled exactly as the standard says.
func unescapeKey(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	q := make([]byte, 0, len(raw)+2)
	q = append(q, '"')
	q = append(q, raw...)
	q = append(q, '"')
	var s string
	if json.Unmarshal(q, &s) != nil {
		return string(raw)
	}
	return s
}

// decodeString returns the Go string for a raw JSON string literal
// (including its quotes); ok is false when b is not a string.
func decodeString(b []byte) (string, bool) {
	i := skipWS(b, 0)
	b = b[i:]
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	return unescapeKey(b[1 : len(b)-1]), true
}

// arena gathers many short strings (category ids, labels) into one buffer
// so that they become Go strings with a single allocation: a region
// dimension has thousands of ids and labels, and one allocation each
// would dominate decoding time through the garbage collector.
type arena struct{ buf []byte }

// grow reserves room for about n bytes, typically the size of the raw
// object being read, which bounds the content of its strings.
func (a *arena) grow(n int) { a.buf = slices.Grow(a.buf, n) }

// add appends the content of a raw string (the bytes between its quotes)
// in unescaped form and returns its range in the arena.
func (a *arena) add(raw []byte) (start, end int) {
	start = len(a.buf)
	if bytes.IndexByte(raw, '\\') < 0 {
		a.buf = append(a.buf, raw...)
	} else {
		a.buf = append(a.buf, unescapeKey(raw)...)
	}
	return start, len(a.buf)
}

// String returns the whole arena as one string, to be sliced by the
// ranges add returned.
func (a *arena) String() string { return string(a.buf) }

// strContent returns the bytes between the quotes of a raw string literal.
func strContent(raw []byte) []byte {
	if len(raw) < 2 {
		return nil
	}
	return raw[1 : len(raw)-1]
}
