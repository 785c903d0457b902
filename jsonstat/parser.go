package jsonstat

import (
	"bytes"
	"fmt"
	"math"
)

// parser holds the state of one decoding run: the limits taken from the
// Decoder and the findings collected so far. The walk never stops at the
// first problem, because a validator is most useful when it reports
// everything it can in one run.
type parser struct {
	walker

	maxCells    int
	maxDepth    int
	maxFindings int

	findings  Findings
	nerr      int             // number of error findings, including dropped ones
	truncated bool            // BUDGET_EXCEEDED has been reported
	seen      map[string]bool // recorded findings, to drop exact repeats
}

// report records a finding with the catalogue severity of code.
//
// Once maxFindings findings are recorded, further ones are dropped and a
// single BUDGET_EXCEEDED warning is added, so that a hostile or badly
// broken file cannot make the report itself exhaust memory. Errors are
// still counted, and the first error is always kept, so that truncation
// can never turn an invalid document into a valid one.
func (p *parser) report(code Code, path, format string, args ...any) {
	sev := code.Severity()
	if sev == SeverityError {
		p.nerr++
	}
	if len(p.findings) >= p.maxFindings && !(sev == SeverityError && p.nerr == 1) {
		if !p.truncated {
			p.truncated = true
			p.findings = append(p.findings, &Error{
				Code:     CodeBudgetExceeded,
				Severity: CodeBudgetExceeded.Severity(),
				Path:     "",
				Message:  fmt.Sprintf("more than %d findings; the remaining findings were not recorded (raise Decoder.MaxFindings to see them)", p.maxFindings),
			})
		}
		return
	}
	msg := fmt.Sprintf(format, args...)
	// A member read twice (the label of an embedded dataset is also the
	// label of its collection item) must not be reported twice.
	key := string(code) + "\x00" + path + "\x00" + msg
	if p.seen == nil {
		p.seen = make(map[string]bool)
	}
	if p.seen[key] {
		if sev == SeverityError {
			p.nerr--
		}
		return
	}
	p.seen[key] = true
	p.findings = append(p.findings, &Error{
		Code:     code,
		Severity: sev,
		Path:     path,
		Message:  msg,
	})
}

// structural reports a STRUCTURAL_VIOLATION.
func (p *parser) structural(path, format string, args ...any) {
	p.report(CodeStructuralViolation, path, format, args...)
}

// wrongType reports a member of the wrong JSON type.
func (p *parser) wrongType(path, want string, raw []byte) {
	p.structural(path, "%s must be %s, found %s", describe(path), want, kindOf(raw))
}

// describe names a path for messages, so that root-level problems read
// naturally ("the document must be an object").
func describe(path string) string {
	if path == "" {
		return "the document"
	}
	return path
}

// member is one raw object member.
type member struct {
	key string
	raw []byte
}

// fields returns the members of an object with a fixed set of keys (a
// dataset, a dimension, a category, ...). Duplicate keys are reported,
// because encoding/json would silently keep the last one and the two
// copies may disagree; like encoding/json, the later value is used.
func (p *parser) fields(raw []byte, path string) []member {
	var out []member
	var index map[string]int // only for objects with many members
	p.eachMember(raw, func(k, v []byte) bool {
		key := unescapeKey(k)
		dup := -1
		if index != nil {
			if i, ok := index[key]; ok {
				dup = i
			}
		} else {
			// A linear search is fastest for the handful of members
			// these objects normally have ...
			for i := range out {
				if out[i].key == key {
					dup = i
					break
				}
			}
		}
		if dup >= 0 {
			p.structural(joinKey(path, key), "duplicate member %q; each member may appear only once", key)
			out[dup].raw = v
			return true
		}
		out = append(out, member{key, v})
		// ... but a hostile object with thousands of members must not
		// make it quadratic.
		if index == nil && len(out) > 16 {
			index = make(map[string]int, 2*len(out))
			for i, m := range out {
				index[m.key] = i
			}
		} else if index != nil {
			index[key] = len(out) - 1
		}
		return true
	})
	return out
}

// str decodes a string member, reporting any other type.
func (p *parser) str(raw []byte, path string) (string, bool) {
	if kindOf(raw) != kindString {
		p.wrongType(path, "a string", raw)
		return "", false
	}
	s, _ := decodeString(raw)
	return s, true
}

