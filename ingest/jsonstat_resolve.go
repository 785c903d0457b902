package ingest

import (
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

// This file resolves the categories of a JSON-stat cell to the entity and
// the indicator of its observation, creating those the catalogue lacks.
// Results are cached per dataset, so each category or combination is
// resolved, and each fault reported, once.

// entity returns the entity of a cell in a year.
func (r *jsReader) entity(p *jsPlan, coords []int, year int) entRef {
	c := -1 // entity_id: one entity for every cell
	if p.entity >= 0 {
		c = coords[p.entity]
	}
	// Years have four digits (virk.ParsePeriod), so they fit in 16 bits.
	key := int64(c)<<16 | int64(year&0xffff)
	if p.lastEnt.ok && p.lastEnt.key == key {
		return p.lastEnt.ref
	}
	if e, ok := p.entByCell[key]; ok {
		p.lastEnt = lastEnt{key, e, true}
		return e
	}
	var e entRef
	if !p.entFailed[c] {
		e = r.resolveEntity(p, c, year)
	}
	if e.id == "" {
		p.entFailed[c] = true
	}
	p.entByCell[key] = e
	p.lastEnt = lastEnt{key, e, true}
	return e
}

// resolveEntity resolves category c of the entity dimension (-1 for the
// mapping's entity_id) in a year.
func (r *jsReader) resolveEntity(p *jsPlan, c, year int) entRef {
	m := r.m
	if c < 0 {
		ent, err := r.cat.ResolveEntity(m.EntityID, year)
		if err != nil {
			r.fail(m.faultErr("entity_id", err))
			return entRef{}
		}
		return entRef{ent.ID, true}
	}
	dimID, dim := p.ds.ID[p.entity], p.ds.Dimensions[p.entity]
	category := dim.CategoryID(c)
	code := geoCode(category)
	if r.entHint == "" {
		r.entHint = "forventet en kode fra dimensjonen " + quote(dimID) + ", f.eks. " + quote(category)
	}
	if m != nil {
		for _, k := range []string{category, code} {
			target, ok := m.Entities[k]
			if !ok {
				continue
			}
			r.usedEnt[k] = true
			ent, err := r.cat.ResolveEntity(target, year)
			if err != nil {
				r.fail(m.faultErr(pathKey("entities", k), err))
				return entRef{}
			}
			return entRef{ent.ID, true}
		}
	}
	at := pathKey(pathKey(pathKey(pathKey(p.path, "dimension"), dimID), "category"), "index")
	ent, err := resolveCode(r.cat, code, year)
	switch {
	case err == nil:
		return entRef{ent.ID, codeInUse(ent, code, year)}
	case knowsCode(r.cat, code):
		// Several entities have had the code: creating another would
		// only add to the confusion.
		r.fail(&Error{Path: at, Err: err})
		return entRef{}
	}
	id := capID(p.entPrefix + idPart(code))
	ent = r.entByID[id]
	if ent == nil {
		ent = r.cat.Entity(id)
	}
	if ent != nil {
		if len(ent.Codes) > 0 && !slices.ContainsFunc(ent.Codes, func(k virk.Code) bool { return codeMatches(k.Code, code) }) {
			r.fail(&Error{Path: at, Err: errorf(ErrDuplicate,
				"regionkoden %s skulle få enheten %s, men den har allerede nummeret %s: knytt koden til en enhet med «entities» i en kartleggingsfil",
				quote(code), quote(id), quote(ent.Codes[0].Code))})
			return entRef{}
		}
		return entRef{id, codeInUse(ent, code, year)}
	}
	ent = newGeoEntity(id, category, code, dim.CategoryLabel(category))
	if err := ent.Validate(); err != nil {
		r.fail(&Error{Path: at, Err: errorf(ErrInvalid, "kan ikke lage en enhet for regionkoden %s: %v", quote(code), err)})
		return entRef{}
	}
	r.entByID[id] = ent
	r.ents = append(r.ents, ent)
	return entRef{id, codeInUse(ent, code, year)}
}

// codeInUse reports whether an entity's code history allows the code in a
// year. An entity without the code, reached by its ID or by a mapping, is
// taken to be in use.
func codeInUse(ent *virk.Entity, code string, year int) bool {
	found := false
	for _, k := range ent.Codes {
		if codeMatches(k.Code, code) {
			if k.ValidIn(year) {
				return true
			}
			found = true
		}
	}
	return !found
}

// resolveCode resolves a region code as Catalogue.ResolveEntity does, but
// by official number before ID: a region code is a number, and one that
// happens to be the ID of another entity (such as "ssb-3001", created for
// 3001) must not take the cells of the entity that has the number. The
// error wraps ErrUnknownEntity.
func resolveCode(cat *Catalogue, code string, year int) (*virk.Entity, error) {
	if !knowsCode(cat, code) {
		return cat.ResolveEntity(code, year)
	}
	e, err := cat.resolveCode(code, year)
	if err != nil {
		return nil, err
	}
	return e.ent, nil
}

// knowsCode reports whether some entity of the catalogue has had the code,
// so that a failed ResolveEntity means the code is ambiguous rather than
// unknown.
func knowsCode(cat *Catalogue, code string) bool {
	if cat.codes == nil {
		cat.indexCodes()
	}
	return len(cat.codes[code]) > 0 || len(code) == 3 && isDigits(code) && len(cat.codes["0"+code]) > 0
}

// comboAt is the combination of indicator categories that gave an ID.
type comboAt struct {
	combo int
	key   string
}

// indicator returns the indicator of a cell.
func (r *jsReader) indicator(p *jsPlan, coords []int) string {
	combo := 0
	for _, j := range p.ind {
		combo = combo*p.ds.Size[j] + coords[j]
	}
	if p.lastInd.ok && p.lastInd.combo == combo {
		return p.lastInd.id
	}
	if id, ok := p.indByCombo[combo]; ok {
		p.lastInd = lastInd{combo, id, true}
		return id
	}
	id, key := r.resolveIndicator(p, coords)
	if id != "" {
		if prev, dup := p.comboByInd[id]; dup && prev.combo != combo {
			r.fail(&Error{Path: pathKey(p.path, "dimension"), Err: errorf(ErrDuplicate,
				"kodene %s og %s gir begge indikatoren %s, så cellene ville blitt samme observasjon: skill dem med «indicator» eller «indicators» i en kartleggingsfil",
				quote(prev.key), quote(key), quote(id))})
			id = ""
		} else {
			p.comboByInd[id] = comboAt{combo, key}
		}
	}
	p.indByCombo[combo] = id
	p.lastInd = lastInd{combo, id, true}
	return id
}

// resolveIndicator finds or creates the indicator of a cell's combination
// of indicator categories. It returns the ID, "" after a fault, and the
// key of the combination as "indicators" in a mapping writes it.
func (r *jsReader) resolveIndicator(p *jsPlan, coords []int) (string, string) {
	ds := p.ds
	codes := make([]string, len(p.ind))
	labels := make([]string, 0, len(p.ind))
	parts := []string{p.prefix}
	for i, j := range p.ind {
		dim := ds.Dimensions[j]
		codes[i] = dim.CategoryID(coords[j])
		parts = append(parts, idPart(codes[i]))
		if l := strings.Join(strings.Fields(dim.CategoryLabel(codes[i])), " "); l != "" {
			labels = append(labels, l)
		}
	}
	key := strings.Join(codes, ".")
	if r.keyHint == "" {
		dims := make([]string, len(p.ind))
		for i, j := range p.ind {
			dims[i] = ds.ID[j]
		}
		r.keyHint = "forventet kodene for " + quoteList(dims) + " skilt med punktum, f.eks. " + quote(key)
	}
	if m := r.m; m != nil {
		if target, ok := m.Indicators[key]; ok {
			r.usedInd[key] = true
			if _, err := r.cat.resolveIndicator(target); err != nil {
				r.fail(m.faultErr(pathKey("indicators", key), err))
				return "", key
			}
			return target, key
		}
	}
	// A single indicator dimension whose code is a catalogue ID names that
	// indicator, as the indicator column of a CSV file does: this is how
	// virk's own JSON-stat export reads back.
	if len(codes) == 1 && r.cat.Indicator(codes[0]) != nil {
		return codes[0], key
	}
	ref := p.kostraRef(coords)
	id := capID(strings.Join(parts, "-"))
	if ref != nil {
		found, err := r.kostraMatch(p, ref, id)
		if err != nil {
			r.fail(&Error{Path: pathKey(p.path, "dimension"), Err: err})
			return "", key
		}
		if found != "" {
			return found, key
		}
	}
	if r.indByID[id] != nil {
		return id, key
	}
	if ind := r.cat.Indicator(id); ind != nil {
		// An earlier import of a differently cut table may have given
		// the ID to other cells, such as regnskapsomfang B for A.
		if ind.Kostra != nil && ref != nil && *ind.Kostra != *ref {
			r.fail(&Error{Path: pathKey(p.path, "dimension"), Err: errorf(ErrDuplicate,
				"indikatoren %s i katalogen har KOSTRA-koblingen %s, men cellene %s har %s: ta med dimensjonen som skiller dem i «indicator», eller bruk «indicators» i en kartleggingsfil",
				quote(id), kostraText(ind.Kostra), quote(key), kostraText(ref))})
			return "", key
		}
		return id, key
	}
	ind := &virk.Indicator{ID: id, LabelNB: strings.Join(labels, ", "), Unit: p.unit(coords),
		Source: p.source, Kostra: ref, Note: p.note()}
	if ind.LabelNB == "" {
		ind.LabelNB = p.info.title
	}
	if ind.LabelNB == "" {
		ind.LabelNB = id
	}
	if err := ind.Validate(); err != nil {
		r.fail(&Error{Path: pathKey(p.path, "dimension"), Err: errorf(ErrInvalid,
			"kan ikke lage en indikator for kodene %s: %v", quote(key), err)})
		return "", key
	}
	r.indByID[id] = ind
	r.inds = append(r.inds, ind)
	return id, key
}

// unit is the unit of a cell's metric category: SSB gives its name as the
// unit's base ("1000 kr", "årsverk") and the decimals with it; the table's
// px.decimals is the fallback. Decimals are kept within what
// virk.Indicator.Validate allows.
func (p *jsPlan) unit(coords []int) virk.Unit {
	ds := p.ds
	var u virk.Unit
	dec, hasDec := p.info.decimals, p.info.hasDec
	for _, id := range ds.Role.Metric {
		j := dimIndex(ds, id)
		if j < 0 {
			continue
		}
		dim := ds.Dimensions[j]
		cu, ok := dim.Unit(dim.CategoryID(coords[j]))
		if !ok {
			continue
		}
		u.Name = strings.TrimSpace(cmpOr(cu.Base, cu.Label, cu.Symbol))
		if cu.HasDecimals {
			dec, hasDec = cu.Decimals, true
		}
		break
	}
	if hasDec {
		u.Decimals = min(max(dec, 0), 6)
	}
	return u
}

// cmpOr returns the first non-empty string.
func cmpOr(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// note records where an indicator came from: the dataset's full title and
// the categories every cell of it shares.
func (p *jsPlan) note() string {
	note := strings.TrimSpace(p.ds.Label)
	if p.context != "" {
		if note != "" {
			note += ". "
		}
		note += "Fast utvalg: " + p.context
	}
	return note
}

// kostraRef is the KOSTRA reference of a cell, or nil outside KOSTRA
// tables.
func (p *jsPlan) kostraRef(coords []int) *virk.KostraRef {
	if p.kostra == nil {
		return nil
	}
	get := func(f int) string {
		j := p.kostra[f]
		if j < 0 {
			return ""
		}
		return p.ds.Dimensions[j].CategoryID(coords[j])
	}
	return &virk.KostraRef{Table: p.info.table, Function: get(kostraFunction), Type: get(kostraType),
		Scope: get(kostraScope), Variable: get(kostraVariable)}
}

// kostraText writes a KOSTRA reference for messages.
func kostraText(k *virk.KostraRef) string {
	var parts []string
	for _, f := range [][2]string{{"tabell", k.Table}, {"funksjon", k.Function}, {"art", k.Type},
		{"regnskapsomfang", k.Scope}, {"variabel", k.Variable}} {
		if f[1] != "" {
			parts = append(parts, f[0]+" "+f[1])
		}
	}
	return "«" + strings.Join(parts, ", ") + "»"
}

// kostraMatch finds the catalogue indicator whose KOSTRA reference is the
// cell's. A field the reference leaves empty matches when the table has at
// most one category to import there, so that one indicator never gets two
// cells. The most specific match wins. Automatic indicators of the table
// (IDs starting "ssb-12367-") are left to the caller, which finds them by
// ID, so that a hand-made indicator wins over them and an import never
// depends on which cuts of the table came before.
func (r *jsReader) kostraMatch(p *jsPlan, ref *virk.KostraRef, autoID string) (string, error) {
	if r.kostra == nil {
		r.kostra = map[string][]*virk.Indicator{}
		for _, e := range r.cat.inds {
			if k := e.ind.Kostra; k != nil && k.Table != "" {
				r.kostra[k.Table] = append(r.kostra[k.Table], e.ind)
			}
		}
		for _, l := range r.kostra {
			slices.SortFunc(l, func(a, b *virk.Indicator) int { return strings.Compare(a.ID, b.ID) })
		}
	}
	multi := func(f int) bool {
		j := p.kostra[f]
		return j >= 0 && p.ds.Size[j] > 1 && p.keep[j] < 0
	}
	cell := [4]string{ref.Function, ref.Type, ref.Scope, ref.Variable}
	var best []string
	bestScore := -1
	for _, ind := range r.kostra[ref.Table] {
		if ind.ID == autoID || strings.HasPrefix(ind.ID, p.prefix+"-") {
			continue
		}
		k := ind.Kostra
		want := [4]string{k.Function, k.Type, k.Scope, k.Variable}
		score, ok := 0, true
		for f := range want {
			switch {
			case want[f] == cell[f]:
				if want[f] != "" {
					score++
				}
			case want[f] == "" && !multi(f):
			default:
				ok = false
			}
		}
		switch {
		case !ok || score < bestScore:
		case score > bestScore:
			best, bestScore = []string{ind.ID}, score
		default:
			best = append(best, ind.ID)
		}
	}
	switch len(best) {
	case 0:
		return "", nil
	case 1:
		return best[0], nil
	}
	return "", errorf(ErrDuplicate, "flere indikatorer i katalogen har KOSTRA-koblingen %s: %s (rett koblingene i katalogen)",
		kostraText(ref), quoteList(best))
}

// unusedKeys reports the keys of the mapping's "indicators" and "entities"
// that matched no imported cell: most likely typing errors.
func (r *jsReader) unusedKeys() {
	m := r.m
	for _, k := range sortedKeys(m.Indicators) {
		if !r.usedInd[k] {
			r.fail(m.fault(pathKey("indicators", k), ErrField, "nøkkelen %s passer ikke til noen celle som importeres fra %s (%s)",
				quote(k), r.name, cmpOr(r.keyHint, "filen har ingen celler")))
		}
	}
	for _, k := range sortedKeys(m.Entities) {
		if !r.usedEnt[k] {
			r.fail(m.fault(pathKey("entities", k), ErrField, "regionkoden %s passer ikke til noen celle som importeres fra %s (%s)",
				quote(k), r.name, cmpOr(r.entHint, "filen har ingen regiondimensjon")))
		}
	}
}
