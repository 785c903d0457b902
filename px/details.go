package px

import (
	"slices"
	"strconv"
)

// contentKeywords describe one value of the content variable each.
var contentKeywords = []string{"LAST-UPDATED", "STOCKFA", "CONTACT", "REFPERIOD", "BASEPERIOD",
	"CFPRICES", "DAYADJ", "SEASADJ"}

// variableKeywords describe one variable each when they have a subkey.
var variableKeywords = []string{"DOMAIN", "DOUBLECOLUMN", "NOTE", "NOTEX", "MAP", "PRESTEXT",
	"HIERARCHIES", "HIERARCHYLEVELS", "HIERARCHYLEVELSOPEN", "HIERARCHYNAMES", "PARTITIONED",
	"VARIABLE-TYPE"}

// units reads UNITS, which the table must have, and UNITS("value") for
// the values of the content variable, which must exist: the unit is what
// the cells of a content value are counted in.
func (p *parser) units() {
	f := p.f
	if !p.broken["UNITS"] && p.one("UNITS") == nil {
		p.fail(true, p.endLine(), "UNITS", ErrMissing, "the mandatory keyword UNITS is missing")
	}
	f.Units = p.text("UNITS")
	for _, k := range p.byName["UNITS"] {
		if k.Subkeys == nil || f.ContVariable == nil && (p.one("CONTVARIABLE") != nil || p.broken["CONTVARIABLE"]) {
			continue // a broken CONTVARIABLE is reported by itself
		}
		if cv := f.ContVariable; cv == nil || len(k.Subkeys) != 1 || !slices.Contains(cv.Values, k.Subkeys[0]) {
			p.fail(true, k.Line, k.String(), ErrReference, "%s is not a value of the content variable%s", quoteAll(k.Subkeys), p.contNames())
			continue
		}
		if f.ContentUnits == nil {
			f.ContentUnits = map[string]string{}
		}
		f.ContentUnits[k.Subkeys[0]] = k.Value()
	}
	for _, name := range contentKeywords {
		for _, k := range p.byName[name] {
			if k.Subkeys == nil {
				continue
			}
			if cv := f.ContVariable; cv == nil || len(k.Subkeys) != 1 || !slices.Contains(cv.Values, k.Subkeys[0]) {
				p.fail(false, k.Line, k.String(), ErrReference, "%s is not a value of the content variable%s; the keyword is skipped",
					quoteAll(k.Subkeys), p.contNames())
			}
		}
	}
}

// contNames lists the values of the content variable for messages.
func (p *parser) contNames() string {
	if p.f.ContVariable == nil {
		return " (the table has no CONTVARIABLE)"
	}
	return " (" + quoteAll(p.f.ContVariable.Values) + ")"
}

func quoteAll(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += strconv.Quote(x)
	}
	return out
}

// symbols reads the texts shown for the missing-value markers.
func (p *parser) symbols() {
	for i := 1; i <= 6; i++ {
		p.f.Symbols[i] = p.text("DATASYMBOL" + strconv.Itoa(i))
	}
	p.f.Symbols[MarkNil] = p.text("DATASYMBOLNIL")
	p.f.DataSymbolSum = p.text("DATASYMBOLSUM")
}

// details checks the keywords that only describe the table; every fault
// here is a warning.
func (p *parser) details() {
	f := p.f
	warn := func(k *Keyword, kind error, format string, args ...any) {
		p.fail(false, k.Line, k.String(), kind, format, args...)
	}
	for _, name := range variableKeywords {
		for _, k := range p.byName[name] {
			if len(k.Subkeys) == 1 && f.Variable(k.Subkeys[0]) == nil {
				warn(k, ErrReference, "the variable %q is not in STUB or HEADING; the keyword is skipped", k.Subkeys[0])
			}
		}
	}
	for _, name := range []string{"VALUENOTE", "VALUENOTEX", "PRECISION"} {
		for _, k := range p.byName[name] {
			if len(k.Subkeys) != 2 {
				warn(k, ErrSyntax, "%s takes a variable and a value in ( ); the keyword is skipped", name)
				continue
			}
			v := f.Variable(k.Subkeys[0])
			switch {
			case v == nil:
				warn(k, ErrReference, "the variable %q is not in STUB or HEADING; the keyword is skipped", k.Subkeys[0])
			case !slices.Contains(v.Values, k.Subkeys[1]):
				warn(k, ErrReference, "%q is not a value of %q; the keyword is skipped", k.Subkeys[1], v.Name)
			}
		}
	}
	vars := f.Variables()
	// SSB writes thousands of DATANOTECELLs; look their selectors up in
	// sets rather than lists.
	known := make([]map[string]bool, len(vars))
	for i, v := range vars {
		known[i] = make(map[string]bool, len(v.Values)+len(v.Codes))
		for _, s := range v.Values {
			known[i][s] = true
		}
		for _, s := range v.Codes {
			known[i][s] = true
		}
	}
	for _, name := range []string{"CELLNOTE", "CELLNOTEX", "DATANOTECELL"} {
		for _, k := range p.byName[name] {
			if len(k.Subkeys) != len(vars) {
				warn(k, ErrCount, "%d selectors for %d variables; the keyword is skipped", len(k.Subkeys), len(vars))
				continue
			}
			for i, s := range k.Subkeys {
				if s != "*" && !known[i][s] {
					warn(k, ErrReference, "%q is not a value or code of %q; the keyword is skipped", s, vars[i].Name)
					break
				}
			}
		}
	}
	for _, name := range []string{"AGGREGALLOWED", "AUTOPEN", "DESCRIPTIONDEFAULT", "COPYRIGHT"} {
		if k := p.one(name); k != nil && k.Value() != "YES" && k.Value() != "NO" {
			warn(k, ErrValue, "%q is neither YES nor NO; the keyword is skipped", k.Value())
		}
	}
	if k := p.one("DESCRIPTIONDEFAULT"); k != nil && k.Value() == "YES" && f.Description == "" {
		warn(k, ErrMissing, "DESCRIPTIONDEFAULT=YES but the table has no DESCRIPTION; TITLE is shown instead")
	}
	if k := p.one("CONTVARIABLE"); k != nil {
		for _, lang := range f.Languages {
			if lang == f.Language || lang == "" {
				continue
			}
			found := false
			for _, o := range f.Keywords {
				found = found || o.Name == "CONTVARIABLE" && o.Lang == lang
			}
			if !found {
				warn(k, ErrMissing, "CONTVARIABLE[%s] is missing, so the %s table has no content variable", lang, lang)
			}
		}
	}
}
