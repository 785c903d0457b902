package jsonstat

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is one finding of the decoder's validation: a rule violation, a
// warning or an informational note. Like csv.ParseError it records where
// the problem is, here as a JSON path such as
// "dimension.sex.category.index[2]", because a byte offset means little
// once the document has been decoded.
type Error struct {
	// Code identifies the violated rule; see the Code constants.
	Code Code `json:"code"`
	// Severity is the catalogue severity of Code.
	Severity Severity `json:"severity"`
	// Path locates the offending member. Object keys are joined with dots
	// and array elements are written as [i]; keys that contain dots,
	// brackets, quotes or spaces are written as ["key"]. The empty path
	// denotes the document root.
	Path string `json:"path"`
	// Message is a readable English sentence naming what was wrong and
	// what was expected.
	Message string `json:"message"`
	// Line is the 1-based line of a JSON syntax error. It is zero for
	// every code except CodeParseError, because other findings are
	// located by Path.
	Line int `json:"line,omitempty"`
	// Column is the 1-based column, in characters, of a JSON syntax
	// error; zero for every code except CodeParseError.
	Column int `json:"column,omitempty"`
}

// Error formats the finding as "jsonstat: PATH: MESSAGE (CODE)", or with
// "line L, column C" in place of the path for syntax errors.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("jsonstat: ")
	switch {
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
	case e.Path != "":
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	b.WriteString(" (")
	b.WriteString(string(e.Code))
	b.WriteString(")")
	return b.String()
}

// Findings is the list of findings for one document, in the order they
// were detected.
type Findings []*Error

// Valid reports whether no finding has severity error. Warnings and infos
// do not make a document invalid.
func (f Findings) Valid() bool {
	for _, e := range f {
		if e.Severity == SeverityError {
			return false
		}
	}
	return true
}

// Has reports whether some finding has the given code.
func (f Findings) Has(code Code) bool {
	for _, e := range f {
		if e.Code == code {
			return true
		}
	}
	return false
}

// Errors returns the findings of severity error only.
func (f Findings) Errors() Findings {
	var out Findings
	for _, e := range f {
		if e.Severity == SeverityError {
			out = append(out, e)
		}
	}
	return out
}

// ValidationError is returned by Decode when a document has at least one
// finding of severity error. It carries every finding, including warnings
// and infos, so a caller can show the full report in one go.
type ValidationError struct {
	// Findings holds all findings in detection order.
	Findings Findings
}

// Error summarises the report by the number of errors and the first one,
// because a full list rarely fits in a log line.
func (e *ValidationError) Error() string {
	errs := e.Findings.Errors()
	switch len(errs) {
	case 0:
		return "jsonstat: invalid document"
	case 1:
		return errs[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", errs[0].Error(), len(errs)-1)
}

// Unwrap returns the findings of severity error, so that errors.As can
// extract the first *Error and errors.Is can match a specific one.
func (e *ValidationError) Unwrap() []error {
	errs := e.Findings.Errors()
	out := make([]error, len(errs))
	for i, f := range errs {
		out[i] = f
	}
	return out
}

// joinKey appends an object key to a path. Keys that would make the path
// ambiguous are quoted in brackets so every path can be read back exactly.
func joinKey(path, key string) string {
	if needsQuote(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// joinIndex appends an array index to a path.
func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func needsQuote(key string) bool {
	if key == "" {
		return true
	}
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case c == '.' || c == '[' || c == ']' || c == '"' || c == '\\' || c <= ' ' || c == 0x7f:
			return true
		}
	}
	return false
}

// lineCol converts a byte offset into a 1-based line and a 1-based column
// counted in characters (not bytes), because that is what editors show
// for the Norwegian letters æ, ø and å found in SSB labels.
func lineCol(data []byte, off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	col = 1 + utf8.RuneCount(before[start:])
	return line, col
}

// quoteList renders up to max strings as a quoted, comma-separated list,
// with a count of the omitted rest, to keep messages short on large cubes.
func quoteList(items []string, max int) string {
	var b strings.Builder
	for i, s := range items {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(items)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(s))
	}
	return b.String()
}
