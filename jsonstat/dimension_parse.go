package jsonstat

import (
	"fmt"
	"strconv"
	"strings"
)

// parseDimension decodes one dimension object. size is the dimension's
// entry in the dataset's "size", or -1 when it is unknown (a standalone
// dimension, or a dataset whose id and size disagree); the category count
// is only checked against a known size, so that one broken "size" does not
// also flag every dimension.
//
// With standalone set the object is a document of class "dimension" (or
// an embedded one in a collection) and may carry version, class, source,
// updated and error; top marks the document root, where version is required.
func (p *parser) parseDimension(raw []byte, path, id string, size int, standalone, top bool) *Dimension {
	if !p.object(raw, path) {
		return nil
	}
	dim := &Dimension{ID: id}
	var m meta
	var catRaw, versionRaw, classRaw []byte
	for _, f := range p.fields(raw, path) {
		switch {
		case f.key == "category":
			catRaw = f.raw
		case standalone && f.key == "version":
			versionRaw = f.raw
		case standalone && f.key == "class":
			classRaw = f.raw
		default:
			// Unknown members are tolerated: providers add their own,
			// and rejecting them would block imports for no benefit.
			p.metaField(&m, f.key, f.raw, path)
		}
	}
	if standalone {
		dim.Version = p.checkVersion(versionRaw, path, top)
		if classRaw != nil {
			if c, ok := p.str(classRaw, joinKey(path, "class")); ok && c != string(ClassDimension) {
				p.structural(joinKey(path, "class"), "class must be \"dimension\" here, found %q", c)
			}
		}
	}
	dim.Href, dim.Label, dim.Note, dim.Link = m.Href, m.Label, m.Note, m.Link
	dim.Source, dim.Updated = m.Source, m.Updated
	dim.Extension, dim.Error = m.Extension, m.Error
	cpath := joinKey(path, "category")
	if catRaw == nil {
		p.structural(cpath, "required member category is missing; every dimension must describe its categories")
		return dim
	}
	dim.Category = p.parseCategory(catRaw, cpath, size)
	return dim
}

// parseCategory decodes and checks a category object.
func (p *parser) parseCategory(raw []byte, path string, size int) Category {
	var c Category
	if !p.object(raw, path) {
		return c
	}
	var indexRaw, labelRaw, noteRaw, unitRaw, coordRaw, childRaw []byte
	for _, f := range p.fields(raw, path) {
		switch f.key {
		case "index":
			indexRaw = f.raw
		case "label":
			labelRaw = f.raw
		case "note":
			noteRaw = f.raw
		case "unit":
			unitRaw = f.raw
		case "coordinates":
			coordRaw = f.raw
		case "child":
			childRaw = f.raw
		}
	}

	// The index is read first so that label keys can be checked, and
	// their strings shared with the ids, as they are read. known maps each
	// category id to its position; it is non-nil when the ids are known,
	// even if their order is broken, so the key checks below can still run.
	ipath, lpath := joinKey(path, "index"), joinKey(path, "label")
	var ids []string
	var known map[string]int
	orderOK := false
	switch kindOf(indexRaw) {
	case kindArray:
		var ok bool
		if ids, ok = p.strArray(indexRaw, ipath, false); ok {
			// Duplicates are found while building the id → position map,
			// rather than by strArray, to build one map instead of two.
			known = make(map[string]int, len(ids))
			for i, id := range ids {
				if j, dup := known[id]; dup {
					p.structural(joinIndex(ipath, i), "duplicate entry %q (first at %s); entries must be unique", id, joinIndex(ipath, j))
					ok = false
					continue
				}
				known[id] = i
			}
			if !ok {
				known = nil
			}
			orderOK = ok
		}
	case kindObject:
		// size hints the number of categories, unless it is larger than
		// the index could possibly hold (each entry takes 5 bytes or more).
		hint := 0
		if size > 0 && size <= len(indexRaw)/5+1 {
			hint = size
		}
		ids, known, orderOK = p.parseIndexObject(indexRaw, ipath, hint)
	case kindInvalid: // absent: handled with the labels below
	default:
		p.wrongType(ipath, "an array of category ids or an object mapping ids to positions", indexRaw)
	}

	var labelKeys []string // only collected when there is no index
	unknownLabel := false
	if labelRaw != nil && p.object(labelRaw, lpath) {
		// Labels are gathered first and their strings made in one
		// allocation; this loop runs once per category, thousands of
		// times for a region dimension, so paths are only built when
		// something is reported.
		type label struct {
			key        string
			isID       bool
			start, end int
		}
		labels := make([]label, 0, len(ids))
		var ar arena
		ar.grow(len(labelRaw))
		p.eachMember(labelRaw, func(k, v []byte) bool {
			l := label{}
			if i, ok := known[string(k)]; ok && orderOK && i < len(ids) && ids[i] == string(k) {
				l.key, l.isID = ids[i], true // share the id's string
			} else {
				l.key = unescapeKey(k)
				_, l.isID = known[l.key]
			}
			if kindOf(v) != kindString {
				p.wrongType(joinKey(lpath, l.key), "a string", v)
				return true
			}
			l.start, l.end = ar.add(strContent(v))
			labels = append(labels, l)
			return true
		})
		all := ar.String()
		c.Label = make(map[string]string, len(labels))
		for _, l := range labels {
			if known != nil && !l.isID {
				unknownLabel = true
				p.report(CodeLabelKeyUnknown, joinKey(lpath, l.key), "category.label has an entry for %q, which is not a category id of this dimension", l.key)
			}
			before := len(c.Label)
			c.Label[l.key] = all[l.start:l.end]
			switch {
			case len(c.Label) == before:
				p.structural(joinKey(lpath, l.key), "duplicate label for category %q", l.key)
			case indexRaw == nil:
				labelKeys = append(labelKeys, l.key)
			}
		}
	}

	if indexRaw == nil {
		switch len(labelKeys) {
		case 0:
			if labelRaw == nil {
				p.structural(ipath, "category has neither index nor label; at least one is needed to name the categories")
			} else {
				p.structural(ipath, "category.index is missing and category.label is empty, so the dimension has no category ids")
			}
		case 1:
			// JSON-stat allows the index to be omitted for a single
			// category; its id is then the only label key.
			ids, known, orderOK = labelKeys, map[string]int{labelKeys[0]: 0}, true
		default:
			p.structural(ipath, "category.index is missing; it may be omitted only for a single category, but category.label has %d entries", len(labelKeys))
		}
	}

	if known != nil && size >= 0 && len(ids) != size {
		cpath := ipath
		if indexRaw == nil {
			cpath = lpath
		}
		p.report(CodeIndexCountMismatch, cpath, "the dimension has %d categories but its size is %d; category.index must list exactly size categories", len(ids), size)
	}
	if orderOK {
		c.IDs, c.index = ids, known
	}
	if known != nil && !unknownLabel && len(c.Label) > 0 && len(c.Label) < len(ids) {
		p.reportIncompleteLabels(lpath, ids, c.Label)
	}
	check := known != nil
	c.Unit = p.parseUnits(unitRaw, joinKey(path, "unit"), known, check)
	c.Coordinates = p.parseCoordinates(coordRaw, joinKey(path, "coordinates"), known, check)
	c.Note = p.parseCategoryNotes(noteRaw, joinKey(path, "note"), known, check)
	c.Child = p.parseChild(childRaw, joinKey(path, "child"), known, check)
	return c
}

