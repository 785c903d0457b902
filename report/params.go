package report

import (
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// srcLine is one line of a block's body with its line number in the file.
type srcLine struct {
	Text string
	Line int
}

// param is one "key: value" line of a block.
type param struct {
	Key, Value string
	Line       int
	used       bool
}

// rawBlock is a virk block as written: the fenced code block
// ```virk KIND with "key: value" lines.
type rawBlock struct {
	File   string
	Line   int // the line of the opening fence
	Kind   string
	Params []*param
}

// parseBody reads a block's body. Blank lines and lines starting with "#"
// are skipped; a line that starts with a space or tab continues the value
// of the line before, so that a long list can be wrapped.
func parseBody(b *rawBlock, lines []srcLine, e *errs) {
	var last *param
	for _, l := range lines {
		text := strings.TrimRight(l.Text, " \t\r\n")
		trimmed := strings.TrimSpace(text)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case text[0] == ' ' || text[0] == '\t':
			if last == nil {
				e.add(b.File, l.Line, "innrykket linje %s uten en nøkkel foran (forventet «nøkkel: verdi»)", quote(trimmed))
				continue
			}
			last.Value = strings.TrimSpace(last.Value + " " + trimmed)
			continue
		}
		key, value, ok := strings.Cut(trimmed, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			e.add(b.File, l.Line, "linjen %s er ikke på formen «nøkkel: verdi»", quote(trimmed))
			last = nil
			continue
		}
		if prev := b.param(key); prev != nil {
			e.add(b.File, l.Line, "nøkkelen %s står to ganger i virk %s (første gang på linje %d)", quote(key), b.Kind, prev.Line)
			last = nil
			continue
		}
		last = &param{Key: key, Value: strings.TrimSpace(value), Line: l.Line}
		b.Params = append(b.Params, last)
	}
}

func (b *rawBlock) param(key string) *param {
	for _, p := range b.Params {
		if p.Key == key {
			return p
		}
	}
	return nil
}

// reader reads a block's parameters into typed values, checking them
// against the catalogue. It never stops at a fault: each is recorded with
// its line, the getter returns a zero value, and the block is left out.
type reader struct {
	b    *rawBlock
	keys []string // the keys the kind knows; "label.*" allows a prefix
	cat  *catalogue
	meta *Meta
	e    *errs
	bad  bool
}

func (r *reader) fail(line int, format string, args ...any) {
	r.bad = true
	r.e.add(r.b.File, line, format, args...)
}

// get returns the parameter and marks it used.
func (r *reader) get(key string) *param {
	p := r.b.param(key)
	if p != nil {
		p.used = true
	}
	return p
}

// has reports whether the block sets key.
func (r *reader) has(key string) bool { return r.b.param(key) != nil }

// text returns the value of key, or def.
func (r *reader) text(key, def string) string {
	if p := r.get(key); p != nil && p.Value != "" {
		return p.Value
	}
	return def
}

// required returns the value of key, a fault when it is missing or empty.
func (r *reader) required(key string) string {
	p := r.get(key)
	if p == nil || p.Value == "" {
		r.fail(r.b.Line, "virk %s mangler nøkkelen «%s»", r.b.Kind, key)
		return ""
	}
	return p.Value
}

// list splits a comma-separated value.
func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// indicators resolves a list of indicator IDs.
func (r *reader) indicators(key string, required bool) []*virk.Indicator {
	p := r.get(key)
	if p == nil || p.Value == "" {
		if required {
			r.fail(r.b.Line, "virk %s mangler nøkkelen «%s» (en liste av indikator-IDer skilt med komma)", r.b.Kind, key)
		}
		return nil
	}
	var out []*virk.Indicator
	for _, id := range list(p.Value) {
		if ind := r.resolveIndicator(p, id); ind != nil {
			out = append(out, ind)
		}
	}
	return out
}

