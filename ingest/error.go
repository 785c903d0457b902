package ingest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// Sentinel errors tell the kind of a fault. Every *Error wraps one of them,
// so callers can test with errors.Is; the text shown to users comes from the
// detail wrapped around the sentinel, not from the sentinel itself.
var (
	// ErrNumber means that a value is not a number.
	ErrNumber = errors.New("ikke et tall")
	// ErrPeriod means that a period is not a year, half-year, quarter or month.
	ErrPeriod = errors.New("ugyldig periode")
	// ErrStatus means that a status is unknown or contradicts the value.
	ErrStatus = errors.New("ugyldig status")
	// ErrUnknownIndicator means that a row or record names an indicator
	// that is not in the catalogue.
	ErrUnknownIndicator = errors.New("ukjent indikator")
	// ErrUnknownEntity means that a row or record names an entity, by ID or
	// official code, that is not in the catalogue, or a code that fits
	// several.
	ErrUnknownEntity = errors.New("ukjent enhet")
	// ErrDerived means that a file holds values of an indicator that is
	// computed by a formula and so never stored.
	ErrDerived = errors.New("beregnet indikator")
	// ErrHeader means that the header row is missing, incomplete or has
	// unknown columns.
	ErrHeader = errors.New("ugyldig overskriftsrad")
	// ErrFieldCount means that a row has more or fewer fields than the
	// header, or a value in a column without a name.
	ErrFieldCount = errors.New("feil antall felt")
	// ErrEncoding means that the bytes are not text in a supported encoding.
	ErrEncoding = errors.New("ukjent tegnkoding")
	// ErrSyntax means that the file breaks the rules of its format: CSV
	// quotes, JSON punctuation, a damaged XLSX archive.
	ErrSyntax = errors.New("ugyldig filformat")
	// ErrField means that a JSON object has a key that its record does not
	// know, a key twice, or a value of the wrong type.
	ErrField = errors.New("ugyldig felt")
	// ErrInvalid means that a catalogue record fails its own validation.
	ErrInvalid = errors.New("ugyldig post")
	// ErrDuplicate means that the same observation or catalogue record is
	// given twice with different contents.
	ErrDuplicate = errors.New("duplikat")
	// ErrFormat means that the file type is not one the importer reads.
	ErrFormat = errors.New("ukjent filtype")
	// ErrTooMany means that reading stopped because of too many errors.
	ErrTooMany = errors.New("for mange feil")
	// ErrNotMine is returned by Importer.Add for JSON that is not a
	// catalogue when no JSONStat hook is set, so the caller can hand the
	// file to another reader. The file is then not part of the import.
	ErrNotMine = errors.New("ikke en katalogfil")
)

// Error is one fault in one file, with its place: a line and column for CSV
// and JSON, a sheet and cell for XLSX, a JSON path for catalogue records.
// Err wraps one of the sentinel errors of this package.
type Error struct {
	File   string // the file name as given to the importer
	Line   int    // 1-based line (CSV, JSON) or row (XLSX); 0 if unknown
	Column int    // 1-based field number (CSV), column (XLSX) or character (JSON)
	Cell   string // XLSX cell reference, e.g. "C7"
	Sheet  string // XLSX sheet name
	Path   string // JSON path, e.g. "indicators[3].label_nb"
	Err    error  // the fault, wrapping a sentinel such as ErrNumber
}

// Error returns the place and the message, such as
// "data.csv:12:3: verdien «1,2,3» er ikke et tall (forventet f.eks. 1 422,3)".
func (e *Error) Error() string {
	var b strings.Builder
	place := e.place()
	b.WriteString(place)
	if e.Path != "" {
		if place != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Path)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if ve, ok := e.Err.(*virk.Error); ok {
		b.WriteString(ve.Message) // not the debug form "virk error: code=…"
	} else if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// place formats the file and position part of the message, e.g.
// "data.csv:12:3" or "data.xlsx:Ark1!C7".
func (e *Error) place() string {
	s := e.File
	switch {
	case e.Cell != "" || e.Sheet != "":
		cell := e.Cell
		if e.Sheet != "" && cell != "" {
			cell = e.Sheet + "!" + cell
		} else if cell == "" {
			cell = "arket «" + e.Sheet + "»"
		}
		s = joinPlace(s, cell)
	case e.Line > 0:
		s = joinPlace(s, strconv.Itoa(e.Line))
		if e.Column > 0 {
			s += ":" + strconv.Itoa(e.Column)
		}
	}
	return s
}

func joinPlace(a, b string) string {
	if a == "" {
		return b
	}
	return a + ":" + b
}

// Unwrap returns the wrapped error, so that errors.Is finds the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// maxListed is how many errors Errors.Error lists before it summarises.
const maxListed = 100

// Errors is every fault an import found, in the order found.
type Errors []*Error

// Error lists the errors one per line, the first 100 of them, and ends with
// "… og N til" when there are more.
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == maxListed {
			fmt.Fprintf(&b, "… og %d til", len(es)-maxListed)
			break
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, so that errors.Is and errors.As look at each.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// detail is the user-facing text of a fault together with its kind.
type detail struct {
	kind error
	msg  string
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.kind }

// errorf returns an error of the given kind with a formatted Norwegian
// message.
func errorf(kind error, format string, args ...any) error {
	return &detail{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// quote puts a value from a file into Norwegian quotation marks, shortened so
// that a long cell does not swamp the message.
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
