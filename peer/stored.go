package peer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/virk-analyse/virk"
)

// OwnKOSTRAID is the group ID that means "the entity's own KOSTRA group",
// whichever stored KOSTRA group holds it in each year.
const OwnKOSTRAID = "kostra"

// FromStored returns the group a stored peer group describes.
func FromStored(g *virk.PeerGroup) *Group {
	return &Group{ID: g.ID, Name: g.Name, Members: slices.Clone(g.Members)}
}

// ToStored returns g as a peer group to store, with the given source
// (virk.PeerSourceKOSTRA or virk.PeerSourceOwn) and note. The ID is
// lower-cased, as stored IDs are, since the command line and group
// files find groups regardless of case.
func ToStored(g *Group, source, note string) *virk.PeerGroup {
	return &virk.PeerGroup{ID: strings.ToLower(g.ID), Name: g.Name, Source: source, Note: note,
		Members: slices.Clone(g.Members)}
}

// FindStored returns the stored group whose ID is id, ignoring case, or
// nil.
func FindStored(stored []*virk.PeerGroup, id string) *Group {
	for _, g := range stored {
		if strings.EqualFold(g.ID, id) {
			return FromStored(g)
		}
	}
	return nil
}

// OwnKOSTRA returns ent's own KOSTRA group as one Group whose members
// change with the years: in each year, the members of the stored KOSTRA
// group (source virk.PeerSourceKOSTRA) that holds ent that year. A
// municipality that SSB moves from group 11 to group 12 is thus compared
// with group 11 in the years before and group 12 after. ent is found in a
// group by its ID or any number of its history.
//
// The name is that of the group of year y; for y = 0 it is that of the
// one group ent has been in, or "KOSTRA-gruppen" if there were several.
// It is an error if no stored KOSTRA group holds ent (in year y, when y is
// not 0), or if two hold it in the same year.
func OwnKOSTRA(stored []*virk.PeerGroup, ent *virk.Entity, y int) (*Group, error) {
	type span struct {
		g        *virk.PeerGroup
		from, to int
	}
	var spans []span
	for _, g := range stored {
		if g.Source != virk.PeerSourceKOSTRA {
			continue
		}
		for _, m := range g.Members {
			if names(ent, m.Ref) {
				spans = append(spans, span{g, m.From, m.To})
			}
		}
	}
	if len(spans) == 0 {
		return nil, virk.Errorf(virk.ENOTFOUND, "ingen lagret KOSTRA-gruppe har med %s; hent gruppene med «virk kostra groups»", ent.Name)
	}
	for i, a := range spans {
		for _, b := range spans[i+1:] {
			if a.g == b.g {
				continue
			}
			if from, to, ok := intersect(a.from, a.to, b.from, b.to); ok {
				return nil, virk.Errorf(virk.EINVALID, "%s er med i både %s (%s) og %s (%s) i %s; rett årene med «virk kostra groups --from … --to …»",
					ent.Name, a.g.ID, a.g.Name, b.g.ID, b.g.Name, YearsText(from, to))
			}
		}
	}
	out := &Group{ID: OwnKOSTRAID}
	seen := map[string]bool{}
	for _, s := range spans {
		seen[s.g.Name] = true
		if y != 0 && (s.from == 0 || y >= s.from) && (s.to == 0 || y <= s.to) {
			out.Name = s.g.Name
		}
		for _, m := range s.g.Members {
			if from, to, ok := intersect(m.From, m.To, s.from, s.to); ok {
				out.Members = append(out.Members, Member{Ref: m.Ref, From: from, To: to})
			}
		}
	}
	switch {
	case y != 0 && out.Name == "":
		return nil, virk.Errorf(virk.ENOTFOUND, "%s er ikke med i noen lagret KOSTRA-gruppe i %d; hent grupperingen for året med «virk kostra groups»", ent.Name, y)
	case out.Name == "" && len(seen) == 1:
		out.Name = spans[0].g.Name
	case out.Name == "":
		out.Name = "KOSTRA-gruppen"
	}
	return out, nil
}

// names reports whether ref is ent's ID or one of its numbers.
func names(ent *virk.Entity, ref string) bool {
	if ref == ent.ID {
		return true
	}
	for _, c := range ent.Codes {
		if c.Code == ref {
			return true
		}
	}
	return false
}

// intersect returns the years two spans share; 0 is open at either end.
func intersect(f1, t1, f2, t2 int) (from, to int, ok bool) {
	from, to = max(f1, f2), t1
	if t1 == 0 || (t2 != 0 && t2 < t1) {
		to = t2
	}
	return from, to, from == 0 || to == 0 || from <= to
}

// YearsText writes a span of years for people: "2020–2023", "2024–",
// "–2019", or "alle år" when both ends are open.
func YearsText(from, to int) string {
	switch {
	case from == 0 && to == 0:
		return "alle år"
	case from == to:
		return fmt.Sprint(from)
	case to == 0:
		return fmt.Sprintf("%d–", from)
	case from == 0:
		return fmt.Sprintf("–%d", to)
	}
	return fmt.Sprintf("%d–%d", from, to)
}
