package report

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/virk-analyse/virk"
)

// block is a parsed, checked virk block, ready to be filled with data.
type block interface {
	// need adds the indicators and entities the block reads.
	need(n *needs)
	// render builds the block from data.
	render(d *data, out *blockOut)
}

// blockOut is what a block renders to: HTML for the chapter, the table
// (for the XLSX export), and warnings about missing data.
type blockOut struct {
	b     *rawBlock
	html  template.HTML
	table *Table
	warn  []string
	errs  *errs
}

func (o *blockOut) warnf(format string, args ...any) {
	o.warn = append(o.warn, (&Error{File: o.b.File, Line: o.b.Line, Msg: sprintf(format, args...)}).Error())
}

func (o *blockOut) failf(format string, args ...any) {
	o.errs.add(o.b.File, o.b.Line, format, args...)
}

// blockKind is one kind of block: the keys it takes and how it parses.
type blockKind struct {
	keys  []string
	parse func(r *reader) block
}

// blockKinds lists the kinds of block by the word after "virk".
func blockKinds() map[string]blockKind {
	return map[string]blockKind{
		"kpi-table":       {kpiTableKeys, parseKPITable},
		"series-table":    {seriesTableKeys, parseSeriesTable},
		"entity-table":    {entityTableKeys, parseEntityTable},
		"peer-table":      {peerTableKeys, parsePeerTable},
		"service-profile": {profileKeys, parseProfile},
		"chart":           {chartKeys, parseChart},
	}
}

func kindNames() []string {
	names := make([]string, 0, 5)
	for k := range blockKinds() {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// parseBlock checks a raw block and returns it parsed, or nil after
// recording its faults.
func parseBlock(b *rawBlock, cat *catalogue, meta *Meta, e *errs) block {
	kind, ok := blockKinds()[b.Kind]
	if !ok {
		hint := ""
		if s := suggest(b.Kind, kindNames()); s != "" {
			hint = "; mente du «" + s + "»?"
		}
		if b.Kind == "" {
			e.add(b.File, b.Line, "blokken «virk» mangler type (forventet «virk TYPE» med TYPE %s)", orList(kindNames()))
		} else {
			e.add(b.File, b.Line, "ukjent blokktype %s (forventet %s)%s", quote("virk "+b.Kind), orList(kindNames()), hint)
		}
		return nil
	}
	r := &reader{b: b, keys: kind.keys, cat: cat, meta: meta, e: e}
	blk := kind.parse(r)
	r.finish()
	if r.bad {
		return nil
	}
	return blk
}

// rowSpec is one row of a table or one series of a chart: an indicator
// for an entity, with its label.
type rowSpec struct {
	id    string // the indicator's or the entity's ID, for label.ID and lists
	label string
	ind   *virk.Indicator
	ent   *virk.Entity
}

// rowsOf reads the rows of a block that has either several indicators for
// one entity ("indicators" and "entity") or one indicator for several
// entities ("indicator" with "entities" or "children"). It returns the
// parent named by "children", if any.
func rowsOf(r *reader) ([]rowSpec, *virk.Entity) {
	var rows []rowSpec
	var parent *virk.Entity
	switch {
	case r.has("indicators"):
		if r.has("indicator") || r.has("entities") || r.has("children") {
			r.fail(r.b.Line, "virk %s: bruk enten «indicators» (rader av indikatorer for én enhet) eller «indicator» med «entities» eller «children» (rader av enheter)", r.b.Kind)
		}
		ent := r.entity("entity", r.meta.Entity)
		for _, ind := range r.indicators("indicators", true) {
			rows = append(rows, rowSpec{id: ind.ID, label: ind.LabelNB, ind: ind, ent: ent})
		}
	case r.has("indicator"):
		p := r.get("indicator")
		ind := r.resolveIndicator(p, p.Value)
		var ents []*virk.Entity
		switch {
		case r.has("entities") && r.has("children"):
			r.fail(r.paramLine("children"), "virk %s: bruk enten «entities» eller «children», ikke begge", r.b.Kind)
		case r.has("entities"):
			ents = r.entities("entities")
		case r.has("children"):
			parent, ents = r.children("children")
		default:
			r.fail(r.b.Line, "virk %s med «indicator» trenger «entities» (enhets-IDer) eller «children» (en enhet hvis underenheter blir rader)", r.b.Kind)
		}
		if r.has("entity") {
			r.fail(r.paramLine("entity"), "«entity» gjelder «indicators»; med «indicator» velges radene med «entities» eller «children»")
		}
		for _, e := range ents {
			rows = append(rows, rowSpec{id: e.ID, label: e.Name, ind: ind, ent: e})
		}
	default:
		r.fail(r.b.Line, "virk %s mangler rader: «indicators» (med «entity») eller «indicator» (med «entities» eller «children»)", r.b.Kind)
	}
	return rows, parent
}

func rowIDs(rows []rowSpec) []string {
	ids := make([]string, len(rows))
	for i, rw := range rows {
		ids[i] = rw.id
	}
	return ids
}

// applyLabels sets the label.ID overrides on rows.
func applyLabels(rows []rowSpec, labels map[string]string) {
	for i := range rows {
		if l, ok := labels[rows[i].id]; ok {
			rows[i].label = l
		}
	}
}

// capitalize makes the first letter upper case: "mill. kr" → "Mill. kr".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func itoa(n int) string { return strconv.Itoa(n) }

// breakNotes returns notes for the series breaks in from–to of the rows.
func breakNotes(d *data, rows []rowSpec, from, to virk.Period) []string {
	var out []string
	for _, rw := range rows {
		if rw.ind == nil || rw.ent == nil {
			continue
		}
		for _, n := range d.breaks(rw.ind, rw.ent, from, to) {
			note := "Brudd i tidsserien fra " + n.Period + " (" + rw.label + "): " + n.Text
			if strings.Contains(strings.ToLower(n.Text), "brudd") { // the text says so itself
				note = rw.label + ": " + n.Text
			}
			if !slices.Contains(out, note) {
				out = append(out, note)
			}
		}
	}
	return out
}

// noteList returns the block's own note, if any, after the others.
func noteList(notes []string, own string) []string {
	if own = strings.TrimSpace(own); own != "" {
		notes = append(notes, own)
	}
	return notes
}
