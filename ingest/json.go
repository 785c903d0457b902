package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// jnode is a JSON value with the offset where it starts, so that faults in
// catalogue files can be placed by line and column as well as by path.
type jnode struct {
	kind  jkind
	off   int64
	str   string // a string, or a number's text
	b     bool
	keys  []jmember
	elems []*jnode
}

type jkind int

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jObject
	jArray
)

// jmember is one key of an object.
type jmember struct {
	name string
	off  int64
	val  *jnode
}

// kindName names a JSON kind in messages.
func (k jkind) String() string {
	return [...]string{"null", "true/false", "et tall", "en tekst", "et objekt", "en liste"}[k]
}

// maxDepth bounds nesting; a catalogue needs four levels.
const maxDepth = 64

// jparser builds a jnode tree with encoding/json's tokenizer.
type jparser struct {
	data []byte
	dec  *json.Decoder
}

// parseJSON parses one JSON document, rejecting anything after it.
func parseJSON(data []byte) (*jnode, error) {
	p := &jparser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	off := p.start()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, syntaxAt(off, errorf(ErrSyntax, "ugyldig JSON: uventet innhold etter slutten av dokumentet"))
	}
	return n, nil
}

// start returns the offset of the next token: after the decoder's position,
// past white space and the punctuation between values.
func (p *jparser) start() int64 {
	off := p.dec.InputOffset()
	for off < int64(len(p.data)) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (p *jparser) value(depth int) (*jnode, error) {
	off := p.start()
	if depth > maxDepth {
		return nil, syntaxAt(off, errorf(ErrSyntax, "ugyldig JSON: for dypt nøstet"))
	}
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntaxError(err, off)
	}
	// Objects and arrays are walked token by token so that every member
	// gets its own offset; scalars come decoded from the tokenizer.
	n := &jnode{off: off}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = jObject
			for p.dec.More() {
				koff := p.start()
				ktok, err := p.dec.Token()
				if err != nil {
					return nil, p.syntaxError(err, koff)
				}
				// Inside an object the tokenizer only returns string
				// keys, or an error.
				key, _ := ktok.(string)
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, jmember{key, koff, v})
			}
		case '[':
			n.kind = jArray
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
		default:
			return nil, syntaxAt(off, errorf(ErrSyntax, "ugyldig JSON: uventet %s", quote(t.String())))
		}
		eoff := p.start()
		if _, err := p.dec.Token(); err != nil {
			return nil, p.syntaxError(err, eoff)
		}
	case string:
		n.kind, n.str = jString, t
	case json.Number:
		n.kind, n.str = jNumber, string(t)
	case bool:
		n.kind, n.b = jBool, t
	case nil:
		n.kind = jNull
	}
	return n, nil
}

// jsonError is a syntax fault at a byte offset; the caller turns the offset
// into a line and column.
type jsonError struct {
	off int64
	err error
}

func (e *jsonError) Error() string { return e.err.Error() }

func syntaxAt(off int64, err error) *jsonError { return &jsonError{off, err} }

// syntaxError translates encoding/json's syntax errors into Norwegian.
func (p *jparser) syntaxError(err error, off int64) *jsonError {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), err == io.EOF:
		return syntaxAt(int64(len(p.data)), errorf(ErrSyntax, "ugyldig JSON: filen slutter midt i dokumentet (mangler } eller ]?)"))
	case errors.As(err, &se):
		msg := se.Error()
		off = p.literalError(se)
		off = max(min(off, int64(len(p.data))), 0)
		found := ""
		if rest, ok := strings.CutPrefix(msg, "invalid character "); ok {
			if i := strings.LastIndex(rest, "' "); strings.HasPrefix(rest, "'") && i > 0 {
				found = rest[1:i]
				msg = rest[i+2:]
			}
		}
		var what string
		switch {
		case strings.Contains(msg, "looking for beginning of object key"):
			what = "forventet et feltnavn i anførselstegn (komma for mye?)"
		case strings.Contains(msg, "after object key:value pair"):
			what = "forventet , eller } (komma mangler?)"
		case strings.Contains(msg, "after array element"):
			what = "forventet , eller ] (komma mangler?)"
		case strings.Contains(msg, "after object key"):
			what = "forventet : etter feltnavnet"
		case strings.Contains(msg, "in string"):
			what = "ugyldig tegn i en tekst (linjeskift og tabulator må skrives \\n og \\t)"
		default:
			what = "forventet en verdi"
		}
		if found != "" {
			what = "uventet tegn «" + found + "»: " + what
		}
		return syntaxAt(off, errorf(ErrSyntax, "ugyldig JSON: %s", what))
	}
	return syntaxAt(off, errorf(ErrSyntax, "ugyldig JSON: %v", err))
}

// literalError returns the offset of a syntax error. The decoder places
// errors between values exactly, but counts errors inside a string, number
// or literal from somewhere else; those are found again by decoding the
// value alone, which the decoder has not moved past.
func (p *jparser) literalError(se *json.SyntaxError) int64 {
	if !strings.Contains(se.Error(), "literal") && !strings.Contains(se.Error(), "escape") {
		return se.Offset
	}
	start := p.dec.InputOffset()
	if start < 0 || start > int64(len(p.data)) {
		return se.Offset
	}
	var raw json.RawMessage
	err := json.NewDecoder(bytes.NewReader(p.data[start:])).Decode(&raw)
	var again *json.SyntaxError
	if errors.As(err, &again) {
		return start + again.Offset - 1
	}
	return start
}

// position returns the 1-based line and character column of a byte offset.
func position(data []byte, off int64) (line, col int) {
	off = max(min(off, int64(len(data))), 0)
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCount(before)
}
