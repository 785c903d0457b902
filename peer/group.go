package peer

import (
	"slices"

	"github.com/virk-analyse/virk"
)

// Member is a municipality's membership of a group: its number (or an
// entity ID) and the years it belongs, as stored (virk.PeerMember). A
// member named by a number that changed keeps one Member per number, each
// with its years, or one Member with the newest number, which Index
// resolves through the code history.
type Member = virk.PeerMember

// Stored names entities that hold a group's published figures (average,
// lowest, highest), such as ASSS's own tables. A profile falls back on them
// for years in which too few members have values of their own.
type Stored struct {
	Mean, Min, Max string
}

// Group is a peer group: ASSS, a KOSTRA group, or a user's own selection
// such as the neighbours.
type Group struct {
	ID      string
	Name    string
	Members []Member
	Stored  *Stored
}

// Refs returns the member references of year y, in the group's order.
func (g *Group) Refs(y int) []string {
	var out []string
	for _, m := range g.Members {
		if m.In(y) && !slices.Contains(out, m.Ref) {
			out = append(out, m.Ref)
		}
	}
	return out
}

// MemberIDs returns the entity IDs of the members in year y, resolved
// through idx, and the references idx does not know.
func (g *Group) MemberIDs(y int, idx *Index) (ids, missing []string) {
	for _, ref := range g.Refs(y) {
		id := idx.Resolve(ref, y)
		switch {
		case id == "":
			missing = append(missing, ref)
		case !slices.Contains(ids, id):
			ids = append(ids, id)
		}
	}
	return ids, missing
}

// ASSS returns the ASSS network (Aggregerte StyringsSystemer for de
// største kommunene): ten municipalities, joined by Asker and Lillestrøm
// from 2022. Members are named by their newest number; Index resolves the
// older ones through the code history (Bergen was 1201 before 2020). The
// published averages are looked for in the entities asss_snitt,
// asss_lavest and asss_hoyest.
func ASSS() *Group {
	return &Group{
		ID:   "asss",
		Name: "ASSS",
		Members: []Member{
			{Ref: "4601"},                     // Bergen
			{Ref: "3201"},                     // Bærum
			{Ref: "3301"},                     // Drammen
			{Ref: "3107"},                     // Fredrikstad
			{Ref: "4204"},                     // Kristiansand
			{Ref: "0301"},                     // Oslo
			{Ref: "1108"},                     // Sandnes
			{Ref: "1103"},                     // Stavanger
			{Ref: "5001"},                     // Trondheim
			{Ref: "5501"},                     // Tromsø
			{Ref: "3203", From: ASSSExpanded}, // Asker
			{Ref: "3205", From: ASSSExpanded}, // Lillestrøm
		},
		Stored: &Stored{Mean: "asss_snitt", Min: "asss_lavest", Max: "asss_hoyest"},
	}
}

// ASSSExpanded is the first year in which Asker and Lillestrøm are ASSS
// members.
const ASSSExpanded = 2022

// Index resolves member references — entity IDs or municipality numbers of
// any year — to entities.
type Index struct {
	ids   map[string]*virk.Entity
	codes map[string][]*virk.Entity
}

// NewIndex indexes entities by ID and by every code in their history.
func NewIndex(ents []*virk.Entity) *Index {
	x := &Index{ids: make(map[string]*virk.Entity, len(ents)), codes: map[string][]*virk.Entity{}}
	for _, e := range ents {
		x.ids[e.ID] = e
		for _, c := range e.Codes {
			if !slices.Contains(x.codes[c.Code], e) {
				x.codes[c.Code] = append(x.codes[c.Code], e)
			}
		}
	}
	return x
}

// Entity returns the entity with the ID, or nil.
func (x *Index) Entity(id string) *virk.Entity { return x.ids[id] }

// Resolve returns the ID of the entity that ref names in year y: an entity
// ID, or a municipality number of that entity's history. A number is one
// municipality's for good, so a member named by its newest number (3201)
// is also found in years it had another (0219 in 2017). When two entities
// held the number, the one that held it in y wins. It returns "" when
// nothing matches.
func (x *Index) Resolve(ref string, y int) string {
	if e := x.ids[ref]; e != nil {
		return e.ID
	}
	cands := x.codes[ref]
	if len(cands) == 1 {
		return cands[0].ID
	}
	for _, e := range cands {
		for _, c := range e.Codes {
			if c.Code == ref && c.ValidIn(y) {
				return e.ID
			}
		}
	}
	return ""
}
