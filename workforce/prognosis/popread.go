package prognosis

import (
	"bytes"
	"io"
)

// PopulationReader reads a population projection, either as JSON-stat 2.0
// in the shape of SSB table 14288 (as the StatBank API returns it with
// format "json-stat2") or as a semicolon-separated CSV file with the
// header alder;år;personer. The first character tells them apart: a
// JSON-stat document starts with "{".
//
// In JSON-stat the reader keeps one region (dimension Region, or the one
// with the geo role) and one statistics variable (dimension ContentsCode,
// or the one with the metric role: in 14288 the projection alternatives),
// and sums over Kjonn. Alder holds single years, "000" to "105+"; Tid
// holds years. Any other dimension must have a single category.
type PopulationReader struct {
	// Region is the region to keep: its code, with or without SSB's "K-"
	// prefix ("3024", "K-3024"), or its label ("Bærum"). It may be empty
	// when the file holds a single region. CSV files have no region;
	// Region is then only recorded in Population.Region.
	Region string
	// Contents is the ContentsCode category to keep, by id or label. When
	// empty, the only category is kept, or else SSB's main alternative,
	// the category whose id or label contains "MMMM".
	Contents string
	// File is the file name put in front of error messages.
	File string

	r io.Reader
}

// NewPopulationReader returns a reader that reads from r.
func NewPopulationReader(r io.Reader) *PopulationReader {
	return &PopulationReader{r: r}
}

// ReadPopulation reads a population projection for one region from
// JSON-stat or CSV; see PopulationReader.
func ReadPopulation(r io.Reader, region string) (*Population, error) {
	pr := NewPopulationReader(r)
	pr.Region = region
	return pr.Read()
}

// Read reads the whole input. Its error is Errors, each fault with its
// place: a line and column in CSV and for JSON syntax, a JSON path for
// JSON-stat structure.
func (pr *PopulationReader) Read() (*Population, error) {
	data, err := io.ReadAll(pr.r)
	if err != nil {
		return nil, Errors{pr.fail(0, 0, "", errorf(ErrSyntax, "kan ikke lese filen: %v", err))}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return pr.readJSONStat(data)
	}
	return pr.readCSV(data)
}

// fail returns a fault placed in the reader's file.
func (pr *PopulationReader) fail(line, col int, path string, err error) *Error {
	return &Error{File: pr.File, Line: line, Column: col, Path: path, Err: err}
}
