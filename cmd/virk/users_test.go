package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/virk-analyse/virk"
	"github.com/virk-analyse/virk/auth"
)

// virkCmdIn runs the command as virkCmd does, with stdin as its standard
// input.
func virkCmdIn(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

// mustOpen opens the test's database to look at what a command stored.
func mustOpen(t *testing.T, db string) virk.Store {
	t.Helper()
	st, err := openStore(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func mustUser(t *testing.T, st virk.Store, login string) *virk.User {
	t.Helper()
	u, err := st.FindUserByLogin(context.Background(), login)
	if err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return u
}

// TestUsers adds users, changes their roles and lists them, with the
// exact lines a user reads.
func TestUsers(t *testing.T) {
	db, env := demoDB(t)
	if r := mustRun(t, env, "users"); !strings.HasPrefix(r.stdout, "Ingen brukere.") {
		t.Fatalf("empty list:\n%s", r.stdout)
	}

	r := mustRun(t, env, "users", "add", "ola", "--name", "Ola Nordmann", "--email", "ola@example.no",
		"--role", "leder:osu,digit", "--role", "analytiker")
	if want := "Brukeren ola er opprettet med leder:osu,digit; analytiker.\n" +
		"Brukeren har ikke passord: sett et med «virk users passwd ola».\n"; r.stdout != want {
		t.Errorf("add ola:\n%s\nwant:\n%s", r.stdout, want)
	}
	r = virkCmdIn(t, env, "korrekt hest batteri\n", "users", "add", "kari", "--role", "administrator", "--password-stdin")
	if want := "Brukeren kari er opprettet med administrator.\n"; r.code != 0 || r.stdout != want {
		t.Errorf("add kari: exit %d\n%s%s\nwant:\n%s", r.code, r.stdout, r.stderr, want)
	}
	r = mustRun(t, env, "users", "grant", "ola", "hr", "leder:eiendom,osu")
	if want := "Rollene til ola: leder:osu,digit; analytiker → leder:osu,digit,eiendom; analytiker; hr.\n"; r.stdout != want {
		t.Errorf("grant:\n%s\nwant:\n%s", r.stdout, want)
	}
	r = mustRun(t, env, "users", "revoke", "ola", "analytiker")
	if want := "Rollene til ola: leder:osu,digit,eiendom; analytiker; hr → leder:osu,digit,eiendom; hr.\n"; r.stdout != want {
		t.Errorf("revoke analytiker:\n%s\nwant:\n%s", r.stdout, want)
	}
	r = mustRun(t, env, "users", "revoke", "ola", "leder:digit")
	if want := "Rollene til ola: leder:osu,digit,eiendom; hr → leder:osu,eiendom; hr.\n"; r.stdout != want {
		t.Errorf("revoke leder:digit:\n%s\nwant:\n%s", r.stdout, want)
	}

	r = mustRun(t, env, "users")
	want := "" +
		"Brukernavn  Navn          Kilde  Roller                 Sperret  Sist innlogget\n" +
		"───────────────────────────────────────────────────────────────────────────────\n" +
		"kari                      local  administrator                   aldri\n" +
		"ola         Ola Nordmann  local  leder:osu,eiendom; hr           aldri\n"
	if r.stdout != want {
		t.Errorf("list:\n%s\nwant:\n%s", r.stdout, want)
	}

	st := mustOpen(t, db)
	if ok, err := auth.CheckPassword(mustUser(t, st, "kari").PasswordHash, "korrekt hest batteri"); !ok || err != nil {
		t.Errorf("kari's password from stdin does not check: %v, %v", ok, err)
	}
	if u := mustUser(t, st, "ola"); u.PasswordHash != "" || u.Email != "ola@example.no" || u.Source != virk.UserLocal {
		t.Errorf("ola stored as %+v", u)
	}
}

// TestUsers_Refused: wrong roles, unknown users and short passwords are
// refused with a Norwegian message and change nothing.
func TestUsers_Refused(t *testing.T) {
	_, env := demoDB(t)
	mustRun(t, env, "users", "add", "ola", "--role", "leser")
	for _, tt := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"BadRole", "", []string{"users", "add", "per", "--role", "sjef"}, 2,
			"virk users: ukjent rolle «sjef» (kjente roller: leser, leder, analytiker, hr, administrator)\n"},
		{"LeaderWithoutUnits", "", []string{"users", "grant", "ola", "leder"}, 2,
			"virk users: rollen leder må gjelde minst én enhet (for eksempel leder:osu)\n"},
		{"UnitsOfWholeRole", "", []string{"users", "grant", "ola", "hr:osu"}, 2,
			"virk users: rollen hr gjelder hele kommunen; oppgi den uten enheter (bare leder har enheter)\n"},
		{"GrantNothing", "", []string{"users", "grant", "ola"}, 2,
			"virk users: oppgi minst én rolle etter brukernavnet\n"},
		{"RevokeUnheld", "", []string{"users", "revoke", "ola", "hr"}, 1,
			"virk users: brukeren ola har ikke rollen hr\n"},
		{"RevokeBadRole", "", []string{"users", "revoke", "ola", "sjef"}, 2,
			"virk users: ukjent rolle «sjef» (kjente roller: leser, leder, analytiker, hr, administrator)\n"},
		{"UnknownUser", "", []string{"users", "grant", "per", "leser"}, 1,
			"virk users: ukjent bruker «per» (se «virk users»)\n"},
		{"Duplicate", "", []string{"users", "add", "ola"}, 1, "virk users: Brukeren «ola» finnes fra før.\n"},
		{"UnknownUnit", "", []string{"users", "grant", "ola", "leder:osuu"}, 1,
			"virk users: rolle leder: enheten «osuu» finnes ikke\n"},
		{"BadLogin", "", []string{"users", "add", "per son"}, 1,
			"virk users: bruker \"per son\": brukernavnet kan ikke ha mellomrom eller kontrolltegn\n"},
		{"ShortPassword", "kort\n", []string{"users", "add", "per", "--password-stdin"}, 1,
			"virk users: passordet må ha minst 12 tegn (det har 4)\n"},
		{"NoPassword", "", []string{"users", "passwd", "ola"}, 1,
			"virk users: fant ikke noe passord på standard inn; send det inn på første linje\n"},
		{"UnknownSubcommand", "", []string{"users", "remove", "ola"}, 2, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := virkCmdIn(t, env, tt.stdin, tt.args...)
			if r.code != tt.code || tt.want != "" && r.stderr != tt.want {
				t.Errorf("exit %d, stderr %q; want exit %d, %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
	r := mustRun(t, env, "users")
	if strings.Contains(r.stdout, "\nper ") || !strings.Contains(r.stdout, "\nola               local  leser            aldri\n") {
		t.Errorf("a refused command changed the users:\n%s", r.stdout)
	}
}

// TestUsers_Sessions: a new password and a block end the user's sessions;
// delete removes the user.
func TestUsers_Sessions(t *testing.T) {
	db, env := demoDB(t)
	mustRun(t, env, "users", "add", "ola", "--role", "leser")
	st := mustOpen(t, db)
	ctx := context.Background()
	ola := mustUser(t, st, "ola")
	login := func(id string) {
		t.Helper()
		now := time.Now()
		if err := st.CreateSession(ctx, &virk.Session{ID: auth.HashSecret(id), UserID: ola.ID, CSRF: "x",
			Address: "127.0.0.1", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	loggedIn := func(id string) bool {
		t.Helper()
		_, err := st.FindSession(ctx, auth.HashSecret(id), time.Now())
		if err != nil && virk.ErrorCode(err) != virk.ENOTFOUND {
			t.Fatal(err)
		}
		return err == nil
	}

	login("a")
	r := virkCmdIn(t, env, "et nytt og langt passord\r\n", "users", "passwd", "ola")
	if r.code != 0 || r.stdout != "Nytt passord for ola er lagret, og brukerens økter er avsluttet.\n" {
		t.Errorf("passwd: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if ok, err := auth.CheckPassword(mustUser(t, st, "ola").PasswordHash, "et nytt og langt passord"); !ok || err != nil {
		t.Errorf("the new password does not check: %v, %v", ok, err)
	}
	if loggedIn("a") {
		t.Error("passwd left the session")
	}

	login("b")
	r = mustRun(t, env, "users", "disable", "ola")
	if !strings.HasPrefix(r.stdout, "Brukeren ola er sperret, og øktene er avsluttet.") {
		t.Errorf("disable:\n%s", r.stdout)
	}
	if loggedIn("b") || !mustUser(t, st, "ola").Disabled {
		t.Error("disable left the session, or the user open")
	}
	if r := mustRun(t, env, "users"); !strings.Contains(r.stdout, "\nola               local  leser   ja       aldri\n") {
		t.Errorf("list does not show the block:\n%s", r.stdout)
	}
	mustRun(t, env, "users", "enable", "ola")
	if mustUser(t, st, "ola").Disabled {
		t.Error("enable left the user blocked")
	}

	r = mustRun(t, env, "users", "delete", "ola")
	if !strings.HasPrefix(r.stdout, "Brukeren ola er slettet") {
		t.Errorf("delete:\n%s", r.stdout)
	}
	if _, err := st.FindUserByLogin(ctx, "ola"); virk.ErrorCode(err) != virk.ENOTFOUND {
		t.Errorf("after delete: %v", err)
	}
}

func TestMergeGrants(t *testing.T) {
	for _, tt := range []struct {
		name     string
		gs, add  string
		want     string
		revoke   string
		afterRev string
	}{
		{"New", "leser", "hr", "leser; hr", "leser", "hr"},
		{"Held", "leser", "leser", "leser", "leser", "ingen roller"},
		{"MoreUnits", "leder:osu", "leder:digit,osu", "leder:osu,digit", "leder:osu", "leder:digit"},
		{"LastUnit", "leder:osu", "leder:osu", "leder:osu", "leder:osu", "ingen roller"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parse := func(s string) []virk.Grant {
				var gs []virk.Grant
				for _, p := range strings.Split(s, "; ") {
					g, err := virk.ParseGrant(p)
					if err != nil {
						t.Fatal(err)
					}
					gs = append(gs, g)
				}
				return gs
			}
			gs := parse(tt.gs)
			got := virk.MergeGrants(gs, parse(tt.add))
			if grantsText(got) != tt.want || grantsText(gs) != tt.gs {
				t.Errorf("merge = %s (input now %s), want %s", grantsText(got), grantsText(gs), tt.want)
			}
			g := parse(tt.revoke)[0]
			if left, _ := removeGrant(got, g.Role, g.Units); grantsText(left) != tt.afterRev {
				t.Errorf("revoke %s from %s = %s, want %s", tt.revoke, tt.want, grantsText(left), tt.afterRev)
			}
		})
	}
}
