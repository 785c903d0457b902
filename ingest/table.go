package ingest

import (
	"strings"

	"github.com/virk-analyse/virk"
)

// Record is one observation as a reader found it. With a Catalogue set on the
// reader, Indicator and Entity are the catalogue's IDs (an entity given by
// its municipality number is resolved to the entity's ID); without one they
// are as written in the file.
type Record struct {
	Indicator string      // the indicator ID
	Entity    string      // the entity ID, or the code as written
	Period    virk.Period // the period of the value
	Value     float64     // meaningful only when Status.HasValue()
	Status    virk.Status // final unless the file says otherwise
	Source    string      // the source column; "" when the file has none
	Sheet     string      // the XLSX sheet; "" for CSV
	Line      int         // the line (CSV) or row (XLSX) of the value
	Column    int         // the 1-based column of the value

	ind, ent int32 // catalogue indexes, set when resolved
}

// periodCol is a wide-layout column that holds the values of one period.
type periodCol struct {
	col int
	p   virk.Period
}

// colError is a fault in a row, with the index of the column at fault (-1
// for the row as a whole).
type colError struct {
	col int
	err error
}

// table turns header and data rows of either layout into records. The CSV
// and XLSX readers share it; they supply the fields and turn column indexes
// into places.
type table struct {
	// Options, set by the reader before the header.
	defInd, defEnt string
	decimal        byte
	cat            *Catalogue

	layout  Layout
	width   int                // columns up to the last one with a name
	unnamed []int              // columns without a name, which must stay empty
	cols    [roleLabel + 1]int // column index by role; -1 when absent
	periods []periodCol
	labels  []int

	strs    map[string]string      // interned names, without a catalogue
	pcache  map[string]virk.Period // periods already parsed
	recs    []Record               // the records of the current row
	errs    []colError             // the faults of the current row
	recCols []int                  // column index of each record
}

// field returns the trimmed field of role r, or "" when the column is absent
// or the row is short.
func (t *table) field(fields []string, r role) string {
	i := t.cols[r]
	if i < 0 || i >= len(fields) {
		return ""
	}
	return trimSpace(fields[i])
}

// blank reports whether every field is empty.
func blank(fields []string) bool {
	for _, f := range fields {
		if trimSpace(f) != "" {
			return false
		}
	}
	return true
}

// row reads one data row into t.recs and t.errs. strict requires at least as
// many fields as the header has (CSV); spreadsheets leave trailing empty
// cells out.
func (t *table) row(fields []string, strict bool) {
	t.recs, t.errs, t.recCols = t.recs[:0], t.errs[:0], t.recCols[:0]
	if blank(fields) {
		return
	}
	if strict && len(fields) < t.width {
		t.errs = append(t.errs, colError{len(fields) - 1, errorf(ErrFieldCount,
			"linjen har %d felt, men overskriften har %d (er skilletegnet riktig, og er tekst med skilletegn i anførselstegn?)",
			len(fields), t.width)})
		return
	}
	for i := t.width; i < len(fields); i++ {
		if f := trimSpace(fields[i]); f != "" {
			t.errs = append(t.errs, colError{i, errorf(ErrFieldCount,
				"%s står utenfor tabellen: overskriften har bare %d kolonner", quote(f), t.width)})
			return
		}
	}
	for _, i := range t.unnamed {
		if i < len(fields) && i < t.width {
			if f := trimSpace(fields[i]); f != "" {
				t.errs = append(t.errs, colError{i, errorf(ErrFieldCount,
					"%s står i en kolonne uten overskrift", quote(f))})
				return
			}
		}
	}
	if t.layout == Tidy {
		t.tidyRow(fields)
	} else {
		t.wideRow(fields)
	}
}

// tidyRow reads one observation. Every fault in the row is reported, each
// at its own field, so that one run finds them all.
func (t *table) tidyRow(fields []string) {
	p, perr := t.period(t.field(fields, rolePeriod))
	if perr != nil {
		t.errs = append(t.errs, colError{t.cols[rolePeriod], perr})
	}
	rec := Record{Source: t.intern(t.field(fields, roleSource))}
	rec.Indicator, rec.ind, _ = t.indicator(fields)
	if perr == nil {
		rec.Entity, rec.ent, _ = t.entity(fields, p.Year)
	}
	val, status := t.field(fields, roleValue), t.field(fields, roleStatus)
	res, onStatus, err := parseCell(val, status, t.decimal)
	if err != nil {
		c := t.cols[roleValue]
		if onStatus {
			c = t.cols[roleStatus]
		}
		t.errs = append(t.errs, colError{c, err})
	}
	if len(t.errs) > 0 {
		return
	}
	rec.Period, rec.Value, rec.Status = p, res.value, res.status
	t.recs = append(t.recs, rec)
	t.recCols = append(t.recCols, t.cols[roleValue])
}

