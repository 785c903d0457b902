package virk

import (
	"context"
	"fmt"
	"strings"
)

// Sources of stored peer groups. The source says what a group is, so that
// a program can pick "the entity's own KOSTRA group" among the stored
// ones; where a group came from in detail (a KLASS table, a file) is in
// its Note.
const (
	// PeerSourceKOSTRA marks SSB's KOSTRA groups (KLASS classification
	// 112), which put every municipality in exactly one group a year.
	PeerSourceKOSTRA = "kostra"
	// PeerSourceOwn marks the analyst's own groups, such as neighbours.
	PeerSourceOwn = "egen"
)

// reservedPeerGroupIDs are group names the user interfaces give a meaning
// of their own: the built-in ASSS network, the entity's own KOSTRA group,
// and a group typed into the comparison form.
var reservedPeerGroupIDs = []string{"asss", "kostra", "egen"}

// PeerGroup is a stored peer group: a KOSTRA group or the analyst's own
// selection, loaded once and then picked by ID in reports, on the command
// line and on the web.
type PeerGroup struct {
	ID      string // a slug: a–z, 0–9, - and _
	Name    string // shown in tables, e.g. "KOSTRA-gruppe 12"
	Source  string // PeerSourceKOSTRA or PeerSourceOwn
	Note    string // where the group comes from, e.g. SSB's label and KLASS table
	Members []PeerMember
}

// PeerMember is a group's member in a span of years. A municipality that
// moves between KOSTRA groups has a member in each, with the years.
type PeerMember struct {
	Ref  string // a municipality number such as "3201", or an entity ID
	From int    // first year of membership; 0 for open
	To   int    // last year; 0 for open
}

// In reports whether the membership covers year y.
func (m PeerMember) In(y int) bool {
	return (m.From == 0 || y >= m.From) && (m.To == 0 || y <= m.To)
}

// Validate checks a group on its own.
func (g *PeerGroup) Validate() error {
	if err := validateSlug(g.ID); err != nil {
		return Errorf(EINVALID, "sammenligningsgruppe: %v", err)
	}
	for _, r := range reservedPeerGroupIDs {
		if g.ID == r {
			return Errorf(EINVALID, "sammenligningsgruppe: navnet «%s» er reservert (asss, kostra og egen har egen betydning); velg en annen ID", g.ID)
		}
	}
	if strings.TrimSpace(g.Name) == "" {
		return Errorf(EINVALID, "sammenligningsgruppe %s: mangler navn", g.ID)
	}
	if g.Source != PeerSourceKOSTRA && g.Source != PeerSourceOwn {
		return Errorf(EINVALID, "sammenligningsgruppe %s: kilden «%s» er ukjent (forventet %s eller %s)",
			g.ID, g.Source, PeerSourceKOSTRA, PeerSourceOwn)
	}
	if len(g.Members) == 0 {
		return Errorf(EINVALID, "sammenligningsgruppe %s: har ingen medlemmer", g.ID)
	}
	for i, m := range g.Members {
		switch {
		case strings.TrimSpace(m.Ref) == "" || strings.ContainsAny(m.Ref, " \t\r\n,;"):
			return Errorf(EINVALID, "sammenligningsgruppe %s: medlem %d: «%s» er ikke et kommunenummer eller en enhets-ID", g.ID, i+1, m.Ref)
		case !validYear(m.From) || !validYear(m.To):
			return Errorf(EINVALID, "sammenligningsgruppe %s: medlem %s: årene %d–%d er ikke årstall (bruk 0 for åpent)", g.ID, m.Ref, m.From, m.To)
		case m.From != 0 && m.To != 0 && m.From > m.To:
			return Errorf(EINVALID, "sammenligningsgruppe %s: medlem %s: fra %d kommer etter til %d", g.ID, m.Ref, m.From, m.To)
		}
	}
	return nil
}

// validYear accepts 0 (open) and four-digit years.
func validYear(y int) bool { return y == 0 || y >= 1000 && y <= 9999 }

// validateSlug accepts 1–64 characters of a–z, 0–9, - and _, starting
// with a letter or digit: IDs that are safe in URLs and on command lines.
func validateSlug(id string) error {
	if id == "" || len(id) > 64 {
		return fmt.Errorf("ID «%s» må være 1–64 tegn lang", id)
	}
	for i, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || i > 0 && (r == '-' || r == '_')
		if !ok {
			return fmt.Errorf("ID «%s» kan bare ha små bokstaver a–z, sifre, - og _ og må begynne med bokstav eller siffer (fant %q)", id, r)
		}
	}
	return nil
}

// PeerGroupUpdate is one change of the stored peer groups. It is made as
// a whole or not at all, so that a new KOSTRA grouping that drops a group
// never leaves half of the old one behind.
type PeerGroupUpdate struct {
	// Put stores groups, each replacing the stored group with the same ID.
	Put []*PeerGroup
	// Delete removes the groups with these IDs; each must be stored.
	Delete []string
	// User is who makes the change, recorded on its batch.
	User string
}

// PeerGroupService stores peer groups.
type PeerGroupService interface {
	// FindPeerGroups returns the stored groups ordered by ID, with their
	// members in the order they were stored.
	FindPeerGroups(ctx context.Context) ([]*PeerGroup, error)
	// UpdatePeerGroups validates and applies upd in one transaction.
	// A change is recorded as a batch, so DataVersion changes with the
	// groups as with data, and the batch is returned; nothing is stored,
	// and the batch is nil, when every group put is the same as stored
	// and nothing is deleted. An unknown ID to delete is ENOTFOUND.
	UpdatePeerGroups(ctx context.Context, upd PeerGroupUpdate) (*Batch, error)
}
