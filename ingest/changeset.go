package ingest

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// ChangeSet reads the data files added so far and returns everything the
// import holds: the files, the indicators and entities that catalogue files
// define, the observations and the annotations. Observation.Source is the
// file's source column, or the file's base name.
//
// When anything is wrong the change set is nil and the error is Errors,
// listing every fault found (up to MaxErrors) with its file and place.
// Each call reads the data files again.
func (im *Importer) ChangeSet() (*virk.ChangeSet, error) {
	if im.Catalogue == nil {
		im.Catalogue = NewCatalogue(nil, nil)
	}
	im.warnings = nil
	c := &collector{im: im, max: im.MaxErrors}
	if c.max <= 0 {
		c.max = 1000
	}
	for _, e := range im.addErrs {
		c.fail(e)
	}
	cs := &virk.ChangeSet{Files: im.files}
	cs.Indicators = append(cs.Indicators, im.inds...)
	cs.Entities = append(cs.Entities, im.ents...)
	cs.Annotations = im.checkCatalogues(c)
	// JSON-stat files go first: they may define entities (SSB's
	// municipalities) that CSV and XLSX files of the import name.
	// PX files likewise.
	for i, p := range im.pending {
		var inds []*virk.Indicator
		var ents []*virk.Entity
		switch p.format {
		case formatJSONStat:
			inds, ents = im.readJSONStat(c, int32(i), p)
		case formatPX:
			inds, ents = im.readPX(c, int32(i), p)
		}
		cs.Indicators = append(cs.Indicators, inds...)
		cs.Entities = append(cs.Entities, ents...)
	}
	for i, p := range im.pending {
		if c.full() {
			break
		}
		if p.format != formatCSV && p.format != formatXLSX {
			continue
		}
		var src io.Reader = bytes.NewReader(p.data)
		var sf *streamFile
		if p.open != nil {
			var err error
			if sf, err = openStream(p); err != nil {
				c.fail(&Error{File: p.name, Err: errorf(ErrSyntax, "kan ikke lese filen: %v", err)})
				continue
			}
			src = sf
		}
		switch p.format {
		case formatCSV:
			var r *Reader
			if sf != nil {
				r = newStreamReader(sf.text())
			} else {
				r = newBytesReader(p.data)
			}
			r.DefaultIndicator, r.DefaultEntity, r.Catalogue = im.DefaultIndicator, im.DefaultEntity, im.Catalogue
			im.readData(c, int32(i), p.name, r.Read)
		case formatXLSX:
			r := NewXLSXReader(src)
			r.DefaultIndicator, r.DefaultEntity, r.Catalogue = im.DefaultIndicator, im.DefaultEntity, im.Catalogue
			im.readData(c, int32(i), p.name, r.Read)
			r.Close()
		}
		if sf != nil {
			if e := sf.finish(len(c.errs) == 0); e != nil {
				c.fail(e)
			}
		}
	}
	c.dedupe()
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	if im.Compact {
		cs.Rows = c.obs
	} else {
		cs.Observations = c.obs.Observations()
	}
	return cs, nil
}

// readData adds the records of one data file.
func (im *Importer) readData(c *collector, file int32, name string, read func() (Record, error)) {
	source := baseName(name)
	readAll(read, func(rec Record, e *Error) bool {
		if e != nil {
			e.File = name
			c.fail(e)
			return !c.full()
		}
		if rec.Source == "" {
			rec.Source = source
		}
		pl := obsPlace{file: file, sheet: c.sheet(rec.Sheet), line: int32(rec.Line), column: int32(rec.Column)}
		c.add(obsKey{rec.ind, rec.ent, rec.Period}, pl, virk.Observation{IndicatorID: rec.Indicator,
			EntityID: rec.Entity, Period: rec.Period, Value: rec.Value, Status: rec.Status, Source: rec.Source})
		return true
	})
}

