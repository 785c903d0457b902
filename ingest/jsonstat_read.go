package ingest

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
)

// JSONStat is the JSONStatFunc the command line plugs into Importer. It
// reads a JSON-stat 2.0 document, such as a "json-stat2" response of SSB's
// StatBank API, and imports every cell of every dataset in it (a dataset,
// the datasets embedded in a collection, or a pre-2.0 bundle), with the
// default mapping of dimensions described below. JSONStatMapping.Func
// gives the same reader with a mapping file.
//
// Period: the dimension with role "time" (else "Tid"); its category codes
// are periods as SSB writes them: "2020", "2020H1", "2018K1", "2021M09".
//
// Entity: the dimension with role "geo". SSB's KOSTRA tables have none, so
// without one it is the dimension linked to KLASS classification 131
// (municipalities) or 231 (KOSTRA regions), or else whose id starts with
// "Region" or "KOKkommuneregion". A table without any, such as the
// national building cost index 08655, needs a mapping file. Each code,
// without SSB's "K-" prefix ("K-3024" is 3024), is resolved as
// Catalogue.ResolveEntity does for the cell's year, by official number
// before ID, so Bærum's 0219, 3024 and 3201 all reach one entity when the
// catalogue holds its code history. A code the catalogue does not know
// gets a new entity with the ID "ssb-" and the code in lower case
// ("ssb-3001", "ssb-eak", "ssb-ekg16"; "js-" for producers other than
// SSB): four-digit codes are municipalities and the rest (the country,
// KOSTRA groups, counties) groups, each with the code as its official
// code, named from the category label without a leading code and with a
// trailing "(-2019)" or "(2020-)" read as the years the code was valid.
// Importing the same file again resolves the codes to those entities and
// creates nothing.
//
// Cells without a value whose code the entity's code history says was not
// in use that year are skipped: SSB marks them "." (not applicable), and
// stored they would hide the figures the entity's other code has for that
// year.
//
// Indicator: every other dimension, metric dimensions first, then in the
// order of the dataset's "id", including dimensions with one category, so
// that a table cut down to one category in SSB's query gives the same
// indicators as the whole table. The categories of a cell's indicator
// dimensions give:
//
//   - an indicator of the catalogue whose KOSTRA reference (table,
//     function, type, scope, variable) is the cell's; a field left empty
//     in the reference matches when the table has one category there.
//     Hand-made indicators win over the automatic ones below, which are
//     not matched this way. Tables whose indicator varies in more than
//     the KOSTRA dimensions get no KOSTRA reference, since it would not
//     name one series.
//   - otherwise the indicator with the ID "ssb-<table>-<code>-<code>…",
//     the codes in lower case with characters outside [a-z0-9._:-æøå]
//     written "_" ("ssb-12367-kosbelop0000-a-120-agd2"), from the catalogue
//     if it is there and created if not: its label the category labels
//     joined by ", ", its unit the metric category's (base and decimals),
//     its source "SSB, tabell 12367", its KOSTRA reference from the
//     KOK… dimensions, and no direction. IDs over 100 bytes are cut and
//     end in a hash. A table with no number in extension.px.tableid or
//     its label gets "js-<label>-<hash>" in place of "ssb-<table>".
//
// Values and statuses are read as jsonStatStatus describes. The cells a
// sparse dataset (an object "value") leaves out, with neither a value nor
// a status, are not imported. Observations get the source
// "SSB, tabell 12367"; without a table number the importer uses the file
// name.
//
// Faults are returned as Errors, each with a JSON path into the file
// ("value[15]", "dimension.Tid.category.index") or a line and column; an
// invalid JSON-stat document gives one error per finding of its
// validation. Nothing is returned with faults.
func JSONStat(name string, data []byte, cat *Catalogue) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, error) {
	return readJSONStat(name, data, cat, nil)
}

// maxJSONStatErrors bounds the faults collected from one file; the
// importer keeps fewer still.
const maxJSONStatErrors = 1000

// jsReader is one run of the importer over one file.
type jsReader struct {
	name string
	size int // bytes in the file
	cat  *Catalogue
	m    *JSONStatMapping // nil for the defaults
	errs Errors
	obs  []virk.Observation

	inds    []*virk.Indicator // created by this run, in order
	ents    []*virk.Entity
	indByID map[string]*virk.Indicator
	entByID map[string]*virk.Entity
	kostra  map[string][]*virk.Indicator // catalogue indicators by KOSTRA table

	usedInd, usedEnt map[string]bool // keys of the mapping that matched a cell
	keyHint          string          // what a key of "indicators" looks like
	entHint          string          // what a key of "entities" looks like
}

