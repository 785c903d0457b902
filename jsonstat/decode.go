package jsonstat

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// Class is the kind of a JSON-stat document, from its "class" member.
type Class string

// The document classes. ClassBundle is not a JSON-stat 2.0 class: it
// stands for a pre-2.0 bundle, which has no "class" member at all.
const (
	// ClassDataset is a single data cube.
	ClassDataset Class = "dataset"
	// ClassCollection is a list of linked or embedded resources.
	ClassCollection Class = "collection"
	// ClassDimension is a standalone dimension, such as a code list.
	ClassDimension Class = "dimension"
	// ClassBundle is a pre-2.0 bundle: an object whose members are datasets.
	ClassBundle Class = "bundle"
)

// Default limits, used when the corresponding Decoder field is zero or
// negative.
const (
	// DefaultMaxCells is large enough for any StatBank table an SSB query
	// returns (the API caps responses far below it) yet small enough that
	// a forged "size" cannot make the importer allocate gigabytes.
	DefaultMaxCells = 50_000_000
	// DefaultMaxDepth bounds how deeply collections may nest.
	DefaultMaxDepth = 8
	// DefaultMaxFindings bounds the number of recorded findings.
	DefaultMaxFindings = 1000
)

// Document is a decoded JSON-stat document. Class tells which of Dataset,
// Collection, Dimension and Bundle is set.
type Document struct {
	// Class is the document class; ClassBundle for a pre-2.0 bundle.
	Class Class
	// Dataset is set for class "dataset".
	Dataset *Dataset
	// Collection is set for class "collection".
	Collection *Collection
	// Dimension is set for class "dimension".
	Dimension *Dimension
	// Bundle holds the datasets of a pre-2.0 bundle in document order,
	// each with its bundle key in Dataset.Name.
	Bundle []*Dataset
	// Findings holds the warnings and infos found while decoding (a
	// document with errors is not returned at all).
	Findings Findings
}

// Datasets returns every dataset in the document: the dataset itself, the
// datasets of a bundle, or the datasets embedded in a collection and its
// nested collections. Importers can use it to treat all classes alike.
func (d *Document) Datasets() []*Dataset {
	switch {
	case d.Dataset != nil:
		return []*Dataset{d.Dataset}
	case d.Collection != nil:
		return d.Collection.Datasets()
	}
	return append([]*Dataset(nil), d.Bundle...)
}

// A Decoder reads and validates a JSON-stat document from an input
// stream. The exported fields are options; set them before calling
// Decode or Validate.
type Decoder struct {
	// MaxCells is the largest product(size) accepted; larger cubes are
	// reported as CUBE_SIZE_OVERFLOW. Zero means DefaultMaxCells.
	MaxCells int
	// MaxDepth is how deeply collections may nest inside the top-level
	// collection before their content is skipped with RECURSION_LIMIT.
	// Zero means DefaultMaxDepth.
	MaxDepth int
	// MaxFindings is how many findings are recorded before the rest are
	// dropped with BUDGET_EXCEEDED. Zero means DefaultMaxFindings.
	MaxFindings int

	r io.Reader
}

// NewDecoder returns a decoder that reads from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: r}
}

// Decode reads r to EOF and decodes the JSON-stat document in it.
//
// When the document has no finding of severity error, Decode returns it
// with its warnings and infos in Document.Findings. Otherwise it returns a
// nil document and a *ValidationError holding every finding. Read errors
// from r are returned as they are.
func (d *Decoder) Decode() (*Document, error) {
	data, err := d.read()
	if err != nil {
		return nil, err
	}
	return d.decode(data)
}

// Validate reads r to EOF and returns every finding about the document,
// including errors. The error result is only for read errors from r.
func (d *Decoder) Validate() (Findings, error) {
	data, err := d.read()
	if err != nil {
		return nil, err
	}
	p := d.parser()
	p.parseDocument(data)
	return p.findings, nil
}

// Decode decodes a JSON-stat document held in memory, with default
// options. See Decoder.Decode.
func Decode(data []byte) (*Document, error) {
	return (&Decoder{}).decode(data)
}

// Validate returns every finding about a JSON-stat document held in
// memory, with default options. The document is valid when
// Findings.Valid reports true.
func Validate(data []byte) Findings {
	p := (&Decoder{}).parser()
	p.parseDocument(data)
	return p.findings
}

func (d *Decoder) read() ([]byte, error) {
	if d.r == nil {
		return nil, errors.New("jsonstat: Decoder has no reader; use NewDecoder")
	}
	return io.ReadAll(d.r)
}

