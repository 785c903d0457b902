package px

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors tell the kind of a fault; every ParseError wraps one.
var (
	// ErrSyntax means that a statement breaks the PX grammar, such as a
	// stray quote inside a string or a missing "=".
	ErrSyntax = errors.New("syntax error")
	// ErrMissing means that a mandatory keyword is absent.
	ErrMissing = errors.New("missing keyword")
	// ErrReference means that a keyword names a variable, value or
	// language that the table does not have.
	ErrReference = errors.New("unknown reference")
	// ErrCount means that two lists that must match in length do not,
	// such as VALUES and CODES, or the cells of DATA and the cube.
	ErrCount = errors.New("count mismatch")
	// ErrValue means that a keyword's value is not one it may take, such
	// as DECIMALS=A.
	ErrValue = errors.New("invalid value")
	// ErrCharset means that the declared character set does not match the
	// bytes of the file; it is always a warning.
	ErrCharset = errors.New("character set mismatch")
)

// ParseError is one fault, placed by the 1-based line where it was found
// and the keyword it concerns.
type ParseError struct {
	Line    int    // 1-based line; 0 when the fault has no place
	Keyword string // the keyword as written, e.g. `VALUES("region")`
	Fatal   bool   // whether the file cannot be read because of it
	Err     error  // wraps one of the sentinels of this package
}

// Error returns "line 12: VALUES("region"): detail".
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(": ")
	}
	if e.Keyword != "" {
		b.WriteString(e.Keyword)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the fault, so that errors.Is finds the sentinel.
func (e *ParseError) Unwrap() error { return e.Err }

// Errors is the fatal faults of a file, in the order found.
type Errors []*ParseError

// Error joins the faults, one per line.
func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// detail wraps a sentinel with a message.
type detail struct {
	kind error
	msg  string
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.kind }
