package peer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

// Change is one line of SSB's changes to the municipality classification
// (Klass 131): from Year on, the municipality OldCode is (part of) NewCode.
// A renumbering has one line; a merger one line per part, all with the
// same NewCode; a continuing municipality may list itself (1103 → 1103).
type Change struct {
	OldCode, OldName string
	NewCode, NewName string
	Year             int // the year the change took effect (1 January)
}

// Register is the history of municipality numbers: which number a
// municipality had when, and which municipalities merged.
type Register struct {
	changes []Change
}

// NewRegister returns a register of the changes.
func NewRegister(changes []Change) *Register {
	cs := slices.Clone(changes)
	slices.SortStableFunc(cs, func(a, b Change) int { return cmp.Compare(a.Year, b.Year) })
	return &Register{changes: cs}
}

// Changes returns the register's changes ordered by year.
func (r *Register) Changes() []Change { return slices.Clone(r.changes) }

// sameName reports whether two municipality names are the same, ignoring
// case and a trailing "kommune".
func sameName(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimSpace(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), " kommune"))
	}
	return norm(a) == norm(b)
}

// continues reports whether the change carries the old municipality on
// under the new number, rather than merging it into another: a
// renumbering, or the part of a merger that keeps its name or number.
func (r *Register) continues(c Change) bool {
	if c.OldCode == c.NewCode || sameName(c.OldName, c.NewName) {
		return true
	}
	n := 0
	for _, d := range r.changes {
		if d.Year == c.Year && d.NewCode == c.NewCode {
			n++
		}
	}
	return n == 1 // a renumbering with a new name
}

// predecessor returns the change by which code came to be in its span
// starting at year ≤ y, with a different old code.
func (r *Register) predecessor(code string, before int) (Change, bool) {
	var found Change
	ok := false
	for _, c := range r.changes {
		if c.NewCode == code && c.OldCode != code && c.Year <= before && r.continues(c) {
			if !ok || c.Year > found.Year {
				found, ok = c, true
			}
		}
	}
	return found, ok
}

// successor returns the first change after year y that carries code on
// under another number.
func (r *Register) successor(code string, after int) (Change, bool) {
	for _, c := range r.changes {
		if c.OldCode == code && c.NewCode != code && c.Year > after && r.continues(c) {
			return c, true
		}
	}
	return Change{}, false
}

// created returns the year in which code was made by a merger of other
// municipalities into a new number, at or before year y, or 0. A number
// that a part keeps (Stavanger 1103 in 2020) existed before.
func (r *Register) created(code string, y int) int {
	year := 0
	for _, c := range r.changes {
		if c.NewCode != code || c.OldCode == code || c.Year > y+1 {
			continue
		}
		kept := slices.ContainsFunc(r.changes, func(d Change) bool {
			return d.Year == c.Year && d.OldCode == code && d.NewCode == code
		})
		if !kept {
			year = max(year, c.Year)
		}
	}
	return year
}

// end returns the year from which code ceased, merged into another
// municipality, or 0 while it lives on.
func (r *Register) end(code string, after int) int {
	for _, c := range r.changes {
		if c.OldCode == code && c.NewCode != code && c.Year > after {
			return c.Year
		}
	}
	return 0
}

// History returns the code history of the municipality that had number
// code in year y, oldest first: Bærum's 3024 in 2021 gives 0219 (to 2019),
// 3024 (2020–2023) and 3201 (from 2024). The first code's From is 0 when
// the register does not know when it began.
func (r *Register) History(code string, y int) []virk.Code {
	// Walk back to the oldest number.
	cur := code
	for seen := 0; seen < 100; seen++ {
		c, ok := r.predecessor(cur, y)
		if !ok {
			break
		}
		cur, y = c.OldCode, c.Year-1
	}
	// The oldest number began with a merger under a new number
	// (Lillestrøm 3030 in 2020), or before the register knows.
	start := r.created(cur, y)
	// Walk forward, recording each span.
	var out []virk.Code
	for seen := 0; seen < 100; seen++ {
		next, ok := r.successor(cur, start)
		if !ok {
			to := 0
			if e := r.end(cur, start); e != 0 {
				to = e - 1
			}
			out = append(out, virk.Code{Code: cur, From: start, To: to})
			break
		}
		out = append(out, virk.Code{Code: cur, From: start, To: next.Year - 1})
		cur, start = next.NewCode, next.Year
	}
	return out
}

