package jsonstat

import (
	"math"
)

// dsContext tells parseDataset where the dataset sits in the document.
type dsContext struct {
	// top marks the document root, where "version" is required.
	top bool
	// legacy marks a member of a pre-2.0 bundle, where JSON-stat 1.x put
	// id, size and role inside "dimension".
	legacy bool
	// name is the bundle key.
	name string
}

// parseDataset decodes and checks one dataset object. It returns the
// dataset even when it has errors, so callers can keep walking; the
// caller decides from the error count whether to hand it out.
func (p *parser) parseDataset(raw []byte, path string, ctx dsContext) *Dataset {
	if !p.object(raw, path) {
		return nil
	}
	d := &Dataset{Name: ctx.name}
	var m meta
	var versionRaw, classRaw, idRaw, sizeRaw, roleRaw, dimRaw, valueRaw, statusRaw []byte
	for _, f := range p.fields(raw, path) {
		switch f.key {
		case "version":
			versionRaw = f.raw
		case "class":
			classRaw = f.raw
		case "id":
			idRaw = f.raw
		case "size":
			sizeRaw = f.raw
		case "role":
			roleRaw = f.raw
		case "dimension":
			dimRaw = f.raw
		case "value":
			valueRaw = f.raw
		case "status":
			statusRaw = f.raw
		default:
			p.metaField(&m, f.key, f.raw, path)
		}
	}
	d.Href, d.Label, d.Source, d.Updated = m.Href, m.Label, m.Source, m.Updated
	d.Note, d.Extension, d.Error, d.Link = m.Note, m.Extension, m.Error, m.Link
	d.Version = p.checkVersion(versionRaw, path, ctx.top && !ctx.legacy)
	if classRaw != nil {
		if c, ok := p.str(classRaw, joinKey(path, "class")); ok && c != string(ClassDataset) {
			p.structural(joinKey(path, "class"), "class must be \"dataset\" here, found %q", c)
		}
	}

	// JSON-stat 1.x kept id, size and role inside "dimension".
	legacyDims := false
	if ctx.legacy && idRaw == nil && kindOf(dimRaw) == kindObject {
		if inner := p.lookup(dimRaw, "id"); inner != nil {
			legacyDims = true
			idRaw = inner
			if sizeRaw == nil {
				sizeRaw = p.lookup(dimRaw, "size")
			}
			if roleRaw == nil {
				roleRaw = p.lookup(dimRaw, "role")
			}
		}
	}

	idPath, sizePath := joinKey(path, "id"), joinKey(path, "size")
	idOK, sizeOK := false, false
	if idRaw == nil {
		p.structural(idPath, "required member id is missing; it lists the dimension ids in cube order")
	} else {
		d.ID, idOK = p.strArray(idRaw, idPath, true)
	}
	if sizeRaw == nil {
		p.structural(sizePath, "required member size is missing; it lists the number of categories of each dimension")
	} else {
		d.Size, sizeOK = p.parseSizes(sizeRaw, sizePath)
	}
	shapeOK := idOK && sizeOK
	if shapeOK && len(d.ID) != len(d.Size) {
		p.report(CodeIDSizeLenMismatch, sizePath, "id lists %d dimensions but size has %d entries; they must have the same length", len(d.ID), len(d.Size))
		shapeOK = false
	}
	lenOK := false
	if shapeOK {
		d.n, lenOK = p.cellCount(d.Size, sizePath)
	}

	dimPath := joinKey(path, "dimension")
	if dimRaw == nil {
		p.structural(dimPath, "required member dimension is missing; it describes the categories of each dimension")
	} else if p.object(dimRaw, dimPath) {
		p.parseDimensions(d, dimRaw, dimPath, idOK, shapeOK, legacyDims)
	}
	if roleRaw != nil {
		d.Role = p.parseRole(roleRaw, joinKey(path, "role"), d.ID, idOK)
		p.checkMetricUnits(d, dimPath)
	}

	valuePath := joinKey(path, "value")
	if valueRaw == nil {
		p.structural(valuePath, "required member value is missing; it holds the cells of the cube")
	} else {
		p.parseValues(d, valueRaw, valuePath, d.n, lenOK)
	}
	if statusRaw != nil {
		p.parseStatus(d, statusRaw, joinKey(path, "status"), d.n, lenOK)
	}
	return d
}

