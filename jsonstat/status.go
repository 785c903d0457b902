package jsonstat

import (
	"slices"
	"strconv"
)

// statusStore holds the "status" member in whichever of its three forms
// the document used, without expanding it: SSB sends objects with one
// entry per missing cell, and expanding those to one string per cell
// would waste 16 bytes for every cell that has no status.
type statusStore struct {
	all   string   // a single status for every cell (string or one-element array form)
	arr   []string // array form: one status per cell, "" for null
	pos   []int    // object form: sorted cell positions ...
	codes []string // ... and their status codes
}

// at returns the status of cell pos, or "".
func (s *statusStore) at(pos int) string {
	switch {
	case s.all != "":
		return s.all
	case s.arr != nil:
		if pos >= 0 && pos < len(s.arr) {
			return s.arr[pos]
		}
	case s.pos != nil:
		if i, ok := slices.BinarySearch(s.pos, pos); ok && i < len(s.codes) {
			return s.codes[i]
		}
	}
	return ""
}

// parseStatus decodes "status". The three forms are: a string for all
// cells; an array with one entry per cell, or with a single entry for all
// cells (the deprecated form still used by the canada.json sample); and
// an object mapping cell positions to codes.
func (p *parser) parseStatus(d *Dataset, raw []byte, path string, n int, lenOK bool) {
	s := &d.status
	// Status codes repeat a lot (SSB uses a handful of symbols), so each
	// distinct code is stored once and shared.
	intern := make(map[string]string)
	internStr := func(v []byte) string {
		str, _ := decodeString(v)
		if c, ok := intern[str]; ok {
			return c
		}
		intern[str] = str
		return str
	}
	switch kindOf(raw) {
	case kindString:
		s.all = internStr(raw)
	case kindArray:
		count := p.countElems(raw)
		switch {
		case count == 1 && (!lenOK || n != 1):
			p.eachElem(raw, func(i int, v []byte) bool {
				switch kindOf(v) {
				case kindString:
					s.all = internStr(v)
				case kindNull:
				default:
					p.wrongType(joinIndex(path, i), "a string or null", v)
				}
				return false
			})
			return
		case lenOK && count != n:
			p.report(CodeStatusLenMismatch, path, "status has %d entries but product(size) is %d; a status array must hold one entry per cell (or a single entry for all cells)", count, n)
			return
		}
		if lenOK {
			s.arr = make([]string, 0, count)
		}
		p.eachElem(raw, func(i int, v []byte) bool {
			str := ""
			switch kindOf(v) {
			case kindString:
				str = internStr(v)
			case kindNull:
			default:
				p.wrongType(joinIndex(path, i), "a string or null", v)
			}
			if lenOK {
				s.arr = append(s.arr, str)
			}
			return true
		})
	case kindObject:
		p.parseStatusObject(s, raw, path, n, lenOK, internStr)
	default:
		p.wrongType(path, "a string, an array of strings or an object mapping cell positions to strings", raw)
	}
}

// parseStatusObject decodes the object form of "status".
func (p *parser) parseStatusObject(s *statusStore, raw []byte, path string, n int, lenOK bool, internStr func([]byte) string) {
	type entry struct {
		pos  int
		code string
	}
	var entries []entry
	sorted := true
	p.eachMember(raw, func(k, v []byte) bool {
		key := unescapeKey(k)
		kpath := joinKey(path, key)
		pos, ok := cellPos(key)
		if !ok || (lenOK && pos >= n) {
			p.report(CodeStatusKeyOutOfRange, kpath, "status key %q is not a cell position; keys must be %s", key, rangeHint(n, lenOK))
			return true
		}
		if kindOf(v) != kindString {
			p.wrongType(kpath, "a string", v)
			return true
		}
		if len(entries) > 0 && entries[len(entries)-1].pos >= pos {
			sorted = false
		}
		entries = append(entries, entry{pos, internStr(v)})
		return true
	})
	if !sorted {
		slices.SortStableFunc(entries, func(a, b entry) int { return a.pos - b.pos })
		for i := 1; i < len(entries); i++ {
			if entries[i].pos == entries[i-1].pos {
				p.structural(joinKey(path, strconv.Itoa(entries[i].pos)), "cell %d appears more than once in the status object", entries[i].pos)
			}
		}
	}
	s.pos = make([]int, 0, len(entries))
	s.codes = make([]string, 0, len(entries))
	for _, e := range entries {
		s.pos = append(s.pos, e.pos)
		s.codes = append(s.codes, e.code)
	}
}
