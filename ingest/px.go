package ingest

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/jsonstat"
	"github.com/virk-analyse/virk/px"
)

// PX reads a PC-Axis file (package px) and imports it as JSONStat imports
// the same table in JSON-stat: the file's cube becomes a JSON-stat
// dataset that goes through the same mapping, so that a mapping file
// (JSONStatMapping) applies to both and both give the same IDs.
//
// Dimensions: each variable, its id the VARIABLECODE when there is one
// (SSB writes "Region", "ContentsCode", "Tid", as in its JSON-stat) and
// the variable's name otherwise; categories are the CODES, or the VALUES
// when there are none, labelled with the VALUES. The dimension order is
// the cube's: STUB, then HEADING.
//
// Period: the variable with TIMEVAL, else a heading variable named like
// time ("Tid", "år", "year", "period", "kvartal", "måned"). Its time codes
// are written as virk periods: TLIST(A1) "2003" → 2003, TLIST(H1) "19951"
// → 1995H1, TLIST(Q1) "20041" and SSB's TLIST(K) "2015K1" → 2004K1 and
// 2015K1, TLIST(M1) "200601" → 2006M01, TLIST(W1) and SSB's "2023U29" →
// the ISO week 2023W29, and INE's quarter "2013T4" → 2013K4. A file
// without a time variable (INE's 14001) needs "period_id" in a mapping.
//
// Entity: a variable whose id is "region" or starts with "region" or
// "KOKkommuneregion" in any case, or whose META-ID links KLASS 131 or
// 231; otherwise a mapping file names it or gives "entity_id".
//
// Indicator: the CONTVARIABLE (the metric dimension, its UNITS and
// PRECISION the unit of its values) and every other variable. The table is
// TABLEID, else MATRIX in lower case; the source is SOURCE. A table of
// SSB's gets "ssb-<table>-<codes>…", another producer's
// "tabell-<table>-<codes>…". Indicators without a content unit get the
// table's UNITS.
//
// Statuses: a cell marked "." … "......" has the text its DATASYMBOL1 …
// DATASYMBOL6 gives, or the marker itself, as its JSON-stat status (as
// PxWeb's JSON-stat output does), read as jsonStatStatus describes: ".",
// not applicable; "..", missing; "..." and ":", suppressed; any other
// symbol (such as SCB's "....", or a DATASYMBOL text like "one"), missing.
// So SSB's own files, which declare DATASYMBOL1=".." and
// DATASYMBOL2="...", read their "." as missing and their ".." as
// suppressed. "-" (DATASYMBOLNIL) is a true zero: the value 0, final.
//
// Faults of the file are Errors placed by line and naming the keyword;
// the file's warnings (px.File.Warnings) are returned as the second
// result, placed the same way, and do not stop the import.
func PX(name string, data []byte, cat *Catalogue, m *JSONStatMapping) ([]virk.Observation, []*virk.Indicator, []*virk.Entity, []*Error, error) {
	if cat == nil {
		cat = NewCatalogue(nil, nil)
	}
	f, err := px.Parse(data)
	if err != nil {
		return nil, nil, nil, nil, pxErrors(err)
	}
	var warns []*Error
	for _, w := range f.Warnings {
		warns = append(warns, pxError(w))
	}
	ds, err := pxDataset(f)
	if err != nil {
		return nil, nil, nil, warns, Errors{{Err: errorf(ErrSyntax, "PX-filen kan ikke leses som en tabell: %v", err)}}
	}
	r := &jsReader{name: name, size: len(data), cat: cat, m: m,
		indByID: map[string]*virk.Indicator{}, entByID: map[string]*virk.Entity{},
		usedInd: map[string]bool{}, usedEnt: map[string]bool{}}
	r.dataset(ds, "")
	if m != nil && len(r.errs) == 0 {
		r.unusedKeys()
	}
	if len(r.errs) > 0 {
		return nil, nil, nil, warns, r.errs
	}
	for _, ind := range r.inds {
		if ind.Unit.Name == "" {
			ind.Unit.Name = strings.TrimSpace(f.Units)
		}
	}
	return r.obs, r.inds, r.ents, warns, nil
}

// pxError turns a fault of package px into an Error with its line: the
// keyword, what is wrong in Norwegian, and package px's English detail,
// as decodeErrors does for JSON-stat.
func pxError(e *px.ParseError) *Error {
	kind := ErrSyntax
	if errors.Is(e.Err, px.ErrCharset) {
		kind = ErrEncoding
	}
	what := "feil"
	for _, k := range pxFaultText {
		if errors.Is(e.Err, k.err) {
			what = k.text
			break
		}
	}
	return &Error{Line: e.Line, Err: errorf(kind, "%s: %s: %v", cmpOr(e.Keyword, "PX"), what, e.Err)}
}

// pxFaultText says in Norwegian what each kind of PX fault is about.
var pxFaultText = []struct {
	err  error
	text string
}{
	{px.ErrSyntax, "syntaksfeil"},
	{px.ErrMissing, "mangler"},
	{px.ErrReference, "ukjent referanse"},
	{px.ErrCount, "feil antall"},
	{px.ErrValue, "ugyldig verdi"},
	{px.ErrCharset, "feil tegnsett"},
}

// pxErrors turns the fatal faults of a PX file into Errors.
func pxErrors(err error) Errors {
	var pes px.Errors
	if !errors.As(err, &pes) {
		return Errors{{Err: errorf(ErrSyntax, "ugyldig PX-fil: %v", err)}}
	}
	es := make(Errors, len(pes))
	for i, e := range pes {
		es[i] = pxError(e)
	}
	return es
}

