package idp

import (
	"strings"

	"github.com/virk-analyse/virk"
)

// ParseRoleMap reads the mapping from the provider's groups or app roles
// to virk's roles: entries separated by ";", each "VALUE=GRANT[|GRANT…]"
// with grants as virk.ParseGrant reads them, e.g.
// "1f0c…=leder:osu,digit;virk-analytiker=analytiker|hr".
func ParseRoleMap(s string) (map[string][]virk.Grant, error) {
	m := map[string][]virk.Grant{}
	for _, entry := range strings.Split(s, ";") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		value, grants, ok := strings.Cut(entry, "=")
		value = strings.TrimSpace(value)
		if !ok || value == "" || strings.TrimSpace(grants) == "" {
			return nil, virk.Errorf(virk.EINVALID, "rollekobling «%s»: forventet GRUPPE=ROLLE, f.eks. virk-analytiker=analytiker", entry)
		}
		for _, g := range strings.Split(grants, "|") {
			grant, err := virk.ParseGrant(g)
			if err != nil {
				return nil, virk.Errorf(virk.EINVALID, "rollekobling «%s»: %s", entry, virk.ErrorMessage(err))
			}
			m[value] = append(m[value], grant)
		}
	}
	return m, nil
}

// grantsFor returns the grants the groups give, in the order of the
// groups; a role given twice is held once, with the units of both.
func grantsFor(m map[string][]virk.Grant, groups []string) []virk.Grant {
	var out []virk.Grant
	for _, grp := range groups {
		out = virk.MergeGrants(out, m[grp])
	}
	return out
}

// SafeReturn returns s when it is a path on this server, and "/" for
// anything else, so that the page after a login can never be another
// site: "//host", "/\host" and "https://host" all give "/".
func SafeReturn(s string) string {
	if s == "" || s[0] != '/' || len(s) > 1 && (s[1] == '/' || s[1] == '\\') {
		return "/"
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return "/"
		}
	}
	return s
}
