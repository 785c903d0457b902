package px

import (
	"fmt"
	"math"
	"strconv"
)

// data reads the cells after DATA=, to the end of the file. Values are
// separated by spaces, tabs, line breaks, commas or semicolons: DATA is
// the last keyword, and some producers (INE) end every line with ";".
// With KEYS, each row starts with the keyed stub variables' values or
// codes; the rows a KEYS file leaves out are zeros, as the specification
// writes sparse tables without their all-zero rows.
func (p *parser) data() {
	f := p.f
	if p.dataKw == nil {
		if !p.broken["DATA"] {
			p.fail(true, p.endLine(), "DATA", ErrMissing, "the mandatory keyword DATA is missing")
		}
		return
	}
	n := 1
	for _, v := range f.Variables() {
		n *= len(v.Values)
		if n > 1<<28 {
			p.fail(true, p.dataKw.Line, "DATA", ErrCount, "the cube has more than %d cells", 1<<28)
			return
		}
	}
	// Every cell takes two bytes at least; a cube larger than that cannot
	// be in the file, and must not be allocated.
	rest := len(p.s.b) - p.s.pos
	var keyed []*Variable
	for _, v := range f.Stub {
		if v.Keys != "" {
			keyed = append(keyed, v)
		}
	}
	if len(keyed) == 0 && n > rest/2+1 {
		p.fail(true, p.dataKw.Line, "DATA", ErrCount, "the data hold at most %d values, but the cube has %d cells", rest/2+1, n)
		return
	}
	// A KEYS file leaves out its zero rows, so its cube may be larger than
	// its bytes; still, a few bytes must not claim gigabytes.
	if limit := min(maxSparse*(rest/2+1), maxCells); len(keyed) > 0 && n > limit {
		p.fail(true, p.dataKw.Line, "DATA", ErrCount, "the cube has %d cells, more than the %d a sparse (KEYS) file of this size is read with", n, limit)
		return
	}
	f.Cells = make([]float64, n)
	if len(keyed) > 0 {
		p.keyedData(keyed, n)
		return
	}
	i, last := 0, p.dataKw.Line
	for {
		tok, quoted, line, ok := p.token()
		if !ok {
			break
		}
		last = line
		if i >= n {
			p.fail(true, line, "DATA", ErrCount, "more values than the %d cells of the cube", n)
			return
		}
		if !p.cell(i, tok, quoted, line) {
			return
		}
		i++
	}
	if i < n {
		p.fail(true, last, "DATA", ErrCount, "%d values for the %d cells of the cube", i, n)
	}
}

// maxCells bounds the cube of a KEYS file; SSB's StatBank hands out at
// most 800 000 cells per extract. maxSparse bounds how many cells a KEYS
// file may hold per value it writes.
const maxCells, maxSparse = 10_000_000, 64

// keyedData reads rows that start with keys.
func (p *parser) keyedData(keyed []*Variable, n int) {
	f := p.f
	for i, v := range f.Stub[:len(keyed)] {
		if v != keyed[i] {
			p.fail(true, p.dataKw.Line, "KEYS", ErrValue, "KEYS must be given for the first stub variables in order; %q has none", v.Name)
			return
		}
	}
	rowLen := n
	index := make([]map[string]int, len(keyed))
	for j, v := range keyed {
		rowLen /= len(v.Values)
		index[j] = map[string]int{}
		for i := range v.Values {
			key := v.Values[i]
			if v.Keys == "CODE" {
				key = v.Codes[i]
			}
			index[j][key] = i
		}
	}
	filled := make([]bool, n/max(rowLen, 1))
	for {
		row := 0
		tok, _, line, ok := p.token()
		if !ok {
			return
		}
		for j, v := range keyed {
			if j > 0 {
				if tok, _, line, ok = p.token(); !ok {
					p.fail(true, line, "DATA", ErrCount, "the data end inside the keys of a row")
					return
				}
			}
			c, found := index[j][string(tok)]
			if !found {
				p.fail(true, line, `KEYS("`+v.Name+`")`, ErrReference, "the key %q is not a %s of %q", tok, map[string]string{"VALUE": "value", "CODE": "code"}[v.Keys], v.Name)
				return
			}
			row = row*len(v.Values) + c
		}
		if filled[row] {
			p.fail(true, line, "DATA", ErrValue, "the row with the keys ending in %q is given twice", tok)
			return
		}
		filled[row] = true
		for i := row * rowLen; i < (row+1)*rowLen; i++ {
			tok, quoted, line, ok := p.token()
			if !ok {
				p.fail(true, line, "DATA", ErrCount, "the data end inside a row")
				return
			}
			if !p.cell(i, tok, quoted, line) {
				return
			}
		}
	}
}

