package ingest

import (
	"strings"

	"github.com/virk-analyse/virk"
)

// ReadEmployments reads an HR system's employment extract, CSV or XLSX by
// the name's extension: one row per employment on each extract date, with
// the columns of EmploymentColumns (or the mapping's names for them).
// Every fault is reported with its line or cell: a bad date or number, an
// unknown unit or value, a position over 100 %, an end before the start.
// The rows are person-level data: callers aggregate and drop them.
func ReadEmployments(name string, data []byte, opts HROptions) ([]virk.Employment, error) {
	return readRows(newHRReader(name, opts, EmploymentColumns), data, (*hrReader).employment)
}

// employment reads a row of an employment extract.
func (h *hrReader) employment(e *virk.Employment, line int, f [][]byte) bool {
	*e = virk.Employment{Line: line}
	ok := true
	var good bool
	if e.Extract, good = h.day(line, f, colExtract, false); !good {
		ok = false
	}
	e.Person = h.person(line, f, colPerson)
	e.Unit, good = h.unit(line, f)
	ok = ok && good && e.Person != ""
	pct, col := h.field(f, colPercent)
	if v, good := quickNumber(pct); good && v <= 100 {
		e.Percent = v
	} else if v, err := ParseNumber(string(pct), 0); err != nil || v < 0 || v > 100 {
		h.fail(line, col, ErrNumber, "stillingsprosenten %s er ugyldig (forventet et tall fra 0 til 100)", quote(string(pct)))
		ok = false
	} else {
		e.Percent = v
	}
	if c, _ := h.field(f, colCode); c != nil {
		e.Code = h.intern(c)
	}
	typ, col := h.field(f, colType)
	if t := quickEmploymentType(typ); t != 0 {
		e.Type = t
	} else if t, err := virk.ParseEmploymentType(string(typ)); err != nil {
		h.fail(line, col, ErrInvalid, "%v", err)
		ok = false
	} else {
		e.Type = t
	}
	edu, col := h.field(f, colEducation)
	if ed := quickEducation(edu); ed != 0 {
		e.Education = ed
	} else if ed, err := virk.ParseEducation(string(edu)); err != nil {
		h.fail(line, col, ErrInvalid, "%v", err)
		ok = false
	} else {
		e.Education = ed
	}
	by, col := h.field(f, colBirthYear)
	if y := decimalDigits(by); y >= 1900 && y <= 2100 {
		e.BirthYear = y
	} else if y, err := ParseNumber(string(by), 0); err != nil || y != float64(int(y)) || y < 1900 || y > 2100 {
		h.fail(line, col, ErrNumber, "fødselsåret %s er ugyldig (forventet et firesifret år)", quote(string(by)))
		ok = false
	} else {
		e.BirthYear = int(y)
	}
	g, col := h.field(f, colGender)
	switch string(g) {
	case "K":
		e.Female = true
	case "M":
	default:
		switch strings.ToLower(string(g)) {
		case "k", "kvinne", "f", "female", "2":
			e.Female = true
		case "m", "mann", "male", "1":
		default:
			h.fail(line, col, ErrInvalid, "kjønnet %s er ukjent (forventet M eller K)", quote(string(g)))
			ok = false
		}
	}
	ok = h.flag(line, f, colImmigrant, &e.Immigrant) && ok
	ok = h.flag(line, f, colApprentice, &e.Apprentice) && ok
	if e.From, good = h.day(line, f, colFrom, false); !good {
		ok = false
	}
	if e.To, good = h.day(line, f, colTo, true); !good {
		ok = false
	}
	if ok && e.To < e.From {
		_, col := h.field(f, colTo)
		h.fail(line, col, ErrInvalid, "arbeidsforholdet slutter %s, før det begynner %s", e.To, e.From)
		ok = false
	}
	return ok
}

// quickNumber reads a number written in decimal digits only, as most
// position percentages and grades are; it reports false for anything
// else, which ParseNumber then reads. Up to nine digits a float64 holds
// the value exactly, so it is the number ParseNumber returns.
func quickNumber(b []byte) (float64, bool) {
	n := decimalDigits(b)
	return float64(n), n >= 0
}

// quickEmploymentType reads the employment types as HR systems mostly
// write them; 0 for anything else, which virk.ParseEmploymentType reads.
func quickEmploymentType(b []byte) virk.EmploymentType {
	switch string(b) {
	case "fast":
		return virk.EmploymentPermanent
	case "midlertidig":
		return virk.EmploymentTemporary
	case "timelønnet":
		return virk.EmploymentHourly
	}
	return 0
}

