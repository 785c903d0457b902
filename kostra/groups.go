package kostra

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/virk-analyse/virk"
)

// KOSTRAGroups turns a correspondence table from SSB's KOSTRA groups
// (classification 112) to municipalities (classification 131) into peer
// groups valid from year from to year to (0 for open). The table itself
// carries no years a program can trust, so the caller gives them: the
// years the grouping is used for.
//
// A group's ID is SSB's code in lower case ("EKG12" → "ekg12"), so that the
// same group from a later grouping continues it; its name is
// "KOSTRA-gruppe 12", as SSB labels the group in its statistics tables,
// and its note holds SSB's label from the table and where the table was
// read. Groups come out ordered by ID, members in the table's order.
//
// Every source code must be a KOSTRA group code (EKGnn) and every
// target a four-digit municipality number in one group only; anything
// else means the table is not the one asked for.
func KOSTRAGroups(c *Correspondence, from, to int) ([]*virk.PeerGroup, error) {
	if from < 1000 || from > 9999 || to != 0 && (to < from || to > 9999) {
		return nil, virk.Errorf(virk.EINVALID, "årene %s passer ikke: oppgi første år grupperingen gjelder, og eventuelt siste (fra ≤ til)", yearSpan(from, to))
	}
	var groups []*virk.PeerGroup
	byID := map[string]*virk.PeerGroup{}
	in := map[string]string{} // municipality → group code
	for i, m := range c.Maps {
		code := strings.ToUpper(strings.TrimSpace(m.SourceCode))
		digits, ok := strings.CutPrefix(code, "EKG")
		n, err := strconv.Atoi(digits)
		if !ok || err != nil || n < 1 || n > 99 {
			return nil, virk.Errorf(virk.EINVALID, "%s: kobling %d: «%s» er ikke koden til en KOSTRA-gruppe (EKGnn); er tabellen en korrespondanse fra klassifikasjon 112 til 131?",
				c.Origin, i+1, m.SourceCode)
		}
		ref := strings.TrimSpace(m.TargetCode)
		if len(ref) != 4 || strings.Trim(ref, "0123456789") != "" {
			return nil, virk.Errorf(virk.EINVALID, "%s: kobling %d: «%s» er ikke et kommunenummer (fire sifre)", c.Origin, i+1, m.TargetCode)
		}
		id := fmt.Sprintf("ekg%02d", n)
		if prev, ok := in[ref]; ok && prev != id {
			return nil, virk.Errorf(virk.EINVALID, "%s: kommune %s (%s) står i både %s og %s; en kommune hører til én KOSTRA-gruppe",
				c.Origin, ref, m.TargetName, strings.ToUpper(prev), strings.ToUpper(id))
		} else if ok {
			continue
		}
		in[ref] = id
		g := byID[id]
		if g == nil {
			g = &virk.PeerGroup{ID: id, Name: fmt.Sprintf("KOSTRA-gruppe %d", n), Source: virk.PeerSourceKOSTRA,
				Note: groupNote(m.SourceName, c)}
			byID[id] = g
			groups = append(groups, g)
		}
		g.Members = append(g.Members, virk.PeerMember{Ref: ref, From: from, To: to})
	}
	slices.SortFunc(groups, func(a, b *virk.PeerGroup) int { return strings.Compare(a.ID, b.ID) })
	return groups, nil
}

// groupNote is SSB's label of a group and where it was read.
func groupNote(label string, c *Correspondence) string {
	src := "SSB, " + c.Origin
	if c.Name != "" {
		src += " (" + c.Name + ")"
	}
	if label = strings.TrimSpace(label); label == "" {
		return src
	}
	return label + " — " + src
}

// MergeKOSTRA returns the change that puts fresh KOSTRA groups, valid in
// the years from–to, among the stored groups without losing other years:
// each stored KOSTRA group keeps its members outside from–to and gets the
// fresh members of its code, and a stored KOSTRA group that the fresh
// grouping lacks and that has no years left is deleted. Loading the 2020
// grouping for 2020–2023 and the 2024 grouping from 2024 thus gives each
// group both spans. Own groups are left alone.
func MergeKOSTRA(stored, fresh []*virk.PeerGroup, from, to int) virk.PeerGroupUpdate {
	var upd virk.PeerGroupUpdate
	kept := map[string][]virk.PeerMember{}
	for _, g := range stored {
		if g.Source != virk.PeerSourceKOSTRA {
			continue
		}
		var ms []virk.PeerMember
		for _, m := range g.Members {
			ms = append(ms, outside(m, from, to)...)
		}
		kept[g.ID] = ms
	}
	freshIDs := map[string]bool{}
	for _, g := range fresh {
		freshIDs[g.ID] = true
		out := *g
		out.Members = append(slices.Clone(kept[g.ID]), g.Members...)
		upd.Put = append(upd.Put, &out)
	}
	for _, g := range stored {
		ms, ok := kept[g.ID]
		if !ok || freshIDs[g.ID] {
			continue
		}
		switch {
		case len(ms) == 0:
			upd.Delete = append(upd.Delete, g.ID)
		case !slices.Equal(ms, g.Members):
			out := *g
			out.Members = ms
			upd.Put = append(upd.Put, &out)
		}
	}
	return upd
}

// outside returns the parts of m's years that lie outside from–to (0 for
// open): none, one or two members.
func outside(m virk.PeerMember, from, to int) []virk.PeerMember {
	var out []virk.PeerMember
	if m.From == 0 || m.From < from {
		end := from - 1
		if m.To != 0 && m.To < end {
			end = m.To
		}
		out = append(out, virk.PeerMember{Ref: m.Ref, From: m.From, To: end})
	}
	if to != 0 && (m.To == 0 || m.To > to) {
		out = append(out, virk.PeerMember{Ref: m.Ref, From: max(m.From, to+1), To: m.To})
	}
	return out
}

// yearSpan writes the years a user gave.
func yearSpan(from, to int) string {
	if to == 0 {
		return fmt.Sprintf("%d–", from)
	}
	return fmt.Sprintf("%d–%d", from, to)
}
