package px

import (
	"slices"
	"strconv"
	"strings"
)

// variables reads STUB, HEADING and the keywords that describe each
// variable: VALUES, CODES, VARIABLECODE, CONTVARIABLE, TIMEVAL, KEYS,
// ELIMINATION and META-ID.
func (p *parser) variables() {
	f := p.f
	stub, heading := p.one("STUB"), p.one("HEADING")
	if stub == nil && heading == nil && !p.broken["STUB"] && !p.broken["HEADING"] {
		p.fail(true, p.endLine(), "STUB", ErrMissing, "neither STUB nor HEADING is given, so the table has no variables")
		return
	}
	seen := map[string]bool{}
	add := func(k *Keyword, isHeading bool) []*Variable {
		if k == nil {
			return nil
		}
		var out []*Variable
		for _, name := range k.Values {
			if seen[name] {
				p.fail(true, k.Line, k.String(), ErrValue, "the variable %q is named twice in STUB and HEADING", name)
				continue
			}
			seen[name] = true
			out = append(out, &Variable{Name: name, Heading: isHeading})
		}
		return out
	}
	f.Stub, f.Heading = add(stub, false), add(heading, true)
	// The keywords below name a variable as their only subkey.
	perVar := func(name string, fatal bool, fn func(k *Keyword, v *Variable)) {
		for _, k := range p.byName[name] {
			if name == "META-ID" && len(k.Subkeys) == 2 {
				continue // the META-ID of a value
			}
			if len(k.Subkeys) != 1 {
				if k.Subkeys != nil || name == "VALUES" || name == "CODES" {
					p.fail(fatal, k.Line, k.String(), ErrSyntax, "%s takes one variable in ( ), not %d", name, len(k.Subkeys))
				}
				continue
			}
			v := f.Variable(k.Subkeys[0])
			if v == nil && (p.broken["STUB"] || p.broken["HEADING"]) {
				continue // reported with STUB or HEADING
			}
			if v == nil {
				p.fail(fatal, k.Line, k.String(), ErrReference, "the variable %q is not in STUB or HEADING (%s)%s",
					k.Subkeys[0], strings.Join(p.names(), ", "), skipped(fatal))
				continue
			}
			fn(k, v)
		}
	}
	perVar("VALUES", true, func(k *Keyword, v *Variable) {
		if len(k.Values) == 0 {
			p.fail(true, k.Line, k.String(), ErrValue, "the variable %q has no values", v.Name)
		}
		v.Values = k.Values
	})
	if !p.broken["VALUES"] && !p.broken["STUB"] && !p.broken["HEADING"] {
		for _, v := range f.Variables() {
			if v.Values == nil {
				k := stub
				if v.Heading {
					k = heading
				}
				p.fail(true, k.Line, `VALUES("`+v.Name+`")`, ErrMissing, "the variable %q of %s has no VALUES", v.Name, k.Name)
			}
		}
	}
	perVar("CODES", true, func(k *Keyword, v *Variable) {
		if v.Values != nil && len(k.Values) != len(v.Values) {
			p.fail(true, k.Line, k.String(), ErrCount, "%d codes for %d values", len(k.Values), len(v.Values))
			return
		}
		v.Codes = k.Values
	})
	perVar("VARIABLECODE", false, func(k *Keyword, v *Variable) { v.Code = k.Value() })
	perVar("META-ID", false, func(k *Keyword, v *Variable) { v.MetaID = strings.Join(k.Values, " ") })
	perVar("ELIMINATION", false, func(k *Keyword, v *Variable) {
		e := k.Value()
		if e != "YES" && e != "NO" && !slices.Contains(v.Values, e) {
			p.fail(false, k.Line, k.String(), ErrValue, "%q is neither YES, NO nor a value of %q; ELIMINATION is ignored", e, v.Name)
			return
		}
		v.Elimination = e
	})
	perVar("KEYS", true, func(k *Keyword, v *Variable) {
		switch {
		case v.Heading:
			p.fail(true, k.Line, k.String(), ErrValue, "KEYS is for stub variables, and %q is in HEADING", v.Name)
		case k.Value() == "CODE" && v.Codes == nil:
			p.fail(true, k.Line, k.String(), ErrValue, "KEYS=CODE, but %q has no CODES", v.Name)
		case k.Value() == "VALUE" || k.Value() == "CODE":
			v.Keys = k.Value()
		default:
			p.fail(true, k.Line, k.String(), ErrValue, "%q is neither VALUE nor CODE", k.Value())
		}
	})
	perVar("TIMEVAL", false, p.timeVal)
	if k := p.one("CONTVARIABLE"); k != nil {
		if f.ContVariable = f.Variable(k.Value()); f.ContVariable == nil {
			p.fail(true, k.Line, k.String(), ErrReference, "the variable %q is not in STUB or HEADING (%s)",
				k.Value(), strings.Join(p.names(), ", "))
		}
	}
}

