package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
)

// This file derives names and identifiers from what a JSON-stat dataset
// says about itself: its StatBank table number, its producer, and the codes
// and labels of its categories.

// pxExtension is the part of SSB's "extension" object the importer reads.
type pxExtension struct {
	PX struct {
		TableID  json.RawMessage `json:"tableid"`
		Decimals *int            `json:"decimals"`
	} `json:"px"`
}

// dsInfo is what the importer needs to know about a dataset besides its
// dimensions.
type dsInfo struct {
	table    string // StatBank table number, e.g. "12367"; "" if unknown
	title    string // the label without the table number
	ssb      bool   // produced by Statistics Norway
	decimals int    // extension.px.decimals, the table-wide default
	hasDec   bool
}

// datasetInfo reads the table number from extension.px.tableid, or from a
// label of the form "12367: Detaljerte regnskapstall …".
func datasetInfo(ds *jsonstat.Dataset) dsInfo {
	info := dsInfo{title: strings.TrimSpace(ds.Label), ssb: fromSSB(ds.Source)}
	var ext pxExtension
	if len(ds.Extension) > 0 && json.Unmarshal(ds.Extension, &ext) == nil {
		var s string
		if json.Unmarshal(ext.PX.TableID, &s) == nil {
			info.table = strings.TrimSpace(s)
		} else if n, err := strconv.Atoi(string(ext.PX.TableID)); err == nil && n >= 0 {
			info.table = strconv.Itoa(n)
		}
		if ext.PX.Decimals != nil {
			info.decimals, info.hasDec = *ext.PX.Decimals, true
		}
	}
	if num, rest, ok := strings.Cut(info.title, ":"); ok && len(num) >= 3 && len(num) <= 8 && isDigits(num) {
		if info.table == "" {
			info.table = num
		}
		info.title = strings.TrimSpace(rest)
	}
	if idPart(info.table) != info.table {
		// A table id that would not survive in an indicator ID is
		// treated as absent rather than mangled.
		info.table = ""
	}
	return info
}

// fromSSB reports whether a dataset's source is Statistics Norway, which
// writes "Statistisk sentralbyrå" in Norwegian and "Statistics Norway" in
// English.
func fromSSB(source string) bool {
	s := strings.ToLower(strings.TrimSpace(source))
	return s == "ssb" || strings.Contains(s, "statistisk sentralbyrå") || strings.Contains(s, "statistics norway")
}

// sourceName is the Source of indicators and observations from a dataset:
// "SSB, tabell 12367" for StatBank tables, otherwise the dataset's source.
// An empty result leaves the file name to the importer.
func (info dsInfo) sourceName(source string) string {
	source = strings.TrimSpace(source)
	switch {
	case info.ssb && info.table != "":
		return "SSB, tabell " + info.table
	case info.ssb:
		return "SSB"
	case source != "" && info.table != "":
		return source + ", tabell " + info.table
	case info.table != "":
		return "tabell " + info.table
	}
	return source
}

// indicatorPrefix is the start of the IDs of indicators created from a
// dataset: "ssb-12367" for an SSB table, "tabell-<id>" for another
// producer's table, and for a dataset without a table number "js-" with a
// slug of its label and a hash of its label and dimensions, so that two
// unrelated datasets never share indicators by accident.
func (info dsInfo) indicatorPrefix(ds *jsonstat.Dataset) string {
	switch {
	case info.table != "" && info.ssb:
		return "ssb-" + info.table
	case info.table != "":
		return "tabell-" + strings.ToLower(info.table)
	}
	sum := sha256.Sum256([]byte(ds.Label + "\x00" + strings.Join(ds.ID, "\x00")))
	slug := strings.Trim(idPart(truncRunes(info.title, 24)), "_-.")
	if slug == "" {
		return "js-" + hex.EncodeToString(sum[:4])
	}
	return "js-" + slug + "-" + hex.EncodeToString(sum[:4])
}

// entityPrefix is the start of the IDs of entities created from a
// dataset's region codes: "ssb-" for SSB, "js-" for other producers.
func (info dsInfo) entityPrefix() string {
	if info.ssb {
		return "ssb-"
	}
	return "js-"
}

