package idp_test

import (
	"reflect"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/idp"
)

func TestParseRoleMap(t *testing.T) {
	const (
		form    = "forventet GRUPPE=ROLLE, f.eks. virk-analytiker=analytiker"
		unknown = "(kjente roller: leser, leder, analytiker, hr, administrator)"
	)
	tests := []struct {
		name string
		in   string
		want map[string][]virk.Grant
		msg  string // the EINVALID message; "" means no error
	}{
		{"OK example", "a1b2-group-id=leder:osu,digit;virk-analytiker=analytiker;virk-admin=administrator",
			map[string][]virk.Grant{
				"a1b2-group-id":   {{Role: virk.RoleLeader, Units: []string{"osu", "digit"}}},
				"virk-analytiker": {{Role: virk.RoleAnalyst}},
				"virk-admin":      {{Role: virk.RoleAdmin}},
			}, ""},
		{"OK spaces, several grants and empty entries", " a1b2 = leder:osu , digit ; virk-admin=administrator|LESER;;",
			map[string][]virk.Grant{
				"a1b2":       {{Role: virk.RoleLeader, Units: []string{"osu", "digit"}}},
				"virk-admin": {{Role: virk.RoleAdmin}, {Role: virk.RoleReader}},
			}, ""},
		{"OK the same value twice adds up", "g=leser;g=hr",
			map[string][]virk.Grant{"g": {{Role: virk.RoleReader}, {Role: virk.RoleHR}}}, ""},
		{"OK empty", "", map[string][]virk.Grant{}, ""},
		{"ErrInvalid no =", "gruppe", nil, "rollekobling «gruppe»: " + form},
		{"ErrInvalid no value", "=leser", nil, "rollekobling «=leser»: " + form},
		{"ErrInvalid no role", "g=", nil, "rollekobling «g=»: " + form},
		{"ErrInvalid unknown role", "g=sjef", nil, "rollekobling «g=sjef»: ukjent rolle «sjef» " + unknown},
		{"ErrInvalid leder without units", "g=leder", nil, "rollekobling «g=leder»: rollen leder må gjelde minst én enhet (for eksempel leder:osu)"},
		{"ErrInvalid empty grant", "g=leser|", nil, "rollekobling «g=leser|»: ukjent rolle «» " + unknown},
		{"ErrInvalid names the bad entry", "g=leser;h=admin", nil, "rollekobling «h=admin»: ukjent rolle «admin» " + unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := idp.ParseRoleMap(tt.in)
			if tt.msg != "" {
				if virk.ErrorCode(err) != virk.EINVALID || virk.ErrorMessage(err) != tt.msg || m != nil {
					t.Errorf("ParseRoleMap(%q) = %v, %v; want EINVALID %q", tt.in, m, err, tt.msg)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(m, tt.want) {
				t.Errorf("ParseRoleMap(%q) = %v, %v; want %v", tt.in, m, err, tt.want)
			}
		})
	}
}

func TestSafeReturn(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"OK path with query", "/ok?x=1", "/ok?x=1"},
		{"OK page", "/enhet/osu?lang=en#figur", "/enhet/osu?lang=en#figur"},
		{"OK root", "/", "/"},
		{"OK backslash later", "/a\\b", "/a\\b"},
		{"empty", "", "/"},
		{"scheme-relative", "//evil.example", "/"},
		{"scheme-relative with path", "//evil.example/logginn", "/"},
		{"backslash as slash", "/\\evil", "/"},
		{"absolute", "https://evil", "/"},
		{"javascript", "javascript:alert(1)", "/"},
		{"relative", "enhet", "/"},
		{"tab the browser drops", "/\t/evil.example", "/"},
		{"header injection", "/ok\r\nSet-Cookie: x=1", "/"},
		{"DEL", "/ok\x7f", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := idp.SafeReturn(tt.in); got != tt.want {
				t.Errorf("SafeReturn(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