func (d *Decoder) parser() *parser {
	p := &parser{maxCells: d.MaxCells, maxDepth: d.MaxDepth, maxFindings: d.MaxFindings}
	if p.maxCells <= 0 {
		p.maxCells = DefaultMaxCells
	}
	if p.maxDepth <= 0 {
		p.maxDepth = DefaultMaxDepth
	}
	if p.maxFindings <= 0 {
		p.maxFindings = DefaultMaxFindings
	}
	return p
}

func (d *Decoder) decode(data []byte) (*Document, error) {
	p := d.parser()
	doc := p.parseDocument(data)
	if p.nerr > 0 || doc == nil {
		return nil, &ValidationError{Findings: p.findings}
	}
	for _, ds := range doc.Datasets() {
		ds.finish()
	}
	doc.Findings = p.findings
	return doc, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// parseDocument checks the JSON syntax, then dispatches on "class".
func (p *parser) parseDocument(data []byte) *Document {
	// A byte order mark is not JSON, but Windows tools add one; it is
	// skipped rather than rejected because it carries no meaning.
	body := bytes.TrimPrefix(data, utf8BOM)
	spans, ok := checkJSON(body)
	if !ok {
		p.syntaxError(data, len(data)-len(body), body)
		return nil
	}
	p.walker = walker{base: body, spans: spans}
	if kindOf(body) != kindObject {
		p.wrongType("", "a JSON object", body)
		return nil
	}
	doc := &Document{}
	classRaw := p.lookup(body, "class")
	if classRaw == nil {
		p.parseUnclassified(body, doc)
		return doc
	}
	c, ok := p.str(classRaw, "class")
	if !ok {
		return doc
	}
	doc.Class = Class(c)
	switch doc.Class {
	case ClassDataset:
		doc.Dataset = p.parseDataset(body, "", dsContext{top: true})
	case ClassCollection:
		doc.Collection = p.parseCollection(body, "", 0, true)
	case ClassDimension:
		doc.Dimension = p.parseDimension(body, "", "", -1, true, true)
	default:
		p.structural("class", "class must be \"dataset\", \"collection\" or \"dimension\", found %q", c)
	}
	return doc
}

// syntaxError reports a PARSE_ERROR with the line and column of the
// offending character. checkJSON only says no, so the input is run
// through json.Unmarshal once more to obtain a *json.SyntaxError with
// the standard library's wording and offset.
func (p *parser) syntaxError(data []byte, skipped int, body []byte) {
	var raw json.RawMessage
	err := json.Unmarshal(body, &raw)
	msg := "input is not valid JSON"
	off := len(body)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		msg = se.Error()
		off = int(se.Offset)
		// Offset counts the bytes read including the offending one, except
		// at end of input, where it already points past the last byte.
		if !strings.HasPrefix(msg, "unexpected end") && off > 0 {
			off--
		}
	}
	line, col := lineCol(data, skipped+off)
	p.report(CodeParseError, "", "invalid JSON: %s", msg)
	last := p.findings[len(p.findings)-1]
	last.Line, last.Column = line, col
}

// parseUnclassified handles an object without "class": a pre-2.0 bundle
// when its members are datasets, otherwise a document missing its class.
func (p *parser) parseUnclassified(body []byte, doc *Document) {
	var members []member
	bundle := false
	p.eachMember(body, func(k, v []byte) bool {
		members = append(members, member{unescapeKey(k), v})
		if p.looksLikeDataset(v) {
			bundle = true
		}
		return true
	})
	if bundle {
		doc.Class = ClassBundle
		p.report(CodeBundleDeprecated, "", "the document has no class and its members are datasets: a pre-2.0 bundle, deprecated in JSON-stat 2.0 in favour of collections")
		for _, m := range members {
			mpath := joinKey("", m.key)
			switch {
			case m.key == "version":
				p.str(m.raw, mpath)
			case p.looksLikeDataset(m.raw):
				if ds := p.parseDataset(m.raw, mpath, dsContext{legacy: true, name: m.key}); ds != nil {
					doc.Bundle = append(doc.Bundle, ds)
				}
			default:
				p.structural(mpath, "bundle member %q is not a dataset (an object with dimension and value)", m.key)
			}
		}
		return
	}
	if p.lookup(body, "id") != nil || p.lookup(body, "dimension") != nil || p.lookup(body, "value") != nil {
		p.structural("class", "required member class is missing; this looks like a dataset, which must declare \"class\": \"dataset\"")
		doc.Class = ClassDataset
		doc.Dataset = p.parseDataset(body, "", dsContext{top: true})
		return
	}
	p.structural("class", "required member class is missing; a JSON-stat 2.0 document must declare \"class\" as \"dataset\", \"collection\" or \"dimension\"")
}

// looksLikeDataset reports whether a bundle member is a dataset object.
func (p *parser) looksLikeDataset(v []byte) bool {
	return kindOf(v) == kindObject && (p.lookup(v, "dimension") != nil || p.lookup(v, "value") != nil)
}