// name returns the newest name the register knows for code.
func (r *Register) name(code string) string {
	name := ""
	for _, c := range r.changes {
		if c.NewCode == code && c.NewName != "" {
			name = c.NewName
		}
		if c.OldCode == code && name == "" {
			name = c.OldName
		}
	}
	return name
}

// Entity returns the municipality that had number code in year y as an
// entity with its code history. Its ID is "k" and its newest number
// ("k3201"), the convention of virk's national datasets; its name the
// newest the register knows.
func (r *Register) Entity(code string, y int) *virk.Entity {
	h := r.History(code, y)
	last := h[len(h)-1].Code
	name := r.name(last)
	if name == "" {
		name = last
	}
	if !strings.HasSuffix(strings.ToLower(name), "kommune") {
		name += " kommune"
	}
	return &virk.Entity{ID: "k" + last, Name: name, Kind: virk.KindMunicipality, Codes: h}
}

// Part is one of the municipalities a merger joined.
type Part struct {
	Code, Name string
	// Continues is set for the part that lives on in the merged
	// municipality under its name or number (Asker in Asker 2020); a
	// merger of equals under a new name (Lillestrøm) has none.
	Continues bool
}

// Merger is a merger of municipalities into one, from Year on.
type Merger struct {
	Year       int
	Code, Name string // the merged municipality's number and name
	Parts      []Part
}

// Mergers returns the register's mergers, by year and number: every new
// number that two or more old numbers went into.
func (r *Register) Mergers() []Merger {
	byKey := map[string]*Merger{}
	var out []*Merger
	for _, c := range r.changes {
		key := fmt.Sprintf("%d/%s", c.Year, c.NewCode)
		m := byKey[key]
		if m == nil {
			m = &Merger{Year: c.Year, Code: c.NewCode, Name: c.NewName}
			byKey[key] = m
			out = append(out, m)
		}
		if !slices.ContainsFunc(m.Parts, func(p Part) bool { return p.Code == c.OldCode }) {
			m.Parts = append(m.Parts, Part{Code: c.OldCode, Name: c.OldName,
				Continues: c.OldCode == c.NewCode || sameName(c.OldName, c.NewName)})
		}
	}
	var res []Merger
	for _, m := range out {
		if len(m.Parts) > 1 {
			res = append(res, *m)
		}
	}
	slices.SortStableFunc(res, func(a, b Merger) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Code, b.Code))
	})
	return res
}

// Merger returns the merger that made the municipality with number code
// in year y, if any: Asker's 3203 in 2024 finds Asker 2020.
func (r *Register) Merger(code string, y int) (Merger, bool) {
	h := r.History(code, y)
	for _, m := range r.Mergers() {
		for _, c := range h {
			if c.Code == m.Code && c.ValidIn(m.Year) {
				return m, true
			}
		}
	}
	return Merger{}, false
}

// Text describes the merger in bokmål for a series-break annotation:
// "Asker, Røyken og Hurum ble slått sammen til Asker kommune fra 2020."
func (m Merger) Text() string {
	list := m.partList()
	return fmt.Sprintf("%s ble slått sammen til %s kommune (%s) fra %d. Tall før %d gjelder den gamle kommunen; den tilbakeregnede serien summerer delene der alle har tall.",
		list, strings.TrimSuffix(m.Name, " kommune"), m.Code, m.Year, m.Year)
}

// partList names the parts in bokmål: "Asker (0220), Røyken (0627) og
// Hurum (0628)".
func (m Merger) partList() string {
	names := make([]string, len(m.Parts))
	for i, p := range m.Parts {
		names[i] = fmt.Sprintf("%s (%s)", p.Name, p.Code)
	}
	list := names[0]
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + " og " + names[n-1]
	}
	return list
}

// BackNote says in bokmål that a profile's years before the merger are
// the sum of the parts: "Asker før 2020: summen av Asker (0220), Røyken
// (0627) og Hurum (0628)."
func (m Merger) BackNote() string {
	return fmt.Sprintf("%s før %d: summen av %s (tilbakeregnet).", strings.TrimSuffix(m.Name, " kommune"), m.Year, m.partList())
}

// Annotations returns a series break at the merger year for each
// indicator of the merged municipality's entity.
func (m Merger) Annotations(entityID string, indicatorIDs []string) []*virk.Annotation {
	out := make([]*virk.Annotation, 0, len(indicatorIDs))
	for _, ind := range indicatorIDs {
		out = append(out, &virk.Annotation{
			Kind: virk.AnnotationBreak, IndicatorID: ind, EntityID: entityID,
			Period: virk.YearPeriod(m.Year), Text: "Kommunesammenslåing: " + m.Text(),
		})
	}
	return out
}
