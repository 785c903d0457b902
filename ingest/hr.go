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
	Unit func(id string) bool
}

// hrReader holds what reading an HR file needs: the column of each name,
// the faults so far and interned strings, so that a million rows hold
// each person ID and unit once.
type hrReader struct {
	name    string
	opts    HROptions
	xlsx    bool
	cols    map[string]int
	ncols   int
	errs    Errors
	strs    map[string]string
	days    map[string]virk.Day
	headers []string
}

func newHRReader(name string, opts HROptions, columns []string) *hrReader {
	return &hrReader{name: name, opts: opts, headers: columns, strs: map[string]string{}, days: map[string]virk.Day{},
		xlsx: strings.EqualFold(extOf(name), ".xlsx")}
}

// each splits the file into rows and calls fn with every data row.
func (h *hrReader) each(data []byte, fn func(line int, fields [][]byte)) error {
	row := func(line int, fields [][]byte) {
		if len(h.errs) >= maxWeatherErrors {
			return
		}
		if h.cols == nil {
			h.header(line, fields)
			return
		}
		if len(fields) != h.ncols {
			h.fail(line, 0, ErrFieldCount, "raden har %d felt, overskriftsraden %d", len(fields), h.ncols)
			return
		}
		fn(line, fields)
	}
	if h.xlsx {
		if err := eachXLSXRow(h.name, data, row); err != nil {
			return err
		}
	} else {
		text, _, err := DecodeText(data)
		if err != nil {
			return placeFile(err, h.name)
		}
		eachCSVRow(text, row)
	}
	if h.cols == nil && len(h.errs) == 0 {
		h.errs = append(h.errs, &Error{File: h.name, Err: errorf(ErrHeader, "filen er tom: fant ingen overskriftsrad")})
	}
	if len(h.errs) > 0 {
		return h.errs
	}
	return nil
}

// header finds the columns by their names, or by the mapping's names.
func (h *hrReader) header(line int, fields [][]byte) {
	h.cols = map[string]int{}
	h.ncols = len(fields)
	for _, want := range h.headers {
		name := want
		if h.opts.Mapping != nil && h.opts.Mapping.Columns[want] != "" {
			name = h.opts.Mapping.Columns[want]
		}
		for i, f := range fields {
			if strings.EqualFold(strings.TrimSpace(string(f)), name) {
				h.cols[want] = i
			}
		}
		if _, ok := h.cols[want]; !ok && want != "laerling" && want != "stillingskode" {
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

// field returns the field of column name and its 1-based number; nil when
// the file has no such column.
func (h *hrReader) field(fields [][]byte, name string) ([]byte, int) {
	i, ok := h.cols[name]
	if !ok {
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

// day reads a date written 2018-12-31 or 31.12.2018.
func (h *hrReader) day(line int, fields [][]byte, name string, open bool) (virk.Day, bool) {
	f, col := h.field(fields, name)
	if len(f) == 0 && open {
		return virk.NoDay, true
	}
	if d, ok := h.days[string(f)]; ok {
		return d, true
	}
	d, err := parseDay(string(f))
	if err != nil {
		h.fail(line, col, ErrSyntax, "%s: %v", name, err)
		return 0, false
	}
	h.days[string(f)] = d
	return d, true
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
