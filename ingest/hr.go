package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/virk-analyse/virk"
)

// HRMapping tells how an HR system's extract names its columns and units.
// A mapping file is JSON:
//
//	{
//	  "kolonner": {"person": "Ansattnr", "enhet": "Orgenhet", "stilling_pst": "Stillingsprosent"},
//	  "enheter":  {"4010": "oppvekst_skole", "4020": "oppvekst_barnehage"}
//	}
//
// kolonner maps virk's column names (see EmploymentColumns and
// AbsenceColumns) to the extract's; enheter maps the HR system's unit
// codes to entity IDs. Both are optional: without them the columns are
// found by virk's names and the units by their entity IDs.
type HRMapping struct {
	Columns map[string]string `json:"kolonner"`
	Units   map[string]string `json:"enheter"`
}

// ReadHRMapping reads a mapping file; unknown keys are faults.
func ReadHRMapping(name string, data []byte) (*HRMapping, error) {
	text, _, err := DecodeText(data)
	if err != nil {
		return nil, placeFile(err, name)
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	m := &HRMapping{}
	if err := dec.Decode(m); err != nil {
		line, col := 0, 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col = lineCol(text, se.Offset)
		case errors.As(err, &te):
			line, col = lineCol(text, te.Offset)
		}
		if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			line, col = lineCol(text, dec.InputOffset())
			return nil, Errors{{File: name, Line: line, Column: col, Err: errorf(ErrField, "ukjent nøkkel %s (forventet kolonner eller enheter)", quote(strings.Trim(f, `"`)))}}
		}
		return nil, Errors{{File: name, Line: line, Column: col, Err: errorf(ErrSyntax, "mappingfilen kan ikke leses: %v (forventet {\"kolonner\": {…}, \"enheter\": {…}})", err)}}
	}
	for k := range m.Columns {
		if !slices.Contains(EmploymentColumns, k) && !slices.Contains(AbsenceColumns, k) {
			return nil, Errors{{File: name, Err: errorf(ErrField, "kolonner: %s er ikke en kolonne virk kjenner (kjente: %s; %s)", quote(k), strings.Join(EmploymentColumns, ", "), strings.Join(AbsenceColumns, ", "))}}
		}
	}
	return m, nil
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(text []byte, off int64) (int, int) {
	if off > int64(len(text)) {
		off = int64(len(text))
	}
	before := text[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	return line, int(off) - bytes.LastIndexByte(before, '\n')
}

// EmploymentColumns are the columns of an employment extract, in virk's
// names; laerling and stillingskode may be missing.
var EmploymentColumns = []string{"uttrekk", "person", "enhet", "stilling_pst", "stillingskode", "ansettelse",
	"utdanning", "fodselsar", "kjonn", "innvandrer", "laerling", "fra", "til"}

// AbsenceColumns are the columns of an absence extract.
var AbsenceColumns = []string{"person", "fra", "til", "grad", "type"}

// HROptions are the options of ReadEmployments and ReadAbsences.
type HROptions struct {
	Mapping *HRMapping
	// Unit returns whether an entity ID is a known unit; nil knows all.
	// A reading asks it once for each unit.
	Unit func(id string) bool
}

// hrReader holds what reading an HR file needs: the column of each name,
// the faults so far and interned strings, so that a million rows hold
// each person ID and unit once.
type hrReader struct {
	name    string
	opts    HROptions
	xlsx    bool
	cols    []int // the file's column of each of headers, -1 when missing; nil before the header
	ncols   int
	errs    Errors
	strs    map[string]string
	days    map[string]virk.Day
	units   map[string]unitCode // by the extract's unit code
	headers []string
}

// The columns of EmploymentColumns and AbsenceColumns, as indices into
// hrReader.cols.
const (
	colExtract = iota
	colPerson
	colUnit
	colPercent
	colCode
	colType
	colEducation
	colBirthYear
	colGender
	colImmigrant
	colApprentice
	colFrom
	colTo
)

const (
	absPerson = iota
	absFrom
	absTo
	absGrade
	absType
)

func newHRReader(name string, opts HROptions, columns []string) *hrReader {
	return &hrReader{name: name, opts: opts, headers: columns, strs: map[string]string{}, days: map[string]virk.Day{},
		units: map[string]unitCode{}, xlsx: strings.EqualFold(extOf(name), ".xlsx")}
}

// parser reads a data row into *dst, overwriting all of it, and reports
// whether the row is good; it reports faults through h.fail.
type parser[T any] func(h *hrReader, dst *T, line int, fields [][]byte) bool

// readRows reads the rows of an HR file with parse.
func readRows[T any](h *hrReader, data []byte, parse parser[T]) ([]T, error) {
	var out []T
	if h.xlsx {
		var v T
		err := eachXLSXRow(h.name, data, func(line int, fields [][]byte) {
			if row(h, &v, line, fields, parse) {
				out = append(out, v)
			}
		})
		if err != nil {
			return nil, err
		}
	} else {
		text, _, err := DecodeText(data)
		if err != nil {
			return nil, placeFile(err, h.name)
		}
		out = readCSVRows(h, text, parse)
	}
	if h.cols == nil && len(h.errs) == 0 {
		h.errs = append(h.errs, &Error{File: h.name, Err: errorf(ErrHeader, "filen er tom: fant ingen overskriftsrad")})
	}
	if len(h.errs) > 0 {
		return nil, h.errs
	}
	return out, nil
}

// row reads one row: the header if none is read yet, or else a data row
// into *dst through parse. It reports whether *dst holds a good row.
func row[T any](h *hrReader, dst *T, line int, fields [][]byte, parse parser[T]) bool {
	switch {
	case len(h.errs) >= maxWeatherErrors:
		return false
	case h.cols == nil:
		h.header(line, fields)
		return false
	case len(fields) != h.ncols:
		h.fail(line, 0, ErrFieldCount, "raden har %d felt, overskriftsraden %d", len(fields), h.ncols)
		return false
	}
	return parse(h, dst, line, fields)
}

// readCSVRows reads the rows of a CSV text into a slice made once, with a
// place for every line after the header: appending a million rows would
// copy them over and over. Each row is read in place, and a bad one is
// overwritten by the next.
func readCSVRows[T any](h *hrReader, text []byte, parse parser[T]) []T {
	sep := csvSeparator(text)
	// The header: the first line that is not blank.
	line := 0
	rest := text
	for len(rest) > 0 && h.cols == nil {
		var l []byte
		l, rest = cutLine(rest)
		eachCSVLine(l, sep, line, h.header)
		line++
	}
	if len(rest) == 0 {
		return nil
	}
	out := make([]T, bytes.Count(rest, []byte{'\n'})+1)
	n := 0
	eachCSVLine(rest, sep, line, func(line int, fields [][]byte) {
		if row(h, &out[n], line, fields, parse) {
			n++
		}
	})
	clear(out[n:])
	return out[:n:n]
}

// csvSeparator returns the separator eachCSVRow splits text at: ';', or
// else a tab or ',' when the first line holds one.
func csvSeparator(text []byte) byte {
	first, _ := cutLine(text)
	switch {
	case len(first) == 0 && len(text) > 0:
	case bytes.IndexByte(first, ';') >= 0:
	case bytes.IndexByte(first, '\t') >= 0:
		return '\t'
	case bytes.IndexByte(first, ',') >= 0:
		return ','
	}
	return ';'
}

// cutLine returns the first line of text, without its line break, and the
// rest after it.
func cutLine(text []byte) (line, rest []byte) {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		return text[:i], text[i+1:]
	}
	return text, nil
}

