package ingest

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/virk-analyse/virk"
)

// Catalogue holds the indicators and entities that data files may name:
// those already stored and those defined by catalogue files of the same
// import. It resolves the names found in files to them.
//
// A Catalogue is not safe for concurrent use.
type Catalogue struct {
	inds  map[string]*indEntry
	ents  map[string]*entEntry
	nInd  int32
	nEnt  int32
	codes map[string][]*entEntry // official code → entities; nil when stale
}

type indEntry struct {
	ind *virk.Indicator
	idx int32 // dense number, for compact keys
}

type entEntry struct {
	ent *virk.Entity
	idx int32
}

// NewCatalogue returns a catalogue of the given indicators and entities,
// typically the stored ones.
func NewCatalogue(inds []*virk.Indicator, ents []*virk.Entity) *Catalogue {
	c := &Catalogue{
		inds: make(map[string]*indEntry, len(inds)),
		ents: make(map[string]*entEntry, len(ents)),
	}
	for _, ind := range inds {
		c.AddIndicator(ind)
	}
	for _, e := range ents {
		c.AddEntity(e)
	}
	return c
}

// AddIndicator adds an indicator, replacing one with the same ID.
func (c *Catalogue) AddIndicator(ind *virk.Indicator) {
	if e, ok := c.inds[ind.ID]; ok {
		e.ind = ind
		return
	}
	c.inds[ind.ID] = &indEntry{ind: ind, idx: c.nInd}
	c.nInd++
}

// AddEntity adds an entity, replacing one with the same ID.
func (c *Catalogue) AddEntity(ent *virk.Entity) {
	c.codes = nil
	if e, ok := c.ents[ent.ID]; ok {
		e.ent = ent
		return
	}
	c.ents[ent.ID] = &entEntry{ent: ent, idx: c.nEnt}
	c.nEnt++
}

// Indicator returns the indicator with the ID, or nil.
func (c *Catalogue) Indicator(id string) *virk.Indicator {
	if e := c.inds[id]; e != nil {
		return e.ind
	}
	return nil
}

// Entity returns the entity with the ID, or nil.
func (c *Catalogue) Entity(id string) *virk.Entity {
	if e := c.ents[id]; e != nil {
		return e.ent
	}
	return nil
}

// ResolveIndicator returns the indicator that a file names by ID. The error
// wraps ErrUnknownIndicator.
func (c *Catalogue) ResolveIndicator(ref string) (*virk.Indicator, error) {
	e, err := c.resolveIndicator(ref)
	if err != nil {
		return nil, err
	}
	return e.ind, nil
}

// ResolveEntity returns the entity that a file names by its ID or by an
// official code such as a municipality number. A code is resolved to the
// entity whose code history holds it, preferring the one that had the code
// in year: Bærum is 0219 in 2018, 3024 in 2021 and 3201 in 2025. A code of
// three digits is also tried with a leading zero, as spreadsheets drop it
// (219 for 0219). The error wraps ErrUnknownEntity.
func (c *Catalogue) ResolveEntity(ref string, year int) (*virk.Entity, error) {
	e, err := c.resolveEntity(ref, year)
	if err != nil {
		return nil, err
	}
	return e.ent, nil
}

func (c *Catalogue) resolveIndicator(ref string) (*indEntry, error) {
	if e := c.inds[ref]; e != nil {
		return e, nil
	}
	return nil, errorf(ErrUnknownIndicator,
		"ukjent indikator %s: den må finnes i katalogen eller i en katalogfil i samme import%s",
		quote(ref), suggest(ref, c.inds))
}

func (c *Catalogue) resolveEntity(ref string, year int) (*entEntry, error) {
	if e := c.ents[ref]; e != nil {
		return e, nil
	}
	return c.resolveCode(ref, year)
}

// resolveCode finds the entity that had the official number ref in year,
// allowing for a dropped leading zero.
func (c *Catalogue) resolveCode(ref string, year int) (*entEntry, error) {
	if c.codes == nil {
		c.indexCodes()
	}
	cands := c.codes[ref]
	if cands == nil && len(ref) == 3 && isDigits(ref) {
		cands = c.codes["0"+ref]
	}
	switch len(cands) {
	case 0:
		return nil, errorf(ErrUnknownEntity,
			"ukjent enhet %s: den må finnes i katalogen eller i en katalogfil i samme import, med ID eller nummer%s",
			quote(ref), suggest(ref, c.ents))
	case 1:
		return cands[0], nil
	}
	var found *entEntry
	for _, e := range cands {
		for _, code := range e.ent.Codes {
			if codeMatches(code.Code, ref) && code.ValidIn(year) {
				if found != nil && found != e {
					return nil, ambiguous(ref, year, cands)
				}
				found = e
			}
		}
	}
	if found == nil {
		return nil, ambiguous(ref, year, cands)
	}
	return found, nil
}

// codeMatches reports whether a stored code is the one a file wrote,
// allowing for a dropped leading zero.
func codeMatches(code, ref string) bool {
	return code == ref || len(ref) == 3 && code == "0"+ref
}

func ambiguous(ref string, year int, cands []*entEntry) error {
	ids := make([]string, len(cands))
	for i, e := range cands {
		ids[i] = quote(e.ent.ID)
	}
	return errorf(ErrUnknownEntity, "nummeret %s passer til flere enheter i %d: %s (rett nummerhistorikken i katalogen)",
		quote(ref), year, strings.Join(ids, ", "))
}

// indexCodes builds the map from official codes to entities.
func (c *Catalogue) indexCodes() {
	c.codes = map[string][]*entEntry{}
	for _, e := range c.ents {
		for _, code := range e.ent.Codes {
			if l := c.codes[code.Code]; !slices.Contains(l, e) {
				c.codes[code.Code] = append(l, e)
			}
		}
	}
	// Map order is random; sort so that messages are stable.
	for _, l := range c.codes {
		slices.SortFunc(l, func(a, b *entEntry) int { return strings.Compare(a.ent.ID, b.ent.ID) })
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// suggest returns " (mente du «x»?)" when an ID is close to ref: equal but
// for case, or within two typing errors for a long enough ref.
func suggest[T any](ref string, ids map[string]T) string {
	best, bestD := "", 3
	lower := strings.ToLower(ref)
	for id := range ids {
		d := 0
		if strings.ToLower(id) != lower {
			d = distance(lower, strings.ToLower(id), bestD+1)
		}
		if d < bestD || d == bestD && id < best {
			best, bestD = id, d
		}
	}
	if !closeEnough(ref, bestD) {
		return ""
	}
	return " (mente du " + quote(best) + "?)"
}

// closeEnough reports whether a distance d from ref is small enough to suggest:
// at most two edits, and fewer than half the length of ref, so that short
// names get no far-fetched suggestions.
func closeEnough(ref string, d int) bool {
	return d <= 2 && 2*d < utf8.RuneCountInString(ref)
}

// distance is the optimal string alignment distance of a and b in runes:
// insertions, deletions, substitutions and swaps of neighbours count one.
// It returns limit as soon as it is certain to reach it.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 100 || len(rb) > 100 {
		return limit
	}
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit)
}
