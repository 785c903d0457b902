package prognosis

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// walker checks a JSON document against the shape of a Go type before
// encoding/json fills it, because encoding/json reports unknown keys
// without their place, matches keys regardless of case, and takes a
// repeated key silently. The walker reports each such fault, and each
// value of the wrong JSON type, with its line, column and path, and
// records where every member starts so that faults found later can be
// placed too.
type walker struct {
	data   []byte
	dec    *json.Decoder
	file   string
	places map[string]int64 // path → byte offset of the value
	errs   Errors
}

// maxFaults is how many faults the walker records before it stops, so
// that a large broken file costs little.
const maxFaults = 100

// errStop ends a walk that has found maxFaults faults.
var errStop = errors.New("stop")

// walk checks data against the type of v. The data must be valid JSON:
// syntaxError is to be called first.
func walk(data []byte, file string, v any) (map[string]int64, Errors) {
	w := &walker{data: data, dec: json.NewDecoder(bytes.NewReader(data)), file: file, places: map[string]int64{}}
	w.dec.UseNumber()
	switch err := w.value(reflect.TypeOf(v).Elem(), ""); {
	case err == errStop:
		w.errs = append(w.errs, &Error{File: file, Err: errorf(ErrSyntax, "for mange feil; lesingen stoppet")})
	case err != nil:
		w.fail(w.dec.InputOffset(), "", errorf(ErrSyntax, "ugyldig JSON: %v", err))
	}
	return w.places, w.errs
}

// syntaxError returns the JSON syntax fault of data with its line and
// column, or nil. encoding/json checks the whole input before decoding
// into the empty struct, so this costs one scan.
func syntaxError(data []byte, file string) *Error {
	var probe struct{}
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &probe); !errors.As(err, &se) {
		return nil
	}
	// Offset counts the offending byte, except at the end of the input,
	// where there is none: the fault is then placed just after the text.
	off := se.Offset - 1
	if strings.HasPrefix(se.Error(), "unexpected end") {
		off = se.Offset
	}
	line, col := position(data, off)
	return &Error{File: file, Line: line, Column: col, Err: errorf(ErrSyntax, "ugyldig JSON: %v", se)}
}

// position converts a byte offset into a 1-based line and a 1-based
// column counted in characters, as editors show them.
func position(data []byte, off int64) (line, col int) {
	off = max(min(off, int64(len(data))), 0)
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCount(before)
}

// fail records a fault at off, and returns errStop once there are
// maxFaults of them.
func (w *walker) fail(off int64, path string, err error) error {
	line, col := position(w.data, off)
	w.errs = append(w.errs, &Error{File: w.file, Line: line, Column: col, Path: path, Err: err})
	if len(w.errs) >= maxFaults {
		return errStop
	}
	return nil
}

// start returns the offset of the next token: the decoder's offset is the
// end of the previous one, before any space, comma or colon.
func (w *walker) start() int64 {
	off := w.dec.InputOffset()
	for off < int64(len(w.data)) && strings.IndexByte(" \t\r\n,:", w.data[off]) >= 0 {
		off++
	}
	return off
}

// value checks one value of type t at path; a nil t accepts anything.
// The error is only for a broken token stream.
func (w *walker) value(t reflect.Type, path string) error {
	off := w.start()
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	w.places[path] = off
	if t != nil && t.Kind() == reflect.Pointer {
		if tok == nil {
			return nil
		}
		t = t.Elem()
	}
	if t == nil {
		return w.skip(tok)
	}
	var want string
	switch t.Kind() {
	case reflect.Struct:
		if tok == json.Delim('{') {
			return w.object(t, path)
		}
		want = "et objekt"
	case reflect.Slice:
		if tok == json.Delim('[') {
			for i := 0; w.dec.More(); i++ {
				if err := w.value(t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
					return err
				}
			}
			_, err := w.dec.Token()
			return err
		}
		want = "en liste"
	case reflect.String:
		if _, ok := tok.(string); !ok {
			want = "tekst"
		}
	case reflect.Float64:
		n, ok := tok.(json.Number)
		if _, err := strconv.ParseFloat(string(n), 64); !ok || err != nil {
			want = "et tall"
		}
	case reflect.Int:
		n, ok := tok.(json.Number)
		if _, err := strconv.Atoi(string(n)); !ok || err != nil {
			want = "et heltall"
		}
	}
	if want != "" {
		if err := w.fail(off, path, errorf(ErrField, "forventet %s, fant %s", want, describe(tok))); err != nil {
			return err
		}
		return w.skip(tok)
	}
	return nil
}

// object checks the members of an object against the fields of struct t.
func (w *walker) object(t reflect.Type, path string) error {
	fields := map[string]reflect.Type{}
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		fields[name] = t.Field(i).Type
		names = append(names, name)
	}
	seen := map[string]bool{}
	for w.dec.More() {
		off := w.start()
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		kp := key
		if path != "" {
			kp = path + "." + key
		}
		ft, known := fields[key]
		var ferr error
		switch {
		case !known:
			ferr = w.fail(off, kp, errorf(ErrField, "ukjent nøkkel %s; her kan stå %s", quote(key), strings.Join(names, ", ")))
		case seen[key]:
			ferr = w.fail(off, kp, errorf(ErrField, "nøkkelen %s står to ganger", quote(key)))
			ft = nil
		}
		if ferr != nil {
			return ferr
		}
		seen[key] = true
		if err := w.value(ft, kp); err != nil {
			return err
		}
	}
	_, err := w.dec.Token()
	return err
}

// skip reads past the rest of a value whose first token was tok.
func (w *walker) skip(tok json.Token) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// describe names the JSON type of a token for a message.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return string(v)
	case string:
		return "tekst " + quote(v)
	case json.Delim:
		if v == '{' {
			return "et objekt"
		}
		return "en liste"
	}
	return "en ukjent verdi"
}