// parseIndexObject decodes the object form of category.index, id →
// position. When the positions are a permutation of 0..n-1 it returns the
// ids in position order and orderOK; otherwise the ids in document order,
// so that key checks can still use them. known maps ids to positions.
func (p *parser) parseIndexObject(raw []byte, path string, hint int) (ids []string, known map[string]int, orderOK bool) {
	// Entries are kept small (id range and position) because there is one
	// per category, and the ids are made in one allocation from an arena;
	// the raw text is only kept for the few malformed entries.
	type entry struct {
		start, end int
		pos        int64 // -1 when not a non-negative integer
	}
	entries := make([]entry, 0, max(hint, 4))
	typesOK := true
	var bad []string
	nbad := 0
	addBad := func(id, raw string) {
		nbad++
		if len(bad) < 5 {
			bad = append(bad, fmt.Sprintf("%q: %s", id, raw))
		}
	}
	var ar arena
	ar.grow(len(raw))
	p.eachMember(raw, func(k, v []byte) bool {
		pos, ok := integer(v)
		if !ok || pos < 0 {
			pos = -1
		}
		switch {
		case kindOf(v) != kindNumber:
			p.wrongType(joinKey(path, unescapeKey(k)), "a number (the category's position)", v)
			typesOK = false
		case pos < 0:
			addBad(unescapeKey(k), clip(v))
		}
		s, e := ar.add(k)
		entries = append(entries, entry{s, e, pos})
		return true
	})
	all := ar.String()
	known = make(map[string]int, len(entries))
	kept := entries[:0]
	for _, e := range entries {
		id := all[e.start:e.end]
		before := len(known)
		known[id] = int(min(e.pos, 1<<31))
		if len(known) == before {
			p.structural(joinKey(path, id), "duplicate category id %q in category.index", id)
			typesOK = false
			continue
		}
		kept = append(kept, e)
	}
	entries = kept
	n := len(entries)
	ids = make([]string, n)
	filled := make([]bool, n)
	for _, e := range entries {
		if e.pos < 0 {
			continue // already counted above
		}
		id := all[e.start:e.end]
		if e.pos >= int64(n) || filled[e.pos] {
			addBad(id, strconv.FormatInt(e.pos, 10))
			continue
		}
		filled[e.pos] = true
		ids[e.pos] = id
	}
	if nbad > 0 {
		more := ""
		if nbad > len(bad) {
			more = fmt.Sprintf(" and %d more", nbad-len(bad))
		}
		p.report(CodeIndexPositionsInvalid, path, "category.index positions must be a permutation of 0..%d (each used exactly once); offending entries: %s%s", n-1, strings.Join(bad, ", "), more)
	}
	if nbad > 0 || !typesOK {
		ids = ids[:0]
		for _, e := range entries {
			ids = append(ids, all[e.start:e.end])
		}
		return ids, known, false
	}
	return ids, known, true
}
