package virk

import (
	"slices"
	"strings"
)

// Role is what a user may do in virk. A user holds one or more roles, each
// in a Grant that may limit it to units of the organisation.
type Role string

// Roles, in Norwegian as the municipality's users name them.
const (
	// RolePublic is everyone, logged in or not: the published report and
	// the pages the administrator has made public.
	RolePublic Role = "publikum"
	// RoleReader reads every figure that is not personnel data.
	RoleReader Role = "leser"
	// RoleLeader reads as RoleReader, plus personnel figures of the units
	// in the grant and every unit below them.
	RoleLeader Role = "leder"
	// RoleAnalyst imports data and keeps the catalogue, reports and peer
	// groups; reads as RoleReader.
	RoleAnalyst Role = "analytiker"
	// RoleHR imports personnel data and reads every personnel figure.
	RoleHR Role = "hr"
	// RoleAdmin manages users, roles and settings and reads the audit log.
	RoleAdmin Role = "administrator"
)

// Roles lists the roles a user can be granted, from least to most.
func Roles() []Role {
	return []Role{RoleReader, RoleLeader, RoleAnalyst, RoleHR, RoleAdmin}
}

// ParseRole returns the role named s (case does not matter), or EINVALID.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Roles() {
		if r == known {
			return r, nil
		}
	}
	return "", Errorf(EINVALID, "ukjent rolle «%s» (kjente roller: leser, leder, analytiker, hr, administrator)", s)
}

// Grant is one role held by a user. Units limits the personnel figures a
// leder sees to those units and the units below them; it is required for
// RoleLeader and ignored for the other roles, whose figures are not tied
// to units.
type Grant struct {
	Role  Role
	Units []string // entity IDs
}

// Validate checks the grant on its own; whether its units exist is for
// the store to check.
func (g Grant) Validate() error {
	if _, err := ParseRole(string(g.Role)); err != nil {
		return err
	}
	if g.Role == RoleLeader && len(g.Units) == 0 {
		return Errorf(EINVALID, "rollen leder må gjelde minst én enhet (for eksempel leder:osu)")
	}
	for _, u := range g.Units {
		if err := ValidateID(u); err != nil {
			return Errorf(EINVALID, "rolle %s: %v", g.Role, err)
		}
	}
	return nil
}

// String writes the grant as "leder:osu,digit" or "analytiker", the form
// ParseGrant reads.
func (g Grant) String() string {
	if len(g.Units) == 0 {
		return string(g.Role)
	}
	return string(g.Role) + ":" + strings.Join(g.Units, ",")
}

// ParseGrant reads "role" or "role:unit,unit".
func ParseGrant(s string) (Grant, error) {
	name, units, _ := strings.Cut(strings.TrimSpace(s), ":")
	r, err := ParseRole(name)
	if err != nil {
		return Grant{}, err
	}
	g := Grant{Role: r}
	for _, u := range strings.Split(units, ",") {
		if u = strings.TrimSpace(u); u != "" {
			g.Units = append(g.Units, u)
		}
	}
	return g, g.Validate()
}

// FormatGrants writes grants as "leder:osu,digit; analytiker", the form
// ParseGrants reads; "" for none.
func FormatGrants(gs []Grant) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = g.String()
	}
	return strings.Join(parts, "; ")
}

// ParseGrants reads grants separated by semicolons or new lines, as
// FormatGrants writes them; empty parts are skipped.
func ParseGrants(s string) ([]Grant, error) {
	var out []Grant
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		g, err := ParseGrant(part)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// MergeGrants returns gs with add added: a role already held keeps one
// grant, which gains the new units in order. Neither input is changed.
func MergeGrants(gs, add []Grant) []Grant {
	out := make([]Grant, len(gs))
	for i, g := range gs {
		out[i] = Grant{Role: g.Role, Units: slices.Clone(g.Units)}
	}
	for _, a := range add {
		i := slices.IndexFunc(out, func(g Grant) bool { return g.Role == a.Role })
		if i < 0 {
			out = append(out, Grant{Role: a.Role, Units: slices.Clone(a.Units)})
			continue
		}
		for _, u := range a.Units {
			if !slices.Contains(out[i].Units, u) {
				out[i].Units = append(out[i].Units, u)
			}
		}
	}
	return out
}