// quickEducation is quickEmploymentType for virk.ParseEducation.
func quickEducation(b []byte) virk.Education {
	switch string(b) {
	case "ufaglært":
		return virk.EducationUnskilled
	case "fagarbeider":
		return virk.EducationSkilled
	case "høyskole":
		return virk.EducationHigher
	}
	return 0
}

// ReadAbsences reads an HR system's absence extract: one sick-leave spell
// a row with the columns of AbsenceColumns. A grade outside 1–100 %, a bad
// date, an end before the start or an unknown type is a fault.
func ReadAbsences(name string, data []byte, opts HROptions) ([]virk.Absence, error) {
	return readRows(newHRReader(name, opts, AbsenceColumns), data, (*hrReader).absence)
}

// absence reads a row of an absence extract.
func (h *hrReader) absence(a *virk.Absence, line int, f [][]byte) bool {
	*a = virk.Absence{Line: line}
	ok := true
	var good bool
	a.Person = h.person(line, f, absPerson)
	if a.From, good = h.day(line, f, absFrom, false); !good {
		ok = false
	}
	if a.To, good = h.day(line, f, absTo, false); !good {
		ok = false
	}
	if ok && a.To < a.From {
		_, col := h.field(f, absTo)
		h.fail(line, col, ErrInvalid, "fraværet slutter %s, før det begynner %s", a.To, a.From)
		ok = false
	}
	gr, col := h.field(f, absGrade)
	if v, good := quickNumber(gr); good && v > 0 && v <= 100 {
		a.Grade = v
	} else if v, err := ParseNumber(strings.TrimSuffix(strings.TrimSpace(string(gr)), "%"), 0); err != nil || v <= 0 || v > 100 {
		h.fail(line, col, ErrNumber, "sykmeldingsgraden %s er ugyldig (forventet et tall over 0 og høyst 100 %%)", quote(string(gr)))
		ok = false
	} else {
		a.Grade = v
	}
	t, col := h.field(f, absType)
	switch string(t) {
	case "legemeldt":
		a.Doctor = true
	case "egenmeldt":
	default:
		switch strings.ToLower(string(t)) {
		case "legemeldt", "sykmelding", "sykmeldt", "l", "doctor":
			a.Doctor = true
		case "egenmeldt", "egenmelding", "e", "self":
		default:
			h.fail(line, col, ErrInvalid, "fraværstypen %s er ukjent (forventet egenmeldt eller legemeldt)", quote(string(t)))
			ok = false
		}
	}
	return ok && a.Person != ""
}

func (h *hrReader) person(line int, f [][]byte, c int) string {
	p, col := h.field(f, c)
	if len(p) == 0 {
		h.fail(line, col, ErrInvalid, "mangler person")
		return ""
	}
	return h.intern(p)
}

// unit maps the unit code to an entity and checks that it is known. A code
// is looked up once: a million rows name a few hundred units.
func (h *hrReader) unit(line int, f [][]byte) (string, bool) {
	u, col := h.field(f, colUnit)
	c, ok := h.units[string(u)]
	if !ok {
		code := h.intern(u)
		id := code
		if h.opts.Mapping != nil {
			if m, ok := h.opts.Mapping.Units[id]; ok {
				id = m
			}
		}
		c = unitCode{id: id, known: id != "" && (h.opts.Unit == nil || h.opts.Unit(id))}
		h.units[code] = c
	}
	if !c.known {
		h.fail(line, col, ErrUnknownEntity, "enheten %s finnes ikke i katalogen (legg den inn, eller knytt HR-koden til en enhet i mappingfilens «enheter»)", quote(string(u)))
		return "", false
	}
	return c.id, true
}

// unitCode is what a unit code of an extract stands for.
type unitCode struct {
	id    string // the entity ID
	known bool   // in the catalogue
}

func (h *hrReader) flag(line int, f [][]byte, c int, dst *bool) bool {
	v, col := h.field(f, c)
	switch string(v) {
	case "nei", "":
		*dst = false
		return true
	case "ja":
		*dst = true
		return true
	}
	b, ok := yesNo(strings.TrimSpace(string(v)))
	if !ok {
		h.fail(line, col, ErrInvalid, "%s: %s er verken ja eller nei", h.headers[c], quote(string(v)))
		return false
	}
	*dst = b
	return true
}
