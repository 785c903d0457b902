package ingest

import (
	"slices"

	"github.com/virk-analyse/virk"
)

// JSONStatMapping tells the JSON-stat importer which dimensions of a
// dataset hold the period, the entity and the indicator, for tables where
// the roles in the file are missing or not what the analyst wants, and
// lets it cut a file down and name existing catalogue records.
//
// A mapping file is a JSON object; every key is optional:
//
//		{
//		  "period":     "Tid",
//		  "entity":     "KOKkommuneregion0000",
//		  "indicator":  ["ContentsCode", "KOKfunksjon0000", "KOKart0000"],
//		  "fixed":      {"KOKregnskapsomfa0000": "A"},
//		  "indicators": {"KOSbelop0000.120.AGD2": "adm_brutto"},
//		  "entities":   {"EAK": "norge", "K-3024": "baerum"}
//		}
//
//	  - "period": the id of the dimension whose category codes are periods
//	    (2020, 2020H1, 2020K1, 2021M09). Default: the dimension with role
//	    "time", else a dimension with id "Tid".
//	  - "period_id": instead of "period", one period for every cell, for
//	    tables without a time dimension, such as a PX file whose year is
//	    only in its title ("period_id": "2018").
//	  - "entity": the id of the dimension whose category codes are regions.
//	    Default: the dimension with role "geo", else one linked to SSB's
//	    KLASS classification 131 or 231, else one whose id starts with
//	    "Region" or "KOKkommuneregion".
//	  - "entity_id": instead of "entity", one entity for every cell, by
//	    catalogue ID or official code, for tables without regions such as
//	    SSB's national price indexes ("entity_id": "norge").
//	  - "indicator": the dimensions whose category codes together name the
//	    indicator, in this order. Default: every dimension other than the
//	    period and the entity, metric dimensions first, then in the order
//	    of the dataset's "id". A dimension left out must have one category,
//	    or be cut to one by "fixed"; it is then context for every cell.
//	  - "fixed": dimension id → category code. Only cells of that category
//	    are imported; the others are skipped. Any dimension may be fixed,
//	    including the period and entity dimensions.
//	  - "indicators": the codes of a cell's indicator dimensions, joined by
//	    "." in the order of "indicator" → the ID of an indicator that must
//	    already be in the catalogue. Cells without a key here get an
//	    indicator as without a mapping file.
//	  - "entities": a region code, as written in the file ("K-3024") or
//	    without SSB's "K-" ("3024") → a catalogue entity, by ID or official
//	    code.
//
// Decoding is strict: an unknown key, a repeated key or a value of the
// wrong type is an error with its line, column and path. A mapping that
// names a dimension or category the dataset does not have, and a key of
// "indicators" or "entities" that matches no imported cell, are errors
// too, so that a typing error never passes silently.
//
// The fields mirror the keys; a mapping may also be built in code.
type JSONStatMapping struct {
	Period     string            // "period"
	PeriodID   string            // "period_id"
	Entity     string            // "entity"
	EntityID   string            // "entity_id"
	Indicator  []string          // "indicator"; nil means the default
	Fixed      map[string]string // "fixed"
	Indicators map[string]string // "indicators"
	Entities   map[string]string // "entities"

	name string                 // the mapping file, for messages
	at   map[string]recordPlace // JSON path → where it is in the file
}

// mappingFields are the keys of a mapping file, in the order listed in
// messages.
var mappingFields = []string{"period", "entity", "entity_id", "indicator", "fixed", "indicators", "entities", "period_id"}

// ReadJSONStatMapping reads a mapping file. The error is Errors, every
// fault placed by line, column and JSON path in the file called name.
func ReadJSONStatMapping(name string, data []byte) (*JSONStatMapping, error) {
	m, errs := decodeMapping(data)
	for _, e := range errs {
		e.File = name
	}
	if len(errs) > 0 {
		return nil, errs
	}
	m.name = name
	return m, nil
}

// Func returns a JSONStatFunc that imports JSON-stat files with the
// mapping, for Importer.JSONStat. A nil mapping gives the defaults, as
// JSONStat does.
func (m *JSONStatMapping) Func() JSONStatFunc {
	return func(name string, data []byte, cat *Catalogue) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, error) {
		return readJSONStat(name, data, cat, m)
	}
}