// cell stores one value of DATA.
func (p *parser) cell(i int, tok []byte, quoted bool, line int) bool {
	if m := markOf(tok); m != MarkNone {
		if p.f.Marks == nil {
			p.f.Marks = make([]Mark, len(p.f.Cells))
		}
		p.f.Marks[i] = m
		return true
	}
	v, ok := parseNumber(tok)
	if !ok {
		what := fmt.Sprintf("%q", tok)
		if !quoted {
			what = string(tok)
		}
		p.fail(true, line, "DATA", ErrValue, "the value %s of cell %d is neither a number nor a missing-value marker (\".\" to \"......\" or \"-\")", what, i)
		return false
	}
	p.f.Cells[i] = v
	return true
}

// markOf returns the marker a value is, or MarkNone.
func markOf(tok []byte) Mark {
	switch {
	case len(tok) == 1 && tok[0] == '-':
		return MarkNil
	case len(tok) == 0 || len(tok) > 6:
		return MarkNone
	}
	for _, c := range tok {
		if c != '.' {
			return MarkNone
		}
	}
	return Mark(len(tok))
}

// token returns the next value of DATA, unquoted, and its line.
func (p *parser) token() (tok []byte, quoted bool, line int, ok bool) {
	s := &p.s
	b := s.b
	for s.pos < len(b) {
		switch b[s.pos] {
		case ' ', '\t', '\r', '\n', ',', ';':
			s.pos++
			continue
		}
		break
	}
	if s.pos >= len(b) {
		return nil, false, 0, false
	}
	start := s.pos
	if b[start] == '"' {
		end := start + 1
		for end < len(b) && b[end] != '"' && b[end] != '\n' {
			end++
		}
		if end >= len(b) || b[end] != '"' {
			line = s.lineAt(start)
			p.fail(true, line, "DATA", ErrSyntax, "a quoted value is not closed on its line")
			s.pos = len(b)
			return nil, false, line, false
		}
		s.pos = end + 1
		return b[start+1 : end], true, s.lineAt(start), true
	}
	for s.pos < len(b) {
		switch b[s.pos] {
		case ' ', '\t', '\r', '\n', ',', ';', '"':
			return b[start:s.pos], false, s.lineAt(start), true
		}
		s.pos++
	}
	return b[start:s.pos], false, s.lineAt(start), true
}

// pow10 are the powers of ten that float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber parses a decimal number. Plain decimals with up to 15
// digits, the common case, are computed exactly from an integer and a
// power of ten (both exact in float64, so the quotient is correctly
// rounded); the rest goes to strconv.
func parseNumber(b []byte) (float64, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			if digits < 15 {
				mant = mant*10 + uint64(c-'0')
				if mant != 0 {
					digits++
				}
				if dot {
					frac++
				}
			} else {
				return slowNumber(b)
			}
		case c == '.' && !dot:
			dot = true
		default:
			return slowNumber(b)
		}
	}
	if i == 0 || len(b) == 1 && dot || (neg || b[0] == '+') && len(b) == 1 {
		return 0, false
	}
	if len(b) == 2 && (neg || b[0] == '+') && dot {
		return 0, false
	}
	if frac >= len(pow10) {
		return slowNumber(b)
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

func slowNumber(b []byte) (float64, bool) {
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}
