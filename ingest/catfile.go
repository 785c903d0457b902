package ingest

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// CatalogueFile is the content of a catalogue file: the project's own JSON
// format for indicators, entities and annotations. See WriteCatalogue for
// its field names.
type CatalogueFile struct {
	Indicators  []*virk.Indicator  // "indicators"
	Entities    []*virk.Entity     // "entities"
	Annotations []*virk.Annotation // "annotations"

	// Where each record starts, for faults found later, when the records
	// meet those of other files.
	indAt, entAt, annAt []recordPlace
}

// recordPlace is where a record is in its file.
type recordPlace struct {
	line, col int
	path      string
}

func (p recordPlace) error(err error) *Error {
	return &Error{Line: p.line, Column: p.col, Path: p.path, Err: err}
}

// ReadCatalogue reads a catalogue file. Decoding is strict: an unknown key,
// a value of the wrong type or a record that fails its Validate method is
// an error naming its JSON path, and a syntax error gives its line and
// column. The error is Errors, holding every fault found.
func ReadCatalogue(r io.Reader) (*CatalogueFile, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, Errors{{Err: errorf(ErrSyntax, "kan ikke lese filen: %v", err)}}
	}
	cf, errs := decodeCatalogue(data)
	if len(errs) > 0 {
		return nil, errs
	}
	return cf, nil
}

// catDecoder walks a parsed catalogue, collecting faults.
type catDecoder struct {
	data []byte
	errs Errors
}

// decodeCatalogue decodes as much of a catalogue as is valid, with every
// fault found.
func decodeCatalogue(data []byte) (*CatalogueFile, Errors) {
	text, _, err := DecodeText(data)
	if err != nil {
		return nil, Errors{err.(*Error)}
	}
	d := &catDecoder{data: text}
	root, err := parseJSON(text)
	if err != nil {
		je := err.(*jsonError)
		line, col := position(text, je.off)
		return nil, Errors{{Line: line, Column: col, Err: je.err}}
	}
	// Decoding goes on past faults, so that one run reports every record
	// that needs fixing; records with faults are left out of the result.
	cf := &CatalogueFile{}
	d.object(root, "", []string{"indicators", "entities", "annotations"}, func(key string, v *jnode, path string) {
		d.array(v, path, func(e *jnode, path string) {
			switch key {
			case "indicators":
				if ind, ok := d.indicator(e, path); ok {
					cf.Indicators = append(cf.Indicators, ind)
					cf.indAt = append(cf.indAt, d.place(e, path))
				}
			case "entities":
				if ent, ok := d.entity(e, path); ok {
					cf.Entities = append(cf.Entities, ent)
					cf.entAt = append(cf.entAt, d.place(e, path))
				}
			case "annotations":
				if a, ok := d.annotation(e, path); ok {
					cf.Annotations = append(cf.Annotations, a)
					cf.annAt = append(cf.annAt, d.place(e, path))
				}
			}
		})
	})
	return cf, d.errs
}

func (d *catDecoder) place(n *jnode, path string) recordPlace {
	line, col := position(d.data, n.off)
	return recordPlace{line, col, path}
}

