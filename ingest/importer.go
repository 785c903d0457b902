package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/virk-analyse/virk"
)

// JSONStatFunc reads a JSON file that is not a catalogue, typically
// JSON-stat from SSB, resolving its names against cat. It returns the
// observations and any indicators and entities the file defines.
type JSONStatFunc func(name string, data []byte, cat *Catalogue) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, error)

// Importer turns the files of one import into one *virk.ChangeSet.
//
// Add takes the files in any order: catalogue files are read at once and
// their indicators and entities join the Catalogue, while data files are
// kept until ChangeSet reads them, so that data may name what a catalogue
// file of the same import defines whatever the order of the files.
type Importer struct {
	// Catalogue holds the indicators and entities known before the import,
	// typically the stored ones; catalogue files of the import are added
	// to it. Nil means an empty catalogue.
	Catalogue *Catalogue
	// DefaultIndicator and DefaultEntity stand in for the indicator and
	// entity columns of data files that leave them out.
	DefaultIndicator string
	DefaultEntity    string
	// JSONStat, when set, reads JSON files that are not catalogues. When
	// nil, Add returns ErrNotMine for them.
	JSONStat JSONStatFunc
	// PXMapping is the mapping of dimensions for PC-Axis (.px) files, the
	// same mapping file that JSONStatMapping.Func applies to JSON-stat;
	// nil means the defaults that PX describes.
	PXMapping *JSONStatMapping
	// MaxErrors is how many faults are collected before reading stops;
	// 0 means 1000.
	MaxErrors int
	// Compact makes ChangeSet return the observations in ChangeSet.Rows
	// rather than Observations: about a fifth of the memory, for a change
	// set that goes to a store's Apply, as Load's does.
	Compact bool

	files   []virk.File
	pending []pendingFile
	cats    []*catalogueAt
	addErrs Errors
	defInd  map[string]defined
	defEnt  map[string]defined
	inds    []*virk.Indicator // defined by catalogue files, in order
	ents    []*virk.Entity
	// warnings are the faults of the last ChangeSet that did not stop
	// the import, such as a PX file's broken NOTE.
	warnings []string
}

// format is a kind of file the importer reads.
type format int

const (
	formatCSV format = iota + 1
	formatXLSX
	formatJSONStat
	formatPX
)

// pendingFile is a data file waiting for ChangeSet.
type pendingFile struct {
	name   string
	format format
	data   []byte
	// open, when set, reads the file instead of data (see AddFile), and
	// sum is its hash.
	open Opener
	sum  string
}

// catalogueAt is a catalogue file read by Add.
type catalogueAt struct {
	name string
	cf   *CatalogueFile
}

// defined is where an indicator or entity of the import was defined.
type defined struct {
	name  string
	place recordPlace
	rec   any
}

func (p recordPlace) String() string {
	e := Error{Line: p.line, Column: p.col}
	return e.place() + " (" + p.path + ")"
}

