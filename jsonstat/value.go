package jsonstat

import (
	"math"
	"slices"
	"strconv"
)

// ValueKind tells whether a cell holds a number, a string or nothing.
type ValueKind uint8

// The value kinds. Null is the zero value so that the zero Value is a
// missing observation.
const (
	// Null marks a cell without a value.
	Null ValueKind = iota
	// Number marks a cell holding a number.
	Number
	// String marks a cell holding a string.
	String
)

// String returns "null", "number" or "string".
func (k ValueKind) String() string {
	switch k {
	case Number:
		return "number"
	case String:
		return "string"
	}
	return "null"
}

// Value is the content of one cell. JSON-stat cells are numbers, strings
// (rare, as in the order.json sample) or null, the latter usually with a
// status explaining why the value is missing (SSB: "." not applicable,
// ".." not available, ":" confidential).
type Value struct {
	// Num is the number when Kind is Number.
	Num float64
	// Str is the string when Kind is String.
	Str string
	// Kind says which of Num and Str is meaningful, or that the cell is null.
	Kind ValueKind
}

// IsNull reports whether the cell has no value.
func (v Value) IsNull() bool { return v.Kind == Null }

// Float returns the number and true when the cell holds a number.
func (v Value) Float() (float64, bool) { return v.Num, v.Kind == Number }

// String formats the value as it would appear in JSON, without quotes for
// strings: the shortest representation of a number (in plain decimal
// notation unless it is tiny or huge, as encoding/json writes it), the
// string itself, or "null".
func (v Value) String() string {
	switch v.Kind {
	case Number:
		format := byte('f')
		if a := math.Abs(v.Num); a != 0 && (a < 1e-6 || a >= 1e21) {
			format = 'e'
		}
		return strconv.FormatFloat(v.Num, format, -1, 64)
	case String:
		return v.Str
	}
	return "null"
}

// valueStore holds the cells compactly: 8 bytes per number plus, only
// when some cell is not a number, 1 byte per cell for the kind and 16
// bytes per cell for strings. A Value slice would cost 32 bytes per cell,
// too much for cubes with tens of millions of cells.
//
// In dense form entry i is cell i. In sparse form (an object "value")
// entry i is cell pos[i], and pos is sorted so lookups can binary search
// and iteration can merge in order.
type valueStore struct {
	nums   []float64
	kinds  []ValueKind // nil while every entry is a number
	strs   []string    // nil while no entry is a string
	pos    []int       // sparse positions, sorted
	sparse bool
}

func (s *valueStore) appendNum(f float64) {
	s.nums = append(s.nums, f)
	if s.kinds != nil {
		s.kinds = append(s.kinds, Number)
	}
	if s.strs != nil {
		s.strs = append(s.strs, "")
	}
}

func (s *valueStore) appendNull() {
	s.ensureKinds()
	s.nums = append(s.nums, 0)
	s.kinds = append(s.kinds, Null)
	if s.strs != nil {
		s.strs = append(s.strs, "")
	}
}

func (s *valueStore) appendStr(str string) {
	s.ensureKinds()
	if s.strs == nil {
		s.strs = make([]string, len(s.nums))
	}
	s.nums = append(s.nums, 0)
	s.kinds = append(s.kinds, String)
	s.strs = append(s.strs, str)
}

// ensureKinds materialises the kind slice on the first non-number.
func (s *valueStore) ensureKinds() {
	if s.kinds != nil {
		return
	}
	s.kinds = make([]ValueKind, len(s.nums), cap(s.nums))
	for i := range s.kinds {
		s.kinds[i] = Number
	}
}

// get returns entry i of the store (not cell i, for sparse stores).
func (s *valueStore) get(i int) Value {
	if i < 0 || i >= len(s.nums) {
		return Value{}
	}
	if s.kinds == nil {
		return Value{Num: s.nums[i], Kind: Number}
	}
	switch s.kinds[i] {
	case Number:
		return Value{Num: s.nums[i], Kind: Number}
	case String:
		if i < len(s.strs) {
			return Value{Str: s.strs[i], Kind: String}
		}
	}
	return Value{}
}

// at returns the value of cell pos.
func (s *valueStore) at(pos int) Value {
	if !s.sparse {
		return s.get(pos)
	}
	i, found := slices.BinarySearch(s.pos, pos)
	if !found {
		return Value{}
	}
	return s.get(i)
}

