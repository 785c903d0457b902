package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// MetaFile is the name of the report's settings file in its folder.
const MetaFile = "rapport.json"

// Meta is the content of rapport.json: what the report is about, and the
// defaults its blocks and inline values fall back on.
type Meta struct {
	// Title is the report's name, its one <h1>. Required.
	Title string `json:"title"`
	// Subtitle is printed under the title, e.g. the area analysed.
	Subtitle string `json:"subtitle"`
	// Organisation publishes the report, e.g. "Bærum kommune".
	Organisation string `json:"organisation"`
	// Entity is the entity blocks and inline values use when they name
	// none (an entity ID from the catalogue).
	Entity string `json:"entity"`
	// Year is the period inline values use when they name none, and the
	// last year blocks show by default.
	Year int `json:"year"`
	// Published is the publication date, written "2019-05-20".
	Published string `json:"published"`
	// TrendYears is the span of trends, 3 when left out: the LDIP tables'
	// «Årlig trend siste 3 år».
	TrendYears int `json:"trend_years"`
	// Source is a line on where the figures come from, printed in the
	// colophon.
	Source string `json:"source"`

	lines map[string]int // the line of each key, for later faults
}

// metaKeys lists the keys of rapport.json, for messages.
var metaKeys = []string{"title", "subtitle", "organisation", "entity", "year", "published", "trend_years", "source"}

// readMeta decodes rapport.json strictly: an unknown or repeated key, a
// value of the wrong type, trailing content or a missing title is a fault
// placed at its line and column. The faults go to e; the result holds what
// could be read.
func readMeta(data []byte, e *errs) *Meta {
	m := &Meta{lines: map[string]int{}}
	fail := func(off int64, format string, args ...any) {
		line, col := position(data, off)
		e.list = append(e.list, &Error{File: MetaFile, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
	}
	if !utf8.Valid(data) {
		fail(0, "filen er ikke UTF-8")
		return m
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			fail(se.Offset, "ugyldig JSON: %v", se)
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			fail(int64(len(data)), "filen slutter før JSON-objektet er lukket")
		default:
			fail(dec.InputOffset(), "ugyldig JSON: %v", err)
		}
	}
	tok, err := dec.Token()
	if err != nil {
		syntax(err)
		return m
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		fail(0, "forventet et JSON-objekt {…} med %s", orList(metaKeys))
		return m
	}
	seen := map[string]bool{}
	for dec.More() {
		keyOff := skipSpace(data, dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			syntax(err)
			return m
		}
		key, _ := tok.(string)
		valOff := skipSpace(data, dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			syntax(err)
			return m
		}
		if seen[key] {
			fail(keyOff, "nøkkelen %s står to ganger", quote(key))
			continue
		}
		seen[key] = true
		m.lines[key], _ = position(data, keyOff)
		str := func(dst *string) {
			if err := json.Unmarshal(raw, dst); err != nil {
				fail(valOff, "%s må være en tekst i anførselstegn", quote(key))
			}
		}
		num := func(dst *int) {
			if err := json.Unmarshal(raw, dst); err != nil {
				fail(valOff, "%s må være et heltall, f.eks. %s", quote(key), map[string]string{"year": "2018", "trend_years": "3"}[key])
			}
		}
		switch key {
		case "title":
			str(&m.Title)
		case "subtitle":
			str(&m.Subtitle)
		case "organisation":
			str(&m.Organisation)
		case "entity":
			str(&m.Entity)
		case "year":
			num(&m.Year)
			if m.Year != 0 && (m.Year < 1900 || m.Year > 2200) {
				fail(valOff, "året %d er utenfor 1900–2200", m.Year)
			}
		case "published":
			str(&m.Published)
			if _, err := time.Parse(time.DateOnly, m.Published); m.Published != "" && err != nil {
				fail(valOff, "datoen %s er ugyldig (forventet ÅÅÅÅ-MM-DD, f.eks. 2019-05-20)", quote(m.Published))
			}
		case "trend_years":
			num(&m.TrendYears)
			if m.TrendYears < 0 || m.TrendYears > 20 {
				fail(valOff, "trend_years %d er utenfor 1–20", m.TrendYears)
			}
		case "source":
			str(&m.Source)
		default:
			hint := ""
			if s := suggest(key, metaKeys); s != "" {
				hint = "; mente du «" + s + "»?"
			}
			fail(keyOff, "ukjent nøkkel %s (forventet %s)%s", quote(key), orList(metaKeys), hint)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		syntax(err)
		return m
	}
	if _, err := dec.Token(); err != io.EOF {
		fail(dec.InputOffset(), "uventet innhold etter JSON-objektet")
	}
	if strings.TrimSpace(m.Title) == "" {
		fail(0, "mangler tittel (nøkkelen «title»)")
	}
	return m
}

// skipSpace returns the offset of the first byte at or after off that is
// not JSON whitespace, a comma or a colon: where the next token starts.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// position turns a byte offset into a 1-based line and column (in runes).
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}