func (r *reader) resolveIndicator(p *param, id string) *virk.Indicator {
	ind := r.cat.inds[id]
	if ind == nil {
		r.fail(p.Line, "ukjent indikator %s i virk %s (nøkkelen «%s»)%s", quote(id), r.b.Kind, p.Key, r.cat.hintIndicator(id))
	}
	return ind
}

// entity resolves one entity ID; def is used when key is missing.
func (r *reader) entity(key, def string) *virk.Entity {
	p := r.get(key)
	if p == nil || p.Value == "" {
		if def == "" {
			r.fail(r.b.Line, "virk %s mangler nøkkelen «%s» (en enhets-ID, eller «entity» i %s)", r.b.Kind, key, MetaFile)
			return nil
		}
		return r.cat.ents[def] // checked with rapport.json
	}
	return r.resolveEntity(p, p.Value)
}

func (r *reader) resolveEntity(p *param, id string) *virk.Entity {
	e := r.cat.ents[id]
	if e == nil {
		r.fail(p.Line, "ukjent enhet %s i virk %s (nøkkelen «%s»)%s", quote(id), r.b.Kind, p.Key, r.cat.hintEntity(id))
	}
	return e
}

// entities resolves a list of entity IDs.
func (r *reader) entities(key string) []*virk.Entity {
	p := r.get(key)
	if p == nil {
		return nil
	}
	var out []*virk.Entity
	for _, id := range list(p.Value) {
		if e := r.resolveEntity(p, id); e != nil {
			out = append(out, e)
		}
	}
	if len(out) == 0 && !r.bad {
		r.fail(p.Line, "«%s» er tom (forventet enhets-IDer skilt med komma)", key)
	}
	return out
}

// children resolves an entity and returns its direct sub-units.
func (r *reader) children(key string) (*virk.Entity, []*virk.Entity) {
	p := r.get(key)
	if p == nil {
		return nil, nil
	}
	parent := r.resolveEntity(p, p.Value)
	if parent == nil {
		return nil, nil
	}
	kids := r.cat.children[parent.ID]
	if len(kids) == 0 {
		r.fail(p.Line, "enheten %s har ingen underenheter (nøkkelen «%s»)", quote(parent.ID), key)
	}
	return parent, kids
}

// year reads a year; def is used when key is missing.
func (r *reader) year(key string, def int) int {
	p := r.get(key)
	if p == nil || p.Value == "" {
		if def == 0 {
			r.fail(r.b.Line, "virk %s mangler nøkkelen «%s» (et år, f.eks. 2018)", r.b.Kind, key)
		}
		return def
	}
	y, err := strconv.Atoi(p.Value)
	if err != nil || y < 1900 || y > 2200 {
		r.fail(p.Line, "%s er ikke et år (forventet et firesifret år, f.eks. 2018, i «%s»)", quote(p.Value), key)
		return 0
	}
	return y
}

// yearList reads a comma-separated list of years.
func (r *reader) yearList(key string) []int {
	p := r.get(key)
	if p == nil {
		return nil
	}
	var out []int
	for _, s := range list(p.Value) {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1900 || y > 2200 {
			hint := ""
			if _, _, ok := parsePeriodValue(s); ok { // a half-year or month
				hint = "; halvår, kvartal og måneder skrives i «periods», f.eks. periods: 2017H2, 2018H2"
			}
			r.fail(p.Line, "%s er ikke et år (forventet årstall skilt med komma, f.eks. 2017, 2018)%s", quote(s), hint)
			continue
		}
		out = append(out, y)
	}
	if len(out) == 0 && !r.bad {
		r.fail(p.Line, "«%s» er tom (forventet årstall skilt med komma, f.eks. 2017, 2018)", key)
	}
	return out
}

// count reads a whole number in lo–hi.
func (r *reader) count(key string, def, lo, hi int) int {
	p := r.get(key)
	if p == nil {
		return def
	}
	n, err := strconv.Atoi(p.Value)
	if err != nil || n < lo || n > hi {
		r.fail(p.Line, "%s er ugyldig for «%s» (forventet et heltall %d–%d)", quote(p.Value), key, lo, hi)
		return def
	}
	return n
}