// skipped ends the message of a warning.
func skipped(fatal bool) string {
	if fatal {
		return ""
	}
	return "; the keyword is skipped"
}

// names lists the variables for messages.
func (p *parser) names() []string {
	var out []string
	for _, v := range p.f.Variables() {
		out = append(out, v.Name)
	}
	return out
}

// timeVal reads TIMEVAL("var")=TLIST(unit),"code",… or the range form
// TLIST(unit,"from"-"to"). A TIMEVAL that does not fit the values is
// ignored with a warning, and the values serve as the time codes.
func (p *parser) timeVal(k *Keyword, v *Variable) {
	if len(k.Values) == 0 || !strings.HasPrefix(k.Values[0], "TLIST(") {
		p.fail(false, k.Line, k.String(), ErrValue, "expected TLIST(…) first; TIMEVAL is ignored")
		return
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(k.Values[0], "TLIST("), ")")
	unitText, rng, hasRange := strings.Cut(inner, ",")
	unitText = strings.TrimSpace(unitText)
	if unitText == "" || !strings.Contains("AHQKMW", unitText[:1]) {
		p.fail(false, k.Line, k.String(), ErrValue, "unknown time unit %q (expected A1, H1, Q1, M1 or W1); TIMEVAL is ignored", unitText)
		return
	}
	tv := &TimeVal{Unit: unitText[0], Codes: k.Values[1:]}
	if tv.Unit == 'K' {
		tv.Unit = 'Q'
	}
	if hasRange {
		from, to, ok := strings.Cut(strings.ReplaceAll(strings.TrimSpace(rng), `"`, ""), "-")
		codes, good := expandRange(tv.Unit, strings.TrimSpace(from), strings.TrimSpace(to))
		if !ok || !good {
			p.fail(false, k.Line, k.String(), ErrValue, "the range %s is not a time range; TIMEVAL is ignored", rng)
			return
		}
		tv.Codes = codes
	}
	if len(tv.Codes) != len(v.Values) {
		p.fail(false, k.Line, k.String(), ErrCount, "%d time values for %d values of %q; TIMEVAL is ignored and the values are the time codes",
			len(tv.Codes), len(v.Values), v.Name)
		return
	}
	v.TimeVal = tv
}

// expandRange lists the codes of TLIST(unit,"from"-"to") in the compact
// form: "1994", "19941" for half-years and quarters, "199401" for months.
func expandRange(unit byte, from, to string) ([]string, bool) {
	per := map[byte]int{'A': 1, 'H': 2, 'Q': 4, 'M': 12, 'W': 53}[unit]
	width := map[byte]int{'A': 0, 'H': 1, 'Q': 1, 'M': 2, 'W': 2}[unit]
	parse := func(s string) (int, bool) {
		if len(s) != 4+width {
			return 0, false
		}
		y, err := strconv.Atoi(s[:4])
		n := 1
		if width > 0 {
			n, err = strconv.Atoi(s[4:])
		}
		if err != nil || n < 1 || n > per {
			return 0, false
		}
		y, _ = strconv.Atoi(s[:4])
		return y*per + n - 1, true
	}
	a, ok1 := parse(from)
	b, ok2 := parse(to)
	if !ok1 || !ok2 || b < a || b-a > 100000 {
		return nil, false
	}
	var out []string
	for i := a; i <= b; i++ {
		s := strconv.Itoa(i / per)
		if width > 0 {
			n := strconv.Itoa(i%per + 1)
			if len(n) < width {
				n = "0" + n
			}
			s += n
		}
		out = append(out, s)
	}
	return out, true
}