// readJSONStat imports a JSON-stat file with a mapping, nil for the
// defaults.
func readJSONStat(name string, data []byte, cat *Catalogue, m *JSONStatMapping) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, error) {
	if cat == nil {
		cat = NewCatalogue(nil, nil)
	}
	doc, err := jsonstat.Decode(data)
	if err != nil {
		return nil, nil, nil, decodeErrors(err, data)
	}
	sets := documentDatasets(doc)
	if len(sets) == 0 {
		return nil, nil, nil, Errors{{Err: errorf(ErrFormat,
			"JSON-stat-dokumentet (class %s) har ingen datasett med verdier å importere", quote(string(doc.Class)))}}
	}
	r := &jsReader{name: name, size: len(data), cat: cat, m: m,
		indByID: map[string]*virk.Indicator{}, entByID: map[string]*virk.Entity{},
		usedInd: map[string]bool{}, usedEnt: map[string]bool{}}
	for _, s := range sets {
		if r.full() {
			break
		}
		r.dataset(s.ds, s.path)
	}
	if m != nil && len(r.errs) == 0 {
		r.unusedKeys()
	}
	if len(r.errs) > 0 {
		return nil, nil, nil, r.errs
	}
	return r.obs, r.inds, r.ents, nil
}

// fail records a fault, up to maxJSONStatErrors.
func (r *jsReader) fail(e *Error) {
	if !r.full() {
		r.errs = append(r.errs, e)
	}
}

func (r *jsReader) full() bool { return len(r.errs) >= maxJSONStatErrors }

// placed is a dataset with its JSON path in the document.
type placed struct {
	ds   *jsonstat.Dataset
	path string
}

// documentDatasets lists the datasets of a document, as Document.Datasets
// does, with the path of each: "" for a dataset document, the member name
// in a bundle, "link.item[2]" in a collection.
func documentDatasets(doc *jsonstat.Document) []placed {
	var out []placed
	var walk func(c *jsonstat.Collection, path string)
	walk = func(c *jsonstat.Collection, path string) {
		ipath := pathKey(pathKey(path, "link"), "item")
		for i, it := range c.Items {
			// Items are the object elements of link.item, so i is the
			// index unless the array holds non-objects, which the
			// decoder refuses.
			switch {
			case it.Dataset != nil:
				out = append(out, placed{it.Dataset, pathIndex(ipath, i)})
			case it.Collection != nil:
				walk(it.Collection, pathIndex(ipath, i))
			}
		}
	}
	switch {
	case doc.Dataset != nil:
		out = append(out, placed{doc.Dataset, ""})
	case doc.Collection != nil:
		walk(doc.Collection, "")
	default:
		for _, ds := range doc.Bundle {
			out = append(out, placed{ds, pathKey("", ds.Name)})
		}
	}
	return out
}

// decodeErrors turns the findings of an invalid document into Errors, one
// per finding of severity error, keeping jsonstat's code in the message.
func decodeErrors(err error, data []byte) Errors {
	var ve *jsonstat.ValidationError
	if !errors.As(err, &ve) {
		return Errors{{Err: errorf(ErrSyntax, "ugyldig JSON-stat: %v", err)}}
	}
	var es Errors
	for _, f := range ve.Findings.Errors() {
		e := &Error{Line: f.Line, Column: f.Column, Path: f.Path}
		if f.Code == jsonstat.CodeParseError {
			e.Err = errorf(ErrSyntax, "ugyldig JSON: %s (%s)", strings.TrimPrefix(f.Message, "invalid JSON: "), f.Code)
		} else {
			what := cmpOr(findingText[f.Code], "feil i dokumentet")
			e.Err = errorf(ErrSyntax, "ugyldig JSON-stat: %s: %s (%s)", what, f.Message, f.Code)
		}
		es = append(es, e)
	}
	if len(es) == 0 {
		es = Errors{{Err: errorf(ErrSyntax, "ugyldig JSON-stat: %v", err)}}
	}
	if looksLikeMapping(data) {
		es = Errors{{Err: errorf(ErrFormat,
			"filen er en kartleggingsfil for JSON-stat (med %s), ikke data: den skal oppgis som kartlegging sammen med JSON-stat-filen",
			quoteList(mappingFields[:4]))}}
	}
	return es
}

// findingText says in Norwegian what each jsonstat finding is about,
// before jsonstat's English detail.
var findingText = map[jsonstat.Code]string{
	jsonstat.CodeIDSizeLenMismatch:     "id og size har ulik lengde",
	jsonstat.CodeDimKeyIDMismatch:      "dimension stemmer ikke med id",
	jsonstat.CodeValueLenMismatch:      "antallet verdier stemmer ikke med size",
	jsonstat.CodeSparseKeyOutOfRange:   "ugyldig celleposisjon i value",
	jsonstat.CodeRoleIDUnknown:         "role nevner en dimensjon som ikke finnes",
	jsonstat.CodeStatusLenMismatch:     "antallet statuser stemmer ikke med antallet celler",
	jsonstat.CodeStatusKeyOutOfRange:   "ugyldig celleposisjon i status",
	jsonstat.CodeMetricUnitMissing:     "måledimensjonen mangler enhet",
	jsonstat.CodeIndexCountMismatch:    "antallet kategorier stemmer ikke med size",
	jsonstat.CodeIndexPositionsInvalid: "category.index har ugyldige posisjoner",
	jsonstat.CodeLabelKeyUnknown:       "category.label nevner en kategori som ikke finnes",
	jsonstat.CodeLabelKeyIncomplete:    "category.label mangler kategorier",
	jsonstat.CodeUnitKeyUnknown:        "category.unit nevner en kategori som ikke finnes",
	jsonstat.CodeCoordKeyUnknown:       "category.coordinates nevner en kategori som ikke finnes",
	jsonstat.CodeNoteKeyUnknown:        "category.note nevner en kategori som ikke finnes",
	jsonstat.CodeChildIDUnknown:        "category.child nevner en kategori som ikke finnes",
	jsonstat.CodeChildCycle:            "category.child går i ring",
	jsonstat.CodeRecursionLimit:        "samlingene er nøstet for dypt",
	jsonstat.CodeBundleDeprecated:      "gammelt bundle-format",
	jsonstat.CodeCubeSizeOverflow:      "kuben har for mange celler",
	jsonstat.CodeStructuralViolation:   "brudd på JSON-stat 2.0-formatet",
	jsonstat.CodeBudgetExceeded:        "for mange feil",
}

