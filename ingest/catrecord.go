package ingest

import (
	"fmt"

	"github.com/virk-analyse/virk"
)

// The keys of each record in a catalogue file. They are matched exactly
// (no case folding), so that a file means the same to every reader of it,
// and are listed in messages in this order when a key is unknown.
var (
	indicatorFields = []string{"id", "label_nb", "label_en", "unit", "decimals", "direction",
		"category", "source", "kostra", "targets", "formula", "rollup", "deflator", "note", "personnel"}
	kostraFields = []string{"table", "function", "type", "scope", "variable"}
	targetFields = []string{"kind", "value", "base_year", "year", "entity", "note"}
	entityFields = []string{"id", "name", "name_en", "kind", "parent", "codes"}
	codeFields   = []string{"code", "from", "to"}
	annFields    = []string{"kind", "indicator", "entity", "period", "text", "author"}
)

// indicator decodes one indicator; ok is false if anything in it is wrong.
func (d *catDecoder) indicator(n *jnode, path string) (*virk.Indicator, bool) {
	ind := &virk.Indicator{}
	idAt := n
	ok := d.object(n, path, indicatorFields, func(key string, v *jnode, path string) {
		switch key {
		case "id":
			ind.ID, idAt = d.str(v, path), v
		case "label_nb":
			ind.LabelNB = d.str(v, path)
		case "label_en":
			ind.LabelEN = d.str(v, path)
		case "unit":
			ind.Unit.Name = d.str(v, path)
		case "decimals":
			ind.Unit.Decimals = d.int(v, path)
		case "direction":
			ind.Direction = virk.Direction(d.int(v, path))
		case "category":
			ind.Category = d.str(v, path)
		case "source":
			ind.Source = d.str(v, path)
		case "kostra":
			ind.Kostra = d.kostra(v, path)
		case "targets":
			d.array(v, path, func(e *jnode, path string) {
				ind.Targets = append(ind.Targets, d.target(e, path))
			})
		case "formula":
			ind.Formula = d.str(v, path)
		case "rollup":
			ind.Rollup = virk.Rollup(d.str(v, path))
		case "deflator":
			ind.Deflator = d.str(v, path)
		case "note":
			ind.Note = d.str(v, path)
		case "personnel":
			ind.Personnel = d.bool(v, path)
		}
	})
	// Validate runs only on records whose fields all decoded: a record
	// with a wrong field would otherwise get a second, confusing message
	// for a field that is merely missing because of the first fault.
	return ind, ok && d.checkID(idAt, path, ind.ID) && d.validate(n, path, ind.Validate())
}

func (d *catDecoder) kostra(n *jnode, path string) *virk.KostraRef {
	k := &virk.KostraRef{}
	d.object(n, path, kostraFields, func(key string, v *jnode, path string) {
		s := d.str(v, path)
		switch key {
		case "table":
			k.Table = s
		case "function":
			k.Function = s
		case "type":
			k.Type = s
		case "scope":
			k.Scope = s
		case "variable":
			k.Variable = s
		}
	})
	return k
}

// target decodes a target and checks it with Norwegian messages, placed at
// the field at fault; Target.Validate speaks English.
func (d *catDecoder) target(n *jnode, path string) virk.Target {
	var t virk.Target
	var kind *jnode
	ok := d.object(n, path, targetFields, func(key string, v *jnode, path string) {
		switch key {
		case "kind":
			t.Kind, kind = virk.TargetKind(d.str(v, path)), v
		case "value":
			t.Value = d.float(v, path)
		case "base_year":
			t.BaseYear = d.int(v, path)
		case "year":
			t.Year = d.int(v, path)
		case "entity":
			t.EntityID = d.str(v, path)
		case "note":
			t.Note = d.str(v, path)
		}
	})
	if !ok {
		return t
	}
	switch {
	case kind == nil:
		d.fail(n.off, path, ErrInvalid, "målet mangler kind (absolute eller relative)")
	case t.Kind != virk.TargetAbsolute && t.Kind != virk.TargetRelative:
		d.fail(kind.off, path+".kind", ErrInvalid, "ukjent måltype %s (forventet absolute eller relative)", quote(string(t.Kind)))
	case t.Kind == virk.TargetRelative && t.BaseYear == 0:
		d.fail(n.off, path, ErrInvalid, "et relativt mål trenger base_year, året endringen måles fra")
	case t.Kind == virk.TargetRelative && t.Year != 0 && t.Year <= t.BaseYear:
		d.fail(n.off, path, ErrInvalid, "målåret %d må komme etter basisåret %d", t.Year, t.BaseYear)
	}
	return t
}

