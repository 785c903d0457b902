package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// Reader reads observations from CSV text, in the tidy or the wide layout
// (see Layout), which it tells from the header row. The text may be UTF-8
// with or without a byte-order mark, UTF-16 with one, or Windows-1252.
//
// Like encoding/csv, a Reader is made with NewReader and configured through
// its exported fields before the first call to Read.
type Reader struct {
	// Comma is the field delimiter. When 0, Read picks ';', TAB or ',',
	// whichever splits the header line into the most known column names
	// (quotes respected); ';' wins ties, as Norwegian Excel writes it.
	Comma rune
	// Decimal is the decimal separator, '.' or ','. When 0 it is '.' if
	// the delimiter is ',', and otherwise decided per number as
	// ParseNumber describes.
	Decimal byte
	// DefaultIndicator and DefaultEntity stand in for the indicator and
	// entity columns when a file leaves them out.
	DefaultIndicator string
	DefaultEntity    string
	// Catalogue, when set, resolves the indicator and entity of each
	// record, and Read reports names it does not know.
	Catalogue *Catalogue

	src     io.Reader
	data    []byte
	stream  *bufio.Reader // UTF-8 text read as it goes; see newStreamReader
	started bool
	done    bool
	csv     *csv.Reader
	fields  []string
	t       table
	errs    []*Error
	ei, ri  int
}

// NewReader returns a Reader that reads from r. The whole input is read on
// the first call to Read, since telling UTF-8 from Windows-1252 needs all of
// it.
func NewReader(r io.Reader) *Reader { return &Reader{src: r} }

// newStreamReader returns a Reader of text that is known to be UTF-8
// without NUL bytes or a byte-order mark (AddFile checks), which it reads
// as it goes instead of whole.
func newStreamReader(text *bufio.Reader) *Reader { return &Reader{stream: text} }

// newBytesReader returns a Reader of data without copying it.
func newBytesReader(data []byte) *Reader { return &Reader{data: data} }

// Layout returns the layout found in the header, or 0 before the first Read
// or when the header is wrong.
func (r *Reader) Layout() Layout { return r.t.layout }

// Read returns the next record. Faults come back as *Error, one per call,
// and reading goes on with the next call; faults in the header, the
// encoding or the CSV syntax that make the rest unreadable are followed by
// io.EOF. After the last record Read returns io.EOF.
func (r *Reader) Read() (Record, error) {
	if !r.started {
		r.started = true
		r.start()
	}
	for {
		if r.ei < len(r.errs) {
			r.ei++
			return Record{}, r.errs[r.ei-1]
		}
		if r.ri < len(r.t.recs) {
			r.ri++
			return r.t.recs[r.ri-1], nil
		}
		if r.done {
			return Record{}, io.EOF
		}
		r.next()
	}
}

// fail queues a fault that ends the reading.
func (r *Reader) fail(e *Error) {
	r.errs = append(r.errs[:0], e)
	r.ei, r.done = 0, true
}

// start decodes the text, finds the delimiter and reads the header.
func (r *Reader) start() {
	if r.stream != nil {
		// Enough for firstLine, which looks at most this far.
		head, _ := r.stream.Peek(1<<16 + 2)
		r.begin(head, r.stream)
		return
	}
	data := r.data
	if data == nil && r.src != nil {
		var err error
		if data, err = io.ReadAll(r.src); err != nil {
			r.fail(&Error{Err: errorf(ErrSyntax, "kan ikke lese filen: %v", err)})
			return
		}
	}
	r.data = nil
	text, _, err := DecodeText(data)
	if err != nil {
		r.fail(err.(*Error))
		return
	}
	r.begin(text, bytes.NewReader(text))
}