// looksLikeMapping reports whether a file that is not JSON-stat is a
// mapping file handed over as data by mistake.
func looksLikeMapping(data []byte) bool {
	m, errs := decodeMapping(data)
	return len(errs) == 0 && (m.Period != "" || m.PeriodID != "" || m.Entity != "" || m.EntityID != "" || m.Indicator != nil ||
		m.Fixed != nil || m.Indicators != nil || m.Entities != nil)
}

// jsPeriod is a category of the period dimension.
type jsPeriod struct {
	per virk.Period
	ok  bool
}

// dataset imports the cells of one dataset.
func (r *jsReader) dataset(ds *jsonstat.Dataset, path string) {
	p, ok := r.plan(ds, path)
	if !ok {
		return
	}
	periods := r.periods(p)
	if r.full() {
		return
	}
	// Cells cut away by "fixed" are not counted in the allocation, nor
	// more cells than the file has room for, since a sparse cube may
	// claim far more cells than it holds.
	n := ds.Len()
	for j, c := range p.keep {
		if c >= 0 && ds.Size[j] > 0 {
			n /= ds.Size[j]
		}
	}
	r.obs = slices.Grow(r.obs, min(max(n, 0), r.size/2+1))
	sparse := ds.Sparse()
	sources := virkSources(ds.Extension)
cells:
	for pos, o := range ds.All() {
		// The sparse form leaves out cells without a value; they say
		// nothing, and a small file may leave out millions.
		if sparse && o.Value.IsNull() && o.Status == "" {
			continue
		}
		for j, c := range p.keep {
			if c >= 0 && o.Coords[j] != c {
				continue cells
			}
		}
		per := jsPeriod{p.fixedPeriod, true}
		if p.period >= 0 {
			per = periods[o.Coords[p.period]]
		}
		if !per.ok {
			continue
		}
		ent := r.entity(p, o.Coords, per.per.Year)
		ind := r.indicator(p, o.Coords)
		if ent.id == "" || ind == "" {
			if r.full() {
				return
			}
			continue
		}
		v, st, err := cellFigure(o.Value, o.Status)
		if err != nil {
			vpath := pathIndex(pathKey(path, "value"), pos)
			if sparse {
				vpath = pathKey(pathKey(path, "value"), strconv.Itoa(pos))
			}
			r.fail(&Error{Path: vpath, Err: err})
			if r.full() {
				return
			}
			continue
		}
		if !st.HasValue() && !ent.inUse {
			continue
		}
		src := p.source
		if s, ok := sources[strconv.Itoa(pos)]; ok {
			src = s
		}
		r.obs = append(r.obs, virk.Observation{IndicatorID: ind, EntityID: ent.id, Period: per.per,
			Value: v, Status: st, Source: src})
	}
}

// periods parses the codes of the period dimension; a code that is not a
// period is a fault naming it.
func (r *jsReader) periods(p *jsPlan) []jsPeriod {
	if p.period < 0 {
		return nil // period_id
	}
	dim, id := p.ds.Dimensions[p.period], p.ds.ID[p.period]
	out := make([]jsPeriod, dim.Len())
	for i, code := range dim.Category.IDs {
		if p.keep[p.period] >= 0 && p.keep[p.period] != i {
			continue
		}
		per, err := virk.ParsePeriod(code)
		if err != nil {
			r.fail(&Error{Path: pathKey(pathKey(pathKey(pathKey(p.path, "dimension"), id), "category"), "index"),
				Err: errorf(ErrPeriod, "koden %s i tidsdimensjonen %s er ikke en periode (forventet f.eks. 2020, 2020H1, 2020K1, 2020M01 eller 2020W01)",
					quote(code), quote(id))})
			continue
		}
		out[i] = jsPeriod{per, true}
	}
	return out
}

// virkSources reads the sources that virk's own JSON-stat export puts in
// the dataset's extension.virk.source, by cell position. Anything else in
// an extension is the producer's business and is left alone.
func virkSources(ext json.RawMessage) map[string]string {
	var e struct {
		Virk struct {
			Source map[string]string `json:"source"`
		} `json:"virk"`
	}
	if len(ext) == 0 || json.Unmarshal(ext, &e) != nil {
		return nil
	}
	return e.Virk.Source
}