// pxDataset builds the JSON-stat dataset of a PX file.
func pxDataset(f *px.File) (*jsonstat.Dataset, error) {
	vars := f.Variables()
	tv := f.TimeVariable()
	ds := &jsonstat.Dataset{Label: strings.TrimSpace(f.Title), Source: strings.TrimSpace(f.Source)}
	// IDs are lower case: "TAB638" and "BE0101A1" become "tab638" and
	// "be0101a1" rather than being dropped.
	table := strings.ToLower(strings.TrimSpace(f.TableID))
	if table == "" {
		table = strings.ToLower(strings.TrimSpace(f.Matrix))
	}
	decimals := f.Decimals
	if f.ShowDecimals >= 0 {
		decimals = f.ShowDecimals
	}
	ext, _ := json.Marshal(map[string]any{"px": map[string]any{"tableid": table, "decimals": decimals}})
	ds.Extension = ext
	var geo []string
	for _, v := range vars {
		id := strings.TrimSpace(v.Code)
		if id == "" {
			id = v.Name
		}
		dim := &jsonstat.Dimension{ID: id, Label: v.Name}
		dim.Category.IDs = make([]string, len(v.Values))
		dim.Category.Label = make(map[string]string, len(v.Values))
		for i, label := range v.Values {
			code := v.ID(i)
			if v == tv {
				code = pxPeriod(v, i)
			}
			dim.Category.IDs[i] = code
			dim.Category.Label[code] = label
		}
		if v.MetaID != "" {
			// As SSB's JSON-stat links its KLASS classifications.
			ext, _ := json.Marshal(map[string]string{"px": v.MetaID})
			dim.Link = map[string][]jsonstat.Link{"describedby": {{Extension: ext}}}
		}
		if v == f.ContVariable {
			dim.Category.Unit = map[string]jsonstat.Unit{}
			for i, value := range v.Values {
				u := jsonstat.Unit{Base: cmpOr(f.ContentUnits[value], f.Units), Decimals: decimals, HasDecimals: true}
				if p, ok := pxPrecision(f, v, value); ok {
					u.Decimals = p
				}
				dim.Category.Unit[v.ID(i)] = u
			}
			ds.Role.Metric = []string{id}
		}
		if v == tv {
			ds.Role.Time = []string{id}
		}
		low := strings.ToLower(id)
		if v != tv && v != f.ContVariable && (strings.HasPrefix(low, "region") || strings.HasPrefix(low, "kokkommuneregion") ||
			strings.Contains(v.MetaID, "klass:131") || strings.Contains(v.MetaID, "klass:231")) {
			geo = append(geo, id)
		}
		ds.ID = append(ds.ID, id)
		ds.Size = append(ds.Size, len(v.Values))
		ds.Dimensions = append(ds.Dimensions, dim)
	}
	if len(geo) == 1 {
		ds.Role.Geo = geo
	}
	nums := f.Cells
	var status []string
	if f.Marks != nil {
		status = make([]string, len(nums))
		for i, m := range f.Marks {
			switch {
			case m == px.MarkNil:
				status[i] = "-"
				nums[i] = math.NaN()
			case m != px.MarkNone:
				status[i] = f.Symbol(m)
				nums[i] = math.NaN()
			}
		}
	}
	return jsonstat.Build(ds, nums, status)
}

// pxPrecision reads PRECISION("variable","value"), the decimals of one
// value.
func pxPrecision(f *px.File, v *px.Variable, value string) (int, bool) {
	for _, k := range f.Keywords {
		if k.Name == "PRECISION" && (k.Lang == "" || k.Lang == f.Language) && len(k.Subkeys) == 2 &&
			k.Subkeys[0] == v.Name && k.Subkeys[1] == value {
			n, err := strconv.Atoi(k.Value())
			return n, err == nil && n >= 0
		}
	}
	return 0, false
}

// pxPeriod writes the time code of value i of the time variable as a
// virk period where it can: the category's own code when it is a period
// (SSB's 14216 lists its years descending in VALUES and ascending in
// TIMEVAL, so the code is the safer of the two), else its TIMEVAL code.
func pxPeriod(v *px.Variable, i int) string {
	var unit byte
	if v.TimeVal != nil {
		unit = v.TimeVal.Unit
	}
	code := periodCode(v.ID(i), unit)
	if _, err := virk.ParsePeriod(code); err == nil || v.TimeVal == nil {
		return code
	}
	return periodCode(v.TimeVal.Codes[i], unit)
}

// periodCode writes a PX time code with its TLIST unit (0 if unknown) as
// virk writes periods.
func periodCode(code string, unit byte) string {
	code = strings.TrimSpace(code)
	if len(code) < 5 || !isDigits(code[:4]) {
		return code
	}
	year, rest := code[:4], code[4:]
	switch {
	case unit == 'H' && len(rest) == 1 && isDigits(rest):
		return year + "H" + rest
	case unit == 'Q' && len(rest) == 1 && isDigits(rest):
		return year + "K" + rest
	case unit == 'M' && len(rest) == 2 && isDigits(rest):
		return year + "M" + rest
	case unit == 'W' && isDigits(strings.TrimLeft(rest, "UuWw")):
		return year + "W" + strings.TrimLeft(rest, "UuWw")
	case len(rest) == 2 && (rest[0] == 'T' || rest[0] == 'Q') && rest[1] >= '1' && rest[1] <= '4':
		return year + "K" + rest[1:]
	}
	return code
}