// wideRow reads one series. A row without values is a heading or a series
// not yet filled in, and is skipped without complaint.
func (t *table) wideRow(fields []string) {
	has := false
	for _, pc := range t.periods {
		if pc.col < len(fields) && trimSpace(fields[pc.col]) != "" {
			has = true
			break
		}
	}
	if !has {
		return // a heading or an empty series: nothing to import
	}
	ind, indIdx, ok := t.indicator(fields)
	if !ok {
		return
	}
	src := t.intern(t.field(fields, roleSource))
	for _, pc := range t.periods {
		if pc.col >= len(fields) {
			continue
		}
		val := trimSpace(fields[pc.col])
		if val == "" {
			continue
		}
		res, _, err := parseCell(val, "", t.decimal)
		if err != nil {
			t.errs = append(t.errs, colError{pc.col, err})
			continue
		}
		ent, entIdx, ok := t.entity(fields, pc.p.Year)
		if !ok {
			break // one message for the row is enough
		}
		t.recs = append(t.recs, Record{Indicator: ind, Entity: ent, Period: pc.p,
			Value: res.value, Status: res.status, Source: src, ind: indIdx, ent: entIdx})
		t.recCols = append(t.recCols, pc.col)
	}
	if len(t.errs) > 0 {
		t.recs, t.recCols = t.recs[:0], t.recCols[:0]
	}
}

// indicator reads and, with a catalogue, resolves the row's indicator. On
// failure it records the error and returns ok false.
func (t *table) indicator(fields []string) (id string, idx int32, ok bool) {
	col := t.cols[roleIndicator]
	raw := t.defInd
	if col >= 0 {
		raw = t.field(fields, roleIndicator)
	}
	if raw == "" {
		t.errs = append(t.errs, colError{col, errorf(ErrUnknownIndicator, "mangler indikator")})
		return "", -1, false
	}
	if t.cat == nil {
		return t.intern(raw), -1, true
	}
	e, err := t.cat.resolveIndicator(raw)
	if err == nil && e.ind.Derived() {
		err = errorf(ErrDerived, "indikatoren %s er beregnet (formel %s) og kan ikke ha egne verdier",
			quote(raw), quote(e.ind.Formula))
	}
	if err != nil {
		t.errs = append(t.errs, colError{col, err})
		return "", -1, false
	}
	return e.ind.ID, e.idx, true
}

// entity reads and, with a catalogue, resolves the row's entity as it was
// known in year.
func (t *table) entity(fields []string, year int) (id string, idx int32, ok bool) {
	col := t.cols[roleEntity]
	raw := t.defEnt
	if col >= 0 {
		raw = t.field(fields, roleEntity)
	}
	if raw == "" {
		t.errs = append(t.errs, colError{col, errorf(ErrUnknownEntity, "mangler enhet")})
		return "", -1, false
	}
	if t.cat == nil {
		return t.intern(raw), -1, true
	}
	e, err := t.cat.resolveEntity(raw, year)
	if err != nil {
		t.errs = append(t.errs, colError{col, err})
		return "", -1, false
	}
	return e.ent.ID, e.idx, true
}

// maxCached bounds the interning and period maps, so that a file of many
// distinct strings does not keep them all.
const maxCached = 10000

// period parses a period cell, remembering the periods seen: a file has few.
func (t *table) period(s string) (virk.Period, error) {
	if p, ok := t.pcache[s]; ok {
		return p, nil
	}
	p, err := virk.ParsePeriod(s)
	if err != nil || p.Year > 9999 {
		if s == "" {
			return p, errorf(ErrPeriod, "mangler periode")
		}
		return p, errorf(ErrPeriod, "perioden %s er ugyldig (forventet f.eks. 2018, 2018H1, 2018K1 eller 2018M01)", quote(s))
	}
	if t.pcache == nil {
		t.pcache = map[string]virk.Period{}
	}
	if len(t.pcache) < maxCached {
		t.pcache[strings.Clone(s)] = p
	}
	return p, nil
}

// intern returns a copy of s that is shared by every equal string, so that
// records do not keep whole lines alive.
func (t *table) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := t.strs[s]; ok {
		return v
	}
	v := strings.Clone(s)
	if t.strs == nil {
		t.strs = map[string]string{}
	}
	if len(t.strs) < maxCached {
		t.strs[v] = v
	}
	return v
}