// parseSizes decodes "size": an array of non-negative integers.
func (p *parser) parseSizes(raw []byte, path string) ([]int, bool) {
	if kindOf(raw) != kindArray {
		p.wrongType(path, "an array of non-negative integers", raw)
		return nil, false
	}
	var out []int
	ok := true
	p.eachElem(raw, func(i int, v []byte) bool {
		epath := joinIndex(path, i)
		f, isNum := number(v)
		switch {
		case !isNum && kindOf(v) == kindNumber:
			p.report(CodeCubeSizeOverflow, epath, "dimension size %s is out of range; the cell budget is %d cells (Decoder.MaxCells)", clip(v), p.maxCells)
		case !isNum:
			p.structural(epath, "size entries must be non-negative integers, found %s", kindOf(v))
		case f != math.Trunc(f):
			p.structural(epath, "size entries must be non-negative integers, found %s", clip(v))
		case f < 0:
			p.structural(epath, "size entries must be non-negative integers, found negative size %s", clip(v))
		case f > float64(p.maxCells):
			p.report(CodeCubeSizeOverflow, epath, "dimension size %s exceeds the cell budget of %d cells (Decoder.MaxCells)", clip(v), p.maxCells)
		default:
			out = append(out, int(f))
			return true
		}
		ok = false
		return true
	})
	return out, ok
}

// cellCount computes product(size), refusing products above the cell
// budget. The budget check comes before each multiplication, so the
// product can neither overflow int nor lead to a huge allocation later.
func (p *parser) cellCount(sizes []int, path string) (int, bool) {
	for _, s := range sizes {
		if s == 0 {
			return 0, true
		}
	}
	n := 1
	approx := 1.0
	over := false
	for _, s := range sizes {
		approx *= float64(s)
		if !over && n > p.maxCells/s {
			over = true
		}
		if !over {
			n *= s
		}
	}
	if over || n > p.maxCells {
		p.report(CodeCubeSizeOverflow, path, "product(size) is about %.3g cells, more than the cell budget of %d (Decoder.MaxCells)", approx, p.maxCells)
		return 0, false
	}
	return n, true
}

// parseDimensions decodes the members of "dimension" and checks that their
// keys are exactly the ids in "id". Dimensions not listed in id are still
// checked on their own, so one typo does not hide their other problems.
func (p *parser) parseDimensions(d *Dataset, raw []byte, path string, idOK, shapeOK, legacy bool) {
	pos := make(map[string]int, len(d.ID))
	if idOK {
		for i, id := range d.ID {
			pos[id] = i
		}
		d.Dimensions = make([]*Dimension, len(d.ID))
	}
	present := make(map[string]bool, len(d.ID))
	for _, f := range p.fields(raw, path) {
		if legacy && (f.key == "id" || f.key == "size" || f.key == "role") {
			continue
		}
		fpath := joinKey(path, f.key)
		i, listed := pos[f.key]
		if idOK && !listed {
			p.report(CodeDimKeyIDMismatch, fpath, "dimension %q is not listed in id; the keys of dimension must be exactly the ids in id (%s)", f.key, quoteList(d.ID, 8))
		}
		size := -1
		if listed && shapeOK {
			size = d.Size[i]
		}
		dim := p.parseDimension(f.raw, fpath, f.key, size, false, false)
		present[f.key] = true
		if listed {
			d.Dimensions[i] = dim
		}
	}
	if !idOK {
		return
	}
	for _, id := range d.ID {
		if !present[id] {
			p.report(CodeDimKeyIDMismatch, path, "id lists dimension %q but dimension has no member %q; the keys of dimension must be exactly the ids in id", id, id)
		}
	}
}
