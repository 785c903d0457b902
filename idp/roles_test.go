package idp_test

import (
	"reflect"
	"testing"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/idp"
)

func TestParseRoleMap(t *testing.T) {
	m, err := idp.ParseRoleMap(" a1b2=leder:osu,digit ; virk-admin=administrator|leser;;")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]virk.Grant{
		"a1b2":       {{Role: virk.RoleLeader, Units: []string{"osu", "digit"}}},
		"virk-admin": {{Role: virk.RoleAdmin}, {Role: virk.RoleReader}},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got %v, want %v", m, want)
	}
	for in, msg := range map[string]string{
		"gruppe":          "rollekobling «gruppe»: forventet GRUPPE=ROLLE, f.eks. virk-analytiker=analytiker",
		"=leser":          "rollekobling «=leser»: forventet GRUPPE=ROLLE, f.eks. virk-analytiker=analytiker",
		"g=sjef":          "rollekobling «g=sjef»: ukjent rolle «sjef» (kjente roller: leser, leder, analytiker, hr, administrator)",
		"g=leder":         "rollekobling «g=leder»: rollen leder må gjelde minst én enhet (for eksempel leder:osu)",
		"g=leser;h=admin": "rollekobling «h=admin»: ukjent rolle «admin» (kjente roller: leser, leder, analytiker, hr, administrator)",
	} {
		if _, err := idp.ParseRoleMap(in); virk.ErrorMessage(err) != msg {
			t.Errorf("ParseRoleMap(%q): %q, want %q", in, virk.ErrorMessage(err), msg)
		}
	}
}

func TestSafeReturn(t *testing.T) {
	for in, want := range map[string]string{
		"/enhet/osu?lang=en":   "/enhet/osu?lang=en",
		"/":                    "/",
		"":                     "/",
		"//ondt.example/":      "/",
		"/\\ondt.example":      "/",
		"https://ondt.example": "/",
		"javascript:alert(1)":  "/",
		"/ok\r\nSet-Cookie: x": "/",
		"enhet":                "/",
	} {
		if got := idp.SafeReturn(in); got != want {
			t.Errorf("SafeReturn(%q) = %q, want %q", in, got, want)
		}
	}
}