// boolean reads ja/nei (or yes/no, true/false).
func (r *reader) boolean(key string, def bool) bool {
	p := r.get(key)
	if p == nil {
		return def
	}
	switch strings.ToLower(p.Value) {
	case "ja", "yes", "true":
		return true
	case "nei", "no", "false":
		return false
	}
	r.fail(p.Line, "%s er ugyldig for «%s» (forventet ja eller nei)", quote(p.Value), key)
	return def
}

// choice reads one of the allowed words.
func (r *reader) choice(key, def string, allowed ...string) string {
	p := r.get(key)
	if p == nil {
		if def == "" {
			r.fail(r.b.Line, "virk %s mangler nøkkelen «%s» (forventet %s)", r.b.Kind, key, orList(allowed))
		}
		return def
	}
	if !slices.Contains(allowed, p.Value) {
		r.fail(p.Line, "%s er ugyldig for «%s» (forventet %s)", quote(p.Value), key, orList(allowed))
		return def
	}
	return p.Value
}

// ids reads a list of IDs that must be among valid (the rows of a table).
func (r *reader) ids(key string, valid []string) []string {
	p := r.get(key)
	if p == nil {
		return nil
	}
	out := list(p.Value)
	for _, id := range out {
		if !slices.Contains(valid, id) {
			r.fail(p.Line, "%s i «%s» er ikke en rad i tabellen (forventet %s)", quote(id), key, orList(valid))
		}
	}
	return out
}

// labels returns the "label.ID: text" overrides; each ID must be among
// valid.
func (r *reader) labels(valid []string) map[string]string {
	out := map[string]string{}
	for _, p := range r.b.Params {
		id, ok := strings.CutPrefix(p.Key, "label.")
		if !ok {
			continue
		}
		p.used = true
		if !slices.Contains(valid, id) {
			r.fail(p.Line, "«%s» gjelder %s, som ikke er i blokken (forventet label.ID for %s)", p.Key, quote(id), orList(valid))
			continue
		}
		out[id] = p.Value
	}
	return out
}

func (r *reader) paramLine(key string) int {
	if p := r.b.param(key); p != nil {
		return p.Line
	}
	return r.b.Line
}

// finish reports the keys the kind does not know.
func (r *reader) finish() {
	for _, p := range r.b.Params {
		if p.used || slices.Contains(r.keys, p.Key) {
			continue
		}
		if strings.HasPrefix(p.Key, "label.") && slices.Contains(r.keys, "label.ID") {
			continue
		}
		hint := ""
		if s := suggest(p.Key, r.keys); s != "" {
			hint = "; mente du «" + s + "»?"
		}
		r.fail(p.Line, "ukjent nøkkel %s i virk %s (forventet %s)%s", quote(p.Key), r.b.Kind, orList(r.keys), hint)
	}
}

// ofKind keeps the entities of the kind the parameter names: prosjekt
// (project), bygg (building) or enhet (unit).
func (r *reader) ofKind(p *param, ents []*virk.Entity) []*virk.Entity {
	kinds := map[string]virk.EntityKind{
		"prosjekt": virk.KindProject, "project": virk.KindProject,
		"bygg": virk.KindBuilding, "building": virk.KindBuilding,
		"enhet": virk.KindUnit, "unit": virk.KindUnit,
	}
	k, ok := kinds[strings.ToLower(strings.TrimSpace(p.Value))]
	if !ok {
		r.fail(p.Line, "«kind» %s er ukjent (forventet prosjekt, bygg eller enhet)", quote(p.Value))
		return ents
	}
	var out []*virk.Entity
	for _, e := range ents {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		r.fail(p.Line, "ingen av underenhetene er av typen %s", p.Value)
	}
	return out
}
