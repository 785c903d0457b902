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
	h := newHRReader(name, opts, EmploymentColumns)
	var out []virk.Employment
	err := h.each(data, func(line int, f [][]byte) {
		e := virk.Employment{Line: line}
		ok := true
		var good bool
		if e.Extract, good = h.day(line, f, "uttrekk", false); !good {
			ok = false
		}
		e.Person = h.person(line, f)
		e.Unit, good = h.unit(line, f)
		ok = ok && good && e.Person != ""
		pct, col := h.field(f, "stilling_pst")
		if v, err := ParseNumber(string(pct), 0); err != nil || v < 0 || v > 100 {
			h.fail(line, col, ErrNumber, "stillingsprosenten %s er ugyldig (forventet et tall fra 0 til 100)", quote(string(pct)))
			ok = false
		} else {
			e.Percent = v
		}
		if c, _ := h.field(f, "stillingskode"); c != nil {
			e.Code = h.intern(c)
		}
		typ, col := h.field(f, "ansettelse")
		if t, err := virk.ParseEmploymentType(string(typ)); err != nil {
			h.fail(line, col, ErrInvalid, "%v", err)
			ok = false
		} else {
			e.Type = t
		}
		edu, col := h.field(f, "utdanning")
		if ed, err := virk.ParseEducation(string(edu)); err != nil {
			h.fail(line, col, ErrInvalid, "%v", err)
			ok = false
		} else {
			e.Education = ed
		}
		by, col := h.field(f, "fodselsar")
		if y, err := ParseNumber(string(by), 0); err != nil || y != float64(int(y)) || y < 1900 || y > 2100 {
			h.fail(line, col, ErrNumber, "fødselsåret %s er ugyldig (forventet et firesifret år)", quote(string(by)))
			ok = false
		} else {
			e.BirthYear = int(y)
		}
		g, col := h.field(f, "kjonn")
		switch strings.ToLower(string(g)) {
		case "k", "kvinne", "f", "female", "2":
			e.Female = true
		case "m", "mann", "male", "1":
		default:
			h.fail(line, col, ErrInvalid, "kjønnet %s er ukjent (forventet M eller K)", quote(string(g)))
			ok = false
		}
		ok = h.flag(line, f, "innvandrer", &e.Immigrant) && ok
		ok = h.flag(line, f, "laerling", &e.Apprentice) && ok
		if e.From, good = h.day(line, f, "fra", false); !good {
			ok = false
		}
		if e.To, good = h.day(line, f, "til", true); !good {
			ok = false
		}
		if ok && e.To < e.From {
			_, col := h.field(f, "til")
			h.fail(line, col, ErrInvalid, "arbeidsforholdet slutter %s, før det begynner %s", e.To, e.From)
			ok = false
		}
		if ok {
			out = append(out, e)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ReadAbsences reads an HR system's absence extract: one sick-leave spell
// a row with the columns of AbsenceColumns. A grade outside 1–100 %, a bad
// date, an end before the start or an unknown type is a fault.
func ReadAbsences(name string, data []byte, opts HROptions) ([]virk.Absence, error) {
	h := newHRReader(name, opts, AbsenceColumns)
	var out []virk.Absence
	err := h.each(data, func(line int, f [][]byte) {
		a := virk.Absence{Line: line}
		ok := true
		var good bool
		a.Person = h.person(line, f)
		if a.From, good = h.day(line, f, "fra", false); !good {
			ok = false
		}
		if a.To, good = h.day(line, f, "til", false); !good {
			ok = false
		}
		if ok && a.To < a.From {
			_, col := h.field(f, "til")
			h.fail(line, col, ErrInvalid, "fraværet slutter %s, før det begynner %s", a.To, a.From)
			ok = false
		}
		gr, col := h.field(f, "grad")
		if v, err := ParseNumber(strings.TrimSuffix(strings.TrimSpace(string(gr)), "%"), 0); err != nil || v <= 0 || v > 100 {
			h.fail(line, col, ErrNumber, "sykmeldingsgraden %s er ugyldig (forventet et tall over 0 og høyst 100 %%)", quote(string(gr)))
			ok = false
		} else {
			a.Grade = v
		}
		t, col := h.field(f, "type")
		switch strings.ToLower(string(t)) {
		case "legemeldt", "sykmelding", "sykmeldt", "l", "doctor":
			a.Doctor = true
		case "egenmeldt", "egenmelding", "e", "self":
		default:
			h.fail(line, col, ErrInvalid, "fraværstypen %s er ukjent (forventet egenmeldt eller legemeldt)", quote(string(t)))
			ok = false
		}
		if ok && a.Person != "" {
			out = append(out, a)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (h *hrReader) person(line int, f [][]byte) string {
	p, col := h.field(f, "person")
	if len(p) == 0 {
		h.fail(line, col, ErrInvalid, "mangler person")
		return ""
	}
	return h.intern(p)
}

// unit maps the unit code to an entity and checks that it is known.
func (h *hrReader) unit(line int, f [][]byte) (string, bool) {
	u, col := h.field(f, "enhet")
	id := h.intern(u)
	if h.opts.Mapping != nil {
		if m, ok := h.opts.Mapping.Units[id]; ok {
			id = m
		}
	}
	if id == "" || (h.opts.Unit != nil && !h.opts.Unit(id)) {
		h.fail(line, col, ErrUnknownEntity, "enheten %s finnes ikke i katalogen (legg den inn, eller knytt HR-koden til en enhet i mappingfilens «enheter»)", quote(string(u)))
		return "", false
	}
	return id, true
}

func (h *hrReader) flag(line int, f [][]byte, name string, dst *bool) bool {
	v, col := h.field(f, name)
	b, ok := yesNo(strings.TrimSpace(string(v)))
	if !ok {
		h.fail(line, col, ErrInvalid, "%s: %s er verken ja eller nei", name, quote(string(v)))
		return false
	}
	*dst = b
	return true
}