// figure formats an observation's value or status for messages, with a
// decimal comma.
func figure(o *virk.Observation) string {
	if !o.Status.HasValue() {
		return o.Status.Symbol()
	}
	s := strings.Replace(strconv.FormatFloat(o.Value, 'f', -1, 64), ".", ",", 1)
	if o.Status == virk.StatusPreliminary {
		s += " (foreløpig)"
	}
	return s
}

// readJSONStat runs the JSONStat hook on a file and adds what it returns.
// Indicators and entities that the catalogue already has are left to it.
func (im *Importer) readJSONStat(c *collector, file int32, p pendingFile) (inds []*virk.Indicator, ents []*virk.Entity) {
	obs, hInds, hEnts, err := im.JSONStat(p.name, p.data, im.Catalogue)
	return im.addRead(c, file, p, obs, hInds, hEnts, err)
}

// readPX reads a PC-Axis file, keeping its warnings, and adds what it
// returns as readJSONStat does.
func (im *Importer) readPX(c *collector, file int32, p pendingFile) (inds []*virk.Indicator, ents []*virk.Entity) {
	obs, hInds, hEnts, warns, err := PX(p.name, p.data, im.Catalogue, im.PXMapping)
	for _, w := range warns {
		w.File = p.name
		im.warnings = append(im.warnings, w.Error())
	}
	return im.addRead(c, file, p, obs, hInds, hEnts, err)
}

// Warnings returns the faults of the last ChangeSet that did not stop the
// import, one message each, placed like errors ("tabell.px:49: NOTE: …"):
// the warnings of PX files, whose keywords that only describe the table
// are skipped when broken, and a declared character set that the bytes
// contradict. Callers show them whether or not ChangeSet failed.
func (im *Importer) Warnings() []string { return im.warnings }

// addRead adds what a reader of a whole file (JSON-stat, PX) returned:
// its faults, or its indicators, entities and observations.
func (im *Importer) addRead(c *collector, file int32, p pendingFile, obs []virk.Observation, hInds []*virk.Indicator, hEnts []*virk.Entity, err error) (inds []*virk.Indicator, ents []*virk.Entity) {
	if err != nil {
		var es Errors
		var e *Error
		switch {
		case errors.As(err, &es):
		case errors.As(err, &e):
			es = Errors{e}
		default:
			es = Errors{{Err: err}}
		}
		for _, e := range es {
			if e.File == "" {
				e.File = p.name
			}
			c.fail(e)
		}
		return nil, nil
	}
	for _, ind := range hInds {
		if im.Catalogue.Indicator(ind.ID) == nil {
			im.Catalogue.AddIndicator(ind)
			inds = append(inds, ind)
		}
	}
	for _, ent := range hEnts {
		if im.Catalogue.Entity(ent.ID) == nil {
			im.Catalogue.AddEntity(ent)
			ents = append(ents, ent)
		}
	}
	source := baseName(p.name)
	for _, o := range obs {
		ie, ee := im.Catalogue.inds[o.IndicatorID], im.Catalogue.ents[o.EntityID]
		switch {
		case ie == nil:
			c.fail(&Error{File: p.name, Err: errorf(ErrUnknownIndicator,
				"ukjent indikator %s: den må finnes i katalogen eller i en katalogfil i samme import", quote(o.IndicatorID))})
		case ie.ind.Derived():
			c.fail(&Error{File: p.name, Err: errorf(ErrDerived,
				"indikatoren %s er beregnet og kan ikke ha egne verdier", quote(o.IndicatorID))})
		case ee == nil:
			c.fail(&Error{File: p.name, Err: errorf(ErrUnknownEntity,
				"ukjent enhet %s: den må finnes i katalogen eller i en katalogfil i samme import", quote(o.EntityID))})
		default:
			if o.Source == "" {
				o.Source = source
			}
			c.add(obsKey{ie.idx, ee.idx, o.Period}, obsPlace{file: file}, o)
			continue
		}
		if c.full() {
			break
		}
	}
	return inds, ents
}