// parseValues decodes "value" in its array (dense) or object (sparse)
// form. n is product(size) when lenOK, and the store is only filled when
// it is known, since an inconsistent dataset is never returned.
func (p *parser) parseValues(d *Dataset, raw []byte, path string, n int, lenOK bool) {
	switch kindOf(raw) {
	case kindArray:
		count := p.scanDense(&d.values, raw, path, n, lenOK)
		if lenOK && count != n {
			p.report(CodeValueLenMismatch, path, "value has %d entries but product(size) is %d; a dense value array must hold one entry per cell", count, n)
		}
	case kindObject:
		p.scanSparse(&d.values, raw, path, n, lenOK)
	default:
		p.wrongType(path, "an array of values or an object mapping cell positions to values", raw)
	}
}

// scanDense decodes a value array without going through interface{}
// values: it walks the bytes once, parsing numbers in place. It returns
// the number of entries.
func (p *parser) scanDense(s *valueStore, b []byte, path string, n int, store bool) int {
	if store {
		// Each entry takes at least two bytes ("1,"), which bounds the
		// allocation when size claims far more cells than the array has.
		s.nums = make([]float64, 0, min(n, len(b)/2+1))
	}
	count := 0
	i := skipWS(b, 0) + 1 // past '['
	for i < len(b) {
		i = skipWS(b, i)
		if i >= len(b) || b[i] == ']' {
			break
		}
		if b[i] == ',' {
			i = skipWS(b, i+1)
			if i >= len(b) {
				break
			}
		}
		keep := store && count < n
		switch c := b[i]; {
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(b) && isNumByte(b[j]) {
				j++
			}
			f, ok := parseNumber(b[i:j])
			if !ok {
				p.structural(joinIndex(path, count), "value %s is not a finite float64 number", clip(b[i:j]))
			} else if keep {
				s.appendNum(f)
			}
			i = j
		case c == 'n':
			if keep {
				s.appendNull()
			}
			i += 4
		case c == '"':
			j := stringEnd(b, i)
			if keep {
				str, _ := decodeString(b[i:j])
				s.appendStr(str)
			}
			i = j
		default:
			j := p.valueEnd(b, i)
			p.structural(joinIndex(path, count), "value entries must be numbers, strings or null, found %s", kindOf(b[i:j]))
			if j <= i {
				j = i + 1
			}
			i = j
		}
		count++
	}
	return count
}

func isNumByte(c byte) bool {
	return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}

// scanSparse decodes the object form of "value", {"pos": value}. Missing
// positions are null cells.
func (p *parser) scanSparse(s *valueStore, raw []byte, path string, n int, lenOK bool) {
	s.sparse = true
	type entry struct {
		pos int
		v   Value
	}
	var entries []entry
	sorted := true
	p.eachMember(raw, func(k, v []byte) bool {
		key := unescapeKey(k)
		kpath := joinKey(path, key)
		pos, ok := cellPos(key)
		if !ok || (lenOK && pos >= n) {
			p.report(CodeSparseKeyOutOfRange, kpath, "sparse value key %q is not a cell position; keys must be %s", key, rangeHint(n, lenOK))
			if !ok || !lenOK {
				return true
			}
		}
		var val Value
		switch kindOf(v) {
		case kindNumber:
			f, ok := parseNumber(v)
			if !ok {
				p.structural(kpath, "value %s is not a finite float64 number", clip(v))
				return true
			}
			val = Value{Num: f, Kind: Number}
		case kindString:
			str, _ := decodeString(v)
			val = Value{Str: str, Kind: String}
		case kindNull:
		default:
			p.structural(kpath, "value entries must be numbers, strings or null, found %s", kindOf(v))
			return true
		}
		if len(entries) > 0 && entries[len(entries)-1].pos >= pos {
			sorted = false
		}
		entries = append(entries, entry{pos, val})
		return true
	})
	if !sorted {
		slices.SortStableFunc(entries, func(a, b entry) int { return a.pos - b.pos })
		for i := 1; i < len(entries); i++ {
			if entries[i].pos == entries[i-1].pos {
				p.structural(joinKey(path, strconv.Itoa(entries[i].pos)), "cell %d appears more than once in the sparse value object", entries[i].pos)
			}
		}
	}
	for _, e := range entries {
		if lenOK && e.pos >= n {
			continue
		}
		s.pos = append(s.pos, e.pos)
		switch e.v.Kind {
		case Number:
			s.appendNum(e.v.Num)
		case String:
			s.appendStr(e.v.Str)
		default:
			s.appendNull()
		}
	}
}

// cellPos parses a sparse key: a non-negative decimal integer without sign,
// spaces or leading zeros beyond "0" itself, small enough to be a position.
func cellPos(key string) (int, bool) {
	if key == "" || len(key) > 18 || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// rangeHint describes the valid cell positions for messages.
func rangeHint(n int, lenOK bool) string {
	switch {
	case !lenOK:
		return "non-negative integers"
	case n == 0:
		return "cell positions, but the cube has no cells"
	}
	return "integers in [0, " + strconv.Itoa(n-1) + "]"
}