// eachCSVLine is eachCSVRow for a part of a text, after line and with the
// separator given: it calls fn with each line that is not blank, split into
// trimmed fields, and its 1-based line number.
func eachCSVLine(text []byte, sep byte, line int, fn func(line int, fields [][]byte)) {
	var fields [][]byte
	var scratch []byte
	for len(text) > 0 {
		var l []byte
		l, text = cutLine(text)
		line++
		l = bytes.TrimSuffix(l, []byte{'\r'})
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		fields = fields[:0]
		if bytes.IndexByte(l, '"') < 0 {
			for {
				i := bytes.IndexByte(l, sep)
				if i < 0 {
					fields = append(fields, trimField(l))
					break
				}
				fields = append(fields, trimField(l[:i]))
				l = l[i+1:]
			}
		} else {
			fields, scratch = splitQuoted(l, sep, fields, scratch[:0])
		}
		fn(line, fields)
	}
}

// trimField is bytes.TrimSpace, quick for the usual field that neither
// begins nor ends with a space (a Unicode space begins with a byte of
// 0x80 or more).
func trimField(b []byte) []byte {
	if len(b) == 0 || b[0] <= ' ' || b[0] >= 0x80 || b[len(b)-1] <= ' ' || b[len(b)-1] >= 0x80 {
		return bytes.TrimSpace(b)
	}
	return b
}

