package prognosis

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors tell the kind of a fault. Every *Error wraps one, so
// callers can test with errors.Is; the Norwegian text shown to users comes
// from the detail wrapped around the sentinel.
var (
	// ErrSyntax means that a file breaks the rules of its format: JSON
	// punctuation, CSV quotes, a JSON-stat document that fails validation.
	ErrSyntax = errors.New("ugyldig filformat")
	// ErrField means an unknown or repeated JSON key, a value of the wrong
	// JSON type, a missing key, or an unknown CSV column or dimension.
	ErrField = errors.New("ugyldig felt")
	// ErrValue means a number that may not be used: negative, not finite,
	// a share above 1, an age band that ends before it starts, an end year
	// before the base year.
	ErrValue = errors.New("ugyldig verdi")
	// ErrOverlap means two age bands of the same list share an age.
	ErrOverlap = errors.New("overlappende aldersgrupper")
	// ErrMissing means that a number the projection needs is absent, such
	// as the population of an age band in a year.
	ErrMissing = errors.New("mangler data")
)

// Error is one fault with its place: a file, a 1-based line and column
// (CSV field, or JSON character), and the JSON path of the member it is
// about, such as "omrader[0].brukergrupper[2].til". Faults found in a
// Model built in code have only a path; JSON-stat faults have a path
// into the JSON-stat document, as package jsonstat reports them.
type Error struct {
	File   string // file name, when the reader was given one
	Line   int    // 1-based line; 0 when unknown
	Column int    // 1-based column (CSV field, JSON character); 0 when unknown
	Path   string // JSON path, or a CSV column name
	Err    error  // the fault, wrapping one of the sentinels
}

// Error returns the place and the message, such as
// "plan.json:12:7: omrader[0].arsverk: verdien −3 er negativ".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	if e.Path != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Path)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the fault, so that errors.Is finds the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Errors is every fault found in one input, in the order found.
type Errors []*Error

// Error lists the faults one per line.
func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the faults, so that errors.Is and errors.As look at each.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// err returns es as an error, or nil when it is empty, so that a nil
// Errors never becomes a non-nil error interface.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// detail is the user-facing text of a fault together with its kind.
type detail struct {
	kind error
	msg  string
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.kind }

// errorf returns an error of the given kind with a Norwegian message.
func errorf(kind error, format string, args ...any) error {
	return &detail{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// quote puts text from a file into Norwegian quotation marks, shortened so
// that a long value does not swamp the message.
func quote(s string) string {
	const maxRunes = 40
	n := 0
	for i := range s {
		if n == maxRunes {
			return "«" + s[:i] + "…»"
		}
		n++
	}
	return "«" + s + "»"
}