// entity decodes one entity; ok is false if anything in it is wrong.
func (d *catDecoder) entity(n *jnode, path string) (*virk.Entity, bool) {
	e := &virk.Entity{}
	idAt := n
	ok := d.object(n, path, entityFields, func(key string, v *jnode, path string) {
		switch key {
		case "id":
			e.ID, idAt = d.str(v, path), v
		case "name":
			e.Name = d.str(v, path)
		case "name_en":
			e.NameEN = d.str(v, path)
		case "kind":
			e.Kind = virk.EntityKind(d.str(v, path))
		case "parent":
			e.ParentID = d.str(v, path)
		case "codes":
			// The code history is kept in file order; resolution
			// picks by year, so the order does not matter.
			d.array(v, path, func(cn *jnode, path string) {
				var c virk.Code
				d.object(cn, path, codeFields, func(key string, v *jnode, path string) {
					switch key {
					case "code":
						c.Code = d.code(v, path)
					case "from":
						c.From = d.int(v, path)
					case "to":
						c.To = d.int(v, path)
					}
				})
				e.Codes = append(e.Codes, c)
			})
		}
	})
	return e, ok && d.checkID(idAt, path, e.ID) && d.validate(n, path, e.Validate())
}

// checkID checks an ID with a Norwegian message; virk.ValidateID speaks
// English.
func (d *catDecoder) checkID(n *jnode, path, id string) bool {
	if virk.ValidateID(id) == nil {
		return true
	}
	if id == "" {
		d.fail(n.off, path, ErrInvalid, "mangler id")
	} else {
		d.fail(n.off, join(path, "id"), ErrInvalid,
			"ugyldig id %s: bruk 1–100 tegn av bokstaver, sifre og . _ - : (ikke mellomrom)", quote(id))
	}
	return false
}

// annotation decodes one annotation and checks it with Norwegian messages;
// Annotation.Validate speaks English.
func (d *catDecoder) annotation(n *jnode, path string) (*virk.Annotation, bool) {
	a := &virk.Annotation{}
	ok := d.object(n, path, annFields, func(key string, v *jnode, path string) {
		switch key {
		case "kind":
			a.Kind = virk.AnnotationKind(d.str(v, path))
		case "indicator":
			a.IndicatorID = d.str(v, path)
		case "entity":
			a.EntityID = d.str(v, path)
		case "period":
			a.Period = d.period(v, path)
		case "text":
			a.Text = d.str(v, path)
		case "author":
			a.Author = d.str(v, path)
		}
	})
	if !ok {
		return nil, false
	}
	var msg string
	switch {
	case a.Kind != virk.AnnotationBreak && a.Kind != virk.AnnotationComment:
		msg = fmt.Sprintf("ukjent merknadstype %s (forventet break eller comment)", quote(string(a.Kind)))
	case a.Kind == virk.AnnotationBreak && a.Period.IsZero():
		msg = "et tidsseriebrudd (break) trenger perioden det gjelder fra"
	case a.IndicatorID == "":
		msg = "merknaden mangler indicator"
	case a.Text == "":
		msg = "merknaden mangler text"
	}
	if msg != "" {
		d.fail(n.off, path, ErrInvalid, "%s", msg)
		return nil, false
	}
	return a, d.validate(n, path, a.Validate())
}