// header finds the columns by their names, or by the mapping's names.
func (h *hrReader) header(line int, fields [][]byte) {
	h.cols = make([]int, len(h.headers))
	h.ncols = len(fields)
	for c, want := range h.headers {
		name := want
		if h.opts.Mapping != nil && h.opts.Mapping.Columns[want] != "" {
			name = h.opts.Mapping.Columns[want]
		}
		h.cols[c] = -1
		for i, f := range fields {
			if strings.EqualFold(strings.TrimSpace(string(f)), name) {
				h.cols[c] = i
			}
		}
		if h.cols[c] < 0 && want != "laerling" && want != "stillingskode" {
			h.fail(line, 0, ErrHeader, "mangler kolonnen %s; fant %s", quote(name), joinFields(fields))
		}
	}
}

func (h *hrReader) fail(line, col int, kind error, format string, args ...any) {
	if len(h.errs) >= maxWeatherErrors {
		return
	}
	h.errs = append(h.errs, rowError(h.name, h.xlsx, line, col, errorf(kind, format, args...)))
}

// field returns the field of column c (an index into headers) and its
// 1-based number; nil when the file has no such column.
func (h *hrReader) field(fields [][]byte, c int) ([]byte, int) {
	i := h.cols[c]
	if i < 0 {
		return nil, 0
	}
	return fields[i], i + 1
}

// intern returns b as a string shared by every equal field.
func (h *hrReader) intern(b []byte) string {
	if s, ok := h.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	h.strs[s] = s
	return s
}

// day reads a date written 2018-12-31 or 31.12.2018 from column c.
func (h *hrReader) day(line int, fields [][]byte, c int, open bool) (virk.Day, bool) {
	f, col := h.field(fields, c)
	if len(f) == 0 && open {
		return virk.NoDay, true
	}
	if d, ok := quickDay(f); ok {
		return d, true
	}
	if d, ok := h.days[string(f)]; ok {
		return d, true
	}
	d, err := parseDay(string(f))
	if err != nil {
		h.fail(line, col, ErrSyntax, "%s: %v", h.headers[c], err)
		return 0, false
	}
	h.days[string(f)] = d
	return d, true
}

// quickDay reads the dates parseDay reads that are written with digits
// only (2018-12-31 or 31.12.2018), without a map or the time package; it
// reports false for anything else, valid or not, which parseDay then
// decides.
func quickDay(b []byte) (virk.Day, bool) {
	if len(b) != 10 {
		return 0, false
	}
	var y, m, d int
	switch {
	case b[4] == '-' && b[7] == '-':
		y, m, d = decimalDigits(b[0:4]), decimalDigits(b[5:7]), decimalDigits(b[8:10])
	case b[2] == '.' && b[5] == '.':
		d, m, y = decimalDigits(b[0:2]), decimalDigits(b[3:5]), decimalDigits(b[6:10])
	default:
		return 0, false
	}
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return civilDay(y, m, d), true
}

// decimalDigits returns the number b writes in decimal digits, or -1 when b is
// empty or holds anything else.
func decimalDigits(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = 10*n + int(c-'0')
	}
	return n
}

// civilDay is virk.DayOf for a valid date of year 1 onwards, by Howard
// Hinnant's days_from_civil: the days since 1 January 1970 of the
// proleptic Gregorian calendar, without time.Date.
func civilDay(y, m, d int) virk.Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return virk.Day(era*146097 + doe - 719468)
}

// parseDay reads 2018-12-31 or 31.12.2018, checking that the day exists.
func parseDay(s string) (virk.Day, error) {
	var y, m, d int
	var err error
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, err = atoiErr(s[0:4], err)
		m, err = atoiErr(s[5:7], err)
		d, err = atoiErr(s[8:10], err)
	case len(s) == 10 && s[2] == '.' && s[5] == '.':
		d, err = atoiErr(s[0:2], err)
		m, err = atoiErr(s[3:5], err)
		y, err = atoiErr(s[6:10], err)
	default:
		err = errors.New("bad")
	}
	if err != nil || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1900 || y > 2200 {
		return 0, fmt.Errorf("datoen %s er ugyldig (forventet f.eks. 2018-12-31 eller 31.12.2018)", quote(s))
	}
	return virk.DayOf(y, time.Month(m), d), nil
}

func atoiErr(s string, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(s)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// yesNo reads ja/nei, also as 1/0, true/false and yes/no.
func yesNo(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "ja", "j", "1", "true", "yes", "y", "x":
		return true, true
	case "nei", "n", "0", "false", "no", "":
		return false, true
	}
	return false, false
}
