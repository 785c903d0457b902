package px

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Reader reads a PX file from an io.Reader, in the shape of encoding/csv.
type Reader struct {
	r io.Reader
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: r} }

// Read reads the whole file and parses it as Parse does.
func (r *Reader) Read() (*File, error) {
	data, err := io.ReadAll(r.r)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse parses the bytes of a PX file. When the file cannot be read the
// File is nil and the error is Errors, the fatal faults with their lines
// and keywords; the warnings found so far are not returned then. A file
// that is read may still carry warnings in File.Warnings.
func Parse(data []byte) (*File, error) {
	text, used, declared, warn := decode(data)
	p := &parser{f: &File{Charset: used, DeclaredCharset: declared, ShowDecimals: -1}, s: scanner{b: text, line: 1}}
	if warn != nil {
		p.f.Warnings = append(p.f.Warnings, warn)
	}
	p.statements()
	p.header()
	if len(p.fatal) == 0 {
		p.data()
	}
	if len(p.fatal) > 0 {
		return nil, p.fatal
	}
	return p.f, nil
}

// parser holds the state of one Parse.
type parser struct {
	f      *File
	s      scanner
	fatal  Errors
	broken map[string]bool // keywords with a fatal syntax error
	dataKw *Keyword        // the DATA statement; nil when absent
	// byName indexes the statements of the default language by keyword.
	byName map[string][]*Keyword
}

// maxFaults bounds what one file reports.
const maxFaults = 100

// fail records a fault as fatal or as a warning.
func (p *parser) fail(fatal bool, line int, kw string, kind error, format string, args ...any) {
	e := &ParseError{Line: line, Keyword: kw, Fatal: fatal, Err: &detail{kind, fmt.Sprintf(format, args...)}}
	switch {
	case fatal && len(p.fatal) < maxFaults:
		p.fatal = append(p.fatal, e)
	case !fatal && len(p.f.Warnings) < maxFaults:
		p.f.Warnings = append(p.f.Warnings, e)
	}
}

// fatalKeywords are the keywords that decide what the cells are; a fault
// in one of them stops the file. A fault in any other keyword, which only
// describes the table, is a warning and the statement is skipped.
var fatalKeywords = map[string]bool{
	"CHARSET": true, "CODEPAGE": true, "LANGUAGE": true, "LANGUAGES": true, "MATRIX": true,
	"TABLEID": true, "SUBJECT-CODE": true, "SUBJECT-AREA": true, "TITLE": true, "CONTENTS": true,
	"UNITS": true, "DECIMALS": true, "STUB": true, "HEADING": true, "VALUES": true, "CODES": true,
	"CONTVARIABLE": true, "KEYS": true, "VARIABLECODE": true, "DATA": true,
}

// statements scans every statement up to DATA.
func (p *parser) statements() {
	p.broken = map[string]bool{}
	for {
		p.s.skipSpace()
		if p.s.pos >= len(p.s.b) {
			return
		}
		k, err := p.s.statement()
		if err != nil {
			fatal := fatalKeywords[k.Name] && k.Lang == ""
			if fatal {
				p.broken[k.Name] = true
			}
			name := k.String()
			if k.Name == "" {
				name = "(keyword)"
			}
			p.fail(fatal, p.s.lineAt(err.pos), name, ErrSyntax, "%s", err.msg)
			if len(p.fatal) >= maxFaults {
				return
			}
			p.s.recover()
			continue
		}
		if k.Name == "DATA" {
			p.dataKw = k
			return
		}
		p.f.Keywords = append(p.f.Keywords, k)
	}
}

// header interprets the statements before DATA and checks them.
func (p *parser) header() {
	f := p.f
	p.byName = map[string][]*Keyword{}
	for _, k := range f.Keywords {
		switch k.Name {
		case "LANGUAGE":
			f.Language = k.Value()
		case "LANGUAGES":
			f.Languages = k.Values
		}
	}
	var others []*Keyword
	for _, k := range f.Keywords {
		if k.Lang == "" || k.Lang == f.Language {
			p.byName[k.Name] = append(p.byName[k.Name], k)
		} else {
			others = append(others, k)
		}
	}
	// A keyword in a language the file does not declare cannot be shown
	// and is skipped.
	for _, k := range others {
		if !slices.Contains(f.Languages, k.Lang) {
			p.fail(false, k.Line, k.String(), ErrReference, "the language %q is not in LANGUAGES (%s); the keyword is skipped",
				k.Lang, strings.Join(f.Languages, ", "))
		}
	}
	for _, name := range []string{"MATRIX", "SUBJECT-CODE", "SUBJECT-AREA", "TITLE", "CONTENTS", "DECIMALS"} {
		p.mandatory(name)
	}
	f.Matrix, f.TableID, f.Title = p.text("MATRIX"), p.text("TABLEID"), p.text("TITLE")
	f.Description, f.Contents, f.Source = p.text("DESCRIPTION"), p.text("CONTENTS"), p.text("SOURCE")
	f.SubjectCode, f.SubjectArea = p.text("SUBJECT-CODE"), p.text("SUBJECT-AREA")
	if k := p.one("DECIMALS"); k != nil {
		n, err := strconv.Atoi(k.Value())
		if err != nil || n < 0 || n > 15 {
			p.fail(true, k.Line, k.String(), ErrValue, "%q is not a number of decimals from 0 to 15", k.Value())
		}
		f.Decimals = n
	}
	p.showDecimals()
	p.variables()
	p.units()
	p.symbols()
	p.details()
}

// mandatory reports a keyword the file must have, unless it is there or
// already reported broken.
func (p *parser) mandatory(name string) bool {
	if len(p.byName[name]) > 0 {
		return true
	}
	if !p.broken[name] {
		p.fail(true, p.endLine(), name, ErrMissing, "the mandatory keyword %s is missing", name)
	}
	return false
}

// endLine is where a missing keyword is reported: the DATA line, or the
// last line of the file.
func (p *parser) endLine() int {
	if p.dataKw != nil {
		return p.dataKw.Line
	}
	return p.s.lineAt(len(p.s.b))
}

// one returns the statement of the default language without subkeys
// (the last, if repeated), or nil.
func (p *parser) one(name string) *Keyword {
	ks := p.byName[name]
	for i := len(ks) - 1; i >= 0; i-- {
		if ks[i].Subkeys == nil {
			return ks[i]
		}
	}
	return nil
}

// text returns the value of a table-level keyword, or "".
func (p *parser) text(name string) string {
	if k := p.one(name); k != nil {
		return strings.Join(k.Values, "")
	}
	return ""
}

// showDecimals reads SHOWDECIMALS, which must be a number no greater
// than DECIMALS.
func (p *parser) showDecimals() {
	k := p.one("SHOWDECIMALS")
	if k == nil {
		return
	}
	n, err := strconv.Atoi(k.Value())
	switch {
	case err != nil:
		p.fail(false, k.Line, k.String(), ErrValue, "%q is not a number; SHOWDECIMALS is ignored", k.Value())
	case n < 0 || n > 6:
		p.fail(false, k.Line, k.String(), ErrValue, "%d is outside 0–6; SHOWDECIMALS is ignored", n)
	case n > p.f.Decimals:
		p.fail(false, k.Line, k.String(), ErrValue, "SHOWDECIMALS=%d is more than DECIMALS=%d; SHOWDECIMALS is ignored", n, p.f.Decimals)
	default:
		p.f.ShowDecimals = n
	}
}