// begin finds the delimiter in the first line of head, the start of the
// text that src reads, and reads the header.
func (r *Reader) begin(head []byte, src io.Reader) {
	// Excel understands a first line "sep=;" as the delimiter to use, and
	// some programs write one.
	line := firstLine(head)
	sep := len(line) == 5 && strings.HasPrefix(line, "sep=") && strings.ContainsRune(";,\t|", rune(line[4]))
	comma := r.Comma
	switch {
	case comma != 0:
	case sep:
		comma = rune(line[4])
	default:
		comma = detectComma(line)
	}
	r.t.decimal = r.Decimal
	if r.Decimal == 0 && comma == ',' {
		r.t.decimal = '.'
	}
	r.t.defInd, r.t.defEnt, r.t.cat = r.DefaultIndicator, r.DefaultEntity, r.Catalogue
	r.csv = csv.NewReader(src)
	r.csv.Comma = comma
	r.csv.FieldsPerRecord = -1
	r.csv.ReuseRecord = true
	if sep {
		r.csv.Read() // the "sep=" line
	}
	fields, err := r.csv.Read()
	if err == io.EOF {
		r.fail(&Error{Line: 1, Err: errorf(ErrHeader, "filen er tom: forventet en overskriftsrad med kolonnenavn")})
		return
	}
	if err != nil {
		r.fail(r.syntaxError(err))
		return
	}
	r.fields = fields
	for _, ce := range r.t.header(fields) {
		r.errs = append(r.errs, r.place(ce))
	}
	r.done = len(r.errs) > 0
}

// next reads the next data row into the queues.
func (r *Reader) next() {
	r.errs, r.ei, r.ri = r.errs[:0], 0, 0
	r.t.recs = r.t.recs[:0]
	fields, err := r.csv.Read()
	if err == io.EOF {
		r.done = true
		return
	}
	if err != nil {
		e := r.syntaxError(err)
		r.errs = append(r.errs, e)
		var pe *csv.ParseError
		r.done = !errors.As(err, &pe)
		return
	}
	r.fields = fields
	r.t.row(fields, true)
	for _, ce := range r.t.errs {
		r.errs = append(r.errs, r.place(ce))
	}
	for i := range r.t.recs {
		line, _ := r.csv.FieldPos(r.t.recCols[i])
		r.t.recs[i].Line, r.t.recs[i].Column = line, r.t.recCols[i]+1
	}
}

// place turns a fault in the current row into an *Error with its line and
// field number.
func (r *Reader) place(ce colError) *Error {
	e := &Error{Err: ce.err}
	switch {
	case len(r.fields) == 0:
	case ce.col < 0:
		e.Line, _ = r.csv.FieldPos(0)
	case ce.col >= len(r.fields):
		e.Line, _ = r.csv.FieldPos(len(r.fields) - 1)
		e.Column = ce.col + 1
	default:
		e.Line, _ = r.csv.FieldPos(ce.col)
		e.Column = ce.col + 1
	}
	return e
}

// syntaxError turns an encoding/csv error into an *Error.
func (r *Reader) syntaxError(err error) *Error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &Error{Err: errorf(ErrSyntax, "kan ikke lese filen: %v", err)}
	}
	msg := "ugyldig CSV"
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `anførselstegn midt i et felt: sett hele feltet i anførselstegn og skriv " inni som ""`
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `anførselstegn som ikke er lukket, eller tegn etter et avsluttende anførselstegn`
	}
	return &Error{Line: pe.Line, Err: errorf(ErrSyntax, "%s (tegn %d)", msg, pe.Column)}
}

// firstLine returns the first line of text, where a line break inside
// quotes does not end it.
func firstLine(text []byte) string {
	quoted := false
	for i, c := range text {
		switch c {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				return strings.TrimSuffix(string(text[:i]), "\r")
			}
		}
		if i > 1<<16 {
			return string(text[:i])
		}
	}
	return string(text)
}

// detectComma returns the delimiter that splits the header line into the
// most known column names.
func detectComma(line string) rune {
	best, bestN := rune(0), 0
	for _, c := range []rune{';', '\t', ','} {
		cr := csv.NewReader(strings.NewReader(line))
		cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = c, true, -1
		fields, err := cr.Read()
		if err != nil {
			continue
		}
		if n := knownColumns(fields); n > bestN {
			best, bestN = c, n
		}
	}
	if best != 0 {
		return best
	}
	// Nothing known: guess from what the line holds, and let the header
	// check say what is wrong.
	for _, c := range []rune{';', '\t'} {
		if strings.ContainsRune(line, c) {
			return c
		}
	}
	return ','
}
