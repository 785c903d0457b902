package virk

import (
	"slices"
	"strings"
)

// Viewer is who looks at figures: a user with roles, or the public. It
// answers the two questions every page, download and report block asks:
// may the viewer use this part of virk (Has), and may it see this
// personnel figure (SeesPersonnel).
type Viewer struct {
	User *User // nil for the public
	// allPersonnel is set for hr: every unit's personnel figures.
	allPersonnel bool
	// personnel holds the units whose personnel figures a leder sees:
	// the units of the grants and every unit below them.
	personnel map[string]bool
	key       string
}

// PublicViewer is someone not logged in.
func PublicViewer() *Viewer { return &Viewer{key: string(RolePublic)} }

// NewViewer returns the viewer for u, with the leder grants' units
// expanded through cat's unit tree. A disabled user is the public.
func NewViewer(u *User, cat *Catalogue) *Viewer {
	if u == nil || u.Disabled {
		return PublicViewer()
	}
	v := &Viewer{User: u, personnel: map[string]bool{}}
	var roles []string
	for _, g := range u.Grants {
		if !slices.Contains(roles, string(g.Role)) {
			roles = append(roles, string(g.Role))
		}
		switch g.Role {
		case RoleHR:
			v.allPersonnel = true
		case RoleLeader:
			for _, unit := range g.Units {
				for _, e := range cat.Subtree(unit) {
					v.personnel[e.ID] = true
				}
			}
		}
	}
	slices.Sort(roles)
	scope := "-"
	if v.allPersonnel {
		scope = "*"
	} else if len(v.personnel) > 0 {
		units := make([]string, 0, len(v.personnel))
		for id := range v.personnel {
			units = append(units, id)
		}
		slices.Sort(units)
		scope = strings.Join(units, ",")
	}
	v.key = strings.Join(roles, "+") + " " + scope
	return v
}

// Has reports whether the viewer holds role r; everyone holds
// RolePublic.
func (v *Viewer) Has(r Role) bool {
	if r == RolePublic {
		return true
	}
	return v.User.Has(r)
}

// LoggedIn reports whether the viewer is a user.
func (v *Viewer) LoggedIn() bool { return v.User != nil }

// ReadsFigures reports whether the viewer may read the figures that are
// not personnel data: every role but the public.
func (v *Viewer) ReadsFigures() bool {
	return v.User != nil && !v.User.Disabled && len(v.User.Grants) > 0
}

// SeesPersonnel reports whether the viewer may see the personnel figures
// of entity id.
func (v *Viewer) SeesPersonnel(id string) bool {
	return v.allPersonnel || v.personnel[id]
}

// InScope reports whether entity id is among the units of the viewer's
// leder grants, or below one.
func (v *Viewer) InScope(id string) bool { return v.personnel[id] }

// Sees reports whether the viewer may see ind's figures for entity id:
// always for figures that are not personnel data.
func (v *Viewer) Sees(ind *Indicator, id string) bool {
	return ind == nil || !ind.Personnel || v.SeesPersonnel(id)
}

// Key identifies what the viewer may see: two viewers with the same key
// are shown the same figures, so a page rendered for one may be served
// to the other.
func (v *Viewer) Key() string { return v.key }