// decodeMapping decodes a mapping file with every fault found.
func decodeMapping(data []byte) (*JSONStatMapping, Errors) {
	text, _, err := DecodeText(data)
	if err != nil {
		return nil, Errors{err.(*Error)}
	}
	root, err := parseJSON(text)
	if err != nil {
		je := err.(*jsonError)
		line, col := position(text, je.off)
		return nil, Errors{{Line: line, Column: col, Err: je.err}}
	}
	d := &catDecoder{data: text}
	m := &JSONStatMapping{at: map[string]recordPlace{}}
	mark := func(n *jnode, path string) { m.at[path] = d.place(n, path) }
	// name reads a dimension id or code, which must be non-empty text.
	name := func(v *jnode, path string) string {
		mark(v, path)
		s := d.str(v, path)
		if v.kind == jString && s == "" {
			d.fail(v.off, path, ErrField, "tom tekst (forventet id-en til en dimensjon eller kode)")
		}
		return s
	}
	d.object(root, "", mappingFields, func(key string, v *jnode, path string) {
		switch key {
		case "period":
			m.Period = name(v, path)
		case "period_id":
			m.PeriodID = name(v, path)
			if _, err := virk.ParsePeriod(m.PeriodID); m.PeriodID != "" && err != nil {
				d.fail(v.off, path, ErrPeriod, "%v", err)
			}
		case "entity":
			m.Entity = name(v, path)
		case "entity_id":
			m.EntityID = name(v, path)
		case "indicator":
			m.Indicator = []string{}
			mark(v, path)
			d.array(v, path, func(e *jnode, path string) {
				id := name(e, path)
				if id != "" && slices.Contains(m.Indicator, id) {
					d.fail(e.off, path, ErrField, "dimensjonen %s står to ganger", quote(id))
				}
				m.Indicator = append(m.Indicator, id)
			})
		case "fixed":
			m.Fixed = d.stringMap(v, path, name)
		case "indicators":
			m.Indicators = d.stringMap(v, path, name)
		case "entities":
			m.Entities = d.stringMap(v, path, name)
		}
	})
	if m.Period != "" && m.PeriodID != "" {
		at := m.at["period_id"]
		d.errs = append(d.errs, at.error(errorf(ErrField,
			"«period» og «period_id» kan ikke brukes sammen: velg dimensjonen med periodene eller én periode for alle cellene")))
	}
	if m.Entity != "" && m.EntityID != "" {
		at := m.at["entity_id"]
		d.errs = append(d.errs, at.error(errorf(ErrField,
			"«entity» og «entity_id» kan ikke brukes sammen: velg dimensjonen med enhetene eller én enhet for alle cellene")))
	}
	return m, d.errs
}

// stringMap reads an object of strings, such as "fixed", recording where
// each member is.
func (d *catDecoder) stringMap(n *jnode, path string, name func(*jnode, string) string) map[string]string {
	if n.kind != jObject {
		d.typeError(n, path, jObject)
		return nil
	}
	out := make(map[string]string, len(n.keys))
	for _, k := range n.keys {
		kpath := pathKey(path, k.name)
		if _, dup := out[k.name]; dup {
			d.fail(k.off, kpath, ErrField, "nøkkelen %s står to ganger", quote(k.name))
			continue
		}
		if k.name == "" {
			d.fail(k.off, kpath, ErrField, "tom nøkkel (forventet en kode)")
		}
		out[k.name] = name(k.val, kpath)
	}
	return out
}

// place returns where a path of the mapping file is, or just the path
// when the mapping was built in code.
func (m *JSONStatMapping) place(path string) recordPlace {
	if p, ok := m.at[path]; ok {
		return p
	}
	return recordPlace{path: path}
}

// fault returns an error placed at a path of the mapping file.
func (m *JSONStatMapping) fault(path string, kind error, format string, args ...any) *Error {
	e := m.place(path).error(errorf(kind, format, args...))
	e.File = m.name
	return e
}

// faultErr places an error of the catalogue, such as an unknown entity,
// at a path of the mapping file.
func (m *JSONStatMapping) faultErr(path string, err error) *Error {
	e := m.place(path).error(err)
	e.File = m.name
	return e
}