// strArray decodes an array of strings. With unique set, repeated strings
// are reported, as the schema's uniqueItems requires for ids.
func (p *parser) strArray(raw []byte, path string, unique bool) ([]string, bool) {
	if kindOf(raw) != kindArray {
		p.wrongType(path, "an array of strings", raw)
		return nil, false
	}
	var ar arena
	ar.grow(len(raw))
	var ranges []int // start, end pairs in the arena
	ok := true
	p.eachElem(raw, func(i int, v []byte) bool {
		if kindOf(v) != kindString {
			p.wrongType(joinIndex(path, i), "a string", v)
			ok = false
			return true
		}
		s, e := ar.add(strContent(v))
		ranges = append(ranges, s, e)
		return true
	})
	if !ok {
		return nil, false
	}
	all := ar.String()
	out := make([]string, len(ranges)/2)
	for i := range out {
		out[i] = all[ranges[2*i]:ranges[2*i+1]]
	}
	if unique && len(out) > 1 {
		seen := make(map[string]int, len(out))
		for i, s := range out {
			if j, dup := seen[s]; dup {
				p.structural(joinIndex(path, i), "duplicate entry %q (first at %s); entries must be unique", s, joinIndex(path, j))
				ok = false
				continue
			}
			seen[s] = i
		}
	}
	return out, ok
}

// object checks that raw is a JSON object.
func (p *parser) object(raw []byte, path string) bool {
	if kindOf(raw) != kindObject {
		p.wrongType(path, "an object", raw)
		return false
	}
	return true
}

// rawCopy returns a private copy of a raw member, so that retained
// extension blobs do not keep the whole input buffer alive.
func rawCopy(raw []byte) []byte {
	if raw == nil {
		return nil
	}
	return bytes.Clone(raw)
}

// integer decodes a JSON number that must be a whole number within
// ±2^53, the range where float64 represents every integer exactly.
func integer(raw []byte) (int64, bool) {
	if kindOf(raw) != kindNumber {
		return 0, false
	}
	f, ok := parseNumber(bytes.TrimSpace(raw))
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// number decodes a JSON number.
func number(raw []byte) (float64, bool) {
	if kindOf(raw) != kindNumber {
		return 0, false
	}
	return parseNumber(bytes.TrimSpace(raw))
}

// checkVersion validates the "version" member: it must be the string "2.0".
func (p *parser) checkVersion(raw []byte, path string, required bool) string {
	vpath := joinKey(path, "version")
	if raw == nil {
		if required {
			p.structural(vpath, "required member version is missing; a JSON-stat 2.0 response must declare \"version\": \"2.0\"")
		}
		return ""
	}
	v, ok := p.str(raw, vpath)
	if ok && v != "2.0" {
		p.structural(vpath, "version must be \"2.0\", found %q", v)
	}
	return v
}

// meta holds the descriptive members shared by datasets, dimensions and
// collections.
type meta struct {
	Href      string
	Label     string
	Source    string
	Updated   string
	Note      []string
	Extension []byte
	Error     []byte
	Link      map[string][]Link
}

// metaField decodes one of the shared descriptive members into m. It
// returns false when key is not one of them, so callers can handle their
// own members.
func (p *parser) metaField(m *meta, key string, raw []byte, path string) bool {
	fpath := joinKey(path, key)
	switch key {
	case "href":
		m.Href, _ = p.str(raw, fpath)
	case "label":
		m.Label, _ = p.str(raw, fpath)
	case "source":
		m.Source, _ = p.str(raw, fpath)
	case "updated":
		m.Updated, _ = p.str(raw, fpath)
	case "note":
		m.Note, _ = p.strArray(raw, fpath, false)
	case "extension":
		if p.object(raw, fpath) {
			m.Extension = rawCopy(raw)
		}
	case "error":
		if kindOf(raw) != kindArray {
			p.wrongType(fpath, "an array", raw)
		} else {
			m.Error = rawCopy(raw)
		}
	case "link":
		m.Link = p.parseLinks(raw, fpath)
	default:
		return false
	}
	return true
}