func (d *catDecoder) fail(off int64, path string, kind error, format string, args ...any) {
	line, col := position(d.data, off)
	d.errs = append(d.errs, &Error{Line: line, Column: col, Path: path, Err: errorf(kind, format, args...)})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// object calls fn for each key of an object that is in fields and not null;
// other keys and repeated keys are faults.
func (d *catDecoder) object(n *jnode, path string, fields []string, fn func(key string, v *jnode, path string)) bool {
	if n.kind != jObject {
		d.typeError(n, path, jObject)
		return false
	}
	seen := map[string]bool{}
	ok := true
	for _, m := range n.keys {
		kpath := join(path, m.name)
		switch {
		case !contains(fields, m.name):
			d.fail(m.off, kpath, ErrField, "ukjent felt %s%s", quote(m.name), suggestField(m.name, fields))
			ok = false
		case seen[m.name]:
			d.fail(m.off, kpath, ErrField, "feltet %s står to ganger", quote(m.name))
			ok = false
		case m.val.kind != jNull:
			n := len(d.errs)
			fn(m.name, m.val, kpath)
			ok = ok && len(d.errs) == n
		}
		seen[m.name] = true
	}
	return ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggestField names the closest known field, or lists them all.
func suggestField(name string, fields []string) string {
	best, bestD := "", 3
	for _, f := range fields {
		if d := distance(strings.ToLower(name), f, bestD); d < bestD {
			best, bestD = f, d
		}
	}
	if closeEnough(name, bestD) {
		return " (mente du «" + best + "»?)"
	}
	return " (forventet " + strings.Join(fields, ", ") + ")"
}

// array calls fn for each element of an array, with its path.
func (d *catDecoder) array(n *jnode, path string, fn func(e *jnode, path string)) {
	if n.kind != jArray {
		d.typeError(n, path, jArray)
		return
	}
	for i, e := range n.elems {
		fn(e, fmt.Sprintf("%s[%d]", path, i))
	}
}

// typeError reports a value of the wrong JSON type.
func (d *catDecoder) typeError(n *jnode, path string, want jkind) {
	d.fail(n.off, path, ErrField, "forventet %s, fant %s", want, n.kind)
}

// str reads a string; numbers are not turned into text, which would hide
// a value in the wrong field.
func (d *catDecoder) str(n *jnode, path string) string {
	if n.kind != jString {
		d.typeError(n, path, jString)
		return ""
	}
	return n.str
}

// bool reads true or false.
func (d *catDecoder) bool(n *jnode, path string) bool {
	if n.kind != jBool {
		d.typeError(n, path, jBool)
		return false
	}
	return n.b
}

// int reads an integer; JSON has one number type, so 2.0 and 2e3 are
// refused rather than silently truncated.
func (d *catDecoder) int(n *jnode, path string) int {
	if n.kind != jNumber {
		d.typeError(n, path, jNumber)
		return 0
	}
	v, err := strconv.Atoi(n.str)
	if err != nil {
		d.fail(n.off, path, ErrField, "forventet et heltall, fant %s", n.str)
	}
	return v
}

// float reads a number.
func (d *catDecoder) float(n *jnode, path string) float64 {
	if n.kind != jNumber {
		d.typeError(n, path, jNumber)
		return 0
	}
	v, err := strconv.ParseFloat(n.str, 64)
	if err != nil {
		d.fail(n.off, path, ErrField, "tallet %s er for stort", n.str)
	}
	return v
}

// code reads an official code, which must be text so that leading zeros
// survive.
func (d *catDecoder) code(n *jnode, path string) string {
	if n.kind == jNumber {
		d.fail(n.off, path, ErrField, "forventet nummeret som tekst i anførselstegn, f.eks. \"0219\", fant %s", n.str)
		return ""
	}
	return d.str(n, path)
}

// period reads a period written as text ("2018K1") or as a year (2018).
func (d *catDecoder) period(n *jnode, path string) virk.Period {
	s := n.str
	if n.kind != jNumber {
		s = d.str(n, path)
	}
	if n.kind != jNumber && n.kind != jString {
		return virk.Period{}
	}
	p, err := virk.ParsePeriod(s)
	if err != nil {
		d.fail(n.off, path, ErrPeriod, "perioden %s er ugyldig (forventet f.eks. \"2018\", \"2018H1\", \"2018K1\" eller \"2018M01\")", quote(s))
	}
	return p
}

// validate reports a record's own Validate error at its path.
func (d *catDecoder) validate(n *jnode, path string, err error) bool {
	if err == nil {
		return true
	}
	msg := err.Error()
	var ve *virk.Error
	if errors.As(err, &ve) {
		msg = ve.Message
	}
	line, col := position(d.data, n.off)
	d.errs = append(d.errs, &Error{Line: line, Column: col, Path: path, Err: &detail{kind: ErrInvalid, msg: msg}})
	return false
}
