package jsonstat

// This file decodes the per-category maps of a category object: unit,
// coordinates and note. Each key must be a category id of the dimension.

// parseUnits decodes category.unit.
func (p *parser) parseUnits(raw []byte, path string, known map[string]int, check bool) map[string]Unit {
	if raw == nil || !p.object(raw, path) {
		return nil
	}
	out := make(map[string]Unit)
	p.eachMember(raw, func(k, v []byte) bool {
		key := unescapeKey(k)
		kpath := joinKey(path, key)
		if check {
			if _, ok := known[key]; !ok {
				p.report(CodeUnitKeyUnknown, kpath, "category.unit has an entry for %q, which is not a category id of this dimension", key)
			}
		}
		if u, ok := p.parseUnit(v, kpath); ok {
			out[key] = u
		}
		return true
	})
	return out
}

// parseUnit decodes one unit object.
func (p *parser) parseUnit(raw []byte, path string) (Unit, bool) {
	u := Unit{Raw: rawCopy(raw)}
	if !p.object(raw, path) {
		return u, false
	}
	for _, f := range p.fields(raw, path) {
		fpath := joinKey(path, f.key)
		switch f.key {
		case "label":
			u.Label, _ = p.str(f.raw, fpath)
		case "symbol":
			u.Symbol, _ = p.str(f.raw, fpath)
		case "type":
			u.Type, _ = p.str(f.raw, fpath)
		case "base":
			u.Base, _ = p.str(f.raw, fpath)
		case "position":
			if s, ok := p.str(f.raw, fpath); ok {
				if s != "start" && s != "end" {
					p.structural(fpath, "unit position must be \"start\" or \"end\", found %q", s)
				}
				u.Position = s
			}
		case "decimals":
			n, ok := integer(f.raw)
			if !ok || n < -1<<31 || n > 1<<31-1 {
				p.structural(fpath, "decimals must be an integer, found %s", clip(f.raw))
				continue
			}
			u.Decimals, u.HasDecimals = int(n), true
		case "multiplier":
			n, ok := integer(f.raw)
			if !ok || n < -1<<31 || n > 1<<31-1 {
				p.structural(fpath, "multiplier must be an integer power of ten, found %s", clip(f.raw))
				continue
			}
			u.Multiplier = int(n)
		}
	}
	return u, true
}

// clip shortens a raw JSON value for inclusion in a message.
func clip(raw []byte) string {
	const max = 40
	if len(raw) > max {
		return string(raw[:max]) + "…"
	}
	return string(raw)
}

// parseCoordinates decodes category.coordinates: id → [longitude, latitude].
func (p *parser) parseCoordinates(raw []byte, path string, known map[string]int, check bool) map[string][2]float64 {
	if raw == nil || !p.object(raw, path) {
		return nil
	}
	out := make(map[string][2]float64)
	p.eachMember(raw, func(k, v []byte) bool {
		key := unescapeKey(k)
		kpath := joinKey(path, key)
		if check {
			if _, ok := known[key]; !ok {
				p.report(CodeCoordKeyUnknown, kpath, "category.coordinates has an entry for %q, which is not a category id of this dimension", key)
			}
		}
		var xy [2]float64
		n, ok := 0, kindOf(v) == kindArray
		p.eachElem(v, func(i int, e []byte) bool {
			f, isNum := number(e)
			if !isNum || i > 1 {
				ok = false
				return false
			}
			xy[i] = f
			n++
			return true
		})
		if !ok || n != 2 {
			p.structural(kpath, "coordinates must be an array of two numbers [longitude, latitude], found %s", clip(v))
			return true
		}
		out[key] = xy
		return true
	})
	return out
}

// parseCategoryNotes decodes category.note: id → array of notes.
func (p *parser) parseCategoryNotes(raw []byte, path string, known map[string]int, check bool) map[string][]string {
	if raw == nil || !p.object(raw, path) {
		return nil
	}
	out := make(map[string][]string)
	p.eachMember(raw, func(k, v []byte) bool {
		key := unescapeKey(k)
		kpath := joinKey(path, key)
		if check {
			if _, ok := known[key]; !ok {
				p.report(CodeNoteKeyUnknown, kpath, "category.note has an entry for %q, which is not a category id of this dimension", key)
			}
		}
		if notes, ok := p.strArray(v, kpath, false); ok {
			out[key] = notes
		}
		return true
	})
	return out
}