// idPart makes a code usable inside an ID: lower case, with every
// character that virk.ValidateID refuses replaced by "_".
func idPart(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' ||
			r == '.' || r == '_' || r == '-' || r == ':' || r == 'æ' || r == 'ø' || r == 'å'
		if !ok {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maxIDLen is the longest ID virk.ValidateID accepts, in bytes.
const maxIDLen = 100

// capID shortens an ID longer than virk.ValidateID allows to its first
// bytes, a dash and a hash of the whole, so that long code combinations
// still give distinct, stable IDs.
func capID(id string) string {
	if len(id) <= maxIDLen {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	cut := maxIDLen - 1 - 12
	for cut > 0 && !utf8.RuneStart(id[cut]) {
		cut--
	}
	return id[:cut] + "-" + hex.EncodeToString(sum[:6])
}

func truncRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// geoCode is the official code of a region category: SSB's aggregation
// "KommSummer" writes municipality numbers as "K-3024", the code itself
// being "3024".
func geoCode(category string) string {
	if c, ok := strings.CutPrefix(category, "K-"); ok && c != "" {
		return c
	}
	return category
}

// geoName reads a region label as SSB writes it, "3024 Bærum (2020-2023)"
// or just "Bærum": the leading code is dropped, and a trailing range of
// years, "(-2019)", "(2020-)" or "(2020-2023)", gives the years the code
// was valid. Other parentheses, as in "Våler (Innlandet)", are part of the
// name. An empty name falls back to the code.
func geoName(label, category, code string) (name string, from, to int) {
	name = strings.TrimSpace(label)
	for _, prefix := range []string{category, code} {
		if rest, ok := strings.CutPrefix(name, prefix+" "); ok && prefix != "" {
			name = strings.TrimSpace(rest)
			break
		}
	}
	if i := strings.LastIndexByte(name, '('); i >= 0 && strings.HasSuffix(name, ")") {
		if f, t, ok := yearRange(name[i+1 : len(name)-1]); ok {
			name, from, to = strings.TrimSpace(name[:i]), f, t
		}
	}
	if name == "" {
		name = code
	}
	return name, from, to
}

// yearRange reads "-2019", "2020-" or "2020-2023" (with a hyphen or an en
// dash); at least one year must be given, and from may not come after to.
func yearRange(s string) (from, to int, ok bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "–", "-")
	a, b, found := strings.Cut(s, "-")
	if !found {
		return 0, 0, false
	}
	year := func(s string) (int, bool) {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, true
		}
		if len(s) != 4 || !isDigits(s) {
			return 0, false
		}
		n, _ := strconv.Atoi(s)
		return n, true
	}
	from, okA := year(a)
	to, okB := year(b)
	if !okA || !okB || from == 0 && to == 0 || from != 0 && to != 0 && from > to {
		return 0, 0, false
	}
	return from, to, true
}

// newGeoEntity builds the entity for a region code that nothing in the
// catalogue knows. Four-digit codes are municipalities; everything else
// (EAK the country, EKG16 a KOSTRA group, counties, "Rest") is a group,
// the kind virk uses for published aggregates.
func newGeoEntity(id, category, code, label string) *virk.Entity {
	name, from, to := geoName(label, category, code)
	kind := virk.KindGroup
	if len(code) == 4 && isDigits(code) {
		kind = virk.KindMunicipality
	}
	return &virk.Entity{ID: id, Name: name, Kind: kind, Codes: []virk.Code{{Code: code, From: from, To: to}}}
}

// pathKey appends an object key to a JSON path the way package jsonstat
// writes paths: dotted, or ["key"] for keys that would be ambiguous.
func pathKey(path, key string) string {
	plain := key != ""
	for i := 0; i < len(key) && plain; i++ {
		c := key[i]
		plain = !(c == '.' || c == '[' || c == ']' || c == '"' || c == '\\' || c <= ' ' || c == 0x7f)
	}
	switch {
	case !plain:
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
}

// pathIndex appends an array index to a JSON path.
func pathIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// quoteList names up to ten items in Norwegian quotation marks: «a», «b»
// og «c».
func quoteList(items []string) string {
	const maxItems = 10
	var b strings.Builder
	for i, s := range items {
		switch {
		case i == maxItems:
			b.WriteString(" og " + strconv.Itoa(len(items)-maxItems) + " til")
			return b.String()
		case i > 0 && i == len(items)-1:
			b.WriteString(" og ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(quote(s))
	}
	return b.String()
}
