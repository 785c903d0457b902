package kostra

import (
	"strings"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/peer"
)

// Years a group is expanded over when --years leaves an end open.
const (
	firstYear = 1990
	lastYear  = 2040
)

// GroupCodes returns the municipality numbers of a named peer group
// ("ASSS") that were valid for a member in some year from..to (0 for
// open ends), in the group's order, and whether the group is known. The
// members come from package peer (ASSS by year) and their numbers from
// its register of number changes (SSB's KLASS 131).
func GroupCodes(name string, from, to int) ([]string, bool) {
	if !strings.EqualFold(name, "ASSS") {
		return nil, false
	}
	if from == 0 {
		from = firstYear
	}
	if to == 0 {
		to = lastYear
	}
	group, reg := peer.ASSS(), peer.NewRegister(peer.KLASS131())
	var out []string
	seen := map[string]bool{}
	history := map[string][]virk.Code{}
	for y := from; y <= to; y++ {
		for _, ref := range group.Refs(y) {
			// A member is named by its newest number; its history
			// reaches back through every earlier one.
			h, ok := history[ref]
			if !ok {
				h = reg.History(ref, lastYear)
				history[ref] = h
			}
			for _, c := range h {
				if c.ValidIn(y) && !seen[c.Code] {
					seen[c.Code] = true
					out = append(out, c.Code)
				}
			}
		}
	}
	return out, true
}