// Add adds a file to the import. Its format comes from the extension and
// the content: .csv, .tsv and .txt are CSV; .px is PC-Axis (read by PX);
// .xlsx (or any ZIP content) is a workbook; .json is a catalogue when its
// top level has "indicators", "entities" or "annotations", and otherwise
// goes to the JSONStat hook.
//
// Faults in the file are reported by ChangeSet, not by Add. Add returns an
// error only for JSON it does not read (ErrNotMine, when JSONStat is nil);
// such a file is not part of the import.
func (im *Importer) Add(name string, data []byte) error {
	if im.Catalogue == nil {
		im.Catalogue = NewCatalogue(nil, nil)
	}
	ext := strings.ToLower(filepath.Ext(name))
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, bomUTF8), " \t\r\n")
	var f format
	switch {
	case len(trimmed) == 0:
		im.addErrs = append(im.addErrs, &Error{File: name, Err: errorf(ErrFormat, "filen er tom")})
	case ext == ".px":
		f = formatPX
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		f = formatXLSX
	case ext == ".xlsx" || ext == ".xlsm":
		im.addErrs = append(im.addErrs, &Error{File: name, Err: errorf(ErrSyntax,
			"filen er ikke en gyldig XLSX-arbeidsbok (en XLSX-fil er et ZIP-arkiv); åpne og lagre den på nytt i Excel")})
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		im.addErrs = append(im.addErrs, &Error{File: name, Err: errorf(ErrFormat,
			"filen er i det gamle Excel-formatet (.xls) eller passordbeskyttet: lagre den som .xlsx uten passord")})
	case ext == ".json" || ext != ".csv" && ext != ".tsv" && ext != ".txt" && bytes.HasPrefix(trimmed, []byte("{")):
		if !isCatalogue(data) {
			if im.JSONStat == nil {
				return fmt.Errorf("%s: %w", name, ErrNotMine)
			}
			f = formatJSONStat
			break
		}
		im.addCatalogue(name, data)
	case ext == ".csv" || ext == ".tsv" || ext == ".txt":
		f = formatCSV
	default:
		im.addErrs = append(im.addErrs, &Error{File: name, Err: errorf(ErrFormat,
			"ukjent filtype %s (forventet .csv, .tsv, .txt, .xlsx, .json eller .px)", quote(ext))})
	}
	if f != 0 {
		im.pending = append(im.pending, pendingFile{name: name, format: f, data: data})
	}
	sum := sha256.Sum256(data)
	im.files = append(im.files, virk.File{Name: name, SHA256: hex.EncodeToString(sum[:])})
	return nil
}

// isCatalogue reports whether data is a JSON object with a catalogue key at
// the top level. Broken JSON counts as a catalogue when a catalogue key
// comes before the break, so that its syntax error is reported as such.
func isCatalogue(data []byte) bool {
	text, _, err := DecodeText(data)
	if err != nil {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case "indicators", "entities", "annotations":
			return true
		}
		if _, ok := tok.(string); !ok {
			return false
		}
		if err := dec.Decode(&skip{}); err != nil {
			return false
		}
	}
}

// skip consumes a JSON value without keeping it.
type skip struct{}

// UnmarshalJSON implements json.Unmarshaler by ignoring the value.
func (*skip) UnmarshalJSON([]byte) error { return nil }

// addCatalogue reads a catalogue file and adds its records to the
// catalogue; a record defined twice in the import must be the same.
func (im *Importer) addCatalogue(name string, data []byte) {
	cf, errs := decodeCatalogue(data)
	for _, e := range errs {
		e.File = name
	}
	im.addErrs = append(im.addErrs, errs...)
	if cf == nil {
		return
	}
	if im.defInd == nil {
		im.defInd, im.defEnt = map[string]defined{}, map[string]defined{}
	}
	im.cats = append(im.cats, &catalogueAt{name, cf})
	for i, ind := range cf.Indicators {
		if im.define(im.defInd, name, cf.indAt[i], ind.ID, ind, "indikatoren") {
			im.Catalogue.AddIndicator(ind)
			im.inds = append(im.inds, ind)
		}
	}
	for i, ent := range cf.Entities {
		if im.define(im.defEnt, name, cf.entAt[i], ent.ID, ent, "enheten") {
			im.Catalogue.AddEntity(ent)
			im.ents = append(im.ents, ent)
		}
	}
}

// define records where a record is defined and reports whether it is new;
// a second, different definition is a fault.
func (im *Importer) define(defs map[string]defined, name string, at recordPlace, id string, rec any, what string) bool {
	prev, ok := defs[id]
	if !ok {
		defs[id] = defined{name, at, rec}
		return true
	}
	if !reflect.DeepEqual(prev.rec, rec) {
		e := at.error(errorf(ErrDuplicate, "%s %s er også definert i %s:%s, med annet innhold",
			what, quote(id), prev.name, prev.place))
		e.File = name
		im.addErrs = append(im.addErrs, e)
	}
	return false
}

// baseName is the last element of a file name written with / or \.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

// readAll drains a reader of records into fn, stopping early when fn
// returns false.
func readAll(read func() (Record, error), fn func(Record, *Error) bool) {
	for {
		rec, err := read()
		if err == io.EOF {
			return
		}
		var e *Error
		if err != nil {
			if e, _ = err.(*Error); e == nil {
				e = &Error{Err: errorf(ErrSyntax, "%v", err)}
			}
		}
		if !fn(rec, e) {
			return
		}
	}
}
